/* lectern-json.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-json.h"

/* What the page report, its violations and the consent receipt share, so
 * that the three documents write times and members the same way. */

/**
 * lectern_format_time:
 * @time: (nullable): a time
 *
 * Returns: (transfer full) (nullable): @time in the documents' one format,
 *   ISO 8601 in UTC to the second ("2026-11-28T10:00:02Z"); %NULL for
 *   %NULL
 */
char *
lectern_format_time (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * lectern_json_add_string_member:
 * @value: (nullable): the member's value; %NULL writes null
 */
void
lectern_json_add_string_member (JsonBuilder *builder,
                                const char  *name,
                                const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
lectern_json_add_boolean_member (JsonBuilder *builder,
                                 const char  *name,
                                 gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}
