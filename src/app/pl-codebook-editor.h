/* pl-codebook-editor.h — the codebook editor: the code tree, a code's form, merge, split,
 * delete, import, export and the change log
 *
 * Every control goes through the editor's actions ("editor.…"), each one undoable action
 * of the project:
 *   editor.add-code, editor.add-child          a new code after / under the selected one
 *   editor.select (s GUID)                      select a code
 *   editor.rename, editor.set-short-id, editor.set-shortcut, editor.set-color,
 *   editor.set-definition, editor.set-inclusion, editor.set-exclusion,
 *   editor.set-example (s)                      change the selected code
 *   editor.set-folder (b)                       make it a folder or a code again
 *   editor.move-up, -down, -in, -out            keyboard moves (Alt+arrows)
 *   editor.move-code ((xxi) code, parent, position)   what drag and drop does
 *   editor.merge (s GUID)                       merge the selected code into that one
 *   editor.split                                open the split window
 *   editor.delete                               ask, then delete (with an undo toast)
 *   editor.undo, editor.redo, editor.show-log (property action)
 *   editor.import, editor.export (s format)     through file choosers
 *
 * The split window (pl-codebook-split-dialog.h) has actions of its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-codebook-exchange.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_CODEBOOK_EDITOR (pl_codebook_editor_get_type ())
G_DECLARE_FINAL_TYPE (PlCodebookEditor, pl_codebook_editor, PL, CODEBOOK_EDITOR, AdwWindow)

/* A modal editor of @project's codebook, transient for @parent.  When @parent is the main
 * window, changes are logged under its coder. */
PlCodebookEditor *pl_codebook_editor_new          (GtkWindow        *parent,
                                                   PlProject        *project);
PlProject        *pl_codebook_editor_get_project  (PlCodebookEditor *self);
PlCode           *pl_codebook_editor_get_selected (PlCodebookEditor *self);
void              pl_codebook_editor_select       (PlCodebookEditor *self,
                                                   PlCode           *code);

G_END_DECLS
