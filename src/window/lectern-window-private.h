/* lectern-window-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-article.h"
#include "lectern-sidebar.h"
#include "lectern-site-actions.h"
#include "lectern-window.h"

G_BEGIN_DECLS

struct _LecternWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwHeaderBar         *header_bar;
  GtkStack             *reload_stop_stack;
  GtkEntry             *address_entry;
  GtkToggleButton      *sidebar_button;
  AdwToastOverlay      *toast_overlay;
  AdwFlap              *flap;
  GtkBox               *content_box;
  LecternSidebar       *sidebar;

  /* Owned */
  LecternProfile       *profile;
  LecternWebView       *web_view;
  LecternSiteActions   *site_actions;

  guint32               page_tab_time;

  /* Borrowed: what went wrong loading the profile, until dismissed */
  AdwToast             *startup_toast;

  /* A load that failed before it committed, or a page whose web process
   * kept crashing, shown in place of the page */
  AdwStatusPage        *error_page;
  char                 *failed_uri;
  gboolean              crashed;

  /* Reader mode (lectern-window-reader.c) */
  GtkStack             *view_stack;
  WebKitWebView        *reader_view;
  LecternArticle       *article;
  GCancellable         *reader_cancellable;
  char                 *reader_theme;
  char                 *reader_font;
  char                 *reader_width;
  double                reader_zoom;
  gboolean              readerable;
  gboolean              reader_mode;
  gboolean              showing_start_page;
  GPtrArray            *cleared_articles;
  AdwToast             *clear_toast;
};

void lectern_window_class_actions_init      (LecternWindowClass *klass);
void lectern_window_actions_init            (LecternWindow      *self);
void lectern_window_actions_update          (LecternWindow      *self);
void lectern_window_reader_init             (LecternWindow      *self);
void lectern_window_reader_dispose          (LecternWindow      *self);
void lectern_window_let_tab_leave_view      (WebKitWebView      *view);
void lectern_window_restore_recent_articles (LecternWindow      *self);

G_END_DECLS
