/* pl-codebook-import-dialog.h — what importing a codebook would change, and a choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-codebook-exchange.h"

G_BEGIN_DECLS

#define PL_TYPE_CODEBOOK_IMPORT_DIALOG (pl_codebook_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlCodebookImportDialog, pl_codebook_import_dialog, PL, CODEBOOK_IMPORT_DIALOG, AdwMessageDialog)

/* Asks whether to import the codebook of the file @name as @plan says (the dialog takes
 * @plan); its responses are "cancel" and "apply". */
PlCodebookImportDialog *pl_codebook_import_dialog_new   (GtkWindow              *parent,
                                                         PlCodebookImportPlan   *plan,
                                                         const char             *name);
/* Imports as planned: what "apply" is for. */
gboolean                pl_codebook_import_dialog_apply (PlCodebookImportDialog *self,
                                                         GError                **error);

G_END_DECLS
