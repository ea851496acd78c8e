/* lectern-filter-engine-image.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The engine's image, the one block matching reads: handed out to be
 * written to the cache file, checked when it comes back from there (a
 * file every web process maps, which may be damaged or of another
 * build), and pointed into by the engine's views. Laying it out is
 * compiling (lectern-filter-engine-compile.c). */

static gboolean
section_fits (gsize   size,
              guint32 offset,
              gsize   count,
              gsize   item_size)
{
  return offset % 4 == 0 && offset <= size && count <= (size - offset) / item_size;
}

/* Whether each section of the image lies inside it. */
static gboolean
sections_fit (const ImageHeader *header,
              gsize              size)
{
  return section_fits (size, header->rules_offset, header->n_rules, sizeof (Rule)) &&
         section_fits (size, header->slots_offset, header->n_slots, sizeof (Slot)) &&
         section_fits (size, header->filter_offset, header->n_filter_words, sizeof (guint64)) &&
         section_fits (size, header->domain_slots_offset, header->n_domain_slots, sizeof (DomainSlot)) &&
         section_fits (size, header->domain_ids_offset, header->n_domain_ids, sizeof (guint32)) &&
         section_fits (size, header->page_exceptions_offset, header->n_page_exceptions, sizeof (guint32)) &&
         section_fits (size, header->host_slots_offset, header->n_host_slots, sizeof (HostSlot)) &&
         section_fits (size, header->domain_sets_offset, header->n_domain_sets, sizeof (DomainSet)) &&
         section_fits (size, header->domain_set_entries_offset, header->n_domain_set_entries,
                       sizeof (DomainSetEntry)) &&
         section_fits (size, header->cosmetic_offset, header->n_cosmetic, sizeof (Cosmetic)) &&
         section_fits (size, header->strings_offset, header->strings_len, 1) &&
         section_fits (size, header->cosmetic_strings_offset, header->cosmetic_strings_len, 1);
}

/* Whether the counts are ones the tables can have: the hash tables a
 * power of two with room to end a probe, the strings ended by a nul. */
static gboolean
counts_fit (const guint8      *data,
            const ImageHeader *header)
{
  return header->n_slots >= 16 && (header->n_slots & (header->n_slots - 1)) == 0 &&
         header->n_filter_words >= 8 && (header->n_filter_words & (header->n_filter_words - 1)) == 0 &&
         header->filter_offset % 8 == 0 &&
         header->n_host_slots >= 16 && (header->n_host_slots & (header->n_host_slots - 1)) == 0 &&
         header->host_slots_offset % 8 == 0 && header->n_host_rules < header->n_host_slots &&
         (header->n_domain_slots == 0 || (header->n_domain_slots >= 16 &&
                                          (header->n_domain_slots & (header->n_domain_slots - 1)) == 0)) &&
         header->n_untokenized <= header->n_rules &&
         header->strings_len != 0 && header->cosmetic_strings_len != 0 &&
         data[header->strings_offset + header->strings_len - 1] == '\0' &&
         data[header->cosmetic_strings_offset + header->cosmetic_strings_len - 1] == '\0';
}

/* What is wrong with the layout of @data, of @size bytes, or NULL: what
 * every load checks, as it costs nothing whatever the image's size. */
static const char *
check_layout (const guint8 *data,
              gsize         size)
{
  const ImageHeader *header = (const ImageHeader *) (gconstpointer) data;

  if (data == NULL || ((guintptr) data) % 8 != 0 || size < sizeof (ImageHeader))
    return "too short";
  if (header->magic != IMAGE_MAGIC || header->version != LECTERN_FILTER_ENGINE_FORMAT_VERSION)
    return "another format";
  if (header->size != size)
    return "wrong size";
  if (!sections_fit (header, size))
    return "section out of bounds";
  if (!counts_fit (data, header))
    return "bad counts";

  return NULL;
}

/* Whether the run of @count items from @start lies within @limit items. */
static gboolean
range_fits (guint32 start,
            guint32 count,
            guint32 limit)
{
  return start <= limit && count <= limit - start;
}

/* Whether each of the @n indices at @indices is below @limit. */
static gboolean
indices_fit (const guint32 *indices,
             guint32        n,
             guint32        limit)
{
  for (guint32 i = 0; i < n; i++)
    {
      if (indices[i] >= limit)
        return FALSE;
    }

  return TRUE;
}

static const char *
check_rules (const guint8      *data,
             const ImageHeader *header)
{
  const Rule *rules = (const Rule *) (gconstpointer) (data + header->rules_offset);

  for (guint32 i = 0; i < header->n_rules; i++)
    {
      const Rule *rule = &rules[i];

      /* In 64 bits: text and distance may add up past 32. */
      guint64 pattern = (guint64) rule->text + rule->pattern_at;
      guint64 domains = (guint64) rule->text + rule->domains_at;

      if (rule->text >= header->strings_len ||
          pattern > header->strings_len ||
          rule->pattern_len > header->strings_len - pattern ||
          domains >= header->strings_len ||
          ((rule->flags & (LECTERN_FILTER_RULE_DOMAINS | LECTERN_FILTER_RULE_TO_DOMAINS)) ==
           (LECTERN_FILTER_RULE_DOMAINS | LECTERN_FILTER_RULE_TO_DOMAINS) &&
           rule->domains_at != 0 &&
           domains + strlen ((const char *) data + header->strings_offset + domains) + 1 >=
           header->strings_len))
        return "rule out of bounds";
    }

  return NULL;
}

static const char *
check_token_table (const guint8      *data,
                   const ImageHeader *header)
{
  const Slot *slots = (const Slot *) (gconstpointer) (data + header->slots_offset);

  for (guint32 i = 0; i < header->n_slots; i++)
    {
      if (slots[i].hash == 0 ? slots[i].range != 0 :
          !range_fits (SLOT_START (&slots[i]), SLOT_COUNT (&slots[i]), header->n_rules))
        return "token out of bounds";
    }
  /* An open-addressing table needs an empty slot to end each probe. */
  if (header->n_slots > 0 && slots[header->n_slots - 1].hash != 0)
    {
      gboolean any_empty = FALSE;

      for (guint32 i = 0; i < header->n_slots && !any_empty; i++)
        any_empty = slots[i].hash == 0;
      if (!any_empty)
        return "full token table";
    }

  return NULL;
}

/* The rules found by the page's host. */
static const char *
check_domain_index (const guint8      *data,
                    const ImageHeader *header)
{
  const DomainSlot *domain_slots = (const DomainSlot *) (gconstpointer) (data + header->domain_slots_offset);
  const guint32 *domain_ids = (const guint32 *) (gconstpointer) (data + header->domain_ids_offset);

  for (guint32 i = 0; i < header->n_domain_slots; i++)
    {
      if (domain_slots[i].hash != 0 &&
          !range_fits (domain_slots[i].start, domain_slots[i].count, header->n_domain_ids))
        return "domain out of bounds";
    }
  if (!indices_fit (domain_ids, header->n_domain_ids, header->n_rules))
    return "domain rule out of bounds";

  return NULL;
}

static const char *
check_host_table (const guint8      *data,
                  const ImageHeader *header)
{
  const HostSlot *host_slots = (const HostSlot *) (gconstpointer) (data + header->host_slots_offset);
  guint32 n_used = 0;

  for (guint32 i = 0; i < header->n_host_slots; i++)
    {
      if (host_slots[i] == 0)
        continue;
      if ((host_slots[i] & HOST_SLOT_LIST_MASK) == 0 ||
          (host_slots[i] & HOST_SLOT_LIST_MASK) - 1 > LECTERN_FILTER_LIST_OTHER)
        return "host rule out of bounds";
      n_used++;
    }
  /* A probe ends at an empty slot. */
  if (n_used >= header->n_host_slots)
    return "full host table";

  return NULL;
}

/* The sets, their entries, and the rules' markers that name them. */
static const char *
check_domain_sets (const guint8      *data,
                   const ImageHeader *header)
{
  const DomainSet *sets = (const DomainSet *) (gconstpointer) (data + header->domain_sets_offset);
  const DomainSetEntry *entries = (const DomainSetEntry *) (gconstpointer) (data + header->domain_set_entries_offset);
  const Rule *rules = (const Rule *) (gconstpointer) (data + header->rules_offset);
  const char *strings = (const char *) data + header->strings_offset;

  for (guint32 i = 0; i < header->n_domain_sets; i++)
    {
      if (!range_fits (sets[i].start, sets[i].count, header->n_domain_set_entries))
        return "domain set out of bounds";
    }
  for (guint32 i = 0; i < header->n_domain_set_entries; i++)
    {
      guint32 name = entries[i].name & DOMAIN_ENTRY_NAME_MASK;

      /* The strings end in a nul, so a name ends before them. */
      if (name >= header->strings_len ||
          ((entries[i].name & DOMAIN_ENTRY_ENTITY) && strcspn (strings + name, "|,") < 2))
        return "domain set entry out of bounds";
    }
  for (guint32 i = 0; i < header->n_rules; i++)
    {
      guint32 id;

      if (rules[i].domains_at == 0 || strings[rule_domains (&rules[i])] != DOMAIN_SET_MARKER)
        continue;
      if ((guint64) rule_domains (&rules[i]) + 1 + sizeof id >= header->strings_len)
        return "domain set marker out of bounds";
      memcpy (&id, strings + rule_domains (&rules[i]) + 1, sizeof id);
      if (id >= header->n_domain_sets)
        return "domain set index out of bounds";
    }

  return NULL;
}

static const char *
check_page_exceptions (const guint8      *data,
                       const ImageHeader *header)
{
  const guint32 *page_exceptions = (const guint32 *) (gconstpointer) (data + header->page_exceptions_offset);

  if (!indices_fit (page_exceptions, header->n_page_exceptions, header->n_rules))
    return "page exception out of bounds";

  return NULL;
}

static const char *
check_cosmetic (const guint8      *data,
                const ImageHeader *header)
{
  const Cosmetic *cosmetic = (const Cosmetic *) (gconstpointer) (data + header->cosmetic_offset);

  for (guint32 i = 0; i < header->n_cosmetic; i++)
    {
      if (cosmetic[i].domain >= header->cosmetic_strings_len ||
          cosmetic[i].selector >= header->cosmetic_strings_len)
        return "cosmetic rule out of bounds";
    }

  return NULL;
}

/* What is wrong with a record of @data, whose layout is right, or NULL:
 * every offset of every record is read, so that matching never reads
 * outside the image. */
static const char *
check_records (const guint8 *data)
{
  static const char * (* const checks[]) (const guint8 *, const ImageHeader *) = {
    check_rules,
    check_token_table,
    check_domain_index,
    check_host_table,
    check_domain_sets,
    check_page_exceptions,
    check_cosmetic,
  };
  const ImageHeader *header = (const ImageHeader *) (gconstpointer) data;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      const char *problem = checks[i] (data, header);

      if (problem != NULL)
        return problem;
    }

  return NULL;
}

/* Checks @image for lectern_filter_engine_new_from_image(): its layout
 * always, every record too with @verify. */
gboolean
_lectern_filter_engine_check_image (GBytes    *image,
                                    gboolean   verify,
                                    GError   **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (image, &size);
  const char *problem = check_layout (data, size);

  if (problem == NULL && verify)
    problem = check_records (data);

  if (problem != NULL)
    {
      g_set_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_CORRUPT,
                   /* Translators: %s says what is wrong, in English */
                   _("The compiled filter index is damaged (%s)"), problem);
      return FALSE;
    }

  return TRUE;
}

/* Makes @image, checked or just compiled, the one @self matches with, and
 * takes it. */
void
_lectern_filter_engine_set_image (LecternFilterEngine *self,
                                  GBytes              *image)
{
  static guint last_serial;
  const guint8 *data = g_bytes_get_data (image, NULL);
  guint serial;

  /* Zero stands for no image in the caches keyed by the serial. */
  do
    serial = (guint) g_atomic_int_add ((gint *) &last_serial, 1) + 1;
  while (serial == 0);

  g_clear_pointer (&self->image, g_bytes_unref);
  self->image_serial = serial;
  g_mutex_lock (&self->regex_lock);
  g_hash_table_remove_all (self->regexes);
  g_mutex_unlock (&self->regex_lock);

  self->image = image;
  self->header = (const ImageHeader *) (gconstpointer) data;
  self->image_rules = (const Rule *) (gconstpointer) (data + self->header->rules_offset);
  self->untokenized_types = 0;
  for (guint32 i = 0; i < self->header->n_untokenized; i++)
    self->untokenized_types |= self->image_rules[i].types & RULE_TYPES_MASK;
  self->slots = (const Slot *) (gconstpointer) (data + self->header->slots_offset);
  self->slot_mask = self->header->n_slots - 1;
  self->slot_shift = index_shift (self->header->n_slots);
  self->filter = (const guint64 *) (gconstpointer) (data + self->header->filter_offset);
  self->filter_shift = index_shift (self->header->n_filter_words);
  self->domain_slots = (const DomainSlot *) (gconstpointer) (data + self->header->domain_slots_offset);
  self->domain_ids = (const guint32 *) (gconstpointer) (data + self->header->domain_ids_offset);
  self->page_exceptions = (const guint32 *) (gconstpointer) (data + self->header->page_exceptions_offset);
  self->host_slots = (const HostSlot *) (gconstpointer) (data + self->header->host_slots_offset);
  self->host_mask = self->header->n_host_slots - 1;
  self->domain_sets = (const DomainSet *) (gconstpointer) (data + self->header->domain_sets_offset);
  self->domain_set_entries = (const DomainSetEntry *) (gconstpointer) (data + self->header->domain_set_entries_offset);
  self->image_cosmetic = (const Cosmetic *) (gconstpointer) (data + self->header->cosmetic_offset);
  self->image_strings = (const char *) data + self->header->strings_offset;
  self->image_cosmetic_strings = (const char *) data + self->header->cosmetic_strings_offset;
}

/**
 * lectern_filter_engine_dup_image:
 * @self: an engine
 *
 * The compiled index, for lectern_filter_engine_new_from_image(). It is
 * only good for an engine of the same build (see
 * %LECTERN_FILTER_ENGINE_FORMAT_VERSION) on a machine of the same byte
 * order.
 *
 * Returns: (transfer full): the image
 */
GBytes *
lectern_filter_engine_dup_image (LecternFilterEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  _lectern_filter_engine_compile (self);

  return g_bytes_ref (self->image);
}
