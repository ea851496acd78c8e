/* test-reader-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-fixture-web.h"
#include "lectern-party.h"
#include "lectern-start-page.h"
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

typedef struct
{
  LecternTestWindow    base;
  guint                n_reader_notifies;
  const char          *expected_uri;
  LecternHistoryStore *history;
} Fixture;

static gboolean
showing_expected (Fixture *fixture)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_window_get_web_view (fixture->base.window));

  return g_strcmp0 (webkit_web_view_get_uri (view), fixture->expected_uri) == 0 && lectern_test_window_is_quiet (fixture);
}

/* Waits until @uri is the page on screen, loaded and quiet. */
static void
wait_for_page (Fixture    *fixture,
               const char *uri)
{
  fixture->expected_uri = uri;
  lectern_test_wait_until ((LecternTestCondition) showing_expected, fixture, 120);
}

static gboolean
reader_available (Fixture *fixture)
{
  return lectern_window_get_reader_available (fixture->base.window);
}

static gboolean
reader_shown (Fixture *fixture)
{
  WebKitWebView *reader = lectern_window_get_reader_view (fixture->base.window);

  return lectern_window_get_reader_mode (fixture->base.window) &&
         gtk_widget_get_child_visible (GTK_WIDGET (reader)) &&
         gtk_widget_get_mapped (GTK_WIDGET (reader)) &&
         webkit_web_view_get_uri (reader) != NULL &&
         !webkit_web_view_is_loading (reader);
}

static gboolean
undo_offered (Fixture *fixture)
{
  return lectern_test_find_actionable (GTK_WIDGET (fixture->base.window), "win.undo-clear-recent-articles") != NULL;
}

/* The article read first is in the recent articles again. */
static gboolean
article_back (Fixture *fixture)
{
  g_autoptr(GPtrArray) recent = lectern_history_store_dup_recent (fixture->history, 10, NULL);

  for (guint i = 0; recent != NULL && i < recent->len; i++)
    {
      if (g_str_equal (((LecternHistoryEntry *) g_ptr_array_index (recent, i))->url, ARTICLE_URL))
        return TRUE;
    }

  return FALSE;
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  /* Pictures decode and the view paints after the load ends. */
  lectern_test_wait_until ((LecternTestCondition) reader_shown, fixture, 30);
  lectern_test_iterate_for (700);

  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), name);
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
  WebKitWebView *reader = lectern_window_get_reader_view (fixture->base.window);
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
  g_autoptr(GPtrArray) log = lectern_fixture_web_dup_log (fixture->base.web);

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
run_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;
  LecternHistoryStore *history = lectern_profile_get_history_store (lectern_test_window_get_profile (base));
  g_autoptr(GPtrArray) before = NULL;
  WebKitWebView *reader;
  g_autofree char *html = NULL;
  static const char * const consent_sentences[] = {
    "We use cookies", "Accept all", "This website uses cookies", "This cookie policy explains",
    "You can withdraw your consent", "We value your privacy",
  };

  gtk_window_set_default_size (GTK_WINDOW (fixture->base.window), 1280, 900);
  g_signal_connect_swapped (fixture->base.window, "notify::reader-mode", G_CALLBACK (reader_mode_notify_cb), fixture);

  lectern_test_window_wait_quiet (&fixture->base);
  lectern_test_wait_until ((LecternTestCondition) reader_available, fixture, 30);
  g_assert_false (lectern_window_get_reader_mode (fixture->base.window));

  /* The page loaded its pictures, the other site's included; from now on
   * only what the reader view asks for is logged. */
  g_assert_true (lectern_fixture_web_was_requested (fixture->base.web, "http://images.stockpix-agency.net/photos/2026/ribbon-cutting.jpg"));
  lectern_fixture_web_clear_log (fixture->base.web);

  lectern_window_set_reader_theme (fixture->base.window, "light");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.toggle-reader", NULL));
  g_assert_true (lectern_window_get_reader_mode (fixture->base.window));
  g_assert_cmpuint (fixture->n_reader_notifies, ==, 1);
  /* The same value again notifies nothing. */
  lectern_window_set_reader_mode (fixture->base.window, TRUE);
  g_assert_cmpuint (fixture->n_reader_notifies, ==, 1);

  save_screenshot (fixture, "reader-light.png");
  reader = lectern_window_get_reader_view (fixture->base.window);

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
  g_assert_true (lectern_fixture_web_was_requested (fixture->base.web, OWN_PICTURE_URL));
  assert_nothing_third_party (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-theme", "s", "dark"));
  g_assert_cmpstr (lectern_window_get_reader_theme (fixture->base.window), ==, "dark");
  save_screenshot (fixture, "reader-dark.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-theme", "s", "sepia"));
  save_screenshot (fixture, "reader-sepia.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-zoom-in", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (lectern_window_get_reader_zoom (fixture->base.window), 1.3, 0.001);
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (reader), 1.3, 0.001);
  save_screenshot (fixture, "reader-sepia-larger.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-font", "s", "sans"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-width", "s", "narrow"));
  g_assert_cmpstr (lectern_window_get_reader_width (fixture->base.window), ==, "narrow");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-theme", "s", "dark"));
  save_screenshot (fixture, "reader-dark-sans-larger.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (webkit_web_view_get_zoom_level (reader), 1.0, 0.001);
  assert_nothing_third_party (fixture);

  /* Back to the page, then to a page that is no article: reader mode
   * turns off and cannot be turned on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.toggle-reader", NULL));
  g_assert_false (lectern_window_get_reader_mode (fixture->base.window));

  lectern_window_load_uri (fixture->base.window, NOT_ARTICLE_URL);
  wait_for_page (fixture, NOT_ARTICLE_URL);
  lectern_test_iterate_for (500);
  g_assert_false (lectern_window_get_reader_available (fixture->base.window));
  lectern_window_set_reader_mode (fixture->base.window, TRUE);
  g_assert_false (lectern_window_get_reader_mode (fixture->base.window));
  g_assert_false (lectern_window_get_reader_always (fixture->base.window));

  /* "Always use reader mode on this site": remembered, and the site's
   * articles then open in reader mode. */
  lectern_window_load_uri (fixture->base.window, ARTICLE_URL);
  wait_for_page (fixture, ARTICLE_URL);
  lectern_test_wait_until ((LecternTestCondition) reader_available, fixture, 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.reader-always", NULL));
  g_assert_true (lectern_window_get_reader_always (fixture->base.window));
  g_assert_true (lectern_history_store_get_always_reader (history,
                                                          ARTICLE_SITE));
  lectern_test_wait_until ((LecternTestCondition) reader_shown, fixture, 30);

  lectern_window_load_uri (fixture->base.window, NOT_ARTICLE_URL);
  wait_for_page (fixture, NOT_ARTICLE_URL);
  g_assert_false (lectern_window_get_reader_mode (fixture->base.window));

  lectern_window_load_uri (fixture->base.window, ARTICLE_URL);
  wait_for_page (fixture, ARTICLE_URL);
  lectern_test_wait_until ((LecternTestCondition) reader_shown, fixture, 30);
  g_assert_true (lectern_window_get_reader_mode (fixture->base.window));

  /* The start page lists the article read. */
  {
    g_autoptr(GPtrArray) recent = NULL;
    LecternHistoryEntry *entry;

    recent = lectern_history_store_dup_recent (history,
                                               10, NULL);
    g_assert_cmpuint (recent->len, ==, 1);
    entry = g_ptr_array_index (recent, 0);
    g_assert_cmpstr (entry->url, ==, ARTICLE_URL);
    g_assert_cmpstr (entry->site, ==, ARTICLE_SITE);
    g_assert_nonnull (strstr (entry->title, "Old Mill Bridge"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.start-page", NULL));
  wait_for_page (fixture, LECTERN_START_PAGE_URI);
  lectern_test_iterate_for (500);
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "start-page.png");

  before = lectern_history_store_dup_recent (history, 10, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.clear-recent-articles", NULL));
  {
    g_autoptr(GPtrArray) recent = NULL;

    recent = lectern_history_store_dup_recent (history,
                                               10, NULL);
    g_assert_cmpuint (recent->len, ==, 0);
  }

  /* The toast offers them back: nothing is lost. */
  lectern_test_wait_until ((LecternTestCondition) undo_offered, fixture, 10);
  lectern_test_iterate_for (500);
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "recent-articles-cleared.png");
  g_assert_true (gtk_widget_activate (lectern_test_find_actionable (GTK_WIDGET (fixture->base.window),
                                                                    "win.undo-clear-recent-articles")));
  fixture->history = history;
  lectern_test_wait_until ((LecternTestCondition) article_back, fixture, 10);
  {
    g_autoptr(GPtrArray) recent = lectern_history_store_dup_recent (history, 10, NULL);

    /* The start page, empty, showed the demo article, read since. */
    for (guint i = 0; i < before->len; i++)
      {
        LecternHistoryEntry *was = g_ptr_array_index (before, i);
        LecternHistoryEntry *entry = NULL;

        for (guint j = 0; j < recent->len && entry == NULL; j++)
          {
            if (g_str_equal (((LecternHistoryEntry *) g_ptr_array_index (recent, j))->url, was->url))
              entry = g_ptr_array_index (recent, j);
          }

        g_assert_nonnull (entry);
        g_assert_cmpstr (entry->title, ==, was->title);
        g_assert_true (g_date_time_equal (entry->read, was->read));
      }
  }

  /* A link dropped on the window opens in it; a dangerous one does not. */
  g_assert_false (drop_text (fixture->base.window, "javascript:alert(1)"));
  g_assert_true (drop_text (fixture->base.window, NOT_ARTICLE_URL "\r\nsecond line"));
  wait_for_page (fixture, NOT_ARTICLE_URL);

  gtk_window_destroy (GTK_WINDOW (fixture->base.window));
}

static void
test_reader_window (void)
{
  Fixture fixture = { 0 };

  lectern_test_window_init (&fixture.base, "lectern-reader");
  lectern_test_window_run (&fixture.base, ARTICLE_URL, run_body);
  lectern_test_window_clear (&fixture.base);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/reader-window/reader-view", test_reader_window);

  return g_test_run ();
}
