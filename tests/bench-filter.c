/* bench-filter.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lectern-filter-cache.h"
#include "lectern-filter-engine.h"
#include "lectern-request.h"

/* Measures the filter engine on filter lists and recorded requests:
 *
 *   bench-filter --lists A.txt:B.txt --requests FILE.jsonl [--json]
 *
 * Request lines are {"frameUrl": …, "url": …, "cpt": …} with Chrome's
 * resource-type names. Each decision is timed on its own, from the raw URL
 * strings (URL parsing, hosts and party included). */


typedef struct
{
  char                 *url;
  char                 *frame_url;
  LecternResourceTypes  type;
} Request;

static void
request_clear (gpointer data)
{
  Request *request = data;

  g_free (request->url);
  g_free (request->frame_url);
}

static gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);

  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static double
ms_since (gint64 start)
{
  return (now_ns () - start) / 1e6;
}

static LecternResourceTypes
type_for_cpt (const char *cpt)
{
  LecternResourceTypes type;

  /* In these recordings "document" is a frame: the top page is not a
   * request of its own page. */
  if (g_strcmp0 (cpt, "document") == 0)
    return LECTERN_RESOURCE_SUBDOCUMENT;
  if (cpt != NULL && lectern_resource_type_from_name (cpt, &type))
    return type;

  return LECTERN_RESOURCE_OTHER;
}

static gboolean
is_web_url (const char *url)
{
  return g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://") ||
         g_str_has_prefix (url, "ws://") || g_str_has_prefix (url, "wss://");
}

static GArray *
read_requests (const char  *path,
               GError     **error)
{
  g_autoptr(GArray) requests = g_array_new (FALSE, FALSE, sizeof (Request));
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_array_set_clear_func (requests, request_clear);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;
      const char *url;
      const char *frame_url;
      Request request;

      if (g_strstrip (lines[i])[0] == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          g_printerr ("%s: line %u is not a JSON object; skipped\n", path, i + 1);
          continue;
        }

      object = json_node_get_object (json_parser_get_root (parser));
      url = json_object_get_string_member_with_default (object, "url", "");
      frame_url = json_object_get_string_member_with_default (object, "frameUrl", "");
      if (!is_web_url (url) || !is_web_url (frame_url))
        continue;

      request.url = g_strdup (url);
      request.frame_url = g_strdup (frame_url);
      request.type = type_for_cpt (json_object_get_string_member_with_default (object, "cpt", "other"));
      g_array_append_val (requests, request);
    }

  return g_steal_pointer (&requests);
}

static gsize
resident_bytes (void)
{
  g_autofree char *statm = NULL;
  unsigned long size = 0;
  unsigned long resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL) ||
      sscanf (statm, "%lu %lu", &size, &resident) != 2)
    return 0;

  return resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* Runs the Node script that measures the peer engines on the same input;
 * NULL with a message when it cannot. */
static JsonObject *
run_peers (const char *script,
           const char *lists,
           const char *requests,
           int         passes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *passes_arg = g_strdup_printf ("%d", passes);
  const char *argv[] = { "node", "--expose-gc", script, "--lists", lists, "--requests", requests,
                         "--passes", passes_arg, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("Peers not measured: %s\n", error->message);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, out, -1, &error) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_printerr ("Peers not measured: the script printed no JSON object\n");
      return NULL;
    }

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static double
peer_number (JsonObject *peer,
             const char *key)
{
  JsonNode *node = json_object_get_member (peer, key);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : 0;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The median of @n samples, which stay as they are. */
static gint64
median_of (const gint64 *samples,
           guint         n)
{
  g_autofree gint64 *sorted = g_memdup2 (samples, (gsize) n * sizeof (gint64));

  qsort (sorted, n, sizeof (gint64), compare_gint64);

  return n > 0 ? sorted[n / 2] : 0;
}

/* A pass over @requests that is not timed, to warm the caches, as a
 * browsing session would be. Returns how many were blocked; with
 * @explain, prints each and its rule. */
static guint
warm_pass (LecternFilterEngine *engine,
           GArray              *requests,
           gboolean             explain)
{
  guint blocked = 0;

  for (guint i = 0; i < requests->len; i++)
    {
      const Request *r = &g_array_index (requests, Request, i);
      LecternRequest request = { r->url, r->frame_url, r->type, FALSE };
      LecternFilterMatch match;

      if (lectern_filter_engine_match (engine, &request, &match))
        {
          blocked++;
          if (explain)
            g_print ("blocked %s (%s, page %s) by %s\n", r->url,
                     lectern_resource_types_to_name (r->type), r->frame_url, match.rule);
        }
    }

  return blocked;
}

/* Times each decision of @n_passes passes over @requests, adding the
 * times to @samples from @n_samples on. */
static void
time_passes (LecternFilterEngine *engine,
             GArray              *requests,
             int                  n_passes,
             gint64              *samples,
             guint               *n_samples,
             gint64              *total)
{
  for (int pass = 0; pass < n_passes; pass++)
    {
      for (guint i = 0; i < requests->len; i++)
        {
          const Request *r = &g_array_index (requests, Request, i);
          LecternRequest request = { r->url, r->frame_url, r->type, FALSE };
          LecternFilterMatch match;
          gint64 start = now_ns ();
          gint64 elapsed;

          lectern_filter_engine_match (engine, &request, &match);
          elapsed = now_ns () - start;
          samples[(*n_samples)++] = elapsed;
          *total += elapsed;
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *lists = NULL;
  g_autofree char *requests_path = NULL;
  g_autofree char *cache_dir = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *key = NULL;
  g_autofree char *summary = NULL;
  g_auto(GStrv) paths = NULL;
  g_autoptr(GArray) requests = NULL;
  g_autoptr(GArray) sources = NULL;
  g_autoptr(LecternFilterEngine) built = NULL;
  g_autoptr(LecternFilterEngine) loaded = NULL;
  g_autofree gint64 *samples = NULL;
  gboolean json = FALSE;
  gboolean explain = FALSE;
  g_autofree char *peers_script = NULL;
  g_autoptr(JsonObject) peers = NULL;
  int passes = 5;
  double build_ms;
  double write_ms;
  double load_ms;
  double verify_ms;
  gsize rss_before;
  gsize rss_after;
  gsize memory;
  gint64 total = 0;
  gint64 timer_ns = 0;
  guint n_samples = 0;
  guint blocked = 0;
  gint64 median_before = -1;
  gint64 median_after = -1;
  GOptionEntry entries[] = {
    { "lists", 0, 0, G_OPTION_ARG_STRING, &lists, "Filter lists, separated by ':'", "A.txt:B.txt" },
    { "requests", 0, 0, G_OPTION_ARG_FILENAME, &requests_path, "Recorded requests, one JSON object a line", "FILE.jsonl" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print one JSON object", NULL },
    { "passes", 0, 0, G_OPTION_ARG_INT, &passes, "Timed passes over the requests (5)", "N" },
    { "peers", 0, 0, G_OPTION_ARG_FILENAME, &peers_script, "Also measure the peer engines with this Node script", "SCRIPT" },
    { "explain", 0, 0, G_OPTION_ARG_NONE, &explain, "Print each blocked request and its rule", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- measure the filter engine");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (lists == NULL || requests_path == NULL || passes < 1)
    {
      g_printerr ("Usage: %s --lists A.txt:B.txt --requests FILE.jsonl [--json]\n", argv[0]);
      return 1;
    }

  paths = g_strsplit (lists, ":", -1);
  sources = g_array_new (FALSE, FALSE, sizeof (LecternFilterSource));
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *base = g_ascii_strdown (paths[i], -1);
      LecternFilterSource source = { paths[i], LECTERN_FILTER_LIST_OTHER };

      if (strstr (base, "easyprivacy") != NULL)
        source.list = LECTERN_FILTER_LIST_EASYPRIVACY;
      else if (strstr (base, "easylist") != NULL)
        source.list = LECTERN_FILTER_LIST_EASYLIST;
      g_array_append_val (sources, source);
    }

  requests = read_requests (requests_path, &error);
  if (requests == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (requests->len == 0)
    {
      g_printerr ("%s holds no usable request\n", requests_path);
      return 1;
    }

  /* Build from text: read, parse, index. */
  {
    gint64 start = now_ns ();

    built = lectern_filter_cache_build ((LecternFilterSource *) (gpointer) sources->data, sources->len, &error);
    build_ms = ms_since (start);
    if (built == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }

  cache_dir = g_dir_make_tmp ("lectern-bench-XXXXXX", &error);
  if (cache_dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  cache_path = g_build_filename (cache_dir, LECTERN_FILTER_CACHE_BASENAME, NULL);
  key = lectern_filter_cache_compute_key ((LecternFilterSource *) (gpointer) sources->data, sources->len);

  {
    gint64 start = now_ns ();

    if (!lectern_filter_cache_write (built, cache_path, key, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    write_ms = ms_since (start);
  }

  summary = lectern_filter_stats_to_string (lectern_filter_engine_get_stats (built));
  g_clear_pointer (&built, lectern_filter_engine_free);

  /* Load as a web process does: map the file, check it. */
  rss_before = resident_bytes ();
  {
    gint64 start = now_ns ();

    loaded = lectern_filter_cache_load (cache_path, key, FALSE, &error);
    load_ms = ms_since (start);
    if (loaded == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }

  /* What the UI process pays once, checking the whole file. */
  {
    g_autoptr(LecternFilterEngine) verified = NULL;
    gint64 start = now_ns ();

    verified = lectern_filter_cache_load (cache_path, key, TRUE, &error);
    verify_ms = ms_since (start);
    if (verified == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }

  /* What reading the clock twice costs, which every sample includes:
   * told apart so that a reader can weigh the figures, never taken off
   * them. */
  {
    gint64 clock_samples[10001];

    for (guint i = 0; i < G_N_ELEMENTS (clock_samples); i++)
      {
        gint64 start = now_ns ();

        clock_samples[i] = now_ns () - start;
      }
    qsort (clock_samples, G_N_ELEMENTS (clock_samples), sizeof (gint64), compare_gint64);
    timer_ns = clock_samples[G_N_ELEMENTS (clock_samples) / 2];
  }

  samples = g_new (gint64, (gsize) requests->len * passes);

  blocked = warm_pass (loaded, requests, explain);

  if (peers_script != NULL)
    {
      /* A shared machine's speed can drift by half from one second to
       * the next, and the peers take seconds where Lectern's passes take
       * milliseconds: half of those run before the peers and half after,
       * so that the figures compared come from the same stretch of time.
       * After the peers, a pass warms the caches again. */
      guint first_half;

      time_passes (loaded, requests, (passes + 1) / 2, samples, &n_samples, &total);
      first_half = n_samples;
      peers = run_peers (peers_script, lists, requests_path, passes);
      if (passes > 1)
        {
          warm_pass (loaded, requests, FALSE);
          time_passes (loaded, requests, passes / 2, samples, &n_samples, &total);
          median_before = median_of (samples, first_half);
          median_after = median_of (samples + first_half, n_samples - first_half);
        }
    }
  else
    {
      time_passes (loaded, requests, passes, samples, &n_samples, &total);
    }
  rss_after = resident_bytes ();
  memory = lectern_filter_engine_get_size (loaded);

  qsort (samples, n_samples, sizeof (gint64), compare_gint64);

  if (json)
    {
      g_print ("{\"build_ms\": %.2f, \"cache_write_ms\": %.2f, \"cache_load_ms\": %.3f, "
               "\"cache_verify_ms\": %.3f, \"median_ns\": %" G_GINT64_FORMAT ", \"p99_ns\": %" G_GINT64_FORMAT ", "
               "\"mean_ns\": %.0f, \"memory_bytes\": %" G_GSIZE_FORMAT ", \"resident_bytes\": %" G_GSIZE_FORMAT ", "
               "\"requests\": %u, \"blocked\": %u, \"timer_ns\": %" G_GINT64_FORMAT,
               build_ms, write_ms, load_ms, verify_ms,
               samples[n_samples / 2], samples[(gsize) n_samples * 99 / 100],
               (double) total / n_samples, memory,
               rss_after > rss_before ? rss_after - rss_before : 0,
               requests->len, blocked, timer_ns);
      if (median_before >= 0)
        g_print (", \"median_ns_before_peers\": %" G_GINT64_FORMAT ", \"median_ns_after_peers\": %" G_GINT64_FORMAT,
                 median_before, median_after);
      if (peers != NULL)
        {
          g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), peers);
          g_autofree char *text = json_to_string (node, FALSE);

          g_print (", \"peers\": %s", text);
        }
      g_print ("}\n");
    }
  else
    {
      g_print ("Lists:            %s\n", summary);
      g_print ("Build from text:  %.1f ms\n", build_ms);
      g_print ("Cache write:      %.1f ms\n", write_ms);
      g_print ("Cache load:       %.3f ms (a web process: header and layout checked)\n", load_ms);
      g_print ("Cache verify:     %.3f ms (the UI process, once: checksum and every record)\n", verify_ms);
      g_print ("Decision:         median %" G_GINT64_FORMAT " ns, p99 %" G_GINT64_FORMAT " ns, "
               "mean %.0f ns (%u requests × %d passes)\n",
               samples[n_samples / 2], samples[(gsize) n_samples * 99 / 100],
               (double) total / n_samples, requests->len, passes);
      g_print ("Clock:            %" G_GINT64_FORMAT " ns median for two reads of it, in every sample above\n",
               timer_ns);
      if (median_before >= 0)
        g_print ("                  median %" G_GINT64_FORMAT " ns in the passes before the peers, %" G_GINT64_FORMAT
                 " ns in those after\n", median_before, median_after);
      g_print ("Engine memory:    %" G_GSIZE_FORMAT " bytes (resident growth %" G_GSIZE_FORMAT " bytes)\n",
               memory, rss_after > rss_before ? rss_after - rss_before : 0);
      g_print ("Blocked:          %u of %u\n", blocked, requests->len);

      if (peers != NULL)
        {
          const char *names[] = { "ghostery", "ubo" };

          g_print ("\n%-10s %10s %10s %10s %10s %10s %10s %12s %8s\n", "engine", "build ms", "write ms",
                   "load ms", "median ns", "p99 ns", "mean ns", "memory", "blocked");
          g_print ("%-10s %10.1f %10.1f %10.3f %10" G_GINT64_FORMAT " %10" G_GINT64_FORMAT " %10.0f %12" G_GSIZE_FORMAT " %8u\n",
                   "lectern", build_ms, write_ms, load_ms, samples[n_samples / 2],
                   samples[(gsize) n_samples * 99 / 100], (double) total / n_samples, memory, blocked);
          for (guint i = 0; i < G_N_ELEMENTS (names); i++)
            {
              JsonObject *peer = json_object_get_object_member (peers, names[i]);

              if (peer == NULL || json_object_has_member (peer, "error"))
                {
                  g_print ("%-10s not measured: %s\n", names[i],
                           peer != NULL ? json_object_get_string_member (peer, "error") : "no result");
                  continue;
                }
              g_print ("%-10s %10.1f %10.1f %10.3f %10.0f %10.0f %10.0f %12.0f %8.0f\n", names[i],
                       peer_number (peer, "build_ms"), peer_number (peer, "cache_write_ms"),
                       peer_number (peer, "cache_load_ms"), peer_number (peer, "median_ns"),
                       peer_number (peer, "p99_ns"), peer_number (peer, "mean_ns"),
                       peer_number (peer, "memory_bytes"), peer_number (peer, "blocked"));
            }
          g_print ("\nRatios (peer ÷ Lectern; above 1 means Lectern is faster or smaller):\n");
          for (guint i = 0; i < G_N_ELEMENTS (names); i++)
            {
              JsonObject *peer = json_object_get_object_member (peers, names[i]);

              if (peer == NULL || json_object_has_member (peer, "error"))
                continue;
              g_print ("  %-8s median %.1f×, p99 %.1f×, mean %.1f×, build %.1f×, load %.1f×, memory %.2f×\n",
                       names[i],
                       peer_number (peer, "median_ns") / MAX (samples[n_samples / 2], 1),
                       peer_number (peer, "p99_ns") / MAX (samples[(gsize) n_samples * 99 / 100], 1),
                       peer_number (peer, "mean_ns") / MAX ((double) total / n_samples, 1),
                       peer_number (peer, "build_ms") / MAX (build_ms, 0.001),
                       peer_number (peer, "cache_load_ms") / MAX (load_ms, 0.001),
                       peer_number (peer, "memory_bytes") / MAX ((double) memory, 1));
            }
        }
    }

  g_unlink (cache_path);
  g_rmdir (cache_dir);

  return 0;
}
