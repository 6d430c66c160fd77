/* pl-search.h — search hits across a project, and "Code all hits…"
 *
 * pl_search() runs a full-text query (the syntax is in pl-project-search.h) with the same
 * filters as retrieval and gives one hit per match: a word, a phrase from its first word to
 * its last, each with its offsets in the document (code points) and a snippet of its
 * statement around it.
 *
 * "Code all hits…" applies one code to each hit's match, sentence or statement, each span
 * once, as one undoable action.  pl_search_plan_code_hits() says first what it would do
 * (the preview and its count); pl_search_code_hits() does it.
 *
 * A sentence is what lies between two sentence ends within the statement: a full stop,
 * question or exclamation mark or ellipsis followed by white space and a word that does not
 * begin with a lower-case letter (closing quotes and brackets stay with their sentence), or
 * a line break; white space around it is left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project-query.h"

G_BEGIN_DECLS

#define PL_TYPE_SEARCH_HIT (pl_search_hit_get_type ())

/* About this many code points of the statement stand on either side of a match in a
 * snippet (cut at a word). */
#define PL_SEARCH_SNIPPET_CONTEXT 60

/* One match; a reference-counted record with read-only fields. */
typedef struct
{
  gint64  document_id;
  char   *document_title;
  guint   statement_index;
  guint   statement_start;   /* code points of the document */
  guint   statement_end;
  guint   start;             /* the match: code points of the document, end-exclusive */
  guint   end;
  char   *snippet;           /* the statement around the match, "…" where it is cut */
  guint   snippet_start;     /* the match in the snippet, code points */
  guint   snippet_end;
  char   *speaker;
  char   *entity;
  char   *regional_group;
  /*< private >*/
  gint    ref_count;
} PlSearchHit;

GType        pl_search_hit_get_type      (void) G_GNUC_CONST;
PlSearchHit *pl_search_hit_ref           (PlSearchHit          *hit);
void         pl_search_hit_unref         (PlSearchHit          *hit);

/* The hits (PlSearchHit) of @query in the statements @filter (NULL: none) keeps, in
 * document order, possibly none; NULL with @error (PL_SEARCH_ERROR for the query). */
GPtrArray   *pl_search                   (PlProject            *project,
                                          const char           *query,
                                          const PlQueryFilter  *filter,
                                          GError              **error);

typedef enum
{
  PL_SEARCH_UNIT_MATCH,      /* the matched words */
  PL_SEARCH_UNIT_SENTENCE,   /* the sentence around them */
  PL_SEARCH_UNIT_STATEMENT,  /* the whole statement */
} PlSearchUnit;

gboolean     pl_search_unit_from_string  (const char           *name,
                                          PlSearchUnit         *out_unit);

typedef struct
{
  PlSearchUnit unit;
  gint64       code_id;     /* a code that can be applied */
  gint64       coder_id;
} PlCodeHitsSpec;

/* What "Code all hits…" would code: PlAnnotationSpec items (no memo), one per distinct
 * span, in document order, leaving out spans that already carry the code by the coder
 * (@out_n_already, NULL: not wanted, says how many).  NULL with @error when a document
 * cannot be read or the code cannot be applied. */
GArray      *pl_search_plan_code_hits    (PlProject            *project,
                                          GPtrArray            *hits,
                                          const PlCodeHitsSpec *spec,
                                          guint                *out_n_already,
                                          GError              **error);
/* Applies a plan as one undoable action ("Apply “Ransomware” to 12 search hits"). */
gboolean     pl_search_code_hits         (PlProject            *project,
                                          GArray               *plan,
                                          GError              **error);

/* The sentence (or sentences) of @text, a statement's, in which code points [@start,
 * @end) of it lie: their bounds in code points of @text. */
void         pl_search_sentence_bounds   (const char           *text,
                                          guint                 start,
                                          guint                 end,
                                          guint                *out_start,
                                          guint                *out_end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlSearchHit, pl_search_hit_unref)

G_END_DECLS
