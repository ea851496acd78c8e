/* lectern-site-actions.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-web-view.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_SITE_ACTIONS (lectern_site_actions_get_type ())

G_DECLARE_FINAL_TYPE (LecternSiteActions, lectern_site_actions, LECTERN, SITE_ACTIONS, GSimpleActionGroup)

LecternSiteActions *lectern_site_actions_new          (LecternWebView     *web_view);
LecternWebView     *lectern_site_actions_get_web_view (LecternSiteActions *self);

G_END_DECLS
