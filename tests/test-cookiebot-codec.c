/* test-cookiebot-codec.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookiebot-codec.h"

#include <string.h>

/* A `CookieConsent` cookie as Cookiebot writes it (URL-encoded): only
 * statistics accepted. */
#define STATISTICS_ONLY \
  "%7Bstamp%3A%27cB2JzDqF4UIAVxS3Ag6YPmMbAAvsw%2BWvJHumtHxTETKxkGSSOEJHAg%3D%3D%27%2C" \
  "necessary%3Atrue%2Cpreferences%3Afalse%2Cstatistics%3Atrue%2Cmarketing%3Afalse%2C" \
  "method%3A%27explicit%27%2Cver%3A1%2Cutc%3A1732781842345%2Cregion%3A%27de%27%7D"

static void
assert_record_is (const LecternConsentRecord *record,
                  LecternCategory             category,
                  gboolean                    expected)
{
  gboolean granted;

  g_assert_true (lectern_consent_record_lookup (record, category, &granted));
  g_assert_cmpint (granted, ==, expected);
}

static void
test_cookie (void)
{
  g_autoptr(GError) error = NULL;
  LecternConsentRecord record;

  lectern_consent_record_init (&record);
  g_assert_true (lectern_cookiebot_parse_consent (STATISTICS_ONLY, &record, &error));
  g_assert_no_error (error);

  assert_record_is (&record, LECTERN_CATEGORY_NECESSARY, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_FUNCTIONAL, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_TARGETING, FALSE);
  /* Cookiebot has no switch for these. */
  g_assert_false (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_SOCIAL, NULL));
  g_assert_false (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_SALE, NULL));
}

static void
test_unescaped_and_json (void)
{
  static const char * const values[] = {
    /* Read as it is, spaces and all. */
    "{stamp:'abc==', necessary:true, preferences:true, statistics:false, marketing:true, method:'explicit', ver:1, utc:1732781842345, region:'us-06'}",
    /* JSON.stringify (Cookiebot.consent), the read-back in the page. */
    "{\"stamp\":\"abc\",\"necessary\":true,\"preferences\":true,\"statistics\":false,\"marketing\":true,\"method\":\"explicit\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      LecternConsentRecord record;

      lectern_consent_record_init (&record);
      g_assert_true (lectern_cookiebot_parse_consent (values[i], &record, &error));
      g_assert_no_error (error);
      assert_record_is (&record, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
      assert_record_is (&record, LECTERN_CATEGORY_PERFORMANCE, FALSE);
      assert_record_is (&record, LECTERN_CATEGORY_TARGETING, TRUE);
    }
}

/* Where Cookiebot asks for no consent it writes "-1" and sets everything. */
static void
test_no_consent_required (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(GArray) violations = NULL;
  LecternConsentRecord record;

  lectern_consent_record_init (&record);
  g_assert_true (lectern_cookiebot_parse_consent ("-1", &record, NULL));
  assert_record_is (&record, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_TARGETING, TRUE);

  violations = lectern_consent_record_find_violations (&record, choices);
  g_assert_cmpuint (violations->len, ==, 3);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 0), ==, LECTERN_CATEGORY_FUNCTIONAL);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 1), ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 2), ==, LECTERN_CATEGORY_TARGETING);
}

static void
test_violation (void)
{
  g_autoptr(LecternSiteChoices) obeyed = lectern_site_choices_new ("example.com");
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) one = NULL;
  LecternConsentRecord record;

  lectern_site_choices_set_allowed (obeyed, LECTERN_CATEGORY_PERFORMANCE, TRUE);

  lectern_consent_record_init (&record);
  g_assert_true (lectern_cookiebot_parse_consent (STATISTICS_ONLY, &record, NULL));

  none = lectern_consent_record_find_violations (&record, obeyed);
  g_assert_cmpuint (none->len, ==, 0);

  lectern_site_choices_set_allowed (obeyed, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  one = lectern_consent_record_find_violations (&record, obeyed);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpint (g_array_index (one, LecternCategory, 0), ==, LECTERN_CATEGORY_PERFORMANCE);
}

/* What Lectern submits is what it would read back as obeyed. */
static void
test_submission (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  gboolean preferences = FALSE, statistics = TRUE, marketing = TRUE;
  LecternConsentRecord held;

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_TARGETING, FALSE);
  lectern_cookiebot_build_submission (choices, &preferences, &statistics, &marketing);
  g_assert_true (preferences);
  g_assert_false (statistics);
  g_assert_false (marketing);

  /* Nothing recorded yet: it holds no choice. */
  lectern_consent_record_init (&held);
  g_assert_false (lectern_cookiebot_holds_choices (&held, choices));

  g_assert_true (lectern_cookiebot_parse_consent ("{necessary:true,preferences:true,statistics:false,marketing:false}",
                                                  &held, NULL));
  g_assert_true (lectern_cookiebot_holds_choices (&held, choices));

  /* Cookiebot has no social media switch: that choice changes nothing. */
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_SOCIAL, TRUE);
  g_assert_true (lectern_cookiebot_holds_choices (&held, choices));

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_TARGETING, TRUE);
  g_assert_false (lectern_cookiebot_holds_choices (&held, choices));
}

static void
test_garbage (void)
{
  static const struct
  {
    const char *value;
    const char *message_part;
  } garbage[] = {
    { NULL,                                                                          "in braces" },
    { "",                                                                            "in braces" },
    { "-2",                                                                          "in braces" },
    { "{}",                                                                          "“necessary”" },
    { "{necessary:true,preferences:false,statistics:true}",                          "“marketing”" },
    { "{necessary:true,preferences:false,statistics:true,marketing:1}",              "“marketing” is neither" },
    { "{necessary:true,preferences:'false',statistics:true,marketing:false}",        "“preferences” is neither" },
    { "{necessary:true,preferences:false,statistics:true,marketing:false",           "in braces" },
    { "{necessary:true,preferences:false,statistics:true,marketing:false}x",         "in braces" },
    { "{necessary:true preferences:false,statistics:true,marketing:false}",          "in braces" },
    { "{necessary:true,,preferences:false,statistics:true,marketing:false}",         "in braces" },
    { "{stamp:'open,necessary:true,preferences:false,statistics:true,marketing:false}", "in braces" },
    { "{necessary=true,preferences:false,statistics:true,marketing:false}",          "in braces" },
    { "{necessary:,preferences:false,statistics:true,marketing:false}",              "in braces" },
    { "%7Bnecessary%3Atrue%ZZ",                                                      "in braces" },
    { "%7Bnecessary%3Atrue%00%7D",                                                   "in braces" },
    { "%7B%FF%FE%7D",                                                                "in braces" },
    { "{stamp:{nested:1},necessary:true,preferences:false,statistics:true,marketing:false}", "in braces" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;
      LecternConsentRecord record;

      g_test_message ("%s", garbage[i].value ? garbage[i].value : "(null)");

      /* A refused value leaves the record as it was. */
      lectern_consent_record_init (&record);
      lectern_consent_record_add (&record, LECTERN_CATEGORY_SOCIAL, FALSE);

      g_assert_false (lectern_cookiebot_parse_consent (garbage[i].value, &record, &error));
      g_assert_error (error, LECTERN_COOKIEBOT_ERROR, LECTERN_COOKIEBOT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, garbage[i].message_part));
      g_assert_cmpuint (record.known, ==, 1u << LECTERN_CATEGORY_SOCIAL);
      g_assert_cmpuint (record.granted, ==, 0);
    }
}

/* Every prefix and one-character change of a real value is read or
 * refused with an error: never a crash, never both. */
static void
test_mutations (void)
{
  static const char replacements[] = "{}:,'\"%7Bt \x01\xff";
  g_autofree char *value = g_strdup (STATISTICS_ONLY);
  gsize length = strlen (value);

  for (gsize n = 0; n <= length; n++)
    {
      g_autofree char *prefix = g_strndup (value, n);
      g_autoptr(GError) error = NULL;
      LecternConsentRecord record;
      gboolean ok;

      lectern_consent_record_init (&record);
      ok = lectern_cookiebot_parse_consent (prefix, &record, &error);
      g_assert_true (ok == (error == NULL));
      g_assert_cmpint (ok, ==, n == length);
    }

  for (gsize i = 0; i < length; i++)
    {
      for (gsize j = 0; j < sizeof replacements - 1; j++)
        {
          g_autoptr(GError) error = NULL;
          LecternConsentRecord record;
          char saved = value[i];
          gboolean ok;

          value[i] = replacements[j];
          lectern_consent_record_init (&record);
          ok = lectern_cookiebot_parse_consent (value, &record, &error);
          g_assert_true (ok == (error == NULL));
          value[i] = saved;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/cookiebot-codec/cookie", test_cookie);
  g_test_add_func ("/lectern/cookiebot-codec/submission", test_submission);
  g_test_add_func ("/lectern/cookiebot-codec/unescaped-and-json", test_unescaped_and_json);
  g_test_add_func ("/lectern/cookiebot-codec/no-consent-required", test_no_consent_required);
  g_test_add_func ("/lectern/cookiebot-codec/violation", test_violation);
  g_test_add_func ("/lectern/cookiebot-codec/garbage", test_garbage);
  g_test_add_func ("/lectern/cookiebot-codec/mutations", test_mutations);

  return g_test_run ();
}
