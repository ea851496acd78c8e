/* lectern-command-line.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lectern-site-choices.h"

G_BEGIN_DECLS

typedef enum
{
  LECTERN_COMMAND_WINDOW,
  LECTERN_COMMAND_REPORT,
  LECTERN_COMMAND_ARTICLE,
  LECTERN_COMMAND_CONSENT,
} LecternCommand;

typedef enum
{
  LECTERN_REPORT_FORMAT_JSON,
  LECTERN_REPORT_FORMAT_TEXT,
  LECTERN_REPORT_FORMAT_RECEIPT_JSON,
  LECTERN_REPORT_FORMAT_RECEIPT_HTML,
} LecternReportFormat;

/* Exit statuses of the command line contract. */
#define LECTERN_EXIT_OK          0
#define LECTERN_EXIT_BAD_ARGS    1
#define LECTERN_EXIT_LOAD_FAILED 2
#define LECTERN_EXIT_NOT_ARTICLE 3

typedef struct
{
  LecternCommand       command;
  LecternReportFormat  format;
  char                *data_dir;
  char                *proxy;
  int                  timeout;
  char                *uri;
  char               **arguments;
  gboolean             report_requested;
  gboolean             consent_requested;
  gboolean             article_requested;
  char                *report_format_name;
  gboolean             receipt_requested;
  char                *receipt_format_name;
  char                *screenshot;
  gint64               started;
} LecternCommandLine;

LecternCommandLine *lectern_command_line_new              (void);
void                lectern_command_line_free             (LecternCommandLine  *self);
void                lectern_command_line_add_options      (LecternCommandLine  *self,
                                                           GApplication        *application);
gboolean            lectern_command_line_validate         (LecternCommandLine  *self,
                                                           GError             **error);
int                 lectern_command_line_run_consent      (LecternCommandLine  *self,
                                                           const LecternSiteChoices *defaults);
gint64              lectern_command_line_get_deadline     (LecternCommandLine  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternCommandLine, lectern_command_line_free)

G_END_DECLS
