/* lectern-site-store-schema.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "lectern-site-store.h"

G_BEGIN_DECLS

/* The database file under the store: opened, checked, brought up to the
 * current schema, or set aside when damaged (lectern-site-store-schema.c),
 * for the store that prepares its queries on it (lectern-site-store.c). */
gboolean  _lectern_site_store_set_error (GError                **error,
                                         sqlite3                *db,
                                         int                     rc,
                                         LecternSiteStoreError   code);
gboolean  _lectern_site_store_open_file (const char             *path,
                                         sqlite3               **db,
                                         gboolean               *corrupt,
                                         GError                **error);
char     *_lectern_site_store_set_aside (const char             *path,
                                         GError                **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
