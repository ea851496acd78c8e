/* lectern-cookie-classifier.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-cookie-db.h"
#include "lectern-page-report.h"
#include "lectern-site-choices.h"
#include "lectern-tracker-db.h"

G_BEGIN_DECLS

/**
 * LecternCookieVerdict:
 * @category: the cookie's category, %LECTERN_CATEGORY_UNKNOWN if nothing knows it
 * @platform: (nullable): the service that sets it
 * @owner: (nullable): the company behind @platform
 * @info: (nullable): the cookie database's entry
 * @tracker: (nullable): the tracker database's entry for the cookie's domain
 * @third_party: the cookie's domain is another site than the page's
 * @violation: its category is refused for the site, and the reader did
 *   not allow the tracker that sets it there
 * @allowed_tracker: (nullable): the tracker that sets it, as the reader
 *   allowed it on the site (a tracker's name, else a host), when its
 *   category is refused there: why it is no violation
 *
 * Borrowed from the databases and the allowed trackers.
 */
typedef struct
{
  LecternCategory          category;
  const char              *platform;
  const char              *owner;
  const LecternCookieInfo *info;
  const LecternTracker    *tracker;
  gboolean                 third_party;
  gboolean                 violation;
  const char              *allowed_tracker;
} LecternCookieVerdict;

void lectern_cookie_classify (LecternCookieDb          *cookies,
                              LecternTrackerDb         *trackers,
                              const LecternSiteChoices *choices,
                              const char * const       *allowed_trackers,
                              const char               *name,
                              const char               *domain,
                              const char               *page_host,
                              LecternCookieVerdict     *verdict);

GPtrArray *lectern_cookie_records_dup_in_reading_order (GPtrArray *records,
                                                        guint     *n_violations) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
