/* test-site-store.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "lectern-site-store.h"

/* G_TEST_OPTION_ISOLATE_DIRS gives each test its own XDG_DATA_HOME. */
static char *
store_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "lectern", "sites.db", NULL);
}

/* Returns the names in the store's folder that start with @prefix. */
static GPtrArray *
list_with_prefix (const char *folder,
                  const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix))
      g_ptr_array_add (names, g_build_filename (folder, name, NULL));

  return names;
}

/* Runs @sql on the database at @path, made if need be, as another program
 * (or another version) would write it. */
static void
exec_on_file (const char *path,
              const char *sql)
{
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_creates_folder (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();

  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_null (lectern_site_store_get_recovery_message (store));
}

static void
test_reopen_keeps_choices (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) back = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_SALE, TRUE);
  g_assert_true (lectern_site_store_save_choices (store, choices, &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, lectern_site_store_free);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (lectern_site_store_get_recovery_message (store));
  g_assert_true (lectern_site_store_has_choices (store, "example.com"));

  back = lectern_site_store_dup_choices (store, "example.com");
  g_assert_true (lectern_site_choices_equal (choices, back));
  g_assert_true (lectern_site_choices_get_allowed (back, LECTERN_CATEGORY_PERFORMANCE));
  g_assert_false (lectern_site_choices_get_allowed (back, LECTERN_CATEGORY_TARGETING));

  all = lectern_site_store_dup_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_true (lectern_site_choices_equal (g_ptr_array_index (all, 0), choices));
}

static void
test_defaults_for_unknown_site (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) defaults = lectern_site_choices_new (NULL);
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autoptr(LecternSiteChoices) out_of_the_box = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);

  /* Before any defaults are set: the out-of-the-box ones. */
  out_of_the_box = lectern_site_store_dup_choices (store, "example.org");
  g_assert_cmpstr (lectern_site_choices_get_site (out_of_the_box), ==, "example.org");
  g_assert_true (lectern_site_choices_get_allowed (out_of_the_box, LECTERN_CATEGORY_NECESSARY));
  g_assert_false (lectern_site_choices_get_allowed (out_of_the_box, LECTERN_CATEGORY_FUNCTIONAL));

  lectern_site_choices_set_allowed (defaults, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
  lectern_site_store_set_defaults (store, defaults);
  g_assert_true (lectern_site_choices_equal (lectern_site_store_get_defaults (store), defaults));

  choices = lectern_site_store_dup_choices (store, "example.org");
  g_assert_cmpstr (lectern_site_choices_get_site (choices), ==, "example.org");
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_FUNCTIONAL));
  g_assert_false (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_TARGETING));
  g_assert_false (lectern_site_store_has_choices (store, "example.org"));
}

static void
test_last_save_wins (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) first = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) second = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) other = lectern_site_choices_new ("example.net");
  g_autoptr(LecternSiteChoices) back = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);

  lectern_site_choices_set_allowed (first, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_site_choices_set_trusted (second, TRUE);
  g_assert_true (lectern_site_store_save_choices (store, first, &error));
  g_assert_true (lectern_site_store_save_choices (store, other, &error));
  g_assert_true (lectern_site_store_save_choices (store, second, &error));
  g_assert_no_error (error);

  back = lectern_site_store_dup_choices (store, "example.com");
  g_assert_true (lectern_site_choices_equal (back, second));
  g_assert_false (lectern_site_choices_get_allowed (back, LECTERN_CATEGORY_TARGETING));
  g_assert_true (lectern_site_choices_get_trusted (back));

  all = lectern_site_store_dup_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (lectern_site_choices_get_site (g_ptr_array_index (all, 0)), ==, "example.com");
  g_assert_cmpstr (lectern_site_choices_get_site (g_ptr_array_index (all, 1)), ==, "example.net");
}

static void
test_garbage_is_set_aside (void)
{
  static const char garbage[] =
    "This is not an SQLite database, just some bytes a crash left behind.\n"
    "\x01\x02\x03\xff\xfe\xfd and more of them to fill a page or two.";
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) back = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *kept = NULL;
  gsize kept_length;
  const char *message;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, &error));
  g_assert_no_error (error);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* The damaged file still exists, byte for byte, under the new name. */
  aside = list_with_prefix (folder, "sites.db.corrupt-");
  g_assert_cmpuint (aside->len, ==, 1);
  g_assert_true (g_file_get_contents (g_ptr_array_index (aside, 0), &kept, &kept_length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (kept, kept_length, garbage, sizeof garbage);

  message = lectern_site_store_get_recovery_message (store);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, g_ptr_array_index (aside, 0)));

  /* The new store works. */
  g_assert_true (lectern_site_store_save_choices (store, choices, &error));
  g_assert_no_error (error);
  back = lectern_site_store_dup_choices (store, "example.com");
  g_assert_true (lectern_site_choices_equal (choices, back));
  g_assert_true (lectern_site_store_has_choices (store, "example.com"));
}

/* A file written by a newer version is no damage: it stays as it is, byte
 * for byte, and the store reads what it can of it but saves nothing. */
static void
test_future_schema_is_kept (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) back = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length;
  gsize after_length;

  exec_on_file (path,
                "CREATE TABLE site_choices (site TEXT PRIMARY KEY, stuff BLOB);"
                "INSERT INTO site_choices VALUES ('example.com', x'00');"
                "PRAGMA user_version=42;");
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);

  aside = list_with_prefix (folder, "sites.db.corrupt-");
  g_assert_cmpuint (aside->len, ==, 0);
  g_assert_nonnull (strstr (lectern_site_store_get_recovery_message (store), "newer version"));
  g_assert_nonnull (lectern_site_store_get_read_only_reason (store));

  /* Its table is not one this version reads: every site has the defaults. */
  all = lectern_site_store_dup_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);

  g_assert_false (lectern_site_store_save_choices (store, choices, &error));
  g_assert_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "newer version"));
  g_clear_error (&error);
  g_assert_false (lectern_site_store_set_tracker_allowed (store, "example.com", "Disqus", TRUE, &error));
  g_assert_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_pointer (&store, lectern_site_store_free);

  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);

  /* A newer file whose tables this version understands: its choices are
   * used. */
  exec_on_file (path,
                "DROP TABLE site_choices;"
                "CREATE TABLE site_choices (site TEXT PRIMARY KEY NOT NULL, choices TEXT NOT NULL,"
                " trusted INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,"
                " leave_banner INTEGER NOT NULL DEFAULT 0, colour TEXT);"
                "INSERT INTO site_choices VALUES ('example.com', 'social=1', 0, 0, 1, 'blue');");

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lectern_site_store_get_read_only_reason (store));
  back = lectern_site_store_dup_choices (store, "example.com");
  g_assert_true (lectern_site_choices_get_allowed (back, LECTERN_CATEGORY_SOCIAL));
  g_assert_true (lectern_site_choices_get_leave_banner (back));
}

static void
test_wrong_table_is_set_aside (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  /* A current schema version but a table this code cannot use. */
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE site_choices (name TEXT);"
                                 "PRAGMA user_version=1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lectern_site_store_get_recovery_message (store));
  g_assert_true (lectern_site_store_save_choices (store, choices, &error));
  g_assert_no_error (error);
}

static void
test_unopenable_is_an_error (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GPtrArray) aside = NULL;

  /* A folder where the file should be is not damage to set aside. */
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);

  store = lectern_site_store_open (path, &error);
  g_assert_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN);
  g_assert_null (store);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));

  aside = list_with_prefix (folder, "sites.db.corrupt-");
  g_assert_cmpuint (aside->len, ==, 0);
}

static void
test_wal_mode (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *wal = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lectern_site_store_save_choices (store, choices, &error));

  /* While the store is open, its commits sit in the write-ahead log. */
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Trackers allowed per site: stored, listed, removed, kept on reopening. */
static void
test_allowed_trackers (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_auto(GStrv) allowed = NULL;
  g_autoptr(GVariant) all = NULL;
  g_autofree char *printed = NULL;

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);

  allowed = lectern_site_store_dup_allowed_trackers (store, "example.com");
  g_assert_cmpuint (g_strv_length (allowed), ==, 0);
  g_clear_pointer (&allowed, g_strfreev);

  g_assert_true (lectern_site_store_set_tracker_allowed (store, "example.com", "X (Twitter)", TRUE, &error));
  g_assert_true (lectern_site_store_set_tracker_allowed (store, "example.com", "Disqus", TRUE, &error));
  g_assert_true (lectern_site_store_set_tracker_allowed (store, "example.com", "Disqus", TRUE, &error));
  g_assert_true (lectern_site_store_set_tracker_allowed (store, "other.org", "Hotjar", TRUE, &error));
  g_assert_no_error (error);

  allowed = lectern_site_store_dup_allowed_trackers (store, "example.com");
  g_assert_cmpuint (g_strv_length (allowed), ==, 2);
  g_assert_cmpstr (allowed[0], ==, "Disqus");
  g_assert_cmpstr (allowed[1], ==, "X (Twitter)");
  g_clear_pointer (&allowed, g_strfreev);

  g_assert_true (lectern_site_store_set_tracker_allowed (store, "example.com", "Disqus", FALSE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, lectern_site_store_free);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  allowed = lectern_site_store_dup_allowed_trackers (store, "example.com");
  g_assert_cmpuint (g_strv_length (allowed), ==, 1);
  g_assert_cmpstr (allowed[0], ==, "X (Twitter)");

  all = lectern_site_store_dup_all_allowed_trackers (store);
  g_assert_true (g_variant_is_of_type (all, G_VARIANT_TYPE ("a(sas)")));
  printed = g_variant_print (all, FALSE);
  g_assert_cmpstr (printed, ==, "[('example.com', ['X (Twitter)']), ('other.org', ['Hotjar'])]");
}

/* A file from before allowed trackers existed keeps its choices. */
static void
test_version_1_upgrades (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_auto(GStrv) allowed = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE site_choices (site TEXT PRIMARY KEY NOT NULL,"
                                 " choices TEXT NOT NULL, trusted INTEGER NOT NULL DEFAULT 0,"
                                 " updated INTEGER NOT NULL DEFAULT 0);"
                                 "INSERT INTO site_choices VALUES ('example.com', 'social=1', 0, 0);"
                                 "PRAGMA user_version=1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (lectern_site_store_get_recovery_message (store));
  choices = lectern_site_store_dup_choices (store, "example.com");
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_SOCIAL));

  g_assert_true (lectern_site_store_set_tracker_allowed (store, "example.com", "Disqus", TRUE, &error));
  g_assert_no_error (error);
  allowed = lectern_site_store_dup_allowed_trackers (store, "example.com");
  g_assert_cmpuint (g_strv_length (allowed), ==, 1);
}

/* A version 2 file (before the banner flag) keeps its choices and
 * trackers, reads the flag as off, and can store it afterwards. */
static void
test_version_2_upgrades (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autoptr(LecternSiteChoices) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_auto(GStrv) allowed = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE site_choices (site TEXT PRIMARY KEY NOT NULL,"
                                 " choices TEXT NOT NULL, trusted INTEGER NOT NULL DEFAULT 0,"
                                 " updated INTEGER NOT NULL DEFAULT 0);"
                                 "CREATE TABLE allowed_trackers (site TEXT NOT NULL,"
                                 " tracker TEXT NOT NULL, updated INTEGER NOT NULL DEFAULT 0,"
                                 " PRIMARY KEY (site, tracker));"
                                 "INSERT INTO site_choices VALUES ('example.com', 'targeting=1', 1, 0);"
                                 "INSERT INTO allowed_trackers VALUES ('example.com', 'Disqus', 0);"
                                 "PRAGMA user_version=2;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (lectern_site_store_get_recovery_message (store));

  choices = lectern_site_store_dup_choices (store, "example.com");
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_TARGETING));
  g_assert_true (lectern_site_choices_get_trusted (choices));
  g_assert_false (lectern_site_choices_get_leave_banner (choices));
  allowed = lectern_site_store_dup_allowed_trackers (store, "example.com");
  g_assert_cmpuint (g_strv_length (allowed), ==, 1);
  g_assert_cmpstr (allowed[0], ==, "Disqus");

  lectern_site_choices_set_leave_banner (choices, TRUE);
  g_assert_true (lectern_site_store_save_choices (store, choices, &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, lectern_site_store_free);

  /* Reopening the migrated file neither migrates again nor loses the flag. */
  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (lectern_site_store_get_recovery_message (store));
  back = lectern_site_store_dup_choices (store, "example.com");
  g_assert_true (lectern_site_choices_get_leave_banner (back));
  g_assert_true (lectern_site_choices_equal (choices, back));
  g_clear_pointer (&store, lectern_site_store_free);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version;", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The schema lectern-site-store-schema.c writes, version 3. */
#define SCHEMA_3                                                                   \
  "CREATE TABLE site_choices (site TEXT PRIMARY KEY NOT NULL, choices TEXT NOT NULL," \
  " trusted INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,"          \
  " leave_banner INTEGER NOT NULL DEFAULT 0);"                                        \
  "CREATE TABLE allowed_trackers (site TEXT NOT NULL, tracker TEXT NOT NULL,"         \
  " updated INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (site, tracker));"                \
  "PRAGMA user_version=3;"

static char *
site_name (guint i)
{
  return g_strdup_printf ("site-%03u.example", i);
}

/* Writes a store file as a Lectern that closed cleanly leaves it: @n_sites
 * sites, the odd ones allowing social media, and @n_trackers trackers
 * allowed on the first. */
static void
write_store_file (const char *path,
                  guint       n_sites,
                  guint       n_trackers)
{
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, SCHEMA_3 "BEGIN;", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO site_choices VALUES (?1, ?2, 0, 0, 0);", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < n_sites; i++)
    {
      g_autofree char *site = site_name (i);

      sqlite3_bind_text (stmt, 1, site, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, i % 2 == 1 ? "necessary=1,social=1" : "necessary=1,social=0", -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO allowed_trackers VALUES ('site-000.example', ?1, 0);",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n_trackers; i++)
    {
      g_autofree char *tracker = g_strdup_printf ("Tracker number %03u", i);

      sqlite3_bind_text (stmt, 1, tracker, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_exec (db, "COMMIT;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The first column of @sql's first row in the file at @path, or -1 when
 * it gives none (dbstat, say, missing from this SQLite). */
static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* Overwrites 200 bytes at the start of page @page of @path, as a failing
 * disk would, and returns the damaged file's contents. */
static GBytes *
damage_page (const char *path,
             gint64      page)
{
  gint64 page_size = query_int (path, "PRAGMA page_size;");
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_cmpint (page, >, 1);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpint ((page - 1) * page_size + 200, <=, length);
  memset (contents + (page - 1) * page_size, 0xa5, 200);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
assert_kept_as (const char *folder,
                GBytes     *damaged,
                const char *message)
{
  g_autoptr(GPtrArray) aside = list_with_prefix (folder, "sites.db.corrupt-");
  g_autofree char *kept = NULL;
  gsize kept_length;

  g_assert_cmpuint (aside->len, ==, 1);
  g_assert_true (g_file_get_contents (g_ptr_array_index (aside, 0), &kept, &kept_length, NULL));
  g_assert_cmpmem (kept, kept_length, g_bytes_get_data (damaged, NULL), g_bytes_get_size (damaged));
  g_assert_nonnull (strstr (message, g_ptr_array_index (aside, 0)));
  /* One sentence, not the integrity check's pages of findings. */
  g_assert_cmpuint (strlen (message), <, 400);
}

/* Every site @store holds has the choices write_store_file() gave it. */
static void
assert_sites_as_written (LecternSiteStore *store,
                         guint             expected)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  all = lectern_site_store_dup_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, expected);

  for (guint i = 0; i < all->len; i++)
    {
      const LecternSiteChoices *choices = g_ptr_array_index (all, i);
      guint n;

      g_assert_cmpint (sscanf (lectern_site_choices_get_site (choices), "site-%u.example", &n), ==, 1);
      g_assert_cmpint (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_SOCIAL), ==, n % 2 == 1);
    }
}

/* 200 bytes of damage in the allowed trackers' table: every site's
 * choices still read, and are kept; so are the trackers, which the
 * table's index holds too. */
static void
test_damaged_trackers_keep_choices (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_auto(GStrv) trackers = NULL;
  const char *message;

  write_store_file (path, 14, 40);
  damaged = damage_page (path, query_int (path, "SELECT rootpage FROM sqlite_master WHERE name = 'allowed_trackers';"));

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  message = lectern_site_store_get_recovery_message (store);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "all its 14 sites were saved"));
  assert_kept_as (folder, damaged, message);
  assert_sites_as_written (store, 14);

  trackers = lectern_site_store_dup_allowed_trackers (store, "site-000.example");
  g_assert_cmpuint (g_strv_length (trackers), ==, 40);
  g_assert_null (lectern_site_store_get_read_only_reason (store));
}

/* Damage in one page of the choices: the sites on it are lost, and said
 * to be; all the others are kept. */
static void
test_damaged_choices_page (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *expected = NULL;
  g_autofree char *cells_sql = NULL;
  g_auto(GStrv) trackers = NULL;
  gint64 page;
  gint64 cells;

  write_store_file (path, 300, 4);
  page = query_int (path, "SELECT pageno FROM dbstat WHERE name = 'site_choices' AND pagetype = 'leaf' "
                          "ORDER BY pageno LIMIT 1 OFFSET 1;");
  if (page < 0)
    {
      g_test_skip ("This SQLite has no dbstat table to find a page of the choices with");
      return;
    }
  cells_sql = g_strdup_printf ("SELECT ncell FROM dbstat WHERE pageno = %" G_GINT64_FORMAT ";", page);
  cells = query_int (path, cells_sql);
  g_assert_cmpint (cells, >, 0);
  damaged = damage_page (path, page);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_test_message ("%s", lectern_site_store_get_recovery_message (store));
  expected = g_strdup_printf ("the choices of %" G_GINT64_FORMAT " of its 300 sites were saved", 300 - cells);
  g_assert_nonnull (strstr (lectern_site_store_get_recovery_message (store), expected));
  assert_kept_as (folder, damaged, lectern_site_store_get_recovery_message (store));
  assert_sites_as_written (store, 300 - cells);

  trackers = lectern_site_store_dup_allowed_trackers (store, "site-000.example");
  g_assert_cmpuint (g_strv_length (trackers), ==, 4);
}

/* A file cut short: set aside, what is left of it kept. */
static void
test_truncated (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *contents = NULL;
  g_autofree char *saved = NULL;
  gint64 page_size;
  gsize length;

  write_store_file (path, 300, 4);
  page_size = query_int (path, "PRAGMA page_size;");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (length, >, 4 * page_size);
  /* Two thirds of the file, cut at a page's end. */
  length = length / page_size * 2 / 3 * page_size;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  damaged = g_bytes_new (contents, length);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_test_message ("%s", lectern_site_store_get_recovery_message (store));
  g_assert_nonnull (strstr (lectern_site_store_get_recovery_message (store), "were damaged"));
  assert_kept_as (folder, damaged, lectern_site_store_get_recovery_message (store));

  /* What was on the pages left is kept, and counted. */
  all = lectern_site_store_dup_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 0);
  g_assert_cmpuint (all->len, <, 300);
  saved = g_strdup_printf ("the choices of %u sites were saved", all->len);
  g_assert_nonnull (strstr (lectern_site_store_get_recovery_message (store), saved));
  g_assert_true (lectern_site_store_save_choices (store, choices, &error));
  g_assert_no_error (error);
}

/* A file of 0 bytes is said to be, and started anew. */
static void
test_empty_file (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (lectern_site_store_get_recovery_message (store), "empty file"));
  aside = list_with_prefix (folder, "sites.db.corrupt-");
  g_assert_cmpuint (aside->len, ==, 0);
  g_assert_true (lectern_site_store_save_choices (store, choices, &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, lectern_site_store_free);

  /* Once written, it is a store like any other. */
  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (lectern_site_store_get_recovery_message (store));
  g_assert_true (lectern_site_store_has_choices (store, "example.com"));
}

/* A pipe where the file should be is refused at once: opening it to read
 * would wait for a writer that never comes. */
static void
test_pipe_is_refused (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LecternSiteStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = store_path ();
      g_autofree char *folder = g_path_get_dirname (path);

      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      store = lectern_site_store_open (path, &error);
      g_assert_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_OPEN);
      g_assert_nonnull (strstr (error->message, "not a regular file"));
      g_assert_null (store);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A file that can be read but not written (here a process that may write
 * no byte, as on a full disk): its choices are used, and none saved. */
static void
test_unwritable_is_read (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LecternSiteStore) store = NULL;
      g_autoptr(LecternSiteChoices) choices = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = store_path ();
      struct rlimit limit = { 0, RLIM_INFINITY };

      write_store_file (path, 3, 0);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      store = lectern_site_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_nonnull (strstr (lectern_site_store_get_recovery_message (store), "can be read but not changed"));
      g_assert_nonnull (lectern_site_store_get_read_only_reason (store));
      choices = lectern_site_store_dup_choices (store, "site-001.example");
      g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_SOCIAL));

      lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_SOCIAL, FALSE);
      g_assert_false (lectern_site_store_save_choices (store, choices, &error));
      g_assert_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_READ_ONLY);
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* The store a profile falls back on: the defaults, and no save. */
static void
test_unsaved (void)
{
  g_autoptr(LecternSiteStore) store = lectern_site_store_new_unsaved ("the file is a folder");
  g_autoptr(LecternSiteChoices) choices = lectern_site_store_dup_choices (store, "example.com");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) changed = NULL;

  g_assert_false (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_PERFORMANCE));
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  g_assert_false (lectern_site_store_save_choices (store, choices, &error));
  g_assert_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, "the file is a folder");
  g_assert_cmpstr (lectern_site_store_get_read_only_reason (store), ==, "the file is a folder");

  all = lectern_site_store_dup_all (store, NULL);
  g_assert_cmpuint (all->len, ==, 0);
  changed = lectern_site_store_dup_changed_sites (store);
  g_assert_cmpuint (g_strv_length (changed), ==, 0);
}

static void
assert_changed (LecternSiteStore *store,
                const char       *expected)
{
  g_auto(GStrv) changed = lectern_site_store_dup_changed_sites (store);
  g_autofree char *joined = g_strjoinv (" ", changed);

  g_assert_cmpstr (joined, ==, expected);
}

/* What another connection (another process) changes is told, site by
 * site, once; what the store itself writes is not. */
static void
test_changes_from_elsewhere (void)
{
  g_autoptr(LecternSiteStore) window = NULL;
  g_autoptr(LecternSiteStore) command_line = NULL;
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) own = lectern_site_choices_new ("example.org");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();

  window = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  command_line = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  assert_changed (window, "");

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  g_assert_true (lectern_site_store_save_choices (command_line, choices, &error));
  assert_changed (window, "example.com");
  assert_changed (window, "");

  g_assert_true (lectern_site_store_save_choices (window, own, &error));
  assert_changed (window, "");
  assert_changed (command_line, "example.org");

  /* Allowed trackers are part of a site's choices. */
  g_assert_true (lectern_site_store_set_tracker_allowed (command_line, "example.net", "Disqus", TRUE, &error));
  g_assert_true (lectern_site_store_save_choices (command_line, own, &error));
  assert_changed (window, "example.net");

  /* Saving the same choices again changes nothing the window must apply. */
  g_assert_true (lectern_site_store_save_choices (command_line, choices, &error));
  assert_changed (window, "");
  g_assert_no_error (error);
}

typedef struct
{
  const char      *path;
  LecternCategory  category;
  gboolean         on;
} Editor;

static void
set_category (LecternSiteChoices *choices,
              gpointer            user_data)
{
  Editor *editor = user_data;

  lectern_site_choices_set_allowed (choices, editor->category, editor->on);
}

static gpointer
edit_thread (gpointer data)
{
  Editor *editor = data;
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = lectern_site_store_open (editor->path, &error);
  g_assert_no_error (error);

  /* Each change reads the others' latest: the last one leaves it on. */
  for (guint i = 0; i < 20; i++)
    {
      editor->on = i % 2 == 1;
      g_assert_true (lectern_site_store_edit_choices (store, "example.com", set_category, editor, NULL, &error));
      g_assert_no_error (error);
    }

  return NULL;
}

/* Four connections change one site's categories at once, each its own:
 * no change is lost. */
static void
test_edits_lose_nothing (void)
{
  static const LecternCategory categories[] = {
    LECTERN_CATEGORY_FUNCTIONAL, LECTERN_CATEGORY_PERFORMANCE, LECTERN_CATEGORY_TARGETING, LECTERN_CATEGORY_SOCIAL,
  };
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  Editor editors[G_N_ELEMENTS (categories)];
  GThread *threads[G_N_ELEMENTS (categories)];

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      editors[i] = (Editor) { path, categories[i], FALSE };
      threads[i] = g_thread_new ("editor", edit_thread, &editors[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    g_thread_join (threads[i]);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (lectern_site_store_get_recovery_message (store));
  choices = lectern_site_store_dup_choices (store, "example.com");
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    g_assert_true (lectern_site_choices_get_allowed (choices, categories[i]));
  g_assert_false (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_SALE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/site-store/creates-folder", test_creates_folder);
  g_test_add_func ("/lectern/site-store/reopen-keeps-choices", test_reopen_keeps_choices);
  g_test_add_func ("/lectern/site-store/defaults-for-unknown-site", test_defaults_for_unknown_site);
  g_test_add_func ("/lectern/site-store/last-save-wins", test_last_save_wins);
  g_test_add_func ("/lectern/site-store/garbage-is-set-aside", test_garbage_is_set_aside);
  g_test_add_func ("/lectern/site-store/future-schema-is-kept", test_future_schema_is_kept);
  g_test_add_func ("/lectern/site-store/wrong-table-is-set-aside", test_wrong_table_is_set_aside);
  g_test_add_func ("/lectern/site-store/unopenable-is-an-error", test_unopenable_is_an_error);
  g_test_add_func ("/lectern/site-store/wal-mode", test_wal_mode);
  g_test_add_func ("/lectern/site-store/allowed-trackers", test_allowed_trackers);
  g_test_add_func ("/lectern/site-store/version-1-upgrades", test_version_1_upgrades);
  g_test_add_func ("/lectern/site-store/version-2-upgrades", test_version_2_upgrades);
  g_test_add_func ("/lectern/site-store/damaged-trackers-keep-choices", test_damaged_trackers_keep_choices);
  g_test_add_func ("/lectern/site-store/damaged-choices-page", test_damaged_choices_page);
  g_test_add_func ("/lectern/site-store/truncated", test_truncated);
  g_test_add_func ("/lectern/site-store/empty-file", test_empty_file);
  g_test_add_func ("/lectern/site-store/pipe-is-refused", test_pipe_is_refused);
  g_test_add_func ("/lectern/site-store/unwritable-is-read", test_unwritable_is_read);
  g_test_add_func ("/lectern/site-store/unsaved", test_unsaved);
  g_test_add_func ("/lectern/site-store/changes-from-elsewhere", test_changes_from_elsewhere);
  g_test_add_func ("/lectern/site-store/edits-lose-nothing", test_edits_lose_nothing);

  return g_test_run ();
}
