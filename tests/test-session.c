/* test-session.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-consent-section.h"
#include "lectern-start-page.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"

/* A reading session in one window, as a reader lives it: several pages in
 * a row, Back and Forward, an address that cannot be reached. After each
 * step the sidebar tells the truth of the page on screen. */

#define ARTICLE_URL "http://www.example-news.com/news/2026/11/city-council-votes/"
#define OTHER_URL   "http://www.riverbend-chronicle.com/news/2026/bridge-reopens/"
#define FAILING_URL "http://www.unreachable.invalid/news/"
#define FRONT_URL   "http://www.riverbend-chronicle.com/"
#define ANALYTICS_URL "http://www.google-analytics.com/analytics.js"

typedef struct
{
  LecternTestWindow  base;
  const char        *expected_uri;
} Fixture;

static LecternPageState *
get_page (Fixture *fixture)
{
  return lectern_web_view_get_page (lectern_test_window_get_web_view (&fixture->base));
}

static gboolean
showing_expected (Fixture *fixture)
{
  return lectern_test_window_is_quiet (fixture) &&
         g_strcmp0 (lectern_page_state_get_url (get_page (fixture)), fixture->expected_uri) == 0;
}

static void
wait_for_page (Fixture    *fixture,
               const char *uri)
{
  fixture->expected_uri = uri;
  lectern_test_window_wait_quiet (&fixture->base);
  lectern_test_wait_until ((LecternTestCondition) showing_expected, fixture, 120);
  lectern_test_iterate_for (300);
}

static gboolean
load_failed (Fixture *fixture)
{
  return lectern_window_get_failed_uri (fixture->base.window) != NULL;
}

/* What the sidebar and the report say of a page, the times left out: the
 * same whichever way the page was reached. */
static char *
dup_summary (Fixture *fixture)
{
  LecternSitePrivacy *privacy = lectern_test_window_get_privacy (&fixture->base);
  g_autoptr(LecternPageReport) report = lectern_page_state_build_report (get_page (fixture));
  g_autofree char *json = lectern_page_report_to_json (report);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) summary = g_string_new (NULL);
  const LecternCmpOutcome *outcome = lectern_site_privacy_get_cmp_outcome (privacy);
  JsonObject *root;
  JsonArray *array;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));

  g_string_append_printf (summary, "site %s; trackers %u (%u groups); cookies %u; violations %u; tool %s %s\n",
                          lectern_site_privacy_get_site (privacy),
                          g_list_model_get_n_items (lectern_site_privacy_get_trackers (privacy)),
                          g_list_model_get_n_items (lectern_site_privacy_get_tracker_groups (privacy)),
                          g_list_model_get_n_items (lectern_site_privacy_get_cookies (privacy)),
                          lectern_site_privacy_get_violations (privacy)->len,
                          outcome != NULL ? outcome->name : "-", outcome != NULL ? outcome->action : "-");

  array = json_object_get_array_member (root, "trackers");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *tracker = json_array_get_object_element (array, i);

      g_string_append_printf (summary, "tracker %s %d\n", json_object_get_string_member (tracker, "url"),
                              json_object_get_boolean_member (tracker, "blocked"));
    }

  array = json_object_get_array_member (root, "violations");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *violation = json_array_get_object_element (array, i);

      g_string_append_printf (summary, "violation %s %s %s\n", json_object_get_string_member (violation, "kind"),
                              json_object_get_string_member (violation, "name"),
                              json_object_get_string_member (violation, "category"));
    }

  g_string_append_printf (summary, "requests %s\n",
                          json_to_string (json_object_get_member (root, "requests"), FALSE));

  return g_string_free (g_steal_pointer (&summary), FALSE);
}

static void
open_address (Fixture    *fixture,
              const char *address)
{
  GtkWidget *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.focus-address", NULL));
  entry = gtk_window_get_focus (GTK_WINDOW (fixture->base.window));
  while (entry != NULL && !GTK_IS_ENTRY (entry))
    entry = gtk_widget_get_parent (entry);
  g_assert_true (GTK_IS_ENTRY (entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), address);
  g_signal_emit_by_name (entry, "activate");
}

static GtkWidget *
find_address_entry (Fixture *fixture)
{
  return lectern_test_find_widget (GTK_WIDGET (fixture->base.window), GTK_TYPE_ENTRY);
}

static gboolean
has_violation (Fixture *fixture)
{
  return lectern_page_state_get_violations (get_page (fixture))->len > 0;
}

/* Back and Forward show each page's own truth, from WebKit's page cache
 * or not: site, trackers, cookies, violations and consent tool. */
static void
check_back_and_forward (Fixture *fixture)
{
  g_autofree char *article = NULL;
  g_autofree char *other = NULL;
  g_autofree char *article_again = NULL;
  g_autofree char *other_again = NULL;

  /* A cookie a tracker would have set, against the choices. */
  lectern_test_window_add_cookie (&fixture->base, "_ga", "GA1.1.1234567890.1795822800");
  lectern_test_wait_until ((LecternTestCondition) has_violation, fixture, 30);
  lectern_test_window_wait_quiet (&fixture->base);

  article = dup_summary (fixture);
  g_test_message ("The article: %s", article);
  g_assert_nonnull (strstr (article, "site example-news.com;"));
  g_assert_null (strstr (article, "trackers 0 "));
  g_assert_null (strstr (article, "tool - -"));
  g_assert_null (strstr (article, "violations 0;"));

  lectern_window_load_uri (fixture->base.window, OTHER_URL);
  wait_for_page (fixture, OTHER_URL);
  other = dup_summary (fixture);
  g_assert_nonnull (strstr (other, "site riverbend-chronicle.com;"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.go-back", NULL));
  wait_for_page (fixture, ARTICLE_URL);
  article_again = dup_summary (fixture);
  g_assert_cmpstr (article_again, ==, article);
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "session-back.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.go-forward", NULL));
  wait_for_page (fixture, OTHER_URL);
  other_again = dup_summary (fixture);
  g_assert_cmpstr (other_again, ==, other);
}

/* An address that cannot be reached: what failed, in place of the page;
 * the address as typed; no site in the sidebar, so no switch to edit
 * another site with. Back returns to the page still in the view. */
static void
check_failed_load (Fixture *fixture)
{
  GtkWidget *status;
  GtkWidget *categories;

  open_address (fixture, FAILING_URL);
  lectern_test_wait_until ((LecternTestCondition) load_failed, fixture, 60);
  lectern_test_window_wait_quiet (&fixture->base);

  g_assert_cmpstr (lectern_window_get_failed_uri (fixture->base.window), ==, FAILING_URL);
  status = lectern_test_find_widget (GTK_WIDGET (fixture->base.window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_address_entry (fixture))), ==, FAILING_URL);

  g_assert_cmpstr (lectern_page_state_get_site (get_page (fixture)), ==, "");
  categories = lectern_test_find_widget (GTK_WIDGET (lectern_test_find_widget (GTK_WIDGET (fixture->base.window),
                                                                               LECTERN_TYPE_SIDEBAR)),
                                         ADW_TYPE_PREFERENCES_GROUP);
  g_assert_false (gtk_widget_get_visible (categories));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "site.functional", NULL) &&
                  lectern_page_state_get_site (get_page (fixture))[0] != '\0');
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "session-failed-load.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.go-back", NULL));
  lectern_test_iterate_for (300);
  g_assert_null (lectern_window_get_failed_uri (fixture->base.window));
  g_assert_cmpstr (lectern_page_state_get_site (get_page (fixture)), ==, "riverbend-chronicle.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_address_entry (fixture))), ==, OTHER_URL);
  g_assert_true (gtk_widget_get_visible (categories));
}

static gboolean
showing_start_page (Fixture *fixture)
{
  const char *uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (lectern_test_window_get_web_view (&fixture->base)));

  return g_strcmp0 (uri, LECTERN_START_PAGE_URI) == 0 && lectern_test_window_is_quiet (fixture);
}

/* The start page is a page like any other in the history; it belongs to
 * no site, and says so; its rows open on a click anywhere on them. */
static void
check_start_page (Fixture *fixture)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_test_window_get_web_view (&fixture->base));
  GtkWidget *sidebar = lectern_test_find_widget (GTK_WIDGET (fixture->base.window), LECTERN_TYPE_SIDEBAR);
  g_autofree char *row_is_link = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.start-page", NULL));
  lectern_test_wait_until ((LecternTestCondition) showing_start_page, fixture, 60);
  lectern_test_iterate_for (300);

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (fixture->base.window)), ==, "Lectern");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_address_entry (fixture))), ==, "");
  g_assert_cmpstr (lectern_page_state_get_site (get_page (fixture)), ==, "");
  g_assert_false (gtk_widget_get_visible (lectern_test_find_widget (sidebar, ADW_TYPE_PREFERENCES_GROUP)));
  /* No address of Lectern's own shows, not even as a tooltip. */
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (lectern_test_find_label (sidebar, "No site"))));
  g_assert_true (gtk_widget_get_visible (lectern_test_find_widget (sidebar, ADW_TYPE_STATUS_PAGE)));

  /* A click near the row's right end, far from its title, is on the link. */
  row_is_link = lectern_test_evaluate (view, NULL,
                                       "const row = document.querySelector ('li');"
                                       "const box = row.getBoundingClientRect ();"
                                       "const hit = document.elementFromPoint (box.right - 4, box.bottom - 4);"
                                       "return hit !== null && hit.closest ('a') !== null;");
  g_assert_cmpstr (row_is_link, ==, "true");
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "session-start-page.png");

  /* Back and Forward go across it. */
  g_assert_true (webkit_web_view_can_go_back (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.go-back", NULL));
  wait_for_page (fixture, OTHER_URL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.go-forward", NULL));
  lectern_test_wait_until ((LecternTestCondition) showing_start_page, fixture, 60);
}

static gboolean
committed_expected (Fixture *fixture)
{
  return g_strcmp0 (lectern_page_state_get_url (get_page (fixture)), fixture->expected_uri) == 0;
}

static gboolean
search_over (Fixture *fixture)
{
  return !lectern_page_state_get_cmp_searching (get_page (fixture));
}

static const char *
get_tool_title (Fixture *fixture)
{
  GtkWidget *section = lectern_test_find_widget (GTK_WIDGET (fixture->base.window), LECTERN_TYPE_CONSENT_SECTION);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (lectern_test_find_widget (section, ADW_TYPE_ACTION_ROW)));
}

/* While Lectern still looks for the page's consent tool, the card says
 * so; "No consent tool found" comes once the search is over. */
static void
check_consent_search (Fixture *fixture)
{
  lectern_window_load_uri (fixture->base.window, FRONT_URL);
  fixture->expected_uri = FRONT_URL;
  lectern_test_wait_until ((LecternTestCondition) committed_expected, fixture, 60);
  g_assert_true (lectern_page_state_get_cmp_searching (get_page (fixture)));
  lectern_test_iterate_for (100);
  g_assert_cmpstr (get_tool_title (fixture), ==, "Looking for a consent tool…");

  lectern_test_wait_until ((LecternTestCondition) search_over, fixture, 60);
  g_assert_null (lectern_page_state_get_cmp_outcome (get_page (fixture)));
  g_assert_cmpstr (get_tool_title (fixture), ==, "No consent tool found");
}

static gboolean
banner_left_alone (Fixture *fixture)
{
  const LecternCmpOutcome *outcome = lectern_page_state_get_cmp_outcome (get_page (fixture));

  return showing_expected (fixture) && outcome != NULL && g_str_equal (outcome->action, "left-alone");
}

static gboolean
banner_answered (Fixture *fixture)
{
  const LecternCmpOutcome *outcome = lectern_page_state_get_cmp_outcome (get_page (fixture));

  return outcome != NULL && !outcome->awaiting;
}

static gboolean
choices_adopted (Fixture *fixture)
{
  g_autoptr(LecternSiteChoices) stored = lectern_profile_dup_choices (lectern_test_window_get_profile (&fixture->base),
                                                                      "example-news.com");

  return lectern_site_choices_get_allowed (stored, LECTERN_CATEGORY_TARGETING) && showing_expected (fixture);
}

static gboolean
has_cmp_violation (Fixture *fixture)
{
  GPtrArray *violations = lectern_page_state_get_violations (get_page (fixture));

  for (guint i = 0; i < violations->len; i++)
    {
      if (((LecternViolation *) g_ptr_array_index (violations, i))->kind == LECTERN_VIOLATION_CMP)
        return TRUE;
    }

  return FALSE;
}

/* The banner left alone: turned on for a site Lectern answered, the
 * tool's record goes and its banner asks again; the sidebar says it waits
 * for the reader; the reader's answer shows without a reload, counts as
 * no violation, and can become the site's choices. */
static void
check_banner_left_alone (Fixture *fixture)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_test_window_get_web_view (&fixture->base));
  GtkWidget *section = lectern_test_find_widget (GTK_WIDGET (fixture->base.window), LECTERN_TYPE_CONSENT_SECTION);
  AdwActionRow *tool_row = ADW_ACTION_ROW (lectern_test_find_widget (section, ADW_TYPE_ACTION_ROW));
  GtkWidget *adopt = lectern_test_find_actionable (section, "site.adopt-consent");
  const LecternCmpOutcome *outcome;
  g_autofree char *banner = NULL;
  g_autofree char *clicked = NULL;
  gint64 answered_at;

  lectern_window_load_uri (fixture->base.window, ARTICLE_URL);
  wait_for_page (fixture, ARTICLE_URL);
  outcome = lectern_page_state_get_cmp_outcome (get_page (fixture));
  g_assert_nonnull (outcome);
  g_assert_cmpstr (outcome->action, !=, "left-alone");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "site.leave-banner", NULL));
  lectern_test_wait_until ((LecternTestCondition) banner_left_alone, fixture, 60);
  outcome = lectern_page_state_get_cmp_outcome (get_page (fixture));
  g_assert_true (outcome->awaiting);
  banner = lectern_test_evaluate (view, NULL,
                                  "const banner = document.querySelector ('#onetrust-banner-sdk');"
                                  "return banner !== null && banner.getClientRects ().length > 0;");
  g_assert_cmpstr (banner, ==, "true");
  lectern_test_iterate_for (300);
  g_assert_cmpstr (adw_action_row_get_subtitle (tool_row), ==, "Left alone: its banner waits for your answer");
  g_assert_null (lectern_test_find_label (section, "Recorded as refused"));
  g_assert_false (gtk_widget_get_visible (adopt));
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "session-banner-waiting.png");

  /* The reader accepts everything in the banner. */
  clicked = lectern_test_evaluate (view, NULL,
                                   "document.querySelector ('#onetrust-accept-btn-handler').click (); return 'ok';");
  g_assert_cmpstr (clicked, ==, "ok");
  answered_at = g_get_monotonic_time ();
  lectern_test_wait_until ((LecternTestCondition) banner_answered, fixture, 20);
  g_test_message ("The answer showed %.1f s after the click",
                  (double) (g_get_monotonic_time () - answered_at) / G_USEC_PER_SEC);
  g_assert_false (webkit_web_view_is_loading (view));
  outcome = lectern_page_state_get_cmp_outcome (get_page (fixture));
  g_assert_cmpstr (outcome->action, ==, "left-alone");
  g_assert_cmphex (outcome->recorded.granted, ==, outcome->recorded.known);
  g_assert_false (has_cmp_violation (fixture));
  lectern_test_iterate_for (300);
  g_assert_cmpstr (adw_action_row_get_subtitle (tool_row), ==, "Left alone: it holds what you answered in its banner");
  g_assert_nonnull (lectern_test_find_label (section, "Recorded as granted"));
  g_assert_true (gtk_widget_get_visible (adopt));
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "session-banner-answered.png");

  /* The answer becomes the site's choices, and the page follows them. */
  g_assert_true (gtk_widget_activate_action (adopt, "site.adopt-consent", NULL));
  lectern_test_wait_until ((LecternTestCondition) choices_adopted, fixture, 60);
  g_assert_true (lectern_fixture_web_was_requested (fixture->base.web, ANALYTICS_URL));
}

static void
run_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;

  gtk_window_set_default_size (GTK_WINDOW (base->window), 1400, 900);
  wait_for_page (fixture, ARTICLE_URL);

  check_back_and_forward (fixture);
  check_failed_load (fixture);
  check_start_page (fixture);
  check_consent_search (fixture);
  /* Nothing of the above sent what the reader refuses. */
  g_assert_false (lectern_fixture_web_was_requested (base->web, ANALYTICS_URL));
  check_banner_left_alone (fixture);

  gtk_window_destroy (GTK_WINDOW (base->window));
}

static void
test_session (void)
{
  Fixture fixture = { 0 };

  lectern_test_window_init (&fixture.base, "lectern-session");
  lectern_test_window_run (&fixture.base, ARTICLE_URL, run_body);
  lectern_test_window_clear (&fixture.base);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/session/reading", test_session);

  return g_test_run ();
}
