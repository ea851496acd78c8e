/* lectern-json.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char *lectern_format_time              (GDateTime   *time) G_GNUC_WARN_UNUSED_RESULT;
void  lectern_json_add_string_member   (JsonBuilder *builder,
                                        const char  *name,
                                        const char  *value);
void  lectern_json_add_boolean_member  (JsonBuilder *builder,
                                        const char  *name,
                                        gboolean     value);

G_END_DECLS
