/* lectern-tracker-item.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-tracker-item.h"

#include "lectern-category.h"

struct _LecternTrackerItem
{
  GObject parent_instance;

  /* Owned */
  LecternRequestRecord *record;
};

G_DEFINE_FINAL_TYPE (LecternTrackerItem, lectern_tracker_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URL,
  PROP_HOST,
  PROP_TYPE,
  PROP_NAME,
  PROP_COMPANY,
  PROP_CATEGORY,
  PROP_CATEGORY_ID,
  PROP_RULE,
  PROP_LIST,
  PROP_BLOCKED,
  PROP_THIRD_PARTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
get_name (LecternTrackerItem *self)
{
  const LecternRequestRecord *record = self->record;

  if (record->name != NULL && record->name[0] != '\0')
    return record->name;

  return record->host != NULL ? record->host : "";
}

static void
lectern_tracker_item_finalize (GObject *object)
{
  LecternTrackerItem *self = (LecternTrackerItem *)object;

  g_clear_pointer (&self->record, lectern_request_record_free);

  G_OBJECT_CLASS (lectern_tracker_item_parent_class)->finalize (object);
}

static void
lectern_tracker_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LecternTrackerItem *self = LECTERN_TRACKER_ITEM (object);
  const LecternRequestRecord *record = self->record;

  /* Only lectern_tracker_item_new() gives an item its record. */
  if (record == NULL)
    return;

  switch (prop_id)
    {
    case PROP_URL:
      g_value_set_string (value, record->url);
      break;

    case PROP_HOST:
      g_value_set_string (value, record->host);
      break;

    case PROP_TYPE:
      g_value_set_string (value, record->type);
      break;

    case PROP_NAME:
      g_value_set_string (value, get_name (self));
      break;

    case PROP_COMPANY:
      g_value_set_string (value, record->company);
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, lectern_category_get_label (record->category));
      break;

    case PROP_CATEGORY_ID:
      g_value_set_string (value, lectern_category_to_id (record->category));
      break;

    case PROP_RULE:
      g_value_set_string (value, record->rule);
      break;

    case PROP_LIST:
      g_value_set_string (value, record->list);
      break;

    case PROP_BLOCKED:
      g_value_set_boolean (value, record->blocked);
      break;

    case PROP_THIRD_PARTY:
      g_value_set_boolean (value, record->third_party);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_tracker_item_class_init (LecternTrackerItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_tracker_item_finalize;
  object_class->get_property = lectern_tracker_item_get_property;

  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_TYPE] =
    g_param_spec_string ("type", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_CATEGORY_ID] =
    g_param_spec_string ("category-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_RULE] =
    g_param_spec_string ("rule", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIST] =
    g_param_spec_string ("list", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_BLOCKED] =
    g_param_spec_boolean ("blocked", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_THIRD_PARTY] =
    g_param_spec_boolean ("third-party", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_tracker_item_init (LecternTrackerItem *self)
{
}

/**
 * lectern_tracker_item_new:
 * @record: the decided request
 *
 * Returns: (transfer full): an item holding a copy of @record
 */
LecternTrackerItem *
lectern_tracker_item_new (const LecternRequestRecord *record)
{
  LecternTrackerItem *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_TRACKER_ITEM, NULL);
  self->record = lectern_request_record_copy (record);

  return self;
}

/**
 * lectern_tracker_item_get_record:
 * @self: a #LecternTrackerItem
 *
 * Returns: (transfer none): the item's copy of the request record
 */
const LecternRequestRecord *
lectern_tracker_item_get_record (LecternTrackerItem *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_ITEM (self), NULL);

  return self->record;
}
