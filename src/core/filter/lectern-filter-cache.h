/* lectern-filter-cache.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-filter-engine.h"

G_BEGIN_DECLS

#define LECTERN_FILTER_CACHE_ERROR (lectern_filter_cache_error_quark ())

/* The file name to keep the cache under: a new layout gets a new name, so
 * builds of different versions side by side do not rebuild each other's. */
#define LECTERN_FILTER_CACHE_BASENAME "filters-v" G_STRINGIFY (LECTERN_FILTER_ENGINE_FORMAT_VERSION) ".bin"

typedef enum
{
  LECTERN_FILTER_CACHE_ERROR_FOREIGN,
  LECTERN_FILTER_CACHE_ERROR_VERSION,
  LECTERN_FILTER_CACHE_ERROR_TRUNCATED,
  LECTERN_FILTER_CACHE_ERROR_CHECKSUM,
  LECTERN_FILTER_CACHE_ERROR_STALE,
} LecternFilterCacheError;

/**
 * LecternFilterSource:
 * @path: a filter list file
 * @list: which list it is
 */
typedef struct
{
  const char            *path;
  LecternFilterListKind  list;
} LecternFilterSource;

GQuark               lectern_filter_cache_error_quark   (void);
char                *lectern_filter_cache_compute_key   (const LecternFilterSource  *sources,
                                                         guint                       n_sources) G_GNUC_WARN_UNUSED_RESULT;
LecternFilterEngine *lectern_filter_cache_build         (const LecternFilterSource  *sources,
                                                         guint                       n_sources,
                                                         GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean             lectern_filter_cache_write         (LecternFilterEngine        *engine,
                                                         const char                 *path,
                                                         const char                 *key,
                                                         GError                    **error);
LecternFilterEngine *lectern_filter_cache_load          (const char                 *path,
                                                         const char                 *key,
                                                         gboolean                    verify,
                                                         GError                    **error) G_GNUC_WARN_UNUSED_RESULT;
LecternFilterEngine *lectern_filter_cache_ensure        (const char                 *path,
                                                         const LecternFilterSource  *sources,
                                                         guint                       n_sources,
                                                         char                      **key,
                                                         char                      **message,
                                                         GError                    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
