/* lectern-request-log.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-request-log.h"

/**
 * LecternRequestLog:
 *
 * The requests of one page, each once, with what was decided for them,
 * and the tracker requests counted by category and verdict.
 */
struct _LecternRequestLog
{
  GPtrArray  *requests;
  GHashTable *seen;
  guint       n_trackers;
  guint       n_blocked;
  guint       category_blocked[LECTERN_CATEGORY_UNKNOWN + 1];
  guint       category_allowed[LECTERN_CATEGORY_UNKNOWN + 1];
};

LecternRequestLog *
lectern_request_log_new (void)
{
  LecternRequestLog *self = g_new0 (LecternRequestLog, 1);

  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_request_record_free);
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

void
lectern_request_log_free (LecternRequestLog *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->requests);
  g_hash_table_unref (self->seen);
  g_free (self);
}

/**
 * lectern_request_log_add:
 * @self: a #LecternRequestLog
 * @record: a request and what was decided for it
 *
 * Keeps a copy of @record, unless the same request was seen already:
 * WebKit's preload scanner asks for a resource, and the parser asks again
 * when the first request was blocked, so the same URL with the same
 * verdict is one request of the page.
 *
 * Returns: (transfer none) (nullable): the copy kept, or %NULL for a
 *   request seen already
 */
const LecternRequestRecord *
lectern_request_log_add (LecternRequestLog          *self,
                         const LecternRequestRecord *record)
{
  g_autofree char *key = NULL;
  LecternRequestRecord *copy;
  LecternCategory category;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (record != NULL, NULL);

  key = g_strdup_printf ("%c%s", record->blocked ? 'b' : 'a', record->url);
  if (!g_hash_table_add (self->seen, g_steal_pointer (&key)))
    return NULL;

  copy = lectern_request_record_copy (record);
  g_ptr_array_add (self->requests, copy);

  if (!copy->tracker)
    return copy;

  category = MIN (copy->category, LECTERN_CATEGORY_UNKNOWN);
  self->n_trackers++;
  if (copy->blocked)
    {
      self->n_blocked++;
      self->category_blocked[category]++;
    }
  else
    self->category_allowed[category]++;

  return copy;
}

/**
 * lectern_request_log_get_requests:
 * @self: a #LecternRequestLog
 *
 * Returns: (transfer none) (element-type LecternRequestRecord): every
 *   request, trackers or not, in the order seen
 */
GPtrArray *
lectern_request_log_get_requests (LecternRequestLog *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->requests;
}

guint
lectern_request_log_get_n_trackers (LecternRequestLog *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_trackers;
}

guint
lectern_request_log_get_n_blocked (LecternRequestLog *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_blocked;
}

/**
 * lectern_request_log_get_category_counts:
 * @self: a #LecternRequestLog
 * @category: a category
 * @n_blocked: (out) (optional): tracker requests of @category blocked
 * @n_allowed: (out) (optional): tracker requests of @category allowed
 */
void
lectern_request_log_get_category_counts (LecternRequestLog *self,
                                         LecternCategory    category,
                                         guint             *n_blocked,
                                         guint             *n_allowed)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (category <= LECTERN_CATEGORY_UNKNOWN);

  if (n_blocked != NULL)
    *n_blocked = self->category_blocked[category];
  if (n_allowed != NULL)
    *n_allowed = self->category_allowed[category];
}
