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
