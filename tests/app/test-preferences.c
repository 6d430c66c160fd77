/* test-preferences.c — the Preferences window, and messages that replace each other
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>

#include "pl-export-dialog.h"
#include "pl-preferences-window.h"
#include "pl-settings.h"
#include "pl-window-private.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static PlPreferencesWindow *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PL_IS_PREFERENCES_WINDOW (window))
        return PL_PREFERENCES_WINDOW (window);
    }
  return NULL;
}

static GtkSwitch *
switch_of_row (GtkWidget  *root,
               const char *title)
{
  GtkWidget *row = pl_ui_test_find (root, ADW_TYPE_ACTION_ROW, pl_ui_test_row_titled, title);

  g_assert_nonnull (row);
  return GTK_SWITCH (pl_ui_test_find (row, GTK_TYPE_SWITCH, NULL, NULL));
}

/* Preferences: the style, the text size, the defaults; each through the settings object. */
static void
test_preferences (void)
{
  g_autofree char *path = pl_ui_test_project_file (tmp_dir, "prefs.plenary", TRUE, "Kenya spoke.");
  g_autoptr(PlSettings) settings = pl_settings_new ();
  PlWindow *window = pl_ui_test_window_on (path);
  PlPreferencesWindow *preferences;
  PlExportDialog *export;
  GtkWidget *style;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  pl_ui_test_spin ();
  preferences = find_preferences ();
  g_assert_nonnull (preferences);

  pl_ui_test_settle ();
  pl_ui_test_save_screenshot (GTK_WIDGET (preferences), "preferences");
  style = pl_ui_test_find (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, pl_ui_test_row_titled, "Style");
  g_assert_nonnull (style);
  adw_combo_row_set_selected (ADW_COMBO_ROW (style), 2);
  g_assert_cmpint (pl_settings_get_style_variant (settings), ==, PL_STYLE_VARIANT_DARK);
  adw_combo_row_set_selected (ADW_COMBO_ROW (style), 0);
  g_assert_cmpint (pl_settings_get_style_variant (settings), ==, PL_STYLE_VARIANT_DEFAULT);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (pl_ui_test_find (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, NULL, NULL)), 150);
  g_assert_cmpfloat_with_epsilon (pl_settings_get_text_scale (settings), 1.5, 0.001);
  g_assert_cmpfloat_with_epsilon (pl_transcript_view_get_text_scale (pl_window_get_transcript_view (window)), 1.5, 0.001);
  pl_settings_set_text_scale (settings, 1.0);

  gtk_switch_set_active (switch_of_row (GTK_WIDGET (preferences), "Code Blind by Default"), TRUE);
  g_assert_true (pl_settings_get_blind_mode_default (settings));

  /* The export dialog's switch starts where the Preferences put it. */
  gtk_switch_set_active (switch_of_row (GTK_WIDGET (preferences), "Safe for Spreadsheets by Default"), TRUE);
  g_assert_true (pl_settings_get_spreadsheet_safe_export (settings));
  export = pl_export_dialog_new (GTK_WINDOW (window), pl_window_get_project (window), PL_EXPORT_FORMAT_CSV, NULL, NULL, NULL);
  {
    g_autoptr(PlExportOptions) options = pl_export_dialog_dup_options (export);

    g_assert_true (options->spreadsheet_safe);
  }
  gtk_window_destroy (GTK_WINDOW (export));
  gtk_switch_set_active (switch_of_row (GTK_WIDGET (preferences), "Safe for Spreadsheets by Default"), FALSE);
  gtk_switch_set_active (switch_of_row (GTK_WIDGET (preferences), "Code Blind by Default"), FALSE);

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

/* The titles of the toasts the window holds, shown or waiting, once those going away are
 * gone. */
static char *
toast_titles (PlWindow *window)
{
  GString *titles = g_string_new (NULL);
  GtkWidget *overlay = GTK_WIDGET (window->toast_overlay);

  pl_ui_test_settle ();
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
      {
        GtkWidget *label = pl_ui_test_find (child, GTK_TYPE_LABEL, NULL, NULL);

        g_string_append_printf (titles, "%s%s", titles->len > 0 ? " | " : "", gtk_label_get_text (GTK_LABEL (label)));
      }
  return g_string_free (titles, FALSE);
}

static void
on_export_done (PlExportDialog *dialog,
                const GError   *error,
                gboolean       *done)
{
  g_assert_no_error (error);
  *done = TRUE;
}

/* A new message replaces the one shown at once; the export's names its file. */
static void
test_toasts (void)
{
  g_autofree char *path = pl_ui_test_project_file (tmp_dir, "toasts.plenary", TRUE, "States should protect critical infrastructure.");
  g_autofree char *csv = tmp_path ("toasts.csv");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autofree char *uri = g_file_get_uri (file);
  PlWindow *window = pl_ui_test_window_on (path);
  PlTranscriptView *view = pl_window_get_transcript_view (window);
  PlExportDialog *dialog = NULL;
  g_autofree char *titles = NULL;
  gboolean done = FALSE;
  AdwToast *toast;

  pl_transcript_view_select_range (view, 22, 45);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", "THR.CI"));
  g_assert_true (g_str_has_prefix (adw_toast_get_title (pl_window_get_toast (window)), "Coded as"));

  /* Undo at once, while the toast still slides in: it says "Undone", and nothing waits. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_true (g_str_has_prefix (adw_toast_get_title (pl_window_get_toast (window)), "Undone"));
  titles = toast_titles (window);
  g_assert_true (g_str_has_prefix (titles, "Undone"));
  g_assert_null (strstr (titles, "|"));
  g_clear_pointer (&titles, g_free);

  /* Redo later: "Redone" replaces it, and "Undone" does not come back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (g_str_has_prefix (adw_toast_get_title (pl_window_get_toast (window)), "Redone"));
  titles = toast_titles (window);
  g_assert_true (g_str_has_prefix (titles, "Redone"));
  g_assert_null (strstr (titles, "Undone"));

  /* Export through the window's action: the toast names the file and opens it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", "s", "csv"));
  pl_ui_test_spin ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (PL_IS_EXPORT_DIALOG (item))
          dialog = PL_EXPORT_DIALOG (item);
      }
  }
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "done", G_CALLBACK (on_export_done), &done);
  pl_export_dialog_export_to (dialog, file);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  pl_ui_test_spin ();

  toast = pl_window_get_toast (window);
  g_assert_nonnull (toast);
  g_assert_nonnull (strstr (adw_toast_get_title (toast), "toasts.csv"));
  g_assert_cmpstr (adw_toast_get_button_label (toast), ==, "_Open");
  g_assert_cmpstr (adw_toast_get_action_name (toast), ==, "win.open-uri");
  g_assert_cmpstr (g_variant_get_string (adw_toast_get_action_target_value (toast), NULL), ==, uri);
  pl_ui_test_settle ();
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "export-toast");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-preferences");
  if (tmp_dir == NULL)
    return 77;

  g_test_add_func ("/preferences/window", test_preferences);
  g_test_add_func ("/preferences/toasts", test_toasts);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

