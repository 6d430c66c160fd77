/* pl-project-statements.c — the statements of a document, and correcting the segmentation
 *
 * Every correction runs as history operations inside one transaction:
 *   "statements.split"  { document, index, first_end, second_start, [fields] }
 *   "statements.merge"  { document, index }            joins index into index - 1
 *   "statements.update" { document, index, fields }    sets the fields given
 * Documents are named by GUID and statements by index, which a linear history keeps
 * valid.  The undo of a split is a merge; the undo of a merge is a split that restores
 * the second statement's fields; the undo of an update is an update to the old values.
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
#include "pl-project-private.h"
#include "pl-project-statements.h"

/* Indices move out of the way through this range, so UNIQUE (document_id, idx) holds. */
#define INDEX_PARKING 1000000

/* The statement columns an operation may set, besides kind and needs_review. */
static const char * const text_fields[] = {
  "speaker", "entity", "entity_type", "iso3", "regional_group", "on_behalf_of", "speaker_source",
};

#define N_TEXT_FIELDS G_N_ELEMENTS (text_fields)

typedef struct
{
  gint64    id;
  guint     index;
  guint     start;
  guint     end;
  char     *kind;
  char     *fields[N_TEXT_FIELDS];
  gboolean  needs_review;
} Row;

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->kind, g_free);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    g_clear_pointer (&row->fields[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

static int
field_index (const char *name)
{
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    if (g_str_equal (text_fields[i], name))
      return i;
  return -1;
}

static gboolean
document_not_found (GError **error,
                    gint64   document_id)
{
  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
               _("There is no document %lld in this project."), (long long)document_id);
  return FALSE;
}

static gboolean
read_row (PlProject   *self,
          gint64       document_id,
          guint        index,
          Row         *row,
          GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (self,
                             "SELECT id, idx, start_offset, end_offset, kind, needs_review, speaker,"
                             " entity, entity_type, iso3, regional_group, on_behalf_of, speaker_source"
                             " FROM statements WHERE document_id = ? AND idx = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, index);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = sqlite3_column_int64 (stmt, 0);
      row->index = sqlite3_column_int (stmt, 1);
      row->start = sqlite3_column_int (stmt, 2);
      row->end = sqlite3_column_int (stmt, 3);
      row->kind = pl_sql_dup_text (stmt, 4);
      row->needs_review = sqlite3_column_int (stmt, 5) != 0;
      for (guint i = 0; i < N_TEXT_FIELDS; i++)
        row->fields[i] = pl_sql_dup_text (stmt, 6 + i);
    }
  else if (rc == SQLITE_DONE)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("The document has no statement %u."), index);
  else
    pl_project_set_sql_error (self, error, "read the statement");
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

static gboolean
write_row (PlProject  *self,
           const Row  *row,
           GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self,
                             "UPDATE statements SET start_offset = ?, end_offset = ?, kind = ?,"
                             " needs_review = ?, speaker = ?, entity = ?, entity_type = ?, iso3 = ?,"
                             " regional_group = ?, on_behalf_of = ?, speaker_source = ? WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->start);
  sqlite3_bind_int64 (stmt, 2, row->end);
  sqlite3_bind_text (stmt, 3, row->kind != NULL ? row->kind : "statement", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, row->needs_review ? 1 : 0);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    pl_sql_bind_text_or_null (stmt, 5 + i, row->fields[i]);
  sqlite3_bind_int64 (stmt, 12, row->id);
  return pl_project_step_done (self, stmt, "change the statement", error);
}

static gboolean
insert_row (PlProject   *self,
            gint64       document_id,
            const Row   *row,
            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self,
                             "INSERT INTO statements (document_id, idx, start_offset, end_offset, kind,"
                             " needs_review, speaker, entity, entity_type, iso3, regional_group,"
                             " on_behalf_of, speaker_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, row->index);
  sqlite3_bind_int64 (stmt, 3, row->start);
  sqlite3_bind_int64 (stmt, 4, row->end);
  sqlite3_bind_text (stmt, 5, row->kind != NULL ? row->kind : "statement", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, row->needs_review ? 1 : 0);
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    pl_sql_bind_text_or_null (stmt, 7 + i, row->fields[i]);
  return pl_project_step_done (self, stmt, "add the statement", error);
}

/* Moves the indices above @after by @delta (+1 or -1). */
static gboolean
shift_indices (PlProject  *self,
               gint64      document_id,
               guint       after,
               int         delta,
               GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self,
                             "UPDATE statements SET idx = idx + " G_STRINGIFY (INDEX_PARKING)
                             " WHERE document_id = ? AND idx > ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, after);
  if (!pl_project_step_done (self, stmt, "renumber the statements", error))
    return FALSE;

  stmt = pl_project_prepare (self,
                             "UPDATE statements SET idx = idx - " G_STRINGIFY (INDEX_PARKING) " + ?"
                             " WHERE document_id = ? AND idx > " G_STRINGIFY (INDEX_PARKING),
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, delta);
  sqlite3_bind_int64 (stmt, 2, document_id);
  return pl_project_step_done (self, stmt, "renumber the statements", error);
}

GPtrArray *
pl_project_list_statements (PlProject  *self,
                            gint64      document_id,
                            GError    **error)
{
  static const char *columns =
    "SELECT id, document_id, idx, start_offset, end_offset, kind, speaker, entity,"
    " entity_type, iso3, regional_group, on_behalf_of, needs_review, speaker_source FROM statements";
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_statement_unref);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  if (document_id != 0)
    sql = g_strconcat (columns, " WHERE document_id = ? ORDER BY idx", NULL);
  else
    sql = g_strconcat (columns, " ORDER BY document_id, idx", NULL);

  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlStatement *statement = pl_statement_new ();
      const char *kind = (const char *)sqlite3_column_text (stmt, 5);

      statement->id = sqlite3_column_int64 (stmt, 0);
      statement->document_id = sqlite3_column_int64 (stmt, 1);
      statement->index = sqlite3_column_int (stmt, 2);
      statement->start = sqlite3_column_int (stmt, 3);
      statement->end = sqlite3_column_int (stmt, 4);
      statement->kind = g_strcmp0 (kind, "front_matter") == 0
        ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT;
      statement->speaker = pl_sql_dup_text (stmt, 6);
      statement->entity = pl_sql_dup_text (stmt, 7);
      statement->entity_type = pl_sql_dup_text (stmt, 8);
      statement->iso3 = pl_sql_dup_text (stmt, 9);
      statement->regional_group = pl_sql_dup_text (stmt, 10);
      statement->on_behalf_of = pl_sql_dup_text (stmt, 11);
      statement->needs_review = sqlite3_column_int (stmt, 12) != 0;
      statement->speaker_source = pl_sql_dup_text (stmt, 13);
      g_ptr_array_add (statements, statement);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the statements");
      return NULL;
    }

  return g_steal_pointer (&statements);
}

/* After the commit: the document's count, and the signal. */

static void
announce_statements (PlProject *self,
                     gpointer   data)
{
  gint64 document_id = *(gint64 *)data;
  PlDocument *document = pl_project_find_document (self, document_id);
  sqlite3_stmt *stmt;

  pl_project_coverage_forget (self, document_id);
  if (document != NULL)
    {
      stmt = pl_project_prepare (self, "SELECT count(*) FROM statements WHERE document_id = ?", NULL);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, document_id);
          if (sqlite3_step (stmt) == SQLITE_ROW)
            pl_document_update (document, pl_document_get_title (document), sqlite3_column_int (stmt, 0),
                                pl_document_get_n_annotations (document));
          sqlite3_reset (stmt);
        }
    }

  pl_project_emit (self, PL_PROJECT_SIGNAL_STATEMENTS_CHANGED, &document_id);
}

static void
defer_announce (PlProject *self,
                gint64     document_id)
{
  gint64 *data = g_new (gint64, 1);

  *data = document_id;
  pl_project_defer (self, announce_statements, data, g_free);
}

static void
fields_from_json (Row        *row,
                  JsonObject *fields)
{
  GList *members = json_object_get_members (fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      int i = field_index (name);

      if (i >= 0)
        {
          g_free (row->fields[i]);
          row->fields[i] = g_strdup (pl_json_member_string (fields, name));
        }
      else if (g_str_equal (name, "kind") && pl_json_member_string (fields, name) != NULL)
        {
          g_free (row->kind);
          row->kind = g_strdup (pl_json_member_string (fields, name));
        }
      else if (g_str_equal (name, "needs_review"))
        row->needs_review = json_object_get_boolean_member (fields, name);
    }
  g_list_free (members);
}

static JsonObject *
fields_to_json (const Row *row)
{
  JsonObject *fields = json_object_new ();

  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    pl_json_set_string_or_null (fields, text_fields[i], row->fields[i]);
  json_object_set_string_member (fields, "kind", row->kind != NULL ? row->kind : "statement");
  json_object_set_boolean_member (fields, "needs_review", row->needs_review);
  return fields;
}

static gboolean
kind_is_valid (const char *kind)
{
  return g_strcmp0 (kind, "statement") == 0 || g_strcmp0 (kind, "front_matter") == 0;
}

/* Operations */

static gboolean
op_split (gpointer     owner,
          JsonObject  *op,
          GError     **error)
{
  PlProject *self = owner;
  g_auto(Row) row = { 0 };
  g_auto(Row) second = { 0 };
  gint64 document_id;
  gint64 index = json_object_get_int_member_with_default (op, "index", 0);
  gint64 first_end = json_object_get_int_member_with_default (op, "first_end", -1);
  gint64 second_start = json_object_get_int_member_with_default (op, "second_start", -1);
  JsonNode *fields = json_object_get_member (op, "fields");

  if ((document_id = pl_project_id_for_guid (self, "documents", pl_json_member_string (op, "document"), error)) == 0)
    return FALSE;
  if (index < 1 || !read_row (self, document_id, index, &row, error))
    return index < 1 ? pl_project_set_history_damaged (error) : FALSE;
  if (first_end <= row.start || second_start < first_end || second_start >= row.end)
    return pl_project_set_history_damaged (error);

  second.index = row.index + 1;
  second.start = second_start;
  second.end = row.end;
  second.kind = g_strdup (row.kind);
  second.needs_review = row.needs_review;
  for (guint i = 0; i < N_TEXT_FIELDS; i++)
    second.fields[i] = g_strdup (row.fields[i]);
  if (fields != NULL && JSON_NODE_HOLDS_OBJECT (fields))
    fields_from_json (&second, json_node_get_object (fields));
  if (!kind_is_valid (second.kind))
    return pl_project_set_history_damaged (error);

  row.end = first_end;
  if (!shift_indices (self, document_id, row.index, +1, error)
      || !write_row (self, &row, error)
      || !insert_row (self, document_id, &second, error))
    return FALSE;

  defer_announce (self, document_id);
  return TRUE;
}

static gboolean
op_merge (gpointer     owner,
          JsonObject  *op,
          GError     **error)
{
  PlProject *self = owner;
  g_auto(Row) previous = { 0 };
  g_auto(Row) row = { 0 };
  gint64 document_id;
  gint64 index = json_object_get_int_member_with_default (op, "index", 0);
  sqlite3_stmt *stmt;

  if ((document_id = pl_project_id_for_guid (self, "documents", pl_json_member_string (op, "document"), error)) == 0)
    return FALSE;
  if (index < 2)
    return pl_project_set_history_damaged (error);
  if (!read_row (self, document_id, index - 1, &previous, error)
      || !read_row (self, document_id, index, &row, error))
    return FALSE;

  stmt = pl_project_prepare (self, "DELETE FROM statements WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row.id);
  if (!pl_project_step_done (self, stmt, "merge the statements", error))
    return FALSE;

  previous.end = row.end;
  if (!write_row (self, &previous, error) || !shift_indices (self, document_id, index, -1, error))
    return FALSE;

  defer_announce (self, document_id);
  return TRUE;
}

static gboolean
op_update (gpointer     owner,
           JsonObject  *op,
           GError     **error)
{
  PlProject *self = owner;
  g_auto(Row) row = { 0 };
  gint64 document_id;
  gint64 index = json_object_get_int_member_with_default (op, "index", 0);
  JsonNode *fields = json_object_get_member (op, "fields");

  if ((document_id = pl_project_id_for_guid (self, "documents", pl_json_member_string (op, "document"), error)) == 0)
    return FALSE;
  if (index < 1 || fields == NULL || !JSON_NODE_HOLDS_OBJECT (fields))
    return pl_project_set_history_damaged (error);
  if (!read_row (self, document_id, index, &row, error))
    return FALSE;

  fields_from_json (&row, json_node_get_object (fields));
  if (!kind_is_valid (row.kind))
    return pl_project_set_history_damaged (error);
  if (!write_row (self, &row, error))
    return FALSE;

  defer_announce (self, document_id);
  return TRUE;
}
static const PlHistoryOp statement_ops[] = {
  { "statements.split", op_split },
  { "statements.merge", op_merge },
  { "statements.update", op_update },
};

const PlHistoryOp *
pl_project_statement_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (statement_ops);
  return statement_ops;
}

static JsonObject *
statement_op (const char *name,
              PlDocument *document,
              guint       index)
{
  JsonObject *op = pl_history_op_new (name);

  json_object_set_string_member (op, "document", pl_document_get_guid (document));
  json_object_set_int_member (op, "index", index);
  return op;
}

/* Public actions */

static PlDocument *
find_document (PlProject  *self,
               gint64      document_id,
               GError    **error)
{
  PlDocument *document = pl_project_find_document (self, document_id);

  if (document == NULL)
    document_not_found (error, document_id);
  return document;
}

gboolean
pl_project_split_statement (PlProject  *self,
                            gint64      document_id,
                            guint       offset,
                            GError    **error)
{
  g_auto(Row) row = { 0 };
  g_autofree char *text = NULL;
  g_autofree gunichar *chars = NULL;
  PlDocument *document;
  sqlite3_stmt *stmt;
  glong length = 0;
  guint index = 0;
  guint first_end, second_start;
  JsonObject *redo, *undo;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if ((document = find_document (self, document_id, error)) == NULL)
    return FALSE;

  stmt = pl_project_prepare (self,
                             "SELECT idx FROM statements WHERE document_id = ?"
                             " AND start_offset < ? AND end_offset > ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int64 (stmt, 2, offset);
  sqlite3_bind_int64 (stmt, 3, offset);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    index = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (index == 0 || !read_row (self, document_id, index, &row, NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("There is no statement to split there: place the cursor inside a statement."));
      return FALSE;
    }

  text = pl_project_dup_document_text (self, document_id, error);
  if (text == NULL)
    return FALSE;
  chars = g_utf8_to_ucs4_fast (text, -1, &length);
  if ((glong)row.end > length)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The statement runs past the end of the document."));
      return FALSE;
    }

  first_end = offset;
  while (first_end > row.start && g_unichar_isspace (chars[first_end - 1]))
    first_end--;
  second_start = offset;
  while (second_start < row.end && g_unichar_isspace (chars[second_start]))
    second_start++;

  if (first_end <= row.start || second_start >= row.end)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("A statement cannot be split at its start or its end: place the cursor inside it."));
      return FALSE;
    }

  redo = statement_op ("statements.split", document, index);
  json_object_set_int_member (redo, "first_end", first_end);
  json_object_set_int_member (redo, "second_start", second_start);
  undo = statement_op ("statements.merge", document, index + 1);

  return pl_history_run (pl_project_get_history (self), _("Split Statement"), redo, undo, error);
}

gboolean
pl_project_merge_statement_with_previous (PlProject  *self,
                                          gint64      document_id,
                                          guint       index,
                                          GError    **error)
{
  g_auto(Row) previous = { 0 };
  g_auto(Row) row = { 0 };
  PlDocument *document;
  JsonObject *redo, *undo;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if ((document = find_document (self, document_id, error)) == NULL)
    return FALSE;
  if (!read_row (self, document_id, index, &row, error))
    return FALSE;
  if (index < 2 || !read_row (self, document_id, index - 1, &previous, NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The first statement has no statement before it to merge with."));
      return FALSE;
    }

  redo = statement_op ("statements.merge", document, index);
  undo = statement_op ("statements.split", document, index - 1);
  json_object_set_int_member (undo, "first_end", previous.end);
  json_object_set_int_member (undo, "second_start", row.start);
  json_object_set_object_member (undo, "fields", fields_to_json (&row));

  return pl_history_run (pl_project_get_history (self), _("Merge Statements"), redo, undo, error);
}

/* Sets @changed fields (a JSON object taken) on a statement, as one action. */
static gboolean
update_statement (PlProject   *self,
                  gint64       document_id,
                  guint        index,
                  const char  *label,
                  JsonObject  *changed,
                  GError     **error)
{
  g_autoptr(JsonObject) fields = changed;
  g_auto(Row) row = { 0 };
  g_autoptr(JsonObject) before = NULL;
  JsonObject *old_fields;
  PlDocument *document;
  JsonObject *redo, *undo;
  GList *members;

  if ((document = find_document (self, document_id, error)) == NULL)
    return FALSE;
  if (!read_row (self, document_id, index, &row, error))
    return FALSE;

  before = fields_to_json (&row);
  old_fields = json_object_new ();
  members = json_object_get_members (fields);
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (old_fields, l->data, json_object_dup_member (before, l->data));
  g_list_free (members);

  redo = statement_op ("statements.update", document, index);
  json_object_set_object_member (redo, "fields", g_steal_pointer (&fields));
  undo = statement_op ("statements.update", document, index);
  json_object_set_object_member (undo, "fields", old_fields);

  return pl_history_run (pl_project_get_history (self), label, redo, undo, error);
}

/* Resolves what a user typed: "Brazil", "Mr. X (Brazil)", "UNIDIR Ayşe Karadağ", or a name
 * with a cue word ("… University"). */
static void
resolve_speaker (PlGazetteer *gazetteer,
                 const char  *written,
                 JsonObject  *fields)
{
  const PlGazetteerEntry *entry = pl_gazetteer_lookup (gazetteer, written);
  const char *paren = strrchr (written, '(');
  PlGazetteerMatch match;
  PlEntityType guessed;

  if (entry == NULL && paren != NULL && g_str_has_suffix (written, ")"))
    {
      g_autofree char *inner = g_strndup (paren + 1, strlen (paren + 1) - 1);

      entry = pl_gazetteer_lookup (gazetteer, inner);
    }
  if (entry == NULL && pl_gazetteer_search (gazetteer, written, -1, &match))
    entry = match.entry;

  if (entry != NULL)
    {
      pl_json_set_string_or_null (fields, "entity", entry->entity);
      json_object_set_string_member (fields, "entity_type", pl_entity_type_to_string (entry->type));
      pl_json_set_string_or_null (fields, "iso3", entry->iso3);
      pl_json_set_string_or_null (fields, "regional_group", entry->group);
      return;
    }

  guessed = pl_gazetteer_guess_type (gazetteer, written);
  pl_json_set_string_or_null (fields, "entity", guessed != PL_ENTITY_TYPE_UNKNOWN ? written : NULL);
  json_object_set_string_member (fields, "entity_type", pl_entity_type_to_string (guessed));
  json_object_set_null_member (fields, "iso3");
  json_object_set_null_member (fields, "regional_group");
}

gboolean
pl_project_set_speaker (PlProject   *self,
                        gint64       document_id,
                        guint        index,
                        const char  *speaker_as_written,
                        GError     **error)
{
  g_autofree char *speaker = NULL;
  g_autofree char *label = NULL;
  JsonObject *fields;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if (speaker_as_written != NULL)
    speaker = g_strstrip (g_strdup (speaker_as_written));
  if (speaker != NULL && speaker[0] == '\0')
    g_clear_pointer (&speaker, g_free);
  if (speaker != NULL && !g_utf8_validate (speaker, -1, NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, _("The speaker’s name is not valid UTF-8."));
      return FALSE;
    }

  fields = json_object_new ();
  pl_json_set_string_or_null (fields, "speaker", speaker);
  if (speaker != NULL)
    resolve_speaker (pl_project_get_gazetteer (self), speaker, fields);
  else
    {
      json_object_set_null_member (fields, "entity");
      json_object_set_null_member (fields, "entity_type");
      json_object_set_null_member (fields, "iso3");
      json_object_set_null_member (fields, "regional_group");
    }
  json_object_set_string_member (fields, "speaker_source", pl_speaker_source_to_string (PL_SPEAKER_SOURCE_USER));
  json_object_set_boolean_member (fields, "needs_review", FALSE);

  label = speaker != NULL ? g_strdup_printf (_("Set Speaker “%s”"), speaker) : g_strdup (_("Clear Speaker"));
  return update_statement (self, document_id, index, label, fields, error);
}

gboolean
pl_project_set_on_behalf_of (PlProject   *self,
                             gint64       document_id,
                             guint        index,
                             const char  *group,
                             GError     **error)
{
  g_autofree char *value = NULL;
  JsonObject *fields;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if (group != NULL)
    value = g_strstrip (g_strdup (group));
  if (value != NULL && value[0] == '\0')
    g_clear_pointer (&value, g_free);
  if (value != NULL)
    {
      const PlGazetteerEntry *entry = pl_gazetteer_lookup (pl_project_get_gazetteer (self), value);

      if (entry != NULL)
        {
          g_free (value);
          value = g_strdup (entry->entity);
        }
    }

  fields = json_object_new ();
  pl_json_set_string_or_null (fields, "on_behalf_of", value);
  return update_statement (self, document_id, index, _("Set “On Behalf Of”"), fields, error);
}

gboolean
pl_project_set_statement_kind (PlProject        *self,
                               gint64            document_id,
                               guint             index,
                               PlStatementKind   kind,
                               GError          **error)
{
  JsonObject *fields;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (kind == PL_STATEMENT_KIND_STATEMENT || kind == PL_STATEMENT_KIND_FRONT_MATTER, FALSE);

  fields = json_object_new ();
  json_object_set_string_member (fields, "kind", pl_statement_kind_to_string (kind));
  return update_statement (self, document_id, index,
                           kind == PL_STATEMENT_KIND_FRONT_MATTER ? _("Mark as Front Matter")
                                                                  : _("Mark as Statement"),
                           fields, error);
}

gboolean
pl_project_set_statement_reviewed (PlProject  *self,
                                   gint64      document_id,
                                   guint       index,
                                   gboolean    reviewed,
                                   GError    **error)
{
  JsonObject *fields;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  fields = json_object_new ();
  json_object_set_boolean_member (fields, "needs_review", !reviewed);
  return update_statement (self, document_id, index,
                           reviewed ? _("Mark Statement as Reviewed") : _("Mark Statement for Review"),
                           fields, error);
}

char *
pl_project_dup_speaker_source (PlProject  *self,
                               gint64      document_id,
                               guint       index,
                               GError    **error)
{
  g_auto(Row) row = { 0 };

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  if (!read_row (self, document_id, index, &row, error))
    return NULL;
  return g_steal_pointer (&row.fields[field_index ("speaker_source")]);
}
