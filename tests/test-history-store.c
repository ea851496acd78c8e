/* test-history-store.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lectern-history-store.h"
#include "lectern-test-utils.h"

static char *
dup_db_path (const char *dir)
{
  return g_build_filename (dir, "reader.db", NULL);
}

static void
test_recent (void)
{
  g_autofree char *dir = lectern_test_dup_tmp_dir ("lectern-history-XXXXXX");
  g_autofree char *path = dup_db_path (dir);
  g_autoptr(LecternHistoryStore) store = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GDateTime) first = g_date_time_new_utc (2026, 11, 20, 8, 0, 0);
  g_autoptr(GDateTime) second = g_date_time_new_utc (2026, 11, 21, 8, 0, 0);
  g_autoptr(GDateTime) third = g_date_time_new_utc (2026, 11, 22, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  LecternHistoryEntry *entry;

  store = lectern_history_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (lectern_history_store_get_recovery_message (store));

  g_assert_true (lectern_history_store_add_article (store, "https://www.example-news.com/a/", "A", first, &error));
  g_assert_true (lectern_history_store_add_article (store, "http://blog.example.org/b/", "B", second, &error));
  /* A local file is private: not kept. */
  g_assert_true (lectern_history_store_add_article (store, "file:///home/me/notes.html", "Notes", second, &error));
  /* Reading A again moves it to the top, with its new title. */
  g_assert_true (lectern_history_store_add_article (store, "https://www.example-news.com/a/", "A, updated", third, &error));
  g_assert_no_error (error);

  recent = lectern_history_store_dup_recent (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  entry = g_ptr_array_index (recent, 0);
  g_assert_cmpstr (entry->url, ==, "https://www.example-news.com/a/");
  g_assert_cmpstr (entry->title, ==, "A, updated");
  g_assert_cmpstr (entry->site, ==, "example-news.com");
  g_assert_cmpint (g_date_time_to_unix (entry->read), ==, g_date_time_to_unix (third));
  entry = g_ptr_array_index (recent, 1);
  g_assert_cmpstr (entry->site, ==, "example.org");
  g_clear_pointer (&recent, g_ptr_array_unref);

  recent = lectern_history_store_dup_recent (store, 1, &error);
  g_assert_cmpuint (recent->len, ==, 1);
  g_clear_pointer (&recent, g_ptr_array_unref);

  /* Kept across openings. */
  g_clear_pointer (&store, lectern_history_store_free);
  store = lectern_history_store_open (path, &error);
  g_assert_no_error (error);
  recent = lectern_history_store_dup_recent (store, 10, &error);
  g_assert_cmpuint (recent->len, ==, 2);
  g_clear_pointer (&recent, g_ptr_array_unref);

  g_assert_true (lectern_history_store_clear (store, &error));
  recent = lectern_history_store_dup_recent (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 0);

  g_clear_pointer (&store, lectern_history_store_free);
  lectern_test_rm_rf (dir, NULL);
}

static void
test_always_reader (void)
{
  g_autofree char *dir = lectern_test_dup_tmp_dir ("lectern-history-XXXXXX");
  g_autofree char *path = dup_db_path (dir);
  g_autoptr(LecternHistoryStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = lectern_history_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_false (lectern_history_store_get_always_reader (store, "example-news.com"));
  g_assert_true (lectern_history_store_set_always_reader (store, "example-news.com", TRUE, &error));
  g_assert_true (lectern_history_store_set_always_reader (store, "example-news.com", TRUE, &error));
  g_assert_true (lectern_history_store_get_always_reader (store, "example-news.com"));
  g_assert_false (lectern_history_store_get_always_reader (store, "example.org"));
  g_assert_false (lectern_history_store_get_always_reader (store, ""));

  /* Clearing the recent articles keeps this choice. */
  g_assert_true (lectern_history_store_clear (store, &error));
  g_assert_true (lectern_history_store_get_always_reader (store, "example-news.com"));

  g_assert_true (lectern_history_store_set_always_reader (store, "example-news.com", FALSE, &error));
  g_assert_false (lectern_history_store_get_always_reader (store, "example-news.com"));
  g_assert_no_error (error);

  g_clear_pointer (&store, lectern_history_store_free);
  lectern_test_rm_rf (dir, NULL);
}

static void
test_damaged_file (void)
{
  g_autofree char *dir = lectern_test_dup_tmp_dir ("lectern-history-XXXXXX");
  g_autofree char *path = dup_db_path (dir);
  g_autoptr(LecternHistoryStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean set_aside = FALSE;

  g_file_set_contents (path, "this is not a database, just some text long enough to be read", -1, &error);
  g_assert_no_error (error);

  store = lectern_history_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (strstr (lectern_history_store_get_recovery_message (store), "set aside"));
  g_assert_true (lectern_history_store_add_article (store, "https://www.example-news.com/a/", "A", NULL, &error));
  g_assert_no_error (error);

  /* The damaged file is kept beside the new one. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    set_aside |= g_str_has_prefix (name, "reader.db.damaged-");
  g_assert_true (set_aside);

  g_clear_pointer (&store, lectern_history_store_free);
  lectern_test_rm_rf (dir, NULL);
}

/* A folder (or a pipe) where the file should be is left alone, and the
 * error names it: what stands there is no damage to set aside. */
static void
test_unusable_file (void)
{
  g_autofree char *dir = lectern_test_dup_tmp_dir ("lectern-history-XXXXXX");
  g_autofree char *path = dup_db_path (dir);
  g_autoptr(LecternHistoryStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  store = lectern_history_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LECTERN_HISTORY_STORE_ERROR, LECTERN_HISTORY_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);
  g_assert_cmpint (g_rmdir (path), ==, 0);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  store = lectern_history_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "not a regular file"));

  lectern_test_rm_rf (dir, NULL);
}

static void
test_start_page (void)
{
  g_autoptr(GPtrArray) recent = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_history_entry_free);
  LecternHistoryEntry *entry = g_new0 (LecternHistoryEntry, 1);
  g_autofree char *html = NULL;

  entry->url = g_strdup ("https://www.example-news.com/a/?x=1&y=\"2\"");
  entry->title = g_strdup ("<script>alert(1)</script> Council votes");
  entry->site = g_strdup ("example-news.com");
  entry->read = g_date_time_new_utc (2026, 11, 20, 8, 0, 0);
  g_ptr_array_add (recent, entry);

  html = lectern_history_render_start_page (recent, "https://demo.example/article/");

  g_assert_null (strstr (html, "<script>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; Council votes"));
  g_assert_nonnull (strstr (html, "href=\"https://www.example-news.com/a/?x=1&amp;y=&quot;2&quot;\""));
  g_assert_nonnull (strstr (html, "example-news.com · "));
  g_assert_nonnull (strstr (html, "href=\"https://demo.example/article/\""));
  g_assert_nonnull (strstr (html, "script-src 'none'"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/history-store/recent", test_recent);
  g_test_add_func ("/lectern/history-store/always-reader", test_always_reader);
  g_test_add_func ("/lectern/history-store/damaged-file", test_damaged_file);
  g_test_add_func ("/lectern/history-store/unusable-file", test_unusable_file);
  g_test_add_func ("/lectern/history-store/start-page", test_start_page);

  return g_test_run ();
}
