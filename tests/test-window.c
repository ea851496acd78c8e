/* test-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lectern-fixture-web.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"
#include "lectern-tracker-item.h"
#include "lectern-web-view-private.h"
#include "lectern-window.h"

#define ARTICLE_URL "http://www.example-news.com/news/2026/11/city-council-votes/"
#define ANALYTICS_URL "http://www.google-analytics.com/analytics.js"
#define ADS_URL "http://securepubads.g.doubleclick.net/tag/js/gpt.js"
#define GPC_URL "http://www.example-news.com/gpc/"
#define GPC_SEEN_URL "http://www.example-news.com/gpc/seen?frame="
#define UNPROTECTED_WARNING "Not protected: Lectern’s blocking did not load in this page"
#define CRASH_URL "http://www.riverbend-chronicle.com/"

typedef struct
{
  LecternTestWindow  base;
  GtkWindow         *preferences;
  const char        *action;
  int                wanted_width;
  guint              n_terminated;
} Fixture;

static LecternTrackerItem *
find_tracker (LecternSitePrivacy *privacy,
              const char         *url)
{
  GListModel *trackers = lectern_site_privacy_get_trackers (privacy);

  for (guint i = 0; i < g_list_model_get_n_items (trackers); i++)
    {
      g_autoptr(LecternTrackerItem) item = g_list_model_get_item (trackers, i);

      if (g_str_equal (lectern_tracker_item_get_record (item)->url, url))
        return item;
    }

  return NULL;
}

static gboolean
frame_drawn (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->base.window));
}

static gboolean
preferences_drawn (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->preferences)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture->preferences)) > 0;
}

static char *
run_report_as (Fixture    *fixture,
               const char *data_dir,
               const char *format)
{
  g_autofree char *lectern = lectern_test_dup_lectern_path ();
  g_autofree char *option = g_strdup_printf ("--report=%s", format);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              lectern, "--data-dir", data_dir, "--proxy", fixture->base.proxy,
                              "--timeout", "90", option, ARTICLE_URL, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return out;
}

static JsonObject *
run_report (Fixture *fixture, const char *data_dir)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = run_report_as (fixture, data_dir, "json");

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* Whether a row or label under @widget reads @text: what a user sees. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_text (child, text))
        return TRUE;
    }

  return FALSE;
}

static AdwExpanderRow *
find_expander_row (GtkWidget *widget)
{
  if (ADW_IS_EXPANDER_ROW (widget))
    return ADW_EXPANDER_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwExpanderRow *found = find_expander_row (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
set_consent (const char *data_dir, const char *choice)
{
  g_autofree char *lectern = lectern_test_dup_lectern_path ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                              lectern, "--data-dir", data_dir, "--consent", "example-news.com", choice, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

/* The sidebar's trackers and the command line's report come from the
 * same model; check that they agree on every tracker and verdict. */
static void
assert_report_matches_sidebar (Fixture *fixture, JsonObject *report)
{
  LecternSitePrivacy *privacy = lectern_test_window_get_privacy (&fixture->base);
  GListModel *trackers = lectern_site_privacy_get_trackers (privacy);
  JsonArray *array = json_object_get_array_member (report, "trackers");
  g_autoptr(GHashTable) sidebar = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (trackers); i++)
    {
      g_autoptr(LecternTrackerItem) item = g_list_model_get_item (trackers, i);
      const LecternRequestRecord *record = lectern_tracker_item_get_record (item);

      g_hash_table_insert (sidebar, g_strdup_printf ("%s %d", record->url, record->blocked), GINT_TO_POINTER (1));
    }

  g_assert_cmpuint (json_array_get_length (array), ==, g_hash_table_size (sidebar));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *tracker = json_array_get_object_element (array, i);
      g_autofree char *key = g_strdup_printf ("%s %d", json_object_get_string_member (tracker, "url"),
                                              json_object_get_boolean_member (tracker, "blocked"));

      if (!g_hash_table_contains (sidebar, key))
        g_error ("The report lists “%s”, the sidebar does not", key);
    }

  g_assert_cmpstr (json_object_get_string_member (report, "site"), ==, lectern_site_privacy_get_site (privacy));
}

static AdwFlap *
get_flap (Fixture *fixture)
{
  return ADW_FLAP (lectern_test_find_widget (GTK_WIDGET (fixture->base.window), ADW_TYPE_FLAP));
}

static gboolean
reveal_done (Fixture *fixture)
{
  double reveal = adw_flap_get_reveal_progress (get_flap (fixture));

  return reveal == (lectern_window_get_sidebar_visible (fixture->base.window) ? 1.0 : 0.0);
}

static gboolean
width_done (Fixture *fixture)
{
  return ABS (gtk_widget_get_width (GTK_WIDGET (fixture->base.window)) - fixture->wanted_width) <= 20 &&
         reveal_done (fixture);
}

/* Resizes the window, and waits until the sidebar has finished folding
 * or unfolding, hiding or showing: its folding starts once it is
 * hidden. */
static void
set_width (Fixture *fixture,
           int      width)
{
  fixture->wanted_width = width;
  gtk_window_set_default_size (GTK_WINDOW (fixture->base.window), width, 900);
  lectern_test_wait_until ((LecternTestCondition) width_done, fixture, 10);
  lectern_test_iterate_for (800);
  lectern_test_wait_until ((LecternTestCondition) reveal_done, fixture, 10);
}

/* Side by side, the page keeps at least 600 px; in a narrower window the
 * sidebar folds: hidden, and shown over the page by F9's action, its
 * button showing whether it is shown. */
static void
check_narrow_window (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->base.window);
  AdwFlap *flap = get_flap (fixture);
  GtkWidget *page = adw_flap_get_content (flap);
  GtkWidget *sidebar = lectern_test_find_widget (window, LECTERN_TYPE_SIDEBAR);
  GtkWidget *button = lectern_test_find_actionable (window, "win.toggle-sidebar");
  const int wide[] = { 1400, 1000, 980 };
  graphene_rect_t bounds;

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.view", "s", "trackers"));

  for (guint i = 0; i < G_N_ELEMENTS (wide); i++)
    {
      set_width (fixture, wide[i]);
      g_assert_false (adw_flap_get_folded (flap));
      g_assert_true (lectern_window_get_sidebar_visible (fixture->base.window));
      g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
      g_assert_cmpint (gtk_widget_get_width (page), >=, 600);
      g_assert_cmpint (gtk_widget_get_width (page) + gtk_widget_get_width (sidebar), <=, gtk_widget_get_width (window));
    }

  set_width (fixture, 1400);
  lectern_test_save_light_and_dark (GTK_WINDOW (fixture->base.window), "window-1400");

  /* About 330 px were left to the page at 700 px. */
  set_width (fixture, 700);
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_false (lectern_window_get_sidebar_visible (fixture->base.window));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpint (gtk_widget_get_width (page), ==, gtk_widget_get_width (GTK_WIDGET (flap)));

  g_assert_true (gtk_widget_activate_action (window, "win.toggle-sidebar", NULL));
  lectern_test_wait_until ((LecternTestCondition) reveal_done, fixture, 10);
  lectern_test_iterate_for (300);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_assert_cmpint (gtk_widget_get_width (page), ==, gtk_widget_get_width (GTK_WIDGET (flap)));
  g_assert_cmpint (gtk_widget_get_width (sidebar), <=, 400);
  g_assert_true (gtk_widget_compute_bounds (sidebar, GTK_WIDGET (flap), &bounds));
  g_assert_cmpfloat (bounds.origin.x, >=, 0);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (GTK_WIDGET (flap)) + 0.5);
  lectern_test_save_light_and_dark (GTK_WINDOW (fixture->base.window), "window-700");

  /* Wide again, the sidebar is back beside the page. */
  set_width (fixture, 1400);
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (lectern_window_get_sidebar_visible (fixture->base.window));
  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.view", "s", "choices"));
}

/* The About window shows the application's icon, found when Lectern runs
 * from the build folder too, not the missing-icon picture. */
static void
check_about (Fixture *fixture)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (fixture->base.window)));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->base.application), "about", NULL);
  about = lectern_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);

  g_assert_true (gtk_icon_theme_has_icon (theme, APP_ID));
  icon = gtk_icon_theme_lookup_icon (theme, APP_ID, NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
  g_assert_cmpstr (gtk_icon_paintable_get_icon_name (icon), ==, APP_ID);

  lectern_test_save_screenshot (about, "about.png");
  gtk_window_destroy (about);
}

static void check_choice_from_elsewhere (Fixture *fixture);

static const char * const unusable_files[] = { "reader.db", "cookies.sqlite", "consent-tools.ini", "filters" };

static gboolean
names_unusable_files (Fixture *fixture)
{
  const char *message = lectern_profile_get_startup_message (lectern_test_window_get_profile (&fixture->base));

  for (guint i = 0; i < G_N_ELEMENTS (unusable_files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->base.data_dir, unusable_files[i], NULL);

      if (strstr (message, path) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
run_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;
  GApplication *application = base->application;
  LecternProfile *profile = lectern_test_window_get_profile (base);
  LecternSitePrivacy *privacy;
  LecternTrackerItem *analytics;
  g_autoptr(LecternSiteChoices) stored = NULL;
  g_autoptr(JsonObject) report = NULL;
  g_autofree char *report_dir = NULL;

  gtk_window_set_default_size (GTK_WINDOW (fixture->base.window), 1400, 900);
  privacy = lectern_test_window_get_privacy (base);

  lectern_test_window_wait_quiet (&fixture->base);
  lectern_test_wait_until ((LecternTestCondition) frame_drawn, fixture, 10);

  g_assert_nonnull (lectern_profile_get_startup_message (profile));
  g_assert_nonnull (strstr (lectern_profile_get_startup_message (profile),
                            ".corrupt-"));
  /* The parts that load later (the recent articles once the article is
   * read) add to what the window shows. */
  lectern_test_wait_until ((LecternTestCondition) names_unusable_files, fixture, 20);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.show-startup-details", NULL));
  {
    GtkWindow *dialog = lectern_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);

    g_assert_nonnull (dialog);
    lectern_test_save_screenshot (dialog, "startup-details.png");
    gtk_window_destroy (dialog);
  }
  lectern_test_wait_until ((LecternTestCondition) frame_drawn, fixture, 10);

  g_assert_cmpstr (lectern_site_privacy_get_site (privacy), ==, "example-news.com");
  g_assert_true (lectern_window_get_sidebar_visible (fixture->base.window));

  /* The web process extension spoke for the page: no warning. */
  g_assert_true (lectern_page_state_get_protected (lectern_site_privacy_get_page (privacy)));
  g_assert_null (lectern_test_find_label (GTK_WIDGET (fixture->base.window), UNPROTECTED_WARNING));
  g_assert_cmpuint (g_list_model_get_n_items (lectern_site_privacy_get_trackers (privacy)), >=, 8);

  /* Out of the box, performance is off: analytics is blocked and never
   * reaches the network. */
  analytics = find_tracker (privacy, ANALYTICS_URL);
  g_assert_nonnull (analytics);
  g_assert_true (lectern_tracker_item_get_record (analytics)->blocked);
  g_assert_cmpstr (lectern_category_to_id (lectern_tracker_item_get_record (analytics)->category), ==, "performance");
  g_assert_false (lectern_fixture_web_was_requested (fixture->base.web, ANALYTICS_URL));

  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "window-sidebar-default.png");

  check_choice_from_elsewhere (fixture);

  /* The sidebar's switch and a test drive the same action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "site.performance", NULL));

  stored = lectern_profile_dup_choices (profile, "example-news.com");
  g_assert_true (lectern_site_choices_get_allowed (stored, LECTERN_CATEGORY_PERFORMANCE));
  g_assert_false (lectern_site_choices_get_allowed (stored, LECTERN_CATEGORY_TARGETING));

  /* The page reloads under the new choice. */
  lectern_test_window_wait_quiet (&fixture->base);

  analytics = find_tracker (privacy, ANALYTICS_URL);
  g_assert_nonnull (analytics);
  g_assert_false (lectern_tracker_item_get_record (analytics)->blocked);
  g_assert_true (lectern_fixture_web_was_requested (fixture->base.web, ANALYTICS_URL));

  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "window-sidebar-performance-on.png");

  /* The command line, under the same choices, reports what the sidebar shows. */
  report_dir = lectern_test_dup_tmp_dir ("lectern-window-report-XXXXXX");
  set_consent (report_dir, "performance=on");
  report = run_report (fixture, report_dir);
  assert_report_matches_sidebar (fixture, report);

  /* The text report ends with what the filter lists held. */
  {
    g_autofree char *text = run_report_as (fixture, report_dir, "text");
    const char *summary = strstr (text, "\nFilter lists: ");
    g_autofree char *expected = NULL;
    const LecternFilterStats *stats = lectern_profile_get_filter_stats (profile);

    g_assert_nonnull (summary);
    g_assert_nonnull (stats);
    expected = g_strdup_printf ("Filter lists: %u rules, %u skipped (", stats->rules, stats->skipped);
    g_assert_true (g_str_has_prefix (summary + 1, expected));
    g_assert_nonnull (strstr (summary, "popups only"));
  }
  lectern_test_rm_rf (report_dir, NULL);

  /* Trusting the site turns all blocking off for it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "site.trusted", NULL));
  lectern_test_window_wait_quiet (&fixture->base);
  g_assert_nonnull (find_tracker (privacy, ADS_URL));
  g_assert_false (lectern_tracker_item_get_record (find_tracker (privacy, ADS_URL))->blocked);
  g_assert_true (lectern_fixture_web_was_requested (fixture->base.web, ADS_URL));
  g_assert_true (lectern_site_choices_get_trusted (lectern_site_privacy_get_choices (privacy)));

  /* The address entry refuses what would run script in the page. */
  {
    WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_window_get_web_view (fixture->base.window));
    g_autofree char *before = g_strdup (webkit_web_view_get_uri (view));
    GtkWidget *entry;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.focus-address", NULL));
    entry = gtk_window_get_focus (GTK_WINDOW (fixture->base.window));
    while (entry != NULL && !GTK_IS_ENTRY (entry))
      entry = gtk_widget_get_parent (entry);
    g_assert_true (GTK_IS_ENTRY (entry));

    gtk_editable_set_text (GTK_EDITABLE (entry), "javascript:document.title='owned'");
    g_signal_emit_by_name (entry, "activate");
    for (guint i = 0; i < 50; i++)
      g_main_context_iteration (NULL, FALSE);

    g_assert_false (webkit_web_view_is_loading (view));
    g_assert_cmpstr (webkit_web_view_get_uri (view), ==, before);
    g_assert_cmpstr (webkit_web_view_get_title (view), !=, "owned");
  }

  /* The defaults for new sites are a preference. */
  {
    GSettings *settings = lectern_profile_get_settings (profile);
    GtkWindow *preferences;
    g_autoptr(LecternSiteChoices) fresh = NULL;
    const char * const allowed[] = { "necessary", "functional", NULL };

    g_assert_nonnull (settings);
    g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
    preferences = lectern_test_find_toplevel (ADW_TYPE_PREFERENCES_WINDOW);
    g_assert_nonnull (preferences);

    /* It says what the filter lists held, with the count in use. */
    {
      const LecternFilterStats *stats = lectern_profile_get_filter_stats (profile);
      g_autofree char *rules = NULL;

      g_assert_nonnull (stats);
      g_assert_cmpuint (stats->rules, >, 1000);
      rules = g_strdup_printf ("%u", stats->rules);
      g_assert_true (shows_text (GTK_WIDGET (preferences), "Rules in use"));
      g_assert_true (shows_text (GTK_WIDGET (preferences), rules));
      g_assert_true (shows_text (GTK_WIDGET (preferences), "Rules left out"));
    }

    g_settings_set_strv (settings, "default-allowed-categories", allowed);
    fresh = lectern_profile_dup_choices (profile, "never-seen.example");
    g_assert_true (lectern_site_choices_get_allowed (fresh, LECTERN_CATEGORY_FUNCTIONAL));
    g_assert_false (lectern_site_choices_get_allowed (fresh, LECTERN_CATEGORY_PERFORMANCE));

    fixture->preferences = preferences;
    lectern_test_wait_until ((LecternTestCondition) preferences_drawn, fixture, 10);
    lectern_test_save_screenshot (preferences, "preferences.png");
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "filter-lists");
    g_assert_nonnull (find_expander_row (GTK_WIDGET (preferences)));
    adw_expander_row_set_expanded (find_expander_row (GTK_WIDGET (preferences)), TRUE);
    /* Each reason a rule was left out, with its count. */
    g_assert_true (shows_text (GTK_WIDGET (preferences), "Popups only"));
    lectern_test_iterate_for (500);
    lectern_test_save_screenshot (preferences, "preferences-filter-lists.png");
    gtk_window_destroy (preferences);
    g_settings_reset (settings, "default-allowed-categories");
  }

  check_narrow_window (fixture);
  check_about (fixture);

  /* Hiding the sidebar is an action too (F9). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.toggle-sidebar", NULL));
  g_assert_false (lectern_window_get_sidebar_visible (fixture->base.window));

  gtk_window_destroy (GTK_WINDOW (fixture->base.window));
}

static void
test_window_switches (void)
{
  Fixture fixture = { 0 };

  lectern_test_window_init (&fixture.base, "lectern-window");

  /* A damaged profile: the window must say so and carry on with a new
   * store, keeping the old file; and without the files that something
   * else stands in the place of (folders, and a file for the filter
   * cache's folder), naming each. */
  {
    g_autofree char *db = g_build_filename (fixture.base.data_dir, "sites.db", NULL);

    g_assert_true (g_file_set_contents (db, "this is not an SQLite database, it is a damaged file", -1, NULL));
    for (guint i = 0; i < G_N_ELEMENTS (unusable_files); i++)
      {
        g_autofree char *path = g_build_filename (fixture.base.data_dir, unusable_files[i], NULL);

        if (g_str_equal (unusable_files[i], "filters"))
          g_assert_true (g_file_set_contents (path, "not a folder", -1, NULL));
        else
          g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
      }
  }

  lectern_test_window_run (&fixture.base, ARTICLE_URL, run_body);
  lectern_test_window_clear (&fixture.base);
}

static void
activate_window_action (gpointer data)
{
  Fixture *fixture = data;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), fixture->action, NULL));
}

/* Activates @action, which loads the page again, and waits until the
 * page's requests are done, with the fixture web's log holding only
 * theirs. */
static void
activate_and_reload (Fixture    *fixture,
                     const char *action)
{
  LecternWebView *view = lectern_test_window_get_web_view (&fixture->base);

  lectern_fixture_web_clear_log (fixture->base.web);
  fixture->action = action;
  lectern_test_load_and_wait (WEBKIT_WEB_VIEW (view), activate_window_action, fixture);
  lectern_test_window_wait_quiet (&fixture->base);
}

static gboolean
performance_switch_active (Fixture *fixture)
{
  GtkWidget *toggle = lectern_test_find_actionable (GTK_WIDGET (fixture->base.window), "site.performance");

  g_assert_true (GTK_IS_SWITCH (toggle));

  return gtk_switch_get_active (GTK_SWITCH (toggle));
}

/* A choice made in another process (`lectern --consent`) while the window
 * is open is enforced, not only shown: after a reload, the request it
 * allows leaves, and once refused again it does not. */
static void
check_choice_from_elsewhere (Fixture *fixture)
{
  LecternSitePrivacy *privacy = lectern_test_window_get_privacy (&fixture->base);

  for (guint i = 0; i < 2; i++)
    {
      gboolean on = i == 0;

      set_consent (fixture->base.data_dir, on ? "performance=on" : "performance=off");
      activate_and_reload (fixture, "win.reload");
      g_assert_cmpint (lectern_fixture_web_was_requested (fixture->base.web, ANALYTICS_URL), ==, on);
      g_assert_cmpint (lectern_tracker_item_get_record (find_tracker (privacy, ANALYTICS_URL))->blocked, ==, !on);
      g_assert_cmpint (performance_switch_active (fixture), ==, on);
    }
}

/* Every request of the page, its document first of all, carries Sec-GPC
 * when @sent and none does otherwise; the page's scripts, in both its
 * frames, read the same answer from navigator.globalPrivacyControl. */
static void
assert_gpc (Fixture  *fixture,
            gboolean  sent)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_test_window_get_web_view (&fixture->base));
  g_autoptr(GPtrArray) requests = NULL;
  g_autofree char *seen = NULL;
  gboolean document = FALSE;

  requests = lectern_fixture_web_dup_requests_to_host (fixture->base.web, "www.example-news.com");
  for (guint i = 0; i < requests->len; i++)
    {
      LecternFixtureRequest *request = g_ptr_array_index (requests, i);

      document |= g_str_equal (request->url, GPC_URL);
      if ((g_strcmp0 (request->sec_gpc, "1") == 0) != sent)
        g_error ("%s was sent %s Sec-GPC (%s)", request->url, sent ? "without" : "with",
                 request->sec_gpc != NULL ? request->sec_gpc : "none");
    }

  g_assert_true (document);
  /* The document, its frame and what each frame's script fetched. */
  g_assert_cmpuint (requests->len, >=, 4);

  seen = lectern_test_evaluate (view, NULL, "return navigator.globalPrivacyControl === true;");
  g_assert_cmpstr (seen, ==, sent ? "true" : "false");
  g_assert_true (lectern_fixture_web_was_requested (fixture->base.web,
                                                    sent ? GPC_SEEN_URL "top&value=true"
                                                         : GPC_SEEN_URL "top&value=undefined"));
  g_assert_true (lectern_fixture_web_was_requested (fixture->base.web,
                                                    sent ? GPC_SEEN_URL "inner&value=true"
                                                         : GPC_SEEN_URL "inner&value=undefined"));
}

/* "Sale of personal data" changed on a page: the page loads again, and
 * from its document on, what it sends and what its scripts read follow
 * the new choice, as they do when the reader reloads it. */
static void
run_gpc_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;
  LecternWebView *view = lectern_test_window_get_web_view (base);

  lectern_test_window_wait_quiet (base);
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)), ==, GPC_URL);
  assert_gpc (fixture, TRUE);

  activate_and_reload (fixture, "site.sale");
  g_assert_true (lectern_site_choices_get_allowed (lectern_page_state_get_choices (lectern_web_view_get_page (view)),
                                                   LECTERN_CATEGORY_SALE));
  assert_gpc (fixture, FALSE);

  activate_and_reload (fixture, "win.reload");
  assert_gpc (fixture, FALSE);

  activate_and_reload (fixture, "site.sale");
  g_assert_false (lectern_site_choices_get_allowed (lectern_page_state_get_choices (lectern_web_view_get_page (view)),
                                                    LECTERN_CATEGORY_SALE));
  assert_gpc (fixture, TRUE);

  activate_and_reload (fixture, "win.reload");
  assert_gpc (fixture, TRUE);

  gtk_window_destroy (GTK_WINDOW (fixture->base.window));
}

static void
test_window_gpc_follows_sale (void)
{
  Fixture fixture = { 0 };

  lectern_test_window_init (&fixture.base, "lectern-window-gpc");
  lectern_test_window_run (&fixture.base, GPC_URL, run_gpc_body);
  lectern_test_window_clear (&fixture.base);
}

/* A message names addresses and errors as they are: its toast shows them
 * as plain text, whatever markup they hold. */
#define PLAIN_MESSAGE "The page http://www.example.com/?a=1&b=<b>2</b> could not be loaded: <i>no</i> & no"

static void
run_message_body (LecternTestWindow *fixture)
{
  lectern_window_show_message (fixture->window, PLAIN_MESSAGE);
  lectern_test_iterate_for (100);

  g_assert_nonnull (lectern_test_find_label (GTK_WIDGET (fixture->window), PLAIN_MESSAGE));

  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
test_window_message_plain_text (void)
{
  LecternTestWindow fixture = { 0 };

  lectern_test_window_init (&fixture, "lectern-window-message");
  lectern_test_window_run (&fixture, NULL, run_message_body);
  lectern_test_window_clear (&fixture);
}

static gboolean
page_loaded (Fixture *fixture)
{
  LecternWebView *view = lectern_test_window_get_web_view (&fixture->base);

  return lectern_page_state_get_loaded (lectern_web_view_get_page (view)) &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->base.window));
}

static void
extensions_nowhere_cb (WebKitWebContext *context,
                       gpointer          user_data)
{
  g_autofree char *nowhere = g_build_filename (user_data, "no-such-folder", NULL);

  webkit_web_context_set_web_process_extensions_directory (context, nowhere);
}

/* Runs after the profile's own handler, which named the extension's
 * folder: the web processes look for it where there is nothing, as when
 * an installation lacks the extension. */
static void
point_extensions_nowhere (LecternTestWindow *base)
{
  LecternProfile *profile = lectern_test_window_get_profile (base);

  g_signal_connect (lectern_profile_get_web_context (profile), "initialize-web-process-extensions",
                    G_CALLBACK (extensions_nowhere_cb), base->data_dir);
}

/* Without its web process extension nothing on the page is blocked: the
 * sidebar says so under the site's name, and the page is not taken as
 * protected. */
static void
run_unprotected_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;
  LecternSitePrivacy *privacy = lectern_test_window_get_privacy (base);
  GtkLabel *warning;

  gtk_window_set_default_size (GTK_WINDOW (base->window), 1400, 900);
  lectern_test_wait_until ((LecternTestCondition) page_loaded, fixture, 60);
  lectern_test_iterate_for (300);

  g_assert_cmpstr (lectern_site_privacy_get_site (privacy), ==, "example-news.com");
  g_assert_false (lectern_page_state_get_protected (lectern_site_privacy_get_page (privacy)));
  /* Found only when it shows. */
  warning = lectern_test_find_label (GTK_WIDGET (base->window), UNPROTECTED_WARNING);
  g_assert_nonnull (warning);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (warning), "error"));
  /* Nothing looked for a consent tool: the sidebar does not say none. */
  g_assert_nonnull (lectern_test_find_label (GTK_WIDGET (base->window), "Not looked for in this page"));
  lectern_test_save_screenshot (GTK_WINDOW (base->window), "window-unprotected.png");

  gtk_window_destroy (GTK_WINDOW (base->window));
}

static void
test_window_unprotected (void)
{
  Fixture fixture = { 0 };

  lectern_test_window_init (&fixture.base, "lectern-window-unprotected");
  fixture.base.startup = point_extensions_nowhere;
  lectern_test_window_run (&fixture.base, ARTICLE_URL, run_unprotected_body);
  lectern_test_window_clear (&fixture.base);
}

/* Whether @pid is a process this one started, or one that those started. */
static gboolean
descends_from_self (int pid)
{
  for (guint depth = 0; pid > 1 && depth < 32; depth++)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
      g_autofree char *stat = NULL;
      const char *after_name;

      if (!g_file_get_contents (path, &stat, NULL, NULL) || (after_name = strrchr (stat, ')')) == NULL)
        return FALSE;

      /* "PID (NAME) STATE PPID …": the name may hold anything but the last ")". */
      pid = atoi (after_name + 4);
      if (pid == getpid ())
        return TRUE;
    }

  return FALSE;
}

/* Kills the web processes of this test as a crash would end them: WebKit
 * then says they crashed, as it does not when told to end one
 * (webkit_web_view_terminate_web_process()). */
static guint
crash_web_processes (void)
{
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n_killed = 0;

  g_assert_nonnull (proc);
  while ((name = g_dir_read_name (proc)) != NULL)
    {
      int pid = atoi (name);
      g_autofree char *path = g_strdup_printf ("/proc/%s/cmdline", name);
      g_autofree char *cmdline = NULL;

      if (pid <= 0 || !g_file_get_contents (path, &cmdline, NULL, NULL) ||
          !g_str_has_suffix (cmdline, "/WebKitWebProcess") || !descends_from_self (pid))
        continue;

      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      n_killed++;
    }

  return n_killed;
}

static void
web_process_terminated_cb (WebKitWebView                     *view,
                           WebKitWebProcessTerminationReason  reason,
                           Fixture                           *fixture)
{
  g_assert_cmpint (reason, ==, WEBKIT_WEB_PROCESS_CRASHED);
  fixture->n_terminated++;
}

static gboolean
terminated (Fixture *fixture)
{
  return fixture->n_terminated > 0;
}

static gboolean
shows_crash (Fixture *fixture)
{
  return lectern_window_get_failed_uri (fixture->base.window) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (fixture->base.window));
}

/* Crashes the page's web process and waits until the view has heard of it. */
static void
crash_page (Fixture *fixture)
{
  fixture->n_terminated = 0;
  g_assert_cmpuint (crash_web_processes (), >, 0);
  lectern_test_wait_until ((LecternTestCondition) terminated, fixture, 30);
}

/* A page whose web process crashes is loaded again, once; crashing again
 * soon after, it is left to the reader, with what happened, its address
 * and a Reload button in its place. Crashes far apart are each loaded
 * again. */
static void
run_crash_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;
  LecternWebView *view = lectern_test_window_get_web_view (base);
  GtkWidget *window = GTK_WIDGET (base->window);
  GtkEditable *address;

  gtk_window_set_default_size (GTK_WINDOW (base->window), 1400, 900);
  g_signal_connect (view, "web-process-terminated", G_CALLBACK (web_process_terminated_cb), fixture);
  lectern_test_window_wait_quiet (base);

  crash_page (fixture);
  lectern_test_window_wait_quiet (base);
  g_assert_null (lectern_window_get_failed_uri (base->window));
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)), ==, CRASH_URL);

  /* Again, right after it was loaded again. */
  crash_page (fixture);
  lectern_test_wait_until ((LecternTestCondition) shows_crash, fixture, 30);
  lectern_test_iterate_for (300);
  g_assert_cmpstr (lectern_window_get_failed_uri (base->window), ==, CRASH_URL);
  address = GTK_EDITABLE (lectern_test_find_widget (window, GTK_TYPE_ENTRY));
  g_assert_cmpstr (gtk_editable_get_text (address), ==, CRASH_URL);
  g_assert_nonnull (lectern_test_find_label (window, "This Page Keeps Crashing"));
  g_assert_nonnull (lectern_test_find_label (window, "Reload"));
  /* No page is left to look in. */
  g_assert_null (lectern_test_find_label (window, "Looking for a consent tool…"));
  lectern_test_save_screenshot (GTK_WINDOW (base->window), "window-crashed.png");

  /* The reader loads it again. */
  g_assert_true (gtk_widget_activate_action (window, "win.reload", NULL));
  lectern_test_window_wait_quiet (base);
  g_assert_null (lectern_window_get_failed_uri (base->window));
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)), ==, CRASH_URL);

  /* Long after the last crash, a crash is loaded again by itself. */
  view->crashed_at -= 31 * G_USEC_PER_SEC;
  crash_page (fixture);
  lectern_test_window_wait_quiet (base);
  g_assert_null (lectern_window_get_failed_uri (base->window));
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)), ==, CRASH_URL);

  gtk_window_destroy (GTK_WINDOW (base->window));
}

static void
test_window_crash (void)
{
  Fixture fixture = { 0 };

  lectern_test_window_init (&fixture.base, "lectern-window-crash");
  lectern_test_window_run (&fixture.base, CRASH_URL, run_crash_body);
  lectern_test_window_clear (&fixture.base);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/window/switches", test_window_switches);
  g_test_add_func ("/lectern/window/gpc-follows-sale", test_window_gpc_follows_sale);
  g_test_add_func ("/lectern/window/message-plain-text", test_window_message_plain_text);
  g_test_add_func ("/lectern/window/unprotected", test_window_unprotected);
  g_test_add_func ("/lectern/window/crash", test_window_crash);

  return g_test_run ();
}
