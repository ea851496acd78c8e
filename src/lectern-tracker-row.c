/* lectern-tracker-row.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-tracker-row.h"

#include "lectern-category.h"

#include <glib/gi18n.h>

struct _LecternTrackerRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkWidget *category_label;
  GtkWidget *arrow;
  GtkWidget *type_label;
  GtkWidget *status_icon;
  GtkWidget *status_label;
  GtkWidget *rule_label;
  GtkWidget *company_title;
  GtkWidget *company_value;
  GtkWidget *rule_title;
  GtkWidget *rule_value;
  GtkWidget *list_title;
  GtkWidget *list_value;
  GtkWidget *type_title;
  GtkWidget *type_value;

  /* Owned */
  LecternTrackerItem *item;

  gboolean expanded;
};

G_DEFINE_FINAL_TYPE (LecternTrackerRow, lectern_tracker_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_ITEM,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
get_list_name (const char *list)
{
  if (g_strcmp0 (list, "easylist") == 0)
    return "EasyList";
  if (g_strcmp0 (list, "easyprivacy") == 0)
    return "EasyPrivacy";
  return list;
}

static void
set_detail (GtkWidget  *title,
            GtkWidget  *value,
            const char *text)
{
  gboolean visible = text != NULL && text[0] != '\0';

  gtk_label_set_label (GTK_LABEL (value), visible ? text : "");
  gtk_widget_set_visible (title, visible);
  gtk_widget_set_visible (value, visible);
}

static void
show_item (LecternTrackerRow *self)
{
  const LecternRequestRecord *record = lectern_tracker_item_get_record (self->item);
  const char *type = record->type != NULL && record->type[0] != '\0' ? record->type : NULL;
  const char *host = record->host != NULL ? record->host : "";
  g_autofree char *pill_class = NULL;
  g_autofree char *type_line = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *accessible = NULL;

  pill_class = g_strdup_printf ("category-%s", lectern_category_to_id (record->category));
  gtk_widget_add_css_class (self->category_label, pill_class);

  /* Apart from the host, so that ellipsizing a long host keeps the type. */
  if (type != NULL)
    {
      /* Translators: the kind of resource, after the host: "www.google-analytics.com · script" */
      type_line = g_strdup_printf (_("· %s"), type);
      gtk_label_set_label (GTK_LABEL (self->type_label), type_line);
    }
  gtk_widget_set_visible (self->type_label, type != NULL);

  if (record->blocked)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), "action-unavailable-symbolic");
      gtk_label_set_label (GTK_LABEL (self->status_label), _("Blocked"));
      gtk_widget_add_css_class (self->status_icon, "status-blocked");
      gtk_widget_add_css_class (self->status_label, "status-blocked");
    }
  else
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon), "object-select-symbolic");
      gtk_label_set_label (GTK_LABEL (self->status_label), _("Allowed"));
      gtk_widget_add_css_class (self->status_icon, "status-allowed");
      gtk_widget_add_css_class (self->status_label, "status-allowed");
    }

  /* Without a rule, the tracker database alone named the host. */
  if (record->rule != NULL && record->rule[0] != '\0')
    {
      gtk_label_set_label (GTK_LABEL (self->rule_label), record->rule);
      gtk_widget_set_tooltip_text (self->rule_label, record->rule);
    }
  else
    {
      gtk_label_set_label (GTK_LABEL (self->rule_label), _("Known tracker"));
      gtk_widget_remove_css_class (self->rule_label, "monospace");
    }

  if (type != NULL && record->type_inferred)
    /* Translators: a resource type that was guessed from the request, "script (guessed)" */
    type_text = g_strdup_printf (_("%s (guessed)"), type);
  else
    type_text = g_strdup (type);

  set_detail (self->company_title, self->company_value, record->company);
  set_detail (self->rule_title, self->rule_value, record->rule);
  set_detail (self->list_title, self->list_value, get_list_name (record->list));
  set_detail (self->type_title, self->type_value, type_text);

  /* Translators: how a screen reader names a tracker row: tracker, category, "Blocked" or "Allowed" */
  accessible = g_strdup_printf (_("%s, %s, %s"),
                                record->name != NULL && record->name[0] != '\0' ? record->name : host,
                                lectern_category_get_label (record->category),
                                record->blocked ? _("Blocked") : _("Allowed"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
set_item (LecternTrackerRow  *self,
          LecternTrackerItem *item)
{
  if (!g_set_object (&self->item, item))
    return;

  if (item != NULL)
    show_item (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
lectern_tracker_row_dispose (GObject *object)
{
  LecternTrackerRow *self = (LecternTrackerRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_TRACKER_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (lectern_tracker_row_parent_class)->dispose (object);
}

static void
lectern_tracker_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LecternTrackerRow *self = LECTERN_TRACKER_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_tracker_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LecternTrackerRow *self = LECTERN_TRACKER_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      set_item (self, g_value_get_object (value));
      break;

    case PROP_EXPANDED:
      lectern_tracker_row_set_expanded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_tracker_row_class_init (LecternTrackerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_tracker_row_dispose;
  object_class->get_property = lectern_tracker_row_get_property;
  object_class->set_property = lectern_tracker_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         LECTERN_TYPE_TRACKER_ITEM,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-tracker-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, category_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, arrow);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, type_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, rule_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, company_title);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, company_value);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, rule_title);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, rule_value);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, list_title);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, list_value);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, type_title);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, type_value);

  g_type_ensure (LECTERN_TYPE_TRACKER_ITEM);
}

static void
lectern_tracker_row_init (LecternTrackerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_EXPANDED, FALSE,
                               -1);
}

GtkWidget *
lectern_tracker_row_new (LecternTrackerItem *item)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_ITEM (item), NULL);

  return g_object_new (LECTERN_TYPE_TRACKER_ROW,
                       "item", item,
                       NULL);
}

/**
 * lectern_tracker_row_get_item:
 * @self: a #LecternTrackerRow
 *
 * Returns: (transfer none): the tracker the row shows
 */
LecternTrackerItem *
lectern_tracker_row_get_item (LecternTrackerRow *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_ROW (self), NULL);

  return self->item;
}

gboolean
lectern_tracker_row_get_expanded (LecternTrackerRow *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_ROW (self), FALSE);

  return self->expanded;
}

/**
 * lectern_tracker_row_set_expanded:
 * @self: a #LecternTrackerRow
 * @expanded: whether to show the tracker's details
 */
void
lectern_tracker_row_set_expanded (LecternTrackerRow *self,
                                  gboolean           expanded)
{
  g_return_if_fail (LECTERN_IS_TRACKER_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;

  gtk_image_set_from_icon_name (GTK_IMAGE (self->arrow),
                                expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}
