/* lectern-fixture-web.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-fixture-web.h"

#include <libsoup/soup.h>
#include <string.h>

#define SLOW_DELAY_SECONDS 30

struct _LecternFixtureWeb
{
  char         *root;
  char         *proxy_uri;

  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;

  /* Guarded by mutex */
  GMutex        mutex;
  GCond         cond;
  gboolean      started;
  GError       *start_error;
  GPtrArray    *log;

  /* Only touched in the server thread */
  SoupServer   *server;
  GHashTable   *delayed;
};

typedef struct
{
  LecternFixtureWeb *self;
  SoupServerMessage *msg;
  GSource           *source;
} DelayedAnswer;

static const struct
{
  const char *extension;
  const char *content_type;
} content_types[] = {
  { "css", "text/css; charset=utf-8" },
  { "gif", "image/gif" },
  { "htm", "text/html; charset=utf-8" },
  { "html", "text/html; charset=utf-8" },
  { "ico", "image/vnd.microsoft.icon" },
  { "jpeg", "image/jpeg" },
  { "jpg", "image/jpeg" },
  { "js", "application/javascript; charset=utf-8" },
  { "json", "application/json" },
  { "mjs", "application/javascript; charset=utf-8" },
  { "png", "image/png" },
  { "svg", "image/svg+xml" },
  { "ttf", "font/ttf" },
  { "txt", "text/plain; charset=utf-8" },
  { "webp", "image/webp" },
  { "woff", "font/woff" },
  { "woff2", "font/woff2" },
  { "xml", "application/xml" },
};

void
lectern_fixture_request_free (LecternFixtureRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->method);
  g_free (request->url);
  g_free (request->host);
  g_free (request->sec_gpc);
  g_free (request->cookie);
  g_free (request->referer);
  g_free (request->accept);
  g_free (request);
}

static LecternFixtureRequest *
copy_request (const LecternFixtureRequest *request)
{
  LecternFixtureRequest *copy = g_new0 (LecternFixtureRequest, 1);

  copy->method = g_strdup (request->method);
  copy->url = g_strdup (request->url);
  copy->host = g_strdup (request->host);
  copy->sec_gpc = g_strdup (request->sec_gpc);
  copy->cookie = g_strdup (request->cookie);
  copy->referer = g_strdup (request->referer);
  copy->accept = g_strdup (request->accept);
  copy->status = request->status;

  return copy;
}

static void
delayed_answer_free (gpointer data)
{
  DelayedAnswer *answer = data;

  g_signal_handlers_disconnect_by_data (answer->msg, answer);
  g_source_destroy (answer->source);
  g_source_unref (answer->source);
  g_object_unref (answer->msg);
  g_free (answer);
}

static gboolean
delayed_answer_due_cb (gpointer user_data)
{
  DelayedAnswer *answer = user_data;
  g_autoptr(SoupServerMessage) msg = g_object_ref (answer->msg);

  /* Removing the entry destroys this source: that is allowed from its own
   * callback, and the message is kept alive above until it is unpaused. */
  g_hash_table_remove (answer->self->delayed, msg);
  soup_server_message_unpause (msg);

  return G_SOURCE_REMOVE;
}

static void
delayed_answer_gone_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  DelayedAnswer *answer = user_data;

  /* The client went away (a timeout in the program under test): stop
   * holding on to the message for the rest of the delay. */
  g_hash_table_remove (answer->self->delayed, msg);
}

static void
delay_answer (LecternFixtureWeb *self,
              SoupServerMessage *msg)
{
  DelayedAnswer *answer = g_new0 (DelayedAnswer, 1);

  answer->self = self;
  answer->msg = g_object_ref (msg);
  answer->source = g_timeout_source_new_seconds (SLOW_DELAY_SECONDS);
  g_source_set_callback (answer->source, delayed_answer_due_cb, answer, NULL);
  g_source_attach (answer->source, self->context);

  g_signal_connect (msg, "finished", G_CALLBACK (delayed_answer_gone_cb), answer);
  g_signal_connect (msg, "disconnected", G_CALLBACK (delayed_answer_gone_cb), answer);

  g_hash_table_replace (self->delayed, msg, answer);
  soup_server_message_pause (msg);
}

static char *
dup_header (SoupMessageHeaders *headers,
            const char         *name)
{
  return g_strdup (soup_message_headers_get_one (headers, name));
}

static void
log_request (LecternFixtureWeb *self,
             SoupServerMessage *msg,
             const char        *url,
             const char        *host,
             guint              status)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  LecternFixtureRequest *request = g_new0 (LecternFixtureRequest, 1);

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->url = g_strdup (url);
  request->host = g_strdup (host);
  request->sec_gpc = dup_header (headers, "Sec-GPC");
  request->cookie = dup_header (headers, "Cookie");
  request->referer = dup_header (headers, "Referer");
  request->accept = dup_header (headers, "Accept");
  request->status = status;

  g_mutex_lock (&self->mutex);
  g_ptr_array_add (self->log, request);
  g_mutex_unlock (&self->mutex);
}

static const char *
content_type_for_extension (const char *filename)
{
  const char *base = strrchr (filename, '/');
  const char *dot;

  dot = strrchr (base != NULL ? base : filename, '.');
  if (dot == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (content_types); i++)
    {
      if (g_ascii_strcasecmp (dot + 1, content_types[i].extension) == 0)
        return content_types[i].content_type;
    }

  return "application/octet-stream";
}

static char *
dup_content_type (const char *filename)
{
  g_autofree char *sidecar = NULL;
  g_autofree char *contents = NULL;
  const char *known;

  known = content_type_for_extension (filename);
  if (known != NULL)
    return g_strdup (known);

  sidecar = g_strconcat (filename, ".content-type", NULL);
  if (g_file_get_contents (sidecar, &contents, NULL, NULL))
    {
      g_strstrip (contents);
      if (*contents != '\0' && strpbrk (contents, "\r\n") == NULL)
        return g_steal_pointer (&contents);
    }

  return g_strdup ("application/octet-stream");
}

/* A host is used as a folder name: anything that could step out of the
 * root, or that no URL parser would give, is refused. */
static gboolean
host_is_safe (const char *host)
{
  if (host == NULL || *host == '\0' || *host == '.')
    return FALSE;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
        return FALSE;
    }

  return strstr (host, "..") == NULL;
}

static guint
answer_set_cookie (SoupServerMessage *msg,
                   GHashTable        *query)
{
  const char *name = query != NULL ? g_hash_table_lookup (query, "name") : NULL;
  const char *value = query != NULL ? g_hash_table_lookup (query, "value") : NULL;
  const char *max_age = query != NULL ? g_hash_table_lookup (query, "max-age") : NULL;
  const char *path = query != NULL ? g_hash_table_lookup (query, "path") : NULL;
  g_autoptr(GString) header = NULL;
  static const char forbidden[] = " \t\r\n;,\"=";

  if (name == NULL || *name == '\0' || strpbrk (name, forbidden) != NULL ||
      value == NULL || strpbrk (value, forbidden + 1) != NULL ||
      (path != NULL && (*path != '/' || strpbrk (path, forbidden) != NULL)))
    return SOUP_STATUS_BAD_REQUEST;

  if (max_age != NULL)
    {
      guint64 seconds;

      if (!g_ascii_string_to_unsigned (max_age, 10, 0, G_MAXINT32, &seconds, NULL))
        return SOUP_STATUS_BAD_REQUEST;
    }

  header = g_string_new (NULL);
  g_string_append_printf (header, "%s=%s; Path=%s; SameSite=Lax",
                          name, value, path != NULL ? path : "/");
  if (max_age != NULL)
    g_string_append_printf (header, "; Max-Age=%s", max_age);

  soup_message_headers_append (soup_server_message_get_response_headers (msg),
                               "Set-Cookie", header->str);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8",
                                    SOUP_MEMORY_STATIC, "ok\n", 3);

  return SOUP_STATUS_OK;
}

static guint
answer_file (LecternFixtureWeb *self,
             SoupServerMessage *msg,
             const char        *host,
             const char        *path)
{
  g_auto(GStrv) segments = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (g_str_equal (segments[i], "..") || g_str_equal (segments[i], "."))
        return SOUP_STATUS_FORBIDDEN;
    }

  if (g_str_has_suffix (path, "/"))
    filename = g_build_filename (self->root, host, path, "index.html", NULL);
  else
    filename = g_build_filename (self->root, host, path, NULL);

  if (g_str_has_suffix (filename, ".content-type"))
    return SOUP_STATUS_NOT_FOUND;

  /* As web servers do, send a folder asked for without its slash to the
   * folder itself, so its index is found and relative links work. */
  if (g_file_test (filename, G_FILE_TEST_IS_DIR))
    {
      GUri *uri = soup_server_message_get_uri (msg);
      g_autofree char *location = NULL;
      g_autofree char *slashed = g_strconcat (g_uri_get_path (uri), "/", NULL);
      g_autoptr(GUri) redirect = NULL;

      redirect = g_uri_build (G_URI_FLAGS_ENCODED, "http", NULL,
                              g_uri_get_host (uri), g_uri_get_port (uri),
                              slashed, g_uri_get_query (uri), NULL);
      location = g_uri_to_string (redirect);
      soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, location);

      return SOUP_STATUS_MOVED_PERMANENTLY;
    }

  if (!g_file_test (filename, G_FILE_TEST_IS_REGULAR) ||
      !g_file_get_contents (filename, &contents, &length, &error))
    return SOUP_STATUS_NOT_FOUND;

  content_type = dup_content_type (filename);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, contents, length);

  return SOUP_STATUS_OK;
}

static void
handle_request_cb (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *unused_path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  LecternFixtureWeb *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  gboolean slow = FALSE;
  guint status;

  if (g_uri_get_host (uri) != NULL)
    host = g_ascii_strdown (g_uri_get_host (uri), -1);

  /* A tunnel asks for no URL, only HOST:PORT: log it so, so that it can
   * never pass for a request of the host's "/". */
  if (g_strcmp0 (method, SOUP_METHOD_CONNECT) == 0)
    url = g_strdup_printf ("%s:%d", host != NULL ? host : "", g_uri_get_port (uri));
  else
    url = g_uri_to_string (uri);

  /* Unescaping refuses an encoded "/" and NUL, so a path cannot hide
   * a separator from the ".." check below. */
  path = g_uri_unescape_string (g_uri_get_path (uri), "/");

  /* Every run must reach the server, and pages fetch across hosts as CDNs
   * allow them to. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "no-store");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Access-Control-Allow-Origin", "*");

  /* A host under the reserved .invalid never answers: the connection
   * closes before a response, as when a server cannot be reached. */
  if (host != NULL && g_str_has_suffix (host, ".invalid"))
    {
      g_autoptr(GIOStream) stream = NULL;

      log_request (self, msg, url, host, 0);
      stream = soup_server_message_steal_connection (msg);
      g_io_stream_close (stream, NULL, NULL);
      return;
    }

  if (g_strcmp0 (method, SOUP_METHOD_GET) != 0 && g_strcmp0 (method, SOUP_METHOD_HEAD) != 0)
    status = SOUP_STATUS_METHOD_NOT_ALLOWED;
  else if (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
    status = SOUP_STATUS_METHOD_NOT_ALLOWED;
  else if (!host_is_safe (host) || path == NULL || *path != '/')
    status = SOUP_STATUS_NOT_FOUND;
  else if (g_str_has_suffix (path, "/set-cookie"))
    status = answer_set_cookie (msg, query);
  else
    {
      status = answer_file (self, msg, host, path);
      slow = (g_str_has_prefix (path, "/slow/") || g_str_equal (path, "/slow")) &&
             status != SOUP_STATUS_FORBIDDEN;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) && !SOUP_STATUS_IS_REDIRECTION (status))
    {
      char *body = g_strdup_printf ("%u %s\n", status, soup_status_get_phrase (status));

      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "text/plain; charset=utf-8",
                                        SOUP_MEMORY_TAKE, body, strlen (body));
    }
  else if (SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      soup_server_message_set_status (msg, status, NULL);
    }

  log_request (self, msg, url, host != NULL ? host : "", slow ? 0 : status);

  if (slow)
    delay_answer (self, msg);
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  LecternFixtureWeb *self = user_data;

  g_main_loop_quit (self->loop);

  return G_SOURCE_REMOVE;
}

static gpointer
serve_in_thread (gpointer data)
{
  LecternFixtureWeb *self = data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "lectern-fixture-web ", NULL);
  soup_server_add_handler (self->server, NULL, handle_request_cb, self, NULL);

  if (soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      uris = soup_server_get_uris (self->server);
      g_assert (uris != NULL);
      self->proxy_uri = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->mutex);
  self->started = TRUE;
  self->start_error = g_steal_pointer (&error);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (self->proxy_uri != NULL)
    g_main_loop_run (self->loop);

  g_hash_table_remove_all (self->delayed);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  /* Let the closed connections' sources run down in this thread. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);

  return NULL;
}

LecternFixtureWeb *
lectern_fixture_web_new (const char  *root,
                         GError     **error)
{
  g_autoptr(LecternFixtureWeb) self = NULL;
  GError *start_error;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_test (root, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   "Fixture web root '%s' is not a folder", root);
      return NULL;
    }

  self = g_new0 (LecternFixtureWeb, 1);
  self->root = g_canonicalize_filename (root, NULL);
  self->log = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_fixture_request_free);
  self->delayed = g_hash_table_new_full (NULL, NULL, NULL, delayed_answer_free);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);

  self->thread = g_thread_new ("lectern-fixture-web", serve_in_thread, self);

  g_mutex_lock (&self->mutex);
  while (!self->started)
    g_cond_wait (&self->cond, &self->mutex);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->mutex);

  if (start_error != NULL)
    {
      g_propagate_prefixed_error (error, start_error, "Fixture web could not listen: ");
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
lectern_fixture_web_free (LecternFixtureWeb *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_callback (source, quit_loop_cb, self, NULL);
      g_source_attach (source, self->context);
      g_thread_join (self->thread);
    }

  g_clear_pointer (&self->delayed, g_hash_table_unref);
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->log, g_ptr_array_unref);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self->proxy_uri);
  g_free (self->root);
  g_free (self);
}

char *
lectern_fixture_web_dup_proxy_uri (LecternFixtureWeb *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_strdup (self->proxy_uri);
}

guint
lectern_fixture_web_count_requests_to_host (LecternFixtureWeb *self,
                                            const char        *host)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (host != NULL, 0);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->log->len; i++)
    {
      const LecternFixtureRequest *request = g_ptr_array_index (self->log, i);

      if (g_ascii_strcasecmp (request->host, host) == 0)
        count++;
    }
  g_mutex_unlock (&self->mutex);

  return count;
}

/* The same parse and print as the server's own, so that both sides of a
 * comparison are spelled alike. */
static char *
normalize_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) bare = NULL;

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL)
    return g_strdup (url);

  bare = soup_uri_copy (uri, SOUP_URI_FRAGMENT, NULL, SOUP_URI_NONE);
  if (*g_uri_get_path (bare) == '\0')
    {
      GUri *rooted = soup_uri_copy (bare, SOUP_URI_PATH, "/", SOUP_URI_NONE);

      g_uri_unref (bare);
      bare = rooted;
    }

  return g_uri_to_string (bare);
}

gboolean
lectern_fixture_web_was_requested (LecternFixtureWeb *self,
                                   const char        *url)
{
  g_autofree char *wanted = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  wanted = normalize_url (url);

  g_mutex_lock (&self->mutex);
  for (guint i = 0; i < self->log->len && !found; i++)
    {
      const LecternFixtureRequest *request = g_ptr_array_index (self->log, i);
      g_autofree char *logged = normalize_url (request->url);

      found = g_str_equal (logged, wanted);
    }
  g_mutex_unlock (&self->mutex);

  return found;
}

GPtrArray *
lectern_fixture_web_dup_log (LecternFixtureWeb *self)
{
  GPtrArray *urls;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->mutex);
  urls = g_ptr_array_new_full (self->log->len, g_free);
  for (guint i = 0; i < self->log->len; i++)
    {
      const LecternFixtureRequest *request = g_ptr_array_index (self->log, i);

      g_ptr_array_add (urls, g_strdup (request->url));
    }
  g_mutex_unlock (&self->mutex);

  return urls;
}

GPtrArray *
lectern_fixture_web_dup_requests (LecternFixtureWeb *self)
{
  GPtrArray *requests;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->mutex);
  requests = g_ptr_array_new_full (self->log->len,
                                   (GDestroyNotify) lectern_fixture_request_free);
  for (guint i = 0; i < self->log->len; i++)
    g_ptr_array_add (requests, copy_request (g_ptr_array_index (self->log, i)));
  g_mutex_unlock (&self->mutex);

  return requests;
}

GPtrArray *
lectern_fixture_web_dup_requests_to_host (LecternFixtureWeb *self,
                                          const char        *host)
{
  GPtrArray *requests;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (host != NULL, NULL);

  g_mutex_lock (&self->mutex);
  requests = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_fixture_request_free);
  for (guint i = 0; i < self->log->len; i++)
    {
      const LecternFixtureRequest *request = g_ptr_array_index (self->log, i);

      if (g_ascii_strcasecmp (request->host, host) == 0)
        g_ptr_array_add (requests, copy_request (request));
    }
  g_mutex_unlock (&self->mutex);

  return requests;
}

void
lectern_fixture_web_clear_log (LecternFixtureWeb *self)
{
  g_return_if_fail (self != NULL);

  g_mutex_lock (&self->mutex);
  g_ptr_array_set_size (self->log, 0);
  g_mutex_unlock (&self->mutex);
}
