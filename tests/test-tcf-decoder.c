/* test-tcf-decoder.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-tcf-decoder.h"

#include <string.h>

/* The example of the IAB's `@iabtcf/cli` documentation, printed there as
 * version 2, cmpId 2, cmpVersion 1, consentScreen 2, consentLanguage "EN",
 * created and lastUpdated Mon Dec 09 2019 18:01:46 GMT-0800,
 * policyVersion 2, isServiceSpecific false, useNonStandardStacks false,
 * purposeOneTreatment false, publisherCountryCode "ES",
 * vendorListVersion 7, and no purpose consented to. */
#define IAB_CLI_EXAMPLE "COrVd1pOrVd1pACABCENAHCAAAAAAAAAAAiQAAAAAAAA"

/* A string with the disclosed-vendors and publisher segments after the
 * core one, from the test suite of a Go TC string library. Its core
 * segment, decoded by hand bit by bit: CMP 92, version 1, screen 2, "EN",
 * vendor list 32, purposes 1 to 10 consented, 2 to 10 as legitimate
 * interest, special features 1 and 2, publisher "FR". */
#define MULTI_SEGMENT_EXAMPLE \
  "COxR03kOxR1CqBcABCENAgCMAP_AAH_AAAqIF3EXySoGY2thI2YVFxBEIYwfJxyigMgChgQIsSwNQIeFLBoGLiAAHBGYJAQAGBAEEACBAQIkHGBMCQAAgAgBiRCMQEGMCzNIBIBAggEbY0FACCVmHkHSmZCY7064O__QLuIJEFQMAkSBAIACLECIQwAQDiAAAYAlAAABAhIaAAgIWBQEeAAAACAwAAgAAABBAAACAAQAAICIAAABAAAgAiAQAAAAGgIQAACBABACRIAAAEANCAAgiCEAQg4EAo4AAA" \
  ".IF3EXySoGY2tho2YVFzBEIYwfJxyigMgShgQIsS0NQIeFLBoGPiAAHBGYJAQAGBAkkACBAQIsHGBMCQABgAgRiRCMQEGMDzNIBIBAggkbY0FACCVmnkHS3ZCY70-6u__QA" \
  ".elAAAAAAAWA"

static void
test_iab_cli_example (void)
{
  LecternTcfCore core;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) expected = NULL;

  g_assert_true (lectern_tcf_decode_core (IAB_CLI_EXAMPLE, &core, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (core.version, ==, 2);
  g_assert_cmpuint (core.cmp_id, ==, 2);
  g_assert_cmpuint (core.cmp_version, ==, 1);
  g_assert_cmpuint (core.consent_screen, ==, 2);
  g_assert_cmpstr (core.consent_language, ==, "EN");
  g_assert_cmpuint (core.vendor_list_version, ==, 7);
  g_assert_cmpuint (core.tcf_policy_version, ==, 2);
  g_assert_false (core.is_service_specific);
  g_assert_false (core.use_non_standard_texts);
  g_assert_false (core.purpose_one_treatment);
  g_assert_cmpstr (core.publisher_cc, ==, "ES");
  g_assert_cmpuint (core.purposes_consent, ==, 0);
  g_assert_cmpuint (core.purposes_li_transparency, ==, 0);
  g_assert_cmpuint (core.special_feature_opt_ins, ==, 0);

  /* 18:01:46 at GMT-0800 is 02:01:46 UTC the next day; the string keeps
   * deciseconds, so the half second after it is there too. */
  g_assert_cmpint (core.created, ==, core.last_updated);
  created = g_date_time_new_from_unix_utc (core.created / 10);
  expected = g_date_time_new_utc (2019, 12, 10, 2, 1, 46);
  g_assert_true (g_date_time_equal (created, expected));
  g_assert_cmpint (core.created, ==, G_GINT64_CONSTANT (15759433065));
}

/* A service-specific string, decoded by hand from its sextets: CMP 31
 * version 640 on screen 1, vendor list 126, publisher in Germany, created
 * 2022-04-20T22:00:00Z. */
static void
test_service_specific_example (void)
{
  LecternTcfCore core;
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_tcf_decode_core ("CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA", &core, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (core.cmp_id, ==, 31);
  g_assert_cmpuint (core.cmp_version, ==, 640);
  g_assert_cmpuint (core.consent_screen, ==, 1);
  g_assert_cmpstr (core.consent_language, ==, "EN");
  g_assert_cmpuint (core.vendor_list_version, ==, 126);
  g_assert_cmpuint (core.tcf_policy_version, ==, 2);
  g_assert_true (core.is_service_specific);
  g_assert_cmpstr (core.publisher_cc, ==, "DE");
  g_assert_cmpint (core.created, ==, G_GINT64_CONSTANT (16504920000));
}

static void
test_multi_segment (void)
{
  LecternTcfCore core;
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_tcf_decode_core (MULTI_SEGMENT_EXAMPLE, &core, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (core.cmp_id, ==, 92);
  g_assert_cmpuint (core.cmp_version, ==, 1);
  g_assert_cmpuint (core.vendor_list_version, ==, 32);
  g_assert_cmpstr (core.publisher_cc, ==, "FR");
  g_assert_cmpint (core.last_updated - core.created, ==, 710);

  for (guint purpose = 1; purpose <= LECTERN_TCF_N_PURPOSES; purpose++)
    g_assert_cmpint (lectern_tcf_core_has_purpose_consent (&core, purpose), ==, purpose <= 10);

  g_assert_cmpuint (core.purposes_consent, ==, 0x3ff);
  g_assert_cmpuint (core.purposes_li_transparency, ==, 0x3fe);
  g_assert_cmpuint (core.special_feature_opt_ins, ==, 0x3);

  g_assert_false (lectern_tcf_core_has_purpose_consent (&core, 0));
  g_assert_false (lectern_tcf_core_has_purpose_consent (&core, 25));
}

/* Base64 padding is tolerated; what follows the first "." is not read. */
static void
test_padding_and_segments (void)
{
  LecternTcfCore plain, padded, with_segment;

  g_assert_true (lectern_tcf_decode_core (IAB_CLI_EXAMPLE, &plain, NULL));
  g_assert_true (lectern_tcf_decode_core (IAB_CLI_EXAMPLE "==", &padded, NULL));
  g_assert_true (lectern_tcf_decode_core (IAB_CLI_EXAMPLE ".not base64 at all!", &with_segment, NULL));

  g_assert_cmpmem (&plain, sizeof plain, &padded, sizeof padded);
  g_assert_cmpmem (&plain, sizeof plain, &with_segment, sizeof with_segment);
}

static void
test_purpose_categories (void)
{
  static const struct
  {
    guint           purpose;
    LecternCategory category;
  } expected[] = {
    { 1, LECTERN_CATEGORY_FUNCTIONAL },
    { 2, LECTERN_CATEGORY_TARGETING },
    { 3, LECTERN_CATEGORY_TARGETING },
    { 4, LECTERN_CATEGORY_TARGETING },
    { 5, LECTERN_CATEGORY_FUNCTIONAL },
    { 6, LECTERN_CATEGORY_FUNCTIONAL },
    { 7, LECTERN_CATEGORY_TARGETING },
    { 8, LECTERN_CATEGORY_PERFORMANCE },
    { 9, LECTERN_CATEGORY_PERFORMANCE },
    { 10, LECTERN_CATEGORY_PERFORMANCE },
    { 11, LECTERN_CATEGORY_FUNCTIONAL },
    { 0, LECTERN_CATEGORY_UNKNOWN },
    { 12, LECTERN_CATEGORY_UNKNOWN },
    { 24, LECTERN_CATEGORY_UNKNOWN },
    { G_MAXUINT, LECTERN_CATEGORY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (lectern_tcf_purpose_get_category (expected[i].purpose), ==, expected[i].category);
}

static void
test_record (void)
{
  LecternTcfCore core;
  LecternConsentRecord record;
  gboolean granted;

  /* Nothing consented: the purposes' categories are known and refused. */
  g_assert_true (lectern_tcf_decode_core (IAB_CLI_EXAMPLE, &core, NULL));
  lectern_consent_record_init (&record);
  lectern_tcf_core_add_to_record (&core, &record);

  g_assert_true (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_FUNCTIONAL, &granted));
  g_assert_false (granted);
  g_assert_true (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_TARGETING, &granted));
  g_assert_false (granted);
  g_assert_true (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_PERFORMANCE, &granted));
  g_assert_false (granted);
  g_assert_false (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_SOCIAL, NULL));
  g_assert_false (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_SALE, NULL));

  /* Only purpose 8 (content measurement): performance alone is granted. */
  core.purposes_consent = 1u << (8 - 1);
  lectern_consent_record_init (&record);
  lectern_tcf_core_add_to_record (&core, &record);
  g_assert_true (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_PERFORMANCE, &granted));
  g_assert_true (granted);
  g_assert_true (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_TARGETING, &granted));
  g_assert_false (granted);
  g_assert_true (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_FUNCTIONAL, &granted));
  g_assert_false (granted);
}

/* A site that records consent to advertising purposes the user refused. */
static void
test_violation (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(GArray) violations = NULL;
  LecternConsentRecord record;
  LecternTcfCore core;

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_FUNCTIONAL, TRUE);

  g_assert_true (lectern_tcf_decode_core (MULTI_SEGMENT_EXAMPLE, &core, NULL));
  lectern_consent_record_init (&record);
  lectern_tcf_core_add_to_record (&core, &record);

  violations = lectern_consent_record_find_violations (&record, choices);
  g_assert_cmpuint (violations->len, ==, 2);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 0), ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 1), ==, LECTERN_CATEGORY_TARGETING);
}

static void
assert_rejected (const char      *tc_string,
                 LecternTcfError  code,
                 const char      *message_part)
{
  g_autoptr(GError) error = NULL;
  LecternTcfCore core;

  memset (&core, 0xaa, sizeof core);

  g_assert_false (lectern_tcf_decode_core (tc_string, &core, &error));
  g_assert_error (error, LECTERN_TCF_ERROR, (int)code);
  g_assert_nonnull (strstr (error->message, message_part));

  /* A refused string leaves nothing half-decoded behind. */
  g_assert_cmpuint (core.version, ==, 0);
  g_assert_cmpuint (core.cmp_id, ==, 0);
  g_assert_cmpuint (core.purposes_consent, ==, 0);
}

static void
test_invalid (void)
{
  /* "+" and "/" are base64, not base64url. */
  assert_rejected ("COrVd1pOrVd1pACABCENAHCAAAA+AAAAAAiQAAAAAAAA", LECTERN_TCF_ERROR_BASE64, "position 28");
  assert_rejected ("COrVd1pOrVd1p/CABCENAHCAAAAAAAAAAAiQAAAAAAAA", LECTERN_TCF_ERROR_BASE64, "base64url");
  assert_rejected ("CO rVd1p", LECTERN_TCF_ERROR_BASE64, "position 3");
  assert_rejected ("COrVd1p\xc3\xa9", LECTERN_TCF_ERROR_BASE64, "base64url");
  assert_rejected ("", LECTERN_TCF_ERROR_TOO_SHORT, "empty");
  assert_rejected (NULL, LECTERN_TCF_ERROR_TOO_SHORT, "empty");
  assert_rejected (".COrVd1pOrVd1pACABCENAHCAAAAAAAAAAAiQAAAAAAAA", LECTERN_TCF_ERROR_TOO_SHORT, "empty");
  /* The core segment cut before PublisherCC ends: 35 sextets, 210 bits. */
  assert_rejected ("COrVd1pOrVd1pACABCENAHCAAAAAAAAAAAi", LECTERN_TCF_ERROR_TOO_SHORT, "210 bits");
  assert_rejected ("C", LECTERN_TCF_ERROR_TOO_SHORT, "too short");
  /* Version 1 strings start with "B"; "A" is version 0, "D" version 3. */
  assert_rejected ("BOEFEAyOEFEAyAHABDENAI4AAAB9vABAASA", LECTERN_TCF_ERROR_VERSION, "version 1");
  assert_rejected ("AOrVd1pOrVd1pACABCENAHCAAAAAAAAAAAiQAAAAAAAA", LECTERN_TCF_ERROR_VERSION, "version 0");
  assert_rejected ("DOrVd1pOrVd1pACABCENAHCAAAAAAAAAAAiQAAAAAAAA", LECTERN_TCF_ERROR_VERSION, "version 3");
  /* ConsentLanguage "E_": the second letter is 63, past "Z". */
  assert_rejected ("COrVd1pOrVd1pACABCE_AHCAAAAAAAAAAAiQAAAAAAAA", LECTERN_TCF_ERROR_INVALID, "ConsentLanguage");
  /* PublisherCC "E_". */
  assert_rejected ("COrVd1pOrVd1pACABCENAHCAAAAAAAAAAA__AAAAAAAA", LECTERN_TCF_ERROR_INVALID, "PublisherCC");
}

/* Every prefix and every single-character change of a valid string is
 * either decoded or refused with an error: never a crash, never both. */
static void
test_mutations (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=. \x01\xff";
  g_autofree char *copy = g_strdup (MULTI_SEGMENT_EXAMPLE);
  gsize length = strlen (copy);

  for (gsize n = 0; n <= length; n++)
    {
      g_autofree char *prefix = g_strndup (copy, n);
      g_autoptr(GError) error = NULL;
      LecternTcfCore core;
      gboolean ok = lectern_tcf_decode_core (prefix, &core, &error);

      g_assert_true (ok == (error == NULL));
      /* The core segment needs 36 sextets (216 bits) for its 213. */
      g_assert_cmpint (ok, ==, n >= 36);
    }

  for (gsize i = 0; i < 60; i++)
    {
      for (gsize j = 0; j < sizeof alphabet - 1; j++)
        {
          g_autoptr(GError) error = NULL;
          LecternTcfCore core;
          char saved = copy[i];
          gboolean ok;

          copy[i] = alphabet[j];
          ok = lectern_tcf_decode_core (copy, &core, &error);
          g_assert_true (ok == (error == NULL));
          if (ok)
            g_assert_cmpuint (core.version, ==, 2);
          copy[i] = saved;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/tcf-decoder/iab-cli-example", test_iab_cli_example);
  g_test_add_func ("/lectern/tcf-decoder/service-specific-example", test_service_specific_example);
  g_test_add_func ("/lectern/tcf-decoder/multi-segment", test_multi_segment);
  g_test_add_func ("/lectern/tcf-decoder/padding-and-segments", test_padding_and_segments);
  g_test_add_func ("/lectern/tcf-decoder/purpose-categories", test_purpose_categories);
  g_test_add_func ("/lectern/tcf-decoder/record", test_record);
  g_test_add_func ("/lectern/tcf-decoder/violation", test_violation);
  g_test_add_func ("/lectern/tcf-decoder/invalid", test_invalid);
  g_test_add_func ("/lectern/tcf-decoder/mutations", test_mutations);

  return g_test_run ();
}
