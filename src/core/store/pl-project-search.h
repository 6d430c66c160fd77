/* pl-project-search.h — full-text search over statements (SQLite FTS5)
 *
 * Every statement's text is indexed as words, case and diacritics folded ("Cote" finds
 * "Côte"; tokenize = 'unicode61 remove_diacritics 2').  A query is FTS5's: words (all must
 * occur), "a phrase", prefix* , NEAR(a b, 10), OR, NOT, parentheses.  A word joined to
 * another by a hyphen, apostrophe, full stop, slash or ampersand ("capacity-building",
 * "d'Ivoire") is searched as that phrase, where FTS5 alone would refuse it.
 *
 * The index keeps no copy of the text (it reads the statements out of their documents)
 * and triggers keep it in step with every change of statements.  A project made before
 * search existed has to build it once: pl_project_build_search_index() does, with
 * progress; pl_project_search() does it first when needed, without.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project-query.h"

G_BEGIN_DECLS

#define PL_SEARCH_ERROR (pl_search_error_quark ())

typedef enum
{
  PL_SEARCH_ERROR_SYNTAX,   /* the query cannot be read; the message shows where */
  PL_SEARCH_ERROR_EMPTY,    /* the query has nothing to search for */
} PlSearchError;

GQuark       pl_search_error_quark           (void);

/* Called with the share of the work done, from 0 to 1. */
typedef void (*PlSearchIndexProgressFunc) (double   fraction,
                                           gpointer user_data);

/* Whether the index is built (a new project's always is). */
gboolean     pl_project_search_index_is_ready (PlProject                 *project);
/* (Re)builds the index from the statements, in one transaction, calling @progress (NULL:
 * none) as it goes.  It can run on a project opened for it in a worker thread. */
gboolean     pl_project_build_search_index   (PlProject                 *project,
                                              PlSearchIndexProgressFunc  progress,
                                              gpointer                   user_data,
                                              GError                   **error);

/* Whether @query can be read; if not, FALSE with PL_SEARCH_ERROR (a message that quotes
 * the query with a caret under the place) and @out_position (NULL: not wanted) set to that
 * place, in code points of @query. */
gboolean     pl_project_check_search_query   (PlProject                 *project,
                                              const char                *query,
                                              guint                     *out_position,
                                              GError                   **error);

/* Where a query matched: code points of the document, end-exclusive.  A phrase is one
 * match from its first word to its last. */
typedef struct
{
  guint start;
  guint end;
} PlSearchMatch;

/* A statement in which a query matched; everything is borrowed for the callback. */
typedef struct
{
  PlDocument             *document;
  const PlQueryStatement *statement;    /* its kept member is TRUE */
  const char             *text;         /* the statement's text */
  const PlSearchMatch    *matches;      /* by start */
  guint                   n_matches;
} PlSearchRow;

/* Returns FALSE, with @error set, to end the search with that error. */
typedef gboolean (*PlSearchRowFunc) (const PlSearchRow  *row,
                                     gpointer            user_data,
                                     GError            **error);

/* Calls @func for every statement @filter keeps in which @query matches, in project
 * order.  Of @filter's annotation values (codes, coders, stances), a statement must have
 * a segment that has them.  Errors: PL_SEARCH_ERROR for the query, PL_STORE_ERROR
 * otherwise. */
gboolean     pl_project_search               (PlProject                 *project,
                                              const char                *query,
                                              const PlQueryFilter       *filter,
                                              PlSearchRowFunc            func,
                                              gpointer                   user_data,
                                              GError                   **error);

G_END_DECLS
