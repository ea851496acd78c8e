/* lectern-site-store-salvage.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-site-store-schema.h"

#include <string.h>

/* What still reads in a file of site choices that cannot be used as it is
 * (damaged, or written by a newer version), copied into a store that can.
 *
 * Damage usually hits a few pages of one table, and SQLite stops a scan at
 * the first page it cannot read. So each table is read from both ends,
 * and through its primary key's index, which holds every site (and every
 * site and tracker pair) in pages of its own: the sites the index names
 * but no scan reached are looked up one by one, and those that still do
 * not read are the ones lost. */

typedef struct
{
  sqlite3      *to;
  sqlite3_stmt *insert_choices;
  sqlite3_stmt *insert_tracker;
  /* Every site seen, to whether its choices were copied. */
  GHashTable   *sites;
  guint         trackers_saved;
} Salvage;

typedef void (*RowFunc) (Salvage      *salvage,
                         sqlite3_stmt *row);

/* Runs @sql on @from and hands each row to @func, as far as it reads.
 * Returns SQLITE_DONE when every row was read, else why not. */
static int
scan (sqlite3     *from,
      const char  *sql,
      RowFunc      func,
      Salvage     *salvage)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (from, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (salvage, stmt);
  sqlite3_finalize (stmt);

  return rc;
}

static void
bind_column (sqlite3_stmt *to,
             int           index,
             sqlite3_stmt *from,
             int           column)
{
  sqlite3_bind_value (to, index + 1, sqlite3_column_value (from, column));
}

/* Copies a row of (site, choices, trusted, updated, leave_banner); a row
 * the new table refuses (a NULL where none may be) counts as not saved. */
static void
copy_choices (Salvage      *salvage,
              sqlite3_stmt *row)
{
  const char *site = (const char *) sqlite3_column_text (row, 0);
  gboolean saved;

  if (site == NULL || site[0] == '\0')
    return;

  for (int i = 0; i < 5; i++)
    bind_column (salvage->insert_choices, i, row, i);
  saved = sqlite3_step (salvage->insert_choices) == SQLITE_DONE && sqlite3_changes (salvage->to) > 0;
  sqlite3_reset (salvage->insert_choices);
  sqlite3_clear_bindings (salvage->insert_choices);

  if (saved || !g_hash_table_contains (salvage->sites, site))
    g_hash_table_insert (salvage->sites, g_strdup (site), GINT_TO_POINTER (saved));
}

static void
note_site (Salvage      *salvage,
           sqlite3_stmt *row)
{
  const char *site = (const char *) sqlite3_column_text (row, 0);

  if (site != NULL && site[0] != '\0' && !g_hash_table_contains (salvage->sites, site))
    g_hash_table_insert (salvage->sites, g_strdup (site), GINT_TO_POINTER (FALSE));
}

/* Copies a row of (site, tracker, updated). */
static void
copy_tracker (Salvage      *salvage,
              sqlite3_stmt *row)
{
  const char *site = (const char *) sqlite3_column_text (row, 0);
  const char *tracker = (const char *) sqlite3_column_text (row, 1);

  if (site == NULL || tracker == NULL || site[0] == '\0' || tracker[0] == '\0')
    return;

  for (int i = 0; i < 3; i++)
    bind_column (salvage->insert_tracker, i, row, i);
  if (sqlite3_step (salvage->insert_tracker) == SQLITE_DONE && sqlite3_changes (salvage->to) > 0)
    salvage->trackers_saved++;
  sqlite3_reset (salvage->insert_tracker);
  sqlite3_clear_bindings (salvage->insert_tracker);
}

/* Looks up, one by one, the sites the index named but no scan copied. */
static void
copy_named_sites (sqlite3    *from,
                  const char *columns,
                  Salvage    *salvage)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM site_choices WHERE site = ?1;", columns);
  g_autofree const char **sites = (const char **) g_hash_table_get_keys_as_array (salvage->sites, NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (from, sql, -1, &stmt, NULL) != SQLITE_OK)
    return;

  for (guint i = 0; sites[i] != NULL; i++)
    {
      if (GPOINTER_TO_INT (g_hash_table_lookup (salvage->sites, sites[i])))
        continue;

      sqlite3_bind_text (stmt, 1, sites[i], -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        copy_choices (salvage, stmt);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  sqlite3_finalize (stmt);
}

static void
salvage_choices (sqlite3                 *from,
                 Salvage                 *salvage,
                 LecternSiteStoreSalvage *result)
{
  /* A file from before schema 3 has no banner flag: it reads as off. */
  const char *columns = _lectern_site_store_has_column (from, "site_choices", "leave_banner")
                          ? "site, choices, trusted, updated, leave_banner"
                          : "site, choices, trusted, updated, 0";
  g_autofree char *forward = g_strdup_printf ("SELECT %s FROM site_choices NOT INDEXED ORDER BY rowid;", columns);
  g_autofree char *backward = g_strdup_printf ("SELECT %s FROM site_choices NOT INDEXED ORDER BY rowid DESC;", columns);

  result->choices_read = scan (from, forward, copy_choices, salvage) == SQLITE_DONE;
  result->sites_known = result->choices_read;
  if (result->choices_read)
    return;

  scan (from, backward, copy_choices, salvage);
  /* Ordered by site, the primary key's index answers alone. */
  result->sites_known = scan (from, "SELECT site FROM site_choices ORDER BY site;", note_site, salvage) == SQLITE_DONE;
  copy_named_sites (from, columns, salvage);
}

static void
salvage_trackers (sqlite3                 *from,
                  Salvage                 *salvage,
                  LecternSiteStoreSalvage *result)
{
  int forward;
  int by_index;

  forward = scan (from, "SELECT site, tracker, updated FROM allowed_trackers NOT INDEXED ORDER BY rowid;",
                  copy_tracker, salvage);
  if (forward == SQLITE_DONE)
    return;

  scan (from, "SELECT site, tracker, updated FROM allowed_trackers NOT INDEXED ORDER BY rowid DESC;",
        copy_tracker, salvage);
  /* The index holds both columns: every pair, whatever became of the
   * table's own pages, only the time each was allowed is lost. */
  by_index = scan (from, "SELECT site, tracker, 0 FROM allowed_trackers ORDER BY site, tracker;",
                   copy_tracker, salvage);

  /* A file from before schema 2 has no such table: nothing was lost. */
  result->trackers_lost = by_index != SQLITE_DONE && (forward & 0xff) != SQLITE_ERROR;
}

/**
 * _lectern_site_store_salvage:
 * @from: (nullable): a database that cannot be used as it is, open for
 *   reading
 * @to: a store's database, with the current schema
 * @result: (out caller-allocates): what was copied
 *
 * Copies every site's choices and every allowed tracker that still read
 * in @from into @to, in one transaction, leaving what @to already holds.
 */
void
_lectern_site_store_salvage (sqlite3                 *from,
                             sqlite3                 *to,
                             LecternSiteStoreSalvage *result)
{
  Salvage salvage = { to, NULL, NULL, NULL, 0 };
  GHashTableIter iter;
  gpointer saved;

  memset (result, 0, sizeof *result);

  /* No connection at all (out of memory): nothing reads. */
  if (from == NULL)
    return;

  if (sqlite3_prepare_v2 (to,
                          "INSERT OR IGNORE INTO site_choices (site, choices, trusted, updated, leave_banner) "
                          "VALUES (?1, ?2, ?3, ?4, ?5);",
                          -1, &salvage.insert_choices, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (to,
                          "INSERT OR IGNORE INTO allowed_trackers (site, tracker, updated) VALUES (?1, ?2, ?3);",
                          -1, &salvage.insert_tracker, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot copy into the site choices: %s", sqlite3_errmsg (to));
      sqlite3_finalize (salvage.insert_choices);
      return;
    }

  salvage.sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_exec (to, "BEGIN IMMEDIATE;", NULL, NULL, NULL);

  salvage_choices (from, &salvage, result);
  salvage_trackers (from, &salvage, result);

  sqlite3_exec (to, "COMMIT;", NULL, NULL, NULL);
  sqlite3_finalize (salvage.insert_choices);
  sqlite3_finalize (salvage.insert_tracker);

  result->sites_found = g_hash_table_size (salvage.sites);
  g_hash_table_iter_init (&iter, salvage.sites);
  while (g_hash_table_iter_next (&iter, NULL, &saved))
    result->sites_saved += GPOINTER_TO_INT (saved) ? 1 : 0;
  result->trackers_saved = salvage.trackers_saved;

  g_hash_table_unref (salvage.sites);
}
