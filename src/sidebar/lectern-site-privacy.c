/* lectern-site-privacy.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-site-privacy.h"

#include "lectern-cookie-item.h"
#include "lectern-tracker-group.h"
#include "lectern-tracker-item.h"

struct _LecternSitePrivacy
{
  GObject           parent_instance;

  /* Owned */
  LecternPageState *page;
  GListStore       *trackers;
  GListStore       *tracker_groups;
  GHashTable       *groups_by_key;
  GListStore       *cookies;
  /* What a missing page has: no violation. */
  GPtrArray        *no_violations;
};

G_DEFINE_FINAL_TYPE (LecternSitePrivacy, lectern_site_privacy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAGE,
  PROP_TRACKERS,
  PROP_TRACKER_GROUPS,
  PROP_COOKIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_tracker (LecternSitePrivacy         *self,
             const LecternRequestRecord *record)
{
  g_autoptr(LecternTrackerItem) item = lectern_tracker_item_new (record);
  g_autofree char *key = lectern_tracker_group_dup_key_for (record);
  LecternTrackerGroup *group = g_hash_table_lookup (self->groups_by_key, key);

  g_list_store_append (self->trackers, item);

  if (group != NULL)
    {
      lectern_tracker_group_add (group, record);
    }
  else
    {
      g_autoptr(LecternTrackerGroup) new_group = lectern_tracker_group_new (record);

      g_hash_table_insert (self->groups_by_key, g_steal_pointer (&key), new_group);
      g_list_store_insert_sorted (self->tracker_groups, new_group, lectern_tracker_group_compare, NULL);
    }
}

static void
request_added_cb (LecternSitePrivacy         *self,
                  const LecternRequestRecord *record)
{
  if (record->tracker)
    add_tracker (self, record);
}

static void
fill_trackers (LecternSitePrivacy *self)
{
  GPtrArray *requests = self->page != NULL ? lectern_page_state_get_requests (self->page) : NULL;

  g_hash_table_remove_all (self->groups_by_key);
  g_list_store_remove_all (self->tracker_groups);
  g_list_store_remove_all (self->trackers);

  for (guint i = 0; requests != NULL && i < requests->len; i++)
    request_added_cb (self, g_ptr_array_index (requests, i));
}

static void
fill_cookies (LecternSitePrivacy *self)
{
  GPtrArray *records = self->page != NULL ? lectern_page_state_get_cookies (self->page) : NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; records != NULL && i < records->len; i++)
    g_ptr_array_add (items, lectern_cookie_item_new (g_ptr_array_index (records, i)));

  /* One splice, so that the list is rebuilt once and not per cookie. */
  g_list_store_splice (self->cookies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cookies)),
                       items->pdata, items->len);
}


static void
lectern_site_privacy_dispose (GObject *object)
{
  LecternSitePrivacy *self = LECTERN_SITE_PRIVACY (object);

  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  g_clear_object (&self->page);
  g_clear_object (&self->trackers);
  g_clear_object (&self->tracker_groups);
  g_clear_object (&self->cookies);

  G_OBJECT_CLASS (lectern_site_privacy_parent_class)->dispose (object);
}

static void
lectern_site_privacy_finalize (GObject *object)
{
  LecternSitePrivacy *self = LECTERN_SITE_PRIVACY (object);

  g_hash_table_unref (self->groups_by_key);
  g_ptr_array_unref (self->no_violations);

  G_OBJECT_CLASS (lectern_site_privacy_parent_class)->finalize (object);
}

static void
lectern_site_privacy_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LecternSitePrivacy *self = LECTERN_SITE_PRIVACY (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;

    case PROP_TRACKERS:
      g_value_set_object (value, self->trackers);
      break;

    case PROP_TRACKER_GROUPS:
      g_value_set_object (value, self->tracker_groups);
      break;

    case PROP_COOKIES:
      g_value_set_object (value, self->cookies);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_site_privacy_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LecternSitePrivacy *self = LECTERN_SITE_PRIVACY (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      lectern_site_privacy_set_page (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
new_model_pspec (const char *name)
{
  return g_param_spec_object (name, NULL, NULL,
                              G_TYPE_LIST_MODEL,
                              (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
lectern_site_privacy_class_init (LecternSitePrivacyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_site_privacy_dispose;
  object_class->finalize = lectern_site_privacy_finalize;
  object_class->get_property = lectern_site_privacy_get_property;
  object_class->set_property = lectern_site_privacy_set_property;

  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL,
                         LECTERN_TYPE_PAGE_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TRACKERS] = new_model_pspec ("trackers");
  properties[PROP_TRACKER_GROUPS] = new_model_pspec ("tracker-groups");
  properties[PROP_COOKIES] = new_model_pspec ("cookies");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_site_privacy_init (LecternSitePrivacy *self)
{
  self->trackers = g_list_store_new (LECTERN_TYPE_TRACKER_ITEM);
  self->tracker_groups = g_list_store_new (LECTERN_TYPE_TRACKER_GROUP);
  self->groups_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cookies = g_list_store_new (LECTERN_TYPE_COOKIE_ITEM);
  self->no_violations = g_ptr_array_new ();
}

LecternSitePrivacy *
lectern_site_privacy_new (void)
{
  return g_object_new (LECTERN_TYPE_SITE_PRIVACY, NULL);
}

/**
 * lectern_site_privacy_get_page:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (nullable) (transfer none): the page shown
 */
LecternPageState *
lectern_site_privacy_get_page (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->page;
}

/**
 * lectern_site_privacy_set_page:
 * @self: a #LecternSitePrivacy
 * @page: (nullable): the page to show
 *
 * Shows @page: the lists are filled with what it holds so far and follow
 * what it adds.
 */
void
lectern_site_privacy_set_page (LecternSitePrivacy *self,
                               LecternPageState   *page)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));
  g_return_if_fail (page == NULL || LECTERN_IS_PAGE_STATE (page));

  if (self->page == page)
    return;

  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  g_set_object (&self->page, page);

  if (page != NULL)
    {
      g_signal_connect_object (page, "notify::cookies", G_CALLBACK (fill_cookies), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "request-added", G_CALLBACK (request_added_cb), self, G_CONNECT_SWAPPED);
    }

  fill_trackers (self);
  fill_cookies (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * lectern_site_privacy_get_url:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (nullable): the page's URL, %NULL before any page
 */
const char *
lectern_site_privacy_get_url (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->page != NULL ? lectern_page_state_get_url (self->page) : NULL;
}

/**
 * lectern_site_privacy_get_site:
 * @self: a #LecternSitePrivacy
 *
 * Returns: the page's registrable domain; "" when it has none
 */
const char *
lectern_site_privacy_get_site (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->page != NULL ? lectern_page_state_get_site (self->page) : "";
}

/**
 * lectern_site_privacy_get_title:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (nullable): the page's title
 */
const char *
lectern_site_privacy_get_title (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->page != NULL ? lectern_page_state_get_title (self->page) : NULL;
}

/**
 * lectern_site_privacy_get_choices:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (nullable) (transfer none): the choices in force for the site
 */
const LecternSiteChoices *
lectern_site_privacy_get_choices (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->page != NULL ? lectern_page_state_get_choices (self->page) : NULL;
}

/**
 * lectern_site_privacy_get_trackers:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (transfer none): a #GListModel of #LecternTrackerItem
 */
GListModel *
lectern_site_privacy_get_trackers (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return G_LIST_MODEL (self->trackers);
}

/**
 * lectern_site_privacy_get_tracker_groups:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (transfer none): a #GListModel of #LecternTrackerGroup, by
 *   company then name
 */
GListModel *
lectern_site_privacy_get_tracker_groups (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return G_LIST_MODEL (self->tracker_groups);
}

/**
 * lectern_site_privacy_get_cookies:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (transfer none): a #GListModel of #LecternCookieItem
 */
GListModel *
lectern_site_privacy_get_cookies (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return G_LIST_MODEL (self->cookies);
}

/**
 * lectern_site_privacy_get_category_counts:
 * @self: a #LecternSitePrivacy
 * @category: a category
 * @n_blocked: (out) (optional): tracker requests of @category blocked
 * @n_allowed: (out) (optional): tracker requests of @category allowed
 *
 * Changes whenever "n-trackers" does.
 */
void
lectern_site_privacy_get_category_counts (LecternSitePrivacy *self,
                                          LecternCategory     category,
                                          guint              *n_blocked,
                                          guint              *n_allowed)
{
  g_return_if_fail (LECTERN_IS_SITE_PRIVACY (self));
  g_return_if_fail (category <= LECTERN_CATEGORY_UNKNOWN);

  if (self->page != NULL)
    {
      lectern_page_state_get_category_counts (self->page, category, n_blocked, n_allowed);
      return;
    }

  if (n_blocked != NULL)
    *n_blocked = 0;
  if (n_allowed != NULL)
    *n_allowed = 0;
}

/**
 * lectern_site_privacy_get_tracker_allowed:
 * @self: a #LecternSitePrivacy
 * @tracker: a tracker's name, else its host
 *
 * Returns: whether the reader allowed @tracker on the site on screen
 */
gboolean
lectern_site_privacy_get_tracker_allowed (LecternSitePrivacy *self,
                                          const char         *tracker)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), FALSE);

  return self->page != NULL && lectern_page_state_get_tracker_allowed (self->page, tracker);
}

/**
 * lectern_site_privacy_get_cmp_outcome:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (transfer none) (nullable): the page's consent tool, %NULL
 *   when none was found
 */
const LecternCmpOutcome *
lectern_site_privacy_get_cmp_outcome (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->page != NULL ? lectern_page_state_get_cmp_outcome (self->page) : NULL;
}

/**
 * lectern_site_privacy_get_violations:
 * @self: a #LecternSitePrivacy
 *
 * Returns: (transfer none) (element-type LecternViolation): every
 *   violation of the page, cookies first, each with its evidence
 */
GPtrArray *
lectern_site_privacy_get_violations (LecternSitePrivacy *self)
{
  g_return_val_if_fail (LECTERN_IS_SITE_PRIVACY (self), NULL);

  return self->page != NULL ? lectern_page_state_get_violations (self->page) : self->no_violations;
}
