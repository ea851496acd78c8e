/* test-headless-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-test-run.h"
#include "lectern-test-utils.h"

/* The runs without a window (`--report`, `--receipt`, `--article`) on
 * pages that do what pages do to a browser: move about in their history,
 * leave for another site and come back, and never let go of their web
 * process. Each run is the built `lectern`, against the fixture web's
 * www.weathervane-post.com (tests/web/README.md). */

#define SITE              "weathervane-post.com"
#define SITE_ORIGIN       "http://www." SITE "/"
#define HISTORY_URL       SITE_ORIGIN "news/2026/storm-warning/"
#define AWAY_URL          SITE_ORIGIN "away/"
#define SPIN_URL          SITE_ORIGIN "spin/after-load/"
#define SPIN_LOADING_URL  SITE_ORIGIN "spin/during-load/"
#define TRACKER_URL       "http://www.google-analytics.com/analytics.js"

/* Each page is run this many times in each mode: the crash these runs
 * guard against came at a different moment each time. */
#define ROUNDS 2

/* The time-out given to runs of pages that never settle, and what a run
 * may take beyond it: starting, printing and ending. */
#define SPIN_TIMEOUT        "5"
#define SPIN_TIMEOUT_USEC   (5 * G_USEC_PER_SEC)
#define GRACE_USEC          (1 * G_USEC_PER_SEC)

typedef LecternTestRunFixture Fixture;

/* A new profile compiles the filter lists on its first run: done here,
 * before the runs whose time is measured. */
static void
warm_up (Fixture *fixture)
{
  g_auto(LecternTestRun) run = { 0 };
  const char *args[] = { "--data-dir", fixture->data_dir, "--consent", SITE, "functional=off", NULL };

  lectern_test_run_lectern (&run, fixture->dir, args);
  g_assert_cmpint (run.status, ==, 0);
}

static void
assert_complete_report (JsonObject *report,
                        gboolean    complete)
{
  JsonNode *member = json_object_get_member (report, "complete");

  g_assert_cmpint (json_object_get_int_member (report, "version"), ==, 1);
  g_assert_nonnull (member);
  g_assert_cmpint (json_node_get_value_type (member), ==, G_TYPE_BOOLEAN);
  g_assert_cmpint (json_node_get_boolean (member), ==, complete);
  g_assert_cmpstr (json_object_get_string_member (report, "site"), ==, SITE);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (report, "url"), SITE_ORIGIN));
}

/* `--report` or `--receipt`: JSON, of the page's site. */
static JsonNode *
run_json (Fixture    *fixture,
          const char *mode,
          const char *url)
{
  g_auto(LecternTestRun) run = { 0 };
  JsonNode *root;

  lectern_test_run_page (fixture, &run, mode, "30", url);
  g_assert_cmpint (run.status, ==, 0);
  root = lectern_test_run_parse_json (&run);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "site"), ==, SITE);

  return root;
}

static void
check_text_report (Fixture    *fixture,
                   const char *url)
{
  g_auto(LecternTestRun) run = { 0 };

  lectern_test_run_page (fixture, &run, "--report=text", "30", url);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, SITE));
  g_assert_null (strstr (run.out, "Incomplete report"));
}

static void
check_article (Fixture    *fixture,
               const char *url,
               const char *title)
{
  g_auto(LecternTestRun) run = { 0 };

  lectern_test_run_page (fixture, &run, "--article", "30", url);
  if (title != NULL)
    {
      g_assert_cmpint (run.status, ==, 0);
      g_assert_true (g_str_has_prefix (run.out, title));
    }
  else
    {
      g_assert_cmpint (run.status, ==, 3);
      g_assert_cmpstr (run.out, ==, "");
    }
}

static void
check_page (Fixture    *fixture,
            const char *url,
            const char *title)
{
  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(JsonNode) report = run_json (fixture, "--report", url);
      g_autoptr(JsonNode) receipt = run_json (fixture, "--receipt", url);

      assert_complete_report (json_node_get_object (report), TRUE);
      check_text_report (fixture, url);
      check_article (fixture, url, title);
    }
}

/* A page that pushes entries into its history, replaces one, changes its
 * hash and goes back and forward, while it loads and after. */
static void
test_history_moves (Fixture       *fixture,
                    gconstpointer  user_data)
{
  check_page (fixture, HISTORY_URL, "Storm warning for the coast tonight");
}

/* A page that sends itself to another site (a new web process), which
 * sends it back with location.replace() or with history.back(). */
static void
test_away_and_back (Fixture       *fixture,
                    gconstpointer  user_data)
{
  check_page (fixture, AWAY_URL "?how=replace", NULL);
  check_page (fixture, AWAY_URL "?how=back", NULL);
  g_assert_true (lectern_fixture_web_was_requested (fixture->web,
                                                    "http://www.ferryside-echo.com/return/?how=back&to="
                                                    "http%3A%2F%2Fwww.weathervane-post.com%2Faway%2F%3Fhow%3Dback"));
}

static void
assert_in_time (const LecternTestRun *run)
{
  if (run->elapsed_usec >= SPIN_TIMEOUT_USEC + GRACE_USEC)
    g_test_fail_printf ("The run took %.1f s with a time-out of %s s",
                        run->elapsed_usec / (double) G_USEC_PER_SEC, SPIN_TIMEOUT);
}

/* Runs @mode on a page that never settles: the run must end with status 2
 * by its time-out. */
static void
run_spinning (Fixture        *fixture,
              LecternTestRun *run,
              const char     *mode,
              const char     *url)
{
  lectern_test_run_page (fixture, run, mode, SPIN_TIMEOUT, url);
  g_assert_cmpint (run->status, ==, 2);
  assert_in_time (run);
}

/* A page whose script spins for ever once it has loaded: the run keeps
 * its time-out, and prints the report of what it saw, marked incomplete. */
static void
check_spinning_report (Fixture    *fixture,
                       const char *url)
{
  g_auto(LecternTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;
  JsonObject *tracker;

  run_spinning (fixture, &run, "--report", url);
  g_assert_cmpstr (g_strstrip (run.err), !=, "");

  root = lectern_test_run_parse_json (&run);
  report = json_node_get_object (root);
  assert_complete_report (report, FALSE);
  g_assert_cmpstr (json_object_get_string_member (report, "url"), ==, url);

  /* What it saw: the page's tracker, blocked. */
  tracker = lectern_test_find_by_member (json_object_get_array_member (report, "trackers"), "url", TRACKER_URL);
  g_assert_nonnull (tracker);
  g_assert_true (json_object_get_boolean_member (tracker, "blocked"));
  g_assert_false (lectern_fixture_web_was_requested (fixture->web, TRACKER_URL));
}

static void
test_spin_report (Fixture       *fixture,
                  gconstpointer  user_data)
{
  warm_up (fixture);
  check_spinning_report (fixture, SPIN_URL);
  check_spinning_report (fixture, SPIN_LOADING_URL);
}

static void
test_spin_text_report (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };

  warm_up (fixture);
  run_spinning (fixture, &run, "--report=text", SPIN_URL);
  g_assert_true (g_str_has_prefix (run.out, "Incomplete report: "));
  g_assert_nonnull (strstr (run.out, SITE));
  g_assert_nonnull (strstr (run.out, "Google Analytics"));
}

static void
test_spin_article (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_auto(LecternTestRun) run = { 0 };

  warm_up (fixture);
  run_spinning (fixture, &run, "--article", SPIN_URL);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, SPIN_URL));
}

int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it also replaces XDG_DATA_DIRS, where
   * the program under test finds its icons and MIME data. Each run gets its
   * own data folder and XDG homes instead. */
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lectern/headless-run/history-moves", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_history_moves, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/headless-run/away-and-back", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_away_and_back, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/headless-run/spin-report", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_spin_report, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/headless-run/spin-text-report", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_spin_text_report, lectern_test_run_fixture_tear_down);
  g_test_add ("/lectern/headless-run/spin-article", Fixture, NULL,
              lectern_test_run_fixture_set_up, test_spin_article, lectern_test_run_fixture_tear_down);

  return g_test_run ();
}
