/* lectern-filter-cache-job.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-filter-cache-job.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "lectern-filter-cache.h"

/**
 * LecternFilterCacheJob:
 *
 * The compiled filter cache of a profile, prepared (compiled, or checked
 * against the lists) in a thread at start-up. The first web process waits
 * for it (lectern_filter_cache_job_wait()): started with it, it maps the
 * cache; without it, it would parse the lists.
 */

/* What the thread and the job share: the thread gets this, never the job. */
typedef struct
{
  GMutex              lock;
  GCond               done_cond;
  gboolean            done;
  char               *lists[2];
  char               *path;
  /* Set when done and usable. */
  char               *key;
  /* What the lists held, when they could be read; fixed once done. */
  gboolean            has_stats;
  LecternFilterStats  stats;
} Shared;

struct _LecternFilterCacheJob
{
  GObject  parent_instance;

  /* Owned */
  char    *dir;
  Shared  *shared;
};

G_DEFINE_FINAL_TYPE (LecternFilterCacheJob, lectern_filter_cache_job, G_TYPE_OBJECT)

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_mutex_clear (&shared->lock);
  g_cond_clear (&shared->done_cond);
  g_free (shared->lists[0]);
  g_free (shared->lists[1]);
  g_free (shared->path);
  g_free (shared->key);
}

static void
shared_unref (Shared *shared)
{
  g_atomic_rc_box_release_full (shared, shared_clear);
}

static void
lectern_filter_cache_job_finalize (GObject *object)
{
  LecternFilterCacheJob *self = LECTERN_FILTER_CACHE_JOB (object);

  g_free (self->dir);
  shared_unref (self->shared);

  G_OBJECT_CLASS (lectern_filter_cache_job_parent_class)->finalize (object);
}

static void
lectern_filter_cache_job_class_init (LecternFilterCacheJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_filter_cache_job_finalize;
}

static void
lectern_filter_cache_job_init (LecternFilterCacheJob *self)
{
  self->shared = g_atomic_rc_box_new0 (Shared);
  g_mutex_init (&self->shared->lock);
  g_cond_init (&self->shared->done_cond);
}

/**
 * lectern_filter_cache_job_new:
 * @lists_dir: the folder of EasyList and EasyPrivacy
 * @cache_dir: where the compiled cache goes; made if missing
 *
 * Returns: (transfer full): a job that has not started
 */
LecternFilterCacheJob *
lectern_filter_cache_job_new (const char *lists_dir,
                              const char *cache_dir)
{
  LecternFilterCacheJob *self;

  g_return_val_if_fail (lists_dir != NULL, NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_FILTER_CACHE_JOB, NULL);
  self->dir = g_strdup (cache_dir);
  self->shared->lists[0] = g_build_filename (lists_dir, "easylist.txt", NULL);
  self->shared->lists[1] = g_build_filename (lists_dir, "easyprivacy.txt", NULL);
  self->shared->path = g_build_filename (cache_dir, LECTERN_FILTER_CACHE_BASENAME, NULL);

  return self;
}

/**
 * lectern_filter_cache_job_get_dir:
 * @self: a #LecternFilterCacheJob
 *
 * Returns: the cache's folder, the only part of a profile that web
 *   processes may read
 */
const char *
lectern_filter_cache_job_get_dir (LecternFilterCacheJob *self)
{
  g_return_val_if_fail (LECTERN_IS_FILTER_CACHE_JOB (self), NULL);

  return self->dir;
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Shared *shared = task_data;
  g_autoptr(LecternFilterEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *message = NULL;
  const LecternFilterSource sources[] = {
    { shared->lists[0], LECTERN_FILTER_LIST_EASYLIST },
    { shared->lists[1], LECTERN_FILTER_LIST_EASYPRIVACY },
  };

  engine = lectern_filter_cache_ensure (shared->path, sources, G_N_ELEMENTS (sources), &key, &message, &error);

  /* Usable only if it is on disk now: the web processes map the file. */
  g_mutex_lock (&shared->lock);
  if (engine != NULL && g_file_test (shared->path, G_FILE_TEST_IS_REGULAR))
    shared->key = g_steal_pointer (&key);
  if (engine != NULL)
    {
      shared->stats = *lectern_filter_engine_get_stats (engine);
      shared->has_stats = TRUE;
    }
  shared->done = TRUE;
  g_cond_broadcast (&shared->done_cond);
  g_mutex_unlock (&shared->lock);

  if (engine == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&message), g_free);
}

/**
 * lectern_filter_cache_job_run_async:
 * @self: a #LecternFilterCacheJob
 * @callback: called once the cache is ready, or cannot be
 * @user_data: data for @callback
 *
 * Starts compiling (or checking) the cache in a thread. Call it once.
 */
void
lectern_filter_cache_job_run_async (LecternFilterCacheJob *self,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_FILTER_CACHE_JOB (self));

  /* Failing, the cache is not kept, which the job's message says. */
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    g_debug ("Cannot create %s: %s", self->dir, g_strerror (errno));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, lectern_filter_cache_job_run_async);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (self->shared), (GDestroyNotify) shared_unref);
  g_task_run_in_thread (task, prepare_thread);
}

/**
 * lectern_filter_cache_job_run_finish:
 * @self: a #LecternFilterCacheJob
 * @result: the result given to the callback
 * @error: return location for why no list could be read
 *
 * Returns: (transfer full) (nullable): what the reader should know of the
 *   cache and the lists (the cache was damaged and rebuilt, cannot be
 *   kept; a list holds no rules), or %NULL with nothing to say or with
 *   @error set
 */
char *
lectern_filter_cache_job_run_finish (LecternFilterCacheJob  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lectern_filter_cache_job_wait:
 * @self: a #LecternFilterCacheJob
 * @path: (out) (optional) (transfer none): the cache file
 * @key: (out) (optional) (transfer none): the key of the lists it holds
 *
 * Blocks until the job is done. The first web process starts when the
 * first page loads, usually after the cache is ready; if not, waiting is
 * shorter than every web process parsing the lists.
 *
 * Returns: whether the cache is usable; without it, @path and @key are ""
 */
gboolean
lectern_filter_cache_job_wait (LecternFilterCacheJob  *self,
                               const char            **path,
                               const char            **key)
{
  Shared *shared;
  gboolean usable;

  g_return_val_if_fail (LECTERN_IS_FILTER_CACHE_JOB (self), FALSE);

  shared = self->shared;
  g_mutex_lock (&shared->lock);
  while (!shared->done)
    g_cond_wait (&shared->done_cond, &shared->lock);
  usable = shared->key != NULL;
  g_mutex_unlock (&shared->lock);

  /* Fixed once done: no lock needed to read them from now on. */
  if (path != NULL)
    *path = usable ? shared->path : "";
  if (key != NULL)
    *key = usable ? shared->key : "";

  return usable;
}

/**
 * lectern_filter_cache_job_get_stats:
 * @self: a #LecternFilterCacheJob
 *
 * What the filter lists held: rules in use, and rules skipped by reason.
 *
 * Returns: (nullable): the counts, or %NULL while the lists are still
 *   being read or when none could be
 */
const LecternFilterStats *
lectern_filter_cache_job_get_stats (LecternFilterCacheJob *self)
{
  const LecternFilterStats *stats = NULL;

  g_return_val_if_fail (LECTERN_IS_FILTER_CACHE_JOB (self), NULL);

  g_mutex_lock (&self->shared->lock);
  if (self->shared->done && self->shared->has_stats)
    stats = &self->shared->stats;
  g_mutex_unlock (&self->shared->lock);

  return stats;
}
