/* bench-tracker-db.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <malloc.h>

#include "lectern-tracker-db.h"

/* Measures what the tracker database costs each process: loading it, and
 * one lookup per request. Prints figures; asserts nothing about speed.
 *
 *   build/tests/bench-tracker-db [ROUNDS]
 *
 * The hosts are a page's worth: subdomains of trackers found through a
 * parent domain, first-party and CDN hosts that miss, and long hosts. */

static const char * const hosts[] = {
  "www.google-analytics.com",
  "securepubads.g.doubleclick.net",
  "connect.facebook.net",
  "static.chartbeat.com",
  "c.amazon-adsystem.com",
  "www.example-news.com",
  "cdnjs.cloudflare.com",
  "fonts.gstatic.com",
  "img.static.assets.www.example-news.com",
  "a.b.c.d.e.f.unknown-tracker.example",
  "xn--bcher-kva.example",
  "localhost",
};

static char *
data_path (const char *name)
{
  const char *dir = g_getenv ("LECTERN_DATA_SRCDIR");

  return g_build_filename (dir != NULL ? dir : "resources/data", name, NULL);
}

static double
bench_lookups (LecternTrackerDb *db,
               guint             rounds,
               guint            *found,
               gssize           *allocated)
{
  struct mallinfo2 before;
  struct mallinfo2 after;
  gint64 start;
  gint64 end;

  *found = 0;
  before = mallinfo2 ();
  start = g_get_monotonic_time ();
  for (guint r = 0; r < rounds; r++)
    for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
      *found += lectern_tracker_db_lookup (db, hosts[i]) != NULL;
  end = g_get_monotonic_time ();
  after = mallinfo2 ();

  *allocated = (gssize)(after.uordblks + after.hblkhd) - (gssize)(before.uordblks + before.hblkhd);

  return (end - start) * 1000.0 / ((double) rounds * G_N_ELEMENTS (hosts));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *trackers = data_path ("adguard-companiesdb-trackers.json");
  g_autofree char *companies = data_path ("adguard-companiesdb-companies.json");
  g_autoptr(LecternTrackerDb) json_db = NULL;
  g_autoptr(LecternTrackerDb) compiled_db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) blob = NULL;
  guint rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 200000;
  gint64 start;
  double json_load_ms;
  double compiled_load_ms;
  guint found;
  gssize allocated;
  double ns;

  if (rounds == 0)
    rounds = 1;

  start = g_get_monotonic_time ();
  json_db = lectern_tracker_db_new_from_files (trackers, companies, &error);
  json_load_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (json_db == NULL)
    {
      g_printerr ("Cannot load the JSON files: %s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  compiled_db = lectern_tracker_db_new_builtin (&error);
  compiled_load_ms = (g_get_monotonic_time () - start) / 1000.0;
  if (compiled_db == NULL)
    {
      g_printerr ("Cannot load the compiled index: %s\n", error->message);
      return 1;
    }

  blob = g_resources_lookup_data ("/org/lectern/Lectern/core/trackers.ltdb", 0, NULL);

  g_print ("tracker database: %u domains\n", lectern_tracker_db_get_size (compiled_db));
  g_print ("  compiled index size      %8zu bytes (JSON files: see resources/data)\n",
           blob != NULL ? g_bytes_get_size (blob) : 0);
  g_print ("  load, JSON (json-glib)   %8.2f ms\n", json_load_ms);
  g_print ("  load, compiled resource  %8.2f ms\n", compiled_load_ms);

  /* Warm the caches once, as a page's later requests find them. */
  bench_lookups (json_db, 1000, &found, &allocated);
  bench_lookups (compiled_db, 1000, &found, &allocated);

  ns = bench_lookups (json_db, rounds, &found, &allocated);
  g_print ("  lookup, JSON hash table  %8.1f ns  (%u hits, %zd bytes allocated)\n", ns, found, allocated);
  ns = bench_lookups (compiled_db, rounds, &found, &allocated);
  g_print ("  lookup, compiled index   %8.1f ns  (%u hits, %zd bytes allocated)\n", ns, found, allocated);
  g_print ("  (%u lookups each, %zu hosts: hits through parent domains, misses, IDN)\n",
           rounds * (guint) G_N_ELEMENTS (hosts), G_N_ELEMENTS (hosts));

  return 0;
}
