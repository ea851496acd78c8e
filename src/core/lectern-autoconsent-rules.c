/* lectern-autoconsent-rules.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-autoconsent-rules.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-autoconsent-messages.h"
#include "lectern-consent-record.h"

/**
 * LecternAutoconsentRules:
 *
 * What DuckDuckGo's autoconsent may do in a page, read from the files the
 * package ships: its JSON rules (`rules.json`), each for the frames and
 * addresses its run context names, and the snippets its content script
 * asks to run in the page's own world (the snippets section of
 * `autoconsent.playwright.js`). From them it writes the configuration a
 * frame asks for, and says whether code a frame asks to run is, byte for
 * byte, one of autoconsent's own snippets. It reads no file itself: the
 * app hands it the copies in its resources, the tests those in the build
 * folder.
 */
struct _LecternAutoconsentRules
{
  GArray *rules;
  char   *snippets;
};

/* Where the snippets sit in the bundle: esbuild marks each source file. */
#define SNIPPETS_START "// lib/eval-snippets.ts"
#define SNIPPETS_END   "// lib/heuristic-patterns.ts"

/* The consent tools Lectern answers itself, in their own terms and with a
 * read-back of what they recorded: autoconsent's rules for them would only
 * "reject all" over the reader's per-category choices, and two answers
 * racing in one banner leave the tool holding whichever came last. The
 * names are autoconsent's own: its code-based rules for OneTrust and
 * Cookiebot. TCF tools stay with autoconsent: Lectern only reads a TC
 * string, it never writes one. */
static const char * const disabled_cmps[] = { "Onetrust", "Cybotcookiebot" };

typedef struct
{
  JsonNode *node;
  GRegex   *url_pattern;
  gboolean  main;
  gboolean  frame;
} Rule;

G_DEFINE_QUARK (lectern-autoconsent-error-quark, lectern_autoconsent_error)

static void
rule_clear (Rule *rule)
{
  g_clear_pointer (&rule->node, json_node_unref);
  g_clear_pointer (&rule->url_pattern, g_regex_unref);
}

/**
 * lectern_autoconsent_rules_new:
 *
 * Load the JSON rules with lectern_autoconsent_rules_load_json() and the
 * snippets with lectern_autoconsent_rules_load_bundle(). Each part works
 * without the other: with no JSON rules, autoconsent still has the
 * code-based rules built into its content script; with no snippets, every
 * request to run code in the page is refused.
 *
 * Returns: (transfer full): a set with no rule and no snippet
 */
LecternAutoconsentRules *
lectern_autoconsent_rules_new (void)
{
  LecternAutoconsentRules *self = g_new0 (LecternAutoconsentRules, 1);

  self->rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_array_set_clear_func (self->rules, (GDestroyNotify) rule_clear);
  self->snippets = g_strdup ("");

  return self;
}

/**
 * lectern_autoconsent_rules_free:
 * @self: (nullable) (transfer full): a #LecternAutoconsentRules
 */
void
lectern_autoconsent_rules_free (LecternAutoconsentRules *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->snippets, g_free);
  g_free (self);
}

/**
 * lectern_autoconsent_rules_load_json:
 * @self: a #LecternAutoconsentRules
 * @rules_json: autoconsent's `rules.json`
 * @error: return location for a #GError
 *
 * Adds the rules of the "autoconsent" array of @rules_json, each with the
 * frames and addresses it is for. Their URL patterns are JavaScript
 * regular expressions; the few PCRE reads differently are left out rather
 * than guessed at, and so are entries that are not objects. A document
 * with no such array adds nothing.
 *
 * Returns: %TRUE, or %FALSE with @error set when @rules_json is not JSON
 */
gboolean
lectern_autoconsent_rules_load_json (LecternAutoconsentRules  *self,
                                     GBytes                   *rules_json,
                                     GError                  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size;
  JsonNode *root;
  JsonNode *array_node;
  JsonArray *array;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (rules_json != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (rules_json, &size);
  /* Empty bytes may have no data at all. */
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", size, &local_error))
    {
      g_set_error (error, LECTERN_AUTOCONSENT_ERROR, LECTERN_AUTOCONSENT_ERROR_INVALID,
                   /* Translators: %s says what is wrong with the file */
                   _("Autoconsent’s rules are not valid JSON: %s"), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  array_node = root != NULL && JSON_NODE_HOLDS_OBJECT (root)
               ? json_object_get_member (json_node_get_object (root), "autoconsent") : NULL;
  if (array_node == NULL || !JSON_NODE_HOLDS_ARRAY (array_node))
    return TRUE;

  array = json_node_get_array (array_node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *run_context;
      const char *pattern;
      Rule rule = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      run_context = lectern_autoconsent_message_get_object (json_node_get_object (node), "runContext");
      rule.main = lectern_autoconsent_message_get_boolean (run_context, "main", TRUE);
      rule.frame = lectern_autoconsent_message_get_boolean (run_context, "frame", FALSE);
      pattern = lectern_autoconsent_message_get_string (run_context, "urlPattern");

      if (pattern != NULL && pattern[0] != '\0')
        {
          rule.url_pattern = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
          if (rule.url_pattern == NULL)
            continue;
        }

      rule.node = json_node_ref (node);
      g_array_append_val (self->rules, rule);
    }

  return TRUE;
}

/**
 * lectern_autoconsent_rules_load_bundle:
 * @self: a #LecternAutoconsentRules
 * @bundle: autoconsent's content script, `autoconsent.playwright.js`
 * @error: return location for a #GError
 *
 * Takes the snippets from the snippets section of @bundle: an object
 * literal of arrow functions, one entry per snippet, each key at four
 * spaces of indent. They replace those of an earlier bundle.
 *
 * Returns: %TRUE, or %FALSE with @error set when @bundle has no snippets
 *   section; @self then has no snippet at all
 */
gboolean
lectern_autoconsent_rules_load_bundle (LecternAutoconsentRules  *self,
                                       GBytes                   *bundle,
                                       GError                  **error)
{
  g_autofree char *text = NULL;
  const char *data;
  gsize size;
  const char *start;
  const char *end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (bundle != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (bundle, &size);
  text = g_strndup (data != NULL ? data : "", size);
  start = strstr (text, SNIPPETS_START);
  end = start != NULL ? strstr (start, SNIPPETS_END) : NULL;

  g_free (self->snippets);
  if (end == NULL)
    {
      self->snippets = g_strdup ("");
      g_set_error_literal (error, LECTERN_AUTOCONSENT_ERROR, LECTERN_AUTOCONSENT_ERROR_NO_SNIPPETS,
                           _("The autoconsent bundle has no snippets section"));
      return FALSE;
    }

  self->snippets = g_strndup (start, end - start);

  return TRUE;
}

static gboolean
is_snippet_id (const char *id)
{
  if (id == NULL || id[0] == '\0')
    return FALSE;

  for (const char *c = id; *c != '\0'; c++)
    {
      if (!g_ascii_isupper (*c) && !g_ascii_isdigit (*c) && *c != '_')
        return FALSE;
    }

  return TRUE;
}

/* Where the entry that starts at @entry ends: at the next line that starts
 * another key or a comment at the entries' indent, or at the closing brace
 * of the object. A function's own lines are indented deeper, and the line
 * that closes its body starts with a bracket. */
static const char *
find_entry_end (const char *entry)
{
  for (const char *c = strchr (entry, '\n'); c != NULL; c = strchr (c + 1, '\n'))
    {
      if (g_str_has_prefix (c, "\n  }"))
        return c;
      if (g_str_has_prefix (c, "\n    ") &&
          (g_ascii_isalpha (c[5]) || c[5] == '_' || c[5] == '$' || c[5] == '/'))
        return c;
    }

  return NULL;
}

/* Returns the source text of snippet @id, as the bundle has it. */
static char *
dup_snippet_source (LecternAutoconsentRules *self,
                    const char              *id)
{
  g_autofree char *key = NULL;
  const char *entry;
  const char *end;

  if (!is_snippet_id (id))
    return NULL;

  key = g_strdup_printf ("\n    %s: ", id);
  entry = strstr (self->snippets, key);
  if (entry == NULL)
    return NULL;

  entry += strlen (key);
  end = find_entry_end (entry);
  if (end == NULL)
    return NULL;

  while (end > entry && g_ascii_isspace (end[-1]))
    end--;
  if (end > entry && end[-1] == ',')
    end--;

  return g_strndup (entry, end - entry);
}

/**
 * lectern_autoconsent_rules_get_n_snippets:
 * @self: a #LecternAutoconsentRules
 *
 * Returns: how many of autoconsent's snippets Lectern will run in a page
 */
guint
lectern_autoconsent_rules_get_n_snippets (LecternAutoconsentRules *self)
{
  guint n = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (const char *c = strstr (self->snippets, "\n    "); c != NULL; c = strstr (c + 1, "\n    "))
    {
      const char *id = c + 5;
      const char *colon = strstr (id, ": ");
      g_autofree char *name = colon != NULL ? g_strndup (id, colon - id) : NULL;

      if (name != NULL && is_snippet_id (name))
        n++;
    }

  return n;
}

/**
 * lectern_autoconsent_rules_is_own_snippet:
 * @self: a #LecternAutoconsentRules
 * @snippet_id: (nullable): the id an eval request names
 * @code: (nullable): the code it carries
 *
 * Autoconsent sends a snippet as "(" + the function's source + ")()", and
 * Function.prototype.toString gives back a function's exact source text:
 * so a genuine request carries, byte for byte, the entry of its id in the
 * copy of the bundle Lectern ships.
 *
 * Returns: whether @code is exactly autoconsent's snippet @snippet_id
 */
gboolean
lectern_autoconsent_rules_is_own_snippet (LecternAutoconsentRules *self,
                                          const char              *snippet_id,
                                          const char              *code)
{
  g_autofree char *source = NULL;
  gsize length;

  g_return_val_if_fail (self != NULL, FALSE);

  if (code == NULL)
    return FALSE;

  source = dup_snippet_source (self, snippet_id);
  if (source == NULL)
    return FALSE;

  length = strlen (source);

  return strlen (code) == length + 4 &&
         code[0] == '(' &&
         strncmp (code + 1, source, length) == 0 &&
         strcmp (code + 1 + length, ")()") == 0;
}

/**
 * lectern_autoconsent_get_auto_action:
 * @choices: (nullable): the site's choices
 *
 * Trusting a site only turns Lectern's blocking off; what the site's
 * consent tool is told still follows the categories.
 *
 * Returns: (nullable): "optOut" when any category but the strictly
 *   necessary one is off, "optIn" when all are on, %NULL when the reader
 *   asked to leave the site's banner alone
 */
const char *
lectern_autoconsent_get_auto_action (const LecternSiteChoices *choices)
{
  switch (lectern_consent_record_get_answer (choices))
    {
    case LECTERN_CONSENT_ANSWER_ACCEPT:
      return "optIn";
    case LECTERN_CONSENT_ANSWER_REFUSE:
      return "optOut";
    case LECTERN_CONSENT_ANSWER_NONE:
    default:
      return NULL;
    }
}

static void
build_config (JsonBuilder              *builder,
              const LecternSiteChoices *choices)
{
  const char *action = lectern_autoconsent_get_auto_action (choices);
  gboolean leave_alone = choices != NULL && lectern_site_choices_get_leave_banner (choices);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "autoAction");
  if (action != NULL)
    json_builder_add_string_value (builder, action);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "disabledCmps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < G_N_ELEMENTS (disabled_cmps); i++)
    json_builder_add_string_value (builder, disabled_cmps[i]);
  json_builder_end_array (builder);
  /* Left alone, the banner must show as the site made it: nothing hidden
   * in advance, no cosmetic rule. Autoconsent still says which tool it is. */
  json_builder_set_member_name (builder, "enablePrehide");
  json_builder_add_boolean_value (builder, !leave_alone);
  json_builder_set_member_name (builder, "enableCosmeticRules");
  json_builder_add_boolean_value (builder, !leave_alone);
  /* Heuristics click whatever button reads like "reject": a guess, and
   * Lectern reports only what a known tool's rule did. */
  json_builder_set_member_name (builder, "enableHeuristicDetection");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "isMainWorld");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "logs");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/**
 * lectern_autoconsent_rules_dup_init_reply:
 * @self: a #LecternAutoconsentRules
 * @choices: (nullable): the choices of the site on screen
 * @url: the URL of the frame that asked
 * @top: whether it is the top frame
 *
 * Returns: (transfer full): autoconsent's "initResp" message for that
 *   frame, as JSON: the configuration and the rules that may run there
 */
char *
lectern_autoconsent_rules_dup_init_reply (LecternAutoconsentRules  *self,
                                          const LecternSiteChoices *choices,
                                          const char               *url,
                                          gboolean                  top)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (url != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "initResp");

  json_builder_set_member_name (builder, "config");
  build_config (builder, choices);

  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "autoconsent");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->rules->len; i++)
    {
      Rule *rule = &g_array_index (self->rules, Rule, i);

      if (top ? !rule->main : !rule->frame)
        continue;
      if (rule->url_pattern != NULL && !g_regex_match (rule->url_pattern, url, 0, NULL))
        continue;

      json_builder_add_value (builder, json_node_ref (rule->node));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}
