/* pl-search-bar.h — Ctrl+F: find words in the open document
 *
 * A bar over the text: the query (FTS5 syntax, as the project-wide search), checked as it
 * is typed (an error shows where), the hits marked in the text, "3 of 12", next and
 * previous (Enter, Shift+Enter, Ctrl+G, Ctrl+Shift+G); Escape closes it.  Moving to a hit
 * selects it, so it can be coded at once.  Actions: "search-bar.next",
 * "search-bar.previous", "search-bar.close".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-transcript-view.h"

G_BEGIN_DECLS

#define PL_TYPE_SEARCH_BAR (pl_search_bar_get_type ())
G_DECLARE_FINAL_TYPE (PlSearchBar, pl_search_bar, PL, SEARCH_BAR, GtkWidget)

GtkWidget *pl_search_bar_new           (void);
void       pl_search_bar_set_project   (PlSearchBar      *self,
                                        PlProject        *project);
/* The pane searched (the active one). */
void       pl_search_bar_set_view      (PlSearchBar      *self,
                                        PlTranscriptView *view);
/* Shows the bar and gives its entry the focus (with the text's selection as the query
 * when it is a few words); hides it and unmarks the hits. */
void       pl_search_bar_open          (PlSearchBar      *self);
void       pl_search_bar_close         (PlSearchBar      *self);
gboolean   pl_search_bar_get_open      (PlSearchBar      *self);
/* Searches for @text now (as typing it would, without waiting). */
void       pl_search_bar_set_text      (PlSearchBar      *self,
                                        const char       *text);
/* The hits (PlSearchMatch) and the current one (-1: none). */
GArray    *pl_search_bar_get_matches   (PlSearchBar      *self);
int        pl_search_bar_get_current   (PlSearchBar      *self);
/* What the bar says: "3 of 12", "No matches", or the query's error. */
const char *pl_search_bar_get_status   (PlSearchBar      *self);

G_END_DECLS
