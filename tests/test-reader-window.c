/* test-reader-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-application.h"
#include "lectern-fixture-web.h"
#include "lectern-party.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"
#include "lectern-window.h"

/* Reader mode in the window: the readerable check enables it, the action
 * shows the article in the reader view, which loads nothing from another
 * site, and the reader's choices of colours, type and size apply. Each look
 * is saved as a screenshot in the build folder. */

#define ARTICLE_URL     "http://www.riverbend-chronicle.com/news/2026/bridge-reopens/"
#define NOT_ARTICLE_URL "http://www.riverbend-chronicle.com/"
#define ARTICLE_SITE    "riverbend-chronicle.com"
#define OWN_PICTURE_URL "http://www.riverbend-chronicle.com/static/img/bridge.png"
#define QUIET_USEC      (2 * G_USEC_PER_SEC)

typedef struct
{
  LecternFixtureWeb *web;
  char              *proxy;
  char              *data_dir;
  LecternWindow     *window;
  guint              n_reader_notifies;
  const char        *expected_uri;
} Fixture;

static void
iterate_until (gboolean (*done) (Fixture *), Fixture *fixture, guint timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for the window");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Lets the window draw what has just changed. */
static void
iterate_for (guint msec)
{
  gint64 end = g_get_monotonic_time () + msec * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
page_quiet (Fixture *fixture)
{
  LecternWebView *view = lectern_window_get_web_view (fixture->window);

  return !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (view)) &&
         webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)) != NULL &&
         g_get_monotonic_time () - lectern_web_view_get_last_activity (view) > QUIET_USEC &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

static gboolean
showing_expected (Fixture *fixture)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_window_get_web_view (fixture->window));

  return g_strcmp0 (webkit_web_view_get_uri (view), fixture->expected_uri) == 0 && page_quiet (fixture);
}

/* Waits until @uri is the page on screen, loaded and quiet. */
static void
wait_for_page (Fixture    *fixture,
               const char *uri)
{
  fixture->expected_uri = uri;
  iterate_until (showing_expected, fixture, 120);
}

static gboolean
reader_available (Fixture *fixture)
{
  return lectern_window_get_reader_available (fixture->window);
}

static gboolean
reader_shown (Fixture *fixture)
{
  WebKitWebView *reader = lectern_window_get_reader_view (fixture->window);

  return lectern_window_get_reader_mode (fixture->window) &&
         gtk_widget_get_child_visible (GTK_WIDGET (reader)) &&
         gtk_widget_get_mapped (GTK_WIDGET (reader)) &&
         webkit_web_view_get_uri (reader) != NULL &&
         !webkit_web_view_is_loading (reader);
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  /* Pictures decode and the view paints after the load ends. */
  iterate_until (reader_shown, fixture, 30);
  iterate_for (700);

  lectern_test_save_screenshot (GTK_WINDOW (fixture->window), name);
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
dup_reader_html (Fixture *fixture)
{
  WebKitWebView *reader = lectern_window_get_reader_view (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) html = NULL;
  WebKitWebResource *resource = webkit_web_view_get_main_resource (reader);
  GMainContext *context = g_main_context_default ();
  GAsyncResult *result = NULL;
  gconstpointer data;
  gsize size;

  g_assert_nonnull (resource);
  webkit_web_resource_get_data (resource, NULL, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);

  data = webkit_web_resource_get_data_finish (resource, result, &size, &error);
  g_assert_no_error (error);
  g_object_unref (result);
  html = g_bytes_new_take ((gpointer) data, size);

  return g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
}

/* Every request since the log was last cleared went to the article's own
 * site. */
static void
assert_nothing_third_party (Fixture *fixture)
{
  g_autoptr(GPtrArray) log = lectern_fixture_web_dup_log (fixture->web);

  for (guint i = 0; i < log->len; i++)
    {
      g_autofree char *site = lectern_party_dup_site_for_uri (g_ptr_array_index (log, i));

      if (g_strcmp0 (site, ARTICLE_SITE) != 0)
        g_error ("The reader view requested %s from another site", (char *) g_ptr_array_index (log, i));
    }
}

/* Drops @text on the window as a drag and drop would. */
static gboolean
drop_text (LecternWindow *window,
           const char    *text)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean dropped = FALSE;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, text);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        {
          g_signal_emit_by_name (controller, "drop", &value, 10.0, 10.0, &dropped);
          return dropped;
        }
    }

  g_error ("The window takes no drops");
}

static void
reader_mode_notify_cb (Fixture *fixture)
{
  fixture->n_reader_notifies++;
}

static void
activate_cb (GApplication *application,
             Fixture      *fixture)
{
  WebKitWebView *reader;
  g_autofree char *html = NULL;
  static const char * const consent_sentences[] = {
    "We use cookies", "Accept all", "This website uses cookies", "This cookie policy explains",
    "You can withdraw your consent", "We value your privacy",
  };

  fixture->window = LECTERN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 900);
  g_signal_connect_swapped (fixture->window, "notify::reader-mode", G_CALLBACK (reader_mode_notify_cb), fixture);

  iterate_until (page_quiet, fixture, 120);
  iterate_until (reader_available, fixture, 30);
  g_assert_false (lectern_window_get_reader_mode (fixture->window));

  /* The page loaded its pictures, the other site's included; from now on
   * only what the reader view asks for is logged. */
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, "http://images.stockpix-agency.net/photos/2026/ribbon-cutting.jpg"));
  lectern_fixture_web_clear_log (fixture->web);

  lectern_window_set_reader_theme (fixture->window, "light");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-reader", NULL));
  g_assert_true (lectern_window_get_reader_mode (fixture->window));
  g_assert_cmpuint (fixture->n_reader_notifies, ==, 1);
  /* The same value again notifies nothing. */
  lectern_window_set_reader_mode (fixture->window, TRUE);
  g_assert_cmpuint (fixture->n_reader_notifies, ==, 1);

  save_screenshot (fixture, "reader-light.png");
  reader = lectern_window_get_reader_view (fixture->window);

  html = dup_reader_html (fixture);
  g_assert_nonnull (strstr (html, "script-src &apos;none&apos;"));
  g_assert_nonnull (strstr (html, "Old Mill Bridge reopens after two years of repairs"));
  g_assert_nonnull (strstr (html, "I never thought I would miss a bridge this much."));
  g_assert_nonnull (strstr (html, "lectern-image-placeholder"));
  for (guint i = 0; i < G_N_ELEMENTS (consent_sentences); i++)
    {
      if (strstr (html, consent_sentences[i]) != NULL)
        g_error ("The reader view shows consent text “%s”", consent_sentences[i]);
    }

  /* Its own site's lazy picture loaded; nothing from another site did. */
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, OWN_PICTURE_URL));
  assert_nothing_third_party (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-theme", "s", "dark"));
  g_assert_cmpstr (lectern_window_get_reader_theme (fixture->window), ==, "dark");
  save_screenshot (fixture, "reader-dark.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-theme", "s", "sepia"));
  save_screenshot (fixture, "reader-sepia.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (lectern_window_get_reader_zoom (fixture->window), 1.3, 0.001);
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (reader), 1.3, 0.001);
  save_screenshot (fixture, "reader-sepia-larger.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-font", "s", "sans"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-width", "s", "narrow"));
  g_assert_cmpstr (lectern_window_get_reader_width (fixture->window), ==, "narrow");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-theme", "s", "dark"));
  save_screenshot (fixture, "reader-dark-sans-larger.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (reader), 1.0, 0.001);
  assert_nothing_third_party (fixture);

  /* Back to the page, then to a page that is no article: reader mode
   * turns off and cannot be turned on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.toggle-reader", NULL));
  g_assert_false (lectern_window_get_reader_mode (fixture->window));

  lectern_window_load_uri (fixture->window, NOT_ARTICLE_URL);
  wait_for_page (fixture, NOT_ARTICLE_URL);
  iterate_for (500);
  g_assert_false (lectern_window_get_reader_available (fixture->window));
  lectern_window_set_reader_mode (fixture->window, TRUE);
  g_assert_false (lectern_window_get_reader_mode (fixture->window));
  g_assert_false (lectern_window_get_reader_always (fixture->window));

  /* "Always use reader mode on this site": remembered, and the site's
   * articles then open in reader mode. */
  lectern_window_load_uri (fixture->window, ARTICLE_URL);
  wait_for_page (fixture, ARTICLE_URL);
  iterate_until (reader_available, fixture, 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.reader-always", NULL));
  g_assert_true (lectern_window_get_reader_always (fixture->window));
  g_assert_true (lectern_history_store_get_always_reader (lectern_application_get_history_store (LECTERN_APPLICATION (application)),
                                                          ARTICLE_SITE));
  iterate_until (reader_shown, fixture, 30);

  lectern_window_load_uri (fixture->window, NOT_ARTICLE_URL);
  wait_for_page (fixture, NOT_ARTICLE_URL);
  g_assert_false (lectern_window_get_reader_mode (fixture->window));

  lectern_window_load_uri (fixture->window, ARTICLE_URL);
  wait_for_page (fixture, ARTICLE_URL);
  iterate_until (reader_shown, fixture, 30);
  g_assert_true (lectern_window_get_reader_mode (fixture->window));

  /* The start page lists the article read. */
  {
    g_autoptr(GPtrArray) recent = NULL;
    LecternHistoryEntry *entry;

    recent = lectern_history_store_dup_recent (lectern_application_get_history_store (LECTERN_APPLICATION (application)),
                                               10, NULL);
    g_assert_cmpuint (recent->len, ==, 1);
    entry = g_ptr_array_index (recent, 0);
    g_assert_cmpstr (entry->url, ==, ARTICLE_URL);
    g_assert_cmpstr (entry->site, ==, ARTICLE_SITE);
    g_assert_nonnull (strstr (entry->title, "Old Mill Bridge"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-page", NULL));
  wait_for_page (fixture, "about:blank");
  iterate_for (500);
  lectern_test_save_screenshot (GTK_WINDOW (fixture->window), "start-page.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.clear-recent-articles", NULL));
  {
    g_autoptr(GPtrArray) recent = NULL;

    recent = lectern_history_store_dup_recent (lectern_application_get_history_store (LECTERN_APPLICATION (application)),
                                               10, NULL);
    g_assert_cmpuint (recent->len, ==, 0);
  }

  /* A link dropped on the window opens in it; a dangerous one does not. */
  g_assert_false (drop_text (fixture->window, "javascript:alert(1)"));
  g_assert_true (drop_text (fixture->window, NOT_ARTICLE_URL "\r\nsecond line"));
  wait_for_page (fixture, NOT_ARTICLE_URL);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
test_reader_window (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  int status;

  fixture.web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  fixture.proxy = lectern_fixture_web_dup_proxy_uri (fixture.web);
  fixture.data_dir = lectern_test_dup_tmp_dir ("lectern-reader-XXXXXX");

  status = lectern_test_run_window (fixture.data_dir, fixture.proxy, ARTICLE_URL,
                                    G_CALLBACK (activate_cb), &fixture);

  g_assert_cmpint (status, ==, 0);

  lectern_test_rm_rf (fixture.data_dir, NULL);
  g_free (fixture.data_dir);
  g_free (fixture.proxy);
  lectern_fixture_web_free (fixture.web);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/reader-window/reader-view", test_reader_window);

  return g_test_run ();
}
