/* lectern-violation.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-violation.h"

#include "lectern-consent-record.h"
#include "lectern-json.h"
#include "lectern-page-report.h"

G_DEFINE_BOXED_TYPE (LecternViolation, lectern_violation,
                     lectern_violation_copy, lectern_violation_free)

/**
 * lectern_violation_new:
 * @kind: what broke the choices
 * @name: the cookie's or consent tool's name
 * @category: the refused category
 * @via: how it happened (see #LecternViolation)
 *
 * Returns: (transfer full): a violation without URL, domain or time
 */
LecternViolation *
lectern_violation_new (LecternViolationKind  kind,
                       const char           *name,
                       LecternCategory       category,
                       const char           *via)
{
  LecternViolation *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (via != NULL, NULL);

  self = g_new0 (LecternViolation, 1);
  self->kind = kind;
  self->name = g_strdup (name);
  self->category = MIN (category, LECTERN_CATEGORY_UNKNOWN);
  self->via = g_strdup (via);

  return self;
}

/**
 * lectern_violation_copy:
 * @self: a violation
 *
 * Returns: (transfer full): a deep copy of @self
 */
LecternViolation *
lectern_violation_copy (const LecternViolation *self)
{
  LecternViolation *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lectern_violation_new (self->kind, self->name, self->category, self->via);
  copy->by = g_strdup (self->by);
  copy->domain = g_strdup (self->domain);
  copy->time = self->time != NULL ? g_date_time_ref (self->time) : NULL;
  copy->inferred = self->inferred;
  copy->too_long = self->too_long;
  copy->writes_dropped = self->writes_dropped;

  return copy;
}

void
lectern_violation_free (LecternViolation *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->via);
  g_free (self->by);
  g_free (self->domain);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self);
}

/**
 * lectern_violation_kind_to_id:
 * @kind: a kind
 *
 * Returns: "cookie" or "cmp", as the report writes it
 */
const char *
lectern_violation_kind_to_id (LecternViolationKind kind)
{
  return kind == LECTERN_VIOLATION_CMP ? "cmp" : "cookie";
}

/**
 * lectern_violation_dup_time_string:
 * @self: a violation
 *
 * Returns: (transfer full) (nullable): the time as the report writes
 *   times (ISO 8601 in UTC, to the second), %NULL when unknown
 */
char *
lectern_violation_dup_time_string (const LecternViolation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lectern_format_time (self->time);
}

/**
 * lectern_violation_build_json:
 * @self: a violation
 * @builder: a builder, where a value is expected
 *
 * Adds @self as the report's JSON has it:
 * `{"kind", "name", "category", "evidence": {"via", "by", "domain", "inferred", "too_long", "writes_dropped"}, "time"}`,
 * with null for what is not known.
 */
void
lectern_violation_build_json (const LecternViolation *self,
                              JsonBuilder            *builder)
{
  g_autofree char *time = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  time = lectern_violation_dup_time_string (self);

  json_builder_begin_object (builder);
  lectern_json_add_string_member (builder, "kind", lectern_violation_kind_to_id (self->kind));
  lectern_json_add_string_member (builder, "name", self->name);
  lectern_json_add_string_member (builder, "category", lectern_category_to_id (self->category));
  json_builder_set_member_name (builder, "evidence");
  json_builder_begin_object (builder);
  lectern_json_add_string_member (builder, "via", self->via);
  lectern_json_add_string_member (builder, "by", self->by);
  lectern_json_add_string_member (builder, "domain", self->domain);
  json_builder_set_member_name (builder, "inferred");
  json_builder_add_boolean_value (builder, self->inferred);
  json_builder_set_member_name (builder, "too_long");
  json_builder_add_boolean_value (builder, self->too_long);
  json_builder_set_member_name (builder, "writes_dropped");
  json_builder_add_int_value (builder, self->writes_dropped);
  json_builder_end_object (builder);
  lectern_json_add_string_member (builder, "time", time);
  json_builder_end_object (builder);
}

/* The earliest write of the cookie: the one that put it there first. */
static const LecternCookieEvidence *
find_evidence (GPtrArray                 *evidence,
               const LecternCookieRecord *record)
{
  const LecternCookieEvidence *found = NULL;

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      const LecternCookieEvidence *candidate = g_ptr_array_index (evidence, i);

      if (candidate->name == NULL ||
          !lectern_cookie_evidence_matches (candidate, record->name, record->domain))
        continue;

      if (found == NULL || g_date_time_compare (candidate->time, found->time) < 0)
        found = candidate;
    }

  return found;
}

/* How far from the moment a cookie appeared a response may have arrived
 * to be the one that set it: the cookie store and the view hear of the
 * same response in either order. */
#define RESPONSE_BEFORE_USEC (30 * G_USEC_PER_SEC)
#define RESPONSE_AFTER_USEC  (2 * G_USEC_PER_SEC)

/* When no write of the cookie was seen: a write of its domain whose name
 * could not be read (too long), or writes not reported one by one, made
 * before the cookie appeared. The cookie may be theirs, and a response
 * would then be blamed wrongly. */
static const LecternCookieEvidence *
find_unread_write (GPtrArray                 *evidence,
                   const LecternCookieRecord *record)
{
  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      const LecternCookieEvidence *candidate = g_ptr_array_index (evidence, i);

      if (candidate->name != NULL || (!candidate->too_long && candidate->n_dropped == 0) ||
          !g_str_equal (candidate->via, LECTERN_COOKIE_VIA_DOCUMENT_COOKIE) ||
          !lectern_cookie_evidence_in_domain (candidate, record->domain))
        continue;

      if (record->seen == NULL || g_date_time_difference (candidate->time, record->seen) <= RESPONSE_AFTER_USEC)
        return candidate;
    }

  return NULL;
}

/* When no write of the cookie was seen: the response of the cookie's
 * domain that arrived closest to the moment the cookie appeared. */
static const LecternCookieEvidence *
infer_response (GPtrArray                 *evidence,
                const LecternCookieRecord *record)
{
  const LecternCookieEvidence *found = NULL;
  GTimeSpan found_distance = 0;

  if (record->seen == NULL)
    return NULL;

  for (guint i = 0; evidence != NULL && i < evidence->len; i++)
    {
      const LecternCookieEvidence *candidate = g_ptr_array_index (evidence, i);
      GTimeSpan difference;
      GTimeSpan distance;

      if (candidate->name != NULL ||
          !g_str_equal (candidate->via, LECTERN_COOKIE_VIA_SET_COOKIE) ||
          candidate->host == NULL ||
          !lectern_cookie_evidence_in_domain (candidate, record->domain))
        continue;

      difference = g_date_time_difference (candidate->time, record->seen);
      if (difference < -RESPONSE_BEFORE_USEC || difference > RESPONSE_AFTER_USEC)
        continue;

      distance = ABS (difference);
      if (found == NULL || distance < found_distance)
        {
          found = candidate;
          found_distance = distance;
        }
    }

  return found;
}

/**
 * lectern_violation_collect:
 * @cookies: (nullable) (element-type LecternCookieRecord): the page's
 *   classified cookies
 * @evidence: (nullable) (element-type LecternCookieEvidence): the cookie
 *   writes seen on the page
 * @cmp: (nullable): the page's consent tool
 * @choices: (nullable): the reader's choices for the site
 * @page_url: (nullable): the page, named as the evidence of a consent
 *   tool's violation
 *
 * Every violation of the page: one per cookie marked as a violation, with
 * the earliest write of it as evidence; failing that, a write of its
 * domain too long to read its name from, or writes of its domain not
 * reported one by one, made before the cookie appeared (marked inferred,
 * and too long or with the writes dropped); failing that, the response of its
 * domain that arrived closest to when the cookie appeared (a name-less
 * "set-cookie" evidence, marked inferred); failing that, "cookie-store"
 * and the time it was first seen. Then one per category the
 * consent tool records as granted although @choices refuse it.
 *
 * Returns: (transfer full) (element-type LecternViolation): the
 *   violations, cookies first in the order given
 */
GPtrArray *
lectern_violation_collect (GPtrArray                *cookies,
                           GPtrArray                *evidence,
                           const LecternCmpOutcome  *cmp,
                           const LecternSiteChoices *choices,
                           const char               *page_url)
{
  GPtrArray *violations;

  violations = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_violation_free);

  for (guint i = 0; cookies != NULL && i < cookies->len; i++)
    {
      const LecternCookieRecord *record = g_ptr_array_index (cookies, i);
      const LecternCookieEvidence *write;
      LecternViolation *violation;
      gboolean inferred = FALSE;

      if (!record->violation || record->name == NULL)
        continue;

      write = find_evidence (evidence, record);
      if (write == NULL)
        write = find_unread_write (evidence, record);
      if (write == NULL)
        write = infer_response (evidence, record);
      inferred = write != NULL && write->name == NULL;

      violation = lectern_violation_new (LECTERN_VIOLATION_COOKIE, record->name, record->category,
                                         write != NULL ? write->via : LECTERN_COOKIE_VIA_COOKIE_STORE);
      violation->domain = g_strdup (record->domain);
      violation->inferred = inferred;
      violation->too_long = write != NULL && write->too_long;
      violation->writes_dropped = write != NULL ? write->n_dropped : 0;
      if (write != NULL && !inferred)
        {
          violation->by = g_strdup (write->by);
          violation->time = g_date_time_ref (write->time);
        }
      else if (write != NULL)
        {
          /* The cookie appeared when the store saw it, not when what is
           * thought to have set it happened. */
          violation->by = g_strdup (write->by);
          violation->time = g_date_time_ref (record->seen != NULL ? record->seen : write->time);
        }
      else if (record->seen != NULL)
        {
          violation->time = g_date_time_ref (record->seen);
        }

      g_ptr_array_add (violations, violation);
    }

  /* A banner left alone is the reader's to answer: once answered, what
   * the tool records is the reader's own word, against no choice. */
  if (cmp != NULL && choices != NULL && (cmp->awaiting || !g_str_equal (cmp->action, "left-alone")))
    {
      g_autoptr(GArray) categories = lectern_consent_record_find_violations (&cmp->recorded, choices);

      for (guint i = 0; i < categories->len; i++)
        {
          LecternViolation *violation;

          violation = lectern_violation_new (LECTERN_VIOLATION_CMP, cmp->name,
                                             g_array_index (categories, LecternCategory, i),
                                             LECTERN_VIOLATION_VIA_CONSENT_TOOL);
          violation->by = g_strdup (page_url);
          violation->time = cmp->applied != NULL ? g_date_time_ref (cmp->applied) : NULL;
          g_ptr_array_add (violations, violation);
        }
    }

  return violations;
}
