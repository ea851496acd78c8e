/* lectern-report-run.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-command-line.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_REPORT_RUN (lectern_report_run_get_type ())

G_DECLARE_FINAL_TYPE (LecternReportRun, lectern_report_run, LECTERN, REPORT_RUN, GObject)

LecternReportRun *lectern_report_run_new        (const char           *uri,
                                                 LecternReportFormat   format,
                                                 int                   timeout_seconds);
void              lectern_report_run_run_async  (LecternReportRun     *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
int               lectern_report_run_finish     (LecternReportRun     *self,
                                                 GAsyncResult         *result);

G_END_DECLS
