/* lectern-filter-regex.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-regex.h"

#include <string.h>

/* A regular expression rule is tried only where its token is, but a
 * token such as "21" is in many addresses, and running the expression
 * costs microseconds: allocation, and a search from every place. Most
 * such rules name a piece of text every match must hold ("216.21.",
 * ".amazonaws.com/"); looking for it first, with memmem(), settles
 * nearly every URL without the expression. PCRE finds such a piece
 * itself only when it is at a fixed place, so the engine does it. */

/* Escapes that stand for a class or an assertion rather than a byte. */
static const char class_escapes[] = "dDwWsSbBAzZGhHvVRNXKkgpPQEuxc0123456789";

/* Skips the group or class that starts at @i; returns where it ends, or
 * @len when it does not. */
static gsize
skip_group (const char *re,
            gsize       len,
            gsize       i)
{
  guint depth = 0;
  gboolean in_class = FALSE;

  for (; i < len; i++)
    {
      char c = re[i];

      if (c == '\\')
        {
          i++;
          continue;
        }
      if (in_class)
        {
          if (c == ']')
            in_class = FALSE;
          continue;
        }
      if (c == '[')
        {
          in_class = TRUE;
          /* "[]…]" and "[^]…]" hold a literal ']'. */
          if (i + 1 < len && re[i + 1] == '^')
            i++;
          if (i + 1 < len && re[i + 1] == ']')
            i++;
          continue;
        }
      if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        return i + 1;
    }

  return len;
}

static gsize
skip_class (const char *re,
            gsize       len,
            gsize       i)
{
  i++;
  if (i < len && re[i] == '^')
    i++;
  if (i < len && re[i] == ']')
    i++;
  for (; i < len; i++)
    {
      if (re[i] == '\\')
        i++;
      else if (re[i] == ']')
        return i + 1;
    }

  return len;
}

/* Where the quantifier at @i ends, and whether it lets the atom before it
 * be absent. @i is past the end when there is none. */
static gsize
skip_quantifier (const char *re,
                 gsize       len,
                 gsize       i,
                 gboolean   *optional)
{
  *optional = FALSE;
  if (i >= len)
    return i;

  switch (re[i])
    {
    case '?':
    case '*':
      *optional = TRUE;
      i++;
      break;
    case '+':
      i++;
      break;
    case '{':
      {
        const char *close = memchr (re + i, '}', len - i);

        /* "{" with no "}" is a literal in PCRE; take it as a quantifier
         * all the same, which only shortens what is found. */
        *optional = i + 1 >= len || re[i + 1] == '0' || re[i + 1] == ',';
        i = close != NULL ? (gsize) (close - re) + 1 : len;
      }
      break;
    default:
      return i;
    }

  /* Lazy or possessive. */
  if (i < len && (re[i] == '?' || re[i] == '+'))
    i++;

  return i;
}

/**
 * lectern_filter_regex_required_literal:
 * @source: a regular expression, as a rule gives it
 * @len: its length
 *
 * Finds the longest run of literal bytes that every match of @source
 * holds, outside groups and classes, lower-cased: a URL that does not
 * hold it, lower-cased, cannot match however the expression's case is
 * taken.
 *
 * Returns: (transfer full) (nullable): the run, or %NULL when there is
 *   none or the expression has an alternative at its top level
 */
char *
lectern_filter_regex_required_literal (const char *source,
                                       gsize       len)
{
  g_autoptr(GString) run = g_string_new (NULL);
  g_autoptr(GString) best = g_string_new (NULL);
  gsize i = 0;

  g_return_val_if_fail (source != NULL || len == 0, NULL);

  /* Quoted text is literal, brackets included: rare enough to give up. */
  if (g_strstr_len (source, len, "\\Q") != NULL)
    return NULL;

  while (i < len)
    {
      char c = source[i];
      gsize atom_end;
      gboolean literal = FALSE;
      gboolean optional;
      char byte = 0;

      if (c == '|')
        return NULL;
      if (c == '(')
        {
          /* Options such as "(?x)" change what the rest means. */
          if (i + 2 < len && source[i + 1] == '?' && strchr (":=!<", source[i + 2]) == NULL)
            return NULL;
          atom_end = skip_group (source, len, i);
        }
      else if (c == '[')
        {
          atom_end = skip_class (source, len, i);
        }
      else if (c == '\\')
        {
          if (i + 1 >= len)
            return NULL;
          literal = strchr (class_escapes, source[i + 1]) == NULL && g_ascii_ispunct (source[i + 1]);
          byte = source[i + 1];
          atom_end = i + 2;
        }
      else
        {
          literal = strchr (".^$)*+?{", c) == NULL;
          byte = c;
          atom_end = i + 1;
        }

      i = skip_quantifier (source, len, atom_end, &optional);

      if (literal && !optional)
        g_string_append_c (run, g_ascii_tolower (byte));
      if (!literal || optional || i != atom_end)
        {
          /* A repeated byte is held once, then the run breaks. */
          if (run->len > best->len)
            g_string_assign (best, run->str);
          g_string_truncate (run, 0);
        }
    }
  if (run->len > best->len)
    g_string_assign (best, run->str);

  return best->len > 0 ? g_strdup (best->str) : NULL;
}
