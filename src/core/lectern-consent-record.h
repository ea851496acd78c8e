/* lectern-consent-record.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-category.h"
#include "lectern-site-choices.h"

G_BEGIN_DECLS

/**
 * LecternConsentRecord:
 * @known: one bit per #LecternCategory the consent tool said something about
 * @granted: one bit per #LecternCategory the consent tool recorded as granted
 *
 * What a site's consent tool recorded, in Lectern's categories. A plain
 * value: put it on the stack and fill it with lectern_consent_record_init()
 * and a codec's parser.
 */
typedef struct
{
  guint known;
  guint granted;
} LecternConsentRecord;

/**
 * LecternConsentAnswer:
 * @LECTERN_CONSENT_ANSWER_NONE: tell the tool nothing (the reader leaves
 *   the site's banner alone)
 * @LECTERN_CONSENT_ANSWER_REFUSE: refuse in the banner: some category the
 *   tool asks about is refused
 * @LECTERN_CONSENT_ANSWER_ACCEPT: accept in the banner: every category is
 *   allowed
 *
 * What a banner that only knows "accept" and "refuse" is told.
 */
typedef enum
{
  LECTERN_CONSENT_ANSWER_NONE,
  LECTERN_CONSENT_ANSWER_REFUSE,
  LECTERN_CONSENT_ANSWER_ACCEPT,
} LecternConsentAnswer;

void      lectern_consent_record_init             (LecternConsentRecord       *self);
void      lectern_consent_record_add              (LecternConsentRecord       *self,
                                                   LecternCategory             category,
                                                   gboolean                    granted);
gboolean  lectern_consent_record_lookup           (const LecternConsentRecord *self,
                                                   LecternCategory             category,
                                                   gboolean                   *granted);
gboolean  lectern_consent_record_is_refused       (const LecternSiteChoices   *choices,
                                                   LecternCategory             category);
LecternConsentAnswer
          lectern_consent_record_get_answer       (const LecternSiteChoices   *choices);
GArray   *lectern_consent_record_find_violations  (const LecternConsentRecord *self,
                                                   const LecternSiteChoices   *choices) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
