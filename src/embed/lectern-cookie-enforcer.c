/* lectern-cookie-enforcer.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-enforcer.h"

#include "lectern-cookie-classifier.h"
#include "lectern-page-report.h"
#include "lectern-party.h"

/* Changes come in bursts (a tag manager writes several cookies at once, and
 * every removal is a change too): scan once the burst is over. */
#define SCAN_DELAY_MS 250

struct _LecternCookieEnforcer
{
  GObject              parent_instance;

  /* Owned */
  LecternProfile      *profile;
  WebKitCookieManager *manager;
  LecternSiteChoices  *choices;
  /* The trackers the reader allowed on the site, which keep their cookies */
  GStrv                allowed_trackers;
  char                *page_host;
  char                *site;
  GHashTable          *removed;     /* "name\tdomain" → LecternCookieRecord */
  GHashTable          *first_seen;  /* "name\tdomain" → GDateTime */
  GCancellable        *cancellable;
  guint                scan_source;
  /* When the store first said it changed since the last scan began: a
   * cookie found by the scan appeared then, not when the scan ran (a
   * quarter of a second later). Set-Cookie evidence is matched to it by
   * time. */
  GDateTime           *changed_at;
};

G_DEFINE_FINAL_TYPE (LecternCookieEnforcer, lectern_cookie_enforcer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  COOKIES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
cookie_key (const char *name,
            const char *domain)
{
  return g_strconcat (name, "\t", domain, NULL);
}

static gboolean
cookie_belongs_to_site (LecternCookieEnforcer *self,
                        const char            *domain)
{
  g_autofree char *host = NULL;
  const char *site;

  if (self->site == NULL || domain == NULL)
    return FALSE;

  host = g_ascii_strdown (domain[0] == '.' ? domain + 1 : domain, -1);
  site = lectern_party_get_site (host);

  return site != NULL && g_ascii_strcasecmp (site, self->site) == 0;
}

static void
delete_cookie_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!webkit_cookie_manager_delete_cookie_finish (WEBKIT_COOKIE_MANAGER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Cannot remove a cookie: %s", error->message);
}

static LecternCookieRecord *
classify (LecternCookieEnforcer *self,
          SoupCookie            *cookie,
          GDateTime             *changed_at)
{
  LecternCookieRecord *record = lectern_cookie_record_new ();
  LecternCookieVerdict verdict = { 0 };
  g_autofree char *key = NULL;
  GDateTime *expires;
  GDateTime *seen;

  lectern_cookie_classify (lectern_profile_get_cookie_db (self->profile),
                           lectern_profile_get_tracker_db (self->profile),
                           self->choices,
                           (const char * const *) self->allowed_trackers,
                           soup_cookie_get_name (cookie),
                           soup_cookie_get_domain (cookie),
                           self->page_host,
                           &verdict);

  record->name = g_strdup (soup_cookie_get_name (cookie));
  record->domain = g_strdup (soup_cookie_get_domain (cookie));
  record->third_party = verdict.third_party;
  record->category = verdict.category;
  record->platform = g_strdup (verdict.platform);
  record->owner = g_strdup (verdict.owner);
  if (verdict.info != NULL)
    {
      record->purpose = g_strdup (verdict.info->description);
      record->retention = g_strdup (verdict.info->retention);
    }
  record->violation = verdict.violation;
  record->allowed_tracker = g_strdup (verdict.allowed_tracker);

  expires = soup_cookie_get_expires (cookie);
  record->expires = expires ? g_date_time_ref (expires) : NULL;

  key = cookie_key (record->name, record->domain);
  seen = g_hash_table_lookup (self->first_seen, key);

  if (seen == NULL)
    {
      seen = changed_at != NULL ? g_date_time_ref (changed_at) : g_date_time_new_now_utc ();
      g_hash_table_insert (self->first_seen, g_strdup (key), seen);
    }

  record->seen = g_date_time_ref (seen);

  return record;
}

static void
get_all_cookies_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LecternCookieEnforcer *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) present = NULL;
  GList *cookies;
  GSettings *settings;
  gboolean enforcing;
  GHashTableIter iter;
  gpointer value;

  cookies = webkit_cookie_manager_get_all_cookies_finish (WEBKIT_COOKIE_MANAGER (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  settings = lectern_profile_get_settings (self->profile);
  enforcing = settings == NULL || g_settings_get_boolean (settings, "enforce-cookies");

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_cookie_record_free);
  present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (GList *l = cookies; l != NULL; l = l->next)
    {
      SoupCookie *cookie = l->data;
      LecternCookieRecord *record;

      if (!cookie_belongs_to_site (self, soup_cookie_get_domain (cookie)))
        continue;

      record = classify (self, cookie, g_task_get_task_data (task));
      g_hash_table_add (present, cookie_key (record->name, record->domain));

      /* Strictly necessary cookies never count as violations, so the
       * classifier's verdict is enough to know what may go. */
      if (record->violation && enforcing)
        {
          record->removed = TRUE;
          webkit_cookie_manager_delete_cookie (self->manager, cookie, self->cancellable,
                                               delete_cookie_cb, NULL);
          g_hash_table_replace (self->removed,
                                cookie_key (record->name, record->domain),
                                lectern_cookie_record_copy (record));
        }

      g_ptr_array_add (records, record);
    }

  g_list_free_full (cookies, (GDestroyNotify) soup_cookie_free);

  /* A removed cookie stays in the list, marked, so the reader sees what
   * the site tried to keep. */
  g_hash_table_iter_init (&iter, self->removed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LecternCookieRecord *removed = value;
      g_autofree char *key = cookie_key (removed->name, removed->domain);

      if (!g_hash_table_contains (present, key))
        g_ptr_array_add (records, lectern_cookie_record_copy (removed));
    }

  /* Whoever asked, the page follows every scan. */
  g_signal_emit (self, signals[COOKIES_CHANGED], 0, records);
  g_task_return_pointer (task, g_ptr_array_ref (records), (GDestroyNotify) g_ptr_array_unref);
}

void
lectern_cookie_enforcer_scan_async (LecternCookieEnforcer *self,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_COOKIE_ENFORCER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_cookie_enforcer_scan_async);
  if (self->changed_at != NULL)
    g_task_set_task_data (task, g_steal_pointer (&self->changed_at), (GDestroyNotify) g_date_time_unref);

  webkit_cookie_manager_get_all_cookies (self->manager, cancellable, get_all_cookies_cb, g_steal_pointer (&task));
}

/**
 * lectern_cookie_enforcer_scan_finish:
 *
 * Returns: (transfer container) (element-type LecternCookieRecord): every
 *   cookie of the site on screen, removed ones included
 */
GPtrArray *
lectern_cookie_enforcer_scan_finish (LecternCookieEnforcer  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
scan_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LecternCookieEnforcer *self = LECTERN_COOKIE_ENFORCER (object);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = lectern_cookie_enforcer_scan_finish (self, result, &error);

  if (records == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("Cannot read cookies: %s", error->message);
}

static gboolean
scan_timeout_cb (gpointer user_data)
{
  LecternCookieEnforcer *self = user_data;

  self->scan_source = 0;
  lectern_cookie_enforcer_scan_async (self, self->cancellable, scan_done_cb, NULL);

  return G_SOURCE_REMOVE;
}

static void
queue_scan (LecternCookieEnforcer *self)
{
  if (self->site == NULL || self->scan_source != 0)
    return;

  self->scan_source = g_timeout_add (SCAN_DELAY_MS, scan_timeout_cb, self);
}

static void
cookies_changed_cb (WebKitCookieManager   *manager,
                    LecternCookieEnforcer *self)
{
  if (self->changed_at == NULL)
    self->changed_at = g_date_time_new_now_utc ();
  queue_scan (self);
}

/**
 * lectern_cookie_enforcer_set_page:
 * @self: a #LecternCookieEnforcer
 * @uri: (nullable): the page now loading; %NULL for none
 * @choices: (nullable): the choices of its site
 * @known: (nullable) (element-type LecternCookieRecord): the cookies of
 *   the page as last seen, when the page is one shown before
 *
 * Follows the site of @uri from now on: its cookies are read, judged
 * under @choices and removed when they break them.
 */
void
lectern_cookie_enforcer_set_page (LecternCookieEnforcer    *self,
                                  const char               *uri,
                                  const LecternSiteChoices *choices,
                                  GPtrArray                *known)
{
  g_return_if_fail (LECTERN_IS_COOKIE_ENFORCER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_pointer (&self->page_host, g_free);
  g_clear_pointer (&self->site, g_free);
  g_hash_table_remove_all (self->removed);
  g_hash_table_remove_all (self->first_seen);
  g_clear_pointer (&self->changed_at, g_date_time_unref);

  self->page_host = uri ? lectern_party_dup_host_for_uri (uri) : NULL;
  if (self->page_host != NULL)
    self->site = g_strdup (lectern_party_get_site (self->page_host));

  /* A page seen before keeps the cookies removed then, listed, and when
   * each cookie was first seen. */
  for (guint i = 0; known != NULL && i < known->len; i++)
    {
      const LecternCookieRecord *record = g_ptr_array_index (known, i);

      if (record->removed)
        g_hash_table_replace (self->removed, cookie_key (record->name, record->domain),
                              lectern_cookie_record_copy (record));
      if (record->seen != NULL)
        g_hash_table_replace (self->first_seen, cookie_key (record->name, record->domain),
                              g_date_time_ref (record->seen));
    }

  lectern_cookie_enforcer_set_choices (self, choices);
}

/**
 * lectern_cookie_enforcer_set_choices:
 * @self: a #LecternCookieEnforcer
 * @choices: (nullable): the site's choices
 *
 * Judges the site's cookies under @choices from now on, and under the
 * trackers the reader allowed on the site, as the profile now has them.
 */
void
lectern_cookie_enforcer_set_choices (LecternCookieEnforcer    *self,
                                     const LecternSiteChoices *choices)
{
  g_return_if_fail (LECTERN_IS_COOKIE_ENFORCER (self));

  g_clear_pointer (&self->choices, lectern_site_choices_free);
  self->choices = choices ? lectern_site_choices_copy (choices) : lectern_site_choices_new (self->site ? self->site : "");

  /* The trackers the reader allows change as the choices do (the
   * profile's "site-changed"), upon which the view hands its enforcer the
   * site's choices: both are read then. */
  g_clear_pointer (&self->allowed_trackers, g_strfreev);
  if (self->site != NULL)
    self->allowed_trackers = lectern_profile_dup_allowed_trackers (self->profile, self->site);

  queue_scan (self);
}

/* Deleting on the reader's request ------------------------------------- */

typedef struct
{
  char            *name;
  char            *domain;
  LecternCategory  category;
  gboolean         by_category;
  GList           *pending;   /* SoupCookie, still to delete */
  int              n_deleted;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_free (data->name);
  g_free (data->domain);
  g_list_free_full (data->pending, (GDestroyNotify) soup_cookie_free);
  g_free (data);
}

static gboolean
delete_matches (LecternCookieEnforcer *self,
                DeleteData            *data,
                const char            *name,
                const char            *domain)
{
  if (!data->by_category)
    return g_strcmp0 (name, data->name) == 0 && (data->domain == NULL || g_strcmp0 (domain, data->domain) == 0);

  {
    g_autoptr(LecternCookieRecord) record = NULL;
    g_autoptr(SoupCookie) probe = soup_cookie_new (name, "", domain, "/", -1);

    record = classify (self, probe, NULL);
    return record->category == data->category;
  }
}

static void delete_next (GTask *task);

static void
delete_one_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!webkit_cookie_manager_delete_cookie_finish (WEBKIT_COOKIE_MANAGER (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->n_deleted++;
  delete_next (g_steal_pointer (&task));
}

static void
delete_next (GTask *task)
{
  LecternCookieEnforcer *self = g_task_get_source_object (task);
  DeleteData *data = g_task_get_task_data (task);
  SoupCookie *cookie;

  if (data->pending == NULL)
    {
      /* The list shows the store as it now is. */
      queue_scan (self);
      g_task_return_int (task, data->n_deleted);
      g_object_unref (task);
      return;
    }

  cookie = data->pending->data;
  data->pending = g_list_delete_link (data->pending, data->pending);
  webkit_cookie_manager_delete_cookie (self->manager, cookie, g_task_get_cancellable (task),
                                       delete_one_cb, task);
  soup_cookie_free (cookie);
}

static void
delete_get_cookies_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LecternCookieEnforcer *self = g_task_get_source_object (task);
  DeleteData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;
  GList *cookies;

  cookies = webkit_cookie_manager_get_all_cookies_finish (WEBKIT_COOKIE_MANAGER (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (GList *l = cookies; l != NULL; l = l->next)
    {
      SoupCookie *cookie = l->data;

      /* Only the site on screen: its list is the one the reader acted on. */
      if (cookie_belongs_to_site (self, soup_cookie_get_domain (cookie)) &&
          delete_matches (self, data, soup_cookie_get_name (cookie), soup_cookie_get_domain (cookie)))
        data->pending = g_list_prepend (data->pending, soup_cookie_copy (cookie));
    }
  g_list_free_full (cookies, (GDestroyNotify) soup_cookie_free);

  /* Cookies already removed for breaking the choices are listed from
   * memory; the reader's delete takes them off the list too. */
  g_hash_table_iter_init (&iter, self->removed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LecternCookieRecord *removed = value;

      if ((!data->by_category && g_strcmp0 (removed->name, data->name) == 0 &&
           (data->domain == NULL || g_strcmp0 (removed->domain, data->domain) == 0)) ||
          (data->by_category && removed->category == data->category))
        {
          g_hash_table_iter_remove (&iter);
          data->n_deleted++;
        }
    }

  delete_next (g_steal_pointer (&task));
}

/**
 * lectern_cookie_enforcer_delete_async:
 * @self: a #LecternCookieEnforcer
 * @name: (nullable): a cookie's name, to delete that one cookie
 * @domain: (nullable): its domain, as the store has it; %NULL for any
 *   domain of the site
 * @category_id: (nullable): without @name, delete every cookie of the
 *   site on screen in this category
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Deletes cookies of the site on screen from the cookie store, then scans
 * again so that "cookies-changed" reports the store as it is.
 */
void
lectern_cookie_enforcer_delete_async (LecternCookieEnforcer *self,
                                      const char            *name,
                                      const char            *domain,
                                      const char            *category_id,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  DeleteData *data;

  g_return_if_fail (LECTERN_IS_COOKIE_ENFORCER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_cookie_enforcer_delete_async);

  data = g_new0 (DeleteData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) delete_data_free);

  if (name != NULL)
    {
      data->name = g_strdup (name);
      data->domain = g_strdup (domain);
    }
  else if (category_id != NULL && lectern_category_from_id (category_id, &data->category))
    {
      data->by_category = TRUE;
    }
  else
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               "No cookie and no category to delete");
      return;
    }

  if (self->site == NULL)
    {
      g_task_return_int (task, 0);
      return;
    }

  webkit_cookie_manager_get_all_cookies (self->manager, cancellable,
                                         delete_get_cookies_cb, g_steal_pointer (&task));
}

/**
 * lectern_cookie_enforcer_delete_finish:
 *
 * Returns: the number of cookies deleted, or -1 with @error set
 */
int
lectern_cookie_enforcer_delete_finish (LecternCookieEnforcer  *self,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
lectern_cookie_enforcer_dispose (GObject *object)
{
  LecternCookieEnforcer *self = LECTERN_COOKIE_ENFORCER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->scan_source, g_source_remove);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  g_clear_object (&self->profile);

  G_OBJECT_CLASS (lectern_cookie_enforcer_parent_class)->dispose (object);
}

static void
lectern_cookie_enforcer_finalize (GObject *object)
{
  LecternCookieEnforcer *self = LECTERN_COOKIE_ENFORCER (object);

  g_clear_pointer (&self->choices, lectern_site_choices_free);
  g_clear_pointer (&self->allowed_trackers, g_strfreev);
  g_clear_pointer (&self->page_host, g_free);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->removed, g_hash_table_unref);
  g_clear_pointer (&self->first_seen, g_hash_table_unref);
  g_clear_pointer (&self->changed_at, g_date_time_unref);

  G_OBJECT_CLASS (lectern_cookie_enforcer_parent_class)->finalize (object);
}

static void
lectern_cookie_enforcer_constructed (GObject *object)
{
  LecternCookieEnforcer *self = LECTERN_COOKIE_ENFORCER (object);
  WebKitNetworkSession *session;

  G_OBJECT_CLASS (lectern_cookie_enforcer_parent_class)->constructed (object);

  g_assert (self->profile != NULL);

  session = lectern_profile_get_network_session (self->profile);
  self->manager = g_object_ref (webkit_network_session_get_cookie_manager (session));
  g_signal_connect (self->manager, "changed", G_CALLBACK (cookies_changed_cb), self);
}

static void
lectern_cookie_enforcer_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LecternCookieEnforcer *self = LECTERN_COOKIE_ENFORCER (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_cookie_enforcer_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LecternCookieEnforcer *self = LECTERN_COOKIE_ENFORCER (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_cookie_enforcer_class_init (LecternCookieEnforcerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lectern_cookie_enforcer_constructed;
  object_class->dispose = lectern_cookie_enforcer_dispose;
  object_class->finalize = lectern_cookie_enforcer_finalize;
  object_class->get_property = lectern_cookie_enforcer_get_property;
  object_class->set_property = lectern_cookie_enforcer_set_property;

  /**
   * LecternCookieEnforcer:profile:
   *
   * The profile whose cookie store, databases and preferences the enforcer uses.
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         LECTERN_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LecternCookieEnforcer::cookies-changed:
   * @records: (element-type LecternCookieRecord): every cookie of the site
   *
   * Emitted after each scan: those the cookie store's changes trigger,
   * and those asked for.
   */
  signals[COOKIES_CHANGED] =
    g_signal_new ("cookies-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
lectern_cookie_enforcer_init (LecternCookieEnforcer *self)
{
  self->removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) lectern_cookie_record_free);
  self->first_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_date_time_unref);
  self->cancellable = g_cancellable_new ();
}

/**
 * lectern_cookie_enforcer_new:
 * @profile: the profile whose cookie store, databases and preferences
 *   the enforcer uses
 *
 * Returns: (transfer full): an enforcer with no page yet
 */
LecternCookieEnforcer *
lectern_cookie_enforcer_new (LecternProfile *profile)
{
  g_return_val_if_fail (LECTERN_IS_PROFILE (profile), NULL);

  return g_object_new (LECTERN_TYPE_COOKIE_ENFORCER,
                       "profile", profile,
                       NULL);
}
