/* lectern-profile.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-profile.h"

#include <glib/gi18n.h>

#include "lectern-filter-cache-job.h"
#include "lectern-ipc-init.h"
#include "lectern-ipc.h"
#include "lectern-paths.h"
#include "lectern-profile-file.h"
#include "lectern-settings.h"
#include "lectern-site-store.h"
#include "lectern-start-page.h"

/**
 * LecternProfile:
 *
 * What one data folder (`--data-dir`) holds and serves: the site
 * choices, the recent articles, what Lectern learned of each site's
 * consent tool, the web context and network session with their cookies,
 * the compiled filter lists, and the preferences. It is the one place
 * where a site's choices change: each change is saved once, handed to
 * every web process once, and announced once (#LecternProfile::site-changed)
 * to the views that show the site. So is a change another process made to
 * the profile's site choices (`lectern --consent`, another window's
 * profile), once the profile notices it: when the file changes, and
 * before a page's load takes the site's choices.
 *
 * A file of the profile that cannot be used is never a reason to stop:
 * the profile runs without it (the default choices, cookies kept for this
 * run only, no filter cache) and says so in its startup message.
 */
struct _LecternProfile
{
  GObject                parent_instance;

  /* Owned */
  char                  *data_dir;
  char                  *proxy;
  GSettings             *settings;
  LecternSiteStore      *site_store;
  LecternCookieDb       *cookie_db;
  LecternTrackerDb      *tracker_db;
  LecternHistoryStore   *history_store;
  gboolean               history_store_failed;
  LecternCmpMemory      *cmp_memory;
  LecternFilterCacheJob *filter_cache;
  WebKitWebContext      *web_context;
  WebKitNetworkSession  *network_session;
  GString               *startup_message;
  /* The site store's file and its log, watched for other processes'
   * changes, and the sites changed that the views are yet to hear of. */
  GPtrArray             *store_monitors;
  GHashTable            *changed_sites;
  guint                  changed_source;
};

G_DEFINE_FINAL_TYPE (LecternProfile, lectern_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATA_DIR,
  PROP_PROXY,
  PROP_SETTINGS,
  PROP_STARTUP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SITE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
add_startup_message (LecternProfile *self,
                     const char     *message)
{
  /* One paragraph each, in the window's details. */
  if (self->startup_message->len > 0)
    g_string_append (self->startup_message, "\n\n");
  g_string_append (self->startup_message, message);

  /* The command line has no window to show it in. */
  g_printerr ("%s\n", message);

  /* Some parts load later (the filter lists, the recent articles): a
   * window already open shows them too. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTUP_MESSAGE]);
}

/* Web processes keep their own copy of every site's choices. */
static void
broadcast (LecternProfile *self,
           const char     *name,
           GVariant       *parameters)
{
  webkit_web_context_send_message_to_all_extensions (self->web_context,
                                                     webkit_user_message_new (name, parameters));
}

/* Hands @site's choices and allowed trackers, as stored now, to every web
 * process. */
static void
broadcast_site (LecternProfile *self,
                const char     *site)
{
  g_autoptr(LecternSiteChoices) choices = lectern_site_store_dup_choices (self->site_store, site);
  g_auto(GStrv) trackers = lectern_site_store_dup_allowed_trackers (self->site_store, site);

  broadcast (self, LECTERN_IPC_SITE_CHOICES, lectern_site_choices_to_variant (choices));
  broadcast (self, LECTERN_IPC_SITE_ALLOWED_TRACKERS, g_variant_new ("(s^as)", site, trackers));
}

static gboolean
emit_site_changed_cb (gpointer user_data)
{
  LecternProfile *self = user_data;
  g_autoptr(GHashTable) sites = g_steal_pointer (&self->changed_sites);
  GHashTableIter iter;
  gpointer site;

  self->changed_source = 0;
  self->changed_sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_hash_table_iter_init (&iter, sites);
  while (g_hash_table_iter_next (&iter, &site, NULL))
    g_signal_emit (self, signals[SITE_CHANGED], 0, site);

  return G_SOURCE_REMOVE;
}

/* Applies what another process changed in the site choices: every web
 * process has the sites' new choices at once, before the next request it
 * decides; the views hear of it from the main loop, as this may run while
 * one of them asks for a site's choices. */
static void
apply_changes_from_elsewhere (LecternProfile *self)
{
  g_auto(GStrv) sites = NULL;

  /* Disposed: there is no web process left to tell. */
  if (self->web_context == NULL)
    return;

  sites = lectern_site_store_dup_changed_sites (self->site_store);
  for (guint i = 0; sites[i] != NULL; i++)
    {
      g_debug ("The choices of %s changed in another process", sites[i]);
      broadcast_site (self, sites[i]);
      g_hash_table_add (self->changed_sites, g_strdup (sites[i]));
    }

  if (g_hash_table_size (self->changed_sites) > 0 && self->changed_source == 0)
    self->changed_source = g_idle_add (emit_site_changed_cb, self);
}

static void
store_file_changed_cb (GFileMonitor      *monitor,
                       GFile             *file,
                       GFile             *other_file,
                       GFileMonitorEvent  event,
                       LecternProfile    *self)
{
  apply_changes_from_elsewhere (self);
}

/* Another process's commit lands in the log (or, without one, in the file
 * itself); this process's own are no change to apply, which the store
 * tells apart. */
static void
watch_site_store (LecternProfile *self,
                  const char     *path)
{
  static const char * const suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (name);
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor;

      monitor = g_file_monitor_file (file, G_FILE_MONITOR_NONE, NULL, &error);
      if (monitor == NULL)
        {
          g_debug ("Cannot watch %s: %s", name, error->message);
          continue;
        }

      g_file_monitor_set_rate_limit (monitor, 100);
      g_signal_connect_object (monitor, "changed", G_CALLBACK (store_file_changed_cb), self, 0);
      g_ptr_array_add (self->store_monitors, monitor);
    }
}

static void
filter_cache_ready_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LecternProfile) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  message = lectern_filter_cache_job_run_finish (LECTERN_FILTER_CACHE_JOB (object), result, &error);

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

static GVariant *
build_extension_init_data (LecternProfile *self)
{
  g_autoptr(LecternIpcInit) init = lectern_ipc_init_new ();
  g_autoptr(GVariant) allowed_trackers = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  const char *lists_dir = lectern_paths_get_filter_lists_dir ();
  const char *data_dir = lectern_paths_get_data_dir ();
  g_autofree char *easylist = g_build_filename (lists_dir, "easylist.txt", NULL);
  g_autofree char *easyprivacy = g_build_filename (lists_dir, "easyprivacy.txt", NULL);
  const char *cache_path;
  const char *cache_key;
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

  if (lectern_filter_cache_job_wait (self->filter_cache, &cache_path, &cache_key))
    {
      init->filter_cache_path = g_strdup (cache_path);
      init->filter_cache_key = g_strdup (cache_key);
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
initialize_web_process_extensions_cb (WebKitWebContext *context,
                                      LecternProfile   *self)
{
  webkit_web_context_set_web_process_extensions_directory (context, lectern_paths_get_extension_dir ());
  webkit_web_context_set_web_process_extensions_initialization_user_data (context,
                                                                          build_extension_init_data (self));
}

static void
setup_web_context (LecternProfile *self)
{
  g_autofree char *webkit_data = g_build_filename (self->data_dir, "webkit", NULL);
  g_autofree char *webkit_cache = g_build_filename (self->data_dir, "cache", NULL);
  g_autofree char *cookies = g_build_filename (self->data_dir, "cookies.sqlite", NULL);
  g_autoptr(GError) error = NULL;
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
  webkit_web_context_add_path_to_sandbox (self->web_context, lectern_filter_cache_job_get_dir (self->filter_cache), TRUE);

  lectern_start_page_register (self->web_context, self);

  g_signal_connect_object (self->web_context, "initialize-web-process-extensions",
                           G_CALLBACK (initialize_web_process_extensions_cb), self, 0);

  self->network_session = webkit_network_session_new (webkit_data, webkit_cache);
  cookie_manager = webkit_network_session_get_cookie_manager (self->network_session);
  /* WebKit only warns of a cookie file it cannot open (a folder in its
   * place), in its network process, and keeps nothing then; the reader
   * is told, and cookies last for this run. */
  if (!lectern_profile_file_check (cookies, NULL, NULL, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what is wrong with the file, naming it */
      message = g_strdup_printf (_("Cookies are kept only until Lectern closes: %s. Move it away, then "
                                   "start Lectern again to keep cookies."), error->message);
      add_startup_message (self, message);
    }
  else
    webkit_cookie_manager_set_persistent_storage (cookie_manager, cookies,
                                                  WEBKIT_COOKIE_PERSISTENT_STORAGE_SQLITE);
  webkit_cookie_manager_set_accept_policy (cookie_manager, WEBKIT_COOKIE_POLICY_ACCEPT_NO_THIRD_PARTY);

  if (self->proxy != NULL)
    {
      WebKitNetworkProxySettings *proxy = webkit_network_proxy_settings_new (self->proxy, NULL);

      webkit_network_session_set_proxy_settings (self->network_session, WEBKIT_NETWORK_PROXY_MODE_CUSTOM, proxy);
      webkit_network_proxy_settings_free (proxy);
    }
}

static void
apply_default_choices (LecternProfile *self)
{
  g_autoptr(LecternSiteChoices) defaults = lectern_settings_dup_default_choices (self->settings);

  lectern_site_store_set_defaults (self->site_store, defaults);
}

static void
default_choices_changed_cb (LecternProfile *self)
{
  apply_default_choices (self);

  /* A new site's next request must be decided under the new defaults. */
  broadcast (self, LECTERN_IPC_SITE_CHOICES,
             lectern_site_choices_to_variant (lectern_site_store_get_defaults (self->site_store)));
}

static void
load_site_store (LecternProfile *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (self->data_dir, "sites.db", NULL);

  self->site_store = lectern_site_store_open (path, &error);

  if (self->site_store == NULL)
    {
      g_autofree char *message = NULL;
      g_autofree char *reason = NULL;

      /* Translators: %s says why, naming the file */
      message = g_strdup_printf (_("The site choices cannot be opened: %s. Every site uses the default "
                                   "choices, and no choice can be saved: move the file away (or free space "
                                   "on its disk), then start Lectern again."), error->message);
      add_startup_message (self, message);
      /* Translators: %s is a file */
      reason = g_strdup_printf (_("the site choices in “%s” could not be opened when Lectern started"), path);
      self->site_store = lectern_site_store_new_unsaved (reason);
    }
  else if (lectern_site_store_get_recovery_message (self->site_store) != NULL)
    add_startup_message (self, lectern_site_store_get_recovery_message (self->site_store));

  /* A store that saves nothing holds a copy of the file, if any. */
  if (lectern_site_store_get_read_only_reason (self->site_store) == NULL)
    watch_site_store (self, path);

  apply_default_choices (self);
}

static void
load_databases (LecternProfile *self)
{
  g_autoptr(GError) error = NULL;
  const char *data_dir = lectern_paths_get_data_dir ();
  g_autofree char *cookie_db = g_build_filename (data_dir, "open-cookie-database.csv", NULL);
  g_autofree char *trackers = g_build_filename (data_dir, "adguard-companiesdb-trackers.json", NULL);
  g_autofree char *companies = g_build_filename (data_dir, "adguard-companiesdb-companies.json", NULL);

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
    }
}

static void
lectern_profile_constructed (GObject *object)
{
  LecternProfile *self = LECTERN_PROFILE (object);
  g_autofree char *filters_dir = g_build_filename (self->data_dir, "filters", NULL);

  G_OBJECT_CLASS (lectern_profile_parent_class)->constructed (object);

  /* First, so that the lists compile while the rest loads. */
  self->filter_cache = lectern_filter_cache_job_new (lectern_paths_get_filter_lists_dir (), filters_dir);
  lectern_filter_cache_job_run_async (self->filter_cache, filter_cache_ready_cb, g_object_ref (self));

  load_site_store (self);
  load_databases (self);
  setup_web_context (self);

  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::default-allowed-categories",
                             G_CALLBACK (default_choices_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
lectern_profile_dispose (GObject *object)
{
  LecternProfile *self = LECTERN_PROFILE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->network_session);
  g_clear_object (&self->web_context);
  g_clear_object (&self->filter_cache);
  g_clear_pointer (&self->store_monitors, g_ptr_array_unref);
  g_clear_handle_id (&self->changed_source, g_source_remove);

  G_OBJECT_CLASS (lectern_profile_parent_class)->dispose (object);
}

static void
lectern_profile_finalize (GObject *object)
{
  LecternProfile *self = LECTERN_PROFILE (object);

  g_free (self->data_dir);
  g_free (self->proxy);
  g_clear_pointer (&self->site_store, lectern_site_store_free);
  g_clear_pointer (&self->cookie_db, lectern_cookie_db_free);
  g_clear_pointer (&self->tracker_db, lectern_tracker_db_free);
  g_clear_pointer (&self->history_store, lectern_history_store_free);
  g_clear_pointer (&self->cmp_memory, lectern_cmp_memory_free);
  g_clear_pointer (&self->changed_sites, g_hash_table_unref);
  g_string_free (self->startup_message, TRUE);

  G_OBJECT_CLASS (lectern_profile_parent_class)->finalize (object);
}

static void
lectern_profile_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LecternProfile *self = LECTERN_PROFILE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      g_value_set_string (value, self->data_dir);
      break;

    case PROP_PROXY:
      g_value_set_string (value, self->proxy);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STARTUP_MESSAGE:
      g_value_set_string (value, lectern_profile_get_startup_message (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_profile_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LecternProfile *self = LECTERN_PROFILE (object);

  switch (prop_id)
    {
    case PROP_DATA_DIR:
      self->data_dir = g_value_dup_string (value);
      break;

    case PROP_PROXY:
      self->proxy = g_value_dup_string (value);
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_profile_class_init (LecternProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_profile_constructed;
  object_class->dispose = lectern_profile_dispose;
  object_class->finalize = lectern_profile_finalize;
  object_class->get_property = lectern_profile_get_property;
  object_class->set_property = lectern_profile_set_property;

  /**
   * LecternProfile:data-dir:
   *
   * The folder of the profile; it must exist.
   */
  properties[PROP_DATA_DIR] =
    g_param_spec_string ("data-dir", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LecternProfile:proxy:
   *
   * The proxy every http and https request goes through, or %NULL.
   */
  properties[PROP_PROXY] =
    g_param_spec_string ("proxy", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LecternProfile:settings:
   *
   * The preferences, or %NULL when their schema is not installed.
   */
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * LecternProfile:startup-message:
   *
   * What went wrong while loading the profile, as
   * lectern_profile_get_startup_message() says; it grows as the parts
   * that load later (the filter lists, the recent articles) report.
   */
  properties[PROP_STARTUP_MESSAGE] =
    g_param_spec_string ("startup-message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternProfile::site-changed:
   * @self: the profile
   * @site: the site whose choices or allowed trackers changed
   *
   * Emitted once a change is saved and handed to the web processes; the
   * views showing @site apply it.
   */
  signals[SITE_CHANGED] =
    g_signal_new ("site-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
lectern_profile_init (LecternProfile *self)
{
  self->startup_message = g_string_new (NULL);
  self->store_monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->changed_sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * lectern_profile_new:
 * @data_dir: the profile's folder, which must exist
 * @proxy: (nullable): a proxy for every http and https request
 * @settings: (nullable): the preferences
 *
 * Opens the profile: its site choices, the databases, and a web context
 * and network session of its own. The filter lists compile in a thread.
 *
 * Returns: (transfer full): the profile
 */
LecternProfile *
lectern_profile_new (const char *data_dir,
                     const char *proxy,
                     GSettings  *settings)
{
  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (LECTERN_TYPE_PROFILE,
                       "data-dir", data_dir,
                       "proxy", proxy,
                       "settings", settings,
                       NULL);
}

const char *
lectern_profile_get_data_dir (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return self->data_dir;
}

WebKitWebContext *
lectern_profile_get_web_context (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return self->web_context;
}

WebKitNetworkSession *
lectern_profile_get_network_session (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return self->network_session;
}

/**
 * lectern_profile_get_settings:
 * @self: a #LecternProfile
 *
 * Returns: (transfer none) (nullable): the preferences, %NULL when their
 *   schema is not installed
 */
GSettings *
lectern_profile_get_settings (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return self->settings;
}

/**
 * lectern_profile_get_cookie_db:
 * @self: a #LecternProfile
 *
 * Returns: (transfer none) (nullable): the Open Cookie Database, %NULL
 *   when it could not be read (the reader was told)
 */
LecternCookieDb *
lectern_profile_get_cookie_db (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return self->cookie_db;
}

/**
 * lectern_profile_get_tracker_db:
 * @self: a #LecternProfile
 *
 * Returns: (transfer none) (nullable): the tracker database, %NULL when
 *   it could not be read (the reader was told)
 */
LecternTrackerDb *
lectern_profile_get_tracker_db (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return self->tracker_db;
}

/**
 * lectern_profile_get_history_store:
 * @self: a #LecternProfile
 *
 * Opens the recent articles and reader-mode sites of the profile on first
 * use, so that the command line's one-process runs never touch them.
 *
 * Returns: (transfer none) (nullable): the store, %NULL if it cannot be
 *   opened (the reader was told why)
 */
LecternHistoryStore *
lectern_profile_get_history_store (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  if (self->history_store == NULL && !self->history_store_failed)
    {
      g_autofree char *path = g_build_filename (self->data_dir, "reader.db", NULL);
      g_autoptr(GError) error = NULL;

      self->history_store = lectern_history_store_open (path, &error);

      if (self->history_store == NULL)
        {
          g_autofree char *message = NULL;

          self->history_store_failed = TRUE;
          /* Translators: %s says why, naming the file */
          message = g_strdup_printf (_("Recent articles cannot be kept: %s. Until the file can be opened, the "
                                       "start page lists none and no site always opens in reader mode: move it "
                                       "away, then start Lectern again."), error->message);
          add_startup_message (self, message);
        }
      else if (lectern_history_store_get_recovery_message (self->history_store) != NULL)
        add_startup_message (self, lectern_history_store_get_recovery_message (self->history_store));
    }

  return self->history_store;
}

/**
 * lectern_profile_get_cmp_memory:
 * @self: a #LecternProfile
 *
 * Returns: (transfer none): what Lectern learned of each site's consent
 *   tool, read from the profile on first use
 */
LecternCmpMemory *
lectern_profile_get_cmp_memory (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  if (self->cmp_memory == NULL)
    {
      g_autofree char *path = g_build_filename (self->data_dir, "consent-tools.ini", NULL);

      self->cmp_memory = lectern_cmp_memory_new (path);
      if (lectern_cmp_memory_get_recovery_message (self->cmp_memory) != NULL)
        add_startup_message (self, lectern_cmp_memory_get_recovery_message (self->cmp_memory));
    }

  return self->cmp_memory;
}

/**
 * lectern_profile_get_startup_message:
 * @self: a #LecternProfile
 *
 * Returns: (nullable): what went wrong while loading the profile (a
 *   database set aside, a data file that did not load), for a window to
 *   show once
 */
const char *
lectern_profile_get_startup_message (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return self->startup_message->len > 0 ? self->startup_message->str : NULL;
}

/**
 * lectern_profile_get_filter_stats:
 * @self: a #LecternProfile
 *
 * Returns: (nullable): what the filter lists held, or %NULL while they are
 *   still being read or when none could be
 */
const LecternFilterStats *
lectern_profile_get_filter_stats (LecternProfile *self)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return lectern_filter_cache_job_get_stats (self->filter_cache);
}

/**
 * lectern_profile_dup_report_text:
 * @self: a #LecternProfile
 * @report: a page's report
 *
 * Returns: (transfer full): the report as text, ending with what the
 *   filter lists held
 */
char *
lectern_profile_dup_report_text (LecternProfile    *self,
                                 LecternPageReport *report)
{
  const LecternFilterStats *stats;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);
  g_return_val_if_fail (report != NULL, NULL);

  text = lectern_page_report_to_text (report);
  stats = lectern_profile_get_filter_stats (self);
  if (stats == NULL)
    return g_steal_pointer (&text);

  summary = lectern_filter_stats_to_string (stats);
  /* Translators: %s counts the rules in use and those left out, by reason */
  return g_strdup_printf (_("%s\nFilter lists: %s"), text, summary);
}

/**
 * lectern_profile_dup_choices:
 * @self: a #LecternProfile
 * @site: (nullable): a site's registrable domain
 *
 * Takes in first what another process changed in the site choices.
 *
 * Returns: (transfer full): the site's stored choices, else the defaults
 */
LecternSiteChoices *
lectern_profile_dup_choices (LecternProfile *self,
                             const char     *site)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  /* A page's load asks first: whatever another process changed reaches
   * the web processes before the page's first request. */
  apply_changes_from_elsewhere (self);

  return lectern_site_store_dup_choices (self->site_store, site != NULL ? site : "");
}

/**
 * lectern_profile_dup_allowed_trackers:
 * @self: a #LecternProfile
 * @site: (nullable): a site's registrable domain
 *
 * Returns: (transfer full): the trackers the reader allowed on @site
 */
GStrv
lectern_profile_dup_allowed_trackers (LecternProfile *self,
                                      const char     *site)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), NULL);

  return lectern_site_store_dup_allowed_trackers (self->site_store, site != NULL ? site : "");
}

/**
 * lectern_profile_set_choices:
 * @self: a #LecternProfile
 * @choices: a site's new choices
 * @error: return location for a #GError
 *
 * Saves a site's choices, hands them to every web process, so the next
 * request of any page of the site is decided under them, then emits
 * #LecternProfile::site-changed.
 */
gboolean
lectern_profile_set_choices (LecternProfile            *self,
                             const LecternSiteChoices  *choices,
                             GError                   **error)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (choices != NULL, FALSE);

  if (!lectern_site_store_save_choices (self->site_store, choices, error))
    return FALSE;

  broadcast (self, LECTERN_IPC_SITE_CHOICES, lectern_site_choices_to_variant (choices));
  g_signal_emit (self, signals[SITE_CHANGED], 0, lectern_site_choices_get_site (choices));

  return TRUE;
}

/**
 * lectern_profile_edit_choices:
 * @self: a #LecternProfile
 * @site: a site's registrable domain
 * @edit: (scope call): changes the site's choices as they are stored now
 * @user_data: data for @edit
 * @error: return location for a #GError
 *
 * Changes what @edit changes of a site's choices, and nothing else: a
 * choice another process stored a moment before is kept, where saving
 * the choices a page was loaded with would undo it. Then hands them on
 * as lectern_profile_set_choices() does.
 */
gboolean
lectern_profile_edit_choices (LecternProfile              *self,
                              const char                  *site,
                              LecternSiteChoicesEditFunc   edit,
                              gpointer                     user_data,
                              GError                     **error)
{
  g_autoptr(LecternSiteChoices) choices = NULL;

  g_return_val_if_fail (LECTERN_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (site != NULL && site[0] != '\0', FALSE);

  if (!lectern_site_store_edit_choices (self->site_store, site, edit, user_data, &choices, error))
    return FALSE;

  broadcast (self, LECTERN_IPC_SITE_CHOICES, lectern_site_choices_to_variant (choices));
  g_signal_emit (self, signals[SITE_CHANGED], 0, site);

  return TRUE;
}

/**
 * lectern_profile_set_tracker_allowed:
 * @self: a #LecternProfile
 * @site: a site's registrable domain
 * @tracker: a tracker's name, else its host
 * @allowed: whether to let it through on @site
 * @error: return location for a #GError
 *
 * Saves the choice, hands the site's new list to every web process, then
 * emits #LecternProfile::site-changed, as lectern_profile_set_choices()
 * does for categories.
 */
gboolean
lectern_profile_set_tracker_allowed (LecternProfile  *self,
                                     const char      *site,
                                     const char      *tracker,
                                     gboolean         allowed,
                                     GError         **error)
{
  g_auto(GStrv) trackers = NULL;

  g_return_val_if_fail (LECTERN_IS_PROFILE (self), FALSE);
  g_return_val_if_fail (site != NULL && site[0] != '\0', FALSE);
  g_return_val_if_fail (tracker != NULL && tracker[0] != '\0', FALSE);

  if (!lectern_site_store_set_tracker_allowed (self->site_store, site, tracker, allowed, error))
    return FALSE;

  trackers = lectern_site_store_dup_allowed_trackers (self->site_store, site);
  broadcast (self, LECTERN_IPC_SITE_ALLOWED_TRACKERS, g_variant_new ("(s^as)", site, trackers));
  g_signal_emit (self, signals[SITE_CHANGED], 0, site);

  return TRUE;
}
