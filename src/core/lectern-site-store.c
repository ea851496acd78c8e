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

#include "lectern-profile-file.h"
#include "lectern-site-store-schema.h"

/**
 * LecternSiteStore:
 *
 * The user's choices per site, in an SQLite database. The choices column
 * holds "id=0/1" pairs joined by commas ("necessary=1,functional=0,…"),
 * so that a category added later simply takes the defaults' value.
 *
 * Several processes may use one file at once (a window, `lectern
 * --consent`): every change is a transaction that takes the write lock
 * first, and a store tells which sites another process changed
 * (lectern_site_store_dup_changed_sites()).
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
  sqlite3_stmt       *version_stmt;
  LecternSiteChoices *defaults;
  char               *recovery_message;
  /* Set when nothing may be saved, saying why. */
  char               *read_only_reason;
  /* What this connection last read or wrote of each site, as a string
   * that changes with any of its choices or allowed trackers; and the
   * file's data_version then, which only other connections' commits
   * change. */
  GHashTable         *known;
  gint64              data_version;
};

G_DEFINE_QUARK (lectern-site-store-error-quark, lectern_site_store_error)

static gboolean
prepare (LecternSiteStore         *self,
         const char               *sql,
         sqlite3_stmt            **stmt,
         LecternSiteStoreProblem  *problem,
         GError                  **error)
{
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, stmt, NULL);
  if (rc != SQLITE_OK)
    {
      /* The statements are fixed, so a plain SQL error means a table of the
       * right name but the wrong shape: a file this code cannot use. */
      if (_lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_OPEN) ||
          (rc & 0xff) == SQLITE_ERROR)
        *problem = LECTERN_SITE_STORE_PROBLEM_DAMAGED;
      else
        *problem = LECTERN_SITE_STORE_PROBLEM_OTHER;
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
  g_clear_pointer (&self->version_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
}

/* Every query the store makes, prepared once on the tables that
 * _lectern_site_store_open_file() creates or brings up to date. */
static gboolean
prepare_statements (LecternSiteStore         *self,
                    LecternSiteStoreProblem  *problem,
                    GError                  **error)
{
  return prepare (self,
                  "SELECT choices, trusted, leave_banner FROM site_choices WHERE site = ?1;",
                  &self->select_stmt, problem, error) &&
         prepare (self,
                  "SELECT 1 FROM site_choices WHERE site = ?1;",
                  &self->exists_stmt, problem, error) &&
         prepare (self,
                  "INSERT INTO site_choices (site, choices, trusted, updated, leave_banner) "
                  "VALUES (?1, ?2, ?3, ?4, ?5) "
                  "ON CONFLICT (site) DO UPDATE SET "
                  "choices = excluded.choices, trusted = excluded.trusted, "
                  "updated = excluded.updated, leave_banner = excluded.leave_banner;",
                  &self->upsert_stmt, problem, error) &&
         prepare (self,
                  "SELECT site, choices, trusted, leave_banner FROM site_choices ORDER BY site;",
                  &self->all_stmt, problem, error) &&
         prepare (self,
                  "INSERT INTO allowed_trackers (site, tracker, updated) VALUES (?1, ?2, ?3) "
                  "ON CONFLICT (site, tracker) DO UPDATE SET updated = excluded.updated;",
                  &self->allow_stmt, problem, error) &&
         prepare (self,
                  "DELETE FROM allowed_trackers WHERE site = ?1 AND tracker = ?2;",
                  &self->disallow_stmt, problem, error) &&
         prepare (self,
                  "SELECT tracker FROM allowed_trackers WHERE site = ?1 ORDER BY tracker;",
                  &self->trackers_stmt, problem, error) &&
         prepare (self,
                  "SELECT site, tracker FROM allowed_trackers ORDER BY site, tracker;",
                  &self->all_trackers_stmt, problem, error);
}

/* Opens @path, brings its schema up to date and prepares the statements.
 * On failure, @problem says what is wrong with the file. */
static gboolean
open_database (LecternSiteStore         *self,
               const char               *path,
               LecternSiteStoreProblem  *problem,
               gboolean                 *created,
               GError                  **error)
{
  return _lectern_site_store_open_file (path, &self->db, problem, created, error) &&
         prepare_statements (self, problem, error);
}

static LecternSiteStore *
store_new (void)
{
  LecternSiteStore *self = g_new0 (LecternSiteStore, 1);

  self->defaults = lectern_site_choices_new (NULL);
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

static void
append_row (GString    *fingerprint,
            const char *choices,
            gboolean    trusted,
            gboolean    leave_banner)
{
  g_string_append_printf (fingerprint, "%s\x1f%d%d", choices != NULL ? choices : "", trusted, leave_banner);
}

static void
append_tracker (GString    *fingerprint,
                const char *tracker)
{
  g_string_append_c (fingerprint, '\x1e');
  g_string_append (fingerprint, tracker != NULL ? tracker : "");
}

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

/* Every site's fingerprint as stored now, or %NULL if the file could not
 * be read through. */
static GHashTable *
read_fingerprints (LecternSiteStore *self)
{
  g_autoptr(GHashTable) fingerprints = NULL;
  int rc;

  fingerprints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, string_free);

  while ((rc = sqlite3_step (self->all_stmt)) == SQLITE_ROW)
    {
      GString *fingerprint = g_string_new (NULL);

      append_row (fingerprint,
                  (const char *) sqlite3_column_text (self->all_stmt, 1),
                  sqlite3_column_int (self->all_stmt, 2) != 0,
                  sqlite3_column_int (self->all_stmt, 3) != 0);
      g_hash_table_insert (fingerprints, g_strdup ((const char *) sqlite3_column_text (self->all_stmt, 0)),
                           fingerprint);
    }
  sqlite3_reset (self->all_stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  while ((rc = sqlite3_step (self->all_trackers_stmt)) == SQLITE_ROW)
    {
      const char *site = (const char *) sqlite3_column_text (self->all_trackers_stmt, 0);
      GString *fingerprint = g_hash_table_lookup (fingerprints, site != NULL ? site : "");

      if (fingerprint == NULL)
        {
          fingerprint = g_string_new (NULL);
          g_hash_table_insert (fingerprints, g_strdup (site != NULL ? site : ""), fingerprint);
        }
      append_tracker (fingerprint, (const char *) sqlite3_column_text (self->all_trackers_stmt, 1));
    }
  sqlite3_reset (self->all_trackers_stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&fingerprints);
}

/* Replaces what the store knows of every site with @fingerprints. */
static void
set_known (LecternSiteStore *self,
           GHashTable       *fingerprints)
{
  GHashTableIter iter;
  gpointer site;
  gpointer fingerprint;

  g_hash_table_remove_all (self->known);
  g_hash_table_iter_init (&iter, fingerprints);
  while (g_hash_table_iter_next (&iter, &site, &fingerprint))
    g_hash_table_insert (self->known, g_strdup (site), g_strdup (((GString *) fingerprint)->str));
}

/* After this connection changed @site: what it wrote is known, so that
 * it is not taken for another process's change. */
static void
remember_site (LecternSiteStore *self,
               const char       *site)
{
  g_autoptr(GString) fingerprint = g_string_new (NULL);
  gboolean found = FALSE;

  sqlite3_bind_text (self->select_stmt, 1, site, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (self->select_stmt) == SQLITE_ROW)
    {
      append_row (fingerprint,
                  (const char *) sqlite3_column_text (self->select_stmt, 0),
                  sqlite3_column_int (self->select_stmt, 1) != 0,
                  sqlite3_column_int (self->select_stmt, 2) != 0);
      found = TRUE;
    }
  sqlite3_reset (self->select_stmt);
  sqlite3_clear_bindings (self->select_stmt);

  sqlite3_bind_text (self->trackers_stmt, 1, site, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (self->trackers_stmt) == SQLITE_ROW)
    {
      append_tracker (fingerprint, (const char *) sqlite3_column_text (self->trackers_stmt, 0));
      found = TRUE;
    }
  sqlite3_reset (self->trackers_stmt);
  sqlite3_clear_bindings (self->trackers_stmt);

  if (found)
    g_hash_table_insert (self->known, g_strdup (site), g_string_free (g_steal_pointer (&fingerprint), FALSE));
  else
    g_hash_table_remove (self->known, site);
}

static gint64
read_data_version (LecternSiteStore *self)
{
  gint64 version = -1;

  if (sqlite3_step (self->version_stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (self->version_stmt, 0);
  sqlite3_reset (self->version_stmt);

  return version;
}

/* Takes note of what the file holds, for dup_changed_sites() to compare
 * with later. */
static LecternSiteStore *
finish_open (LecternSiteStore  *self,
             GError           **error)
{
  g_autoptr(GHashTable) fingerprints = NULL;
  LecternSiteStoreProblem problem;

  if (!prepare (self, "PRAGMA data_version;", &self->version_stmt, &problem, error))
    {
      lectern_site_store_free (self);
      return NULL;
    }

  self->data_version = read_data_version (self);
  fingerprints = read_fingerprints (self);
  if (fingerprints != NULL)
    set_known (self, fingerprints);

  return self;
}

/* Opens @path to read what it holds, however damaged. */
static sqlite3 *
open_for_reading (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_debug ("Cannot read %s: %s", path, db != NULL ? sqlite3_errmsg (db) : "out of memory");
      return db;
    }

  sqlite3_busy_timeout (db, 5000);
  /* A file cut short is otherwise refused whole; on a connection that
   * cannot write, this only lets SQLite read the pages that are there. */
  sqlite3_db_config (db, SQLITE_DBCONFIG_WRITABLE_SCHEMA, 1, NULL);

  return db;
}

/* One sentence on what was lost of a damaged file kept as @aside. */
static char *
describe_damage (const char                    *path,
                 const char                    *aside,
                 const LecternSiteStoreSalvage *salvage)
{
  if (salvage->sites_saved == 0)
    /* Translators: the first %s is the damaged file, the second the name it was kept as */
    return g_strdup_printf (_("The site choices in “%s” were damaged and no site’s choices could be read: "
                              "every site uses the default choices again; the damaged file was kept as “%s”."),
                            path, aside);

  if (!salvage->sites_known)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the first %s is the damaged file, %u a number of
                                          * sites, the last %s the name the file was kept as */
                                         "The site choices in “%s” were damaged: the choices of %u site were "
                                         "saved, but other sites’ choices could not be read; the damaged file "
                                         "was kept as “%s”.",
                                         "The site choices in “%s” were damaged: the choices of %u sites were "
                                         "saved, but other sites’ choices could not be read; the damaged file "
                                         "was kept as “%s”.",
                                         salvage->sites_saved),
                            path, salvage->sites_saved, aside);

  if (salvage->sites_saved == salvage->sites_found && !salvage->trackers_lost)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the first %s is the damaged file, %u a number of
                                          * sites, the last %s the name the file was kept as */
                                         "The site choices in “%s” were damaged, but the choices of its %u site "
                                         "were all saved; the damaged file was kept as “%s”.",
                                         "The site choices in “%s” were damaged, but the choices of all its %u sites "
                                         "were saved; the damaged file was kept as “%s”.",
                                         salvage->sites_found),
                            path, salvage->sites_found, aside);

  if (!salvage->trackers_lost)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: the first %s is the damaged file, the %u are the
                                          * sites saved and the sites there were, the last %s the name the
                                          * file was kept as */
                                         "The site choices in “%s” were damaged: the choices of %u of its %u site "
                                         "were saved, the others use the defaults again; the damaged file was kept as “%s”.",
                                         "The site choices in “%s” were damaged: the choices of %u of its %u sites "
                                         "were saved, the others use the defaults again; the damaged file was kept as “%s”.",
                                         salvage->sites_found),
                            path, salvage->sites_saved, salvage->sites_found, aside);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the first %s is the damaged file, the %u are the
                                        * sites saved and the sites there were, the last %s the name the
                                        * file was kept as */
                                       "The site choices in “%s” were damaged: the choices of %u of its %u site "
                                       "were saved, but some trackers allowed on sites were lost; the damaged "
                                       "file was kept as “%s”.",
                                       "The site choices in “%s” were damaged: the choices of %u of its %u sites "
                                       "were saved, but some trackers allowed on sites were lost; the damaged "
                                       "file was kept as “%s”.",
                                       salvage->sites_found),
                          path, salvage->sites_saved, salvage->sites_found, aside);
}

/* A damaged file is set aside, never deleted: a new one takes its place,
 * with what still reads in the old one. */
static LecternSiteStore *
recover_damaged (LecternSiteStore  *store,
                 const char        *path,
                 GError           **error)
{
  g_autoptr(LecternSiteStore) self = store;
  LecternSiteStoreSalvage salvage;
  LecternSiteStoreProblem problem;
  g_autofree char *aside = NULL;
  sqlite3 *from;
  gboolean created;

  aside = _lectern_site_store_set_aside (path, error);
  if (aside == NULL)
    return NULL;

  if (!_lectern_site_store_create_file (path, error) ||
      !open_database (self, path, &problem, &created, error))
    {
      g_prefix_error (error, "Could not open “%s”: ", path);
      return NULL;
    }

  from = open_for_reading (aside);
  _lectern_site_store_salvage (from, self->db, &salvage);
  sqlite3_close (from);

  self->recovery_message = describe_damage (path, aside, &salvage);

  return finish_open (g_steal_pointer (&self), error);
}

/* A file that is not damaged but cannot be used as it is (written by a
 * newer version, or not writable) is left as it is: the store reads what
 * it can of it into memory and saves nothing. */
static LecternSiteStore *
open_copy (LecternSiteStore         *store,
           const char               *path,
           LecternSiteStoreProblem   problem,
           GError                   *cause,
           GError                  **error)
{
  g_autoptr(LecternSiteStore) self = store;
  LecternSiteStoreSalvage salvage;
  LecternSiteStoreProblem memory_problem;
  sqlite3 *from;
  gboolean created;

  from = open_for_reading (path);
  if (from == NULL || !open_database (self, ":memory:", &memory_problem, &created, NULL))
    {
      sqlite3_close (from);
      g_set_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                   "Could not open “%s”: %s", path, cause->message);
      return NULL;
    }

  _lectern_site_store_salvage (from, self->db, &salvage);
  sqlite3_close (from);

  if (problem == LECTERN_SITE_STORE_PROBLEM_NEWER)
    {
      /* Translators: %s is a file */
      self->read_only_reason = g_strdup_printf (_("“%s” belongs to a newer version of Lectern, "
                                                  "which alone may change it"), path);
      /* Translators: %s is a file */
      self->recovery_message = g_strdup_printf (_("The site choices in “%s” were saved by a newer version of "
                                                  "Lectern: the file is kept as it is, and its choices are used "
                                                  "as far as this version can read them, but none can be changed "
                                                  "until the newer version runs again."), path);
    }
  else if (salvage.choices_read)
    {
      /* Translators: the first %s is a file, the second an error message */
      self->read_only_reason = g_strdup_printf (_("“%s” could not be written when Lectern started (%s)"),
                                                path, cause->message);
      /* Translators: the first %s is a file, the second an error message */
      self->recovery_message = g_strdup_printf (_("The site choices in “%s” can be read but not changed (%s): "
                                                  "they are used as they are, and no choice can be saved until "
                                                  "Lectern is started again with space free on the disk and the "
                                                  "file writable."), path, cause->message);
    }
  else
    {
      g_set_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                   "Could not open “%s”: %s", path, cause->message);
      return NULL;
    }

  return finish_open (g_steal_pointer (&self), error);
}

/**
 * lectern_site_store_open:
 * @path: the database file; its folder is created if needed
 * @error: return location for a #GError
 *
 * Opens the store, creating it if needed, and says in
 * lectern_site_store_get_recovery_message() what the reader should know
 * of the file:
 *
 * - A damaged database (not an SQLite file, or failing `PRAGMA
 *   quick_check`) is never deleted: it is renamed to
 *   `<path>.corrupt-<time>`, and a new store takes what still reads in it.
 * - A database written by a newer version is left as it is: the store
 *   holds what it can read of it, and saves nothing.
 * - So does a database that can be read but not written (a full disk).
 * - A file of 0 bytes, which a full disk or a crash leaves, is started
 *   anew.
 *
 * Fails on what cannot be read at all: a folder or a pipe in the file's
 * place, a file SQLite cannot open.
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
  LecternSiteStoreProblem problem;
  gboolean created;
  gboolean exists;
  goffset size;

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

  /* Refused before SQLite sees it: it would block on a pipe. */
  if (!lectern_profile_file_check (path, &exists, &size, &local_error))
    {
      g_set_error_literal (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN, local_error->message);
      return NULL;
    }

  if (!exists && !_lectern_site_store_create_file (path, error))
    return NULL;

  self = store_new ();

  if (open_database (self, path, &problem, &created, &local_error))
    {
      if (exists && size == 0 && created)
        self->recovery_message =
          /* Translators: %s is a file */
          g_strdup_printf (_("The site choices in “%s” were an empty file, as a full disk or a crash "
                             "can leave: every site uses the default choices again."), path);

      return finish_open (g_steal_pointer (&self), error);
    }

  close_database (self);

  if (problem == LECTERN_SITE_STORE_PROBLEM_DAMAGED)
    return recover_damaged (g_steal_pointer (&self), path, error);

  return open_copy (g_steal_pointer (&self), path, problem, local_error, error);
}

/**
 * lectern_site_store_new_unsaved:
 * @reason: why nothing can be saved, for the reader
 *
 * A store for a profile whose file cannot be opened at all: empty, in
 * memory, every site on the defaults, and every save refused with
 * @reason.
 *
 * Returns: (transfer full): the store
 */
LecternSiteStore *
lectern_site_store_new_unsaved (const char *reason)
{
  g_autoptr(LecternSiteStore) self = store_new ();
  g_autoptr(GError) error = NULL;
  LecternSiteStoreProblem problem;
  gboolean created;

  g_return_val_if_fail (reason != NULL, NULL);

  /* A database in memory opens unless memory runs out. */
  if (!open_database (self, ":memory:", &problem, &created, &error))
    g_error ("Cannot make the site choices in memory: %s", error->message);

  self->read_only_reason = g_strdup (reason);

  return finish_open (g_steal_pointer (&self), NULL);
}

void
lectern_site_store_free (LecternSiteStore *self)
{
  if (self == NULL)
    return;

  close_database (self);
  g_clear_pointer (&self->defaults, lectern_site_choices_free);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_free (self->recovery_message);
  g_free (self->read_only_reason);
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
 * lectern_site_store_get_read_only_reason:
 * @self: a store
 *
 * Returns: (nullable): why nothing can be saved in this store (its file
 *   was written by a newer version, or could not be opened), or %NULL
 *   when saving works
 */
const char *
lectern_site_store_get_read_only_reason (LecternSiteStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->read_only_reason;
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

/* Reads @site's choices: the stored ones, else the defaults. Fails only
 * when the file cannot be read. */
static gboolean
read_choices (LecternSiteStore    *self,
              const char          *site,
              LecternSiteChoices **choices,
              GError             **error)
{
  int rc;

  sqlite3_bind_text (self->select_stmt, 1, site, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (self->select_stmt);
  if (rc == SQLITE_ROW)
    *choices = choices_from_row (self, site,
                                 (const char *) sqlite3_column_text (self->select_stmt, 0),
                                 sqlite3_column_int (self->select_stmt, 1) != 0,
                                 sqlite3_column_int (self->select_stmt, 2) != 0);
  else if (rc == SQLITE_DONE)
    *choices = lectern_site_choices_copy_for_site (self->defaults, site);
  else
    _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);

  sqlite3_reset (self->select_stmt);
  sqlite3_clear_bindings (self->select_stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
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
  g_autoptr(GError) error = NULL;
  LecternSiteChoices *choices = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  if (!read_choices (self, site, &choices, &error))
    {
      g_debug ("Could not read the choices for %s: %s", site, error->message);
      choices = lectern_site_choices_copy_for_site (self->defaults, site);
    }

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

static gboolean
check_writable (LecternSiteStore  *self,
                GError           **error)
{
  if (self->read_only_reason == NULL)
    return TRUE;

  g_set_error_literal (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_READ_ONLY,
                       self->read_only_reason);
  return FALSE;
}

/* Takes the write lock at once: a transaction that read first and wrote
 * later could find another process's write in between, and fail (or,
 * read-modify-write, lose it). */
static gboolean
begin (LecternSiteStore  *self,
       GError           **error)
{
  int rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE;", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);
      return FALSE;
    }

  return TRUE;
}

/* Commits when @done, else rolls back; returns whether it was committed. */
static gboolean
end (LecternSiteStore  *self,
     gboolean           done,
     GError           **error)
{
  int rc;

  if (done)
    {
      rc = sqlite3_exec (self->db, "COMMIT;", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        return TRUE;
      _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);
    }

  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);

  return FALSE;
}

static gboolean
write_choices (LecternSiteStore          *self,
               const LecternSiteChoices  *choices,
               GError                   **error)
{
  g_autofree char *text = serialize_allowed (choices);
  int rc;

  sqlite3_bind_text (self->upsert_stmt, 1, lectern_site_choices_get_site (choices), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (self->upsert_stmt, 2, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (self->upsert_stmt, 3, lectern_site_choices_get_trusted (choices) ? 1 : 0);
  sqlite3_bind_int64 (self->upsert_stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int (self->upsert_stmt, 5, lectern_site_choices_get_leave_banner (choices) ? 1 : 0);
  rc = sqlite3_step (self->upsert_stmt);
  if (rc != SQLITE_DONE)
    _lectern_site_store_set_error (error, self->db, rc, LECTERN_SITE_STORE_ERROR_QUERY);
  sqlite3_reset (self->upsert_stmt);
  sqlite3_clear_bindings (self->upsert_stmt);

  return rc == SQLITE_DONE;
}

/**
 * lectern_site_store_save_choices:
 * @self: a store
 * @choices: a site's choices (not the defaults: the site must be set)
 * @error: return location for a #GError
 *
 * Stores @choices, replacing what was stored for its site, in one
 * transaction. A store that saves nothing fails with
 * %LECTERN_SITE_STORE_ERROR_READ_ONLY and says why.
 *
 * Returns: %TRUE on success
 */
gboolean
lectern_site_store_save_choices (LecternSiteStore          *self,
                                 const LecternSiteChoices  *choices,
                                 GError                   **error)
{
  const char *site;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  site = lectern_site_choices_get_site (choices);
  g_return_val_if_fail (site[0] != '\0', FALSE);

  if (!check_writable (self, error) || !begin (self, error))
    return FALSE;

  if (!end (self, write_choices (self, choices, error), error))
    return FALSE;

  remember_site (self, site);

  return TRUE;
}

/**
 * lectern_site_store_edit_choices:
 * @self: a store
 * @site: a site's registrable domain
 * @edit: (scope call): changes the choices read
 * @user_data: data for @edit
 * @result: (out) (optional) (transfer full): the choices stored
 * @error: return location for a #GError
 *
 * Reads @site's choices (the defaults if none are stored), lets @edit
 * change them and stores them, all in one transaction: a change another
 * process makes at the same time to the same site is neither lost nor
 * overwritten with what was read before it.
 *
 * Returns: %TRUE on success
 */
gboolean
lectern_site_store_edit_choices (LecternSiteStore            *self,
                                 const char                  *site,
                                 LecternSiteChoicesEditFunc   edit,
                                 gpointer                     user_data,
                                 LecternSiteChoices         **result,
                                 GError                     **error)
{
  g_autoptr(LecternSiteChoices) choices = NULL;
  gboolean done;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (site != NULL && site[0] != '\0', FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_writable (self, error) || !begin (self, error))
    return FALSE;

  done = read_choices (self, site, &choices, error);
  if (done)
    {
      edit (choices, user_data);
      done = write_choices (self, choices, error);
    }

  if (!end (self, done, error))
    return FALSE;

  remember_site (self, site);

  if (result != NULL)
    *result = g_steal_pointer (&choices);

  return TRUE;
}

static int
compare_sites (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * lectern_site_store_dup_changed_sites:
 * @self: a store
 *
 * The sites whose choices or allowed trackers another process (another
 * connection to the file) changed since the store last looked. Cheap when
 * nothing changed: SQLite's `data_version` tells without reading a table.
 *
 * Returns: (transfer full): the sites, sorted; empty when none
 */
GStrv
lectern_site_store_dup_changed_sites (LecternSiteStore *self)
{
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) now = NULL;
  GHashTableIter iter;
  gpointer site;
  gpointer fingerprint;
  gint64 version;

  g_return_val_if_fail (self != NULL, NULL);

  version = read_data_version (self);
  /* Not read through: looked at again next time. */
  if (version != self->data_version)
    now = read_fingerprints (self);

  if (now != NULL)
    {
      self->data_version = version;

      g_hash_table_iter_init (&iter, now);
      while (g_hash_table_iter_next (&iter, &site, &fingerprint))
        if (g_strcmp0 (g_hash_table_lookup (self->known, site), ((GString *) fingerprint)->str) != 0)
          g_ptr_array_add (changed, g_strdup (site));

      g_hash_table_iter_init (&iter, self->known);
      while (g_hash_table_iter_next (&iter, &site, NULL))
        if (!g_hash_table_contains (now, site))
          g_ptr_array_add (changed, g_strdup (site));

      set_known (self, now);
      g_ptr_array_sort (changed, compare_sites);
    }

  g_ptr_array_add (changed, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&changed), FALSE);
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

  if (!check_writable (self, error))
    return FALSE;

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

  if (rc != SQLITE_DONE)
    return FALSE;

  remember_site (self, site);

  return TRUE;
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
