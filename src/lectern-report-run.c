/* lectern-report-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-report-run.h"

#include <glib/gi18n.h>

#include "lectern-web-view.h"

/* The contract: the page has loaded and no request has started for this
 * long (late scripts, beacons, consent tools), then the report is made. */
#define QUIET_PERIOD_USEC (2 * G_USEC_PER_SEC)
#define POLL_INTERVAL_MS  200

struct _LecternReportRun
{
  GObject              parent_instance;

  /* Owned */
  char                *uri;
  LecternWebView      *web_view;
  GTask               *task;
  LecternReportFormat  format;
  int                  timeout_seconds;
  guint                timeout_source;
  guint                poll_source;
  gboolean             loaded;
  gboolean             scanning;
};

G_DEFINE_FINAL_TYPE (LecternReportRun, lectern_report_run, G_TYPE_OBJECT)

LecternReportRun *
lectern_report_run_new (const char          *uri,
                        LecternReportFormat  format,
                        int                  timeout_seconds)
{
  LecternReportRun *self = g_object_new (LECTERN_TYPE_REPORT_RUN, NULL);

  self->uri = g_strdup (uri);
  self->format = format;
  self->timeout_seconds = timeout_seconds;

  return self;
}

static void
stop_watching (LecternReportRun *self)
{
  g_clear_handle_id (&self->timeout_source, g_source_remove);
  g_clear_handle_id (&self->poll_source, g_source_remove);

  if (self->web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (self->web_view));
    }
}

static void
fail (LecternReportRun *self,
      const char       *message)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;

  stop_watching (self);
  g_printerr ("%s\n", message);
  g_task_return_int (task, LECTERN_EXIT_LOAD_FAILED);
}

static void
print_report (LecternReportRun *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autoptr(LecternPageReport) report = NULL;
  g_autofree char *output = NULL;

  if (task == NULL)
    return;

  stop_watching (self);

  report = lectern_site_privacy_build_report (lectern_web_view_get_privacy (self->web_view));

  if (self->format == LECTERN_REPORT_FORMAT_TEXT)
    output = lectern_page_report_to_text (report);
  else
    output = lectern_page_report_to_json (report);

  g_print ("%s\n", output);
  g_task_return_int (task, LECTERN_EXIT_OK);
}

static void
scan_cookies_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LecternReportRun) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lectern_web_view_scan_cookies_finish (LECTERN_WEB_VIEW (object), result, &error))
    g_printerr (_("The page’s cookies could not be read: %s\n"), error->message);

  print_report (self);
}

static gboolean
main_document_failed (LecternReportRun *self)
{
  WebKitWebResource *resource = webkit_web_view_get_main_resource (WEBKIT_WEB_VIEW (self->web_view));
  WebKitURIResponse *response = resource ? webkit_web_resource_get_response (resource) : NULL;
  guint status = response ? webkit_uri_response_get_status_code (response) : 0;

  /* Local files and HTML loaded from memory have no status. */
  if (status < 400)
    return FALSE;

  {
    g_autofree char *message = NULL;

    /* Translators: %s is a URL, %u an HTTP status code such as 404 */
    message = g_strdup_printf (_("The page %s could not be loaded: the server answered %u"),
                               self->uri, status);
    fail (self, message);
  }

  return TRUE;
}

static gboolean
poll_cb (gpointer user_data)
{
  LecternReportRun *self = user_data;
  gint64 quiet = g_get_monotonic_time () - lectern_web_view_get_last_activity (self->web_view);

  if (!self->loaded || self->scanning || quiet < QUIET_PERIOD_USEC)
    return G_SOURCE_CONTINUE;

  self->poll_source = 0;

  if (main_document_failed (self))
    return G_SOURCE_REMOVE;

  /* The cookies the page set are only final once it is quiet; read and
   * enforce them once more so the report holds all of them. */
  self->scanning = TRUE;
  lectern_web_view_scan_cookies_async (self->web_view, NULL, scan_cookies_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
load_changed_cb (WebKitWebView    *web_view,
                 WebKitLoadEvent   event,
                 LecternReportRun *self)
{
  if (event == WEBKIT_LOAD_FINISHED)
    self->loaded = TRUE;
}

static gboolean
load_failed_cb (WebKitWebView    *web_view,
                WebKitLoadEvent   event,
                const char       *failing_uri,
                GError           *error,
                LecternReportRun *self)
{
  g_autofree char *message = NULL;

  /* A new navigation by the page itself cancels the current one; the
   * new load carries on and is waited for. */
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  /* Translators: the first %s is a URL, the second an error message */
  message = g_strdup_printf (_("The page %s could not be loaded: %s"), failing_uri, error->message);
  fail (self, message);

  return TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  LecternReportRun *self = user_data;
  g_autofree char *message = NULL;

  self->timeout_source = 0;

  /* Translators: %s is a URL, %d a number of seconds */
  message = g_strdup_printf (ngettext ("The page %s did not finish loading within %d second",
                                       "The page %s did not finish loading within %d seconds",
                                       self->timeout_seconds),
                             self->uri, self->timeout_seconds);
  fail (self, message);

  return G_SOURCE_REMOVE;
}

void
lectern_report_run_run_async (LecternReportRun    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (LECTERN_IS_REPORT_RUN (self));
  g_return_if_fail (self->task == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, lectern_report_run_run_async);

  /* Never shown: the view loads and runs the page like any other. */
  self->web_view = g_object_ref_sink (lectern_web_view_new ());
  g_signal_connect (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self);
  g_signal_connect (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self);

  self->timeout_source = g_timeout_add_seconds (self->timeout_seconds, timeout_cb, self);
  self->poll_source = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);

  if (self->uri == NULL)
    lectern_web_view_load_demo (self->web_view);
  else
    webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self->web_view), self->uri);
}

/**
 * lectern_report_run_finish:
 *
 * Returns: the exit status of the command line contract
 */
int
lectern_report_run_finish (LecternReportRun *self,
                           GAsyncResult     *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), LECTERN_EXIT_LOAD_FAILED);

  return (int) g_task_propagate_int (G_TASK (result), NULL);
}

static void
lectern_report_run_dispose (GObject *object)
{
  LecternReportRun *self = LECTERN_REPORT_RUN (object);

  stop_watching (self);
  g_clear_object (&self->task);
  g_clear_object (&self->web_view);

  G_OBJECT_CLASS (lectern_report_run_parent_class)->dispose (object);
}

static void
lectern_report_run_finalize (GObject *object)
{
  LecternReportRun *self = LECTERN_REPORT_RUN (object);

  g_free (self->uri);

  G_OBJECT_CLASS (lectern_report_run_parent_class)->finalize (object);
}

static void
lectern_report_run_class_init (LecternReportRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_report_run_dispose;
  object_class->finalize = lectern_report_run_finalize;
}

static void
lectern_report_run_init (LecternReportRun *self)
{
}
