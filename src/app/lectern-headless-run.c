/* lectern-headless-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-headless-run.h"

#include <glib/gi18n.h>

#include "lectern-consent-receipt.h"
#include "lectern-page-run.h"
#include "lectern-reader-mode.h"

/**
 * LecternHeadlessRun:
 *
 * The command line's runs without a window, one page each, with one of
 * two outputs:
 *
 * - `lectern --report URL` (and `--receipt`): loads the page until it is
 *   quiet (#LecternPageRun), reads and enforces the site's cookies once
 *   more, asks reader mode whether the page is an article, then prints
 *   the report (or the consent receipt);
 * - `lectern --article URL`: loads the page the same way, extracts the
 *   article as reader mode does and prints it as plain text (title,
 *   byline, a blank line, then the paragraphs separated by blank lines).
 *
 * The run ends by its deadline whatever the page does: every step waits
 * on the page's web process, which a page's script can keep busy for
 * ever, so at the deadline the run stops the page's web process and
 * prints what it has, a report marked incomplete (or, for an article or
 * a receipt, only why there is none).
 *
 * The run's result is the command line contract's exit status.
 */

struct _LecternHeadlessRun
{
  GObject              parent_instance;

  /* Owned */
  LecternProfile      *profile;
  char                *uri;
  LecternPageRun      *page_run;
  LecternArticle      *article;
  GTask               *task;
  GCancellable        *cancellable;
  LecternCommand       command;
  LecternReportFormat  format;
  int                  timeout_seconds;
  gint64               deadline;
  guint                deadline_source;
  gboolean             loaded;
};

G_DEFINE_FINAL_TYPE (LecternHeadlessRun, lectern_headless_run, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * lectern_headless_run_new:
 * @profile: the profile to load the page in
 * @command: %LECTERN_COMMAND_REPORT or %LECTERN_COMMAND_ARTICLE
 * @format: with %LECTERN_COMMAND_REPORT, what to print
 * @uri: (nullable): the page; %NULL for the bundled demo article
 * @timeout_seconds: the time-out the run was given, for its messages
 * @deadline: the monotonic time (g_get_monotonic_time()) by which the
 *   run ends, loaded or not
 */
LecternHeadlessRun *
lectern_headless_run_new (LecternProfile      *profile,
                          LecternCommand       command,
                          LecternReportFormat  format,
                          const char          *uri,
                          int                  timeout_seconds,
                          gint64               deadline)
{
  LecternHeadlessRun *self;

  g_return_val_if_fail (LECTERN_IS_PROFILE (profile), NULL);
  g_return_val_if_fail (command == LECTERN_COMMAND_REPORT || command == LECTERN_COMMAND_ARTICLE, NULL);

  self = g_object_new (LECTERN_TYPE_HEADLESS_RUN,
                       "profile", profile,
                       NULL);
  self->command = command;
  self->format = format;
  self->uri = g_strdup (uri);
  self->timeout_seconds = timeout_seconds;
  self->deadline = deadline;

  return self;
}

static const char *
get_uri (LecternHeadlessRun *self)
{
  return self->uri != NULL ? self->uri : LECTERN_DEMO_URI;
}

static void
finish (LecternHeadlessRun *self,
        int                 status)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_assert (task != NULL);

  g_clear_handle_id (&self->deadline_source, g_source_remove);
  g_task_return_int (task, status);
}

static char *
dup_report_output (LecternHeadlessRun *self,
                   LecternPageReport  *report)
{
  g_autoptr(LecternConsentReceipt) receipt = NULL;

  switch (self->format)
    {
    case LECTERN_REPORT_FORMAT_RECEIPT_JSON:
      receipt = lectern_consent_receipt_new_from_report (report, NULL);
      return lectern_consent_receipt_to_json (receipt);

    case LECTERN_REPORT_FORMAT_RECEIPT_HTML:
      receipt = lectern_consent_receipt_new_from_report (report, NULL);
      return lectern_consent_receipt_to_html (receipt);

    case LECTERN_REPORT_FORMAT_TEXT:
      return lectern_profile_dup_report_text (self->profile, report);

    case LECTERN_REPORT_FORMAT_JSON:
    default:
      return lectern_page_report_to_json (report);
    }
}

/* Prints the report of the page in the view; @incomplete, when set, says
 * why it is not the whole of it. */
static void
print_report (LecternHeadlessRun *self,
              const char         *incomplete)
{
  LecternWebView *web_view = lectern_page_run_get_web_view (self->page_run);
  g_autoptr(LecternPageReport) report = NULL;
  g_autofree char *output = NULL;

  report = lectern_page_state_build_report (lectern_web_view_get_page (web_view));

  if (self->article != NULL)
    lectern_page_report_set_article (report,
                                     lectern_article_get_title (self->article),
                                     lectern_article_get_byline (self->article),
                                     lectern_article_get_n_words (self->article),
                                     lectern_article_get_reading_minutes (self->article));
  if (incomplete != NULL)
    lectern_page_report_set_incomplete (report, incomplete);

  output = dup_report_output (self, report);
  g_print ("%s\n", output);
}

static void
print_article (LecternHeadlessRun *self,
               GError             *error)
{
  g_autofree char *text = NULL;

  if (self->article != NULL)
    {
      text = lectern_article_to_text (self->article);
      g_print ("%s", text);
      finish (self, LECTERN_EXIT_OK);
    }
  else if (g_error_matches (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE))
    {
      /* Translators: %s is a URL */
      g_printerr (_("The page %s is not an article: reader mode found no article text in it\n"), get_uri (self));
      finish (self, LECTERN_EXIT_NOT_ARTICLE);
    }
  else
    {
      /* Translators: the first %s is a URL, the second an error message */
      g_printerr (_("The article of %s could not be read: %s\n"), get_uri (self), error->message);
      finish (self, LECTERN_EXIT_LOAD_FAILED);
    }
}

/* Whether the page has something to report: it committed, so its state
 * is the view's page; a load that never did leaves an empty one. */
static gboolean
has_page (LecternHeadlessRun *self)
{
  LecternWebView *web_view = lectern_page_run_get_web_view (self->page_run);

  return lectern_page_state_get_url (lectern_web_view_get_page (web_view)) != NULL;
}

/* The deadline passed: what still waits on the page's web process is
 * given up, and the process stopped, so that a page whose script never
 * lets go of it cannot hold the run. What the page did so far is
 * printed, marked incomplete. */
static void
give_up (LecternHeadlessRun *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autofree char *message = NULL;

  if (!self->loaded)
    /* Translators: %s is a URL, %d a number of seconds */
    message = g_strdup_printf (ngettext ("The page %s did not finish loading within %d second",
                                         "The page %s did not finish loading within %d seconds",
                                         self->timeout_seconds),
                               get_uri (self), self->timeout_seconds);
  else
    /* Translators: %s is a URL, %d a number of seconds; the page's own
     * script kept it busy after it had loaded */
    message = g_strdup_printf (ngettext ("The page %s did not settle within %d second",
                                         "The page %s did not settle within %d seconds",
                                         self->timeout_seconds),
                               get_uri (self), self->timeout_seconds);

  g_printerr ("%s\n", message);

  /* A receipt is a record of the site's consent: one of part of a page
   * would say less than it seems to, so none is printed. The report is
   * made before the web process is stopped, which takes the page's
   * title with it. */
  if (self->command == LECTERN_COMMAND_REPORT &&
      (self->format == LECTERN_REPORT_FORMAT_JSON || self->format == LECTERN_REPORT_FORMAT_TEXT) &&
      has_page (self))
    print_report (self, message);

  /* Stopping the load answers what waits on it at once: the run has
   * ended for them already. */
  g_cancellable_cancel (self->cancellable);
  lectern_page_run_stop (self->page_run);
  webkit_web_view_terminate_web_process (WEBKIT_WEB_VIEW (lectern_page_run_get_web_view (self->page_run)));

  g_task_return_int (task, LECTERN_EXIT_LOAD_FAILED);
}

static void arm_deadline (LecternHeadlessRun *self);

static gboolean
deadline_cb (gpointer user_data)
{
  LecternHeadlessRun *self = user_data;

  self->deadline_source = 0;

  /* A time-out too long for one timer takes several. */
  if (g_get_monotonic_time () < self->deadline)
    arm_deadline (self);
  else
    give_up (self);

  return G_SOURCE_REMOVE;
}

static void
arm_deadline (LecternHeadlessRun *self)
{
  gint64 remaining_ms = MAX (0, (self->deadline - g_get_monotonic_time () + 999) / 1000);

  self->deadline_source = g_timeout_add_full (G_PRIORITY_HIGH, (guint) MIN (remaining_ms, G_MAXUINT),
                                              deadline_cb, self, NULL);
}

static void
extract_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LecternHeadlessRun) self = user_data;
  g_autoptr(GError) error = NULL;
  LecternArticle *article;

  article = lectern_reader_mode_extract_finish (WEBKIT_WEB_VIEW (object), result, &error);

  /* Given up at the deadline: the run has already ended. */
  if (self->task == NULL)
    {
      g_clear_pointer (&article, lectern_article_free);
      return;
    }

  self->article = article;
  lectern_page_run_stop (self->page_run);

  if (self->command == LECTERN_COMMAND_ARTICLE)
    {
      print_article (self, error);
      return;
    }

  /* Not being an article is an answer ("article": null), not a failure. */
  if (self->article == NULL && !g_error_matches (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE))
    /* Translators: %s is an error message */
    g_printerr (_("The page’s article could not be read: %s\n"), error->message);

  print_report (self, NULL);
  finish (self, LECTERN_EXIT_OK);
}

static void
extract_article (LecternHeadlessRun *self)
{
  WebKitWebView *web_view = WEBKIT_WEB_VIEW (lectern_page_run_get_web_view (self->page_run));

  lectern_reader_mode_extract_async (web_view, self->cancellable, extract_cb, g_object_ref (self));
}

static void
scan_cookies_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LecternHeadlessRun) self = user_data;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  /* The page's state has the cookies now: the view follows every scan. */
  records = lectern_cookie_enforcer_scan_finish (LECTERN_COOKIE_ENFORCER (object), result, &error);

  if (self->task == NULL)
    return;

  if (records == NULL)
    /* Translators: %s is an error message */
    g_printerr (_("The page’s cookies could not be read: %s\n"), error->message);

  extract_article (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LecternHeadlessRun) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lectern_page_run_load_finish (self->page_run, result, &error))
    {
      if (self->task == NULL)
        return;

      g_printerr ("%s\n", error->message);
      finish (self, LECTERN_EXIT_LOAD_FAILED);
      return;
    }

  /* Without Lectern's web process extension nothing was blocked, and what
   * the page did was not seen: a report of it would mislead. */
  if (!lectern_page_state_get_protected (lectern_web_view_get_page (lectern_page_run_get_web_view (self->page_run))))
    {
      /* Translators: %s is a URL */
      g_printerr (_("The page %s was not protected: Lectern’s blocking did not load in its web process\n"), get_uri (self));
      finish (self, LECTERN_EXIT_LOAD_FAILED);
      return;
    }

  self->loaded = TRUE;

  if (self->command == LECTERN_COMMAND_ARTICLE)
    {
      extract_article (self);
      return;
    }

  /* The cookies the page set are only final once it is quiet; read and
   * enforce them once more so the report holds all of them. */
  lectern_cookie_enforcer_scan_async (lectern_web_view_get_cookie_enforcer (lectern_page_run_get_web_view (self->page_run)),
                                      self->cancellable, scan_cookies_cb, g_object_ref (self));
}

/**
 * lectern_headless_run_run_async:
 *
 * Loads the page, prints what the run is for and returns its exit status,
 * by the run's deadline. Call it once.
 */
void
lectern_headless_run_run_async (LecternHeadlessRun  *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (LECTERN_IS_HEADLESS_RUN (self));
  g_return_if_fail (self->page_run == NULL);

  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, lectern_headless_run_run_async);

  arm_deadline (self);
  self->page_run = lectern_page_run_new (self->profile, self->uri);
  lectern_page_run_load_async (self->page_run, self->cancellable, load_cb, g_object_ref (self));
}

/**
 * lectern_headless_run_finish:
 *
 * Returns: the exit status of the command line contract
 */
int
lectern_headless_run_finish (LecternHeadlessRun *self,
                             GAsyncResult       *result)
{
  g_return_val_if_fail (g_task_is_valid (result, self), LECTERN_EXIT_LOAD_FAILED);

  return (int) g_task_propagate_int (G_TASK (result), NULL);
}

static void
lectern_headless_run_dispose (GObject *object)
{
  LecternHeadlessRun *self = LECTERN_HEADLESS_RUN (object);

  g_clear_handle_id (&self->deadline_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->task);
  g_clear_object (&self->page_run);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->article, lectern_article_free);

  G_OBJECT_CLASS (lectern_headless_run_parent_class)->dispose (object);
}

static void
lectern_headless_run_finalize (GObject *object)
{
  LecternHeadlessRun *self = LECTERN_HEADLESS_RUN (object);

  g_free (self->uri);

  G_OBJECT_CLASS (lectern_headless_run_parent_class)->finalize (object);
}

static void
lectern_headless_run_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LecternHeadlessRun *self = LECTERN_HEADLESS_RUN (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_headless_run_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LecternHeadlessRun *self = LECTERN_HEADLESS_RUN (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_headless_run_class_init (LecternHeadlessRunClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lectern_headless_run_dispose;
  object_class->finalize = lectern_headless_run_finalize;
  object_class->get_property = lectern_headless_run_get_property;
  object_class->set_property = lectern_headless_run_set_property;

  /**
   * LecternHeadlessRun:profile:
   *
   * The profile the page is loaded in.
   */
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         LECTERN_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lectern_headless_run_init (LecternHeadlessRun *self)
{
  self->cancellable = g_cancellable_new ();
}
