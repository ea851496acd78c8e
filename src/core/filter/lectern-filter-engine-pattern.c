/* lectern-filter-engine-pattern.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* memmem(), in glibc and every libc Lectern builds with. */
#define _GNU_SOURCE

#include "config.h"

#include "lectern-filter-engine-match-private.h"
#include "lectern-filter-regex.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Whether a rule's pattern matches the URL of a decision: for the few
 * rules of a request that the token index and their checked bytes let
 * through (see consider_rule()). */

static inline gboolean
is_separator (guchar c)
{
  return !(g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == '%');
}

/* Pattern matching. A pattern is segments of literal characters and '^'
 * separated by '*'. Each segment is matched at its leftmost place: a
 * segment consumes a fixed number of characters (a '^' only matches
 * nothing at the very end of the URL), so an earlier place never leaves
 * the following segments less room. */

static gssize
match_segment_at (const char *seg,
                  gsize       seg_len,
                  const char *url,
                  gsize       url_len,
                  gsize       pos)
{
  gsize i = 0;
  gsize j = pos;

  /* Eight bytes at a time while both have them. Equal bytes match, a '^'
   * too (a '^' in the URL is a separator); the first byte that differs
   * must be a '^' against a separator. */
  while (i + 8 <= seg_len && j + 8 <= url_len)
    {
      guint64 a;
      guint64 b;
      guint64 diff;

      memcpy (&a, seg + i, sizeof a);
      memcpy (&b, url + j, sizeof b);
      diff = GUINT64_FROM_LE (a) ^ GUINT64_FROM_LE (b);
      if (diff != 0)
        {
          guint k = (guint) __builtin_ctzll (diff) / 8;

          i += k;
          j += k;
          if (seg[i] != '^' || !is_separator (url[j]))
            return -1;
          i++;
          j++;
        }
      else
        {
          i += 8;
          j += 8;
        }
    }

  for (; i < seg_len; i++)
    {
      if (seg[i] == '^')
        {
          if (j == url_len)
            continue;
          if (!is_separator (url[j]))
            return -1;
        }
      else if (j == url_len || url[j] != seg[i])
        {
          return -1;
        }
      j++;
    }

  return j;
}

#ifdef __SSE2__
/* The first place from @from on where @lit, of @len bytes, at least two,
 * may start in @url: where both its first and its last byte are, sixteen
 * places at a time. Which of those it is, match_segment_at() or
 * memcmp() tells; that pair of bytes rarely meets by chance, where a
 * pattern's first byte alone ('.', '/', '=') is all over a URL. @url is
 * followed by at least sixteen readable nuls, which no pattern holds.
 * Returns @url_len + 1 when there is no such place. */
static gsize
find_literal_ends (const char *url,
                   gsize       url_len,
                   gsize       from,
                   const char *lit,
                   gsize       len)
{
  const __m128i first = _mm_set1_epi8 (lit[0]);
  const __m128i last = _mm_set1_epi8 (lit[len - 1]);

  for (gsize p = from; p + len <= url_len; p += 16)
    {
      __m128i a = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (url + p));
      __m128i b = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (url + p + len - 1));
      guint bits = (guint) _mm_movemask_epi8 (_mm_and_si128 (_mm_cmpeq_epi8 (a, first), _mm_cmpeq_epi8 (b, last)));

      /* A place whose last byte would be in the padding finds a nul
       * there, never the pattern's byte. */
      if (bits != 0)
        return p + (gsize) __builtin_ctz (bits);
    }

  return url_len + 1;
}
#endif

/* Where @lit, of @len bytes, is in @url from @from on, or -1. With
 * @padded, as for find_literal_ends(). */
static gssize
find_literal (const char *url,
              gsize       url_len,
              gsize       from,
              const char *lit,
              gsize       len,
              gboolean    padded)
{
#ifdef __SSE2__
  if (padded && len >= 2)
    {
      for (gsize pos = from;; pos++)
        {
          pos = find_literal_ends (url, url_len, pos, lit, len);
          if (pos > url_len)
            return -1;
          if (memcmp (url + pos, lit, len) == 0)
            return pos;
        }
    }
#endif
  {
    const char *found = from <= url_len ? memmem (url + from, url_len - from, lit, len) : NULL;

    return found != NULL ? found - url : -1;
  }
}

/* Where @seg is first in @url from @from on, and where it ends there in
 * @end; or -1. With @padded, as for find_literal_ends(). */
static gssize
find_segment (const char *seg,
              gsize       seg_len,
              const char *url,
              gsize       url_len,
              gsize       from,
              gboolean    padded,
              gsize      *end)
{
  gsize pos = from;
  /* The segment's literal start, up to its first '^'. */
  gsize literal = 0;

  while (literal < seg_len && seg[literal] != '^')
    literal++;

  while (pos <= url_len)
    {
      gssize e;

      /* Look for the whole literal start rather than its first byte, '%',
       * '=', '.' or '/' all over a URL, where the search is quick (see
       * find_literal()); in a short URL that is not padded, setting the
       * search up costs more than it saves. */
      if (literal >= 2 && (padded || url_len - pos > 256))
        {
          gssize found = find_literal (url, url_len, pos, seg, literal, padded);

          if (found < 0)
            return -1;
          pos = found;
        }
      else if (literal > 0)
        {
          const char *next = memchr (url + pos, seg[0], url_len - pos);

          if (next == NULL)
            return -1;
          pos = next - url;
        }

      e = match_segment_at (seg, seg_len, url, url_len, pos);
      if (e >= 0)
        {
          *end = e;
          return pos;
        }
      pos++;
    }

  return -1;
}

static gboolean
match_from (const char *pat,
            gsize       pat_len,
            const char *url,
            gsize       url_len,
            gsize       pos,
            gboolean    anchored,
            gboolean    anchor_end,
            gboolean    padded)
{
  const char *seg = pat;
  const char *pat_end = pat + pat_len;

  for (;;)
    {
      const char *star = memchr (seg, '*', pat_end - seg);
      gsize seg_len = (star != NULL ? star : pat_end) - seg;
      gboolean last = star == NULL;
      gsize end;

      if (anchored)
        {
          gssize e = match_segment_at (seg, seg_len, url, url_len, pos);

          if (e < 0)
            return FALSE;
          end = e;
        }
      else if (last && anchor_end)
        {
          /* The last segment must end at the end of the URL: try the
           * places it could start from, latest first. */
          for (gsize p = url_len + 1; p-- > pos;)
            {
              if (url_len - p > seg_len)
                break;
              if (match_segment_at (seg, seg_len, url, url_len, p) == (gssize) url_len)
                return TRUE;
            }
          return FALSE;
        }
      else if (find_segment (seg, seg_len, url, url_len, pos, padded, &end) < 0)
        {
          return FALSE;
        }

      if (last)
        return !anchor_end || end == url_len;

      pos = end;
      anchored = FALSE;
      seg = star + 1;
    }
}

/* A rule's compiled expression, and the text every match holds (see
 * lectern_filter_regex_required_literal()). */
typedef struct
{
  GRegex *regex;
  char   *literal;
  gsize   literal_len;
} CompiledRegex;

void
_lectern_filter_compiled_regex_free (gpointer data)
{
  CompiledRegex *compiled = data;

  g_clear_pointer (&compiled->regex, g_regex_unref);
  g_free (compiled->literal);
  g_free (compiled);
}

static const CompiledRegex *
get_regex (LecternFilterEngine *self,
           const Rule          *rule)
{
  guint index = rule - self->image_rules;
  CompiledRegex *compiled;

  g_mutex_lock (&self->regex_lock);
  compiled = g_hash_table_lookup (self->regexes, GUINT_TO_POINTER (index + 1));
  if (compiled == NULL)
    {
      const char *pattern = self->image_strings + rule_pattern (rule);
      g_autofree char *source = g_strndup (pattern, rule->pattern_len);
      GRegexCompileFlags flags = G_REGEX_RAW | G_REGEX_NO_AUTO_CAPTURE | G_REGEX_OPTIMIZE;

      if (!(rule->flags & LECTERN_FILTER_RULE_MATCH_CASE))
        flags |= G_REGEX_CASELESS;

      compiled = g_new0 (CompiledRegex, 1);
      /* The parser compiled it already: this cannot fail but for memory. */
      compiled->regex = g_regex_new (source, flags, 0, NULL);
      compiled->literal = lectern_filter_regex_required_literal (pattern, rule->pattern_len);
      compiled->literal_len = compiled->literal != NULL ? strlen (compiled->literal) : 0;
      g_hash_table_insert (self->regexes, GUINT_TO_POINTER (index + 1), compiled);
    }
  g_mutex_unlock (&self->regex_lock);

  return compiled;
}

gboolean
_lectern_filter_pattern_matches (MatchState *state,
                                 const Rule *rule,
                                 gsize       token_pos)
{
  const char *pattern = state->engine->image_strings + rule_pattern (rule);
  const UrlParts *lower = &state->lower;
  const char *url = (rule->flags & LECTERN_FILTER_RULE_MATCH_CASE) ? state->original : lower->url;
  gboolean anchor_end = (rule->flags & LECTERN_FILTER_RULE_ANCHOR_END) != 0;
  /* Only the lower-cased copy is padded. */
  gboolean padded = url == lower->url;

  if (G_UNLIKELY (rule->flags & LECTERN_FILTER_RULE_REGEX))
    {
      const CompiledRegex *compiled = get_regex (state->engine, rule);

      if (compiled->regex == NULL)
        return FALSE;
      if (compiled->literal != NULL &&
          find_literal (lower->url, lower->len, 0, compiled->literal, compiled->literal_len, TRUE) < 0)
        return FALSE;

      return g_regex_match_full (compiled->regex, state->original, state->original_len, 0, 0, NULL, NULL);
    }

  /* The token was found at @token_pos: a match can only start in one place. */
  if (token_pos != UNKNOWN_POSITION && rule->token_offset != NO_TOKEN_OFFSET)
    {
      gsize pos;

      /* consider_token_range() has compared the bytes around the token. */
      if (token_pos < rule->token_offset)
        return FALSE;
      pos = token_pos - rule->token_offset;

      if (rule->flags & LECTERN_FILTER_RULE_ANCHOR_HOST)
        {
          if (pos < lower->host_start || pos >= lower->host_end ||
              (pos > lower->host_start && url[pos - 1] != '.'))
            return FALSE;
        }
      else if ((rule->flags & LECTERN_FILTER_RULE_ANCHOR_START) && pos != 0)
        {
          return FALSE;
        }

      if (rule->types & RULE_ONE_SEGMENT)
        {
          gssize end = match_segment_at (pattern, rule->pattern_len, url, lower->len, pos);

          return end >= 0 && (!anchor_end || (gsize) end == lower->len);
        }

      return match_from (pattern, rule->pattern_len, url, lower->len, pos, TRUE, anchor_end, padded);
    }

  if (rule->flags & LECTERN_FILTER_RULE_ANCHOR_HOST)
    {
      char first = rule->pattern_len > 0 ? pattern[0] : '*';
      gboolean literal = first != '*' && first != '^';

      /* Only at the start of the host or of one of its labels: ||ample.com
       * is not in example.com. */
      for (gsize p = lower->host_start; p < lower->host_end; p++)
        {
          if (p > lower->host_start && url[p - 1] != '.')
            continue;
          if (literal && url[p] != first)
            continue;
          if (match_from (pattern, rule->pattern_len, url, lower->len, p, TRUE, anchor_end, padded))
            return TRUE;
        }
      return FALSE;
    }

  return match_from (pattern, rule->pattern_len, url, lower->len, 0,
                     (rule->flags & LECTERN_FILTER_RULE_ANCHOR_START) != 0, anchor_end, padded);
}
