/* lectern-history-store.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-history-store.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lectern-party.h"
#include "lectern-profile-file.h"

/**
 * LecternHistoryStore:
 *
 * What reader mode remembers, in an SQLite database of the profile: the
 * articles read recently (for the start page, clearable) and the sites
 * whose pages always open in reader mode. A damaged file is set aside
 * under another name, never deleted, and a new one started.
 */

/* The start page lists this many; older entries are dropped. */
#define MAX_ENTRIES 200

struct _LecternHistoryStore
{
  sqlite3 *db;
  char    *recovery_message;
};

G_DEFINE_QUARK (lectern-history-store-error-quark, lectern_history_store_error)

void
lectern_history_entry_free (LecternHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->url);
  g_free (entry->title);
  g_free (entry->site);
  g_clear_pointer (&entry->read, g_date_time_unref);
  g_free (entry);
}

static gboolean
is_corruption (int code)
{
  code &= 0xff;

  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

static int
open_database (const char  *path,
               sqlite3    **db,
               GError     **error)
{
  static const char *schema =
    "PRAGMA journal_mode=WAL;"
    "CREATE TABLE IF NOT EXISTS articles (url TEXT PRIMARY KEY, title TEXT, site TEXT NOT NULL,"
    "                                     read INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS articles_read ON articles (read);"
    "CREATE TABLE IF NOT EXISTS reader_sites (site TEXT PRIMARY KEY);";
  int rc;

  rc = sqlite3_open_v2 (path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (*db, 2000);
      rc = sqlite3_exec (*db, schema, NULL, NULL, NULL);
    }

  if (rc != SQLITE_OK)
    {
      g_set_error (error, LECTERN_HISTORY_STORE_ERROR, LECTERN_HISTORY_STORE_ERROR_OPEN,
                   "%s", *db != NULL ? sqlite3_errmsg (*db) : sqlite3_errstr (rc));
      g_clear_pointer (db, sqlite3_close);
    }

  return rc;
}

/**
 * lectern_history_store_open:
 * @path: the database file; created if missing
 *
 * Returns: (transfer full) (nullable): the store, or %NULL if the file can
 *   neither be opened nor set aside and replaced (a folder in its place,
 *   say), with @error naming it
 */
LecternHistoryStore *
lectern_history_store_open (const char  *path,
                            GError     **error)
{
  g_autoptr(LecternHistoryStore) self = g_new0 (LecternHistoryStore, 1);
  g_autoptr(GError) local_error = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  /* Refused before SQLite sees it: it would block on a pipe. */
  if (!lectern_profile_file_check (path, NULL, NULL, &local_error))
    {
      g_set_error_literal (error, LECTERN_HISTORY_STORE_ERROR, LECTERN_HISTORY_STORE_ERROR_OPEN,
                           local_error->message);
      return NULL;
    }

  rc = open_database (path, &self->db, &local_error);

  if (rc != SQLITE_OK && is_corruption (rc))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
      g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

      if (g_rename (path, aside) != 0)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      /* Translators: %s is a file */
                                      _("Could not open “%s”: "), path);
          return NULL;
        }

      /* Translators: %s is a file path */
      self->recovery_message = g_strdup_printf (_("The list of recent articles was damaged; it was set aside as %s "
                                                  "and a new one started"), aside);
      g_clear_error (&local_error);
      rc = open_database (path, &self->db, &local_error);
    }

  if (rc != SQLITE_OK)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  /* Translators: %s is a file */
                                  _("Could not open “%s”: "), path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
lectern_history_store_free (LecternHistoryStore *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self->recovery_message);
  g_free (self);
}

/**
 * lectern_history_store_get_recovery_message:
 *
 * Returns: (nullable): what was done about a damaged file, for the user
 */
const char *
lectern_history_store_get_recovery_message (LecternHistoryStore *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->recovery_message;
}

static gboolean
run (LecternHistoryStore  *self,
     sqlite3_stmt         *stmt,
     GError              **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LECTERN_HISTORY_STORE_ERROR, LECTERN_HISTORY_STORE_ERROR_WRITE,
                   "%s", sqlite3_errmsg (self->db));
      return FALSE;
    }

  return TRUE;
}

static sqlite3_stmt *
prepare (LecternHistoryStore  *self,
         const char           *sql,
         GError              **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LECTERN_HISTORY_STORE_ERROR, LECTERN_HISTORY_STORE_ERROR_WRITE,
                   "%s", sqlite3_errmsg (self->db));
      return NULL;
    }

  return stmt;
}

/**
 * lectern_history_store_add_article:
 * @url: an http or https address
 * @title: (nullable): the article's title
 * @read: (nullable): when it was read; %NULL for now
 *
 * Records an article as read, or moves it to the top when it already is
 * listed. Only web articles are kept: a local file's path is private.
 */
gboolean
lectern_history_store_add_article (LecternHistoryStore  *self,
                                   const char           *url,
                                   const char           *title,
                                   GDateTime            *read,
                                   GError              **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *site = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!(g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
    return TRUE;

  site = lectern_party_dup_site_for_uri (url);
  if (site == NULL)
    return TRUE;

  if (read == NULL)
    read = now = g_date_time_new_now_utc ();

  stmt = prepare (self, "INSERT INTO articles (url, title, site, read) VALUES (?1, ?2, ?3, ?4) "
                        "ON CONFLICT (url) DO UPDATE SET title = excluded.title, read = excluded.read;", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, site, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (read));

  if (!run (self, stmt, error))
    return FALSE;

  stmt = prepare (self, "DELETE FROM articles WHERE url NOT IN "
                        "(SELECT url FROM articles ORDER BY read DESC LIMIT ?1);", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, MAX_ENTRIES);

  return run (self, stmt, error);
}

/**
 * lectern_history_store_dup_recent:
 * @limit: the most entries to return
 *
 * Returns: (transfer full) (element-type LecternHistoryEntry) (nullable):
 *   the articles read, the latest first
 */
GPtrArray *
lectern_history_store_dup_recent (LecternHistoryStore  *self,
                                  guint                 limit,
                                  GError              **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_history_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = prepare (self, "SELECT url, title, site, read FROM articles ORDER BY read DESC, rowid DESC LIMIT ?1;", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) MIN (limit, G_MAXINT));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LecternHistoryEntry *entry = g_new0 (LecternHistoryEntry, 1);

      entry->url = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->title = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->site = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->read = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 3));
      g_ptr_array_add (entries, entry);
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LECTERN_HISTORY_STORE_ERROR, LECTERN_HISTORY_STORE_ERROR_OPEN,
                   "%s", sqlite3_errmsg (self->db));
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * lectern_history_store_clear:
 *
 * Forgets every recent article; the sites always read in reader mode stay.
 */
gboolean
lectern_history_store_clear (LecternHistoryStore  *self,
                             GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = prepare (self, "DELETE FROM articles;", error);

  return stmt != NULL && run (self, stmt, error);
}

gboolean
lectern_history_store_get_always_reader (LecternHistoryStore *self,
                                         const char          *site)
{
  sqlite3_stmt *stmt;
  gboolean found;

  g_return_val_if_fail (self != NULL, FALSE);

  if (site == NULL || site[0] == '\0')
    return FALSE;

  stmt = prepare (self, "SELECT 1 FROM reader_sites WHERE site = ?1;", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, site, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

/**
 * lectern_history_store_set_always_reader:
 * @site: a site (registrable domain)
 * @always: whether its articles open in reader mode
 */
gboolean
lectern_history_store_set_always_reader (LecternHistoryStore  *self,
                                         const char           *site,
                                         gboolean              always,
                                         GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (site != NULL && site[0] != '\0', FALSE);

  stmt = prepare (self, always ? "INSERT OR IGNORE INTO reader_sites (site) VALUES (?1);"
                               : "DELETE FROM reader_sites WHERE site = ?1;", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, site, -1, SQLITE_TRANSIENT);

  return run (self, stmt, error);
}

static void
append_escaped (GString    *str,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (str, escaped);
}

/**
 * lectern_history_render_start_page:
 * @recent: (element-type LecternHistoryEntry): recent articles, latest first
 * @demo_uri: the bundled demo article's address
 *
 * The start page: the recent articles (title, site, when) and the demo
 * article. Everything from the store is HTML-escaped, and the page allows
 * no script.
 *
 * Returns: (transfer full): the page's HTML
 */
char *
lectern_history_render_start_page (GPtrArray  *recent,
                                   const char *demo_uri)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (recent != NULL, NULL);
  g_return_val_if_fail (demo_uri != NULL, NULL);

  g_string_append (str,
                   "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'; script-src 'none'\">"
                   "<meta name=\"referrer\" content=\"no-referrer\"><title>");
  append_escaped (str, _("Lectern"));
  g_string_append (str,
                   "</title><style>"
                   ":root { color-scheme: light dark; }"
                   "body { font-family: Cantarell, 'Noto Sans', sans-serif; margin: 0; }"
                   "main { max-width: 46em; margin: 0 auto; padding: 48px 32px; }"
                   "h1 { font-size: 1.6em; margin: 0 0 1em; }"
                   "h2 { font-size: 1em; text-transform: uppercase; letter-spacing: 0.04em; opacity: 0.7; }"
                   "ul { list-style: none; padding: 0; margin: 0 0 2em; }"
                   "li { border-bottom: 1px solid rgba(127,127,127,0.25); }"
                   "li a { display: block; padding: 0.7em 0; color: inherit; text-decoration: none; }"
                   ".title { font-weight: bold; }"
                   "li a:hover .title, li a:focus .title { text-decoration: underline; }"
                   ".meta { display: block; font-size: 0.85em; opacity: 0.7; margin-top: 0.2em; }"
                   "</style></head><body><main><h1>");
  append_escaped (str, _("Read without being tracked"));
  g_string_append (str, "</h1>");

  if (recent->len > 0)
    {
      g_string_append (str, "<h2>");
      append_escaped (str, _("Recent articles"));
      g_string_append (str, "</h2><ul>");

      for (guint i = 0; i < recent->len; i++)
        {
          LecternHistoryEntry *entry = g_ptr_array_index (recent, i);
          g_autoptr(GDateTime) local = entry->read ? g_date_time_to_local (entry->read) : NULL;
          /* Translators: when an article was read, on the start page; see
           * g_date_time_format() */
          g_autofree char *when = local ? g_date_time_format (local, _("%e %B %Y, %H:%M")) : NULL;

          /* The whole row is the link: a click anywhere on it opens it. */
          g_string_append (str, "<li><a href=\"");
          append_escaped (str, entry->url);
          g_string_append (str, "\"><span class=\"title\">");
          append_escaped (str, entry->title != NULL && entry->title[0] != '\0' ? entry->title : entry->url);
          g_string_append (str, "</span><span class=\"meta\">");
          append_escaped (str, entry->site);
          if (when != NULL)
            {
              g_string_append (str, " · ");
              append_escaped (str, g_strstrip (when));
            }
          g_string_append (str, "</span></a></li>");
        }

      g_string_append (str, "</ul>");
    }

  g_string_append (str, "<h2>");
  append_escaped (str, _("To try"));
  g_string_append (str, "</h2><ul><li><a href=\"");
  append_escaped (str, demo_uri);
  g_string_append (str, "\"><span class=\"title\">");
  append_escaped (str, _("The demo article"));
  g_string_append (str, "</span><span class=\"meta\">");
  append_escaped (str, _("A made-up news story with trackers and a consent banner, bundled with Lectern"));
  g_string_append (str, "</span></a></li></ul></main></body></html>\n");

  return g_string_free (str, FALSE);
}
