/* test-scale.c — what is kept up to date by each change equals what a recount finds
 *
 * The annotation index keeps lanes and per-code counts, the coverage and the store keep
 * each document's coded statements, all updated by the change alone.  Each test drives
 * random changes and compares, after every one, with a count made from scratch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <glib/gstdio.h>

#include "pl-annotation-index.h"
#include "pl-project.h"
#include "pl-project-statements.h"
#include "pl-statement-coverage.h"
#include "pl-test-util.h"

static PlAnnotation *
make_annotation (guint  n,
                 guint  start,
                 guint  end,
                 gint64 code_id)
{
  PlAnnotation *annotation = pl_annotation_new ();

  annotation->id = n;
  annotation->guid = g_strdup_printf ("a%u", n);
  annotation->document_id = 1;
  annotation->code_id = code_id;
  annotation->start = start;
  annotation->end = end;
  return annotation;
}

/* The greedy pass over the whole index, as the text view used to make it on each change. */
static void
check_index (PlAnnotationIndex *index,
             GHashTable        *expected_guids)
{
  g_autoptr(GArray) lane_ends = g_array_new (FALSE, TRUE, sizeof (guint));
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = pl_annotation_index_get_n (index);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (n, ==, g_hash_table_size (expected_guids));
  for (guint i = 0; i < n; i++)
    {
      PlAnnotation *annotation = pl_annotation_index_get (index, i);
      guint count;
      guint lane;

      g_assert_true (g_hash_table_contains (expected_guids, annotation->guid));
      if (i > 0)
        g_assert_cmpint (pl_annotation_compare (pl_annotation_index_get (index, i - 1), annotation), <=, 0);

      for (lane = 0; lane < lane_ends->len; lane++)
        if (g_array_index (lane_ends, guint, lane) <= annotation->start)
          break;
      if (lane == lane_ends->len)
        g_array_set_size (lane_ends, lane + 1);
      g_array_index (lane_ends, guint, lane) = annotation->end;
      g_assert_cmpuint (pl_annotation_index_get_lane (index, annotation), ==, lane);

      count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &annotation->code_id));
      g_hash_table_replace (counts, g_memdup2 (&annotation->code_id, sizeof (gint64)), GUINT_TO_POINTER (count + 1));
    }
  g_assert_cmpuint (pl_annotation_index_get_n_lanes (index), ==, lane_ends->len);

  g_assert_cmpuint (g_hash_table_size (counts), ==, g_hash_table_size (pl_annotation_index_get_code_counts (index)));
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (pl_annotation_index_count_code (index, *(gint64 *)key), ==, GPOINTER_TO_UINT (value));
}

static void
test_index_lanes_and_counts (void)
{
  g_autoptr(PlAnnotationIndex) index = pl_annotation_index_new ();
  g_autoptr(GHashTable) guids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  guint next = 1;

  for (guint step = 0; step < 1500; step++)
    {
      int what = g_rand_int_range (rand, 0, 10);

      if (what < 4 || g_hash_table_size (guids) == 0)
        {
          /* One annotation, mostly short, sometimes over a long stretch. */
          guint start = g_rand_int_range (rand, 0, 2000);
          guint length = g_rand_int_range (rand, 0, 10) == 0 ? g_rand_int_range (rand, 100, 900) : g_rand_int_range (rand, 1, 40);
          g_autoptr(PlAnnotation) annotation = make_annotation (next++, start, start + length, g_rand_int_range (rand, 1, 6));

          pl_annotation_index_add (index, annotation);
          g_hash_table_add (guids, g_strdup (annotation->guid));
        }
      else if (what < 7)
        {
          guint i = g_rand_int_range (rand, 0, pl_annotation_index_get_n (index));
          g_autofree char *guid = g_strdup (pl_annotation_index_get (index, i)->guid);

          g_assert_true (pl_annotation_index_remove (index, guid));
          g_hash_table_remove (guids, guid);
        }
      else if (what < 8)
        {
          /* A new span, or a new code on the same span. */
          guint i = g_rand_int_range (rand, 0, pl_annotation_index_get_n (index));
          PlAnnotation *old = pl_annotation_index_get (index, i);
          g_autoptr(PlAnnotation) changed = make_annotation (old->id, old->start, old->end, g_rand_int_range (rand, 1, 6));

          if (g_rand_boolean (rand))
            changed->end = changed->start + g_rand_int_range (rand, 1, 60);
          pl_annotation_index_update (index, changed);
        }
      else
        {
          /* A batch: after everything (as a load's), or anywhere. */
          g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_annotation_unref);
          guint n_index = pl_annotation_index_get_n (index);
          guint base = what == 8 && n_index > 0 ? pl_annotation_index_get (index, n_index - 1)->start : 0;

          for (guint k = 0; k < 20; k++)
            {
              guint start = base + g_rand_int_range (rand, 0, 300);
              PlAnnotation *annotation = make_annotation (next++, start, start + g_rand_int_range (rand, 1, 80), g_rand_int_range (rand, 1, 6));

              g_ptr_array_add (batch, annotation);
              g_hash_table_add (guids, g_strdup (annotation->guid));
            }
          pl_annotation_index_add_all (index, batch);
        }

      check_index (index, guids);
    }
}

typedef struct
{
  guint start;
  guint end;
} Span;

static guint
count_coded (const Span *statements,
             guint       n_statements,
             GArray     *spans)
{
  guint coded = 0;

  for (guint i = 0; i < n_statements; i++)
    {
      if (i % 5 == 4)
        continue;   /* front matter */
      for (guint k = 0; k < spans->len; k++)
        {
          Span *span = &g_array_index (spans, Span, k);

          if (span->start < statements[i].end && span->end > statements[i].start)
            {
              coded++;
              break;
            }
        }
    }
  return coded;
}

static void
test_coverage (void)
{
  g_autoptr(PlStatementCoverage) coverage = pl_statement_coverage_new ();
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  Span statements[40];

  /* Statements of 20 characters with gaps of 3, every fifth front matter. */
  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      statements[i] = (Span) { i * 23, i * 23 + 20 };
      pl_statement_coverage_add_statement (coverage, statements[i].start, statements[i].end,
                                           i % 5 == 4 ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT);
    }

  for (guint step = 0; step < 2000; step++)
    {
      if (spans->len == 0 || g_rand_boolean (rand))
        {
          guint start = g_rand_int_range (rand, 0, 40 * 23);
          Span span = { start, start + g_rand_int_range (rand, 1, g_rand_boolean (rand) ? 5 : 80) };

          g_array_append_val (spans, span);
          pl_statement_coverage_count (coverage, span.start, span.end, +1);
        }
      else
        {
          guint k = g_rand_int_range (rand, 0, spans->len);
          Span span = g_array_index (spans, Span, k);

          g_array_remove_index_fast (spans, k);
          pl_statement_coverage_count (coverage, span.start, span.end, -1);
        }
      g_assert_cmpuint (pl_statement_coverage_get_n_coded (coverage), ==,
                        count_coded (statements, G_N_ELEMENTS (statements), spans));
    }
}

/* The store's count, against one made from its statements and annotations. */
static guint
recount (PlProject *project,
         gint64     document_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = pl_project_list_statements (project, document_id, &error);
  g_autoptr(GPtrArray) annotations = pl_project_list_annotations (project, document_id, &error);
  guint coded = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->kind != PL_STATEMENT_KIND_STATEMENT)
        continue;
      for (guint k = 0; k < annotations->len; k++)
        {
          PlAnnotation *annotation = g_ptr_array_index (annotations, k);

          if (annotation->start < statement->end && annotation->end > statement->start)
            {
              coded++;
              break;
            }
        }
    }
  return coded;
}

typedef struct
{
  PlProject *project;
  gint64     document_id;
  guint      notified;
  gboolean   agreed;
} Watch;

/* What the sidebar does: recount when the document's number of annotations changes. */
static void
on_n_annotations (PlDocument *document,
                  GParamSpec *pspec,
                  Watch      *watch)
{
  watch->notified++;
  pl_project_count_coded_statements (watch->project, watch->document_id, NULL);
}

static void
test_store_progress (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenary-scale-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "progress.plenary", NULL);
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (PlAnnotationSpec));
  g_auto(GStrv) guids = NULL;
  Watch watch = { 0 };
  PlDocument *document, *other;
  PlCode *code;
  PlCodeSpec code_spec = { .name = "Alpha", .short_id = "A", .codable = TRUE };
  PlCoder *coder;
  guint length;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (text, "%sStatement number %u says something.", i > 0 ? "\n\n" : "", i + 1);
  document = pl_project_add_document (project, "Thirty", text->str, NULL, &error);
  other = pl_project_add_document (project, "Other", "One.\n\nTwo.", NULL, &error);
  g_assert_no_error (error);
  code = pl_project_add_code (project, &code_spec, &error);
  coder = pl_project_ensure_coder (project, "Coder", &error);
  g_assert_no_error (error);
  length = pl_document_get_length (document);

  watch.project = project;
  watch.document_id = pl_document_get_id (document);
  g_signal_connect (document, "notify::n-annotations", G_CALLBACK (on_n_annotations), &watch);

  g_assert_cmpuint (pl_project_count_coded_statements (project, watch.document_id, &error), ==, 0);

  /* Many in one action: asked for while the commit is announced, the count holds. */
  for (guint i = 0; i < 40; i++)
    {
      guint start = g_rand_int_range (rand, 0, length - 10);
      PlAnnotationSpec spec = { watch.document_id, pl_code_get_id (code), coder->id, start,
                                start + g_rand_int_range (rand, 1, 10), NULL };

      g_array_append_val (specs, spec);
    }
  guids = pl_project_add_annotations (project, (PlAnnotationSpec *)specs->data, specs->len, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (guids), ==, 40);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(PlAnnotation) annotation = pl_project_find_annotation (project, guids[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (annotation->start, ==, g_array_index (specs, PlAnnotationSpec, i).start);
    }
  g_assert_cmpuint (watch.notified, ==, 40);
  g_assert_cmpuint (pl_project_count_coded_statements (project, watch.document_id, NULL), ==, recount (project, watch.document_id));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 40);

  /* One undo step takes all of them away, and redo brings them back. */
  g_assert_true (pl_project_undo (project, &error));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 0);
  g_assert_cmpuint (pl_project_count_coded_statements (project, watch.document_id, NULL), ==, 0);
  g_assert_true (pl_project_redo (project, &error));
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 40);
  g_assert_cmpuint (pl_project_count_coded_statements (project, watch.document_id, NULL), ==, recount (project, watch.document_id));

  /* A bad one refuses the whole batch. */
  g_array_index (specs, PlAnnotationSpec, 7).end = length + 5;
  g_assert_null (pl_project_add_annotations (project, (PlAnnotationSpec *)specs->data, specs->len, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (pl_project_count_annotations (project), ==, 40);

  /* Single actions of every kind, and statement edits. */
  for (guint step = 0; step < 120; step++)
    {
      int what = g_rand_int_range (rand, 0, 8);
      g_autoptr(GPtrArray) annotations = pl_project_list_annotations (project, watch.document_id, &error);

      if (what < 3 || annotations->len == 0)
        {
          guint start = g_rand_int_range (rand, 0, length - 60);
          g_autoptr(PlAnnotation) added = NULL;

          added = pl_project_add_annotation (project,
                                             &(PlAnnotationSpec) { watch.document_id, pl_code_get_id (code), coder->id, start,
                                                                   start + g_rand_int_range (rand, 1, 60), NULL },
                                             &error);
          g_assert_nonnull (added);
        }
      else if (what < 5)
        {
          PlAnnotation *victim = g_ptr_array_index (annotations, g_rand_int_range (rand, 0, annotations->len));

          g_assert_true (pl_project_remove_annotation (project, victim->guid, &error));
        }
      else if (what == 5)
        {
          PlAnnotation *moved = g_ptr_array_index (annotations, g_rand_int_range (rand, 0, annotations->len));
          guint start = g_rand_int_range (rand, 0, length - 60);

          g_assert_true (pl_project_set_annotation_range (project, moved->guid, start, start + 30, &error));
        }
      else if (what == 6)
        {
          g_autoptr(GPtrArray) statements = pl_project_list_statements (project, watch.document_id, &error);
          PlStatement *statement = g_ptr_array_index (statements, g_rand_int_range (rand, 0, statements->len));

          if (g_rand_boolean (rand))
            pl_project_set_statement_kind (project, watch.document_id, statement->index,
                                           statement->kind == PL_STATEMENT_KIND_STATEMENT
                                             ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT, &error);
          else if (statement->index > 1)
            pl_project_merge_statement_with_previous (project, watch.document_id, statement->index, &error);
          else
            pl_project_split_statement (project, watch.document_id, statement->start + 10, &error);
          g_assert_no_error (error);
        }
      else if (g_rand_boolean (rand))
        pl_project_undo (project, &error);   /* FALSE, without an error, when there is nothing to undo */
      else
        pl_project_redo (project, &error);
      g_assert_no_error (error);

      g_assert_cmpuint (pl_project_count_coded_statements (project, watch.document_id, NULL), ==,
                        recount (project, watch.document_id));
      g_assert_cmpuint (pl_project_count_coded_statements (project, pl_document_get_id (other), NULL), ==, 0);
    }

  g_signal_handlers_disconnect_by_data (document, &watch);
  pl_project_close (project);
  pl_test_remove_tree (dir);
}

static void
test_annotations_in_parts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("plenary-scale-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "parts.plenary", NULL);
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (PlAnnotationSpec));
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  g_autoptr(GHashTable) spans = g_hash_table_new (NULL, NULL);
  PlCodeSpec code_spec = { .name = "Alpha", .short_id = "A", .codable = TRUE };
  PlDocument *document;
  PlCode *code;
  PlCoder *coder;
  guint n = 0;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  document = pl_project_add_document (project, "Text", "Some words here.\n\nAnd some more words there, to code in parts.", NULL, &error);
  code = pl_project_add_code (project, &code_spec, &error);
  coder = pl_project_ensure_coder (project, "Coder", &error);
  g_assert_no_error (error);
  /* 60 different spans: the store refuses a second coding of the same span, code and coder. */
  while (specs->len < 60)
    {
      guint start = g_rand_int_range (rand, 0, 40);
      guint end = start + g_rand_int_range (rand, 1, 8);
      PlAnnotationSpec spec = { pl_document_get_id (document), pl_code_get_id (code), coder->id, start, end, NULL };

      if (g_hash_table_add (spans, GUINT_TO_POINTER (start * 8 + end - start)))
        g_array_append_val (specs, spec);
    }
  g_strfreev (pl_project_add_annotations (project, (PlAnnotationSpec *)specs->data, specs->len, NULL, &error));
  g_assert_no_error (error);

  /* Parts of 7 characters, one after another, give all of them in the same order. */
  all = pl_project_list_annotations (project, pl_document_get_id (document), &error);
  for (guint from = 0; from < pl_document_get_length (document); from += 7)
    {
      g_autoptr(GPtrArray) part = pl_project_list_annotations_in (project, pl_document_get_id (document), from, from + 7, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < part->len; i++, n++)
        g_assert_cmpstr (((PlAnnotation *)g_ptr_array_index (part, i))->guid, ==,
                         ((PlAnnotation *)g_ptr_array_index (all, n))->guid);
    }
  g_assert_cmpuint (n, ==, all->len);

  pl_project_close (project);
  pl_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scale/index-lanes-and-counts", test_index_lanes_and_counts);
  g_test_add_func ("/scale/coverage", test_coverage);
  g_test_add_func ("/scale/store-progress", test_store_progress);
  g_test_add_func ("/scale/annotations-in-parts", test_annotations_in_parts);

  return g_test_run ();
}
