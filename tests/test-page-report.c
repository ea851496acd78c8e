/* test-page-report.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-page-report.h"

#define PAGE_URL "http://www.example.com/news/story/"

static LecternRequestRecord *
new_record (const char      *url,
            const char      *type,
            gboolean         third_party,
            gboolean         tracker,
            gboolean         blocked,
            LecternCategory  category,
            const char      *name,
            const char      *company,
            const char      *rule,
            const char      *list)
{
  LecternRequestRecord *record = g_new0 (LecternRequestRecord, 1);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  record->page_url = g_strdup (PAGE_URL);
  record->url = g_strdup (url);
  record->host = g_strdup (g_uri_get_host (uri));
  record->type = g_strdup (type);
  record->type_inferred = TRUE;
  record->third_party = third_party;
  record->tracker = tracker;
  record->blocked = blocked;
  record->category = category;
  record->name = g_strdup (name);
  record->company = g_strdup (company);
  record->rule = g_strdup (rule);
  record->list = g_strdup (list);

  return record;
}

static LecternCookieRecord *
new_cookie (const char      *name,
            const char      *domain,
            gboolean         third_party,
            LecternCategory  category,
            const char      *platform,
            GDateTime       *expires,
            gboolean         violation,
            gboolean         removed,
            GDateTime       *seen)
{
  LecternCookieRecord *cookie = lectern_cookie_record_new ();

  cookie->name = g_strdup (name);
  cookie->domain = g_strdup (domain);
  cookie->third_party = third_party;
  cookie->category = category;
  cookie->platform = g_strdup (platform);
  cookie->expires = expires != NULL ? g_date_time_ref (expires) : NULL;
  cookie->violation = violation;
  cookie->removed = removed;
  cookie->seen = seen != NULL ? g_date_time_ref (seen) : NULL;

  return cookie;
}

/* The page of DESIGN.md's example: three requests (two of them trackers)
 * and two cookies, one of them a violation. */
static LecternPageReport *
new_example_report (void)
{
  LecternPageReport *report = lectern_page_report_new (PAGE_URL);
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternRequestRecord) css = NULL;
  g_autoptr(LecternRequestRecord) ga = NULL;
  g_autoptr(LecternRequestRecord) pixel = NULL;
  g_autoptr(GDateTime) expires = g_date_time_new_utc (2027, 1, 1, 0, 0, 0);
  g_autoptr(GTimeZone) paris = g_time_zone_new_identifier ("+01:00");
  g_autoptr(GDateTime) seen = g_date_time_new (paris, 2026, 11, 28, 11, 0, 2);

  lectern_page_report_set_title (report, "A story");
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
  lectern_page_report_set_choices (report, choices);

  css = new_record ("http://www.example.com/style.css", "stylesheet",
                    FALSE, FALSE, FALSE, LECTERN_CATEGORY_UNKNOWN,
                    NULL, NULL, NULL, NULL);
  ga = new_record ("http://www.google-analytics.com/analytics.js", "script",
                   TRUE, TRUE, TRUE, LECTERN_CATEGORY_PERFORMANCE,
                   "Google Analytics", "Google", "||google-analytics.com^", "easyprivacy");
  pixel = new_record ("http://pixel.example.net/p.gif", "image",
                      TRUE, TRUE, FALSE, LECTERN_CATEGORY_TARGETING,
                      NULL, NULL, "/p.gif^", "easylist");
  lectern_page_report_add_request (report, css);
  lectern_page_report_add_request (report, ga);
  lectern_page_report_add_request (report, pixel);

  lectern_page_report_take_cookie (report,
                                   new_cookie ("_ga", "www.example.com", FALSE,
                                               LECTERN_CATEGORY_PERFORMANCE, "Google Analytics",
                                               expires, TRUE, TRUE, seen));
  lectern_page_report_take_cookie (report,
                                   new_cookie ("session", ".example.com", FALSE,
                                               LECTERN_CATEGORY_NECESSARY, NULL,
                                               NULL, FALSE, FALSE, seen));

  return report;
}

static JsonObject *
parse_report (LecternPageReport  *report,
              JsonParser        **parser_out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = lectern_page_report_to_json (report);
  JsonNode *root;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  *parser_out = g_steal_pointer (&parser);

  return json_node_get_object (root);
}

static void
assert_null_member (JsonObject *object,
                    const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  g_assert_true (json_object_get_null_member (object, name));
}

static void
assert_members (JsonObject         *object,
                const char * const *names)
{
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (json_object_has_member (object, names[i]));
}

static void
test_json_top_level (void)
{
  static const char * const members[] = {
    "version", "complete", "url", "site", "title", "consent", "requests", "trackers",
    "cookies", "cmp", "violations", "article", NULL
  };
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = parse_report (report, &parser);
  JsonObject *requests;

  assert_members (root, members);
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_true (json_object_get_boolean_member (root, "complete"));
  g_assert_cmpstr (json_object_get_string_member (root, "url"), ==, PAGE_URL);
  g_assert_cmpstr (json_object_get_string_member (root, "site"), ==, "example.com");
  g_assert_cmpstr (json_object_get_string_member (root, "title"), ==, "A story");
  assert_null_member (root, "cmp");
  assert_null_member (root, "article");

  requests = json_object_get_object_member (root, "requests");
  g_assert_cmpuint (json_object_get_size (requests), ==, 3);
  g_assert_cmpint (json_object_get_int_member (requests, "total"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (requests, "third_party"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (requests, "blocked"), ==, 1);
  g_assert_cmpuint (lectern_page_report_get_n_requests (report), ==, 3);

  g_assert_cmpstr (lectern_page_report_get_url (report), ==, PAGE_URL);
  g_assert_cmpstr (lectern_page_report_get_site (report), ==, "example.com");
}

static void
test_json_consent (void)
{
  static const char * const members[] = {
    "necessary", "functional", "performance", "targeting", "social", "sale", "trusted",
    "leave_banner", NULL
  };
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = parse_report (report, &parser);
  JsonObject *consent = json_object_get_object_member (root, "consent");

  assert_members (consent, members);
  g_assert_false (json_object_get_boolean_member (consent, "leave_banner"));
  g_assert_true (json_object_get_boolean_member (consent, "necessary"));
  g_assert_true (json_object_get_boolean_member (consent, "functional"));
  g_assert_false (json_object_get_boolean_member (consent, "performance"));
  g_assert_false (json_object_get_boolean_member (consent, "targeting"));
  g_assert_false (json_object_get_boolean_member (consent, "social"));
  g_assert_false (json_object_get_boolean_member (consent, "sale"));
  g_assert_false (json_object_get_boolean_member (consent, "trusted"));
}

static void
test_json_trackers (void)
{
  static const char * const members[] = {
    "url", "host", "type", "name", "company", "category", "rule", "blocked",
    "list", "type_inferred", "third_party", NULL
  };
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = parse_report (report, &parser);
  JsonArray *trackers = json_object_get_array_member (root, "trackers");
  JsonObject *ga, *pixel;

  /* The first-party stylesheet is counted but is no tracker. */
  g_assert_cmpuint (json_array_get_length (trackers), ==, 2);

  ga = json_array_get_object_element (trackers, 0);
  assert_members (ga, members);
  g_assert_cmpstr (json_object_get_string_member (ga, "url"), ==, "http://www.google-analytics.com/analytics.js");
  g_assert_cmpstr (json_object_get_string_member (ga, "host"), ==, "www.google-analytics.com");
  g_assert_cmpstr (json_object_get_string_member (ga, "type"), ==, "script");
  g_assert_cmpstr (json_object_get_string_member (ga, "name"), ==, "Google Analytics");
  g_assert_cmpstr (json_object_get_string_member (ga, "company"), ==, "Google");
  g_assert_cmpstr (json_object_get_string_member (ga, "category"), ==, "performance");
  g_assert_cmpstr (json_object_get_string_member (ga, "rule"), ==, "||google-analytics.com^");
  g_assert_true (json_object_get_boolean_member (ga, "blocked"));
  g_assert_cmpstr (json_object_get_string_member (ga, "list"), ==, "easyprivacy");
  g_assert_true (json_object_get_boolean_member (ga, "type_inferred"));
  g_assert_true (json_object_get_boolean_member (ga, "third_party"));

  pixel = json_array_get_object_element (trackers, 1);
  assert_members (pixel, members);
  g_assert_cmpstr (json_object_get_string_member (pixel, "host"), ==, "pixel.example.net");
  g_assert_cmpstr (json_object_get_string_member (pixel, "type"), ==, "image");
  assert_null_member (pixel, "name");
  assert_null_member (pixel, "company");
  g_assert_cmpstr (json_object_get_string_member (pixel, "category"), ==, "targeting");
  g_assert_false (json_object_get_boolean_member (pixel, "blocked"));
  g_assert_cmpstr (json_object_get_string_member (pixel, "list"), ==, "easylist");
}

static void
test_json_cookies (void)
{
  static const char * const members[] = {
    "name", "domain", "party", "category", "platform", "owner", "retention", "expires", "violation",
    "removed", "allowed", "allowed_tracker", NULL
  };
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = parse_report (report, &parser);
  JsonArray *cookies = json_object_get_array_member (root, "cookies");
  JsonObject *ga, *session;

  g_assert_cmpuint (json_array_get_length (cookies), ==, 2);

  ga = json_array_get_object_element (cookies, 0);
  assert_members (ga, members);
  g_assert_cmpstr (json_object_get_string_member (ga, "name"), ==, "_ga");
  g_assert_cmpstr (json_object_get_string_member (ga, "domain"), ==, "www.example.com");
  g_assert_cmpstr (json_object_get_string_member (ga, "party"), ==, "first");
  g_assert_cmpstr (json_object_get_string_member (ga, "category"), ==, "performance");
  g_assert_cmpstr (json_object_get_string_member (ga, "platform"), ==, "Google Analytics");
  g_assert_cmpstr (json_object_get_string_member (ga, "expires"), ==, "2027-01-01T00:00:00Z");
  g_assert_true (json_object_get_boolean_member (ga, "violation"));
  g_assert_true (json_object_get_boolean_member (ga, "removed"));

  session = json_array_get_object_element (cookies, 1);
  assert_members (session, members);
  g_assert_cmpstr (json_object_get_string_member (session, "name"), ==, "session");
  g_assert_cmpstr (json_object_get_string_member (session, "domain"), ==, ".example.com");
  g_assert_cmpstr (json_object_get_string_member (session, "category"), ==, "necessary");
  assert_null_member (session, "platform");
  assert_null_member (session, "expires");
  g_assert_false (json_object_get_boolean_member (session, "violation"));
  g_assert_false (json_object_get_boolean_member (session, "removed"));
  g_assert_false (json_object_get_boolean_member (session, "allowed"));
  assert_null_member (session, "allowed_tracker");
}

/* A cookie of a tracker the reader allowed on the site: said to be
 * allowed, and by which tracker, in both forms; no violation. */
static void
test_allowed_cookie (void)
{
  g_autoptr(LecternPageReport) report = lectern_page_report_new (PAGE_URL);
  g_autoptr(LecternCookieRecord) copy = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  LecternCookieRecord *ga;
  JsonObject *root;
  JsonObject *cookie;

  ga = new_cookie ("_ga", ".example.com", FALSE, LECTERN_CATEGORY_PERFORMANCE, "Google Analytics",
                   NULL, FALSE, FALSE, NULL);
  ga->allowed_tracker = g_strdup ("Google Analytics");
  copy = lectern_cookie_record_copy (ga);
  g_assert_cmpstr (copy->allowed_tracker, ==, "Google Analytics");
  lectern_page_report_take_cookie (report, ga);

  root = parse_report (report, &parser);
  cookie = json_array_get_object_element (json_object_get_array_member (root, "cookies"), 0);
  g_assert_true (json_object_get_boolean_member (cookie, "allowed"));
  g_assert_cmpstr (json_object_get_string_member (cookie, "allowed_tracker"), ==, "Google Analytics");
  g_assert_false (json_object_get_boolean_member (cookie, "violation"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "violations")), ==, 0);

  text = lectern_page_report_to_text (report);
  g_assert_nonnull (strstr (text, "  _ga  .example.com  performance  Google Analytics  "
                                  "first-party, session, allowed on this site (Google Analytics)\n"));
}

static void
test_json_violations (void)
{
  static const char * const members[] = { "kind", "name", "category", "evidence", "time", NULL };
  static const char * const evidence_members[] = { "domain", "via", "by", "inferred", "too_long", "writes_dropped", NULL };
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = parse_report (report, &parser);
  JsonArray *violations = json_object_get_array_member (root, "violations");
  JsonObject *violation, *evidence;

  g_assert_cmpuint (json_array_get_length (violations), ==, 1);

  violation = json_array_get_object_element (violations, 0);
  assert_members (violation, members);
  g_assert_cmpstr (json_object_get_string_member (violation, "kind"), ==, "cookie");
  g_assert_cmpstr (json_object_get_string_member (violation, "name"), ==, "_ga");
  g_assert_cmpstr (json_object_get_string_member (violation, "category"), ==, "performance");
  /* Seen at 11:00:02 in UTC+1. */
  g_assert_cmpstr (json_object_get_string_member (violation, "time"), ==, "2026-11-28T10:00:02Z");

  evidence = json_object_get_object_member (violation, "evidence");
  assert_members (evidence, evidence_members);
  g_assert_cmpstr (json_object_get_string_member (evidence, "domain"), ==, "www.example.com");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "cookie-store");
  assert_null_member (evidence, "by");
}

/* A caught write of the violating cookie becomes its evidence: the
 * earliest matching one, by name and domain; writes of other cookies or
 * other domains are not. */
static void
test_json_violation_evidence (void)
{
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(GDateTime) early = g_date_time_new_utc (2026, 11, 28, 10, 0, 1);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2026, 11, 28, 10, 0, 5);
  g_autoptr(GDateTime) earlier = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  g_autoptr(LecternCookieEvidence) script = NULL;
  g_autoptr(LecternCookieEvidence) header = NULL;
  g_autoptr(LecternCookieEvidence) elsewhere = NULL;
  g_autoptr(LecternCookieEvidence) other = NULL;
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *violation;
  JsonObject *evidence;
  JsonArray *violations;

  script = lectern_cookie_evidence_new ("_ga", "www.example.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE,
                                        "http://www.example.com/js/ga.js", early);
  header = lectern_cookie_evidence_new ("_ga", "www.example.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                        "http://www.example.com/set", late);
  elsewhere = lectern_cookie_evidence_new ("_ga", "www.example.org", LECTERN_COOKIE_VIA_SET_COOKIE,
                                           "http://www.example.org/set", earlier);
  other = lectern_cookie_evidence_new ("_gid", "www.example.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                       "http://www.example.com/gid", earlier);
  lectern_page_report_add_evidence (report, header);
  lectern_page_report_add_evidence (report, elsewhere);
  lectern_page_report_add_evidence (report, other);
  lectern_page_report_add_evidence (report, script);

  violations = json_object_get_array_member (parse_report (report, &parser), "violations");
  g_assert_cmpuint (json_array_get_length (violations), ==, 1);
  violation = json_array_get_object_element (violations, 0);
  g_assert_cmpstr (json_object_get_string_member (violation, "name"), ==, "_ga");
  g_assert_cmpstr (json_object_get_string_member (violation, "time"), ==, "2026-11-28T10:00:01Z");
  evidence = json_object_get_object_member (violation, "evidence");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "document.cookie");
  g_assert_cmpstr (json_object_get_string_member (evidence, "by"), ==, "http://www.example.com/js/ga.js");
}

/* A consent tool that records a refused category as granted is a "cmp"
 * violation naming the tool and the page; a violation added by hand
 * joins the list unless it is already there. */
static void
test_json_cmp_violation (void)
{
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("cookiebot", "submit-custom-consent");
  g_autoptr(LecternViolation) same = NULL;
  g_autoptr(LecternViolation) extra = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) all = NULL;
  JsonObject *violation;
  JsonObject *evidence;
  JsonArray *violations;

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  outcome->applied = g_date_time_new_utc (2026, 11, 28, 10, 0, 3);
  lectern_page_report_set_cmp (report, outcome);

  same = lectern_violation_new (LECTERN_VIOLATION_CMP, "cookiebot", LECTERN_CATEGORY_TARGETING,
                                LECTERN_VIOLATION_VIA_CONSENT_TOOL);
  extra = lectern_violation_new (LECTERN_VIOLATION_COOKIE, "_fbp", LECTERN_CATEGORY_SOCIAL,
                                 LECTERN_COOKIE_VIA_SET_COOKIE);
  lectern_page_report_add_violation (report, same);
  lectern_page_report_add_violation (report, extra);

  all = lectern_page_report_dup_violations (report);
  g_assert_cmpuint (all->len, ==, 3);

  violations = json_object_get_array_member (parse_report (report, &parser), "violations");
  g_assert_cmpuint (json_array_get_length (violations), ==, 3);
  violation = json_array_get_object_element (violations, 1);
  g_assert_cmpstr (json_object_get_string_member (violation, "kind"), ==, "cmp");
  g_assert_cmpstr (json_object_get_string_member (violation, "name"), ==, "cookiebot");
  /* Functional is allowed in the example: only targeting breaks it. */
  g_assert_cmpstr (json_object_get_string_member (violation, "category"), ==, "targeting");
  g_assert_cmpstr (json_object_get_string_member (violation, "time"), ==, "2026-11-28T10:00:03Z");
  evidence = json_object_get_object_member (violation, "evidence");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "consent-tool");
  g_assert_cmpstr (json_object_get_string_member (evidence, "by"), ==, PAGE_URL);

  violation = json_array_get_object_element (violations, 2);
  g_assert_cmpstr (json_object_get_string_member (violation, "name"), ==, "_fbp");
  assert_null_member (violation, "time");
}

static void
test_json_empty (void)
{
  g_autoptr(LecternPageReport) report = lectern_page_report_new ("not a url");
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root = parse_report (report, &parser);
  JsonObject *requests = json_object_get_object_member (root, "requests");

  g_assert_cmpstr (json_object_get_string_member (root, "url"), ==, "not a url");
  assert_null_member (root, "site");
  assert_null_member (root, "title");
  assert_null_member (root, "consent");
  g_assert_cmpint (json_object_get_int_member (requests, "total"), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "trackers")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "cookies")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "violations")), ==, 0);
  g_assert_null (lectern_page_report_get_site (report));
}

static void
test_json_pretty (void)
{
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autofree char *json = lectern_page_report_to_json (report);

  g_assert_true (g_str_has_prefix (json, "{\n  \"version\" : 1,\n"));
}

static void
test_cookie_seen_twice (void)
{
  g_autoptr(LecternPageReport) report = lectern_page_report_new (PAGE_URL);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2026, 11, 28, 10, 0, 2);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 11, 28, 10, 0, 9);
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonArray *cookies;
  JsonArray *violations;

  lectern_page_report_take_cookie (report,
                                   new_cookie ("_ga", ".example.com", FALSE,
                                               LECTERN_CATEGORY_PERFORMANCE, "Google Analytics",
                                               NULL, TRUE, FALSE, first));
  lectern_page_report_take_cookie (report,
                                   new_cookie ("_gid", ".example.com", FALSE,
                                               LECTERN_CATEGORY_PERFORMANCE, "Google Analytics",
                                               NULL, FALSE, FALSE, first));
  lectern_page_report_take_cookie (report,
                                   new_cookie ("_ga", ".example.com", FALSE,
                                               LECTERN_CATEGORY_PERFORMANCE, "Google Analytics",
                                               NULL, TRUE, TRUE, later));

  root = parse_report (report, &parser);
  cookies = json_object_get_array_member (root, "cookies");
  g_assert_cmpuint (json_array_get_length (cookies), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (cookies, 0), "name"), ==, "_ga");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (cookies, 0), "removed"));

  violations = json_object_get_array_member (root, "violations");
  g_assert_cmpuint (json_array_get_length (violations), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (violations, 0), "time"),
                   ==, "2026-11-28T10:00:02Z");
}

static void
test_text (void)
{
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autofree char *text = lectern_page_report_to_text (report);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_true (g_str_has_suffix (text, "\n"));
  g_assert_cmpstr (lines[0], ==, "Site:     example.com");
  g_assert_cmpstr (lines[1], ==, "Address:  " PAGE_URL);
  g_assert_cmpstr (lines[2], ==, "Title:    A story");
  g_assert_cmpstr (lines[3], ==, "Consent:  necessary on, functional on, performance off, "
                                 "targeting off, social off, sale off; trusted: no");
  g_assert_cmpstr (lines[4], ==, "Requests: 3 in total, 2 third-party, 1 blocked");
  g_assert_cmpstr (lines[5], ==, "");
  g_assert_cmpstr (lines[6], ==, "Trackers: 2");
  g_assert_cmpstr (lines[7], ==, "  blocked  www.google-analytics.com  performance  Google Analytics (Google)  ||google-analytics.com^");
  g_assert_cmpstr (lines[8], ==, "  allowed  pixel.example.net         targeting    -                          /p.gif^");
  g_assert_cmpstr (lines[9], ==, "");
  g_assert_cmpstr (lines[10], ==, "Cookies: 2");
  g_assert_cmpstr (lines[11], ==, "  _ga      www.example.com  performance  Google Analytics  first-party, expires 2027-01-01T00:00:00Z, violation, removed");
  g_assert_cmpstr (lines[12], ==, "  session  .example.com     necessary    -                 first-party, session");
  g_assert_cmpstr (lines[13], ==, "");
  g_assert_cmpstr (lines[14], ==, "Violations: 1");
  g_assert_cmpstr (lines[15], ==, "  cookie  _ga  performance  cookie-store  -  2026-11-28T10:00:02Z");
  g_assert_cmpstr (lines[16], ==, "");
  g_assert_null (lines[17]);
}

static void
test_json_article (void)
{
  static const char * const members[] = { "title", "byline", "words", "reading_minutes", NULL };
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *root;
  JsonObject *article;

  lectern_page_report_set_article (report, "A story", NULL, 742, 3);
  lectern_page_report_set_article (report, "A story", "By A. Writer", 742, 4);
  root = parse_report (report, &parser);
  article = json_object_get_object_member (root, "article");

  assert_members (article, members);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==, "A story");
  g_assert_cmpstr (json_object_get_string_member (article, "byline"), ==, "By A. Writer");
  g_assert_cmpint (json_object_get_int_member (article, "words"), ==, 742);
  g_assert_cmpint (json_object_get_int_member (article, "reading_minutes"), ==, 4);
}

/* "cmp" as DESIGN.md shows it: name, action, and only the categories the
 * tool recorded; then the detail, when Lectern applied the choices, and
 * whether a banner left alone awaits the reader's answer. */
static void
test_json_cmp (void)
{
  static const char * const members[] = { "name", "action", "recorded", "detail", "applied", "awaiting", NULL };
  static const char * const recorded_members[] = { "necessary", "performance", "targeting", NULL };
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("onetrust", "consent-cookie");
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) cleared_parser = NULL;
  JsonObject *cmp;
  JsonObject *recorded;

  g_assert_null (lectern_page_report_get_cmp (report));
  assert_null_member (parse_report (report, &parser), "cmp");
  g_clear_object (&parser);

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_NECESSARY, TRUE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  outcome->detail = g_strdup ("OnetrustActiveGroups ,C0001,C0004,");
  outcome->applied = g_date_time_new_utc (2026, 11, 28, 10, 0, 1);
  lectern_page_report_set_cmp (report, outcome);

  /* A copy: the report does not hold the caller's outcome. */
  g_assert_true (lectern_page_report_get_cmp (report) != outcome);
  g_assert_true (lectern_cmp_outcome_equal (lectern_page_report_get_cmp (report), outcome));

  cmp = json_object_get_object_member (parse_report (report, &parser), "cmp");
  assert_members (cmp, members);
  g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, "onetrust");
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "consent-cookie");
  g_assert_cmpstr (json_object_get_string_member (cmp, "detail"), ==, "OnetrustActiveGroups ,C0001,C0004,");
  g_assert_cmpstr (json_object_get_string_member (cmp, "applied"), ==, "2026-11-28T10:00:01Z");
  g_assert_false (json_object_get_boolean_member (cmp, "awaiting"));
  recorded = json_object_get_object_member (cmp, "recorded");
  assert_members (recorded, recorded_members);
  g_assert_true (json_object_get_boolean_member (recorded, "necessary"));
  g_assert_false (json_object_get_boolean_member (recorded, "performance"));
  g_assert_true (json_object_get_boolean_member (recorded, "targeting"));

  /* Nothing known of the tool any more: null again. */
  lectern_page_report_set_cmp (report, NULL);
  assert_null_member (parse_report (report, &cleared_parser), "cmp");
}

static void
test_text_cmp (void)
{
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("tcf", "read-only");
  g_autoptr(LecternCmpOutcome) nothing = lectern_cmp_outcome_new ("cookiebot", "failed");
  g_autofree char *text = NULL;
  g_autofree char *nothing_text = NULL;
  g_auto(GStrv) lines = NULL;

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_FUNCTIONAL, FALSE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_page_report_set_cmp (report, outcome);
  text = lectern_page_report_to_text (report);
  lines = g_strsplit (text, "\n", -1);

  g_assert_cmpstr (lines[4], ==, "Requests: 3 in total, 2 third-party, 1 blocked");
  g_assert_cmpstr (lines[5], ==, "Tool:     tcf (read-only), recorded functional off, targeting on");
  g_assert_cmpstr (lines[6], ==, "");

  lectern_page_report_set_cmp (report, nothing);
  nothing_text = lectern_page_report_to_text (report);
  g_assert_nonnull (strstr (nothing_text, "\nTool:     cookiebot (failed), recorded nothing\n"));
}

/* A run that ran out of time reports what it saw, and says so. */
static void
test_incomplete (void)
{
  g_autoptr(LecternPageReport) report = new_example_report ();
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *text = NULL;
  JsonObject *root;

  lectern_page_report_set_incomplete (report, "The page did not settle within 5 seconds");

  root = parse_report (report, &parser);
  g_assert_false (json_object_get_boolean_member (root, "complete"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "trackers")), ==, 2);

  text = lectern_page_report_to_text (report);
  g_assert_true (g_str_has_prefix (text, "Incomplete report: The page did not settle within 5 seconds\n"
                                         "Site:     example.com\n"));
}

/* What a page names is printed with its controls escaped: none can
 * retitle, clear or turn around the reader's terminal, nor add a line. */
static void
test_text_escaped (void)
{
  g_autoptr(LecternPageReport) report = lectern_page_report_new ("http://www.example.com/?q=\x1b[2J");
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("\x1b]0;x\x07tool", "read");
  g_autofree char *text = NULL;

  lectern_page_report_set_title (report, "\x1b]0;Owned\x07News\nViolations: 0");
  lectern_page_report_take_cookie (report,
                                   new_cookie ("sid\xe2\x80\xae" "exe.txt", "www.example.com", FALSE,
                                               LECTERN_CATEGORY_NECESSARY, NULL, NULL, FALSE, FALSE, NULL));
  lectern_page_report_set_cmp (report, outcome);
  text = lectern_page_report_to_text (report);

  g_assert_null (strchr (text, '\x1b'));
  g_assert_null (strstr (text, "\xe2\x80\xae"));
  g_assert_nonnull (strstr (text, "\nAddress:  http://www.example.com/?q=\\x1b[2J\n"));
  g_assert_nonnull (strstr (text, "\nTitle:    \\x1b]0;Owned\\x07News\\x0aViolations: 0\n"));
  g_assert_nonnull (strstr (text, "\nTool:     \\x1b]0;x\\x07tool (read)"));
  g_assert_nonnull (strstr (text, "\n  sid\\u202eexe.txt  www.example.com  necessary"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/page-report/json-top-level", test_json_top_level);
  g_test_add_func ("/lectern/page-report/json-consent", test_json_consent);
  g_test_add_func ("/lectern/page-report/json-trackers", test_json_trackers);
  g_test_add_func ("/lectern/page-report/json-cookies", test_json_cookies);
  g_test_add_func ("/lectern/page-report/allowed-cookie", test_allowed_cookie);
  g_test_add_func ("/lectern/page-report/json-violations", test_json_violations);
  g_test_add_func ("/lectern/page-report/json-violation-evidence", test_json_violation_evidence);
  g_test_add_func ("/lectern/page-report/json-cmp-violation", test_json_cmp_violation);
  g_test_add_func ("/lectern/page-report/json-empty", test_json_empty);
  g_test_add_func ("/lectern/page-report/json-pretty", test_json_pretty);
  g_test_add_func ("/lectern/page-report/cookie-seen-twice", test_cookie_seen_twice);
  g_test_add_func ("/lectern/page-report/text", test_text);
  g_test_add_func ("/lectern/page-report/json-article", test_json_article);
  g_test_add_func ("/lectern/page-report/json-cmp", test_json_cmp);
  g_test_add_func ("/lectern/page-report/text-cmp", test_text_cmp);
  g_test_add_func ("/lectern/page-report/incomplete", test_incomplete);
  g_test_add_func ("/lectern/page-report/text-escaped", test_text_escaped);

  return g_test_run ();
}
