/* pl-search-view.h — Ctrl+Shift+F: full-text search across the project, in the sidebar
 *
 * The query (FTS5: words, "phrases", prefix*, NEAR, OR, NOT) is checked as it is typed and
 * an error shows where; the same filters as retrieval narrow it; each hit shows its
 * snippet, speaker and document, and activating one emits "open-place".  "Code All
 * Hits…" ("search.code-all") applies a code to every hit's words, sentence or statement as
 * one undoable action, after a preview of how many spans it codes, and emits "coded".  A
 * project whose index is not built yet builds it first, in a worker, with a progress bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-filter-popover.h"
#include "pl-search.h"

G_BEGIN_DECLS

#define PL_TYPE_SEARCH_VIEW (pl_search_view_get_type ())
G_DECLARE_FINAL_TYPE (PlSearchView, pl_search_view, PL, SEARCH_VIEW, GtkWidget)

GtkWidget       *pl_search_view_new           (void);
void             pl_search_view_set_project   (PlSearchView   *self,
                                               PlProject      *project);
/* The coder recorded on what "Code All Hits…" applies. */
void             pl_search_view_set_coder_id  (PlSearchView   *self,
                                               gint64          coder_id);
/* Gives the entry the focus, its text selected. */
void             pl_search_view_focus_entry   (PlSearchView   *self);
/* Searches for @query now (as typing it would, without waiting). */
void             pl_search_view_set_query     (PlSearchView   *self,
                                               const char     *query);
/* The hits shown (PlSearchHit). */
GPtrArray       *pl_search_view_get_hits      (PlSearchView   *self);
void             pl_search_view_activate_hit  (PlSearchView   *self,
                                               guint           index);
/* What the status line says: "12 matches in 9 statements", "No matches", or the error. */
const char      *pl_search_view_get_status    (PlSearchView   *self);
PlFilterPopover *pl_search_view_get_filter_popover (PlSearchView *self);
/* Whether the index is being built (searching waits for it). */
gboolean         pl_search_view_is_indexing   (PlSearchView   *self);
/* The dialog of "Code All Hits…" while it is open, or NULL; and what it would do. */
GtkWindow       *pl_search_view_get_code_dialog (PlSearchView *self);
void             pl_search_view_set_code_choice (PlSearchView *self,
                                               PlCode         *code,
                                               PlSearchUnit    unit);
/* "Applies “Ransomware” to 12 sentences (3 have it already)". */
const char      *pl_search_view_get_code_preview (PlSearchView *self);
GtkListBox      *pl_search_view_get_code_preview_list (PlSearchView *self);
/* Applies as the dialog's Apply button does; FALSE with @error. */
gboolean         pl_search_view_apply_code    (PlSearchView   *self,
                                               GError        **error);

G_END_DECLS
