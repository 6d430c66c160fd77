/* pl-transcript-view.h — a document's text with its annotations highlighted
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-annotation-index.h"
#include "pl-text-view.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_TRANSCRIPT_VIEW (pl_transcript_view_get_type ())
G_DECLARE_FINAL_TYPE (PlTranscriptView, pl_transcript_view, PL, TRANSCRIPT_VIEW, GtkWidget)

GtkWidget         *pl_transcript_view_new           (void);
/* Shows @document of @project (NULL: nothing).  Returns FALSE with @error when the
 * document cannot be read.  Its text and the highlights of its first screen are there on
 * return; the rest of a large document's annotations and header space come in idle
 * batches ("index-changed" after each). */
gboolean           pl_transcript_view_set_document  (PlTranscriptView  *self,
                                                     PlProject         *project,
                                                     PlDocument        *document,
                                                     GError           **error);
/* Whether batches of the document are still to come; and, for tests and benchmarks, runs
 * them all now. */
gboolean           pl_transcript_view_is_loading    (PlTranscriptView  *self);
void               pl_transcript_view_finish_loading (PlTranscriptView *self);
PlDocument        *pl_transcript_view_get_document  (PlTranscriptView  *self);
/* Shows the annotations of the coders @coder_ids (gint64; copied) only, or, NULL, of every
 * coder (blind mode, a comparison); nothing to do when they are the coders shown. */
void               pl_transcript_view_set_coders    (PlTranscriptView  *self,
                                                     GArray            *coder_ids);
/* Reads the document's annotations again, all at once (after a merge or a sync). */
void               pl_transcript_view_reload_annotations (PlTranscriptView *self);
GtkTextView       *pl_transcript_view_get_text_view (PlTranscriptView  *self);
PlAnnotationIndex *pl_transcript_view_get_index     (PlTranscriptView  *self);
/* The selection in code points; FALSE when nothing is selected. */
gboolean           pl_transcript_view_get_selection (PlTranscriptView  *self,
                                                     guint             *start,
                                                     guint             *end);
void               pl_transcript_view_select_range  (PlTranscriptView  *self,
                                                     guint              start,
                                                     guint              end);
/* The statements shown (PlStatement, in order; owned by the view). */
GPtrArray         *pl_transcript_view_get_statements (PlTranscriptView *self);
/* The statement containing code point @offset, or NULL (between statements). */
PlStatement       *pl_transcript_view_get_statement_at (PlTranscriptView *self,
                                                        guint             offset);
guint              pl_transcript_view_get_cursor    (PlTranscriptView  *self);
void               pl_transcript_view_place_cursor  (PlTranscriptView  *self,
                                                     guint              offset,
                                                     gboolean           scroll);
PlTextView        *pl_transcript_view_get_pl_text_view (PlTranscriptView *self);
/* What the hover tooltip shows at @offset: each code there with its coder, stance and memo
 * (Pango markup), or NULL when nothing is coded there. */
char              *pl_transcript_view_dup_annotations_markup (PlTranscriptView *self,
                                                              guint             offset);
/* Closes the popover of pl_transcript_view_show_annotations_at(). */
void               pl_transcript_view_hide_annotations (PlTranscriptView *self);
/* Scrolls so that statement @index (1-based) is at the top. */
void               pl_transcript_view_scroll_to_statement (PlTranscriptView *self,
                                                           guint             index);
/* What the text view's accessible description says about where the cursor is: the
 * statement and its speaker, and what is coded there. */
const char        *pl_transcript_view_get_caret_description (PlTranscriptView *self);
/* The text's size, a factor of the normal size ("text-scale"). */
double             pl_transcript_view_get_text_scale (PlTranscriptView *self);
void               pl_transcript_view_set_text_scale (PlTranscriptView *self,
                                                      double            scale);
/* Call when the font changed: the line length is counted in characters of the font. */
void               pl_transcript_view_update_metrics (PlTranscriptView *self);
/* Shows the annotations at @offset in a popover (what a click on a highlight does).
 * Returns FALSE when there is none. */
gboolean           pl_transcript_view_show_annotations_at (PlTranscriptView *self,
                                                           guint             offset);

G_END_DECLS
