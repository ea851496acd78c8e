/* lectern-web-view.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-web-view.h"

#include "lectern-application.h"
#include "lectern-autoconsent.h"
#include "lectern-cookie-enforcer.h"
#include "lectern-ipc.h"
#include "lectern-party.h"

struct _LecternWebView
{
  WebKitWebView          parent_instance;

  /* Owned */
  LecternSitePrivacy    *privacy;
  LecternCookieEnforcer *cookie_enforcer;
  LecternAutoconsent    *autoconsent;
  /* What the page's TCF tool holds, read from its TC string */
  LecternCmpOutcome     *tcf_read;
  gint64                 last_activity;
  gboolean               showing_demo;
  /* The page last loaded again because its web process died */
  char                  *reloaded_after_crash;
};

G_DEFINE_FINAL_TYPE (LecternWebView, lectern_web_view, WEBKIT_TYPE_WEB_VIEW)

enum {
  PROP_0,
  PROP_PRIVACY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
touch (LecternWebView *self)
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
  LecternCmpMemory *memory = lectern_application_get_cmp_memory (lectern_application_get_default ());
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

/* @parameters is a checked LECTERN_IPC_CMP_ONETRUST_GROUPS_TYPE. */
static void
receive_onetrust_groups (LecternWebView *self,
                         GVariant       *parameters)
{
  LecternCmpMemory *memory = lectern_application_get_cmp_memory (lectern_application_get_default ());
  const char *site = lectern_site_privacy_get_site (self->privacy);
  g_autoptr(GError) error = NULL;
  const char *page_uri;
  const char *groups;

  g_variant_get (parameters, "(&s&s)", &page_uri, &groups);

  /* The site is the view's own, never one the page names. */
  if (g_strcmp0 (page_uri, lectern_site_privacy_get_url (self->privacy)) != 0 || site[0] == '\0')
    return;

  if (!lectern_cmp_memory_set_onetrust_groups (memory, site, groups, &error))
    g_message ("OneTrust groups of %s not kept: %s", site, error->message);
}

static void
start_page (LecternWebView *self,
            const char     *uri)
{
  LecternApplication *app = lectern_application_get_default ();
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autofree char *site = NULL;
  g_auto(GStrv) allowed = NULL;

  if (g_strcmp0 (uri, LECTERN_DEMO_URI) != 0)
    self->showing_demo = FALSE;

  site = uri ? lectern_party_dup_site_for_uri (uri) : NULL;
  choices = lectern_application_dup_choices (app, site);

  allowed = lectern_application_dup_allowed_trackers (app, site);

  g_clear_pointer (&self->tcf_read, lectern_cmp_outcome_free);
  lectern_site_privacy_reset (self->privacy, uri, choices);
  lectern_site_privacy_set_allowed_trackers (self->privacy, (const char * const *) allowed);
  lectern_cookie_enforcer_set_page (self->cookie_enforcer, uri, choices);
  send_onetrust_groups (self, site);
  touch (self);
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
      /* A server-side redirect can land on another URL than the one the
       * load started with; the page's requests carry the committed one. */
      if (g_strcmp0 (uri, lectern_site_privacy_get_url (self->privacy)) != 0)
        start_page (self, uri);
      break;

    case WEBKIT_LOAD_FINISHED:
    default:
      touch (self);
      break;
    }
}

static void
title_changed_cb (LecternWebView *self)
{
  lectern_site_privacy_set_title (self->privacy, webkit_web_view_get_title (WEBKIT_WEB_VIEW (self)));
}

/* A TCF tool's banner may be answered by autoconsent, whose outcome
 * records nothing: the TC string read in the page says what the tool
 * holds, whichever of the two came first. */
static void
add_tc_string (LecternWebView *self)
{
  g_autoptr(LecternCmpOutcome) merged = NULL;

  if (self->tcf_read == NULL)
    return;

  merged = lectern_cmp_outcome_add_tc_string (lectern_site_privacy_get_cmp_outcome (self->privacy),
                                              self->tcf_read);
  if (merged != NULL)
    lectern_site_privacy_set_cmp_outcome (self->privacy, merged);
}

/* @parameters is a checked LECTERN_IPC_CMP_OUTCOME_TYPE. */
static void
receive_cmp_outcome (LecternWebView *self,
                     GVariant       *parameters)
{
  g_autoptr(GVariant) outcome_variant = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  const char *page_uri;

  g_variant_get (parameters, "(&s@" LECTERN_CMP_OUTCOME_VARIANT_TYPE ")", &page_uri, &outcome_variant);

  /* An outcome of the page before, arriving late, is not this page's. */
  if (g_strcmp0 (page_uri, lectern_site_privacy_get_url (self->privacy)) != 0)
    return;

  outcome = lectern_cmp_outcome_new_from_variant (outcome_variant);
  if (outcome == NULL)
    return;

  /* The consent tool is still at work: a report waits for it to settle. */
  touch (self);

  if (g_str_equal (outcome->name, "tcf"))
    {
      g_clear_pointer (&self->tcf_read, lectern_cmp_outcome_free);
      self->tcf_read = g_steal_pointer (&outcome);
      add_tc_string (self);
      return;
    }

  lectern_site_privacy_set_cmp_outcome (self->privacy, outcome);
}

/* @parameters is a checked LECTERN_IPC_COOKIE_WRITTEN_TYPE. */
static void
receive_cookie_written (LecternWebView *self,
                        GVariant       *parameters)
{
  g_autoptr(GVariant) evidence_variant = NULL;
  g_autoptr(LecternCookieEvidence) evidence = NULL;
  const char *page_uri;

  g_variant_get (parameters, "(&s@" LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE ")", &page_uri, &evidence_variant);

  if (g_strcmp0 (page_uri, lectern_site_privacy_get_url (self->privacy)) != 0)
    return;

  /* The web process may only speak of script writes: Set-Cookie evidence
   * comes from the responses this process sees itself. */
  evidence = lectern_cookie_evidence_new_from_variant (evidence_variant);
  if (evidence == NULL || !g_str_equal (evidence->via, LECTERN_COOKIE_VIA_DOCUMENT_COOKIE))
    return;

  lectern_site_privacy_add_cookie_evidence (self->privacy, evidence);
}

static void
add_set_cookie_evidence (const char *name,
                         const char *value,
                         gpointer    user_data)
{
  LecternWebView *self = ((gpointer *) user_data)[0];
  const char *url = ((gpointer *) user_data)[1];
  g_autoptr(LecternCookieEvidence) evidence = NULL;

  if (g_ascii_strcasecmp (name, "Set-Cookie") != 0)
    return;

  evidence = lectern_cookie_evidence_new_from_set_cookie (value, url, NULL);
  if (evidence != NULL)
    lectern_site_privacy_add_cookie_evidence (self->privacy, evidence);
}

/* WebKitGTK 2.50 strips Set-Cookie from the headers it shows the view
 * (its network process keeps cookies to itself; seen on the fixture web:
 * every other header arrives). So each response is recorded as name-less
 * "set-cookie" evidence, its arrival time with it: a cookie no script
 * wrote is put down to the response of its domain that arrived closest to
 * when the cookie appeared (lectern_violation_collect(), marked inferred).
 * Should a version show the headers, they name their cookies exactly. */
static void
resource_response_cb (WebKitWebResource *resource,
                      GParamSpec        *pspec,
                      LecternWebView    *self)
{
  WebKitURIResponse *response = webkit_web_resource_get_response (resource);
  g_autoptr(LecternCookieEvidence) arrival = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;
  const char *url;
  gpointer data[2];

  if (response == NULL)
    return;

  url = webkit_uri_response_get_uri (response);
  if (url == NULL || !(g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
    return;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return;

  arrival = lectern_cookie_evidence_new (NULL, g_uri_get_host (uri), LECTERN_COOKIE_VIA_SET_COOKIE, url, NULL);
  lectern_site_privacy_add_cookie_evidence (self->privacy, arrival);

  headers = webkit_uri_response_get_http_headers (response);
  if (headers == NULL)
    return;

  data[0] = self;
  data[1] = (gpointer) url;
  soup_message_headers_foreach (headers, add_set_cookie_evidence, data);
}

/* A page whose web process died is loaded again, once, as a reader would
 * do: WebKit otherwise leaves the view blank. A page that takes its new
 * process down too is left as it is. Both are logged, so that such a
 * page can be told from a slow one. */
static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           gpointer                           user_data)
{
  LecternWebView *self = LECTERN_WEB_VIEW (web_view);
  const char *uri = webkit_web_view_get_uri (web_view);
  const char *what = reason == WEBKIT_WEB_PROCESS_CRASHED ? "crashed" : "used too much memory and was ended";

  if (reason == WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    return;

  if (uri == NULL || g_strcmp0 (uri, self->reloaded_after_crash) == 0)
    {
      g_message ("The web process of %s %s again", uri != NULL ? uri : "a page", what);
      return;
    }

  g_message ("The web process of %s %s; loading the page again", uri, what);
  g_free (self->reloaded_after_crash);
  self->reloaded_after_crash = g_strdup (uri);
  lectern_web_view_reload_page (self);
}

static void
resource_load_started_cb (WebKitWebView     *web_view,
                          WebKitWebResource *resource,
                          WebKitURIRequest  *request,
                          gpointer           user_data)
{
  g_signal_connect_object (resource, "notify::response", G_CALLBACK (resource_response_cb), web_view, 0);
}

static gboolean
user_message_received_cb (WebKitWebView     *web_view,
                          WebKitUserMessage *message,
                          gpointer           user_data)
{
  LecternWebView *self = LECTERN_WEB_VIEW (web_view);
  g_autoptr(LecternRequestRecord) record = NULL;
  GVariant *parameters;

  if (g_strcmp0 (webkit_user_message_get_name (message), LECTERN_IPC_CMP_OUTCOME) == 0)
    {
      parameters = webkit_user_message_get_parameters (message);
      if (parameters != NULL &&
          g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_CMP_OUTCOME_TYPE)))
        receive_cmp_outcome (self, parameters);
      return TRUE;
    }

  if (g_strcmp0 (webkit_user_message_get_name (message), LECTERN_IPC_CMP_ONETRUST_GROUPS) == 0)
    {
      parameters = webkit_user_message_get_parameters (message);
      if (parameters != NULL &&
          g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_CMP_ONETRUST_GROUPS_TYPE)))
        receive_onetrust_groups (self, parameters);
      return TRUE;
    }

  if (g_strcmp0 (webkit_user_message_get_name (message), LECTERN_IPC_COOKIE_WRITTEN) == 0)
    {
      parameters = webkit_user_message_get_parameters (message);
      if (parameters != NULL &&
          g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_COOKIE_WRITTEN_TYPE)))
        receive_cookie_written (self, parameters);
      return TRUE;
    }

  if (g_strcmp0 (webkit_user_message_get_name (message), LECTERN_IPC_REQUEST_DECIDED) != 0)
    return FALSE;

  /* The web process runs the page: check the shape of what it sends
   * before reading it. */
  parameters = webkit_user_message_get_parameters (message);
  if (parameters == NULL ||
      !g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_REQUEST_DECIDED_TYPE)))
    return TRUE;

  record = lectern_request_record_new_from_variant (parameters);
  if (record == NULL)
    return TRUE;

  touch (self);
  lectern_site_privacy_add_request (self->privacy, record);

  return TRUE;
}

static void
cookies_changed_cb (LecternCookieEnforcer *enforcer,
                    GPtrArray             *records,
                    LecternWebView        *self)
{
  lectern_site_privacy_set_cookies (self->privacy, records);
}

static void
delete_cookies_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (lectern_cookie_enforcer_delete_finish (LECTERN_COOKIE_ENFORCER (object), result, &error) < 0 &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot delete cookies: %s", error->message);
}

/* The sidebar asked; the cookie store is the enforcer's. */
static void
delete_cookies_cb (LecternSitePrivacy *privacy,
                   const char         *name,
                   const char         *domain,
                   const char         *category_id,
                   LecternWebView     *self)
{
  lectern_cookie_enforcer_delete_async (self->cookie_enforcer, name, domain, category_id,
                                        NULL, delete_cookies_done_cb, NULL);
}

/* The sidebar asked to allow a tracker on this site: store it, tell the
 * web processes, and load the page again with it. */
static void
allow_tracker_cb (LecternSitePrivacy *privacy,
                  const char         *tracker,
                  gboolean            allowed,
                  LecternWebView     *self)
{
  LecternApplication *app = lectern_application_get_default ();
  const char *site = lectern_site_privacy_get_site (privacy);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) trackers = NULL;

  if (site[0] == '\0')
    return;

  if (!lectern_application_set_tracker_allowed (app, site, tracker, allowed, &error))
    {
      g_warning ("Cannot store the tracker choice: %s", error->message);
      return;
    }

  trackers = lectern_application_dup_allowed_trackers (app, site);
  lectern_site_privacy_set_allowed_trackers (privacy, (const char * const *) trackers);
  lectern_web_view_reload_page (self);
}

LecternWebView *
lectern_web_view_new (void)
{
  LecternApplication *app = lectern_application_get_default ();

  return g_object_new (LECTERN_TYPE_WEB_VIEW,
                       "web-context", lectern_application_get_web_context (app),
                       "network-session", lectern_application_get_network_session (app),
                       NULL);
}

LecternSitePrivacy *
lectern_web_view_get_privacy (LecternWebView *self)
{
  g_return_val_if_fail (LECTERN_IS_WEB_VIEW (self), NULL);

  return self->privacy;
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
 * lectern_web_view_set_choices:
 *
 * Stores new choices for the site on screen, applies them to every web
 * process and to the cookie store, and reloads the page under them.
 */
gboolean
lectern_web_view_set_choices (LecternWebView            *self,
                              const LecternSiteChoices  *choices,
                              GError                   **error)
{
  g_return_val_if_fail (LECTERN_IS_WEB_VIEW (self), FALSE);

  if (!lectern_application_save_choices (lectern_application_get_default (), choices, error))
    return FALSE;

  lectern_site_privacy_set_choices (self->privacy, choices);
  lectern_cookie_enforcer_set_choices (self->cookie_enforcer, choices);
  lectern_web_view_reload_page (self);

  return TRUE;
}

static void
scan_cookies_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LecternWebView *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) records = NULL;
  GError *error = NULL;

  records = lectern_cookie_enforcer_scan_finish (LECTERN_COOKIE_ENFORCER (object), result, &error);

  if (records == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  lectern_site_privacy_set_cookies (self->privacy, records);
  g_task_return_boolean (task, TRUE);
}

void
lectern_web_view_scan_cookies_async (LecternWebView      *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_WEB_VIEW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_web_view_scan_cookies_async);

  lectern_cookie_enforcer_scan_async (self->cookie_enforcer, cancellable, scan_cookies_cb, g_steal_pointer (&task));
}

gboolean
lectern_web_view_scan_cookies_finish (LecternWebView  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lectern_web_view_constructed (GObject *object)
{
  LecternWebView *self = LECTERN_WEB_VIEW (object);
  WebKitNetworkSession *session;
  WebKitSettings *settings;

  G_OBJECT_CLASS (lectern_web_view_parent_class)->constructed (object);

  session = webkit_web_view_get_network_session (WEBKIT_WEB_VIEW (self));
  self->cookie_enforcer = lectern_cookie_enforcer_new (webkit_network_session_get_cookie_manager (session));
  self->autoconsent = lectern_autoconsent_new (WEBKIT_WEB_VIEW (self), self->privacy);
  /* A consent tool answering is the page still at work: a report waits. */
  g_signal_connect_object (self->privacy, "notify::cmp-outcome", G_CALLBACK (touch), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->privacy, "notify::cmp-outcome", G_CALLBACK (add_tc_string), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cookie_enforcer, "cookies-changed",
                           G_CALLBACK (cookies_changed_cb), self, 0);
  g_signal_connect_object (self->privacy, "delete-cookies",
                           G_CALLBACK (delete_cookies_cb), self, 0);
  g_signal_connect_object (self->privacy, "allow-tracker",
                           G_CALLBACK (allow_tracker_cb), self, 0);
  /* Loading the page again applies the choices to its consent tool from
   * the start, before its scripts run, as on any load. */
  g_signal_connect_object (self->privacy, "reapply-consent",
                           G_CALLBACK (lectern_web_view_reload_page), self, G_CONNECT_SWAPPED);

  settings = webkit_web_view_get_settings (WEBKIT_WEB_VIEW (self));
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, TRUE);

  g_signal_connect (self, "load-changed", G_CALLBACK (load_changed_cb), NULL);
  g_signal_connect (self, "notify::title", G_CALLBACK (title_changed_cb), NULL);
  g_signal_connect (self, "user-message-received", G_CALLBACK (user_message_received_cb), NULL);
  g_signal_connect (self, "resource-load-started", G_CALLBACK (resource_load_started_cb), NULL);
  g_signal_connect (self, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), NULL);
}

static void
lectern_web_view_dispose (GObject *object)
{
  LecternWebView *self = LECTERN_WEB_VIEW (object);

  g_clear_object (&self->cookie_enforcer);
  g_clear_object (&self->autoconsent);
  g_clear_object (&self->privacy);
  g_clear_pointer (&self->tcf_read, lectern_cmp_outcome_free);
  g_clear_pointer (&self->reloaded_after_crash, g_free);

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
    case PROP_PRIVACY:
      g_value_set_object (value, self->privacy);
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

  properties[PROP_PRIVACY] =
    g_param_spec_object ("privacy", NULL, NULL,
                         LECTERN_TYPE_SITE_PRIVACY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_web_view_init (LecternWebView *self)
{
  self->privacy = lectern_site_privacy_new ();
}
