/* lectern-category.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-category.h"

#include <glib/gi18n-lib.h>

/* Indexed by LecternCategory. The ids are stable: they are stored in the
 * site store, sent to the web process and written into reports. */
static const struct
{
  const char *id;
  const char *label;
  const char *icon_name;
} categories[] = {
  [LECTERN_CATEGORY_NECESSARY]   = { "necessary",   N_("Strictly necessary"),    "lectern-category-necessary-symbolic" },
  [LECTERN_CATEGORY_FUNCTIONAL]  = { "functional",  N_("Functional"),            "lectern-category-functional-symbolic" },
  [LECTERN_CATEGORY_PERFORMANCE] = { "performance", N_("Performance"),           "lectern-category-performance-symbolic" },
  [LECTERN_CATEGORY_TARGETING]   = { "targeting",   N_("Targeting"),             "lectern-category-targeting-symbolic" },
  [LECTERN_CATEGORY_SOCIAL]      = { "social",      N_("Social media"),          "lectern-category-social-symbolic" },
  [LECTERN_CATEGORY_SALE]        = { "sale",        N_("Sale of personal data"), "lectern-category-sale-symbolic" },
  [LECTERN_CATEGORY_UNKNOWN]     = { "unknown",     N_("Unknown"),               "lectern-category-unknown-symbolic" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (categories) == LECTERN_CATEGORY_UNKNOWN + 1);

typedef enum
{
  SOURCE_TRACKER_DB,
  SOURCE_COOKIE_DB,
  SOURCE_FILTER_LIST,
} Source;

/* The one table that maps every outside vocabulary into Lectern's. Names are
 * compared without regard to ASCII case; a name that is not here maps to
 * LECTERN_CATEGORY_UNKNOWN. */
static const struct
{
  Source           source;
  const char      *name;
  LecternCategory  category;
} source_map[] = {
  /* AdGuard companiesdb tracker categories (trackers.json "categories"). */

  /* Ad networks, exchanges and retargeting: targeting by definition. */
  { SOURCE_TRACKER_DB, "advertising",          LECTERN_CATEGORY_TARGETING },
  /* Advertising on adult sites; the same business as "advertising". */
  { SOURCE_TRACKER_DB, "pornvertising",        LECTERN_CATEGORY_TARGETING },
  /* Audience measurement of the site: what performance cookies are for. */
  { SOURCE_TRACKER_DB, "site_analytics",       LECTERN_CATEGORY_PERFORMANCE },
  /* Crash and usage reporting: measurement, not advertising. */
  { SOURCE_TRACKER_DB, "telemetry",            LECTERN_CATEGORY_PERFORMANCE },
  /* App analytics SDKs; on the web they measure like site analytics. */
  { SOURCE_TRACKER_DB, "mobile_analytics",     LECTERN_CATEGORY_PERFORMANCE },
  /* Share buttons, social widgets and social logins. */
  { SOURCE_TRACKER_DB, "social_media",         LECTERN_CATEGORY_SOCIAL },
  /* Embedded players are a feature the reader can do without. */
  { SOURCE_TRACKER_DB, "audio_video_player",   LECTERN_CATEGORY_FUNCTIONAL },
  /* Comment widgets (Disqus and the like): a feature, not the article. */
  { SOURCE_TRACKER_DB, "comments",             LECTERN_CATEGORY_FUNCTIONAL },
  /* Chat, support and survey widgets. */
  { SOURCE_TRACKER_DB, "customer_interaction", LECTERN_CATEGORY_FUNCTIONAL },
  /* Tag managers, payment and login services that pages need to work. */
  { SOURCE_TRACKER_DB, "essential",            LECTERN_CATEGORY_NECESSARY },
  /* Content delivery: blocking it breaks the page, not the tracking. */
  { SOURCE_TRACKER_DB, "cdn",                  LECTERN_CATEGORY_NECESSARY },
  /* Hosting providers serve the site itself. */
  { SOURCE_TRACKER_DB, "hosting",              LECTERN_CATEGORY_NECESSARY },
  /* The consent tool has to load to record the reader's refusal. */
  { SOURCE_TRACKER_DB, "consent",              LECTERN_CATEGORY_NECESSARY },
  /* Email marketing pixels and link tracking follow a person to target them. */
  { SOURCE_TRACKER_DB, "email",                LECTERN_CATEGORY_TARGETING },
  /* Browser extensions inject themselves; nothing to say about their purpose. */
  { SOURCE_TRACKER_DB, "extensions",           LECTERN_CATEGORY_UNKNOWN },
  /* A catch-all upstream: its members do anything from fonts to ads. */
  { SOURCE_TRACKER_DB, "misc",                 LECTERN_CATEGORY_UNKNOWN },
  /* Upstream does not know either. */
  { SOURCE_TRACKER_DB, "unknown",              LECTERN_CATEGORY_UNKNOWN },

  /* Open Cookie Database categories (the CSV's "Category" column). */

  /* Upstream: "also known as technical, essential or strictly necessary". */
  { SOURCE_COOKIE_DB,  "Functional",           LECTERN_CATEGORY_NECESSARY },
  /* Not in upstream's documented list; upstream treats it as Functional. */
  { SOURCE_COOKIE_DB,  "Necessary",            LECTERN_CATEGORY_NECESSARY },
  /* Login, CSRF and bot protection: refusing them breaks the site. */
  { SOURCE_COOKIE_DB,  "Security",             LECTERN_CATEGORY_NECESSARY },
  /* Upstream: "also known as preferences", which is Lectern's functional. */
  { SOURCE_COOKIE_DB,  "Personalization",      LECTERN_CATEGORY_FUNCTIONAL },
  /* Upstream: "also known as performance or statistics". */
  { SOURCE_COOKIE_DB,  "Analytics",            LECTERN_CATEGORY_PERFORMANCE },
  /* Upstream: "also known as tracking or social media"; social platforms are
   * taken out by is_social_platform(), everything else is advertising. */
  { SOURCE_COOKIE_DB,  "Marketing",            LECTERN_CATEGORY_TARGETING },

  /* Filter lists, by lectern_filter_list_kind_to_id(). */

  /* EasyList's purpose is advertising. */
  { SOURCE_FILTER_LIST, "easylist",            LECTERN_CATEGORY_TARGETING },
  /* EasyPrivacy's is tracking and analytics: mostly measurement. */
  { SOURCE_FILTER_LIST, "easyprivacy",         LECTERN_CATEGORY_PERFORMANCE },
  /* Any other list says nothing about why it blocks a request. */
  { SOURCE_FILTER_LIST, "other",               LECTERN_CATEGORY_UNKNOWN },
};

/* Social networks whose Marketing cookies are their pixels, share buttons
 * and embedded widgets: Lectern's social category, not targeting. Compared
 * whole (not as substrings) with the Platform and Data Controller columns,
 * so that "SnapEngage" is not Snapchat. Video sites are not here: YouTube is
 * an embedded player whose Marketing cookies are Google's ad profile, and so
 * stay targeting; so do the networks' ad businesses under their own names
 * (Pangle, Audience Network). */
static const char * const social_platforms[] = {
  "Facebook",
  "Meta",
  "Instagram",
  "WhatsApp",
  "LinkedIn",
  "Twitter",
  "X",
  "Pinterest",
  "TikTok",
  "Snapchat",
  "Reddit",
  "Tumblr",
  "VK",
};

static const char * const filter_list_ids[] = {
  [LECTERN_FILTER_LIST_EASYLIST]    = "easylist",
  [LECTERN_FILTER_LIST_EASYPRIVACY] = "easyprivacy",
  [LECTERN_FILTER_LIST_OTHER]       = "other",
};

static LecternCategory
map_source (Source      source,
            const char *name)
{
  if (name == NULL)
    return LECTERN_CATEGORY_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (source_map); i++)
    {
      if (source_map[i].source == source &&
          g_ascii_strcasecmp (source_map[i].name, name) == 0)
        return source_map[i].category;
    }

  return LECTERN_CATEGORY_UNKNOWN;
}

static gboolean
is_social_platform (const char *name)
{
  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (social_platforms); i++)
    {
      if (g_ascii_strcasecmp (social_platforms[i], name) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * lectern_category_to_id:
 * @category: a #LecternCategory
 *
 * Returns: the stable id of @category ("performance")
 */
const char *
lectern_category_to_id (LecternCategory category)
{
  g_return_val_if_fail (category <= LECTERN_CATEGORY_UNKNOWN, NULL);

  return categories[category].id;
}

/**
 * lectern_category_from_id:
 * @id: (nullable): a category id, "unknown" included
 * @category: (out): the category
 *
 * Returns: %TRUE if @id names a category
 */
gboolean
lectern_category_from_id (const char      *id,
                          LecternCategory *category)
{
  g_return_val_if_fail (category != NULL, FALSE);

  if (id == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      if (g_str_equal (categories[i].id, id))
        {
          *category = (LecternCategory)i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * lectern_category_get_label:
 * @category: a #LecternCategory
 *
 * Returns: the translated name shown for @category
 */
const char *
lectern_category_get_label (LecternCategory category)
{
  g_return_val_if_fail (category <= LECTERN_CATEGORY_UNKNOWN, NULL);

  return _(categories[category].label);
}

/**
 * lectern_category_get_icon_name:
 * @category: a #LecternCategory
 *
 * Every view shows a category with the same icon (shipped in the app's
 * resources) beside the same colour, so that it is told apart without
 * relying on colour alone.
 *
 * Returns: the symbolic icon name of @category
 */
const char *
lectern_category_get_icon_name (LecternCategory category)
{
  g_return_val_if_fail (category <= LECTERN_CATEGORY_UNKNOWN, NULL);

  return categories[category].icon_name;
}

/**
 * lectern_category_is_blockable:
 * @category: a #LecternCategory
 *
 * Strictly necessary things are never blocked, and nothing is blocked on
 * the grounds of a category no source could name.
 *
 * Returns: %TRUE if the user may refuse @category
 */
gboolean
lectern_category_is_blockable (LecternCategory category)
{
  return category != LECTERN_CATEGORY_NECESSARY &&
         category != LECTERN_CATEGORY_UNKNOWN &&
         category <= LECTERN_CATEGORY_UNKNOWN;
}

/**
 * lectern_category_from_tracker_db:
 * @tracker_category: (nullable): an AdGuard companiesdb category name
 * @tracker_name: (nullable): the tracker's name
 *
 * The database files a social network's pixel ("Facebook") under
 * advertising; as for cookies, a social platform's tracking is social
 * media, so the pixel and its _fbp cookie fall under the same switch.
 *
 * Returns: the category, %LECTERN_CATEGORY_UNKNOWN for a name not in the table
 */
LecternCategory
lectern_category_from_tracker_db (const char *tracker_category,
                                  const char *tracker_name)
{
  LecternCategory category = map_source (SOURCE_TRACKER_DB, tracker_category);

  if (category == LECTERN_CATEGORY_TARGETING && is_social_platform (tracker_name))
    return LECTERN_CATEGORY_SOCIAL;

  return category;
}

/**
 * lectern_category_from_cookie_db:
 * @cookie_category: (nullable): an Open Cookie Database category
 * @platform: (nullable): the row's platform
 * @controller: (nullable): the row's data controller
 *
 * The database files social networks under Marketing; @platform and
 * @controller tell them apart from advertising.
 *
 * Returns: the category, %LECTERN_CATEGORY_UNKNOWN for a name not in the table
 */
LecternCategory
lectern_category_from_cookie_db (const char *cookie_category,
                                 const char *platform,
                                 const char *controller)
{
  LecternCategory category = map_source (SOURCE_COOKIE_DB, cookie_category);

  if (category == LECTERN_CATEGORY_TARGETING &&
      (is_social_platform (platform) || is_social_platform (controller)))
    return LECTERN_CATEGORY_SOCIAL;

  return category;
}

/**
 * lectern_category_from_filter_list:
 * @list: the list a rule came from
 *
 * Returns: the category of what @list blocks
 */
LecternCategory
lectern_category_from_filter_list (LecternFilterListKind list)
{
  return map_source (SOURCE_FILTER_LIST, lectern_filter_list_kind_to_id (list));
}

/**
 * lectern_filter_list_kind_to_id:
 * @list: a #LecternFilterListKind
 *
 * Returns: the stable id of @list ("easyprivacy")
 */
const char *
lectern_filter_list_kind_to_id (LecternFilterListKind list)
{
  g_return_val_if_fail (list <= LECTERN_FILTER_LIST_OTHER, NULL);

  return filter_list_ids[list];
}
