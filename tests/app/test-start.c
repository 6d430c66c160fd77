/* test-start.c — a new user's first minutes: who is coding, empty projects, the demo,
 * recent projects, Preferences, help, messages, dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>

#include "pl-document-row.h"
#include "pl-settings.h"
#include "pl-window-private.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

static char *tmp_dir;

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
  g_autofree char *path = pl_ui_test_project_file (tmp_dir, "first-run.plenary", TRUE, "Kenya spoke.");
  PlWindow *window = pl_ui_test_window_on (path);
  PlCoderDialog *dialog = pl_window_edit_coder (window, FALSE);
  GtkWidget *name_row, *focus;
  int start, end;

  pl_ui_test_spin ();
  pl_ui_test_save_screenshot (GTK_WIDGET (dialog), "first-run-coder");
  name_row = pl_ui_test_find (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, pl_ui_test_row_titled, "Name");
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
  g_autofree char *path = pl_ui_test_project_file (tmp_dir, "empty.plenary", FALSE, NULL);
  g_autoptr(GError) error = NULL;
  PlWindow *window = pl_ui_test_window_on (path);

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
  g_autofree char *one = pl_ui_test_project_file (tmp_dir, "one.plenary", TRUE, "Kenya spoke.");
  g_autofree char *two = pl_ui_test_project_file (tmp_dir, "two.plenary", TRUE, "Chile spoke.");
  g_autoptr(GError) error = NULL;
  g_autoptr(PlSettings) settings = pl_settings_new ();
  g_auto(GStrv) recent = NULL;
  PlWindow *window = pl_ui_test_window_on (NULL);
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
  g_assert_nonnull (pl_ui_test_find (GTK_WIDGET (window->no_project_recent), ADW_TYPE_ACTION_ROW, pl_ui_test_row_titled, "two"));
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "no-project");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

/* One date format in the documents list, the locale's (the C locale here). */
static void
test_dates (void)
{
  g_autofree char *formatted = pl_document_row_format_date ("2023-12-14");
  g_autofree char *other = pl_document_row_format_date ("14 December 2023");
  g_autofree char *path = pl_ui_test_project_file (tmp_dir, "dates.plenary", TRUE, "Kenya spoke.");
  g_autoptr(GError) error = NULL;
  PlWindow *window;
  PlDocument *document;
  GtkWidget *row;
  gboolean found = FALSE;

  g_assert_cmpstr (formatted, ==, "14 Dec 2023");
  g_assert_cmpstr (other, ==, "14 December 2023");
  g_assert_null (pl_document_row_format_date (NULL));

  window = pl_ui_test_window_on (path);
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

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-start");
  if (tmp_dir == NULL)
    return 77;

  g_test_add_func ("/start/first-run", test_first_run);
  g_test_add_func ("/start/empty-project", test_empty_project);
  g_test_add_func ("/start/demo-and-recent", test_demo_and_recent);
  g_test_add_func ("/start/dates", test_dates);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

