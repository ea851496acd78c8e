/* lectern-test-window.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

#include "lectern-cookie-item.h"
#include "lectern-fixture-web.h"
#include "lectern-sidebar.h"
#include "lectern-web-view.h"
#include "lectern-window.h"

G_BEGIN_DECLS

/* What every window test has: the fixture web, a fresh profile folder,
 * and, while Lectern runs, its application and window. */
typedef struct _LecternTestWindow LecternTestWindow;

typedef void     (*LecternTestWindowFunc) (LecternTestWindow *fixture);
typedef gboolean (*LecternTestCondition)  (gpointer           data);

struct _LecternTestWindow
{
  LecternFixtureWeb     *web;
  char                  *proxy;
  char                  *data_dir;
  GApplication          *application;
  LecternWindow         *window;
  LecternTestWindowFunc  body;
  /* Called once the application has started, before any window or web
   * process exists, with application set; may be %NULL */
  LecternTestWindowFunc  startup;
};

void                lectern_test_window_init          (LecternTestWindow     *fixture,
                                                       const char            *tmp_prefix);
void                lectern_test_window_clear         (LecternTestWindow     *fixture);
void                lectern_test_window_run           (LecternTestWindow     *fixture,
                                                       const char            *url,
                                                       LecternTestWindowFunc  body);
LecternWebView     *lectern_test_window_get_web_view  (LecternTestWindow     *fixture);
LecternProfile     *lectern_test_window_get_profile   (LecternTestWindow     *fixture);
LecternSitePrivacy *lectern_test_window_get_privacy   (LecternTestWindow     *fixture);
LecternCookieItem  *lectern_test_window_find_cookie   (LecternTestWindow     *fixture,
                                                       const char            *name);
void                lectern_test_window_add_cookie    (LecternTestWindow     *fixture,
                                                       const char            *name,
                                                       const char            *value);
gboolean            lectern_test_window_is_quiet      (gpointer               data);
void                lectern_test_window_wait_quiet    (LecternTestWindow     *fixture);
void                lectern_test_wait_until           (LecternTestCondition   done,
                                                       gpointer               data,
                                                       guint                  timeout_seconds);
GtkWidget          *lectern_test_find_widget          (GtkWidget             *widget,
                                                       GType                  type);
GtkWidget          *lectern_test_find_actionable      (GtkWidget             *widget,
                                                       const char            *action_name);
GtkLabel           *lectern_test_find_label           (GtkWidget             *widget,
                                                       const char            *text);
GtkWindow          *lectern_test_find_toplevel        (GType                  type);
void                lectern_test_iterate_for          (guint                  milliseconds);
void                lectern_test_save_screenshot      (GtkWindow             *window,
                                                       const char            *name);
void                lectern_test_save_light_and_dark  (GtkWindow             *window,
                                                       const char            *name);
char               *lectern_test_evaluate             (WebKitWebView         *view,
                                                       const char            *world,
                                                       const char            *body) G_GNUC_WARN_UNUSED_RESULT;
guint               lectern_test_count_pixels         (const char            *name,
                                                       guint32                rgb,
                                                       guint                  tolerance);
void                lectern_test_load_and_wait        (WebKitWebView         *view,
                                                       void                 (*start) (gpointer data),
                                                       gpointer               data);
void                lectern_test_set_choices_and_wait (LecternWebView        *view,
                                                       const LecternSiteChoices *choices);

G_END_DECLS
