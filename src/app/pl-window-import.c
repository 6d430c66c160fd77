/* pl-window-import.c — documents in: files and folders off the main thread, with progress
 * and a per-file report; dropped files; REFI-QDA projects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-import"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-file-chooser.h"
#include "pl-import-batch.h"
#include "pl-refi.h"
#include "pl-window-private.h"

/* The first document opens when none is open yet. */
static void
open_if_empty (PlWindow   *self,
               PlDocument *document)
{
  if (document != NULL && pl_transcript_view_get_document (self->active_view) == NULL)
    pl_window_open_document (self, document);
}

static void
show_report (PlWindow   *self,
             const char *heading,
             const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

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
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
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
          if (r->warning != NULL)
            g_ptr_array_add (warnings, g_strdup (r->warning));
        }
      else if (g_error_matches (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        n_cancelled++;
      else
        g_ptr_array_add (refusals, g_strdup (r->error->message));
    }

  open_if_empty (self, first);

  if (refusals->len > 0 || warnings->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);

      for (guint i = 0; i < refusals->len; i++)
        g_string_append_printf (body, "%s• %s", i > 0 ? "\n" : "", (const char *)g_ptr_array_index (refusals, i));
      /* Imported, but repaired: the user should know what changed. */
      for (guint i = 0; i < warnings->len; i++)
        g_string_append_printf (body, "%s• %s", body->len > 0 ? "\n" : "", (const char *)g_ptr_array_index (warnings, i));
      if (refusals->len > 0 && n_imported > 0)
        g_string_append_printf (body, "\n\n%s",
                                g_dngettext (GETTEXT_PACKAGE, "The other file was imported.",
                                             "The other files were imported.", n_imported));
      show_report (self, refusals->len == 0 ? _("Imported with Repairs")
                                            : g_dngettext (GETTEXT_PACKAGE, "A File Was Not Imported",
                                                           "Some Files Were Not Imported", refusals->len),
                   body->str);
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

  pl_window_emit_import_finished (self, n_imported, refusals->len);
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
  pl_import_batch_run_async (self->project, files,
                             &(PlImportProgress) { on_import_progress, self },
                             self->import_cancellable, on_import_done, g_object_ref (self));
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

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  static const char *text_patterns[] = { "*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm",
                                         "*.docx", "*.odt", "*.pdf", NULL };
  static const char *all_patterns[] = { "*", NULL };
  gboolean folder = g_str_equal (action_name, "win.import-folder");
  GtkFileChooserNative *chooser;

  if (folder)
    chooser = pl_window_new_chooser (self, _("Import a Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"));
  else
    {
      chooser = pl_window_new_chooser (self, _("Import Documents"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      pl_file_chooser_add_filter (chooser, _("Documents (text, Markdown, HTML, Word, OpenDocument, PDF)"),
                                  text_patterns, NULL);
      pl_file_chooser_add_filter (chooser, _("All files"), all_patterns, NULL);
    }
  pl_file_chooser_show (chooser, G_CALLBACK (on_import_response), self);
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

/* REFI-QDA projects */

static void
on_refi_imported (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PlWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlRefiReport) report = pl_refi_import_finish (PL_PROJECT (source), result, &error);
  g_autoptr(GString) body = g_string_new (NULL);

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
  show_report (self, _("Project Imported"), body->str);

  if (g_list_model_get_n_items (pl_project_get_documents (self->project)) > 0)
    {
      g_autoptr(PlDocument) first = g_list_model_get_item (pl_project_get_documents (self->project), 0);

      open_if_empty (self, first);
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

  chooser = pl_window_new_chooser (self, _("Import a REFI-QDA Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"));
  pl_file_chooser_add_filter (chooser, _("REFI-QDA projects (ATLAS.ti, NVivo, MAXQDA, QualCoder, Taguette)"),
                              patterns, NULL);
  pl_file_chooser_show (chooser, G_CALLBACK (on_refi_response), self);
}

void
pl_window_import_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-refi", NULL, import_refi_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action);
}

void
pl_window_import_init (PlWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->import_cancellable = g_cancellable_new ();
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

void
pl_window_import_dispose (PlWindow *self)
{
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
}
