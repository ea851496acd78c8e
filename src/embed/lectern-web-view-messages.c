/* lectern-web-view-messages.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-web-view-private.h"

#include "lectern-ipc.h"

/* What a page's web process tells its view (each request and what was
 * decided, the consent tool's outcome, cookie writes, OneTrust's groups),
 * and what the view sees of the page's responses, all to the state of the
 * page they speak of. The web process runs the page: every message is
 * checked before it is read, and names a page the view knows, or is left
 * out. */

/* @parameters is a checked LECTERN_IPC_CMP_ONETRUST_GROUPS_TYPE. */
static void
receive_onetrust_groups (LecternWebView *self,
                         GVariant       *parameters)
{
  LecternCmpMemory *memory = lectern_profile_get_cmp_memory (self->profile);
  g_autoptr(GError) error = NULL;
  LecternPageState *page;
  const char *page_uri;
  const char *groups;
  const char *site;

  g_variant_get (parameters, "(&s&s)", &page_uri, &groups);

  /* The site is the view's own, never one the page names. */
  page = _lectern_web_view_find_page (self, page_uri);
  site = page != NULL ? lectern_page_state_get_site (page) : "";
  if (site[0] == '\0')
    return;

  if (!lectern_cmp_memory_set_onetrust_groups (memory, site, groups, &error))
    g_message ("OneTrust groups of %s not kept: %s", site, error->message);
}

/* @parameters is a checked LECTERN_IPC_CMP_OUTCOME_TYPE. */
static void
receive_cmp_outcome (LecternWebView *self,
                     GVariant       *parameters)
{
  g_autoptr(GVariant) outcome_variant = NULL;
  g_autoptr(LecternCmpOutcome) outcome = NULL;
  LecternPageState *page;
  const char *page_uri;

  g_variant_get (parameters, "(&s@" LECTERN_CMP_OUTCOME_VARIANT_TYPE ")", &page_uri, &outcome_variant);

  page = _lectern_web_view_find_page (self, page_uri);
  if (page == NULL)
    return;

  outcome = lectern_cmp_outcome_new_from_variant (outcome_variant);
  if (outcome == NULL)
    return;

  /* The consent tool is still at work: a report waits for it to settle. */
  _lectern_web_view_touch (self);
  lectern_page_state_set_cmp_outcome (page, outcome);
}

/* @parameters is a checked LECTERN_IPC_COOKIE_WRITTEN_TYPE. */
static void
receive_cookie_written (LecternWebView *self,
                        GVariant       *parameters)
{
  g_autoptr(GVariant) evidence_variant = NULL;
  g_autoptr(LecternCookieEvidence) evidence = NULL;
  LecternPageState *page;
  const char *page_uri;

  g_variant_get (parameters, "(&s@" LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE ")", &page_uri, &evidence_variant);

  page = _lectern_web_view_find_page (self, page_uri);
  if (page == NULL)
    return;

  /* The web process may only speak of script writes: Set-Cookie evidence
   * comes from the responses this process sees itself. */
  evidence = lectern_cookie_evidence_new_from_variant (evidence_variant);
  if (evidence == NULL || !g_str_equal (evidence->via, LECTERN_COOKIE_VIA_DOCUMENT_COOKIE))
    return;

  lectern_page_state_add_cookie_evidence (page, evidence);
}

/* @parameters is a checked LECTERN_IPC_PAGE_PROTECTED_TYPE. */
static void
receive_page_protected (LecternWebView *self,
                        GVariant       *parameters)
{
  LecternPageState *page;
  const char *page_uri;
  guint32 version;

  g_variant_get (parameters, "(&su)", &page_uri, &version);

  /* An extension of another build may decide otherwise than the view
   * thinks, or not at all. */
  if (version != LECTERN_IPC_VERSION)
    {
      g_message ("The web process extension speaks version %u of the page messages, not %u: "
                 "its pages are not taken as protected", version, LECTERN_IPC_VERSION);
      return;
    }

  page = _lectern_web_view_find_page (self, page_uri);
  if (page != NULL)
    lectern_page_state_set_protected (page);
}

/* @parameters is a checked LECTERN_IPC_REQUEST_DECIDED_TYPE. */
static void
receive_request_decided (LecternWebView *self,
                         GVariant       *parameters)
{
  g_autoptr(LecternRequestRecord) record = lectern_request_record_new_from_variant (parameters);
  LecternPageState *page;

  if (record == NULL)
    return;

  _lectern_web_view_touch (self);
  /* The page names itself in each record, whatever the fragment: the page
   * state leaves out a late record of the page before. */
  page = _lectern_web_view_find_page (self, record->page_url);
  lectern_page_state_add_request (page != NULL ? page : _lectern_web_view_get_loading_page (self), record);
}

static void
add_set_cookie_evidence (const char *name,
                         const char *value,
                         gpointer    user_data)
{
  LecternWebView *self = ((gpointer *) user_data)[0];
  const char *url = ((gpointer *) user_data)[1];
  g_autoptr(LecternCookieEvidence) evidence = NULL;

  if (g_ascii_strcasecmp (name, "Set-Cookie") != 0)
    return;

  evidence = lectern_cookie_evidence_new_from_set_cookie (value, url, NULL);
  if (evidence != NULL)
    lectern_page_state_add_cookie_evidence (_lectern_web_view_get_loading_page (self), evidence);
}

/* WebKitGTK 2.50 strips Set-Cookie from the headers it shows the view
 * (its network process keeps cookies to itself; seen on the fixture web:
 * every other header arrives). So each response is recorded as name-less
 * "set-cookie" evidence, its arrival time with it: a cookie no script
 * wrote is put down to the response of its domain that arrived closest to
 * when the cookie appeared (lectern_violation_collect(), marked inferred).
 * Should a version show the headers, they name their cookies exactly. */
static void
resource_response_cb (WebKitWebResource *resource,
                      GParamSpec        *pspec,
                      LecternWebView    *self)
{
  WebKitURIResponse *response = webkit_web_resource_get_response (resource);
  g_autoptr(LecternCookieEvidence) arrival = NULL;
  g_autoptr(GUri) uri = NULL;
  SoupMessageHeaders *headers;
  const char *url;
  gpointer data[2];

  if (response == NULL)
    return;

  url = webkit_uri_response_get_uri (response);
  if (url == NULL || !(g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://")))
    return;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return;

  arrival = lectern_cookie_evidence_new (NULL, g_uri_get_host (uri), LECTERN_COOKIE_VIA_SET_COOKIE, url, NULL);
  lectern_page_state_add_cookie_evidence (_lectern_web_view_get_loading_page (self), arrival);

  headers = webkit_uri_response_get_http_headers (response);
  if (headers == NULL)
    return;

  data[0] = self;
  data[1] = (gpointer) url;
  soup_message_headers_foreach (headers, add_set_cookie_evidence, data);
}

static void
resource_load_started_cb (WebKitWebView     *web_view,
                          WebKitWebResource *resource,
                          WebKitURIRequest  *request,
                          gpointer           user_data)
{
  g_signal_connect_object (resource, "notify::response", G_CALLBACK (resource_response_cb), web_view, 0);
}

typedef void (*ReceiveFunc) (LecternWebView *self,
                             GVariant       *parameters);

/* Every message a page may send its view, with the type its parameters
 * must have: the web process runs the page, so the shape of what it
 * sends is checked before it is read. */
static const struct
{
  const char  *name;
  const char  *type;
  ReceiveFunc  receive;
} page_messages[] = {
  { LECTERN_IPC_PAGE_PROTECTED, LECTERN_IPC_PAGE_PROTECTED_TYPE, receive_page_protected },
  { LECTERN_IPC_REQUEST_DECIDED, LECTERN_IPC_REQUEST_DECIDED_TYPE, receive_request_decided },
  { LECTERN_IPC_CMP_OUTCOME, LECTERN_IPC_CMP_OUTCOME_TYPE, receive_cmp_outcome },
  { LECTERN_IPC_CMP_ONETRUST_GROUPS, LECTERN_IPC_CMP_ONETRUST_GROUPS_TYPE, receive_onetrust_groups },
  { LECTERN_IPC_COOKIE_WRITTEN, LECTERN_IPC_COOKIE_WRITTEN_TYPE, receive_cookie_written },
};

static gboolean
user_message_received_cb (WebKitWebView     *web_view,
                          WebKitUserMessage *message,
                          gpointer           user_data)
{
  const char *name = webkit_user_message_get_name (message);
  GVariant *parameters = webkit_user_message_get_parameters (message);

  for (guint i = 0; i < G_N_ELEMENTS (page_messages); i++)
    {
      if (g_strcmp0 (name, page_messages[i].name) != 0)
        continue;

      if (parameters != NULL && g_variant_is_of_type (parameters, G_VARIANT_TYPE (page_messages[i].type)))
        page_messages[i].receive (LECTERN_WEB_VIEW (web_view), parameters);
      return TRUE;
    }

  return FALSE;
}

void
_lectern_web_view_messages_init (LecternWebView *self)
{
  g_signal_connect (self, "user-message-received", G_CALLBACK (user_message_received_cb), NULL);
  g_signal_connect (self, "resource-load-started", G_CALLBACK (resource_load_started_cb), NULL);
}
