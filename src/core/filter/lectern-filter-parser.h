/* lectern-filter-parser.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-filter-engine.h"

G_BEGIN_DECLS

/* What the filter engine needs to know of one line of a filter list. The
 * parser is apart from the engine so that its only input is text: it is
 * what the list fuzz target drives. */

typedef enum
{
  LECTERN_FILTER_LINE_RULE,
  LECTERN_FILTER_LINE_COMMENT,
  LECTERN_FILTER_LINE_COSMETIC,
  LECTERN_FILTER_LINE_SKIPPED,
  LECTERN_FILTER_LINE_INVALID,
  LECTERN_FILTER_LINE_BADFILTER,
} LecternFilterLineKind;

typedef enum
{
  LECTERN_FILTER_RULE_EXCEPTION       = 1 << 0,
  LECTERN_FILTER_RULE_IMPORTANT       = 1 << 1,
  LECTERN_FILTER_RULE_MATCH_CASE      = 1 << 2,
  LECTERN_FILTER_RULE_THIRD_PARTY     = 1 << 3,
  LECTERN_FILTER_RULE_FIRST_PARTY     = 1 << 4,
  LECTERN_FILTER_RULE_ANCHOR_HOST     = 1 << 5,
  LECTERN_FILTER_RULE_ANCHOR_START    = 1 << 6,
  LECTERN_FILTER_RULE_ANCHOR_END      = 1 << 7,
  LECTERN_FILTER_RULE_DOMAINS         = 1 << 8,
  LECTERN_FILTER_RULE_TO_DOMAINS      = 1 << 9,
  LECTERN_FILTER_RULE_REGEX           = 1 << 10,
  LECTERN_FILTER_RULE_PAGE_EXCEPTION  = 1 << 11,
} LecternFilterRuleFlags;

typedef enum
{
  LECTERN_FILTER_COSMETIC_EXCEPTION  = 1 << 0,
  /* Procedural (#?#), style (#$#), scriptlet (##+js) and HTML ($$) rules:
   * kept, but not plain selectors. */
  LECTERN_FILTER_COSMETIC_EXTENDED   = 1 << 1,
  /* The domain entry was "~domain": the rule does not apply there. */
  LECTERN_FILTER_COSMETIC_NEGATED    = 1 << 2,
} LecternFilterCosmeticFlags;

/**
 * LecternFilterParsed:
 *
 * One parsed line. The GStrings are reused from line to line; their
 * contents are valid until the next parse.
 *
 * Domain lists are "a.com|~b.com|c.*", in lower-case ASCII: most read the
 * same as in the rule's text, which the engine then points into.
 */
typedef struct
{
  LecternFilterLineKind    kind;
  LecternFilterSkipReason  reason;
  guint                    flags;
  guint                    types;
  GString                 *pattern;
  GString                 *domains;
  GString                 *to_domains;
  /* LINE_BADFILTER: the text of the rule it takes out. */
  GString                 *badfilter;
  /* LINE_COSMETIC: comma-separated domains (may be empty), the selector. */
  GString                 *cosmetic_domains;
  GString                 *selector;
  guint                    cosmetic_flags;
} LecternFilterParsed;

void     lectern_filter_parsed_init   (LecternFilterParsed  *parsed);
void     lectern_filter_parsed_clear  (LecternFilterParsed  *parsed);
gboolean lectern_filter_parse_line    (const char           *line,
                                       gsize                 len,
                                       LecternFilterParsed  *parsed,
                                       GError              **error);

G_END_DECLS
