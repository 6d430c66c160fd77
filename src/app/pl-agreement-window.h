/* pl-agreement-window.h — agreement between coders, per code and overall
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-agreement-item.h"
#include "pl-comparison-window.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_AGREEMENT_WINDOW (pl_agreement_window_get_type ())
G_DECLARE_FINAL_TYPE (PlAgreementWindow, pl_agreement_window, PL, AGREEMENT_WINDOW, AdwWindow)

/* The agreement of @project's coders (those who annotated, but the gold layer, to start
 * with), computed off the main thread again after every change of the choices. */
PlAgreementWindow *pl_agreement_window_new            (GtkWindow          *parent,
                                                       PlProject          *project);

/* For tests: what the user chooses and sees. */
gboolean           pl_agreement_window_is_busy        (PlAgreementWindow  *self);
void               pl_agreement_window_set_unit       (PlAgreementWindow  *self,
                                                       PlAgreementUnit     unit);
/* The table's rows (PlAgreementItem), the overall row first. */
GListModel        *pl_agreement_window_get_rows       (PlAgreementWindow  *self);
/* What a cell of the table shows ("0.812", "87.5 %", "—"). */
char              *pl_agreement_window_dup_cell_text  (PlAgreementWindow  *self,
                                                       guint               row,
                                                       PlAgreementColumn   column);
/* The line above the table (who, how many units), or the message shown instead of it. */
const char        *pl_agreement_window_get_summary    (PlAgreementWindow  *self);
/* Writes the table shown to @destination: what "agreement.export" does once a file is
 * chosen. */
gboolean           pl_agreement_window_export         (PlAgreementWindow  *self,
                                                       PlAgreementFormat   format,
                                                       GFile              *destination,
                                                       GError            **error);

/* The disagreements of row @row's code (the overall row: any code) between the first two
 * coders chosen: a comparison window on the first chosen document that has one, at its
 * first (what activating a row does); NULL, with a toast, when there is none. */
PlComparisonWindow *pl_agreement_window_show_disagreements (PlAgreementWindow *self,
                                                           guint              row);

G_END_DECLS
