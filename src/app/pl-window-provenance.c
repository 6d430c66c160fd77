/* pl-window-provenance.c — outcome documents: finding reuse, provenance, linking by hand
 *
 * "win.find-reuse" opens the reuse review (PlReuseReview) of the open document,
 * "win.show-provenance" its provenance (PlProvenanceView); each is one window per document,
 * brought to the front when it is open already.  Both ask the main window to open the two
 * places of a candidate or link side by side: the statement in the first pane, the outcome
 * document in the second, each passage selected.  "win.link-selections" (Ctrl+L) links the
 * selection of one pane to the selection of the other by hand: the pane whose document is
 * marked as an outcome document is the outcome side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-provenance"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-project-links.h"
#include "pl-provenance-view.h"
#include "pl-reuse-review.h"
#include "pl-reuse.h"
#include "pl-text.h"
#include "pl-window-private.h"

/* Two selections at once
 *
 * A text view gives up its selection as soon as another one takes the PRIMARY clipboard
 * (X11 and Wayland alike), so a selection in one pane clears the other's.  Each pane keeps
 * its last selection in a tag instead: made with the selection, kept (and then shown) when
 * the selection goes while the pane does not have the focus, dropped when the user clears
 * it in the pane itself or a link is made. */

#define LINK_SELECTION_TAG "link-selection"

static GtkTextTag *
selection_tag (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), LINK_SELECTION_TAG);
  GdkRGBA color = { 0.21, 0.52, 0.89, 0.28 };

  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, LINK_SELECTION_TAG, "background-rgba", &color, NULL);
  return tag;
}

static void
clear_selection_tag (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), LINK_SELECTION_TAG);
  GtkTextIter start, end;

  if (tag == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
}

static void
on_mark_set (GtkTextBuffer *buffer,
             GtkTextIter   *location,
             GtkTextMark   *mark,
             GtkTextView   *text_view)
{
  GtkTextIter start, end;

  if (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;

  if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      clear_selection_tag (buffer);
      gtk_text_buffer_apply_tag (buffer, selection_tag (buffer), &start, &end);
    }
  else if (gtk_widget_has_focus (GTK_WIDGET (text_view)))
    clear_selection_tag (buffer);
}

static void
on_buffer_changed (GtkTextView *text_view)
{
  g_signal_connect_object (gtk_text_view_get_buffer (text_view), "mark-set", G_CALLBACK (on_mark_set),
                           text_view, G_CONNECT_AFTER);
}

gboolean
pl_window_get_pane_selection (PlWindow         *self,
                              PlTranscriptView *view,
                              guint            *start,
                              guint            *end)
{
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  GtkTextIter from, to;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);

  if (pl_transcript_view_get_selection (view, start, end))
    return TRUE;

  buffer = gtk_text_view_get_buffer (pl_transcript_view_get_text_view (view));
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), LINK_SELECTION_TAG);
  gtk_text_buffer_get_start_iter (buffer, &from);
  if (tag == NULL || (!gtk_text_iter_starts_tag (&from, tag) && !gtk_text_iter_forward_to_tag_toggle (&from, tag)))
    return FALSE;
  to = from;
  if (!gtk_text_iter_forward_to_tag_toggle (&to, tag) || gtk_text_iter_equal (&from, &to))
    return FALSE;

  *start = gtk_text_iter_get_offset (&from);
  *end = gtk_text_iter_get_offset (&to);
  return TRUE;
}

void
pl_window_provenance_init (PlWindow *self)
{
  PlTranscriptView *views[] = { self->transcript_view, self->second_view };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkTextView *text_view = pl_transcript_view_get_text_view (views[i]);

      g_signal_connect (text_view, "notify::buffer", G_CALLBACK (on_buffer_changed), NULL);
      on_buffer_changed (text_view);
    }
}

/* Opening both places */

static void
open_in_pane (PlWindow         *self,
              PlTranscriptView *view,
              gint64            document_id,
              guint             start,
              guint             end)
{
  PlDocument *document = pl_project_find_document (self->project, document_id);

  if (document == NULL)
    return;
  pl_window_focus_view (self, view);
  if (pl_transcript_view_get_document (view) != document)
    pl_window_open_document (self, document);
  pl_transcript_view_place_cursor (view, start, TRUE);
  pl_transcript_view_select_range (view, start, end);
}

void
pl_window_show_passages (PlWindow         *self,
                         const PlLinkSpec *spec)
{
  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (spec != NULL);

  if (self->project == NULL)
    return;

  pl_window_set_split (self, TRUE);
  open_in_pane (self, self->transcript_view, spec->source_document_id, spec->source_start, spec->source_end);
  open_in_pane (self, self->second_view, spec->outcome_document_id, spec->outcome_start, spec->outcome_end);
  pl_window_update_title (self);
  gtk_window_present (GTK_WINDOW (self));
}

static void
on_show_passages (PlWindow         *self,
                  const PlLinkSpec *spec)
{
  pl_window_show_passages (self, spec);
}

static void
on_show_link (PlWindow     *self,
              const PlLink *link)
{
  PlLinkSpec spec = {
    .source_document_id = link->source_document_id,
    .source_start = link->source_start,
    .source_end = link->source_end,
    .outcome_document_id = link->outcome_document_id,
    .outcome_start = link->outcome_start,
    .outcome_end = link->outcome_end,
  };

  pl_window_show_passages (self, &spec);
}

/* The review and the provenance view */

/* The open window of @type about @document whose parent is @self, or NULL. */
static GtkWindow *
find_open (PlWindow   *self,
           GType       type,
           PlDocument *document)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;
      PlDocument *shown;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (window, type) || gtk_window_get_transient_for (window) != GTK_WINDOW (self))
        continue;
      shown = type == PL_TYPE_REUSE_REVIEW ? pl_reuse_review_get_outcome (PL_REUSE_REVIEW (window))
                                           : pl_provenance_view_get_outcome (PL_PROVENANCE_VIEW (window));
      if (shown == document)
        return window;
    }
  return NULL;
}

PlReuseReview *
pl_window_open_reuse_review (PlWindow   *self,
                             PlDocument *document)
{
  GtkWindow *review;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (PL_IS_DOCUMENT (document), NULL);

  review = find_open (self, PL_TYPE_REUSE_REVIEW, document);
  if (review == NULL)
    {
      review = GTK_WINDOW (pl_reuse_review_new (GTK_WINDOW (self), self->project, document, self->coder));
      g_signal_connect_object (review, "show-passages", G_CALLBACK (on_show_passages), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (review);
  return PL_REUSE_REVIEW (review);
}

static void
on_find_reuse (PlWindow         *self,
               PlProvenanceView *view)
{
  pl_window_open_reuse_review (self, pl_provenance_view_get_outcome (view));
}

PlProvenanceView *
pl_window_open_provenance (PlWindow   *self,
                           PlDocument *document)
{
  GtkWindow *view;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (PL_IS_DOCUMENT (document), NULL);

  view = find_open (self, PL_TYPE_PROVENANCE_VIEW, document);
  if (view == NULL)
    {
      view = GTK_WINDOW (pl_provenance_view_new (GTK_WINDOW (self), self->project, document));
      g_signal_connect_object (view, "show-link", G_CALLBACK (on_show_link), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "find-reuse", G_CALLBACK (on_find_reuse), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (view);
  return PL_PROVENANCE_VIEW (view);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);

  if (document == NULL)
    return;
  if (g_str_equal (action_name, "win.find-reuse"))
    pl_window_open_reuse_review (self, document);
  else
    pl_window_open_provenance (self, document);
}

/* Linking by hand */

static gboolean
is_outcome (PlWindow   *self,
            PlDocument *document)
{
  g_autoptr(PlOutcome) outcome = pl_project_get_outcome (self->project, pl_document_get_id (document), NULL);

  return outcome != NULL;
}

/* The words the two selections share, as the finder counts them for its candidates. */
static guint
shared_words (PlWindow         *self,
              const PlLinkSpec *spec)
{
  g_autofree char *source_text = pl_project_dup_document_text (self->project, spec->source_document_id, NULL);
  g_autofree char *outcome_text = pl_project_dup_document_text (self->project, spec->outcome_document_id, NULL);
  g_autofree char *source = NULL;
  g_autofree char *outcome = NULL;
  g_autoptr(GArray) pairs = NULL;

  if (source_text == NULL || outcome_text == NULL)
    return 0;
  source = pl_text_slice (source_text, spec->source_start, spec->source_end);
  outcome = pl_text_slice (outcome_text, spec->outcome_start, spec->outcome_end);
  pairs = pl_reuse_shared_words (source, outcome);
  return pairs->len;
}

gboolean
pl_window_link_selections (PlWindow  *self,
                           GError   **error)
{
  PlDocument *first = pl_transcript_view_get_document (self->transcript_view);
  PlDocument *second = pl_transcript_view_get_document (self->second_view);
  PlTranscriptView *source_view, *outcome_view;
  PlLinkSpec spec = { .origin = PL_LINK_ORIGIN_MANUAL, .score = -1.0 };
  g_autoptr(PlLink) link = NULL;
  gboolean first_outcome, second_outcome;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);

  if (self->project == NULL || !pl_window_get_split (self) || first == NULL || second == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Open a statement and an outcome document side by side (F8), and select a "
                     "passage in each."));
      return FALSE;
    }

  first_outcome = is_outcome (self, first);
  second_outcome = is_outcome (self, second);
  if (first_outcome == second_outcome)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   first_outcome ? _("Both documents are outcome documents: link a statement to one of them.")
                                 : _("Neither document is an outcome document: mark the one that reuses the "
                                     "other's words in its Document Details."));
      return FALSE;
    }
  source_view = first_outcome ? self->second_view : self->transcript_view;
  outcome_view = first_outcome ? self->transcript_view : self->second_view;

  if (!pl_window_get_pane_selection (self, source_view, &spec.source_start, &spec.source_end)
      || !pl_window_get_pane_selection (self, outcome_view, &spec.outcome_start, &spec.outcome_end))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Select the statement’s passage in one pane and the passage that reuses it in "
                     "the other."));
      return FALSE;
    }

  spec.source_document_id = pl_document_get_id (pl_transcript_view_get_document (source_view));
  spec.outcome_document_id = pl_document_get_id (pl_transcript_view_get_document (outcome_view));
  spec.coder_id = self->coder != NULL ? self->coder->id : 0;
  spec.words = shared_words (self, &spec);

  link = pl_project_add_link (self->project, &spec, error);
  if (link == NULL)
    return FALSE;

  clear_selection_tag (gtk_text_view_get_buffer (pl_transcript_view_get_text_view (source_view)));
  clear_selection_tag (gtk_text_view_get_buffer (pl_transcript_view_get_text_view (outcome_view)));
  return TRUE;
}

static void
link_selections_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (pl_window_link_selections (self, &error))
    pl_window_show_undo_toast (self, _("Linked the two passages"), 0);
  else
    pl_window_show_toast (self, error->message);
}

void
pl_window_provenance_update_actions (PlWindow *self,
                                     gboolean  has_document)
{
  gboolean both = self->project != NULL && pl_window_get_split (self)
                  && pl_transcript_view_get_document (self->second_view) != NULL
                  && pl_transcript_view_get_document (self->transcript_view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-reuse", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-provenance", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.link-selections", both);
}

void
pl_window_provenance_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.find-reuse", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.show-provenance", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.link-selections", NULL, link_selections_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.link-selections", NULL);
}
