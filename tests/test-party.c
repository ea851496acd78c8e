/* test-party.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-party.h"

static void
test_site (void)
{
  static const struct
  {
    const char *host;
    const char *site;
  } cases[] = {
    { "www.example.com",          "example.com" },
    { "example.com",              "example.com" },
    { "a.b.example.co.uk",        "example.co.uk" },
    { "A.B.Example.CO.UK",        "Example.CO.UK" },
    { "www.xn--mnchen-3ya.de",    "xn--mnchen-3ya.de" },
    { "shop.xn--bcher-kva.xn--p1ai", "xn--bcher-kva.xn--p1ai" },
    /* Private suffixes split like public ones: two blogs are two sites. */
    { "a.b.github.io",            "b.github.io" },
    /* Public suffixes, single labels and addresses are their own site. */
    { "co.uk",                    "co.uk" },
    { "com",                      "com" },
    { "localhost",                "localhost" },
    { "127.0.0.1",                "127.0.0.1" },
    { "192.168.10.20",            "192.168.10.20" },
    { "::1",                      "::1" },
    { "2001:db8::1",              "2001:db8::1" },
    { "",                         "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *site = lectern_party_get_site (cases[i].host);

      g_assert_cmpstr (site, ==, cases[i].site);
      /* A pointer into the input: nothing is allocated. */
      g_assert_true (site >= cases[i].host &&
                     site <= cases[i].host + strlen (cases[i].host));
    }
}

static void
test_host_for_uri (void)
{
  static const struct
  {
    const char *uri;
    const char *host;
  } cases[] = {
    { "http://www.example.com/news/story/",      "www.example.com" },
    { "HTTPS://WWW.Example.COM:8443/a?b#c",      "www.example.com" },
    { "http://user:pass@a.b.example.co.uk/",     "a.b.example.co.uk" },
    { "http://localhost:8080/",                  "localhost" },
    { "http://127.0.0.1/x",                      "127.0.0.1" },
    { "http://[::1]:8080/",                      "::1" },
    { "https://xn--mnchen-3ya.de/",              "xn--mnchen-3ya.de" },
    { "https://münchen.de/",                     "xn--mnchen-3ya.de" },
    { "http://%65xample.com/",                   "example.com" },
    { "ws://socket.example.net/feed",            "socket.example.net" },
    /* Garbage and URLs without a host. */
    { "",                                        NULL },
    { "not a url",                               NULL },
    { "//example.com/relative",                  NULL },
    { "/just/a/path",                            NULL },
    { "about:blank",                             NULL },
    { "data:text/plain,hello",                   NULL },
    { "javascript:alert(1)",                     NULL },
    { "file:///etc/hosts",                       NULL },
    { "http://",                                 NULL },
    { "http:///path",                            NULL },
    { "http://exa mple.com/",                    NULL },
    { "http://a<b>.com/",                        NULL },
    { "http://[::1/",                            NULL },
    { "http://example.com:99999999999/",         NULL },
    { "\xff\xfe://bad",                          NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *host = lectern_party_dup_host_for_uri (cases[i].uri);
      g_autofree char *escaped = g_strescape (cases[i].uri, NULL);

      g_test_message ("%s", escaped);
      g_assert_cmpstr (host, ==, cases[i].host);
    }

  g_assert_null (lectern_party_dup_host_for_uri (NULL));
}

static void
test_site_for_uri (void)
{
  static const struct
  {
    const char *uri;
    const char *site;
  } cases[] = {
    { "http://www.example.com/news/story/",      "example.com" },
    { "https://A.B.Example.CO.UK/",              "example.co.uk" },
    { "http://localhost:8080/",                  "localhost" },
    { "http://127.0.0.1/x",                      "127.0.0.1" },
    { "https://www.münchen.de/",                 "xn--mnchen-3ya.de" },
    { "https://www.xn--mnchen-3ya.de/",          "xn--mnchen-3ya.de" },
    { "https://co.uk/",                          "co.uk" },
    { "not a url",                               NULL },
    { "about:blank",                             NULL },
    { "http://exa mple.com/",                    NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *site = lectern_party_dup_site_for_uri (cases[i].uri);
      g_autofree char *escaped = g_strescape (cases[i].uri, NULL);

      g_test_message ("%s", escaped);
      g_assert_cmpstr (site, ==, cases[i].site);
    }

  g_assert_null (lectern_party_dup_site_for_uri (NULL));
}

static void
test_is_third (void)
{
  /* Same site. */
  g_assert_false (lectern_party_is_third ("www.example.com", "example.com"));
  g_assert_false (lectern_party_is_third ("cdn.example.com", "www.example.com"));
  g_assert_false (lectern_party_is_third ("CDN.Example.COM", "www.example.com"));
  g_assert_false (lectern_party_is_third ("a.b.example.co.uk", "example.co.uk"));
  g_assert_false (lectern_party_is_third ("WWW.EXAMPLE.CO.UK", "example.co.uk"));
  g_assert_false (lectern_party_is_third ("localhost", "localhost"));
  g_assert_false (lectern_party_is_third ("127.0.0.1", "127.0.0.1"));

  /* Other sites. */
  g_assert_true (lectern_party_is_third ("www.google-analytics.com", "www.example.com"));
  g_assert_true (lectern_party_is_third ("example.com", "example.co.uk"));
  g_assert_true (lectern_party_is_third ("other.co.uk", "example.co.uk"));
  g_assert_true (lectern_party_is_third ("Other.CO.UK", "example.co.uk"));
  g_assert_true (lectern_party_is_third ("alice.github.io", "bob.github.io"));
  g_assert_true (lectern_party_is_third ("127.0.0.2", "127.0.0.1"));
  g_assert_true (lectern_party_is_third ("example.com", "localhost"));

  /* No page, no third party. */
  g_assert_false (lectern_party_is_third ("www.example.com", NULL));
  g_assert_false (lectern_party_is_third ("www.example.com", ""));
  g_assert_false (lectern_party_is_third (NULL, "www.example.com"));
  g_assert_false (lectern_party_is_third ("", "www.example.com"));
}

static void
test_is_public_suffix (void)
{
  g_assert_true (lectern_party_is_public_suffix ("com"));
  g_assert_true (lectern_party_is_public_suffix ("co.uk"));
  g_assert_true (lectern_party_is_public_suffix ("github.io"));

  /* Sites, and names only the list's default rule would make suffixes. */
  g_assert_false (lectern_party_is_public_suffix ("example.com"));
  g_assert_false (lectern_party_is_public_suffix ("bbc.co.uk"));
  g_assert_false (lectern_party_is_public_suffix ("alice.github.io"));
  g_assert_false (lectern_party_is_public_suffix ("localhost"));
  g_assert_false (lectern_party_is_public_suffix ("127.0.0.1"));
  g_assert_false (lectern_party_is_public_suffix (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/party/site", test_site);
  g_test_add_func ("/lectern/party/host-for-uri", test_host_for_uri);
  g_test_add_func ("/lectern/party/site-for-uri", test_site_for_uri);
  g_test_add_func ("/lectern/party/is-third", test_is_third);
  g_test_add_func ("/lectern/party/is-public-suffix", test_is_public_suffix);

  return g_test_run ();
}
