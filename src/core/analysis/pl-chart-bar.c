/* pl-chart-bar.c — bar charts: one group of bars per row, side by side or stacked
 *
 * Each row has a slot along the x axis; its bars take the middle 80 % of it (70 % when
 * stacked), at most BAR_MAX_WIDTH each.  Bars wider than a few pixels are kept apart by a
 * line of the background colour, so that neighbours of one colour (sub-codes share their
 * parent's) stay two bars.  Stacked bars pile up the positive values of a row, series in
 * order from the bottom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart"

#include "config.h"

#include <math.h>

#include "pl-chart-private.h"

#define BAR_MAX_WIDTH 64.0
#define STACK_MAX_WIDTH 120.0

typedef struct
{
  double x, width;
} Span;

/* Where the bar of @series in @row lies along x. */
static Span
bar_span (const PlChartLayout *layout,
          guint                row,
          guint                series)
{
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  guint n_series = pl_chart_data_get_n_series (layout->data);
  double slot = layout->plot.width / n_rows;
  double center = layout->plot.x + (row + 0.5) * slot;
  Span span;

  if (layout->stacked)
    {
      span.width = MIN (slot * 0.7, STACK_MAX_WIDTH);
      span.x = center - span.width / 2;
    }
  else
    {
      double bar = MIN (slot * 0.8 / n_series, BAR_MAX_WIDTH);

      span.x = center - bar * n_series / 2 + bar * series;
      span.width = bar;
    }

  /* Whole pixels where bars are wide enough to lose nothing by it: crisp edges. */
  if (span.width >= 3.0)
    {
      double right = round (span.x + span.width);

      span.x = round (span.x);
      span.width = right - span.x;
    }

  return span;
}

/* The top and bottom (y) of the bar or segment of @series in @row; FALSE when it has
 * none. */
static gboolean
bar_extent (const PlChartLayout *layout,
            guint                row,
            guint                series,
            double              *out_top,
            double              *out_bottom)
{
  const PlChartBox *plot = &layout->plot;
  double bottom = plot->y + plot->height;
  double value = pl_chart_data_get_value (layout->data, row, series);
  double from = 0, to;

  if (isnan (value) || (layout->stacked && value <= 0))
    return FALSE;

  if (layout->stacked)
    for (guint s = 0; s < series; s++)
      {
        double below = pl_chart_data_get_value (layout->data, row, s);

        if (!isnan (below) && below > 0)
          from += below;
      }
  to = from + value;

  from = pl_chart_scale_map (&layout->scale, from, bottom, plot->y);
  to = pl_chart_scale_map (&layout->scale, to, bottom, plot->y);
  *out_top = MIN (from, to);
  *out_bottom = MAX (from, to);

  return TRUE;
}

static void
bar_layout (const PlChartEnv *env,
            PlChartLayout    *layout)
{
  PlChartData *data = env->data;
  guint n_rows = pl_chart_data_get_n_rows (data);
  guint n_series = pl_chart_data_get_n_series (data);
  double min = 0, max = 0;


  if (layout->stacked)
    {
      for (guint r = 0; r < n_rows; r++)
        {
          double sum = 0;

          for (guint s = 0; s < n_series; s++)
            {
              double value = pl_chart_data_get_value (data, r, s);

              if (!isnan (value) && value > 0)
                sum += value;
            }
          max = MAX (max, sum);
        }
    }
  else
    {
      pl_chart_data_get_range (data, &min, &max);
    }

  pl_chart_layout_cartesian (env, layout, min, max);
}

static void
bar_draw (const PlChartLayout *layout,
          cairo_t             *cr,
          const PlChartHit    *highlight)
{
  const PlChartTheme *theme = &layout->theme;
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  guint n_series = pl_chart_data_get_n_series (layout->data);

  pl_chart_draw_value_axis (layout, cr);

  for (guint s = 0; s < n_series; s++)
    {
      PlChartColor color = pl_chart_series_color (layout->data, s, theme);

      pl_chart_set_color (cr, &color);
      for (guint r = 0; r < n_rows; r++)
        {
          Span span = bar_span (layout, r, s);
          double top, bottom;

          if (!bar_extent (layout, r, s, &top, &bottom))
            continue;
          /* A hair of background between neighbours and between stacked segments. */
          if (!layout->stacked && span.width >= 4.0)
            span.width -= 1.0;
          if (layout->stacked && bottom - top >= 3.0)
            top += 1.0;
          cairo_rectangle (cr, span.x, top, span.width, MAX (bottom - top, 0.0));
        }
      cairo_fill (cr);
    }

  /* Outlines in high contrast, and around the highlighted bar. */
  if (theme->outline.a > 0)
    {
      cairo_set_line_width (cr, 1.0);
      pl_chart_set_color (cr, &theme->outline);
      for (guint s = 0; s < n_series; s++)
        for (guint r = 0; r < n_rows; r++)
          {
            Span span = bar_span (layout, r, s);
            double top, bottom;

            if (bar_extent (layout, r, s, &top, &bottom) && span.width >= 4.0
                && bottom - top >= 1.0)
              cairo_rectangle (cr, span.x + 0.5, round (top) + 0.5, span.width - 2.0,
                               MAX (round (bottom) - round (top) - 1.0, 0.0));
          }
      cairo_stroke (cr);
    }

  if (highlight != NULL && highlight->part == PL_CHART_PART_VALUE)
    {
      Span span = bar_span (layout, highlight->row, highlight->series);
      double top, bottom;

      if (bar_extent (layout, highlight->row, highlight->series, &top, &bottom))
        pl_chart_draw_highlight_box (layout, cr,
                                     &(PlChartBox) { span.x, top, span.width, bottom - top });
    }

  pl_chart_draw_frame (layout, cr, highlight);
}

static gboolean
bar_hit_test (const PlChartLayout *layout,
              double               x,
              double               y,
              PlChartHit          *hit)
{
  const PlChartBox *plot = &layout->plot;
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  guint n_series = pl_chart_data_get_n_series (layout->data);
  double slot = plot->width / n_rows;
  guint row;

  if (x < plot->x || x >= plot->x + plot->width || y < plot->y || y > plot->y + plot->height)
    return FALSE;

  row = MIN ((guint) ((x - plot->x) / slot), n_rows - 1);
  for (guint s = 0; s < n_series; s++)
    {
      Span span = bar_span (layout, row, s);
      double top, bottom;
      PlChartBox box;

      if (x < span.x || x >= span.x + span.width)
        continue;
      if (!bar_extent (layout, row, s, &top, &bottom))
        continue;
      /* A side-by-side bar answers over its whole height (a short bar is hard to point
       * at); a stacked segment only over itself. */
      if (layout->stacked && (y < top || y > bottom))
        continue;

      box = (PlChartBox) { span.x, top, span.width, bottom - top };
      pl_chart_hit_fill (hit, PL_CHART_PART_VALUE, (int) row, (int) s,
                         pl_chart_data_get_value (layout->data, row, s), &box);
      return TRUE;
    }

  return FALSE;
}

const PlChartKindClass pl_chart_bar_class = { bar_layout, bar_draw, bar_hit_test };
