/* pl-chart-heatmap.c — rows × series as cells on a sequential colour scale
 *
 * The scale is viridis (van der Walt and Smith, matplotlib 1.5): its lightness grows
 * evenly from one end to the other, so that the order of the colours survives the common
 * colour-vision deficiencies and a grey print.  In the light style more is darker, in the
 * dark style more is brighter: either way the largest values stand out most from the
 * background.  The scale runs from zero (or the smallest value, when negative) to the
 * largest value; a cell holding zero or nothing takes a neutral colour instead, so that
 * "none" is not read as "a little".  Numbers are written in the cells when every one fits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart"

#include "config.h"

#include <math.h>

#include "pl-chart-private.h"

#define COLOR_BAR_WIDTH 12.0
#define COLOR_BAR_MAX_HEIGHT 320.0

/* viridis at 0, 0.1, … 1. */
static const guint32 viridis[] = {
  0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151,
  0xbddf26, 0xfde725,
};

/* Where on viridis a share @t of the scale lies in @theme. */
static double
viridis_position (const PlChartTheme *theme,
                  double              t)
{
  t = CLAMP (t, 0.0, 1.0);
  return theme->dark ? 0.08 + 0.92 * t : 0.95 * (1.0 - t);
}

static PlChartColor
viridis_at (double position)
{
  double scaled = CLAMP (position, 0.0, 1.0) * (G_N_ELEMENTS (viridis) - 1);
  guint i = MIN ((guint) scaled, G_N_ELEMENTS (viridis) - 2);
  double f = scaled - i;
  PlChartColor color = { 0, 0, 0, 1 };
  double a[3], b[3];

  for (guint c = 0; c < 3; c++)
    {
      a[c] = ((viridis[i] >> (16 - 8 * c)) & 0xff) / 255.0;
      b[c] = ((viridis[i + 1] >> (16 - 8 * c)) & 0xff) / 255.0;
    }
  color.r = a[0] + (b[0] - a[0]) * f;
  color.g = a[1] + (b[1] - a[1]) * f;
  color.b = a[2] + (b[2] - a[2]) * f;

  return color;
}

/* Whether @value gets a colour of the scale (else the neutral "none"). */
static gboolean
has_color (const PlChartLayout *layout,
           double               value)
{
  return !isnan (value) && !(value == 0 && layout->scale.min == 0);
}

static double
scale_share (const PlChartLayout *layout,
             double               value)
{
  return (value - layout->scale.min) / (layout->scale.max - layout->scale.min);
}

static PlChartBox
cell_box (const PlChartLayout *layout,
          guint                row,
          guint                series)
{
  const PlChartBox *plot = &layout->plot;
  double width = plot->width / pl_chart_data_get_n_series (layout->data);
  double height = plot->height / pl_chart_data_get_n_rows (layout->data);
  double x0 = plot->x + series * width, y0 = plot->y + row * height;
  PlChartBox box;

  /* Whole pixels, so that neighbouring cells neither overlap nor leave seams. */
  box.x = round (x0);
  box.y = round (y0);
  box.width = round (x0 + width) - box.x;
  box.height = round (y0 + height) - box.y;

  return box;
}

static void
place_colour_scale (const PlChartEnv *env,
                    PlChartLayout    *layout,
                    double            length)
{
  PlChartScale *scale = &layout->scale;
  double lo = 0, hi = 0;

  pl_chart_data_get_range (env->data, &lo, &hi);
  lo = MIN (lo, 0.0);
  if (hi - lo < 1e-12)
    hi = lo + 1.0;

  /* Nice steps, but the scale itself spans exactly the values. */
  pl_chart_scale_init (scale, lo, hi, length, pl_chart_data_get_value_kind (env->data));
  scale->min = lo;
  scale->max = hi;
  scale->first = ceil (lo / scale->step - 1e-9) * scale->step;
  scale->n_ticks = (guint) floor ((hi - scale->first) / scale->step + 1e-9) + 1;
  pl_chart_place_ticks (env, scale, layout->ticks);
}

static void
heatmap_layout (const PlChartEnv *env,
                PlChartLayout    *layout)
{
  PlChartData *data = env->data;
  PlChartBox area = layout->plot;
  PlChartBox *plot = &layout->plot;
  PlChartBox *bar = &layout->color_bar;
  guint n_rows = pl_chart_data_get_n_rows (data);
  guint n_series = pl_chart_data_get_n_series (data);
  double small = env->text->line_height[PL_CHART_FONT_SMALL];
  double line = env->text->line_height[PL_CHART_FONT_LABEL];
  double ticks_width, labels_width = 0, labels_height, labels_top, row_height, max_row_label;
  const char *row_title = pl_chart_data_get_row_axis_label (data);
  const char *series_title = pl_chart_data_get_series_axis_label (data);
  const char *value_title = pl_chart_data_get_value_axis_label (data);
  g_autofree const char **texts = g_new (const char *, n_series);
  g_autoptr(GPtrArray) row_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  PlChartAxisSpec spec = { 0 };
  guint step;

  if (area.height < PL_CHART_SMALL)
    row_title = series_title = value_title = NULL;

  /* The colour scale on the right, with its ticks and title: measured for the height it
   * will about have, placed again for the one it has. */
  place_colour_scale (env, layout, MIN (area.height * 0.8, COLOR_BAR_MAX_HEIGHT));
  ticks_width = pl_chart_ticks_width (layout->ticks);
  area.width -= COLOR_BAR_WIDTH + PL_CHART_TICK_GAP + ticks_width + layout->margin;
  if (value_title != NULL)
    area.width -= small + 6.0;
  if (row_title != NULL)
    {
      area.x += small + 6.0;
      area.width -= small + 6.0;
    }
  if (series_title != NULL)
    area.height -= small + 4.0;

  /* Row labels on the left. */
  max_row_label = MAX (line * 2, MIN (220.0, area.width * 0.3));
  for (guint r = 0; r < n_rows; r++)
    {
      PangoLayout *text = pl_chart_text_layout (env->text, PL_CHART_FONT_LABEL,
                                                pl_chart_data_get_row_label (data, r),
                                                max_row_label);

      labels_width = MAX (labels_width, pl_chart_text_width (text));
      g_ptr_array_add (row_layouts, text);
    }

  plot->x = area.x + labels_width + PL_CHART_TICK_GAP;
  plot->width = MAX (1.0, area.x + area.width - plot->x);

  /* Series along the bottom. */
  for (guint s = 0; s < n_series; s++)
    texts[s] = pl_chart_data_get_series_label (data, s);
  spec.x = plot->x;
  spec.slot_width = plot->width / n_series;
  spec.max_length = MAX (line * 3, MIN (160.0, area.height / 4));
  spec.left_limit = layout->margin;
  spec.n = n_series;
  spec.texts = texts;
  spec.font = PL_CHART_FONT_SMALL;
  labels_height = pl_chart_place_axis_labels (env, &spec, layout->series_labels);

  plot->y = area.y;
  plot->height = MAX (1.0, area.height - labels_height - PL_CHART_TICK_GAP);
  labels_top = plot->y + plot->height + PL_CHART_TICK_GAP;
  for (guint i = 0; i < layout->series_labels->len; i++)
    g_array_index (layout->series_labels, PlChartText, i).y += labels_top;

  row_height = plot->height / n_rows;
  step = (guint) MAX (1.0, ceil (line * 1.05 / row_height));
  for (guint r = 0; r < n_rows; r += step)
    {
      PlChartText text;

      pl_chart_text_place (&text, g_object_ref (row_layouts->pdata[r]), (int) r);
      pl_chart_text_anchor (&text, plot->x - PL_CHART_TICK_GAP, plot->y + (r + 0.5) * row_height,
                            1.0, 0.5, 0);
      g_array_append_val (layout->row_labels, text);
    }

  *bar = (PlChartBox) { plot->x + plot->width + layout->margin, plot->y, COLOR_BAR_WIDTH,
                        MIN (plot->height, COLOR_BAR_MAX_HEIGHT) };
  place_colour_scale (env, layout, bar->height);
  for (guint i = 0; i < layout->ticks->len; i++)
    {
      PlChartText *tick = &g_array_index (layout->ticks, PlChartText, i);
      double value = layout->scale.first + i * layout->scale.step;
      double y = bar->y + bar->height * (1.0 - scale_share (layout, value));

      pl_chart_text_anchor (tick, bar->x + bar->width + PL_CHART_TICK_GAP, y, 0, 0.5, 0);
    }

  if (value_title != NULL)
    {
      pl_chart_text_place (&layout->value_title,
                           pl_chart_text_layout (env->text, PL_CHART_FONT_SMALL, value_title,
                                                 bar->height),
                           -1);
      pl_chart_text_anchor (&layout->value_title,
                            bar->x + bar->width + PL_CHART_TICK_GAP * 2 + ticks_width,
                            bar->y + bar->height / 2, 0.5, 0, -G_PI / 2);
    }
  if (row_title != NULL)
    {
      pl_chart_text_place (&layout->row_title,
                           pl_chart_text_layout (env->text, PL_CHART_FONT_SMALL, row_title,
                                                 plot->height),
                           -1);
      pl_chart_text_anchor (&layout->row_title, area.x - small - 6.0,
                            plot->y + plot->height / 2, 0.5, 0, -G_PI / 2);
    }
  if (series_title != NULL)
    {
      pl_chart_text_place (&layout->series_title,
                           pl_chart_text_layout (env->text, PL_CHART_FONT_SMALL, series_title,
                                                 plot->width),
                           -1);
      pl_chart_text_anchor (&layout->series_title, plot->x + plot->width / 2,
                            labels_top + labels_height + 4.0, 0.5, 0, 0);
    }

  /* Numbers in the cells, when they all fit. */
  if (plot->width / n_series < small * 1.2 || row_height < small + 2.0)
    return;
  for (guint r = 0; r < n_rows; r++)
    for (guint s = 0; s < n_series; s++)
      {
        double value = pl_chart_data_get_value (data, r, s);
        PlChartBox box = cell_box (layout, r, s);
        g_autofree char *number = NULL;
        PlChartText text;

        if (!has_color (layout, value))
          continue;
        number = pl_chart_data_format_value (data, value);
        pl_chart_text_place (&text, pl_chart_text_layout (env->text, PL_CHART_FONT_SMALL, number,
                                                          0),
                             (int) (r * n_series + s));
        if (text.width > box.width - 4.0 || text.height > box.height)
          {
            pl_chart_text_clear (&text);
            g_array_set_size (layout->cell_numbers, 0);
            return;
          }
        pl_chart_text_anchor (&text, box.x + box.width / 2, box.y + box.height / 2, 0.5, 0.5, 0);
        g_array_append_val (layout->cell_numbers, text);
      }
}

static void
heatmap_draw (const PlChartLayout *layout,
              cairo_t             *cr,
              const PlChartHit    *highlight)
{
  const PlChartTheme *theme = &layout->theme;
  const PlChartBox *bar = &layout->color_bar;
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  guint n_series = pl_chart_data_get_n_series (layout->data);
  gboolean gaps = layout->plot.width / n_series >= 6.0 && layout->plot.height / n_rows >= 6.0;
  cairo_pattern_t *gradient;

  for (guint r = 0; r < n_rows; r++)
    for (guint s = 0; s < n_series; s++)
      {
        double value = pl_chart_data_get_value (layout->data, r, s);
        PlChartBox box = cell_box (layout, r, s);

        if (has_color (layout, value))
          {
            PlChartColor color = viridis_at (viridis_position (theme, scale_share (layout, value)));

            pl_chart_set_color (cr, &color);
          }
        else
          {
            pl_chart_set_color (cr, &theme->empty);
          }
        /* A line of background between cells where they are big enough to spare it. */
        cairo_rectangle (cr, box.x, box.y, box.width - (gaps ? 1 : 0), box.height - (gaps ? 1 : 0));
        cairo_fill (cr);
      }

  if (theme->outline.a > 0)
    {
      pl_chart_set_color (cr, &theme->outline);
      cairo_set_line_width (cr, 1.0);
      cairo_rectangle (cr, round (layout->plot.x) + 0.5, round (layout->plot.y) + 0.5,
                       round (layout->plot.width) - 1.0, round (layout->plot.height) - 1.0);
      cairo_stroke (cr);
    }

  for (guint i = 0; i < layout->cell_numbers->len; i++)
    {
      const PlChartText *text = &g_array_index (layout->cell_numbers, PlChartText, i);
      double value = pl_chart_data_get_value (layout->data, text->index / n_series,
                                              text->index % n_series);
      /* Black on the light half of viridis, white on the dark half. */
      double position = viridis_position (theme, scale_share (layout, value));
      PlChartColor ink = position > 0.55 ? (PlChartColor) { 0, 0, 0, 1 }
                                         : (PlChartColor) { 1, 1, 1, 1 };

      pl_chart_text_draw (text, cr, &ink);
    }

  if (highlight != NULL && highlight->part == PL_CHART_PART_VALUE)
    {
      PlChartBox box = cell_box (layout, highlight->row, highlight->series);

      /* The cell less its hair of background. */
      box.width -= 1.0;
      box.height -= 1.0;
      pl_chart_draw_highlight_box (layout, cr, &box);
    }

  /* The colour scale, from its top (largest) down. */
  gradient = cairo_pattern_create_linear (0, bar->y, 0, bar->y + bar->height);
  for (guint i = 0; i <= 20; i++)
    {
      PlChartColor color = viridis_at (viridis_position (theme, 1.0 - i / 20.0));

      cairo_pattern_add_color_stop_rgb (gradient, i / 20.0, color.r, color.g, color.b);
    }
  cairo_set_source (cr, gradient);
  cairo_rectangle (cr, bar->x, bar->y, bar->width, bar->height);
  cairo_fill (cr);
  cairo_pattern_destroy (gradient);
  for (guint i = 0; i < layout->ticks->len; i++)
    pl_chart_text_draw (&g_array_index (layout->ticks, PlChartText, i), cr, &theme->dim_text);

  for (guint i = 0; i < layout->series_labels->len; i++)
    {
      const PlChartText *text = &g_array_index (layout->series_labels, PlChartText, i);
      gboolean lit = highlight != NULL && highlight->part == PL_CHART_PART_SERIES_LABEL
                     && highlight->series == text->index;

      pl_chart_text_draw (text, cr, lit ? &theme->highlight : &theme->text);
    }

  pl_chart_draw_frame (layout, cr, highlight);
}

static gboolean
heatmap_hit_test (const PlChartLayout *layout,
                  double               x,
                  double               y,
                  PlChartHit          *hit)
{
  const PlChartBox *plot = &layout->plot;
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  guint n_series = pl_chart_data_get_n_series (layout->data);

  if (x >= plot->x && x < plot->x + plot->width && y >= plot->y && y < plot->y + plot->height)
    {
      guint row = MIN ((guint) ((y - plot->y) / (plot->height / n_rows)), n_rows - 1);
      guint series = MIN ((guint) ((x - plot->x) / (plot->width / n_series)), n_series - 1);
      PlChartBox box = cell_box (layout, row, series);

      pl_chart_hit_fill (hit, PL_CHART_PART_VALUE, (int) row, (int) series,
                         pl_chart_data_get_value (layout->data, row, series), &box);
      return TRUE;
    }

  return pl_chart_hit_test_texts (layout->series_labels, PL_CHART_PART_SERIES_LABEL, x, y, hit);
}

const PlChartKindClass pl_chart_heatmap_class = { heatmap_layout, heatmap_draw,
                                                  heatmap_hit_test };
