/* lectern-site-choices.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib-object.h>

#include "lectern-category.h"

G_BEGIN_DECLS

#define LECTERN_TYPE_SITE_CHOICES (lectern_site_choices_get_type ())

/* The serialized form, as it crosses to the web process: site,
 * category id → on, trusted, leave the site's banner alone. */
#define LECTERN_SITE_CHOICES_VARIANT_TYPE "(sa{sb}bb)"

typedef struct _LecternSiteChoices LecternSiteChoices;

GType               lectern_site_choices_get_type      (void) G_GNUC_CONST;
LecternSiteChoices *lectern_site_choices_new           (const char                *site);
LecternSiteChoices *lectern_site_choices_new_allowing  (const char                *site,
                                                        const char * const        *allowed_ids);
char              **lectern_site_choices_dup_allowed_ids (const LecternSiteChoices *self) G_GNUC_WARN_UNUSED_RESULT;
LecternSiteChoices *lectern_site_choices_copy          (const LecternSiteChoices  *self);
LecternSiteChoices *lectern_site_choices_copy_for_site (const LecternSiteChoices  *self,
                                                        const char                *site);
void                lectern_site_choices_free          (LecternSiteChoices        *self);
const char         *lectern_site_choices_get_site      (const LecternSiteChoices  *self);
gboolean            lectern_site_choices_get_allowed   (const LecternSiteChoices  *self,
                                                        LecternCategory            category);
void                lectern_site_choices_set_allowed   (LecternSiteChoices        *self,
                                                        LecternCategory            category,
                                                        gboolean                   allowed);
gboolean            lectern_site_choices_get_trusted   (const LecternSiteChoices  *self);
void                lectern_site_choices_set_trusted   (LecternSiteChoices        *self,
                                                        gboolean                   trusted);
gboolean            lectern_site_choices_get_leave_banner (const LecternSiteChoices *self);
void                lectern_site_choices_set_leave_banner (LecternSiteChoices    *self,
                                                           gboolean               leave_banner);
gboolean            lectern_site_choices_blocks        (const LecternSiteChoices  *self,
                                                        LecternCategory            category);
gboolean            lectern_site_choices_equal         (const LecternSiteChoices  *a,
                                                        const LecternSiteChoices  *b);
GVariant           *lectern_site_choices_to_variant    (const LecternSiteChoices  *self);
LecternSiteChoices *lectern_site_choices_new_from_variant (GVariant               *variant);
char               *lectern_site_choices_to_string     (const LecternSiteChoices  *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternSiteChoices, lectern_site_choices_free)

G_END_DECLS
