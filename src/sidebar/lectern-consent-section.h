/* lectern-consent-section.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-page-state.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_CONSENT_SECTION (lectern_consent_section_get_type ())

G_DECLARE_FINAL_TYPE (LecternConsentSection, lectern_consent_section, LECTERN, CONSENT_SECTION, GtkWidget)

GtkWidget          *lectern_consent_section_new               (void);
LecternPageState   *lectern_consent_section_get_page       (LecternConsentSection *self);
void                lectern_consent_section_set_page       (LecternConsentSection *self,
                                                            LecternPageState      *page);
char               *lectern_consent_section_dup_tool_title    (const LecternCmpOutcome *outcome) G_GNUC_WARN_UNUSED_RESULT;
char               *lectern_consent_section_dup_action_text   (const LecternCmpOutcome *outcome) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
