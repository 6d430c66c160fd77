/* pl-transcript-gutter.h — the statement numbers beside a transcript
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-transcript-view.h"

G_BEGIN_DECLS

/* The draw function of the view's gutter; @user_data is the PlTranscriptView. */
void pl_transcript_gutter_draw (GtkDrawingArea *area,
                                cairo_t        *cr,
                                int             width,
                                int             height,
                                gpointer        user_data);

G_END_DECLS
