/* lectern-terminal-text.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LecternTerminalText:
 * @LECTERN_TERMINAL_TEXT_LINE: one line: a line break is escaped too
 * @LECTERN_TERMINAL_TEXT_LINES: lines: line breaks and tabs are kept
 *
 * What a text is, for lectern_terminal_text_escape().
 */
typedef enum
{
  LECTERN_TERMINAL_TEXT_LINE,
  LECTERN_TERMINAL_TEXT_LINES,
} LecternTerminalText;

char *lectern_terminal_text_escape (const char          *text,
                                    LecternTerminalText  kind) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
