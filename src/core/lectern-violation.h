/* lectern-violation.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "lectern-category.h"
#include "lectern-cmp-outcome.h"
#include "lectern-cookie-evidence.h"
#include "lectern-site-choices.h"

G_BEGIN_DECLS

/* A consent tool that records a refused category as granted. */
#define LECTERN_VIOLATION_VIA_CONSENT_TOOL "consent-tool"

typedef enum
{
  LECTERN_VIOLATION_COOKIE,
  LECTERN_VIOLATION_CMP,
} LecternViolationKind;

/**
 * LecternViolation:
 * @kind: a cookie of a refused category, or a consent tool recording a
 *   refused category as granted
 * @name: the cookie's name, or the consent tool's
 * @category: the refused category
 * @via: how it happened: %LECTERN_COOKIE_VIA_SET_COOKIE,
 *   %LECTERN_COOKIE_VIA_DOCUMENT_COOKIE, %LECTERN_VIOLATION_VIA_CONSENT_TOOL,
 *   or %LECTERN_COOKIE_VIA_COOKIE_STORE when only the cookie store saw it
 * @by: (nullable): the response URL (Set-Cookie), the writing script's
 *   URL (document.cookie) or the page whose consent tool it is
 * @domain: (nullable): the cookie's domain
 * @time: (nullable): when it happened, or when Lectern first saw it
 * @inferred: @by was inferred rather than seen: WebKit does not show the
 *   Set-Cookie headers of responses, so a cookie no script wrote is put
 *   down to the response of its domain that arrived closest to when the
 *   cookie appeared
 * @too_long: the cookie was written through `document.cookie` in an
 *   assignment too long to read whole (#LecternCookieEvidence:too_long):
 *   its writer is not known
 * @writes_dropped: the cookie was put down to `document.cookie` writes of
 *   the page that were not reported one by one (it wrote so many): how
 *   many; 0 otherwise
 *
 * One thing a site did against the reader's choices, with its evidence.
 * The report's "violations", the sidebar's badge and the consent receipt
 * are built from these.
 */
typedef struct
{
  LecternViolationKind  kind;
  char                 *name;
  LecternCategory       category;
  char                 *via;
  char                 *by;
  char                 *domain;
  GDateTime            *time;
  gboolean              inferred;
  gboolean              too_long;
  guint                 writes_dropped;
} LecternViolation;

#define LECTERN_TYPE_VIOLATION (lectern_violation_get_type ())

GType             lectern_violation_get_type       (void) G_GNUC_CONST;
LecternViolation *lectern_violation_new            (LecternViolationKind    kind,
                                                    const char             *name,
                                                    LecternCategory         category,
                                                    const char             *via);
LecternViolation *lectern_violation_copy           (const LecternViolation *self);
void              lectern_violation_free           (LecternViolation       *self);
const char       *lectern_violation_kind_to_id     (LecternViolationKind    kind);
void              lectern_violation_build_json     (const LecternViolation *self,
                                                    JsonBuilder            *builder);
char             *lectern_violation_dup_time_string (const LecternViolation *self) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray        *lectern_violation_collect        (GPtrArray              *cookies,
                                                    GPtrArray              *evidence,
                                                    const LecternCmpOutcome *cmp,
                                                    const LecternSiteChoices *choices,
                                                    const char             *page_url) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternViolation, lectern_violation_free)

G_END_DECLS
