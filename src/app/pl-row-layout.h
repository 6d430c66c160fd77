/* pl-row-layout.h — children side by side, their widths independent of the row's height
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PL_TYPE_ROW_LAYOUT (pl_row_layout_get_type ())
G_DECLARE_FINAL_TYPE (PlRowLayout, pl_row_layout, PL, ROW_LAYOUT, GtkLayoutManager)

GtkLayoutManager *pl_row_layout_new (int spacing);

G_END_DECLS
