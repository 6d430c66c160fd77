/* pl-window-export.c — the coded dataset out, through the export dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-export"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-export-dialog.h"
#include "pl-window-private.h"

/* The toast names the file and opens it (the dialog shows its own errors). */
static void
on_export_done (PlWindow       *self,
                const GError   *error,
                PlExportDialog *dialog)
{
  GFile *destination = pl_export_dialog_get_destination (dialog);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *uri = NULL;
  AdwToast *toast;

  if (error != NULL || destination == NULL)
    return;

  name = g_file_get_basename (destination);
  message = g_strdup_printf (_("Exported to “%s”"), name);
  uri = g_file_get_uri (destination);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-uri");
  adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
  adw_toast_set_timeout (toast, 8);
  pl_window_add_toast (self, toast);
}

/* The dialog offers the open document, the code selected in the panel and the coder as
 * filters. */
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

void
pl_window_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
}
