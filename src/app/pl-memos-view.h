/* pl-memos-view.h — every memo of the project in one list, with a search
 *
 * The project's notes, the documents' memos and the annotations' memos, each with what it
 * is about (the project, a document's title, the coded text and its code); a search entry
 * keeps those whose text or subject has the words typed.  Activating a document's or an
 * annotation's memo emits "open-place" (the document's start, or the annotation's span).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_MEMOS_VIEW (pl_memos_view_get_type ())
G_DECLARE_FINAL_TYPE (PlMemosView, pl_memos_view, PL, MEMOS_VIEW, GtkWidget)

GtkWidget  *pl_memos_view_new          (void);
void        pl_memos_view_set_project  (PlMemosView *self,
                                        PlProject   *project);
/* Reads the memos again. */
void        pl_memos_view_refresh      (PlMemosView *self);
void        pl_memos_view_set_filter   (PlMemosView *self,
                                        const char  *text);
/* The memos listed after the search (their texts, for tests). */
guint       pl_memos_view_get_n_shown  (PlMemosView *self);
const char *pl_memos_view_get_text     (PlMemosView *self,
                                        guint        position);
void        pl_memos_view_activate     (PlMemosView *self,
                                        guint        position);

G_END_DECLS
