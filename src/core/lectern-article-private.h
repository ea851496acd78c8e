/* lectern-article-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-article.h"
#include "lectern-article-tree.h"

G_BEGIN_DECLS

/* The article, shared by the file that makes and holds it
 * (lectern-article.c) and the one that renders it
 * (lectern-article-render.c). */
struct _LecternArticle
{
  char       *url;
  char       *site;
  char       *title;
  char       *byline;
  char       *site_name;
  char       *published_time;
  char       *lang;
  char       *dir;
  Node       *root;
  char       *text;
  guint       n_words;
  guint       n_consent_removed;
  GPtrArray  *blocked_images;  /* URLs of images from other sites */
  GHashTable *allowed_images;  /* URLs the reader chose to load */
};

G_END_DECLS
