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

/* What compiling works out from the builder before it writes the image. */
typedef struct
{
  /* The builder's rules and their strings. */
  const Rule *rules;
  guint       n_built;
  const char *text;

  /* The rules of the image, in their order there (see compare_order()),
   * and how many of each kind. */
  Order      *order;
  guint       n_rules;
  guint       n_untokenized;
  guint       n_tokens;
  guint       n_page_exceptions;
  guint       n_regex;

  /* The plain "||host^" rules, by index, and what the parser makes of
   * one (see plain_host_rule_shape()). */
  GArray     *host_rules;
  guint       plain_types;
  guint       plain_flags;

  /* The domains of the rules found by the page's host, sorted. */
  GArray     *domain_entries;

  /* The sizes of the hash tables. */
  guint       n_slots;
  guint       n_filter_words;
  guint       n_domain_slots;
  guint       n_host_slots;

  /* The image's strings, and the domain sets whose names are in them. */
  GString    *strings;
  GArray     *domain_sets;
  GArray     *domain_set_entries;
} Compilation;

static void
compilation_clear (Compilation *c)
{
  g_clear_pointer (&c->order, g_free);
  g_clear_pointer (&c->host_rules, g_array_unref);
  g_clear_pointer (&c->domain_entries, g_array_unref);
  if (c->strings != NULL)
    g_string_free (g_steal_pointer (&c->strings), TRUE);
  g_clear_pointer (&c->domain_sets, g_array_unref);
  g_clear_pointer (&c->domain_set_entries, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Compilation, compilation_clear)

/* Fills the @n_rules-th place of the order with the @i-th rule of the
 * builder: the token that indexes it and the bytes around it. */
static void
index_rule (Compilation *c,
            guint        i,
            GHashTable  *counts,
            GHashTable  *frequency)
{
  const Rule *rule = &c->rules[i];
  const char *pattern = c->text + rule_pattern (rule);
  Order *order = &c->order[c->n_rules];
  gsize start = 0;
  gsize key_len = 0;
  gboolean weak = FALSE;

  order->token = _lectern_filter_choose_token (c->text, rule, counts, frequency, &start, &key_len, &weak);
  /* A rule indexed by a token in nearly every URL ("https") but
   * limited to some sites is better found by the page's host. */
  if (weak && has_plain_domains (rule, c->text))
    order->token = 0;
  order->klass = 0;
  order->index = i;
  order->token_offset = NO_TOKEN_OFFSET;
  order->check = 0;
  order->check_bytes = 0;
  if (order->token != 0 && !(rule->flags & LECTERN_FILTER_RULE_REGEX))
    {
      /* The bytes after the token are the pattern's wherever the
       * match starts; where it starts, and so the bytes before the
       * token, are known only with no '*' before the token. */
      if (start < NO_TOKEN_OFFSET && memchr (pattern, '*', start) == NULL)
        order->token_offset = start;
      order->check = _lectern_filter_token_check (pattern, rule->pattern_len, start, start + key_len,
                                                  order->token_offset != NO_TOKEN_OFFSET,
                                                  &order->check_bytes);
    }
}

/* Puts the builder's rules in order, each with its token, but for those
 * $badfilter lines take out and the plain "||host^" rules, which go to
 * the host table. */
static void
order_rules (Compilation         *c,
             LecternFilterEngine *self)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) frequency = _lectern_filter_count_tokens (c->text, c->rules, c->n_built);

  c->order = g_new (Order, MAX (c->n_built, 1));
  for (guint i = 0; i < c->n_built; i++)
    {
      const Rule *rule = &c->rules[i];
      gsize host_len;

      if (g_hash_table_size (self->badfilters) > 0 &&
          g_hash_table_contains (self->badfilters, c->text + rule->text))
        continue;

      if (is_plain_host_rule (rule, c->text, c->plain_types, c->plain_flags, &host_len))
        {
          g_array_append_val (c->host_rules, i);
          continue;
        }

      if (rule->flags & LECTERN_FILTER_RULE_REGEX)
        c->n_regex++;
      index_rule (c, i, counts, frequency);
      if (rule->flags & LECTERN_FILTER_RULE_PAGE_EXCEPTION)
        c->n_page_exceptions++;
      c->n_rules++;
    }

  qsort (c->order, c->n_rules, sizeof (Order), compare_order);
}

/* A run too long for its slot, or past what a slot can point to, goes
 * with the rules tried for every request: slower, never wrong. */
static void
untoken_long_runs (Compilation *c)
{
  Order *order = c->order;
  guint run_start = 0;

  for (guint i = 0; i <= c->n_rules; i++)
    {
      if (i < c->n_rules && order[i].token == order[run_start].token)
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
  qsort (order, c->n_rules, sizeof (Order), compare_order);
}

/* Sorts the rules into the three kinds the image keeps apart: tried for
 * every request, found by the page's host, found by a token. */
static void
classify_rules (Compilation *c)
{
  for (guint i = 0; i < c->n_rules; i++)
    {
      if (c->order[i].token != 0)
        c->order[i].klass = 2;
      else
        c->order[i].klass = has_plain_domains (&c->rules[c->order[i].index], c->text) ? 1 : 0;
    }
  qsort (c->order, c->n_rules, sizeof (Order), compare_order);
}

/* Counts the rules of each kind and the tokens, and collects the
 * domains of the rules found by the page's host. */
static void
collect_domain_entries (Compilation *c)
{
  const Order *order = c->order;

  for (guint i = 0; i < c->n_rules; i++)
    {
      if (order[i].klass == 0)
        c->n_untokenized++;
      else if (order[i].klass == 1)
        {
          const char *entry = c->text + rule_domains (&c->rules[order[i].index]);

          while (*entry != '\0' && *entry != ',')
            {
              gsize len = strcspn (entry, "|,");
              DomainEntry e = { hash_token (entry, len), i };

              g_array_append_val (c->domain_entries, e);
              entry += len;
              if (*entry == '|')
                entry++;
            }
        }
      else if (i == 0 || order[i].token != order[i - 1].token)
        c->n_tokens++;
    }
  g_array_sort (c->domain_entries, compare_domain_entry);
}

static void
size_tables (Compilation *c)
{
  guint n_domain_hashes = 0;

  for (guint i = 0; i < c->domain_entries->len; i++)
    {
      if (i == 0 || g_array_index (c->domain_entries, DomainEntry, i).hash !=
                    g_array_index (c->domain_entries, DomainEntry, i - 1).hash)
        n_domain_hashes++;
    }
  if (n_domain_hashes > 0)
    {
      c->n_domain_slots = 16;
      while (c->n_domain_slots < n_domain_hashes * 2)
        c->n_domain_slots *= 2;
    }

  /* Probes stay short up to two thirds full. */
  c->n_slots = 16;
  while (c->n_slots < c->n_tokens + c->n_tokens / 2)
    c->n_slots *= 2;

  /* Thirty-two bits a token: a token sets a bit for each byte its rules
   * want after it, and a URL's token tests one, so about nineteen in
   * twenty absent tokens stop there. With sixteen, one in eight went on
   * to the slot table: a read there is often a cache miss, and whether
   * it finds the token is a branch the processor cannot foresee. */
  c->n_filter_words = 8;
  while ((gsize) c->n_filter_words * 64 < (gsize) c->n_tokens * 32)
    c->n_filter_words *= 2;

  /* Probes stay short up to two thirds full here too. */
  c->n_host_slots = 16;
  while (c->n_host_slots < c->host_rules->len + c->host_rules->len / 2)
    c->n_host_slots *= 2;
}

/* The image keeps the text of the rules in the token index only: a
 * rule's strings are one run, up to the next rule's text. */
static void
copy_strings (Compilation *c,
              gsize        text_len)
{
  c->strings = g_string_sized_new (text_len / 2);
  g_string_append_c (c->strings, '\0');
  for (guint i = 0; i < c->n_rules; i++)
    {
      guint32 index = c->order[i].index;
      guint32 start = c->rules[index].text;
      guint32 end = index + 1 < c->n_built ? c->rules[index + 1].text : text_len;

      c->order[i].text = c->strings->len;
      g_string_append_len (c->strings, c->text + start, end - start);
      c->order[i].domains_at = add_domain_set (&c->rules[index], c->text, start, end, c->strings,
                                               c->order[i].text, c->domain_sets, c->domain_set_entries);
    }
}

/* Sets the counts and places of the sections in @header, each after the
 * one before, eight-byte aligned, and returns the image's size. */
static gsize
place_sections (const Compilation   *c,
                LecternFilterEngine *self,
                ImageHeader         *header)
{
  gsize size = align8 (sizeof (ImageHeader));

  header->magic = IMAGE_MAGIC;
  header->version = LECTERN_FILTER_ENGINE_FORMAT_VERSION;
  header->n_rules = c->n_rules;
  header->n_untokenized = c->n_untokenized;
  header->n_slots = c->n_slots;
  header->n_page_exceptions = c->n_page_exceptions;
  header->n_cosmetic = self->cosmetic->len;

  header->rules_offset = size;
  size += align8 ((gsize) c->n_rules * sizeof (Rule));
  header->slots_offset = size;
  size += align8 ((gsize) c->n_slots * sizeof (Slot));
  header->n_filter_words = c->n_filter_words;
  header->filter_offset = size;
  size += (gsize) c->n_filter_words * sizeof (guint64);
  header->n_domain_slots = c->n_domain_slots;
  header->domain_slots_offset = size;
  size += align8 ((gsize) c->n_domain_slots * sizeof (DomainSlot));
  header->n_domain_ids = c->domain_entries->len;
  header->domain_ids_offset = size;
  size += align8 ((gsize) c->domain_entries->len * sizeof (guint32));
  header->page_exceptions_offset = size;
  size += align8 ((gsize) c->n_page_exceptions * sizeof (guint32));
  header->n_host_slots = c->n_host_slots;
  header->host_slots_offset = size;
  header->host_types = c->plain_types;
  header->n_host_rules = c->host_rules->len;
  size += (gsize) c->n_host_slots * sizeof (HostSlot);
  header->n_domain_sets = c->domain_sets->len;
  header->domain_sets_offset = size;
  size += align8 ((gsize) c->domain_sets->len * sizeof (DomainSet));
  header->n_domain_set_entries = c->domain_set_entries->len;
  header->domain_set_entries_offset = size;
  size += align8 ((gsize) c->domain_set_entries->len * sizeof (DomainSetEntry));
  header->cosmetic_offset = size;
  size += align8 ((gsize) self->cosmetic->len * sizeof (Cosmetic));
  header->strings_offset = size;
  header->strings_len = c->strings->len;
  size += align8 (c->strings->len);
  header->cosmetic_strings_offset = size;
  header->cosmetic_strings_len = self->cosmetic_strings->len;
  size += align8 (self->cosmetic_strings->len);

  header->size = size;

  return size;
}

/* Copies the sections that are kept as they are: the domain sets, the
 * strings and the cosmetic rules. */
static void
copy_sections (const Compilation   *c,
               LecternFilterEngine *self,
               guint8              *data)
{
  const ImageHeader *header = (const ImageHeader *) data;

  if (c->domain_sets->len > 0)
    memcpy (data + header->domain_sets_offset, c->domain_sets->data, c->domain_sets->len * sizeof (DomainSet));
  if (c->domain_set_entries->len > 0)
    memcpy (data + header->domain_set_entries_offset, c->domain_set_entries->data,
            c->domain_set_entries->len * sizeof (DomainSetEntry));
  memcpy (data + header->strings_offset, c->strings->str, c->strings->len);
  memcpy (data + header->cosmetic_strings_offset, self->cosmetic_strings->str, self->cosmetic_strings->len);
  if (self->cosmetic->len > 0)
    memcpy (data + header->cosmetic_offset, self->cosmetic->data, self->cosmetic->len * sizeof (Cosmetic));
}

/* Writes the rules in their order, the page exceptions among them, and
 * each token's slot and its bits in the filter. */
static void
write_rules (const Compilation *c,
             guint8            *data)
{
  const ImageHeader *header = (const ImageHeader *) data;
  Rule *out_rules = (Rule *) (gpointer) (data + header->rules_offset);
  Slot *slots = (Slot *) (gpointer) (data + header->slots_offset);
  guint64 *filter = (guint64 *) (gpointer) (data + header->filter_offset);
  guint32 *page_exceptions = (guint32 *) (gpointer) (data + header->page_exceptions_offset);
  const Order *order = c->order;
  guint n_page_exceptions = 0;
  guint32 previous = 0;
  Slot *current = NULL;

  for (guint i = 0; i < c->n_rules; i++)
    {
      out_rules[i] = c->rules[order[i].index];
      out_rules[i].text = order[i].text;
      if (order[i].domains_at != 0)
        out_rules[i].domains_at = order[i].domains_at;
      out_rules[i].token_offset = order[i].token_offset;
      out_rules[i].check = order[i].check;
      out_rules[i].check_bytes = order[i].check_bytes;
      if (!(out_rules[i].flags & LECTERN_FILTER_RULE_REGEX) &&
          memchr (c->strings->str + rule_pattern (&out_rules[i]), '*', out_rules[i].pattern_len) == NULL)
        out_rules[i].types |= RULE_ONE_SEGMENT;
      if (out_rules[i].flags & LECTERN_FILTER_RULE_PAGE_EXCEPTION)
        page_exceptions[n_page_exceptions++] = i;

      if (order[i].token != 0)
        filter_set (filter, index_shift (c->n_filter_words), order[i].token, order[i].check & 0xff);
      if (order[i].token != 0 && order[i].token != previous)
        {
          guint32 s = slot_home (order[i].token, index_shift (c->n_slots));

          while (slots[s].hash != 0)
            s = (s + 1) & (c->n_slots - 1);
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
}

static void
write_host_table (const Compilation *c,
                  guint8            *data)
{
  const ImageHeader *header = (const ImageHeader *) data;
  HostSlot *host_slots = (HostSlot *) (gpointer) (data + header->host_slots_offset);

  for (guint i = 0; i < c->host_rules->len; i++)
    {
      const Rule *rule = &c->rules[g_array_index (c->host_rules, guint32, i)];
      const char *text = c->text + rule->text;

      host_table_add (host_slots, c->n_host_slots - 1, host_fingerprint (text + 2, strlen (text) - 3),
                      rule_list (rule));
    }
}

/* Writes the index of the rules found by the page's host: for each
 * domain's hash, a slot with the run of its rules' places. */
static void
write_domain_index (const Compilation *c,
                    guint8            *data)
{
  const ImageHeader *header = (const ImageHeader *) data;
  DomainSlot *domain_slots = (DomainSlot *) (gpointer) (data + header->domain_slots_offset);
  guint32 *domain_ids = (guint32 *) (gpointer) (data + header->domain_ids_offset);
  guint n_domain_slots = c->n_domain_slots;

  for (guint i = 0; i < c->domain_entries->len; i++)
    {
      const DomainEntry *e = &g_array_index (c->domain_entries, DomainEntry, i);

      domain_ids[i] = e->rule;
      if (i == 0 || e->hash != g_array_index (c->domain_entries, DomainEntry, i - 1).hash)
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
}

/* Compiles the builder into a new image: the rules are put in order and
 * the tables sized, then the image is laid out and written. */
void
_lectern_filter_engine_compile (LecternFilterEngine *self)
{
  g_auto(Compilation) c = { 0 };
  ImageHeader layout = { 0 };
  ImageHeader *header;
  guint8 *data;
  gsize size;

  if (!self->dirty)
    return;

  c.rules = (const Rule *) (gpointer) self->rules->data;
  c.n_built = self->rules->len;
  c.text = self->strings->str;
  plain_host_rule_shape (&c.plain_types, &c.plain_flags);
  c.host_rules = g_array_new (FALSE, FALSE, sizeof (guint32));
  c.domain_entries = g_array_new (FALSE, FALSE, sizeof (DomainEntry));
  c.domain_sets = g_array_new (FALSE, FALSE, sizeof (DomainSet));
  c.domain_set_entries = g_array_new (FALSE, FALSE, sizeof (DomainSetEntry));

  order_rules (&c, self);
  untoken_long_runs (&c);
  classify_rules (&c);
  collect_domain_entries (&c);
  size_tables (&c);
  g_array_sort (self->cosmetic, compare_cosmetic);
  copy_strings (&c, self->strings->len);

  size = place_sections (&c, self, &layout);
  data = g_malloc0 (size);
  header = (ImageHeader *) data;
  *header = layout;
  copy_sections (&c, self, data);
  write_rules (&c, data);
  write_host_table (&c, data);
  write_domain_index (&c, data);

  self->stats.rules = c.n_rules + c.host_rules->len;
  self->stats.regex = c.n_regex;
  self->stats.skipped_by[LECTERN_FILTER_SKIP_DISABLED] = c.n_built - c.n_rules - c.host_rules->len;
  update_skipped (&self->stats);
  header->stats = self->stats;

  self->dirty = FALSE;
  _lectern_filter_engine_set_image (self, g_bytes_new_take (data, header->size));
}
