/* test-history.c — undo and redo, across restarts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pl-error.h"
#include "pl-project.h"

typedef struct
{
  char      *dir;
  char      *path;
  PlProject *project;
  gint64     document_id;
  gint64     alpha_id;
  gint64     beta_id;
  gint64     coder_id;
  guint      added;
  guint      removed;
  guint      changed;
  guint      history;
} Fixture;

static void
on_added (PlProject *project, PlAnnotation *annotation, Fixture *f) { f->added++; }
static void
on_removed (PlProject *project, PlAnnotation *annotation, Fixture *f) { f->removed++; }
static void
on_changed (PlProject *project, PlAnnotation *annotation, Fixture *f) { f->changed++; }
static void
on_history (PlProject *project, Fixture *f) { f->history++; }

static void
connect_signals (Fixture *f)
{
  g_signal_connect (f->project, "annotation-added", G_CALLBACK (on_added), f);
  g_signal_connect (f->project, "annotation-removed", G_CALLBACK (on_removed), f);
  g_signal_connect (f->project, "annotation-changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->project, "history-changed", G_CALLBACK (on_history), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec alpha = { .short_id = "A", .name = "Alpha", .codable = TRUE };
  PlCodeSpec beta = { .short_id = "B", .name = "Beta", .codable = TRUE };
  PlDocument *document;

  f->dir = g_dir_make_tmp ("plenary-history-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.plenary", NULL);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  document = pl_project_add_document (f->project, "Doc", "Norms apply to 😀 everyone here.", NULL, &error);
  g_assert_no_error (error);
  f->document_id = pl_document_get_id (document);
  f->alpha_id = pl_code_get_id (pl_project_add_code (f->project, &alpha, &error));
  f->beta_id = pl_code_get_id (pl_project_add_code (f->project, &beta, &error));
  f->coder_id = pl_project_ensure_coder (f->project, "Coder", &error)->id;
  g_assert_no_error (error);
  connect_signals (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->project);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->project);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  connect_signals (f);
}

static PlAnnotation *
apply (Fixture *f,
       gint64   code_id,
       guint    start,
       guint    end)
{
  g_autoptr(GError) error = NULL;
  PlAnnotation *annotation = pl_project_add_annotation (f->project,
                                                        &(PlAnnotationSpec) { f->document_id, code_id,
                                                                              f->coder_id, start, end, NULL },
                                                        &error);

  g_assert_no_error (error);
  return annotation;
}

static void
test_undo_redo_add (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autoptr(PlAnnotation) again = NULL;
  g_autofree char *label = NULL;
  g_autofree char *redo_label = NULL;

  g_assert_false (pl_project_can_undo (f->project));
  g_assert_false (pl_project_undo (f->project, &error));
  g_assert_no_error (error);

  annotation = apply (f, f->alpha_id, 0, 5);
  g_assert_cmpuint (f->added, ==, 1);
  g_assert_cmpuint (f->history, ==, 1);
  label = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (label, ==, "Apply “Alpha”");
  g_assert_false (pl_project_can_redo (f->project));

  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->removed, ==, 1);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 0);
  g_assert_cmpuint (pl_code_get_n_annotations (pl_project_find_code (f->project, f->alpha_id)), ==, 0);
  redo_label = pl_project_dup_redo_label (f->project);
  g_assert_cmpstr (redo_label, ==, "Apply “Alpha”");
  g_assert_false (pl_project_can_undo (f->project));

  g_assert_true (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->added, ==, 2);
  again = pl_project_find_annotation (f->project, annotation->guid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->start, ==, 0);
  g_assert_cmpuint (again->end, ==, 5);
  g_assert_cmpstr (again->created, ==, annotation->created);
  g_assert_cmpuint (pl_code_get_n_annotations (pl_project_find_code (f->project, f->alpha_id)), ==, 1);
}

static void
test_survives_restart (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) first = apply (f, f->alpha_id, 0, 5);
  g_autoptr(PlAnnotation) second = apply (f, f->beta_id, 6, 11);
  g_autoptr(PlAnnotation) back = NULL;

  reopen (f);
  g_assert_true (pl_project_can_undo (f->project));
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 1);

  /* The redo survives a restart too. */
  reopen (f);
  g_assert_true (pl_project_can_redo (f->project));
  g_assert_true (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  back = pl_project_find_annotation (f->project, second->guid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (back->code_id, ==, f->beta_id);
}

static void
test_new_action_discards_redo (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) first = apply (f, f->alpha_id, 0, 5);
  g_autoptr(PlAnnotation) second = NULL;

  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_true (pl_project_can_redo (f->project));
  second = apply (f, f->beta_id, 6, 11);
  g_assert_false (pl_project_can_redo (f->project));
  g_assert_false (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 1);
}

static void
test_changes_undo (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = apply (f, f->alpha_id, 0, 5);
  g_autoptr(PlAnnotation) now = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  g_assert_true (pl_project_set_annotation_memo (f->project, annotation->guid, "first memo", &error));
  g_assert_true (pl_project_set_annotation_stance (f->project, annotation->guid, "supports", &error));
  g_assert_true (pl_project_set_annotation_code (f->project, annotation->guid, f->beta_id, &error));
  g_assert_true (pl_project_set_annotation_range (f->project, annotation->guid, 15, 16, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changed, ==, 2);   /* memo, stance */
  g_assert_cmpuint (f->removed, ==, 2);   /* code and range changes re-announce the span */
  g_assert_cmpuint (f->added, ==, 3);

  now = pl_project_find_annotation (f->project, annotation->guid, &error);
  text = pl_project_dup_annotation_text (f->project, now, &error);
  g_assert_cmpstr (text, ==, "😀");
  g_assert_cmpstr (now->memo, ==, "first memo");
  g_assert_cmpstr (now->stance, ==, "supports");
  g_assert_cmpint (now->code_id, ==, f->beta_id);
  g_assert_cmpuint (pl_code_get_n_annotations (pl_project_find_code (f->project, f->beta_id)), ==, 1);
  g_assert_cmpuint (pl_code_get_n_annotations (pl_project_find_code (f->project, f->alpha_id)), ==, 0);
  g_clear_pointer (&now, pl_annotation_unref);

  label = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (label, ==, "Adjust Span");

  /* Undo, one by one, back to the plain annotation. */
  g_assert_true (pl_project_undo (f->project, &error));
  now = pl_project_find_annotation (f->project, annotation->guid, &error);
  g_assert_cmpuint (now->start, ==, 0);
  g_assert_cmpuint (now->end, ==, 5);
  g_clear_pointer (&now, pl_annotation_unref);

  g_assert_true (pl_project_undo (f->project, &error));
  now = pl_project_find_annotation (f->project, annotation->guid, &error);
  g_assert_cmpint (now->code_id, ==, f->alpha_id);
  g_assert_cmpuint (pl_code_get_n_annotations (pl_project_find_code (f->project, f->alpha_id)), ==, 1);
  g_clear_pointer (&now, pl_annotation_unref);

  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  now = pl_project_find_annotation (f->project, annotation->guid, &error);
  g_assert_null (now->memo);
  g_assert_null (now->stance);
  g_clear_pointer (&now, pl_annotation_unref);

  /* Refused values change nothing and record nothing. */
  g_assert_false (pl_project_set_annotation_stance (f->project, annotation->guid, "maybe", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_project_set_annotation_range (f->project, annotation->guid, 5, 500, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pl_project_can_redo (f->project));
}

static void
test_remove_undo_restores (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = apply (f, f->alpha_id, 6, 11);
  g_autoptr(PlAnnotation) restored = NULL;

  g_assert_true (pl_project_set_annotation_memo (f->project, annotation->guid, "keep me", &error));
  g_assert_true (pl_project_remove_annotation (f->project, annotation->guid, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 0);

  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  restored = pl_project_find_annotation (f->project, annotation->guid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored->memo, ==, "keep me");
  g_assert_cmpstr (restored->created, ==, annotation->created);
  g_assert_cmpint (restored->coder_id, ==, f->coder_id);
}

static void
test_damaged_history_changes_nothing (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = apply (f, f->alpha_id, 0, 5);
  sqlite3 *db = NULL;

  g_clear_object (&f->project);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO history (label, kind, undo, redo, created)"
                                     " VALUES ('Future', 'ops', '[{\"op\":\"warp.drive\"}]', '[]',"
                                     " '2030-01-01T00:00:00Z')", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  reopen (f);

  g_assert_false (pl_project_undo (f->project, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "warp.drive"));
  g_assert_cmpuint (pl_project_count_annotations (f->project), ==, 1);
  g_assert_true (pl_project_can_undo (f->project));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/history/undo-redo-add", test_undo_redo_add);
  ADD ("/history/survives-restart", test_survives_restart);
  ADD ("/history/new-action-discards-redo", test_new_action_discards_redo);
  ADD ("/history/changes-undo", test_changes_undo);
  ADD ("/history/remove-undo-restores", test_remove_undo_restores);
  ADD ("/history/damaged-history-changes-nothing", test_damaged_history_changes_nothing);
#undef ADD

  return g_test_run ();
}
