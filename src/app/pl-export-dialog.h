/* pl-export-dialog.h — exporting the coded dataset: format, options, filters, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-exporter.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_EXPORT_DIALOG (pl_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlExportDialog, pl_export_dialog, PL, EXPORT_DIALOG, AdwWindow)

/* @document, @code and @coder (each optional) are offered as filters: "this document
 * only", "this code and its sub-codes", "my annotations only". */
PlExportDialog *pl_export_dialog_new        (GtkWindow       *parent,
                                             PlProject       *project,
                                             PlExportFormat   format,
                                             PlDocument      *document,
                                             PlCode          *code,
                                             PlCoder         *coder);
void            pl_export_dialog_set_format (PlExportDialog  *self,
                                             PlExportFormat   format);
/* The options and filters as chosen (new; for the export and for tests). */
PlExportOptions *pl_export_dialog_dup_options (PlExportDialog *self);
/* Exports to @destination off the main thread, with progress; "done" (error or NULL). */
void            pl_export_dialog_export_to  (PlExportDialog  *self,
                                             GFile           *destination);
/* Where the last export went, or NULL before one. */
GFile          *pl_export_dialog_get_destination (PlExportDialog *self);

G_END_DECLS
