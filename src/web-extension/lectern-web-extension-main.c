/* lectern-web-extension-main.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gmodule.h>

#include "lectern-ipc-init.h"
#include "lectern-web-extension.h"

static LecternWebExtension *the_extension;

G_MODULE_EXPORT void webkit_web_process_extension_initialize_with_user_data (WebKitWebProcessExtension *extension,
                                                                            GVariant                  *user_data);

G_MODULE_EXPORT void
webkit_web_process_extension_initialize_with_user_data (WebKitWebProcessExtension *extension,
                                                        GVariant                  *user_data)
{
  g_autoptr(LecternIpcInit) init = NULL;
  g_autoptr(GError) error = NULL;

  if (user_data != NULL)
    init = lectern_ipc_init_new_from_variant (user_data, &error);
  if (init == NULL)
    {
      g_message ("The web process got no usable start-up data; nothing will be blocked");
      if (error != NULL)
        g_debug ("%s", error->message);
      init = lectern_ipc_init_new ();
    }

  /* Lives as long as the web process. */
  the_extension = lectern_web_extension_new (extension, init);
}
