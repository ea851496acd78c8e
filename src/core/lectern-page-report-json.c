/* lectern-page-report-json.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-page-report.h"

#include <json-glib/json-glib.h>

#include "lectern-json.h"
#include "lectern-page-report-private.h"

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_null_member (JsonBuilder *builder,
                 const char  *name)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_null_value (builder);
}

static void
build_consent (LecternPageReport *self,
               JsonBuilder       *builder)
{
  json_builder_set_member_name (builder, "consent");

  if (self->choices == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  for (guint i = 0; i < LECTERN_N_CATEGORIES; i++)
    lectern_json_add_boolean_member (builder,
                                     lectern_category_to_id ((LecternCategory) i),
                                     lectern_site_choices_get_allowed (self->choices, i));
  lectern_json_add_boolean_member (builder, "trusted", lectern_site_choices_get_trusted (self->choices));
  lectern_json_add_boolean_member (builder, "leave_banner", lectern_site_choices_get_leave_banner (self->choices));
  json_builder_end_object (builder);
}

static void
build_trackers (LecternPageReport *self,
                JsonBuilder       *builder)
{
  json_builder_set_member_name (builder, "trackers");
  json_builder_begin_array (builder);

  for (guint i = 0; i < self->trackers->len; i++)
    {
      const LecternRequestRecord *record = g_ptr_array_index (self->trackers, i);

      json_builder_begin_object (builder);
      lectern_json_add_string_member (builder, "url", record->url);
      lectern_json_add_string_member (builder, "host", record->host);
      lectern_json_add_string_member (builder, "type", record->type);
      lectern_json_add_string_member (builder, "name", record->name);
      lectern_json_add_string_member (builder, "company", record->company);
      lectern_json_add_string_member (builder, "category", lectern_category_to_id (record->category));
      lectern_json_add_string_member (builder, "rule", record->rule);
      lectern_json_add_boolean_member (builder, "blocked", record->blocked);
      lectern_json_add_string_member (builder, "list", record->list);
      lectern_json_add_boolean_member (builder, "type_inferred", record->type_inferred);
      lectern_json_add_boolean_member (builder, "third_party", record->third_party);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

static void
build_cookies (LecternPageReport *self,
               JsonBuilder       *builder)
{
  json_builder_set_member_name (builder, "cookies");
  json_builder_begin_array (builder);

  for (guint i = 0; i < self->cookies->len; i++)
    {
      const LecternCookieRecord *record = g_ptr_array_index (self->cookies, i);
      g_autofree char *expires = lectern_format_time (record->expires);

      json_builder_begin_object (builder);
      lectern_json_add_string_member (builder, "name", record->name);
      lectern_json_add_string_member (builder, "domain", record->domain);
      lectern_json_add_string_member (builder, "party", record->third_party ? "third" : "first");
      lectern_json_add_string_member (builder, "category", lectern_category_to_id (record->category));
      lectern_json_add_string_member (builder, "platform", record->platform);
      lectern_json_add_string_member (builder, "owner", record->owner);
      lectern_json_add_string_member (builder, "retention", record->retention);
      lectern_json_add_string_member (builder, "expires", expires);
      lectern_json_add_boolean_member (builder, "violation", record->violation);
      lectern_json_add_boolean_member (builder, "removed", record->removed);
      lectern_json_add_boolean_member (builder, "allowed", record->allowed_tracker != NULL);
      lectern_json_add_string_member (builder, "allowed_tracker", record->allowed_tracker);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
}

/* "violations": every violation with its evidence; see
 * lectern_violation_build_json(). */
static void
build_violations (LecternPageReport *self,
                  JsonBuilder       *builder)
{
  g_autoptr(GPtrArray) violations = lectern_page_report_dup_violations (self);

  json_builder_set_member_name (builder, "violations");
  json_builder_begin_array (builder);

  for (guint i = 0; i < violations->len; i++)
    lectern_violation_build_json (g_ptr_array_index (violations, i), builder);

  json_builder_end_array (builder);
}

/**
 * lectern_page_report_to_json:
 * @self: a report
 *
 * Writes the report JSON, version %LECTERN_PAGE_REPORT_VERSION, pretty
 * printed. Missing strings are null; "consent" is null until choices are
 * set; "cmp" is null unless lectern_page_report_set_cmp() was called with
 * a consent tool; "article" is null unless
 * lectern_page_report_set_article() was called; "complete" is false once
 * lectern_page_report_set_incomplete() was.
 *
 * Returns: (transfer full): the JSON text
 */
char *
lectern_page_report_to_json (LecternPageReport *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  add_int_member (builder, "version", LECTERN_PAGE_REPORT_VERSION);
  lectern_json_add_boolean_member (builder, "complete", self->incomplete == NULL);
  lectern_json_add_string_member (builder, "url", self->url);
  lectern_json_add_string_member (builder, "site", self->site);
  lectern_json_add_string_member (builder, "title", self->title);
  build_consent (self, builder);

  json_builder_set_member_name (builder, "requests");
  json_builder_begin_object (builder);
  add_int_member (builder, "total", self->n_requests);
  add_int_member (builder, "third_party", self->n_third_party);
  add_int_member (builder, "blocked", self->n_blocked);
  json_builder_end_object (builder);

  build_trackers (self, builder);
  build_cookies (self, builder);
  json_builder_set_member_name (builder, "cmp");
  lectern_cmp_outcome_build_json (self->cmp, TRUE, builder);
  build_violations (self, builder);
  if (self->has_article)
    {
      json_builder_set_member_name (builder, "article");
      json_builder_begin_object (builder);
      lectern_json_add_string_member (builder, "title", self->article_title);
      lectern_json_add_string_member (builder, "byline", self->article_byline);
      add_int_member (builder, "words", self->article_words);
      add_int_member (builder, "reading_minutes", self->article_reading_minutes);
      json_builder_end_object (builder);
    }
  else
    add_null_member (builder, "article");

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}
