/* lectern-category-row.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LECTERN_TYPE_CATEGORY_ROW (lectern_category_row_get_type ())

G_DECLARE_FINAL_TYPE (LecternCategoryRow, lectern_category_row, LECTERN, CATEGORY_ROW, AdwActionRow)

/* Property "category-id": the category the row's switch stands for. The
 * switch follows and changes the stateful action "site.<category id>". */
GtkWidget  *lectern_category_row_new             (const char         *category_id);
const char *lectern_category_row_get_category_id (LecternCategoryRow *self);
void        lectern_category_row_set_category_id (LecternCategoryRow *self,
                                                  const char         *category_id);

G_END_DECLS
