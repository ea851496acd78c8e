/* lectern-cookie-evidence.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* How a cookie got into the browser, as the evidence says. */
#define LECTERN_COOKIE_VIA_SET_COOKIE      "set-cookie"
#define LECTERN_COOKIE_VIA_DOCUMENT_COOKIE "document.cookie"
#define LECTERN_COOKIE_VIA_COOKIE_STORE    "cookie-store"

/**
 * LecternCookieEvidence:
 * @name: (nullable): the cookie's name; %NULL for a response that may
 *   have set cookies, when its Set-Cookie headers cannot be read
 * @host: (nullable): the host of the document that wrote it
 *   (`document.cookie`) or of the response that set it (`Set-Cookie`)
 * @via: %LECTERN_COOKIE_VIA_SET_COOKIE or %LECTERN_COOKIE_VIA_DOCUMENT_COOKIE
 * @by: (nullable): the response URL, or the writing script's URL
 * @time: when it happened
 * @too_long: a `document.cookie` assignment too long to be read whole
 *   (over %LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH characters): @name is read
 *   from its start, or %NULL when the start holds no whole name, and the
 *   writer is not known
 * @n_dropped: the number of `document.cookie` writes of the page that were
 *   not reported one by one, when this evidence stands for them (then
 *   without a name or a writer): a page that writes cookies by the
 *   thousand has only its first few hundred distinct writes reported
 *
 * One cookie write seen as it happened, before anything says whether the
 * cookie breaks the reader's choices: lectern_violation_collect() joins
 * it with the classified cookie.
 */
typedef struct
{
  char      *name;
  char      *host;
  char      *via;
  char      *by;
  GDateTime *time;
  gboolean   too_long;
  guint      n_dropped;
} LecternCookieEvidence;

#define LECTERN_TYPE_COOKIE_EVIDENCE (lectern_cookie_evidence_get_type ())

/* Longer `document.cookie` assignments are read only in part: no cookie a
 * browser keeps is this long, and a page may assign megabytes. */
#define LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH 8192

/* The serialized form, as a `document.cookie` write crosses from the web
 * process: name ("" for none), host, via, by ("" for none), time in
 * microseconds since the epoch, too long, writes dropped. */
#define LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE "(ssssxbu)"

GType                  lectern_cookie_evidence_get_type   (void) G_GNUC_CONST;
LecternCookieEvidence *lectern_cookie_evidence_new        (const char                  *name,
                                                           const char                  *host,
                                                           const char                  *via,
                                                           const char                  *by,
                                                           GDateTime                   *time);
LecternCookieEvidence *lectern_cookie_evidence_copy       (const LecternCookieEvidence *self);
gboolean               lectern_cookie_evidence_add_once   (GPtrArray                   *list,
                                                           const LecternCookieEvidence *evidence);
void                   lectern_cookie_evidence_free       (LecternCookieEvidence       *self);
gboolean               lectern_cookie_evidence_matches    (const LecternCookieEvidence *self,
                                                           const char                  *name,
                                                           const char                  *domain);
gboolean               lectern_cookie_evidence_in_domain  (const LecternCookieEvidence *self,
                                                           const char                  *domain);
GVariant              *lectern_cookie_evidence_to_variant (const LecternCookieEvidence *self);
LecternCookieEvidence *lectern_cookie_evidence_new_from_variant (GVariant              *variant);
LecternCookieEvidence *lectern_cookie_evidence_new_from_set_cookie (const char          *header,
                                                                    const char          *response_url,
                                                                    GDateTime           *time);
LecternCookieEvidence *lectern_cookie_evidence_new_from_write  (const char             *assignment,
                                                                gsize                   length,
                                                                const char             *document_url,
                                                                const char             *source_url,
                                                                GDateTime              *time);

char                  *lectern_cookie_evidence_dup_cookie_name (const char             *assignment) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternCookieEvidence, lectern_cookie_evidence_free)

G_END_DECLS
