/* lectern-autoconsent-rules.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lectern-site-choices.h"

G_BEGIN_DECLS

#define LECTERN_AUTOCONSENT_ERROR (lectern_autoconsent_error_quark ())

typedef enum
{
  LECTERN_AUTOCONSENT_ERROR_INVALID,
  LECTERN_AUTOCONSENT_ERROR_NO_SNIPPETS,
} LecternAutoconsentError;

typedef struct _LecternAutoconsentRules LecternAutoconsentRules;

GQuark                   lectern_autoconsent_error_quark          (void);
LecternAutoconsentRules *lectern_autoconsent_rules_new            (void);
void                     lectern_autoconsent_rules_free           (LecternAutoconsentRules  *self);
gboolean                 lectern_autoconsent_rules_load_json      (LecternAutoconsentRules  *self,
                                                                   GBytes                   *rules_json,
                                                                   GError                  **error);
gboolean                 lectern_autoconsent_rules_load_bundle    (LecternAutoconsentRules  *self,
                                                                   GBytes                   *bundle,
                                                                   GError                  **error);
guint                    lectern_autoconsent_rules_get_n_snippets (LecternAutoconsentRules  *self);
gboolean                 lectern_autoconsent_rules_is_own_snippet (LecternAutoconsentRules  *self,
                                                                   const char               *snippet_id,
                                                                   const char               *code);
char                    *lectern_autoconsent_rules_dup_init_reply (LecternAutoconsentRules  *self,
                                                                   const LecternSiteChoices *choices,
                                                                   const char               *url,
                                                                   gboolean                  top) G_GNUC_WARN_UNUSED_RESULT;
const char              *lectern_autoconsent_get_auto_action      (const LecternSiteChoices *choices);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternAutoconsentRules, lectern_autoconsent_rules_free)

G_END_DECLS
