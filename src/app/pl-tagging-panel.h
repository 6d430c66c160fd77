/* pl-tagging-panel.h — the codebook beside the text: click a code to apply it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-annotations-list.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_TAGGING_PANEL (pl_tagging_panel_get_type ())
G_DECLARE_FINAL_TYPE (PlTaggingPanel, pl_tagging_panel, PL, TAGGING_PANEL, GtkWidget)

GtkWidget  *pl_tagging_panel_new         (void);
void        pl_tagging_panel_set_project (PlTaggingPanel *self,
                                          PlProject      *project);
/* Gives the focus to the selected code (the first when none is), or to the empty page's
 * button; FALSE when nothing took it. */
gboolean    pl_tagging_panel_focus_list  (PlTaggingPanel *self);
/* Whether the codebook is empty (the panel then says where codes come from). */
gboolean    pl_tagging_panel_is_empty    (PlTaggingPanel *self);
/* The annotations of the open document, below the codes (pl-annotations-list.h). */
PlAnnotationsList *pl_tagging_panel_get_annotations_list (PlTaggingPanel *self);
/* The codes shown after filtering (for tests and keyboard navigation). */
GListModel *pl_tagging_panel_get_model   (PlTaggingPanel *self);
void        pl_tagging_panel_set_filter  (PlTaggingPanel *self,
                                          const char     *text);
/* The code selected in the list (shown in the definition pane), or NULL. */
PlCode     *pl_tagging_panel_get_selected_code (PlTaggingPanel *self);
void        pl_tagging_panel_select_code (PlTaggingPanel *self,
                                          PlCode         *code);
/* How many annotations each code has in the open document: code id (gint64*) → count
 * (GUINT_TO_POINTER); NULL when no document is open.  Shown beside the project's count. */
void        pl_tagging_panel_set_document_counts (PlTaggingPanel *self,
                                                  GHashTable     *counts);
guint       pl_tagging_panel_get_document_count  (PlTaggingPanel *self,
                                                  PlCode         *code);
/* The same in the whole project, for blind mode (the coder's own); NULL: each code's count
 * of every coder. */
void        pl_tagging_panel_set_project_counts  (PlTaggingPanel *self,
                                                  GHashTable     *counts);

/* Folded branches: a collapsed code hides its descendants until it is expanded, a filter
 * is typed, or one of them is selected.  Actions: panel.toggle-branch (code id, "x"),
 * panel.expand-all, panel.collapse-all. */
gboolean    pl_tagging_panel_get_expanded (PlTaggingPanel *self,
                                           PlCode         *code);
void        pl_tagging_panel_set_expanded (PlTaggingPanel *self,
                                           PlCode         *code,
                                           gboolean        expanded);

G_END_DECLS
