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
 * and leave for another site and come back. Each run is the built `lectern`, against the fixture web's
 * www.weathervane-post.com (tests/web/README.md). */

#define SITE              "weathervane-post.com"
#define SITE_ORIGIN       "http://www." SITE "/"
#define HISTORY_URL       SITE_ORIGIN "news/2026/storm-warning/"
#define AWAY_URL          SITE_ORIGIN "away/"

/* Each page is run this many times in each mode: the crash these runs
 * guard against came at a different moment each time. */
#define ROUNDS 2

typedef LecternTestRunFixture Fixture;

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

      g_assert_true (g_str_has_prefix (json_object_get_string_member (json_node_get_object (report), "url"),
                                       SITE_ORIGIN));
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

  return g_test_run ();
}
