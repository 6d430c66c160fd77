/* pl-chart-data.h — the table a chart draws: rows × series of numbers
 *
 * A PlChartData is what the statistics fill and a PlChart (pl-chart.h) draws:
 *
 * - rows, in the order they are drawn: regional groups, entities, sessions or dates (a
 *   bar chart's categories, a heatmap's lines, a timeline's points from left to right), or
 *   codes for a co-occurrence heatmap.  Each has a label as shown, a key saying what it
 *   stands for (the group's name, a session, a code's short id; NULL for "no value", the
 *   statements without one) and an id (a code's, an entity's; 0 when none);
 * - series, usually codes: a name, a short id, a colour for light and one for dark
 *   styles ("#RRGGBB") and the code's id;
 * - one number per row and series (a count, a share 0…1 or any number, as the value kind
 *   says), NAN where there is none (drawn as a gap, not as zero);
 * - a title and the labels of the axes (all optional).
 *
 * Fill it once, then hand it to a chart.  A chart notices later changes at its next draw.
 *
 * As CSV (RFC 4180, UTF-8 without a byte order mark, CRLF row ends): a header row with the
 * row axis label (or "row") and then each series' short id (its name when it has none);
 * then one line per row, its label and its numbers (shortest form that reads back the
 * same, "." as the decimal point, an empty field for NAN).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_CHART_DATA (pl_chart_data_get_type ())
G_DECLARE_FINAL_TYPE (PlChartData, pl_chart_data, PL, CHART_DATA, GObject)

/* At most this many rows × series in one chart (a table read from CSV is refused past it). */
#define PL_CHART_DATA_MAX_CELLS (4 * 1024 * 1024)

typedef enum
{
  PL_CHART_VALUE_COUNT,   /* whole numbers (segments, statements, speakers) */
  PL_CHART_VALUE_SHARE,   /* 0…1, shown as percentages */
  PL_CHART_VALUE_NUMBER,  /* any number (Jaccard, means) */
} PlChartValueKind;

typedef struct
{
  const char *label;       /* required, as shown */
  const char *key;         /* what the row stands for; NULL: "no value" */
  gint64      id;          /* 0: none */
} PlChartRowSpec;

typedef struct
{
  const char *name;        /* required */
  const char *short_id;    /* "NRM.F"; NULL: none */
  const char *color;       /* "#RRGGBB" (or "#RGB", "rgb(…)"); NULL: the codebook palette's
                            * colour for the series' position */
  const char *color_dark;  /* for dark styles; NULL: derived from color */
  gint64      id;          /* the code's id; 0: none */
} PlChartSeriesSpec;

/* A table of @n_rows × @n_series, every value NAN, rows labelled "" and series named "". */
PlChartData     *pl_chart_data_new               (guint                    n_rows,
                                                  guint                    n_series);

guint            pl_chart_data_get_n_rows        (PlChartData             *self);
guint            pl_chart_data_get_n_series      (PlChartData             *self);

void             pl_chart_data_set_row           (PlChartData             *self,
                                                  guint                    row,
                                                  const PlChartRowSpec    *spec);
const char      *pl_chart_data_get_row_label     (PlChartData             *self,
                                                  guint                    row);
const char      *pl_chart_data_get_row_key       (PlChartData             *self,
                                                  guint                    row);
gint64           pl_chart_data_get_row_id        (PlChartData             *self,
                                                  guint                    row);

/* A colour that is not a colour is a programmer error: the palette's is used instead. */
void             pl_chart_data_set_series        (PlChartData             *self,
                                                  guint                    series,
                                                  const PlChartSeriesSpec *spec);
const char      *pl_chart_data_get_series_name   (PlChartData             *self,
                                                  guint                    series);
/* The short id, or NULL. */
const char      *pl_chart_data_get_series_short_id (PlChartData           *self,
                                                  guint                    series);
/* The short id when there is one, else the name: what a narrow label shows. */
const char      *pl_chart_data_get_series_label  (PlChartData             *self,
                                                  guint                    series);
/* "#RRGGBB" for the light or the dark style, never NULL. */
const char      *pl_chart_data_get_series_color  (PlChartData             *self,
                                                  guint                    series,
                                                  gboolean                 dark);
gint64           pl_chart_data_get_series_id     (PlChartData             *self,
                                                  guint                    series);

/* NAN: no value. */
void             pl_chart_data_set_value         (PlChartData             *self,
                                                  guint                    row,
                                                  guint                    series,
                                                  double                   value);
double           pl_chart_data_get_value         (PlChartData             *self,
                                                  guint                    row,
                                                  guint                    series);
/* The smallest and largest value (NAN left out); FALSE when there is none. */
gboolean         pl_chart_data_get_range         (PlChartData             *self,
                                                  double                  *out_min,
                                                  double                  *out_max);

void             pl_chart_data_set_value_kind    (PlChartData             *self,
                                                  PlChartValueKind         kind);
PlChartValueKind pl_chart_data_get_value_kind    (PlChartData             *self);
/* @value as a person reads it, in the current locale: "17", "42%", "0.38"; "–" for NAN. */
char            *pl_chart_data_format_value      (PlChartData             *self,
                                                  double                   value);

/* The chart's title ("Codes by regional group"); NULL: none. */
void             pl_chart_data_set_title         (PlChartData             *self,
                                                  const char              *title);
const char      *pl_chart_data_get_title         (PlChartData             *self);
/* What the rows are ("Regional group"), the series ("Code") and the values ("Segments");
 * NULL: not said. */
void             pl_chart_data_set_axis_labels   (PlChartData             *self,
                                                  const char              *rows,
                                                  const char              *series,
                                                  const char              *values);
const char      *pl_chart_data_get_row_axis_label    (PlChartData         *self);
const char      *pl_chart_data_get_series_axis_label (PlChartData         *self);
const char      *pl_chart_data_get_value_axis_label  (PlChartData         *self);

/* Changes whenever the table does (for caches of what was drawn from it). */
guint            pl_chart_data_get_serial        (PlChartData             *self);

/* The table as CSV (see above). */
char            *pl_chart_data_to_csv            (PlChartData             *self);
/* Writes the CSV to @path atomically (a temporary file in the same folder, renamed);
 * errors are PL_EXPORT_ERROR_WRITE naming @path. */
gboolean         pl_chart_data_write_csv         (PlChartData             *self,
                                                  const char              *path,
                                                  GError                 **error);
/* Reads a table in the CSV form above back: row labels (also their keys), series short ids
 * (also their names), numbers; value kind COUNT when every number is whole, else NUMBER.
 * @display_name names the source in errors (PL_IMPORT_ERROR_MALFORMED). */
PlChartData     *pl_chart_data_new_from_csv      (const char              *text,
                                                  gsize                    length,
                                                  const char              *display_name,
                                                  GError                 **error);

G_END_DECLS
