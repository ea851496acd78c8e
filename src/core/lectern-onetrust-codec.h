/* lectern-onetrust-codec.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-category.h"
#include "lectern-consent-record.h"
#include "lectern-onetrust-groups.h"
#include "lectern-site-choices.h"

G_BEGIN_DECLS

gboolean               lectern_onetrust_choices_grant        (const LecternSiteChoices    *choices,
                                                              LecternCategory              category);

char                  *lectern_onetrust_build_consent        (const LecternSiteChoices    *choices,
                                                              const LecternOneTrustGroups *groups,
                                                              GDateTime                   *now,
                                                              const char                  *consent_id,
                                                              const char                  *version) G_GNUC_WARN_UNUSED_RESULT;
gboolean               lectern_onetrust_parse_consent        (const char                  *value,
                                                              const LecternOneTrustGroups *groups,
                                                              LecternConsentRecord        *record,
                                                              GError                     **error);
char                  *lectern_onetrust_build_alert_box_closed (GDateTime                 *now) G_GNUC_WARN_UNUSED_RESULT;
GDateTime             *lectern_onetrust_parse_alert_box_closed (const char                *value,
                                                                GError                   **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean               lectern_onetrust_parse_active_groups  (const char                  *active_groups,
                                                              const LecternOneTrustGroups *groups,
                                                              LecternConsentRecord        *record,
                                                              GError                     **error);

G_END_DECLS
