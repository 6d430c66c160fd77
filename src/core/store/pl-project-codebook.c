/* pl-project-codebook.c — the codebook's history operations, and what codebook/ reads
 *
 * See pl-project-codebook.h for the operations.  They run inside the action's transaction
 * and queue for after its commit one reload of the codes list and the announcements of the
 * annotations they changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-json.h"
#include "pl-history.h"
#include "pl-project-codebook.h"
#include "pl-project-private.h"

/* Rows as the database holds them */

void
pl_code_record_free (PlCodeRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->guid);
  g_free (record->parent_guid);
  g_free (record->short_id);
  g_free (record->name);
  g_free (record->color);
  g_free (record->color_dark);
  g_free (record->shortcut);
  g_free (record->definition);
  g_free (record->inclusion);
  g_free (record->exclusion);
  g_free (record->example);
  g_free (record->created);
  g_free (record->modified);
  g_free (record);
}

#define CODE_COLUMNS \
  "SELECT c.id, c.parent_id, c.position, c.guid, p.guid, c.short_id, c.name, c.color," \
  " c.color_dark, c.shortcut, c.definition, c.inclusion, c.exclusion, c.example," \
  " c.created, c.modified, c.codable FROM codes c LEFT JOIN codes p ON p.id = c.parent_id"

static PlCodeRecord *
code_record_from_row (sqlite3_stmt *stmt)
{
  PlCodeRecord *record = g_new0 (PlCodeRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->parent_id = sqlite3_column_int64 (stmt, 1);
  record->position = sqlite3_column_int64 (stmt, 2);
  record->guid = pl_sql_dup_text (stmt, 3);
  record->parent_guid = pl_sql_dup_text (stmt, 4);
  record->short_id = pl_sql_dup_text (stmt, 5);
  record->name = pl_sql_dup_text (stmt, 6);
  record->color = pl_sql_dup_text (stmt, 7);
  record->color_dark = pl_sql_dup_text (stmt, 8);
  record->shortcut = pl_sql_dup_text (stmt, 9);
  record->definition = pl_sql_dup_text (stmt, 10);
  record->inclusion = pl_sql_dup_text (stmt, 11);
  record->exclusion = pl_sql_dup_text (stmt, 12);
  record->example = pl_sql_dup_text (stmt, 13);
  record->created = pl_sql_dup_text (stmt, 14);
  record->modified = pl_sql_dup_text (stmt, 15);
  record->codable = sqlite3_column_int (stmt, 16) != 0;
  return record;
}

static PlCodeRecord *
read_code_where (PlProject   *project,
                 const char  *where,
                 gint64       id,
                 const char  *guid,
                 GError     **error)
{
  g_autofree char *sql = g_strconcat (CODE_COLUMNS, " WHERE ", where, NULL);
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, error);
  PlCodeRecord *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (guid != NULL)
    sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = code_record_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("The code does not exist any more."));
  else
    pl_project_set_sql_error (project, error, "read the codebook");
  sqlite3_reset (stmt);
  return record;
}

PlCodeRecord *
pl_project_read_code (PlProject  *self,
                      gint64      code_id,
                      GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return read_code_where (self, "c.id = ?", code_id, NULL, error);
}

PlCodeRecord *
pl_project_read_code_by_guid (PlProject   *self,
                              const char  *guid,
                              GError     **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (guid != NULL, NULL);
  return read_code_where (self, "c.guid = ?", 0, guid, error);
}

GPtrArray *
pl_project_read_code_children (PlProject  *self,
                               gint64      parent_id,
                               GError    **error)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_code_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  stmt = pl_project_prepare (self, CODE_COLUMNS " WHERE c.parent_id IS ? ORDER BY c.position, c.id",
                             error);
  if (stmt == NULL)
    return NULL;
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 1, parent_id);
  else
    sqlite3_bind_null (stmt, 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (children, code_record_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the codebook");
      return NULL;
    }
  return g_steal_pointer (&children);
}

gboolean
pl_project_code_is_within (PlProject *self,
                           gint64     code_id,
                           gint64     ancestor_id)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  stmt = pl_project_prepare (self,
                             "WITH RECURSIVE up(id, parent_id) AS ("
                             " SELECT id, parent_id FROM codes WHERE id = ?"
                             " UNION ALL SELECT c.id, c.parent_id FROM codes c JOIN up ON c.id = up.parent_id)"
                             " SELECT 1 FROM up WHERE id = ?",
                             NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code_id);
  sqlite3_bind_int64 (stmt, 2, ancestor_id);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return found;
}

/* Annotations, with the GUIDs their history operations need. */

void
pl_annotation_record_free (PlAnnotationRecord *record)
{
  g_clear_pointer (&record->annotation, pl_annotation_unref);
  g_free (record->document_guid);
  g_free (record->code_guid);
  g_free (record->coder_guid);
  g_free (record);
}

/* The columns of pl_project_annotation_from_row(), then the GUIDs. */
#define ANNOTATION_COLUMNS \
  "SELECT a.id, a.guid, a.document_id, a.code_id, a.coder_id, a.start_offset, a.end_offset," \
  " a.memo, a.created, a.modified, a.stance, a.codebook_version, d.guid, c.guid, k.guid" \
  " FROM annotations a JOIN documents d ON d.id = a.document_id" \
  " JOIN codes c ON c.id = a.code_id JOIN coders k ON k.id = a.coder_id"

static PlAnnotationRecord *
annotation_record_from_row (sqlite3_stmt *stmt)
{
  PlAnnotationRecord *record = g_new0 (PlAnnotationRecord, 1);

  record->annotation = pl_project_annotation_from_row (stmt);
  record->document_guid = pl_sql_dup_text (stmt, 12);
  record->code_guid = pl_sql_dup_text (stmt, 13);
  record->coder_guid = pl_sql_dup_text (stmt, 14);
  return record;
}

static PlAnnotationRecord *
read_annotation (PlProject   *project,
                 const char  *guid,
                 GError     **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, ANNOTATION_COLUMNS " WHERE a.guid = ?", error);
  PlAnnotationRecord *record = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    record = annotation_record_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("There is no annotation %s in this project."), guid);
  else
    pl_project_set_sql_error (project, error, "read the annotation");
  sqlite3_reset (stmt);
  return record;
}

GPtrArray *
pl_project_read_code_annotations (PlProject  *self,
                                  gint64      code_id,
                                  GError    **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  stmt = pl_project_prepare (self,
                             ANNOTATION_COLUMNS " WHERE a.code_id = ?"
                             " ORDER BY a.document_id, a.start_offset, a.end_offset DESC, a.id",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, code_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, annotation_record_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the annotations");
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* After the commit: one reload of the codes per transaction, and the announcements */

static void
reload_codes (PlProject *project,
              gpointer   data)
{
  pl_project_reload_codes (project);
}

static void
reload_done (gpointer data)
{
  PlProject *project = data;

  project->codes_reload_queued = FALSE;
}

static void
queue_reload (PlProject *project)
{
  if (project->codes_reload_queued)
    return;
  project->codes_reload_queued = TRUE;
  pl_project_defer (project, reload_codes, project, reload_done);
}

static void
announce_added (PlProject *project,
                gpointer   data)
{
  pl_project_emit (project, PL_PROJECT_SIGNAL_ANNOTATION_ADDED, data);
}

static void
announce_removed (PlProject *project,
                  gpointer   data)
{
  pl_project_emit (project, PL_PROJECT_SIGNAL_ANNOTATION_REMOVED, data);
}

/* An annotation that was deleted or restored also changes its document's count (codes
 * are recounted by the reload). */
static void
adjust_document (PlProject          *project,
                 const PlAnnotation *annotation,
                 int                 delta)
{
  PlDocument *document = pl_project_find_document (project, annotation->document_id);

  pl_project_coverage_count (project, annotation, delta);
  if (document != NULL)
    pl_document_set_n_annotations (document, pl_document_get_n_annotations (document) + delta);
}

static void
announce_inserted (PlProject *project,
                   gpointer   data)
{
  adjust_document (project, data, +1);
  announce_added (project, data);
}

static void
announce_deleted (PlProject *project,
                  gpointer   data)
{
  adjust_document (project, data, -1);
  announce_removed (project, data);
}

static void
announce_changed (PlProject *project,
                  gpointer   data)
{
  pl_project_emit (project, PL_PROJECT_SIGNAL_ANNOTATION_CHANGED, data);
}

static void
defer_announce (PlProject          *project,
                PlProjectDeferFunc  func,
                PlAnnotation       *annotation)
{
  pl_project_defer (project, func, pl_annotation_ref (annotation),
                    (GDestroyNotify) pl_annotation_unref);
}

/* Operations */

static void
set_constraint_error (PlProject   *project,
                      GError     **error,
                      const char  *name,
                      const char  *what)
{
  int code = sqlite3_extended_errcode (pl_project_get_db (project));

  if (code == SQLITE_CONSTRAINT_UNIQUE)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                 _("Another code already has the short id, GUID or shortcut of “%s”."), name);
  else if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                 _("“%s” still has sub-codes or annotations."), name);
  else
    pl_project_set_sql_error (project, error, what);
}

static gboolean
op_code_insert (gpointer     owner,
                JsonObject  *op,
                GError     **error)
{
  PlProject *project = owner;
  const char *guid = pl_json_member_string (op, "guid");
  const char *name = pl_json_member_string (op, "name");
  const char *parent = pl_json_member_string (op, "parent");
  g_autofree char *now = pl_now_iso8601 ();
  sqlite3_stmt *stmt;
  gint64 parent_id = 0;
  gint64 id = 0;

  if (guid == NULL || name == NULL || pl_json_member_string (op, "color") == NULL)
    return pl_project_set_history_damaged (error);
  if (parent != NULL && (parent_id = pl_project_id_for_guid (project, "codes", parent, error)) == 0)
    return FALSE;

  /* A code comes back with its row id, so that views holding it find it again. */
  if (json_object_has_member (op, "id"))
    {
      stmt = pl_project_prepare (project, "SELECT 1 FROM codes WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      id = json_object_get_int_member (op, "id");
      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = 0;
      sqlite3_reset (stmt);
    }

  stmt = pl_project_prepare (project,
                             "INSERT INTO codes (guid, parent_id, position, short_id, name, color,"
                             " color_dark, shortcut, codable, definition, inclusion, exclusion,"
                             " example, created, modified, id)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (parent_id != 0)
    sqlite3_bind_int64 (stmt, 2, parent_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, json_object_get_int_member_with_default (op, "position", 0));
  pl_sql_bind_text_or_null (stmt, 4, pl_json_member_string (op, "short_id"));
  sqlite3_bind_text (stmt, 5, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, pl_json_member_string (op, "color"), -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 7, pl_json_member_string (op, "color_dark"));
  pl_sql_bind_text_or_null (stmt, 8, pl_json_member_string (op, "shortcut"));
  sqlite3_bind_int (stmt, 9, json_object_get_boolean_member_with_default (op, "codable", TRUE));
  pl_sql_bind_text_or_null (stmt, 10, pl_json_member_string (op, "definition"));
  pl_sql_bind_text_or_null (stmt, 11, pl_json_member_string (op, "inclusion"));
  pl_sql_bind_text_or_null (stmt, 12, pl_json_member_string (op, "exclusion"));
  pl_sql_bind_text_or_null (stmt, 13, pl_json_member_string (op, "example"));
  sqlite3_bind_text (stmt, 14, pl_json_member_string (op, "created") != NULL ? pl_json_member_string (op, "created") : now,
                     -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 15, pl_json_member_string (op, "modified"));
  if (id != 0)
    sqlite3_bind_int64 (stmt, 16, id);
  else
    sqlite3_bind_null (stmt, 16);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_constraint_error (project, error, name, "add the code");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  /* The first run records the id it got, for redo. */
  if (!json_object_has_member (op, "id"))
    json_object_set_int_member (op, "id", sqlite3_last_insert_rowid (pl_project_get_db (project)));

  queue_reload (project);
  return TRUE;
}

static gboolean
op_code_delete (gpointer     owner,
                JsonObject  *op,
                GError     **error)
{
  PlProject *project = owner;
  g_autoptr(PlCodeRecord) record = NULL;
  sqlite3_stmt *stmt;

  record = pl_project_read_code_by_guid (project, pl_json_member_string (op, "guid") != NULL ? pl_json_member_string (op, "guid") : "",
                              error);
  if (record == NULL)
    return FALSE;

  stmt = pl_project_prepare (project, "DELETE FROM codes WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, record->id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      set_constraint_error (project, error, record->name, "delete the code");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  queue_reload (project);
  return TRUE;
}

/* The members "code.update" may change, and the column each one sets. */
static const struct
{
  const char *member;
  const char *sql;
  gboolean    is_text;
} code_fields[] = {
  { "name", "UPDATE codes SET name = ? WHERE id = ?", TRUE },
  { "short_id", "UPDATE codes SET short_id = ? WHERE id = ?", TRUE },
  { "color", "UPDATE codes SET color = ? WHERE id = ?", TRUE },
  { "color_dark", "UPDATE codes SET color_dark = ? WHERE id = ?", TRUE },
  { "shortcut", "UPDATE codes SET shortcut = ? WHERE id = ?", TRUE },
  { "definition", "UPDATE codes SET definition = ? WHERE id = ?", TRUE },
  { "inclusion", "UPDATE codes SET inclusion = ? WHERE id = ?", TRUE },
  { "exclusion", "UPDATE codes SET exclusion = ? WHERE id = ?", TRUE },
  { "example", "UPDATE codes SET example = ? WHERE id = ?", TRUE },
  { "modified", "UPDATE codes SET modified = ? WHERE id = ?", TRUE },
  { "codable", "UPDATE codes SET codable = ? WHERE id = ?", FALSE },
  { "position", "UPDATE codes SET position = ? WHERE id = ?", FALSE },
  { "parent", "UPDATE codes SET parent_id = ? WHERE id = ?", FALSE },
};

static gboolean
op_code_update (gpointer     owner,
                JsonObject  *op,
                GError     **error)
{
  PlProject *project = owner;
  g_autoptr(PlCodeRecord) record = NULL;
  const char *guid = pl_json_member_string (op, "guid");

  if (guid == NULL)
    return pl_project_set_history_damaged (error);
  record = pl_project_read_code_by_guid (project, guid, error);
  if (record == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (code_fields); i++)
    {
      const char *member = code_fields[i].member;
      sqlite3_stmt *stmt;

      if (!json_object_has_member (op, member))
        continue;

      stmt = pl_project_prepare (project, code_fields[i].sql, error);
      if (stmt == NULL)
        return FALSE;

      if (code_fields[i].is_text)
        {
          if (g_str_equal (member, "name") && pl_json_member_string (op, member) == NULL)
            return pl_project_set_history_damaged (error);
          pl_sql_bind_text_or_null (stmt, 1, pl_json_member_string (op, member));
        }
      else if (g_str_equal (member, "codable"))
        sqlite3_bind_int (stmt, 1, json_object_get_boolean_member (op, member) ? 1 : 0);
      else if (g_str_equal (member, "position"))
        sqlite3_bind_int64 (stmt, 1, json_object_get_int_member (op, member));
      else
        {
          const char *parent = pl_json_member_string (op, member);
          gint64 parent_id = 0;

          if (parent != NULL && (parent_id = pl_project_id_for_guid (project, "codes", parent, error)) == 0)
            return FALSE;
          if (parent_id != 0)
            sqlite3_bind_int64 (stmt, 1, parent_id);
          else
            sqlite3_bind_null (stmt, 1);
        }
      sqlite3_bind_int64 (stmt, 2, record->id);

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          set_constraint_error (project, error, record->name, "change the code");
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }

  queue_reload (project);
  return TRUE;
}

static gboolean
op_annotations_recode (gpointer     owner,
                       JsonObject  *op,
                       GError     **error)
{
  PlProject *project = owner;
  JsonArray *items = pl_json_member_array (op, "items");

  if (items == NULL)
    return pl_project_set_history_damaged (error);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autoptr(PlAnnotationRecord) before = NULL;
      g_autoptr(PlAnnotationRecord) after = NULL;
      sqlite3_stmt *stmt;
      gint64 code_id;

      if (item == NULL || pl_json_member_string (item, "guid") == NULL)
        return pl_project_set_history_damaged (error);
      before = read_annotation (project, pl_json_member_string (item, "guid"), error);
      if (before == NULL)
        return FALSE;

      code_id = before->annotation->code_id;
      if (json_object_has_member (item, "code")
          && (code_id = pl_project_id_for_guid (project, "codes", pl_json_member_string (item, "code"), error)) == 0)
        return FALSE;

      stmt = pl_project_prepare (project,
                                 "UPDATE annotations SET code_id = ?, memo = ?, stance = ? WHERE id = ?",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, code_id);
      pl_sql_bind_text_or_null (stmt, 2, json_object_has_member (item, "memo")
                                         ? pl_json_member_string (item, "memo") : before->annotation->memo);
      pl_sql_bind_text_or_null (stmt, 3, json_object_has_member (item, "stance")
                                         ? pl_json_member_string (item, "stance") : before->annotation->stance);
      sqlite3_bind_int64 (stmt, 4, before->annotation->id);
      if (!pl_project_step_done (project, stmt, "change the annotation", error))
        return FALSE;

      after = read_annotation (project, pl_json_member_string (item, "guid"), error);
      if (after == NULL)
        return FALSE;

      if (after->annotation->code_id != before->annotation->code_id)
        {
          defer_announce (project, announce_removed, before->annotation);
          defer_announce (project, announce_added, after->annotation);
        }
      else
        defer_announce (project, announce_changed, after->annotation);
    }

  queue_reload (project);
  return TRUE;
}

static gboolean
op_annotations_delete (gpointer     owner,
                       JsonObject  *op,
                       GError     **error)
{
  PlProject *project = owner;
  JsonArray *guids = pl_json_member_array (op, "guids");

  if (guids == NULL)
    return pl_project_set_history_damaged (error);

  for (guint i = 0; i < json_array_get_length (guids); i++)
    {
      const char *guid = json_array_get_string_element (guids, i);
      g_autoptr(PlAnnotationRecord) record = NULL;

      if (guid == NULL)
        return pl_project_set_history_damaged (error);
      record = read_annotation (project, guid, error);
      if (record == NULL || !pl_project_delete_annotation_row (project, record->annotation->id, error))
        return FALSE;

      defer_announce (project, announce_deleted, record->annotation);
    }

  queue_reload (project);
  return TRUE;
}

static gboolean
op_annotations_insert (gpointer     owner,
                       JsonObject  *op,
                       GError     **error)
{
  PlProject *project = owner;
  JsonArray *items = pl_json_member_array (op, "items");

  if (items == NULL)
    return pl_project_set_history_damaged (error);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autoptr(PlAnnotationRecord) record = NULL;

      if (item == NULL || pl_json_member_string (item, "guid") == NULL || pl_json_member_string (item, "created") == NULL)
        return pl_project_set_history_damaged (error);
      if (!pl_project_insert_annotation_json (project, item, "restore the annotation", error))
        return FALSE;

      record = read_annotation (project, pl_json_member_string (item, "guid"), error);
      if (record == NULL)
        return FALSE;
      defer_announce (project, announce_inserted, record->annotation);
    }

  queue_reload (project);
  return TRUE;
}

guint
pl_project_get_codebook_version (PlProject *project)
{
  sqlite3_stmt *stmt = pl_project_prepare (project,
                                           "SELECT value FROM project_info WHERE key = 'codebook_version'",
                                           NULL);
  guint version = 1;

  if (stmt == NULL)
    return version;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = MAX (1, sqlite3_column_int (stmt, 0));
  sqlite3_reset (stmt);
  return version;
}

static gboolean
op_codebook_log (gpointer     owner,
                 JsonObject  *op,
                 GError     **error)
{
  PlProject *project = owner;
  const char *coder = project->codebook_coder;
  g_autofree char *detail = NULL;
  g_autofree char *now = pl_now_iso8601 ();
  g_autofree char *version_text = NULL;
  JsonNode *detail_node = json_object_get_member (op, "detail");
  guint version = pl_project_get_codebook_version (project);
  gint64 coder_id = 0;
  sqlite3_stmt *stmt;

  if (pl_json_member_string (op, "action") == NULL || pl_json_member_string (op, "summary") == NULL)
    return pl_project_set_history_damaged (error);

  if (json_object_get_boolean_member_with_default (op, "bump", FALSE))
    {
      version++;
      version_text = g_strdup_printf ("%u", version);
      stmt = pl_project_prepare (project,
                                 "INSERT OR REPLACE INTO project_info (key, value)"
                                 " VALUES ('codebook_version', ?)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, version_text, -1, SQLITE_TRANSIENT);
      if (!pl_project_step_done (project, stmt, "update the codebook version", error))
        return FALSE;
    }

  if (coder == NULL)
    coder = pl_json_member_string (op, "coder");
  if (coder != NULL)
    {
      stmt = pl_project_prepare (project, "SELECT id FROM coders WHERE guid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, coder, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        coder_id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  if (detail_node != NULL && !JSON_NODE_HOLDS_NULL (detail_node))
    detail = json_to_string (detail_node, FALSE);

  stmt = pl_project_prepare (project,
                             "INSERT INTO codebook_log (version, action, code_guid, summary, detail,"
                             " coder_id, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version);
  sqlite3_bind_text (stmt, 2, pl_json_member_string (op, "action"), -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 3, pl_json_member_string (op, "code"));
  sqlite3_bind_text (stmt, 4, pl_json_member_string (op, "summary"), -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 5, detail);
  if (coder_id != 0)
    sqlite3_bind_int64 (stmt, 6, coder_id);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!pl_project_step_done (project, stmt, "write the codebook log", error))
    return FALSE;

  queue_reload (project);
  return TRUE;
}

static const PlHistoryOp operations[] = {
  { "code.insert", op_code_insert },
  { "code.delete", op_code_delete },
  { "code.update", op_code_update },
  { "annotations.recode", op_annotations_recode },
  { "annotations.delete", op_annotations_delete },
  { "annotations.insert", op_annotations_insert },
  { "codebook.log", op_codebook_log },
};

const PlHistoryOp *
pl_project_codebook_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (operations);
  return operations;
}

/* Reading, for the checks and counts of codebook/ */

gboolean
pl_project_find_short_id_holder (PlProject   *self,
                                 const char  *short_id,
                                 gint64       except_id,
                                 char       **out_name,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (short_id != NULL, FALSE);
  g_return_val_if_fail (out_name != NULL, FALSE);

  *out_name = NULL;
  stmt = pl_project_prepare (self,
                             "SELECT name FROM codes WHERE lower(short_id) = lower(?) AND id <> ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, short_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *out_name = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
pl_project_find_shortcut_holder (PlProject   *self,
                                 const char  *shortcut,
                                 gint64       except_id,
                                 char       **out_name,
                                 GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (shortcut != NULL, FALSE);
  g_return_val_if_fail (out_name != NULL, FALSE);

  *out_name = NULL;
  stmt = pl_project_prepare (self, "SELECT name FROM codes WHERE shortcut = ? AND id <> ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shortcut, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *out_name = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* One number a query of one parameter, @id, returns; 0 when it cannot be read. */
static guint
count_for_id (PlProject  *self,
              const char *sql,
              gint64      id)
{
  sqlite3_stmt *stmt = pl_project_prepare (self, sql, NULL);
  guint count = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

guint
pl_project_count_code_annotations (PlProject *self,
                                   gint64     code_id,
                                   gboolean   with_sub_codes)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), 0);

  return count_for_id (self,
                       with_sub_codes
                       ? "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL"
                         " SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id)"
                         " SELECT count(*) FROM annotations WHERE code_id IN (SELECT id FROM sub)"
                       : "SELECT count(*) FROM annotations WHERE code_id = ?",
                       code_id);
}

guint
pl_project_count_code_subtree (PlProject *self,
                               gint64     code_id)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), 0);

  return count_for_id (self,
                       "WITH RECURSIVE sub(id) AS (SELECT id FROM codes WHERE id = ? UNION ALL"
                       " SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id)"
                       " SELECT count(*) FROM sub",
                       code_id);
}

/* The change log */

void
pl_project_set_codebook_coder (PlProject  *self,
                               const char *coder_guid)
{
  g_return_if_fail (PL_IS_PROJECT (self));

  g_free (self->codebook_coder);
  self->codebook_coder = g_strdup (coder_guid);
}

GPtrArray *
pl_project_list_codebook_log (PlProject  *self,
                              GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_codebook_log_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  stmt = pl_project_prepare (self,
                             "SELECT l.id, l.version, l.action, l.code_guid, l.summary, l.detail,"
                             " k.name, l.created FROM codebook_log l"
                             " LEFT JOIN coders k ON k.id = l.coder_id ORDER BY l.id",
                             error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlCodebookLogEntry *entry = g_new0 (PlCodebookLogEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->version = sqlite3_column_int (stmt, 1);
      entry->action = pl_sql_dup_text (stmt, 2);
      entry->code_guid = pl_sql_dup_text (stmt, 3);
      entry->summary = pl_sql_dup_text (stmt, 4);
      entry->detail = pl_sql_dup_text (stmt, 5);
      entry->coder = pl_sql_dup_text (stmt, 6);
      entry->created = pl_sql_dup_text (stmt, 7);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the codebook log");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Loading codes without history */

gboolean
pl_project_add_codes (PlProject         *self,
                      const PlCodeSpec  *specs,
                      const int         *parents,
                      guint              n_codes,
                      GError           **error)
{
  g_autofree gint64 *ids = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (specs != NULL || n_codes == 0, FALSE);
  g_return_val_if_fail (parents != NULL || n_codes == 0, FALSE);
  for (guint i = 0; i < n_codes; i++)
    g_return_val_if_fail (parents[i] < (int) i, FALSE);

  if (!pl_project_begin (self, error))
    return FALSE;

  ids = g_new0 (gint64, MAX (n_codes, 1));
  for (guint i = 0; i < n_codes; i++)
    {
      PlCodeSpec spec = specs[i];

      if (parents[i] >= 0)
        spec.parent_id = ids[parents[i]];
      ids[i] = pl_project_insert_code (self, &spec, error);
      if (ids[i] == 0)
        {
          pl_project_rollback (self);
          return FALSE;
        }
    }

  if (!pl_project_commit (self, error))
    return FALSE;

  pl_project_reload_codes (self);
  return TRUE;
}
