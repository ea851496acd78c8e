/* test-cmp-outcome.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-outcome.h"

static LecternCmpOutcome *
new_example (void)
{
  LecternCmpOutcome *outcome = lectern_cmp_outcome_new ("onetrust", "update-consent");

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_NECESSARY, TRUE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  outcome->detail = g_strdup ("OnetrustActiveGroups ,C0001,C0009,");
  outcome->applied = g_date_time_new_utc (2026, 11, 28, 10, 0, 2.25);

  return outcome;
}

static void
test_variant_round_trip (void)
{
  g_autoptr(LecternCmpOutcome) outcome = new_example ();
  g_autoptr(LecternCmpOutcome) bare = lectern_cmp_outcome_new ("tcf", "read-only");
  g_autoptr(GVariant) variant = g_variant_ref_sink (lectern_cmp_outcome_to_variant (outcome));
  g_autoptr(GVariant) bare_variant = g_variant_ref_sink (lectern_cmp_outcome_to_variant (bare));
  g_autoptr(LecternCmpOutcome) back = NULL;
  g_autoptr(LecternCmpOutcome) bare_back = NULL;

  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE (LECTERN_CMP_OUTCOME_VARIANT_TYPE)));

  back = lectern_cmp_outcome_new_from_variant (variant);
  g_assert_nonnull (back);
  g_assert_true (lectern_cmp_outcome_equal (outcome, back));
  g_assert_cmpint (g_date_time_get_microsecond (back->applied), ==, 250000);

  /* No detail and no time stay none, not "" and the epoch. */
  bare_back = lectern_cmp_outcome_new_from_variant (bare_variant);
  g_assert_nonnull (bare_back);
  g_assert_null (bare_back->detail);
  g_assert_null (bare_back->applied);
  g_assert_true (lectern_cmp_outcome_equal (bare, bare_back));
}

/* A banner left alone that awaits the reader says so across processes,
 * and is another outcome than the same tool answered. */
static void
test_awaiting (void)
{
  g_autoptr(LecternCmpOutcome) waiting = lectern_cmp_outcome_new ("onetrust", "left-alone");
  g_autoptr(LecternCmpOutcome) answered = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(LecternCmpOutcome) back = NULL;

  waiting->awaiting = TRUE;
  answered = lectern_cmp_outcome_copy (waiting);
  g_assert_true (answered->awaiting);
  answered->awaiting = FALSE;
  g_assert_false (lectern_cmp_outcome_equal (waiting, answered));

  variant = g_variant_ref_sink (lectern_cmp_outcome_to_variant (waiting));
  back = lectern_cmp_outcome_new_from_variant (variant);
  g_assert_true (back->awaiting);
  g_assert_true (lectern_cmp_outcome_equal (waiting, back));
}

static void
test_variant_hostile (void)
{
  g_autoptr(GVariant) wrong_type = g_variant_ref_sink (g_variant_new ("(ss)", "onetrust", "read-only"));
  g_autoptr(GVariant) no_name = g_variant_ref_sink (g_variant_new ("(ssuusxb)", "", "read-only", 0, 0, "", (gint64) 0, FALSE));
  g_autoptr(GVariant) no_action = g_variant_ref_sink (g_variant_new ("(ssuusxb)", "tcf", "", 0, 0, "", (gint64) 0, FALSE));
  g_autofree char *long_detail = g_strnfill (5000, 'x');
  g_autoptr(GVariant) odd = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  gboolean granted;

  g_assert_null (lectern_cmp_outcome_new_from_variant (wrong_type));
  g_assert_null (lectern_cmp_outcome_new_from_variant (no_name));
  g_assert_null (lectern_cmp_outcome_new_from_variant (no_action));

  /* Bits past the categories, granted without known, a detail too long
   * and a time no date can hold: all made safe. */
  odd = g_variant_ref_sink (g_variant_new ("(ssuusxb)", "tcf", "read-only",
                                           (1u << LECTERN_CATEGORY_TARGETING) | 0xffff0000u,
                                           0xffffffffu, long_detail, G_MAXINT64, FALSE));
  outcome = lectern_cmp_outcome_new_from_variant (odd);
  g_assert_nonnull (outcome);
  g_assert_cmphex (outcome->recorded.known, ==, 1u << LECTERN_CATEGORY_TARGETING);
  g_assert_cmphex (outcome->recorded.granted, ==, 1u << LECTERN_CATEGORY_TARGETING);
  g_assert_true (lectern_consent_record_lookup (&outcome->recorded, LECTERN_CATEGORY_TARGETING, &granted));
  g_assert_true (granted);
  g_assert_false (lectern_consent_record_lookup (&outcome->recorded, LECTERN_CATEGORY_PERFORMANCE, NULL));
  g_assert_cmpint (g_utf8_strlen (outcome->detail, -1), ==, 1024);
  g_assert_null (outcome->applied);
}

static void
test_equal (void)
{
  g_autoptr(LecternCmpOutcome) a = new_example ();
  g_autoptr(LecternCmpOutcome) b = lectern_cmp_outcome_copy (a);

  g_assert_true (lectern_cmp_outcome_equal (NULL, NULL));
  g_assert_false (lectern_cmp_outcome_equal (a, NULL));
  g_assert_true (lectern_cmp_outcome_equal (a, b));

  lectern_consent_record_add (&b->recorded, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  g_assert_false (lectern_cmp_outcome_equal (a, b));

  g_clear_pointer (&b, lectern_cmp_outcome_free);
  b = lectern_cmp_outcome_copy (a);
  g_clear_pointer (&b->applied, g_date_time_unref);
  g_assert_false (lectern_cmp_outcome_equal (a, b));
}

static void
test_boxed (void)
{
  g_autoptr(LecternCmpOutcome) outcome = new_example ();
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, LECTERN_TYPE_CMP_OUTCOME);
  g_value_set_boxed (&value, outcome);
  g_assert_true (g_value_get_boxed (&value) != outcome);
  g_assert_true (lectern_cmp_outcome_equal (g_value_get_boxed (&value), outcome));
}

/* Autoconsent answered a TCF tool's banner; the TC string read since says
 * what the tool holds. */
static void
test_add_tc_string (void)
{
  g_autoptr(LecternCmpOutcome) tcf = lectern_cmp_outcome_new ("tcf", "read-only");
  g_autoptr(LecternCmpOutcome) later = NULL;
  g_autoptr(LecternCmpOutcome) acted = lectern_cmp_outcome_new ("quantcast", "opt-out");
  g_autoptr(LecternCmpOutcome) onetrust = new_example ();
  g_autoptr(LecternCmpOutcome) alone = NULL;
  g_autoptr(LecternCmpOutcome) merged = NULL;
  g_autoptr(LecternCmpOutcome) again = NULL;
  g_autoptr(LecternCmpOutcome) updated = NULL;

  lectern_consent_record_add (&tcf->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  tcf->detail = g_strdup ("TC string CQ");
  acted->applied = g_date_time_new_utc (2026, 11, 28, 10, 0, 0);

  alone = lectern_cmp_outcome_add_tc_string (NULL, tcf);
  g_assert_true (lectern_cmp_outcome_equal (alone, tcf));

  merged = lectern_cmp_outcome_add_tc_string (acted, tcf);
  g_assert_cmpstr (merged->name, ==, "quantcast");
  g_assert_cmpstr (merged->action, ==, "opt-out");
  g_assert_true (g_date_time_equal (merged->applied, acted->applied));
  g_assert_cmphex (merged->recorded.known, ==, tcf->recorded.known);
  g_assert_cmphex (merged->recorded.granted, ==, tcf->recorded.granted);
  g_assert_cmpstr (merged->detail, ==, "TC string CQ");

  /* Merging again changes nothing: no endless updates. */
  again = lectern_cmp_outcome_add_tc_string (merged, tcf);
  g_assert_true (lectern_cmp_outcome_equal (again, merged));

  /* The opt-out changed the string: its record wins. */
  later = lectern_cmp_outcome_copy (tcf);
  lectern_consent_record_init (&later->recorded);
  lectern_consent_record_add (&later->recorded, LECTERN_CATEGORY_TARGETING, FALSE);
  updated = lectern_cmp_outcome_add_tc_string (merged, later);
  g_assert_cmpstr (updated->name, ==, "quantcast");
  g_assert_true (lectern_consent_record_lookup (&updated->recorded, LECTERN_CATEGORY_TARGETING, NULL));
  g_assert_cmphex (updated->recorded.granted, ==, 0);

  /* OneTrust speaks for itself. */
  g_assert_null (lectern_cmp_outcome_add_tc_string (onetrust, tcf));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/cmp-outcome/variant-round-trip", test_variant_round_trip);
  g_test_add_func ("/lectern/cmp-outcome/awaiting", test_awaiting);
  g_test_add_func ("/lectern/cmp-outcome/variant-hostile", test_variant_hostile);
  g_test_add_func ("/lectern/cmp-outcome/equal", test_equal);
  g_test_add_func ("/lectern/cmp-outcome/boxed", test_boxed);
  g_test_add_func ("/lectern/cmp-outcome/add-tc-string", test_add_tc_string);

  return g_test_run ();
}
