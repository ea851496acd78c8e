/* lectern-autoconsent-messages.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-autoconsent-messages.h"

#include <gio/gio.h>
#include <string.h>

#include "lectern-script-world.h"

/* What autoconsent's content script posts from its script world, and what
 * Lectern answers. The messages come from a web process, which runs the
 * page: every member is read with the type it must have, and a member of
 * another type counts as missing. */

/* Longest message taken from a frame: an eval request carries a snippet's
 * source, a few kilobytes at most. */
#define MAX_MESSAGE_LENGTH (64 * 1024)

/* Longest consent tool name taken from a frame. */
#define MAX_CMP_LENGTH 64

/**
 * lectern_autoconsent_get_world_name:
 *
 * Returns: the name of the script world autoconsent runs in: a GUID made
 *   once per process, so no page can know it in advance
 */
const char *
lectern_autoconsent_get_world_name (void)
{
  return lectern_script_world_get_name (LECTERN_SCRIPT_WORLD_AUTOCONSENT);
}

/**
 * lectern_autoconsent_message_get_boolean:
 * @object: (nullable): a message, or an object in one
 * @name: a member's name
 * @default_value: what a missing member counts as
 *
 * Returns: the boolean member @name of @object, or @default_value when
 *   @object has no such member or it is not a boolean
 */
gboolean
lectern_autoconsent_message_get_boolean (JsonObject *object,
                                         const char *name,
                                         gboolean    default_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return default_value;

  return json_node_get_boolean (node);
}

/**
 * lectern_autoconsent_message_get_string:
 * @object: (nullable): a message, or an object in one
 * @name: a member's name
 *
 * Returns: (nullable): the string member @name of @object, or %NULL when
 *   @object has no such member or it is not a string
 */
const char *
lectern_autoconsent_message_get_string (JsonObject *object,
                                        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/**
 * lectern_autoconsent_message_get_object:
 * @object: (nullable): a message, or an object in one
 * @name: a member's name
 *
 * Returns: (nullable) (transfer none): the object member @name of @object,
 *   or %NULL when @object has no such member or it is not an object
 */
JsonObject *
lectern_autoconsent_message_get_object (JsonObject *object,
                                        const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

/**
 * lectern_autoconsent_message_get_cmp:
 * @message: (nullable): a message autoconsent posted
 *
 * A rule's name as autoconsent gives it ("cookieyes", "Complianz banner"):
 * it ends up in the sidebar and the report, so anything longer or stranger
 * is not taken from the page.
 *
 * Returns: (nullable): the consent tool @message names, or %NULL when it
 *   names none, or one no rule could have: empty, over 64 bytes, not UTF-8,
 *   or with a character that does not print
 */
const char *
lectern_autoconsent_message_get_cmp (JsonObject *message)
{
  const char *name = lectern_autoconsent_message_get_string (message, "cmp");

  if (name == NULL || name[0] == '\0' || strlen (name) > MAX_CMP_LENGTH || !g_utf8_validate (name, -1, NULL))
    return NULL;

  for (const char *c = name; *c != '\0'; c = g_utf8_next_char (c))
    {
      if (!g_unichar_isprint (g_utf8_get_char (c)))
        return NULL;
    }

  return name;
}

/**
 * lectern_autoconsent_message_parse:
 * @text: what a frame posted to the handler
 * @top: (out): whether the frame says it is the top frame
 * @frame_url: (out) (transfer full) (nullable): the address the frame
 *   gives for itself, or %NULL when it gives none
 *
 * Lectern's glue wraps each of autoconsent's messages in an envelope:
 * `{"top": …, "url": …, "message": {…}}`. Anything longer than 64 KiB, or
 * not such an envelope, is no message of autoconsent's.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when @text is
 *   not an envelope holding one
 */
JsonObject *
lectern_autoconsent_message_parse (const char  *text,
                                   gboolean    *top,
                                   char       **frame_url)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *message;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (top != NULL, NULL);
  g_return_val_if_fail (frame_url != NULL, NULL);

  if (strlen (text) > MAX_MESSAGE_LENGTH || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;

  /* An empty text parses, to no root at all. */
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  message = lectern_autoconsent_message_get_object (json_node_get_object (root), "message");
  if (message == NULL)
    return NULL;

  *top = lectern_autoconsent_message_get_boolean (json_node_get_object (root), "top", FALSE);
  *frame_url = g_strdup (lectern_autoconsent_message_get_string (json_node_get_object (root), "url"));

  return json_object_ref (message);
}

/**
 * lectern_autoconsent_dup_eval_reply:
 * @id: the id of the eval request answered
 * @result_json: (nullable): what the snippet returned, as JSON, or %NULL
 *   when it did not run, threw or returned nothing
 *
 * A snippet that did not run answers "no", as autoconsent's own extension
 * does when the tool's API is not there; so does one whose result is
 * empty or not JSON.
 *
 * Returns: (transfer full): autoconsent's "evalResp" message, as JSON
 */
char *
lectern_autoconsent_dup_eval_reply (const char *id,
                                    const char *result_json)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (id != NULL, NULL);

  if (result_json != NULL && result_json[0] != '\0')
    result = json_from_string (result_json, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "evalResp");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_set_member_name (builder, "result");
  if (result != NULL)
    json_builder_add_value (builder, g_steal_pointer (&result));
  else
    json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}
