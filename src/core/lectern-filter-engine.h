/* lectern-filter-engine.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-category.h"
#include "lectern-request.h"

G_BEGIN_DECLS

#define LECTERN_FILTER_ERROR (lectern_filter_error_quark ())

typedef enum
{
  LECTERN_FILTER_ERROR_SYNTAX,
  LECTERN_FILTER_ERROR_UNSUPPORTED,
} LecternFilterError;

/**
 * LecternFilterMatch:
 * @blocked: a blocking rule matched and no exception overrode it
 * @rule: (nullable): the text of the rule that decided, borrowed from the engine
 * @list: the list @rule came from
 *
 * @rule is the blocking rule when @blocked, else the exception rule that
 * overrode a blocking one, else %NULL.
 */
typedef struct
{
  gboolean               blocked;
  const char            *rule;
  LecternFilterListKind  list;
} LecternFilterMatch;

/**
 * LecternFilterStats:
 * @rules: network rules loaded
 * @comments: comment and header lines
 * @cosmetic: element-hiding and scriptlet rules (not network rules)
 * @skipped: network rules skipped because an option is not understood
 * @invalid: lines that are not rules at all
 */
typedef struct
{
  guint rules;
  guint comments;
  guint cosmetic;
  guint skipped;
  guint invalid;
} LecternFilterStats;

typedef struct _LecternFilterEngine LecternFilterEngine;

GQuark               lectern_filter_error_quark      (void);
LecternFilterEngine *lectern_filter_engine_new       (void);
void                 lectern_filter_engine_free      (LecternFilterEngine         *self);
gboolean             lectern_filter_engine_add_rule  (LecternFilterEngine         *self,
                                                      const char                  *line,
                                                      LecternFilterListKind        list,
                                                      GError                     **error);
void                 lectern_filter_engine_add_list  (LecternFilterEngine         *self,
                                                      const char                  *text,
                                                      gsize                        length,
                                                      LecternFilterListKind        list);
gboolean             lectern_filter_engine_add_file  (LecternFilterEngine         *self,
                                                      const char                  *path,
                                                      LecternFilterListKind        list,
                                                      GError                     **error);
gboolean             lectern_filter_engine_match     (LecternFilterEngine         *self,
                                                      const LecternRequest        *request,
                                                      LecternFilterMatch          *match);
const LecternFilterStats *
                     lectern_filter_engine_get_stats (LecternFilterEngine         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternFilterEngine, lectern_filter_engine_free)

G_END_DECLS
