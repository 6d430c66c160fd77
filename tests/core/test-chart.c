/* test-chart.c — charts drawn onto image surfaces, hit-testing, PNG, SVG and CSV
 *
 * The drawing is checked on its pixels: the bar of the largest value stands highest in
 * its series' colour, the heatmap's largest value is its darkest cell (brightest in the
 * dark style), backgrounds follow the style.  Hit-testing is checked against what was
 * drawn: a point painted in a series' colour hits that series.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <libxml/tree.h>

#include "pl-chart.h"
#include "pl-error.h"
#include "pl-test-util.h"
#include "pl-xml.h"

#define BLUE 0x0072B2
#define ORANGE 0xE69F00
#define GREEN 0x009E73

/* Helpers */

typedef struct
{
  const char *label;
  double      values[3];
} Row;

/* A table of @n_rows rows of three codes, blue, orange and green. */
static PlChartData *
make_data (const Row *rows,
           guint      n_rows)
{
  static const PlChartSeriesSpec series[] = {
    { "Norms", "NRM", "#0072B2", NULL, 1 },
    { "Threats", "THR", "#E69F00", NULL, 2 },
    { "Confidence-building measures", "CBM", "#009E73", NULL, 3 },
  };
  PlChartData *data = pl_chart_data_new (n_rows, G_N_ELEMENTS (series));

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    pl_chart_data_set_series (data, s, &series[s]);
  for (guint r = 0; r < n_rows; r++)
    {
      PlChartRowSpec spec = { rows[r].label, rows[r].label, r + 1 };

      pl_chart_data_set_row (data, r, &spec);
      for (guint s = 0; s < G_N_ELEMENTS (series); s++)
        pl_chart_data_set_value (data, r, s, rows[r].values[s]);
    }
  pl_chart_data_set_title (data, "Codes by regional group");
  pl_chart_data_set_axis_labels (data, "Regional group", "Code", "Segments");

  return data;
}

static PlChartData *
make_groups (void)
{
  static const Row rows[] = {
    { "African Group", { 4, 2, 1 } },
    { "Asia-Pacific Group", { 12, 3, 5 } },
    { "Western European and Others Group", { 6, 9, 2 } },
  };

  return make_data (rows, G_N_ELEMENTS (rows));
}

static cairo_surface_t *
render (PlChart *chart,
        int      width,
        int      height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  pl_chart_draw (chart, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface)
                      + (gsize) y * cairo_image_surface_get_stride (surface);

  return ((const guint32 *) row)[x] & 0xffffff;
}

static double
luminance (guint32 rgb)
{
  return 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
}

/* The topmost pixel of colour @rgb (FALSE when there is none). */
static gboolean
find_topmost (cairo_surface_t *surface,
              guint32          rgb,
              int             *out_x,
              int             *out_y)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixel (surface, x, y) == rgb)
        {
          *out_x = x;
          *out_y = y;
          return TRUE;
        }

  return FALSE;
}

static guint
count_color (cairo_surface_t *surface,
             guint32          rgb)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      n += pixel (surface, x, y) == rgb;

  return n;
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("plenary-chart-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Bar chart */

static void
test_bar_pixels (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_BAR, data);
  cairo_surface_t *surface;
  PlChartHit hit;
  int x, y, blue_x, blue_y;

  pl_chart_set_stacking (chart, PL_CHART_STACKING_NONE);
  surface = render (chart, 640, 400);

  /* The highest bar is blue (12), in the middle third: Asia-Pacific. */
  g_assert_true (find_topmost (surface, BLUE, &blue_x, &blue_y));
  g_assert_true (find_topmost (surface, ORANGE, &x, &y));
  g_assert_cmpint (blue_y, <, y);
  g_assert_true (find_topmost (surface, GREEN, &x, &y));
  g_assert_cmpint (blue_y, <, y);
  g_assert_cmpint (blue_x, >, 640 / 3 - 20);
  g_assert_cmpint (blue_x, <, 2 * 640 / 3);
  /* The bar is solid down to its base. */
  for (int i = 1; i < 150; i++)
    g_assert_cmphex (pixel (surface, blue_x + 2, blue_y + i), ==, BLUE);

  /* What is drawn there is what is hit there. */
  g_assert_true (pl_chart_hit_test (chart, 640, 400, blue_x + 2, blue_y + 5, &hit));
  g_assert_cmpint (hit.part, ==, PL_CHART_PART_VALUE);
  g_assert_cmpint (hit.row, ==, 1);
  g_assert_cmpint (hit.series, ==, 0);
  g_assert_cmpfloat (hit.value, ==, 12);
  g_assert_cmpfloat_with_epsilon (hit.y, blue_y, 1.0);
  g_assert_cmpfloat (hit.height, >, 100);

  /* Light style: a white background. */
  g_assert_cmphex (pixel (surface, 1, 1), ==, 0xffffff);
  g_assert_cmphex (pixel (surface, 638, 398), ==, 0xffffff);
  cairo_surface_destroy (surface);
}

static void
test_bar_hit_every_bar (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_BAR, data);
  static const guint32 colors[] = { BLUE, ORANGE, GREEN };
  cairo_surface_t *surface;
  gboolean seen[3][3] = { { FALSE } };
  PlChartHit hit;

  pl_chart_set_stacking (chart, PL_CHART_STACKING_NONE);
  surface = render (chart, 800, 500);

  /* Every pixel of a series' colour above the legend hits that series; each bar is hit. */
  for (int y = 0; y < 500; y += 3)
    for (int x = 0; x < 800; x += 2)
      for (guint s = 0; s < 3; s++)
        if (pixel (surface, x, y) == colors[s] && pl_chart_hit_test (chart, 800, 500, x, y, &hit)
            && hit.part == PL_CHART_PART_VALUE)
          {
            g_assert_cmpint (hit.series, ==, (int) s);
            g_assert_cmpfloat (hit.value, ==, pl_chart_data_get_value (data, hit.row, s));
            seen[hit.row][s] = TRUE;
          }
  for (guint r = 0; r < 3; r++)
    for (guint s = 0; s < 3; s++)
      g_assert_true (seen[r][s]);

  /* Nothing in the corner; the legend names the series. */
  g_assert_false (pl_chart_hit_test (chart, 800, 500, 2, 2, &hit));
  g_assert_cmpint (hit.part, ==, PL_CHART_PART_NONE);
  g_assert_cmpint (hit.row, ==, -1);
  {
    int x = 0, y = 0, last_y = -1;

    /* The lowest orange pixels are the legend's swatch. */
    for (int yy = 0; yy < 500; yy++)
      for (int xx = 0; xx < 800; xx++)
        if (pixel (surface, xx, yy) == ORANGE)
          {
            x = xx;
            y = yy;
            last_y = yy;
          }
    g_assert_cmpint (last_y, >, 400);
    g_assert_true (pl_chart_hit_test (chart, 800, 500, x, y, &hit));
    g_assert_cmpint (hit.part, ==, PL_CHART_PART_SERIES_LABEL);
    g_assert_cmpint (hit.series, ==, 1);
    g_assert_cmpint (hit.row, ==, -1);
  }
  cairo_surface_destroy (surface);
}

static void
test_bar_stacked (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_BAR, data);
  cairo_surface_t *surface;
  PlChartHit hit;
  int x, y;

  pl_chart_set_stacking (chart, PL_CHART_STACKING_STACKED);
  surface = render (chart, 640, 400);

  /* Asia-Pacific's stack (20) is the tallest: its top segment, green, is the highest. */
  g_assert_true (find_topmost (surface, GREEN, &x, &y));
  g_assert_cmpint (x, >, 640 / 3 - 20);
  g_assert_cmpint (x, <, 2 * 640 / 3);
  g_assert_true (pl_chart_hit_test (chart, 640, 400, x + 2, y + 3, &hit));
  g_assert_cmpint (hit.row, ==, 1);
  g_assert_cmpint (hit.series, ==, 2);
  g_assert_cmpfloat (hit.value, ==, 5);
  /* Above the stack there is nothing to hit. */
  g_assert_false (pl_chart_hit_test (chart, 640, 400, x + 2, y - 8, &hit));
  cairo_surface_destroy (surface);
}

/* Heatmap */

/* The colour of every cell, sampled inside its corner (numbers sit in the middle). */
static void
sample_cells (PlChart         *chart,
              cairo_surface_t *surface,
              guint            n_rows,
              guint            n_series,
              guint32         *out)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  g_autofree gboolean *seen = g_new0 (gboolean, n_rows * n_series);
  PlChartHit hit;

  for (int y = 0; y < height; y += 2)
    for (int x = 0; x < width; x += 2)
      if (pl_chart_hit_test (chart, width, height, x, y, &hit)
          && hit.part == PL_CHART_PART_VALUE && !seen[hit.row * n_series + hit.series])
        {
          seen[hit.row * n_series + hit.series] = TRUE;
          g_assert_cmpfloat (hit.width, >, 4);
          out[hit.row * n_series + hit.series] = pixel (surface, (int) hit.x + 2,
                                                        (int) hit.y + 2);
        }

  for (guint i = 0; i < n_rows * n_series; i++)
    g_assert_true (seen[i]);
}

static void
check_heatmap (gboolean dark)
{
  static const Row rows[] = {
    { "Brazil", { 1, 2, 3 } },
    { "Japan", { 4, 0, 6 } },
    { "Kenya", { 7, 30, 9 } },
    { "Estonia", { 2, NAN, 5 } },
  };
  g_autoptr(PlChartData) data = make_data (rows, G_N_ELEMENTS (rows));
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_HEATMAP, data);
  guint32 cells[4 * 3];
  cairo_surface_t *surface;
  guint extreme = 0;

  pl_chart_set_dark (chart, dark);
  surface = render (chart, 640, 420);
  sample_cells (chart, surface, 4, 3, cells);

  /* The largest value (Kenya, THR) is the darkest cell, or the brightest in dark style. */
  for (guint i = 1; i < G_N_ELEMENTS (cells); i++)
    if (dark ? luminance (cells[i]) > luminance (cells[extreme])
             : luminance (cells[i]) < luminance (cells[extreme]))
      extreme = i;
  g_assert_cmpuint (extreme, ==, 2 * 3 + 1);

  /* More is darker (brighter) all along: 1 < 2 < 3 < 4. */
  if (dark)
    {
      g_assert_cmpfloat (luminance (cells[0]), <, luminance (cells[1]));
      g_assert_cmpfloat (luminance (cells[1]), <, luminance (cells[2]));
    }
  else
    {
      g_assert_cmpfloat (luminance (cells[0]), >, luminance (cells[1]));
      g_assert_cmpfloat (luminance (cells[1]), >, luminance (cells[2]));
    }
  /* Zero and no value look alike, and like neither end of the scale. */
  g_assert_cmphex (cells[1 * 3 + 1], ==, cells[3 * 3 + 1]);
  g_assert_cmphex (cells[1 * 3 + 1], !=, cells[0]);

  /* The background follows the style. */
  g_assert_cmphex (pixel (surface, 1, 1), ==, dark ? 0x242424 : 0xffffff);
  cairo_surface_destroy (surface);
}

static void
test_heatmap_light (void)
{
  check_heatmap (FALSE);
}

static void
test_heatmap_dark (void)
{
  check_heatmap (TRUE);
}

static void
test_heatmap_hit_labels (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_HEATMAP, data);
  PlChartHit hit, label;
  gboolean row_label = FALSE, series_label = FALSE;

  /* Scanning the chart finds each row label left of its cells and each column label
   * below its column. */
  for (int y = 0; y < 400; y += 2)
    for (int x = 0; x < 640; x += 2)
      if (pl_chart_hit_test (chart, 640, 400, x, y, &label))
        {
          if (label.part == PL_CHART_PART_ROW_LABEL)
            {
              g_assert_true (pl_chart_hit_test (chart, 640, 400, label.x + label.width + 12,
                                                label.y + label.height / 2, &hit));
              g_assert_cmpint (hit.part, ==, PL_CHART_PART_VALUE);
              g_assert_cmpint (hit.row, ==, label.row);
              g_assert_cmpint (hit.series, ==, 0);
              row_label = TRUE;
            }
          else if (label.part == PL_CHART_PART_SERIES_LABEL)
            {
              double center = label.x + label.width / 2;

              g_assert_true (pl_chart_hit_test (chart, 640, 400, center, 120, &hit));
              g_assert_cmpint (hit.part, ==, PL_CHART_PART_VALUE);
              g_assert_cmpint (hit.series, ==, label.series);
              series_label = TRUE;
            }
        }
  g_assert_true (row_label);
  g_assert_true (series_label);
}

/* Timeline */

static void
test_timeline (void)
{
  static const Row rows[] = {
    { "First session", { 1, 5, 2 } },
    { "Second session", { 3, NAN, 2 } },
    { "Third session", { 8, 4, 2 } },
    { "Fourth session", { 2, 6, 2 } },
  };
  g_autoptr(PlChartData) data = make_data (rows, G_N_ELEMENTS (rows));
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_TIMELINE, data);
  cairo_surface_t *surface = render (chart, 720, 420);
  PlChartHit hit, first;
  int x, y;
  guint hits = 0;

  /* The highest point is blue's 8, in the third session. */
  g_assert_true (find_topmost (surface, BLUE, &x, &y));
  g_assert_cmpint (x, >, 720 / 2);
  g_assert_cmpint (x, <, 3 * 720 / 4 + 20);
  g_assert_true (pl_chart_hit_test (chart, 720, 420, x, y + 2, &hit));
  g_assert_cmpint (hit.part, ==, PL_CHART_PART_VALUE);
  g_assert_cmpint (hit.row, ==, 2);
  g_assert_cmpint (hit.series, ==, 0);
  g_assert_cmpfloat (hit.value, ==, 8);

  /* Every hit in the plot names a point that exists, and its value. */
  for (int yy = 0; yy < 420; yy += 3)
    for (int xx = 0; xx < 720; xx += 3)
      if (pl_chart_hit_test (chart, 720, 420, xx, yy, &hit) && hit.part == PL_CHART_PART_VALUE)
        {
          g_assert_false (isnan (hit.value));
          g_assert_cmpfloat (hit.value, ==, pl_chart_data_get_value (data, hit.row, hit.series));
          g_assert_cmpfloat (fabs (xx - (hit.x + hit.width / 2)), <=, 10);
          g_assert_cmpfloat (fabs (yy - (hit.y + hit.height / 2)), <=, 10);
          hits++;
        }
  g_assert_cmpuint (hits, >, 11);

  /* Far from every point: nothing. */
  g_assert_true (find_topmost (surface, ORANGE, &x, &y));
  g_assert_true (pl_chart_hit_test (chart, 720, 420, x, y + 1, &first));
  g_assert_cmpint (first.series, ==, 1);
  g_assert_false (pl_chart_hit_test (chart, 720, 420, x, y - 40, &hit)
                  && hit.part == PL_CHART_PART_VALUE);

  cairo_surface_destroy (surface);
}

static void
test_timeline_stacked (void)
{
  static const Row rows[] = {
    { "First session", { 1, 5, 2 } },
    { "Second session", { 3, NAN, 2 } },
    { "Third session", { 8, 4, 9 } },
    { "Fourth session", { 2, 6, 2 } },
  };
  g_autoptr(PlChartData) data = make_data (rows, G_N_ELEMENTS (rows));
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_TIMELINE, data);
  static const guint32 colors[] = { BLUE, ORANGE, GREEN };
  cairo_surface_t *surface;
  PlChartHit hit;
  guint hits = 0;
  int x, y;

  pl_chart_set_stacking (chart, PL_CHART_STACKING_STACKED);
  surface = render (chart, 720, 420);

  /* The top band, green, peaks at the third session's total (21). */
  g_assert_true (find_topmost (surface, GREEN, &x, &y));
  g_assert_cmpint (x, >, 720 / 2);
  g_assert_cmpint (x, <, 3 * 720 / 4 + 20);
  g_assert_true (pl_chart_hit_test (chart, 720, 420, x, y + 3, &hit));
  g_assert_cmpint (hit.part, ==, PL_CHART_PART_VALUE);
  g_assert_cmpint (hit.row, ==, 2);
  g_assert_cmpint (hit.series, ==, 2);
  g_assert_cmpfloat (hit.value, ==, 9);

  /* A point of a band's colour hits that band, at the nearest session. */
  for (int yy = 0; yy < 420; yy += 3)
    for (int xx = 0; xx < 720; xx += 3)
      for (guint s = 0; s < 3; s++)
        if (pixel (surface, xx, yy) == colors[s]
            && pl_chart_hit_test (chart, 720, 420, xx + 0.5, yy + 0.5, &hit)
            && hit.part == PL_CHART_PART_VALUE)
          {
            g_assert_cmpint (hit.series, ==, (int) s);
            hits++;
          }
  g_assert_cmpuint (hits, >, 500);

  /* Above the stack, nothing. */
  g_assert_false (pl_chart_hit_test (chart, 720, 420, x, y - 10, &hit)
                  && hit.part == PL_CHART_PART_VALUE);
  cairo_surface_destroy (surface);
}

/* Styles */

static void
test_styles (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_BAR, data);
  const struct
  {
    gboolean dark;
    gboolean high_contrast;
    guint32  background;
  } styles[] = {
    { FALSE, FALSE, 0xffffff },
    { TRUE, FALSE, 0x242424 },
    { FALSE, TRUE, 0xffffff },
    { TRUE, TRUE, 0x000000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    for (guint kind = PL_CHART_KIND_BAR; kind <= PL_CHART_KIND_TIMELINE; kind++)
      {
        cairo_surface_t *surface;
        guint text = 0;

        pl_chart_set_kind (chart, kind);
        pl_chart_set_dark (chart, styles[i].dark);
        pl_chart_set_high_contrast (chart, styles[i].high_contrast);
        surface = render (chart, 480, 320);
        g_assert_cmphex (pixel (surface, 0, 0), ==, styles[i].background);
        g_assert_cmphex (pixel (surface, 479, 319), ==, styles[i].background);
        /* The title is in the text colour: light on dark, dark on light. */
        for (int y = 0; y < 40; y++)
          for (int x = 0; x < 480; x++)
            if (styles[i].dark ? luminance (pixel (surface, x, y)) > 240
                               : luminance (pixel (surface, x, y)) < 40)
              text++;
        g_assert_cmpuint (text, >, 50);
        cairo_surface_destroy (surface);
      }

  /* The dark style draws with the codes' dark colours. */
  {
    PlChartSeriesSpec spec = { "Norms", "NRM", "#0072B2", "#3A9BE0", 1 };
    cairo_surface_t *surface;

    pl_chart_data_set_series (data, 0, &spec);
    pl_chart_set_kind (chart, PL_CHART_KIND_BAR);
    pl_chart_set_high_contrast (chart, FALSE);
    pl_chart_set_dark (chart, TRUE);
    surface = render (chart, 480, 320);
    g_assert_cmpuint (count_color (surface, 0x3A9BE0), >, 500);
    g_assert_cmpuint (count_color (surface, BLUE), ==, 0);
    cairo_surface_destroy (surface);
  }
}

static void
test_highlight (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_BAR, data);
  cairo_surface_t *plain, *lit;
  PlChartHit hit;
  int x, y;

  pl_chart_set_stacking (chart, PL_CHART_STACKING_NONE);
  plain = render (chart, 640, 400);
  g_assert_true (find_topmost (plain, BLUE, &x, &y));
  g_assert_true (pl_chart_hit_test (chart, 640, 400, x + 2, y + 2, &hit));

  /* An outline in the text colour just above the hovered bar. */
  pl_chart_set_highlight (chart, hit.row, hit.series);
  lit = render (chart, 640, 400);
  g_assert_cmpfloat (luminance (pixel (plain, x + 2, y - 2)), >, 200);
  g_assert_cmphex (pixel (lit, x + 2, y - 2), ==, 0x1e1e1e);

  pl_chart_set_highlight (chart, -1, -1);
  cairo_surface_destroy (lit);
  lit = render (chart, 640, 400);
  g_assert_cmphex (pixel (lit, x + 2, y - 2), ==, pixel (plain, x + 2, y - 2));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (lit);
}

/* Sizes, empty tables, hard labels */

static void
test_sizes (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_BAR, data);
  const int sizes[][2] = {
    { 320, 240 }, { 640, 480 }, { 1280, 800 }, { 3840, 2160 }, { 240, 1200 },
  };

  for (guint kind = PL_CHART_KIND_BAR; kind <= PL_CHART_KIND_TIMELINE; kind++)
    for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
      {
        int width = sizes[i][0], height = sizes[i][1];
        cairo_surface_t *surface;
        gboolean found = FALSE;
        PlChartHit hit;

        pl_chart_set_kind (chart, kind);
        surface = render (chart, width, height);
        /* Some of the data is there to hit, at every size. */
        for (int y = 0; y < height && !found; y += 2)
          for (int x = 0; x < width && !found; x += 2)
            found = pl_chart_hit_test (chart, width, height, x, y, &hit)
                    && hit.part == PL_CHART_PART_VALUE;
        g_assert_true (found);
        g_assert_true (hit.x >= 0 && hit.x + hit.width <= width);
        g_assert_true (hit.y >= 0 && hit.y + hit.height <= height);
        cairo_surface_destroy (surface);
      }
}

static guint
count_ink (cairo_surface_t *surface,
           int              x0,
           int              y0,
           int              x1,
           int              y1)
{
  guint32 background = pixel (surface, 0, 0);
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += pixel (surface, x, y) != background;

  return n;
}

static void
test_empty (void)
{
  g_autoptr(PlChartData) none = pl_chart_data_new (0, 0);
  g_autoptr(PlChartData) no_rows = pl_chart_data_new (0, 3);
  g_autoptr(PlChartData) no_values = pl_chart_data_new (4, 3);
  PlChartData *tables[] = { none, no_rows, no_values };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint kind = PL_CHART_KIND_BAR; kind <= PL_CHART_KIND_TIMELINE; kind++)
      {
        g_autoptr(PlChart) chart = pl_chart_new (kind, tables[t]);
        g_autoptr(GBytes) svg = NULL;
        g_autoptr(GError) error = NULL;
        cairo_surface_t *surface = render (chart, 400, 300);
        PlChartHit hit;

        /* "No data" in the middle, nothing else. */
        g_assert_cmpuint (count_ink (surface, 100, 130, 300, 170), >, 20);
        g_assert_cmpuint (count_ink (surface, 0, 0, 400, 120), ==, 0);
        g_assert_cmpuint (count_ink (surface, 0, 180, 400, 300), ==, 0);
        g_assert_false (pl_chart_hit_test (chart, 400, 300, 200, 150, &hit));
        cairo_surface_destroy (surface);

        svg = pl_chart_to_svg (chart, 400, 300, &error);
        g_assert_no_error (error);
        g_assert_nonnull (svg);
      }

  /* A chart drawn into nothing draws nothing. */
  {
    g_autoptr(PlChartData) data = make_groups ();
    g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_HEATMAP, data);
    cairo_surface_t *surface = render (chart, 1, 1);
    PlChartHit hit;

    cairo_surface_destroy (surface);
    g_assert_false (pl_chart_hit_test (chart, 0, 0, 0, 0, &hit));
    surface = render (chart, 20, 12);
    cairo_surface_destroy (surface);
  }
}

static void
test_hard_labels (void)
{
  g_autoptr(GString) long_label = g_string_new (NULL);
  const char *labels[] = {
    NULL,
    "المملكة العربية السعودية",
    "中华人民共和国",
    "Российская Федерация",
    "עברית ו-English ביחד 123",
    "",
    "Two\nlines\tand\ttabs",
    "Côte d’Ivoire — Türkiye — Viet Nam",
  };
  g_autoptr(PlChartData) data = NULL;
  guint n = G_N_ELEMENTS (labels);

  for (guint i = 0; i < 40; i++)
    g_string_append (long_label, "A very long name of a regional group ");
  labels[0] = long_label->str;

  data = pl_chart_data_new (n, n);
  pl_chart_data_set_title (data, long_label->str);
  pl_chart_data_set_axis_labels (data, labels[1], labels[2], long_label->str);
  for (guint i = 0; i < n; i++)
    {
      PlChartRowSpec row = { labels[i], labels[i], 0 };
      PlChartSeriesSpec series = { labels[(i + 1) % n], labels[(i + 2) % n], NULL, NULL, 0 };

      pl_chart_data_set_row (data, i, &row);
      pl_chart_data_set_series (data, i, &series);
      for (guint s = 0; s < n; s++)
        pl_chart_data_set_value (data, i, s, (i * 7 + s * 3) % 11);
    }

  for (guint kind = PL_CHART_KIND_BAR; kind <= PL_CHART_KIND_TIMELINE; kind++)
    {
      g_autoptr(PlChart) chart = pl_chart_new (kind, data);
      const int sizes[][2] = { { 320, 240 }, { 1280, 800 }, { 100, 60 } };

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        {
          cairo_surface_t *surface = render (chart, sizes[i][0], sizes[i][1]);
          PlChartHit hit;

          for (int y = 0; y < sizes[i][1]; y += 7)
            for (int x = 0; x < sizes[i][0]; x += 7)
              if (pl_chart_hit_test (chart, sizes[i][0], sizes[i][1], x, y, &hit))
                {
                  g_assert_cmpint (hit.row, <, (int) n);
                  g_assert_cmpint (hit.series, <, (int) n);
                }
          cairo_surface_destroy (surface);
        }
    }
}

/* Files */

static void
test_png (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_TIMELINE, data);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  cairo_surface_t *surface;
  gsize length;

  g_assert_true (pl_chart_export_png (chart, path, 400, 300, 2.0, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
  cairo_surface_destroy (surface);

  /* Written over an existing file, and nothing left beside it. */
  g_assert_true (pl_chart_export_png (chart, path, 200, 100, 1.0, &error));
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 100);
  cairo_surface_destroy (surface);
  listing = g_dir_open (dir, 0, &error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "chart.png");
  g_assert_null (g_dir_read_name (listing));

  /* Past the limit: refused, with the sizes in the message. */
  bytes = pl_chart_to_png (chart, 9000, 100, 2.0, &error);
  g_assert_null (bytes);
  g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "9000"));
  g_clear_error (&error);
  g_assert_null (pl_chart_to_png (chart, 100, 100, 0, &error));
  g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_FAILED);

  pl_test_remove_tree (dir);
}

static void
test_svg (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.svg", NULL);

  for (guint kind = PL_CHART_KIND_BAR; kind <= PL_CHART_KIND_TIMELINE; kind++)
    {
      g_autoptr(PlChart) chart = pl_chart_new (kind, data);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *width = NULL;
      g_autofree char *description = NULL;
      xmlNode *root, *desc;
      xmlDoc *doc;
      gsize length;

      pl_chart_data_set_title (data, "Codes & <groups>");
      g_assert_true (pl_chart_export_svg (chart, path, 640, 400, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));

      doc = pl_xml_parse (contents, length, "chart.svg", NULL, &error);
      g_assert_no_error (error);
      root = xmlDocGetRootElement (doc);
      g_assert_true (pl_xml_is_element (root, "http://www.w3.org/2000/svg", "svg"));
      width = pl_xml_dup_attribute (root, "width");
      g_assert_cmpstr (width, ==, "640px");
      g_assert_nonnull (pl_xml_first_child (root, "title"));
      desc = pl_xml_first_child (root, "desc");
      g_assert_nonnull (desc);
      description = (char *) xmlNodeGetContent (desc);
      g_assert_nonnull (strstr (description, "Codes & <groups>"));
      g_assert_nonnull (strstr (description, "Norms (NRM)"));
      g_assert_nonnull (strstr (description, "Threats (THR)"));
      g_assert_nonnull (strstr (description, "Confidence-building measures (CBM)"));
      g_assert_nonnull (strstr (description, "Western European and Others Group"));
      /* Drawn, not just described. */
      g_assert_nonnull (strstr (contents, "<path"));
      xmlFreeDoc (doc);
    }

  pl_test_remove_tree (dir);
}

static void
test_write_errors (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_BAR, data);
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing", "chart.svg", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (pl_chart_export_svg (chart, path, 640, 400, &error));
  g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_assert_false (pl_chart_export_png (chart, path, 64, 40, 1.0, &error));
  g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE);
  g_clear_error (&error);

  g_assert_false (pl_chart_data_write_csv (data, path, &error));
  g_assert_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));

  pl_test_remove_tree (dir);
}

/* Data and CSV */

static void
test_csv_round_trip (void)
{
  const char *labels[] = { "Plain", "With, comma", "With \"quotes\"", "Two\r\nlines",
                           "", "中华人民共和国", "=1+2" };
  const double values[] = { 0, 1, 0.1, 1e-7, 123456789.125, -2.5, NAN, 1.0 / 3, 42 };
  g_autoptr(PlChartData) data = pl_chart_data_new (G_N_ELEMENTS (labels), 3);
  g_autoptr(PlChartData) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "chart.csv", NULL);
  g_autofree char *written = NULL;
  const PlChartSeriesSpec series[] = {
    { "Norms", "NRM.F", NULL, NULL, 0 },
    { "No short id, \"quoted\"", NULL, NULL, NULL, 0 },
    { "Law", "", NULL, NULL, 0 },
  };

  pl_chart_data_set_axis_labels (data, "Regional group", NULL, NULL);
  for (guint s = 0; s < 3; s++)
    pl_chart_data_set_series (data, s, &series[s]);
  for (guint r = 0; r < G_N_ELEMENTS (labels); r++)
    {
      PlChartRowSpec row = { labels[r], NULL, 0 };

      pl_chart_data_set_row (data, r, &row);
      for (guint s = 0; s < 3; s++)
        pl_chart_data_set_value (data, r, s, values[(r * 3 + s) % G_N_ELEMENTS (values)]);
    }

  csv = pl_chart_data_to_csv (data);
  g_assert_true (g_str_has_prefix (csv, "Regional group,NRM.F,"
                                        "\"No short id, \"\"quoted\"\"\",Law\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nPlain,0,1,0.1\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n\"With, comma\",1e-07,123456789.125,-2.5\r\n"));
  g_assert_nonnull (strstr (csv, "\r\n\"With \"\"quotes\"\"\",,0.3333333333333333,42\r\n"));
  g_assert_true (g_utf8_validate (csv, -1, NULL));

  back = pl_chart_data_new_from_csv (csv, strlen (csv), "chart.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_chart_data_get_n_rows (back), ==, G_N_ELEMENTS (labels));
  g_assert_cmpuint (pl_chart_data_get_n_series (back), ==, 3);
  g_assert_cmpstr (pl_chart_data_get_row_axis_label (back), ==, "Regional group");
  g_assert_cmpstr (pl_chart_data_get_series_label (back, 1), ==, "No short id, \"quoted\"");
  g_assert_cmpint (pl_chart_data_get_value_kind (back), ==, PL_CHART_VALUE_NUMBER);
  for (guint r = 0; r < G_N_ELEMENTS (labels); r++)
    {
      g_assert_cmpstr (pl_chart_data_get_row_label (back, r), ==, labels[r]);
      for (guint s = 0; s < 3; s++)
        {
          double expected = pl_chart_data_get_value (data, r, s);
          double value = pl_chart_data_get_value (back, r, s);

          if (isnan (expected))
            g_assert_true (isnan (value));
          else
            g_assert_cmpfloat (value, ==, expected);
        }
    }
  again = pl_chart_data_to_csv (back);
  g_assert_cmpstr (again, ==, csv);

  /* Written to a file, byte for byte. */
  g_assert_true (pl_chart_data_write_csv (data, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, &error));
  g_assert_cmpstr (written, ==, csv);
  pl_test_remove_tree (dir);
}

static void
test_csv_errors (void)
{
  const struct
  {
    const char *csv;
    int         code;
    const char *words;
  } cases[] = {
    { "", PL_IMPORT_ERROR_EMPTY, "empty" },
    { "group,A\r\nx,\"1\r\n", PL_IMPORT_ERROR_MALFORMED, "line 2" },
    { "group,A,B\r\nx,1\r\n", PL_IMPORT_ERROR_MALFORMED, "line 2" },
    { "group,A\nx,1\ny,many\n", PL_IMPORT_ERROR_MALFORMED, "“many”" },
    { "group,A\nx,nan\n", PL_IMPORT_ERROR_MALFORMED, "column 2" },
    { "group,A\nx,\xff\n", PL_IMPORT_ERROR_ENCODING, "UTF-8" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PlChartData) data = pl_chart_data_new_from_csv (cases[i].csv,
                                                                strlen (cases[i].csv),
                                                                "table.csv", &error);

      g_assert_null (data);
      g_assert_error (error, PL_IMPORT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, "table.csv"));
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }

  /* LF line ends, a byte order mark, empty lines and a missing last line end are read. */
  {
    const char *csv = "\xef\xbb\xbfrow,A,B\n\nx,1,2\ny,3,\n";
    g_autoptr(GError) error = NULL;
    g_autoptr(PlChartData) data = pl_chart_data_new_from_csv (csv, strlen (csv) - 1,
                                                              "table.csv", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pl_chart_data_get_n_rows (data), ==, 2);
    g_assert_null (pl_chart_data_get_row_axis_label (data));
    g_assert_cmpint (pl_chart_data_get_value_kind (data), ==, PL_CHART_VALUE_COUNT);
    g_assert_cmpfloat (pl_chart_data_get_value (data, 1, 0), ==, 3);
    g_assert_true (isnan (pl_chart_data_get_value (data, 1, 1)));
  }
}

static void
test_data (void)
{
  g_autoptr(PlChartData) data = pl_chart_data_new (2, 2);
  PlChartSeriesSpec norms = { "Norms", "NRM", "#09c", NULL, 7 };
  PlChartRowSpec none = { "(no group)", NULL, 0 };
  g_autofree char *count = NULL, *share = NULL, *small_share = NULL, *number = NULL;
  g_autofree char *missing = NULL;
  guint serial = pl_chart_data_get_serial (data);
  double min, max;

  /* Defaults: the codebook palette, dark variants derived. */
  g_assert_cmpstr (pl_chart_data_get_series_color (data, 0, FALSE), ==, "#0072B2");
  g_assert_cmpstr (pl_chart_data_get_series_color (data, 1, FALSE), ==, "#E69F00");
  g_assert_nonnull (pl_chart_data_get_series_color (data, 0, TRUE));
  g_assert_false (pl_chart_data_get_range (data, &min, &max));

  pl_chart_data_set_series (data, 0, &norms);
  g_assert_cmpstr (pl_chart_data_get_series_color (data, 0, FALSE), ==, "#0099CC");
  g_assert_cmpstr (pl_chart_data_get_series_label (data, 0), ==, "NRM");
  g_assert_cmpint (pl_chart_data_get_series_id (data, 0), ==, 7);
  g_assert_cmpstr (pl_chart_data_get_series_label (data, 1), ==, "");
  pl_chart_data_set_row (data, 1, &none);
  g_assert_null (pl_chart_data_get_row_key (data, 1));
  g_assert_cmpuint (pl_chart_data_get_serial (data), !=, serial);

  pl_chart_data_set_value (data, 0, 1, 5);
  pl_chart_data_set_value (data, 1, 1, -1);
  pl_chart_data_set_value (data, 1, 0, INFINITY);
  g_assert_true (isnan (pl_chart_data_get_value (data, 1, 0)));
  g_assert_true (pl_chart_data_get_range (data, &min, &max));
  g_assert_cmpfloat (min, ==, -1);
  g_assert_cmpfloat (max, ==, 5);

  count = pl_chart_data_format_value (data, 17);
  g_assert_cmpstr (count, ==, "17");
  pl_chart_data_set_value_kind (data, PL_CHART_VALUE_SHARE);
  share = pl_chart_data_format_value (data, 0.42);
  g_assert_cmpstr (share, ==, "42%");
  small_share = pl_chart_data_format_value (data, 0.045);
  g_assert_cmpstr (small_share, ==, "4.5%");
  pl_chart_data_set_value_kind (data, PL_CHART_VALUE_NUMBER);
  number = pl_chart_data_format_value (data, 0.375);
  g_assert_cmpstr (number, ==, "0.375");
  missing = pl_chart_data_format_value (data, NAN);
  g_assert_cmpstr (missing, ==, "–");
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_chart_object (void)
{
  g_autoptr(PlChartData) data = make_groups ();
  g_autoptr(PlChartData) other = make_groups ();
  g_autoptr(PlChart) chart = pl_chart_new (PL_CHART_KIND_BAR, data);
  PlChartKind kind = PL_CHART_KIND_BAR;
  guint notified = 0;

  g_assert_true (pl_chart_kind_from_string ("heatmap", &kind));
  g_assert_cmpint (kind, ==, PL_CHART_KIND_HEATMAP);
  g_assert_true (pl_chart_kind_from_string ("timeline", &kind));
  g_assert_cmpint (kind, ==, PL_CHART_KIND_TIMELINE);
  g_assert_false (pl_chart_kind_from_string ("pie", &kind));
  g_assert_cmpstr (pl_chart_kind_to_string (PL_CHART_KIND_BAR), ==, "bar");

  g_signal_connect (chart, "notify", G_CALLBACK (count_notify), &notified);

  /* Notified on a change only. */
  pl_chart_set_dark (chart, TRUE);
  pl_chart_set_dark (chart, TRUE);
  pl_chart_set_font (chart, "Sans 12");
  pl_chart_set_font (chart, "Sans 12");
  pl_chart_set_data (chart, data);
  pl_chart_set_data (chart, other);
  pl_chart_set_stacking (chart, PL_CHART_STACKING_STACKED);
  pl_chart_set_high_contrast (chart, TRUE);
  pl_chart_set_kind (chart, PL_CHART_KIND_TIMELINE);
  g_assert_cmpuint (notified, ==, 6);
  g_assert_true (pl_chart_get_data (chart) == other);
  g_assert_cmpstr (pl_chart_get_font (chart), ==, "Sans 12");

  /* A change of the data is drawn, and hit, anew. */
  {
    g_autoptr(PlChart) bars = pl_chart_new (PL_CHART_KIND_BAR, data);
    cairo_surface_t *surface;
    PlChartHit before, after;
    int x, y;

    pl_chart_set_stacking (bars, PL_CHART_STACKING_NONE);
    surface = render (bars, 640, 400);
    g_assert_true (find_topmost (surface, BLUE, &x, &y));
    g_assert_true (pl_chart_hit_test (bars, 640, 400, x + 2, y + 2, &before));
    g_assert_cmpfloat (before.value, ==, 12);
    cairo_surface_destroy (surface);

    pl_chart_data_set_value (data, 1, 0, 6);
    g_assert_true (pl_chart_hit_test (bars, 640, 400, x + 2, y + 2, &after));
    g_assert_cmpint (after.row, ==, 1);
    g_assert_cmpfloat (after.value, ==, 6);
    g_assert_cmpfloat (after.y, >, before.y + 20);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/bar/pixels", test_bar_pixels);
  g_test_add_func ("/chart/bar/hit-every-bar", test_bar_hit_every_bar);
  g_test_add_func ("/chart/bar/stacked", test_bar_stacked);
  g_test_add_func ("/chart/heatmap/light", test_heatmap_light);
  g_test_add_func ("/chart/heatmap/dark", test_heatmap_dark);
  g_test_add_func ("/chart/heatmap/hit-labels", test_heatmap_hit_labels);
  g_test_add_func ("/chart/timeline/lines", test_timeline);
  g_test_add_func ("/chart/timeline/stacked", test_timeline_stacked);
  g_test_add_func ("/chart/styles", test_styles);
  g_test_add_func ("/chart/highlight", test_highlight);
  g_test_add_func ("/chart/sizes", test_sizes);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/hard-labels", test_hard_labels);
  g_test_add_func ("/chart/png", test_png);
  g_test_add_func ("/chart/svg", test_svg);
  g_test_add_func ("/chart/write-errors", test_write_errors);
  g_test_add_func ("/chart/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/chart/csv/errors", test_csv_errors);
  g_test_add_func ("/chart/data", test_data);
  g_test_add_func ("/chart/object", test_chart_object);

  return g_test_run ();
}
