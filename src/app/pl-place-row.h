/* pl-place-row.h — one place in the corpus as the result lists show it
 *
 * A heading (a code's swatch and short id, or the speaker), the text with what matched in
 * bold, and a caption saying where (speaker, document, date).  Used by the Segments,
 * Search and Memos views and the panel's list of annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PL_TYPE_PLACE_ROW (pl_place_row_get_type ())
G_DECLARE_FINAL_TYPE (PlPlaceRow, pl_place_row, PL, PLACE_ROW, GtkWidget)

GtkWidget *pl_place_row_new      (void);
/* @code_id: the code whose swatch is shown (0: none); @heading and @caption plain text
 * (NULL: the line is hidden); @body Pango markup. */
void       pl_place_row_set      (PlPlaceRow *self,
                                  gint64      code_id,
                                  const char *heading,
                                  const char *body,
                                  const char *caption);
/* @text with code points [@start, @end) of it in bold, escaped, cut to about @context code
 * points on either side at a word ("…" where it is cut); the whole text when @start ==
 * @end. */
char      *pl_place_row_markup   (const char *text,
                                  guint       start,
                                  guint       end,
                                  guint       context);

G_END_DECLS
