/* lectern-cookie-db.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-db.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lectern-party.h"

/*
 * Matching rules, in order:
 *
 * 1. A name equal to a non-wildcard row's name.
 * 2. Otherwise the longest wildcard prefix of the name. The prefix may be
 *    the whole name: "_gat" is both a cookie and the prefix of "_gat_UA-1".
 *    A trailing "*" in a non-wildcard row's name ("SSPR_*", "SCM*") makes
 *    it a prefix too; other pattern characters ("barometric[cuid]",
 *    "pvc_visits[0]") are literal.
 * 3. A prefix shorter than SHORT_PREFIX ("SR", "CT", "_s", "P_", "tp") only
 *    matches when the rest of the name looks like an identifier: at least
 *    one character, all of them hexadecimal digits, "_" or "-", and at least
 *    one a decimal digit. "SR1234" is Adform's; "_shopify_y" and "CTK" are
 *    not. Without this, "_s" alone would claim every cookie starting "_s".
 *
 * Several rows can share a name (or a prefix), each for another platform.
 * Among them, the first whose Domain column contains the registrable domain
 * of the cookie's domain wins; else the first with no Domain (upstream's
 * "any site"). Names are case-sensitive, as cookie names are.
 *
 * 4. A row whose Domain names only other sites than the cookie's applies
 *    only when the name is distinctive, i.e. not a plain lower-case word.
 *    Scripts set "_fbp" (Domain "facebook.com (3rd party)") on the site's
 *    own domain, so it stays Facebook's there; but a site's own "lang" or
 *    "token" is not LinkedIn's because LinkedIn also has one. When the
 *    cookie's domain is not known, the first row with no Domain wins, else
 *    the first row.
 */
#define SHORT_PREFIX 3

enum {
  COLUMN_PLATFORM,
  COLUMN_CATEGORY,
  COLUMN_NAME,
  COLUMN_DOMAIN,
  COLUMN_DESCRIPTION,
  COLUMN_RETENTION,
  COLUMN_CONTROLLER,
  COLUMN_WILDCARD,
  N_COLUMNS
};

/* Header names as upstream spells them; other columns are ignored. */
static const char * const column_names[N_COLUMNS] = {
  [COLUMN_PLATFORM]    = "Platform",
  [COLUMN_CATEGORY]    = "Category",
  [COLUMN_NAME]        = "Cookie / Data Key name",
  [COLUMN_DOMAIN]      = "Domain",
  [COLUMN_DESCRIPTION] = "Description",
  [COLUMN_RETENTION]   = "Retention period",
  [COLUMN_CONTROLLER]  = "Data Controller",
  [COLUMN_WILDCARD]    = "Wildcard match",
};

typedef struct
{
  const char *str;
  gsize       len;
} Slice;

typedef struct _CookieRow CookieRow;

struct _CookieRow
{
  /* First, so that a row is the LecternCookieInfo handed out. */
  LecternCookieInfo  info;
  /* The Domain column in lower case, for matching; NULL if empty. */
  const char        *domain_folded;
  Slice              key;
  /* The next row with the same name or prefix, in file order. */
  CookieRow         *next;
};

struct _LecternCookieDb
{
  GStringChunk *strings;
  CookieRow    *rows;
  guint         n_rows;
  /* const char * → CookieRow, non-wildcard names */
  GHashTable   *exact;
  /* Slice * → CookieRow, wildcard prefixes */
  GHashTable   *prefixes;
  gsize         longest_prefix;
};

G_DEFINE_QUARK (lectern-cookie-db-error-quark, lectern_cookie_db_error)

static guint
slice_hash (gconstpointer key)
{
  const Slice *slice = key;
  guint hash = 5381;

  for (gsize i = 0; i < slice->len; i++)
    hash = (hash << 5) + hash + (guchar)slice->str[i];

  return hash;
}

static gboolean
slice_equal (gconstpointer a,
             gconstpointer b)
{
  const Slice *slice_a = a;
  const Slice *slice_b = b;

  return slice_a->len == slice_b->len &&
         memcmp (slice_a->str, slice_b->str, slice_a->len) == 0;
}

/* CSV, RFC 4180 ---------------------------------------------------------- */

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;
} CsvReader;

/* Reads one record into @fields (reused GStrings) and sets @n_fields.
 * Quoted fields may hold commas, doubled quotes and line breaks. A quote in
 * the middle of an unquoted field is kept as it is, as most readers do. */
static gboolean
csv_read_record (CsvReader  *reader,
                 GPtrArray  *fields,
                 guint      *n_fields,
                 GError    **error)
{
  guint record_line = reader->line;

  *n_fields = 0;

  if (reader->pos >= reader->length)
    return FALSE;

  for (;;)
    {
      GString *field;

      if (*n_fields == fields->len)
        g_ptr_array_add (fields, g_string_new (NULL));
      field = g_ptr_array_index (fields, *n_fields);
      g_string_truncate (field, 0);
      (*n_fields)++;

      if (reader->pos < reader->length && reader->data[reader->pos] == '"')
        {
          gboolean closed = FALSE;

          reader->pos++;
          while (reader->pos < reader->length)
            {
              char c = reader->data[reader->pos++];

              if (c == '"')
                {
                  if (reader->pos < reader->length && reader->data[reader->pos] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->pos++;
                      continue;
                    }

                  closed = TRUE;
                  break;
                }

              if (c == '\n')
                reader->line++;
              g_string_append_c (field, c);
            }

          if (!closed)
            {
              /* Swallowing the rest of the file as one field would hide
               * the damage; a truncated file must not load half. */
              g_set_error (error, LECTERN_COOKIE_DB_ERROR, LECTERN_COOKIE_DB_ERROR_INVALID,
                           /* Translators: %u is a line number */
                           _("Line %u: a quoted field is never closed"),
                           record_line);
              return FALSE;
            }
        }

      /* Unquoted text, or anything after a closing quote. */
      while (reader->pos < reader->length)
        {
          char c = reader->data[reader->pos];

          if (c == ',' || c == '\n' || c == '\r')
            break;
          g_string_append_c (field, c);
          reader->pos++;
        }

      if (reader->pos >= reader->length)
        return TRUE;

      switch (reader->data[reader->pos++])
        {
        case ',':
          continue;

        case '\r':
          if (reader->pos < reader->length && reader->data[reader->pos] == '\n')
            reader->pos++;
          reader->line++;
          return TRUE;

        case '\n':
        default:
          reader->line++;
          return TRUE;
        }
    }
}

/* Loading ---------------------------------------------------------------- */

static void
free_string (gpointer data)
{
  g_string_free (data, TRUE);
}

static const char *
intern_field (LecternCookieDb *self,
              GString         *field,
              gboolean         nullable)
{
  if (field->len == 0)
    return nullable ? NULL : "";

  return g_string_chunk_insert_const (self->strings, field->str);
}

static void
strip_field (GString *field)
{
  gsize start = 0;

  while (field->len > 0 && g_ascii_isspace (field->str[field->len - 1]))
    g_string_truncate (field, field->len - 1);
  while (start < field->len && g_ascii_isspace (field->str[start]))
    start++;
  g_string_erase (field, 0, start);
}

static gboolean
find_columns (GPtrArray  *fields,
              guint       n_fields,
              guint      *columns,
              GError    **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      guint i;

      for (i = 0; i < n_fields; i++)
        {
          GString *field = g_ptr_array_index (fields, i);

          if (g_str_equal (field->str, column_names[c]))
            break;
        }

      if (i == n_fields)
        {
          g_set_error (error, LECTERN_COOKIE_DB_ERROR, LECTERN_COOKIE_DB_ERROR_INVALID,
                       /* Translators: %s is a column name of the Open Cookie Database */
                       _("Not the Open Cookie Database: the header has no “%s” column"),
                       column_names[c]);
          return FALSE;
        }

      columns[c] = i;
    }

  return TRUE;
}

/* Fills @row from a record; FALSE for a row to skip. */
static gboolean
parse_row (LecternCookieDb *self,
           GPtrArray       *fields,
           const guint     *columns,
           CookieRow       *row)
{
  GString *name = g_ptr_array_index (fields, columns[COLUMN_NAME]);
  GString *platform = g_ptr_array_index (fields, columns[COLUMN_PLATFORM]);
  GString *wildcard = g_ptr_array_index (fields, columns[COLUMN_WILDCARD]);
  GString *domain = g_ptr_array_index (fields, columns[COLUMN_DOMAIN]);
  const char *category;
  g_autofree char *folded = NULL;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GString *field = g_ptr_array_index (fields, columns[c]);

      strip_field (field);
      if (!g_utf8_validate (field->str, field->len, NULL))
        return FALSE;
    }

  if (g_str_equal (wildcard->str, "1"))
    row->info.wildcard = TRUE;
  else if (g_str_equal (wildcard->str, "0"))
    row->info.wildcard = FALSE;
  else
    return FALSE;

  if (name->len > 0 && name->str[name->len - 1] == '*')
    {
      g_string_truncate (name, name->len - 1);
      row->info.wildcard = TRUE;
    }

  /* An empty platform is kept (upstream's XSRF-TOKEN has none): the
   * category is what matters. */
  if (name->len == 0)
    return FALSE;

  row->info.name = intern_field (self, name, FALSE);
  row->info.platform = intern_field (self, platform, FALSE);
  row->info.controller = intern_field (self, g_ptr_array_index (fields, columns[COLUMN_CONTROLLER]), TRUE);
  row->info.domain = intern_field (self, domain, TRUE);
  row->info.description = intern_field (self, g_ptr_array_index (fields, columns[COLUMN_DESCRIPTION]), TRUE);
  row->info.retention = intern_field (self, g_ptr_array_index (fields, columns[COLUMN_RETENTION]), TRUE);

  category = ((GString *)g_ptr_array_index (fields, columns[COLUMN_CATEGORY]))->str;
  row->info.category = lectern_category_from_cookie_db (category,
                                                        row->info.platform,
                                                        row->info.controller);

  if (domain->len > 0)
    {
      folded = g_ascii_strdown (domain->str, domain->len);
      row->domain_folded = g_string_chunk_insert_const (self->strings, folded);
    }

  row->key.str = row->info.name;
  row->key.len = name->len;

  return TRUE;
}

static void
index_row (GHashTable *table,
           gpointer    key,
           CookieRow  *row)
{
  CookieRow *first = g_hash_table_lookup (table, key);

  if (first == NULL)
    {
      g_hash_table_insert (table, key, row);
      return;
    }

  while (first->next != NULL)
    first = first->next;
  first->next = row;
}

/**
 * lectern_cookie_db_new_from_data:
 * @csv: the Open Cookie Database as CSV
 * @length: the length of @csv in bytes
 * @error: return location for a #GError
 *
 * Rows with the wrong number of fields, an empty name, invalid UTF-8 or a
 * "Wildcard match" other than 0 or 1 are skipped. An empty platform is "".
 *
 * Returns: (transfer full): a new database, or %NULL if @csv is not the
 *   Open Cookie Database
 */
LecternCookieDb *
lectern_cookie_db_new_from_data (const char  *csv,
                                 gsize        length,
                                 GError     **error)
{
  g_autoptr(LecternCookieDb) self = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GArray) rows = NULL;
  CsvReader reader = { csv, length, 0, 1 };
  guint columns[N_COLUMNS];
  guint n_header;
  guint n_fields;
  GError *local_error = NULL;

  g_return_val_if_fail (csv != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length >= 3 && memcmp (csv, "\xef\xbb\xbf", 3) == 0)
    reader.pos = 3;

  fields = g_ptr_array_new_with_free_func (free_string);

  if (!csv_read_record (&reader, fields, &n_header, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, LECTERN_COOKIE_DB_ERROR, LECTERN_COOKIE_DB_ERROR_INVALID,
                             _("Not the Open Cookie Database: the file is empty"));
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (guint i = 0; i < n_header; i++)
    strip_field (g_ptr_array_index (fields, i));

  if (!find_columns (fields, n_header, columns, error))
    return NULL;

  self = g_new0 (LecternCookieDb, 1);
  self->strings = g_string_chunk_new (64 * 1024);
  rows = g_array_new (FALSE, TRUE, sizeof (CookieRow));

  while (csv_read_record (&reader, fields, &n_fields, &local_error))
    {
      CookieRow row = { 0 };

      if (n_fields != n_header)
        continue;

      if (parse_row (self, fields, columns, &row))
        g_array_append_val (rows, row);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  /* Index only now: the rows no longer move. */
  self->n_rows = rows->len;
  self->rows = (CookieRow *)(gpointer)g_array_free (g_steal_pointer (&rows), FALSE);
  self->exact = g_hash_table_new (g_str_hash, g_str_equal);
  self->prefixes = g_hash_table_new (slice_hash, slice_equal);

  for (guint i = 0; i < self->n_rows; i++)
    {
      CookieRow *row = &self->rows[i];

      if (row->info.wildcard)
        {
          index_row (self->prefixes, &row->key, row);
          self->longest_prefix = MAX (self->longest_prefix, row->key.len);
        }
      else
        {
          index_row (self->exact, (gpointer)row->info.name, row);
        }
    }

  return g_steal_pointer (&self);
}

/**
 * lectern_cookie_db_new_from_file:
 * @csv_path: the path of open-cookie-database.csv
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a new database, or %NULL if the file cannot be
 *   read or is not the Open Cookie Database
 */
LecternCookieDb *
lectern_cookie_db_new_from_file (const char  *csv_path,
                                 GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  LecternCookieDb *self;

  g_return_val_if_fail (csv_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_mapped_file_new (csv_path, FALSE, error);
  if (file == NULL)
    return NULL;

  self = lectern_cookie_db_new_from_data (g_mapped_file_get_contents (file),
                                          g_mapped_file_get_length (file),
                                          error);
  if (self == NULL)
    {
      g_autofree char *display_name = g_filename_display_name (csv_path);

      g_prefix_error (error, "%s: ", display_name);
    }

  return self;
}

/**
 * lectern_cookie_db_free:
 * @self: (nullable) (transfer full): a #LecternCookieDb
 */
void
lectern_cookie_db_free (LecternCookieDb *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->exact, g_hash_table_unref);
  g_clear_pointer (&self->prefixes, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_free);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

/* Lookup ----------------------------------------------------------------- */

static gboolean
is_domain_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '.';
}

/* Whether @site appears in the free-text Domain column as a whole domain
 * name: "adnxs.com" in ".adnxs.com" or "adnxs.com (3rd party)", but not
 * "nxs.com" in it nor "adnxs.co" in "adnxs.com". */
static gboolean
domain_mentions (const char *domain_folded,
                 const char *site,
                 gsize       site_len)
{
  for (const char *p = domain_folded; *p != '\0'; p++)
    {
      if (g_ascii_strncasecmp (p, site, site_len) != 0)
        continue;

      if (p > domain_folded && is_domain_char (p[-1]) && p[-1] != '.')
        continue;

      if (is_domain_char (p[site_len]))
        continue;

      return TRUE;
    }

  return FALSE;
}

/* Whether @name says by itself whose cookie it is: "_fbp", "_uetsid" or
 * "AnalyticsSyncHistory" are, "lang", "token" or "session" are not. Plain
 * lower-case words are what any site names its own cookies. */
static gboolean
is_distinctive_name (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    {
      if (!g_ascii_islower (*p))
        return TRUE;
    }

  return FALSE;
}

/* Picks the row for a cookie of @domain among rows sharing a name, or
 * NULL when none fits: see rule 4 at the top of this file. */
static const CookieRow *
choose_row (const CookieRow *first,
            const char      *domain)
{
  const char *site;
  gsize site_len;

  if (domain == NULL || *domain == '\0')
    {
      for (const CookieRow *row = first; row != NULL; row = row->next)
        {
          if (row->domain_folded == NULL)
            return row;
        }

      return first;
    }

  site = lectern_party_get_site (domain);
  site_len = strlen (site);

  for (const CookieRow *row = first; row != NULL; row = row->next)
    {
      if (row->domain_folded != NULL &&
          domain_mentions (row->domain_folded, site, site_len))
        return row;
    }

  for (const CookieRow *row = first; row != NULL; row = row->next)
    {
      if (row->domain_folded == NULL)
        return row;
    }

  /* Every row names another site than the cookie's. */
  for (const CookieRow *row = first; row != NULL; row = row->next)
    {
      if (is_distinctive_name (row->info.name))
        return row;
    }

  return NULL;
}

static gboolean
looks_like_id (const char *rest)
{
  gboolean has_digit = FALSE;

  if (*rest == '\0')
    return FALSE;

  for (const char *p = rest; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        has_digit = TRUE;
      else if (!g_ascii_isxdigit (*p) && *p != '_' && *p != '-')
        return FALSE;
    }

  return has_digit;
}

/**
 * lectern_cookie_db_lookup:
 * @self: a #LecternCookieDb
 * @name: a cookie name
 * @domain: (nullable): the cookie's domain, with or without a leading "."
 *
 * Finds the entry for a cookie by the rules at the top of this file. Does
 * not allocate.
 *
 * Returns: (nullable) (transfer none): the entry, or %NULL if the database
 *   does not know the cookie
 */
const LecternCookieInfo *
lectern_cookie_db_lookup (LecternCookieDb *self,
                          const char      *name,
                          const char      *domain)
{
  const CookieRow *row;
  gsize name_len;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (domain != NULL && *domain == '.')
    domain++;

  row = g_hash_table_lookup (self->exact, name);
  if (row != NULL && (row = choose_row (row, domain)) != NULL)
    return &row->info;

  name_len = strlen (name);
  for (gsize len = MIN (name_len, self->longest_prefix); len > 0; len--)
    {
      Slice key = { name, len };

      row = g_hash_table_lookup (self->prefixes, &key);
      if (row == NULL)
        continue;

      if (len < SHORT_PREFIX && !looks_like_id (name + len))
        continue;

      row = choose_row (row, domain);
      if (row != NULL)
        return &row->info;
    }

  return NULL;
}

/**
 * lectern_cookie_db_get_size:
 * @self: a #LecternCookieDb
 *
 * Returns: the number of rows loaded
 */
guint
lectern_cookie_db_get_size (LecternCookieDb *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_rows;
}
