/* lectern-terminal-text.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-terminal-text.h"

#include <string.h>

/* What a terminal acts on instead of showing: the C0 and C1 controls and
 * DEL (ESC starts the sequences that retitle or clear it, and 0x9b is
 * CSI on its own), and the bidirectional controls, which make text read
 * in another order than it is written (U+202E shows "exe.txt" as
 * "txt.exe"). */
static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         c == 0x061c || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * lectern_terminal_text_escape:
 * @text: text a page wrote: a title, a name, an address, an article
 * @kind: whether @text is one line or may have several
 *
 * @text as it may be printed to a terminal: every control is shown as an
 * escape, `\x1b` for an ASCII control, `\u202e` for any other, and a byte
 * that is not UTF-8 as `\xff`, so that nothing a page wrote can move the
 * cursor, retitle or clear the terminal, or turn text around. Lines keep
 * their line breaks and tabs, nothing else.
 *
 * Returns: (transfer full): the text, safe for a terminal
 */
char *
lectern_terminal_text_escape (const char          *text,
                              LecternTerminalText  kind)
{
  const char *end;
  GString *str;

  g_return_val_if_fail (text != NULL, NULL);

  end = text + strlen (text);
  str = g_string_sized_new (end - text);

  for (const char *p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);
      const char *next;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (str, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }

      next = g_utf8_next_char (p);
      if (!is_control (c) || (kind == LECTERN_TERMINAL_TEXT_LINES && (c == '\n' || c == '\t')))
        g_string_append_len (str, p, next - p);
      else if (c < 0x80)
        g_string_append_printf (str, "\\x%02x", c);
      else
        g_string_append_printf (str, "\\u%04x", c);
      p = next;
    }

  return g_string_free (str, FALSE);
}
