/* lectern-preferences-window.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-filter-engine.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_PREFERENCES_WINDOW (lectern_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LecternPreferencesWindow, lectern_preferences_window, LECTERN, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Property "settings": the GSettings it edits (construct-only). */
GtkWidget *lectern_preferences_window_new              (GtkWindow                *parent,
                                                        GSettings                *settings);
void       lectern_preferences_window_set_filter_stats (LecternPreferencesWindow *self,
                                                        const LecternFilterStats *stats);

G_END_DECLS
