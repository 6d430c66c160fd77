/* pl-code-row.h — one code in a list: swatch, name, short id, uses, key, expander
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-code.h"

G_BEGIN_DECLS

/* Where the row is shown, which decides what it offers. */
typedef enum
{
  PL_CODE_ROW_APPLY,  /* the tagging panel: folders' names are dimmed, branches fold */
  PL_CODE_ROW_EDIT,   /* the codebook editor: folders carry an icon */
} PlCodeRowMode;

#define PL_TYPE_CODE_ROW_MODE (pl_code_row_mode_get_type ())
GType pl_code_row_mode_get_type (void) G_GNUC_CONST;

#define PL_TYPE_CODE_ROW (pl_code_row_get_type ())
G_DECLARE_FINAL_TYPE (PlCodeRow, pl_code_row, PL, CODE_ROW, GtkWidget)

GtkWidget *pl_code_row_new                (PlCodeRowMode  mode);
/* The code shown; the row follows its changes until another (or NULL) is set. */
PlCode    *pl_code_row_get_code           (PlCodeRow     *self);
void       pl_code_row_set_code           (PlCodeRow     *self,
                                           PlCode        *code);
/* Uses in the open document, shown beside the project's; -1 when no document is open. */
void       pl_code_row_set_document_count (PlCodeRow     *self,
                                           int            count);
/* Uses in the whole project as the window shows them (blind mode: the coder's own); -1
 * for the code's count of every coder. */
void       pl_code_row_set_project_count  (PlCodeRow     *self,
                                           int            count);
/* The expander (PL_CODE_ROW_APPLY): shown for codes with children, activating
 * "panel.toggle-branch" with the code's id. */
void       pl_code_row_set_expandable     (PlCodeRow     *self,
                                           gboolean       expandable);
void       pl_code_row_set_expanded       (PlCodeRow     *self,
                                           gboolean       expanded);

G_END_DECLS
