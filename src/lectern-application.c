/* lectern-application.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-application.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "lectern-command-line.h"
#include "lectern-ipc.h"
#include "lectern-paths.h"
#include "lectern-preferences-window.h"
#include "lectern-report-run.h"
#include "lectern-settings.h"
#include "lectern-window.h"

struct _LecternApplication
{
  AdwApplication        parent_instance;

  /* Owned */
  LecternCommandLine   *command_line;
  WebKitWebContext     *web_context;
  WebKitNetworkSession *network_session;
  LecternSiteStore     *site_store;
  LecternCookieDb      *cookie_db;
  LecternTrackerDb     *tracker_db;
  LecternReportRun     *report_run;
  GSettings            *settings;
  GString              *startup_message;
  int                   exit_status;
};

G_DEFINE_FINAL_TYPE (LecternApplication, lectern_application, ADW_TYPE_APPLICATION)

LecternApplication *
lectern_application_new (void)
{
  return g_object_new (LECTERN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/lectern/Lectern",
                       /* One process per invocation: --report and --consent
                        * runs must never hand their work to a window that is
                        * already open, and need no session bus. */
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

LecternApplication *
lectern_application_get_default (void)
{
  return LECTERN_APPLICATION (g_application_get_default ());
}

int
lectern_application_run (LecternApplication  *self,
                         int                  argc,
                         char               **argv)
{
  int status;

  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), 1);

  status = g_application_run (G_APPLICATION (self), argc, argv);

  /* GApplication reports 0 once the main loop has run; the page report's
   * own status is the one the command line contract promises. */
  return status != 0 ? status : self->exit_status;
}

void
lectern_application_set_exit_status (LecternApplication *self,
                                     int                 status)
{
  g_return_if_fail (LECTERN_IS_APPLICATION (self));

  self->exit_status = status;
}

const char *
lectern_application_get_data_dir (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->command_line->data_dir;
}

WebKitWebContext *
lectern_application_get_web_context (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->web_context;
}

WebKitNetworkSession *
lectern_application_get_network_session (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->network_session;
}

/**
 * lectern_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the preferences, %NULL when their
 *   schema is not installed
 */
GSettings *
lectern_application_get_settings (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->settings;
}

LecternCookieDb *
lectern_application_get_cookie_db (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->cookie_db;
}

LecternTrackerDb *
lectern_application_get_tracker_db (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->tracker_db;
}

/**
 * lectern_application_get_startup_message:
 *
 * Returns: (nullable): what went wrong while loading data at startup (a
 *   database set aside, a data file that did not load), for the window
 *   to show once
 */
const char *
lectern_application_get_startup_message (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->startup_message->len > 0 ? self->startup_message->str : NULL;
}

LecternSiteChoices *
lectern_application_dup_choices (LecternApplication *self,
                                 const char         *site)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return lectern_site_store_dup_choices (self->site_store, site ? site : "");
}

/**
 * lectern_application_save_choices:
 *
 * Stores a site's choices and hands them to every web process, so the
 * next request of any page of the site is decided under them.
 */
gboolean
lectern_application_save_choices (LecternApplication        *self,
                                  const LecternSiteChoices  *choices,
                                  GError                   **error)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);

  if (!lectern_site_store_save_choices (self->site_store, choices, error))
    return FALSE;

  webkit_web_context_send_message_to_all_extensions (self->web_context,
                                                     webkit_user_message_new (LECTERN_IPC_SITE_CHOICES,
                                                                              lectern_site_choices_to_variant (choices)));

  return TRUE;
}

static void
add_startup_message (LecternApplication *self,
                     const char         *message)
{
  if (self->startup_message->len > 0)
    g_string_append_c (self->startup_message, '\n');
  g_string_append (self->startup_message, message);

  /* The command line has no window to show it in. */
  g_printerr ("%s\n", message);
}

static GVariant *
build_extension_init_data (LecternApplication *self)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  const char *lists_dir = lectern_paths_get_filter_lists_dir ();
  const char *data_dir = lectern_paths_get_data_dir ();
  g_autofree char *easylist = g_build_filename (lists_dir, "easylist.txt", NULL);
  g_autofree char *easyprivacy = g_build_filename (lists_dir, "easyprivacy.txt", NULL);
  g_autofree char *trackers = g_build_filename (data_dir, "adguard-companiesdb-trackers.json", NULL);
  g_autofree char *companies = g_build_filename (data_dir, "adguard-companiesdb-companies.json", NULL);
  GVariantBuilder lists;
  GVariantBuilder choices;

  g_variant_builder_init (&lists, G_VARIANT_TYPE ("a(ss)"));
  g_variant_builder_add (&lists, "(ss)", easylist, lectern_filter_list_kind_to_id (LECTERN_FILTER_LIST_EASYLIST));
  g_variant_builder_add (&lists, "(ss)", easyprivacy, lectern_filter_list_kind_to_id (LECTERN_FILTER_LIST_EASYPRIVACY));

  g_variant_builder_init (&choices, G_VARIANT_TYPE ("a" LECTERN_SITE_CHOICES_VARIANT_TYPE));
  sites = lectern_site_store_dup_all (self->site_store, &error);

  if (sites == NULL)
    g_warning ("Cannot read the stored site choices: %s", error->message);
  else
    {
      for (guint i = 0; i < sites->len; i++)
        g_variant_builder_add_value (&choices, lectern_site_choices_to_variant (g_ptr_array_index (sites, i)));
    }

  return g_variant_new ("(a(ss)ss@" LECTERN_SITE_CHOICES_VARIANT_TYPE "a" LECTERN_SITE_CHOICES_VARIANT_TYPE ")",
                        &lists, trackers, companies,
                        lectern_site_choices_to_variant (lectern_site_store_get_defaults (self->site_store)),
                        &choices);
}

static void
initialize_web_process_extensions_cb (WebKitWebContext   *context,
                                      LecternApplication *self)
{
  webkit_web_context_set_web_process_extensions_directory (context, lectern_paths_get_extension_dir ());
  webkit_web_context_set_web_process_extensions_initialization_user_data (context,
                                                                          build_extension_init_data (self));
}

static void
setup_web_context (LecternApplication *self)
{
  const char *data_dir = self->command_line->data_dir;
  g_autofree char *webkit_data = g_build_filename (data_dir, "webkit", NULL);
  g_autofree char *webkit_cache = g_build_filename (data_dir, "cache", NULL);
  g_autofree char *cookies = g_build_filename (data_dir, "cookies.sqlite", NULL);
  WebKitCookieManager *cookie_manager;

  self->web_context = webkit_web_context_new ();

  /* Must run before the first web process exists; later paths are
   * silently ignored and the extension would not load. */
  if (lectern_paths_is_uninstalled ())
    {
      webkit_web_context_add_path_to_sandbox (self->web_context, lectern_paths_get_extension_dir (), TRUE);
      webkit_web_context_add_path_to_sandbox (self->web_context, lectern_paths_get_data_dir (), TRUE);
    }

  g_signal_connect_object (self->web_context, "initialize-web-process-extensions",
                           G_CALLBACK (initialize_web_process_extensions_cb), self, 0);

  self->network_session = webkit_network_session_new (webkit_data, webkit_cache);
  cookie_manager = webkit_network_session_get_cookie_manager (self->network_session);
  webkit_cookie_manager_set_persistent_storage (cookie_manager, cookies,
                                                WEBKIT_COOKIE_PERSISTENT_STORAGE_SQLITE);
  webkit_cookie_manager_set_accept_policy (cookie_manager, WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY);

  if (self->command_line->proxy != NULL)
    {
      WebKitNetworkProxySettings *proxy = webkit_network_proxy_settings_new (self->command_line->proxy, NULL);

      webkit_network_session_set_proxy_settings (self->network_session, WEBKIT_NETWORK_PROXY_MODE_CUSTOM, proxy);
      webkit_network_proxy_settings_free (proxy);
    }
}

static void
apply_default_choices (LecternApplication *self)
{
  g_autoptr(LecternSiteChoices) defaults = lectern_settings_dup_default_choices (self->settings);

  lectern_site_store_set_defaults (self->site_store, defaults);
}

static void
default_choices_changed_cb (LecternApplication *self)
{
  apply_default_choices (self);

  /* Web processes keep their own copy: a new site's next request must be
   * decided under the new defaults. */
  webkit_web_context_send_message_to_all_extensions (self->web_context,
                                                     webkit_user_message_new (LECTERN_IPC_SITE_CHOICES,
                                                                              lectern_site_choices_to_variant (lectern_site_store_get_defaults (self->site_store))));
}

static void
load_data (LecternApplication *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = g_build_filename (self->command_line->data_dir, "sites.db", NULL);
  g_autofree char *cookie_db = g_build_filename (lectern_paths_get_data_dir (), "open-cookie-database.csv", NULL);
  g_autofree char *trackers = g_build_filename (lectern_paths_get_data_dir (), "adguard-companiesdb-trackers.json", NULL);
  g_autofree char *companies = g_build_filename (lectern_paths_get_data_dir (), "adguard-companiesdb-companies.json", NULL);

  self->site_store = lectern_site_store_open (db_path, &error);

  if (self->site_store == NULL)
    g_error ("Cannot open the site choices in %s: %s", db_path, error->message);

  if (lectern_site_store_get_recovery_message (self->site_store) != NULL)
    add_startup_message (self, lectern_site_store_get_recovery_message (self->site_store));

  apply_default_choices (self);

  self->cookie_db = lectern_cookie_db_new_from_file (cookie_db, &error);

  if (self->cookie_db == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is an error message */
      message = g_strdup_printf (_("Cookies cannot be classified: %s"), error->message);
      add_startup_message (self, message);
      g_clear_error (&error);
    }

  self->tracker_db = lectern_tracker_db_new_from_files (trackers, companies, &error);

  if (self->tracker_db == NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is an error message */
      message = g_strdup_printf (_("Trackers cannot be named: %s"), error->message);
      add_startup_message (self, message);
      g_clear_error (&error);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LecternApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Lectern authors", NULL };

  adw_show_about_window (window,
                         "application-name", "Lectern",
                         "application-icon", APP_ID,
                         "developer-name", "The Lectern authors",
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "copyright", "© 2026 The Lectern authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Read articles without being tracked.\n\n"
                                       "Tracker names: AdGuard companiesdb (based on WhoTracks.me), "
                                       "CC BY-SA 4.0. Cookie names: the Open Cookie Database, "
                                       "Apache-2.0. Filter lists: EasyList and EasyPrivacy, GPLv3."),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LecternApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings == NULL)
    return;

  gtk_window_present (GTK_WINDOW (lectern_preferences_window_new (window, self->settings)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static int
lectern_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  LecternApplication *self = LECTERN_APPLICATION (application);
  g_autoptr(GError) error = NULL;

  if (!lectern_command_line_validate (self->command_line, &error))
    {
      g_printerr ("%s\n", error->message);
      return LECTERN_EXIT_BAD_ARGS;
    }

  if (self->command_line->command == LECTERN_COMMAND_CONSENT)
    {
      g_autoptr(LecternSiteChoices) defaults = lectern_settings_dup_default_choices (self->settings);

      return lectern_command_line_run_consent (self->command_line, defaults);
    }

  if (g_mkdir_with_parents (self->command_line->data_dir, 0700) != 0)
    {
      int saved_errno = errno;

      /* Translators: the first %s is a folder, the second an error message */
      g_printerr (_("Cannot create the data folder %s: %s\n"),
                  self->command_line->data_dir, g_strerror (saved_errno));
      return LECTERN_EXIT_BAD_ARGS;
    }

  return -1;
}

static void
lectern_application_startup (GApplication *application)
{
  LecternApplication *self = LECTERN_APPLICATION (application);
  static const char *toggle_sidebar[] = { "F9", NULL };
  static const char *focus_address[] = { "<Control>l", "<Alt>d", "F6", NULL };
  static const char *reload[] = { "<Control>r", "F5", NULL };
  static const char *back[] = { "<Alt>Left", NULL };
  static const char *forward[] = { "<Alt>Right", NULL };
  static const char *stop[] = { "Escape", NULL };
  static const char *quit[] = { "<Control>q", NULL };
  static const char *preferences[] = { "<Control>comma", NULL };
  static const char *close[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (lectern_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-sidebar", toggle_sidebar);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.focus-address", focus_address);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.reload", reload);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.go-back", back);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.go-forward", forward);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.stop", stop);

  load_data (self);
  setup_web_context (self);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::default-allowed-categories",
                             G_CALLBACK (default_choices_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
report_run_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LecternApplication) self = user_data;

  lectern_application_set_exit_status (self, lectern_report_run_finish (LECTERN_REPORT_RUN (object), result));
  g_clear_object (&self->report_run);
  g_application_release (G_APPLICATION (self));
}

#define QUIET_PERIOD_USEC (2 * G_USEC_PER_SEC)

typedef struct
{
  LecternApplication *app;
  LecternWindow      *window;
  gint64              deadline;
} ScreenshotRun;

static void
screenshot_run_free (ScreenshotRun *run)
{
  g_object_unref (run->window);
  g_application_release (G_APPLICATION (run->app));
  g_free (run);
}

static gboolean
screenshot_poll_cb (gpointer user_data)
{
  ScreenshotRun *run = user_data;
  LecternWebView *view = lectern_window_get_web_view (run->window);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternPageReport) report = NULL;
  g_autofree char *text = NULL;

  if (now < run->deadline &&
      (webkit_web_view_is_loading (WEBKIT_WEB_VIEW (view)) ||
       now - lectern_web_view_get_last_activity (view) < QUIET_PERIOD_USEC ||
       !gtk_widget_get_mapped (GTK_WIDGET (run->window))))
    return G_SOURCE_CONTINUE;

  if (now >= run->deadline)
    {
      g_printerr (_("The page did not finish loading in time\n"));
      lectern_application_set_exit_status (run->app, LECTERN_EXIT_LOAD_FAILED);
    }

  if (!lectern_window_save_screenshot (GTK_WINDOW (run->window), run->app->command_line->screenshot, &error))
    {
      g_printerr ("%s\n", error->message);
      lectern_application_set_exit_status (run->app, LECTERN_EXIT_LOAD_FAILED);
    }

  report = lectern_site_privacy_build_report (lectern_web_view_get_privacy (view));
  text = lectern_page_report_to_text (report);
  g_print ("%s\n", text);

  gtk_window_destroy (GTK_WINDOW (run->window));

  return G_SOURCE_REMOVE;
}

static void
save_screenshot_when_quiet (LecternApplication *self,
                            LecternWindow      *window)
{
  ScreenshotRun *run = g_new0 (ScreenshotRun, 1);

  run->app = self;
  run->window = g_object_ref (window);
  run->deadline = g_get_monotonic_time () + self->command_line->timeout * G_USEC_PER_SEC;
  g_application_hold (G_APPLICATION (self));
  g_timeout_add_full (G_PRIORITY_DEFAULT, 200, screenshot_poll_cb, run, (GDestroyNotify) screenshot_run_free);
}

static void
lectern_application_activate (GApplication *application)
{
  LecternApplication *self = LECTERN_APPLICATION (application);
  LecternWindow *window;

  if (self->command_line->command == LECTERN_COMMAND_REPORT)
    {
      if (self->report_run != NULL)
        return;

      g_application_hold (application);
      self->report_run = lectern_report_run_new (self->command_line->uri,
                                                 self->command_line->format,
                                                 self->command_line->timeout);
      lectern_report_run_run_async (self->report_run, NULL, report_run_done_cb, g_object_ref (self));
      return;
    }

  window = lectern_window_new (self);

  if (self->command_line->uri != NULL)
    lectern_window_load_uri (window, self->command_line->uri);
  else
    lectern_window_load_demo (window);

  /* Only the first activation opens the given URL. */
  g_clear_pointer (&self->command_line->uri, g_free);

  gtk_window_present (GTK_WINDOW (window));

  if (self->command_line->screenshot != NULL)
    save_screenshot_when_quiet (self, window);
}

static void
lectern_application_dispose (GObject *object)
{
  LecternApplication *self = LECTERN_APPLICATION (object);

  g_clear_object (&self->report_run);
  g_clear_object (&self->settings);
  g_clear_object (&self->network_session);
  g_clear_object (&self->web_context);

  G_OBJECT_CLASS (lectern_application_parent_class)->dispose (object);
}

static void
lectern_application_finalize (GObject *object)
{
  LecternApplication *self = LECTERN_APPLICATION (object);

  g_clear_pointer (&self->command_line, lectern_command_line_free);
  g_clear_pointer (&self->site_store, lectern_site_store_free);
  g_clear_pointer (&self->cookie_db, lectern_cookie_db_free);
  g_clear_pointer (&self->tracker_db, lectern_tracker_db_free);
  g_string_free (self->startup_message, TRUE);

  G_OBJECT_CLASS (lectern_application_parent_class)->finalize (object);
}

static void
lectern_application_class_init (LecternApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lectern_application_dispose;
  object_class->finalize = lectern_application_finalize;

  app_class->handle_local_options = lectern_application_handle_local_options;
  app_class->startup = lectern_application_startup;
  app_class->activate = lectern_application_activate;
}

static void
lectern_application_init (LecternApplication *self)
{
  self->command_line = lectern_command_line_new ();
  self->settings = lectern_settings_new ();
  self->startup_message = g_string_new (NULL);

  lectern_command_line_add_options (self->command_line, G_APPLICATION (self));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read articles without being tracked."));
}
