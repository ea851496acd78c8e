/* lectern-cmp-js.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <jsc/jsc.h>

G_BEGIN_DECLS

void      lectern_cmp_js_clear_exception (JSCContext *context);
JSCValue *lectern_cmp_js_dup_object      (JSCValue   *value,
                                          const char *name) G_GNUC_WARN_UNUSED_RESULT;
char     *lectern_cmp_js_dup_string      (JSCValue   *value,
                                          const char *name) G_GNUC_WARN_UNUSED_RESULT;
gboolean  lectern_cmp_js_has_function    (JSCValue   *value,
                                          const char *name);

G_END_DECLS
