/* test-page-state.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-page-state.h"
#include "lectern-test-utils.h"

#define PAGE_URL "http://www.example-news.com/news/story/"

static LecternRequestRecord *
new_record (const char      *page_url,
            const char      *url,
            const char      *host,
            LecternCategory  category,
            gboolean         tracker,
            gboolean         blocked)
{
  LecternRequestRecord *record = g_new0 (LecternRequestRecord, 1);

  record->page_url = g_strdup (page_url);
  record->url = g_strdup (url);
  record->host = g_strdup (host);
  record->type = g_strdup ("script");
  record->third_party = TRUE;
  record->tracker = tracker;
  record->blocked = blocked;
  record->category = category;

  return record;
}

static gboolean
add (LecternPageState *page,
     const char       *page_url,
     const char       *url,
     LecternCategory   category,
     gboolean          tracker,
     gboolean          blocked)
{
  g_autoptr(LecternRequestRecord) record = NULL;
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  record = new_record (page_url, url, g_uri_get_host (uri), category, tracker, blocked);

  return lectern_page_state_add_request (page, record);
}

static void
count_cb (gpointer  emitter,
          gpointer  argument,
          guint    *count)
{
  (*count)++;
}

/* The page's site comes from its address; a page without a host has
 * none. */
static void
test_site (void)
{
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(LecternPageState) local = lectern_page_state_new ("file:///tmp/story.html", NULL, NULL);
  g_autoptr(LecternPageState) none = lectern_page_state_new (NULL, NULL, NULL);

  g_assert_cmpstr (lectern_page_state_get_url (page), ==, PAGE_URL);
  g_assert_cmpstr (lectern_page_state_get_site (page), ==, "example-news.com");
  g_assert_cmpstr (lectern_page_state_get_site (local), ==, "");
  g_assert_cmpstr (lectern_page_state_get_site (none), ==, "");
  g_assert_null (lectern_page_state_get_url (none));

  /* A message names its page; the fragment does not make another page. */
  g_assert_true (lectern_page_state_is_page (page, PAGE_URL "#comments"));
  g_assert_false (lectern_page_state_is_page (page, "http://www.example-news.com/other/"));
  g_assert_false (lectern_page_state_is_page (none, PAGE_URL));

  g_assert_finalize_object (g_steal_pointer (&page));
  g_assert_finalize_object (g_steal_pointer (&local));
  g_assert_finalize_object (g_steal_pointer (&none));
}

/* Requests are counted once, trackers by category and verdict; one of
 * another page is not this page's. */
static void
test_requests (void)
{
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, NULL, NULL);
  guint n_added = 0;
  guint n_notified = 0;
  guint blocked;
  guint allowed;

  g_signal_connect (page, "request-added", G_CALLBACK (count_cb), &n_added);
  g_signal_connect (page, "notify::n-trackers", G_CALLBACK (count_cb), &n_notified);

  g_assert_true (add (page, PAGE_URL, "http://www.google-analytics.com/analytics.js",
                      LECTERN_CATEGORY_PERFORMANCE, TRUE, TRUE));
  g_assert_true (add (page, PAGE_URL, "http://securepubads.g.doubleclick.net/tag/js/gpt.js",
                      LECTERN_CATEGORY_TARGETING, TRUE, FALSE));
  g_assert_true (add (page, PAGE_URL, "http://www.example-news.com/app.js",
                      LECTERN_CATEGORY_UNKNOWN, FALSE, FALSE));
  /* The same request again (the preload scanner) is one request. */
  g_assert_false (add (page, PAGE_URL, "http://www.google-analytics.com/analytics.js",
                       LECTERN_CATEGORY_PERFORMANCE, TRUE, TRUE));
  /* A late message of the page before. */
  g_assert_false (add (page, "http://www.example-news.com/", "http://tracker.example/t.js",
                       LECTERN_CATEGORY_TARGETING, TRUE, TRUE));
  /* The fragment does not make another page. */
  g_assert_true (add (page, PAGE_URL "#top", "http://c.amazon-adsystem.com/aax2/apstag.js",
                      LECTERN_CATEGORY_TARGETING, TRUE, TRUE));

  g_assert_cmpuint (n_added, ==, 4);
  g_assert_cmpuint (n_notified, ==, 3);
  g_assert_cmpuint (lectern_page_state_get_requests (page)->len, ==, 4);
  g_assert_cmpuint (lectern_page_state_get_n_trackers (page), ==, 3);
  g_assert_cmpuint (lectern_page_state_get_n_blocked (page), ==, 2);

  lectern_page_state_get_category_counts (page, LECTERN_CATEGORY_TARGETING, &blocked, &allowed);
  g_assert_cmpuint (blocked, ==, 1);
  g_assert_cmpuint (allowed, ==, 1);
  lectern_page_state_get_category_counts (page, LECTERN_CATEGORY_SOCIAL, &blocked, &allowed);
  g_assert_cmpuint (blocked + allowed, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&page));
}

/* Categories with a violation first, then by category; within one,
 * violations first, then by name. */
static void
test_cookie_order (void)
{
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  static const char * const expected[] = { "__gads", "_fbp", "PHPSESSID", "_ga", "lang" };
  GPtrArray *cookies;
  guint n = 0;

  g_ptr_array_add (records, lectern_test_new_cookie ("lang", LECTERN_CATEGORY_UNKNOWN, FALSE));
  g_ptr_array_add (records, lectern_test_new_cookie ("_ga", LECTERN_CATEGORY_PERFORMANCE, FALSE));
  g_ptr_array_add (records, lectern_test_new_cookie ("_fbp", LECTERN_CATEGORY_SOCIAL, TRUE));
  g_ptr_array_add (records, lectern_test_new_cookie ("PHPSESSID", LECTERN_CATEGORY_NECESSARY, FALSE));
  g_ptr_array_add (records, lectern_test_new_cookie ("__gads", LECTERN_CATEGORY_TARGETING, TRUE));
  lectern_page_state_set_cookies (page, records);

  cookies = lectern_page_state_get_cookies (page);
  g_assert_cmpuint (cookies->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((LecternCookieRecord *) g_ptr_array_index (cookies, i))->name, ==, expected[i]);

  /* Copies are kept. */
  g_assert_true (g_ptr_array_index (cookies, 0) != g_ptr_array_index (records, 4));
  g_assert_cmpuint (lectern_page_state_get_n_violations (page), ==, 2);
  g_object_get (page, "n-cookies", &n, NULL);
  g_assert_cmpuint (n, ==, 5);

  g_assert_finalize_object (g_steal_pointer (&page));
}

/* The page's consent tool: one notify per change, none for the same
 * outcome again, a copy kept; the report carries it. */
static void
test_cmp_outcome (void)
{
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("cookiebot", "submit-custom-consent");
  g_autoptr(LecternCmpOutcome) same = NULL;
  g_autoptr(LecternPageReport) report = NULL;
  LecternCmpOutcome *property = NULL;
  guint count = 0;

  g_signal_connect (page, "notify::cmp-outcome", G_CALLBACK (count_cb), &count);
  g_assert_null (lectern_page_state_get_cmp_outcome (page));

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_page_state_set_cmp_outcome (page, outcome);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (lectern_page_state_get_cmp_outcome (page) != outcome);
  g_assert_true (lectern_cmp_outcome_equal (lectern_page_state_get_cmp_outcome (page), outcome));

  same = lectern_cmp_outcome_copy (outcome);
  lectern_page_state_set_cmp_outcome (page, same);
  g_assert_cmpuint (count, ==, 1);

  g_object_get (page, "cmp-outcome", &property, NULL);
  g_assert_true (lectern_cmp_outcome_equal (property, outcome));
  lectern_cmp_outcome_free (property);

  report = lectern_page_state_build_report (page);
  g_assert_true (lectern_cmp_outcome_equal (lectern_page_report_get_cmp (report), outcome));

  lectern_consent_record_add (&same->recorded, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_page_state_set_cmp_outcome (page, same);
  g_assert_cmpuint (count, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&page));
}

/* What a TCF tool holds, read from its TC string, and what autoconsent
 * did with its banner make one outcome, whichever comes first; OneTrust
 * speaks for itself. */
static void
test_tc_string (void)
{
  g_autoptr(LecternPageState) first = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(LecternPageState) later = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(LecternPageState) onetrust = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(LecternCmpOutcome) tcf = lectern_cmp_outcome_new ("tcf", "read-only");
  g_autoptr(LecternCmpOutcome) acted = lectern_cmp_outcome_new ("quantcast", "opt-out");
  g_autoptr(LecternCmpOutcome) own = lectern_cmp_outcome_new ("onetrust", "consent-cookie");
  const LecternCmpOutcome *shown;
  gboolean granted;

  lectern_consent_record_add (&tcf->recorded, LECTERN_CATEGORY_TARGETING, FALSE);

  /* The TC string alone stands for the tool. */
  lectern_page_state_set_cmp_outcome (first, tcf);
  g_assert_cmpstr (lectern_page_state_get_cmp_outcome (first)->name, ==, "tcf");
  lectern_page_state_set_cmp_outcome (first, acted);
  shown = lectern_page_state_get_cmp_outcome (first);
  g_assert_cmpstr (shown->name, ==, "quantcast");
  g_assert_cmpstr (shown->action, ==, "opt-out");
  g_assert_true (lectern_consent_record_lookup (&shown->recorded, LECTERN_CATEGORY_TARGETING, &granted));
  g_assert_false (granted);

  /* The other way round, the same. */
  lectern_page_state_set_cmp_outcome (later, acted);
  lectern_page_state_set_cmp_outcome (later, tcf);
  g_assert_true (lectern_cmp_outcome_equal (lectern_page_state_get_cmp_outcome (later), shown));

  lectern_page_state_set_cmp_outcome (onetrust, own);
  lectern_page_state_set_cmp_outcome (onetrust, tcf);
  g_assert_true (lectern_cmp_outcome_equal (lectern_page_state_get_cmp_outcome (onetrust), own));

  g_assert_finalize_object (g_steal_pointer (&first));
  g_assert_finalize_object (g_steal_pointer (&later));
  g_assert_finalize_object (g_steal_pointer (&onetrust));
}

/* Every violation of the page with its evidence: violating cookies
 * joined with the writes caught, and the consent tool's refused-but-
 * granted categories; "n-all-violations" notified on change only; the
 * report gets the evidence. */
static void
test_violations (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example-news.com");
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, choices, NULL);
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("tcf", "read-only");
  g_autoptr(LecternCookieEvidence) write = NULL;
  g_autoptr(LecternCookieEvidence) response = NULL;
  g_autoptr(GPtrArray) cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  g_autoptr(LecternPageReport) report = NULL;
  g_autoptr(GPtrArray) reported = NULL;
  const LecternViolation *violation;
  GPtrArray *violations;
  guint count = 0;
  guint n = 0;

  g_signal_connect (page, "notify::n-all-violations", G_CALLBACK (count_cb), &count);
  g_assert_cmpuint (lectern_page_state_get_violations (page)->len, ==, 0);

  write = lectern_cookie_evidence_new ("_ga", "www.example-news.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE,
                                       "http://www.example-news.com/ga.js", NULL);
  lectern_page_state_add_cookie_evidence (page, write);
  lectern_page_state_add_cookie_evidence (page, write);
  g_assert_cmpuint (count, ==, 0);

  /* A name-less response changes no count. */
  response = lectern_cookie_evidence_new (NULL, "www.example-news.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                          "http://www.example-news.com/", NULL);
  lectern_page_state_add_cookie_evidence (page, response);
  g_assert_cmpuint (count, ==, 0);

  g_ptr_array_add (cookies, lectern_test_new_cookie ("_ga", LECTERN_CATEGORY_PERFORMANCE, TRUE));
  g_ptr_array_add (cookies, lectern_test_new_cookie ("lang", LECTERN_CATEGORY_NECESSARY, FALSE));
  lectern_page_state_set_cookies (page, cookies);
  g_assert_cmpuint (count, ==, 1);

  violations = lectern_page_state_get_violations (page);
  g_assert_cmpuint (violations->len, ==, 1);
  violation = g_ptr_array_index (violations, 0);
  g_assert_cmpstr (violation->name, ==, "_ga");
  g_assert_cmpstr (violation->via, ==, "document.cookie");
  g_assert_cmpstr (violation->by, ==, "http://www.example-news.com/ga.js");

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_page_state_set_cmp_outcome (page, outcome);
  g_assert_cmpuint (count, ==, 2);
  g_object_get (page, "n-all-violations", &n, NULL);
  g_assert_cmpuint (n, ==, 2);

  report = lectern_page_state_build_report (page);
  reported = lectern_page_report_dup_violations (report);
  g_assert_cmpuint (reported->len, ==, 2);
  violation = g_ptr_array_index (reported, 0);
  g_assert_cmpstr (violation->by, ==, "http://www.example-news.com/ga.js");
  violation = g_ptr_array_index (reported, 1);
  g_assert_cmpint (violation->kind, ==, LECTERN_VIOLATION_CMP);

  /* With targeting allowed the tool's record breaks nothing any more;
   * the cookie's flag is the enforcer's to change. */
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_page_state_set_choices (page, choices);
  g_assert_cmpuint (lectern_page_state_get_violations (page)->len, ==, 1);

  g_assert_finalize_object (g_steal_pointer (&page));
}

/* The choices and the trackers allowed on the site: notified on change
 * only. */
static void
test_choices (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example-news.com");
  const char * const allowed[] = { "Google Analytics", NULL };
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, choices, allowed);
  g_autoptr(LecternSiteChoices) same = lectern_site_choices_copy (choices);
  guint count = 0;

  g_assert_true (lectern_page_state_get_tracker_allowed (page, "Google Analytics"));
  g_assert_false (lectern_page_state_get_tracker_allowed (page, "Google Marketing"));
  g_assert_false (lectern_page_state_get_tracker_allowed (page, NULL));

  g_signal_connect (page, "notify::choices", G_CALLBACK (count_cb), &count);
  lectern_page_state_set_choices (page, same);
  g_assert_cmpuint (count, ==, 0);

  lectern_site_choices_set_allowed (same, LECTERN_CATEGORY_SOCIAL, TRUE);
  lectern_page_state_set_choices (page, same);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (lectern_site_choices_get_allowed (lectern_page_state_get_choices (page), LECTERN_CATEGORY_SOCIAL));

  lectern_page_state_set_allowed_trackers (page, NULL);
  g_assert_false (lectern_page_state_get_tracker_allowed (page, "Google Analytics"));

  g_assert_finalize_object (g_steal_pointer (&page));
}

/* Whether the web process extension spoke for the page, and whether it
 * finished loading: each told once, never taken back. */
static void
test_protected (void)
{
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, NULL, NULL);
  gboolean value = TRUE;
  guint n_protected = 0;
  guint n_loaded = 0;

  g_signal_connect (page, "notify::protected", G_CALLBACK (count_cb), &n_protected);
  g_signal_connect (page, "notify::loaded", G_CALLBACK (count_cb), &n_loaded);
  g_assert_false (lectern_page_state_get_protected (page));
  g_assert_false (lectern_page_state_get_loaded (page));

  lectern_page_state_set_loaded (page);
  lectern_page_state_set_loaded (page);
  g_assert_cmpuint (n_loaded, ==, 1);
  g_object_get (page, "loaded", &value, NULL);
  g_assert_true (value);
  g_object_get (page, "protected", &value, NULL);
  g_assert_false (value);

  lectern_page_state_set_protected (page);
  lectern_page_state_set_protected (page);
  g_assert_cmpuint (n_protected, ==, 1);
  g_object_get (page, "protected", &value, NULL);
  g_assert_true (value);
  g_assert_true (lectern_page_state_get_loaded (page));

  g_assert_finalize_object (g_steal_pointer (&page));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/page-state/site", test_site);
  g_test_add_func ("/lectern/page-state/requests", test_requests);
  g_test_add_func ("/lectern/page-state/cookie-order", test_cookie_order);
  g_test_add_func ("/lectern/page-state/cmp-outcome", test_cmp_outcome);
  g_test_add_func ("/lectern/page-state/tc-string", test_tc_string);
  g_test_add_func ("/lectern/page-state/violations", test_violations);
  g_test_add_func ("/lectern/page-state/choices", test_choices);
  g_test_add_func ("/lectern/page-state/protected", test_protected);

  return g_test_run ();
}
