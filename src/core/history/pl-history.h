/* pl-history.h — undo and redo of every user action, stored in the project
 *
 * Each user action is one transaction that also records one history entry: a label for the
 * menu ("Undo Apply “Ransomware”") and two lists of operations, one that redoes the action
 * and one that undoes it.  An operation is a JSON object { "op": NAME, … } whose NAME a
 * core module registered with pl_history_register_op(); operations refer to things by GUID,
 * so they stay valid across restarts.  Undo runs the undo list (in order) in a new
 * transaction and marks the entry undone; redo runs the redo list.  A new action discards
 * the entries that were undone (linear history).
 *
 * An operation handler runs inside the transaction.  It changes the database with SQL and
 * may queue work for after the commit with pl_project_defer() (updating the in-memory
 * mirror, emitting signals): if the transaction fails, the queued work is dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pl-project.h"

G_BEGIN_DECLS

typedef gboolean (*PlHistoryOpFunc) (PlProject   *project,
                                     JsonObject  *op,
                                     GError     **error);

/* Registers the handler of operations named @name (once, at start-up; thread-safe). */
void         pl_history_register_op  (const char      *name,
                                      PlHistoryOpFunc  func);

/* Records an action inside the current transaction.  @redo and @undo are JSON arrays of
 * operations (references are taken; floating-free JsonNode arrays).  Discards undone
 * entries. */
gboolean     pl_history_record       (PlProject   *project,
                                      const char  *label,
                                      JsonNode    *redo,
                                      JsonNode    *undo,
                                      GError     **error);

/* Undoes the newest action that is not undone; FALSE with no error when there is none. */
gboolean     pl_project_undo         (PlProject   *project,
                                      GError     **error);
gboolean     pl_project_redo         (PlProject   *project,
                                      GError     **error);
gboolean     pl_project_can_undo     (PlProject   *project);
gboolean     pl_project_can_redo     (PlProject   *project);
/* The label of what undo / redo would do, or NULL. */
char        *pl_project_dup_undo_label (PlProject *project);
char        *pl_project_dup_redo_label (PlProject *project);

/* Builders for operation lists: pl_history_ops_new () then json_array_add_object_element. */
JsonNode    *pl_history_ops_new      (void);
JsonObject  *pl_history_op_new       (const char  *name);
void         pl_history_ops_add      (JsonNode    *ops,
                                      JsonObject  *op);

G_END_DECLS
