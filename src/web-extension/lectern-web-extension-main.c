/* lectern-web-extension-main.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmodule.h>

#include "lectern-web-extension.h"

static LecternWebExtension *the_extension;

G_MODULE_EXPORT void webkit_web_process_extension_initialize_with_user_data (WebKitWebProcessExtension *extension,
                                                                            GVariant                  *user_data);

G_MODULE_EXPORT void
webkit_web_process_extension_initialize_with_user_data (WebKitWebProcessExtension *extension,
                                                        GVariant                  *user_data)
{
  /* Lives as long as the web process. */
  the_extension = lectern_web_extension_new (extension, user_data);
}
