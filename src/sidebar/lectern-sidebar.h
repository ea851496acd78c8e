/* lectern-sidebar.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-site-privacy.h"
#include "lectern-web-view.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_SIDEBAR (lectern_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (LecternSidebar, lectern_sidebar, LECTERN, SIDEBAR, GtkWidget)

/* Property "web-view": the LecternWebView whose page the sidebar shows,
 * through its view model "privacy" (a LecternSitePrivacy, read-only). Its
 * switches and buttons are GtkActionables bound to the "site.*" actions
 * (LecternSiteActions), which the window provides.
 *
 * Property "view": the page shown, "choices", "trackers" or "cookies";
 * the action "sidebar.view" (s) shows one. */
GtkWidget          *lectern_sidebar_new          (void);
LecternWebView     *lectern_sidebar_get_web_view (LecternSidebar *self);
void                lectern_sidebar_set_web_view (LecternSidebar *self,
                                                  LecternWebView *web_view);
LecternSitePrivacy *lectern_sidebar_get_privacy  (LecternSidebar *self);
const char         *lectern_sidebar_get_view     (LecternSidebar *self);
void                lectern_sidebar_set_view     (LecternSidebar *self,
                                                  const char     *view);

G_END_DECLS
