/* lectern-cookie-hook.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-hook.h"

#include "lectern-cookie-evidence.h"
#include "lectern-ipc.h"

/* The hook: replaces Document.prototype's cookie setter, with the
 * original getter and setter captured before any of the page's scripts
 * ran, and Reflect.apply, String, Error, Proxy and the URL getter captured
 * with them, so that a page replacing any of them later cannot blind or
 * fool it. Not configurable: the page cannot put the original back.
 *
 * The new setter is a Proxy whose call trap is Lectern's C function, handed
 * in as an argument, never put where the page could find it: the trap
 * makes an Error with no script of Lectern's on the stack, so the engine
 * gives it the source URL of the writer's own frame. A stack written out
 * as text would not do: JavaScriptCore writes a function's `displayName`,
 * which the page sets to anything (a frame of another script, a line
 * break included), as the frame's name. The Proxy's target, which the
 * page cannot reach, writes the cookie as the page asked, then gives back
 * the assignment's length, its start and the document's URL. */
static const char hook_script[] =
  "(function (trap, limit) {\n"
  "  var descriptor = Object.getOwnPropertyDescriptor (Document.prototype, 'cookie');\n"
  "  if (!descriptor || !descriptor.set || !descriptor.get)\n"
  "    return;\n"
  "  var get = descriptor.get, set = descriptor.set, apply = Reflect.apply;\n"
  "  var url = Object.getOwnPropertyDescriptor (Document.prototype, 'URL').get;\n"
  "  var slice = String.prototype.slice, StringType = String, ProxyType = Proxy;\n"
  "  var write = function (document, value) {\n"
  "    var text = StringType (value);\n"
  "    apply (set, document, [text]);\n"
  "    return [text.length, apply (slice, text, [0, limit + 1]), apply (url, document, [])];\n"
  "  };\n"
  "  Object.defineProperty (write, 'ErrorType', { value: Error });\n"
  "  Object.defineProperty (Document.prototype, 'cookie', {\n"
  "    configurable: false,\n"
  "    enumerable: descriptor.enumerable,\n"
  "    get: function () { return apply (get, this, []); },\n"
  "    set: new ProxyType (write, { apply: trap })\n"
  "  });\n"
  "})";

typedef struct
{
  WebKitWebProcessExtension *extension;
  guint64                    page_id;
} HookData;

/* A page may write cookies by the thousand, in a loop: each write sent to
 * the view would keep both processes busy. The same write again (same
 * cookie, writer and host) is sent once; past this many different writes
 * in a document, writes are only counted, and the count is sent at most
 * once a second, as evidence of writes dropped. */
#define MAX_REPORTED_WRITES 256
#define DROPPED_INTERVAL_MS 1000

#define COOKIE_WRITES_KEY "lectern-cookie-writes"

/* The writes of the document in a page's main frame, and its frames'. */
typedef struct
{
  WebKitWebProcessExtension *extension;
  guint64                    page_id;
  /* "name\nby\nhost\ntoo long" of each write sent */
  GHashTable                *sent;
  /* Stands for the writes dropped: its count so far, the host and time
   * of the first one */
  LecternCookieEvidence     *dropped;
  guint                      n_dropped_sent;
  guint                      dropped_source;
} CookieWrites;

static CookieWrites *
cookie_writes_new (WebKitWebProcessExtension *extension,
                   WebKitWebPage             *page)
{
  CookieWrites *self = g_new0 (CookieWrites, 1);

  self->extension = extension;
  self->page_id = webkit_web_page_get_id (page);
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

static void
cookie_writes_free (CookieWrites *self)
{
  g_clear_handle_id (&self->dropped_source, g_source_remove);
  g_hash_table_unref (self->sent);
  g_clear_pointer (&self->dropped, lectern_cookie_evidence_free);
  g_free (self);
}

/* Starts the count of @page's writes anew, for a new document in its main
 * frame. */
static CookieWrites *
reset_cookie_writes (WebKitWebProcessExtension *extension,
                     WebKitWebPage             *page)
{
  CookieWrites *writes = cookie_writes_new (extension, page);

  g_object_set_data_full (G_OBJECT (page), COOKIE_WRITES_KEY, writes, (GDestroyNotify) cookie_writes_free);

  return writes;
}

static void
send_evidence (WebKitWebPage               *page,
               const LecternCookieEvidence *evidence)
{
  const char *page_uri = webkit_web_page_get_uri (page);

  if (page_uri == NULL)
    return;

  webkit_web_page_send_message_to_view (page,
                                        webkit_user_message_new (LECTERN_IPC_COOKIE_WRITTEN,
                                                                 g_variant_new ("(s@" LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE ")",
                                                                                page_uri,
                                                                                lectern_cookie_evidence_to_variant (evidence))),
                                        NULL, NULL, NULL);
}

static void
send_dropped (CookieWrites *self)
{
  WebKitWebPage *page = webkit_web_process_extension_get_page (self->extension, self->page_id);

  if (page == NULL || self->dropped->n_dropped == self->n_dropped_sent)
    return;

  self->n_dropped_sent = self->dropped->n_dropped;
  send_evidence (page, self->dropped);
}

static gboolean
send_dropped_cb (gpointer user_data)
{
  CookieWrites *self = user_data;

  send_dropped (self);

  /* Again while the page goes on writing; it may stop any time. */
  if (self->dropped->n_dropped != self->n_dropped_sent)
    return G_SOURCE_CONTINUE;

  self->dropped_source = 0;
  return G_SOURCE_REMOVE;
}

/* Returns: whether @evidence is to be sent: a write not sent before, while
 * the document has sent fewer than MAX_REPORTED_WRITES */
static gboolean
take_write (CookieWrites                *self,
            const LecternCookieEvidence *evidence)
{
  g_autofree char *key = NULL;

  key = g_strdup_printf ("%s\n%s\n%s\n%d", evidence->name != NULL ? evidence->name : "",
                         evidence->by != NULL ? evidence->by : "", evidence->host != NULL ? evidence->host : "",
                         evidence->too_long);
  if (g_hash_table_contains (self->sent, key))
    return FALSE;

  if (g_hash_table_size (self->sent) < MAX_REPORTED_WRITES)
    {
      g_hash_table_add (self->sent, g_steal_pointer (&key));
      return TRUE;
    }

  if (self->dropped == NULL)
    self->dropped = lectern_cookie_evidence_new (NULL, evidence->host, LECTERN_COOKIE_VIA_DOCUMENT_COOKIE,
                                                 NULL, evidence->time);
  self->dropped->n_dropped++;

  /* The first is said at once; the count follows. */
  if (self->n_dropped_sent == 0)
    send_dropped (self);
  if (self->dropped_source == 0)
    self->dropped_source = g_timeout_add (DROPPED_INTERVAL_MS, send_dropped_cb, self);

  return FALSE;
}

static char *
dup_string_at (JSCValue *array,
               guint     index)
{
  g_autoptr(JSCValue) value = jsc_value_object_get_property_at_index (array, index);

  return value != NULL && jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
}

/* Sends the view what was written, unless it was sent already or the
 * document wrote too much; @written is what the Proxy's target gave back. */
static void
report_write (HookData   *data,
              JSCValue   *written,
              const char *source_url)
{
  WebKitWebPage *page;
  g_autoptr(LecternCookieEvidence) evidence = NULL;
  g_autoptr(JSCValue) length = NULL;
  g_autofree char *assignment = NULL;
  g_autofree char *document_url = NULL;
  CookieWrites *writes;

  page = webkit_web_process_extension_get_page (data->extension, data->page_id);
  if (page == NULL)
    return;

  /* A main frame whose document runs no script may never have had its
   * window made: its frames' writes count from the first. */
  writes = g_object_get_data (G_OBJECT (page), COOKIE_WRITES_KEY);
  if (writes == NULL)
    writes = reset_cookie_writes (data->extension, page);

  length = jsc_value_object_get_property_at_index (written, 0);
  assignment = dup_string_at (written, 1);
  document_url = dup_string_at (written, 2);
  if (length == NULL || !jsc_value_is_number (length) || assignment == NULL)
    return;

  evidence = lectern_cookie_evidence_new_from_write (assignment, (gsize) jsc_value_to_double (length),
                                                     document_url, source_url, NULL);
  if (evidence != NULL && take_write (writes, evidence))
    send_evidence (page, evidence);
}

/* The setter's call trap: @write is the Proxy's target, @document what
 * the page wrote to, @arguments what it assigned. */
static void
cookie_written_cb (JSCValue *write,
                   JSCValue *document,
                   JSCValue *arguments,
                   HookData *data)
{
  JSCContext *context = jsc_value_get_context (write);
  g_autoptr(JSCValue) error_type = NULL;
  g_autoptr(JSCValue) error = NULL;
  g_autoptr(JSCValue) source = NULL;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(JSCValue) written = NULL;
  g_autofree char *source_url = NULL;

  /* What an earlier call left is not the page's answer to this one. */
  jsc_context_clear_exception (context);

  /* First, before any script of Lectern's runs: the first frame that
   * runs script is then the writer's. */
  error_type = jsc_value_object_get_property (write, "ErrorType");
  error = jsc_value_constructor_call (error_type, G_TYPE_NONE);
  source = error != NULL ? jsc_value_object_get_property (error, "sourceURL") : NULL;
  if (source != NULL && jsc_value_is_string (source))
    source_url = jsc_value_to_string (source);
  jsc_context_clear_exception (context);

  value = jsc_value_object_get_property_at_index (arguments, 0);
  written = jsc_value_function_call (write, JSC_TYPE_VALUE, document, JSC_TYPE_VALUE, value, G_TYPE_NONE);

  /* The page's own error (a value that cannot be made a string, or not a
   * document) is thrown back to it: nothing was written. */
  if (jsc_context_get_exception (context) != NULL || written == NULL || !jsc_value_is_array (written))
    return;

  report_write (data, written, source_url);
}

/**
 * lectern_cookie_hook_install:
 * @extension: the web process extension
 * @page: the page
 * @frame: a frame of @page whose window object was just cleared
 * @world: the page's own script world
 *
 * Installs the `document.cookie` hook in @frame before any of its
 * scripts runs: each write is sent to the view as
 * %LECTERN_IPC_COOKIE_WRITTEN, with the cookie's name, the writing
 * script's URL and the time; a write sent before is not sent again, and
 * past MAX_REPORTED_WRITES different writes in the page's document, only
 * their count is. A new document in the main frame starts the count anew.
 */
void
lectern_cookie_hook_install (WebKitWebProcessExtension *extension,
                             WebKitWebPage             *page,
                             WebKitFrame               *frame,
                             WebKitScriptWorld         *world)
{
  g_autoptr(JSCContext) context = NULL;
  g_autoptr(JSCValue) installer = NULL;
  g_autoptr(JSCValue) trap = NULL;
  g_autoptr(JSCValue) result = NULL;
  HookData *data;

  g_return_if_fail (WEBKIT_IS_WEB_PAGE (page));
  g_return_if_fail (WEBKIT_IS_FRAME (frame));

  if (webkit_frame_is_main_frame (frame))
    reset_cookie_writes (extension, page);

  context = webkit_frame_get_js_context_for_script_world (frame, world);
  installer = jsc_context_evaluate (context, hook_script, -1);
  if (installer == NULL || !jsc_value_is_function (installer))
    return;

  /* The page is looked up by id on each write: the function may outlive
   * the page, and holding it would keep it alive. */
  data = g_new0 (HookData, 1);
  data->extension = extension;
  data->page_id = webkit_web_page_get_id (page);

  trap = jsc_value_new_function (context, NULL, G_CALLBACK (cookie_written_cb), data, g_free,
                                 G_TYPE_NONE, 3, JSC_TYPE_VALUE, JSC_TYPE_VALUE, JSC_TYPE_VALUE);
  result = jsc_value_function_call (installer,
                                    JSC_TYPE_VALUE, trap,
                                    G_TYPE_UINT, LECTERN_COOKIE_ASSIGNMENT_MAX_LENGTH,
                                    G_TYPE_NONE);
}
