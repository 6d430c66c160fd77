/* pl-chart-widget.h — a PlChart on screen: drawn at the widget's size, hover and click
 *
 * The widget draws its chart with gtk_snapshot_append_cairo() in the style shown (light or
 * dark, high contrast, the interface font), marks what the pointer or the arrow keys are
 * on, tells its number in a tooltip, and emits "activated" for a click (or Enter) on a
 * bar, cell, marker, row label or legend entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-chart.h"

G_BEGIN_DECLS

#define PL_TYPE_CHART_WIDGET (pl_chart_widget_get_type ())
G_DECLARE_FINAL_TYPE (PlChartWidget, pl_chart_widget, PL, CHART_WIDGET, GtkWidget)

GtkWidget *pl_chart_widget_new        (void);
/* The chart shown (NULL: nothing); the widget takes its style properties over. */
void       pl_chart_widget_set_chart  (PlChartWidget *self,
                                       PlChart       *chart);
PlChart   *pl_chart_widget_get_chart  (PlChartWidget *self);
/* What a tooltip says over @hit: "Asia-Pacific · NRM.F: 12". */
char      *pl_chart_widget_describe   (PlChartWidget    *self,
                                       const PlChartHit *hit);

G_END_DECLS
