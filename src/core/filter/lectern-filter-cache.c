/* lectern-filter-cache.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-cache.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "lectern-profile-file.h"

/* The compiled filter index on disk: a header, then the engine's image as
 * is, so that a web process maps the file and matches from it without
 * copying or parsing anything.
 *
 * The header says what wrote it (magic, container and engine versions,
 * byte order), how long the file must be, a checksum of the image (a torn
 * or damaged file), and a key naming the lists it was built from (SHA-256
 * of their contents): a cache whose key differs is stale.
 *
 * Every file is opened without waiting (a pipe in a file's place would
 * block the start-up), and what is not a regular file is refused. */

#define CACHE_MAGIC "LECTFLT\n"
#define CACHE_VERSION 1
#define BYTE_ORDER_MARK 0x01020304u
#define KEY_LENGTH 64

typedef struct
{
  char    magic[8];
  guint32 version;
  guint32 engine_version;
  guint64 file_size;
  guint64 checksum;
  char    key[KEY_LENGTH];
  guint32 byte_order;
  guint32 reserved;
} CacheHeader;

/* The image must start 8-byte aligned in the mapped file. */
G_STATIC_ASSERT (sizeof (CacheHeader) % 8 == 0);

G_DEFINE_QUARK (lectern-filter-cache-error-quark, lectern_filter_cache_error)

/* Not cryptographic: it only has to notice damage, and it runs on every
 * load in every web process, so it reads eight bytes a step on four
 * independent lanes. */
static guint64
checksum (const guint8 *data,
          gsize         len)
{
  const guint64 prime = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 lanes[4] = { 1, 2, 3, 4 };
  guint64 hash;
  gsize i = 0;

  for (; i + 32 <= len; i += 32)
    {
      for (guint l = 0; l < 4; l++)
        {
          guint64 word;

          memcpy (&word, data + i + l * 8, 8);
          lanes[l] = (lanes[l] ^ word) * prime;
          lanes[l] ^= lanes[l] >> 31;
        }
    }

  hash = len;
  for (guint l = 0; l < 4; l++)
    hash = (hash ^ lanes[l]) * prime;
  for (; i < len; i++)
    hash = (hash ^ data[i]) * prime;

  return hash ^ (hash >> 29);
}

/**
 * lectern_filter_cache_compute_key:
 * @sources: the lists a cache is built from, in order
 * @n_sources: how many
 *
 * Names the lists' current contents and the engine that reads them. A
 * missing list is part of the key too, so the cache is rebuilt when it
 * appears.
 *
 * Returns: (transfer full): a hexadecimal SHA-256
 */
char *
lectern_filter_cache_compute_key (const LecternFilterSource *sources,
                                  guint                      n_sources)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char version[32];

  g_snprintf (version, sizeof version, "lectern-filters %d.%d", CACHE_VERSION,
              LECTERN_FILTER_ENGINE_FORMAT_VERSION);
  g_checksum_update (sum, (const guchar *) version, strlen (version) + 1);

  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(GMappedFile) file = lectern_profile_file_map (sources[i].path, NULL);
      const char *id = lectern_filter_list_kind_to_id (sources[i].list);
      char length[32];

      g_checksum_update (sum, (const guchar *) id, strlen (id) + 1);
      if (file == NULL)
        {
          g_checksum_update (sum, (const guchar *) "missing", 8);
          continue;
        }
      g_snprintf (length, sizeof length, "%" G_GSIZE_FORMAT, g_mapped_file_get_length (file));
      g_checksum_update (sum, (const guchar *) length, strlen (length) + 1);
      if (g_mapped_file_get_length (file) > 0)
        g_checksum_update (sum, (const guchar *) g_mapped_file_get_contents (file),
                           g_mapped_file_get_length (file));
    }

  return g_strdup (g_checksum_get_string (sum));
}

/* How the reader knows a list. */
static const char *
list_title (const LecternFilterSource *source)
{
  switch (source->list)
    {
    case LECTERN_FILTER_LIST_EASYLIST:
      return "EasyList";

    case LECTERN_FILTER_LIST_EASYPRIVACY:
      return "EasyPrivacy";

    case LECTERN_FILTER_LIST_OTHER:
    default:
      return source->path;
    }
}

/* The text of the list in @file, as UTF-8: as it is, or decoded from
 * UTF-16 when it starts with a byte order mark (as an editor on Windows
 * saves it). Anything else is refused, rather than read as no rules. */
static GBytes *
dup_list_text (const char   *path,
               GMappedFile  *file,
               GError      **error)
{
  const char *data = g_mapped_file_get_contents (file);
  gsize length = g_mapped_file_get_length (file);

  if (length >= 2 && (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      g_autoptr(GError) local_error = NULL;
      gsize written;
      char *text;

      text = g_convert (data, length, "UTF-8", "UTF-16", NULL, &written, &local_error);
      if (text == NULL)
        {
          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                       /* Translators: the first %s is a file, the second an error message */
                       _("“%s” is not UTF-16 text throughout: %s"), path, local_error->message);
          return NULL;
        }

      return g_bytes_new_take (text, written);
    }

  if (length > 0 && !g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                   /* Translators: %s is a file */
                   _("“%s” is not UTF-8 text"), path);
      return NULL;
    }

  return g_mapped_file_get_bytes (file);
}

/* Reads @source as text. */
static GBytes *
read_list (const LecternFilterSource  *source,
           GError                    **error)
{
  g_autoptr(GMappedFile) file = lectern_profile_file_map (source->path, error);

  if (file == NULL)
    return NULL;

  return dup_list_text (source->path, file, error);
}

/* Whether @text has a line that is not blank, a comment or a header. */
static gboolean
holds_rules (GBytes *text)
{
  gsize length;
  const char *p = g_bytes_get_data (text, &length);
  const char *end = p + length;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);

      if (eol == NULL)
        eol = end;
      while (p < eol && g_ascii_isspace (*p))
        p++;
      if (p < eol && *p != '!' && *p != '[')
        return TRUE;
      p = eol + 1;
    }

  return FALSE;
}

static void
add_note (GString    *notes,
          const char *note)
{
  if (notes->len > 0)
    g_string_append_c (notes, '\n');
  g_string_append (notes, note);
}

/* What the reader should know of the lists as they are now, whether or
 * not the cache is rebuilt: a list that cannot be read, is not text, or
 * holds no rule blocks nothing, and the reader would not know why. */
static void
note_lists (const LecternFilterSource *sources,
            guint                      n_sources,
            GString                   *notes)
{
  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) text = read_list (&sources[i], &error);
      g_autofree char *note = NULL;

      if (text == NULL)
        /* Translators: the first %s is a filter list's name ("EasyList"), the second why */
        note = g_strdup_printf (_("%s was left out: %s."), list_title (&sources[i]), error->message);
      else if (!holds_rules (text))
        /* Translators: the first %s is a filter list's name ("EasyList"), the second its file */
        note = g_strdup_printf (_("%s holds no rules: “%s” is empty, or holds only comments."),
                                list_title (&sources[i]), sources[i].path);

      if (note != NULL)
        add_note (notes, note);
    }
}

/**
 * lectern_filter_cache_build:
 * @sources: the lists to read
 * @n_sources: how many
 * @error: return location for a #GError
 *
 * Reads the lists into a new engine and compiles it. A list that cannot be
 * read, or is neither UTF-8 nor UTF-16 text with a byte order mark, is
 * left out with a message; only when none can be read does this fail.
 *
 * Returns: (transfer full) (nullable): the engine
 */
LecternFilterEngine *
lectern_filter_cache_build (const LecternFilterSource  *sources,
                            guint                       n_sources,
                            GError                    **error)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  g_autoptr(GError) first_error = NULL;
  guint loaded = 0;

  for (guint i = 0; i < n_sources; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) text = read_list (&sources[i], &local_error);

      if (text != NULL)
        {
          lectern_filter_engine_add_list (engine, g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                                          sources[i].list);
          loaded++;
          continue;
        }

      g_message ("%s", local_error->message);
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (loaded == 0 && first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }

  /* Compiles now, in the caller's thread, rather than on first use. */
  lectern_filter_engine_get_stats (engine);

  return g_steal_pointer (&engine);
}

/**
 * lectern_filter_cache_write:
 * @engine: an engine
 * @path: the cache file
 * @key: the key of the lists @engine was built from
 * @error: return location for a #GError
 *
 * Writes @engine's compiled index to @path atomically (a temporary file
 * renamed over it), creating its folder if need be: a reader sees the old
 * file or the new one, never half of one.
 *
 * Returns: %TRUE on success
 */
gboolean
lectern_filter_cache_write (LecternFilterEngine  *engine,
                            const char           *path,
                            const char           *key,
                            GError              **error)
{
  g_autoptr(GBytes) image = NULL;
  g_autofree char *dir = NULL;
  g_autofree guint8 *data = NULL;
  CacheHeader header = { { 0 } };
  const guint8 *image_data;
  gsize image_size;
  gsize size;

  g_return_val_if_fail (engine != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL && strlen (key) == KEY_LENGTH, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  image = lectern_filter_engine_dup_image (engine);
  image_data = g_bytes_get_data (image, &image_size);
  size = sizeof header + image_size;

  memcpy (header.magic, CACHE_MAGIC, sizeof header.magic);
  header.version = CACHE_VERSION;
  header.engine_version = LECTERN_FILTER_ENGINE_FORMAT_VERSION;
  header.file_size = size;
  header.checksum = checksum (image_data, image_size);
  memcpy (header.key, key, KEY_LENGTH);
  header.byte_order = BYTE_ORDER_MARK;

  data = g_malloc (size);
  memcpy (data, &header, sizeof header);
  memcpy (data + sizeof header, image_data, image_size);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second an error message */
                   _("Could not create the folder for the filter cache “%s”: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents (path, (const char *) data, size, error))
    {
      g_prefix_error_literal (error, _("Could not write the filter cache: "));
      return FALSE;
    }

  return TRUE;
}

/**
 * lectern_filter_cache_load:
 * @path: a cache file
 * @key: (nullable): the key the lists have now, or %NULL to take the
 *   cache whatever lists it was built from
 * @verify: whether to check the checksum and every record
 * @error: return location for a #GError
 *
 * Maps @path and makes an engine that matches straight from the mapping.
 * Fails with a #GFileError when the file cannot be read, and with a
 * #LecternFilterCacheError when it is not a cache of this version, is cut
 * short, was built from other lists or (with @verify) is damaged.
 *
 * Verifying reads the whole file. The UI process does it once when it
 * prepares the cache; web processes, which map a file it has just
 * verified, only check the header and the layout, which costs next to
 * nothing and leaves the pages they never read out of memory.
 *
 * Returns: (transfer full) (nullable): the engine
 */
LecternFilterEngine *
lectern_filter_cache_load (const char  *path,
                           const char  *key,
                           gboolean     verify,
                           GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GError) local_error = NULL;
  LecternFilterEngine *engine;
  CacheHeader header;
  const guint8 *data;
  gsize size;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = lectern_profile_file_map (path, error);
  if (file == NULL)
    return NULL;

  size = g_mapped_file_get_length (file);
  if (size < sizeof header)
    {
      g_autofree char *bytes_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);

      g_set_error (error, LECTERN_FILTER_CACHE_ERROR, LECTERN_FILTER_CACHE_ERROR_TRUNCATED,
                   /* Translators: %s is a number of bytes */
                   _("The filter cache is cut short (%s bytes)"), bytes_text);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (file);
  data = g_bytes_get_data (bytes, NULL);
  memcpy (&header, data, sizeof header);

  if (memcmp (header.magic, CACHE_MAGIC, sizeof header.magic) != 0 ||
      header.byte_order != BYTE_ORDER_MARK)
    {
      g_set_error_literal (error, LECTERN_FILTER_CACHE_ERROR, LECTERN_FILTER_CACHE_ERROR_FOREIGN,
                           _("The file is not a filter cache of this machine"));
      return NULL;
    }
  if (header.version != CACHE_VERSION || header.engine_version != LECTERN_FILTER_ENGINE_FORMAT_VERSION)
    {
      g_set_error (error, LECTERN_FILTER_CACHE_ERROR, LECTERN_FILTER_CACHE_ERROR_VERSION,
                   /* Translators: %u.%u are version numbers */
                   _("The filter cache is of another version (%u.%u, this is %u.%u)"),
                   header.version, header.engine_version, CACHE_VERSION,
                   LECTERN_FILTER_ENGINE_FORMAT_VERSION);
      return NULL;
    }
  if (header.file_size != size)
    {
      g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT, size);
      g_autofree char *expected_text = g_strdup_printf ("%" G_GUINT64_FORMAT, header.file_size);

      g_set_error (error, LECTERN_FILTER_CACHE_ERROR, LECTERN_FILTER_CACHE_ERROR_TRUNCATED,
                   /* Translators: both %s are numbers of bytes */
                   _("The filter cache has %s bytes instead of %s"), size_text, expected_text);
      return NULL;
    }
  if (verify && checksum (data + sizeof header, size - sizeof header) != header.checksum)
    {
      g_set_error_literal (error, LECTERN_FILTER_CACHE_ERROR, LECTERN_FILTER_CACHE_ERROR_CHECKSUM,
                           _("The filter cache is damaged (wrong checksum)"));
      return NULL;
    }
  if (key != NULL && (strlen (key) != KEY_LENGTH || memcmp (header.key, key, KEY_LENGTH) != 0))
    {
      g_set_error_literal (error, LECTERN_FILTER_CACHE_ERROR, LECTERN_FILTER_CACHE_ERROR_STALE,
                           _("The filter cache was built from other lists"));
      return NULL;
    }

  image = g_bytes_new_from_bytes (bytes, sizeof header, size - sizeof header);
  engine = lectern_filter_engine_new_from_image (image, verify, &local_error);
  if (engine == NULL)
    {
      g_set_error (error, LECTERN_FILTER_CACHE_ERROR, LECTERN_FILTER_CACHE_ERROR_CHECKSUM,
                   "%s", local_error->message);
      return NULL;
    }

  return engine;
}

/* Whether @name is "filters-v<digits>.bin", a cache of some format, and
 * which. */
static gboolean
parse_cache_name (const char *name,
                  guint64    *format)
{
  const char *p;
  char *end;

  if (!g_str_has_prefix (name, "filters-v"))
    return FALSE;
  p = name + strlen ("filters-v");
  if (!g_ascii_isdigit (*p))
    return FALSE;

  *format = g_ascii_strtoull (p, &end, 10);

  return g_str_equal (end, ".bin");
}

/* Removes the caches of older formats beside @path: an update leaves the
 * old one behind, megabytes that nothing will read again and that the
 * lists rebuild. A newer format's is a newer Lectern's, which may run
 * again: it is kept, and its name added to @newer. Only files named as
 * caches are touched, and only when @path is named as one. */
static void
sweep_other_formats (const char *path,
                     GPtrArray  *newer)
{
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint64 own;
  guint64 format;

  if (!parse_cache_name (base, &own))
    return;

  dir = g_dir_open (dir_name, 0, NULL);
  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *other = NULL;

      if (g_str_equal (name, base) || !parse_cache_name (name, &format))
        continue;
      other = g_build_filename (dir_name, name, NULL);
      if (format > own)
        g_ptr_array_add (newer, g_steal_pointer (&other));
      else if (g_unlink (other) != 0)
        g_debug ("Cannot remove the old filter cache %s: %s", other, g_strerror (errno));
    }
}

/* Says why the cache at @path could not be used as it is, and whether a
 * new one may be written there. A cache that is not there yet needs no
 * word; neither does one whose folder cannot exist, which the writing
 * will tell. */
static gboolean
note_unusable (const char   *path,
               const GError *error,
               GString      *notes)
{
  g_autoptr(GError) kind_error = NULL;
  g_autofree char *note = NULL;

  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
    return TRUE;

  /* Something else stands there (a folder, a pipe): it is left alone, and
   * replacing it would delete it. */
  if (!lectern_profile_file_check (path, NULL, NULL, &kind_error))
    {
      /* Translators: %s says what stands in the file's place, naming it */
      note = g_strdup_printf (_("The filter cache cannot be used: %s. Each page’s process reads the filter lists "
                                "itself, which is slower; move it away, then start Lectern again."),
                              kind_error->message);
      add_note (notes, note);
      return FALSE;
    }

  /* Translators: the first %s is a file, the second an error message */
  note = g_strdup_printf (_("The filter cache “%s” was rebuilt: %s"), path, error->message);
  add_note (notes, note);

  return TRUE;
}

/**
 * lectern_filter_cache_ensure:
 * @path: the cache file
 * @sources: the lists
 * @n_sources: how many
 * @key: (out) (optional) (transfer full): the lists' key
 * @message: (out) (optional) (nullable) (transfer full): what the reader
 *   should know: a cache that was there but could not be used (and why),
 *   or cannot be kept, a list that is left out or holds no rules
 * @error: return location for a #GError
 *
 * Loads the cache at @path if it was built from @sources as they are now;
 * else builds an engine from the lists and writes it to @path. Failing to
 * write the cache is only a message: the engine still works. So is
 * something other than a file at @path, which is left as it is. Caches of
 * older formats beside @path ("filters-v7.bin" beside "filters-v9.bin")
 * are removed; those of newer formats are kept. Slow (reads and hashes
 * the lists): run it in a thread.
 *
 * Returns: (transfer full) (nullable): the engine, or %NULL when no list
 *   could be read
 */
LecternFilterEngine *
lectern_filter_cache_ensure (const char                 *path,
                             const LecternFilterSource  *sources,
                             guint                       n_sources,
                             char                      **key,
                             char                      **message,
                             GError                    **error)
{
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autofree char *lists_key = NULL;
  gboolean built = FALSE;
  /* Whether the cache at @path is in use: loaded, or written. */
  gboolean kept = TRUE;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  lists_key = lectern_filter_cache_compute_key (sources, n_sources);
  note_lists (sources, n_sources, notes);

  engine = lectern_filter_cache_load (path, lists_key, TRUE, &load_error);
  if (engine == NULL)
    {
      gboolean writable = note_unusable (path, load_error, notes);

      engine = lectern_filter_cache_build (sources, n_sources, error);
      if (engine == NULL)
        return NULL;
      built = TRUE;

      kept = writable && lectern_filter_cache_write (engine, path, lists_key, &write_error);
      if (write_error != NULL)
        {
          g_autofree char *note = NULL;

          /* Translators: %s says why, naming the file or its folder */
          note = g_strdup_printf (_("The filter cache cannot be kept: %s. Each page’s process reads the filter "
                                    "lists itself, which is slower."), write_error->message);
          add_note (notes, note);
        }
    }

  if (kept)
    sweep_other_formats (path, newer);

  /* Said once, when this version built its own cache beside the other. */
  for (guint i = 0; built && i < newer->len; i++)
    {
      g_autofree char *note = NULL;

      /* Translators: the first %s is a file of a newer version, the second this version's */
      note = g_strdup_printf (_("“%s”, a filter cache of a newer version of Lectern, was left as it is; this "
                                "version keeps its own in “%s”."),
                              (const char *) g_ptr_array_index (newer, i), path);
      add_note (notes, note);
    }

  if (key != NULL)
    *key = g_steal_pointer (&lists_key);
  if (message != NULL)
    *message = notes->len > 0 ? g_strdup (notes->str) : NULL;

  return g_steal_pointer (&engine);
}
