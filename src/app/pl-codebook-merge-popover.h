/* pl-codebook-merge-popover.h — find the code to merge the selected one into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_CODEBOOK_MERGE_POPOVER (pl_codebook_merge_popover_get_type ())
G_DECLARE_FINAL_TYPE (PlCodebookMergePopover, pl_codebook_merge_popover, PL, CODEBOOK_MERGE_POPOVER, GtkPopover)

/* The codes offered are @project's, but for @source and the codes below it; a click on
 * one pops down and emits "code-chosen" (PlCode). */
void pl_codebook_merge_popover_set_project (PlCodebookMergePopover *self,
                                            PlProject              *project);
void pl_codebook_merge_popover_set_source  (PlCodebookMergePopover *self,
                                            PlCode                 *source);

G_END_DECLS
