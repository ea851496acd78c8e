/* lectern-site-privacy.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-page-state.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_SITE_PRIVACY (lectern_site_privacy_get_type ())

G_DECLARE_FINAL_TYPE (LecternSitePrivacy, lectern_site_privacy, LECTERN, SITE_PRIVACY, GObject)

/* What the sidebar reads: the page on screen ("page", a LecternPageState,
 * whose own properties the sidebar binds), and its requests and cookies as
 * list models:
 *   "trackers"    GListModel of LecternTrackerItem, one per request, in the order seen
 *   "tracker-groups" GListModel of LecternTrackerGroup, one per tracker,
 *                 by company then name
 *   "cookies"     GListModel of LecternCookieItem, in the page's order
 *
 * The list models are the same for the object's whole life; another page
 * refills them. The getters read the page, with an empty one's answers
 * when there is none. */
LecternSitePrivacy       *lectern_site_privacy_new                 (void);
LecternPageState         *lectern_site_privacy_get_page            (LecternSitePrivacy *self);
void                      lectern_site_privacy_set_page            (LecternSitePrivacy *self,
                                                                    LecternPageState   *page);
const char               *lectern_site_privacy_get_url             (LecternSitePrivacy *self);
const char               *lectern_site_privacy_get_site            (LecternSitePrivacy *self);
const char               *lectern_site_privacy_get_title           (LecternSitePrivacy *self);
const LecternSiteChoices *lectern_site_privacy_get_choices         (LecternSitePrivacy *self);
GListModel               *lectern_site_privacy_get_trackers        (LecternSitePrivacy *self);
GListModel               *lectern_site_privacy_get_tracker_groups  (LecternSitePrivacy *self);
GListModel               *lectern_site_privacy_get_cookies         (LecternSitePrivacy *self);
void                      lectern_site_privacy_get_category_counts (LecternSitePrivacy *self,
                                                                    LecternCategory     category,
                                                                    guint              *n_blocked,
                                                                    guint              *n_allowed);
gboolean                  lectern_site_privacy_get_tracker_allowed (LecternSitePrivacy *self,
                                                                    const char         *tracker);
const LecternCmpOutcome  *lectern_site_privacy_get_cmp_outcome     (LecternSitePrivacy *self);
GPtrArray                *lectern_site_privacy_get_violations      (LecternSitePrivacy *self);

G_END_DECLS
