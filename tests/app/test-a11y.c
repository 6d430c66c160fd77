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

#include "pl-window-private.h"
#include "pl-a11y-check.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

static char *tmp_dir;

static PlWindow *
new_window (PlProject *project)
{
  PlWindow *window = pl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  if (project != NULL)
    pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  pl_ui_test_spin ();
  return window;
}

static void
test_main_window (void)
{
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, "main.plenary");
  PlWindow *window = new_window (project);

  pl_a11y_check_assert_named (GTK_WIDGET (window), "the main window");

  /* Side by side. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.split-view", NULL));
  pl_ui_test_spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (window), "the main window, side by side");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

static void
test_start_pages (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "empty.plenary", NULL);
  g_autoptr(PlProject) empty = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  PlWindow *window = new_window (NULL);

  g_assert_cmpstr (pl_window_get_page (window), ==, "no-project");
  pl_a11y_check_assert_named (GTK_WIDGET (window), "the main window without a project");

  g_assert_no_error (error);
  pl_window_set_project (window, empty);
  pl_ui_test_spin ();
  g_assert_cmpstr (pl_window_get_page (window), ==, "no-documents");
  pl_a11y_check_assert_named (GTK_WIDGET (window), "the main window on an empty project");

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

/* The popover of a highlight and the context menu, as a keyboard user opens them. */
static void
test_popovers (void)
{
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, "popovers.plenary");
  PlWindow *window = new_window (project);
  PlTranscriptView *view = pl_window_get_transcript_view (window);
  PlAnnotation *annotation = pl_annotation_index_get (pl_transcript_view_get_index (view), 0);
  GtkWidget *popover = NULL;

  pl_transcript_view_place_cursor (view, annotation->start + 1, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-annotations", NULL));
  pl_ui_test_spin ();
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (pl_transcript_view_get_text_view (view)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      popover = child;
  g_assert_nonnull (popover);
  pl_a11y_check_assert_named (popover, "the codes of a highlight");
  gtk_popover_popdown (GTK_POPOVER (popover));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.context-menu", NULL));
  pl_ui_test_spin ();
  pl_a11y_check_assert_named (GTK_WIDGET (pl_window_get_context_menu (window)), "the context menu");
  gtk_popover_popdown (pl_window_get_context_menu (window));
  pl_ui_test_settle ();

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

/* Coded spans, speakers and statement numbers are announced: the text's description says
 * where the cursor is, and follows it. */
static void
test_caret_description (void)
{
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, "caret.plenary");
  PlWindow *window = new_window (project);
  PlTranscriptView *view = pl_window_get_transcript_view (window);
  GtkWidget *text_view = GTK_WIDGET (pl_transcript_view_get_text_view (view));
  PlAnnotationIndex *index = pl_transcript_view_get_index (view);
  PlAnnotation *annotation = NULL;
  PlStatement *statement;
  PlCode *code;
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  /* At the first statement. */
  statement = pl_transcript_view_get_statement_at (view, pl_transcript_view_get_cursor (view));
  g_assert_nonnull (statement);
  description = pl_a11y_check_dup_property (text_view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_assert_cmpstr (description, ==, pl_transcript_view_get_caret_description (view));
  expected = g_strdup_printf ("Statement %u of ", statement->index);
  g_assert_true (g_str_has_prefix (description, expected));
  if (statement->speaker != NULL)
    g_assert_nonnull (strstr (description, statement->entity != NULL ? statement->entity : statement->speaker));
  label = pl_a11y_check_dup_property (text_view, GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_assert_nonnull (strstr (label, pl_document_get_title (pl_transcript_view_get_document (view))));

  /* On a coded span: its code, its coder. */
  for (guint i = 0; i < pl_annotation_index_get_n (index) && annotation == NULL; i++)
    {
      PlStatement *in = pl_transcript_view_get_statement_at (view, pl_annotation_index_get (index, i)->start);

      if (in != NULL && in->speaker != NULL)
        annotation = pl_annotation_index_get (index, i);
    }
  g_assert_nonnull (annotation);
  code = pl_project_find_code (project, annotation->code_id);
  pl_transcript_view_place_cursor (view, annotation->start + 1, FALSE);
  g_clear_pointer (&description, g_free);
  description = pl_a11y_check_dup_property (text_view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_test_message ("%s", description);
  g_assert_nonnull (strstr (description, pl_code_get_name (code)));
  g_assert_nonnull (strstr (description, pl_project_find_coder (project, annotation->coder_id)->name));

  /* Outside any code. */
  statement = pl_transcript_view_get_statement_at (view, annotation->start);
  pl_transcript_view_place_cursor (view, statement->end > annotation->end + 2 ? annotation->end + 1 : statement->start, FALSE);
  hits = pl_annotation_index_at (index, pl_transcript_view_get_cursor (view));
  if (hits->len == 0)
    {
      g_clear_pointer (&description, g_free);
      description = pl_a11y_check_dup_property (text_view, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      g_assert_nonnull (strstr (description, "Not coded here."));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pl_a11y_check_init ();
  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-a11y");
  if (tmp_dir == NULL)
    return 77;

  g_test_add_func ("/a11y/main-window", test_main_window);
  g_test_add_func ("/a11y/start-pages", test_start_pages);
  g_test_add_func ("/a11y/popovers", test_popovers);
  g_test_add_func ("/a11y/caret-description", test_caret_description);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

