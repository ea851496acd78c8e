/* lectern-request.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LecternResourceTypes:
 *
 * A set of resource types, named as the filter-list options name them.
 * The web process rarely knows a request's type for sure (WebKit's
 * send-request gives no type), so a request carries every type it may be.
 */
typedef enum
{
  LECTERN_RESOURCE_DOCUMENT       = 1 << 0,
  LECTERN_RESOURCE_SUBDOCUMENT    = 1 << 1,
  LECTERN_RESOURCE_SCRIPT         = 1 << 2,
  LECTERN_RESOURCE_STYLESHEET     = 1 << 3,
  LECTERN_RESOURCE_IMAGE          = 1 << 4,
  LECTERN_RESOURCE_FONT           = 1 << 5,
  LECTERN_RESOURCE_MEDIA          = 1 << 6,
  LECTERN_RESOURCE_XMLHTTPREQUEST = 1 << 7,
  LECTERN_RESOURCE_PING           = 1 << 8,
  LECTERN_RESOURCE_WEBSOCKET      = 1 << 9,
  LECTERN_RESOURCE_OBJECT         = 1 << 10,
  LECTERN_RESOURCE_OTHER          = 1 << 11,
} LecternResourceTypes;

#define LECTERN_RESOURCE_ALL ((LecternResourceTypes) ((1 << 12) - 1))

/**
 * LecternRequest:
 * @url: the request URL, as sent
 * @page_url: the URL of the top document
 * @types: every type the request may have (at least one)
 * @types_inferred: %TRUE when @types was guessed rather than known
 *
 * A request as the web process sees it. Borrowed strings only, so a
 * request costs nothing to build in send-request.
 */
typedef struct
{
  const char           *url;
  const char           *page_url;
  LecternResourceTypes  types;
  gboolean              types_inferred;
} LecternRequest;

void                  lectern_request_init_sent         (LecternRequest       *request,
                                                         const char           *url,
                                                         const char           *page_url,
                                                         const char           *accept);
LecternResourceTypes  lectern_resource_types_infer      (const char           *url,
                                                         const char           *accept);
gboolean              lectern_resource_type_from_name   (const char           *name,
                                                         LecternResourceTypes *type);
const char           *lectern_resource_types_to_name    (LecternResourceTypes  types);

G_END_DECLS
