/* pl-statement-coverage.c — which statements of a document annotations touch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-statement-coverage.h"

typedef struct
{
  guint    start;
  guint    end;
  guint    n_annotations;  /* that overlap it */
  gboolean counts;         /* of kind "statement" */
} Span;

struct _PlStatementCoverage
{
  GArray *spans;    /* Span, in order, not overlapping */
  guint   n_coded;
};

PlStatementCoverage *
pl_statement_coverage_new (void)
{
  PlStatementCoverage *self = g_new0 (PlStatementCoverage, 1);

  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  return self;
}

void
pl_statement_coverage_free (PlStatementCoverage *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->spans);
  g_free (self);
}

void
pl_statement_coverage_add_statement (PlStatementCoverage *self,
                                     guint                start,
                                     guint                end,
                                     PlStatementKind      kind)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->spans->len == 0 || g_array_index (self->spans, Span, self->spans->len - 1).end <= start);

  g_array_append_val (self->spans, ((Span) { start, end, 0, kind == PL_STATEMENT_KIND_STATEMENT }));
}

void
pl_statement_coverage_count (PlStatementCoverage *self,
                             guint                start,
                             guint                end,
                             int                  delta)
{
  guint lo = 0, hi;

  g_return_if_fail (self != NULL);
  g_return_if_fail (delta == 1 || delta == -1);

  /* The first statement that ends after @start; then each one that starts before @end. */
  hi = self->spans->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->spans, Span, mid).end <= start)
        lo = mid + 1;
      else
        hi = mid;
    }

  for (guint i = lo; i < self->spans->len; i++)
    {
      Span *span = &g_array_index (self->spans, Span, i);

      if (span->start >= end)
        break;
      g_return_if_fail (delta > 0 || span->n_annotations > 0);
      span->n_annotations += delta;
      if (span->counts && span->n_annotations == (delta > 0 ? 1u : 0u))
        self->n_coded += delta;
    }
}

guint
pl_statement_coverage_get_n_coded (PlStatementCoverage *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_coded;
}
