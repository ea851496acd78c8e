/* lectern-profile-file.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean     lectern_profile_file_check (const char  *path,
                                         gboolean    *exists,
                                         goffset     *size,
                                         GError     **error);
GMappedFile *lectern_profile_file_map   (const char  *path,
                                         GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
