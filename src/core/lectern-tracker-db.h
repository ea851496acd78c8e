/* lectern-tracker-db.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-category.h"

G_BEGIN_DECLS

#define LECTERN_TRACKER_DB_ERROR (lectern_tracker_db_error_quark ())

typedef enum
{
  LECTERN_TRACKER_DB_ERROR_INVALID,
} LecternTrackerDbError;

/**
 * LecternTracker:
 * @name: the tracker's name ("Google Analytics")
 * @company: (nullable): its owner ("Google")
 * @source_category: the database's own category ("site_analytics")
 * @category: @source_category in Lectern's vocabulary
 *
 * Owned by the database.
 */
typedef struct
{
  const char      *name;
  const char      *company;
  const char      *source_category;
  LecternCategory  category;
} LecternTracker;

typedef struct _LecternTrackerDb LecternTrackerDb;

GQuark                lectern_tracker_db_error_quark (void);
LecternTrackerDb     *lectern_tracker_db_new_from_files (const char        *trackers_path,
                                                         const char        *companies_path,
                                                         GError           **error);
LecternTrackerDb     *lectern_tracker_db_new_from_bytes (GBytes         *bytes,
                                                         GError        **error);
LecternTrackerDb     *lectern_tracker_db_new_builtin (GError           **error);
void                  lectern_tracker_db_free        (LecternTrackerDb  *self);
const LecternTracker *lectern_tracker_db_lookup      (LecternTrackerDb  *self,
                                                      const char        *host);
guint                 lectern_tracker_db_get_size    (LecternTrackerDb  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternTrackerDb, lectern_tracker_db_free)

G_END_DECLS
