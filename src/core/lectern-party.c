/* lectern-party.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-party.h"

#include <libpsl.h>
#include <string.h>

static gpointer
load_psl (gpointer data)
{
  /* The system's list when it is newer than the one built into libpsl;
   * the built-in one keeps hosts apart when the system has none. */
  const psl_ctx_t *psl = psl_latest (NULL);

  if (psl == NULL)
    psl = psl_builtin ();

  return (gpointer)psl;
}

static const psl_ctx_t *
get_psl (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_psl, NULL);
}

/**
 * lectern_party_get_site:
 * @host: a host name
 *
 * The registrable domain ("eTLD+1") of @host, by the public suffix list:
 * "example.co.uk" for "a.b.example.co.uk". An IP address, a host that is
 * itself a public suffix ("localhost", "co.uk") and anything else the list
 * cannot split are their own site. ASCII case does not matter. Does not
 * allocate: safe per request.
 *
 * Returns: a pointer into @host
 */
const char *
lectern_party_get_site (const char *host)
{
  const psl_ctx_t *psl;
  const char *site;

  g_return_val_if_fail (host != NULL, NULL);

  /* libpsl would split "127.0.0.1" into "0.1"; an address has no parent. */
  if (*host == '\0' || g_hostname_is_ip_address (host))
    return host;

  psl = get_psl ();
  if (psl == NULL)
    return host;

  /* The list's rules are lower case and libpsl compares bytes: "CO.UK" would
   * fall to the default rule. Fold a copy on the stack and map the answer
   * back into @host. A DNS name is at most 253 characters; longer input is
   * not a host and gets no folding. */
  for (const char *p = host; *p != '\0'; p++)
    {
      if (g_ascii_isupper (*p))
        {
          char folded[256];
          gsize length = strlen (host);

          if (length >= sizeof folded)
            break;

          for (gsize i = 0; i <= length; i++)
            folded[i] = g_ascii_tolower (host[i]);

          site = psl_registrable_domain (psl, folded);

          return site != NULL ? host + (site - folded) : host;
        }
    }

  site = psl_registrable_domain (psl, host);

  return site != NULL ? site : host;
}

/**
 * lectern_party_is_public_suffix:
 * @host: a host name, in lower case
 *
 * Whether @host is a suffix the public suffix list names ("com",
 * "co.uk", "github.io"), under which anyone may have a site. A name the
 * list does not know ("localhost", "lectern") is none: only its default
 * rule would make it one.
 *
 * Returns: %TRUE if @host is a listed public suffix
 */
gboolean
lectern_party_is_public_suffix (const char *host)
{
  const psl_ctx_t *psl;

  g_return_val_if_fail (host != NULL, FALSE);

  if (*host == '\0' || g_hostname_is_ip_address (host))
    return FALSE;

  psl = get_psl ();
  if (psl == NULL)
    return FALSE;

  return psl_is_public_suffix2 (psl, host, PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
}

static gboolean
is_valid_host (const char *host)
{
  if (g_hostname_is_ip_address (host))
    return TRUE;

  /* g_uri_parse() has already turned an IDN into its ASCII form; what is
   * left outside this set ("exa mple.com", "a<b") is not a DNS name. */
  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
        return FALSE;
    }

  return TRUE;
}

/**
 * lectern_party_dup_host_for_uri:
 * @uri: (nullable): an absolute URI
 *
 * Returns: (transfer full) (nullable): the host of @uri in lower case and
 *   ASCII (punycode) form, or %NULL if @uri is not a URL with a host
 */
char *
lectern_party_dup_host_for_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (uri == NULL)
    return NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return NULL;

  host = g_uri_get_host (parsed);
  if (host == NULL || *host == '\0' || !is_valid_host (host))
    return NULL;

  return g_ascii_strdown (host, -1);
}

/**
 * lectern_party_dup_site_for_uri:
 * @uri: (nullable): an absolute URI
 *
 * Returns: (transfer full) (nullable): the site (registrable domain) of
 *   @uri, or %NULL if @uri is not a URL with a host
 */
char *
lectern_party_dup_site_for_uri (const char *uri)
{
  g_autofree char *host = lectern_party_dup_host_for_uri (uri);

  if (host == NULL)
    return NULL;

  return g_strdup (lectern_party_get_site (host));
}

/**
 * lectern_party_is_third:
 * @request_host: (nullable): the host a request or cookie goes to
 * @page_host: (nullable): the host of the top page
 *
 * Does not allocate: safe per request.
 *
 * Returns: %TRUE if the two hosts belong to different sites; %FALSE when
 *   either is missing, as there is no page to be a third party to
 */
gboolean
lectern_party_is_third (const char *request_host,
                        const char *page_host)
{
  if (request_host == NULL || *request_host == '\0' ||
      page_host == NULL || *page_host == '\0')
    return FALSE;

  return g_ascii_strcasecmp (lectern_party_get_site (request_host),
                             lectern_party_get_site (page_host)) != 0;
}
