/* lectern-tracker-db.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-tracker-db.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* AdGuard companiesdb (dist/trackers.json and dist/companies.json). Only
 * the names and categories are kept; URLs and the long company
 * descriptions are dropped with the parse trees. */
struct _LecternTrackerDb
{
  GStringChunk   *strings;
  LecternTracker *trackers;
  guint           n_trackers;
  /* domain (ASCII case-insensitive) → LecternTracker */
  GHashTable     *domains;
};

G_DEFINE_QUARK (lectern-tracker-db-error-quark, lectern_tracker_db_error)

/* Hosts come from URLs, cookies and page scripts; case must not hide a
 * tracker. */
static guint
ascii_case_hash (gconstpointer key)
{
  guint hash = 5381;

  for (const char *p = key; *p != '\0'; p++)
    hash = (hash << 5) + hash + (guchar)g_ascii_tolower (*p);

  return hash;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static JsonObject *
get_object_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static const char *
get_string_member (JsonObject *object,
                   const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
set_invalid (GError     **error,
             const char  *path,
             const char  *reason)
{
  g_autofree char *display_name = g_filename_display_name (path);

  g_set_error (error, LECTERN_TRACKER_DB_ERROR, LECTERN_TRACKER_DB_ERROR_INVALID,
               /* Translators: the first %s is a file name, the second what is wrong with it */
               _("“%s” is not a valid tracker database: %s"),
               display_name, reason);

  return FALSE;
}

/* Parses @path; its root must be an object. */
static JsonObject *
load_root (JsonParser  *parser,
           const char  *path,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  JsonNode *root;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      set_invalid (error, path, local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      set_invalid (error, path, _("the top level is not an object"));
      return NULL;
    }

  return json_node_get_object (root);
}

static JsonObject *
require_object_member (JsonObject  *object,
                       const char  *name,
                       const char  *path,
                       GError     **error)
{
  JsonObject *member = get_object_member (object, name);

  if (member == NULL)
    {
      /* Translators: %s is a JSON member name */
      g_autofree char *reason = g_strdup_printf (_("no “%s” object"), name);

      set_invalid (error, path, reason);
    }

  return member;
}

/**
 * lectern_tracker_db_new_from_files:
 * @trackers_path: the path of adguard-companiesdb-trackers.json
 * @companies_path: the path of adguard-companiesdb-companies.json
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a new database, or %NULL with @error set
 *   (%G_FILE_ERROR if a file cannot be read, %LECTERN_TRACKER_DB_ERROR if
 *   it is not the database)
 */
LecternTrackerDb *
lectern_tracker_db_new_from_files (const char  *trackers_path,
                                   const char  *companies_path,
                                   GError     **error)
{
  g_autoptr(LecternTrackerDb) self = NULL;
  g_autoptr(JsonParser) trackers_parser = json_parser_new ();
  g_autoptr(JsonParser) companies_parser = json_parser_new ();
  g_autoptr(GHashTable) tracker_index = NULL;
  JsonObject *root;
  JsonObject *categories;
  JsonObject *trackers;
  JsonObject *domains;
  JsonObject *companies;
  JsonObjectIter iter;
  const char *member_name;
  JsonNode *member_node;
  guint i = 0;

  g_return_val_if_fail (trackers_path != NULL, NULL);
  g_return_val_if_fail (companies_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((root = load_root (companies_parser, companies_path, error)) == NULL ||
      (companies = require_object_member (root, "companies", companies_path, error)) == NULL)
    return NULL;

  if ((root = load_root (trackers_parser, trackers_path, error)) == NULL ||
      (categories = require_object_member (root, "categories", trackers_path, error)) == NULL ||
      (trackers = require_object_member (root, "trackers", trackers_path, error)) == NULL ||
      (domains = require_object_member (root, "trackerDomains", trackers_path, error)) == NULL)
    return NULL;

  self = g_new0 (LecternTrackerDb, 1);
  self->strings = g_string_chunk_new (32 * 1024);
  self->domains = g_hash_table_new (ascii_case_hash, ascii_case_equal);
  self->n_trackers = json_object_get_size (trackers);
  self->trackers = g_new0 (LecternTracker, self->n_trackers);

  /* Tracker id → LecternTracker; the ids are only needed while loading. */
  tracker_index = g_hash_table_new (g_str_hash, g_str_equal);

  json_object_iter_init (&iter, trackers);
  while (json_object_iter_next (&iter, &member_name, &member_node))
    {
      LecternTracker *tracker = &self->trackers[i++];
      JsonObject *object;
      JsonNode *category_node;
      JsonObject *company;
      const char *name;
      const char *company_id;
      const char *source_category = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (member_node) ||
          (name = get_string_member ((object = json_node_get_object (member_node)), "name")) == NULL)
        {
          g_autofree char *reason = NULL;

          /* Translators: %s is a tracker id */
          reason = g_strdup_printf (_("tracker “%s” has no name"), member_name);
          set_invalid (error, trackers_path, reason);
          return NULL;
        }

      category_node = json_object_get_member (object, "categoryId");
      if (category_node != NULL && json_node_get_value_type (category_node) == G_TYPE_INT64)
        {
          char key[32];

          g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, json_node_get_int (category_node));
          source_category = get_string_member (categories, key);
        }

      /* A category the file does not name is upstream's "unknown". */
      if (source_category == NULL)
        source_category = "unknown";

      tracker->name = g_string_chunk_insert_const (self->strings, name);
      tracker->source_category = g_string_chunk_insert_const (self->strings, source_category);
      tracker->category = lectern_category_from_tracker_db (source_category, name);

      company_id = get_string_member (object, "companyId");
      if (company_id != NULL && (company = get_object_member (companies, company_id)) != NULL)
        {
          const char *company_name = get_string_member (company, "name");

          if (company_name != NULL)
            tracker->company = g_string_chunk_insert_const (self->strings, company_name);
        }

      g_hash_table_insert (tracker_index, (gpointer)member_name, tracker);
    }

  json_object_iter_init (&iter, domains);
  while (json_object_iter_next (&iter, &member_name, &member_node))
    {
      const char *tracker_id = NULL;
      LecternTracker *tracker = NULL;

      if (JSON_NODE_HOLDS_VALUE (member_node) &&
          json_node_get_value_type (member_node) == G_TYPE_STRING)
        tracker_id = json_node_get_string (member_node);

      if (tracker_id != NULL)
        tracker = g_hash_table_lookup (tracker_index, tracker_id);

      /* Upstream has no dangling domains; skip one rather than invent a
       * tracker for it. */
      if (tracker == NULL || *member_name == '\0')
        continue;

      g_hash_table_insert (self->domains,
                           g_string_chunk_insert_const (self->strings, member_name),
                           tracker);
    }

  return g_steal_pointer (&self);
}

/**
 * lectern_tracker_db_free:
 * @self: (nullable) (transfer full): a #LecternTrackerDb
 */
void
lectern_tracker_db_free (LecternTrackerDb *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->domains, g_hash_table_unref);
  g_clear_pointer (&self->trackers, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

/**
 * lectern_tracker_db_lookup:
 * @self: a #LecternTrackerDb
 * @host: a host name
 *
 * Looks up @host, then each parent domain in turn ("a.b.example.com",
 * "b.example.com", "example.com", "com"); the first hit wins. Does not
 * allocate: safe per request.
 *
 * Returns: (nullable) (transfer none): the tracker, or %NULL
 */
const LecternTracker *
lectern_tracker_db_lookup (LecternTrackerDb *self,
                           const char       *host)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);

  for (const char *domain = host; domain != NULL && *domain != '\0';)
    {
      const LecternTracker *tracker = g_hash_table_lookup (self->domains, domain);
      const char *dot;

      if (tracker != NULL)
        return tracker;

      dot = strchr (domain, '.');
      domain = dot != NULL ? dot + 1 : NULL;
    }

  return NULL;
}

/**
 * lectern_tracker_db_get_size:
 * @self: a #LecternTrackerDb
 *
 * Returns: the number of domains the database knows
 */
guint
lectern_tracker_db_get_size (LecternTrackerDb *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->domains);
}
