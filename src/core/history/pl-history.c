/* pl-history.c — undo and redo of every user action, stored in the project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-history"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-edit.h"
#include "pl-error.h"
#include "pl-history.h"
#include "pl-project-private.h"
#include "pl-project-statements.h"

/* Entries kept: enough for weeks of coding, bounded so the file does not grow forever. */
#define MAX_ENTRIES 20000

static GHashTable *registry;  /* name → PlHistoryOpFunc */
static GMutex registry_lock;

static void
register_builtin_ops (void)
{
  pl_project_annotations_register_ops ();
  pl_project_documents_register_ops ();
  pl_project_statements_init ();
  pl_codebook_edit_register_ops ();
}

static void
ensure_registry (void)
{
  static gsize initialised = 0;

  if (g_once_init_enter (&initialised))
    {
      g_mutex_lock (&registry_lock);
      registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_mutex_unlock (&registry_lock);
      register_builtin_ops ();
      g_once_init_leave (&initialised, 1);
    }
}

void
pl_history_register_op (const char      *name,
                        PlHistoryOpFunc  func)
{
  g_return_if_fail (name != NULL);
  g_return_if_fail (func != NULL);

  if (registry == NULL)
    ensure_registry ();

  g_mutex_lock (&registry_lock);
  g_hash_table_replace (registry, g_strdup (name), func);
  g_mutex_unlock (&registry_lock);
}

static PlHistoryOpFunc
lookup_op (const char *name)
{
  PlHistoryOpFunc func;

  ensure_registry ();
  g_mutex_lock (&registry_lock);
  func = name != NULL ? g_hash_table_lookup (registry, name) : NULL;
  g_mutex_unlock (&registry_lock);
  return func;
}

JsonNode *
pl_history_ops_new (void)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, json_array_new ());
  return node;
}

JsonObject *
pl_history_op_new (const char *name)
{
  JsonObject *op = json_object_new ();

  g_return_val_if_fail (name != NULL, op);
  json_object_set_string_member (op, "op", name);
  return op;
}

void
pl_history_ops_add (JsonNode   *ops,
                    JsonObject *op)
{
  g_return_if_fail (ops != NULL && JSON_NODE_HOLDS_ARRAY (ops));
  g_return_if_fail (op != NULL);

  json_array_add_object_element (json_node_get_array (ops), op);
}

static void
announce_history (PlProject *self,
                  gpointer   data)
{
  pl_project_emit (self, PL_PROJECT_SIGNAL_HISTORY_CHANGED, NULL);
}

gboolean
pl_history_record (PlProject   *project,
                   const char  *label,
                   JsonNode    *redo,
                   JsonNode    *undo,
                   GError     **error)
{
  g_autofree char *redo_text = NULL;
  g_autofree char *undo_text = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (redo != NULL && JSON_NODE_HOLDS_ARRAY (redo), FALSE);
  g_return_val_if_fail (undo != NULL && JSON_NODE_HOLDS_ARRAY (undo), FALSE);

  /* A new action makes what was undone unreachable. */
  stmt = pl_project_prepare (project, "DELETE FROM history WHERE undone = 1", error);
  if (stmt == NULL || !pl_project_step_done (project, stmt, "update the history", error))
    return FALSE;

  redo_text = json_to_string (redo, FALSE);
  undo_text = json_to_string (undo, FALSE);
  now = pl_now_iso8601 ();

  stmt = pl_project_prepare (project,
                             "INSERT INTO history (label, kind, undo, redo, created)"
                             " VALUES (?, 'ops', ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, undo_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, redo_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
  if (!pl_project_step_done (project, stmt, "update the history", error))
    return FALSE;

  id = sqlite3_last_insert_rowid (pl_project_get_db (project));
  if (id > MAX_ENTRIES)
    {
      stmt = pl_project_prepare (project, "DELETE FROM history WHERE id <= ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id - MAX_ENTRIES);
      if (!pl_project_step_done (project, stmt, "update the history", error))
        return FALSE;
    }

  pl_project_defer (project, announce_history, NULL, NULL);
  return TRUE;
}

static gboolean
run_ops (PlProject   *project,
         const char  *text,
         GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonArray *ops;

  if (!json_parser_load_from_data (parser, text, -1, NULL)
      || (root = json_parser_get_root (parser)) == NULL
      || !JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The undo history of this project is damaged."));
      return FALSE;
    }

  ops = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (ops); i++)
    {
      JsonNode *node = json_array_get_element (ops, i);
      JsonObject *op;
      PlHistoryOpFunc func;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                       _("The undo history of this project is damaged."));
          return FALSE;
        }

      op = json_node_get_object (node);
      func = lookup_op (json_object_get_string_member_with_default (op, "op", NULL));
      if (func == NULL)
        {
          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                       _("This version of Plenary cannot undo or redo “%s”."),
                       json_object_get_string_member_with_default (op, "op", "?"));
          return FALSE;
        }

      if (!func (project, op, error))
        return FALSE;
    }

  return TRUE;
}

/* Undo takes the newest entry that is not undone; redo the oldest undone one. */
static gboolean
step (PlProject  *project,
      gboolean    undo,
      GError    **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *ops = NULL;
  gint64 id = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  stmt = pl_project_prepare (project,
                             undo ? "SELECT id, undo FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                                  : "SELECT id, redo FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      ops = pl_sql_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (id == 0)
    return FALSE;

  if (!pl_project_begin (project, error))
    return FALSE;

  if (!run_ops (project, ops, error))
    goto failed;

  stmt = pl_project_prepare (project, "UPDATE history SET undone = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int (stmt, 1, undo ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!pl_project_step_done (project, stmt, "update the history", error))
    goto failed;

  pl_project_defer (project, announce_history, NULL, NULL);
  return pl_project_commit (project, error);

failed:
  pl_project_rollback (project);
  return FALSE;
}

gboolean
pl_project_undo (PlProject  *project,
                 GError    **error)
{
  return step (project, TRUE, error);
}

gboolean
pl_project_redo (PlProject  *project,
                 GError    **error)
{
  return step (project, FALSE, error);
}

static char *
dup_label (PlProject *project,
           gboolean   undo)
{
  sqlite3_stmt *stmt;
  char *label = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  stmt = pl_project_prepare (project,
                             undo ? "SELECT label FROM history WHERE undone = 0 ORDER BY id DESC LIMIT 1"
                                  : "SELECT label FROM history WHERE undone = 1 ORDER BY id ASC LIMIT 1",
                             NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    label = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return label;
}

char *
pl_project_dup_undo_label (PlProject *project)
{
  return dup_label (project, TRUE);
}

char *
pl_project_dup_redo_label (PlProject *project)
{
  return dup_label (project, FALSE);
}

gboolean
pl_project_can_undo (PlProject *project)
{
  g_autofree char *label = pl_project_dup_undo_label (project);

  return label != NULL;
}

gboolean
pl_project_can_redo (PlProject *project)
{
  g_autofree char *label = pl_project_dup_redo_label (project);

  return label != NULL;
}
