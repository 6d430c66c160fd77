/* pl-application.c — the Plenary application
 *
 * `plenary [PROJECT]` opens PROJECT; with no argument, the last project, else the demo
 * project (created on first run in the user's data folder).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-application.h"
#include "pl-settings.h"
#include "pl-coder-dialog.h"
#include "pl-project-exercise.h"
#include "pl-window.h"

struct _PlApplication
{
  AdwApplication  parent_instance;
  PlSettings     *settings;
  gboolean        demo;
};

G_DEFINE_FINAL_TYPE (PlApplication, pl_application, ADW_TYPE_APPLICATION)

char *
pl_application_dup_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "plenary", _("Demo project.plenary"), NULL);
}

static PlWindow *
new_window (PlApplication *self)
{
  PlWindow *window = pl_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
report_error (PlWindow     *window,
              const char   *heading,
              const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_coder_once (PlApplication *self,
                GParamSpec    *pspec,
                PlWindow      *window)
{
  g_autofree char *saved = pl_settings_dup_saved_coder_name (self->settings);

  if (pl_window_get_project (window) == NULL)
    return;
  g_signal_handlers_disconnect_by_func (window, ask_coder_once, self);
  if (saved[0] == '\0')
    pl_window_edit_coder (window, FALSE);
}

static void
pl_application_activate (GApplication *application)
{
  PlApplication *self = PL_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  PlWindow *window;

  if (active != NULL)
    {
      gtk_window_present (active);
      return;
    }

  window = new_window (self);
  last = pl_settings_dup_last_project (self->settings);

  /* The first time, ask who is coding (prefilled with the account's name). */
  g_signal_connect_object (window, "notify::project", G_CALLBACK (ask_coder_once), self, G_CONNECT_SWAPPED);

  if (!self->demo && last[0] != '\0' && g_file_test (last, G_FILE_TEST_EXISTS))
    {
      if (pl_window_open_project_path (window, last, FALSE, &error))
        return;
      report_error (window, _("Could Not Open the Last Project"), error);
      g_clear_error (&error);
    }

  if (!pl_window_open_demo (window, &error))
    report_error (window, _("Could Not Open the Demo Project"), error);
}

static void
pl_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PlApplication *self = PL_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_file_get_path (files[i]);
      PlWindow *window = new_window (self);

      if (path == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("Plenary can only open projects stored as local files."));

      if (path != NULL && g_str_has_suffix (path, PL_EXERCISE_EXTENSION))
        {
          if (!pl_window_open_exercise_file (window, path, &error))
            report_error (window, _("Could Not Open the Exercise"), error);
          continue;
        }
      if (path != NULL && g_str_has_suffix (path, PL_HANDIN_EXTENSION))
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _("A hand-in is collected into the project that made its exercise: open "
                       "that project and choose Collect Hand-ins…."));

      if (path == NULL || error != NULL || !pl_window_open_project_path (window, path, FALSE, &error))
        report_error (window, _("Could Not Open the Project"), error);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  PlApplication *self = user_data;
  static const char *developers[] = { "The Plenary developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Plenary"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Plenary developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Code what delegations say at the UN on cyber security, and export the dataset."),
                         "website", "https://github.com/plenary/plenary",
                         "issue-url", "https://github.com/plenary/plenary/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "copyright", "© 2026 The Plenary developers",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
pl_application_startup (GApplication *application)
{
  PlApplication *self = PL_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.new-project", { "<Control>n", NULL } },
    { "win.open-project", { "<Control>o", NULL } },
    { "win.save-copy", { "<Control><Shift>s", NULL } },
    { "win.import", { "<Control>i", NULL } },
    { "win.export::csv", { "<Control>e", NULL } },
    { "win.export::json", { "<Control><Shift>e", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.split-view", { "F8", NULL } },
    { "win.edit-codebook", { "<Control>b", NULL } },
    { "win.preferences", { "<Control>comma", NULL } },
    { "win.help", { "F1", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (pl_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action, accels[i].accels);

  self->settings = pl_settings_new ();
  pl_settings_bind_style (self->settings, adw_style_manager_get_default ());
}

static int
pl_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  PlApplication *self = PL_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("plenary %s\n", PACKAGE_VERSION);
      return 0;
    }

  self->demo = g_variant_dict_contains (options, "demo");
  return -1;
}

static void
pl_application_finalize (GObject *object)
{
  PlApplication *self = (PlApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pl_application_parent_class)->finalize (object);
}

static void
pl_application_class_init (PlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = pl_application_finalize;
  app_class->activate = pl_application_activate;
  app_class->open = pl_application_open;
  app_class->startup = pl_application_startup;
  app_class->handle_local_options = pl_application_handle_local_options;
}

static void
pl_application_init (PlApplication *self)
{
  static const GOptionEntry options[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Open the demo project (created on first use)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[PROJECT…]"));
}

PlApplication *
pl_application_new (void)
{
  return g_object_new (PL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/plenary/Plenary",
                       NULL);
}
