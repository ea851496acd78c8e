/* lectern-filter-engine.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine.h"

#include "lectern-party.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* URLs are lowercased into a buffer of this size on the stack. A longer URL
 * (rare: some tracking pixels carry kilobytes of data) gets one heap copy
 * instead of being cut, as a cut copy could lose the part an exception
 * rule matches and so block what the lists allow. */
#define URL_BUFFER_SIZE 4096

/* Host names are at most 253 characters; a longer host cannot be split
 * into its site, so its party is unknown. */
#define HOST_BUFFER_SIZE 256

#define N_TYPES 12

/* What a rule with no type option applies to. As in Adblock Plus, the top
 * document is only blocked by rules that name it. */
#define DEFAULT_TYPES (LECTERN_RESOURCE_ALL & ~LECTERN_RESOURCE_DOCUMENT)

typedef enum
{
  RULE_EXCEPTION       = 1 << 0,
  RULE_IMPORTANT       = 1 << 1,
  RULE_MATCH_CASE      = 1 << 2,
  RULE_THIRD_PARTY     = 1 << 3,
  RULE_FIRST_PARTY     = 1 << 4,
  RULE_ANCHOR_HOST     = 1 << 5,
  RULE_ANCHOR_START    = 1 << 6,
  RULE_ANCHOR_END      = 1 << 7,
  RULE_DOMAIN_POSITIVE = 1 << 8,
} RuleFlags;

typedef struct
{
  const char *text;
  /* '*' and '^' are the only special characters left; lower case unless
   * the rule has $match-case. */
  const char *pattern;
  /* "a.com|~b.com", lower case, or NULL. */
  const char *domains;
  guint       pattern_len;
  guint16     flags;
  guint16     types;
  guint8      list;
} Rule;

typedef enum
{
  LINE_RULE,
  LINE_COMMENT,
  LINE_COSMETIC,
  LINE_SKIPPED,
  LINE_INVALID,
} LineKind;

struct _LecternFilterEngine
{
  GStringChunk       *strings;
  /* Owns every Rule. */
  GPtrArray          *rules;
  /* Token hash to a GPtrArray of the rules whose pattern holds that token
   * where any matching URL must hold it too. */
  GHashTable         *buckets;
  /* Rules with no such token: tried for every request. */
  GPtrArray          *untokenized;
  /* @@…$document rules also allow every request of a page they match. */
  GPtrArray          *page_exceptions;
  LecternFilterStats  stats;
};

G_DEFINE_QUARK (lectern-filter-error-quark, lectern_filter_error)

static const struct
{
  const char           *name;
  LecternResourceTypes  types;
} type_options[] = {
  { "script",            LECTERN_RESOURCE_SCRIPT },
  { "image",             LECTERN_RESOURCE_IMAGE },
  { "stylesheet",        LECTERN_RESOURCE_STYLESHEET },
  { "css",               LECTERN_RESOURCE_STYLESHEET },
  { "xmlhttprequest",    LECTERN_RESOURCE_XMLHTTPREQUEST },
  { "xhr",               LECTERN_RESOURCE_XMLHTTPREQUEST },
  { "subdocument",       LECTERN_RESOURCE_SUBDOCUMENT },
  { "frame",             LECTERN_RESOURCE_SUBDOCUMENT },
  { "document",          LECTERN_RESOURCE_DOCUMENT },
  { "doc",               LECTERN_RESOURCE_DOCUMENT },
  { "font",              LECTERN_RESOURCE_FONT },
  { "media",             LECTERN_RESOURCE_MEDIA },
  { "websocket",         LECTERN_RESOURCE_WEBSOCKET },
  { "ping",              LECTERN_RESOURCE_PING },
  { "beacon",            LECTERN_RESOURCE_PING },
  { "object",            LECTERN_RESOURCE_OBJECT },
  /* Plugin requests are gone from browsers; uBlock Origin reads it as object. */
  { "object-subrequest", LECTERN_RESOURCE_OBJECT },
  { "other",             LECTERN_RESOURCE_OTHER },
};

/* Tokens found in so many URLs that indexing a rule under them saves
 * nothing; a rule uses one only when it has no other. */
static const char * const weak_tokens[] = {
  "com", "http", "https", "icon", "images", "img", "js", "net", "news", "www",
};

static inline gboolean
is_token_char (guchar c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         (c >= 'A' && c <= 'Z') || c == '%';
}

static inline gboolean
is_separator (guchar c)
{
  return !(g_ascii_isalnum (c) || c == '_' || c == '-' || c == '.' || c == '%');
}

/* g_ascii_tolower() is not inlined, and runs for every byte of every URL. */
static inline char
to_lower (char c)
{
  return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static inline guint
hash_token (const char *token,
            gsize       len)
{
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < len; i++)
    {
      hash ^= (guchar) to_lower (token[i]);
      hash *= 16777619u;
    }

  /* Zero is NULL as a hash table key. */
  return hash != 0 ? hash : 1;
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
  gsize j = pos;

  for (gsize i = 0; i < seg_len; i++)
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

static gssize
find_segment (const char *seg,
              gsize       seg_len,
              const char *url,
              gsize       url_len,
              gsize       from,
              gsize      *end)
{
  gsize pos = from;

  while (pos <= url_len)
    {
      gssize e;

      if (seg_len > 0 && seg[0] != '^')
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
            gboolean    anchor_end)
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
      else if (find_segment (seg, seg_len, url, url_len, pos, &end) < 0)
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

/* A DNS name has at most 127 labels. */
#define MAX_LABELS 128

/* A parsed URL: offsets into the string the rules are matched against. */
typedef struct
{
  const char *url;
  gsize       len;
  gsize       host_start;
  gsize       host_end;
  guint       n_labels;
  gsize       labels[MAX_LABELS];
} UrlParts;

static gboolean
split_url (const char *url,
           gsize       len,
           UrlParts   *parts)
{
  const char *sep = strstr (url, "://");
  gsize authority_start;
  gsize authority_end;
  gsize host_start;
  gsize host_end;

  if (sep == NULL || sep == url)
    return FALSE;

  for (const char *p = url; p < sep; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '+' && *p != '-' && *p != '.')
        return FALSE;
    }

  authority_start = sep + 3 - url;
  authority_end = authority_start + strcspn (url + authority_start, "/?#");

  host_start = authority_start;
  for (gsize i = authority_start; i < authority_end; i++)
    {
      if (url[i] == '@')
        host_start = i + 1;
    }

  if (host_start < authority_end && url[host_start] == '[')
    {
      const char *close = memchr (url + host_start, ']', authority_end - host_start);

      if (close == NULL)
        return FALSE;
      host_end = close + 1 - url;
    }
  else
    {
      const char *colon = memchr (url + host_start, ':', authority_end - host_start);

      host_end = colon != NULL ? (gsize) (colon - url) : authority_end;
    }

  if (host_end <= host_start)
    return FALSE;

  parts->url = url;
  parts->len = len;
  parts->host_start = host_start;
  parts->host_end = host_end;

  /* Where a ||host rule may start matching. More labels than DNS allows
   * make no host at all. */
  parts->n_labels = 0;
  for (gsize i = host_start; i < host_end; i++)
    {
      if (i == host_start || url[i - 1] == '.')
        {
          if (parts->n_labels == MAX_LABELS)
            return FALSE;
          parts->labels[parts->n_labels++] = i;
        }
    }

  return TRUE;
}

static gboolean
pattern_matches (const Rule     *rule,
                 const UrlParts *lower,
                 const char     *original)
{
  const char *url = (rule->flags & RULE_MATCH_CASE) ? original : lower->url;
  gboolean anchor_end = (rule->flags & RULE_ANCHOR_END) != 0;

  if (rule->flags & RULE_ANCHOR_HOST)
    {
      char first = rule->pattern_len > 0 ? rule->pattern[0] : '*';
      gboolean literal = first != '*' && first != '^';

      /* Only at the start of the host or of one of its labels: ||ample.com
       * is not in example.com. */
      for (guint l = 0; l < lower->n_labels; l++)
        {
          gsize p = lower->labels[l];

          if (literal && url[p] != first)
            continue;
          if (match_from (rule->pattern, rule->pattern_len, url, lower->len, p, TRUE, anchor_end))
            return TRUE;
        }
      return FALSE;
    }

  return match_from (rule->pattern, rule->pattern_len, url, lower->len, 0,
                     (rule->flags & RULE_ANCHOR_START) != 0, anchor_end);
}

/* Whether $domain= lets @rule apply on a page of @page_host (NULL when
 * unknown). As in uBlock Origin and Ghostery, an excluded domain that the
 * host is or is under always wins, even over a more specific included one;
 * otherwise the host must be or be under an included domain, if any is
 * listed. */
static gboolean
domain_matches (const Rule *rule,
                const char *page_host)
{
  gboolean included = FALSE;

  if (rule->domains == NULL)
    return TRUE;

  for (const char *suffix = page_host; suffix != NULL && *suffix != '\0';)
    {
      gsize suffix_len = strlen (suffix);
      const char *entry = rule->domains;
      const char *dot;

      while (*entry != '\0')
        {
          gboolean negated = *entry == '~';
          const char *name = negated ? entry + 1 : entry;
          gsize name_len = strcspn (name, "|");

          if (name_len == suffix_len && memcmp (name, suffix, suffix_len) == 0)
            {
              if (negated)
                return FALSE;
              included = TRUE;
            }

          entry = name + name_len;
          if (*entry == '|')
            entry++;
        }

      dot = strchr (suffix, '.');
      suffix = dot != NULL ? dot + 1 : NULL;
    }

  return included || (rule->flags & RULE_DOMAIN_POSITIVE) == 0;
}

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
  UrlParts     lower;
  const char  *original;
  const char  *host;
  const char  *page_host;
  Party        party;
  guint        types;
  /* Per type bit: the first blocking, important blocking and exception
   * rule that matched, and which types each of those has found. */
  const Rule  *block[N_TYPES];
  const Rule  *important[N_TYPES];
  const Rule  *exception[N_TYPES];
  guint        have_block;
  guint        have_important;
  guint        have_exception;
} MatchState;

static gboolean
party_matches (MatchState *state,
               const Rule *rule)
{
  guint wanted = rule->flags & (RULE_THIRD_PARTY | RULE_FIRST_PARTY);

  if (wanted == 0)
    return TRUE;

  if (state->party == PARTY_NOT_YET)
    {
      if (state->host == NULL || state->page_host == NULL)
        state->party = PARTY_UNKNOWN;
      else if (strcmp (state->host, state->page_host) == 0)
        state->party = PARTY_FIRST;
      else
        state->party = lectern_party_is_third (state->host, state->page_host) ?
                       PARTY_THIRD : PARTY_FIRST;
    }

  /* Without a page, a rule that depends on the party may not block, and an
   * exception that does may allow: never block on a guess. */
  if (state->party == PARTY_UNKNOWN)
    return (rule->flags & RULE_EXCEPTION) != 0;

  return wanted == (state->party == PARTY_THIRD ? RULE_THIRD_PARTY : RULE_FIRST_PARTY);
}

static void
consider_rule (MatchState *state,
               const Rule *rule)
{
  guint types = rule->types & state->types;
  const Rule **slots;
  guint *have;

  if (rule->flags & RULE_EXCEPTION)
    {
      slots = state->exception;
      have = &state->have_exception;
    }
  else if (rule->flags & RULE_IMPORTANT)
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

  /* The party last: it is the dearest to find out. */
  if (!pattern_matches (rule, &state->lower, state->original) ||
      !domain_matches (rule, state->page_host) ||
      !party_matches (state, rule))
    return;

  for (guint bit = 0; bit < N_TYPES; bit++)
    {
      if (types & (1u << bit))
        slots[bit] = rule;
    }
  *have |= types;
}

static void
consider_rules (MatchState      *state,
                const GPtrArray *rules)
{
  for (guint i = 0; i < rules->len; i++)
    consider_rule (state, g_ptr_array_index (rules, i));
}

/* Line parsing. */

static gboolean
is_cosmetic (const char *line,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (line[i] == '#')
        {
          /* ##, #@#, #?#, #$#, #%#, #@?#, #@$#, #$?# and the like. */
          gsize j = i + 1;
          guint marks = 0;

          if (j < len && line[j] == '@')
            j++;
          while (j < len && marks < 2 && (line[j] == '$' || line[j] == '?' || line[j] == '%'))
            {
              j++;
              marks++;
            }
          if (j < len && line[j] == '#')
            return TRUE;
        }
      else if (line[i] == '$' && i + 1 < len &&
               (line[i + 1] == '$' || (line[i + 1] == '@' && i + 2 < len && line[i + 2] == '$')))
        {
          /* $$ and $@$: HTML filtering, which works on the page's markup. */
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
option_is (const char *option,
           gsize       len,
           const char *name)
{
  return strlen (name) == len && memcmp (option, name, len) == 0;
}

static gboolean
is_weak_token (const char *token,
               gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (weak_tokens); i++)
    {
      if (strlen (weak_tokens[i]) == len && g_ascii_strncasecmp (token, weak_tokens[i], len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The token that indexes @rule: a run of token characters that any
 * matching URL must hold as a whole token, that is one bounded on both
 * sides by a literal non-token character, a '^', an anchor or the end of an
 * end-anchored pattern (never by '*'). Of those, the one with the fewest
 * rules so far, then the longest: lists hold thousands of rules like
 * ||x.actonservice.com^, which must not all land on one token. */
static gboolean
find_rule_token (LecternFilterEngine *self,
                 const Rule          *rule,
                 guint               *hash)
{
  const char *pat = rule->pattern;
  gsize len = rule->pattern_len;
  gboolean found = FALSE;
  guint best_hash = 0;
  guint best_cost = G_MAXUINT;
  gsize best_len = 0;
  gsize i = 0;

  while (i < len)
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
        left_bounded = (rule->flags & (RULE_ANCHOR_HOST | RULE_ANCHOR_START)) != 0;
      else
        left_bounded = pat[start - 1] != '*';

      if (i == len)
        right_bounded = (rule->flags & RULE_ANCHOR_END) != 0;
      else
        right_bounded = pat[i] != '*';

      if (left_bounded && right_bounded)
        {
          guint token_hash = hash_token (pat + start, i - start);
          GPtrArray *bucket = g_hash_table_lookup (self->buckets, GUINT_TO_POINTER (token_hash));
          guint cost = bucket != NULL ? MIN (bucket->len, G_MAXUINT / 4) : 0;

          if (is_weak_token (pat + start, i - start))
            cost += G_MAXUINT / 2;

          if (!found || cost < best_cost || (cost == best_cost && i - start > best_len))
            {
              found = TRUE;
              best_hash = token_hash;
              best_cost = cost;
              best_len = i - start;
            }
        }
    }

  *hash = best_hash;

  return found;
}

/* Parses the value of $domain=. Returns FALSE with @kind set when the rule
 * cannot be used. */
static gboolean
parse_domains (const char  *value,
               gsize        len,
               GString     *out,
               gboolean    *has_positive,
               LineKind    *kind,
               GError     **error)
{
  gsize i = 0;

  *has_positive = FALSE;

  if (len == 0)
    {
      *kind = LINE_INVALID;
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX,
                           _("The domain option has no domains"));
      return FALSE;
    }

  while (i <= len)
    {
      gsize end = i;
      gboolean negated = FALSE;
      gsize name_start;
      g_autofree char *ascii = NULL;
      gboolean supported = TRUE;

      while (end < len && value[end] != '|')
        end++;

      name_start = i;
      if (name_start < end && value[name_start] == '~')
        {
          negated = TRUE;
          name_start++;
        }

      if (name_start == end)
        {
          *kind = LINE_INVALID;
          g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX,
                               _("The domain option has an empty entry"));
          return FALSE;
        }

      for (gsize k = name_start; k < end && supported; k++)
        {
          guchar c = value[k];

          /* "google.*" entities and /regex/ domains need more than a
           * host comparison. */
          if (c < 0x80 && !g_ascii_isalnum (c) && c != '.' && c != '-' && c != '_')
            supported = FALSE;
          else if (c >= 0x80 && ascii == NULL)
            {
              /* Page hosts come in their ASCII (punycode) form. */
              g_autofree char *name = g_strndup (value + name_start, end - name_start);

              ascii = g_hostname_to_ascii (name);
              supported = ascii != NULL;
            }
        }

      if (!supported)
        {
          *kind = LINE_SKIPPED;
          g_set_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                       _("The domain “%.*s” is not supported"),
                       (int) (end - name_start), value + name_start);
          return FALSE;
        }

      if (out->len > 0)
        g_string_append_c (out, '|');
      if (negated)
        g_string_append_c (out, '~');
      else
        *has_positive = TRUE;
      if (ascii != NULL)
        {
          g_string_append (out, ascii);
        }
      else
        {
          for (gsize k = name_start; k < end; k++)
            g_string_append_c (out, g_ascii_tolower (value[k]));
        }

      i = end + 1;
    }

  return TRUE;
}

/* Parses @line (trimmed, @len bytes). On LINE_RULE, fills @rule with
 * pointers into @pattern and @domains, which the caller copies. */
static LineKind
parse_line (const char  *line,
            gsize        len,
            Rule        *rule,
            GString     *pattern,
            GString     *domains,
            GError     **error)
{
  const char *pat;
  gsize pat_len;
  const char *options = NULL;
  gsize options_len = 0;
  guint positive_types = 0;
  guint negative_types = 0;
  gboolean popup = FALSE;
  gboolean has_options;

  if (len == 0)
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX,
                           _("The line is empty"));
      return LINE_INVALID;
    }

  if (line[0] == '!' ||
      (line[0] == '[' && line[len - 1] == ']'))
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                           _("The line is a comment"));
      return LINE_COMMENT;
    }

  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) line[i] < 0x20 || line[i] == 0x7f)
        {
          g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX,
                               _("The line holds control characters"));
          return LINE_INVALID;
        }
    }

  if (is_cosmetic (line, len))
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                           _("The line is an element-hiding or scriptlet rule, not a network rule"));
      return LINE_COSMETIC;
    }

  /* Hosts files and some lists comment with '#'. */
  if (line[0] == '#')
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                           _("The line is a comment"));
      return LINE_COMMENT;
    }

  memset (rule, 0, sizeof *rule);
  rule->types = DEFAULT_TYPES;

  pat = line;
  pat_len = len;

  if (pat_len >= 2 && pat[0] == '@' && pat[1] == '@')
    {
      rule->flags |= RULE_EXCEPTION;
      pat += 2;
      pat_len -= 2;
    }

  {
    const char *dollar = NULL;

    for (gsize i = pat_len; i > 0; i--)
      {
        if (pat[i - 1] == '$')
          {
            dollar = pat + i - 1;
            break;
          }
      }

    if (dollar != NULL)
      {
        options = dollar + 1;
        options_len = pat + pat_len - options;
        pat_len = dollar - pat;
      }
  }

  has_options = options != NULL;

  /* Option values may hold spaces ($csp=); patterns may not. */
  for (gsize i = 0; i < pat_len; i++)
    {
      if (g_ascii_isspace (pat[i]))
        {
          g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX,
                               _("A network rule cannot hold spaces"));
          return LINE_INVALID;
        }
    }

  if (pat_len >= 2 && pat[0] == '/' && pat[pat_len - 1] == '/')
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                           _("Regular expression rules are not supported"));
      return LINE_SKIPPED;
    }

  if (has_options)
    {
      gsize i = 0;

      if (options_len == 0)
        {
          g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX,
                               _("The rule has an empty option list"));
          return LINE_INVALID;
        }

      while (i <= options_len)
        {
          const char *option = options + i;
          gsize end = i;
          gsize option_len;
          const char *value = NULL;
          gsize value_len = 0;
          gsize name_len;
          gboolean negated = FALSE;
          const char *name = option;
          gboolean known = FALSE;

          while (end < options_len && options[end] != ',')
            end++;
          option_len = end - i;
          i = end + 1;

          if (option_len == 0)
            {
              g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX,
                                   _("The rule has an empty option"));
              return LINE_INVALID;
            }

          if (name[0] == '~')
            {
              negated = TRUE;
              name++;
              option_len--;
            }

          {
            const char *eq = memchr (name, '=', option_len);

            if (eq != NULL)
              {
                value = eq + 1;
                value_len = name + option_len - value;
                name_len = eq - name;
              }
            else
              {
                name_len = option_len;
              }
          }

          if (value == NULL)
            {
              for (guint t = 0; t < G_N_ELEMENTS (type_options); t++)
                {
                  if (option_is (name, name_len, type_options[t].name))
                    {
                      if (negated)
                        negative_types |= type_options[t].types;
                      else
                        positive_types |= type_options[t].types;
                      known = TRUE;
                      break;
                    }
                }

              if (known)
                continue;

              if (option_is (name, name_len, "third-party") || option_is (name, name_len, "3p"))
                {
                  rule->flags |= negated ? RULE_FIRST_PARTY : RULE_THIRD_PARTY;
                  continue;
                }
              if (option_is (name, name_len, "first-party") || option_is (name, name_len, "1p"))
                {
                  rule->flags |= negated ? RULE_THIRD_PARTY : RULE_FIRST_PARTY;
                  continue;
                }
              if (option_is (name, name_len, "match-case"))
                {
                  if (!negated)
                    rule->flags |= RULE_MATCH_CASE;
                  continue;
                }
              if (option_is (name, name_len, "important") && !negated)
                {
                  rule->flags |= RULE_IMPORTANT;
                  continue;
                }
              if (option_is (name, name_len, "all") && !negated)
                {
                  positive_types |= LECTERN_RESOURCE_ALL;
                  continue;
                }
              if (option_is (name, name_len, "popup"))
                {
                  /* No request here is ever a popup. */
                  if (!negated)
                    popup = TRUE;
                  continue;
                }
              if (name_len > 0 && strspn (name, "_") >= name_len && !negated)
                {
                  /* uBlock Origin's no-op option, used to make rules readable. */
                  continue;
                }
            }
          else if (!negated &&
                   (option_is (name, name_len, "domain") || option_is (name, name_len, "from")))
            {
              gboolean has_positive;
              LineKind kind;

              if (!parse_domains (value, value_len, domains, &has_positive, &kind, error))
                return kind;
              if (has_positive)
                rule->flags |= RULE_DOMAIN_POSITIVE;
              continue;
            }

          g_set_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                       _("The option “%.*s” is not supported"),
                       (int) (end - (option - options)), option);
          return LINE_SKIPPED;
        }
    }

  if (popup && positive_types == 0)
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                           _("Popup rules are not supported"));
      return LINE_SKIPPED;
    }

  if (positive_types != 0)
    rule->types = positive_types;
  rule->types &= ~negative_types;

  if (rule->types == 0)
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                           _("The rule applies to no request type"));
      return LINE_SKIPPED;
    }

  if ((rule->flags & (RULE_THIRD_PARTY | RULE_FIRST_PARTY)) == (RULE_THIRD_PARTY | RULE_FIRST_PARTY))
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                           _("The rule is both first- and third-party"));
      return LINE_SKIPPED;
    }

  /* Anchors; a '|' anywhere else is a plain character. */
  if (pat_len >= 2 && pat[0] == '|' && pat[1] == '|')
    {
      rule->flags |= RULE_ANCHOR_HOST;
      pat += 2;
      pat_len -= 2;
    }
  else if (pat_len >= 1 && pat[0] == '|')
    {
      rule->flags |= RULE_ANCHOR_START;
      pat++;
      pat_len--;
    }

  if (pat_len >= 1 && pat[pat_len - 1] == '|')
    {
      rule->flags |= RULE_ANCHOR_END;
      pat_len--;
    }

  /* A wildcard next to an anchor undoes it; at the ends it means nothing. */
  if (!(rule->flags & RULE_ANCHOR_HOST))
    {
      if (pat_len > 0 && pat[0] == '*')
        rule->flags &= ~RULE_ANCHOR_START;
      while (pat_len > 0 && pat[0] == '*')
        {
          pat++;
          pat_len--;
        }
    }
  if (pat_len > 0 && pat[pat_len - 1] == '*')
    {
      rule->flags &= ~RULE_ANCHOR_END;
      while (pat_len > 0 && pat[pat_len - 1] == '*')
        pat_len--;
    }

  g_string_truncate (pattern, 0);

  if (rule->flags & RULE_ANCHOR_HOST)
    {
      gsize host_len = 0;
      gboolean unicode = FALSE;

      while (host_len < pat_len && strchr ("/^*?:", pat[host_len]) == NULL)
        unicode |= (guchar) pat[host_len++] >= 0x80;

      /* Request hosts come in their ASCII (punycode) form. */
      if (unicode)
        {
          g_autofree char *name = g_strndup (pat, host_len);
          g_autofree char *ascii = g_hostname_to_ascii (name);

          if (ascii == NULL)
            {
              g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                                   _("The rule’s host name cannot be converted to ASCII"));
              return LINE_SKIPPED;
            }
          g_string_append (pattern, ascii);
          pat += host_len;
          pat_len -= host_len;
        }
    }

  for (gsize i = 0; i < pat_len; i++)
    {
      /* Runs of '*' are one wildcard. */
      if (pat[i] == '*' && pattern->len > 0 && pattern->str[pattern->len - 1] == '*')
        continue;
      if (rule->flags & RULE_MATCH_CASE)
        g_string_append_c (pattern, pat[i]);
      else
        g_string_append_c (pattern, g_ascii_tolower (pat[i]));
    }

  if (!has_options && strspn (pattern->str, "*") == pattern->len)
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX,
                           _("The rule would match every request"));
      return LINE_INVALID;
    }

  rule->pattern = pattern->str;
  rule->pattern_len = pattern->len;
  rule->domains = domains->len > 0 ? domains->str : NULL;

  return LINE_RULE;
}

static gboolean
add_line (LecternFilterEngine    *self,
          const char             *line,
          gsize                   len,
          LecternFilterListKind   list,
          GError                **error)
{
  g_autoptr(GString) pattern = NULL;
  g_autoptr(GString) domains = NULL;
  Rule parsed;
  Rule *rule;
  LineKind kind;
  guint hash;

  while (len > 0 && g_ascii_isspace (line[0]))
    {
      line++;
      len--;
    }
  while (len > 0 && g_ascii_isspace (line[len - 1]))
    len--;

  pattern = g_string_new (NULL);
  domains = g_string_new (NULL);

  kind = parse_line (line, len, &parsed, pattern, domains, error);

  switch (kind)
    {
    case LINE_RULE:
      break;
    case LINE_COMMENT:
      self->stats.comments++;
      return FALSE;
    case LINE_COSMETIC:
      self->stats.cosmetic++;
      return FALSE;
    case LINE_SKIPPED:
      self->stats.skipped++;
      return FALSE;
    case LINE_INVALID:
    default:
      self->stats.invalid++;
      return FALSE;
    }

  rule = g_new (Rule, 1);
  *rule = parsed;
  rule->list = list;
  rule->text = g_string_chunk_insert_len (self->strings, line, len);
  rule->pattern = g_string_chunk_insert_len (self->strings, pattern->str, pattern->len);
  if (parsed.domains != NULL)
    rule->domains = g_string_chunk_insert_len (self->strings, domains->str, domains->len);
  g_ptr_array_add (self->rules, rule);

  if (find_rule_token (self, rule, &hash))
    {
      GPtrArray *bucket = g_hash_table_lookup (self->buckets, GUINT_TO_POINTER (hash));

      if (bucket == NULL)
        {
          bucket = g_ptr_array_sized_new (1);
          g_hash_table_insert (self->buckets, GUINT_TO_POINTER (hash), bucket);
        }
      g_ptr_array_add (bucket, rule);
    }
  else
    {
      g_ptr_array_add (self->untokenized, rule);
    }

  if ((rule->flags & RULE_EXCEPTION) && (rule->types & LECTERN_RESOURCE_DOCUMENT))
    g_ptr_array_add (self->page_exceptions, rule);

  self->stats.rules++;

  return TRUE;
}

/**
 * lectern_filter_engine_new:
 *
 * Returns: (transfer full): an engine with no rules
 */
LecternFilterEngine *
lectern_filter_engine_new (void)
{
  LecternFilterEngine *self = g_new0 (LecternFilterEngine, 1);

  self->strings = g_string_chunk_new (64 * 1024);
  self->rules = g_ptr_array_new_with_free_func (g_free);
  self->buckets = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->untokenized = g_ptr_array_new ();
  self->page_exceptions = g_ptr_array_new ();

  return self;
}

/**
 * lectern_filter_engine_free:
 * @self: (nullable): an engine
 */
void
lectern_filter_engine_free (LecternFilterEngine *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_pointer (&self->untokenized, g_ptr_array_unref);
  g_clear_pointer (&self->page_exceptions, g_ptr_array_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self);
}

/**
 * lectern_filter_engine_add_rule:
 * @self: an engine
 * @line: one line of a filter list
 * @list: the list @line comes from
 * @error: return location for a #GError
 *
 * Adds @line if it is a network rule the engine understands, and counts it
 * in the stats either way. Comments and element-hiding rules, which are
 * not network rules, fail with %LECTERN_FILTER_ERROR_UNSUPPORTED, as do
 * rules with options or syntax the engine does not implement: those are
 * left out rather than applied in part. Lines that are not rules fail
 * with %LECTERN_FILTER_ERROR_SYNTAX.
 *
 * Returns: %TRUE if a rule was added
 */
gboolean
lectern_filter_engine_add_rule (LecternFilterEngine    *self,
                                const char             *line,
                                LecternFilterListKind   list,
                                GError                **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return add_line (self, line, strlen (line), list, error);
}

/**
 * lectern_filter_engine_add_list:
 * @self: an engine
 * @text: the text of a filter list, not necessarily nul-terminated
 * @length: the length of @text in bytes
 * @list: which list @text is
 *
 * Adds every rule of @text that the engine understands; the rest is
 * counted in the stats. Blank lines are not counted.
 */
void
lectern_filter_engine_add_list (LecternFilterEngine   *self,
                                const char            *text,
                                gsize                  length,
                                LecternFilterListKind  list)
{
  const char *p;
  const char *end;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL || length == 0);

  if (length == 0)
    return;

  p = text;
  end = text + length;

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next;
      gsize len;
      gboolean blank = TRUE;

      if (eol == NULL)
        eol = end;
      next = eol + 1;

      len = eol - p;
      for (gsize i = 0; i < len && blank; i++)
        blank = g_ascii_isspace (p[i]);

      if (!blank)
        add_line (self, p, len, list, NULL);

      p = next;
    }
}

/**
 * lectern_filter_engine_add_file:
 * @self: an engine
 * @path: a filter list file
 * @list: which list @path is
 * @error: return location for a #GError
 *
 * Adds the rules of the list in @path, as lectern_filter_engine_add_list()
 * does.
 *
 * Returns: %TRUE if the file could be read, else %FALSE with a
 *   #GFileError that names the file
 */
gboolean
lectern_filter_engine_add_file (LecternFilterEngine    *self,
                                const char             *path,
                                LecternFilterListKind   list,
                                GError                **error)
{
  g_autoptr(GMappedFile) file = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    {
      g_prefix_error_literal (error, _("Could not read the filter list: "));
      return FALSE;
    }

  lectern_filter_engine_add_list (self,
                                  g_mapped_file_get_contents (file),
                                  g_mapped_file_get_length (file),
                                  list);

  return TRUE;
}

static gsize
lowercase_into (const char *src,
                char       *buffer,
                gsize       buffer_size,
                char      **heap)
{
  gsize len = strlen (src);
  char *dest = buffer;

  if (len >= buffer_size)
    dest = *heap = g_malloc (len + 1);

  for (gsize i = 0; i < len; i++)
    dest[i] = to_lower (src[i]);
  dest[len] = '\0';

  return len;
}

static gboolean
copy_host (const UrlParts *parts,
           char           *buffer)
{
  gsize len = parts->host_end - parts->host_start;

  if (len >= HOST_BUFFER_SIZE)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    buffer[i] = to_lower (parts->url[parts->host_start + i]);
  buffer[len] = '\0';

  return TRUE;
}

/* Whether an @@…$document rule allows the page at @page_url as a whole. */
static const Rule *
find_page_exception (LecternFilterEngine *self,
                     const char          *page_url,
                     const char          *page_host)
{
  char buffer[URL_BUFFER_SIZE];
  g_autofree char *heap = NULL;
  MatchState state = { 0 };

  if (self->page_exceptions->len == 0 || page_host == NULL)
    return NULL;

  state.lower.len = lowercase_into (page_url, buffer, sizeof buffer, &heap);
  if (!split_url (heap != NULL ? heap : buffer, state.lower.len, &state.lower))
    return NULL;

  state.original = page_url;
  state.page_host = page_host;
  state.party = PARTY_FIRST;
  state.types = LECTERN_RESOURCE_DOCUMENT;

  consider_rules (&state, self->page_exceptions);

  return state.exception[0];
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
 * blocked. Does not allocate, except for URLs over 4 KiB.
 *
 * Returns: %TRUE if @request is blocked
 */
gboolean
lectern_filter_engine_match (LecternFilterEngine  *self,
                             const LecternRequest *request,
                             LecternFilterMatch   *match)
{
  char url_buffer[URL_BUFFER_SIZE];
  char host[HOST_BUFFER_SIZE];
  char page_host[HOST_BUFFER_SIZE];
  g_autofree char *url_heap = NULL;
  MatchState state = { 0 };
  const Rule *page_exception = NULL;
  const char *url;
  gboolean blocked = TRUE;
  const Rule *decider = NULL;
  const Rule *overrider = NULL;
  gsize i;

  g_return_val_if_fail (match != NULL, FALSE);

  match->blocked = FALSE;
  match->rule = NULL;
  match->list = LECTERN_FILTER_LIST_OTHER;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (request->url == NULL || request->url[0] == '\0')
    return FALSE;

  state.lower.len = lowercase_into (request->url, url_buffer, sizeof url_buffer, &url_heap);
  url = url_heap != NULL ? url_heap : url_buffer;
  if (!split_url (url, state.lower.len, &state.lower))
    return FALSE;

  state.original = request->url;
  state.types = request->types & LECTERN_RESOURCE_ALL;
  if (state.types == 0)
    state.types = LECTERN_RESOURCE_OTHER;

  state.party = PARTY_NOT_YET;
  if (copy_host (&state.lower, host))
    state.host = host;
  if (request->page_url != NULL && request->page_url[0] != '\0')
    {
      UrlParts page;

      /* Only the page's host matters here: no need to lowercase it all. */
      if (split_url (request->page_url, strlen (request->page_url), &page) &&
          copy_host (&page, page_host))
        state.page_host = page_host;
    }

  /* Every whole token of the URL names the rules that may match it. */
  i = 0;
  while (i < state.lower.len)
    {
      gsize start;
      GPtrArray *bucket;

      if (!is_token_char (url[i]))
        {
          i++;
          continue;
        }

      start = i;
      while (i < state.lower.len && is_token_char (url[i]))
        i++;

      bucket = g_hash_table_lookup (self->buckets,
                                    GUINT_TO_POINTER (hash_token (url + start, i - start)));
      if (bucket != NULL)
        consider_rules (&state, bucket);
    }
  consider_rules (&state, self->untokenized);

  if (state.have_block != 0 && state.page_host != NULL)
    page_exception = find_page_exception (self, request->page_url, state.page_host);

  /* Blocked only if blocked as every type it may be. The rule reported is
   * the one for its most likely type. */
  for (guint bit = 0; bit < N_TYPES; bit++)
    {
      const Rule *exception;

      if (!(state.types & (1u << bit)))
        continue;

      exception = state.exception[bit] != NULL ? state.exception[bit] : page_exception;

      if (state.important[bit] != NULL)
        {
          if (decider == NULL)
            decider = state.important[bit];
        }
      else if (state.block[bit] != NULL && exception == NULL)
        {
          if (decider == NULL)
            decider = state.block[bit];
        }
      else
        {
          blocked = FALSE;
          if (state.block[bit] != NULL && overrider == NULL)
            overrider = exception;
        }
    }

  if (!blocked)
    decider = overrider;

  /* The lowest bit is not always the most likely type: ask the one place
   * that knows the order. */
  if (blocked)
    {
      LecternResourceTypes likely;

      if (lectern_resource_type_from_name (lectern_resource_types_to_name (state.types), &likely))
        {
          for (guint bit = 0; bit < N_TYPES; bit++)
            {
              if (likely == (1u << bit))
                decider = state.important[bit] != NULL ? state.important[bit] : state.block[bit];
            }
        }
    }

  match->blocked = blocked;
  if (decider != NULL)
    {
      match->rule = decider->text;
      match->list = decider->list;
    }

  return blocked;
}

/**
 * lectern_filter_engine_get_stats:
 * @self: an engine
 *
 * Returns: (transfer none): what the engine has read so far
 */
const LecternFilterStats *
lectern_filter_engine_get_stats (LecternFilterEngine *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->stats;
}
