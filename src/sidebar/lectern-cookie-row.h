/* lectern-cookie-row.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-cookie-item.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_COOKIE_ROW (lectern_cookie_row_get_type ())

G_DECLARE_FINAL_TYPE (LecternCookieRow, lectern_cookie_row, LECTERN, COOKIE_ROW, GtkListBoxRow)

/* Property "item" (construct-only): the cookie the row shows. */
GtkWidget         *lectern_cookie_row_new      (LecternCookieItem *item);
LecternCookieItem *lectern_cookie_row_get_item (LecternCookieRow  *self);

G_END_DECLS
