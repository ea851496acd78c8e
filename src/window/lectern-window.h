/* lectern-window.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-profile.h"
#include "lectern-web-view.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_WINDOW (lectern_window_get_type ())

G_DECLARE_FINAL_TYPE (LecternWindow, lectern_window, LECTERN, WINDOW, AdwApplicationWindow)

LecternWindow  *lectern_window_new                 (GtkApplication     *application,
                                                    LecternProfile     *profile);
LecternProfile *lectern_window_get_profile         (LecternWindow      *self);
LecternWebView *lectern_window_get_web_view        (LecternWindow      *self);
void            lectern_window_load_uri            (LecternWindow      *self,
                                                    const char         *uri);
void            lectern_window_load_demo           (LecternWindow      *self);
gboolean        lectern_window_get_sidebar_visible (LecternWindow      *self);
void            lectern_window_set_sidebar_visible (LecternWindow      *self,
                                                    gboolean            visible);
void            lectern_window_show_message        (LecternWindow      *self,
                                                    const char         *message);
const char     *lectern_window_get_failed_uri      (LecternWindow      *self);
void            lectern_window_leave_load_error    (LecternWindow      *self);
gboolean        lectern_window_save_screenshot     (GtkWindow          *window,
                                                    const char         *path,
                                                    GError            **error);
gboolean        lectern_window_get_reader_mode     (LecternWindow      *self);
void            lectern_window_set_reader_mode     (LecternWindow      *self,
                                                    gboolean            reader_mode);
gboolean        lectern_window_get_reader_available (LecternWindow     *self);
WebKitWebView  *lectern_window_get_reader_view     (LecternWindow      *self);
const char     *lectern_window_get_reader_theme    (LecternWindow      *self);
void            lectern_window_set_reader_theme    (LecternWindow      *self,
                                                    const char         *theme);
const char     *lectern_window_get_reader_font     (LecternWindow      *self);
void            lectern_window_set_reader_font     (LecternWindow      *self,
                                                    const char         *font);
const char     *lectern_window_get_reader_width    (LecternWindow      *self);
void            lectern_window_set_reader_width    (LecternWindow      *self,
                                                    const char         *width);
double          lectern_window_get_reader_zoom     (LecternWindow      *self);
gboolean        lectern_window_get_reader_always   (LecternWindow      *self);
void            lectern_window_set_reader_always   (LecternWindow      *self,
                                                    gboolean            always);
void            lectern_window_load_start_page     (LecternWindow      *self);
void            lectern_window_clear_recent_articles (LecternWindow    *self);
void            lectern_window_zoom_reader         (LecternWindow      *self,
                                                    int                 steps);
void            lectern_window_export_consent_receipt_async  (LecternWindow       *self,
                                                              GFile               *file,
                                                              GCancellable        *cancellable,
                                                              GAsyncReadyCallback  callback,
                                                              gpointer             user_data);
gboolean        lectern_window_export_consent_receipt_finish (LecternWindow       *self,
                                                              GAsyncResult        *result,
                                                              GError             **error);

G_END_DECLS
