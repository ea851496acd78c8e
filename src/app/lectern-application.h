/* lectern-application.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

#include "lectern-cmp-memory.h"
#include "lectern-cookie-db.h"
#include "lectern-filter-engine.h"
#include "lectern-history-store.h"
#include "lectern-page-report.h"
#include "lectern-site-choices.h"
#include "lectern-site-store.h"
#include "lectern-tracker-db.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_APPLICATION (lectern_application_get_type ())

G_DECLARE_FINAL_TYPE (LecternApplication, lectern_application, LECTERN, APPLICATION, AdwApplication)

LecternApplication   *lectern_application_new                 (void);
LecternApplication   *lectern_application_get_default         (void);
int                   lectern_application_run                 (LecternApplication        *self,
                                                               int                        argc,
                                                               char                     **argv);
void                  lectern_application_set_exit_status     (LecternApplication        *self,
                                                               int                        status);
const char           *lectern_application_get_data_dir        (LecternApplication        *self);
WebKitWebContext     *lectern_application_get_web_context     (LecternApplication        *self);
WebKitNetworkSession *lectern_application_get_network_session (LecternApplication        *self);
GSettings            *lectern_application_get_settings        (LecternApplication        *self);
LecternCookieDb      *lectern_application_get_cookie_db       (LecternApplication        *self);
LecternCmpMemory     *lectern_application_get_cmp_memory      (LecternApplication        *self);
LecternTrackerDb     *lectern_application_get_tracker_db      (LecternApplication        *self);
LecternHistoryStore  *lectern_application_get_history_store   (LecternApplication        *self);
const char           *lectern_application_get_startup_message (LecternApplication        *self);
const LecternFilterStats *
                      lectern_application_get_filter_stats    (LecternApplication        *self);
char                 *lectern_application_dup_report_text     (LecternApplication        *self,
                                                               LecternPageReport         *report) G_GNUC_WARN_UNUSED_RESULT;
LecternSiteChoices   *lectern_application_dup_choices         (LecternApplication        *self,
                                                               const char                *site) G_GNUC_WARN_UNUSED_RESULT;
gboolean              lectern_application_save_choices        (LecternApplication        *self,
                                                               const LecternSiteChoices  *choices,
                                                               GError                   **error);
GStrv                 lectern_application_dup_allowed_trackers (LecternApplication      *self,
                                                                const char              *site) G_GNUC_WARN_UNUSED_RESULT;
gboolean              lectern_application_set_tracker_allowed (LecternApplication       *self,
                                                               const char               *site,
                                                               const char               *tracker,
                                                               gboolean                  allowed,
                                                               GError                  **error);

G_END_DECLS
