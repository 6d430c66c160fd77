/* pl-statement-coverage.h — which statements of a document annotations touch
 *
 * A document's coding progress ("12 of 20 statements coded") kept up to date by each
 * annotation's own change: every statement counts the annotations that overlap it, so adding
 * or removing one costs a search and the statements it spans, never a pass over the
 * document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-annotation.h"

G_BEGIN_DECLS

typedef struct _PlStatementCoverage PlStatementCoverage;

/* A coverage with no annotation yet, of statements added in order with
 * pl_statement_coverage_add_statement(). */
PlStatementCoverage *pl_statement_coverage_new           (void);
void                 pl_statement_coverage_free          (PlStatementCoverage *self);
/* Appends the statement [@start, @end) (after the ones before it, not overlapping them);
 * only statements of kind "statement" count as coded. */
void                 pl_statement_coverage_add_statement (PlStatementCoverage *self,
                                                          guint                start,
                                                          guint                end,
                                                          PlStatementKind      kind);
/* An annotation of the span [@start, @end) was added (@delta +1) or removed (-1). */
void                 pl_statement_coverage_count         (PlStatementCoverage *self,
                                                          guint                start,
                                                          guint                end,
                                                          int                  delta);
/* How many statements of kind "statement" at least one annotation overlaps. */
guint                pl_statement_coverage_get_n_coded   (PlStatementCoverage *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlStatementCoverage, pl_statement_coverage_free)

G_END_DECLS
