/* lectern-autoconsent.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

#include "lectern-cmp-outcome.h"
#include "lectern-page-state.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_AUTOCONSENT (lectern_autoconsent_get_type ())

G_DECLARE_FINAL_TYPE (LecternAutoconsent, lectern_autoconsent, LECTERN, AUTOCONSENT, GObject)

LecternAutoconsent      *lectern_autoconsent_new              (WebKitWebView            *web_view);
void                     lectern_autoconsent_set_page         (LecternAutoconsent       *self,
                                                               LecternPageState         *page);
const LecternCmpOutcome *lectern_autoconsent_get_outcome      (LecternAutoconsent       *self);
gboolean                 lectern_autoconsent_is_waiting       (LecternAutoconsent       *self);

G_END_DECLS
