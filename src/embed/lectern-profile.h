/* lectern-profile.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

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

#define LECTERN_TYPE_PROFILE (lectern_profile_get_type ())

G_DECLARE_FINAL_TYPE (LecternProfile, lectern_profile, LECTERN, PROFILE, GObject)

LecternProfile           *lectern_profile_new                 (const char                *data_dir,
                                                               const char                *proxy,
                                                               GSettings                 *settings);
const char               *lectern_profile_get_data_dir        (LecternProfile            *self);
WebKitWebContext         *lectern_profile_get_web_context     (LecternProfile            *self);
WebKitNetworkSession     *lectern_profile_get_network_session (LecternProfile            *self);
GSettings                *lectern_profile_get_settings        (LecternProfile            *self);
LecternCookieDb          *lectern_profile_get_cookie_db       (LecternProfile            *self);
LecternTrackerDb         *lectern_profile_get_tracker_db      (LecternProfile            *self);
LecternHistoryStore      *lectern_profile_get_history_store   (LecternProfile            *self);
LecternCmpMemory         *lectern_profile_get_cmp_memory      (LecternProfile            *self);
const char               *lectern_profile_get_startup_message (LecternProfile            *self);
const LecternFilterStats *lectern_profile_get_filter_stats    (LecternProfile            *self);
char                     *lectern_profile_dup_report_text     (LecternProfile            *self,
                                                               LecternPageReport         *report) G_GNUC_WARN_UNUSED_RESULT;
LecternSiteChoices       *lectern_profile_dup_choices         (LecternProfile            *self,
                                                               const char                *site) G_GNUC_WARN_UNUSED_RESULT;
GStrv                     lectern_profile_dup_allowed_trackers (LecternProfile           *self,
                                                                const char               *site) G_GNUC_WARN_UNUSED_RESULT;
gboolean                  lectern_profile_set_choices         (LecternProfile            *self,
                                                               const LecternSiteChoices  *choices,
                                                               GError                   **error);
gboolean                  lectern_profile_edit_choices        (LecternProfile            *self,
                                                               const char                *site,
                                                               LecternSiteChoicesEditFunc edit,
                                                               gpointer                   user_data,
                                                               GError                   **error);
gboolean                  lectern_profile_set_tracker_allowed (LecternProfile            *self,
                                                               const char                *site,
                                                               const char                *tracker,
                                                               gboolean                   allowed,
                                                               GError                   **error);

G_END_DECLS
