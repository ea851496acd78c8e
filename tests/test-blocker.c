/* test-blocker.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-blocker.h"

#define PAGE_URL "https://www.example.com/news/story/"

typedef struct
{
  LecternBlocker *blocker;
} Fixture;

static const struct
{
  const char            *rule;
  LecternFilterListKind  list;
} rules[] = {
  { "||google-analytics.com^",        LECTERN_FILTER_LIST_EASYPRIVACY },
  { "||googletagmanager.com^$script", LECTERN_FILTER_LIST_EASYPRIVACY },
  { "||doubleclick.net^",             LECTERN_FILTER_LIST_EASYLIST },
  { "/track/pixel.gif",               LECTERN_FILTER_LIST_EASYPRIVACY },
  { "@@||www.google-analytics.com/allowed.js", LECTERN_FILTER_LIST_EASYPRIVACY },
};

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("LECTERN_DATA_SRCDIR");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "resources", "data", name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  g_autoptr(LecternTrackerDb) trackers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trackers_path = data_path ("adguard-companiesdb-trackers.json");
  g_autofree char *companies_path = data_path ("adguard-companiesdb-companies.json");

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_assert_true (lectern_filter_engine_add_rule (engine, rules[i].rule, rules[i].list, &error));
      g_assert_no_error (error);
    }

  trackers = lectern_tracker_db_new_from_files (trackers_path, companies_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trackers);

  fixture->blocker = lectern_blocker_new (g_steal_pointer (&engine), g_steal_pointer (&trackers));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_pointer (&fixture->blocker, lectern_blocker_free);
}

static gboolean
decide (LecternBlocker       *blocker,
        const char           *url,
        const char           *page_url,
        LecternResourceTypes  types,
        LecternDecision      *decision)
{
  LecternRequest request = {
    .url = url,
    .page_url = page_url,
    .types = types,
    .types_inferred = FALSE,
  };

  return lectern_blocker_decide (blocker, &request, decision);
}

static void
assert_not_tracker (const LecternDecision *decision)
{
  g_assert_false (decision->tracker);
  g_assert_false (decision->blocked);
  g_assert_cmpint (decision->category, ==, LECTERN_CATEGORY_UNKNOWN);
  g_assert_false (decision->match.blocked);
}

static void
test_analytics_blocked (Fixture       *fixture,
                        gconstpointer  user_data)
{
  LecternDecision decision;

  g_assert_true (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                         PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.third_party);
  g_assert_true (decision.tracker);
  g_assert_true (decision.blocked);
  g_assert_cmpint (decision.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_nonnull (decision.tracker_info);
  g_assert_cmpstr (decision.tracker_info->name, ==, "Google Analytics");
  g_assert_true (decision.match.blocked);
  g_assert_cmpstr (decision.match.rule, ==, "||google-analytics.com^");
  g_assert_cmpint (decision.match.list, ==, LECTERN_FILTER_LIST_EASYPRIVACY);
}

static void
test_analytics_allowed (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  LecternDecision decision;

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_blocker_set_choices (fixture->blocker, choices);
  g_assert_true (lectern_site_choices_equal (lectern_blocker_get_choices (fixture->blocker, "example.com"),
                                             choices));

  /* Allowed, yet still reported as the tracker it is. */
  g_assert_false (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                          PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.tracker);
  g_assert_false (decision.blocked);
  g_assert_true (decision.third_party);
  g_assert_cmpint (decision.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpstr (decision.match.rule, ==, "||google-analytics.com^");

  /* The choice is the site's: another site still blocks it. */
  g_assert_true (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                         "https://news.example.org/", LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.blocked);

  /* Targeting is still off on the site. */
  g_assert_true (decide (fixture->blocker, "https://ad.doubleclick.net/ddm/ad.js",
                         PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_cmpint (decision.category, ==, LECTERN_CATEGORY_TARGETING);
}

static void
test_top_document (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("doubleclick.net");
  LecternDecision decision;

  lectern_blocker_set_choices (fixture->blocker, choices);

  /* The reader asked for the page: even a tracker's own page loads. */
  g_assert_false (decide (fixture->blocker, "https://ad.doubleclick.net/",
                          "https://ad.doubleclick.net/", LECTERN_RESOURCE_DOCUMENT, &decision));
  assert_not_tracker (&decision);
  g_assert_true (lectern_site_choices_equal (decision.choices, choices));

  /* A frame with the same address is not the top document. */
  g_assert_true (decide (fixture->blocker, "https://ad.doubleclick.net/frame.html",
                         PAGE_URL, LECTERN_RESOURCE_SUBDOCUMENT, &decision));
  g_assert_true (decision.blocked);
  g_assert_cmpstr (lectern_site_choices_get_site (decision.choices), ==, "");
}

static void
test_sends_gpc (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");

  /* Out of the box sale is refused, everywhere. */
  g_assert_true (lectern_blocker_sends_gpc (fixture->blocker, PAGE_URL));
  g_assert_true (lectern_blocker_sends_gpc (fixture->blocker, "https://news.example.org/"));

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_SALE, TRUE);
  lectern_blocker_set_choices (fixture->blocker, choices);
  g_assert_false (lectern_blocker_sends_gpc (fixture->blocker, PAGE_URL));
  g_assert_false (lectern_blocker_sends_gpc (fixture->blocker, "https://shop.example.com/cart"));
  g_assert_true (lectern_blocker_sends_gpc (fixture->blocker, "https://news.example.org/"));

  /* Trusting a site turns off what Lectern adds, the signal included. */
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_SALE, FALSE);
  lectern_site_choices_set_trusted (choices, TRUE);
  lectern_blocker_set_choices (fixture->blocker, choices);
  g_assert_false (lectern_blocker_sends_gpc (fixture->blocker, PAGE_URL));
}

static void
test_trusted_site (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  LecternDecision decision;

  lectern_site_choices_set_trusted (choices, TRUE);
  lectern_blocker_set_choices (fixture->blocker, choices);

  g_assert_false (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                          PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.tracker);
  g_assert_false (decision.blocked);

  g_assert_false (decide (fixture->blocker, "https://ad.doubleclick.net/ddm/ad.js",
                          "https://shop.example.com/", LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.tracker);
  g_assert_false (decision.blocked);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(LecternSiteChoices) defaults = lectern_site_choices_new (NULL);
  g_autoptr(LecternSiteChoices) site = lectern_site_choices_new ("example.com");
  LecternDecision decision;

  g_assert_cmpstr (lectern_site_choices_get_site (lectern_blocker_get_choices (fixture->blocker, "example.net")),
                   ==, "");

  /* Choices without a site are the new defaults. */
  lectern_site_choices_set_allowed (defaults, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_blocker_set_choices (fixture->blocker, defaults);
  lectern_blocker_set_choices (fixture->blocker, site);

  g_assert_false (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                          "https://www.example.net/", LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.tracker);

  /* A site with its own choices does not follow the defaults. */
  g_assert_true (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                         PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));

  lectern_site_choices_set_allowed (defaults, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  lectern_blocker_set_defaults (fixture->blocker, defaults);
  g_assert_true (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                         "https://www.example.net/", LECTERN_RESOURCE_SCRIPT, &decision));
}

static void
test_first_party_css (Fixture       *fixture,
                      gconstpointer  user_data)
{
  LecternDecision decision;

  g_assert_false (decide (fixture->blocker, "https://www.example.com/static/site.css",
                          PAGE_URL, LECTERN_RESOURCE_STYLESHEET, &decision));
  g_assert_false (decision.third_party);
  assert_not_tracker (&decision);

  /* On the tracker's own site, its requests are first-party. */
  g_assert_false (decide (fixture->blocker, "https://www.facebook.com/css/site.css",
                          "https://www.facebook.com/somepage", LECTERN_RESOURCE_STYLESHEET, &decision));
  g_assert_false (decision.third_party);
  g_assert_nonnull (decision.tracker_info);
  assert_not_tracker (&decision);
}

static void
test_first_party_rule (Fixture       *fixture,
                       gconstpointer  user_data)
{
  LecternDecision decision;

  /* A first-party request is a tracker when a rule says so. */
  g_assert_true (decide (fixture->blocker, "https://www.example.com/track/pixel.gif?id=1",
                         PAGE_URL, LECTERN_RESOURCE_IMAGE, &decision));
  g_assert_false (decision.third_party);
  g_assert_true (decision.tracker);
  g_assert_cmpint (decision.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpstr (decision.match.rule, ==, "/track/pixel.gif");
}

static void
test_exception (Fixture       *fixture,
                gconstpointer  user_data)
{
  LecternDecision decision;

  /* The exception lifts the rule, but the host is still a known
   * third-party tracker. */
  decide (fixture->blocker, "https://www.google-analytics.com/allowed.js",
          PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision);
  g_assert_false (decision.match.blocked);
  g_assert_cmpstr (decision.match.rule, ==, "@@||www.google-analytics.com/allowed.js");
  g_assert_true (decision.tracker);
  g_assert_cmpint (decision.category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_true (decision.blocked);
}

static void
test_third_party_cdn (Fixture       *fixture,
                      gconstpointer  user_data)
{
  LecternDecision decision;

  g_assert_false (decide (fixture->blocker, "https://cdn.jsdelivr.net/npm/lib@1/dist/lib.min.js",
                          PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.third_party);
  g_assert_nonnull (decision.tracker_info);
  g_assert_cmpint (decision.tracker_info->category, ==, LECTERN_CATEGORY_NECESSARY);
  assert_not_tracker (&decision);

  /* A third party nobody knows is no tracker either. */
  g_assert_false (decide (fixture->blocker, "https://images.example-partner.org/photo.jpg",
                          PAGE_URL, LECTERN_RESOURCE_IMAGE, &decision));
  g_assert_true (decision.third_party);
  g_assert_null (decision.tracker_info);
  assert_not_tracker (&decision);
}

static void
test_necessary_never_blocked (Fixture       *fixture,
                              gconstpointer  user_data)
{
  LecternDecision decision;

  /* Everything but necessary is off, and the consent tool still loads. */
  g_assert_false (decide (fixture->blocker, "https://cdn.cookielaw.org/scripttemplates/otSDKStub.js",
                          PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.third_party);
  g_assert_nonnull (decision.tracker_info);
  g_assert_cmpint (decision.tracker_info->category, ==, LECTERN_CATEGORY_NECESSARY);
  assert_not_tracker (&decision);

  /* A necessary host (a tag manager) that a rule matches is a tracker of
   * the list's category. */
  g_assert_true (decide (fixture->blocker, "https://www.googletagmanager.com/gtm.js?id=GTM-X",
                         PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_cmpint (decision.tracker_info->category, ==, LECTERN_CATEGORY_NECESSARY);
  g_assert_true (decision.tracker);
  g_assert_cmpint (decision.category, ==, LECTERN_CATEGORY_PERFORMANCE);

  /* Its stylesheet matches no rule ($script): necessary, not blocked. */
  g_assert_false (decide (fixture->blocker, "https://www.googletagmanager.com/debug.css",
                          PAGE_URL, LECTERN_RESOURCE_STYLESHEET, &decision));
  assert_not_tracker (&decision);
}

static void
test_known_tracker_without_rule (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  LecternDecision decision;

  /* No rule names Facebook here; the tracker database does. */
  g_assert_true (decide (fixture->blocker, "https://connect.facebook.net/en_US/sdk.js",
                         PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_false (decision.match.blocked);
  g_assert_null (decision.match.rule);
  g_assert_true (decision.tracker);
  g_assert_cmpint (decision.category, ==, decision.tracker_info->category);
  g_assert_true (lectern_category_is_blockable (decision.category));
}

static void
test_odd_urls (Fixture       *fixture,
               gconstpointer  user_data)
{
  LecternDecision decision;

  /* User info, port, upper case and a trailing dot do not hide a host. */
  g_assert_true (decide (fixture->blocker, "https://user:pw@WWW.Google-Analytics.COM.:8443/collect",
                         "HTTPS://WWW.EXAMPLE.COM/", LECTERN_RESOURCE_XMLHTTPREQUEST, &decision));
  g_assert_true (decision.third_party);
  g_assert_nonnull (decision.tracker_info);
  g_assert_cmpstr (decision.tracker_info->name, ==, "Google Analytics");
  g_assert_true (decision.blocked);

  /* A page without a host: what it loads from the web is third-party. */
  g_assert_true (decide (fixture->blocker, "https://connect.facebook.net/sdk.js",
                         "file:///home/reader/article.html", LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.third_party);

  g_assert_false (decide (fixture->blocker, "http://[::1]:8080/app.js",
                          "http://[::1]:8080/", LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_false (decision.third_party);
  assert_not_tracker (&decision);

  g_assert_false (decide (fixture->blocker, "not a url", PAGE_URL, LECTERN_RESOURCE_OTHER, &decision));
  g_assert_false (decision.third_party);
  g_assert_null (decision.tracker_info);

  g_assert_false (decide (fixture->blocker, "data:image/png;base64,AAAA", PAGE_URL,
                          LECTERN_RESOURCE_IMAGE, &decision));
  g_assert_false (decision.tracker);

  g_assert_false (decide (fixture->blocker, "", "", LECTERN_RESOURCE_OTHER, &decision));
  g_assert_false (decision.tracker);
}

static void
test_without_engine_or_database (void)
{
  g_autoptr(LecternBlocker) blocker = lectern_blocker_new (NULL, NULL);
  LecternDecision decision;

  g_assert_false (decide (blocker, "https://www.google-analytics.com/analytics.js",
                          PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.third_party);
  g_assert_null (decision.tracker_info);
  assert_not_tracker (&decision);
}

/* "Allow on this site": the tracker's requests go through on that site
 * only, whatever its categories; other trackers stay blocked. */
static void
test_allowed_tracker (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char * const allowed[] = { "Google Analytics", "unknown-tracker.example", NULL };
  LecternDecision decision;

  lectern_blocker_set_allowed_trackers (fixture->blocker, "example.com", allowed);

  g_assert_false (decide (fixture->blocker, "https://ssl.google-analytics.com/ga.js",
                          PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_true (decision.tracker);
  g_assert_true (decision.allowed_by_user);
  g_assert_cmpint (decision.category, ==, LECTERN_CATEGORY_PERFORMANCE);

  /* Another tracker of the same category is still blocked. */
  g_assert_true (decide (fixture->blocker, "https://static.hotjar.com/c/hotjar-1.js",
                         PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_false (decision.allowed_by_user);

  /* On another site the same tracker is blocked. */
  g_assert_true (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                         "https://www.example.org/", LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_false (decision.allowed_by_user);

  /* Taken back. */
  lectern_blocker_set_allowed_trackers (fixture->blocker, "example.com", NULL);
  g_assert_true (decide (fixture->blocker, "https://www.google-analytics.com/analytics.js",
                         PAGE_URL, LECTERN_RESOURCE_SCRIPT, &decision));
  g_assert_false (decision.allowed_by_user);

  g_assert_cmpstr (lectern_blocker_tracker_key ("Hotjar", "static.hotjar.com"), ==, "Hotjar");
  g_assert_cmpstr (lectern_blocker_tracker_key (NULL, "t.example"), ==, "t.example");
  g_assert_cmpstr (lectern_blocker_tracker_key ("", "t.example"), ==, "t.example");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD_TEST(path, func) \
  g_test_add ("/lectern/blocker/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_TEST ("analytics-blocked", test_analytics_blocked);
  ADD_TEST ("analytics-allowed", test_analytics_allowed);
  ADD_TEST ("trusted-site", test_trusted_site);
  ADD_TEST ("defaults", test_defaults);
  ADD_TEST ("first-party-css", test_first_party_css);
  ADD_TEST ("first-party-rule", test_first_party_rule);
  ADD_TEST ("exception", test_exception);
  ADD_TEST ("third-party-cdn", test_third_party_cdn);
  ADD_TEST ("necessary-never-blocked", test_necessary_never_blocked);
  ADD_TEST ("known-tracker-without-rule", test_known_tracker_without_rule);
  ADD_TEST ("odd-urls", test_odd_urls);
  ADD_TEST ("allowed-tracker", test_allowed_tracker);

  ADD_TEST ("top-document", test_top_document);
  ADD_TEST ("sends-gpc", test_sends_gpc);

#undef ADD_TEST

  g_test_add_func ("/lectern/blocker/without-engine-or-database", test_without_engine_or_database);

  return g_test_run ();
}
