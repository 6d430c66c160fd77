/* pl-codebook-edit.c — editing the codebook: every change one undoable, logged action
 *
 * History operations (see pl-history.h), all naming codes and annotations by GUID:
 *   "code.insert"        a whole code row
 *   "code.delete"        { guid }
 *   "code.update"        { guid, and any of name, short_id, color, color_dark, shortcut,
 *                          codable, definition, inclusion, exclusion, example, parent
 *                          (a GUID or null), position, modified }
 *   "annotations.recode" { items: [ { guid, code, memo?, stance? } ] }
 *   "annotations.delete" { guids: [ … ] }
 *   "annotations.insert" { items: [ whole annotation rows ] }
 *   "codebook.log"       { action, code, summary, detail, bump, coder }
 *
 * An action runs its redo operations one by one through the same handlers that undo and
 * redo use, so what the user did and what redo does are the same code path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-codebook.h"
#include "pl-codebook-edit.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-history.h"
#include "pl-project-private.h"
#include "pl-text.h"

#define CODER_KEY "pl-codebook-coder"
#define RELOAD_KEY "pl-codebook-reload-queued"

/* The colours the editor offers: the Okabe–Ito palette (distinguishable under the common
 * colour-vision deficiencies), then a darker shade of each. */
static const char * const palette[] = {
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999",
  "#004F7C", "#A36F00", "#006B4F", "#99527C", "#9A4400", "#2C88BF", "#B8AD1D", "#666666",
  NULL
};

const char * const *
pl_codebook_get_palette (void)
{
  return palette;
}

/* Rows as the database holds them */

typedef struct
{
  gint64    id;
  gint64    parent_id;
  gint64    position;
  char     *guid;
  char     *parent_guid;
  char     *short_id;
  char     *name;
  char     *color;
  char     *color_dark;
  char     *shortcut;
  char     *definition;
  char     *inclusion;
  char     *exclusion;
  char     *example;
  char     *created;
  char     *modified;
  gboolean  codable;
} CodeRecord;

static void
code_record_free (CodeRecord *record)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CodeRecord, code_record_free)

#define CODE_COLUMNS \
  "SELECT c.id, c.parent_id, c.position, c.guid, p.guid, c.short_id, c.name, c.color," \
  " c.color_dark, c.shortcut, c.definition, c.inclusion, c.exclusion, c.example," \
  " c.created, c.modified, c.codable FROM codes c LEFT JOIN codes p ON p.id = c.parent_id"

static CodeRecord *
code_record_from_row (sqlite3_stmt *stmt)
{
  CodeRecord *record = g_new0 (CodeRecord, 1);

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

static CodeRecord *
read_code_where (PlProject   *project,
                 const char  *where,
                 gint64       id,
                 const char  *guid,
                 GError     **error)
{
  g_autofree char *sql = g_strconcat (CODE_COLUMNS, " WHERE ", where, NULL);
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, error);
  CodeRecord *record = NULL;
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

static CodeRecord *
read_code (PlProject  *project,
           gint64      id,
           GError    **error)
{
  return read_code_where (project, "c.id = ?", id, NULL, error);
}

static CodeRecord *
read_code_by_guid (PlProject   *project,
                   const char  *guid,
                   GError     **error)
{
  return read_code_where (project, "c.guid = ?", 0, guid, error);
}

/* The children of @parent_id (0: the top level), in order (CodeRecord). */
static GPtrArray *
read_children (PlProject  *project,
               gint64      parent_id,
               GError    **error)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func ((GDestroyNotify) code_record_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (project, CODE_COLUMNS " WHERE c.parent_id IS ? ORDER BY c.position, c.id",
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
      pl_project_set_sql_error (project, error, "read the codebook");
      return NULL;
    }
  return g_steal_pointer (&children);
}

/* @record (taken) and everything below it, depth first (CodeRecord), into @out. */
static gboolean
collect_subtree (PlProject   *project,
                 CodeRecord  *record,
                 GPtrArray   *out,
                 GError     **error)
{
  g_autoptr(GPtrArray) children = NULL;

  g_ptr_array_add (out, record);
  children = read_children (project, record->id, error);
  if (children == NULL)
    return FALSE;
  for (guint i = 0; i < children->len; i++)
    {
      CodeRecord *child = g_ptr_array_index (children, i);

      children->pdata[i] = NULL;
      if (!collect_subtree (project, child, out, error))
        return FALSE;
    }
  return TRUE;
}

/* Whether @ancestor_id is @code_id or one of its ancestors. */
static gboolean
is_self_or_ancestor (PlProject *project,
                     gint64     ancestor_id,
                     gint64     code_id)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = pl_project_prepare (project,
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
typedef struct
{
  PlAnnotation *annotation;
  char         *document_guid;
  char         *code_guid;
  char         *coder_guid;
} AnnotationRecord;

static void
annotation_record_free (AnnotationRecord *record)
{
  g_clear_pointer (&record->annotation, pl_annotation_unref);
  g_free (record->document_guid);
  g_free (record->code_guid);
  g_free (record->coder_guid);
  g_free (record);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnotationRecord, annotation_record_free)

#define ANNOTATION_COLUMNS \
  "SELECT a.id, a.guid, a.document_id, a.code_id, a.coder_id, a.start_offset, a.end_offset," \
  " a.memo, a.created, a.modified, a.stance, a.codebook_version, d.guid, c.guid, k.guid" \
  " FROM annotations a JOIN documents d ON d.id = a.document_id" \
  " JOIN codes c ON c.id = a.code_id JOIN coders k ON k.id = a.coder_id"

static AnnotationRecord *
annotation_record_from_row (sqlite3_stmt *stmt)
{
  AnnotationRecord *record = g_new0 (AnnotationRecord, 1);
  PlAnnotation *annotation = pl_annotation_new ();

  annotation->id = sqlite3_column_int64 (stmt, 0);
  annotation->guid = pl_sql_dup_text (stmt, 1);
  annotation->document_id = sqlite3_column_int64 (stmt, 2);
  annotation->code_id = sqlite3_column_int64 (stmt, 3);
  annotation->coder_id = sqlite3_column_int64 (stmt, 4);
  annotation->start = sqlite3_column_int (stmt, 5);
  annotation->end = sqlite3_column_int (stmt, 6);
  annotation->memo = pl_sql_dup_text (stmt, 7);
  annotation->created = pl_sql_dup_text (stmt, 8);
  annotation->modified = pl_sql_dup_text (stmt, 9);
  annotation->stance = pl_sql_dup_text (stmt, 10);
  annotation->codebook_version = sqlite3_column_int (stmt, 11);
  record->annotation = annotation;
  record->document_guid = pl_sql_dup_text (stmt, 12);
  record->code_guid = pl_sql_dup_text (stmt, 13);
  record->coder_guid = pl_sql_dup_text (stmt, 14);
  return record;
}

static AnnotationRecord *
read_annotation (PlProject   *project,
                 const char  *guid,
                 GError     **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, ANNOTATION_COLUMNS " WHERE a.guid = ?", error);
  AnnotationRecord *record = NULL;
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

/* The annotations of one code, in document order (AnnotationRecord). */
static GPtrArray *
read_code_annotations (PlProject  *project,
                       gint64      code_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) annotation_record_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (project,
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
      pl_project_set_sql_error (project, error, "read the annotations");
      return NULL;
    }
  return g_steal_pointer (&records);
}

static gint64
id_for_guid (PlProject   *project,
             const char  *table,
             const char  *guid,
             GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE guid = ?", table);
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (guid == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The undo history of this project is damaged."));
      return 0;
    }

  stmt = pl_project_prepare (project, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("The project has nothing with the identifier %s any more."), guid);
  return id;
}

/* JSON helpers */

static gboolean
damaged (GError **error)
{
  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
               _("The undo history of this project is damaged."));
  return FALSE;
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
  g_object_set_data (G_OBJECT (data), RELOAD_KEY, NULL);
}

static void
queue_reload (PlProject *project)
{
  if (g_object_get_data (G_OBJECT (project), RELOAD_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (project), RELOAD_KEY, GINT_TO_POINTER (1));
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
defer_announce (PlProject         *project,
                PlProjectDeferFunc func,
                PlAnnotation      *annotation)
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
    return damaged (error);
  if (parent != NULL && (parent_id = id_for_guid (project, "codes", parent, error)) == 0)
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
  g_autoptr(CodeRecord) record = NULL;
  sqlite3_stmt *stmt;

  record = read_code_by_guid (project, pl_json_member_string (op, "guid") != NULL ? pl_json_member_string (op, "guid") : "",
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
  g_autoptr(CodeRecord) record = NULL;
  const char *guid = pl_json_member_string (op, "guid");

  if (guid == NULL)
    return damaged (error);
  record = read_code_by_guid (project, guid, error);
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
            return damaged (error);
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

          if (parent != NULL && (parent_id = id_for_guid (project, "codes", parent, error)) == 0)
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
    return damaged (error);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autoptr(AnnotationRecord) before = NULL;
      g_autoptr(AnnotationRecord) after = NULL;
      sqlite3_stmt *stmt;
      gint64 code_id;

      if (item == NULL || pl_json_member_string (item, "guid") == NULL)
        return damaged (error);
      before = read_annotation (project, pl_json_member_string (item, "guid"), error);
      if (before == NULL)
        return FALSE;

      code_id = before->annotation->code_id;
      if (json_object_has_member (item, "code")
          && (code_id = id_for_guid (project, "codes", pl_json_member_string (item, "code"), error)) == 0)
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
    return damaged (error);

  for (guint i = 0; i < json_array_get_length (guids); i++)
    {
      const char *guid = json_array_get_string_element (guids, i);
      g_autoptr(AnnotationRecord) record = NULL;
      sqlite3_stmt *stmt;

      if (guid == NULL)
        return damaged (error);
      record = read_annotation (project, guid, error);
      if (record == NULL)
        return FALSE;

      stmt = pl_project_prepare (project, "DELETE FROM annotations WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, record->annotation->id);
      if (!pl_project_step_done (project, stmt, "remove the annotation", error))
        return FALSE;

      defer_announce (project, announce_deleted, record->annotation);
    }

  queue_reload (project);
  return TRUE;
}

static JsonObject *
annotation_to_json (const AnnotationRecord *record)
{
  const PlAnnotation *annotation = record->annotation;
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "guid", annotation->guid);
  json_object_set_string_member (item, "document", record->document_guid);
  json_object_set_string_member (item, "code", record->code_guid);
  json_object_set_string_member (item, "coder", record->coder_guid);
  json_object_set_int_member (item, "start", annotation->start);
  json_object_set_int_member (item, "end", annotation->end);
  pl_json_set_string_or_null (item, "memo", annotation->memo);
  pl_json_set_string_or_null (item, "stance", annotation->stance);
  json_object_set_string_member (item, "created", annotation->created);
  json_object_set_string_member (item, "modified", annotation->modified);
  json_object_set_int_member (item, "codebook_version", annotation->codebook_version);
  return item;
}

static gboolean
op_annotations_insert (gpointer     owner,
                       JsonObject  *op,
                       GError     **error)
{
  PlProject *project = owner;
  JsonArray *items = pl_json_member_array (op, "items");

  if (items == NULL)
    return damaged (error);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autoptr(AnnotationRecord) record = NULL;
      gint64 document_id, code_id, coder_id;
      sqlite3_stmt *stmt;

      if (item == NULL || pl_json_member_string (item, "guid") == NULL || pl_json_member_string (item, "created") == NULL)
        return damaged (error);
      if ((document_id = id_for_guid (project, "documents", pl_json_member_string (item, "document"), error)) == 0
          || (code_id = id_for_guid (project, "codes", pl_json_member_string (item, "code"), error)) == 0
          || (coder_id = id_for_guid (project, "coders", pl_json_member_string (item, "coder"), error)) == 0)
        return FALSE;

      stmt = pl_project_prepare (project,
                                 "INSERT INTO annotations (guid, document_id, code_id, coder_id,"
                                 " start_offset, end_offset, memo, stance, created, modified,"
                                 " codebook_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pl_json_member_string (item, "guid"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, document_id);
      sqlite3_bind_int64 (stmt, 3, code_id);
      sqlite3_bind_int64 (stmt, 4, coder_id);
      sqlite3_bind_int64 (stmt, 5, json_object_get_int_member (item, "start"));
      sqlite3_bind_int64 (stmt, 6, json_object_get_int_member (item, "end"));
      pl_sql_bind_text_or_null (stmt, 7, pl_json_member_string (item, "memo"));
      pl_sql_bind_text_or_null (stmt, 8, pl_json_member_string (item, "stance"));
      sqlite3_bind_text (stmt, 9, pl_json_member_string (item, "created"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, pl_json_member_string (item, "modified") != NULL
                                   ? pl_json_member_string (item, "modified") : pl_json_member_string (item, "created"),
                         -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 11, json_object_get_int_member_with_default (item, "codebook_version", 1));
      if (!pl_project_step_done (project, stmt, "restore the annotation", error))
        return FALSE;

      record = read_annotation (project, pl_json_member_string (item, "guid"), error);
      if (record == NULL)
        return FALSE;
      defer_announce (project, announce_inserted, record->annotation);
    }

  queue_reload (project);
  return TRUE;
}

static guint
read_version (PlProject *project)
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
  const char *coder = g_object_get_data (G_OBJECT (project), CODER_KEY);
  g_autofree char *detail = NULL;
  g_autofree char *now = pl_now_iso8601 ();
  g_autofree char *version_text = NULL;
  JsonNode *detail_node = json_object_get_member (op, "detail");
  guint version = read_version (project);
  gint64 coder_id = 0;
  sqlite3_stmt *stmt;

  if (pl_json_member_string (op, "action") == NULL || pl_json_member_string (op, "summary") == NULL)
    return damaged (error);

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
pl_codebook_edit_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (operations);
  return operations;
}

/* Actions: redo operations run as they are added; their undo operations are kept and
 * recorded in reverse order. */

typedef struct
{
  PlProject       *project;
  PlHistoryAction *history;   /* NULL before begin and after commit or abort */
} Action;

static gboolean
action_begin (Action     *action,
              PlProject  *project,
              GError    **error)
{
  action->history = pl_history_begin (pl_project_get_history (project), error);
  if (action->history == NULL)
    return FALSE;
  action->project = project;
  return TRUE;
}

static void
action_abort (Action *action)
{
  if (action->history != NULL)
    pl_history_action_abort (g_steal_pointer (&action->history));
}

/* Runs @redo now; takes both operations.  On failure the caller aborts the action. */
static gboolean
action_run (Action      *action,
            JsonObject  *redo,
            JsonObject  *undo,
            GError     **error)
{
  return pl_history_action_run (action->history, redo, undo, error);
}

static gboolean
action_commit (Action      *action,
               const char  *label,
               GError     **error)
{
  return pl_history_action_commit (g_steal_pointer (&action->history), label, error);
}

/* The log entry of the action, and the one its undo writes; takes @detail. */
static gboolean
action_log (Action      *action,
            const char  *name,
            const char  *code_guid,
            const char  *summary,
            JsonObject  *detail,
            gboolean     bump,
            GError     **error)
{
  const char *coder = g_object_get_data (G_OBJECT (action->project), CODER_KEY);
  g_autofree char *undone = g_strdup_printf (_("Undone: %s"), summary);
  JsonObject *redo = pl_history_op_new ("codebook.log");
  JsonObject *undo = pl_history_op_new ("codebook.log");
  JsonObject *undo_detail = json_object_new ();

  json_object_set_string_member (redo, "action", name);
  pl_json_set_string_or_null (redo, "code", code_guid);
  json_object_set_string_member (redo, "summary", summary);
  if (detail != NULL)
    json_object_set_object_member (redo, "detail", detail);
  json_object_set_boolean_member (redo, "bump", bump);
  pl_json_set_string_or_null (redo, "coder", coder);

  json_object_set_string_member (undo_detail, "undoes", name);
  json_object_set_string_member (undo, "action", "undo");
  pl_json_set_string_or_null (undo, "code", code_guid);
  json_object_set_string_member (undo, "summary", undone);
  json_object_set_object_member (undo, "detail", undo_detail);
  json_object_set_boolean_member (undo, "bump", bump);
  pl_json_set_string_or_null (undo, "coder", coder);

  return action_run (action, redo, undo, error);
}

/* Builders of operations */

static JsonObject *
insert_op_for (const CodeRecord *record)
{
  JsonObject *op = pl_history_op_new ("code.insert");

  if (record->id != 0)
    json_object_set_int_member (op, "id", record->id);
  json_object_set_string_member (op, "guid", record->guid);
  pl_json_set_string_or_null (op, "parent", record->parent_guid);
  json_object_set_int_member (op, "position", record->position);
  pl_json_set_string_or_null (op, "short_id", record->short_id);
  json_object_set_string_member (op, "name", record->name);
  json_object_set_string_member (op, "color", record->color);
  pl_json_set_string_or_null (op, "color_dark", record->color_dark);
  pl_json_set_string_or_null (op, "shortcut", record->shortcut);
  json_object_set_boolean_member (op, "codable", record->codable);
  pl_json_set_string_or_null (op, "definition", record->definition);
  pl_json_set_string_or_null (op, "inclusion", record->inclusion);
  pl_json_set_string_or_null (op, "exclusion", record->exclusion);
  pl_json_set_string_or_null (op, "example", record->example);
  pl_json_set_string_or_null (op, "created", record->created);
  pl_json_set_string_or_null (op, "modified", record->modified);
  return op;
}

static JsonObject *
delete_op_for (const char *guid)
{
  JsonObject *op = pl_history_op_new ("code.delete");

  json_object_set_string_member (op, "guid", guid);
  return op;
}

static JsonObject *
update_op_for (const char *guid)
{
  JsonObject *op = pl_history_op_new ("code.update");

  json_object_set_string_member (op, "guid", guid);
  return op;
}

/* The value of one "code.update" member in @record, for the undo operation. */
static void
set_record_member (JsonObject       *op,
                   const CodeRecord *record,
                   const char       *member)
{
  if (g_str_equal (member, "name"))
    json_object_set_string_member (op, member, record->name);
  else if (g_str_equal (member, "short_id"))
    pl_json_set_string_or_null (op, member, record->short_id);
  else if (g_str_equal (member, "color"))
    json_object_set_string_member (op, member, record->color);
  else if (g_str_equal (member, "color_dark"))
    pl_json_set_string_or_null (op, member, record->color_dark);
  else if (g_str_equal (member, "shortcut"))
    pl_json_set_string_or_null (op, member, record->shortcut);
  else if (g_str_equal (member, "definition"))
    pl_json_set_string_or_null (op, member, record->definition);
  else if (g_str_equal (member, "inclusion"))
    pl_json_set_string_or_null (op, member, record->inclusion);
  else if (g_str_equal (member, "exclusion"))
    pl_json_set_string_or_null (op, member, record->exclusion);
  else if (g_str_equal (member, "example"))
    pl_json_set_string_or_null (op, member, record->example);
  else if (g_str_equal (member, "modified"))
    pl_json_set_string_or_null (op, member, record->modified);
  else if (g_str_equal (member, "codable"))
    json_object_set_boolean_member (op, member, record->codable);
  else if (g_str_equal (member, "position"))
    json_object_set_int_member (op, member, record->position);
  else if (g_str_equal (member, "parent"))
    pl_json_set_string_or_null (op, member, record->parent_guid);
  else
    g_assert_not_reached ();
}

/* Runs a "code.update" of @record with the members of @changes (taken), and its undo. */
static gboolean
action_update (Action      *action,
               CodeRecord  *record,
               JsonObject  *changes,
               GError     **error)
{
  JsonObject *redo = update_op_for (record->guid);
  JsonObject *undo = update_op_for (record->guid);
  g_autoptr(GList) members = json_object_get_members (changes);
  g_autofree char *now = pl_now_iso8601 ();

  for (GList *l = members; l != NULL; l = l->next)
    {
      json_object_set_member (redo, l->data, json_node_copy (json_object_get_member (changes, l->data)));
      set_record_member (undo, record, l->data);
    }
  if (!json_object_has_member (changes, "position") || json_object_get_size (changes) > 1)
    {
      json_object_set_string_member (redo, "modified", now);
      set_record_member (undo, record, "modified");
    }
  json_object_unref (changes);

  return action_run (action, redo, undo, error);
}

/* Gives @siblings (CodeRecord, in their new order) positions 0, 1, …; @moved (may be
 * NULL) also gets @parent_guid as its parent. */
static gboolean
action_renumber (Action      *action,
                 GPtrArray   *siblings,
                 CodeRecord  *moved,
                 const char  *parent_guid,
                 GError     **error)
{
  for (guint i = 0; i < siblings->len; i++)
    {
      CodeRecord *record = g_ptr_array_index (siblings, i);
      gboolean reparent = record == moved && g_strcmp0 (record->parent_guid, parent_guid) != 0;
      JsonObject *changes;

      if (record->position == i && !reparent)
        continue;

      changes = json_object_new ();
      json_object_set_int_member (changes, "position", i);
      if (reparent)
        pl_json_set_string_or_null (changes, "parent", parent_guid);
      if (!action_update (action, record, changes, error))
        return FALSE;
    }
  return TRUE;
}

/* Validation */

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PL_STORE_ERROR, PL_STORE_ERROR_INVALID, format, args));
  va_end (args);
  return FALSE;
}

/* @value as stored (LF line ends, NFC) and trimmed; NULL for NULL or blank.  Invalid
 * UTF-8 is returned as it is, for the checks to refuse. */
static char *
dup_trimmed (const char *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup (value);
  copy = g_strstrip (pl_text_normalize (value, -1));
  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_strcmp0 (fa, fb) == 0;
}

static gboolean
check_sibling_name (PlProject   *project,
                    gint64       parent_id,
                    gint64       except_id,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(GPtrArray) siblings = read_children (project, parent_id, error);
  g_autoptr(CodeRecord) parent = NULL;

  if (siblings == NULL)
    return FALSE;

  for (guint i = 0; i < siblings->len; i++)
    {
      CodeRecord *sibling = g_ptr_array_index (siblings, i);

      if (sibling->id == except_id || !same_name (sibling->name, name))
        continue;

      if (parent_id == 0)
        return refuse (error, _("There is already a code “%s” at the top level of the codebook."),
                       sibling->name);
      parent = read_code (project, parent_id, NULL);
      return refuse (error, _("There is already a code “%s” in “%s”."), sibling->name,
                     parent != NULL ? parent->name : "");
    }
  return TRUE;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name == NULL)
    return refuse (error, _("A code needs a name."));
  if (!g_utf8_validate (name, -1, NULL))
    return refuse (error, _("The name of a code must be valid UTF-8 text."));
  return TRUE;
}

/* @short_id already trimmed; NULL clears. */
static gboolean
check_short_id (PlProject   *project,
                gint64       except_id,
                const char  *short_id,
                GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *holder = NULL;

  if (short_id == NULL)
    return TRUE;

  for (const char *p = short_id; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      return refuse (error, _("A short id cannot contain spaces: “%s”."), short_id);

  stmt = pl_project_prepare (project,
                             "SELECT name FROM codes WHERE lower(short_id) = lower(?) AND id <> ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, short_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    holder = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  if (holder != NULL)
    return refuse (error, _("The short id “%s” is already used by “%s”."), short_id, holder);
  return TRUE;
}

static gboolean
check_shortcut (PlProject   *project,
                gint64       except_id,
                const char  *shortcut,
                GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *holder = NULL;
  gunichar key;

  if (shortcut == NULL)
    return TRUE;

  key = g_utf8_get_char (shortcut);
  if (g_utf8_strlen (shortcut, -1) != 1 || g_unichar_isspace (key) || g_unichar_iscntrl (key))
    return refuse (error, _("A shortcut is one key, such as 1 to 9 or a letter, not “%s”."), shortcut);

  stmt = pl_project_prepare (project, "SELECT name FROM codes WHERE shortcut = ? AND id <> ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shortcut, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    holder = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  if (holder != NULL)
    return refuse (error, _("The shortcut %s already applies “%s”. Remove it there first."),
                   shortcut, holder);
  return TRUE;
}

/* "#RRGGBB" from @color, or an error naming the code. */
static char *
check_color (const char  *color,
             const char  *code_name,
             GError     **error)
{
  char *normal = pl_codebook_normalize_color (color, NULL);

  if (normal == NULL)
    refuse (error, _("“%s” is not a colour of the form #RRGGBB (code “%s”)."), color, code_name);
  return normal;
}

static guint
count_code_annotations (PlProject *project,
                        gint64     code_id,
                        gboolean   with_descendants)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  stmt = pl_project_prepare (project,
                             with_descendants
                             ? "WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL"
                               " SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id)"
                               " SELECT count(*) FROM annotations WHERE code_id IN (SELECT id FROM sub)"
                             : "SELECT count(*) FROM annotations WHERE code_id = ?",
                             NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, code_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

static PlCode *
find_code_by_guid (PlProject  *project,
                   const char *guid)
{
  GListModel *codes = pl_project_get_codes (project);
  guint n = g_list_model_get_n_items (codes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (g_strcmp0 (pl_code_get_guid (code), guid) == 0)
        return code;
    }
  return NULL;
}

/* Public API */

void
pl_codebook_set_coder (PlProject *project,
                       PlCoder   *coder)
{
  g_return_if_fail (PL_IS_PROJECT (project));

  g_object_set_data_full (G_OBJECT (project), CODER_KEY,
                          coder != NULL ? g_strdup (coder->guid) : NULL, g_free);
}

guint
pl_codebook_get_version (PlProject *project)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), 1);

  return read_version (project);
}

/* A new code's colour: the parent's, or the next of the palette at the top level. */
static char *
default_color (PlProject *project,
               gint64     parent_id)
{
  g_autoptr(CodeRecord) parent = parent_id != 0 ? read_code (project, parent_id, NULL) : NULL;
  g_autoptr(GPtrArray) top = NULL;

  if (parent != NULL)
    return g_strdup (parent->color);
  top = read_children (project, 0, NULL);
  return g_strdup (palette[(top != NULL ? top->len : 0) % 8]);
}

static JsonObject *
new_code_op (const PlCodeSpec *spec,
             const char       *guid,
             const char       *parent_guid,
             gint64            position,
             const char       *name,
             const char       *color,
             const char       *color_dark)
{
  g_autofree char *now = pl_now_iso8601 ();
  g_autofree char *short_id = dup_trimmed (spec->short_id);
  g_autofree char *shortcut = dup_trimmed (spec->shortcut);
  g_autofree char *definition = dup_trimmed (spec->definition);
  g_autofree char *inclusion = dup_trimmed (spec->inclusion);
  g_autofree char *exclusion = dup_trimmed (spec->exclusion);
  g_autofree char *example = dup_trimmed (spec->example);
  CodeRecord record = {
    .position = position,
    .guid = (char *) guid,
    .parent_guid = (char *) parent_guid,
    .short_id = short_id,
    .name = (char *) name,
    .color = (char *) color,
    .color_dark = (char *) color_dark,
    .shortcut = shortcut,
    .definition = definition,
    .inclusion = inclusion,
    .exclusion = exclusion,
    .example = example,
    .created = now,
    .modified = now,
    .codable = spec->codable,
  };

  return insert_op_for (&record);
}

/* Checks a new code of @spec for a place under @parent_id; fills the normalised name and
 * colours. */
static gboolean
check_new_code (PlProject         *project,
                const PlCodeSpec  *spec,
                gint64             parent_id,
                char             **out_name,
                char             **out_color,
                char             **out_color_dark,
                GError           **error)
{
  g_autofree char *name = dup_trimmed (spec->name);
  g_autofree char *short_id = dup_trimmed (spec->short_id);
  g_autofree char *shortcut = dup_trimmed (spec->shortcut);
  g_autofree char *color = NULL;
  g_autofree char *color_dark = NULL;

  if (!check_name (name, error)
      || !check_sibling_name (project, parent_id, 0, name, error)
      || !check_short_id (project, 0, short_id, error)
      || !check_shortcut (project, 0, shortcut, error))
    return FALSE;

  color = spec->color != NULL ? check_color (spec->color, name, error) : default_color (project, parent_id);
  if (color == NULL)
    return FALSE;
  color_dark = spec->color_dark != NULL ? check_color (spec->color_dark, name, error)
                                        : pl_codebook_derive_dark_color (color);
  if (color_dark == NULL)
    return FALSE;

  *out_name = g_steal_pointer (&name);
  *out_color = g_steal_pointer (&color);
  *out_color_dark = g_steal_pointer (&color_dark);
  return TRUE;
}

PlCode *
pl_codebook_add_code (PlProject         *project,
                      const PlCodeSpec  *spec,
                      int                position,
                      GError           **error)
{
  g_autoptr(CodeRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  g_autofree char *color_dark = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *summary = NULL;
  JsonObject *detail;
  Action action = { 0 };
  guint index;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->parent_id != 0 && (parent = read_code (project, spec->parent_id, error)) == NULL)
    return NULL;
  if (!check_new_code (project, spec, spec->parent_id, &name, &color, &color_dark, error))
    return NULL;

  if (spec->guid != NULL)
    {
      if (!g_uuid_string_is_valid (spec->guid))
        {
          refuse (error, _("“%s” is not a valid GUID."), spec->guid);
          return NULL;
        }
      guid = g_ascii_strdown (spec->guid, -1);
      if (find_code_by_guid (project, guid) != NULL)
        {
          refuse (error, _("The codebook already has a code with the GUID %s."), guid);
          return NULL;
        }
    }
  else
    guid = g_uuid_string_random ();

  siblings = read_children (project, spec->parent_id, error);
  if (siblings == NULL)
    return NULL;
  index = position < 0 || (guint) position > siblings->len ? siblings->len : (guint) position;

  if (parent != NULL)
    summary = g_strdup_printf (_("Added “%s” to “%s”"), name, parent->name);
  else
    summary = g_strdup_printf (_("Added “%s”"), name);
  detail = json_object_new ();
  pl_json_set_string_or_null (detail, "parent", parent != NULL ? parent->guid : NULL);
  json_object_set_int_member (detail, "position", index);

  if (!action_begin (&action, project, error))
    {
      json_object_unref (detail);
      return NULL;
    }

  /* Make room: the siblings from @index on move one place down. */
  for (guint i = index; i < siblings->len; i++)
    {
      CodeRecord *sibling = g_ptr_array_index (siblings, i);
      JsonObject *changes;

      if (sibling->position == i + 1)
        continue;
      changes = json_object_new ();
      json_object_set_int_member (changes, "position", i + 1);
      if (!action_update (&action, sibling, changes, error))
        goto failed;
    }
  for (guint i = 0; i < index; i++)
    {
      CodeRecord *sibling = g_ptr_array_index (siblings, i);
      JsonObject *changes;

      if (sibling->position == i)
        continue;
      changes = json_object_new ();
      json_object_set_int_member (changes, "position", i);
      if (!action_update (&action, sibling, changes, error))
        goto failed;
    }

  if (!action_run (&action,
                   new_code_op (spec, guid, parent != NULL ? parent->guid : NULL, index, name, color, color_dark),
                   delete_op_for (guid), error))
    goto failed;

  if (!action_log (&action, "add", guid, summary, g_steal_pointer (&detail), FALSE, error)
      || !action_commit (&action, summary, error))
    goto failed;

  return find_code_by_guid (project, guid);

failed:
  if (detail != NULL)
    json_object_unref (detail);
  if (action.history != NULL)
    action_abort (&action);
  return NULL;
}

/* One change of one code: @changes (taken) holds the new values; logs @name/@summary. */
static gboolean
change_code (PlProject   *project,
             CodeRecord  *record,
             JsonObject  *changes,
             const char  *name,
             const char  *summary,
             gboolean     bump,
             GError     **error)
{
  Action action = { 0 };
  JsonObject *detail = json_object_new ();
  JsonObject *after = json_object_new ();
  JsonObject *before = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (changes);

  for (GList *l = members; l != NULL; l = l->next)
    {
      json_object_set_member (after, l->data, json_node_copy (json_object_get_member (changes, l->data)));
      set_record_member (before, record, l->data);
    }
  json_object_set_object_member (detail, "before", before);
  json_object_set_object_member (detail, "after", after);

  if (!action_begin (&action, project, error))
    {
      json_object_unref (changes);
      json_object_unref (detail);
      return FALSE;
    }

  if (!action_update (&action, record, changes, error))
    {
      json_object_unref (detail);
      action_abort (&action);
      return FALSE;
    }

  if (!action_log (&action, name, record->guid, summary, detail, bump, error))
    {
      action_abort (&action);
      return FALSE;
    }
  return action_commit (&action, summary, error);
}

gboolean
pl_codebook_rename (PlProject   *project,
                    gint64       code_id,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(CodeRecord) record = NULL;
  g_autofree char *trimmed = dup_trimmed (name);
  g_autofree char *summary = NULL;
  JsonObject *changes;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  record = read_code (project, code_id, error);
  if (record == NULL || !check_name (trimmed, error))
    return FALSE;
  if (g_strcmp0 (record->name, trimmed) == 0)
    return TRUE;
  if (!check_sibling_name (project, record->parent_id, record->id, trimmed, error))
    return FALSE;

  changes = json_object_new ();
  json_object_set_string_member (changes, "name", trimmed);
  summary = g_strdup_printf (_("Renamed “%s” to “%s”"), record->name, trimmed);
  return change_code (project, record, changes, "rename", summary, FALSE, error);
}

gboolean
pl_codebook_set_colors (PlProject   *project,
                        gint64       code_id,
                        const char  *color,
                        const char  *color_dark,
                        GError     **error)
{
  g_autoptr(CodeRecord) record = NULL;
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *summary = NULL;
  JsonObject *changes;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  record = read_code (project, code_id, error);
  if (record == NULL || (light = check_color (color, record->name, error)) == NULL)
    return FALSE;
  dark = color_dark != NULL ? check_color (color_dark, record->name, error) : pl_codebook_derive_dark_color (light);
  if (dark == NULL)
    return FALSE;
  if (g_strcmp0 (record->color, light) == 0 && g_strcmp0 (record->color_dark, dark) == 0)
    return TRUE;

  changes = json_object_new ();
  json_object_set_string_member (changes, "color", light);
  json_object_set_string_member (changes, "color_dark", dark);
  summary = g_strdup_printf (_("Changed the colour of “%s” to %s (dark style %s)"), record->name, light, dark);
  return change_code (project, record, changes, "recolor", summary, FALSE, error);
}

gboolean
pl_codebook_set_text (PlProject        *project,
                      gint64            code_id,
                      PlCodebookField   field,
                      const char       *value,
                      GError          **error)
{
  static const char *members[] = { "definition", "inclusion", "exclusion", "example" };
  g_autoptr(CodeRecord) record = NULL;
  g_autofree char *trimmed = dup_trimmed (value);
  g_autofree char *summary = NULL;
  const char *before;
  JsonObject *changes;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (field <= PL_CODEBOOK_FIELD_EXAMPLE, FALSE);

  record = read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (trimmed != NULL && !g_utf8_validate (trimmed, -1, NULL))
    return refuse (error, _("The text must be valid UTF-8."));

  switch (field)
    {
    case PL_CODEBOOK_FIELD_DEFINITION:
      before = record->definition;
      summary = g_strdup_printf (_("Edited the definition of “%s”"), record->name);
      break;
    case PL_CODEBOOK_FIELD_INCLUSION:
      before = record->inclusion;
      summary = g_strdup_printf (_("Edited the inclusion cues of “%s”"), record->name);
      break;
    case PL_CODEBOOK_FIELD_EXCLUSION:
      before = record->exclusion;
      summary = g_strdup_printf (_("Edited the exclusion cues of “%s”"), record->name);
      break;
    case PL_CODEBOOK_FIELD_EXAMPLE:
    default:
      before = record->example;
      summary = g_strdup_printf (_("Edited the anchor example of “%s”"), record->name);
      break;
    }
  if (g_strcmp0 (before, trimmed) == 0)
    return TRUE;

  changes = json_object_new ();
  pl_json_set_string_or_null (changes, members[field], trimmed);
  return change_code (project, record, changes, members[field], summary, FALSE, error);
}

gboolean
pl_codebook_set_short_id (PlProject   *project,
                          gint64       code_id,
                          const char  *short_id,
                          GError     **error)
{
  g_autoptr(CodeRecord) record = NULL;
  g_autofree char *trimmed = dup_trimmed (short_id);
  g_autofree char *summary = NULL;
  JsonObject *changes;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  record = read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (g_strcmp0 (record->short_id, trimmed) == 0)
    return TRUE;
  if (!check_short_id (project, record->id, trimmed, error))
    return FALSE;

  changes = json_object_new ();
  pl_json_set_string_or_null (changes, "short_id", trimmed);
  if (trimmed != NULL)
    summary = g_strdup_printf (_("Gave “%s” the short id %s"), record->name, trimmed);
  else
    summary = g_strdup_printf (_("Removed the short id of “%s”"), record->name);
  return change_code (project, record, changes, "short-id", summary, FALSE, error);
}

gboolean
pl_codebook_set_shortcut (PlProject   *project,
                          gint64       code_id,
                          const char  *shortcut,
                          GError     **error)
{
  g_autoptr(CodeRecord) record = NULL;
  g_autofree char *trimmed = dup_trimmed (shortcut);
  g_autofree char *summary = NULL;
  JsonObject *changes;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  record = read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (g_strcmp0 (record->shortcut, trimmed) == 0)
    return TRUE;
  if (!check_shortcut (project, record->id, trimmed, error))
    return FALSE;

  changes = json_object_new ();
  pl_json_set_string_or_null (changes, "shortcut", trimmed);
  if (trimmed != NULL)
    summary = g_strdup_printf (_("Gave “%s” the shortcut %s"), record->name, trimmed);
  else
    summary = g_strdup_printf (_("Removed the shortcut of “%s”"), record->name);
  return change_code (project, record, changes, "shortcut", summary, FALSE, error);
}

gboolean
pl_codebook_set_codable (PlProject   *project,
                         gint64       code_id,
                         gboolean     codable,
                         GError     **error)
{
  g_autoptr(CodeRecord) record = NULL;
  g_autofree char *summary = NULL;
  JsonObject *changes;
  guint n;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  record = read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (record->codable == !!codable)
    return TRUE;

  n = count_code_annotations (project, record->id, FALSE);
  if (!codable && n > 0)
    return refuse (error,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has %u annotation, which would be orphaned: a folder cannot hold annotations. Merge the code into another or delete its annotations first.",
                                "“%s” has %u annotations, which would be orphaned: a folder cannot hold annotations. Merge the code into another or delete its annotations first.",
                                n),
                   record->name, n);

  changes = json_object_new ();
  json_object_set_boolean_member (changes, "codable", codable);
  if (codable)
    summary = g_strdup_printf (_("Made the folder “%s” a code that can be applied"), record->name);
  else
    summary = g_strdup_printf (_("Made “%s” a folder"), record->name);
  return change_code (project, record, changes, codable ? "codable" : "folder", summary, TRUE, error);
}

gboolean
pl_codebook_move (PlProject   *project,
                  gint64       code_id,
                  gint64       parent_id,
                  int          position,
                  GError     **error)
{
  g_autoptr(CodeRecord) record = NULL;
  g_autoptr(CodeRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autofree char *summary = NULL;
  CodeRecord *moved;
  JsonObject *detail;
  Action action = { 0 };
  gboolean reparent;
  guint index, old_index = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  record = read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (parent_id != 0)
    {
      parent = read_code (project, parent_id, error);
      if (parent == NULL)
        return FALSE;
      if (is_self_or_ancestor (project, record->id, parent_id))
        return refuse (error, _("“%s” cannot move into itself or one of its own sub-codes (“%s”)."),
                       record->name, parent->name);
    }

  reparent = record->parent_id != parent_id;
  if (reparent && !check_sibling_name (project, parent_id, record->id, record->name, error))
    return FALSE;

  siblings = read_children (project, parent_id, error);
  if (siblings == NULL)
    return FALSE;
  for (guint i = 0; i < siblings->len; i++)
    if (((CodeRecord *) g_ptr_array_index (siblings, i))->id == record->id)
      {
        old_index = i;
        g_ptr_array_remove_index (siblings, i);
        break;
      }

  index = position < 0 || (guint) position > siblings->len ? siblings->len : (guint) position;
  if (!reparent && index == old_index)
    return TRUE;

  moved = g_steal_pointer (&record);
  g_ptr_array_insert (siblings, index, moved);

  if (!reparent)
    summary = g_strdup_printf (_("Moved “%s” to place %u"), moved->name, index + 1);
  else if (parent != NULL)
    summary = g_strdup_printf (_("Moved “%s” into “%s”"), moved->name, parent->name);
  else
    summary = g_strdup_printf (_("Moved “%s” to the top level"), moved->name);

  detail = json_object_new ();
  pl_json_set_string_or_null (detail, "from", moved->parent_guid);
  pl_json_set_string_or_null (detail, "to", parent != NULL ? parent->guid : NULL);
  json_object_set_int_member (detail, "position", index);

  if (!action_begin (&action, project, error))
    {
      json_object_unref (detail);
      return FALSE;
    }
  if (!action_renumber (&action, siblings, moved, parent != NULL ? parent->guid : NULL, error))
    {
      json_object_unref (detail);
      action_abort (&action);
      return FALSE;
    }
  if (!action_log (&action, reparent ? "move" : "reorder", moved->guid, summary, detail, reparent, error))
    {
      action_abort (&action);
      return FALSE;
    }
  return action_commit (&action, summary, error);
}

gboolean
pl_codebook_step (PlProject       *project,
                  gint64           code_id,
                  PlCodebookStep   step,
                  GError         **error)
{
  g_autoptr(CodeRecord) record = NULL;
  g_autoptr(CodeRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  guint index = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  record = read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  siblings = read_children (project, record->parent_id, error);
  if (siblings == NULL)
    return FALSE;
  for (guint i = 0; i < siblings->len; i++)
    if (((CodeRecord *) g_ptr_array_index (siblings, i))->id == record->id)
      index = i;

  switch (step)
    {
    case PL_CODEBOOK_STEP_UP:
      if (index == 0)
        return TRUE;
      return pl_codebook_move (project, code_id, record->parent_id, index - 1, error);

    case PL_CODEBOOK_STEP_DOWN:
      if (index + 1 >= siblings->len)
        return TRUE;
      return pl_codebook_move (project, code_id, record->parent_id, index + 1, error);

    case PL_CODEBOOK_STEP_OUT:
      {
        g_autoptr(GPtrArray) uncles = NULL;
        guint parent_index = 0;

        if (record->parent_id == 0)
          return TRUE;
        parent = read_code (project, record->parent_id, error);
        if (parent == NULL || (uncles = read_children (project, parent->parent_id, error)) == NULL)
          return FALSE;
        for (guint i = 0; i < uncles->len; i++)
          if (((CodeRecord *) g_ptr_array_index (uncles, i))->id == parent->id)
            parent_index = i;
        return pl_codebook_move (project, code_id, parent->parent_id, parent_index + 1, error);
      }

    case PL_CODEBOOK_STEP_IN:
    default:
      if (index == 0)
        return TRUE;
      return pl_codebook_move (project, code_id,
                               ((CodeRecord *) g_ptr_array_index (siblings, index - 1))->id, -1, error);
    }
}

guint
pl_codebook_count_annotations (PlProject *project,
                               gint64     code_id)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), 0);

  return count_code_annotations (project, code_id, TRUE);
}

guint
pl_codebook_count_codes (PlProject *project,
                         gint64     code_id)
{
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), 0);

  stmt = pl_project_prepare (project,
                             "WITH RECURSIVE sub(id) AS (SELECT id FROM codes WHERE id = ? UNION ALL"
                             " SELECT c.id FROM codes c JOIN sub ON c.parent_id = sub.id)"
                             " SELECT count(*) FROM sub",
                             NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, code_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return count;
}

/* Runs "annotations.delete" for @records (AnnotationRecord) with its undo. */
static gboolean
action_delete_annotations (Action      *action,
                           GPtrArray   *records,
                           GError     **error)
{
  JsonObject *redo, *undo;
  JsonArray *guids, *items;

  if (records->len == 0)
    return TRUE;

  redo = pl_history_op_new ("annotations.delete");
  undo = pl_history_op_new ("annotations.insert");
  guids = json_array_new ();
  items = json_array_new ();
  for (guint i = 0; i < records->len; i++)
    {
      AnnotationRecord *record = g_ptr_array_index (records, i);

      json_array_add_string_element (guids, record->annotation->guid);
      json_array_add_object_element (items, annotation_to_json (record));
    }
  json_object_set_array_member (redo, "guids", guids);
  json_object_set_array_member (undo, "items", items);
  return action_run (action, redo, undo, error);
}

gboolean
pl_codebook_delete (PlProject   *project,
                    gint64       code_id,
                    guint       *out_n_annotations,
                    GError     **error)
{
  g_autoptr(GPtrArray) subtree = g_ptr_array_new_with_free_func ((GDestroyNotify) code_record_free);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) annotation_record_free);
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  CodeRecord *root;
  JsonObject *detail;
  Action action = { 0 };

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  root = read_code (project, code_id, error);
  if (root == NULL || !collect_subtree (project, root, subtree, error))
    return FALSE;

  for (guint i = 0; i < subtree->len; i++)
    {
      CodeRecord *record = g_ptr_array_index (subtree, i);
      g_autoptr(GPtrArray) own = read_code_annotations (project, record->id, error);

      if (own == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (annotations, g_steal_pointer (&own));
    }

  if (subtree->len > 1)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Deleted “%s” and %u sub-code (%u annotations)",
                                            "Deleted “%s” and %u sub-codes (%u annotations)",
                                            subtree->len - 1),
                               root->name, subtree->len - 1, annotations->len);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Deleted “%s” (%u annotation)",
                                            "Deleted “%s” (%u annotations)",
                                            annotations->len),
                               root->name, annotations->len);
  label = g_strdup_printf (_("Delete “%s”"), root->name);

  detail = json_object_new ();
  json_object_set_int_member (detail, "codes", subtree->len);
  json_object_set_int_member (detail, "annotations", annotations->len);

  if (!action_begin (&action, project, error))
    {
      json_object_unref (detail);
      return FALSE;
    }
  if (!action_delete_annotations (&action, annotations, error))
    goto failed;
  for (guint i = subtree->len; i > 0; i--)
    {
      CodeRecord *record = g_ptr_array_index (subtree, i - 1);

      if (!action_run (&action, delete_op_for (record->guid), insert_op_for (record), error))
        goto failed;
    }
  if (!action_log (&action, "delete", root->guid, summary, g_steal_pointer (&detail), TRUE, error)
      || !action_commit (&action, label, error))
    goto failed;

  if (out_n_annotations != NULL)
    *out_n_annotations = annotations->len;
  return TRUE;

failed:
  if (detail != NULL)
    json_object_unref (detail);
  if (action.history != NULL)
    action_abort (&action);
  return FALSE;
}

static gboolean
same_span (const AnnotationRecord *a,
           const AnnotationRecord *b)
{
  return a->annotation->document_id == b->annotation->document_id
         && a->annotation->start == b->annotation->start
         && a->annotation->end == b->annotation->end
         && a->annotation->coder_id == b->annotation->coder_id;
}

gboolean
pl_codebook_merge (PlProject   *project,
                   gint64       source_id,
                   gint64       target_id,
                   guint       *out_n_moved,
                   guint       *out_n_collapsed,
                   GError     **error)
{
  g_autoptr(CodeRecord) source = NULL;
  g_autoptr(CodeRecord) target = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) target_children = NULL;
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new ();
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  JsonObject *recode = NULL, *recode_undo = NULL, *detail = NULL;
  JsonObject *memo_redo = NULL, *memo_undo = NULL;
  JsonArray *items, *undo_items, *memo_items, *memo_undo_items;
  Action action = { 0 };
  guint n_moved = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  if ((source = read_code (project, source_id, error)) == NULL
      || (target = read_code (project, target_id, error)) == NULL)
    return FALSE;
  if (source->id == target->id)
    return refuse (error, _("A code cannot be merged into itself."));
  if (is_self_or_ancestor (project, source->id, target->id))
    return refuse (error, _("“%s” cannot be merged into its own sub-code “%s”."), source->name, target->name);

  if ((moved = read_code_annotations (project, source->id, error)) == NULL
      || (kept = read_code_annotations (project, target->id, error)) == NULL
      || (children = read_children (project, source->id, error)) == NULL
      || (target_children = read_children (project, target->id, error)) == NULL)
    return FALSE;
  if (moved->len > 0 && !target->codable)
    return refuse (error, _("“%s” is a folder and cannot take the annotations of “%s”. Make it a code that can be applied first."),
                   target->name, source->name);

  recode = pl_history_op_new ("annotations.recode");
  recode_undo = pl_history_op_new ("annotations.recode");
  memo_redo = pl_history_op_new ("annotations.recode");
  memo_undo = pl_history_op_new ("annotations.recode");
  items = json_array_new ();
  undo_items = json_array_new ();
  memo_items = json_array_new ();
  memo_undo_items = json_array_new ();
  json_object_set_array_member (recode, "items", items);
  json_object_set_array_member (recode_undo, "items", undo_items);
  json_object_set_array_member (memo_redo, "items", memo_items);
  json_object_set_array_member (memo_undo, "items", memo_undo_items);

  for (guint i = 0; i < moved->len; i++)
    {
      AnnotationRecord *record = g_ptr_array_index (moved, i);
      AnnotationRecord *twin = NULL;
      JsonObject *item;

      for (guint j = 0; j < kept->len && twin == NULL; j++)
        if (same_span (record, g_ptr_array_index (kept, j)))
          twin = g_ptr_array_index (kept, j);

      if (twin != NULL)
        {
          const PlAnnotation *a = record->annotation;
          const PlAnnotation *b = twin->annotation;
          g_autofree char *memo = NULL;
          const char *stance = b->stance != NULL ? b->stance : a->stance;

          if (a->memo != NULL && b->memo != NULL && g_strcmp0 (a->memo, b->memo) != 0)
            memo = g_strconcat (b->memo, "\n\n", a->memo, NULL);
          else
            memo = g_strdup (b->memo != NULL ? b->memo : a->memo);

          g_ptr_array_add (duplicates, record);
          if (g_strcmp0 (memo, b->memo) == 0 && g_strcmp0 (stance, b->stance) == 0)
            continue;

          item = json_object_new ();
          json_object_set_string_member (item, "guid", b->guid);
          pl_json_set_string_or_null (item, "memo", memo);
          pl_json_set_string_or_null (item, "stance", stance);
          json_array_add_object_element (memo_items, item);
          item = json_object_new ();
          json_object_set_string_member (item, "guid", b->guid);
          pl_json_set_string_or_null (item, "memo", b->memo);
          pl_json_set_string_or_null (item, "stance", b->stance);
          json_array_add_object_element (memo_undo_items, item);
          continue;
        }

      item = json_object_new ();
      json_object_set_string_member (item, "guid", record->annotation->guid);
      json_object_set_string_member (item, "code", target->guid);
      json_array_add_object_element (items, item);
      item = json_object_new ();
      json_object_set_string_member (item, "guid", record->annotation->guid);
      json_object_set_string_member (item, "code", source->guid);
      json_array_add_object_element (undo_items, item);
      n_moved++;
    }

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Merged “%s” into “%s” (%u annotation)",
                                          "Merged “%s” into “%s” (%u annotations)",
                                          moved->len),
                             source->name, target->name, moved->len);
  label = g_strdup_printf (_("Merge “%s” into “%s”"), source->name, target->name);
  detail = json_object_new ();
  json_object_set_string_member (detail, "source", source->guid);
  json_object_set_string_member (detail, "source_name", source->name);
  json_object_set_string_member (detail, "target", target->guid);
  json_object_set_int_member (detail, "annotations", n_moved);
  json_object_set_int_member (detail, "duplicates", duplicates->len);

  if (!action_begin (&action, project, error))
    goto failed;

  if (json_array_get_length (items) > 0)
    {
      if (!action_run (&action, g_steal_pointer (&recode), g_steal_pointer (&recode_undo), error))
        goto failed;
    }
  if (duplicates->len > 0 && !action_delete_annotations (&action, duplicates, error))
    goto failed;
  if (json_array_get_length (memo_items) > 0)
    {
      if (!action_run (&action, g_steal_pointer (&memo_redo), g_steal_pointer (&memo_undo), error))
        goto failed;
    }

  /* The source's sub-codes follow the target's own. */
  for (guint i = 0; i < children->len; i++)
    {
      CodeRecord *child = g_ptr_array_index (children, i);
      JsonObject *changes = json_object_new ();

      json_object_set_string_member (changes, "parent", target->guid);
      json_object_set_int_member (changes, "position", target_children->len + i);
      if (!action_update (&action, child, changes, error))
        goto failed;
    }

  if (!action_run (&action, delete_op_for (source->guid), insert_op_for (source), error))
    goto failed;
  if (!action_log (&action, "merge", target->guid, summary, g_steal_pointer (&detail), TRUE, error)
      || !action_commit (&action, label, error))
    goto failed;

  g_clear_pointer (&recode, json_object_unref);
  g_clear_pointer (&recode_undo, json_object_unref);
  g_clear_pointer (&memo_redo, json_object_unref);
  g_clear_pointer (&memo_undo, json_object_unref);
  if (out_n_moved != NULL)
    *out_n_moved = n_moved;
  if (out_n_collapsed != NULL)
    *out_n_collapsed = duplicates->len;
  return TRUE;

failed:
  g_clear_pointer (&recode, json_object_unref);
  g_clear_pointer (&recode_undo, json_object_unref);
  g_clear_pointer (&memo_redo, json_object_unref);
  g_clear_pointer (&memo_undo, json_object_unref);
  g_clear_pointer (&detail, json_object_unref);
  if (action.history != NULL)
    action_abort (&action);
  return FALSE;
}

/* Split */

typedef struct
{
  char     *name;
  char     *short_id;
  char     *color;
  char     *color_dark;
  char     *shortcut;
  char     *definition;
  char     *inclusion;
  char     *exclusion;
  char     *example;
  gboolean  codable;
} SplitCode;

static void
split_code_free (SplitCode *code)
{
  g_free (code->name);
  g_free (code->short_id);
  g_free (code->color);
  g_free (code->color_dark);
  g_free (code->shortcut);
  g_free (code->definition);
  g_free (code->inclusion);
  g_free (code->exclusion);
  g_free (code->example);
  g_free (code);
}

struct _PlCodebookSplit
{
  PlProject                *project;
  CodeRecord               *source;
  GPtrArray                *codes;        /* SplitCode */
  GPtrArray                *annotations;  /* AnnotationRecord */
  GPtrArray                *plain;        /* PlAnnotation, for callers */
  GHashTable               *targets;      /* annotation GUID → target index + 1 */
  GHashTable               *texts;        /* document id → text */
  GHashTable               *statements;   /* document id → GPtrArray of PlStatement */
  PlCodebookSplitPlacement  placement;
  gboolean                  retire;
};

PlCodebookSplit *
pl_codebook_split_new (PlProject  *project,
                       gint64      code_id,
                       GError    **error)
{
  g_autoptr(PlCodebookSplit) split = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  split = g_new0 (PlCodebookSplit, 1);
  split->project = g_object_ref (project);
  split->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) split_code_free);
  split->plain = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_unref);
  split->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  split->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  split->statements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  split->source = read_code (project, code_id, error);
  if (split->source == NULL)
    return NULL;
  split->annotations = read_code_annotations (project, code_id, error);
  if (split->annotations == NULL)
    return NULL;
  for (guint i = 0; i < split->annotations->len; i++)
    {
      AnnotationRecord *record = g_ptr_array_index (split->annotations, i);

      g_ptr_array_add (split->plain, pl_annotation_ref (record->annotation));
    }
  return g_steal_pointer (&split);
}

void
pl_codebook_split_free (PlCodebookSplit *split)
{
  if (split == NULL)
    return;
  g_clear_object (&split->project);
  g_clear_pointer (&split->source, code_record_free);
  g_clear_pointer (&split->codes, g_ptr_array_unref);
  g_clear_pointer (&split->annotations, g_ptr_array_unref);
  g_clear_pointer (&split->plain, g_ptr_array_unref);
  g_clear_pointer (&split->targets, g_hash_table_unref);
  g_clear_pointer (&split->texts, g_hash_table_unref);
  g_clear_pointer (&split->statements, g_hash_table_unref);
  g_free (split);
}

guint
pl_codebook_split_add_code (PlCodebookSplit  *split,
                            const PlCodeSpec *spec)
{
  SplitCode *code;

  g_return_val_if_fail (split != NULL, 0);
  g_return_val_if_fail (spec != NULL, 0);

  code = g_new0 (SplitCode, 1);
  code->name = dup_trimmed (spec->name);
  code->short_id = dup_trimmed (spec->short_id);
  code->color = g_strdup (spec->color);
  code->color_dark = g_strdup (spec->color_dark);
  code->shortcut = dup_trimmed (spec->shortcut);
  code->definition = dup_trimmed (spec->definition);
  code->inclusion = dup_trimmed (spec->inclusion);
  code->exclusion = dup_trimmed (spec->exclusion);
  code->example = dup_trimmed (spec->example);
  code->codable = TRUE;
  g_ptr_array_add (split->codes, code);
  return split->codes->len - 1;
}

void
pl_codebook_split_set_placement (PlCodebookSplit          *split,
                                 PlCodebookSplitPlacement  placement)
{
  g_return_if_fail (split != NULL);
  split->placement = placement;
}

void
pl_codebook_split_set_retire_source (PlCodebookSplit *split,
                                     gboolean         retire)
{
  g_return_if_fail (split != NULL);
  split->retire = retire;
}

GPtrArray *
pl_codebook_split_get_annotations (PlCodebookSplit *split)
{
  g_return_val_if_fail (split != NULL, NULL);
  return split->plain;
}

int
pl_codebook_split_get_target (PlCodebookSplit *split,
                              const char      *annotation_guid)
{
  g_return_val_if_fail (split != NULL, -1);
  g_return_val_if_fail (annotation_guid != NULL, -1);

  return GPOINTER_TO_INT (g_hash_table_lookup (split->targets, annotation_guid)) - 1;
}

static gboolean
check_target (PlCodebookSplit  *split,
              int               target,
              GError          **error)
{
  if (target >= 0 && (guint) target < split->codes->len)
    return TRUE;
  return refuse (error, _("There is no new code number %d in this split."), target + 1);
}

static void
set_target (PlCodebookSplit    *split,
            const PlAnnotation *annotation,
            int                 target)
{
  if (target < 0)
    g_hash_table_remove (split->targets, annotation->guid);
  else
    g_hash_table_replace (split->targets, g_strdup (annotation->guid), GINT_TO_POINTER (target + 1));
}

gboolean
pl_codebook_split_assign (PlCodebookSplit  *split,
                          const char       *annotation_guid,
                          int               target,
                          GError          **error)
{
  g_return_val_if_fail (split != NULL, FALSE);
  g_return_val_if_fail (annotation_guid != NULL, FALSE);

  if (target >= 0 && !check_target (split, target, error))
    return FALSE;

  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);

      if (g_str_equal (annotation->guid, annotation_guid))
        {
          set_target (split, annotation, target);
          return TRUE;
        }
    }
  return refuse (error, _("The annotation %s is not one of “%s”."), annotation_guid, split->source->name);
}

static const char *
split_text (PlCodebookSplit  *split,
            gint64            document_id,
            GError          **error)
{
  char *text = g_hash_table_lookup (split->texts, &document_id);
  gint64 *key;

  if (text != NULL)
    return text;
  text = pl_project_dup_document_text (split->project, document_id, error);
  if (text == NULL)
    return NULL;
  key = g_new (gint64, 1);
  *key = document_id;
  g_hash_table_insert (split->texts, key, text);
  return text;
}

int
pl_codebook_split_assign_by_regex (PlCodebookSplit  *split,
                                   const char       *pattern,
                                   guint             target,
                                   GError          **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) regex_error = NULL;
  int matched = 0;

  g_return_val_if_fail (split != NULL, -1);
  g_return_val_if_fail (pattern != NULL, -1);

  if (!check_target (split, target, error))
    return -1;

  regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, &regex_error);
  if (regex == NULL)
    {
      refuse (error, _("“%s” is not a valid pattern: %s"), pattern, regex_error->message);
      return -1;
    }

  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);
      const char *text = split_text (split, annotation->document_id, error);
      g_autofree char *coded = NULL;

      if (text == NULL)
        return -1;
      coded = pl_text_slice (text, annotation->start, annotation->end);
      if (g_regex_match (regex, coded, 0, NULL))
        {
          set_target (split, annotation, target);
          matched++;
        }
    }
  return matched;
}

static gboolean
entity_matches (const char         *value,
                const char * const *entities)
{
  g_autofree char *folded = NULL;

  if (value == NULL)
    return FALSE;
  folded = g_utf8_casefold (value, -1);
  for (guint i = 0; entities[i] != NULL; i++)
    {
      g_autofree char *entity = g_utf8_casefold (entities[i], -1);

      if (g_str_equal (folded, entity))
        return TRUE;
    }
  return FALSE;
}

int
pl_codebook_split_assign_by_speaker (PlCodebookSplit     *split,
                                     const char * const  *entities,
                                     guint                target,
                                     GError             **error)
{
  int matched = 0;

  g_return_val_if_fail (split != NULL, -1);
  g_return_val_if_fail (entities != NULL, -1);

  if (!check_target (split, target, error))
    return -1;

  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);
      GPtrArray *statements = g_hash_table_lookup (split->statements, &annotation->document_id);

      if (statements == NULL)
        {
          gint64 *key;

          statements = pl_project_list_statements (split->project, annotation->document_id, error);
          if (statements == NULL)
            return -1;
          key = g_new (gint64, 1);
          *key = annotation->document_id;
          g_hash_table_insert (split->statements, key, statements);
        }

      for (guint j = 0; j < statements->len; j++)
        {
          PlStatement *statement = g_ptr_array_index (statements, j);

          if (annotation->start < statement->start || annotation->start >= statement->end)
            continue;
          if (entity_matches (statement->entity, entities) || entity_matches (statement->speaker, entities))
            {
              set_target (split, annotation, target);
              matched++;
            }
          break;
        }
    }
  return matched;
}

int
pl_codebook_split_assign_by_document (PlCodebookSplit  *split,
                                      const gint64     *document_ids,
                                      guint             n_ids,
                                      guint             target,
                                      GError          **error)
{
  int matched = 0;

  g_return_val_if_fail (split != NULL, -1);
  g_return_val_if_fail (document_ids != NULL || n_ids == 0, -1);

  if (!check_target (split, target, error))
    return -1;

  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);

      for (guint j = 0; j < n_ids; j++)
        if (document_ids[j] == annotation->document_id)
          {
            set_target (split, annotation, target);
            matched++;
            break;
          }
    }
  return matched;
}

static gboolean
check_split_codes (PlCodebookSplit  *split,
                   gint64            parent_id,
                   GError          **error)
{
  if (split->codes->len == 0)
    return refuse (error, _("Add at least one new code to split “%s” into."), split->source->name);

  for (guint i = 0; i < split->codes->len; i++)
    {
      SplitCode *code = g_ptr_array_index (split->codes, i);

      if (!check_name (code->name, error)
          || !check_sibling_name (split->project, parent_id, 0, code->name, error)
          || !check_short_id (split->project, 0, code->short_id, error)
          || !check_shortcut (split->project, 0, code->shortcut, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          SplitCode *other = g_ptr_array_index (split->codes, j);

          if (same_name (other->name, code->name))
            return refuse (error, _("Two of the new codes are called “%s”."), code->name);
          if (code->short_id != NULL && other->short_id != NULL
              && g_ascii_strcasecmp (code->short_id, other->short_id) == 0)
            return refuse (error, _("Two of the new codes have the short id “%s”."), code->short_id);
          if (code->shortcut != NULL && g_strcmp0 (code->shortcut, other->shortcut) == 0)
            return refuse (error, _("Two of the new codes have the shortcut %s."), code->shortcut);
        }
    }
  return TRUE;
}

gboolean
pl_codebook_split_apply (PlCodebookSplit  *split,
                         GArray          **out_codes,
                         GError          **error)
{
  CodeRecord *source;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(GPtrArray) guids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  JsonObject *recode, *recode_undo, *detail;
  JsonArray *items, *undo_items;
  Action action = { 0 };
  gint64 parent_id;
  const char *parent_guid;
  guint first, n_assigned;

  g_return_val_if_fail (split != NULL, FALSE);

  source = split->source;
  if (split->placement == PL_CODEBOOK_SPLIT_CHILDREN)
    {
      parent_id = source->id;
      parent_guid = source->guid;
    }
  else
    {
      parent_id = source->parent_id;
      parent_guid = source->parent_guid;
    }

  if (!check_split_codes (split, parent_id, error))
    return FALSE;

  n_assigned = g_hash_table_size (split->targets);
  if (split->retire && n_assigned < split->annotations->len)
    return refuse (error,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u annotation of “%s” is not assigned to a new code.",
                                "%u annotations of “%s” are not assigned to a new code.",
                                split->annotations->len - n_assigned),
                   split->annotations->len - n_assigned, source->name);
  siblings = read_children (split->project, parent_id, error);
  if (siblings == NULL)
    return FALSE;
  if (split->retire && split->placement == PL_CODEBOOK_SPLIT_SIBLINGS && pl_codebook_count_codes (split->project, source->id) > 1)
    return refuse (error, _("“%s” has sub-codes: move them first, or split it into sub-codes."), source->name);

  /* Children go after the code's own; siblings right after the code. */
  first = siblings->len;
  if (split->placement == PL_CODEBOOK_SPLIT_SIBLINGS)
    for (guint i = 0; i < siblings->len; i++)
      if (((CodeRecord *) g_ptr_array_index (siblings, i))->id == source->id)
        first = i + 1;

  if (!action_begin (&action, split->project, error))
    return FALSE;

  for (guint i = first; i < siblings->len; i++)
    {
      CodeRecord *sibling = g_ptr_array_index (siblings, i);
      JsonObject *changes = json_object_new ();

      json_object_set_int_member (changes, "position", i + split->codes->len);
      if (!action_update (&action, sibling, changes, error))
        goto failed;
    }

  for (guint i = 0; i < split->codes->len; i++)
    {
      SplitCode *code = g_ptr_array_index (split->codes, i);
      PlCodeSpec spec = {
        .short_id = code->short_id,
        .name = code->name,
        .shortcut = code->shortcut,
        .definition = code->definition,
        .inclusion = code->inclusion,
        .exclusion = code->exclusion,
        .example = code->example,
        .codable = TRUE,
      };
      g_autofree char *color = code->color != NULL ? check_color (code->color, code->name, error)
                                                   : g_strdup (source->color);
      g_autofree char *color_dark = NULL;
      char *guid = g_uuid_string_random ();

      g_ptr_array_add (guids, guid);
      if (color == NULL)
        goto failed;
      color_dark = code->color_dark != NULL ? check_color (code->color_dark, code->name, error)
                                            : code->color == NULL && source->color_dark != NULL
                                              ? g_strdup (source->color_dark)
                                              : pl_codebook_derive_dark_color (color);
      if (color_dark == NULL)
        goto failed;

      if (!action_run (&action, new_code_op (&spec, guid, parent_guid, first + i, code->name, color, color_dark),
                       delete_op_for (guid), error))
        goto failed;
      g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", code->name);
    }

  recode = pl_history_op_new ("annotations.recode");
  recode_undo = pl_history_op_new ("annotations.recode");
  items = json_array_new ();
  undo_items = json_array_new ();
  json_object_set_array_member (recode, "items", items);
  json_object_set_array_member (recode_undo, "items", undo_items);
  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);
      int target = pl_codebook_split_get_target (split, annotation->guid);
      JsonObject *item;

      if (target < 0)
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "guid", annotation->guid);
      json_object_set_string_member (item, "code", g_ptr_array_index (guids, target));
      json_array_add_object_element (items, item);
      item = json_object_new ();
      json_object_set_string_member (item, "guid", annotation->guid);
      json_object_set_string_member (item, "code", source->guid);
      json_array_add_object_element (undo_items, item);
    }
  if (json_array_get_length (items) > 0)
    {
      if (!action_run (&action, recode, recode_undo, error))
        goto failed;
    }
  else
    {
      json_object_unref (recode);
      json_object_unref (recode_undo);
    }

  if (split->retire && split->placement == PL_CODEBOOK_SPLIT_CHILDREN && source->codable)
    {
      JsonObject *changes = json_object_new ();

      json_object_set_boolean_member (changes, "codable", FALSE);
      if (!action_update (&action, source, changes, error))
        goto failed;
    }
  else if (split->retire && split->placement == PL_CODEBOOK_SPLIT_SIBLINGS)
    {
      if (!action_run (&action, delete_op_for (source->guid), insert_op_for (source), error))
        goto failed;
    }

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Split “%s” into %s (%u annotation reassigned)",
                                          "Split “%s” into %s (%u annotations reassigned)",
                                          n_assigned),
                             source->name, names->str, n_assigned);
  label = g_strdup_printf (_("Split “%s”"), source->name);
  detail = json_object_new ();
  json_object_set_string_member (detail, "source", source->guid);
  json_object_set_int_member (detail, "annotations", n_assigned);
  json_object_set_int_member (detail, "unassigned", split->annotations->len - n_assigned);
  json_object_set_boolean_member (detail, "retired", split->retire);
  {
    JsonArray *codes = json_array_new ();

    for (guint i = 0; i < guids->len; i++)
      json_array_add_string_element (codes, g_ptr_array_index (guids, i));
    json_object_set_array_member (detail, "codes", codes);
  }

  if (!action_log (&action, "split", source->guid, summary, detail, TRUE, error)
      || !action_commit (&action, label, error))
    goto failed;

  if (out_codes != NULL)
    {
      *out_codes = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < guids->len; i++)
        {
          PlCode *code = find_code_by_guid (split->project, g_ptr_array_index (guids, i));
          gint64 id = code != NULL ? pl_code_get_id (code) : 0;

          g_array_append_val (*out_codes, id);
        }
    }
  return TRUE;

failed:
  if (action.history != NULL)
    action_abort (&action);
  return FALSE;
}

/* The change log */

void
pl_codebook_log_entry_free (PlCodebookLogEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->action);
  g_free (entry->code_guid);
  g_free (entry->summary);
  g_free (entry->detail);
  g_free (entry->coder);
  g_free (entry->created);
  g_free (entry);
}

GPtrArray *
pl_codebook_list_log (PlProject  *project,
                      GError    **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_codebook_log_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  stmt = pl_project_prepare (project,
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
      pl_project_set_sql_error (project, error, "read the codebook log");
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Batches, for importers */

struct _PlCodebookBatch
{
  Action  action;
  guint   n_added;
  guint   n_changed;
};

PlCodebookBatch *
pl_codebook_batch_begin (PlProject  *project,
                         GError    **error)
{
  PlCodebookBatch *batch;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  batch = g_new0 (PlCodebookBatch, 1);
  if (!action_begin (&batch->action, project, error))
    {
      g_free (batch);
      return NULL;
    }
  return batch;
}

gboolean
pl_codebook_batch_add_code (PlCodebookBatch   *batch,
                            const PlCodeSpec  *spec,
                            const char        *parent_guid,
                            GError           **error)
{
  PlProject *project;
  g_autoptr(CodeRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autofree char *name = NULL;
  g_autofree char *color = NULL;
  g_autofree char *color_dark = NULL;
  gint64 position = 0;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (spec != NULL && spec->guid != NULL, FALSE);

  project = batch->action.project;
  if (parent_guid != NULL && (parent = read_code_by_guid (project, parent_guid, error)) == NULL)
    return FALSE;

  name = dup_trimmed (spec->name);
  if (!check_name (name, error))
    return FALSE;
  color = spec->color != NULL ? check_color (spec->color, name, error)
                              : default_color (project, parent != NULL ? parent->id : 0);
  if (color == NULL)
    return FALSE;
  color_dark = spec->color_dark != NULL ? check_color (spec->color_dark, name, error)
                                        : pl_codebook_derive_dark_color (color);
  if (color_dark == NULL)
    return FALSE;

  siblings = read_children (project, parent != NULL ? parent->id : 0, error);
  if (siblings == NULL)
    return FALSE;
  for (guint i = 0; i < siblings->len; i++)
    position = MAX (position, ((CodeRecord *) g_ptr_array_index (siblings, i))->position + 1);

  if (!action_run (&batch->action,
                   new_code_op (spec, spec->guid, parent_guid, position, name, color, color_dark),
                   delete_op_for (spec->guid), error))
    return FALSE;
  batch->n_added++;
  return TRUE;
}

gboolean
pl_codebook_batch_update_code (PlCodebookBatch  *batch,
                               const char       *guid,
                               JsonObject       *changes,
                               GError          **error)
{
  PlProject *project;
  g_autoptr(CodeRecord) record = NULL;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  project = batch->action.project;
  record = read_code_by_guid (project, guid, error);
  if (record == NULL)
    {
      json_object_unref (changes);
      return FALSE;
    }

  /* A new parent: the code goes last among its new siblings. */
  if (json_object_has_member (changes, "parent") && !json_object_has_member (changes, "position"))
    {
      const char *parent_guid = pl_json_member_string (changes, "parent");
      g_autoptr(CodeRecord) parent = NULL;
      g_autoptr(GPtrArray) siblings = NULL;
      gint64 position = 0;

      if (parent_guid != NULL && (parent = read_code_by_guid (project, parent_guid, error)) == NULL)
        {
          json_object_unref (changes);
          return FALSE;
        }
      if (parent != NULL && is_self_or_ancestor (project, record->id, parent->id))
        {
          json_object_unref (changes);
          return refuse (error, _("“%s” cannot move into itself or one of its own sub-codes (“%s”)."),
                         record->name, parent->name);
        }
      siblings = read_children (project, parent != NULL ? parent->id : 0, error);
      if (siblings == NULL)
        {
          json_object_unref (changes);
          return FALSE;
        }
      for (guint i = 0; i < siblings->len; i++)
        position = MAX (position, ((CodeRecord *) g_ptr_array_index (siblings, i))->position + 1);
      json_object_set_int_member (changes, "position", position);
    }

  if (!action_update (&batch->action, record, changes, error))
    return FALSE;
  batch->n_changed++;
  return TRUE;
}

gboolean
pl_codebook_batch_commit (PlCodebookBatch  *batch,
                          const char       *action,
                          const char       *summary,
                          JsonObject       *detail,
                          gboolean          bump,
                          GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (action != NULL && summary != NULL, FALSE);

  ok = action_log (&batch->action, action, NULL, summary, detail, bump, error)
       && action_commit (&batch->action, summary, error);
  if (!ok && batch->action.history != NULL)
    action_abort (&batch->action);
  g_free (batch);
  return ok;
}

void
pl_codebook_batch_abort (PlCodebookBatch *batch)
{
  if (batch == NULL)
    return;
  action_abort (&batch->action);
  g_free (batch);
}
