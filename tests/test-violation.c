/* test-violation.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-page-report.h"
#include "lectern-violation.h"

static char *
violation_to_json (const LecternViolation *violation)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  lectern_violation_build_json (violation, builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static void
test_json (void)
{
  g_autoptr(LecternViolation) violation = NULL;
  g_autoptr(LecternViolation) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *copy_json = NULL;

  violation = lectern_violation_new (LECTERN_VIOLATION_COOKIE, "_ga", LECTERN_CATEGORY_PERFORMANCE,
                                     LECTERN_COOKIE_VIA_DOCUMENT_COOKIE);
  violation->by = g_strdup ("http://www.example.com/news/story/");
  violation->domain = g_strdup (".example.com");
  violation->time = g_date_time_new_utc (2026, 11, 28, 10, 0, 2);

  json = violation_to_json (violation);
  g_assert_cmpstr (json, ==,
                   "{\"kind\":\"cookie\",\"name\":\"_ga\",\"category\":\"performance\","
                   "\"evidence\":{\"via\":\"document.cookie\",\"by\":\"http://www.example.com/news/story/\","
                   "\"domain\":\".example.com\",\"inferred\":false,\"too_long\":false,\"writes_dropped\":0},\"time\":\"2026-11-28T10:00:02Z\"}");

  copy = lectern_violation_copy (violation);
  copy_json = violation_to_json (copy);
  g_assert_cmpstr (copy_json, ==, json);
}

static void
test_json_unknowns (void)
{
  g_autoptr(LecternViolation) violation = NULL;
  g_autofree char *json = NULL;

  /* An out-of-range category from elsewhere is held as unknown. */
  violation = lectern_violation_new (LECTERN_VIOLATION_CMP, "onetrust", (LecternCategory) 99,
                                     LECTERN_VIOLATION_VIA_CONSENT_TOOL);
  g_assert_cmpint (violation->category, ==, LECTERN_CATEGORY_UNKNOWN);

  json = violation_to_json (violation);
  g_assert_cmpstr (json, ==,
                   "{\"kind\":\"cmp\",\"name\":\"onetrust\",\"category\":\"unknown\","
                   "\"evidence\":{\"via\":\"consent-tool\",\"by\":null,\"domain\":null,\"inferred\":false,\"too_long\":false,\"writes_dropped\":0},\"time\":null}");
}

static void
test_evidence_matches (void)
{
  g_autoptr(LecternCookieEvidence) evidence = NULL;
  g_autoptr(LecternCookieEvidence) anywhere = NULL;

  evidence = lectern_cookie_evidence_new ("_ga", "WWW.Example.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE,
                                          "http://www.example.com/ga.js", NULL);
  g_assert_cmpstr (evidence->host, ==, "www.example.com");
  g_assert_nonnull (evidence->time);

  g_assert_true (lectern_cookie_evidence_matches (evidence, "_ga", "www.example.com"));
  g_assert_true (lectern_cookie_evidence_matches (evidence, "_ga", ".example.com"));
  g_assert_true (lectern_cookie_evidence_matches (evidence, "_ga", "example.com"));
  g_assert_true (lectern_cookie_evidence_matches (evidence, "_ga", NULL));
  g_assert_false (lectern_cookie_evidence_matches (evidence, "_gid", "www.example.com"));
  g_assert_false (lectern_cookie_evidence_matches (evidence, "_ga", "ample.com"));
  g_assert_false (lectern_cookie_evidence_matches (evidence, "_ga", "shop.example.com"));
  g_assert_false (lectern_cookie_evidence_matches (evidence, "_ga", ".www.example.com.evil"));

  anywhere = lectern_cookie_evidence_new ("_ga", NULL, LECTERN_COOKIE_VIA_DOCUMENT_COOKIE, NULL, NULL);
  g_assert_true (lectern_cookie_evidence_matches (anywhere, "_ga", "example.org"));
}

static void
test_evidence_set_cookie (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);
  g_autoptr(LecternCookieEvidence) evidence = NULL;
  g_autoptr(LecternCookieEvidence) spaced = NULL;

  evidence = lectern_cookie_evidence_new_from_set_cookie ("_ga=GA1.2.3; Path=/; Domain=example.com; Max-Age=60",
                                                          "http://www.example.com/set-cookie?name=_ga", time);
  g_assert_nonnull (evidence);
  g_assert_cmpstr (evidence->name, ==, "_ga");
  g_assert_cmpstr (evidence->host, ==, "www.example.com");
  g_assert_cmpstr (evidence->via, ==, "set-cookie");
  g_assert_cmpstr (evidence->by, ==, "http://www.example.com/set-cookie?name=_ga");
  g_assert_true (g_date_time_equal (evidence->time, time));

  spaced = lectern_cookie_evidence_new_from_set_cookie ("  id = 1", "https://example.com/", NULL);
  g_assert_cmpstr (spaced->name, ==, "id");

  /* No name, no "=" before the attributes, or no host: no evidence. */
  g_assert_null (lectern_cookie_evidence_new_from_set_cookie ("=1; Path=/", "http://example.com/", NULL));
  g_assert_null (lectern_cookie_evidence_new_from_set_cookie ("novalue; a=b", "http://example.com/", NULL));
  g_assert_null (lectern_cookie_evidence_new_from_set_cookie ("", "http://example.com/", NULL));
  g_assert_null (lectern_cookie_evidence_new_from_set_cookie ("a=1", "not a url", NULL));
}

static void
test_evidence_variant (void)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 11, 28, 10, 0, 2);
  g_autoptr(LecternCookieEvidence) evidence = NULL;
  g_autoptr(LecternCookieEvidence) back = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autofree char *long_url = NULL;
  static const char * const hostile[] = {
    "('_ga', 'example.com', 'telepathy', 'http://example.com/a.js', int64 0, false, uint32 0)",
    "('', 'example.com', 'document.cookie', 'http://example.com/a.js', int64 0, false, uint32 0)",
    "('_ga', 'example.com', 'document.cookie', 'javascript:alert(1)', int64 0, false, uint32 0)",
    "('_ga', 'example.com', 'document.cookie', '', int64 -5, false, uint32 0)",
    "('_ga', 'example.com', 'document.cookie', '', int64 9223372036854775807, false, uint32 0)",
    "('_ga', 'example.com', 'document.cookie', '', int64 0, false)",
  };

  evidence = lectern_cookie_evidence_new ("_ga", "www.example.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE,
                                          "http://www.example.com/ga.js", time);
  variant = g_variant_ref_sink (lectern_cookie_evidence_to_variant (evidence));
  g_assert_cmpstr (g_variant_get_type_string (variant), ==, LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE);

  back = lectern_cookie_evidence_new_from_variant (variant);
  g_assert_nonnull (back);
  g_assert_cmpstr (back->name, ==, "_ga");
  g_assert_cmpstr (back->host, ==, "www.example.com");
  g_assert_cmpstr (back->via, ==, "document.cookie");
  g_assert_cmpstr (back->by, ==, "http://www.example.com/ga.js");
  g_assert_true (g_date_time_equal (back->time, time));
  g_assert_false (back->too_long);

  /* A write too long to read may name no cookie, and says so. */
  {
    g_autoptr(GVariant) unread = g_variant_ref_sink (g_variant_new_parsed ("('', 'example.com', 'document.cookie', '', int64 0, true, uint32 0)"));
    g_autoptr(LecternCookieEvidence) too_long = lectern_cookie_evidence_new_from_variant (unread);

    g_assert_nonnull (too_long);
    g_assert_null (too_long->name);
    g_assert_null (too_long->by);
    g_assert_true (too_long->too_long);
  }

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr(GVariant) bad = g_variant_ref_sink (g_variant_new_parsed (hostile[i]));

      g_assert_null (lectern_cookie_evidence_new_from_variant (bad));
    }

  /* A page may hand over a huge script URL: it is cut, not carried whole. */
  long_url = g_strnfill (10000, 'a');
  memcpy (long_url, "http://x/", 9);
  {
    g_autoptr(GVariant) big = g_variant_ref_sink (g_variant_new ("(ssssxbu)", "_ga", "x", "document.cookie",
                                                                 long_url, (gint64) 0, FALSE, 0));
    g_autoptr(LecternCookieEvidence) cut = lectern_cookie_evidence_new_from_variant (big);

    g_assert_nonnull (cut);
    g_assert_cmpuint (strlen (cut->by), <=, 2048);
  }
}

static void
test_cookie_name (void)
{
  static const struct
  {
    const char *assignment;
    const char *name;
  } cases[] = {
    { "_ga=GA1.2.3; path=/; max-age=60", "_ga" },
    { "  spaced = value ", "spaced" },
    { "a=b=c", "a" },
    { "empty=", "empty" },
    { "=value", NULL },
    { "novalue; path=/", NULL },
    { "", NULL },
    { "<script>alert(1)</script>=x", "<script>alert(1)</script>" },
    { "\xff\xfe=x", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = lectern_cookie_evidence_dup_cookie_name (cases[i].assignment);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* A write's writer is the engine's source URL of the writing frame, and
 * only a plain http(s) URL: never a function's name, which the page sets
 * (`fbq.displayName = "fbq@https://connect.facebook.net/…"`), nor a stack
 * as text, where such a name makes a frame of its own. */
static void
test_new_from_write (void)
{
  static const struct
  {
    const char *source_url;
    const char *by;
  } cases[] = {
    { "http://www.example.com/js/ga.js", "http://www.example.com/js/ga.js" },
    { "https://cdn.example.net/lib.js", "https://cdn.example.net/lib.js" },
    { "http://www.example.com/news/", "http://www.example.com/news/" },
    /* What a stack's text shows for a forged name: not a URL. */
    { "fbq@https://connect.facebook.net/en_US/fbevents.js:1:1\nwrite@http://www.example.com/js/w.js:4:19", NULL },
    { "fbq@https://connect.facebook.net/en_US/fbevents.js", NULL },
    { "javascript:void(0)", NULL },
    { "http://", NULL },
    { "", NULL },
    { NULL, NULL },
  };
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 11, 28, 10, 0, 2);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *assignment = "_ga=GA1.2.3; path=/; max-age=60";
      g_autoptr(LecternCookieEvidence) evidence = NULL;

      evidence = lectern_cookie_evidence_new_from_write (assignment, strlen (assignment),
                                                         "http://www.example.com/news/", cases[i].source_url, time);
      g_assert_nonnull (evidence);
      g_assert_cmpstr (evidence->name, ==, "_ga");
      g_assert_cmpstr (evidence->host, ==, "www.example.com");
      g_assert_cmpstr (evidence->via, ==, "document.cookie");
      g_assert_cmpstr (evidence->by, ==, cases[i].by);
      g_assert_false (evidence->too_long);
      g_assert_true (g_date_time_equal (evidence->time, time));
    }

  /* Nothing to say of a write that names no cookie. */
  g_assert_null (lectern_cookie_evidence_new_from_write ("novalue", 7, "http://www.example.com/",
                                                         "http://www.example.com/a.js", NULL));
}

/* An assignment too long to read whole is read from its start: still
 * evidence, of the cookie it names if its start holds the whole name,
 * with no writer, and marked as too long. */
static void
test_new_from_write_too_long (void)
{
  gsize length = LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH + 1000;
  g_autofree char *start = g_strnfill (LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH + 1, 'x');
  g_autoptr(LecternCookieEvidence) named = NULL;
  g_autoptr(LecternCookieEvidence) nameless = NULL;
  g_autoptr(LecternCookieEvidence) at_limit = NULL;

  memcpy (start, "_gid=", 5);
  named = lectern_cookie_evidence_new_from_write (start, length, "http://www.example.com/",
                                                  "http://www.example.com/js/w.js", NULL);
  g_assert_nonnull (named);
  g_assert_cmpstr (named->name, ==, "_gid");
  g_assert_cmpstr (named->host, ==, "www.example.com");
  g_assert_null (named->by);
  g_assert_true (named->too_long);

  /* The name runs past the part read. */
  start[3] = 'x';
  start[4] = 'x';
  nameless = lectern_cookie_evidence_new_from_write (start, length, "http://www.example.com/",
                                                     "http://www.example.com/js/w.js", NULL);
  g_assert_nonnull (nameless);
  g_assert_null (nameless->name);
  g_assert_null (nameless->by);
  g_assert_true (nameless->too_long);

  /* At the limit, an assignment is read whole. */
  start[LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH] = '\0';
  memcpy (start, "_gid=", 5);
  at_limit = lectern_cookie_evidence_new_from_write (start, LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH,
                                                     "http://www.example.com/", "http://www.example.com/js/w.js", NULL);
  g_assert_false (at_limit->too_long);
  g_assert_cmpstr (at_limit->by, ==, "http://www.example.com/js/w.js");
}

static LecternCookieRecord *
new_cookie (const char      *name,
            const char      *domain,
            LecternCategory  category,
            gboolean         violation)
{
  LecternCookieRecord *record = lectern_cookie_record_new ();

  record->name = g_strdup (name);
  record->domain = g_strdup (domain);
  record->category = category;
  record->violation = violation;
  record->seen = g_date_time_new_utc (2026, 11, 28, 10, 0, 9);

  return record;
}

/* Only violating cookies and the tool's refused-but-granted categories
 * count; without choices, a tool's record breaks nothing. */
static void
test_collect (void)
{
  g_autoptr(GPtrArray) cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_evidence_free);
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("tcf", "read-only");
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(GPtrArray) without_choices = NULL;
  const LecternViolation *violation;

  g_ptr_array_add (cookies, new_cookie ("session", "www.example.com", LECTERN_CATEGORY_NECESSARY, FALSE));
  g_ptr_array_add (cookies, new_cookie ("_fbp", ".example.com", LECTERN_CATEGORY_SOCIAL, TRUE));
  g_ptr_array_add (evidence, lectern_cookie_evidence_new ("_fbp", "www.example.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                                          "http://www.example.com/pixel", NULL));
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_PERFORMANCE, FALSE);

  violations = lectern_violation_collect (cookies, evidence, outcome, choices, "http://www.example.com/");
  g_assert_cmpuint (violations->len, ==, 2);

  violation = g_ptr_array_index (violations, 0);
  g_assert_cmpint (violation->kind, ==, LECTERN_VIOLATION_COOKIE);
  g_assert_cmpstr (violation->name, ==, "_fbp");
  g_assert_cmpstr (violation->via, ==, "set-cookie");
  g_assert_cmpstr (violation->by, ==, "http://www.example.com/pixel");
  g_assert_cmpstr (violation->domain, ==, ".example.com");

  violation = g_ptr_array_index (violations, 1);
  g_assert_cmpint (violation->kind, ==, LECTERN_VIOLATION_CMP);
  g_assert_cmpstr (violation->name, ==, "tcf");
  g_assert_cmpint (violation->category, ==, LECTERN_CATEGORY_TARGETING);
  g_assert_null (violation->time);

  without_choices = lectern_violation_collect (cookies, NULL, outcome, NULL, NULL);
  g_assert_cmpuint (without_choices->len, ==, 1);
  violation = g_ptr_array_index (without_choices, 0);
  g_assert_cmpstr (violation->via, ==, "cookie-store");
  g_assert_true (violation->time != NULL);
}

/* A banner left alone: while it awaits the reader, a category its tool
 * grants by default against the choices is a violation; once the reader
 * answered, the tool's record is the reader's own word. */
static void
test_collect_left_alone (void)
{
  g_autoptr(GPtrArray) cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("onetrust", "left-alone");
  g_autoptr(GPtrArray) awaiting = NULL;
  g_autoptr(GPtrArray) answered = NULL;

  lectern_site_choices_set_leave_banner (choices, TRUE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);

  outcome->awaiting = TRUE;
  awaiting = lectern_violation_collect (cookies, NULL, outcome, choices, "http://www.example.com/");
  g_assert_cmpuint (awaiting->len, ==, 1);

  outcome->awaiting = FALSE;
  answered = lectern_violation_collect (cookies, NULL, outcome, choices, "http://www.example.com/");
  g_assert_cmpuint (answered->len, ==, 0);
}

/* No write of the cookie seen: the response of its domain that arrived
 * closest to when it appeared is named, marked as inferred; a response of
 * another domain, or one too far off in time, is not. */
static void
test_collect_inferred (void)
{
  g_autoptr(GPtrArray) cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_evidence_free);
  g_autoptr(GDateTime) page_time = g_date_time_new_utc (2026, 11, 28, 10, 0, 1);
  g_autoptr(GDateTime) pixel_time = g_date_time_new_utc (2026, 11, 28, 10, 0, 8);
  g_autoptr(GDateTime) other_time = g_date_time_new_utc (2026, 11, 28, 10, 0, 9);
  g_autoptr(GDateTime) late_time = g_date_time_new_utc (2026, 11, 28, 10, 0, 30);
  g_autoptr(GPtrArray) violations = NULL;
  const LecternViolation *violation;

  /* new_cookie () makes it appear at 10:00:09. */
  g_ptr_array_add (cookies, new_cookie ("_gid", "www.example.com", LECTERN_CATEGORY_PERFORMANCE, TRUE));
  g_ptr_array_add (evidence, lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                                          "http://www.example.com/", page_time));
  g_ptr_array_add (evidence, lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                                          "http://www.example.com/pixel", pixel_time));
  g_ptr_array_add (evidence, lectern_cookie_evidence_new (NULL, "cdn.example.net", LECTERN_COOKIE_VIA_SET_COOKIE,
                                                          "http://cdn.example.net/lib.js", other_time));
  g_ptr_array_add (evidence, lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                                          "http://www.example.com/late", late_time));

  violations = lectern_violation_collect (cookies, evidence, NULL, NULL, NULL);
  g_assert_cmpuint (violations->len, ==, 1);
  violation = g_ptr_array_index (violations, 0);
  g_assert_cmpstr (violation->via, ==, "set-cookie");
  g_assert_cmpstr (violation->by, ==, "http://www.example.com/pixel");
  g_assert_true (violation->inferred);

  /* A write seen for the cookie wins over any inference. */
  g_ptr_array_add (evidence, lectern_cookie_evidence_new ("_gid", "www.example.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE,
                                                          "http://www.example.com/gid.js", page_time));
  g_clear_pointer (&violations, g_ptr_array_unref);
  violations = lectern_violation_collect (cookies, evidence, NULL, NULL, NULL);
  violation = g_ptr_array_index (violations, 0);
  g_assert_cmpstr (violation->via, ==, "document.cookie");
  g_assert_false (violation->inferred);
}

/* A cookie written in an assignment too long to read is its write's, not
 * a response's: by its name when the start of the assignment held it,
 * else, inferred, the unread write of its domain before it appeared. */
static void
test_collect_too_long (void)
{
  g_autoptr(GPtrArray) cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_evidence_free);
  g_autoptr(GDateTime) write_time = g_date_time_new_utc (2026, 11, 28, 10, 0, 8);
  g_autoptr(LecternCookieEvidence) named = NULL;
  g_autoptr(LecternCookieEvidence) nameless = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  const LecternViolation *violation;

  /* new_cookie () makes them appear at 10:00:09. */
  g_ptr_array_add (cookies, new_cookie ("_ga", "www.example.com", LECTERN_CATEGORY_PERFORMANCE, TRUE));
  g_ptr_array_add (cookies, new_cookie ("_gid", "www.example.com", LECTERN_CATEGORY_PERFORMANCE, TRUE));
  named = lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE, NULL, write_time);
  named->name = g_strdup ("_ga");
  named->too_long = TRUE;
  g_ptr_array_add (evidence, g_steal_pointer (&named));
  nameless = lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE, NULL, write_time);
  nameless->too_long = TRUE;
  g_ptr_array_add (evidence, g_steal_pointer (&nameless));
  /* The response that arrived closest to both. */
  g_ptr_array_add (evidence, lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                                          "http://www.example.com/pixel", write_time));

  violations = lectern_violation_collect (cookies, evidence, NULL, NULL, NULL);
  g_assert_cmpuint (violations->len, ==, 2);

  violation = g_ptr_array_index (violations, 0);
  g_assert_cmpstr (violation->name, ==, "_ga");
  g_assert_cmpstr (violation->via, ==, "document.cookie");
  g_assert_null (violation->by);
  g_assert_true (violation->too_long);
  g_assert_false (violation->inferred);
  g_assert_true (g_date_time_equal (violation->time, write_time));

  violation = g_ptr_array_index (violations, 1);
  g_assert_cmpstr (violation->name, ==, "_gid");
  g_assert_cmpstr (violation->via, ==, "document.cookie");
  g_assert_null (violation->by);
  g_assert_true (violation->too_long);
  g_assert_true (violation->inferred);

  lectern_violation_build_json (violation, builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  g_assert_nonnull (strstr (json, "\"evidence\":{\"via\":\"document.cookie\",\"by\":null,"
                                  "\"domain\":\"www.example.com\",\"inferred\":true,\"too_long\":true,\"writes_dropped\":0}"));
}

/* A page that writes cookies by the thousand has the writes past the
 * first few hundred counted, not reported: the count crosses from the web
 * process as evidence of no name, kept once per host and raised as it
 * grows, and a cookie with no write of its own is put down to them. */
static void
test_writes_dropped (void)
{
  g_autoptr(GPtrArray) cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_evidence_free);
  g_autoptr(GDateTime) first = g_date_time_new_utc (2026, 11, 28, 10, 0, 7);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2026, 11, 28, 10, 0, 8);
  g_autoptr(LecternCookieEvidence) dropped = NULL;
  g_autoptr(LecternCookieEvidence) back = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GPtrArray) violations = NULL;
  const LecternCookieEvidence *kept;
  const LecternViolation *violation;

  dropped = lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE, NULL, first);
  dropped->n_dropped = 1;
  variant = g_variant_ref_sink (lectern_cookie_evidence_to_variant (dropped));
  back = lectern_cookie_evidence_new_from_variant (variant);
  g_assert_nonnull (back);
  g_assert_null (back->name);
  g_assert_cmpuint (back->n_dropped, ==, 1);

  g_assert_true (lectern_cookie_evidence_add_once (evidence, back));
  g_assert_false (lectern_cookie_evidence_add_once (evidence, back));
  g_clear_pointer (&back, lectern_cookie_evidence_free);
  back = lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE, NULL, later);
  back->n_dropped = 4000;
  g_assert_true (lectern_cookie_evidence_add_once (evidence, back));
  g_assert_cmpuint (evidence->len, ==, 1);
  kept = g_ptr_array_index (evidence, 0);
  g_assert_cmpuint (kept->n_dropped, ==, 4000);
  g_assert_true (g_date_time_equal (kept->time, first));
  /* A count lower than the one kept arrived late. */
  back->n_dropped = 3000;
  g_assert_false (lectern_cookie_evidence_add_once (evidence, back));

  /* new_cookie () makes it appear at 10:00:09; the response of its
   * domain arrived closer. */
  g_ptr_array_add (cookies, new_cookie ("_gid", "www.example.com", LECTERN_CATEGORY_PERFORMANCE, TRUE));
  g_ptr_array_add (evidence, lectern_cookie_evidence_new (NULL, "www.example.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                                          "http://www.example.com/pixel", later));
  violations = lectern_violation_collect (cookies, evidence, NULL, NULL, NULL);
  violation = g_ptr_array_index (violations, 0);
  g_assert_cmpstr (violation->via, ==, "document.cookie");
  g_assert_null (violation->by);
  g_assert_true (violation->inferred);
  g_assert_false (violation->too_long);
  g_assert_cmpuint (violation->writes_dropped, ==, 4000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/violation/json", test_json);
  g_test_add_func ("/lectern/violation/json-unknowns", test_json_unknowns);
  g_test_add_func ("/lectern/violation/evidence-matches", test_evidence_matches);
  g_test_add_func ("/lectern/violation/evidence-set-cookie", test_evidence_set_cookie);
  g_test_add_func ("/lectern/violation/evidence-variant", test_evidence_variant);
  g_test_add_func ("/lectern/violation/cookie-name", test_cookie_name);
  g_test_add_func ("/lectern/violation/new-from-write", test_new_from_write);
  g_test_add_func ("/lectern/violation/new-from-write-too-long", test_new_from_write_too_long);
  g_test_add_func ("/lectern/violation/collect", test_collect);
  g_test_add_func ("/lectern/violation/collect-left-alone", test_collect_left_alone);
  g_test_add_func ("/lectern/violation/collect-inferred", test_collect_inferred);
  g_test_add_func ("/lectern/violation/collect-too-long", test_collect_too_long);
  g_test_add_func ("/lectern/violation/writes-dropped", test_writes_dropped);

  return g_test_run ();
}
