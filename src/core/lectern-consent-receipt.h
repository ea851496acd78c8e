/* lectern-consent-receipt.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-page-report.h"

G_BEGIN_DECLS

#define LECTERN_CONSENT_RECEIPT_VERSION 1

typedef struct _LecternConsentReceipt LecternConsentReceipt;

LecternConsentReceipt *lectern_consent_receipt_new_from_report (LecternPageReport     *report,
                                                                GDateTime             *issued);
void                   lectern_consent_receipt_free            (LecternConsentReceipt *self);
guint                  lectern_consent_receipt_get_n_violations (LecternConsentReceipt *self);
char                  *lectern_consent_receipt_to_json         (LecternConsentReceipt *self) G_GNUC_WARN_UNUSED_RESULT;
char                  *lectern_consent_receipt_to_html         (LecternConsentReceipt *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternConsentReceipt, lectern_consent_receipt_free)

G_END_DECLS
