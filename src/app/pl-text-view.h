/* pl-text-view.h — a text view that draws annotations and speaker headers itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-annotation-index.h"
#include "pl-project.h"
#include "pl-project-search.h"

G_BEGIN_DECLS

#define PL_TYPE_TEXT_VIEW (pl_text_view_get_type ())
G_DECLARE_FINAL_TYPE (PlTextView, pl_text_view, PL, TEXT_VIEW, GtkTextView)

GtkWidget *pl_text_view_new            (void);
/* Shows @text in a new buffer (the old one is let go safely); what it draws is set again
 * with pl_text_view_set_model(). */
void       pl_text_view_set_text       (PlTextView        *self,
                                        const char        *text);
/* What to draw: the annotations of @index coloured by the codes of @project, and a header
 * above each statement of @statements (PlStatement) that has a speaker.  Called again with
 * other statements (after a split, say), only the headers that differ are moved.  The
 * header space of a large document's later statements is applied in idle batches. */
void       pl_text_view_set_model      (PlTextView        *self,
                                        PlProject         *project,
                                        PlAnnotationIndex *index,
                                        GPtrArray         *statements);
/* Call after the index changed: redraws, and makes room for more stacked stripes when the
 * deepest overlap changed. */
void       pl_text_view_invalidate     (PlTextView        *self);
/* Whether header space is still being applied in the background. */
gboolean   pl_text_view_is_loading     (PlTextView        *self);
/* The stripe lane of @annotation among the annotations it overlaps (0 = first). */
guint      pl_text_view_get_lane       (PlTextView        *self,
                                        PlAnnotation      *annotation);
guint      pl_text_view_get_n_lanes    (PlTextView        *self);
/* The annotation drawn with an outline (the one keyboard commands act on), or NULL. */
void       pl_text_view_set_focus_annotation (PlTextView   *self,
                                              const char   *guid);
const char *pl_text_view_get_focus_annotation (PlTextView  *self);
/* A span marked behind the text: a disagreement of a comparison, open or settled. */
typedef struct
{
  guint    start;         /* code points, end-exclusive */
  guint    end;
  gboolean settled;
} PlTextMark;

/* Marks @n_marks spans (copied; none: no marks) with a bar in the margin, and tints the
 * open ones. */
void       pl_text_view_set_marks      (PlTextView        *self,
                                        const PlTextMark  *marks,
                                        guint              n_marks);
/* The last statement that starts at or before code point @offset, or NULL. */
PlStatement *pl_text_view_get_statement_before (PlTextView *self,
                                                guint       offset);
/* The statement the cursor is in (marked in the margin), or NULL. */
PlStatement *pl_text_view_get_current_statement (PlTextView *self);
/* The size of the text, a factor of the widget's font (the transcript's text size). */
double     pl_text_view_get_text_scale (PlTextView        *self);
void       pl_text_view_set_text_scale (PlTextView        *self,
                                        double             scale);
/* Call when the font changed: the room above each statement for its speaker header
 * follows the size of the text. */
void       pl_text_view_update_metrics (PlTextView        *self);
/* That room, in pixels. */
int        pl_text_view_get_header_space (PlTextView      *self);
/* The search hits to mark (PlSearchMatch by start, not overlapping; NULL: none) and the
 * one to mark as current (-1: none).  A new model clears them. */
void       pl_text_view_set_search_matches (PlTextView   *self,
                                            GArray       *matches,
                                            int           current);

G_END_DECLS
