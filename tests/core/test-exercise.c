/* test-exercise.c — teaching seminars: a pack, students' work, hand-ins, collecting, scores
 *
 * A teacher's project of one document of four statements and two codes, X and Y; the
 * reference codes X in statements 1 and 3, Y in statement 2.  Students start from the pack
 * in their own projects, code, hand in; the teacher collects and scores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pl-archive.h"
#include "pl-error.h"
#include "pl-exercise.h"
#include "pl-project-bulk.h"
#include "pl-scores.h"
#include "pl-test-util.h"

#define UNIT_LENGTH 20
#define N_UNITS 4

typedef struct
{
  char      *dir;
  PlProject *teacher;
  gint64     document;
  gint64     x;
  gint64     y;
  char      *pack;
} Fixture;

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static gint64
add_code (PlProject  *project,
          const char *short_id)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { .short_id = short_id, .name = short_id, .codable = TRUE };
  PlCode *code = pl_project_add_code (project, &spec, &error);

  g_assert_no_error (error);
  return pl_code_get_id (code);
}

/* A document of N_UNITS statements of UNIT_LENGTH characters, two characters apart; the
 * same text in every project made with the same @letter. */
static gint64
add_document (PlProject  *project,
              const char *guid,
              char        letter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectBulk) bulk = pl_project_bulk_begin (project, &error);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  PlBulkResult result;

  for (guint u = 0; u < N_UNITS; u++)
    {
      PlStatement *statement = pl_statement_new ();

      statement->index = u + 1;
      statement->start = text->len;
      for (guint i = 0; i < UNIT_LENGTH; i++)
        g_string_append_c (text, (char) (letter + (u + i) % 20));
      statement->end = text->len;
      statement->kind = PL_STATEMENT_KIND_STATEMENT;
      g_ptr_array_add (statements, statement);
      g_string_append (text, "\n\n");
    }
  g_assert_true (pl_project_bulk_add_document (bulk, &(PlBulkDocument) { .guid = guid,
                                                 .title = "Session 1", .text = text->str,
                                                 .statements = statements },
                                               &result, &error));
  g_assert_true (pl_project_bulk_commit (bulk, &error));
  g_assert_no_error (error);
  return result.id;
}

static gint64
coder_id (PlProject  *project,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  PlCoder *coder = pl_project_ensure_coder (project, name, &error);

  g_assert_no_error (error);
  return coder->id;
}

/* Codes statement @unit (0-based) of the first document of @project with @code. */
static void
code_unit (PlProject  *project,
           const char *coder,
           gint64      code,
           guint       unit,
           const char *memo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  guint start = unit * (UNIT_LENGTH + 2);
  GListModel *model = pl_project_get_documents (project);
  g_autoptr(PlDocument) document = g_list_model_get_item (model, 0);

  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                code, coder_id (project, coder),
                                                                start, start + UNIT_LENGTH,
                                                                memo },
                                          &error);
  g_assert_no_error (error);
}

/* The code @short_id in @project (a student's work has the teacher's codes). */
static gint64
code_in (PlProject  *project,
         const char *short_id)
{
  PlCode *code = pl_project_lookup_code (project, short_id);

  g_assert_nonnull (code);
  return pl_code_get_id (code);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlExercise) exercise = NULL;
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GFile) pack = NULL;
  g_autofree char *path = NULL;
  g_autofree char *guid = g_uuid_string_random ();

  fixture->dir = g_dir_make_tmp ("plenary-exercise-XXXXXX", &error);
  g_assert_no_error (error);
  path = path_in (fixture, "teacher.plenary");
  fixture->teacher = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->x = add_code (fixture->teacher, "X");
  fixture->y = add_code (fixture->teacher, "Y");
  fixture->document = add_document (fixture->teacher, guid, 'a');
  code_unit (fixture->teacher, "Reference", fixture->x, 0, "The first names X.");
  code_unit (fixture->teacher, "Reference", fixture->y, 1, "Secret reference memo");
  code_unit (fixture->teacher, "Reference", fixture->x, 2, NULL);

  g_array_append_val (documents, fixture->document);
  fixture->pack = path_in (fixture, "Week 1.plenary-exercise");
  pack = g_file_new_for_path (fixture->pack);
  exercise = pl_exercise_create (fixture->teacher,
                                 &(PlExerciseSpec) { .document_ids = documents,
                                                     .instructions = "Code **every** statement." },
                                 pack, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exercise->title, ==, "Week 1");
  g_assert_cmpuint (pl_exercise_count_units (exercise), ==, N_UNITS);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pl_project_close (fixture->teacher);
  g_object_unref (fixture->teacher);
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->pack);
  g_free (fixture->dir);
}

/* A student's work from the pack, coded by @code (a string of N_UNITS letters, X, Y, B
 * for both or - for none), and handed in; returns the hand-in's path. */
static char *
student_hands_in (Fixture    *fixture,
                  const char *student,
                  const char *pack,
                  const char *codes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work_name = g_strdup_printf ("%s.plenary", student);
  g_autofree char *work_path = path_in (fixture, work_name);
  g_autoptr(PlProject) work = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) handin = NULL;

  work = pl_exercise_start (pack != NULL ? pack : fixture->pack, student, work_path, &error);
  g_assert_no_error (error);
  for (guint u = 0; codes != NULL && codes[u] != '\0'; u++)
    {
      if (codes[u] == 'X' || codes[u] == 'B')
        code_unit (work, student, code_in (work, "X"), u, NULL);
      if (codes[u] == 'Y' || codes[u] == 'B')
        code_unit (work, student, code_in (work, "Y"), u, NULL);
    }
  handin = pl_exercise_hand_in (work, folder, &error);
  g_assert_no_error (error);
  pl_project_close (work);
  return g_file_get_path (handin);
}

static PlCollectReport *
collect (Fixture     *fixture,
         const char  *first,
         ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  PlCollectReport *report;
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (paths, (gpointer) path);
  va_end (args);
  g_ptr_array_add (paths, NULL);

  report = pl_project_collect_handins (fixture->teacher, (const char * const *) paths->pdata,
                                       &error);
  g_assert_no_error (error);
  return report;
}

static const PlHandinResult *
result_of (PlCollectReport *report,
           guint            i)
{
  return &g_array_index (report->results, PlHandinResult, i);
}

static PlClassScores *
scores_of (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectReader) reader = pl_project_reader_new_for_project (fixture->teacher, &error);
  PlClassScores *scores;

  g_assert_no_error (error);
  scores = pl_class_scores_compute (reader, &(PlScoresSpec) { NULL, NULL }, &error);
  g_assert_no_error (error);
  return scores;
}

static guint
code_column (PlClassScores *scores,
             const char    *key)
{
  for (guint c = 0; c < pl_class_scores_get_n_codes (scores); c++)
    if (g_strcmp0 (pl_class_scores_get_code (scores, c)->key, key) == 0)
      return c;
  g_assert_not_reached ();
}

#define assert_coefficient(coefficient, expected) \
  G_STMT_START { \
    g_assert_false (isnan ((coefficient).value)); \
    g_assert_cmpfloat_with_epsilon ((coefficient).value, (expected), 0.0005); \
  } G_STMT_END

/* The pack holds the texts and the codebook and nothing of the reference. */
static void
test_pack_has_no_coding (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GPtrArray) exercises = NULL;
  GHashTableIter iter;
  gpointer name, bytes;

  g_assert_true (g_file_get_contents (fixture->pack, &contents, &length, &error));
  g_assert_cmpmem (contents + 30, 8, "mimetype", 8);
  entries = pl_archive_read_zip ((const guint8 *) contents, length,
                                 &(PlArchiveOptions) { .display_name = "pack" }, &error);
  g_assert_no_error (error);
  g_assert_true (g_hash_table_contains (entries, "exercise.json"));
  g_assert_true (g_hash_table_contains (entries, "codebook.json"));
  g_hash_table_iter_init (&iter, entries);
  while (g_hash_table_iter_next (&iter, &name, &bytes))
    {
      gsize size;
      const char *text = g_bytes_get_data (bytes, &size);

      g_assert_null (g_strstr_len (text, (gssize) size, "Secret reference memo"));
      g_assert_null (g_strstr_len (text, (gssize) size, "Reference"));
    }

  exercises = pl_project_list_exercises (fixture->teacher, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exercises->len, ==, 1);
  g_assert_nonnull (((PlExercise *) g_ptr_array_index (exercises, 0))->reference_guid);
}

/* A student's work: the pack's documents and codes, the codebook read-only, a hand-in named
 * after the student and the exercise. */
static void
test_start_and_hand_in (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work_path = path_in (fixture, "ana.plenary");
  g_autoptr(PlProject) work = NULL;
  g_autoptr(PlExercise) exercise = NULL;
  g_autofree char *name = NULL;
  g_autofree char *html = NULL;
  PlCodeSpec spec = { .short_id = "Z", .name = "Z", .codable = TRUE };

  work = pl_exercise_start (fixture->pack, "  Ana  ", work_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pl_project_get_documents (work)), ==, 1);
  g_assert_nonnull (pl_project_lookup_code (work, "X"));
  g_assert_cmpstr (pl_code_get_guid (pl_project_lookup_code (work, "X")), ==,
                   pl_code_get_guid (pl_project_find_code (fixture->teacher, fixture->x)));
  g_assert_true (pl_project_get_codebook_locked (work));
  g_assert_false (pl_project_get_codebook_locked (fixture->teacher));
  g_assert_null (pl_project_add_code (work, &spec, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  exercise = pl_project_dup_work_exercise (work);
  g_assert_nonnull (exercise);
  g_assert_nonnull (exercise->student_guid);
  g_assert_cmpstr (exercise->instructions, ==, "Code **every** statement.");
  html = pl_exercise_render_instructions ("<b>x</b> **every**", PL_MARKUP_HTML);
  g_assert_cmpstr (html, ==, "<p>&lt;b&gt;x&lt;/b&gt; <strong>every</strong></p>\n");
  name = pl_project_dup_handin_name (work);
  g_assert_cmpstr (name, ==, "Ana — Week 1.plenary-handin");

  /* A name that is no name, and a work that exists, are refused. */
  g_assert_null (pl_exercise_start (fixture->pack, " \n ", work_path, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (pl_exercise_start (fixture->pack, "Ana", work_path, &error));
  g_assert_nonnull (error);
  pl_project_close (work);
}

/* Two students collected and scored: the numbers worked out by hand. */
static void
test_collect_and_score (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *ana = student_hands_in (fixture, "Ana", NULL, "XXX-");
  g_autofree char *ben = student_hands_in (fixture, "Ben", NULL, "XYX-");
  g_autoptr(PlCollectReport) report = collect (fixture, ana, ben, NULL);
  g_autoptr(PlClassScores) scores = NULL;
  g_autoptr(GPtrArray) handins = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *html = NULL;
  const PlStudentScore *student;
  const PlClassScore *class;
  guint x, y;

  g_assert_cmpuint (report->n_collected, ==, 2);
  g_assert_cmpuint (report->n_refused, ==, 0);
  g_assert_cmpint (result_of (report, 0)->outcome, ==, PL_HANDIN_ADDED);
  g_assert_cmpuint (result_of (report, 0)->n_added, ==, 3);
  scores = scores_of (fixture);
  handins = pl_project_list_handins (fixture->teacher, pl_class_scores_get_exercise (scores)->guid,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (handins->len, ==, 2);

  g_assert_cmpstr (pl_class_scores_get_reference (scores), ==, "Reference");
  g_assert_cmpuint (pl_class_scores_get_n_units (scores), ==, N_UNITS);
  g_assert_cmpuint (pl_class_scores_get_n_students (scores), ==, 2);
  x = code_column (scores, "X");
  y = code_column (scores, "Y");

  /* Ana: decisions (reference, Ana) over 4 units × 2 codes: 6 of 8 agree, each coder marks
   * 3 of 8: κ = (0.75 − 34/64) / (1 − 34/64). */
  student = pl_class_scores_get_student (scores, 0);
  g_assert_cmpstr (student->name, ==, "Ana");
  g_assert_cmpstr (student->alias, ==, "Student 1");
  g_assert_cmpuint (student->statements_coded, ==, 3);
  assert_coefficient (student->cohen_kappa, 0.21875 / 0.46875);
  assert_coefficient (student->codes[x].precision, 2.0 / 3.0);
  assert_coefficient (student->codes[x].recall, 1.0);
  assert_coefficient (student->codes[x].f1, 0.8);
  g_assert_true (isnan (student->codes[y].precision.value));
  g_assert_nonnull (student->codes[y].precision.reason);
  assert_coefficient (student->codes[y].recall, 0.0);
  g_assert_true (student->alpha_u.value < 1.0);
  g_assert_true (pl_class_scores_differs (scores, 0, 1));
  g_assert_false (pl_class_scores_differs (scores, 0, 0));

  /* Ben coded as the reference did. */
  student = pl_class_scores_get_student (scores, 1);
  assert_coefficient (student->cohen_kappa, 1.0);
  assert_coefficient (student->alpha_u, 1.0);
  assert_coefficient (student->codes[y].f1, 1.0);

  /* X among the students: units (1,1), (1,0), (1,1), (0,0): Fleiss' κ as Ana's κ (both
   * mark 5 of 8 present); α = 1 − 7 · 2 / (2 · 5 · 3). */
  class = pl_class_scores_get_class (scores, x, FALSE);
  assert_coefficient (class->fleiss_kappa, 0.21875 / 0.46875);
  assert_coefficient (class->krippendorff_alpha, 1.0 - 14.0 / 30.0);
  g_assert_cmpuint (class->disputed->len, ==, 1);
  g_assert_cmpuint (g_array_index (class->disputed, guint, 0), ==, 1);
  g_assert_cmpuint (pl_class_scores_count_code (scores, 1, x), ==, 1);
  g_assert_true (pl_class_scores_has_code (scores, -1, 1, y));

  /* The reports. */
  pl_class_scores_build_json (scores, TRUE, builder);
  root = json_builder_get_root (builder);
  {
    JsonObject *object = json_node_get_object (root);
    JsonArray *students = json_object_get_array_member (object, "students");
    JsonObject *first = json_array_get_object_element (students, 0);

    g_assert_cmpstr (json_object_get_string_member (object, "reference"), ==, "Reference");
    g_assert_cmpstr (json_object_get_string_member (first, "student"), ==, "Student 1");
    g_assert_cmpint (json_object_get_int_member (first, "statements_coded"), ==, 3);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "codes")), ==, 2);
  }
  csv = pl_class_scores_to_csv (scores, FALSE);
  g_assert_true (g_str_has_prefix (csv, "student,"));
  g_assert_nonnull (strstr (csv, "\nAna,"));
  html = pl_class_scores_feedback_html (scores, 0);
  g_assert_nonnull (strstr (html, "Secret reference memo"));
  g_assert_null (strstr (html, "The first names X."));

  /* The codes of a unit as the feedback names them, in HTML and in Pango markup: what only
   * Ana marked is marked, the reference's never; a unit without codes says so. */
  {
    static const PlCodeListMarkup html_marks = {
      "<span class=\"same\">", "</span>", "<span class=\"extra\">", "</span>"
    };
    static const PlCodeListMarkup pango_marks = { "", "", "<u>", "</u>" };
    g_autoptr(GString) out = g_string_new (NULL);
    const char *x_name = pl_class_scores_get_code (scores, x)->name;
    const char *y_name = pl_class_scores_get_code (scores, y)->name;
    g_autofree char *extra = g_strdup_printf ("<span class=\"extra\">%s</span>", x_name);
    g_autofree char *same = g_strdup_printf ("<span class=\"same\">%s</span>", y_name);
    g_autofree char *underlined = g_strdup_printf ("<u>%s</u>", x_name);

    pl_class_scores_append_codes (scores, 0, 1, &html_marks, out);
    g_assert_cmpstr (out->str, ==, extra);
    g_assert_nonnull (strstr (html, extra));
    g_string_truncate (out, 0);
    pl_class_scores_append_codes (scores, -1, 1, &html_marks, out);
    g_assert_cmpstr (out->str, ==, same);
    g_assert_nonnull (strstr (html, same));
    g_string_truncate (out, 0);
    pl_class_scores_append_codes (scores, 0, 1, &pango_marks, out);
    g_assert_cmpstr (out->str, ==, underlined);
    g_string_truncate (out, 0);
    pl_class_scores_append_codes (scores, -1, 1, &pango_marks, out);
    g_assert_cmpstr (out->str, ==, y_name);
    g_string_truncate (out, 0);
    pl_class_scores_append_codes (scores, 0, 3, &pango_marks, out);
    g_assert_cmpstr (out->str, ==, "no code");
  }
}

/* A second hand-in replaces the first; the first again is superseded; the same file twice
 * changes nothing; undo takes a collection back. */
static void
test_hand_in_again (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *work_path = path_in (fixture, "ana.plenary");
  g_autofree char *first = path_in (fixture, "first.plenary-handin");
  g_autofree char *second = path_in (fixture, "second.plenary-handin");
  g_autoptr(GFile) first_file = g_file_new_for_path (first);
  g_autoptr(GFile) second_file = g_file_new_for_path (second);
  g_autoptr(PlProject) work = NULL;
  g_autoptr(PlCollectReport) report = NULL;
  g_autoptr(PlClassScores) scores = NULL;
  GFile *written;

  work = pl_exercise_start (fixture->pack, "Ana", work_path, &error);
  g_assert_no_error (error);
  code_unit (work, "Ana", code_in (work, "Y"), 0, NULL);
  written = pl_exercise_hand_in (work, first_file, &error);
  g_assert_no_error (error);
  g_object_unref (written);
  code_unit (work, "Ana", code_in (work, "X"), 2, NULL);
  written = pl_exercise_hand_in (work, second_file, &error);
  g_assert_no_error (error);
  g_object_unref (written);
  pl_project_close (work);

  report = collect (fixture, first, NULL);
  g_assert_cmpint (result_of (report, 0)->outcome, ==, PL_HANDIN_ADDED);
  g_clear_pointer (&report, pl_collect_report_free);
  report = collect (fixture, second, first, NULL);
  g_assert_cmpint (result_of (report, 0)->outcome, ==, PL_HANDIN_REPLACED);
  g_assert_cmpint (result_of (report, 1)->outcome, ==, PL_HANDIN_SUPERSEDED);
  g_assert_cmpuint (report->n_refused, ==, 0);
  g_clear_pointer (&report, pl_collect_report_free);
  report = collect (fixture, second, NULL);
  g_assert_cmpint (result_of (report, 0)->outcome, ==, PL_HANDIN_UNCHANGED);
  g_assert_cmpuint (report->n_collected, ==, 0);

  scores = scores_of (fixture);
  g_assert_cmpuint (pl_class_scores_get_n_students (scores), ==, 1);
  g_assert_cmpuint (pl_class_scores_get_student (scores, 0)->n_annotations, ==, 2);
  g_clear_pointer (&scores, pl_class_scores_free);

  /* Undo the replacement: the first hand-in's coding is back. */
  g_assert_true (pl_project_undo (fixture->teacher, &error));
  g_assert_no_error (error);
  scores = scores_of (fixture);
  g_assert_cmpuint (pl_class_scores_get_student (scores, 0)->n_annotations, ==, 1);
}

/* Rewrites the hand-in at @path with "checksum" in its handin.json changed. */
static void
alter_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GBytes) json_bytes = NULL;
  g_autoptr(GBytes) zip = NULL;
  const char *names[] = { "mimetype", "handin.json", "changes.jsonl" };
  PlArchiveEntry out[3];

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  entries = pl_archive_read_zip ((const guint8 *) contents, length,
                                 &(PlArchiveOptions) { .display_name = "hand-in" }, &error);
  g_assert_no_error (error);
  {
    GBytes *header = g_hash_table_lookup (entries, "handin.json");
    g_autofree char *text = g_strndup (g_bytes_get_data (header, NULL), g_bytes_get_size (header));

    node = json_from_string (text, &error);
  }
  g_assert_no_error (error);
  json_object_set_string_member (json_node_get_object (node), "checksum",
                                 "0000000000000000000000000000000000000000000000000000000000000000");
  json = json_to_string (node, FALSE);
  json_bytes = g_bytes_new_static (json, strlen (json));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      out[i].name = names[i];
      out[i].data = i == 1 ? json_bytes : g_hash_table_lookup (entries, names[i]);
      out[i].stored = i == 0;
      g_assert_nonnull (out[i].data);
    }
  zip = pl_archive_write_zip (out, G_N_ELEMENTS (out), &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (zip, NULL),
                                      (gssize) g_bytes_get_size (zip), &error));
}

/* Wrong pack, altered texts, a damaged file, a name that collides: each refused with the
 * file and the reason, the others collected, and nothing of the refused ones written. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_path = path_in (fixture, "other.plenary");
  g_autofree char *other_pack = path_in (fixture, "other.plenary-exercise");
  g_autofree char *damaged = path_in (fixture, "damaged.plenary-handin");
  g_autoptr(PlProject) other = NULL;
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GFile) other_pack_file = g_file_new_for_path (other_pack);
  g_autoptr(PlExercise) exercise = NULL;
  g_autoptr(PlCollectReport) report = NULL;
  g_autoptr(PlClassScores) scores = NULL;
  g_autofree char *ana = NULL;
  g_autofree char *cleo = NULL;
  g_autofree char *dan = NULL;
  g_autofree char *ana_again = NULL;
  g_autofree char *ana_folder = path_in (fixture, "second");
  g_autofree char *contents = NULL;
  gsize length;
  const char *expected[][2] = {
    { "other", "another exercise" },
    { "Dan", "texts" },
    { "damaged", "damaged" },
    { "second", "another student named Ana" },
  };

  /* Another teacher's project of the same text makes another exercise. */
  other = pl_project_open (other_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  add_code (other, "X");
  {
    g_autofree char *guid = g_uuid_string_random ();
    gint64 document = add_document (other, guid, 'a');

    g_array_append_val (documents, document);
  }
  exercise = pl_exercise_create (other, &(PlExerciseSpec) { .document_ids = documents },
                                 other_pack_file, &error);
  g_assert_no_error (error);
  pl_project_close (other);

  ana = student_hands_in (fixture, "Ana", NULL, "X---");
  cleo = student_hands_in (fixture, "Cleo", other_pack, "X---");
  dan = student_hands_in (fixture, "Dan", NULL, "Y---");
  alter_checksum (dan);
  g_assert_true (g_file_get_contents (ana, &contents, &length, &error));
  g_assert_true (g_file_set_contents (damaged, contents, (gssize) length / 2, &error));
  report = collect (fixture, ana, NULL);
  g_clear_pointer (&report, pl_collect_report_free);

  /* A second Ana, in a folder of her own. */
  g_assert_cmpint (g_mkdir (ana_folder, 0700), ==, 0);
  {
    g_autofree char *work_path = g_build_filename (ana_folder, "ana.plenary", NULL);
    g_autoptr(GFile) folder = g_file_new_for_path (ana_folder);
    g_autoptr(PlProject) work = pl_exercise_start (fixture->pack, "Ana", work_path, &error);
    g_autoptr(GFile) handin = NULL;

    g_assert_no_error (error);
    code_unit (work, "Ana", code_in (work, "Y"), 3, NULL);
    handin = pl_exercise_hand_in (work, folder, &error);
    g_assert_no_error (error);
    ana_again = g_file_get_path (handin);
    pl_project_close (work);
  }

  report = collect (fixture, cleo, dan, damaged, ana_again, NULL);
  g_assert_cmpuint (report->n_refused, ==, 4);
  g_assert_cmpuint (report->n_collected, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const PlHandinResult *result = result_of (report, i);
      g_autofree char *basename = g_path_get_basename (result->path);

      g_assert_cmpint (result->outcome, ==, PL_HANDIN_REFUSED);
      g_assert_nonnull (strstr (result->reason, basename));
      if (strstr (result->reason, expected[i][1]) == NULL)
        g_error ("%s: “%s” does not say “%s”", expected[i][0], result->reason, expected[i][1]);
    }

  /* Only Ana's first hand-in is in the project. */
  scores = scores_of (fixture);
  g_assert_cmpuint (pl_class_scores_get_n_students (scores), ==, 1);
  g_assert_cmpuint (pl_class_scores_get_student (scores, 0)->n_annotations, ==, 1);
  {
    g_autoptr(GPtrArray) coders = pl_project_list_coders (fixture->teacher);

    for (guint i = 0; i < coders->len; i++)
      g_assert_cmpstr (((PlCoder *) g_ptr_array_index (coders, i))->name, !=, "Dan");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/exercise/pack/no-coding", test_pack_has_no_coding);
  ADD ("/exercise/start-and-hand-in", test_start_and_hand_in);
  ADD ("/exercise/collect-and-score", test_collect_and_score);
  ADD ("/exercise/hand-in-again", test_hand_in_again);
  ADD ("/exercise/refusals", test_refusals);
#undef ADD

  return g_test_run ();
}
