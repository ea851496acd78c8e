/* lectern-article-run.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LECTERN_TYPE_ARTICLE_RUN (lectern_article_run_get_type ())

G_DECLARE_FINAL_TYPE (LecternArticleRun, lectern_article_run, LECTERN, ARTICLE_RUN, GObject)

LecternArticleRun *lectern_article_run_new        (const char           *uri,
                                                   int                   timeout_seconds);
void               lectern_article_run_run_async  (LecternArticleRun    *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
int                lectern_article_run_finish     (LecternArticleRun    *self,
                                                   GAsyncResult         *result);

G_END_DECLS
