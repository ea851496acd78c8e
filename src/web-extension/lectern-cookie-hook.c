/* lectern-cookie-hook.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cookie-hook.h"

#include <string.h>

#include "lectern-cookie-evidence.h"
#include "lectern-ipc.h"

/* The hook: wraps Document.prototype's cookie setter with the original
 * getter and setter captured before any of the page's scripts ran, and
 * Reflect.apply, Error, String and the URL getter captured with them, so
 * that a page replacing any of them later cannot blind or fool it. Not configurable: the
 * page cannot put the original back. The report function is handed in as
 * an argument, never put where the page could find or call it. */
static const char hook_script[] =
  "(function (report) {\n"
  "  var descriptor = Object.getOwnPropertyDescriptor (Document.prototype, 'cookie');\n"
  "  if (!descriptor || !descriptor.set || !descriptor.get)\n"
  "    return;\n"
  "  var get = descriptor.get, set = descriptor.set, apply = Reflect.apply;\n"
  "  var url = Object.getOwnPropertyDescriptor (Document.prototype, 'URL').get;\n"
  "  var ErrorType = Error, StringType = String;\n"
  "  Object.defineProperty (Document.prototype, 'cookie', {\n"
  "    configurable: false,\n"
  "    enumerable: descriptor.enumerable,\n"
  "    get: function () { return apply (get, this, []); },\n"
  "    set: function (value) {\n"
  "      var text = StringType (value);\n"
  "      var result = apply (set, this, [text]);\n"
  "      try {\n"
  "        report (text, StringType (new ErrorType ().stack), apply (url, this, []));\n"
  "      } catch (e) {}\n"
  "      return result;\n"
  "    }\n"
  "  });\n"
  "})";

/* Longer assignments are not cookies a browser keeps. */
#define MAX_ASSIGNMENT_LENGTH 8192

typedef struct
{
  WebKitWebProcessExtension *extension;
  guint64                    page_id;
} HookData;

static void
cookie_written_cb (const char *assignment,
                   const char *stack,
                   const char *document_url,
                   HookData   *data)
{
  WebKitWebPage *page;
  g_autoptr(LecternCookieEvidence) evidence = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GUri) document = NULL;
  g_autofree char *name = NULL;
  g_autofree char *script = NULL;
  const char *page_uri;

  if (assignment == NULL || strlen (assignment) > MAX_ASSIGNMENT_LENGTH)
    return;

  page = webkit_web_process_extension_get_page (data->extension, data->page_id);
  if (page == NULL)
    return;

  page_uri = webkit_web_page_get_uri (page);
  name = lectern_cookie_evidence_dup_cookie_name (assignment);
  if (page_uri == NULL || name == NULL)
    return;

  /* Inline script has the document's own URL as its frame's. */
  script = stack != NULL ? lectern_cookie_evidence_dup_script_url (stack) : NULL;
  if (script == NULL && document_url != NULL &&
      (g_str_has_prefix (document_url, "http://") || g_str_has_prefix (document_url, "https://")))
    script = g_strdup (document_url);

  if (document_url != NULL)
    document = g_uri_parse (document_url, G_URI_FLAGS_NONE, NULL);

  evidence = lectern_cookie_evidence_new (name, document != NULL ? g_uri_get_host (document) : NULL,
                                          LECTERN_COOKIE_VIA_DOCUMENT_COOKIE, script, now);

  webkit_web_page_send_message_to_view (page,
                                        webkit_user_message_new (LECTERN_IPC_COOKIE_WRITTEN,
                                                                 g_variant_new ("(s@" LECTERN_COOKIE_EVIDENCE_VARIANT_TYPE ")",
                                                                                page_uri,
                                                                                lectern_cookie_evidence_to_variant (evidence))),
                                        NULL, NULL, NULL);
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
 * script's URL and the time.
 */
void
lectern_cookie_hook_install (WebKitWebProcessExtension *extension,
                             WebKitWebPage             *page,
                             WebKitFrame               *frame,
                             WebKitScriptWorld         *world)
{
  g_autoptr(JSCContext) context = NULL;
  g_autoptr(JSCValue) installer = NULL;
  g_autoptr(JSCValue) report = NULL;
  g_autoptr(JSCValue) result = NULL;
  HookData *data;

  g_return_if_fail (WEBKIT_IS_WEB_PAGE (page));
  g_return_if_fail (WEBKIT_IS_FRAME (frame));

  context = webkit_frame_get_js_context_for_script_world (frame, world);
  installer = jsc_context_evaluate (context, hook_script, -1);
  if (installer == NULL || !jsc_value_is_function (installer))
    return;

  /* The page is looked up by id on each write: the function may outlive
   * the page, and holding it would keep it alive. */
  data = g_new0 (HookData, 1);
  data->extension = extension;
  data->page_id = webkit_web_page_get_id (page);

  report = jsc_value_new_function (context, NULL, G_CALLBACK (cookie_written_cb), data, g_free,
                                   G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  result = jsc_value_function_call (installer, JSC_TYPE_VALUE, report, G_TYPE_NONE);
}
