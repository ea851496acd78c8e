/* lectern-test-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-test-run.h"

#include <gio/gio.h>
#include <string.h>

#include "lectern-test-utils.h"

/* Longer than any --timeout the tests give: a run still going after this
 * has hung, and is killed so that the failure is reported. */
#define WATCHDOG_SECONDS 100

/**
 * lectern_test_run_fixture_set_up:
 *
 * Makes the test's folder and starts the fixture web.
 */
void
lectern_test_run_fixture_set_up (LecternTestRunFixture *fixture,
                                 gconstpointer          user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = lectern_test_dup_tmp_dir ("lectern-run");
  fixture->data_dir = g_build_filename (fixture->dir, "data", NULL);
  fixture->web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  fixture->proxy = lectern_fixture_web_dup_proxy_uri (fixture->web);
}

void
lectern_test_run_fixture_tear_down (LecternTestRunFixture *fixture,
                                    gconstpointer          user_data)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&fixture->web, lectern_fixture_web_free);
  lectern_test_rm_rf (fixture->dir, &error);
  g_assert_no_error (error);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->data_dir, g_free);
  g_clear_pointer (&fixture->proxy, g_free);
}

typedef struct
{
  gboolean      done;
  gboolean      hung;
  GSubprocess  *process;
  char         *out;
  char         *err;
  GError       *error;
} Wait;

static void
communicate_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result,
                                        &wait->out, &wait->err, &wait->error);
  wait->done = TRUE;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  Wait *wait = user_data;

  wait->hung = TRUE;
  g_subprocess_force_exit (wait->process);

  return G_SOURCE_REMOVE;
}

/* The command as the log shows it: a very long argument is cut, as a log
 * line of TAP output must not be. */
static char *
dup_command_line (const char * const *argv)
{
  GString *command = g_string_new (NULL);

  for (guint i = 0; argv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (command, ' ');
      if (strlen (argv[i]) > 200)
        g_string_append_printf (command, "%.40s… (%zu characters)", argv[i], strlen (argv[i]));
      else
        g_string_append (command, argv[i]);
    }

  return g_string_free (command, FALSE);
}

/**
 * lectern_test_run_program:
 * @run: where the run's status and output go
 * @home: a folder of the test's own, where the run's XDG homes are made
 * @lectern: the program to run: the built `lectern`, or a copy of it
 * @args: the arguments after the program's name
 *
 * Runs `LECTERN ARGS…` the way users and scripts do, to its
 * end, and keeps its exit status and output. Whatever the program keeps
 * outside its data folder (WebKit's caches, fontconfig's) stays in @home.
 * A run that hangs or dies of a signal fails the test.
 *
 * A private main context keeps the wait apart from any other; a fixture
 * web answering from its own thread goes on answering meanwhile.
 */
void
lectern_test_run_program (LecternTestRun     *run,
                          const char         *home,
                          const char         *lectern,
                          const char * const *args)
{
  static const char * const xdg_homes[] = {
    "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME",
  };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GSource) watchdog = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *command = NULL;
  Wait waiting = { 0 };
  gint64 start;

  memset (run, 0, sizeof *run);

  if (!g_file_test (lectern, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s is not built; build the project before running this test", lectern);

  g_ptr_array_add (argv, g_strdup (lectern));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  command = dup_command_line ((const char * const *) argv->pdata);
  g_test_message ("Running %s", command);

  g_main_context_push_thread_default (context);

  start = g_get_monotonic_time ();
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_homes); i++)
    {
      g_autofree char *xdg_home = g_build_filename (home, xdg_homes[i], NULL);

      g_subprocess_launcher_setenv (launcher, xdg_homes[i], xdg_home, TRUE);
    }

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  waiting.process = process;
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, &waiting);

  watchdog = g_timeout_source_new_seconds (WATCHDOG_SECONDS);
  g_source_set_callback (watchdog, watchdog_cb, &waiting, NULL);
  g_source_attach (watchdog, context);

  while (!waiting.done)
    g_main_context_iteration (context, TRUE);

  /* communicate returns at the end of output: wait for the exit itself. */
  g_subprocess_wait (process, NULL, NULL);

  g_source_destroy (watchdog);
  g_main_context_pop_thread_default (context);

  run->elapsed_usec = g_get_monotonic_time () - start;
  run->out = waiting.out != NULL ? waiting.out : g_strdup ("");
  run->err = waiting.err != NULL ? waiting.err : g_strdup ("");

  if (waiting.error != NULL)
    g_error ("Reading the output of %s failed: %s", command, waiting.error->message);
  if (waiting.hung)
    g_error ("%s did not finish in %d seconds; it printed:\n%s", command, WATCHDOG_SECONDS, run->err);
  if (!g_subprocess_get_if_exited (process))
    g_error ("%s did not exit normally (signal %d); it printed:\n%s",
             command, g_subprocess_get_term_sig (process), run->err);

  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("Exit status %d after %.1f s; stderr:\n%s",
                  run->status, run->elapsed_usec / (double) G_USEC_PER_SEC, run->err);
}

/**
 * lectern_test_run_lectern:
 * @run: where the run's status and output go
 * @home: a folder of the test's own, where the run's XDG homes are made
 * @args: the arguments after the program's name
 *
 * Runs the built `lectern ARGS…`, as lectern_test_run_program() does.
 */
void
lectern_test_run_lectern (LecternTestRun     *run,
                          const char         *home,
                          const char * const *args)
{
  g_autofree char *lectern = lectern_test_dup_lectern_path ();

  lectern_test_run_program (run, home, lectern, args);
}

void
lectern_test_run_clear (LecternTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * lectern_test_run_parse_json:
 * @run: a run that printed a JSON object
 *
 * Fails the test unless @run printed one JSON object.
 *
 * Returns: (transfer full): the object's node
 */
JsonNode *
lectern_test_run_parse_json (const LecternTestRun *run)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, run->out, -1, &error))
    g_error ("The output is not JSON (%s):\n%.2000s", error->message, run->out);

  root = json_parser_steal_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return root;
}

/**
 * lectern_test_run_page:
 * @fixture: the test's folder and fixture web
 * @run: where the run's status and output go
 * @mode: what to do with the page: `--report`, `--article`…
 * @timeout: the run's `--timeout`
 * @url: the page
 *
 * Runs `lectern MODE URL` on the fixture web, with the fixture's data
 * folder.
 */
void
lectern_test_run_page (LecternTestRunFixture *fixture,
                       LecternTestRun        *run,
                       const char            *mode,
                       const char            *timeout,
                       const char            *url)
{
  const char *args[] = {
    "--data-dir", fixture->data_dir,
    "--proxy", fixture->proxy,
    "--timeout", timeout,
    mode,
    url,
    NULL,
  };

  lectern_test_run_lectern (run, fixture->dir, args);
}
