/* test-agreement.c — the reliability coefficients against the published worked examples
 *
 * Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed.,
 *   pp. 224–246 (coding) and 251–256 (unitizing).
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
 * Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
 *   Psychological Bulletin 76(5), 378–382, Table 1 (30 patients, 6 psychiatrists).
 * Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
 *   Methodology 25, 47–76.
 *
 * Each figure is compared to three decimals, as printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pl-agreement.h"

#define M PL_AGREEMENT_MISSING

static void
assert_coefficient (PlCoefficient coefficient,
                    double        expected)
{
  g_assert_null (coefficient.reason);
  g_assert_false (isnan (coefficient.value));
  g_assert_cmpfloat_with_epsilon (coefficient.value, expected, 0.0005);
}

static void
assert_undefined (PlCoefficient coefficient)
{
  g_assert_true (isnan (coefficient.value));
  g_assert_nonnull (coefficient.reason);
}

/* Krippendorff (2004: 224), (2011: A): two coders, binary, ten units. */
static void
test_binary_two_coders (void)
{
  const int values[] = { 1, 0,  1, 1,  0, 1,  0, 0,  0, 0,  0, 1,  0, 0,  0, 1,  0, 0,  0, 0 };
  PlCodingData data = { 10, 2, 2, values };
  PlAgreement agreement;

  pl_agreement_compute (&data, &agreement);
  assert_coefficient (agreement.percent, 0.600);
  assert_coefficient (agreement.krippendorff_alpha, 0.095);
  g_assert_cmpuint (agreement.n_units, ==, 10);
  g_assert_cmpuint (agreement.n_values, ==, 20);
  pl_agreement_clear (&agreement);
}

/* Krippendorff (2004: 227): two coders, three nominal values, twelve units. */
static void
test_nominal_two_coders (void)
{
  enum { A, B, C };
  const int values[] = { A, A,  A, B,  B, B,  B, B,  B, B,  B, B,  B, C,  C, C,  C, C,  C, C,
                         C, C,  C, C };
  PlCodingData data = { 12, 2, 3, values };
  PlAgreement agreement;

  pl_agreement_compute (&data, &agreement);
  assert_coefficient (agreement.percent, 0.833);
  assert_coefficient (agreement.krippendorff_alpha, 0.734);
  pl_agreement_clear (&agreement);
}

/* Krippendorff (2004: 230), (2011: C): four coders, five values, missing data.  κ, π and
 * Fleiss' κ need complete data and say so. */
static void
test_nominal_missing (void)
{
  enum { BOOK, LETTER, PHONE, COMPUTER, FOLDER };
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
  PlCodingData data = { 12, 4, 5, values };
  PlAgreement agreement;

  pl_agreement_compute (&data, &agreement);
  assert_coefficient (agreement.krippendorff_alpha, 0.743);
  assert_coefficient (agreement.percent, 0.800);
  g_assert_cmpuint (agreement.n_units, ==, 11);   /* the last unit has one value */
  g_assert_cmpuint (agreement.n_values, ==, 40);
  assert_undefined (agreement.cohen_kappa);
  assert_undefined (agreement.scott_pi);
  assert_undefined (agreement.fleiss_kappa);
  g_assert_null (agreement.fleiss_kappa_j);
  pl_agreement_clear (&agreement);
}

static int *
repeat_pairs (const int (*cells)[3],
              guint      n_cells,
              guint     *out_units)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < n_cells; i++)
    for (int k = 0; k < cells[i][2]; k++)
      {
        g_array_append_val (values, cells[i][0]);
        g_array_append_val (values, cells[i][1]);
      }
  *out_units = values->len / 2;
  return (int *) g_array_free (values, FALSE);
}

/* Krippendorff (2004: 246): two tables with the same agreement and the same marginal sums
 * but different distributions of the coders' preferences: π is the same, κ rewards the
 * coders who disagree systematically. */
static void
test_kappa_versus_pi (void)
{
  const int even[][3] = { { 0, 0, 12 }, { 0, 1, 9 }, { 0, 2, 9 }, { 1, 0, 9 }, { 1, 1, 14 },
                          { 1, 2, 9 }, { 2, 0, 9 }, { 2, 1, 9 }, { 2, 2, 20 } };
  const int skewed[][3] = { { 0, 0, 12 }, { 0, 1, 18 }, { 0, 2, 18 }, { 1, 1, 14 },
                            { 1, 2, 18 }, { 2, 2, 20 } };
  g_autofree int *first = NULL;
  g_autofree int *second = NULL;
  PlCodingData data = { 0, 2, 3, NULL };
  PlAgreement agreement;

  first = repeat_pairs (even, G_N_ELEMENTS (even), &data.n_units);
  data.values = first;
  pl_agreement_compute (&data, &agreement);
  assert_coefficient (agreement.percent, 0.460);
  assert_coefficient (agreement.scott_pi, 0.186);
  assert_coefficient (agreement.cohen_kappa, 0.186);
  pl_agreement_clear (&agreement);

  second = repeat_pairs (skewed, G_N_ELEMENTS (skewed), &data.n_units);
  data.values = second;
  pl_agreement_compute (&data, &agreement);
  assert_coefficient (agreement.percent, 0.460);
  assert_coefficient (agreement.scott_pi, 0.186);
  assert_coefficient (agreement.cohen_kappa, 0.258);
  pl_agreement_clear (&agreement);
}

/* Fleiss (1971), Table 1: 30 patients, 6 raters, 5 diagnoses (1 depression, 2 personality
 * disorder, 3 schizophrenia, 4 neurosis, 5 other); κ = .430 and κ_j = .245, .245, .520,
 * .471, .566. */
static void
test_fleiss_1971 (void)
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
  int values[30 * 6];
  PlCodingData data = { 30, 6, 5, values };
  PlAgreement agreement;

  for (guint u = 0; u < 30; u++)
    for (guint r = 0; r < 6; r++)
      values[u * 6 + r] = table[u][r] - 1;

  pl_agreement_compute (&data, &agreement);
  assert_coefficient (agreement.fleiss_kappa, 0.430);
  g_assert_nonnull (agreement.fleiss_kappa_j);
  for (guint j = 0; j < 5; j++)
    assert_coefficient (agreement.fleiss_kappa_j[j], kappa_j[j]);
  /* Six raters: Cohen's κ and Scott's π are for two. */
  assert_undefined (agreement.cohen_kappa);
  assert_undefined (agreement.scott_pi);
  pl_agreement_clear (&agreement);
}

/* Undefined is said, not invented: one coder; everyone used one category. */
static void
test_undefined (void)
{
  const int one_coder[] = { 0, 1, 0 };
  const int one_category[] = { 1, 1,  1, 1,  1, 1 };
  PlCodingData data = { 3, 1, 2, one_coder };
  PlAgreement agreement;

  pl_agreement_compute (&data, &agreement);
  assert_undefined (agreement.krippendorff_alpha);
  assert_undefined (agreement.percent);
  pl_agreement_clear (&agreement);

  data = (PlCodingData) { 3, 2, 2, one_category };
  pl_agreement_compute (&data, &agreement);
  assert_coefficient (agreement.percent, 1.0);
  assert_undefined (agreement.krippendorff_alpha);
  assert_undefined (agreement.cohen_kappa);
  assert_undefined (agreement.scott_pi);
  assert_undefined (agreement.fleiss_kappa);
  assert_undefined (agreement.fleiss_kappa_j[0]);
  pl_agreement_clear (&agreement);
}

/* Krippendorff (2004: 254): two coders on the continuum [150, 450), categories c and k;
 * α_cU = .7286 (D_o .0144, D_e .0532), α_kU = 1, and .8591 for both together. */
static void
test_unitized_2004 (void)
{
  const PlSpan c[] = { { 0, 225, 295 }, { 0, 370, 400 }, { 1, 220, 300 }, { 1, 355, 375 },
                       { 1, 400, 420 } };
  const PlSpan k[] = { { 0, 180, 240 }, { 0, 300, 350 }, { 1, 180, 240 }, { 1, 300, 350 } };
  PlUnitizedAgreement both[2];

  pl_agreement_alpha_u (c, G_N_ELEMENTS (c), 2, 150, 300, &both[0]);
  g_assert_cmpfloat_with_epsilon (both[0].observed, 0.0144, 0.00005);
  g_assert_cmpfloat_with_epsilon (both[0].expected, 0.0532, 0.00005);
  assert_coefficient (both[0].alpha, 0.729);
  g_assert_cmpuint (both[0].n_spans, ==, 5);

  pl_agreement_alpha_u (k, G_N_ELEMENTS (k), 2, 150, 300, &both[1]);
  g_assert_cmpfloat (both[1].observed, ==, 0.0);
  g_assert_cmpfloat_with_epsilon (both[1].expected, 0.0490, 0.00005);
  assert_coefficient (both[1].alpha, 1.0);

  assert_coefficient (pl_agreement_alpha_u_pooled (both, 2), 0.859);
}

/* Krippendorff (1995: 57), observed disagreements of the four pairs of coders (the
 * continuum of 24 sections): A .03125, B 2.26736 … as the paper's D_o; these do not
 * depend on the expected-disagreement formula that the 2004 book corrected. */
static void
test_unitized_1995_observed (void)
{
  const PlSpan a[] = { { 0, 2, 10 }, { 0, 14, 20 }, { 1, 4, 8 }, { 1, 15, 17 } };
  const PlSpan c[] = { { 0, 2, 8 }, { 0, 10, 12 }, { 0, 14, 18 }, { 0, 20, 22 },
                       { 1, 0, 2 }, { 1, 4, 8 }, { 1, 10, 14 }, { 1, 16, 18 }, { 1, 20, 22 } };
  PlUnitizedAgreement agreement;

  pl_agreement_alpha_u (a, G_N_ELEMENTS (a), 2, 0, 24, &agreement);
  g_assert_cmpfloat_with_epsilon (agreement.observed, 0.03125, 0.000005);
  pl_agreement_alpha_u (c, G_N_ELEMENTS (c), 2, 0, 24, &agreement);
  g_assert_cmpfloat_with_epsilon (agreement.observed, 0.02777, 0.00001);
}

/* Identical spans agree fully; a coder who marked nothing gives α_U undefined for lack of
 * units only when nobody marked any. */
static void
test_unitized_edges (void)
{
  const PlSpan same[] = { { 0, 10, 20 }, { 1, 10, 20 }, { 0, 40, 45 }, { 1, 40, 45 } };
  PlSpan overlapping[] = { { 0, 10, 20 }, { 0, 15, 30 }, { 0, 30, 31 }, { 1, 50, 60 } };
  PlUnitizedAgreement agreement;

  pl_agreement_alpha_u (same, G_N_ELEMENTS (same), 2, 0, 100, &agreement);
  assert_coefficient (agreement.alpha, 1.0);

  pl_agreement_alpha_u (NULL, 0, 2, 0, 100, &agreement);
  assert_undefined (agreement.alpha);

  g_assert_cmpuint (pl_agreement_merge_spans (overlapping, G_N_ELEMENTS (overlapping)), ==, 2);
  g_assert_cmpint (overlapping[0].start, ==, 10);
  g_assert_cmpint (overlapping[0].end, ==, 31);
  g_assert_cmpint (overlapping[1].coder, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/krippendorff-2004/binary", test_binary_two_coders);
  g_test_add_func ("/agreement/krippendorff-2004/nominal", test_nominal_two_coders);
  g_test_add_func ("/agreement/krippendorff-2004/missing", test_nominal_missing);
  g_test_add_func ("/agreement/krippendorff-2004/kappa-versus-pi", test_kappa_versus_pi);
  g_test_add_func ("/agreement/fleiss-1971", test_fleiss_1971);
  g_test_add_func ("/agreement/undefined", test_undefined);
  g_test_add_func ("/agreement/unitized/krippendorff-2004", test_unitized_2004);
  g_test_add_func ("/agreement/unitized/krippendorff-1995-observed", test_unitized_1995_observed);
  g_test_add_func ("/agreement/unitized/edges", test_unitized_edges);

  return g_test_run ();
}
