/* fuzz-consent-codecs.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookiebot-codec.h"
#include "lectern-onetrust-codec.h"
#include "lectern-tcf-decoder.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Everything a site's consent tool leaves in its cookies or in the page is
 * outside input: each parser gets the same bytes, as a NUL-terminated
 * string, the way the page hands them over. */
int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(LecternOneTrustGroups) groups = NULL;
  g_autoptr(GDateTime) closed = NULL;
  LecternConsentRecord record;
  LecternTcfCore core;

  groups = lectern_onetrust_groups_new_from_json (text, NULL);

  lectern_consent_record_init (&record);
  lectern_onetrust_parse_consent (text, groups, &record, NULL);
  lectern_consent_record_init (&record);
  lectern_onetrust_parse_active_groups (text, groups, &record, NULL);
  closed = lectern_onetrust_parse_alert_box_closed (text, NULL);

  lectern_tcf_decode_core (text, &core, NULL);

  lectern_consent_record_init (&record);
  lectern_cookiebot_parse_consent (text, &record, NULL);

  return 0;
}
