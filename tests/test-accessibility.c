/* test-accessibility.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "lectern-cookie-item.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"

/* The window as a screen reader reads it over AT-SPI, where every control
 * has a name. */

#define ARTICLE_URL "http://www.example-news.com/news/2026/11/city-council-votes/"

typedef struct
{
  LecternTestWindow  base;
  LecternSidebar    *sidebar;
  const char        *wanted_cookie;
} Fixture;

/* The AT-SPI roles of what a reader acts on. */
static const char * const control_roles[] = {
  "push button",
  "toggle button",
  "check box",
  "radio button",
  "switch",
  "page tab",
  "combo box",
  "spin button",
  "menu item",
  "entry",
  "text",
  NULL
};

static gboolean
wanted_cookie_listed (Fixture *fixture)
{
  GListModel *cookies = lectern_site_privacy_get_cookies (lectern_sidebar_get_privacy (fixture->sidebar));

  for (guint i = 0; i < g_list_model_get_n_items (cookies); i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (cookies, i);

      if (g_str_equal (lectern_cookie_item_get_record (item)->name, fixture->wanted_cookie))
        return TRUE;
    }

  return FALSE;
}

static void
add_cookie (Fixture    *fixture,
            const char *name,
            const char *value)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (lectern_window_get_web_view (fixture->base.window));
  WebKitCookieManager *manager = webkit_network_session_get_cookie_manager (webkit_web_view_get_network_session (view));
  g_autoptr(SoupCookie) cookie = soup_cookie_new (name, value, ".example-news.com", "/", 3600 * 24 * 400);

  webkit_cookie_manager_add_cookie (manager, cookie, NULL, NULL, NULL);
  fixture->wanted_cookie = name;
  lectern_test_wait_until ((LecternTestCondition) wanted_cookie_listed, fixture, 30);
}

typedef struct
{
  gboolean  done;
  char     *out;
  char     *err;
  GError   *error;
} Dump;

static void
dump_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Dump *dump = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &dump->out, &dump->err, &dump->error);
  dump->done = TRUE;
}

/* The window's accessible tree as AT-SPI gives it to a screen reader,
 * read by a second process while this one answers. */
static char *
read_accessible_tree (void)
{
  g_autofree char *dumper = g_test_build_filename (G_TEST_BUILT, "lectern-atspi-dump", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Dump dump = { 0 };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              dumper, pid, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, dump_done_cb, &dump);
  while (!dump.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (dump.error);
  if (!g_subprocess_get_successful (process))
    g_error ("Reading the accessible tree failed: %s", dump.err);
  g_free (dump.err);

  return dump.out;
}

/* Every control has a name a screen reader can say. GTK 4.8 names a
 * control it has no name for after a widget type ("GtkImage"): that is
 * no name either. */
static void
check_accessible_names (Fixture *fixture)
{
  g_autofree char *tree = read_accessible_tree ();
  g_auto(GStrv) lines = g_strsplit (tree, "\n", -1);
  g_autoptr(GString) nameless = g_string_new (NULL);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_controls = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 3);

      if (g_strv_length (fields) != 3 || !g_strv_contains (control_roles, fields[1]))
        continue;

      n_controls++;
      g_hash_table_add (names, g_strdup (fields[2]));
      if (fields[2][0] == '\0' || g_type_from_name (fields[2]) != 0)
        g_string_append_printf (nameless, "%s “%s”; ", fields[1], fields[2]);
    }

  g_test_message ("%u controls read over AT-SPI", n_controls);
  g_assert_cmpuint (n_controls, >, 40);
  g_assert_cmpstr (nameless->str, ==, "");

  /* The header bar's buttons say what they do. */
  g_assert_true (g_hash_table_contains (names, "Back"));
  g_assert_true (g_hash_table_contains (names, "Main Menu"));
  g_assert_true (g_hash_table_contains (names, "Privacy Sidebar"));

  /* A button that every row has says which row it is for: the long name a
   * row cuts short is whole one Tab away. */
  g_assert_true (g_hash_table_contains (names, "Delete cookie OptanonAlertBoxClosed"));
  g_assert_true (g_hash_table_contains (names, "Allow Google Analytics on this site"));
}

static void
run_body (LecternTestWindow *base)
{
  Fixture *fixture = (Fixture *) base;

  gtk_window_set_default_size (GTK_WINDOW (fixture->base.window), 1400, 900);
  fixture->sidebar = LECTERN_SIDEBAR (lectern_test_find_widget (GTK_WIDGET (fixture->base.window), LECTERN_TYPE_SIDEBAR));
  g_assert_nonnull (fixture->sidebar);
  lectern_test_window_wait_quiet (&fixture->base);

  add_cookie (fixture, "_ga", "GA1.1.1234567890.1795822800");
  add_cookie (fixture, "_fbp", "fb.1.1795822800123.1042867715");
  add_cookie (fixture, "OptanonAlertBoxClosed", "2026-11-28T10:00:00.000Z");
  lectern_test_iterate_for (500);

  check_accessible_names (fixture);

  gtk_window_destroy (GTK_WINDOW (fixture->base.window));
}

static void
test_accessibility (void)
{
  Fixture fixture = { 0 };

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("A screen reader needs a session bus: run the tests under dbus-run-session");
      return;
    }

  lectern_test_window_init (&fixture.base, "lectern-accessibility");
  lectern_test_window_run (&fixture.base, ARTICLE_URL, run_body);
  lectern_test_window_clear (&fixture.base);
}

int
main (int   argc,
      char *argv[])
{
  /* The tests' environment turns GTK's accessibility off; here it is what
   * is tested, over AT-SPI as a screen reader gets it. */
  g_setenv ("GTK_A11Y", "atspi", TRUE);

  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/accessibility/names", test_accessibility);

  return g_test_run ();
}
