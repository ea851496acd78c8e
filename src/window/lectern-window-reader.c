/* lectern-window-reader.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lectern-party.h"
#include "lectern-reader-mode.h"
#include "lectern-start-page.h"
#include "lectern-uri.h"
#include "lectern-window-private.h"

/* The window's reader mode. The page stays loaded in its own view; the
 * reader page is shown in a second view stacked over it, which runs no
 * script at all (JavaScript is off in its settings, and the page's content
 * security policy allows none) and follows no link itself: a link opens in
 * the page view, and a picture's placeholder loads that picture. */

#define MIN_ZOOM 0.7
#define MAX_ZOOM 2.5
#define ZOOM_STEP 0.1

static LecternReaderTheme
current_theme (LecternWindow *self)
{
  if (g_str_equal (lectern_window_get_reader_theme (self), "light"))
    return LECTERN_READER_THEME_LIGHT;
  if (g_str_equal (lectern_window_get_reader_theme (self), "dark"))
    return LECTERN_READER_THEME_DARK;
  if (g_str_equal (lectern_window_get_reader_theme (self), "sepia"))
    return LECTERN_READER_THEME_SEPIA;

  /* "system": follow the desktop's dark style. */
  return adw_style_manager_get_dark (adw_style_manager_get_default ())
           ? LECTERN_READER_THEME_DARK : LECTERN_READER_THEME_LIGHT;
}

static gboolean reader_decide_policy_cb (LecternWindow            *self,
                                         WebKitPolicyDecision     *decision,
                                         WebKitPolicyDecisionType  type);

/* Made the first time reader mode is used: a window that never shows an
 * article costs no second view. */
static WebKitWebView *
ensure_reader_view (LecternWindow *self)
{
  WebKitSettings *settings;

  if (self->reader_view != NULL)
    return self->reader_view;

  /* Same session as the page (its proxy, its blocking), none of its
   * abilities: no script, no plugins, nothing but text and pictures. */
  self->reader_view = g_object_ref_sink (g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                                       "web-context", lectern_profile_get_web_context (self->profile),
                                                       "network-session", lectern_profile_get_network_session (self->profile),
                                                       NULL));
  settings = webkit_web_view_get_settings (self->reader_view);
  webkit_settings_set_enable_javascript (settings, FALSE);
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_media_playback_requires_user_gesture (settings, TRUE);
  webkit_settings_set_zoom_text_only (settings, TRUE);
  lectern_window_let_tab_leave_view (self->reader_view);
  g_signal_connect_object (self->reader_view, "decide-policy",
                           G_CALLBACK (reader_decide_policy_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->reader_view), "reader");
  webkit_web_view_set_zoom_level (self->reader_view, self->reader_zoom);

  return self->reader_view;
}

static void
render (LecternWindow *self)
{
  LecternReaderLook look = { 0 };
  g_autofree char *html = NULL;

  if (self->article == NULL)
    return;

  look.theme = current_theme (self);
  look.font = g_str_equal (lectern_window_get_reader_font (self), "sans") ? LECTERN_READER_FONT_SANS : LECTERN_READER_FONT_SERIF;
  look.font_size = 20;
  look.line_width = g_str_equal (lectern_window_get_reader_width (self), "narrow") ? 55
                    : g_str_equal (lectern_window_get_reader_width (self), "wide") ? 80 : 66;

  html = lectern_reader_mode_render (self->article, &look);

  /* A local page with no origin of its own: no cookie or referrer goes
   * with the pictures it loads. */
  webkit_web_view_load_html (ensure_reader_view (self), html, "about:blank");
}

static void
show_page (LecternWindow *self)
{
  gboolean reader_had_focus = self->reader_view != NULL && gtk_widget_has_focus (GTK_WIDGET (self->reader_view));

  gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->web_view));

  /* Keyboard scrolling goes on in the page the reader now sees. */
  if (reader_had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

static void
extract_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LecternWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LecternArticle *article;

  article = lectern_reader_mode_extract_finish (WEBKIT_WEB_VIEW (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (article == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE))
        message = g_strdup (_("Reader mode found no article on this page"));
      else
        /* Translators: %s is an error message */
        message = g_strdup_printf (_("Reader mode failed: %s"), error->message);

      lectern_window_show_message (self, message);
      lectern_window_set_reader_mode (self, FALSE);
      return;
    }

  g_clear_pointer (&self->article, lectern_article_free);
  self->article = article;

  if (!self->reader_mode)
    return;

  render (self);
  gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (ensure_reader_view (self)));
  gtk_widget_grab_focus (GTK_WIDGET (self->reader_view));
}

static LecternHistoryStore *
get_history_store (LecternWindow *self)
{
  return lectern_profile_get_history_store (self->profile);
}

static char *
dup_page_site (LecternWindow *self)
{
  const char *uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->web_view));

  if (uri == NULL || !(g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://")))
    return NULL;

  return lectern_party_dup_site_for_uri (uri);
}

/* An article was opened: it goes to the recent articles, and opens in
 * reader mode when the reader chose that for its site. */
static void
article_loaded (LecternWindow *self)
{
  LecternHistoryStore *store = get_history_store (self);
  WebKitWebView *view = WEBKIT_WEB_VIEW (self->web_view);
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;

  if (!lectern_history_store_add_article (store, webkit_web_view_get_uri (view),
                                          webkit_web_view_get_title (view), NULL, &error))
    g_debug ("Article not added to the recent ones: %s", error->message);

  if (lectern_window_get_reader_always (self))
    lectern_window_set_reader_mode (self, TRUE);
}

static void
check_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LecternWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean readerable;

  readerable = lectern_reader_mode_check_finish (WEBKIT_WEB_VIEW (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* A page the check cannot run in (an error page, a PDF) is no article. */
  if (error != NULL)
    g_debug ("Reader mode check failed: %s", error->message);

  if (self->readerable != readerable)
    {
      self->readerable = readerable;
      g_object_notify (G_OBJECT (self), "reader-available");
    }

  g_object_notify (G_OBJECT (self), "reader-always");
  lectern_window_actions_update (self);

  if (readerable)
    article_loaded (self);
}

static void
page_load_changed_cb (LecternWindow   *self,
                      WebKitLoadEvent  event)
{
  switch (event)
    {
    case WEBKIT_LOAD_STARTED:
      g_cancellable_cancel (self->reader_cancellable);
      g_clear_object (&self->reader_cancellable);
      g_clear_pointer (&self->article, lectern_article_free);
      lectern_window_set_reader_mode (self, FALSE);

      if (self->readerable)
        {
          self->readerable = FALSE;
          g_object_notify (G_OBJECT (self), "reader-available");
        }
      lectern_window_actions_update (self);
      break;

    case WEBKIT_LOAD_FINISHED:
      g_cancellable_cancel (self->reader_cancellable);
      g_clear_object (&self->reader_cancellable);
      self->reader_cancellable = g_cancellable_new ();
      lectern_reader_mode_check_async (WEBKIT_WEB_VIEW (self->web_view), self->reader_cancellable,
                                       check_cb, g_object_ref (self));
      break;

    case WEBKIT_LOAD_REDIRECTED:
    case WEBKIT_LOAD_COMMITTED:
    default:
      break;
    }
}

static gboolean
reader_decide_policy_cb (LecternWindow            *self,
                         WebKitPolicyDecision     *decision,
                         WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;
  GPtrArray *blocked;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* The reader page itself, loaded from memory. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_OTHER &&
      g_strcmp0 (uri, "about:blank") == 0)
    return FALSE;

  webkit_policy_decision_ignore (decision);

  if (!webkit_navigation_action_is_user_gesture (action) || self->article == NULL || uri == NULL)
    return TRUE;

  /* A placeholder: load the picture it stands for, and only that one. */
  blocked = lectern_article_get_blocked_images (self->article);
  if (g_ptr_array_find_with_equal_func (blocked, uri, g_str_equal, NULL))
    {
      lectern_article_allow_image (self->article, uri);
      render (self);
      return TRUE;
    }

  if (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"))
    lectern_window_load_uri (self, uri);

  return TRUE;
}

/* The start page links to the demo article, which has no server. */
static gboolean
page_decide_policy_cb (LecternWindow            *self,
                       WebKitPolicyDecision     *decision,
                       WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;

  if (type != WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION || !self->showing_start_page)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  if (webkit_navigation_action_get_navigation_type (action) != WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
      g_strcmp0 (webkit_uri_request_get_uri (webkit_navigation_action_get_request (action)), LECTERN_DEMO_URI) != 0)
    return FALSE;

  webkit_policy_decision_ignore (decision);
  lectern_window_load_demo (self);

  return TRUE;
}

static void
page_uri_changed_cb (LecternWindow *self)
{
  const char *uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->web_view));

  self->showing_start_page = g_strcmp0 (uri, LECTERN_START_PAGE_URI) == 0;
}

/**
 * lectern_window_load_start_page:
 *
 * Shows the recent articles and the demo article; with no recent article
 * yet, the demo article itself.
 */
void
lectern_window_load_start_page (LecternWindow *self)
{
  LecternHistoryStore *store;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LECTERN_IS_WINDOW (self));

  store = get_history_store (self);
  if (store != NULL)
    recent = lectern_history_store_dup_recent (store, 30, &error);

  if (recent == NULL || recent->len == 0)
    {
      lectern_window_load_demo (self);
      return;
    }

  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self->web_view), LECTERN_START_PAGE_URI);
}

static void
show_start_page_again (LecternWindow *self)
{
  if (self->showing_start_page)
    lectern_window_load_start_page (self);
}

static void
clear_toast_dismissed_cb (LecternWindow *self,
                          AdwToast      *toast)
{
  if (toast != self->clear_toast)
    return;

  self->clear_toast = NULL;
  g_clear_pointer (&self->cleared_articles, g_ptr_array_unref);
  lectern_window_actions_update (self);
}

/**
 * lectern_window_clear_recent_articles:
 *
 * Forgets the recent articles, and shows the start page again if it is
 * on screen. Until its toast is gone, the toast's Undo brings them back.
 */
void
lectern_window_clear_recent_articles (LecternWindow *self)
{
  LecternHistoryStore *store;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_return_if_fail (LECTERN_IS_WINDOW (self));

  store = get_history_store (self);
  if (store == NULL)
    return;

  recent = lectern_history_store_dup_recent (store, G_MAXUINT, &error);
  if (recent == NULL || !lectern_history_store_clear (store, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is an error message */
      message = g_strdup_printf (_("The recent articles could not be cleared: %s"), error->message);
      lectern_window_show_message (self, message);
      return;
    }

  /* Cleared twice before the first toast went, Undo brings back both. */
  if (self->cleared_articles != NULL)
    g_ptr_array_extend_and_steal (recent, g_steal_pointer (&self->cleared_articles));
  self->cleared_articles = g_steal_pointer (&recent);

  toast = adw_toast_new (_("Recent articles cleared"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo-clear-recent-articles");
  /* It is what the reader just did: shown now, before other news. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (clear_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  self->clear_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);

  lectern_window_actions_update (self);
  show_start_page_again (self);
}

/**
 * lectern_window_restore_recent_articles:
 *
 * Brings back the recent articles the last clearing forgot, each as read
 * when it was.
 */
void
lectern_window_restore_recent_articles (LecternWindow *self)
{
  LecternHistoryStore *store = get_history_store (self);
  g_autoptr(GPtrArray) cleared = g_steal_pointer (&self->cleared_articles);
  g_autoptr(GError) error = NULL;

  if (store == NULL || cleared == NULL)
    return;

  /* The oldest first: articles read at the same second keep their order. */
  for (guint i = cleared->len; i > 0 && error == NULL; i--)
    {
      LecternHistoryEntry *entry = g_ptr_array_index (cleared, i - 1);

      lectern_history_store_add_article (store, entry->url, entry->title, entry->read, &error);
    }

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: %s is an error message */
      message = g_strdup_printf (_("The recent articles could not be brought back: %s"), error->message);
      lectern_window_show_message (self, message);
    }

  lectern_window_actions_update (self);
  show_start_page_again (self);
}

gboolean
lectern_window_get_reader_always (LecternWindow *self)
{
  LecternHistoryStore *store;
  g_autofree char *site = NULL;

  g_return_val_if_fail (LECTERN_IS_WINDOW (self), FALSE);

  /* Asked while the window is still being built. */
  if (self->web_view == NULL || (site = dup_page_site (self)) == NULL)
    return FALSE;

  store = get_history_store (self);

  return store != NULL && lectern_history_store_get_always_reader (store, site);
}

/**
 * lectern_window_set_reader_always:
 *
 * Remembers whether articles of the site on screen open in reader mode,
 * and turns it on now when asked for.
 */
void
lectern_window_set_reader_always (LecternWindow *self,
                                  gboolean       always)
{
  LecternHistoryStore *store;
  g_autofree char *site = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LECTERN_IS_WINDOW (self));

  always = !!always;
  store = get_history_store (self);
  site = dup_page_site (self);

  if (store == NULL || site == NULL || lectern_window_get_reader_always (self) == always)
    return;

  if (!lectern_history_store_set_always_reader (store, site, always, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is an error message */
      message = g_strdup_printf (_("The choice could not be saved: %s"), error->message);
      lectern_window_show_message (self, message);
      return;
    }

  g_object_notify (G_OBJECT (self), "reader-always");

  if (always)
    lectern_window_set_reader_mode (self, TRUE);
}

/* A link, an address or a file dropped anywhere on the window opens in it. */
static gboolean
drop_cb (LecternWindow *self,
         const GValue  *value,
         double         x,
         double         y)
{
  g_autofree char *text = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      if (files == NULL)
        return FALSE;
      text = g_file_get_uri (files->data);
    }
  else if (G_VALUE_HOLDS_STRING (value) && g_value_get_string (value) != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (g_value_get_string (value), "\n", 2);

      text = g_strstrip (g_strdup (lines[0] ? lines[0] : ""));
    }
  else
    return FALSE;

  uri = lectern_uri_normalize (text, &error);
  if (uri == NULL)
    {
      lectern_window_show_message (self, error->message);
      return FALSE;
    }

  lectern_window_load_uri (self, uri);

  return TRUE;
}

static void
dark_changed_cb (LecternWindow *self)
{
  if (g_str_equal (lectern_window_get_reader_theme (self), "system"))
    render (self);
}

static void
apply_zoom (LecternWindow *self)
{
  if (self->reader_view != NULL)
    webkit_web_view_set_zoom_level (self->reader_view, self->reader_zoom);
}

gboolean
lectern_window_get_reader_mode (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), FALSE);

  return self->reader_mode;
}

/**
 * lectern_window_set_reader_mode:
 *
 * Shows the page's article in the reader view, or the page again. Reader
 * mode can only be turned on when the page is probably an article.
 */
void
lectern_window_set_reader_mode (LecternWindow *self,
                                gboolean       reader_mode)
{
  g_return_if_fail (LECTERN_IS_WINDOW (self));

  reader_mode = !!reader_mode;
  if (reader_mode && !self->readerable)
    reader_mode = FALSE;

  if (self->reader_mode == reader_mode)
    return;

  self->reader_mode = reader_mode;

  if (!reader_mode)
    show_page (self);
  else if (self->article != NULL)
    {
      render (self);
      gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (ensure_reader_view (self)));
    }
  else
    {
      if (self->reader_cancellable == NULL)
        self->reader_cancellable = g_cancellable_new ();
      lectern_reader_mode_extract_async (WEBKIT_WEB_VIEW (self->web_view), self->reader_cancellable,
                                         extract_cb, g_object_ref (self));
    }

  g_object_notify (G_OBJECT (self), "reader-mode");
  lectern_window_actions_update (self);
}

gboolean
lectern_window_get_reader_available (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), FALSE);

  return self->readerable;
}

/**
 * lectern_window_get_reader_view:
 *
 * Returns: (transfer none): the view that shows the reader page, made on
 *   first use
 */
WebKitWebView *
lectern_window_get_reader_view (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return ensure_reader_view (self);
}

const char *
lectern_window_get_reader_theme (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  /* Menus ask for it while the window's template is still being built. */
  return self->reader_theme ? self->reader_theme : "system";
}

/**
 * lectern_window_set_reader_theme:
 * @theme: "system", "light", "dark" or "sepia"
 */
void
lectern_window_set_reader_theme (LecternWindow *self,
                                 const char    *theme)
{
  static const char * const themes[] = { "system", "light", "dark", "sepia", NULL };

  g_return_if_fail (LECTERN_IS_WINDOW (self));
  g_return_if_fail (theme != NULL);

  if (!g_strv_contains (themes, theme) || g_strcmp0 (self->reader_theme, theme) == 0)
    return;

  g_free (self->reader_theme);
  self->reader_theme = g_strdup (theme);
  render (self);
  g_object_notify (G_OBJECT (self), "reader-theme");
}

const char *
lectern_window_get_reader_font (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return self->reader_font ? self->reader_font : "serif";
}

/**
 * lectern_window_set_reader_font:
 * @font: "serif" or "sans"
 */
void
lectern_window_set_reader_font (LecternWindow *self,
                                const char    *font)
{
  g_return_if_fail (LECTERN_IS_WINDOW (self));
  g_return_if_fail (font != NULL);

  if (!(g_str_equal (font, "serif") || g_str_equal (font, "sans")) || g_strcmp0 (self->reader_font, font) == 0)
    return;

  g_free (self->reader_font);
  self->reader_font = g_strdup (font);
  render (self);
  g_object_notify (G_OBJECT (self), "reader-font");
}

const char *
lectern_window_get_reader_width (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return self->reader_width ? self->reader_width : "medium";
}

/**
 * lectern_window_set_reader_width:
 * @width: "narrow", "medium" or "wide"
 */
void
lectern_window_set_reader_width (LecternWindow *self,
                                 const char    *width)
{
  static const char * const widths[] = { "narrow", "medium", "wide", NULL };

  g_return_if_fail (LECTERN_IS_WINDOW (self));
  g_return_if_fail (width != NULL);

  if (!g_strv_contains (widths, width) || g_strcmp0 (self->reader_width, width) == 0)
    return;

  g_free (self->reader_width);
  self->reader_width = g_strdup (width);
  render (self);
  g_object_notify (G_OBJECT (self), "reader-width");
}

double
lectern_window_get_reader_zoom (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), 1.0);

  return self->reader_zoom;
}

/**
 * lectern_window_zoom_reader:
 * @steps: how many steps larger (negative: smaller); 0 resets
 *
 * Changes the reader's text size; the place in the article is kept.
 */
void
lectern_window_zoom_reader (LecternWindow *self,
                            int            steps)
{
  double zoom;

  g_return_if_fail (LECTERN_IS_WINDOW (self));

  zoom = steps == 0 ? 1.0 : CLAMP (self->reader_zoom + steps * ZOOM_STEP, MIN_ZOOM, MAX_ZOOM);

  if (G_APPROX_VALUE (zoom, self->reader_zoom, 0.001))
    return;

  self->reader_zoom = zoom;
  apply_zoom (self);
  lectern_window_actions_update (self);
}

void
lectern_window_reader_init (LecternWindow *self)
{
  GSettings *settings = lectern_profile_get_settings (self->profile);

  self->reader_theme = g_strdup ("system");
  self->reader_font = g_strdup ("serif");
  self->reader_width = g_strdup ("medium");
  self->reader_zoom = 1.0;

  self->view_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->view_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->view_stack), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->view_stack), TRUE);
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->web_view), "page");
  gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->web_view));
  gtk_box_append (self->content_box, GTK_WIDGET (self->view_stack));

  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (page_load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (page_decide_policy_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::uri", G_CALLBACK (page_uri_changed_cb), self, G_CONNECT_SWAPPED);

  {
    GType types[] = { GDK_TYPE_FILE_LIST, G_TYPE_STRING };
    GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);

    /* Captured before the web view, which would otherwise open the drop
     * itself, outside the address entry and the window's checks. */
    gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
    gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (target), GTK_PHASE_CAPTURE);
    g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  /* The reader's look is a preference, the same in every window. */
  if (settings != NULL)
    {
      g_settings_bind (settings, "reader-theme", self, "reader-theme", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "reader-font", self, "reader-font", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "reader-width", self, "reader-width", G_SETTINGS_BIND_DEFAULT);
    }
}

void
lectern_window_reader_dispose (LecternWindow *self)
{
  g_cancellable_cancel (self->reader_cancellable);
  g_clear_object (&self->reader_cancellable);
  g_clear_pointer (&self->article, lectern_article_free);
  g_clear_pointer (&self->cleared_articles, g_ptr_array_unref);
  self->clear_toast = NULL;

  if (self->reader_view != NULL)
    webkit_web_view_stop_loading (self->reader_view);
  g_clear_object (&self->reader_view);
  g_clear_pointer (&self->reader_theme, g_free);
  g_clear_pointer (&self->reader_font, g_free);
  g_clear_pointer (&self->reader_width, g_free);
}
