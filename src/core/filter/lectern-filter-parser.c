/* lectern-filter-parser.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-parser.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* What a rule with no type option applies to. As in Adblock Plus, the top
 * document is only blocked by rules that name it. */
#define DEFAULT_TYPES (LECTERN_RESOURCE_ALL & ~LECTERN_RESOURCE_DOCUMENT)

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
  { "all",               LECTERN_RESOURCE_ALL },
};

/* Options that rewrite a request or a response instead of deciding
 * whether it may leave: a browser's send-request hook cannot apply them,
 * and applying such a rule as a plain block would block what the list
 * only meant to change. */
static const char * const modifier_options[] = {
  "csp", "removeparam", "queryprune", "header", "responseheader", "permissions",
  "replace", "urlskip", "uritransform", "urltransform", "cookie", "inline-script",
  "inline-font", "webrtc", "sitekey", "redirect-url", "hls", "jsonprune", "stealth",
  "referrerpolicy", "ipaddress", "reason",
};

/* Exceptions that switch element hiding off for a page; they say nothing
 * about network requests. */
static const char * const cosmetic_exception_options[] = {
  "generichide", "ghide", "elemhide", "ehide", "specifichide", "shide",
  "genericblock", "content", "jsinject", "extension", "urlblock",
};

/* uBlock Origin's redirect resources and their older option shorthands. A
 * redirected request never reaches its server: for Lectern it is blocked. */
static const char * const redirect_options[] = {
  "redirect", "redirect-rule", "rewrite",
};

void
lectern_filter_parsed_init (LecternFilterParsed *parsed)
{
  memset (parsed, 0, sizeof *parsed);
  parsed->pattern = g_string_new (NULL);
  parsed->domains = g_string_new (NULL);
  parsed->to_domains = g_string_new (NULL);
  parsed->badfilter = g_string_new (NULL);
  parsed->cosmetic_domains = g_string_new (NULL);
  parsed->selector = g_string_new (NULL);
}

void
lectern_filter_parsed_clear (LecternFilterParsed *parsed)
{
  g_string_free (parsed->pattern, TRUE);
  g_string_free (parsed->domains, TRUE);
  g_string_free (parsed->to_domains, TRUE);
  g_string_free (parsed->badfilter, TRUE);
  g_string_free (parsed->cosmetic_domains, TRUE);
  g_string_free (parsed->selector, TRUE);
  memset (parsed, 0, sizeof *parsed);
}

static gboolean
option_is (const char *option,
           gsize       len,
           const char *name)
{
  return strlen (name) == len && memcmp (option, name, len) == 0;
}

static gboolean
option_in (const char         *option,
           gsize               len,
           const char * const *names,
           gsize               n_names)
{
  for (gsize i = 0; i < n_names; i++)
    {
      if (option_is (option, len, names[i]))
        return TRUE;
    }

  return FALSE;
}

/* Where the host of a "||" pattern ends. */
static inline gboolean
ends_host (char c)
{
  return c == '/' || c == '^' || c == '*' || c == '?' || c == ':';
}

static LecternFilterLineKind
skip (LecternFilterParsed      *parsed,
      LecternFilterSkipReason   reason,
      GError                  **error,
      const char               *format,
      ...) G_GNUC_PRINTF (4, 5);

static LecternFilterLineKind
skip (LecternFilterParsed      *parsed,
      LecternFilterSkipReason   reason,
      GError                  **error,
      const char               *format,
      ...)
{
  va_list args;

  parsed->reason = reason;
  if (error != NULL)
    {
      va_start (args, format);
      *error = g_error_new_valist (LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED, _(format), args);
      va_end (args);
    }

  return LECTERN_FILTER_LINE_SKIPPED;
}

static LecternFilterLineKind
invalid (GError     **error,
         const char  *message)
{
  /* Translated only when asked for: lists hold many lines that are not
   * network rules, and most callers want the verdict alone. */
  if (error != NULL)
    g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_SYNTAX, _(message));
  return LECTERN_FILTER_LINE_INVALID;
}

/* Finds the element-hiding separator (##, #@#, #?#, #$#, #%#, #@?#, #@$#,
 * #$?# and the like) or the HTML-filter one ($$, $@$). */
static gboolean
find_cosmetic (const char *line,
               gsize       len,
               gsize      *sep_start,
               gsize      *sep_end,
               guint      *flags)
{
  for (gsize i = 0; i < len; i++)
    {
      if (line[i] == '#')
        {
          gsize j = i + 1;
          guint marks = 0;
          guint f = 0;

          if (j < len && line[j] == '@')
            {
              f |= LECTERN_FILTER_COSMETIC_EXCEPTION;
              j++;
            }
          while (j < len && marks < 2 && (line[j] == '$' || line[j] == '?' || line[j] == '%'))
            {
              f |= LECTERN_FILTER_COSMETIC_EXTENDED;
              j++;
              marks++;
            }
          if (j < len && line[j] == '#')
            {
              *sep_start = i;
              *sep_end = j + 1;
              *flags = f;
              return TRUE;
            }
        }
      else if (line[i] == '$' && i + 1 < len &&
               (line[i + 1] == '$' || (line[i + 1] == '@' && i + 2 < len && line[i + 2] == '$')))
        {
          *sep_start = i;
          *sep_end = line[i + 1] == '$' ? i + 2 : i + 3;
          *flags = LECTERN_FILTER_COSMETIC_EXTENDED |
                   (line[i + 1] == '@' ? LECTERN_FILTER_COSMETIC_EXCEPTION : 0);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_domain_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-' || c == '_' || c >= 0x80;
}

/* Appends one domain entry in lower-case ASCII (punycode) form, or an
 * entity ("example.*"). FALSE when it is not a domain. */
static gboolean
append_domain (GString    *out,
               const char *name,
               gsize       len)
{
  gboolean entity = len > 2 && name[len - 2] == '.' && name[len - 1] == '*';
  gsize host_len = entity ? len - 2 : len;
  gboolean unicode = FALSE;

  if (host_len == 0)
    return FALSE;

  for (gsize k = 0; k < host_len; k++)
    {
      if (!is_domain_char (name[k]))
        return FALSE;
      unicode |= (guchar) name[k] >= 0x80;
    }

  if (unicode)
    {
      g_autofree char *copy = NULL;
      g_autofree char *ascii = NULL;

      /* g_hostname_to_ascii() reads past the end of invalid UTF-8. */
      if (!g_utf8_validate_len (name, host_len, NULL))
        return FALSE;
      copy = g_strndup (name, host_len);
      ascii = g_hostname_to_ascii (copy);
      if (ascii == NULL)
        return FALSE;
      for (const char *p = ascii; *p != '\0'; p++)
        g_string_append_c (out, g_ascii_tolower (*p));
    }
  else
    {
      for (gsize k = 0; k < host_len; k++)
        g_string_append_c (out, g_ascii_tolower (name[k]));
    }

  if (entity)
    g_string_append (out, ".*");

  return TRUE;
}

/* Parses a domain list ($domain=, $from=, $to=, $denyallow=) into @out,
 * appending to what is there. @negate_all turns every entry into an
 * exclusion ($denyallow=). */
static LecternFilterLineKind
parse_domains (const char           *value,
               gsize                 len,
               GString              *out,
               gboolean              negate_all,
               LecternFilterParsed  *parsed,
               GError              **error)
{
  gsize i = 0;

  if (len == 0)
    return invalid (error, N_("A domain option has no domains"));

  while (i <= len)
    {
      gsize end = i;
      gboolean negated = negate_all;
      gsize name_start;

      while (end < len && value[end] != '|')
        end++;

      name_start = i;
      if (name_start < end && value[name_start] == '~')
        {
          if (negate_all)
            return invalid (error, N_("A $denyallow domain cannot be negated"));
          negated = TRUE;
          name_start++;
        }

      if (name_start == end)
        return invalid (error, N_("A domain option has an empty entry"));

      if (out->len > 0)
        g_string_append_c (out, '|');
      if (negated)
        g_string_append_c (out, '~');

      if (!append_domain (out, value + name_start, end - name_start))
        return skip (parsed, LECTERN_FILTER_SKIP_DOMAIN, error,
                     /* Translators: %.*s is a domain name from a filter rule */
                     N_("The domain “%.*s” is not supported"),
                     (int) (end - name_start), value + name_start);

      i = end + 1;
    }

  return LECTERN_FILTER_LINE_RULE;
}

static gboolean
is_all_underscores (const char *name,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (name[i] != '_')
        return FALSE;
    }

  return TRUE;
}

static LecternFilterLineKind
parse_cosmetic (const char           *line,
                gsize                 len,
                gsize                 sep_start,
                gsize                 sep_end,
                guint                 flags,
                LecternFilterParsed  *parsed,
                GError              **error)
{
  const char *selector = line + sep_end;
  gsize selector_len = len - sep_end;

  if (selector_len == 0)
    return invalid (error, N_("The element-hiding rule has no selector"));

  /* Scriptlets and HTML filters of uBlock Origin run code or edit markup. */
  /* The line is a slice of the list, not a string: compare within it. */
  if ((selector_len >= 4 && memcmp (selector, "+js(", 4) == 0) || selector[0] == '^')
    flags |= LECTERN_FILTER_COSMETIC_EXTENDED;

  g_string_append_len (parsed->cosmetic_domains, line, sep_start);
  g_string_append_len (parsed->selector, selector, selector_len);
  parsed->cosmetic_flags = flags;

  if (error != NULL)
    g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                         _("The line is an element-hiding or scriptlet rule, not a network rule"));

  return LECTERN_FILTER_LINE_COSMETIC;
}

/* Compiled once here so that a broken expression is counted and left out;
 * the engine compiles it again, lazily, the first time it is needed. */
static gboolean
regex_is_valid (const char  *source,
                gsize        len,
                gboolean     match_case,
                GError     **error)
{
  g_autofree char *copy = g_strndup (source, len);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) local_error = NULL;

  regex = g_regex_new (copy,
                       G_REGEX_RAW | G_REGEX_NO_AUTO_CAPTURE | (match_case ? 0 : G_REGEX_CASELESS),
                       0, &local_error);

  if (regex == NULL)
    {
      g_set_error (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                   /* Translators: %s is an error message */
                   _("The regular expression does not compile: %s"), local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* parse_network() and its steps below run for every network rule of the
 * lists. Most steps are forced inline: left to the compiler, the steps
 * cost 0.6% more instructions than the one function they were. */

/* What the options of a network rule say beyond the flags of the rule. */
typedef struct
{
  guint       positive_types;
  guint       negative_types;
  gboolean    popup;
  gboolean    redirect;
  /* The $badfilter option, when the rule has one. */
  const char *badfilter;
  gsize       badfilter_len;
} RuleOptions;

/* Reads the option @name, of @name_len bytes, which has no value and
 * is @option, of @option_len bytes, with its '~' when @negated. Returns
 * whether it is one the engine applies, or one it can do without. */
static inline __attribute__ ((__always_inline__)) gboolean
parse_flag_option (const char          *name,
                   gsize                name_len,
                   gboolean             negated,
                   const char          *option,
                   gsize                option_len,
                   LecternFilterParsed *parsed,
                   RuleOptions         *opts)
{
  for (guint t = 0; t < G_N_ELEMENTS (type_options); t++)
    {
      if (option_is (name, name_len, type_options[t].name))
        {
          if (negated)
            opts->negative_types |= type_options[t].types;
          else
            opts->positive_types |= type_options[t].types;
          return TRUE;
        }
    }

  if (option_is (name, name_len, "third-party") || option_is (name, name_len, "3p"))
    {
      parsed->flags |= negated ? LECTERN_FILTER_RULE_FIRST_PARTY : LECTERN_FILTER_RULE_THIRD_PARTY;
      return TRUE;
    }
  if (option_is (name, name_len, "first-party") || option_is (name, name_len, "1p"))
    {
      parsed->flags |= negated ? LECTERN_FILTER_RULE_THIRD_PARTY : LECTERN_FILTER_RULE_FIRST_PARTY;
      return TRUE;
    }
  if (option_is (name, name_len, "match-case"))
    {
      if (!negated)
        parsed->flags |= LECTERN_FILTER_RULE_MATCH_CASE;
      return TRUE;
    }
  if (option_is (name, name_len, "important") && !negated)
    {
      parsed->flags |= LECTERN_FILTER_RULE_IMPORTANT;
      return TRUE;
    }
  if (option_is (name, name_len, "badfilter") && !negated)
    {
      opts->badfilter = option;
      opts->badfilter_len = option_len;
      return TRUE;
    }
  if ((option_is (name, name_len, "popup") || option_is (name, name_len, "popunder")))
    {
      /* No request here is ever a popup. */
      if (!negated)
        opts->popup = TRUE;
      return TRUE;
    }
  if ((option_is (name, name_len, "empty") || option_is (name, name_len, "mp4")) && !negated)
    {
      /* uBlock Origin's old spellings of $redirect=empty and
       * $redirect=noopmp4-1s,media. */
      if (name[0] == 'm')
        opts->positive_types |= LECTERN_RESOURCE_MEDIA;
      opts->redirect = TRUE;
      return TRUE;
    }
  if (name_len > 0 && is_all_underscores (name, name_len) && !negated)
    {
      /* uBlock Origin's no-op option, used to make rules readable. */
      return TRUE;
    }

  return FALSE;
}

/* Reads an option that is neither a flag nor a domain list the engine
 * applies: a redirection, which blocks the request, or one that leaves
 * the rule out. The arguments are those of parse_flag_option(). */
static inline __attribute__ ((__always_inline__)) LecternFilterLineKind
parse_other_option (const char           *name,
                    gsize                 name_len,
                    gboolean              negated,
                    const char           *option,
                    gsize                 option_len,
                    LecternFilterParsed  *parsed,
                    RuleOptions          *opts,
                    GError              **error)
{
  if (!negated && option_in (name, name_len, redirect_options, G_N_ELEMENTS (redirect_options)))
    {
      opts->redirect = TRUE;
      return LECTERN_FILTER_LINE_RULE;
    }
  if (option_in (name, name_len, modifier_options, G_N_ELEMENTS (modifier_options)))
    return skip (parsed, LECTERN_FILTER_SKIP_MODIFIER, error,
                 /* Translators: %.*s is a filter option such as “csp” */
                 N_("The option “%.*s” changes requests rather than blocking them"),
                 (int) name_len, name);
  if (option_in (name, name_len, cosmetic_exception_options, G_N_ELEMENTS (cosmetic_exception_options)))
    return skip (parsed, LECTERN_FILTER_SKIP_COSMETIC_EXCEPTION, error,
                 /* Translators: %.*s is a filter option such as “generichide” */
                 N_("The option “%.*s” is about element hiding"),
                 (int) name_len, name);
  if (option_is (name, name_len, "method"))
    return skip (parsed, LECTERN_FILTER_SKIP_METHOD, error,
                 N_("The request method is not known where requests are decided"));

  return skip (parsed, LECTERN_FILTER_SKIP_UNKNOWN_OPTION, error,
               /* Translators: %.*s is a filter option */
               N_("The option “%.*s” is not supported"),
               (int) option_len, option);
}

/* Reads one option, @option, of @option_len bytes, not 0. */
static inline __attribute__ ((__always_inline__)) LecternFilterLineKind
parse_option (const char           *option,
              gsize                 option_len,
              LecternFilterParsed  *parsed,
              RuleOptions          *opts,
              GError              **error)
{
  const char *name = option;
  gsize name_len = option_len;
  const char *value = NULL;
  gsize value_len = 0;
  gboolean negated = FALSE;
  const char *eq;
  LecternFilterLineKind kind;

  if (name[0] == '~')
    {
      negated = TRUE;
      name++;
      name_len--;
    }

  eq = memchr (name, '=', name_len);
  if (eq != NULL)
    {
      value = eq + 1;
      value_len = name + name_len - value;
      name_len = eq - name;
    }

  if (value == NULL)
    {
      if (parse_flag_option (name, name_len, negated, option, option_len, parsed, opts))
        return LECTERN_FILTER_LINE_RULE;
    }
  else if (!negated &&
           (option_is (name, name_len, "domain") || option_is (name, name_len, "from")))
    {
      kind = parse_domains (value, value_len, parsed->domains, FALSE, parsed, error);
      if (kind == LECTERN_FILTER_LINE_RULE)
        parsed->flags |= LECTERN_FILTER_RULE_DOMAINS;
      return kind;
    }
  else if (!negated &&
           (option_is (name, name_len, "to") || option_is (name, name_len, "denyallow")))
    {
      kind = parse_domains (value, value_len, parsed->to_domains,
                            name[0] == 'd', parsed, error);
      if (kind == LECTERN_FILTER_LINE_RULE)
        parsed->flags |= LECTERN_FILTER_RULE_TO_DOMAINS;
      return kind;
    }

  return parse_other_option (name, name_len, negated, option, option_len, parsed, opts, error);
}

/* Reads the options of a rule, @options_len bytes at @options, into
 * @parsed and @opts. */
static inline __attribute__ ((__always_inline__)) LecternFilterLineKind
parse_options (const char           *options,
               gsize                 options_len,
               LecternFilterParsed  *parsed,
               RuleOptions          *opts,
               GError              **error)
{
  gsize i = 0;

  if (options_len == 0)
    return invalid (error, N_("The rule has an empty option list"));

  while (i <= options_len)
    {
      gsize end = i;
      LecternFilterLineKind kind;

      while (end < options_len && options[end] != ',')
        end++;
      if (end == i)
        return invalid (error, N_("The rule has an empty option"));

      kind = parse_option (options + i, end - i, parsed, opts, error);
      if (kind != LECTERN_FILTER_LINE_RULE)
        return kind;
      i = end + 1;
    }

  return LECTERN_FILTER_LINE_RULE;
}

/* Finds the options of the rule @pat, of *@pat_len bytes: after its last
 * '$', which then ends the pattern, or none (@options is left NULL).
 * Returns whether the pattern is a regular expression, which may hold
 * '$' itself: its options start after its closing slash. */
static gboolean
find_options (const char  *pat,
              gsize       *pat_len,
              const char **options,
              gsize       *options_len)
{
  if (*pat_len >= 2 && pat[0] == '/' && pat[*pat_len - 1] == '/')
    return TRUE;

  for (gsize i = *pat_len; i > 0; i--)
    {
      if (pat[i - 1] == '$')
        {
          gboolean regex = pat[0] == '/' && i >= 3 && pat[i - 2] == '/';

          *options = pat + i;
          *options_len = *pat_len - i;
          *pat_len = i - 1;
          return regex;
        }
    }

  return *pat_len >= 2 && pat[0] == '/' && pat[*pat_len - 1] == '/';
}

/* Makes @parsed the $badfilter line @line, of @len bytes, whose option
 * @opts holds: the rule it names is its own text without the option. */
static inline __attribute__ ((__always_inline__)) LecternFilterLineKind
take_badfilter (const char           *line,
                gsize                 len,
                const RuleOptions    *opts,
                LecternFilterParsed  *parsed,
                GError              **error)
{
  const char *opt_end = opts->badfilter + opts->badfilter_len;

  g_string_append_len (parsed->badfilter, line, opts->badfilter - line);
  /* The line need not end in a nul: the option may be its last byte. */
  if (opt_end < line + len && *opt_end == ',')
    opt_end++;
  g_string_append_len (parsed->badfilter, opt_end, line + len - opt_end);
  while (parsed->badfilter->len > 0 &&
         (parsed->badfilter->str[parsed->badfilter->len - 1] == ',' ||
          parsed->badfilter->str[parsed->badfilter->len - 1] == '$'))
    g_string_truncate (parsed->badfilter, parsed->badfilter->len - 1);
  parsed->reason = LECTERN_FILTER_SKIP_BADFILTER;
  g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                       _("The line takes another rule out ($badfilter)"));

  return LECTERN_FILTER_LINE_BADFILTER;
}

/* Gives @parsed the types and the party that @opts leave it, or leaves
 * out a rule they make pointless. */
static inline __attribute__ ((__always_inline__)) LecternFilterLineKind
apply_options (const RuleOptions    *opts,
               LecternFilterParsed  *parsed,
               GError              **error)
{
  if (opts->redirect && (parsed->flags & LECTERN_FILTER_RULE_EXCEPTION))
    return skip (parsed, LECTERN_FILTER_SKIP_MODIFIER, error,
                 N_("An exception for a redirection only stops the redirection"));

  if (opts->popup && opts->positive_types == 0)
    return skip (parsed, LECTERN_FILTER_SKIP_POPUP, error, N_("Popup rules are not supported"));

  if (opts->positive_types != 0)
    parsed->types = opts->positive_types;
  parsed->types &= ~opts->negative_types;

  if (parsed->types == 0)
    return skip (parsed, LECTERN_FILTER_SKIP_NO_TYPE, error, N_("The rule applies to no request type"));

  if ((parsed->flags & (LECTERN_FILTER_RULE_THIRD_PARTY | LECTERN_FILTER_RULE_FIRST_PARTY)) ==
      (LECTERN_FILTER_RULE_THIRD_PARTY | LECTERN_FILTER_RULE_FIRST_PARTY))
    return skip (parsed, LECTERN_FILTER_SKIP_NO_TYPE, error, N_("The rule is both first- and third-party"));

  if ((parsed->flags & LECTERN_FILTER_RULE_EXCEPTION) && (parsed->types & LECTERN_RESOURCE_DOCUMENT))
    parsed->flags |= LECTERN_FILTER_RULE_PAGE_EXCEPTION;

  return LECTERN_FILTER_LINE_RULE;
}

/* Makes @parsed the regular expression between the slashes of @pat, of
 * @pat_len bytes. */
static inline __attribute__ ((__always_inline__)) LecternFilterLineKind
take_regex (const char           *pat,
            gsize                 pat_len,
            LecternFilterParsed  *parsed,
            GError              **error)
{
  if (pat_len <= 2)
    return invalid (error, N_("The regular expression is empty"));
  if (!regex_is_valid (pat + 1, pat_len - 2, (parsed->flags & LECTERN_FILTER_RULE_MATCH_CASE) != 0, error))
    {
      parsed->reason = LECTERN_FILTER_SKIP_REGEX;
      return LECTERN_FILTER_LINE_SKIPPED;
    }
  parsed->flags |= LECTERN_FILTER_RULE_REGEX;
  g_string_append_len (parsed->pattern, pat + 1, pat_len - 2);

  return LECTERN_FILTER_LINE_RULE;
}

/* Takes the anchors off the pattern at *@pat, of *@pat_len bytes, into
 * the flags of @parsed, with the wildcards at its ends. */
static void
take_anchors (LecternFilterParsed  *parsed,
              const char          **pat_inout,
              gsize                *len_inout)
{
  const char *pat = *pat_inout;
  gsize pat_len = *len_inout;

  /* A '|' anywhere else is a plain character. */
  if (pat_len >= 2 && pat[0] == '|' && pat[1] == '|')
    {
      parsed->flags |= LECTERN_FILTER_RULE_ANCHOR_HOST;
      pat += 2;
      pat_len -= 2;
    }
  else if (pat_len >= 1 && pat[0] == '|')
    {
      parsed->flags |= LECTERN_FILTER_RULE_ANCHOR_START;
      pat++;
      pat_len--;
    }

  if (pat_len >= 1 && pat[pat_len - 1] == '|')
    {
      parsed->flags |= LECTERN_FILTER_RULE_ANCHOR_END;
      pat_len--;
    }

  /* A wildcard next to an anchor undoes it; at the ends it means nothing. */
  if (!(parsed->flags & LECTERN_FILTER_RULE_ANCHOR_HOST))
    {
      if (pat_len > 0 && pat[0] == '*')
        parsed->flags &= ~LECTERN_FILTER_RULE_ANCHOR_START;
      while (pat_len > 0 && pat[0] == '*')
        {
          pat++;
          pat_len--;
        }
    }
  if (pat_len > 0 && pat[pat_len - 1] == '*')
    {
      parsed->flags &= ~LECTERN_FILTER_RULE_ANCHOR_END;
      while (pat_len > 0 && pat[pat_len - 1] == '*')
        pat_len--;
    }

  *pat_inout = pat;
  *len_inout = pat_len;
}

/* Request hosts come in their ASCII (punycode) form: a "||" pattern's
 * host, at *@pat, of *@pat_len bytes, that is not ASCII goes into
 * @parsed's pattern converted, and is taken off *@pat. */
static inline __attribute__ ((__always_inline__)) LecternFilterLineKind
take_unicode_host (LecternFilterParsed  *parsed,
                   const char          **pat,
                   gsize                *pat_len,
                   GError              **error)
{
  gsize host_len = 0;
  gboolean unicode = FALSE;

  while (host_len < *pat_len && !ends_host ((*pat)[host_len]))
    unicode |= (guchar) (*pat)[host_len++] >= 0x80;

  if (unicode)
    {
      g_autofree char *name = NULL;
      g_autofree char *ascii = NULL;

      /* g_hostname_to_ascii() reads past the end of invalid UTF-8. */
      if (g_utf8_validate_len (*pat, host_len, NULL))
        {
          name = g_strndup (*pat, host_len);
          ascii = g_hostname_to_ascii (name);
        }
      if (ascii == NULL)
        return skip (parsed, LECTERN_FILTER_SKIP_DOMAIN, error,
                     N_("The rule’s host name cannot be converted to ASCII"));
      for (const char *p = ascii; *p != '\0'; p++)
        g_string_append_c (parsed->pattern, g_ascii_tolower (*p));
      *pat += host_len;
      *pat_len -= host_len;
    }

  return LECTERN_FILTER_LINE_RULE;
}

/* Appends @pat, of @pat_len bytes, to @parsed's pattern, lower-cased
 * unless the rule matches case, with runs of '*' made one. Written in
 * place rather than a character at a time: this runs for every byte of
 * every rule of the lists. */
static inline __attribute__ ((__always_inline__)) void
append_pattern (LecternFilterParsed *parsed,
                const char          *pat,
                gsize                pat_len)
{
  gsize out = parsed->pattern->len;
  gboolean fold = !(parsed->flags & LECTERN_FILTER_RULE_MATCH_CASE);
  char *dest;

  g_string_set_size (parsed->pattern, out + pat_len);
  dest = parsed->pattern->str;
  for (gsize i = 0; i < pat_len; i++)
    {
      char c = pat[i];

      if (c == '*' && out > 0 && dest[out - 1] == '*')
        continue;
      dest[out++] = (fold && c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
    }
  g_string_truncate (parsed->pattern, out);
}

static LecternFilterLineKind
parse_network (const char           *line,
               gsize                 len,
               LecternFilterParsed  *parsed,
               GError              **error)
{
  const char *pat = line;
  gsize pat_len = len;
  const char *options = NULL;
  gsize options_len = 0;
  RuleOptions opts = { 0 };
  gboolean regex;
  LecternFilterLineKind kind;

  parsed->types = DEFAULT_TYPES;

  if (pat_len >= 2 && pat[0] == '@' && pat[1] == '@')
    {
      parsed->flags |= LECTERN_FILTER_RULE_EXCEPTION;
      pat += 2;
      pat_len -= 2;
    }

  regex = find_options (pat, &pat_len, &options, &options_len);

  /* Option values may hold spaces ($csp=); patterns may not. */
  for (gsize i = 0; i < pat_len; i++)
    {
      if (g_ascii_isspace (pat[i]))
        return invalid (error, N_("A network rule cannot hold spaces"));
    }

  if (options != NULL)
    {
      kind = parse_options (options, options_len, parsed, &opts, error);
      if (kind != LECTERN_FILTER_LINE_RULE)
        return kind;
    }

  if (opts.badfilter != NULL)
    return take_badfilter (line, len, &opts, parsed, error);

  kind = apply_options (&opts, parsed, error);
  if (kind != LECTERN_FILTER_LINE_RULE)
    return kind;

  if (pat_len > G_MAXUINT16)
    return skip (parsed, LECTERN_FILTER_SKIP_TOO_LONG, error, N_("The rule is too long"));

  if (regex)
    return take_regex (pat, pat_len, parsed, error);

  take_anchors (parsed, &pat, &pat_len);
  if (parsed->flags & LECTERN_FILTER_RULE_ANCHOR_HOST)
    {
      kind = take_unicode_host (parsed, &pat, &pat_len, error);
      if (kind != LECTERN_FILTER_LINE_RULE)
        return kind;
    }
  append_pattern (parsed, pat, pat_len);

  if (options == NULL && strspn (parsed->pattern->str, "*") == parsed->pattern->len)
    return invalid (error, N_("The rule would match every request"));

  return LECTERN_FILTER_LINE_RULE;
}

/**
 * lectern_filter_parse_line:
 * @line: one line of a filter list, without its line break
 * @len: its length in bytes
 * @parsed: an initialised #LecternFilterParsed, filled in
 * @error: return location for a #GError
 *
 * Reads one line. A network rule the engine can apply gives
 * %LECTERN_FILTER_LINE_RULE; anything else sets @error too:
 * %LECTERN_FILTER_ERROR_UNSUPPORTED for comments, cosmetic rules, $badfilter
 * lines and rules left out on purpose (with @parsed's reason), and
 * %LECTERN_FILTER_ERROR_SYNTAX for lines that are not rules.
 *
 * Returns: %TRUE for a network rule
 */
gboolean
lectern_filter_parse_line (const char           *line,
                           gsize                 len,
                           LecternFilterParsed  *parsed,
                           GError              **error)
{
  gsize sep_start;
  gsize sep_end;
  guint cosmetic_flags;

  parsed->kind = LECTERN_FILTER_LINE_INVALID;
  parsed->reason = LECTERN_FILTER_SKIP_UNKNOWN_OPTION;
  parsed->flags = 0;
  parsed->types = 0;
  parsed->cosmetic_flags = 0;
  g_string_truncate (parsed->pattern, 0);
  g_string_truncate (parsed->domains, 0);
  g_string_truncate (parsed->to_domains, 0);
  g_string_truncate (parsed->badfilter, 0);
  g_string_truncate (parsed->cosmetic_domains, 0);
  g_string_truncate (parsed->selector, 0);

  while (len > 0 && g_ascii_isspace (line[0]))
    {
      line++;
      len--;
    }
  while (len > 0 && g_ascii_isspace (line[len - 1]))
    len--;

  if (len == 0)
    {
      parsed->kind = invalid (error, N_("The line is empty"));
      return FALSE;
    }

  if (line[0] == '!' || (line[0] == '[' && line[len - 1] == ']'))
    {
      if (error != NULL)
        g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                             _("The line is a comment"));
      parsed->kind = LECTERN_FILTER_LINE_COMMENT;
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) line[i] < 0x20 || line[i] == 0x7f)
        {
          parsed->kind = invalid (error, N_("The line holds control characters"));
          return FALSE;
        }
    }

  if (find_cosmetic (line, len, &sep_start, &sep_end, &cosmetic_flags))
    {
      parsed->kind = parse_cosmetic (line, len, sep_start, sep_end, cosmetic_flags, parsed, error);
      return FALSE;
    }

  /* Hosts files and some lists comment with '#'. */
  if (line[0] == '#')
    {
      if (error != NULL)
        g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                             _("The line is a comment"));
      parsed->kind = LECTERN_FILTER_LINE_COMMENT;
      return FALSE;
    }

  parsed->kind = parse_network (line, len, parsed, error);

  return parsed->kind == LECTERN_FILTER_LINE_RULE;
}
