/* pl-window-project.c — the project in the window: opening, creating, writing back, the
 * coder, recent projects, the demo project, and the codebook editor
 *
 * A project opened from a file may be a live copy: changes go to a private copy first and
 * are written back to the user's file shortly after each burst of actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-window-project"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pl-application.h"
#include "pl-codebook-editor.h"
#include "pl-demo.h"
#include "pl-file-chooser.h"
#include "pl-window-private.h"

/* Recent projects offered on the start pages (the menu lists them all). */
#define RECENT_ON_PAGE 5

static void schedule_sync (PlWindow *self);

/* What plenary-cli or another window commits to the same project appears here within a
 * second: one cheap query a second, and views re-read when something changed. */
static gboolean
on_refresh_timeout (gpointer data)
{
  PlWindow *self = data;
  g_autoptr(GError) error = NULL;

  if (self->project != NULL)
    pl_project_refresh (self->project, &error);
  if (error != NULL)
    g_debug ("Could not look for changes to the project: %s", error->message);
  return G_SOURCE_CONTINUE;
}

/* The coder shown in the header, and the menu to switch to another. */
static void
update_coder (PlWindow *self)
{
  g_autoptr(GPtrArray) coders = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->coder_button), self->coder != NULL);
  g_menu_remove_all (self->coders_section);
  if (self->coder == NULL)
    return;

  gtk_label_set_text (self->coder_label, self->coder->name);
  {
    /* AdwAvatar draws the first letters of the first and last words of its text: the
     * initials, one word each, draw as they are ("AR" would draw "A"). */
    g_autofree char *avatar_text = NULL;

    if (self->coder->initials != NULL && self->coder->initials[0] != '\0')
      {
        g_autoptr(GString) spaced = g_string_new (NULL);

        for (const char *p = self->coder->initials; *p != '\0'; p = g_utf8_next_char (p))
          {
            if (spaced->len > 0)
              g_string_append_c (spaced, ' ');
            g_string_append_unichar (spaced, g_utf8_get_char (p));
          }
        avatar_text = g_string_free (g_steal_pointer (&spaced), FALSE);
      }
    adw_avatar_set_text (self->coder_avatar, avatar_text != NULL ? avatar_text : self->coder->name);
  }
  tooltip = g_strdup_printf (_("Coding as %s: every annotation you make records this coder"), self->coder->name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->coder_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coder_button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);

  coders = pl_project_list_coders (self->project);
  for (guint i = 0; i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (coder->name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.coder", g_variant_new_string (coder->name));
      g_menu_append_item (self->coders_section, item);
    }
}

gboolean
pl_window_set_coder (PlWindow    *self,
                     const char  *name,
                     const char  *initials,
                     const char  *color,
                     GError     **error)
{
  PlCoder *coder;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->project == NULL)
    return FALSE;

  coder = pl_project_ensure_coder (self->project, name, error);
  if (coder == NULL)
    return FALSE;
  /* What is not given stays as it was. */
  if ((initials != NULL || color != NULL)
      && !pl_project_update_coder (self->project, coder->id,
                                   initials != NULL ? initials : coder->initials,
                                   color != NULL ? color : coder->color, error))
    return FALSE;

  pl_settings_set_coder_name (self->settings, coder->name);
  if (self->coder != coder)
    {
      g_clear_pointer (&self->coder, pl_coder_unref);
      self->coder = pl_coder_ref (coder);
    }
  update_coder (self);
  pl_window_notify_coder (self);
  return TRUE;
}

static void
on_coder_dialog_done (PlWindow   *self,
                      const char *name,
                      const char *initials,
                      const char *color)
{
  g_autoptr(GError) error = NULL;

  if (!pl_window_set_coder (self, name, initials, color, &error))
    pl_window_show_error (self, _("Could Not Change the Coder"), error);
}

PlCoderDialog *
pl_window_edit_coder (PlWindow *self,
                      gboolean  new_coder)
{
  PlCoderDialog *dialog;

  g_return_val_if_fail (PL_IS_WINDOW (self), NULL);

  if (new_coder || self->coder == NULL)
    {
      /* The account's name as a guess ("Unknown" is no name). */
      g_autofree char *guess = new_coder ? NULL : pl_settings_dup_coder_name (self->settings);

      dialog = pl_coder_dialog_new (GTK_WINDOW (self), guess, NULL, NULL);
    }
  else
    dialog = pl_coder_dialog_new (GTK_WINDOW (self), self->coder->name, self->coder->initials, self->coder->color);
  g_signal_connect_object (dialog, "done", G_CALLBACK (on_coder_dialog_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
coder_dialog_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  pl_window_edit_coder (PL_WINDOW (widget), g_str_equal (action_name, "win.new-coder"));
}

static void
edit_codebook_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);

  if (self->project == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pl_codebook_editor_new (GTK_WINDOW (self), self->project)));
}

/* The project */

void
pl_window_set_project (PlWindow  *self,
                       PlProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *coder_name = NULL;

  g_return_if_fail (PL_IS_WINDOW (self));
  g_return_if_fail (project == NULL || PL_IS_PROJECT (project));

  if (self->project == project)
    return;

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);

  pl_transcript_view_set_document (self->transcript_view, NULL, NULL, NULL);
  pl_transcript_view_set_document (self->second_view, NULL, NULL, NULL);
  self->active_view = self->transcript_view;
  gtk_widget_set_visible (self->second_pane, FALSE);
  gtk_widget_set_visible (self->first_header, FALSE);
  g_set_object (&self->project, project);
  g_clear_pointer (&self->coder, pl_coder_unref);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (project != NULL)
    self->refresh_source = g_timeout_add_seconds (1, on_refresh_timeout, self);

  pl_window_documents_set_project (self, project);
  pl_tagging_panel_set_project (self->tagging_panel, project);
  pl_code_picker_set_project (self->code_picker, project);

  if (project != NULL)
    {
      g_signal_connect_object (pl_project_get_documents (project), "items-changed",
                               G_CALLBACK (pl_window_update_page), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "codes-changed", G_CALLBACK (pl_window_update_code_css),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "history-changed", G_CALLBACK (pl_window_update_history),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (project, "committed", G_CALLBACK (schedule_sync),
                               self, G_CONNECT_SWAPPED);
      pl_window_update_code_css (self);

      coder_name = pl_settings_dup_coder_name (self->settings);
      self->coder = pl_project_ensure_coder (project, coder_name, &error);
      if (self->coder != NULL)
        pl_coder_ref (self->coder);
      else
        pl_window_show_error (self, _("Could Not Record the Coder"), error);

      if (g_list_model_get_n_items (pl_project_get_documents (project)) > 0)
        {
          g_autoptr(PlDocument) first = g_list_model_get_item (pl_project_get_documents (project), 0);

          pl_window_open_document (self, first);
        }
    }

  update_coder (self);

  pl_window_update_page (self);
  pl_window_update_title (self);
  pl_window_update_history (self);
  pl_window_notify_project (self);
}

/* Writing a live copy back to the user's file (a no-op when the file is edited in place). */

static void show_conflict (PlWindow *self);

static gboolean
sync_now (PlWindow  *self,
          GError   **error)
{
  g_clear_handle_id (&self->sync_source, g_source_remove);

  if (self->file == NULL || !pl_project_file_get_dirty (self->file)
      || pl_project_file_get_conflict (self->file))
    return TRUE;

  return pl_project_file_sync (self->file, error);
}

static gboolean
on_sync_timeout (gpointer user_data)
{
  PlWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->sync_source = 0;
  if (!sync_now (self, &error))
    {
      if (self->file != NULL && pl_project_file_get_conflict (self->file))
        show_conflict (self);
      else
        pl_window_show_toast (self, error->message);
    }
  return G_SOURCE_REMOVE;
}

static void
schedule_sync (PlWindow *self)
{
  if (self->file == NULL || pl_project_file_get_mode (self->file) != PL_PROJECT_FILE_LIVE_COPY)
    return;

  /* Bursts of actions are written back together, shortly after the last one. */
  g_clear_handle_id (&self->sync_source, g_source_remove);
  self->sync_source = g_timeout_add_seconds (2, on_sync_timeout, self);
}

static void
on_conflict_response (PlWindow   *self,
                      const char *response)
{
  g_autoptr(GError) error = NULL;

  if (self->file == NULL || g_strcmp0 (response, "later") == 0)
    return;

  if (!pl_project_file_resolve_conflict (self->file, g_strcmp0 (response, "keep-mine") == 0, &error))
    pl_window_show_error (self, _("Could Not Save the Project"), error);
}

static void
show_conflict (PlWindow *self)
{
  g_autofree char *name = g_filename_display_basename (pl_project_file_get_path (self->file));
  g_autofree char *body = g_strdup_printf (_("“%s” was changed outside Plenary while changes you made here "
                                             "were waiting to be written to it. Keep your version, "
                                             "or replace it with the other one?"), name);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Project Changed Outside Plenary"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Decide Later"),
                                    "take-theirs", _("Use the _Other Version"),
                                    "keep-mine", _("_Keep My Version"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "take-theirs",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep-mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep-mine");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_file_project_changed (PlWindow      *self,
                         GParamSpec    *pspec,
                         PlProjectFile *file)
{
  pl_window_set_project (self, pl_project_file_get_project (file));
}

/* Writes back and closes the current file; the changes stay safe in the live copy when
 * this fails, and are written back when the project is next opened. */
static void
close_file (PlWindow *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->sync_source, g_source_remove);
  if (self->file == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->file, self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (pl_project_get_documents (self->project), self);
  pl_window_set_project (self, NULL);
  if (!pl_project_file_close (self->file, &error))
    g_warning ("Could not write “%s” back: %s", pl_project_file_get_path (self->file), error->message);
  g_clear_object (&self->file);
}

gboolean
pl_window_open_project_path (PlWindow    *self,
                             const char  *path,
                             gboolean     create,
                             GError     **error)
{
  g_autoptr(PlProjectFile) file = NULL;

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = pl_project_file_open (path, create ? PL_PROJECT_OPEN_CREATE : PL_PROJECT_OPEN_DEFAULT,
                               pl_project_file_default_mode (), NULL, error);
  if (file == NULL)
    return FALSE;

  /* A new project codes blind when the preference says team projects do. */
  if (create && pl_settings_get_blind_mode_default (self->settings)
      && !pl_project_set_blind (pl_project_file_get_project (file), TRUE, error))
    return FALSE;

  close_file (self);
  self->file = g_steal_pointer (&file);
  g_signal_connect_object (self->file, "notify::project", G_CALLBACK (on_file_project_changed),
                           self, G_CONNECT_SWAPPED);
  pl_window_set_project (self, pl_project_file_get_project (self->file));
  pl_settings_set_last_project (self->settings, path);
  pl_settings_add_recent_project (self->settings, path);

  if (pl_project_file_get_conflict (self->file))
    show_conflict (self);
  return TRUE;
}

gboolean
pl_window_close_project (PlWindow  *self,
                         GError   **error)
{
  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);

  if (!sync_now (self, error))
    return FALSE;
  close_file (self);
  return TRUE;
}

/* Recent projects and the demo */

static char *
project_display_name (const char *path)
{
  g_autofree char *name = g_filename_display_basename (path);

  if (g_str_has_suffix (name, ".plenary"))
    name[strlen (name) - strlen (".plenary")] = '\0';
  return g_steal_pointer (&name);
}

static GtkWidget *
recent_list (PlWindow           *self,
             const char * const *recent)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Recent Projects"));
  GtkWidget *list = gtk_list_box_new ();
  guint n = 0;

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_top (box, 12);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recent projects"), -1);

  for (guint i = 0; recent[i] != NULL && n < RECENT_ON_PAGE; i++, n++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *name = project_display_name (recent[i]);
      g_autofree char *folder = g_path_get_dirname (recent[i]);
      g_autofree char *folder_name = g_filename_display_name (folder);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder_name);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_widget_set_tooltip_text (row, recent[i]);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-recent");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", recent[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), list);
  return box;
}

static void
fill_recent_page (PlWindow           *self,
                  GtkBox             *holder,
                  const char * const *recent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (holder))) != NULL)
    gtk_box_remove (holder, child);
  if (recent[0] != NULL)
    gtk_box_append (holder, recent_list (self, recent));
}

/* The recent projects but the one open, in the main menu and on the start pages. */
static void
update_recent (PlWindow *self)
{
  g_auto(GStrv) saved = pl_settings_dup_recent_projects (self->settings);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  const char *open = self->file != NULL ? pl_project_file_get_path (self->file) : NULL;

  for (guint i = 0; saved[i] != NULL; i++)
    if (g_strcmp0 (saved[i], open) != 0)
      g_strv_builder_add (builder, saved[i]);
  recent = g_strv_builder_end (builder);

  g_menu_remove_all (self->recent_section);
  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autofree char *name = project_display_name (recent[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (NULL, NULL);

      /* A file name is not a mnemonic. */
      g_menu_item_set_attribute (item, G_MENU_ATTRIBUTE_LABEL, "s", name);
      g_menu_item_set_action_and_target_value (item, "win.open-recent", g_variant_new_string (recent[i]));
      g_menu_append_item (self->recent_section, item);
    }
  fill_recent_page (self, self->no_project_recent, (const char * const *)recent);
  fill_recent_page (self, self->no_documents_recent, (const char * const *)recent);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pl_window_open_project_path (self, g_variant_get_string (parameter, NULL), FALSE, &error))
    pl_window_show_error (self, _("Could Not Open the Project"), error);
}

gboolean
pl_window_open_demo (PlWindow  *self,
                     GError   **error)
{
  g_autofree char *path = pl_application_dup_demo_path ();
  g_autofree char *folder = g_path_get_dirname (path);

  g_return_val_if_fail (PL_IS_WINDOW (self), FALSE);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(PlProject) demo = NULL;

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Could not create the folder “%s”."), folder);
          return FALSE;
        }

      demo = pl_demo_create (path, error);
      if (demo == NULL)
        {
          g_unlink (path);
          return FALSE;
        }
    }

  return pl_window_open_project_path (self, path, FALSE, error);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!pl_window_open_demo (self, &error))
    pl_window_show_error (self, _("Could Not Open the Demo Project"), error);
}

/* New, open, save a copy */

static const char *project_patterns[] = { "*.plenary", NULL };

static void
add_project_filter (GtkFileChooserNative *chooser)
{
  pl_file_chooser_add_filter (chooser, _("Plenary projects"), project_patterns, "application/x-plenary-project");
}

/* The local path chosen, or NULL with the error shown under @heading. */
static char *
chosen_path (PlWindow             *self,
             GtkFileChooserNative *chooser,
             const char           *heading,
             const char           *not_local)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autoptr(GError) error = NULL;
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, not_local);
      pl_window_show_error (self, heading, error);
    }
  return path;
}

static void
open_chosen_project (PlWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser,
                     gboolean              create)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = chosen_path (self, chooser, _("Could Not Open the Project"),
                        _("Plenary can only open projects stored as local files."));
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;

  if (create && !g_str_has_suffix (path, ".plenary"))
    {
      char *with_suffix = g_strconcat (path, ".plenary", NULL);

      g_free (path);
      path = with_suffix;
    }

  if (create && g_file_test (path, G_FILE_TEST_EXISTS) && g_remove (path) != 0)
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno),
                   _("“%s” could not be replaced: %s"), name, g_strerror (errno));
      pl_window_show_error (self, _("Could Not Create the Project"), error);
      return;
    }

  if (!pl_window_open_project_path (self, path, create, &error))
    pl_window_show_error (self, create ? _("Could Not Create the Project") : _("Could Not Open the Project"), error);
}

static void
on_new_response (PlWindow             *self,
                 int                   response,
                 GtkFileChooserNative *chooser)
{
  open_chosen_project (self, response, chooser, TRUE);
}

static void
on_open_response (PlWindow             *self,
                  int                   response,
                  GtkFileChooserNative *chooser)
{
  open_chosen_project (self, response, chooser, FALSE);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = pl_window_new_chooser (self, _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Create"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Untitled project.plenary"));
  add_project_filter (chooser);
  pl_file_chooser_show (chooser, G_CALLBACK (on_new_response), self);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = pl_window_new_chooser (self, _("Open Project"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  add_project_filter (chooser);
  pl_file_chooser_show (chooser, G_CALLBACK (on_open_response), self);
}

static void
on_save_copy_response (PlWindow             *self,
                       int                   response,
                       GtkFileChooserNative *chooser)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = chosen_path (self, chooser, _("Could Not Save the Copy"),
                        _("Plenary can only save copies as local files."));
  g_clear_object (&self->chooser);
  if (path == NULL)
    return;

  if (!pl_project_save_copy (self->project, path, &error))
    pl_window_show_error (self, _("Could Not Save the Copy"), error);
  else
    pl_window_show_toast (self, _("Copy saved"));
}

static void
save_copy_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlWindow *self = PL_WINDOW (widget);
  g_autofree char *title = NULL;
  g_autofree char *suggested = NULL;
  GtkFileChooserNative *chooser;

  if (self->project == NULL)
    return;

  title = pl_project_dup_title (self->project);
  suggested = g_strdup_printf (_("%s (copy).plenary"), title);
  chooser = pl_window_new_chooser (self, _("Save a Copy"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  add_project_filter (chooser);
  pl_file_chooser_show (chooser, G_CALLBACK (on_save_copy_response), self);
}

void
pl_window_project_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.save-copy", NULL, save_copy_action);
  gtk_widget_class_install_action (widget_class, "win.edit-coder", NULL, coder_dialog_action);
  gtk_widget_class_install_action (widget_class, "win.edit-codebook", NULL, edit_codebook_action);
  gtk_widget_class_install_action (widget_class, "win.new-coder", NULL, coder_dialog_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
}

void
pl_window_project_init (PlWindow *self)
{
  /* Any window's opening puts a project first: every window's list follows. */
  g_signal_connect_object (self->settings, "recent-changed", G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::project", G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);
  update_coder (self);
}

void
pl_window_project_dispose (PlWindow *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  close_file (self);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  g_clear_object (&self->file);
}
