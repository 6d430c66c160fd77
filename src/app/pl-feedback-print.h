/* pl-feedback-print.h — a student's feedback printed, or written as PDF
 *
 * The same report as pl_class_scores_feedback_html(), laid out with Pango on the pages of
 * a GtkPrintOperation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-scores.h"

G_BEGIN_DECLS

/* Prints the feedback of student @student of @scores: with @export_path, writes it there as
 * PDF without a dialog; else shows the print dialog (which can also save a PDF) over
 * @parent.  Returns FALSE with @error set when printing fails; a cancelled dialog is not a
 * failure. */
gboolean       pl_feedback_print              (GtkWindow           *parent,
                                               PlClassScores       *scores,
                                               guint                student,
                                               const char          *export_path,
                                               GError             **error);

G_END_DECLS
