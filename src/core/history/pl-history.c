/* pl-history.c — undo and redo: transactions and op tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-history"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "pl-error.h"
#include "pl-history.h"
#include "pl-json.h"

/* Entries kept: enough for weeks of coding, bounded so the file does not grow forever. */
#define MAX_ENTRIES 20000

/* The entries undone are always the newest (undo takes the newest done, redo the oldest
 * undone, a new action drops the undone): they are the ones after the newest done entry.
 * Found from the end of the table, this costs the undone entries, not the whole history. */
#define NEWEST_DONE "coalesce ((SELECT id FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1), 0)"

struct _PlHistory
{
  const PlHistoryStore *store;
  gpointer              owner;
  GHashTable           *ops;     /* name → PlHistoryOpFunc (borrowed from static tables) */
};

struct _PlHistoryAction
{
  PlHistory *history;
  JsonArray *redo;
  GPtrArray *undo;                /* JsonObject, in the order their redo operations ran */
};

PlHistory *
pl_history_new (const PlHistoryStore *store,
                gpointer              owner)
{
  PlHistory *self;

  g_return_val_if_fail (store != NULL, NULL);

  self = g_new0 (PlHistory, 1);
  self->store = store;
  self->owner = owner;
  self->ops = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
pl_history_free (PlHistory *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->ops);
  g_free (self);
}

void
pl_history_register (PlHistory         *self,
                     const PlHistoryOp *ops,
                     gsize              n_ops)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (ops != NULL || n_ops == 0);

  for (gsize i = 0; i < n_ops; i++)
    {
      g_return_if_fail (!g_hash_table_contains (self->ops, ops[i].name));
      g_hash_table_insert (self->ops, (gpointer) ops[i].name, ops[i].func);
    }
}

JsonObject *
pl_history_op_new (const char *name)
{
  JsonObject *op = json_object_new ();

  g_return_val_if_fail (name != NULL, op);
  json_object_set_string_member (op, "op", name);
  return op;
}

static gboolean
damaged (GError **error)
{
  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
               _("The undo history of this project is damaged."));
  return FALSE;
}

static gboolean
run_op (PlHistory   *self,
        JsonObject  *op,
        GError     **error)
{
  const char *name = pl_json_member_string (op, "op");
  PlHistoryOpFunc func = name != NULL ? g_hash_table_lookup (self->ops, name) : NULL;

  if (func == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("This version of Plenary cannot undo or redo “%s”."),
                   name != NULL ? name : "?");
      return FALSE;
    }
  return func (self->owner, op, error);
}

/* Actions */

PlHistoryAction *
pl_history_begin (PlHistory  *self,
                  GError    **error)
{
  PlHistoryAction *action;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->store->begin (self->owner, error))
    return NULL;

  action = g_new0 (PlHistoryAction, 1);
  action->history = self;
  action->redo = json_array_new ();
  action->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  return action;
}

static void
action_free (PlHistoryAction *action)
{
  json_array_unref (action->redo);
  g_ptr_array_unref (action->undo);
  g_free (action);
}

void
pl_history_action_abort (PlHistoryAction *action)
{
  g_return_if_fail (action != NULL);

  action->history->store->rollback (action->history->owner);
  action_free (action);
}

gboolean
pl_history_action_run (PlHistoryAction  *action,
                       JsonObject       *redo,
                       JsonObject       *undo,
                       GError          **error)
{
  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (redo != NULL && undo != NULL, FALSE);

  if (!run_op (action->history, redo, error))
    {
      json_object_unref (redo);
      json_object_unref (undo);
      return FALSE;
    }
  json_array_add_object_element (action->redo, redo);
  g_ptr_array_add (action->undo, undo);
  return TRUE;
}

/* Writes the entry inside the action's transaction. */
static gboolean
record (PlHistoryAction  *action,
        const char       *label,
        GError          **error)
{
  PlHistory *self = action->history;
  const PlHistoryStore *store = self->store;
  g_autoptr(JsonNode) redo = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonNode) undo = json_node_new (JSON_NODE_ARRAY);
  JsonArray *undo_ops = json_array_new ();
  g_autofree char *redo_text = NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  sqlite3_stmt *stmt;
  gint64 id;

  for (guint i = action->undo->len; i > 0; i--)
    json_array_add_object_element (undo_ops, json_object_ref (g_ptr_array_index (action->undo, i - 1)));
  json_node_set_array (redo, action->redo);
  json_node_take_array (undo, undo_ops);
  redo_text = json_to_string (redo, FALSE);
  undo_text = json_to_string (undo, FALSE);
  now = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  /* A new action makes what was undone unreachable. */
  stmt = store->prepare (self->owner, "DELETE FROM history WHERE id > " NEWEST_DONE, error);
  if (stmt == NULL || !store->step_done (self->owner, stmt, "update the history", error))
    return FALSE;

  stmt = store->prepare (self->owner,
                         "INSERT INTO history (label, kind, undo, redo, created)"
                         " VALUES (?, 'ops', ?, ?, ?) RETURNING id",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, undo_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, redo_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return store->step_done (self->owner, stmt, "update the history", error) && damaged (error);
  id = sqlite3_column_int64 (stmt, 0);
  if (!store->step_done (self->owner, stmt, "update the history", error))
    return FALSE;

  if (id > MAX_ENTRIES)
    {
      stmt = store->prepare (self->owner, "DELETE FROM history WHERE id <= ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id - MAX_ENTRIES);
      if (!store->step_done (self->owner, stmt, "update the history", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
pl_history_action_commit (PlHistoryAction  *action,
                          const char       *label,
                          GError          **error)
{
  PlHistory *self;

  g_return_val_if_fail (action != NULL, FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  self = action->history;
  if (!record (action, label, error))
    {
      pl_history_action_abort (action);
      return FALSE;
    }
  action_free (action);

  if (!self->store->commit (self->owner, error))
    return FALSE;
  self->store->changed (self->owner);
  return TRUE;
}

gboolean
pl_history_run (PlHistory   *self,
                const char  *label,
                JsonObject  *redo,
                JsonObject  *undo,
                GError     **error)
{
  PlHistoryAction *action;

  g_return_val_if_fail (self != NULL, FALSE);

  action = pl_history_begin (self, error);
  if (action == NULL)
    {
      json_object_unref (redo);
      json_object_unref (undo);
      return FALSE;
    }
  if (!pl_history_action_run (action, redo, undo, error))
    {
      pl_history_action_abort (action);
      return FALSE;
    }
  return pl_history_action_commit (action, label, error);
}

/* Undo and redo */

static gboolean
run_ops (PlHistory   *self,
         const char  *text,
         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *ops;

  root = text != NULL ? pl_json_parse (text, -1, "history", NULL) : NULL;
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return damaged (error);

  ops = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonNode *node = json_array_get_element (ops, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return damaged (error);
      if (!run_op (self, json_node_get_object (node), error))
        return FALSE;
    }
  return TRUE;
}

/* Undo takes the newest entry that is not undone; redo the oldest undone one. */
static gboolean
step (PlHistory  *self,
      gboolean    undo,
      GError    **error)
{
  const PlHistoryStore *store;
  sqlite3_stmt *stmt;
  g_autofree char *ops = NULL;
  gint64 id = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  store = self->store;
  stmt = store->prepare (self->owner,
                         undo ? "SELECT id, undo FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                              : "SELECT id, redo FROM history WHERE id > " NEWEST_DONE " ORDER BY id LIMIT 1",
                         error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      ops = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (id == 0)
    return FALSE;

  if (!store->begin (self->owner, error))
    return FALSE;

  if (!run_ops (self, ops, error))
    goto failed;

  stmt = store->prepare (self->owner, "UPDATE history SET undone = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, undo ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!store->step_done (self->owner, stmt, "update the history", error))
    goto failed;

  if (!store->commit (self->owner, error))
    return FALSE;
  store->changed (self->owner);
  return TRUE;

failed:
  store->rollback (self->owner);
  return FALSE;
}

gboolean
pl_history_undo (PlHistory  *self,
                 GError    **error)
{
  return step (self, TRUE, error);
}

gboolean
pl_history_redo (PlHistory  *self,
                 GError    **error)
{
  return step (self, FALSE, error);
}

static char *
dup_label (PlHistory *self,
           gboolean   undo)
{
  sqlite3_stmt *stmt;
  char *label = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = self->store->prepare (self->owner,
                               undo ? "SELECT label FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                                    : "SELECT label FROM history WHERE id > " NEWEST_DONE " ORDER BY id LIMIT 1",
                               NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    label = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return label;
}

char *
pl_history_dup_undo_label (PlHistory *self)
{
  return dup_label (self, TRUE);
}

char *
pl_history_dup_redo_label (PlHistory *self)
{
  return dup_label (self, FALSE);
}
