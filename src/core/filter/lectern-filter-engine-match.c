/* lectern-filter-engine-match.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine-match-private.h"

#include <string.h>

/* Deciding a request: the path every request of every page takes, so it
 * reads only the image, allocates nothing, and keeps per thread what the
 * requests of a page have in common. Its steps stay in this one file,
 * with the inline functions of lectern-filter-url-private.h and
 * lectern-filter-engine-match-private.h: the compiler then sees what each
 * changes, where a call into another file would hide it at a cost to
 * every decision (filling the caches of hosts and pages from another
 * file cost 1.5% more instructions a decision). Only the tests of one
 * rule, which few requests reach, are in files of their own. */

/* Stands for a host rule (see HostSlot) among the rules that matched. */
static const Rule host_rule_marker;

/* Tokens are decided in batches of this many: enough for nearly every
 * URL in one go, small enough for the stack. */
#define TOKEN_BATCH 128
/* At most: one byte in two starts a token, and one more ends in the
 * block from before it. */
#define TOKENS_PER_BLOCK 33

/* Out of line: the loops that find the rules worth it stay small enough
 * to be inlined where they are used, with no registers to save, and most
 * of the rules they read are not. */
static G_GNUC_NO_INLINE void
consider_rule (MatchState *state,
               const Rule *rule,
               gsize       token_pos)
{
  guint types = rule->types & state->types;
  const Rule **slots;
  guint *have;

  if (rule->flags & LECTERN_FILTER_RULE_EXCEPTION)
    {
      slots = state->exception;
      have = &state->have_exception;
    }
  else if (rule->flags & LECTERN_FILTER_RULE_IMPORTANT)
    {
      slots = state->important;
      have = &state->have_important;
    }
  else
    {
      slots = state->block;
      have = &state->have_block;
    }

  types &= ~*have;
  if (types == 0)
    return;

  /* A regular expression costs more than its domain list. */
  if ((rule->flags & LECTERN_FILTER_RULE_REGEX) && !_lectern_filter_rule_domains_allow (state, rule))
    return;

  /* The party last: it is the dearest to find out. */
  if ((token_pos != MATCHED_POSITION && !_lectern_filter_pattern_matches (state, rule, token_pos)) ||
      !_lectern_filter_rule_domains_allow (state, rule) ||
      !_lectern_filter_party_matches (state, rule))
    return;

  for (guint bit = 0; bit < N_TYPES; bit++)
    {
      if (types & (1u << bit))
        slots[bit] = rule;
    }
  *have |= types;
}

static void
consider_range (MatchState *state,
                guint32     start,
                guint32     count)
{
  const Rule *rules = state->engine->image_rules + start;

  for (guint32 i = 0; i < count; i++)
    consider_rule (state, &rules[i], UNKNOWN_POSITION);
}

/* Where the run of @rules, sorted by the first two bytes of their check
 * as a number, that want @key starts, from @i on. */
static inline guint32
find_check_run (const Rule *rules,
                guint32     i,
                guint32     count,
                guint32     key)
{
  while (i < count)
    {
      guint32 mid = i + (count - i) / 2;

      if ((rules[mid].check & 0xffff) < key)
        i = mid + 1;
      else
        count = mid;
    }

  return i;
}

/* Considers the rules from @i on that want @key, the first two bytes of
 * their check as a number, and fit @window. Returns where their run
 * ends. */
static inline guint32
consider_check_run (MatchState *state,
                    const Rule *rules,
                    guint32     i,
                    guint32     count,
                    guint32     key,
                    guint64     window,
                    gsize       token_pos)
{
  for (; i < count && (rules[i].check & 0xffff) == key; i++)
    {
      if (rule_fits_token (&rules[i], window))
        consider_rule (state, &rules[i], token_pos);
    }

  return i;
}

/* The rules of a token found in the URL between @token_pos and
 * @token_end. A bucket holds first the rules that want no byte after the
 * token, then the others by the first two bytes they want (see
 * compare_order()): only those that want none, the URL's first byte
 * alone, or its first two are read. A bucket of the commonest tokens
 * holds dozens of rules, and most of "analytics" want an 's' next. */
static inline void
consider_token_range (MatchState *state,
                      guint32     start,
                      guint32     count,
                      gsize       token_pos,
                      gsize       token_end)
{
  const Rule *rules = state->engine->image_rules + start;
  guint64 window = rule_check_window (state->lower.url, token_pos, token_end);
  guint32 one = window & 0xff;
  guint32 two = window & 0xffff;
  guint32 i = 0;

  /* Most buckets hold a rule or two: reading them costs less than
   * looking for a run. */
  if (count <= 8)
    {
      for (; i < count; i++)
        {
          if (rule_fits_token (&rules[i], window))
            consider_rule (state, &rules[i], token_pos);
        }
      return;
    }

  i = consider_check_run (state, rules, 0, count, 0, window, token_pos);
  /* The URL's padding is nuls, which no rule wants. */
  if (one == 0)
    return;

  i = consider_check_run (state, rules, find_check_run (rules, i, count, one), count, one, window, token_pos);
  if (two != one)
    consider_check_run (state, rules, find_check_run (rules, i, count, two), count, two, window, token_pos);
}

/* Decides a batch of tokens that passed the Bloom filter, in their order.
 * Asking the processor for each token's slot and rules a step ahead was
 * measured: the lookups cost more than the misses they overlapped. */
static void
consider_tokens (MatchState *state,
                 Token      *tokens,
                 guint       n_found)
{
  LecternFilterEngine *self = state->engine;

  for (guint t = 0; t < n_found; t++)
    {
      const Slot *slot = lookup_slot (self, tokens[t].hash);

      if (slot != NULL)
        consider_token_range (state, SLOT_START (slot), SLOT_COUNT (slot), tokens[t].start,
                              tokens[t].start + tokens[t].key_len);
    }
}

/* Looks up each suffix of @host that starts a label in the host table,
 * the whole host first: a rule for "ads.example.com" tells more than one
 * for "example.com". @fingerprint is the whole host's. */
static gboolean
find_host_rule (LecternFilterEngine   *self,
                const char            *host,
                gsize                  len,
                HostSlot               fingerprint,
                gsize                 *at,
                LecternFilterListKind *list)
{
  HostSlot hashes[MAX_LABELS];
  gsize starts[MAX_LABELS];
  guint n = 1;
  const char *end = host + len;
  const char *label = memchr (host, '.', len);

  hashes[0] = fingerprint;
  starts[0] = 0;
  __builtin_prefetch (&self->host_slots[(guint32) (fingerprint >> HOST_SLOT_LIST_BITS) & self->host_mask]);
  for (; label != NULL && n < MAX_LABELS; n++)
    {
      label++;
      hashes[n] = host_fingerprint_padded (label, end - label);
      starts[n] = label - host;
      __builtin_prefetch (&self->host_slots[(guint32) (hashes[n] >> HOST_SLOT_LIST_BITS) & self->host_mask]);
      label = memchr (label, '.', end - label);
    }

  for (guint k = 0; k < n; k++)
    {
      guint32 i = (guint32) (hashes[k] >> HOST_SLOT_LIST_BITS) & self->host_mask;

      for (;;)
        {
          HostSlot slot = self->host_slots[i];

          if (slot == 0)
            break;
          if ((slot & ~HOST_SLOT_LIST_MASK) == hashes[k])
            {
              *at = starts[k];
              /* Checked when the image is verified; a web process that
               * skips that still never names a list that is not. */
              *list = MIN ((LecternFilterListKind) ((slot & HOST_SLOT_LIST_MASK) - 1),
                           LECTERN_FILTER_LIST_OTHER);
              return TRUE;
            }
          i = (i + 1) & self->host_mask;
        }
    }

  return FALSE;
}

/* What find_host_rule() said of the hosts this thread asked about, by the
 * host's fingerprint and the image: a page's requests go to a few hosts
 * again and again, and looking up each suffix of one costs as much as the
 * rest of a short URL's decision. Direct-mapped. Only for the URLs that
 * the entries of the scheme and host (below), which keep the same, cannot
 * stand for: a user name, a long host, another scheme. */
#define HOST_RULE_CACHE_SIZE 256

typedef struct
{
  HostSlot fingerprint;
  guint    image_serial;
  /* Where the rule's host starts in the host, and its list; G_MAXUINT16
   * when no rule names the host. */
  guint16  at;
  guint16  list;
} HostRuleCacheEntry;

static _Thread_local HostRuleCacheEntry host_rule_cache[HOST_RULE_CACHE_SIZE];

/* Blocks the request's types that "||host^" rules apply to, by the rule
 * for the suffix of the host at @at, from @list. */
static void
apply_host_rule (MatchState            *state,
                 gsize                  at,
                 LecternFilterListKind  list)
{
  guint types = state->engine->header->host_types & state->types & ~state->have_block;

  for (guint bit = 0; bit < N_TYPES; bit++)
    {
      if (types & (1u << bit))
        state->block[bit] = &host_rule_marker;
    }
  state->have_block |= types;
  state->host_rule_at = at;
  state->host_rule_list = list;
}

static void
consider_host_rules (MatchState *state)
{
  LecternFilterEngine *self = state->engine;
  guint types = self->header->host_types & state->types & ~state->have_block;
  HostRuleCacheEntry *entry;

  if (types == 0 || state->host == NULL || state->host[0] == '\0')
    return;

  entry = &host_rule_cache[(state->host_fingerprint >> 32) % HOST_RULE_CACHE_SIZE];
  if (entry->fingerprint != state->host_fingerprint || entry->image_serial != self->image_serial)
    {
      gsize at = 0;
      LecternFilterListKind list = LECTERN_FILTER_LIST_OTHER;

      entry->fingerprint = state->host_fingerprint;
      entry->image_serial = self->image_serial;
      /* A host is shorter than HOST_BUFFER_SIZE: its places fit. */
      if (find_host_rule (self, state->host, state->host_len, state->host_fingerprint, &at, &list))
        {
          entry->at = at;
          entry->list = list;
        }
      else
        {
          entry->at = G_MAXUINT16;
        }
    }
  if (entry->at != G_MAXUINT16)
    apply_host_rule (state, entry->at, entry->list);
}

/* What the tokens of "http://" or "https://" and a host found in the
 * token index, for the hosts this thread decided requests to: most of a
 * page's requests go to a few hosts, and their scheme and host are a
 * third of a typical URL's tokens, each to be hashed, tried in the filter
 * and often looked up. Kept by the host's fingerprint, the image, where
 * the host ends (which tells the scheme, with the host's length) and the
 * byte after it, which the filter reads for the host's last token: with
 * these, the URL's bytes up to and with the one after the host are
 * known. Direct-mapped; an entry is one cache line. The recorded
 * requests of a hundred pages go to seven hundred hosts: with 512
 * entries, one request in ten around the median found its host's entry
 * taken by another and filled it again; with 1,024, one in twenty. */
#define PREFIX_CACHE_SIZE 1024
#define PREFIX_MAX_ITEMS 7

typedef struct
{
  HostSlot fingerprint;
  guint32  image_serial;
  guint8   host_end;
  guint8   after;
  /* G_MAXUINT8 when the host's tokens name more than fit. */
  guint8   n_items;
  /* A bit for each item whose rule's pattern is known to match. */
  guint8   matched;
  /* What find_host_rule() says of the host: where the suffix a
   * "||host^" rule names starts, G_MAXUINT8 when none does, and the
   * rule's list. The entry is read anyway: this spares a probe of the
   * host rule cache. */
  guint8   host_rule_at;
  guint8   host_rule_list;
  /* What each of the host's tokens names, in their order: when the
   * bytes a rule's check compares are all known, the rules that fit
   * them, each its own item, with an @end of 0: its index in @values and
   * where its token starts; else the token's slot range, where it starts
   * and where its key ends. */
  guint32  values[PREFIX_MAX_ITEMS];
  guint8   starts[PREFIX_MAX_ITEMS];
  guint8   ends[PREFIX_MAX_ITEMS];
} PrefixCacheEntry;

G_STATIC_ASSERT (sizeof (PrefixCacheEntry) <= 64);

static _Thread_local PrefixCacheEntry prefix_cache[PREFIX_CACHE_SIZE];

static gboolean
add_prefix_item (PrefixCacheEntry *entry,
                 guint32           value,
                 gsize             start,
                 gsize             end)
{
  if (entry->n_items == PREFIX_MAX_ITEMS)
    {
      entry->n_items = G_MAXUINT8;
      return FALSE;
    }
  entry->values[entry->n_items] = value;
  entry->starts[entry->n_items] = start;
  entry->ends[entry->n_items] = end;
  entry->n_items++;

  return TRUE;
}

/* Whether the pattern of @rule, found by a token at @token_pos, reads
 * only bytes up to the one after the host, at @host_end, and no byte's
 * case: whether it matches is then the same for every URL of a prefix
 * entry. */
static gboolean
pattern_within_prefix (const Rule *rule,
                       gsize       token_pos,
                       gsize       host_end)
{
  return !(rule->flags & (LECTERN_FILTER_RULE_REGEX | LECTERN_FILTER_RULE_MATCH_CASE | LECTERN_FILTER_RULE_ANCHOR_END)) &&
         (rule->types & RULE_ONE_SEGMENT) && rule->token_offset != NO_TOKEN_OFFSET &&
         token_pos >= rule->token_offset && token_pos - rule->token_offset + rule->pattern_len <= host_end + 1;
}

/* Fills @entry with what the tokens of the URL up to @host_end, which is
 * under 64 and not a token character, name. */
static void
find_prefix_tokens (MatchState       *state,
                    gsize             host_end,
                    PrefixCacheEntry *entry)
{
  LecternFilterEngine *self = state->engine;
  const char *url = state->lower.url;
  guint64 mask = state->token_masks[0] & ((G_GUINT64_CONSTANT (1) << host_end) - 1);
  guint64 starts = mask & ~(mask << 1);
  guint64 lasts = mask & ~(mask >> 1);

  entry->n_items = 0;
  entry->matched = 0;
  for (; lasts != 0; starts &= starts - 1, lasts &= lasts - 1)
    {
      gsize start = ctz64 (starts);
      gsize key_len;
      const Slot *slot;
      Token token;

      if (!take_url_token (url, self->filter, self->filter_shift, &token, start, ctz64 (lasts) + 1 - start))
        continue;
      slot = lookup_slot (self, token.hash);
      if (slot == NULL)
        continue;
      key_len = token.key_len;
      /* When the bytes the rules' checks read are the host's, or the one
       * after it, they are the same for every URL of the entry: the
       * rules that fit them are found once, and so is whether the
       * patterns that read no further match. */
      if (start + key_len + RULE_MAX_CHECK <= host_end + 1)
        {
          guint32 first = SLOT_START (slot);
          guint64 window = rule_check_window (url, start, start + key_len);

          for (guint32 k = 0; k < SLOT_COUNT (slot); k++)
            {
              const Rule *rule = &self->image_rules[first + k];
              gboolean known = FALSE;

              if (!rule_fits_token (rule, window))
                continue;
              if (pattern_within_prefix (rule, start, host_end))
                {
                  if (!_lectern_filter_pattern_matches (state, rule, start))
                    continue;
                  known = TRUE;
                }
              if (!add_prefix_item (entry, first + k, start, 0))
                return;
              entry->matched |= known << (entry->n_items - 1);
            }
        }
      else if (!add_prefix_item (entry, slot->range, start, start + key_len))
        {
          return;
        }
    }
}

/* The entry of the URL's scheme and host, found or filled: NULL when the
 * URL is not one an entry can stand for. */
static PrefixCacheEntry *
find_prefix_entry (MatchState *state)
{
  LecternFilterEngine *self = state->engine;
  const char *url = state->lower.url;
  gsize host_start = state->lower.host_start;
  gsize host_end = state->lower.host_end;
  PrefixCacheEntry *entry;

  /* Only a host right after the scheme: no user name, no "[" of an
   * IPv6 address, nothing that is not the host. */
  if (state->host == NULL || host_end >= 64 || token_chars[(guchar) url[host_end]] ||
      !((host_start == 8 && memcmp (url, "https://", 8) == 0) ||
        (host_start == 7 && memcmp (url, "http://", 7) == 0)))
    return NULL;

  entry = &prefix_cache[(state->host_fingerprint >> 32) % PREFIX_CACHE_SIZE];
  if (entry->fingerprint != state->host_fingerprint || entry->image_serial != self->image_serial ||
      entry->host_end != host_end || entry->after != (guchar) url[host_end])
    {
      gsize at = 0;
      LecternFilterListKind list = LECTERN_FILTER_LIST_OTHER;

      entry->fingerprint = state->host_fingerprint;
      entry->image_serial = self->image_serial;
      entry->host_end = host_end;
      entry->after = url[host_end];
      find_prefix_tokens (state, host_end, entry);
      /* The host is shorter than host_end, under 64. */
      entry->host_rule_at = G_MAXUINT8;
      entry->host_rule_list = list;
      if (self->header->n_host_rules > 0 &&
          find_host_rule (self, state->host, state->host_len, state->host_fingerprint, &at, &list))
        {
          entry->host_rule_at = at;
          entry->host_rule_list = list;
        }
    }

  return entry;
}

/* Considers the rules that the tokens of the URL's scheme and host name,
 * kept in @entry. Returns where the URL's other tokens start: 0 when
 * the host names more than the entry could keep. */
static gsize
consider_prefix_tokens (MatchState       *state,
                        PrefixCacheEntry *entry)
{
  if (entry->n_items == G_MAXUINT8)
    return 0;

  for (guint k = 0; k < entry->n_items; k++)
    {
      if (entry->ends[k] == 0)
        consider_rule (state, &state->engine->image_rules[entry->values[k]],
                       (entry->matched >> k) & 1 ? MATCHED_POSITION : entry->starts[k]);
      else
        consider_token_range (state, entry->values[k] >> SLOT_COUNT_BITS, entry->values[k] & SLOT_MAX_COUNT,
                              entry->starts[k], entry->ends[k]);
    }

  return entry->host_end;
}

static const DomainSlot *
lookup_domain (LecternFilterEngine *self,
               guint32              hash)
{
  guint32 mask = self->header->n_domain_slots - 1;
  guint32 i = hash & mask;

  for (;;)
    {
      const DomainSlot *slot = &self->domain_slots[i];

      if (slot->hash == hash)
        return slot;
      if (slot->hash == 0)
        return NULL;
      i = (i + 1) & mask;
    }
}

static void
init_state (MatchState          *state,
            LecternFilterEngine *self)
{
  state->engine = self;
  state->host = NULL;
  state->page_host = NULL;
  state->host_suffix = NULL;
  state->page_suffix = NULL;
  state->party = PARTY_NOT_YET;
  state->have_block = 0;
  state->have_important = 0;
  state->have_exception = 0;
}

/* Whether an @@…$document rule allows the page at @page_url as a whole. */
static const Rule *
find_page_exception (LecternFilterEngine *self,
                     const char          *page_url,
                     const char          *page_host,
                     gsize                page_host_len,
                     HostSlot             page_fingerprint)
{
  char buffer[URL_BUFFER_SIZE];
  guint64 mask_buffer[URL_MASK_WORDS];
  guint64 *masks = mask_buffer;
  g_autofree gpointer heap = NULL;
  const char *lower;
  MatchState state;

  if (self->header->n_page_exceptions == 0 || page_host == NULL)
    return NULL;

  init_state (&state, self);
  lower = lowercase_and_mark (page_url, buffer, &masks, &heap, &state.lower.len);
  if (!split_url (lower, state.lower.len, &state.lower, TRUE, TRUE))
    return NULL;
  state.token_masks = masks;

  state.original = page_url;
  state.original_len = state.lower.len;
  state.host = page_host;
  state.host_len = page_host_len;
  state.host_fingerprint = page_fingerprint;
  state.page_host = page_host;
  state.page_host_len = page_host_len;
  state.page_fingerprint = page_fingerprint;
  state.party = PARTY_FIRST;
  state.types = LECTERN_RESOURCE_DOCUMENT;

  for (guint32 i = 0; i < self->header->n_page_exceptions; i++)
    consider_rule (&state, &self->image_rules[self->page_exceptions[i]], UNKNOWN_POSITION);

  return state.have_exception ? state.exception[0] : NULL;
}

/* What a decision needs of the page a request is made from: its host, the
 * rules found by that host ($domain= rules with no other token) and
 * whether an @@…$document rule allows the page. It is the same for every
 * request of the page, and finding it again costs as much as several
 * decisions, so each thread keeps it for the last sixteen pages: a page's
 * frames, and the tabs of a session, take turns. */
#define PAGE_CACHE_SIZE 16
#define PAGE_URL_MAX 2048
#define PAGE_MAX_DOMAIN_RULES 64

typedef struct
{
  /* What the entry was made from: the image (by its serial number, never
   * reused, unlike an address) and the URL. */
  guint                image_serial;
  gsize                url_len;
  char                 url[PAGE_URL_MAX];

  gboolean             has_host;
  char                 host[HOST_BUFFER_SIZE + HASH_PADDING];
  gsize                host_len;
  HostSlot             host_fingerprint;
  /* G_MAXUINT when the host finds too many to keep: they are looked up
   * for each request then. */
  guint                n_domain_rules;
  guint32              domain_rules[PAGE_MAX_DOMAIN_RULES];
  gboolean             exception_known;
  const Rule          *exception;
} PageInfo;

static _Thread_local PageInfo page_cache[PAGE_CACHE_SIZE];
static _Thread_local guint page_cache_next;
static _Thread_local guint page_cache_last;

static void
find_domain_rules (LecternFilterEngine *self,
                   PageInfo            *page)
{
  gsize page_len = strlen (page->host);

  page->n_domain_rules = 0;
  if (self->header->n_domain_slots == 0)
    return;

  for (gsize d = 0; d < page_len; d++)
    {
      const DomainSlot *slot;

      if (d > 0 && page->host[d - 1] != '.')
        continue;
      slot = lookup_domain (self, hash_lower (page->host + d, page_len - d));
      for (guint32 k = 0; slot != NULL && k < slot->count; k++)
        {
          if (page->n_domain_rules == PAGE_MAX_DOMAIN_RULES)
            {
              page->n_domain_rules = G_MAXUINT;
              return;
            }
          page->domain_rules[page->n_domain_rules++] = self->domain_ids[slot->start + k];
        }
    }
}

/* The same as find_domain_rules(), for a host that finds too many to keep. */
static void
consider_domain_rules (MatchState *state,
                       const char *page_host)
{
  LecternFilterEngine *self = state->engine;
  gsize page_len = strlen (page_host);

  for (gsize d = 0; d < page_len; d++)
    {
      const DomainSlot *slot;

      if (d > 0 && page_host[d - 1] != '.')
        continue;
      slot = lookup_domain (self, hash_lower (page_host + d, page_len - d));
      for (guint32 k = 0; slot != NULL && k < slot->count; k++)
        consider_rule (state, &self->image_rules[self->domain_ids[slot->start + k]], UNKNOWN_POSITION);
    }
}

/* Fills @page for @page_url, or finds it filled. @scratch is used for a
 * URL too long to keep. */
static PageInfo *
get_page_info (LecternFilterEngine *self,
               const char          *page_url,
               PageInfo            *scratch)
{
  PageInfo *page = &page_cache[page_cache_last];
  gsize len;
  UrlParts parts;

  /* The page of the last request first, without measuring the URL: most
   * requests follow another of their page. strncmp() reads no further
   * than a shorter URL's end; when it finds all the kept URL's bytes,
   * the byte after them is the URL's, its end or not. */
  if (page->image_serial == self->image_serial && strncmp (page->url, page_url, page->url_len) == 0 &&
      page_url[page->url_len] == '\0')
    return page;

  len = strlen (page_url);
  for (guint k = 1; k < PAGE_CACHE_SIZE; k++)
    {
      guint i = (page_cache_last + k) % PAGE_CACHE_SIZE;

      page = &page_cache[i];
      if (page->image_serial == self->image_serial && page->url_len == len &&
          memcmp (page->url, page_url, len) == 0)
        {
          page_cache_last = i;
          return page;
        }
    }

  if (len < PAGE_URL_MAX)
    {
      page_cache_last = page_cache_next;
      page = &page_cache[page_cache_next];
      page_cache_next = (page_cache_next + 1) % PAGE_CACHE_SIZE;
      page->image_serial = self->image_serial;
      page->url_len = len;
      memcpy (page->url, page_url, len);
    }
  else
    {
      page = scratch;
      page->image_serial = 0;
    }

  page->exception_known = FALSE;
  page->exception = NULL;
  page->n_domain_rules = 0;
  /* Only the page's host matters here: no need to lowercase it all. */
  page->has_host = split_url (page_url, len, &parts, FALSE, FALSE) && copy_host (&parts, FALSE, page->host);
  if (page->has_host)
    {
      page->host_len = parts.host_end - parts.host_start;
      page->host_fingerprint = host_fingerprint_padded (page->host, page->host_len);
      find_domain_rules (self, page);
    }

  return page;
}

/* The @@…$document exception of @page, the page at @page_url, found the
 * first time a request of the page is blocked. */
static const Rule *
get_page_exception (LecternFilterEngine *self,
                    PageInfo            *page,
                    const char          *page_url)
{
  if (!page->exception_known)
    {
      page->exception = find_page_exception (self, page_url, page->host,
                                             page->host_len, page->host_fingerprint);
      page->exception_known = TRUE;
    }

  return page->exception;
}

/* Blocks the request's types that the "||host^" rule of its host applies
 * to, if any: kept in the host's @prefix entry when it has one. */
static void
consider_host_table (MatchState             *state,
                     const PrefixCacheEntry *prefix)
{
  if (prefix != NULL)
    {
      if (prefix->host_rule_at != G_MAXUINT8)
        apply_host_rule (state, prefix->host_rule_at, prefix->host_rule_list);
    }
  else if (state->engine->header->n_host_rules > 0)
    {
      consider_host_rules (state);
    }
}

/* Every whole token of @url, whose token bytes are marked in @masks,
 * names the rules that may match it; those of its scheme and host are
 * kept in @prefix, when the URL has one. */
static void
consider_url_tokens (MatchState       *state,
                     const char       *url,
                     const guint64    *masks,
                     PrefixCacheEntry *prefix)
{
  LecternFilterEngine *self = state->engine;
  Token batch[TOKEN_BATCH];
  guint n_batch = 0;
  /* Read once: the compiler cannot tell that stores to the batch leave
   * them alone. */
  const guint64 *filter = self->filter;
  guint filter_shift = self->filter_shift;
  gsize prefix_end = prefix != NULL ? consider_prefix_tokens (state, prefix) : 0;
  guint64 mask = masks[0] & ~((G_GUINT64_CONSTANT (1) << prefix_end) - 1);
  guint64 carry = 0;
  gsize pending = G_MAXSIZE;

  /* A block of 64 bytes at a time: its token characters as a bit mask
   * give where each token starts and where it ends, and each token
   * costs a few bit operations rather than a branch per byte. A token
   * that runs past a block is pending until a later one ends it. The
   * batch is decided, when it may not hold a whole block's tokens, only
   * between blocks: the loop over a block's tokens then calls nothing,
   * and keeps all it needs in registers. */
  for (gsize base = 0; base < state->lower.len; base += 64)
    {
      /* Past the URL, nothing is a token. */
      guint64 next = masks[base / 64 + 1];
      guint64 starts = mask & ~((mask << 1) | carry);
      guint64 lasts = mask & ~((mask >> 1) | (next << 63));

      if (n_batch > TOKEN_BATCH - TOKENS_PER_BLOCK)
        {
          consider_tokens (state, batch, n_batch);
          n_batch = 0;
        }
      /* The first end of the block closes a pending token. */
      if (pending != G_MAXSIZE && lasts != 0)
        {
          n_batch += take_url_token (url, filter, filter_shift, &batch[n_batch], pending,
                                     MIN (base + ctz64 (lasts) + 1 - pending, TOKEN_KEY_LEN));
          pending = G_MAXSIZE;
          lasts &= lasts - 1;
        }
      while (lasts != 0)
        {
          gsize first = ctz64 (starts);

          n_batch += take_url_token (url, filter, filter_shift, &batch[n_batch], base + first,
                                     ctz64 (lasts) + 1 - first);
          starts &= starts - 1;
          lasts &= lasts - 1;
        }
      if (starts != 0)
        pending = base + ctz64 (starts);
      carry = mask >> 63;
      mask = next;
    }
  consider_tokens (state, batch, n_batch);
}

/* Whether the rules @state found, and @page_exception, block the request:
 * only if they block it as every type it may be. The rule that decided
 * goes in @decider: the one for the request's most likely type when it
 * is blocked, else the exception that allowed it, if any. */
static gboolean
decide (MatchState  *state,
        const Rule  *page_exception,
        const Rule **decider)
{
  gboolean blocked = TRUE;
  const Rule *found = NULL;
  const Rule *overrider = NULL;

  for (guint left = state->types; left != 0; left &= left - 1)
    {
      guint bit = (guint) __builtin_ctz (left);
      const Rule *exception;

      /* Only the slots whose bit is set were written. */
      if (!(state->have_block & (1u << bit)))
        state->block[bit] = NULL;
      if (!(state->have_important & (1u << bit)))
        state->important[bit] = NULL;
      if (!(state->have_exception & (1u << bit)))
        state->exception[bit] = NULL;

      exception = state->exception[bit] != NULL ? state->exception[bit] : page_exception;

      if (state->important[bit] != NULL)
        {
          if (found == NULL)
            found = state->important[bit];
        }
      else if (state->block[bit] != NULL && exception == NULL)
        {
          if (found == NULL)
            found = state->block[bit];
        }
      else
        {
          blocked = FALSE;
          if (state->block[bit] != NULL && overrider == NULL)
            overrider = exception;
        }
    }

  if (!blocked)
    found = overrider;

  /* The lowest bit is not always the most likely type: ask the one place
   * that knows the order. */
  if (blocked && (state->types & (state->types - 1)) != 0)
    {
      LecternResourceTypes likely;

      if (lectern_resource_type_from_name (lectern_resource_types_to_name (state->types), &likely))
        {
          for (guint bit = 0; bit < N_TYPES; bit++)
            {
              if (likely == (1u << bit))
                found = state->important[bit] != NULL ? state->important[bit] : state->block[bit];
            }
        }
    }

  *decider = found;

  return blocked;
}

/* Gives @match the text and the list of @decider, a rule @state found. */
static void
describe_decider (LecternFilterMatch *match,
                  const MatchState   *state,
                  const Rule         *decider)
{
  if (decider == &host_rule_marker)
    {
      /* "||host^": a host is shorter than HOST_BUFFER_SIZE, so it fits. */
      const char *host_rule = state->host + state->host_rule_at;
      gsize len = strlen (host_rule);

      G_STATIC_ASSERT (sizeof match->rule_text >= HOST_BUFFER_SIZE + 3);
      memcpy (match->rule_text, "||", 2);
      memcpy (match->rule_text + 2, host_rule, len);
      memcpy (match->rule_text + 2 + len, "^", 2);
      match->rule = match->rule_text;
      match->list = state->host_rule_list;
    }
  else if (decider != NULL)
    {
      match->rule = state->engine->image_strings + decider->text;
      match->list = rule_list (decider);
    }
}

/**
 * lectern_filter_engine_match:
 * @self: an engine
 * @request: the request to decide
 * @match: (out caller-allocates): what the rules said
 *
 * Decides @request. When its type is not known for sure (it has several
 * type bits), it is blocked only if it would be blocked whatever type it
 * is. A request whose URL has no host (not a URL, data:, file:) is never
 * blocked. Does not allocate, except for URLs over 4 KiB and the first
 * time a regular expression rule is reached.
 *
 * Returns: %TRUE if @request is blocked
 */
gboolean
lectern_filter_engine_match (LecternFilterEngine  *self,
                             const LecternRequest *request,
                             LecternFilterMatch   *match)
{
  char url_buffer[URL_BUFFER_SIZE];
  guint64 mask_buffer[URL_MASK_WORDS];
  char host[HOST_BUFFER_SIZE + HASH_PADDING];
  g_autofree gpointer url_heap = NULL;
  guint64 *masks = mask_buffer;
  PageInfo page_scratch;
  PageInfo *page = NULL;
  PrefixCacheEntry *prefix;
  MatchState state;
  const Rule *page_exception = NULL;
  const char *url;
  gboolean blocked;
  const Rule *decider;

  g_return_val_if_fail (match != NULL, FALSE);

  match->blocked = FALSE;
  match->rule = NULL;
  match->list = LECTERN_FILTER_LIST_OTHER;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (request->url == NULL || request->url[0] == '\0')
    return FALSE;

  /* Rules added since the last decision: rare, and a call otherwise. */
  if (G_UNLIKELY (self->dirty))
    _lectern_filter_engine_compile (self);
  init_state (&state, self);

  url = lowercase_and_mark (request->url, url_buffer, &masks, &url_heap, &state.lower.len);
  if (!split_url (url, state.lower.len, &state.lower, TRUE, TRUE))
    return FALSE;
  state.token_masks = masks;

  state.original = request->url;
  state.original_len = state.lower.len;
  state.types = request->types & LECTERN_RESOURCE_ALL;
  if (state.types == 0)
    state.types = LECTERN_RESOURCE_OTHER;

  if (copy_host (&state.lower, TRUE, host))
    {
      state.host = host;
      state.host_len = state.lower.host_end - state.lower.host_start;
      state.host_fingerprint = host_fingerprint_padded (host, state.host_len);
    }
  if (request->page_url != NULL && request->page_url[0] != '\0')
    {
      page = get_page_info (self, request->page_url, &page_scratch);
      if (page->has_host)
        {
          state.page_host = page->host;
          state.page_host_len = page->host_len;
          state.page_fingerprint = page->host_fingerprint;
        }
    }

  prefix = find_prefix_entry (&state);
  consider_host_table (&state, prefix);

  consider_url_tokens (&state, url, masks, prefix);
  if (state.types & self->untokenized_types)
    consider_range (&state, 0, self->header->n_untokenized);

  if (page != NULL && page->has_host)
    {
      if (page->n_domain_rules == G_MAXUINT)
        consider_domain_rules (&state, page->host);
      else
        {
          for (guint k = 0; k < page->n_domain_rules; k++)
            consider_rule (&state, &self->image_rules[page->domain_rules[k]], UNKNOWN_POSITION);
        }

      if (state.have_block != 0)
        page_exception = get_page_exception (self, page, request->page_url);
    }

  /* Most requests meet no blocking rule at all. */
  if ((state.have_block | state.have_important) == 0)
    return FALSE;

  blocked = decide (&state, page_exception, &decider);
  match->blocked = blocked;
  describe_decider (match, &state, decider);

  return blocked;
}
