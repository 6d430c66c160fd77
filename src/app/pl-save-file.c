/* pl-save-file.c — "Export as …": a save chooser, then a writer, then its error if any
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-save-file"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-file-chooser.h"
#include "pl-save-file.h"

typedef struct
{
  GtkWidget      *widget;   /* weak: the chooser may outlive it */
  PlSaveFileFunc  write;
  gpointer        user_data;
  GDestroyNotify  destroy;
} SaveRequest;

static void
save_request_free (gpointer data)
{
  SaveRequest *request = data;

  g_clear_weak_pointer (&request->widget);
  if (request->destroy != NULL)
    request->destroy (request->user_data);
  g_free (request);
}

void
pl_save_file_show_error (GtkWidget    *widget,
                         const char   *heading,
                         const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_response (GtkFileChooserNative *chooser,
             int                   response)
{
  SaveRequest *request = g_object_get_data (G_OBJECT (chooser), "pl-save-request");
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
    }
  if (path != NULL && request->widget != NULL && !request->write (path, request->user_data, &error))
    pl_save_file_show_error (request->widget, _("Could Not Export"), error);

  /* The chooser held the only reference: dropping it frees the request too. */
  g_object_unref (chooser);
}

void
pl_save_file_ask (GtkWidget      *widget,
                  const char     *title,
                  const char     *suggested_name,
                  const char     *filter_name,
                  const char     *pattern,
                  PlSaveFileFunc  write,
                  gpointer        user_data,
                  GDestroyNotify  destroy)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  SaveRequest *request;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (write != NULL);

  chooser = pl_file_chooser_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, title,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  pl_file_chooser_add_filter (chooser, filter_name, (const char *[]) { pattern, NULL }, NULL);

  request = g_new0 (SaveRequest, 1);
  g_set_weak_pointer (&request->widget, widget);
  request->write = write;
  request->user_data = user_data;
  request->destroy = destroy;
  g_object_set_data_full (G_OBJECT (chooser), "pl-save-request", request, save_request_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_response), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
