/* test-web-view.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-fixture-web.h"
#include "lectern-site-actions.h"
#include "lectern-site-store.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"

/* A web view is built from a profile alone, with no application and no
 * window: each page it loads gets a page state that stays with the page's
 * history item, and the "site" actions change the profile and load the
 * page again under the change. */

#define ARTICLE_URL   "http://www.example-news.com/news/2026/11/city-council-votes/"
#define OTHER_URL     "http://www.riverbend-chronicle.com/"
#define ANALYTICS_URL "http://www.google-analytics.com/analytics.js"
#define QUIET_USEC    (2 * G_USEC_PER_SEC)

typedef struct
{
  LecternFixtureWeb *web;
  char              *proxy;
  char              *data_dir;
  LecternProfile    *profile;
  GtkWindow         *window;
  LecternWebView    *view;
  const char        *uri;
} Fixture;

static gboolean
page_quiet (Fixture *fixture)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (fixture->view);

  return !webkit_web_view_is_loading (view) &&
         g_strcmp0 (webkit_web_view_get_uri (view), fixture->uri) == 0 &&
         g_get_monotonic_time () - lectern_web_view_get_last_activity (fixture->view) > QUIET_USEC;
}

static void
load_uri (gpointer data)
{
  Fixture *fixture = data;

  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (fixture->view), fixture->uri);
}

static void
load_and_wait (Fixture    *fixture,
               const char *uri)
{
  fixture->uri = uri;
  lectern_test_load_and_wait (WEBKIT_WEB_VIEW (fixture->view), load_uri, fixture);
  lectern_test_wait_until ((LecternTestCondition) page_quiet, fixture, 90);
}

static const LecternRequestRecord *
find_request (LecternPageState *page,
              const char       *url)
{
  GPtrArray *requests = lectern_page_state_get_requests (page);

  for (guint i = 0; i < requests->len; i++)
    {
      const LecternRequestRecord *record = g_ptr_array_index (requests, i);

      if (g_str_equal (record->url, url))
        return record;
    }

  return NULL;
}

typedef struct
{
  LecternSiteActions *actions;
  const char         *data_dir;
} ChangeData;

/* Another process allows targeting on the site, and before the view has
 * heard of it the reader turns performance on: neither is lost. */
static void
change_performance (gpointer data)
{
  ChangeData *change = data;
  g_autofree char *path = g_build_filename (change->data_dir, "sites.db", NULL);
  g_autoptr(GError) error = NULL;
  LecternSiteStore *elsewhere = lectern_site_store_open (path, &error);
  g_autoptr(LecternSiteChoices) choices = NULL;

  g_assert_no_error (error);
  choices = lectern_site_store_dup_choices (elsewhere, "example-news.com");
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_TARGETING, TRUE);
  g_assert_true (lectern_site_store_save_choices (elsewhere, choices, &error));
  g_assert_no_error (error);
  lectern_site_store_free (elsewhere);

  g_action_group_change_action_state (G_ACTION_GROUP (change->actions), "performance", g_variant_new_boolean (TRUE));
}

static void
test_pages_and_actions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternSiteActions) actions = NULL;
  g_autoptr(LecternSiteChoices) stored = NULL;
  g_autoptr(GVariant) state = NULL;
  WebKitBackForwardListItem *back;
  LecternPageState *article;
  LecternPageState *kept;
  Fixture fixture = { 0 };

  fixture.web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  fixture.proxy = lectern_fixture_web_dup_proxy_uri (fixture.web);
  fixture.data_dir = lectern_test_dup_tmp_dir ("lectern-web-view");
  fixture.profile = lectern_profile_new (fixture.data_dir, fixture.proxy, NULL);
  fixture.view = g_object_ref_sink (lectern_web_view_new (fixture.profile));
  /* A plain window: WebKit swaps a view's web process on a navigation to
   * another site, which a view in no window does not survive. */
  fixture.window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (fixture.window, GTK_WIDGET (fixture.view));
  gtk_window_present (fixture.window);
  actions = lectern_site_actions_new (fixture.view);

  /* Before any page: an empty state, and nothing to choose for. */
  g_assert_nonnull (lectern_web_view_get_page (fixture.view));
  g_assert_cmpstr (lectern_page_state_get_site (lectern_web_view_get_page (fixture.view)), ==, "");
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (actions), "performance"));

  /* Out of the box, performance is off: analytics is blocked. */
  load_and_wait (&fixture, ARTICLE_URL);
  article = lectern_web_view_get_page (fixture.view);
  g_assert_cmpstr (lectern_page_state_get_site (article), ==, "example-news.com");
  g_assert_cmpuint (lectern_page_state_get_n_trackers (article), >=, 8);
  g_assert_nonnull (find_request (article, ANALYTICS_URL));
  g_assert_true (find_request (article, ANALYTICS_URL)->blocked);
  g_assert_false (lectern_fixture_web_was_requested (fixture.web, ANALYTICS_URL));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (actions), "performance"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (actions), "necessary"));

  /* Another page has a state of its own; the first one stays with its
   * history item, as it was. */
  g_object_ref (article);
  load_and_wait (&fixture, OTHER_URL);
  g_assert_true (lectern_web_view_get_page (fixture.view) != article);
  g_assert_cmpstr (lectern_page_state_get_site (lectern_web_view_get_page (fixture.view)), ==,
                   "riverbend-chronicle.com");
  back = webkit_back_forward_list_get_back_item (webkit_web_view_get_back_forward_list (WEBKIT_WEB_VIEW (fixture.view)));
  g_assert_nonnull (back);
  kept = lectern_web_view_get_history_page (fixture.view, back);
  g_assert_true (kept == article);
  g_assert_cmpstr (lectern_page_state_get_url (kept), ==, ARTICLE_URL);
  g_assert_true (find_request (kept, ANALYTICS_URL)->blocked);
  g_object_unref (article);

  /* The action changes the profile once and loads the page again under
   * the change: analytics goes through. */
  load_and_wait (&fixture, ARTICLE_URL);
  lectern_test_load_and_wait (WEBKIT_WEB_VIEW (fixture.view), change_performance,
                              &(ChangeData) { actions, fixture.data_dir });
  lectern_test_wait_until ((LecternTestCondition) page_quiet, &fixture, 90);
  stored = lectern_profile_dup_choices (fixture.profile, "example-news.com");
  g_assert_true (lectern_site_choices_get_allowed (stored, LECTERN_CATEGORY_PERFORMANCE));
  g_assert_true (lectern_site_choices_get_allowed (stored, LECTERN_CATEGORY_TARGETING));
  state = g_action_group_get_action_state (G_ACTION_GROUP (actions), "performance");
  g_assert_true (g_variant_get_boolean (state));
  g_assert_false (find_request (lectern_web_view_get_page (fixture.view), ANALYTICS_URL)->blocked);
  g_assert_true (lectern_fixture_web_was_requested (fixture.web, ANALYTICS_URL));

  g_clear_object (&actions);
  webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (fixture.view));
  g_clear_object (&fixture.view);
  gtk_window_destroy (fixture.window);
  g_clear_object (&fixture.profile);
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

  g_test_add_func ("/lectern/web-view/pages-and-actions", test_pages_and_actions);

  return g_test_run ();
}
