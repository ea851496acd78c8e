/* lectern-filter-engine-match-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-filter-engine-private.h"
#include "lectern-filter-url-private.h"

G_BEGIN_DECLS

/* The state of one decision, shared by the files of the request path:
 * lectern-filter-engine-match.c finds the rules a request may meet, and
 * asks lectern-filter-engine-pattern.c whether one's pattern matches and
 * lectern-filter-engine-domains.c whether its hosts are ones it applies
 * to. */

/* The bits of LECTERN_RESOURCE_ALL, one a resource type. */
#define N_TYPES 12

/* In the place of a token's position: where the rule's token is in the
 * URL is not known. */
#define UNKNOWN_POSITION G_MAXSIZE
/* In the place of a token's position: the rule's pattern is known to
 * match. */
#define MATCHED_POSITION (G_MAXSIZE - 1)

typedef enum
{
  /* Looking the site up in the public suffix list costs more than the
   * rest of a match, and most requests meet no rule that asks. */
  PARTY_NOT_YET,
  PARTY_UNKNOWN,
  PARTY_FIRST,
  PARTY_THIRD,
} Party;

typedef struct
{
  LecternFilterEngine *engine;
  UrlParts             lower;
  /* Which bytes of @lower are part of a token, a word for each 64. */
  const guint64       *token_masks;
  const char          *original;
  gsize                original_len;
  /* Both lower case and padded with HASH_PADDING nuls. */
  const char          *host;
  gsize                host_len;
  /* The host's fingerprint (see HostSlot), when there is a host. */
  HostSlot             host_fingerprint;
  const char          *page_host;
  gsize                page_host_len;
  HostSlot             page_fingerprint;
  /* The public suffix of each host, for entity domains ("example.*"):
   * NULL until asked, "" when there is none. */
  const char          *host_suffix;
  const char          *page_suffix;
  Party                party;
  guint                types;
  /* Per type bit: the first blocking, important blocking and exception
   * rule that matched, and which types each of those has found. */
  const Rule          *block[N_TYPES];
  const Rule          *important[N_TYPES];
  const Rule          *exception[N_TYPES];
  guint                have_block;
  guint                have_important;
  guint                have_exception;
  /* The host rule that matched: where its host starts in @host, and its
   * list. */
  gsize                host_rule_at;
  LecternFilterListKind host_rule_list;
} MatchState;

/* Reading the token index, the read side of what compiling writes
 * (lectern-filter-engine-compile.c): inline, as each runs for each token
 * of each URL. */

/* A token of the URL being decided: its key is @key_len bytes from
 * @start. Sixteen bytes, a shift to index. */
typedef struct
{
  guint32 hash;
  guint32 key_len;
  gsize   start;
} Token;

G_STATIC_ASSERT (sizeof (Token) == 16);

/* What a rule's check is compared with (see Rule): the six bytes of the
 * lower-cased URL after the token's key, then the two before the token.
 * The copy has URL_LEAD zeroed bytes before it and URL_PADDING after,
 * which no pattern holds. */
static inline guint64
rule_check_window (const char *url,
                   gsize       token_pos,
                   gsize       token_end)
{
  guint64 after;
  guint16 before;

  memcpy (&after, url + token_end, sizeof after);
  memcpy (&before, url + token_pos - 2, sizeof before);

  return (GUINT64_FROM_LE (after) & G_GUINT64_CONSTANT (0xffffffffffff)) |
         (guint64) GUINT16_FROM_LE (before) << 48;
}

/* Whether @rule may match where its token meets the bytes @window: most
 * rules of a bucket differ from a URL in the few bytes around the token,
 * and this tells in a few instructions, with no branch that depends on
 * the rule's kind, before consider_rule() sorts out the rest
 * (_lectern_filter_pattern_matches() first checks that the match can
 * start where the token puts it). */
static inline gboolean
rule_fits_token (const Rule *rule,
                 guint64     window)
{
  /* A byte of 0xff for each bit. */
#define BYTE_MASK(b) \
  (((b) & 1 ? G_GUINT64_CONSTANT (0xff) : 0) | ((b) & 2 ? G_GUINT64_CONSTANT (0xff00) : 0) | \
   ((b) & 4 ? G_GUINT64_CONSTANT (0xff0000) : 0) | ((b) & 8 ? G_GUINT64_CONSTANT (0xff000000) : 0) | \
   ((b) & 16 ? G_GUINT64_CONSTANT (0xff00000000) : 0) | ((b) & 32 ? G_GUINT64_CONSTANT (0xff0000000000) : 0) | \
   ((b) & 64 ? G_GUINT64_CONSTANT (0xff000000000000) : 0) | ((b) & 128 ? G_GUINT64_CONSTANT (0xff00000000000000) : 0))
#define BYTE_MASKS_4(b) BYTE_MASK (b), BYTE_MASK (b + 1), BYTE_MASK (b + 2), BYTE_MASK (b + 3)
#define BYTE_MASKS_16(b) BYTE_MASKS_4 (b), BYTE_MASKS_4 (b + 4), BYTE_MASKS_4 (b + 8), BYTE_MASKS_4 (b + 12)
#define BYTE_MASKS_64(b) BYTE_MASKS_16 (b), BYTE_MASKS_16 (b + 16), BYTE_MASKS_16 (b + 32), BYTE_MASKS_16 (b + 48)
  static const guint64 byte_masks[256] = {
    BYTE_MASKS_64 (0), BYTE_MASKS_64 (64), BYTE_MASKS_64 (128), BYTE_MASKS_64 (192),
  };
#undef BYTE_MASKS_64
#undef BYTE_MASKS_16
#undef BYTE_MASKS_4
#undef BYTE_MASK

  return (window & byte_masks[rule->check_bytes]) == rule->check;
}

/* Whether the token @hash, followed by @after, may name rules. */
static inline guint64
filter_has (const guint64 *filter,
            guint          shift,
            guint32        hash,
            guchar         after)
{
  return (filter[filter_word (hash, shift)] >> filter_word_bit (filter_mix (hash), after)) & 1;
}

static inline const Slot *
lookup_slot (LecternFilterEngine *self,
             guint32              hash)
{
  guint32 i = slot_home (hash, self->slot_shift);

  for (;;)
    {
      const Slot *slot = &self->slots[i];

      /* Empty first: a URL's token whose hash is 0 finds nothing, even
       * in an image whose empty slots are not all zeros. */
      if (slot->hash == 0)
        return NULL;
      if (slot->hash == hash)
        return slot;
      i = (i + 1) & self->slot_mask;
    }
}

/* The index of the lowest bit set in @bits, which is not 0. Two of these
 * are taken for each token of each URL: on x86-64 the instruction is
 * written out, as __builtin_ctzll() returns an int that GCC then widens,
 * and precedes with a zeroing of its output, three instructions where
 * one does. "rep bsf" is tzcnt where the processor has it and bsf where
 * not, the same for a word that is not 0. */
static inline gsize
ctz64 (guint64 bits)
{
#if defined (__GNUC__) && defined (__x86_64__)
  guint64 index;

  __asm__ ("rep bsfq %1, %0" : "=r" (index) : "rm" (bits) : "cc");

  return index;
#else
  return (gsize) __builtin_ctzll (bits);
#endif
}

/* Takes the token of the lower-cased @url at @start, @len bytes long, at
 * most 64, into the next place of a batch, @token, and returns
 * whether to keep it there: whether the filter says it may name rules.
 * Most tokens index nothing; the filter, small enough to stay in the
 * processor's cache, says so for most of them, and the token is kept or
 * dropped without a branch, as the answer is a coin toss the processor
 * would often call wrong. Rules compare the bytes after the token's
 * key. */
static inline guint
take_url_token (const char    *url,
                const guint64 *filter,
                guint          filter_shift,
                Token         *token,
                gsize          start,
                gsize          len)
{
  /* MIN (n, TOKEN_KEY_LEN) for a token of n bytes, at most a block's: a
   * load, where the comparison takes three instructions. */
#define KEY_LENGTHS_8 TOKEN_KEY_LEN, TOKEN_KEY_LEN, TOKEN_KEY_LEN, TOKEN_KEY_LEN, \
                      TOKEN_KEY_LEN, TOKEN_KEY_LEN, TOKEN_KEY_LEN, TOKEN_KEY_LEN
  static const guint8 key_lengths[64 + 1] = {
    0, 1, 2, 3, 4, 5, 6, 7, KEY_LENGTHS_8, KEY_LENGTHS_8, KEY_LENGTHS_8, KEY_LENGTHS_8,
    KEY_LENGTHS_8, KEY_LENGTHS_8, KEY_LENGTHS_8, TOKEN_KEY_LEN,
  };
#undef KEY_LENGTHS_8
  gsize key_len = key_lengths[len];
  guint32 hash = key_hash (url + start, key_len);

  *token = (Token) { hash, key_len, start };

  return filter_has (filter, filter_shift, hash, (guchar) url[start + key_len]);
}

gboolean    _lectern_filter_pattern_matches       (MatchState          *state,
                                                   const Rule          *rule,
                                                   gsize                token_pos);
gboolean    _lectern_filter_rule_domains_allow    (MatchState          *state,
                                                   const Rule          *rule);
gboolean    _lectern_filter_party_matches         (MatchState          *state,
                                                   const Rule          *rule);

G_END_DECLS
