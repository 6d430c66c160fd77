/* pl-project-gold.h — the gold layer: two coders' disagreements settled into a reference
 *
 * The gold layer is the annotations of the coder named "Gold" (PL_GOLD_CODER_NAME), made
 * on the first settlement.  A disagreement sits in one coding unit (a statement's span) of
 * a document, for one code, between coder A and coder B.  Settling it keeps A's
 * annotations of that code in the unit, B's, both or neither: the kept ones are copied into
 * the gold layer, clipped to the unit, each remembering the coder and the annotation it
 * came from; settling it again replaces what the earlier settlement copied.  Each
 * settlement is one undoable action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"
#include "pl-project-read.h"

G_BEGIN_DECLS

#define PL_GOLD_CODER_NAME "Gold"

typedef enum
{
  PL_SETTLEMENT_NONE,     /* not settled (settling with it takes a settlement back) */
  PL_SETTLEMENT_KEEP_A,
  PL_SETTLEMENT_KEEP_B,
  PL_SETTLEMENT_BOTH,
  PL_SETTLEMENT_NEITHER,
} PlSettlement;

/* Where a disagreement sits. */
typedef struct
{
  gint64 document_id;
  gint64 coder_a_id;
  gint64 coder_b_id;
  gint64 code_id;
  guint  start;          /* the coding unit, code points, end-exclusive */
  guint  end;
} PlDisagreementKey;

typedef struct
{
  gint64       code_id;
  guint        start;
  guint        end;
  PlSettlement decision;
} PlSettlementRecord;

/* "a", "b", "both", "neither"; NULL for PL_SETTLEMENT_NONE. */
const char  *pl_settlement_to_string       (PlSettlement              decision);

/* The coder of the gold layer, or NULL when nothing was settled yet. */
PlCoder     *pl_project_find_gold_coder    (PlProject                *self);

/* Settles the disagreement at @key with @decision, as one undoable action. */
gboolean     pl_project_settle             (PlProject                *self,
                                            const PlDisagreementKey  *key,
                                            PlSettlement              decision,
                                            GError                  **error);
/* The settlements between @coder_a_id and @coder_b_id on @document_id (PlSettlementRecord,
 * by code and start); NULL with @error. */
GArray      *pl_project_list_settlements   (PlProject                *self,
                                            gint64                    document_id,
                                            gint64                    coder_a_id,
                                            gint64                    coder_b_id,
                                            GError                  **error);

/* The gold layer as an export sees it. */
typedef struct
{
  gint64      coder_id;  /* the gold coder, or 0: the project has no gold layer */
  GHashTable *sources;   /* annotation GUID → the name of the coder it was kept from */
} PlGoldLayer;

/* Reads the gold layer in @reader's snapshot. */
PlGoldLayer *pl_project_reader_read_gold   (PlProjectReader          *reader,
                                            GError                  **error);
void         pl_gold_layer_free            (PlGoldLayer              *layer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlGoldLayer, pl_gold_layer_free)

G_END_DECLS
