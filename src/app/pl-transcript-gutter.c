/* pl-transcript-gutter.c — the statement numbers beside a transcript, the current one bold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-transcript-view"

#include "config.h"

#include "pl-compat.h"
#include "pl-text-view.h"
#include "pl-transcript-gutter.h"

/* Draws the numbers of the statements on screen, each level with its first line. */
void
pl_transcript_gutter_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  PlTranscriptView *self = user_data;
  GtkTextView *view = pl_transcript_view_get_text_view (self);
  GPtrArray *statements = pl_transcript_view_get_statements (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GdkRectangle visible;
  GtkTextIter top, bottom;
  guint first_offset, last_offset, lo, hi;
  PlStatement *current;
  GdkRGBA color;

  if (pl_transcript_view_get_document (self) == NULL || statements == NULL || statements->len == 0)
    return;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &top, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &bottom, visible.x, visible.y + visible.height);
  gtk_text_iter_set_line_offset (&top, 0);
  first_offset = gtk_text_iter_get_offset (&top);
  last_offset = gtk_text_iter_get_offset (&bottom);

  /* The first statement that ends after the top of the view. */
  lo = 0;
  hi = statements->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (((PlStatement *)g_ptr_array_index (statements, mid))->end <= first_offset)
        lo = mid + 1;
      else
        hi = mid;
    }

  pl_widget_get_color (GTK_WIDGET (area), &color);
  current = pl_text_view_get_current_statement (PL_TEXT_VIEW (view));

  for (guint i = lo; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);
      g_autoptr(PangoLayout) layout = NULL;
      g_autofree char *number = NULL;
      GtkTextIter iter;
      GdkRectangle location;
      int wx, wy, text_width, text_height;

      if (statement->start > last_offset)
        break;
      if (statement->kind == PL_STATEMENT_KIND_FRONT_MATTER)
        continue;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, statement->start);
      gtk_text_view_get_iter_location (view, &iter, &location);
      gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_LEFT, 0, location.y, &wx, &wy);

      /* The number of the statement the cursor is in, in full colour and bold. */
      number = statement == current ? g_strdup_printf ("<b>%u</b>", statement->index)
                                    : g_strdup_printf ("%u", statement->index);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), NULL);
      pango_layout_set_markup (layout, number, -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      color.alpha = statement == current ? 1.0f : 0.55f;
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_move_to (cr, width - text_width - 12, wy + MAX (0, (location.height - text_height) / 2));
      pango_cairo_show_layout (cr, layout);
    }
}
