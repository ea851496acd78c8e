/* test-site-privacy.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-item.h"
#include "lectern-site-privacy.h"
#include "lectern-tracker-group.h"

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
add (LecternSitePrivacy *privacy,
     const char         *url,
     const char         *host,
     const char         *name,
     const char         *company,
     LecternCategory     category,
     gboolean            blocked)
{
  g_autoptr(LecternRequestRecord) record = new_record (url, host, name, company, category, blocked);

  lectern_site_privacy_add_request (privacy, record);
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
  GListModel *groups = lectern_site_privacy_get_tracker_groups (privacy);
  guint blocked;
  guint allowed;

  lectern_site_privacy_reset (privacy, PAGE_URL, NULL);

  add (privacy, "http://www.google-analytics.com/analytics.js", "www.google-analytics.com",
       "Google Analytics", "Google", LECTERN_CATEGORY_PERFORMANCE, TRUE);
  add (privacy, "http://ssl.google-analytics.com/ga.js", "ssl.google-analytics.com",
       "Google Analytics", "Google", LECTERN_CATEGORY_PERFORMANCE, TRUE);
  add (privacy, "http://tracker.example/t.js", "tracker.example",
       NULL, NULL, LECTERN_CATEGORY_TARGETING, FALSE);
  add (privacy, "http://c.amazon-adsystem.com/aax2/apstag.js", "c.amazon-adsystem.com",
       "Amazon Advertising", "Amazon", LECTERN_CATEGORY_TARGETING, TRUE);
  add (privacy, "http://securepubads.g.doubleclick.net/tag/js/gpt.js", "securepubads.g.doubleclick.net",
       "Google Marketing", "Google", LECTERN_CATEGORY_TARGETING, FALSE);
  /* The same request again (the preload scanner) is one request. */
  add (privacy, "http://www.google-analytics.com/analytics.js", "www.google-analytics.com",
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
  lectern_site_privacy_reset (privacy, "http://www.example-news.com/other/", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 0);
  lectern_site_privacy_get_category_counts (privacy, LECTERN_CATEGORY_TARGETING, &blocked, &allowed);
  g_assert_cmpuint (blocked + allowed, ==, 0);
}

static LecternCookieRecord *
new_cookie (const char      *name,
            LecternCategory  category,
            gboolean         violation)
{
  LecternCookieRecord *record = lectern_cookie_record_new ();

  record->name = g_strdup (name);
  record->domain = g_strdup (".example-news.com");
  record->category = category;
  record->violation = violation;
  record->removed = violation;

  return record;
}

/* Categories with a violation first, then by category; within one,
 * violations first, then by name. */
static void
test_cookie_order (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  GListModel *cookies = lectern_site_privacy_get_cookies (privacy);
  static const char * const expected[] = { "__gads", "_fbp", "PHPSESSID", "_ga", "lang" };

  lectern_site_privacy_reset (privacy, PAGE_URL, NULL);

  g_ptr_array_add (records, new_cookie ("lang", LECTERN_CATEGORY_UNKNOWN, FALSE));
  g_ptr_array_add (records, new_cookie ("_ga", LECTERN_CATEGORY_PERFORMANCE, FALSE));
  g_ptr_array_add (records, new_cookie ("_fbp", LECTERN_CATEGORY_SOCIAL, TRUE));
  g_ptr_array_add (records, new_cookie ("PHPSESSID", LECTERN_CATEGORY_NECESSARY, FALSE));
  g_ptr_array_add (records, new_cookie ("__gads", LECTERN_CATEGORY_TARGETING, TRUE));
  lectern_site_privacy_set_cookies (privacy, records);

  g_assert_cmpuint (g_list_model_get_n_items (cookies), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (cookies, i);

      g_assert_cmpstr (lectern_cookie_item_get_record (item)->name, ==, expected[i]);
    }
}

typedef struct
{
  char *name;
  char *domain;
  char *category_id;
  guint count;
} Deleted;

static void
delete_cookies_cb (LecternSitePrivacy *privacy,
                   const char         *name,
                   const char         *domain,
                   const char         *category_id,
                   Deleted            *deleted)
{
  g_free (deleted->name);
  g_free (deleted->domain);
  g_free (deleted->category_id);
  deleted->name = g_strdup (name);
  deleted->domain = g_strdup (domain);
  deleted->category_id = g_strdup (category_id);
  deleted->count++;
}

static void
test_delete_requests (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  Deleted deleted = { 0 };

  g_signal_connect (privacy, "delete-cookies", G_CALLBACK (delete_cookies_cb), &deleted);

  lectern_site_privacy_delete_cookie (privacy, "_ga", ".example-news.com");
  g_assert_cmpuint (deleted.count, ==, 1);
  g_assert_cmpstr (deleted.name, ==, "_ga");
  g_assert_cmpstr (deleted.domain, ==, ".example-news.com");
  g_assert_null (deleted.category_id);

  lectern_site_privacy_delete_category_cookies (privacy, LECTERN_CATEGORY_SOCIAL);
  g_assert_cmpuint (deleted.count, ==, 2);
  g_assert_null (deleted.name);
  g_assert_cmpstr (deleted.category_id, ==, "social");

  g_free (deleted.name);
  g_free (deleted.domain);
  g_free (deleted.category_id);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The page's consent tool: one notify per change, none for the same
 * outcome again, a copy kept, and a new page forgets it; the report
 * carries it. */
static void
test_cmp_outcome (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("cookiebot", "submit-custom-consent");
  g_autoptr(LecternCmpOutcome) same = NULL;
  g_autoptr(LecternPageReport) report = NULL;
  LecternCmpOutcome *property = NULL;
  guint count = 0;

  lectern_site_privacy_reset (privacy, PAGE_URL, NULL);
  g_signal_connect (privacy, "notify::cmp-outcome", G_CALLBACK (count_notify_cb), &count);
  g_assert_null (lectern_site_privacy_get_cmp_outcome (privacy));

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_site_privacy_set_cmp_outcome (privacy, outcome);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (lectern_site_privacy_get_cmp_outcome (privacy) != outcome);
  g_assert_true (lectern_cmp_outcome_equal (lectern_site_privacy_get_cmp_outcome (privacy), outcome));

  same = lectern_cmp_outcome_copy (outcome);
  lectern_site_privacy_set_cmp_outcome (privacy, same);
  g_assert_cmpuint (count, ==, 1);

  g_object_get (privacy, "cmp-outcome", &property, NULL);
  g_assert_true (lectern_cmp_outcome_equal (property, outcome));
  lectern_cmp_outcome_free (property);

  report = lectern_site_privacy_build_report (privacy);
  g_assert_true (lectern_cmp_outcome_equal (lectern_page_report_get_cmp (report), outcome));

  lectern_consent_record_add (&same->recorded, LECTERN_CATEGORY_PERFORMANCE, TRUE);
  lectern_site_privacy_set_cmp_outcome (privacy, same);
  g_assert_cmpuint (count, ==, 2);

  lectern_site_privacy_reset (privacy, "http://www.example-news.com/other/", NULL);
  g_assert_cmpuint (count, ==, 3);
  g_assert_null (lectern_site_privacy_get_cmp_outcome (privacy));
}

/* Every violation of the page with its evidence: violating cookies
 * joined with the writes caught, and the consent tool's refused-but-
 * granted categories; "n-all-violations" notified on change only; the
 * report gets the evidence; a new page forgets it. */
static void
test_violations (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  g_autoptr(LecternSiteChoices) choices = lectern_site_choices_new ("example-news.com");
  g_autoptr(LecternCmpOutcome) outcome = lectern_cmp_outcome_new ("tcf", "read-only");
  g_autoptr(LecternCookieEvidence) write = NULL;
  g_autoptr(LecternCookieEvidence) response = NULL;
  g_autoptr(GPtrArray) cookies = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  g_autoptr(LecternPageReport) report = NULL;
  g_autoptr(GPtrArray) reported = NULL;
  const LecternViolation *violation;
  GPtrArray *violations;
  guint count = 0;
  guint n = 0;

  lectern_site_privacy_reset (privacy, PAGE_URL, choices);
  g_signal_connect (privacy, "notify::n-all-violations", G_CALLBACK (count_notify_cb), &count);
  g_assert_cmpuint (lectern_site_privacy_get_violations (privacy)->len, ==, 0);

  write = lectern_cookie_evidence_new ("_ga", "www.example-news.com", LECTERN_COOKIE_VIA_DOCUMENT_COOKIE,
                                       "http://www.example-news.com/ga.js", NULL);
  lectern_site_privacy_add_cookie_evidence (privacy, write);
  lectern_site_privacy_add_cookie_evidence (privacy, write);
  g_assert_cmpuint (count, ==, 0);

  /* A name-less response changes no count. */
  response = lectern_cookie_evidence_new (NULL, "www.example-news.com", LECTERN_COOKIE_VIA_SET_COOKIE,
                                          "http://www.example-news.com/", NULL);
  lectern_site_privacy_add_cookie_evidence (privacy, response);
  g_assert_cmpuint (count, ==, 0);

  g_ptr_array_add (cookies, new_cookie ("_ga", LECTERN_CATEGORY_PERFORMANCE, TRUE));
  g_ptr_array_add (cookies, new_cookie ("lang", LECTERN_CATEGORY_NECESSARY, FALSE));
  lectern_site_privacy_set_cookies (privacy, cookies);
  g_assert_cmpuint (count, ==, 1);

  violations = lectern_site_privacy_get_violations (privacy);
  g_assert_cmpuint (violations->len, ==, 1);
  violation = g_ptr_array_index (violations, 0);
  g_assert_cmpstr (violation->name, ==, "_ga");
  g_assert_cmpstr (violation->via, ==, "document.cookie");
  g_assert_cmpstr (violation->by, ==, "http://www.example-news.com/ga.js");

  lectern_consent_record_add (&outcome->recorded, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_site_privacy_set_cmp_outcome (privacy, outcome);
  g_assert_cmpuint (count, ==, 2);
  g_object_get (privacy, "n-all-violations", &n, NULL);
  g_assert_cmpuint (n, ==, 2);

  report = lectern_site_privacy_build_report (privacy);
  reported = lectern_page_report_dup_violations (report);
  g_assert_cmpuint (reported->len, ==, 2);
  violation = g_ptr_array_index (reported, 0);
  g_assert_cmpstr (violation->by, ==, "http://www.example-news.com/ga.js");
  violation = g_ptr_array_index (reported, 1);
  g_assert_cmpint (violation->kind, ==, LECTERN_VIOLATION_CMP);

  /* With targeting allowed the tool's record breaks nothing any more;
   * the cookie's flag is the enforcer's to change. */
  lectern_site_choices_set_allowed (choices, LECTERN_CATEGORY_TARGETING, TRUE);
  lectern_site_privacy_set_choices (privacy, choices);
  g_assert_cmpuint (lectern_site_privacy_get_violations (privacy)->len, ==, 1);

  lectern_site_privacy_reset (privacy, "http://www.example-news.com/other/", choices);
  g_assert_cmpuint (lectern_site_privacy_get_violations (privacy)->len, ==, 0);
}

static void
reapply_cb (LecternSitePrivacy *privacy,
            guint              *count)
{
  (*count)++;
}

static void
test_reapply_consent (void)
{
  g_autoptr(LecternSitePrivacy) privacy = lectern_site_privacy_new ();
  guint count = 0;

  g_signal_connect (privacy, "reapply-consent", G_CALLBACK (reapply_cb), &count);
  lectern_site_privacy_reapply_consent (privacy);
  g_assert_cmpuint (count, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/site-privacy/tracker-groups", test_tracker_groups);
  g_test_add_func ("/lectern/site-privacy/cookie-order", test_cookie_order);
  g_test_add_func ("/lectern/site-privacy/delete-requests", test_delete_requests);
  g_test_add_func ("/lectern/site-privacy/cmp-outcome", test_cmp_outcome);
  g_test_add_func ("/lectern/site-privacy/violations", test_violations);
  g_test_add_func ("/lectern/site-privacy/reapply-consent", test_reapply_consent);

  return g_test_run ();
}
