/* lectern-paths.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-paths.h"

#include <string.h>

/* Lectern runs from its build tree (build/src/lectern, and the tests) as
 * well as installed. Running from the build tree must load the extension
 * and data of that tree, never an older installed copy, so the decision is
 * made from where the running program lives rather than from a build
 * option. */
gboolean
lectern_paths_is_uninstalled (void)
{
  static gsize initialized = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *build_root = g_canonicalize_filename (BUILD_ROOT, NULL);

      uninstalled = exe != NULL &&
                    g_str_has_prefix (exe, build_root) &&
                    exe[strlen (build_root)] == G_DIR_SEPARATOR;

      g_once_init_leave (&initialized, 1);
    }

  return uninstalled;
}

const char *
lectern_paths_get_data_dir (void)
{
  return lectern_paths_is_uninstalled () ? SOURCE_ROOT "/resources/data" : PKGDATADIR "/data";
}

const char *
lectern_paths_get_extension_dir (void)
{
  return lectern_paths_is_uninstalled () ? BUILD_ROOT "/src/web-extension" : EXTENSIONDIR;
}

const char *
lectern_paths_get_filter_lists_dir (void)
{
  return FILTER_LISTS_DIR;
}
