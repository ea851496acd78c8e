/* test-site-store.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

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

static void
test_future_schema_is_set_aside (void)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(GPtrArray) aside = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_path ();
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE site_choices (site TEXT PRIMARY KEY, stuff BLOB);"
                                 "INSERT INTO site_choices VALUES ('example.com', x'00');"
                                 "PRAGMA user_version=42;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);

  aside = list_with_prefix (folder, "sites.db.corrupt-");
  g_assert_cmpuint (aside->len, ==, 1);
  g_assert_nonnull (strstr (lectern_site_store_get_recovery_message (store),
                            g_ptr_array_index (aside, 0)));

  all = lectern_site_store_dup_all (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
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
  g_test_add_func ("/lectern/site-store/future-schema-is-set-aside", test_future_schema_is_set_aside);
  g_test_add_func ("/lectern/site-store/wrong-table-is-set-aside", test_wrong_table_is_set_aside);
  g_test_add_func ("/lectern/site-store/unopenable-is-an-error", test_unopenable_is_an_error);
  g_test_add_func ("/lectern/site-store/wal-mode", test_wal_mode);
  g_test_add_func ("/lectern/site-store/allowed-trackers", test_allowed_trackers);
  g_test_add_func ("/lectern/site-store/version-1-upgrades", test_version_1_upgrades);
  g_test_add_func ("/lectern/site-store/version-2-upgrades", test_version_2_upgrades);

  return g_test_run ();
}
