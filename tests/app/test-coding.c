/* test-coding.c — the keyboard-first coding commands of the window, through their actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pl-code-picker.h"
#include "pl-export-dialog.h"
#include "pl-codebook.h"
#include "pl-text.h"
#include "pl-window-private.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

/* Three statements (paragraphs): offsets 0–53, 55–111, 113–160. */
static const char text[] =
  "Japan stressed that critical infrastructure is vital.\n\n"
  "Brazil called for capacity-building and ransomware help.\n\n"
  "Kenya welcomed the points of contact directory.";

static char *tmp_dir;

typedef struct
{
  PlProject        *project;
  PlWindow         *window;
  PlTranscriptView *view;
} Fixture;

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("coding-%u.plenary", g_random_int ());
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  f->project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (f->project, &error), >, 0);
  pl_project_add_document (f->project, "Debate", text, NULL, &error);
  g_assert_no_error (error);

  f->window = pl_window_new (NULL);
  pl_window_set_project (f->window, f->project);
  gtk_window_present (GTK_WINDOW (f->window));
  spin ();
  f->view = pl_window_get_transcript_view (f->window);
  g_assert_nonnull (pl_transcript_view_get_document (f->view));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin ();
  g_clear_object (&f->project);
}

static gboolean
act (Fixture    *f,
     const char *action,
     const char *format,
     ...)
{
  va_list args;
  GVariant *parameter = NULL;
  gboolean ok;

  va_start (args, format);
  if (format != NULL)
    parameter = g_variant_new_va (format, NULL, &args);
  va_end (args);

  if (parameter != NULL)
    g_variant_ref_sink (parameter);
  ok = gtk_widget_activate_action_variant (GTK_WIDGET (f->window), action, parameter);
  g_clear_pointer (&parameter, g_variant_unref);
  spin ();
  return ok;
}

static gboolean
panel_act (Fixture    *f,
           const char *action,
           GVariant   *parameter)
{
  gboolean ok;

  if (parameter != NULL)
    g_variant_ref_sink (parameter);
  ok = gtk_widget_activate_action_variant (GTK_WIDGET (pl_window_get_tagging_panel (f->window)),
                                           action, parameter);
  g_clear_pointer (&parameter, g_variant_unref);
  spin ();
  return ok;
}

static PlAnnotation *
only_annotation (Fixture *f)
{
  g_autoptr(GPtrArray) all = pl_project_list_annotations (f->project, 0, NULL);

  g_assert_cmpuint (all->len, ==, 1);
  return pl_annotation_ref (all->pdata[0]);
}

static void
test_whole_statement (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = NULL;
  PlCode *code = pl_project_find_code_by_shortcut (f->project, "4");

  /* No selection: a number key codes the statement under the cursor. */
  pl_transcript_view_place_cursor (f->view, 120, FALSE);
  g_assert_true (act (f, "win.apply-shortcut", "s", "4"));
  annotation = only_annotation (f);
  g_assert_cmpuint (annotation->start, ==, 113);
  g_assert_cmpuint (annotation->end, ==, 160);
  g_assert_cmpint (annotation->code_id, ==, pl_code_get_id (code));

  /* "s" selects the statement. */
  pl_transcript_view_place_cursor (f->view, 60, FALSE);
  act (f, "win.select-statement", NULL);
  {
    guint start, end;

    g_assert_true (pl_transcript_view_get_selection (f->view, &start, &end));
    g_assert_cmpuint (start, ==, 55);
    g_assert_cmpuint (end, ==, 111);
  }
}

static void
test_code_picker (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(PlAnnotation) recoded = NULL;
  PlCodePicker *picker = PL_CODE_PICKER (pl_window_get_code_picker (f->window));
  PlCode *ransomware = pl_project_lookup_code (f->project, "THR.RANSOM");
  PlCode *offers = pl_project_lookup_code (f->project, "CB.OFFER");

  /* Type part of a name, Enter: the selection is coded. */
  pl_transcript_view_select_range (f->view, 95, 105);
  g_assert_true (act (f, "win.pick-code", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picker)));
  pl_code_picker_set_query (picker, "ransom");
  g_assert_cmpuint (g_list_model_get_n_items (pl_code_picker_get_model (picker)), ==, 1);
  /* Folders are never offered. */
  pl_code_picker_set_query (picker, "");
  for (guint i = 0; i < g_list_model_get_n_items (pl_code_picker_get_model (picker)); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (pl_code_picker_get_model (picker), i);

      g_assert_true (pl_code_get_codable (code));
    }
  pl_code_picker_set_query (picker, "THR.RAN");
  g_assert_true (pl_code_picker_choose (picker));
  spin ();
  annotation = only_annotation (f);
  g_assert_cmpint (annotation->code_id, ==, pl_code_get_id (ransomware));
  g_assert_cmpuint (annotation->start, ==, 95);

  /* "r" on a coded span: the picker changes its code instead. */
  pl_transcript_view_place_cursor (f->view, 97, FALSE);
  g_assert_true (act (f, "win.recode-annotation", "s", ""));
  pl_code_picker_set_query (picker, "CB.OFFER");
  g_assert_true (pl_code_picker_choose (picker));
  spin ();
  recoded = only_annotation (f);
  g_assert_cmpstr (recoded->guid, ==, annotation->guid);
  g_assert_cmpint (recoded->code_id, ==, pl_code_get_id (offers));
}

static void
test_adjust_span (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autofree char *document_text = NULL;
  g_autofree char *coded = NULL;

  /* "critical infrastructure" = [20, 43) */
  pl_transcript_view_select_range (f->view, 20, 43);
  act (f, "win.apply-code", "s", "THR.CI");

  act (f, "win.adjust-span", "s", "end+");     /* + " is" */
  act (f, "win.adjust-span", "s", "start-");   /* + "that " */
  annotation = only_annotation (f);
  document_text = pl_project_dup_document_text (f->project, annotation->document_id, NULL);
  coded = pl_text_slice (document_text, annotation->start, annotation->end);
  g_assert_cmpstr (coded, ==, "that critical infrastructure is");
  g_clear_pointer (&coded, g_free);
  g_clear_pointer (&annotation, pl_annotation_unref);

  act (f, "win.adjust-span", "s", "start+");
  act (f, "win.adjust-span", "s", "end-");
  annotation = only_annotation (f);
  coded = pl_text_slice (document_text, annotation->start, annotation->end);
  g_assert_cmpstr (coded, ==, "critical infrastructure");

  /* Each adjustment is undoable. */
  act (f, "win.undo", NULL);
  g_clear_pointer (&annotation, pl_annotation_unref);
  g_clear_pointer (&coded, g_free);
  annotation = only_annotation (f);
  coded = pl_text_slice (document_text, annotation->start, annotation->end);
  g_assert_cmpstr (coded, ==, "critical infrastructure is");
}

static void
test_navigation (Fixture       *f,
                 gconstpointer  data)
{
  PlTaggingPanel *panel = pl_window_get_tagging_panel (f->window);

  /* Code statement 2 (55–111) twice, then look for uncoded statements. */
  pl_transcript_view_select_range (f->view, 55, 61);
  act (f, "win.apply-code", "s", "CB.NEED");
  pl_transcript_view_select_range (f->view, 95, 105);
  act (f, "win.apply-code", "s", "THR.RANSOM");

  pl_transcript_view_place_cursor (f->view, 0, FALSE);
  act (f, "win.next-uncoded", NULL);
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 113);
  act (f, "win.previous-uncoded", NULL);
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 0);

  act (f, "win.next-statement", NULL);
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 55);
  act (f, "win.next-statement", NULL);
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 113);
  act (f, "win.previous-statement", NULL);
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 55);

  /* Annotations in order, then those of the code selected in the panel. */
  pl_transcript_view_place_cursor (f->view, 0, FALSE);
  act (f, "win.next-annotation", NULL);
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 55);
  act (f, "win.next-annotation", NULL);
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 95);

  pl_tagging_panel_select_code (panel, pl_project_lookup_code (f->project, "THR.RANSOM"));
  g_assert_true (pl_tagging_panel_get_selected_code (panel) == pl_project_lookup_code (f->project, "THR.RANSOM"));
  pl_transcript_view_place_cursor (f->view, 0, FALSE);
  act (f, "win.next-of-code", NULL);
  g_assert_cmpuint (pl_transcript_view_get_cursor (f->view), ==, 95);

  /* The panel counts uses in this document. */
  g_assert_cmpuint (pl_tagging_panel_get_document_count (panel, pl_project_lookup_code (f->project, "CB.NEED")), ==, 1);
  g_assert_cmpuint (pl_tagging_panel_get_document_count (panel, pl_project_lookup_code (f->project, "NRM.F")), ==, 0);
}

static gboolean
panel_shows (PlTaggingPanel *panel,
             PlCode         *code)
{
  GListModel *model = pl_tagging_panel_get_model (panel);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PlCode) item = g_list_model_get_item (model, i);

      if (item == code)
        return TRUE;
    }
  return FALSE;
}

/* The first expander button of a bound row that is shown (a code with children). */
static GtkWidget *
find_expander (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "code-expander")
      && gtk_widget_get_child_visible (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_expander (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_fold_branches (Fixture       *f,
                    gconstpointer  data)
{
  PlTaggingPanel *panel = pl_window_get_tagging_panel (f->window);
  GListModel *codes = pl_project_get_codes (f->project);
  GListModel *shown = pl_tagging_panel_get_model (panel);
  PlCode *norms = pl_project_lookup_code (f->project, "NRM");
  PlCode *threats = pl_project_lookup_code (f->project, "THR");
  PlCode *ransom = pl_project_lookup_code (f->project, "THR.RANSOM");
  PlCode *leaf = pl_project_lookup_code (f->project, "NRM.F");
  guint n_all = g_list_model_get_n_items (codes);
  guint n_top = 0, n_norms = 0;
  GtkWidget *expander;
  g_autoptr(PlAnnotation) annotation = NULL;

  for (guint i = 0; i < n_all; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      n_top += pl_code_get_depth (code) == 0;
      n_norms += g_str_has_prefix (pl_code_get_path (code), pl_code_get_path (norms))
                 && code != norms;
    }
  g_assert_cmpuint (n_norms, >=, 11);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);

  /* The first family's expander button folds it: its children leave the list. */
  expander = find_expander (GTK_WIDGET (panel));
  g_assert_nonnull (expander);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (expander)), ==, "pan-down-symbolic");
  g_signal_emit_by_name (expander, "clicked");
  spin ();
  g_assert_false (pl_tagging_panel_get_expanded (panel, norms));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all - n_norms);
  g_assert_true (panel_shows (panel, norms));
  g_assert_false (panel_shows (panel, leaf));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (expander)), ==, "pan-end-symbolic");

  /* A folded code still applies by its key or its id; a leaf does not fold. */
  pl_transcript_view_select_range (f->view, 0, 5);
  act (f, "win.apply-code", "s", "NRM.F");
  annotation = only_annotation (f);
  g_assert_cmpint (annotation->code_id, ==, pl_code_get_id (leaf));
  pl_tagging_panel_set_expanded (panel, leaf, FALSE);
  g_assert_true (pl_tagging_panel_get_expanded (panel, leaf));

  /* Toggling through the action unfolds it again. */
  g_assert_true (panel_act (f, "panel.toggle-branch", g_variant_new_int64 (pl_code_get_id (norms))));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (expander)), ==, "pan-down-symbolic");

  /* Collapse All leaves the families; a filter still searches inside them. */
  g_assert_true (panel_act (f, "panel.collapse-all", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_top);
  pl_tagging_panel_set_filter (panel, "ransom");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_true (panel_shows (panel, ransom));
  pl_tagging_panel_set_filter (panel, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_top);

  /* Selecting a hidden code unfolds the branches above it, and only those. */
  pl_tagging_panel_select_code (panel, ransom);
  g_assert_true (pl_tagging_panel_get_selected_code (panel) == ransom);
  g_assert_true (pl_tagging_panel_get_expanded (panel, threats));
  g_assert_false (pl_tagging_panel_get_expanded (panel, norms));
  g_assert_false (panel_shows (panel, leaf));

  g_assert_true (panel_act (f, "panel.expand-all", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n_all);
}

static void
test_memo_stance_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(PlAnnotation) after = NULL;
  GtkTextView *memo = pl_window_get_memo_view (f->window);

  pl_transcript_view_select_range (f->view, 0, 5);
  act (f, "win.apply-code", "s", "NRM.F");
  annotation = only_annotation (f);

  /* "m" opens the memo of the annotation just made; closing saves it. */
  g_assert_true (act (f, "win.edit-memo", "s", ""));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (memo), "  Japan’s first mention.  ", -1);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (memo), GTK_TYPE_POPOVER)));
  spin ();
  after = only_annotation (f);
  g_assert_cmpstr (after->memo, ==, "Japan’s first mention.");
  g_clear_pointer (&after, pl_annotation_unref);

  g_assert_true (act (f, "win.set-stance", "(ss)", annotation->guid, "supports"));
  after = only_annotation (f);
  g_assert_cmpstr (after->stance, ==, "supports");
  g_clear_pointer (&after, pl_annotation_unref);

  /* Hovering the span shows its code, coder, stance and memo; elsewhere nothing. */
  {
    g_autofree char *markup = pl_transcript_view_dup_annotations_markup (f->view, 2);
    g_autofree char *nothing = pl_transcript_view_dup_annotations_markup (f->view, 30);

    g_assert_nonnull (markup);
    g_assert_nonnull (strstr (markup, "NRM.F"));
    g_assert_nonnull (strstr (markup, pl_window_get_coder_name (f->window)));
    g_assert_nonnull (strstr (markup, "supports"));
    g_assert_nonnull (strstr (markup, "<i>Japan’s first mention.</i>"));
    g_assert_null (nothing);
  }

  /* Delete removes the focus annotation; undo brings it back with its memo. */
  pl_transcript_view_place_cursor (f->view, 2, FALSE);
  g_assert_true (act (f, "win.remove-focused", NULL));
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 0);
  act (f, "win.undo", NULL);
  after = only_annotation (f);
  g_assert_cmpstr (after->memo, ==, "Japan’s first mention.");
}

static void
test_in_vivo (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PlAnnotation) annotation = NULL;
  PlCode *code, *folder;

  pl_transcript_view_select_range (f->view, 132, 159);   /* "points of contact directory" */
  g_assert_true (act (f, "win.in-vivo", NULL));

  annotation = only_annotation (f);
  code = pl_project_find_code (f->project, annotation->code_id);
  g_assert_cmpstr (pl_code_get_name (code), ==, "points of contact directory");
  folder = pl_project_find_code (f->project, pl_code_get_parent_id (code));
  g_assert_nonnull (folder);
  g_assert_false (pl_code_get_codable (folder));
  g_assert_cmpuint (annotation->start, ==, 132);
}

static void
test_coders (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) first = NULL;
  g_autoptr(GPtrArray) all = NULL;
  PlCoderDialog *dialog;
  const char *original = pl_window_get_coder_name (f->window);
  PlCoder *coder;

  g_assert_nonnull (original);
  pl_transcript_view_select_range (f->view, 0, 5);
  act (f, "win.apply-code", "s", "NRM.F");

  /* A new coder through the dialog: name, initials, colour. */
  dialog = pl_window_edit_coder (f->window, TRUE);
  pl_coder_dialog_set_name (dialog, "Second Coder");
  g_assert_true (pl_coder_dialog_save (dialog));
  spin ();
  g_assert_cmpstr (pl_window_get_coder_name (f->window), ==, "Second Coder");
  coder = pl_window_get_coder (f->window);
  g_assert_cmpstr (coder->initials, ==, "SC");
  g_assert_nonnull (coder->color);

  pl_transcript_view_select_range (f->view, 55, 61);
  act (f, "win.apply-code", "s", "CB.NEED");

  /* Switching back is one action (the header's menu), and is remembered. */
  g_assert_true (act (f, "win.coder", "s", original));
  g_assert_cmpstr (pl_window_get_coder_name (f->window), ==, original);

  all = pl_project_list_annotations (f->project, 0, &error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (pl_project_find_coder (f->project, ((PlAnnotation *)all->pdata[0])->coder_id)->name, ==, original);
  g_assert_cmpstr (pl_project_find_coder (f->project, ((PlAnnotation *)all->pdata[1])->coder_id)->name, ==, "Second Coder");

  /* An empty name is refused and keeps the dialog open. */
  dialog = pl_window_edit_coder (f->window, TRUE);
  g_assert_false (pl_coder_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_export_done (PlExportDialog *dialog,
                const GError   *error,
                gboolean       *done)
{
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "export.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PlExportOptions) options = NULL;
  g_autoptr(GListModel) controllers = NULL;
  PlExportDialog *dialog;
  PlDocument *other;
  gboolean done = FALSE;
  guint rows = 0;

  /* One annotation in the open document, one in another. */
  pl_transcript_view_select_range (f->view, 0, 5);
  act (f, "win.apply-code", "s", "NRM.F");
  other = pl_project_add_document (f->project, "Other", "Chile spoke about ransomware.", NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PlAnnotation) in_other =
      pl_project_add_annotation (f->project,
                                 &(PlAnnotationSpec) { pl_document_get_id (other),
                                                       pl_code_get_id (pl_project_lookup_code (f->project, "THR.RANSOM")),
                                                       pl_window_get_coder (f->window)->id, 17, 27, NULL },
                                 &error);

    g_assert_nonnull (in_other);
  }

  dialog = pl_export_dialog_new (GTK_WINDOW (f->window), f->project, PL_EXPORT_FORMAT_CSV,
                                 pl_transcript_view_get_document (f->view), NULL,
                                 pl_window_get_coder (f->window));
  gtk_window_present (GTK_WINDOW (dialog));
  spin ();

  /* No filter chosen: everything. */
  options = pl_export_dialog_dup_options (dialog);
  g_assert_null (options->filter.document_ids);
  g_assert_null (options->filter.created_since);
  g_clear_pointer (&options, pl_export_options_free);

  /* "This document only", through its switch. */
  {
    GtkWidget *w = GTK_WIDGET (dialog);
    GPtrArray *stack = g_ptr_array_new ();
    GtkSwitch *this_document = NULL;

    g_ptr_array_add (stack, w);
    while (stack->len > 0 && this_document == NULL)
      {
        GtkWidget *node = g_ptr_array_steal_index (stack, stack->len - 1);

        if (GTK_IS_SWITCH (node) && !gtk_switch_get_active (GTK_SWITCH (node))
            && gtk_widget_get_sensitive (gtk_widget_get_ancestor (node, ADW_TYPE_ACTION_ROW))
            && g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (node, ADW_TYPE_ACTION_ROW))),
                            "This document only"))
          this_document = GTK_SWITCH (node);
        for (GtkWidget *child = gtk_widget_get_first_child (node); child != NULL; child = gtk_widget_get_next_sibling (child))
          g_ptr_array_add (stack, child);
      }
    g_ptr_array_unref (stack);
    g_assert_nonnull (this_document);
    gtk_switch_set_active (this_document, TRUE);
  }
  options = pl_export_dialog_dup_options (dialog);
  g_assert_nonnull (options->filter.document_ids);
  g_assert_cmpuint (options->filter.document_ids->len, ==, 1);

  g_signal_connect (dialog, "done", G_CALLBACK (on_export_done), &done);
  pl_export_dialog_export_to (dialog, file);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = contents; (p = strstr (p, "\r\n")) != NULL; p += 2)
    rows++;
  g_assert_cmpuint (rows, ==, 2);   /* header + the one annotation of this document */
  g_assert_null (strstr (contents, "ransomware"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("plenary-coding-XXXXXX", NULL);
  pl_ui_test_set_log_writer ();
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/coding/whole-statement", test_whole_statement);
  ADD ("/coding/code-picker", test_code_picker);
  ADD ("/coding/adjust-span", test_adjust_span);
  ADD ("/coding/navigation", test_navigation);
  ADD ("/coding/fold-branches", test_fold_branches);
  ADD ("/coding/memo-stance-remove", test_memo_stance_remove);
  ADD ("/coding/in-vivo", test_in_vivo);
  ADD ("/coding/coders", test_coders);
  ADD ("/coding/export-dialog", test_export_dialog);
#undef ADD

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
