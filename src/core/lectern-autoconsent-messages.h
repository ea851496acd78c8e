/* lectern-autoconsent-messages.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *lectern_autoconsent_get_world_name      (void);
JsonObject *lectern_autoconsent_message_parse       (const char  *text,
                                                     gboolean    *top,
                                                     char       **frame_url) G_GNUC_WARN_UNUSED_RESULT;
gboolean    lectern_autoconsent_message_get_boolean (JsonObject  *object,
                                                     const char  *name,
                                                     gboolean     default_value);
const char *lectern_autoconsent_message_get_string  (JsonObject  *object,
                                                     const char  *name);
JsonObject *lectern_autoconsent_message_get_object  (JsonObject  *object,
                                                     const char  *name);
const char *lectern_autoconsent_message_get_cmp     (JsonObject  *message);
char       *lectern_autoconsent_dup_eval_reply      (const char  *id,
                                                     const char  *result_json) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
