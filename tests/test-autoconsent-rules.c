/* test-autoconsent-rules.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-autoconsent-messages.h"
#include "lectern-autoconsent-rules.h"

/* Autoconsent's rules and snippets, read from the copies of the npm
 * package's files that the build puts in its resources folder, the very
 * files the app compiles into its resources. */

#define PAGE_URL "http://www.tidewater-tribune.com/news/2026/11/ferry-timetable/"
#define SITE     "tidewater-tribune.com"
#define CMP_NAME "cookieyes"

static LecternAutoconsentRules *rules;

static GBytes *
read_build_file (const char *variable,
                 const char *name)
{
  const char *path = g_getenv (variable);
  g_autofree char *fallback = NULL;
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  if (path == NULL)
    path = fallback = g_test_build_filename (G_TEST_BUILT, "..", "resources", name, NULL);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static LecternAutoconsentRules *
load_shipped_rules (void)
{
  g_autoptr(LecternAutoconsentRules) loaded = lectern_autoconsent_rules_new ();
  g_autoptr(GBytes) json = read_build_file ("LECTERN_AUTOCONSENT_RULES", "autoconsent-rules.json");
  g_autoptr(GBytes) bundle = read_build_file ("LECTERN_AUTOCONSENT_BUNDLE", "autoconsent.playwright.js");
  g_autoptr(GError) error = NULL;

  g_test_timer_start ();
  lectern_autoconsent_rules_load_json (loaded, json, &error);
  g_assert_no_error (error);
  lectern_autoconsent_rules_load_bundle (loaded, bundle, &error);
  g_assert_no_error (error);
  g_test_message ("Rules and snippets read in %.1f ms", g_test_timer_elapsed () * 1000);

  return g_steal_pointer (&loaded);
}

/* The table of snippets autoconsent may have run in the page comes from
 * the bundle itself; anything else is refused. */
static void
test_snippets (void)
{
  /* A multi-line one, exactly as Function.prototype.toString gives it. */
  const char *didomi = "(() => {\n      if (window.Didomi) {\n        window.Didomi.setUserDisagreeToAll();\n"
                       "        return true;\n      }\n      return false;\n    })()";

  g_assert_cmpuint (lectern_autoconsent_rules_get_n_snippets (rules), >=, 80);
  g_assert_true (lectern_autoconsent_rules_is_own_snippet (rules, "EVAL_DIDOMI_OPT_OUT", didomi));
  g_assert_false (lectern_autoconsent_rules_is_own_snippet (rules, "EVAL_DIDOMI_TEST", didomi));
  g_assert_true (lectern_autoconsent_rules_is_own_snippet (rules, "EVAL_0", "(() => console.log(1))()"));
  g_assert_false (lectern_autoconsent_rules_is_own_snippet (rules, "EVAL_0", "(() => console.log(2))()"));
  g_assert_false (lectern_autoconsent_rules_is_own_snippet (rules, "EVAL_0", "(() => console.log(1))();fetch('/x')"));
  g_assert_false (lectern_autoconsent_rules_is_own_snippet (rules, "EVAL_NOT_THERE", "(() => console.log(1))()"));
  g_assert_false (lectern_autoconsent_rules_is_own_snippet (rules, NULL, "(() => console.log(1))()"));
  g_assert_false (lectern_autoconsent_rules_is_own_snippet (rules, "EVAL_0", NULL));
  g_assert_true (lectern_autoconsent_rules_is_own_snippet (rules, "EVAL_COOKIEBOT_1", "(() => !!window.Cookiebot)()"));
}

static void
test_init_reply (void)
{
  g_autoptr(LecternSiteChoices) refusing = lectern_site_choices_new (SITE);
  g_autoptr(LecternSiteChoices) allowing = lectern_site_choices_new (SITE);
  g_autoptr(LecternSiteChoices) leaving = lectern_site_choices_new (SITE);
  g_autoptr(JsonNode) top = NULL;
  g_autoptr(JsonNode) frame = NULL;
  g_autofree char *top_json = NULL;
  g_autofree char *frame_json = NULL;
  JsonObject *config;
  JsonArray *disabled;
  JsonArray *top_rules;
  JsonArray *frame_rules;
  gboolean has_cookieyes = FALSE;

  for (guint i = 0; i < LECTERN_N_CATEGORIES; i++)
    lectern_site_choices_set_allowed (allowing, i, TRUE);
  lectern_site_choices_set_leave_banner (leaving, TRUE);

  /* Trusted only turns blocking off: the categories still decide. */
  lectern_site_choices_set_trusted (refusing, TRUE);
  g_assert_cmpstr (lectern_autoconsent_get_auto_action (refusing), ==, "optOut");
  g_assert_cmpstr (lectern_autoconsent_get_auto_action (allowing), ==, "optIn");
  g_assert_null (lectern_autoconsent_get_auto_action (leaving));
  lectern_site_choices_set_allowed (allowing, LECTERN_CATEGORY_SALE, FALSE);
  g_assert_cmpstr (lectern_autoconsent_get_auto_action (allowing), ==, "optOut");

  {
    gint64 start = g_get_monotonic_time ();

    top_json = lectern_autoconsent_rules_dup_init_reply (rules, refusing, PAGE_URL, TRUE);
    /* Figures only, for the record. */
    g_test_message ("Init reply for a top frame: %zu bytes in %.1f ms (first)",
                    strlen (top_json), (g_get_monotonic_time () - start) / 1000.0);
    start = g_get_monotonic_time ();
    g_free (lectern_autoconsent_rules_dup_init_reply (rules, refusing, PAGE_URL, TRUE));
    g_test_message ("Init reply for a top frame: %.1f ms (again)", (g_get_monotonic_time () - start) / 1000.0);
  }
  top = json_from_string (top_json, NULL);
  g_assert_nonnull (top);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (top), "type"), ==, "initResp");
  config = json_object_get_object_member (json_node_get_object (top), "config");
  g_assert_cmpstr (json_object_get_string_member (config, "autoAction"), ==, "optOut");
  g_assert_true (json_object_get_boolean_member (config, "enablePrehide"));
  disabled = json_object_get_array_member (config, "disabledCmps");
  g_assert_cmpuint (json_array_get_length (disabled), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (disabled, 0), ==, "Onetrust");
  g_assert_cmpstr (json_array_get_string_element (disabled, 1), ==, "Cybotcookiebot");

  top_rules = json_object_get_array_member (json_object_get_object_member (json_node_get_object (top), "rules"),
                                            "autoconsent");
  for (guint i = 0; i < json_array_get_length (top_rules); i++)
    {
      JsonObject *rule = json_array_get_object_element (top_rules, i);

      if (g_str_equal (json_object_get_string_member (rule, "name"), CMP_NAME))
        has_cookieyes = TRUE;
      /* A rule for some sites only reaches a page of one of them. */
      if (json_object_has_member (rule, "runContext"))
        {
          JsonObject *run_context = json_object_get_object_member (rule, "runContext");
          const char *pattern = json_object_has_member (run_context, "urlPattern")
                                ? json_object_get_string_member (run_context, "urlPattern") : NULL;

          if (pattern != NULL && pattern[0] != '\0')
            g_assert_true (g_regex_match_simple (pattern, PAGE_URL, 0, 0));
        }
    }
  g_assert_true (has_cookieyes);

  /* A subframe gets the rules meant for frames, far fewer. */
  frame_json = lectern_autoconsent_rules_dup_init_reply (rules, refusing, "http://consent.example-cmp.net/frame.html", FALSE);
  frame = json_from_string (frame_json, NULL);
  frame_rules = json_object_get_array_member (json_object_get_object_member (json_node_get_object (frame), "rules"),
                                              "autoconsent");
  g_assert_cmpuint (json_array_get_length (frame_rules), >, 0);
  g_assert_cmpuint (json_array_get_length (frame_rules), <, json_array_get_length (top_rules));

  /* Left alone: no action, nothing hidden. */
  g_clear_pointer (&top_json, g_free);
  g_clear_pointer (&top, json_node_unref);
  top_json = lectern_autoconsent_rules_dup_init_reply (rules, leaving, PAGE_URL, TRUE);
  top = json_from_string (top_json, NULL);
  config = json_object_get_object_member (json_node_get_object (top), "config");
  g_assert_true (json_node_is_null (json_object_get_member (config, "autoAction")));
  g_assert_false (json_object_get_boolean_member (config, "enablePrehide"));
  g_assert_false (json_object_get_boolean_member (config, "enableCosmeticRules"));
}

static guint
count_init_rules (LecternAutoconsentRules *set)
{
  g_autofree char *json = lectern_autoconsent_rules_dup_init_reply (set, NULL, PAGE_URL, TRUE);
  g_autoptr(JsonNode) reply = json_from_string (json, NULL);
  JsonObject *reply_rules = json_object_get_object_member (json_node_get_object (reply), "rules");

  return json_array_get_length (json_object_get_array_member (reply_rules, "autoconsent"));
}

/* A part that cannot be read leaves the set without it, and the other
 * part still works. */
static void
test_unreadable (void)
{
  g_autoptr(LecternAutoconsentRules) set = lectern_autoconsent_rules_new ();
  g_autoptr(GBytes) not_json = g_bytes_new_static ("{\"autoconsent\": [", 17);
  g_autoptr(GBytes) no_array = g_bytes_new_static ("{\"autoconsent\": 1}", 18);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) no_section = g_bytes_new_static ("(() => {})();\n", 14);
  g_autoptr(GBytes) bundle = read_build_file ("LECTERN_AUTOCONSENT_BUNDLE", "autoconsent.playwright.js");
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (lectern_autoconsent_rules_get_n_snippets (set), ==, 0);
  g_assert_cmpuint (count_init_rules (set), ==, 0);

  g_assert_false (lectern_autoconsent_rules_load_json (set, not_json, &error));
  g_assert_error (error, LECTERN_AUTOCONSENT_ERROR, LECTERN_AUTOCONSENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (lectern_autoconsent_rules_load_json (set, no_array, &error));
  g_assert_no_error (error);
  g_assert_true (lectern_autoconsent_rules_load_json (set, empty, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_init_rules (set), ==, 0);

  g_assert_true (lectern_autoconsent_rules_load_bundle (set, bundle, &error));
  g_assert_no_error (error);
  g_assert_true (lectern_autoconsent_rules_is_own_snippet (set, "EVAL_0", "(() => console.log(1))()"));

  /* A bundle without snippets leaves none of an earlier one's. */
  g_assert_false (lectern_autoconsent_rules_load_bundle (set, no_section, &error));
  g_assert_error (error, LECTERN_AUTOCONSENT_ERROR, LECTERN_AUTOCONSENT_ERROR_NO_SNIPPETS);
  g_clear_error (&error);
  g_assert_false (lectern_autoconsent_rules_load_bundle (set, empty, &error));
  g_assert_error (error, LECTERN_AUTOCONSENT_ERROR, LECTERN_AUTOCONSENT_ERROR_NO_SNIPPETS);
  g_assert_cmpuint (lectern_autoconsent_rules_get_n_snippets (set), ==, 0);
  g_assert_false (lectern_autoconsent_rules_is_own_snippet (set, "EVAL_0", "(() => console.log(1))()"));
}

/* Members of the wrong type count as missing, and a tool name no rule
 * could have is not taken. */
static void
test_messages (void)
{
  g_autoptr(JsonNode) node = json_from_string ("{\"type\": 1, \"top\": \"yes\", \"message\": [],"
                                               " \"cmp\": \"cookieyes\", \"result\": true}", NULL);
  g_autoptr(JsonObject) odd = json_object_new ();
  g_autofree char *longest = g_strnfill (64, 'x');
  g_autofree char *too_long = g_strnfill (65, 'x');
  g_autofree char *refused = NULL;
  g_autofree char *answered = NULL;
  JsonObject *message = json_node_get_object (node);

  g_assert_null (lectern_autoconsent_message_get_string (message, "type"));
  g_assert_null (lectern_autoconsent_message_get_string (NULL, "type"));
  g_assert_true (lectern_autoconsent_message_get_boolean (message, "top", TRUE));
  g_assert_false (lectern_autoconsent_message_get_boolean (message, "top", FALSE));
  g_assert_true (lectern_autoconsent_message_get_boolean (message, "result", FALSE));
  g_assert_null (lectern_autoconsent_message_get_object (message, "message"));
  g_assert_cmpstr (lectern_autoconsent_message_get_cmp (message), ==, "cookieyes");

  json_object_set_string_member (odd, "cmp", longest);
  g_assert_cmpstr (lectern_autoconsent_message_get_cmp (odd), ==, longest);
  json_object_set_string_member (odd, "cmp", too_long);
  g_assert_null (lectern_autoconsent_message_get_cmp (odd));
  json_object_set_string_member (odd, "cmp", "cookieyes\a");
  g_assert_null (lectern_autoconsent_message_get_cmp (odd));
  json_object_set_string_member (odd, "cmp", "");
  g_assert_null (lectern_autoconsent_message_get_cmp (odd));

  refused = lectern_autoconsent_dup_eval_reply ("x1", NULL);
  g_assert_cmpstr (refused, ==, "{\"type\":\"evalResp\",\"id\":\"x1\",\"result\":false}");
  answered = lectern_autoconsent_dup_eval_reply ("x2", "{\"a\": [1, \"b\"]}");
  g_assert_cmpstr (answered, ==, "{\"type\":\"evalResp\",\"id\":\"x2\",\"result\":{\"a\":[1,\"b\"]}}");
  /* A result that is no JSON is no answer. */
  g_clear_pointer (&refused, g_free);
  refused = lectern_autoconsent_dup_eval_reply ("x3", "");
  g_assert_cmpstr (refused, ==, "{\"type\":\"evalResp\",\"id\":\"x3\",\"result\":false}");
  g_clear_pointer (&refused, g_free);
  refused = lectern_autoconsent_dup_eval_reply ("x4", "{");
  g_assert_cmpstr (refused, ==, "{\"type\":\"evalResp\",\"id\":\"x4\",\"result\":false}");

  /* Drawn once: every frame's script and handler use the same world. */
  g_assert_true (g_dbus_is_guid (lectern_autoconsent_get_world_name ()));
  g_assert_true (lectern_autoconsent_get_world_name () == lectern_autoconsent_get_world_name ());
}

/* What a frame posts is taken only as the envelope Lectern's glue
 * wraps autoconsent's messages in. */
static void
test_parse (void)
{
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *frame_url = NULL;
  g_autofree char *padding = g_strnfill (64 * 1024, ' ');
  g_autofree char *too_long = g_strconcat ("{\"message\": {\"type\": \"init\"}}", padding, NULL);
  const char * const refused[] = {
    "", "[]", "{\"top\": true}", "{\"message\": \"init\"}", "{\"message\": {", too_long,
  };
  gboolean top = FALSE;

  message = lectern_autoconsent_message_parse ("{\"top\": true, \"url\": \"http://example.com/\","
                                               " \"message\": {\"type\": \"init\"}}", &top, &frame_url);
  g_assert_nonnull (message);
  g_assert_true (top);
  g_assert_cmpstr (frame_url, ==, "http://example.com/");
  g_assert_cmpstr (lectern_autoconsent_message_get_string (message, "type"), ==, "init");
  g_clear_pointer (&message, json_object_unref);
  g_clear_pointer (&frame_url, g_free);

  /* A frame that says nothing of itself is a subframe with no address. */
  message = lectern_autoconsent_message_parse ("{\"top\": 1, \"url\": 2, \"message\": {}}", &top, &frame_url);
  g_assert_nonnull (message);
  g_assert_false (top);
  g_assert_null (frame_url);
  g_clear_pointer (&message, json_object_unref);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_null (lectern_autoconsent_message_parse (refused[i], &top, &frame_url));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  rules = load_shipped_rules ();

  g_test_add_func ("/lectern/autoconsent-rules/snippets", test_snippets);
  g_test_add_func ("/lectern/autoconsent-rules/init-reply", test_init_reply);
  g_test_add_func ("/lectern/autoconsent-rules/unreadable", test_unreadable);
  g_test_add_func ("/lectern/autoconsent-rules/messages", test_messages);
  g_test_add_func ("/lectern/autoconsent-rules/parse", test_parse);

  status = g_test_run ();
  lectern_autoconsent_rules_free (rules);

  return status;
}
