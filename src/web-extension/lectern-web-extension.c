/* lectern-web-extension.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-web-extension.h"

#include <libsoup/soup.h>
#include <string.h>

#include "lectern-blocker.h"
#include "lectern-cookie-hook.h"
#include "lectern-cmp-agent.h"
#include "lectern-filter-cache.h"
#include "lectern-frame-eval.h"
#include "lectern-ipc-init.h"
#include "lectern-ipc.h"
#include "lectern-party.h"
#include "lectern-request-record.h"

struct _LecternWebExtension
{
  GObject                    parent_instance;

  /* Borrowed */
  WebKitWebProcessExtension *extension;

  /* Owned */
  LecternBlocker            *blocker;
  LecternCmpAgent           *cmp_agent;
  LecternFrameEval          *frame_eval;
};

G_DEFINE_FINAL_TYPE (LecternWebExtension, lectern_web_extension, G_TYPE_OBJECT)

static gboolean
is_web_request (const char *uri)
{
  return g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://") ||
         g_str_has_prefix (uri, "ws://") || g_str_has_prefix (uri, "wss://");
}

static gboolean
send_request_cb (WebKitWebPage     *page,
                 WebKitURIRequest  *request,
                 WebKitURIResponse *redirected_response,
                 gpointer           user_data)
{
  LecternWebExtension *self = user_data;
  const char *uri = webkit_uri_request_get_uri (request);
  const char *page_uri = webkit_web_page_get_uri (page);
  SoupMessageHeaders *headers = webkit_uri_request_get_http_headers (request);
  const char *accept = headers ? soup_message_headers_get_one (headers, "Accept") : NULL;
  LecternDecision decision = { 0 };
  LecternRequest lectern_request = { 0 };
  g_autoptr(LecternRequestRecord) record = NULL;

  if (uri == NULL || !is_web_request (uri))
    return FALSE;

  lectern_request_init_sent (&lectern_request, uri, page_uri, accept);
  lectern_blocker_decide (self->blocker, &lectern_request, &decision);

  /* "Sale of personal data" refused means Global Privacy Control on
   * every request of the site's pages, the document included; allowed,
   * on none. A reload sends the document's request of the load before
   * again, with the headers added to it then: the header is taken off as
   * surely as it is put on. */
  if (headers != NULL && decision.choices != NULL)
    {
      if (lectern_site_choices_blocks (decision.choices, LECTERN_CATEGORY_SALE))
        soup_message_headers_replace (headers, "Sec-GPC", "1");
      else
        soup_message_headers_remove (headers, "Sec-GPC");
    }

  record = lectern_request_record_new (&lectern_request, &decision);
  if (record != NULL)
    webkit_web_page_send_message_to_view (page,
                                          webkit_user_message_new (LECTERN_IPC_REQUEST_DECIDED,
                                                                   lectern_request_record_to_variant (record)),
                                          NULL, NULL, NULL);

  return decision.blocked;
}

/* Tells the view that this page's requests are decided here: without
 * the word, the view takes the page as loaded with no blocking at all. */
static void
announce_page (WebKitWebPage *page)
{
  const char *uri = webkit_web_page_get_uri (page);

  if (uri == NULL)
    return;

  webkit_web_page_send_message_to_view (page,
                                        webkit_user_message_new (LECTERN_IPC_PAGE_PROTECTED,
                                                                 g_variant_new ("(su)", uri, LECTERN_IPC_VERSION)),
                                        NULL, NULL, NULL);
}

/* A document without script may have its window made late, or never:
 * the parsed document is announced too. */
static void
document_loaded_cb (WebKitWebPage *page,
                    gpointer       user_data)
{
  announce_page (page);
}

/* Defined on the prototype, before any of the page's scripts runs, so
 * every frame of the page reads the same answer the Sec-GPC header
 * gives. Not configurable: a page cannot take the signal back. */
static const char gpc_script[] =
  "Object.defineProperty (Navigator.prototype, 'globalPrivacyControl', "
  "{ get: function () { return true; }, enumerable: true, configurable: false });";

static void
window_object_cleared_cb (WebKitScriptWorld   *world,
                          WebKitWebPage       *page,
                          WebKitFrame         *frame,
                          LecternWebExtension *self)
{
  g_autoptr(JSCContext) context = NULL;
  g_autoptr(JSCValue) result = NULL;

  /* On every page, whatever the choices: a cookie only turns out to be a
   * violation once the view has classified it. */
  lectern_cookie_hook_install (self->extension, page, frame, world);

  if (webkit_frame_is_main_frame (frame))
    announce_page (page);

  /* The site on screen decides for its frames too: the reader's choice is
   * the top page's. */
  if (!lectern_blocker_sends_gpc (self->blocker, webkit_web_page_get_uri (page)))
    return;

  context = webkit_frame_get_js_context_for_script_world (frame, world);
  result = jsc_context_evaluate (context, gpc_script, -1);
}

static void
page_created_cb (WebKitWebProcessExtension *extension,
                 WebKitWebPage             *page,
                 LecternWebExtension       *self)
{
  g_signal_connect_object (page, "send-request", G_CALLBACK (send_request_cb), self, 0);
  g_signal_connect (page, "document-loaded", G_CALLBACK (document_loaded_cb), NULL);
  lectern_cmp_agent_watch_page (self->cmp_agent, page);
  lectern_frame_eval_watch_page (self->frame_eval, page);
}

/* Replaces the trackers the reader allowed on @site. */
static void
set_allowed_trackers (LecternWebExtension *self,
                      const char          *site,
                      const char * const  *trackers)
{
  if (site[0] != '\0')
    lectern_blocker_set_allowed_trackers (self->blocker, site, trackers);
}

static gboolean
user_message_received_cb (WebKitWebProcessExtension *extension,
                          WebKitUserMessage         *message,
                          LecternWebExtension       *self)
{
  GVariant *parameters = webkit_user_message_get_parameters (message);
  g_autoptr(LecternSiteChoices) choices = NULL;

  if (g_strcmp0 (webkit_user_message_get_name (message), LECTERN_IPC_SITE_ALLOWED_TRACKERS) == 0)
    {
      const char *site;
      g_autofree const char **trackers = NULL;

      if (parameters == NULL ||
          !g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE)))
        return TRUE;

      g_variant_get (parameters, "(&s^a&s)", &site, &trackers);
      set_allowed_trackers (self, site, trackers);
      return TRUE;
    }

  if (g_strcmp0 (webkit_user_message_get_name (message), LECTERN_IPC_SITE_CHOICES) != 0)
    return FALSE;

  if (parameters == NULL || !g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_SITE_CHOICES_TYPE)))
    return TRUE;

  choices = lectern_site_choices_new_from_variant (parameters);
  if (choices == NULL)
    return TRUE;

  if (lectern_site_choices_get_site (choices)[0] == '\0')
    lectern_blocker_set_defaults (self->blocker, choices);
  else
    lectern_blocker_set_choices (self->blocker, choices);

  return TRUE;
}

static LecternFilterEngine *
load_filter_lists (GArray *lists)
{
  g_autoptr(LecternFilterEngine) engine = lectern_filter_engine_new ();

  for (guint i = 0; i < lists->len; i++)
    {
      const LecternIpcFilterList *list = &g_array_index (lists, LecternIpcFilterList, i);
      g_autoptr(GError) error = NULL;

      /* A missing list leaves the other defences (the tracker database)
       * in place; the UI process reports lists it cannot read. */
      if (!lectern_filter_engine_add_file (engine, list->path, list->kind, &error))
        g_message ("Filter list not loaded: %s", error->message);
    }

  return g_steal_pointer (&engine);
}

/* Returns: (transfer full) (nullable): the tracker database, or %NULL
 * when there is none to load */
static LecternTrackerDb *
load_tracker_db (const LecternIpcInit *init)
{
  g_autoptr(GError) error = NULL;
  LecternTrackerDb *trackers;

  if (init->tracker_db_path == NULL)
    return NULL;

  /* The database is compiled into the core library; the paths are the
   * fallback of a build whose index is damaged. */
  trackers = lectern_tracker_db_new_builtin (&error);
  if (trackers == NULL)
    {
      g_message ("Compiled tracker database not loaded: %s", error->message);
      g_clear_error (&error);
      trackers = lectern_tracker_db_new_from_files (init->tracker_db_path, init->tracker_companies_path, &error);
    }
  if (trackers == NULL)
    g_message ("Tracker database not loaded: %s", error->message);

  return trackers;
}

/* Returns: (transfer full): the filter engine */
static LecternFilterEngine *
load_filter_engine (const LecternIpcInit *init)
{
  g_autoptr(GError) error = NULL;
  LecternFilterEngine *engine;

  /* The UI process has compiled and checked the lists' index: map it,
   * shared with every other web process, rather than parse the lists. */
  if (init->filter_cache_path != NULL)
    {
      engine = lectern_filter_cache_load (init->filter_cache_path, init->filter_cache_key, FALSE, &error);
      if (engine != NULL)
        {
          g_debug ("Filter rules mapped from %s", init->filter_cache_path);
          return engine;
        }

      g_message ("Filter cache not used: %s", error->message);
    }

  return load_filter_lists (init->filter_lists);
}

/**
 * lectern_web_extension_new:
 * @extension: the web process's extension
 * @init: what the UI process started the extension with
 *
 * Returns: (transfer full): the extension, deciding the requests of every
 *   page of the web process
 */
LecternWebExtension *
lectern_web_extension_new (WebKitWebProcessExtension *extension,
                           const LecternIpcInit      *init)
{
  LecternWebExtension *self;
  LecternTrackerDb *trackers;
  LecternFilterEngine *engine;

  g_return_val_if_fail (init != NULL, NULL);

  self = g_object_new (LECTERN_TYPE_WEB_EXTENSION, NULL);
  self->extension = extension;

  trackers = load_tracker_db (init);
  engine = load_filter_engine (init);
  self->blocker = lectern_blocker_new (engine, trackers);
  self->cmp_agent = lectern_cmp_agent_new (self->blocker);
  self->frame_eval = lectern_frame_eval_new ();

  lectern_blocker_set_defaults (self->blocker, init->defaults);
  for (guint i = 0; i < init->sites->len; i++)
    lectern_blocker_set_choices (self->blocker, g_ptr_array_index (init->sites, i));

  for (guint i = 0; i < init->allowed_trackers->len; i++)
    {
      const LecternIpcAllowedTrackers *allowed = &g_array_index (init->allowed_trackers, LecternIpcAllowedTrackers, i);

      set_allowed_trackers (self, allowed->site, (const char * const *) allowed->trackers);
    }

  g_signal_connect_object (extension, "page-created", G_CALLBACK (page_created_cb), self, 0);
  g_signal_connect_object (webkit_script_world_get_default (), "window-object-cleared",
                           G_CALLBACK (window_object_cleared_cb), self, 0);
  g_signal_connect_object (extension, "user-message-received", G_CALLBACK (user_message_received_cb), self, 0);

  return self;
}

static void
lectern_web_extension_finalize (GObject *object)
{
  LecternWebExtension *self = LECTERN_WEB_EXTENSION (object);

  /* The agent borrows the blocker: it goes first. */
  g_clear_object (&self->cmp_agent);
  g_clear_object (&self->frame_eval);
  g_clear_pointer (&self->blocker, lectern_blocker_free);

  G_OBJECT_CLASS (lectern_web_extension_parent_class)->finalize (object);
}

static void
lectern_web_extension_class_init (LecternWebExtensionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_web_extension_finalize;
}

static void
lectern_web_extension_init (LecternWebExtension *self)
{
}
