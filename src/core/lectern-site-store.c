/* lectern-site-store.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-site-store.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "lectern-site-store-schema.h"

/**
 * LecternSiteStore:
 *
 * The user's choices per site, in an SQLite database. The choices column
 * holds "id=0/1" pairs joined by commas ("necessary=1,functional=0,…"),
 * so that a category added later simply takes the defaults' value.
 */
struct _LecternSiteStore
{
  sqlite3            *db;
  sqlite3_stmt       *select_stmt;
  sqlite3_stmt       *exists_stmt;
  sqlite3_stmt       *upsert_stmt;
  sqlite3_stmt       *all_stmt;
  sqlite3_stmt       *allow_stmt;
  sqlite3_stmt       *disallow_stmt;
  sqlite3_stmt       *trackers_stmt;
  sqlite3_stmt       *all_trackers_stmt;
  LecternSiteChoices *defaults;
  char               *recovery_message;
};

G_DEFINE_QUARK (lectern-site-store-error-quark, lectern_site_store_error)

static gboolean
prepare (LecternSiteStore  *self,
         const char        *sql,
         sqlite3_stmt     **stmt,
         gboolean          *corrupt,
         GError           **error)
{
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);
  if (rc != SQLITE_OK)
    {
      /* The statements are fixed, so a plain SQL error means a table of the
       * right name but the wrong shape: a file this code cannot use. */
      *corrupt = _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_OPEN) ||
                 (rc & 0xff) == SQLITE_ERROR;
      return FALSE;
    }

  return TRUE;
}

static void
close_database (LecternSiteStore *self)
{
  g_clear_pointer (&self->select_stmt, sqlite3_finalize);
  g_clear_pointer (&self->exists_stmt, sqlite3_finalize);
  g_clear_pointer (&self->upsert_stmt, sqlite3_finalize);
  g_clear_pointer (&self->all_stmt, sqlite3_finalize);
  g_clear_pointer (&self->allow_stmt, sqlite3_finalize);
  g_clear_pointer (&self->disallow_stmt, sqlite3_finalize);
  g_clear_pointer (&self->trackers_stmt, sqlite3_finalize);
  g_clear_pointer (&self->all_trackers_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
}

/* Every query the store makes, prepared once on the tables that
 * _lectern_site_store_open_file() creates or brings up to date. */
static gboolean
prepare_statements (LecternSiteStore  *self,
                    gboolean          *corrupt,
                    GError           **error)
{
  return prepare (self,
                  "SELECT choices, trusted, leave_banner FROM site_choices WHERE site = ?1;",
                  &self->select_stmt, corrupt, error) &&
         prepare (self,
                  "SELECT 1 FROM site_choices WHERE site = ?1;",
                  &self->exists_stmt, corrupt, error) &&
         prepare (self,
                  "INSERT INTO site_choices (site, choices, trusted, updated, leave_banner) "
                  "VALUES (?1, ?2, ?3, ?4, ?5) "
                  "ON CONFLICT (site) DO UPDATE SET "
                  "choices = excluded.choices, trusted = excluded.trusted, "
                  "updated = excluded.updated, leave_banner = excluded.leave_banner;",
                  &self->upsert_stmt, corrupt, error) &&
         prepare (self,
                  "SELECT site, choices, trusted, leave_banner FROM site_choices ORDER BY site;",
                  &self->all_stmt, corrupt, error) &&
         prepare (self,
                  "INSERT INTO allowed_trackers (site, tracker, updated) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (site, tracker) DO UPDATE SET updated = excluded.updated;",
                  &self->allow_stmt, corrupt, error) &&
         prepare (self,
                  "DELETE FROM allowed_trackers WHERE site = ?1 AND tracker = ?2;",
                  &self->disallow_stmt, corrupt, error) &&
         prepare (self,
                  "SELECT tracker FROM allowed_trackers WHERE site = ?1 ORDER BY tracker;",
                  &self->trackers_stmt, corrupt, error) &&
         prepare (self,
                  "SELECT site, tracker FROM allowed_trackers ORDER BY site, tracker;",
                  &self->all_trackers_stmt, corrupt, error);
}

/* Opens @path, brings its schema up to date and prepares the statements.
 * On failure, @corrupt says whether the file is damaged (and may be set
 * aside) rather than, say, unreadable for lack of permission. */
static gboolean
open_database (LecternSiteStore  *self,
               const char        *path,
               gboolean          *corrupt,
               GError           **error)
{
  return _lectern_site_store_open_file (path, &self->db, corrupt, error) &&
         prepare_statements (self, corrupt, error);
}

/**
 * lectern_site_store_open:
 * @path: the database file; its folder is created if needed
 * @error: return location for a #GError
 *
 * Opens the store, creating it if needed. A damaged database (not an
 * SQLite file, failing `PRAGMA quick_check`, or written by a newer
 * version) is never deleted: it is renamed to `<path>.corrupt-<time>`
 * and a new, empty store is created in its place. The store's
 * lectern_site_store_get_recovery_message() then tells the user.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 */
LecternSiteStore *
lectern_site_store_open (const char  *path,
                         GError     **error)
{
  g_autoptr(LecternSiteStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *aside = NULL;
  gboolean corrupt = FALSE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                   "Could not create “%s”: %s", folder, g_strerror (saved_errno));
      return NULL;
    }

  self = g_new0 (LecternSiteStore, 1);
  self->defaults = lectern_site_choices_new (NULL);

  if (open_database (self, path, &corrupt, &local_error))
    return g_steal_pointer (&self);

  close_database (self);

  if (!corrupt)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  "Could not open “%s”: ", path);
      return NULL;
    }

  aside = _lectern_site_store_set_aside (path, error);
  if (aside == NULL)
    return NULL;

  self->recovery_message =
    /* Translators: the first %s is the database file, the second why it
     * could not be read, the third the name it was renamed to. */
    g_strdup_printf (_("The saved site choices in “%s” could not be read (%s). "
                       "The file was kept as “%s”, and a new one was created: "
                       "every site uses the default choices again."),
                     path, local_error->message, aside);
  g_clear_error (&local_error);

  if (!open_database (self, path, &corrupt, error))
    {
      g_prefix_error (error, "Could not open “%s”: ", path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
lectern_site_store_free (LecternSiteStore *self)
{
  if (self == NULL)
    return;

  close_database (self);
  g_clear_pointer (&self->defaults, lectern_site_choices_free);
  g_free (self->recovery_message);
  g_free (self);
}

/**
 * lectern_site_store_get_recovery_message:
 * @self: a store
 *
 * Returns: (nullable): a sentence for the user when lectern_site_store_open()
 *   had to set a damaged database aside, naming the kept file; else %NULL
 */
const char *
lectern_site_store_get_recovery_message (LecternSiteStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->recovery_message;
}

/**
 * lectern_site_store_set_defaults:
 * @self: a store
 * @defaults: the choices for sites that have none stored
 *
 * Copies @defaults; they are not stored in the database (they are a
 * preference).
 */
void
lectern_site_store_set_defaults (LecternSiteStore         *self,
                                 const LecternSiteChoices *defaults)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (defaults != NULL);

  g_clear_pointer (&self->defaults, lectern_site_choices_free);
  self->defaults = lectern_site_choices_copy_for_site (defaults, NULL);
}

const LecternSiteChoices *
lectern_site_store_get_defaults (LecternSiteStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->defaults;
}

static char *
serialize_allowed (const LecternSiteChoices *choices)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < LECTERN_N_CATEGORIES; i++)
    g_string_append_printf (str, "%s%s=%d",
                            i > 0 ? "," : "",
                            lectern_category_to_id ((LecternCategory) i),
                            lectern_site_choices_get_allowed (choices, i) ? 1 : 0);

  return g_string_free (str, FALSE);
}

/* Builds a site's choices from a row. Starts from the defaults so that a
 * category missing from the text (added after the row was written) or a
 * damaged pair gets the defaults' value. */
static LecternSiteChoices *
choices_from_row (LecternSiteStore *self,
                  const char       *site,
                  const char       *text,
                  gboolean          trusted,
                  gboolean          leave_banner)
{
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_auto(GStrv) pairs = NULL;

  choices = lectern_site_choices_copy_for_site (self->defaults, site);
  lectern_site_choices_set_trusted (choices, trusted);
  lectern_site_choices_set_leave_banner (choices, leave_banner);

  pairs = g_strsplit (text != NULL ? text : "", ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *value = strchr (pairs[i], '=');
      LecternCategory category;

      if (value == NULL)
        continue;

      *value++ = '\0';
      if (!lectern_category_from_id (g_strstrip (pairs[i]), &category) ||
          category >= LECTERN_N_CATEGORIES)
        continue;

      if (g_str_equal (value, "1"))
        lectern_site_choices_set_allowed (choices, category, TRUE);
      else if (g_str_equal (value, "0"))
        lectern_site_choices_set_allowed (choices, category, FALSE);
    }

  return g_steal_pointer (&choices);
}

/**
 * lectern_site_store_dup_choices:
 * @self: a store
 * @site: a site's registrable domain
 *
 * Returns: (transfer full): the stored choices for @site, or a copy of
 *   the defaults for it when none are stored (or they cannot be read)
 */
LecternSiteChoices *
lectern_site_store_dup_choices (LecternSiteStore *self,
                                const char       *site)
{
  LecternSiteChoices *choices = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  sqlite3_bind_text (self->select_stmt, 1, site, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->select_stmt);
  if (rc == SQLITE_ROW)
    choices = choices_from_row (self, site,
                                (const char *) sqlite3_column_text (self->select_stmt, 0),
                                sqlite3_column_int (self->select_stmt, 1) != 0,
                                sqlite3_column_int (self->select_stmt, 2) != 0);
  else if (rc != SQLITE_DONE)
    g_debug ("Could not read the choices for %s: %s", site, sqlite3_errmsg (self->db));

  sqlite3_reset (self->select_stmt);
  sqlite3_clear_bindings (self->select_stmt);

  if (choices == NULL)
    choices = lectern_site_choices_copy_for_site (self->defaults, site);

  return choices;
}

/**
 * lectern_site_store_has_choices:
 * @self: a store
 * @site: a site's registrable domain
 *
 * Returns: whether choices are stored for @site
 */
gboolean
lectern_site_store_has_choices (LecternSiteStore *self,
                                const char       *site)
{
  gboolean found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (site != NULL, FALSE);

  sqlite3_bind_text (self->exists_stmt, 1, site, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (self->exists_stmt) == SQLITE_ROW;
  sqlite3_reset (self->exists_stmt);
  sqlite3_clear_bindings (self->exists_stmt);

  return found;
}

/**
 * lectern_site_store_save_choices:
 * @self: a store
 * @choices: a site's choices (not the defaults: the site must be set)
 * @error: return location for a #GError
 *
 * Stores @choices, replacing what was stored for its site, in one
 * transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
lectern_site_store_save_choices (LecternSiteStore          *self,
                                 const LecternSiteChoices  *choices,
                                 GError                   **error)
{
  g_autofree char *text = NULL;
  const char *site;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  site = lectern_site_choices_get_site (choices);
  g_return_val_if_fail (site[0] != '\0', FALSE);

  text = serialize_allowed (choices);

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);
      return FALSE;
    }

  sqlite3_bind_text (self->upsert_stmt, 1, site, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->upsert_stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (self->upsert_stmt, 3, lectern_site_choices_get_trusted (choices) ? 1 : 0);
  sqlite3_bind_int64 (self->upsert_stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int (self->upsert_stmt, 5, lectern_site_choices_get_leave_banner (choices) ? 1 : 0);
  rc = sqlite3_step (self->upsert_stmt);
  if (rc != SQLITE_DONE)
    _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);
  sqlite3_reset (self->upsert_stmt);
  sqlite3_clear_bindings (self->upsert_stmt);

  if (rc != SQLITE_DONE)
    {
      sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
      return FALSE;
    }

  rc = sqlite3_exec (self->db, "COMMIT;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);
      sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/**
 * lectern_site_store_dup_all:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LecternSiteChoices) (nullable):
 *   every stored site's choices, sorted by site, or %NULL with @error set
 */
GPtrArray *
lectern_site_store_dup_all (LecternSiteStore  *self,
                            GError           **error)
{
  g_autoptr(GPtrArray) all = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  all = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_site_choices_free);

  while ((rc = sqlite3_step (self->all_stmt)) == SQLITE_ROW)
    {
      const char *site = (const char *) sqlite3_column_text (self->all_stmt, 0);

      if (site == NULL || site[0] == '\0')
        continue;

      g_ptr_array_add (all,
                       choices_from_row (self, site,
                                         (const char *) sqlite3_column_text (self->all_stmt, 1),
                                         sqlite3_column_int (self->all_stmt, 2) != 0,
                                         sqlite3_column_int (self->all_stmt, 3) != 0));
    }

  if (rc != SQLITE_DONE)
    _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);
  sqlite3_reset (self->all_stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&all);
}

/**
 * lectern_site_store_set_tracker_allowed:
 * @self: a store
 * @site: a site's registrable domain
 * @tracker: a tracker, by its name in the tracker database, else its host
 * @allowed: whether to let it through on @site whatever the categories say
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
lectern_site_store_set_tracker_allowed (LecternSiteStore  *self,
                                        const char        *site,
                                        const char        *tracker,
                                        gboolean           allowed,
                                        GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (site != NULL && site[0] != '\0', FALSE);
  g_return_val_if_fail (tracker != NULL && tracker[0] != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One statement: SQLite makes it a transaction of its own. */
  stmt = allowed ? self->allow_stmt : self->disallow_stmt;
  sqlite3_bind_text (stmt, 1, site, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tracker, -1, SQLITE_TRANSIENT);
  if (allowed)
    sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_DONE;
}

/**
 * lectern_site_store_dup_allowed_trackers:
 * @self: a store
 * @site: a site's registrable domain
 *
 * Returns: (transfer full): the trackers allowed on @site, sorted; empty
 *   when none (or when the file cannot be read)
 */
GStrv
lectern_site_store_dup_allowed_trackers (LecternSiteStore *self,
                                         const char       *site)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  sqlite3_bind_text (self->trackers_stmt, 1, site, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (self->trackers_stmt) == SQLITE_ROW)
    {
      const char *tracker = (const char *) sqlite3_column_text (self->trackers_stmt, 0);

      if (tracker != NULL && tracker[0] != '\0')
        g_strv_builder_add (builder, tracker);
    }
  sqlite3_reset (self->trackers_stmt);
  sqlite3_clear_bindings (self->trackers_stmt);

  return g_strv_builder_end (builder);
}

/**
 * lectern_site_store_dup_all_allowed_trackers:
 * @self: a store
 *
 * Every site's allowed trackers, as the web process wants them at start.
 *
 * Returns: (transfer full): a floating-free #GVariant of type "a(sas)"
 */
GVariant *
lectern_site_store_dup_all_allowed_trackers (LecternSiteStore *self)
{
  GVariantBuilder sites;
  g_autofree char *current = NULL;
  g_autoptr(GStrvBuilder) trackers = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_variant_builder_init (&sites, G_VARIANT_TYPE ("a(sas)"));

  while (sqlite3_step (self->all_trackers_stmt) == SQLITE_ROW)
    {
      const char *site = (const char *) sqlite3_column_text (self->all_trackers_stmt, 0);
      const char *tracker = (const char *) sqlite3_column_text (self->all_trackers_stmt, 1);

      if (site == NULL || tracker == NULL || site[0] == '\0' || tracker[0] == '\0')
        continue;

      if (current != NULL && !g_str_equal (current, site))
        {
          g_auto(GStrv) list = g_strv_builder_end (trackers);

          g_variant_builder_add (&sites, "(s^as)", current, list);
          g_clear_pointer (&trackers, g_strv_builder_unref);
          g_clear_pointer (&current, g_free);
        }

      if (current == NULL)
        {
          current = g_strdup (site);
          trackers = g_strv_builder_new ();
        }
      g_strv_builder_add (trackers, tracker);
    }
  sqlite3_reset (self->all_trackers_stmt);

  if (current != NULL)
    {
      g_auto(GStrv) list = g_strv_builder_end (trackers);

      g_variant_builder_add (&sites, "(s^as)", current, list);
    }

  return g_variant_ref_sink (g_variant_builder_end (&sites));
}
