/* test-a11y-dialogs.c — every control a screen reader meets has a name, in the dialogs:
 * the codebook editor, export, coder, Preferences
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
#include "pl-export-dialog.h"
#include "pl-a11y-check.h"
#include "pl-preferences-window.h"
#include "pl-coder-dialog.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

static char *tmp_dir;

static void
test_codebook_editor (void)
{
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, "editor.plenary");
  PlCodebookEditor *editor = pl_codebook_editor_new (NULL, project);

  gtk_window_present (GTK_WINDOW (editor));
  pl_ui_test_spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (editor), "the codebook editor");

  gtk_window_destroy (GTK_WINDOW (editor));
  pl_ui_test_spin ();
}

static void
test_export_dialog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, "export.plenary");
  g_autoptr(PlDocument) document = g_list_model_get_item (pl_project_get_documents (project), 0);
  PlCoder *coder = pl_project_ensure_coder (project, "Ana Ruiz", &error);
  PlExportDialog *dialog;

  g_assert_no_error (error);
  dialog = pl_export_dialog_new (NULL, project, PL_EXPORT_FORMAT_CSV, document,
                                 pl_project_lookup_code (project, "THR.CI"), coder);
  gtk_window_present (GTK_WINDOW (dialog));
  pl_ui_test_spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (dialog), "the export dialog");

  gtk_window_destroy (GTK_WINDOW (dialog));
  pl_ui_test_spin ();
}

static void
test_coder_dialog (void)
{
  PlCoderDialog *dialog = pl_coder_dialog_new (NULL, "Ana Ruiz", "AR", NULL);

  gtk_window_present (GTK_WINDOW (dialog));
  pl_ui_test_spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (dialog), "the coder dialog");

  gtk_window_destroy (GTK_WINDOW (dialog));
  pl_ui_test_spin ();
}

static void
test_preferences (void)
{
  g_autoptr(PlSettings) settings = pl_settings_new ();
  PlPreferencesWindow *preferences = pl_preferences_window_new (NULL, settings);

  gtk_window_present (GTK_WINDOW (preferences));
  pl_ui_test_spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (preferences), "the Preferences");
  gtk_window_destroy (GTK_WINDOW (preferences));
  pl_ui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pl_a11y_check_init ();
  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-a11y-dialogs");
  if (tmp_dir == NULL)
    return 77;

  g_test_add_func ("/a11y/codebook-editor", test_codebook_editor);
  g_test_add_func ("/a11y/export-dialog", test_export_dialog);
  g_test_add_func ("/a11y/coder-dialog", test_coder_dialog);
  g_test_add_func ("/a11y/preferences", test_preferences);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

