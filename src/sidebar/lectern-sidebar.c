/* lectern-sidebar.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-sidebar.h"

#include "lectern-blocker.h"
#include "lectern-category-chart.h"
#include "lectern-category-row.h"
#include "lectern-consent-section.h"
#include "lectern-cookie-item.h"
#include "lectern-cookie-row.h"
#include "lectern-tracker-group.h"
#include "lectern-tracker-row.h"

#include <adwaita.h>
#include <glib/gi18n.h>

struct _LecternSidebar
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget          *content;
  GtkWidget          *scroller;
  AdwViewStack       *stack;
  GtkListBox         *trackers_list;
  GtkListBox         *cookies_list;
  LecternSitePrivacy *privacy;

  /* Owned */
  LecternWebView     *web_view;
};

G_DEFINE_FINAL_TYPE (LecternSidebar, lectern_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WEB_VIEW,
  PROP_PRIVACY,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
site_label_cb (gpointer    unused,
               const char *url,
               const char *site)
{
  if (site != NULL && site[0] != '\0')
    return g_strdup (site);

  /* A page without a host: a local file, or the start page (about:blank)
   * which no site owns. */
  if (url != NULL && g_str_has_prefix (url, "file:"))
    return g_strdup (_("Local file"));

  return g_strdup (_("No site"));
}

/* The page's address, for a page that has one worth reading: Lectern's
 * own pages (the start page) have none. */
static char *
site_tooltip_cb (gpointer    unused,
                 const char *url,
                 const char *site)
{
  if ((site != NULL && site[0] != '\0') || (url != NULL && g_str_has_prefix (url, "file:")))
    return g_strdup (url);

  return NULL;
}

static gboolean
is_nonempty_cb (gpointer    unused,
                const char *text)
{
  return text != NULL && text[0] != '\0';
}

static gboolean
is_empty_cb (gpointer    unused,
             const char *text)
{
  return !is_nonempty_cb (unused, text);
}

static char *
categories_description_cb (gpointer                  unused,
                           const LecternSiteChoices *choices)
{
  if (choices != NULL && lectern_site_choices_get_trusted (choices))
    return g_strdup (_("Not enforced while you trust this site"));

  return NULL;
}

/* The badge beside the site's name, on every tab: how many things the
 * site did against the reader's choices. */
static char *
violation_badge_cb (gpointer unused,
                    guint    n_violations)
{
  /* Translators: the badge beside the site's name */
  return g_strdup_printf (ngettext ("%u violation", "%u violations", n_violations), n_violations);
}

static gboolean
is_positive_cb (gpointer unused,
                guint    n)
{
  return n > 0;
}

/* A page that finished loading without Lectern's web process extension
 * having spoken for it was loaded with no blocking: the reader must know. */
static gboolean
is_unprotected_cb (gpointer unused,
                   gboolean loaded,
                   gboolean protected)
{
  return loaded && !protected;
}

static char *
trackers_title_cb (gpointer unused,
                   guint    n_trackers,
                   guint    n_blocked)
{
  if (n_trackers == 0)
    return g_strdup (_("Trackers"));

  /* Translators: the trackers list's title, "Trackers · 9 blocked of 11" */
  return g_strdup_printf (ngettext ("Trackers · %u blocked of %u",
                                    "Trackers · %u blocked of %u",
                                    n_trackers),
                          n_blocked, n_trackers);
}

static char *
cookies_title_cb (gpointer unused,
                  guint    n_cookies,
                  guint    n_violations)
{
  if (n_cookies == 0)
    return g_strdup (_("Cookies"));

  if (n_violations == 0)
    /* Translators: the cookie list's title, "Cookies · 5" */
    return g_strdup_printf (_("Cookies · %u"), n_cookies);

  /* Translators: the cookie list's title, "Cookies · 2 violations of 5" */
  return g_strdup_printf (ngettext ("Cookies · %u violation of %u",
                                    "Cookies · %u violations of %u",
                                    n_violations),
                          n_violations, n_cookies);
}

static void
tracker_row_activated_cb (LecternSidebar *self,
                          GtkListBoxRow  *row,
                          GtkListBox     *list)
{
  if (LECTERN_IS_TRACKER_ROW (row))
    lectern_tracker_row_set_expanded (LECTERN_TRACKER_ROW (row),
                                      !lectern_tracker_row_get_expanded (LECTERN_TRACKER_ROW (row)));
}

static GtkWidget *
create_tracker_row (gpointer item,
                    gpointer user_data)
{
  LecternSidebar *self = user_data;
  const LecternRequestRecord *first = lectern_tracker_group_get_record (item, 0);
  GtkWidget *row = lectern_tracker_row_new (LECTERN_TRACKER_GROUP (item));

  lectern_tracker_row_set_allowed_on_site (LECTERN_TRACKER_ROW (row),
                                           lectern_site_privacy_get_tracker_allowed (self->privacy,
                                                                                     lectern_blocker_tracker_key (first->name, first->host)));

  return row;
}

static GtkWidget *
create_cookie_row (gpointer item,
                   gpointer user_data)
{
  return lectern_cookie_row_new (LECTERN_COOKIE_ITEM (item));
}

static GtkWidget *
new_header_box (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_widget_add_css_class (box, "list-header");

  return box;
}

static GtkWidget *
new_header_label (const char *text,
                  const char *css_class,
                  gboolean    expand)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* A company's or a category's name is shown whole; its count beside it
   * keeps its width. */
  gtk_label_set_wrap (GTK_LABEL (label), expand);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (label, expand);
  gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A company heading above its first tracker: the list is sorted by
 * company, so a change of company starts a group. */
static void
tracker_header_cb (GtkListBoxRow *row,
                   GtkListBoxRow *before,
                   gpointer       user_data)
{
  LecternSidebar *self = user_data;
  LecternTrackerGroup *group = lectern_tracker_row_get_group (LECTERN_TRACKER_ROW (row));
  const char *company = lectern_tracker_group_get_company (group);
  GListModel *groups;
  g_autofree char *count = NULL;
  GtkWidget *header;
  guint n_trackers = 0;

  if (before != NULL &&
      g_strcmp0 (company, lectern_tracker_group_get_company (lectern_tracker_row_get_group (LECTERN_TRACKER_ROW (before)))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  groups = lectern_site_privacy_get_tracker_groups (self->privacy);
  for (guint i = gtk_list_box_row_get_index (row); i < g_list_model_get_n_items (groups); i++)
    {
      g_autoptr(LecternTrackerGroup) other = g_list_model_get_item (groups, i);

      if (g_strcmp0 (company, lectern_tracker_group_get_company (other)) != 0)
        break;
      n_trackers++;
    }

  /* Translators: beside a company's name, how many of its trackers the page used */
  count = g_strdup_printf (ngettext ("%u tracker", "%u trackers", n_trackers), n_trackers);

  header = new_header_box ();
  gtk_box_append (GTK_BOX (header),
                  new_header_label (company != NULL ? company : _("Owner not known"), "heading", TRUE));
  gtk_box_append (GTK_BOX (header), new_header_label (count, "dim-label", FALSE));
  gtk_list_box_row_set_header (row, header);
}

/* A category heading above its first cookie, with the category's icon,
 * counts and a button that deletes all of them. */
static void
cookie_header_cb (GtkListBoxRow *row,
                  GtkListBoxRow *before,
                  gpointer       user_data)
{
  LecternSidebar *self = user_data;
  const LecternCookieRecord *record = lectern_cookie_item_get_record (lectern_cookie_row_get_item (LECTERN_COOKIE_ROW (row)));
  LecternCategory category = record->category;
  GListModel *cookies;
  g_autofree char *pill_class = NULL;
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *header;
  GtkWidget *icon;
  GtkWidget *button;
  guint n_cookies = 0;
  guint n_violations = 0;

  if (before != NULL &&
      lectern_cookie_item_get_record (lectern_cookie_row_get_item (LECTERN_COOKIE_ROW (before)))->category == category)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  cookies = lectern_site_privacy_get_cookies (self->privacy);
  for (guint i = gtk_list_box_row_get_index (row); i < g_list_model_get_n_items (cookies); i++)
    {
      g_autoptr(LecternCookieItem) item = g_list_model_get_item (cookies, i);
      const LecternCookieRecord *other = lectern_cookie_item_get_record (item);

      if (other->category != category)
        break;
      n_cookies++;
      if (other->violation)
        n_violations++;
    }

  if (n_violations > 0)
    /* Translators: beside a cookie category, how many of its cookies break the choices, "2 of 3 violate" */
    count = g_strdup_printf (ngettext ("%u of %u violates", "%u of %u violate", n_violations),
                             n_violations, n_cookies);
  else
    /* Translators: beside a cookie category, how many cookies it has */
    count = g_strdup_printf (ngettext ("%u cookie", "%u cookies", n_cookies), n_cookies);

  header = new_header_box ();
  pill_class = g_strdup_printf ("category-%s", lectern_category_to_id (category));
  icon = gtk_image_new_from_icon_name (lectern_category_get_icon_name (category));
  gtk_widget_add_css_class (icon, "category-icon");
  gtk_widget_add_css_class (icon, pill_class);
  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (header), new_header_label (lectern_category_get_label (category), "heading", TRUE));
  gtk_box_append (GTK_BOX (header),
                  new_header_label (count, n_violations > 0 ? "error" : "dim-label", FALSE));

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "sidebar.delete-category-cookies");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", lectern_category_to_id (category));
  /* Translators: a button's tooltip; %s is a cookie category */
  tooltip = g_strdup_printf (_("Delete every %s cookie of this site"), lectern_category_get_label (category));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_box_append (GTK_BOX (header), button);

  gtk_list_box_row_set_header (row, header);
}

static void
delete_category_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             LecternSidebar   *self)
{
  const char *site = g_object_get_data (G_OBJECT (dialog), "site");

  /* The answer is for the site the question named, which a page that
   * went elsewhere meanwhile is not. */
  if (!g_str_equal (response, "delete") || g_strcmp0 (site, lectern_site_privacy_get_site (self->privacy)) != 0)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "site.delete-category-cookies", "s",
                              g_object_get_data (G_OBJECT (dialog), "category-id"));
}

/* A category heading's delete button: what it deletes cannot be taken
 * back, so it asks first. */
static void
delete_category_cookies_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  LecternSidebar *self = LECTERN_SIDEBAR (widget);
  const char *category_id = g_variant_get_string (parameter, NULL);
  const char *site = lectern_site_privacy_get_site (self->privacy);
  g_autofree char *body = NULL;
  LecternCategory category;
  GtkWidget *dialog;

  if (!lectern_category_from_id (category_id, &category) || site[0] == '\0')
    return;

  /* Translators: before deleting cookies; the first %s is a site, the second a cookie category */
  body = g_strdup_printf (_("Every cookie of %s in the category “%s” will be deleted. "
                            "The site can set them again when one of its pages loads."),
                          site, lectern_category_get_label (category));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete Cookies?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "category-id", g_strdup (category_id), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "site", g_strdup (site), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_category_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A tracker's request count grows after its row exists; its company's
 * heading counts it too. */
static void
tracker_groups_changed_cb (LecternSidebar *self)
{
  gtk_list_box_invalidate_headers (self->trackers_list);
}

static void
visible_child_changed_cb (LecternSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

static void
lectern_sidebar_dispose (GObject *object)
{
  LecternSidebar *self = (LecternSidebar *)object;

  /* The lists' rows and headings read the view model, which goes with
   * the template. */
  if (self->trackers_list != NULL)
    gtk_list_box_bind_model (self->trackers_list, NULL, NULL, NULL, NULL);
  if (self->cookies_list != NULL)
    gtk_list_box_bind_model (self->cookies_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_SIDEBAR);
  g_clear_object (&self->web_view);

  G_OBJECT_CLASS (lectern_sidebar_parent_class)->dispose (object);
}

static void
lectern_sidebar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LecternSidebar *self = LECTERN_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      g_value_set_object (value, lectern_sidebar_get_web_view (self));
      break;

    case PROP_PRIVACY:
      g_value_set_object (value, lectern_sidebar_get_privacy (self));
      break;

    case PROP_VIEW:
      g_value_set_string (value, lectern_sidebar_get_view (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_sidebar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LecternSidebar *self = LECTERN_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_WEB_VIEW:
      lectern_sidebar_set_web_view (self, g_value_get_object (value));
      break;

    case PROP_VIEW:
      lectern_sidebar_set_view (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_sidebar_class_init (LecternSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_sidebar_dispose;
  object_class->get_property = lectern_sidebar_get_property;
  object_class->set_property = lectern_sidebar_set_property;

  /**
   * LecternSidebar:web-view:
   *
   * The view whose page the sidebar shows.
   */
  properties[PROP_WEB_VIEW] =
    g_param_spec_object ("web-view", NULL, NULL,
                         LECTERN_TYPE_WEB_VIEW,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LecternSidebar:privacy:
   *
   * The sidebar's view model: the site on screen.
   */
  properties[PROP_PRIVACY] =
    g_param_spec_object ("privacy", NULL, NULL,
                         LECTERN_TYPE_SITE_PRIVACY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * LecternSidebar:view:
   *
   * The page shown: "choices", "trackers" or "cookies".
   */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL,
                         "choices",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "sidebar.view", "view");
  gtk_widget_class_install_action (widget_class, "sidebar.delete-category-cookies", "s",
                                   delete_category_cookies_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, content);
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, trackers_list);
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, cookies_list);
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, privacy);
  gtk_widget_class_bind_template_callback (widget_class, site_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, site_tooltip_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_nonempty_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_empty_cb);
  gtk_widget_class_bind_template_callback (widget_class, categories_description_cb);
  gtk_widget_class_bind_template_callback (widget_class, trackers_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, cookies_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, violation_badge_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_positive_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_unprotected_cb);
  gtk_widget_class_bind_template_callback (widget_class, tracker_row_activated_cb);

  g_type_ensure (LECTERN_TYPE_CATEGORY_CHART);
  g_type_ensure (LECTERN_TYPE_CATEGORY_ROW);
  g_type_ensure (LECTERN_TYPE_CONSENT_SECTION);
  g_type_ensure (LECTERN_TYPE_PAGE_STATE);
  g_type_ensure (LECTERN_TYPE_SITE_PRIVACY);
  g_type_ensure (LECTERN_TYPE_WEB_VIEW);
}

static void
lectern_sidebar_init (LecternSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->trackers_list, tracker_header_cb, self, NULL);
  gtk_list_box_set_header_func (self->cookies_list, cookie_header_cb, self, NULL);

  /* The models live as long as the view model, so binding once is enough. */
  gtk_list_box_bind_model (self->trackers_list, lectern_site_privacy_get_tracker_groups (self->privacy),
                           create_tracker_row, self, NULL);
  gtk_list_box_bind_model (self->cookies_list, lectern_site_privacy_get_cookies (self->privacy),
                           create_cookie_row, NULL, NULL);
  g_signal_connect_object (lectern_site_privacy_get_tracker_groups (self->privacy), "items-changed",
                           G_CALLBACK (tracker_groups_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (visible_child_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
lectern_sidebar_new (void)
{
  return g_object_new (LECTERN_TYPE_SIDEBAR, NULL);
}

/**
 * lectern_sidebar_get_web_view:
 * @self: a #LecternSidebar
 *
 * Returns: (nullable) (transfer none): the view whose page the sidebar shows
 */
LecternWebView *
lectern_sidebar_get_web_view (LecternSidebar *self)
{
  g_return_val_if_fail (LECTERN_IS_SIDEBAR (self), NULL);

  return self->web_view;
}

/**
 * lectern_sidebar_set_web_view:
 * @self: a #LecternSidebar
 * @web_view: (nullable): the view whose page to show
 */
void
lectern_sidebar_set_web_view (LecternSidebar *self,
                              LecternWebView *web_view)
{
  g_return_if_fail (LECTERN_IS_SIDEBAR (self));
  g_return_if_fail (web_view == NULL || LECTERN_IS_WEB_VIEW (web_view));

  if (g_set_object (&self->web_view, web_view))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WEB_VIEW]);
}

/**
 * lectern_sidebar_get_privacy:
 * @self: a #LecternSidebar
 *
 * Returns: (transfer none): the sidebar's view model
 */
LecternSitePrivacy *
lectern_sidebar_get_privacy (LecternSidebar *self)
{
  g_return_val_if_fail (LECTERN_IS_SIDEBAR (self), NULL);

  return self->privacy;
}

/**
 * lectern_sidebar_get_view:
 * @self: a #LecternSidebar
 *
 * Returns: the page shown: "choices", "trackers" or "cookies"
 */
const char *
lectern_sidebar_get_view (LecternSidebar *self)
{
  g_return_val_if_fail (LECTERN_IS_SIDEBAR (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

/**
 * lectern_sidebar_set_view:
 * @self: a #LecternSidebar
 * @view: "choices", "trackers" or "cookies"
 */
void
lectern_sidebar_set_view (LecternSidebar *self,
                          const char     *view)
{
  g_return_if_fail (LECTERN_IS_SIDEBAR (self));
  g_return_if_fail (view != NULL);

  if (adw_view_stack_get_child_by_name (self->stack, view) == NULL)
    {
      g_warning ("The sidebar has no view “%s”", view);
      return;
    }

  adw_view_stack_set_visible_child_name (self->stack, view);
}
