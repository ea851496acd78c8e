/* lectern-category.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LecternCategory:
 * @LECTERN_CATEGORY_NECESSARY: strictly necessary; never blocked
 * @LECTERN_CATEGORY_FUNCTIONAL: preferences, embedded players, chat
 * @LECTERN_CATEGORY_PERFORMANCE: analytics, measurement, A/B testing
 * @LECTERN_CATEGORY_TARGETING: advertising, retargeting, ad measurement
 * @LECTERN_CATEGORY_SOCIAL: share buttons, social widgets and pixels
 * @LECTERN_CATEGORY_SALE: sale of personal data (an opt-out)
 * @LECTERN_CATEGORY_UNKNOWN: no source could classify the thing
 *
 * The one vocabulary every source is mapped into. The first
 * %LECTERN_N_CATEGORIES values are the user's switches.
 */
typedef enum
{
  LECTERN_CATEGORY_NECESSARY,
  LECTERN_CATEGORY_FUNCTIONAL,
  LECTERN_CATEGORY_PERFORMANCE,
  LECTERN_CATEGORY_TARGETING,
  LECTERN_CATEGORY_SOCIAL,
  LECTERN_CATEGORY_SALE,
  LECTERN_CATEGORY_UNKNOWN,
} LecternCategory;

#define LECTERN_N_CATEGORIES 6

/**
 * LecternFilterListKind:
 * @LECTERN_FILTER_LIST_EASYLIST: EasyList (advertising)
 * @LECTERN_FILTER_LIST_EASYPRIVACY: EasyPrivacy (tracking, analytics)
 * @LECTERN_FILTER_LIST_OTHER: any other list
 */
typedef enum
{
  LECTERN_FILTER_LIST_EASYLIST,
  LECTERN_FILTER_LIST_EASYPRIVACY,
  LECTERN_FILTER_LIST_OTHER,
} LecternFilterListKind;

const char      *lectern_category_to_id                (LecternCategory        category);
gboolean         lectern_category_from_id              (const char            *id,
                                                        LecternCategory       *category);
const char      *lectern_category_get_label            (LecternCategory        category);
const char      *lectern_category_get_icon_name        (LecternCategory        category);
gboolean         lectern_category_is_blockable         (LecternCategory        category);
LecternCategory  lectern_category_from_tracker_db      (const char            *tracker_category,
                                                        const char            *tracker_name);
LecternCategory  lectern_category_from_cookie_db       (const char            *cookie_category,
                                                        const char            *platform,
                                                        const char            *controller);
LecternCategory  lectern_category_from_filter_list     (LecternFilterListKind  list);
const char      *lectern_filter_list_kind_to_id        (LecternFilterListKind  list);

G_END_DECLS
