/* lectern-reader-mode.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "lectern-article.h"

G_BEGIN_DECLS

const char     *lectern_reader_mode_get_world_name    (void);
void            lectern_reader_mode_check_async       (WebKitWebView            *web_view,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
gboolean        lectern_reader_mode_check_finish      (WebKitWebView            *web_view,
                                                       GAsyncResult             *result,
                                                       GError                  **error);
void            lectern_reader_mode_extract_async     (WebKitWebView            *web_view,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);
LecternArticle *lectern_reader_mode_extract_finish    (WebKitWebView            *web_view,
                                                       GAsyncResult             *result,
                                                       GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
char           *lectern_reader_mode_render            (LecternArticle           *article,
                                                       const LecternReaderLook  *look) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
