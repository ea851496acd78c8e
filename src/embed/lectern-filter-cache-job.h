/* lectern-filter-cache-job.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-filter-engine.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_FILTER_CACHE_JOB (lectern_filter_cache_job_get_type ())

G_DECLARE_FINAL_TYPE (LecternFilterCacheJob, lectern_filter_cache_job, LECTERN, FILTER_CACHE_JOB, GObject)

LecternFilterCacheJob    *lectern_filter_cache_job_new        (const char             *lists_dir,
                                                               const char             *cache_dir);
const char               *lectern_filter_cache_job_get_dir    (LecternFilterCacheJob  *self);
void                      lectern_filter_cache_job_run_async  (LecternFilterCacheJob  *self,
                                                               GAsyncReadyCallback     callback,
                                                               gpointer                user_data);
char                     *lectern_filter_cache_job_run_finish (LecternFilterCacheJob  *self,
                                                               GAsyncResult           *result,
                                                               GError                **error);
gboolean                  lectern_filter_cache_job_wait       (LecternFilterCacheJob  *self,
                                                               const char            **path,
                                                               const char            **key);
const LecternFilterStats *lectern_filter_cache_job_get_stats  (LecternFilterCacheJob  *self);

G_END_DECLS
