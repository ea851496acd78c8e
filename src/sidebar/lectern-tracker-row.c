/* lectern-tracker-row.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-tracker-row.h"

#include "lectern-blocker.h"
#include "lectern-category.h"

#include <glib/gi18n.h>

/* Past this many requests the details list the first ones and say how
 * many more there were: a tracker polling every second would otherwise
 * push everything else out of the sidebar. */
#define MAX_LISTED_REQUESTS 8

struct _LecternTrackerRow
{
  GtkListBoxRow parent_instance;

  /* Template widgets */
  GtkWidget *category_icon;
  GtkWidget *name_label;
  GtkWidget *category_label;
  GtkWidget *arrow;
  GtkWidget *status_icon;
  GtkWidget *status_label;
  GtkWidget *host_label;
  GtkWidget *revealer;
  GtkWidget *why_label;
  GtkWidget *requests_box;
  GtkWidget *allow_button;

  /* Owned */
  LecternTrackerGroup *group;

  gboolean expanded;
  gboolean allowed_on_site;
};

G_DEFINE_FINAL_TYPE (LecternTrackerRow, lectern_tracker_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_GROUP,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
get_list_name (const char *list)
{
  if (g_strcmp0 (list, "easylist") == 0)
    return "EasyList";
  if (g_strcmp0 (list, "easyprivacy") == 0)
    return "EasyPrivacy";
  return list;
}

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
set_status_class (GtkWidget *widget,
                  gboolean   blocked)
{
  gtk_widget_remove_css_class (widget, blocked ? "status-allowed" : "status-blocked");
  gtk_widget_add_css_class (widget, blocked ? "status-blocked" : "status-allowed");
}

/* Why the tracker was stopped or let through, from its first request:
 * every request of a tracker is decided the same way, save the rule. */
static char *
describe_why (const LecternRequestRecord *record)
{
  const char *category = lectern_category_get_label (record->category);

  if (is_set (record->rule))
    {
      const char *list = get_list_name (record->list);

      if (is_set (list))
        /* Translators: why a request is a tracker's: a filter rule, its list, then the category */
        return g_strdup_printf (_("Rule %s from %s; %s"), record->rule, list, category);

      /* Translators: why a request is a tracker's: a filter rule, then the category */
      return g_strdup_printf (_("Rule %s; %s"), record->rule, category);
    }

  /* Translators: a request that no rule matched but the tracker database knows; %s is the category */
  return g_strdup_printf (_("Known tracker in the tracker database; %s"), category);
}

static GtkWidget *
new_request_widget (const LecternRequestRecord *record)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *url = gtk_label_new (record->url);
  GtkWidget *meta;
  g_autofree char *type = NULL;
  g_autofree char *meta_text = NULL;

  gtk_label_set_xalign (GTK_LABEL (url), 0);
  gtk_label_set_ellipsize (GTK_LABEL (url), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_selectable (GTK_LABEL (url), FALSE);
  gtk_widget_set_tooltip_text (url, record->url);
  gtk_widget_add_css_class (url, "caption");
  gtk_widget_add_css_class (url, "monospace");

  if (is_set (record->type) && record->type_inferred)
    /* Translators: a resource type that was guessed from the request, "script (guessed)" */
    type = g_strdup_printf (_("%s (guessed)"), record->type);
  else
    type = g_strdup (is_set (record->type) ? record->type : _("request"));

  /* Translators: a request's type and verdict, "script · Blocked" */
  meta_text = g_strdup_printf (_("%s · %s"), type, record->blocked ? _("Blocked") : _("Allowed"));
  meta = gtk_label_new (meta_text);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_widget_add_css_class (meta, "caption");
  set_status_class (meta, record->blocked);

  gtk_box_append (GTK_BOX (box), url);
  gtk_box_append (GTK_BOX (box), meta);

  return box;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}

static void
show_details (LecternTrackerRow *self)
{
  guint n_requests = lectern_tracker_group_get_n_requests (self->group);
  guint n_listed = MIN (n_requests, MAX_LISTED_REQUESTS);

  clear_box (self->requests_box);

  for (guint i = 0; i < n_listed; i++)
    gtk_box_append (GTK_BOX (self->requests_box),
                    new_request_widget (lectern_tracker_group_get_record (self->group, i)));

  if (n_requests > n_listed)
    {
      g_autofree char *more = NULL;
      GtkWidget *label;

      /* Translators: after the listed requests of a tracker */
      more = g_strdup_printf (ngettext ("and %u more request", "and %u more requests",
                                        n_requests - n_listed),
                              n_requests - n_listed);
      label = gtk_label_new (more);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (self->requests_box), label);
    }
}

static void
show_group (LecternTrackerRow *self)
{
  const LecternRequestRecord *first = lectern_tracker_group_get_record (self->group, 0);
  LecternCategory category = lectern_tracker_group_get_category (self->group);
  guint n_requests = lectern_tracker_group_get_n_requests (self->group);
  guint n_blocked = lectern_tracker_group_get_n_blocked (self->group);
  gboolean all_blocked = n_blocked == n_requests;
  g_autofree char *status = NULL;
  g_autofree char *why = NULL;
  g_autofree char *accessible = NULL;

  if (all_blocked)
    status = g_strdup_printf (ngettext ("Blocked · %u request", "Blocked · %u requests", n_requests),
                              n_requests);
  else if (n_blocked == 0)
    status = g_strdup_printf (ngettext ("Allowed · %u request", "Allowed · %u requests", n_requests),
                              n_requests);
  else
    /* Translators: a tracker some of whose requests were blocked, "2 blocked, 1 allowed" */
    status = g_strdup_printf (_("%u blocked, %u allowed"), n_blocked, n_requests - n_blocked);

  gtk_label_set_label (GTK_LABEL (self->status_label), status);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->status_icon),
                                n_blocked > 0 ? "action-unavailable-symbolic" : "object-select-symbolic");
  set_status_class (self->status_icon, n_blocked > 0);
  set_status_class (self->status_label, n_blocked > 0);

  why = describe_why (first);
  if (self->allowed_on_site)
    {
      g_autofree char *with_allowed = NULL;

      /* Translators: after why a tracker would be blocked */
      with_allowed = g_strdup_printf (_("%s. You allowed it on this site."), why);
      g_free (why);
      why = g_steal_pointer (&with_allowed);
    }
  gtk_label_set_label (GTK_LABEL (self->why_label), why);

  if (self->expanded)
    show_details (self);

  /* Translators: how a screen reader names a tracker row: tracker, category, then its requests */
  accessible = g_strdup_printf (_("%s, %s, %s"),
                                lectern_tracker_group_get_name (self->group),
                                lectern_category_get_label (category),
                                status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
group_changed_cb (LecternTrackerRow *self)
{
  show_group (self);
}

static void
set_group (LecternTrackerRow   *self,
           LecternTrackerGroup *group)
{
  const LecternRequestRecord *first;
  LecternCategory category;
  g_autofree char *pill_class = NULL;

  g_return_if_fail (self->group == NULL);

  if (group == NULL)
    return;

  self->group = g_object_ref (group);
  first = lectern_tracker_group_get_record (group, 0);
  category = lectern_tracker_group_get_category (group);

  gtk_label_set_label (GTK_LABEL (self->name_label), lectern_tracker_group_get_name (group));
  gtk_label_set_label (GTK_LABEL (self->host_label), first->host != NULL ? first->host : "");

  pill_class = g_strdup_printf ("category-%s", lectern_category_to_id (category));
  gtk_label_set_label (GTK_LABEL (self->category_label), lectern_category_get_label (category));
  gtk_widget_add_css_class (self->category_label, pill_class);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->category_icon), lectern_category_get_icon_name (category));
  gtk_widget_add_css_class (self->category_icon, pill_class);
  gtk_widget_set_tooltip_text (self->category_icon, lectern_category_get_label (category));

  g_signal_connect_object (group, "notify::n-requests", G_CALLBACK (group_changed_cb),
                           self, G_CONNECT_SWAPPED);
  show_group (self);
}

static void
lectern_tracker_row_dispose (GObject *object)
{
  LecternTrackerRow *self = (LecternTrackerRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), LECTERN_TYPE_TRACKER_ROW);
  g_clear_object (&self->group);

  G_OBJECT_CLASS (lectern_tracker_row_parent_class)->dispose (object);
}

static void
lectern_tracker_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LecternTrackerRow *self = LECTERN_TRACKER_ROW (object);

  switch (prop_id)
    {
    case PROP_GROUP:
      g_value_set_object (value, self->group);
      break;

    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_tracker_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LecternTrackerRow *self = LECTERN_TRACKER_ROW (object);

  switch (prop_id)
    {
    case PROP_GROUP:
      set_group (self, g_value_get_object (value));
      break;

    case PROP_EXPANDED:
      lectern_tracker_row_set_expanded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_tracker_row_class_init (LecternTrackerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_tracker_row_dispose;
  object_class->get_property = lectern_tracker_row_get_property;
  object_class->set_property = lectern_tracker_row_set_property;

  properties[PROP_GROUP] =
    g_param_spec_object ("group", NULL, NULL,
                         LECTERN_TYPE_TRACKER_GROUP,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lectern/Lectern/lectern-tracker-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, category_icon);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, category_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, arrow);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, status_icon);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, host_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, revealer);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, why_label);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, requests_box);
  gtk_widget_class_bind_template_child (widget_class, LecternTrackerRow, allow_button);
}

static void
lectern_tracker_row_init (LecternTrackerRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_EXPANDED, FALSE,
                               -1);
}

GtkWidget *
lectern_tracker_row_new (LecternTrackerGroup *group)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_GROUP (group), NULL);

  return g_object_new (LECTERN_TYPE_TRACKER_ROW,
                       "group", group,
                       NULL);
}

/**
 * lectern_tracker_row_get_group:
 * @self: a #LecternTrackerRow
 *
 * Returns: (transfer none): the tracker the row shows
 */
LecternTrackerGroup *
lectern_tracker_row_get_group (LecternTrackerRow *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_ROW (self), NULL);

  return self->group;
}

/**
 * lectern_tracker_row_set_allowed_on_site:
 * @self: a #LecternTrackerRow
 * @allowed: whether the reader allowed this tracker on the site on screen
 *
 * Sets what the row's "allow on this site" button offers: to allow the
 * tracker, or to stop allowing it.
 */
void
lectern_tracker_row_set_allowed_on_site (LecternTrackerRow *self,
                                         gboolean           allowed)
{
  const LecternRequestRecord *first;
  const char *name;
  g_autofree char *accessible = NULL;

  g_return_if_fail (LECTERN_IS_TRACKER_ROW (self));
  g_return_if_fail (self->group != NULL);

  self->allowed_on_site = !!allowed;
  first = lectern_tracker_group_get_record (self->group, 0);
  name = lectern_tracker_group_get_name (self->group);

  gtk_button_set_label (GTK_BUTTON (self->allow_button),
                        allowed ? _("Stop allowing on this site") : _("Allow on this site"));
  /* Every row has this button: a screen reader also says whose it is. */
  if (allowed)
    /* Translators: how a screen reader names the button; %s is a tracker */
    accessible = g_strdup_printf (_("Stop allowing %s on this site"), name);
  else
    /* Translators: how a screen reader names the button; %s is a tracker */
    accessible = g_strdup_printf (_("Allow %s on this site"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->allow_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->allow_button), "(sb)",
                                    lectern_blocker_tracker_key (first->name, first->host),
                                    !allowed);
  show_group (self);
}

gboolean
lectern_tracker_row_get_expanded (LecternTrackerRow *self)
{
  g_return_val_if_fail (LECTERN_IS_TRACKER_ROW (self), FALSE);

  return self->expanded;
}

/**
 * lectern_tracker_row_set_expanded:
 * @self: a #LecternTrackerRow
 * @expanded: whether to show the tracker's requests and why it was blocked
 */
void
lectern_tracker_row_set_expanded (LecternTrackerRow *self,
                                  gboolean           expanded)
{
  g_return_if_fail (LECTERN_IS_TRACKER_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;

  self->expanded = expanded;

  /* Built on demand: most rows are never opened. */
  if (expanded && self->group != NULL)
    show_details (self);

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), expanded);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->arrow),
                                expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                               GTK_ACCESSIBLE_STATE_EXPANDED, expanded,
                               -1);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}
