/* lectern-cookiebot-codec.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-consent-record.h"

G_BEGIN_DECLS

#define LECTERN_COOKIEBOT_ERROR (lectern_cookiebot_error_quark ())

/**
 * LecternCookiebotError:
 * @LECTERN_COOKIEBOT_ERROR_INVALID: the consent value is malformed
 */
typedef enum
{
  LECTERN_COOKIEBOT_ERROR_INVALID,
} LecternCookiebotError;

GQuark    lectern_cookiebot_error_quark   (void);
gboolean  lectern_cookiebot_parse_consent (const char            *value,
                                           LecternConsentRecord  *record,
                                           GError               **error);
void      lectern_cookiebot_build_submission (const LecternSiteChoices   *choices,
                                              gboolean                   *preferences,
                                              gboolean                   *statistics,
                                              gboolean                   *marketing);
gboolean  lectern_cookiebot_holds_choices    (const LecternConsentRecord *held,
                                              const LecternSiteChoices   *choices);

G_END_DECLS
