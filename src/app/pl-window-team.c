/* pl-window-team.c — research teams in the window: blind mode, Export My Coding, Merge
 * Coding, the team folder, Agreement… and Compare Coders…
 *
 * Blind mode is a coder filter the views apply: the panes show the coders of
 * pl_project_dup_visible_coders() only, and the counts of the panel and the sidebar are
 * the coder's (pl_project_count_coder_annotations()).  Nothing is hidden in the project:
 * exports and agreement see every coder.  The filter follows the project, the coder and the
 * setting, so switching coder shows that coder's work alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-team"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-agreement-window.h"
#include "pl-compat.h"
#include "pl-comparison-window.h"
#include "pl-document-row.h"
#include "pl-file-chooser.h"
#include "pl-merge-dialog.h"
#include "pl-project-team.h"
#include "pl-window-private.h"

/* The window's width from which the header spells "Blind" out beside its icon. */
#define BLIND_LABEL_MIN_WIDTH 1100

static const char *coding_patterns[] = { "*" PL_CODING_FILE_EXTENSION, "*" PL_TEAM_CHANGES_EXTENSION, NULL };

/* Blind mode */

static void
refresh_rows (PlWindow *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->document_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    pl_document_row_refresh (row);
}

/* The coder's counts, per code and per document, while blind. */
static void
recount (PlWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->blind_code_counts, g_hash_table_unref);
  g_clear_pointer (&self->blind_document_counts, g_hash_table_unref);
  if (self->visible_coders != NULL)
    {
      gint64 coder_id = g_array_index (self->visible_coders, gint64, 0);

      self->blind_code_counts = pl_project_count_coder_annotations (self->project, coder_id, PL_COUNT_BY_CODE, &error);
      if (self->blind_code_counts != NULL)
        self->blind_document_counts = pl_project_count_coder_annotations (self->project, coder_id,
                                                                          PL_COUNT_BY_DOCUMENT, &error);
      if (error != NULL)
        g_debug ("Could not count the coder's annotations: %s", error->message);
    }
  pl_tagging_panel_set_project_counts (self->tagging_panel, self->blind_code_counts);
  refresh_rows (self);
}

static void
update_blind_button (PlWindow *self)
{
  gboolean blind = self->visible_coders != NULL;
  const char *label = blind ? _("Blind mode is on: you see only your own annotations and counts")
                            : _("Blind mode is off: you see every coder’s annotations");
  int width, height;

  gtk_widget_set_visible (self->blind_button, self->project != NULL);
  /* A narrow header keeps its room for the coder's name: the icon says it alone. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_widget_set_visible (self->blind_label, blind && (width >= BLIND_LABEL_MIN_WIDTH
                                                       || gtk_window_is_maximized (GTK_WINDOW (self))));
  gtk_widget_set_tooltip_text (self->blind_button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->blind_button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* The window's size changes while it is laid out: the header follows after that frame. */
static gboolean
update_blind_button_later (gpointer user_data)
{
  PlWindow *self = user_data;

  self->blind_button_source = 0;
  update_blind_button (self);
  return G_SOURCE_REMOVE;
}

static void
on_size_changed (PlWindow *self)
{
  if (self->blind_button_source == 0)
    self->blind_button_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_blind_button_later,
                                                 self, NULL);
}

/* Follows the project's setting and the coder: the panes, the counts, the header; with
 * @force (another project), even when the coder filter is the same. */
static void
apply_blind (PlWindow *self,
             gboolean  force)
{
  g_autoptr(GArray) coders = NULL;
  gboolean was_blind = self->visible_coders != NULL;

  if (self->project != NULL && self->coder != NULL)
    coders = pl_project_dup_visible_coders (self->project, self->coder->id);

  if (!force && (coders == NULL) == (self->visible_coders == NULL)
      && (coders == NULL || g_array_index (coders, gint64, 0) == g_array_index (self->visible_coders, gint64, 0)))
    {
      update_blind_button (self);
      return;
    }

  g_clear_pointer (&self->visible_coders, g_array_unref);
  self->visible_coders = g_steal_pointer (&coders);
  pl_transcript_view_set_coders (self->transcript_view, self->visible_coders);
  pl_transcript_view_set_coders (self->second_view, self->visible_coders);
  recount (self);
  update_blind_button (self);
  if (was_blind != (self->visible_coders != NULL))
    pl_window_notify_blind_mode (self);
}

static void
update_blind (PlWindow *self)
{
  apply_blind (self, FALSE);
}

gboolean
pl_window_team_get_blind (PlWindow *self)
{
  return self->visible_coders != NULL;
}

void
pl_window_team_set_blind (PlWindow *self,
                          gboolean  blind)
{
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || pl_window_team_get_blind (self) == !!blind)
    return;
  if (!pl_project_set_blind (self->project, blind, &error))
    {
      pl_window_show_error (self, _("Could Not Change Blind Mode"), error);
      return;
    }
  update_blind (self);
  pl_window_show_toast (self, blind ? _("Blind mode: only your own annotations are shown")
                                    : _("Every coder’s annotations are shown"));
}

guint
pl_window_team_count_annotations (PlWindow   *self,
                                  PlDocument *document)
{
  if (self->blind_document_counts == NULL)
    return 0;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->blind_document_counts,
                                                &(gint64) { pl_document_get_id (document) }));
}

/* The statements that at least one of @annotations (in order of start) touches: statements
 * are in order and do not overlap, so one pass keeping the furthest end seen. */
static guint
count_coded_statements (GPtrArray *statements,
                        GPtrArray *annotations)
{
  guint coded = 0, next = 0, max_end = 0;
  gboolean any = FALSE;

  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);

      while (next < annotations->len
             && ((PlAnnotation *) g_ptr_array_index (annotations, next))->start < statement->end)
        {
          max_end = MAX (max_end, ((PlAnnotation *) g_ptr_array_index (annotations, next))->end);
          any = TRUE;
          next++;
        }
      if (statement->kind == PL_STATEMENT_KIND_STATEMENT && any && max_end > statement->start)
        coded++;
    }
  return coded;
}

guint
pl_window_team_count_coded (PlWindow   *self,
                            PlDocument *document)
{
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  gint64 coder_id;

  if (self->visible_coders == NULL || pl_window_team_count_annotations (self, document) == 0)
    return 0;

  coder_id = g_array_index (self->visible_coders, gint64, 0);
  statements = pl_project_list_statements (self->project, pl_document_get_id (document), NULL);
  annotations = pl_project_list_annotations (self->project, pl_document_get_id (document), NULL);
  if (statements == NULL || annotations == NULL)
    return 0;
  for (guint i = 0; i < annotations->len; i++)
    if (((PlAnnotation *) g_ptr_array_index (annotations, i))->coder_id == coder_id)
      g_ptr_array_add (shown, g_ptr_array_index (annotations, i));
  return count_coded_statements (statements, shown);
}

static void
on_committed (PlWindow *self)
{
  if (self->visible_coders != NULL)
    recount (self);
}

/* A merge or a sync re-reads the project's lists and emits "codes-changed": the panes
 * read their annotations again. */
static void
on_codes_changed (PlWindow *self)
{
  for (guint i = 0; i < 2; i++)
    {
      PlTranscriptView *view = i == 0 ? self->transcript_view : self->second_view;

      pl_transcript_view_reload_annotations (view);
    }
}

/* Export My Coding */

static void
on_export_coding_response (PlWindow             *self,
                           int                   response,
                           GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || self->project == NULL || self->coder == NULL)
    return;

  if (!pl_project_export_coding (self->project, self->coder->id, file, &error))
    {
      pl_window_show_error (self, _("Could Not Export Your Coding"), error);
      return;
    }
  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Your coding is in “%s”: send it to whoever merges"), name);
  pl_window_show_toast (self, message);
}

static void
export_coding_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;

  if (self->project == NULL || self->coder == NULL)
    return;

  /* TRANSLATORS: the file name Export My Coding suggests; %s is the coder's name. */
  suggested = g_strdup_printf (_("%s’s coding%s"), self->coder->name, PL_CODING_FILE_EXTENSION);
  chooser = pl_window_new_chooser (self, _("Export My Coding"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  pl_file_chooser_add_filter (chooser, _("Plenary coding files"), coding_patterns, NULL);
  pl_file_chooser_show (chooser, G_CALLBACK (on_export_coding_response), self);
}

/* Merge Coding */

static void
on_merged (PlWindow   *self,
           const char *message)
{
  pl_window_show_undo_toast (self, message, 8);
}

PlMergeDialog *
pl_window_merge_coding (PlWindow           *self,
                        const char * const *paths)
{
  PlMergeDialog *dialog;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->project != NULL, NULL);

  dialog = pl_merge_dialog_new (GTK_WINDOW (self), self->project, paths);
  g_signal_connect_object (dialog, "merged", G_CALLBACK (on_merged), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_merge_coding_response (PlWindow             *self,
                          int                   response,
                          GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (files == NULL || self->project == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_strv_builder_add (builder, path);
    }
  paths = g_strv_builder_end (builder);
  if (paths[0] != NULL)
    pl_window_merge_coding (self, (const char * const *) paths);
}

static void
merge_coding_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->project == NULL)
    return;

  chooser = pl_window_new_chooser (self, _("Merge Coding"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  pl_file_chooser_add_filter (chooser, _("Plenary coding files"), coding_patterns, NULL);
  pl_file_chooser_show (chooser, G_CALLBACK (on_merge_coding_response), self);
}

/* The team folder */

static void
on_report_response (PlWindow   *self,
                    const char *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "stop") != 0 || self->project == NULL)
    return;
  if (!pl_project_set_team_folder (self->project, NULL, &error))
    pl_window_show_error (self, _("Could Not Change the Team Folder"), error);
  else
    pl_window_show_toast (self, _("The project no longer syncs with a team folder"));
  pl_window_update_actions (self);
}

static char *
describe_sync (const PlTeamSyncReport *report)
{
  g_autofree char *file = g_path_get_basename (report->file);

  /* TRANSLATORS: a team folder sync: changes written to the coder's own file (named), the
   * other coders' files read, and the annotations merged from them. */
  return g_strdup_printf (_("%'u of your changes written to “%s”. %'u other coders’ files read: %'u annotations "
                            "added, %'u changed, %'u removed."),
                          report->n_written, file, report->n_files, report->n_added, report->n_changed,
                          report->n_removed);
}

static void
show_team_report_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *folder = NULL;
  GtkWidget *dialog;

  if (self->team_report == NULL || self->project == NULL)
    return;

  folder = pl_project_dup_team_folder (self->project);
  summary = describe_sync (self->team_report);
  body = folder != NULL ? g_strdup_printf ("%s\n\n%s", summary, folder) : g_strdup (summary);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Team Folder Synced"), body);
  if (self->team_report->messages->len > 0)
    {
      g_autoptr(GString) text = g_string_new (_("Not read yet (read again at the next sync):"));
      GtkWidget *label;

      for (guint i = 0; i < self->team_report->messages->len; i++)
        g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (self->team_report->messages, i));
      label = gtk_label_new (text->str);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
    }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "stop", _("_Stop Syncing"),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_report_response), self, G_CONNECT_SWAPPED);
  pl_accessible_tidy (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Syncs now; the report in a dialog (@show_report), else in a toast that leads to it. */
static void
team_sync (PlWindow *self,
           gboolean  show_report)
{
  g_autoptr(GError) error = NULL;
  PlTeamSyncReport *report;

  if (self->project == NULL || self->coder == NULL)
    return;

  report = pl_project_team_sync (self->project, self->coder->id, &error);
  if (report == NULL)
    {
      pl_window_show_error (self, _("Could Not Sync the Team Folder"), error);
      return;
    }
  g_clear_pointer (&self->team_report, pl_team_sync_report_free);
  self->team_report = report;

  if (show_report)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.team-report", NULL);
  else if (report->n_added + report->n_changed + report->n_removed > 0 || report->messages->len > 0)
    {
      g_autofree char *message = NULL;
      AdwToast *toast;

      message = g_strdup_printf (_("Team folder: %'u annotations merged from other coders"),
                                 report->n_added + report->n_changed + report->n_removed);
      toast = adw_toast_new (message);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.team-report");
      pl_window_add_toast (self, toast);
    }
}

static void
team_sync_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  team_sync (PL_WINDOW (widget), TRUE);
}

static void
on_team_folder_response (PlWindow             *self,
                         int                   response,
                         GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (folder == NULL || self->project == NULL)
    return;

  path = g_file_get_path (folder);
  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("The team folder must be a folder on this computer (one your sync tool keeps)."));
  if (path == NULL || !pl_project_set_team_folder (self->project, path, &error))
    {
      pl_window_show_error (self, _("Could Not Use That Folder"), error);
      return;
    }
  pl_window_update_actions (self);
  team_sync (self, TRUE);
}

static void
team_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *current = NULL;

  if (self->project == NULL)
    return;

  chooser = pl_window_new_chooser (self, _("Team Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Use"));
  current = pl_project_dup_team_folder (self->project);
  if (current != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), file, NULL);
    }
  pl_file_chooser_show (chooser, G_CALLBACK (on_team_folder_response), self);
}

/* Opening a project merges what the others wrote since; after the window shows it. */
static gboolean
on_sync_on_open (gpointer user_data)
{
  PlWindow *self = user_data;
  g_autofree char *folder = NULL;

  self->team_sync_source = 0;
  if (self->project != NULL)
    folder = pl_project_dup_team_folder (self->project);
  if (folder != NULL)
    team_sync (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Agreement and comparison */

static void
agreement_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->project == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pl_agreement_window_new (GTK_WINDOW (self), self->project)));
}

static void
open_comparison (PlWindow *self)
{
  PlDocument *document = pl_transcript_view_get_document (self->active_view);

  if (self->project == NULL || document == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pl_comparison_window_new (GTK_WINDOW (self), self->project, document,
                                                            self->coder != NULL ? self->coder->id : 0)));
}

static void
on_blind_compare_response (PlWindow   *self,
                           const char *response)
{
  if (g_strcmp0 (response, "compare") != 0)
    return;
  pl_window_team_set_blind (self, FALSE);
  open_comparison (self);
}

/* Comparing shows the other coder's work: in blind mode, only when the coder says so. */
static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkWidget *dialog;

  if (!pl_window_team_get_blind (self))
    {
      open_comparison (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Turn Blind Mode Off?"),
                                   _("Comparing shows both coders’ annotations. Blind mode stays off "
                                     "for this project until you turn it on again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "compare", _("Turn Off and _Compare"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "compare", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_blind_compare_response), self, G_CONNECT_SWAPPED);
  pl_accessible_tidy (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The window */

/* The team's windows on the project the window leaves close with it (a comparison opened
 * from the agreement window closes with that one: "destroy-with-parent"). */
static void
close_team_windows (PlWindow *self)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (GList *l = toplevels; l != NULL; l = l->next)
    if ((PL_IS_AGREEMENT_WINDOW (l->data) || PL_IS_COMPARISON_WINDOW (l->data) || PL_IS_MERGE_DIALOG (l->data))
        && gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      g_ptr_array_add (windows, g_object_ref (l->data));
  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (windows, i));
}

static void
on_project_changed (PlWindow *self)
{
  close_team_windows (self);
  g_clear_handle_id (&self->team_sync_source, g_source_remove);
  g_clear_handle_id (&self->blind_button_source, g_source_remove);
  g_clear_pointer (&self->team_report, pl_team_sync_report_free);
  if (self->project != NULL)
    {
      /* The window disconnects everything it connected to the project it leaves. */
      g_signal_connect_object (self->project, "committed", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->project, "codes-changed", G_CALLBACK (on_codes_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->project, "reloaded", G_CALLBACK (update_blind), self, G_CONNECT_SWAPPED);
      self->team_sync_source = g_idle_add (on_sync_on_open, self);
    }
  apply_blind (self, TRUE);
}

void
pl_window_team_update_actions (PlWindow *self,
                               gboolean  has_project,
                               gboolean  has_document)
{
  g_autofree char *folder = has_project ? pl_project_dup_team_folder (self->project) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-coding", has_project && self->coder != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.merge-coding", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.team-folder", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.team-sync", folder != NULL && self->coder != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.agreement", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.compare-coders", has_document);
}

void
pl_window_team_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-coding", NULL, export_coding_action);
  gtk_widget_class_install_action (widget_class, "win.merge-coding", NULL, merge_coding_action);
  gtk_widget_class_install_action (widget_class, "win.team-folder", NULL, team_folder_action);
  gtk_widget_class_install_action (widget_class, "win.team-sync", NULL, team_sync_action);
  gtk_widget_class_install_action (widget_class, "win.team-report", NULL, show_team_report_action);
  gtk_widget_class_install_action (widget_class, "win.agreement", NULL, agreement_action);
  gtk_widget_class_install_action (widget_class, "win.compare-coders", NULL, compare_action);
}

void
pl_window_team_init (PlWindow *self)
{
  g_signal_connect_object (self, "notify::project", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::coder-name", G_CALLBACK (update_blind), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (on_size_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::maximized", G_CALLBACK (on_size_changed), self, G_CONNECT_SWAPPED);
  update_blind_button (self);
}

void
pl_window_team_dispose (PlWindow *self)
{
  g_clear_handle_id (&self->team_sync_source, g_source_remove);
  g_clear_handle_id (&self->blind_button_source, g_source_remove);
  g_clear_pointer (&self->team_report, pl_team_sync_report_free);
  g_clear_pointer (&self->visible_coders, g_array_unref);
  g_clear_pointer (&self->blind_code_counts, g_hash_table_unref);
  g_clear_pointer (&self->blind_document_counts, g_hash_table_unref);
}
