/* lectern-tracker-item.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lectern-request-record.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_TRACKER_ITEM (lectern_tracker_item_get_type ())

G_DECLARE_FINAL_TYPE (LecternTrackerItem, lectern_tracker_item, LECTERN, TRACKER_ITEM, GObject)

/* Read-only properties: "url", "host", "type", "name" (the tracker's name,
 * or the host when unknown), "company" (nullable), "category" (its label),
 * "category-id", "rule" (nullable), "list" (nullable), "blocked" and
 * "third-party". */
LecternTrackerItem         *lectern_tracker_item_new        (const LecternRequestRecord *record);
const LecternRequestRecord *lectern_tracker_item_get_record (LecternTrackerItem         *self);

G_END_DECLS
