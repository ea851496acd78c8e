/* lectern-test-utils.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lectern-page-report.h"

G_BEGIN_DECLS

char       *lectern_test_dup_tmp_dir       (const char *prefix) G_GNUC_WARN_UNUSED_RESULT;
const char *lectern_test_get_web_root      (void);
char       *lectern_test_dup_lectern_path  (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean    lectern_test_rm_rf             (const char  *path,
                                            GError     **error);
JsonObject *lectern_test_find_by_member    (JsonArray   *array,
                                            const char  *member,
                                            const char  *value);
LecternCookieRecord *
            lectern_test_new_cookie        (const char      *name,
                                            LecternCategory  category,
                                            gboolean         violation) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
