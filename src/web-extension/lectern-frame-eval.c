/* lectern-frame-eval.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-frame-eval.h"

#include "lectern-ipc.h"

/**
 * LecternFrameEval:
 *
 * Runs autoconsent's snippets in the subframes that ask for them. A view
 * runs code in its main frame only (webkit_web_view_evaluate_javascript()
 * has no frame argument), but autoconsent's rules for consent tools shown
 * in an iframe ask to run their snippets in that frame's own world. The
 * view checks each request against autoconsent's bundle and sends it here
 * (LECTERN_IPC_AUTOCONSENT_EVAL) with the URL of the frame that asked;
 * this runs it in that frame's page world and replies with the result.
 *
 * Nothing here decides what runs: the code comes from the UI process,
 * which only ever sends autoconsent's own snippets.
 */

#define SNIPPET_SOURCE_URI "resource:///org/lectern/Lectern/js/autoconsent.playwright.js"

struct _LecternFrameEval
{
  GObject     parent_instance;

  /* Owned: frame id → FrameEntry, for every subframe whose window object
   * was made; entries of frames since gone are dropped as they are met */
  GHashTable *frames;
  guint64     serial;
};

G_DEFINE_FINAL_TYPE (LecternFrameEval, lectern_frame_eval, G_TYPE_OBJECT)

typedef struct
{
  GWeakRef page;
  GWeakRef frame;
  /* When its window object was made, in the order of all frames: of two
   * frames at one URL, the newer one asked. */
  guint64  serial;
} FrameEntry;

static void
frame_entry_free (FrameEntry *entry)
{
  g_weak_ref_clear (&entry->page);
  g_weak_ref_clear (&entry->frame);
  g_free (entry);
}

static gboolean
frame_gone (gpointer key,
            gpointer value,
            gpointer user_data)
{
  FrameEntry *entry = value;
  g_autoptr(WebKitFrame) frame = g_weak_ref_get (&entry->frame);

  return frame == NULL;
}

static void
window_object_cleared_cb (WebKitScriptWorld *world,
                          WebKitWebPage     *page,
                          WebKitFrame       *frame,
                          LecternFrameEval  *self)
{
  FrameEntry *entry;
  guint64 *id;

  /* A new top document: the frames of the one before are gone. */
  if (webkit_frame_is_main_frame (frame))
    {
      g_hash_table_foreach_remove (self->frames, frame_gone, NULL);
      return;
    }

  entry = g_new0 (FrameEntry, 1);
  g_weak_ref_init (&entry->page, page);
  g_weak_ref_init (&entry->frame, frame);
  entry->serial = ++self->serial;

  id = g_new (guint64, 1);
  *id = webkit_frame_get_id (frame);
  g_hash_table_replace (self->frames, id, entry);
}

/* Returns: (transfer full) (nullable): the newest live subframe of @page
 * showing @url */
static WebKitFrame *
find_frame (LecternFrameEval *self,
            WebKitWebPage    *page,
            const char       *url)
{
  g_autoptr(WebKitFrame) found = NULL;
  guint64 found_serial = 0;
  GHashTableIter iter;
  FrameEntry *entry;

  g_hash_table_iter_init (&iter, self->frames);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      g_autoptr(WebKitWebPage) entry_page = g_weak_ref_get (&entry->page);
      g_autoptr(WebKitFrame) frame = g_weak_ref_get (&entry->frame);

      if (entry_page == NULL || frame == NULL)
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }

      if (entry_page != page || g_strcmp0 (webkit_frame_get_uri (frame), url) != 0)
        continue;

      if (found == NULL || entry->serial > found_serial)
        {
          g_set_object (&found, frame);
          found_serial = entry->serial;
        }
    }

  return g_steal_pointer (&found);
}

/* Runs @code in @frame's page world. Returns: (transfer full) (nullable):
 * its value as JSON ("" for a value JSON cannot hold), or %NULL when it
 * threw */
static char *
run_in_frame (WebKitFrame *frame,
              const char  *code)
{
  g_autoptr(JSCContext) context = webkit_frame_get_js_context (frame);
  g_autoptr(JSCValue) value = NULL;
  JSCException *exception;
  char *json;

  value = jsc_context_evaluate_with_source_uri (context, code, -1, SNIPPET_SOURCE_URI, 1);
  exception = jsc_context_get_exception (context);
  if (exception != NULL)
    {
      g_debug ("An autoconsent snippet threw in a frame: %s", jsc_exception_get_message (exception));
      jsc_context_clear_exception (context);
      return NULL;
    }

  if (value == NULL || jsc_value_is_undefined (value))
    return g_strdup ("");

  json = jsc_value_to_json (value, 0);

  return json != NULL ? json : g_strdup ("");
}

static void
send_reply (WebKitUserMessage *message,
            gboolean           ran,
            const char        *json)
{
  webkit_user_message_send_reply (message,
                                  webkit_user_message_new (LECTERN_IPC_AUTOCONSENT_EVAL,
                                                           g_variant_new (LECTERN_IPC_AUTOCONSENT_EVAL_REPLY_TYPE, ran, json != NULL ? json : "")));
}

static gboolean
user_message_received_cb (WebKitWebPage     *page,
                          WebKitUserMessage *message,
                          LecternFrameEval  *self)
{
  GVariant *parameters = webkit_user_message_get_parameters (message);
  g_autoptr(WebKitFrame) frame = NULL;
  g_autofree char *json = NULL;
  const char *page_uri;
  const char *frame_url;
  const char *code;

  if (g_strcmp0 (webkit_user_message_get_name (message), LECTERN_IPC_AUTOCONSENT_EVAL) != 0)
    return FALSE;

  if (parameters == NULL ||
      !g_variant_is_of_type (parameters, G_VARIANT_TYPE (LECTERN_IPC_AUTOCONSENT_EVAL_TYPE)))
    {
      send_reply (message, FALSE, NULL);
      return TRUE;
    }

  g_variant_get (parameters, "(&s&s&s)", &page_uri, &frame_url, &code);

  /* Meant for the page before: the frame that asked is gone with it. */
  if (g_strcmp0 (page_uri, webkit_web_page_get_uri (page)) != 0)
    {
      send_reply (message, FALSE, NULL);
      return TRUE;
    }

  frame = find_frame (self, page, frame_url);
  if (frame != NULL)
    json = run_in_frame (frame, code);

  send_reply (message, json != NULL, json);

  return TRUE;
}

/**
 * lectern_frame_eval_watch_page:
 * @self: a #LecternFrameEval
 * @page: a new page of the web process
 *
 * Answers the view's requests to run a snippet in one of @page's frames.
 */
void
lectern_frame_eval_watch_page (LecternFrameEval *self,
                               WebKitWebPage    *page)
{
  g_return_if_fail (LECTERN_IS_FRAME_EVAL (self));
  g_return_if_fail (WEBKIT_IS_WEB_PAGE (page));

  g_signal_connect_object (page, "user-message-received", G_CALLBACK (user_message_received_cb), self, 0);
}

/**
 * lectern_frame_eval_new:
 *
 * Returns: (transfer full): a new #LecternFrameEval, keeping track of the
 *   subframes of every page from their default script world
 */
LecternFrameEval *
lectern_frame_eval_new (void)
{
  LecternFrameEval *self = g_object_new (LECTERN_TYPE_FRAME_EVAL, NULL);

  g_signal_connect_object (webkit_script_world_get_default (), "window-object-cleared",
                           G_CALLBACK (window_object_cleared_cb), self, 0);

  return self;
}

static void
lectern_frame_eval_finalize (GObject *object)
{
  LecternFrameEval *self = LECTERN_FRAME_EVAL (object);

  g_clear_pointer (&self->frames, g_hash_table_unref);

  G_OBJECT_CLASS (lectern_frame_eval_parent_class)->finalize (object);
}

static void
lectern_frame_eval_class_init (LecternFrameEvalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lectern_frame_eval_finalize;
}

static void
lectern_frame_eval_init (LecternFrameEval *self)
{
  self->frames = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) frame_entry_free);
}
