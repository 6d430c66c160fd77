/* pl-chart.h — bar charts, heatmaps and timelines of a PlChartData, drawn with cairo
 *
 * One drawing code for the window (a widget calls pl_chart_draw() on the cairo context of
 * gtk_snapshot_append_cairo()) and for files (PNG and SVG, written headless by
 * plenary-cli chart).  What is drawn depends only on the data, the chart's style
 * properties and the size; hit-testing answers in the same geometry.
 *
 * - PL_CHART_KIND_BAR: one group of bars per row (side by side, or stacked into one bar),
 *   one bar per series in the series' colour, a value axis with nice ticks, a legend.
 * - PL_CHART_KIND_HEATMAP: rows × series as cells on a sequential scale (viridis: even in
 *   lightness, so it reads for colour-blind viewers and in grey; more is darker in the
 *   light style and brighter in the dark one), a cell without a value or with zero in a
 *   neutral colour, the number in each cell when it fits, and the scale beside.
 * - PL_CHART_KIND_TIMELINE: rows as points from left to right in their order (sessions,
 *   dates), one line per series with markers (five shapes, so that series of one colour
 *   stay apart), or stacked areas (each row's values held across its slot, as steps), a
 *   value axis and a legend.
 *
 * Text is laid out by Pango (any script, either direction); labels that do not fit are
 * turned, thinned out or shortened with an ellipsis, never drawn over each other.  Sizes
 * are in logical pixels (cairo user units); text keeps its size at every chart size.  A
 * table without rows, series or any value is drawn as a "No data" message.
 *
 * Styles follow libadwaita's view colours: light (#ffffff background, #1e1e1e text) or
 * dark (#242424, #ffffff), each optionally in high contrast (pure black and white, outlined
 * bars and cells, thicker lines).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "pl-chart-data.h"

G_BEGIN_DECLS

#define PL_TYPE_CHART (pl_chart_get_type ())
G_DECLARE_FINAL_TYPE (PlChart, pl_chart, PL, CHART, GObject)

/* The largest PNG drawn, in pixels per side (after scaling). */
#define PL_CHART_MAX_PIXELS 16384

/* Enum types with nicks "bar", "heatmap", "timeline" and "auto", "none", "stacked". */
#define PL_TYPE_CHART_KIND (pl_chart_kind_get_type ())
#define PL_TYPE_CHART_STACKING (pl_chart_stacking_get_type ())

typedef enum
{
  PL_CHART_KIND_BAR,
  PL_CHART_KIND_HEATMAP,
  PL_CHART_KIND_TIMELINE,
} PlChartKind;

/* Whether the series of a row are piled up: bars side by side or stacked into one, a
 * timeline's lines or stacked areas.  A heatmap ignores it. */
typedef enum
{
  PL_CHART_STACKING_AUTO,     /* none up to PL_CHART_STACKING_AUTO_MAX series, stacked beyond */
  PL_CHART_STACKING_NONE,
  PL_CHART_STACKING_STACKED,
} PlChartStacking;

/* Beyond this many series, bars and lines are too thin or too tangled to follow one by one:
 * PL_CHART_STACKING_AUTO stacks them, so the chart shows how the whole is made up. */
#define PL_CHART_STACKING_AUTO_MAX 8

GType           pl_chart_kind_get_type       (void) G_GNUC_CONST;
GType           pl_chart_stacking_get_type   (void) G_GNUC_CONST;

typedef enum
{
  PL_CHART_PART_NONE,
  PL_CHART_PART_VALUE,         /* a bar, a stacked segment, a cell, a marker */
  PL_CHART_PART_ROW_LABEL,     /* a category label (row) */
  PL_CHART_PART_SERIES_LABEL,  /* a legend entry or a heatmap column label (series) */
} PlChartPart;

/* What lies under a point. */
typedef struct
{
  PlChartPart part;
  int         row;             /* -1: none */
  int         series;          /* -1: none */
  double      value;           /* PL_CHART_PART_VALUE: the value (NAN for an empty cell) */
  double      x, y;            /* the part's bounding box, for a tooltip's area */
  double      width, height;
} PlChartHit;

/* "bar" / "heatmap" / "timeline" → kind; FALSE for anything else. */
gboolean        pl_chart_kind_from_string    (const char     *name,
                                              PlChartKind    *out_kind);
const char     *pl_chart_kind_to_string      (PlChartKind     kind);

PlChart        *pl_chart_new                 (PlChartKind     kind,
                                              PlChartData    *data);

PlChartKind     pl_chart_get_kind            (PlChart        *self);
void            pl_chart_set_kind            (PlChart        *self,
                                              PlChartKind     kind);
PlChartData    *pl_chart_get_data            (PlChart        *self);
void            pl_chart_set_data            (PlChart        *self,
                                              PlChartData    *data);
PlChartStacking  pl_chart_get_stacking        (PlChart        *self);
void            pl_chart_set_stacking        (PlChart        *self,
                                              PlChartStacking  mode);
gboolean        pl_chart_get_dark            (PlChart        *self);
void            pl_chart_set_dark            (PlChart        *self,
                                              gboolean        dark);
gboolean        pl_chart_get_high_contrast   (PlChart        *self);
void            pl_chart_set_high_contrast   (PlChart        *self,
                                              gboolean        high_contrast);
/* A Pango font description ("Cantarell 11"); NULL: "Sans 10". */
const char     *pl_chart_get_font            (PlChart        *self);
void            pl_chart_set_font            (PlChart        *self,
                                              const char     *font);
/* Marks what the pointer is over, as the next pl_chart_draw() shows it: the bar, cell or
 * marker of @row and @series (a timeline also brings that series' line to the front); a
 * row's label when @series is -1; a series' legend entry or column label (and a timeline's
 * line) when @row is -1; nothing for -1, -1. */
void            pl_chart_set_highlight       (PlChart        *self,
                                              int             row,
                                              int             series);

/* Paints the chart over (0, 0) – (@width, @height) of @cr's user space, background
 * included.  @cr's state is left as it was. */
void            pl_chart_draw                (PlChart        *self,
                                              cairo_t        *cr,
                                              double          width,
                                              double          height);
/* What lies under (@x, @y) in the chart as pl_chart_draw() paints it at @width × @height;
 * FALSE (and @hit's part PL_CHART_PART_NONE) when nothing does. */
gboolean        pl_chart_hit_test            (PlChart        *self,
                                              double          width,
                                              double          height,
                                              double          x,
                                              double          y,
                                              PlChartHit     *hit);

/* The chart as PNG bytes of (@width × @scale) × (@height × @scale) pixels: drawn at
 * @width × @height and scaled (2 for a high-density screen).  NULL with
 * PL_EXPORT_ERROR_FAILED past PL_CHART_MAX_PIXELS. */
GBytes         *pl_chart_to_png              (PlChart        *self,
                                              int             width,
                                              int             height,
                                              double          scale,
                                              GError        **error);
/* The chart as an SVG document of @width × @height pixels, its title and a description
 * naming the rows and series in <title> and <desc> (for screen readers and search). */
GBytes         *pl_chart_to_svg              (PlChart        *self,
                                              double          width,
                                              double          height,
                                              GError        **error);
/* The same written to @path atomically (a temporary file in the same folder, renamed);
 * PL_EXPORT_ERROR_WRITE naming @path when it cannot be written. */
gboolean        pl_chart_export_png          (PlChart        *self,
                                              const char     *path,
                                              int             width,
                                              int             height,
                                              double          scale,
                                              GError        **error);
gboolean        pl_chart_export_svg          (PlChart        *self,
                                              const char     *path,
                                              double          width,
                                              double          height,
                                              GError        **error);

G_END_DECLS
