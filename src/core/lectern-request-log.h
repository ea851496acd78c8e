/* lectern-request-log.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-request-record.h"

G_BEGIN_DECLS

typedef struct _LecternRequestLog LecternRequestLog;

LecternRequestLog          *lectern_request_log_new                 (void);
void                        lectern_request_log_free                (LecternRequestLog          *self);
const LecternRequestRecord *lectern_request_log_add                 (LecternRequestLog          *self,
                                                                     const LecternRequestRecord *record);
GPtrArray                  *lectern_request_log_get_requests        (LecternRequestLog          *self);
guint                       lectern_request_log_get_n_trackers      (LecternRequestLog          *self);
guint                       lectern_request_log_get_n_blocked       (LecternRequestLog          *self);
void                        lectern_request_log_get_category_counts (LecternRequestLog          *self,
                                                                     LecternCategory             category,
                                                                     guint                      *n_blocked,
                                                                     guint                      *n_allowed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternRequestLog, lectern_request_log_free)

G_END_DECLS
