/* lectern-application.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-application-private.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "lectern-screenshot-run.h"
#include "lectern-settings.h"
#include "lectern-uri.h"
#include "lectern-window.h"

/**
 * LecternApplication:
 *
 * Reads the command line, opens the profile it names and hands each
 * invocation to what does it: a window, a run without one, or the
 * `--consent` command, which needs no profile of its own.
 */

G_DEFINE_FINAL_TYPE (LecternApplication, lectern_application, ADW_TYPE_APPLICATION)

LecternApplication *
lectern_application_new (void)
{
  return g_object_new (LECTERN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/org/lectern/Lectern",
                       /* One process per invocation: --report and --consent
                        * runs must never hand their work to a window that is
                        * already open, and need no session bus. */
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

int
lectern_application_run (LecternApplication  *self,
                         int                  argc,
                         char               **argv)
{
  int status;

  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), 1);

  status = g_application_run (G_APPLICATION (self), argc, argv);

  /* GApplication reports 0 once the main loop has run; the page report's
   * own status is the one the command line contract promises. */
  return status != 0 ? status : self->exit_status;
}

/**
 * lectern_application_get_profile:
 * @self: a #LecternApplication
 *
 * Returns: (transfer none) (nullable): the profile of this process, once
 *   it has started
 */
LecternProfile *
lectern_application_get_profile (LecternApplication *self)
{
  g_return_val_if_fail (LECTERN_IS_APPLICATION (self), NULL);

  return self->profile;
}

/* A plain `lectern [URL]` joins the Lectern already running: the address
 * opens there, in a new window. Returns whether it did. */
static gboolean
open_in_running_instance (LecternApplication  *self,
                          GError             **error)
{
  GApplication *application = G_APPLICATION (self);

  g_application_set_flags (application, G_APPLICATION_HANDLES_OPEN);

  if (!g_application_register (application, NULL, error))
    return FALSE;

  if (!g_application_get_is_remote (application))
    return FALSE;

  if (self->command_line->uri != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (self->command_line->uri);

      g_application_open (application, &file, 1, "");
    }
  else
    g_application_activate (application);

  return TRUE;
}

/* The profile's folder must exist and take files: what cannot be written
 * there is refused now, naming the folder, rather than failing file by
 * file later. */
static gboolean
check_data_dir (const char  *data_dir,
                GError     **error)
{
  g_autofree char *probe = NULL;
  int saved_errno;
  int fd;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second an error message */
                   _("Cannot create the data folder %s: %s"), data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  probe = g_build_filename (data_dir, ".lectern-write-check-XXXXXX", NULL);
  fd = g_mkstemp_full (probe, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second an error message */
                   _("Cannot write in the data folder %s: %s"), data_dir, g_strerror (saved_errno));
      return FALSE;
    }

  close (fd);
  g_unlink (probe);

  return TRUE;
}

static int
lectern_application_handle_local_options (GApplication *application,
                                          GVariantDict *options)
{
  LecternApplication *self = LECTERN_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  gboolean own_instance = self->command_line->data_dir != NULL || self->command_line->proxy != NULL ||
                          self->command_line->screenshot != NULL;

  /* An empty name would become the current folder once made absolute. */
  if (self->command_line->data_dir != NULL && self->command_line->data_dir[0] == '\0')
    {
      g_printerr ("%s\n", _("--data-dir needs a folder: “” names none"));
      return LECTERN_EXIT_BAD_ARGS;
    }

  if (!lectern_command_line_validate (self->command_line, &error))
    {
      g_printerr ("%s\n", error->message);
      return LECTERN_EXIT_BAD_ARGS;
    }

  if (!check_data_dir (self->command_line->data_dir, &error))
    {
      g_printerr ("%s\n", error->message);
      return LECTERN_EXIT_BAD_ARGS;
    }

  if (self->command_line->command == LECTERN_COMMAND_CONSENT)
    {
      g_autoptr(LecternSiteChoices) defaults = lectern_settings_dup_default_choices (self->settings);

      return lectern_command_line_run_consent (self->command_line, defaults);
    }

  /* Every run but a plain window (--report, --article, --screenshot,
   * another profile or proxy) stays a process of its own, which never
   * hands its work to a window it does not control. */
  if (self->command_line->command == LECTERN_COMMAND_WINDOW && !own_instance)
    {
      if (open_in_running_instance (self, &error))
        return LECTERN_EXIT_OK;

      if (error != NULL)
        {
          g_printerr ("%s\n", error->message);
          return LECTERN_EXIT_LOAD_FAILED;
        }
    }

  return -1;
}

static void
lectern_application_startup (GApplication *application)
{
  LecternApplication *self = LECTERN_APPLICATION (application);

  G_APPLICATION_CLASS (lectern_application_parent_class)->startup (application);

  lectern_application_actions_init (self);

  self->profile = lectern_profile_new (self->command_line->data_dir, self->command_line->proxy, self->settings);
}

static void
headless_run_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LecternApplication) self = user_data;

  self->exit_status = lectern_headless_run_finish (LECTERN_HEADLESS_RUN (object), result);
  g_clear_object (&self->headless_run);
  g_application_release (G_APPLICATION (self));
}

static void
screenshot_run_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(LecternApplication) self = user_data;

  self->exit_status = lectern_screenshot_run_finish (LECTERN_WINDOW (object), result);
  g_application_release (G_APPLICATION (self));
}

static void
run_headless (LecternApplication *self)
{
  if (self->headless_run != NULL)
    return;

  g_application_hold (G_APPLICATION (self));
  self->headless_run = lectern_headless_run_new (self->profile,
                                                 self->command_line->command,
                                                 self->command_line->format,
                                                 self->command_line->uri,
                                                 self->command_line->timeout,
                                                 lectern_command_line_get_deadline (self->command_line));
  lectern_headless_run_run_async (self->headless_run, NULL, headless_run_done_cb, g_object_ref (self));
}

static void
lectern_application_activate (GApplication *application)
{
  LecternApplication *self = LECTERN_APPLICATION (application);
  LecternWindow *window;

  if (self->command_line->command == LECTERN_COMMAND_REPORT ||
      self->command_line->command == LECTERN_COMMAND_ARTICLE)
    {
      run_headless (self);
      return;
    }

  window = lectern_window_new (GTK_APPLICATION (self), self->profile);

  /* A screenshot run shows the demo article, whatever was read before. */
  if (self->command_line->uri != NULL)
    lectern_window_load_uri (window, self->command_line->uri);
  else if (self->command_line->screenshot != NULL)
    lectern_window_load_demo (window);
  else
    lectern_window_load_start_page (window);

  /* Only the first activation opens the given URL. */
  g_clear_pointer (&self->command_line->uri, g_free);

  gtk_window_present (GTK_WINDOW (window));

  if (self->command_line->screenshot != NULL)
    {
      g_application_hold (application);
      lectern_screenshot_run_async (window, self->command_line->screenshot, self->command_line->timeout,
                                    screenshot_run_done_cb, g_object_ref (self));
    }
}

static void
lectern_application_open (GApplication  *application,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  LecternApplication *self = LECTERN_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;
      LecternWindow *window;

      /* Sent by another process: checked like anything typed. */
      normalized = lectern_uri_normalize (uri, &error);
      if (normalized == NULL)
        {
          g_printerr ("%s\n", error->message);
          continue;
        }

      window = lectern_window_new (GTK_APPLICATION (self), self->profile);
      lectern_window_load_uri (window, normalized);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
lectern_application_dispose (GObject *object)
{
  LecternApplication *self = LECTERN_APPLICATION (object);

  g_clear_object (&self->headless_run);
  g_clear_object (&self->profile);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lectern_application_parent_class)->dispose (object);
}

static void
lectern_application_finalize (GObject *object)
{
  LecternApplication *self = LECTERN_APPLICATION (object);

  g_clear_pointer (&self->command_line, lectern_command_line_free);

  G_OBJECT_CLASS (lectern_application_parent_class)->finalize (object);
}

static void
lectern_application_class_init (LecternApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lectern_application_dispose;
  object_class->finalize = lectern_application_finalize;

  app_class->handle_local_options = lectern_application_handle_local_options;
  app_class->startup = lectern_application_startup;
  app_class->activate = lectern_application_activate;
  app_class->open = lectern_application_open;
}

static void
lectern_application_init (LecternApplication *self)
{
  self->command_line = lectern_command_line_new ();
  self->settings = lectern_settings_new ();

  lectern_command_line_add_options (self->command_line, G_APPLICATION (self));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read articles without being tracked."));
}
