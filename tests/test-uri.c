/* test-uri.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lectern-uri.h"

static void
assert_normalized (const char *input,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = lectern_uri_normalize (input, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (uri, ==, expected);
}

static void
assert_refused (const char *input,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = lectern_uri_normalize (input, &error);

  g_assert_null (uri);
  g_assert_error (error, LECTERN_URI_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_web_addresses (void)
{
  assert_normalized ("https://www.example.com/news/", "https://www.example.com/news/");
  assert_normalized ("  http://example.com/a?b=c  ", "http://example.com/a?b=c");
  assert_normalized ("HTTPS://Example.com/", "https://example.com/");
  assert_normalized ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a");
  assert_normalized ("http://[::1]/", "http://[::1]/");
  assert_normalized ("http://my_host.example.com/", "http://my_host.example.com/");
  assert_normalized ("http://bücher.example/", "http://xn--bcher-kva.example/");
}

static void
test_bare_hosts (void)
{
  assert_normalized ("example.com", "https://example.com/");
  assert_normalized ("www.example.com/news/story", "https://www.example.com/news/story");
  assert_normalized ("lectern", "https://lectern/");
  assert_normalized ("localhost:8080", "https://localhost:8080/");
}

static void
test_unsafe_schemes (void)
{
  assert_refused ("javascript:alert(1)", LECTERN_URI_ERROR_UNSAFE_SCHEME);
  assert_refused ("JavaScript:alert(document.cookie)", LECTERN_URI_ERROR_UNSAFE_SCHEME);
  assert_refused ("data:text/html,<script>alert(1)</script>", LECTERN_URI_ERROR_UNSAFE_SCHEME);
  assert_refused ("vbscript:msgbox", LECTERN_URI_ERROR_UNSAFE_SCHEME);
  assert_refused ("ftp://example.com/file", LECTERN_URI_ERROR_UNSAFE_SCHEME);
  assert_refused ("blob:https://example.com/uuid", LECTERN_URI_ERROR_UNSAFE_SCHEME);
}

static void
test_not_addresses (void)
{
  assert_refused ("", LECTERN_URI_ERROR_EMPTY);
  assert_refused ("   ", LECTERN_URI_ERROR_EMPTY);
  assert_refused ("not a url at all ::", LECTERN_URI_ERROR_INVALID);
  assert_refused ("http://", LECTERN_URI_ERROR_INVALID);
  assert_refused ("http://exa mple.com/", LECTERN_URI_ERROR_INVALID);
  assert_refused ("http://exa%20mple.com/", LECTERN_URI_ERROR_INVALID);
  assert_refused ("https://a<b.com/", LECTERN_URI_ERROR_INVALID);
  assert_refused ("/no/such/file.html", LECTERN_URI_ERROR_INVALID);
}

static void
test_local_files (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lectern-uri-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "page.html", NULL);
  g_autofree char *expected = g_filename_to_uri (path, NULL, NULL);

  g_assert_true (g_file_set_contents (path, "<p>hi</p>", -1, NULL));
  assert_normalized (path, expected);
  assert_normalized (expected, expected);

  g_unlink (path);
  g_rmdir (dir);
}

static void
assert_site (const char *argument,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = lectern_uri_dup_site (argument, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (site, ==, expected);
}

static void
assert_not_site (const char *argument,
                 int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = lectern_uri_dup_site (argument, &error);

  g_assert_null (site);
  g_assert_error (error, LECTERN_URI_ERROR, code);
  /* Said in a line, whatever the argument's length. */
  g_assert_cmpuint (strlen (error->message), <, 200);
}

static void
test_sites (void)
{
  g_autofree char *long_name = g_strnfill (100000, 'a');
  g_autofree char *label = g_strnfill (64, 'b');
  g_autofree char *long_label = g_strconcat (label, ".com", NULL);
  g_autoptr(GString) long_host = g_string_new (NULL);

  assert_site ("example.com", "example.com");
  assert_site ("www.bbc.co.uk", "bbc.co.uk");
  assert_site ("http://www.example-news.com/news/2026/11/city-council-votes/", "example-news.com");
  assert_site ("localhost", "localhost");
  assert_site ("127.0.0.1", "127.0.0.1");

  assert_not_site ("co.uk", LECTERN_URI_ERROR_PUBLIC_SUFFIX);
  assert_not_site ("com", LECTERN_URI_ERROR_PUBLIC_SUFFIX);
  assert_not_site ("https://co.uk/", LECTERN_URI_ERROR_PUBLIC_SUFFIX);
  assert_not_site ("", LECTERN_URI_ERROR_INVALID);
  assert_not_site ("exa mple.com", LECTERN_URI_ERROR_INVALID);
  assert_not_site (long_name, LECTERN_URI_ERROR_INVALID);
  assert_not_site (long_label, LECTERN_URI_ERROR_INVALID);

  /* Longer than 253 characters, in labels of a length a name may have. */
  for (guint i = 0; i < 25; i++)
    g_string_append (long_host, "abcdefghi.");
  g_string_append (long_host, "exam.com");
  g_assert_cmpuint (long_host->len, ==, 258);
  assert_not_site (long_host->str, LECTERN_URI_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/uri/web-addresses", test_web_addresses);
  g_test_add_func ("/lectern/uri/bare-hosts", test_bare_hosts);
  g_test_add_func ("/lectern/uri/unsafe-schemes", test_unsafe_schemes);
  g_test_add_func ("/lectern/uri/not-addresses", test_not_addresses);
  g_test_add_func ("/lectern/uri/local-files", test_local_files);
  g_test_add_func ("/lectern/uri/sites", test_sites);

  return g_test_run ();
}
