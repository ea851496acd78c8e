/* lectern-web-view-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-autoconsent.h"
#include "lectern-web-view.h"

G_BEGIN_DECLS

struct _LecternWebView
{
  WebKitWebView          parent_instance;

  /* Owned */
  LecternProfile        *profile;
  LecternPageState      *page;
  /* The page being loaded, until it commits */
  LecternPageState      *provisional;
  LecternCookieEnforcer *cookie_enforcer;
  LecternAutoconsent    *autoconsent;
  gint64                 last_activity;
  gint64                 committed_at;
  guint                  cmp_search_source;
  WebKitNavigationType   navigation_type;
  gboolean               showing_demo;
  /* The page whose web process last died, and when (monotonic time) */
  char                  *crashed_uri;
  gint64                 crashed_at;
};

void              _lectern_web_view_touch            (LecternWebView *self);
LecternPageState *_lectern_web_view_find_page        (LecternWebView *self,
                                                      const char     *page_uri);
LecternPageState *_lectern_web_view_get_loading_page (LecternWebView *self);
void              _lectern_web_view_messages_init    (LecternWebView *self);

G_END_DECLS
