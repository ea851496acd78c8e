/* lectern-application-actions.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-application-private.h"
#include "lectern-preferences-window.h"

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LecternApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Lectern authors", NULL };

  adw_show_about_window (window,
                         "application-name", "Lectern",
                         "application-icon", APP_ID,
                         "developer-name", "The Lectern authors",
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "copyright", "© 2026 The Lectern authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Read articles without being tracked.\n\n"
                                       "Tracker names: AdGuard companiesdb (based on WhoTracks.me), "
                                       "CC BY-SA 4.0. Cookie names: the Open Cookie Database, "
                                       "Apache-2.0. Filter lists: EasyList and EasyPrivacy, GPLv3."),
                         NULL);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LecternApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *preferences;

  if (self->profile == NULL || lectern_profile_get_settings (self->profile) == NULL)
    return;

  preferences = lectern_preferences_window_new (window, lectern_profile_get_settings (self->profile));
  lectern_preferences_window_set_filter_stats (LECTERN_PREFERENCES_WINDOW (preferences),
                                               lectern_profile_get_filter_stats (self->profile));
  gtk_window_present (GTK_WINDOW (preferences));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static const struct
{
  const char *action;
  const char *accels[4];
} accels[] = {
  { "app.quit", { "<Control>q" } },
  { "app.preferences", { "<Control>comma" } },
  { "window.close", { "<Control>w" } },
  { "win.toggle-sidebar", { "F9" } },
  { "win.export-consent-receipt", { "<Control><Shift>e" } },
  { "win.focus-address", { "<Control>l", "<Alt>d" } },
  { "win.focus-next-pane", { "F6" } },
  { "win.focus-previous-pane", { "<Shift>F6" } },
  { "win.reload", { "<Control>r", "F5" } },
  { "win.go-back", { "<Alt>Left" } },
  { "win.go-forward", { "<Alt>Right" } },
  { "win.stop", { "Escape" } },
  { "win.toggle-reader", { "<Control><Alt>r" } },
  { "win.reader-zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add" } },
  { "win.reader-zoom-out", { "<Control>minus", "<Control>KP_Subtract" } },
  { "win.reader-zoom-reset", { "<Control>0", "<Control>KP_0" } },
};

/**
 * lectern_application_actions_init:
 *
 * Adds the app.* actions and the keyboard shortcuts of every action.
 */
void
lectern_application_actions_init (LecternApplication *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);
}
