/* lectern-window.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-application.h"
#include "lectern-web-view.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_WINDOW (lectern_window_get_type ())

G_DECLARE_FINAL_TYPE (LecternWindow, lectern_window, LECTERN, WINDOW, AdwApplicationWindow)

LecternWindow  *lectern_window_new                 (LecternApplication *application);
LecternWebView *lectern_window_get_web_view        (LecternWindow      *self);
void            lectern_window_load_uri            (LecternWindow      *self,
                                                    const char         *uri);
void            lectern_window_load_demo           (LecternWindow      *self);
gboolean        lectern_window_get_sidebar_visible (LecternWindow      *self);
void            lectern_window_set_sidebar_visible (LecternWindow      *self,
                                                    gboolean            visible);
void            lectern_window_show_message        (LecternWindow      *self,
                                                    const char         *message);
gboolean        lectern_window_save_screenshot     (GtkWindow          *window,
                                                    const char         *path,
                                                    GError            **error);

G_END_DECLS
