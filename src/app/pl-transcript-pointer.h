/* pl-transcript-pointer.h — what the pointer does over a transcript
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-transcript-view.h"

G_BEGIN_DECLS

/* "query-tooltip" of the transcript's text: the codes under the pointer (or the cursor). */
gboolean pl_transcript_pointer_query_tooltip (GtkWidget        *widget,
                                              int               x,
                                              int               y,
                                              gboolean          keyboard,
                                              GtkTooltip       *tooltip,
                                              PlTranscriptView *self);
/* "released" of a click on the text: the editable list of the annotations there. */
void     pl_transcript_pointer_released      (GtkGestureClick  *gesture,
                                              int               n_press,
                                              double            x,
                                              double            y,
                                              PlTranscriptView *self);

G_END_DECLS
