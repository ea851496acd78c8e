/* lectern-autoconsent.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-autoconsent.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-consent-record.h"
#include "lectern-ipc.h"

/* DuckDuckGo's autoconsent answers the consent tools Lectern does not
 * handle itself. Its content script (the build meant for embedding, with
 * its code-based rules built in) runs in an isolated script world of every
 * frame, named by a GUID drawn once per run; its JSON rules, its
 * configuration and its requests to run code in the page all come from
 * here, as replies to the messages it posts to a handler registered for
 * that world alone. Page scripts share the DOM with it but can neither see
 * the handler nor the functions it calls.
 *
 * The web process runs the page and is treated as hostile all the same:
 * every message is checked, and the only code run in the page's own world
 * is one of autoconsent's own snippets, checked byte for byte against the
 * copy of the bundle in the resources. */

#define BUNDLE_RESOURCE  "/org/lectern/Lectern/js/autoconsent.playwright.js"
#define GLUE_RESOURCE    "/org/lectern/Lectern/js/lectern-autoconsent.js"
#define RULES_RESOURCE   "/org/lectern/Lectern/js/autoconsent-rules.json"
#define SNIPPET_SOURCE_URI "resource:///org/lectern/Lectern/js/autoconsent.playwright.js"

/* Where the snippets sit in the bundle: esbuild marks each source file. */
#define SNIPPETS_START "// lib/eval-snippets.ts"
#define SNIPPETS_END   "// lib/heuristic-patterns.ts"

/* Longest message taken from a frame: an eval request carries a snippet's
 * source, a few kilobytes at most. */
#define MAX_MESSAGE_LENGTH (64 * 1024)

/* How long autoconsent looks for a detected tool's banner before it gives
 * up without a word: eleven looks, half a second apart (waitForPopup in
 * the bundle), and a second more for the messages on their way. */
#define POPUP_WAIT_MS 6000

struct _LecternAutoconsent
{
  GObject             parent_instance;

  /* Borrowed: weak pointers, the view owns this object */
  WebKitWebView            *web_view;

  /* Owned */
  LecternPageState         *page;
  WebKitUserContentManager *manager;
  GCancellable             *cancellable;
  LecternCmpOutcome        *outcome;
  char                     *detected;
  guint                     popup_wait_source;
  gboolean                  popup_found;
  gboolean                  self_test_scheduled;
  gboolean                  committed;
};

G_DEFINE_FINAL_TYPE (LecternAutoconsent, lectern_autoconsent, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WEB_VIEW,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
rule_clear (Rule *rule)
{
  g_clear_pointer (&rule->node, json_node_unref);
  g_clear_pointer (&rule->url_pattern, g_regex_unref);
}

/**
 * lectern_autoconsent_get_world_name:
 *
 * Returns: the name of the script world autoconsent runs in: a GUID made
 *   once per process, so no page can know it in advance
 */
const char *
lectern_autoconsent_get_world_name (void)
{
  static gsize initialized = 0;
  static char *world_name = NULL;

  if (g_once_init_enter (&initialized))
    {
      world_name = g_dbus_generate_guid ();
      g_once_init_leave (&initialized, 1);
    }

  return world_name;
}

static GBytes *
lookup_resource (const char *path)
{
  GBytes *bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* Compiled into the program: missing means a broken build. */
  g_assert (bytes != NULL);

  return bytes;
}

/* The glue first, so that the bundle finds its send function. */
static const char *
get_user_script_source (void)
{
  static gsize initialized = 0;
  static char *source = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) glue = lookup_resource (GLUE_RESOURCE);
      g_autoptr(GBytes) bundle = lookup_resource (BUNDLE_RESOURCE);
      GString *str = g_string_new (NULL);

      g_string_append_len (str, g_bytes_get_data (glue, NULL), g_bytes_get_size (glue));
      g_string_append (str, "\n;\n");
      g_string_append_len (str, g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
      source = g_string_free (str, FALSE);
      g_once_init_leave (&initialized, 1);
    }

  return source;
}

/* The bundle's snippets section: an object literal of arrow functions, one
 * entry per snippet, each key at four spaces of indent. */
static const char *
get_snippets_section (void)
{
  static gsize initialized = 0;
  static char *section = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bundle = lookup_resource (BUNDLE_RESOURCE);
      g_autofree char *text = g_strndup (g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle));
      const char *start = strstr (text, SNIPPETS_START);
      const char *end = start != NULL ? strstr (start, SNIPPETS_END) : NULL;

      if (end != NULL)
        section = g_strndup (start, end - start);
      else
        {
          g_warning ("The autoconsent bundle has no snippets section: its eval requests will be refused");
          section = g_strdup ("");
        }
      g_once_init_leave (&initialized, 1);
    }

  return section;
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
dup_snippet_source (const char *id)
{
  const char *section = get_snippets_section ();
  g_autofree char *key = NULL;
  const char *entry;
  const char *end;

  if (!is_snippet_id (id))
    return NULL;

  key = g_strdup_printf ("\n    %s: ", id);
  entry = strstr (section, key);
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
 * lectern_autoconsent_get_n_snippets:
 *
 * Returns: how many of autoconsent's snippets Lectern will run in a page
 */
guint
lectern_autoconsent_get_n_snippets (void)
{
  const char *section = get_snippets_section ();
  guint n = 0;

  for (const char *c = strstr (section, "\n    "); c != NULL; c = strstr (c + 1, "\n    "))
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
 * lectern_autoconsent_is_own_snippet:
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
lectern_autoconsent_is_own_snippet (const char *snippet_id,
                                    const char *code)
{
  g_autofree char *source = NULL;
  gsize length;

  if (code == NULL)
    return FALSE;

  source = dup_snippet_source (snippet_id);
  if (source == NULL)
    return FALSE;

  length = strlen (source);

  return strlen (code) == length + 4 &&
         code[0] == '(' &&
         strncmp (code + 1, source, length) == 0 &&
         strcmp (code + 1 + length, ")()") == 0;
}

static gboolean
get_bool_member (JsonObject *object,
                 const char *name,
                 gboolean    default_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;

  return json_node_get_boolean (node);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* A rule's name as autoconsent gives it ("cookieyes", "Complianz banner"):
 * it ends up in the sidebar and the report, so anything longer or stranger
 * is not taken from the page. */
static const char *
get_cmp_member (JsonObject *object)
{
  const char *name = get_string_member (object, "cmp");

  if (name == NULL || name[0] == '\0' || strlen (name) > 64 || !g_utf8_validate (name, -1, NULL))
    return NULL;

  for (const char *c = name; *c != '\0'; c = g_utf8_next_char (c))
    {
      if (!g_unichar_isprint (g_utf8_get_char (c)))
        return NULL;
    }

  return name;
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

/* The JSON rules, each with the frames and URLs it is for, read once. Their
 * URL patterns are JavaScript regular expressions; the few PCRE reads
 * differently are left out rather than guessed at. */
static GArray *
load_rules (void)
{
  g_autoptr(GArray) rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  g_autoptr(GBytes) bytes = lookup_resource (RULES_RESOURCE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *array;

  g_array_set_clear_func (rules, (GDestroyNotify) rule_clear);

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_warning ("Cannot read autoconsent's rules: %s", error->message);
      return g_steal_pointer (&rules);
    }

  root = JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ? json_node_get_object (json_parser_get_root (parser)) : NULL;
  array = root != NULL && json_object_has_member (root, "autoconsent") ? json_object_get_array_member (root, "autoconsent") : NULL;
  if (array == NULL)
    return g_steal_pointer (&rules);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *run_context;
      const char *pattern;
      Rule rule = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      run_context = get_object_member (json_node_get_object (node), "runContext");
      rule.main = get_bool_member (run_context, "main", TRUE);
      rule.frame = get_bool_member (run_context, "frame", FALSE);
      pattern = get_string_member (run_context, "urlPattern");

      if (pattern != NULL && pattern[0] != '\0')
        {
          rule.url_pattern = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);
          if (rule.url_pattern == NULL)
            continue;
        }

      rule.node = json_node_ref (node);
      g_array_append_val (rules, rule);
    }

  return g_steal_pointer (&rules);
}

static GArray *
get_rules (void)
{
  static gsize initialized = 0;
  static GArray *rules = NULL;

  if (g_once_init_enter (&initialized))
    {
      rules = load_rules ();
      g_once_init_leave (&initialized, 1);
    }

  return rules;
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

/**
 * lectern_autoconsent_dup_init_reply:
 * @choices: (nullable): the choices of the site on screen
 * @url: the URL of the frame that asked
 * @top: whether it is the top frame
 *
 * Returns: (transfer full): autoconsent's "initResp" message for that
 *   frame, as JSON: the configuration and the rules that may run there
 */
char *
lectern_autoconsent_dup_init_reply (const LecternSiteChoices *choices,
                                    const char               *url,
                                    gboolean                  top)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *action = lectern_autoconsent_get_auto_action (choices);
  gboolean leave_alone = choices != NULL && lectern_site_choices_get_leave_banner (choices);
  GArray *rules = get_rules ();

  g_return_val_if_fail (url != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "initResp");

  json_builder_set_member_name (builder, "config");
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

  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "autoconsent");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rules->len; i++)
    {
      Rule *rule = &g_array_index (rules, Rule, i);

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

static void
reply_json (WebKitScriptMessageReply *reply,
            JSCContext               *context,
            const char               *json)
{
  g_autoptr(JSCValue) value = jsc_value_new_string (context, json);

  webkit_script_message_reply_return_value (reply, value);
}

static char *
dup_eval_reply (const char *id,
                JsonNode   *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "evalResp");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "result");
  if (result != NULL)
    json_builder_add_value (builder, json_node_ref (result));
  else
    json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

typedef struct
{
  WebKitScriptMessageReply *reply;
  JSCContext               *context;
  char                     *id;
} EvalData;

static void
eval_data_free (EvalData *data)
{
  webkit_script_message_reply_unref (data->reply);
  g_object_unref (data->context);
  g_free (data->id);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EvalData, eval_data_free)

static void
eval_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(EvalData) data = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *reply = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  /* A snippet that throws (the tool's API is not there) answers "no",
   * as autoconsent's own extension does. */
  if (value != NULL && !jsc_value_is_undefined (value))
    json = jsc_value_to_json (value, 0);
  if (json != NULL)
    node = json_from_string (json, NULL);

  reply = dup_eval_reply (data->id, node);
  reply_json (data->reply, data->context, reply);
}

/* The web process ran a snippet in a subframe (LecternFrameEval). */
static void
frame_eval_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(EvalData) data = user_data;
  g_autoptr(WebKitUserMessage) message = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  GVariant *parameters;

  message = webkit_web_view_send_message_to_page_finish (WEBKIT_WEB_VIEW (object), result, &error);
  parameters = message != NULL ? webkit_user_message_get_parameters (message) : NULL;

  if (parameters != NULL &&
      g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_AUTOCONSENT_EVAL_REPLY_TYPE)))
    {
      gboolean ran;
      const char *json;

      g_variant_get (parameters, "(b&s)", &ran, &json);
      if (ran && json[0] != '\0')
        node = json_from_string (json, NULL);
    }

  reply = dup_eval_reply (data->id, node);
  reply_json (data->reply, data->context, reply);
}

static void
handle_eval (LecternAutoconsent       *self,
             JsonObject               *message,
             gboolean                  top,
             const char               *frame_url,
             WebKitScriptMessageReply *reply,
             JSCContext               *context)
{
  const char *id = get_string_member (message, "id");
  const char *snippet_id = get_string_member (message, "snippetId");
  const char *code = get_string_member (message, "code");
  g_autofree char *answer = NULL;
  EvalData *data;

  if (id == NULL)
    return;

  /* Only autoconsent's own snippets ever run in the page's world. */
  if (!lectern_autoconsent_is_own_snippet (snippet_id, code) || (!top && frame_url == NULL))
    {
      g_debug ("Refused to run code that is not one of autoconsent's snippets (%s)",
               snippet_id != NULL ? snippet_id : "no id");
      answer = dup_eval_reply (id, NULL);
      reply_json (reply, context, answer);
      return;
    }

  data = g_new0 (EvalData, 1);
  data->reply = webkit_script_message_reply_ref (reply);
  data->context = g_object_ref (context);
  data->id = g_strdup (id);

  /* A view runs code in its main frame alone: a subframe's snippet is run
   * by the web process, in the frame at the address the request came
   * from. The code is the snippet checked above, whatever the frame. */
  if (!top)
    {
      const char *view_uri = webkit_web_view_get_uri (self->web_view);

      webkit_web_view_send_message_to_page (self->web_view,
                                            webkit_user_message_new (LECTERN_IPC_AUTOCONSENT_EVAL,
                                                                     g_variant_new ("(sss)", view_uri != NULL ? view_uri : "",
                                                                                    frame_url, code)),
                                            self->cancellable, frame_eval_cb, data);
      return;
    }

  webkit_web_view_evaluate_javascript (self->web_view, code, -1, NULL, SNIPPET_SOURCE_URI,
                                      self->cancellable, eval_cb, data);
}

static void
set_outcome (LecternAutoconsent *self,
             const char         *cmp,
             const char         *action,
             char               *detail)
{
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new (cmp, action);

  outcome->detail = detail;
  /* Leaving a banner alone applies nothing, and neither does finding the
   * answer of an earlier visit in place. */
  if (!g_str_equal (action, "left-alone") && !g_str_equal (action, "already-answered"))
    outcome->applied = g_date_time_new_now_utc ();

  g_clear_pointer (&self->outcome, lectern_cmp_outcome_free);
  self->outcome = lectern_cmp_outcome_copy (outcome);

  if (self->page != NULL)
    lectern_page_state_set_cmp_outcome (self->page, outcome);
}

static void
handle_result (LecternAutoconsent *self,
               JsonObject         *message,
               gboolean            opt_in)
{
  const char *cmp = get_cmp_member (message);
  gboolean result = get_bool_member (message, "result", FALSE);

  if (cmp == NULL || g_str_equal (cmp, "none"))
    return;

  self->self_test_scheduled = result && get_bool_member (message, "scheduleSelfTest", FALSE);

  if (!result)
    {
      set_outcome (self, cmp, "failed",
                   /* Translators: %s is a consent tool's name, e.g. “cookieyes” */
                   g_strdup_printf (opt_in ? _("Could not accept in the banner of %s")
                                           : _("Could not refuse in the banner of %s"), cmp));
      return;
    }

  set_outcome (self, cmp, opt_in ? "opt-in" : "opt-out",
               /* Translators: %s is a consent tool's name, e.g. “cookieyes” */
               g_strdup_printf (opt_in ? _("Accepted everything in the banner of %s, as every category is on")
                                       : _("Refused everything but the strictly necessary in the banner of %s"), cmp));
}

/* Returns the reply for autoconsentDone: a self-test when the rule has
 * one, so that the tool's own state confirms the answer. */
static char *
handle_done (LecternAutoconsent *self,
             JsonObject         *message)
{
  const char *cmp = get_cmp_member (message);
  gboolean scheduled = self->self_test_scheduled;

  self->self_test_scheduled = FALSE;

  if (cmp == NULL || self->outcome == NULL || !g_str_equal (self->outcome->name, cmp))
    return NULL;

  /* A cosmetic rule only hides the banner: the tool got no answer. */
  if (get_bool_member (message, "isCosmetic", FALSE))
    {
      set_outcome (self, cmp, "banner-hidden",
                   /* Translators: %s is a consent tool's name */
                   g_strdup_printf (_("Hid the banner of %s; the site was given no answer"), cmp));
      return NULL;
    }

  return scheduled ? g_strdup ("{\"type\":\"selfTest\"}") : NULL;
}

static void
handle_self_test (LecternAutoconsent *self,
                  JsonObject         *message)
{
  const char *cmp = get_cmp_member (message);
  g_autofree char *detail = NULL;

  if (cmp == NULL || self->outcome == NULL || !g_str_equal (self->outcome->name, cmp) ||
      self->outcome->detail == NULL)
    return;

  detail = g_strdup_printf ("%s. %s", self->outcome->detail,
                            get_bool_member (message, "result", FALSE)
                            ? _("The site’s tool confirms it.")
                            : _("The site’s tool does not show it."));
  set_outcome (self, self->outcome->name, self->outcome->action, g_steal_pointer (&detail));
}

static void
stop_popup_wait (LecternAutoconsent *self)
{
  g_clear_handle_id (&self->popup_wait_source, g_source_remove);
}

/* Autoconsent found the tool but never its banner, and says nothing more:
 * on a second visit the site already holds an answer and shows no banner.
 * The reader still learns which tool the site uses. */
static gboolean
popup_wait_cb (gpointer user_data)
{
  LecternAutoconsent *self = user_data;

  self->popup_wait_source = 0;

  if (self->page == NULL || self->detected == NULL || self->popup_found || self->outcome != NULL)
    return G_SOURCE_REMOVE;

  set_outcome (self, self->detected, "already-answered",
               /* Translators: %s is a consent tool's name, e.g. “cookieyes” */
               g_strdup_printf (_("%s showed no banner: the site already holds an answer from an earlier visit"),
                                self->detected));

  return G_SOURCE_REMOVE;
}

static gboolean
is_leaving_alone (LecternAutoconsent *self)
{
  const LecternSiteChoices *choices = lectern_page_state_get_choices (self->page);

  return choices != NULL && lectern_site_choices_get_leave_banner (choices);
}

static char *
handle_message (LecternAutoconsent       *self,
                JsonObject               *message,
                gboolean                  top,
                const char               *frame_url,
                WebKitScriptMessageReply *reply,
                JSCContext               *context)
{
  const char *type = get_string_member (message, "type");
  const char *view_uri = webkit_web_view_get_uri (self->web_view);

  /* Between the start of a load and its commit, the frames still posting
   * belong to the page before: what they say is not the new page's. */
  if (type == NULL || !self->committed)
    return NULL;

  if (g_str_equal (type, "init"))
    {
      const char *url = get_string_member (message, "url");

      /* The top frame's address is the view's, whatever the message says;
       * a frame's own only picks the rules it may run. */
      if (top || url == NULL)
        url = view_uri;
      if (url == NULL)
        return NULL;

      return lectern_autoconsent_dup_init_reply (lectern_page_state_get_choices (self->page), url, top);
    }

  if (g_str_equal (type, "eval"))
    {
      handle_eval (self, message, top, frame_url, reply, context);
      return NULL;
    }

  if (g_str_equal (type, "cmpDetected"))
    {
      const char *cmp = get_cmp_member (message);

      if (cmp != NULL && self->detected == NULL)
        {
          self->detected = g_strdup (cmp);
          if (!self->popup_found && self->outcome == NULL)
            self->popup_wait_source = g_timeout_add (POPUP_WAIT_MS, popup_wait_cb, self);
        }
    }
  else if (g_str_equal (type, "popupFound"))
    {
      const char *cmp = get_cmp_member (message);

      if (cmp != NULL)
        {
          self->popup_found = TRUE;
          stop_popup_wait (self);
        }
      if (cmp != NULL && is_leaving_alone (self))
        set_outcome (self, cmp, "left-alone",
                     /* Translators: %s is a consent tool's name */
                     g_strdup_printf (_("The banner of %s was left for you to answer"), cmp));
    }
  else if (g_str_equal (type, "optOutResult"))
    handle_result (self, message, FALSE);
  else if (g_str_equal (type, "optInResult"))
    handle_result (self, message, TRUE);
  else if (g_str_equal (type, "autoconsentDone"))
    return handle_done (self, message);
  else if (g_str_equal (type, "selfTestResult"))
    handle_self_test (self, message);
  else if (g_str_equal (type, "autoconsentError"))
    {
      /* An error after a done answer changes nothing the reader needs. */
      if (self->outcome == NULL && self->detected != NULL)
        set_outcome (self, self->detected, "failed",
                     /* Translators: %s is a consent tool's name */
                     g_strdup_printf (_("Answering the banner of %s stopped with an error"), self->detected));
    }

  return NULL;
}

static gboolean
script_message_cb (WebKitUserContentManager *manager,
                   JSCValue                 *value,
                   WebKitScriptMessageReply *reply,
                   LecternAutoconsent       *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autofree char *answer = NULL;
  JsonObject *envelope;
  JsonObject *message;
  JSCContext *context = jsc_value_get_context (value);

  if (self->web_view == NULL || self->page == NULL || !jsc_value_is_string (value))
    return FALSE;

  text = jsc_value_to_string (value);
  if (strlen (text) > MAX_MESSAGE_LENGTH ||
      !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;

  envelope = json_node_get_object (json_parser_get_root (parser));
  message = get_object_member (envelope, "message");
  if (message == NULL)
    return FALSE;

  /* Without an answer, WebKit resolves the post with undefined; an eval
   * request is answered later, once the page has run the snippet. */
  answer = handle_message (self, message, get_bool_member (envelope, "top", FALSE),
                           get_string_member (envelope, "url"), reply, context);
  if (answer != NULL)
    reply_json (reply, context, answer);

  return TRUE;
}

static void
load_changed_cb (WebKitWebView      *web_view,
                 WebKitLoadEvent     event,
                 LecternAutoconsent *self)
{
  if (event == WEBKIT_LOAD_COMMITTED)
    self->committed = TRUE;
  if (event != WEBKIT_LOAD_STARTED)
    return;

  /* A new page: what the last one's tool did is no longer on screen, and
   * its snippets must not run in the new one. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->outcome, lectern_cmp_outcome_free);
  g_clear_pointer (&self->detected, g_free);
  stop_popup_wait (self);
  self->popup_found = FALSE;
  self->self_test_scheduled = FALSE;
  self->committed = FALSE;
}

/**
 * lectern_autoconsent_new:
 * @web_view: the view whose pages autoconsent answers for
 *
 * Adds autoconsent to @web_view's user content manager: its script in
 * every frame of every page, and the handler it posts to.
 *
 * Returns: (transfer full): a new #LecternAutoconsent
 */
LecternAutoconsent *
lectern_autoconsent_new (WebKitWebView *web_view)
{
  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (web_view), NULL);

  return g_object_new (LECTERN_TYPE_AUTOCONSENT,
                       "web-view", web_view,
                       NULL);
}

/**
 * lectern_autoconsent_set_page:
 * @self: a #LecternAutoconsent
 * @page: (nullable): the page now loading in the view: its choices are
 *   the ones answered, and the outcome goes to it
 */
void
lectern_autoconsent_set_page (LecternAutoconsent *self,
                              LecternPageState   *page)
{
  g_return_if_fail (LECTERN_IS_AUTOCONSENT (self));
  g_return_if_fail (page == NULL || LECTERN_IS_PAGE_STATE (page));

  if (g_set_object (&self->page, page))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * lectern_autoconsent_is_waiting:
 *
 * Autoconsent found a consent tool and is still looking for its banner:
 * the page is not settled until it has either answered the banner or
 * given up on it.
 *
 * Returns: whether autoconsent is still at work on the page on screen
 */
gboolean
lectern_autoconsent_is_waiting (LecternAutoconsent *self)
{
  g_return_val_if_fail (LECTERN_IS_AUTOCONSENT (self), FALSE);

  return self->popup_wait_source != 0;
}

/**
 * lectern_autoconsent_get_outcome:
 *
 * Returns: (nullable): what autoconsent did on the page on screen, %NULL
 *   when it found no consent tool to answer
 */
const LecternCmpOutcome *
lectern_autoconsent_get_outcome (LecternAutoconsent *self)
{
  g_return_val_if_fail (LECTERN_IS_AUTOCONSENT (self), NULL);

  return self->outcome;
}

static void
lectern_autoconsent_constructed (GObject *object)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);
  g_autoptr(WebKitUserScript) script = NULL;
  const char *world = lectern_autoconsent_get_world_name ();

  G_OBJECT_CLASS (lectern_autoconsent_parent_class)->constructed (object);

  self->manager = g_object_ref (webkit_web_view_get_user_content_manager (self->web_view));

  /* At document start, so that the banner can be hidden before it is ever
   * drawn; autoconsent itself waits for the DOM before it looks. */
  script = webkit_user_script_new_for_world (get_user_script_source (),
                                             WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START,
                                             world, NULL, NULL);
  webkit_user_content_manager_add_script (self->manager, script);

  /* Connected before registering, as WebKit asks, so nothing is missed. */
  g_signal_connect_object (self->manager, "script-message-with-reply-received::" LECTERN_IPC_AUTOCONSENT,
                           G_CALLBACK (script_message_cb), self, 0);
  if (!webkit_user_content_manager_register_script_message_handler_with_reply (self->manager,
                                                                              LECTERN_IPC_AUTOCONSENT,
                                                                              world))
    g_warning ("Cannot register autoconsent's message handler");

  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self, 0);
}

static void
lectern_autoconsent_dispose (GObject *object)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  stop_popup_wait (self);

  if (self->manager != NULL)
    webkit_user_content_manager_unregister_script_message_handler (self->manager, LECTERN_IPC_AUTOCONSENT,
                                                                   lectern_autoconsent_get_world_name ());
  g_clear_object (&self->manager);
  g_clear_weak_pointer (&self->web_view);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (lectern_autoconsent_parent_class)->dispose (object);
}

static void
lectern_autoconsent_finalize (GObject *object)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);

  g_clear_pointer (&self->outcome, lectern_cmp_outcome_free);
  g_clear_pointer (&self->detected, g_free);

  G_OBJECT_CLASS (lectern_autoconsent_parent_class)->finalize (object);
}

static void
lectern_autoconsent_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      g_value_set_object (value, self->web_view);
      break;

    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_autoconsent_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LecternAutoconsent *self = LECTERN_AUTOCONSENT (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      /* The view owns this object: a weak pointer breaks the cycle. */
      g_set_weak_pointer (&self->web_view, g_value_get_object (value));
      break;

    case PROP_PAGE:
      lectern_autoconsent_set_page (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_autoconsent_class_init (LecternAutoconsentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_autoconsent_constructed;
  object_class->dispose = lectern_autoconsent_dispose;
  object_class->finalize = lectern_autoconsent_finalize;
  object_class->get_property = lectern_autoconsent_get_property;
  object_class->set_property = lectern_autoconsent_set_property;

  properties[PROP_WEB_VIEW] =
    g_param_spec_object ("web-view", NULL, NULL,
                         WEBKIT_TYPE_WEB_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL,
                         LECTERN_TYPE_PAGE_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_autoconsent_init (LecternAutoconsent *self)
{
  self->cancellable = g_cancellable_new ();
}
