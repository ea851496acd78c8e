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

/* What the sidebar reads: the page on screen ("page", a LecternPageState),
 * as properties to bind and list models to show.
 *
 * Properties (read-only but "page", notified on change):
 *   "page"        the LecternPageState shown (read-write, nullable)
 *   "url"         the page's URL
 *   "site"        its registrable domain ("" before any page)
 *   "title"       the page's title
 *   "choices"     LecternSiteChoices (boxed) in force for the site
 *   "trackers"    GListModel of LecternTrackerItem, one per request, in the order seen
 *   "tracker-groups" GListModel of LecternTrackerGroup, one per tracker,
 *                 by company then name
 *   "cookies"     GListModel of LecternCookieItem, by category (categories
 *                 with a violation first), violations first within one
 *   "n-trackers"  number of tracker requests
 *   "n-blocked"   number of those blocked
 *   "n-cookies"   number of cookies
 *   "n-violations" number of cookies that break the site's choices
 *   "cmp-outcome" LecternCmpOutcome (boxed, nullable): the page's consent
 *                 tool, what Lectern did with it and what it recorded
 *   "violations"  GPtrArray of LecternViolation: every violation of the
 *                 page with its evidence, as the report lists them
 *   "n-all-violations" their number: violating cookies and the consent
 *                 tool's refused-but-granted categories
 *
 * The list models are the same for the object's whole life; another page
 * refills them. */
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
