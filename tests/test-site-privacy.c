/* test-site-privacy.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-item.h"
#include "lectern-site-privacy.h"
#include "lectern-test-utils.h"
#include "lectern-tracker-group.h"

/* The sidebar's view model shows a LecternPageState: its lists follow the
 * page's requests and cookies, its properties the page's, and another
 * page refills them. */

#define PAGE_URL "http://www.example-news.com/news/story/"

static LecternRequestRecord *
new_record (const char      *url,
            const char      *host,
            const char      *name,
            const char      *company,
            LecternCategory  category,
            gboolean         blocked)
{
  LecternRequestRecord *record = g_new0 (LecternRequestRecord, 1);

  record->page_url = g_strdup (PAGE_URL);
  record->url = g_strdup (url);
  record->host = g_strdup (host);
  record->type = g_strdup ("script");
  record->third_party = TRUE;
  record->tracker = TRUE;
  record->blocked = blocked;
  record->category = category;
  record->name = g_strdup (name);
  record->company = g_strdup (company);

  return record;
}

static void
add (LecternPageState   *page,
     const char         *url,
     const char         *host,
     const char         *name,
     const char         *company,
     LecternCategory     category,
     gboolean            blocked)
{
  g_autoptr(LecternRequestRecord) record = new_record (url, host, name, company, category, blocked);

  lectern_page_state_add_request (page, record);
}

static LecternTrackerGroup *
group_at (LecternSitePrivacy *privacy,
          guint               position)
{
  GListModel *groups = lectern_site_privacy_get_tracker_groups (privacy);
  g_autoptr(LecternTrackerGroup) group = g_list_model_get_item (groups, position);

  /* The model keeps it alive. */
  return group;
}

/* One group per tracker, whatever the host; sorted by company with the
 * owner-less last; counts per category for the picture. */
static void
test_tracker_groups (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(LecternPageState) other = lectern_page_state_new ("http://www.example-news.com/other/", NULL, NULL);
  GListModel *groups = lectern_site_privacy_get_tracker_groups (privacy);
  guint blocked;
  guint allowed;

  lectern_site_privacy_set_page (privacy, page);

  add (page, "http://www.google-analytics.com/analytics.js", "www.google-analytics.com",
       "Google Analytics", "Google", LECTERN_CATEGORY_PERFORMANCE, TRUE);
  add (page, "http://ssl.google-analytics.com/ga.js", "ssl.google-analytics.com",
       "Google Analytics", "Google", LECTERN_CATEGORY_PERFORMANCE, TRUE);
  add (page, "http://tracker.example/t.js", "tracker.example",
       NULL, NULL, LECTERN_CATEGORY_TARGETING, FALSE);
  add (page, "http://c.amazon-adsystem.com/aax2/apstag.js", "c.amazon-adsystem.com",
       "Amazon Advertising", "Amazon", LECTERN_CATEGORY_TARGETING, TRUE);
  add (page, "http://securepubads.g.doubleclick.net/tag/js/gpt.js", "securepubads.g.doubleclick.net",
       "Google Marketing", "Google", LECTERN_CATEGORY_TARGETING, FALSE);
  /* The same request again (the preload scanner) is one request. */
  add (page, "http://www.google-analytics.com/analytics.js", "www.google-analytics.com",
       "Google Analytics", "Google", LECTERN_CATEGORY_PERFORMANCE, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (lectern_site_privacy_get_trackers (privacy)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 4);

  g_assert_cmpstr (lectern_tracker_group_get_company (group_at (privacy, 0)), ==, "Amazon");
  g_assert_cmpstr (lectern_tracker_group_get_name (group_at (privacy, 1)), ==, "Google Analytics");
  g_assert_cmpuint (lectern_tracker_group_get_n_requests (group_at (privacy, 1)), ==, 2);
  g_assert_cmpuint (lectern_tracker_group_get_n_blocked (group_at (privacy, 1)), ==, 2);
  g_assert_cmpstr (lectern_tracker_group_get_name (group_at (privacy, 2)), ==, "Google Marketing");
  g_assert_cmpuint (lectern_tracker_group_get_n_blocked (group_at (privacy, 2)), ==, 0);
  /* Unknown owner: last, named by its host. */
  g_assert_null (lectern_tracker_group_get_company (group_at (privacy, 3)));
  g_assert_cmpstr (lectern_tracker_group_get_name (group_at (privacy, 3)), ==, "tracker.example");

  lectern_site_privacy_get_category_counts (privacy, LECTERN_CATEGORY_PERFORMANCE, &blocked, &allowed);
  g_assert_cmpuint (blocked, ==, 2);
  g_assert_cmpuint (allowed, ==, 0);
  lectern_site_privacy_get_category_counts (privacy, LECTERN_CATEGORY_TARGETING, &blocked, &allowed);
  g_assert_cmpuint (blocked, ==, 1);
  g_assert_cmpuint (allowed, ==, 2);
  lectern_site_privacy_get_category_counts (privacy, LECTERN_CATEGORY_SOCIAL, &blocked, &allowed);
  g_assert_cmpuint (blocked + allowed, ==, 0);

  /* A new page starts over. */
  lectern_site_privacy_set_page (privacy, other);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  lectern_site_privacy_get_category_counts (privacy, LECTERN_CATEGORY_TARGETING, &blocked, &allowed);
  g_assert_cmpuint (blocked + allowed, ==, 0);

  /* The page shown again is listed from what it holds. */
  lectern_site_privacy_set_page (privacy, page);
  g_assert_cmpuint (g_list_model_get_n_items (lectern_site_privacy_get_trackers (privacy)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 4);
  g_assert_cmpuint (lectern_tracker_group_get_n_requests (group_at (privacy, 1)), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&privacy));
  g_assert_finalize_object (g_steal_pointer (&page));
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* Categories with a violation first, then by category; within one,
 * violations first, then by name. */
static void
test_cookie_order (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  GListModel *cookies = lectern_site_privacy_get_cookies (privacy);
  static const char * const expected[] = { "__gads", "_fbp", "PHPSESSID", "_ga", "lang" };

  lectern_site_privacy_set_page (privacy, page);

  g_ptr_array_add (records, lectern_test_new_cookie ("lang", LECTERN_CATEGORY_UNKNOWN, FALSE));
  g_ptr_array_add (records, lectern_test_new_cookie ("_ga", LECTERN_CATEGORY_PERFORMANCE, FALSE));
  g_ptr_array_add (records, lectern_test_new_cookie ("_fbp", LECTERN_CATEGORY_SOCIAL, TRUE));
  g_ptr_array_add (records, lectern_test_new_cookie ("PHPSESSID", LECTERN_CATEGORY_NECESSARY, FALSE));
  g_ptr_array_add (records, lectern_test_new_cookie ("__gads", LECTERN_CATEGORY_TARGETING, TRUE));
  lectern_page_state_set_cookies (page, records);

  g_assert_cmpuint (g_list_model_get_n_items (cookies), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (cookies, i);

      g_assert_cmpstr (lectern_cookie_item_get_record (item)->name, ==, expected[i]);
    }
  /* The page's cookies changed again: the list follows. */
  g_ptr_array_set_size (records, 2);
  lectern_page_state_set_cookies (page, records);
  g_assert_cmpuint (g_list_model_get_n_items (cookies), ==, 2);

  /* Without a page, nothing. */
  lectern_site_privacy_set_page (privacy, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (cookies), ==, 0);
  g_assert_cmpstr (lectern_site_privacy_get_site (privacy), ==, "");

  g_assert_finalize_object (g_steal_pointer (&privacy));
  g_assert_finalize_object (g_steal_pointer (&page));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The page's consent tool, as the page has it; another page shown, with
 * "page" notified once, has its own. */
static void
test_cmp_outcome (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, NULL, NULL);
  g_autoptr(LecternPageState) other = lectern_page_state_new ("http://www.example-news.com/other/", NULL, NULL);
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("cookiebot", "submit-custom-consent");
  guint count = 0;

  g_signal_connect (privacy, "notify::page", G_CALLBACK (count_notify_cb), &count);
  lectern_site_privacy_set_page (privacy, page);
  g_assert_cmpuint (count, ==, 1);
  lectern_site_privacy_set_page (privacy, page);
  g_assert_cmpuint (count, ==, 1);
  g_assert_null (lectern_site_privacy_get_cmp_outcome (privacy));

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_page_state_set_cmp_outcome (page, outcome);
  g_assert_true (lectern_cmp_outcome_equal (lectern_site_privacy_get_cmp_outcome (privacy), outcome));

  lectern_site_privacy_set_page (privacy, other);
  g_assert_cmpuint (count, ==, 2);
  g_assert_null (lectern_site_privacy_get_cmp_outcome (privacy));

  g_assert_finalize_object (g_steal_pointer (&privacy));
  g_assert_finalize_object (g_steal_pointer (&page));
  g_assert_finalize_object (g_steal_pointer (&other));
}

/* The violations and their count are the page's; another page has its
 * own. */
static void
test_violations (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example-news.com");
  g_autoptr(LecternPageState) page = lectern_page_state_new (PAGE_URL, choices, NULL);
  g_autoptr(LecternPageState) other = lectern_page_state_new ("http://www.example-news.com/other/", choices, NULL);
  g_autoptr(GPtrArray) cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);

  lectern_site_privacy_set_page (privacy, page);
  g_assert_cmpuint (lectern_site_privacy_get_violations (privacy)->len, ==, 0);

  g_ptr_array_add (cookies, lectern_test_new_cookie ("_ga", LECTERN_CATEGORY_PERFORMANCE, TRUE));
  g_ptr_array_add (cookies, lectern_test_new_cookie ("lang", LECTERN_CATEGORY_NECESSARY, FALSE));
  lectern_page_state_set_cookies (page, cookies);
  g_assert_cmpuint (lectern_site_privacy_get_violations (privacy)->len, ==, 1);

  lectern_site_privacy_set_page (privacy, other);
  g_assert_cmpuint (lectern_site_privacy_get_violations (privacy)->len, ==, 0);

  g_assert_finalize_object (g_steal_pointer (&privacy));
  g_assert_finalize_object (g_steal_pointer (&page));
  g_assert_finalize_object (g_steal_pointer (&other));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/site-privacy/tracker-groups", test_tracker_groups);
  g_test_add_func ("/lectern/site-privacy/cookie-order", test_cookie_order);
  g_test_add_func ("/lectern/site-privacy/cmp-outcome", test_cmp_outcome);
  g_test_add_func ("/lectern/site-privacy/violations", test_violations);

  return g_test_run ();
}
