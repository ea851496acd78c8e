/* lectern-reader-mode.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-reader-mode.h"

#include <glib/gi18n.h>

#include "lectern-script-world.h"

/* Reader mode runs Mozilla Readability, its readerable check and DOMPurify
 * (copied from the pinned npm packages into the resources) in an isolated
 * script world of the page: the page's scripts share its DOM but not its
 * globals or DOM wrappers, so they cannot see the reader's functions or
 * change what they call. The world is named by a GUID drawn once per run of
 * the program, never the page's default world. What comes back is only
 * JSON; LecternArticle reads it again and decides everything shown. */

#define RESOURCE_PATH "/org/lectern/Lectern/"
#define SCRIPT_SOURCE_URI "resource:///org/lectern/Lectern/js/lectern-reader.js"

/**
 * lectern_reader_mode_get_world_name:
 *
 * Returns: the name of the script world reader mode runs in: a GUID made
 *   once per process, so no page can know it in advance
 */
const char *
lectern_reader_mode_get_world_name (void)
{
  return lectern_script_world_get_name (LECTERN_SCRIPT_WORLD_READER);
}

static char *
dup_resource_text (const char *name)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH, name, NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  /* Compiled into the program: missing means a broken build. */
  g_assert (bytes != NULL);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static char *
dup_scripts (const char * const *names)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *text = dup_resource_text (names[i]);

      g_string_append (str, text);
      g_string_append (str, "\n;\n");
    }

  return g_string_free (str, FALSE);
}

/* The check runs after every load, so it takes only what it needs. */
static const char *
get_check_scripts (void)
{
  static gsize initialized = 0;
  static char *scripts = NULL;

  if (g_once_init_enter (&initialized))
    {
      static const char * const names[] = { "js/Readability-readerable.js", "js/lectern-reader.js", NULL };

      scripts = dup_scripts (names);
      g_once_init_leave (&initialized, 1);
    }

  return scripts;
}

static const char *
get_extract_scripts (void)
{
  static gsize initialized = 0;
  static char *scripts = NULL;

  if (g_once_init_enter (&initialized))
    {
      static const char * const names[] = {
        "js/Readability-readerable.js", "js/Readability.js", "js/purify.min.js", "js/lectern-reader.js", NULL,
      };

      scripts = dup_scripts (names);
      g_once_init_leave (&initialized, 1);
    }

  return scripts;
}

static void
evaluate (WebKitWebView       *web_view,
          const char          *scripts,
          const char          *call,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          GTask               *task)
{
  g_autofree char *script = g_strconcat (scripts, call, NULL);

  webkit_web_view_evaluate_javascript (web_view, script, -1,
                                       lectern_reader_mode_get_world_name (),
                                       SCRIPT_SOURCE_URI, cancellable, callback, task);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JSCValue) value = NULL;
  GError *error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  if (value == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, jsc_value_is_boolean (value) && jsc_value_to_boolean (value));
}

/**
 * lectern_reader_mode_check_async:
 *
 * Asks Readability whether the page in @web_view is probably an article.
 */
void
lectern_reader_mode_check_async (WebKitWebView       *web_view,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));

  task = g_task_new (web_view, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_reader_mode_check_async);

  evaluate (web_view, get_check_scripts (), "lecternReader.readerable();", cancellable, check_cb, g_steal_pointer (&task));
}

/**
 * lectern_reader_mode_check_finish:
 *
 * Returns: whether the page is probably an article; %FALSE with @error
 *   set when the check could not run
 */
gboolean
lectern_reader_mode_check_finish (WebKitWebView  *web_view,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, web_view), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
extract_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autofree char *json = NULL;
  LecternArticle *article;
  GError *error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);

  if (value == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!jsc_value_is_string (value))
    {
      g_task_return_new_error (task, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_INVALID,
                               _("Reader mode did not return an article"));
      return;
    }

  json = jsc_value_to_string (value);
  article = lectern_article_new_from_json (json, &error);

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, (GDestroyNotify) lectern_article_free);
}

/**
 * lectern_reader_mode_extract_async:
 *
 * Extracts the article of the page in @web_view. The page itself is not
 * changed: Readability works on a copy of its document.
 */
void
lectern_reader_mode_extract_async (WebKitWebView       *web_view,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));

  task = g_task_new (web_view, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_reader_mode_extract_async);

  evaluate (web_view, get_extract_scripts (), "lecternReader.extract();", cancellable, extract_cb,
            g_steal_pointer (&task));
}

/**
 * lectern_reader_mode_extract_finish:
 *
 * Returns: (transfer full) (nullable): the article, or %NULL with
 *   %LECTERN_ARTICLE_ERROR_NOT_ARTICLE when the page is not one
 */
LecternArticle *
lectern_reader_mode_extract_finish (WebKitWebView  *web_view,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, web_view), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lectern_reader_mode_render:
 *
 * Returns: (transfer full): the reader page for @article, from the
 *   template and style sheet in the resources
 */
char *
lectern_reader_mode_render (LecternArticle          *article,
                            const LecternReaderLook *look)
{
  g_autofree char *template = dup_resource_text ("reader/reader.html");
  g_autofree char *css = dup_resource_text ("reader/reader.css");

  g_return_val_if_fail (article != NULL, NULL);

  return lectern_article_render_page (article, template, css, look);
}
