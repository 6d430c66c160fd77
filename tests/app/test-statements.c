/* test-statements.c — correcting the segmentation from the window, through its actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "pl-codebook.h"
#include "pl-document-properties.h"
#include "pl-gazetteer.h"
#include "pl-project-gazetteer.h"
#include "pl-text.h"
#include "pl-window-private.h"
#include "pl-compat.h"
#include "pl-ui-test.h"

/* A transcript: the Chair, then Kenya, then an unlabelled turn. */
static const char text[] =
  "Chair\nI give the floor to Kenya.\n\n"
  "Kenya\nKenya supports the norms. We also call for capacity-building.\n\n"
  "We thank the Chair.";

static char *tmp_dir;

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GPtrArray *
statements_of (PlProject  *project,
               PlDocument *document)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *statements = pl_project_list_statements (project, pl_document_get_id (document), &error);

  g_assert_no_error (error);
  return statements;
}

static void
test_corrections (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "statements.plenary", NULL);
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *document_text = NULL;
  PlTranscriptView *view;
  PlDocument *document;
  PlWindow *window;
  guint n, also;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  pl_codebook_load_starter (project, &error);
  document = pl_project_add_document (project, "Debate", text, NULL, &error);
  g_assert_no_error (error);
  document_text = pl_project_dup_document_text (project, pl_document_get_id (document), NULL);

  window = pl_window_new (NULL);
  pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  spin ();
  view = pl_window_get_transcript_view (window);

  statements = statements_of (project, document);
  n = statements->len;
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (((PlStatement *)statements->pdata[1])->entity, ==, "Kenya");
  g_clear_pointer (&statements, g_ptr_array_unref);

  /* An annotation across the coming split keeps its exact text through everything. */
  also = g_utf8_pointer_to_offset (text, strstr (text, "We also"));
  pl_transcript_view_select_range (view, also - 10, also + 7);
  pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", "CB.OFFER");
  {
    g_autoptr(GPtrArray) all = pl_project_list_annotations (project, 0, NULL);

    annotation = pl_annotation_ref (all->pdata[0]);
  }
  before = pl_text_slice (document_text, annotation->start, annotation->end);

  /* Split Kenya's statement before "We also": both halves keep Kenya. */
  pl_transcript_view_place_cursor (view, also, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.split-statement", NULL));
  spin ();
  statements = statements_of (project, document);
  g_assert_cmpuint (statements->len, ==, n + 1);
  g_assert_cmpuint (((PlStatement *)statements->pdata[2])->start, ==, also);
  g_assert_cmpstr (((PlStatement *)statements->pdata[2])->entity, ==, "Kenya");
  g_assert_cmpuint (pl_transcript_view_get_statements (view)->len, ==, n + 1);
  g_clear_pointer (&statements, g_ptr_array_unref);

  /* Merge it back. */
  pl_transcript_view_place_cursor (view, also + 2, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.merge-statement", NULL));
  spin ();
  statements = statements_of (project, document);
  g_assert_cmpuint (statements->len, ==, n);
  g_clear_pointer (&statements, g_ptr_array_unref);

  /* The unlabelled last turn: set its speaker through the picker. */
  pl_transcript_view_place_cursor (view, pl_text_length (text) - 3, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.set-speaker", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pl_window_get_speaker_popover (window))));
  gtk_editable_set_text (pl_window_get_speaker_entry (window), "Türkiye");
  g_signal_emit_by_name (pl_window_get_speaker_entry (window), "activate");
  spin ();
  statements = statements_of (project, document);
  g_assert_cmpstr (((PlStatement *)statements->pdata[2])->speaker, ==, "Türkiye");
  g_assert_cmpstr (((PlStatement *)statements->pdata[2])->iso3, ==, "TUR");
  g_assert_cmpstr (((PlStatement *)statements->pdata[2])->speaker_source, ==, "user");
  g_assert_false (((PlStatement *)statements->pdata[2])->needs_review);
  g_clear_pointer (&statements, g_ptr_array_unref);

  /* Typing part of a name and picking the suggestion with the arrow key takes that name. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-speaker", NULL);
  gtk_editable_set_text (pl_window_get_speaker_entry (window), "Pacific Islands");
  g_signal_emit_by_name (pl_window_get_speaker_entry (window), "search-changed");
  {
    GtkEventController *keys = NULL;
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (pl_window_get_speaker_entry (window)));
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && keys == NULL; i++)
      {
        g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (c) && gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
          keys = c;
      }
    g_assert_nonnull (keys);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
    g_assert_true (handled);
  }
  g_signal_emit_by_name (pl_window_get_speaker_entry (window), "activate");
  spin ();
  statements = statements_of (project, document);
  g_assert_cmpstr (((PlStatement *)statements->pdata[2])->entity, ==, "Pacific Islands Forum");
  g_assert_cmpstr (((PlStatement *)statements->pdata[2])->entity_type, ==, "group_of_states");
  g_clear_pointer (&statements, g_ptr_array_unref);

  /* A name the gazetteer does not know, remembered for the project with its kind. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.set-speaker", NULL);
  gtk_editable_set_text (pl_window_get_speaker_entry (window), "Institute for Digital Peace");
  pl_window_set_remember_speaker (window, TRUE, PL_ENTITY_TYPE_ACADEMIA);
  g_signal_emit_by_name (pl_window_get_speaker_entry (window), "activate");
  spin ();
  statements = statements_of (project, document);
  g_assert_cmpstr (((PlStatement *)statements->pdata[2])->speaker, ==, "Institute for Digital Peace");
  g_assert_cmpstr (((PlStatement *)statements->pdata[2])->entity_type, ==, "academia");
  g_clear_pointer (&statements, g_ptr_array_unref);
  {
    const PlGazetteerEntry *entry = pl_gazetteer_lookup (pl_project_get_gazetteer (project), "Institute for Digital Peace");

    g_assert_nonnull (entry);
    g_assert_cmpint (entry->type, ==, PL_ENTITY_TYPE_ACADEMIA);
  }

  /* Front matter and back, each undoable. */
  pl_transcript_view_place_cursor (view, 2, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-front-matter", NULL);
  statements = statements_of (project, document);
  g_assert_cmpint (((PlStatement *)statements->pdata[0])->kind, ==, PL_STATEMENT_KIND_FRONT_MATTER);
  g_clear_pointer (&statements, g_ptr_array_unref);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  statements = statements_of (project, document);
  g_assert_cmpint (((PlStatement *)statements->pdata[0])->kind, ==, PL_STATEMENT_KIND_STATEMENT);
  g_clear_pointer (&statements, g_ptr_array_unref);

  /* The annotation never moved. */
  {
    g_autoptr(PlAnnotation) now = pl_project_find_annotation (project, annotation->guid, NULL);

    after = pl_text_slice (document_text, now->start, now->end);
    g_assert_cmpstr (after, ==, before);
  }

  /* Document details: applied, shown on the document, undoable. */
  {
    PlDocumentProperties *details = pl_document_properties_new (GTK_WINDOW (window), project, document);

    g_assert_true (pl_document_properties_apply (details, "session", "Eleventh session"));
    g_assert_cmpstr (pl_document_get_metadata (document, "session"), ==, "Eleventh session");
    g_assert_false (pl_document_properties_apply (details, "colour", "blue"));
    gtk_window_destroy (GTK_WINDOW (details));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
    g_assert_null (pl_document_get_metadata (document, "session"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("plenary-statements-XXXXXX", NULL);
  pl_ui_test_set_log_writer ();
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  g_test_add_func ("/statements/corrections", test_corrections);

  status = g_test_run ();
  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (tmp_dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (tmp_dir);
  }
  return status;
}
