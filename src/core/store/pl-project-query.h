/* pl-project-query.h — what analyses read: coded segments with their statements, filtered
 *
 * A PlQueryFilter narrows a project the way a researcher asks: by the speaker's entity,
 * entity type, regional group and "on behalf of"; by document, process, session and the
 * document's date; by the annotations' codes, coders and stance.
 *
 * pl_project_query_foreach_document() walks the documents the filter keeps, in project
 * order, and hands over each one's statements and coded segments at once: the statements
 * of the document (all of them, each marked whether the filter keeps it) and the segments
 * (annotations) the filter keeps, each tied to the statement in which it starts — the last
 * statement that starts at or before it, as everywhere in Plenary.  A segment that starts
 * before the first statement belongs to none, and counts as said by a speaker with no
 * values.  Segments of statements the filter leaves out are not handed over.  Aggregating
 * (frequencies, co-occurrence) is left to the caller: a walk costs about as much as reading
 * the annotations once.
 *
 * Everything runs in the project's thread, on its connection; each walk sees one committed
 * state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-annotation.h"
#include "pl-project.h"

G_BEGIN_DECLS

/* Which statements, documents and annotations a query keeps.  Each member narrows; NULL
 * narrows nothing, and an empty list keeps nothing.  Lists of strings are NULL-terminated
 * and compared exactly; "" in one stands for "no value" (a statement without a regional
 * group, an annotation without a stance). */
typedef struct
{
  /* Statements: their speaker's values. */
  char      **entities;
  char      **entity_types;
  char      **regional_groups;
  char      **on_behalf_of;
  /* Documents. */
  GArray     *document_ids;      /* gint64 */
  char      **processes;
  char      **sessions;
  char       *since;             /* the document's date, from this day on: "2024",
                                  * "2024-03" or "2024-03-07" (compared as far as given) */
  char       *until;             /* up to and including this one */
  /* Annotations. */
  GArray     *code_ids;          /* gint64, exactly these codes */
  GArray     *coder_ids;         /* gint64 */
  char      **stances;
} PlQueryFilter;

/* Copies the lists and strings of @source into @dest (whose own are not freed). */
void         pl_query_filter_copy            (const PlQueryFilter  *source,
                                              PlQueryFilter        *dest);
/* Frees the lists and strings of @filter and sets them to NULL. */
void         pl_query_filter_clear           (PlQueryFilter        *filter);

/* A statement as a query hands it over; strings are borrowed for the callback, and NULL in
 * a statement the filter leaves out. */
typedef struct
{
  gint64           id;
  guint            index;          /* 1-based within its document */
  guint            start;          /* code points, end-exclusive */
  guint            end;
  PlStatementKind  kind;
  gboolean         kept;           /* the filter keeps it */
  const char      *speaker;        /* NULL when unknown */
  const char      *entity;
  const char      *entity_type;
  const char      *iso3;
  const char      *regional_group;
  const char      *on_behalf_of;
} PlQueryStatement;

/* A coded segment: one annotation. */
typedef struct
{
  gint64      id;
  const char *guid;                /* with PL_QUERY_SEGMENT_GUIDS, else NULL */
  gint64      code_id;
  gint64      coder_id;
  guint       start;               /* code points, end-exclusive */
  guint       end;
  const char *stance;              /* NULL: none */
  int         statement;           /* index into the document's statements; -1: none */
} PlQuerySegment;

/* One document of a walk, with its statements by start and its kept segments by start,
 * longer first, then id. */
typedef struct
{
  PlDocument             *document;
  const char             *text;          /* with PL_QUERY_DOCUMENT_TEXT, else NULL */
  const PlQueryStatement *statements;
  guint                   n_statements;
  const PlQuerySegment   *segments;
  guint                   n_segments;
} PlQueryDocument;

typedef enum
{
  PL_QUERY_DEFAULT       = 0,
  PL_QUERY_SEGMENT_GUIDS = 1 << 0,  /* the segments' GUIDs (else NULL) */
  PL_QUERY_DOCUMENT_TEXT = 1 << 1,  /* each document's text */
} PlQueryFlags;

/* Returns FALSE, with @error set, to end the walk with that error. */
typedef gboolean (*PlQueryDocumentFunc) (const PlQueryDocument  *document,
                                         gpointer                user_data,
                                         GError                **error);

/* Calls @func for each document @filter keeps that has a kept segment, in project order.
 * FALSE with @error when reading failed or @func set an error. */
gboolean     pl_project_query_foreach_document (PlProject           *project,
                                              const PlQueryFilter  *filter,
                                              PlQueryFlags          flags,
                                              PlQueryDocumentFunc   func,
                                              gpointer              user_data,
                                              GError              **error);

/* What pl_project_query_list_values() lists. */
typedef enum
{
  PL_QUERY_FIELD_ENTITY,
  PL_QUERY_FIELD_ENTITY_TYPE,
  PL_QUERY_FIELD_REGIONAL_GROUP,
  PL_QUERY_FIELD_ON_BEHALF_OF,
  PL_QUERY_FIELD_PROCESS,
  PL_QUERY_FIELD_SESSION,
  PL_QUERY_FIELD_STANCE,
} PlQueryField;

/* The values @field takes in the project (statements of every kind, documents,
 * annotations), each once, sorted; NULL values are not listed.  A NULL-terminated array,
 * or NULL with @error. */
char       **pl_project_query_list_values    (PlProject            *project,
                                              PlQueryField          field,
                                              GError              **error);

G_END_DECLS
