/* lectern-test-utils.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-test-utils.h"

#include <errno.h>
#include <gio/gio.h>

/**
 * lectern_test_dup_tmp_dir:
 * @prefix: (nullable): the start of the folder's name, "lectern" if %NULL
 *
 * Creates a new, empty folder under g_get_tmp_dir(), private to the
 * caller (mode 0700). The test removes it with lectern_test_rm_rf().
 *
 * Returns: (transfer full): the folder's path
 */
char *
lectern_test_dup_tmp_dir (const char *prefix)
{
  g_autofree char *template = NULL;
  char *path;

  template = g_strdup_printf ("%s-XXXXXX", prefix != NULL ? prefix : "lectern");
  path = g_build_filename (g_get_tmp_dir (), template, NULL);

  if (g_mkdtemp (path) == NULL)
    g_error ("Cannot create a temporary folder %s: %s", path, g_strerror (errno));

  return path;
}

/**
 * lectern_test_get_web_root:
 *
 * Returns: the fixture web's folder, `web/` in G_TEST_SRCDIR (the tests
 *   folder of the source tree)
 */
const char *
lectern_test_get_web_root (void)
{
  static gsize initialized;
  static char *root;

  if (g_once_init_enter (&initialized))
    {
      root = g_test_build_filename (G_TEST_DIST, "web", NULL);
      g_once_init_leave (&initialized, 1);
    }

  return root;
}

/**
 * lectern_test_dup_lectern_path:
 *
 * Returns: (transfer full): the built `lectern` executable,
 *   `../src/lectern` from G_TEST_BUILDDIR
 */
char *
lectern_test_dup_lectern_path (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "..", "src", "lectern", NULL);

  return g_canonicalize_filename (path, NULL);
}

static gboolean
remove_tree (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  /* Never follow a link out of the tree: only the link itself is removed. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (info == NULL)
    return FALSE;

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autoptr(GFileEnumerator) children = NULL;

      children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                            cancellable, error);
      if (children == NULL)
        return FALSE;

      while (TRUE)
        {
          GFile *child;

          if (!g_file_enumerator_iterate (children, NULL, &child, cancellable, error))
            return FALSE;
          if (child == NULL)
            break;
          {
            g_autoptr(GError) child_error = NULL;

            /* Gone already: whoever was writing it took it away. */
            if (!remove_tree (child, cancellable, &child_error) &&
                !g_error_matches (child_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
              {
                g_propagate_error (error, g_steal_pointer (&child_error));
                return FALSE;
              }
          }
        }
    }

  return g_file_delete (file, cancellable, error);
}

/**
 * lectern_test_rm_rf:
 * @path: a file or folder
 * @error: return location for a #GError
 *
 * Removes @path and, for a folder, everything under it, without following
 * symbolic links. A @path that does not exist is not an error.
 *
 * Returns: %TRUE if @path is gone
 */
gboolean
lectern_test_rm_rf (const char  *path,
                    GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  /* WebKit's own processes may still be writing their last files into a
   * profile as a run ends: a folder that fills up again while it is
   * being emptied is tried again a little later. */
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      g_clear_error (&local_error);
      if (remove_tree (file, NULL, &local_error) ||
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_EMPTY))
        break;
      g_usleep (G_USEC_PER_SEC / 10);
    }
  if (local_error != NULL &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * lectern_test_find_by_member:
 * @array: a JSON array of objects, as a report's "cookies" or "trackers"
 * @member: the name of a string member
 * @value: the value wanted
 *
 * Returns: (transfer none) (nullable): the first object of @array whose
 *   @member is @value
 */
JsonObject *
lectern_test_find_by_member (JsonArray  *array,
                             const char *member,
                             const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, member, NULL), value) == 0)
        return item;
    }

  return NULL;
}

/**
 * lectern_test_new_cookie:
 * @name: the cookie's name
 * @category: its category
 * @violation: whether it breaks the site's choices, and so was removed
 *
 * Returns: (transfer full): a cookie of example-news.com, as the cookie
 *   enforcer lists it
 */
LecternCookieRecord *
lectern_test_new_cookie (const char      *name,
                         LecternCategory  category,
                         gboolean         violation)
{
  LecternCookieRecord *record = lectern_cookie_record_new ();

  record->name = g_strdup (name);
  record->domain = g_strdup (".example-news.com");
  record->category = category;
  record->violation = violation;
  record->removed = violation;

  return record;
}
