/* lectern-page-report.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-cmp-outcome.h"
#include "lectern-request-record.h"
#include "lectern-site-choices.h"
#include "lectern-violation.h"

G_BEGIN_DECLS

#define LECTERN_PAGE_REPORT_VERSION 1

/**
 * LecternCookieRecord:
 * @name: the cookie's name
 * @domain: its domain, as the cookie store has it (".example.com")
 * @third_party: @domain is another site than the page's
 * @category: its category
 * @platform: (nullable): the service that sets it
 * @expires: (nullable): when it expires; %NULL for a session cookie
 * @violation: its category is refused for the site
 * @removed: it was deleted because of that
 * @seen: when Lectern first saw it
 * @owner: (nullable): the company that owns @platform
 * @purpose: (nullable): what it is for, as the cookie database says
 * @retention: (nullable): how long it is declared to live ("2 years")
 * @allowed_tracker: (nullable): its category is refused, but the reader
 *   allowed the tracker that sets it on the site: that tracker (a name,
 *   else a host); the cookie is then no violation and is kept
 */
typedef struct
{
  char            *name;
  char            *domain;
  gboolean         third_party;
  LecternCategory  category;
  char            *platform;
  GDateTime       *expires;
  gboolean         violation;
  gboolean         removed;
  GDateTime       *seen;
  char            *owner;
  char            *purpose;
  char            *retention;
  char            *allowed_tracker;
} LecternCookieRecord;

LecternCookieRecord *lectern_cookie_record_new   (void);
LecternCookieRecord *lectern_cookie_record_copy  (const LecternCookieRecord *self);
void                 lectern_cookie_record_free  (LecternCookieRecord *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternCookieRecord, lectern_cookie_record_free)

typedef struct _LecternPageReport LecternPageReport;

LecternPageReport *lectern_page_report_new          (const char                 *url);
void               lectern_page_report_free         (LecternPageReport          *self);
const char        *lectern_page_report_get_url      (LecternPageReport          *self);
const char        *lectern_page_report_get_site     (LecternPageReport          *self);
void               lectern_page_report_set_title    (LecternPageReport          *self,
                                                     const char                 *title);
void               lectern_page_report_set_incomplete (LecternPageReport        *self,
                                                       const char               *reason);
void               lectern_page_report_set_choices  (LecternPageReport          *self,
                                                     const LecternSiteChoices   *choices);
void               lectern_page_report_add_request  (LecternPageReport          *self,
                                                     const LecternRequestRecord *record);
void               lectern_page_report_take_cookie  (LecternPageReport          *self,
                                                     LecternCookieRecord        *record);
guint              lectern_page_report_get_n_requests (LecternPageReport        *self);
void               lectern_page_report_set_article  (LecternPageReport          *self,
                                                     const char                 *title,
                                                     const char                 *byline,
                                                     guint                       words,
                                                     guint                       reading_minutes);
void               lectern_page_report_set_cmp      (LecternPageReport          *self,
                                                     const LecternCmpOutcome    *outcome);
const LecternCmpOutcome *lectern_page_report_get_cmp (LecternPageReport         *self);
void               lectern_page_report_add_evidence (LecternPageReport          *self,
                                                     const LecternCookieEvidence *evidence);
void               lectern_page_report_add_violation (LecternPageReport         *self,
                                                      const LecternViolation    *violation);
GPtrArray         *lectern_page_report_dup_violations (LecternPageReport        *self) G_GNUC_WARN_UNUSED_RESULT;
const LecternSiteChoices *lectern_page_report_get_choices (LecternPageReport    *self);
char              *lectern_page_report_to_json      (LecternPageReport          *self) G_GNUC_WARN_UNUSED_RESULT;
char              *lectern_page_report_to_text      (LecternPageReport          *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternPageReport, lectern_page_report_free)

G_END_DECLS
