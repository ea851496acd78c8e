/* lectern-sidebar.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-site-privacy.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_SIDEBAR (lectern_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (LecternSidebar, lectern_sidebar, LECTERN, SIDEBAR, GtkWidget)

/* Property "privacy": the LecternSitePrivacy it shows. Its switches are
 * GtkActionables bound to the stateful boolean actions "site.<category id>"
 * and "site.trusted", which the window provides.
 *
 * Property "view": the page shown, "choices", "trackers" or "cookies".
 *
 * Actions: "sidebar.view" (s) shows a page; "sidebar.delete-cookie" (ss)
 * deletes one cookie (name, domain) of the site on screen, and
 * "sidebar.delete-category-cookies" (s) every cookie of a category;
 * "sidebar.allow-tracker" (sb) lets a tracker (name, else host) through on
 * the site on screen, or stops. */
GtkWidget          *lectern_sidebar_new         (void);
LecternSitePrivacy *lectern_sidebar_get_privacy (LecternSidebar     *self);
void                lectern_sidebar_set_privacy (LecternSidebar     *self,
                                                 LecternSitePrivacy *privacy);
const char         *lectern_sidebar_get_view    (LecternSidebar     *self);
void                lectern_sidebar_set_view    (LecternSidebar     *self,
                                                 const char         *view);

G_END_DECLS
