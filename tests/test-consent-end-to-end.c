/* test-consent-end-to-end.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-fixture-web.h"
#include "lectern-site-store.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"
#include "lectern-window.h"

/* Lectern answers each site's own consent tool with the reader's choices
 * and reads back what the tool recorded: OneTrust (with groups the site
 * renamed), Cookiebot and an IAB TCF v2 tool, each a stand-in in the
 * fixture web that can be told to misbehave by the page's query
 * (tests/web/README.md). */

#define ONETRUST_URL  "http://www.harbour-gazette.com/news/2026/11/ferry-timetable/"
#define ONETRUST_SITE "harbour-gazette.com"
/* The same site, where OneTrust's stub loads but OneTrust itself never does. */
#define ONETRUST_STUB_ONLY_URL "http://www.harbour-gazette.com/news/2026/11/tide-tables/"
#define COOKIEBOT_URL "http://www.northfield-courier.com/news/2026/11/library-late-opening/"
#define TCF_URL       "http://www.lakeside-tribune.com/news/2026/11/school-bus-route/"
/* A Cookiebot site whose reader asked Lectern to leave its banner alone. */
#define ALONE_URL     "http://www.eastbay-ledger.com/news/2026/11/harbour-wall/"
#define ALONE_SITE    "eastbay-ledger.com"
/* A OneTrust site (standard groups) whose banner the reader wants, too. */
#define ONETRUST_ALONE_URL  "http://www.example-news.com/news/2026/11/city-council-votes/"
#define ONETRUST_ALONE_SITE "example-news.com"
/* A page whose make-believe consent tool answers with exceptions and garbage. */
#define HOSTILE_URL   "http://www.lakeside-tribune.com/news/2026/11/hostile-consent/"

#define QUIET_USEC (2 * G_USEC_PER_SEC)

/* What the page's consent banners look like to the reader: "absent" when
 * no banner element exists, "hidden" when one exists but shows nothing,
 * "visible:ID" otherwise. */
static const char banner_script[] =
  "(function () {"
  "  var ids = ['onetrust-consent-sdk', 'onetrust-banner-sdk', 'CybotCookiebotDialog', 'fairconsent-banner'];"
  "  var found = false;"
  "  for (var i = 0; i < ids.length; i++) {"
  "    var e = document.getElementById(ids[i]);"
  "    if (!e) continue;"
  "    found = true;"
  "    var style = getComputedStyle(e);"
  "    if (e.getClientRects().length > 0 && style.visibility !== 'hidden' && style.display !== 'none')"
  "      return 'visible:' + ids[i];"
  "  }"
  "  return found ? 'hidden' : 'absent';"
  "})()";

typedef struct
{
  const char *url;
  const char *tool;
  const char *action;
  /* What banner_script must answer; "not-visible" takes "absent" or
   * "hidden" (a tool that shows its banner until it is answered). */
  const char *banner;
  /* What the tool must hold: "category=on|off …", exactly the categories
   * it knows. */
  const char *recorded;
  /* The categories recorded as granted although refused: "a,b" or "". */
  const char *violations;
  /* A screenshot to save, looked at by people. */
  const char *screenshot;
} Case;

/* In this order, in one window: the OneTrust site's first page teaches
 * Lectern its renamed groups, and a tool that misbehaves is told again
 * (UpdateConsent) what the cookie already said.
 *
 * The reader's choices: every site refuses performance and targeting;
 * the OneTrust site allows functional and social media, so that its
 * renamed groups matter (its C0002 is functional, C0003 analytics, C0004
 * social media, C0009 advertising: the standard ids would mean otherwise). */
static const Case cases[] = {
  { ONETRUST_URL, "onetrust", "update-consent", "absent",
    "necessary=on functional=on performance=off targeting=off social=on", "", "consent-onetrust.png" },
  { ONETRUST_URL "?cmp=ignore", "onetrust", "update-consent", "absent",
    "necessary=on functional=on performance=on targeting=on social=on", "performance,targeting", NULL },
  { ONETRUST_URL "?cmp=record", "onetrust", "update-consent", "absent",
    "necessary=on functional=on performance=off targeting=on social=on", "targeting", NULL },
  /* Obeys, and sets an advertising cookie anyway: the tool's record is
   * right, the cookie is caught as a cookie. The site's groups are known
   * by now, so the cookie written before the page's scripts ran already
   * said it all: nothing left to update. */
  { ONETRUST_URL "?cmp=cookie", "onetrust", "consent-cookie", "absent",
    "necessary=on functional=on performance=off targeting=off social=on", "", NULL },
  /* OneTrust never came: what its cookie says, as Lectern wrote it. */
  { ONETRUST_STUB_ONLY_URL, "onetrust", "consent-cookie", "absent",
    "necessary=on functional=on performance=off targeting=off social=on", "", NULL },

  { COOKIEBOT_URL, "cookiebot", "submit-custom-consent", "not-visible",
    "necessary=on functional=off performance=off targeting=off", "", "consent-cookiebot.png" },
  /* Cookiebot holds the choices since: nothing to submit again (each
   * submission is a new consent in Cookiebot's log). */
  { COOKIEBOT_URL "?visit=2", "cookiebot", "read-only", "absent",
    "necessary=on functional=off performance=off targeting=off", "", NULL },
  { COOKIEBOT_URL "?cmp=ignore", "cookiebot", "submit-custom-consent", "not-visible",
    "necessary=on functional=on performance=on targeting=on", "functional,performance,targeting", NULL },
  { COOKIEBOT_URL "?cmp=record", "cookiebot", "submit-custom-consent", "not-visible",
    "necessary=on functional=off performance=off targeting=on", "targeting", NULL },

  /* The TCF tool takes Global Privacy Control (sale of data is refused)
   * as an objection to every purpose; Lectern only reads its string. */
  { TCF_URL, "tcf", "read-only", "absent",
    "functional=off performance=off targeting=off", "", "consent-tcf.png" },
  /* A misbehaving TCF tool adds to the string it holds: the smaller lie first. */
  { TCF_URL "?cmp=record", "tcf", "read-only", "absent",
    "functional=off performance=off targeting=on", "targeting", NULL },
  { TCF_URL "?cmp=ignore", "tcf", "read-only", "absent",
    "functional=on performance=on targeting=on", "functional,performance,targeting", NULL },

  /* Hostile pages: the tool failed or holds nothing; nothing breaks. */
  { HOSTILE_URL "?tool=onetrust", "onetrust", "failed", "absent", "", "", NULL },
  { HOSTILE_URL "?tool=cookiebot", "cookiebot", "read-only", "absent", "", "", NULL },
  { HOSTILE_URL "?tool=tcf", "tcf", "read-only", "absent", "", "", NULL },

  /* Left alone: Cookiebot is told nothing and shows its banner. */
  { ALONE_URL, "cookiebot", "left-alone", "visible:CybotCookiebotDialog",
    "necessary=on functional=off performance=off targeting=off", "", "consent-left-alone.png" },
  /* No cookie written: OneTrust shows its banner and holds its defaults. */
  { ONETRUST_ALONE_URL, "onetrust", "left-alone", "visible:onetrust-consent-sdk",
    "necessary=on functional=off performance=off targeting=off social=off", "", NULL },
};

typedef struct
{
  LecternTestWindow  base;
  /* The command line's own XDG folders */
  char              *dir;
  const Case        *current;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  lectern_test_window_init (&fixture->base, "lectern-consent-e2e");
  fixture->dir = lectern_test_dup_tmp_dir ("lectern-consent-e2e-xdg");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  lectern_test_window_clear (&fixture->base);
  lectern_test_rm_rf (fixture->dir, &error);
  g_assert_no_error (error);
  g_free (fixture->dir);
}

static void
save_choices (Fixture            *fixture,
              const char         *site,
              const char * const *allowed,
              gboolean            leave_banner)
{
  g_autofree char *path = g_build_filename (fixture->base.data_dir, "sites.db", NULL);
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autoptr(GError) error = NULL;

  store = lectern_site_store_open (path, &error);
  g_assert_no_error (error);

  choices = lectern_site_choices_new_allowing (site, allowed);
  lectern_site_choices_set_leave_banner (choices, leave_banner);
  lectern_site_store_save_choices (store, choices, &error);
  g_assert_no_error (error);
}

static void
parse_record (const char           *text,
              LecternConsentRecord *record)
{
  g_auto(GStrv) pairs = g_strsplit (text, " ", -1);

  lectern_consent_record_init (record);
  for (guint i = 0; pairs[i] != NULL && pairs[i][0] != '\0'; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      LecternCategory category;

      g_assert_true (lectern_category_from_id (kv[0], &category));
      lectern_consent_record_add (record, category, g_str_equal (kv[1], "on"));
    }
}

static char *
dup_violations (const LecternCmpOutcome  *outcome,
                const LecternSiteChoices *choices)
{
  g_autoptr(GArray) violations = lectern_consent_record_find_violations (&outcome->recorded, choices);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < violations->len; i++)
    g_strv_builder_add (builder, lectern_category_to_id (g_array_index (violations, LecternCategory, i)));
  ids = g_strv_builder_end (builder);

  return g_strjoinv (",", ids);
}

static gboolean
page_settled (Fixture *fixture)
{
  LecternWebView *view = lectern_window_get_web_view (fixture->base.window);
  const LecternCmpOutcome *outcome = lectern_page_state_get_cmp_outcome (lectern_web_view_get_page (view));

  return !webkit_web_view_is_loading (WEBKIT_WEB_VIEW (view)) &&
         g_strcmp0 (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (view)), fixture->current->url) == 0 &&
         g_get_monotonic_time () - lectern_web_view_get_last_activity (view) > QUIET_USEC &&
         outcome != NULL;
}

static void
wait_for_page (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!page_settled (fixture))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("%s did not settle with a consent tool found", fixture->current->url);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Runs @expression in the page's own world and returns what it gave. */
static char *
evaluate (Fixture    *fixture,
          const char *expression)
{
  g_autofree char *body = g_strdup_printf ("return (%s);", expression);

  return lectern_test_evaluate (WEBKIT_WEB_VIEW (lectern_window_get_web_view (fixture->base.window)), NULL, body);
}

static JsonObject *
find_object (JsonArray  *array,
             const char *member,
             const char *value,
             const char *member2,
             const char *value2)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (object, member, NULL), value) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (object, member2, NULL), value2) == 0)
        return object;
    }

  return NULL;
}

/* The report, as `lectern --report` writes it for the page on screen:
 * "cmp" holds the tool, what Lectern did and exactly the categories it
 * recorded; each category recorded against the choices is a violation. */
static void
check_report (Fixture                  *fixture,
              const LecternConsentRecord *expected)
{
  const Case *c = fixture->current;
  LecternPageState *page = lectern_web_view_get_page (lectern_window_get_web_view (fixture->base.window));
  g_autoptr(LecternPageReport) report = lectern_page_state_build_report (page);
  g_autofree char *json = lectern_page_report_to_json (report);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) violated = g_strsplit (c->violations, ",", -1);
  JsonObject *root, *cmp, *recorded;
  JsonArray *violations;
  guint n_known = 0;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  cmp = json_object_get_object_member (root, "cmp");
  g_assert_nonnull (cmp);
  g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, c->tool);
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, c->action);
  recorded = json_object_get_object_member (cmp, "recorded");
  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean granted;

      if (!lectern_consent_record_lookup (expected, category, &granted))
        {
          g_assert_false (json_object_has_member (recorded, lectern_category_to_id (category)));
          continue;
        }
      n_known++;
      g_assert_cmpint (json_object_get_boolean_member (recorded, lectern_category_to_id (category)), ==, granted);
    }
  g_assert_cmpuint (json_object_get_size (recorded), ==, n_known);
  g_assert_true (json_object_has_member (cmp, "detail"));
  if (g_str_equal (c->action, "left-alone") || g_str_equal (c->action, "read-only") ||
      g_str_equal (c->action, "failed"))
    g_assert_true (json_object_get_null_member (cmp, "applied"));
  else
    g_assert_nonnull (json_object_get_string_member (cmp, "applied"));

  violations = json_object_get_array_member (root, "violations");
  for (guint i = 0; violated[i] != NULL && violated[i][0] != '\0'; i++)
    if (find_object (violations, "kind", "cmp", "category", violated[i]) == NULL)
      g_test_fail_printf ("%s: the report has no \"cmp\" violation for %s", c->url, violated[i]);
  if (c->violations[0] == '\0')
    for (guint i = 0; i < json_array_get_length (violations); i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (violations, i), "kind"), !=, "cmp");
}

static void
check_case (Fixture *fixture)
{
  const Case *c = fixture->current;
  LecternSitePrivacy *privacy = lectern_test_window_get_privacy (&fixture->base);
  const LecternCmpOutcome *outcome = lectern_site_privacy_get_cmp_outcome (privacy);
  g_autofree char *banner = NULL;
  g_autofree char *violations = NULL;
  LecternConsentRecord expected;

  g_test_message ("%s: %s, %s, %s", c->url, outcome->name, outcome->action,
                  outcome->detail != NULL ? outcome->detail : "");

  g_assert_cmpstr (outcome->name, ==, c->tool);
  g_assert_cmpstr (outcome->action, ==, c->action);

  /* The tool holds what it was told (or, misbehaving, what it made up). */
  parse_record (c->recorded, &expected);
  g_assert_cmphex (outcome->recorded.known, ==, expected.known);
  g_assert_cmphex (outcome->recorded.granted, ==, expected.granted);

  violations = dup_violations (outcome, lectern_site_privacy_get_choices (privacy));
  g_assert_cmpstr (violations, ==, c->violations);

  banner = evaluate (fixture, banner_script);
  if (g_str_equal (c->banner, "not-visible"))
    g_assert_false (g_str_has_prefix (banner, "visible"));
  else
    g_assert_cmpstr (banner, ==, c->banner);

  check_report (fixture, &expected);

  if (c->screenshot != NULL)
    lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), c->screenshot);
}

static void
run_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;

  gtk_window_set_default_size (GTK_WINDOW (fixture->base.window), 1280, 860);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      fixture->current = &cases[i];
      if (i > 0)
        lectern_window_load_uri (fixture->base.window, cases[i].url);
      wait_for_page (fixture);
      check_case (fixture);
    }

  gtk_window_destroy (GTK_WINDOW (fixture->base.window));
}

static void
test_tools_in_window (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char * const onetrust_allowed[] = { "necessary", "functional", "social", NULL };
  static const char * const necessary_only[] = { "necessary", NULL };
  save_choices (fixture, ONETRUST_SITE, onetrust_allowed, FALSE);
  save_choices (fixture, ALONE_SITE, necessary_only, TRUE);
  save_choices (fixture, ONETRUST_ALONE_SITE, necessary_only, TRUE);

  fixture->current = &cases[0];
  lectern_test_window_run (&fixture->base, cases[0].url, run_body);
}

/* Runs `lectern ARGS…` with the fixture's profile and proxy; returns its
 * standard output. */
static char *
run_lectern (Fixture            *fixture,
             const char * const *args)
{
  static const char * const xdg_homes[] = {
    "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lectern = lectern_test_dup_lectern_path ();
  char *out = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (xdg_homes); i++)
    {
      g_autofree char *home = g_build_filename (fixture->dir, xdg_homes[i], NULL);

      g_subprocess_launcher_setenv (launcher, xdg_homes[i], home, TRUE);
    }

  g_ptr_array_add (argv, lectern);
  g_ptr_array_add (argv, (char *) "--data-dir");
  g_ptr_array_add (argv, fixture->base.data_dir);
  g_ptr_array_add (argv, (char *) "--proxy");
  g_ptr_array_add (argv, fixture->base.proxy);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  return out;
}

static JsonObject *
report_cmp (Fixture    *fixture,
            JsonParser *parser)
{
  const char *args[] = { "--timeout", "60", "--report=json", ONETRUST_URL, NULL };
  g_autofree char *out = run_lectern (fixture, args);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);

  return json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "cmp");
}

/* The site's renamed OneTrust groups are learned on the first visit and
 * kept in the profile: on the next visit, in a new process, OneTrust's
 * cookie is written in the site's own ids before its scripts run, so
 * that the tool holds the choices (changed in between) without being
 * told again. */
static void
test_onetrust_groups_remembered (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  const char *allow[] = { "--consent", ONETRUST_SITE, "functional=on", "social=on", NULL };
  const char *refuse_social[] = { "--consent", ONETRUST_SITE, "social=off", NULL };
  const char *text_args[] = { "--timeout", "60", "--report=text", ONETRUST_URL, NULL };
  g_autoptr(JsonParser) first_parser = json_parser_new ();
  g_autoptr(JsonParser) second_parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *memory = NULL;
  g_autofree char *memory_path = g_build_filename (fixture->base.data_dir, "consent-tools.ini", NULL);
  JsonObject *cmp, *recorded;

  g_free (run_lectern (fixture, allow));

  cmp = report_cmp (fixture, first_parser);
  g_assert_cmpstr (json_object_get_string_member (cmp, "name"), ==, "onetrust");
  /* Written with the standard ids first, then corrected by name. */
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "update-consent");

  g_assert_true (g_file_get_contents (memory_path, &memory, NULL, NULL));
  g_assert_nonnull (strstr (memory, "[" ONETRUST_SITE "]"));
  g_assert_nonnull (strstr (memory, "\"C0009\""));

  g_free (run_lectern (fixture, refuse_social));

  cmp = report_cmp (fixture, second_parser);
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "consent-cookie");
  recorded = json_object_get_object_member (cmp, "recorded");
  g_assert_true (json_object_get_boolean_member (recorded, "functional"));
  g_assert_false (json_object_get_boolean_member (recorded, "social"));
  g_assert_false (json_object_get_boolean_member (recorded, "performance"));
  g_assert_false (json_object_get_boolean_member (recorded, "targeting"));

  out = run_lectern (fixture, text_args);
  g_assert_nonnull (strstr (out, "\nTool:     onetrust (consent-cookie), recorded necessary on, functional on, "
                                 "performance off, targeting off, social off\n"));
}

/* A damaged memory is set aside, not trusted, and learned again. */
static void
test_damaged_memory (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *allow[] = { "--consent", ONETRUST_SITE, "functional=on", "social=on", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *memory_path = g_build_filename (fixture->base.data_dir, "consent-tools.ini", NULL);
  g_autofree char *aside = g_strconcat (memory_path, ".damaged", NULL);
  g_autofree char *memory = NULL;
  JsonObject *cmp;

  g_assert_true (g_file_set_contents (memory_path, "[harbour-gazette.com\nnot a key file at all", -1, NULL));
  g_free (run_lectern (fixture, allow));

  cmp = report_cmp (fixture, parser);
  g_assert_cmpstr (json_object_get_string_member (cmp, "action"), ==, "update-consent");
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (memory_path, &memory, NULL, NULL));
  g_assert_nonnull (strstr (memory, "\"C0009\""));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/lectern/consent-end-to-end/tools-in-window", Fixture, NULL,
              fixture_set_up, test_tools_in_window, fixture_tear_down);
  g_test_add ("/lectern/consent-end-to-end/onetrust-groups-remembered", Fixture, NULL,
              fixture_set_up, test_onetrust_groups_remembered, fixture_tear_down);
  g_test_add ("/lectern/consent-end-to-end/damaged-memory", Fixture, NULL,
              fixture_set_up, test_damaged_memory, fixture_tear_down);

  return g_test_run ();
}
