/* lectern-cookie-item.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lectern-page-report.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_COOKIE_ITEM (lectern_cookie_item_get_type ())

G_DECLARE_FINAL_TYPE (LecternCookieItem, lectern_cookie_item, LECTERN, COOKIE_ITEM, GObject)

/* Read-only properties: "name", "domain", "party" ("first" or "third"),
 * "category" (its label), "category-id", "platform" (nullable), "expiry"
 * (readable text: a local date, or "Session"), "violation" and "removed". */
LecternCookieItem         *lectern_cookie_item_new        (const LecternCookieRecord *record);
const LecternCookieRecord *lectern_cookie_item_get_record (LecternCookieItem         *self);

G_END_DECLS
