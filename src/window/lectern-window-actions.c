/* lectern-window-actions.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lectern-consent-receipt.h"
#include "lectern-window-private.h"

/* From a failed load, Back is the page still in the view; from a page
 * that crashed, the page before it. */
static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);

  if (self->failed_uri != NULL && !self->crashed)
    lectern_window_leave_load_error (self);
  else
    webkit_web_view_go_back (WEBKIT_WEB_VIEW (self->web_view));
}

static void
go_forward_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  webkit_web_view_go_forward (WEBKIT_WEB_VIEW (LECTERN_WINDOW (widget)->web_view));
}

/* From a failed load, reloading tries the failed address again. */
static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);

  if (self->failed_uri != NULL)
    {
      g_autofree char *uri = g_strdup (self->failed_uri);

      lectern_window_load_uri (self, uri);
    }
  else
    lectern_web_view_reload_page (self->web_view);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  webkit_web_view_stop_loading (WEBKIT_WEB_VIEW (LECTERN_WINDOW (widget)->web_view));
}

static void
focus_address_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->address_entry), 0, -1);
}

/* The window's panes in the order F6 goes through them, as in GNOME Web. */
typedef enum
{
  PANE_ADDRESS,
  PANE_PAGE,
  PANE_SIDEBAR,
  N_PANES
} Pane;

static GtkWidget *
get_pane_widget (LecternWindow *self,
                 Pane           pane)
{
  switch (pane)
    {
    case PANE_ADDRESS:
      return GTK_WIDGET (self->address_entry);
    case PANE_PAGE:
      return gtk_stack_get_visible_child (self->view_stack);
    case PANE_SIDEBAR:
      return GTK_WIDGET (self->sidebar);
    case N_PANES:
    default:
      g_assert_not_reached ();
    }
}

static int
find_focused_pane (LecternWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  for (Pane pane = 0; pane < N_PANES && focus != NULL; pane++)
    {
      GtkWidget *widget = get_pane_widget (self, pane);

      if (focus == widget || gtk_widget_is_ancestor (focus, widget))
        return pane;
    }

  return -1;
}

static gboolean
focus_pane (LecternWindow *self,
            Pane           pane)
{
  GtkWidget *widget = get_pane_widget (self, pane);

  switch (pane)
    {
    case PANE_ADDRESS:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.focus-address", NULL);
      return TRUE;

    case PANE_PAGE:
      return gtk_widget_grab_focus (widget);

    case PANE_SIDEBAR:
      /* A hidden sidebar is passed over. */
      return adw_flap_get_reveal_flap (self->flap) && gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);

    case N_PANES:
    default:
      g_assert_not_reached ();
    }
}

static void
focus_next_pane (LecternWindow *self,
                 int            step)
{
  int current = find_focused_pane (self);

  /* From a header bar button, forward starts at the address and backward
   * at the sidebar. */
  if (current < 0)
    current = step > 0 ? N_PANES - 1 : 0;

  for (int i = 1; i <= N_PANES; i++)
    {
      if (focus_pane (self, (current + i * step + N_PANES) % N_PANES))
        return;
    }
}

static void
focus_next_pane_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  focus_next_pane (LECTERN_WINDOW (widget), 1);
}

static void
focus_previous_pane_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  focus_next_pane (LECTERN_WINDOW (widget), -1);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  lectern_window_load_demo (LECTERN_WINDOW (widget));
}

static void
show_startup_details_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);
  const char *message = lectern_profile_get_startup_message (LECTERN_WINDOW (widget)->profile);
  GtkWidget *dialog;

  if (message == NULL)
    return;

  dialog = adw_message_dialog_new (window, _("Some Saved Data Could Not Be Read"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reader_zoom_in_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lectern_window_zoom_reader (LECTERN_WINDOW (widget), 1);
}

static void
reader_zoom_out_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  lectern_window_zoom_reader (LECTERN_WINDOW (widget), -1);
}

static void
reader_zoom_reset_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  lectern_window_zoom_reader (LECTERN_WINDOW (widget), 0);
}

static void
clear_recent_articles_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  lectern_window_clear_recent_articles (LECTERN_WINDOW (widget));
}

static void
undo_clear_recent_articles_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  lectern_window_restore_recent_articles (LECTERN_WINDOW (widget));
}

static void
start_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  lectern_window_load_start_page (LECTERN_WINDOW (widget));
}

static void
receipt_written_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lectern_window_export_consent_receipt_async:
 * @self: a #LecternWindow
 * @file: where to write the receipt: JSON when its name ends in ".json",
 *   else the readable HTML page
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Writes the consent receipt of the site on screen, as the page stands
 * now: its choices, what its consent tool recorded and the violations
 * seen.
 */
void
lectern_window_export_consent_receipt_async (LecternWindow       *self,
                                             GFile               *file,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(LecternPageReport) report = NULL;
  g_autoptr(LecternConsentReceipt) receipt = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents;

  g_return_if_fail (LECTERN_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lectern_window_export_consent_receipt_async);

  report = lectern_page_state_build_report (lectern_web_view_get_page (self->web_view));
  receipt = lectern_consent_receipt_new_from_report (report, NULL);
  basename = g_file_get_basename (file);
  if (basename != NULL && g_str_has_suffix (basename, ".json"))
    contents = lectern_consent_receipt_to_json (receipt);
  else
    contents = lectern_consent_receipt_to_html (receipt);
  bytes = g_bytes_new_take (contents, strlen (contents));

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, receipt_written_cb, g_steal_pointer (&task));
}

gboolean
lectern_window_export_consent_receipt_finish (LecternWindow  *self,
                                              GAsyncResult   *result,
                                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
receipt_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LecternWindow *self = LECTERN_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!lectern_window_export_consent_receipt_finish (self, result, &error))
    {
      /* Translators: %s is an error message */
      message = g_strdup_printf (_("The consent receipt could not be saved: %s"), error->message);
      lectern_window_show_message (self, message);
      return;
    }

  lectern_window_show_message (self, _("Consent receipt saved"));
}

/* The receipt is made when the reader picks the file, so it holds what
 * the page did up to then. */
static void
receipt_chooser_response_cb (GtkNativeDialog *chooser,
                             int              response,
                             LecternWindow   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_object_unref (chooser);

  if (file != NULL)
    lectern_window_export_consent_receipt_async (self, file, NULL, receipt_saved_cb, NULL);
}

static void
export_consent_receipt_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  LecternWindow *self = LECTERN_WINDOW (widget);
  const char *site = lectern_page_state_get_site (lectern_web_view_get_page (self->web_view));
  g_autoptr(GtkFileFilter) html = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (site[0] == '\0')
    {
      lectern_window_show_message (self, _("A consent receipt can only be made for a web site"));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Consent Receipt"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (html, _("Web page (HTML)"));
  gtk_file_filter_add_suffix (html, "html");
  gtk_file_filter_set_name (json, _("JSON"));
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), html);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), json);

  /* Translators: the suggested file name of a consent receipt; %s is the site */
  name = g_strdup_printf (_("consent-receipt-%s.html"), site);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  /* The chooser holds its own reference until it answers. */
  g_signal_connect_object (chooser, "response", G_CALLBACK (receipt_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * lectern_window_actions_update:
 *
 * The one place that computes which window actions are enabled.
 */
void
lectern_window_actions_update (LecternWindow *self)
{
  WebKitWebView *view = WEBKIT_WEB_VIEW (self->web_view);
  gboolean loading = webkit_web_view_is_loading (view);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-back",
                                 (self->failed_uri != NULL && !self->crashed) || webkit_web_view_can_go_back (view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-forward",
                                 self->failed_uri == NULL && webkit_web_view_can_go_forward (view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 self->failed_uri != NULL || webkit_web_view_get_uri (view) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-consent-receipt",
                                 lectern_page_state_get_site (lectern_web_view_get_page (self->web_view))[0] != '\0');

  /* The readerable check after each load enables reader mode. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-reader", self->readerable || self->reader_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reader-zoom-in", self->reader_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reader-zoom-out", self->reader_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reader-zoom-reset", self->reader_mode);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reader-always", self->readerable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo-clear-recent-articles", self->cleared_articles != NULL);
}

void
lectern_window_class_actions_init (LecternWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.go-forward", NULL, go_forward_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.focus-address", NULL, focus_address_action);
  gtk_widget_class_install_action (widget_class, "win.focus-next-pane", NULL, focus_next_pane_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-pane", NULL, focus_previous_pane_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-startup-details", NULL, show_startup_details_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-reader", "reader-mode");
  gtk_widget_class_install_property_action (widget_class, "win.reader-theme", "reader-theme");
  gtk_widget_class_install_property_action (widget_class, "win.reader-font", "reader-font");
  gtk_widget_class_install_property_action (widget_class, "win.reader-width", "reader-width");
  gtk_widget_class_install_action (widget_class, "win.reader-zoom-in", NULL, reader_zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.reader-zoom-out", NULL, reader_zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.reader-zoom-reset", NULL, reader_zoom_reset_action);
  gtk_widget_class_install_property_action (widget_class, "win.reader-always", "reader-always");
  gtk_widget_class_install_action (widget_class, "win.start-page", NULL, start_page_action);
  gtk_widget_class_install_action (widget_class, "win.clear-recent-articles", NULL, clear_recent_articles_action);
  gtk_widget_class_install_action (widget_class, "win.undo-clear-recent-articles", NULL,
                                   undo_clear_recent_articles_action);
  gtk_widget_class_install_action (widget_class, "win.export-consent-receipt", NULL, export_consent_receipt_action);
}

static void
site_action_failed_cb (LecternWindow *self,
                       const char    *message)
{
  lectern_window_show_message (self, message);
}

void
lectern_window_actions_init (LecternWindow *self)
{
  /* Every command about the site on screen: the sidebar's switches and
   * buttons are bound to them, and tests and shortcuts drive the same
   * path. */
  self->site_actions = lectern_site_actions_new (self->web_view);
  g_signal_connect_object (self->site_actions, "failed", G_CALLBACK (site_action_failed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "site", G_ACTION_GROUP (self->site_actions));

  g_signal_connect_object (self->web_view, "notify::page", G_CALLBACK (lectern_window_actions_update), self,
                           G_CONNECT_SWAPPED);
  lectern_window_actions_update (self);
}
