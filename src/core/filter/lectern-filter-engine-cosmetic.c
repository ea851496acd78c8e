/* lectern-filter-engine-cosmetic.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine-private.h"

#include <string.h>

/* Element-hiding rules, kept per domain for the page side: entries sorted
 * by the hash of their domain (0 for rules that apply everywhere), looked
 * up by each suffix of the page's host. Never read on the request path. */

void
_lectern_filter_engine_add_cosmetic (LecternFilterEngine *self,
                                     LecternFilterParsed *parsed)
{
  const char *domains = parsed->cosmetic_domains->str;
  guint32 selector = append_string (self->cosmetic_strings, parsed->selector->str, parsed->selector->len);
  gboolean any_positive = FALSE;

  while (*domains != '\0')
    {
      gsize len = strcspn (domains, ",");
      gboolean negated = domains[0] == '~';
      const char *name = negated ? domains + 1 : domains;
      gsize name_len = negated ? len - 1 : len;

      if (name_len > 0)
        {
          g_autofree char *lower = g_ascii_strdown (name, name_len);
          Cosmetic entry = {
            hash_token (lower, name_len),
            append_string (self->cosmetic_strings, lower, name_len),
            selector,
            parsed->cosmetic_flags | (negated ? LECTERN_FILTER_COSMETIC_NEGATED : 0),
          };

          g_array_append_val (self->cosmetic, entry);
          any_positive |= !negated;
        }

      domains += len;
      if (*domains == ',')
        domains++;
    }

  /* No domain, or only excluded ones: the rule applies everywhere else. */
  if (!any_positive)
    {
      Cosmetic entry = { 0, 0, selector, parsed->cosmetic_flags };

      g_array_append_val (self->cosmetic, entry);
    }
}

static gboolean
cosmetic_entry_applies (LecternFilterEngine *self,
                        const Cosmetic      *entry,
                        const char          *domain,
                        gsize                domain_len)
{
  const char *name = self->image_cosmetic_strings + entry->domain;

  return strlen (name) == domain_len && memcmp (name, domain, domain_len) == 0;
}

static void
collect_cosmetic (LecternFilterEngine *self,
                  guint32              hash,
                  const char          *domain,
                  gsize                domain_len,
                  GPtrArray           *selectors,
                  GHashTable          *excluded)
{
  const Cosmetic *entries = self->image_cosmetic;
  guint32 lo = 0;
  guint32 hi = self->header->n_cosmetic;

  while (lo < hi)
    {
      guint32 mid = lo + (hi - lo) / 2;

      if (entries[mid].hash < hash)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint32 i = lo; i < self->header->n_cosmetic && entries[i].hash == hash; i++)
    {
      const char *selector = self->image_cosmetic_strings + entries[i].selector;

      if (hash != 0 && !cosmetic_entry_applies (self, &entries[i], domain, domain_len))
        continue;

      if (entries[i].flags & (LECTERN_FILTER_COSMETIC_EXCEPTION | LECTERN_FILTER_COSMETIC_NEGATED))
        g_hash_table_add (excluded, (gpointer) selector);
      else if (!(entries[i].flags & LECTERN_FILTER_COSMETIC_EXTENDED))
        g_ptr_array_add (selectors, (gpointer) selector);
    }
}

/**
 * lectern_filter_engine_dup_selectors:
 * @self: an engine
 * @host: the page's host, lower case
 * @generic: whether to include the rules that apply on every site
 *
 * The element-hiding selectors (## rules) that apply on @host, less those
 * an exception (#@#) or an excluded domain takes out there. Procedural,
 * style and scriptlet rules are kept but not returned here. Not for the
 * request path: this allocates.
 *
 * Returns: (transfer container) (element-type utf8): selectors, borrowed
 *   from the engine
 */
GPtrArray *
lectern_filter_engine_dup_selectors (LecternFilterEngine *self,
                                     const char          *host,
                                     gboolean             generic)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GHashTable) excluded = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *selectors = g_ptr_array_new ();
  const char *suffix;
  gsize host_len;

  g_return_val_if_fail (self != NULL, selectors);
  g_return_val_if_fail (host != NULL, selectors);

  _lectern_filter_engine_compile (self);

  if (generic)
    collect_cosmetic (self, 0, NULL, 0, found, excluded);

  host_len = strlen (host);
  suffix = _lectern_filter_public_suffix_of (host);

  for (const char *d = host; d != NULL && *d != '\0';)
    {
      gsize len = host_len - (d - host);
      const char *dot = strchr (d, '.');

      collect_cosmetic (self, hash_token (d, len), d, len, found, excluded);

      /* "example.*" names example.com, example.co.uk and so on. */
      if (*suffix != '\0' && len > strlen (suffix) + 1 &&
          strcmp (d + len - strlen (suffix), suffix) == 0 &&
          d[len - strlen (suffix) - 1] == '.')
        {
          g_autofree char *entity = g_strdup_printf ("%.*s.*", (int) (len - strlen (suffix) - 1), d);

          collect_cosmetic (self, hash_token (entity, strlen (entity)), entity, strlen (entity),
                            found, excluded);
        }

      d = dot != NULL ? dot + 1 : NULL;
    }

  for (guint i = 0; i < found->len; i++)
    {
      if (!g_hash_table_contains (excluded, g_ptr_array_index (found, i)))
        g_ptr_array_add (selectors, g_ptr_array_index (found, i));
    }

  return selectors;
}
