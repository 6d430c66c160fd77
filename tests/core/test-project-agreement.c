/* test-project-agreement.c — agreement over a project: units, missing coders, categories,
 * spans, reports
 *
 * Small projects are built so that their coding is a published worked example (or a table
 * computed by hand), and the coefficients are read back through the project:
 * Krippendorff (2004: 224) binary, (2004: 227) nominal, (2011: C) nominal with missing
 * values, Fleiss (1971) Table 1, Krippendorff (2004: 254) unitized.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include "pl-error.h"
#include "pl-project-agreement.h"
#include "pl-project-bulk.h"
#include "pl-project-gold.h"
#include "pl-test-util.h"

#define UNIT_LENGTH 20

typedef struct
{
  char      *dir;
  PlProject *project;
  gint64     coders[6];
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("plenary-agreement-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "project.plenary", NULL);
  fixture->project = pl_project_open (path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->coders); i++)
    {
      g_autofree char *name = g_strdup_printf ("Coder %c", 'A' + i);
      PlCoder *coder = pl_project_ensure_coder (fixture->project, name, &error);

      g_assert_no_error (error);
      fixture->coders[i] = coder->id;
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pl_project_close (fixture->project);
  g_object_unref (fixture->project);
  pl_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static gint64
add_code (Fixture    *fixture,
          const char *short_id,
          gint64      parent_id)
{
  g_autoptr(GError) error = NULL;
  PlCodeSpec spec = { .short_id = short_id, .name = short_id, .parent_id = parent_id,
                      .codable = TRUE };
  PlCode *code = pl_project_add_code (fixture->project, &spec, &error);

  g_assert_no_error (error);
  return pl_code_get_id (code);
}

/* A document of @n_units statements of UNIT_LENGTH characters, two characters apart. */
static gint64
add_document (Fixture *fixture,
              guint    n_units)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectBulk) bulk = pl_project_bulk_begin (fixture->project, &error);
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *guid = g_uuid_string_random ();
  PlBulkResult result;

  g_assert_no_error (error);
  for (guint u = 0; u < n_units; u++)
    {
      PlStatement *statement = pl_statement_new ();

      statement->start = text->len;
      for (guint i = 0; i < UNIT_LENGTH; i++)
        g_string_append_c (text, 'a' + (u + i) % 26);
      statement->end = text->len;
      statement->kind = PL_STATEMENT_KIND_STATEMENT;
      g_ptr_array_add (statements, statement);
      g_string_append (text, "\n\n");
    }
  g_assert_true (pl_project_bulk_add_document (bulk, &(PlBulkDocument) { .guid = guid,
                                                 .title = guid, .text = text->str,
                                                 .statements = statements },
                                               &result, &error));
  g_assert_no_error (error);
  g_assert_true (pl_project_bulk_commit (bulk, &error));
  g_assert_no_error (error);
  return result.id;
}

/* Codes [@start, @end) of a document as coder @coder with @code. */
static void
annotate (Fixture *fixture,
          gint64   document_id,
          gint64   coder,
          gint64   code,
          guint    start,
          guint    end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;

  annotation = pl_project_add_annotation (fixture->project,
                                          &(PlAnnotationSpec) { document_id, code, coder,
                                                                start, end, NULL },
                                          &error);
  g_assert_no_error (error);
}

/* Codes the whole of unit @unit. */
static void
annotate_unit (Fixture *fixture,
               gint64   document_id,
               gint64   coder,
               gint64   code,
               guint    unit)
{
  annotate (fixture, document_id, coder, code, unit * (UNIT_LENGTH + 2),
            unit * (UNIT_LENGTH + 2) + UNIT_LENGTH);
}

static GArray *
ids (guint         n,
     const gint64 *values)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_vals (array, values, n);
  return array;
}

static PlAgreementReport *
compute (Fixture               *fixture,
         const PlAgreementSpec *spec)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectReader) reader = pl_project_reader_new_for_project (fixture->project, &error);
  PlAgreementReport *report;

  g_assert_no_error (error);
  report = pl_agreement_report_compute (reader, spec, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The coefficient is @expected to three decimals, or with @expected NAN undefined and
 * saying why. */
static void
assert_value (PlCoefficient coefficient,
              double        expected)
{
  if (isnan (expected))
    {
      g_assert_true (isnan (coefficient.value));
      g_assert_nonnull (coefficient.reason);
      return;
    }
  g_assert_null (coefficient.reason);
  g_assert_cmpfloat_with_epsilon (coefficient.value, expected, 0.0005);
}

/* Every coefficient is a number or NAN with a reason, and the JSON says the same. */
static void
assert_reasons (const PlAgreementReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *codes;
  const char *members[] = { "percent", "cohen_kappa", "scott_pi", "fleiss_kappa",
                            "krippendorff_alpha", "alpha_u" };

  pl_agreement_report_build_json (report, builder);
  root = json_builder_get_root (builder);
  object = json_node_get_object (root);
  codes = json_object_get_array_member (object, "codes");

  g_assert_cmpuint (json_array_get_length (codes), ==, report->rows->len);
  for (guint i = 0; i <= report->rows->len; i++)
    {
      JsonObject *entry = i == 0 ? json_object_get_object_member (object, "overall")
                                 : json_array_get_object_element (codes, i - 1);
      JsonObject *reasons = json_object_get_object_member (entry, "reasons");

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          gboolean null = json_object_get_null_member (entry, members[m]);

          g_assert_true (null == json_object_has_member (reasons, members[m]));
          if (null)
            g_assert_cmpstr (json_object_get_string_member (reasons, members[m]), !=, "");
        }
    }
}

/* Krippendorff (2004: 224), (2011: A): two coders, a code present or absent in ten
 * statements.  κ and π by hand: P_o .6, P_e (Cohen) .2 × .4 + .8 × .6 = .56, P_e (Scott)
 * .3² + .7² = .58. */
static void
test_binary (Fixture       *fixture,
             gconstpointer  data)
{
  const int first[] = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0 };
  const int second[] = { 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
  gint64 code = add_code (fixture, "X", 0);
  gint64 document = add_document (fixture, 10);
  gint64 coders[] = { fixture->coders[0], fixture->coders[1] };
  g_autoptr(PlAgreementReport) report = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_STATEMENT, ids (2, coders) };
  const PlAgreementRow *row;

  for (guint u = 0; u < 10; u++)
    {
      if (first[u])
        annotate_unit (fixture, document, coders[0], code, u);
      if (second[u])
        annotate_unit (fixture, document, coders[1], code, u);
    }

  report = compute (fixture, &spec);
  g_assert_cmpuint (report->n_units, ==, 10);
  g_assert_cmpuint (report->rows->len, ==, 1);
  row = &g_array_index (report->rows, PlAgreementRow, 0);
  g_assert_cmpstr (row->short_id, ==, "X");
  g_assert_cmpuint (row->n_units, ==, 10);
  assert_value (row->percent, 0.600);
  assert_value (row->krippendorff_alpha, 0.095);
  assert_value (row->cohen_kappa, 0.04 / 0.44);
  assert_value (row->scott_pi, 0.02 / 0.42);
  assert_value (row->fleiss_kappa, 0.02 / 0.42);
  assert_value (row->alpha_u, NAN);
  /* One code: the pooled row is the code's. */
  assert_value (report->overall.krippendorff_alpha, 0.095);
  assert_reasons (report);
  g_array_unref (spec.coder_ids);
}

/* A coder without any annotation in a document is missing for its units (not absent):
 * κ says it needs complete data, α counts what is there.  An annotation that spans two
 * units codes both; the gold layer is left out unless chosen. */
static void
test_missing_document (Fixture       *fixture,
                       gconstpointer  data)
{
  gint64 x = add_code (fixture, "X", 0);
  gint64 y = add_code (fixture, "Y", 0);
  gint64 first = add_document (fixture, 4);
  gint64 second = add_document (fixture, 4);
  g_autoptr(PlAgreementReport) report = NULL;
  g_autoptr(GError) error = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_STATEMENT };
  const PlAgreementRow *row;
  PlCoder *gold;

  /* A and B code both documents alike; C codes only the first. */
  for (guint c = 0; c < 3; c++)
    annotate_unit (fixture, first, fixture->coders[c], x, 0);
  annotate (fixture, second, fixture->coders[0], y, 5, 30);   /* units 0 and 1 */
  annotate (fixture, second, fixture->coders[1], y, 5, 30);
  gold = pl_project_ensure_coder (fixture->project, PL_GOLD_CODER_NAME, &error);
  g_assert_no_error (error);
  annotate_unit (fixture, second, gold->id, x, 3);

  report = compute (fixture, &spec);
  g_assert_cmpuint (report->coder_names->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (report->coder_names, 2), ==, "Coder C");
  g_assert_cmpuint (report->n_units, ==, 8);
  g_assert_cmpuint (report->rows->len, ==, 2);

  /* X: units 0–3 of the first document by three coders, 4–7 by two; all agree. */
  row = &g_array_index (report->rows, PlAgreementRow, 0);
  g_assert_cmpstr (row->short_id, ==, "X");
  g_assert_cmpuint (row->n_units, ==, 8);
  assert_value (row->percent, 1.0);
  assert_value (row->krippendorff_alpha, 1.0);
  assert_value (row->cohen_kappa, NAN);
  assert_value (row->fleiss_kappa, NAN);

  /* Y: A and B mark units 0 and 1 of the second document; C has no value there. */
  row = &g_array_index (report->rows, PlAgreementRow, 1);
  assert_value (row->percent, 1.0);
  assert_value (row->krippendorff_alpha, 1.0);
  assert_reasons (report);
  g_clear_pointer (&report, pl_agreement_report_free);

  /* Only A and B: complete data. */
  spec.coder_ids = ids (2, fixture->coders);
  report = compute (fixture, &spec);
  row = &g_array_index (report->rows, PlAgreementRow, 1);
  assert_value (row->cohen_kappa, 1.0);
  assert_value (row->fleiss_kappa, 1.0);
  g_clear_pointer (&spec.coder_ids, g_array_unref);
}

/* A code chosen with its descendants counts their annotations as its own. */
static void
test_descendants (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 parent = add_code (fixture, "P", 0);
  gint64 child = add_code (fixture, "P.1", parent);
  gint64 other = add_code (fixture, "P.2", parent);
  gint64 document = add_document (fixture, 3);
  g_autoptr(PlAgreementReport) report = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_STATEMENT, NULL, ids (1, &parent), TRUE };
  const PlAgreementRow *row;

  annotate_unit (fixture, document, fixture->coders[0], child, 1);
  annotate_unit (fixture, document, fixture->coders[1], other, 1);
  annotate_unit (fixture, document, fixture->coders[1], child, 2);

  report = compute (fixture, &spec);
  g_assert_cmpuint (report->rows->len, ==, 1);
  row = &g_array_index (report->rows, PlAgreementRow, 0);
  g_assert_cmpstr (row->short_id, ==, "P");
  assert_value (row->percent, 2.0 / 3.0);
  g_clear_pointer (&report, pl_agreement_report_free);

  /* Without descendants, P itself was never applied. */
  spec.with_descendants = FALSE;
  report = compute (fixture, &spec);
  row = &g_array_index (report->rows, PlAgreementRow, 0);
  assert_value (row->percent, 1.0);
  assert_value (row->krippendorff_alpha, NAN);
  assert_value (row->cohen_kappa, NAN);
  assert_reasons (report);
  g_array_unref (spec.code_ids);
}

/* Categories: the children of one code, one value per unit and coder. */
static void
code_categories (Fixture      *fixture,
                 gint64        document,
                 const gint64 *categories,
                 const int    *values,
                 guint         n_units,
                 guint         n_coders)
{
  for (guint u = 0; u < n_units; u++)
    for (guint c = 0; c < n_coders; c++)
      if (values[u * n_coders + c] >= 0)
        annotate_unit (fixture, document, fixture->coders[c], categories[values[u * n_coders + c]], u);
}

/* Krippendorff (2004: 227): two coders, three categories, twelve units. */
static void
test_category_nominal (Fixture       *fixture,
                       gconstpointer  data)
{
  enum { A, B, C };
  const int values[] = { A, A,  A, B,  B, B,  B, B,  B, B,  B, B,  B, C,  C, C,  C, C,  C, C,
                         C, C,  C, C };
  gint64 parent = add_code (fixture, "V", 0);
  gint64 categories[] = { add_code (fixture, "V.A", parent), add_code (fixture, "V.B", parent),
                          add_code (fixture, "V.C", parent) };
  gint64 document = add_document (fixture, 12);
  g_autoptr(PlAgreementReport) report = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_CATEGORY };

  spec.parent_code_id = parent;
  code_categories (fixture, document, categories, values, 12, 2);

  report = compute (fixture, &spec);
  g_assert_cmpint (report->unit, ==, PL_AGREEMENT_BY_CATEGORY);
  g_assert_cmpuint (report->n_units, ==, 12);
  assert_value (report->overall.percent, 0.833);
  assert_value (report->overall.krippendorff_alpha, 0.734);
  g_assert_cmpuint (report->rows->len, ==, 3);
  g_assert_cmpstr (g_array_index (report->rows, PlAgreementRow, 1).short_id, ==, "V.B");
  assert_reasons (report);
}

/* Krippendorff (2011: C): four coders, five categories, missing values — a unit a coder
 * gave no category is missing for that coder.  κ and Fleiss' κ need complete data. */
static void
test_category_missing (Fixture       *fixture,
                       gconstpointer  data)
{
  enum { BOOK, LETTER, PHONE, COMPUTER, FOLDER, M = -1 };
  const int values[] = {
    BOOK, BOOK, M, BOOK,
    LETTER, LETTER, PHONE, LETTER,
    PHONE, PHONE, PHONE, PHONE,
    PHONE, PHONE, PHONE, PHONE,
    LETTER, LETTER, LETTER, LETTER,
    BOOK, LETTER, PHONE, COMPUTER,
    COMPUTER, COMPUTER, COMPUTER, COMPUTER,
    BOOK, BOOK, LETTER, BOOK,
    LETTER, LETTER, LETTER, LETTER,
    M, FOLDER, FOLDER, FOLDER,
    M, M, BOOK, BOOK,
    M, M, PHONE, M,
  };
  gint64 parent = add_code (fixture, "MEDIUM", 0);
  gint64 categories[5];
  gint64 document = add_document (fixture, 12);
  g_autoptr(PlAgreementReport) report = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_CATEGORY };

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("MEDIUM.%u", i + 1);

      categories[i] = add_code (fixture, id, parent);
    }
  spec.parent_code_id = parent;
  code_categories (fixture, document, categories, values, 12, 4);

  report = compute (fixture, &spec);
  g_assert_cmpuint (report->n_units, ==, 11);
  assert_value (report->overall.krippendorff_alpha, 0.743);
  assert_value (report->overall.percent, 0.800);
  assert_value (report->overall.cohen_kappa, NAN);
  assert_value (report->overall.fleiss_kappa, NAN);
  for (guint i = 0; i < report->rows->len; i++)
    assert_value (g_array_index (report->rows, PlAgreementRow, i).fleiss_kappa, NAN);
  assert_reasons (report);
}

/* Fleiss (1971), Table 1: six coders, five diagnoses, thirty units; κ = .430 and the κ_j
 * of each category. */
static void
test_category_fleiss (Fixture       *fixture,
                      gconstpointer  data)
{
  static const int table[30][6] = {
    { 4, 4, 4, 4, 4, 4 }, { 2, 2, 2, 5, 5, 5 }, { 2, 3, 3, 3, 3, 5 }, { 5, 5, 5, 5, 5, 5 },
    { 2, 2, 2, 4, 4, 4 }, { 1, 1, 3, 3, 3, 3 }, { 3, 3, 3, 3, 5, 5 }, { 1, 1, 3, 3, 3, 4 },
    { 1, 1, 4, 4, 4, 4 }, { 5, 5, 5, 5, 5, 5 }, { 1, 4, 4, 4, 4, 4 }, { 1, 2, 4, 4, 4, 4 },
    { 2, 2, 2, 3, 3, 3 }, { 1, 4, 4, 4, 4, 4 }, { 2, 2, 4, 4, 4, 5 }, { 3, 3, 3, 3, 3, 5 },
    { 1, 1, 1, 4, 5, 5 }, { 1, 1, 1, 1, 1, 2 }, { 2, 2, 4, 4, 4, 4 }, { 1, 3, 3, 5, 5, 5 },
    { 5, 5, 5, 5, 5, 5 }, { 2, 4, 4, 4, 4, 4 }, { 2, 2, 4, 5, 5, 5 }, { 1, 1, 4, 4, 4, 4 },
    { 1, 4, 4, 4, 4, 5 }, { 2, 2, 2, 2, 2, 4 }, { 1, 1, 1, 1, 5, 5 }, { 2, 2, 4, 4, 4, 4 },
    { 1, 3, 3, 3, 3, 3 }, { 5, 5, 5, 5, 5, 5 },
  };
  const double kappa_j[] = { 0.245, 0.245, 0.520, 0.471, 0.566 };
  gint64 parent = add_code (fixture, "DX", 0);
  gint64 categories[5];
  gint64 document = add_document (fixture, 30);
  g_autoptr(PlAgreementReport) report = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_CATEGORY };
  int values[30 * 6];

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("DX.%u", i + 1);

      categories[i] = add_code (fixture, id, parent);
    }
  for (guint u = 0; u < 30; u++)
    for (guint r = 0; r < 6; r++)
      values[u * 6 + r] = table[u][r] - 1;
  spec.parent_code_id = parent;
  code_categories (fixture, document, categories, values, 30, 6);

  report = compute (fixture, &spec);
  g_assert_cmpuint (report->coder_names->len, ==, 6);
  assert_value (report->overall.fleiss_kappa, 0.430);
  assert_value (report->overall.cohen_kappa, NAN);
  g_assert_cmpuint (report->rows->len, ==, 5);
  for (guint j = 0; j < 5; j++)
    assert_value (g_array_index (report->rows, PlAgreementRow, j).fleiss_kappa, kappa_j[j]);
  assert_reasons (report);
}

/* Krippendorff (2004: 254): one unit [150, 450) of a document, two codes; α_cU = .729,
 * α_kU = 1, both .859.  Only α_U is defined by span. */
static void
test_span (Fixture       *fixture,
           gconstpointer  data)
{
  const guint c[][3] = { { 0, 225, 295 }, { 0, 370, 400 }, { 1, 220, 300 }, { 1, 355, 375 },
                         { 1, 400, 420 } };
  const guint k[][3] = { { 0, 180, 240 }, { 0, 300, 350 }, { 1, 180, 240 }, { 1, 300, 350 } };
  gint64 code_c = add_code (fixture, "C", 0);
  gint64 code_k = add_code (fixture, "K", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectBulk) bulk = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
  g_autoptr(PlAgreementReport) report = NULL;
  g_autofree char *text = g_strnfill (450, 'x');
  PlAgreementSpec spec = { PL_AGREEMENT_BY_SPAN };
  PlStatement *front = pl_statement_new (), *unit = pl_statement_new ();
  PlBulkResult result;

  front->start = 0;
  front->end = 150;
  front->kind = PL_STATEMENT_KIND_FRONT_MATTER;
  unit->start = 150;
  unit->end = 450;
  unit->kind = PL_STATEMENT_KIND_STATEMENT;
  g_ptr_array_add (statements, front);
  g_ptr_array_add (statements, unit);
  bulk = pl_project_bulk_begin (fixture->project, &error);
  g_assert_true (pl_project_bulk_add_document (bulk, &(PlBulkDocument) { .guid = "d", .title = "d",
                                                 .text = text, .statements = statements },
                                               &result, &error));
  g_assert_true (pl_project_bulk_commit (bulk, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (c); i++)
    annotate (fixture, result.id, fixture->coders[c[i][0]], code_c, c[i][1], c[i][2]);
  for (guint i = 0; i < G_N_ELEMENTS (k); i++)
    annotate (fixture, result.id, fixture->coders[k[i][0]], code_k, k[i][1], k[i][2]);
  /* An overlapping span of the same coder and code is merged into the other first. */
  annotate (fixture, result.id, fixture->coders[0], code_c, 230, 290);

  report = compute (fixture, &spec);
  g_assert_cmpuint (report->n_units, ==, 1);
  g_assert_cmpuint (report->rows->len, ==, 2);
  assert_value (g_array_index (report->rows, PlAgreementRow, 0).alpha_u, 0.729);
  g_assert_cmpuint (g_array_index (report->rows, PlAgreementRow, 0).n_units, ==, 5);
  assert_value (g_array_index (report->rows, PlAgreementRow, 1).alpha_u, 1.0);
  assert_value (report->overall.alpha_u, 0.859);
  assert_value (report->overall.krippendorff_alpha, NAN);
  assert_value (g_array_index (report->rows, PlAgreementRow, 0).percent, NAN);
  assert_reasons (report);
}

/* By span, a document not every coder coded is left out of the continuum. */
static void
test_span_left_out (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 code = add_code (fixture, "X", 0);
  gint64 first = add_document (fixture, 2);
  gint64 second = add_document (fixture, 2);
  g_autoptr(PlAgreementReport) report = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_SPAN, ids (2, fixture->coders) };

  annotate (fixture, first, fixture->coders[0], code, 2, 10);
  annotate (fixture, first, fixture->coders[1], code, 2, 10);
  annotate (fixture, second, fixture->coders[0], code, 2, 10);

  report = compute (fixture, &spec);
  g_assert_cmpuint (report->n_left_out, ==, 1);
  g_assert_cmpuint (report->n_units, ==, 2);
  assert_value (g_array_index (report->rows, PlAgreementRow, 0).alpha_u, 1.0);
  g_array_unref (spec.coder_ids);
}

/* Refusals: one coder; an unknown code. */
static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 code = add_code (fixture, "X", 0);
  gint64 document = add_document (fixture, 2);
  gint64 missing = 9999;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProjectReader) reader = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_STATEMENT };

  annotate_unit (fixture, document, fixture->coders[0], code, 0);
  reader = pl_project_reader_new_for_project (fixture->project, &error);
  g_assert_null (pl_agreement_report_compute (reader, &spec, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  spec.coder_ids = ids (2, fixture->coders);
  spec.code_ids = ids (1, &missing);
  g_assert_null (pl_agreement_report_compute (reader, &spec, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_array_unref (spec.coder_ids);
  g_array_unref (spec.code_ids);
}

/* The table as CSV and HTML, with the reasons. */
static void
test_reports (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 code = add_code (fixture, "X,\"Y\"", 0);
  gint64 document = add_document (fixture, 4);
  g_autoptr(PlAgreementReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (fixture->dir, "agreement.csv", NULL);
  g_autofree char *html_path = g_build_filename (fixture->dir, "agreement.html", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(GFile) html = g_file_new_for_path (html_path);
  g_autofree char *contents = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_STATEMENT, ids (2, fixture->coders) };

  annotate_unit (fixture, document, fixture->coders[0], code, 0);
  annotate_unit (fixture, document, fixture->coders[1], code, 0);
  annotate_unit (fixture, document, fixture->coders[1], code, 1);
  report = compute (fixture, &spec);

  g_assert_true (pl_agreement_report_write (report, PL_AGREEMENT_FORMAT_CSV, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "code,name,units,percent,cohen_kappa,scott_pi,"
                                             "fleiss_kappa,krippendorff_alpha,alpha_u,notes\r\n"));
  g_assert_nonnull (strstr (contents, "\"X,\"\"Y\"\"\",\"X,\"\"Y\"\"\",4,0.750000,"));
  g_assert_nonnull (strstr (contents, "alpha_u: "));
  g_clear_pointer (&contents, g_free);

  g_assert_true (pl_agreement_report_write (report, PL_AGREEMENT_FORMAT_HTML, html, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (html_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (contents, "X,&quot;Y&quot;"));
  g_assert_nonnull (strstr (contents, "<td class=\"n\">0.750</td>"));
  g_assert_nonnull (strstr (contents, "<li>"));
  g_array_unref (spec.coder_ids);
}

/* Computed in a worker thread, on a connection of its own. */
static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  PlAgreementReport **out = data;
  g_autoptr(GError) error = NULL;

  *out = pl_agreement_report_compute_finish (PL_PROJECT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 code = add_code (fixture, "X", 0);
  gint64 document = add_document (fixture, 3);
  PlAgreementReport *report = NULL;
  PlAgreementSpec spec = { PL_AGREEMENT_BY_STATEMENT };

  annotate_unit (fixture, document, fixture->coders[0], code, 0);
  annotate_unit (fixture, document, fixture->coders[1], code, 0);
  pl_agreement_report_compute_async (fixture->project, &spec, NULL, on_computed, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_value (report->overall.percent, 1.0);
  pl_agreement_report_free (report);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/project-agreement/statement/krippendorff-2004-binary", test_binary);
  ADD ("/project-agreement/statement/missing-document", test_missing_document);
  ADD ("/project-agreement/statement/descendants", test_descendants);
  ADD ("/project-agreement/category/krippendorff-2004-nominal", test_category_nominal);
  ADD ("/project-agreement/category/krippendorff-2011-missing", test_category_missing);
  ADD ("/project-agreement/category/fleiss-1971", test_category_fleiss);
  ADD ("/project-agreement/span/krippendorff-2004", test_span);
  ADD ("/project-agreement/span/left-out", test_span_left_out);
  ADD ("/project-agreement/refusals", test_refusals);
  ADD ("/project-agreement/reports", test_reports);
  ADD ("/project-agreement/async", test_async);
#undef ADD

  return g_test_run ();
}
