/* pl-comparison-window.h — two coders side by side on one document, and the gold layer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-comparison.h"
#include "pl-transcript-view.h"

G_BEGIN_DECLS

#define PL_TYPE_COMPARISON_WINDOW (pl_comparison_window_get_type ())
G_DECLARE_FINAL_TYPE (PlComparisonWindow, pl_comparison_window, PL, COMPARISON_WINDOW, AdwWindow)

/* Compares two coders of @project on @document: @coder_id (0: the first) against another
 * (not the gold layer).  The left pane shows coder A's annotations, the right one coder
 * B's; their disagreements are listed and tinted in both.  Actions: "compare.next" and
 * "compare.previous" (Alt+Down, Alt+Up, F8, Shift+F8), "compare.settle" ("a", "b",
 * "both", "neither": Alt+1 … Alt+4), "compare.undo" (Ctrl+Z). */
PlComparisonWindow *pl_comparison_window_new             (GtkWindow          *parent,
                                                          PlProject          *project,
                                                          PlDocument         *document,
                                                          gint64              coder_id);

/* For tests: what the user chooses and sees. */
void                pl_comparison_window_set_coders      (PlComparisonWindow *self,
                                                          gint64              coder_a_id,
                                                          gint64              coder_b_id);
/* The comparison shown, or NULL (fewer than two coders). */
PlComparison       *pl_comparison_window_get_comparison  (PlComparisonWindow *self);
/* The disagreement shown, or -1. */
gint                pl_comparison_window_get_current     (PlComparisonWindow *self);
/* Shows disagreement @index (-1: none) in both panes and in the list. */
void                pl_comparison_window_show_disagreement (PlComparisonWindow *self,
                                                          gint                index);
/* "12 of 40 disagreements settled". */
const char         *pl_comparison_window_get_progress    (PlComparisonWindow *self);
/* The pane of coder A (0) or B (1). */
PlTranscriptView   *pl_comparison_window_get_view        (PlComparisonWindow *self,
                                                          guint               pane);
/* The list of disagreements. */
GtkListBox         *pl_comparison_window_get_list        (PlComparisonWindow *self);

G_END_DECLS
