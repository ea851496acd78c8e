/* lectern-request-record.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-request-record.h"

#include "lectern-party.h"

G_DEFINE_BOXED_TYPE (LecternRequestRecord, lectern_request_record,
                     lectern_request_record_copy, lectern_request_record_free)

/* The wire form has no NULL strings: "" stands for none. */
static inline const char *
or_empty (const char *str)
{
  return str != NULL ? str : "";
}

static inline char *
dup_or_null (const char *str)
{
  return str != NULL && str[0] != '\0' ? g_strdup (str) : NULL;
}

/**
 * lectern_request_record_new:
 * @request: the request
 * @decision: what lectern_blocker_decide() said about it
 *
 * Copies what the report and the sidebar need out of @request and
 * @decision, which are borrowed and short-lived.
 *
 * Returns: (transfer full): a new record
 */
LecternRequestRecord *
lectern_request_record_new (const LecternRequest  *request,
                            const LecternDecision *decision)
{
  LecternRequestRecord *self;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->url != NULL, NULL);
  g_return_val_if_fail (decision != NULL, NULL);

  self = g_new0 (LecternRequestRecord, 1);
  self->page_url = g_strdup (request->page_url);
  self->url = g_strdup (request->url);
  self->host = lectern_party_dup_host_for_uri (request->url);
  self->type = g_strdup (lectern_resource_types_to_name (request->types));
  self->type_inferred = request->types_inferred;
  self->third_party = decision->third_party;
  self->tracker = decision->tracker;
  self->blocked = decision->blocked;
  self->category = decision->category;

  if (decision->tracker_info != NULL)
    {
      self->name = dup_or_null (decision->tracker_info->name);
      self->company = dup_or_null (decision->tracker_info->company);
    }

  if (decision->match.rule != NULL)
    {
      self->rule = g_strdup (decision->match.rule);
      self->list = g_strdup (lectern_filter_list_kind_to_id (decision->match.list));
    }

  return self;
}

/**
 * lectern_request_record_new_from_variant:
 * @variant: a #GVariant of type %LECTERN_REQUEST_RECORD_VARIANT_TYPE
 *
 * Reads a record sent by a web process. The sender runs a hostile page,
 * so the host is worked out again from the URL rather than taken from it.
 *
 * Returns: (transfer full) (nullable): the record, or %NULL when
 *   @variant has the wrong type, names an unknown category, or its URL
 *   has no host
 */
LecternRequestRecord *
lectern_request_record_new_from_variant (GVariant *variant)
{
  g_autoptr(LecternRequestRecord) self = NULL;
  const char *page_url, *url, *type, *category_id;
  const char *name, *company, *rule, *list;
  gboolean type_inferred, third_party, tracker, blocked;
  LecternCategory category;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (LECTERN_REQUEST_RECORD_VARIANT_TYPE)))
    return NULL;

  g_variant_get (variant, "(&s&s&sbbbb&s&s&s&s&s)",
                 &page_url, &url, &type,
                 &type_inferred, &third_party, &tracker, &blocked,
                 &category_id, &name, &company, &rule, &list);

  if (!lectern_category_from_id (category_id, &category))
    return NULL;

  self = g_new0 (LecternRequestRecord, 1);
  self->host = lectern_party_dup_host_for_uri (url);
  if (self->host == NULL)
    return NULL;

  self->page_url = g_strdup (page_url);
  self->url = g_strdup (url);
  self->type = g_strdup (type);
  self->type_inferred = type_inferred;
  self->third_party = third_party;
  self->tracker = tracker;
  self->blocked = blocked;
  self->category = category;
  self->name = dup_or_null (name);
  self->company = dup_or_null (company);
  self->rule = dup_or_null (rule);
  self->list = dup_or_null (list);

  return g_steal_pointer (&self);
}

/**
 * lectern_request_record_copy:
 * @self: a record
 *
 * Returns: (transfer full): a deep copy of @self
 */
LecternRequestRecord *
lectern_request_record_copy (const LecternRequestRecord *self)
{
  LecternRequestRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LecternRequestRecord, 1);
  copy->page_url = g_strdup (self->page_url);
  copy->url = g_strdup (self->url);
  copy->host = g_strdup (self->host);
  copy->type = g_strdup (self->type);
  copy->type_inferred = self->type_inferred;
  copy->third_party = self->third_party;
  copy->tracker = self->tracker;
  copy->blocked = self->blocked;
  copy->category = self->category;
  copy->name = g_strdup (self->name);
  copy->company = g_strdup (self->company);
  copy->rule = g_strdup (self->rule);
  copy->list = g_strdup (self->list);

  return copy;
}

void
lectern_request_record_free (LecternRequestRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->page_url);
  g_free (self->url);
  g_free (self->host);
  g_free (self->type);
  g_free (self->name);
  g_free (self->company);
  g_free (self->rule);
  g_free (self->list);
  g_free (self);
}

/**
 * lectern_request_record_to_variant:
 * @self: a record
 *
 * Serializes @self as %LECTERN_REQUEST_RECORD_VARIANT_TYPE: page URL,
 * URL, type, type inferred, third party, tracker, blocked, category id,
 * name, company, rule, list; "" for a missing string. The host is left
 * out: the receiver works it out from the URL.
 *
 * Returns: (transfer none): a floating #GVariant
 */
GVariant *
lectern_request_record_to_variant (const LecternRequestRecord *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_variant_new ("(sssbbbbsssss)",
                        or_empty (self->page_url),
                        or_empty (self->url),
                        or_empty (self->type),
                        self->type_inferred,
                        self->third_party,
                        self->tracker,
                        self->blocked,
                        lectern_category_to_id (self->category),
                        or_empty (self->name),
                        or_empty (self->company),
                        or_empty (self->rule),
                        or_empty (self->list));
}
