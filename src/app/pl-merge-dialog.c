/* pl-merge-dialog.c — Merge Coding: what merging coders' files would change, then the merge
 *
 * The files are read in a worker thread (pl_project_plan_merge_async()), all together.
 * When the store refuses them — it names the first file it cannot take — each is read on
 * its own to say which are refused and why, and the others are planned together again, so
 * that one damaged file does not keep the rest out.  Nothing changes until "_Merge".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-merge-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-compat.h"
#include "pl-merge-dialog.h"
#include "pl-project-team.h"

struct _PlMergeDialog
{
  AdwWindow           parent_instance;

  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkLabel           *reading_label;
  AdwPreferencesPage *page;
  GtkLabel           *summary_label;

  PlProject          *project;
  GStrv               paths;
  GCancellable       *cancellable;
  PlMergePlan        *plan;
  GPtrArray          *refused;      /* char*: what is wrong with each refused file */
  GStrvBuilder       *accepted;     /* the paths a plan of their own accepted */
  guint               n_accepted;
  guint               checking;     /* the next path to read on its own */
  gboolean            each_read;    /* the files were read one by one */
  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (PlMergeDialog, pl_merge_dialog, ADW_TYPE_WINDOW)

enum {
  MERGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Showing the plan */

static GtkWidget *
count_row (const char *title,
           guint       count)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = g_strdup_printf ("%'u", count);
  GtkWidget *label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

/* A row with an icon and a text that may be long (a reason, a message). */
static GtkWidget *
note_row (const char *icon_name,
          const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_str_equal (icon_name, "dialog-error-symbolic") ? _("Refused") : _("Left out"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static char *
escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

static GtkWidget *
file_group (const PlMergeFile *file)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = escape (file->name);
  g_autofree char *coder = escape (file->coder_name);
  g_autofree char *description = NULL;

  if (file->coder_new)
    description = g_strdup_printf (_("The coding of %s, a coder new to this project"), coder);
  else if (file->coder_by_name)
    description = g_strdup_printf (_("The coding of %s, the project’s coder of that name"), coder);
  else
    description = g_strdup_printf (_("The coding of %s"), coder);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), count_row (_("New annotations"), file->n_added));
  if (file->n_changed > 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               count_row (_("Annotations changed (newer in the file)"), file->n_changed));
  if (file->n_removed > 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), count_row (_("Annotations removed"), file->n_removed));
  if (file->n_unchanged > 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               count_row (_("Already in the project"), file->n_unchanged));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), count_row (_("Documents matched"), file->n_documents));
  for (guint i = 0; i < file->skipped->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               note_row ("dialog-warning-symbolic", g_ptr_array_index (file->skipped, i), NULL));
  return group;
}

static GtkWidget *
refused_group (PlMergeDialog *self)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Not Merged"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("These files are left out; the others can be merged."));
  for (guint i = 0; i < self->refused->len; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               note_row ("dialog-error-symbolic", g_ptr_array_index (self->refused, i), NULL));
  return group;
}

static char *
summarize (PlMergeDialog *self)
{
  guint added = 0, changed = 0, removed = 0;
  guint n_files = self->plan != NULL ? pl_merge_plan_get_n_files (self->plan) : 0;

  if (n_files == 0)
    return g_strdup (self->refused->len == 1 ? _("This file cannot be merged: nothing will change.")
                                             : _("None of these files can be merged: nothing will change."));
  if (pl_merge_plan_is_empty (self->plan))
    return g_strdup (_("The project has everything these files hold already: merging changes nothing."));

  for (guint i = 0; i < n_files; i++)
    {
      const PlMergeFile *file = pl_merge_plan_get_file (self->plan, i);

      added += file->n_added;
      changed += file->n_changed;
      removed += file->n_removed;
    }
  /* TRANSLATORS: the three numbers are of annotations: added, changed, removed. */
  return g_strdup_printf (_("Merging adds %'u annotations, changes %'u and removes %'u. "
                            "Nothing changes until you merge, and the merge can be undone."),
                          added, changed, removed);
}

static void
show_plan (PlMergeDialog *self)
{
  g_autofree char *summary = summarize (self);
  guint n_files = self->plan != NULL ? pl_merge_plan_get_n_files (self->plan) : 0;

  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);
  gtk_label_set_text (self->summary_label, summary);
  for (guint i = 0; i < n_files; i++)
    adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (file_group (pl_merge_plan_get_file (self->plan, i))));
  if (self->refused->len > 0)
    adw_preferences_page_add (self->page, ADW_PREFERENCES_GROUP (refused_group (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge",
                                 self->plan != NULL && !pl_merge_plan_is_empty (self->plan));
  gtk_stack_set_visible_child_name (self->stack, "plan");
  pl_accessible_tidy (GTK_WIDGET (self));
}

/* Reading the files */

static void plan_paths (PlMergeDialog      *self,
                        const char * const *paths);

static void check_next (PlMergeDialog *self);

static void
on_planned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PlMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  PlMergePlan *plan = pl_project_plan_merge_finish (PL_PROJECT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->project == NULL)
    {
      g_clear_pointer (&plan, pl_merge_plan_free);
      return;
    }
  if (plan != NULL)
    {
      self->plan = plan;
      show_plan (self);
    }
  else if (!self->each_read && g_strv_length (self->paths) > 1)
    {
      /* Which files are refused? */
      self->each_read = TRUE;
      check_next (self);
    }
  else
    {
      g_ptr_array_add (self->refused, g_strdup (error->message));
      show_plan (self);
    }
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PlMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlMergePlan) plan = pl_project_plan_merge_finish (PL_PROJECT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->project == NULL)
    return;
  if (plan != NULL)
    {
      g_strv_builder_add (self->accepted, self->paths[self->checking]);
      self->n_accepted++;
    }
  else
    g_ptr_array_add (self->refused, g_strdup (error->message));
  self->checking++;
  check_next (self);
}

static void
check_next (PlMergeDialog *self)
{
  if (self->paths[self->checking] != NULL)
    {
      const char *one[] = { self->paths[self->checking], NULL };

      pl_project_plan_merge_async (self->project, one, self->cancellable, on_checked, g_object_ref (self));
    }
  else if (self->n_accepted > 0)
    {
      g_auto(GStrv) accepted = g_strv_builder_end (self->accepted);

      plan_paths (self, (const char * const *) accepted);
    }
  else
    show_plan (self);
}

static void
plan_paths (PlMergeDialog      *self,
            const char * const *paths)
{
  pl_project_plan_merge_async (self->project, paths, self->cancellable, on_planned, g_object_ref (self));
}

/* Merging */

static char *
merged_message (PlMergeDialog *self)
{
  g_autoptr(GString) coders = g_string_new (NULL);
  guint added = 0, changed = 0;
  guint n_files = pl_merge_plan_get_n_files (self->plan);

  for (guint i = 0; i < n_files; i++)
    {
      const PlMergeFile *file = pl_merge_plan_get_file (self->plan, i);

      added += file->n_added;
      changed += file->n_changed + file->n_removed;
      if (strstr (coders->str, file->coder_name) == NULL)
        g_string_append_printf (coders, "%s%s", coders->len > 0 ? ", " : "", file->coder_name);
    }
  /* TRANSLATORS: "Merged the coding of Ana, Ben: 12 annotations added, 3 changed". */
  return g_strdup_printf (_("Merged the coding of %s: %'u annotations added, %'u changed"),
                          coders->str, added, changed);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlMergeDialog *self = PL_MERGE_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->plan == NULL || self->busy)
    return;

  if (!pl_project_merge (self->project, self->plan, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Nothing was merged: %s"), error->message);

      gtk_label_set_text (self->summary_label, text);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", FALSE);
      return;
    }
  message = merged_message (self);
  g_signal_emit (self, signals[MERGED], 0, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Public */

gboolean
pl_merge_dialog_is_busy (PlMergeDialog *self)
{
  g_return_val_if_fail (PL_IS_MERGE_DIALOG (self), FALSE);
  return self->busy;
}

guint
pl_merge_dialog_get_n_refused (PlMergeDialog *self)
{
  g_return_val_if_fail (PL_IS_MERGE_DIALOG (self), 0);
  return self->refused->len;
}

const char *
pl_merge_dialog_get_summary (PlMergeDialog *self)
{
  g_return_val_if_fail (PL_IS_MERGE_DIALOG (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

/* GObject */

static void
pl_merge_dialog_dispose (GObject *object)
{
  PlMergeDialog *self = PL_MERGE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_MERGE_DIALOG);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_merge_dialog_parent_class)->dispose (object);
}

static void
pl_merge_dialog_finalize (GObject *object)
{
  PlMergeDialog *self = PL_MERGE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->plan, pl_merge_plan_free);
  g_clear_pointer (&self->refused, g_ptr_array_unref);
  g_clear_pointer (&self->accepted, g_strv_builder_unref);
  g_strfreev (self->paths);

  G_OBJECT_CLASS (pl_merge_dialog_parent_class)->finalize (object);
}

static void
pl_merge_dialog_class_init (PlMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_merge_dialog_dispose;
  object_class->finalize = pl_merge_dialog_finalize;

  /**
   * PlMergeDialog::merged:
   * @message: what was merged, for a toast
   */
  signals[MERGED] = g_signal_new ("merged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlMergeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PlMergeDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlMergeDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, PlMergeDialog, page);
  gtk_widget_class_bind_template_child (widget_class, PlMergeDialog, summary_label);
  gtk_widget_class_install_action (widget_class, "merge.merge", NULL, merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_merge_dialog_init (PlMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->refused = g_ptr_array_new_with_free_func (g_free);
  self->accepted = g_strv_builder_new ();
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "merge.merge", FALSE);
}

PlMergeDialog *
pl_merge_dialog_new (GtkWindow          *parent,
                     PlProject          *project,
                     const char * const *paths)
{
  PlMergeDialog *self;
  g_autofree char *reading = NULL;
  guint n;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (paths != NULL && paths[0] != NULL, NULL);

  self = g_object_new (PL_TYPE_MERGE_DIALOG, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->project = g_object_ref (project);
  self->paths = g_strdupv ((char **) paths);
  self->busy = TRUE;
  n = g_strv_length (self->paths);
  reading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reading %'u file…", "Reading %'u files…", n), n);
  gtk_label_set_text (self->reading_label, reading);
  gtk_spinner_start (self->spinner);
  plan_paths (self, paths);
  return self;
}
