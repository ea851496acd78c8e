/* test-request-record.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-request-record.h"

static const LecternTracker google_analytics = {
  .name = "Google Analytics",
  .company = "Google",
  .source_category = "site_analytics",
  .category = LECTERN_CATEGORY_PERFORMANCE,
};

static LecternRequestRecord *
new_tracker_record (void)
{
  LecternRequest request = {
    .url = "https://WWW.Google-Analytics.com:443/analytics.js?v=1",
    .page_url = "https://www.example.com/news/story/",
    .types = LECTERN_RESOURCE_SCRIPT,
    .types_inferred = TRUE,
  };
  LecternDecision decision = {
    .third_party = TRUE,
    .tracker = TRUE,
    .blocked = TRUE,
    .category = LECTERN_CATEGORY_PERFORMANCE,
    .tracker_info = &google_analytics,
    .match = {
      .blocked = TRUE,
      .rule = "||google-analytics.com^",
      .list = LECTERN_FILTER_LIST_EASYPRIVACY,
    },
  };

  return lectern_request_record_new (&request, &decision);
}

static void
assert_records_equal (const LecternRequestRecord *a,
                      const LecternRequestRecord *b)
{
  g_assert_cmpstr (a->page_url, ==, b->page_url);
  g_assert_cmpstr (a->url, ==, b->url);
  g_assert_cmpstr (a->host, ==, b->host);
  g_assert_cmpstr (a->type, ==, b->type);
  g_assert_cmpint (a->type_inferred, ==, b->type_inferred);
  g_assert_cmpint (a->third_party, ==, b->third_party);
  g_assert_cmpint (a->tracker, ==, b->tracker);
  g_assert_cmpint (a->blocked, ==, b->blocked);
  g_assert_cmpint (a->category, ==, b->category);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->company, ==, b->company);
  g_assert_cmpstr (a->rule, ==, b->rule);
  g_assert_cmpstr (a->list, ==, b->list);
}

static void
test_new_tracker (void)
{
  g_autoptr(LecternRequestRecord) record = new_tracker_record ();

  g_assert_cmpstr (record->page_url, ==, "https://www.example.com/news/story/");
  g_assert_cmpstr (record->url, ==, "https://WWW.Google-Analytics.com:443/analytics.js?v=1");
  g_assert_cmpstr (record->host, ==, "www.google-analytics.com");
  g_assert_cmpstr (record->type, ==, "script");
  g_assert_true (record->type_inferred);
  g_assert_true (record->third_party);
  g_assert_true (record->tracker);
  g_assert_true (record->blocked);
  g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpstr (record->name, ==, "Google Analytics");
  g_assert_cmpstr (record->company, ==, "Google");
  g_assert_cmpstr (record->rule, ==, "||google-analytics.com^");
  g_assert_cmpstr (record->list, ==, "easyprivacy");
}

static void
test_new_plain (void)
{
  LecternRequest request = {
    .url = "https://www.example.com/style.css",
    .page_url = "https://www.example.com/",
    .types = LECTERN_RESOURCE_STYLESHEET,
    .types_inferred = FALSE,
  };
  LecternDecision decision = {
    .category = LECTERN_CATEGORY_UNKNOWN,
    .match = { .list = LECTERN_FILTER_LIST_OTHER },
  };
  g_autoptr(LecternRequestRecord) record = lectern_request_record_new (&request, &decision);

  g_assert_cmpstr (record->host, ==, "www.example.com");
  g_assert_cmpstr (record->type, ==, "stylesheet");
  g_assert_false (record->type_inferred);
  g_assert_false (record->third_party);
  g_assert_false (record->tracker);
  g_assert_false (record->blocked);
  g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_UNKNOWN);
  g_assert_null (record->name);
  g_assert_null (record->company);
  g_assert_null (record->rule);
  g_assert_null (record->list);
}

static void
test_copy (void)
{
  g_autoptr(LecternRequestRecord) record = new_tracker_record ();
  g_autoptr(LecternRequestRecord) copy = lectern_request_record_copy (record);
  LecternRequestRecord *boxed;

  g_assert_true (copy->url != record->url);
  assert_records_equal (record, copy);

  boxed = g_boxed_copy (LECTERN_TYPE_REQUEST_RECORD, record);
  assert_records_equal (record, boxed);
  g_boxed_free (LECTERN_TYPE_REQUEST_RECORD, boxed);
}

static void
test_variant_round_trip (void)
{
  g_autoptr(LecternRequestRecord) record = new_tracker_record ();
  g_autoptr(LecternRequestRecord) back = NULL;
  g_autoptr(GVariant) variant = NULL;

  variant = g_variant_ref_sink (lectern_request_record_to_variant (record));
  g_assert_cmpstr (g_variant_get_type_string (variant), ==, LECTERN_REQUEST_RECORD_VARIANT_TYPE);

  back = lectern_request_record_new_from_variant (variant);
  g_assert_nonnull (back);
  assert_records_equal (record, back);
}

static void
test_variant_missing_strings (void)
{
  LecternRequest request = {
    .url = "http://cdn.example.net/lib.js",
    .page_url = "http://www.example.com/",
    .types = LECTERN_RESOURCE_SCRIPT,
  };
  LecternDecision decision = {
    .third_party = TRUE,
    .category = LECTERN_CATEGORY_UNKNOWN,
  };
  g_autoptr(LecternRequestRecord) record = lectern_request_record_new (&request, &decision);
  g_autoptr(LecternRequestRecord) back = NULL;
  g_autoptr(GVariant) variant = NULL;
  const char *name;

  variant = g_variant_ref_sink (lectern_request_record_to_variant (record));

  /* NULL travels as "" and comes back as NULL. */
  g_variant_get_child (variant, 8, "&s", &name);
  g_assert_cmpstr (name, ==, "");

  back = lectern_request_record_new_from_variant (variant);
  g_assert_nonnull (back);
  assert_records_equal (record, back);
  g_assert_null (back->name);
  g_assert_null (back->rule);
}

static GVariant *
new_wire (const char *url,
          const char *category)
{
  return g_variant_ref_sink (g_variant_new ("(sssbbbbsssss)",
                                            "https://www.example.com/", url, "script",
                                            FALSE, TRUE, TRUE, TRUE, category,
                                            "Tracker", "Company", "||t.example^", "easylist"));
}

static void
test_variant_hostile (void)
{
  g_autoptr(GVariant) wrong_type = NULL;
  g_autoptr(GVariant) bad_category = NULL;
  g_autoptr(GVariant) no_host = NULL;
  g_autoptr(GVariant) not_a_url = NULL;
  g_autoptr(GVariant) good = NULL;
  g_autoptr(LecternRequestRecord) record = NULL;

  wrong_type = g_variant_ref_sink (g_variant_new ("(ss)", "a", "b"));
  g_assert_null (lectern_request_record_new_from_variant (wrong_type));

  bad_category = new_wire ("https://t.example/x.js", "telepathy");
  g_assert_null (lectern_request_record_new_from_variant (bad_category));

  no_host = new_wire ("data:text/javascript,alert(1)", "targeting");
  g_assert_null (lectern_request_record_new_from_variant (no_host));

  not_a_url = new_wire ("not a url at all", "targeting");
  g_assert_null (lectern_request_record_new_from_variant (not_a_url));

  /* The host is the URL's, whatever else the sender claims. */
  good = new_wire ("https://T.Example:8080/x.js", "targeting");
  record = lectern_request_record_new_from_variant (good);
  g_assert_nonnull (record);
  g_assert_cmpstr (record->host, ==, "t.example");
  g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpstr (record->list, ==, "easylist");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/request-record/new-tracker", test_new_tracker);
  g_test_add_func ("/lectern/request-record/new-plain", test_new_plain);
  g_test_add_func ("/lectern/request-record/copy", test_copy);
  g_test_add_func ("/lectern/request-record/variant-round-trip", test_variant_round_trip);
  g_test_add_func ("/lectern/request-record/variant-missing-strings", test_variant_missing_strings);
  g_test_add_func ("/lectern/request-record/variant-hostile", test_variant_hostile);

  return g_test_run ();
}
