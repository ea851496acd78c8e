/* lectern-request-record.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib-object.h>

#include "lectern-blocker.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_REQUEST_RECORD (lectern_request_record_get_type ())

/* The wire form of a decided request; see LECTERN_IPC_REQUEST_DECIDED. */
#define LECTERN_REQUEST_RECORD_VARIANT_TYPE "(sssbbbbsssss)"

/**
 * LecternRequestRecord:
 * @page_url: the top document the request belonged to
 * @url: the request URL
 * @host: the request's host
 * @type: the request's resource type name ("script")
 * @type_inferred: @type was guessed from the Accept header and URL
 * @third_party: the request went to another site
 * @tracker: the request was a tracker's
 * @blocked: the request was blocked
 * @category: the tracker's category
 * @name: (nullable): the tracker's name
 * @company: (nullable): the tracker's owner
 * @rule: (nullable): the filter rule that decided
 * @list: (nullable): the list @rule came from ("easylist")
 *
 * One request and what was decided for it: a plain owned copy of a
 * #LecternDecision that can cross processes.
 */
typedef struct
{
  char            *page_url;
  char            *url;
  char            *host;
  char            *type;
  gboolean         type_inferred;
  gboolean         third_party;
  gboolean         tracker;
  gboolean         blocked;
  LecternCategory  category;
  char            *name;
  char            *company;
  char            *rule;
  char            *list;
} LecternRequestRecord;

GType                 lectern_request_record_get_type          (void) G_GNUC_CONST;
LecternRequestRecord *lectern_request_record_new               (const LecternRequest  *request,
                                                                const LecternDecision *decision);
LecternRequestRecord *lectern_request_record_new_from_variant  (GVariant              *variant);
LecternRequestRecord *lectern_request_record_copy              (const LecternRequestRecord *self);
void                  lectern_request_record_free              (LecternRequestRecord  *self);
GVariant             *lectern_request_record_to_variant        (const LecternRequestRecord *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternRequestRecord, lectern_request_record_free)

G_END_DECLS
