/* lectern-script-world.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LecternScriptWorld:
 * @LECTERN_SCRIPT_WORLD_READER: where Readability and DOMPurify run
 * @LECTERN_SCRIPT_WORLD_AUTOCONSENT: where autoconsent runs
 *
 * The isolated script worlds Lectern runs its own scripts in, apart from
 * the page's.
 */
typedef enum
{
  LECTERN_SCRIPT_WORLD_READER,
  LECTERN_SCRIPT_WORLD_AUTOCONSENT,
  LECTERN_N_SCRIPT_WORLDS
} LecternScriptWorld;

const char *lectern_script_world_get_name (LecternScriptWorld world);

G_END_DECLS
