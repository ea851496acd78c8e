/* lectern-window.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-window-private.h"

#include <glib/gi18n.h>

#include "lectern-start-page.h"
#include "lectern-uri.h"

G_DEFINE_FINAL_TYPE (LecternWindow, lectern_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROFILE,
  PROP_SIDEBAR_VISIBLE,
  PROP_READER_MODE,
  PROP_READER_AVAILABLE,
  PROP_READER_THEME,
  PROP_READER_FONT,
  PROP_READER_ALWAYS,
  PROP_READER_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void show_startup_message (LecternWindow *self);

/**
 * lectern_window_new:
 * @application: the application the window belongs to
 * @profile: the profile whose pages the window shows
 *
 * Returns: (transfer none): a new window
 */
LecternWindow *
lectern_window_new (GtkApplication *application,
                    LecternProfile *profile)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LECTERN_IS_PROFILE (profile), NULL);

  return g_object_new (LECTERN_TYPE_WINDOW,
                       "application", application,
                       "profile", profile,
                       NULL);
}

LecternProfile *
lectern_window_get_profile (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return self->profile;
}

LecternWebView *
lectern_window_get_web_view (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return self->web_view;
}

/**
 * lectern_window_show_message:
 * @self: a #LecternWindow
 * @message: plain text, which may name addresses and pages' words
 *
 * Shows @message in a toast, as it is.
 */
void
lectern_window_show_message (LecternWindow *self,
                             const char    *message)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (LECTERN_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* A toast's title is Pango markup in libadwaita 1.2, which has no way
   * to turn that off: an address with "&" or a page's "<b>" would show
   * wrong, or not at all. */
  title = g_markup_escape_text (message, -1);
  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
lectern_window_load_uri (LecternWindow *self,
                         const char    *uri)
{
  g_return_if_fail (LECTERN_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), uri);
  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (self->web_view), uri);
  gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

void
lectern_window_load_demo (LecternWindow *self)
{
  g_return_if_fail (LECTERN_IS_WINDOW (self));

  lectern_web_view_load_demo (self->web_view);
  gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

gboolean
lectern_window_get_sidebar_visible (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), FALSE);

  /* The sidebar button asks while the window's template is still being
   * built; the flap starts revealed. */
  return self->flap == NULL || adw_flap_get_reveal_flap (self->flap);
}

/**
 * lectern_window_set_sidebar_visible:
 * @visible: whether to show the sidebar: beside the page, or over it in a
 *   narrow window
 */
void
lectern_window_set_sidebar_visible (LecternWindow *self,
                                    gboolean       visible)
{
  g_return_if_fail (LECTERN_IS_WINDOW (self));

  adw_flap_set_reveal_flap (self->flap, visible);
}

/* The flap hides the sidebar itself when it folds, shows it when it
 * unfolds, and hides it on a click beside it: its state is the window's,
 * which the sidebar button shows. */
static void
reveal_flap_changed_cb (LecternWindow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

/**
 * lectern_window_save_screenshot:
 * @window: a Lectern window or dialog
 *
 * Saves @window as it is drawn now, web view and sidebar included, as a
 * PNG file.
 */
gboolean
lectern_window_save_screenshot (GtkWindow   *window,
                                const char  *path,
                                GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  int width;
  int height;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));

  if (width <= 0 || height <= 0 || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The window is not shown yet"));
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  if (node == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (!gdk_texture_save_to_png (texture, path))
    {
      /* Translators: %s is a file path */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the screenshot to %s"), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * lectern_window_let_tab_leave_view:
 * @view: a web view of the window
 *
 * WebKitGTK keeps a hidden text view inside each web view, which turns
 * keys into editing commands. When Tab leaves the page's last link, the
 * page hands focus back to the window, and GTK would give it to that text
 * view, where Tab then stays for good: it must never take focus, so that
 * focus goes on to the sidebar.
 */
void
lectern_window_let_tab_leave_view (WebKitWebView *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TEXT_VIEW (child))
        gtk_widget_set_can_focus (child, FALSE);
    }
}

/* Tab in the page goes to the web process first. When it leaves the
 * page's last link, the page hands focus back to the window, and WebKit
 * then passes the same key on as one the page did not use: moved twice,
 * focus would skip the sidebar's first control. The second delivery of
 * that key press is dropped. */
static gboolean
tab_pressed_cb (LecternWindow         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint32 time;

  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_ISO_Left_Tab && keyval != GDK_KEY_KP_Tab)
    return GDK_EVENT_PROPAGATE;

  time = gdk_event_get_time (event);

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view_stack)))
    {
      self->page_tab_time = time;
      return GDK_EVENT_PROPAGATE;
    }

  return time == self->page_tab_time ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

static void
address_activate_cb (LecternWindow *self,
                     GtkEntry      *entry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;

  uri = lectern_uri_normalize (gtk_editable_get_text (GTK_EDITABLE (entry)), &error);

  if (uri == NULL)
    {
      lectern_window_show_message (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }

  lectern_window_load_uri (self, uri);
}

static void
update_address (LecternWindow *self)
{
  const char *uri = self->failed_uri != NULL ? self->failed_uri
                                             : webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->web_view));

  /* Never overwrite what the reader is typing. */
  if (gtk_widget_has_focus (GTK_WIDGET (self->address_entry)) ||
      gtk_widget_is_focus (GTK_WIDGET (self->address_entry)))
    return;

  /* The start page is Lectern's own: an address there would say nothing. */
  if (g_strcmp0 (uri, LECTERN_START_PAGE_URI) == 0)
    uri = NULL;

  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), uri ? uri : "");
  /* Whether the page came over a secure connection; no page, no lock. */
  gtk_entry_set_icon_from_icon_name (self->address_entry, GTK_ENTRY_ICON_PRIMARY,
                                     uri == NULL || uri[0] == '\0' ? NULL
                                     : g_str_has_prefix (uri, "https://") ? "channel-secure-symbolic"
                                     : "channel-insecure-symbolic");
}

static void
uri_changed_cb (LecternWindow *self)
{
  update_address (self);
  lectern_window_actions_update (self);
}

static void
title_changed_cb (LecternWindow *self)
{
  const char *title = webkit_web_view_get_title (WEBKIT_WEB_VIEW (self->web_view));
  const char *uri = webkit_web_view_get_uri (WEBKIT_WEB_VIEW (self->web_view));

  if (title != NULL && title[0] != '\0' && g_strcmp0 (uri, LECTERN_START_PAGE_URI) != 0)
    {
      /* Translators: the window title; %s is the page's title */
      g_autofree char *window_title = g_strdup_printf (_("%s — Lectern"), title);

      gtk_window_set_title (GTK_WINDOW (self), window_title);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Lectern"));
}

static void
progress_changed_cb (LecternWindow *self)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (self->web_view);
  double progress = webkit_web_view_get_estimated_load_progress (view);

  gtk_entry_set_progress_fraction (self->address_entry,
                                   webkit_web_view_is_loading (view) && progress < 1.0 ? progress : 0.0);
}

static void
loading_changed_cb (LecternWindow *self)
{
  gboolean loading = webkit_web_view_is_loading (WEBKIT_WEB_VIEW (self->web_view));

  gtk_stack_set_visible_child_name (self->reload_stop_stack, loading ? "stop" : "reload");
  progress_changed_cb (self);
  lectern_window_actions_update (self);
}

static void
add_error_page (LecternWindow *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Try Again"));

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.reload");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_child (self->error_page, button);
  gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->error_page), "error");
}

/* What went wrong with @uri, and a button to load it again, in place of
 * the page. */
static void
show_error_page (LecternWindow *self,
                 const char    *uri,
                 const char    *icon_name,
                 const char    *title,
                 const char    *what,
                 const char    *button_label)
{
  g_autofree char *description = NULL;

  g_free (self->failed_uri);
  self->failed_uri = g_strdup (uri);

  description = g_markup_printf_escaped ("%s\n<small>%s</small>", what, uri);
  adw_status_page_set_icon_name (self->error_page, icon_name);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, description);
  gtk_button_set_label (GTK_BUTTON (adw_status_page_get_child (self->error_page)), button_label);
  gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->error_page));

  update_address (self);
  lectern_window_actions_update (self);
}

/* What failed, the address and Try Again, in place of the page: the
 * document before is still in the view, under it, and Back returns to it. */
static void
show_load_error (LecternWindow *self,
                 const char    *failing_uri,
                 const GError  *error)
{
  self->crashed = FALSE;
  show_error_page (self, failing_uri, "network-error-symbolic", _("This Page Could Not Be Loaded"),
                   error->message, _("_Try Again"));
}

/* The page's web process ended again right after the page was loaded
 * again: the view is blank. What happened, the address and Reload, in
 * its place; Back goes back in the history. */
static void
page_crashed_cb (LecternWindow                     *self,
                 const char                        *uri,
                 WebKitWebProcessTerminationReason  reason)
{
  const char *what;

  if (uri == NULL)
    return;

  what = reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
         ? _("The page used too much memory again right after it was loaded again, so it was stopped.")
         : _("The page crashed again right after it was loaded again.");

  self->crashed = TRUE;
  show_error_page (self, uri, "computer-fail-symbolic", _("This Page Keeps Crashing"), what, _("_Reload"));
}

static void
hide_load_error (LecternWindow *self)
{
  if (self->failed_uri == NULL)
    return;

  self->crashed = FALSE;
  g_clear_pointer (&self->failed_uri, g_free);
  gtk_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->web_view));
  update_address (self);
  lectern_window_actions_update (self);
}

/**
 * lectern_window_get_failed_uri:
 * @self: a #LecternWindow
 *
 * Returns: (nullable): the address whose load failed, while the window
 *   shows what went wrong in place of the page
 */
const char *
lectern_window_get_failed_uri (LecternWindow *self)
{
  g_return_val_if_fail (LECTERN_IS_WINDOW (self), NULL);

  return self->failed_uri;
}

/**
 * lectern_window_leave_load_error:
 * @self: a #LecternWindow
 *
 * Takes the reader from a failed load back to the page still in the view.
 */
void
lectern_window_leave_load_error (LecternWindow *self)
{
  g_return_if_fail (LECTERN_IS_WINDOW (self));

  if (self->failed_uri == NULL)
    return;

  hide_load_error (self);
  lectern_web_view_return_to_page (self->web_view);
}

static void
page_load_changed_cb (LecternWindow   *self,
                      WebKitLoadEvent  event)
{
  if (event == WEBKIT_LOAD_STARTED)
    hide_load_error (self);
}

static gboolean
load_failed_cb (LecternWindow   *self,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return FALSE;

  /* Before it committed, nothing of the page is on screen. */
  if (event != WEBKIT_LOAD_COMMITTED && event != WEBKIT_LOAD_FINISHED)
    {
      show_load_error (self, failing_uri, error);
      return TRUE;
    }

  /* Translators: %s is an error message */
  message = g_strdup_printf (_("The page could not be loaded: %s"), error->message);
  lectern_window_show_message (self, message);

  /* WebKit's own error page explains the failure in the view. */
  return FALSE;
}

static void
startup_toast_dismissed_cb (LecternWindow *self)
{
  self->startup_toast = NULL;
}

/* Called again as parts of the profile that load later report: one toast
 * at a time, whose details show the whole message as it is then. */
static void
show_startup_message (LecternWindow *self)
{
  const char *message = lectern_profile_get_startup_message (self->profile);
  AdwToast *toast;

  if (message == NULL || self->startup_toast != NULL)
    return;

  /* Data set aside or not loaded is worth reading in full, which a toast's
   * single line cannot hold: it offers the details and stays until the
   * reader dismisses it. */
  toast = adw_toast_new (_("Some saved data could not be read"));
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-startup-details");
  adw_toast_set_timeout (toast, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (startup_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  self->startup_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The page view needs the profile, known once the construct properties
 * are set. */
static void
lectern_window_constructed (GObject *object)
{
  LecternWindow *self = LECTERN_WINDOW (object);

  G_OBJECT_CLASS (lectern_window_parent_class)->constructed (object);

  g_assert (self->profile != NULL);

  self->web_view = g_object_ref_sink (lectern_web_view_new (self->profile));
  gtk_widget_set_hexpand (GTK_WIDGET (self->web_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->web_view), TRUE);
  lectern_window_let_tab_leave_view (WEBKIT_WEB_VIEW (self->web_view));
  lectern_window_reader_init (self);
  add_error_page (self);

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect_object (keys, "key-pressed", G_CALLBACK (tab_pressed_cb), self, G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }

  lectern_sidebar_set_web_view (self->sidebar, self->web_view);

  g_signal_connect_object (self->web_view, "notify::uri", G_CALLBACK (uri_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::title", G_CALLBACK (title_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::estimated-load-progress",
                           G_CALLBACK (progress_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "notify::is-loading", G_CALLBACK (loading_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (page_load_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "page-crashed", G_CALLBACK (page_crashed_cb), self, G_CONNECT_SWAPPED);

  lectern_window_actions_init (self);
  show_startup_message (self);
  g_signal_connect_object (self->profile, "notify::startup-message",
                           G_CALLBACK (show_startup_message), self, G_CONNECT_SWAPPED);
}

static void
lectern_window_dispose (GObject *object)
{
  LecternWindow *self = LECTERN_WINDOW (object);

  if (self->web_view != NULL)
    webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (self->web_view));

  lectern_window_reader_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_WINDOW);
  g_clear_object (&self->web_view);
  g_clear_object (&self->site_actions);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->failed_uri, g_free);

  G_OBJECT_CLASS (lectern_window_parent_class)->dispose (object);
}

static void
lectern_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LecternWindow *self = LECTERN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, lectern_window_get_sidebar_visible (self));
      break;

    case PROP_READER_MODE:
      g_value_set_boolean (value, lectern_window_get_reader_mode (self));
      break;

    case PROP_READER_AVAILABLE:
      g_value_set_boolean (value, lectern_window_get_reader_available (self));
      break;

    case PROP_READER_THEME:
      g_value_set_string (value, lectern_window_get_reader_theme (self));
      break;

    case PROP_READER_FONT:
      g_value_set_string (value, lectern_window_get_reader_font (self));
      break;

    case PROP_READER_ALWAYS:
      g_value_set_boolean (value, lectern_window_get_reader_always (self));
      break;

    case PROP_READER_WIDTH:
      g_value_set_string (value, lectern_window_get_reader_width (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LecternWindow *self = LECTERN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;

    case PROP_SIDEBAR_VISIBLE:
      lectern_window_set_sidebar_visible (self, g_value_get_boolean (value));
      break;

    case PROP_READER_MODE:
      lectern_window_set_reader_mode (self, g_value_get_boolean (value));
      break;

    case PROP_READER_THEME:
      lectern_window_set_reader_theme (self, g_value_get_string (value));
      break;

    case PROP_READER_FONT:
      lectern_window_set_reader_font (self, g_value_get_string (value));
      break;

    case PROP_READER_ALWAYS:
      lectern_window_set_reader_always (self, g_value_get_boolean (value));
      break;

    case PROP_READER_WIDTH:
      lectern_window_set_reader_width (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_window_class_init (LecternWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lectern_window_constructed;
  object_class->dispose = lectern_window_dispose;
  object_class->get_property = lectern_window_get_property;
  object_class->set_property = lectern_window_set_property;

  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL,
                         LECTERN_TYPE_PROFILE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READER_MODE] =
    g_param_spec_boolean ("reader-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READER_AVAILABLE] =
    g_param_spec_boolean ("reader-available", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_READER_THEME] =
    g_param_spec_string ("reader-theme", NULL, NULL,
                         "system",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READER_FONT] =
    g_param_spec_string ("reader-font", NULL, NULL,
                         "serif",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READER_ALWAYS] =
    g_param_spec_boolean ("reader-always", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_READER_WIDTH] =
    g_param_spec_string ("reader-width", NULL, NULL,
                         "medium",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LECTERN_TYPE_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, reload_stop_stack);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, address_entry);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, LecternWindow, sidebar);
  gtk_widget_class_bind_template_callback (widget_class, address_activate_cb);

  lectern_window_class_actions_init (klass);
}

static void
lectern_window_init (LecternWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (reveal_flap_changed_cb), self,
                           G_CONNECT_SWAPPED);
}
