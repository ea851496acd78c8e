/* test-request.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-request.h"

/* What WebKit sends, as seen on real pages. */
#define ACCEPT_DOCUMENT   "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
#define ACCEPT_STYLESHEET "text/css,*/*;q=0.1"
#define ACCEPT_IMAGE      "image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"
#define ACCEPT_ANY        "*/*"

#define ANY_TYPES (LECTERN_RESOURCE_SCRIPT | LECTERN_RESOURCE_XMLHTTPREQUEST | \
                   LECTERN_RESOURCE_FONT | LECTERN_RESOURCE_PING | LECTERN_RESOURCE_OTHER)

static void
test_infer_accept (void)
{
  g_assert_cmpint (lectern_resource_types_infer ("https://example.com/", ACCEPT_DOCUMENT), ==,
                   LECTERN_RESOURCE_DOCUMENT | LECTERN_RESOURCE_SUBDOCUMENT);
  /* The header wins over the extension. */
  g_assert_cmpint (lectern_resource_types_infer ("https://example.com/page.js", ACCEPT_DOCUMENT), ==,
                   LECTERN_RESOURCE_DOCUMENT | LECTERN_RESOURCE_SUBDOCUMENT);
  g_assert_cmpint (lectern_resource_types_infer ("https://example.com/site.css?v=3", ACCEPT_STYLESHEET), ==,
                   LECTERN_RESOURCE_STYLESHEET);
  g_assert_cmpint (lectern_resource_types_infer ("https://example.com/theme", ACCEPT_STYLESHEET), ==,
                   LECTERN_RESOURCE_STYLESHEET);
  g_assert_cmpint (lectern_resource_types_infer ("https://example.com/p?id=1", ACCEPT_IMAGE), ==,
                   LECTERN_RESOURCE_IMAGE);
  g_assert_cmpint (lectern_resource_types_infer ("https://example.com/a.png", "  Image/PNG ; q=1"), ==,
                   LECTERN_RESOURCE_IMAGE);
  g_assert_cmpint (lectern_resource_types_infer ("https://example.com/v", "video/webm"), ==,
                   LECTERN_RESOURCE_MEDIA);
}

static void
test_infer_extension (void)
{
  static const struct
  {
    const char           *url;
    const char           *accept;
    LecternResourceTypes  types;
  } cases[] = {
    { "https://example.com/app.js",                  ACCEPT_ANY, LECTERN_RESOURCE_SCRIPT },
    { "https://example.com/app.JS?v=1#x",            ACCEPT_ANY, LECTERN_RESOURCE_SCRIPT },
    { "https://example.com/module.mjs",              ACCEPT_ANY, LECTERN_RESOURCE_SCRIPT },
    { "https://example.com/f/inter.woff2",           ACCEPT_ANY, LECTERN_RESOURCE_FONT },
    { "https://example.com/f/inter.ttf",             NULL,       LECTERN_RESOURCE_FONT },
    { "https://example.com/clip.mp4",                ACCEPT_ANY, LECTERN_RESOURCE_MEDIA },
    { "https://example.com/clip.webm",               NULL,       LECTERN_RESOURCE_MEDIA },
    { "https://example.com/data.json",               ACCEPT_ANY, LECTERN_RESOURCE_XMLHTTPREQUEST },
    /* Without a header the extension is all there is. */
    { "https://example.com/logo.png",                NULL,       LECTERN_RESOURCE_IMAGE },
    { "https://example.com/logo.svg",                "",         LECTERN_RESOURCE_IMAGE },
    { "https://example.com/site.css",                NULL,       LECTERN_RESOURCE_STYLESHEET },
    /* An image or stylesheet URL that accepts anything was fetched by a
     * script, not by an element. */
    { "https://example.com/logo.png",                ACCEPT_ANY, ANY_TYPES },
    { "https://example.com/site.css",                ACCEPT_ANY, ANY_TYPES },
    /* Nothing to go by. */
    { "https://example.com/collect",                 ACCEPT_ANY, ANY_TYPES },
    { "https://example.com/collect",                 NULL,       ANY_TYPES },
    { "https://example.com/",                        ACCEPT_ANY, ANY_TYPES },
    { "https://example.com",                         ACCEPT_ANY, ANY_TYPES },
    { "https://example.com/page.html",               ACCEPT_ANY, ANY_TYPES },
    /* Only the last path segment has an extension. */
    { "https://example.com/lib.js/loader",           ACCEPT_ANY, ANY_TYPES },
    { "https://example.com/get?file=lib.js",         ACCEPT_ANY, ANY_TYPES },
    { "https://cdn.example.js/loader",               ACCEPT_ANY, ANY_TYPES },
    { "https://example.com/x.",                      ACCEPT_ANY, ANY_TYPES },
    { "https://example.com/.js",                     ACCEPT_ANY, LECTERN_RESOURCE_SCRIPT },
    /* Not URLs. */
    { "",                                            NULL,       ANY_TYPES },
    { "app.js",                                      ACCEPT_ANY, ANY_TYPES },
    { NULL,                                          NULL,       ANY_TYPES },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s (Accept: %s)", cases[i].url ? cases[i].url : "NULL",
                      cases[i].accept ? cases[i].accept : "NULL");
      g_assert_cmpint (lectern_resource_types_infer (cases[i].url, cases[i].accept), ==,
                       cases[i].types);
    }
}

static void
test_infer_websocket (void)
{
  g_assert_cmpint (lectern_resource_types_infer ("ws://example.com/socket", NULL), ==,
                   LECTERN_RESOURCE_WEBSOCKET);
  g_assert_cmpint (lectern_resource_types_infer ("WSS://example.com/socket.js", ACCEPT_ANY), ==,
                   LECTERN_RESOURCE_WEBSOCKET);
}

static void
test_from_name (void)
{
  static const struct
  {
    const char           *name;
    LecternResourceTypes  type;
  } cases[] = {
    { "document",       LECTERN_RESOURCE_DOCUMENT },
    { "subdocument",    LECTERN_RESOURCE_SUBDOCUMENT },
    { "script",         LECTERN_RESOURCE_SCRIPT },
    { "stylesheet",     LECTERN_RESOURCE_STYLESHEET },
    { "image",          LECTERN_RESOURCE_IMAGE },
    { "font",           LECTERN_RESOURCE_FONT },
    { "media",          LECTERN_RESOURCE_MEDIA },
    { "xmlhttprequest", LECTERN_RESOURCE_XMLHTTPREQUEST },
    { "ping",           LECTERN_RESOURCE_PING },
    { "websocket",      LECTERN_RESOURCE_WEBSOCKET },
    { "object",         LECTERN_RESOURCE_OBJECT },
    { "other",          LECTERN_RESOURCE_OTHER },
    { "xhr",            LECTERN_RESOURCE_XMLHTTPREQUEST },
    { "fetch",          LECTERN_RESOURCE_XMLHTTPREQUEST },
    { "sub_frame",      LECTERN_RESOURCE_SUBDOCUMENT },
    { "main_frame",     LECTERN_RESOURCE_DOCUMENT },
  };
  const char *unknown[] = { "", "Script", "scripts", "popup", "css", "beacon" };
  LecternResourceTypes type;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      type = 0;
      g_assert_true (lectern_resource_type_from_name (cases[i].name, &type));
      g_assert_cmpint (type, ==, cases[i].type);
    }

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      type = LECTERN_RESOURCE_IMAGE;
      g_assert_false (lectern_resource_type_from_name (unknown[i], &type));
      g_assert_cmpint (type, ==, LECTERN_RESOURCE_IMAGE);
    }
}

static void
test_to_name (void)
{
  /* Every single type names itself, and the name comes back. */
  for (guint bit = 0; bit < 12; bit++)
    {
      LecternResourceTypes type = 1 << bit;
      LecternResourceTypes back = 0;

      g_assert_true (lectern_resource_type_from_name (lectern_resource_types_to_name (type), &back));
      g_assert_cmpint (back, ==, type);
    }

  g_assert_cmpstr (lectern_resource_types_to_name (LECTERN_RESOURCE_XMLHTTPREQUEST), ==, "xmlhttprequest");
  g_assert_cmpstr (lectern_resource_types_to_name (LECTERN_RESOURCE_DOCUMENT | LECTERN_RESOURCE_SUBDOCUMENT), ==,
                   "document");
  g_assert_cmpstr (lectern_resource_types_to_name (ANY_TYPES), ==, "script");
  g_assert_cmpstr (lectern_resource_types_to_name (LECTERN_RESOURCE_SCRIPT | LECTERN_RESOURCE_XMLHTTPREQUEST), ==,
                   "script");
  g_assert_cmpstr (lectern_resource_types_to_name (LECTERN_RESOURCE_MEDIA | LECTERN_RESOURCE_XMLHTTPREQUEST), ==,
                   "xmlhttprequest");
  g_assert_cmpstr (lectern_resource_types_to_name (LECTERN_RESOURCE_MEDIA | LECTERN_RESOURCE_FONT), ==, "font");
  g_assert_cmpstr (lectern_resource_types_to_name (LECTERN_RESOURCE_ALL), ==, "document");
  g_assert_cmpstr (lectern_resource_types_to_name (0), ==, "other");
}

static void
test_init_sent (void)
{
  LecternRequest request;

  /* The page's own document: the reader asked for it. */
  lectern_request_init_sent (&request, "https://www.example.com/news/", "https://www.example.com/news/",
                             "text/html,application/xhtml+xml");
  g_assert_cmpint (request.types, ==, LECTERN_RESOURCE_DOCUMENT);
  g_assert_cmpstr (request.page_url, ==, "https://www.example.com/news/");

  /* No page yet: the first navigation. */
  lectern_request_init_sent (&request, "https://www.example.com/", NULL, NULL);
  g_assert_cmpint (request.types, ==, LECTERN_RESOURCE_DOCUMENT);
  g_assert_cmpstr (request.page_url, ==, "https://www.example.com/");

  /* Any other HTML document is a frame, never the top document. */
  lectern_request_init_sent (&request, "https://ads.example.net/frame.html", "https://www.example.com/news/",
                             "text/html,application/xhtml+xml");
  g_assert_true (request.types & LECTERN_RESOURCE_SUBDOCUMENT);
  g_assert_false (request.types & LECTERN_RESOURCE_DOCUMENT);
  g_assert_true (request.types_inferred);

  /* Everything else keeps what its Accept header and URL say. */
  lectern_request_init_sent (&request, "https://cdn.example.net/app.js", "https://www.example.com/news/", "*/*");
  g_assert_cmpint (request.types, ==, LECTERN_RESOURCE_SCRIPT);
  g_assert_cmpstr (request.page_url, ==, "https://www.example.com/news/");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/request/infer-accept", test_infer_accept);
  g_test_add_func ("/lectern/request/infer-extension", test_infer_extension);
  g_test_add_func ("/lectern/request/infer-websocket", test_infer_websocket);
  g_test_add_func ("/lectern/request/from-name", test_from_name);
  g_test_add_func ("/lectern/request/to-name", test_to_name);
  g_test_add_func ("/lectern/request/init-sent", test_init_sent);

  return g_test_run ();
}
