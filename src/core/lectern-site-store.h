/* lectern-site-store.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-site-choices.h"

G_BEGIN_DECLS

#define LECTERN_SITE_STORE_ERROR (lectern_site_store_error_quark ())

typedef enum
{
  LECTERN_SITE_STORE_ERROR_OPEN,
  LECTERN_SITE_STORE_ERROR_QUERY,
  LECTERN_SITE_STORE_ERROR_READ_ONLY,
} LecternSiteStoreError;

typedef struct _LecternSiteStore LecternSiteStore;

/**
 * LecternSiteChoicesEditFunc:
 * @choices: a site's choices as they are stored now, to change in place
 * @user_data: the data given to lectern_site_store_edit_choices()
 */
typedef void (*LecternSiteChoicesEditFunc) (LecternSiteChoices *choices,
                                            gpointer            user_data);

GQuark              lectern_site_store_error_quark        (void);
LecternSiteStore   *lectern_site_store_open               (const char                *path,
                                                           GError                   **error);
LecternSiteStore   *lectern_site_store_new_unsaved        (const char                *reason);
void                lectern_site_store_free               (LecternSiteStore          *self);
const char         *lectern_site_store_get_recovery_message (LecternSiteStore        *self);
const char         *lectern_site_store_get_read_only_reason (LecternSiteStore        *self);
void                lectern_site_store_set_defaults       (LecternSiteStore          *self,
                                                           const LecternSiteChoices  *defaults);
const LecternSiteChoices *
                    lectern_site_store_get_defaults       (LecternSiteStore          *self);
LecternSiteChoices *lectern_site_store_dup_choices        (LecternSiteStore          *self,
                                                           const char                *site) G_GNUC_WARN_UNUSED_RESULT;
gboolean            lectern_site_store_has_choices        (LecternSiteStore          *self,
                                                           const char                *site);
gboolean            lectern_site_store_save_choices       (LecternSiteStore          *self,
                                                           const LecternSiteChoices  *choices,
                                                           GError                   **error);
gboolean            lectern_site_store_edit_choices       (LecternSiteStore          *self,
                                                           const char                *site,
                                                           LecternSiteChoicesEditFunc edit,
                                                           gpointer                   user_data,
                                                           LecternSiteChoices       **result,
                                                           GError                   **error);
GStrv               lectern_site_store_dup_changed_sites  (LecternSiteStore          *self) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray          *lectern_site_store_dup_all            (LecternSiteStore          *self,
                                                           GError                   **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean            lectern_site_store_set_tracker_allowed (LecternSiteStore       *self,
                                                            const char             *site,
                                                            const char             *tracker,
                                                            gboolean                allowed,
                                                            GError                **error);
GStrv               lectern_site_store_dup_allowed_trackers (LecternSiteStore      *self,
                                                             const char            *site) G_GNUC_WARN_UNUSED_RESULT;
GVariant           *lectern_site_store_dup_all_allowed_trackers (LecternSiteStore  *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternSiteStore, lectern_site_store_free)

G_END_DECLS
