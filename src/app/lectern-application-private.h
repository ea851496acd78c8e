/* lectern-application-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lectern-application.h"
#include "lectern-command-line.h"
#include "lectern-headless-run.h"

G_BEGIN_DECLS

struct _LecternApplication
{
  AdwApplication      parent_instance;

  /* Owned */
  LecternCommandLine *command_line;
  GSettings          *settings;
  LecternProfile     *profile;
  LecternHeadlessRun *headless_run;
  int                 exit_status;
};

void lectern_application_actions_init (LecternApplication *self);

G_END_DECLS
