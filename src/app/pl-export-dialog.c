/* pl-export-dialog.c — exporting the coded dataset: format, options, filters, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-export-dialog.h"

struct _PlExportDialog
{
  AdwWindow             parent_instance;

  PlProject            *project;
  PlDocument           *document;
  PlCode               *code;
  PlCoder              *coder;

  AdwComboRow          *format_row;
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
  GtkProgressBar       *progress;
  GtkButton            *export_button;
  AdwToastOverlay      *toasts;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (PlExportDialog, pl_export_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  PlExportFormat format;
  const char    *label;
  const char    *extension;
} formats[] = {
  { PL_EXPORT_FORMAT_CSV, N_("Long CSV — one row per coded span, every detail"), "csv" },
  { PL_EXPORT_FORMAT_MATRIX, N_("Matrix CSV — one row per statement, a column per code"), "csv" },
  { PL_EXPORT_FORMAT_JSON, N_("JSON — the whole dataset, codebook included"), "json" },
  { PL_EXPORT_FORMAT_QDPX, N_("REFI-QDA project (.qdpx) — for ATLAS.ti, NVivo, MAXQDA"), "qdpx" },
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
  gtk_widget_set_visible (self->safe_row, tabular);
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
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", formats[i].extension);

  name = g_strdup_printf ("%s%s.%s", title,
                          formats[i].format == PL_EXPORT_FORMAT_MATRIX ? "-matrix"
                          : formats[i].format == PL_EXPORT_FORMAT_QDPX ? "" : "-annotations",
                          formats[i].extension);
  self->chooser = gtk_file_chooser_native_new (_("Export Coded Data"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_set_name (filter, _(formats[i].label));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_unref (filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static GtkWidget *
switch_row (const char  *title,
            const char  *subtitle,
            GtkSwitch  **out_switch,
            gboolean     active)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), active);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  *out_switch = GTK_SWITCH (toggle);
  return row;
}

static void
build (PlExportDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *what = adw_preferences_group_new ();
  GtkWidget *which = adw_preferences_group_new ();
  GtkWidget *row;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *document_title = NULL;
  g_autofree char *code_title = NULL;
  g_autofree char *coder_title = NULL;

  self->export_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Export…")));
  gtk_widget_add_css_class (GTK_WIDGET (self->export_button), "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->export_button), "export.export");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), GTK_WIDGET (self->export_button));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_string_list_append (labels, _(formats[i].label));
  self->format_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->format_row), _("Format"));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (labels));
  g_signal_connect_object (self->format_row, "notify::selected", G_CALLBACK (update_rows), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (what), _("What"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), GTK_WIDGET (self->format_row));

  self->statement_text_row = switch_row (_("Statement text"), _("Add each statement’s full text as a column"),
                                         &self->statement_text, FALSE);
  self->counts_row = switch_row (_("Counts"), _("Numbers of coded spans instead of 0 and 1"), &self->counts, FALSE);
  self->safe_row = switch_row (_("Safe for spreadsheets"),
                               _("Prefix cells that begin with = + - @ so spreadsheets do not run them as formulas. Leave off for R, Python or Stata: numbers are never changed."),
                               &self->spreadsheet_safe, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), self->statement_text_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), self->counts_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (what), self->safe_row);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (which), _("Which Coded Spans"));
  document_title = self->document != NULL ? g_strdup_printf (_("Only “%s”"), pl_document_get_title (self->document)) : NULL;
  row = switch_row (_("This document only"), document_title, &self->this_document, FALSE);
  gtk_widget_set_sensitive (row, self->document != NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (which), row);
  code_title = self->code != NULL ? g_strdup_printf (_("“%s” and its sub-codes (select a code in the panel)"), pl_code_get_name (self->code))
                                  : g_strdup (_("Select a code in the panel to use this"));
  row = switch_row (_("This code only"), code_title, &self->this_code, FALSE);
  gtk_widget_set_sensitive (row, self->code != NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (which), row);
  coder_title = self->coder != NULL ? g_strdup_printf (_("Coded by %s"), self->coder->name) : NULL;
  row = switch_row (_("My annotations only"), coder_title, &self->my_annotations, FALSE);
  gtk_widget_set_sensitive (row, self->coder != NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (which), row);
  self->since_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->since_row), _("Coded on or after (YYYY-MM-DD)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (which), GTK_WIDGET (self->since_row));
  self->until_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->until_row), _("Coded on or before (YYYY-MM-DD)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (which), GTK_WIDGET (self->until_row));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (what));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (which));

  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->progress), "osd");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"), -1);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
  update_rows (self);
}

static void
pl_export_dialog_dispose (GObject *object)
{
  PlExportDialog *self = (PlExportDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->project);
  g_clear_object (&self->document);
  g_clear_object (&self->code);
  g_clear_pointer (&self->coder, pl_coder_unref);

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

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_export_dialog_init (PlExportDialog *self)
{
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

  self = g_object_new (PL_TYPE_EXPORT_DIALOG, "transient-for", parent, "modal", TRUE,
                       "title", _("Export Coded Data"), "default-width", 560, "default-height", 680, NULL);
  self->project = g_object_ref (project);
  self->document = document != NULL ? g_object_ref (document) : NULL;
  self->code = code != NULL ? g_object_ref (code) : NULL;
  self->coder = coder != NULL ? pl_coder_ref (coder) : NULL;
  build (self);
  pl_export_dialog_set_format (self, format);
  return self;
}
