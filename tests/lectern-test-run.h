/* lectern-test-run.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lectern-fixture-web.h"

G_BEGIN_DECLS

/**
 * LecternTestRun:
 * @status: the exit status
 * @out: what it printed on its standard output
 * @err: what it printed on its standard error
 * @elapsed_usec: how long it ran, from its start to its exit
 *
 * One run of the built `lectern`, to its end.
 */
typedef struct
{
  int     status;
  char   *out;
  char   *err;
  gint64  elapsed_usec;
} LecternTestRun;

/**
 * LecternTestRunFixture:
 * @dir: the test's own folder, removed after it
 * @data_dir: a data folder in @dir for `--data-dir`, not created: the
 *   program makes its own
 * @web: the fixture web
 * @proxy: the fixture web's address for `--proxy`
 *
 * What a test of runs of the built `lectern` needs.
 */
typedef struct
{
  char              *dir;
  char              *data_dir;
  LecternFixtureWeb *web;
  char              *proxy;
} LecternTestRunFixture;

void      lectern_test_run_fixture_set_up    (LecternTestRunFixture *fixture,
                                              gconstpointer          user_data);
void      lectern_test_run_fixture_tear_down (LecternTestRunFixture *fixture,
                                              gconstpointer          user_data);
void      lectern_test_run_program           (LecternTestRun        *run,
                                              const char            *home,
                                              const char            *lectern,
                                              const char * const    *args);
void      lectern_test_run_lectern           (LecternTestRun        *run,
                                              const char            *home,
                                              const char * const    *args);
void      lectern_test_run_page              (LecternTestRunFixture *fixture,
                                              LecternTestRun        *run,
                                              const char            *mode,
                                              const char            *timeout,
                                              const char            *url);
void      lectern_test_run_clear             (LecternTestRun        *run);
JsonNode *lectern_test_run_parse_json        (const LecternTestRun  *run) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LecternTestRun, lectern_test_run_clear)

G_END_DECLS
