/* lectern-cookie-db.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-category.h"

G_BEGIN_DECLS

#define LECTERN_COOKIE_DB_ERROR (lectern_cookie_db_error_quark ())

typedef enum
{
  LECTERN_COOKIE_DB_ERROR_INVALID,
} LecternCookieDbError;

/**
 * LecternCookieInfo:
 * @name: the name or, for a wildcard entry, the prefix
 * @platform: the service that sets it ("Google Analytics")
 * @controller: (nullable): the owning company
 * @domain: (nullable): the domain the database names, as free text
 * @description: (nullable): what the cookie is for
 * @retention: (nullable): the declared retention ("2 years")
 * @wildcard: %TRUE when @name is a prefix
 * @category: the database's category in Lectern's vocabulary
 *
 * Owned by the database.
 */
typedef struct
{
  const char      *name;
  const char      *platform;
  const char      *controller;
  const char      *domain;
  const char      *description;
  const char      *retention;
  gboolean         wildcard;
  LecternCategory  category;
} LecternCookieInfo;

typedef struct _LecternCookieDb LecternCookieDb;

GQuark                   lectern_cookie_db_error_quark   (void);
LecternCookieDb         *lectern_cookie_db_new_from_file (const char       *csv_path,
                                                          GError          **error);
LecternCookieDb         *lectern_cookie_db_new_from_data (const char       *csv,
                                                          gsize             length,
                                                          GError          **error);
void                     lectern_cookie_db_free          (LecternCookieDb  *self);
const LecternCookieInfo *lectern_cookie_db_lookup        (LecternCookieDb  *self,
                                                          const char       *name,
                                                          const char       *domain);
guint                    lectern_cookie_db_get_size      (LecternCookieDb  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternCookieDb, lectern_cookie_db_free)

G_END_DECLS
