/* pl-segments-view.h — code-and-retrieve in the sidebar: the segments of some codes
 *
 * Codes (with or without sub-codes, any or all, NOT codes) and filters are chosen in two
 * popovers; each hit shows its coded text inside its statement, the speaker and the
 * document.  Activating a hit emits "open-place" (document id, start, end): the window
 * opens the document there with the span selected.  Actions: "segments.export-csv",
 * "segments.copy-citations".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-codes-popover.h"
#include "pl-filter-popover.h"
#include "pl-retrieve.h"

G_BEGIN_DECLS

#define PL_TYPE_SEGMENTS_VIEW (pl_segments_view_get_type ())
G_DECLARE_FINAL_TYPE (PlSegmentsView, pl_segments_view, PL, SEGMENTS_VIEW, GtkWidget)

GtkWidget       *pl_segments_view_new           (void);
void             pl_segments_view_set_project   (PlSegmentsView *self,
                                                 PlProject      *project);
/* Retrieves again with the codes and filters chosen. */
void             pl_segments_view_refresh       (PlSegmentsView *self);
/* Shows @hits (PlRetrieveHit) retrieved elsewhere (a cell of the Analysis view), under
 * @title, until the codes or filters change or the title's close button is pressed. */
void             pl_segments_view_show_hits     (PlSegmentsView *self,
                                                 GPtrArray      *hits,
                                                 const char     *title);
/* The hits shown (PlRetrieveHit). */
GPtrArray       *pl_segments_view_get_hits      (PlSegmentsView *self);
/* Activates hit @index as a click would. */
void             pl_segments_view_activate_hit  (PlSegmentsView *self,
                                                 guint           index);
PlCodesPopover  *pl_segments_view_get_codes_popover  (PlSegmentsView *self);
PlFilterPopover *pl_segments_view_get_filter_popover (PlSegmentsView *self);
/* What the status line says ("12 segments in 9 statements"). */
const char      *pl_segments_view_get_status    (PlSegmentsView *self);

G_END_DECLS
