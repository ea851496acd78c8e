/* test-tracker-db.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lectern-tracker-db.h"

static LecternTrackerDb *db;

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("LECTERN_DATA_SRCDIR");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "resources", "data", name, NULL);
}

static LecternTrackerDb *
load_shipped (GError **error)
{
  g_autofree char *trackers = data_path ("adguard-companiesdb-trackers.json");
  g_autofree char *companies = data_path ("adguard-companiesdb-companies.json");

  return lectern_tracker_db_new_from_files (trackers, companies, error);
}

static void
assert_tracker (const char      *host,
                const char      *name,
                const char      *company,
                const char      *source_category,
                LecternCategory  category)
{
  const LecternTracker *tracker = lectern_tracker_db_lookup (db, host);

  g_test_message ("%s", host);
  g_assert_nonnull (tracker);
  g_assert_cmpstr (tracker->name, ==, name);
  g_assert_cmpstr (tracker->company, ==, company);
  g_assert_cmpstr (tracker->source_category, ==, source_category);
  g_assert_cmpint (tracker->category, ==, category);
}

static void
test_load (void)
{
  g_autoptr(LecternTrackerDb) again = NULL;
  g_autoptr(GError) error = NULL;
  gdouble seconds;

  g_test_timer_start ();
  again = load_shipped (&error);
  seconds = g_test_timer_elapsed ();
  g_assert_no_error (error);
  g_assert_nonnull (again);

  g_test_message ("Loaded %u tracker domains in %.1f ms",
                  lectern_tracker_db_get_size (again), seconds * 1000);
  g_assert_cmpuint (lectern_tracker_db_get_size (again), >, 5000);
}

static void
test_lookup (void)
{
  /* Found through a parent domain. */
  assert_tracker ("www.google-analytics.com",
                  "Google Analytics", "Google", "site_analytics", LECTERN_CATEGORY_PERFORMANCE);
  assert_tracker ("a.b.c.google-analytics.com",
                  "Google Analytics", "Google", "site_analytics", LECTERN_CATEGORY_PERFORMANCE);
  assert_tracker ("connect.facebook.net",
                  "Facebook", "Meta Platforms, Inc.", "advertising", LECTERN_CATEGORY_SOCIAL);
  assert_tracker ("stats.g.doubleclick.net",
                  "Google Marketing", "Google", "advertising", LECTERN_CATEGORY_TARGETING);
  assert_tracker ("www.googletagmanager.com",
                  "Google Tag Manager", "Google", "essential", LECTERN_CATEGORY_NECESSARY);

  /* The host itself, and any case. */
  assert_tracker ("google-analytics.com",
                  "Google Analytics", "Google", "site_analytics", LECTERN_CATEGORY_PERFORMANCE);
  assert_tracker ("WWW.Google-Analytics.COM",
                  "Google Analytics", "Google", "site_analytics", LECTERN_CATEGORY_PERFORMANCE);

  /* A tracker whose owner the database does not know. */
  assert_tracker ("cdn.aaxads.com",
                  "Acceptable Ads Exchange", NULL, "advertising", LECTERN_CATEGORY_TARGETING);
}

static void
test_lookup_unknown (void)
{
  g_assert_null (lectern_tracker_db_lookup (db, "www.example.com"));
  g_assert_null (lectern_tracker_db_lookup (db, "example.com"));
  g_assert_null (lectern_tracker_db_lookup (db, "com"));
  g_assert_null (lectern_tracker_db_lookup (db, "localhost"));
  g_assert_null (lectern_tracker_db_lookup (db, "127.0.0.1"));
  g_assert_null (lectern_tracker_db_lookup (db, ""));
  g_assert_null (lectern_tracker_db_lookup (db, "."));
  g_assert_null (lectern_tracker_db_lookup (db, "google-analytics.com.example.org"));
  /* A suffix of a tracker's name is not a parent domain. */
  g_assert_null (lectern_tracker_db_lookup (db, "notgoogle-analytics.com"));
}

static char *
write_temp (const char *dir,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return path;
}

static const char companies_json[] =
  "{\"companies\": {\"acme\": {\"name\": \"Acme Corp\", \"websiteUrl\": null,"
  " \"description\": \"Line one\\r\\nline two\"}}}";

static const char trackers_json[] =
  "{\"categories\": {\"4\": \"advertising\", \"6\": \"site_analytics\"},"
  " \"trackers\": {"
  "   \"acme_ads\": {\"name\": \"Acme Ads\", \"categoryId\": 4, \"url\": null, \"companyId\": \"acme\"},"
  "   \"stray\": {\"name\": \"Stray\", \"categoryId\": 99, \"companyId\": \"nobody\"}},"
  " \"trackerDomains\": {\"ads.acme.test\": \"acme_ads\", \"stray.test\": \"stray\","
  "                      \"dangling.test\": \"missing\"}}";

static void
test_small_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternTrackerDb) small = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lectern-tracker-db-XXXXXX", &error);
  g_autofree char *trackers = NULL;
  g_autofree char *companies = NULL;
  const LecternTracker *tracker;

  g_assert_no_error (error);
  trackers = write_temp (dir, "trackers.json", trackers_json);
  companies = write_temp (dir, "companies.json", companies_json);

  small = lectern_tracker_db_new_from_files (trackers, companies, &error);
  g_assert_no_error (error);
  g_assert_nonnull (small);

  /* The dangling domain is dropped. */
  g_assert_cmpuint (lectern_tracker_db_get_size (small), ==, 2);
  g_assert_null (lectern_tracker_db_lookup (small, "dangling.test"));

  tracker = lectern_tracker_db_lookup (small, "x.ads.acme.test");
  g_assert_nonnull (tracker);
  g_assert_cmpstr (tracker->name, ==, "Acme Ads");
  g_assert_cmpstr (tracker->company, ==, "Acme Corp");
  g_assert_cmpint (tracker->category, ==, LECTERN_CATEGORY_TARGETING);
  g_assert_null (lectern_tracker_db_lookup (small, "acme.test"));

  /* An unknown category id and company leave the tracker, unowned and
   * uncategorized. */
  tracker = lectern_tracker_db_lookup (small, "stray.test");
  g_assert_nonnull (tracker);
  g_assert_null (tracker->company);
  g_assert_cmpstr (tracker->source_category, ==, "unknown");
  g_assert_cmpint (tracker->category, ==, LECTERN_CATEGORY_UNKNOWN);

  g_unlink (trackers);
  g_unlink (companies);
  g_rmdir (dir);
}

static void
test_corrupt (void)
{
  static const struct
  {
    const char *trackers;
    const char *companies;
    const char *message_part;
  } cases[] = {
    /* Truncated in the middle of the trackers. */
    { NULL, companies_json, "not a valid tracker database" },
    { trackers_json, "{\"companies\": {\"acme\": {\"name\": \"Ac", "companies.json" },
    { "", companies_json, "not a valid tracker database" },
    { "[1, 2, 3]", companies_json, "top level is not an object" },
    { "{\"categories\": {}, \"trackers\": {}}", companies_json, "“trackerDomains”" },
    { "{\"categories\": {}, \"trackers\": [], \"trackerDomains\": {}}", companies_json, "“trackers”" },
    { "{\"categories\": {}, \"trackers\": {\"a\": {\"categoryId\": 4}}, \"trackerDomains\": {}}",
      companies_json, "tracker “a” has no name" },
    { trackers_json, "{\"companies\": 3}", "“companies”" },
    { trackers_json, "\xff\xfe{}", "companies.json" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lectern-tracker-db-XXXXXX", &error);
  g_autofree char *shipped = NULL;
  g_autofree char *truncated = NULL;
  gsize length;

  g_assert_no_error (error);

  /* The first case is the real file cut in half. */
  shipped = data_path ("adguard-companiesdb-trackers.json");
  g_file_get_contents (shipped, &truncated, &length, &error);
  g_assert_no_error (error);
  truncated[length / 2] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *trackers = write_temp (dir, "trackers.json",
                                              cases[i].trackers != NULL ? cases[i].trackers : truncated);
      g_autofree char *companies = write_temp (dir, "companies.json", cases[i].companies);
      LecternTrackerDb *bad;

      g_test_message ("case %u", i);
      bad = lectern_tracker_db_new_from_files (trackers, companies, &error);
      g_assert_null (bad);
      g_assert_error (error, LECTERN_TRACKER_DB_ERROR, LECTERN_TRACKER_DB_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_clear_error (&error);

      g_unlink (trackers);
      g_unlink (companies);
    }

  g_rmdir (dir);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *companies = data_path ("adguard-companiesdb-companies.json");
  g_autofree char *missing = g_build_filename (g_get_user_data_dir (), "no-such-file.json", NULL);

  g_assert_null (lectern_tracker_db_new_from_files (missing, companies, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  db = load_shipped (&error);
  g_assert_no_error (error);

  g_test_add_func ("/lectern/tracker-db/load", test_load);
  g_test_add_func ("/lectern/tracker-db/lookup", test_lookup);
  g_test_add_func ("/lectern/tracker-db/lookup-unknown", test_lookup_unknown);
  g_test_add_func ("/lectern/tracker-db/small-files", test_small_files);
  g_test_add_func ("/lectern/tracker-db/corrupt", test_corrupt);
  g_test_add_func ("/lectern/tracker-db/missing-file", test_missing_file);

  ret = g_test_run ();
  g_clear_pointer (&db, lectern_tracker_db_free);

  return ret;
}
