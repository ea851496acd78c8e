/* lectern-page-report.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-page-report.h"

#include "lectern-json.h"
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

/* Appends @text and pads it with spaces to @width characters. */
static void
append_column (GString    *str,
               const char *text,
               guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (str, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (str, ' ');
}

static guint
column_width (GPtrArray   *cells,
              guint        n_columns,
              guint        column)
{
  guint width = 0;

  for (guint i = column; i < cells->len; i += n_columns)
    width = MAX (width, (guint) g_utf8_strlen (g_ptr_array_index (cells, i), -1));

  return width;
}

/* Appends rows of @n_columns cells as a table, two spaces between columns,
 * with no padding after the last one. */
static void
append_table (GString   *str,
              GPtrArray *cells,
              guint      n_columns)
{
  guint widths[8];

  g_assert (n_columns <= G_N_ELEMENTS (widths));

  for (guint c = 0; c < n_columns; c++)
    widths[c] = column_width (cells, n_columns, c);

  for (guint i = 0; i < cells->len; i += n_columns)
    {
      g_string_append (str, "  ");
      for (guint c = 0; c < n_columns; c++)
        {
          const char *cell = g_ptr_array_index (cells, i + c);

          if (c + 1 < n_columns)
            {
              append_column (str, cell, widths[c]);
              g_string_append (str, "  ");
            }
          else
            {
              g_string_append (str, cell);
            }
        }

      /* A row whose last cells are empty must not end in spaces. */
      while (str->len > 0 && str->str[str->len - 1] == ' ')
        g_string_truncate (str, str->len - 1);
      g_string_append_c (str, '\n');
    }
}

/* "Site:", "Address:", "Title:", "Consent:" and "Requests:": what the
 * page is and what it was loaded under. */
static void
append_summary (LecternPageReport *self,
                GString           *str)
{
  g_string_append_printf (str, "Site:     %s\n", self->site != NULL ? self->site : "-");
  g_string_append_printf (str, "Address:  %s\n", self->url);
  g_string_append_printf (str, "Title:    %s\n", self->title != NULL ? self->title : "-");

  g_string_append (str, "Consent:  ");
  if (self->choices != NULL)
    {
      for (guint i = 0; i < LECTERN_N_CATEGORIES; i++)
        g_string_append_printf (str, "%s%s %s",
                                i > 0 ? ", " : "",
                                lectern_category_to_id ((LecternCategory) i),
                                lectern_site_choices_get_allowed (self->choices, i) ? "on" : "off");
      g_string_append_printf (str, "; trusted: %s\n",
                              lectern_site_choices_get_trusted (self->choices) ? "yes" : "no");
    }
  else
    {
      g_string_append (str, "-\n");
    }

  g_string_append_printf (str, "Requests: %u in total, %u third-party, %u blocked\n",
                          self->n_requests, self->n_third_party, self->n_blocked);
}

/* "Tool:     onetrust (consent-cookie), recorded performance off,
 * targeting off": what the site's consent tool holds, in the JSON's
 * words. No line when the page has none. */
static void
append_tool (LecternPageReport *self,
             GString           *str)
{
  gboolean any = FALSE;

  if (self->cmp == NULL)
    return;

  g_string_append (str, "Tool:     ");
  g_string_append_printf (str, "%s (%s), recorded ", self->cmp->name, self->cmp->action);
  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean granted;

      if (!lectern_consent_record_lookup (&self->cmp->recorded, category, &granted))
        continue;
      g_string_append_printf (str, "%s%s %s", any ? ", " : "",
                              lectern_category_to_id (category), granted ? "on" : "off");
      any = TRUE;
    }
  if (!any)
    g_string_append (str, "nothing");
  g_string_append_c (str, '\n');
}

static void
append_trackers (LecternPageReport *self,
                 GString           *str)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (str, "\nTrackers: %u\n", self->trackers->len);
  for (guint i = 0; i < self->trackers->len; i++)
    {
      const LecternRequestRecord *record = g_ptr_array_index (self->trackers, i);
      char *who;

      if (record->name != NULL && record->company != NULL &&
          !g_str_equal (record->name, record->company))
        who = g_strdup_printf ("%s (%s)", record->name, record->company);
      else
        who = g_strdup (record->name != NULL ? record->name : "-");

      g_ptr_array_add (cells, g_strdup (record->blocked ? "blocked" : "allowed"));
      g_ptr_array_add (cells, g_strdup (record->host != NULL ? record->host : "-"));
      g_ptr_array_add (cells, g_strdup (lectern_category_to_id (record->category)));
      g_ptr_array_add (cells, who);
      g_ptr_array_add (cells, g_strdup (record->rule != NULL ? record->rule : ""));
    }
  append_table (str, cells, 5);
}

/* "first-party, expires …, violation, removed": a cookie's marks. */
static char *
dup_cookie_marks (const LecternCookieRecord *record)
{
  g_autoptr(GStrvBuilder) marks = g_strv_builder_new ();
  g_auto(GStrv) mark_strv = NULL;
  g_autofree char *expires = lectern_format_time (record->expires);

  g_strv_builder_add (marks, record->third_party ? "third-party" : "first-party");
  if (expires != NULL)
    {
      g_autofree char *until = g_strconcat ("expires ", expires, NULL);

      g_strv_builder_add (marks, until);
    }
  else
    g_strv_builder_add (marks, "session");
  if (record->violation)
    g_strv_builder_add (marks, "violation");
  if (record->removed)
    g_strv_builder_add (marks, "removed");
  mark_strv = g_strv_builder_end (marks);

  return g_strjoinv (", ", mark_strv);
}

static void
append_cookies (LecternPageReport *self,
                GString           *str)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (str, "\nCookies: %u\n", self->cookies->len);
  for (guint i = 0; i < self->cookies->len; i++)
    {
      const LecternCookieRecord *record = g_ptr_array_index (self->cookies, i);

      g_ptr_array_add (cells, g_strdup (record->name != NULL ? record->name : "-"));
      g_ptr_array_add (cells, g_strdup (record->domain != NULL ? record->domain : "-"));
      g_ptr_array_add (cells, g_strdup (lectern_category_to_id (record->category)));
      g_ptr_array_add (cells, g_strdup (record->platform != NULL ? record->platform : "-"));
      g_ptr_array_add (cells, dup_cookie_marks (record));
    }
  append_table (str, cells, 5);
}

/* "cookie  _ga  performance  document.cookie  URL  time": what broke the
 * choices, how, by what, and when. */
static void
append_violations (LecternPageReport *self,
                   GString           *str)
{
  g_autoptr(GPtrArray) violations = lectern_page_report_dup_violations (self);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (str, "\nViolations: %u\n", violations->len);
  for (guint i = 0; i < violations->len; i++)
    {
      const LecternViolation *violation = g_ptr_array_index (violations, i);
      char *time = lectern_violation_dup_time_string (violation);

      g_ptr_array_add (cells, g_strdup (lectern_violation_kind_to_id (violation->kind)));
      g_ptr_array_add (cells, g_strdup (violation->name));
      g_ptr_array_add (cells, g_strdup (lectern_category_to_id (violation->category)));
      g_ptr_array_add (cells, g_strdup (violation->via));
      g_ptr_array_add (cells, g_strdup (violation->by != NULL ? violation->by : "-"));
      g_ptr_array_add (cells, time != NULL ? time : g_strdup ("-"));
    }
  append_table (str, cells, 6);
}

/**
 * lectern_page_report_to_text:
 * @self: a report
 *
 * A summary for people: site, title, consent, request counts, the site's
 * consent tool when it has one ("Tool:"), then one
 * line per tracker ("blocked  host  category  name (company)  rule") and
 * one per cookie (name, domain, category, platform, then its marks), then
 * one per violation (kind, name, category, via, by, time). It
 * uses the JSON's vocabulary (category ids, "blocked", "allowed") so that
 * the two forms read alike; "-" stands for an unknown value.
 *
 * Returns: (transfer full): the text, ending in a newline
 */
char *
lectern_page_report_to_text (LecternPageReport *self)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  str = g_string_new (NULL);
  append_summary (self, str);
  append_tool (self, str);
  append_trackers (self, str);
  append_cookies (self, str);
  append_violations (self, str);

  return g_string_free (str, FALSE);
}
