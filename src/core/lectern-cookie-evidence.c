/* lectern-cookie-evidence.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-evidence.h"

#include <string.h>

/* A cookie name or host longer than this comes from a page playing
 * games, not from a cookie a browser would keep; URLs are cut too. */
#define MAX_NAME_LENGTH 256
#define MAX_URL_LENGTH  2048

G_DEFINE_BOXED_TYPE (LecternCookieEvidence, lectern_cookie_evidence,
                     lectern_cookie_evidence_copy, lectern_cookie_evidence_free)

static char *
dup_cut (const char *text,
         gsize       max_length)
{
  const char *end;

  if (text == NULL || text[0] == '\0')
    return NULL;

  if (strlen (text) <= max_length)
    return g_strdup (text);

  /* Cut on a character boundary, so the result stays valid UTF-8. */
  end = g_utf8_find_prev_char (text, text + max_length + 1);

  return g_strndup (text, end - text);
}

/**
 * lectern_cookie_evidence_new:
 * @name: (nullable): the cookie's name, or %NULL for any cookie a
 *   response may have set (see #LecternCookieEvidence)
 * @host: (nullable): the host that wrote or set it
 * @via: how: %LECTERN_COOKIE_VIA_SET_COOKIE or %LECTERN_COOKIE_VIA_DOCUMENT_COOKIE
 * @by: (nullable): the response or script URL
 * @time: (nullable): when; %NULL for now
 *
 * Returns: (transfer full): new evidence
 */
LecternCookieEvidence *
lectern_cookie_evidence_new (const char *name,
                             const char *host,
                             const char *via,
                             const char *by,
                             GDateTime  *time)
{
  LecternCookieEvidence *self;

  g_return_val_if_fail (via != NULL, NULL);

  self = g_new0 (LecternCookieEvidence, 1);
  self->name = g_strdup (name);
  self->host = host != NULL && host[0] != '\0' ? g_ascii_strdown (host, -1) : NULL;
  self->via = g_strdup (via);
  self->by = by != NULL && by[0] != '\0' ? g_strdup (by) : NULL;
  self->time = time != NULL ? g_date_time_ref (time) : g_date_time_new_now_utc ();

  return self;
}

/**
 * lectern_cookie_evidence_copy:
 * @self: evidence
 *
 * Returns: (transfer full): a deep copy of @self
 */
LecternCookieEvidence *
lectern_cookie_evidence_copy (const LecternCookieEvidence *self)
{
  LecternCookieEvidence *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = lectern_cookie_evidence_new (self->name, self->host, self->via, self->by, self->time);
  copy->too_long = self->too_long;
  copy->n_dropped = self->n_dropped;

  return copy;
}

void
lectern_cookie_evidence_free (LecternCookieEvidence *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->host);
  g_free (self->via);
  g_free (self->by);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self);
}

/**
 * lectern_cookie_evidence_matches:
 * @self: evidence
 * @name: a cookie's name
 * @domain: (nullable): the cookie's domain as the cookie store has it
 *   (".example.com" or "www.example.com")
 *
 * Whether @self may be how the cookie @name of @domain got there: same
 * name, and the host that wrote it lies in @domain (RFC 6265's domain
 * match), since a page can only write cookies for its own host or a
 * parent domain of it.
 *
 * Returns: %TRUE when it matches
 */
gboolean
lectern_cookie_evidence_matches (const LecternCookieEvidence *self,
                                 const char                  *name,
                                 const char                  *domain)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_strcmp0 (self->name, name) != 0)
    return FALSE;

  return lectern_cookie_evidence_in_domain (self, domain);
}

/**
 * lectern_cookie_evidence_in_domain:
 * @self: evidence
 * @domain: (nullable): a cookie's domain as the cookie store has it
 *
 * Returns: whether the host of @self lies in @domain (RFC 6265's domain
 *   match); %TRUE when either is not known
 */
gboolean
lectern_cookie_evidence_in_domain (const LecternCookieEvidence *self,
                                   const char                  *domain)
{
  gsize host_length;
  gsize domain_length;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->host == NULL || domain == NULL || domain[0] == '\0')
    return TRUE;

  if (domain[0] == '.')
    domain++;

  host_length = strlen (self->host);
  domain_length = strlen (domain);

  if (host_length == domain_length)
    return g_ascii_strcasecmp (self->host, domain) == 0;

  return host_length > domain_length &&
         self->host[host_length - domain_length - 1] == '.' &&
         g_ascii_strcasecmp (self->host + host_length - domain_length, domain) == 0;
}

/**
 * lectern_cookie_evidence_to_variant:
 * @self: evidence
 *
 * Returns: (transfer none): a floating #GVariant of type
 *   %LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE
 */
GVariant *
lectern_cookie_evidence_to_variant (const LecternCookieEvidence *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_variant_new ("(ssssxbu)",
                        self->name != NULL ? self->name : "",
                        self->host != NULL ? self->host : "",
                        self->via,
                        self->by != NULL ? self->by : "",
                        g_date_time_to_unix (self->time) * G_USEC_PER_SEC +
                        g_date_time_get_microsecond (self->time),
                        self->too_long,
                        self->n_dropped);
}

/**
 * lectern_cookie_evidence_new_from_variant:
 * @variant: a #GVariant of type %LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE
 *
 * The reverse of lectern_cookie_evidence_to_variant(), for what a web
 * process sends: the page wrote the values, so they are checked. Too long
 * a URL is cut.
 *
 * Returns: (transfer full) (nullable): the evidence, or %NULL when the
 *   variant has the wrong type, no cookie name (unless it is of a write
 *   too long to read, or stands for writes dropped), an unknown "via", a
 *   time out of range, or a "by" that is not an http(s) URL
 */
LecternCookieEvidence *
lectern_cookie_evidence_new_from_variant (GVariant *variant)
{
  LecternCookieEvidence *self;
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *by = NULL;
  const char *name;
  const char *host;
  const char *via;
  const char *by_text;
  gint64 usec;
  gboolean too_long;
  guint32 n_dropped;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE)))
    return NULL;

  g_variant_get (variant, "(&s&s&s&sxbu)", &name, &host, &via, &by_text, &usec, &too_long, &n_dropped);

  if ((name[0] == '\0' && !too_long && n_dropped == 0) ||
      strlen (name) > MAX_NAME_LENGTH || strlen (host) > MAX_NAME_LENGTH)
    return NULL;

  if (!g_str_equal (via, LECTERN_COOKIE_VIA_SET_COOKIE) &&
      !g_str_equal (via, LECTERN_COOKIE_VIA_DOCUMENT_COOKIE))
    return NULL;

  if (by_text[0] != '\0' &&
      !g_str_has_prefix (by_text, "http://") && !g_str_has_prefix (by_text, "https://"))
    return NULL;

  time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  if (time == NULL || usec < 0)
    return NULL;

  by = dup_cut (by_text, MAX_URL_LENGTH);

  self = lectern_cookie_evidence_new (name[0] != '\0' ? name : NULL, host, via, by, time);
  self->too_long = too_long;
  self->n_dropped = n_dropped;

  return self;
}

/**
 * lectern_cookie_evidence_new_from_set_cookie:
 * @header: one `Set-Cookie` header's value ("_ga=GA1.2; Path=/; Max-Age=60")
 * @response_url: the URL of the response that carried it
 * @time: (nullable): when the response arrived; %NULL for now
 *
 * The host recorded is the response's: whatever the Domain attribute
 * says, a browser only keeps a cookie whose domain matches that host.
 *
 * Returns: (transfer full) (nullable): the evidence, or %NULL when
 *   @header has no cookie name or @response_url no host
 */
LecternCookieEvidence *
lectern_cookie_evidence_new_from_set_cookie (const char *header,
                                             const char *response_url,
                                             GDateTime  *time)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (header != NULL, NULL);
  g_return_val_if_fail (response_url != NULL, NULL);

  uri = g_uri_parse (response_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return NULL;

  name = lectern_cookie_evidence_dup_cookie_name (header);
  if (name == NULL || strlen (name) > MAX_NAME_LENGTH)
    return NULL;

  return lectern_cookie_evidence_new (name, g_uri_get_host (uri),
                                      LECTERN_COOKIE_VIA_SET_COOKIE, response_url, time);
}

/**
 * lectern_cookie_evidence_dup_cookie_name:
 * @assignment: what a script assigned to `document.cookie`, or a
 *   `Set-Cookie` header's value
 *
 * Returns: (transfer full) (nullable): the cookie's name, as a browser
 *   reads it (RFC 6265 5.2: what comes before the first "=" of the part
 *   before the first ";", without surrounding white space), or %NULL when
 *   it has none
 */
char *
lectern_cookie_evidence_dup_cookie_name (const char *assignment)
{
  g_autofree char *name = NULL;
  gsize pair_length;

  g_return_val_if_fail (assignment != NULL, NULL);

  pair_length = strcspn (assignment, ";");
  if (memchr (assignment, '=', pair_length) == NULL)
    return NULL;

  name = g_strndup (assignment, strcspn (assignment, "="));
  g_strstrip (name);

  if (name[0] == '\0' || !g_utf8_validate (name, -1, NULL))
    return NULL;

  return g_steal_pointer (&name);
}

/* Returns: (transfer full) (nullable): @url when it is an absolute
 * http(s) URL with a host, cut to MAX_URL_LENGTH */
static char *
dup_web_url (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL || (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://")))
    return NULL;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    return NULL;

  return dup_cut (url, MAX_URL_LENGTH);
}

/**
 * lectern_cookie_evidence_new_from_write:
 * @assignment: what a script assigned to `document.cookie`, or only its
 *   start when @length is over %LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH
 * @length: the whole assignment's length, in characters
 * @document_url: (nullable): the URL of the document written to
 * @source_url: (nullable): the source URL of the writing script, as the
 *   engine gives it for the first frame of the stack that runs script
 *   (the `sourceURL` of an Error made there); an inline script has its
 *   document's URL, code made by eval() or Function() has none
 * @time: (nullable): when; %NULL for now
 *
 * The evidence of one write through `document.cookie`. Only what the page
 * cannot set is taken as the writer: the engine's source URL, and only
 * when it is a plain http(s) URL. A function's name, which the page
 * chooses (`displayName`), and a stack written out as text, which such a
 * name can make look like any frame, are never read. An assignment too
 * long to read whole is still evidence: of the cookie whose name its
 * start holds (if it holds a whole one), written by no one known.
 *
 * Returns: (transfer full) (nullable): the evidence, or %NULL when an
 *   assignment short enough to read names no cookie
 */
LecternCookieEvidence *
lectern_cookie_evidence_new_from_write (const char *assignment,
                                        gsize       length,
                                        const char *document_url,
                                        const char *source_url,
                                        GDateTime  *time)
{
  LecternCookieEvidence *self;
  g_autoptr(GUri) document = NULL;
  g_autofree char *name = NULL;
  g_autofree char *script = NULL;
  gboolean too_long;

  g_return_val_if_fail (assignment != NULL, NULL);

  too_long = length > LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH;
  name = lectern_cookie_evidence_dup_cookie_name (assignment);
  if (name != NULL && strlen (name) > MAX_NAME_LENGTH)
    g_clear_pointer (&name, g_free);
  if (name == NULL && !too_long)
    return NULL;

  /* A write too long to read whole is reported as such, and no more: it
   * names no writer. */
  if (!too_long)
    script = dup_web_url (source_url);

  if (document_url != NULL)
    document = g_uri_parse (document_url, G_URI_FLAGS_NONE, NULL);

  self = lectern_cookie_evidence_new (name, document != NULL ? g_uri_get_host (document) : NULL,
                                      LECTERN_COOKIE_VIA_DOCUMENT_COOKIE, script, time);
  self->too_long = too_long;

  return self;
}

/**
 * lectern_cookie_evidence_add_once:
 * @list: (element-type LecternCookieEvidence): a page's evidence so far
 * @evidence: a cookie write seen on the page
 *
 * Adds a copy of @evidence to @list, unless the same write is there: a
 * page writing the same cookie in a loop adds nothing after the first
 * write of each way it was written. Evidence of writes dropped (see
 * #LecternCookieEvidence:n_dropped) counts them all so far: it raises the
 * count of the earlier one of the same host, which keeps its time, that
 * of the first write dropped.
 *
 * Returns: whether @list changed
 */
gboolean
lectern_cookie_evidence_add_once (GPtrArray                   *list,
                                  const LecternCookieEvidence *evidence)
{
  g_return_val_if_fail (list != NULL, FALSE);
  g_return_val_if_fail (evidence != NULL, FALSE);

  for (guint i = 0; i < list->len; i++)
    {
      LecternCookieEvidence *old = g_ptr_array_index (list, i);

      if (evidence->n_dropped > 0 && old->n_dropped > 0 && g_strcmp0 (old->host, evidence->host) == 0)
        {
          if (evidence->n_dropped <= old->n_dropped)
            return FALSE;

          old->n_dropped = evidence->n_dropped;
          return TRUE;
        }

      if (g_strcmp0 (old->name, evidence->name) == 0 && g_str_equal (old->via, evidence->via) &&
          g_strcmp0 (old->host, evidence->host) == 0 && g_strcmp0 (old->by, evidence->by) == 0 &&
          old->too_long == evidence->too_long)
        return FALSE;
    }

  g_ptr_array_add (list, lectern_cookie_evidence_copy (evidence));

  return TRUE;
}
