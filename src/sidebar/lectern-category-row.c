/* lectern-category-row.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-category-row.h"

#include "lectern-category.h"

#include <glib/gi18n.h>

struct _LecternCategoryRow
{
  AdwActionRow parent_instance;

  /* Template widgets */
  GtkWidget *toggle_box;
  GtkWidget *toggle;

  /* Owned */
  char      *category_id;
};

G_DEFINE_FINAL_TYPE (LecternCategoryRow, lectern_category_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_CATEGORY_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
get_explanation (LecternCategory category)
{
  switch (category)
    {
    case LECTERN_CATEGORY_NECESSARY:
      return _("Always allowed");
    case LECTERN_CATEGORY_FUNCTIONAL:
      return _("Preferences, embedded players, chat");
    case LECTERN_CATEGORY_PERFORMANCE:
      return _("Analytics and measurement");
    case LECTERN_CATEGORY_TARGETING:
      return _("Advertising and retargeting");
    case LECTERN_CATEGORY_SOCIAL:
      return _("Share buttons and social widgets");
    case LECTERN_CATEGORY_SALE:
      return _("Off asks the site not to sell your data");
    case LECTERN_CATEGORY_UNKNOWN:
    default:
      return "";
    }
}

static void
update (LecternCategoryRow *self)
{
  LecternCategory category = LECTERN_CATEGORY_UNKNOWN;
  g_autofree char *action_name = NULL;
  gboolean blockable;

  if (self->category_id == NULL ||
      !lectern_category_from_id (self->category_id, &category) ||
      category == LECTERN_CATEGORY_UNKNOWN)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), "");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->toggle), NULL);
      return;
    }

  blockable = lectern_category_is_blockable (category);
  action_name = g_strdup_printf ("site.%s", self->category_id);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 lectern_category_get_label (category));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), get_explanation (category));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->toggle), action_name);

  /* The action helper sets the switch's own sensitivity from the action,
   * so a category that cannot be blocked is locked one level up. */
  if (!blockable)
    gtk_switch_set_active (GTK_SWITCH (self->toggle), TRUE);
  gtk_widget_set_sensitive (self->toggle_box, blockable);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), blockable);
}

static void
lectern_category_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LECTERN_TYPE_CATEGORY_ROW);

  G_OBJECT_CLASS (lectern_category_row_parent_class)->dispose (object);
}

static void
lectern_category_row_finalize (GObject *object)
{
  LecternCategoryRow *self = (LecternCategoryRow *)object;

  g_clear_pointer (&self->category_id, g_free);

  G_OBJECT_CLASS (lectern_category_row_parent_class)->finalize (object);
}

static void
lectern_category_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LecternCategoryRow *self = LECTERN_CATEGORY_ROW (object);

  switch (prop_id)
    {
    case PROP_CATEGORY_ID:
      g_value_set_string (value, lectern_category_row_get_category_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_category_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LecternCategoryRow *self = LECTERN_CATEGORY_ROW (object);

  switch (prop_id)
    {
    case PROP_CATEGORY_ID:
      lectern_category_row_set_category_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_category_row_class_init (LecternCategoryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_category_row_dispose;
  object_class->finalize = lectern_category_row_finalize;
  object_class->get_property = lectern_category_row_get_property;
  object_class->set_property = lectern_category_row_set_property;

  properties[PROP_CATEGORY_ID] =
    g_param_spec_string ("category-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-category-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternCategoryRow, toggle_box);
  gtk_widget_class_bind_template_child (widget_class, LecternCategoryRow, toggle);
}

static void
lectern_category_row_init (LecternCategoryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lectern_category_row_new (const char *category_id)
{
  return g_object_new (LECTERN_TYPE_CATEGORY_ROW,
                       "category-id", category_id,
                       NULL);
}

const char *
lectern_category_row_get_category_id (LecternCategoryRow *self)
{
  g_return_val_if_fail (LECTERN_IS_CATEGORY_ROW (self), NULL);

  return self->category_id;
}

/**
 * lectern_category_row_set_category_id:
 * @self: a #LecternCategoryRow
 * @category_id: (nullable): a category id ("performance")
 *
 * Shows the category's label and explanation and binds the switch to
 * the action "site.@category_id".
 */
void
lectern_category_row_set_category_id (LecternCategoryRow *self,
                                      const char         *category_id)
{
  g_return_if_fail (LECTERN_IS_CATEGORY_ROW (self));

  if (g_strcmp0 (self->category_id, category_id) == 0)
    return;

  g_free (self->category_id);
  self->category_id = g_strdup (category_id);
  update (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_ID]);
}
