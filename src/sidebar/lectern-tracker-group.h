/* lectern-tracker-group.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lectern-request-record.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_TRACKER_GROUP (lectern_tracker_group_get_type ())

G_DECLARE_FINAL_TYPE (LecternTrackerGroup, lectern_tracker_group, LECTERN, TRACKER_GROUP, GObject)

/* Every request of a page to one tracker (by its name in the tracker
 * database, else by host), as the sidebar lists it.
 *
 * Read-only properties: "key", "name", "company" (nullable), "category-id",
 * "n-requests" and "n-blocked" (notified as requests are added). */
LecternTrackerGroup        *lectern_tracker_group_new            (const LecternRequestRecord *record);
void                        lectern_tracker_group_add            (LecternTrackerGroup        *self,
                                                                  const LecternRequestRecord *record);
char                       *lectern_tracker_group_dup_key_for    (const LecternRequestRecord *record) G_GNUC_WARN_UNUSED_RESULT;
const char                 *lectern_tracker_group_get_key        (LecternTrackerGroup        *self);
const char                 *lectern_tracker_group_get_name       (LecternTrackerGroup        *self);
const char                 *lectern_tracker_group_get_company    (LecternTrackerGroup        *self);
LecternCategory             lectern_tracker_group_get_category   (LecternTrackerGroup        *self);
guint                       lectern_tracker_group_get_n_requests (LecternTrackerGroup        *self);
guint                       lectern_tracker_group_get_n_blocked  (LecternTrackerGroup        *self);
const LecternRequestRecord *lectern_tracker_group_get_record     (LecternTrackerGroup        *self,
                                                                  guint                       index);
int                         lectern_tracker_group_compare        (gconstpointer               a,
                                                                  gconstpointer               b,
                                                                  gpointer                    user_data);

G_END_DECLS
