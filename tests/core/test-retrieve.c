/* test-retrieve.c — code-and-retrieve: codes, families, ALL and NOT, every filter, CSV, citations
 *
 * Each retrieval is compared with a recount (analysis-fixture.c): which annotations, in
 * which order, with which statement, text and speaker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <string.h>

#include "analysis-fixture.h"
#include "pl-error.h"
#include "pl-retrieve.h"
#include "pl-text.h"

typedef AnalysisFixture Fixture;

static gboolean
in_set (GArray *ids,
        gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

static gboolean
same_statement (const RefSegment *a,
                const RefSegment *b)
{
  return a->statement != NULL && b->statement != NULL && a->statement->id == b->statement->id;
}

/* Whether some segment @filter keeps in the statement of @segment has a code of @codes. */
static gboolean
statement_has (GPtrArray           *segments,
               const RefSegment    *segment,
               const PlQueryFilter *filter,
               GArray              *codes)
{
  for (guint i = 0; i < segments->len; i++)
    {
      const RefSegment *other = g_ptr_array_index (segments, i);

      if (same_statement (other, segment) && in_set (codes, other->annotation->code_id) &&
          analysis_reference_keeps (other, filter, codes))
        return TRUE;
    }

  return FALSE;
}

/* The GUIDs the recount retrieves for @spec, joined by spaces. */
static char *
recount (Fixture              *f,
         const PlRetrieveSpec *spec)
{
  g_autoptr(GPtrArray) segments = analysis_reference (f);
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(GArray) excluded = NULL;
  GString *guids = g_string_new (NULL);

  if (spec->code_ids != NULL)
    chosen = pl_retrieve_expand_codes (f->project, spec->code_ids, spec->with_descendants);
  if (spec->not_code_ids != NULL)
    excluded = pl_retrieve_expand_codes (f->project, spec->not_code_ids, spec->with_descendants);

  for (guint i = 0; i < segments->len; i++)
    {
      const RefSegment *segment = g_ptr_array_index (segments, i);
      gboolean keep = analysis_reference_keeps (segment, spec->filter, chosen);

      if (keep && spec->mode == PL_RETRIEVE_ALL)
        for (guint c = 0; keep && c < spec->code_ids->len; c++)
          {
            g_autoptr(GArray) one = analysis_ids (1, g_array_index (spec->code_ids, gint64, c));
            g_autoptr(GArray) family = pl_retrieve_expand_codes (f->project, one,
                                                                 spec->with_descendants);

            keep = statement_has (segments, segment, spec->filter, family);
          }
      if (keep && excluded != NULL && segment->statement != NULL)
        keep = !statement_has (segments, segment, spec->filter, excluded);

      if (keep)
        g_string_append_printf (guids, "%s ", segment->annotation->guid);
    }

  return g_string_free (guids, FALSE);
}

/* Retrieves @spec, checks every hit against the project, and compares with the recount;
 * returns the number of hits. */
static guint
check_retrieve (Fixture              *f,
                const PlRetrieveSpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = pl_retrieve (f->project, spec, &error);
  g_autoptr(GString) guids = g_string_new (NULL);
  g_autofree char *expected = recount (f, spec);

  g_assert_no_error (error);
  g_assert_nonnull (hits);

  for (guint i = 0; i < hits->len; i++)
    {
      const PlRetrieveHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(PlAnnotation) annotation = pl_project_find_annotation (f->project,
                                                                        hit->annotation_guid,
                                                                        &error);
      g_autofree char *text = pl_project_dup_document_text (f->project, hit->document_id, &error);
      g_autofree char *slice = NULL;
      PlCode *code;

      g_assert_no_error (error);
      g_assert_cmpint (annotation->document_id, ==, hit->document_id);
      g_assert_cmpuint (annotation->start, ==, hit->start);
      g_assert_cmpuint (annotation->end, ==, hit->end);
      g_assert_cmpint (annotation->code_id, ==, hit->code_id);
      g_assert_cmpstr (annotation->stance, ==, hit->stance);
      code = pl_project_find_code (f->project, hit->code_id);
      g_assert_cmpstr (pl_code_get_short_id (code), ==, hit->code);
      g_assert_cmpstr (hit->coder, ==, annotation->coder_id == f->ann ? "Ann" : "Bo");
      g_assert_cmpstr (hit->document_title, ==,
                       pl_document_get_title (pl_project_find_document (f->project, hit->document_id)));
      slice = pl_text_slice (text, hit->start, hit->end);
      g_assert_cmpstr (hit->text, ==, slice);

      if (hit->statement_index > 0)
        {
          g_autofree char *context = pl_text_slice (text, hit->statement_start, hit->statement_end);

          g_assert_cmpstr (hit->context, ==, context);
          g_assert_cmpuint (hit->statement_start, <=, hit->start);
        }
      else
        g_assert_null (hit->context);

      g_string_append_printf (guids, "%s ", hit->annotation_guid);
    }

  g_assert_cmpstr (guids->str, ==, expected);
  return hits->len;
}

static guint
retrieve_codes (Fixture              *f,
                const char           *first,
                const char           *second,
                gboolean              with_descendants,
                PlRetrieveMode        mode,
                const PlQueryFilter  *filter)
{
  g_autoptr(GArray) codes = second != NULL
    ? analysis_ids (2, analysis_fixture_code (f, first), analysis_fixture_code (f, second))
    : analysis_ids (1, analysis_fixture_code (f, first));

  return check_retrieve (f, &(PlRetrieveSpec) {
                              .code_ids = codes,
                              .with_descendants = with_descendants,
                              .mode = mode,
                              .filter = filter,
                            });
}

static void
test_one_code (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) codes = analysis_ids (1, analysis_fixture_code (f, "THR.RANSOM"));
  g_autoptr(GPtrArray) hits = pl_retrieve (f->project, &(PlRetrieveSpec) { .code_ids = codes },
                                           &error);
  const PlRetrieveHit *brazil;

  g_assert_no_error (error);
  /* Brazil and Japan in the first record, before Kenya and in Brazil's in the second, and
   * Japan's in the third. */
  g_assert_cmpuint (hits->len, ==, 5);
  brazil = g_ptr_array_index (hits, 0);
  g_assert_cmpstr (brazil->text, ==, "Ransomware attacks on hospitals are unacceptable!");
  g_assert_cmpstr (brazil->speaker, ==, "Brazil");
  g_assert_cmpstr (brazil->entity, ==, "Brazil");
  g_assert_cmpstr (brazil->entity_type, ==, "member_state");
  g_assert_cmpstr (brazil->iso3, ==, "BRA");
  g_assert_cmpstr (brazil->regional_group, ==, "Latin American and Caribbean");
  g_assert_null (brazil->on_behalf_of);
  g_assert_cmpstr (brazil->stance, ==, "opposes");
  g_assert_cmpstr (brazil->code, ==, "THR.RANSOM");
  g_assert_cmpstr (brazil->code_name, ==, "Ransomware");
  g_assert_cmpstr (brazil->session, ==, "first substantive session");
  g_assert_cmpstr (brazil->date, ==, "2024-03-07");
  g_assert_cmpstr (brazil->process, ==, "OEWG");
  g_assert_true (g_str_has_prefix (brazil->context, "Brazil\nWe support the norms"));
  g_assert_cmpuint (brazil->statement_index, ==, 3);

  g_assert_cmpuint (check_retrieve (f, &(PlRetrieveSpec) { .code_ids = codes }), ==, 5);
}

static void
test_descendants (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) threats = analysis_ids (1, analysis_fixture_code (f, "THR"));
  g_autoptr(GArray) expanded = pl_retrieve_expand_codes (f->project, threats, TRUE);
  g_autoptr(GArray) alone = pl_retrieve_expand_codes (f->project, threats, FALSE);

  /* THR is a folder: itself, its two children. */
  g_assert_cmpuint (expanded->len, ==, 3);
  g_assert_cmpuint (alone->len, ==, 1);

  g_assert_cmpuint (retrieve_codes (f, "THR", NULL, FALSE, PL_RETRIEVE_ANY, NULL), ==, 0);
  g_assert_cmpuint (retrieve_codes (f, "THR", NULL, TRUE, PL_RETRIEVE_ANY, NULL), ==, 8);
  g_assert_cmpuint (retrieve_codes (f, "NRM", NULL, FALSE, PL_RETRIEVE_ANY, NULL), ==, 2);
  g_assert_cmpuint (retrieve_codes (f, "NRM", NULL, TRUE, PL_RETRIEVE_ANY, NULL), ==, 5);
  /* Every code. */
  g_assert_cmpuint (check_retrieve (f, &(PlRetrieveSpec) { .code_ids = NULL }), ==, 16);
}

static void
test_all_mode (Fixture       *f,
               gconstpointer  data)
{
  /* Brazil's statement has NRM.F and THR.RANSOM; no other has both. */
  g_assert_cmpuint (retrieve_codes (f, "NRM.F", "THR.RANSOM", FALSE, PL_RETRIEVE_ALL, NULL), ==, 2);
  g_assert_cmpuint (retrieve_codes (f, "NRM", "THR", TRUE, PL_RETRIEVE_ALL, NULL), >, 2);
  /* ANY of the same two is more. */
  g_assert_cmpuint (retrieve_codes (f, "NRM.F", "THR.RANSOM", FALSE, PL_RETRIEVE_ANY, NULL), ==, 8);
  /* A segment in no statement never counts in ALL mode, even with itself. */
  g_assert_cmpuint (retrieve_codes (f, "THR.RANSOM", NULL, FALSE, PL_RETRIEVE_ALL, NULL), ==, 4);
}

static void
test_not (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GArray) codes = analysis_ids (1, analysis_fixture_code (f, "THR.RANSOM"));
  g_autoptr(GArray) not_ci = analysis_ids (1, analysis_fixture_code (f, "THR.CI"));
  g_autoptr(GArray) not_norms = analysis_ids (1, analysis_fixture_code (f, "NRM"));
  guint n;

  /* Leaves out Brazil in both records; the segment before Kenya has no statement and
   * stays. */
  n = check_retrieve (f, &(PlRetrieveSpec) { .code_ids = codes, .not_code_ids = not_ci });
  g_assert_cmpuint (n, ==, 3);
  /* Brazil's and Japan's statements in the first record have norms. */
  n = check_retrieve (f, &(PlRetrieveSpec) { .code_ids = codes, .not_code_ids = not_norms,
                                             .with_descendants = TRUE });
  g_assert_cmpuint (n, ==, 3);
  /* NOT with every code. */
  n = check_retrieve (f, &(PlRetrieveSpec) { .not_code_ids = not_ci });
  g_assert_cmpuint (n, <, 16);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  char *asia[] = { "Asia-Pacific", NULL };
  char *no_group[] = { "", NULL };
  char *latin_or_none[] = { "Latin American and Caribbean", "", NULL };
  char *japan[] = { "Japan", NULL };
  char *eu_type[] = { "eu", "chair", NULL };
  char *forum[] = { "Pacific Islands Forum", NULL };
  char *oewg[] = { "OEWG", NULL };
  char *second[] = { "second substantive session", NULL };
  char *opposes[] = { "opposes", "supports", NULL };
  char *no_stance[] = { "", NULL };
  g_autoptr(GArray) first_doc = analysis_ids (1, f->documents[0]);
  g_autoptr(GArray) bo = analysis_ids (1, f->bo);
  const PlQueryFilter filters[] = {
    { .regional_groups = asia },
    { .regional_groups = no_group },
    { .regional_groups = latin_or_none },
    { .entities = japan },
    { .entity_types = eu_type },
    { .on_behalf_of = forum },
    { .document_ids = first_doc },
    { .processes = oewg },
    { .sessions = second },
    { .since = (char *) "2025" },
    { .until = (char *) "2024-12" },
    { .since = (char *) "2024-03-07", .until = (char *) "2024-03-07" },
    { .coder_ids = bo },
    { .stances = opposes },
    { .stances = no_stance },
    { .regional_groups = asia, .coder_ids = bo },
  };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      guint n = check_retrieve (f, &(PlRetrieveSpec) { .filter = &filters[i] });
      guint family = retrieve_codes (f, "THR", NULL, TRUE, PL_RETRIEVE_ANY, &filters[i]);

      g_test_message ("filter %u: %u segments, %u threats", i, n, family);
      g_assert_cmpuint (n, <, 16);
      g_assert_cmpuint (family, <=, n);
    }

  g_assert_cmpuint (check_retrieve (f, &(PlRetrieveSpec) { .filter = &filters[0] }), ==, 4);
  g_assert_cmpuint (check_retrieve (f, &(PlRetrieveSpec) { .filter = &filters[9] }), ==, 4);
}

static void
test_resolve_values (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = g_strsplit ("asia-pacific,LATIN AMERICAN AND CARIBBEAN", ",", -1);
  g_auto(GStrv) unknown = g_strsplit ("Asia-Pacific,Atlantis", ",", -1);

  g_assert_true (pl_retrieve_resolve_values (f->project, PL_QUERY_FIELD_REGIONAL_GROUP, groups,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpstr (groups[0], ==, "Asia-Pacific");
  g_assert_cmpstr (groups[1], ==, "Latin American and Caribbean");

  g_assert_false (pl_retrieve_resolve_values (f->project, PL_QUERY_FIELD_REGIONAL_GROUP, unknown,
                                              &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“Atlantis”"));
  g_assert_nonnull (strstr (error->message, "Asia-Pacific"));
}

static void
test_list_values (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) groups = pl_project_query_list_values (f->project, PL_QUERY_FIELD_REGIONAL_GROUP,
                                                       &error);
  g_auto(GStrv) sessions = pl_project_query_list_values (f->project, PL_QUERY_FIELD_SESSION,
                                                         &error);
  g_auto(GStrv) stances = pl_project_query_list_values (f->project, PL_QUERY_FIELD_STANCE, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (groups), ==, 3);
  g_assert_cmpstr (groups[0], ==, "African");
  g_assert_cmpuint (g_strv_length (sessions), ==, 2);
  g_assert_cmpuint (g_strv_length (stances), ==, 3);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) codes = analysis_ids (1, analysis_fixture_code (f, "THR.RANSOM"));
  g_autoptr(GPtrArray) hits = pl_retrieve (f->project, &(PlRetrieveSpec) { .code_ids = codes },
                                           &error);
  g_autofree char *csv = pl_retrieve_hits_to_csv (hits);
  g_autofree char *path = g_build_filename (f->dir, "hits.csv", NULL);
  g_autofree char *written = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "annotation_guid,document_id,document_title,process,"
                                             "session,date,statement_index,start,end,code,"
                                             "code_name,text,context,"));
  /* A header, five hits, and the empty string after the last line end. */
  g_assert_cmpuint (g_strv_length (lines), ==, 7);
  g_assert_nonnull (strstr (csv, ",THR.RANSOM,Ransomware,Ransomware attacks on hospitals are "
                                 "unacceptable!,"));
  /* The segment before Kenya has no statement: an empty index, and its line breaks quoted. */
  g_assert_nonnull (strstr (csv, ",Record 2,OEWG,second substantive session,2025-07-01,,0,7,"
                                 "THR.RANSOM,Ransomware,\"\n\nKenya\","));

  g_assert_true (pl_retrieve_write_csv (hits, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_cmpstr (written, ==, csv);
}

static void
test_citations (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) codes = analysis_ids (1, analysis_fixture_code (f, "CB"));
  g_autoptr(GPtrArray) hits = pl_retrieve (f->project, &(PlRetrieveSpec) { .code_ids = codes },
                                           &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = pl_retrieve_format_citations (hits);
  g_assert_cmpstr (text, ==,
                   "“Summary record”\n"
                   "— Record 1, first substantive session, 2024-03-07\n"
                   "\n"
                   "“Capacity-building must be demand-driven.”\n"
                   "— Brazil, Record 1, first substantive session, 2024-03-07\n"
                   "\n"
                   "“Fiji calls for capacity-building.”\n"
                   "— Fiji, Record 1, first substantive session, 2024-03-07");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, analysis_fixture_set_up, func, analysis_fixture_tear_down)
  ADD ("/retrieve/one-code", test_one_code);
  ADD ("/retrieve/descendants", test_descendants);
  ADD ("/retrieve/all-mode", test_all_mode);
  ADD ("/retrieve/not", test_not);
  ADD ("/retrieve/filters", test_filters);
  ADD ("/retrieve/resolve-values", test_resolve_values);
  ADD ("/retrieve/list-values", test_list_values);
  ADD ("/retrieve/csv", test_csv);
  ADD ("/retrieve/citations", test_citations);
#undef ADD

  return g_test_run ();
}
