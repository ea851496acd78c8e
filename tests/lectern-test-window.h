/* lectern-test-window.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "lectern-web-view.h"

G_BEGIN_DECLS

int   lectern_test_run_window      (const char    *data_dir,
                                    const char    *proxy,
                                    const char    *url,
                                    GCallback      activate_cb,
                                    gpointer       user_data);
void  lectern_test_iterate_for     (guint          milliseconds);
void  lectern_test_save_screenshot (GtkWindow     *window,
                                    const char    *name);
char *lectern_test_evaluate        (WebKitWebView *view,
                                    const char    *world,
                                    const char    *body) G_GNUC_WARN_UNUSED_RESULT;
guint lectern_test_count_pixels    (const char    *name,
                                    guint32        rgb,
                                    guint          tolerance);
void  lectern_test_load_and_wait   (WebKitWebView *view,
                                    void         (*start) (gpointer data),
                                    gpointer       data);
void  lectern_test_set_choices_and_wait (LecternWebView           *view,
                                         const LecternSiteChoices *choices);

G_END_DECLS
