/* test-teach.c — a teaching seminar in the window
 *
 * The whole flow through the windows' actions: the teacher codes a transcript as the
 * reference and creates an exercise pack in the dialog; two students open the pack (each
 * asked for a name once: opening it again opens the same work), see the instructions and a read-only codebook, code and hand in
 * from their own works; the teacher collects the hand-ins (a damaged one is refused), and
 * the class view shows the students' scores, one student beside the reference, a
 * statement as the class coded it, and projector mode with the names hidden.  With
 * $PLENARY_SCREENSHOT_DIR set, the class view, the student beside the reference and
 * projector mode are saved there as PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#if HAVE_POPPLER
#include <poppler.h>
#endif

#include "pl-class-view.h"
#include "pl-scores.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"
#include "pl-window-private.h"

#define TRANSCRIPT \
  "Chair\nI give the floor to Brazil.\n\n" \
  "Brazil\nWe support the norms and confidence-building measures.\n\n" \
  "Japan\nCapacity-building must be demand-driven, said Japan.\n\n" \
  "Kenya\nRansomware is a threat to hospitals.\n"

static char *tmp_dir;

/* Codes statement @index (1-based) of the first document of @project with @short_id. */
static void
code_statement (PlProject  *project,
                const char *coder_name,
                const char *short_id,
                guint       index,
                const char *memo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = pl_project_list_statements (project, 0, &error);
  g_autoptr(PlAnnotation) annotation = NULL;
  PlStatement *statement;
  PlCoder *coder = pl_project_ensure_coder (project, coder_name, &error);
  PlCode *code = pl_project_lookup_code (project, short_id);

  g_assert_no_error (error);
  g_assert_nonnull (code);
  g_assert_cmpuint (statements->len, >=, index);
  statement = g_ptr_array_index (statements, index - 1);
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { statement->document_id,
                                                                pl_code_get_id (code), coder->id,
                                                                statement->start, statement->end,
                                                                memo },
                                          &error);
  g_assert_no_error (error);
}

/* A student opens the pack in a window of their own, codes @codes (short ids per
 * statement, NULL for none) and hands in into @folder; returns the hand-in's path. */
static char *
student_hands_in (const char        *pack,
                  const char        *student,
                  const char *const *codes,
                  GFile             *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) handin = NULL;
  g_autoptr(PlExercise) exercise = NULL;
  PlWindow *window = pl_ui_test_window_on (NULL);
  PlProject *work;
  char *path;

  /* Opening the pack asks the student's name. */
  g_assert_true (pl_window_open_exercise_file (window, pack, &error));
  g_assert_no_error (error);
  pl_ui_test_spin ();
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
    AdwMessageDialog *dialog = NULL;
    GtkWidget *entry;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
        dialog = l->data;
    g_assert_nonnull (dialog);
    entry = pl_ui_test_find (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, NULL, NULL);
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), student);
    adw_message_dialog_response (dialog, "start");
    gtk_window_destroy (GTK_WINDOW (dialog));
    pl_ui_test_settle ();
  }
  work = pl_window_get_project (window);
  exercise = pl_project_dup_work_exercise (work);
  g_assert_nonnull (exercise);

  /* The instructions show above the text; the codebook cannot be edited. */
  g_assert_true (gtk_revealer_get_reveal_child (window->instructions_revealer));
  g_assert_cmpstr (gtk_label_get_text (window->instructions_label), ==, "Code every statement.");
  g_assert_true (window->is_work);
  g_assert_true (pl_project_get_codebook_locked (work));

  for (guint i = 0; i < 4; i++)
    if (codes[i] != NULL)
      code_statement (work, student, codes[i], i + 1, NULL);

  handin = pl_window_hand_in (window, folder, &error);
  g_assert_no_error (error);
  path = g_file_get_path (handin);
  g_assert_true (g_str_has_suffix (path, PL_HANDIN_EXTENSION));
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_settle ();

  /* Opening the pack again opens the same work, without asking. */
  window = pl_ui_test_window_on (NULL);
  g_assert_true (pl_window_open_exercise_file (window, pack, &error));
  g_assert_no_error (error);
  pl_ui_test_spin ();
  g_assert_nonnull (pl_window_get_project (window));
  g_assert_true (window->is_work);
  g_assert_cmpstr (pl_window_get_coder_name (window), ==, student);
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_settle ();
  return path;
}

/* Another student's machine: the work the first one left in the data folder is moved
 * out of the way, as it would not be there. */
static void
clear_works (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "plenary", "Exercises", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
}

/* Ana's feedback as PDF, through the print operation's export: her name and a statement
 * where she differs from the reference are in its text. */
static void
check_feedback_pdf (PlClassView *view)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "Ana — feedback.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (pl_class_view_print_feedback (view, 0, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  if (g_getenv ("PLENARY_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *kept = g_build_filename (g_getenv ("PLENARY_SCREENSHOT_DIR"), "teach-feedback.pdf", NULL);

      g_assert_true (g_file_set_contents (kept, contents, length, NULL));
    }
#if HAVE_POPPLER
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
    g_autoptr(GString) text = g_string_new (NULL);

    g_assert_no_error (error);
    for (int i = 0; i < poppler_document_get_n_pages (document); i++)
      {
        PopplerPage *page = poppler_document_get_page (document, i);
        g_autofree char *page_text = poppler_page_get_text (page);

        g_string_append (text, page_text);
        g_object_unref (page);
      }
    g_object_unref (document);
    g_assert_nonnull (strstr (text->str, "Ana"));
    g_assert_nonnull (strstr (text->str, "Ransomware is a threat to hospitals."));
  }
#endif
}

static void
keep_result (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Whether a class view is open over @window (collecting opens it). */
static gboolean
class_view_shown (PlWindow *window)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (PL_IS_CLASS_VIEW (l->data) && gtk_window_get_transient_for (l->data) == GTK_WINDOW (window))
      return TRUE;
  return FALSE;
}

static void
test_flow (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *teacher_path = pl_ui_test_project_file (tmp_dir, "teacher.plenary", TRUE, TRANSCRIPT);
  g_autofree char *pack = g_build_filename (tmp_dir, "Week 3.plenary-exercise", NULL);
  g_autofree char *handins_dir = g_build_filename (tmp_dir, "handins", NULL);
  g_autofree char *damaged = g_build_filename (handins_dir, "damaged.plenary-handin", NULL);
  g_autofree char *ana = NULL;
  g_autofree char *ben = NULL;
  g_autoptr(GFile) pack_file = g_file_new_for_path (pack);
  g_autoptr(GFile) handins = g_file_new_for_path (handins_dir);
  g_autoptr(GFile) feedback = NULL;
  g_autoptr(GFile) csv = NULL;
  g_autoptr(PlCollectReport) report = NULL;
  g_autoptr(GAsyncResult) collect_result = NULL;
  const char *ana_codes[] = { NULL, "CBM", "CB", NULL };
  const char *ben_codes[] = { NULL, "NRM", NULL, "THR" };
  PlExerciseDialog *dialog;
  PlClassView *view;
  PlClassScores *scores;
  PlWindow *window;
  PlProject *project;

  g_assert_cmpint (g_mkdir (handins_dir, 0700), ==, 0);

  /* The teacher's reference, and the pack. */
  window = pl_ui_test_window_on (teacher_path);
  project = pl_window_get_project (window);
  code_statement (project, "Reference", "CBM", 2, "Confidence-building measures are named.");
  code_statement (project, "Reference", "CB", 3, NULL);
  code_statement (project, "Reference", "THR", 4, "Ransomware is a threat.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.create-exercise", NULL));
  pl_ui_test_spin ();
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    dialog = NULL;
    for (GList *l = toplevels; l != NULL; l = l->next)
      if (PL_IS_EXERCISE_DIALOG (l->data))
        dialog = l->data;
  }
  g_assert_nonnull (dialog);
  pl_exercise_dialog_set_statements (dialog, "nonsense");
  g_assert_false (pl_exercise_dialog_create (dialog, pack_file, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  pl_exercise_dialog_set_statements (dialog, "2-4");
  pl_exercise_dialog_set_instructions (dialog, "Code **every** statement.");
  g_assert_true (pl_exercise_dialog_create (dialog, pack_file, &error));
  g_assert_no_error (error);
  pl_ui_test_settle ();
  g_assert_true (g_file_test (pack, G_FILE_TEST_EXISTS));

  /* Two students, each on their own machine. */
  ana = student_hands_in (pack, "Ana", ana_codes, handins);
  clear_works ();
  ben = student_hands_in (pack, "Ben", ben_codes, handins);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (ana, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (damaged, contents, (gssize) length / 3, NULL));
  }

  /* The teacher collects; the damaged file is refused and named. */
  pl_window_collect_handins_async (window, (const char *[]) { ana, ben, damaged, NULL }, keep_result, &collect_result);
  /* A second collect cannot start meanwhile: the action opens no chooser. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.collect-handins", NULL);
  g_assert_null (window->chooser);
  while (collect_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  report = pl_window_collect_handins_finish (window, collect_result, &error);
  g_assert_no_error (error);
  g_assert_true (class_view_shown (window));
  g_assert_cmpuint (report->n_collected, ==, 2);
  g_assert_cmpuint (report->n_refused, ==, 1);
  g_assert_nonnull (strstr (g_array_index (report->results, PlHandinResult, 2).reason, "damaged.plenary-handin"));
  pl_ui_test_spin ();

  view = pl_window_open_class_view (window);
  g_assert_nonnull (view);
  scores = pl_class_view_get_scores (view);
  g_assert_cmpuint (pl_class_scores_get_n_students (scores), ==, 2);
  g_assert_cmpuint (pl_class_scores_get_n_units (scores), ==, 3);
  g_assert_cmpstr (pl_class_view_get_student_label (view, 0), ==, "Ana");
  g_assert_cmpstr (pl_class_view_get_student_label (view, 1), ==, "Ben");
  g_assert_cmpuint (pl_class_scores_get_student (scores, 0)->statements_coded, ==, 2);
  g_assert_true (pl_class_scores_get_student (scores, 0)->cohen_kappa.value
                 > pl_class_scores_get_student (scores, 1)->cohen_kappa.value);
  gtk_window_set_default_size (GTK_WINDOW (view), 1100, 700);
  pl_ui_test_wait_for_frames (GTK_WIDGET (view));
  pl_ui_test_save_screenshot (GTK_WIDGET (view), "class-view");

  pl_class_view_show_student (view, 0);
  g_assert_cmpstr (pl_class_view_get_page (view), ==, "student");
  pl_ui_test_wait_for_frames (GTK_WIDGET (view));
  pl_ui_test_save_screenshot (GTK_WIDGET (view), "class-view-student");

  /* Projector mode: F11, names hidden, the most disputed statement first. */
  g_assert_true (pl_ui_test_has_shortcut (GTK_WIDGET (view), "F11", "class.projector"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "class.projector", NULL));
  g_assert_true (pl_class_view_get_projector (view));
  g_assert_cmpstr (pl_class_view_get_page (view), ==, "statement");
  g_assert_cmpstr (pl_class_view_get_student_label (view, 0), ==, "Student 1");
  pl_class_view_next_disputed (view, FALSE);
  pl_ui_test_wait_for_frames (GTK_WIDGET (view));
  pl_ui_test_save_screenshot (GTK_WIDGET (view), "class-view-projector");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "class.projector", NULL));
  g_assert_false (pl_class_view_get_projector (view));

  /* Feedback and the class summary. */
  feedback = g_file_new_for_path (tmp_dir);
  g_assert_true (pl_class_view_export_feedback (view, feedback, &error));
  g_assert_no_error (error);
  {
    g_autofree char *path = g_build_filename (tmp_dir, "Ana — feedback.html", NULL);
    g_autofree char *html = NULL;

    g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
    g_assert_nonnull (strstr (html, "Ransomware is a threat."));
  }
  check_feedback_pdf (view);
  {
    g_autofree char *path = g_build_filename (tmp_dir, "class.csv", NULL);

    csv = g_file_new_for_path (path);
  }
  g_assert_true (pl_class_view_export_csv (view, csv, &error));
  g_assert_no_error (error);

  /* Undo takes the collection back, and the view with it. */
  g_assert_true (pl_project_undo (project, &error));
  g_assert_no_error (error);
  pl_ui_test_spin ();

  gtk_window_destroy (GTK_WINDOW (view));
  pl_ui_test_settle ();
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (l->data != window)
        gtk_window_destroy (l->data);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = pl_ui_test_init (&argc, &argv, "teach");
  if (tmp_dir == NULL)
    return 77;

  g_test_add_func ("/teach/flow", test_flow);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
