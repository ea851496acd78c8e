/* lectern-web-view.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-web-view-private.h"

#include "lectern-autoconsent.h"
#include "lectern-cookie-enforcer.h"
#include "lectern-ipc.h"
#include "lectern-party.h"

/**
 * LecternWebView:
 *
 * The view of a page. Each page it loads gets a #LecternPageState (its
 * "page" property), which the page's web process, its cookies and its
 * consent tool fill through this view; the state goes with the page's
 * entry in the view's history once the page commits.
 */

G_DEFINE_FINAL_TYPE (LecternWebView, lectern_web_view, WEBKIT_TYPE_WEB_VIEW)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PAGE_CRASHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define PAGE_STATE_KEY "lectern-page-state"

/* Crashes of a page's web process this close together are one run of
 * crashes: the page is loaded again by itself only after the first. */
#define CRASH_RUN_USEC (30 * G_USEC_PER_SEC)

/* A consent tool is looked for until the page has been quiet this long,
 * and no sooner than CMP_SEARCH_MIN_USEC after it committed: the web
 * process probes for one for a few seconds after the document starts. */
#define QUIET_PERIOD_USEC   (2 * G_USEC_PER_SEC)
#define CMP_SEARCH_MIN_USEC (5 * G_USEC_PER_SEC)
#define CMP_SEARCH_POLL_MS  250

void
_lectern_web_view_touch (LecternWebView *self)
{
  self->last_activity = g_get_monotonic_time ();
}

/* The site's OneTrust groups, learned on an earlier visit, reach the page
 * before its document: its web process then writes OneTrust's cookie in
 * the site's own group ids before any script runs. */
static void
send_onetrust_groups (LecternWebView *self,
                      const char     *site)
{
  LecternCmpMemory *memory = lectern_profile_get_cmp_memory (self->profile);
  g_autofree char *groups = NULL;

  if (site == NULL || site[0] == '\0')
    return;

  groups = lectern_cmp_memory_dup_onetrust_groups (memory, site);
  if (groups == NULL)
    return;

  webkit_web_view_send_message_to_page (WEBKIT_WEB_VIEW (self),
                                        webkit_user_message_new (LECTERN_IPC_CMP_ONETRUST_GROUPS,
                                                                 g_variant_new ("(ss)", site, groups)),
                                        NULL, NULL, NULL);
}

/* A message names its page: the one being loaded, else the one on
 * screen. One of the page before, arriving late, is neither's. */
LecternPageState *
_lectern_web_view_find_page (LecternWebView *self,
                             const char     *page_uri)
{
  if (self->provisional != NULL && g_strcmp0 (page_uri, lectern_page_state_get_url (self->provisional)) == 0)
    return self->provisional;

  if (g_strcmp0 (page_uri, lectern_page_state_get_url (self->page)) == 0)
    return self->page;

  return NULL;
}

/* The page the site's cookies and consent tool now speak of. */
LecternPageState *
_lectern_web_view_get_loading_page (LecternWebView *self)
{
  return self->provisional != NULL ? self->provisional : self->page;
}

static void
show_page (LecternWebView   *self,
           LecternPageState *page)
{
  if (self->page == page)
    return;

  g_set_object (&self->page, page);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/* A page the view restores from its history, as it was when the reader
 * left it: the state kept with the history item, under the site's
 * choices of now, which the switches show and the next load follows. */
static LecternPageState *
find_page_to_restore (LecternWebView *self,
                      const char     *uri)
{
  WebKitBackForwardList *list = webkit_web_view_get_back_forward_list (WEBKIT_WEB_VIEW (self));
  WebKitBackForwardListItem *item = webkit_back_forward_list_get_current_item (list);
  LecternPageState *page;

  if (self->navigation_type != WEBKIT_NAVIGATION_TYPE_BACK_FORWARD || item == NULL)
    return NULL;

  page = lectern_web_view_get_history_page (self, item);
  if (page == NULL || !lectern_page_state_is_page (page, uri))
    return NULL;

  return page;
}

/* A load started: its page gets a state of its own, filled by what the
 * web process, the cookies and the consent tool say of it; the one on
 * screen stays until the new one commits. Going Back or Forward to a
 * page seen before takes up its state again. */
static void
start_page (LecternWebView *self,
            const char     *uri)
{
  g_autoptr(LecternPageState) page = NULL;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autofree char *site = NULL;
  g_auto(GStrv) allowed = NULL;
  LecternPageState *restored;

  if (g_strcmp0 (uri, LECTERN_DEMO_URI) != 0)
    self->showing_demo = FALSE;

  site = uri ? lectern_party_dup_site_for_uri (uri) : NULL;
  choices = lectern_profile_dup_choices (self->profile, site);
  allowed = lectern_profile_dup_allowed_trackers (self->profile, site);

  restored = find_page_to_restore (self, uri);
  if (restored != NULL)
    {
      page = g_object_ref (restored);
      lectern_page_state_set_choices (page, choices);
      lectern_page_state_set_allowed_trackers (page, (const char * const *) allowed);
    }
  else
    {
      page = lectern_page_state_new (uri, choices, (const char * const *) allowed);
      lectern_page_state_set_cmp_searching (page, site != NULL && site[0] != '\0');
    }

  if (self->provisional != NULL)
    g_signal_handlers_disconnect_by_data (self->provisional, self);
  g_set_object (&self->provisional, page);

  /* A consent tool answering is the page still at work: a report waits. */
  g_signal_connect_object (page, "notify::cmp-outcome", G_CALLBACK (_lectern_web_view_touch), self, G_CONNECT_SWAPPED);
  lectern_autoconsent_set_page (self->autoconsent, page);
  lectern_cookie_enforcer_set_page (self->cookie_enforcer, uri, choices,
                                    restored != NULL ? lectern_page_state_get_cookies (restored) : NULL);
  send_onetrust_groups (self, site);
  _lectern_web_view_touch (self);
}

static gboolean
cmp_search_poll_cb (gpointer user_data)
{
  LecternWebView *self = user_data;
  gint64 now = g_get_monotonic_time ();

  if (webkit_web_view_is_loading (WEBKIT_WEB_VIEW (self)) ||
      now - lectern_web_view_get_last_activity (self) < QUIET_PERIOD_USEC ||
      now - self->committed_at < CMP_SEARCH_MIN_USEC)
    return G_SOURCE_CONTINUE;

  self->cmp_search_source = 0;
  lectern_page_state_set_cmp_searching (self->page, FALSE);

  return G_SOURCE_REMOVE;
}

/* A page of a site has a consent tool to look for, until it has settled;
 * a page taken up again from the history was looked at already. */
static void
follow_cmp_search (LecternWebView *self)
{
  g_clear_handle_id (&self->cmp_search_source, g_source_remove);
  if (lectern_page_state_get_cmp_searching (self->page))
    self->cmp_search_source = g_timeout_add (CMP_SEARCH_POLL_MS, cmp_search_poll_cb, self);
}

/* The page is on screen: its state is the view's "page", and goes with
 * its entry in the history, for Back and Forward to find. */
static void
commit_page (LecternWebView *self,
             const char     *uri)
{
  WebKitBackForwardList *list = webkit_web_view_get_back_forward_list (WEBKIT_WEB_VIEW (self));
  WebKitBackForwardListItem *item = webkit_back_forward_list_get_current_item (list);
  g_autoptr(LecternPageState) page = NULL;

  /* A server-side redirect can land on another URL than the one the load
   * started with; the page's requests carry the committed one. */
  if (self->provisional == NULL || !lectern_page_state_is_page (self->provisional, uri))
    start_page (self, uri);

  page = g_steal_pointer (&self->provisional);
  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  show_page (self, page);

  if (item != NULL)
    g_object_set_data_full (G_OBJECT (item), PAGE_STATE_KEY, g_object_ref (page), g_object_unref);

  self->committed_at = g_get_monotonic_time ();
  follow_cmp_search (self);
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 gpointer         user_data)
{
  LecternWebView *self = LECTERN_WEB_VIEW (web_view);
  const char *uri = webkit_web_view_get_uri (web_view);

  switch (event)
    {
    case WEBKIT_LOAD_STARTED:
    case WEBKIT_LOAD_REDIRECTED:
      start_page (self, uri);
      break;

    case WEBKIT_LOAD_COMMITTED:
      commit_page (self, uri);
      lectern_page_state_set_title (self->page, webkit_web_view_get_title (web_view));
      break;

    case WEBKIT_LOAD_FINISHED:
      /* From now on, a page its web process did not speak for is known
       * to have been loaded with no blocking. A load that failed before
       * it committed left no page. */
      if (lectern_page_state_get_url (self->page) != NULL)
        lectern_page_state_set_loaded (self->page);
      _lectern_web_view_touch (self);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Whether the next load goes Back or Forward: only WebKit's navigation
 * action says so, before the load starts. */
static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  LecternWebView *self = LECTERN_WEB_VIEW (web_view);
  WebKitNavigationAction *action;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  self->navigation_type = webkit_navigation_action_get_navigation_type (action);

  return FALSE;
}

/* A load that fails before it commits leaves the document before in the
 * view, which the window covers with what went wrong: no site is on
 * screen, so none can be chosen for. */
static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                gpointer         user_data)
{
  LecternWebView *self = LECTERN_WEB_VIEW (web_view);
  g_autoptr(LecternPageState) nothing = NULL;

  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE) ||
      event == WEBKIT_LOAD_COMMITTED || event == WEBKIT_LOAD_FINISHED)
    return FALSE;

  if (self->provisional != NULL)
    g_signal_handlers_disconnect_by_data (self->provisional, self);
  g_clear_object (&self->provisional);

  nothing = lectern_page_state_new (NULL, NULL, NULL);
  lectern_autoconsent_set_page (self->autoconsent, nothing);
  lectern_cookie_enforcer_set_page (self->cookie_enforcer, NULL, NULL, NULL);
  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  show_page (self, nothing);

  return FALSE;
}

static void
title_changed_cb (LecternWebView *self)
{
  /* The title of a document about to be replaced is no one's to keep. */
  if (self->provisional != NULL)
    return;

  lectern_page_state_set_title (self->page, webkit_web_view_get_title (WEBKIT_WEB_VIEW (self)));
}

/* A page whose web process died is loaded again, as a reader would do:
 * WebKit otherwise leaves the view blank. A page that takes its new
 * process down too, soon after, is left to the reader: the view says so
 * (#LecternWebView::page-crashed), rather than loading it again and again.
 * Crashes far apart each get their load again. All are logged, so that
 * such a page can be told from a slow one. */
static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           user_data)
{
  LecternWebView *self = LECTERN_WEB_VIEW (web_view);
  const char *uri = webkit_web_view_get_uri (web_view);
  const char *what = reason == WEBKIT_WEB_PROCESS_CRASHED ? "crashed" : "used too much memory and was ended";
  gint64 now = g_get_monotonic_time ();
  gboolean again;

  if (reason == WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    return;

  /* A load that never committed leaves the view without an address: the
   * page is the one that was loading. */
  if (uri == NULL)
    uri = lectern_page_state_get_url (_lectern_web_view_get_loading_page (self));

  again = g_strcmp0 (uri, self->crashed_uri) == 0 && now - self->crashed_at < CRASH_RUN_USEC;
  g_free (self->crashed_uri);
  self->crashed_uri = g_strdup (uri);
  self->crashed_at = now;

  if (uri == NULL || again)
    {
      g_message ("The web process of %s %s again", uri != NULL ? uri : "a page", what);
      /* No page is left to find a consent tool in. */
      g_clear_handle_id (&self->cmp_search_source, g_source_remove);
      if (self->page != NULL)
        lectern_page_state_set_cmp_searching (self->page, FALSE);
      g_signal_emit (self, signals[PAGE_CRASHED], 0, uri, reason);
      return;
    }

  g_message ("The web process of %s %s; loading the page again", uri, what);
  lectern_web_view_reload_page (self);
}

static void
cookies_changed_cb (LecternCookieEnforcer *enforcer,
                    GPtrArray             *records,
                    LecternWebView        *self)
{
  lectern_page_state_set_cookies (_lectern_web_view_get_loading_page (self), records);
}

/* The choices of the site on screen changed, here or in another window:
 * the page shows them, and its cookies are judged under them from now on.
 * Whoever asked for the change loads the page again if it wants. */
static void
site_changed_cb (LecternProfile *profile,
                 const char     *site,
                 LecternWebView *self)
{
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_auto(GStrv) allowed = NULL;
  LecternPageState *pages[] = { self->page, self->provisional };

  if (site == NULL || site[0] == '\0' || g_strcmp0 (site, lectern_page_state_get_site (_lectern_web_view_get_loading_page (self))) != 0)
    return;

  choices = lectern_profile_dup_choices (profile, site);
  allowed = lectern_profile_dup_allowed_trackers (profile, site);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      if (pages[i] == NULL || g_strcmp0 (site, lectern_page_state_get_site (pages[i])) != 0)
        continue;
      lectern_page_state_set_choices (pages[i], choices);
      lectern_page_state_set_allowed_trackers (pages[i], (const char * const *) allowed);
    }
  lectern_cookie_enforcer_set_choices (self->cookie_enforcer, choices);
}

/**
 * lectern_web_view_new:
 * @profile: the profile whose web context, cookies and choices the view
 *   uses
 *
 * Returns: (transfer floating): a new view, with an empty page
 */
LecternWebView *
lectern_web_view_new (LecternProfile *profile)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (profile), NULL);

  return g_object_new (LECTERN_TYPE_WEB_VIEW,
                       "profile", profile,
                       "web-context", lectern_profile_get_web_context (profile),
                       "network-session", lectern_profile_get_network_session (profile),
                       NULL);
}

LecternProfile *
lectern_web_view_get_profile (LecternWebView *self)
{
  g_return_val_if_fail (LECTERN_IS_WEB_VIEW (self), NULL);

  return self->profile;
}

/**
 * lectern_web_view_get_page:
 * @self: a #LecternWebView
 *
 * Returns: (transfer none): the state of the page on screen, or of the
 *   one loading; an empty one before any page
 */
LecternPageState *
lectern_web_view_get_page (LecternWebView *self)
{
  g_return_val_if_fail (LECTERN_IS_WEB_VIEW (self), NULL);

  return self->page;
}

/**
 * lectern_web_view_get_history_page:
 * @self: a #LecternWebView
 * @item: an item of the view's back and forward list
 *
 * Returns: (transfer none) (nullable): the state of the page @item stands
 *   for, as it was when the view last showed it; %NULL for a page that
 *   never committed in this view
 */
LecternPageState *
lectern_web_view_get_history_page (LecternWebView            *self,
                                   WebKitBackForwardListItem *item)
{
  g_return_val_if_fail (LECTERN_IS_WEB_VIEW (self), NULL);
  g_return_val_if_fail (WEBKIT_IS_BACK_FORWARD_LIST_ITEM (item), NULL);

  return g_object_get_data (G_OBJECT (item), PAGE_STATE_KEY);
}

/**
 * lectern_web_view_return_to_page:
 * @self: a #LecternWebView
 *
 * After a load that failed before it committed, the document before is
 * still in the view: the reader goes back to it, and it is on screen
 * again with its state.
 */
void
lectern_web_view_return_to_page (LecternWebView *self)
{
  WebKitBackForwardList *list;
  WebKitBackForwardListItem *item;
  LecternPageState *page = NULL;
  g_autoptr(LecternPageState) nothing = NULL;

  g_return_if_fail (LECTERN_IS_WEB_VIEW (self));

  list = webkit_web_view_get_back_forward_list (WEBKIT_WEB_VIEW (self));
  item = webkit_back_forward_list_get_current_item (list);
  if (item != NULL)
    page = lectern_web_view_get_history_page (self, item);
  if (page == NULL)
    page = nothing = lectern_page_state_new (NULL, NULL, NULL);

  lectern_autoconsent_set_page (self->autoconsent, page);
  lectern_cookie_enforcer_set_page (self->cookie_enforcer, lectern_page_state_get_url (page),
                                    lectern_page_state_get_choices (page), lectern_page_state_get_cookies (page));
  show_page (self, page);
  follow_cmp_search (self);
}

gint64
lectern_web_view_get_last_activity (LecternWebView *self)
{
  g_return_val_if_fail (LECTERN_IS_WEB_VIEW (self), 0);

  /* Autoconsent looking for a consent tool's banner is the page still at
   * work, though nothing loads: a report waits for what it finds. */
  if (self->autoconsent != NULL && lectern_autoconsent_is_waiting (self->autoconsent))
    return g_get_monotonic_time ();

  return self->last_activity;
}

/**
 * lectern_web_view_load_demo:
 *
 * Shows the bundled demo article. It is loaded as HTML under its own
 * made-up https address, so it is a site like any other (with its own
 * choices and cookies) and needs no network.
 */
void
lectern_web_view_load_demo (LecternWebView *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *html = NULL;

  g_return_if_fail (LECTERN_IS_WEB_VIEW (self));

  bytes = g_resources_lookup_data ("/org/lectern/Lectern/demo/article.html", 0, NULL);
  g_assert (bytes != NULL);

  html = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  self->showing_demo = TRUE;
  webkit_web_view_load_html (WEBKIT_WEB_VIEW (self), html, LECTERN_DEMO_URI);
}

void
lectern_web_view_reload_page (LecternWebView *self)
{
  g_return_if_fail (LECTERN_IS_WEB_VIEW (self));

  /* The demo has no server to reload it from. */
  if (self->showing_demo && g_strcmp0 (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self)), LECTERN_DEMO_URI) == 0)
    lectern_web_view_load_demo (self);
  else
    webkit_web_view_reload (WEBKIT_WEB_VIEW (self));
}

/**
 * lectern_web_view_get_cookie_enforcer:
 * @self: a #LecternWebView
 *
 * Returns: (transfer none): what reads, judges and removes the cookies of
 *   the site on screen; every scan it makes reaches the page's state
 */
LecternCookieEnforcer *
lectern_web_view_get_cookie_enforcer (LecternWebView *self)
{
  g_return_val_if_fail (LECTERN_IS_WEB_VIEW (self), NULL);

  return self->cookie_enforcer;
}

static void
lectern_web_view_constructed (GObject *object)
{
  LecternWebView *self = LECTERN_WEB_VIEW (object);
  g_autoptr(LecternPageState) empty = lectern_page_state_new (NULL, NULL, NULL);
  WebKitSettings *settings;

  G_OBJECT_CLASS (lectern_web_view_parent_class)->constructed (object);

  g_assert (self->profile != NULL);

  self->cookie_enforcer = lectern_cookie_enforcer_new (self->profile);
  self->autoconsent = lectern_autoconsent_new (WEBKIT_WEB_VIEW (self));
  show_page (self, empty);
  lectern_autoconsent_set_page (self->autoconsent, empty);

  g_signal_connect_object (self->cookie_enforcer, "cookies-changed",
                           G_CALLBACK (cookies_changed_cb), self, 0);
  g_signal_connect_object (self->profile, "site-changed",
                           G_CALLBACK (site_changed_cb), self, 0);

  settings = webkit_web_view_get_settings (WEBKIT_WEB_VIEW (self));
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, TRUE);

  g_signal_connect (self, "load-changed", G_CALLBACK (load_changed_cb), NULL);
  g_signal_connect (self, "load-failed", G_CALLBACK (load_failed_cb), NULL);
  g_signal_connect (self, "decide-policy", G_CALLBACK (decide_policy_cb), NULL);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  _lectern_web_view_messages_init (self);
  g_signal_connect (self, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), NULL);
}

static void
lectern_web_view_dispose (GObject *object)
{
  LecternWebView *self = LECTERN_WEB_VIEW (object);

  g_clear_object (&self->cookie_enforcer);
  g_clear_object (&self->autoconsent);
  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  g_clear_object (&self->page);
  if (self->provisional != NULL)
    g_signal_handlers_disconnect_by_data (self->provisional, self);
  g_clear_object (&self->provisional);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->crashed_uri, g_free);
  g_clear_handle_id (&self->cmp_search_source, g_source_remove);

  G_OBJECT_CLASS (lectern_web_view_parent_class)->dispose (object);
}

static void
lectern_web_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LecternWebView *self = LECTERN_WEB_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_web_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LecternWebView *self = LECTERN_WEB_VIEW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_web_view_class_init (LecternWebViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_web_view_constructed;
  object_class->dispose = lectern_web_view_dispose;
  object_class->get_property = lectern_web_view_get_property;
  object_class->set_property = lectern_web_view_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         LECTERN_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LecternWebView:page:
   *
   * The #LecternPageState of the page on screen, or of the one loading.
   */
  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL,
                         LECTERN_TYPE_PAGE_STATE,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternWebView::page-crashed:
   * @self: the view
   * @uri: (nullable): the page, if it has an address
   * @reason: how its web process ended: it crashed, or used too much memory
   *
   * The page's web process ended again soon after the view loaded the page
   * again, or before the page had an address: the view is blank, and loads
   * it again only when asked to.
   */
  signals[PAGE_CRASHED] =
    g_signal_new ("page-crashed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, WEBKIT_TYPE_WEB_PROCESS_TERMINATION_REASON);
}

static void
lectern_web_view_init (LecternWebView *self)
{
}
