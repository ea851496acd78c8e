/* lectern-cookie-classifier.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-classifier.h"

#include "lectern-party.h"

/**
 * lectern_cookie_classify:
 * @cookies: (nullable): the cookie database
 * @trackers: (nullable): the tracker database
 * @choices: (nullable): the choices of the site on screen
 * @name: the cookie's name
 * @domain: (nullable): the cookie's domain, with or without a leading "."
 * @page_host: (nullable): the host of the page on screen
 * @verdict: (out caller-allocates): where to write the result
 *
 * Classifies a cookie by the Open Cookie Database (name, told apart by
 * domain), else by the tracker database (the cookie's domain), else as
 * %LECTERN_CATEGORY_UNKNOWN, and says whether keeping it goes against
 * @choices. Necessary and unknown cookies are never violations. Does not
 * allocate.
 */
void
lectern_cookie_classify (LecternCookieDb          *cookies,
                         LecternTrackerDb         *trackers,
                         const LecternSiteChoices *choices,
                         const char               *name,
                         const char               *domain,
                         const char               *page_host,
                         LecternCookieVerdict     *verdict)
{
  g_return_if_fail (name != NULL);
  g_return_if_fail (verdict != NULL);

  *verdict = (LecternCookieVerdict) { .category = LECTERN_CATEGORY_UNKNOWN };

  /* Cookie domains are host names with an optional leading dot that
   * means "and subdomains"; both lookups and the party want the host. */
  if (domain != NULL && *domain == '.')
    domain++;
  if (domain != NULL && *domain == '\0')
    domain = NULL;

  if (cookies != NULL)
    verdict->info = lectern_cookie_db_lookup (cookies, name, domain);

  if (trackers != NULL && domain != NULL)
    verdict->tracker = lectern_tracker_db_lookup (trackers, domain);

  if (verdict->info != NULL)
    verdict->category = verdict->info->category;
  else if (verdict->tracker != NULL)
    verdict->category = verdict->tracker->category;

  /* The cookie database leaves a few platforms blank; the tracker that
   * owns the domain is the next best name. */
  if (verdict->info != NULL && *verdict->info->platform != '\0')
    verdict->platform = verdict->info->platform;
  else if (verdict->tracker != NULL)
    verdict->platform = verdict->tracker->name;

  if (verdict->info != NULL && verdict->info->controller != NULL)
    verdict->owner = verdict->info->controller;
  else if (verdict->tracker != NULL)
    verdict->owner = verdict->tracker->company;

  verdict->third_party = lectern_party_is_third (domain, page_host);
  verdict->violation = choices != NULL &&
                       lectern_category_is_blockable (verdict->category) &&
                       lectern_site_choices_blocks (choices, verdict->category);
}

/* Categories with a violation come first, so that what breaks the
 * reader's choice is at the top; then by category, violations first
 * within one, then by name. */
static int
compare_cookies (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const gboolean *category_violated = user_data;
  const LecternCookieRecord *ca = *(const LecternCookieRecord * const *) a;
  const LecternCookieRecord *cb = *(const LecternCookieRecord * const *) b;
  int cmp;

  if (category_violated[ca->category] != category_violated[cb->category])
    return category_violated[ca->category] ? -1 : 1;

  if (ca->category != cb->category)
    return ca->category < cb->category ? -1 : 1;

  if (ca->violation != cb->violation)
    return ca->violation ? -1 : 1;

  if ((cmp = g_strcmp0 (ca->name, cb->name)) != 0)
    return cmp;

  return g_strcmp0 (ca->domain, cb->domain);
}

/**
 * lectern_cookie_records_dup_in_reading_order:
 * @records: (nullable) (element-type LecternCookieRecord): a site's
 *   cookies, classified
 * @n_violations: (out) (optional): how many of them break the choices
 *
 * The order in which a reader goes through a site's cookies: categories
 * with a violation first, then by category, violations first within one,
 * then by name.
 *
 * Returns: (transfer full) (element-type LecternCookieRecord): copies of
 *   @records, in that order
 */
GPtrArray *
lectern_cookie_records_dup_in_reading_order (GPtrArray *records,
                                             guint     *n_violations)
{
  gboolean category_violated[LECTERN_CATEGORY_UNKNOWN + 1] = { FALSE };
  GPtrArray *sorted = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  guint violations = 0;

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const LecternCookieRecord *record = g_ptr_array_index (records, i);
      LecternCookieRecord *copy;

      if (record == NULL)
        continue;

      copy = lectern_cookie_record_copy (record);
      /* A record from elsewhere must not index past the table. */
      copy->category = MIN (copy->category, LECTERN_CATEGORY_UNKNOWN);
      if (copy->violation)
        {
          category_violated[copy->category] = TRUE;
          violations++;
        }
      g_ptr_array_add (sorted, copy);
    }
  g_ptr_array_sort_with_data (sorted, compare_cookies, category_violated);

  if (n_violations != NULL)
    *n_violations = violations;

  return sorted;
}
