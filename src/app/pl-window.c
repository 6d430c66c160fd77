/* pl-window.c — the main window: documents, transcript, tagging panel
 *
 * Every command is an action ("win.…"), so menus, buttons, keys and tests go through the
 * same code; update_actions() keeps their enablement in step with the model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pl-error.h"
#include "pl-codebook-editor.h"
#include "pl-coder-dialog.h"
#include "pl-export-dialog.h"
#include "pl-exporter.h"
#include "pl-refi.h"
#include "pl-import-batch.h"
#include "pl-project-file.h"
#include "pl-settings.h"
#include "pl-window-private.h"

G_DEFINE_FINAL_TYPE (PlWindow, pl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_SIDEBAR_VISIBLE,
  PROP_CODER_NAME,
  PROP_SPLIT,
  PROP_ALIGN_PANES,
  N_PROPS
};

enum {
  IMPORT_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_sync (PlWindow *self);

void
pl_window_show_toast (PlWindow   *self,
                      const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

void
pl_window_show_error (PlWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pl_window_update_actions (PlWindow *self)
{
  gboolean has_project = self->project != NULL;
  gboolean has_document = pl_transcript_view_get_document (self->active_view) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-refi", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-copy", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-codebook", has_project);
  pl_window_coding_update_actions (self, has_project, has_document);
  pl_window_statements_update_actions (self, has_document);
}

/* The menu says what undo and redo will do. */
static void
update_history_menu (PlWindow *self)
{
  g_autofree char *undo = self->project != NULL ? pl_project_dup_undo_label (self->project) : NULL;
  g_autofree char *redo = self->project != NULL ? pl_project_dup_redo_label (self->project) : NULL;
  g_autofree char *undo_label = undo != NULL ? g_strdup_printf (_("_Undo %s"), undo) : g_strdup (_("_Undo"));
  g_autofree char *redo_label = redo != NULL ? g_strdup_printf (_("_Redo %s"), redo) : g_strdup (_("_Redo"));

  g_menu_remove_all (self->history_section);
  g_menu_append (self->history_section, undo_label, "win.undo");
  g_menu_append (self->history_section, redo_label, "win.redo");
  pl_window_update_actions (self);
}

static void
update_title (PlWindow *self)
{
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  PlDocument *first = pl_transcript_view_get_document (self->transcript_view);
  PlDocument *second = pl_transcript_view_get_document (self->second_view);
  g_autofree char *title = self->project != NULL ? pl_project_dup_title (self->project) : NULL;

  gtk_label_set_text (self->first_title, first != NULL ? pl_document_get_title (first) : "");
  gtk_label_set_text (self->second_title, second != NULL ? pl_document_get_title (second) : "");

  adw_window_title_set_title (self->window_title, title != NULL ? title : _("Plenary"));
  adw_window_title_set_subtitle (self->window_title,
                                 document != NULL ? pl_document_get_title (document) : NULL);
}

/* One CSS class per code colour, for the swatches of the panel and the popover. */
static void
update_code_css (PlWindow *self)
{
  g_autoptr(GString) css = g_string_new (NULL);
  GListModel *codes;
  guint n;

  if (self->project == NULL)
    return;

  codes = pl_project_get_codes (self->project);
  n = g_list_model_get_n_items (codes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      g_string_append_printf (css, ".code-color-%" G_GINT64_FORMAT " { background-color: %s; }\n",
                              pl_code_get_id (code), pl_code_get_color (code));
    }

  gtk_css_provider_load_from_data (self->code_css, css->str, css->len);
}

/* Documents */

static void
setup_document_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *box, *title, *details, *progress, *bar;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (box), title);

  details = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (box), details);

  bar = gtk_level_bar_new_for_interval (0, 1);
  gtk_level_bar_set_mode (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_MODE_CONTINUOUS);
  gtk_widget_add_css_class (bar, "document-progress");
  gtk_box_append (GTK_BOX (box), bar);

  progress = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (progress), 0);
  gtk_widget_add_css_class (progress, "dim-label");
  gtk_widget_add_css_class (progress, "caption");
  gtk_box_append (GTK_BOX (box), progress);

  gtk_list_item_set_child (item, box);
}

/* "12 of 20 statements coded · 31 annotations", and the bar. */
static void
show_progress (GtkWidget  *box,
               PlDocument *document,
               guint       coded)
{
  GtkWidget *bar = gtk_widget_get_prev_sibling (gtk_widget_get_last_child (box));
  GtkWidget *label = gtk_widget_get_last_child (box);
  guint n_statements = pl_document_get_n_statements (document);
  guint n_annotations = pl_document_get_n_annotations (document);
  g_autofree char *statements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u statement coded",
                                                              "%u of %u statements coded", n_statements),
                                                 coded, n_statements);
  g_autofree char *annotations = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                                               n_annotations), n_annotations);
  g_autofree char *text = g_strdup_printf ("%s · %s", statements, annotations);

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), n_statements > 0 ? MIN (1.0, (double)coded / n_statements) : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, statements, -1);
}

static void
refresh_progress (PlDocument *document,
                  GParamSpec *pspec,
                  GtkWidget  *box)
{
  PlWindow *self = PL_WINDOW (gtk_widget_get_root (box));
  g_autoptr(GError) error = NULL;
  guint coded;

  if (self == NULL || !PL_IS_WINDOW (self) || self->project == NULL)
    return;

  /* An open document is counted from its view's index; others from the store. */
  if (document == pl_transcript_view_get_document (self->transcript_view))
    coded = pl_annotation_index_count_coded (pl_transcript_view_get_index (self->transcript_view),
                                             pl_transcript_view_get_statements (self->transcript_view));
  else if (document == pl_transcript_view_get_document (self->second_view))
    coded = pl_annotation_index_count_coded (pl_transcript_view_get_index (self->second_view),
                                             pl_transcript_view_get_statements (self->second_view));
  else
    coded = pl_project_count_coded_statements (self->project, pl_document_get_id (document), &error);
  show_progress (box, document, coded);
}

static void
bind_document_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  PlWindow *self = user_data;
  PlDocument *document = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  const char *date = pl_document_get_metadata (document, "date");
  const char *session = pl_document_get_metadata (document, "session");
  g_autofree char *details_text = g_strjoin (" · ", date != NULL ? date : "", session != NULL ? session : "", NULL);
  gulong handler;

  gtk_label_set_text (GTK_LABEL (title), pl_document_get_title (document));
  gtk_widget_set_tooltip_text (box, pl_document_get_title (document));
  gtk_label_set_text (GTK_LABEL (details), g_strstrip (g_strdelimit (details_text, NULL, ' ')));
  if (date == NULL || session == NULL)
    gtk_label_set_text (GTK_LABEL (details), date != NULL ? date : session != NULL ? session : "");
  gtk_widget_set_visible (details, date != NULL || session != NULL);

  handler = g_signal_connect_object (document, "notify::n-annotations",
                                     G_CALLBACK (refresh_progress), box, 0);
  g_object_set_data (G_OBJECT (item), "progress-handler", GSIZE_TO_POINTER (handler));
  g_hash_table_insert (self->progress_labels, g_memdup2 (&(gint64) { pl_document_get_id (document) }, sizeof (gint64)), box);
  refresh_progress (document, NULL, box);
}

static void
unbind_document_row (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  PlWindow *self = user_data;
  PlDocument *document = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "progress-handler"));

  if (document != NULL)
    {
      gint64 id = pl_document_get_id (document);

      if (self->progress_labels != NULL)
        g_hash_table_remove (self->progress_labels, &id);
      if (handler != 0)
        g_signal_handler_disconnect (document, handler);
    }
  g_object_set_data (G_OBJECT (item), "progress-handler", NULL);
}

static gboolean
match_document (gpointer item,
                gpointer user_data)
{
  PlWindow *self = user_data;
  PlDocument *document = item;

  if (self->documents_query == NULL || self->documents_query[0] == '\0')
    return TRUE;

  for (int i = -1; i < 3; i++)
    {
      const char *value = i < 0 ? pl_document_get_title (document)
                                : pl_document_get_metadata (document, (const char *[]) { "date", "session", "process" }[i]);
      g_autofree char *folded = value != NULL ? g_utf8_casefold (value, -1) : NULL;

      if (folded != NULL && strstr (folded, self->documents_query) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
on_documents_filter_changed (PlWindow *self)
{
  g_free (self->documents_query);
  self->documents_query = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->documents_filter)), -1);
  gtk_filter_changed (GTK_FILTER (self->documents_custom_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

GListModel *
pl_window_get_documents_model (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->documents_filtered);
}

void
pl_window_set_documents_filter (PlWindow   *self,
                                const char *text)
{
  g_return_if_fail (PL_IS_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->documents_filter), text != NULL ? text : "");
  on_documents_filter_changed (self);
}

const char *
pl_window_get_progress_text (PlWindow   *self,
                             PlDocument *document)
{
  gint64 id;
  GtkWidget *row;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);

  id = pl_document_get_id (document);
  row = g_hash_table_lookup (self->progress_labels, &id);
  return row != NULL ? gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (row))) : NULL;
}

void
pl_window_open_document (PlWindow   *self,
                         PlDocument *document)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (document == NULL || PL_IS_DOCUMENT (document));

  if (!pl_transcript_view_set_document (self->active_view, self->project, document, &error))
    {
      pl_window_show_error (self, _("Could Not Open the Document"), error);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, document != NULL ? "document" : "empty");
  if (document != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents_selection));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PlDocument) item = g_list_model_get_item (G_LIST_MODEL (self->documents_selection), i);

          if (item == document)
            {
              gtk_single_selection_set_selected (self->documents_selection, i);
              break;
            }
        }
    }

  update_title (self);
  pl_window_update_actions (self);
}

/* The panel shows how often each code is used in the open document. */
static void
update_document_counts (PlWindow *self)
{
  PlAnnotationIndex *index = pl_transcript_view_get_index (self->active_view);
  PlDocument *document = pl_transcript_view_get_document (self->active_view);
  g_autoptr(GHashTable) counts = NULL;
  guint n = pl_annotation_index_get_n (index);

  if (document != NULL)
    {
      gint64 id = pl_document_get_id (document);
      GtkWidget *row = g_hash_table_lookup (self->progress_labels, &id);

      if (row != NULL)
        refresh_progress (document, NULL, row);
    }

  if (document == NULL)
    {
      pl_tagging_panel_set_document_counts (self->tagging_panel, NULL);
      return;
    }

  counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < n; i++)
    {
      PlAnnotation *annotation = pl_annotation_index_get (index, i);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &annotation->code_id));

      g_hash_table_replace (counts, g_memdup2 (&annotation->code_id, sizeof (gint64)),
                            GUINT_TO_POINTER (count + 1));
    }
  pl_tagging_panel_set_document_counts (self->tagging_panel, counts);
}

static void
on_index_changed (PlWindow         *self,
                  PlTranscriptView *view)
{
  PlDocument *document = pl_transcript_view_get_document (view);

  if (view == self->active_view)
    update_document_counts (self);
  else if (document != NULL)
    {
      /* The other pane's document: its sidebar progress only. */
      gint64 id = pl_document_get_id (document);
      GtkWidget *row = g_hash_table_lookup (self->progress_labels, &id);

      if (row != NULL)
        refresh_progress (document, NULL, row);
    }
}

static void
select_in_sidebar (PlWindow   *self,
                   PlDocument *document)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents_selection));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlDocument) item = g_list_model_get_item (G_LIST_MODEL (self->documents_selection), i);

      if (item == document)
        {
          gtk_single_selection_set_selected (self->documents_selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->documents_selection, GTK_INVALID_LIST_POSITION);
}

/* The tagging panel and the keys act on the pane that last had the focus. */
static void
set_active_view (PlWindow         *self,
                 PlTranscriptView *view)
{
  if (self->active_view == view)
    return;

  self->active_view = view;
  gtk_widget_remove_css_class (GTK_WIDGET (self->transcript_view), "active-pane");
  gtk_widget_remove_css_class (GTK_WIDGET (self->second_view), "active-pane");
  if (gtk_widget_get_visible (self->second_pane))
    gtk_widget_add_css_class (GTK_WIDGET (view), "active-pane");
  select_in_sidebar (self, pl_transcript_view_get_document (view));
  update_document_counts (self);
  update_title (self);
  pl_window_update_actions (self);
}

static void
on_pane_focus (PlWindow           *self,
               GtkEventController *controller)
{
  set_active_view (self, PL_TRANSCRIPT_VIEW (gtk_event_controller_get_widget (controller)));
}

/* Aligned panes: the other pane shows the statement with the same number at its top. */
static guint
top_statement_index (PlTranscriptView *view)
{
  GtkTextView *text_view = pl_transcript_view_get_text_view (view);
  GdkRectangle visible;
  GtkTextIter top;
  PlStatement *statement;

  gtk_text_view_get_visible_rect (text_view, &visible);
  gtk_text_view_get_iter_at_location (text_view, &top, visible.x, visible.y);
  statement = pl_transcript_view_get_statement_at (view, gtk_text_iter_get_offset (&top));
  return statement != NULL ? statement->index : 0;
}

void
pl_window_align_panes_now (PlWindow *self)
{
  PlTranscriptView *leader, *follower;
  GPtrArray *statements;
  guint index;

  g_return_if_fail (PL_IS_WINDOW (self));

  if (!self->align_panes || !gtk_widget_get_visible (self->second_pane) || self->aligning)
    return;

  leader = self->active_view;
  follower = leader == self->transcript_view ? self->second_view : self->transcript_view;
  statements = pl_transcript_view_get_statements (follower);
  index = top_statement_index (leader);
  if (statements == NULL || index == 0 || index > statements->len)
    return;

  self->aligning = TRUE;
  pl_transcript_view_scroll_to_statement (follower, index);
  self->aligning = FALSE;
}

static void
on_pane_scrolled (PlWindow *self)
{
  pl_window_align_panes_now (self);
}

gboolean
pl_window_get_split (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  return gtk_widget_get_visible (self->second_pane);
}

void
pl_window_set_split (PlWindow *self,
                     gboolean  split)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_WINDOW (self));

  if (split == pl_window_get_split (self))
    return;

  gtk_widget_set_visible (self->second_pane, split);
  gtk_widget_set_visible (self->first_header, split);
  if (split)
    {
      /* The second pane starts on the same document; pick another in the sidebar. */
      PlDocument *document = pl_transcript_view_get_document (self->transcript_view);

      if (!pl_transcript_view_set_document (self->second_view, self->project, document, &error))
        pl_window_show_error (self, _("Could Not Open the Document"), error);
      gtk_paned_set_position (self->panes, gtk_widget_get_width (GTK_WIDGET (self->panes)) / 2);
      set_active_view (self, self->second_view);
      gtk_widget_add_css_class (GTK_WIDGET (self->second_view), "active-pane");
      gtk_widget_grab_focus (GTK_WIDGET (pl_transcript_view_get_text_view (self->second_view)));
    }
  else
    {
      pl_transcript_view_set_document (self->second_view, NULL, NULL, NULL);
      gtk_widget_remove_css_class (GTK_WIDGET (self->transcript_view), "active-pane");
      set_active_view (self, self->transcript_view);
    }

  update_title (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
}

PlTranscriptView *
pl_window_get_active_view (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->active_view;
}

PlTranscriptView *
pl_window_get_second_view (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->second_view;
}

void
pl_window_focus_view (PlWindow         *self,
                      PlTranscriptView *view)
{
  g_return_if_fail (PL_IS_WINDOW (self));

  gtk_widget_grab_focus (GTK_WIDGET (pl_transcript_view_get_text_view (view)));
  set_active_view (self, view);
}

static void
on_document_selected (PlWindow           *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  PlDocument *document = gtk_single_selection_get_selected_item (selection);

  if (document != NULL && document != pl_transcript_view_get_document (self->active_view))
    pl_window_open_document (self, document);
}

/* Project */

static void
on_codes_changed (PlWindow  *self,
                  PlProject *project)
{
  update_code_css (self);
}

/* The coder shown in the header, and the menu to switch to another. */
static void
update_coder (PlWindow *self)
{
  g_autoptr(GPtrArray) coders = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->coder_button), self->coder != NULL);
  g_menu_remove_all (self->coders_section);
  if (self->coder == NULL)
    return;

  gtk_label_set_text (self->coder_label, self->coder->name);
  adw_avatar_set_text (self->coder_avatar, self->coder->initials != NULL ? self->coder->initials : self->coder->name);
  tooltip = g_strdup_printf (_("Coding as %s: every annotation you make records this coder"), self->coder->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->coder_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coder_button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  coders = pl_project_list_coders (self->project);
  for (guint i = 0; i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (coder->name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.coder", g_variant_new_string (coder->name));
      g_menu_append_item (self->coders_section, item);
    }
}

const char *
pl_window_get_coder_name (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->coder != NULL ? self->coder->name : NULL;
}

gboolean
pl_window_set_coder (PlWindow    *self,
                     const char  *name,
                     const char  *initials,
                     const char  *color,
                     GError     **error)
{
  PlCoder *coder;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->project == NULL)
    return FALSE;

  coder = pl_project_ensure_coder (self->project, name, error);
  if (coder == NULL)
    return FALSE;
  /* What is not given stays as it was. */
  if ((initials != NULL || color != NULL)
      && !pl_project_update_coder (self->project, coder->id,
                                   initials != NULL ? initials : coder->initials,
                                   color != NULL ? color : coder->color, error))
    return FALSE;

  pl_settings_set_coder_name (self->settings, coder->name);
  if (self->coder != coder)
    {
      g_clear_pointer (&self->coder, pl_coder_unref);
      self->coder = pl_coder_ref (coder);
    }
  update_coder (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER_NAME]);
  return TRUE;
}

static void
on_coder_dialog_done (PlWindow   *self,
                      const char *name,
                      const char *initials,
                      const char *color)
{
  g_autoptr(GError) error = NULL;

  if (!pl_window_set_coder (self, name, initials, color, &error))
    pl_window_show_error (self, _("Could Not Change the Coder"), error);
}

PlCoderDialog *
pl_window_edit_coder (PlWindow *self,
                      gboolean  new_coder)
{
  PlCoderDialog *dialog;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);

  if (new_coder || self->coder == NULL)
    dialog = pl_coder_dialog_new (GTK_WINDOW (self), new_coder ? NULL : g_get_real_name (), NULL, NULL);
  else
    dialog = pl_coder_dialog_new (GTK_WINDOW (self), self->coder->name, self->coder->initials, self->coder->color);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_coder_dialog_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
edit_codebook_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->project == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pl_codebook_editor_new (GTK_WINDOW (self), self->project)));
}

static void
coder_dialog_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pl_window_edit_coder (PL_WINDOW (widget), g_str_equal (action_name, "win.new-coder"));
}

void
pl_window_set_project (PlWindow  *self,
                       PlProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *coder_name = NULL;

  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (project == NULL || PL_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);

  pl_transcript_view_set_document (self->transcript_view, NULL, NULL, NULL);
  pl_transcript_view_set_document (self->second_view, NULL, NULL, NULL);
  self->active_view = self->transcript_view;
  gtk_widget_set_visible (self->second_pane, FALSE);
  gtk_widget_set_visible (self->first_header, FALSE);
  g_set_object (&self->project, project);
  g_clear_pointer (&self->coder, pl_coder_unref);

  gtk_filter_list_model_set_model (self->documents_filtered,
                                   project != NULL ? pl_project_get_documents (project) : NULL);
  pl_tagging_panel_set_project (self->tagging_panel, project);
  pl_code_picker_set_project (self->code_picker, project);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  if (project != NULL)
    {
      g_signal_connect_object (project, "codes-changed", G_CALLBACK (on_codes_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "history-changed", G_CALLBACK (update_history_menu),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "committed", G_CALLBACK (schedule_sync),
                               self, G_CONNECT_SWAPPED);
      update_code_css (self);

      coder_name = pl_settings_dup_coder_name (self->settings);
      self->coder = pl_project_ensure_coder (project, coder_name, &error);
      if (self->coder != NULL)
        pl_coder_ref (self->coder);
      else
        pl_window_show_error (self, _("Could Not Record the Coder"), error);

      if (g_list_model_get_n_items (pl_project_get_documents (project)) > 0)
        {
          g_autoptr(PlDocument) first = g_list_model_get_item (pl_project_get_documents (project), 0);

          pl_window_open_document (self, first);
        }
    }

  update_coder (self);

  update_title (self);
  update_history_menu (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/* Writing a live copy back to the user's file (a no-op when the file is edited in place). */

static void show_conflict (PlWindow *self);

static gboolean
sync_now (PlWindow  *self,
          GError   **error)
{
  g_clear_handle_id (&self->sync_source, g_source_remove);

  if (self->file == NULL || !pl_project_file_get_dirty (self->file)
      || pl_project_file_get_conflict (self->file))
    return TRUE;

  return pl_project_file_sync (self->file, error);
}

static gboolean
on_sync_timeout (gpointer user_data)
{
  PlWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->sync_source = 0;
  if (!sync_now (self, &error))
    {
      if (self->file != NULL && pl_project_file_get_conflict (self->file))
        show_conflict (self);
      else
        pl_window_show_toast (self, error->message);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_sync (PlWindow *self)
{
  if (self->file == NULL || pl_project_file_get_mode (self->file) != PL_PROJECT_FILE_LIVE_COPY)
    return;

  /* Bursts of actions are written back together, shortly after the last one. */
  g_clear_handle_id (&self->sync_source, g_source_remove);
  self->sync_source = g_timeout_add_seconds (2, on_sync_timeout, self);
}

static void
on_conflict_response (PlWindow   *self,
                      const char *response)
{
  g_autoptr(GError) error = NULL;

  if (self->file == NULL || g_strcmp0 (response, "later") == 0)
    return;

  if (!pl_project_file_resolve_conflict (self->file, g_strcmp0 (response, "keep-mine") == 0, &error))
    pl_window_show_error (self, _("Could Not Save the Project"), error);
}

static void
show_conflict (PlWindow *self)
{
  g_autofree char *name = g_filename_display_basename (pl_project_file_get_path (self->file));
  g_autofree char *body = g_strdup_printf (_("“%s” was changed outside Plenary while changes you made here "
                                             "were waiting to be written to it. Keep your version, "
                                             "or replace it with the other one?"), name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Project Changed Outside Plenary"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Decide Later"),
                                    "take-theirs", _("Use the _Other Version"),
                                    "keep-mine", _("_Keep My Version"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "take-theirs",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep-mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep-mine");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_file_project_changed (PlWindow      *self,
                         GParamSpec    *pspec,
                         PlProjectFile *file)
{
  pl_window_set_project (self, pl_project_file_get_project (file));
}

/* Writes back and closes the current file; the changes stay safe in the live copy when
 * this fails, and are written back when the project is next opened. */
static void
close_file (PlWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->sync_source, g_source_remove);
  if (self->file == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->file, self);
  pl_window_set_project (self, NULL);
  if (!pl_project_file_close (self->file, &error))
    g_warning ("Could not write “%s” back: %s", pl_project_file_get_path (self->file), error->message);
  g_clear_object (&self->file);
}

gboolean
pl_window_open_project_path (PlWindow    *self,
                             const char  *path,
                             gboolean     create,
                             GError     **error)
{
  g_autoptr(PlProjectFile) file = NULL;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = pl_project_file_open (path, create ? PL_PROJECT_OPEN_CREATE : PL_PROJECT_OPEN_DEFAULT,
                               pl_project_file_default_mode (), NULL, error);
  if (file == NULL)
    return FALSE;

  close_file (self);
  self->file = g_steal_pointer (&file);
  g_signal_connect_object (self->file, "notify::project", G_CALLBACK (on_file_project_changed),
                           self, G_CONNECT_SWAPPED);
  pl_window_set_project (self, pl_project_file_get_project (self->file));
  pl_settings_set_last_project (self->settings, path);

  if (pl_project_file_get_conflict (self->file))
    show_conflict (self);
  return TRUE;
}

gboolean
pl_window_close_project (PlWindow  *self,
                         GError   **error)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);

  if (!sync_now (self, error))
    return FALSE;
  close_file (self);
  return TRUE;
}

PlProject *
pl_window_get_project (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->project;
}

PlTranscriptView *
pl_window_get_transcript_view (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->transcript_view;
}

PlTaggingPanel *
pl_window_get_tagging_panel (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->tagging_panel;
}

PlCoder *
pl_window_get_coder (PlWindow *self)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  return self->coder;
}

/* Import: files and folders, off the main thread, with progress and a per-file report. */

static void
on_import_progress (guint       done,
                    guint       total,
                    const char *current,
                    gpointer    user_data)
{
  PlWindow *self = user_data;
  g_autofree char *text = NULL;

  if (current != NULL)
    text = g_strdup_printf (_("Importing %u of %u: %s"), MIN (done + 1, total), total, current);
  else
    text = g_strdup_printf (_("Imported %u of %u"), done, total);
  gtk_label_set_text (self->import_label, text);
  gtk_progress_bar_set_fraction (self->import_progress, total > 0 ? (double)done / total : 0);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PlWindow) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) refusals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  PlDocument *first = NULL;
  guint n_imported = 0, n_cancelled = 0;

  self->n_importing--;
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);

  if (self->project == NULL || self->project != PL_PROJECT (source))
    return;

  results = pl_import_batch_run_finish (PL_PROJECT (source), result, &error);
  if (results == NULL)
    {
      pl_window_show_error (self, _("Could Not Import"), error);
      return;
    }

  for (guint i = 0; i < results->len; i++)
    {
      PlImportResult *r = g_ptr_array_index (results, i);

      if (r->imported)
        {
          n_imported++;
          if (first == NULL)
            first = pl_project_find_document (self->project, r->document_id);
        }
      else if (g_error_matches (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        n_cancelled++;
      else
        g_ptr_array_add (refusals, g_strdup (r->error->message));
    }

  if (first != NULL && pl_transcript_view_get_document (self->active_view) == NULL)
    pl_window_open_document (self, first);

  if (refusals->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      GtkWidget *dialog;

      for (guint i = 0; i < refusals->len; i++)
        g_string_append_printf (body, "%s• %s", i > 0 ? "\n" : "", (const char *)g_ptr_array_index (refusals, i));
      if (n_imported > 0)
        g_string_append_printf (body, "\n\n%s",
                                g_dngettext (GETTEXT_PACKAGE, "The other file was imported.",
                                             "The other files were imported.", n_imported));
      dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                       g_dngettext (GETTEXT_PACKAGE, "A File Was Not Imported",
                                                    "Some Files Were Not Imported", refusals->len),
                                       body->str);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  else if (n_imported > 0 || n_cancelled > 0)
    {
      g_autofree char *imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u document",
                                                                "Imported %u documents", n_imported), n_imported);
      g_autofree char *message = n_cancelled > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u file left out (cancelled)",
                                        "%s; %u files left out (cancelled)", n_cancelled), imported, n_cancelled)
        : g_strdup (imported);

      pl_window_show_toast (self, message);
    }

  g_signal_emit (self, signals[IMPORT_FINISHED], 0, n_imported, refusals->len);
}

void
pl_window_import_files (PlWindow  *self,
                        GPtrArray *files)
{
  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  if (self->project == NULL || files->len == 0)
    return;

  g_clear_object (&self->import_cancellable);
  self->import_cancellable = g_cancellable_new ();
  self->n_importing++;
  gtk_label_set_text (self->import_label, _("Preparing the import…"));
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  pl_import_batch_run_async (self->project, files, self->import_cancellable,
                             on_import_progress, self, on_import_done, g_object_ref (self));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  g_cancellable_cancel (PL_WINDOW (widget)->import_cancellable);
}

static void
on_import_response (PlWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) array = NULL;
  guint n;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      n = g_list_model_get_n_items (files);
      array = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      pl_window_import_files (self, array);
    }

  g_clear_object (&self->chooser);
}

static GtkFileChooserNative *
new_chooser (PlWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept)
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  return self->chooser;
}

static void
add_filter (GtkFileChooserNative *chooser,
            const char           *name,
            const char           *const *patterns,
            const char           *mime_type)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  static const char *text_patterns[] = { "*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm",
                                         "*.docx", "*.odt", "*.pdf", NULL };
  static const char *all_patterns[] = { "*", NULL };
  GtkFileChooserNative *chooser;

  chooser = new_chooser (self, _("Import Documents"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  add_filter (chooser, _("Documents (text, Markdown, HTML, Word, OpenDocument, PDF)"), text_patterns, NULL);
  add_filter (chooser, _("All files"), all_patterns, NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = new_chooser (self, _("Import a Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         PlWindow      *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->project == NULL)
    return FALSE;

  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));

  pl_window_import_files (self, files);
  return files->len > 0;
}

/* Export, and REFI-QDA projects in */

static void
on_export_done (PlWindow     *self,
                const GError *error)
{
  if (error == NULL)
    pl_window_show_toast (self, _("Exported"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  PlExportFormat format;
  PlExportDialog *dialog;

  if (self->project == NULL || !pl_export_format_from_string (g_variant_get_string (parameter, NULL), &format))
    return;

  dialog = pl_export_dialog_new (GTK_WINDOW (self), self->project, format,
                                 pl_transcript_view_get_document (self->active_view),
                                 pl_tagging_panel_get_selected_code (self->tagging_panel),
                                 self->coder);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_export_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_refi_imported (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlRefiReport) report = pl_refi_import_finish (PL_PROJECT (source), result, &error);
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (report == NULL)
    {
      pl_window_show_error (self, _("Could Not Import the Project"), error);
      return;
    }

  g_string_append_printf (body, _("%u documents, %u codes, %u coders and %u coded spans were added"),
                          report->n_documents, report->n_codes, report->n_coders, report->n_annotations);
  if (report->origin != NULL)
    g_string_append_printf (body, _(" from %s"), report->origin);
  g_string_append (body, ".");
  for (guint i = 0; i < report->not_imported->len; i++)
    g_string_append_printf (body, "\n• %s", (const char *)g_ptr_array_index (report->not_imported, i));
  for (guint i = 0; i < report->warnings->len; i++)
    g_string_append_printf (body, "\n• %s", (const char *)g_ptr_array_index (report->warnings, i));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Project Imported"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  if (pl_transcript_view_get_document (self->active_view) == NULL
      && g_list_model_get_n_items (pl_project_get_documents (self->project)) > 0)
    {
      g_autoptr(PlDocument) first = g_list_model_get_item (pl_project_get_documents (self->project), 0);

      pl_window_open_document (self, first);
    }
}

static void
on_refi_response (PlWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pl_refi_import_async (self->project, file, NULL, on_refi_imported, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
import_refi_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  static const char *patterns[] = { "*.qdpx", "*.qde", NULL };
  GtkFileChooserNative *chooser;

  chooser = new_chooser (self, _("Import a REFI-QDA Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  add_filter (chooser, _("REFI-QDA projects (ATLAS.ti, NVivo, MAXQDA, QualCoder, Taguette)"), patterns, NULL);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_refi_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Projects */

static void
add_project_filter (GtkFileChooserNative *chooser)
{
  static const char *patterns[] = { "*.plenary", NULL };

  add_filter (chooser, _("Plenary projects"), patterns, "application/x-plenary-project");
}

static void
on_project_response (PlWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  gboolean create = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "create"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      g_clear_object (&self->chooser);
      return;
    }

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  g_clear_object (&self->chooser);

  if (create && path != NULL && !g_str_has_suffix (path, ".plenary"))
    {
      char *with_suffix = g_strconcat (path, ".plenary", NULL);

      g_free (path);
      path = with_suffix;
    }

  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Plenary can only open projects stored as local files."));
      pl_window_show_error (self, _("Could Not Open the Project"), error);
      return;
    }

  if (create && g_file_test (path, G_FILE_TEST_EXISTS) && g_remove (path) != 0)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("“%s” could not be replaced: %s"), name, g_strerror (errno));
      pl_window_show_error (self, _("Could Not Create the Project"), error);
      return;
    }

  if (!pl_window_open_project_path (self, path, create, &error))
    pl_window_show_error (self, create ? _("Could Not Create the Project") : _("Could Not Open the Project"), error);
}

static void
project_chooser (PlWindow   *self,
                 gboolean    create)
{
  GtkFileChooserNative *chooser;

  if (create)
    {
      chooser = new_chooser (self, _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Untitled project.plenary"));
    }
  else
    chooser = new_chooser (self, _("Open Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));

  add_project_filter (chooser);
  g_object_set_data (G_OBJECT (chooser), "create", GINT_TO_POINTER (create));
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_project_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  project_chooser (PL_WINDOW (widget), TRUE);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  project_chooser (PL_WINDOW (widget), FALSE);
}

static void
on_save_copy_response (PlWindow             *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Plenary can only save copies as local files."));
      if (path == NULL || !pl_project_save_copy (self->project, path, &error))
        pl_window_show_error (self, _("Could Not Save the Copy"), error);
      else
        pl_window_show_toast (self, _("Copy saved"));
    }

  g_clear_object (&self->chooser);
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autofree char *title = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;

  if (self->project == NULL)
    return;

  title = pl_project_dup_title (self->project);
  suggested = g_strdup_printf (_("%s (copy).plenary"), title);
  chooser = new_chooser (self, _("Save a Copy"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  add_project_filter (chooser);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_save_copy_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
pl_window_dispose (GObject *object)
{
  PlWindow *self = (PlWindow *)object;

  g_cancellable_cancel (self->import_cancellable);
  pl_window_coding_dispose (self);
  pl_window_statements_dispose (self);
  close_file (self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_WINDOW);
  g_clear_object (&self->documents_selection);
  g_clear_object (&self->documents_filtered);
  g_clear_object (&self->documents_custom_filter);
  g_clear_pointer (&self->documents_query, g_free);
  g_clear_object (&self->chooser);
  g_clear_object (&self->project);
  g_clear_object (&self->file);
  g_clear_pointer (&self->coder, pl_coder_unref);
  if (self->code_css != NULL)
    {
      gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                     GTK_STYLE_PROVIDER (self->code_css));
      g_clear_object (&self->code_css);
    }
  g_clear_object (&self->settings);
  g_clear_object (&self->import_cancellable);

  G_OBJECT_CLASS (pl_window_parent_class)->dispose (object);
}

static void
pl_window_finalize (GObject *object)
{
  PlWindow *self = (PlWindow *)object;

  g_clear_pointer (&self->progress_labels, g_hash_table_unref);

  G_OBJECT_CLASS (pl_window_parent_class)->finalize (object);
}

static void
pl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PlWindow *self = PL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar == NULL || gtk_widget_get_visible (self->sidebar));
      break;

    case PROP_CODER_NAME:
      g_value_set_string (value, pl_window_get_coder_name (self));
      break;

    case PROP_SPLIT:
      g_value_set_boolean (value, self->second_pane != NULL && pl_window_get_split (self));
      break;

    case PROP_ALIGN_PANES:
      g_value_set_boolean (value, self->align_panes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PlWindow *self = PL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar != NULL && gtk_widget_get_visible (self->sidebar) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (self->sidebar, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SPLIT:
      if (self->second_pane != NULL)
        pl_window_set_split (self, g_value_get_boolean (value));
      break;

    case PROP_ALIGN_PANES:
      if (self->align_panes != g_value_get_boolean (value))
        {
          self->align_panes = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          pl_window_align_panes_now (self);
        }
      break;

    case PROP_CODER_NAME:
      if (g_value_get_string (value) != NULL
          && g_strcmp0 (g_value_get_string (value), pl_window_get_coder_name (self)) != 0)
        {
          g_autoptr(GError) error = NULL;

          if (!pl_window_set_coder (self, g_value_get_string (value), NULL, NULL, &error))
            pl_window_show_error (self, _("Could Not Change the Coder"), error);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_window_class_init (PlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_window_dispose;
  object_class->finalize = pl_window_finalize;
  object_class->get_property = pl_window_get_property;
  object_class->set_property = pl_window_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, PL_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The coder recorded on new annotations; "win.coder" switches it. */
  properties[PROP_CODER_NAME] =
    g_param_spec_string ("coder-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPLIT] =
    g_param_spec_boolean ("split", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALIGN_PANES] =
    g_param_spec_boolean ("align-panes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlWindow::import-finished:
   * @n_imported: documents added
   * @n_refused: files refused
   */
  signals[IMPORT_FINISHED] =
    g_signal_new ("import-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  g_type_ensure (PL_TYPE_TRANSCRIPT_VIEW);
  g_type_ensure (PL_TYPE_TAGGING_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, import_label);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, import_progress);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, coder_label);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, coder_avatar);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, coder_button);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, coders_section);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, documents_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, documents_filter);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, transcript_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, second_view);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, second_pane);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, first_header);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, first_title);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, second_title);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, panes);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, tagging_panel);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, history_section);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.import-refi", NULL, import_refi_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  pl_window_coding_class_init (widget_class);
  pl_window_statements_class_init (widget_class);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.coder", "coder-name");
  gtk_widget_class_install_property_action (widget_class, "win.split-view", "split");
  gtk_widget_class_install_property_action (widget_class, "win.align-panes", "align-panes");
  gtk_widget_class_install_action (widget_class, "win.edit-coder", NULL, coder_dialog_action);
  gtk_widget_class_install_action (widget_class, "win.edit-codebook", NULL, edit_codebook_action);
  gtk_widget_class_install_action (widget_class, "win.new-coder", NULL, coder_dialog_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "win.split-view", NULL);
}

static void
pl_window_init (PlWindow *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = pl_settings_new ();
  self->import_cancellable = g_cancellable_new ();

  self->code_css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->code_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_document_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_document_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_document_row), self);
  gtk_list_view_set_factory (self->documents_view, factory);
  g_object_unref (factory);

  self->progress_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->documents_custom_filter = gtk_custom_filter_new (match_document, self, NULL);
  self->documents_filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->documents_custom_filter)));
  g_signal_connect_object (self->documents_filter, "search-changed",
                           G_CALLBACK (on_documents_filter_changed), self, G_CONNECT_SWAPPED);
  self->documents_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->documents_filtered)));
  gtk_single_selection_set_autoselect (self->documents_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->documents_selection, TRUE);
  gtk_list_view_set_model (self->documents_view, GTK_SELECTION_MODEL (self->documents_selection));
  g_signal_connect_object (self->documents_selection, "notify::selected-item",
                           G_CALLBACK (on_document_selected), self, G_CONNECT_SWAPPED);
  self->active_view = self->transcript_view;
  for (guint i = 0; i < 2; i++)
    {
      PlTranscriptView *view = i == 0 ? self->transcript_view : self->second_view;
      GtkEventController *focus = gtk_event_controller_focus_new ();
      GtkAdjustment *vadjustment;

      g_signal_connect_object (view, "index-changed", G_CALLBACK (on_index_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (focus, "enter", G_CALLBACK (on_pane_focus), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (view), focus);
      vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (pl_transcript_view_get_text_view (view)));
      g_signal_connect_object (vadjustment, "value-changed", G_CALLBACK (on_pane_scrolled), self, G_CONNECT_SWAPPED);
    }

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  pl_window_coding_init (self);
  pl_window_statements_init (self);

  pl_settings_bind_window (self->settings, GTK_WINDOW (self));
  pl_settings_bind_paned (self->settings, self->outer_paned, "sidebar-width");
  pl_settings_bind_sidebar (self->settings, G_OBJECT (self), "sidebar-visible");

  pl_window_update_actions (self);
}

PlWindow *
pl_window_new (GtkApplication *application)
{
  return g_object_new (PL_TYPE_WINDOW, "application", application, NULL);
}
