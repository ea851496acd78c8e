/* lectern-article-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-article-run.h"

#include <glib/gi18n.h>

#include "lectern-command-line.h"
#include "lectern-page-run.h"
#include "lectern-reader-mode.h"

/**
 * LecternArticleRun:
 *
 * `lectern --article URL`: loads the page without a window, waits until it
 * is quiet, extracts the article as reader mode does and prints it as plain
 * text (title, byline, a blank line, then the paragraphs separated by blank
 * lines). The run's result is the command line contract's exit status.
 */

struct _LecternArticleRun
{
  GObject         parent_instance;

  /* Owned */
  char           *uri;
  LecternPageRun *page_run;
  int             timeout_seconds;
};

G_DEFINE_FINAL_TYPE (LecternArticleRun, lectern_article_run, G_TYPE_OBJECT)

LecternArticleRun *
lectern_article_run_new (const char *uri,
                         int         timeout_seconds)
{
  LecternArticleRun *self = g_object_new (LECTERN_TYPE_ARTICLE_RUN, NULL);

  self->uri = g_strdup (uri);
  self->timeout_seconds = timeout_seconds;

  return self;
}

static void
extract_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LecternArticleRun *self = g_task_get_source_object (task);
  g_autoptr(LecternArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  article = lectern_reader_mode_extract_finish (WEBKIT_WEB_VIEW (object), result, &error);
  lectern_page_run_stop (self->page_run);

  if (article == NULL)
    {
      if (g_error_matches (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE))
        {
          /* Translators: %s is a URL */
          g_printerr (_("The page %s is not an article: reader mode found no article text in it\n"),
                      self->uri ? self->uri : LECTERN_DEMO_URI);
          g_task_return_int (task, LECTERN_EXIT_NOT_ARTICLE);
        }
      else
        {
          /* Translators: the first %s is a URL, the second an error message */
          g_printerr (_("The article of %s could not be read: %s\n"),
                      self->uri ? self->uri : LECTERN_DEMO_URI, error->message);
          g_task_return_int (task, LECTERN_EXIT_LOAD_FAILED);
        }
      return;
    }

  text = lectern_article_to_text (article);
  g_print ("%s", text);
  g_task_return_int (task, LECTERN_EXIT_OK);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LecternPageRun *page_run = LECTERN_PAGE_RUN (object);
  GCancellable *cancellable;

  if (!lectern_page_run_load_finish (page_run, result, &error))
    {
      g_printerr ("%s\n", error->message);
      g_task_return_int (task, LECTERN_EXIT_LOAD_FAILED);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  lectern_reader_mode_extract_async (WEBKIT_WEB_VIEW (lectern_page_run_get_web_view (page_run)),
                                     cancellable, extract_cb, g_steal_pointer (&task));
}

void
lectern_article_run_run_async (LecternArticleRun   *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_ARTICLE_RUN (self));
  g_return_if_fail (self->page_run == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_article_run_run_async);

  self->page_run = lectern_page_run_new (self->uri, self->timeout_seconds);
  lectern_page_run_load_async (self->page_run, cancellable, load_cb, g_steal_pointer (&task));
}

/**
 * lectern_article_run_finish:
 *
 * Returns: the exit status of the command line contract
 */
int
lectern_article_run_finish (LecternArticleRun *self,
                            GAsyncResult      *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), LECTERN_EXIT_LOAD_FAILED);

  return (int) g_task_propagate_int (G_TASK (result), NULL);
}

static void
lectern_article_run_dispose (GObject *object)
{
  LecternArticleRun *self = LECTERN_ARTICLE_RUN (object);

  g_clear_object (&self->page_run);

  G_OBJECT_CLASS (lectern_article_run_parent_class)->dispose (object);
}

static void
lectern_article_run_finalize (GObject *object)
{
  LecternArticleRun *self = LECTERN_ARTICLE_RUN (object);

  g_free (self->uri);

  G_OBJECT_CLASS (lectern_article_run_parent_class)->finalize (object);
}

static void
lectern_article_run_class_init (LecternArticleRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_article_run_dispose;
  object_class->finalize = lectern_article_run_finalize;
}

static void
lectern_article_run_init (LecternArticleRun *self)
{
}
