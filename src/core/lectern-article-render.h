/* lectern-article-render.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-article.h"
#include "lectern-article-tree.h"

G_BEGIN_DECLS

char *_lectern_article_dup_body_text          (Node           *root);
void  _lectern_article_collect_blocked_images (LecternArticle *self);

G_END_DECLS
