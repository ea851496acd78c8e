/* lectern-tracker-group.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-tracker-group.h"

struct _LecternTrackerGroup
{
  GObject parent_instance;

  /* Owned */
  char      *key;
  char      *name;
  char      *company;
  GPtrArray *records;

  LecternCategory category;
  guint           n_blocked;
};

G_DEFINE_FINAL_TYPE (LecternTrackerGroup, lectern_tracker_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_COMPANY,
  PROP_CATEGORY_ID,
  PROP_N_REQUESTS,
  PROP_N_BLOCKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
lectern_tracker_group_finalize (GObject *object)
{
  LecternTrackerGroup *self = (LecternTrackerGroup *)object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->company, g_free);
  g_clear_pointer (&self->records, g_ptr_array_unref);

  G_OBJECT_CLASS (lectern_tracker_group_parent_class)->finalize (object);
}

static void
lectern_tracker_group_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LecternTrackerGroup *self = LECTERN_TRACKER_GROUP (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;

    case PROP_CATEGORY_ID:
      g_value_set_string (value, lectern_category_to_id (self->category));
      break;

    case PROP_N_REQUESTS:
      g_value_set_uint (value, self->records->len);
      break;

    case PROP_N_BLOCKED:
      g_value_set_uint (value, self->n_blocked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_tracker_group_class_init (LecternTrackerGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_tracker_group_finalize;
  object_class->get_property = lectern_tracker_group_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CATEGORY_ID] =
    g_param_spec_string ("category-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_REQUESTS] =
    g_param_spec_uint ("n-requests", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_BLOCKED] =
    g_param_spec_uint ("n-blocked", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_tracker_group_init (LecternTrackerGroup *self)
{
  self->records = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_request_record_free);
  self->category = LECTERN_CATEGORY_UNKNOWN;
}

/**
 * lectern_tracker_group_dup_key_for:
 * @record: a tracker request
 *
 * Requests to the same tracker share a key: the tracker's name when the
 * database knows it (Google Analytics on several hosts is one tracker),
 * else the host.
 *
 * Returns: (transfer full): the key of @record's group
 */
char *
lectern_tracker_group_dup_key_for (const LecternRequestRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  if (is_set (record->name))
    return g_strconcat ("n:", record->name, NULL);

  return g_strconcat ("h:", record->host != NULL ? record->host : "", NULL);
}

/**
 * lectern_tracker_group_new:
 * @record: the first request to the tracker
 *
 * Returns: (transfer full): a group holding a copy of @record
 */
LecternTrackerGroup *
lectern_tracker_group_new (const LecternRequestRecord *record)
{
  LecternTrackerGroup *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_TRACKER_GROUP, NULL);
  self->key = lectern_tracker_group_dup_key_for (record);
  self->name = g_strdup (is_set (record->name) ? record->name : record->host);
  self->company = is_set (record->company) ? g_strdup (record->company) : NULL;
  self->category = record->category;
  g_ptr_array_add (self->records, lectern_request_record_copy (record));
  self->n_blocked = record->blocked ? 1 : 0;

  return self;
}

/**
 * lectern_tracker_group_add:
 * @self: a #LecternTrackerGroup
 * @record: another request to the same tracker
 */
void
lectern_tracker_group_add (LecternTrackerGroup        *self,
                           const LecternRequestRecord *record)
{
  g_return_if_fail (LECTERN_IS_TRACKER_GROUP (self));
  g_return_if_fail (record != NULL);

  g_ptr_array_add (self->records, lectern_request_record_copy (record));

  g_object_freeze_notify (G_OBJECT (self));
  if (record->blocked)
    {
      self->n_blocked++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BLOCKED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_REQUESTS]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
lectern_tracker_group_get_key (LecternTrackerGroup *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_GROUP (self), NULL);

  return self->key;
}

/**
 * lectern_tracker_group_get_name:
 * @self: a #LecternTrackerGroup
 *
 * Returns: the tracker's name, or its host when the database has none
 */
const char *
lectern_tracker_group_get_name (LecternTrackerGroup *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_GROUP (self), NULL);

  return self->name;
}

/**
 * lectern_tracker_group_get_company:
 * @self: a #LecternTrackerGroup
 *
 * Returns: (nullable): the tracker's owner, %NULL when not known
 */
const char *
lectern_tracker_group_get_company (LecternTrackerGroup *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_GROUP (self), NULL);

  return self->company;
}

LecternCategory
lectern_tracker_group_get_category (LecternTrackerGroup *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_GROUP (self), LECTERN_CATEGORY_UNKNOWN);

  return self->category;
}

guint
lectern_tracker_group_get_n_requests (LecternTrackerGroup *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_GROUP (self), 0);

  return self->records->len;
}

guint
lectern_tracker_group_get_n_blocked (LecternTrackerGroup *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_GROUP (self), 0);

  return self->n_blocked;
}

/**
 * lectern_tracker_group_get_record:
 * @self: a #LecternTrackerGroup
 * @index: which request, in the order seen
 *
 * Returns: (transfer none): the request
 */
const LecternRequestRecord *
lectern_tracker_group_get_record (LecternTrackerGroup *self,
                                  guint                index)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_GROUP (self), NULL);
  g_return_val_if_fail (index < self->records->len, NULL);

  return g_ptr_array_index (self->records, index);
}

/**
 * lectern_tracker_group_compare:
 *
 * The sidebar's order, a #GCompareDataFunc: by company (trackers whose
 * owner is not known last), then by name, so that a company's trackers
 * sit together under one heading.
 */
int
lectern_tracker_group_compare (gconstpointer a,
                               gconstpointer b,
                               gpointer      user_data)
{
  const LecternTrackerGroup *ga = a;
  const LecternTrackerGroup *gb = b;
  int cmp;

  if ((ga->company == NULL) != (gb->company == NULL))
    return ga->company == NULL ? 1 : -1;

  if (ga->company != NULL && (cmp = g_utf8_collate (ga->company, gb->company)) != 0)
    return cmp;

  if ((cmp = g_utf8_collate (ga->name, gb->name)) != 0)
    return cmp;

  return g_strcmp0 (ga->key, gb->key);
}
