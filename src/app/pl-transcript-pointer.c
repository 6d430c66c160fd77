/* pl-transcript-pointer.c — what the pointer does over a transcript: hovering a highlight
 * lists its codes, a click opens the list to edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-transcript-view"

#include "config.h"

#include "pl-transcript-pointer.h"

/* Hovering a highlight lists what is coded there (a click gives the editable list). */
gboolean
pl_transcript_pointer_query_tooltip (GtkWidget        *widget,
                                     int               x,
                                     int               y,
                                     gboolean          keyboard,
                                     GtkTooltip       *tooltip,
                                     PlTranscriptView *self)
{
  GtkTextView *view = pl_transcript_view_get_text_view (self);
  g_autofree char *markup = NULL;
  GtkTextIter iter;
  GdkRectangle rect;
  int bx, by;

  if (keyboard)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);

      gtk_text_buffer_get_iter_at_mark (buffer, &iter, gtk_text_buffer_get_insert (buffer));
    }
  else
    {
      gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
      if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
        return FALSE;
    }

  markup = pl_transcript_view_dup_annotations_markup (self, gtk_text_iter_get_offset (&iter));
  if (markup == NULL)
    return FALSE;

  gtk_text_view_get_iter_location (view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x, &rect.y);
  gtk_tooltip_set_tip_area (tooltip, &rect);
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

void
pl_transcript_pointer_released (GtkGestureClick  *gesture,
                                int               n_press,
                                double            x,
                                double            y,
                                PlTranscriptView *self)
{
  GtkTextView *view = pl_transcript_view_get_text_view (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter iter;
  int bx, by;

  if (n_press != 1 || gtk_text_buffer_get_has_selection (buffer))
    return;

  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, (int)x, (int)y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (view, &iter, bx, by))
    return;

  pl_transcript_view_show_annotations_at (self, gtk_text_iter_get_offset (&iter));
}
