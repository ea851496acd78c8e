/* test-cookie-classifier.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-classifier.h"

static LecternCookieDb *cookies;
static LecternTrackerDb *trackers;

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("LECTERN_DATA_SRCDIR");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "resources", "data", name, NULL);
}

/* Out of the box: everything but necessary refused. */
static LecternSiteChoices *
new_choices (void)
{
  LecternSiteChoices *choices = lectern_site_choices_new ("example.com");

  for (LecternCategory c = 0; c < LECTERN_N_CATEGORIES; c++)
    lectern_site_choices_set_allowed (choices, c, c == LECTERN_CATEGORY_NECESSARY);

  return choices;
}

static void
test_performance_off (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "_ga", ".example.com", "www.example.com", &verdict);

  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpstr (verdict.platform, ==, "Google Analytics");
  g_assert_nonnull (verdict.info);
  g_assert_cmpstr (verdict.info->name, ==, "_ga");
  g_assert_null (verdict.tracker);
  g_assert_false (verdict.third_party);
  g_assert_true (verdict.violation);

  /* Its wildcard sibling too. */
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "_ga_ABC123", "www.example.com", "www.example.com", &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_true (verdict.violation);
}

static void
test_performance_on (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "_ga", ".example.com", "www.example.com", &verdict);

  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_false (verdict.violation);

  /* Another category is still refused. */
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "_fbp", ".example.com", "www.example.com", &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_SOCIAL);
  g_assert_true (verdict.violation);
}

static void
test_trusted (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  lectern_site_choices_set_trusted (choices, TRUE);
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "_ga", ".example.com", "www.example.com", &verdict);

  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_false (verdict.violation);
}

static void
test_necessary (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  /* Even with necessary switched off by hand, which the UI never allows. */
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_NECESSARY, FALSE);

  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "CookieConsent", "www.example.com", "www.example.com", &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_NECESSARY);
  g_assert_cmpstr (verdict.platform, ==, "Cookiebot");
  g_assert_false (verdict.violation);

  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "XSRF-TOKEN", "www.example.com", "www.example.com", &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_NECESSARY);
  /* No platform in the database, no tracker for the domain. */
  g_assert_null (verdict.platform);
  g_assert_false (verdict.violation);
}

static void
test_tracker_domain (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "zz_not_in_any_database", ".doubleclick.net", "www.example.com", &verdict);

  g_assert_null (verdict.info);
  g_assert_nonnull (verdict.tracker);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpstr (verdict.platform, ==, "Google Marketing");
  g_assert_cmpstr (verdict.owner, ==, "Google");
  g_assert_true (verdict.third_party);
  g_assert_true (verdict.violation);

  /* Allowed, it stays classified but is no violation. */
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "zz_not_in_any_database", "stats.g.doubleclick.net", "www.example.com",
                           &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_TARGETING);
  g_assert_false (verdict.violation);

  /* The cookie database comes first; the tracker is still reported. */
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "_ga", ".google-analytics.com", "www.example.com", &verdict);
  g_assert_nonnull (verdict.info);
  g_assert_nonnull (verdict.tracker);
  g_assert_cmpstr (verdict.tracker->name, ==, "Google Analytics");
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_true (verdict.third_party);
  g_assert_true (verdict.violation);
}

/* A first-party cookie named like another site's ("lang" is LinkedIn's
 * on linkedin.com) is not given that site's platform. */
static void
test_other_site_name (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "lang", ".example-news.com", "www.example-news.com", &verdict);
  g_assert_null (verdict.info);
  g_assert_null (verdict.platform);
  g_assert_null (verdict.owner);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_UNKNOWN);
  g_assert_false (verdict.violation);

  /* On LinkedIn's own domain it is LinkedIn's. */
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "lang", ".linkedin.com", "www.example-news.com", &verdict);
  g_assert_nonnull (verdict.info);
  g_assert_cmpstr (verdict.platform, ==, "LinkedIn");
  g_assert_true (verdict.third_party);

  /* A distinctive name keeps its platform on the page's own domain. */
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "_fbp", ".example-news.com", "www.example-news.com", &verdict);
  g_assert_cmpstr (verdict.platform, ==, "Facebook");
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_SOCIAL);
  g_assert_nonnull (verdict.info->description);
  g_assert_cmpstr (verdict.info->retention, ==, "4 months");
  g_assert_false (verdict.third_party);
  g_assert_true (verdict.violation);
}

/* A tracker the reader allowed on the site may keep its cookies there:
 * named as the request side names it, the cookie is no violation, and
 * the verdict says which allowed tracker made it so. */
static void
test_allowed_tracker (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  const char * const analytics[] = { "Hotjar", "Google Analytics", NULL };
  const char * const others[] = { "Hotjar", "Facebook Pixel", NULL };
  const char * const marketing[] = { "Google Marketing", NULL };
  LecternCookieVerdict verdict;

  /* Google Analytics' script writes its cookies on the site's own domain:
   * the cookie database's platform names the tracker. */
  lectern_cookie_classify (cookies, trackers, choices, analytics,
                           "_ga", ".example.com", "www.example.com", &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpstr (verdict.platform, ==, "Google Analytics");
  g_assert_false (verdict.violation);
  g_assert_true (verdict.allowed_tracker == analytics[1]);

  lectern_cookie_classify (cookies, trackers, choices, analytics,
                           "_gid", ".example.com", "www.example.com", &verdict);
  g_assert_false (verdict.violation);
  g_assert_cmpstr (verdict.allowed_tracker, ==, "Google Analytics");

  /* Another tracker's cookie stays a violation, and so does this one
   * when only others are allowed. */
  lectern_cookie_classify (cookies, trackers, choices, analytics,
                           "_fbp", ".example.com", "www.example.com", &verdict);
  g_assert_true (verdict.violation);
  g_assert_null (verdict.allowed_tracker);

  lectern_cookie_classify (cookies, trackers, choices, others,
                           "_ga", ".example.com", "www.example.com", &verdict);
  g_assert_true (verdict.violation);
  g_assert_null (verdict.allowed_tracker);

  /* A cookie only the tracker database knows, by its domain. */
  lectern_cookie_classify (cookies, trackers, choices, marketing,
                           "zz_not_in_any_database", ".doubleclick.net", "www.example.com", &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_TARGETING);
  g_assert_false (verdict.violation);
  g_assert_cmpstr (verdict.allowed_tracker, ==, "Google Marketing");

  /* With its category allowed there is nothing to let through. */
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_cookie_classify (cookies, trackers, choices, analytics,
                           "_ga", ".example.com", "www.example.com", &verdict);
  g_assert_false (verdict.violation);
  g_assert_null (verdict.allowed_tracker);
}

static void
test_unknown (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "zz_not_in_any_database", "www.example.com", "www.example.com", &verdict);

  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_UNKNOWN);
  g_assert_null (verdict.platform);
  g_assert_null (verdict.info);
  g_assert_null (verdict.tracker);
  g_assert_false (verdict.third_party);
  /* Nothing is removed for want of a name. */
  g_assert_false (verdict.violation);
}

static void
test_party (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "sid", ".Example.com", "news.example.com", &verdict);
  g_assert_false (verdict.third_party);

  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "sid", "example.co.uk", "www.example.com", &verdict);
  g_assert_true (verdict.third_party);

  /* Without a domain or a page, there is nothing to be third to. */
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "sid", NULL, "www.example.com", &verdict);
  g_assert_false (verdict.third_party);
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "sid", ".", "www.example.com", &verdict);
  g_assert_false (verdict.third_party);
  lectern_cookie_classify (cookies, trackers, choices, NULL,
                           "sid", ".example.org", NULL, &verdict);
  g_assert_false (verdict.third_party);
}

static void
test_no_databases (void)
{
  g_autoptr(LecternSiteChoices) choices = new_choices ();
  LecternCookieVerdict verdict;

  /* Missing databases or choices degrade to "unknown" and "allowed". */
  lectern_cookie_classify (NULL, NULL, choices, NULL,
                           "_ga", ".example.com", "www.example.com", &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_UNKNOWN);
  g_assert_false (verdict.violation);

  lectern_cookie_classify (cookies, trackers, NULL, NULL,
                           "_ga", ".example.com", "www.example.com", &verdict);
  g_assert_cmpint (verdict.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_false (verdict.violation);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *trackers_json = NULL;
  g_autofree char *companies_json = NULL;
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  csv = data_path ("open-cookie-database.csv");
  cookies = lectern_cookie_db_new_from_file (csv, &error);
  g_assert_no_error (error);

  trackers_json = data_path ("adguard-companiesdb-trackers.json");
  companies_json = data_path ("adguard-companiesdb-companies.json");
  trackers = lectern_tracker_db_new_from_files (trackers_json, companies_json, &error);
  g_assert_no_error (error);

  g_test_add_func ("/lectern/cookie-classifier/performance-off", test_performance_off);
  g_test_add_func ("/lectern/cookie-classifier/performance-on", test_performance_on);
  g_test_add_func ("/lectern/cookie-classifier/trusted", test_trusted);
  g_test_add_func ("/lectern/cookie-classifier/necessary", test_necessary);
  g_test_add_func ("/lectern/cookie-classifier/tracker-domain", test_tracker_domain);
  g_test_add_func ("/lectern/cookie-classifier/other-site-name", test_other_site_name);
  g_test_add_func ("/lectern/cookie-classifier/allowed-tracker", test_allowed_tracker);
  g_test_add_func ("/lectern/cookie-classifier/unknown", test_unknown);
  g_test_add_func ("/lectern/cookie-classifier/party", test_party);
  g_test_add_func ("/lectern/cookie-classifier/no-databases", test_no_databases);

  ret = g_test_run ();
  g_clear_pointer (&cookies, lectern_cookie_db_free);
  g_clear_pointer (&trackers, lectern_tracker_db_free);

  return ret;
}
