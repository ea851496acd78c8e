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

/* The database file under the store: created, opened, checked, brought
 * up to the current schema, or set aside when damaged
 * (lectern-site-store-schema.c); what still reads in a file that cannot
 * be used as it is (lectern-site-store-salvage.c); for the store that
 * prepares its queries on it (lectern-site-store.c). */

/* Why a file could not be opened as it is, which decides what is done
 * with it. */
typedef enum
{
  LECTERN_SITE_STORE_PROBLEM_NONE,
  /* Not a database, or failing its check: set aside, what reads saved. */
  LECTERN_SITE_STORE_PROBLEM_DAMAGED,
  /* Written by a newer version: left as it is, read but not written. */
  LECTERN_SITE_STORE_PROBLEM_NEWER,
  /* Cannot be opened or written: a full disk, a lock, no permission. */
  LECTERN_SITE_STORE_PROBLEM_OTHER,
} LecternSiteStoreProblem;

/* What _lectern_site_store_salvage() could copy. */
typedef struct
{
  /* Sites seen in the file, and those whose choices were copied. */
  guint    sites_found;
  guint    sites_saved;
  guint    trackers_saved;
  /* Some allowed trackers could not be read. */
  gboolean trackers_lost;
  /* The table of choices read from start to end. */
  gboolean choices_read;
  /* Every site in the file was seen, if not every one's choices read:
   * else @sites_found is only those seen. */
  gboolean sites_known;
} LecternSiteStoreSalvage;

gboolean  _lectern_site_store_set_error   (GError                  **error,
                                           sqlite3                  *db,
                                           int                       rc,
                                           LecternSiteStoreError     code);
gboolean  _lectern_site_store_has_column  (sqlite3                  *db,
                                           const char               *table,
                                           const char               *column);
gboolean  _lectern_site_store_create_file (const char               *path,
                                           GError                  **error);
gboolean  _lectern_site_store_open_file   (const char               *path,
                                           sqlite3                 **db,
                                           LecternSiteStoreProblem  *problem,
                                           gboolean                 *created,
                                           GError                  **error);
char     *_lectern_site_store_set_aside   (const char               *path,
                                           GError                  **error) G_GNUC_WARN_UNUSED_RESULT;
void      _lectern_site_store_salvage     (sqlite3                  *from,
                                           sqlite3                  *to,
                                           LecternSiteStoreSalvage  *salvage);

G_END_DECLS
