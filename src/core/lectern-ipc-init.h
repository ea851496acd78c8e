/* lectern-ipc-init.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-category.h"
#include "lectern-site-choices.h"

G_BEGIN_DECLS

#define LECTERN_IPC_INIT_ERROR (lectern_ipc_init_error_quark ())

/**
 * LecternIpcInitError:
 * @LECTERN_IPC_INIT_ERROR_WRONG_TYPE: the payload is not a
 *   %LECTERN_IPC_INIT_TYPE
 */
typedef enum
{
  LECTERN_IPC_INIT_ERROR_WRONG_TYPE,
} LecternIpcInitError;

/**
 * LecternIpcFilterList:
 * @path: the list's file
 * @kind: which list it is
 */
typedef struct
{
  char                  *path;
  LecternFilterListKind  kind;
} LecternIpcFilterList;

/**
 * LecternIpcAllowedTrackers:
 * @site: a site's registrable domain
 * @trackers: the trackers the reader allowed on @site: tracker names,
 *   else hosts
 */
typedef struct
{
  char  *site;
  char **trackers;
} LecternIpcAllowedTrackers;

/**
 * LecternIpcInit:
 * @filter_lists: (element-type LecternIpcFilterList): the filter lists,
 *   read by the web process when there is no compiled cache
 * @tracker_db_path: (nullable): the tracker database's trackers file
 * @tracker_companies_path: (nullable): its companies file; set when
 *   @tracker_db_path is
 * @defaults: the choices of a site with none of its own
 * @sites: (element-type LecternSiteChoices): every stored site's choices
 * @filter_cache_path: (nullable): the compiled filter cache, when there
 *   is one
 * @filter_cache_key: (nullable): the key of the lists it was compiled
 *   from; set when @filter_cache_path is
 * @allowed_trackers: (element-type LecternIpcAllowedTrackers): every
 *   site's allowed trackers
 *
 * What the web process extension is started with. The arrays are never
 * %NULL; lectern_ipc_init_new() makes them empty.
 */
typedef struct
{
  GArray             *filter_lists;
  char               *tracker_db_path;
  char               *tracker_companies_path;
  LecternSiteChoices *defaults;
  GPtrArray          *sites;
  char               *filter_cache_path;
  char               *filter_cache_key;
  GArray             *allowed_trackers;
} LecternIpcInit;

GQuark          lectern_ipc_init_error_quark          (void);
LecternIpcInit *lectern_ipc_init_new                  (void);
void            lectern_ipc_init_free                 (LecternIpcInit         *self);
void            lectern_ipc_init_add_filter_list      (LecternIpcInit         *self,
                                                       const char             *path,
                                                       LecternFilterListKind   kind);
void            lectern_ipc_init_add_allowed_trackers (LecternIpcInit         *self,
                                                       const char             *site,
                                                       const char * const     *trackers);
GVariant       *lectern_ipc_init_to_variant           (const LecternIpcInit   *self);
LecternIpcInit *lectern_ipc_init_new_from_variant     (GVariant               *variant,
                                                       GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternIpcInit, lectern_ipc_init_free)

G_END_DECLS
