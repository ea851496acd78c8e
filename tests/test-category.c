/* test-category.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-category.h"

typedef struct
{
  const char      *name;
  LecternCategory  category;
} Mapping;

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("LECTERN_DATA_SRCDIR");

  if (dir != NULL)
    return g_build_filename (dir, name, NULL);

  return g_test_build_filename (G_TEST_DIST, "..", "resources", "data", name, NULL);
}

static void
test_ids (void)
{
  static const char * const ids[] = {
    "necessary", "functional", "performance", "targeting", "social", "sale", "unknown",
  };
  LecternCategory category;

  g_assert_cmpuint (G_N_ELEMENTS (ids), ==, LECTERN_CATEGORY_UNKNOWN + 1);
  g_assert_cmpuint (LECTERN_N_CATEGORIES, ==, 6);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_assert_cmpstr (lectern_category_to_id (i), ==, ids[i]);
      category = LECTERN_CATEGORY_UNKNOWN;
      g_assert_true (lectern_category_from_id (ids[i], &category));
      g_assert_cmpint (category, ==, i);
    }

  category = LECTERN_CATEGORY_SOCIAL;
  g_assert_false (lectern_category_from_id ("advertising", &category));
  g_assert_false (lectern_category_from_id ("Performance", &category));
  g_assert_false (lectern_category_from_id ("", &category));
  g_assert_false (lectern_category_from_id (NULL, &category));
  g_assert_cmpint (category, ==, LECTERN_CATEGORY_SOCIAL);
}

static void
test_labels (void)
{
  static const char * const labels[] = {
    "Strictly necessary", "Functional", "Performance", "Targeting",
    "Social media", "Sale of personal data", "Unknown",
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_cmpstr (lectern_category_get_label (i), ==, labels[i]);
}

static void
test_blockable (void)
{
  g_assert_false (lectern_category_is_blockable (LECTERN_CATEGORY_NECESSARY));
  g_assert_true (lectern_category_is_blockable (LECTERN_CATEGORY_FUNCTIONAL));
  g_assert_true (lectern_category_is_blockable (LECTERN_CATEGORY_PERFORMANCE));
  g_assert_true (lectern_category_is_blockable (LECTERN_CATEGORY_TARGETING));
  g_assert_true (lectern_category_is_blockable (LECTERN_CATEGORY_SOCIAL));
  g_assert_true (lectern_category_is_blockable (LECTERN_CATEGORY_SALE));
  g_assert_false (lectern_category_is_blockable (LECTERN_CATEGORY_UNKNOWN));
}

static void
test_tracker_db (void)
{
  static const Mapping mappings[] = {
    { "advertising",          LECTERN_CATEGORY_TARGETING },
    { "pornvertising",        LECTERN_CATEGORY_TARGETING },
    { "site_analytics",       LECTERN_CATEGORY_PERFORMANCE },
    { "telemetry",            LECTERN_CATEGORY_PERFORMANCE },
    { "mobile_analytics",     LECTERN_CATEGORY_PERFORMANCE },
    { "social_media",         LECTERN_CATEGORY_SOCIAL },
    { "audio_video_player",   LECTERN_CATEGORY_FUNCTIONAL },
    { "comments",             LECTERN_CATEGORY_FUNCTIONAL },
    { "customer_interaction", LECTERN_CATEGORY_FUNCTIONAL },
    { "essential",            LECTERN_CATEGORY_NECESSARY },
    { "cdn",                  LECTERN_CATEGORY_NECESSARY },
    { "hosting",              LECTERN_CATEGORY_NECESSARY },
    { "consent",              LECTERN_CATEGORY_NECESSARY },
    { "email",                LECTERN_CATEGORY_TARGETING },
    { "extensions",           LECTERN_CATEGORY_UNKNOWN },
    { "misc",                 LECTERN_CATEGORY_UNKNOWN },
    { "unknown",              LECTERN_CATEGORY_UNKNOWN },
    /* Case does not matter; names not in the table and other sources'
     * names are unknown. */
    { "Advertising",          LECTERN_CATEGORY_TARGETING },
    { "cryptomining",         LECTERN_CATEGORY_UNKNOWN },
    { "Analytics",            LECTERN_CATEGORY_UNKNOWN },
    { "easylist",             LECTERN_CATEGORY_UNKNOWN },
    { "",                     LECTERN_CATEGORY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mappings); i++)
    g_assert_cmpint (lectern_category_from_tracker_db (mappings[i].name, NULL), ==, mappings[i].category);

  g_assert_cmpint (lectern_category_from_tracker_db (NULL, NULL), ==, LECTERN_CATEGORY_UNKNOWN);

  /* A social network's advertising pixel is social media, like its
   * cookies; other advertisers and the network's other entries are not
   * moved. */
  g_assert_cmpint (lectern_category_from_tracker_db ("advertising", "Facebook"), ==, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpint (lectern_category_from_tracker_db ("advertising", "Criteo"), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (lectern_category_from_tracker_db ("advertising", "Facebook Audience"), ==, LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (lectern_category_from_tracker_db ("site_analytics", "Facebook"), ==, LECTERN_CATEGORY_PERFORMANCE);
}

/* Every category the shipped tracker database uses has an entry, and only
 * the catch-alls map to unknown. */
static void
test_tracker_db_covers_data (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("adguard-companiesdb-trackers.json");
  JsonObject *categories;
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;
  guint n = 0;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  categories = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                              "categories");
  g_assert_nonnull (categories);

  json_object_iter_init (&iter, categories);
  while (json_object_iter_next (&iter, &id, &node))
    {
      const char *name = json_node_get_string (node);
      gboolean catch_all = g_str_equal (name, "misc") ||
                           g_str_equal (name, "unknown") ||
                           g_str_equal (name, "extensions");

      g_assert_cmpint (lectern_category_from_tracker_db (name, NULL) == LECTERN_CATEGORY_UNKNOWN, ==, catch_all);
      n++;
    }

  g_assert_cmpuint (n, >=, 17);
}

static void
test_cookie_db (void)
{
  static const struct
  {
    const char      *category;
    const char      *platform;
    const char      *controller;
    LecternCategory  expected;
  } mappings[] = {
    { "Functional",      "Cookiebot",         "Cookiebot", LECTERN_CATEGORY_NECESSARY },
    { "Necessary",       "WordPress",         NULL,        LECTERN_CATEGORY_NECESSARY },
    { "Security",        "Cloudflare",        NULL,        LECTERN_CATEGORY_NECESSARY },
    { "Personalization", "Shopify",           NULL,        LECTERN_CATEGORY_FUNCTIONAL },
    { "Analytics",       "Google Analytics",  "Google",    LECTERN_CATEGORY_PERFORMANCE },
    { "Marketing",       "Google Ads",        "Google",    LECTERN_CATEGORY_TARGETING },
    { "Marketing",       NULL,                NULL,        LECTERN_CATEGORY_TARGETING },

    /* Social platforms, by platform or by controller. */
    { "Marketing",       "Facebook",          "Facebook",  LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "Instagram",         "Meta",      LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "Threads",           "Meta",      LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "WhatsApp",          NULL,        LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "LinkedIn",          "LinkedIn",  LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "Twitter",           NULL,        LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "X",                 "X",         LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "Pinterest",         "Pinterest", LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "TikTok",            "TikTok",    LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "Snapchat",          "Snapchat",  LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "Reddit",            "Reddit",    LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "Tumblr",            NULL,        LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "VK",                NULL,        LECTERN_CATEGORY_SOCIAL },
    { "Marketing",       "linkedin",          NULL,        LECTERN_CATEGORY_SOCIAL },

    /* Not social: a player, look-alike names, the networks' ad arms. */
    { "Marketing",       "Youtube",           "Google",    LECTERN_CATEGORY_TARGETING },
    { "Marketing",       "SnapEngage",        "SnapEngage", LECTERN_CATEGORY_TARGETING },
    { "Marketing",       "Pangle",            "Pangle",    LECTERN_CATEGORY_TARGETING },
    { "Marketing",       "Xandr",             "Xandr",     LECTERN_CATEGORY_TARGETING },

    /* A social platform's other cookies keep their own category. */
    { "Functional",      "LinkedIn",          "LinkedIn",  LECTERN_CATEGORY_NECESSARY },
    { "Analytics",       "LinkedIn",          "LinkedIn",  LECTERN_CATEGORY_PERFORMANCE },

    { "Advertising",     "Facebook",          NULL,        LECTERN_CATEGORY_UNKNOWN },
    { "",                NULL,                NULL,        LECTERN_CATEGORY_UNKNOWN },
    { NULL,              "Facebook",          NULL,        LECTERN_CATEGORY_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (mappings); i++)
    {
      LecternCategory category = lectern_category_from_cookie_db (mappings[i].category,
                                                                  mappings[i].platform,
                                                                  mappings[i].controller);

      g_test_message ("%s / %s / %s", mappings[i].category, mappings[i].platform, mappings[i].controller);
      g_assert_cmpint (category, ==, mappings[i].expected);
    }
}

static void
test_filter_list (void)
{
  g_assert_cmpint (lectern_category_from_filter_list (LECTERN_FILTER_LIST_EASYLIST), ==,
                   LECTERN_CATEGORY_TARGETING);
  g_assert_cmpint (lectern_category_from_filter_list (LECTERN_FILTER_LIST_EASYPRIVACY), ==,
                   LECTERN_CATEGORY_PERFORMANCE);
  g_assert_cmpint (lectern_category_from_filter_list (LECTERN_FILTER_LIST_OTHER), ==,
                   LECTERN_CATEGORY_UNKNOWN);

  g_assert_cmpstr (lectern_filter_list_kind_to_id (LECTERN_FILTER_LIST_EASYLIST), ==, "easylist");
  g_assert_cmpstr (lectern_filter_list_kind_to_id (LECTERN_FILTER_LIST_EASYPRIVACY), ==, "easyprivacy");
  g_assert_cmpstr (lectern_filter_list_kind_to_id (LECTERN_FILTER_LIST_OTHER), ==, "other");
}

/* Every category has its own icon, shipped in the app's resources, so
 * that no view tells categories apart by colour alone. */
static void
test_icons (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (LecternCategory c = 0; c <= LECTERN_CATEGORY_UNKNOWN; c++)
    {
      const char *icon = lectern_category_get_icon_name (c);
      g_autofree char *file = g_strconcat (icon, ".svg", NULL);
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "icons", "scalable",
                                                     "actions", file, NULL);

      g_assert_nonnull (icon);
      g_assert_true (g_str_has_suffix (icon, "-symbolic"));
      g_assert_nonnull (strstr (icon, lectern_category_to_id (c)));
      g_assert_true (g_hash_table_add (seen, (gpointer) icon));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/category/ids", test_ids);
  g_test_add_func ("/lectern/category/labels", test_labels);
  g_test_add_func ("/lectern/category/blockable", test_blockable);
  g_test_add_func ("/lectern/category/icons", test_icons);
  g_test_add_func ("/lectern/category/tracker-db", test_tracker_db);
  g_test_add_func ("/lectern/category/tracker-db-covers-data", test_tracker_db_covers_data);
  g_test_add_func ("/lectern/category/cookie-db", test_cookie_db);
  g_test_add_func ("/lectern/category/filter-list", test_filter_list);

  return g_test_run ();
}
