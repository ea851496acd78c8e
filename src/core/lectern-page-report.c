/* lectern-page-report.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-page-report.h"

#include "lectern-page-report-private.h"
#include "lectern-party.h"

/**
 * LecternPageReport:
 *
 * What happened on one page: every request counted, the trackers among
 * them, the cookies the site set, and the choices in force. It writes the
 * report JSON (version %LECTERN_PAGE_REPORT_VERSION, documented in
 * DESIGN.md: fields may be added, never renamed) and a text summary.
 */

/**
 * lectern_cookie_record_new:
 *
 * Returns: (transfer full): an empty cookie record, for the caller to fill
 */
LecternCookieRecord *
lectern_cookie_record_new (void)
{
  LecternCookieRecord *self = g_new0 (LecternCookieRecord, 1);

  self->category = LECTERN_CATEGORY_UNKNOWN;

  return self;
}

/**
 * lectern_cookie_record_copy:
 *
 * Returns: (transfer full): a deep copy of @self
 */
LecternCookieRecord *
lectern_cookie_record_copy (const LecternCookieRecord *self)
{
  LecternCookieRecord *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lectern_cookie_record_new ();
  copy->name = g_strdup (self->name);
  copy->domain = g_strdup (self->domain);
  copy->third_party = self->third_party;
  copy->category = self->category;
  copy->platform = g_strdup (self->platform);
  copy->expires = self->expires != NULL ? g_date_time_ref (self->expires) : NULL;
  copy->violation = self->violation;
  copy->removed = self->removed;
  copy->seen = self->seen != NULL ? g_date_time_ref (self->seen) : NULL;
  copy->owner = g_strdup (self->owner);
  copy->purpose = g_strdup (self->purpose);
  copy->retention = g_strdup (self->retention);
  copy->allowed_tracker = g_strdup (self->allowed_tracker);

  return copy;
}

void
lectern_cookie_record_free (LecternCookieRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->domain);
  g_free (self->platform);
  g_free (self->owner);
  g_free (self->purpose);
  g_free (self->retention);
  g_free (self->allowed_tracker);
  g_clear_pointer (&self->expires, g_date_time_unref);
  g_clear_pointer (&self->seen, g_date_time_unref);
  g_free (self);
}

/**
 * lectern_page_report_new:
 * @url: the page's URL
 *
 * Returns: (transfer full): an empty report for @url
 */
LecternPageReport *
lectern_page_report_new (const char *url)
{
  LecternPageReport *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_new0 (LecternPageReport, 1);
  self->url = g_strdup (url);
  self->site = lectern_party_dup_site_for_uri (url);
  self->trackers = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_request_record_free);
  self->cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  self->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_evidence_free);
  self->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_violation_free);

  return self;
}

void
lectern_page_report_free (LecternPageReport *self)
{
  if (self == NULL)
    return;

  g_free (self->url);
  g_free (self->site);
  g_free (self->title);
  g_clear_pointer (&self->choices, lectern_site_choices_free);
  g_ptr_array_unref (self->trackers);
  g_ptr_array_unref (self->cookies);
  g_ptr_array_unref (self->evidence);
  g_ptr_array_unref (self->violations);
  g_free (self->article_title);
  g_free (self->article_byline);
  g_clear_pointer (&self->cmp, lectern_cmp_outcome_free);
  g_free (self->incomplete);
  g_free (self);
}

/**
 * lectern_page_report_set_article:
 * @title: (nullable): the article's title
 * @byline: (nullable): its author line
 * @words: its length in words
 * @reading_minutes: its estimated reading time
 *
 * Records that the page is an article, for the report's "article" field.
 */
void
lectern_page_report_set_article (LecternPageReport *self,
                                 const char        *title,
                                 const char        *byline,
                                 guint              words,
                                 guint              reading_minutes)
{
  g_return_if_fail (self != NULL);

  self->has_article = TRUE;
  g_free (self->article_title);
  self->article_title = g_strdup (title);
  g_free (self->article_byline);
  self->article_byline = g_strdup (byline);
  self->article_words = words;
  self->article_reading_minutes = reading_minutes;
}

/**
 * lectern_page_report_set_cmp:
 * @self: a report
 * @outcome: (nullable): the page's consent tool, what Lectern did with it
 *   and what it recorded; %NULL when none was found
 *
 * Sets the report's "cmp" field. A category @outcome records as granted
 * although the choices refuse it is what lectern_consent_record_find_violations()
 * finds: the report's "cmp" violations come from here.
 */
void
lectern_page_report_set_cmp (LecternPageReport       *self,
                             const LecternCmpOutcome *outcome)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->cmp, lectern_cmp_outcome_free);
  if (outcome != NULL)
    self->cmp = lectern_cmp_outcome_copy (outcome);
}

/**
 * lectern_page_report_get_cmp:
 * @self: a report
 *
 * Returns: (transfer none) (nullable): the page's consent tool, as set
 *   with lectern_page_report_set_cmp()
 */
const LecternCmpOutcome *
lectern_page_report_get_cmp (LecternPageReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->cmp;
}

/**
 * lectern_page_report_add_evidence:
 * @self: a report
 * @evidence: a cookie write seen on the page (Set-Cookie or document.cookie)
 *
 * Keeps a copy of @evidence: a cookie of the report that violates the
 * choices names its earliest matching write as the evidence.
 */
void
lectern_page_report_add_evidence (LecternPageReport           *self,
                                  const LecternCookieEvidence *evidence)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (evidence != NULL);

  g_ptr_array_add (self->evidence, lectern_cookie_evidence_copy (evidence));
}

/**
 * lectern_page_report_add_violation:
 * @self: a report
 * @violation: a violation found by other means than the report's own
 *   cookies and consent tool
 *
 * Keeps a copy of @violation for the report's "violations". One equal in
 * kind, name, category and domain to a violation already there is left
 * out: the first one seen stands.
 */
void
lectern_page_report_add_violation (LecternPageReport      *self,
                                   const LecternViolation *violation)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (violation != NULL);

  g_ptr_array_add (self->violations, lectern_violation_copy (violation));
}

static gboolean
same_violation (const LecternViolation *a,
                const LecternViolation *b)
{
  return a->kind == b->kind && a->category == b->category &&
         g_strcmp0 (a->name, b->name) == 0 && g_strcmp0 (a->domain, b->domain) == 0;
}

/**
 * lectern_page_report_dup_violations:
 * @self: a report
 *
 * Every violation of the page, as lectern_violation_collect() finds them
 * from the cookies, the cookie writes, the consent tool and the choices,
 * then those added with lectern_page_report_add_violation().
 *
 * Returns: (transfer full) (element-type LecternViolation): the violations
 */
GPtrArray *
lectern_page_report_dup_violations (LecternPageReport *self)
{
  GPtrArray *all;

  g_return_val_if_fail (self != NULL, NULL);

  all = lectern_violation_collect (self->cookies, self->evidence, self->cmp, self->choices, self->url);

  for (guint i = 0; i < self->violations->len; i++)
    {
      const LecternViolation *extra = g_ptr_array_index (self->violations, i);
      gboolean known = FALSE;

      for (guint j = 0; j < all->len && !known; j++)
        known = same_violation (g_ptr_array_index (all, j), extra);

      if (!known)
        g_ptr_array_add (all, lectern_violation_copy (extra));
    }

  return all;
}

/**
 * lectern_page_report_get_choices:
 * @self: a report
 *
 * Returns: (transfer none) (nullable): the choices set with
 *   lectern_page_report_set_choices()
 */
const LecternSiteChoices *
lectern_page_report_get_choices (LecternPageReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->choices;
}

const char *
lectern_page_report_get_url (LecternPageReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

/**
 * lectern_page_report_get_site:
 * @self: a report
 *
 * Returns: (nullable): the registrable domain of the page, %NULL when its
 *   URL has no host
 */
const char *
lectern_page_report_get_site (LecternPageReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->site;
}

void
lectern_page_report_set_title (LecternPageReport *self,
                               const char        *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

/**
 * lectern_page_report_set_incomplete:
 * @self: a report
 * @reason: why the report holds only part of what the page did, for the
 *   reader ("The page … did not settle within 5 seconds")
 *
 * Marks the report as incomplete: its JSON says `"complete": false`, its
 * text says so and why in its first line.
 */
void
lectern_page_report_set_incomplete (LecternPageReport *self,
                                    const char        *reason)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (reason != NULL);

  g_free (self->incomplete);
  self->incomplete = g_strdup (reason);
}

/**
 * lectern_page_report_set_choices:
 * @self: a report
 * @choices: the choices in force for the page's site
 *
 * Copies @choices. Until they are set, the report's "consent" is null.
 */
void
lectern_page_report_set_choices (LecternPageReport        *self,
                                 const LecternSiteChoices *choices)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (choices != NULL);

  g_clear_pointer (&self->choices, lectern_site_choices_free);
  self->choices = lectern_site_choices_copy (choices);
}

/**
 * lectern_page_report_add_request:
 * @self: a report
 * @record: a decided request of the page
 *
 * Counts @record, and keeps a copy of it when it is a tracker's.
 */
void
lectern_page_report_add_request (LecternPageReport          *self,
                                 const LecternRequestRecord *record)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (record != NULL);

  self->n_requests++;
  if (record->third_party)
    self->n_third_party++;
  if (record->blocked)
    self->n_blocked++;

  if (record->tracker)
    g_ptr_array_add (self->trackers, lectern_request_record_copy (record));
}

/**
 * lectern_page_report_take_cookie:
 * @self: a report
 * @record: (transfer full): a classified cookie of the page
 *
 * Adds @record. A cookie is set again and again as a page runs: a record
 * with the name and domain of one already in the report replaces it, and
 * keeps the time the cookie was first seen.
 */
void
lectern_page_report_take_cookie (LecternPageReport   *self,
                                 LecternCookieRecord *record)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (record != NULL);

  for (guint i = 0; i < self->cookies->len; i++)
    {
      LecternCookieRecord *old = g_ptr_array_index (self->cookies, i);

      if (g_strcmp0 (old->name, record->name) != 0 ||
          g_strcmp0 (old->domain, record->domain) != 0)
        continue;

      if (old->seen != NULL &&
          (record->seen == NULL || g_date_time_compare (old->seen, record->seen) < 0))
        {
          g_clear_pointer (&record->seen, g_date_time_unref);
          record->seen = g_date_time_ref (old->seen);
        }

      /* Replacing in place keeps the order in which cookies appeared. */
      lectern_cookie_record_free (old);
      g_ptr_array_index (self->cookies, i) = record;
      return;
    }

  g_ptr_array_add (self->cookies, record);
}

/**
 * lectern_page_report_get_n_requests:
 * @self: a report
 *
 * Returns: how many requests were added
 */
guint
lectern_page_report_get_n_requests (LecternPageReport *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_requests;
}
