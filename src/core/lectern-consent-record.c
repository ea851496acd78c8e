/* lectern-consent-record.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-consent-record.h"

#define CATEGORY_BIT(category) (1u << (guint)(category))

/**
 * lectern_consent_record_init:
 * @self: a record
 *
 * Empties @self: nothing known, nothing granted.
 */
void
lectern_consent_record_init (LecternConsentRecord *self)
{
  g_return_if_fail (self != NULL);

  self->known = 0;
  self->granted = 0;
}

/**
 * lectern_consent_record_add:
 * @self: a record
 * @category: the category of one of the tool's groups or purposes
 * @granted: whether the tool recorded that group or purpose as granted
 *
 * Adds what the tool recorded for one of its groups or purposes. Several
 * of them can fall into one category ("Analytics" and "Performance
 * Cookies"); the category is granted as soon as one of them is, since any
 * one of them lets the site do what the category is about.
 * %LECTERN_CATEGORY_UNKNOWN is ignored: nothing can be compared with it.
 */
void
lectern_consent_record_add (LecternConsentRecord *self,
                            LecternCategory       category,
                            gboolean              granted)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (category <= LECTERN_CATEGORY_UNKNOWN);

  if (category >= LECTERN_N_CATEGORIES)
    return;

  self->known |= CATEGORY_BIT (category);
  if (granted)
    self->granted |= CATEGORY_BIT (category);
}

/**
 * lectern_consent_record_lookup:
 * @self: a record
 * @category: a category
 * @granted: (out) (optional): whether the tool recorded @category as granted
 *
 * Returns: %TRUE if the tool recorded anything for @category
 */
gboolean
lectern_consent_record_lookup (const LecternConsentRecord *self,
                               LecternCategory             category,
                               gboolean                   *granted)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (category >= LECTERN_N_CATEGORIES || (self->known & CATEGORY_BIT (category)) == 0)
    {
      if (granted != NULL)
        *granted = FALSE;
      return FALSE;
    }

  if (granted != NULL)
    *granted = (self->granted & CATEGORY_BIT (category)) != 0;

  return TRUE;
}

/**
 * lectern_consent_record_is_refused:
 * @choices: the user's choices for the site
 * @category: a category
 *
 * What the user refused, as the consent tools should be told. A trusted
 * site still gets the user's choices: trusting a site stops Lectern's
 * blocking, it does not consent to anything on the user's behalf.
 *
 * Returns: %TRUE if the user refused @category
 */
gboolean
lectern_consent_record_is_refused (const LecternSiteChoices *choices,
                                   LecternCategory           category)
{
  g_return_val_if_fail (choices != NULL, FALSE);

  return lectern_category_is_blockable (category) &&
         !lectern_site_choices_get_allowed (choices, category);
}

/**
 * lectern_consent_record_get_answer:
 * @choices: (nullable): the reader's choices for the site, %NULL when
 *   they are not known yet
 *
 * What to tell a banner that only knows "accept" and "refuse". Trusting a
 * site only turns Lectern's blocking off; the answer still follows the
 * categories. Without choices the answer is a refusal: nothing is
 * consented to on the reader's behalf.
 *
 * Returns: the answer
 */
LecternConsentAnswer
lectern_consent_record_get_answer (const LecternSiteChoices *choices)
{
  if (choices == NULL)
    return LECTERN_CONSENT_ANSWER_REFUSE;

  if (lectern_site_choices_get_leave_banner (choices))
    return LECTERN_CONSENT_ANSWER_NONE;

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      if (lectern_consent_record_is_refused (choices, category))
        return LECTERN_CONSENT_ANSWER_REFUSE;
    }

  return LECTERN_CONSENT_ANSWER_ACCEPT;
}

/**
 * lectern_consent_record_find_violations:
 * @self: what the site's consent tool recorded
 * @choices: the user's choices for the site
 *
 * Lists the categories the tool recorded as granted although the user
 * refused them. A category the tool said nothing about is not a
 * violation: Cookiebot, for one, has no social media switch.
 *
 * Returns: (transfer full) (element-type LecternCategory): the violated
 *   categories in category order, empty when the tool obeyed
 */
GArray *
lectern_consent_record_find_violations (const LecternConsentRecord *self,
                                        const LecternSiteChoices   *choices)
{
  GArray *violations;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (choices != NULL, NULL);

  violations = g_array_new (FALSE, FALSE, sizeof (LecternCategory));

  for (LecternCategory category = 0; category < LECTERN_N_CATEGORIES; category++)
    {
      gboolean granted;

      if (lectern_consent_record_lookup (self, category, &granted) &&
          granted &&
          lectern_consent_record_is_refused (choices, category))
        g_array_append_val (violations, category);
    }

  return violations;
}
