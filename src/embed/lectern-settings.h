/* lectern-settings.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-site-choices.h"

G_BEGIN_DECLS

#define LECTERN_SETTINGS_SCHEMA_ID "org.lectern.Lectern"

GSettings          *lectern_settings_new                  (void) G_GNUC_WARN_UNUSED_RESULT;
LecternSiteChoices *lectern_settings_dup_default_choices  (GSettings *settings) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
