/* lectern-test-window.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

int  lectern_test_run_window      (const char *data_dir,
                                   const char *proxy,
                                   const char *url,
                                   GCallback   activate_cb,
                                   gpointer    user_data);
void lectern_test_iterate_for     (guint       milliseconds);
void lectern_test_save_screenshot (GtkWindow  *window,
                                   const char *name);

G_END_DECLS
