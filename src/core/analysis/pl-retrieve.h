/* pl-retrieve.h — code-and-retrieve: the coded segments of some codes, with their statements
 *
 * Retrieval answers "what did they say about X": every segment coded with one of the
 * chosen codes (a code may stand for its whole family), in the statements a filter keeps,
 * each with its statement around it, who spoke, and where.  In ALL mode only statements
 * that have a segment of every chosen code (family) count; NOT codes leave out the
 * statements that have a segment of one of them.  A statement is the one in which the
 * segment starts; a segment that starts before a document's first statement belongs to no
 * statement: it is retrieved in ANY mode, never in ALL mode, NOT codes cannot leave it out,
 * and filters on the speaker treat it as said by a speaker without values ("" keeps it).
 *
 * Hits come in project order (document, start, longer first) and can be written as CSV or
 * copied as quotations with citations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project-query.h"

G_BEGIN_DECLS

#define PL_TYPE_RETRIEVE_HIT (pl_retrieve_hit_get_type ())

typedef enum
{
  PL_RETRIEVE_ANY,   /* segments of any of the codes */
  PL_RETRIEVE_ALL,   /* segments of the codes in statements that have every one of them */
} PlRetrieveMode;

/* What to retrieve.  The filter's own code_ids are not used: the codes are said here. */
typedef struct
{
  GArray              *code_ids;          /* gint64; NULL: every code */
  gboolean             with_descendants;  /* a code stands for itself and all codes below */
  PlRetrieveMode       mode;
  GArray              *not_code_ids;      /* gint64; NULL or empty: none */
  const PlQueryFilter *filter;            /* NULL: no other narrowing */
} PlRetrieveSpec;

/* One coded segment; a reference-counted record with read-only fields. */
typedef struct
{
  char   *annotation_guid;
  gint64  document_id;
  char   *document_title;
  char   *process;           /* the document's; NULL when it has none */
  char   *session;
  char   *date;
  guint   statement_index;   /* 0: in no statement */
  guint   statement_start;   /* code points of the document */
  guint   statement_end;
  guint   start;             /* the segment: code points of the document, end-exclusive */
  guint   end;
  gint64  code_id;
  char   *code;              /* the code's short id, or NULL */
  char   *code_name;
  char   *text;              /* the coded text */
  char   *context;           /* the statement's text; NULL in no statement */
  char   *speaker;
  char   *entity;
  char   *entity_type;
  char   *iso3;
  char   *regional_group;
  char   *on_behalf_of;
  gint64  coder_id;
  char   *coder;
  char   *stance;
  /*< private >*/
  gint    ref_count;
} PlRetrieveHit;

GType          pl_retrieve_hit_get_type      (void) G_GNUC_CONST;
PlRetrieveHit *pl_retrieve_hit_ref           (PlRetrieveHit         *hit);
void           pl_retrieve_hit_unref         (PlRetrieveHit         *hit);

/* The hits of @spec (PlRetrieveHit), possibly none; NULL with @error when reading failed. */
GPtrArray     *pl_retrieve                   (PlProject             *project,
                                              const PlRetrieveSpec  *spec,
                                              GError               **error);

/* The code ids @code_ids stands for: each code, and with @with_descendants every code
 * below it, each once, in codebook order. */
GArray        *pl_retrieve_expand_codes      (PlProject             *project,
                                              GArray                *code_ids,
                                              gboolean               with_descendants);

/* Makes each of @values (NULL-terminated, changed in place) the value @field takes in the
 * project that it names without regard to case ("asia-pacific" → "Asia-Pacific"); FALSE
 * with PL_STORE_ERROR_NOT_FOUND naming the first that names none, and the values there
 * are. */
gboolean       pl_retrieve_resolve_values    (PlProject             *project,
                                              PlQueryField           field,
                                              char                 **values,
                                              GError               **error);

/* The hits as CSV (RFC 4180, UTF-8, CRLF, a header row): annotation_guid, document_id,
 * document_title, process, session, date, statement_index, start, end, code, code_name,
 * text, context, speaker, entity, entity_type, iso3, regional_group, on_behalf_of, coder,
 * stance.  Text that a spreadsheet would take for a formula is defused. */
char          *pl_retrieve_hits_to_csv       (GPtrArray             *hits);
/* The same written to @path atomically; PL_EXPORT_ERROR_WRITE naming it on failure. */
gboolean       pl_retrieve_write_csv         (GPtrArray             *hits,
                                              const char            *path,
                                              GError               **error);
/* The hits as quotations, each followed by its citation ("— Brazil, OEWG meeting 3,
 * second substantive session, 2024-03-07"), separated by blank lines: what "Copy with
 * citations" puts on the clipboard. */
char          *pl_retrieve_format_citations  (GPtrArray             *hits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlRetrieveHit, pl_retrieve_hit_unref)

G_END_DECLS
