/* lectern-cmp-js.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <jsc/jsc.h>

G_BEGIN_DECLS

/* What the agent reads of a page's objects, at most: a consent tool that
 * holds more, or takes longer to read, is not one Lectern can trust. */
#define LECTERN_CMP_MAX_GROUPS       256
#define LECTERN_CMP_MAX_STRING_CHARS (64 * 1024)
#define LECTERN_CMP_MAX_JSON_BYTES   (64 * 1024)
#define LECTERN_CMP_MAX_READ_USEC    (100 * 1000)
#define LECTERN_CMP_MAX_WAIT_USEC    (1000 * 1000)

/**
 * LecternCmpBudget:
 * @cpu_deadline: the processor time of the thread by which the reading
 *   must be done
 * @deadline: the monotonic time by which it must be done, whatever it
 *   waited for
 * @exceeded: (nullable): what was too much, once anything was
 *
 * How much more of a page's objects may be read. Once a bound is
 * exceeded, every reader answers %NULL at once: nothing more is read.
 */
typedef struct
{
  gint64      cpu_deadline;
  gint64      deadline;
  const char *exceeded;
} LecternCmpBudget;

void      lectern_cmp_budget_start       (LecternCmpBudget   *budget);
gboolean  lectern_cmp_budget_spent       (LecternCmpBudget   *budget);
void      lectern_cmp_budget_exceed      (LecternCmpBudget   *budget,
                                          const char         *what);

void      lectern_cmp_js_clear_exception (JSCContext         *context);
JSCValue *lectern_cmp_js_dup_property    (LecternCmpBudget   *budget,
                                          JSCValue           *value,
                                          const char         *name) G_GNUC_WARN_UNUSED_RESULT;
JSCValue *lectern_cmp_js_dup_object      (LecternCmpBudget   *budget,
                                          JSCValue           *value,
                                          const char         *name) G_GNUC_WARN_UNUSED_RESULT;
char     *lectern_cmp_js_dup_string      (LecternCmpBudget   *budget,
                                          JSCValue           *value,
                                          const char         *name) G_GNUC_WARN_UNUSED_RESULT;
gboolean  lectern_cmp_js_has_function    (LecternCmpBudget   *budget,
                                          JSCValue           *value,
                                          const char         *name);
gboolean  lectern_cmp_js_get_length      (LecternCmpBudget   *budget,
                                          JSCValue           *array,
                                          guint               max_length,
                                          const char         *what,
                                          guint              *length);
char     *lectern_cmp_js_dup_members_json (LecternCmpBudget  *budget,
                                          JSCValue           *value,
                                          const char * const *names) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
