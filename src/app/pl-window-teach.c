/* pl-window-teach.c — teaching seminars in the window
 *
 * The teacher: "win.create-exercise" (Create Exercise Pack…), "win.collect-handins"
 * (Collect Hand-ins…, then the class view) and "win.show-class" (the class view).  The
 * student: opening a pack asks their name once and opens their own work, a project kept
 * in the user's data folder (opening the pack again opens the same work); the
 * instructions show above the text, the codebook cannot be edited, and "win.hand-in"
 * (Hand In…) writes the hand-in where the student chooses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-teach"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-class-view.h"
#include "pl-exercise-dialog.h"
#include "pl-exercise.h"
#include "pl-file-chooser.h"
#include "pl-window-private.h"

/* The instructions pane */

static void
update_instructions (PlWindow *self)
{
  g_autoptr(PlExercise) exercise = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *heading = NULL;

  self->is_work = FALSE;
  if (self->project != NULL)
    exercise = pl_project_dup_work_exercise (self->project);
  self->is_work = exercise != NULL;
  gtk_revealer_set_reveal_child (self->instructions_revealer, exercise != NULL);
  if (exercise == NULL)
    return;

  /* The student codes as themself: the work's coder. */
  {
    g_autoptr(GPtrArray) coders = pl_project_list_coders (self->project);
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i < coders->len; i++)
      {
        PlCoder *coder = g_ptr_array_index (coders, i);

        if (g_strcmp0 (coder->guid, exercise->student_guid) == 0
            && g_strcmp0 (coder->name, pl_window_get_coder_name (self)) != 0
            && !pl_window_set_coder (self, coder->name, NULL, NULL, &error))
          g_warning ("Could not code as %s: %s", coder->name, error->message);
      }
  }
  heading = g_markup_printf_escaped ("<b>%s</b>", exercise->title);
  markup = pl_exercise_render_instructions (exercise->instructions, PL_MARKUP_PANGO);
  gtk_label_set_markup (self->instructions_title, heading);
  gtk_label_set_markup (self->instructions_label, markup[0] != '\0' ? markup : _("No instructions."));
}

void
pl_window_teach_update_actions (PlWindow *self,
                                gboolean  has_project)
{
  /* Whether the project is a work changes only with the project. */
  if (self->teach_project != self->project)
    {
      self->teach_project = self->project;
      update_instructions (self);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create-exercise", has_project && !self->is_work);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.collect-handins",
                                 has_project && !self->is_work && self->collecting == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-class", has_project && !self->is_work);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.hand-in", has_project && self->is_work);
  if (self->is_work)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-codebook", FALSE);
}

/* Making an exercise */

static void
on_exercise_created (PlWindow         *self,
                     const PlExercise *exercise)
{
  g_autofree char *message = g_strdup_printf (_("Exercise “%s” created: %u statements to code"),
                                              exercise->title, pl_exercise_count_units (exercise));

  pl_window_show_toast (self, message);
}

PlExerciseDialog *
pl_window_open_exercise_dialog (PlWindow *self)
{
  PlExerciseDialog *dialog;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->project != NULL, NULL);

  dialog = pl_exercise_dialog_new (GTK_WINDOW (self), self->project);
  g_signal_connect_object (dialog, "created", G_CALLBACK (on_exercise_created), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* Doing an exercise */

/* Where the work of a pack is kept: one file per pack, in the user's data folder. */
static char *
work_path (const PlExercisePack *pack)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "plenary", "Exercises", NULL);
  g_autofree char *title = pl_file_name_part (pack->title);
  g_autofree char *name = g_strdup_printf ("%s (%.8s).plenary", title, pack->guid);

  g_mkdir_with_parents (folder, 0700);
  return g_build_filename (folder, name, NULL);
}

gboolean
pl_window_open_exercise (PlWindow    *self,
                         const char  *pack_path,
                         const char  *student,
                         GError     **error)
{
  g_autoptr(PlExercisePack) pack = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (pack_path != NULL && student != NULL, FALSE);

  pack = pl_exercise_pack_read (pack_path, error);
  if (pack == NULL)
    return FALSE;
  path = work_path (pack);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(PlProject) work = pl_exercise_start (pack_path, student, path, error);

      if (work == NULL)
        return FALSE;
      pl_project_close (work);
    }
  return pl_window_open_project_path (self, path, FALSE, error);
}

typedef struct
{
  PlWindow  *window;
  char      *pack_path;
  GtkWidget *entry;
} NameRequest;

static void
name_request_free (gpointer  data,
                   GClosure *closure)
{
  NameRequest *request = data;

  g_object_unref (request->window);
  g_free (request->pack_path);
  g_free (request);
}

static void
on_name_response (AdwMessageDialog *dialog,
                  const char       *response,
                  NameRequest      *request)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "start")
      && !pl_window_open_exercise (request->window, request->pack_path,
                                   gtk_editable_get_text (GTK_EDITABLE (request->entry)), &error))
    pl_window_show_error (request->window, _("Could Not Open the Exercise"), error);
}

gboolean
pl_window_open_exercise_file (PlWindow    *self,
                              const char  *pack_path,
                              GError     **error)
{
  g_autoptr(PlExercisePack) pack = NULL;
  g_autofree char *path = NULL;
  NameRequest *request;
  GtkWidget *dialog;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);

  pack = pl_exercise_pack_read (pack_path, error);
  if (pack == NULL)
    return FALSE;
  path = work_path (pack);
  /* The name is asked once: the work knows it. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return pl_window_open_project_path (self, path, FALSE, error);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), pack->title,
                                   _("Your name goes with your work when you hand it in."));
  request = g_new0 (NameRequest, 1);
  request->window = g_object_ref (self);
  request->pack_path = g_strdup (pack_path);
  request->entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (request->entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (request->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your name"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (request->entry), _("Your name"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), request->entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "start", _("_Start"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "start",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "start");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_name_response), request,
                         name_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Handing in */

GFile *
pl_window_hand_in (PlWindow  *self,
                   GFile     *destination,
                   GError   **error)
{
  GFile *written;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->project != NULL, NULL);

  written = pl_exercise_hand_in (self->project, destination, error);
  if (written == NULL)
    return NULL;
  name = g_file_get_basename (written);
  message = g_strdup_printf (_("Handed in as “%s”"), name);
  pl_window_show_toast (self, message);
  return written;
}

static void
on_hand_in_response (PlWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) written = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      written = pl_window_hand_in (self, file, &error);
      if (written == NULL)
        pl_window_show_error (self, _("Could Not Hand In"), error);
    }
  g_clear_object (&self->chooser);
}

/* Collecting */

static void
show_refusals (PlWindow        *self,
               PlCollectReport *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  for (guint i = 0; i < report->results->len; i++)
    {
      const PlHandinResult *result = &g_array_index (report->results, PlHandinResult, i);

      if (result->outcome == PL_HANDIN_REFUSED)
        g_string_append_printf (body, "%s%s", body->len > 0 ? "\n\n" : "", result->reason);
    }
  heading = g_strdup_printf (ngettext ("%u Hand-in Refused", "%u Hand-ins Refused", report->n_refused),
                             report->n_refused);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
collected (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PlWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  PlCollectReport *report = pl_project_collect_handins_finish (PL_PROJECT (source), result, &error);
  g_autofree char *message = NULL;

  g_clear_object (&self->collecting);
  pl_window_teach_update_actions (self, self->project != NULL);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The project may have been closed meanwhile: what was collected is in its file. */
  if (self->project == PL_PROJECT (source))
    {
      message = g_strdup_printf (ngettext ("%u hand-in collected", "%u hand-ins collected", report->n_collected),
                                 report->n_collected);
      pl_window_show_undo_toast (self, message, 0);
      if (report->n_refused > 0)
        show_refusals (self, report);
      if (report->n_collected > 0)
        pl_window_open_class_view (self);
    }
  g_task_return_pointer (task, report, (GDestroyNotify) pl_collect_report_free);
}

void
pl_window_collect_handins_async (PlWindow            *self,
                                 const char * const  *paths,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (self->project != NULL);
  g_return_if_fail (self->collecting == NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, pl_window_collect_handins_async);
  self->collecting = g_cancellable_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.collect-handins", FALSE);
  pl_window_show_toast (self, _("Collecting hand-ins…"));
  pl_project_collect_handins_async (self->project, paths, self->collecting, collected, task);
}

PlCollectReport *
pl_window_collect_handins_finish (PlWindow      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_collect_finished (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PlWindow *self = PL_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCollectReport) report = pl_window_collect_handins_finish (self, result, &error);

  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    pl_window_show_error (self, _("Could Not Collect the Hand-ins"), error);
}

static void
on_collect_response (PlWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL && self->collecting == NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      pl_window_collect_handins_async (self, (const char * const *) paths->pdata, on_collect_finished, NULL);
    }
  g_clear_object (&self->chooser);
}

void
pl_window_teach_dispose (PlWindow *self)
{
  if (self->collecting != NULL)
    g_cancellable_cancel (self->collecting);
}

/* The class view */

PlClassView *
pl_window_open_class_view (PlWindow *self)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();
  g_autoptr(GError) error = NULL;
  PlClassView *view = NULL;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (self->project != NULL, NULL);

  for (GList *l = windows; l != NULL && view == NULL; l = l->next)
    if (PL_IS_CLASS_VIEW (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (self))
      view = l->data;
  if (view == NULL)
    view = pl_class_view_new (GTK_WINDOW (self), self->project, NULL);
  if (!pl_class_view_refresh (view, &error))
    {
      pl_window_show_error (self, _("No Class to Show"), error);
      gtk_window_destroy (GTK_WINDOW (view));
      return NULL;
    }
  gtk_window_present (GTK_WINDOW (view));
  return view;
}

/* Actions */

static void
teach_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *chooser;

  if (self->project == NULL)
    return;
  if (g_str_equal (action_name, "win.create-exercise"))
    pl_window_open_exercise_dialog (self);
  else if (g_str_equal (action_name, "win.show-class"))
    pl_window_open_class_view (self);
  else if (g_str_equal (action_name, "win.hand-in"))
    {
      const char *patterns[] = { "*" PL_HANDIN_EXTENSION, NULL };
      g_autofree char *name = pl_project_dup_handin_name (self->project);

      chooser = pl_window_new_chooser (self, _("Hand In"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Hand In"));
      pl_file_chooser_add_filter (chooser, _("Hand-ins"), patterns, PL_HANDIN_MIME_TYPE);
      if (name != NULL)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      pl_file_chooser_show (chooser, G_CALLBACK (on_hand_in_response), self);
    }
  else
    {
      const char *patterns[] = { "*" PL_HANDIN_EXTENSION, NULL };

      chooser = pl_window_new_chooser (self, _("Collect Hand-ins"), GTK_FILE_CHOOSER_ACTION_OPEN,
                                       _("_Collect"));
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      pl_file_chooser_add_filter (chooser, _("Hand-ins"), patterns, PL_HANDIN_MIME_TYPE);
      pl_file_chooser_show (chooser, G_CALLBACK (on_collect_response), self);
    }
}

void
pl_window_teach_class_init (GtkWidgetClass *widget_class)
{
  const char *actions[] = { "win.create-exercise", "win.collect-handins", "win.show-class", "win.hand-in" };

  gtk_widget_class_bind_template_child (widget_class, PlWindow, instructions_revealer);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, instructions_title);
  gtk_widget_class_bind_template_child (widget_class, PlWindow, instructions_label);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, teach_action);
}
