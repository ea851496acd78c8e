/* lectern-start-page.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-start-page.h"

#include <string.h>

#include "lectern-web-view.h"

/* The start page is served under a scheme of Lectern's own rather than
 * loaded as HTML from memory: WebKit keeps no history item for the
 * latter, so Back from it skipped a page and Forward could not reach it. */

static void
request_cb (WebKitURISchemeRequest *request,
            gpointer                user_data)
{
  LecternProfile *profile = user_data;
  LecternHistoryStore *store = lectern_profile_get_history_store (profile);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strconcat (webkit_uri_scheme_request_get_scheme (request), ":",
                                      webkit_uri_scheme_request_get_path (request), NULL);
  char *html;
  gsize length;

  if (!g_str_equal (uri, LECTERN_START_PAGE_URI))
    {
      error = g_error_new (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", uri);
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  if (store != NULL)
    recent = lectern_history_store_dup_recent (store, 30, &error);
  if (recent == NULL)
    recent = g_ptr_array_new ();

  html = lectern_history_render_start_page (recent, LECTERN_DEMO_URI);
  length = strlen (html);
  stream = g_memory_input_stream_new_from_data (html, length, g_free);
  webkit_uri_scheme_request_finish (request, stream, length, "text/html");
}

/**
 * lectern_start_page_register:
 * @context: a web context
 * @profile: the profile whose recent articles the page lists; it owns
 *   @context
 *
 * Serves %LECTERN_START_PAGE_URI in @context's views. Only a page of
 * Lectern's own may load it: no web page can frame it or read it.
 */
void
lectern_start_page_register (WebKitWebContext *context,
                             LecternProfile   *profile)
{
  const char *scheme = "lectern";
  WebKitSecurityManager *security = webkit_web_context_get_security_manager (context);

  webkit_web_context_register_uri_scheme (context, scheme, request_cb, profile, NULL);
  webkit_security_manager_register_uri_scheme_as_local (security, scheme);
  webkit_security_manager_register_uri_scheme_as_no_access (security, scheme);
}
