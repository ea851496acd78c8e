/* test-end-to-end.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-fixture-web.h"
#include "lectern-test-run.h"
#include "lectern-test-utils.h"

/* These tests run the built `lectern` the way users and scripts do, through
 * its command line, against the fixture web in tests/web/. */

#define ARTICLE_URL   "http://www.example-news.com/news/2026/11/city-council-votes/"
#define ARTICLE_SITE  "example-news.com"
#define SLOW_URL      "http://www.example-news.com/slow/"
#define GPC_URL       "http://www.example-news.com/gpc/"
#define GPC_SEEN_URL  "http://www.example-news.com/gpc/seen?frame="
#define MISSING_URL   "http://www.no-such-paper.com/news/"

/* What the article page needs, none of it a tracker: its own files, its
 * CDN libraries and its consent tool (which loads in three steps). The web
 * font is left out: it is fetched only when text is laid out in it. */
static const char * const needed_urls[] = {
  ARTICLE_URL,
  "http://www.example-news.com/static/css/site.css",
  "http://www.example-news.com/static/js/site.js",
  "http://www.example-news.com/static/img/logo.svg",
  "http://www.example-news.com/static/img/mill-street.png",
  "http://www.example-news.com/static/img/byline-dana-whitfield.png",
  "http://www.example-news.com/api/session/set-cookie?name=PHPSESSID&value=f3a9c1d2e8b74a6c9d0e1f2a3b4c5d6e",
  "http://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js",
  "http://fonts.googleapis.com/css2?family=Source+Serif+4:wght@400;700&display=swap",
  "http://cdn.cookielaw.org/scripttemplates/otSDKStub.js",
  "http://cdn.cookielaw.org/consent/0190a7c2-6b1e-7d3a-9f4e-5c2b8a1d3e6f/0190a7c2-6b1e-7d3a-9f4e-5c2b8a1d3e6f.json",
  "http://cdn.cookielaw.org/scripttemplates/202410.1.0/otBannerSdk.js",
};

/* The page's trackers that a filter list blocks and whose category is off
 * by default, with that category (tests/web/README.md says which rule and
 * which tracker database entry). The tag manager is not here: EasyPrivacy
 * blocks it but the tracker database counts it as essential, so either
 * outcome can be argued. The X widget has no list rule: it is a tracker
 * through the tracker database alone. */
static const struct
{
  const char *url;
  const char *category;
} known_trackers[] = {
  { "http://www.google-analytics.com/analytics.js", "performance" },
  { "http://static.hotjar.com/c/hotjar-3141592.js?sv=6", "performance" },
  { "http://sb.scorecardresearch.com/beacon.js", "performance" },
  { "http://static.chartbeat.com/js/chartbeat.js", "performance" },
  { "http://securepubads.g.doubleclick.net/tag/js/gpt.js", "targeting" },
  { "http://c.amazon-adsystem.com/aax2/apstag.js", "targeting" },
  { "http://connect.facebook.net/en_US/fbevents.js", "social" },
  { "http://www.facebook.com/tr?id=730281946512837&ev=PageView&noscript=1", "social" },
  { "http://cdn.taboola.com/libtrc/examplenews-network/loader.js", "targeting" },
  { "http://s.pinimg.com/ct/core.js", "social" },
  { "http://www.redditstatic.com/ads/pixel.js", "social" },
  { "http://platform.twitter.com/widgets.js", "social" },
};

static const char * const category_ids[] = {
  "necessary", "functional", "performance", "targeting", "social", "sale",
};

typedef LecternTestRunFixture Fixture;

/* Runs `lectern ARGS…` with the fixture's folder for its XDG homes. */
static void
run_lectern (Fixture            *fixture,
             LecternTestRun     *run,
             const char * const *args)
{
  lectern_test_run_lectern (run, fixture->dir, args);
}

/* `--report URL` as users type it, `--report=FORMAT URL` for another
 * format than JSON. */
static void
run_report (Fixture        *fixture,
            LecternTestRun *run,
            const char     *format,
            const char     *timeout,
            const char     *url)
{
  g_autofree char *report = NULL;

  if (g_str_equal (format, "json"))
    report = g_strdup ("--report");
  else
    report = g_strconcat ("--report=", format, NULL);

  lectern_test_run_page (fixture, run, report, timeout, url);
}

/* One report of the article with the default choices serves every test
 * that only reads it: loading the page is the slow part. It is made on
 * first use, so each test still runs on its own. */
typedef struct
{
  Fixture         fixture;
  LecternTestRun  run;
  JsonNode       *report;
} DefaultReport;

static DefaultReport *default_report;

static DefaultReport *
get_default_report (void)
{
  if (default_report == NULL)
    {
      default_report = g_new0 (DefaultReport, 1);
      lectern_test_run_fixture_set_up (&default_report->fixture, NULL);
      run_report (&default_report->fixture, &default_report->run, "json", "60", ARTICLE_URL);
      g_assert_cmpint (default_report->run.status, ==, 0);
      default_report->report = lectern_test_run_parse_json (&default_report->run);
    }

  return default_report;
}

static void
free_default_report (void)
{
  if (default_report == NULL)
    return;

  lectern_test_run_fixture_tear_down (&default_report->fixture, NULL);
  lectern_test_run_clear (&default_report->run);
  json_node_unref (default_report->report);
  g_clear_pointer (&default_report, g_free);
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    g_error ("'%s' is missing or not an object", name);

  return json_node_get_object (node);
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    g_error ("'%s' is missing or not an array", name);

  return json_node_get_array (node);
}

static void
assert_member_type (JsonObject *object,
                    const char *name,
                    GType       value_type,
                    gboolean    nullable)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    g_error ("Member '%s' is missing", name);
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!nullable)
        g_error ("Member '%s' is null", name);
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != value_type)
    g_error ("Member '%s' is not a %s", name, g_type_name (value_type));
}

static gboolean
is_category_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_ids); i++)
    {
      if (g_strcmp0 (id, category_ids[i]) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Marks the test failed, and says why, unless every needed URL reached the
 * web and none is reported as blocked. */
static void
check_needed_resources_requested (LecternFixtureWeb *web,
                                  JsonArray         *trackers)
{
  for (guint i = 0; i < G_N_ELEMENTS (needed_urls); i++)
    {
      JsonObject *tracker = lectern_test_find_by_member (trackers, "url", needed_urls[i]);

      if (!lectern_fixture_web_was_requested (web, needed_urls[i]))
        g_test_fail_printf ("The page needs %s, which never reached the web", needed_urls[i]);
      else if (tracker != NULL && json_object_get_boolean_member (tracker, "blocked"))
        g_test_fail_printf ("%s is needed by the page but reported as blocked", needed_urls[i]);
    }
}

static void
test_blocked_trackers_never_requested (void)
{
  DefaultReport *defaults = get_default_report ();
  JsonObject *report = json_node_get_object (defaults->report);
  JsonArray *trackers = get_array_member (report, "trackers");
  LecternFixtureWeb *web = defaults->fixture.web;
  gboolean performance = FALSE, targeting = FALSE, social_or_meta = FALSE;
  guint n_blocked = 0;

  for (guint i = 0; i < json_array_get_length (trackers); i++)
    {
      JsonObject *tracker = json_array_get_object_element (trackers, i);
      const char *url = json_object_get_string_member (tracker, "url");
      const char *category = json_object_get_string_member (tracker, "category");

      if (!json_object_get_boolean_member (tracker, "blocked"))
        continue;

      n_blocked++;
      if (lectern_fixture_web_was_requested (web, url))
        {
          g_test_fail_printf ("%s is reported as blocked but reached the web", url);
          return;
        }

      performance |= g_strcmp0 (category, "performance") == 0;
      targeting |= g_strcmp0 (category, "targeting") == 0;
      social_or_meta |= g_strcmp0 (category, "social") == 0;
    }

  g_assert_cmpuint (n_blocked, >=, 6);
  g_assert_true (performance);
  g_assert_true (targeting);
  g_assert_true (social_or_meta);
}

static void
test_known_trackers_blocked (void)
{
  DefaultReport *defaults = get_default_report ();
  JsonObject *report = json_node_get_object (defaults->report);
  JsonArray *trackers = get_array_member (report, "trackers");

  for (guint i = 0; i < G_N_ELEMENTS (known_trackers); i++)
    {
      JsonObject *tracker = lectern_test_find_by_member (trackers, "url", known_trackers[i].url);

      if (tracker == NULL || !json_object_get_boolean_member (tracker, "blocked"))
        {
          g_test_fail_printf ("%s is %s", known_trackers[i].url,
                              tracker == NULL ? "not in the report's trackers" : "not blocked");
          return;
        }
      g_assert_cmpstr (json_object_get_string_member (tracker, "category"), ==, known_trackers[i].category);
      g_assert_false (lectern_fixture_web_was_requested (defaults->fixture.web, known_trackers[i].url));
    }

  g_assert_cmpint (json_object_get_int_member (get_object_member (report, "requests"), "blocked"),
                   >=, G_N_ELEMENTS (known_trackers));
}

static void
test_needed_resources_requested (void)
{
  DefaultReport *defaults = get_default_report ();
  JsonObject *report = json_node_get_object (defaults->report);

  check_needed_resources_requested (defaults->fixture.web, get_array_member (report, "trackers"));
}

static void
test_gpc_header_sent (void)
{
  DefaultReport *defaults = get_default_report ();
  g_autoptr(GPtrArray) requests = lectern_fixture_web_dup_requests (defaults->fixture.web);
  guint n_page = 0;

  /* "sale" is off by default, so every request the page makes says so. */
  for (guint i = 0; i < requests->len; i++)
    {
      LecternFixtureRequest *request = g_ptr_array_index (requests, i);

      if (!g_str_equal (request->host, "www.example-news.com"))
        continue;

      n_page++;
      if (g_strcmp0 (request->sec_gpc, "1") != 0)
        {
          g_test_fail_printf ("%s was sent without Sec-GPC: 1", request->url);
          return;
        }
    }

  g_assert_cmpuint (n_page, >=, 6);
}

/* Sale of personal data refused: page scripts in every frame read
 * navigator.globalPrivacyControl === true, set before they run; allowed,
 * they read nothing. */
static void
test_gpc_in_page (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_auto(LecternTestRun) refused = { 0 };
  g_auto(LecternTestRun) consent = { 0 };
  g_auto(LecternTestRun) allowed = { 0 };
  const char *sale_on[] = { "--data-dir", fixture->data_dir, "--consent", ARTICLE_SITE, "sale=on", NULL };

  run_report (fixture, &refused, "json", "60", GPC_URL);
  g_assert_cmpint (refused.status, ==, 0);
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, GPC_SEEN_URL "top&value=true"));
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, GPC_SEEN_URL "inner&value=true"));

  run_lectern (fixture, &consent, sale_on);
  g_assert_cmpint (consent.status, ==, 0);
  lectern_fixture_web_clear_log (fixture->web);

  run_report (fixture, &allowed, "json", "60", GPC_URL);
  g_assert_cmpint (allowed.status, ==, 0);
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, GPC_SEEN_URL "top&value=undefined"));
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, GPC_SEEN_URL "inner&value=undefined"));
  g_assert_false (lectern_fixture_web_was_requested (fixture->web, GPC_SEEN_URL "top&value=true"));
}

static void
test_report_json_fields (void)
{
  DefaultReport *defaults = get_default_report ();
  JsonObject *report = json_node_get_object (defaults->report);
  JsonObject *consent, *requests;
  JsonArray *trackers, *cookies, *violations;
  JsonNode *cmp, *article;
  gint64 total, third_party, blocked;

  g_assert_cmpint (json_object_get_int_member (report, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (report, "url"), ==, ARTICLE_URL);
  g_assert_cmpstr (json_object_get_string_member (report, "site"), ==, ARTICLE_SITE);
  assert_member_type (report, "title", G_TYPE_STRING, FALSE);
  g_assert_nonnull (strstr (json_object_get_string_member (report, "title"), "Mill Street"));

  /* A new profile: every category but the necessary one is off. */
  consent = get_object_member (report, "consent");
  for (guint i = 0; i < G_N_ELEMENTS (category_ids); i++)
    {
      assert_member_type (consent, category_ids[i], G_TYPE_BOOLEAN, FALSE);
      g_assert_cmpint (json_object_get_boolean_member (consent, category_ids[i]), ==,
                       g_str_equal (category_ids[i], "necessary"));
    }

  requests = get_object_member (report, "requests");
  assert_member_type (requests, "total", G_TYPE_INT64, FALSE);
  assert_member_type (requests, "third_party", G_TYPE_INT64, FALSE);
  assert_member_type (requests, "blocked", G_TYPE_INT64, FALSE);
  total = json_object_get_int_member (requests, "total");
  third_party = json_object_get_int_member (requests, "third_party");
  blocked = json_object_get_int_member (requests, "blocked");
  g_assert_cmpint (blocked, >=, 6);
  g_assert_cmpint (third_party, >=, blocked);
  g_assert_cmpint (total, >, third_party);
  g_assert_cmpint (total, >=, G_N_ELEMENTS (needed_urls) + blocked);

  trackers = get_array_member (report, "trackers");
  g_assert_cmpuint (json_array_get_length (trackers), >=, 6);
  for (guint i = 0; i < json_array_get_length (trackers); i++)
    {
      JsonObject *tracker = json_array_get_object_element (trackers, i);

      assert_member_type (tracker, "url", G_TYPE_STRING, FALSE);
      assert_member_type (tracker, "host", G_TYPE_STRING, FALSE);
      assert_member_type (tracker, "type", G_TYPE_STRING, FALSE);
      assert_member_type (tracker, "name", G_TYPE_STRING, TRUE);
      assert_member_type (tracker, "company", G_TYPE_STRING, TRUE);
      assert_member_type (tracker, "category", G_TYPE_STRING, FALSE);
      assert_member_type (tracker, "rule", G_TYPE_STRING, TRUE);
      assert_member_type (tracker, "blocked", G_TYPE_BOOLEAN, FALSE);
      g_assert_true (is_category_id (json_object_get_string_member (tracker, "category")));
    }

  /* The page's own session cookie is necessary: kept, and no violation. */
  cookies = get_array_member (report, "cookies");
  for (guint i = 0; i < json_array_get_length (cookies); i++)
    {
      JsonObject *cookie = json_array_get_object_element (cookies, i);
      const char *party;

      assert_member_type (cookie, "name", G_TYPE_STRING, FALSE);
      assert_member_type (cookie, "domain", G_TYPE_STRING, FALSE);
      assert_member_type (cookie, "party", G_TYPE_STRING, FALSE);
      assert_member_type (cookie, "category", G_TYPE_STRING, FALSE);
      assert_member_type (cookie, "platform", G_TYPE_STRING, TRUE);
      assert_member_type (cookie, "expires", G_TYPE_STRING, TRUE);
      assert_member_type (cookie, "violation", G_TYPE_BOOLEAN, FALSE);
      assert_member_type (cookie, "removed", G_TYPE_BOOLEAN, FALSE);
      party = json_object_get_string_member (cookie, "party");
      g_assert_true (g_str_equal (party, "first") || g_str_equal (party, "third"));
      g_assert_true (is_category_id (json_object_get_string_member (cookie, "category")));
    }
  {
    JsonObject *session = lectern_test_find_by_member (cookies, "name", "PHPSESSID");

    if (session == NULL)
      {
        g_test_fail_printf ("The page's session cookie PHPSESSID is not in the report");
        return;
      }
    g_assert_cmpstr (json_object_get_string_member (session, "party"), ==, "first");
    g_assert_cmpstr (json_object_get_string_member (session, "category"), ==, "necessary");
    g_assert_false (json_object_get_boolean_member (session, "violation"));
    g_assert_false (json_object_get_boolean_member (session, "removed"));
  }

  cmp = json_object_get_member (report, "cmp");
  g_assert_nonnull (cmp);
  g_assert_true (JSON_NODE_HOLDS_NULL (cmp) || JSON_NODE_HOLDS_OBJECT (cmp));

  violations = get_array_member (report, "violations");
  for (guint i = 0; i < json_array_get_length (violations); i++)
    {
      JsonObject *violation = json_array_get_object_element (violations, i);

      assert_member_type (violation, "kind", G_TYPE_STRING, FALSE);
      assert_member_type (violation, "name", G_TYPE_STRING, FALSE);
      assert_member_type (violation, "category", G_TYPE_STRING, FALSE);
      assert_member_type (violation, "time", G_TYPE_STRING, FALSE);
      get_object_member (violation, "evidence");
    }

  article = json_object_get_member (report, "article");
  g_assert_nonnull (article);
  g_assert_true (JSON_NODE_HOLDS_NULL (article) || JSON_NODE_HOLDS_OBJECT (article));
}

static void
test_consent_allows_performance (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_auto(LecternTestRun) consent_run = { 0 };
  g_auto(LecternTestRun) report_run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  const char *consent_args[] = {
    "--data-dir", fixture->data_dir,
    "--consent", "www.example-news.com", "performance=on",
    NULL,
  };
  JsonObject *report, *analytics, *ads, *pixel, *ga_cookie;
  JsonArray *trackers;

  run_lectern (fixture, &consent_run, consent_args);
  g_assert_cmpint (consent_run.status, ==, 0);
  /* The host is reduced to its site, and the site's choices are printed. */
  g_assert_nonnull (strstr (consent_run.out, ARTICLE_SITE));
  g_assert_null (strstr (consent_run.out, "www." ARTICLE_SITE));
  g_assert_nonnull (strstr (consent_run.out, "performance"));

  run_report (fixture, &report_run, "json", "60", ARTICLE_URL);
  g_assert_cmpint (report_run.status, ==, 0);
  root = lectern_test_run_parse_json (&report_run);
  report = json_node_get_object (root);

  g_assert_true (json_object_get_boolean_member (get_object_member (report, "consent"), "performance"));
  g_assert_false (json_object_get_boolean_member (get_object_member (report, "consent"), "targeting"));

  trackers = get_array_member (report, "trackers");
  analytics = lectern_test_find_by_member (trackers, "url", "http://www.google-analytics.com/analytics.js");
  g_assert_nonnull (analytics);
  g_assert_cmpstr (json_object_get_string_member (analytics, "category"), ==, "performance");
  g_assert_false (json_object_get_boolean_member (analytics, "blocked"));
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, "http://www.google-analytics.com/analytics.js"));
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, "http://static.hotjar.com/c/hotjar-3141592.js?sv=6"));

  /* Advertising is still refused. */
  ads = lectern_test_find_by_member (trackers, "url", "http://securepubads.g.doubleclick.net/tag/js/gpt.js");
  g_assert_nonnull (ads);
  g_assert_true (json_object_get_boolean_member (ads, "blocked"));
  g_assert_cmpuint (lectern_fixture_web_count_requests_to_host (fixture->web, "securepubads.g.doubleclick.net"), ==, 0);
  pixel = lectern_test_find_by_member (trackers, "url", "http://connect.facebook.net/en_US/fbevents.js");
  g_assert_nonnull (pixel);
  g_assert_true (json_object_get_boolean_member (pixel, "blocked"));
  g_assert_cmpuint (lectern_fixture_web_count_requests_to_host (fixture->web, "connect.facebook.net"), ==, 0);

  /* analytics.js ran and set _ga, which the choice now allows. */
  ga_cookie = lectern_test_find_by_member (get_array_member (report, "cookies"), "name", "_ga");
  g_assert_nonnull (ga_cookie);
  g_assert_cmpstr (json_object_get_string_member (ga_cookie, "category"), ==, "performance");
  g_assert_false (json_object_get_boolean_member (ga_cookie, "violation"));
  g_assert_false (json_object_get_boolean_member (ga_cookie, "removed"));

  check_needed_resources_requested (fixture->web, trackers);
}

/* A social widget that no filter list blocks (the fixture's X share
 * button) is blocked because the tracker database files it under social
 * media, which is off; turning social media on lets it load. */
#define SOCIAL_WIDGET_URL "http://platform.twitter.com/widgets.js"

static void
test_social_widget_by_category (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_auto(LecternTestRun) off_run = { 0 };
  g_auto(LecternTestRun) consent_run = { 0 };
  g_auto(LecternTestRun) on_run = { 0 };
  g_autoptr(JsonNode) off_root = NULL;
  g_autoptr(JsonNode) on_root = NULL;
  const char *consent_args[] = {
    "--data-dir", fixture->data_dir, "--consent", ARTICLE_SITE, "social=on", NULL,
  };
  JsonObject *widget;

  run_report (fixture, &off_run, "json", "60", ARTICLE_URL);
  g_assert_cmpint (off_run.status, ==, 0);
  off_root = lectern_test_run_parse_json (&off_run);
  widget = lectern_test_find_by_member (get_array_member (json_node_get_object (off_root), "trackers"), "url", SOCIAL_WIDGET_URL);
  g_assert_nonnull (widget);
  g_assert_true (json_object_get_null_member (widget, "rule"));
  g_assert_cmpstr (json_object_get_string_member (widget, "category"), ==, "social");
  g_assert_cmpstr (json_object_get_string_member (widget, "company"), !=, NULL);
  g_assert_true (json_object_get_boolean_member (widget, "blocked"));
  g_assert_false (lectern_fixture_web_was_requested (fixture->web, SOCIAL_WIDGET_URL));

  run_lectern (fixture, &consent_run, consent_args);
  g_assert_cmpint (consent_run.status, ==, 0);

  run_report (fixture, &on_run, "json", "60", ARTICLE_URL);
  g_assert_cmpint (on_run.status, ==, 0);
  on_root = lectern_test_run_parse_json (&on_run);
  widget = lectern_test_find_by_member (get_array_member (json_node_get_object (on_root), "trackers"), "url", SOCIAL_WIDGET_URL);
  g_assert_nonnull (widget);
  g_assert_cmpstr (json_object_get_string_member (widget, "category"), ==, "social");
  g_assert_false (json_object_get_boolean_member (widget, "blocked"));
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, SOCIAL_WIDGET_URL));
}

static void
test_consent_arguments (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *url_site[] = {
    "--data-dir", fixture->data_dir,
    "--consent", "http://www.example-news.com/news/2026/11/city-council-votes/", "social=on", "targeting=off",
    NULL,
  };
  const char *bad_value[] = { "--data-dir", fixture->data_dir, "--consent", ARTICLE_SITE, "performance=maybe", NULL };
  const char *bad_category[] = { "--data-dir", fixture->data_dir, "--consent", ARTICLE_SITE, "advertising=on", NULL };
  const char *no_category[] = { "--data-dir", fixture->data_dir, "--consent", ARTICLE_SITE, NULL };
  const char *necessary_off[] = { "--data-dir", fixture->data_dir, "--consent", ARTICLE_SITE, "necessary=off", NULL };
  /* A public suffix is every site under it; a name longer than DNS allows is none. */
  const char *public_suffix[] = { "--data-dir", fixture->data_dir, "--consent", "co.uk", "performance=on", NULL };
  g_autofree char *long_name = g_strnfill (100000, 'a');
  const char *too_long[] = { "--data-dir", fixture->data_dir, "--consent", long_name, "performance=on", NULL };
  const char * const *refused[] = { bad_value, bad_category, no_category, necessary_off, public_suffix, too_long };

  {
    g_auto(LecternTestRun) run = { 0 };

    run_lectern (fixture, &run, url_site);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, ARTICLE_SITE));
    g_assert_null (strstr (run.out, "www." ARTICLE_SITE));
    g_assert_null (strstr (run.out, "city-council-votes"));
  }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(LecternTestRun) run = { 0 };

      run_lectern (fixture, &run, refused[i]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (g_strstrip (run.err), !=, "");
      g_assert_cmpuint (strlen (run.err), <, 1000);
      g_assert_cmpstr (run.out, ==, "");
    }
}

/* Options that cannot work are refused at once, each with a message that
 * names what is wrong, before any page is asked for. */
static void
test_bad_options (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *screenshot = g_build_filename (fixture->dir, "no-such-folder", "shot.png", NULL);
  const char *empty_proxy[] = { "--data-dir", fixture->data_dir, "--proxy", "http://", "--article", ARTICLE_URL, NULL };
  const char *empty_data_dir[] = { "--data-dir", "", "--proxy", fixture->proxy, "--article", ARTICLE_URL, NULL };
  const char *missing_folder[] = {
    "--data-dir", fixture->data_dir, "--proxy", fixture->proxy, "--timeout", "30", "--screenshot", screenshot, NULL,
  };
  const struct
  {
    const char * const *args;
    const char         *named;
  } refused[] = {
    { empty_proxy, "http://" },
    { empty_data_dir, "--data-dir" },
    { missing_folder, screenshot },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(LecternTestRun) run = { 0 };

      run_lectern (fixture, &run, refused[i].args);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, refused[i].named));
      g_assert_null (strstr (run.err, "CRITICAL"));
      g_assert_cmpint (run.elapsed_usec, <, 10 * G_USEC_PER_SEC);
    }

  g_assert_false (g_file_test (screenshot, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (lectern_fixture_web_count_requests_to_host (fixture->web, "www.example-news.com"), ==, 0);
}

static void
test_report_text (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };

  run_report (fixture, &run, "text", "60", ARTICLE_URL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, ARTICLE_SITE));
  g_assert_nonnull (strstr (run.out, "Google Analytics"));
  /* Text for people, not JSON. */
  g_assert_false (g_str_has_prefix (g_strchug (run.out), "{"));
}

static void
test_bad_urls (Fixture       *fixture,
               gconstpointer  user_data)
{
  static const char * const bad_urls[] = {
    "javascript:alert(1)",
    "not a url at all ::",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_auto(LecternTestRun) run = { 0 };

      run_report (fixture, &run, "json", "60", bad_urls[i]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (g_strstrip (run.err), !=, "");
      g_assert_cmpstr (g_strstrip (run.out), ==, "");
    }

  {
    g_auto(LecternTestRun) run = { 0 };

    run_report (fixture, &run, "yaml", "60", ARTICLE_URL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (g_strstrip (run.err), !=, "");
  }

  {
    g_auto(LecternTestRun) run = { 0 };

    run_report (fixture, &run, "json", "0", ARTICLE_URL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (g_strstrip (run.err), !=, "");
  }

  /* None of these may have reached the web. */
  g_assert_cmpuint (lectern_fixture_web_count_requests_to_host (fixture->web, "www.example-news.com"), ==, 0);
}

static void
test_http_error (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };

  run_report (fixture, &run, "json", "60", MISSING_URL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "404"));
  g_assert_cmpstr (g_strstrip (run.out), ==, "");
  /* It did go out, through the proxy, and got the 404 there. */
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, MISSING_URL));
}

static void
test_timeout (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };

  /* Long enough for a new profile to start its web process and send the
   * request on a loaded machine, far shorter than the page's answer. */
  run_report (fixture, &run, "json", "8", SLOW_URL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (g_strstrip (run.err), !=, "");
  g_assert_cmpstr (g_strstrip (run.out), ==, "");
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, SLOW_URL));
  /* It gave up at its time-out, well before the fixture's 30-second answer. */
  g_assert_cmpint (run.elapsed_usec, >=, 8 * G_USEC_PER_SEC);
  g_assert_cmpint (run.elapsed_usec, <, 20 * G_USEC_PER_SEC);
}

#define EVIDENCE_BAD_URL   "http://www.quayside-herald.com/bad/"
#define EVIDENCE_GOOD_URL  "http://www.quayside-herald.com/good/"
#define EVIDENCE_SCRIPT    "http://www.quayside-herald.com/js/visit-counter.js"
#define EVIDENCE_RESPONSE  "http://www.quayside-herald.com/stats/set-cookie?name=_gid&value=GA1.2.1357913.1764324000&max-age=86400"

static JsonObject *
find_violation (JsonArray  *violations,
                const char *kind,
                const char *name)
{
  for (guint i = 0; i < json_array_get_length (violations); i++)
    {
      JsonObject *violation = json_array_get_object_element (violations, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (violation, "kind", NULL), kind) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (violation, "name", NULL), name) == 0)
        return violation;
    }

  return NULL;
}

/* A script writing _ga through document.cookie, and a response setting
 * _gid, while performance is refused (the default): each violation names
 * what set the cookie, and when. */
static void
test_violation_evidence (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };
  g_auto(LecternTestRun) receipt_run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) receipt_root = NULL;
  JsonArray *violations;
  JsonObject *violation;
  JsonObject *evidence;

  run_report (fixture, &run, "json", "60", EVIDENCE_BAD_URL);
  g_assert_cmpint (run.status, ==, 0);
  root = lectern_test_run_parse_json (&run);
  violations = get_array_member (json_node_get_object (root), "violations");

  violation = find_violation (violations, "cookie", "_ga");
  g_assert_nonnull (violation);
  g_assert_cmpstr (json_object_get_string_member (violation, "category"), ==, "performance");
  assert_member_type (violation, "time", G_TYPE_STRING, FALSE);
  evidence = get_object_member (violation, "evidence");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "document.cookie");
  g_assert_cmpstr (json_object_get_string_member (evidence, "by"), ==, EVIDENCE_SCRIPT);

  violation = find_violation (violations, "cookie", "_gid");
  g_assert_nonnull (violation);
  g_assert_cmpstr (json_object_get_string_member (violation, "category"), ==, "performance");
  assert_member_type (violation, "time", G_TYPE_STRING, FALSE);
  evidence = get_object_member (violation, "evidence");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "set-cookie");
  g_assert_cmpstr (json_object_get_string_member (evidence, "by"), ==, EVIDENCE_RESPONSE);

  /* The receipt of the same page lists the same violations. */
  {
    const char *args[] = {
      "--data-dir", fixture->data_dir, "--proxy", fixture->proxy, "--timeout", "60",
      "--receipt", EVIDENCE_BAD_URL, NULL,
    };
    JsonObject *receipt;

    run_lectern (fixture, &receipt_run, args);
    g_assert_cmpint (receipt_run.status, ==, 0);
    receipt_root = lectern_test_run_parse_json (&receipt_run);
    receipt = json_node_get_object (receipt_root);
    g_assert_cmpstr (json_object_get_string_member (receipt, "site"), ==, "quayside-herald.com");
    g_assert_false (json_object_get_boolean_member (get_object_member (receipt, "choices"), "performance"));
    violations = get_array_member (receipt, "violations");
    g_assert_nonnull (find_violation (violations, "cookie", "_ga"));
    g_assert_nonnull (find_violation (violations, "cookie", "_gid"));
  }
}

/* Runs `--report=json --timeout 20 URL`, which must end in time, with a
 * report; returns the report's violations, which @root holds. */
static JsonArray *
report_violations (Fixture         *fixture,
                   LecternTestRun  *run,
                   JsonNode       **root,
                   const char      *url)
{
  run_report (fixture, run, "json", "20", url);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpint (run->elapsed_usec, <, 20 * G_USEC_PER_SEC);
  *root = lectern_test_run_parse_json (run);

  return get_array_member (json_node_get_object (*root), "violations");
}

/* Returns: the evidence of the violation of the cookie @name, which must
 * be there */
static JsonObject *
get_cookie_evidence (JsonArray  *violations,
                     const char *name)
{
  JsonObject *violation = find_violation (violations, "cookie", name);

  if (violation == NULL)
    g_error ("No violation of the cookie %s", name);

  return get_object_member (violation, "evidence");
}

#define FORGED_URL    "http://www.fenland-echo.com/news/2026/11/sluice-gates/"
#define FORGED_SCRIPT "http://www.fenland-echo.com/js/forged-writer.js"

/* A page cannot make its evidence lie: a function named like a frame of
 * Meta's pixel is still its own script, and a cookie written in an
 * assignment too long to read is put down to that write, as such, rather
 * than to a response. */
static void
test_forged_evidence (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *violations;
  JsonObject *evidence;

  violations = report_violations (fixture, &run, &root, FORGED_URL);

  evidence = get_cookie_evidence (violations, "_ga");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "document.cookie");
  g_assert_cmpstr (json_object_get_string_member (evidence, "by"), ==, FORGED_SCRIPT);
  g_assert_false (json_object_get_boolean_member (evidence, "too_long"));

  evidence = get_cookie_evidence (violations, "_gid");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "document.cookie");
  assert_member_type (evidence, "by", G_TYPE_STRING, TRUE);
  g_assert_true (json_object_get_null_member (evidence, "by"));
  g_assert_true (json_object_get_boolean_member (evidence, "too_long"));
  g_assert_false (json_object_get_boolean_member (evidence, "inferred"));
}

#define ABUSE_URL      "http://www.brackwater-post.com/news/2026/11/consent-abuse/?case="
#define FLOOD_URL      "http://www.brackwater-post.com/news/2026/11/cookie-flood/"
#define FLOOD_SCRIPT   "http://www.brackwater-post.com/js/cookie-flood.js"
#define DISTRUST       "Not a consent tool Lectern can trust: "

/* Pages whose imitation of a consent tool would keep the web process busy
 * reading it: each run ends in time, and reports the tool as failed; past
 * a bound, as a tool Lectern cannot trust. */
static void
test_consent_abuse (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const struct
  {
    const char *which;
    const char *tool;
    const char *detail;
  } cases[] = {
    { "groups", "onetrust", DISTRUST "it holds more than 256 groups" },
    { "json", "onetrust", DISTRUST "its groups make more than 64 KiB of JSON" },
    { "string", "onetrust", DISTRUST "it holds a string of more than 64 KiB" },
    { "slow", "onetrust", DISTRUST "it took more than 100 ms to read" },
    { "tcf", "tcf", DISTRUST "it called back more than 64 times" },
    /* Nothing to bound: read member by member, neither holds a group. */
    { "cyclic", "onetrust", "OneTrust group 1 has no group id" },
    { "getter", "onetrust", "OneTrust group 1 has no group id" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (ABUSE_URL, cases[i].which, NULL);
      g_auto(LecternTestRun) run = { 0 };
      g_autoptr(JsonNode) root = NULL;
      JsonObject *cmp;

      run_report (fixture, &run, "json", "20", url);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpint (run.elapsed_usec, <, 20 * G_USEC_PER_SEC);
      root = lectern_test_run_parse_json (&run);
      cmp = get_object_member (json_node_get_object (root), "cmp");
      g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, cases[i].tool);
      g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "failed");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (cmp, "detail"), cases[i].detail));
    }
}

/* A page that writes cookies by the thousand: the run ends in time; the
 * same write again is reported once, and past a few hundred different
 * writes only their count is, as evidence of the cookies they may have
 * set. */
static void
test_cookie_flood (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *violations;
  JsonObject *evidence;

  violations = report_violations (fixture, &run, &root, FLOOD_URL);

  evidence = get_cookie_evidence (violations, "_ga");
  g_assert_cmpstr (json_object_get_string_member (evidence, "by"), ==, FLOOD_SCRIPT);
  g_assert_cmpint (json_object_get_int_member (evidence, "writes_dropped"), ==, 0);

  /* Written after thousands of others: not reported by itself. */
  evidence = get_cookie_evidence (violations, "_gid");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "document.cookie");
  g_assert_true (json_object_get_null_member (evidence, "by"));
  g_assert_true (json_object_get_boolean_member (evidence, "inferred"));
  g_assert_cmpint (json_object_get_int_member (evidence, "writes_dropped"), >, 4000);
  g_assert_cmpint (json_object_get_int_member (evidence, "writes_dropped"), <=, 5001);
}

/* A page that writes only a strictly necessary cookie breaks nothing. */
static void
test_well_behaved_no_violation (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };
  g_auto(LecternTestRun) html_run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *cookie;
  const char *args[] = {
    "--data-dir", fixture->data_dir, "--proxy", fixture->proxy, "--timeout", "60",
    "--receipt=html", EVIDENCE_GOOD_URL, NULL,
  };

  run_report (fixture, &run, "json", "60", EVIDENCE_GOOD_URL);
  g_assert_cmpint (run.status, ==, 0);
  root = lectern_test_run_parse_json (&run);

  cookie = lectern_test_find_by_member (get_array_member (json_node_get_object (root), "cookies"), "name", "XSRF-TOKEN");
  g_assert_nonnull (cookie);
  g_assert_cmpstr (json_object_get_string_member (cookie, "category"), ==, "necessary");
  g_assert_false (json_object_get_boolean_member (cookie, "violation"));
  g_assert_cmpuint (json_array_get_length (get_array_member (json_node_get_object (root), "violations")), ==, 0);

  run_lectern (fixture, &html_run, args);
  g_assert_cmpint (html_run.status, ==, 0);
  g_assert_true (g_str_has_prefix (html_run.out, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (html_run.out, "Consent receipt for quayside-herald.com"));
  g_assert_nonnull (strstr (html_run.out, "None seen."));
}

/* The per-site switch to leave the banner alone, set from the command
 * line, is stored and shows in the site's receipt. */
static void
test_consent_leave_banner (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_auto(LecternTestRun) consent_run = { 0 };
  g_auto(LecternTestRun) receipt_run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  const char *consent[] = {
    "--data-dir", fixture->data_dir, "--consent", "quayside-herald.com", "leave-banner=on", NULL,
  };
  const char *receipt[] = {
    "--data-dir", fixture->data_dir, "--proxy", fixture->proxy, "--timeout", "60",
    "--receipt", EVIDENCE_GOOD_URL, NULL,
  };
  JsonObject *choices;

  run_lectern (fixture, &consent_run, consent);
  g_assert_cmpint (consent_run.status, ==, 0);
  g_assert_nonnull (strstr (consent_run.out, "leave-banner: yes\n"));

  run_lectern (fixture, &receipt_run, receipt);
  g_assert_cmpint (receipt_run.status, ==, 0);
  root = lectern_test_run_parse_json (&receipt_run);
  choices = get_object_member (json_node_get_object (root), "choices");
  g_assert_true (json_object_get_boolean_member (choices, "leave_banner"));
  g_assert_false (json_object_get_boolean_member (choices, "performance"));
}

/* Lectern installed without its web process extension: the program,
 * copied out of the build tree, looks for the extension where an
 * installation keeps it, and finds nothing. The page then loads with every
 * tracker, and a report of it would say nothing was blocked: the run
 * fails instead, and says why. */
static void
test_unprotected_report (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *built = lectern_test_dup_lectern_path ();
  g_autofree char *bin = g_build_filename (fixture->dir, "bin", NULL);
  g_autofree char *copy = g_build_filename (bin, "lectern", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (built);
  g_autoptr(GFile) destination = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  g_auto(LecternTestRun) run = { 0 };
  const char *args[] = {
    "--data-dir", fixture->data_dir, "--proxy", fixture->proxy, "--timeout", "20",
    "--report=json", ARTICLE_URL, NULL,
  };

  if (g_file_test (EXTENSIONDIR, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("An installed extension would load: " EXTENSIONDIR " exists");
      return;
    }

  g_assert_cmpint (g_mkdir_with_parents (bin, 0700), ==, 0);
  g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (copy, 0700), ==, 0);

  lectern_test_run_program (&run, fixture->dir, copy, args);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "The page " ARTICLE_URL " was not protected: "
                                     "Lectern’s blocking did not load in its web process\n"));
  g_assert_cmpint (run.elapsed_usec, <, 20 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* No G_TEST_OPTION_ISOLATE_DIRS: it also replaces XDG_DATA_DIRS, where
   * the program under test finds its icons and MIME data. Each run gets its
   * own data folder and XDG homes instead. */
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/end-to-end/blocked-trackers-never-requested", test_blocked_trackers_never_requested);
  g_test_add_func ("/lectern/end-to-end/known-trackers-blocked", test_known_trackers_blocked);
  g_test_add_func ("/lectern/end-to-end/needed-resources-requested", test_needed_resources_requested);
  g_test_add_func ("/lectern/end-to-end/gpc-header-sent", test_gpc_header_sent);
  g_test_add ("/lectern/end-to-end/gpc-in-page", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_gpc_in_page, lectern_test_run_fixture_tear_down);
  g_test_add_func ("/lectern/end-to-end/report-json-fields", test_report_json_fields);
  g_test_add ("/lectern/end-to-end/consent-allows-performance", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_consent_allows_performance, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/social-widget-by-category", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_social_widget_by_category, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/consent-arguments", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_consent_arguments, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/bad-options", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_bad_options, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/report-text", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_report_text, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/bad-urls", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_bad_urls, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/http-error", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_http_error, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/timeout", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_timeout, lectern_test_run_fixture_tear_down);

  g_test_add ("/lectern/end-to-end/violation-evidence", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_violation_evidence, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/forged-evidence", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_forged_evidence, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/consent-abuse", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_consent_abuse, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/cookie-flood", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_cookie_flood, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/well-behaved-no-violation", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_well_behaved_no_violation, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/unprotected-report", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_unprotected_report, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/end-to-end/consent-leave-banner", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_consent_leave_banner, lectern_test_run_fixture_tear_down);

  ret = g_test_run ();

  free_default_report ();

  return ret;
}
