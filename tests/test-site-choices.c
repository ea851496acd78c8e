/* test-site-choices.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib-object.h>

#include "lectern-site-choices.h"

static void
test_defaults (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");

  g_assert_cmpstr (lectern_site_choices_get_site (choices), ==, "example.com");
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_NECESSARY));
  for (guint i = LECTERN_CATEGORY_FUNCTIONAL; i < LECTERN_N_CATEGORIES; i++)
    {
      g_assert_false (lectern_site_choices_get_allowed (choices, i));
      g_assert_true (lectern_site_choices_blocks (choices, i));
    }
  g_assert_false (lectern_site_choices_get_trusted (choices));
  g_assert_false (lectern_site_choices_blocks (choices, LECTERN_CATEGORY_NECESSARY));
}

static void
test_defaults_without_site (void)
{
  g_autoptr(LecternSiteChoices) a = lectern_site_choices_new (NULL);
  g_autoptr(LecternSiteChoices) b = lectern_site_choices_new ("");

  g_assert_cmpstr (lectern_site_choices_get_site (a), ==, "");
  g_assert_true (lectern_site_choices_equal (a, b));
}

static void
test_necessary_stays_on (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_NECESSARY, FALSE);
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_NECESSARY));
  g_assert_false (lectern_site_choices_blocks (choices, LECTERN_CATEGORY_NECESSARY));
}

static void
test_unknown_never_blocks (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");

  g_assert_false (lectern_site_choices_blocks (choices, LECTERN_CATEGORY_UNKNOWN));
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_UNKNOWN));
}

static void
test_set_allowed (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_PERFORMANCE));
  g_assert_false (lectern_site_choices_blocks (choices, LECTERN_CATEGORY_PERFORMANCE));
  g_assert_true (lectern_site_choices_blocks (choices, LECTERN_CATEGORY_TARGETING));

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  g_assert_true (lectern_site_choices_blocks (choices, LECTERN_CATEGORY_PERFORMANCE));
}

static void
test_trusted_blocks_nothing (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");

  lectern_site_choices_set_trusted (choices, TRUE);
  g_assert_true (lectern_site_choices_get_trusted (choices));
  for (guint i = 0; i <= LECTERN_CATEGORY_UNKNOWN; i++)
    g_assert_false (lectern_site_choices_blocks (choices, i));

  /* Trust does not change the switches themselves. */
  g_assert_false (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_TARGETING));
}

static void
test_copy_and_equal (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) copy = NULL;
  g_autoptr(LecternSiteChoices) other = NULL;

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_SOCIAL, TRUE);
  copy = lectern_site_choices_copy (choices);
  g_assert_true (copy != choices);
  g_assert_true (lectern_site_choices_equal (choices, copy));

  lectern_site_choices_set_trusted (copy, TRUE);
  g_assert_false (lectern_site_choices_equal (choices, copy));

  other = lectern_site_choices_copy_for_site (choices, "example.org");
  g_assert_cmpstr (lectern_site_choices_get_site (other), ==, "example.org");
  g_assert_true (lectern_site_choices_get_allowed (other, LECTERN_CATEGORY_SOCIAL));
  g_assert_false (lectern_site_choices_equal (choices, other));
}

static void
test_boxed (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  LecternSiteChoices *copy;

  g_assert_true (G_TYPE_IS_BOXED (LECTERN_TYPE_SITE_CHOICES));
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_SALE, TRUE);

  copy = g_boxed_copy (LECTERN_TYPE_SITE_CHOICES, choices);
  g_assert_true (lectern_site_choices_equal (choices, copy));
  g_boxed_free (LECTERN_TYPE_SITE_CHOICES, copy);
}

static void
test_variant_round_trip (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) back = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) allowed = NULL;
  gboolean on;

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_site_choices_set_trusted (choices, TRUE);

  variant = g_variant_ref_sink (lectern_site_choices_to_variant (choices));
  g_assert_cmpstr (g_variant_get_type_string (variant), ==, LECTERN_SITE_CHOICES_VARIANT_TYPE);

  /* The wire form is keyed by category id, one entry per switch. */
  allowed = g_variant_get_child_value (variant, 1);
  g_assert_cmpuint (g_variant_n_children (allowed), ==, LECTERN_N_CATEGORIES);
  g_assert_true (g_variant_lookup (allowed, "performance", "b", &on));
  g_assert_true (on);
  g_assert_true (g_variant_lookup (allowed, "targeting", "b", &on));
  g_assert_false (on);

  back = lectern_site_choices_new_from_variant (variant);
  g_assert_nonnull (back);
  g_assert_true (lectern_site_choices_equal (choices, back));
}

static void
test_variant_hostile (void)
{
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autoptr(GVariant) wrong = NULL;
  g_autoptr(GVariant) odd = NULL;
  GVariantBuilder builder;

  wrong = g_variant_ref_sink (g_variant_new ("(sb)", "example.com", TRUE));
  g_assert_null (lectern_site_choices_new_from_variant (wrong));

  /* Unknown keys are ignored, necessary cannot be refused, and what is
   * left out keeps its default. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sb}"));
  g_variant_builder_add (&builder, "{sb}", "necessary", FALSE);
  g_variant_builder_add (&builder, "{sb}", "targeting", TRUE);
  g_variant_builder_add (&builder, "{sb}", "telepathy", TRUE);
  g_variant_builder_add (&builder, "{sb}", "unknown", TRUE);
  odd = g_variant_ref_sink (g_variant_new ("(sa{sb}b)", "example.com", &builder, FALSE));

  choices = lectern_site_choices_new_from_variant (odd);
  g_assert_nonnull (choices);
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_NECESSARY));
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_TARGETING));
  g_assert_false (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_PERFORMANCE));
  g_assert_false (lectern_site_choices_get_trusted (choices));
}

/* The banner flag is off by default, compared, copied and carried to
 * the web process; a sender of the older form without it still reads. */
static void
test_leave_banner (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) copy = NULL;
  g_autoptr(LecternSiteChoices) back = NULL;
  g_autoptr(LecternSiteChoices) old_back = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) old = NULL;
  GVariantBuilder builder;

  g_assert_false (lectern_site_choices_get_leave_banner (choices));

  copy = lectern_site_choices_copy (choices);
  lectern_site_choices_set_leave_banner (choices, TRUE);
  g_assert_true (lectern_site_choices_get_leave_banner (choices));
  g_assert_false (lectern_site_choices_equal (choices, copy));

  variant = g_variant_ref_sink (lectern_site_choices_to_variant (choices));
  back = lectern_site_choices_new_from_variant (variant);
  g_assert_nonnull (back);
  g_assert_true (lectern_site_choices_get_leave_banner (back));
  g_assert_true (lectern_site_choices_equal (choices, back));

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sb}"));
  g_variant_builder_add (&builder, "{sb}", "social", TRUE);
  old = g_variant_ref_sink (g_variant_new ("(sa{sb}b)", "example.com", &builder, TRUE));
  old_back = lectern_site_choices_new_from_variant (old);
  g_assert_nonnull (old_back);
  g_assert_true (lectern_site_choices_get_trusted (old_back));
  g_assert_true (lectern_site_choices_get_allowed (old_back, LECTERN_CATEGORY_SOCIAL));
  g_assert_false (lectern_site_choices_get_leave_banner (old_back));
}

static void
test_to_string (void)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example.com");
  g_autoptr(LecternSiteChoices) defaults = lectern_site_choices_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *defaults_text = NULL;

  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  text = lectern_site_choices_to_string (choices);
  g_assert_cmpstr (text, ==,
                   "site: example.com\n"
                   "necessary: on\n"
                   "functional: off\n"
                   "performance: on\n"
                   "targeting: off\n"
                   "social: off\n"
                   "sale: off\n"
                   "trusted: no\n");

  lectern_site_choices_set_trusted (defaults, TRUE);
  defaults_text = lectern_site_choices_to_string (defaults);
  g_assert_true (g_str_has_prefix (defaults_text, "necessary: on\n"));
  g_assert_true (g_str_has_suffix (defaults_text, "sale: off\ntrusted: yes\n"));

  /* Only a site whose banner is left alone says so. */
  lectern_site_choices_set_leave_banner (choices, TRUE);
  g_clear_pointer (&text, g_free);
  text = lectern_site_choices_to_string (choices);
  g_assert_true (g_str_has_suffix (text, "trusted: no\nleave-banner: yes\n"));
}

static void
test_allowing (void)
{
  const char * const ids[] = { "performance", "social", "no-such-category", "unknown", NULL };
  const char * const none[] = { NULL };
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new_allowing (NULL, ids);
  g_autoptr(LecternSiteChoices) strict = lectern_site_choices_new_allowing ("example.com", none);
  g_auto(GStrv) back = NULL;

  g_assert_cmpstr (lectern_site_choices_get_site (choices), ==, "");
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_NECESSARY));
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_PERFORMANCE));
  g_assert_true (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_SOCIAL));
  g_assert_false (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_TARGETING));
  g_assert_false (lectern_site_choices_get_allowed (choices, LECTERN_CATEGORY_SALE));

  /* An empty list still allows what is strictly necessary. */
  g_assert_true (lectern_site_choices_get_allowed (strict, LECTERN_CATEGORY_NECESSARY));
  g_assert_false (lectern_site_choices_get_allowed (strict, LECTERN_CATEGORY_FUNCTIONAL));

  back = lectern_site_choices_dup_allowed_ids (choices);
  g_assert_cmpstrv (back, ((const char * const[]) { "necessary", "performance", "social", NULL }));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/site-choices/defaults", test_defaults);
  g_test_add_func ("/lectern/site-choices/defaults-without-site", test_defaults_without_site);
  g_test_add_func ("/lectern/site-choices/necessary-stays-on", test_necessary_stays_on);
  g_test_add_func ("/lectern/site-choices/unknown-never-blocks", test_unknown_never_blocks);
  g_test_add_func ("/lectern/site-choices/set-allowed", test_set_allowed);
  g_test_add_func ("/lectern/site-choices/trusted-blocks-nothing", test_trusted_blocks_nothing);
  g_test_add_func ("/lectern/site-choices/copy-and-equal", test_copy_and_equal);
  g_test_add_func ("/lectern/site-choices/boxed", test_boxed);
  g_test_add_func ("/lectern/site-choices/variant-round-trip", test_variant_round_trip);
  g_test_add_func ("/lectern/site-choices/variant-hostile", test_variant_hostile);
  g_test_add_func ("/lectern/site-choices/to-string", test_to_string);
  g_test_add_func ("/lectern/site-choices/leave-banner", test_leave_banner);
  g_test_add_func ("/lectern/site-choices/allowing", test_allowing);

  return g_test_run ();
}
