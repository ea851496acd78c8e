/* lectern-cmp-outcome.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-consent-record.h"

G_BEGIN_DECLS

/**
 * LecternCmpOutcome:
 * @name: the consent tool found on the page ("onetrust", "cookiebot",
 *   "tcf", or an autoconsent rule's name)
 * @action: what Lectern did: "consent-cookie", "update-consent",
 *   "submit-custom-consent", "opt-out", "opt-in", "read-only" (a TCF
 *   string is only ever read), "left-alone" (the reader asked to leave the
 *   site's banner), or "failed"
 * @recorded: what the tool recorded afterwards, in Lectern's categories
 * @detail: (nullable): a line for the reader: the tool's own words for
 *   what it holds (a TC string, the OneTrust groups), or why it failed
 * @applied: (nullable): when Lectern applied the choices
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
} LecternCmpOutcome;

LecternCmpOutcome *lectern_cmp_outcome_new            (const char               *name,
                                                       const char               *action);
LecternCmpOutcome *lectern_cmp_outcome_copy           (const LecternCmpOutcome  *self);
void               lectern_cmp_outcome_free           (LecternCmpOutcome        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternCmpOutcome, lectern_cmp_outcome_free)

G_END_DECLS
