/* fuzz-filter-parser.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "lectern-filter-engine.h"
#include "lectern-filter-regex.h"

/* A filter list is outside input (the updater downloads it): read any
 * bytes as one, compile it, load the compiled image back, and use it.
 * The same bytes as a rule's regular expression: the text every match of
 * it holds is found in it, or nothing is. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();
  g_autoptr(LecternFilterEngine) loaded = NULL;
  g_autoptr(GBytes) image = NULL;
  g_autoptr(GPtrArray) selectors = NULL;
  LecternRequest request = { "https://ads.example.com/a/b.js?x=1", "https://www.example.org/",
                             LECTERN_RESOURCE_SCRIPT | LECTERN_RESOURCE_XMLHTTPREQUEST, TRUE };
  LecternFilterMatch match;

  lectern_filter_engine_add_list (engine, (const char *) data, size, LECTERN_FILTER_LIST_OTHER);
  lectern_filter_engine_match (engine, &request, &match);

  image = lectern_filter_engine_dup_image (engine);
  loaded = lectern_filter_engine_new_from_image (image, TRUE, NULL);
  g_assert (loaded != NULL);
  g_assert (lectern_filter_engine_match (loaded, &request, &match) == match.blocked);

  selectors = lectern_filter_engine_dup_selectors (loaded, "www.example.org", TRUE);

  g_free (lectern_filter_regex_required_literal ((const char *) data, size));

  return 0;
}
