/* lectern-onetrust-groups.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-onetrust-groups.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-onetrust-groups-private.h"

/* A site's OneTrust groups and what they mean. Sites rename and reorder
 * OneTrust's template groups, so a group's category is read from its name
 * (`OneTrust.GetDomainData().Groups`), and from its id only when the name
 * says nothing. The cookie that records the groups' states is written and
 * read in lectern-onetrust-codec.c. */

/* Group ids are short ("C0001", "SPD_BG", "V2STACK42"); anything longer
 * is not a group id but garbage. */
#define MAX_GROUP_ID_LENGTH 64

struct _LecternOneTrustGroups
{
  /* Each element a Group, in the order the site lists them. */
  GArray *groups;
};

typedef struct
{
  char            *id;
  char            *name;
  LecternCategory  category;
} Group;

G_DEFINE_QUARK (lectern-onetrust-error-quark, lectern_onetrust_error)

/* OneTrust's template groups, which a site keeps unless it renamed or
 * reordered them. Used when a group's name says nothing. */
static const struct
{
  const char      *id;
  LecternCategory  category;
} standard_groups[] = {
  { "C0001", LECTERN_CATEGORY_NECESSARY },
  { "C0002", LECTERN_CATEGORY_PERFORMANCE },
  { "C0003", LECTERN_CATEGORY_FUNCTIONAL },
  { "C0004", LECTERN_CATEGORY_TARGETING },
  { "C0005", LECTERN_CATEGORY_SOCIAL },
};

/* Group names (`OneTrust.GetDomainData().Groups[].GroupName`) in Lectern's
 * categories. Names are compared after normalize_name(): lower case, "&"
 * made "and", runs of anything but letters and digits made one space, and
 * a last word "cookies", "cookie", "technologies" or "trackers" dropped,
 * so that "Performance Cookies" and "performance" are the same entry. A
 * name not here falls back to the group's standard id. */
static const struct
{
  const char      *name;
  LecternCategory  category;
} group_names[] = {
  /* OneTrust's own template names, then what sites call the same thing. */
  { "strictly necessary",                        LECTERN_CATEGORY_NECESSARY },
  { "necessary",                                 LECTERN_CATEGORY_NECESSARY },
  { "essential",                                 LECTERN_CATEGORY_NECESSARY },
  { "strictly essential",                        LECTERN_CATEGORY_NECESSARY },
  { "required",                                  LECTERN_CATEGORY_NECESSARY },
  /* "Technical cookies" is the Italian and Spanish regulators' term. */
  { "technical",                                 LECTERN_CATEGORY_NECESSARY },

  { "performance",                               LECTERN_CATEGORY_PERFORMANCE },
  { "analytics",                                 LECTERN_CATEGORY_PERFORMANCE },
  { "analytical",                                LECTERN_CATEGORY_PERFORMANCE },
  { "statistics",                                LECTERN_CATEGORY_PERFORMANCE },
  { "statistical",                               LECTERN_CATEGORY_PERFORMANCE },
  { "measurement",                               LECTERN_CATEGORY_PERFORMANCE },
  { "performance and analytics",                 LECTERN_CATEGORY_PERFORMANCE },
  { "analytics and performance",                 LECTERN_CATEGORY_PERFORMANCE },

  { "functional",                                LECTERN_CATEGORY_FUNCTIONAL },
  { "functionality",                             LECTERN_CATEGORY_FUNCTIONAL },
  { "preferences",                               LECTERN_CATEGORY_FUNCTIONAL },
  { "preference",                                LECTERN_CATEGORY_FUNCTIONAL },
  /* Personalised content and remembered settings: a feature of the site,
   * which is what Lectern's functional category is. */
  { "personalisation",                           LECTERN_CATEGORY_FUNCTIONAL },
  { "personalization",                           LECTERN_CATEGORY_FUNCTIONAL },

  { "targeting",                                 LECTERN_CATEGORY_TARGETING },
  { "advertising",                               LECTERN_CATEGORY_TARGETING },
  { "marketing",                                 LECTERN_CATEGORY_TARGETING },
  { "targeting and advertising",                 LECTERN_CATEGORY_TARGETING },
  { "advertising and targeting",                 LECTERN_CATEGORY_TARGETING },
  { "personalised advertising",                  LECTERN_CATEGORY_TARGETING },
  { "personalized advertising",                  LECTERN_CATEGORY_TARGETING },

  { "social media",                              LECTERN_CATEGORY_SOCIAL },
  { "social",                                    LECTERN_CATEGORY_SOCIAL },
  { "social networking",                         LECTERN_CATEGORY_SOCIAL },

  /* The CCPA opt-out group of OneTrust's US templates. */
  { "sale of personal data",                     LECTERN_CATEGORY_SALE },
  { "sale of personal information",              LECTERN_CATEGORY_SALE },
  { "sale or sharing of personal information",   LECTERN_CATEGORY_SALE },
  { "do not sell my personal information",       LECTERN_CATEGORY_SALE },
  { "do not sell or share my personal information", LECTERN_CATEGORY_SALE },
};

static const char * const dropped_last_words[] = {
  "cookies",
  "cookie",
  "technologies",
  "trackers",
};

static void
group_clear (Group *group)
{
  g_clear_pointer (&group->id, g_free);
  g_clear_pointer (&group->name, g_free);
}

static char *
normalize_name (const char *name)
{
  GString *normalized = g_string_new (NULL);
  gboolean pending_space = FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (pending_space && normalized->len > 0)
            g_string_append_c (normalized, ' ');
          g_string_append_c (normalized, g_ascii_tolower (*p));
          pending_space = FALSE;
        }
      else if (*p == '&')
        {
          /* "Targeting & Advertising" is "targeting and advertising". */
          if (normalized->len > 0)
            g_string_append (normalized, " and");
          pending_space = TRUE;
        }
      else
        {
          pending_space = TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (dropped_last_words); i++)
    {
      g_autofree char *suffix = g_strconcat (" ", dropped_last_words[i], NULL);

      if (g_str_has_suffix (normalized->str, suffix))
        {
          g_string_truncate (normalized, normalized->len - strlen (suffix));
          break;
        }
    }

  return g_string_free (normalized, FALSE);
}

static gboolean
is_valid_group_id (const char *group_id,
                   gsize       length)
{
  if (length == 0 || length > MAX_GROUP_ID_LENGTH)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (group_id[i]) && group_id[i] != '_' && group_id[i] != '-')
        return FALSE;
    }

  return TRUE;
}

gboolean
_lectern_onetrust_check_group_id (const char  *group_id,
                                  gsize        length,
                                  GError     **error)
{
  g_autofree char *shown = NULL;

  if (is_valid_group_id (group_id, length))
    return TRUE;

  /* The text came from the page; the message must still be UTF-8. */
  shown = g_utf8_make_valid (group_id, MIN (length, MAX_GROUP_ID_LENGTH));
  g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
               /* Translators: %s is what stood where a OneTrust group id ("C0002") should be */
               _("“%s” is not a OneTrust group id"), shown);
  return FALSE;
}

/**
 * lectern_onetrust_category_from_name:
 * @group_name: (nullable): a group's name as the site shows it
 *
 * Returns: the category the name stands for, %LECTERN_CATEGORY_UNKNOWN for
 *   a name not in the table
 */
LecternCategory
lectern_onetrust_category_from_name (const char *group_name)
{
  g_autofree char *normalized = NULL;

  if (group_name == NULL)
    return LECTERN_CATEGORY_UNKNOWN;

  normalized = normalize_name (group_name);

  for (guint i = 0; i < G_N_ELEMENTS (group_names); i++)
    {
      if (g_str_equal (group_names[i].name, normalized))
        return group_names[i].category;
    }

  return LECTERN_CATEGORY_UNKNOWN;
}

/**
 * lectern_onetrust_category_from_id:
 * @group_id: (nullable): a group id
 *
 * Returns: the category of OneTrust's standard group @group_id,
 *   %LECTERN_CATEGORY_UNKNOWN for any other id
 */
LecternCategory
lectern_onetrust_category_from_id (const char *group_id)
{
  if (group_id == NULL)
    return LECTERN_CATEGORY_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (standard_groups); i++)
    {
      if (g_str_equal (standard_groups[i].id, group_id))
        return standard_groups[i].category;
    }

  return LECTERN_CATEGORY_UNKNOWN;
}

/**
 * lectern_onetrust_groups_new:
 *
 * An empty group list stands for OneTrust's five standard groups.
 *
 * Returns: (transfer full): a new, empty group list
 */
LecternOneTrustGroups *
lectern_onetrust_groups_new (void)
{
  LecternOneTrustGroups *self = g_new0 (LecternOneTrustGroups, 1);

  self->groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g_array_set_clear_func (self->groups, (GDestroyNotify)group_clear);

  return self;
}

/**
 * lectern_onetrust_groups_free:
 * @self: (transfer full): a group list
 */
void
lectern_onetrust_groups_free (LecternOneTrustGroups *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->groups);
  g_free (self);
}

static Group *
find_group (const LecternOneTrustGroups *self,
            const char                  *group_id)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = &g_array_index (self->groups, Group, i);

      if (g_str_equal (group->id, group_id))
        return group;
    }

  return NULL;
}

/**
 * lectern_onetrust_groups_add:
 * @self: a group list
 * @group_id: the group's id ("C0002")
 * @group_name: (nullable): the group's name as the site shows it
 * @error: return location for a #GError
 *
 * Adds a group, or renames one already there. The name decides the
 * category; a name not in the table leaves the standard id's category.
 *
 * Returns: %TRUE if @group_id is a group id
 */
gboolean
lectern_onetrust_groups_add (LecternOneTrustGroups  *self,
                             const char             *group_id,
                             const char             *group_name,
                             GError                **error)
{
  LecternCategory category;
  Group *existing;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (group_id == NULL)
    group_id = "";

  if (!_lectern_onetrust_check_group_id (group_id, strlen (group_id), error))
    return FALSE;

  category = lectern_onetrust_category_from_name (group_name);
  if (category == LECTERN_CATEGORY_UNKNOWN)
    category = lectern_onetrust_category_from_id (group_id);

  existing = find_group (self, group_id);
  if (existing != NULL)
    {
      existing->category = category;
      g_free (existing->name);
      existing->name = g_strdup (group_name);
    }
  else
    {
      Group group = { g_strdup (group_id), g_strdup (group_name), category };

      g_array_append_val (self->groups, group);
    }

  return TRUE;
}

/* A member of any other type (a number, null) counts as missing. */
static const char *
get_string_member (JsonObject *object,
                   const char *member_name)
{
  JsonNode *node = json_object_get_member (object, member_name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * lectern_onetrust_groups_new_from_json:
 * @json: `JSON.stringify (OneTrust.GetDomainData ().Groups)` from the page
 * @error: return location for a #GError
 *
 * Reads the groups' ids and `GroupName`; other members are ignored. The
 * id is `CustomGroupId`, the one `OnetrustActiveGroups` and the cookie
 * name ("C0002"), else `OptanonGroupId`, which older versions of the tool
 * use for both. The text comes from the page: anything but an array of
 * objects with a valid group id is refused.
 *
 * Returns: (transfer full) (nullable): the groups, or %NULL with @error set
 */
LecternOneTrustGroups *
lectern_onetrust_groups_new_from_json (const char  *json,
                                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LecternOneTrustGroups) self = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *array;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                   /* Translators: %s is a parser's message */
                   _("The OneTrust group list is not JSON: %s"),
                   local_error != NULL ? local_error->message : _("no text"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust group list is not an array"));
      return NULL;
    }

  self = lectern_onetrust_groups_new ();
  array = json_node_get_array (root);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;
      const char *group_id;
      const char *group_name;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                       /* Translators: %u is a position in a list, from 1 */
                       _("OneTrust group %u is not an object"), i + 1);
          return NULL;
        }

      object = json_node_get_object (element);
      group_id = get_string_member (object, "CustomGroupId");
      if (group_id == NULL)
        group_id = get_string_member (object, "OptanonGroupId");
      group_name = get_string_member (object, "GroupName");

      if (group_id == NULL)
        {
          g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                       /* Translators: %u is a position in a list, from 1 */
                       _("OneTrust group %u has no group id"), i + 1);
          return NULL;
        }

      if (!lectern_onetrust_groups_add (self, group_id, group_name, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * lectern_onetrust_groups_to_json:
 * @self: a group list
 *
 * The groups as lectern_onetrust_groups_new_from_json() reads them back:
 * each group's `CustomGroupId` and, when it has one, its `GroupName`;
 * nothing else of what the site's list held.
 *
 * Returns: (transfer full): a JSON array
 */
char *
lectern_onetrust_groups_to_json (const LecternOneTrustGroups *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < self->groups->len; i++)
    {
      const Group *group = &g_array_index (self->groups, Group, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "CustomGroupId");
      json_builder_add_string_value (builder, group->id);
      if (group->name != NULL)
        {
          json_builder_set_member_name (builder, "GroupName");
          json_builder_add_string_value (builder, group->name);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/**
 * lectern_onetrust_groups_get_n_groups:
 * @self: a group list
 *
 * Returns: how many groups were added
 */
guint
lectern_onetrust_groups_get_n_groups (const LecternOneTrustGroups *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->groups->len;
}

/**
 * lectern_onetrust_groups_get_category:
 * @self: (nullable): the site's groups; %NULL for the standard ones
 * @group_id: a group id
 *
 * Returns: the category of @group_id by its name on this site, else by
 *   OneTrust's standard ids, else %LECTERN_CATEGORY_UNKNOWN
 */
LecternCategory
lectern_onetrust_groups_get_category (const LecternOneTrustGroups *self,
                                      const char                  *group_id)
{
  g_return_val_if_fail (group_id != NULL, LECTERN_CATEGORY_UNKNOWN);

  if (self != NULL)
    {
      Group *group = find_group (self, group_id);

      if (group != NULL)
        return group->category;
    }

  return lectern_onetrust_category_from_id (group_id);
}

/**
 * lectern_onetrust_groups_dup_ids:
 * @self: (nullable): the site's groups; %NULL or empty for the standard five
 *
 * Returns: (transfer full): the group ids, in the site's order
 */
char **
lectern_onetrust_groups_dup_ids (const LecternOneTrustGroups *self)
{
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();

  if (self != NULL && self->groups->len > 0)
    {
      for (guint i = 0; i < self->groups->len; i++)
        g_strv_builder_add (ids, g_array_index (self->groups, Group, i).id);
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (standard_groups); i++)
        g_strv_builder_add (ids, standard_groups[i].id);
    }

  return g_strv_builder_end (ids);
}

/**
 * lectern_onetrust_groups_is_standard:
 * @self: (nullable): the site's groups
 *
 * Returns: %TRUE if each of the site's groups has the category its id
 *   has among OneTrust's standard groups, so that a cookie written with
 *   the standard ids says what the site's groups mean
 */
gboolean
lectern_onetrust_groups_is_standard (const LecternOneTrustGroups *self)
{
  if (self == NULL)
    return TRUE;

  for (guint i = 0; i < self->groups->len; i++)
    {
      const Group *group = &g_array_index (self->groups, Group, i);

      if (group->category != lectern_onetrust_category_from_id (group->id))
        return FALSE;
    }

  return TRUE;
}
