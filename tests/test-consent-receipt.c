/* test-consent-receipt.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-consent-receipt.h"

#define PAGE_URL "http://www.example.com/news/story/"

/* A page whose OneTrust records targeting as granted against the
 * reader's choice, and whose script wrote a cookie named to attack the
 * receipt's HTML. */
static LecternPageReport *
new_report (void)
{
  LecternPageReport *report = lectern_page_report_new (PAGE_URL);
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("onetrust", "consent-cookie");
  g_autoptr(LecternCookieEvidence) evidence = NULL;
  LecternCookieRecord *cookie = lectern_cookie_record_new ();

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
  lectern_site_choices_set_leave_banner (choices, TRUE);
  lectern_page_report_set_choices (report, choices);

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  outcome->detail = g_strdup ("groups=C0001:1,C0004:1 <b>bold</b>");
  outcome->applied = g_date_time_new_utc (2026, 11, 28, 10, 0, 1);
  lectern_page_report_set_cmp (report, outcome);

  cookie->name = g_strdup ("<script>alert(1)</script>");
  cookie->domain = g_strdup ("www.example.com");
  cookie->category = LECTERN_CATEGORY_PERFORMANCE;
  cookie->violation = TRUE;
  lectern_page_report_take_cookie (report, cookie);

  evidence = lectern_cookie_evidence_new ("<script>alert(1)</script>", "www.example.com",
                                          LECTERN_COOKIE_VIA_DOCUMENT_COOKIE,
                                          "http://www.example.com/a.js?x=\"><img src=x onerror=alert(2)>",
                                          outcome->applied);
  lectern_page_report_add_evidence (report, evidence);

  return report;
}

static void
test_json (void)
{
  g_autoptr(LecternPageReport) report = new_report ();
  g_autoptr(GDateTime) issued = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  g_autoptr(LecternConsentReceipt) receipt = lectern_consent_receipt_new_from_report (report, issued);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = lectern_consent_receipt_to_json (receipt);
  JsonObject *root;
  JsonObject *choices;
  JsonObject *cmp;
  JsonObject *recorded;
  JsonArray *violations;
  JsonObject *violation;

  g_assert_cmpuint (lectern_consent_receipt_get_n_violations (receipt), ==, 2);

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "site"), ==, "example.com");
  g_assert_cmpstr (json_object_get_string_member (root, "url"), ==, PAGE_URL);
  g_assert_cmpstr (json_object_get_string_member (root, "issued"), ==, "2026-11-28T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (root, "applied"), ==, "2026-11-28T10:00:01Z");

  choices = json_object_get_object_member (root, "choices");
  g_assert_true (json_object_get_boolean_member (choices, "necessary"));
  g_assert_true (json_object_get_boolean_member (choices, "functional"));
  g_assert_false (json_object_get_boolean_member (choices, "targeting"));
  g_assert_false (json_object_get_boolean_member (choices, "trusted"));
  g_assert_true (json_object_get_boolean_member (choices, "leave_banner"));

  cmp = json_object_get_object_member (root, "cmp");
  g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, "onetrust");
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "consent-cookie");
  recorded = json_object_get_object_member (cmp, "recorded");
  g_assert_cmpuint (json_object_get_size (recorded), ==, 2);
  g_assert_false (json_object_get_boolean_member (recorded, "performance"));
  g_assert_true (json_object_get_boolean_member (recorded, "targeting"));

  violations = json_object_get_array_member (root, "violations");
  g_assert_cmpuint (json_array_get_length (violations), ==, 2);
  violation = json_array_get_object_element (violations, 0);
  g_assert_cmpstr (json_object_get_string_member (violation, "kind"), ==, "cookie");
  g_assert_cmpstr (json_object_get_string_member (violation, "name"), ==, "<script>alert(1)</script>");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (violation, "evidence"), "via"),
                   ==, "document.cookie");
  violation = json_array_get_object_element (violations, 1);
  g_assert_cmpstr (json_object_get_string_member (violation, "kind"), ==, "cmp");
  g_assert_cmpstr (json_object_get_string_member (violation, "category"), ==, "targeting");
}

/* Nothing known: nulls and an empty list, not a crash. */
static void
test_json_empty (void)
{
  g_autoptr(LecternPageReport) report = lectern_page_report_new ("about:blank");
  g_autoptr(LecternConsentReceipt) receipt = lectern_consent_receipt_new_from_report (report, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = lectern_consent_receipt_to_json (receipt);
  g_autofree char *html = lectern_consent_receipt_to_html (receipt);
  JsonObject *root;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_null_member (root, "site"));
  g_assert_true (json_object_get_null_member (root, "choices"));
  g_assert_true (json_object_get_null_member (root, "cmp"));
  g_assert_true (json_object_get_null_member (root, "applied"));
  g_assert_false (json_object_get_null_member (root, "issued"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "violations")), ==, 0);

  g_assert_nonnull (strstr (html, "No consent tool was found on the page."));
  g_assert_nonnull (strstr (html, "None seen."));
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

static void
test_html (void)
{
  g_autoptr(LecternPageReport) report = new_report ();
  g_autoptr(GDateTime) issued = g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
  g_autoptr(LecternConsentReceipt) receipt = lectern_consent_receipt_new_from_report (report, issued);
  g_autofree char *html = lectern_consent_receipt_to_html (receipt);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
  g_assert_true (g_utf8_validate (html, -1, NULL));

  /* The page forbids scripts, and the only tags are the receipt's own:
   * what the site named arrives as text. */
  g_assert_nonnull (strstr (html, "default-src 'none'"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "<img"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "x=&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
  g_assert_nonnull (strstr (html, "&lt;b&gt;bold&lt;/b&gt;"));

  g_assert_nonnull (strstr (html, "<title>Consent receipt for example.com</title>"));
  g_assert_nonnull (strstr (html, "2026-11-28T10:00:01Z"));
  g_assert_nonnull (strstr (html, "Lectern leaves the site’s consent banner alone."));
  /* Targeting is recorded as granted although refused: marked. */
  g_assert_cmpuint (count (html, "Granted, although you refused it"), ==, 1);
  g_assert_cmpuint (count (html, "<tr class=\"violation-row\">"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/consent-receipt/json", test_json);
  g_test_add_func ("/lectern/consent-receipt/json-empty", test_json_empty);
  g_test_add_func ("/lectern/consent-receipt/html", test_html);

  return g_test_run ();
}
