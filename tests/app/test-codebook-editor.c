/* test-codebook-editor.c — the codebook editor, driven through its actions under a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-codebook-editor-private.h"
#include "pl-compat.h"
#include "pl-ui-test.h"

static char *tmp_dir;
static guint n_projects;

static void
spin_until_idle (void)
{
  for (guint round = 0; round < 3; round++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static PlProject *
new_project (gboolean starter)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("editor-%u.plenary", n_projects++);
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
  PlProject *project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);

  g_assert_no_error (error);
  if (starter)
    {
      g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 50);
      g_assert_no_error (error);
    }
  return project;
}

static PlCodebookEditor *
open_editor (PlProject *project)
{
  PlCodebookEditor *editor = pl_codebook_editor_new (NULL, project);

  gtk_window_present (GTK_WINDOW (editor));
  spin_until_idle ();
  return editor;
}

static void
activate (PlCodebookEditor *editor,
          const char       *action,
          const char       *format,
          ...)
{
  GVariant *parameter = NULL;
  va_list args;

  if (format != NULL)
    {
      va_start (args, format);
      parameter = g_variant_new_va (format, NULL, &args);
      va_end (args);
    }
  if (parameter != NULL)
    g_variant_ref_sink (parameter);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (editor), action, parameter));
  g_clear_pointer (&parameter, g_variant_unref);
  spin_until_idle ();
}

static void
select_code (PlCodebookEditor *editor,
             PlCode           *code)
{
  activate (editor, "editor.select", "s", pl_code_get_guid (code));
  g_assert_true (pl_codebook_editor_get_selected (editor) == code);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *frames = data;

  (*frames)++;
  return *frames < 3 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
give_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @widget has drawn a few frames (or 10 s went by). */
static void
wait_for_frames (GtkWidget *widget)
{
  gboolean timed_out = FALSE;
  guint frames = 0;
  guint timeout = g_timeout_add_seconds (10, give_up, &timed_out);
  guint tick = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  while (frames < 3 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (frames < 3)
    gtk_widget_remove_tick_callback (widget, tick);
  if (!timed_out)
    g_source_remove (timeout);
  spin_until_idle ();
}

/* Renders @widget into $PLENARY_SCREENSHOT_DIR/@name when that variable is set. */
static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("PLENARY_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL || dir[0] == '\0')
    return;
  g_mkdir_with_parents (dir, 0755);
  wait_for_frames (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static void
test_template (void)
{
  g_autoptr(PlProject) project = new_project (TRUE);
  PlCodebookEditor *editor = open_editor (project);
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (pl_codebook_editor_get_list_view (editor)));
  g_autoptr(PlCode) first = g_list_model_get_item (pl_project_get_codes (project), 0);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_list_model_get_n_items (pl_project_get_codes (project)));
  /* The first code is selected on opening. */
  g_assert_true (pl_codebook_editor_get_selected (editor) == first);
  g_assert_true (pl_codebook_editor_get_project (editor) == project);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* An empty codebook shows the empty page and can still add. */
  {
    g_autoptr(PlProject) empty = new_project (FALSE);
    PlCodebookEditor *blank = open_editor (empty);

    g_assert_null (pl_codebook_editor_get_selected (blank));
    activate (blank, "editor.add-code", NULL);
    g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (empty)), ==, 1);
    g_assert_cmpstr (pl_code_get_name (pl_codebook_editor_get_selected (blank)), ==, "New code");
    gtk_window_destroy (GTK_WINDOW (blank));
  }
}

static void
test_edit_fields (void)
{
  g_autoptr(PlProject) project = new_project (TRUE);
  g_autoptr(PlCodebook) codebook = pl_codebook_new (project);
  PlCodebookEditor *editor = open_editor (project);
  PlCode *nrm_f = pl_project_lookup_code (project, "NRM.F");
  PlCode *thr_ci = pl_project_lookup_code (project, "THR.CI");
  g_autofree char *dark = NULL;
  g_autofree char *example = g_strdup (pl_code_get_example (thr_ci));
  g_autoptr(GPtrArray) log = NULL;

  select_code (editor, nrm_f);
  activate (editor, "editor.rename", "s", "Sparing critical infrastructure");
  g_assert_cmpstr (pl_code_get_name (nrm_f), ==, "Sparing critical infrastructure");
  g_assert_true (pl_codebook_editor_get_selected (editor) == nrm_f);

  activate (editor, "editor.set-short-id", "s", "NRM.CI");
  g_assert_cmpstr (pl_code_get_short_id (nrm_f), ==, "NRM.CI");

  /* A key another code has is refused; the code keeps its own. */
  select_code (editor, thr_ci);
  activate (editor, "editor.set-shortcut", "s", pl_code_get_shortcut (nrm_f));
  g_assert_cmpstr (pl_code_get_shortcut (thr_ci), ==, "7");
  activate (editor, "editor.set-shortcut", "s", "x");
  g_assert_cmpstr (pl_code_get_shortcut (thr_ci), ==, "x");

  activate (editor, "editor.set-color", "s", "#123456");
  dark = pl_codebook_derive_dark_color ("#123456");
  g_assert_cmpstr (pl_code_get_color (thr_ci), ==, "#123456");
  g_assert_cmpstr (pl_code_get_color_dark (thr_ci), ==, dark);

  activate (editor, "editor.set-definition", "s", "A new definition.");
  activate (editor, "editor.set-inclusion", "s", "Include this.");
  activate (editor, "editor.set-exclusion", "s", "Not that.");
  activate (editor, "editor.set-example", "s", "For example.");
  g_assert_cmpstr (pl_code_get_definition (thr_ci), ==, "A new definition.");
  g_assert_cmpstr (pl_code_get_inclusion (thr_ci), ==, "Include this.");
  g_assert_cmpstr (pl_code_get_exclusion (thr_ci), ==, "Not that.");
  g_assert_cmpstr (pl_code_get_example (thr_ci), ==, "For example.");

  /* Undo and redo through the editor. */
  {
    g_autofree char *label = pl_project_dup_undo_label (project);

    g_assert_cmpstr (label, ==, "Edited the anchor example of “Attacks on critical infrastructure”");
  }
  activate (editor, "editor.undo", NULL);
  g_assert_cmpstr (pl_code_get_example (thr_ci), ==, example);
  activate (editor, "editor.redo", NULL);
  g_assert_cmpstr (pl_code_get_example (thr_ci), ==, "For example.");

  log = pl_codebook_list_log (codebook, NULL);
  g_assert_cmpuint (log->len, ==, 10);

  activate (editor, "editor.show-log", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  save_screenshot (GTK_WIDGET (editor), "codebook-editor-log.png");
  activate (editor, "editor.show-log", NULL);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_structure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = new_project (TRUE);
  PlCodebookEditor *editor = open_editor (project);
  PlCode *nrm = pl_project_lookup_code (project, "NRM");
  PlCode *nrm_a = pl_project_lookup_code (project, "NRM.A");
  PlCode *nrm_b = pl_project_lookup_code (project, "NRM.B");
  PlCode *added, *child;
  guint n = g_list_model_get_n_items (pl_project_get_codes (project));

  /* Add after the selection, then a child of the new code. */
  select_code (editor, nrm_a);
  activate (editor, "editor.add-code", NULL);
  added = pl_codebook_editor_get_selected (editor);
  g_assert_cmpstr (pl_code_get_name (added), ==, "New code");
  g_assert_cmpint (pl_code_get_parent_id (added), ==, pl_code_get_id (nrm));
  {
    g_autoptr(PlCode) third = g_list_model_get_item (pl_project_get_codes (project), 2);

    g_assert_true (third == added);
  }
  activate (editor, "editor.add-child", NULL);
  child = pl_codebook_editor_get_selected (editor);
  g_assert_cmpint (pl_code_get_parent_id (child), ==, pl_code_get_id (added));
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (project)), ==, n + 2);

  /* Keyboard moves: out to the family (refused while a sibling there has the same name),
   * up, in under the code above. */
  activate (editor, "editor.move-out", NULL);
  g_assert_cmpint (pl_code_get_parent_id (child), ==, pl_code_get_id (added));
  activate (editor, "editor.rename", "s", "Child code");
  activate (editor, "editor.move-out", NULL);
  g_assert_cmpint (pl_code_get_parent_id (child), ==, pl_code_get_id (nrm));
  activate (editor, "editor.move-up", NULL);
  {
    g_autoptr(PlCode) second = g_list_model_get_item (pl_project_get_codes (project), 2);

    g_assert_true (second == child);
  }
  activate (editor, "editor.move-in", NULL);
  g_assert_cmpint (pl_code_get_parent_id (child), ==, pl_code_get_id (nrm_a));
  g_assert_true (pl_codebook_editor_get_selected (editor) == child);

  /* What a drop does: NRM.B into the top level, first. */
  activate (editor, "editor.move-code", "(xxi)", pl_code_get_id (nrm_b), (gint64) 0, 0);
  g_assert_cmpint (pl_code_get_parent_id (nrm_b), ==, 0);
  {
    g_autoptr(PlCode) first = g_list_model_get_item (pl_project_get_codes (project), 0);

    g_assert_true (first == nrm_b);
  }
  /* A drop into its own sub-code is refused. */
  activate (editor, "editor.move-code", "(xxi)", pl_code_get_id (nrm), pl_code_get_id (child), -1);
  g_assert_cmpint (pl_code_get_parent_id (nrm), ==, 0);

  /* Folder: a code with no annotations may become one, and back. */
  select_code (editor, added);
  activate (editor, "editor.set-folder", "b", TRUE);
  g_assert_false (pl_code_get_codable (added));
  activate (editor, "editor.set-folder", "b", FALSE);
  g_assert_true (pl_code_get_codable (added));

  g_assert_true (pl_project_can_undo (project));
  gtk_window_destroy (GTK_WINDOW (editor));
  (void) error;
}

static void
test_merge_split_delete (void)
{
  static const char text[] =
    "Brazil\nCritical infrastructure must be protected, and ransomware stopped.\n\n"
    "Kenya\nRansomware hits our hospitals and critical infrastructure.\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProject) project = new_project (TRUE);
  PlCodebookEditor *editor;
  PlCode *rans = pl_project_lookup_code (project, "THR.RANSOM");
  PlCode *ci = pl_project_lookup_code (project, "THR.CI");
  PlCode *health = pl_project_lookup_code (project, "THR.HEALTH");
  PlCoder *coder;
  PlDocument *document;
  AdwMessageDialog *dialog;
  GtkWindow *split;
  guint total;

  document = pl_project_add_document (project, "Session", text, NULL, &error);
  g_assert_no_error (error);
  coder = pl_project_ensure_coder (project, "Ana", &error);
  {
    const struct { PlCode *code; guint start, end; } spans[] = {
      { rans, 7, 30 }, { rans, 81, 91 }, { health, 101, 110 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
      {
        g_autoptr(PlAnnotation) annotation = pl_project_add_annotation (project,
                                                                        &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                                              pl_code_get_id (spans[i].code),
                                                                                              coder->id,
                                                                                              spans[i].start,
                                                                                              spans[i].end,
                                                                                              NULL },
                                                                        &error);

        g_assert_no_error (error);
        g_assert_nonnull (annotation);
      }
  }
  g_assert_no_error (error);
  total = pl_project_count_annotations (project);
  editor = open_editor (project);

  /* A code with annotations cannot become a folder. */
  select_code (editor, rans);
  activate (editor, "editor.set-folder", "b", TRUE);
  g_assert_true (pl_code_get_codable (rans));

  /* Merge THR.HEALTH into THR.CI; undo. */
  select_code (editor, health);
  activate (editor, "editor.merge", "s", pl_code_get_guid (ci));
  g_assert_null (pl_project_lookup_code (project, "THR.HEALTH"));
  g_assert_cmpuint (pl_code_get_n_annotations (ci), ==, 1);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, total);
  g_assert_true (pl_codebook_editor_get_selected (editor) == ci);
  activate (editor, "editor.undo", NULL);
  health = pl_project_lookup_code (project, "THR.HEALTH");
  g_assert_nonnull (health);
  g_assert_cmpuint (pl_code_get_n_annotations (health), ==, 1);

  /* Split THR.RANSOM: two new sub-codes, by rule and one by one. */
  select_code (editor, rans);
  activate (editor, "editor.split", NULL);
  split = pl_codebook_editor_get_split_window (editor);
  g_assert_nonnull (split);
  g_assert_true (pl_widget_activate_action (GTK_WIDGET (split), "split.add-code", "s", "Infrastructure"));
  g_assert_true (pl_widget_activate_action (GTK_WIDGET (split), "split.add-code", "s", "Health"));
  g_assert_true (pl_widget_activate_action (GTK_WIDGET (split), "split.assign-regex", "(su)", "critical", 0));
  spin_until_idle ();
  save_screenshot (GTK_WIDGET (split), "codebook-editor-split.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (split), "split.apply", NULL));
  spin_until_idle ();
  g_assert_null (pl_codebook_editor_get_split_window (editor));
  g_assert_nonnull (pl_project_lookup_code (project, "Infrastructure"));
  g_assert_cmpuint (pl_code_get_n_annotations (pl_project_lookup_code (project, "Infrastructure")), ==, 1);
  g_assert_cmpint (pl_code_get_parent_id (pl_project_lookup_code (project, "Infrastructure")), ==, pl_code_get_id (rans));
  g_assert_cmpuint (pl_code_get_n_annotations (rans), ==, 1);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, total);

  /* Delete asks first, saying how many annotations it touches; undo brings all back. */
  select_code (editor, rans);
  activate (editor, "editor.delete", NULL);
  dialog = pl_codebook_editor_get_dialog (editor);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 annotations"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 sub-codes"));
  save_screenshot (GTK_WIDGET (dialog), "codebook-editor-delete.png");
  adw_message_dialog_response (dialog, "cancel");
  spin_until_idle ();
  g_assert_nonnull (pl_project_lookup_code (project, "THR.RANSOM"));

  activate (editor, "editor.delete", NULL);
  dialog = pl_codebook_editor_get_dialog (editor);
  adw_message_dialog_response (dialog, "delete");
  spin_until_idle ();
  g_assert_null (pl_project_lookup_code (project, "THR.RANSOM"));
  g_assert_null (pl_project_lookup_code (project, "Infrastructure"));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, total - 2);
  activate (editor, "editor.undo", NULL);
  g_assert_nonnull (pl_project_lookup_code (project, "THR.RANSOM"));
  g_assert_nonnull (pl_project_lookup_code (project, "Infrastructure"));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, total);

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_import_export (void)
{
  g_autoptr(PlProject) project = new_project (TRUE);
  g_autoptr(PlProject) empty = new_project (FALSE);
  g_autofree char *path = g_build_filename (tmp_dir, "exported.qdc", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PlCodebookEditor *editor = open_editor (project);
  PlCodebookEditor *target;
  AdwMessageDialog *dialog;

  g_assert_true (pl_codebook_editor_export_file (editor, PL_CODEBOOK_FORMAT_QDC, file));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (editor));

  target = open_editor (empty);
  pl_codebook_editor_import_file (target, file);
  spin_until_idle ();
  dialog = pl_codebook_editor_get_dialog (target);
  g_assert_nonnull (dialog);
  /* Nothing changes before the answer. */
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (empty)), ==, 0);
  save_screenshot (GTK_WIDGET (dialog), "codebook-editor-import.png");
  adw_message_dialog_response (dialog, "apply");
  spin_until_idle ();
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_codes (empty)), ==,
                    g_list_model_get_n_items (pl_project_get_codes (project)));
  g_assert_true (pl_project_can_undo (empty));
  gtk_window_destroy (GTK_WINDOW (target));
  g_unlink (path);
}

static void
test_screenshot (void)
{
  g_autoptr(PlProject) project = new_project (TRUE);
  PlCodebookEditor *editor;
  PlCode *nrm_f = pl_project_lookup_code (project, "NRM.F");

  editor = open_editor (project);
  select_code (editor, nrm_f);
  save_screenshot (GTK_WIDGET (editor), "codebook-editor.png");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  spin_until_idle ();
  save_screenshot (GTK_WIDGET (editor), "codebook-editor-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  spin_until_idle ();
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int status;

  pl_ui_test_set_log_writer ();
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();
  /* Screenshots show the settled state, not a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  tmp_dir = g_dir_make_tmp ("plenary-codebook-editor-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/codebook-editor/template", test_template);
  g_test_add_func ("/codebook-editor/edit-fields", test_edit_fields);
  g_test_add_func ("/codebook-editor/structure", test_structure);
  g_test_add_func ("/codebook-editor/merge-split-delete", test_merge_split_delete);
  g_test_add_func ("/codebook-editor/import-export", test_import_export);
  g_test_add_func ("/codebook-editor/screenshot", test_screenshot);

  status = g_test_run ();

  dir = g_dir_open (tmp_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tmp_dir);
  g_free (tmp_dir);
  return status;
}
