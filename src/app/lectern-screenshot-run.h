/* lectern-screenshot-run.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-window.h"

G_BEGIN_DECLS

void lectern_screenshot_run_async  (LecternWindow        *window,
                                    const char           *path,
                                    int                   timeout_seconds,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
int  lectern_screenshot_run_finish (LecternWindow        *window,
                                    GAsyncResult         *result);

G_END_DECLS
