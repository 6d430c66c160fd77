/* pl-annotations-list.h — the annotations of the document open in the focused pane
 *
 * One row per annotation the pane's view shows (its index: in blind mode, the coder's own),
 * in offset order: the code with its swatch, the coded text shortened, the statement and
 * its speaker, the coder and whether it has a memo.  Activating a row selects its span in
 * the text.  The list follows the view's index while it is shown (the changes of one main
 * loop iteration read once, when the loop is idle).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-project.h"
#include "pl-transcript-view.h"

G_BEGIN_DECLS

#define PL_TYPE_ANNOTATIONS_LIST (pl_annotations_list_get_type ())
G_DECLARE_FINAL_TYPE (PlAnnotationsList, pl_annotations_list, PL, ANNOTATIONS_LIST, GtkWidget)

GtkWidget    *pl_annotations_list_new             (void);
/* Lists the annotations of @view (NULL: none), whose codes and coders are @project's.
 * Call again when the view's index changed. */
void          pl_annotations_list_set_view        (PlAnnotationsList *self,
                                                   PlProject         *project,
                                                   PlTranscriptView  *view);
/* Reads the view's index again, now. */
void          pl_annotations_list_refresh         (PlAnnotationsList *self);
/* How often the list has read the view's index (for tests). */
guint         pl_annotations_list_get_n_refreshes (PlAnnotationsList *self);
guint         pl_annotations_list_get_n_items     (PlAnnotationsList *self);
/* The annotation of row @position, or NULL. */
PlAnnotation *pl_annotations_list_get_annotation  (PlAnnotationsList *self,
                                                   guint              position);
/* What activating row @position does: selects its span in the view's text. */
void          pl_annotations_list_activate        (PlAnnotationsList *self,
                                                   guint              position);

G_END_DECLS
