/* lectern-window-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-sidebar.h"
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
  LecternWebView       *web_view;
  GSimpleActionGroup   *site_actions;

  gboolean              sidebar_visible;
};

void lectern_window_class_actions_init (LecternWindowClass *klass);
void lectern_window_actions_init       (LecternWindow      *self);
void lectern_window_actions_update     (LecternWindow      *self);

G_END_DECLS
