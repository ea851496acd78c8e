/* lectern-uri.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-uri.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "lectern-party.h"

/* The longest DNS name, and its longest label (RFC 1035). */
#define MAX_HOST_LENGTH  253
#define MAX_LABEL_LENGTH 63

G_DEFINE_QUARK (lectern-uri-error-quark, lectern_uri_error)

static gboolean
looks_like_host (const char *text)
{
  /* "example.com", "localhost:8080", "www.example.com/path": a word with a
   * dot or a port, no spaces. A bare word stays a host too: the address
   * entry has no search engine to send it to. */
  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isspace (*p) || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
        return FALSE;
    }

  return g_ascii_isalnum (text[0]) || text[0] == '[';
}

static void
set_unsafe_scheme (GError     **error,
                   const char  *scheme)
{
  /* Translators: %s is a URI scheme such as “javascript” */
  g_set_error (error, LECTERN_URI_ERROR, LECTERN_URI_ERROR_UNSAFE_SCHEME,
               _("Addresses starting with “%s:” cannot be opened"), scheme);
}

static void
set_not_web_address (GError     **error,
                     const char  *text)
{
  /* Translators: %s is what the user typed */
  g_set_error (error, LECTERN_URI_ERROR, LECTERN_URI_ERROR_INVALID,
               _("“%s” is not a web address"), text);
}

/* A path, absolute or relative, or a file name of a page: "./a.html",
 * "~/saved/story.htm". An address with "://" is never one. */
static gboolean
looks_like_path (const char *text)
{
  return (text[0] == '/' || g_str_has_prefix (text, "./") || g_str_has_prefix (text, "../") ||
          g_str_has_prefix (text, "~/") || g_str_has_suffix (text, ".html") ||
          g_str_has_suffix (text, ".htm")) &&
         strstr (text, "://") == NULL;
}

/* The file: URI of the existing file at @path. */
static char *
dup_file_uri (const char  *path,
              GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_has_prefix (path, "~/"))
    {
      g_autofree char *expanded = g_build_filename (g_get_home_dir (), path + 2, NULL);

      file = g_file_new_for_path (expanded);
    }
  else
    file = g_file_new_for_commandline_arg (path);

  if (!g_file_query_exists (file, NULL))
    {
      /* Translators: %s is a file path */
      g_set_error (error, LECTERN_URI_ERROR, LECTERN_URI_ERROR_INVALID,
                   _("The file “%s” does not exist"), path);
      return NULL;
    }

  return g_file_get_uri (file);
}

/* "localhost:8080" parses as scheme "localhost"; a real scheme we accept
 * always has "://", so anything else with a known unsafe scheme, or with
 * no port after the colon, is refused and the rest is a host and port. */
static gboolean
check_host_and_port (const char  *text,
                     const char  *scheme,
                     GError     **error)
{
  static const char * const unsafe[] = { "javascript", "data", "blob", "vbscript",
                                         "about", "view-source", "filesystem", "mailto",
                                         "webkit", "resource", NULL };
  g_autofree char *lower_scheme = g_ascii_strdown (scheme, -1);

  if (g_strv_contains (unsafe, lower_scheme) ||
      !g_ascii_isdigit (text[strlen (scheme) + 1]))
    {
      set_unsafe_scheme (error, scheme);
      return FALSE;
    }

  return TRUE;
}

/* Parses @text, an http, https or file: URI, and spells its host in lower
 * case. */
static char *
dup_checked_uri (const char  *text,
                 GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  uri = g_uri_parse (text, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);

  if (uri == NULL)
    {
      set_not_web_address (error, text);
      return NULL;
    }

  /* The parse keeps a host as it was written ("exa mple.com"): it must
   * be one a site can have. */
  if (!g_str_equal (g_uri_get_scheme (uri), "file"))
    {
      g_autofree char *host = lectern_party_dup_host_for_uri (text);

      if (host == NULL)
        {
          set_not_web_address (error, text);
          return NULL;
        }
    }

  /* Host names are case-insensitive; one spelling keeps a site's
   * choices and history in one place. */
  if (g_uri_get_host (uri) != NULL)
    {
      g_autofree char *host = g_ascii_strdown (g_uri_get_host (uri), -1);
      g_autoptr(GUri) lower = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri),
                                           g_uri_get_userinfo (uri), host, g_uri_get_port (uri),
                                           g_uri_get_path (uri), g_uri_get_query (uri),
                                           g_uri_get_fragment (uri));

      return g_uri_to_string (lower);
    }

  return g_uri_to_string (uri);
}

/**
 * lectern_uri_normalize:
 * @input: what the user typed or passed on the command line
 * @error: return location for a #GError
 *
 * Turns @input into a URI Lectern may load: http and https URLs as they
 * are, an existing local path or file: URI as a file: URI, and a bare host
 * or word as https. Schemes that run code or hide content
 * (javascript:, data:, blob: and any other) are refused, so nothing typed
 * or passed can run script in the page's origin.
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL with @error set
 */
char *
lectern_uri_normalize (const char  *input,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *lower_scheme = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strstrip (g_strdup (input != NULL ? input : ""));

  if (text[0] == '\0')
    {
      g_set_error_literal (error, LECTERN_URI_ERROR, LECTERN_URI_ERROR_EMPTY,
                           _("No address was given"));
      return NULL;
    }

  if (looks_like_path (text))
    return dup_file_uri (text, error);

  scheme = g_uri_parse_scheme (text);

  if (scheme != NULL && strstr (text, "://") == NULL && looks_like_host (text))
    {
      if (!check_host_and_port (text, scheme, error))
        return NULL;

      g_clear_pointer (&scheme, g_free);
    }

  if (scheme == NULL)
    {
      g_autofree char *with_scheme = NULL;

      if (!looks_like_host (text))
        {
          set_not_web_address (error, text);
          return NULL;
        }

      with_scheme = g_strconcat ("https://", text, NULL);
      g_free (text);
      text = g_steal_pointer (&with_scheme);
      scheme = g_strdup ("https");
    }

  lower_scheme = g_ascii_strdown (scheme, -1);
  if (!g_str_equal (lower_scheme, "http") && !g_str_equal (lower_scheme, "https") &&
      !g_str_equal (lower_scheme, "file"))
    {
      set_unsafe_scheme (error, scheme);
      return NULL;
    }

  return dup_checked_uri (text, error);
}

static gboolean
is_dns_name_length (const char *host)
{
  g_auto(GStrv) labels = NULL;

  if (strlen (host) > MAX_HOST_LENGTH)
    return FALSE;

  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      if (strlen (labels[i]) > MAX_LABEL_LENGTH)
        return FALSE;
    }

  return TRUE;
}

/**
 * lectern_uri_dup_site:
 * @argument: a site as the reader names one: a host ("example.com",
 *   "www.example.com") or the address of one of its pages
 * @error: return location for a #GError
 *
 * The site (registrable domain) whose choices @argument names. Refused
 * are what is no host, a host longer than a DNS name can be, and a public
 * suffix ("co.uk"), whose choices would be those of every site under it.
 *
 * Returns: (transfer full) (nullable): the site, or %NULL with @error set
 */
char *
lectern_uri_dup_site (const char  *argument,
                      GError     **error)
{
  g_autofree char *uri = NULL;
  g_autofree char *host = NULL;

  g_return_val_if_fail (argument != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strstr (argument, "://") != NULL)
    uri = g_strdup (argument);
  else
    uri = g_strconcat ("http://", argument, "/", NULL);

  host = lectern_party_dup_host_for_uri (uri);

  /* Said without the name itself: it may be any length. */
  if (host != NULL && !is_dns_name_length (host))
    {
      /* Translators: both %d are numbers of characters */
      g_set_error (error, LECTERN_URI_ERROR, LECTERN_URI_ERROR_INVALID,
                   _("The site’s name is too long: a host name has at most %d characters, "
                     "and %d between dots"), MAX_HOST_LENGTH, MAX_LABEL_LENGTH);
      return NULL;
    }

  if (host == NULL)
    {
      /* Translators: %s is what was given as a site */
      g_set_error (error, LECTERN_URI_ERROR, LECTERN_URI_ERROR_INVALID,
                   _("“%s” is not a site or URL"), argument);
      return NULL;
    }

  if (lectern_party_is_public_suffix (host))
    {
      /* Translators: %s is a public suffix such as “co.uk” */
      g_set_error (error, LECTERN_URI_ERROR, LECTERN_URI_ERROR_PUBLIC_SUFFIX,
                   _("“%s” is shared by many sites, not one: name a site under it"), host);
      return NULL;
    }

  return g_strdup (lectern_party_get_site (host));
}

/**
 * lectern_uri_is_same_document:
 * @a: (nullable): an address
 * @b: (nullable): another
 *
 * In-page navigation changes a view's address but not the document: two
 * addresses that differ only in their fragment are the same document.
 *
 * Returns: whether @a and @b are the same document
 */
gboolean
lectern_uri_is_same_document (const char *a,
                              const char *b)
{
  gsize a_len;
  gsize b_len;

  if (a == NULL || b == NULL)
    return FALSE;

  a_len = strcspn (a, "#");
  b_len = strcspn (b, "#");

  return a_len == b_len && strncmp (a, b, a_len) == 0;
}
