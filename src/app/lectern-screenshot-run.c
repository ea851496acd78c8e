/* lectern-screenshot-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-screenshot-run.h"

#include <glib/gi18n.h>

#include "lectern-command-line.h"

/* `lectern --screenshot FILE`: once the window's page is quiet, the window
 * is saved as a PNG file, the page's report is printed as text, and the
 * window is closed. */

#define QUIET_PERIOD_USEC (2 * G_USEC_PER_SEC)
#define POLL_INTERVAL_MS  200

typedef struct
{
  char   *path;
  gint64  deadline;
  int     status;
} ScreenshotRun;

static void
screenshot_run_free (ScreenshotRun *run)
{
  g_free (run->path);
  g_free (run);
}

static gboolean
is_quiet (LecternWindow *window)
{
  LecternWebView *view = lectern_window_get_web_view (window);

  return !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (view)) &&
         g_get_monotonic_time () - lectern_web_view_get_last_activity (view) >= QUIET_PERIOD_USEC &&
         gtk_widget_get_mapped (GTK_WIDGET (window));
}

static void
print_report (LecternWindow *window)
{
  LecternWebView *view = lectern_window_get_web_view (window);
  g_autoptr(LecternPageReport) report = NULL;
  g_autofree char *text = NULL;

  report = lectern_page_state_build_report (lectern_web_view_get_page (view));
  text = lectern_profile_dup_report_text (lectern_window_get_profile (window), report);
  g_print ("%s\n", text);
}

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  LecternWindow *window = g_task_get_source_object (task);
  ScreenshotRun *run = g_task_get_task_data (task);
  gboolean timed_out = g_get_monotonic_time () >= run->deadline;
  g_autoptr(GError) error = NULL;

  if (!timed_out && !is_quiet (window))
    return G_SOURCE_CONTINUE;

  if (timed_out)
    {
      g_printerr (_("The page did not finish loading in time\n"));
      run->status = LECTERN_EXIT_LOAD_FAILED;
    }

  if (!lectern_window_save_screenshot (GTK_WINDOW (window), run->path, &error))
    {
      /* A window that has not drawn a frame yet has nothing to give:
       * the next poll, after a frame, will. */
      if (!timed_out)
        return G_SOURCE_CONTINUE;

      g_printerr ("%s\n", error->message);
      run->status = LECTERN_EXIT_LOAD_FAILED;
    }

  print_report (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_task_return_int (task, run->status);

  return G_SOURCE_REMOVE;
}

/**
 * lectern_screenshot_run_async:
 * @window: a window that is loading its page
 * @path: the PNG file to write
 * @timeout_seconds: how long the page may take
 * @callback: called once the window is saved and closed
 * @user_data: data for @callback
 *
 * Waits until @window's page is quiet (or the time is up), saves the
 * window, prints the page's report and closes the window.
 */
void
lectern_screenshot_run_async (LecternWindow       *window,
                              const char          *path,
                              int                  timeout_seconds,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  ScreenshotRun *run;

  g_return_if_fail (LECTERN_IS_WINDOW (window));
  g_return_if_fail (path != NULL);

  run = g_new0 (ScreenshotRun, 1);
  run->path = g_strdup (path);
  run->deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;
  run->status = LECTERN_EXIT_OK;

  task = g_task_new (window, NULL, callback, user_data);
  g_task_set_source_tag (task, lectern_screenshot_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) screenshot_run_free);

  /* The poll owns the task until it returns. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, POLL_INTERVAL_MS, poll_cb, task, g_object_unref);
}

/**
 * lectern_screenshot_run_finish:
 *
 * Returns: the exit status of the command line contract
 */
int
lectern_screenshot_run_finish (LecternWindow *window,
                               GAsyncResult  *result)
{
  g_return_val_if_fail (g_task_is_valid (result, window), LECTERN_EXIT_LOAD_FAILED);

  return (int) g_task_propagate_int (G_TASK (result), NULL);
}
