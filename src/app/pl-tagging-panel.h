/* pl-tagging-panel.h — the codebook beside the text: click a code to apply it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_TAGGING_PANEL (pl_tagging_panel_get_type ())
G_DECLARE_FINAL_TYPE (PlTaggingPanel, pl_tagging_panel, PL, TAGGING_PANEL, GtkWidget)

GtkWidget  *pl_tagging_panel_new         (void);
void        pl_tagging_panel_set_project (PlTaggingPanel *self,
                                          PlProject      *project);
/* The codes shown after filtering (for tests and keyboard navigation). */
GListModel *pl_tagging_panel_get_model   (PlTaggingPanel *self);
void        pl_tagging_panel_set_filter  (PlTaggingPanel *self,
                                          const char     *text);

G_END_DECLS
