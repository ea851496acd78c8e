/* lectern-report-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-report-run.h"

#include <glib/gi18n.h>

#include "lectern-application.h"
#include "lectern-consent-receipt.h"
#include "lectern-page-run.h"
#include "lectern-reader-mode.h"

/**
 * LecternReportRun:
 *
 * `lectern --report URL`: loads the page without a window until it is
 * quiet (LecternPageRun), reads and enforces the site's cookies once more,
 * asks reader mode whether the page is an article, then prints the report.
 */

struct _LecternReportRun
{
  GObject              parent_instance;

  /* Owned */
  char                *uri;
  LecternPageRun      *page_run;
  LecternArticle      *article;
  LecternReportFormat  format;
  int                  timeout_seconds;
};

G_DEFINE_FINAL_TYPE (LecternReportRun, lectern_report_run, G_TYPE_OBJECT)

LecternReportRun *
lectern_report_run_new (const char          *uri,
                        LecternReportFormat  format,
                        int                  timeout_seconds)
{
  LecternReportRun *self = g_object_new (LECTERN_TYPE_REPORT_RUN, NULL);

  self->uri = g_strdup (uri);
  self->format = format;
  self->timeout_seconds = timeout_seconds;

  return self;
}

static void
print_report (GTask *task)
{
  LecternReportRun *self = g_task_get_source_object (task);
  LecternWebView *web_view = lectern_page_run_get_web_view (self->page_run);
  g_autoptr(LecternPageReport) report = NULL;
  g_autofree char *output = NULL;

  lectern_page_run_stop (self->page_run);

  report = lectern_site_privacy_build_report (lectern_web_view_get_privacy (web_view));

  if (self->article != NULL)
    lectern_page_report_set_article (report,
                                     lectern_article_get_title (self->article),
                                     lectern_article_get_byline (self->article),
                                     lectern_article_get_n_words (self->article),
                                     lectern_article_get_reading_minutes (self->article));

  if (self->format == LECTERN_REPORT_FORMAT_RECEIPT_JSON ||
      self->format == LECTERN_REPORT_FORMAT_RECEIPT_HTML)
    {
      g_autoptr(LecternConsentReceipt) receipt = lectern_consent_receipt_new_from_report (report, NULL);

      if (self->format == LECTERN_REPORT_FORMAT_RECEIPT_HTML)
        output = lectern_consent_receipt_to_html (receipt);
      else
        output = lectern_consent_receipt_to_json (receipt);
    }
  else if (self->format == LECTERN_REPORT_FORMAT_TEXT)
    {
      output = lectern_application_dup_report_text (lectern_application_get_default (), report);
    }
  else
    output = lectern_page_report_to_json (report);

  g_print ("%s\n", output);
  g_task_return_int (task, LECTERN_EXIT_OK);
}

static void
extract_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LecternReportRun *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  self->article = lectern_reader_mode_extract_finish (WEBKIT_WEB_VIEW (object), result, &error);

  /* Not being an article is an answer ("article": null), not a failure. */
  if (self->article == NULL && !g_error_matches (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE))
    /* Translators: %s is an error message */
    g_printerr (_("The page’s article could not be read: %s\n"), error->message);

  print_report (g_steal_pointer (&task));
}

static void
scan_cookies_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  if (!lectern_web_view_scan_cookies_finish (LECTERN_WEB_VIEW (object), result, &error))
    g_printerr (_("The page’s cookies could not be read: %s\n"), error->message);

  cancellable = g_task_get_cancellable (task);
  lectern_reader_mode_extract_async (WEBKIT_WEB_VIEW (object), cancellable, extract_cb, g_steal_pointer (&task));
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

  /* The cookies the page set are only final once it is quiet; read and
   * enforce them once more so the report holds all of them. */
  cancellable = g_task_get_cancellable (task);
  lectern_web_view_scan_cookies_async (lectern_page_run_get_web_view (page_run), cancellable,
                                       scan_cookies_cb, g_steal_pointer (&task));
}

void
lectern_report_run_run_async (LecternReportRun    *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LECTERN_IS_REPORT_RUN (self));
  g_return_if_fail (self->page_run == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_report_run_run_async);

  self->page_run = lectern_page_run_new (self->uri, self->timeout_seconds);
  lectern_page_run_load_async (self->page_run, cancellable, load_cb, g_steal_pointer (&task));
}

/**
 * lectern_report_run_finish:
 *
 * Returns: the exit status of the command line contract
 */
int
lectern_report_run_finish (LecternReportRun *self,
                           GAsyncResult     *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), LECTERN_EXIT_LOAD_FAILED);

  return (int) g_task_propagate_int (G_TASK (result), NULL);
}

static void
lectern_report_run_dispose (GObject *object)
{
  LecternReportRun *self = LECTERN_REPORT_RUN (object);

  g_clear_object (&self->page_run);
  g_clear_pointer (&self->article, lectern_article_free);

  G_OBJECT_CLASS (lectern_report_run_parent_class)->dispose (object);
}

static void
lectern_report_run_finalize (GObject *object)
{
  LecternReportRun *self = LECTERN_REPORT_RUN (object);

  g_free (self->uri);

  G_OBJECT_CLASS (lectern_report_run_parent_class)->finalize (object);
}

static void
lectern_report_run_class_init (LecternReportRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_report_run_dispose;
  object_class->finalize = lectern_report_run_finalize;
}

static void
lectern_report_run_init (LecternReportRun *self)
{
}
