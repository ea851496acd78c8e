/* test-tracker-db.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <gio/gio.h>
#include <malloc.h>
#include <string.h>

#include "lectern-tracker-db.h"

/* The database the lookup tests run on: the JSON form, then again the
 * compiled one, which must answer the same. */
static LecternTrackerDb *db;
static LecternTrackerDb *json_db;
static LecternTrackerDb *compiled_db;

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
use_json (void)
{
  db = json_db;
}

static void
use_compiled (void)
{
  db = compiled_db;
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

/* Hosts as URLs carry them: IDNs in their ASCII form; a Unicode host still
 * finds an ASCII parent domain, and never crashes the lookup. */
static void
test_lookup_idn (void)
{
  assert_tracker ("xn--bcher-kva.google-analytics.com",
                  "Google Analytics", "Google", "site_analytics", LECTERN_CATEGORY_PERFORMANCE);
  assert_tracker ("bücher.google-analytics.com",
                  "Google Analytics", "Google", "site_analytics", LECTERN_CATEGORY_PERFORMANCE);
  assert_tracker ("WWW.Google-Analytics.COM",
                  "Google Analytics", "Google", "site_analytics", LECTERN_CATEGORY_PERFORMANCE);
  assert_tracker ("www.google-analytics.com.",
                  "Google Analytics", "Google", "site_analytics", LECTERN_CATEGORY_PERFORMANCE);
  g_assert_null (lectern_tracker_db_lookup (db, "xn--bcher-kva.example"));
  g_assert_null (lectern_tracker_db_lookup (db, "bücher.example"));
  g_assert_null (lectern_tracker_db_lookup (db, "google-analytics.xn--p1ai"));
  g_assert_null (lectern_tracker_db_lookup (db, ".."));
}

/* Lookups run for every request of every page: none may allocate. */
static void
test_lookup_no_allocation (void)
{
  static const char * const hosts[] = {
    "www.google-analytics.com", "a.b.c.d.doubleclick.net", "www.example-news.com",
    "cdn.example.org", "xn--bcher-kva.example", "localhost",
  };
  struct mallinfo2 before;
  struct mallinfo2 after;
  guint found = 0;
  guint expected = 0;

  /* The first two are trackers, the others not. */
  for (guint i = 0; i < 10000; i++)
    expected += i % G_N_ELEMENTS (hosts) < 2;

  /* Warm up whatever the first call touches. */
  lectern_tracker_db_lookup (db, hosts[0]);

  before = mallinfo2 ();
  for (guint i = 0; i < 10000; i++)
    found += lectern_tracker_db_lookup (db, hosts[i % G_N_ELEMENTS (hosts)]) != NULL;
  after = mallinfo2 ();

  g_assert_cmpuint (found, ==, expected);
  g_assert_cmpuint (after.uordblks, ==, before.uordblks);
  g_assert_cmpuint (after.hblkhd, ==, before.hblkhd);
}

/* Every domain of the shipped files answers the same in both forms. */
static void
test_compiled_matches_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("adguard-companiesdb-trackers.json");
  g_autoptr(GList) domains = NULL;
  JsonObject *root;
  guint n = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  domains = json_object_get_members (json_object_get_object_member (root, "trackerDomains"));

  g_assert_cmpuint (lectern_tracker_db_get_size (compiled_db), ==, lectern_tracker_db_get_size (json_db));

  for (GList *l = domains; l != NULL; l = l->next)
    {
      g_autofree char *sub = g_strconcat ("x1.", l->data, NULL);
      const char *hosts[] = { l->data, sub };

      for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
        {
          const LecternTracker *a = lectern_tracker_db_lookup (json_db, hosts[i]);
          const LecternTracker *b = lectern_tracker_db_lookup (compiled_db, hosts[i]);

          g_assert_nonnull (a);
          g_assert_nonnull (b);
          g_assert_cmpstr (a->name, ==, b->name);
          g_assert_cmpstr (a->company, ==, b->company);
          g_assert_cmpstr (a->source_category, ==, b->source_category);
          g_assert_cmpint (a->category, ==, b->category);
          n++;
        }
    }

  g_assert_cmpuint (n, >, 10000);
}

/* A damaged index is refused with a message, never read out of bounds. */
static void
test_compiled_corrupt (void)
{
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GError) error = NULL;
  const guchar *data;
  gsize size;
  static const gsize cuts[] = { 0, 3, 47, 48, 1000 };
  /* Header words to break, each with a value that must be refused. */
  static const struct { guint word; guint32 value; } breaks[] = {
    { 1, 99 },                /* version */
    { 2, 0x40000000 },        /* n_trackers past the end */
    { 3, 0x40000000 },        /* n_domains past the end */
    { 4, 3 },                 /* n_buckets not a power of two */
    { 5, 0xFFFFFFF0 },        /* trackers offset */
    { 7, 2 },                 /* buckets offset misaligned */
    { 9, 0 },                 /* no strings */
  };

  good = g_resources_lookup_data ("/org/lectern/Lectern/core/trackers.ltdb", 0, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (good, &size);

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) cut = g_bytes_new (data, MIN (cuts[i], size));
      g_autoptr(LecternTrackerDb) broken = lectern_tracker_db_new_from_bytes (cut, &error);

      g_assert_null (broken);
      g_assert_error (error, LECTERN_TRACKER_DB_ERROR, LECTERN_TRACKER_DB_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_clear_error (&error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      g_autofree guint32 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(LecternTrackerDb) broken = NULL;

      copy[breaks[i].word] = GUINT32_TO_LE (breaks[i].value);
      bytes = g_bytes_new_static (copy, size);
      broken = lectern_tracker_db_new_from_bytes (bytes, &error);
      g_assert_null (broken);
      g_assert_error (error, LECTERN_TRACKER_DB_ERROR, LECTERN_TRACKER_DB_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* A domain pointing at a tracker that does not exist. */
  {
    g_autofree guint32 *copy = g_memdup2 (data, size);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(LecternTrackerDb) broken = NULL;
    guint32 domains_offset = GUINT32_FROM_LE (copy[6]);

    copy[domains_offset / 4 + 2] = GUINT32_TO_LE (0xFFFFFF);
    bytes = g_bytes_new_static (copy, size);
    broken = lectern_tracker_db_new_from_bytes (bytes, &error);
    g_assert_null (broken);
    g_assert_error (error, LECTERN_TRACKER_DB_ERROR, LECTERN_TRACKER_DB_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* An index that says it has single-label domains tries a host's last
 * label too; the answers stay the same. */
static void
test_compiled_single_labels (void)
{
  g_autoptr(GBytes) good = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LecternTrackerDb) flagged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint32 *copy = NULL;
  const char * const hosts[] = { "www.google-analytics.com", "localhost", "com", "www.example.com" };
  gsize size;

  good = g_resources_lookup_data ("/org/lectern/Lectern/core/trackers.ltdb", 0, &error);
  g_assert_no_error (error);
  size = g_bytes_get_size (good);
  copy = g_memdup2 (g_bytes_get_data (good, NULL), size);
  copy[10] = GUINT32_TO_LE (1);
  bytes = g_bytes_new_static (copy, size);
  flagged = lectern_tracker_db_new_from_bytes (bytes, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    g_assert_true (lectern_tracker_db_lookup (flagged, hosts[i]) == NULL ||
                   g_str_equal (lectern_tracker_db_lookup (flagged, hosts[i])->name,
                                lectern_tracker_db_lookup (compiled_db, hosts[i])->name));
  g_assert_nonnull (lectern_tracker_db_lookup (flagged, hosts[0]));
  g_assert_null (lectern_tracker_db_lookup (flagged, hosts[1]));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  json_db = load_shipped (&error);
  g_assert_no_error (error);
  compiled_db = lectern_tracker_db_new_builtin (&error);
  g_assert_no_error (error);

  g_test_add_func ("/lectern/tracker-db/load", test_load);
  g_test_add_func ("/lectern/tracker-db/json/use", use_json);
  g_test_add_func ("/lectern/tracker-db/json/lookup", test_lookup);
  g_test_add_func ("/lectern/tracker-db/json/lookup-unknown", test_lookup_unknown);
  g_test_add_func ("/lectern/tracker-db/json/lookup-idn", test_lookup_idn);
  g_test_add_func ("/lectern/tracker-db/json/no-allocation", test_lookup_no_allocation);
  g_test_add_func ("/lectern/tracker-db/compiled/use", use_compiled);
  g_test_add_func ("/lectern/tracker-db/compiled/lookup", test_lookup);
  g_test_add_func ("/lectern/tracker-db/compiled/lookup-unknown", test_lookup_unknown);
  g_test_add_func ("/lectern/tracker-db/compiled/lookup-idn", test_lookup_idn);
  g_test_add_func ("/lectern/tracker-db/compiled/no-allocation", test_lookup_no_allocation);
  g_test_add_func ("/lectern/tracker-db/compiled/matches-json", test_compiled_matches_json);
  g_test_add_func ("/lectern/tracker-db/compiled/corrupt", test_compiled_corrupt);
  g_test_add_func ("/lectern/tracker-db/compiled/single-labels", test_compiled_single_labels);
  g_test_add_func ("/lectern/tracker-db/small-files", test_small_files);
  g_test_add_func ("/lectern/tracker-db/corrupt", test_corrupt);
  g_test_add_func ("/lectern/tracker-db/missing-file", test_missing_file);

  ret = g_test_run ();
  g_clear_pointer (&json_db, lectern_tracker_db_free);
  g_clear_pointer (&compiled_db, lectern_tracker_db_free);

  return ret;
}
