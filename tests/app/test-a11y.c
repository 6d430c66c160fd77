/* test-a11y.c — every control a screen reader meets has a name, in every window
 *
 * Runs with GTK's test accessibility backend (GTK_A11Y=test) and walks each window's
 * widgets as an assistive technology sees them (pl-a11y-check.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>

#include "pl-codebook-editor.h"
#include "pl-demo.h"
#include "pl-export-dialog.h"
#include "pl-window-private.h"
#include "pl-a11y-check.h"
#include "pl-test-util.h"

static char *tmp_dir;

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static PlProject *
demo_project (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  PlProject *project = pl_demo_create (path, &error);

  g_assert_no_error (error);
  return project;
}

static PlWindow *
new_window (PlProject *project)
{
  PlWindow *window = pl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  return window;
}

static void
test_main_window (void)
{
  g_autoptr(PlProject) project = demo_project ("main.plenary");
  PlWindow *window = new_window (project);

  pl_a11y_check_assert_named (GTK_WIDGET (window), "the main window");

  /* Side by side. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.split-view", NULL));
  spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (window), "the main window, side by side");

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_codebook_editor (void)
{
  g_autoptr(PlProject) project = demo_project ("editor.plenary");
  PlWindow *window = new_window (project);
  PlCodebookEditor *editor = pl_codebook_editor_new (GTK_WINDOW (window), project);

  gtk_window_present (GTK_WINDOW (editor));
  spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (editor), "the codebook editor");

  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_export_dialog (void)
{
  g_autoptr(PlProject) project = demo_project ("export.plenary");
  PlWindow *window = new_window (project);
  PlExportDialog *dialog;

  dialog = pl_export_dialog_new (GTK_WINDOW (window), project, PL_EXPORT_FORMAT_CSV,
                                 pl_transcript_view_get_document (pl_window_get_transcript_view (window)),
                                 NULL, pl_window_get_coder (window));
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (dialog), "the export dialog");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

static void
test_coder_dialog (void)
{
  g_autoptr(PlProject) project = demo_project ("coder.plenary");
  PlWindow *window = new_window (project);
  PlCoderDialog *dialog = pl_window_edit_coder (window, FALSE);

  spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (dialog), "the coder dialog");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("plenary-a11y-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  {
    g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }

  g_test_init (&argc, &argv, NULL);
  pl_a11y_check_init ();
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  g_test_add_func ("/a11y/main-window", test_main_window);
  g_test_add_func ("/a11y/codebook-editor", test_codebook_editor);
  g_test_add_func ("/a11y/export-dialog", test_export_dialog);
  g_test_add_func ("/a11y/coder-dialog", test_coder_dialog);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
