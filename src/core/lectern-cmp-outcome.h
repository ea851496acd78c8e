/* lectern-cmp-outcome.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "lectern-consent-record.h"

G_BEGIN_DECLS

/**
 * LecternCmpOutcome:
 * @name: the consent tool found on the page ("onetrust", "cookiebot",
 *   "tcf", or an autoconsent rule's name)
 * @action: what Lectern did: "consent-cookie", "update-consent",
 *   "submit-custom-consent", "opt-out", "opt-in", "read-only" (a TCF
 *   string is only ever read), "left-alone" (the reader asked to leave the
 *   site's banner), "banner-hidden" (autoconsent could only hide the banner:
 *   the tool got no answer), "already-answered" (the tool is there but
 *   showed no banner, as it already holds an answer from an earlier visit:
 *   Lectern told it nothing, and @applied is %NULL), or "failed"
 * @recorded: what the tool recorded afterwards, in Lectern's categories
 * @detail: (nullable): a line for the reader: the tool's own words for
 *   what it holds (a TC string, the OneTrust groups), or why it failed
 * @applied: (nullable): when Lectern applied the choices
 * @awaiting: the banner is up, left alone, and waits for the reader: what
 *   @recorded holds are the tool's defaults, not an answer
 *
 * What Lectern found of a page's consent tool, what it told it, and what
 * the tool holds since. The page report's "cmp" field and the sidebar's
 * consent section are built from it; lectern_consent_record_find_violations()
 * on @recorded says what the tool holds against the reader's choices.
 */
typedef struct
{
  char                 *name;
  char                 *action;
  LecternConsentRecord  recorded;
  char                 *detail;
  GDateTime            *applied;
  gboolean              awaiting;
} LecternCmpOutcome;

#define LECTERN_TYPE_CMP_OUTCOME (lectern_cmp_outcome_get_type ())

/* The serialized form, as it crosses from the web process: name, action,
 * known and granted category bits, detail ("" for none), when applied in
 * microseconds since the epoch (0 for never), whether the banner awaits
 * the reader's answer. */
#define LECTERN_CMP_OUTCOME_VARIANT_TYPE "(ssuusxb)"

GType              lectern_cmp_outcome_get_type       (void) G_GNUC_CONST;
LecternCmpOutcome *lectern_cmp_outcome_new            (const char               *name,
                                                       const char               *action);
LecternCmpOutcome *lectern_cmp_outcome_copy           (const LecternCmpOutcome  *self);
void               lectern_cmp_outcome_free           (LecternCmpOutcome        *self);
const char * const *
                   lectern_cmp_outcome_get_consent_cookies (const LecternCmpOutcome *self);
gboolean           lectern_cmp_outcome_equal          (const LecternCmpOutcome  *a,
                                                       const LecternCmpOutcome  *b);
LecternCmpOutcome *lectern_cmp_outcome_add_tc_string  (const LecternCmpOutcome  *acted,
                                                       const LecternCmpOutcome  *tcf) G_GNUC_WARN_UNUSED_RESULT;
GVariant          *lectern_cmp_outcome_to_variant     (const LecternCmpOutcome  *self);
LecternCmpOutcome *lectern_cmp_outcome_new_from_variant (GVariant               *variant);
void               lectern_cmp_outcome_build_json     (const LecternCmpOutcome  *self,
                                                       gboolean                  with_applied,
                                                       JsonBuilder              *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternCmpOutcome, lectern_cmp_outcome_free)

G_END_DECLS
