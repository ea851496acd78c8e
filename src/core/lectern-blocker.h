/* lectern-blocker.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-filter-engine.h"
#include "lectern-request.h"
#include "lectern-site-choices.h"
#include "lectern-tracker-db.h"

G_BEGIN_DECLS

/**
 * LecternDecision:
 * @third_party: the request goes to another site than the top page's
 * @tracker: a blocking rule matched (and no exception), or the host is a
 *   known third-party tracker
 * @blocked: the request must not leave the browser
 * @category: the tracker's category; %LECTERN_CATEGORY_UNKNOWN when not a tracker
 * @tracker_info: (nullable): the tracker database's entry for the host
 * @match: what the filter lists said
 * @choices: the choices in force for the top page's site
 * @allowed_by_user: the category is refused but the reader allowed this
 *   tracker on this site
 *
 * Everything here is borrowed from the blocker and lives as long as it.
 */
typedef struct
{
  gboolean               third_party;
  gboolean               tracker;
  gboolean               blocked;
  LecternCategory        category;
  const LecternTracker  *tracker_info;
  LecternFilterMatch     match;
  const LecternSiteChoices *choices;
  gboolean               allowed_by_user;
} LecternDecision;

typedef struct _LecternBlocker LecternBlocker;

LecternBlocker           *lectern_blocker_new          (LecternFilterEngine       *engine,
                                                        LecternTrackerDb          *trackers);
void                      lectern_blocker_free         (LecternBlocker            *self);
void                      lectern_blocker_set_defaults (LecternBlocker            *self,
                                                        const LecternSiteChoices  *defaults);
void                      lectern_blocker_set_choices  (LecternBlocker            *self,
                                                        const LecternSiteChoices  *choices);
gboolean                  lectern_blocker_sends_gpc    (LecternBlocker            *self,
                                                        const char                *page_url);
const LecternSiteChoices *lectern_blocker_get_choices  (LecternBlocker            *self,
                                                        const char                *site);
void                      lectern_blocker_set_allowed_trackers (LecternBlocker      *self,
                                                                const char          *site,
                                                                const char * const  *trackers);
const char               *lectern_blocker_tracker_key  (const char                *name,
                                                        const char                *host);
gboolean                  lectern_blocker_decide       (LecternBlocker            *self,
                                                        const LecternRequest      *request,
                                                        LecternDecision           *decision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternBlocker, lectern_blocker_free)

G_END_DECLS
