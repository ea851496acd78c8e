/* lectern-filter-engine-domains.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine-match-private.h"
#include "lectern-party.h"

#include <string.h>

/* What a rule asks of the hosts of a decision: that the page's be on its
 * $domain= list and the request's on its $to= list, or that the two be
 * of one site or of two ($first-party, $third-party). */

/* The public suffix of @host ("co.uk" for "www.example.co.uk"), "" when
 * it has none that an entity could stand before. */
const char *
_lectern_filter_public_suffix_of (const char *host)
{
  const char *site = lectern_party_get_site (host);
  const char *dot;

  if (site == host && strchr (host, '.') == NULL)
    return "";
  if (g_hostname_is_ip_address (host))
    return "";
  dot = strchr (site, '.');

  return dot != NULL ? dot + 1 : "";
}

/* Whether "@name.*" names @host: @host is @name or under it, followed by
 * its public suffix. */
static gboolean
entity_matches (const char *name,
                gsize       name_len,
                const char *host,
                gsize       host_len,
                const char *suffix)
{
  gsize suffix_len = strlen (suffix);
  gsize prefix_len;

  if (suffix_len == 0 || host_len <= suffix_len + 1 || host[host_len - suffix_len - 1] != '.')
    return FALSE;

  prefix_len = host_len - suffix_len - 1;
  if (prefix_len < name_len || memcmp (host + prefix_len - name_len, name, name_len) != 0)
    return FALSE;

  return prefix_len == name_len || host[prefix_len - name_len - 1] == '.';
}

/* Whether a domain list lets the rule apply for @host (NULL when unknown).
 * As in uBlock Origin and Ghostery, an excluded domain that the host is or
 * is under always wins, even over a more specific included one; otherwise
 * the host must be or be under an included domain, if any is listed. */
typedef enum
{
  SET_NO_MATCH,
  SET_INCLUDED,
  SET_EXCLUDED,
} SetMatch;

/* Looks @name up in @set, among its entity entries or its others. */
static SetMatch
domain_set_match (LecternFilterEngine *engine,
                  const DomainSet     *set,
                  guint32              hash,
                  const char          *name,
                  gsize                name_len,
                  gboolean             entity)
{
  const DomainSetEntry *entries = engine->domain_set_entries + set->start;
  guint32 low = 0;
  guint32 high = set->count;
  SetMatch result = SET_NO_MATCH;

  while (low < high)
    {
      guint32 mid = low + (high - low) / 2;

      if (entries[mid].hash < hash)
        low = mid + 1;
      else
        high = mid;
    }

  for (guint32 k = low; k < set->count && entries[k].hash == hash; k++)
    {
      const char *candidate = engine->image_strings + (entries[k].name & DOMAIN_ENTRY_NAME_MASK);
      gsize len = strcspn (candidate, "|,");

      if (((entries[k].name & DOMAIN_ENTRY_ENTITY) != 0) != entity)
        continue;
      if (entity)
        len -= 2;
      if (len != name_len || memcmp (candidate, name, len) != 0)
        continue;
      if (entries[k].name & DOMAIN_ENTRY_NEGATED)
        return SET_EXCLUDED;
      result = SET_INCLUDED;
    }

  return result;
}

/* Looks each suffix of @name that starts a label up in @set. */
static SetMatch
domain_set_match_suffixes (LecternFilterEngine *engine,
                           const DomainSet     *set,
                           const char          *name,
                           gsize                len,
                           gboolean             entity)
{
  SetMatch result = SET_NO_MATCH;

  /* @name is a page's or a request's host, padded for the fingerprint. */
  for (gsize i = 0; i < len; i++)
    {
      if (i == 0 || name[i - 1] == '.')
        {
          SetMatch match = domain_set_match (engine, set,
                                             domain_set_hash (host_fingerprint_padded (name + i, len - i)),
                                             name + i, len - i, entity);

          if (match == SET_EXCLUDED)
            return SET_EXCLUDED;
          if (match == SET_INCLUDED)
            result = SET_INCLUDED;
        }
    }

  return result;
}

/* domains_allow() for a list kept as a set: the same answer, found by
 * looking up the host's suffixes rather than reading every entry. */
static gboolean
domain_set_allows (LecternFilterEngine  *engine,
                   const char           *marker,
                   const char           *host,
                   const char          **suffix)
{
  const DomainSet *set;
  guint32 id;
  gsize host_len;
  SetMatch match;
  gboolean included;

  memcpy (&id, marker + 1, sizeof id);
  /* Checked when the image is verified; unverified, a bad index applies
   * the rule nowhere. */
  if (id >= engine->header->n_domain_sets)
    return FALSE;
  set = &engine->domain_sets[id];

  if (host == NULL)
    return !(set->flags & DOMAIN_SET_HAS_POSITIVE);

  host_len = strlen (host);
  match = domain_set_match_suffixes (engine, set, host, host_len, FALSE);
  if (match == SET_EXCLUDED)
    return FALSE;
  included = match == SET_INCLUDED;

  /* "name.*": the host less its public suffix ends with the name. */
  if (set->flags & DOMAIN_SET_HAS_ENTITY)
    {
      gsize suffix_len;

      if (*suffix == NULL)
        *suffix = _lectern_filter_public_suffix_of (host);
      suffix_len = strlen (*suffix);
      if (suffix_len > 0 && host_len > suffix_len + 1 && host[host_len - suffix_len - 1] == '.')
        {
          match = domain_set_match_suffixes (engine, set, host, host_len - suffix_len - 1, TRUE);
          if (match == SET_EXCLUDED)
            return FALSE;
          included |= match == SET_INCLUDED;
        }
    }

  return included || !(set->flags & DOMAIN_SET_HAS_POSITIVE);
}

static gboolean
domains_allow (LecternFilterEngine  *engine,
               const char           *list,
               const char           *host,
               const char          **suffix)
{
  gboolean has_positive = FALSE;
  gboolean included = FALSE;
  gsize host_len = host != NULL ? strlen (host) : 0;
  const char *entry = list;

  if (*list == DOMAIN_SET_MARKER)
    return domain_set_allows (engine, list, host, suffix);

  while (*entry != '\0' && *entry != ',')
    {
      gboolean negated = *entry == '~';
      const char *name = negated ? entry + 1 : entry;
      gsize name_len = strcspn (name, "|,");
      gboolean match;

      has_positive |= !negated;

      if (host == NULL)
        match = FALSE;
      else if (name_len > 2 && name[name_len - 1] == '*' && name[name_len - 2] == '.')
        {
          if (*suffix == NULL)
            *suffix = _lectern_filter_public_suffix_of (host);
          match = entity_matches (name, name_len - 2, host, host_len, *suffix);
        }
      else
        {
          match = host_len >= name_len &&
                  memcmp (host + host_len - name_len, name, name_len) == 0 &&
                  (host_len == name_len || host[host_len - name_len - 1] == '.');
        }

      if (match)
        {
          if (negated)
            return FALSE;
          included = TRUE;
        }

      entry = name + name_len;
      if (*entry == '|')
        entry++;
    }

  return included || !has_positive;
}

gboolean
_lectern_filter_rule_domains_allow (MatchState *state,
                                    const Rule *rule)
{
  const char *list;

  if (rule->domains_at == 0)
    return TRUE;

  list = state->engine->image_strings + rule_domains (rule);
  if ((rule->flags & LECTERN_FILTER_RULE_DOMAINS) &&
      !domains_allow (state->engine, list, state->page_host, &state->page_suffix))
    return FALSE;

  if (rule->flags & LECTERN_FILTER_RULE_TO_DOMAINS)
    {
      if (rule->flags & LECTERN_FILTER_RULE_DOMAINS)
        list += strlen (list) + 1;
      if (!domains_allow (state->engine, list, state->host, &state->host_suffix))
        return FALSE;
    }

  return TRUE;
}

/* The sites of the hosts this thread asked for: finding a site in the
 * public suffix list costs several thousand instructions, more than the
 * rest of a decision, and a browsing session's requests go to a few
 * hundred hosts again and again. A table of SITE_CACHE_SETS sets of two
 * entries, each the host's fingerprint (see HostSlot: the odds that two
 * hosts share one are negligible) and where its site starts; a hit moves
 * to the front of its set, a miss replaces the back. Per thread, so that
 * web processes deciding in several threads need no lock. */
#define SITE_CACHE_SETS 1024

typedef struct
{
  HostSlot fingerprint;
  gsize    site;
} SiteCacheEntry;

static _Thread_local SiteCacheEntry site_cache[SITE_CACHE_SETS][2];

/* @host is lower case, @len bytes long and not empty, and @fingerprint
 * is its fingerprint. */
static const char *
get_site (const char *host,
          gsize       len,
          HostSlot    fingerprint)
{
  SiteCacheEntry *set = site_cache[(fingerprint >> 32) % SITE_CACHE_SETS];
  SiteCacheEntry hit;
  const char *site;

  /* A site that would not fit could only come from another host with
   * the same fingerprint: never read past this one. */
  if (set[0].fingerprint == fingerprint && set[0].site <= len)
    return host + set[0].site;
  if (set[1].fingerprint == fingerprint && set[1].site <= len)
    {
      hit = set[1];
      set[1] = set[0];
      set[0] = hit;
      return host + hit.site;
    }

  site = lectern_party_get_site (host);
  set[1] = set[0];
  set[0] = (SiteCacheEntry) { fingerprint, site - host };

  return site;
}

gboolean
_lectern_filter_party_matches (MatchState *state,
                               const Rule *rule)
{
  guint wanted = rule->flags & (LECTERN_FILTER_RULE_THIRD_PARTY | LECTERN_FILTER_RULE_FIRST_PARTY);

  if (wanted == 0)
    return TRUE;

  if (state->party == PARTY_NOT_YET)
    {
      if (state->host == NULL || state->page_host == NULL)
        state->party = PARTY_UNKNOWN;
      else if (strcmp (state->host, state->page_host) == 0)
        state->party = PARTY_FIRST;
      else if (state->host[0] == '\0' || state->page_host[0] == '\0')
        state->party = PARTY_FIRST;
      else
        state->party = strcmp (get_site (state->host, state->host_len, state->host_fingerprint),
                               get_site (state->page_host, state->page_host_len, state->page_fingerprint)) != 0 ?
                       PARTY_THIRD : PARTY_FIRST;
    }

  /* Without a page, a rule that depends on the party may not block, and an
   * exception that does may allow: never block on a guess. */
  if (state->party == PARTY_UNKNOWN)
    return (rule->flags & LECTERN_FILTER_RULE_EXCEPTION) != 0;

  return wanted == (state->party == PARTY_THIRD ? LECTERN_FILTER_RULE_THIRD_PARTY :
                                                  LECTERN_FILTER_RULE_FIRST_PARTY);
}
