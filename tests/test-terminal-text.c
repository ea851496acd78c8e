/* test-terminal-text.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-terminal-text.h"

static void
assert_escaped (const char          *text,
                LecternTerminalText  kind,
                const char          *expected)
{
  g_autofree char *escaped = lectern_terminal_text_escape (text, kind);

  g_assert_cmpstr (escaped, ==, expected);
  g_assert_true (g_utf8_validate (escaped, -1, NULL));
}

static void
test_plain_text (void)
{
  assert_escaped ("", LECTERN_TERMINAL_TEXT_LINE, "");
  assert_escaped ("City council votes — “yes”", LECTERN_TERMINAL_TEXT_LINE, "City council votes — “yes”");
  assert_escaped ("Ünïcödé 漢字 עברית 👩‍👩‍👧", LECTERN_TERMINAL_TEXT_LINE, "Ünïcödé 漢字 עברית 👩‍👩‍👧");
  assert_escaped ("C:\\path", LECTERN_TERMINAL_TEXT_LINE, "C:\\path");
}

/* What would retitle, clear or move about in the reader's terminal. */
static void
test_controls (void)
{
  assert_escaped ("\x1b]0;pwned\x07Title", LECTERN_TERMINAL_TEXT_LINE, "\\x1b]0;pwned\\x07Title");
  assert_escaped ("\x1b[2J\x1b[H", LECTERN_TERMINAL_TEXT_LINE, "\\x1b[2J\\x1b[H");
  assert_escaped ("a\rb\bc\x7f", LECTERN_TERMINAL_TEXT_LINE, "a\\x0db\\x08c\\x7f");
  /* CSI as one C1 character. */
  assert_escaped ("\xc2\x9b" "31m", LECTERN_TERMINAL_TEXT_LINE, "\\u009b31m");
}

static void
test_bidi (void)
{
  assert_escaped ("invoice\xe2\x80\xaetxt.exe", LECTERN_TERMINAL_TEXT_LINE, "invoice\\u202etxt.exe");
  assert_escaped ("\xe2\x81\xa6" "a" "\xe2\x81\xa9", LECTERN_TERMINAL_TEXT_LINE, "\\u2066a\\u2069");
  assert_escaped ("\xe2\x80\x8f" "x", LECTERN_TERMINAL_TEXT_LINE, "\\u200fx");
}

static void
test_lines (void)
{
  assert_escaped ("one\ntwo\tthree", LECTERN_TERMINAL_TEXT_LINE, "one\\x0atwo\\x09three");
  assert_escaped ("one\ntwo\tthree", LECTERN_TERMINAL_TEXT_LINES, "one\ntwo\tthree");
  assert_escaped ("one\r\ntwo\x1b[1A", LECTERN_TERMINAL_TEXT_LINES, "one\\x0d\ntwo\\x1b[1A");
}

static void
test_not_utf8 (void)
{
  assert_escaped ("a\xff" "b", LECTERN_TERMINAL_TEXT_LINE, "a\\xffb");
  assert_escaped ("\xe2\x80", LECTERN_TERMINAL_TEXT_LINE, "\\xe2\\x80");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/terminal-text/plain-text", test_plain_text);
  g_test_add_func ("/lectern/terminal-text/controls", test_controls);
  g_test_add_func ("/lectern/terminal-text/bidi", test_bidi);
  g_test_add_func ("/lectern/terminal-text/lines", test_lines);
  g_test_add_func ("/lectern/terminal-text/not-utf8", test_not_utf8);

  return g_test_run ();
}
