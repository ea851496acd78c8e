/* lectern-frame-eval.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit-web-process-extension.h>

G_BEGIN_DECLS

#define LECTERN_TYPE_FRAME_EVAL (lectern_frame_eval_get_type ())

G_DECLARE_FINAL_TYPE (LecternFrameEval, lectern_frame_eval, LECTERN, FRAME_EVAL, GObject)

LecternFrameEval *lectern_frame_eval_new        (void);
void              lectern_frame_eval_watch_page (LecternFrameEval *self,
                                                 WebKitWebPage    *page);

G_END_DECLS
