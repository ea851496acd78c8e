/* test-sidebar.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-category-chart.h"
#include "lectern-consent-section.h"
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

typedef struct
{
  LecternTestWindow  base;
  LecternSidebar    *sidebar;
  LecternSitePrivacy *privacy;
  const char        *wanted_cookie;
  LecternCategory    wanted_category;
} Fixture;

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

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), name);
}

/* Light and dark, the way a reader switches the system style. */
static void
save_light_and_dark (Fixture    *fixture,
                     const char *view)
{
  g_autofree char *name = g_strdup_printf ("sidebar-%s", view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", view));
  g_assert_cmpstr (lectern_sidebar_get_view (fixture->sidebar), ==, view);

  lectern_test_save_light_and_dark (GTK_WINDOW (fixture->base.window), name);
}

static gboolean
wanted_cookie_listed (Fixture *fixture)
{
  return lectern_test_window_find_cookie (&fixture->base, fixture->wanted_cookie) != NULL;
}

static gboolean
wanted_cookie_gone (Fixture *fixture)
{
  return lectern_test_window_find_cookie (&fixture->base, fixture->wanted_cookie) == NULL;
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

  chart = LECTERN_CATEGORY_CHART (lectern_test_find_widget (GTK_WIDGET (fixture->sidebar), LECTERN_TYPE_CATEGORY_CHART));
  g_assert_nonnull (chart);
  g_assert_cmpuint (lectern_category_chart_get_n_bars (chart), >=, 3);

  /* Open the first tracker, as a click would, to show its requests. */
  row = lectern_test_find_widget (GTK_WIDGET (fixture->sidebar), LECTERN_TYPE_TRACKER_ROW);
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
  item = lectern_test_window_find_cookie (&fixture->base, "__gads");
  g_assert_nonnull (item);
  record = lectern_cookie_item_get_record (item);
  g_assert_true (record->violation);
  g_assert_true (record->removed);
  g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_TARGETING);

  item = lectern_test_window_find_cookie (&fixture->base, "_fbp");
  g_assert_nonnull (item);
  record = lectern_cookie_item_get_record (item);
  g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpstr (record->platform, ==, "Facebook");
  g_assert_nonnull (record->purpose);
  g_assert_nonnull (record->retention);
  g_assert_false (record->third_party);

  /* The site's own "lang" is nobody's: not LinkedIn's. */
  item = lectern_test_window_find_cookie (&fixture->base, "lang");
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

  return lectern_test_window_is_quiet (fixture) && group != NULL && lectern_tracker_group_get_n_blocked (group) == 0;
}

static gboolean
analytics_blocked (Fixture *fixture)
{
  LecternTrackerGroup *group = find_group (fixture, "Google Analytics");

  return lectern_test_window_is_quiet (fixture) && group != NULL &&
         lectern_tracker_group_get_n_blocked (group) == lectern_tracker_group_get_n_requests (group);
}

static gboolean
wanted_cookie_allowed (Fixture *fixture)
{
  LecternCookieItem *item = lectern_test_window_find_cookie (&fixture->base, fixture->wanted_cookie);

  return item != NULL && lectern_cookie_item_get_record (item)->allowed_tracker != NULL;
}

/* The cookies Google Analytics' script writes once the reader allowed it
 * on the site: kept, listed as allowed with the tracker that made them
 * so, and no violation, in the sidebar as in the report. */
static void
check_allowed_tracker_cookies (Fixture *fixture)
{
  LecternPageState *page = lectern_web_view_get_page (lectern_test_window_get_web_view (&fixture->base));
  g_autoptr(LecternPageReport) report = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;
  g_autofree char *in_page = NULL;
  JsonObject *root;
  JsonArray *violations;
  GtkLabel *badge;

  fixture->wanted_cookie = "_ga";
  lectern_test_wait_until ((LecternTestCondition) wanted_cookie_allowed, fixture, 60);
  fixture->wanted_cookie = "_gid";
  lectern_test_wait_until ((LecternTestCondition) wanted_cookie_allowed, fixture, 60);
  /* Long enough for a removal, had there been one, to reach the store. */
  settle ();

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "_ga" : "_gid";
      LecternCookieItem *item = lectern_test_window_find_cookie (&fixture->base, name);
      const LecternCookieRecord *record = lectern_cookie_item_get_record (item);

      g_assert_cmpint (record->category, ==, LECTERN_CATEGORY_PERFORMANCE);
      g_assert_cmpstr (record->allowed_tracker, ==, "Google Analytics");
      g_assert_false (record->violation);
      g_assert_false (record->removed);
    }

  in_page = lectern_test_evaluate (WEBKIT_WEB_VIEW (lectern_test_window_get_web_view (&fixture->base)), NULL,
                                   "return document.cookie.includes ('_ga=') && document.cookie.includes ('_gid=');");
  g_assert_cmpstr (in_page, ==, "true");

  report = lectern_page_state_build_report (page);
  json = lectern_page_report_to_json (report);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  {
    JsonObject *ga = lectern_test_find_by_member (json_object_get_array_member (root, "cookies"), "name", "_ga");

    g_assert_nonnull (ga);
    g_assert_true (json_object_get_boolean_member (ga, "allowed"));
    g_assert_cmpstr (json_object_get_string_member (ga, "allowed_tracker"), ==, "Google Analytics");
    g_assert_false (json_object_get_boolean_member (ga, "violation"));
    g_assert_false (json_object_get_boolean_member (ga, "removed"));
  }
  violations = json_object_get_array_member (root, "violations");
  for (guint i = 0; i < json_array_get_length (violations); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (violations, i), "name"),
                     !=, "_ga");
  text = lectern_page_report_to_text (report);
  g_assert_nonnull (strstr (text, "allowed on this site (Google Analytics)"));

  /* The row says so where a violation's badge would be. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "cookies"));
  settle ();
  badge = lectern_test_find_label (GTK_WIDGET (fixture->sidebar), "Allowed on this site");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (badge), "allowed-badge"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (badge)), ==, "You allowed Google Analytics on this site");
  /* Its row scrolled into view for the screenshot. */
  gtk_widget_grab_focus (gtk_widget_get_ancestor (GTK_WIDGET (badge), GTK_TYPE_LIST_BOX_ROW));
  save_screenshot (fixture, "sidebar-cookies-allowed-light.png");
}

/* "Allow on this site": stored, the page loads again and the tracker goes
 * through while the rest of its category stays blocked. */
static void
check_allow_tracker (Fixture *fixture)
{
  g_auto(GStrv) stored = NULL;
  LecternTrackerGroup *hotjar;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "site.allow-tracker",
                                             "(sb)", "Google Analytics", TRUE));
  stored = lectern_profile_dup_allowed_trackers (lectern_test_window_get_profile (&fixture->base), "example-news.com");
  g_assert_cmpuint (g_strv_length (stored), ==, 1);
  g_assert_cmpstr (stored[0], ==, "Google Analytics");
  g_assert_true (lectern_site_privacy_get_tracker_allowed (fixture->privacy, "Google Analytics"));

  g_usleep (G_USEC_PER_SEC / 2);
  lectern_test_wait_until ((LecternTestCondition) analytics_allowed, fixture, 120);
  g_assert_true (lectern_fixture_web_was_requested (fixture->base.web, "http://www.google-analytics.com/analytics.js"));
  hotjar = find_group (fixture, "Hotjar");
  g_assert_nonnull (hotjar);
  g_assert_cmpuint (lectern_tracker_group_get_n_blocked (hotjar), ==, lectern_tracker_group_get_n_requests (hotjar));

  check_allowed_tracker_cookies (fixture);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "trackers"));
  save_screenshot (fixture, "sidebar-trackers-allowed-light.png");

  /* The picture with a category partly allowed, in both styles. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "choices"));
  save_screenshot (fixture, "sidebar-chart-mixed-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (fixture, "sidebar-chart-mixed-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "site.allow-tracker",
                                             "(sb)", "Google Analytics", FALSE));
  g_usleep (G_USEC_PER_SEC / 2);
  lectern_test_wait_until ((LecternTestCondition) analytics_blocked, fixture, 120);
  g_assert_false (lectern_site_privacy_get_tracker_allowed (fixture->privacy, "Google Analytics"));

  /* No longer allowed, what it left behind went as a violation: the page
   * loaded again without it. */
  {
    g_autofree char *in_page = NULL;

    fixture->wanted_cookie = "_ga";
    lectern_test_wait_until ((LecternTestCondition) wanted_cookie_gone, fixture, 60);
    in_page = lectern_test_evaluate (WEBKIT_WEB_VIEW (lectern_test_window_get_web_view (&fixture->base)), NULL,
                                     "return document.cookie.includes ('_ga=') || document.cookie.includes ('_gid=');");
    g_assert_cmpstr (in_page, ==, "false");
  }
}

static gboolean
leave_banner_on (Fixture *fixture)
{
  const LecternSiteChoices *choices = lectern_site_privacy_get_choices (fixture->privacy);

  return choices != NULL && lectern_site_choices_get_leave_banner (choices) && lectern_test_window_is_quiet (fixture);
}

static gboolean
leave_banner_off (Fixture *fixture)
{
  const LecternSiteChoices *choices = lectern_site_privacy_get_choices (fixture->privacy);

  return choices != NULL && !lectern_site_choices_get_leave_banner (choices) && lectern_test_window_is_quiet (fixture);
}

static gboolean
is_positive (guint *count)
{
  return *count > 0;
}

static void
reload_started_cb (WebKitWebView   *view,
                   WebKitLoadEvent  event,
                   guint           *count)
{
  if (event == WEBKIT_LOAD_STARTED)
    (*count)++;
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lectern_window_export_consent_receipt_finish (LECTERN_WINDOW (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

/* Writes the receipt as the export action does, and returns the file's
 * text. */
static char *
export_receipt (Fixture    *fixture,
                const char *name)
{
  g_autofree char *path = g_build_filename (fixture->base.data_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  char *contents = NULL;

  lectern_window_export_consent_receipt_async (fixture->base.window, file, NULL, exported_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  return contents;
}

/* The Choices tab's consent section shows the page's consent tool, what
 * Lectern told it and what it recorded, a refused category it records as
 * granted marked; the site's badge counts every violation. */
static void
check_consent_section (Fixture *fixture)
{
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("onetrust", "consent-cookie");
  LecternWebView *view = lectern_test_window_get_web_view (&fixture->base);
  LecternConsentSection *section;
  GtkWidget *leave_switch;
  GtkLabel *violated;
  GtkLabel *badge;
  g_autofree char *badge_text = NULL;
  guint n_violations;
  guint n_reapplied = 0;

  section = LECTERN_CONSENT_SECTION (lectern_test_find_widget (GTK_WIDGET (fixture->sidebar), LECTERN_TYPE_CONSENT_SECTION));
  g_assert_nonnull (section);
  g_assert_true (lectern_consent_section_get_page (section) == lectern_site_privacy_get_page (fixture->privacy));

  /* Targeting is refused by default: a tool recording it as granted
   * breaks the choice; performance recorded as refused does not. */
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_PERFORMANCE, FALSE);
  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  outcome->applied = g_date_time_new_now_utc ();
  outcome->detail = g_strdup ("groups=C0001:1,C0002:0,C0004:1");
  lectern_page_state_set_cmp_outcome (lectern_web_view_get_page (view), outcome);
  settle ();

  g_assert_nonnull (lectern_test_find_label (GTK_WIDGET (section), "OneTrust"));
  g_assert_nonnull (lectern_test_find_label (GTK_WIDGET (section), "Recorded as refused"));
  violated = lectern_test_find_label (GTK_WIDGET (section), "Granted against your choice");
  g_assert_nonnull (violated);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (violated), "violation-badge"));
  g_assert_null (lectern_test_find_label (GTK_WIDGET (section), "Recorded as granted"));

  n_violations = lectern_site_privacy_get_violations (fixture->privacy)->len;
  g_assert_cmpuint (n_violations, >=, 1);
  badge_text = g_strdup_printf (n_violations == 1 ? "%u violation" : "%u violations", n_violations);
  badge = lectern_test_find_label (GTK_WIDGET (fixture->sidebar), badge_text);
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (badge), "violation-badge"));

  /* The badge is above the tabs: still there on another one. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "cookies"));
  settle ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (badge)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "choices"));

  /* The whole section scrolled into view for the screenshots. */
  gtk_widget_grab_focus (lectern_test_find_actionable (GTK_WIDGET (section), "site.leave-banner"));
  settle ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  save_screenshot (fixture, "sidebar-consent-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  save_screenshot (fixture, "sidebar-consent-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* The receipt holds what the section shows, in both forms. */
  {
    g_autofree char *json = export_receipt (fixture, "receipt.json");
    g_autofree char *html = export_receipt (fixture, "receipt.html");
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *root;

    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "site"), ==, "example-news.com");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "cmp"), "name"),
                     ==, "onetrust");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "violations")), ==, n_violations);

    g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>"));
    g_assert_nonnull (strstr (html, "Granted, although you refused it"));
  }

  /* The switch is the site action's: on, the choices say so and are
   * stored; off again afterwards. */
  leave_switch = lectern_test_find_actionable (GTK_WIDGET (section), "site.leave-banner");
  g_assert_nonnull (leave_switch);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (leave_switch)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "site.leave-banner", NULL));
  lectern_test_wait_until ((LecternTestCondition) leave_banner_on, fixture, 60);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (leave_switch)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "site.leave-banner", NULL));
  lectern_test_wait_until ((LecternTestCondition) leave_banner_off, fixture, 60);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (leave_switch)));

  /* Re-apply, the section's button, asks for the page again. */
  g_assert_true (gtk_widget_is_sensitive (lectern_test_find_actionable (GTK_WIDGET (section), "site.reapply-consent")));
  g_signal_connect (view, "load-changed", G_CALLBACK (reload_started_cb), &n_reapplied);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (section), "site.reapply-consent", NULL));
  lectern_test_wait_until ((LecternTestCondition) is_positive, &n_reapplied, 30);
  g_assert_cmpuint (n_reapplied, ==, 1);
  g_signal_handlers_disconnect_by_func (view, reload_started_cb, &n_reapplied);
  lectern_test_window_wait_quiet (&fixture->base);
}

/* A category heading's delete button asks first: answered "Cancel",
 * nothing goes; answered "Delete", the category's cookies go. */
static void
check_delete_category_asks (Fixture *fixture)
{
  GtkWidget *button;
  GtkWindow *dialog;
  GVariant *target;
  LecternCategory category;

  lectern_test_window_add_cookie (&fixture->base, "OptanonAlertBoxClosed", "2026-11-28T10:00:00.000Z");
  fixture->wanted_cookie = "OptanonAlertBoxClosed";
  lectern_test_wait_until ((LecternTestCondition) wanted_cookie_listed, fixture, 30);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "cookies"));
  settle ();

  button = lectern_test_find_actionable (GTK_WIDGET (fixture->sidebar), "sidebar.delete-category-cookies");
  g_assert_nonnull (button);
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
  g_assert_true (lectern_category_from_id (g_variant_get_string (target, NULL), &category));
  fixture->wanted_category = category;
  g_assert_false (wanted_category_gone (fixture));

  /* As Enter on it does: the button is pressed for a moment, then
   * clicked. */
  g_assert_true (gtk_widget_activate (button));
  settle ();
  dialog = lectern_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "example-news.com"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            lectern_category_get_label (category)));
  lectern_test_save_screenshot (dialog, "sidebar-delete-category-question.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  settle ();
  g_assert_false (wanted_category_gone (fixture));

  g_assert_true (gtk_widget_activate (button));
  settle ();
  dialog = lectern_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  gtk_window_destroy (dialog);
  lectern_test_wait_until ((LecternTestCondition) wanted_category_gone, fixture, 30);
}

static void
run_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;

  gtk_window_set_default_size (GTK_WINDOW (fixture->base.window), 1200, 900);
  fixture->privacy = lectern_test_window_get_privacy (base);
  fixture->sidebar = LECTERN_SIDEBAR (lectern_test_find_widget (GTK_WIDGET (fixture->base.window), LECTERN_TYPE_SIDEBAR));
  g_assert_nonnull (fixture->sidebar);

  lectern_test_window_wait_quiet (&fixture->base);

  check_trackers (fixture);
  save_light_and_dark (fixture, "choices");
  check_consent_section (fixture);
  save_light_and_dark (fixture, "trackers");

  /* Cookies a tracker would have set, and one of the site's own. */
  lectern_test_window_add_cookie (&fixture->base, "_ga", "GA1.1.1234567890.1795822800");
  lectern_test_window_add_cookie (&fixture->base, "_fbp", "fb.1.1795822800123.1042867715");
  lectern_test_window_add_cookie (&fixture->base, "__gads", "ID=7c1e5a2b9d3f4e60:T=1795822800");
  lectern_test_window_add_cookie (&fixture->base, "lang", "en-GB");
  fixture->wanted_cookie = "lang";
  lectern_test_wait_until ((LecternTestCondition) wanted_cookie_listed, fixture, 30);
  fixture->wanted_cookie = "__gads";
  lectern_test_wait_until ((LecternTestCondition) wanted_cookie_listed, fixture, 30);
  settle ();

  check_cookies (fixture);
  save_light_and_dark (fixture, "cookies");

  /* Delete one cookie, as its row's button does. */
  fixture->wanted_cookie = "lang";
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "site.delete-cookie",
                                             "(ss)", "lang", ".example-news.com"));
  lectern_test_wait_until ((LecternTestCondition) wanted_cookie_gone, fixture, 30);

  /* Delete a whole category, as its heading's button does: the removed
   * violations go from the list too. */
  fixture->wanted_category = LECTERN_CATEGORY_TARGETING;
  g_assert_false (wanted_category_gone (fixture));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "site.delete-category-cookies",
                                             "s", "targeting"));
  lectern_test_wait_until ((LecternTestCondition) wanted_category_gone, fixture, 30);
  g_assert_nonnull (lectern_test_window_find_cookie (&fixture->base, "_fbp"));

  check_allow_tracker (fixture);
  check_delete_category_asks (fixture);

  gtk_window_destroy (GTK_WINDOW (fixture->base.window));
}

static void
test_sidebar_views (void)
{
  Fixture fixture = { 0 };

  lectern_test_window_init (&fixture.base, "lectern-sidebar");
  lectern_test_window_run (&fixture.base, ARTICLE_URL, run_body);
  lectern_test_window_clear (&fixture.base);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/sidebar/views", test_sidebar_views);

  return g_test_run ();
}
