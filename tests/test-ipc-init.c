/* test-ipc-init.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-ipc-init.h"
#include "lectern-ipc.h"

/* Packs @init and unpacks it again, as the two processes do. */
static LecternIpcInit *
round_trip (const LecternIpcInit *init)
{
  g_autoptr(GVariant) variant = g_variant_ref_sink (lectern_ipc_init_to_variant (init));
  g_autoptr(GError) error = NULL;
  LecternIpcInit *back;

  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE (LECTERN_IPC_INIT_TYPE)));

  back = lectern_ipc_init_new_from_variant (variant, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);

  return back;
}

static void
test_round_trip (void)
{
  g_autoptr(LecternIpcInit) init = lectern_ipc_init_new ();
  g_autoptr(LecternIpcInit) back = NULL;
  g_autoptr(LecternSiteChoices) site = lectern_site_choices_new ("harbour-gazette.com");
  const char * const gazette_trackers[] = { "Google Analytics", "cdn.example.net", NULL };
  const char * const no_trackers[] = { NULL };
  const LecternIpcFilterList *list;
  const LecternIpcAllowedTrackers *allowed;

  lectern_ipc_init_add_filter_list (init, "/lists/easylist.txt", LECTERN_FILTER_LIST_EASYLIST);
  lectern_ipc_init_add_filter_list (init, "/lists/easyprivacy.txt", LECTERN_FILTER_LIST_EASYPRIVACY);
  lectern_ipc_init_add_filter_list (init, "/lists/other.txt", LECTERN_FILTER_LIST_OTHER);
  init->tracker_db_path = g_strdup ("/data/trackers.json");
  init->tracker_companies_path = g_strdup ("/data/companies.json");
  lectern_site_choices_set_allowed (init->defaults, LECTERN_CATEGORY_FUNCTIONAL, TRUE);
  lectern_site_choices_set_allowed (site, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_site_choices_set_trusted (site, TRUE);
  lectern_site_choices_set_leave_banner (site, TRUE);
  g_ptr_array_add (init->sites, lectern_site_choices_copy (site));
  g_ptr_array_add (init->sites, lectern_site_choices_new ("quiet-news.org"));
  init->filter_cache_path = g_strdup ("/cache/filters.cache");
  init->filter_cache_key = g_strdup ("0123abcd");
  lectern_ipc_init_add_allowed_trackers (init, "harbour-gazette.com", gazette_trackers);
  lectern_ipc_init_add_allowed_trackers (init, "quiet-news.org", no_trackers);

  back = round_trip (init);

  g_assert_cmpuint (back->filter_lists->len, ==, 3);
  list = &g_array_index (back->filter_lists, LecternIpcFilterList, 0);
  g_assert_cmpstr (list->path, ==, "/lists/easylist.txt");
  g_assert_cmpint (list->kind, ==, LECTERN_FILTER_LIST_EASYLIST);
  list = &g_array_index (back->filter_lists, LecternIpcFilterList, 1);
  g_assert_cmpstr (list->path, ==, "/lists/easyprivacy.txt");
  g_assert_cmpint (list->kind, ==, LECTERN_FILTER_LIST_EASYPRIVACY);
  list = &g_array_index (back->filter_lists, LecternIpcFilterList, 2);
  g_assert_cmpstr (list->path, ==, "/lists/other.txt");
  g_assert_cmpint (list->kind, ==, LECTERN_FILTER_LIST_OTHER);

  g_assert_cmpstr (back->tracker_db_path, ==, "/data/trackers.json");
  g_assert_cmpstr (back->tracker_companies_path, ==, "/data/companies.json");

  g_assert_true (lectern_site_choices_equal (back->defaults, init->defaults));
  g_assert_cmpuint (back->sites->len, ==, 2);
  g_assert_true (lectern_site_choices_equal (g_ptr_array_index (back->sites, 0), site));
  g_assert_true (lectern_site_choices_equal (g_ptr_array_index (back->sites, 1), g_ptr_array_index (init->sites, 1)));

  g_assert_cmpstr (back->filter_cache_path, ==, "/cache/filters.cache");
  g_assert_cmpstr (back->filter_cache_key, ==, "0123abcd");

  g_assert_cmpuint (back->allowed_trackers->len, ==, 2);
  allowed = &g_array_index (back->allowed_trackers, LecternIpcAllowedTrackers, 0);
  g_assert_cmpstr (allowed->site, ==, "harbour-gazette.com");
  g_assert_cmpstrv (allowed->trackers, gazette_trackers);
  allowed = &g_array_index (back->allowed_trackers, LecternIpcAllowedTrackers, 1);
  g_assert_cmpstr (allowed->site, ==, "quiet-news.org");
  g_assert_cmpstrv (allowed->trackers, no_trackers);
}

static void
test_empty (void)
{
  g_autoptr(LecternIpcInit) init = lectern_ipc_init_new ();
  g_autoptr(LecternIpcInit) back = round_trip (init);
  g_autoptr(LecternSiteChoices) out_of_the_box = lectern_site_choices_new (NULL);

  g_assert_cmpuint (back->filter_lists->len, ==, 0);
  g_assert_null (back->tracker_db_path);
  g_assert_null (back->tracker_companies_path);
  g_assert_true (lectern_site_choices_equal (back->defaults, out_of_the_box));
  g_assert_cmpuint (back->sites->len, ==, 0);
  g_assert_null (back->filter_cache_path);
  g_assert_null (back->filter_cache_key);
  g_assert_cmpuint (back->allowed_trackers->len, ==, 0);
}

static void
test_wrong_type (void)
{
  g_autoptr(LecternIpcInit) init = lectern_ipc_init_new ();
  g_autoptr(GVariant) right = g_variant_ref_sink (lectern_ipc_init_to_variant (init));
  g_autoptr(GVariant) wrapped = g_variant_ref_sink (g_variant_new_variant (right));
  g_autoptr(GVariant) choices = g_variant_ref_sink (lectern_site_choices_to_variant (init->defaults));
  g_autoptr(GVariant) string = g_variant_ref_sink (g_variant_new_string ("easylist.txt"));
  GVariant *wrong[] = { wrapped, choices, string };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    {
      g_autoptr(LecternIpcInit) refused = NULL;
      g_autoptr(GError) error = NULL;

      refused = lectern_ipc_init_new_from_variant (wrong[i], &error);
      g_assert_error (error, LECTERN_IPC_INIT_ERROR, LECTERN_IPC_INIT_ERROR_WRONG_TYPE);
      g_assert_null (refused);
    }
}

static void
test_unknown_list_kind (void)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(LecternIpcInit) init = lectern_ipc_init_new ();
  g_autoptr(LecternIpcInit) back = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder lists;

  /* A list kind from a newer version counts as any other list. */
  g_variant_builder_init (&lists, G_VARIANT_TYPE ("a(ss)"));
  g_variant_builder_add (&lists, "(ss)", "/lists/fanboy.txt", "fanboy-annoyance");
  variant = g_variant_ref_sink (g_variant_new ("(a(ss)ss@" LECTERN_SITE_CHOICES_VARIANT_TYPE "a" LECTERN_SITE_CHOICES_VARIANT_TYPE "(ss)a" LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE ")",
                                               &lists, "", "", lectern_site_choices_to_variant (init->defaults),
                                               NULL, "", "", NULL));

  back = lectern_ipc_init_new_from_variant (variant, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->filter_lists->len, ==, 1);
  g_assert_cmpint (g_array_index (back->filter_lists, LecternIpcFilterList, 0).kind, ==, LECTERN_FILTER_LIST_OTHER);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/ipc-init/round-trip", test_round_trip);
  g_test_add_func ("/lectern/ipc-init/empty", test_empty);
  g_test_add_func ("/lectern/ipc-init/wrong-type", test_wrong_type);
  g_test_add_func ("/lectern/ipc-init/unknown-list-kind", test_unknown_list_kind);

  return g_test_run ();
}
