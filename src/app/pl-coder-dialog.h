/* pl-coder-dialog.h — who is coding: name, initials and colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PL_TYPE_CODER_DIALOG (pl_coder_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PlCoderDialog, pl_coder_dialog, PL, CODER_DIALOG, AdwWindow)

/* Emits "done" (name, initials, colour) when the user saves. */
PlCoderDialog *pl_coder_dialog_new      (GtkWindow     *parent,
                                         const char    *name,
                                         const char    *initials,
                                         const char    *color);
void           pl_coder_dialog_set_name (PlCoderDialog *self,
                                         const char    *name);
/* Saves what is entered (what the Save button does); FALSE when the name is empty. */
gboolean       pl_coder_dialog_save     (PlCoderDialog *self);

G_END_DECLS
