/* pl-project-gazetteer.c — the project's own gazetteer, layered over the built-in one
 *
 * Each change is one undoable action, through the history operations
 *   "gazetteer.put"     { name, entity, type, iso3, group }
 *   "gazetteer.delete"  { name }
 * The undo of a put restores what the project had under that name, or deletes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-statements"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-json.h"
#include "pl-history.h"
#include "pl-project-gazetteer.h"
#include "pl-project-private.h"

static void
forget_gazetteer (PlProject *self,
                  gpointer   data)
{
  g_clear_object (&self->gazetteer);
}

static gboolean
op_gazetteer_put (gpointer     owner,
                  JsonObject  *op,
                  GError     **error)
{
  PlProject *self = owner;
  const char *name = pl_json_member_string (op, "name");
  const char *entity = pl_json_member_string (op, "entity");
  const char *type = pl_json_member_string (op, "type");
  PlEntityType parsed;
  sqlite3_stmt *stmt;
  g_autofree char *now = pl_now_iso8601 ();

  if (name == NULL || entity == NULL || !pl_entity_type_from_string (type, &parsed))
    return pl_project_set_history_damaged (error);

  stmt = pl_project_prepare (self,
                             "INSERT INTO gazetteer_entries (name, entity, entity_type, iso3,"
                             " regional_group, created) VALUES (?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (name) DO UPDATE SET entity = excluded.entity,"
                             " entity_type = excluded.entity_type, iso3 = excluded.iso3,"
                             " regional_group = excluded.regional_group",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, type, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 4, pl_json_member_string (op, "iso3"));
  pl_sql_bind_text_or_null (stmt, 5, pl_json_member_string (op, "group"));
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  if (!pl_project_step_done (self, stmt, "save the gazetteer entry", error))
    return FALSE;

  forget_gazetteer (self, NULL);
  pl_project_defer (self, forget_gazetteer, NULL, NULL);
  return TRUE;
}

static gboolean
op_gazetteer_delete (gpointer     owner,
                     JsonObject  *op,
                     GError     **error)
{
  PlProject *self = owner;
  const char *name = pl_json_member_string (op, "name");
  sqlite3_stmt *stmt;

  if (name == NULL)
    return pl_project_set_history_damaged (error);

  stmt = pl_project_prepare (self, "DELETE FROM gazetteer_entries WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!pl_project_step_done (self, stmt, "remove the gazetteer entry", error))
    return FALSE;

  forget_gazetteer (self, NULL);
  pl_project_defer (self, forget_gazetteer, NULL, NULL);
  return TRUE;
}

static const PlHistoryOp gazetteer_ops[] = {
  { "gazetteer.put", op_gazetteer_put },
  { "gazetteer.delete", op_gazetteer_delete },
};

const PlHistoryOp *
pl_project_gazetteer_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (gazetteer_ops);
  return gazetteer_ops;
}

PlGazetteer *
pl_project_get_gazetteer (PlProject *self)
{
  PlGazetteer *gazetteer;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), pl_gazetteer_get_default ());

  if (self->gazetteer != NULL)
    return self->gazetteer;

  stmt = pl_project_prepare (self,
                             "SELECT name, entity, entity_type, iso3, regional_group"
                             " FROM gazetteer_entries ORDER BY id",
                             NULL);
  if (stmt == NULL)
    return pl_gazetteer_get_default ();

  gazetteer = pl_gazetteer_new_layered (pl_gazetteer_get_default ());
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      const char *entity = (const char *)sqlite3_column_text (stmt, 1);
      PlEntityType type;

      if (!pl_entity_type_from_string ((const char *)sqlite3_column_text (stmt, 2), &type))
        type = PL_ENTITY_TYPE_UNKNOWN;

      pl_gazetteer_add_entry (gazetteer, name, entity, type,
                              (const char *)sqlite3_column_text (stmt, 3),
                              (const char *)sqlite3_column_text (stmt, 4));
      /* A name remembered for another entity ("Vladimir Shin" for the Russian Federation)
       * is also a person the segmenter recognises later by surname ("Shin said"). */
      if (g_strcmp0 (name, entity) != 0)
        pl_gazetteer_add_person (gazetteer, name, NULL, entity);
    }
  sqlite3_reset (stmt);

  self->gazetteer = gazetteer;
  return gazetteer;
}

static gboolean
is_iso3 (const char *code)
{
  return strlen (code) == 3 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && g_ascii_isupper (code[2]);
}

gboolean
pl_project_add_gazetteer_entry (PlProject                   *self,
                                const PlGazetteerEntrySpec  *entry,
                                GError                     **error)
{
  g_autofree char *clean_name = NULL;
  g_autofree char *clean_entity = NULL;
  g_autofree char *label = NULL;
  const char *iso3, *group;
  PlEntityType type;
  JsonObject *redo, *undo;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (entry != NULL, FALSE);
  g_return_val_if_fail ((guint)entry->type <= PL_ENTITY_TYPE_SECRETARIAT, FALSE);

  type = entry->type;
  clean_name = g_strstrip (g_strdup (entry->name != NULL ? entry->name : ""));
  clean_entity = g_strstrip (g_strdup (entry->entity != NULL ? entry->entity : ""));
  iso3 = entry->iso3 != NULL && entry->iso3[0] != '\0' ? entry->iso3 : NULL;
  group = entry->group != NULL && entry->group[0] != '\0' ? entry->group : NULL;

  if (clean_name[0] == '\0' || clean_entity[0] == '\0')
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("A gazetteer entry needs both a name and the entity it stands for."));
      return FALSE;
    }
  if (!g_utf8_validate (clean_name, -1, NULL) || !g_utf8_validate (clean_entity, -1, NULL)
      || (group != NULL && !g_utf8_validate (group, -1, NULL)))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The gazetteer entry is not valid UTF-8."));
      return FALSE;
    }
  if (iso3 != NULL && !is_iso3 (iso3))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not an ISO 3166 alpha-3 code: use three capital letters, such as “JPN”."), iso3);
      return FALSE;
    }

  redo = pl_history_op_new ("gazetteer.put");
  json_object_set_string_member (redo, "name", clean_name);
  json_object_set_string_member (redo, "entity", clean_entity);
  json_object_set_string_member (redo, "type", pl_entity_type_to_string (type));
  pl_json_set_string_or_null (redo, "iso3", iso3);
  pl_json_set_string_or_null (redo, "group", group);

  /* The undo restores what the project had under that name, or removes the name. */
  stmt = pl_project_prepare (self,
                             "SELECT entity, entity_type, iso3, regional_group FROM gazetteer_entries"
                             " WHERE name = ?",
                             error);
  if (stmt == NULL)
    {
      json_object_unref (redo);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, clean_name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      undo = pl_history_op_new ("gazetteer.put");
      json_object_set_string_member (undo, "name", clean_name);
      json_object_set_string_member (undo, "entity", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (undo, "type", (const char *)sqlite3_column_text (stmt, 1));
      pl_json_set_string_or_null (undo, "iso3", (const char *)sqlite3_column_text (stmt, 2));
      pl_json_set_string_or_null (undo, "group", (const char *)sqlite3_column_text (stmt, 3));
    }
  else
    {
      undo = pl_history_op_new ("gazetteer.delete");
      json_object_set_string_member (undo, "name", clean_name);
    }
  sqlite3_reset (stmt);

  label = g_strdup_printf (_("Add “%s” to the Gazetteer"), clean_name);
  return pl_history_run (pl_project_get_history (self), label, redo, undo, error);
}

gboolean
pl_project_remove_gazetteer_entry (PlProject   *self,
                                   const char  *name,
                                   GError     **error)
{
  g_autofree char *label = NULL;
  JsonObject *redo, *undo = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stmt = pl_project_prepare (self,
                             "SELECT entity, entity_type, iso3, regional_group FROM gazetteer_entries"
                             " WHERE name = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      undo = pl_history_op_new ("gazetteer.put");
      json_object_set_string_member (undo, "name", name);
      json_object_set_string_member (undo, "entity", (const char *)sqlite3_column_text (stmt, 0));
      json_object_set_string_member (undo, "type", (const char *)sqlite3_column_text (stmt, 1));
      pl_json_set_string_or_null (undo, "iso3", (const char *)sqlite3_column_text (stmt, 2));
      pl_json_set_string_or_null (undo, "group", (const char *)sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);

  if (undo == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("The project’s gazetteer has no entry “%s”."), name);
      return FALSE;
    }

  redo = pl_history_op_new ("gazetteer.delete");
  json_object_set_string_member (redo, "name", name);

  label = g_strdup_printf (_("Remove “%s” from the Gazetteer"), name);
  return pl_history_run (pl_project_get_history (self), label, redo, undo, error);
}
