/* lectern-application.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lectern-profile.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_APPLICATION (lectern_application_get_type ())

G_DECLARE_FINAL_TYPE (LecternApplication, lectern_application, LECTERN, APPLICATION, AdwApplication)

LecternApplication *lectern_application_new         (void);
int                 lectern_application_run         (LecternApplication  *self,
                                                     int                  argc,
                                                     char               **argv);
LecternProfile     *lectern_application_get_profile (LecternApplication  *self);

G_END_DECLS
