/* lectern-cmp-memory.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LecternCmpMemory LecternCmpMemory;

LecternCmpMemory *lectern_cmp_memory_new                  (const char        *path);
void              lectern_cmp_memory_free                 (LecternCmpMemory  *self);
const char       *lectern_cmp_memory_get_recovery_message (LecternCmpMemory  *self);
char             *lectern_cmp_memory_dup_onetrust_groups  (LecternCmpMemory  *self,
                                                           const char        *site) G_GNUC_WARN_UNUSED_RESULT;
gboolean          lectern_cmp_memory_set_onetrust_groups  (LecternCmpMemory  *self,
                                                           const char        *site,
                                                           const char        *groups_json,
                                                           GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternCmpMemory, lectern_cmp_memory_free)

G_END_DECLS
