/* lectern-web-extension.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit-web-process-extension.h>

#include "lectern-ipc-init.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_WEB_EXTENSION (lectern_web_extension_get_type ())

G_DECLARE_FINAL_TYPE (LecternWebExtension, lectern_web_extension, LECTERN, WEB_EXTENSION, GObject)

LecternWebExtension *lectern_web_extension_new (WebKitWebProcessExtension *extension,
                                                const LecternIpcInit      *init);

G_END_DECLS
