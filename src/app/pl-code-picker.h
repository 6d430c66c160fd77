/* pl-code-picker.h — type part of a code's name or id, press Enter: the code is chosen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_CODE_PICKER (pl_code_picker_get_type ())
G_DECLARE_FINAL_TYPE (PlCodePicker, pl_code_picker, PL, CODE_PICKER, GtkPopover)

GtkWidget  *pl_code_picker_new         (void);
void        pl_code_picker_set_project (PlCodePicker *self,
                                        PlProject    *project);
/* Clears the query and pops up; "code-chosen" (PlCode) is emitted on Enter or a click. */
void        pl_code_picker_start       (PlCodePicker *self);
void        pl_code_picker_set_query   (PlCodePicker *self,
                                        const char   *query);
/* The codes currently offered (codable codes matching the query). */
GListModel *pl_code_picker_get_model   (PlCodePicker *self);
/* Chooses the highlighted code (the first one unless the user moved); FALSE if none. */
gboolean    pl_code_picker_choose      (PlCodePicker *self);

G_END_DECLS
