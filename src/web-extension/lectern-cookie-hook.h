/* lectern-cookie-hook.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit-web-process-extension.h>

G_BEGIN_DECLS

void   lectern_cookie_hook_install           (WebKitWebProcessExtension *extension,
                                              WebKitWebPage             *page,
                                              WebKitFrame               *frame,
                                              WebKitScriptWorld         *world);

G_END_DECLS
