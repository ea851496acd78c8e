/* lectern-cookie-row.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-row.h"

#include "lectern-category.h"

#include <glib/gi18n.h>

struct _LecternCookieRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkWidget *category_icon;
  GtkWidget *category_label;
  GtkWidget *delete_button;
  GtkWidget *party_label;
  GtkWidget *detail_label;
  GtkWidget *purpose_label;
  GtkWidget *expiry_label;
  GtkWidget *violation_label;
  GtkWidget *allowed_label;

  /* Owned */
  LecternCookieItem *item;
};

G_DEFINE_FINAL_TYPE (LecternCookieRow, lectern_cookie_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
show_item (LecternCookieRow *self)
{
  const LecternCookieRecord *record = lectern_cookie_item_get_record (self->item);
  const char *party;
  g_autofree char *pill_class = NULL;
  g_autofree char *party_line = NULL;
  g_autofree char *expiry_text = NULL;
  g_autofree char *detail_text = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *delete_label = NULL;

  pill_class = g_strdup_printf ("category-%s", lectern_category_to_id (record->category));
  gtk_widget_add_css_class (self->category_label, pill_class);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->category_icon), lectern_category_get_icon_name (record->category));
  gtk_widget_add_css_class (self->category_icon, pill_class);
  gtk_widget_set_tooltip_text (self->category_icon, lectern_category_get_label (record->category));

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "(ss)",
                                    record->name != NULL ? record->name : "",
                                    record->domain != NULL ? record->domain : "");
  /* Translators: how a screen reader names a cookie's delete button; %s is the cookie's name */
  delete_label = g_strdup_printf (_("Delete cookie %s"), record->name != NULL ? record->name : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->delete_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                  -1);

  /* Apart from the domain, so that ellipsizing a long domain keeps the party. */
  party = record->third_party ? _("Third party") : _("First party");
  /* Translators: whose a cookie is, after its domain: ".example.com · First party" */
  party_line = g_strdup_printf (_("· %s"), party);
  gtk_label_set_label (GTK_LABEL (self->party_label), party_line);

  if (is_set (record->platform) && is_set (record->owner) && g_strcmp0 (record->platform, record->owner) != 0)
    /* Translators: the service that sets a cookie and the company that owns it, "Google Analytics · Google" */
    detail_text = g_strdup_printf (_("%s · %s"), record->platform, record->owner);
  else if (is_set (record->platform))
    detail_text = g_strdup (record->platform);
  else if (is_set (record->owner))
    detail_text = g_strdup (record->owner);
  else
    /* Translators: a cookie that no database knows */
    detail_text = g_strdup (_("Unknown service"));
  gtk_label_set_label (GTK_LABEL (self->detail_label), detail_text);
  gtk_widget_set_tooltip_text (self->detail_label, detail_text);

  gtk_widget_set_visible (self->purpose_label, is_set (record->purpose));
  if (is_set (record->purpose))
    {
      gtk_label_set_label (GTK_LABEL (self->purpose_label), record->purpose);
      gtk_widget_set_tooltip_text (self->purpose_label, record->purpose);
    }

  /* What the site declares beside what the cookie really says: a
   * "session" cookie that lives two years is worth seeing. */
  g_object_get (self->item, "expiry", &expiry, NULL);
  if (record->expires == NULL && is_set (record->retention))
    /* Translators: a session cookie, then its declared retention, "Session cookie · declared: 2 years" */
    expiry_text = g_strdup_printf (_("Session cookie · declared: %s"), record->retention);
  else if (record->expires == NULL)
    expiry_text = g_strdup (_("Session cookie"));
  else if (is_set (record->retention))
    /* Translators: when a cookie expires, then its declared retention, "Expires 1 Jan 2027 · declared: 2 years" */
    expiry_text = g_strdup_printf (_("Expires %s · declared: %s"), expiry, record->retention);
  else
    /* Translators: when a cookie expires, "Expires 1 Jan 2027" */
    expiry_text = g_strdup_printf (_("Expires %s"), expiry);
  gtk_label_set_label (GTK_LABEL (self->expiry_label), expiry_text);
  gtk_widget_set_tooltip_text (self->expiry_label, expiry_text);

  gtk_widget_set_visible (self->violation_label, record->violation);
  if (record->violation)
    {
      /* A violation stays when enforcement is off; say so rather than claim it went. */
      gtk_label_set_label (GTK_LABEL (self->violation_label),
                           record->removed ? _("Violation — removed") : _("Violation — kept"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "violation");
    }

  /* Instead of the violation badge: the reader let its tracker through. */
  gtk_widget_set_visible (self->allowed_label, record->allowed_tracker != NULL);
  if (record->allowed_tracker != NULL)
    {
      g_autofree char *why = NULL;

      /* Translators: the tooltip of a cookie's "Allowed on this site" badge; %s is a tracker, "Google Analytics" */
      why = g_strdup_printf (_("You allowed %s on this site"), record->allowed_tracker);
      gtk_widget_set_tooltip_text (self->allowed_label, why);
    }

  if (record->violation)
    /* Translators: how a screen reader names a cookie row: its name, then its category */
    accessible = g_strdup_printf (_("Cookie %s, %s, violation"),
                                  record->name != NULL ? record->name : "",
                                  lectern_category_get_label (record->category));
  else if (record->allowed_tracker != NULL)
    /* Translators: how a screen reader names a cookie row: its name, then its category */
    accessible = g_strdup_printf (_("Cookie %s, %s, allowed on this site"),
                                  record->name != NULL ? record->name : "",
                                  lectern_category_get_label (record->category));
  else
    /* Translators: how a screen reader names a cookie row: its name, then its category */
    accessible = g_strdup_printf (_("Cookie %s, %s"),
                                  record->name != NULL ? record->name : "",
                                  lectern_category_get_label (record->category));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
set_item (LecternCookieRow  *self,
          LecternCookieItem *item)
{
  if (!g_set_object (&self->item, item))
    return;

  if (item != NULL)
    show_item (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
lectern_cookie_row_dispose (GObject *object)
{
  LecternCookieRow *self = (LecternCookieRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_COOKIE_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (lectern_cookie_row_parent_class)->dispose (object);
}

static void
lectern_cookie_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LecternCookieRow *self = LECTERN_COOKIE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_cookie_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LecternCookieRow *self = LECTERN_COOKIE_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_cookie_row_class_init (LecternCookieRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_cookie_row_dispose;
  object_class->get_property = lectern_cookie_row_get_property;
  object_class->set_property = lectern_cookie_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         LECTERN_TYPE_COOKIE_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-cookie-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, category_icon);
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, category_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, party_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, purpose_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, expiry_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, violation_label);
  gtk_widget_class_bind_template_child (widget_class, LecternCookieRow, allowed_label);

  g_type_ensure (LECTERN_TYPE_COOKIE_ITEM);
}

static void
lectern_cookie_row_init (LecternCookieRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lectern_cookie_row_new (LecternCookieItem *item)
{
  g_return_val_if_fail (LECTERN_IS_COOKIE_ITEM (item), NULL);

  return g_object_new (LECTERN_TYPE_COOKIE_ROW,
                       "item", item,
                       NULL);
}

/**
 * lectern_cookie_row_get_item:
 * @self: a #LecternCookieRow
 *
 * Returns: (transfer none): the cookie the row shows
 */
LecternCookieItem *
lectern_cookie_row_get_item (LecternCookieRow *self)
{
  g_return_val_if_fail (LECTERN_IS_COOKIE_ROW (self), NULL);

  return self->item;
}
