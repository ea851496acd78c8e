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

#include "lectern-article-run.h"
#include "lectern-command-line.h"
#include "lectern-filter-cache.h"
#include "lectern-ipc-init.h"
#include "lectern-ipc.h"
#include "lectern-paths.h"
#include "lectern-preferences-window.h"
#include "lectern-report-run.h"
#include "lectern-settings.h"
#include "lectern-uri.h"
#include "lectern-window.h"

typedef struct _FilterCacheJob FilterCacheJob;

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
  LecternHistoryStore  *history_store;
  gboolean              history_store_failed;
  LecternCmpMemory     *cmp_memory;
  LecternReportRun     *report_run;
  LecternArticleRun    *article_run;
  GSettings            *settings;
  GString              *startup_message;
  FilterCacheJob       *filter_cache;
  int                   exit_status;
};

/* The compiled filter cache, prepared in a thread at start-up. The first
 * web process waits for it (see build_extension_init_data()): started
 * with it, it maps the cache; without it, it would parse the lists. */
struct _FilterCacheJob
{
  GMutex    lock;
  GCond     done_cond;
  gboolean  done;
  char     *lists[2];
  char     *path;
  /* Set when done and usable. */
  char     *key;
  /* What the lists held, when they could be read; fixed once done. */
  gboolean            has_stats;
  LecternFilterStats  stats;
};

static void
filter_cache_job_clear (gpointer data)
{
  FilterCacheJob *job = data;

  g_mutex_clear (&job->lock);
  g_cond_clear (&job->done_cond);
  g_free (job->lists[0]);
  g_free (job->lists[1]);
  g_free (job->path);
  g_free (job->key);
}

static void
filter_cache_job_unref (FilterCacheJob *job)
{
  g_atomic_rc_box_release_full (job, filter_cache_job_clear);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FilterCacheJob, filter_cache_job_unref)

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

static void add_startup_message (LecternApplication *self,
                                 const char         *message);

/**
 * lectern_application_get_history_store:
 *
 * Opens the recent articles and reader-mode sites of the profile on first
 * use, so that the command line's one-process runs never touch them.
 *
 * Returns: (transfer none) (nullable): the store, %NULL if it cannot be
 *   opened (the window was told why)
 */
LecternHistoryStore *
lectern_application_get_history_store (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  if (self->history_store == NULL && !self->history_store_failed)
    {
      g_autofree char *path = g_build_filename (self->command_line->data_dir, "reader.db", NULL);
      g_autoptr(GError) error = NULL;

      self->history_store = lectern_history_store_open (path, &error);

      if (self->history_store == NULL)
        {
          g_autofree char *message = NULL;

          self->history_store_failed = TRUE;
          /* Translators: %s is an error message */
          message = g_strdup_printf (_("Recent articles cannot be kept: %s"), error->message);
          add_startup_message (self, message);
        }
      else if (lectern_history_store_get_recovery_message (self->history_store) != NULL)
        add_startup_message (self, lectern_history_store_get_recovery_message (self->history_store));
    }

  return self->history_store;
}

/**
 * lectern_application_get_cmp_memory:
 *
 * Returns: (transfer none): what Lectern learned of each site's consent
 *   tool, read from the profile on first use
 */
LecternCmpMemory *
lectern_application_get_cmp_memory (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  if (self->cmp_memory == NULL)
    {
      g_autofree char *path = g_build_filename (self->command_line->data_dir, "consent-tools.ini", NULL);

      self->cmp_memory = lectern_cmp_memory_new (path);
    }

  return self->cmp_memory;
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

/**
 * lectern_application_dup_allowed_trackers:
 * @self: the application
 * @site: (nullable): a site's registrable domain
 *
 * Returns: (transfer full): the trackers the reader allowed on @site
 */
GStrv
lectern_application_dup_allowed_trackers (LecternApplication *self,
                                          const char         *site)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return lectern_site_store_dup_allowed_trackers (self->site_store, site != NULL ? site : "");
}

/**
 * lectern_application_set_tracker_allowed:
 * @self: the application
 * @site: a site's registrable domain
 * @tracker: a tracker's name, else its host
 * @allowed: whether to let it through on @site
 * @error: return location for a #GError
 *
 * Stores the choice and hands the site's new list to every web process,
 * as lectern_application_save_choices() does for categories.
 */
gboolean
lectern_application_set_tracker_allowed (LecternApplication  *self,
                                         const char          *site,
                                         const char          *tracker,
                                         gboolean             allowed,
                                         GError             **error)
{
  g_auto(GStrv) trackers = NULL;

  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (site != NULL && site[0] != '\0', FALSE);
  g_return_val_if_fail (tracker != NULL && tracker[0] != '\0', FALSE);

  if (!lectern_site_store_set_tracker_allowed (self->site_store, site, tracker, allowed, error))
    return FALSE;

  trackers = lectern_site_store_dup_allowed_trackers (self->site_store, site);
  webkit_web_context_send_message_to_all_extensions (self->web_context,
                                                     webkit_user_message_new (LECTERN_IPC_SITE_ALLOWED_TRACKERS,
                                                                              g_variant_new ("(s^as)", site, trackers)));

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

static void
prepare_filter_cache_thread (GTask        *task,
                             gpointer      source_object,
                             gpointer      task_data,
                             GCancellable *cancellable)
{
  FilterCacheJob *job = task_data;
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  const LecternFilterSource sources[] = {
    { job->lists[0], LECTERN_FILTER_LIST_EASYLIST },
    { job->lists[1], LECTERN_FILTER_LIST_EASYPRIVACY },
  };

  engine = lectern_filter_cache_ensure (job->path, sources, G_N_ELEMENTS (sources), &key, &message, &error);

  /* Usable only if it is on disk now: the web processes map the file. */
  g_mutex_lock (&job->lock);
  if (engine != NULL && g_file_test (job->path, G_FILE_TEST_IS_REGULAR))
    job->key = g_steal_pointer (&key);
  if (engine != NULL)
    {
      job->stats = *lectern_filter_engine_get_stats (engine);
      job->has_stats = TRUE;
    }
  job->done = TRUE;
  g_cond_broadcast (&job->done_cond);
  g_mutex_unlock (&job->lock);

  if (engine == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&message), g_free);
}

static void
prepare_filter_cache_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LecternApplication *self = LECTERN_APPLICATION (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is an error message */
      text = g_strdup_printf (_("No filter list could be read: %s"), error->message);
      add_startup_message (self, text);
    }
  else if (message != NULL)
    {
      add_startup_message (self, message);
    }
}

/**
 * lectern_application_get_filter_stats:
 * @self: the application
 *
 * What the filter lists held: rules in use, and rules skipped by reason.
 *
 * Returns: (nullable): the counts, or %NULL while the lists are still
 *   being read or when none could be
 */
const LecternFilterStats *
lectern_application_get_filter_stats (LecternApplication *self)
{
  const LecternFilterStats *stats = NULL;

  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  if (self->filter_cache == NULL)
    return NULL;

  g_mutex_lock (&self->filter_cache->lock);
  if (self->filter_cache->done && self->filter_cache->has_stats)
    stats = &self->filter_cache->stats;
  g_mutex_unlock (&self->filter_cache->lock);

  return stats;
}

/**
 * lectern_application_dup_report_text:
 * @self: the application
 * @report: a page's report
 *
 * The report as text, ending with what the filter lists held.
 *
 * Returns: (transfer full): the text
 */
char *
lectern_application_dup_report_text (LecternApplication *self,
                                     LecternPageReport  *report)
{
  const LecternFilterStats *stats;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  text = lectern_page_report_to_text (report);
  stats = lectern_application_get_filter_stats (self);
  if (stats == NULL)
    return g_steal_pointer (&text);

  summary = lectern_filter_stats_to_string (stats);
  /* Translators: %s counts the rules in use and those left out, by reason */
  return g_strdup_printf (_("%s\nFilter lists: %s"), text, summary);
}

/* Starts compiling (or checking) the filter cache in a thread. Its folder
 * is the only part of the data folder that web processes may read. */
static void
prepare_filter_cache (LecternApplication *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *dir = g_build_filename (self->command_line->data_dir, "filters", NULL);
  FilterCacheJob *job = g_atomic_rc_box_new0 (FilterCacheJob);

  g_mutex_init (&job->lock);
  g_cond_init (&job->done_cond);
  job->lists[0] = g_build_filename (lectern_paths_get_filter_lists_dir (), "easylist.txt", NULL);
  job->lists[1] = g_build_filename (lectern_paths_get_filter_lists_dir (), "easyprivacy.txt", NULL);
  job->path = g_build_filename (dir, LECTERN_FILTER_CACHE_BASENAME, NULL);
  self->filter_cache = job;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_message ("Cannot create %s: %s", dir, g_strerror (errno));

  task = g_task_new (self, NULL, prepare_filter_cache_cb, NULL);
  g_task_set_source_tag (task, prepare_filter_cache);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (job), (GDestroyNotify) filter_cache_job_unref);
  g_task_run_in_thread (task, prepare_filter_cache_thread);
}

static GVariant *
build_extension_init_data (LecternApplication *self)
{
  g_autoptr(LecternIpcInit) init = lectern_ipc_init_new ();
  g_autoptr(GVariant) allowed_trackers = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  const char *lists_dir = lectern_paths_get_filter_lists_dir ();
  const char *data_dir = lectern_paths_get_data_dir ();
  g_autofree char *easylist = g_build_filename (lists_dir, "easylist.txt", NULL);
  g_autofree char *easyprivacy = g_build_filename (lists_dir, "easyprivacy.txt", NULL);
  GVariantIter iter;
  const char *site;
  const char **trackers;

  lectern_ipc_init_add_filter_list (init, easylist, LECTERN_FILTER_LIST_EASYLIST);
  lectern_ipc_init_add_filter_list (init, easyprivacy, LECTERN_FILTER_LIST_EASYPRIVACY);
  init->tracker_db_path = g_build_filename (data_dir, "adguard-companiesdb-trackers.json", NULL);
  init->tracker_companies_path = g_build_filename (data_dir, "adguard-companiesdb-companies.json", NULL);

  lectern_site_choices_free (init->defaults);
  init->defaults = lectern_site_choices_copy (lectern_site_store_get_defaults (self->site_store));
  sites = lectern_site_store_dup_all (self->site_store, &error);

  if (sites == NULL)
    g_warning ("Cannot read the stored site choices: %s", error->message);
  else
    g_ptr_array_extend_and_steal (init->sites, g_steal_pointer (&sites));

  /* The first web process starts when the first page loads, usually
   * after the cache is ready; if not, waiting here is shorter than every
   * web process parsing the lists. */
  if (self->filter_cache != NULL)
    {
      g_mutex_lock (&self->filter_cache->lock);
      while (!self->filter_cache->done)
        g_cond_wait (&self->filter_cache->done_cond, &self->filter_cache->lock);
      if (self->filter_cache->key != NULL)
        {
          init->filter_cache_path = g_strdup (self->filter_cache->path);
          init->filter_cache_key = g_strdup (self->filter_cache->key);
        }
      g_mutex_unlock (&self->filter_cache->lock);
    }

  allowed_trackers = lectern_site_store_dup_all_allowed_trackers (self->site_store);
  g_variant_iter_init (&iter, allowed_trackers);
  while (g_variant_iter_next (&iter, "(&s^a&s)", &site, &trackers))
    {
      lectern_ipc_init_add_allowed_trackers (init, site, trackers);
      g_free (trackers);
    }

  return lectern_ipc_init_to_variant (init);
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

  /* The compiled filter cache, read-only: web processes map it. */
  if (self->filter_cache != NULL)
    {
      g_autofree char *filters_dir = g_path_get_dirname (self->filter_cache->path);

      webkit_web_context_add_path_to_sandbox (self->web_context, filters_dir, TRUE);
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

  /* Compiled in at build time: no parsing at start-up. The files are the
   * fallback of a build whose index is damaged. */
  self->tracker_db = lectern_tracker_db_new_builtin (&error);
  if (self->tracker_db == NULL)
    {
      g_warning ("%s", error->message);
      g_clear_error (&error);
      self->tracker_db = lectern_tracker_db_new_from_files (trackers, companies, &error);
    }

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
  GtkWidget *preferences;

  if (self->settings == NULL)
    return;

  preferences = lectern_preferences_window_new (window, self->settings);
  lectern_preferences_window_set_filter_stats (LECTERN_PREFERENCES_WINDOW (preferences),
                                               lectern_application_get_filter_stats (self));
  gtk_window_present (GTK_WINDOW (preferences));
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
  gboolean own_instance = self->command_line->data_dir != NULL || self->command_line->proxy != NULL ||
                          self->command_line->screenshot != NULL;

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

  /* A plain `lectern [URL]` joins the Lectern already running: the address
   * opens there, in a new window. Every other run (--report, --article,
   * --consent, --screenshot, another profile or proxy) stays a process of
   * its own, which never hands its work to a window it does not control. */
  if (self->command_line->command == LECTERN_COMMAND_WINDOW && !own_instance)
    {
      g_application_set_flags (application, G_APPLICATION_HANDLES_OPEN);

      if (!g_application_register (application, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return LECTERN_EXIT_LOAD_FAILED;
        }

      if (g_application_get_is_remote (application))
        {
          if (self->command_line->uri != NULL)
            {
              g_autoptr(GFile) file = g_file_new_for_uri (self->command_line->uri);

              g_application_open (application, &file, 1, "");
            }
          else
            g_application_activate (application);

          return LECTERN_EXIT_OK;
        }
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
  static const char *toggle_reader[] = { "<Control><Alt>r", NULL };
  static const char *zoom_in[] = { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL };
  static const char *zoom_out[] = { "<Control>minus", "<Control>KP_Subtract", NULL };
  static const char *zoom_reset[] = { "<Control>0", "<Control>KP_0", NULL };
  static const char *export_receipt[] = { "<Control><Shift>e", NULL };

  G_APPLICATION_CLASS (lectern_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-sidebar", toggle_sidebar);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.export-consent-receipt", export_receipt);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.focus-address", focus_address);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.reload", reload);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.go-back", back);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.go-forward", forward);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.stop", stop);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.toggle-reader", toggle_reader);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.reader-zoom-in", zoom_in);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.reader-zoom-out", zoom_out);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.reader-zoom-reset", zoom_reset);

  /* First, so that the lists compile while the rest loads. */
  prepare_filter_cache (self);
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

static void
article_run_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LecternApplication) self = user_data;

  lectern_application_set_exit_status (self, lectern_article_run_finish (LECTERN_ARTICLE_RUN (object), result));
  g_clear_object (&self->article_run);
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
      /* A window that has not drawn a frame yet has nothing to give:
       * the next poll, after a frame, will. */
      if (now < run->deadline)
        return G_SOURCE_CONTINUE;

      g_printerr ("%s\n", error->message);
      lectern_application_set_exit_status (run->app, LECTERN_EXIT_LOAD_FAILED);
    }

  report = lectern_site_privacy_build_report (lectern_web_view_get_privacy (view));
  text = lectern_application_dup_report_text (run->app, report);
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

  if (self->command_line->command == LECTERN_COMMAND_ARTICLE)
    {
      if (self->article_run != NULL)
        return;

      g_application_hold (application);
      self->article_run = lectern_article_run_new (self->command_line->uri, self->command_line->timeout);
      lectern_article_run_run_async (self->article_run, NULL, article_run_done_cb, g_object_ref (self));
      return;
    }

  window = lectern_window_new (self);

  /* A screenshot run shows the demo article, whatever was read before. */
  if (self->command_line->uri != NULL)
    lectern_window_load_uri (window, self->command_line->uri);
  else if (self->command_line->screenshot != NULL)
    lectern_window_load_demo (window);
  else
    lectern_window_load_start_page (window);

  /* Only the first activation opens the given URL. */
  g_clear_pointer (&self->command_line->uri, g_free);

  gtk_window_present (GTK_WINDOW (window));

  if (self->command_line->screenshot != NULL)
    save_screenshot_when_quiet (self, window);
}

static void
lectern_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  LecternApplication *self = LECTERN_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;
      LecternWindow *window;

      /* Sent by another process: checked like anything typed. */
      normalized = lectern_uri_normalize (uri, &error);
      if (normalized == NULL)
        {
          g_printerr ("%s\n", error->message);
          continue;
        }

      window = lectern_window_new (self);
      lectern_window_load_uri (window, normalized);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
lectern_application_dispose (GObject *object)
{
  LecternApplication *self = LECTERN_APPLICATION (object);

  g_clear_object (&self->report_run);
  g_clear_object (&self->article_run);
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
  g_clear_pointer (&self->history_store, lectern_history_store_free);
  g_clear_pointer (&self->cmp_memory, lectern_cmp_memory_free);
  g_string_free (self->startup_message, TRUE);
  g_clear_pointer (&self->filter_cache, filter_cache_job_unref);

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
  app_class->open = lectern_application_open;
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
