/* pl-export-dialog.c — exporting the coded dataset: format, options, filters, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-compat.h"
#include "pl-export-dialog.h"
#include "pl-file-chooser.h"
#include "pl-settings.h"
#include "pl-starter-names.h"

struct _PlExportDialog
{
  AdwWindow             parent_instance;

  PlProject            *project;
  PlDocument           *document;
  PlCode               *code;
  PlCoder              *coder;

  AdwComboRow          *format_row;
  GtkStringList        *format_labels;
  GtkSwitch            *statement_text;
  GtkSwitch            *counts;
  GtkSwitch            *spreadsheet_safe;
  GtkSwitch            *this_document;
  GtkSwitch            *this_code;
  GtkSwitch            *my_annotations;
  AdwEntryRow          *since_row;
  AdwEntryRow          *until_row;
  GtkWidget            *counts_row;
  GtkWidget            *statement_text_row;
  GtkWidget            *safe_row;
  AdwActionRow         *document_row;
  AdwActionRow         *code_row;
  AdwActionRow         *coder_row;
  GtkProgressBar       *progress;
  GtkButton            *export_button;
  AdwToastOverlay      *toasts;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
  GFile                *destination;
};

G_DEFINE_FINAL_TYPE (PlExportDialog, pl_export_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the format row's labels (pl-export-dialog.ui). */
static const struct {
  PlExportFormat format;
  const char    *extension;
} formats[] = {
  { PL_EXPORT_FORMAT_CSV, "csv" },
  { PL_EXPORT_FORMAT_MATRIX, "csv" },
  { PL_EXPORT_FORMAT_JSON, "json" },
  { PL_EXPORT_FORMAT_QDPX, "qdpx" },
  { PL_EXPORT_FORMAT_LINKS, "csv" },
};

static PlExportFormat
chosen_format (PlExportDialog *self)
{
  return formats[MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1)].format;
}

void
pl_export_dialog_set_format (PlExportDialog *self,
                             PlExportFormat  format)
{
  g_return_if_fail (PL_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      adw_combo_row_set_selected (self->format_row, i);
}

static void
update_rows (PlExportDialog *self)
{
  PlExportFormat format = chosen_format (self);
  gboolean tabular = format == PL_EXPORT_FORMAT_CSV || format == PL_EXPORT_FORMAT_MATRIX;

  gtk_widget_set_visible (self->statement_text_row, tabular);
  gtk_widget_set_visible (self->safe_row, tabular || format == PL_EXPORT_FORMAT_LINKS);
  gtk_widget_set_visible (self->counts_row, format == PL_EXPORT_FORMAT_MATRIX);
}

static GDateTime *
parse_day (const char *text,
           gboolean    end_of_day)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) day = NULL;

  if (text == NULL || text[0] == '\0')
    return NULL;
  iso = g_strdup_printf ("%sT00:00:00Z", text);
  day = g_date_time_new_from_iso8601 (iso, NULL);
  if (day == NULL)
    return NULL;
  return end_of_day ? g_date_time_add_seconds (day, 86399) : g_date_time_ref (day);
}

PlExportOptions *
pl_export_dialog_dup_options (PlExportDialog *self)
{
  PlExportOptions *options;
  const char *since, *until;

  g_return_val_if_fail (PL_IS_EXPORT_DIALOG (self), NULL);

  options = pl_export_options_new ();
  options->statement_text = gtk_switch_get_active (self->statement_text);
  options->counts = gtk_switch_get_active (self->counts);
  options->spreadsheet_safe = gtk_switch_get_active (self->spreadsheet_safe);

  if (self->document != NULL && gtk_switch_get_active (self->this_document))
    {
      gint64 id = pl_document_get_id (self->document);

      options->filter.document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (options->filter.document_ids, id);
    }
  if (self->code != NULL && gtk_switch_get_active (self->this_code))
    {
      gint64 id = pl_code_get_id (self->code);

      options->filter.code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (options->filter.code_ids, id);
      options->filter.with_descendants = TRUE;
    }
  if (self->coder != NULL && gtk_switch_get_active (self->my_annotations))
    {
      options->filter.coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (options->filter.coder_ids, self->coder->id);
    }

  since = gtk_editable_get_text (GTK_EDITABLE (self->since_row));
  until = gtk_editable_get_text (GTK_EDITABLE (self->until_row));
  options->filter.created_since = parse_day (since, FALSE);
  options->filter.created_until = parse_day (until, TRUE);
  return options;
}

static void
on_progress (guint64  done,
             guint64  total,
             gpointer user_data)
{
  PlExportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress, total > 0 ? (double)done / total : 0);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PlExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pl_export_finish (PL_PROJECT (source), result, &error);

  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), TRUE);
  g_clear_object (&self->cancellable);

  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
  g_signal_emit (self, signals[DONE], 0, ok ? NULL : error);
  if (ok)
    gtk_window_close (GTK_WINDOW (self));
}

void
pl_export_dialog_export_to (PlExportDialog *self,
                            GFile          *destination)
{
  g_autoptr(PlExportOptions) options = NULL;
  const char *since = NULL, *until = NULL;

  g_return_if_fail (PL_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (destination));

  since = gtk_editable_get_text (GTK_EDITABLE (self->since_row));
  until = gtk_editable_get_text (GTK_EDITABLE (self->until_row));
  options = pl_export_dialog_dup_options (self);
  if ((since[0] != '\0' && options->filter.created_since == NULL)
      || (until[0] != '\0' && options->filter.created_until == NULL))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Write dates as YYYY-MM-DD, for example 2024-03-07")));
      return;
    }

  g_set_object (&self->destination, destination);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), FALSE);
  pl_export_async (self->project,
                   &(PlExportSpec) { .format = chosen_format (self), .destination = destination,
                                     .options = options, .progress = on_progress,
                                     .progress_data = g_object_ref (self),
                                     .progress_notify = g_object_unref },
                   self->cancellable, on_exported, g_object_ref (self));
}

static void
on_chooser_response (PlExportDialog       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      pl_export_dialog_export_to (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlExportDialog *self = PL_EXPORT_DIALOG (widget);
  guint i = MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1);
  g_autofree char *title = pl_project_dup_title (self->project);
  g_autofree char *name = NULL;
  g_autofree char *pattern = g_strdup_printf ("*.%s", formats[i].extension);

  name = g_strdup_printf ("%s%s.%s", title,
                          formats[i].format == PL_EXPORT_FORMAT_MATRIX ? "-matrix"
                          : formats[i].format == PL_EXPORT_FORMAT_QDPX ? ""
                          : formats[i].format == PL_EXPORT_FORMAT_LINKS ? "-links" : "-annotations",
                          formats[i].extension);
  g_clear_object (&self->chooser);
  self->chooser = pl_file_chooser_new (GTK_WINDOW (self), _("Export Coded Data"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                       _("_Export"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  pl_file_chooser_add_filter (self->chooser, gtk_string_list_get_string (self->format_labels, i),
                              (const char *[]) { pattern, NULL }, NULL);
  pl_file_chooser_show (self->chooser, G_CALLBACK (on_chooser_response), self);
}

/* The filters offer what the window had open: a document, a code, a coder. */
static void
offer_filters (PlExportDialog *self)
{
  g_autofree char *document_title = NULL;
  g_autofree char *code_title = NULL;
  g_autofree char *coder_title = NULL;

  if (self->document != NULL)
    {
      document_title = g_strdup_printf (_("Only “%s”"), pl_document_get_title (self->document));
      adw_action_row_set_subtitle (self->document_row, document_title);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->document_row), self->document != NULL);

  code_title = self->code != NULL ? g_strdup_printf (_("“%s” and its sub-codes (select a code in the panel)"), pl_code_get_display_name (self->code))
                                  : g_strdup (_("Select a code in the panel to use this"));
  adw_action_row_set_subtitle (self->code_row, code_title);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), self->code != NULL);

  if (self->coder != NULL)
    {
      coder_title = g_strdup_printf (_("Coded by %s"), self->coder->name);
      adw_action_row_set_subtitle (self->coder_row, coder_title);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->coder_row), self->coder != NULL);
}

static void
pl_export_dialog_dispose (GObject *object)
{
  PlExportDialog *self = (PlExportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->destination);
  g_clear_object (&self->project);
  g_clear_object (&self->document);
  g_clear_object (&self->code);
  g_clear_pointer (&self->coder, pl_coder_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (pl_export_dialog_parent_class)->dispose (object);
}

static void
pl_export_dialog_class_init (PlExportDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pl_export_dialog_dispose;

  /**
   * PlExportDialog::done:
   * @error: (nullable): why the export failed, or NULL
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_ERROR);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, format_labels);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, statement_text);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, counts);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, spreadsheet_safe);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, this_document);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, this_code);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, my_annotations);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, since_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, until_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, counts_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, statement_text_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, safe_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, document_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, code_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, coder_row);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, PlExportDialog, toasts);
  gtk_widget_class_bind_template_callback (widget_class, update_rows);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_export_dialog_init (PlExportDialog *self)
{
  g_autoptr(PlSettings) settings = pl_settings_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));
  /* Starts as the Preferences say. */
  gtk_switch_set_active (self->spreadsheet_safe, pl_settings_get_spreadsheet_safe_export (settings));
  update_rows (self);
}

GFile *
pl_export_dialog_get_destination (PlExportDialog *self)
{
  g_return_val_if_fail (PL_IS_EXPORT_DIALOG (self), NULL);
  return self->destination;
}

PlExportDialog *
pl_export_dialog_new (GtkWindow      *parent,
                      PlProject      *project,
                      PlExportFormat  format,
                      PlDocument     *document,
                      PlCode         *code,
                      PlCoder        *coder)
{
  PlExportDialog *self;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  self = g_object_new (PL_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->project = g_object_ref (project);
  self->document = document != NULL ? g_object_ref (document) : NULL;
  self->code = code != NULL ? g_object_ref (code) : NULL;
  self->coder = coder != NULL ? pl_coder_ref (coder) : NULL;
  offer_filters (self);
  pl_export_dialog_set_format (self, format);
  return self;
}
