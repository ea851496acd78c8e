/* test-cookie-db.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lectern-cookie-db.h"

static LecternCookieDb *db;

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("LECTERN_DATA_SRCDIR");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "resources", "data", name, NULL);
}

static const LecternCookieInfo *
assert_found (const char      *name,
              const char      *domain,
              const char      *entry_name,
              const char      *platform,
              gboolean         wildcard,
              LecternCategory  category)
{
  const LecternCookieInfo *info = lectern_cookie_db_lookup (db, name, domain);

  g_test_message ("%s @ %s", name, domain);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->name, ==, entry_name);
  g_assert_cmpstr (info->platform, ==, platform);
  g_assert_cmpint (info->wildcard, ==, wildcard);
  g_assert_cmpint (info->category, ==, category);

  return info;
}

static void
test_load (void)
{
  g_autoptr(LecternCookieDb) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("open-cookie-database.csv");
  gdouble seconds;

  g_test_timer_start ();
  again = lectern_cookie_db_new_from_file (path, &error);
  seconds = g_test_timer_elapsed ();
  g_assert_no_error (error);

  g_test_message ("Loaded %u rows in %.1f ms", lectern_cookie_db_get_size (again), seconds * 1000);
  /* Every row of the shipped file is well formed. */
  g_assert_cmpuint (lectern_cookie_db_get_size (again), ==, 2264);
}

static void
test_exact (void)
{
  const LecternCookieInfo *info;

  info = assert_found ("_ga", NULL, "_ga", "Google Analytics", FALSE, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpstr (info->controller, ==, "Google");
  g_assert_null (info->domain);
  g_assert_nonnull (info->description);
  g_assert_cmpstr (info->retention, ==, "2 years");

  assert_found ("_gid", ".example.com", "_gid", "Google Analytics", FALSE, LECTERN_CATEGORY_PERFORMANCE);
  assert_found ("CookieConsent", NULL, "CookieConsent", "Cookiebot", FALSE, LECTERN_CATEGORY_NECESSARY);
  assert_found ("XSRF-TOKEN", NULL, "XSRF-TOKEN", "", FALSE, LECTERN_CATEGORY_NECESSARY);
  /* Social networks' Marketing cookies. */
  info = assert_found ("_fbp", ".example.com", "_fbp", "Facebook", FALSE, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpstr (info->domain, ==, "facebook.com (3rd party)");
  assert_found ("personalization_id", ".twitter.com", "personalization_id", "X", FALSE, LECTERN_CATEGORY_SOCIAL);

  /* Quoted fields with commas come back whole. */
  info = lectern_cookie_db_lookup (db, "td", NULL);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->description, ==,
                   "Registers statistical data on users' behaviour on the website. "
                   "Used for internal analytics by the website operator.");

  /* Names are case-sensitive and whole. */
  g_assert_null (lectern_cookie_db_lookup (db, "_GA", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "_g", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "no-such-cookie-anywhere", NULL));

  /* Whitespace around a name in the file is not part of the name. */
  assert_found ("ce_need_secure_cookie", NULL, "ce_need_secure_cookie", "Crazy Egg", FALSE,
                LECTERN_CATEGORY_PERFORMANCE);
}

static void
test_wildcard (void)
{
  assert_found ("_ga_ABC123", NULL, "_ga_", "Google Analytics", TRUE, LECTERN_CATEGORY_PERFORMANCE);
  /* A prefix matches the bare prefix too. */
  assert_found ("_ga_", NULL, "_ga_", "Google Analytics", TRUE, LECTERN_CATEGORY_PERFORMANCE);
  assert_found ("_gat", NULL, "_gat", "Google Analytics", TRUE, LECTERN_CATEGORY_PERFORMANCE);

  /* The longest prefix wins. */
  assert_found ("_gac_UA-1234", NULL, "_gac_", "Google Analytics", TRUE, LECTERN_CATEGORY_TARGETING);
  assert_found ("_gac_gb_AW-1234", NULL, "_gac_gb_", "Google Ads", TRUE, LECTERN_CATEGORY_TARGETING);
  assert_found ("_gat_UA-1234-1", NULL, "_gat", "Google Analytics", TRUE, LECTERN_CATEGORY_PERFORMANCE);
  assert_found ("_gat_gtag_UA_1234_1", NULL, "_gat_gtag_", "Google Analytics", TRUE, LECTERN_CATEGORY_PERFORMANCE);
  assert_found ("AMP_MKTG_0a1b2c", NULL, "AMP_MKTG_", "Amplitude", TRUE, LECTERN_CATEGORY_PERFORMANCE);
  assert_found ("AMP_0a1b2c", NULL, "AMP_", "Amplitude", TRUE, LECTERN_CATEGORY_PERFORMANCE);

  /* A name shorter than a prefix does not match it: "AMP_MKT" falls back
   * to "AMP_", "_KnowledgePageFilte" to nothing. */
  assert_found ("AMP_MKT", NULL, "AMP_", "Amplitude", TRUE, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_null (lectern_cookie_db_lookup (db, "_KnowledgePageFilte", NULL));

  /* An exact name beats a prefix of it. */
  assert_found ("AMP_TOKEN", NULL, "AMP_TOKEN", "Google Analytics", FALSE, LECTERN_CATEGORY_PERFORMANCE);
}

static void
test_literal_patterns (void)
{
  /* Brackets are part of these names. */
  assert_found ("barometric[cuid]", NULL, "barometric[cuid]", "Claritas", FALSE, LECTERN_CATEGORY_TARGETING);
  assert_found ("barometric[idfa]", NULL, "barometric[idfa]", "Claritas", FALSE, LECTERN_CATEGORY_TARGETING);
  assert_found ("pvc_visits[0]", NULL, "pvc_visits[0]", "Postviewscounter", FALSE, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_null (lectern_cookie_db_lookup (db, "barometric[c]", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "barometric", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "pvc_visits[1]", NULL));

  /* A trailing star is a prefix. */
  assert_found ("SSPR_1234", NULL, "SSPR_", "Adkernel", TRUE, LECTERN_CATEGORY_TARGETING);
  assert_found ("SCMabc", NULL, "SCM", "Smaato", TRUE, LECTERN_CATEGORY_TARGETING);
  g_assert_null (lectern_cookie_db_lookup (db, "SSPR", NULL));
}

static void
test_short_prefix (void)
{
  /* "SR" and "CT" only take identifiers after them. */
  assert_found ("SR12345", NULL, "SR", "Adform", TRUE, LECTERN_CATEGORY_TARGETING);
  assert_found ("CT1a2b_3", NULL, "CT", "Adform", TRUE, LECTERN_CATEGORY_TARGETING);
  g_assert_null (lectern_cookie_db_lookup (db, "SR", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "SRX", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "SRabc", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "CTRL", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "_session", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "_sfoo", NULL));
  g_assert_null (lectern_cookie_db_lookup (db, "tpx", NULL));

  /* Exact names that start like them are their own. */
  assert_found ("SRM_B", NULL, "SRM_B", "Bing / Microsoft", FALSE, LECTERN_CATEGORY_NECESSARY);
  assert_found ("CTK", NULL, "CTK", "Indeed", FALSE, LECTERN_CATEGORY_PERFORMANCE);
  assert_found ("_shopify_y", NULL, "_shopify_y", "Shopify", FALSE, LECTERN_CATEGORY_PERFORMANCE);

  /* "_s" is both Shopify's cookie and Marfeel's prefix. */
  assert_found ("_s", NULL, "_s", "Shopify", FALSE, LECTERN_CATEGORY_PERFORMANCE);
  assert_found ("_s_1700000000", NULL, "_s", "Marfeel", TRUE, LECTERN_CATEGORY_PERFORMANCE);
}

static void
test_duplicate_names (void)
{
  /* Told apart by the cookie's domain. */
  assert_found ("DSID", ".doubleclick.net", "DSID", "DoubleClick/Google Marketing", FALSE,
                LECTERN_CATEGORY_TARGETING);
  assert_found ("DSID", "ad.doubleclick.net", "DSID", "DoubleClick/Google Marketing", FALSE,
                LECTERN_CATEGORY_TARGETING);
  /* No domain, or another one: the row for any domain. */
  assert_found ("DSID", NULL, "DSID", "Google", FALSE, LECTERN_CATEGORY_TARGETING);
  assert_found ("DSID", ".google.com", "DSID", "Google", FALSE, LECTERN_CATEGORY_TARGETING);

  assert_found ("token", ".adnxs.com", "token", "Xandr", FALSE, LECTERN_CATEGORY_NECESSARY);
  assert_found ("token", "ib.adnxs.com", "token", "Xandr", FALSE, LECTERN_CATEGORY_NECESSARY);
  assert_found ("token", ".adform.net", "token", "Adform", FALSE, LECTERN_CATEGORY_TARGETING);
  /* Every row names another site and "token" is a plain word: a site's
   * own "token" is none of theirs. */
  g_assert_null (lectern_cookie_db_lookup (db, "token", ".example.com"));
  /* A domain inside another name is no match. */
  g_assert_null (lectern_cookie_db_lookup (db, "token", "nxs.com"));
  /* Without a domain there is nothing to tell them apart: the first row. */
  assert_found ("token", NULL, "token", "Adform", FALSE, LECTERN_CATEGORY_TARGETING);

  assert_found ("u", "creativecdn.com", "u", "CreativeCDN", FALSE, LECTERN_CATEGORY_TARGETING);
  assert_found ("u", ".t.tailtarget.com", "u", "Totvs", FALSE, LECTERN_CATEGORY_TARGETING);
  assert_found ("u", NULL, "u", "Totvs", FALSE, LECTERN_CATEGORY_TARGETING);
}

/* A row whose Domain names another site gives its platform to a cookie of
 * the page's own site only when the name is distinctive. */
static void
test_other_site_rows (void)
{
  const LecternCookieInfo *info;

  /* LinkedIn's "lang" (Domain "linkedin.com (3rd party)") is LinkedIn's
   * on LinkedIn, but a news site's own "lang" is not. */
  assert_found ("lang", ".linkedin.com", "lang", "LinkedIn", FALSE, LECTERN_CATEGORY_NECESSARY);
  assert_found ("lang", "www.linkedin.com", "lang", "LinkedIn", FALSE, LECTERN_CATEGORY_NECESSARY);
  g_assert_null (lectern_cookie_db_lookup (db, "lang", "www.example-news.com"));
  g_assert_null (lectern_cookie_db_lookup (db, "lidc", ".example.com"));

  /* The pixel sets "_fbp" on the page's own domain although the database
   * says facebook.com: a name no site would pick by chance. */
  info = assert_found ("_fbp", "www.example-news.com", "_fbp", "Facebook", FALSE, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpstr (info->controller, ==, "Facebook");
  assert_found ("_uetsid", ".example.com", "_uetsid", "Bing / Microsoft", FALSE, LECTERN_CATEGORY_TARGETING);
  assert_found ("AnalyticsSyncHistory", ".example.com", "AnalyticsSyncHistory", "LinkedIn", FALSE,
                LECTERN_CATEGORY_PERFORMANCE);

  /* A row with no Domain applies anywhere, whatever the name. */
  assert_found ("_ga", "www.example-news.com", "_ga", "Google Analytics", FALSE, LECTERN_CATEGORY_PERFORMANCE);
}

static LecternCookieDb *
load_data (const char  *csv,
           GError     **error)
{
  return lectern_cookie_db_new_from_data (csv, strlen (csv), error);
}

#define HEADER "ID,Platform,Category,Cookie / Data Key name,Domain,Description," \
               "Retention period,Data Controller,User Privacy & GDPR Rights Portals,Wildcard match"

static const char small_csv[] =
  "\xef\xbb\xbf" HEADER "\r\n"
  "1,Acme,Analytics,plain,,Simple,1 day,Acme,https://acme.test/,0\r\n"
  "2,\"Acme, Inc.\",Marketing,quoted,\"acme.test, ads.acme.test\",\"He said \"\"hi\"\"\",\"30 days\",Acme,,0\n"
  "3,Acme,Functional,multi,,\"Line one\nline two, with a comma\",session,,,0\n"
  "too,few,fields\n"
  "4,Acme,Analytics,toomany,,x,y,z,w,0,extra\n"
  "\n"
  "5,Acme,Analytics,badwild,,x,y,z,w,maybe\n"
  "6,,Analytics,noplatform,,x,y,z,w,0\n"
  "7,Acme,Analytics,,,x,y,z,w,1\n"
  "8,Acme,Analytics,bad\xff" "utf8,,x,y,z,w,0\n"
  "9,Acme,Security,pre_,,x,y,z,w,1\n"
  "10,Acme,Social,oddcat,,x,y,z,w,0\n"
  "11,Acme,Analytics,last,,\"no newline at the end\",,,,0";

static void
check_small (LecternCookieDb *small)
{
  const LecternCookieInfo *info;

  g_assert_cmpuint (lectern_cookie_db_get_size (small), ==, 7);

  info = lectern_cookie_db_lookup (small, "plain", NULL);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->platform, ==, "Acme");
  g_assert_cmpstr (info->retention, ==, "1 day");
  g_assert_null (info->domain);
  g_assert_cmpint (info->category, ==, LECTERN_CATEGORY_PERFORMANCE);

  info = lectern_cookie_db_lookup (small, "quoted", NULL);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->platform, ==, "Acme, Inc.");
  g_assert_cmpstr (info->domain, ==, "acme.test, ads.acme.test");
  g_assert_cmpstr (info->description, ==, "He said \"hi\"");
  g_assert_cmpstr (info->retention, ==, "30 days");
  g_assert_cmpint (info->category, ==, LECTERN_CATEGORY_TARGETING);

  info = lectern_cookie_db_lookup (small, "multi", NULL);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->description, ==, "Line one\nline two, with a comma");
  g_assert_null (info->controller);
  g_assert_cmpint (info->category, ==, LECTERN_CATEGORY_NECESSARY);

  info = lectern_cookie_db_lookup (small, "pre_x", NULL);
  g_assert_nonnull (info);
  g_assert_true (info->wildcard);
  g_assert_cmpint (info->category, ==, LECTERN_CATEGORY_NECESSARY);

  /* A category the table does not know is kept as unknown. */
  info = lectern_cookie_db_lookup (small, "oddcat", NULL);
  g_assert_nonnull (info);
  g_assert_cmpint (info->category, ==, LECTERN_CATEGORY_UNKNOWN);

  g_assert_nonnull (lectern_cookie_db_lookup (small, "last", NULL));

  /* The garbage rows were skipped. */
  g_assert_null (lectern_cookie_db_lookup (small, "toomany", NULL));
  g_assert_null (lectern_cookie_db_lookup (small, "badwild", NULL));

  /* A row without a platform is kept. */
  info = lectern_cookie_db_lookup (small, "noplatform", NULL);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->platform, ==, "");
  g_assert_null (lectern_cookie_db_lookup (small, "fields", NULL));
}

static void
test_small_csv (void)
{
  g_autoptr(LecternCookieDb) from_data = NULL;
  g_autoptr(LecternCookieDb) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lectern-cookie-db-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);

  from_data = load_data (small_csv, &error);
  g_assert_no_error (error);
  check_small (from_data);

  path = g_build_filename (dir, "cookies.csv", NULL);
  g_file_set_contents (path, small_csv, -1, &error);
  g_assert_no_error (error);
  from_file = lectern_cookie_db_new_from_file (path, &error);
  g_assert_no_error (error);
  check_small (from_file);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_header_only (void)
{
  g_autoptr(LecternCookieDb) empty = NULL;
  g_autoptr(GError) error = NULL;

  empty = load_data (HEADER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lectern_cookie_db_get_size (empty), ==, 0);
  g_assert_null (lectern_cookie_db_lookup (empty, "_ga", NULL));
}

static void
test_not_csv (void)
{
  static const struct
  {
    const char *data;
    const char *message_part;
  } cases[] = {
    { "",                                           "empty" },
    { "hello world\n",                              "“Platform”" },
    { "{\"cookies\": []}\n",                        "“Platform”" },
    { "ID,Platform,Category\n1,a,b\n",              "“Cookie / Data Key name”" },
    { HEADER "\n1,Acme,Analytics,x,,\"never closed,y,z,w,0\n2,a,b,c,,d,e,f,g,0\n",
      "Line 2" },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      g_assert_null (load_data (cases[i].data, &error));
      g_assert_error (error, LECTERN_COOKIE_DB_ERROR, LECTERN_COOKIE_DB_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
      g_clear_error (&error);
    }

  missing = g_build_filename (g_get_user_data_dir (), "no-such.csv", NULL);
  g_assert_null (lectern_cookie_db_new_from_file (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  path = data_path ("open-cookie-database.csv");
  db = lectern_cookie_db_new_from_file (path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/lectern/cookie-db/load", test_load);
  g_test_add_func ("/lectern/cookie-db/exact", test_exact);
  g_test_add_func ("/lectern/cookie-db/wildcard", test_wildcard);
  g_test_add_func ("/lectern/cookie-db/literal-patterns", test_literal_patterns);
  g_test_add_func ("/lectern/cookie-db/short-prefix", test_short_prefix);
  g_test_add_func ("/lectern/cookie-db/duplicate-names", test_duplicate_names);
  g_test_add_func ("/lectern/cookie-db/other-site-rows", test_other_site_rows);
  g_test_add_func ("/lectern/cookie-db/small-csv", test_small_csv);
  g_test_add_func ("/lectern/cookie-db/header-only", test_header_only);
  g_test_add_func ("/lectern/cookie-db/not-csv", test_not_csv);

  ret = g_test_run ();
  g_clear_pointer (&db, lectern_cookie_db_free);

  return ret;
}
