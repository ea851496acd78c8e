/* lectern-site-store-schema.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-site-store-schema.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

/* The schema this code writes. A database with a higher user_version was
 * written by a newer Lectern and is not understood. */
#define SCHEMA_VERSION 3

/* Version 2 added allowed_trackers: the trackers a reader let through on
 * one site whatever its categories say. Creating what is missing brings a
 * version 1 file up to date. Version 3 added site_choices.leave_banner
 * (leave the site's consent banner alone); ADD_LEAVE_BANNER brings an
 * older site_choices table up to date. */
#define CREATE_SCHEMA                                  \
  "CREATE TABLE IF NOT EXISTS site_choices ("          \
  "  site TEXT PRIMARY KEY NOT NULL,"                  \
  "  choices TEXT NOT NULL,"                           \
  "  trusted INTEGER NOT NULL DEFAULT 0,"              \
  "  updated INTEGER NOT NULL DEFAULT 0,"              \
  "  leave_banner INTEGER NOT NULL DEFAULT 0"          \
  ");"                                                 \
  "CREATE TABLE IF NOT EXISTS allowed_trackers ("      \
  "  site TEXT NOT NULL,"                              \
  "  tracker TEXT NOT NULL,"                           \
  "  updated INTEGER NOT NULL DEFAULT 0,"              \
  "  PRIMARY KEY (site, tracker)"                      \
  ");"

#define ADD_LEAVE_BANNER                               \
  "ALTER TABLE site_choices ADD COLUMN "               \
  "leave_banner INTEGER NOT NULL DEFAULT 0;"

/* Another process (lectern --consent, a second window's profile) holds
 * the write lock for a few milliseconds at a time; waiting this long for
 * it covers a machine under load. */
#define BUSY_TIMEOUT_MS 5000

/* How much of a failed integrity check goes to the debug log: it can run
 * to pages, and the user is told what it means instead. */
#define MAX_CHECK_LOG_LENGTH 300

static gboolean
is_corruption (int code)
{
  code &= 0xff;

  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

static LecternSiteStoreProblem
problem_for (int rc)
{
  return is_corruption (rc) ? LECTERN_SITE_STORE_PROBLEM_DAMAGED : LECTERN_SITE_STORE_PROBLEM_OTHER;
}

/* Sets @error to SQLite's message and returns whether that error means the
 * file itself is damaged. */
gboolean
_lectern_site_store_set_error (GError                **error,
                               sqlite3                *db,
                               int                     rc,
                               LecternSiteStoreError   code)
{
  g_set_error_literal (error, LECTERN_SITE_STORE_ERROR, code,
                       db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));

  return is_corruption (rc);
}

static gboolean
exec (sqlite3                  *db,
      const char               *sql,
      LecternSiteStoreProblem  *problem,
      GError                  **error)
{
  int rc;

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _lectern_site_store_set_error (error, db, rc, LECTERN_SITE_STORE_ERROR_OPEN);
      *problem = problem_for (rc);
      return FALSE;
    }

  return TRUE;
}

/* Runs a pragma that answers with a row and returns its first column. */
static char *
query_text (sqlite3                  *db,
            const char               *sql,
            LecternSiteStoreProblem  *problem,
            GError                  **error)
{
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      _lectern_site_store_set_error (error, db, rc, LECTERN_SITE_STORE_ERROR_OPEN);
      *problem = problem_for (rc);
    }

  if (result == NULL && rc == SQLITE_DONE)
    {
      g_set_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                   "%s gave no answer", sql);
      *problem = LECTERN_SITE_STORE_PROBLEM_OTHER;
    }

  sqlite3_finalize (stmt);

  return result;
}

/* Whether the table @table has a column @column. A missing table has none. */
gboolean
_lectern_site_store_has_column (sqlite3    *db,
                                const char *table,
                                const char *column)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2;",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, column, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

/* Reads the file's header and checks it, and gives the version of the
 * schema it was written with: one newer than this code is refused. */
static gboolean
check_database (sqlite3                  *db,
                gint64                   *user_version,
                LecternSiteStoreProblem  *problem,
                GError                  **error)
{
  g_autofree char *check = NULL;
  g_autofree char *version = NULL;

  /* Reading the header is what reveals a file that is not a database. */
  check = query_text (db, "PRAGMA quick_check;", problem, error);
  if (check == NULL)
    return FALSE;

  if (!g_str_equal (check, "ok"))
    {
      g_debug ("The integrity check of the site choices failed: %.*s",
               MAX_CHECK_LOG_LENGTH, check);
      *problem = LECTERN_SITE_STORE_PROBLEM_DAMAGED;
      g_set_error_literal (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                           "the file is damaged");
      return FALSE;
    }

  version = query_text (db, "PRAGMA user_version;", problem, error);
  if (version == NULL)
    return FALSE;

  *user_version = g_ascii_strtoll (version, NULL, 10);
  if (*user_version > SCHEMA_VERSION)
    {
      *problem = LECTERN_SITE_STORE_PROBLEM_NEWER;
      g_set_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                   "written by a newer version (schema %" G_GINT64_FORMAT ")",
                   *user_version);
      return FALSE;
    }

  return TRUE;
}

/* WAL keeps readers and the writer out of each other's way. With
 * synchronous=NORMAL a crash of the app loses nothing, and a power cut at
 * worst the last commits, never the file. A file system without WAL
 * support keeps its old mode. */
static gboolean
set_journal (sqlite3                  *db,
             LecternSiteStoreProblem  *problem,
             GError                  **error)
{
  g_autofree char *journal = NULL;

  journal = query_text (db, "PRAGMA journal_mode=WAL;", problem, error);
  if (journal == NULL)
    return FALSE;

  return exec (db, "PRAGMA synchronous=NORMAL;", problem, error);
}

/* Brings a file written with schema @user_version up to this code's, in
 * one transaction. @created says whether the tables were made here from
 * nothing, the version read again once the lock is held: another process
 * may have done it in between. */
static gboolean
upgrade_schema (sqlite3                  *db,
                gint64                    user_version,
                gboolean                 *created,
                LecternSiteStoreProblem  *problem,
                GError                  **error)
{
  g_autofree char *set_version = NULL;
  g_autofree char *locked_version = NULL;

  if (user_version >= SCHEMA_VERSION)
    return TRUE;

  set_version = g_strdup_printf ("PRAGMA user_version=%d;", SCHEMA_VERSION);
  if (!exec (db, "BEGIN IMMEDIATE;", problem, error))
    return FALSE;

  /* CREATE TABLE IF NOT EXISTS leaves an older site_choices as it was, so
   * the column version 3 added is added here. */
  locked_version = query_text (db, "PRAGMA user_version;", problem, error);
  if (locked_version == NULL ||
      !exec (db, CREATE_SCHEMA, problem, error) ||
      (!_lectern_site_store_has_column (db, "site_choices", "leave_banner") &&
       !exec (db, ADD_LEAVE_BANNER, problem, error)) ||
      !exec (db, set_version, problem, error))
    {
      sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
      return FALSE;
    }

  *created = g_ascii_strtoll (locked_version, NULL, 10) == 0;

  return exec (db, "COMMIT;", problem, error);
}

/* Opens @path into @db, checks it and brings its schema up to date. On
 * failure, @problem says what is wrong with the file, which decides what
 * becomes of it; @db may then hold a handle all the same, for the caller
 * to close. @created says whether the file held no tables before. */
gboolean
_lectern_site_store_open_file (const char               *path,
                               sqlite3                 **db,
                               LecternSiteStoreProblem  *problem,
                               gboolean                 *created,
                               GError                  **error)
{
  gint64 user_version = 0;
  int rc;

  *problem = LECTERN_SITE_STORE_PROBLEM_NONE;
  *created = FALSE;

  rc = sqlite3_open_v2 (path, db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _lectern_site_store_set_error (error, *db, rc, LECTERN_SITE_STORE_ERROR_OPEN);
      *problem = problem_for (rc);
      return FALSE;
    }

  sqlite3_busy_timeout (*db, BUSY_TIMEOUT_MS);

  return check_database (*db, &user_version, problem, error) &&
         set_journal (*db, problem, error) &&
         upgrade_schema (*db, user_version, created, problem, error);
}

static void
remove_with_journal (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_unlink (name);
    }
}

/* Creates the database at @path, with its tables, all at once: it is
 * made under a temporary name, then linked into place, never replacing a
 * file another process made meanwhile. So a file of 0 bytes at @path is
 * never one being created, but one cut short. */
gboolean
_lectern_site_store_create_file (const char  *path,
                                 GError     **error)
{
  g_autofree char *temporary = g_strconcat (path, ".new-XXXXXX", NULL);
  LecternSiteStoreProblem problem;
  sqlite3 *db = NULL;
  gboolean created;
  gboolean done;
  int saved_errno;
  int fd;

  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                   "Could not create “%s”: %s", temporary, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  /* Closing the last connection writes the log back into the file. */
  done = _lectern_site_store_open_file (temporary, &db, &problem, &created, error);
  sqlite3_close (db);

  /* A file system without hard links: moved instead, unless another
   * process created the file in the meantime. */
  if (done && link (temporary, path) != 0 && errno != EEXIST &&
      !g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (temporary, path) != 0)
    {
      saved_errno = errno;
      g_set_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                   "Could not create “%s”: %s", path, g_strerror (saved_errno));
      done = FALSE;
    }

  remove_with_journal (temporary);

  return done;
}

/* Moves @path (and its -wal and -shm files) out of the way under a name
 * that no earlier set-aside file has, and returns that name. */
char *
_lectern_site_store_set_aside (const char  *path,
                               GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = NULL;

  aside = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  for (guint n = 2; g_file_test (aside, G_FILE_TEST_EXISTS); n++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
    }

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN,
                   "Could not rename “%s” to “%s”: %s",
                   path, aside, g_strerror (saved_errno));
      return NULL;
    }

  /* Journal files belong to the damaged database; left in place they would
   * be replayed into the new one. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_unlink (from);
    }

  return g_steal_pointer (&aside);
}
