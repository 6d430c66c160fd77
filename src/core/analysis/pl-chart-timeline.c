/* pl-chart-timeline.c — the series over the rows in their order: lines or stacked areas
 *
 * Rows (sessions, dates) are evenly spaced points, in the middle of their slots as a bar
 * chart's groups are.
 *
 * Lines: a missing value breaks the line.  Markers come in five shapes, by series, so that
 * series of one colour can be told apart; each has a ring of the background colour where
 * lines cross.  Hit-testing finds the marker nearest the pointer in the nearest row, within
 * HIT_RADIUS, the series drawn last (on top) first.
 *
 * Stacked areas: the series' values piled up in order from the bottom (a missing value
 * counts as zero), each row holding its values across its slot, so that a band is a
 * ribbon of steps, with a hair of background between bands.  Steps show what was counted
 * in each session rather than a trend between sessions; and they are cheap: cairo fills
 * boxes in a fraction of the time it takes over sloped edges, whose cost grows with every
 * pixel row an edge crosses.  Sixty lines of counts that jump from session to session
 * cross most of the plot many times and take several frames (bench-chart); sixty bands of
 * steps take a few milliseconds.  Hence PL_CHART_STACKING_AUTO.  Hit-testing finds the
 * step under the pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-chart"

#include "config.h"

#include <math.h>

#include "pl-chart-private.h"

#define HIT_RADIUS 9.0

static double
point_x (const PlChartLayout *layout,
         guint                row)
{
  guint n_rows = pl_chart_data_get_n_rows (layout->data);

  return layout->plot.x + (row + 0.5) * layout->plot.width / n_rows;
}

static double
point_y (const PlChartLayout *layout,
         double               value)
{
  const PlChartBox *plot = &layout->plot;

  return pl_chart_scale_map (&layout->scale, value, plot->y + plot->height, plot->y);
}

/* What a series adds to a stack. */
static double
stacked_value (PlChartData *data,
               guint        row,
               guint        series)
{
  double value = pl_chart_data_get_value (data, row, series);

  return isnan (value) || value < 0 ? 0 : value;
}

static void
timeline_layout (const PlChartEnv *env,
                 PlChartLayout    *layout)
{
  PlChartData *data = env->data;
  double min = 0, max = 0;

  if (layout->stacked)
    {
      for (guint r = 0; r < pl_chart_data_get_n_rows (data); r++)
        {
          double sum = 0;

          for (guint s = 0; s < pl_chart_data_get_n_series (data); s++)
            sum += stacked_value (data, r, s);
          max = MAX (max, sum);
        }
    }
  else
    {
      pl_chart_data_get_range (data, &min, &max);
    }

  pl_chart_layout_cartesian (env, layout, min, max);
}

/* The series brought forward: the one hovered, in the plot or the legend; -1 for none. */
static int
lit_series (const PlChartHit *highlight)
{
  if (highlight == NULL || highlight->part == PL_CHART_PART_NONE)
    return -1;
  return highlight->series;
}

/* Lines */

static void
draw_line (const PlChartLayout *layout,
           cairo_t             *cr,
           guint                series,
           gboolean             lit)
{
  const PlChartTheme *theme = &layout->theme;
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  PlChartColor color = pl_chart_series_color (layout->data, series, theme);
  double radius = theme->marker_radius * (lit ? 1.4 : 1.0);
  gboolean drawing = FALSE;

  pl_chart_set_color (cr, &color);
  cairo_set_line_width (cr, theme->line_width * (lit ? 1.75 : 1.0));
  for (guint r = 0; r < n_rows; r++)
    {
      double value = pl_chart_data_get_value (layout->data, r, series);

      if (isnan (value))
        {
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, point_x (layout, r), point_y (layout, value));
      else
        cairo_move_to (cr, point_x (layout, r), point_y (layout, value));
      drawing = TRUE;
    }
  cairo_stroke (cr);

  /* Markers only where they do not merge into a band. */
  if (layout->plot.width / n_rows < radius * 2.5)
    return;

  for (guint r = 0; r < n_rows; r++)
    {
      double value = pl_chart_data_get_value (layout->data, r, series);

      if (!isnan (value))
        pl_chart_marker_path (cr, series, point_x (layout, r), point_y (layout, value), radius);
    }
  cairo_fill_preserve (cr);
  pl_chart_set_color (cr, theme->high_contrast ? &theme->outline : &theme->background);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
draw_lines (const PlChartLayout *layout,
            cairo_t             *cr,
            const PlChartHit    *highlight)
{
  const PlChartTheme *theme = &layout->theme;
  guint n_series = pl_chart_data_get_n_series (layout->data);
  int lit = lit_series (highlight);

  /* Coarser antialiasing (4 × 4 samples) looks the same on lines and takes a third less. */
  cairo_save (cr);
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < n_series; s++)
    if ((int) s != lit)
      draw_line (layout, cr, s, FALSE);
  /* The series under the pointer on top of the others. */
  if (lit >= 0)
    draw_line (layout, cr, (guint) lit, TRUE);
  cairo_restore (cr);

  if (highlight != NULL && highlight->part == PL_CHART_PART_VALUE)
    {
      double value = pl_chart_data_get_value (layout->data, highlight->row, highlight->series);

      if (!isnan (value))
        {
          pl_chart_set_color (cr, &theme->highlight);
          cairo_set_line_width (cr, 2.0);
          cairo_new_sub_path (cr);
          cairo_arc (cr, point_x (layout, highlight->row), point_y (layout, value),
                     theme->marker_radius * 1.4 + 3.0, 0, 2 * G_PI);
          cairo_stroke (cr);
        }
    }
}

static gboolean
hit_test_lines (const PlChartLayout *layout,
                double               x,
                double               y,
                PlChartHit          *hit)
{
  const PlChartBox *plot = &layout->plot;
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  guint n_series = pl_chart_data_get_n_series (layout->data);
  double best = HIT_RADIUS, radius = layout->theme.marker_radius, px, value;
  int found = -1;
  PlChartBox box;
  guint row;

  row = (guint) CLAMP (floor ((x - plot->x) / (plot->width / n_rows)), 0, n_rows - 1);
  px = point_x (layout, row);
  for (guint s = n_series; s-- > 0;)
    {
      double distance;

      value = pl_chart_data_get_value (layout->data, row, s);
      if (isnan (value))
        continue;
      distance = hypot (px - x, point_y (layout, value) - y);
      if (distance < best)
        {
          best = distance;
          found = (int) s;
        }
    }
  if (found < 0)
    return FALSE;

  value = pl_chart_data_get_value (layout->data, row, found);
  box = (PlChartBox) { px - radius, point_y (layout, value) - radius, 2 * radius, 2 * radius };
  pl_chart_hit_fill (hit, PL_CHART_PART_VALUE, (int) row, found, value, &box);

  return TRUE;
}

/* Stacked areas */

/* The slot of @row, in whole pixels so that neighbouring steps meet without a seam. */
static void
slot_edges (const PlChartLayout *layout,
            guint                row,
            double              *out_left,
            double              *out_right)
{
  double slot = layout->plot.width / pl_chart_data_get_n_rows (layout->data);

  *out_left = round (layout->plot.x + row * slot);
  *out_right = round (layout->plot.x + (row + 1) * slot);
}

/* The step of a band in @row between the stack @below it and @below + @value, its top
 * lowered by a hair of background where the band is thick enough to spare it. */
static PlChartBox
step_box (const PlChartLayout *layout,
          guint                row,
          double               below,
          double               value,
          gboolean             gap)
{
  double left, right, top, bottom;

  slot_edges (layout, row, &left, &right);
  bottom = point_y (layout, below);
  top = point_y (layout, below + value);
  if (gap && bottom - top >= 3.0)
    top += 1.0;

  return (PlChartBox) { left, top, right - left, bottom - top };
}

static void
draw_areas (const PlChartLayout *layout,
            cairo_t             *cr,
            const PlChartHit    *highlight)
{
  const PlChartTheme *theme = &layout->theme;
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  guint n_series = pl_chart_data_get_n_series (layout->data);
  g_autofree double *below = g_new0 (double, n_rows);

  for (guint s = 0; s < n_series; s++)
    {
      PlChartColor color = pl_chart_series_color (layout->data, s, theme);

      pl_chart_set_color (cr, &color);
      for (guint r = 0; r < n_rows; r++)
        {
          double value = stacked_value (layout->data, r, s);

          if (value > 0)
            {
              PlChartBox box = step_box (layout, r, below[r], value, TRUE);

              cairo_rectangle (cr, box.x, box.y, box.width, box.height);
            }
          below[r] += value;
        }
      if (theme->outline.a > 0)
        {
          cairo_fill_preserve (cr);
          pl_chart_set_color (cr, &theme->outline);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
      else
        {
          cairo_fill (cr);
        }
    }

  if (highlight != NULL && highlight->part == PL_CHART_PART_VALUE)
    {
      double under = 0, value;
      PlChartBox box;

      for (int s = 0; s < highlight->series; s++)
        under += stacked_value (layout->data, highlight->row, s);
      value = stacked_value (layout->data, highlight->row, highlight->series);
      box = step_box (layout, highlight->row, under, value, FALSE);
      pl_chart_draw_highlight_box (layout, cr, &box);
    }
}

static gboolean
hit_test_areas (const PlChartLayout *layout,
                double               x,
                double               y,
                PlChartHit          *hit)
{
  const PlChartBox *plot = &layout->plot;
  guint n_rows = pl_chart_data_get_n_rows (layout->data);
  guint n_series = pl_chart_data_get_n_series (layout->data);
  double below = 0;
  guint row;

  if (x < plot->x || x >= plot->x + plot->width)
    return FALSE;

  row = MIN ((guint) ((x - plot->x) / (plot->width / n_rows)), n_rows - 1);
  for (guint s = 0; s < n_series; s++)
    {
      double value = stacked_value (layout->data, row, s);
      PlChartBox box = step_box (layout, row, below, value, FALSE);

      if (value > 0 && y >= box.y && y <= box.y + box.height)
        {
          pl_chart_hit_fill (hit, PL_CHART_PART_VALUE, (int) row, (int) s,
                             pl_chart_data_get_value (layout->data, row, s), &box);
          return TRUE;
        }
      below += value;
    }

  return FALSE;
}

/* Both */

static void
timeline_draw (const PlChartLayout *layout,
               cairo_t             *cr,
               const PlChartHit    *highlight)
{
  pl_chart_draw_value_axis (layout, cr);
  if (layout->stacked)
    draw_areas (layout, cr, highlight);
  else
    draw_lines (layout, cr, highlight);
  pl_chart_draw_frame (layout, cr, highlight);
}

static gboolean
timeline_hit_test (const PlChartLayout *layout,
                   double               x,
                   double               y,
                   PlChartHit          *hit)
{
  const PlChartBox *plot = &layout->plot;

  if (x < plot->x - HIT_RADIUS || x > plot->x + plot->width + HIT_RADIUS
      || y < plot->y - HIT_RADIUS || y > plot->y + plot->height + HIT_RADIUS)
    return FALSE;

  return layout->stacked ? hit_test_areas (layout, x, y, hit)
                         : hit_test_lines (layout, x, y, hit);
}

const PlChartKindClass pl_chart_timeline_class = { timeline_layout, timeline_draw,
                                                   timeline_hit_test };
