/* lectern-cookie-enforcer.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "lectern-profile.h"
#include "lectern-site-choices.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_COOKIE_ENFORCER (lectern_cookie_enforcer_get_type ())

G_DECLARE_FINAL_TYPE (LecternCookieEnforcer, lectern_cookie_enforcer, LECTERN, COOKIE_ENFORCER, GObject)

LecternCookieEnforcer *lectern_cookie_enforcer_new         (LecternProfile            *profile);
void                   lectern_cookie_enforcer_set_page    (LecternCookieEnforcer     *self,
                                                            const char                *uri,
                                                            const LecternSiteChoices  *choices,
                                                            GPtrArray                 *known);
void                   lectern_cookie_enforcer_set_choices (LecternCookieEnforcer     *self,
                                                            const LecternSiteChoices  *choices);
void                   lectern_cookie_enforcer_scan_async  (LecternCookieEnforcer     *self,
                                                            GCancellable              *cancellable,
                                                            GAsyncReadyCallback        callback,
                                                            gpointer                   user_data);
GPtrArray             *lectern_cookie_enforcer_scan_finish (LecternCookieEnforcer     *self,
                                                            GAsyncResult              *result,
                                                            GError                   **error);

void                   lectern_cookie_enforcer_delete_async  (LecternCookieEnforcer  *self,
                                                              const char             *name,
                                                              const char             *domain,
                                                              const char             *category_id,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
int                    lectern_cookie_enforcer_delete_finish (LecternCookieEnforcer  *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);

G_END_DECLS
