/* lectern-filter-engine-tokens.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine-private.h"

#include <string.h>

/* Choosing the token that indexes each rule when the image is compiled
 * (lectern-filter-engine-compile.c), and the bytes around it that a URL
 * must hold: a rule is only tried for URLs that hold its token, so the
 * rarer the token, the fewer rules each request tries. */

/* Tokens found in so many URLs that indexing a rule under them saves
 * nothing; a rule uses one only when it has no other. */
static const char * const weak_tokens[] = {
  "com", "http", "https", "icon", "images", "img", "js", "net", "news", "www",
};

/* Words of nearly every site's addresses: file types and the folders
 * and hosts that serve them. A rule is better indexed by another of its
 * tokens when it has one. */
static const char * const common_tokens[] = {
  "ajax", "api", "assets", "cdn", "content", "css", "gif", "google", "html", "image", "jpg",
  "min", "php", "png", "static", "svg", "v1", "v2", "web", "webp",
};

static gboolean
is_token_in (const char * const *list,
             guint               n,
             const char         *token,
             gsize               len)
{
  for (guint i = 0; i < n; i++)
    {
      if (strlen (list[i]) == len && g_ascii_strncasecmp (token, list[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_weak_token (const char *token,
               gsize       len)
{
  return is_token_in (weak_tokens, G_N_ELEMENTS (weak_tokens), token, len);
}

typedef struct
{
  guint32 start;
  guint32 len;
  guint32 pattern_len;
} Candidate;

#define MAX_CANDIDATES 64

/* Runs of token characters that any matching URL must hold as a whole
 * token: bounded on both sides by a literal non-token character, a '^',
 * an anchor or the end of an end-anchored pattern (never by '*'); or, if
 * long enough, at the start of one. */
static guint
pattern_candidates (const char *pat,
                    gsize       len,
                    guint       flags,
                    Candidate  *out)
{
  guint n = 0;
  gsize i = 0;

  while (i < len && n < MAX_CANDIDATES)
    {
      gsize start;
      gboolean left_bounded;
      gboolean right_bounded;

      if (!is_token_char (pat[i]))
        {
          i++;
          continue;
        }

      start = i;
      while (i < len && is_token_char (pat[i]))
        i++;

      if (start == 0)
        left_bounded = (flags & (LECTERN_FILTER_RULE_ANCHOR_HOST | LECTERN_FILTER_RULE_ANCHOR_START)) != 0;
      else
        left_bounded = pat[start - 1] != '*';

      if (i == len)
        right_bounded = (flags & LECTERN_FILTER_RULE_ANCHOR_END) != 0;
      else
        right_bounded = pat[i] != '*';

      /* A long enough run is looked up by its start (see TOKEN_KEY_LEN). */
      if (left_bounded && (right_bounded || i - start >= TOKEN_KEY_LEN))
        out[n++] = (Candidate) { start, i - start, len };
    }

  return n;
}

/* The same for a regular expression: a literal run outside any class or
 * group, with no alternation anywhere, between escaped or literal
 * separators that nothing makes optional. What this misses only sends the
 * expression to the rules tried for every request. */
static guint
regex_candidates (const char *re,
                  gsize       len,
                  Candidate  *out)
{
  static const char escaped_separators[] = "./?=&:-_~!,;#@+";
  static const char literal_separators[] = "/=&:,;";
  static const char quantifiers[] = "?*{+";
  gboolean in_class = FALSE;
  guint depth = 0;
  guint n = 0;
  gsize i = 0;

  for (gsize k = 0; k < len; k++)
    {
      if (re[k] == '\\')
        k++;
      else if (re[k] == '|')
        return 0;
    }

  while (i < len && n < MAX_CANDIDATES)
    {
      char c = re[i];
      gsize start;
      gboolean left;
      gboolean right;

      if (c == '\\')
        {
          i += 2;
          continue;
        }
      if (in_class)
        {
          in_class = c != ']';
          i++;
          continue;
        }
      if (c == '[')
        {
          in_class = TRUE;
          i++;
          continue;
        }
      if (c == '(')
        depth++;
      else if (c == ')' && depth > 0)
        depth--;
      if (!is_token_char (c) || depth > 0)
        {
          i++;
          continue;
        }

      start = i;
      while (i < len && is_token_char (re[i]))
        i++;

      left = (start >= 2 && re[start - 2] == '\\' && strchr (escaped_separators, re[start - 1]) != NULL &&
              (start < 3 || re[start - 3] != '\\')) ||
             (start >= 1 && strchr (literal_separators, re[start - 1]) != NULL &&
              (start < 2 || re[start - 2] != '\\'));
      right = (i + 1 < len && re[i] == '\\' && strchr (escaped_separators, re[i + 1]) != NULL &&
               (i + 2 >= len || strchr (quantifiers, re[i + 2]) == NULL)) ||
              (i < len && strchr (literal_separators, re[i]) != NULL &&
               (i + 1 >= len || strchr (quantifiers, re[i + 1]) == NULL));

      if (left && right && i - start >= 2)
        out[n++] = (Candidate) { start, i - start, len };
    }

  return n;
}

/* The candidates of @rule: of its pattern, or of its regular
 * expression. */
static guint
rule_candidates (const char *strings,
                 const Rule *rule,
                 Candidate  *candidates)
{
  const char *pattern = strings + rule_pattern (rule);

  if (rule->flags & LECTERN_FILTER_RULE_REGEX)
    return regex_candidates (pattern, rule->pattern_len, candidates);

  return pattern_candidates (pattern, rule->pattern_len, rule->flags, candidates);
}

/* How many rules could be indexed by each token: a token many rules name
 * ("analytics", "google") is one many URLs hold too, so a rule is better
 * indexed by its rarest token than by whichever bucket is emptiest when
 * it happens to be read. */
GHashTable *
_lectern_filter_count_tokens (const char *strings,
                              const Rule *rules,
                              guint       n_rules)
{
  GHashTable *frequency = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_rules; i++)
    {
      Candidate candidates[MAX_CANDIDATES];
      guint32 seen[MAX_CANDIDATES];
      guint n = rule_candidates (strings, &rules[i], candidates);
      guint n_seen = 0;

      for (guint c = 0; c < n; c++)
        {
          guint32 hash = token_key_of (strings + rule_pattern (&rules[i]) + candidates[c].start, candidates[c].len);
          gboolean again = FALSE;

          for (guint k = 0; k < n_seen && !again; k++)
            again = seen[k] == hash;
          if (again)
            continue;
          seen[n_seen++] = hash;
          g_hash_table_insert (frequency, GUINT_TO_POINTER (hash),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (frequency, GUINT_TO_POINTER (hash))) + 1));
        }
    }

  return frequency;
}

/* Of the candidates, the one with the fewest rules so far, then the
 * longest: lists hold thousands of rules like ||x.actonservice.com^,
 * which must not all land on one token. 0 when there is none. */
static guint32
choose_token (const char *pat,
              Candidate  *candidates,
              guint       n,
              GHashTable *counts,
              GHashTable *frequency,
              guint      *chosen,
              gboolean   *weak)
{
  guint32 best_hash = 0;
  guint best_cost = G_MAXUINT;
  gsize best_len = 0;

  for (guint c = 0; c < n; c++)
    {
      const char *token = pat + candidates[c].start;
      gsize len = candidates[c].len;
      guint32 hash = token_key_of (token, len);
      guint cost;

      /* 0 marks an empty slot (see key_hash()): a key that hashes to it,
       * one in four billion, indexes nothing. */
      if (hash == 0)
        continue;
      cost = GPOINTER_TO_UINT (g_hash_table_lookup (frequency, GUINT_TO_POINTER (hash))) +
             GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (hash)));

      if (is_weak_token (token, len))
        cost += G_MAXUINT / 2;
      /* Short tokens and top-level domains ("1", "id", "vn") hold few
       * rules but are in many URLs: what costs is how often a bucket is
       * tried, not only how big it is. */
      else if (len <= 2 || is_token_in (common_tokens, G_N_ELEMENTS (common_tokens), token, len))
        cost += 4096;
      else if (candidates[c].start > 0 && pat[candidates[c].start - 1] == '.' &&
               (token[len] == '^' || token[len] == '/' || token[len] == ':' || token[len] == '\0' ||
                candidates[c].start + len == candidates[c].pattern_len))
        cost += 1024;
      else if (len == 3)
        cost += 64;

      if (best_hash == 0 || cost < best_cost || (cost == best_cost && len > best_len))
        {
          *chosen = c;
          best_hash = hash;
          best_cost = cost;
          best_len = len;
        }
    }

  *weak = best_cost >= G_MAXUINT / 2;

  if (best_hash != 0)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (best_hash)));

      g_hash_table_insert (counts, GUINT_TO_POINTER (best_hash), GUINT_TO_POINTER (count + 1));
    }

  return best_hash;
}

/* The token that indexes @rule, or 0 when none can: of the runs of
 * token characters every URL it matches holds, the one fewest rules name
 * (@frequency, from _lectern_filter_count_tokens()) and fewest are
 * indexed by so far (@counts, which counts it), then the longest. Where
 * it starts in the pattern and the length of its key go in @start and
 * @key_len, and @weak says whether it is a token of nearly every URL. */
guint32
_lectern_filter_choose_token (const char *strings,
                              const Rule *rule,
                              GHashTable *counts,
                              GHashTable *frequency,
                              gsize      *start,
                              gsize      *key_len,
                              gboolean   *weak)
{
  Candidate candidates[MAX_CANDIDATES];
  guint n = rule_candidates (strings, rule, candidates);
  guint chosen = 0;
  guint32 token = choose_token (strings + rule_pattern (rule), candidates, n, counts, frequency, &chosen, weak);

  *start = token != 0 ? candidates[chosen].start : 0;
  *key_len = token != 0 ? MIN (candidates[chosen].len, TOKEN_KEY_LEN) : 0;

  return token;
}

/* The bytes of @pattern a URL must hold around the token at @token,
 * whose key ends at @key_end, lower-cased, in the layout of Rule's check,
 * with which are set in @check_bytes: up to RULE_MAX_CHECK from @key_end
 * to the first '*' or '^', and with @before (no '*' before the token, so
 * the match starts at a known distance) up to RULE_MAX_BEFORE right
 * before the token, back to the first '^'. Compared with the lower-cased
 * URL: a $match-case rule's bytes lower-cased are still what it must
 * hold there. */
guint64
_lectern_filter_token_check (const char *pattern,
                             gsize       len,
                             gsize       token,
                             gsize       key_end,
                             gboolean    before,
                             guint8     *check_bytes)
{
  guint64 check = 0;

  *check_bytes = 0;
  for (guint k = 0; k < RULE_MAX_CHECK && key_end + k < len &&
                    pattern[key_end + k] != '*' && pattern[key_end + k] != '^'; k++)
    {
      check |= (guint64) (guchar) to_lower (pattern[key_end + k]) << (8 * k);
      *check_bytes |= 1u << k;
    }

  for (guint k = 0; before && k < RULE_MAX_BEFORE && k < token && pattern[token - k - 1] != '^'; k++)
    {
      check |= (guint64) (guchar) to_lower (pattern[token - k - 1]) << (8 * (7 - k));
      *check_bytes |= 0x80u >> k;
    }

  return check;
}
