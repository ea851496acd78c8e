/* lectern-request.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-request.h"

#include <string.h>

/* What a request that accepts any media type can be in WebKit: documents,
 * stylesheets and images send Accept headers of their own. */
#define ANY_ACCEPT_TYPES (LECTERN_RESOURCE_SCRIPT | \
                          LECTERN_RESOURCE_XMLHTTPREQUEST | \
                          LECTERN_RESOURCE_FONT | \
                          LECTERN_RESOURCE_PING | \
                          LECTERN_RESOURCE_OTHER)

/* Ordered from the most to the least likely member of an inferred set
 * (most requests with the catch-all Accept header are scripts), which is
 * also the order lectern_resource_types_to_name() picks in. */
static const struct
{
  const char           *name;
  LecternResourceTypes  type;
} type_names[] = {
  { "document",       LECTERN_RESOURCE_DOCUMENT },
  { "subdocument",    LECTERN_RESOURCE_SUBDOCUMENT },
  { "stylesheet",     LECTERN_RESOURCE_STYLESHEET },
  { "image",          LECTERN_RESOURCE_IMAGE },
  { "script",         LECTERN_RESOURCE_SCRIPT },
  { "xmlhttprequest", LECTERN_RESOURCE_XMLHTTPREQUEST },
  { "font",           LECTERN_RESOURCE_FONT },
  { "media",          LECTERN_RESOURCE_MEDIA },
  { "ping",           LECTERN_RESOURCE_PING },
  { "websocket",      LECTERN_RESOURCE_WEBSOCKET },
  { "object",         LECTERN_RESOURCE_OBJECT },
  { "other",          LECTERN_RESOURCE_OTHER },
};

G_STATIC_ASSERT (G_N_ELEMENTS (type_names) == 12);

/* Names used by browsers' extension APIs and DevTools for the same types. */
static const struct
{
  const char           *name;
  LecternResourceTypes  type;
} type_aliases[] = {
  { "xhr",        LECTERN_RESOURCE_XMLHTTPREQUEST },
  { "fetch",      LECTERN_RESOURCE_XMLHTTPREQUEST },
  { "sub_frame",  LECTERN_RESOURCE_SUBDOCUMENT },
  { "main_frame", LECTERN_RESOURCE_DOCUMENT },
};

static const struct
{
  const char           *extension;
  LecternResourceTypes  types;
} extension_types[] = {
  { "js",    LECTERN_RESOURCE_SCRIPT },
  { "mjs",   LECTERN_RESOURCE_SCRIPT },
  { "css",   LECTERN_RESOURCE_STYLESHEET },
  { "png",   LECTERN_RESOURCE_IMAGE },
  { "jpg",   LECTERN_RESOURCE_IMAGE },
  { "jpeg",  LECTERN_RESOURCE_IMAGE },
  { "gif",   LECTERN_RESOURCE_IMAGE },
  { "webp",  LECTERN_RESOURCE_IMAGE },
  { "svg",   LECTERN_RESOURCE_IMAGE },
  { "ico",   LECTERN_RESOURCE_IMAGE },
  { "avif",  LECTERN_RESOURCE_IMAGE },
  { "bmp",   LECTERN_RESOURCE_IMAGE },
  { "woff",  LECTERN_RESOURCE_FONT },
  { "woff2", LECTERN_RESOURCE_FONT },
  { "ttf",   LECTERN_RESOURCE_FONT },
  { "otf",   LECTERN_RESOURCE_FONT },
  { "eot",   LECTERN_RESOURCE_FONT },
  { "mp4",   LECTERN_RESOURCE_MEDIA },
  { "m4v",   LECTERN_RESOURCE_MEDIA },
  { "webm",  LECTERN_RESOURCE_MEDIA },
  { "ogv",   LECTERN_RESOURCE_MEDIA },
  { "mov",   LECTERN_RESOURCE_MEDIA },
  { "mp3",   LECTERN_RESOURCE_MEDIA },
  { "m4a",   LECTERN_RESOURCE_MEDIA },
  { "ogg",   LECTERN_RESOURCE_MEDIA },
  { "oga",   LECTERN_RESOURCE_MEDIA },
  { "opus",  LECTERN_RESOURCE_MEDIA },
  { "wav",   LECTERN_RESOURCE_MEDIA },
  { "flac",  LECTERN_RESOURCE_MEDIA },
  { "aac",   LECTERN_RESOURCE_MEDIA },
  /* Streaming playlists are fetched by the player's script as often as by
   * the media element itself. */
  { "m3u8",  LECTERN_RESOURCE_MEDIA | LECTERN_RESOURCE_XMLHTTPREQUEST },
  { "mpd",   LECTERN_RESOURCE_MEDIA | LECTERN_RESOURCE_XMLHTTPREQUEST },
  { "json",  LECTERN_RESOURCE_XMLHTTPREQUEST },
};

static gboolean
has_prefix_ascii_nocase (const char *str,
                         gsize       len,
                         const char *prefix)
{
  gsize prefix_len = strlen (prefix);

  return len >= prefix_len && g_ascii_strncasecmp (str, prefix, prefix_len) == 0;
}

static LecternResourceTypes
types_for_extension (const char *url)
{
  const char *path;
  const char *end;
  const char *dot = NULL;
  gsize len;

  path = strstr (url, "://");
  if (path == NULL)
    return 0;

  path += 3;
  path += strcspn (path, "/?#");
  if (*path != '/')
    return 0;

  end = path + strcspn (path, "?#");

  for (const char *p = end; p > path; p--)
    {
      if (p[-1] == '/')
        break;
      if (p[-1] == '.')
        {
          dot = p;
          break;
        }
    }

  if (dot == NULL)
    return 0;

  len = end - dot;

  for (guint i = 0; i < G_N_ELEMENTS (extension_types); i++)
    {
      if (strlen (extension_types[i].extension) == len &&
          g_ascii_strncasecmp (dot, extension_types[i].extension, len) == 0)
        return extension_types[i].types;
    }

  return 0;
}

/**
 * lectern_request_init_sent:
 * @request: the request to fill; it borrows the strings
 * @url: the URL as sent
 * @page_url: (nullable): the top document's URL, as the web page has it
 * @accept: (nullable): the request's Accept header
 *
 * Describes a request as WebKit's send-request shows it: no type, no frame.
 * The top document's own request (its URL is the page's, or there is no
 * page yet) is the page itself; any other HTML document is a frame.
 */
void
lectern_request_init_sent (LecternRequest *request,
                           const char     *url,
                           const char     *page_url,
                           const char     *accept)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (url != NULL);

  request->url = url;
  request->page_url = page_url != NULL ? page_url : url;
  request->types = lectern_resource_types_infer (url, accept);
  request->types_inferred = TRUE;

  if (page_url == NULL || strcmp (url, page_url) == 0)
    {
      request->types = LECTERN_RESOURCE_DOCUMENT;
      request->page_url = url;
    }
  else if (request->types & LECTERN_RESOURCE_DOCUMENT)
    request->types = (request->types & ~LECTERN_RESOURCE_DOCUMENT) | LECTERN_RESOURCE_SUBDOCUMENT;
}

/**
 * lectern_resource_types_infer:
 * @url: the request URL
 * @accept: (nullable): the request's Accept header
 *
 * Guesses what a request is from what WebKit shows of it. The first media
 * type of @accept decides for documents (which may be frames: only the
 * caller knows), stylesheets and images; a request that accepts anything
 * is told apart by its URL's extension, else it gets every type such a
 * request can be. Does not allocate: safe per request.
 *
 * Returns: the set of types the request may have, never empty
 */
LecternResourceTypes
lectern_resource_types_infer (const char *url,
                              const char *accept)
{
  LecternResourceTypes by_extension;
  gsize first_len = 0;

  if (url == NULL)
    url = "";

  if (g_ascii_strncasecmp (url, "ws://", 5) == 0 ||
      g_ascii_strncasecmp (url, "wss://", 6) == 0)
    return LECTERN_RESOURCE_WEBSOCKET;

  if (accept != NULL)
    {
      while (*accept == ' ' || *accept == '\t')
        accept++;
      first_len = strcspn (accept, ",;");
      while (first_len > 0 && (accept[first_len - 1] == ' ' || accept[first_len - 1] == '\t'))
        first_len--;
    }

  if (first_len > 0)
    {
      if (has_prefix_ascii_nocase (accept, first_len, "text/html") ||
          has_prefix_ascii_nocase (accept, first_len, "application/xhtml+xml"))
        return LECTERN_RESOURCE_DOCUMENT | LECTERN_RESOURCE_SUBDOCUMENT;
      if (has_prefix_ascii_nocase (accept, first_len, "text/css"))
        return LECTERN_RESOURCE_STYLESHEET;
      if (has_prefix_ascii_nocase (accept, first_len, "image/"))
        return LECTERN_RESOURCE_IMAGE;
      if (has_prefix_ascii_nocase (accept, first_len, "video/") ||
          has_prefix_ascii_nocase (accept, first_len, "audio/"))
        return LECTERN_RESOURCE_MEDIA;
    }

  by_extension = types_for_extension (url);

  /* Without the header the extension is all there is to go by. */
  if (first_len == 0)
    return by_extension != 0 ? by_extension : ANY_ACCEPT_TYPES;

  /* WebKit's media elements accept anything too. A stylesheet or image URL
   * that accepts anything was fetched by a script, so it only narrows the
   * set when it names something that accepts anything. */
  by_extension &= ANY_ACCEPT_TYPES | LECTERN_RESOURCE_MEDIA;

  return by_extension != 0 ? by_extension : ANY_ACCEPT_TYPES;
}

/**
 * lectern_resource_type_from_name:
 * @name: a type as filter options name it ("script", "subdocument", …),
 *   or as browsers do ("xhr", "fetch", "sub_frame", "main_frame")
 * @type: (out): return location for the type
 *
 * Returns: %TRUE if @name is a known type
 */
gboolean
lectern_resource_type_from_name (const char           *name,
                                 LecternResourceTypes *type)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    {
      if (strcmp (name, type_names[i].name) == 0)
        {
          *type = type_names[i].type;
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (type_aliases); i++)
    {
      if (strcmp (name, type_aliases[i].name) == 0)
        {
          *type = type_aliases[i].type;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * lectern_resource_types_to_name:
 * @types: a type or a set of types
 *
 * Returns: the filter-option name of @types when it is a single type, else
 *   of its most likely member; "other" for an empty set
 */
const char *
lectern_resource_types_to_name (LecternResourceTypes types)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    {
      if (types & type_names[i].type)
        return type_names[i].name;
    }

  return "other";
}
