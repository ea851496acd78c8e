/* test-onetrust-codec.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-onetrust-codec.h"

#include <string.h>

/* A site that renamed and reordered OneTrust's groups, as
 * `JSON.stringify (OneTrust.GetDomainData ().Groups)` gives them (other
 * members cut). C0002 holds advertising and C0004 personalisation here,
 * C0005 is the sale of data, and C0009 has a name no table knows. */
#define RENAMED_GROUPS_JSON \
  "[{\"OptanonGroupId\":\"C0001\",\"GroupName\":\"Strictly Necessary Cookies\",\"Status\":\"always active\"}," \
  " {\"OptanonGroupId\":\"C0002\",\"GroupName\":\"Advertising\"}," \
  " {\"OptanonGroupId\":\"C0003\",\"GroupName\":\"Analytics\"}," \
  " {\"OptanonGroupId\":\"C0004\",\"GroupName\":\"Personalisation\"}," \
  " {\"OptanonGroupId\":\"C0005\",\"GroupName\":\"Sale of Personal Data\"}," \
  " {\"OptanonGroupId\":\"C0007\",\"GroupName\":\"Social Media Cookies\"}," \
  " {\"OptanonGroupId\":\"C0009\",\"GroupName\":\"Fonts & Maps\",\"Parent\":null}]"

static GDateTime *
fixed_now (void)
{
  g_autoptr(GDateTime) whole = g_date_time_new_utc (2026, 11, 28, 7, 17, 22);

  return g_date_time_add (whole, 345 * G_TIME_SPAN_MILLISECOND);
}

static LecternSiteChoices *
choices_allowing (const char * const *ids)
{
  return lectern_site_choices_new_allowing ("example.com", ids);
}

static char *
get_field (const char *value,
           const char *key)
{
  g_auto(GStrv) pairs = g_strsplit (value, "&", -1);
  g_autofree char *prefix = g_strconcat (key, "=", NULL);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      if (g_str_has_prefix (pairs[i], prefix))
        return g_uri_unescape_string (pairs[i] + strlen (prefix), NULL);
    }

  return NULL;
}

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
test_build_standard (void)
{
  g_autoptr(LecternSiteChoices) choices = choices_allowing ((const char *[]) { "performance", NULL });
  g_autoptr(GDateTime) now = fixed_now ();
  g_autofree char *value = NULL;

  value = lectern_onetrust_build_consent (choices, NULL, now, "0b5e2f4c-7e43-4c39-9d2b-0f0e5a0d1c11", "202310.2.0");

  /* The whole value, as OneTrust writes it: form-encoded, "+" for spaces.
   * GPC is on since the sale of personal data is refused. */
  g_assert_cmpstr (value, ==,
                   "isGpcEnabled=1"
                   "&datestamp=Sat+Nov+28+2026+07%3A17%3A22+GMT%2B0000"
                   "&version=202310.2.0"
                   "&browserGpcFlag=1"
                   "&isIABGlobal=false"
                   "&hosts="
                   "&consentId=0b5e2f4c-7e43-4c39-9d2b-0f0e5a0d1c11"
                   "&interactionCount=1"
                   "&isAnonUser=1"
                   "&landingPath=NotLandingPage"
                   "&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A0%2CC0004%3A0%2CC0005%3A0"
                   "&AwaitingReconsent=false");
}

static void
test_build_defaults (void)
{
  g_autoptr(LecternSiteChoices) choices =
    choices_allowing ((const char *[]) { "functional", "performance", "targeting", "social", "sale", NULL });
  g_autoptr(GDateTime) now = fixed_now ();
  g_autofree char *a = lectern_onetrust_build_consent (choices, NULL, now, NULL, NULL);
  g_autofree char *b = lectern_onetrust_build_consent (choices, NULL, now, NULL, NULL);
  g_autofree char *id_a = get_field (a, "consentId");
  g_autofree char *id_b = get_field (b, "consentId");
  g_autofree char *version = get_field (a, "version");
  g_autofree char *gpc = get_field (a, "isGpcEnabled");
  g_autofree char *groups = get_field (a, "groups");

  /* A new random consent id each time. */
  g_assert_true (g_uuid_string_is_valid (id_a));
  g_assert_true (g_uuid_string_is_valid (id_b));
  g_assert_cmpstr (id_a, !=, id_b);
  g_assert_nonnull (version);
  g_assert_cmpstr (version, !=, "");
  g_assert_cmpstr (gpc, ==, "0");
  g_assert_cmpstr (groups, ==, "C0001:1,C0002:1,C0003:1,C0004:1,C0005:1");
}

/* What is built reads back as the same choices, for every combination of
 * the five standard groups' categories. */
static void
test_round_trip_standard (void)
{
  static const LecternCategory switches[] = {
    LECTERN_CATEGORY_FUNCTIONAL,
    LECTERN_CATEGORY_PERFORMANCE,
    LECTERN_CATEGORY_TARGETING,
    LECTERN_CATEGORY_SOCIAL,
  };
  g_autoptr(GDateTime) now = fixed_now ();

  for (guint mask = 0; mask < (1u << G_N_ELEMENTS (switches)); mask++)
    {
      g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
      g_autoptr(GArray) violations = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      LecternConsentRecord record;

      for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
        lectern_site_choices_set_allowed (choices, switches[i], (mask & (1u << i)) != 0);

      value = lectern_onetrust_build_consent (choices, NULL, now, NULL, NULL);

      lectern_consent_record_init (&record);
      g_assert_true (lectern_onetrust_parse_consent (value, NULL, &record, &error));
      g_assert_no_error (error);

      assert_record_is (&record, LECTERN_CATEGORY_NECESSARY, TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
        assert_record_is (&record, switches[i], (mask & (1u << i)) != 0);
      g_assert_false (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_SALE, NULL));

      violations = lectern_consent_record_find_violations (&record, choices);
      g_assert_cmpuint (violations->len, ==, 0);
    }
}

static void
test_group_names (void)
{
  static const struct
  {
    const char      *name;
    LecternCategory  category;
  } names[] = {
    { "Strictly Necessary Cookies",      LECTERN_CATEGORY_NECESSARY },
    { "  STRICTLY   necessary cookies ", LECTERN_CATEGORY_NECESSARY },
    { "Essential",                       LECTERN_CATEGORY_NECESSARY },
    { "Performance Cookies",             LECTERN_CATEGORY_PERFORMANCE },
    { "Analytics",                       LECTERN_CATEGORY_PERFORMANCE },
    { "Analytics & Performance",         LECTERN_CATEGORY_PERFORMANCE },
    { "Statistics",                      LECTERN_CATEGORY_PERFORMANCE },
    { "Functional Cookies",              LECTERN_CATEGORY_FUNCTIONAL },
    { "Personalisation",                 LECTERN_CATEGORY_FUNCTIONAL },
    { "Personalization",                 LECTERN_CATEGORY_FUNCTIONAL },
    { "Preferences",                     LECTERN_CATEGORY_FUNCTIONAL },
    { "Targeting Cookies",               LECTERN_CATEGORY_TARGETING },
    { "Advertising",                     LECTERN_CATEGORY_TARGETING },
    { "Targeting & Advertising Cookies", LECTERN_CATEGORY_TARGETING },
    { "Marketing",                       LECTERN_CATEGORY_TARGETING },
    { "Social Media Cookies",            LECTERN_CATEGORY_SOCIAL },
    { "Sale of Personal Data",           LECTERN_CATEGORY_SALE },
    { "Do Not Sell My Personal Information", LECTERN_CATEGORY_SALE },
    /* Names that say nothing, or more than one thing. */
    { "Cookies",                         LECTERN_CATEGORY_UNKNOWN },
    { "Fonts & Maps",                    LECTERN_CATEGORY_UNKNOWN },
    { "Analytics and Advertising",       LECTERN_CATEGORY_UNKNOWN },
    { "",                                LECTERN_CATEGORY_UNKNOWN },
    { "\xff\xfe",                        LECTERN_CATEGORY_UNKNOWN },
    { NULL,                              LECTERN_CATEGORY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *shown = g_strescape (names[i].name ? names[i].name : "(null)", NULL);

      /* Escaped: TAP output must stay UTF-8. */
      g_test_message ("%s", shown);
      g_assert_cmpint (lectern_onetrust_category_from_name (names[i].name), ==, names[i].category);
    }

  g_assert_cmpint (lectern_onetrust_category_from_id ("C0001"), ==, LECTERN_CATEGORY_NECESSARY);
  g_assert_cmpint (lectern_onetrust_category_from_id ("C0002"), ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpint (lectern_onetrust_category_from_id ("C0003"), ==, LECTERN_CATEGORY_FUNCTIONAL);
  g_assert_cmpint (lectern_onetrust_category_from_id ("C0004"), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (lectern_onetrust_category_from_id ("C0005"), ==, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpint (lectern_onetrust_category_from_id ("C0006"), ==, LECTERN_CATEGORY_UNKNOWN);
  g_assert_cmpint (lectern_onetrust_category_from_id ("c0001"), ==, LECTERN_CATEGORY_UNKNOWN);
  g_assert_cmpint (lectern_onetrust_category_from_id (NULL), ==, LECTERN_CATEGORY_UNKNOWN);
}

/* The name wins over the standard id; a name that says nothing leaves it. */
static void
test_groups_add (void)
{
  g_autoptr(LecternOneTrustGroups) groups = lectern_onetrust_groups_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (lectern_onetrust_groups_get_n_groups (groups), ==, 0);

  g_assert_true (lectern_onetrust_groups_add (groups, "C0002", "Targeting Cookies", NULL));
  g_assert_true (lectern_onetrust_groups_add (groups, "C0003", "Our cookies", NULL));
  g_assert_true (lectern_onetrust_groups_add (groups, "C0004", NULL, NULL));
  g_assert_true (lectern_onetrust_groups_add (groups, "BG12", "Whatever", NULL));
  g_assert_cmpuint (lectern_onetrust_groups_get_n_groups (groups), ==, 4);

  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0002"), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0003"), ==, LECTERN_CATEGORY_FUNCTIONAL);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0004"), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "BG12"), ==, LECTERN_CATEGORY_UNKNOWN);
  /* Not in the site's list: the standard ids still answer. */
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0005"), ==, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpint (lectern_onetrust_groups_get_category (NULL, "C0001"), ==, LECTERN_CATEGORY_NECESSARY);

  /* Adding a group again renames it rather than listing it twice. */
  g_assert_true (lectern_onetrust_groups_add (groups, "C0002", "Analytics", NULL));
  g_assert_cmpuint (lectern_onetrust_groups_get_n_groups (groups), ==, 4);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0002"), ==, LECTERN_CATEGORY_PERFORMANCE);

  g_assert_false (lectern_onetrust_groups_add (groups, "C0001:1", "Necessary", &error));
  g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "C0001:1"));
  g_clear_error (&error);

  g_assert_false (lectern_onetrust_groups_add (groups, "", "Necessary", &error));
  g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (lectern_onetrust_groups_add (groups, NULL, "Necessary", &error));
  g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_cmpuint (lectern_onetrust_groups_get_n_groups (groups), ==, 4);
}

static void
test_renamed_groups (void)
{
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autoptr(LecternSiteChoices) choices = choices_allowing ((const char *[]) { "performance", NULL });
  g_autoptr(LecternSiteChoices) all = NULL;
  g_autoptr(GDateTime) now = fixed_now ();
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *value_all = NULL;
  g_autofree char *field = NULL;
  g_autofree char *field_all = NULL;
  LecternConsentRecord record;

  groups = lectern_onetrust_groups_new_from_json (RENAMED_GROUPS_JSON, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lectern_onetrust_groups_get_n_groups (groups), ==, 7);

  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0002"), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0003"), ==, LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0004"), ==, LECTERN_CATEGORY_FUNCTIONAL);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0005"), ==, LECTERN_CATEGORY_SALE);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0007"), ==, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0009"), ==, LECTERN_CATEGORY_UNKNOWN);

  /* Only performance allowed: it is C0003 on this site, not C0002. The
   * unknown group is refused while anything is refused. */
  value = lectern_onetrust_build_consent (choices, groups, now, "id", NULL);
  field = get_field (value, "groups");
  g_assert_cmpstr (field, ==, "C0001:1,C0002:0,C0003:1,C0004:0,C0005:0,C0007:0,C0009:0");

  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_consent (value, groups, &record, &error));
  g_assert_no_error (error);
  assert_record_is (&record, LECTERN_CATEGORY_NECESSARY, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_TARGETING, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_FUNCTIONAL, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_SALE, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_SOCIAL, FALSE);

  /* Read with the standard ids instead, the same cookie would seem to
   * grant performance under C0002 = refused and functional under C0003:
   * the site's names matter. */
  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_consent (value, NULL, &record, &error));
  assert_record_is (&record, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_FUNCTIONAL, TRUE);

  /* Everything allowed: the unknown group too. */
  all = choices_allowing ((const char *[]) { "functional", "performance", "targeting", "social", "sale", NULL });
  value_all = lectern_onetrust_build_consent (all, groups, now, "id", NULL);
  field_all = get_field (value_all, "groups");
  g_assert_cmpstr (field_all, ==, "C0001:1,C0002:1,C0003:1,C0004:1,C0005:1,C0007:1,C0009:1");
}

/* The site recorded its advertising group as granted although the user
 * refused targeting: a violation, found only through the site's names. */
static void
test_violation (void)
{
  g_autoptr(LecternOneTrustGroups) groups = lectern_onetrust_groups_new_from_json (RENAMED_GROUPS_JSON, NULL);
  g_autoptr(LecternSiteChoices) choices = choices_allowing ((const char *[]) { "performance", NULL });
  g_autoptr(GArray) violations = NULL;
  LecternConsentRecord record;

  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_consent ("isGpcEnabled=0&groups=C0001%3A1%2CC0002%3A1%2CC0003%3A1%2CC0004%3A0%2CC0005%3A1",
                                                 groups, &record, NULL));

  violations = lectern_consent_record_find_violations (&record, choices);
  g_assert_cmpuint (violations->len, ==, 2);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 0), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 1), ==, LECTERN_CATEGORY_SALE);
}

static void
test_parse_real_cookie (void)
{
  /* As a OneTrust site writes it after "Reject all", geolocation included. */
  const char *value =
    "isGpcEnabled=0&datestamp=Thu+Jan+11+2024+10%3A23%3A45+GMT%2B0100+(Central+European+Standard+Time)"
    "&version=202310.2.0&browserGpcFlag=0&isIABGlobal=false&hosts=&consentId=d1a0c2b3-0000-4000-8000-000000000000"
    "&interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0003%3A0%2CC0002%3A0%2CC0004%3A0"
    "&geolocation=DE%3BBY&AwaitingReconsent=false";
  g_autoptr(GError) error = NULL;
  LecternConsentRecord record;

  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_consent (value, NULL, &record, &error));
  g_assert_no_error (error);

  assert_record_is (&record, LECTERN_CATEGORY_NECESSARY, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_FUNCTIONAL, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_TARGETING, FALSE);
  /* This site has no social group: nothing said about it. */
  g_assert_false (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_SOCIAL, NULL));

  /* Before any choice, OneTrust writes an empty group list. */
  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_consent ("isGpcEnabled=0&groups=&AwaitingReconsent=false", NULL, &record, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.known, ==, 0);
}

static void
test_parse_garbage (void)
{
  static const struct
  {
    const char *value;
    const char *message_part;
  } garbage[] = {
    { NULL,                                     "empty" },
    { "",                                       "empty" },
    { "groups",                                 "key and a value" },
    { "=C0001%3A1",                             "key and a value" },
    { "isGpcEnabled=0&&groups=C0001%3A1",       "field 2" },
    { "isGpcEnabled=0",                         "no groups" },
    { "groups=C0001",                           "no state" },
    { "groups=C0001%3A2",                       "neither granted nor refused" },
    { "groups=C0001%3A1%3A1",                   "neither granted nor refused" },
    { "groups=C0001%3A",                        "neither granted nor refused" },
    { "groups=C0001%3A1%2C%2CC0002%3A0",        "no state" },
    { "groups=%3A1",                            "is not a OneTrust group id" },
    { "groups=C%200001%3A1",                    "is not a OneTrust group id" },
    { "groups=C0001%3A1%00",                    "badly escaped" },
    { "groups=C0001%ZZ",                        "badly escaped" },
    { "groups=C0001%3A1&version=%",             "badly escaped" },
    { "groups=%FF%FE%3A1",                      "badly escaped" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;
      LecternConsentRecord record;

      g_test_message ("%s", garbage[i].value ? garbage[i].value : "(null)");

      /* A refused value leaves the record as it was. */
      lectern_consent_record_init (&record);
      lectern_consent_record_add (&record, LECTERN_CATEGORY_SOCIAL, TRUE);

      g_assert_false (lectern_onetrust_parse_consent (garbage[i].value, NULL, &record, &error));
      g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, garbage[i].message_part));
      g_assert_cmpuint (record.known, ==, 1u << LECTERN_CATEGORY_SOCIAL);
      g_assert_cmpuint (record.granted, ==, 1u << LECTERN_CATEGORY_SOCIAL);
    }
}

/* Every prefix of a real value and every one-character change to it is
 * either read or refused with an error: never a crash, never both. */
static void
test_parse_mutations (void)
{
  static const char replacements[] = "=&%:,+ 01C\x01\xff";
  g_autoptr(LecternSiteChoices) choices = choices_allowing ((const char *[]) { "social", NULL });
  g_autoptr(GDateTime) now = fixed_now ();
  g_autofree char *value = lectern_onetrust_build_consent (choices, NULL, now, "id", NULL);
  gsize length = strlen (value);

  for (gsize n = 0; n <= length; n++)
    {
      g_autofree char *prefix = g_strndup (value, n);
      g_autoptr(GError) error = NULL;
      LecternConsentRecord record;
      gboolean ok;

      lectern_consent_record_init (&record);
      ok = lectern_onetrust_parse_consent (prefix, NULL, &record, &error);
      g_assert_true (ok == (error == NULL));
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
          ok = lectern_onetrust_parse_consent (value, NULL, &record, &error);
          g_assert_true (ok == (error == NULL));
          value[i] = saved;
        }
    }
}

static void
test_groups_json_garbage (void)
{
  static const char * const garbage[] = {
    NULL,
    "",
    "not json",
    "{\"OptanonGroupId\":\"C0001\"}",
    "[1]",
    "[{}]",
    "[{\"GroupName\":\"Analytics\"}]",
    "[{\"OptanonGroupId\":5,\"GroupName\":\"Analytics\"}]",
    "[{\"OptanonGroupId\":\"C 0001\",\"GroupName\":\"Analytics\"}]",
    "[{\"OptanonGroupId\":\"C0001\"},[]]",
  };
  g_autoptr(LecternOneTrustGroups) odd_name = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(LecternOneTrustGroups) groups = NULL;

      g_test_message ("%s", garbage[i] ? garbage[i] : "(null)");
      groups = lectern_onetrust_groups_new_from_json (garbage[i], &error);
      g_assert_null (groups);
      g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
      g_clear_error (&error);
    }

  /* A name of the wrong type is no name: the standard id answers. */
  odd_name = lectern_onetrust_groups_new_from_json ("[{\"OptanonGroupId\":\"C0002\",\"GroupName\":7}]", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lectern_onetrust_groups_get_category (odd_name, "C0002"), ==, LECTERN_CATEGORY_PERFORMANCE);
}

static void
test_alert_box_closed (void)
{
  g_autoptr(GTimeZone) paris = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) whole = g_date_time_new (paris, 2026, 11, 28, 8, 17, 22);
  g_autoptr(GDateTime) now = g_date_time_add (whole, 345 * G_TIME_SPAN_MILLISECOND);
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) escaped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = lectern_onetrust_build_alert_box_closed (now);

  /* Always in UTC, with milliseconds, as toISOString() writes it. */
  g_assert_cmpstr (value, ==, "2026-11-28T07:17:22.345Z");

  parsed = lectern_onetrust_parse_alert_box_closed (value, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_to_unix (parsed), ==, g_date_time_to_unix (now));
  g_assert_cmpint (g_date_time_get_microsecond (parsed), ==, 345000);

  escaped = lectern_onetrust_parse_alert_box_closed ("2026-11-28T07%3A17%3A22.345Z", &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (escaped, parsed));
}

static void
test_alert_box_closed_garbage (void)
{
  static const char * const garbage[] = {
    NULL,
    "",
    "yesterday",
    "2026-13-45T00:00:00Z",
    "2026-11-28T07:17:22.345Z trailing",
    "%ZZ",
    "2026-11-28T07:17:22%00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GDateTime) parsed = NULL;
      g_autoptr(GError) error = NULL;

      parsed = lectern_onetrust_parse_alert_box_closed (garbage[i], &error);
      g_assert_null (parsed);
      g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "ISO 8601"));
    }
}

static void
test_active_groups (void)
{
  g_autoptr(LecternOneTrustGroups) groups = lectern_onetrust_groups_new_from_json (RENAMED_GROUPS_JSON, NULL);
  g_autoptr(GError) error = NULL;
  LecternConsentRecord record;

  /* Standard groups: what is not active is refused. */
  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_active_groups (",C0001,C0003,", NULL, &record, &error));
  g_assert_no_error (error);
  assert_record_is (&record, LECTERN_CATEGORY_NECESSARY, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_TARGETING, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_SOCIAL, FALSE);
  g_assert_false (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_SALE, NULL));

  /* The same string on the renamed site: C0003 is analytics there. */
  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_active_groups (",C0001,C0003,", groups, &record, &error));
  g_assert_no_error (error);
  assert_record_is (&record, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  assert_record_is (&record, LECTERN_CATEGORY_FUNCTIONAL, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_SALE, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_SOCIAL, FALSE);

  /* An active group the site's list does not have still grants its
   * standard category. */
  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_active_groups ("C0001, C0006 ,C0004", NULL, &record, &error));
  assert_record_is (&record, LECTERN_CATEGORY_TARGETING, TRUE);

  /* Nothing active: everything refused, strictly necessary included. */
  lectern_consent_record_init (&record);
  g_assert_true (lectern_onetrust_parse_active_groups (",,", NULL, &record, &error));
  assert_record_is (&record, LECTERN_CATEGORY_NECESSARY, FALSE);
  assert_record_is (&record, LECTERN_CATEGORY_TARGETING, FALSE);
}

static void
test_active_groups_garbage (void)
{
  static const char * const garbage[] = {
    NULL,
    "C0001;C0002",
    ",C0001:1,",
    ",C0001,<script>,",
    ",\xff,",
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GError) error = NULL;
      LecternConsentRecord record;

      lectern_consent_record_init (&record);
      g_assert_false (lectern_onetrust_parse_active_groups (garbage[i], NULL, &record, &error));
      g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
      g_assert_cmpuint (record.known, ==, 0);
    }
}

/* What `OneTrust.GetDomainData().Groups` holds on current versions: the id
 * OnetrustActiveGroups and the cookie use is CustomGroupId, and
 * OptanonGroupId is an older number. */
static void
test_groups_custom_ids (void)
{
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  groups = lectern_onetrust_groups_new_from_json (
    "[{\"OptanonGroupId\":\"1\",\"CustomGroupId\":\"C0001\",\"GroupName\":\"Strictly Necessary Cookies\"},"
    " {\"OptanonGroupId\":\"2\",\"CustomGroupId\":\"C0002\",\"GroupName\":\"Functional Cookies\"},"
    " {\"OptanonGroupId\":\"9\",\"CustomGroupId\":\"C0009\",\"GroupName\":\"Advertising Cookies\"}]",
    &error);
  g_assert_no_error (error);

  ids = lectern_onetrust_groups_dup_ids (groups);
  g_assert_cmpstrv (ids, ((const char * const []) { "C0001", "C0002", "C0009", NULL }));
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0002"), ==, LECTERN_CATEGORY_FUNCTIONAL);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0009"), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "2"), ==, LECTERN_CATEGORY_UNKNOWN);
}

static void
test_groups_standard (void)
{
  g_autoptr(LecternOneTrustGroups) renamed = lectern_onetrust_groups_new_from_json (RENAMED_GROUPS_JSON, NULL);
  g_autoptr(LecternOneTrustGroups) standard = lectern_onetrust_groups_new ();
  g_autoptr(LecternOneTrustGroups) empty = lectern_onetrust_groups_new ();
  g_auto(GStrv) standard_ids = NULL;

  g_assert_true (lectern_onetrust_groups_add (standard, "C0001", "Strictly Necessary Cookies", NULL));
  g_assert_true (lectern_onetrust_groups_add (standard, "C0002", "Performance Cookies", NULL));
  /* A name no table knows keeps the standard id's meaning. */
  g_assert_true (lectern_onetrust_groups_add (standard, "C0004", "Partners", NULL));

  g_assert_true (lectern_onetrust_groups_is_standard (NULL));
  g_assert_true (lectern_onetrust_groups_is_standard (empty));
  g_assert_true (lectern_onetrust_groups_is_standard (standard));
  g_assert_false (lectern_onetrust_groups_is_standard (renamed));

  /* No list: the five standard ids. */
  standard_ids = lectern_onetrust_groups_dup_ids (empty);
  g_assert_cmpstrv (standard_ids, ((const char * const []) { "C0001", "C0002", "C0003", "C0004", "C0005", NULL }));
}

static void
test_groups_to_json (void)
{
  g_autoptr(LecternOneTrustGroups) groups = lectern_onetrust_groups_new_from_json (RENAMED_GROUPS_JSON, NULL);
  g_autoptr(LecternOneTrustGroups) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) back_ids = NULL;

  json = lectern_onetrust_groups_to_json (groups);
  /* Only ids and names: nothing else the site's list held. */
  g_assert_null (strstr (json, "Status"));
  g_assert_nonnull (strstr (json, "\"GroupName\":\"Fonts & Maps\""));

  back = lectern_onetrust_groups_new_from_json (json, &error);
  g_assert_no_error (error);
  ids = lectern_onetrust_groups_dup_ids (groups);
  back_ids = lectern_onetrust_groups_dup_ids (back);
  g_assert_cmpstrv (ids, back_ids);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_cmpint (lectern_onetrust_groups_get_category (back, ids[i]), ==,
                     lectern_onetrust_groups_get_category (groups, ids[i]));

  again = lectern_onetrust_groups_to_json (back);
  g_assert_cmpstr (again, ==, json);
}

static void
test_choices_grant (void)
{
  static const char * const functional[] = { "necessary", "functional", NULL };
  static const char * const everything[] = { "necessary", "functional", "performance", "targeting", "social", "sale", NULL };
  g_autoptr(LecternSiteChoices) some = choices_allowing (functional);
  g_autoptr(LecternSiteChoices) all = choices_allowing (everything);

  g_assert_true (lectern_onetrust_choices_grant (some, LECTERN_CATEGORY_NECESSARY));
  g_assert_true (lectern_onetrust_choices_grant (some, LECTERN_CATEGORY_FUNCTIONAL));
  g_assert_false (lectern_onetrust_choices_grant (some, LECTERN_CATEGORY_TARGETING));
  /* A group nobody can name is granted only when nothing is refused. */
  g_assert_false (lectern_onetrust_choices_grant (some, LECTERN_CATEGORY_UNKNOWN));
  g_assert_true (lectern_onetrust_choices_grant (all, LECTERN_CATEGORY_UNKNOWN));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/onetrust-codec/build-standard", test_build_standard);
  g_test_add_func ("/lectern/onetrust-codec/build-defaults", test_build_defaults);
  g_test_add_func ("/lectern/onetrust-codec/round-trip-standard", test_round_trip_standard);
  g_test_add_func ("/lectern/onetrust-codec/group-names", test_group_names);
  g_test_add_func ("/lectern/onetrust-codec/groups-add", test_groups_add);
  g_test_add_func ("/lectern/onetrust-codec/renamed-groups", test_renamed_groups);
  g_test_add_func ("/lectern/onetrust-codec/violation", test_violation);
  g_test_add_func ("/lectern/onetrust-codec/parse-real-cookie", test_parse_real_cookie);
  g_test_add_func ("/lectern/onetrust-codec/parse-garbage", test_parse_garbage);
  g_test_add_func ("/lectern/onetrust-codec/parse-mutations", test_parse_mutations);
  g_test_add_func ("/lectern/onetrust-codec/groups-json-garbage", test_groups_json_garbage);
  g_test_add_func ("/lectern/onetrust-codec/alert-box-closed", test_alert_box_closed);
  g_test_add_func ("/lectern/onetrust-codec/alert-box-closed-garbage", test_alert_box_closed_garbage);
  g_test_add_func ("/lectern/onetrust-codec/active-groups", test_active_groups);
  g_test_add_func ("/lectern/onetrust-codec/active-groups-garbage", test_active_groups_garbage);
  g_test_add_func ("/lectern/onetrust-codec/groups-custom-ids", test_groups_custom_ids);
  g_test_add_func ("/lectern/onetrust-codec/groups-standard", test_groups_standard);
  g_test_add_func ("/lectern/onetrust-codec/groups-to-json", test_groups_to_json);
  g_test_add_func ("/lectern/onetrust-codec/choices-grant", test_choices_grant);

  return g_test_run ();
}
