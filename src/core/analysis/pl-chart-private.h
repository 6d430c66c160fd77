/* pl-chart-private.h — what the files of the charts share (pl-chart*.c); not for callers
 *
 * A chart is drawn in two steps, both pure functions of the data, the style and the size:
 * pl_chart_layout_new() measures the text and places everything (the frame: title, legend,
 * axes, plot area; then the kind's own parts), and pl_chart_layout_draw() paints what was
 * placed.  Hit-testing asks the same layout, so what is hit is what was drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pl-chart.h"

G_BEGIN_DECLS

/* Pixels between tick labels and the plot, and between the plot and category labels. */
#define PL_CHART_TICK_GAP 6.0
/* Below this height (under the title) a chart leaves out its axis titles. */
#define PL_CHART_SMALL 240.0

typedef struct
{
  double r, g, b, a;
} PlChartColor;

typedef struct
{
  double x, y, width, height;
} PlChartBox;

/* The colours and strokes of a style (libadwaita's view colours, or high contrast). */
typedef struct
{
  gboolean     dark;
  gboolean     high_contrast;
  PlChartColor background;
  PlChartColor text;
  PlChartColor dim_text;      /* tick labels, axis titles */
  PlChartColor grid;
  PlChartColor axis;
  PlChartColor empty;         /* a heatmap cell without a value or with zero */
  PlChartColor outline;       /* around bars and cells in high contrast; a = 0 otherwise */
  PlChartColor highlight;     /* around the highlighted bar, cell or marker */
  double       line_width;    /* a timeline's lines */
  double       marker_radius;
} PlChartTheme;

typedef enum
{
  PL_CHART_FONT_TITLE,
  PL_CHART_FONT_LABEL,        /* categories, legend */
  PL_CHART_FONT_SMALL,        /* ticks, axis titles, numbers in cells */
  PL_CHART_N_FONTS,
} PlChartFont;

/* A piece of text placed on the chart: its logical box has its top left at (0, 0) after
 * translating to (@x, @y) and rotating by @angle (radians, clockwise as cairo turns). */
typedef struct
{
  PangoLayout *layout;        /* owned */
  double       x, y;
  double       angle;
  double       width, height; /* the layout's logical size */
  double       offset_x;      /* where the logical box lies in the layout (centred lines) */
  double       offset_y;
  int          index;         /* the row or series it labels, -1 for none */
} PlChartText;

/* Measures and caches text: shaping is the costliest part of a frame, and the same labels
 * come back at every size. */
typedef struct
{
  PangoContext         *context;
  PangoFontDescription *fonts[PL_CHART_N_FONTS];
  GHashTable           *cache;      /* "font\x1ftext" → natural PangoLayout */
  double                line_height[PL_CHART_N_FONTS];
} PlChartTextCache;

typedef struct
{
  PlChartData      *data;
  PlChartKind       kind;
  PlChartStacking   stacking;
  PlChartTheme      theme;
  PlChartTextCache *text;
} PlChartEnv;

/* A value axis from @min to @max; @n_ticks ticks from @first every @step. */
typedef struct
{
  double min, max, step, first;
  guint  n_ticks;
} PlChartScale;

typedef struct
{
  PlChartKind   kind;
  double        width, height;
  PlChartTheme  theme;
  PlChartData  *data;          /* a reference */
  gboolean      stacked;       /* bar and timeline: series piled up */
  gboolean      empty;         /* nothing to draw but the message */
  double        margin;

  PlChartText   title;
  PlChartText   message;       /* "No data" */
  PlChartBox    plot;

  PlChartScale  scale;         /* bar and timeline: the y axis; heatmap: the colour scale */
  GArray       *ticks;         /* PlChartText, index = tick number */
  PlChartText   value_title;   /* the value axis label, turned upright */
  PlChartText   row_title;
  PlChartText   series_title;

  GArray       *row_labels;    /* PlChartText, index = row (only those shown) */
  GArray       *series_labels; /* heatmap: PlChartText, index = series */

  GArray       *legend;        /* PlChartLegendEntry */
  PlChartText   legend_more;   /* "+12 more" */
  PlChartBox    color_bar;     /* heatmap */

  GArray       *cell_numbers;  /* heatmap: PlChartText with index = row × n_series + series */
} PlChartLayout;

typedef struct
{
  int         series;
  PlChartBox  box;             /* the whole entry, for hit-testing */
  PlChartBox  swatch;
  PlChartText text;
} PlChartLegendEntry;

/* pl-chart.c: the layout of a chart, made for one size, drawn and hit-tested */

PlChartLayout *pl_chart_layout_new          (const PlChartEnv   *env,
                                             double              width,
                                             double              height);
void           pl_chart_layout_free         (PlChartLayout      *layout);
void           pl_chart_layout_draw         (const PlChartLayout *layout,
                                             cairo_t            *cr,
                                             const PlChartHit   *highlight);
gboolean       pl_chart_layout_hit_test     (const PlChartLayout *layout,
                                             double              x,
                                             double              y,
                                             PlChartHit         *hit);

/* pl-chart-text.c: text, shaped once and placed */

PlChartTextCache *pl_chart_text_cache_new   (const char         *font);
void           pl_chart_text_cache_free     (PlChartTextCache   *cache);
/* A layout of @text in @font, ellipsized to @max_width when it is wider (≤ 0: never). */
PangoLayout   *pl_chart_text_layout         (PlChartTextCache   *cache,
                                             PlChartFont         font,
                                             const char         *text,
                                             double              max_width);
/* The width of @layout's text. */
double         pl_chart_text_width          (PangoLayout        *layout);
/* Fills @out with @layout (taken), labelling row or series @index, at (0, 0). */
void           pl_chart_text_place          (PlChartText        *out,
                                             PangoLayout        *layout,
                                             int                 index);
/* Moves @text so that its point (@fx × width, @fy × height) lies at (@x, @y), and turns it
 * about that point by @angle. */
void           pl_chart_text_anchor         (PlChartText        *text,
                                             double              x,
                                             double              y,
                                             double              fx,
                                             double              fy,
                                             double              angle);
void           pl_chart_text_draw           (const PlChartText  *text,
                                             cairo_t            *cr,
                                             const PlChartColor *color);
void           pl_chart_text_clear          (PlChartText        *text);
gboolean       pl_chart_text_contains       (const PlChartText  *text,
                                             double              x,
                                             double              y);
/* The upright box around @text, turned or not. */
void           pl_chart_text_bounds         (const PlChartText  *text,
                                             PlChartBox         *box);

/* Places category labels (bar and timeline rows, heatmap columns) along a horizontal axis,
 * below y = 0: one per slot of @slot_width from @x, turned and thinned out as they need to
 * be to stay apart, each at most @max_length long and none reaching left of @left_limit.
 * Returns the height they take; the caller moves them down under its plot. */
typedef struct
{
  double       x;
  double       slot_width;
  double       max_length;
  double       left_limit;
  PlChartFont  font;
  guint        n;
  const char **texts;
} PlChartAxisSpec;

double         pl_chart_place_axis_labels   (const PlChartEnv      *env,
                                             const PlChartAxisSpec *spec,
                                             GArray                *out);

/* pl-chart-frame.c: what every kind has */

void           pl_chart_theme_init          (PlChartTheme       *theme,
                                             gboolean            dark,
                                             gboolean            high_contrast);
/* "#RRGGBB" → colour; grey for anything else. */
PlChartColor   pl_chart_color_parse         (const char         *hex);
void           pl_chart_set_color           (cairo_t            *cr,
                                             const PlChartColor *color);
/* The colour of series @series in @theme. */
PlChartColor   pl_chart_series_color        (PlChartData        *data,
                                             guint               series,
                                             const PlChartTheme *theme);

/* Nice ticks for values from @min to @max over @length pixels. */
void           pl_chart_scale_init          (PlChartScale       *scale,
                                             double              min,
                                             double              max,
                                             double              length,
                                             PlChartValueKind    kind);
/* Where @value lies between @from (scale minimum) and @to (scale maximum). */
double         pl_chart_scale_map           (const PlChartScale *scale,
                                             double              value,
                                             double              from,
                                             double              to);
/* Tick labels of @scale, in the data's number format, into @out (PlChartText). */
void           pl_chart_place_ticks         (const PlChartEnv   *env,
                                             const PlChartScale *scale,
                                             GArray             *out);
double         pl_chart_ticks_width         (GArray             *ticks);

/* The legend at the bottom of @area, at most @max_height tall; returns its height. */
double         pl_chart_place_legend        (const PlChartEnv   *env,
                                             PlChartLayout      *layout,
                                             const PlChartBox   *area,
                                             double              max_height);
/* Bar chart and timeline: legend, value axis, row labels and axis titles around the plot,
 * for values from @min to @max.  @layout->plot is the room for all that on entry, the plot
 * on return. */
void           pl_chart_layout_cartesian    (const PlChartEnv   *env,
                                             PlChartLayout      *layout,
                                             double              min,
                                             double              max);
/* Row labels, axis titles and legend, as placed. */
void           pl_chart_draw_frame          (const PlChartLayout *layout,
                                             cairo_t            *cr,
                                             const PlChartHit   *highlight);
/* Legend entries and row labels under (@x, @y). */
gboolean       pl_chart_hit_test_frame      (const PlChartLayout *layout,
                                             double              x,
                                             double              y,
                                             PlChartHit         *hit);
/* Fills @hit with @part of @row and @series, @value and the area @box. */
void           pl_chart_hit_fill            (PlChartHit         *hit,
                                             PlChartPart         part,
                                             int                 row,
                                             int                 series,
                                             double              value,
                                             const PlChartBox   *box);
/* The label among @texts (PlChartText) under (@x, @y), as @part: a row label's index is
 * its row, a series label's its series. */
gboolean       pl_chart_hit_test_texts      (GArray             *texts,
                                             PlChartPart         part,
                                             double              x,
                                             double              y,
                                             PlChartHit         *hit);
/* The value axis ticks, grid and labels left of @plot. */
void           pl_chart_draw_value_axis     (const PlChartLayout *layout,
                                             cairo_t            *cr);
void           pl_chart_draw_legend         (const PlChartLayout *layout,
                                             cairo_t            *cr,
                                             const PlChartHit   *highlight);
/* Outlines @box, the bar, cell or step under the pointer. */
void           pl_chart_draw_highlight_box  (const PlChartLayout *layout,
                                             cairo_t            *cr,
                                             const PlChartBox   *box);
/* A marker of @shape (0 circle, 1 square, 2 diamond, 3 triangle, 4 triangle down). */
void           pl_chart_marker_path         (cairo_t            *cr,
                                             guint               shape,
                                             double              x,
                                             double              y,
                                             double              radius);

/* What each kind does (pl-chart-bar.c, pl-chart-heatmap.c, pl-chart-timeline.c): place its
 * parts in @layout->plot (the room left under the title), draw them, and find what lies
 * under a point (the frame's legend and row labels are asked first). */
typedef struct
{
  void     (*layout)   (const PlChartEnv    *env,
                        PlChartLayout       *layout);
  void     (*draw)     (const PlChartLayout *layout,
                        cairo_t             *cr,
                        const PlChartHit    *highlight);
  gboolean (*hit_test) (const PlChartLayout *layout,
                        double               x,
                        double               y,
                        PlChartHit          *hit);
} PlChartKindClass;

extern const PlChartKindClass pl_chart_bar_class;
extern const PlChartKindClass pl_chart_heatmap_class;
extern const PlChartKindClass pl_chart_timeline_class;

/* pl-chart-data.c: writes @length bytes to @path through a temporary file in the same
 * folder, renamed over it; PL_EXPORT_ERROR_WRITE naming @path on failure. */
gboolean       pl_chart_write_file          (const char         *path,
                                             const void         *contents,
                                             gsize               length,
                                             GError            **error);

G_END_DECLS
