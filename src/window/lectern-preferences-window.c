/* lectern-preferences-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-preferences-window.h"

#include <glib/gi18n.h>

#include "lectern-category.h"
#include "lectern-settings.h"

struct _LecternPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *defaults_group;
  AdwPreferencesGroup  *filters_group;
  GtkSwitch            *enforce_switch;

  /* Owned */
  GSettings            *settings;
  GtkSwitch            *category_switches[LECTERN_N_CATEGORIES];
};

G_DEFINE_FINAL_TYPE (LecternPreferencesWindow, lectern_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_switches (LecternPreferencesWindow *self)
{
  g_autoptr(LecternSiteChoices) defaults = lectern_settings_dup_default_choices (self->settings);

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    gtk_switch_set_active (self->category_switches[category],
                           lectern_site_choices_get_allowed (defaults, category));
}

static void
switch_toggled_cb (LecternPreferencesWindow *self)
{
  g_autoptr(LecternSiteChoices) defaults = lectern_site_choices_new (NULL);
  g_auto(GStrv) allowed = NULL;

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    lectern_site_choices_set_allowed (defaults, category,
                                      gtk_switch_get_active (self->category_switches[category]));

  allowed = lectern_site_choices_dup_allowed_ids (defaults);
  g_settings_set_strv (self->settings, "default-allowed-categories", (const char * const *) allowed);
}

static void
add_category_rows (LecternPreferencesWindow *self)
{
  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lectern_category_get_label (category));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);

      if (!lectern_category_is_blockable (category))
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Always allowed"));
          gtk_widget_set_sensitive (toggle, FALSE);
        }

      self->category_switches[category] = GTK_SWITCH (toggle);
      adw_preferences_group_add (self->defaults_group, row);
    }
}

static void
lectern_preferences_window_constructed (GObject *object)
{
  LecternPreferencesWindow *self = LECTERN_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (lectern_preferences_window_parent_class)->constructed (object);

  sync_switches (self);

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    g_signal_connect_object (self->category_switches[category], "notify::active",
                             G_CALLBACK (switch_toggled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->settings, "changed::default-allowed-categories",
                           G_CALLBACK (sync_switches), self, G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "enforce-cookies", self->enforce_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

static void
lectern_preferences_window_dispose (GObject *object)
{
  LecternPreferencesWindow *self = LECTERN_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lectern_preferences_window_parent_class)->dispose (object);
}

static void
lectern_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  LecternPreferencesWindow *self = LECTERN_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LecternPreferencesWindow *self = LECTERN_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_preferences_window_class_init (LecternPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lectern_preferences_window_constructed;
  object_class->dispose = lectern_preferences_window_dispose;
  object_class->get_property = lectern_preferences_window_get_property;
  object_class->set_property = lectern_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternPreferencesWindow, defaults_group);
  gtk_widget_class_bind_template_child (widget_class, LecternPreferencesWindow, filters_group);
  gtk_widget_class_bind_template_child (widget_class, LecternPreferencesWindow, enforce_switch);
}

static void
lectern_preferences_window_init (LecternPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  add_category_rows (self);
}

static GtkWidget *
new_count_row (const char *title,
               guint       count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

/**
 * lectern_preferences_window_set_filter_stats:
 * @self: a preferences window
 * @stats: (nullable): what the filter lists held, or %NULL when they are
 *   not read yet or could not be
 *
 * Shows how many rules are in use and why the others were left out.
 */
void
lectern_preferences_window_set_filter_stats (LecternPreferencesWindow *self,
                                             const LecternFilterStats *stats)
{
  GtkWidget *skipped;

  g_return_if_fail (LECTERN_IS_PREFERENCES_WINDOW (self));

  if (stats == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The filter lists are not read yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("They are being prepared, or could not be read: see the message shown at start"));
      adw_preferences_group_add (self->filters_group, row);
      return;
    }

  adw_preferences_group_add (self->filters_group, new_count_row (_("Rules in use"), stats->rules));

  skipped = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (skipped), _("Rules left out"));
  {
    g_autofree char *subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule", "%u rules", stats->skipped),
                                                 stats->skipped);

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (skipped), subtitle);
  }
  for (guint r = 0; r < LECTERN_FILTER_N_SKIP_REASONS; r++)
    {
      g_autofree char *reason = NULL;

      if (stats->skipped_by[r] == 0)
        continue;
      /* The phrases are lower case to sit inside a sentence. */
      reason = g_strdup (lectern_filter_skip_reason_to_string (r));
      reason[0] = g_ascii_toupper (reason[0]);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (skipped), new_count_row (reason, stats->skipped_by[r]));
    }
  gtk_widget_set_sensitive (skipped, stats->skipped > 0);
  adw_preferences_group_add (self->filters_group, skipped);

  adw_preferences_group_add (self->filters_group, new_count_row (_("Element-hiding rules kept"), stats->cosmetic));
  adw_preferences_group_add (self->filters_group, new_count_row (_("Lines not understood"), stats->invalid));
}

GtkWidget *
lectern_preferences_window_new (GtkWindow *parent,
                                GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (LECTERN_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
