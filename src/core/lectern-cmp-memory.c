/* lectern-cmp-memory.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-memory.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lectern-onetrust-codec.h"

/**
 * LecternCmpMemory:
 *
 * What Lectern learned of each site's consent tool, kept between runs in a
 * key file: for now the OneTrust groups of sites that renamed them, so
 * that the site's next page gets OneTrust's cookie in the site's own group
 * ids before any of its scripts runs. One group per site:
 *
 * |[
 * [harbour-gazette.com]
 * onetrust-groups=[{"CustomGroupId":"C0001","GroupName":"Strictly Necessary Cookies"},…]
 * ]|
 *
 * A file that cannot be read is set aside with a message and started
 * anew: what it held is learned again on the sites' next visits.
 */

#define ONETRUST_GROUPS_KEY "onetrust-groups"

/* A site's list, as lectern_onetrust_groups_to_json() writes it, is a
 * few hundred bytes; anything much longer is not a group list. */
#define MAX_GROUPS_JSON_LENGTH (16 * 1024)

struct _LecternCmpMemory
{
  char     *path;
  GKeyFile *key_file;
};

static void
set_aside (const char *path,
           GError     *error)
{
  g_autofree char *aside = g_strconcat (path, ".damaged", NULL);

  if (g_rename (path, aside) == 0)
    g_message ("The consent tool memory %s could not be read (%s); it was moved to %s",
               path, error->message, aside);
  else
    g_message ("The consent tool memory %s could not be read (%s) nor moved: %s",
               path, error->message, g_strerror (errno));
}

/**
 * lectern_cmp_memory_new:
 * @path: the key file; it need not exist yet
 *
 * Returns: (transfer full): the memory, read from @path
 */
LecternCmpMemory *
lectern_cmp_memory_new (const char *path)
{
  LecternCmpMemory *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (LecternCmpMemory, 1);
  self->path = g_strdup (path);
  self->key_file = g_key_file_new ();

  if (!g_key_file_load_from_file (self->key_file, path, G_KEY_FILE_NONE, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      set_aside (path, error);
      g_key_file_free (self->key_file);
      self->key_file = g_key_file_new ();
    }

  return self;
}

void
lectern_cmp_memory_free (LecternCmpMemory *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_key_file_free (self->key_file);
  g_free (self);
}

/**
 * lectern_cmp_memory_dup_onetrust_groups:
 * @self: the memory
 * @site: a site's registrable domain
 *
 * Returns: (transfer full) (nullable): the site's OneTrust groups as JSON,
 *   for lectern_onetrust_groups_new_from_json(); %NULL if none is known
 */
char *
lectern_cmp_memory_dup_onetrust_groups (LecternCmpMemory *self,
                                        const char       *site)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  /* A raw value: the JSON written here never holds a line break. */
  return g_key_file_get_value (self->key_file, site, ONETRUST_GROUPS_KEY, NULL);
}

/**
 * lectern_cmp_memory_set_onetrust_groups:
 * @self: the memory
 * @site: a site's registrable domain
 * @groups_json: `OneTrust.GetDomainData().Groups` from one of the site's
 *   pages, as JSON
 * @error: return location for a #GError
 *
 * Remembers the site's groups, by id and name only, and writes the file
 * (atomically) when that changed what it holds. The JSON comes from a
 * page: anything the OneTrust codec does not read as a group list is
 * refused.
 *
 * Returns: %TRUE if the groups are remembered
 */
gboolean
lectern_cmp_memory_set_onetrust_groups (LecternCmpMemory  *self,
                                        const char        *site,
                                        const char        *groups_json,
                                        GError           **error)
{
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (site != NULL && site[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  groups = lectern_onetrust_groups_new_from_json (groups_json, error);
  if (groups == NULL)
    return FALSE;

  compact = lectern_onetrust_groups_to_json (groups);
  if (strlen (compact) > MAX_GROUPS_JSON_LENGTH)
    {
      g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                   /* Translators: %s is a web site, "example.com" */
                   _("The OneTrust group list of %s is too long to be a group list"), site);
      return FALSE;
    }

  previous = lectern_cmp_memory_dup_onetrust_groups (self, site);
  if (g_strcmp0 (previous, compact) == 0)
    return TRUE;

  g_key_file_set_value (self->key_file, site, ONETRUST_GROUPS_KEY, compact);
  data = g_key_file_to_data (self->key_file, &length, NULL);

  return g_file_set_contents_full (self->path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
