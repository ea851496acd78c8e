/* lectern-headless-run.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-command-line.h"
#include "lectern-profile.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_HEADLESS_RUN (lectern_headless_run_get_type ())

G_DECLARE_FINAL_TYPE (LecternHeadlessRun, lectern_headless_run, LECTERN, HEADLESS_RUN, GObject)

LecternHeadlessRun *lectern_headless_run_new        (LecternProfile       *profile,
                                                     LecternCommand        command,
                                                     LecternReportFormat   format,
                                                     const char           *uri,
                                                     int                   timeout_seconds,
                                                     gint64                deadline);
void                lectern_headless_run_run_async  (LecternHeadlessRun   *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
int                 lectern_headless_run_finish     (LecternHeadlessRun   *self,
                                                     GAsyncResult         *result);

G_END_DECLS
