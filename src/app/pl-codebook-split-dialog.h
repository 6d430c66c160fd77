/* pl-codebook-split-dialog.h — splitting a code: new codes, rules, one by one
 *
 * Actions (for the controls, and for tests): split.add-code (s name),
 * split.assign-regex ((su) pattern, new code), split.assign-speaker ((su) names, new
 * code), split.assign ((si) annotation GUID, new code or -1 to keep), split.children and
 * split.retire (boolean states), split.apply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-codebook.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_CODEBOOK_SPLIT_DIALOG (pl_codebook_split_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlCodebookSplitDialog, pl_codebook_split_dialog, PL, CODEBOOK_SPLIT_DIALOG, AdwWindow)

/* A modal window over @parent that splits @code; NULL with @error when it cannot.  After
 * the split it emits "applied" (the code's id and name) and closes. */
PlCodebookSplitDialog *pl_codebook_split_dialog_new (GtkWindow  *parent,
                                                     PlCodebook *codebook,
                                                     PlCode     *code,
                                                     GError    **error);

G_END_DECLS
