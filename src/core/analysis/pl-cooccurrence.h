/* pl-cooccurrence.h — which codes come up together: codes × codes, counts and Jaccard
 *
 * By statement (a segment belongs to the statement in which it starts; see pl-retrieve.h):
 * the count of a pair is the number of statements that have a segment of each code, the
 * count of a code with itself the number of statements that have one of it, and Jaccard
 * is n(a and b) / n(a or b) over statements.
 *
 * By span: the count of a pair is the number of pairs of segments, one of each code, that
 * overlap (share at least one character; a segment is never paired with itself), the count
 * of a code with itself its number of segments; Jaccard is measured on the text: the
 * characters coded with both codes over the characters coded with either.
 *
 * A code may stand for its family (with_descendants); codes come in the order asked, or
 * every code that can be applied in codebook order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-chart-data.h"
#include "pl-project-query.h"
#include "pl-retrieve.h"

G_BEGIN_DECLS

#define PL_TYPE_COOCCURRENCE (pl_cooccurrence_get_type ())
G_DECLARE_FINAL_TYPE (PlCooccurrence, pl_cooccurrence, PL, COOCCURRENCE, GObject)

typedef enum
{
  PL_COOCCURRENCE_STATEMENT,   /* "statement" */
  PL_COOCCURRENCE_SPAN,        /* "span" */
} PlCooccurrenceUnit;

gboolean        pl_cooccurrence_unit_from_string (const char              *name,
                                                  PlCooccurrenceUnit      *out_unit);
const char     *pl_cooccurrence_unit_to_string   (PlCooccurrenceUnit       unit);

typedef struct
{
  GArray              *code_ids;          /* gint64; NULL: every code that can be applied */
  gboolean             with_descendants;
  PlCooccurrenceUnit   unit;
  const PlQueryFilter *filter;            /* NULL: none; its code_ids are not used */
} PlCooccurrenceSpec;

PlCooccurrence *pl_cooccurrence_new              (PlProject                *project,
                                                  const PlCooccurrenceSpec *spec,
                                                  GError                  **error);

PlCooccurrenceUnit pl_cooccurrence_get_unit      (PlCooccurrence           *self);
guint           pl_cooccurrence_get_n_codes      (PlCooccurrence           *self);
PlCode         *pl_cooccurrence_get_code         (PlCooccurrence           *self,
                                                  guint                     index);
/* The short id, or the GUID of a code that has none. */
const char     *pl_cooccurrence_get_code_key     (PlCooccurrence           *self,
                                                  guint                     index);
/* Symmetric; @a == @b: the statements (segments, by span) of that code. */
guint64         pl_cooccurrence_get_count        (PlCooccurrence           *self,
                                                  guint                     a,
                                                  guint                     b);
/* 0 … 1; 0 when neither code occurs; 1 for a code with itself when it occurs. */
double          pl_cooccurrence_get_jaccard      (PlCooccurrence           *self,
                                                  guint                     a,
                                                  guint                     b);

/* The segments behind a cell: of code @a and code @b (each with its family when the table
 * was made so) in the statements that have both (by statement), or those that overlap a
 * segment of the other code (by span); PlRetrieveHit items in project order. */
GPtrArray      *pl_cooccurrence_retrieve_cell    (PlCooccurrence           *self,
                                                  guint                     a,
                                                  guint                     b,
                                                  GError                  **error);
/* The statements behind a cell, each once: those in which the hits of
 * pl_cooccurrence_retrieve_cell() lie (PlStatement items with document id, index, offsets
 * and speaker, in project order). */
GPtrArray      *pl_cooccurrence_list_cell_statements (PlCooccurrence       *self,
                                                  guint                     a,
                                                  guint                     b,
                                                  GError                  **error);

/* The matrix as CSV (RFC 4180, UTF-8, CRLF, a header row): "code", each code's key; one
 * line per code with the counts, or with @jaccard the coefficients. */
char           *pl_cooccurrence_to_csv           (PlCooccurrence           *self,
                                                  gboolean                  jaccard);
/* The matrix for a heatmap: codes × codes, counts or Jaccard. */
PlChartData    *pl_cooccurrence_to_chart_data    (PlCooccurrence           *self,
                                                  gboolean                  jaccard);

G_END_DECLS
