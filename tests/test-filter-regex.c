/* test-filter-regex.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "lectern-filter-regex.h"

#include <string.h>

static char *
literal_of (const char *source)
{
  return lectern_filter_regex_required_literal (source, strlen (source));
}

static void
check (const char *source,
       const char *expected)
{
  g_autofree char *literal = literal_of (source);

  g_test_message ("%s", source);
  g_assert_cmpstr (literal, ==, expected);
}

static void
test_runs (void)
{
  /* Escaped punctuation is the byte; the longest run wins. */
  check ("(https?:\\/\\/)216\\.21\\..{100,}", "216.21.");
  check ("^https?:\\/\\/s3\\.*\\.amazonaws\\.com\\/[a-f0-9]{45,}", ".amazonaws.com/");
  check ("\\/[0-9a-f]{32}\\/invoke\\.js", "/invoke.js");
  /* Upper case is lowered: URLs are searched lower-cased. */
  check ("^https?:\\/\\/pov\\.spectrum\\.net\\/[a-zA-Z0-9]{14,}\\.js", "://pov.spectrum.net/");
  check ("/Track/[0-9]+", "/track/");
  /* Nothing but classes and groups. */
  check ("^[a-z]+\\d{3}$", NULL);
  check ("", NULL);
}

static void
test_quantifiers (void)
{
  /* A byte that may be absent is not held; one that repeats is held
   * once, and ends the run. */
  check ("abcd?efg", "abc");
  check ("abcd*efgh", "efgh");
  check ("abcd+efg", "abcd");
  check ("abcd{0,3}efgh", "efgh");
  check ("abcd{2}efg", "abcd");
  check ("abcd{,2}efgh", "efgh");
  check ("abc+?defg", "defg");
  /* A quantified group or class takes nothing from the bytes around it. */
  check ("ab(cd)?efgh", "efgh");
  check ("abcde[xy]*fg", "abcde");
}

static void
test_escapes (void)
{
  /* Escapes that stand for classes or assertions are not bytes. */
  check ("ab\\dcd", "ab");
  check ("abc\\bdef\\Wgh", "abc");
  check ("abc\\1def", "abc");
  check ("a\\.b\\-c\\/d", "a.b-c/d");
  check ("abc\\", NULL);
}

static void
test_given_up (void)
{
  /* An alternative at the top makes no byte certain. */
  check ("abcdef|xyz", NULL);
  /* Inside a group it only takes the group away. */
  check ("(abc|def)ghij", "ghij");
  /* Options change what the rest means; quoting makes brackets bytes. */
  check ("(?x)a b c", NULL);
  check ("\\Q(\\Eabc", NULL);
  /* Groups that keep their meaning. */
  check ("(?:ab)cdef", "cdef");
  check ("abcd(?=x)", "abcd");
  /* Classes with brackets inside them. */
  check ("[]a]bcd", "bcd");
  check ("[^]x]bcd[a\\]]ef", "bcd");
  check ("(a[)]b)cde", "cde");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/filter-regex/runs", test_runs);
  g_test_add_func ("/lectern/filter-regex/quantifiers", test_quantifiers);
  g_test_add_func ("/lectern/filter-regex/escapes", test_escapes);
  g_test_add_func ("/lectern/filter-regex/given-up", test_given_up);

  return g_test_run ();
}
