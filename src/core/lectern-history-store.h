/* lectern-history-store.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LECTERN_HISTORY_STORE_ERROR (lectern_history_store_error_quark ())

typedef enum
{
  LECTERN_HISTORY_STORE_ERROR_OPEN,
  LECTERN_HISTORY_STORE_ERROR_WRITE,
} LecternHistoryStoreError;

/**
 * LecternHistoryEntry:
 * @url: the article's address
 * @title: (nullable): its title
 * @site: its site (registrable domain)
 * @read: when it was last opened
 *
 * One recently read article.
 */
typedef struct
{
  char      *url;
  char      *title;
  char      *site;
  GDateTime *read;
} LecternHistoryEntry;

typedef struct _LecternHistoryStore LecternHistoryStore;

GQuark               lectern_history_store_error_quark         (void);
void                 lectern_history_entry_free                (LecternHistoryEntry  *entry);
LecternHistoryStore *lectern_history_store_open                (const char           *path,
                                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
void                 lectern_history_store_free                (LecternHistoryStore  *self);
const char          *lectern_history_store_get_recovery_message (LecternHistoryStore *self);
gboolean             lectern_history_store_add_article         (LecternHistoryStore  *self,
                                                                const char           *url,
                                                                const char           *title,
                                                                GDateTime            *read,
                                                                GError              **error);
GPtrArray           *lectern_history_store_dup_recent          (LecternHistoryStore  *self,
                                                                guint                 limit,
                                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean             lectern_history_store_clear               (LecternHistoryStore  *self,
                                                                GError              **error);
gboolean             lectern_history_store_get_always_reader   (LecternHistoryStore  *self,
                                                                const char           *site);
gboolean             lectern_history_store_set_always_reader   (LecternHistoryStore  *self,
                                                                const char           *site,
                                                                gboolean              always,
                                                                GError              **error);
char                *lectern_history_render_start_page         (GPtrArray            *recent,
                                                                const char           *demo_uri) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternHistoryEntry, lectern_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternHistoryStore, lectern_history_store_free)

G_END_DECLS
