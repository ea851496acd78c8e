/* lectern-sidebar.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-sidebar.h"

#include "lectern-category-row.h"
#include "lectern-cookie-item.h"
#include "lectern-cookie-row.h"
#include "lectern-tracker-item.h"
#include "lectern-tracker-row.h"

#include <glib/gi18n.h>

struct _LecternSidebar
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkWidget          *scroller;
  GtkListBox         *trackers_list;
  GtkListBox         *cookies_list;

  /* Owned */
  LecternSitePrivacy *privacy;
};

G_DEFINE_FINAL_TYPE (LecternSidebar, lectern_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PRIVACY,
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

  /* A page without a host: a local file, or about:blank. */
  if (url != NULL && url[0] != '\0')
    return g_strdup (_("Local file"));

  return g_strdup (_("No page"));
}

static gboolean
is_nonempty_cb (gpointer    unused,
                const char *text)
{
  return text != NULL && text[0] != '\0';
}

static char *
categories_description_cb (gpointer                  unused,
                           const LecternSiteChoices *choices)
{
  if (choices != NULL && lectern_site_choices_get_trusted (choices))
    return g_strdup (_("Not enforced while you trust this site"));

  return NULL;
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
  return lectern_tracker_row_new (LECTERN_TRACKER_ITEM (item));
}

static GtkWidget *
create_cookie_row (gpointer item,
                   gpointer user_data)
{
  return lectern_cookie_row_new (LECTERN_COOKIE_ITEM (item));
}

static void
lectern_sidebar_dispose (GObject *object)
{
  LecternSidebar *self = (LecternSidebar *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_SIDEBAR);
  g_clear_object (&self->privacy);

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
    case PROP_PRIVACY:
      g_value_set_object (value, lectern_sidebar_get_privacy (self));
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
    case PROP_PRIVACY:
      lectern_sidebar_set_privacy (self, g_value_get_object (value));
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
   * LecternSidebar:privacy:
   *
   * The site the sidebar shows.
   */
  properties[PROP_PRIVACY] =
    g_param_spec_object ("privacy", NULL, NULL,
                         LECTERN_TYPE_SITE_PRIVACY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, trackers_list);
  gtk_widget_class_bind_template_child (widget_class, LecternSidebar, cookies_list);
  gtk_widget_class_bind_template_callback (widget_class, site_label_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_nonempty_cb);
  gtk_widget_class_bind_template_callback (widget_class, categories_description_cb);
  gtk_widget_class_bind_template_callback (widget_class, trackers_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, cookies_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, tracker_row_activated_cb);

  g_type_ensure (LECTERN_TYPE_CATEGORY_ROW);
  g_type_ensure (LECTERN_TYPE_SITE_PRIVACY);
}

static void
lectern_sidebar_init (LecternSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lectern_sidebar_new (void)
{
  return g_object_new (LECTERN_TYPE_SIDEBAR, NULL);
}

/**
 * lectern_sidebar_get_privacy:
 * @self: a #LecternSidebar
 *
 * Returns: (nullable) (transfer none): the site the sidebar shows
 */
LecternSitePrivacy *
lectern_sidebar_get_privacy (LecternSidebar *self)
{
  g_return_val_if_fail (LECTERN_IS_SIDEBAR (self), NULL);

  return self->privacy;
}

/**
 * lectern_sidebar_set_privacy:
 * @self: a #LecternSidebar
 * @privacy: (nullable): the site to show
 */
void
lectern_sidebar_set_privacy (LecternSidebar     *self,
                             LecternSitePrivacy *privacy)
{
  g_return_if_fail (LECTERN_IS_SIDEBAR (self));
  g_return_if_fail (privacy == NULL || LECTERN_IS_SITE_PRIVACY (privacy));

  if (!g_set_object (&self->privacy, privacy))
    return;

  /* The models live as long as the view model, so binding once is enough. */
  gtk_list_box_bind_model (self->trackers_list,
                           privacy != NULL ? lectern_site_privacy_get_trackers (privacy) : NULL,
                           create_tracker_row, NULL, NULL);
  gtk_list_box_bind_model (self->cookies_list,
                           privacy != NULL ? lectern_site_privacy_get_cookies (privacy) : NULL,
                           create_cookie_row, NULL, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIVACY]);
}
