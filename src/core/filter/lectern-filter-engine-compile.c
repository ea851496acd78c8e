/* lectern-filter-engine-compile.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine-private.h"

#include <string.h>

/* Compiling the builder's rules into the flat image that matching reads:
 * each rule gets the token that indexes it, rules are ordered by token,
 * and the token table, its filter and the index of rules found by the
 * page's host are laid out after them. */

static void
filter_set (guint64 *filter,
            guint    shift,
            guint32  hash,
            guchar   after)
{
  guint64 *word = &filter[filter_word (hash, shift)];

  /* A rule that wants no byte after its token (a few dozen in EasyList
   * and EasyPrivacy) sets its word's every bit, whatever byte a URL has
   * there: a URL's token tests one bit, not also one for "none". */
  if (after == 0)
    *word = G_MAXUINT64;
  else
    *word |= G_GUINT64_CONSTANT (1) << filter_word_bit (filter_mix (hash), after);
}

typedef struct
{
  guint32 token;
  guint32 index;
  guint32 token_offset;
  /* The bytes a URL must hold around the token, and which of them are
   * set (see Rule); 0 when none is known. */
  guint64 check;
  guint8  check_bytes;
  /* 0: tried for every request, 1: found by the page's host, 2: by token. */
  guint32 klass;
  /* Where the rule's text goes in the image's strings. */
  guint32 text;
  /* Its domains_at there, when its list became a set; else 0. */
  guint32 domains_at;
} Order;

typedef struct
{
  guint32 hash;
  guint32 rule;
} DomainEntry;

static int
compare_domain_entry (gconstpointer a,
                      gconstpointer b)
{
  const DomainEntry *x = a;
  const DomainEntry *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;

  return x->rule < y->rule ? -1 : (x->rule > y->rule);
}

/* Whether a rule's page domains are all plain, included domains, so that
 * the rule can be found by the page's host. */
static gboolean
has_plain_domains (const Rule *rule,
                   const char *strings)
{
  const char *list = strings + rule_domains (rule);

  if (!(rule->flags & LECTERN_FILTER_RULE_DOMAINS) || *list == '\0')
    return FALSE;

  for (const char *p = list; *p != '\0' && *p != ','; p++)
    {
      if (*p == '~' || *p == '*')
        return FALSE;
    }

  return TRUE;
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  const Order *x = a;
  const Order *y = b;

  if (x->klass != y->klass)
    return x->klass < y->klass ? -1 : 1;

  if (x->token != y->token)
    return x->token < y->token ? -1 : 1;

  /* A bucket's rules by the first two bytes they want after the token,
   * as a number, those that want none first: consider_token_range()
   * reads only the runs that want the URL's first byte alone and both. */
  if ((x->check & 0xffff) != (y->check & 0xffff))
    return (x->check & 0xffff) < (y->check & 0xffff) ? -1 : 1;

  return x->index < y->index ? -1 : (x->index > y->index);
}

static int
compare_cosmetic (gconstpointer a,
                  gconstpointer b)
{
  const Cosmetic *x = a;
  const Cosmetic *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;

  return x->selector < y->selector ? -1 : (x->selector > y->selector);
}

/* What the parser makes of a plain host rule: a rule with exactly these
 * types and flags, and a pattern that is a host and a '^', goes to the
 * host table (see HostSlot). */
static void
plain_host_rule_shape (guint *types,
                       guint *flags)
{
  LecternFilterParsed parsed;

  lectern_filter_parsed_init (&parsed);
  lectern_filter_parse_line ("||example.com^", strlen ("||example.com^"), &parsed, NULL);
  g_assert (parsed.kind == LECTERN_FILTER_LINE_RULE);
  *types = parsed.types;
  *flags = parsed.flags;
  lectern_filter_parsed_clear (&parsed);
}

/* Whether @rule is "||host^" and nothing else: the text itself is checked,
 * not only the parse, so that no option, however harmless, is dropped. */
static gboolean
is_plain_host_rule (const Rule *rule,
                    const char *strings,
                    guint       plain_types,
                    guint       plain_flags,
                    gsize      *host_len)
{
  const char *text = strings + rule->text;
  gsize len;

  if ((rule->types & RULE_TYPES_MASK) != plain_types ||
      (rule->flags & ~(RULE_LIST_MASK << RULE_LIST_SHIFT)) != plain_flags ||
      text[0] != '|' || text[1] != '|')
    return FALSE;

  len = strlen (text);
  if (len < 5 || text[len - 1] != '^' || text[2] == '.' || text[len - 2] == '.')
    return FALSE;

  for (gsize i = 2; i < len - 1; i++)
    {
      char c = text[i];

      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            (c == '.' && text[i + 1] != '.')))
        return FALSE;
    }

  *host_len = len - 3;
  return TRUE;
}

/* Adds @hash for a rule of @list; the first rule of a host wins, as it
 * would among rules of one token. */
static void
host_table_add (HostSlot              *table,
                guint32                mask,
                HostSlot               hash,
                LecternFilterListKind  list)
{
  guint32 i = (guint32) (hash >> HOST_SLOT_LIST_BITS) & mask;

  while (table[i] != 0)
    {
      if ((table[i] & ~HOST_SLOT_LIST_MASK) == hash)
        return;
      i = (i + 1) & mask;
    }
  table[i] = hash | ((HostSlot) list + 1);
}

static int
compare_domain_set_entry (gconstpointer a,
                          gconstpointer b)
{
  const DomainSetEntry *x = a;
  const DomainSetEntry *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;

  return x->name < y->name ? -1 : (x->name > y->name);
}

/* Turns @rule's long $domain= list into a set (see DomainSet), when it
 * has one. @old_start is where the rule's strings start in @old, and
 * @new_start where they were copied to in @strings. Returns the rule's
 * new domains_at, or 0 to keep its list as text. */
static guint32
add_domain_set (const Rule *rule,
                const char *old,
                guint32     old_start,
                guint32     old_end,
                GString    *strings,
                guint32     new_start,
                GArray     *sets,
                GArray     *entries)
{
  const char *list;
  const char *entry;
  guint n = 0;
  DomainSet set = { entries->len, 0, 0 };
  guint32 id = sets->len;
  guint32 marker;

  if (!(rule->flags & LECTERN_FILTER_RULE_DOMAINS) || (rule->flags & LECTERN_FILTER_RULE_TO_DOMAINS) ||
      rule->domains_at == 0)
    return 0;

  list = old + rule_domains (rule);
  /* Its strings are one run: the list is inside it. */
  if ((guint32) (list - old) < old_start || (guint32) (list - old) >= old_end)
    return 0;

  for (const char *p = list; *p != '\0' && *p != ','; p++)
    n += *p == '|';
  /* The record keeps the list's place in 16 bits (see Rule). */
  if (n + 1 < DOMAIN_SET_MIN_ENTRIES || strings->len - new_start > G_MAXUINT16)
    return 0;

  entry = list;
  while (*entry != '\0' && *entry != ',')
    {
      gboolean negated = *entry == '~';
      const char *name = negated ? entry + 1 : entry;
      gsize name_len = strcspn (name, "|,");
      gboolean entity = name_len > 2 && name[name_len - 1] == '*' && name[name_len - 2] == '.';
      DomainSetEntry e;

      e.hash = domain_set_hash (host_fingerprint (name, entity ? name_len - 2 : name_len));
      e.name = (new_start + (guint32) (name - (old + old_start))) |
               (negated ? DOMAIN_ENTRY_NEGATED : 0) | (entity ? DOMAIN_ENTRY_ENTITY : 0);
      g_array_append_val (entries, e);
      set.flags |= (negated ? 0 : DOMAIN_SET_HAS_POSITIVE) | (entity ? DOMAIN_SET_HAS_ENTITY : 0);

      entry = name + name_len;
      if (*entry == '|')
        entry++;
    }

  set.count = entries->len - set.start;
  qsort (&g_array_index (entries, DomainSetEntry, set.start), set.count, sizeof (DomainSetEntry),
         compare_domain_set_entry);
  g_array_append_val (sets, set);

  marker = strings->len;
  g_string_append_c (strings, DOMAIN_SET_MARKER);
  g_string_append_len (strings, (const char *) &id, sizeof id);
  g_string_append_c (strings, '\0');

  return marker - new_start;
}

static gsize
align8 (gsize n)
{
  return (n + 7) & ~(gsize) 7;
}

/* Compiles the builder into a new image. */
void
_lectern_filter_engine_compile (LecternFilterEngine *self)
{
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) frequency = NULL;
  g_autofree Order *order = NULL;
  const Rule *rules;
  guint n_built;
  guint n_rules = 0;
  guint n_untokenized = 0;
  guint n_tokens = 0;
  guint n_slots = 16;
  guint n_filter_words = 8;
  guint64 *filter;
  g_autoptr(GArray) domain_entries = NULL;
  guint n_domain_hashes = 0;
  guint n_domain_slots = 0;
  DomainSlot *domain_slots;
  guint32 *domain_ids;
  guint n_page_exceptions = 0;
  guint n_regex = 0;
  gsize size;
  guint8 *data;
  ImageHeader *header;
  Rule *out_rules;
  Slot *slots;
  guint32 *page_exceptions;
  Cosmetic *cosmetic;
  guint32 previous = 0;
  Slot *current = NULL;
  g_autoptr(GArray) host_rules = NULL;
  guint plain_types;
  guint plain_flags;
  guint n_host_slots = 16;
  HostSlot *host_slots;
  g_autoptr(GString) strings = NULL;
  g_autoptr(GArray) domain_sets = NULL;
  g_autoptr(GArray) domain_set_entries = NULL;

  if (!self->dirty)
    return;

  plain_host_rule_shape (&plain_types, &plain_flags);
  domain_sets = g_array_new (FALSE, FALSE, sizeof (DomainSet));
  domain_set_entries = g_array_new (FALSE, FALSE, sizeof (DomainSetEntry));
  host_rules = g_array_new (FALSE, FALSE, sizeof (guint32));

  counts = g_hash_table_new (NULL, NULL);
  frequency = _lectern_filter_count_tokens (self->strings->str, (const Rule *) (gpointer) self->rules->data, self->rules->len);
  rules = (const Rule *) (gpointer) self->rules->data;
  n_built = self->rules->len;
  order = g_new (Order, MAX (n_built, 1));

  for (guint i = 0; i < n_built; i++)
    {
      const Rule *rule = &rules[i];
      const char *pattern = self->strings->str + rule_pattern (rule);
      gsize start = 0;
      gsize key_len = 0;
      gboolean weak = FALSE;

      if (g_hash_table_size (self->badfilters) > 0 &&
          g_hash_table_contains (self->badfilters, self->strings->str + rule->text))
        continue;

      {
        gsize host_len;

        if (is_plain_host_rule (rule, self->strings->str, plain_types, plain_flags, &host_len))
          {
            g_array_append_val (host_rules, i);
            continue;
          }
      }

      if (rule->flags & LECTERN_FILTER_RULE_REGEX)
        n_regex++;
      order[n_rules].token = _lectern_filter_choose_token (self->strings->str, rule, counts, frequency,
                                                           &start, &key_len, &weak);
      /* A rule indexed by a token in nearly every URL ("https") but
       * limited to some sites is better found by the page's host. */
      if (weak && has_plain_domains (rule, self->strings->str))
        order[n_rules].token = 0;
      order[n_rules].klass = 0;
      order[n_rules].index = i;
      order[n_rules].token_offset = NO_TOKEN_OFFSET;
      order[n_rules].check = 0;
      order[n_rules].check_bytes = 0;
      if (order[n_rules].token != 0 && !(rule->flags & LECTERN_FILTER_RULE_REGEX))
        {
          /* The bytes after the token are the pattern's wherever the
           * match starts; where it starts, and so the bytes before the
           * token, are known only with no '*' before the token. */
          if (start < NO_TOKEN_OFFSET && memchr (pattern, '*', start) == NULL)
            order[n_rules].token_offset = start;
          order[n_rules].check = _lectern_filter_token_check (pattern, rule->pattern_len, start, start + key_len,
                                                              order[n_rules].token_offset != NO_TOKEN_OFFSET,
                                                              &order[n_rules].check_bytes);
        }
      if (rule->flags & LECTERN_FILTER_RULE_PAGE_EXCEPTION)
        n_page_exceptions++;
      n_rules++;
    }

  qsort (order, n_rules, sizeof (Order), compare_order);

  /* A run too long for its slot, or past what a slot can point to, goes
   * with the rules tried for every request: slower, never wrong. */
  {
    guint run_start = 0;

    for (guint i = 0; i <= n_rules; i++)
      {
        if (i < n_rules && order[i].token == order[run_start].token)
          continue;
        if (run_start < i && order[run_start].token != 0 &&
            (i - run_start > SLOT_MAX_COUNT || i > SLOT_MAX_START))
          {
            for (guint k = run_start; k < i; k++)
              {
                order[k].token = 0;
                order[k].token_offset = NO_TOKEN_OFFSET;
                order[k].check = 0;
                order[k].check_bytes = 0;
              }
          }
        run_start = i;
      }
    qsort (order, n_rules, sizeof (Order), compare_order);
  }

  for (guint i = 0; i < n_rules; i++)
    {
      if (order[i].token != 0)
        order[i].klass = 2;
      else
        order[i].klass = has_plain_domains (&rules[order[i].index], self->strings->str) ? 1 : 0;
    }
  qsort (order, n_rules, sizeof (Order), compare_order);

  n_untokenized = 0;
  n_tokens = 0;
  domain_entries = g_array_new (FALSE, FALSE, sizeof (DomainEntry));
  for (guint i = 0; i < n_rules; i++)
    {
      if (order[i].klass == 0)
        n_untokenized++;
      else if (order[i].klass == 1)
        {
          const char *entry = self->strings->str + rule_domains (&rules[order[i].index]);

          while (*entry != '\0' && *entry != ',')
            {
              gsize len = strcspn (entry, "|,");
              DomainEntry e = { hash_token (entry, len), i };

              g_array_append_val (domain_entries, e);
              entry += len;
              if (*entry == '|')
                entry++;
            }
        }
      else if (i == 0 || order[i].token != order[i - 1].token)
        n_tokens++;
    }
  g_array_sort (domain_entries, compare_domain_entry);
  for (guint i = 0; i < domain_entries->len; i++)
    {
      if (i == 0 || g_array_index (domain_entries, DomainEntry, i).hash !=
                    g_array_index (domain_entries, DomainEntry, i - 1).hash)
        n_domain_hashes++;
    }
  if (n_domain_hashes > 0)
    {
      n_domain_slots = 16;
      while (n_domain_slots < n_domain_hashes * 2)
        n_domain_slots *= 2;
    }

  /* Probes stay short up to two thirds full. */
  while (n_slots < n_tokens + n_tokens / 2)
    n_slots *= 2;

  /* Thirty-two bits a token: a token sets a bit for each byte its rules
   * want after it, and a URL's token tests one, so about nineteen in
   * twenty absent tokens stop there. With sixteen, one in eight went on
   * to the slot table: a read there is often a cache miss, and whether
   * it finds the token is a branch the processor cannot foresee. */
  while ((gsize) n_filter_words * 64 < (gsize) n_tokens * 32)
    n_filter_words *= 2;

  g_array_sort (self->cosmetic, compare_cosmetic);

  /* Probes stay short up to two thirds full here too. */
  while (n_host_slots < host_rules->len + host_rules->len / 2)
    n_host_slots *= 2;

  /* The image keeps the text of the rules in the token index only: a
   * rule's strings are one run, up to the next rule's text. */
  strings = g_string_sized_new (self->strings->len / 2);
  g_string_append_c (strings, '\0');
  for (guint i = 0; i < n_rules; i++)
    {
      guint32 index = order[i].index;
      guint32 start = rules[index].text;
      guint32 end = index + 1 < n_built ? rules[index + 1].text : self->strings->len;

      order[i].text = strings->len;
      g_string_append_len (strings, self->strings->str + start, end - start);
      order[i].domains_at = add_domain_set (&rules[index], self->strings->str, start, end,
                                            strings, order[i].text, domain_sets, domain_set_entries);
    }

  size = align8 (sizeof (ImageHeader));
  size += align8 ((gsize) n_rules * sizeof (Rule));
  size += align8 ((gsize) n_slots * sizeof (Slot));
  size += (gsize) n_filter_words * sizeof (guint64);
  size += align8 ((gsize) n_domain_slots * sizeof (DomainSlot));
  size += align8 ((gsize) domain_entries->len * sizeof (guint32));
  size += align8 ((gsize) n_page_exceptions * sizeof (guint32));
  size += (gsize) n_host_slots * sizeof (HostSlot);
  size += align8 ((gsize) domain_sets->len * sizeof (DomainSet));
  size += align8 ((gsize) domain_set_entries->len * sizeof (DomainSetEntry));
  size += align8 ((gsize) self->cosmetic->len * sizeof (Cosmetic));
  size += align8 (strings->len);
  size += align8 (self->cosmetic_strings->len);

  data = g_malloc0 (size);
  header = (ImageHeader *) data;
  header->magic = IMAGE_MAGIC;
  header->version = LECTERN_FILTER_ENGINE_FORMAT_VERSION;
  header->size = size;
  header->n_rules = n_rules;
  header->n_untokenized = n_untokenized;
  header->n_slots = n_slots;
  header->n_page_exceptions = n_page_exceptions;
  header->n_cosmetic = self->cosmetic->len;

  size = align8 (sizeof (ImageHeader));
  header->rules_offset = size;
  size += align8 ((gsize) n_rules * sizeof (Rule));
  header->slots_offset = size;
  size += align8 ((gsize) n_slots * sizeof (Slot));
  header->n_filter_words = n_filter_words;
  header->filter_offset = size;
  size += (gsize) n_filter_words * sizeof (guint64);
  header->n_domain_slots = n_domain_slots;
  header->domain_slots_offset = size;
  size += align8 ((gsize) n_domain_slots * sizeof (DomainSlot));
  header->n_domain_ids = domain_entries->len;
  header->domain_ids_offset = size;
  size += align8 ((gsize) domain_entries->len * sizeof (guint32));
  header->page_exceptions_offset = size;
  size += align8 ((gsize) n_page_exceptions * sizeof (guint32));
  header->n_host_slots = n_host_slots;
  header->host_slots_offset = size;
  header->host_types = plain_types;
  header->n_host_rules = host_rules->len;
  size += (gsize) n_host_slots * sizeof (HostSlot);
  header->n_domain_sets = domain_sets->len;
  header->domain_sets_offset = size;
  size += align8 ((gsize) domain_sets->len * sizeof (DomainSet));
  header->n_domain_set_entries = domain_set_entries->len;
  header->domain_set_entries_offset = size;
  size += align8 ((gsize) domain_set_entries->len * sizeof (DomainSetEntry));
  header->cosmetic_offset = size;
  size += align8 ((gsize) self->cosmetic->len * sizeof (Cosmetic));
  header->strings_offset = size;
  header->strings_len = strings->len;
  size += align8 (strings->len);
  header->cosmetic_strings_offset = size;
  header->cosmetic_strings_len = self->cosmetic_strings->len;

  out_rules = (Rule *) (gpointer) (data + header->rules_offset);
  slots = (Slot *) (gpointer) (data + header->slots_offset);
  filter = (guint64 *) (gpointer) (data + header->filter_offset);
  domain_slots = (DomainSlot *) (gpointer) (data + header->domain_slots_offset);
  domain_ids = (guint32 *) (gpointer) (data + header->domain_ids_offset);
  page_exceptions = (guint32 *) (gpointer) (data + header->page_exceptions_offset);
  cosmetic = (Cosmetic *) (gpointer) (data + header->cosmetic_offset);
  host_slots = (HostSlot *) (gpointer) (data + header->host_slots_offset);
  if (domain_sets->len > 0)
    memcpy (data + header->domain_sets_offset, domain_sets->data, domain_sets->len * sizeof (DomainSet));
  if (domain_set_entries->len > 0)
    memcpy (data + header->domain_set_entries_offset, domain_set_entries->data,
            domain_set_entries->len * sizeof (DomainSetEntry));
  memcpy (data + header->strings_offset, strings->str, strings->len);
  memcpy (data + header->cosmetic_strings_offset, self->cosmetic_strings->str, self->cosmetic_strings->len);
  if (self->cosmetic->len > 0)
    memcpy (cosmetic, self->cosmetic->data, self->cosmetic->len * sizeof (Cosmetic));

  n_page_exceptions = 0;
  for (guint i = 0; i < n_rules; i++)
    {
      out_rules[i] = rules[order[i].index];
      out_rules[i].text = order[i].text;
      if (order[i].domains_at != 0)
        out_rules[i].domains_at = order[i].domains_at;
      out_rules[i].token_offset = order[i].token_offset;
      out_rules[i].check = order[i].check;
      out_rules[i].check_bytes = order[i].check_bytes;
      if (!(out_rules[i].flags & LECTERN_FILTER_RULE_REGEX) &&
          memchr (strings->str + rule_pattern (&out_rules[i]), '*', out_rules[i].pattern_len) == NULL)
        out_rules[i].types |= RULE_ONE_SEGMENT;
      if (out_rules[i].flags & LECTERN_FILTER_RULE_PAGE_EXCEPTION)
        page_exceptions[n_page_exceptions++] = i;

      if (order[i].token != 0)
        filter_set (filter, index_shift (n_filter_words), order[i].token, order[i].check & 0xff);
      if (order[i].token != 0 && order[i].token != previous)
        {
          guint32 s = slot_home (order[i].token, index_shift (n_slots));

          while (slots[s].hash != 0)
            s = (s + 1) & (n_slots - 1);
          slots[s].hash = order[i].token;
          slots[s].range = (i << SLOT_COUNT_BITS) | 1;
          previous = order[i].token;
          current = &slots[s];
        }
      else if (order[i].token != 0)
        {
          /* Rules of one token are next to each other. */
          current->range++;
        }
    }

  for (guint i = 0; i < host_rules->len; i++)
    {
      const Rule *rule = &rules[g_array_index (host_rules, guint32, i)];
      const char *text = self->strings->str + rule->text;

      host_table_add (host_slots, n_host_slots - 1, host_fingerprint (text + 2, strlen (text) - 3),
                      rule_list (rule));
    }

  for (guint i = 0; i < domain_entries->len; i++)
    {
      const DomainEntry *e = &g_array_index (domain_entries, DomainEntry, i);

      domain_ids[i] = e->rule;
      if (i == 0 || e->hash != g_array_index (domain_entries, DomainEntry, i - 1).hash)
        {
          guint32 d = e->hash & (n_domain_slots - 1);

          while (domain_slots[d].hash != 0)
            d = (d + 1) & (n_domain_slots - 1);
          domain_slots[d].hash = e->hash;
          domain_slots[d].start = i;
        }
      else
        {
          guint32 d = e->hash & (n_domain_slots - 1);

          while (domain_slots[d].hash != e->hash)
            d = (d + 1) & (n_domain_slots - 1);
        }
      {
        guint32 d = e->hash & (n_domain_slots - 1);

        while (domain_slots[d].hash != e->hash)
          d = (d + 1) & (n_domain_slots - 1);
        domain_slots[d].count++;
      }
    }

  self->stats.rules = n_rules + host_rules->len;
  self->stats.regex = n_regex;
  self->stats.skipped_by[LECTERN_FILTER_SKIP_DISABLED] = n_built - n_rules - host_rules->len;
  update_skipped (&self->stats);
  header->stats = self->stats;

  self->dirty = FALSE;
  _lectern_filter_engine_set_image (self, g_bytes_new_take (data, header->size));
}
