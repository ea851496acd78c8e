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
 * and "site.trusted", which the window provides. */
GtkWidget          *lectern_sidebar_new         (void);
LecternSitePrivacy *lectern_sidebar_get_privacy (LecternSidebar     *self);
void                lectern_sidebar_set_privacy (LecternSidebar     *self,
                                                 LecternSitePrivacy *privacy);

G_END_DECLS
