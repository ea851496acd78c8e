/* test-filter-cache.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "lectern-filter-cache.h"

typedef struct
{
  char                *dir;
  char                *list;
  char                *cache;
  LecternFilterSource  source;
} Fixture;

static const char list_text[] =
  "! Title: test\n"
  "||ads.example^\n"
  "@@||ads.example/ok^\n"
  "/banner[0-9]+/$image\n"
  "||x.example^$csp=default-src 'self'\n"
  "example.com##.ad\n";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("lectern-filter-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->list = g_build_filename (fixture->dir, "easylist.txt", NULL);
  fixture->cache = g_build_filename (fixture->dir, "cache", LECTERN_FILTER_CACHE_BASENAME, NULL);
  fixture->source.path = fixture->list;
  fixture->source.list = LECTERN_FILTER_LIST_EASYLIST;

  {
    g_autofree char *cache_dir = g_path_get_dirname (fixture->cache);

    g_assert_cmpint (g_mkdir_with_parents (cache_dir, 0700), ==, 0);
  }

  g_file_set_contents (fixture->list, list_text, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->list);
  g_free (fixture->cache);
}

static gboolean
blocks (LecternFilterEngine *engine,
        const char          *url,
        LecternResourceTypes types)
{
  LecternRequest request = { url, "https://news.example.org/", types, FALSE };
  LecternFilterMatch match;

  return lectern_filter_engine_match (engine, &request, &match);
}

static void
assert_decides_like_list (LecternFilterEngine *engine)
{
  const LecternFilterStats *stats = lectern_filter_engine_get_stats (engine);
  g_autoptr(GPtrArray) selectors = lectern_filter_engine_dup_selectors (engine, "www.example.com", FALSE);

  g_assert_cmpuint (stats->rules, ==, 3);
  g_assert_cmpuint (stats->skipped_by[LECTERN_FILTER_SKIP_MODIFIER], ==, 1);
  g_assert_cmpuint (stats->cosmetic, ==, 1);
  g_assert_cmpuint (stats->comments, ==, 1);
  g_assert_true (blocks (engine, "https://ads.example/a.js", LECTERN_RESOURCE_SCRIPT));
  g_assert_false (blocks (engine, "https://ads.example/ok/a.js", LECTERN_RESOURCE_SCRIPT));
  g_assert_true (blocks (engine, "https://cdn.example/banner12.png", LECTERN_RESOURCE_IMAGE));
  g_assert_false (blocks (engine, "https://cdn.example/banner12.png", LECTERN_RESOURCE_SCRIPT));
  g_assert_cmpuint (selectors->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (selectors, 0), ==, ".ad");
}

/* An engine loaded from the cache takes no rules: that tells it apart
 * from one built from the lists. */
static gboolean
is_from_cache (LecternFilterEngine *engine)
{
  g_autoptr(GError) error = NULL;

  if (lectern_filter_engine_add_rule (engine, "||more.example^", LECTERN_FILTER_LIST_OTHER, &error))
    return FALSE;

  return g_error_matches (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_READ_ONLY);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LecternFilterEngine) built = NULL;
  g_autoptr(LecternFilterEngine) loaded = NULL;
  g_autoptr(LecternFilterEngine) any = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = lectern_filter_cache_compute_key (&fixture->source, 1);
  g_autoptr(GDir) dir = NULL;
  g_autofree char *cache_dir = g_path_get_dirname (fixture->cache);
  guint n_files = 0;

  g_assert_cmpuint (strlen (key), ==, 64);

  built = lectern_filter_cache_build (&fixture->source, 1, &error);
  g_assert_no_error (error);
  assert_decides_like_list (built);

  g_assert_true (lectern_filter_cache_write (built, fixture->cache, key, &error));
  g_assert_no_error (error);

  /* Written through a temporary file that is gone once renamed. */
  dir = g_dir_open (cache_dir, 0, &error);
  g_assert_no_error (error);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  loaded = lectern_filter_cache_load (fixture->cache, key, TRUE, &error);
  g_assert_no_error (error);
  assert_decides_like_list (loaded);
  g_assert_true (is_from_cache (loaded));

  any = lectern_filter_cache_load (fixture->cache, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (any);
}

static void
test_ensure (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(LecternFilterEngine) first = NULL;
  g_autoptr(LecternFilterEngine) second = NULL;
  g_autoptr(LecternFilterEngine) third = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *key = NULL;
  g_autofree char *new_key = NULL;

  /* No cache yet: built quietly. */
  first = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, &key, &message, &error);
  g_assert_no_error (error);
  g_assert_null (message);
  g_assert_false (is_from_cache (first));
  g_assert_true (g_file_test (fixture->cache, G_FILE_TEST_IS_REGULAR));

  second = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
  g_assert_no_error (error);
  g_assert_null (message);
  g_assert_true (is_from_cache (second));
  assert_decides_like_list (second);

  /* The list changed: the cache is stale, rebuilt with a message. */
  g_file_set_contents (fixture->list, "||other.example^\n", -1, &error);
  g_assert_no_error (error);
  third = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, &new_key, &message, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "other lists"));
  g_assert_false (is_from_cache (third));
  g_assert_cmpstr (key, !=, new_key);
  g_assert_true (blocks (third, "https://other.example/", LECTERN_RESOURCE_SCRIPT));
  g_assert_false (blocks (third, "https://ads.example/", LECTERN_RESOURCE_SCRIPT));

  g_clear_pointer (&third, lectern_filter_engine_free);
  g_clear_pointer (&message, g_free);
  g_clear_pointer (&key, g_free);
  third = lectern_filter_cache_load (fixture->cache, new_key, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (blocks (third, "https://other.example/", LECTERN_RESOURCE_SCRIPT));
}

static void
write_cache (Fixture *fixture,
             char   **contents,
             gsize   *length)
{
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = lectern_filter_cache_compute_key (&fixture->source, 1);

  engine = lectern_filter_cache_build (&fixture->source, 1, &error);
  g_assert_no_error (error);
  g_assert_true (lectern_filter_cache_write (engine, fixture->cache, key, &error));
  g_assert_no_error (error);
  g_file_get_contents (fixture->cache, contents, length, &error);
  g_assert_no_error (error);
}

static void
assert_rebuilt (Fixture    *fixture,
                int         code,
                const char *words)
{
  g_autoptr(LecternFilterEngine) loaded = NULL;
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(LecternFilterEngine) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *key = lectern_filter_cache_compute_key (&fixture->source, 1);

  loaded = lectern_filter_cache_load (fixture->cache, key, TRUE, &error);
  g_assert_null (loaded);
  g_assert_error (error, LECTERN_FILTER_CACHE_ERROR, code);
  g_clear_error (&error);

  engine = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, words));
  assert_decides_like_list (engine);
  g_assert_false (is_from_cache (engine));

  /* And the rebuilt file is good again. */
  again = lectern_filter_cache_load (fixture->cache, key, TRUE, &error);
  g_assert_no_error (error);
  assert_decides_like_list (again);
}

/* A cache of an older format beside the current one is what an update
 * leaves behind: it goes. A newer one is a newer Lectern's: it stays, and
 * the reader is told when this version builds its own beside it. Nothing
 * else in the folder is touched. */
static void
test_other_formats (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->cache);
  g_autofree char *old = g_build_filename (dir, "filters-v1.bin", NULL);
  g_autofree char *newer = g_build_filename (dir, "filters-v99999.bin", NULL);
  g_autofree char *kept = g_build_filename (dir, "filters-v2.bin.notes", NULL);
  g_autofree char *also_kept = g_build_filename (dir, "filters-vx.bin", NULL);

  g_assert_true (g_str_has_prefix (LECTERN_FILTER_CACHE_BASENAME, "filters-v"));
  for (guint i = 0; i < 4; i++)
    {
      const char *name = (const char *[]) { old, newer, kept, also_kept }[i];

      g_file_set_contents (name, "an old cache", -1, &error);
      g_assert_no_error (error);
    }

  engine = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
  g_assert_no_error (error);
  g_assert_nonnull (engine);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, newer));
  g_assert_nonnull (strstr (message, "newer version"));

  g_assert_true (g_file_test (fixture->cache, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newer, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (also_kept, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fixture->list, G_FILE_TEST_EXISTS));

  /* Said once: the next start uses its own cache without a word. */
  g_clear_pointer (&engine, lectern_filter_engine_free);
  g_clear_pointer (&message, g_free);
  engine = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
  g_assert_no_error (error);
  g_assert_true (is_from_cache (engine));
  g_assert_null (message);
  g_assert_true (g_file_test (newer, G_FILE_TEST_EXISTS));
}

/* A pipe or a folder where the cache should be: start-up neither waits
 * for the pipe nor replaces either; it runs without a cache, and says so. */
static void
test_not_a_file (Fixture       *fixture,
                 gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LecternFilterEngine) engine = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      GStatBuf buf;

      g_assert_cmpint (mkfifo (fixture->cache, 0600), ==, 0);
      engine = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
      g_assert_no_error (error);
      assert_decides_like_list (engine);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, "not a regular file"));
      g_assert_cmpint (g_stat (fixture->cache, &buf), ==, 0);
      g_assert_true (S_ISFIFO (buf.st_mode));
      g_clear_pointer (&engine, lectern_filter_engine_free);
      g_clear_pointer (&message, g_free);
      g_assert_cmpint (g_unlink (fixture->cache), ==, 0);

      g_assert_cmpint (g_mkdir (fixture->cache, 0700), ==, 0);
      engine = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
      g_assert_no_error (error);
      assert_decides_like_list (engine);
      g_assert_nonnull (strstr (message, "is a folder"));
      g_assert_true (g_file_test (fixture->cache, G_FILE_TEST_IS_DIR));
      return;
    }

  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* An empty list blocks nothing: the reader is told, at every start, not
 * only when the cache is rebuilt. */
static void
test_empty_list (Fixture       *fixture,
                 gconstpointer  data)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LecternFilterEngine) engine = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      g_file_set_contents (fixture->list, i == 0 ? "" : "! Title: EasyList\n[Adblock Plus 2.0]\n\n", -1, &error);
      g_assert_no_error (error);

      engine = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (lectern_filter_engine_get_stats (engine)->rules, ==, 0);
      g_assert_nonnull (message);
      g_assert_nonnull (strstr (message, "EasyList holds no rules"));
      g_clear_pointer (&engine, lectern_filter_engine_free);
      g_clear_pointer (&message, g_free);

      engine = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
      g_assert_true (is_from_cache (engine));
      g_assert_nonnull (strstr (message, "EasyList holds no rules"));
    }
}

/* A list saved as UTF-16 with a byte order mark reads as its text; one
 * in another encoding is left out, and the reader told. */
static void
test_list_encodings (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "easyprivacy.txt", NULL);
  LecternFilterSource sources[] = {
    { fixture->list, LECTERN_FILTER_LIST_EASYLIST },
    { other, LECTERN_FILTER_LIST_EASYPRIVACY },
  };
  const char *charsets[] = { "UTF-16LE", "UTF-16BE" };
  const char *marks[] = { "\xff\xfe", "\xfe\xff" };

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autoptr(LecternFilterEngine) engine = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;
      g_autofree char *encoded = NULL;
      g_autofree char *file = NULL;
      gsize length;

      encoded = g_convert (list_text, -1, charsets[i], "UTF-8", NULL, &length, &error);
      g_assert_no_error (error);
      file = g_malloc (length + 2);
      memcpy (file, marks[i], 2);
      memcpy (file + 2, encoded, length);
      g_file_set_contents (fixture->list, file, length + 2, &error);
      g_assert_no_error (error);

      engine = lectern_filter_cache_ensure (fixture->cache, &fixture->source, 1, NULL, &message, &error);
      g_assert_no_error (error);
      assert_decides_like_list (engine);
      g_assert_true (message == NULL || strstr (message, "EasyList") == NULL);
    }

  /* Latin-1: EasyPrivacy still counts, EasyList is left out with a word. */
  {
    g_autoptr(LecternFilterEngine) engine = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *message = NULL;

    g_file_set_contents (fixture->list, "! Titre : liste \xe9" "dit\xe9" "e\n||ads.example^\n", -1, &error);
    g_assert_no_error (error);
    g_file_set_contents (other, "||other.example^\n", -1, &error);
    g_assert_no_error (error);

    engine = lectern_filter_cache_ensure (fixture->cache, sources, 2, NULL, &message, &error);
    g_assert_no_error (error);
    g_assert_nonnull (message);
    g_assert_nonnull (strstr (message, "EasyList was left out"));
    g_assert_nonnull (strstr (message, "not UTF-8 text"));
    g_assert_true (blocks (engine, "https://other.example/", LECTERN_RESOURCE_SCRIPT));
    g_assert_false (blocks (engine, "https://ads.example/", LECTERN_RESOURCE_SCRIPT));
    g_clear_pointer (&engine, lectern_filter_engine_free);

    /* Alone, it leaves nothing to read. */
    engine = lectern_filter_cache_ensure (fixture->cache, sources, 1, NULL, NULL, &error);
    g_assert_null (engine);
    g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
  }
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  write_cache (fixture, &contents, &length);
  g_file_set_contents (fixture->cache, contents, length - 100, &error);
  g_assert_no_error (error);
  assert_rebuilt (fixture, LECTERN_FILTER_CACHE_ERROR_TRUNCATED, "bytes instead of");

  g_file_set_contents (fixture->cache, contents, 10, &error);
  g_assert_no_error (error);
  assert_rebuilt (fixture, LECTERN_FILTER_CACHE_ERROR_TRUNCATED, "cut short");

  g_file_set_contents (fixture->cache, "", 0, &error);
  g_assert_no_error (error);
  assert_rebuilt (fixture, LECTERN_FILTER_CACHE_ERROR_TRUNCATED, "cut short");
}

static void
test_foreign (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char garbage[4096];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7);
  g_file_set_contents (fixture->cache, garbage, sizeof garbage, &error);
  g_assert_no_error (error);
  assert_rebuilt (fixture, LECTERN_FILTER_CACHE_ERROR_FOREIGN, "not a filter cache");
}

static void
test_other_version (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* The engine's format version follows the magic and the container's. */
  write_cache (fixture, &contents, &length);
  contents[12] ^= 0x40;
  g_file_set_contents (fixture->cache, contents, length, &error);
  g_assert_no_error (error);
  assert_rebuilt (fixture, LECTERN_FILTER_CACHE_ERROR_VERSION, "another version");
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  write_cache (fixture, &contents, &length);
  contents[length / 2] ^= 0x01;
  g_file_set_contents (fixture->cache, contents, length, &error);
  g_assert_no_error (error);
  assert_rebuilt (fixture, LECTERN_FILTER_CACHE_ERROR_CHECKSUM, "checksum");
}

static void
test_stale (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  write_cache (fixture, &contents, &length);
  g_file_set_contents (fixture->list, "! Title: test, edited\n||ads.example^\n"
                       "@@||ads.example/ok^\n/banner[0-9]+/$image\n"
                       "||x.example^$csp=default-src 'self'\nexample.com##.ad\n", -1, &error);
  g_assert_no_error (error);
  assert_rebuilt (fixture, LECTERN_FILTER_CACHE_ERROR_STALE, "other lists");
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *blocker = g_build_filename (fixture->dir, "file", NULL);
  g_autofree char *cache = g_build_filename (blocker, "cache.bin", NULL);

  /* The cache's folder cannot exist: a file is in the way. */
  g_file_set_contents (blocker, "x", 1, &error);
  g_assert_no_error (error);

  engine = lectern_filter_cache_ensure (cache, &fixture->source, 1, NULL, &message, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  assert_decides_like_list (engine);
}

static void
test_no_lists (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.txt", NULL);
  LecternFilterSource sources[] = {
    { missing, LECTERN_FILTER_LIST_EASYPRIVACY },
    { fixture->list, LECTERN_FILTER_LIST_EASYLIST },
  };

  /* One list missing: the other still counts. */
  engine = lectern_filter_cache_build (sources, 2, &error);
  g_assert_no_error (error);
  assert_decides_like_list (engine);
  g_clear_pointer (&engine, lectern_filter_engine_free);

  engine = lectern_filter_cache_ensure (fixture->cache, sources, 1, NULL, NULL, &error);
  g_assert_null (engine);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/lectern/filter-cache/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("ensure", test_ensure);
  ADD ("other-formats", test_other_formats);
  ADD ("not-a-file", test_not_a_file);
  ADD ("empty-list", test_empty_list);
  ADD ("list-encodings", test_list_encodings);
  ADD ("truncated", test_truncated);
  ADD ("foreign", test_foreign);
  ADD ("other-version", test_other_version);
  ADD ("damaged", test_damaged);
  ADD ("stale", test_stale);
  ADD ("unwritable", test_unwritable);
  ADD ("no-lists", test_no_lists);

#undef ADD

  return g_test_run ();
}
