/* lectern-web-view.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "lectern-cookie-enforcer.h"
#include "lectern-page-state.h"
#include "lectern-profile.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_WEB_VIEW (lectern_web_view_get_type ())

G_DECLARE_FINAL_TYPE (LecternWebView, lectern_web_view, LECTERN, WEB_VIEW, WebKitWebView)

#define LECTERN_DEMO_URI "https://www.dailyherald.example/2026/11/28/the-quiet-return-of-the-night-train/"

LecternWebView   *lectern_web_view_new                   (LecternProfile        *profile);
LecternProfile   *lectern_web_view_get_profile           (LecternWebView        *self);
LecternPageState *lectern_web_view_get_page              (LecternWebView        *self);
LecternPageState *lectern_web_view_get_history_page      (LecternWebView        *self,
                                                          WebKitBackForwardListItem *item);
void              lectern_web_view_load_demo             (LecternWebView        *self);
void              lectern_web_view_reload_page           (LecternWebView        *self);
void              lectern_web_view_return_to_page        (LecternWebView        *self);
gint64            lectern_web_view_get_last_activity     (LecternWebView        *self);
LecternCookieEnforcer *
                  lectern_web_view_get_cookie_enforcer   (LecternWebView        *self);

G_END_DECLS
