/* lectern-fixture-web.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LecternFixtureWeb:
 *
 * A small web for tests: an HTTP proxy on 127.0.0.1 (a port the system
 * picks) that answers every request from files instead of the network.
 *
 * Point a client at it as its proxy (WebKit's network session, `lectern
 * --proxy`, `curl -x`): the client then sends each http request with its
 * absolute URL, and the fixture answers `http://HOST/PATH` with the file
 * `ROOT/HOST/PATH`, so pages keep their real host names (trackers included)
 * without leaving the machine.
 *
 * Files:
 * - a path that is "/" or ends in "/" is served from its `index.html`, and
 *   a folder asked for without its trailing "/" is redirected (301) to it;
 * - the Content-Type comes from the file's extension; a file without one
 *   takes the type written in a sidecar file `NAME.content-type` beside it
 *   (one line, e.g. `text/css; charset=utf-8`), else
 *   `application/octet-stream`;
 * - anything missing, any host without a folder, a path with a `..`
 *   segment, and any method other than GET and HEAD are answered with an
 *   error status (404, 404, 403, 405); http is the only scheme served
 *   (a CONNECT for https gets 405).
 *
 * Every answer carries `Cache-Control: no-store`, so each run of a client
 * reaches the fixture again, and `Access-Control-Allow-Origin: *`, as CDNs
 * send.
 *
 * Special paths, on every host:
 * - a path ending in `/set-cookie` answers 200 with a `Set-Cookie` header
 *   built from its query: `name` and `value` (both required, else 400),
 *   optional `max-age` (seconds) and `path` (default "/"); for example
 *   `/api/session/set-cookie?name=PHPSESSID&value=abc123`;
 * - a path whose first segment is `slow` (`/slow/`, `/slow/page.html`) is
 *   answered only after 30 seconds, without holding up other requests, so
 *   a client's timeout can be tested.
 *
 * Every request is logged (method, full URL, host and the headers a test
 * may look at), whatever the answer. The server runs in a thread of its own
 * with its own #GMainContext, so it answers while the test blocks, waits for
 * a subprocess or runs another main loop. All functions may be called from
 * any thread.
 */
typedef struct _LecternFixtureWeb LecternFixtureWeb;

/**
 * LecternFixtureRequest:
 * @method: the request method
 * @url: the full URL as the client asked for it, query included; for a
 *   CONNECT (an https tunnel), only "HOST:PORT"
 * @host: the URL's host
 * @sec_gpc: (nullable): the `Sec-GPC` header
 * @cookie: (nullable): the `Cookie` header
 * @referer: (nullable): the `Referer` header
 * @accept: (nullable): the `Accept` header
 * @status: the status the fixture answered with; 0 for a delayed answer
 *   (a `/slow/` path), which is logged before it is sent
 *
 * One logged request.
 */
typedef struct
{
  char  *method;
  char  *url;
  char  *host;
  char  *sec_gpc;
  char  *cookie;
  char  *referer;
  char  *accept;
  guint  status;
} LecternFixtureRequest;

void                   lectern_fixture_request_free            (LecternFixtureRequest  *request);

/**
 * lectern_fixture_web_new:
 * @root: the folder holding one folder per host
 * @error: return location for a #GError
 *
 * Starts serving @root on 127.0.0.1, on a port the system picks.
 *
 * Returns: (transfer full): the running fixture, or %NULL if @root is not a
 *   folder or the server could not listen
 */
LecternFixtureWeb     *lectern_fixture_web_new                 (const char             *root,
                                                                GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * lectern_fixture_web_free:
 * @self: (nullable): a #LecternFixtureWeb
 *
 * Stops the server, drops answers still delayed and closes every
 * connection, then frees @self.
 */
void                   lectern_fixture_web_free                (LecternFixtureWeb      *self);

/**
 * lectern_fixture_web_dup_proxy_uri:
 * @self: a #LecternFixtureWeb
 *
 * Returns: (transfer full): the URI to use as proxy, "http://127.0.0.1:PORT"
 */
char                  *lectern_fixture_web_dup_proxy_uri       (LecternFixtureWeb      *self) G_GNUC_WARN_UNUSED_RESULT;

/**
 * lectern_fixture_web_count_requests_to_host:
 * @self: a #LecternFixtureWeb
 * @host: a host name, compared without regard to case
 *
 * Returns: how many logged requests went to @host exactly (not its
 *   subdomains), whatever their answer
 */
guint                  lectern_fixture_web_count_requests_to_host (LecternFixtureWeb   *self,
                                                                const char             *host);

/**
 * lectern_fixture_web_was_requested:
 * @self: a #LecternFixtureWeb
 * @url: a full URL, query included
 *
 * Compares @url with the logged URLs as strings, after parsing both the
 * same way (so "http://host" and "http://host/" are the same, and a
 * default port is dropped); a fragment in @url is ignored, since clients
 * never send one.
 *
 * Returns: whether @url was requested since the start or the last
 *   lectern_fixture_web_clear_log()
 */
gboolean               lectern_fixture_web_was_requested       (LecternFixtureWeb      *self,
                                                                const char             *url);

/**
 * lectern_fixture_web_dup_log:
 * @self: a #LecternFixtureWeb
 *
 * Returns: (transfer full) (element-type utf8): the URLs requested, in the
 *   order they arrived, repeats included
 */
GPtrArray             *lectern_fixture_web_dup_log             (LecternFixtureWeb      *self) G_GNUC_WARN_UNUSED_RESULT;

/**
 * lectern_fixture_web_dup_requests:
 * @self: a #LecternFixtureWeb
 *
 * Returns: (transfer full) (element-type LecternFixtureRequest): copies of
 *   the logged requests, in the order they arrived
 */
GPtrArray             *lectern_fixture_web_dup_requests        (LecternFixtureWeb      *self) G_GNUC_WARN_UNUSED_RESULT;

/**
 * lectern_fixture_web_dup_requests_to_host:
 * @self: a #LecternFixtureWeb
 * @host: a host name, compared without regard to case
 *
 * Returns: (transfer full) (element-type LecternFixtureRequest): copies of
 *   the logged requests to @host exactly (not its subdomains), in the
 *   order they arrived, with the headers they carried
 */
GPtrArray             *lectern_fixture_web_dup_requests_to_host (LecternFixtureWeb *self,
                                                                 const char        *host) G_GNUC_WARN_UNUSED_RESULT;

/**
 * lectern_fixture_web_clear_log:
 * @self: a #LecternFixtureWeb
 *
 * Forgets every logged request.
 */
void                   lectern_fixture_web_clear_log           (LecternFixtureWeb      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternFixtureRequest, lectern_fixture_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternFixtureWeb, lectern_fixture_web_free)

G_END_DECLS
