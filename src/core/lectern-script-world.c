/* lectern-script-world.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-script-world.h"

#include <gio/gio.h>

/**
 * lectern_script_world_get_name:
 * @world: one of Lectern's script worlds
 *
 * Returns: the world's name: a GUID made once per process, so that no
 *   page can know it in advance and reach into the world
 */
const char *
lectern_script_world_get_name (LecternScriptWorld world)
{
  static gsize initialized = 0;
  static char *names[LECTERN_N_SCRIPT_WORLDS];

  g_return_val_if_fail (world < LECTERN_N_SCRIPT_WORLDS, NULL);

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < LECTERN_N_SCRIPT_WORLDS; i++)
        names[i] = g_dbus_generate_guid ();
      g_once_init_leave (&initialized, 1);
    }

  return names[world];
}
