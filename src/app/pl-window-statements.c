/* pl-window-statements.c — correcting the segmentation from the transcript
 *
 * The segmenter's statements are a proposal.  From the text (keys, or the text's context
 * menu, pl-window-menu.c) the coder splits a statement at the cursor, merges it with the one before, sets its
 * speaker (completed from the gazetteer), marks it as front matter or as a statement, and
 * confirms a speaker the segmenter was unsure of.  Each is one undoable action;
 * annotations keep their exact text.
 *
 *   Alt+Return     split the statement at the cursor     Alt+Backspace  merge with previous
 *   Alt+p          set the speaker                       Alt+f          front matter / statement
 *   Alt+r          the speaker is right (reviewed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-statements"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-document-properties.h"
#include "pl-gazetteer.h"
#include "pl-project-statements.h"
#include "pl-window-private.h"

static PlStatement *
statement_at_cursor (PlWindow *self)
{
  PlTranscriptView *view = self->active_view;
  guint cursor = pl_transcript_view_get_cursor (view);
  PlStatement *statement = pl_transcript_view_get_statement_at (view, cursor);

  if (statement == NULL || cursor > statement->end)
    {
      pl_window_show_toast (self, _("Place the cursor in a statement first"));
      return NULL;
    }
  return statement;
}

/* Splitting needs only the cursor; the other corrections act on the statement it is in. */
static void
correct_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  gboolean split = g_str_equal (action_name, "win.split-statement");
  gboolean merge = g_str_equal (action_name, "win.merge-statement");
  g_autoptr(GError) error = NULL;
  PlStatement *statement = NULL;
  const char *heading;
  gint64 document_id;
  guint cursor;
  gboolean ok;

  if (document == NULL || (!split && (statement = statement_at_cursor (self)) == NULL))
    return;

  document_id = pl_document_get_id (document);
  cursor = pl_transcript_view_get_cursor (self->active_view);
  if (split)
    {
      ok = pl_project_split_statement (self->project, document_id, cursor, &error);
      heading = _("Could Not Split the Statement");
    }
  else if (merge)
    {
      if (statement->index <= 1)
        {
          pl_window_show_toast (self, _("The first statement has nothing before it to merge with"));
          return;
        }
      ok = pl_project_merge_statement_with_previous (self->project, document_id, statement->index, &error);
      heading = _("Could Not Merge the Statements");
    }
  else if (g_str_equal (action_name, "win.toggle-front-matter"))
    {
      PlStatementKind kind = statement->kind == PL_STATEMENT_KIND_STATEMENT
        ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT;

      ok = pl_project_set_statement_kind (self->project, document_id, statement->index, kind, &error);
      heading = _("Could Not Change the Statement");
    }
  else
    {
      ok = pl_project_set_statement_reviewed (self->project, document_id, statement->index, TRUE, &error);
      heading = _("Could Not Change the Statement");
    }

  if (!ok && error != NULL)
    pl_window_show_error (self, heading, error);
  if (split || merge)
    pl_transcript_view_place_cursor (self->active_view, cursor, FALSE);
}

/* The speaker picker: an entry completed from the gazetteer's names. */

static void
on_speaker_chosen (PlWindow         *self,
                   const char       *speaker,
                   PlSpeakerPopover *popover)
{
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  g_autoptr(GError) error = NULL;
  PlEntityType type;

  if (document == NULL || self->speaker_index == 0)
    return;

  /* A name the gazetteer does not know can be remembered for this project, with its kind:
   * later documents and corrections then recognise it. */
  if (speaker[0] != '\0'
      && pl_speaker_popover_get_remember (popover, &type)
      && pl_gazetteer_lookup (pl_project_get_gazetteer (self->project), speaker) == NULL
      && !pl_project_add_gazetteer_entry (self->project,
                                          &(PlGazetteerEntrySpec) {
                                            .name = speaker,
                                            .entity = speaker,
                                            .type = type,
                                          },
                                          &error))
    {
      pl_window_show_error (self, _("Could Not Remember the Speaker"), error);
      return;
    }

  if (!pl_project_set_speaker (self->project, pl_document_get_id (document), self->speaker_index, speaker, &error)
      && error != NULL)
    pl_window_show_error (self, _("Could Not Set the Speaker"), error);
}

static void
speaker_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(GPtrArray) names = NULL;
  PlStatement *statement;

  if (pl_transcript_view_get_document (self->active_view) == NULL
      || (statement = statement_at_cursor (self)) == NULL)
    return;

  self->speaker_index = statement->index;

  /* The names of the project's gazetteer (built-in and its own entries). */
  names = pl_gazetteer_list_names (pl_project_get_gazetteer (self->project));
  g_ptr_array_add (names, NULL);
  pl_window_point_popover (self, GTK_POPOVER (self->speaker_popover), statement->start);
  pl_speaker_popover_start (self->speaker_popover, (const char * const *)names->pdata, statement->speaker);
}

static void
document_details_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);

  if (document == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pl_document_properties_new (GTK_WINDOW (self), self->project, document)));
}

void
pl_window_statements_update_actions (PlWindow *self,
                                     gboolean  has_document)
{
  static const char *actions[] = {
    "win.split-statement", "win.merge-statement", "win.set-speaker", "win.toggle-front-matter",
    "win.mark-reviewed", "win.document-details",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], has_document);
}

void
pl_window_statements_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.split-statement", NULL, correct_action);
  gtk_widget_class_install_action (widget_class, "win.merge-statement", NULL, correct_action);
  gtk_widget_class_install_action (widget_class, "win.set-speaker", NULL, speaker_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-front-matter", NULL, correct_action);
  gtk_widget_class_install_action (widget_class, "win.mark-reviewed", NULL, correct_action);
  gtk_widget_class_install_action (widget_class, "win.document-details", NULL, document_details_action);
}

void
pl_window_statements_init (PlWindow *self)
{
  self->speaker_popover = g_object_ref_sink (PL_SPEAKER_POPOVER (pl_speaker_popover_new ()));
  g_signal_connect_object (self->speaker_popover, "speaker-chosen", G_CALLBACK (on_speaker_chosen),
                           self, G_CONNECT_SWAPPED);
}

void
pl_window_statements_dispose (PlWindow *self)
{
  if (self->speaker_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->speaker_popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->speaker_popover));
  g_clear_object (&self->speaker_popover);
}

GtkPopover *
pl_window_get_speaker_popover (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return GTK_POPOVER (self->speaker_popover);
}

void
pl_window_set_remember_speaker (PlWindow     *self,
                                gboolean      remember,
                                PlEntityType  type)
{
  g_return_if_fail (PL_IS_WINDOW (self));
  pl_speaker_popover_set_remember (self->speaker_popover, remember, type);
}

GtkEditable *
pl_window_get_speaker_entry (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return pl_speaker_popover_get_entry (self->speaker_popover);
}
