/* lectern-paths.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    lectern_paths_is_uninstalled     (void);
const char *lectern_paths_get_data_dir       (void);
const char *lectern_paths_get_extension_dir  (void);
const char *lectern_paths_get_filter_lists_dir (void);

G_END_DECLS
