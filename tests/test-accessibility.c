/* test-accessibility.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <string.h>
#include <unistd.h>

#include "lectern-cookie-item.h"
#include "lectern-test-utils.h"
#include "lectern-test-window.h"
#include "lectern-tracker-group.h"
#include "lectern-tracker-row.h"

/* The window as a reader who does not use a mouse finds it: keys move
 * focus between the address, the page and the sidebar, and reach every
 * control of the sidebar; and as a screen reader reads it over AT-SPI,
 * where every control has a name. Real keys are pressed on the virtual
 * display, so this test runs alone. */

#define ARTICLE_URL "http://www.example-news.com/news/2026/11/city-council-votes/"

typedef struct
{
  LecternTestWindow  base;
  LecternSidebar    *sidebar;
  GtkWidget         *expected_focus;
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
is_inside (GtkWidget *widget,
           GtkWidget *ancestor)
{
  return widget != NULL && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

static GtkWidget *
get_focus (Fixture *fixture)
{
  return gtk_window_get_focus (GTK_WINDOW (fixture->base.window));
}

static GtkWidget *
get_page (Fixture *fixture)
{
  return GTK_WIDGET (lectern_window_get_web_view (fixture->base.window));
}

static GtkWidget *
get_address (Fixture *fixture)
{
  return lectern_test_find_widget (GTK_WIDGET (fixture->base.window), GTK_TYPE_ENTRY);
}

static gboolean
focus_in_sidebar (Fixture *fixture)
{
  return is_inside (get_focus (fixture), GTK_WIDGET (fixture->sidebar));
}

static gboolean
focus_in_page (Fixture *fixture)
{
  return is_inside (get_focus (fixture), get_page (fixture));
}

static gboolean
focus_in_address (Fixture *fixture)
{
  return is_inside (get_focus (fixture), get_address (fixture));
}

static gboolean
focus_on_expected (Fixture *fixture)
{
  return get_focus (fixture) == fixture->expected_focus;
}

/* Presses a key as a reader does, on the window's X surface. */
static void
press_key (Fixture    *fixture,
           const char *key)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->base.window));
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *window_id = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  /* build-aux/quickstart installs it with the other test tools. */
  g_assert_nonnull (xdotool);

  window_id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));

  {
    const char *argv[] = { xdotool, "windowfocus", "--sync", window_id, "key", key, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
}

/* F6 and Shift+F6 go round the address, the page and the sidebar, as in
 * GNOME Web. */
static void
check_f6 (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.focus-address", NULL));
  g_assert_true (focus_in_address (fixture));

  press_key (fixture, "F6");
  lectern_test_wait_until ((LecternTestCondition) focus_in_page, fixture, 10);
  press_key (fixture, "F6");
  lectern_test_wait_until ((LecternTestCondition) focus_in_sidebar, fixture, 10);
  press_key (fixture, "F6");
  lectern_test_wait_until ((LecternTestCondition) focus_in_address, fixture, 10);
  press_key (fixture, "shift+F6");
  lectern_test_wait_until ((LecternTestCondition) focus_in_sidebar, fixture, 10);
  press_key (fixture, "shift+F6");
  lectern_test_wait_until ((LecternTestCondition) focus_in_page, fixture, 10);
}

/* Gives the page the focus, and runs @body in it (see lectern_test_evaluate()). */
static char *
focus_page_and_evaluate (Fixture    *fixture,
                         const char *body)
{
  gtk_widget_grab_focus (get_page (fixture));

  return lectern_test_evaluate (WEBKIT_WEB_VIEW (get_page (fixture)), NULL, body);
}

/* Tab past the page's last link reaches the sidebar; Shift+Tab from the
 * sidebar's first control goes back to the page. */
static void
check_tab_between_page_and_sidebar (Fixture *fixture)
{
  g_autofree char *focused = NULL;

  focused = focus_page_and_evaluate (fixture,
                                     "const all = document.querySelectorAll ('a[href], button, input, select, textarea');"
                                     "all[all.length - 1].focus ();"
                                     "return document.activeElement === all[all.length - 1];");
  g_assert_cmpstr (focused, ==, "true");

  press_key (fixture, "Tab");
  lectern_test_wait_until ((LecternTestCondition) focus_in_sidebar, fixture, 10);

  /* On the sidebar's first control, not past it: nothing in the sidebar
   * comes before it. */
  lectern_test_iterate_for (500);
  g_assert_false (gtk_widget_child_focus (GTK_WIDGET (fixture->sidebar), GTK_DIR_TAB_BACKWARD));

  press_key (fixture, "shift+Tab");
  lectern_test_wait_until ((LecternTestCondition) focus_in_page, fixture, 10);
}

/* The page's own keys still reach it: Ctrl+A selects its text. */
static void
check_page_keys (Fixture *fixture)
{
  g_autofree char *cleared = NULL;
  g_autofree char *selected = NULL;

  cleared = focus_page_and_evaluate (fixture,
                                     "document.activeElement.blur ();"
                                     "window.getSelection ().removeAllRanges ();"
                                     "return window.getSelection ().toString ().length;");
  g_assert_cmpstr (cleared, ==, "0");

  press_key (fixture, "ctrl+a");
  lectern_test_iterate_for (500);
  selected = lectern_test_evaluate (WEBKIT_WEB_VIEW (get_page (fixture)), NULL,
                                    "return window.getSelection ().toString ().length > 1000;");
  g_assert_cmpstr (selected, ==, "true");
}

/* A category switch reloads the page; the reader stays on the switch. */
static void
check_switch_keeps_focus (Fixture *fixture)
{
  GtkWidget *toggle = lectern_test_find_actionable (GTK_WIDGET (fixture->sidebar), "site.performance");
  gboolean was_active;

  g_assert_nonnull (toggle);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", "choices"));
  gtk_widget_grab_focus (toggle);
  g_assert_true (get_focus (fixture) == toggle);
  was_active = gtk_switch_get_active (GTK_SWITCH (toggle));

  press_key (fixture, "space");
  lectern_test_window_wait_quiet (&fixture->base);

  g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (toggle)), !=, was_active);
  fixture->expected_focus = toggle;
  lectern_test_wait_until ((LecternTestCondition) focus_on_expected, fixture, 10);
}

/* The buttons, tabs and switches a reader can see under @widget. */
static void
collect_controls (GtkWidget *widget,
                  GPtrArray *found)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if ((GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget)) && gtk_widget_is_sensitive (widget))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, found);
}

/* Goes through the sidebar with Tab, as GtkWindow's Tab binding moves
 * focus, and checks that every control of @view is reached: the tabs,
 * the switches and every button. */
static void
check_reachable (Fixture    *fixture,
                 const char *view)
{
  GtkWidget *window = GTK_WIDGET (fixture->base.window);
  GtkWidget *sidebar = GTK_WIDGET (fixture->sidebar);
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  g_autoptr(GString) missed = g_string_new (NULL);

  g_assert_true (gtk_widget_activate_action (sidebar, "sidebar.view", "s", view));
  lectern_test_iterate_for (300);

  gtk_widget_grab_focus (get_page (fixture));
  g_assert_true (gtk_widget_child_focus (sidebar, GTK_DIR_TAB_FORWARD));

  for (guint step = 0; step < 1000 && focus_in_sidebar (fixture); step++)
    {
      GtkWidget *focus = get_focus (fixture);

      if (g_hash_table_contains (reached, focus))
        break;
      g_hash_table_add (reached, focus);
      gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD);
    }

  collect_controls (sidebar, controls);
  g_assert_cmpuint (controls->len, >, 0);

  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);

      if (!g_hash_table_contains (reached, control))
        g_string_append_printf (missed, "%s (%s) ", G_OBJECT_TYPE_NAME (control),
                                GTK_IS_ACTIONABLE (control) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (control)) : "");
    }

  g_test_message ("%s: %u places reached with Tab, %u controls", view, g_hash_table_size (reached), controls->len);
  g_assert_cmpstr (missed->str, ==, "");
}

static void
expand_tracker_rows (Fixture *fixture)
{
  GtkWidget *row = lectern_test_find_widget (GTK_WIDGET (fixture->sidebar), LECTERN_TYPE_TRACKER_ROW);

  g_assert_nonnull (row);

  /* What Enter on a row does. */
  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      if (LECTERN_IS_TRACKER_ROW (row))
        g_signal_emit_by_name (row, "activate");
    }

  for (row = lectern_test_find_widget (GTK_WIDGET (fixture->sidebar), LECTERN_TYPE_TRACKER_ROW); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (LECTERN_IS_TRACKER_ROW (row))
        g_assert_true (lectern_tracker_row_get_expanded (LECTERN_TRACKER_ROW (row)));
    }

  lectern_test_iterate_for (500);
}

/* Goes through the labels a reader sees under @widget: a name in @names
 * must never be cut short, and any other label cut short keeps its whole
 * text one hover away, in its tooltip. */
static void
find_cut_labels (GtkWidget  *widget,
                 GHashTable *names,
                 GString    *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));
      const char *tooltip = gtk_widget_get_tooltip_text (widget);
      gboolean is_name = g_hash_table_contains (names, text);

      if (is_name)
        g_hash_table_replace (names, g_strdup (text), GINT_TO_POINTER (TRUE));

      if (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))) &&
          (is_name || tooltip == NULL || strstr (tooltip, text) == NULL))
        g_string_append_printf (cut, "“%s” ", text);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_cut_labels (child, names, cut);
}

static void
add_name (GHashTable *names,
          const char *name)
{
  if (name != NULL && name[0] != '\0')
    g_hash_table_insert (names, g_strdup (name), GINT_TO_POINTER (FALSE));
}

/* Tracker names, hosts, cookie names and domains are shown whole, however
 * long; nothing else is cut without its whole text in a tooltip. */
static void
check_names_whole (Fixture    *fixture,
                   const char *view)
{
  LecternSitePrivacy *privacy = lectern_sidebar_get_privacy (fixture->sidebar);
  GListModel *groups = lectern_site_privacy_get_tracker_groups (privacy);
  GListModel *cookies = lectern_site_privacy_get_cookies (privacy);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) cut = g_string_new (NULL);
  GHashTableIter iter;
  gpointer name, seen;

  if (g_str_equal (view, "trackers"))
    {
      for (guint i = 0; i < g_list_model_get_n_items (groups); i++)
        {
          g_autoptr(LecternTrackerGroup) group = g_list_model_get_item (groups, i);

          add_name (names, lectern_tracker_group_get_name (group));
          add_name (names, lectern_tracker_group_get_record (group, 0)->host);
        }
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (cookies); i++)
        {
          g_autoptr(LecternCookieItem) item = g_list_model_get_item (cookies, i);

          add_name (names, lectern_cookie_item_get_record (item)->name);
          add_name (names, lectern_cookie_item_get_record (item)->domain);
        }
    }
  g_assert_cmpuint (g_hash_table_size (names), >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->sidebar), "sidebar.view", "s", view));
  lectern_test_iterate_for (500);
  find_cut_labels (GTK_WIDGET (fixture->sidebar), names, cut);
  g_assert_cmpstr (cut->str, ==, "");

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &name, &seen))
    {
      if (!GPOINTER_TO_INT (seen))
        g_error ("“%s” is not shown in the sidebar", (const char *) name);
    }
}

static gboolean
wanted_cookie_listed (Fixture *fixture)
{
  return lectern_test_window_find_cookie (&fixture->base, fixture->wanted_cookie) != NULL;
}

static void
add_cookie (Fixture    *fixture,
            const char *name,
            const char *value)
{
  lectern_test_window_add_cookie (&fixture->base, name, value);
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

  check_f6 (fixture);
  check_tab_between_page_and_sidebar (fixture);
  check_page_keys (fixture);
  check_switch_keeps_focus (fixture);

  check_reachable (fixture, "choices");
  expand_tracker_rows (fixture);
  check_reachable (fixture, "trackers");
  check_reachable (fixture, "cookies");

  check_names_whole (fixture, "trackers");
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "accessibility-trackers.png");
  check_names_whole (fixture, "cookies");
  gtk_widget_grab_focus (lectern_test_find_actionable (GTK_WIDGET (fixture->sidebar), "site.delete-cookie"));
  lectern_test_save_screenshot (GTK_WINDOW (fixture->base.window), "accessibility-cookies.png");

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

  g_test_add_func ("/lectern/accessibility/keyboard-and-names", test_accessibility);

  return g_test_run ();
}
