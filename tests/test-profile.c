/* test-profile.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "lectern-fixture-web.h"
#include "lectern-profile.h"
#include "lectern-site-store.h"
#include "lectern-test-utils.h"

/* A profile whose files are damaged, or in use by several processes at
 * once, loses nothing and stops nothing: what cannot be used is said, and
 * the rest goes on. */

#define ARTICLE_URL "http://www.example-news.com/news/2026/11/city-council-votes/"

/* Puts something other than a file in the place of each file of the
 * profile in @data_dir, and a file in the place of its filter cache's
 * folder. */
static void
break_profile (const char *data_dir)
{
  static const char * const folders[] = { "sites.db", "reader.db", "cookies.sqlite", "consent-tools.ini" };
  g_autofree char *filters = g_build_filename (data_dir, "filters", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (data_dir, folders[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
    }

  g_assert_true (g_file_set_contents (filters, "not a folder", -1, NULL));
}

static void
assert_names (const char *message,
              const char *data_dir,
              const char *name)
{
  g_autofree char *path = g_build_filename (data_dir, name, NULL);

  if (strstr (message, path) == NULL)
    g_error ("The message does not name %s:\n%s", path, message);
}

/* Whether the filter lists were read, and what the profile has to say of
 * them (here: no cache) reached its message. */
static gboolean
filter_lists_read (LecternProfile *profile)
{
  const char *message = lectern_profile_get_startup_message (profile);

  return lectern_profile_get_filter_stats (profile) != NULL && message != NULL &&
         strstr (message, "filter cache") != NULL;
}

/* Every file of the profile unusable: the profile still opens, with the
 * default choices, and its message names each file. A choice is not
 * saved, and saying so is the answer. */
static void
test_unusable_files (void)
{
  g_autofree char *data_dir = lectern_test_dup_tmp_dir ("lectern-profile");
  g_autoptr(LecternProfile) profile = NULL;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autoptr(LecternSiteChoices) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  const char *message;

  break_profile (data_dir);

  profile = lectern_profile_new (data_dir, NULL, NULL);
  g_assert_null (lectern_profile_get_history_store (profile));
  g_assert_nonnull (lectern_profile_get_cmp_memory (profile));
  while (!filter_lists_read (profile) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (filter_lists_read (profile));

  message = lectern_profile_get_startup_message (profile);
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  assert_names (message, data_dir, "sites.db");
  assert_names (message, data_dir, "reader.db");
  assert_names (message, data_dir, "cookies.sqlite");
  assert_names (message, data_dir, "consent-tools.ini");
  assert_names (message, data_dir, "filters");
  g_assert_nonnull (strstr (message, "default choices"));

  choices = lectern_profile_dup_choices (profile, "example-news.com");
  g_assert_false (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_PERFORMANCE));
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  g_assert_false (lectern_profile_set_choices (profile, choices, &error));
  g_assert_error (error, LECTERN_SITE_STORE_ERROR, LECTERN_SITE_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "sites.db"));
  again = lectern_profile_dup_choices (profile, "example-news.com");
  g_assert_false (lectern_site_choices_get_allowed (again, LECTERN_CATEGORY_PERFORMANCE));

  /* Nothing that stood in a file's place was moved or replaced. */
  g_clear_object (&profile);
  for (guint i = 0; i < 4; i++)
    {
      const char *name = (const char *[]) { "sites.db", "reader.db", "cookies.sqlite", "consent-tools.ini" }[i];
      g_autofree char *path = g_build_filename (data_dir, name, NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
    }

  lectern_test_rm_rf (data_dir, NULL);
}

/* Runs `lectern ARGS…` to its end; returns its exit status. */
static int
run_lectern (const char * const  *args,
             char               **out,
             char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;

  g_ptr_array_add (argv, lectern_test_dup_lectern_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  command = g_strjoinv (" ", (char **) argv->pdata);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_test_message ("%s: exit status %d; stderr:\n%s", command, g_subprocess_get_exit_status (process), *err);

  return g_subprocess_get_exit_status (process);
}

/* Several `lectern --consent` at once on one profile, each setting a
 * category of one site or another site: every choice is kept. */
static void
test_consent_at_once (void)
{
  static const char * const changes[][2] = {
    { "example-news.com", "functional=on" },
    { "example-news.com", "performance=on" },
    { "example-news.com", "targeting=on" },
    { "example-news.com", "social=on" },
    { "example-news.com", "sale=on" },
    { "riverbend-chronicle.com", "social=on" },
    { "harbour-gazette.com", "social=on" },
    { "quayside-herald.com", "social=on" },
  };
  g_autofree char *dir = lectern_test_dup_tmp_dir ("lectern-profile");
  g_autofree char *lectern = lectern_test_dup_lectern_path ();

  /* Three rounds, each on a new profile: the first process of a round
   * creates the file while the others open it. */
  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *data_dir = g_strdup_printf ("%s/round-%u", dir, round);
      g_autofree char *db_path = g_build_filename (data_dir, "sites.db", NULL);
      GSubprocess *processes[G_N_ELEMENTS (changes)];
      g_autoptr(LecternSiteStore) store = NULL;
      g_autoptr(LecternSiteChoices) news = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
        {
          processes[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                           lectern, "--data-dir", data_dir, "--consent",
                                           changes[i][0], changes[i][1], NULL);
          g_assert_no_error (error);
        }

      for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
        {
          g_subprocess_wait_check (processes[i], NULL, &error);
          g_assert_no_error (error);
          g_object_unref (processes[i]);
        }

      store = lectern_site_store_open (db_path, &error);
      g_assert_no_error (error);
      g_assert_null (lectern_site_store_get_recovery_message (store));
      news = lectern_site_store_dup_choices (store, "example-news.com");
      for (LecternCategory c = LECTERN_CATEGORY_FUNCTIONAL; c <= LECTERN_CATEGORY_SALE; c++)
        if (!lectern_site_choices_get_allowed (news, c))
          g_error ("Round %u lost %s=on", round, lectern_category_to_id (c));

      for (guint i = 5; i < G_N_ELEMENTS (changes); i++)
        {
          g_autoptr(LecternSiteChoices) other = lectern_site_store_dup_choices (store, changes[i][0]);

          g_assert_true (lectern_site_store_has_choices (store, changes[i][0]));
          g_assert_true (lectern_site_choices_get_allowed (other, LECTERN_CATEGORY_SOCIAL));
        }
    }

  lectern_test_rm_rf (dir, NULL);
}

/* A data folder that cannot be one, or cannot be written, is refused at
 * once with its name; so is --consent on a profile whose choices cannot
 * be stored, which it would otherwise not do. */
static void
test_refused (void)
{
  g_autofree char *dir = lectern_test_dup_tmp_dir ("lectern-profile");
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);
  g_autofree char *folder_db = g_build_filename (dir, "folder", NULL);
  g_autofree char *newer_db = g_build_filename (dir, "newer", NULL);
  g_autofree char *newer_path = g_build_filename (newer_db, "sites.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  /* Even root cannot make a file in /sys. */
  const char *folders[] = { "", file, "/sys" };
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (file, "in the way", -1, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      const char *consent[] = { "--data-dir", folders[i], "--consent", "example.com", "social=on", NULL };
      const char *report[] = { "--data-dir", folders[i], "--report=json", "http://example.com/", NULL };
      const char * const *runs[] = { consent, report };

      for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
        {
          g_autofree char *out = NULL;
          g_autofree char *err = NULL;

          g_assert_cmpint (run_lectern (runs[r], &out, &err), ==, 1);
          g_assert_cmpstr (out, ==, "");
          g_assert_nonnull (strstr (err, folders[i][0] != '\0' ? folders[i] : "“”"));
        }
    }

  /* A folder in the file's place, and a file of a newer version, which
   * is left as it is. */
  {
    g_autofree char *sites = g_build_filename (folder_db, "sites.db", NULL);

    g_assert_cmpint (g_mkdir_with_parents (sites, 0700), ==, 0);
  }
  g_assert_cmpint (g_mkdir_with_parents (newer_db, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (newer_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE site_choices (site TEXT PRIMARY KEY, data BLOB);"
                                     "PRAGMA user_version=99;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (newer_path, &before, NULL, NULL));

  for (guint i = 0; i < 2; i++)
    {
      const char *consent[] = { "--data-dir", i == 0 ? folder_db : newer_db, "--consent", "example.com", "social=on", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run_lectern (consent, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, "sites.db"));
    }

  g_assert_true (g_file_get_contents (newer_path, &after, NULL, NULL));
  g_assert_cmpstr (before, ==, after);

  lectern_test_rm_rf (dir, NULL);
}

/* --report on a profile none of whose files can be used: the report is
 * made, under the default choices, and stderr says what was not used. */
static void
test_report_on_unusable_files (void)
{
  g_autoptr(LecternFixtureWeb) web = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = lectern_test_dup_tmp_dir ("lectern-profile");
  g_autofree char *proxy = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *consent;

  web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  proxy = lectern_fixture_web_dup_proxy_uri (web);
  break_profile (data_dir);

  {
    const char *report[] = { "--data-dir", data_dir, "--proxy", proxy, "--timeout", "90", "--report=json",
                             ARTICLE_URL, NULL };

    g_assert_cmpint (run_lectern (report, &out, &err), ==, 0);
  }

  assert_names (err, data_dir, "sites.db");
  assert_names (err, data_dir, "cookies.sqlite");
  assert_names (err, data_dir, "filters");
  g_assert_nonnull (strstr (err, "default choices"));

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  consent = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "consent");
  g_assert_true (json_object_get_boolean_member (consent, "necessary"));
  g_assert_false (json_object_get_boolean_member (consent, "performance"));
  g_assert_false (lectern_fixture_web_was_requested (web, "http://www.google-analytics.com/analytics.js"));

  lectern_test_rm_rf (data_dir, NULL);
}

static void
site_changed_cb (LecternProfile *profile,
                 const char     *site,
                 GPtrArray      *sites)
{
  g_ptr_array_add (sites, g_strdup (site));
}

/* A choice stored by another process reaches the profile on its own,
 * with no page loading: the views showing the site hear of it. */
static void
test_change_from_elsewhere (void)
{
  g_autofree char *data_dir = lectern_test_dup_tmp_dir ("lectern-profile");
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LecternProfile) profile = NULL;
  g_autoptr(LecternSiteChoices) choices = NULL;
  const char *consent[] = { "--data-dir", data_dir, "--consent", "example-news.com", "performance=on", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 deadline;

  profile = lectern_profile_new (data_dir, NULL, NULL);
  g_signal_connect (profile, "site-changed", G_CALLBACK (site_changed_cb), sites);

  g_assert_cmpint (run_lectern (consent, &out, &err), ==, 0);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (sites->len == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sites, 0), ==, "example-news.com");
  choices = lectern_profile_dup_choices (profile, "example-news.com");
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_PERFORMANCE));

  g_clear_object (&profile);
  lectern_test_rm_rf (data_dir, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/profile/unusable-files", test_unusable_files);
  g_test_add_func ("/lectern/profile/consent-at-once", test_consent_at_once);
  g_test_add_func ("/lectern/profile/refused", test_refused);
  g_test_add_func ("/lectern/profile/report-on-unusable-files", test_report_on_unusable_files);
  g_test_add_func ("/lectern/profile/change-from-elsewhere", test_change_from_elsewhere);

  return g_test_run ();
}
