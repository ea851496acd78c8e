/* lectern-article-consent.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-article-tree.h"

G_BEGIN_DECLS

guint _lectern_article_drop_consent (Node *root);

G_END_DECLS
