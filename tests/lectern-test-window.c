/* lectern-test-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-test-window.h"

#include "lectern-application.h"
#include "lectern-test-utils.h"

#define QUIET_USEC (2 * G_USEC_PER_SEC)

/**
 * lectern_test_window_init:
 * @fixture: a window fixture, zeroed
 * @tmp_prefix: how the profile's temporary folder is named
 *
 * Starts the fixture web (a proxy serving tests/web/) and makes a fresh
 * profile folder: what every window test needs before it runs Lectern.
 */
void
lectern_test_window_init (LecternTestWindow *fixture,
                          const char        *tmp_prefix)
{
  g_autoptr(GError) error = NULL;

  fixture->web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  fixture->proxy = lectern_fixture_web_dup_proxy_uri (fixture->web);
  fixture->data_dir = lectern_test_dup_tmp_dir (tmp_prefix);
}

/**
 * lectern_test_window_clear:
 * @fixture: a window fixture
 *
 * Removes the profile folder and stops the fixture web.
 */
void
lectern_test_window_clear (LecternTestWindow *fixture)
{
  lectern_test_rm_rf (fixture->data_dir, NULL);
  g_clear_pointer (&fixture->data_dir, g_free);
  g_clear_pointer (&fixture->proxy, g_free);
  g_clear_pointer (&fixture->web, lectern_fixture_web_free);
}

static void
activate_cb (GApplication      *application,
             LecternTestWindow *fixture)
{
  fixture->application = application;
  fixture->window = LECTERN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (fixture->window);

  fixture->body (fixture);
}

static void
startup_cb (GApplication      *application,
            LecternTestWindow *fixture)
{
  fixture->application = application;
  fixture->startup (fixture);
}

/**
 * lectern_test_window_run:
 * @fixture: a window fixture, set up by lectern_test_window_init()
 * @url: (nullable): the page to open; %NULL for what Lectern opens
 *   without one
 * @body: called once the window shows @url, with @fixture's window and
 *   application set; it drives the test and closes the window, which
 *   ends the run
 *
 * Runs Lectern in this process, as `lectern --data-dir … --proxy … URL`
 * would, so a test can reach the window's widgets and models, and checks
 * that it ends with status 0.
 */
void
lectern_test_window_run (LecternTestWindow     *fixture,
                         const char            *url,
                         LecternTestWindowFunc  body)
{
  g_autoptr(LecternApplication) app = lectern_application_new ();
  char *argv[] = { (char *) "lectern", (char *) "--data-dir", fixture->data_dir,
                   (char *) "--proxy", fixture->proxy, (char *) url, NULL };
  int argc = url != NULL ? 6 : 5;

  fixture->body = body;
  if (fixture->startup != NULL)
    g_signal_connect_after (app, "startup", G_CALLBACK (startup_cb), fixture);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), fixture);

  g_assert_cmpint (lectern_application_run (app, argc, argv), ==, 0);

  fixture->application = NULL;
  fixture->window = NULL;
}

LecternWebView *
lectern_test_window_get_web_view (LecternTestWindow *fixture)
{
  return lectern_window_get_web_view (fixture->window);
}

/* The application's profile, there from its startup on, before any
 * window is. */
LecternProfile *
lectern_test_window_get_profile (LecternTestWindow *fixture)
{
  return lectern_application_get_profile (LECTERN_APPLICATION (fixture->application));
}

/* The sidebar's view model: what the reader sees of the page. */
LecternSitePrivacy *
lectern_test_window_get_privacy (LecternTestWindow *fixture)
{
  return lectern_sidebar_get_privacy (LECTERN_SIDEBAR (lectern_test_find_widget (GTK_WIDGET (fixture->window),
                                                                                 LECTERN_TYPE_SIDEBAR)));
}

/**
 * lectern_test_window_find_cookie:
 * @fixture: a window fixture, running
 * @name: a cookie's name
 *
 * Returns: (nullable) (transfer none): the cookie of that name the
 *   sidebar lists
 */
LecternCookieItem *
lectern_test_window_find_cookie (LecternTestWindow *fixture,
                                 const char        *name)
{
  GListModel *cookies = lectern_site_privacy_get_cookies (lectern_test_window_get_privacy (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (cookies); i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (cookies, i);

      if (g_str_equal (lectern_cookie_item_get_record (item)->name, name))
        return item;
    }

  return NULL;
}

/**
 * lectern_test_window_add_cookie:
 * @fixture: a window fixture, running
 * @name: the cookie's name
 * @value: its value
 *
 * Sets a cookie of example-news.com that lives 400 days, as a tracker
 * would; the sidebar lists it a moment later.
 */
void
lectern_test_window_add_cookie (LecternTestWindow *fixture,
                                const char        *name,
                                const char        *value)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_window_get_web_view (fixture->window));
  WebKitCookieManager *manager = webkit_network_session_get_cookie_manager (webkit_web_view_get_network_session (view));
  g_autoptr(SoupCookie) cookie = soup_cookie_new (name, value, ".example-news.com", "/", 3600 * 24 * 400);

  /* The enforcer sees it through the manager's "changed" signal. */
  webkit_cookie_manager_add_cookie (manager, cookie, NULL, NULL, NULL);
}

/**
 * lectern_test_window_is_quiet:
 * @data: a #LecternTestWindow
 *
 * Returns: whether the window is shown and its page is loaded and has
 *   started no request for two seconds
 */
gboolean
lectern_test_window_is_quiet (gpointer data)
{
  LecternTestWindow *fixture = data;
  LecternWebView *view = lectern_window_get_web_view (fixture->window);

  return !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (view)) &&
         webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)) != NULL &&
         g_get_monotonic_time () - lectern_web_view_get_last_activity (view) > QUIET_USEC &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

/**
 * lectern_test_wait_until:
 * @done: whether what the test waits for has happened
 * @data: data for @done
 * @timeout_seconds: how long it may take before the test fails
 *
 * Runs the main context until @done answers %TRUE.
 */
void
lectern_test_wait_until (LecternTestCondition  done,
                         gpointer              data,
                         guint                 timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u seconds", timeout_seconds);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/**
 * lectern_test_window_wait_quiet:
 * @fixture: a window fixture, running
 *
 * Waits until the page is quiet. A load that was just asked for may take
 * a moment to start on a busy machine: the wait begins half a second
 * later, so that it does not see the page before as quiet.
 */
void
lectern_test_window_wait_quiet (LecternTestWindow *fixture)
{
  lectern_test_iterate_for (500);
  lectern_test_wait_until (lectern_test_window_is_quiet, fixture, 120);
}

/**
 * lectern_test_find_widget:
 * @widget: a widget
 * @type: a widget type
 *
 * Returns: (nullable) (transfer none): @widget or its first descendant of
 *   @type, depth first
 */
GtkWidget *
lectern_test_find_widget (GtkWidget *widget,
                          GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lectern_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * lectern_test_find_actionable:
 * @widget: a widget
 * @action_name: a detailed action name, "site.trusted"
 *
 * Returns: (nullable) (transfer none): @widget or its first descendant,
 *   depth first, that activates @action_name: the switch or button a
 *   reader uses for it
 */
GtkWidget *
lectern_test_find_actionable (GtkWidget  *widget,
                              const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lectern_test_find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * lectern_test_find_label:
 * @widget: a widget
 * @text: a label's text
 *
 * Returns: (nullable) (transfer none): the visible label under @widget
 *   that reads @text, depth first: what a reader sees
 */
GtkLabel *
lectern_test_find_label (GtkWidget  *widget,
                         const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = lectern_test_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * lectern_test_find_toplevel:
 * @type: a window type
 *
 * Returns: (nullable) (transfer none): a shown window of @type, as a
 *   dialog the window opened
 */
GtkWindow *
lectern_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (toplevel), type))
        return toplevel;
    }

  return NULL;
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

static void
load_finished_cb (WebKitWebView   *view,
                  WebKitLoadEvent  event,
                  gboolean        *finished)
{
  if (event == WEBKIT_LOAD_FINISHED)
    *finished = TRUE;
}

/**
 * lectern_test_load_and_wait:
 * @start: starts a load of @view (a reload, new choices, another page)
 *
 * Calls @start and waits until the load it started, not an earlier one,
 * has finished: a busy machine can take a while even to start it, and a
 * test that only waits for the page to be quiet may look at the page
 * before. Fails the test after 90 seconds.
 */
void
lectern_test_load_and_wait (WebKitWebView *view,
                            void         (*start) (gpointer data),
                            gpointer       data)
{
  gint64 deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;
  gboolean finished = FALSE;
  gulong handler;

  handler = g_signal_connect (view, "load-changed", G_CALLBACK (load_finished_cb), &finished);
  start (data);
  while (!finished)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The page did not load in 90 seconds");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
  g_signal_handler_disconnect (view, handler);
}

typedef struct
{
  LecternWebView           *view;
  const LecternSiteChoices *choices;
} ChoicesLoad;

static void
set_choices (gpointer data)
{
  ChoicesLoad *load = data;
  g_autoptr(GError) error = NULL;

  lectern_profile_set_choices (lectern_web_view_get_profile (load->view), load->choices, &error);
  g_assert_no_error (error);
  lectern_web_view_reload_page (load->view);
}

/* Sets new choices, as the site actions do, and waits for the page to
 * load again under them. */
void
lectern_test_set_choices_and_wait (LecternWebView           *view,
                                   const LecternSiteChoices *choices)
{
  ChoicesLoad load = { view, choices };

  lectern_test_load_and_wait (WEBKIT_WEB_VIEW (view), set_choices, &load);
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

/**
 * lectern_test_save_light_and_dark:
 * @window: a shown window
 * @name: the screenshots' name: "@name-light.png" and "@name-dark.png"
 *
 * Saves @window in the light style and in the dark one, the way a reader
 * switches the system style, then goes back to the style it had.
 */
void
lectern_test_save_light_and_dark (GtkWindow  *window,
                                  const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  AdwColorScheme scheme = adw_style_manager_get_color_scheme (style);
  g_autofree char *light = g_strdup_printf ("%s-light.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  lectern_test_save_screenshot (window, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  lectern_test_save_screenshot (window, dark);
  adw_style_manager_set_color_scheme (style, scheme);
}

typedef struct
{
  gboolean  done;
  /* The result could not be brought back: the page was between two
   * documents, which a busy machine makes more likely. */
  gboolean  lost;
  char     *result;
} Evaluation;

static void
evaluate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Evaluation *evaluation = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_call_async_javascript_function_finish (WEBKIT_WEB_VIEW (object), result, &error);
  evaluation->lost = g_error_matches (error, WEBKIT_JAVASCRIPT_ERROR, WEBKIT_JAVASCRIPT_ERROR_INVALID_RESULT);
  evaluation->result = value != NULL ? jsc_value_to_string (value) : g_strdup_printf ("error: %s", error->message);
  evaluation->done = TRUE;
}

/**
 * lectern_test_evaluate:
 * @view: a web view showing a page
 * @world: (nullable): a script world's name, or %NULL for the page's own
 * @body: the body of a function, which returns what the test wants to know
 *
 * Runs @body in the page and waits for its answer; a promise it returns
 * is awaited. A script that throws answers "error: " and the message, so
 * that the test's own comparison fails and says why. An answer WebKit
 * could not bring back ("Unsupported result type", as when the page was
 * between two documents) is asked for again, for up to 10 seconds: @body
 * must be safe to run twice.
 *
 * Returns: (transfer full): the answer, as a string
 */
char *
lectern_test_evaluate (WebKitWebView *view,
                       const char    *world,
                       const char    *body)
{
  /* The answer is made a string in the page: WebKit hands some values
   * back as "Unsupported result type" rather than converting them. */
  g_autofree char *wrapped = g_strdup_printf ("return String (await (async () => { %s }) ());", body);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      Evaluation evaluation = { 0 };

      webkit_web_view_call_async_javascript_function (view, wrapped, -1, NULL, world, NULL, NULL,
                                                      evaluate_cb, &evaluation);
      while (!evaluation.done)
        {
          if (g_get_monotonic_time () > deadline)
            g_error ("The page did not run a script in 10 seconds");
          g_main_context_iteration (NULL, TRUE);
        }
      /* Asked again, the document that is there now answers. */
      if (!evaluation.lost || g_get_monotonic_time () > deadline)
        return evaluation.result;
      g_test_message ("A script's answer was lost (%s), asking again", evaluation.result);
      g_free (evaluation.result);
      lectern_test_iterate_for (200);
    }
}

/**
 * lectern_test_count_pixels:
 * @name: a screenshot saved by lectern_test_save_screenshot()
 * @rgb: a colour, 0xRRGGBB
 * @tolerance: how far each channel may be from @rgb's
 *
 * Counts the screenshot's pixels of one colour: how a test sees whether
 * something it knows by its colour (a consent banner) is on screen.
 *
 * Returns: how many pixels have that colour
 */
guint
lectern_test_count_pixels (const char *name,
                           guint32     rgb,
                           guint       tolerance)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = NULL;
  int red = (rgb >> 16) & 0xff;
  int green = (rgb >> 8) & 0xff;
  int blue = rgb & 0xff;
  int width, height;
  guint count = 0;

  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  /* GDK_MEMORY_DEFAULT: B, G, R, A bytes, opaque here. */
  gdk_texture_download (texture, pixels, (gsize) width * 4);

  for (gsize i = 0; i < (gsize) width * height; i++)
    {
      const guchar *p = pixels + i * 4;

      if ((guint) ABS (p[2] - red) <= tolerance && (guint) ABS (p[1] - green) <= tolerance &&
          (guint) ABS (p[0] - blue) <= tolerance)
        count++;
    }

  g_test_message ("%s: %u pixels of #%06x", name, count, rgb);

  return count;
}
