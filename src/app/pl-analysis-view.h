/* pl-analysis-view.h — frequencies, co-occurrence and charts of the project
 *
 * Three pages under one set of filters (the Segments view's) and one choice of columns
 * (code families, or every code):
 *
 * - Frequencies: codes × entity / regional group / entity type / document / session /
 *   year / coder / stance …, counting segments, statements or speakers, as counts or as
 *   shares within a row; a sortable table; CSV.
 * - Co-occurrence: codes × codes by statement or by overlapping span, counts or Jaccard;
 *   CSV.
 * - Charts: a bar chart, a heatmap (codes × entities, or co-occurrence) or a timeline
 *   (codes per session or date), with hover and click; PNG, SVG and the data as CSV.
 *
 * Clicking a cell, a bar or a heatmap's cell retrieves the segments behind it and emits
 * "retrieved" (hits, a title) for the Segments view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-chart-widget.h"
#include "pl-cooccurrence.h"
#include "pl-filter-popover.h"
#include "pl-statistics.h"

G_BEGIN_DECLS

#define PL_TYPE_ANALYSIS_VIEW (pl_analysis_view_get_type ())
G_DECLARE_FINAL_TYPE (PlAnalysisView, pl_analysis_view, PL, ANALYSIS_VIEW, GtkWidget)

/* What the chart page draws. */
typedef enum
{
  PL_ANALYSIS_CHART_BAR,            /* codes by the rows chosen (regional group) */
  PL_ANALYSIS_CHART_HEATMAP,        /* codes × the rows chosen (entities) */
  PL_ANALYSIS_CHART_COOCCURRENCE,   /* codes × codes */
  PL_ANALYSIS_CHART_TIMELINE,       /* codes per the rows chosen (session or date) */
} PlAnalysisChart;

GtkWidget        *pl_analysis_view_new             (void);
void              pl_analysis_view_set_project     (PlAnalysisView   *self,
                                                    PlProject        *project);
/* Counts again (when shown; otherwise when next shown). */
void              pl_analysis_view_refresh         (PlAnalysisView   *self);
/* "frequencies", "cooccurrence" or "chart". */
void              pl_analysis_view_set_page        (PlAnalysisView   *self,
                                                    const char       *name);
void              pl_analysis_view_set_by          (PlAnalysisView   *self,
                                                    PlStatsField      by);
void              pl_analysis_view_set_count       (PlAnalysisView   *self,
                                                    PlStatsCount      count);
/* Charts: the kind, and what its rows are (bar, heatmap and timeline). */
void              pl_analysis_view_set_chart       (PlAnalysisView   *self,
                                                    PlAnalysisChart   chart,
                                                    PlStatsField      by);
PlFrequencyTable *pl_analysis_view_get_frequencies (PlAnalysisView   *self);
PlCooccurrence   *pl_analysis_view_get_cooccurrence (PlAnalysisView  *self);
PlChartWidget    *pl_analysis_view_get_chart_widget (PlAnalysisView  *self);
PlFilterPopover  *pl_analysis_view_get_filter_popover (PlAnalysisView *self);
/* Retrieves what lies behind a cell of the frequency table (@column -1: the row), of the
 * co-occurrence table, or of the chart (as a click does) and emits "retrieved". */
void              pl_analysis_view_retrieve_frequency (PlAnalysisView *self,
                                                    guint             row,
                                                    int               column);
void              pl_analysis_view_retrieve_cooccurrence (PlAnalysisView *self,
                                                    guint             a,
                                                    guint             b);
void              pl_analysis_view_retrieve_chart  (PlAnalysisView   *self,
                                                    int               row,
                                                    int               series);
/* Writes the chart shown as SVG (or PNG, by the name's extension) at @width × @height. */
gboolean          pl_analysis_view_export_chart    (PlAnalysisView   *self,
                                                    const char       *path,
                                                    int               width,
                                                    int               height,
                                                    GError          **error);

G_END_DECLS
