/* test-consent-record.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-consent-record.h"

static void
test_empty (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(GArray) violations = NULL;
  LecternConsentRecord record;
  gboolean granted = TRUE;

  lectern_consent_record_init (&record);

  for (LecternCategory category = 0; category <= LECTERN_CATEGORY_UNKNOWN; category++)
    g_assert_false (lectern_consent_record_lookup (&record, category, NULL));

  g_assert_false (lectern_consent_record_lookup (&record, LECTERN_CATEGORY_TARGETING, &granted));
  g_assert_false (granted);

  violations = lectern_consent_record_find_violations (&record, choices);
  g_assert_cmpuint (violations->len, ==, 0);
}

/* Two groups in one category: granted as soon as one of them is, in
 * whichever order they come. */
static void
test_any_grant_wins (void)
{
  LecternConsentRecord a, b;
  gboolean granted;

  lectern_consent_record_init (&a);
  lectern_consent_record_add (&a, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  lectern_consent_record_add (&a, LECTERN_CATEGORY_PERFORMANCE, TRUE);

  lectern_consent_record_init (&b);
  lectern_consent_record_add (&b, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_consent_record_add (&b, LECTERN_CATEGORY_PERFORMANCE, FALSE);

  g_assert_true (lectern_consent_record_lookup (&a, LECTERN_CATEGORY_PERFORMANCE, &granted));
  g_assert_true (granted);
  g_assert_true (lectern_consent_record_lookup (&b, LECTERN_CATEGORY_PERFORMANCE, &granted));
  g_assert_true (granted);
  g_assert_false (lectern_consent_record_lookup (&a, LECTERN_CATEGORY_TARGETING, NULL));

  /* Unknown says nothing comparable. */
  lectern_consent_record_add (&a, LECTERN_CATEGORY_UNKNOWN, TRUE);
  g_assert_false (lectern_consent_record_lookup (&a, LECTERN_CATEGORY_UNKNOWN, NULL));
}

static void
test_refused (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_SOCIAL, TRUE);

  g_assert_false (lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_NECESSARY));
  g_assert_true (lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_FUNCTIONAL));
  g_assert_true (lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_PERFORMANCE));
  g_assert_true (lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_TARGETING));
  g_assert_false (lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_SOCIAL));
  g_assert_true (lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_SALE));
  g_assert_false (lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_UNKNOWN));

  /* Trusting a site stops blocking; it consents to nothing. */
  lectern_site_choices_set_trusted (choices, TRUE);
  g_assert_true (lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_TARGETING));
}

static void
test_violations (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(GArray) violations = NULL;
  LecternConsentRecord record;

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);

  lectern_consent_record_init (&record);
  /* Necessary granted: never a violation. */
  lectern_consent_record_add (&record, LECTERN_CATEGORY_NECESSARY, TRUE);
  /* Allowed and granted: fine. */
  lectern_consent_record_add (&record, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  /* Refused and refused: fine. */
  lectern_consent_record_add (&record, LECTERN_CATEGORY_FUNCTIONAL, FALSE);
  /* Refused but granted: the two violations, reported in category order. */
  lectern_consent_record_add (&record, LECTERN_CATEGORY_SALE, TRUE);
  lectern_consent_record_add (&record, LECTERN_CATEGORY_TARGETING, TRUE);
  /* Social refused and not recorded at all: not a violation. */

  violations = lectern_consent_record_find_violations (&record, choices);
  g_assert_cmpuint (violations->len, ==, 2);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 0), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (g_array_index (violations, LecternCategory, 1), ==, LECTERN_CATEGORY_SALE);
}

/* A banner that knows only "accept" and "refuse". */
static void
test_answer (void)
{
  const char * const all[] = { "necessary", "functional", "performance", "targeting", "social", "sale", NULL };
  g_autoptr(LecternSiteChoices) refusing = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) allowing = lectern_site_choices_new_allowing ("example.com", all);

  g_assert_cmpint (lectern_consent_record_get_answer (NULL), ==, LECTERN_CONSENT_ANSWER_REFUSE);
  g_assert_cmpint (lectern_consent_record_get_answer (refusing), ==, LECTERN_CONSENT_ANSWER_REFUSE);
  g_assert_cmpint (lectern_consent_record_get_answer (allowing), ==, LECTERN_CONSENT_ANSWER_ACCEPT);

  /* Trusting a site stops blocking; it consents to nothing. */
  lectern_site_choices_set_trusted (refusing, TRUE);
  g_assert_cmpint (lectern_consent_record_get_answer (refusing), ==, LECTERN_CONSENT_ANSWER_REFUSE);

  /* One category off is enough to refuse. */
  lectern_site_choices_set_allowed (allowing, LECTERN_CATEGORY_SALE, FALSE);
  g_assert_cmpint (lectern_consent_record_get_answer (allowing), ==, LECTERN_CONSENT_ANSWER_REFUSE);

  lectern_site_choices_set_leave_banner (allowing, TRUE);
  g_assert_cmpint (lectern_consent_record_get_answer (allowing), ==, LECTERN_CONSENT_ANSWER_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/consent-record/empty", test_empty);
  g_test_add_func ("/lectern/consent-record/any-grant-wins", test_any_grant_wins);
  g_test_add_func ("/lectern/consent-record/refused", test_refused);
  g_test_add_func ("/lectern/consent-record/violations", test_violations);
  g_test_add_func ("/lectern/consent-record/answer", test_answer);

  return g_test_run ();
}
