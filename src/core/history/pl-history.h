/* pl-history.h — undo and redo: transactions and op tables
 *
 * Each user action is one transaction that also records one history entry: a label for the
 * menu ("Undo Apply “Ransomware”") and two lists of operations, one that redoes the action
 * and one that undoes it.  An operation is a JSON object { "op": NAME, … }; operations refer
 * to things by GUID, so they stay valid across restarts.  Undo runs the undo list in a new
 * transaction and marks the entry undone; redo runs the redo list.  A new action discards
 * the entries that were undone (linear history).
 *
 * History knows nothing of what an operation does.  Its owner (the project) hands it the
 * database through a PlHistoryStore and registers tables of operations (PlHistoryOp), one
 * table per store module, for itself: there is no process-wide registry, and history calls
 * no client but through those tables.
 *
 * An operation handler runs inside the transaction.  It changes the database and may queue
 * work for after the commit (updating the in-memory mirror, emitting signals) through its
 * owner: if the transaction fails, the queued work is dropped.
 *
 * store/ owns the history and runs its operations; codebook/ composes actions of several
 * operations with pl_history_begin() and friends.  The database is store's alone: this
 * header names SQLite's statement type only as an opaque pointer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Runs one operation on behalf of @owner. */
typedef gboolean (*PlHistoryOpFunc) (gpointer     owner,
                                     JsonObject  *op,
                                     GError     **error);

typedef struct
{
  const char      *name;
  PlHistoryOpFunc  func;
} PlHistoryOp;

struct sqlite3_stmt;

/* What history needs of its owner: cached statements and transactions. */
typedef struct
{
  /* A cached prepared statement, reset and with bindings cleared. */
  struct sqlite3_stmt *(*prepare)   (gpointer owner, const char *sql, GError **error);
  /* Steps a statement that returns no row and resets it. */
  gboolean             (*step_done) (gpointer owner, struct sqlite3_stmt *stmt, const char *what, GError **error);
  gboolean             (*begin)     (gpointer owner, GError **error);
  gboolean             (*commit)    (gpointer owner, GError **error);
  void                 (*rollback)  (gpointer owner);
  /* Called after a commit that changed the history (to tell views). */
  void                 (*changed)   (gpointer owner);
} PlHistoryStore;

typedef struct _PlHistory PlHistory;
typedef struct _PlHistoryAction PlHistoryAction;

PlHistory       *pl_history_new            (const PlHistoryStore  *store,
                                            gpointer               owner);
void             pl_history_free           (PlHistory             *self);

/* Registers @n_ops operations of a static table (not copied). */
void             pl_history_register       (PlHistory             *self,
                                            const PlHistoryOp     *ops,
                                            gsize                  n_ops);

/* The one runner.  An action begins a transaction, runs operations (each with the operation
 * that undoes it), and commits with a label; on any failure the caller aborts it. */
PlHistoryAction *pl_history_begin          (PlHistory             *self,
                                            GError               **error);
/* Runs @redo now and keeps @undo (undo runs the kept operations newest first); takes
 * both. */
gboolean         pl_history_action_run     (PlHistoryAction       *action,
                                            JsonObject            *redo,
                                            JsonObject            *undo,
                                            GError               **error);
/* Records the entry and commits; frees @action whatever the outcome (rolled back on
 * failure). */
gboolean         pl_history_action_commit  (PlHistoryAction       *action,
                                            const char            *label,
                                            GError               **error);
/* Rolls back and frees @action. */
void             pl_history_action_abort   (PlHistoryAction       *action);

/* An action of one operation: begin, run, commit. */
gboolean         pl_history_run            (PlHistory             *self,
                                            const char            *label,
                                            JsonObject            *redo,
                                            JsonObject            *undo,
                                            GError               **error);

/* Undoes the newest action that is not undone; FALSE with no error when there is none. */
gboolean         pl_history_undo           (PlHistory             *self,
                                            GError               **error);
gboolean         pl_history_redo           (PlHistory             *self,
                                            GError               **error);
/* The label of what undo / redo would do, or NULL. */
char            *pl_history_dup_undo_label (PlHistory             *self);
char            *pl_history_dup_redo_label (PlHistory             *self);

/* A new operation { "op": @name }. */
JsonObject      *pl_history_op_new         (const char            *name);

G_END_DECLS
