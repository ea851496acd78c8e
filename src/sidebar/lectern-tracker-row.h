/* lectern-tracker-row.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-tracker-group.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_TRACKER_ROW (lectern_tracker_row_get_type ())

G_DECLARE_FINAL_TYPE (LecternTrackerRow, lectern_tracker_row, LECTERN, TRACKER_ROW, GtkListBoxRow)

GtkWidget           *lectern_tracker_row_new          (LecternTrackerGroup *group);
LecternTrackerGroup *lectern_tracker_row_get_group    (LecternTrackerRow   *self);
void                 lectern_tracker_row_set_allowed_on_site (LecternTrackerRow *self,
                                                              gboolean           allowed);
gboolean             lectern_tracker_row_get_expanded (LecternTrackerRow   *self);
void                 lectern_tracker_row_set_expanded (LecternTrackerRow   *self,
                                                       gboolean             expanded);

G_END_DECLS
