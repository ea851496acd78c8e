/* test-autoconsent.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-autoconsent-messages.h"
#include "lectern-fixture-web.h"
#include "lectern-ipc.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"
#include "lectern-window.h"

/* DuckDuckGo autoconsent against the fixture web's CookieYes-style banner
 * (tests/web/www.tidewater-tribune.com): a window run in this process for
 * what only the window shows (the page's DOM, a screenshot, the script
 * worlds), and `lectern --report=json` runs for the report. */

#define PAGE_URL        "http://www.tidewater-tribune.com/news/2026/11/ferry-timetable/"
#define IGNORING_URL    PAGE_URL "?cmp=ignore"
#define FRAME_PAGE_URL  "http://www.saltmarsh-gazette.com/news/2026/11/harbour-wall/"
#define SITE            "tidewater-tribune.com"
#define CMP_NAME        "cookieyes"

/* The banner's background, #12355b (tests/web/…/static/css/site.css). */
#define BANNER_RGB 0x12355b

static const char * const optional_categories[] = {
  "functional=on", "performance=on", "targeting=on", "social=on", "sale=on",
};

typedef LecternTestWindow Fixture;

static LecternWebView *
get_view (Fixture *fixture)
{
  return lectern_window_get_web_view (fixture->window);
}

static gboolean
window_drawn (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

/* Runs @script (a function's body) in the page, in @world or the page's
 * own world for %NULL. */
static char *
evaluate (Fixture    *fixture,
          const char *world,
          const char *script)
{
  return lectern_test_evaluate (WEBKIT_WEB_VIEW (get_view (fixture)), world, script);
}

static guint
count_banner_pixels (const char *name)
{
  return lectern_test_count_pixels (name, BANNER_RGB, 4);
}

static void
assert_outcome (const LecternCmpOutcome *outcome,
                const char              *action)
{
  g_assert_nonnull (outcome);
  g_assert_cmpstr (outcome->name, ==, CMP_NAME);
  g_assert_cmpstr (outcome->action, ==, action);
  g_assert_nonnull (outcome->detail);
  if (g_str_equal (action, "left-alone"))
    g_assert_null (outcome->applied);
  else
    g_assert_nonnull (outcome->applied);
}

static void
run_body (Fixture *fixture)
{
  LecternSitePrivacy *privacy;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autofree char *banner = NULL;
  g_autofree char *consent = NULL;
  g_autofree char *handler = NULL;
  g_autofree char *own_handler = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *title = NULL;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  privacy = lectern_test_window_get_privacy (fixture);

  lectern_test_wait_until (lectern_test_window_is_quiet, fixture, 90);
  lectern_test_wait_until ((LecternTestCondition) window_drawn, fixture, 10);

  /* Every category but the necessary one is off: autoconsent found the
   * tool, refused in its banner, and the banner is gone. */
  assert_outcome (lectern_site_privacy_get_cmp_outcome (privacy), "opt-out");
  banner = evaluate (fixture, NULL, "return String (document.querySelector ('.cky-consent-container'));");
  g_assert_cmpstr (banner, ==, "null");
  consent = evaluate (fixture, NULL, "return document.documentElement.dataset.consent;");
  g_assert_cmpstr (consent, ==, "rejected");
  lectern_test_save_screenshot (GTK_WINDOW (fixture->window), "autoconsent-opt-out.png");
  g_assert_cmpuint (count_banner_pixels ("autoconsent-opt-out.png"), ==, 0);

  /* The handler exists in autoconsent's world only: the page's own
   * scripts cannot post to it, even knowing its name. */
  own_handler = evaluate (fixture, lectern_autoconsent_get_world_name (),
                          "return typeof window.webkit.messageHandlers." LECTERN_IPC_AUTOCONSENT ";");
  g_assert_cmpstr (own_handler, ==, "object");
  handler = evaluate (fixture, NULL,
                      "return typeof (window.webkit && window.webkit.messageHandlers &&"
                      " window.webkit.messageHandlers." LECTERN_IPC_AUTOCONSENT ");");
  g_assert_cmpstr (handler, ==, "undefined");
  g_free (handler);
  handler = evaluate (fixture, NULL, "return typeof window.autoconsentSendMessage + ' ' + typeof window.autoconsentReceiveMessage;");
  g_assert_cmpstr (handler, ==, "undefined undefined");
  forged = evaluate (fixture, NULL,
                     "try {"
                     "  window.webkit.messageHandlers." LECTERN_IPC_AUTOCONSENT ".postMessage ("
                     "    JSON.stringify ({ top: true, message: { type: 'optInResult', cmp: 'forged', result: true } }));"
                     "  return 'posted';"
                     "} catch (e) { return 'refused'; }");
  g_assert_cmpstr (forged, ==, "refused");
  lectern_test_iterate_for (300);
  assert_outcome (lectern_site_privacy_get_cmp_outcome (privacy), "opt-out");

  /* Even from autoconsent's world, code that is not one of its snippets
   * is never run in the page: the answer is "no" and the page unchanged. */
  refused = evaluate (fixture, lectern_autoconsent_get_world_name (),
                      "const reply = await window.webkit.messageHandlers." LECTERN_IPC_AUTOCONSENT ".postMessage ("
                      "  JSON.stringify ({ top: true, message: { type: 'eval', id: 'x1', snippetId: 'EVAL_0',"
                      "                    code: \"document.title = 'changed'\" } }));"
                      "return reply;");
  g_assert_cmpstr (refused, ==, "{\"type\":\"evalResp\",\"id\":\"x1\",\"result\":false}");
  title = evaluate (fixture, NULL, "return document.title;");
  g_assert_cmpstr (title, !=, "changed");

  /* A tool name no rule has (too long, or with control characters) is
   * not taken into the sidebar and the report. */
  g_free (evaluate (fixture, lectern_autoconsent_get_world_name (),
                    "const post = (cmp) => window.webkit.messageHandlers." LECTERN_IPC_AUTOCONSENT ".postMessage ("
                    "  JSON.stringify ({ top: true, message: { type: 'optInResult', cmp: cmp, result: true } }));"
                    "await post ('x'.repeat (500));"
                    "await post ('cookieyes\\u0007');"
                    "return 'ok';"));
  assert_outcome (lectern_site_privacy_get_cmp_outcome (privacy), "opt-out");

  /* One of its own snippets runs, and in the page's world: it sees what
   * the page's scripts defined, which autoconsent's world cannot. */
  g_free (evaluate (fixture, NULL, "window.Cookiebot = {}; return 'ok';"));
  g_clear_pointer (&refused, g_free);
  refused = evaluate (fixture, lectern_autoconsent_get_world_name (),
                      "const reply = await window.webkit.messageHandlers." LECTERN_IPC_AUTOCONSENT ".postMessage ("
                      "  JSON.stringify ({ top: true, message: { type: 'eval', id: 'x2', snippetId: 'EVAL_COOKIEBOT_1',"
                      "                    code: '(() => !!window.Cookiebot)()' } }));"
                      "return reply + ' ' + typeof window.Cookiebot;");
  g_assert_cmpstr (refused, ==, "{\"type\":\"evalResp\",\"id\":\"x2\",\"result\":true} undefined");

  /* Left alone, the banner shows as the site made it and nothing answers
   * it; the consent cookie is dropped first so that the site asks again. */
  g_free (evaluate (fixture, NULL, "document.cookie = 'cookieyes-consent=; max-age=0; path=/'; return 'ok';"));
  choices = lectern_site_choices_copy (lectern_site_privacy_get_choices (privacy));
  lectern_site_choices_set_leave_banner (choices, TRUE);
  lectern_test_set_choices_and_wait (get_view (fixture), choices);
  lectern_test_wait_until (lectern_test_window_is_quiet, fixture, 90);

  assert_outcome (lectern_site_privacy_get_cmp_outcome (privacy), "left-alone");
  g_clear_pointer (&banner, g_free);
  banner = evaluate (fixture, NULL, "return String (document.querySelector ('.cky-consent-container') !== null);");
  g_assert_cmpstr (banner, ==, "true");
  g_clear_pointer (&consent, g_free);
  consent = evaluate (fixture, NULL, "return document.documentElement.dataset.consent;");
  g_assert_cmpstr (consent, ==, "asked");
  lectern_test_save_screenshot (GTK_WINDOW (fixture->window), "autoconsent-left-alone.png");
  /* The banner is wide and a good 130 pixels high. */
  g_assert_cmpuint (count_banner_pixels ("autoconsent-left-alone.png"), >, 20000);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
test_window (void)
{
  Fixture fixture = { 0 };

  lectern_test_window_init (&fixture, "lectern-autoconsent");
  lectern_test_window_run (&fixture, PAGE_URL, run_body);
  g_assert_true (lectern_fixture_web_was_requested (fixture.web, "http://www.tidewater-tribune.com/static/js/consent.js"));
  lectern_test_window_clear (&fixture);
}

static void
run_lectern (const char * const *args,
             char              **out)
{
  g_autofree char *lectern = lectern_test_dup_lectern_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, lectern);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               out != NULL ? G_SUBPROCESS_FLAGS_STDOUT_PIPE : G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static JsonNode *
run_report (Fixture    *fixture,
            const char *url)
{
  const char *args[] = {
    "--data-dir", fixture->data_dir, "--proxy", fixture->proxy, "--timeout", "90", "--report=json", url, NULL,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  JsonNode *root;

  run_lectern (args, &out);
  root = json_from_string (out, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return root;
}

static JsonObject *
get_cmp (JsonNode *report)
{
  JsonObject *root = json_node_get_object (report);

  g_assert_true (json_object_has_member (root, "cmp"));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (root, "cmp")));

  return json_object_get_object_member (root, "cmp");
}

static JsonObject *
find_named (JsonNode   *report,
            const char *member,
            const char *name)
{
  JsonArray *array = json_object_get_array_member (json_node_get_object (report), member);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (item, "name"), name) == 0)
        return item;
    }

  return NULL;
}

static void
test_report_opt_in (void)
{
  g_autoptr(JsonNode) report = NULL;
  Fixture fixture = { 0 };
  JsonObject *cmp;
  JsonObject *ads_cookie;
  const char *consent_args[G_N_ELEMENTS (optional_categories) + 5] = {
    "--data-dir", NULL, "--consent", SITE,
  };

  lectern_test_window_init (&fixture, "lectern-autoconsent");
  consent_args[1] = fixture.data_dir;
  for (guint i = 0; i < G_N_ELEMENTS (optional_categories); i++)
    consent_args[4 + i] = optional_categories[i];
  run_lectern (consent_args, NULL);

  /* Every category on: autoconsent accepts, and the site's ads cookie,
   * set on "Accept All", is no violation. */
  report = run_report (&fixture, PAGE_URL);
  cmp = get_cmp (report);
  g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, CMP_NAME);
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "opt-in");

  ads_cookie = find_named (report, "cookies", "_gcl_au");
  g_assert_nonnull (ads_cookie);
  g_assert_false (json_object_get_boolean_member (ads_cookie, "violation"));
  g_assert_null (find_named (report, "violations", "_gcl_au"));

  lectern_test_window_clear (&fixture);
}

static void
test_report_ignored_refusal (void)
{
  g_autoptr(JsonNode) well = NULL;
  g_autoptr(JsonNode) badly = NULL;
  Fixture fixture = { 0 };
  JsonObject *cmp;
  JsonObject *ads_cookie;
  JsonObject *violation;
  JsonObject *evidence;

  /* Well behaved: refused, and no ads cookie at all. */
  lectern_test_window_init (&fixture, "lectern-autoconsent");
  well = run_report (&fixture, PAGE_URL);
  cmp = get_cmp (well);
  g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, CMP_NAME);
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "opt-out");
  g_assert_nonnull (find_named (well, "cookies", "cookieyes-consent"));
  g_assert_null (find_named (well, "cookies", "_gcl_au"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (well), "violations")), ==, 0);
  lectern_test_window_clear (&fixture);

  /* Badly behaved: the refusal is recorded, yet the ads cookie is set. */
  lectern_test_window_init (&fixture, "lectern-autoconsent");
  badly = run_report (&fixture, IGNORING_URL);
  cmp = get_cmp (badly);
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "opt-out");
  ads_cookie = find_named (badly, "cookies", "_gcl_au");
  g_assert_nonnull (ads_cookie);
  g_assert_cmpstr (json_object_get_string_member (ads_cookie, "category"), ==, "targeting");
  g_assert_true (json_object_get_boolean_member (ads_cookie, "violation"));
  violation = find_named (badly, "violations", "_gcl_au");
  g_assert_nonnull (violation);
  g_assert_cmpstr (json_object_get_string_member (violation, "category"), ==, "targeting");
  /* Caught with what set it: the banner's own script. */
  evidence = json_object_get_object_member (violation, "evidence");
  g_assert_cmpstr (json_object_get_string_member (evidence, "via"), ==, "document.cookie");
  g_assert_cmpstr (json_object_get_string_member (evidence, "by"), ==, "http://www.tidewater-tribune.com/static/js/consent.js");
  lectern_test_window_clear (&fixture);
}

/* A second visit in the same profile: the site holds the refusal from the
 * first, keeps its banner hidden, and autoconsent finds the tool with no
 * banner to answer. The report still names the tool, with nothing applied
 * and no violation. */
static void
test_report_second_visit (void)
{
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  Fixture fixture = { 0 };
  JsonObject *cmp;
  JsonObject *consent_cookie;

  lectern_test_window_init (&fixture, "lectern-autoconsent");

  first = run_report (&fixture, PAGE_URL);
  cmp = get_cmp (first);
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "opt-out");
  g_assert_false (json_node_is_null (json_object_get_member (cmp, "applied")));

  second = run_report (&fixture, PAGE_URL);
  cmp = get_cmp (second);
  g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, CMP_NAME);
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "already-answered");
  g_assert_true (json_node_is_null (json_object_get_member (cmp, "applied")));
  g_assert_false (json_node_is_null (json_object_get_member (cmp, "detail")));

  /* The answer the tool holds is the first visit's refusal. */
  consent_cookie = find_named (second, "cookies", "cookieyes-consent");
  g_assert_nonnull (consent_cookie);
  g_assert_null (find_named (second, "cookies", "_gcl_au"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (second), "violations")), ==, 0);

  lectern_test_window_clear (&fixture);
}

/* A consent tool in a subframe (tests/web/www.saltmarsh-gazette.com: a
 * letters service in an iframe, with a "cookie alert" banner): autoconsent's
 * cookiealert rule runs its snippets in that frame's page world, one to
 * finish the refusal and one, its self-test, reading the tool's page API
 * there (window.CookieConsent, which the top page does not have). Both
 * must run in the frame that asked for the refusal to be confirmed. */
static void
test_report_frame_snippets (void)
{
  g_autoptr(JsonNode) report = NULL;
  Fixture fixture = { 0 };
  JsonObject *cmp;
  const char *detail;

  lectern_test_window_init (&fixture, "lectern-autoconsent");

  report = run_report (&fixture, FRAME_PAGE_URL);
  cmp = get_cmp (report);
  g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, "cookiealert");
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "opt-out");
  detail = json_object_get_string_member (cmp, "detail");
  g_assert_nonnull (detail);
  g_assert_nonnull (strstr (detail, "confirms it"));

  lectern_test_window_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/autoconsent/window", test_window);
  g_test_add_func ("/lectern/autoconsent/report-opt-in", test_report_opt_in);
  g_test_add_func ("/lectern/autoconsent/report-ignored-refusal", test_report_ignored_refusal);
  g_test_add_func ("/lectern/autoconsent/report-second-visit", test_report_second_visit);
  g_test_add_func ("/lectern/autoconsent/report-frame-snippets", test_report_frame_snippets);

  return g_test_run ();
}
