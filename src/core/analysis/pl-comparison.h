/* pl-comparison.h — two coders on one document: their disagreements, and settling them
 *
 * A disagreement is a coding unit (a statement of kind "statement") and a code for which
 * coder A's and coder B's annotations differ: only A marked the code there, only B did, or
 * both did but on different characters of the unit.  They are listed by the unit's start,
 * then in codebook order, each with A's and B's annotations that overlap the unit and how
 * it was settled into the gold layer (pl-project-gold.h).
 *
 * The comparison follows its project: after each commit (a settlement, an undo, a coder's
 * new annotation) it reads the document again and emits "changed".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"
#include "pl-project-gold.h"

G_BEGIN_DECLS

typedef enum
{
  PL_DISAGREEMENT_ONLY_A,   /* A marked the code in the unit, B did not */
  PL_DISAGREEMENT_ONLY_B,
  PL_DISAGREEMENT_SPANS,    /* both did, on different characters */
} PlDisagreementKind;

typedef struct
{
  PlDisagreementKey   key;              /* document, coders, code, and the unit's span */
  guint               statement_index;  /* the unit's statement, 1-based */
  PlDisagreementKind  kind;
  GPtrArray          *a;                /* PlAnnotation: A's of the code overlapping the unit */
  GPtrArray          *b;
  PlSettlement        settlement;
} PlDisagreement;

#define PL_TYPE_COMPARISON (pl_comparison_get_type ())
G_DECLARE_FINAL_TYPE (PlComparison, pl_comparison, PL, COMPARISON, GObject)

/* Compares coders @coder_a_id and @coder_b_id on @document_id; NULL with @error when one
 * of them is not in the project. */
PlComparison         *pl_comparison_new                 (PlProject    *project,
                                                         gint64        document_id,
                                                         gint64        coder_a_id,
                                                         gint64        coder_b_id,
                                                         GError      **error);
guint                 pl_comparison_get_n_disagreements (PlComparison *self);
const PlDisagreement *pl_comparison_get_disagreement    (PlComparison *self,
                                                         guint         index);
guint                 pl_comparison_get_n_settled       (PlComparison *self);
/* "12 of 40 disagreements settled". */
char                 *pl_comparison_dup_progress        (PlComparison *self);

/* The index of the disagreement after @index (-1: the first) or before it (-1: the last),
 * only unsettled ones with @unsettled; -1 when there is none. */
gint                  pl_comparison_find_next           (PlComparison *self,
                                                         gint          index,
                                                         gboolean      unsettled);
gint                  pl_comparison_find_previous       (PlComparison *self,
                                                         gint          index,
                                                         gboolean      unsettled);
/* The first disagreement whose unit ends after character @offset, or -1. */
gint                  pl_comparison_find_at             (PlComparison *self,
                                                         guint         offset);

/* Settles disagreement @index (one undoable action); the comparison is read again. */
gboolean              pl_comparison_settle              (PlComparison *self,
                                                         guint         index,
                                                         PlSettlement  decision,
                                                         GError      **error);
/* Reads the document again (done after every commit of the project). */
gboolean              pl_comparison_refresh             (PlComparison *self,
                                                         GError      **error);

G_END_DECLS
