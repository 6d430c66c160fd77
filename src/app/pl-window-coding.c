/* pl-window-coding.c — the window's coding commands, from the keyboard first
 *
 * Every command is a "win." action.  They act on the transcript and on its "focus
 * annotation" (outlined in the text): the one just applied, clicked or reached with the
 * annotation navigation keys.  Keys are single letters or digits while the text has the
 * focus (the text is read-only, so nothing is typed there):
 *
 *   1…9          apply the code with that shortcut to the selection, or, with nothing
 *                selected, to the whole statement under the cursor
 *   /            find a code by typing (Enter applies it)
 *   s            select the statement under the cursor
 *   v            create an in-vivo code from the selection and apply it
 *   m            memo of the focus annotation          r   change its code
 *   Delete       remove the focus annotation
 *   . ,          next / previous annotation            n N next / previous uncoded statement
 *   Ctrl+↓ Ctrl+↑ next / previous statement            F3 Shift+F3 next / previous of the
 *                                                      code selected in the panel
 *   Alt+← Alt+→  move the start of the focus annotation by a word; with Shift, its end
 *   Enter        the codes at the cursor (stance, memo, code, removal), as a click shows
 *   Menu, Shift+F10  the context menu
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-coding"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-starter-names.h"
#include "pl-text.h"
#include "pl-window-private.h"

static PlTranscriptView *
active_view (PlWindow *self)
{
  return self->active_view;
}

static PlDocument *
active_document (PlWindow *self)
{
  return pl_transcript_view_get_document (active_view (self));
}

PlAnnotation *
pl_window_coding_target_annotation (PlWindow *self)
{
  PlTranscriptView *view = active_view (self);
  PlAnnotationIndex *index = pl_transcript_view_get_index (view);
  const char *focus = pl_text_view_get_focus_annotation (pl_transcript_view_get_pl_text_view (view));
  g_autoptr(GPtrArray) hits = NULL;
  PlAnnotation *best = NULL;

  if (focus != NULL && pl_annotation_index_lookup (index, focus) != NULL)
    return pl_annotation_ref (pl_annotation_index_lookup (index, focus));

  hits = pl_annotation_index_at (index, pl_transcript_view_get_cursor (view));
  for (guint i = 0; i < hits->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (hits, i);

      if (best == NULL || annotation->end - annotation->start < best->end - best->start)
        best = annotation;
    }
  return best != NULL ? pl_annotation_ref (best) : NULL;
}

static void
set_focus (PlWindow   *self,
           const char *guid)
{
  pl_text_view_set_focus_annotation (pl_transcript_view_get_pl_text_view (active_view (self)), guid);
}

/* The statement the cursor (or the selection's start) is in. */
static PlStatement *
current_statement (PlWindow *self)
{
  PlTranscriptView *view = active_view (self);
  guint start, end;
  guint offset = pl_transcript_view_get_selection (view, &start, &end)
    ? start : pl_transcript_view_get_cursor (view);
  PlStatement *statement = pl_transcript_view_get_statement_at (view, offset);

  if (statement != NULL && offset < statement->end)
    return statement;
  return NULL;
}

/* Applying codes */

/* With nothing selected, @statement_fallback codes the statement under the cursor (the
 * keys and the picker); a click in the panel needs a selection, so that clicking a code
 * to read its definition codes nothing. */
static void
apply_code (PlWindow *self,
            PlCode   *code,
            gboolean  statement_fallback)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  PlTranscriptView *view = active_view (self);
  PlDocument *document = active_document (self);
  g_autofree char *message = NULL;
  gboolean whole_statement = FALSE;
  guint start, end;

  if (document == NULL || self->coder == NULL)
    return;

  if (!pl_code_get_codable (code))
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is a folder of codes and cannot be applied"),
                                               pl_code_get_display_name (code));
      pl_window_show_toast (self, text);
      return;
    }

  if (!pl_transcript_view_get_selection (view, &start, &end))
    {
      PlStatement *statement = current_statement (self);

      if (!statement_fallback)
        {
          g_autofree char *text = g_strdup_printf (_("Select text to code it as “%s”, or press a code’s key to code the whole statement"),
                                                   pl_code_get_display_name (code));

          pl_window_show_toast (self, text);
          return;
        }
      if (statement == NULL)
        {
          pl_window_show_toast (self, _("Select some text, or place the cursor in a statement, then apply a code"));
          return;
        }
      start = statement->start;
      end = statement->end;
      whole_statement = TRUE;
    }

  annotation = pl_project_add_annotation (self->project,
                                          &(PlAnnotationSpec) {
                                            .document_id = pl_document_get_id (document),
                                            .code_id = pl_code_get_id (code),
                                            .coder_id = self->coder->id,
                                            .start = start,
                                            .end = end,
                                          },
                                          &error);
  if (annotation == NULL)
    {
      pl_window_show_error (self, _("Could Not Save the Annotation"), error);
      return;
    }

  /* Collapse the selection so the new highlight shows; it becomes the focus annotation. */
  pl_transcript_view_select_range (view, end, end);
  set_focus (self, annotation->guid);

  message = whole_statement
    ? g_strdup_printf (_("Statement coded as “%s”"), pl_code_get_display_name (code))
    : g_strdup_printf (_("Coded as “%s”"), pl_code_get_display_name (code));
  pl_window_show_undo_toast (self, message, 3);
}

/* "win.apply-code" takes a code's short id, GUID or name; "win.apply-shortcut" its key. */
static void
apply_code_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  const char *what = g_variant_get_string (parameter, NULL);
  gboolean by_key = g_str_equal (action_name, "win.apply-shortcut");
  PlCode *code;

  if (self->project == NULL)
    return;

  code = by_key ? pl_project_find_code_by_shortcut (self->project, what) : pl_project_lookup_code (self->project, what);
  if (code != NULL)
    apply_code (self, code, by_key);
  else if (by_key)
    {
      g_autofree char *message = g_strdup_printf (_("No code has the key %s"), what);

      pl_window_show_toast (self, message);
    }
}

static void
select_statement_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlStatement *statement = current_statement (self);

  if (statement != NULL)
    pl_transcript_view_select_range (active_view (self), statement->start, statement->end);
}

/* The code picker: type to find, Enter to apply (or to recode the focus annotation). */

static void
point_at_cursor (PlWindow   *self,
                 GtkPopover *popover)
{
  pl_window_point_popover (self, popover, pl_transcript_view_get_cursor (active_view (self)));
}

static void
on_code_chosen (PlWindow     *self,
                PlCode       *code,
                PlCodePicker *picker)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *guid = g_steal_pointer (&self->recode_guid);

  if (guid == NULL)
    {
      /* Focus went to the picker: code what was selected when it opened. */
      if (self->pick_start < self->pick_end)
        pl_transcript_view_select_range (active_view (self), self->pick_start, self->pick_end);
      else
        pl_transcript_view_place_cursor (active_view (self), self->pick_cursor, FALSE);
      apply_code (self, code, TRUE);
      return;
    }

  if (!pl_project_set_annotation_code (self->project, guid, pl_code_get_id (code), &error))
    pl_window_show_error (self, _("Could Not Change the Code"), error);
  else
    set_focus (self, guid);
}

static void
pick_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (active_document (self) == NULL)
    return;

  g_clear_pointer (&self->recode_guid, g_free);
  if (!pl_transcript_view_get_selection (active_view (self), &self->pick_start, &self->pick_end))
    self->pick_start = self->pick_end = 0;
  self->pick_cursor = pl_transcript_view_get_cursor (active_view (self));
  point_at_cursor (self, GTK_POPOVER (self->code_picker));
  pl_code_picker_start (self->code_picker);
}

static void
recode_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(PlAnnotation) annotation = NULL;
  const char *guid = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;

  if (active_document (self) == NULL)
    return;

  if (guid == NULL || guid[0] == '\0')
    annotation = pl_window_coding_target_annotation (self);
  else
    annotation = pl_project_find_annotation (self->project, guid, NULL);
  if (annotation == NULL)
    {
      pl_window_show_toast (self, _("Place the cursor on a coded span first"));
      return;
    }
  guid = annotation->guid;

  /* From the list of a highlight's codes: that list makes way for the picker. */
  pl_transcript_view_hide_annotations (active_view (self));
  pl_transcript_view_place_cursor (active_view (self), annotation->start, FALSE);
  set_focus (self, guid);

  g_free (self->recode_guid);
  self->recode_guid = g_strdup (guid);
  point_at_cursor (self, GTK_POPOVER (self->code_picker));
  pl_code_picker_start (self->code_picker);
}

/* Removing, stance, memo */

static void
remove_annotation (PlWindow   *self,
                   const char *guid)
{
  g_autoptr(GError) error = NULL;

  if (!pl_project_remove_annotation (self->project, guid, &error))
    {
      if (!g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
        pl_window_show_error (self, _("Could Not Remove the Annotation"), error);
      return;
    }
  pl_window_show_undo_toast (self, _("Annotation removed"), 0);
}

static void
remove_annotation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(PlAnnotation) annotation = NULL;

  if (self->project == NULL)
    return;

  if (parameter != NULL)
    {
      remove_annotation (self, g_variant_get_string (parameter, NULL));
      return;
    }

  annotation = pl_window_coding_target_annotation (self);
  if (annotation == NULL)
    pl_window_show_toast (self, _("Place the cursor on a coded span first"));
  else
    remove_annotation (self, annotation->guid);
}

static void
set_stance_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *guid, *stance;

  if (self->project == NULL)
    return;

  g_variant_get (parameter, "(&s&s)", &guid, &stance);
  if (!pl_project_set_annotation_stance (self->project, guid, stance[0] != '\0' ? stance : NULL, &error))
    pl_window_show_error (self, _("Could Not Set the Stance"), error);
}

static gboolean
save_memo (PlWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_clear_handle_id (&self->memo_save_source, g_source_remove);
  if (self->memo_guid == NULL || self->project == NULL)
    return G_SOURCE_REMOVE;

  buffer = gtk_text_view_get_buffer (self->memo_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));

  if (!pl_project_set_annotation_memo (self->project, self->memo_guid, text, &error)
      && !g_error_matches (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
    pl_window_show_error (self, _("Could Not Save the Memo"), error);
  return G_SOURCE_REMOVE;
}

static void
on_memo_changed (PlWindow *self)
{
  /* Memos are saved as you pause, and when the editor closes. */
  g_clear_handle_id (&self->memo_save_source, g_source_remove);
  self->memo_save_source = g_timeout_add (1200, (GSourceFunc)save_memo, self);
}

static void
on_memo_closed (PlWindow *self)
{
  save_memo (self);
  g_clear_pointer (&self->memo_guid, g_free);
}

static void
edit_memo (PlWindow           *self,
           const PlAnnotation *annotation)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);

  g_free (self->memo_guid);
  self->memo_guid = NULL;
  g_signal_handlers_block_by_func (buffer, on_memo_changed, self);
  gtk_text_buffer_set_text (buffer, annotation->memo != NULL ? annotation->memo : "", -1);
  g_signal_handlers_unblock_by_func (buffer, on_memo_changed, self);
  self->memo_guid = g_strdup (annotation->guid);
  set_focus (self, annotation->guid);

  pl_transcript_view_hide_annotations (active_view (self));
  pl_transcript_view_place_cursor (active_view (self), annotation->start, FALSE);
  point_at_cursor (self, self->memo_popover);
  gtk_popover_popup (self->memo_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->memo_view));
}

static void
edit_memo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(PlAnnotation) annotation = NULL;
  const char *guid = parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL;

  if (self->project == NULL || active_document (self) == NULL)
    return;

  if (guid != NULL && guid[0] != '\0')
    annotation = pl_project_find_annotation (self->project, guid, NULL);
  else
    annotation = pl_window_coding_target_annotation (self);

  if (annotation == NULL)
    {
      pl_window_show_toast (self, _("Place the cursor on a coded span first"));
      return;
    }
  edit_memo (self, annotation);
}

/* Adjusting a span by words */

static void
adjust_span_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  const char *how = g_variant_get_string (parameter, NULL);
  g_autoptr(PlAnnotation) annotation = pl_window_coding_target_annotation (self);
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter iter;
  guint start, end;

  if (annotation == NULL)
    {
      pl_window_show_toast (self, _("Place the cursor on a coded span first"));
      return;
    }

  buffer = gtk_text_view_get_buffer (pl_transcript_view_get_text_view (active_view (self)));
  start = annotation->start;
  end = annotation->end;

  if (g_str_equal (how, "start-"))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
      if (gtk_text_iter_backward_word_start (&iter))
        start = gtk_text_iter_get_offset (&iter);
    }
  else if (g_str_equal (how, "start+"))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
      if (gtk_text_iter_forward_word_end (&iter) && gtk_text_iter_forward_word_end (&iter)
          && gtk_text_iter_backward_word_start (&iter))
        start = gtk_text_iter_get_offset (&iter);
    }
  else if (g_str_equal (how, "end+"))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, end);
      if (gtk_text_iter_forward_word_end (&iter))
        end = gtk_text_iter_get_offset (&iter);
    }
  else if (g_str_equal (how, "end-"))
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, end);
      if (gtk_text_iter_backward_word_start (&iter) && gtk_text_iter_backward_word_start (&iter)
          && gtk_text_iter_forward_word_end (&iter))
        end = gtk_text_iter_get_offset (&iter);
    }

  if (start >= end)
    {
      pl_window_show_toast (self, _("A coded span cannot be shorter than one word"));
      return;
    }

  if (!pl_project_set_annotation_range (self->project, annotation->guid, start, end, &error))
    pl_window_show_error (self, _("Could Not Adjust the Span"), error);
  else
    set_focus (self, annotation->guid);
}

/* Navigation */

static void
go_to (PlWindow *self,
       guint     offset)
{
  pl_transcript_view_place_cursor (active_view (self), offset, TRUE);
}

static void
statement_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlTranscriptView *view = active_view (self);
  GPtrArray *statements = pl_transcript_view_get_statements (view);
  gboolean forward = !g_str_has_prefix (action_name, "win.previous");
  gboolean uncoded = strstr (action_name, "uncoded") != NULL;
  guint cursor = pl_transcript_view_get_cursor (view);
  PlAnnotationIndex *index = pl_transcript_view_get_index (view);

  if (statements == NULL || statements->len == 0)
    return;

  for (guint k = 0; k < statements->len; k++)
    {
      guint i = forward ? k : statements->len - 1 - k;
      PlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->kind != PL_STATEMENT_KIND_STATEMENT)
        continue;
      if (forward ? statement->start <= cursor : statement->end >= cursor)
        continue;
      if (uncoded)
        {
          g_autoptr(GPtrArray) hits = pl_annotation_index_overlapping (index, statement->start, statement->end);

          if (hits->len > 0)
            continue;
        }
      go_to (self, statement->start);
      return;
    }

  pl_window_show_toast (self, uncoded ? _("No more statements without a code in this direction")
                                      : _("No more statements in this direction"));
}

static void
annotation_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlTranscriptView *view = active_view (self);
  PlAnnotationIndex *index = pl_transcript_view_get_index (view);
  gboolean forward = g_str_has_prefix (action_name, "win.next");
  gboolean of_code = g_str_has_suffix (action_name, "of-code");
  guint cursor = pl_transcript_view_get_cursor (view);
  guint n = pl_annotation_index_get_n (index);
  PlCode *code = NULL;
  const char *focus = pl_text_view_get_focus_annotation (pl_transcript_view_get_pl_text_view (view));

  if (of_code)
    {
      code = pl_tagging_panel_get_selected_code (self->tagging_panel);
      if (code == NULL)
        {
          pl_window_show_toast (self, _("Select a code in the panel first"));
          return;
        }
    }

  for (guint k = 0; k < n; k++)
    {
      guint i = forward ? k : n - 1 - k;
      PlAnnotation *annotation = pl_annotation_index_get (index, i);

      if (code != NULL && annotation->code_id != pl_code_get_id (code))
        continue;
      if (forward ? annotation->start < cursor : annotation->start > cursor)
        continue;
      /* Several annotations may start at the cursor: step past the focused one. */
      if (annotation->start == cursor && focus != NULL)
        {
          if (g_str_equal (annotation->guid, focus))
            focus = NULL;
          continue;
        }
      go_to (self, annotation->start);
      set_focus (self, annotation->guid);
      return;
    }

  pl_window_show_toast (self, _("No more annotations in this direction"));
}

/* In-vivo codes: the selection's words become a code under "In vivo" and are coded with it. */

static PlCode *
in_vivo_folder (PlWindow  *self,
                GError   **error)
{
  GListModel *codes = pl_project_get_codes (self->project);
  PlCodeSpec spec = { .name = _("In vivo"), .short_id = "VIVO", .codable = FALSE, .color = "#8F8F8F",
                      .definition = _("Codes named after the speakers’ own words.") };

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (pl_code_get_depth (code) == 0 && g_strcmp0 (pl_code_get_short_id (code), "VIVO") == 0)
        return code;
    }
  return pl_project_add_code (self->project, &spec, error);
}

static void
in_vivo_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *selected = NULL;
  g_auto(GStrv) words = NULL;
  PlCodeSpec spec = { .codable = TRUE };
  PlCode *folder, *code;
  guint start, end;

  if (active_document (self) == NULL)
    return;
  if (!pl_transcript_view_get_selection (active_view (self), &start, &end))
    {
      pl_window_show_toast (self, _("Select the words to make an in-vivo code from"));
      return;
    }

  text = pl_project_dup_document_text (self->project, pl_document_get_id (active_document (self)), &error);
  if (text == NULL)
    {
      pl_window_show_error (self, _("Could Not Create the Code"), error);
      return;
    }

  /* One line, single spaces, at most 80 characters. */
  selected = pl_text_slice (text, start, end);
  words = g_strsplit_set (g_strstrip (selected), " \t\n", -1);
  g_free (selected);
  selected = g_strjoinv (" ", words);
  while (strstr (selected, "  ") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (selected, "  ", -1);

      g_free (selected);
      selected = g_strjoinv (" ", parts);
    }
  if (g_utf8_strlen (selected, -1) > 80)
    {
      char *cut = g_utf8_substring (selected, 0, 79);

      g_free (selected);
      selected = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }

  folder = in_vivo_folder (self, &error);
  if (folder == NULL)
    {
      pl_window_show_error (self, _("Could Not Create the Code"), error);
      return;
    }

  spec.parent_id = pl_code_get_id (folder);
  spec.name = selected;
  code = pl_project_lookup_code (self->project, selected);
  if (code == NULL || pl_code_get_parent_id (code) != pl_code_get_id (folder))
    code = pl_project_add_code (self->project, &spec, &error);
  if (code == NULL)
    {
      pl_window_show_error (self, _("Could Not Create the Code"), error);
      return;
    }

  apply_code (self, code, FALSE);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  gboolean undo = g_str_equal (action_name, "win.undo");
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  if (self->project == NULL)
    return;

  /* A memo being typed is saved first, so undo takes back the newest change. */
  save_memo (self);

  label = undo ? pl_project_dup_undo_label (self->project) : pl_project_dup_redo_label (self->project);
  if (!(undo ? pl_project_undo (self->project, &error) : pl_project_redo (self->project, &error)))
    {
      if (error != NULL)
        pl_window_show_error (self, undo ? _("Could Not Undo") : _("Could Not Redo"), error);
      return;
    }

  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);
  pl_window_show_toast (self, message);
}

GtkPopover *
pl_window_get_code_picker (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return GTK_POPOVER (self->code_picker);
}

GtkTextView *
pl_window_get_memo_view (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->memo_view;
}

void
pl_window_coding_update_actions (PlWindow *self,
                                 gboolean  has_project,
                                 gboolean  has_document)
{
  static const char *document_actions[] = {
    "win.apply-code", "win.apply-shortcut", "win.select-statement", "win.pick-code",
    "win.recode-annotation", "win.edit-memo", "win.adjust-span", "win.next-statement",
    "win.previous-statement", "win.next-uncoded", "win.previous-uncoded", "win.next-annotation",
    "win.previous-annotation", "win.next-of-code", "win.previous-of-code", "win.in-vivo",
    "win.remove-focused", "win.show-annotations", "win.context-menu",
  };

  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), document_actions[i], has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-annotation", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.set-stance", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", has_project && pl_project_can_undo (self->project));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", has_project && pl_project_can_redo (self->project));
}

void
pl_window_coding_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.apply-code", "s", apply_code_action);
  gtk_widget_class_install_action (widget_class, "win.apply-shortcut", "s", apply_code_action);
  gtk_widget_class_install_action (widget_class, "win.select-statement", NULL, select_statement_action);
  gtk_widget_class_install_action (widget_class, "win.pick-code", NULL, pick_code_action);
  gtk_widget_class_install_action (widget_class, "win.recode-annotation", "s", recode_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.remove-annotation", "s", remove_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.remove-focused", NULL, remove_annotation_action);
  gtk_widget_class_install_action (widget_class, "win.set-stance", "(ss)", set_stance_action);
  gtk_widget_class_install_action (widget_class, "win.edit-memo", "s", edit_memo_action);
  gtk_widget_class_install_action (widget_class, "win.adjust-span", "s", adjust_span_action);
  gtk_widget_class_install_action (widget_class, "win.next-statement", NULL, statement_action);
  gtk_widget_class_install_action (widget_class, "win.previous-statement", NULL, statement_action);
  gtk_widget_class_install_action (widget_class, "win.next-uncoded", NULL, statement_action);
  gtk_widget_class_install_action (widget_class, "win.previous-uncoded", NULL, statement_action);
  gtk_widget_class_install_action (widget_class, "win.next-annotation", NULL, annotation_action);
  gtk_widget_class_install_action (widget_class, "win.previous-annotation", NULL, annotation_action);
  gtk_widget_class_install_action (widget_class, "win.next-of-code", NULL, annotation_action);
  gtk_widget_class_install_action (widget_class, "win.previous-of-code", NULL, annotation_action);
  gtk_widget_class_install_action (widget_class, "win.in-vivo", NULL, in_vivo_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, history_action);
}

static void
add_key (GtkShortcutController *controller,
         guint                  keyval,
         GdkModifierType        modifiers,
         const char            *action,
         GVariant              *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static GtkWidget *
build_memo_popover (PlWindow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Memo"));
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *hint = gtk_label_new (_("Saved as you type. Esc closes."));

  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->memo_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->memo_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->memo_view, 6);
  gtk_text_view_set_bottom_margin (self->memo_view, 6);
  gtk_text_view_set_left_margin (self->memo_view, 6);
  gtk_text_view_set_right_margin (self->memo_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->memo_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Memo on the annotation"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->memo_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_widget_set_size_request (scroller, 340, -1);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_label_set_xalign (GTK_LABEL (hint), 0);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_box_append (GTK_BOX (box), hint);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  g_signal_connect_object (gtk_text_view_get_buffer (self->memo_view), "changed",
                           G_CALLBACK (on_memo_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (popover, "closed", G_CALLBACK (on_memo_closed), self, G_CONNECT_SWAPPED);
  return popover;
}

static void
add_coding_keys (PlWindow         *self,
                 PlTranscriptView *view)
{
  GtkShortcutController *keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());

  /* The keys act while the text has the focus; the capture phase sees them before the
   * text view does (which would otherwise move the cursor on Ctrl+arrows). */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (keys), GTK_PHASE_CAPTURE);
  for (guint i = 1; i <= 9; i++)
    {
      g_autofree char *key = g_strdup_printf ("%u", i);

      add_key (keys, GDK_KEY_0 + i, 0, "win.apply-shortcut", g_variant_new_string (key));
      add_key (keys, GDK_KEY_KP_0 + i, 0, "win.apply-shortcut", g_variant_new_string (key));
    }
  add_key (keys, GDK_KEY_slash, 0, "win.pick-code", NULL);
  /* Enter on a highlight lists its codes; Menu opens the context menu (pl-window-menu.c). */
  add_key (keys, GDK_KEY_Return, 0, "win.show-annotations", NULL);
  add_key (keys, GDK_KEY_KP_Enter, 0, "win.show-annotations", NULL);
  add_key (keys, GDK_KEY_Menu, 0, "win.context-menu", NULL);
  add_key (keys, GDK_KEY_F10, GDK_SHIFT_MASK, "win.context-menu", NULL);
  add_key (keys, GDK_KEY_s, 0, "win.select-statement", NULL);
  add_key (keys, GDK_KEY_v, 0, "win.in-vivo", NULL);
  add_key (keys, GDK_KEY_m, 0, "win.edit-memo", g_variant_new_string (""));
  add_key (keys, GDK_KEY_r, 0, "win.recode-annotation", g_variant_new_string (""));
  add_key (keys, GDK_KEY_Delete, 0, "win.remove-focused", NULL);
  add_key (keys, GDK_KEY_period, 0, "win.next-annotation", NULL);
  add_key (keys, GDK_KEY_comma, 0, "win.previous-annotation", NULL);
  add_key (keys, GDK_KEY_n, 0, "win.next-uncoded", NULL);
  add_key (keys, GDK_KEY_N, GDK_SHIFT_MASK, "win.previous-uncoded", NULL);
  add_key (keys, GDK_KEY_Down, GDK_CONTROL_MASK, "win.next-statement", NULL);
  add_key (keys, GDK_KEY_Up, GDK_CONTROL_MASK, "win.previous-statement", NULL);
  add_key (keys, GDK_KEY_F3, 0, "win.next-of-code", NULL);
  add_key (keys, GDK_KEY_F3, GDK_SHIFT_MASK, "win.previous-of-code", NULL);
  add_key (keys, GDK_KEY_Left, GDK_ALT_MASK, "win.adjust-span", g_variant_new_string ("start-"));
  add_key (keys, GDK_KEY_Right, GDK_ALT_MASK, "win.adjust-span", g_variant_new_string ("start+"));
  add_key (keys, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK, "win.adjust-span", g_variant_new_string ("end-"));
  add_key (keys, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK, "win.adjust-span", g_variant_new_string ("end+"));
  /* Correcting the segmentation (pl-window-statements.c). */
  add_key (keys, GDK_KEY_Return, GDK_ALT_MASK, "win.split-statement", NULL);
  add_key (keys, GDK_KEY_BackSpace, GDK_ALT_MASK, "win.merge-statement", NULL);
  add_key (keys, GDK_KEY_p, GDK_ALT_MASK, "win.set-speaker", NULL);
  add_key (keys, GDK_KEY_f, GDK_ALT_MASK, "win.toggle-front-matter", NULL);
  add_key (keys, GDK_KEY_r, GDK_ALT_MASK, "win.mark-reviewed", NULL);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (keys));
}

void
pl_window_coding_init (PlWindow *self)
{
  add_coding_keys (self, self->transcript_view);
  add_coding_keys (self, self->second_view);

  self->code_picker = PL_CODE_PICKER (pl_code_picker_new ());
  g_object_ref_sink (self->code_picker);
  g_signal_connect_object (self->code_picker, "code-chosen", G_CALLBACK (on_code_chosen), self, G_CONNECT_SWAPPED);

  self->memo_popover = GTK_POPOVER (g_object_ref_sink (build_memo_popover (self)));
}

void
pl_window_coding_dispose (PlWindow *self)
{
  save_memo (self);
  g_clear_handle_id (&self->memo_save_source, g_source_remove);
  if (self->code_picker != NULL && gtk_widget_get_parent (GTK_WIDGET (self->code_picker)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->code_picker));
  if (self->memo_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->memo_popover)) != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->memo_popover));
  g_clear_object (&self->code_picker);
  g_clear_object (&self->memo_popover);
  g_clear_pointer (&self->recode_guid, g_free);
  g_clear_pointer (&self->memo_guid, g_free);
}
