/* lectern-party.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *lectern_party_get_site          (const char *host);
char       *lectern_party_dup_site_for_uri  (const char *uri) G_GNUC_WARN_UNUSED_RESULT;
char       *lectern_party_dup_host_for_uri  (const char *uri) G_GNUC_WARN_UNUSED_RESULT;
gboolean    lectern_party_is_third          (const char *request_host,
                                             const char *page_host);
gboolean    lectern_party_is_public_suffix  (const char *host);

G_END_DECLS
