/* pl-agreement.h — reliability coefficients, computed as the literature defines them
 *
 * Coding data: @n_units units (statements), @n_coders coders, each unit coded by each
 * coder with one of @n_categories nominal values, or PL_AGREEMENT_MISSING.
 *
 * - Percent agreement: Krippendorff's observed agreement A_o = 1 − D_o, the share of
 *   agreeing pairs among the pairable values, each unit's pairs weighted 1/(m_u − 1)
 *   (Krippendorff 2004, ch. 11).  With two coders and no missing value it is the share of
 *   units they coded alike.
 * - Cohen's κ (Cohen 1960) and Scott's π (Scott 1955): two coders, complete data.
 * - Fleiss' κ (Fleiss 1971): any number of coders, every unit coded by all of them; with
 *   the per-category κ_j of the same paper.
 * - Krippendorff's α, nominal (Krippendorff 2004; 2011, "Computing Krippendorff's
 *   Alpha-Reliability"): any number of coders, missing values allowed; units with fewer
 *   than two values are not pairable and left out.
 * - Krippendorff's unitized α_U (Krippendorff 1995; 2004, section 12.4) on spans of a
 *   continuum: pl_agreement_alpha_u().
 *
 * A coefficient that the data cannot define (one coder, a single category in use so that
 * expected disagreement is zero, missing values where the coefficient needs complete data)
 * is NAN with a reason, never a made-up number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PL_AGREEMENT_MISSING (-1)

typedef struct
{
  guint      n_units;
  guint      n_coders;
  guint      n_categories;
  const int *values;         /* n_units × n_coders, unit-major: values[u * n_coders + c] */
} PlCodingData;

typedef struct
{
  double      value;         /* NAN when undefined */
  const char *reason;        /* why it is undefined (translated, static), else NULL */
} PlCoefficient;

typedef struct
{
  guint         n_units;     /* units with at least two values (pairable) */
  guint         n_values;    /* pairable values */
  PlCoefficient percent;
  PlCoefficient cohen_kappa;
  PlCoefficient scott_pi;
  PlCoefficient fleiss_kappa;
  PlCoefficient krippendorff_alpha;
  /* Fleiss' κ_j of each category (n_categories items), or NULL when κ is undefined
   * for lack of complete data. */
  PlCoefficient *fleiss_kappa_j;
} PlAgreement;

/* Computes every coefficient of @data into @out (clear it with pl_agreement_clear()). */
void           pl_agreement_compute   (const PlCodingData *data,
                                       PlAgreement        *out);
void           pl_agreement_clear     (PlAgreement        *agreement);

/* Spans for α_U: each coder's units of one category on a continuum [begin, begin +
 * length).  A coder's units must not overlap each other (merge them first); they need not
 * be sorted. */
typedef struct
{
  guint   coder;             /* 0 … n_coders − 1 */
  gint64  start;             /* end-exclusive */
  gint64  end;
} PlSpan;

typedef struct
{
  double        observed;    /* D_o */
  double        expected;    /* D_e */
  PlCoefficient alpha;       /* 1 − D_o / D_e */
  guint         n_spans;
} PlUnitizedAgreement;

/* Krippendorff's α_U of one category: @n_spans spans of @n_coders coders on the continuum
 * [@begin, @begin + @length). */
void           pl_agreement_alpha_u   (const PlSpan        *spans,
                                       gsize                n_spans,
                                       guint                n_coders,
                                       gint64               begin,
                                       gint64               length,
                                       PlUnitizedAgreement *out);

/* α_U over several categories: 1 − ΣD_o / ΣD_e (Krippendorff 2004: the disagreements of
 * all categories together). */
PlCoefficient  pl_agreement_alpha_u_pooled (const PlUnitizedAgreement *categories,
                                            gsize                      n_categories);

/* Merges overlapping or touching spans of the same coder in place; returns the new count. */
gsize          pl_agreement_merge_spans    (PlSpan *spans,
                                            gsize   n_spans);

G_END_DECLS
