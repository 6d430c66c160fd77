/* pl-chart-frame.c — what every chart has: colours, nice ticks, axes and legend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-chart-private.h"

/* Colours */

static PlChartColor
rgba (double r,
      double g,
      double b,
      double a)
{
  PlChartColor color = { r, g, b, a };

  return color;
}

static PlChartColor
with_alpha (PlChartColor color,
            double       alpha)
{
  color.a = alpha;
  return color;
}

void
pl_chart_theme_init (PlChartTheme *theme,
                     gboolean      dark,
                     gboolean      high_contrast)
{
  PlChartColor text;

  memset (theme, 0, sizeof *theme);
  theme->dark = dark;
  theme->high_contrast = high_contrast;

  /* libadwaita's view colours; high contrast goes to pure black and white. */
  if (high_contrast)
    {
      theme->background = dark ? rgba (0, 0, 0, 1) : rgba (1, 1, 1, 1);
      text = dark ? rgba (1, 1, 1, 1) : rgba (0, 0, 0, 1);
    }
  else
    {
      theme->background = dark ? rgba (0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0, 1)
                               : rgba (1, 1, 1, 1);
      text = dark ? rgba (1, 1, 1, 1) : rgba (0x1e / 255.0, 0x1e / 255.0, 0x1e / 255.0, 1);
    }

  theme->text = text;
  theme->dim_text = with_alpha (text, high_contrast ? 1.0 : dark ? 0.75 : 0.7);
  theme->grid = with_alpha (text, high_contrast ? 0.4 : dark ? 0.14 : 0.11);
  theme->axis = with_alpha (text, high_contrast ? 1.0 : 0.55);
  theme->empty = with_alpha (text, high_contrast ? 0.15 : dark ? 0.07 : 0.05);
  theme->outline = with_alpha (text, high_contrast ? 1.0 : 0.0);
  theme->highlight = text;
  theme->line_width = high_contrast ? 3.0 : 2.0;
  theme->marker_radius = high_contrast ? 4.5 : 3.5;
}

PlChartColor
pl_chart_color_parse (const char *hex)
{
  guint value = 0;

  if (hex == NULL || hex[0] != '#' || strlen (hex) != 7)
    return rgba (0.5, 0.5, 0.5, 1);

  for (guint i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (hex[i]);

      if (digit < 0)
        return rgba (0.5, 0.5, 0.5, 1);
      value = value << 4 | (guint) digit;
    }

  return rgba (((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0,
               (value & 0xff) / 255.0, 1);
}

void
pl_chart_set_color (cairo_t            *cr,
                    const PlChartColor *color)
{
  if (color->a >= 1.0)
    cairo_set_source_rgb (cr, color->r, color->g, color->b);
  else
    cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

PlChartColor
pl_chart_series_color (PlChartData        *data,
                       guint               series,
                       const PlChartTheme *theme)
{
  return pl_chart_color_parse (pl_chart_data_get_series_color (data, series, theme->dark));
}

/* Ticks */

/* 1, 2, 2.5 or 5 times a power of ten, at least @raw; whole numbers for counts, 2 rather
 * than 2.5 (a tick more rather than a fraction). */
static double
nice_step (double           raw,
           PlChartValueKind kind)
{
  double magnitude = pow (10.0, floor (log10 (raw)));
  double fraction = raw / magnitude;
  double nice;

  if (fraction <= 1.0)
    nice = 1.0;
  else if (fraction <= 2.0)
    nice = 2.0;
  else if (fraction <= 2.5)
    nice = kind != PL_CHART_VALUE_COUNT || magnitude >= 10.0 ? 2.5 : 2.0;
  else if (fraction <= 5.0)
    nice = 5.0;
  else
    nice = 10.0;

  nice *= magnitude;
  return kind == PL_CHART_VALUE_COUNT ? MAX (nice, 1.0) : nice;
}

void
pl_chart_scale_init (PlChartScale     *scale,
                     double            min,
                     double            max,
                     double            length,
                     PlChartValueKind  kind)
{
  guint wanted = (guint) CLAMP (length / 48.0, 2.0, 10.0);

  /* Amounts start at zero; a flat table still gets an axis. */
  min = MIN (min, 0.0);
  max = MAX (max, 0.0);
  if (max - min < 1e-12)
    max = min + (kind == PL_CHART_VALUE_COUNT ? 1.0 : kind == PL_CHART_VALUE_SHARE ? 0.1 : 1.0);

  scale->step = nice_step ((max - min) / wanted, kind);
  scale->min = floor (min / scale->step + 1e-9) * scale->step;
  scale->max = ceil (max / scale->step - 1e-9) * scale->step;
  scale->first = scale->min;
  scale->n_ticks = (guint) round ((scale->max - scale->min) / scale->step) + 1;
}

double
pl_chart_scale_map (const PlChartScale *scale,
                    double              value,
                    double              from,
                    double              to)
{
  return from + (value - scale->min) / (scale->max - scale->min) * (to - from);
}

/* Tick labels for @scale (with @data's number format), into @out. */
void
pl_chart_place_ticks (const PlChartEnv   *env,
                      const PlChartScale *scale,
                      GArray             *out)
{
  g_array_set_size (out, 0);

  for (guint i = 0; i < scale->n_ticks; i++)
    {
      double value = scale->first + i * scale->step;
      g_autofree char *label = pl_chart_data_format_value (env->data,
                                                           fabs (value) < 1e-12 ? 0 : value);
      PlChartText text;

      pl_chart_text_place (&text, pl_chart_text_layout (env->text, PL_CHART_FONT_SMALL, label, 0),
                           (int) i);
      g_array_append_val (out, text);
    }
}

double
pl_chart_ticks_width (GArray *ticks)
{
  double width = 0;

  for (guint i = 0; i < ticks->len; i++)
    width = MAX (width, g_array_index (ticks, PlChartText, i).width);

  return width;
}

/* Value axis and legend */

static double
snap (double coordinate)
{
  return floor (coordinate) + 0.5;
}

void
pl_chart_draw_value_axis (const PlChartLayout *layout,
                          cairo_t             *cr)
{
  const PlChartBox *plot = &layout->plot;
  const PlChartTheme *theme = &layout->theme;
  double zero = snap (pl_chart_scale_map (&layout->scale, 0, plot->y + plot->height, plot->y));

  cairo_set_line_width (cr, 1.0);
  pl_chart_set_color (cr, &theme->grid);
  for (guint i = 0; i < layout->scale.n_ticks; i++)
    {
      double value = layout->scale.first + i * layout->scale.step;
      double y = snap (pl_chart_scale_map (&layout->scale, value, plot->y + plot->height,
                                           plot->y));

      if (fabs (y - zero) < 0.5)
        continue;
      cairo_move_to (cr, plot->x, y);
      cairo_line_to (cr, plot->x + plot->width, y);
    }
  cairo_stroke (cr);

  for (guint i = 0; i < layout->ticks->len; i++)
    pl_chart_text_draw (&g_array_index (layout->ticks, PlChartText, i), cr, &theme->dim_text);

  pl_chart_set_color (cr, &theme->axis);
  cairo_move_to (cr, plot->x, zero);
  cairo_line_to (cr, plot->x + plot->width, zero);
  cairo_stroke (cr);
}

void
pl_chart_draw_highlight_box (const PlChartLayout *layout,
                             cairo_t             *cr,
                             const PlChartBox    *box)
{
  const PlChartTheme *theme = &layout->theme;

  /* A ring of background first, so that the outline stands out on any colour. */
  pl_chart_set_color (cr, &theme->background);
  cairo_set_line_width (cr, 4.0);
  cairo_rectangle (cr, box->x - 1.5, box->y - 1.5, box->width + 3.0, box->height + 3.0);
  cairo_stroke (cr);
  pl_chart_set_color (cr, &theme->highlight);
  cairo_set_line_width (cr, 2.0);
  cairo_rectangle (cr, box->x - 1.0, box->y - 1.0, box->width + 2.0, box->height + 2.0);
  cairo_stroke (cr);
}

void
pl_chart_marker_path (cairo_t *cr,
                      guint    shape,
                      double   x,
                      double   y,
                      double   radius)
{
  switch (shape % 5)
    {
    case 0:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      break;

    case 1:
      radius *= 0.9;
      cairo_rectangle (cr, x - radius, y - radius, 2 * radius, 2 * radius);
      break;

    case 2:
      radius *= 1.25;
      cairo_move_to (cr, x, y - radius);
      cairo_line_to (cr, x + radius, y);
      cairo_line_to (cr, x, y + radius);
      cairo_line_to (cr, x - radius, y);
      cairo_close_path (cr);
      break;

    case 3:
    case 4:
      {
        double d = shape % 5 == 3 ? 1.0 : -1.0;

        radius *= 1.3;
        cairo_move_to (cr, x, y - d * radius);
        cairo_line_to (cr, x + radius * 0.866, y + d * radius / 2);
        cairo_line_to (cr, x - radius * 0.866, y + d * radius / 2);
        cairo_close_path (cr);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The legend's labels into @layouts: "NRM.F  Name", or with @compact the short id alone;
 * returns the widest. */
static double
legend_labels (const PlChartEnv *env,
               gboolean          compact,
               double            max_text,
               GPtrArray        *layouts)
{
  PlChartData *data = env->data;
  double widest = 0;

  g_ptr_array_set_size (layouts, 0);
  for (guint s = 0; s < pl_chart_data_get_n_series (data); s++)
    {
      const char *short_id = pl_chart_data_get_series_short_id (data, s);
      const char *name = pl_chart_data_get_series_name (data, s);
      g_autofree char *label = NULL;
      PangoLayout *text;

      if (short_id == NULL || *short_id == '\0' || g_strcmp0 (short_id, name) == 0)
        label = g_strdup (name);
      else if (compact)
        label = g_strdup (short_id);
      else
        label = g_strdup_printf ("%s  %s", short_id, name);
      text = pl_chart_text_layout (env->text, PL_CHART_FONT_LABEL, label, max_text);
      widest = MAX (widest, pl_chart_text_width (text));
      g_ptr_array_add (layouts, text);
    }

  return widest;
}

/* Places the legend at the bottom of @area, at most @max_height tall; returns its height. */
double
pl_chart_place_legend (const PlChartEnv *env,
                       PlChartLayout    *layout,
                       const PlChartBox *area,
                       double            max_height)
{
  PlChartData *data = env->data;
  guint n = pl_chart_data_get_n_series (data), n_columns = 1, n_rows = 1, max_rows, shown;
  double line = env->text->line_height[PL_CHART_FONT_LABEL];
  double swatch = env->kind == PL_CHART_KIND_TIMELINE && !layout->stacked ? 22.0 : 12.0;
  double column_gap = 18.0, row_height = line + 4.0, column_width = 0, x0, y0;
  double max_text = MIN (300.0, area->width - swatch - 6.0);
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);

  if (n == 0 || max_text < line)
    return 0;

  /* Names with short ids when they fit, else short ids alone, else as many as fit. */
  max_rows = (guint) MAX (1.0, floor (max_height / row_height));
  for (guint compact = 0; compact < 2; compact++)
    {
      column_width = legend_labels (env, compact, max_text, layouts) + swatch + 6.0;
      n_columns = (guint) MAX (1.0, floor ((area->width + column_gap)
                                           / (column_width + column_gap)));
      n_columns = MIN (n_columns, n);
      n_rows = (n + n_columns - 1) / n_columns;
      if (n_rows <= max_rows)
        break;
    }
  shown = n;
  if (n_rows > max_rows)
    {
      n_rows = max_rows;
      shown = n_rows * n_columns - 1;
    }

  x0 = area->x + (area->width - (n_columns * (column_width + column_gap) - column_gap)) / 2;
  y0 = area->y + area->height - n_rows * row_height;
  for (guint s = 0; s < shown; s++)
    {
      PlChartLegendEntry entry = { (int) s };
      double x = x0 + (s % n_columns) * (column_width + column_gap);
      double y = y0 + (s / n_columns) * row_height;

      entry.box = (PlChartBox) { x, y, column_width, row_height };
      entry.swatch = (PlChartBox) { x, y + (row_height - 12.0) / 2, swatch, 12.0 };
      pl_chart_text_place (&entry.text, g_object_ref (layouts->pdata[s]), (int) s);
      pl_chart_text_anchor (&entry.text, x + swatch + 6.0, y + 2.0, 0, 0, 0);
      g_array_append_val (layout->legend, entry);
    }

  if (shown < n)
    {
      /* TRANSLATORS: the legend has no room for the last %u series of a chart */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more",
                                                            "+%u more", n - shown), n - shown);
      double x = x0 + (shown % n_columns) * (column_width + column_gap);
      double y = y0 + (shown / n_columns) * row_height;

      pl_chart_text_place (&layout->legend_more,
                           pl_chart_text_layout (env->text, PL_CHART_FONT_LABEL, more,
                                                 column_width),
                           -1);
      pl_chart_text_anchor (&layout->legend_more, x, y + 2.0, 0, 0, 0);
    }

  return n_rows * row_height;
}

void
pl_chart_draw_legend (const PlChartLayout *layout,
                      cairo_t             *cr,
                      const PlChartHit    *highlight)
{
  const PlChartTheme *theme = &layout->theme;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const PlChartLegendEntry *entry = &g_array_index (layout->legend, PlChartLegendEntry, i);
      PlChartColor color = pl_chart_series_color (layout->data, entry->series, theme);
      const PlChartBox *sw = &entry->swatch;

      pl_chart_set_color (cr, &color);
      if (layout->kind == PL_CHART_KIND_TIMELINE && !layout->stacked)
        {
          double y = sw->y + sw->height / 2;

          cairo_set_line_width (cr, theme->line_width);
          cairo_move_to (cr, sw->x, y);
          cairo_line_to (cr, sw->x + sw->width, y);
          cairo_stroke (cr);
          pl_chart_marker_path (cr, entry->series, sw->x + sw->width / 2, y,
                                theme->marker_radius + 0.5);
          cairo_fill (cr);
        }
      else
        {
          cairo_rectangle (cr, sw->x, sw->y, sw->width, sw->height);
          cairo_fill_preserve (cr);
          pl_chart_set_color (cr, &theme->outline);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }

      if (highlight != NULL && highlight->part == PL_CHART_PART_SERIES_LABEL
          && highlight->series == entry->series)
        {
          pl_chart_set_color (cr, &theme->highlight);
          cairo_set_line_width (cr, 1.0);
          cairo_rectangle (cr, snap (entry->box.x - 3), snap (entry->box.y),
                           floor (entry->box.width + 5), floor (entry->box.height));
          cairo_stroke (cr);
        }

      pl_chart_text_draw (&entry->text, cr, &theme->text);
    }

  pl_chart_text_draw (&layout->legend_more, cr, &theme->dim_text);
}

/* Frame */

/* The frame of a bar chart or timeline: legend at the bottom, the value axis on the left,
 * the rows along the bottom of the plot.  On entry @layout->plot is the room left under
 * the title; on return it is the plot area. */
void
pl_chart_layout_cartesian (const PlChartEnv *env,
                           PlChartLayout    *layout,
                           double            min,
                           double            max)
{
  PlChartData *data = env->data;
  PlChartBox area = layout->plot;
  guint n_rows = pl_chart_data_get_n_rows (data);
  double small = env->text->line_height[PL_CHART_FONT_SMALL];
  double line = env->text->line_height[PL_CHART_FONT_LABEL];
  double legend, labels_height = 0, labels_top, ticks_width = -1, left = area.x;
  const char *row_title = pl_chart_data_get_row_axis_label (data);
  const char *value_title = pl_chart_data_get_value_axis_label (data);
  g_autofree const char **texts = g_new (const char *, n_rows);
  PlChartAxisSpec spec = { 0 };
  PlChartBox *plot = &layout->plot;

  /* A small chart keeps its room for the data. */
  if (area.height < PL_CHART_SMALL)
    row_title = value_title = NULL;

  legend = pl_chart_place_legend (env, layout, &area, MAX (line + 4.0, area.height / 4));
  if (legend > 0)
    area.height -= legend + layout->margin * 0.75;
  if (row_title != NULL)
    area.height -= small + 4.0;
  if (value_title != NULL)
    {
      area.x += small + 6.0;
      area.width -= small + 6.0;
    }

  for (guint r = 0; r < n_rows; r++)
    texts[r] = pl_chart_data_get_row_label (data, r);
  spec.font = PL_CHART_FONT_LABEL;
  spec.n = n_rows;
  spec.texts = texts;
  spec.left_limit = layout->margin;
  spec.max_length = MAX (line * 3, MIN (220.0, area.height / 4));

  /* The tick labels' width sets the plot's left edge, and the category labels' height its
   * bottom, which sets the ticks: measure with a first guess, then again once. */
  plot->height = area.height - line - PL_CHART_TICK_GAP;
  for (guint pass = 0; pass < 3; pass++)
    {
      double width;

      pl_chart_scale_init (&layout->scale, min, max, plot->height,
                           pl_chart_data_get_value_kind (data));
      pl_chart_place_ticks (env, &layout->scale, layout->ticks);
      width = pl_chart_ticks_width (layout->ticks);
      if (width <= ticks_width + 0.5)
        break;

      ticks_width = width;
      plot->x = area.x + ticks_width + PL_CHART_TICK_GAP;
      plot->width = MAX (1.0, area.x + area.width - plot->x - 4.0);
      spec.x = plot->x;
      spec.slot_width = plot->width / MAX (n_rows, 1);
      labels_height = pl_chart_place_axis_labels (env, &spec, layout->row_labels);
      plot->y = area.y + small / 2;
      plot->height = MAX (1.0, area.height - small / 2 - labels_height - PL_CHART_TICK_GAP);
    }

  labels_top = plot->y + plot->height + PL_CHART_TICK_GAP;
  for (guint i = 0; i < layout->row_labels->len; i++)
    g_array_index (layout->row_labels, PlChartText, i).y += labels_top;

  for (guint i = 0; i < layout->ticks->len; i++)
    {
      PlChartText *tick = &g_array_index (layout->ticks, PlChartText, i);
      double value = layout->scale.first + i * layout->scale.step;

      pl_chart_text_anchor (tick, plot->x - PL_CHART_TICK_GAP,
                            pl_chart_scale_map (&layout->scale, value, plot->y + plot->height,
                                                plot->y),
                            1.0, 0.5, 0);
    }

  if (value_title != NULL)
    {
      pl_chart_text_place (&layout->value_title,
                           pl_chart_text_layout (env->text, PL_CHART_FONT_SMALL, value_title,
                                                 plot->height),
                           -1);
      pl_chart_text_anchor (&layout->value_title, left, plot->y + plot->height / 2, 0.5, 0,
                            -G_PI / 2);
    }
  if (row_title != NULL)
    {
      pl_chart_text_place (&layout->row_title,
                           pl_chart_text_layout (env->text, PL_CHART_FONT_SMALL, row_title,
                                                 plot->width),
                           -1);
      pl_chart_text_anchor (&layout->row_title, plot->x + plot->width / 2,
                            labels_top + labels_height + 4.0, 0.5, 0, 0);
    }
}

/* What every kind draws around its plot: titles, row labels, legend. */
void
pl_chart_draw_frame (const PlChartLayout *layout,
                     cairo_t             *cr,
                     const PlChartHit    *highlight)
{
  const PlChartTheme *theme = &layout->theme;

  for (guint i = 0; i < layout->row_labels->len; i++)
    {
      const PlChartText *text = &g_array_index (layout->row_labels, PlChartText, i);
      gboolean lit = highlight != NULL && highlight->part == PL_CHART_PART_ROW_LABEL
                     && highlight->row == text->index;

      pl_chart_text_draw (text, cr, lit ? &theme->highlight : &theme->text);
    }
  pl_chart_text_draw (&layout->value_title, cr, &theme->dim_text);
  pl_chart_text_draw (&layout->row_title, cr, &theme->dim_text);
  pl_chart_text_draw (&layout->series_title, cr, &theme->dim_text);
  pl_chart_draw_legend (layout, cr, highlight);
}

/* Hit-testing */

void
pl_chart_hit_fill (PlChartHit       *hit,
                   PlChartPart       part,
                   int               row,
                   int               series,
                   double            value,
                   const PlChartBox *box)
{
  hit->part = part;
  hit->row = row;
  hit->series = series;
  hit->value = value;
  hit->x = box->x;
  hit->y = box->y;
  hit->width = box->width;
  hit->height = box->height;
}

gboolean
pl_chart_hit_test_texts (GArray      *texts,
                         PlChartPart  part,
                         double       x,
                         double       y,
                         PlChartHit  *hit)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const PlChartText *text = &g_array_index (texts, PlChartText, i);
      PlChartBox box;

      if (!pl_chart_text_contains (text, x, y))
        continue;
      pl_chart_text_bounds (text, &box);
      pl_chart_hit_fill (hit, part, part == PL_CHART_PART_ROW_LABEL ? text->index : -1,
                         part == PL_CHART_PART_SERIES_LABEL ? text->index : -1, NAN, &box);
      return TRUE;
    }

  return FALSE;
}

/* Row labels and legend entries under (@x, @y). */
gboolean
pl_chart_hit_test_frame (const PlChartLayout *layout,
                         double               x,
                         double               y,
                         PlChartHit          *hit)
{
  for (guint i = 0; i < layout->legend->len; i++)
    {
      const PlChartLegendEntry *entry = &g_array_index (layout->legend, PlChartLegendEntry, i);
      const PlChartBox *box = &entry->box;

      if (x >= box->x && x < box->x + box->width && y >= box->y && y < box->y + box->height)
        {
          pl_chart_hit_fill (hit, PL_CHART_PART_SERIES_LABEL, -1, entry->series, NAN, box);
          return TRUE;
        }
    }

  return pl_chart_hit_test_texts (layout->row_labels, PL_CHART_PART_ROW_LABEL, x, y, hit);
}
