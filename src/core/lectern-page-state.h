/* lectern-page-state.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lectern-cmp-outcome.h"
#include "lectern-cookie-evidence.h"
#include "lectern-page-report.h"
#include "lectern-request-record.h"
#include "lectern-site-choices.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_PAGE_STATE (lectern_page_state_get_type ())

G_DECLARE_FINAL_TYPE (LecternPageState, lectern_page_state, LECTERN, PAGE_STATE, GObject)

LecternPageState         *lectern_page_state_new                 (const char                  *url,
                                                                  const LecternSiteChoices    *choices,
                                                                  const char * const          *allowed_trackers);
const char               *lectern_page_state_get_url             (LecternPageState            *self);
const char               *lectern_page_state_get_site            (LecternPageState            *self);
gboolean                  lectern_page_state_is_page             (LecternPageState            *self,
                                                                  const char                  *url);
const char               *lectern_page_state_get_title           (LecternPageState            *self);
void                      lectern_page_state_set_title           (LecternPageState            *self,
                                                                  const char                  *title);
const LecternSiteChoices *lectern_page_state_get_choices         (LecternPageState            *self);
void                      lectern_page_state_set_choices         (LecternPageState            *self,
                                                                  const LecternSiteChoices    *choices);
gboolean                  lectern_page_state_get_tracker_allowed (LecternPageState            *self,
                                                                  const char                  *tracker);
void                      lectern_page_state_set_allowed_trackers (LecternPageState           *self,
                                                                   const char * const         *trackers);
gboolean                  lectern_page_state_add_request         (LecternPageState            *self,
                                                                  const LecternRequestRecord  *record);
GPtrArray                *lectern_page_state_get_requests        (LecternPageState            *self);
guint                     lectern_page_state_get_n_trackers      (LecternPageState            *self);
guint                     lectern_page_state_get_n_blocked       (LecternPageState            *self);
void                      lectern_page_state_get_category_counts (LecternPageState            *self,
                                                                  LecternCategory              category,
                                                                  guint                       *n_blocked,
                                                                  guint                       *n_allowed);
void                      lectern_page_state_set_cookies         (LecternPageState            *self,
                                                                  GPtrArray                   *records);
GPtrArray                *lectern_page_state_get_cookies         (LecternPageState            *self);
guint                     lectern_page_state_get_n_violations    (LecternPageState            *self);
void                      lectern_page_state_set_cmp_outcome     (LecternPageState            *self,
                                                                  const LecternCmpOutcome     *outcome);
const LecternCmpOutcome  *lectern_page_state_get_cmp_outcome     (LecternPageState            *self);
gboolean                  lectern_page_state_get_cmp_searching   (LecternPageState            *self);
void                      lectern_page_state_set_cmp_searching   (LecternPageState            *self,
                                                                  gboolean                     searching);
gboolean                  lectern_page_state_get_protected       (LecternPageState            *self);
void                      lectern_page_state_set_protected       (LecternPageState            *self);
gboolean                  lectern_page_state_get_loaded          (LecternPageState            *self);
void                      lectern_page_state_set_loaded          (LecternPageState            *self);
void                      lectern_page_state_add_cookie_evidence (LecternPageState            *self,
                                                                  const LecternCookieEvidence *evidence);
GPtrArray                *lectern_page_state_get_violations      (LecternPageState            *self);
LecternPageReport        *lectern_page_state_build_report        (LecternPageState            *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
