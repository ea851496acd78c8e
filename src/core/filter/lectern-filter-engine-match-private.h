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

gboolean    _lectern_filter_pattern_matches       (MatchState          *state,
                                                   const Rule          *rule,
                                                   gsize                token_pos);
gboolean    _lectern_filter_rule_domains_allow    (MatchState          *state,
                                                   const Rule          *rule);
gboolean    _lectern_filter_party_matches         (MatchState          *state,
                                                   const Rule          *rule);

G_END_DECLS
