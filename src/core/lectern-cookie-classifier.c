/* lectern-cookie-classifier.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-classifier.h"

#include "lectern-blocker.h"
#include "lectern-party.h"

/* The tracker in @allowed_trackers that sets the cookie, if any. A cookie
 * names its tracker as "allow on this site" names a request's
 * (lectern_blocker_tracker_key()): by name, else by host. Its name is its
 * platform: the cookie database's, which is how a script writing on the
 * site's own domain is known (Google Analytics' _ga), else the tracker
 * database's for the cookie's domain, which also counts when the cookie
 * database names another platform. */
static const char *
find_allowed_tracker (const LecternCookieVerdict *verdict,
                      const char                 *domain,
                      const char * const         *allowed_trackers)
{
  const char *keys[] = {
    lectern_blocker_tracker_key (verdict->platform, domain),
    verdict->tracker != NULL ? verdict->tracker->name : NULL,
  };

  for (guint i = 0; allowed_trackers != NULL && allowed_trackers[i] != NULL; i++)
    {
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        {
          if (keys[k] != NULL && g_str_equal (allowed_trackers[i], keys[k]))
            return allowed_trackers[i];
        }
    }

  return NULL;
}

/**
 * lectern_cookie_classify:
 * @cookies: (nullable): the cookie database
 * @trackers: (nullable): the tracker database
 * @choices: (nullable): the choices of the site on screen
 * @allowed_trackers: (nullable) (array zero-terminated=1): the trackers
 *   the reader allowed on that site, by name, else host
 * @name: the cookie's name
 * @domain: (nullable): the cookie's domain, with or without a leading "."
 * @page_host: (nullable): the host of the page on screen
 * @verdict: (out caller-allocates): where to write the result
 *
 * Classifies a cookie by the Open Cookie Database (name, told apart by
 * domain), else by the tracker database (the cookie's domain), else as
 * %LECTERN_CATEGORY_UNKNOWN, and says whether keeping it goes against
 * @choices. Necessary and unknown cookies are never violations, and
 * neither are those of a tracker in @allowed_trackers: a tracker the
 * reader let through on the site may keep its cookies there. Does not
 * allocate.
 */
void
lectern_cookie_classify (LecternCookieDb          *cookies,
                         LecternTrackerDb         *trackers,
                         const LecternSiteChoices *choices,
                         const char * const       *allowed_trackers,
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

  /* As for requests, allowing a tracker only matters where its category
   * is refused. */
  if (verdict->violation)
    {
      verdict->allowed_tracker = find_allowed_tracker (verdict, domain, allowed_trackers);
      verdict->violation = verdict->allowed_tracker == NULL;
    }
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
