/* lectern-filter-engine-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "lectern-filter-engine.h"
#include "lectern-filter-parser.h"

G_BEGIN_DECLS

/* The engine's structures, shared by the files that read rules into the
 * builder (lectern-filter-engine-build.c), compile the image
 * (lectern-filter-engine-compile.c, lectern-filter-engine-tokens.c),
 * check it (lectern-filter-engine-image.c), keep the cosmetic rules
 * (lectern-filter-engine-cosmetic.c) and match requests (the files of
 * lectern-filter-engine-match-private.h). */

#define IMAGE_MAGIC 0x4945464cu /* "LFEI" */

/* The records are what every decision reads and most of the engine's
 * memory: the pattern and the domain lists are kept as distances from the
 * rule's text, since they are inside it or stored right after it, in 16
 * bits rather than as 32-bit offsets. */
typedef struct
{
  guint32 text;
  /* Where the pattern starts, from @text. */
  guint16 pattern_at;
  /* The $domain= list, or the $to= list, or both one after the other,
   * from @text; 0 when neither. A list ends at a nul or a ',': most are
   * inside the rule's text. */
  guint16 domains_at;
  guint16 pattern_len;
  /* The types, and RULE_ONE_SEGMENT. */
  guint16 types;
  /* LecternFilterRuleFlags, and the list in the top bits. */
  guint16 flags;
  /* Where the indexing token starts in the pattern, when no '*' comes
   * before it and it is under NO_TOKEN_OFFSET: a match must then start
   * that far before the token. */
  guint8  token_offset;
  /* Which bytes of @check are set, a bit each. */
  guint8  check_bytes;
  /* Literal bytes around the token, lower-cased: most rules a URL's
   * token finds differ from it within a few bytes of the token, and this
   * tells without reading the pattern. Bytes 0 to 5 are up to six that
   * follow the token's key, byte 7 the one before the token and byte 6
   * the one before that, as the pattern fixes them (see
   * rule_check_window()). */
  guint64 check;
} Rule;

#define RULE_TYPES_MASK 0x0fff
#define RULE_MAX_CHECK 6
#define RULE_MAX_BEFORE 2
/* In the types' top bit: the pattern has no '*', so it is one segment
 * and matching need not look for one. */
#define RULE_ONE_SEGMENT 0x8000

#define RULE_LIST_SHIFT 12
#define RULE_LIST_MASK 0x3
#define NO_TOKEN_OFFSET G_MAXUINT8

G_STATIC_ASSERT (sizeof (Rule) == 24);
G_STATIC_ASSERT (LECTERN_FILTER_LIST_OTHER <= RULE_LIST_MASK);

/* The list @rule came from. */
static inline LecternFilterListKind
rule_list (const Rule *rule)
{
  return (rule->flags >> RULE_LIST_SHIFT) & RULE_LIST_MASK;
}

/* The offset of @rule's pattern in the strings. */
static inline guint32
rule_pattern (const Rule *rule)
{
  return rule->text + rule->pattern_at;
}

/* The offset of @rule's domain list in the strings, or 0 when it has none. */
static inline guint32
rule_domains (const Rule *rule)
{
  return rule->domains_at != 0 ? rule->text + rule->domains_at : 0;
}

typedef struct
{
  guint32 hash;
  guint32 start;
  guint32 count;
} DomainSlot;

/* A run of rules that share a token. */
typedef struct
{
  guint32 hash;
  guint32 range;
} Slot;

/* A plain "||host^" blocking rule, with no option, is all its host: it
 * matches a URL whose host is that host or ends with "." and it. Such
 * rules are four in five of EasyList and EasyPrivacy, so they are kept
 * apart from the token index as 64-bit fingerprints of their host in an
 * open-addressing table: eight bytes a rule instead of a record, a slot
 * and its text, and a decision looks up each of the URL host's suffixes
 * rather than trying rules. The low four bits hold the rule's list plus
 * one (zero marks an empty slot); the rule's text is rebuilt from the
 * host that matched. Two hosts share a fingerprint with odds of about
 * one in 2^60 per pair: far below anything else that can go wrong. */
typedef guint64 HostSlot;

#define HOST_SLOT_LIST_BITS 4
#define HOST_SLOT_LIST_MASK ((HostSlot) (1u << HOST_SLOT_LIST_BITS) - 1)

/* The fingerprint of a lower-case host name, eight bytes a step: a
 * decision takes that of each suffix of the URL's host that starts a
 * label, and a byte-by-byte hash would chain a multiplication a byte.
 * @tail is the last one to eight bytes, in order, in a zeroed word. */
static inline HostSlot
host_fingerprint_finish (const char *name,
                         gsize       len,
                         guint64     tail)
{
  const guint64 k = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ len;
  guint64 word;

  for (; len > 8; name += 8, len -= 8)
    {
      memcpy (&word, name, 8);
      hash = (hash ^ GUINT64_FROM_LE (word)) * k;
      hash ^= hash >> 29;
    }
  hash = (hash ^ tail) * k;

  hash ^= hash >> 33;
  hash *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  hash ^= hash >> 33;
  hash *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  hash ^= hash >> 33;
  hash &= ~HOST_SLOT_LIST_MASK;

  return hash != 0 ? hash : HOST_SLOT_LIST_MASK + 1;
}

/* For a name followed by at least eight readable bytes. */
static inline HostSlot
host_fingerprint_padded (const char *name,
                         gsize       len)
{
  static const guint64 masks[9] = {
    0, 0xff, 0xffff, 0xffffff, 0xffffffff, G_GUINT64_CONSTANT (0xffffffffff),
    G_GUINT64_CONSTANT (0xffffffffffff), G_GUINT64_CONSTANT (0xffffffffffffff), G_MAXUINT64,
  };
  gsize last = len > 0 ? (len - 1) / 8 * 8 : 0;
  guint64 tail;

  memcpy (&tail, name + last, 8);

  return host_fingerprint_finish (name, len, GUINT64_FROM_LE (tail) & masks[len - last]);
}

/* For any name: the same value. */
static inline HostSlot
host_fingerprint (const char *name,
                  gsize       len)
{
  gsize last = len > 0 ? (len - 1) / 8 * 8 : 0;
  guint64 tail = 0;

  for (gsize i = last; i < len; i++)
    tail |= (guint64) (guchar) name[i] << (8 * (i - last));

  return host_fingerprint_finish (name, len, tail);
}

/* A $domain= list of more than a few entries, as a set: some rules list
 * hundreds of sites, and reading such a list for every request that
 * reaches the rule cost tens of thousands of instructions. The rule's
 * list is then DOMAIN_SET_MARKER and the set's index (four bytes, native
 * order) instead of text; each suffix of the page's host is looked up in
 * the set's entries, sorted by hash, and a hit is checked against the
 * entry's name in the strings. */
#define DOMAIN_SET_MARKER '\x01'
#define DOMAIN_SET_MIN_ENTRIES 9

#define DOMAIN_SET_HAS_POSITIVE 1u
#define DOMAIN_SET_HAS_ENTITY   2u

typedef struct
{
  guint32 start;
  guint32 count;
  guint32 flags;
} DomainSet;

#define DOMAIN_ENTRY_NEGATED (1u << 31)
#define DOMAIN_ENTRY_ENTITY  (1u << 30)
#define DOMAIN_ENTRY_NAME_MASK (DOMAIN_ENTRY_ENTITY - 1)

typedef struct
{
  guint32 hash;
  /* The name's offset in the strings, and the two flags above. */
  guint32 name;
} DomainSetEntry;

/* The hash of a domain set entry: the top half of a host fingerprint. */
static inline guint32
domain_set_hash (HostSlot fingerprint)
{
  return (guint32) (fingerprint >> 32);
}

#define SLOT_COUNT_BITS 12
#define SLOT_MAX_COUNT ((1u << SLOT_COUNT_BITS) - 1)
#define SLOT_MAX_START ((1u << (32 - SLOT_COUNT_BITS)) - 1)
#define SLOT_START(slot) ((slot)->range >> SLOT_COUNT_BITS)
#define SLOT_COUNT(slot) ((slot)->range & SLOT_MAX_COUNT)

typedef struct
{
  /* Hash of the domain entry; 0 for rules that apply everywhere. */
  guint32 hash;
  guint32 domain;
  guint32 selector;
  guint32 flags;
} Cosmetic;

typedef struct
{
  guint32            magic;
  guint32            version;
  guint32            size;
  guint32            n_rules;
  guint32            n_untokenized;
  guint32            n_slots;
  guint32            n_page_exceptions;
  guint32            n_cosmetic;
  guint32            rules_offset;
  guint32            slots_offset;
  guint32            page_exceptions_offset;
  guint32            cosmetic_offset;
  guint32            strings_offset;
  guint32            strings_len;
  guint32            cosmetic_strings_offset;
  guint32            cosmetic_strings_len;
  /* A one-hash Bloom filter of the tokens, small enough to stay in the
   * processor's cache: most tokens of a URL index nothing, and this
   * answers for them without touching the slot table. */
  guint32            n_filter_words;
  guint32            filter_offset;
  /* Rules with no token but a $domain= list of plain domains: found by
   * the page's host rather than tried for every request. */
  guint32            n_domain_slots;
  guint32            domain_slots_offset;
  guint32            n_domain_ids;
  guint32            domain_ids_offset;
  /* Plain "||host^" rules, most of the lists, as host fingerprints (see
   * HostSlot), and the types such a rule applies to. */
  guint32            n_host_slots;
  guint32            host_slots_offset;
  guint32            host_types;
  guint32            n_host_rules;
  /* Long $domain= lists as hashed sets (see DomainSet). */
  guint32            n_domain_sets;
  guint32            domain_sets_offset;
  guint32            n_domain_set_entries;
  guint32            domain_set_entries_offset;
  LecternFilterStats stats;
} ImageHeader;

struct _LecternFilterEngine
{
  /* The builder: rules as read, with offsets into @strings. */
  GArray             *rules;
  GString            *strings;
  GArray             *cosmetic;
  GString            *cosmetic_strings;
  /* Texts of the rules that $badfilter lines take out. */
  GHashTable         *badfilters;
  gboolean            dirty;
  /* An engine read from an image has no builder. */
  gboolean            read_only;

  /* The compiled image and views into it. */
  GBytes             *image;
  /* Tells this image from every other of the process: never 0. */
  guint               image_serial;
  const ImageHeader  *header;
  const Rule         *image_rules;
  /* The types of the rules tried for every request, together: most
   * requests are of none of them. */
  guint               untokenized_types;
  const Slot         *slots;
  guint32             slot_mask;
  guint               slot_shift;
  const guint64      *filter;
  guint32             filter_shift;
  const DomainSlot   *domain_slots;
  const guint32      *domain_ids;
  const guint32      *page_exceptions;
  const HostSlot     *host_slots;
  guint32             host_mask;
  const DomainSet    *domain_sets;
  const DomainSetEntry *domain_set_entries;
  const Cosmetic     *image_cosmetic;
  const char         *image_strings;
  const char         *image_cosmetic_strings;

  /* Regular expressions, compiled the first time a URL reaches them. */
  GMutex              regex_lock;
  GHashTable         *regexes;

  LecternFilterStats  stats;
};

/* Tokens are runs of letters and digits. '%' ends one, unlike in other
 * engines: rules such as "%2Fevent.gif%3F" then have a whole token
 * ("2fevent") to be found by rather than being tried for every request,
 * and the URLs that carry escapes are the long ones, whose tokens are
 * better cut short. */
static const guint8 token_chars[256] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
  ['8'] = 1, ['9'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
  ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
  ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
  ['y'] = 1, ['z'] = 1,
  ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
  ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
  ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
  ['Y'] = 1, ['Z'] = 1,
};

static inline gboolean
is_token_char (guchar c)
{
  return token_chars[c] != 0;
}

/* g_ascii_tolower() is not inlined, and runs for every byte of every URL. */
static inline char
to_lower (char c)
{
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

#define HASH_PADDING 8

/* Hashes a lower-case token eight bytes a step: URLs carry long tokens
 * (identifiers, encoded data), and a byte-by-byte hash would spend more
 * time on them than the lookups do. */
static inline guint32
hash_lower (const char *token,
            gsize       len)
{
  static const guint64 tail_masks[9] = {
    0, 0xff, 0xffff, 0xffffff, 0xffffffff, G_GUINT64_CONSTANT (0xffffffffff),
    G_GUINT64_CONSTANT (0xffffffffffff), G_GUINT64_CONSTANT (0xffffffffffffff), G_MAXUINT64,
  };
  const guint64 k = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 hash = len * k;
  guint64 word;
  guint32 result;

  for (; len > 8; token += 8, len -= 8)
    {
      memcpy (&word, token, 8);
      hash = (hash ^ word) * k;
      hash ^= hash >> 29;
    }
  /* The last one to eight bytes, the only ones of most tokens. The
   * caller leaves HASH_PADDING readable bytes after the token: a whole
   * word is read and cut, cheaper than copying the tail. */
  memcpy (&word, token, 8);
  word = GUINT64_FROM_LE (word) & tail_masks[len];
  hash = (hash ^ word) * k;

  result = (guint32) (hash ^ (hash >> 32));

  /* Zero marks an empty slot. */
  return result != 0 ? result : 1;
}

static inline guint32
hash_token (const char *token,
            gsize       len)
{
  char small[64 + HASH_PADDING] = { 0 };
  g_autofree char *large = NULL;
  char *lower = small;

  if (len > 64)
    lower = large = g_malloc0 (len + HASH_PADDING);
  for (gsize i = 0; i < len; i++)
    lower[i] = to_lower (token[i]);

  return hash_lower (lower, len);
}

/* A token is looked up by its first TOKEN_KEY_LEN bytes and by whether
 * it is shorter: one masked word to hash, however long the token. A
 * pattern's run of at least that many token characters then indexes its
 * rule even when a wildcard follows it ("=bT1zdXY1JnI9"), since any URL
 * it matches holds a token that starts with those bytes. The bytes after
 * the key, not after the token, are the ones a rule's check compares. */
#define TOKEN_KEY_LEN 8

/* The hash of a key of @n bytes, at most TOKEN_KEY_LEN. */
static inline guint32
key_hash (const char *lower,
          gsize       n)
{
  /* Each length's mask of the key's bytes, then the length in the top
   * bits: two operands of one table, no shift in the loop over a URL's
   * tokens. */
  static const guint64 key_bits[2][TOKEN_KEY_LEN + 1] = {
    {
      0, 0xff, 0xffff, 0xffffff, 0xffffffff, G_GUINT64_CONSTANT (0xffffffffff),
      G_GUINT64_CONSTANT (0xffffffffffff), G_GUINT64_CONSTANT (0xffffffffffffff), G_MAXUINT64,
    },
    {
      0, G_GUINT64_CONSTANT (1) << 59, G_GUINT64_CONSTANT (2) << 59, G_GUINT64_CONSTANT (3) << 59,
      G_GUINT64_CONSTANT (4) << 59, G_GUINT64_CONSTANT (5) << 59, G_GUINT64_CONSTANT (6) << 59,
      G_GUINT64_CONSTANT (7) << 59, G_GUINT64_CONSTANT (8) << 59,
    },
  };
  const guint64 k = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 word;

  /* The caller leaves HASH_PADDING readable bytes after the token. */
  memcpy (&word, lower, 8);
  word = ((GUINT64_FROM_LE (word) & key_bits[0][n]) ^ key_bits[1][n]) * k;

  /* The product's high half depends on every bit of the key. Zero marks
   * an empty slot: no rule is indexed by a key that hashes to it (see
   * choose_token()), and a URL's token that does finds no slot (see
   * lookup_slot()). */
  return (guint32) (word >> 32);
}

static inline guint32
token_key (const char *lower,
           gsize       len)
{
  return key_hash (lower, MIN (len, TOKEN_KEY_LEN));
}

/* token_key() for a token of any case, with no padding after it. */
static inline guint32
token_key_of (const char *token,
              gsize       len)
{
  char lower[TOKEN_KEY_LEN] = { 0 };
  gsize n = MIN (len, TOKEN_KEY_LEN);

  for (gsize i = 0; i < n; i++)
    lower[i] = to_lower (token[i]);

  return token_key (lower, n);
}

/* The filter says whether a token, followed by a given byte, may name
 * rules. A rule sets the bit of its token and the first byte its pattern
 * fixes after the token's key, or every bit of its token's word when none
 * is fixed (see filter_set()). Most buckets a URL's common tokens find
 * ("com", "1", "static") hold a rule or two that want another byte
 * there, so those tokens stop at the filter rather than read the slots
 * and the rules.
 *
 * A token's bits are in one word, which the top bits of its hash pick. */
/* The shift that leaves the top bits of a hash that index a table of
 * @n entries, a power of two of at least 2. */
static inline guint
index_shift (guint32 n)
{
  return 32 - (g_bit_storage (n) - 1);
}

static inline guint32
filter_word (guint32 hash,
             guint   shift)
{
  return hash >> shift;
}

/* A token's hash mixed for its bit in its filter word. */
static inline guint32
filter_mix (guint32 hash)
{
  return hash * 0x85ebca6bu;
}

/* The bit of a token, of filter_mix() @mixed, followed by @after. The
 * low six bits of @after pick the bit among the token's 64, with no
 * multiplication on the path of every token of every URL: the bytes that
 * most often follow a token ('/', '.', '?', '=', '&', '-', '_', ':' and
 * the end) all differ there. */
static inline guint
filter_word_bit (guint32 mixed,
                 guchar  after)
{
  return ((mixed >> 26) ^ after) & 63;
}

/* Where a token's probe of the slot table starts. Not the hash's low
 * bits, which depend only on its key's first six bytes, the same in
 * "google", "googleta" and "googlesy", so that such tokens crowded one
 * run of slots; nor its top bits, which pick its word of the filter, so
 * that the tokens that pass the filter by chance met the run of the
 * tokens that share their word. */
static inline guint32
slot_home (guint32 hash,
           guint   shift)
{
  return (hash * 0x9e3779b1u) >> shift;
}

static inline void
update_skipped (LecternFilterStats *stats)
{
  stats->skipped = 0;
  for (guint r = 0; r < LECTERN_FILTER_N_SKIP_REASONS; r++)
    stats->skipped += stats->skipped_by[r];
}

static inline guint32
append_string (GString    *strings,
               const char *text,
               gsize       len)
{
  guint32 offset = strings->len;

  g_string_append_len (strings, text, len);
  g_string_append_c (strings, '\0');

  return offset;
}

void        _lectern_filter_engine_compile        (LecternFilterEngine *self);
GHashTable *_lectern_filter_count_tokens          (const char          *strings,
                                                   const Rule          *rules,
                                                   guint                n_rules);
guint32     _lectern_filter_choose_token          (const char          *strings,
                                                   const Rule          *rule,
                                                   GHashTable          *counts,
                                                   GHashTable          *frequency,
                                                   gsize               *start,
                                                   gsize               *key_len,
                                                   gboolean            *weak);
guint64     _lectern_filter_token_check           (const char          *pattern,
                                                   gsize                len,
                                                   gsize                token,
                                                   gsize                key_end,
                                                   gboolean             before,
                                                   guint8              *check_bytes);
gboolean    _lectern_filter_engine_check_image    (GBytes              *image,
                                                   gboolean             verify,
                                                   GError             **error);
void        _lectern_filter_engine_set_image      (LecternFilterEngine *self,
                                                   GBytes              *image);
void        _lectern_filter_engine_add_cosmetic   (LecternFilterEngine *self,
                                                   LecternFilterParsed *parsed);
const char *_lectern_filter_public_suffix_of      (const char          *host);
void        _lectern_filter_compiled_regex_free   (gpointer             data);

G_END_DECLS
