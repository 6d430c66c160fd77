/* test-statistics.c — frequencies and co-occurrence against a recount, rows without a value,
 * order, shares, drilling down to the segments behind a cell, CSV and chart data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include "analysis-fixture.h"
#include "pl-cooccurrence.h"
#include "pl-statistics.h"

typedef AnalysisFixture Fixture;

/* The recount's row key of @segment, as a new string (NULL: none). */
static char *
row_key (Fixture          *f,
         const RefSegment *segment,
         PlStatsField      by)
{
  const PlStatement *statement = segment->statement;
  const char *date = pl_document_get_metadata (segment->document, "date");

  switch (by)
    {
    case PL_STATS_BY_ENTITY:
      return statement != NULL ? g_strdup (statement->entity) : NULL;
    case PL_STATS_BY_REGIONAL_GROUP:
      return statement != NULL ? g_strdup (statement->regional_group) : NULL;
    case PL_STATS_BY_ENTITY_TYPE:
      return statement != NULL ? g_strdup (statement->entity_type) : NULL;
    case PL_STATS_BY_ON_BEHALF_OF:
      return statement != NULL ? g_strdup (statement->on_behalf_of) : NULL;
    case PL_STATS_BY_DOCUMENT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, pl_document_get_id (segment->document));
    case PL_STATS_BY_PROCESS:
      return g_strdup (pl_document_get_metadata (segment->document, "process"));
    case PL_STATS_BY_SESSION:
      return g_strdup (pl_document_get_metadata (segment->document, "session"));
    case PL_STATS_BY_YEAR:
      return date != NULL ? g_strndup (date, 4) : NULL;
    case PL_STATS_BY_DATE:
      return g_strdup (date);
    case PL_STATS_BY_CODER:
      return g_strdup (segment->annotation->coder_id == f->ann ? "Ann" : "Bo");
    case PL_STATS_BY_STANCE:
      return g_strdup (segment->annotation->stance);
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

/* What @segment counts as: itself, its statement, its speaker; NULL when it counts as
 * nothing. */
static char *
unit_of (const RefSegment *segment,
         PlStatsCount      count)
{
  const PlStatement *statement = segment->statement;

  if (count == PL_STATS_COUNT_SEGMENTS)
    return g_strdup (segment->annotation->guid);
  if (statement == NULL)
    return NULL;
  if (count == PL_STATS_COUNT_STATEMENTS)
    return g_strdup_printf ("%" G_GINT64_FORMAT, statement->id);
  if (statement->entity != NULL)
    return g_strdup (statement->entity);
  return g_strdup (statement->speaker);
}

static gboolean
in_family (GArray *family,
           gint64  code_id)
{
  for (guint i = 0; i < family->len; i++)
    if (g_array_index (family, gint64, i) == code_id)
      return TRUE;

  return FALSE;
}

/* How many distinct units the segments of row @key have of @families (any of them when
 * @column is -1). */
static guint64
recount_cell (Fixture             *f,
              GPtrArray           *segments,
              const PlQueryFilter *filter,
              PlStatsField         by,
              PlStatsCount         count,
              GPtrArray           *families,
              const char          *key,
              int                  column)
{
  g_autoptr(GHashTable) units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      const RefSegment *segment = g_ptr_array_index (segments, i);
      g_autofree char *segment_key = row_key (f, segment, by);
      char *unit;
      gboolean counted = FALSE;

      if (!analysis_reference_keeps (segment, filter, NULL) || g_strcmp0 (segment_key, key) != 0)
        continue;
      for (guint c = 0; c < families->len; c++)
        if ((column < 0 || (guint) column == c) &&
            in_family (g_ptr_array_index (families, c), segment->annotation->code_id))
          counted = TRUE;
      if (!counted || (unit = unit_of (segment, count)) == NULL)
        continue;
      g_hash_table_add (units, unit);
    }

  return g_hash_table_size (units);
}

static GPtrArray *
families_of (Fixture   *f,
             GArray    *code_ids,
             gboolean   with_descendants)
{
  GPtrArray *families = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  GListModel *codes = pl_project_get_codes (f->project);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      g_autoptr(GArray) one = analysis_ids (1, pl_code_get_id (code));

      if (code_ids == NULL && pl_code_get_codable (code))
        g_ptr_array_add (families, g_steal_pointer (&one));
    }
  for (guint i = 0; code_ids != NULL && i < code_ids->len; i++)
    {
      g_autoptr(GArray) one = analysis_ids (1, g_array_index (code_ids, gint64, i));

      g_ptr_array_add (families, pl_retrieve_expand_codes (f->project, one, with_descendants));
    }

  return families;
}

/* Makes the table of @spec and checks every cell, total and key against the recount. */
static PlFrequencyTable *
check_table (Fixture               *f,
             const PlFrequencySpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlFrequencyTable) table = pl_frequency_table_new (f->project, spec, &error);
  g_autoptr(GPtrArray) segments = analysis_reference (f);
  g_autoptr(GPtrArray) families = families_of (f, spec->code_ids, spec->with_descendants);
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean none = FALSE;
  guint n_rows = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (pl_frequency_table_get_n_columns (table), ==, families->len);

  /* The rows are the keys of the kept segments of the columns' codes. */
  for (guint i = 0; i < segments->len; i++)
    {
      const RefSegment *segment = g_ptr_array_index (segments, i);
      char *key = row_key (f, segment, spec->by);
      gboolean counted = FALSE;

      for (guint c = 0; c < families->len; c++)
        counted |= in_family (g_ptr_array_index (families, c), segment->annotation->code_id);
      if (!counted || !analysis_reference_keeps (segment, spec->filter, NULL))
        g_free (key);
      else if (key == NULL)
        none = TRUE;
      else
        g_hash_table_add (keys, key);
    }
  n_rows = g_hash_table_size (keys) + (none ? 1 : 0);
  g_assert_cmpuint (pl_frequency_table_get_n_rows (table), ==, n_rows);

  for (guint r = 0; r < n_rows; r++)
    {
      const char *key = pl_frequency_table_get_row_key (table, r);
      guint64 total = recount_cell (f, segments, spec->filter, spec->by, spec->count, families,
                                    key, -1);
      double shares = 0;

      if (key == NULL)
        g_assert_cmpuint (r, ==, n_rows - 1);
      else
        g_assert_true (g_hash_table_contains (keys, key));
      g_assert_cmpuint (pl_frequency_table_get_total (table, r), ==, total);

      for (guint c = 0; c < families->len; c++)
        {
          guint64 value = pl_frequency_table_get_value (table, r, c);

          g_assert_cmpuint (value, ==, recount_cell (f, segments, spec->filter, spec->by,
                                                     spec->count, families, key, c));
          g_assert_cmpfloat_with_epsilon (pl_frequency_table_get_share (table, r, c),
                                          total > 0 ? (double) value / total : 0, 1e-12);
          shares += pl_frequency_table_get_share (table, r, c);
        }
      if (spec->count == PL_STATS_COUNT_SEGMENTS && spec->code_ids == NULL)
        g_assert_cmpfloat_with_epsilon (shares, 1.0, 1e-9);
    }

  return g_steal_pointer (&table);
}

static void
test_every_field_and_count (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GArray) families = analysis_ids (3, analysis_fixture_code (f, "NRM"),
                                             analysis_fixture_code (f, "THR"),
                                             analysis_fixture_code (f, "CB"));
  char *not_africa[] = { "Asia-Pacific", "Latin American and Caribbean", "", NULL };
  const PlQueryFilter narrow = { .regional_groups = not_africa };

  for (PlStatsField by = PL_STATS_BY_ENTITY; by <= PL_STATS_BY_STANCE; by++)
    for (PlStatsCount count = PL_STATS_COUNT_SEGMENTS; count <= PL_STATS_COUNT_SPEAKERS; count++)
      {
        g_autoptr(PlFrequencyTable) all = NULL;
        g_autoptr(PlFrequencyTable) grouped = NULL;
        g_autoptr(PlFrequencyTable) filtered = NULL;

        g_test_message ("by %s, %s", pl_stats_field_to_string (by), pl_stats_count_to_string (count));
        all = check_table (f, &(PlFrequencySpec) { .by = by, .count = count });
        grouped = check_table (f, &(PlFrequencySpec) { .by = by, .count = count,
                                                       .code_ids = families,
                                                       .with_descendants = TRUE });
        filtered = check_table (f, &(PlFrequencySpec) { .by = by, .count = count,
                                                        .filter = &narrow });
      }
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(PlFrequencyTable) groups = check_table (f, &(PlFrequencySpec) {
                                                         .by = PL_STATS_BY_REGIONAL_GROUP });
  g_autoptr(PlFrequencyTable) sessions = check_table (f, &(PlFrequencySpec) {
                                                           .by = PL_STATS_BY_SESSION });
  g_autoptr(PlFrequencyTable) documents = check_table (f, &(PlFrequencySpec) {
                                                            .by = PL_STATS_BY_DOCUMENT });
  g_autoptr(PlFrequencyTable) coders = check_table (f, &(PlFrequencySpec) {
                                                         .by = PL_STATS_BY_CODER });
  guint n;

  /* By key, the row without a value last: the Chair, the EU, the front matter and the
   * segment before Kenya have no group. */
  n = pl_frequency_table_get_n_rows (groups);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (pl_frequency_table_get_row_key (groups, 0), ==, "African");
  g_assert_cmpstr (pl_frequency_table_get_row_key (groups, 1), ==, "Asia-Pacific");
  g_assert_null (pl_frequency_table_get_row_key (groups, 3));
  g_assert_cmpstr (pl_frequency_table_get_row_label (groups, 3), ==, "(none)");
  g_assert_cmpuint (pl_frequency_table_get_total (groups, 3), ==, 4);

  /* Sessions by date; documents in project order, labelled with their titles. */
  g_assert_cmpstr (pl_frequency_table_get_row_key (sessions, 0), ==, "first substantive session");
  g_assert_cmpstr (pl_frequency_table_get_row_key (sessions, 1), ==, "second substantive session");
  g_assert_null (pl_frequency_table_get_row_key (sessions, 2));
  g_assert_cmpuint (pl_frequency_table_get_n_rows (documents), ==, 3);
  g_assert_cmpstr (pl_frequency_table_get_row_label (documents, 1), ==, "Record 2");
  g_assert_cmpuint (pl_frequency_table_get_total (documents, 0), ==, 11);
  g_assert_cmpstr (pl_frequency_table_get_row_key (coders, 0), ==, "Ann");
}

static void
test_cell_retrieves (Fixture       *f,
                     gconstpointer  data)
{
  const PlStatsField fields[] = {
    PL_STATS_BY_REGIONAL_GROUP, PL_STATS_BY_YEAR, PL_STATS_BY_DOCUMENT, PL_STATS_BY_CODER,
    PL_STATS_BY_STANCE, PL_STATS_BY_SESSION, PL_STATS_BY_ENTITY_TYPE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(PlFrequencyTable) table = check_table (f, &(PlFrequencySpec) { .by = fields[i] });

      for (guint r = 0; r < pl_frequency_table_get_n_rows (table); r++)
        for (int c = -1; c < (int) pl_frequency_table_get_n_columns (table); c++)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(GPtrArray) hits = NULL;
            PlQueryFilter filter = { NULL };
            PlRetrieveSpec spec;

            pl_frequency_table_get_cell_spec (table, r, c, &spec, &filter);
            hits = pl_retrieve (f->project, &spec, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (hits->len, ==, c < 0 ? pl_frequency_table_get_total (table, r)
                                                   : pl_frequency_table_get_value (table, r, c));
            g_array_unref (spec.code_ids);
            pl_query_filter_clear (&filter);
          }
    }
}

static void
test_csv_and_chart (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) codes = analysis_ids (2, analysis_fixture_code (f, "THR"),
                                          analysis_fixture_code (f, "CB"));
  g_autoptr(PlFrequencyTable) table = check_table (f, &(PlFrequencySpec) {
                                                        .by = PL_STATS_BY_REGIONAL_GROUP,
                                                        .code_ids = codes,
                                                        .with_descendants = TRUE });
  g_autofree char *csv = pl_frequency_table_to_csv (table, FALSE);
  g_autofree char *shares = pl_frequency_table_to_csv (table, TRUE);
  g_autoptr(PlChartData) data_counts = pl_frequency_table_to_chart_data (table, FALSE);
  g_autoptr(PlChartData) data_shares = pl_frequency_table_to_chart_data (table, TRUE);

  /* Kenya said nothing of threats or capacity-building: no African row. */
  g_assert_cmpstr (csv, ==,
                   "group,THR,CB,total\r\n"
                   "Asia-Pacific,2,1,3\r\n"
                   "Latin American and Caribbean,5,1,6\r\n"
                   ",1,1,2\r\n");
  g_assert_true (g_str_has_prefix (shares, "group,THR,CB,total\r\n"));
  g_assert_true (g_str_has_suffix (shares, "\r\n,0.5,0.5,2\r\n"));

  g_assert_cmpuint (pl_chart_data_get_n_rows (data_counts), ==, 3);
  g_assert_cmpuint (pl_chart_data_get_n_series (data_counts), ==, 2);
  g_assert_cmpstr (pl_chart_data_get_series_short_id (data_counts, 0), ==, "THR");
  g_assert_cmpstr (pl_chart_data_get_row_label (data_counts, 2), ==, "(none)");
  g_assert_null (pl_chart_data_get_row_key (data_counts, 2));
  g_assert_cmpfloat (pl_chart_data_get_value (data_counts, 1, 0), ==, 5);
  g_assert_cmpint (pl_chart_data_get_value_kind (data_shares), ==, PL_CHART_VALUE_SHARE);
  g_assert_cmpfloat_with_epsilon (pl_chart_data_get_value (data_shares, 1, 0), 5.0 / 6.0, 1e-12);
}

/* Co-occurrence */

/* Statements of @segments with a segment of @family. */
static GHashTable *
statements_with (GPtrArray *segments,
                 GArray    *family)
{
  GHashTable *statements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < segments->len; i++)
    {
      const RefSegment *segment = g_ptr_array_index (segments, i);

      if (segment->statement != NULL && in_family (family, segment->annotation->code_id))
        g_hash_table_add (statements, g_memdup2 (&segment->statement->id, sizeof (gint64)));
    }

  return statements;
}

/* Characters of document @document_id coded with @family, as a mask. */
static gboolean *
coverage (Fixture   *f,
          GPtrArray *segments,
          gint64     document_id,
          GArray    *family)
{
  guint length = pl_document_get_length (pl_project_find_document (f->project, document_id));
  gboolean *mask = g_new0 (gboolean, length + 1);

  for (guint i = 0; i < segments->len; i++)
    {
      const RefSegment *segment = g_ptr_array_index (segments, i);

      if (segment->annotation->document_id == document_id &&
          in_family (family, segment->annotation->code_id))
        for (guint k = segment->annotation->start; k < segment->annotation->end; k++)
          mask[k] = TRUE;
    }

  return mask;
}

static void
check_span_cell (Fixture        *f,
                 PlCooccurrence *matrix,
                 GPtrArray      *segments,
                 GArray         *fa,
                 GArray         *fb,
                 guint           a,
                 guint           b)
{
  guint64 pairs = 0, both = 0, either = 0;

  for (guint i = 0; i < segments->len; i++)
    for (guint j = i + 1; j < segments->len; j++)
      {
        const PlAnnotation *x = ((RefSegment *) g_ptr_array_index (segments, i))->annotation;
        const PlAnnotation *y = ((RefSegment *) g_ptr_array_index (segments, j))->annotation;

        if (x->document_id == y->document_id && x->start < y->end && y->start < x->end &&
            ((in_family (fa, x->code_id) && in_family (fb, y->code_id)) ||
             (in_family (fb, x->code_id) && in_family (fa, y->code_id))))
          pairs++;
      }

  for (guint d = 0; d < G_N_ELEMENTS (f->documents); d++)
    {
      gint64 id = f->documents[d];
      g_autofree gboolean *ma = coverage (f, segments, id, fa);
      g_autofree gboolean *mb = coverage (f, segments, id, fb);
      guint length = pl_document_get_length (pl_project_find_document (f->project, id));

      for (guint k = 0; k < length; k++)
        {
          both += ma[k] && mb[k];
          either += ma[k] || mb[k];
        }
    }

  if (a != b)
    g_assert_cmpuint (pl_cooccurrence_get_count (matrix, a, b), ==, pairs);
  g_assert_cmpfloat_with_epsilon (pl_cooccurrence_get_jaccard (matrix, a, b),
                                  either > 0 ? (double) both / either : 0, 1e-12);
}

static void
check_matrix (Fixture            *f,
              GArray             *code_ids,
              gboolean            with_descendants,
              PlCooccurrenceUnit  unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCooccurrence) matrix = NULL;
  g_autoptr(GPtrArray) segments = analysis_reference (f);
  g_autoptr(GPtrArray) families = families_of (f, code_ids, with_descendants);
  guint n;

  matrix = pl_cooccurrence_new (f->project,
                                &(PlCooccurrenceSpec) { .code_ids = code_ids,
                                                        .with_descendants = with_descendants,
                                                        .unit = unit },
                                &error);
  g_assert_no_error (error);
  n = pl_cooccurrence_get_n_codes (matrix);
  g_assert_cmpuint (n, ==, families->len);

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      {
        GArray *fa = g_ptr_array_index (families, a);
        GArray *fb = g_ptr_array_index (families, b);

        g_assert_cmpuint (pl_cooccurrence_get_count (matrix, a, b), ==,
                          pl_cooccurrence_get_count (matrix, b, a));
        if (unit == PL_COOCCURRENCE_STATEMENT)
          {
            g_autoptr(GHashTable) sa = statements_with (segments, fa);
            g_autoptr(GHashTable) sb = statements_with (segments, fb);
            g_autoptr(GPtrArray) statements = NULL;
            GHashTableIter iter;
            gpointer key;
            guint64 shared = 0;

            g_hash_table_iter_init (&iter, sa);
            while (g_hash_table_iter_next (&iter, &key, NULL))
              shared += g_hash_table_contains (sb, key);
            g_assert_cmpuint (pl_cooccurrence_get_count (matrix, a, b), ==, shared);
            g_assert_cmpfloat_with_epsilon (pl_cooccurrence_get_jaccard (matrix, a, b),
                                            shared > 0 ? (double) shared / (g_hash_table_size (sa) + g_hash_table_size (sb) - shared) : 0,
                                            1e-12);
            statements = pl_cooccurrence_list_cell_statements (matrix, a, b, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (statements->len, ==, shared);
          }
        else
          {
            g_autoptr(GPtrArray) hits = NULL;

            check_span_cell (f, matrix, segments, fa, fb, a, b);
            hits = pl_cooccurrence_retrieve_cell (matrix, a, b, &error);
            g_assert_no_error (error);
            if (a != b && pl_cooccurrence_get_count (matrix, a, b) == 0)
              g_assert_cmpuint (hits->len, ==, 0);
            else if (a != b)
              g_assert_cmpuint (hits->len, >=, 2);
          }
      }
}

static void
test_cooccurrence (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) families = analysis_ids (3, analysis_fixture_code (f, "NRM"),
                                             analysis_fixture_code (f, "THR"),
                                             analysis_fixture_code (f, "CB"));
  g_autoptr(GArray) nested = analysis_ids (2, analysis_fixture_code (f, "THR"),
                                           analysis_fixture_code (f, "THR.CI"));

  check_matrix (f, NULL, FALSE, PL_COOCCURRENCE_STATEMENT);
  check_matrix (f, families, TRUE, PL_COOCCURRENCE_STATEMENT);
  check_matrix (f, NULL, FALSE, PL_COOCCURRENCE_SPAN);
  check_matrix (f, families, TRUE, PL_COOCCURRENCE_SPAN);
  /* A family and one of its own codes. */
  check_matrix (f, nested, TRUE, PL_COOCCURRENCE_SPAN);
  check_matrix (f, nested, TRUE, PL_COOCCURRENCE_STATEMENT);
}

static void
test_cooccurrence_values (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) codes = analysis_ids (2, analysis_fixture_code (f, "NRM.F"),
                                          analysis_fixture_code (f, "THR.CI"));
  g_autoptr(PlCooccurrence) statements = NULL;
  g_autoptr(PlCooccurrence) spans = NULL;
  g_autoptr(PlChartData) heatmap = NULL;
  g_autofree char *csv = NULL;

  statements = pl_cooccurrence_new (f->project, &(PlCooccurrenceSpec) { .code_ids = codes },
                                    &error);
  g_assert_no_error (error);
  /* NRM.F in the Chair's, Brazil's and the EU's statements; THR.CI in both of Brazil's. */
  g_assert_cmpuint (pl_cooccurrence_get_count (statements, 0, 0), ==, 3);
  g_assert_cmpuint (pl_cooccurrence_get_count (statements, 1, 1), ==, 2);
  g_assert_cmpuint (pl_cooccurrence_get_count (statements, 0, 1), ==, 1);
  g_assert_cmpfloat_with_epsilon (pl_cooccurrence_get_jaccard (statements, 0, 1), 0.25, 1e-12);
  g_assert_cmpfloat (pl_cooccurrence_get_jaccard (statements, 0, 0), ==, 1.0);

  spans = pl_cooccurrence_new (f->project,
                               &(PlCooccurrenceSpec) { .code_ids = codes,
                                                       .unit = PL_COOCCURRENCE_SPAN },
                               &error);
  g_assert_no_error (error);
  /* "norms on critical infrastructure" and "critical infrastructure" overlap once. */
  g_assert_cmpuint (pl_cooccurrence_get_count (spans, 0, 1), ==, 1);
  g_assert_cmpuint (pl_cooccurrence_get_count (spans, 0, 0), ==, 3);

  csv = pl_cooccurrence_to_csv (statements, FALSE);
  g_assert_cmpstr (csv, ==, "code,NRM.F,THR.CI\r\nNRM.F,3,1\r\nTHR.CI,1,2\r\n");
  heatmap = pl_cooccurrence_to_chart_data (statements, TRUE);
  g_assert_cmpuint (pl_chart_data_get_n_rows (heatmap), ==, 2);
  g_assert_cmpint (pl_chart_data_get_value_kind (heatmap), ==, PL_CHART_VALUE_NUMBER);
  g_assert_cmpfloat_with_epsilon (pl_chart_data_get_value (heatmap, 0, 1), 0.25, 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, analysis_fixture_set_up, func, analysis_fixture_tear_down)
  ADD ("/statistics/every-field-and-count", test_every_field_and_count);
  ADD ("/statistics/rows", test_rows);
  ADD ("/statistics/cell-retrieves", test_cell_retrieves);
  ADD ("/statistics/csv-and-chart", test_csv_and_chart);
  ADD ("/statistics/cooccurrence", test_cooccurrence);
  ADD ("/statistics/cooccurrence-values", test_cooccurrence_values);
#undef ADD

  return g_test_run ();
}
