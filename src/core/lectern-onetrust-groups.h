/* lectern-onetrust-groups.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-category.h"

G_BEGIN_DECLS

#define LECTERN_ONETRUST_ERROR (lectern_onetrust_error_quark ())

/**
 * LecternOneTrustError:
 * @LECTERN_ONETRUST_ERROR_INVALID: a cookie value or group list is malformed
 */
typedef enum
{
  LECTERN_ONETRUST_ERROR_INVALID,
} LecternOneTrustError;

/**
 * LecternOneTrustGroups:
 *
 * A site's OneTrust groups: each group id with the name the site gave it.
 */
typedef struct _LecternOneTrustGroups LecternOneTrustGroups;

GQuark                 lectern_onetrust_error_quark          (void);

LecternOneTrustGroups *lectern_onetrust_groups_new           (void);
LecternOneTrustGroups *lectern_onetrust_groups_new_from_json (const char                  *json,
                                                              GError                     **error);
void                   lectern_onetrust_groups_free          (LecternOneTrustGroups       *self);
gboolean               lectern_onetrust_groups_add           (LecternOneTrustGroups       *self,
                                                              const char                  *group_id,
                                                              const char                  *group_name,
                                                              GError                     **error);
guint                  lectern_onetrust_groups_get_n_groups  (const LecternOneTrustGroups *self);
LecternCategory        lectern_onetrust_groups_get_category  (const LecternOneTrustGroups *self,
                                                              const char                  *group_id);
char                  *lectern_onetrust_groups_to_json       (const LecternOneTrustGroups *self) G_GNUC_WARN_UNUSED_RESULT;
char                 **lectern_onetrust_groups_dup_ids       (const LecternOneTrustGroups *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean               lectern_onetrust_groups_is_standard   (const LecternOneTrustGroups *self);
LecternCategory        lectern_onetrust_category_from_name   (const char                  *group_name);
LecternCategory        lectern_onetrust_category_from_id     (const char                  *group_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternOneTrustGroups, lectern_onetrust_groups_free)

G_END_DECLS
