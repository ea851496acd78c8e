/* lectern-page-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-page-run.h"

#include <glib/gi18n.h>

/**
 * LecternPageRun:
 *
 * One page loaded without a window, for the command line's one-process
 * runs (`--report`, `--article`): it loads the page in a web view that is
 * never shown (held by a window that is realized, never presented) and
 * finishes once the page has loaded and no request has
 * started for two seconds (late scripts, beacons, consent tools), as the
 * command line contract promises. A load error or an HTTP error status
 * ends it with a message for the user; how long it may take is its
 * owner's to decide: lectern_page_run_stop() ends it at any time.
 */

#define QUIET_PERIOD_USEC (2 * G_USEC_PER_SEC)
#define POLL_INTERVAL_MS  200

struct _LecternPageRun
{
  GObject         parent_instance;

  /* Owned */
  LecternProfile *profile;
  char           *uri;
  LecternWebView *web_view;
  GtkWidget      *window;
  GTask          *task;
  guint           poll_source;
  gboolean        loaded;
};

G_DEFINE_FINAL_TYPE (LecternPageRun, lectern_page_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * lectern_page_run_new:
 * @profile: the profile to load the page in
 * @uri: (nullable): the page; %NULL for the bundled demo article
 */
LecternPageRun *
lectern_page_run_new (LecternProfile *profile,
                      const char     *uri)
{
  LecternPageRun *self;

  g_return_val_if_fail (LECTERN_IS_PROFILE (profile), NULL);

  self = g_object_new (LECTERN_TYPE_PAGE_RUN,
                       "profile", profile,
                       NULL);
  self->uri = g_strdup (uri);

  return self;
}

/**
 * lectern_page_run_get_web_view:
 *
 * Returns: (transfer none) (nullable): the view holding the page, once
 *   loading has started
 */
LecternWebView *
lectern_page_run_get_web_view (LecternPageRun *self)
{
  g_return_val_if_fail (LECTERN_IS_PAGE_RUN (self), NULL);

  return self->web_view;
}

static void
stop_watching (LecternPageRun *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);

  if (self->web_view != NULL)
    g_signal_handlers_disconnect_by_data (self->web_view, self);
}

/**
 * lectern_page_run_stop:
 *
 * Stops whatever the page still loads; the page stays in the view. A
 * load still waited for ends with %G_IO_ERROR_CANCELLED.
 */
void
lectern_page_run_stop (LecternPageRun *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_PAGE_RUN (self));

  stop_watching (self);

  if (self->web_view != NULL)
    webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (self->web_view));

  task = g_steal_pointer (&self->task);
  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "The load was stopped");
}

static void
fail (LecternPageRun *self,
      GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    {
      g_error_free (error);
      return;
    }

  lectern_page_run_stop (self);
  g_task_return_error (task, error);
}

static gboolean
main_document_failed (LecternPageRun *self)
{
  WebKitWebResource *resource = webkit_web_view_get_main_resource (WEBKIT_WEB_VIEW (self->web_view));
  WebKitURIResponse *response = resource ? webkit_web_resource_get_response (resource) : NULL;
  guint status = response ? webkit_uri_response_get_status_code (response) : 0;

  /* Local files and HTML loaded from memory have no status. */
  if (status < 400)
    return FALSE;

  /* Translators: %s is a URL, %u an HTTP status code such as 404 */
  fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The page %s could not be loaded: the server answered %u"),
                           self->uri, status));

  return TRUE;
}

static gboolean
poll_cb (gpointer user_data)
{
  LecternPageRun *self = user_data;
  gint64 quiet = g_get_monotonic_time () - lectern_web_view_get_last_activity (self->web_view);
  g_autoptr(GTask) task = NULL;

  if (!self->loaded || quiet < QUIET_PERIOD_USEC)
    return G_SOURCE_CONTINUE;

  self->poll_source = 0;

  if (main_document_failed (self))
    return G_SOURCE_REMOVE;

  stop_watching (self);
  task = g_steal_pointer (&self->task);
  g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 LecternPageRun  *self)
{
  if (event == WEBKIT_LOAD_FINISHED)
    self->loaded = TRUE;
}

static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                LecternPageRun  *self)
{
  /* A new navigation by the page itself cancels the current one; the
   * new load carries on and is waited for. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  /* Translators: the first %s is a URL, the second an error message */
  fail (self, g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The page %s could not be loaded: %s"), failing_uri, error->message));

  return TRUE;
}

/**
 * lectern_page_run_load_async:
 *
 * Loads the page and waits until it is quiet, however long that takes.
 * Call it once.
 */
void
lectern_page_run_load_async (LecternPageRun      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (LECTERN_IS_PAGE_RUN (self));
  g_return_if_fail (self->task == NULL && self->web_view == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, lectern_page_run_load_async);

  /* Never shown: the view loads and runs the page like any other. WebKit
   * crashes a view outside any window when its page pushes a history
   * entry or moves to a new web process; a realized window that is never
   * presented gives it the toplevel it needs. */
  self->web_view = g_object_ref_sink (lectern_web_view_new (self->profile));
  self->window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (self->window), GTK_WIDGET (self->web_view));
  gtk_widget_realize (self->window);
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self);

  self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);

  if (self->uri == NULL)
    lectern_web_view_load_demo (self->web_view);
  else
    webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self->web_view), self->uri);
}

/**
 * lectern_page_run_load_finish:
 *
 * Returns: %TRUE once the page is loaded and quiet; %FALSE with an error
 *   that says, for the user, why it is not
 */
gboolean
lectern_page_run_load_finish (LecternPageRun  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lectern_page_run_dispose (GObject *object)
{
  LecternPageRun *self = LECTERN_PAGE_RUN (object);

  lectern_page_run_stop (self);
  g_clear_object (&self->task);
  g_clear_pointer ((GtkWindow **) &self->window, gtk_window_destroy);
  g_clear_object (&self->web_view);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (lectern_page_run_parent_class)->dispose (object);
}

static void
lectern_page_run_finalize (GObject *object)
{
  LecternPageRun *self = LECTERN_PAGE_RUN (object);

  g_free (self->uri);

  G_OBJECT_CLASS (lectern_page_run_parent_class)->finalize (object);
}

static void
lectern_page_run_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LecternPageRun *self = LECTERN_PAGE_RUN (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_page_run_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LecternPageRun *self = LECTERN_PAGE_RUN (object);

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
lectern_page_run_class_init (LecternPageRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_page_run_dispose;
  object_class->finalize = lectern_page_run_finalize;
  object_class->get_property = lectern_page_run_get_property;
  object_class->set_property = lectern_page_run_set_property;

  /**
   * LecternPageRun:profile:
   *
   * The profile the page is loaded in.
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         LECTERN_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_page_run_init (LecternPageRun *self)
{
}
