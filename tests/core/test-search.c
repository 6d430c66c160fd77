/* test-search.c — full-text search: syntax, folding, offsets, filters, errors, the index in
 * step with splits, merges, undo and removal, its build for an older project, Code all hits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <string.h>

#include "analysis-fixture.h"
#include "pl-error.h"
#include "pl-project-bulk.h"
#include "pl-project-private.h"
#include "pl-project-search.h"
#include "pl-project-statements.h"
#include "pl-search.h"
#include "pl-text.h"

typedef AnalysisFixture Fixture;

static GPtrArray *
search (Fixture             *f,
        const char          *query,
        const PlQueryFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = pl_search (f->project, query, filter, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

/* The matched text of each hit, from the document by code points, and checks that the
 * snippet shows it; "text@document.statement" joined by "|". */
static char *
describe (Fixture   *f,
          GPtrArray *hits)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      const PlSearchHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = pl_project_dup_document_text (f->project, hit->document_id, &error);
      g_autofree char *match = pl_text_slice (text, hit->start, hit->end);
      g_autofree char *shown = pl_text_slice (hit->snippet, hit->snippet_start, hit->snippet_end);
      guint n = 0;

      g_assert_no_error (error);
      g_assert_cmpstr (shown, ==, match);
      g_assert_cmpuint (hit->statement_start, <=, hit->start);
      g_assert_cmpuint (hit->end, <=, hit->statement_end);
      for (guint d = 0; d < G_N_ELEMENTS (f->documents); d++)
        if (f->documents[d] == hit->document_id)
          n = d + 1;
      g_string_append_printf (out, "%s%s@%u.%u", i > 0 ? "|" : "", match, n, hit->statement_index);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_search (Fixture             *f,
               const char          *query,
               const PlQueryFilter *filter,
               const char          *expected)
{
  g_autoptr(GPtrArray) hits = search (f, query, filter);
  g_autofree char *found = describe (f, hits);

  g_assert_cmpstr (found, ==, expected);
}

static void
test_queries (Fixture       *f,
              gconstpointer  data)
{
  assert_search (f, "ransomware", NULL,
                 "Ransomware@1.3|Ransomware@1.4|ransomware@2.2|ransomware@3.1");
  assert_search (f, "RANSOMWARE hospitals", NULL, "Ransomware@1.3|hospitals@1.3|"
                 "ransomware@2.2|hospitals@2.2");
  assert_search (f, "\"critical infrastructure\"", NULL,
                 "critical infrastructure@1.3|critical infrastructure@2.2");
  assert_search (f, "capac*", NULL, "Capacity@1.3|capacity@1.5");
  assert_search (f, "NEAR(ransomware hospitals, 2)", NULL, "Ransomware@1.3|hospitals@1.3");
  assert_search (f, "ransomware NOT hospitals", NULL, "Ransomware@1.4|ransomware@3.1");
  assert_search (f, "cybercrime OR directory", NULL, "directory@1.4|cybercrime@3.1");
  /* Diacritics and case are folded; the emoji and CJK before do not shift offsets. */
  assert_search (f, "cote", NULL, "Côte@1.5");
  assert_search (f, "CÔTE d'ivoire", NULL, "Côte@1.5|d'Ivoire@1.5");
  assert_search (f, "\"cote d ivoire\"", NULL, "Côte d'Ivoire@1.5");
  assert_search (f, "summary", NULL, "Summary@1.1");
  /* Joined words are the phrase they read as. */
  assert_search (f, "capacity-building", NULL, "Capacity-building@1.3|capacity-building@1.5");
  assert_search (f, "confidence-build*", NULL, "confidence-building@1.4");
  assert_search (f, "zzz", NULL, "");
}

static void
test_snippet (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (f, "directory", NULL);
  const PlSearchHit *hit = g_ptr_array_index (hits, 0);

  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (hit->speaker, ==, "Japan");
  g_assert_cmpstr (hit->regional_group, ==, "Asia-Pacific");
  g_assert_cmpstr (hit->document_title, ==, "Record 1");
  /* About sixty characters on either side, in whole words. */
  g_assert_cmpstr (hit->snippet, ==, "…supports confidence-building measures. The points of "
                                     "contact directory must work. Ransomware is a threat.");
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  char *asia[] = { "Asia-Pacific", NULL };
  char *no_group[] = { "", NULL };
  g_autoptr(GArray) second = analysis_ids (1, f->documents[1]);
  g_autoptr(GArray) ci = analysis_ids (1, analysis_fixture_code (f, "THR.CI"));
  g_autoptr(GArray) bo = analysis_ids (1, f->bo);

  assert_search (f, "ransomware", &(PlQueryFilter) { .regional_groups = asia },
                 "Ransomware@1.4|ransomware@3.1");
  assert_search (f, "supports", &(PlQueryFilter) { .regional_groups = no_group },
                 "supports@1.6");
  assert_search (f, "ransomware", &(PlQueryFilter) { .document_ids = second },
                 "ransomware@2.2");
  assert_search (f, "ransomware", &(PlQueryFilter) { .since = (char *) "2025" },
                 "ransomware@2.2");
  /* Statements with a segment of THR.CI: Brazil's in both records. */
  assert_search (f, "ransomware", &(PlQueryFilter) { .code_ids = ci },
                 "Ransomware@1.3|ransomware@2.2");
  assert_search (f, "ransomware", &(PlQueryFilter) { .coder_ids = bo },
                 "Ransomware@1.3|Ransomware@1.4|ransomware@3.1");
}

static void
assert_syntax_error (Fixture    *f,
                     const char *query,
                     guint       position,
                     const char *excerpt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *caret = NULL;
  guint found = G_MAXUINT;

  g_assert_false (pl_project_check_search_query (f->project, query, &found, &error));
  g_assert_error (error, PL_SEARCH_ERROR, PL_SEARCH_ERROR_SYNTAX);
  g_assert_cmpuint (found, ==, position);
  g_assert_nonnull (strstr (error->message, excerpt));
  /* The query and a caret under the place, never SQLite's words. */
  caret = g_strdup_printf ("\n  %s\n  %*s^\n", query, position, "");
  g_assert_nonnull (strstr (error->message, caret));
  g_assert_null (strstr (error->message, "fts5"));
  g_clear_error (&error);

  hits = pl_search (f->project, query, NULL, &error);
  g_assert_null (hits);
  g_assert_error (error, PL_SEARCH_ERROR, PL_SEARCH_ERROR_SYNTAX);
}

static void
test_syntax_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint position = G_MAXUINT;

  assert_syntax_error (f, "ransomware OR OR hospitals", 14, "“OR” cannot stand here");
  assert_syntax_error (f, "ransomware AND", 14, "ends where something more is needed");
  assert_syntax_error (f, "NEAR(ransomware hospitals", 25, "ends where");
  assert_syntax_error (f, "\"critical infra", 0, "quotation mark is not closed");
  assert_syntax_error (f, "ransomware \"open", 11, "quotation mark is not closed");
  assert_syntax_error (f, "note: ransomware", 0, "no column “note”");
  assert_syntax_error (f, "*", 0, "cannot begin with “*”");
  assert_syntax_error (f, "norms ) here", 6, "“)” cannot stand here");
  /* Offsets in code points of what was typed, also after a joined word. */
  assert_syntax_error (f, "Côte-d'Ivoire OR OR x", 17, "“OR” cannot stand here");

  g_assert_true (pl_project_check_search_query (f->project, "ransomware NOT (a OR b*)", NULL,
                                                &error));
  g_assert_no_error (error);

  g_assert_false (pl_project_check_search_query (f->project, "  ", &position, &error));
  g_assert_error (error, PL_SEARCH_ERROR, PL_SEARCH_ERROR_EMPTY);
  g_assert_cmpuint (position, ==, 0);
}

/* Statement indices where @word occurs as a word, by a plain scan ("d.i" joined by "|"),
 * and the same found through the index. */
static void
assert_index_in_step (Fixture    *f,
                      const char *word)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) statements = pl_project_list_statements (f->project, 0, &error);
  g_autoptr(GPtrArray) hits = search (f, word, NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  gint64 last_document = 0;
  guint last_index = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);
      g_autofree char *text = pl_project_dup_document_text (f->project, statement->document_id,
                                                            &error);
      g_autofree char *slice = pl_text_slice (text, statement->start, statement->end);
      g_autofree char *folded = g_utf8_strdown (slice, -1);
      const char *p = folded;

      while ((p = strstr (p, word)) != NULL)
        {
          gboolean starts = p == folded || !g_ascii_isalnum (p[-1]);
          gboolean ends = !g_ascii_isalnum (p[strlen (word)]);

          if (starts && ends)
            {
              g_string_append_printf (expected, "%" G_GINT64_FORMAT ".%u|",
                                      statement->document_id, statement->index);
              break;
            }
          p++;
        }
    }

  for (guint i = 0; i < hits->len; i++)
    {
      const PlSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->document_id == last_document && hit->statement_index == last_index)
        continue;
      last_document = hit->document_id;
      last_index = hit->statement_index;
      g_string_append_printf (found, "%" G_GINT64_FORMAT ".%u|", hit->document_id,
                              hit->statement_index);
    }

  g_assert_cmpstr (found->str, ==, expected->str);
}

static void
assert_all_in_step (Fixture *f)
{
  static const char * const words[] = {
    "ransomware", "brazil", "japan", "supports", "hospitals", "floor", "summary", "kenya",
    "action",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    assert_index_in_step (f, words[i]);
}

/* FTS5's own check of an external-content index against the text the view cuts out: any
 * statement indexed with other text than the triggers would take out fails it. */
static void
assert_index_intact (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pl_project_exec (f->project,
                                  "INSERT INTO statements_fts (statements_fts, rank)"
                                  " VALUES ('integrity-check', 1)", &error));
  g_assert_no_error (error);
}

static void
test_index_in_step (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 first = f->documents[0];
  guint split_at = analysis_fixture_offset (0, "Ransomware attacks");
  PlDocument *added;

  assert_all_in_step (f);

  /* Brazil's statement in two: "Ransomware" moves to statement 4. */
  g_assert_true (pl_project_split_statement (f->project, first, split_at, &error));
  g_assert_no_error (error);
  assert_search (f, "ransomware", NULL,
                 "Ransomware@1.4|Ransomware@1.5|ransomware@2.2|ransomware@3.1");
  assert_all_in_step (f);

  /* Japan's joined to the second half. */
  g_assert_true (pl_project_merge_statement_with_previous (f->project, first, 5, &error));
  g_assert_no_error (error);
  assert_search (f, "ransomware", NULL,
                 "Ransomware@1.4|Ransomware@1.4|ransomware@2.2|ransomware@3.1");
  assert_all_in_step (f);

  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  assert_search (f, "ransomware", NULL,
                 "Ransomware@1.3|Ransomware@1.4|ransomware@2.2|ransomware@3.1");
  assert_all_in_step (f);

  g_assert_true (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  assert_all_in_step (f);

  /* A speaker changes nothing the index holds. */
  g_assert_true (pl_project_set_speaker (f->project, first, 3, "Chile", &error));
  g_assert_no_error (error);
  assert_all_in_step (f);

  g_assert_true (pl_project_remove_document (f->project, f->documents[1], &error));
  g_assert_no_error (error);
  assert_search (f, "kenya", NULL, "");
  assert_all_in_step (f);

  added = pl_project_add_document (f->project, "Late", "Kenya\nKenya joins on ransomware.\n",
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (added);
  assert_all_in_step (f);
  assert_index_intact (f);

  /* Statements after letters of two and three bytes are cut by code points. */
  added = pl_project_add_document (f->project, "Accents",
                                   "Côte d’Ivoire\nCôte d’Ivoire — ransomware, “quantum” keys.\n"
                                   "Türkiye\nTürkiye speaks on hospitals.\n", NULL, &error);
  g_assert_no_error (error);
  assert_index_in_step (f, "quantum");
  assert_index_in_step (f, "hospitals");
  assert_index_intact (f);
  g_assert_true (pl_project_remove_document (f->project, pl_document_get_id (added), &error));
  g_assert_no_error (error);
  assert_index_intact (f);
  assert_all_in_step (f);

  /* What the triggers kept is what a rebuild makes. */
  g_assert_true (pl_project_build_search_index (f->project, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_all_in_step (f);
}

static void
test_bulk_import_is_indexed (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectBulk) bulk = pl_project_bulk_begin (f->project, &error);
  PlBulkResult result;

  g_assert_no_error (error);
  g_assert_true (pl_project_bulk_add_document (bulk,
                                               &(PlBulkDocument) {
                                                 .guid = "0a6f3b0e-1d7c-4b59-9d1c-5b0f3c2e4a10",
                                                 .title = "Imported",
                                                 .text = "Ghana\nGhana speaks of quantum keys.\n",
                                               },
                                               &result, &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_bulk_commit (bulk, &error));
  g_assert_no_error (error);

  assert_index_in_step (f, "quantum");
  assert_index_in_step (f, "ghana");
}

/* Takes the project back to what an older Plenary left: no index built yet. */
static void
downgrade (Fixture *f)
{
  sqlite3 *db = pl_project_get_db (f->project);

  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO statements_fts (statements_fts) VALUES ('delete-all');"
                                 "UPDATE project_info SET value = 'stale' WHERE key = 'search_index';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  pl_project_close (f->project);
  g_clear_object (&f->project);
}

static void
record_progress (double   fraction,
                 gpointer user_data)
{
  GArray *fractions = user_data;

  if (fractions->len > 0)
    g_assert_cmpfloat (fraction, >=, g_array_index (fractions, double, fractions->len - 1));
  g_array_append_val (fractions, fraction);
}

static void
test_built_once_for_an_older_project (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(PlProject) fresh = NULL;
  g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.plenary", NULL);

  fresh = pl_project_open (fresh_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (pl_project_search_index_is_ready (fresh));

  g_assert_true (pl_project_search_index_is_ready (f->project));
  downgrade (f);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (pl_project_search_index_is_ready (f->project));

  /* Before the build, changes of statements go on as before. */
  g_assert_true (pl_project_split_statement (f->project, f->documents[0],
                                             analysis_fixture_offset (0, "Ransomware attacks"),
                                             &error));
  g_assert_no_error (error);

  g_assert_true (pl_project_build_search_index (f->project, record_progress, fractions, &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_search_index_is_ready (f->project));
  g_assert_cmpuint (fractions->len, >=, 2);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  assert_all_in_step (f);

  /* A search builds the index itself when it must. */
  downgrade (f);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  assert_search (f, "ransomware", NULL,
                 "Ransomware@1.4|Ransomware@1.5|ransomware@2.2|ransomware@3.1");
  g_assert_true (pl_project_search_index_is_ready (f->project));
}

static void
test_sentence_bounds (void)
{
  const char *text = "Brazil\nFirst one. Second (really!) here? And “the third” ends… Last";
  const struct
  {
    const char *within;
    const char *sentence;
  } cases[] = {
    { "First", "First one." },
    { "one", "First one." },
    { "Second", "Second (really!) here?" },
    { "really", "Second (really!) here?" },
    { "third", "And “the third” ends…" },
    { "Last", "Last" },
    { "Brazil", "Brazil" },
    { "one. Second", "First one. Second (really!) here?" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *found = strstr (text, cases[i].within);
      guint start = g_utf8_pointer_to_offset (text, found);
      guint end = start + g_utf8_strlen (cases[i].within, -1);
      guint from, to;
      g_autofree char *sentence = NULL;

      pl_search_sentence_bounds (text, start, end, &from, &to);
      sentence = pl_text_slice (text, from, to);
      g_assert_cmpstr (sentence, ==, cases[i].sentence);
    }
}

static guint
count_annotations (Fixture *f)
{
  return pl_project_count_annotations (f->project);
}

static void
test_code_all_hits (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = search (f, "ransomware", NULL);
  g_autoptr(GArray) plan = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(GArray) statements = NULL;
  g_autofree char *label = NULL;
  gint64 ransomware = analysis_fixture_code (f, "THR.RANSOM");
  PlCodeHitsSpec spec = { PL_SEARCH_UNIT_SENTENCE, ransomware, f->bo };
  guint already = G_MAXUINT;
  guint before = count_annotations (f);

  /* Bo coded "Ransomware is a threat." already: three sentences are left. */
  plan = pl_search_plan_code_hits (f->project, hits, &spec, &already, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->len, ==, 3);
  g_assert_cmpuint (already, ==, 1);
  g_assert_cmpuint (g_array_index (plan, PlAnnotationSpec, 0).start, ==,
                    analysis_fixture_offset (0, "Ransomware attacks"));
  g_assert_cmpuint (g_array_index (plan, PlAnnotationSpec, 0).end, ==,
                    analysis_fixture_offset (0, " Capacity-building must"));

  g_assert_true (pl_search_code_hits (f->project, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f), ==, before + 3);
  label = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (label, ==, "Apply “Ransomware” to 3 search hits");

  /* Planned again, everything is there. */
  again = pl_search_plan_code_hits (f->project, hits, &spec, &already, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (already, ==, 4);

  /* One undo takes all three back; redo brings them again. */
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f), ==, before);
  g_assert_true (pl_project_redo (f->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_annotations (f), ==, before + 3);

  /* Statements: Brazil's twice over ("ransomware" and "hospitals" in one) counts once. */
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "ransomware hospitals", NULL);
  spec.unit = PL_SEARCH_UNIT_STATEMENT;
  statements = pl_search_plan_code_hits (f->project, hits, &spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 4);
  g_assert_cmpuint (statements->len, ==, 2);

  /* A folder cannot be applied. */
  spec.code_id = analysis_fixture_code (f, "THR");
  g_assert_null (pl_search_plan_code_hits (f->project, hits, &spec, NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, analysis_fixture_set_up, func, analysis_fixture_tear_down)
  ADD ("/search/queries", test_queries);
  ADD ("/search/snippet", test_snippet);
  ADD ("/search/filters", test_filters);
  ADD ("/search/syntax-errors", test_syntax_errors);
  ADD ("/search/index-in-step", test_index_in_step);
  ADD ("/search/bulk-import-is-indexed", test_bulk_import_is_indexed);
  ADD ("/search/built-once-for-an-older-project", test_built_once_for_an_older_project);
  ADD ("/search/code-all-hits", test_code_all_hits);
#undef ADD
  g_test_add_func ("/search/sentence-bounds", test_sentence_bounds);

  return g_test_run ();
}
