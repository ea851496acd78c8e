/* lectern-article-tree.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The sanitized article as a small tree, which the other lectern-article
 * files walk to drop consent text and to render the article. */

typedef struct _Node Node;

struct _Node
{
  char      *name;        /* lower case; NULL for a text node */
  char      *text;        /* text nodes only */
  char     **attr_names;
  char     **attr_values;
  GPtrArray *children;    /* Node */
  Node      *parent;
  gboolean   dropped;
};

typedef enum
{
  KIND_DROP,    /* the element and everything in it */
  KIND_UNWRAP,  /* the element goes, its content stays */
  KIND_INLINE,
  KIND_BLOCK,
} Kind;

Node       *_lectern_article_parse_xhtml      (const char  *xhtml,
                                               GError     **error);
void        _lectern_article_node_free        (Node        *node);
const char *_lectern_article_node_get_attr    (Node        *node,
                                               const char  *name);
char       *_lectern_article_node_dup_text    (Node        *node);
void        _lectern_article_collect_blocks   (Node        *node,
                                               GPtrArray   *blocks);
Kind        _lectern_article_element_kind     (const char  *name);
void        _lectern_article_append_collapsed (GString     *str,
                                               const char  *text);
char       *_lectern_article_dup_collapsed    (const char  *text);
char       *_lectern_article_dup_folded       (const char  *text);

G_END_DECLS
