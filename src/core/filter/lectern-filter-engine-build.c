/* lectern-filter-engine-build.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-engine-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Reading filter lists into the engine's builder: each line is parsed,
 * counted, and a network rule kept as a record with its text, to be
 * compiled into the image (lectern-filter-engine-compile.c) before the
 * next decision. */

/* Counts @parsed, a line that is not a rule to keep, and keeps what it
 * holds for later: its element-hiding rule, or the rule a $badfilter
 * line takes out. Returns whether @parsed is a rule to keep. */
static gboolean
count_line (LecternFilterEngine *self,
            LecternFilterParsed *parsed)
{
  switch (parsed->kind)
    {
    case LECTERN_FILTER_LINE_RULE:
      return TRUE;
    case LECTERN_FILTER_LINE_COMMENT:
      self->stats.comments++;
      return FALSE;
    case LECTERN_FILTER_LINE_COSMETIC:
      self->stats.cosmetic++;
      _lectern_filter_engine_add_cosmetic (self, parsed);
      self->dirty = TRUE;
      return FALSE;
    case LECTERN_FILTER_LINE_BADFILTER:
      self->stats.skipped_by[LECTERN_FILTER_SKIP_BADFILTER]++;
      update_skipped (&self->stats);
      g_hash_table_add (self->badfilters, g_strndup (parsed->badfilter->str, parsed->badfilter->len));
      self->dirty = TRUE;
      return FALSE;
    case LECTERN_FILTER_LINE_SKIPPED:
      self->stats.skipped_by[parsed->reason]++;
      update_skipped (&self->stats);
      return FALSE;
    case LECTERN_FILTER_LINE_INVALID:
    default:
      self->stats.invalid++;
      return FALSE;
    }
}

/* Where the pattern of @parsed goes in the strings, for the rule whose
 * text, of @len bytes, is at @text there: most patterns are their rule's
 * text less anchors and options, and are found in it rather than stored
 * again. */
static gsize
store_pattern (LecternFilterEngine *self,
               guint32              text,
               gsize                len,
               LecternFilterParsed *parsed)
{
  const char *rule_text = self->strings->str + text;
  const char *found = parsed->pattern->len > 0 ?
                      g_strstr_len (rule_text, len, parsed->pattern->str) : rule_text;

  if (found != NULL)
    return found - self->strings->str;

  return append_string (self->strings, parsed->pattern->str, parsed->pattern->len);
}

/* Where the domain lists of @parsed go in the strings, as for
 * store_pattern(); 0 when it has none. With both lists, the $to= one
 * follows the $domain= one. */
static gsize
store_domains (LecternFilterEngine *self,
               guint32              text,
               gsize                len,
               LecternFilterParsed *parsed)
{
  GString *domains;
  const char *rule_text;
  const char *found;
  gsize offset;

  if (parsed->domains->len > 0 && parsed->to_domains->len > 0)
    {
      offset = append_string (self->strings, parsed->domains->str, parsed->domains->len);
      append_string (self->strings, parsed->to_domains->str, parsed->to_domains->len);
      return offset;
    }
  if (parsed->domains->len == 0 && parsed->to_domains->len == 0)
    return 0;

  /* Most lists read in the text as they are stored: "domain=a.com|b.com". */
  domains = parsed->domains->len > 0 ? parsed->domains : parsed->to_domains;
  rule_text = self->strings->str + text;
  found = g_strstr_len (rule_text, len, domains->str);
  if (found != NULL && found > rule_text && found[-1] == '=' &&
      (found[domains->len] == ',' || found[domains->len] == '\0'))
    return found - self->strings->str;

  return append_string (self->strings, domains->str, domains->len);
}

static gboolean
add_line (LecternFilterEngine    *self,
          const char             *line,
          gsize                   len,
          LecternFilterListKind   list,
          LecternFilterParsed    *parsed,
          GError                **error)
{
  Rule rule = { 0 };
  gsize pattern_offset;
  gsize domains_offset;

  if (self->read_only)
    {
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_READ_ONLY,
                           _("The engine was loaded from a compiled cache and takes no more rules"));
      return FALSE;
    }

  lectern_filter_parse_line (line, len, parsed, error);
  if (!count_line (self, parsed))
    return FALSE;

  /* The parser trimmed the line; keep the text as it reads in the list. */
  while (len > 0 && g_ascii_isspace (line[0]))
    {
      line++;
      len--;
    }
  while (len > 0 && g_ascii_isspace (line[len - 1]))
    len--;

  rule.text = append_string (self->strings, line, len);
  pattern_offset = store_pattern (self, rule.text, len, parsed);
  domains_offset = store_domains (self, rule.text, len, parsed);

  /* The record keeps both as 16-bit distances from the text (see Rule):
   * only a rule with kilobytes of options could be further, and it is
   * left out and counted rather than cut. */
  if (pattern_offset - rule.text > G_MAXUINT16 ||
      (domains_offset != 0 && domains_offset - rule.text > G_MAXUINT16))
    {
      g_string_truncate (self->strings, rule.text);
      self->stats.skipped_by[LECTERN_FILTER_SKIP_TOO_LONG]++;
      update_skipped (&self->stats);
      g_set_error_literal (error, LECTERN_FILTER_ERROR, LECTERN_FILTER_ERROR_UNSUPPORTED,
                           _("The rule is too long"));
      return FALSE;
    }
  rule.pattern_at = pattern_offset - rule.text;
  rule.domains_at = domains_offset != 0 ? domains_offset - rule.text : 0;

  rule.pattern_len = parsed->pattern->len;
  rule.types = parsed->types;
  rule.flags = parsed->flags | ((guint) list << RULE_LIST_SHIFT);
  g_array_append_val (self->rules, rule);

  self->stats.rules++;
  self->dirty = TRUE;

  return TRUE;
}

/**
 * lectern_filter_engine_add_rule:
 * @self: an engine
 * @line: one line of a filter list
 * @list: the list @line comes from
 * @error: return location for a #GError
 *
 * Adds @line if it is a network rule the engine understands, and counts it
 * in the stats either way. Comments fail with
 * %LECTERN_FILTER_ERROR_UNSUPPORTED; element-hiding rules too, but they
 * are kept for lectern_filter_engine_dup_selectors(). Rules with options
 * or syntax the engine does not apply fail the same way and are counted by
 * reason: they are left out rather than applied in part. A $badfilter line
 * takes out the rule it names, wherever it is. Lines that are not rules
 * fail with %LECTERN_FILTER_ERROR_SYNTAX.
 *
 * Returns: %TRUE if a rule was added
 */
gboolean
lectern_filter_engine_add_rule (LecternFilterEngine    *self,
                                const char             *line,
                                LecternFilterListKind   list,
                                GError                **error)
{
  LecternFilterParsed parsed;
  gboolean added;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  lectern_filter_parsed_init (&parsed);
  added = add_line (self, line, strlen (line), list, &parsed, error);
  lectern_filter_parsed_clear (&parsed);

  return added;
}

/**
 * lectern_filter_engine_add_list:
 * @self: an engine
 * @text: the text of a filter list, not necessarily nul-terminated
 * @length: the length of @text in bytes
 * @list: which list @text is
 *
 * Adds every rule of @text that the engine understands; the rest is
 * counted in the stats, and each line that is not a rule is logged (as
 * debug output) with its number. Blank lines are not counted.
 */
void
lectern_filter_engine_add_list (LecternFilterEngine   *self,
                                const char            *text,
                                gsize                  length,
                                LecternFilterListKind  list)
{
  LecternFilterParsed parsed;
  const char *p;
  const char *end;
  guint line_no = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL || length == 0);

  if (length == 0)
    return;

  p = text;
  end = text + length;

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  lectern_filter_parsed_init (&parsed);

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next;
      gsize len;
      gboolean blank = TRUE;

      if (eol == NULL)
        eol = end;
      next = eol + 1;
      line_no++;

      len = eol - p;
      for (gsize i = 0; i < len && blank; i++)
        blank = g_ascii_isspace (p[i]);

      /* No error is asked for: a list has thousands of lines that are
       * comments or element-hiding rules, and building a message for
       * each would cost a tenth of the time. A line that is wrong is
       * parsed again for its message. */
      if (!blank && !add_line (self, p, len, list, &parsed, NULL) &&
          parsed.kind == LECTERN_FILTER_LINE_INVALID)
        {
          g_autoptr(GError) error = NULL;
          LecternFilterParsed again;

          lectern_filter_parsed_init (&again);
          lectern_filter_parse_line (p, len, &again, &error);
          lectern_filter_parsed_clear (&again);
          g_debug ("%s list, line %u skipped: %s", lectern_filter_list_kind_to_id (list), line_no,
                   error != NULL ? error->message : "");
        }

      p = next;
    }

  lectern_filter_parsed_clear (&parsed);
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
