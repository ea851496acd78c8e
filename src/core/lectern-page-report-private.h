/* lectern-page-report-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-page-report.h"

G_BEGIN_DECLS

/* The report, shared by the file that makes and fills it
 * (lectern-page-report.c) and those that write it as JSON
 * (lectern-page-report-json.c) and as text (lectern-page-report-text.c). */
struct _LecternPageReport
{
  char               *url;
  char               *site;
  char               *title;
  LecternSiteChoices *choices;

  guint               n_requests;
  guint               n_third_party;
  guint               n_blocked;

  /* LecternRequestRecord, trackers only, in the order they were seen */
  GPtrArray          *trackers;
  /* LecternCookieRecord, one per name and domain */
  GPtrArray          *cookies;

  /* Reader mode's article, when the page is one */
  gboolean            has_article;
  char               *article_title;
  char               *article_byline;
  guint               article_words;
  guint               article_reading_minutes;

  /* The page's consent tool, when one was found */
  LecternCmpOutcome  *cmp;

  /* LecternCookieEvidence: cookie writes caught as they happened */
  GPtrArray          *evidence;
  /* LecternViolation: added besides those the cookies and cmp give */
  GPtrArray          *violations;

  /* Why the report holds only part of what the page did; NULL when it
   * holds all of it */
  char               *incomplete;
};

G_END_DECLS
