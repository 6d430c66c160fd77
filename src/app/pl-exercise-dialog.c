/* pl-exercise-dialog.c — Create Exercise Pack
 *
 * A form over PlExerciseSpec: a check per document, the whole codebook or one top-level
 * branch, the statements to code, the reference coder and the instructions.  "Create…"
 * asks where to write the pack; the title is its file name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exercise-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-exercise-dialog.h"
#include "pl-file-chooser.h"

struct _PlExerciseDialog
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *documents_group;
  AdwComboRow          *branch_row;
  AdwEntryRow          *statements_row;
  AdwEntryRow          *reference_row;
  GtkTextView          *instructions_view;

  PlProject            *project;
  GPtrArray            *checks;      /* GtkCheckButton, one per document, in order */
  GArray               *document_ids;
  GArray               *branch_ids;  /* gint64 per row of the branch row; 0: all */
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (PlExerciseDialog, pl_exercise_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
pl_exercise_dialog_set_statements (PlExerciseDialog *self,
                                   const char       *ranges)
{
  g_return_if_fail (PL_IS_EXERCISE_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->statements_row), ranges != NULL ? ranges : "");
}

void
pl_exercise_dialog_set_instructions (PlExerciseDialog *self,
                                     const char       *markdown)
{
  g_return_if_fail (PL_IS_EXERCISE_DIALOG (self));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->instructions_view),
                            markdown != NULL ? markdown : "", -1);
}

gboolean
pl_exercise_dialog_create (PlExerciseDialog  *self,
                           GFile             *destination,
                           GError           **error)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(PlExercise) exercise = NULL;
  g_autofree char *instructions = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->instructions_view);
  g_autofree char *copy = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->statements_row)));
  const char *statements;
  const char *reference = gtk_editable_get_text (GTK_EDITABLE (self->reference_row));
  guint branch = adw_combo_row_get_selected (self->branch_row);
  PlExerciseSpec spec = { 0 };
  GtkTextIter start, end;

  g_return_val_if_fail (PL_IS_EXERCISE_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_array_append_val (chosen, g_array_index (self->document_ids, gint64, i));
  statements = g_strstrip (copy);
  if (statements[0] != '\0' && (ranges = pl_statement_ranges_parse (statements, error)) == NULL)
    return FALSE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  instructions = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  spec.document_ids = chosen;
  spec.root_code_id = branch < self->branch_ids->len ? g_array_index (self->branch_ids, gint64, branch) : 0;
  spec.ranges = ranges;
  spec.instructions = instructions;
  spec.reference = reference[0] != '\0' ? reference : NULL;
  exercise = pl_exercise_create (self->project, &spec, destination, error);
  if (exercise == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, exercise);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}

static void
on_create_response (PlExerciseDialog     *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (!pl_exercise_dialog_create (self, file, &error))
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Create the Pack"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
    }
  g_clear_object (&self->chooser);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlExerciseDialog *self = PL_EXERCISE_DIALOG (widget);
  const char *patterns[] = { "*" PL_EXERCISE_EXTENSION, NULL };
  g_autofree char *name = g_strdup_printf ("%s%s", _("Exercise"), PL_EXERCISE_EXTENSION);

  g_clear_object (&self->chooser);
  self->chooser = pl_file_chooser_new (GTK_WINDOW (self), _("Create Exercise Pack"),
                                       GTK_FILE_CHOOSER_ACTION_SAVE, _("C_reate"));
  pl_file_chooser_add_filter (self->chooser, _("Exercise packs"), patterns, PL_EXERCISE_MIME_TYPE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  pl_file_chooser_show (self->chooser, G_CALLBACK (on_create_response), self);
}

/* The form */

static void
fill (PlExerciseDialog *self)
{
  GListModel *documents = pl_project_get_documents (self->project);
  GtkStringList *branches = gtk_string_list_new (NULL);
  GListModel *codes = pl_project_get_codes (self->project);
  gint64 all = 0;

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gint64 id = pl_document_get_id (document);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pl_document_get_title (document));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      pl_document_get_title (document), -1);
      adw_preferences_group_add (self->documents_group, row);
      g_ptr_array_add (self->checks, check);
      g_array_append_val (self->document_ids, id);
    }

  gtk_string_list_append (branches, _("The whole codebook"));
  g_array_append_val (self->branch_ids, all);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);

      if (pl_code_get_parent_id (code) != 0)
        continue;
      gtk_string_list_append (branches, pl_code_get_name (code));
      g_array_append_val (self->branch_ids, id);
    }
  adw_combo_row_set_model (self->branch_row, G_LIST_MODEL (branches));
  g_object_unref (branches);
}

static void
pl_exercise_dialog_dispose (GObject *object)
{
  PlExerciseDialog *self = PL_EXERCISE_DIALOG (object);

  g_clear_object (&self->project);
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->document_ids, g_array_unref);
  g_clear_pointer (&self->branch_ids, g_array_unref);

  G_OBJECT_CLASS (pl_exercise_dialog_parent_class)->dispose (object);
}

static void
pl_exercise_dialog_class_init (PlExerciseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_exercise_dialog_dispose;

  signals[SIGNAL_CREATED] =
    g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-exercise-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlExerciseDialog, documents_group);
  gtk_widget_class_bind_template_child (widget_class, PlExerciseDialog, branch_row);
  gtk_widget_class_bind_template_child (widget_class, PlExerciseDialog, statements_row);
  gtk_widget_class_bind_template_child (widget_class, PlExerciseDialog, reference_row);
  gtk_widget_class_bind_template_child (widget_class, PlExerciseDialog, instructions_view);
  gtk_widget_class_install_action (widget_class, "exercise.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_exercise_dialog_init (PlExerciseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
  self->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->branch_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

PlExerciseDialog *
pl_exercise_dialog_new (GtkWindow *parent,
                        PlProject *project)
{
  PlExerciseDialog *self;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  self = g_object_new (PL_TYPE_EXERCISE_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  fill (self);
  return self;
}
