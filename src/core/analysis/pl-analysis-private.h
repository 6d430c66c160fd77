/* pl-analysis-private.h — what the analyses share: columns of codes, sets of ids, names
 *
 * Only analysis/ includes this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-chart-data.h"
#include "pl-project.h"

G_BEGIN_DECLS

/* The codes a table counts, one per column, each standing for itself or for its family. */
typedef struct
{
  GPtrArray  *codes;       /* PlCode */
  GPtrArray  *keys;        /* char *: the short id, or the GUID of a code without one */
  GHashTable *columns_of;  /* gint64* code id → GArray of guint: the columns it counts in */
} PlCodeColumns;

/* @code_ids in their order, each with its family when @with_descendants; NULL: every code
 * that can be applied, in codebook order, each for itself. */
void        pl_code_columns_init         (PlCodeColumns       *columns,
                                          PlProject           *project,
                                          GArray              *code_ids,
                                          gboolean             with_descendants);
void        pl_code_columns_clear        (PlCodeColumns       *columns);
/* The columns that count code @code_id, or NULL. */
GArray     *pl_code_columns_lookup       (const PlCodeColumns *columns,
                                          gint64               code_id);
/* Every code some column counts (gint64), for the store's filter. */
GArray     *pl_code_columns_dup_code_ids (const PlCodeColumns *columns);
/* Makes the series of @data the columns' codes, with their colours. */
void        pl_code_columns_set_series   (const PlCodeColumns *columns,
                                          PlChartData         *data);

/* A set (gint64* keys, freed with it) of the ids in @ids (NULL: none). */
GHashTable *pl_id_set_new                (GArray              *ids);

/* Sets @out_index to the place of @name among @n_names @names; FALSE when it is none. */
gboolean    pl_analysis_find_name        (const char * const  *names,
                                          guint                n_names,
                                          const char          *name,
                                          guint               *out_index);

G_END_DECLS
