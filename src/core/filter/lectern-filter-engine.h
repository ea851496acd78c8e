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
  LECTERN_FILTER_ERROR_READ_ONLY,
  LECTERN_FILTER_ERROR_CORRUPT,
} LecternFilterError;

/* The layout of the compiled index (lectern_filter_engine_dup_image()).
 * Bump it whenever the layout or the meaning of a rule changes, so that
 * caches written by an older build are rebuilt. */
#define LECTERN_FILTER_ENGINE_FORMAT_VERSION 26

/**
 * LecternFilterSkipReason:
 * @LECTERN_FILTER_SKIP_UNKNOWN_OPTION: an option the engine does not know
 * @LECTERN_FILTER_SKIP_MODIFIER: an option that changes a request or a
 *   response rather than blocking it ($csp, $removeparam, $header, …),
 *   which a browser extension point cannot apply
 * @LECTERN_FILTER_SKIP_COSMETIC_EXCEPTION: a page-wide exception for
 *   element hiding ($generichide, $elemhide, …)
 * @LECTERN_FILTER_SKIP_POPUP: applies only to popups
 * @LECTERN_FILTER_SKIP_NO_TYPE: its options leave no request it could
 *   apply to (no type, or both first and third party)
 * @LECTERN_FILTER_SKIP_DOMAIN: a domain option the engine cannot read
 * @LECTERN_FILTER_SKIP_REGEX: a regular expression that does not compile
 * @LECTERN_FILTER_SKIP_TOO_LONG: a pattern over 65 535 bytes
 * @LECTERN_FILTER_SKIP_BADFILTER: a $badfilter line, which takes another
 *   rule out rather than being one
 * @LECTERN_FILTER_SKIP_DISABLED: a rule taken out by a $badfilter line
 * @LECTERN_FILTER_SKIP_METHOD: depends on the HTTP method
 *
 * Why a network rule was left out. Each is counted in #LecternFilterStats.
 */
typedef enum
{
  LECTERN_FILTER_SKIP_UNKNOWN_OPTION,
  LECTERN_FILTER_SKIP_MODIFIER,
  LECTERN_FILTER_SKIP_COSMETIC_EXCEPTION,
  LECTERN_FILTER_SKIP_POPUP,
  LECTERN_FILTER_SKIP_NO_TYPE,
  LECTERN_FILTER_SKIP_DOMAIN,
  LECTERN_FILTER_SKIP_REGEX,
  LECTERN_FILTER_SKIP_TOO_LONG,
  LECTERN_FILTER_SKIP_BADFILTER,
  LECTERN_FILTER_SKIP_DISABLED,
  LECTERN_FILTER_SKIP_METHOD,
} LecternFilterSkipReason;

#define LECTERN_FILTER_N_SKIP_REASONS 11

/**
 * LecternFilterMatch:
 * @blocked: a blocking rule matched and no exception overrode it
 * @rule: (nullable): the text of the rule that decided, borrowed from the engine
 * @list: the list @rule came from
 *
 * @rule is the blocking rule when @blocked, else the exception rule that
 * overrode a blocking one, else %NULL. It may point into the match itself
 * (a plain "||host^" rule is kept as its host alone and written out here
 * when it decides), so a match is filled in place and never copied.
 */
typedef struct
{
  gboolean               blocked;
  const char            *rule;
  LecternFilterListKind  list;
  /*< private >*/
  char                   rule_text[264];
} LecternFilterMatch;

/**
 * LecternFilterStats:
 * @rules: network rules in force
 * @comments: comment and header lines
 * @cosmetic: element-hiding and scriptlet rules, kept per domain
 * @skipped: network rules left out on purpose, the sum of @skipped_by
 * @invalid: lines that are not rules at all
 * @regex: rules among @rules that are regular expressions
 * @skipped_by: @skipped by #LecternFilterSkipReason
 */
typedef struct
{
  guint rules;
  guint comments;
  guint cosmetic;
  guint skipped;
  guint invalid;
  guint regex;
  guint skipped_by[LECTERN_FILTER_N_SKIP_REASONS];
} LecternFilterStats;

typedef struct _LecternFilterEngine LecternFilterEngine;

GQuark               lectern_filter_error_quark            (void);
const char          *lectern_filter_skip_reason_to_string  (LecternFilterSkipReason      reason);
char                *lectern_filter_stats_to_string        (const LecternFilterStats    *stats) G_GNUC_WARN_UNUSED_RESULT;

LecternFilterEngine *lectern_filter_engine_new             (void);
LecternFilterEngine *lectern_filter_engine_new_from_image  (GBytes                      *image,
                                                            gboolean                     verify,
                                                            GError                     **error);
void                 lectern_filter_engine_free            (LecternFilterEngine         *self);
gboolean             lectern_filter_engine_add_rule        (LecternFilterEngine         *self,
                                                            const char                  *line,
                                                            LecternFilterListKind        list,
                                                            GError                     **error);
void                 lectern_filter_engine_add_list        (LecternFilterEngine         *self,
                                                            const char                  *text,
                                                            gsize                        length,
                                                            LecternFilterListKind        list);
gboolean             lectern_filter_engine_add_file        (LecternFilterEngine         *self,
                                                            const char                  *path,
                                                            LecternFilterListKind        list,
                                                            GError                     **error);
GBytes              *lectern_filter_engine_dup_image       (LecternFilterEngine         *self) G_GNUC_WARN_UNUSED_RESULT;
gsize                lectern_filter_engine_get_size        (LecternFilterEngine         *self);
gboolean             lectern_filter_engine_match           (LecternFilterEngine         *self,
                                                            const LecternRequest        *request,
                                                            LecternFilterMatch          *match);
GPtrArray           *lectern_filter_engine_dup_selectors   (LecternFilterEngine         *self,
                                                            const char                  *host,
                                                            gboolean                     generic) G_GNUC_WARN_UNUSED_RESULT;
const LecternFilterStats *
                     lectern_filter_engine_get_stats       (LecternFilterEngine         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternFilterEngine, lectern_filter_engine_free)

G_END_DECLS
