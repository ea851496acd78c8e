/* lectern-settings.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-settings.h"

#include "lectern-paths.h"

/**
 * lectern_settings_new:
 *
 * Run from the build tree, the schema is the one compiled there, not an
 * installed one that may be older; g_settings_new() would abort the
 * program when no schema is installed at all.
 *
 * Returns: (transfer full) (nullable): the preferences, or %NULL when no
 *   schema can be found (the built-in defaults then apply)
 */
GSettings *
lectern_settings_new (void)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *parent = g_settings_schema_source_get_default ();

  if (lectern_paths_is_uninstalled () && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    source = g_settings_schema_source_new_from_directory (BUILD_ROOT "/resources", parent, FALSE, NULL);
  else if (parent != NULL)
    source = g_settings_schema_source_ref (parent);

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, LECTERN_SETTINGS_SCHEMA_ID, TRUE);

  if (schema == NULL)
    {
      g_message ("The preferences schema %s is not installed; using the built-in defaults",
                 LECTERN_SETTINGS_SCHEMA_ID);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * lectern_settings_dup_default_choices:
 * @settings: (nullable): the preferences
 *
 * Returns: (transfer full): the choices a site has until the reader makes
 *   its own
 */
LecternSiteChoices *
lectern_settings_dup_default_choices (GSettings *settings)
{
  g_auto(GStrv) allowed = NULL;

  if (settings == NULL)
    return lectern_site_choices_new (NULL);

  allowed = g_settings_get_strv (settings, "default-allowed-categories");

  return lectern_site_choices_new_allowing (NULL, (const char * const *) allowed);
}
