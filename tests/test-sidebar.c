/* test-sidebar.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lectern-application.h"
#include "lectern-category-chart.h"
#include "lectern-cookie-item.h"
#include "lectern-fixture-web.h"
#include "lectern-sidebar.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"
#include "lectern-tracker-group.h"
#include "lectern-tracker-item.h"
#include "lectern-tracker-row.h"
#include "lectern-window.h"

#define ARTICLE_URL "http://www.example-news.com/news/2026/11/city-council-votes/"
#define QUIET_USEC (2 * G_USEC_PER_SEC)

typedef struct
{
  LecternFixtureWeb *web;
  char              *proxy;
  char              *data_dir;
  LecternWindow     *window;
  LecternSidebar    *sidebar;
  LecternSitePrivacy *privacy;
  const char        *wanted_cookie;
  LecternCategory    wanted_category;
} Fixture;

static void
iterate_until (gboolean (*done) (Fixture *), Fixture *fixture, guint timeout_seconds)
{
  gint64 deadline = g_get_monotonic_time () + timeout_seconds * G_USEC_PER_SEC;

  while (!done (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Lets layout and drawing catch up with a change, for a screenshot. */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

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
         g_get_monotonic_time () - lectern_web_view_get_last_activity (view) > QUIET_USEC;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  lectern_test_save_screenshot (GTK_WINDOW (fixture->window), name);
}

/* Light and dark, the way a reader switches the system style. */
static void
save_light_and_dark (Fixture    *fixture,
                     const char *view)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("sidebar-%s-light.png", view);
  g_autofree char *dark = g_strdup_printf ("sidebar-%s-dark.png", view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", view));
  g_assert_cmpstr (lectern_sidebar_get_view (fixture->sidebar), ==, view);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  save_screenshot (fixture, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (style));
  save_screenshot (fixture, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
}

static LecternCookieItem *
find_cookie (LecternSitePrivacy *privacy,
             const char         *name)
{
  GListModel *cookies = lectern_site_privacy_get_cookies (privacy);

  for (guint i = 0; i < g_list_model_get_n_items (cookies); i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (cookies, i);

      if (g_str_equal (lectern_cookie_item_get_record (item)->name, name))
        return item;
    }

  return NULL;
}

static gboolean
wanted_cookie_listed (Fixture *fixture)
{
  return find_cookie (fixture->privacy, fixture->wanted_cookie) != NULL;
}

static gboolean
wanted_cookie_gone (Fixture *fixture)
{
  return find_cookie (fixture->privacy, fixture->wanted_cookie) == NULL;
}

static gboolean
wanted_category_gone (Fixture *fixture)
{
  GListModel *cookies = lectern_site_privacy_get_cookies (fixture->privacy);

  for (guint i = 0; i < g_list_model_get_n_items (cookies); i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (cookies, i);

      if (lectern_cookie_item_get_record (item)->category == fixture->wanted_category)
        return FALSE;
    }

  return TRUE;
}

static void
add_cookie (Fixture    *fixture,
            const char *name,
            const char *value)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_window_get_web_view (fixture->window));
  WebKitCookieManager *manager = webkit_network_session_get_cookie_manager (webkit_web_view_get_network_session (view));
  g_autoptr(SoupCookie) cookie = soup_cookie_new (name, value, ".example-news.com", "/", 3600 * 24 * 400);

  /* The enforcer sees it through the manager's "changed" signal. */
  webkit_cookie_manager_add_cookie (manager, cookie, NULL, NULL, NULL);
}

/* Trackers: one row per tracker, sorted by company so that a company's
 * trackers sit together; the chart counts the same requests. */
static void
check_trackers (Fixture *fixture)
{
  GListModel *groups = lectern_site_privacy_get_tracker_groups (fixture->privacy);
  GListModel *requests = lectern_site_privacy_get_trackers (fixture->privacy);
  g_autoptr(GHashTable) companies_done = g_hash_table_new (g_str_hash, g_str_equal);
  LecternCategoryChart *chart;
  const char *previous_company = NULL;
  guint n_grouped = 0;
  guint n_chart = 0;
  guint n_blocked = 0;
  gboolean found_analytics = FALSE;
  GtkWidget *row;

  g_assert_cmpuint (g_list_model_get_n_items (groups), >=, 6);
  g_assert_cmpuint (g_list_model_get_n_items (groups), <=, g_list_model_get_n_items (requests));

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LecternTrackerGroup) group = g_list_model_get_item (groups, i);
      const char *company = lectern_tracker_group_get_company (group);

      n_grouped += lectern_tracker_group_get_n_requests (group);

      /* A company never comes back after another one started. */
      if (g_strcmp0 (company, previous_company) != 0 && company != NULL)
        {
          g_assert_false (g_hash_table_contains (companies_done, company));
          g_hash_table_add (companies_done, (gpointer) company);
        }
      if (previous_company == NULL && i > 0)
        g_assert_null (company);
      previous_company = company;

      if (g_strcmp0 (lectern_tracker_group_get_name (group), "Google Analytics") == 0)
        {
          found_analytics = TRUE;
          g_assert_cmpstr (company, ==, "Google");
          g_assert_cmpint (lectern_tracker_group_get_category (group), ==, LECTERN_CATEGORY_PERFORMANCE);
          g_assert_cmpuint (lectern_tracker_group_get_n_blocked (group), ==,
                            lectern_tracker_group_get_n_requests (group));
        }
    }

  g_assert_true (found_analytics);
  g_assert_cmpuint (n_grouped, ==, g_list_model_get_n_items (requests));

  for (LecternCategory c = 0; c <= LECTERN_CATEGORY_UNKNOWN; c++)
    {
      guint blocked;
      guint allowed;

      lectern_site_privacy_get_category_counts (fixture->privacy, c, &blocked, &allowed);
      n_chart += blocked + allowed;
      n_blocked += blocked;
    }
  g_assert_cmpuint (n_chart, ==, g_list_model_get_n_items (requests));
  g_assert_cmpuint (n_blocked, >, 0);

  chart = LECTERN_CATEGORY_CHART (find_descendant (GTK_WIDGET (fixture->sidebar), LECTERN_TYPE_CATEGORY_CHART));
  g_assert_nonnull (chart);
  g_assert_cmpuint (lectern_category_chart_get_n_bars (chart), >=, 3);

  /* Open the first tracker, as a click would, to show its requests. */
  row = find_descendant (GTK_WIDGET (fixture->sidebar), LECTERN_TYPE_TRACKER_ROW);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  g_assert_true (lectern_tracker_row_get_expanded (LECTERN_TRACKER_ROW (row)));
}

/* Cookies: grouped by category with the categories that break the
 * choices first, and violations first within a category. */
static void
check_cookies (Fixture *fixture)
{
  GListModel *cookies = lectern_site_privacy_get_cookies (fixture->privacy);
  LecternCookieItem *item;
  const LecternCookieRecord *record;
  gboolean seen_clean_category = FALSE;
  int previous_category = -1;
  gboolean previous_violation = TRUE;
  gboolean category_has_violation = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (cookies); i++)
    {
      g_autoptr(LecternCookieItem) it = g_list_model_get_item (cookies, i);
      const LecternCookieRecord *r = lectern_cookie_item_get_record (it);

      if ((int) r->category != previous_category)
        {
          if (previous_category >= 0 && !category_has_violation)
            seen_clean_category = TRUE;
          category_has_violation = r->violation;
          previous_violation = TRUE;
        }
      else
        {
          g_assert_true (previous_violation || !r->violation);
        }

      /* No category with a violation after one without. */
      if (r->violation)
        g_assert_false (seen_clean_category);

      category_has_violation |= r->violation;
      previous_violation = r->violation;
      previous_category = r->category;
    }

  /* Marketing cookies set on the site while targeting is off. */
  item = find_cookie (fixture->privacy, "__gads");
  g_assert_nonnull (item);
  record = lectern_cookie_item_get_record (item);
  g_assert_true (record->violation);
  g_assert_true (record->removed);
  g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_TARGETING);

  item = find_cookie (fixture->privacy, "_fbp");
  g_assert_nonnull (item);
  record = lectern_cookie_item_get_record (item);
  g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpstr (record->platform, ==, "Facebook");
  g_assert_nonnull (record->purpose);
  g_assert_nonnull (record->retention);
  g_assert_false (record->third_party);

  /* The site's own "lang" is nobody's: not LinkedIn's. */
  item = find_cookie (fixture->privacy, "lang");
  g_assert_nonnull (item);
  record = lectern_cookie_item_get_record (item);
  g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_UNKNOWN);
  g_assert_null (record->platform);
  g_assert_false (record->violation);
}

static LecternTrackerGroup *
find_group (Fixture    *fixture,
            const char *name)
{
  GListModel *groups = lectern_site_privacy_get_tracker_groups (fixture->privacy);

  for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LecternTrackerGroup) group = g_list_model_get_item (groups, i);

      if (g_strcmp0 (lectern_tracker_group_get_name (group), name) == 0)
        return group;
    }

  return NULL;
}

static gboolean
analytics_allowed (Fixture *fixture)
{
  LecternTrackerGroup *group = find_group (fixture, "Google Analytics");

  return page_quiet (fixture) && group != NULL && lectern_tracker_group_get_n_blocked (group) == 0;
}

static gboolean
analytics_blocked (Fixture *fixture)
{
  LecternTrackerGroup *group = find_group (fixture, "Google Analytics");

  return page_quiet (fixture) && group != NULL &&
         lectern_tracker_group_get_n_blocked (group) == lectern_tracker_group_get_n_requests (group);
}

/* "Allow on this site": stored, the page loads again and the tracker goes
 * through while the rest of its category stays blocked. */
static void
check_allow_tracker (Fixture      *fixture,
                     GApplication *application)
{
  g_auto(GStrv) stored = NULL;
  LecternTrackerGroup *hotjar;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.allow-tracker",
                                             "(sb)", "Google Analytics", TRUE));
  stored = lectern_application_dup_allowed_trackers (LECTERN_APPLICATION (application), "example-news.com");
  g_assert_cmpuint (g_strv_length (stored), ==, 1);
  g_assert_cmpstr (stored[0], ==, "Google Analytics");
  g_assert_true (lectern_site_privacy_get_tracker_allowed (fixture->privacy, "Google Analytics"));

  g_usleep (G_USEC_PER_SEC / 2);
  iterate_until (analytics_allowed, fixture, 120);
  g_assert_true (lectern_fixture_web_was_requested (fixture->web, "http://www.google-analytics.com/analytics.js"));
  hotjar = find_group (fixture, "Hotjar");
  g_assert_nonnull (hotjar);
  g_assert_cmpuint (lectern_tracker_group_get_n_blocked (hotjar), ==, lectern_tracker_group_get_n_requests (hotjar));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "trackers"));
  save_screenshot (fixture, "sidebar-trackers-allowed-light.png");

  /* The picture with a category partly allowed, in both styles. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "choices"));
  save_screenshot (fixture, "sidebar-chart-mixed-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (fixture, "sidebar-chart-mixed-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.allow-tracker",
                                             "(sb)", "Google Analytics", FALSE));
  g_usleep (G_USEC_PER_SEC / 2);
  iterate_until (analytics_blocked, fixture, 120);
  g_assert_false (lectern_site_privacy_get_tracker_allowed (fixture->privacy, "Google Analytics"));
}

static void
activate_cb (GApplication *application,
             Fixture      *fixture)
{
  fixture->window = LECTERN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_nonnull (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 900);
  fixture->privacy = lectern_web_view_get_privacy (lectern_window_get_web_view (fixture->window));
  fixture->sidebar = LECTERN_SIDEBAR (find_descendant (GTK_WIDGET (fixture->window), LECTERN_TYPE_SIDEBAR));
  g_assert_nonnull (fixture->sidebar);

  iterate_until (page_quiet, fixture, 120);

  check_trackers (fixture);
  save_light_and_dark (fixture, "choices");
  save_light_and_dark (fixture, "trackers");

  /* Cookies a tracker would have set, and one of the site's own. */
  add_cookie (fixture, "_ga", "GA1.1.1234567890.1795822800");
  add_cookie (fixture, "_fbp", "fb.1.1795822800123.1042867715");
  add_cookie (fixture, "__gads", "ID=7c1e5a2b9d3f4e60:T=1795822800");
  add_cookie (fixture, "lang", "en-GB");
  fixture->wanted_cookie = "lang";
  iterate_until (wanted_cookie_listed, fixture, 30);
  fixture->wanted_cookie = "__gads";
  iterate_until (wanted_cookie_listed, fixture, 30);
  settle ();

  check_cookies (fixture);
  save_light_and_dark (fixture, "cookies");

  /* Delete one cookie, as its row's button does. */
  fixture->wanted_cookie = "lang";
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.delete-cookie",
                                             "(ss)", "lang", ".example-news.com"));
  iterate_until (wanted_cookie_gone, fixture, 30);

  /* Delete a whole category, as its heading's button does: the removed
   * violations go from the list too. */
  fixture->wanted_category = LECTERN_CATEGORY_TARGETING;
  g_assert_false (wanted_category_gone (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.delete-category-cookies",
                                             "s", "targeting"));
  iterate_until (wanted_category_gone, fixture, 30);
  g_assert_nonnull (find_cookie (fixture->privacy, "_fbp"));

  check_allow_tracker (fixture, application);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
test_sidebar_views (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  int status;

  fixture.web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  fixture.proxy = lectern_fixture_web_dup_proxy_uri (fixture.web);
  fixture.data_dir = lectern_test_dup_tmp_dir ("lectern-sidebar-XXXXXX");

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

  g_test_add_func ("/lectern/sidebar/views", test_sidebar_views);

  return g_test_run ();
}
