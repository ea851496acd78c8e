/* lectern-test-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-test-window.h"

#include "lectern-application.h"
#include "lectern-window.h"

/**
 * lectern_test_run_window:
 * @activate_cb: called, after the application's own handler, with the
 *   application and @user_data once the window shows @url; it drives the
 *   test and closes the window, which ends the run
 *
 * Runs Lectern in this process, as `lectern --data-dir … --proxy … URL`
 * would, so a test can reach the window's widgets and models.
 *
 * Returns: the application's exit status
 */
int
lectern_test_run_window (const char *data_dir,
                         const char *proxy,
                         const char *url,
                         GCallback   activate_cb,
                         gpointer    user_data)
{
  g_autoptr(LecternApplication) app = lectern_application_new ();
  char *argv[] = { (char *) "lectern", (char *) "--data-dir", (char *) data_dir,
                   (char *) "--proxy", (char *) proxy, (char *) url, NULL };

  g_signal_connect_after (app, "activate", activate_cb, user_data);

  return lectern_application_run (app, G_N_ELEMENTS (argv) - 1, argv);
}

/* Runs the main context for a while, so that layout, styles and the
 * page's pictures settle before a window is looked at. */
void
lectern_test_iterate_for (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/**
 * lectern_test_save_screenshot:
 * @window: a shown window
 * @name: the PNG file's name in the build folder of the tests
 *
 * A window that was just mapped, restyled or uncovered by a closed dialog
 * has no frame to give until the next one is drawn, more so on a loaded
 * machine: try again for a few seconds before failing.
 */
void
lectern_test_save_screenshot (GtkWindow  *window,
                              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  gboolean saved = FALSE;

  for (guint attempt = 0; attempt < 20 && !saved; attempt++)
    {
      lectern_test_iterate_for (250);
      g_clear_error (&error);
      saved = lectern_window_save_screenshot (window, path, &error);
      if (!saved)
        g_test_message ("%s: %s, trying again", name, error->message);
    }

  g_assert_no_error (error);
  g_assert_true (saved);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_test_message ("Screenshot saved to %s", path);
}
