/* pl-chart.c — a chart of a PlChartData: its style, layout, drawing and hit-testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-chart-private.h"

struct _PlChart
{
  GObject           parent_instance;

  PlChartKind       kind;
  PlChartData      *data;
  PlChartStacking   stacking;
  gboolean          dark;
  gboolean          high_contrast;
  char             *font;
  PlChartHit        highlight;

  PlChartTextCache *text;
  /* The layout last drawn or hit-tested, with what it was made from. */
  PlChartLayout    *layout;
  guint             layout_serial;
};

G_DEFINE_FINAL_TYPE (PlChart, pl_chart, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PlChartKind, pl_chart_kind,
  G_DEFINE_ENUM_VALUE (PL_CHART_KIND_BAR, "bar"),
  G_DEFINE_ENUM_VALUE (PL_CHART_KIND_HEATMAP, "heatmap"),
  G_DEFINE_ENUM_VALUE (PL_CHART_KIND_TIMELINE, "timeline"))

G_DEFINE_ENUM_TYPE (PlChartStacking, pl_chart_stacking,
  G_DEFINE_ENUM_VALUE (PL_CHART_STACKING_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (PL_CHART_STACKING_NONE, "none"),
  G_DEFINE_ENUM_VALUE (PL_CHART_STACKING_STACKED, "stacked"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_DATA,
  PROP_STACKING,
  PROP_DARK,
  PROP_HIGH_CONTRAST,
  PROP_FONT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Layout */

static const PlChartKindClass *
kind_class (PlChartKind kind)
{
  static const PlChartKindClass * const classes[] = {
    [PL_CHART_KIND_BAR] = &pl_chart_bar_class,
    [PL_CHART_KIND_HEATMAP] = &pl_chart_heatmap_class,
    [PL_CHART_KIND_TIMELINE] = &pl_chart_timeline_class,
  };

  g_assert (kind < G_N_ELEMENTS (classes));
  return classes[kind];
}

static void
clear_legend_entry (gpointer data)
{
  PlChartLegendEntry *entry = data;

  pl_chart_text_clear (&entry->text);
}

static GArray *
text_array_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (PlChartText));

  g_array_set_clear_func (array, (GDestroyNotify) pl_chart_text_clear);
  return array;
}

PlChartLayout *
pl_chart_layout_new (const PlChartEnv *env,
                     double            width,
                     double            height)
{
  PlChartLayout *layout = g_new0 (PlChartLayout, 1);
  PlChartData *data = env->data;
  const char *title = pl_chart_data_get_title (data);
  PlChartBox area;

  layout->kind = env->kind;
  layout->width = width;
  layout->height = height;
  layout->theme = env->theme;
  layout->data = g_object_ref (data);
  layout->ticks = text_array_new ();
  layout->row_labels = text_array_new ();
  layout->series_labels = text_array_new ();
  layout->cell_numbers = text_array_new ();
  layout->legend = g_array_new (FALSE, TRUE, sizeof (PlChartLegendEntry));
  g_array_set_clear_func (layout->legend, clear_legend_entry);
  layout->margin = CLAMP (round (MIN (width, height) * 0.03), 8.0, 32.0);

  area = (PlChartBox) { layout->margin, layout->margin, width - 2 * layout->margin,
                        height - 2 * layout->margin };
  if (title != NULL && *title != '\0')
    {
      pl_chart_text_place (&layout->title,
                           pl_chart_text_layout (env->text, PL_CHART_FONT_TITLE, title,
                                                 area.width),
                           -1);
      pl_chart_text_anchor (&layout->title, width / 2, area.y, 0.5, 0, 0);
      area.y += layout->title.height + layout->margin * 0.75;
      area.height -= layout->title.height + layout->margin * 0.75;
    }

  layout->empty = pl_chart_data_get_n_rows (data) == 0 || pl_chart_data_get_n_series (data) == 0
                  || !pl_chart_data_get_range (data, NULL, NULL);
  if (layout->empty || area.width < 16 || area.height < 16)
    {
      pl_chart_text_place (&layout->message,
                           pl_chart_text_layout (env->text, PL_CHART_FONT_LABEL,
                                                 layout->empty ? _("No data")
                                                               : _("Too small to show"),
                                                 MAX (area.width, 1.0)),
                           -1);
      pl_chart_text_anchor (&layout->message, width / 2, area.y + area.height / 2, 0.5, 0.5, 0);
      layout->empty = TRUE;
      return layout;
    }

  layout->plot = area;
  layout->stacked = env->stacking == PL_CHART_STACKING_STACKED
                    || (env->stacking == PL_CHART_STACKING_AUTO
                        && pl_chart_data_get_n_series (data) > PL_CHART_STACKING_AUTO_MAX);
  kind_class (env->kind)->layout (env, layout);

  return layout;
}

void
pl_chart_layout_free (PlChartLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_object (&layout->data);
  pl_chart_text_clear (&layout->title);
  pl_chart_text_clear (&layout->message);
  pl_chart_text_clear (&layout->value_title);
  pl_chart_text_clear (&layout->row_title);
  pl_chart_text_clear (&layout->series_title);
  pl_chart_text_clear (&layout->legend_more);
  g_array_unref (layout->ticks);
  g_array_unref (layout->row_labels);
  g_array_unref (layout->series_labels);
  g_array_unref (layout->cell_numbers);
  g_array_unref (layout->legend);
  g_free (layout);
}

void
pl_chart_layout_draw (const PlChartLayout *layout,
                      cairo_t             *cr,
                      const PlChartHit    *highlight)
{
  const PlChartTheme *theme = &layout->theme;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, layout->width, layout->height);
  cairo_clip_preserve (cr);
  pl_chart_set_color (cr, &theme->background);
  cairo_fill (cr);

  pl_chart_text_draw (&layout->title, cr, &theme->text);
  if (layout->empty)
    {
      pl_chart_text_draw (&layout->message, cr, &theme->dim_text);
      cairo_restore (cr);
      return;
    }

  kind_class (layout->kind)->draw (layout, cr, highlight);
  cairo_restore (cr);
}

gboolean
pl_chart_layout_hit_test (const PlChartLayout *layout,
                          double               x,
                          double               y,
                          PlChartHit          *hit)
{
  *hit = (PlChartHit) { PL_CHART_PART_NONE, -1, -1, NAN };

  if (layout->empty)
    return FALSE;
  if (pl_chart_hit_test_frame (layout, x, y, hit))
    return TRUE;

  return kind_class (layout->kind)->hit_test (layout, x, y, hit);
}

/* The layout of the chart at @width × @height, made again when anything it depends on
 * changed. */
static const PlChartLayout *
ensure_layout (PlChart *self,
               double   width,
               double   height)
{
  PlChartEnv env;

  if (self->layout != NULL && self->layout->width == width && self->layout->height == height
      && self->layout_serial == pl_chart_data_get_serial (self->data))
    return self->layout;

  if (self->text == NULL)
    self->text = pl_chart_text_cache_new (self->font);

  env.data = self->data;
  env.kind = self->kind;
  env.stacking = self->stacking;
  env.text = self->text;
  pl_chart_theme_init (&env.theme, self->dark, self->high_contrast);

  g_clear_pointer (&self->layout, pl_chart_layout_free);
  self->layout = pl_chart_layout_new (&env, width, height);
  self->layout_serial = pl_chart_data_get_serial (self->data);

  return self->layout;
}

static void
invalidate (PlChart  *self,
            gboolean  text)
{
  g_clear_pointer (&self->layout, pl_chart_layout_free);
  if (text)
    g_clear_pointer (&self->text, pl_chart_text_cache_free);
}

/* Object */

static void
pl_chart_dispose (GObject *object)
{
  PlChart *self = (PlChart *)object;

  invalidate (self, TRUE);
  g_clear_object (&self->data);

  G_OBJECT_CLASS (pl_chart_parent_class)->dispose (object);
}

static void
pl_chart_finalize (GObject *object)
{
  PlChart *self = (PlChart *)object;

  g_free (self->font);

  G_OBJECT_CLASS (pl_chart_parent_class)->finalize (object);
}

static void
pl_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PlChart *self = PL_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_DATA:
      g_value_set_object (value, self->data);
      break;

    case PROP_STACKING:
      g_value_set_enum (value, self->stacking);
      break;

    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;

    case PROP_HIGH_CONTRAST:
      g_value_set_boolean (value, self->high_contrast);
      break;

    case PROP_FONT:
      g_value_set_string (value, self->font);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PlChart *self = PL_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      pl_chart_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_DATA:
      pl_chart_set_data (self, g_value_get_object (value));
      break;

    case PROP_STACKING:
      pl_chart_set_stacking (self, g_value_get_enum (value));
      break;

    case PROP_DARK:
      pl_chart_set_dark (self, g_value_get_boolean (value));
      break;

    case PROP_HIGH_CONTRAST:
      pl_chart_set_high_contrast (self, g_value_get_boolean (value));
      break;

    case PROP_FONT:
      pl_chart_set_font (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_chart_class_init (PlChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_chart_dispose;
  object_class->finalize = pl_chart_finalize;
  object_class->get_property = pl_chart_get_property;
  object_class->set_property = pl_chart_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, PL_TYPE_CHART_KIND, PL_CHART_KIND_BAR,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DATA] =
    g_param_spec_object ("data", NULL, NULL, PL_TYPE_CHART_DATA,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STACKING] =
    g_param_spec_enum ("stacking", NULL, NULL, PL_TYPE_CHART_STACKING, PL_CHART_STACKING_AUTO,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
    g_param_spec_boolean ("dark", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HIGH_CONTRAST] =
    g_param_spec_boolean ("high-contrast", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT] =
    g_param_spec_string ("font", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_chart_init (PlChart *self)
{
  self->highlight = (PlChartHit) { PL_CHART_PART_NONE, -1, -1, NAN };
}

gboolean
pl_chart_kind_from_string (const char  *name,
                           PlChartKind *out_kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (PL_TYPE_CHART_KIND);
  GEnumValue *value;

  g_return_val_if_fail (name != NULL, FALSE);

  value = g_enum_get_value_by_nick (klass, name);
  if (value == NULL)
    return FALSE;
  if (out_kind != NULL)
    *out_kind = value->value;
  return TRUE;
}

const char *
pl_chart_kind_to_string (PlChartKind kind)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (PL_TYPE_CHART_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  g_return_val_if_fail (value != NULL, NULL);

  return value->value_nick;
}

PlChart *
pl_chart_new (PlChartKind  kind,
              PlChartData *data)
{
  g_return_val_if_fail (PL_IS_CHART_DATA (data), NULL);

  return g_object_new (PL_TYPE_CHART, "kind", kind, "data", data, NULL);
}

PlChartKind
pl_chart_get_kind (PlChart *self)
{
  g_return_val_if_fail (PL_IS_CHART (self), PL_CHART_KIND_BAR);

  return self->kind;
}

void
pl_chart_set_kind (PlChart     *self,
                   PlChartKind  kind)
{
  g_return_if_fail (PL_IS_CHART (self));
  g_return_if_fail (kind <= PL_CHART_KIND_TIMELINE);

  if (self->kind == kind)
    return;
  self->kind = kind;
  invalidate (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

PlChartData *
pl_chart_get_data (PlChart *self)
{
  g_return_val_if_fail (PL_IS_CHART (self), NULL);

  return self->data;
}

void
pl_chart_set_data (PlChart     *self,
                   PlChartData *data)
{
  g_return_if_fail (PL_IS_CHART (self));
  g_return_if_fail (PL_IS_CHART_DATA (data));

  if (self->data == data)
    return;
  invalidate (self, FALSE);
  g_set_object (&self->data, data);
  pl_chart_set_highlight (self, -1, -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA]);
}

PlChartStacking
pl_chart_get_stacking (PlChart *self)
{
  g_return_val_if_fail (PL_IS_CHART (self), PL_CHART_STACKING_AUTO);

  return self->stacking;
}

void
pl_chart_set_stacking (PlChart        *self,
                       PlChartStacking  mode)
{
  g_return_if_fail (PL_IS_CHART (self));
  g_return_if_fail (mode <= PL_CHART_STACKING_STACKED);

  if (self->stacking == mode)
    return;
  self->stacking = mode;
  invalidate (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACKING]);
}

gboolean
pl_chart_get_dark (PlChart *self)
{
  g_return_val_if_fail (PL_IS_CHART (self), FALSE);

  return self->dark;
}

void
pl_chart_set_dark (PlChart  *self,
                   gboolean  dark)
{
  g_return_if_fail (PL_IS_CHART (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  invalidate (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

gboolean
pl_chart_get_high_contrast (PlChart *self)
{
  g_return_val_if_fail (PL_IS_CHART (self), FALSE);

  return self->high_contrast;
}

void
pl_chart_set_high_contrast (PlChart  *self,
                            gboolean  high_contrast)
{
  g_return_if_fail (PL_IS_CHART (self));

  high_contrast = !!high_contrast;
  if (self->high_contrast == high_contrast)
    return;
  self->high_contrast = high_contrast;
  invalidate (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGH_CONTRAST]);
}

const char *
pl_chart_get_font (PlChart *self)
{
  g_return_val_if_fail (PL_IS_CHART (self), NULL);

  return self->font;
}

void
pl_chart_set_font (PlChart    *self,
                   const char *font)
{
  g_return_if_fail (PL_IS_CHART (self));

  if (g_strcmp0 (self->font, font) == 0)
    return;
  g_free (self->font);
  self->font = g_strdup (font);
  invalidate (self, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT]);
}

void
pl_chart_set_highlight (PlChart *self,
                        int      row,
                        int      series)
{
  PlChartPart part = PL_CHART_PART_NONE;

  g_return_if_fail (PL_IS_CHART (self));

  if (row >= 0 && series >= 0)
    part = PL_CHART_PART_VALUE;
  else if (row >= 0)
    part = PL_CHART_PART_ROW_LABEL;
  else if (series >= 0)
    part = PL_CHART_PART_SERIES_LABEL;

  self->highlight = (PlChartHit) { part, part == PL_CHART_PART_NONE ? -1 : MAX (row, -1),
                                   part == PL_CHART_PART_NONE ? -1 : MAX (series, -1), NAN };
}

/* Drawing */

void
pl_chart_draw (PlChart *self,
               cairo_t *cr,
               double   width,
               double   height)
{
  const PlChartLayout *layout;
  PlChartHit highlight;

  g_return_if_fail (PL_IS_CHART (self));
  g_return_if_fail (self->data != NULL);
  g_return_if_fail (cr != NULL);

  if (!(width >= 1 && height >= 1))
    return;

  layout = ensure_layout (self, width, height);
  highlight = self->highlight;
  /* A highlight left from a larger table points at nothing. */
  if (highlight.row >= (int) pl_chart_data_get_n_rows (self->data)
      || highlight.series >= (int) pl_chart_data_get_n_series (self->data))
    highlight.part = PL_CHART_PART_NONE;
  pl_chart_layout_draw (layout, cr, &highlight);
}

gboolean
pl_chart_hit_test (PlChart    *self,
                   double      width,
                   double      height,
                   double      x,
                   double      y,
                   PlChartHit *hit)
{
  g_return_val_if_fail (PL_IS_CHART (self), FALSE);
  g_return_val_if_fail (self->data != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = (PlChartHit) { PL_CHART_PART_NONE, -1, -1, NAN };
  if (!(width >= 1 && height >= 1))
    return FALSE;

  return pl_chart_layout_hit_test (ensure_layout (self, width, height), x, y, hit);
}
