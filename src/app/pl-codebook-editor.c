/* pl-codebook-editor.c — the codebook editor: the code tree, a code's form, merge, split,
 * delete, import, export and the change log
 *
 * Every edit is one call of pl-codebook-edit.h (one undoable, logged action); the project
 * reloads its codes after each, and the editor keeps the selected code by its id.  The
 * tree is in pl-codebook-editor-tree.c, the form in pl-codebook-editor-form.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-editor-private.h"
#include "pl-codebook-import-dialog.h"
#include "pl-codebook-split-dialog.h"
#include "pl-codebook.h"
#include "pl-compat.h"
#include "pl-file-chooser.h"
#include "pl-starter-names.h"
#include "pl-window.h"

G_DEFINE_FINAL_TYPE (PlCodebookEditor, pl_codebook_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_LOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void fill_log (PlCodebookEditor *self);

/* Messages */

void
pl_codebook_editor_show_toast (PlCodebookEditor *self,
                               const char       *message,
                               gboolean          with_undo)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (self->toast_overlay == NULL)
    return;
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "editor.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

gboolean
pl_codebook_editor_report (PlCodebookEditor *self,
                           gboolean          ok,
                           const GError     *error)
{
  if (!ok && error != NULL)
    pl_codebook_editor_show_toast (self, error->message, FALSE);
  return ok;
}

/* Codes */

PlCode *
pl_codebook_editor_find_code (PlCodebookEditor *self,
                              gint64            id)
{
  return self->project != NULL && id != 0 ? pl_project_find_code (self->project, id) : NULL;
}

static PlCode *
find_by_guid (PlCodebookEditor *self,
              const char       *guid)
{
  GListModel *codes = pl_project_get_codes (self->project);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (g_strcmp0 (pl_code_get_guid (code), guid) == 0)
        return code;
    }
  return NULL;
}

static void
on_codes_changed (PlCodebookEditor *self)
{
  pl_codebook_editor_select_id (self, pl_codebook_editor_find_code (self, self->current_id) != NULL ? self->current_id : 0);
  if (self->show_log)
    fill_log (self);
}

static void
on_history_changed (PlCodebookEditor *self)
{
  pl_codebook_editor_update_actions (self);
  if (self->show_log)
    fill_log (self);
}

void
pl_codebook_editor_update_title (PlCodebookEditor *self)
{
  g_autofree char *subtitle = NULL;
  guint n = self->project != NULL ? g_list_model_get_n_items (pl_project_get_codes (self->project)) : 0;

  if (self->project != NULL)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Version %u · %u code", "Version %u · %u codes", n),
                                pl_codebook_get_version (self->codebook), n);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

void
pl_codebook_editor_update_actions (PlCodebookEditor *self)
{
  static const char *moves[] = { "editor.move-up", "editor.move-down", "editor.move-in", "editor.move-out" };
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_code = pl_codebook_editor_get_selected (self) != NULL;
  gboolean has_project = self->project != NULL;
  guint n = has_project ? g_list_model_get_n_items (pl_project_get_codes (self->project)) : 0;

  gtk_widget_action_set_enabled (widget, "editor.add-code", has_project);
  gtk_widget_action_set_enabled (widget, "editor.add-child", has_code);
  gtk_widget_action_set_enabled (widget, "editor.split", has_code);
  gtk_widget_action_set_enabled (widget, "editor.delete", has_code);
  gtk_widget_action_set_enabled (widget, "editor.merge", has_code && n > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), has_code && n > 1);
  gtk_widget_action_set_enabled (widget, "editor.undo", has_project && pl_project_can_undo (self->project));
  gtk_widget_action_set_enabled (widget, "editor.redo", has_project && pl_project_can_redo (self->project));
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    gtk_widget_action_set_enabled (widget, moves[i], has_code);
  gtk_widget_action_set_enabled (widget, "editor.export", has_project);
  gtk_widget_action_set_enabled (widget, "editor.import", has_project);

  if (has_project)
    {
      g_autofree char *undo = pl_project_dup_undo_label (self->project);
      g_autofree char *redo = pl_project_dup_redo_label (self->project);
      g_autofree char *undo_tip = undo != NULL ? g_strdup_printf (_("Undo “%s” (Ctrl+Z)"), undo) : g_strdup (_("Undo (Ctrl+Z)"));
      g_autofree char *redo_tip = redo != NULL ? g_strdup_printf (_("Redo “%s” (Ctrl+Shift+Z)"), redo) : g_strdup (_("Redo (Ctrl+Shift+Z)"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip);
    }
}

/* Actions */

static PlCode *
require_code (PlCodebookEditor *self)
{
  PlCode *code = pl_codebook_editor_get_selected (self);

  if (code == NULL)
    pl_codebook_editor_show_toast (self, _("Select a code first."), FALSE);
  return code;
}

/* "New code", "New code 2", … : a name no sibling has. */
static char *
unique_name (PlCodebookEditor *self,
             gint64            parent_id)
{
  g_autoptr(GPtrArray) siblings = pl_codebook_editor_children_of (self, parent_id, 0);

  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (_("New code")) : g_strdup_printf (_("New code %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; i < siblings->len && !taken; i++)
        taken = g_utf8_collate (pl_code_get_name (g_ptr_array_index (siblings, i)), name) == 0;
      if (!taken)
        return g_steal_pointer (&name);
    }
}

static void
add_code (PlCodebookEditor *self,
          gboolean          child)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PlCode *selected = pl_codebook_editor_get_selected (self);
  PlCodeSpec spec = { .codable = TRUE };
  int position = -1;
  PlCode *code;

  if (child)
    spec.parent_id = pl_code_get_id (selected);
  else if (selected != NULL)
    {
      g_autoptr(GPtrArray) siblings = pl_codebook_editor_children_of (self, pl_code_get_parent_id (selected), 0);

      spec.parent_id = pl_code_get_parent_id (selected);
      for (guint i = 0; i < siblings->len; i++)
        if (g_ptr_array_index (siblings, i) == selected)
          position = i + 1;
    }

  name = unique_name (self, spec.parent_id);
  spec.name = name;
  code = pl_codebook_add_code (self->codebook, &spec, position, &error);
  if (!pl_codebook_editor_report (self, code != NULL, error))
    return;

  pl_codebook_editor_select_id (self, pl_code_get_id (code));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/* editor.add-code adds after the selected code (or at the top level), editor.add-child
 * under it. */
static void
add_code_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  gboolean child = g_str_equal (action_name, "editor.add-child");

  if (!child || require_code (self) != NULL)
    add_code (self, child);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  PlCode *code = find_by_guid (self, g_variant_get_string (parameter, NULL));

  pl_codebook_editor_select_id (self, code != NULL ? pl_code_get_id (code) : 0);
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const struct
  {
    const char      *action;
    PlCodebookChange change;
    PlCodebookField  field;
  } changes[] = {
    { "editor.rename", PL_CODEBOOK_CHANGE_NAME, 0 },
    { "editor.set-short-id", PL_CODEBOOK_CHANGE_SHORT_ID, 0 },
    { "editor.set-shortcut", PL_CODEBOOK_CHANGE_SHORTCUT, 0 },
    { "editor.set-color", PL_CODEBOOK_CHANGE_COLOR, 0 },
    { "editor.set-definition", PL_CODEBOOK_CHANGE_TEXT, PL_CODEBOOK_FIELD_DEFINITION },
    { "editor.set-inclusion", PL_CODEBOOK_CHANGE_TEXT, PL_CODEBOOK_FIELD_INCLUSION },
    { "editor.set-exclusion", PL_CODEBOOK_CHANGE_TEXT, PL_CODEBOOK_FIELD_EXCLUSION },
    { "editor.set-example", PL_CODEBOOK_CHANGE_TEXT, PL_CODEBOOK_FIELD_EXAMPLE },
  };
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  PlCode *code = require_code (self);

  if (code == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    if (g_str_equal (changes[i].action, action_name))
      pl_codebook_editor_apply_change (self, pl_code_get_id (code), changes[i].change, changes[i].field,
                                       g_variant_get_string (parameter, NULL));
}

static void
set_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  PlCode *code = require_code (self);

  if (code != NULL)
    pl_codebook_editor_report (self, pl_codebook_set_codable (self->codebook, pl_code_get_id (code),
                                           !g_variant_get_boolean (parameter), &error), error);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  PlCode *code = require_code (self);
  PlCodebookStep step;

  if (code == NULL)
    return;
  if (g_str_equal (action_name, "editor.move-up"))
    step = PL_CODEBOOK_STEP_UP;
  else if (g_str_equal (action_name, "editor.move-down"))
    step = PL_CODEBOOK_STEP_DOWN;
  else if (g_str_equal (action_name, "editor.move-in"))
    step = PL_CODEBOOK_STEP_IN;
  else
    step = PL_CODEBOOK_STEP_OUT;
  pl_codebook_editor_report (self, pl_codebook_step (self->codebook, pl_code_get_id (code), step, &error), error);
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static void
move_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 code_id, parent_id;
  int position;

  g_variant_get (parameter, "(xxi)", &code_id, &parent_id, &position);
  if (pl_codebook_editor_report (self, pl_codebook_move (self->codebook, code_id, parent_id, position, &error), error))
    pl_codebook_editor_select_id (self, code_id);
}

static void
merge_into (PlCodebookEditor *self,
            PlCode           *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *source_name = NULL;
  PlCode *source = require_code (self);
  gint64 target_id;
  guint moved = 0, collapsed = 0;

  if (source == NULL || target == NULL)
    return;
  source_name = g_strdup (pl_code_get_display_name (source));
  target_id = pl_code_get_id (target);
  if (!pl_codebook_editor_report (self, pl_codebook_merge (self->codebook, pl_code_get_id (source), target_id,
                                        &moved, &collapsed, &error), error))
    return;

  if (collapsed > 0)
    message = g_strdup_printf (_("Merged “%s” into “%s”: %u annotations moved, %u duplicates kept as one"),
                               source_name, pl_code_get_display_name (pl_codebook_editor_find_code (self, target_id)), moved, collapsed);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merged “%s” into “%s”: %u annotation moved",
                                            "Merged “%s” into “%s”: %u annotations moved", moved),
                               source_name, pl_code_get_display_name (pl_codebook_editor_find_code (self, target_id)), moved);
  pl_codebook_editor_show_toast (self, message, TRUE);
  pl_codebook_editor_select_id (self, target_id);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  PlCode *target = find_by_guid (self, g_variant_get_string (parameter, NULL));

  gtk_popover_popdown (GTK_POPOVER (self->merge_popover));
  if (target == NULL)
    {
      pl_codebook_editor_show_toast (self, _("There is no such code to merge into."), FALSE);
      return;
    }
  merge_into (self, target);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean undo = g_str_equal (action_name, "editor.undo");
  g_autofree char *label = undo ? pl_project_dup_undo_label (self->project) : pl_project_dup_redo_label (self->project);
  gboolean ok = undo ? pl_project_undo (self->project, &error) : pl_project_redo (self->project, &error);

  if (pl_codebook_editor_report (self, ok || error == NULL, error) && ok && label != NULL)
    {
      g_autofree char *message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);

      pl_codebook_editor_show_toast (self, message, FALSE);
    }
}

/* Delete */

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PlCodebookEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 code_id = self->delete_id;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  PlCode *code = pl_codebook_editor_find_code (self, code_id);
  gint64 next = 0;
  guint n = 0;

  if (!g_str_equal (response, "delete") || code == NULL)
    return;

  /* Afterwards the selection goes to the code after it, else the one before. */
  {
    g_autoptr(GPtrArray) siblings = pl_codebook_editor_children_of (self, pl_code_get_parent_id (code), 0);

    for (guint i = 0; i < siblings->len; i++)
      if (g_ptr_array_index (siblings, i) == code)
        {
          PlCode *neighbour = i + 1 < siblings->len ? g_ptr_array_index (siblings, i + 1)
                            : i > 0 ? g_ptr_array_index (siblings, i - 1) : NULL;

          next = neighbour != NULL ? pl_code_get_id (neighbour) : pl_code_get_parent_id (code);
        }
  }

  name = g_strdup (pl_code_get_display_name (code));
  if (!pl_codebook_editor_report (self, pl_codebook_delete (self->codebook, code_id, &n, &error), error))
    return;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted “%s” and %u annotation",
                                          "Deleted “%s” and %u annotations", n), name, n);
  pl_codebook_editor_show_toast (self, message, TRUE);
  pl_codebook_editor_select_id (self, next);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  PlCode *code = require_code (self);
  g_autofree char *heading = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_codes, n_annotations;

  if (code == NULL)
    return;

  n_codes = pl_codebook_count_codes (self->codebook, pl_code_get_id (code));
  n_annotations = pl_codebook_count_annotations (self->codebook, pl_code_get_id (code));
  heading = g_strdup_printf (_("Delete “%s”?"), pl_code_get_display_name (code));
  annotations = n_annotations > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation will be deleted with it.",
                                    "%u annotations will be deleted with it.", n_annotations), n_annotations)
    : g_strdup (_("No annotation uses it."));
  if (n_codes > 1)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Its %u sub-code goes too. %s You can undo this.",
                                         "Its %u sub-codes go too. %s You can undo this.", n_codes - 1),
                            n_codes - 1, annotations);
  else
    body = g_strdup_printf (_("%s You can undo this."), annotations);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  self->delete_id = pl_code_get_id (code);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Split */

static void
on_split_applied (PlCodebookEditor *self,
                  gint64            code_id,
                  const char       *name)
{
  g_autofree char *message = g_strdup_printf (_("Split “%s”"), name);

  pl_codebook_editor_show_toast (self, message, TRUE);
  pl_codebook_editor_select_id (self, code_id);
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  PlCode *code = require_code (self);
  PlCodebookSplitDialog *dialog;

  if (code == NULL)
    return;
  if (self->split_window != NULL)
    {
      gtk_window_present (self->split_window);
      return;
    }

  dialog = pl_codebook_split_dialog_new (GTK_WINDOW (self), self->codebook, code, &error);
  if (dialog == NULL)
    {
      pl_codebook_editor_report (self, FALSE, error);
      return;
    }
  g_signal_connect_object (dialog, "applied", G_CALLBACK (on_split_applied), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->split_window, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Merge */

static void
on_merge_chosen (PlCodebookEditor *self,
                 PlCode           *target)
{
  pl_widget_activate_action (GTK_WIDGET (self), "editor.merge", "s", pl_code_get_guid (target));
}

/* The change log */

static void
fill_log (PlCodebookEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->log_list))) != NULL)
    gtk_list_box_remove (self->log_list, child);
  if (self->project == NULL)
    return;

  log = pl_codebook_list_log (self->codebook, &error);
  if (log == NULL)
    {
      pl_codebook_editor_show_toast (self, error->message, FALSE);
      return;
    }

  summary = g_strdup_printf (_("The codebook is at version %u. A merge, split, deletion, move to another "
                               "parent or change to a folder starts a new version; every annotation "
                               "records the version it was made under."),
                             pl_codebook_get_version (self->codebook));
  gtk_label_set_text (self->log_summary, summary);

  for (guint i = log->len; i > 0; i--)
    {
      PlCodebookLogEntry *entry = g_ptr_array_index (log, i - 1);
      g_autofree char *subtitle = NULL;
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (entry->created, NULL);
      g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_local (when) : NULL;
      g_autofree char *date = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (entry->created);
      GtkWidget *row = adw_action_row_new ();

      if (entry->coder != NULL)
        subtitle = g_strdup_printf (_("Version %u · %s · %s"), entry->version, date, entry->coder);
      else
        subtitle = g_strdup_printf (_("Version %u · %s"), entry->version, date);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->summary);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (self->log_list, row);
    }

  if (log->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes yet"));
      gtk_list_box_append (self->log_list, row);
    }
}

static void
set_show_log (PlCodebookEditor *self,
              gboolean          show)
{
  if (self->show_log == !!show)
    return;
  self->show_log = !!show;
  if (show)
    fill_log (self);
  pl_codebook_editor_update_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LOG]);
}

/* Import and export */

static void
on_import_response (PlCodebookImportDialog *dialog,
                    const char             *response,
                    PlCodebookEditor       *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "apply"))
    return;
  if (pl_codebook_editor_report (self, pl_codebook_import_dialog_apply (dialog, &error), error))
    pl_codebook_editor_show_toast (self, _("Codebook imported"), TRUE);
}

void
pl_codebook_editor_import_file (PlCodebookEditor *self,
                                GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCodebookImportPlan) plan = NULL;
  g_autofree char *name = NULL;
  PlCodebookImportDialog *dialog;

  g_return_if_fail (PL_IS_CODEBOOK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  plan = pl_codebook_import_plan (self->codebook, file, NULL, &error);
  if (!pl_codebook_editor_report (self, plan != NULL, error))
    return;

  name = g_file_get_basename (file);
  if (pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW) + pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED) == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Nothing to import: the codebook already has every code of “%s”."), name);

      pl_codebook_editor_show_toast (self, message, FALSE);
      return;
    }

  dialog = pl_codebook_import_dialog_new (GTK_WINDOW (self), g_steal_pointer (&plan), name);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response), self, 0);
  g_set_weak_pointer (&self->dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
pl_codebook_editor_export_file (PlCodebookEditor *self,
                                PlCodebookFormat  format,
                                GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!pl_codebook_editor_report (self, pl_codebook_export (self->project, format, file, NULL, &error), error))
    return FALSE;
  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Codebook exported to “%s”"), name);
  pl_codebook_editor_show_toast (self, message, FALSE);
  return TRUE;
}

/* The chosen file, or NULL; the chooser is done either way. */
static GFile *
take_chosen_file (PlCodebookEditor *self,
                  int               response)
{
  GFile *file = response == GTK_RESPONSE_ACCEPT ? gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser)) : NULL;

  g_clear_object (&self->chooser);
  return file;
}

static void
on_import_chosen (PlCodebookEditor *self,
                  int               response)
{
  g_autoptr(GFile) file = take_chosen_file (self, response);

  if (file != NULL)
    pl_codebook_editor_import_file (self, file);
}

static void
on_export_chosen (PlCodebookEditor *self,
                  int               response)
{
  g_autoptr(GFile) file = take_chosen_file (self, response);

  if (file != NULL)
    pl_codebook_editor_export_file (self, self->export_format, file);
}

static void
show_chooser (PlCodebookEditor     *self,
              GtkFileChooserNative *chooser,
              GCallback             on_response)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  pl_file_chooser_show (chooser, on_response, self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const char *patterns[] = { "*.json", "*.csv", "*.qdc", "*.qde", "*.qdpx", NULL };
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  GtkFileChooserNative *chooser;

  chooser = pl_file_chooser_new (GTK_WINDOW (self), _("Import Codebook"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  pl_file_chooser_add_filter (chooser, _("Codebooks (JSON, CSV, REFI-QDA)"), patterns, NULL);
  show_chooser (self, chooser, G_CALLBACK (on_import_chosen));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autofree char *title = pl_project_dup_title (self->project);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (!pl_codebook_format_from_string (g_variant_get_string (parameter, NULL), &self->export_format))
    return;
  name = g_strdup_printf ("%s-codebook.%s", title, pl_codebook_format_get_extension (self->export_format));
  chooser = pl_file_chooser_new (GTK_WINDOW (self), _("Export Codebook"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (self, chooser, G_CALLBACK (on_export_chosen));
}

/* The object */

static void
pl_codebook_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_LOG:
      g_value_set_boolean (value, self->show_log);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_codebook_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_LOG:
      set_show_log (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_codebook_editor_dispose (GObject *object)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (object);

  pl_codebook_editor_form_dispose (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->split_window != NULL)
    gtk_window_destroy (self->split_window);
  g_clear_weak_pointer (&self->split_window);
  g_clear_weak_pointer (&self->dialog);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  if (self->tree_view != NULL)
    gtk_list_view_set_model (self->tree_view, NULL);
  if (self->merge_popover != NULL)
    pl_codebook_merge_popover_set_project (self->merge_popover, NULL);
  g_clear_object (&self->selection);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CODEBOOK_EDITOR);

  G_OBJECT_CLASS (pl_codebook_editor_parent_class)->dispose (object);
}

static void
pl_codebook_editor_finalize (GObject *object)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (object);

  g_clear_object (&self->codebook);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_codebook_editor_parent_class)->finalize (object);
}

static void
pl_codebook_editor_class_init (PlCodebookEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *changes[] = {
    "editor.rename", "editor.set-short-id", "editor.set-shortcut", "editor.set-color",
    "editor.set-definition", "editor.set-inclusion", "editor.set-exclusion", "editor.set-example",
  };
  static const char *moves[] = { "editor.move-up", "editor.move-down", "editor.move-in", "editor.move-out" };
  static const guint move_keys[] = { GDK_KEY_Up, GDK_KEY_Down, GDK_KEY_Right, GDK_KEY_Left };

  object_class->get_property = pl_codebook_editor_get_property;
  object_class->set_property = pl_codebook_editor_set_property;
  object_class->dispose = pl_codebook_editor_dispose;
  object_class->finalize = pl_codebook_editor_finalize;

  /* Whether the change log is shown instead of the selected code. */
  properties[PROP_SHOW_LOG] =
    g_param_spec_boolean ("show-log", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PL_TYPE_CODEBOOK_MERGE_POPOVER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-codebook-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, merge_button);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, merge_popover);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, undo_button);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, redo_button);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, tree_view);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, short_id_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, shortcut_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, color_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, folder_switch);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, uses_label);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, palette_box);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, text_box);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, log_summary);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, log_list);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_chosen);

  gtk_widget_class_install_action (widget_class, "editor.add-code", NULL, add_code_action);
  gtk_widget_class_install_action (widget_class, "editor.add-child", NULL, add_code_action);
  gtk_widget_class_install_action (widget_class, "editor.select", "s", select_action);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    gtk_widget_class_install_action (widget_class, changes[i], "s", change_action);
  gtk_widget_class_install_action (widget_class, "editor.set-folder", "b", set_folder_action);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      gtk_widget_class_install_action (widget_class, moves[i], NULL, move_action);
      gtk_widget_class_add_binding_action (widget_class, move_keys[i], GDK_ALT_MASK, moves[i], NULL);
    }
  gtk_widget_class_install_action (widget_class, "editor.move-code", "(xxi)", move_code_action);
  gtk_widget_class_install_action (widget_class, "editor.merge", "s", merge_action);
  gtk_widget_class_install_action (widget_class, "editor.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "editor.export", "s", export_action);
  gtk_widget_class_install_property_action (widget_class, "editor.show-log", "show-log");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "editor.add-code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.add-child", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "editor.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_codebook_editor_init (PlCodebookEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));

  pl_codebook_editor_tree_init (self);
  pl_codebook_editor_form_init (self);
}

static void
set_project (PlCodebookEditor *self,
             PlProject        *project)
{
  GListModel *codes = pl_project_get_codes (project);

  self->project = g_object_ref (project);
  self->codebook = pl_codebook_new (project);
  pl_codebook_editor_tree_set_project (self);
  pl_codebook_merge_popover_set_project (self->merge_popover, project);

  g_signal_connect_object (project, "codes-changed", G_CALLBACK (on_codes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "history-changed", G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);

  if (g_list_model_get_n_items (codes) > 0)
    {
      g_autoptr(PlCode) first = g_list_model_get_item (codes, 0);

      pl_codebook_editor_select_id (self, pl_code_get_id (first));
    }
  else
    pl_codebook_editor_select_id (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

PlCodebookEditor *
pl_codebook_editor_new (GtkWindow *parent,
                        PlProject *project)
{
  PlCodebookEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  self = g_object_new (PL_TYPE_CODEBOOK_EDITOR, "transient-for", parent, NULL);
  set_project (self, project);
  if (parent != NULL && PL_IS_WINDOW (parent) && pl_window_get_coder (PL_WINDOW (parent)) != NULL)
    pl_codebook_set_coder (self->codebook, pl_window_get_coder (PL_WINDOW (parent)));
  return self;
}

PlProject *
pl_codebook_editor_get_project (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return self->project;
}

PlCode *
pl_codebook_editor_get_selected (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return pl_codebook_editor_find_code (self, self->current_id);
}

void
pl_codebook_editor_select (PlCodebookEditor *self,
                           PlCode           *code)
{
  g_return_if_fail (PL_IS_CODEBOOK_EDITOR (self));
  g_return_if_fail (code == NULL || PL_IS_CODE (code));

  pl_codebook_editor_select_id (self, code != NULL ? pl_code_get_id (code) : 0);
}

AdwMessageDialog *
pl_codebook_editor_get_dialog (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return self->dialog;
}

GtkWindow *
pl_codebook_editor_get_split_window (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return self->split_window;
}
