/* lectern-tracker-db.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-tracker-db.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-core-resources.h"

/* AdGuard companiesdb (dist/trackers.json and dist/companies.json), in one
 * of two forms:
 *
 * - the JSON files themselves, parsed into a hash table
 *   (lectern_tracker_db_new_from_files(); the reference, used by tests);
 * - the compiled index that build-aux/lectern-compile-trackers.py makes
 *   at build time and the core library carries as a resource
 *   (lectern_tracker_db_new_builtin()): nothing to parse at start-up, in
 *   either process, and lookups that read it in place.
 *
 * The compiled index, all integers 32-bit little-endian:
 *
 *   header   "LTDB", version, n_trackers, n_domains, n_buckets,
 *            trackers_offset, domains_offset, buckets_offset,
 *            strings_offset, strings_size, flags, 0
 *            (flags: 1 = some domain is a single label, such as a TLD;
 *            without it, lookups skip the last label of a host)
 *   trackers n_trackers × { name, company (or NONE), source category }
 *            as offsets into the strings
 *   domains  n_domains × { domain offset, domain length, tracker index,
 *            FNV-1a hash of the lower-case domain's bytes, last to first }
 *   buckets  n_buckets (a power of two) × (domain index + 1), 0 = empty;
 *            open addressing with linear probing from hash & (n - 1)
 *   strings  NUL-terminated UTF-8; domains are lower-case ASCII
 *
 * Only the names and categories are kept; URLs and the long company
 * descriptions are left out. */
#define BLOB_MAGIC      "LTDB"
#define BLOB_VERSION    2
#define BLOB_FLAG_SINGLE_LABEL 1u
#define BLOB_NONE       0xFFFFFFFFu
#define BLOB_HEADER_LEN 12

typedef struct
{
  guint32 domain;
  guint32 length;
  guint32 tracker;
  guint32 hash;
} BlobDomain;

struct _LecternTrackerDb
{
  GStringChunk   *strings;
  LecternTracker *trackers;
  guint           n_trackers;
  /* domain (ASCII case-insensitive) → LecternTracker; JSON form only */
  GHashTable     *domains;

  /* Compiled form only */
  GBytes           *blob;
  const BlobDomain *blob_domains;
  const guint32    *blob_buckets;
  const char       *blob_strings;
  guint32           n_domains;
  guint32           n_buckets;
  gboolean          single_labels;
};

#define FNV_OFFSET 0x811C9DC5u
#define FNV_PRIME  0x01000193u

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

/* The objects of the two files the database is read from. */
typedef struct
{
  JsonObject *categories;
  JsonObject *trackers;
  JsonObject *domains;
  JsonObject *companies;
} Sources;

static gboolean
load_sources (JsonParser  *trackers_parser,
              const char  *trackers_path,
              JsonParser  *companies_parser,
              const char  *companies_path,
              Sources     *sources,
              GError     **error)
{
  JsonObject *root;

  if ((root = load_root (companies_parser, companies_path, error)) == NULL ||
      (sources->companies = require_object_member (root, "companies", companies_path, error)) == NULL)
    return FALSE;

  if ((root = load_root (trackers_parser, trackers_path, error)) == NULL ||
      (sources->categories = require_object_member (root, "categories", trackers_path, error)) == NULL ||
      (sources->trackers = require_object_member (root, "trackers", trackers_path, error)) == NULL ||
      (sources->domains = require_object_member (root, "trackerDomains", trackers_path, error)) == NULL)
    return FALSE;

  return TRUE;
}

/* The name of @object's "categoryId" in the file's categories; a category
 * the file does not name is upstream's "unknown". */
static const char *
get_source_category (JsonObject *object,
                     JsonObject *categories)
{
  JsonNode *category_node = json_object_get_member (object, "categoryId");
  const char *source_category = NULL;

  if (category_node != NULL && json_node_get_value_type (category_node) == G_TYPE_INT64)
    {
      char key[32];

      g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, json_node_get_int (category_node));
      source_category = get_string_member (categories, key);
    }

  return source_category != NULL ? source_category : "unknown";
}

/* Fills @tracker from the tracker @id of the file at @path. */
static gboolean
read_tracker (LecternTrackerDb  *self,
              LecternTracker    *tracker,
              const char        *id,
              JsonNode          *node,
              const Sources     *sources,
              const char        *path,
              GError           **error)
{
  JsonObject *object;
  JsonObject *company;
  const char *name;
  const char *source_category;
  const char *company_id;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      (name = get_string_member ((object = json_node_get_object (node)), "name")) == NULL)
    {
      g_autofree char *reason = NULL;

      /* Translators: %s is a tracker id */
      reason = g_strdup_printf (_("tracker “%s” has no name"), id);
      return set_invalid (error, path, reason);
    }

  source_category = get_source_category (object, sources->categories);

  tracker->name = g_string_chunk_insert_const (self->strings, name);
  tracker->source_category = g_string_chunk_insert_const (self->strings, source_category);
  tracker->category = lectern_category_from_tracker_db (source_category, name);

  company_id = get_string_member (object, "companyId");
  if (company_id != NULL && (company = get_object_member (sources->companies, company_id)) != NULL)
    {
      const char *company_name = get_string_member (company, "name");

      if (company_name != NULL)
        tracker->company = g_string_chunk_insert_const (self->strings, company_name);
    }

  return TRUE;
}

/* Indexes each domain under the tracker its id in @tracker_index names. */
static void
add_domains (LecternTrackerDb *self,
             JsonObject       *domains,
             GHashTable       *tracker_index)
{
  JsonObjectIter iter;
  const char *member_name;
  JsonNode *member_node;

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
  Sources sources = { NULL, };
  JsonObjectIter iter;
  const char *member_name;
  JsonNode *member_node;
  guint i = 0;

  g_return_val_if_fail (trackers_path != NULL, NULL);
  g_return_val_if_fail (companies_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!load_sources (trackers_parser, trackers_path, companies_parser, companies_path, &sources, error))
    return NULL;

  self = g_new0 (LecternTrackerDb, 1);
  self->strings = g_string_chunk_new (32 * 1024);
  self->domains = g_hash_table_new (ascii_case_hash, ascii_case_equal);
  self->n_trackers = json_object_get_size (sources.trackers);
  self->trackers = g_new0 (LecternTracker, self->n_trackers);

  /* Tracker id → LecternTracker; the ids are only needed while loading. */
  tracker_index = g_hash_table_new (g_str_hash, g_str_equal);

  json_object_iter_init (&iter, sources.trackers);
  while (json_object_iter_next (&iter, &member_name, &member_node))
    {
      LecternTracker *tracker = &self->trackers[i++];

      if (!read_tracker (self, tracker, member_name, member_node, &sources, trackers_path, error))
        return NULL;

      g_hash_table_insert (tracker_index, (gpointer)member_name, tracker);
    }

  add_domains (self, sources.domains, tracker_index);

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
  g_clear_pointer (&self->blob, g_bytes_unref);
  g_clear_pointer (&self->trackers, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

/* The compiled index's lookup of one domain, @length bytes at @domain
 * whose hash is @hash, compared without regard to ASCII case. */
static const LecternTracker *
probe_compiled (LecternTrackerDb *self,
                const char       *domain,
                gsize             length,
                guint32           hash)
{
  guint32 mask = self->n_buckets - 1;

  for (guint32 slot = hash & mask;; slot = (slot + 1) & mask)
    {
      guint32 entry = GUINT32_FROM_LE (self->blob_buckets[slot]);
      const BlobDomain *candidate;

      if (entry == 0)
        return NULL;

      candidate = &self->blob_domains[entry - 1];
      if (GUINT32_FROM_LE (candidate->hash) == hash &&
          GUINT32_FROM_LE (candidate->length) == length &&
          g_ascii_strncasecmp (self->blob_strings + GUINT32_FROM_LE (candidate->domain), domain, length) == 0)
        return &self->trackers[GUINT32_FROM_LE (candidate->tracker)];
    }
}

/* g_ascii_tolower() is a function call; this runs for every character of
 * every request's host. */
static inline guchar
fold (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The hash is FNV-1a over the domain's bytes from last to first, so one
 * pass from the end of the host yields the hash of every parent domain
 * on the way; they are then tried from the whole host down. */
static const LecternTracker *
lookup_compiled (LecternTrackerDb *self,
                 const char       *host,
                 gsize             length)
{
  /* A DNS name has at most 127 labels. */
  guint32 hashes[128];
  gsize starts[128];
  guint n = 0;
  guint32 hash = FNV_OFFSET;

  for (gsize i = length; i-- > 0;)
    {
      guchar c = fold (host[i]);

      if (c == '.' && i + 1 < length && n < G_N_ELEMENTS (hashes))
        {
          hashes[n] = hash;
          starts[n] = i + 1;
          n++;
        }

      hash ^= c;
      hash *= FNV_PRIME;
    }

  /* Without single-label domains, a host's last label ("com") cannot be
   * one: a probe saved on every request. */
  if (host[0] != '.' && (n > 0 || self->single_labels))
    {
      const LecternTracker *tracker = probe_compiled (self, host, length, hash);

      if (tracker != NULL)
        return tracker;
    }

  while (n-- > (self->single_labels ? 0u : 1u))
    {
      const LecternTracker *tracker = probe_compiled (self, host + starts[n], length - starts[n], hashes[n]);

      if (tracker != NULL)
        return tracker;
    }

  return NULL;
}

/**
 * lectern_tracker_db_lookup:
 * @self: a #LecternTrackerDb
 * @host: a host name, as in a URL (an IDN in its ASCII "xn--" form)
 *
 * Looks up @host, then each parent domain in turn ("a.b.example.com",
 * "b.example.com", "example.com", "com"); the first hit wins. A trailing
 * dot is ignored. Does not allocate: safe per request.
 *
 * Returns: (nullable) (transfer none): the tracker, or %NULL
 */
const LecternTracker *
lectern_tracker_db_lookup (LecternTrackerDb *self,
                           const char       *host)
{
  gsize length;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);

  length = strlen (host);
  if (length > 0 && host[length - 1] == '.')
    length--;

  if (self->blob != NULL)
    return length > 0 && length < 256 ? lookup_compiled (self, host, length) : NULL;

  for (const char *domain = host; length > 0;)
    {
      const LecternTracker *tracker = NULL;
      const char *dot;
      char buffer[256];

      /* The JSON form's keys are NUL-terminated; a host as long as this
       * is no DNS name anyway. */
      if (length < sizeof buffer)
        {
          memcpy (buffer, domain, length);
          buffer[length] = '\0';
          tracker = g_hash_table_lookup (self->domains, buffer);
        }

      if (tracker != NULL)
        return tracker;

      dot = memchr (domain, '.', length);
      if (dot == NULL)
        break;
      length -= dot + 1 - domain;
      domain = dot + 1;
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

  if (self->blob != NULL)
    return self->n_domains;

  return g_hash_table_size (self->domains);
}

/* Sets @error and returns %FALSE, for the checks of a compiled index. */
static gboolean
blob_invalid (GError     **error,
              const char  *reason)
{
  g_set_error (error, LECTERN_TRACKER_DB_ERROR, LECTERN_TRACKER_DB_ERROR_INVALID,
               /* Translators: %s says what is wrong with the file */
               _("The compiled tracker database is damaged: %s"), reason);
  return FALSE;
}

/* Whether a string offset lies inside the strings and is NUL-terminated
 * there. */
static gboolean
valid_string (const char *strings,
              guint32     size,
              guint32     offset)
{
  return offset < size && memchr (strings + offset, '\0', size - offset) != NULL;
}

/* The compiled index's header, in host byte order. */
typedef struct
{
  guint32 n_trackers;
  guint32 n_domains;
  guint32 n_buckets;
  guint32 trackers_offset;
  guint32 domains_offset;
  guint32 buckets_offset;
  guint32 strings_offset;
  guint32 strings_size;
  guint32 flags;
} BlobHeader;

/* Reads the header of the @size bytes at @data, and checks that each
 * table it places lies inside them. */
static gboolean
read_blob_header (const guchar  *data,
                  gsize          size,
                  BlobHeader    *header,
                  GError       **error)
{
  const guint32 *words;

  if (size < BLOB_HEADER_LEN * 4 || memcmp (data, BLOB_MAGIC, 4) != 0)
    return blob_invalid (error, _("not a compiled tracker database"));

  words = (const guint32 *)(gconstpointer)data;
  if (GUINT32_FROM_LE (words[1]) != BLOB_VERSION)
    return blob_invalid (error, _("made for another version of Lectern"));

  header->n_trackers = GUINT32_FROM_LE (words[2]);
  header->n_domains = GUINT32_FROM_LE (words[3]);
  header->n_buckets = GUINT32_FROM_LE (words[4]);
  header->trackers_offset = GUINT32_FROM_LE (words[5]);
  header->domains_offset = GUINT32_FROM_LE (words[6]);
  header->buckets_offset = GUINT32_FROM_LE (words[7]);
  header->strings_offset = GUINT32_FROM_LE (words[8]);
  header->strings_size = GUINT32_FROM_LE (words[9]);
  header->flags = GUINT32_FROM_LE (words[10]);

  /* Sizes in 64 bits, so that no product or sum wraps. */
  if (header->n_buckets == 0 || (header->n_buckets & (header->n_buckets - 1)) != 0 ||
      header->n_buckets <= header->n_domains ||
      header->trackers_offset % 4 != 0 || header->domains_offset % 4 != 0 ||
      header->buckets_offset % 4 != 0 ||
      (guint64)header->trackers_offset + 12 * (guint64)header->n_trackers > size ||
      (guint64)header->domains_offset + 16 * (guint64)header->n_domains > size ||
      (guint64)header->buckets_offset + 4 * (guint64)header->n_buckets > size ||
      (guint64)header->strings_offset + header->strings_size > size ||
      header->strings_size == 0 || data[header->strings_offset + header->strings_size - 1] != '\0')
    return blob_invalid (error, _("a table lies outside the file"));

  return TRUE;
}

/* Fills the trackers from their table, @tracker_words, checking that each
 * names strings inside the @strings_size bytes of strings. */
static gboolean
read_blob_trackers (LecternTrackerDb  *self,
                    const guint32     *tracker_words,
                    guint32            strings_size,
                    GError           **error)
{
  for (guint32 i = 0; i < self->n_trackers; i++)
    {
      guint32 name = GUINT32_FROM_LE (tracker_words[3 * i]);
      guint32 company = GUINT32_FROM_LE (tracker_words[3 * i + 1]);
      guint32 category = GUINT32_FROM_LE (tracker_words[3 * i + 2]);
      LecternTracker *tracker = &self->trackers[i];

      if (!valid_string (self->blob_strings, strings_size, name) ||
          !valid_string (self->blob_strings, strings_size, category) ||
          (company != BLOB_NONE && !valid_string (self->blob_strings, strings_size, company)))
        return blob_invalid (error, _("a tracker names no string"));

      tracker->name = self->blob_strings + name;
      tracker->company = company != BLOB_NONE ? self->blob_strings + company : NULL;
      tracker->source_category = self->blob_strings + category;
      tracker->category = lectern_category_from_tracker_db (tracker->source_category, tracker->name);
    }

  return TRUE;
}

/* Checks that each domain is a string that names a tracker, and each
 * bucket a domain. */
static gboolean
check_blob_index (LecternTrackerDb  *self,
                  guint32            strings_size,
                  GError           **error)
{
  for (guint32 i = 0; i < self->n_domains; i++)
    {
      const BlobDomain *domain = &self->blob_domains[i];
      guint32 offset = GUINT32_FROM_LE (domain->domain);
      guint32 length = GUINT32_FROM_LE (domain->length);

      if ((guint64)offset + length >= strings_size ||
          self->blob_strings[offset + length] != '\0' ||
          GUINT32_FROM_LE (domain->tracker) >= self->n_trackers)
        return blob_invalid (error, _("a domain names no tracker"));
    }

  for (guint32 i = 0; i < self->n_buckets; i++)
    {
      if (GUINT32_FROM_LE (self->blob_buckets[i]) > self->n_domains)
        return blob_invalid (error, _("a bucket names no domain"));
    }

  return TRUE;
}

/**
 * lectern_tracker_db_new_from_bytes:
 * @bytes: a compiled index, as build-aux/lectern-compile-trackers.py writes it
 * @error: return location for a #GError
 *
 * Checks every offset in @bytes once, so that lookups can trust them, and
 * keeps a reference to @bytes: its strings are the ones handed out.
 *
 * Returns: (transfer full): a new database, or %NULL with @error set
 */
LecternTrackerDb *
lectern_tracker_db_new_from_bytes (GBytes  *bytes,
                                   GError **error)
{
  g_autoptr(LecternTrackerDb) self = NULL;
  BlobHeader header;
  const guchar *data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &size);

  /* The tables are read as 32-bit words in place; a copy made by malloc
   * is aligned for them. */
  if (((gsize)data % 4) != 0)
    {
      g_autoptr(GBytes) aligned = g_bytes_new (data, size);

      return lectern_tracker_db_new_from_bytes (aligned, error);
    }

  if (!read_blob_header (data, size, &header, error))
    return NULL;

  self = g_new0 (LecternTrackerDb, 1);
  self->blob = g_bytes_ref (bytes);
  self->blob_domains = (const BlobDomain *)(gconstpointer)(data + header.domains_offset);
  self->blob_buckets = (const guint32 *)(gconstpointer)(data + header.buckets_offset);
  self->blob_strings = (const char *)data + header.strings_offset;
  self->n_domains = header.n_domains;
  self->n_buckets = header.n_buckets;
  self->single_labels = (header.flags & BLOB_FLAG_SINGLE_LABEL) != 0;
  self->n_trackers = header.n_trackers;
  self->trackers = g_new0 (LecternTracker, MAX (header.n_trackers, 1));

  if (!read_blob_trackers (self, (const guint32 *)(gconstpointer)(data + header.trackers_offset),
                           header.strings_size, error) ||
      !check_blob_index (self, header.strings_size, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lectern_tracker_db_new_builtin:
 * @error: return location for a #GError
 *
 * The database compiled into Lectern at build time.
 *
 * Returns: (transfer full): a new database, or %NULL with @error set
 */
LecternTrackerDb *
lectern_tracker_db_new_builtin (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* From this library's own bundle, not the global resources: the web
   * process extension has no other. */
  bytes = g_resource_lookup_data (lectern_core_get_resource (),
                                  "/org/lectern/Lectern/core/trackers.ltdb",
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return lectern_tracker_db_new_from_bytes (bytes, error);
}
