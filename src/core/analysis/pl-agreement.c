/* pl-agreement.c — reliability coefficients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-agreement"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-agreement.h"

static PlCoefficient
defined (double value)
{
  PlCoefficient coefficient = { value, NULL };

  return coefficient;
}

static PlCoefficient
undefined (const char *reason)
{
  PlCoefficient coefficient = { NAN, reason };

  return coefficient;
}

static int
value_at (const PlCodingData *data,
          guint               unit,
          guint               coder)
{
  int value = data->values[(gsize) unit * data->n_coders + coder];

  return value >= 0 && (guint) value < data->n_categories ? value : PL_AGREEMENT_MISSING;
}

/* Chance-corrected agreement (P_o − P_e) / (1 − P_e), undefined when P_e is 1. */
static PlCoefficient
chance_corrected (double observed,
                  double expected)
{
  if (expected >= 1.0 - 1e-12)
    return undefined (_("every value is in one category, so chance agreement is total"));
  return defined ((observed - expected) / (1.0 - expected));
}

/* Krippendorff's α and A_o from the coincidence matrix. */
static void
compute_krippendorff (const PlCodingData *data,
                      PlAgreement        *out)
{
  guint k = data->n_categories;
  g_autofree double *coincidences = g_new0 (double, (gsize) k * k);
  g_autofree double *marginals = g_new0 (double, k);
  g_autofree guint *counts = g_new0 (guint, k);
  double n = 0, disagreeing = 0, expected = 0;

  for (guint u = 0; u < data->n_units; u++)
    {
      guint m = 0;

      memset (counts, 0, sizeof (guint) * k);
      for (guint c = 0; c < data->n_coders; c++)
        {
          int value = value_at (data, u, c);

          if (value != PL_AGREEMENT_MISSING)
            {
              counts[value]++;
              m++;
            }
        }
      if (m < 2)
        continue;

      out->n_units++;
      out->n_values += m;
      for (guint a = 0; a < k; a++)
        for (guint b = 0; b < k; b++)
          if (counts[a] > 0 && counts[b] > 0)
            coincidences[a * k + b] += (double) counts[a] * (a == b ? counts[b] - 1.0 : counts[b]) / (m - 1.0);
    }

  for (guint a = 0; a < k; a++)
    for (guint b = 0; b < k; b++)
      {
        marginals[a] += coincidences[a * k + b];
        if (a != b)
          disagreeing += coincidences[a * k + b];
      }
  for (guint a = 0; a < k; a++)
    n += marginals[a];

  if (n < 2)
    {
      out->percent = undefined (_("no unit was coded by two coders"));
      out->krippendorff_alpha = out->percent;
      return;
    }

  out->percent = defined (1.0 - disagreeing / n);
  for (guint a = 0; a < k; a++)
    for (guint b = 0; b < k; b++)
      if (a != b)
        expected += marginals[a] * marginals[b];
  if (expected <= 0)
    {
      out->krippendorff_alpha = undefined (_("only one category was used, so there is no "
                                             "variation to agree on"));
      return;
    }
  /* α = 1 − D_o / D_e with D_o = Σ o_ck / n and D_e = Σ n_c n_k / (n (n − 1)). */
  out->krippendorff_alpha = defined (1.0 - (n - 1.0) * disagreeing / expected);
}

static gboolean
is_complete (const PlCodingData *data)
{
  for (guint u = 0; u < data->n_units; u++)
    for (guint c = 0; c < data->n_coders; c++)
      if (value_at (data, u, c) == PL_AGREEMENT_MISSING)
        return FALSE;
  return TRUE;
}

static void
compute_two_coders (const PlCodingData *data,
                    PlAgreement        *out)
{
  guint k = data->n_categories;
  g_autofree double *first = g_new0 (double, k);
  g_autofree double *second = g_new0 (double, k);
  double agree = 0, pe_cohen = 0, pe_scott = 0;
  double n = data->n_units;

  for (guint u = 0; u < data->n_units; u++)
    {
      int a = value_at (data, u, 0);
      int b = value_at (data, u, 1);

      first[a] += 1;
      second[b] += 1;
      if (a == b)
        agree += 1;
    }
  for (guint c = 0; c < k; c++)
    {
      double joint = (first[c] + second[c]) / (2 * n);

      pe_cohen += (first[c] / n) * (second[c] / n);
      pe_scott += joint * joint;
    }
  out->cohen_kappa = chance_corrected (agree / n, pe_cohen);
  out->scott_pi = chance_corrected (agree / n, pe_scott);
}

/* Fleiss (1971): P̄ = mean of P_i = Σ_j n_ij (n_ij − 1) / (m (m − 1)); P̄_e = Σ_j p_j²;
 * κ_j = 1 − Σ_i n_ij (m − n_ij) / (N m (m − 1) p_j q_j). */
static void
compute_fleiss (const PlCodingData *data,
                PlAgreement        *out)
{
  guint k = data->n_categories;
  double m = data->n_coders;
  double big_n = data->n_units;
  g_autofree double *totals = g_new0 (double, k);
  g_autofree double *spread = g_new0 (double, k);
  g_autofree guint *counts = g_new0 (guint, k);
  double p_bar = 0, p_e = 0;

  for (guint u = 0; u < data->n_units; u++)
    {
      double agreeing = 0;

      memset (counts, 0, sizeof (guint) * k);
      for (guint c = 0; c < data->n_coders; c++)
        counts[value_at (data, u, c)]++;
      for (guint j = 0; j < k; j++)
        {
          agreeing += (double) counts[j] * (counts[j] - 1.0);
          totals[j] += counts[j];
          spread[j] += (double) counts[j] * (m - counts[j]);
        }
      p_bar += agreeing / (m * (m - 1));
    }
  p_bar /= big_n;

  out->fleiss_kappa_j = g_new0 (PlCoefficient, k);
  for (guint j = 0; j < k; j++)
    {
      double p = totals[j] / (big_n * m);

      p_e += p * p;
      if (p <= 0 || p >= 1)
        out->fleiss_kappa_j[j] = undefined (p <= 0 ? _("no coder used this category")
                                                   : _("every value is in this category"));
      else
        out->fleiss_kappa_j[j] = defined (1.0 - spread[j] / (big_n * m * (m - 1) * p * (1 - p)));
    }
  out->fleiss_kappa = chance_corrected (p_bar, p_e);
}

void
pl_agreement_compute (const PlCodingData *data,
                      PlAgreement        *out)
{
  g_return_if_fail (data != NULL && out != NULL);
  g_return_if_fail (data->values != NULL || data->n_units == 0 || data->n_coders == 0);

  memset (out, 0, sizeof *out);
  out->percent = out->cohen_kappa = out->scott_pi = out->fleiss_kappa =
    out->krippendorff_alpha = undefined (_("agreement needs at least two coders"));
  if (data->n_coders < 2)
    return;
  if (data->n_units == 0 || data->n_categories == 0)
    {
      out->percent = out->cohen_kappa = out->scott_pi = out->fleiss_kappa =
        out->krippendorff_alpha = undefined (_("there is nothing to compare"));
      return;
    }

  compute_krippendorff (data, out);

  if (!is_complete (data))
    {
      const char *reason = _("a coder left units uncoded; this coefficient needs every unit "
                             "coded by every coder (Krippendorff's α does not)");

      out->cohen_kappa = out->scott_pi = out->fleiss_kappa = undefined (reason);
      return;
    }

  if (data->n_coders == 2)
    compute_two_coders (data, out);
  else
    out->cohen_kappa = out->scott_pi = undefined (_("this coefficient compares two coders; "
                                                    "see Fleiss' κ for more"));
  compute_fleiss (data, out);
}

void
pl_agreement_clear (PlAgreement *agreement)
{
  g_return_if_fail (agreement != NULL);
  g_clear_pointer (&agreement->fleiss_kappa_j, g_free);
}

/* α_U */

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const PlSpan *x = a, *y = b;

  if (x->coder != y->coder)
    return x->coder < y->coder ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

gsize
pl_agreement_merge_spans (PlSpan *spans,
                          gsize   n_spans)
{
  gsize kept = 0;

  g_return_val_if_fail (spans != NULL || n_spans == 0, 0);

  if (n_spans == 0)
    return 0;
  qsort (spans, n_spans, sizeof (PlSpan), compare_spans);
  for (gsize i = 0; i < n_spans; i++)
    {
      if (spans[i].end <= spans[i].start)
        continue;
      if (kept > 0 && spans[kept - 1].coder == spans[i].coder && spans[i].start <= spans[kept - 1].end)
        spans[kept - 1].end = MAX (spans[kept - 1].end, spans[i].end);
      else
        spans[kept++] = spans[i];
    }
  return kept;
}

/* One section of a coder's continuum: a unit of the category, or a gap. */
typedef struct
{
  gint64   start;
  gint64   length;
  gboolean unit;
} Section;

/* A coder's continuum as sections, units and the gaps between them. */
static GArray *
sections_of (const PlSpan *spans,
             gsize         n_spans,
             gint64        begin,
             gint64        length)
{
  GArray *sections = g_array_new (FALSE, FALSE, sizeof (Section));
  gint64 end = begin + length;
  gint64 position = begin;

  for (gsize i = 0; i < n_spans; i++)
    {
      gint64 start = CLAMP (spans[i].start, begin, end);
      gint64 stop = CLAMP (spans[i].end, begin, end);
      Section section;

      if (stop <= start)
        continue;
      if (start > position)
        {
          section = (Section) { position, start - position, FALSE };
          g_array_append_val (sections, section);
        }
      section = (Section) { start, stop - start, TRUE };
      g_array_append_val (sections, section);
      position = stop;
    }
  if (position < end)
    {
      Section section = { position, end - position, FALSE };
      g_array_append_val (sections, section);
    }
  return sections;
}

/* δ² of two sections of different coders (Krippendorff 2004: 252): two overlapping units
 * differ by the squares of their begins' and ends' distances; a unit inside the other
 * coder's gap counts its length squared; everything else agrees. */
static double
distance (const Section *g,
          const Section *h)
{
  double begins = (double) (g->start - h->start);
  double ends = (double) ((g->start + g->length) - (h->start + h->length));

  if (g->unit && h->unit && g->start < h->start + h->length && h->start < g->start + g->length)
    return begins * begins + ends * ends;
  if (g->unit && !h->unit && h->start <= g->start && g->start + g->length <= h->start + h->length)
    return (double) g->length * g->length;
  if (!g->unit && h->unit && g->start <= h->start && h->start + h->length <= g->start + g->length)
    return (double) h->length * h->length;
  return 0.0;
}

/* Σ δ² over the overlapping sections of two coders, in one sweep. */
static double
observed_pair (GArray *a,
               GArray *b)
{
  double sum = 0;
  guint i = 0, j = 0;

  while (i < a->len && j < b->len)
    {
      const Section *g = &g_array_index (a, Section, i);
      const Section *h = &g_array_index (b, Section, j);

      sum += distance (g, h);
      if (g->start + g->length <= h->start + h->length)
        i++;
      else
        j++;
    }
  return sum;
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x < y) - (x > y);
}

void
pl_agreement_alpha_u (const PlSpan        *spans,
                      gsize                n_spans,
                      guint                n_coders,
                      gint64               begin,
                      gint64               length,
                      PlUnitizedAgreement *out)
{
  g_autofree PlSpan *sorted = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree double *prefix = NULL;
  double observed = 0, expected = 0, denominator;
  double m = n_coders, big_l = (double) length;
  gsize n_units = 0;
  double squared_lengths = 0;

  g_return_if_fail (spans != NULL || n_spans == 0);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->alpha = undefined (_("agreement needs at least two coders"));
  if (n_coders < 2)
    return;
  if (length <= 1)
    {
      out->alpha = undefined (_("there is no text to compare"));
      return;
    }

  sorted = g_memdup2 (spans, n_spans * sizeof (PlSpan));
  if (n_spans > 0)
    qsort (sorted, n_spans, sizeof (PlSpan), compare_spans);

  coders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint c = 0, i = 0; c < n_coders; c++)
    {
      gsize first = i;
      GArray *sections;

      while (i < n_spans && sorted[i].coder == c)
        i++;
      sections = sections_of (sorted + first, i - first, begin, length);
      g_ptr_array_add (coders, sections);
      for (guint s = 0; s < sections->len; s++)
        {
          const Section *section = &g_array_index (sections, Section, s);

          if (section->unit)
            {
              n_units++;
              squared_lengths += (double) section->length * (section->length - 1.0);
            }
          else
            g_array_append_val (gaps, section->length);
        }
    }
  out->n_spans = (guint) n_units;

  for (guint a = 0; a < n_coders; a++)
    for (guint b = a + 1; b < n_coders; b++)
      observed += observed_pair (g_ptr_array_index (coders, a), g_ptr_array_index (coders, b));
  /* Both orders of each pair of coders. */
  out->observed = 2.0 * observed / (m * (m - 1.0) * big_l * big_l);

  /* D_e (Krippendorff 2004: 253): for each unit of length l, (N_c − 1)(2l³ − 3l² + l)/3
   * for placing it against the other units, plus l² Σ (g − l + 1) over the gaps g at least
   * as long, for placing it inside a gap.  Gaps sorted by length, with suffix sums, make
   * the second term a binary search. */
  g_array_sort (gaps, compare_descending);
  prefix = g_new0 (double, gaps->len + 1);
  for (guint i = 0; i < gaps->len; i++)
    prefix[i + 1] = prefix[i] + (double) g_array_index (gaps, gint64, i);

  for (guint c = 0; c < n_coders; c++)
    {
      GArray *sections = g_ptr_array_index (coders, c);

      for (guint s = 0; s < sections->len; s++)
        {
          const Section *section = &g_array_index (sections, Section, s);
          double l = (double) section->length;
          guint lo = 0, hi = gaps->len;

          if (!section->unit)
            continue;
          /* The gaps at least as long as the unit are the first ones. */
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if (g_array_index (gaps, gint64, mid) >= section->length)
                lo = mid + 1;
              else
                hi = mid;
            }
          expected += (n_units - 1.0) * (2 * l * l * l - 3 * l * l + l) / 3.0;
          expected += l * l * (prefix[lo] - lo * (l - 1.0));
        }
    }
  denominator = m * big_l * (m * big_l - 1.0) - squared_lengths;
  out->expected = denominator > 0 ? 2.0 / big_l * expected / denominator : 0.0;

  if (n_units == 0)
    out->alpha = undefined (_("no coder marked a span of this code"));
  else if (out->expected <= 0)
    out->alpha = undefined (_("the spans leave no room for disagreement by chance"));
  else
    out->alpha = defined (1.0 - out->observed / out->expected);
}

PlCoefficient
pl_agreement_alpha_u_pooled (const PlUnitizedAgreement *categories,
                             gsize                      n_categories)
{
  double observed = 0, expected = 0;

  g_return_val_if_fail (categories != NULL || n_categories == 0, undefined (NULL));

  for (gsize i = 0; i < n_categories; i++)
    {
      observed += categories[i].observed;
      expected += categories[i].expected;
    }
  if (expected <= 0)
    return undefined (_("no coder marked a span of these codes"));
  return defined (1.0 - observed / expected);
}
