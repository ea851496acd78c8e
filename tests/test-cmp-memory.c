/* test-cmp-memory.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-memory.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lectern-onetrust-codec.h"
#include "lectern-test-utils.h"

#define GROUPS_JSON \
  "[{\"OptanonGroupId\":\"1\",\"CustomGroupId\":\"C0001\",\"GroupName\":\"Strictly Necessary Cookies\",\"Hosts\":[]}," \
  " {\"OptanonGroupId\":\"9\",\"CustomGroupId\":\"C0009\",\"GroupName\":\"Advertising Cookies\",\"Hosts\":[]}]"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = lectern_test_dup_tmp_dir ("lectern-cmp-memory");
  fixture->path = g_build_filename (fixture->dir, "consent-tools.ini", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  lectern_test_rm_rf (fixture->dir, &error);
  g_assert_no_error (error);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Kept between runs, by id and name only, and read back into the same
 * groups. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(LecternCmpMemory) memory = lectern_cmp_memory_new (fixture->path);
  g_autoptr(LecternCmpMemory) reopened = NULL;
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *file = NULL;

  g_assert_null (lectern_cmp_memory_dup_onetrust_groups (memory, "harbour-gazette.com"));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_assert_true (lectern_cmp_memory_set_onetrust_groups (memory, "harbour-gazette.com", GROUPS_JSON, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture->path, &file, NULL, NULL));
  g_assert_null (strstr (file, "Hosts"));

  reopened = lectern_cmp_memory_new (fixture->path);
  json = lectern_cmp_memory_dup_onetrust_groups (reopened, "harbour-gazette.com");
  g_assert_nonnull (json);
  groups = lectern_onetrust_groups_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lectern_onetrust_groups_get_n_groups (groups), ==, 2);
  g_assert_cmpint (lectern_onetrust_groups_get_category (groups, "C0009"), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_null (lectern_cmp_memory_dup_onetrust_groups (reopened, "example.com"));
}

/* What a page sends is refused unless it is a group list; what was kept
 * stays. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const char * const bad[] = {
    "not json",
    "{\"Groups\":[]}",
    "[{\"CustomGroupId\":\"C0002\\n[other.com]\"}]",
    "[{\"GroupName\":\"no id\"}]",
  };
  g_autoptr(LecternCmpMemory) memory = lectern_cmp_memory_new (fixture->path);
  g_autofree char *kept = NULL;
  g_autoptr(GString) huge = g_string_new ("[");

  g_assert_true (lectern_cmp_memory_set_onetrust_groups (memory, "harbour-gazette.com", GROUPS_JSON, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lectern_cmp_memory_set_onetrust_groups (memory, "harbour-gazette.com", bad[i], &error));
      g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
    }

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (huge, "%s{\"CustomGroupId\":\"G%u\",\"GroupName\":\"A group with a rather long name\"}",
                            i > 0 ? "," : "", i);
  g_string_append_c (huge, ']');
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lectern_cmp_memory_set_onetrust_groups (memory, "harbour-gazette.com", huge->str, &error));
    g_assert_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID);
  }

  kept = lectern_cmp_memory_dup_onetrust_groups (memory, "harbour-gazette.com");
  g_assert_nonnull (strstr (kept, "C0009"));
}

/* A damaged file is set aside, never read as if it were right, and the
 * memory starts anew. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *aside = g_strconcat (fixture->path, ".damaged", NULL);
  g_autoptr(LecternCmpMemory) memory = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "[harbour-gazette.com\nonetrust-groups=[]", -1, NULL));

  memory = lectern_cmp_memory_new (fixture->path);
  g_assert_null (lectern_cmp_memory_dup_onetrust_groups (memory, "harbour-gazette.com"));
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_assert_true (lectern_cmp_memory_set_onetrust_groups (memory, "harbour-gazette.com", GROUPS_JSON, NULL));
  kept = lectern_cmp_memory_dup_onetrust_groups (memory, "harbour-gazette.com");
  g_assert_nonnull (kept);
}

/* A second damaged file is set aside beside the first, which stays; the
 * reader is told which file was kept. */
static void
test_damaged_twice (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *first = g_strconcat (fixture->path, ".damaged", NULL);
  g_autofree char *second = g_strconcat (fixture->path, ".damaged-2", NULL);
  g_autofree char *kept = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LecternCmpMemory) memory = NULL;
      g_autofree char *damage = g_strdup_printf ("[harbour-gazette.com\nattempt=%u", i);

      g_assert_true (g_file_set_contents (fixture->path, damage, -1, NULL));
      memory = lectern_cmp_memory_new (fixture->path);
      g_assert_nonnull (lectern_cmp_memory_get_recovery_message (memory));
      g_assert_nonnull (strstr (lectern_cmp_memory_get_recovery_message (memory), i == 0 ? first : second));
    }

  g_assert_true (g_file_get_contents (first, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "[harbour-gazette.com\nattempt=0");
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
}

/* A folder in the file's place is left alone: what is learned is kept
 * for the run, and the reader told. */
static void
test_folder_in_place (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(LecternCmpMemory) memory = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);

  memory = lectern_cmp_memory_new (fixture->path);
  g_assert_nonnull (strstr (lectern_cmp_memory_get_recovery_message (memory), "is a folder, not a file"));
  g_assert_true (lectern_cmp_memory_set_onetrust_groups (memory, "harbour-gazette.com", GROUPS_JSON, &error));
  g_assert_no_error (error);
  kept = lectern_cmp_memory_dup_onetrust_groups (memory, "harbour-gazette.com");
  g_assert_nonnull (strstr (kept, "C0009"));
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
}

/* Two processes of one profile learn a site each: the file keeps both. */
static void
test_two_processes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(LecternCmpMemory) window = lectern_cmp_memory_new (fixture->path);
  g_autoptr(LecternCmpMemory) report = lectern_cmp_memory_new (fixture->path);
  g_autoptr(LecternCmpMemory) later = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (lectern_cmp_memory_set_onetrust_groups (window, "harbour-gazette.com", GROUPS_JSON, NULL));
  g_assert_true (lectern_cmp_memory_set_onetrust_groups (report, "quayside-herald.com", GROUPS_JSON, NULL));

  later = lectern_cmp_memory_new (fixture->path);
  first = lectern_cmp_memory_dup_onetrust_groups (later, "harbour-gazette.com");
  second = lectern_cmp_memory_dup_onetrust_groups (later, "quayside-herald.com");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_null (lectern_cmp_memory_get_recovery_message (later));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/lectern/cmp-memory/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/lectern/cmp-memory/hostile", Fixture, NULL, fixture_set_up, test_hostile, fixture_tear_down);
  g_test_add ("/lectern/cmp-memory/damaged", Fixture, NULL, fixture_set_up, test_damaged, fixture_tear_down);
  g_test_add ("/lectern/cmp-memory/damaged-twice", Fixture, NULL, fixture_set_up, test_damaged_twice, fixture_tear_down);
  g_test_add ("/lectern/cmp-memory/folder-in-place", Fixture, NULL, fixture_set_up, test_folder_in_place,
              fixture_tear_down);
  g_test_add ("/lectern/cmp-memory/two-processes", Fixture, NULL, fixture_set_up, test_two_processes,
              fixture_tear_down);

  return g_test_run ();
}
