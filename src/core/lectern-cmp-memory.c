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
#include "lectern-profile-file.h"

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
 * A file that cannot be read is set aside, never overwritten, and
 * started anew: what it held is learned again on the sites' next visits.
 * Something else in the file's place (a folder) is left alone, and what
 * is learned kept in memory only. lectern_cmp_memory_get_recovery_message()
 * says which, for the reader.
 */

#define ONETRUST_GROUPS_KEY "onetrust-groups"

/* A site's list, as lectern_onetrust_groups_to_json() writes it, is a
 * few hundred bytes; anything much longer is not a group list. */
#define MAX_GROUPS_JSON_LENGTH (16 * 1024)

struct _LecternCmpMemory
{
  char     *path;
  GKeyFile *key_file;
  /* What is learned cannot be written to @path: it stays in memory. */
  gboolean  unsaved;
  char     *recovery_message;
};

/* Moves @path out of the way under a name that no earlier damaged file
 * has, and returns that name. */
static char *
set_aside (const char  *path,
           GError     **error)
{
  g_autofree char *aside = g_strconcat (path, ".damaged", NULL);

  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%u", path, n);
    }

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno), g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&aside);
}

static void
recover (LecternCmpMemory *self,
         GError           *error)
{
  g_autoptr(GError) aside_error = NULL;
  g_autofree char *aside = NULL;

  g_key_file_free (self->key_file);
  self->key_file = g_key_file_new ();

  aside = set_aside (self->path, &aside_error);
  if (aside != NULL)
    {
      self->recovery_message =
        /* Translators: the first %s is a file, the second an error message, the third the name the file
         * was kept as */
        g_strdup_printf (_("What Lectern had learned of sites’ consent tools in “%s” could not be read (%s): "
                           "the file was kept as “%s”, and each site’s tool is learned again on its next visit."),
                         self->path, error->message, aside);
      return;
    }

  self->unsaved = TRUE;
  self->recovery_message =
    /* Translators: the first %s is a file, the second and third error messages */
    g_strdup_printf (_("What Lectern had learned of sites’ consent tools in “%s” could not be read (%s) nor "
                       "moved away (%s): what it learns now is kept only until it closes."),
                     self->path, error->message, aside_error->message);
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

  if (!lectern_profile_file_check (path, NULL, NULL, &error))
    {
      self->unsaved = TRUE;
      self->recovery_message =
        /* Translators: %s says what is wrong with the file, naming it */
        g_strdup_printf (_("What Lectern learns of sites’ consent tools cannot be kept: %s. It is kept until "
                           "Lectern closes; move the file away, then start Lectern again to keep it."),
                         error->message);
      return self;
    }

  if (!g_key_file_load_from_file (self->key_file, path, G_KEY_FILE_NONE, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    recover (self, error);

  return self;
}

void
lectern_cmp_memory_free (LecternCmpMemory *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->recovery_message);
  g_key_file_free (self->key_file);
  g_free (self);
}

/**
 * lectern_cmp_memory_get_recovery_message:
 * @self: the memory
 *
 * Returns: (nullable): a sentence for the reader when the file could not
 *   be read (and was set aside) or cannot be written; else %NULL
 */
const char *
lectern_cmp_memory_get_recovery_message (LecternCmpMemory *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->recovery_message;
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

/* Another process of the profile (a --report run) may have learned
 * another site's groups since the file was read: before it is written,
 * what it holds now is read again, with @site's new groups. */
static void
take_in_file (LecternCmpMemory *self,
              const char       *site,
              const char       *groups)
{
  g_autoptr(GKeyFile) current = g_key_file_new ();

  if (!g_key_file_load_from_file (current, self->path, G_KEY_FILE_NONE, NULL))
    return;

  g_key_file_set_value (current, site, ONETRUST_GROUPS_KEY, groups);
  g_key_file_free (self->key_file);
  self->key_file = g_steal_pointer (&current);
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
  if (self->unsaved)
    return TRUE;

  take_in_file (self, site, compact);
  data = g_key_file_to_data (self->key_file, &length, NULL);

  return g_file_set_contents_full (self->path, data, length,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}
