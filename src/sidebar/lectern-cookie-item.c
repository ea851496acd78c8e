/* lectern-cookie-item.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-item.h"

#include "lectern-category.h"

#include <glib/gi18n.h>

struct _LecternCookieItem
{
  GObject parent_instance;

  /* Owned */
  LecternCookieRecord *record;
  char                *expiry;
};

G_DEFINE_FINAL_TYPE (LecternCookieItem, lectern_cookie_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DOMAIN,
  PROP_PARTY,
  PROP_CATEGORY,
  PROP_CATEGORY_ID,
  PROP_PLATFORM,
  PROP_EXPIRY,
  PROP_VIOLATION,
  PROP_REMOVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_expiry (GDateTime *expires)
{
  g_autoptr(GDateTime) local = NULL;

  if (expires == NULL)
    /* Translators: the expiry of a cookie that lives until the browser closes */
    return g_strdup (C_("cookie expiry", "Session"));

  local = g_date_time_to_local (expires);

  /* Translators: the date a cookie expires, see g_date_time_format() */
  return g_date_time_format (local, C_("cookie expiry", "%-d %b %Y"));
}

static void
lectern_cookie_item_finalize (GObject *object)
{
  LecternCookieItem *self = (LecternCookieItem *)object;

  g_clear_pointer (&self->record, lectern_cookie_record_free);
  g_clear_pointer (&self->expiry, g_free);

  G_OBJECT_CLASS (lectern_cookie_item_parent_class)->finalize (object);
}

static void
lectern_cookie_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LecternCookieItem *self = LECTERN_COOKIE_ITEM (object);
  const LecternCookieRecord *record = self->record;

  /* Only lectern_cookie_item_new() gives an item its record. */
  if (record == NULL)
    return;

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, record->name);
      break;

    case PROP_DOMAIN:
      g_value_set_string (value, record->domain);
      break;

    case PROP_PARTY:
      g_value_set_string (value, record->third_party ? "third" : "first");
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, lectern_category_get_label (record->category));
      break;

    case PROP_CATEGORY_ID:
      g_value_set_string (value, lectern_category_to_id (record->category));
      break;

    case PROP_PLATFORM:
      g_value_set_string (value, record->platform);
      break;

    case PROP_EXPIRY:
      g_value_set_string (value, self->expiry);
      break;

    case PROP_VIOLATION:
      g_value_set_boolean (value, record->violation);
      break;

    case PROP_REMOVED:
      g_value_set_boolean (value, record->removed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_cookie_item_class_init (LecternCookieItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_cookie_item_finalize;
  object_class->get_property = lectern_cookie_item_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_DOMAIN] =
    g_param_spec_string ("domain", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_PARTY] =
    g_param_spec_string ("party", NULL, NULL,
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

  properties[PROP_PLATFORM] =
    g_param_spec_string ("platform", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPIRY] =
    g_param_spec_string ("expiry", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_VIOLATION] =
    g_param_spec_boolean ("violation", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_REMOVED] =
    g_param_spec_boolean ("removed", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_cookie_item_init (LecternCookieItem *self)
{
}

/**
 * lectern_cookie_item_new:
 * @record: the classified cookie
 *
 * Returns: (transfer full): an item holding a copy of @record
 */
LecternCookieItem *
lectern_cookie_item_new (const LecternCookieRecord *record)
{
  LecternCookieItem *self;

  g_return_val_if_fail (record != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_COOKIE_ITEM, NULL);
  self->record = lectern_cookie_record_copy (record);
  self->expiry = format_expiry (record->expires);

  return self;
}

/**
 * lectern_cookie_item_get_record:
 * @self: a #LecternCookieItem
 *
 * Returns: (transfer none): the item's copy of the cookie record
 */
const LecternCookieRecord *
lectern_cookie_item_get_record (LecternCookieItem *self)
{
  g_return_val_if_fail (LECTERN_IS_COOKIE_ITEM (self), NULL);

  return self->record;
}
