/* pl-chart-widget.c — a PlChart on screen: drawn at the widget's size, hover and click
 *
 * Drawing is the chart's own (pl_chart_draw() on the snapshot's cairo context), so the
 * window shows what an exported file shows.  The style follows libadwaita's style manager
 * and the desktop's interface font; the highlight follows the pointer, or the arrow keys
 * once the chart has the focus (Left and Right step through rows, Up and Down through
 * series), and Enter or a click emits "activated" for what is marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart-widget"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pl-chart-widget.h"

struct _PlChartWidget
{
  GtkWidget  parent_instance;

  PlChart   *chart;
  int        row;      /* what is marked, -1: nothing */
  int        series;
};

G_DEFINE_FINAL_TYPE (PlChartWidget, pl_chart_widget, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CHART,
  N_PROPS
};

enum
{
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Style */

static void
update_style (PlChartWidget *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  g_autofree char *font = NULL;

  if (self->chart == NULL)
    return;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font, NULL);
  pl_chart_set_dark (self->chart, adw_style_manager_get_dark (manager));
  pl_chart_set_high_contrast (self->chart, adw_style_manager_get_high_contrast (manager));
  pl_chart_set_font (self->chart, font);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_accessible (PlChartWidget *self)
{
  PlChartData *data = self->chart != NULL ? pl_chart_get_data (self->chart) : NULL;
  const char *title = data != NULL ? pl_chart_data_get_title (data) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : _("Chart"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Arrow keys move between the values, Enter retrieves the segments behind one"),
                                  -1);
}

/* Marking */

static void
set_mark (PlChartWidget *self,
          int            row,
          int            series)
{
  if (self->row == row && self->series == series)
    return;
  self->row = row;
  self->series = series;
  if (self->chart != NULL)
    pl_chart_set_highlight (self->chart, row, series);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
hit_at (PlChartWidget *self,
        double         x,
        double         y,
        PlChartHit    *hit)
{
  if (self->chart == NULL)
    {
      hit->part = PL_CHART_PART_NONE;
      return FALSE;
    }
  return pl_chart_hit_test (self->chart, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), x, y, hit);
}

char *
pl_chart_widget_describe (PlChartWidget    *self,
                          const PlChartHit *hit)
{
  PlChartData *data;
  g_autofree char *value = NULL;
  const char *row = NULL;
  const char *series = NULL;

  g_return_val_if_fail (PL_IS_CHART_WIDGET (self), NULL);

  if (self->chart == NULL || hit->part == PL_CHART_PART_NONE)
    return NULL;

  data = pl_chart_get_data (self->chart);
  if (hit->row >= 0 && (guint) hit->row < pl_chart_data_get_n_rows (data))
    row = pl_chart_data_get_row_label (data, hit->row);
  if (hit->series >= 0 && (guint) hit->series < pl_chart_data_get_n_series (data))
    series = pl_chart_data_get_series_name (data, hit->series);

  if (hit->part != PL_CHART_PART_VALUE)
    return g_strdup (row != NULL ? row : series);

  value = pl_chart_data_format_value (data, hit->value);
  /* Translators: a chart's tooltip: "Asia-Pacific · Ransomware: 12" */
  return g_strdup_printf (_("%s · %s: %s"), row != NULL ? row : "", series != NULL ? series : "", value);
}

static gboolean
on_query_tooltip (PlChartWidget *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip)
{
  PlChartHit hit;
  g_autofree char *text = NULL;

  if (keyboard || !hit_at (self, x, y, &hit))
    return FALSE;
  text = pl_chart_widget_describe (self, &hit);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) hit.x, (int) hit.y,
                                                       MAX (1, (int) ceil (hit.width)),
                                                       MAX (1, (int) ceil (hit.height)) });
  return TRUE;
}

static void
on_motion (PlChartWidget *self,
           double         x,
           double         y)
{
  PlChartHit hit;

  if (hit_at (self, x, y, &hit))
    set_mark (self, hit.row, hit.series);
  else
    set_mark (self, -1, -1);
}

static void
on_leave (PlChartWidget *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    set_mark (self, -1, -1);
}

static void
on_released (PlChartWidget   *self,
             int              n_press,
             double           x,
             double           y,
             GtkGestureClick *gesture)
{
  PlChartHit hit;

  if (!hit_at (self, x, y, &hit))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_mark (self, hit.row, hit.series);
  g_signal_emit (self, signals[ACTIVATED], 0, hit.row, hit.series);
}

static gboolean
on_key_pressed (PlChartWidget   *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  PlChartData *data = self->chart != NULL ? pl_chart_get_data (self->chart) : NULL;
  int n_rows = data != NULL ? (int) pl_chart_data_get_n_rows (data) : 0;
  int n_series = data != NULL ? (int) pl_chart_data_get_n_series (data) : 0;
  int row = MAX (self->row, 0);
  int series = MAX (self->series, 0);

  if (n_rows == 0 || n_series == 0 || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      row = self->row < 0 ? 0 : MAX (row - 1, 0);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      row = self->row < 0 ? 0 : MIN (row + 1, n_rows - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      series = self->series < 0 ? 0 : MAX (series - 1, 0);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      series = self->series < 0 ? 0 : MIN (series + 1, n_series - 1);
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      if (self->row < 0 && self->series < 0)
        return FALSE;
      g_signal_emit (self, signals[ACTIVATED], 0, self->row, self->series);
      return TRUE;
    default:
      return FALSE;
    }

  set_mark (self, row, series);
  {
    g_autofree char *value = pl_chart_data_format_value (data, pl_chart_data_get_value (data, row, series));
    g_autofree char *text = g_strdup_printf (_("%s · %s: %s"), pl_chart_data_get_row_label (data, row),
                                             pl_chart_data_get_series_name (data, series), value);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  }
  return TRUE;
}

static void
on_focus_leave (PlChartWidget *self)
{
  set_mark (self, -1, -1);
}

/* Drawing */

static void
pl_chart_widget_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  PlChartWidget *self = PL_CHART_WIDGET (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pl_chart_draw (self->chart, cr, width, height);
  cairo_destroy (cr);

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA accent;
      GskRoundedRect outline;

      gdk_rgba_parse (&accent, "rgba(53, 132, 228, 0.5)");
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6);
      gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 2, 2, 2, 2 },
                                  (GdkRGBA[4]) { accent, accent, accent, accent });
    }
}

static void
pl_chart_widget_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 400;
}

/* The chart */

PlChart *
pl_chart_widget_get_chart (PlChartWidget *self)
{
  g_return_val_if_fail (PL_IS_CHART_WIDGET (self), NULL);
  return self->chart;
}

void
pl_chart_widget_set_chart (PlChartWidget *self,
                           PlChart       *chart)
{
  g_return_if_fail (PL_IS_CHART_WIDGET (self));
  g_return_if_fail (chart == NULL || PL_IS_CHART (chart));

  if (!g_set_object (&self->chart, chart))
    return;
  self->row = -1;
  self->series = -1;
  if (chart != NULL)
    pl_chart_set_highlight (chart, -1, -1);
  update_style (self);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

/* GObject */

static void
pl_chart_widget_dispose (GObject *object)
{
  PlChartWidget *self = PL_CHART_WIDGET (object);

  g_clear_object (&self->chart);
  G_OBJECT_CLASS (pl_chart_widget_parent_class)->dispose (object);
}

static void
pl_chart_widget_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PlChartWidget *self = PL_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_chart_widget_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PlChartWidget *self = PL_CHART_WIDGET (object);

  switch (prop_id)
    {
    case PROP_CHART:
      pl_chart_widget_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_chart_widget_class_init (PlChartWidgetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_chart_widget_dispose;
  object_class->get_property = pl_chart_widget_get_property;
  object_class->set_property = pl_chart_widget_set_property;
  widget_class->snapshot = pl_chart_widget_snapshot;
  widget_class->measure = pl_chart_widget_measure;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, PL_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlChartWidget::activated:
   * @row: the row clicked, or -1 (a legend entry)
   * @series: the series clicked, or -1 (a row label)
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pl_chart_widget_init (PlChartWidget *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->row = -1;
  self->series = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect_swapped (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_widget_get_settings (GTK_WIDGET (self)), "notify::gtk-font-name",
                           G_CALLBACK (update_style), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

GtkWidget *
pl_chart_widget_new (void)
{
  return g_object_new (PL_TYPE_CHART_WIDGET, NULL);
}
