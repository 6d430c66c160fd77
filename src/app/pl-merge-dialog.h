/* pl-merge-dialog.h — Merge Coding: what merging coders' files would change, then the merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_MERGE_DIALOG (pl_merge_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlMergeDialog, pl_merge_dialog, PL, MERGE_DIALOG, AdwWindow)

/* Reads the coding files @paths (NULL-terminated) off the main thread and shows, per file,
 * what merging them into @project would add and change, and the files it refuses, before
 * anything changes.  "merge.merge" (_Merge) merges the others as one undoable action,
 * emits "merged" with a summary and closes the dialog. */
PlMergeDialog *pl_merge_dialog_new          (GtkWindow          *parent,
                                             PlProject          *project,
                                             const char * const *paths);
/* Whether the files are still being read. */
gboolean       pl_merge_dialog_is_busy      (PlMergeDialog      *self);
/* The files refused (damaged, of another project, applying a code the project lacks). */
guint          pl_merge_dialog_get_n_refused (PlMergeDialog     *self);
/* What the dialog says merging would do, as shown above the files. */
const char    *pl_merge_dialog_get_summary  (PlMergeDialog      *self);

G_END_DECLS
