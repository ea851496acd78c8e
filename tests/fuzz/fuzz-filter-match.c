/* fuzz-filter-match.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "lectern-filter-engine.h"

/* Requests are outside input (a page picks its URLs). The input is rules,
 * a blank line, the request URL, a line break, the page URL and one
 * byte of types; each part may be missing. Also reads the input as a
 * compiled image, which must be refused or used, never crash. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static const char base_list[] =
  "||ads.example.com^\n"
  "@@||ads.example.com/ok/$script\n"
  "/banner/*/img^$image,domain=example.org|~shop.example.org\n"
  "/^https?:\\/\\/[a-z]+\\.top\\/[a-z]+\\.js/$script\n"
  "||cdn.example^$3p,to=tracker.*,denyallow=ok.cdn.example\n"
  "*$websocket,domain=chat.example\n"
  "/track/*$domain=a.example|~b.a.example|shop.*|~x.shop.*|d.example|e.example|f.example|g.example|h.example\n"
  "@@||example.org^$document\n";

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  g_autoptr(LecternFilterEngine) from_image = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autofree char *input = g_strndup ((const char *) data, size);
  const char *rules = input;
  char *url = NULL;
  char *page = NULL;
  LecternRequest request = { 0 };
  LecternFilterMatch match;
  char *split;

  split = strstr (input, "\n\n");
  if (split != NULL)
    {
      *split = '\0';
      url = split + 2;
      split = strchr (url, '\n');
      if (split != NULL)
        {
          *split = '\0';
          page = split + 1;
        }
    }

  lectern_filter_engine_add_list (engine, base_list, strlen (base_list), LECTERN_FILTER_LIST_EASYLIST);
  lectern_filter_engine_add_list (engine, rules, strlen (rules), LECTERN_FILTER_LIST_OTHER);

  request.url = url != NULL ? url : rules;
  request.page_url = page;
  request.types = size > 0 ? (LecternResourceTypes) (data[size - 1] | (data[0] << 8)) & LECTERN_RESOURCE_ALL : 0;
  lectern_filter_engine_match (engine, &request, &match);

  request.types = LECTERN_RESOURCE_ALL;
  lectern_filter_engine_match (engine, &request, &match);

  /* Damaged images are refused when verified. */
  from_image = lectern_filter_engine_new_from_image (bytes, TRUE, NULL);
  if (from_image != NULL)
    lectern_filter_engine_match (from_image, &request, &match);

  return 0;
}
