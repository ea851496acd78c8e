/* lectern-blocker.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-blocker.h"

#include <string.h>

#include "lectern-party.h"

/* A DNS name has at most 253 characters; anything longer is not a host. */
#define HOST_BUFFER_SIZE 256

/**
 * LecternBlocker:
 *
 * Decides, for each request of a page, whether it is a tracker's and
 * whether the site's choices block it. It runs in the web process for
 * every request, so lectern_blocker_decide() neither allocates nor does
 * I/O: the filter engine and the tracker database are read-only indexes,
 * and the choices of every site are kept in memory.
 */
struct _LecternBlocker
{
  LecternFilterEngine *engine;
  LecternTrackerDb    *trackers;
  LecternSiteChoices  *defaults;
  /* site (lower case) → LecternSiteChoices */
  GHashTable          *choices;
  /* site (lower case) → set of trackers (name, else host) let through */
  GHashTable          *allowed_trackers;
};

/**
 * lectern_blocker_new:
 * @engine: (transfer full) (nullable): the filter lists
 * @trackers: (transfer full) (nullable): the tracker database
 *
 * Creates a blocker that uses the out-of-the-box choices for every site
 * until told otherwise.
 *
 * Returns: (transfer full): a new blocker
 */
LecternBlocker *
lectern_blocker_new (LecternFilterEngine *engine,
                     LecternTrackerDb    *trackers)
{
  LecternBlocker *self;

  self = g_new0 (LecternBlocker, 1);
  self->engine = engine;
  self->trackers = trackers;
  self->defaults = lectern_site_choices_new (NULL);
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) lectern_site_choices_free);
  self->allowed_trackers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_hash_table_unref);

  return self;
}

void
lectern_blocker_free (LecternBlocker *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->engine, lectern_filter_engine_free);
  g_clear_pointer (&self->trackers, lectern_tracker_db_free);
  g_clear_pointer (&self->defaults, lectern_site_choices_free);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_pointer (&self->allowed_trackers, g_hash_table_unref);
  g_free (self);
}

/**
 * lectern_blocker_set_defaults:
 * @self: a blocker
 * @defaults: the choices for sites without their own
 *
 * Copies @defaults.
 */
void
lectern_blocker_set_defaults (LecternBlocker           *self,
                              const LecternSiteChoices *defaults)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (defaults != NULL);

  g_clear_pointer (&self->defaults, lectern_site_choices_free);
  self->defaults = lectern_site_choices_copy_for_site (defaults, NULL);
}

/**
 * lectern_blocker_set_choices:
 * @self: a blocker
 * @choices: a site's choices
 *
 * Copies @choices and uses them for their site from now on. Choices
 * without a site are the defaults, as in %LECTERN_IPC_SITE_CHOICES.
 */
void
lectern_blocker_set_choices (LecternBlocker           *self,
                             const LecternSiteChoices *choices)
{
  const char *site;

  g_return_if_fail (self != NULL);
  g_return_if_fail (choices != NULL);

  site = lectern_site_choices_get_site (choices);
  if (site[0] == '\0')
    {
      lectern_blocker_set_defaults (self, choices);
      return;
    }

  /* Sites are compared as decide() sees them: lower case. */
  g_hash_table_replace (self->choices,
                        g_ascii_strdown (site, -1),
                        lectern_site_choices_copy (choices));
}

/**
 * lectern_blocker_get_choices:
 * @self: a blocker
 * @site: (nullable): a site's registrable domain, lower case
 *
 * Does not allocate.
 *
 * Returns: (transfer none): the choices for @site, or the defaults
 */
const LecternSiteChoices *
lectern_blocker_get_choices (LecternBlocker *self,
                             const char     *site)
{
  const LecternSiteChoices *choices = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (site != NULL && site[0] != '\0')
    choices = g_hash_table_lookup (self->choices, site);

  return choices != NULL ? choices : self->defaults;
}

/**
 * lectern_blocker_set_allowed_trackers:
 * @self: a blocker
 * @site: a site's registrable domain
 * @trackers: (nullable) (array zero-terminated=1): the trackers let through
 *   on @site, by name in the tracker database, else by host
 *
 * Replaces the trackers the reader allowed on @site: their requests are
 * not blocked there whatever the site's categories say.
 */
void
lectern_blocker_set_allowed_trackers (LecternBlocker     *self,
                                      const char         *site,
                                      const char * const *trackers)
{
  GHashTable *set;

  g_return_if_fail (self != NULL);
  g_return_if_fail (site != NULL);

  if (trackers == NULL || trackers[0] == NULL)
    {
      g_hash_table_remove (self->allowed_trackers, site);
      return;
    }

  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; trackers[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (trackers[i]));

  g_hash_table_replace (self->allowed_trackers, g_ascii_strdown (site, -1), set);
}

/**
 * lectern_blocker_tracker_key:
 * @name: (nullable): the tracker's name in the tracker database
 * @host: (nullable): the request's host
 *
 * How "allow on this site" names a tracker: by its name when the tracker
 * database knows it (all its hosts at once), else by host.
 *
 * Returns: (nullable): @name, else @host
 */
const char *
lectern_blocker_tracker_key (const char *name,
                             const char *host)
{
  return name != NULL && name[0] != '\0' ? name : host;
}

/* Copies the host of @url into @buffer, lower case, without allocating:
 * what lies between "scheme://" and the path, without user info, port or
 * the brackets of an IPv6 address. A trailing dot is dropped, so that
 * "tracker.example." is looked up as the tracker it is. */
static gboolean
copy_host (const char *url,
           char       *buffer,
           gsize       size)
{
  const char *p;
  const char *end;
  const char *host;
  const char *host_end;
  gsize length;

  if (url == NULL || !g_ascii_isalpha (*url))
    return FALSE;

  for (p = url + 1; g_ascii_isalnum (*p) || *p == '+' || *p == '-' || *p == '.'; p++)
    ;

  if (p[0] != ':' || p[1] != '/' || p[2] != '/')
    return FALSE;

  host = p + 3;
  end = host + strcspn (host, "/\\?#");

  for (p = host; p < end; p++)
    {
      if (*p == '@')
        host = p + 1;
    }

  if (*host == '[')
    {
      host++;
      host_end = memchr (host, ']', end - host);
      if (host_end == NULL)
        return FALSE;
    }
  else
    {
      host_end = memchr (host, ':', end - host);
      if (host_end == NULL)
        host_end = end;
    }

  if (host_end > host && host_end[-1] == '.')
    host_end--;

  length = host_end - host;
  if (length == 0 || length >= size)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    buffer[i] = g_ascii_tolower (host[i]);
  buffer[length] = '\0';

  return TRUE;
}

/* Whether a tracker database category marks a tracker. Strictly necessary
 * hosts (CDNs, hosting, consent tools, tag managers) serve the page
 * rather than follow the reader, and an unknown one says nothing. */
static inline gboolean
is_tracking_category (LecternCategory category)
{
  return category != LECTERN_CATEGORY_NECESSARY &&
         category != LECTERN_CATEGORY_UNKNOWN;
}

/**
 * lectern_blocker_sends_gpc:
 * @page_url: (nullable): the top document's URL
 *
 * Whether the page's frames tell scripts, through Global Privacy Control,
 * that the reader refuses the sale of their data: the site's "sale"
 * choice decides, as it does for the Sec-GPC header.
 *
 * Returns: %TRUE when the site's choices refuse sale of personal data
 */
gboolean
lectern_blocker_sends_gpc (LecternBlocker *self,
                           const char     *page_url)
{
  char page_host[HOST_BUFFER_SIZE];
  const char *page_site = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (page_url != NULL && copy_host (page_url, page_host, sizeof page_host))
    page_site = lectern_party_get_site (page_host);

  return lectern_site_choices_blocks (lectern_blocker_get_choices (self, page_site), LECTERN_CATEGORY_SALE);
}

/**
 * lectern_blocker_decide:
 * @self: a blocker
 * @request: the request
 * @decision: (out caller-allocates): what was decided
 *
 * A request is a tracker's when a blocking rule matches it (and no
 * exception), or when it goes to another site whose host the tracker
 * database knows as a tracker; a first-party request is only a tracker
 * when a rule matched. Its category is the tracker database's, else that
 * of the list whose rule matched. It is blocked when the choices for the
 * page's site block that category.
 *
 * Runs for every request: it does not allocate.
 *
 * Returns: @decision->blocked
 */
gboolean
lectern_blocker_decide (LecternBlocker       *self,
                        const LecternRequest *request,
                        LecternDecision      *decision)
{
  char host[HOST_BUFFER_SIZE];
  char page_host[HOST_BUFFER_SIZE];
  const char *page_site = NULL;
  const LecternTracker *info = NULL;
  gboolean have_host;

  g_return_val_if_fail (decision != NULL, FALSE);

  decision->third_party = FALSE;
  decision->tracker = FALSE;
  decision->blocked = FALSE;
  decision->category = LECTERN_CATEGORY_UNKNOWN;
  decision->tracker_info = NULL;
  decision->match.blocked = FALSE;
  decision->match.rule = NULL;
  decision->match.list = LECTERN_FILTER_LIST_OTHER;
  decision->choices = NULL;
  decision->allowed_by_user = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  have_host = copy_host (request->url, host, sizeof host);
  if (copy_host (request->page_url, page_host, sizeof page_host))
    page_site = lectern_party_get_site (page_host);
  decision->choices = lectern_blocker_get_choices (self, page_site);

  /* The top document is what the reader asked for: never blocked, and
   * not a tracker whatever the lists say of its address. */
  if (request->types == LECTERN_RESOURCE_DOCUMENT)
    return FALSE;

  /* A page without a host (a local file, about:blank) has no site of its
   * own, so whatever it loads from the web is another site's. */
  if (have_host)
    decision->third_party = page_site == NULL ||
                            !g_str_equal (lectern_party_get_site (host), page_site);

  if (self->engine != NULL)
    lectern_filter_engine_match (self->engine, request, &decision->match);

  if (have_host && self->trackers != NULL)
    info = lectern_tracker_db_lookup (self->trackers, host);
  decision->tracker_info = info;

  decision->tracker = decision->match.blocked ||
                      (decision->third_party && info != NULL &&
                       is_tracking_category (info->category));
  if (!decision->tracker)
    return FALSE;

  /* A rule matched a host the database files as necessary (a tag manager,
   * a CDN serving a tracking script): the list knows better why. */
  if (info != NULL && is_tracking_category (info->category))
    decision->category = info->category;
  else
    decision->category = lectern_category_from_filter_list (decision->match.list);

  decision->blocked = lectern_site_choices_blocks (decision->choices, decision->category);

  /* The reader let this tracker through on this site. */
  if (decision->blocked && page_site != NULL)
    {
      GHashTable *allowed = g_hash_table_lookup (self->allowed_trackers, page_site);
      const char *key = lectern_blocker_tracker_key (info != NULL ? info->name : NULL, host);

      if (allowed != NULL && key != NULL && g_hash_table_contains (allowed, key))
        {
          decision->blocked = FALSE;
          decision->allowed_by_user = TRUE;
        }
    }

  return decision->blocked;
}
