/* lectern-filter-engine.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine.h"

#include "lectern-filter-engine-private.h"

#include <glib/gi18n-lib.h>

/* The engine reads rules into a builder (lectern-filter-engine-build.c),
 * then compiles them into one flat image (lectern-filter-engine-compile.c):
 * fixed-size rule records ordered by the token that indexes them, an
 * open-addressing table from token hash to each run of rules, and the
 * strings they point into. Matching (lectern-filter-engine-match.c) reads
 * only the image, so the same code runs on an image built here and on one
 * mapped from the cache file (lectern-filter-cache.c), which every web
 * process shares (lectern-filter-engine-image.c). This file makes and
 * frees engines and tells what they hold. */

G_DEFINE_QUARK (lectern-filter-error-quark, lectern_filter_error)

/**
 * lectern_filter_skip_reason_to_string:
 * @reason: why rules were left out
 *
 * Returns: a short phrase for @reason, translated
 */
const char *
lectern_filter_skip_reason_to_string (LecternFilterSkipReason reason)
{
  switch (reason)
    {
    case LECTERN_FILTER_SKIP_UNKNOWN_OPTION:
      return _("unknown option");
    case LECTERN_FILTER_SKIP_MODIFIER:
      return _("changes requests ($csp, $removeparam, …)");
    case LECTERN_FILTER_SKIP_COSMETIC_EXCEPTION:
      return _("element-hiding exception");
    case LECTERN_FILTER_SKIP_POPUP:
      return _("popups only");
    case LECTERN_FILTER_SKIP_NO_TYPE:
      return _("applies to no request");
    case LECTERN_FILTER_SKIP_DOMAIN:
      return _("unusable domain");
    case LECTERN_FILTER_SKIP_REGEX:
      return _("broken regular expression");
    case LECTERN_FILTER_SKIP_TOO_LONG:
      return _("too long");
    case LECTERN_FILTER_SKIP_BADFILTER:
      return _("$badfilter");
    case LECTERN_FILTER_SKIP_DISABLED:
      return _("taken out by $badfilter");
    case LECTERN_FILTER_SKIP_METHOD:
      return _("depends on the request method");
    default:
      return _("unknown reason");
    }
}

/**
 * lectern_filter_stats_to_string:
 * @stats: what an engine read
 *
 * Returns: (transfer full): one line such as "102 770 rules, 1 204 skipped
 *   (980 changes requests, …), 50 012 cosmetic", for reports
 */
char *
lectern_filter_stats_to_string (const LecternFilterStats *stats)
{
  GString *out = g_string_new (NULL);
  gboolean first = TRUE;

  g_return_val_if_fail (stats != NULL, NULL);

  /* Translators: counts of filter-list rules */
  g_string_append_printf (out, _("%u rules, %u skipped"), stats->rules, stats->skipped);
  for (guint r = 0; r < LECTERN_FILTER_N_SKIP_REASONS; r++)
    {
      if (stats->skipped_by[r] == 0)
        continue;
      g_string_append (out, first ? " (" : ", ");
      g_string_append_printf (out, "%u %s", stats->skipped_by[r],
                              lectern_filter_skip_reason_to_string (r));
      first = FALSE;
    }
  if (!first)
    g_string_append_c (out, ')');
  /* Translators: counts of filter-list lines, after the counts of rules */
  g_string_append_printf (out, _(", %u cosmetic, %u invalid"), stats->cosmetic, stats->invalid);

  return g_string_free (out, FALSE);
}

static LecternFilterEngine *
engine_alloc (void)
{
  LecternFilterEngine *self = g_new0 (LecternFilterEngine, 1);

  g_mutex_init (&self->regex_lock);
  self->regexes = g_hash_table_new_full (NULL, NULL, NULL, _lectern_filter_compiled_regex_free);

  return self;
}

/**
 * lectern_filter_engine_new:
 *
 * Returns: (transfer full): an engine with no rules
 */
LecternFilterEngine *
lectern_filter_engine_new (void)
{
  LecternFilterEngine *self = engine_alloc ();

  self->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  self->cosmetic = g_array_new (FALSE, FALSE, sizeof (Cosmetic));
  /* Offset 0 is the empty string: "no domains". */
  self->strings = g_string_sized_new (64 * 1024);
  g_string_append_c (self->strings, '\0');
  self->cosmetic_strings = g_string_sized_new (64 * 1024);
  g_string_append_c (self->cosmetic_strings, '\0');
  self->badfilters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = TRUE;

  return self;
}

/**
 * lectern_filter_engine_new_from_image:
 * @image: an image from lectern_filter_engine_dup_image(), for example
 *   mapped from a file
 * @verify: whether to check every record, not only the layout
 * @error: return location for a #GError
 *
 * Makes an engine that matches straight from @image, without copying it;
 * the engine takes no more rules. The layout is always checked. With
 * @verify, so is every offset in every record, so that a damaged image
 * fails with %LECTERN_FILTER_ERROR_CORRUPT rather than misbehaving; that
 * reads the whole image, which a web process loading a cache the UI
 * process has just verified does not need to do.
 *
 * Returns: (transfer full) (nullable): the engine, or %NULL
 */
LecternFilterEngine *
lectern_filter_engine_new_from_image (GBytes    *image,
                                      gboolean   verify,
                                      GError   **error)
{
  LecternFilterEngine *self;
  const ImageHeader *header;

  g_return_val_if_fail (image != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_lectern_filter_engine_check_image (image, verify, error))
    return NULL;

  header = g_bytes_get_data (image, NULL);
  self = engine_alloc ();
  self->read_only = TRUE;
  self->stats = header->stats;
  _lectern_filter_engine_set_image (self, g_bytes_ref (image));

  return self;
}

/**
 * lectern_filter_engine_free:
 * @self: (nullable): an engine
 */
void
lectern_filter_engine_free (LecternFilterEngine *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->regexes, g_hash_table_unref);
  g_mutex_clear (&self->regex_lock);
  g_clear_pointer (&self->image, g_bytes_unref);
  if (self->rules != NULL)
    g_array_unref (self->rules);
  if (self->cosmetic != NULL)
    g_array_unref (self->cosmetic);
  if (self->strings != NULL)
    g_string_free (self->strings, TRUE);
  if (self->cosmetic_strings != NULL)
    g_string_free (self->cosmetic_strings, TRUE);
  g_clear_pointer (&self->badfilters, g_hash_table_unref);
  g_free (self);
}

/**
 * lectern_filter_engine_get_size:
 * @self: an engine
 *
 * Returns: the bytes the engine's index and builder take
 */
gsize
lectern_filter_engine_get_size (LecternFilterEngine *self)
{
  gsize size;

  g_return_val_if_fail (self != NULL, 0);

  _lectern_filter_engine_compile (self);

  size = sizeof *self + g_bytes_get_size (self->image);
  if (self->rules != NULL)
    size += self->rules->len * sizeof (Rule) + self->strings->allocated_len +
            self->cosmetic->len * sizeof (Cosmetic) + self->cosmetic_strings->allocated_len;

  return size;
}

/**
 * lectern_filter_engine_get_stats:
 * @self: an engine
 *
 * Returns: (transfer none): what the engine has read so far
 */
const LecternFilterStats *
lectern_filter_engine_get_stats (LecternFilterEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  _lectern_filter_engine_compile (self);

  return &self->stats;
}
