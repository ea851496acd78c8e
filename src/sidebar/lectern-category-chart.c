/* lectern-category-chart.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-category-chart.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lectern-category.h"

/* One bar per category that the page's trackers fall in: a line with the
 * category's icon, name and counts, and under it a bar whose solid part is
 * the blocked requests and whose pale part the allowed ones. Bars share
 * one scale, the busiest category's, so that they compare at a glance. */
#define ICON_SIZE    16
#define LINE_GAP     4
#define BAR_HEIGHT   10
#define ROW_GAP      10
#define ALLOWED_ALPHA 0.45
#define SEGMENT_GAP  2

struct _LecternCategoryChart
{
  GtkWidget parent_instance;

  /* Owned */
  LecternPageState   *page;
};

G_DEFINE_FINAL_TYPE (LecternCategoryChart, lectern_category_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The GNOME palette colours of style.css's pills, a shade lighter on a
 * dark background so the bars keep their contrast there. */
static const struct
{
  const char *light;
  const char *dark;
} category_colors[] = {
  [LECTERN_CATEGORY_NECESSARY]   = { "#77767b", "#9a9996" },
  [LECTERN_CATEGORY_FUNCTIONAL]  = { "#26a269", "#33d17a" },
  [LECTERN_CATEGORY_PERFORMANCE] = { "#1c71d8", "#62a0ea" },
  [LECTERN_CATEGORY_TARGETING]   = { "#e66100", "#ffa348" },
  [LECTERN_CATEGORY_SOCIAL]      = { "#9141ac", "#dc8add" },
  [LECTERN_CATEGORY_SALE]        = { "#c01c28", "#f66151" },
  [LECTERN_CATEGORY_UNKNOWN]     = { "#865e3c", "#cdab8f" },
};

G_STATIC_ASSERT (G_N_ELEMENTS (category_colors) == LECTERN_CATEGORY_UNKNOWN + 1);

static void
get_category_color (LecternCategory  category,
                    GdkRGBA         *color)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gdk_rgba_parse (color, dark ? category_colors[category].dark : category_colors[category].light);
}

static void
get_counts (LecternCategoryChart *self,
            LecternCategory       category,
            guint                *n_blocked,
            guint                *n_allowed)
{
  *n_blocked = 0;
  *n_allowed = 0;

  if (self->page != NULL)
    lectern_page_state_get_category_counts (self->page, category, n_blocked, n_allowed);
}

static guint
count_bars (LecternCategoryChart *self,
            guint                *max_total)
{
  guint n_bars = 0;

  if (max_total != NULL)
    *max_total = 0;

  for (LecternCategory c = 0; c <= LECTERN_CATEGORY_UNKNOWN; c++)
    {
      guint n_blocked;
      guint n_allowed;

      get_counts (self, c, &n_blocked, &n_allowed);
      if (n_blocked + n_allowed == 0)
        continue;

      n_bars++;
      if (max_total != NULL)
        *max_total = MAX (*max_total, n_blocked + n_allowed);
    }

  return n_bars;
}

static char *
describe_counts (guint n_blocked,
                 guint n_allowed)
{
  if (n_allowed == 0)
    /* Translators: tracker requests of one category, all blocked */
    return g_strdup_printf (ngettext ("%u blocked", "%u blocked", n_blocked), n_blocked);

  if (n_blocked == 0)
    /* Translators: tracker requests of one category, all allowed */
    return g_strdup_printf (ngettext ("%u allowed", "%u allowed", n_allowed), n_allowed);

  /* Translators: tracker requests of one category, "3 blocked · 1 allowed" */
  return g_strdup_printf (_("%u blocked · %u allowed"), n_blocked, n_allowed);
}

static int
get_line_height (LecternCategoryChart *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Ag");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return MAX (height, ICON_SIZE);
}

static int
get_row_height (LecternCategoryChart *self)
{
  return get_line_height (self) + LINE_GAP + BAR_HEIGHT;
}

static void
update_accessible (LecternCategoryChart *self)
{
  g_autoptr(GString) text = g_string_new (_("Tracker requests by category"));

  for (LecternCategory c = 0; c <= LECTERN_CATEGORY_UNKNOWN; c++)
    {
      g_autofree char *counts = NULL;
      guint n_blocked;
      guint n_allowed;

      get_counts (self, c, &n_blocked, &n_allowed);
      if (n_blocked + n_allowed == 0)
        continue;

      counts = describe_counts (n_blocked, n_allowed);
      g_string_append_printf (text, "; %s: %s", lectern_category_get_label (c), counts);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text->str,
                                  -1);
}

static void
counts_changed_cb (LecternCategoryChart *self)
{
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
snapshot_icon (LecternCategoryChart *self,
               GtkSnapshot          *snapshot,
               LecternCategory       category,
               const GdkRGBA        *color,
               float                 y)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GtkIconPaintable) icon = NULL;
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  icon = gtk_icon_theme_lookup_icon (theme, lectern_category_get_icon_name (category), NULL,
                                     ICON_SIZE, gtk_widget_get_scale_factor (GTK_WIDGET (self)),
                                     gtk_widget_get_direction (GTK_WIDGET (self)), 0);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                            ICON_SIZE, ICON_SIZE, colors, G_N_ELEMENTS (colors));
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_rounded (GtkSnapshot   *snapshot,
                  float          x,
                  float          y,
                  float          width,
                  float          height,
                  const GdkRGBA *color)
{
  GskRoundedRect rect;

  if (width <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y, width, height),
                                   MIN (height, width) / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
  gtk_snapshot_pop (snapshot);
}

static void
lectern_category_chart_snapshot (GtkWidget   *widget,
                                 GtkSnapshot *snapshot)
{
  LecternCategoryChart *self = LECTERN_CATEGORY_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int line_height = get_line_height (self);
  int row_height = get_row_height (self);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA fg;
  guint max_total;
  float y = 0;

  gtk_style_context_get_color (style, &fg);

  if (count_bars (self, &max_total) == 0)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, _("No trackers on this page"));
      GdkRGBA dim = fg;

      dim.alpha *= 0.55;
      gtk_snapshot_append_layout (snapshot, layout, &dim);
      return;
    }

  for (LecternCategory c = 0; c <= LECTERN_CATEGORY_UNKNOWN; c++)
    {
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) counts = NULL;
      g_autofree char *counts_text = NULL;
      GdkRGBA color;
      GdkRGBA pale;
      GdkRGBA track;
      guint n_blocked;
      guint n_allowed;
      int label_height;
      int counts_width;
      int counts_height;
      float bar_y;
      float blocked_width;
      float total_width;

      get_counts (self, c, &n_blocked, &n_allowed);
      if (n_blocked + n_allowed == 0)
        continue;

      get_category_color (c, &color);
      pale = color;
      pale.alpha = ALLOWED_ALPHA;
      track = fg;
      track.alpha = 0.08;

      snapshot_icon (self, snapshot, c, &color, y + (line_height - ICON_SIZE) / 2.0f);

      counts_text = describe_counts (n_blocked, n_allowed);
      counts = gtk_widget_create_pango_layout (widget, counts_text);
      pango_layout_get_pixel_size (counts, &counts_width, &counts_height);

      label = gtk_widget_create_pango_layout (widget, lectern_category_get_label (c));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_set_width (label, MAX (0, width - ICON_SIZE - 8 - counts_width - 12) * PANGO_SCALE);
      pango_layout_get_pixel_size (label, NULL, &label_height);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ICON_SIZE + 8, y + (line_height - label_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, label, &fg);
      gtk_snapshot_restore (snapshot);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - counts_width, y + (line_height - counts_height) / 2.0f));
      gtk_snapshot_append_layout (snapshot, counts, &fg);
      gtk_snapshot_restore (snapshot);

      bar_y = y + line_height + LINE_GAP;
      total_width = (float) width * (n_blocked + n_allowed) / max_total;
      blocked_width = (float) width * n_blocked / max_total;

      /* Blocked and allowed are apart by a gap, so that they stay two
       * parts where the pale colour is close to the track's. */
      snapshot_rounded (snapshot, 0, bar_y, width, BAR_HEIGHT, &track);
      snapshot_rounded (snapshot, 0, bar_y, blocked_width, BAR_HEIGHT, &color);
      if (n_allowed > 0)
        {
          float start = n_blocked > 0 ? blocked_width + SEGMENT_GAP : 0;

          /* At least a dot, however few were allowed, but inside the track. */
          snapshot_rounded (snapshot, start, bar_y,
                            MIN (MAX (total_width - start, BAR_HEIGHT), width - start),
                            BAR_HEIGHT, &pale);
        }

      y += row_height + ROW_GAP;
    }
}

static void
lectern_category_chart_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  LecternCategoryChart *self = LECTERN_CATEGORY_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 300;
    }
  else
    {
      guint n_bars = count_bars (self, NULL);

      if (n_bars == 0)
        *minimum = get_line_height (self);
      else
        *minimum = n_bars * get_row_height (self) + (n_bars - 1) * ROW_GAP;
      *natural = *minimum;
    }
}

static void
style_changed_cb (LecternCategoryChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lectern_category_chart_dispose (GObject *object)
{
  LecternCategoryChart *self = (LecternCategoryChart *)object;

  g_clear_object (&self->page);

  G_OBJECT_CLASS (lectern_category_chart_parent_class)->dispose (object);
}

static void
lectern_category_chart_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LecternCategoryChart *self = LECTERN_CATEGORY_CHART (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_object (value, self->page);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_category_chart_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LecternCategoryChart *self = LECTERN_CATEGORY_CHART (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      lectern_category_chart_set_page (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lectern_category_chart_class_init (LecternCategoryChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lectern_category_chart_dispose;
  object_class->get_property = lectern_category_chart_get_property;
  object_class->set_property = lectern_category_chart_set_property;

  widget_class->snapshot = lectern_category_chart_snapshot;
  widget_class->measure = lectern_category_chart_measure;

  properties[PROP_PAGE] =
    g_param_spec_object ("page", NULL, NULL,
                         LECTERN_TYPE_PAGE_STATE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "categorychart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lectern_category_chart_init (LecternCategoryChart *self)
{
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

GtkWidget *
lectern_category_chart_new (void)
{
  return g_object_new (LECTERN_TYPE_CATEGORY_CHART, NULL);
}

/**
 * lectern_category_chart_get_page:
 * @self: a #LecternCategoryChart
 *
 * Returns: (nullable) (transfer none): the site drawn
 */
LecternPageState *
lectern_category_chart_get_page (LecternCategoryChart *self)
{
  g_return_val_if_fail (LECTERN_IS_CATEGORY_CHART (self), NULL);

  return self->page;
}

/**
 * lectern_category_chart_set_page:
 * @self: a #LecternCategoryChart
 * @page: (nullable): the site to draw
 */
void
lectern_category_chart_set_page (LecternCategoryChart *self,
                                 LecternPageState     *page)
{
  g_return_if_fail (LECTERN_IS_CATEGORY_CHART (self));
  g_return_if_fail (page == NULL || LECTERN_IS_PAGE_STATE (page));

  if (self->page == page)
    return;

  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  g_set_object (&self->page, page);

  /* Every tracker request changes "n-trackers", and a new page resets it. */
  if (page != NULL)
    g_signal_connect_object (page, "notify::n-trackers",
                             G_CALLBACK (counts_changed_cb), self, G_CONNECT_SWAPPED);

  counts_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

/**
 * lectern_category_chart_get_n_bars:
 * @self: a #LecternCategoryChart
 *
 * Returns: how many categories are drawn
 */
guint
lectern_category_chart_get_n_bars (LecternCategoryChart *self)
{
  g_return_val_if_fail (LECTERN_IS_CATEGORY_CHART (self), 0);

  return count_bars (self, NULL);
}
