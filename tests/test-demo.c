/* test-demo.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lectern-autoconsent.h"
#include "lectern-consent-section.h"
#include "lectern-fixture-web.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"
#include "lectern-web-view.h"
#include "lectern-window.h"

/* The bundled demo article (resources/demo/article.html), as Lectern shows
 * it when started without a URL: its consent banner is a stand-in for
 * CookieYes, so autoconsent answers it as it answers a real site's, and
 * its tag manager's cookies are caught as violations. Three visits in one
 * profile: the first refuses in the banner, the second finds the answer
 * already there, the third leaves the banner to the reader. */

#define CMP_NAME   "cookieyes"

/* The banner's "Accept All" button is filled with the page's accent
 * colour, #0b5c8a; elsewhere the page uses it only for thin text. */
#define ACCENT_RGB 0x0b5c8a

/* The button is about 100 × 36 pixels; the text in the accent colour
 * (the kicker, the brand) stays well below it. */
#define BUTTON_PIXELS 2500

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

/* Runs @expression in the page's own world and returns what it gave. */
static char *
evaluate (Fixture    *fixture,
          const char *expression)
{
  g_autofree char *body = g_strdup_printf ("return (%s);", expression);

  return lectern_test_evaluate (WEBKIT_WEB_VIEW (get_view (fixture)), NULL, body);
}

static guint
count_accent_pixels (const char *name)
{
  return lectern_test_count_pixels (name, ACCENT_RGB, 3);
}

/* The outcome as the sidebar's consent section words it: never the bare
 * action id. */
static void
assert_sidebar_words (const LecternCmpOutcome *outcome)
{
  g_autofree char *title = lectern_consent_section_dup_tool_title (outcome);
  g_autofree char *text = lectern_consent_section_dup_action_text (outcome);

  /* The tool's own spelling, not the rule's. */
  g_assert_cmpstr (title, ==, "CookieYes");
  g_assert_cmpstr (text, !=, "");
  g_assert_null (strstr (text, outcome->action));
}

static void
load_demo (gpointer data)
{
  lectern_web_view_load_demo (data);
}

/* Loads the demo again, under @choices when given, and waits until that
 * load is done and the page is quiet. */
static void
reload_demo (Fixture            *fixture,
             LecternSiteChoices *choices)
{
  LecternWebView *view = get_view (fixture);

  if (choices != NULL)
    lectern_test_set_choices_and_wait (view, choices);
  else
    lectern_test_load_and_wait (WEBKIT_WEB_VIEW (view), load_demo, view);
  lectern_test_wait_until (lectern_test_window_is_quiet, fixture, 90);
}

static void
run_body (Fixture *fixture)
{
  LecternSitePrivacy *privacy;
  const LecternCmpOutcome *outcome;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *cookie = NULL;
  guint refused_pixels;
  guint answered_pixels;
  guint asked_pixels;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 900);
  privacy = lectern_test_window_get_privacy (fixture);

  lectern_test_wait_until (lectern_test_window_is_quiet, fixture, 90);
  lectern_test_wait_until ((LecternTestCondition) window_drawn, fixture, 10);
  g_assert_cmpstr (webkit_web_view_get_uri (WEBKIT_WEB_VIEW (get_view (fixture))), ==, LECTERN_DEMO_URI);

  /* First visit, every optional category off: the banner was answered
   * "Reject All" and is hidden, the tool holds the refusal, and the tag
   * manager's cookies, set before any answer, are violations. */
  outcome = lectern_site_privacy_get_cmp_outcome (privacy);
  g_assert_nonnull (outcome);
  g_assert_cmpstr (outcome->name, ==, CMP_NAME);
  g_assert_cmpstr (outcome->action, ==, "opt-out");
  g_assert_nonnull (outcome->applied);
  assert_sidebar_words (outcome);

  hidden = evaluate (fixture, "document.querySelector ('.cky-consent-container').getClientRects ().length === 0");
  g_assert_cmpstr (hidden, ==, "true");
  cookie = evaluate (fixture, "/cookieyes-consent=[^;]*advertisement:no/.test (document.cookie)");
  g_assert_cmpstr (cookie, ==, "true");
  g_assert_cmpuint (lectern_site_privacy_get_violations (privacy)->len, >=, 3);

  lectern_test_save_screenshot (GTK_WINDOW (fixture->window), "demo-refused.png");
  refused_pixels = count_accent_pixels ("demo-refused.png");
  g_assert_cmpuint (refused_pixels, <, BUTTON_PIXELS);

  /* Second visit: the tool is found, holds the answer and shows no
   * banner; Lectern tells it nothing and says so. */
  reload_demo (fixture, NULL);
  outcome = lectern_site_privacy_get_cmp_outcome (privacy);
  g_assert_nonnull (outcome);
  g_assert_cmpstr (outcome->name, ==, CMP_NAME);
  g_assert_cmpstr (outcome->action, ==, "already-answered");
  g_assert_null (outcome->applied);
  g_assert_nonnull (outcome->detail);
  assert_sidebar_words (outcome);

  g_clear_pointer (&hidden, g_free);
  hidden = evaluate (fixture, "document.querySelector ('.cky-consent-container').getClientRects ().length === 0");
  g_assert_cmpstr (hidden, ==, "true");
  lectern_test_save_screenshot (GTK_WINDOW (fixture->window), "demo-answered.png");
  answered_pixels = count_accent_pixels ("demo-answered.png");
  g_assert_cmpuint (answered_pixels, <, BUTTON_PIXELS);

  /* Left alone, with the answer dropped: the banner shows as the site
   * made it, which is what the two counts above are measured against. */
  g_clear_pointer (&cookie, g_free);
  cookie = evaluate (fixture, "document.cookie = 'cookieyes-consent=; max-age=0; path=/', 'ok'");
  g_assert_cmpstr (cookie, ==, "ok");
  choices = lectern_site_choices_copy (lectern_site_privacy_get_choices (privacy));
  lectern_site_choices_set_leave_banner (choices, TRUE);
  reload_demo (fixture, choices);

  outcome = lectern_site_privacy_get_cmp_outcome (privacy);
  g_assert_nonnull (outcome);
  g_assert_cmpstr (outcome->action, ==, "left-alone");
  g_clear_pointer (&hidden, g_free);
  hidden = evaluate (fixture, "document.querySelector ('.cky-consent-container').getClientRects ().length === 0");
  g_assert_cmpstr (hidden, ==, "false");
  lectern_test_save_screenshot (GTK_WINDOW (fixture->window), "demo-asked.png");
  asked_pixels = count_accent_pixels ("demo-asked.png");
  g_assert_cmpuint (asked_pixels, >=, BUTTON_PIXELS);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
}

static void
test_demo_consent (void)
{
  Fixture fixture = { 0 };

  /* The demo needs no network; the fixture web's proxy only makes sure
   * that nothing it asks for leaves the machine. */
  lectern_test_window_init (&fixture, "lectern-demo");
  lectern_test_window_run (&fixture, NULL, run_body);
  lectern_test_window_clear (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/demo/consent", test_demo_consent);

  return g_test_run ();
}
