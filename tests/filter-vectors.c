/* filter-vectors.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "lectern-filter-engine.h"
#include "lectern-request.h"

/* Runs filter-matching vectors: one JSON object a line with "id",
 * "filters" (the whole list), "url", "source" (the page), "type" and
 * "expect" ("block" or "allow"). Each vector gets an engine of its own.
 * Every vector is judged, even one whose filters the engine all leaves
 * out on purpose ($csp, …): leaving a rule out must give the right
 * verdict too. Those are counted apart, as "none applied".
 *
 * --known-failures FILE names vectors whose expectation is wrong for a
 * browser: one id a line, then the reason; '#' starts a comment. Those are
 * reported but do not fail the run. A missing vector file exits with 77,
 * which test harnesses read as "skipped". */

typedef enum
{
  RESULT_PASSED,
  RESULT_FAILED,
  RESULT_NONE_APPLIED,
  RESULT_BROKEN,
  RESULT_KNOWN,
} Result;

static GHashTable *known_failures;

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
join_filters (JsonArray *filters)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (filters); i++)
    {
      const char *filter = json_array_get_string_element (filters, i);

      if (i > 0)
        g_string_append (joined, "  ");
      g_string_append (joined, filter != NULL ? filter : "(not a string)");
    }

  return g_string_free (joined, FALSE);
}

static Result
run_vector (const char *line,
            guint       line_no)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;
  LecternFilterMatch match;
  LecternRequest request = { 0 };
  JsonObject *object;
  JsonArray *filters;
  const char *id;
  const char *expect;
  const char *type_name;
  guint added = 0;
  guint unsupported = 0;
  gboolean expect_block;
  gboolean blocked;

  if (!json_parser_load_from_data (parser, line, -1, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_printerr ("line %u: not a JSON object: %s\n", line_no,
                  error != NULL ? error->message : "wrong type");
      return RESULT_BROKEN;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  id = get_string (object, "id");
  expect = get_string (object, "expect");
  type_name = get_string (object, "type");
  request.url = get_string (object, "url");
  request.page_url = get_string (object, "source");

  if (!json_object_has_member (object, "filters") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "filters")) ||
      id == NULL || expect == NULL || type_name == NULL || request.url == NULL ||
      (strcmp (expect, "block") != 0 && strcmp (expect, "allow") != 0) ||
      !lectern_resource_type_from_name (type_name, &request.types))
    {
      g_printerr ("line %u: a field is missing or wrong\n", line_no);
      return RESULT_BROKEN;
    }

  filters = json_object_get_array_member (object, "filters");
  expect_block = strcmp (expect, "block") == 0;

  engine = lectern_filter_engine_new ();
  for (guint i = 0; i < json_array_get_length (filters); i++)
    {
      const char *filter = json_array_get_string_element (filters, i);
      g_autoptr(GError) rule_error = NULL;

      if (filter == NULL)
        continue;

      if (lectern_filter_engine_add_rule (engine, filter, LECTERN_FILTER_LIST_OTHER, &rule_error))
        added++;
      else if (g_error_matches (rule_error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED))
        unsupported++;
    }


  blocked = lectern_filter_engine_match (engine, &request, &match);
  if (blocked == expect_block)
    return added == 0 && unsupported == json_array_get_length (filters) ? RESULT_NONE_APPLIED : RESULT_PASSED;

  joined = join_filters (filters);
  if (known_failures != NULL && g_hash_table_contains (known_failures, id))
    {
      g_print ("known failure %s: %s\n", id, (const char *) g_hash_table_lookup (known_failures, id));
      return RESULT_KNOWN;
    }
  g_print ("FAIL %s\n  filters: %s\n  url: %s\n  source: %s\n  type: %s\n"
           "  expected: %s\n  got: %s\n  rule: %s\n",
           id, joined, request.url,
           request.page_url != NULL ? request.page_url : "(none)",
           type_name, expect, blocked ? "block" : "allow",
           match.rule != NULL ? match.rule : "(none)");

  return RESULT_FAILED;
}

static gboolean
read_known_failures (const char  *path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, error))
    return FALSE;

  known_failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      gsize id_len;

      if (line[0] == '\0' || line[0] == '#')
        continue;
      id_len = strcspn (line, " \t");
      g_hash_table_insert (known_failures, g_strndup (line, id_len), g_strdup (g_strchug (line + id_len)));
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  const char *path = NULL;
  guint passed = 0;
  guint failed = 0;
  guint none_applied = 0;
  guint known = 0;

  setlocale (LC_ALL, "");

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--known-failures") == 0 && i + 1 < argc)
        {
          if (!read_known_failures (argv[++i], &error))
            {
              g_printerr ("%s\n", error->message);
              return 2;
            }
        }
      else if (path == NULL && argv[i][0] != '-')
        {
          path = argv[i];
        }
      else
        {
          path = NULL;
          break;
        }
    }

  if (path == NULL)
    {
      g_printerr ("Usage: %s FILE.jsonl [--known-failures FILE]\n", argv[0]);
      return 2;
    }

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      /* Only a missing file is a skip: anything else is a failure. */
      return g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? 77 : 2;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_strstrip (lines[i])[0] == '\0')
        continue;

      switch (run_vector (lines[i], i + 1))
        {
        case RESULT_PASSED:
          passed++;
          break;
        case RESULT_NONE_APPLIED:
          passed++;
          none_applied++;
          break;
        case RESULT_KNOWN:
          known++;
          break;
        case RESULT_FAILED:
        case RESULT_BROKEN:
        default:
          failed++;
          break;
        }
    }

  g_print ("%u passed (%u with every filter left out on purpose), %u failed, %u known failures\n",
           passed, none_applied, failed, known);
  g_clear_pointer (&known_failures, g_hash_table_unref);

  return failed == 0 ? 0 : 1;
}
