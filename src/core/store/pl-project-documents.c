/* pl-project-documents.c — documents: adding, removing, their text and details
 *
 * Details of a document change as one undoable action, the history operation
 * "document.metadata" { guid, key, value (string or null) }.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-project"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-history.h"
#include "pl-project-gazetteer.h"
#include "pl-project-private.h"
#include "pl-project-search.h"
#include "pl-segmenter.h"
#include "pl-text.h"

GListModel *
pl_project_get_documents (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->documents);
}

PlDocument *
pl_project_find_document (PlProject *self,
                          gint64     document_id)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return g_hash_table_lookup (self->documents_by_id, &document_id);
}

/* The search index's triggers would cut each statement out of its document's text inside
 * SQLite, reading the whole text again for every statement (an import of 1,000 documents:
 * 11 billion instructions).  While statements are inserted here the triggers stand aside
 * (search_index 'bulk', inside this transaction only) and each statement is indexed with
 * its text cut here in one pass: the same text the triggers' substr() gives. */
static gboolean
set_search_index_state (PlProject   *self,
                        const char  *state,
                        GError     **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (self,
                                           "UPDATE project_info SET value = ?"
                                           " WHERE key = 'search_index'", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, state, -1, SQLITE_STATIC);
  return pl_project_step_done (self, stmt, "update the search index", error);
}

/* Rows per INSERT: a statement of SQLite costs about as much again as the row it adds
 * (its triggers still run for each row). */
#define ROWS_PER_INSERT 32
#define STATEMENT_COLUMNS 14

/* "INSERT INTO statements (…) VALUES (?, …), …" for @n_rows rows. */
static char *
insert_statements_sql (guint n_rows)
{
  GString *sql = g_string_new ("INSERT INTO statements (id, document_id, idx, start_offset, end_offset,"
                               " kind, speaker, entity, entity_type, iso3, regional_group,"
                               " on_behalf_of, needs_review, speaker_source) VALUES ");

  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r > 0 ? ", (?" : "(?");
      for (guint c = 1; c < STATEMENT_COLUMNS; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }
  return g_string_free (sql, FALSE);
}

/* pl_sql_bind_text_or_null() without its copy: the statements outlive the step. */
static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, column);
}

static void
bind_statement (sqlite3_stmt      *stmt,
                int                first,
                gint64             id,
                gint64             document_id,
                guint              index,
                const PlStatement *statement)
{
  sqlite3_bind_int64 (stmt, first, id);
  sqlite3_bind_int64 (stmt, first + 1, document_id);
  sqlite3_bind_int64 (stmt, first + 2, index);
  sqlite3_bind_int64 (stmt, first + 3, statement->start);
  sqlite3_bind_int64 (stmt, first + 4, statement->end);
  sqlite3_bind_text (stmt, first + 5, pl_statement_kind_to_string (statement->kind), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, first + 6, statement->speaker);
  bind_text_or_null (stmt, first + 7, statement->entity);
  bind_text_or_null (stmt, first + 8, statement->entity_type);
  bind_text_or_null (stmt, first + 9, statement->iso3);
  bind_text_or_null (stmt, first + 10, statement->regional_group);
  bind_text_or_null (stmt, first + 11, statement->on_behalf_of);
  sqlite3_bind_int (stmt, first + 12, statement->needs_review ? 1 : 0);
  bind_text_or_null (stmt, first + 13, statement->speaker_source);
}

/* The id SQLite would give the next row of statements: one more than the largest. */
static gboolean
last_statement_id (PlProject  *self,
                   gint64     *out_id,
                   GError    **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (self, "SELECT coalesce(max(id), 0) FROM statements", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      pl_project_set_sql_error (self, error, "add the statements");
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The index rows go in after all the statements' rows, not between them: an INSERT INTO
 * statements (it has triggers) opens a statement savepoint, and FTS5 writes out the terms
 * it holds in memory at every savepoint, so interleaved each statement made a segment of
 * its own, merged again and again (a transcript of 10 MB: 9 of its 14 billion
 * instructions).  In a row, the terms are written out once a megabyte. */
static gboolean
index_statements (PlProject   *self,
                  const char  *text,
                  GPtrArray   *statements,
                  gint64       first_id,
                  GError     **error)
{
  sqlite3_stmt *index;
  PlTextCursor cursor;

  /* One row at a time: an INSERT of several rows opens a savepoint too. */
  index = pl_project_prepare (self, "INSERT INTO statements_fts (rowid, text) VALUES (?, ?)",
                              error);
  if (index == NULL)
    return FALSE;

  pl_text_cursor_init (&cursor, text);
  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);
      const char *start;
      gsize length;

      /* Statements come in text order: the cursor walks on from the last one.  Offsets
       * past the end are cut at the end, as substr() does. */
      start = pl_text_cursor_cut (&cursor, statement->start, statement->end, &length);
      sqlite3_bind_int64 (index, 1, first_id + i);
      sqlite3_bind_text (index, 2, start, (int) length, SQLITE_STATIC);
      if (!pl_project_step_done (self, index, "index the statements", error))
        return FALSE;
    }

  return TRUE;
}

gboolean
pl_project_insert_statements (PlProject  *self,
                              gint64      document_id,
                              const char *text,
                              GPtrArray  *statements,
                              GError    **error)
{
  g_autofree char *one_row = insert_statements_sql (1);
  g_autofree char *many_rows = insert_statements_sql (ROWS_PER_INSERT);
  gboolean indexing;
  gint64 first_id;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  indexing = pl_project_search_index_is_ready (self);
  if (indexing && !set_search_index_state (self, "bulk", error))
    return FALSE;

  /* The ids are given as SQLite would give them, so that the index knows them. */
  if (!last_statement_id (self, &first_id, error))
    return FALSE;
  first_id++;

  for (guint i = 0; i < statements->len;)
    {
      guint n = statements->len - i >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 1;
      sqlite3_stmt *stmt;

      stmt = pl_project_prepare (self, n > 1 ? many_rows : one_row, error);
      if (stmt == NULL)
        return FALSE;
      for (guint k = 0; k < n; k++, i++)
        bind_statement (stmt, k * STATEMENT_COLUMNS + 1, first_id + i, document_id, i + 1,
                        g_ptr_array_index (statements, i));
      if (!pl_project_step_done (self, stmt, "add the statements", error))
        return FALSE;
    }

  return !indexing ||
         (index_statements (self, text, statements, first_id, error) &&
          set_search_index_state (self, "ready", error));
}

PlDocument *
pl_project_add_document (PlProject   *self,
                         const char  *title,
                         const char  *text,
                         const char  *source_uri,
                         GError     **error)
{
  return pl_project_add_document_full (self, title, text, source_uri, NULL, error);
}

static gboolean
update_metadata_column (PlProject   *self,
                        gint64       document_id,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  /* The column name comes from the fixed list of keys, never from input. */
  g_assert (pl_document_is_metadata_key (key));
  sql = g_strdup_printf ("UPDATE documents SET %s = ?, modified = ? WHERE id = ?", key);
  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  pl_sql_bind_text_or_null (stmt, 1, value);
  sqlite3_bind_text (stmt, 2, pl_now_iso8601 (), -1, g_free);
  sqlite3_bind_int64 (stmt, 3, document_id);
  return pl_project_step_done (self, stmt, "save the document's details", error);
}

static gboolean
check_metadata (GHashTable  *metadata,
                GError     **error)
{
  GHashTableIter iter;
  gpointer key;

  if (metadata == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, metadata);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!pl_document_is_metadata_key (key))
      {
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                     _("“%s” is not a kind of document detail Plenary knows."), (const char *)key);
        return FALSE;
      }
  return TRUE;
}

/* The document's row with its details at once: updated after, its row (the whole text)
 * would be written again for each. */
static char *
insert_document_sql (void)
{
  GString *columns = g_string_new ("INSERT INTO documents (guid, title, text, length, source_uri,"
                                   " created, modified");
  g_autoptr(GString) values = g_string_new (") VALUES (?, ?, ?, ?, ?, ?, ?");

  /* The column names come from the fixed list of keys, never from input. */
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    {
      g_string_append_printf (columns, ", %s", pl_document_metadata_keys[k]);
      g_string_append (values, ", ?");
    }
  g_string_append (columns, values->str);
  g_string_append_c (columns, ')');
  return g_string_free (columns, FALSE);
}

PlDocument *
pl_project_add_document_full (PlProject   *self,
                              const char  *title,
                              const char  *text,
                              const char  *source_uri,
                              GHashTable  *metadata,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *insert_sql = insert_document_sql ();
  g_autofree char *guid = NULL;
  g_autofree char *now = NULL;
  PlDocument *document;
  gint64 document_id;
  gint64 *key;
  guint length;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!pl_text_validate (text, -1, &length))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The text of “%s” is not valid UTF-8."), title);
      return NULL;
    }

  if (!check_metadata (metadata, error))
    return NULL;

  statements = pl_segmenter_segment (text, pl_project_get_gazetteer (self));
  guid = g_uuid_string_random ();
  now = pl_now_iso8601 ();

  if (!pl_project_begin (self, error))
    return NULL;

  stmt = pl_project_prepare (self, insert_sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, length);
  pl_sql_bind_text_or_null (stmt, 5, source_uri);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    pl_sql_bind_text_or_null (stmt, 8 + k, metadata != NULL ? g_hash_table_lookup (metadata, pl_document_metadata_keys[k])
                                                            : NULL);
  if (!pl_project_step_done (self, stmt, "add the document", error))
    goto failed;
  document_id = sqlite3_last_insert_rowid (self->db);

  if (!pl_project_insert_statements (self, document_id, text, statements, error))
    goto failed;

  if (!pl_project_commit (self, error))
    return NULL;

  document = pl_document_new (&(PlDocumentSpec) {
                                .id = document_id,
                                .guid = guid,
                                .title = title,
                                .source_uri = source_uri,
                                .created = now,
                                .length = length,
                                .n_statements = statements->len,
                              });
  for (guint k = 0; metadata != NULL && pl_document_metadata_keys[k] != NULL; k++)
    pl_document_set_metadata (document, pl_document_metadata_keys[k],
                              g_hash_table_lookup (metadata, pl_document_metadata_keys[k]));
  key = g_new (gint64, 1);
  *key = document_id;
  g_hash_table_insert (self->documents_by_id, key, document);
  g_list_store_append (self->documents, document);
  g_object_unref (document);

  return document;

failed:
  pl_project_rollback (self);
  return NULL;
}

typedef struct
{
  gint64  document_id;
  char   *key;
  char   *value;
} MetadataChange;

static void
metadata_change_free (MetadataChange *change)
{
  g_free (change->key);
  g_free (change->value);
  g_free (change);
}

static void
announce_metadata (PlProject *self,
                   gpointer   data)
{
  MetadataChange *change = data;
  PlDocument *document = pl_project_find_document (self, change->document_id);

  if (document != NULL)
    pl_document_set_metadata (document, change->key, change->value);
}

/* History operation "document.metadata": { guid, key, value (string or null) }. */
static gboolean
op_document_metadata (gpointer     owner,
                      JsonObject  *op,
                      GError     **error)
{
  PlProject *self = owner;
  const char *guid = json_object_get_string_member_with_default (op, "guid", NULL);
  const char *key = json_object_get_string_member_with_default (op, "key", NULL);
  JsonNode *value_node = json_object_get_member (op, "value");
  const char *value = value_node != NULL && JSON_NODE_HOLDS_VALUE (value_node) ? json_node_get_string (value_node) : NULL;
  MetadataChange *change;
  PlDocument *document = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  for (guint i = 0; guid != NULL && i < n && document == NULL; i++)
    {
      g_autoptr(PlDocument) item = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (g_strcmp0 (pl_document_get_guid (item), guid) == 0)
        document = item;
    }

  if (document == NULL || !pl_document_is_metadata_key (key))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("The document of this change is no longer in the project."));
      return FALSE;
    }

  if (!update_metadata_column (self, pl_document_get_id (document), key, value, error))
    return FALSE;

  change = g_new0 (MetadataChange, 1);
  change->document_id = pl_document_get_id (document);
  change->key = g_strdup (key);
  change->value = g_strdup (value);
  pl_project_defer (self, announce_metadata, change, (GDestroyNotify)metadata_change_free);
  return TRUE;
}

static const PlHistoryOp document_ops[] = {
  { "document.metadata", op_document_metadata },
};

const PlHistoryOp *
pl_project_document_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (document_ops);
  return document_ops;
}

static JsonObject *
metadata_op (PlDocument *document,
             const char *key,
             const char *value)
{
  JsonObject *op = pl_history_op_new ("document.metadata");

  json_object_set_string_member (op, "guid", pl_document_get_guid (document));
  json_object_set_string_member (op, "key", key);
  if (value != NULL)
    json_object_set_string_member (op, "value", value);
  else
    json_object_set_null_member (op, "value");
  return op;
}

gboolean
pl_project_set_document_metadata (PlProject   *self,
                                  gint64       document_id,
                                  const char  *key,
                                  const char  *value,
                                  GError     **error)
{
  g_autofree char *label = NULL;
  PlDocument *document;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  document = pl_project_find_document (self, document_id);
  if (document == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %lld in this project."), (long long)document_id);
      return FALSE;
    }

  if (!pl_document_is_metadata_key (key))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a kind of document detail Plenary knows."), key);
      return FALSE;
    }

  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (pl_document_get_metadata (document, key), value) == 0)
    return TRUE;

  label = g_strdup_printf (_("Edit the Details of “%s”"), pl_document_get_title (document));
  return pl_history_run (self->history, label,
                         metadata_op (document, key, value),
                         metadata_op (document, key, pl_document_get_metadata (document, key)),
                         error);
}

static gboolean
find_document_position (PlProject *self,
                        gint64     document_id,
                        guint     *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->documents));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      if (pl_document_get_id (document) == document_id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
pl_project_remove_document (PlProject  *self,
                            gint64      document_id,
                            GError    **error)
{
  sqlite3_stmt *stmt;
  guint position;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  if (pl_project_find_document (self, document_id) == NULL
      || !find_document_position (self, document_id, &position))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %lld in this project."), (long long)document_id);
      return FALSE;
    }

  if (!pl_project_begin (self, error))
    return FALSE;

  stmt = pl_project_prepare (self, "DELETE FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, document_id);
  if (!pl_project_step_done (self, stmt, "remove the document", error))
    goto failed;

  if (!pl_project_commit (self, error))
    return FALSE;

  g_hash_table_remove (self->documents_by_id, &document_id);
  g_list_store_remove (self->documents, position);
  pl_project_coverage_forget (self, document_id);
  pl_project_recount_codes (self);
  return TRUE;

failed:
  pl_project_rollback (self);
  return FALSE;
}

char *
pl_project_dup_document_text (PlProject  *self,
                              gint64      document_id,
                              GError    **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  stmt = pl_project_prepare (self, "SELECT text FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = pl_sql_dup_text (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("There is no document %lld in this project."), (long long)document_id);
  else
    pl_project_set_sql_error (self, error, "read the document");
  sqlite3_reset (stmt);

  return text;
}

gboolean
pl_project_load_documents (PlProject  *self,
                           GError    **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = pl_project_prepare (self,
                             "SELECT d.id, d.guid, d.title, d.source_uri, d.created, d.length,"
                             " (SELECT count(*) FROM statements s WHERE s.document_id = d.id),"
                             " (SELECT count(*) FROM annotations a WHERE a.document_id = d.id),"
                             " d.process, d.session, d.meeting, d.date, d.agenda_item,"
                             " d.source_type, d.language, d.format"
                             " FROM documents d ORDER BY d.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      PlDocument *document = g_hash_table_lookup (self->documents_by_id, &id);

      /* Views hold on to documents: an existing one is updated in place. */
      if (document != NULL)
        {
          pl_document_update (document, (const char *)sqlite3_column_text (stmt, 2),
                              sqlite3_column_int (stmt, 6), sqlite3_column_int (stmt, 7));
          for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
            pl_document_set_metadata (document, pl_document_metadata_keys[k],
                                      (const char *)sqlite3_column_text (stmt, 8 + k));
          g_ptr_array_add (items, g_object_ref (document));
          continue;
        }

      document = pl_document_new (&(PlDocumentSpec) {
                                    .id = sqlite3_column_int64 (stmt, 0),
                                    .guid = (const char *)sqlite3_column_text (stmt, 1),
                                    .title = (const char *)sqlite3_column_text (stmt, 2),
                                    .source_uri = (const char *)sqlite3_column_text (stmt, 3),
                                    .created = (const char *)sqlite3_column_text (stmt, 4),
                                    .length = sqlite3_column_int (stmt, 5),
                                    .n_statements = sqlite3_column_int (stmt, 6),
                                    .n_annotations = sqlite3_column_int (stmt, 7),
                                  });
      for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
        pl_document_set_metadata (document, pl_document_metadata_keys[k],
                                  (const char *)sqlite3_column_text (stmt, 8 + k));
      g_ptr_array_add (items, document);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the documents");
      return FALSE;
    }

  g_hash_table_remove_all (self->documents_by_id);
  for (guint i = 0; i < items->len; i++)
    {
      PlDocument *document = g_ptr_array_index (items, i);
      gint64 *key = g_new (gint64, 1);

      *key = pl_document_get_id (document);
      g_hash_table_insert (self->documents_by_id, key, document);
    }
  g_list_store_splice (self->documents, 0, g_list_model_get_n_items (G_LIST_MODEL (self->documents)),
                       items->pdata, items->len);
  return TRUE;
}
