/* pl-window-analysis.c — the window's questions to the corpus: Segments, Search, Memos,
 * Ctrl+F in the text and the Analysis page
 *
 * The sidebar switches between the documents, the Segments view (code-and-retrieve), the
 * Search view (Ctrl+Shift+F) and the Memos.  A hit or memo activated in any of them, a
 * statement behind a cell of the Analysis page, or an annotation of the panel's list opens
 * its document in the pane the keys act on, with the span selected; on a narrow window the
 * folded sidebar then makes way for the text.  The Analysis page ("win.show-analysis",
 * Ctrl+Shift+A) takes the place of the text; opening a place brings the text back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-analysis"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-window-private.h"

/* Places */

void
pl_window_open_place (PlWindow *self,
                      gint64    document_id,
                      guint     start,
                      guint     end)
{
  PlDocument *document;
  GtkTextView *text_view;

  g_return_if_fail (PL_IS_WINDOW (self));

  document = self->project != NULL ? pl_project_find_document (self->project, document_id) : NULL;
  if (document == NULL)
    return;

  pl_window_set_analysis_visible (self, FALSE);
  if (pl_transcript_view_get_document (self->active_view) != document)
    pl_window_open_document (self, document);
  if (pl_transcript_view_get_document (self->active_view) != document)
    return;

  pl_transcript_view_place_cursor (self->active_view, start, TRUE);
  pl_transcript_view_select_range (self->active_view, start, end);
  text_view = pl_transcript_view_get_text_view (self->active_view);
  if (adw_flap_get_folded (self->documents_flap))
    adw_flap_set_reveal_flap (self->documents_flap, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (text_view));
}

static void
on_open_place (PlWindow  *self,
               gint64     document_id,
               guint      start,
               guint      end)
{
  pl_window_open_place (self, document_id, start, end);
}

static void
on_search_coded (PlWindow   *self,
                 const char *code_name,
                 guint       n_spans)
{
  g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Applied “%s” to %u search hit",
                                                           "Applied “%s” to %u search hits", n_spans),
                                              code_name, n_spans);

  pl_window_show_undo_toast (self, message, 0);
}

/* Cells of the Analysis page: their segments in the Segments view. */
static void
on_retrieved (PlWindow   *self,
              GPtrArray  *hits,
              const char *title)
{
  pl_segments_view_show_hits (self->segments_view, hits, title);
  pl_window_show_sidebar_page (self, "segments");
}

/* The Analysis page */

gboolean
pl_window_get_analysis_visible (PlWindow *self)
{
  return self->analysis_visible;
}

void
pl_window_set_analysis_visible (PlWindow *self,
                                gboolean  visible)
{
  visible = visible && self->project != NULL;
  if (self->analysis_visible == visible)
    return;
  self->analysis_visible = visible;
  if (visible)
    pl_analysis_view_refresh (self->analysis_view);
  pl_window_update_page (self);
  pl_window_notify_analysis_visible (self);
}

void
pl_window_show_sidebar_page (PlWindow   *self,
                             const char *name)
{
  g_return_if_fail (PL_IS_WINDOW (self));

  gtk_stack_set_visible_child_name (self->sidebar_stack, name);
  adw_flap_set_reveal_flap (self->documents_flap, TRUE);
}

/* Search */

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (pl_transcript_view_get_document (self->active_view) == NULL)
    return;
  pl_window_set_analysis_visible (self, FALSE);
  pl_search_bar_set_view (self->search_bar, self->active_view);
  pl_search_bar_open (self->search_bar);
}

static void
find_in_project_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->project == NULL)
    return;
  pl_window_show_sidebar_page (self, "search");
  pl_search_view_focus_entry (self->search_view);
}

static void
show_segments_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->project != NULL)
    pl_window_show_sidebar_page (self, "segments");
}

void
pl_window_analysis_update (PlWindow *self)
{
  pl_search_bar_set_view (self->search_bar, self->active_view);
  pl_search_view_set_coder_id (self->search_view, self->coder != NULL ? self->coder->id : 0);
}

static void
on_project (PlWindow *self)
{
  pl_segments_view_set_project (self->segments_view, self->project);
  pl_search_view_set_project (self->search_view, self->project);
  pl_memos_view_set_project (self->memos_view, self->project);
  pl_search_bar_set_project (self->search_bar, self->project);
  pl_analysis_view_set_project (self->analysis_view, self->project);
  if (self->project == NULL)
    pl_window_set_analysis_visible (self, FALSE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "documents");
  pl_window_analysis_update (self);
}

void
pl_window_analysis_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PL_TYPE_SEGMENTS_VIEW);
  g_type_ensure (PL_TYPE_SEARCH_VIEW);
  g_type_ensure (PL_TYPE_MEMOS_VIEW);
  g_type_ensure (PL_TYPE_SEARCH_BAR);
  g_type_ensure (PL_TYPE_ANALYSIS_VIEW);

  gtk_widget_class_bind_template_child (widget_class, PlWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, segments_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, search_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, memos_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, analysis_view);

  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "win.find-in-project", NULL, find_in_project_action);
  gtk_widget_class_install_action (widget_class, "win.show-segments", NULL, show_segments_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.find-in-project", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-analysis", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-segments", NULL);
}

void
pl_window_analysis_init (PlWindow *self)
{
  g_signal_connect_object (self->segments_view, "open-place", G_CALLBACK (on_open_place), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_view, "open-place", G_CALLBACK (on_open_place), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->memos_view, "open-place", G_CALLBACK (on_open_place), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_view, "coded", G_CALLBACK (on_search_coded), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->analysis_view, "retrieved", G_CALLBACK (on_retrieved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::project", G_CALLBACK (on_project), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::coder-name", G_CALLBACK (pl_window_analysis_update), self,
                           G_CONNECT_SWAPPED);
  pl_window_analysis_update (self);
}
