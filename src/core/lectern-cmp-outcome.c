/* lectern-cmp-outcome.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-outcome.h"

/**
 * lectern_cmp_outcome_new:
 * @name: the consent tool's name
 * @action: what Lectern did with it
 *
 * Returns: (transfer full): an outcome that records nothing yet
 */
LecternCmpOutcome *
lectern_cmp_outcome_new (const char *name,
                         const char *action)
{
  LecternCmpOutcome *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (action != NULL, NULL);

  self = g_new0 (LecternCmpOutcome, 1);
  self->name = g_strdup (name);
  self->action = g_strdup (action);
  lectern_consent_record_init (&self->recorded);

  return self;
}

/**
 * lectern_cmp_outcome_copy:
 * @self: an outcome
 *
 * Returns: (transfer full): a deep copy of @self
 */
LecternCmpOutcome *
lectern_cmp_outcome_copy (const LecternCmpOutcome *self)
{
  LecternCmpOutcome *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lectern_cmp_outcome_new (self->name, self->action);
  copy->recorded = self->recorded;
  copy->detail = g_strdup (self->detail);
  copy->applied = self->applied != NULL ? g_date_time_ref (self->applied) : NULL;

  return copy;
}

void
lectern_cmp_outcome_free (LecternCmpOutcome *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->action);
  g_free (self->detail);
  g_clear_pointer (&self->applied, g_date_time_unref);
  g_free (self);
}
