/* lectern-uri.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LECTERN_URI_ERROR (lectern_uri_error_quark ())

typedef enum
{
  LECTERN_URI_ERROR_EMPTY,
  LECTERN_URI_ERROR_UNSAFE_SCHEME,
  LECTERN_URI_ERROR_INVALID,
  LECTERN_URI_ERROR_PUBLIC_SUFFIX,
} LecternUriError;

GQuark    lectern_uri_error_quark      (void);
char     *lectern_uri_normalize        (const char  *input,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
char     *lectern_uri_dup_site         (const char  *argument,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean  lectern_uri_is_same_document (const char  *a,
                                        const char  *b);

G_END_DECLS
