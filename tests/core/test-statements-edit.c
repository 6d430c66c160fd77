/* test-statements-edit.c — split, merge, speaker, kind and review: each undoable, annotations kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gstdio.h>

#include "pl-error.h"
#include "pl-project-statements.h"
#include "pl-text.h"

static const char transcript[] =
  "Unofficial transcript, first meeting\n"
  "\n"
  "Chair\n"
  "Good morning. I give the floor to Brazil.\n"
  "\n"
  "Brazil\n"
  "Thank you, Chair. Brazil supports 😀 the norms. We also want capacity building.\n"
  "\n"
  "Kenya\n"
  "Thank you. Kenya agrees with 中文 Brazil.\n";

typedef struct
{
  char      *dir;
  char      *path;
  PlProject *project;
  gint64     document_id;
  gint64     code_id;
  gint64     coder_id;
  guint      changed;
  gint64     changed_document;
} Fixture;

static void
on_statements_changed (PlProject *project,
                       gint64     document_id,
                       Fixture   *f)
{
  f->changed++;
  f->changed_document = document_id;
}

static guint
offset_of (const char *needle)
{
  const char *found = strstr (transcript, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (transcript, found);
}

static void
annotate (Fixture    *f,
          const char *from,
          const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;

  annotation = pl_project_add_annotation (f->project,
                                          &(PlAnnotationSpec) { f->document_id, f->code_id, f->coder_id,
                                                                offset_of (from),
                                                                offset_of (to) + pl_text_length (to), NULL },
                                          &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { .short_id = "NRM", .name = "Norms", .codable = TRUE };
  PlDocument *document;

  f->dir = g_dir_make_tmp ("plenary-statements-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.plenary", NULL);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  document = pl_project_add_document (f->project, "Transcript", transcript, NULL, &error);
  g_assert_no_error (error);
  f->document_id = pl_document_get_id (document);
  f->code_id = pl_code_get_id (pl_project_add_code (f->project, &spec, &error));
  g_assert_no_error (error);
  f->coder_id = pl_project_ensure_coder (f->project, "Ann", &error)->id;
  g_assert_no_error (error);

  /* Inside a statement, across the place of a split, and across two statements. */
  annotate (f, "Brazil supports", "norms");
  annotate (f, "the norms. We", "capacity");
  annotate (f, "Good morning", "Thank you, Chair");

  g_signal_connect (f->project, "statements-changed", G_CALLBACK (on_statements_changed), f);
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

/* Statements and annotations, written out so two states compare as strings. */
static char *
describe_statements (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = pl_project_list_statements (f->project, f->document_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *s = g_ptr_array_index (statements, i);
      g_autofree char *source = pl_project_dup_speaker_source (f->project, f->document_id, s->index, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "%u [%u,%u) %s %s|%s|%s|%s|%s|%s %s %d\n", s->index, s->start, s->end,
                              pl_statement_kind_to_string (s->kind), s->speaker, s->entity, s->entity_type,
                              s->iso3, s->regional_group, s->on_behalf_of, source, s->needs_review);
    }
  return g_string_free (out, FALSE);
}

static char *
describe_annotations (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = pl_project_list_annotations (f->project, f->document_id, &error);
  g_autofree char *text = pl_project_dup_document_text (f->project, f->document_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, transcript);
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *a = g_ptr_array_index (annotations, i);
      g_autofree char *slice = pl_text_slice (text, a->start, a->end);

      g_string_append_printf (out, "%s [%u,%u) %s\n", a->guid, a->start, a->end, slice);
    }
  return g_string_free (out, FALSE);
}

static PlStatement *
statement_at (Fixture *f,
              guint    index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = pl_project_list_statements (f->project, f->document_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (index, >=, 1);
  g_assert_cmpuint (index, <=, statements->len);
  return pl_statement_ref (g_ptr_array_index (statements, index - 1));
}

static guint
n_statements (Fixture *f)
{
  return pl_document_get_n_statements (pl_project_find_document (f->project, f->document_id));
}

/* Undo gives back @before, redo @after; annotations never move. */
static void
assert_undo_redo (Fixture    *f,
                  const char *before,
                  const char *after,
                  const char *annotations)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *annotations_undone = NULL;
  g_autofree char *annotations_redone = NULL;
  guint changed = f->changed;

  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  undone = describe_statements (f);
  g_assert_cmpstr (undone, ==, before);
  annotations_undone = describe_annotations (f);
  g_assert_cmpstr (annotations_undone, ==, annotations);
  g_assert_cmpuint (f->changed, ==, changed + 1);
  g_assert_cmpint (f->changed_document, ==, f->document_id);

  g_assert_true (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  redone = describe_statements (f);
  g_assert_cmpstr (redone, ==, after);
  annotations_redone = describe_annotations (f);
  g_assert_cmpstr (annotations_redone, ==, annotations);
  g_assert_cmpuint (f->changed, ==, changed + 2);
}

static void
test_segmented_on_import (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PlStatement) chair = statement_at (f, 2);
  g_autoptr(PlStatement) brazil = statement_at (f, 3);
  g_autofree char *source = pl_project_dup_speaker_source (f->project, f->document_id, 3, NULL);

  g_assert_cmpuint (n_statements (f), ==, 4);
  g_assert_cmpstr (chair->entity_type, ==, "chair");
  g_assert_cmpstr (brazil->iso3, ==, "BRA");
  /* speaker_source is written by the store once it stores the segmenter's sources. */
  g_assert_true (source == NULL || g_str_equal (source, "label"));
}

static void
test_split (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_statements (f);
  g_autofree char *annotations = describe_annotations (f);
  g_autofree char *after = NULL;
  g_autofree char *annotations_after = NULL;
  g_autofree char *label = NULL;
  g_autoptr(PlStatement) first = NULL;
  g_autoptr(PlStatement) second = NULL;
  g_autoptr(PlStatement) kenya = NULL;
  guint at = offset_of (" We also want");

  g_assert_true (pl_project_split_statement (f->project, f->document_id, at, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpint (f->changed_document, ==, f->document_id);
  g_assert_cmpuint (n_statements (f), ==, 5);

  first = statement_at (f, 3);
  second = statement_at (f, 4);
  kenya = statement_at (f, 5);
  g_assert_cmpuint (first->start, ==, offset_of ("Brazil\nThank"));
  g_assert_cmpuint (first->end, ==, at);
  /* Trimmed: the second part begins at "We", not at the space. */
  g_assert_cmpuint (second->start, ==, at + 1);
  g_assert_cmpuint (second->end, ==, offset_of ("\n\nKenya"));
  g_assert_cmpstr (first->speaker, ==, "Brazil");
  g_assert_cmpstr (second->speaker, ==, "Brazil");
  g_assert_cmpstr (second->entity, ==, "Brazil");
  g_assert_cmpstr (second->iso3, ==, "BRA");
  g_assert_cmpstr (kenya->entity, ==, "Kenya");

  annotations_after = describe_annotations (f);
  g_assert_cmpstr (annotations_after, ==, annotations);

  label = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (label, ==, "Split Statement");

  after = describe_statements (f);
  assert_undo_redo (f, before, after, annotations);
}

static void
test_split_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_statements (f);
  g_autofree char *after = NULL;
  g_autofree char *undo_before = pl_project_dup_undo_label (f->project);
  g_autofree char *undo_after = NULL;
  guint brazil = offset_of ("Brazil\nThank");

  /* Between statements, at a statement's first character, inside leading white space. */
  g_assert_false (pl_project_split_statement (f->project, f->document_id, brazil - 1, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_project_split_statement (f->project, f->document_id, brazil, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_project_split_statement (f->project, f->document_id, 100000, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_project_split_statement (f->project, 4242, brazil + 3, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = describe_statements (f);
  g_assert_cmpstr (after, ==, before);
  undo_after = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (undo_after, ==, undo_before);
  g_assert_cmpuint (f->changed, ==, 0);
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *annotations = describe_annotations (f);
  g_autofree char *after = NULL;
  g_autofree char *annotations_after = NULL;
  g_autoptr(PlStatement) merged = NULL;

  /* Give Kenya's turn a reviewed, user-set speaker so the undo must restore it. */
  g_assert_true (pl_project_set_speaker (f->project, f->document_id, 4, "Mr. Otieno (Kenya)", &error));
  g_assert_no_error (error);
  before = describe_statements (f);

  g_assert_true (pl_project_merge_statement_with_previous (f->project, f->document_id, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_statements (f), ==, 3);

  merged = statement_at (f, 3);
  g_assert_cmpuint (merged->start, ==, offset_of ("Brazil\nThank"));
  g_assert_cmpuint (merged->end, ==, pl_text_length (transcript) - 1);
  g_assert_cmpstr (merged->entity, ==, "Brazil");

  annotations_after = describe_annotations (f);
  g_assert_cmpstr (annotations_after, ==, annotations);

  after = describe_statements (f);
  assert_undo_redo (f, before, after, annotations);
}

static void
test_merge_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undo_before = pl_project_dup_undo_label (f->project);
  g_autofree char *undo_after = NULL;

  g_assert_false (pl_project_merge_statement_with_previous (f->project, f->document_id, 1, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_project_merge_statement_with_previous (f->project, f->document_id, 99, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  undo_after = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (undo_after, ==, undo_before);
  g_assert_cmpuint (f->changed, ==, 0);
}

static void
test_split_then_merge_is_identity (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_statements (f);
  g_autofree char *after = NULL;

  g_assert_true (pl_project_split_statement (f->project, f->document_id, offset_of ("Brazil supports"), &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_merge_statement_with_previous (f->project, f->document_id, 4, &error));
  g_assert_no_error (error);

  after = describe_statements (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_set_speaker (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_statements (f);
  g_autofree char *annotations = describe_annotations (f);
  g_autofree char *after = NULL;
  g_autofree char *source = NULL;
  g_autofree char *label = NULL;
  g_autoptr(PlStatement) statement = NULL;

  g_assert_true (pl_project_set_speaker (f->project, f->document_id, 2, "the Republic of Korea", &error));
  g_assert_no_error (error);
  statement = statement_at (f, 2);
  g_assert_cmpstr (statement->speaker, ==, "the Republic of Korea");
  g_assert_cmpstr (statement->entity, ==, "Republic of Korea");
  g_assert_cmpstr (statement->entity_type, ==, "member_state");
  g_assert_cmpstr (statement->iso3, ==, "KOR");
  g_assert_cmpstr (statement->regional_group, ==, "Asia-Pacific");
  g_assert_false (statement->needs_review);
  source = pl_project_dup_speaker_source (f->project, f->document_id, 2, &error);
  g_assert_cmpstr (source, ==, "user");
  label = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (label, ==, "Set Speaker “the Republic of Korea”");

  after = describe_statements (f);
  assert_undo_redo (f, before, after, annotations);
  g_clear_pointer (&statement, pl_statement_unref);

  /* A person with an organisation, a cue word, somebody unknown, nobody. */
  g_assert_true (pl_project_set_speaker (f->project, f->document_id, 2, "Ms. Ana Ruiz (UNODC)", &error));
  statement = statement_at (f, 2);
  g_assert_cmpstr (statement->entity, ==, "UNODC");
  g_assert_cmpstr (statement->entity_type, ==, "un_entity");
  g_clear_pointer (&statement, pl_statement_unref);

  g_assert_true (pl_project_set_speaker (f->project, f->document_id, 2, "Open Cyber Foundation", &error));
  statement = statement_at (f, 2);
  g_assert_cmpstr (statement->entity, ==, "Open Cyber Foundation");
  g_assert_cmpstr (statement->entity_type, ==, "ngo");
  g_assert_null (statement->iso3);
  g_clear_pointer (&statement, pl_statement_unref);

  g_assert_true (pl_project_set_speaker (f->project, f->document_id, 2, "Blue Lantern", &error));
  statement = statement_at (f, 2);
  g_assert_cmpstr (statement->speaker, ==, "Blue Lantern");
  g_assert_null (statement->entity);
  g_assert_cmpstr (statement->entity_type, ==, "unknown");
  g_clear_pointer (&statement, pl_statement_unref);

  g_assert_true (pl_project_set_speaker (f->project, f->document_id, 2, "  ", &error));
  g_assert_no_error (error);
  statement = statement_at (f, 2);
  g_assert_null (statement->speaker);
  g_assert_null (statement->entity);
  g_assert_null (statement->entity_type);
  g_clear_pointer (&statement, pl_statement_unref);

  /* Through the project's own gazetteer. */
  g_assert_true (pl_project_add_gazetteer_entry (f->project,
                                                 &(PlGazetteerEntrySpec) { "Ambassador Okafor", "Chair",
                                                                           PL_ENTITY_TYPE_CHAIR, NULL, NULL },
                                                 &error));
  g_assert_true (pl_project_set_speaker (f->project, f->document_id, 2, "Ambassador Okafor", &error));
  statement = statement_at (f, 2);
  g_assert_cmpstr (statement->entity_type, ==, "chair");

  g_assert_false (pl_project_set_speaker (f->project, f->document_id, 42, "Japan", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
}

static void
test_set_on_behalf_of (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_statements (f);
  g_autofree char *annotations = describe_annotations (f);
  g_autofree char *after = NULL;
  g_autoptr(PlStatement) statement = NULL;

  g_assert_true (pl_project_set_on_behalf_of (f->project, f->document_id, 3, "G77", &error));
  g_assert_no_error (error);
  statement = statement_at (f, 3);
  g_assert_cmpstr (statement->on_behalf_of, ==, "Group of 77 and China");
  after = describe_statements (f);
  assert_undo_redo (f, before, after, annotations);
}

static void
test_set_kind (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_statements (f);
  g_autofree char *annotations = describe_annotations (f);
  g_autofree char *after = NULL;
  g_autoptr(PlStatement) statement = NULL;
  g_autoptr(PlStatement) title = NULL;

  g_assert_true (pl_project_set_statement_kind (f->project, f->document_id, 2, PL_STATEMENT_KIND_FRONT_MATTER,
                                                &error));
  g_assert_no_error (error);
  statement = statement_at (f, 2);
  g_assert_cmpint (statement->kind, ==, PL_STATEMENT_KIND_FRONT_MATTER);
  g_assert_cmpstr (statement->entity, ==, "Chair");
  after = describe_statements (f);
  assert_undo_redo (f, before, after, annotations);

  g_assert_true (pl_project_set_statement_kind (f->project, f->document_id, 1, PL_STATEMENT_KIND_STATEMENT,
                                                &error));
  title = statement_at (f, 1);
  g_assert_cmpint (title->kind, ==, PL_STATEMENT_KIND_STATEMENT);
}

static void
test_set_reviewed (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_statements (f);
  g_autofree char *annotations = describe_annotations (f);
  g_autofree char *after = NULL;
  g_autoptr(PlStatement) flagged = NULL;
  g_autoptr(PlStatement) reviewed = NULL;

  g_assert_true (pl_project_set_statement_reviewed (f->project, f->document_id, 3, FALSE, &error));
  g_assert_no_error (error);
  flagged = statement_at (f, 3);
  g_assert_true (flagged->needs_review);
  after = describe_statements (f);
  assert_undo_redo (f, before, after, annotations);

  g_assert_true (pl_project_set_statement_reviewed (f->project, f->document_id, 3, TRUE, &error));
  reviewed = statement_at (f, 3);
  g_assert_false (reviewed->needs_review);
}

/* The history refers to documents by GUID and statements by index: it replays after a
 * restart. */
static void
test_undo_after_reopening (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = describe_statements (f);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;

  g_assert_true (pl_project_split_statement (f->project, f->document_id, offset_of (" We also"), &error));
  g_assert_no_error (error);
  after = describe_statements (f);

  g_clear_object (&f->project);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_statements (f), ==, 5);

  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  undone = describe_statements (f);
  g_assert_cmpstr (undone, ==, before);
  g_assert_cmpuint (n_statements (f), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/statements/segmented-on-import", test_segmented_on_import);
  ADD ("/statements/split", test_split);
  ADD ("/statements/split-refused", test_split_refused);
  ADD ("/statements/merge", test_merge);
  ADD ("/statements/merge-refused", test_merge_refused);
  ADD ("/statements/split-then-merge-is-identity", test_split_then_merge_is_identity);
  ADD ("/statements/set-speaker", test_set_speaker);
  ADD ("/statements/set-on-behalf-of", test_set_on_behalf_of);
  ADD ("/statements/set-kind", test_set_kind);
  ADD ("/statements/set-reviewed", test_set_reviewed);
  ADD ("/statements/undo-after-reopening", test_undo_after_reopening);
#undef ADD

  return g_test_run ();
}
