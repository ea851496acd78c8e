/* lectern-site-choices.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-site-choices.h"

#include <glib-object.h>
#include <string.h>

/**
 * LecternSiteChoices:
 *
 * What the user decided for one site: each category allowed or not, and
 * whether the site is trusted (nothing is blocked on a trusted site),
 * and whether Lectern leaves the site's own consent banner alone instead
 * of answering it with these choices.
 * A site of "" holds the defaults for sites the user never configured.
 */
struct _LecternSiteChoices
{
  char     *site;
  gboolean  allowed[LECTERN_N_CATEGORIES];
  gboolean  trusted;
  gboolean  leave_banner;
};

G_DEFINE_BOXED_TYPE (LecternSiteChoices, lectern_site_choices,
                     lectern_site_choices_copy, lectern_site_choices_free)

/**
 * lectern_site_choices_new:
 * @site: (nullable): the site's registrable domain; %NULL or "" for defaults
 *
 * Creates the out-of-the-box choices: only `necessary` allowed, and the
 * site not trusted.
 *
 * Returns: (transfer full): new choices
 */
LecternSiteChoices *
lectern_site_choices_new (const char *site)
{
  LecternSiteChoices *self;

  self = g_new0 (LecternSiteChoices, 1);
  self->site = g_strdup (site != NULL ? site : "");
  self->allowed[LECTERN_CATEGORY_NECESSARY] = TRUE;

  return self;
}

/**
 * lectern_site_choices_new_allowing:
 * @site: (nullable): the site, or %NULL for the defaults
 * @allowed_ids: (nullable) (array zero-terminated=1): ids of the allowed categories
 *
 * Choices that allow exactly the listed categories, as a preference
 * stores them. Unknown ids are ignored (a newer version may have written
 * them) and strictly necessary is allowed whatever the list says.
 *
 * Returns: (transfer full): new choices
 */
LecternSiteChoices *
lectern_site_choices_new_allowing (const char         *site,
                                   const char * const *allowed_ids)
{
  LecternSiteChoices *self = lectern_site_choices_new (site);

  for (guint i = 0; allowed_ids != NULL && allowed_ids[i] != NULL; i++)
    {
      LecternCategory category;

      if (lectern_category_from_id (allowed_ids[i], &category) && category < LECTERN_N_CATEGORIES)
        lectern_site_choices_set_allowed (self, category, TRUE);
    }

  return self;
}

/**
 * lectern_site_choices_dup_allowed_ids:
 * @self: choices
 *
 * Returns: (transfer full) (array zero-terminated=1): the ids of the allowed
 *   categories, in the model's order
 */
char **
lectern_site_choices_dup_allowed_ids (const LecternSiteChoices *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      if (self->allowed[category])
        g_strv_builder_add (builder, lectern_category_to_id (category));
    }

  return g_strv_builder_end (builder);
}

/**
 * lectern_site_choices_copy:
 * @self: choices
 *
 * Returns: (transfer full): a copy of @self
 */
LecternSiteChoices *
lectern_site_choices_copy (const LecternSiteChoices *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lectern_site_choices_copy_for_site (self, self->site);
}

/**
 * lectern_site_choices_copy_for_site:
 * @self: choices, usually the defaults
 * @site: (nullable): the site the copy is for
 *
 * Returns: (transfer full): a copy of @self that belongs to @site
 */
LecternSiteChoices *
lectern_site_choices_copy_for_site (const LecternSiteChoices *self,
                                    const char               *site)
{
  LecternSiteChoices *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LecternSiteChoices, 1);
  copy->site = g_strdup (site != NULL ? site : "");
  memcpy (copy->allowed, self->allowed, sizeof copy->allowed);
  copy->trusted = self->trusted;
  copy->leave_banner = self->leave_banner;

  return copy;
}

void
lectern_site_choices_free (LecternSiteChoices *self)
{
  if (self == NULL)
    return;

  g_free (self->site);
  g_free (self);
}

/**
 * lectern_site_choices_get_site:
 * @self: choices
 *
 * Returns: the site, "" for defaults
 */
const char *
lectern_site_choices_get_site (const LecternSiteChoices *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->site;
}

/**
 * lectern_site_choices_get_allowed:
 * @self: choices
 * @category: a category
 *
 * Returns: whether @category is allowed; %LECTERN_CATEGORY_UNKNOWN is
 *   always allowed, since nothing can tell what refusing it would mean
 */
gboolean
lectern_site_choices_get_allowed (const LecternSiteChoices *self,
                                  LecternCategory           category)
{
  g_return_val_if_fail (self != NULL, TRUE);
  g_return_val_if_fail (category <= LECTERN_CATEGORY_UNKNOWN, TRUE);

  if (category >= LECTERN_N_CATEGORIES)
    return TRUE;

  return self->allowed[category];
}

/**
 * lectern_site_choices_set_allowed:
 * @self: choices
 * @category: one of the %LECTERN_N_CATEGORIES switches
 * @allowed: whether to allow it
 *
 * Sets one switch. `necessary` cannot be turned off: the request is
 * ignored, because a site without its strictly necessary parts breaks.
 */
void
lectern_site_choices_set_allowed (LecternSiteChoices *self,
                                  LecternCategory     category,
                                  gboolean            allowed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (category < LECTERN_N_CATEGORIES);

  if (category == LECTERN_CATEGORY_NECESSARY)
    return;

  self->allowed[category] = !!allowed;
}

gboolean
lectern_site_choices_get_trusted (const LecternSiteChoices *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->trusted;
}

void
lectern_site_choices_set_trusted (LecternSiteChoices *self,
                                  gboolean            trusted)
{
  g_return_if_fail (self != NULL);

  self->trusted = !!trusted;
}

/**
 * lectern_site_choices_get_leave_banner:
 * @self: choices
 *
 * Returns: whether the reader asked Lectern to leave the site's consent
 *   banner alone: no consent tool is answered, the banner stays visible
 *   (blocking still follows the categories)
 */
gboolean
lectern_site_choices_get_leave_banner (const LecternSiteChoices *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->leave_banner;
}

/**
 * lectern_site_choices_set_leave_banner:
 * @self: choices
 * @leave_banner: whether to leave the site's consent banner alone
 *
 * Off by default: Lectern answers the site's consent tool for the reader.
 */
void
lectern_site_choices_set_leave_banner (LecternSiteChoices *self,
                                       gboolean            leave_banner)
{
  g_return_if_fail (self != NULL);

  self->leave_banner = !!leave_banner;
}

/**
 * lectern_site_choices_blocks:
 * @self: choices
 * @category: a tracker's or cookie's category
 *
 * Whether something of @category must be blocked on the site. Nothing is
 * blocked on a trusted site; `necessary` and %LECTERN_CATEGORY_UNKNOWN
 * never are. Runs for every request: it does not allocate.
 *
 * Returns: %TRUE to block
 */
gboolean
lectern_site_choices_blocks (const LecternSiteChoices *self,
                             LecternCategory           category)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->trusted || category >= LECTERN_N_CATEGORIES)
    return FALSE;

  return lectern_category_is_blockable (category) && !self->allowed[category];
}

/**
 * lectern_site_choices_equal:
 * @a: choices
 * @b: other choices
 *
 * Returns: whether @a and @b are for the same site and say the same
 */
gboolean
lectern_site_choices_equal (const LecternSiteChoices *a,
                            const LecternSiteChoices *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return g_str_equal (a->site, b->site) &&
         a->trusted == b->trusted &&
         a->leave_banner == b->leave_banner &&
         memcmp (a->allowed, b->allowed, sizeof a->allowed) == 0;
}

/**
 * lectern_site_choices_to_variant:
 * @self: choices
 *
 * Serializes @self as %LECTERN_SITE_CHOICES_VARIANT_TYPE: the site, a
 * dictionary from every category id to allowed, trusted, and whether to
 * leave the site's banner alone.
 *
 * Returns: (transfer none): a floating #GVariant
 */
GVariant *
lectern_site_choices_to_variant (const LecternSiteChoices *self)
{
  GVariantBuilder allowed;

  g_return_val_if_fail (self != NULL, NULL);

  g_variant_builder_init (&allowed, G_VARIANT_TYPE ("a{sb}"));
  for (guint i = 0; i < LECTERN_N_CATEGORIES; i++)
    g_variant_builder_add (&allowed, "{sb}",
                           lectern_category_to_id ((LecternCategory) i),
                           self->allowed[i]);

  return g_variant_new ("(sa{sb}bb)", self->site, &allowed, self->trusted,
                        self->leave_banner);
}

/**
 * lectern_site_choices_new_from_variant:
 * @variant: a #GVariant of type %LECTERN_SITE_CHOICES_VARIANT_TYPE
 *
 * The reverse of lectern_site_choices_to_variant(). The variant may come
 * from another process: unknown category ids are ignored (a newer
 * sender), categories it leaves out keep their out-of-the-box value, and
 * `necessary` stays on whatever it says. The older form without the
 * banner flag, "(sa{sb}b)", is still read, with the flag off.
 *
 * Returns: (transfer full) (nullable): the choices, or %NULL when
 *   @variant has the wrong type
 */
LecternSiteChoices *
lectern_site_choices_new_from_variant (GVariant *variant)
{
  g_autoptr(LecternSiteChoices) self = NULL;
  g_autoptr(GVariantIter) iter = NULL;
  const char *site;
  const char *id;
  gboolean allowed;
  gboolean trusted;
  gboolean leave_banner = FALSE;

  g_return_val_if_fail (variant != NULL, NULL);

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE (LECTERN_SITE_CHOICES_VARIANT_TYPE)))
    g_variant_get (variant, "(&sa{sb}bb)", &site, &iter, &trusted, &leave_banner);
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE ("(sa{sb}b)")))
    g_variant_get (variant, "(&sa{sb}b)", &site, &iter, &trusted);
  else
    return NULL;

  self = lectern_site_choices_new (site);
  self->trusted = trusted;
  self->leave_banner = leave_banner;

  while (g_variant_iter_next (iter, "{&sb}", &id, &allowed))
    {
      LecternCategory category;

      if (lectern_category_from_id (id, &category) &&
          category < LECTERN_N_CATEGORIES)
        lectern_site_choices_set_allowed (self, category, allowed);
    }

  return g_steal_pointer (&self);
}

/**
 * lectern_site_choices_to_string:
 * @self: choices
 *
 * Formats @self for people and scripts (`lectern --consent` prints it).
 * The format is stable: one "key: value" line each, in this order, every
 * line ending in a newline:
 *
 * |[
 * site: example.com
 * necessary: on
 * functional: off
 * performance: on
 * targeting: off
 * social: off
 * sale: off
 * trusted: no
 * ]|
 *
 * The keys are the category ids, the values "on" or "off"; then comes
 * "trusted: yes" or "trusted: no". The "site" line is left out for the
 * defaults (no site). A site whose banner Lectern leaves alone has one
 * more line at the end, "leave-banner: yes"; without it, it is answered.
 *
 * Returns: (transfer full): the text
 */
char *
lectern_site_choices_to_string (const LecternSiteChoices *self)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  str = g_string_new (NULL);

  if (self->site[0] != '\0')
    g_string_append_printf (str, "site: %s\n", self->site);

  for (guint i = 0; i < LECTERN_N_CATEGORIES; i++)
    g_string_append_printf (str, "%s: %s\n",
                            lectern_category_to_id ((LecternCategory) i),
                            self->allowed[i] ? "on" : "off");

  g_string_append_printf (str, "trusted: %s\n", self->trusted ? "yes" : "no");
  if (self->leave_banner)
    g_string_append (str, "leave-banner: yes\n");

  return g_string_free (str, FALSE);
}
