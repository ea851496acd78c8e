/* lectern-onetrust-codec.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-onetrust-codec.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* Group ids are short ("C0001", "SPD_BG", "V2STACK42"); anything longer
 * is not a group id but garbage. */
#define MAX_GROUP_ID_LENGTH 64

/* What OneTrust writes when the tool's version is not known; any version
 * is accepted by the tool, an older one only asks again on reconsent. */
#define DEFAULT_VERSION "202409.1.0"

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

/* Indexed by g_date_time_get_day_of_week () - 1 and get_month () - 1. */
static const char * const day_names[] = {
  "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun",
  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
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

static gboolean
check_group_id (const char  *group_id,
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

  if (!check_group_id (group_id, strlen (group_id), error))
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

/* An unknown group could be anything from fonts to advertising: it is
 * granted only when the user refused nothing. */
static gboolean
group_granted (const LecternSiteChoices *choices,
               LecternCategory           category)
{
  if (category == LECTERN_CATEGORY_UNKNOWN)
    {
      for (LecternCategory c = 0; c < LECTERN_N_CATEGORIES; c++)
        {
          if (lectern_consent_record_is_refused (choices, c))
            return FALSE;
        }

      return TRUE;
    }

  return !lectern_consent_record_is_refused (choices, category);
}

/**
 * lectern_onetrust_choices_grant:
 * @choices: the user's choices for the site
 * @category: a group's category; %LECTERN_CATEGORY_UNKNOWN for a group
 *   whose name and id say nothing
 *
 * Returns: whether a group of @category is to be granted: what
 *   lectern_onetrust_build_consent() writes for it
 */
gboolean
lectern_onetrust_choices_grant (const LecternSiteChoices *choices,
                                LecternCategory           category)
{
  g_return_val_if_fail (choices != NULL, FALSE);

  return group_granted (choices, category);
}

/* OneTrust writes its cookie as a form would: %XX escapes and "+" for a
 * space. */
static void
append_form_value (GString    *string,
                   const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "%20"))
        {
          g_string_append_c (string, '+');
          p += 2;
        }
      else
        {
          g_string_append_c (string, *p);
        }
    }
}

static void
append_field (GString    *string,
              const char *key,
              const char *value)
{
  if (string->len > 0)
    g_string_append_c (string, '&');
  g_string_append (string, key);
  g_string_append_c (string, '=');
  append_form_value (string, value);
}

/**
 * lectern_onetrust_build_consent:
 * @choices: the user's choices for the site
 * @groups: (nullable): the site's groups; %NULL or empty for the standard five
 * @now: when the choices are applied
 * @consent_id: (nullable): the consent id to record; %NULL for a new random one
 * @version: (nullable): the site's OneTrust version; %NULL for a recent one
 *
 * Builds the `OptanonConsent` cookie value OneTrust itself would write after
 * the user saved @choices in its preference centre, so that the tool finds
 * the choice made and shows no banner. Strictly necessary groups are always
 * granted, as OneTrust does; `isGpcEnabled` says whether the sale of
 * personal data was refused, since Lectern then sends Global Privacy Control.
 *
 * Returns: (transfer full): the cookie value, URL-encoded
 */
char *
lectern_onetrust_build_consent (const LecternSiteChoices    *choices,
                                const LecternOneTrustGroups *groups,
                                GDateTime                   *now,
                                const char                  *consent_id,
                                const char                  *version)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) group_list = g_string_new (NULL);
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *generated_id = NULL;
  g_autofree char *datestamp = NULL;
  const char *gpc;

  g_return_val_if_fail (choices != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (consent_id == NULL)
    consent_id = generated_id = g_uuid_string_random ();
  if (version == NULL)
    version = DEFAULT_VERSION;

  if (groups != NULL && groups->groups->len > 0)
    {
      for (guint i = 0; i < groups->groups->len; i++)
        {
          const Group *group = &g_array_index (groups->groups, Group, i);

          g_string_append_printf (group_list, "%s%s:%d",
                                  i > 0 ? "," : "", group->id,
                                  group_granted (choices, group->category));
        }
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (standard_groups); i++)
        g_string_append_printf (group_list, "%s%s:%d",
                                i > 0 ? "," : "", standard_groups[i].id,
                                group_granted (choices, standard_groups[i].category));
    }

  /* JavaScript's Date.prototype.toString() form, which OneTrust writes;
   * the zone's name in parentheses is optional to Date.parse(). The names
   * are English whatever the user's locale, as JavaScript writes them. */
  utc = g_date_time_to_utc (now);
  datestamp = g_strdup_printf ("%s %s %02d %04d %02d:%02d:%02d GMT+0000",
                               day_names[g_date_time_get_day_of_week (utc) - 1],
                               month_names[g_date_time_get_month (utc) - 1],
                               g_date_time_get_day_of_month (utc),
                               g_date_time_get_year (utc),
                               g_date_time_get_hour (utc),
                               g_date_time_get_minute (utc),
                               g_date_time_get_second (utc));

  gpc = lectern_consent_record_is_refused (choices, LECTERN_CATEGORY_SALE) ? "1" : "0";

  append_field (value, "isGpcEnabled", gpc);
  append_field (value, "datestamp", datestamp);
  append_field (value, "version", version);
  append_field (value, "browserGpcFlag", gpc);
  append_field (value, "isIABGlobal", "false");
  append_field (value, "hosts", "");
  append_field (value, "consentId", consent_id);
  append_field (value, "interactionCount", "1");
  append_field (value, "isAnonUser", "1");
  append_field (value, "landingPath", "NotLandingPage");
  append_field (value, "groups", group_list->str);
  append_field (value, "AwaitingReconsent", "false");

  return g_string_free (g_steal_pointer (&value), FALSE);
}

static char *
decode_form_value (const char  *value,
                   gsize        length,
                   GError     **error)
{
  g_autofree char *plus_free = g_strndup (value, length);
  char *decoded;

  g_strdelimit (plus_free, "+", ' ');
  decoded = g_uri_unescape_string (plus_free, NULL);

  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    {
      g_free (decoded);
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust cookie holds a badly escaped value"));
      return NULL;
    }

  return decoded;
}

static gboolean
parse_group_list (const char                  *list,
                  const LecternOneTrustGroups *groups,
                  LecternConsentRecord        *record,
                  GError                     **error)
{
  g_auto(GStrv) entries = NULL;

  /* No group at all: the tool recorded nothing yet. */
  if (*list == '\0')
    return TRUE;

  entries = g_strsplit (list, ",", -1);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      const char *entry = entries[i];
      const char *colon = strchr (entry, ':');
      const char *flag;

      if (colon == NULL)
        {
          g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                       /* Translators: %s is an entry of a OneTrust cookie, as "C0002:1" should be */
                       _("The OneTrust group entry “%s” has no state"), entry);
          return FALSE;
        }

      if (!check_group_id (entry, colon - entry, error))
        return FALSE;

      flag = colon + 1;
      if (!g_str_equal (flag, "0") && !g_str_equal (flag, "1"))
        {
          g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                       /* Translators: %s is an entry of a OneTrust cookie, as "C0002:1" should be */
                       _("The OneTrust group entry “%s” is neither granted nor refused"), entry);
          return FALSE;
        }

      {
        g_autofree char *group_id = g_strndup (entry, colon - entry);

        lectern_consent_record_add (record,
                                    lectern_onetrust_groups_get_category (groups, group_id),
                                    flag[0] == '1');
      }
    }

  return TRUE;
}

/**
 * lectern_onetrust_parse_consent:
 * @value: an `OptanonConsent` cookie value, URL-encoded
 * @groups: (nullable): the site's groups; %NULL for the standard ones
 * @record: (inout): the record to add the recorded groups to
 * @error: return location for a #GError
 *
 * Reads the `groups` field back into @record. The value comes from the
 * page: a malformed pair, a bad escape, a missing `groups` field or a
 * malformed group entry is refused, and @record is then left unchanged.
 *
 * Returns: %TRUE if @value was understood
 */
gboolean
lectern_onetrust_parse_consent (const char                  *value,
                                const LecternOneTrustGroups *groups,
                                LecternConsentRecord        *record,
                                GError                     **error)
{
  g_auto(GStrv) pairs = NULL;
  g_autofree char *group_list = NULL;
  LecternConsentRecord parsed;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value == NULL || *value == '\0')
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust cookie is empty"));
      return FALSE;
    }

  pairs = g_strsplit (value, "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *equals = strchr (pairs[i], '=');
      g_autofree char *key = NULL;
      g_autofree char *field = NULL;

      if (equals == NULL || equals == pairs[i])
        {
          g_set_error (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                       /* Translators: %u is a position in a list, from 1 */
                       _("The OneTrust cookie’s field %u is not a key and a value"), i + 1);
          return FALSE;
        }

      if ((key = decode_form_value (pairs[i], equals - pairs[i], error)) == NULL ||
          (field = decode_form_value (equals + 1, strlen (equals + 1), error)) == NULL)
        return FALSE;

      if (g_str_equal (key, "groups"))
        {
          g_free (group_list);
          group_list = g_steal_pointer (&field);
        }
    }

  if (group_list == NULL)
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust cookie records no groups"));
      return FALSE;
    }

  parsed = *record;
  if (!parse_group_list (group_list, groups, &parsed, error))
    return FALSE;

  *record = parsed;

  return TRUE;
}

/**
 * lectern_onetrust_build_alert_box_closed:
 * @now: when the choices are applied
 *
 * Returns: (transfer full): the `OptanonAlertBoxClosed` cookie value, the
 *   time in UTC as JavaScript's Date.prototype.toISOString() writes it
 */
char *
lectern_onetrust_build_alert_box_closed (GDateTime *now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *seconds = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  utc = g_date_time_to_utc (now);
  seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

/**
 * lectern_onetrust_parse_alert_box_closed:
 * @value: an `OptanonAlertBoxClosed` cookie value
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): when the banner was closed, or
 *   %NULL with @error set if @value is not an ISO 8601 date
 */
GDateTime *
lectern_onetrust_parse_alert_box_closed (const char  *value,
                                         GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *decoded = NULL;
  GDateTime *closed = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (value != NULL)
    decoded = g_uri_unescape_string (value, NULL);
  if (decoded != NULL)
    closed = g_date_time_new_from_iso8601 (decoded, utc);

  if (closed == NULL)
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("The OneTrust banner’s closing time is not an ISO 8601 date"));
      return NULL;
    }

  return closed;
}

/**
 * lectern_onetrust_parse_active_groups:
 * @active_groups: `OnetrustActiveGroups` from the page (",C0001,C0003,")
 * @groups: (nullable): the site's groups; %NULL or empty for the standard five
 * @record: (inout): the record to add to
 * @error: return location for a #GError
 *
 * The active groups are the granted ones; every other group of the site
 * (or, without the site's list, every other standard group) is recorded as
 * refused. A malformed id is refused and @record then left unchanged.
 *
 * Returns: %TRUE if @active_groups was understood
 */
gboolean
lectern_onetrust_parse_active_groups (const char                  *active_groups,
                                      const LecternOneTrustGroups *groups,
                                      LecternConsentRecord        *record,
                                      GError                     **error)
{
  g_auto(GStrv) ids = NULL;
  LecternConsentRecord parsed;

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (active_groups == NULL)
    {
      g_set_error_literal (error, LECTERN_ONETRUST_ERROR, LECTERN_ONETRUST_ERROR_INVALID,
                           _("OneTrust reported no active groups"));
      return FALSE;
    }

  ids = g_strsplit (active_groups, ",", -1);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_strstrip (ids[i]);
      if (ids[i][0] != '\0' && !check_group_id (ids[i], strlen (ids[i]), error))
        return FALSE;
    }

  parsed = *record;

  if (groups != NULL && groups->groups->len > 0)
    {
      for (guint i = 0; i < groups->groups->len; i++)
        {
          const Group *group = &g_array_index (groups->groups, Group, i);

          lectern_consent_record_add (&parsed, group->category,
                                      g_strv_contains ((const char * const *)ids, group->id));
        }
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (standard_groups); i++)
        lectern_consent_record_add (&parsed, standard_groups[i].category,
                                    g_strv_contains ((const char * const *)ids, standard_groups[i].id));
    }

  /* An active group missing from the site's list still grants its category. */
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (ids[i][0] != '\0')
        lectern_consent_record_add (&parsed, lectern_onetrust_groups_get_category (groups, ids[i]), TRUE);
    }

  *record = parsed;

  return TRUE;
}
