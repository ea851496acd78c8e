/* lectern-command-line.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-command-line.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

#include "lectern-category.h"
#include "lectern-site-store.h"
#include "lectern-uri.h"

#define DEFAULT_TIMEOUT_SECONDS 60

/* GApplication gives option callbacks of its main group no user data;
 * there is one command line per process. */
static LecternCommandLine *parsing;

/* What --report and --receipt print; the first is the default. */
static const char * const report_formats[] = { "json", "text", NULL };
static const char * const receipt_formats[] = { "json", "html", NULL };

static gboolean
report_option_cb (const char  *option_name,
                  const char  *value,
                  gpointer     user_data,
                  GError     **error)
{
  LecternCommandLine *self = parsing;

  self->report_requested = TRUE;
  g_free (self->report_format_name);
  self->report_format_name = g_strdup (value ? value : report_formats[0]);

  return TRUE;
}

/* --receipt[=json|html]: the page is loaded as for --report, and its
 * consent receipt printed instead. */
static gboolean
receipt_option_cb (const char  *option_name,
                   const char  *value,
                   gpointer     user_data,
                   GError     **error)
{
  LecternCommandLine *self = parsing;

  self->receipt_requested = TRUE;
  g_free (self->receipt_format_name);
  self->receipt_format_name = g_strdup (value ? value : receipt_formats[0]);

  return TRUE;
}

LecternCommandLine *
lectern_command_line_new (void)
{
  LecternCommandLine *self = g_new0 (LecternCommandLine, 1);

  /* The time-out counts from here, the start of the process, so that a
   * run ends within it whatever starting up took. */
  self->started = g_get_monotonic_time ();
  self->timeout = DEFAULT_TIMEOUT_SECONDS;

  return self;
}

void
lectern_command_line_free (LecternCommandLine *self)
{
  if (self == NULL)
    return;

  g_free (self->data_dir);
  g_free (self->proxy);
  g_free (self->uri);
  g_free (self->report_format_name);
  g_free (self->receipt_format_name);
  g_free (self->screenshot);
  g_strfreev (self->arguments);
  g_free (self);
}

/**
 * lectern_command_line_add_options:
 *
 * Adds the options of the command line contract to @application's main
 * group, so `--help` lists them, parsed straight into @self.
 */
void
lectern_command_line_add_options (LecternCommandLine *self,
                                  GApplication       *application)
{
  const GOptionEntry entries[] = {
    { "report", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, report_option_cb,
      N_("Load the page without a window and print its report (json or text)"), "json|text" },
    { "receipt", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, receipt_option_cb,
      N_("Load the page without a window and print its consent receipt (json or html)"), "json|html" },
    { "article", 0, 0, G_OPTION_ARG_NONE, &self->article_requested,
      N_("Load the page without a window and print its article as plain text"), NULL },
    { "consent", 0, 0, G_OPTION_ARG_NONE, &self->consent_requested,
      N_("Set and keep a site’s choices (SITE CATEGORY=on|off…) and print them"), NULL },
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &self->data_dir,
      N_("Keep site choices, cookies and caches in DIR"), N_("DIR") },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &self->proxy,
      N_("Send every http and https request through this proxy"), N_("URL") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &self->timeout,
      N_("Give up on a page after this many seconds"), N_("SECS") },
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, &self->screenshot,
      N_("Open the window, save a PNG of it once the page is quiet, print the report and quit"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &self->arguments, NULL, N_("[URL]") },
    { NULL }
  };

  parsing = self;
  g_application_add_main_option_entries (application, entries);
}

/**
 * lectern_command_line_get_deadline:
 *
 * Returns: the monotonic time (g_get_monotonic_time()) by which a run
 *   without a window ends: the time-out, counted from the start
 */
gint64
lectern_command_line_get_deadline (LecternCommandLine *self)
{
  return self->started + (gint64) self->timeout * G_USEC_PER_SEC;
}

/* The screenshot is written once the page is quiet: a folder that is not
 * there is said at once, not after the page has loaded. */
static gboolean
check_screenshot (LecternCommandLine  *self,
                  GError             **error)
{
  g_autofree char *folder = NULL;

  if (self->screenshot == NULL)
    return TRUE;

  if (self->screenshot[0] == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--screenshot needs the name of a file"));
      return FALSE;
    }

  folder = g_path_get_dirname (self->screenshot);
  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      /* Translators: the first %s is a file name, the second a folder */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Cannot save the screenshot as %s: there is no folder %s"), self->screenshot, folder);
      return FALSE;
    }

  return TRUE;
}

/* Options that cannot go together, and values that make no sense. */
static gboolean
check_options (LecternCommandLine  *self,
               GError             **error)
{
  if (self->screenshot != NULL &&
      (self->report_requested || self->receipt_requested || self->consent_requested || self->article_requested))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--screenshot opens a window: it cannot be used with --report, --receipt, --article or --consent"));
      return FALSE;
    }

  if ((self->report_requested ? 1 : 0) + (self->receipt_requested ? 1 : 0) +
      (self->consent_requested ? 1 : 0) + (self->article_requested ? 1 : 0) > 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--report, --receipt, --article and --consent cannot be used together"));
      return FALSE;
    }

  if (self->timeout <= 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--timeout needs a number of seconds above zero"));
      return FALSE;
    }

  /* An empty name would be the current folder. */
  if (self->data_dir != NULL && self->data_dir[0] == '\0')
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--data-dir needs the name of a folder"));
      return FALSE;
    }

  return check_screenshot (self, error);
}

static gboolean
check_proxy (LecternCommandLine  *self,
             GError             **error)
{
  g_autoptr(GUri) proxy = NULL;

  if (self->proxy == NULL)
    return TRUE;

  /* "http://" parses, with an empty host, which WebKit then refuses. */
  proxy = g_uri_parse (self->proxy, G_URI_FLAGS_NONE, NULL);
  if (proxy != NULL && g_uri_get_host (proxy) != NULL && g_uri_get_host (proxy)[0] != '\0' &&
      (g_str_equal (g_uri_get_scheme (proxy), "http") ||
       g_str_equal (g_uri_get_scheme (proxy), "https") ||
       g_str_has_prefix (g_uri_get_scheme (proxy), "socks")))
    return TRUE;

  /* Translators: %s is what was given to --proxy */
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a proxy address (try http://host:port)"), self->proxy);
  return FALSE;
}

static void
resolve_data_dir (LecternCommandLine *self)
{
  g_autofree char *relative = NULL;

  if (self->data_dir == NULL)
    {
      self->data_dir = g_build_filename (g_get_user_data_dir (), "lectern", NULL);
      return;
    }

  relative = g_steal_pointer (&self->data_dir);
  self->data_dir = g_canonicalize_filename (relative, NULL);
}

/* GLib gives an option whose value is optional the argument after it as
 * its value, unless that starts with "-": in `--report URL` the URL is
 * taken for the format. A value that is no format, with no other argument
 * left to be the URL, is the URL; beside another argument, it stays a
 * format and is refused as one. */
static void
take_back_url (LecternCommandLine  *self,
               char               **format_name,
               const char * const  *formats)
{
  if (*format_name == NULL || g_strv_contains (formats, *format_name) ||
      (self->arguments != NULL && self->arguments[0] != NULL))
    return;

  g_strfreev (self->arguments);
  self->arguments = g_new0 (char *, 2);
  self->arguments[0] = g_steal_pointer (format_name);
  *format_name = g_strdup (formats[0]);
}

/* --report and --receipt are the same run; only what is printed differs. */
static gboolean
choose_report_format (LecternCommandLine  *self,
                      GError             **error)
{
  if (self->report_requested && g_str_equal (self->report_format_name, "json"))
    self->format = LECTERN_REPORT_FORMAT_JSON;
  else if (self->report_requested && g_str_equal (self->report_format_name, "text"))
    self->format = LECTERN_REPORT_FORMAT_TEXT;
  else if (self->report_requested)
    {
      /* Translators: %s is the format given to --report */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown report format “%s”: use json or text"), self->report_format_name);
      return FALSE;
    }
  else if (g_str_equal (self->receipt_format_name, "json"))
    self->format = LECTERN_REPORT_FORMAT_RECEIPT_JSON;
  else if (g_str_equal (self->receipt_format_name, "html"))
    self->format = LECTERN_REPORT_FORMAT_RECEIPT_HTML;
  else
    {
      /* Translators: %s is the format given to --receipt */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown receipt format “%s”: use json or html"), self->receipt_format_name);
      return FALSE;
    }

  return TRUE;
}

/* Which command the options ask for, and whether it has the arguments it
 * needs. */
static gboolean
choose_command (LecternCommandLine  *self,
                guint                n_args,
                GError             **error)
{
  const char *wrong_args = NULL;

  if (self->consent_requested)
    {
      self->command = LECTERN_COMMAND_CONSENT;
      if (n_args < 2)
        wrong_args = _("--consent needs a site and at least one CATEGORY=on|off");
    }
  else if (self->report_requested || self->receipt_requested)
    {
      self->command = LECTERN_COMMAND_REPORT;
      if (!choose_report_format (self, error))
        return FALSE;
      if (n_args != 1)
        wrong_args = self->report_requested ? _("--report needs exactly one URL")
                                            : _("--receipt needs exactly one URL");
    }
  else if (self->article_requested)
    {
      self->command = LECTERN_COMMAND_ARTICLE;
      if (n_args != 1)
        wrong_args = _("--article needs exactly one URL");
    }
  else
    {
      self->command = LECTERN_COMMAND_WINDOW;
      if (n_args > 1)
        wrong_args = _("Lectern opens one URL at a time");
    }

  if (wrong_args != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, wrong_args);
      return FALSE;
    }

  return TRUE;
}

/**
 * lectern_command_line_validate:
 *
 * Checks the arguments as a whole and works out the command. Every
 * refusal says what was wrong, and leads to exit status 1.
 */
gboolean
lectern_command_line_validate (LecternCommandLine  *self,
                               GError             **error)
{
  guint n_args;

  if (self->report_requested)
    take_back_url (self, &self->report_format_name, report_formats);
  if (self->receipt_requested)
    take_back_url (self, &self->receipt_format_name, receipt_formats);
  n_args = self->arguments ? g_strv_length (self->arguments) : 0;

  if (!check_options (self, error) || !check_proxy (self, error))
    return FALSE;

  resolve_data_dir (self);

  if (!choose_command (self, n_args, error))
    return FALSE;

  /* The site of --consent is checked when its choices are set. */
  if (self->command != LECTERN_COMMAND_CONSENT && n_args == 1)
    {
      self->uri = lectern_uri_normalize (self->arguments[0], error);

      if (self->uri == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_choice (const char          *argument,
              LecternSiteChoices  *choices,
              GError             **error)
{
  g_auto(GStrv) parts = g_strsplit (argument, "=", 2);
  LecternCategory category;
  gboolean on;

  if (g_strv_length (parts) != 2)
    {
      /* Translators: %s is a command line argument */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not CATEGORY=on|off"), argument);
      return FALSE;
    }

  if (g_ascii_strcasecmp (parts[1], "on") == 0)
    on = TRUE;
  else if (g_ascii_strcasecmp (parts[1], "off") == 0)
    on = FALSE;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not CATEGORY=on|off"), argument);
      return FALSE;
    }

  if (g_str_equal (parts[0], "trusted"))
    {
      lectern_site_choices_set_trusted (choices, on);
      return TRUE;
    }

  if (g_str_equal (parts[0], "leave-banner"))
    {
      lectern_site_choices_set_leave_banner (choices, on);
      return TRUE;
    }

  if (!lectern_category_from_id (parts[0], &category) || category == LECTERN_CATEGORY_UNKNOWN)
    {
      /* Translators: %s is a category name given on the command line */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown category “%s”: use necessary, functional, performance, "
                     "targeting, social, sale, trusted or leave-banner"), parts[0]);
      return FALSE;
    }

  if (category == LECTERN_CATEGORY_NECESSARY && !on)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("Strictly necessary cookies cannot be turned off"));
      return FALSE;
    }

  lectern_site_choices_set_allowed (choices, category, on);

  return TRUE;
}

/* Applies the arguments after the site, checked already, to the choices
 * as stored when the write lock was taken. */
static void
apply_arguments (LecternSiteChoices *choices,
                 gpointer            user_data)
{
  char **arguments = user_data;

  for (guint i = 0; arguments[i] != NULL; i++)
    parse_choice (arguments[i], choices, NULL);
}

/**
 * lectern_command_line_run_consent:
 *
 * `--consent SITE CAT=on|off…`: needs no display, so it runs before the
 * application starts up. Nothing is saved unless every argument is valid.
 * The choices are read and written in one transaction, so that another
 * process changing the same site at the same time loses nothing.
 *
 * Returns: the exit status: 1 also when the choices cannot be stored
 */
int
lectern_command_line_run_consent (LecternCommandLine       *self,
                                  const LecternSiteChoices *defaults)
{
  g_autoptr(LecternSiteStore) store = NULL;
  g_autoptr(LecternSiteChoices) checked = NULL;
  g_autoptr(LecternSiteChoices) choices = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *site = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *text = NULL;

  site = lectern_uri_dup_site (self->arguments[0], &error);

  if (site == NULL)
    {
      g_printerr ("%s\n", error->message);
      return LECTERN_EXIT_BAD_ARGS;
    }

  /* Every argument is checked before anything is stored. */
  checked = lectern_site_choices_new (site);
  for (guint i = 1; self->arguments[i] != NULL; i++)
    {
      if (!parse_choice (self->arguments[i], checked, &error))
        {
          g_printerr ("%s\n", error->message);
          return LECTERN_EXIT_BAD_ARGS;
        }
    }

  db_path = g_build_filename (self->data_dir, "sites.db", NULL);
  store = lectern_site_store_open (db_path, &error);

  if (store == NULL)
    {
      /* Translators: %s is an error message */
      g_printerr (_("Cannot open the site choices: %s\n"), error->message);
      return LECTERN_EXIT_BAD_ARGS;
    }

  if (lectern_site_store_get_recovery_message (store) != NULL)
    g_printerr ("%s\n", lectern_site_store_get_recovery_message (store));

  /* A site with no choices yet starts from the reader's defaults. */
  if (defaults != NULL)
    lectern_site_store_set_defaults (store, defaults);

  if (!lectern_site_store_edit_choices (store, site, apply_arguments, self->arguments + 1, &choices, &error))
    {
      /* Translators: %s is an error message */
      g_printerr (_("Cannot save the site choices: %s\n"), error->message);
      return LECTERN_EXIT_BAD_ARGS;
    }

  text = lectern_site_choices_to_string (choices);
  g_print ("%s", text);

  return LECTERN_EXIT_OK;
}
