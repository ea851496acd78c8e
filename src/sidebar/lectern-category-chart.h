/* lectern-category-chart.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lectern-page-state.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_CATEGORY_CHART (lectern_category_chart_get_type ())

G_DECLARE_FINAL_TYPE (LecternCategoryChart, lectern_category_chart, LECTERN, CATEGORY_CHART, GtkWidget)

/* Property "page": the site whose tracker requests are drawn, one bar
 * per category, blocked then allowed. */
GtkWidget          *lectern_category_chart_new         (void);
LecternPageState   *lectern_category_chart_get_page (LecternCategoryChart *self);
void                lectern_category_chart_set_page (LecternCategoryChart *self,
                                                     LecternPageState     *page);
guint               lectern_category_chart_get_n_bars  (LecternCategoryChart *self);

G_END_DECLS
