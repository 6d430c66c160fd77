/* pl-project-query-private.h — a PlQueryFilter as SQL, for the store's query files
 *
 * Lists are bound as one JSON array each and read with json_each(), so that one prepared
 * statement serves any number of values; a filter's conditions use named parameters
 * (":entities", ":documents", …) that pl_query_filter_bind() fills.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pl-project-query.h"

G_BEGIN_DECLS

/* Appends " AND …" for the documents (alias d) @filter keeps. */
void     pl_query_append_document_where     (GString             *sql,
                                             const PlQueryFilter *filter);
/* Appends whether @filter keeps a statement (alias s) as one expression ("1" when it keeps
 * all). */
void     pl_query_append_statement_test     (GString             *sql,
                                             const PlQueryFilter *filter);
/* How a query finds annotations by code. */
typedef enum
{
  PL_QUERY_CODES_INDEXED,  /* through the index of codes, as SQLite sees fit */
  PL_QUERY_CODES_TESTED,   /* testing each row read (a query that reads most rows anyway,
                            * or reads them in offset order) */
  PL_QUERY_CODES_ROWIDS,   /* the rows of the codes from the index, read in stored order */
} PlQueryCodes;

/* Appends " AND …" for the annotations (alias a) @filter keeps by code, coder and stance. */
void     pl_query_append_annotation_where   (GString             *sql,
                                             const PlQueryFilter *filter,
                                             PlQueryCodes         codes);
gboolean pl_query_filter_has_document_values   (const PlQueryFilter *filter);
gboolean pl_query_filter_has_annotation_values (const PlQueryFilter *filter);
/* "[1,2,3]": @ids (gint64) as a JSON array, for json_each(). */
char    *pl_query_ids_to_json               (const GArray        *ids);
/* Binds @value (taken) to the parameter @name (":codes") when @stmt has it. */
void     pl_query_bind_named                (sqlite3_stmt        *stmt,
                                             const char          *name,
                                             char                *value);
/* Binds the parameters of the conditions above that @stmt uses. */
void     pl_query_filter_bind               (sqlite3_stmt        *stmt,
                                             const PlQueryFilter *filter);

G_END_DECLS
