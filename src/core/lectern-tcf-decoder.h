/* lectern-tcf-decoder.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-category.h"
#include "lectern-consent-record.h"

G_BEGIN_DECLS

#define LECTERN_TCF_ERROR (lectern_tcf_error_quark ())

/**
 * LecternTcfError:
 * @LECTERN_TCF_ERROR_BASE64: the core segment is not base64url
 * @LECTERN_TCF_ERROR_TOO_SHORT: the core segment ends before its last field
 * @LECTERN_TCF_ERROR_VERSION: the string is not version 2
 * @LECTERN_TCF_ERROR_INVALID: a field holds a value the format forbids
 */
typedef enum
{
  LECTERN_TCF_ERROR_BASE64,
  LECTERN_TCF_ERROR_TOO_SHORT,
  LECTERN_TCF_ERROR_VERSION,
  LECTERN_TCF_ERROR_INVALID,
} LecternTcfError;

/* Purposes and special features a TC string has room for. */
#define LECTERN_TCF_N_PURPOSES         24
#define LECTERN_TCF_N_SPECIAL_FEATURES 12

/**
 * LecternTcfCore:
 * @version: always 2
 * @created: when the string was created, in deciseconds since the epoch
 * @last_updated: when it was last updated, in deciseconds since the epoch
 * @cmp_id: the consent tool's IAB registration number
 * @cmp_version: the consent tool's version
 * @consent_screen: the tool's screen number where consent was given
 * @consent_language: two upper-case letters ("EN")
 * @vendor_list_version: the Global Vendor List version used
 * @tcf_policy_version: the TCF policy version
 * @is_service_specific: consent applies to this site only
 * @use_non_standard_texts: the tool changed the IAB's texts
 * @special_feature_opt_ins: bit (n - 1) set if special feature n was opted in
 * @purposes_consent: bit (n - 1) set if purpose n was consented to
 * @purposes_li_transparency: bit (n - 1) set if purpose n is claimed as a
 *   legitimate interest and the user did not object
 * @purpose_one_treatment: purpose 1 was not disclosed (the publisher's country
 *   does not require it)
 * @publisher_cc: the publisher's country, two upper-case letters ("DE")
 *
 * The fixed fields of a TC string's core segment, version 2. The vendor
 * sections and the other segments are not decoded: Lectern compares
 * purposes with the user's categories, not vendors.
 */
typedef struct
{
  guint    version;
  gint64   created;
  gint64   last_updated;
  guint    cmp_id;
  guint    cmp_version;
  guint    consent_screen;
  char     consent_language[3];
  guint    vendor_list_version;
  guint    tcf_policy_version;
  gboolean is_service_specific;
  gboolean use_non_standard_texts;
  guint32  special_feature_opt_ins;
  guint32  purposes_consent;
  guint32  purposes_li_transparency;
  gboolean purpose_one_treatment;
  char     publisher_cc[3];
} LecternTcfCore;

GQuark           lectern_tcf_error_quark              (void);
gboolean         lectern_tcf_decode_core              (const char           *tc_string,
                                                       LecternTcfCore       *core,
                                                       GError              **error);
gboolean         lectern_tcf_core_has_purpose_consent (const LecternTcfCore *core,
                                                       guint                 purpose);
LecternCategory  lectern_tcf_purpose_get_category     (guint                 purpose);
void             lectern_tcf_core_add_to_record       (const LecternTcfCore *core,
                                                       LecternConsentRecord *record);

G_END_DECLS
