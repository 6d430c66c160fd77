/* pl-project-private.h — what other core modules need of the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pl-history.h"
#include "pl-project.h"

G_BEGIN_DECLS

sqlite3      *pl_project_get_db        (PlProject   *self);
/* A cached prepared statement, reset and with bindings cleared; do not finalize it. */
sqlite3_stmt *pl_project_prepare       (PlProject   *self,
                                        const char  *sql,
                                        GError     **error);
gboolean      pl_project_begin         (PlProject   *self,
                                        GError     **error);
gboolean      pl_project_commit        (PlProject   *self,
                                        GError     **error);
void          pl_project_rollback      (PlProject   *self);
/* Sets @error from the connection's last SQLite error, naming the project file. */
void          pl_project_set_sql_error (PlProject   *self,
                                        GError     **error,
                                        const char  *what);
/* Inserts @statements (PlStatement; index, id and document_id are ignored: they are
 * numbered from 1 in array order) inside an open transaction. */
gboolean      pl_project_insert_statements (PlProject  *self,
                                            gint64      document_id,
                                            GPtrArray  *statements,
                                            GError    **error);
/* Re-reads every in-memory mirror (coders, codes, documents with their counts) after a
 * bulk change made with SQL; existing PlCode and PlDocument objects are kept where they
 * still exist. */
void          pl_project_reload        (PlProject   *self);
/* Re-reads the codes list model after a bulk change. */
void          pl_project_reload_codes  (PlProject   *self);
/* Inserts a code inside an open transaction; the caller commits, then reloads. */
gint64        pl_project_insert_code   (PlProject        *self,
                                        const PlCodeSpec *spec,
                                        GError          **error);

typedef void (*PlProjectDeferFunc) (PlProject *self,
                                    gpointer   data);

/* Queues @func to run after the current transaction commits (dropped on rollback);
 * @destroy frees @data either way. */
void          pl_project_defer         (PlProject          *self,
                                        PlProjectDeferFunc  func,
                                        gpointer            data,
                                        GDestroyNotify      destroy);

typedef enum
{
  PL_PROJECT_SIGNAL_ANNOTATION_ADDED,    /* arg: PlAnnotation* */
  PL_PROJECT_SIGNAL_ANNOTATION_REMOVED,  /* arg: PlAnnotation* */
  PL_PROJECT_SIGNAL_ANNOTATION_CHANGED,  /* arg: PlAnnotation* */
  PL_PROJECT_SIGNAL_HISTORY_CHANGED,     /* arg: NULL */
  PL_PROJECT_SIGNAL_STATEMENTS_CHANGED,  /* arg: gint64* document id */
} PlProjectSignal;

/* Emits one of the project's signals (for the store's own modules). */
void          pl_project_emit          (PlProject        *self,
                                        PlProjectSignal   which,
                                        gpointer          arg);

/* Runs a prepared statement that returns no row, resets it; sets @error on failure. */
gboolean      pl_project_step_done     (PlProject    *self,
                                        sqlite3_stmt *stmt,
                                        const char   *what,
                                        GError      **error);

/* Binds @text, or NULL for NULL or "". */
void          pl_sql_bind_text_or_null (sqlite3_stmt *stmt,
                                        int           column,
                                        const char   *text);

/* Undo and redo of this project. */
PlHistory    *pl_project_get_history   (PlProject   *self);

/* The history operations of each module, registered by every project it opens. */
const PlHistoryOp *pl_project_annotation_ops (gsize *n_ops);
const PlHistoryOp *pl_project_statement_ops  (gsize *n_ops);
const PlHistoryOp *pl_codebook_edit_ops      (gsize *n_ops);

/* Column readers that turn SQL NULL into a NULL string. */
char         *pl_sql_dup_text          (sqlite3_stmt *stmt,
                                        int           column);

/* "2026-11-22T10:00:00Z" for now. */
char         *pl_now_iso8601           (void);

/* A coder's initials made from @name: the first letter of each word, in upper case. */
char         *pl_project_initials_of   (const char   *name);

G_END_DECLS
