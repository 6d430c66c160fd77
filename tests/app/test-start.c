/* test-start.c — a new user's first minutes: who is coding, empty projects, the demo,
 * recent projects, Preferences, help, messages, dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>

#include "pl-codebook.h"
#include "pl-document-row.h"
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

/* A project file with the starter codebook (or none) and @text as its one document (or
 * none); closed, ready to be opened by a window. */
static char *
project_file (const char *name,
              gboolean    codebook,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = tmp_path (name);
  g_autoptr(PlProject) project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);

  g_assert_no_error (error);
  if (codebook)
    g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 0);
  if (text != NULL)
    g_assert_nonnull (pl_project_add_document (project, "Statement", text, NULL, &error));
  g_assert_no_error (error);
  pl_project_close (project);
  return path;
}

static PlWindow *
window_on (const char *path)
{
  g_autoptr(GError) error = NULL;
  PlWindow *window = pl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  if (path != NULL)
    g_assert_true (pl_window_open_project_path (window, path, FALSE, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  pl_ui_test_spin ();
  return window;
}

static gboolean
row_titled (GtkWidget     *widget,
            gconstpointer  title)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
shown_with_action (GtkWidget     *widget,
                   gconstpointer  action)
{
  return gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/* The initials an AdwAvatar draws: the text of its label. */
static const char *
avatar_initials (AdwAvatar *avatar)
{
  GtkWidget *label = pl_ui_test_find (GTK_WIDGET (avatar), GTK_TYPE_LABEL, NULL, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* First run: the dialog opens with the focus in the name (typing replaces the guess, a space
 * is a space), Enter saves; a rename gives new initials. */
static void
test_first_run (void)
{
  g_autofree char *path = project_file ("first-run.plenary", TRUE, "Kenya spoke.");
  PlWindow *window = window_on (path);
  PlCoderDialog *dialog = pl_window_edit_coder (window, FALSE);
  GtkWidget *name_row, *focus;
  int start, end;

  pl_ui_test_spin ();
  pl_ui_test_save_screenshot (GTK_WIDGET (dialog), "first-run-coder");
  name_row = pl_ui_test_find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, row_titled, "Name");
  g_assert_nonnull (name_row);
  focus = gtk_root_get_focus (GTK_ROOT (dialog));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, name_row));
  /* The guess is selected: what is typed replaces it. */
  if (gtk_editable_get_text (GTK_EDITABLE (name_row))[0] != '\0')
    {
      g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), &start, &end));
      g_assert_cmpint (end - start, ==, g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (name_row)), -1));
    }

  /* A space goes into the name (the focus is a text, not a button). */
  gtk_editable_set_text (GTK_EDITABLE (focus), "Ana");
  gtk_editable_set_position (GTK_EDITABLE (focus), -1);
  gtk_editable_insert_text (GTK_EDITABLE (focus), " Ruiz", -1, &(int) { 3 });
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Ana Ruiz");

  /* Enter in the name saves. */
  g_signal_emit_by_name (focus, "activate");
  pl_ui_test_spin ();
  g_assert_cmpstr (pl_window_get_coder_name (window), ==, "Ana Ruiz");
  g_assert_cmpstr (pl_window_get_coder (window)->initials, ==, "AR");
  g_assert_cmpstr (avatar_initials (window->coder_avatar), ==, "AR");

  /* Editing the profile and renaming: the old initials do not stay. */
  dialog = pl_window_edit_coder (window, FALSE);
  pl_ui_test_spin ();
  pl_coder_dialog_set_name (dialog, "Bea Lund");
  g_assert_true (pl_coder_dialog_save (dialog));
  pl_ui_test_spin ();
  g_assert_cmpstr (pl_window_get_coder (window)->initials, ==, "BL");
  g_assert_cmpstr (avatar_initials (window->coder_avatar), ==, "BL");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

/* An empty project says what to do; the codes panel says where codes come from. */
static void
test_empty_project (void)
{
  g_autofree char *path = project_file ("empty.plenary", FALSE, NULL);
  g_autoptr(GError) error = NULL;
  PlWindow *window = window_on (path);

  g_assert_cmpstr (pl_window_get_page (window), ==, "no-documents");
  g_assert_true (pl_tagging_panel_is_empty (pl_window_get_tagging_panel (window)));
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "empty-project");
  /* The page offers Import and the demo, ready to use. */
  {
    GtkWidget *import = pl_ui_test_find (GTK_WIDGET (window->stack), GTK_TYPE_BUTTON, shown_with_action, "win.import");
    GtkWidget *demo = pl_ui_test_find (GTK_WIDGET (window->stack), GTK_TYPE_BUTTON, shown_with_action, "win.open-demo");

    g_assert_nonnull (import);
    g_assert_nonnull (demo);
    g_assert_true (gtk_widget_is_sensitive (import));
    g_assert_true (gtk_widget_is_sensitive (demo));
  }

  /* A code added in the codebook editor fills the panel. */
  {
    PlCodeSpec spec = { .name = "Ransomware", .codable = TRUE };

    g_assert_nonnull (pl_project_add_code (pl_window_get_project (window), &spec, &error));
    g_assert_no_error (error);
    pl_ui_test_spin ();
    g_assert_false (pl_tagging_panel_is_empty (pl_window_get_tagging_panel (window)));
  }

  /* A document: the text shows. */
  g_assert_nonnull (pl_project_add_document (pl_window_get_project (window), "First", "Kenya spoke.", NULL, &error));
  pl_ui_test_spin ();
  g_assert_cmpstr (pl_window_get_page (window), !=, "no-documents");

  /* No project at all: new, open, the demo. */
  g_assert_true (pl_window_close_project (window, &error));
  g_assert_cmpstr (pl_window_get_page (window), ==, "no-project");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

static void
test_demo_and_recent (void)
{
  g_autofree char *one = project_file ("one.plenary", TRUE, "Kenya spoke.");
  g_autofree char *two = project_file ("two.plenary", TRUE, "Chile spoke.");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSettings) settings = pl_settings_new ();
  g_auto(GStrv) recent = NULL;
  PlWindow *window = window_on (NULL);
  gboolean listed = FALSE;

  g_assert_cmpstr (pl_window_get_page (window), ==, "no-project");

  /* "Open the Demo Project": three coded documents, the first open. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL));
  pl_ui_test_spin ();
  g_assert_nonnull (pl_window_get_project (window));
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (pl_window_get_project (window))), ==, 3);
  g_assert_cmpstr (pl_window_get_page (window), ==, "document");

  g_assert_true (pl_window_open_project_path (window, one, FALSE, &error));
  g_assert_true (pl_window_open_project_path (window, two, FALSE, &error));
  g_assert_no_error (error);

  /* Newest first, every window's menu offers the others. */
  recent = pl_settings_dup_recent_projects (settings);
  g_assert_cmpstr (recent[0], ==, two);
  g_assert_cmpstr (recent[1], ==, one);
  for (int i = 0; i < g_menu_model_get_n_items (G_MENU_MODEL (window->recent_section)); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (G_MENU_MODEL (window->recent_section), i,
                                                                          G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);

      g_assert_cmpstr (g_variant_get_string (target, NULL), !=, two);   /* not the one open */
      listed |= g_str_equal (g_variant_get_string (target, NULL), one);
    }
  g_assert_true (listed);

  /* Opening one from the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", one));
  pl_ui_test_spin ();
  g_assert_cmpstr (pl_document_get_title (pl_transcript_view_get_document (pl_window_get_transcript_view (window))), ==, "Statement");
  g_strfreev (recent);
  recent = pl_settings_dup_recent_projects (settings);
  g_assert_cmpstr (recent[0], ==, one);

  /* The start page lists them too. */
  g_assert_true (pl_window_close_project (window, &error));
  g_assert_nonnull (pl_ui_test_find (GTK_WIDGET (window->no_project_recent), ADW_TYPE_ACTION_ROW, row_titled, "two"));
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "no-project");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
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
  GtkWidget *row = pl_ui_test_find (root, ADW_TYPE_ACTION_ROW, row_titled, title);

  g_assert_nonnull (row);
  return GTK_SWITCH (pl_ui_test_find (row, GTK_TYPE_SWITCH, NULL, NULL));
}

/* Preferences: the style, the text size, the defaults; each through the settings object. */
static void
test_preferences (void)
{
  g_autofree char *path = project_file ("prefs.plenary", TRUE, "Kenya spoke.");
  g_autoptr(PlSettings) settings = pl_settings_new ();
  PlWindow *window = window_on (path);
  PlPreferencesWindow *preferences;
  PlExportDialog *export;
  GtkWidget *style;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  pl_ui_test_spin ();
  preferences = find_preferences ();
  g_assert_nonnull (preferences);

  pl_ui_test_save_screenshot (GTK_WIDGET (preferences), "preferences");
  style = pl_ui_test_find (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, row_titled, "Style");
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
  g_autofree char *path = project_file ("toasts.plenary", TRUE, "States should protect critical infrastructure.");
  g_autofree char *csv = tmp_path ("toasts.csv");
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autofree char *uri = g_file_get_uri (file);
  PlWindow *window = window_on (path);
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
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "export-toast");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

/* One date format in the documents list, the locale's (the C locale here). */
static void
test_dates (void)
{
  g_autofree char *formatted = pl_document_row_format_date ("2023-12-14");
  g_autofree char *other = pl_document_row_format_date ("14 December 2023");
  g_autofree char *path = project_file ("dates.plenary", TRUE, "Kenya spoke.");
  g_autoptr(GError) error = NULL;
  PlWindow *window;
  PlDocument *document;
  GtkWidget *row;
  gboolean found = FALSE;

  g_assert_cmpstr (formatted, ==, "14 Dec 2023");
  g_assert_cmpstr (other, ==, "14 December 2023");
  g_assert_null (pl_document_row_format_date (NULL));

  window = window_on (path);
  document = pl_transcript_view_get_document (pl_window_get_transcript_view (window));
  g_assert_true (pl_project_set_document_metadata (pl_window_get_project (window), pl_document_get_id (document),
                                                   "date", "2023-12-14", &error));
  g_assert_true (pl_project_set_document_metadata (pl_window_get_project (window), pl_document_get_id (document),
                                                   "session", "6th session", &error));
  g_assert_no_error (error);
  pl_ui_test_spin ();

  row = pl_ui_test_find (GTK_WIDGET (window), PL_TYPE_DOCUMENT_ROW, NULL, NULL);
  g_assert_nonnull (row);
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), "14 Dec 2023 · 6th session") == 0)
      found = TRUE;
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

static gboolean
is_shown (GtkWidget     *widget,
          gconstpointer  data)
{
  return gtk_widget_get_mapped (widget);
}

/* Help is a key away; the shortcuts window shows the coding keys first and fits a small
 * screen page by page. */
static void
test_help_and_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/io/github/plenary/Plenary/gtk/help-overlay.ui");
  GtkWindow *shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  PlWindow *window = window_on (NULL);
  static const char *sections[] = { "coding", "moving", "documents" };
  GLogLevelFlags fatal;
  int width, height;

  /* F1 opens the help (help:plenary, launched through the desktop or the portal). */
  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (window), "F1", "win.help"));

  /* GTK 4.8's shortcuts window measures one of its own labels negative and warns: not
   * fatal here. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  /* The first page shows the coding keys; each page fits a 1024×600 screen (GTK's own
   * layout made the window 1,600 pixels wide, the coding keys on its second page). */
  gtk_window_present (shortcuts);
  pl_ui_test_spin ();
  {
    g_autofree char *section = NULL;
    GtkWidget *first_group;
    g_autofree char *title = NULL;

    g_object_get (shortcuts, "section-name", &section, NULL);
    g_assert_cmpstr (section, ==, "coding");
    first_group = pl_ui_test_find (GTK_WIDGET (shortcuts), GTK_TYPE_SHORTCUTS_GROUP, is_shown, NULL);
    g_assert_nonnull (first_group);
    g_object_get (first_group, "title", &title, NULL);
    g_assert_cmpstr (title, ==, "Coding");
  }
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *shot = g_strdup_printf ("shortcuts-%s", sections[i]);

      g_object_set (shortcuts, "section-name", sections[i], NULL);
      pl_ui_test_spin ();
      pl_ui_test_save_screenshot (GTK_WIDGET (shortcuts), shot);
      gtk_widget_measure (GTK_WIDGET (shortcuts), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (shortcuts), GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
      g_test_message ("shortcuts, %s: %d×%d", sections[i], width, height);
      g_assert_cmpint (width, <=, 1024);
      g_assert_cmpint (height, <=, 600);
    }

  g_log_set_always_fatal (fatal);
  gtk_window_destroy (shortcuts);
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("plenary-start-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  {
    g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }

  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();
  pl_ui_test_park_pointer ();

  g_test_add_func ("/start/first-run", test_first_run);
  g_test_add_func ("/start/empty-project", test_empty_project);
  g_test_add_func ("/start/demo-and-recent", test_demo_and_recent);
  g_test_add_func ("/start/preferences", test_preferences);
  g_test_add_func ("/start/toasts", test_toasts);
  g_test_add_func ("/start/dates", test_dates);
  g_test_add_func ("/start/help-and-shortcuts", test_help_and_shortcuts);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
