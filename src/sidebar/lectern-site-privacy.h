/* lectern-site-privacy.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-cmp-outcome.h"
#include "lectern-page-report.h"
#include "lectern-request-record.h"
#include "lectern-site-choices.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_SITE_PRIVACY (lectern_site_privacy_get_type ())

G_DECLARE_FINAL_TYPE (LecternSitePrivacy, lectern_site_privacy, LECTERN, SITE_PRIVACY, GObject)

/* The site on screen, as the sidebar and the report see it.
 *
 * Properties (read-only, notified on change):
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
 */
LecternSitePrivacy       *lectern_site_privacy_new           (void);
void                      lectern_site_privacy_reset         (LecternSitePrivacy         *self,
                                                              const char                 *url,
                                                              const LecternSiteChoices   *choices);
void                      lectern_site_privacy_set_choices   (LecternSitePrivacy         *self,
                                                              const LecternSiteChoices   *choices);
void                      lectern_site_privacy_set_title     (LecternSitePrivacy         *self,
                                                              const char                 *title);
void                      lectern_site_privacy_add_request   (LecternSitePrivacy         *self,
                                                              const LecternRequestRecord *record);
void                      lectern_site_privacy_set_cookies   (LecternSitePrivacy         *self,
                                                              GPtrArray                  *records);
const char               *lectern_site_privacy_get_url       (LecternSitePrivacy         *self);
const char               *lectern_site_privacy_get_site      (LecternSitePrivacy         *self);
const char               *lectern_site_privacy_get_title     (LecternSitePrivacy         *self);
const LecternSiteChoices *lectern_site_privacy_get_choices   (LecternSitePrivacy         *self);
GListModel               *lectern_site_privacy_get_trackers  (LecternSitePrivacy         *self);
GListModel               *lectern_site_privacy_get_cookies   (LecternSitePrivacy         *self);
guint                     lectern_site_privacy_get_n_requests (LecternSitePrivacy        *self);
GListModel               *lectern_site_privacy_get_tracker_groups (LecternSitePrivacy     *self);
void                      lectern_site_privacy_get_category_counts (LecternSitePrivacy   *self,
                                                                    LecternCategory       category,
                                                                    guint                *n_blocked,
                                                                    guint                *n_allowed);
void                      lectern_site_privacy_delete_cookie (LecternSitePrivacy         *self,
                                                              const char                 *name,
                                                              const char                 *domain);
void                      lectern_site_privacy_delete_category_cookies (LecternSitePrivacy *self,
                                                                        LecternCategory     category);
void                      lectern_site_privacy_set_allowed_trackers (LecternSitePrivacy *self,
                                                                     const char * const *trackers);
gboolean                  lectern_site_privacy_get_tracker_allowed (LecternSitePrivacy  *self,
                                                                    const char          *tracker);
void                      lectern_site_privacy_allow_tracker (LecternSitePrivacy         *self,
                                                              const char                 *tracker,
                                                              gboolean                    allowed);
void                      lectern_site_privacy_set_cmp_outcome (LecternSitePrivacy   *self,
                                                                const LecternCmpOutcome *outcome);
const LecternCmpOutcome  *lectern_site_privacy_get_cmp_outcome (LecternSitePrivacy   *self);
void                      lectern_site_privacy_add_cookie_evidence (LecternSitePrivacy *self,
                                                                    const LecternCookieEvidence *evidence);
GPtrArray                *lectern_site_privacy_get_violations (LecternSitePrivacy      *self);
void                      lectern_site_privacy_reapply_consent (LecternSitePrivacy     *self);
LecternPageReport        *lectern_site_privacy_build_report  (LecternSitePrivacy         *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
