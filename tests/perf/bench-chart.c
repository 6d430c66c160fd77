/* bench-chart.c — redrawing charts at 1280×800: 60 codes × 6 groups, 60 × 60, 60 × 40
 *
 * Draws each chart 100 times onto an image surface of 1280×800 (what GTK's cairo node
 * renders into) and prints the median and the range per draw, against the 16 ms of a frame.
 * "resize" alternates between two widths, so that every draw lays the chart out anew, as
 * while the window is being resized; "repaint" draws at one size, as a hover does (the
 * layout is kept).
 *
 * Times are the drawing thread's CPU time: on a machine shared with other work, wall time
 * also counts the waits for a processor, which an idle machine does not have (the wall
 * time's median is printed beside, for information).  The charts are drawn as the window
 * and plenary-cli draw them by default (PL_CHART_STACKING_AUTO: sixty codes are stacked);
 * the side-by-side bars and the sixty separate lines are measured for information.  Exits
 * with 1 when a default chart's resize median misses the target.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "pl-chart.h"

#define WIDTH 1280
#define HEIGHT 800
#define N_DRAWS 100
#define TARGET_MS 16.0

static const char * const families[] = { "NRM", "THR", "CBM", "ILW", "CAP", "INS", "OTH", "GEN" };
static const char * const family_names[] = {
  "Norms", "Threats", "Confidence building", "International law", "Capacity building",
  "Institutions", "Other matters", "General statements",
};
static const char * const colors[] = {
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999",
};
static const char * const groups[] = {
  "African Group", "Asia-Pacific Group", "Eastern European Group",
  "Latin American and Caribbean Group", "Western European and Others Group", "(no group)",
};

/* @n_rows rows labelled by @row_label, @n_series codes in eight families, counts 1–40 and
 * a third zero. */
static PlChartData *
make_data (guint        n_rows,
           guint        n_series,
           const char *(*row_label) (guint row, char *buffer, gsize size),
           GRand       *rand)
{
  PlChartData *data = pl_chart_data_new (n_rows, n_series);

  pl_chart_data_set_title (data, "Codes");
  pl_chart_data_set_axis_labels (data, "Rows", "Code", "Segments");
  for (guint s = 0; s < n_series; s++)
    {
      g_autofree char *short_id = g_strdup_printf ("%s.%u", families[s % 8], s / 8 + 1);
      g_autofree char *name = g_strdup_printf ("%s, aspect %u", family_names[s % 8], s / 8 + 1);
      PlChartSeriesSpec spec = { name, short_id, colors[s % 8], NULL, s + 1 };

      pl_chart_data_set_series (data, s, &spec);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      char buffer[128];
      PlChartRowSpec spec = { row_label (r, buffer, sizeof buffer), NULL, r + 1 };

      spec.key = spec.label;
      pl_chart_data_set_row (data, r, &spec);
      for (guint s = 0; s < n_series; s++)
        pl_chart_data_set_value (data, r, s,
                                 g_rand_int_range (rand, 0, 3) == 0 ? 0
                                 : g_rand_int_range (rand, 1, 41));
    }

  return data;
}

static const char *
group_label (guint  row,
             char  *buffer,
             gsize  size)
{
  g_strlcpy (buffer, groups[row % G_N_ELEMENTS (groups)], size);
  return buffer;
}

static const char *
code_label (guint  row,
            char  *buffer,
            gsize  size)
{
  g_snprintf (buffer, size, "%s, aspect %u", family_names[row % 8], row / 8 + 1);
  return buffer;
}

static const char *
session_label (guint  row,
               char  *buffer,
               gsize  size)
{
  g_snprintf (buffer, size, "OEWG %u-%u, session %u", 2021 + row / 10, 2022 + row / 10,
              row % 10 + 1);
  return buffer;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
cpu_milliseconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static double
median (double *times)
{
  qsort (times, N_DRAWS, sizeof (double), compare_doubles);
  return (times[N_DRAWS / 2 - 1] + times[N_DRAWS / 2]) / 2;
}

typedef struct
{
  double median, min, max;   /* CPU time, ms */
  double wall;               /* wall time's median, ms */
} Figures;

/* Draws @chart N_DRAWS times; with @resize at alternating widths. */
static Figures
measure (PlChart  *chart,
         gboolean  resize)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, WIDTH, HEIGHT);
  double times[N_DRAWS], walls[N_DRAWS];
  Figures figures;

  for (guint i = 0; i < N_DRAWS; i++)
    {
      cairo_t *cr = cairo_create (surface);
      double width = resize && i % 2 == 1 ? WIDTH - 1 : WIDTH;
      gint64 wall = g_get_monotonic_time ();
      double start = cpu_milliseconds ();

      pl_chart_draw (chart, cr, width, HEIGHT);
      cairo_surface_flush (surface);
      times[i] = cpu_milliseconds () - start;
      walls[i] = (g_get_monotonic_time () - wall) / 1000.0;
      cairo_destroy (cr);
    }
  cairo_surface_destroy (surface);

  figures.median = median (times);
  figures.min = times[0];
  figures.max = times[N_DRAWS - 1];
  figures.wall = median (walls);
  return figures;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  g_autoptr(PlChartData) bars = make_data (6, 60, group_label, rand);
  g_autoptr(PlChartData) cooccurrence = make_data (60, 60, code_label, rand);
  g_autoptr(PlChartData) sessions = make_data (40, 60, session_label, rand);
  g_autoptr(PlChartData) eight = make_data (40, 8, session_label, rand);
  const struct
  {
    const char      *name;
    PlChartKind      kind;
    PlChartStacking  stacking;
    PlChartData     *data;
    gboolean         target;   /* FALSE: for information */
  } charts[] = {
    { "bar, 60 codes × 6 groups (stacked)", PL_CHART_KIND_BAR, PL_CHART_STACKING_AUTO, bars,
      TRUE },
    { "heatmap, 60 × 60", PL_CHART_KIND_HEATMAP, PL_CHART_STACKING_AUTO, cooccurrence, TRUE },
    { "timeline, 60 codes × 40 (stacked)", PL_CHART_KIND_TIMELINE, PL_CHART_STACKING_AUTO,
      sessions, TRUE },
    { "bar, 60 × 6 side by side (info)", PL_CHART_KIND_BAR, PL_CHART_STACKING_NONE, bars,
      FALSE },
    { "timeline, 60 × 40 as lines (info)", PL_CHART_KIND_TIMELINE, PL_CHART_STACKING_NONE,
      sessions, FALSE },
    { "timeline, 8 × 40 as lines (info)", PL_CHART_KIND_TIMELINE, PL_CHART_STACKING_AUTO,
      eight, FALSE },
  };
  gboolean met = TRUE;

  printf ("chart redraw at %d×%d, %d draws each, CPU time: median (min–max), wall median\n"
          "target: resize median < %.0f ms per frame\n", WIDTH, HEIGHT, N_DRAWS, TARGET_MS);
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    for (guint dark = 0; dark < 2; dark++)
      {
        g_autoptr(PlChart) chart = pl_chart_new (charts[i].kind, charts[i].data);
        Figures resize, repaint;
        gboolean ok;

        pl_chart_set_stacking (chart, charts[i].stacking);
        pl_chart_set_dark (chart, dark);
        /* A first round shapes the text, as the window's first frame does. */
        measure (chart, FALSE);
        resize = measure (chart, TRUE);
        repaint = measure (chart, FALSE);
        ok = resize.median < TARGET_MS;
        if (charts[i].target)
          met = met && ok;
        printf ("%-36s %-5s resize %6.2f (%6.2f–%6.2f) wall %6.2f   "
                "repaint %6.2f (%6.2f–%6.2f) wall %6.2f   %s\n",
                charts[i].name, dark ? "dark" : "light", resize.median, resize.min, resize.max,
                resize.wall, repaint.median, repaint.min, repaint.max, repaint.wall,
                !charts[i].target ? "" : ok ? "ok" : "MISSED");
      }

  printf ("%s\n", met ? "targets met" : "TARGETS MISSED");
  return met ? 0 : 1;
}
