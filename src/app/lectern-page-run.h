/* lectern-page-run.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-web-view.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_PAGE_RUN (lectern_page_run_get_type ())

G_DECLARE_FINAL_TYPE (LecternPageRun, lectern_page_run, LECTERN, PAGE_RUN, GObject)

LecternPageRun *lectern_page_run_new           (LecternProfile       *profile,
                                                const char           *uri);
LecternWebView *lectern_page_run_get_web_view  (LecternPageRun       *self);
void            lectern_page_run_load_async    (LecternPageRun       *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean        lectern_page_run_load_finish   (LecternPageRun       *self,
                                                GAsyncResult         *result,
                                                GError              **error);
void            lectern_page_run_stop          (LecternPageRun       *self);

G_END_DECLS
