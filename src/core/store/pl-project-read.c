/* pl-project-read.c — reading a project for exports and analyses: one consistent snapshot
 *
 * Opened on a path, the reader opens the file as a project of its own (its own connection,
 * cached statements and in-memory lists) and holds one read transaction on it, in which
 * the lists are read again: what it reads is one committed state of the file.  Opened on a
 * project, it reads through that project's connection and lists, in a read transaction of
 * its own, without opening the file again (an export in the calling thread costs no more
 * than the rows it writes).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-read"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-project-private.h"
#include "pl-project-query-private.h"
#include "pl-project-read.h"
#include "pl-text.h"

struct _PlProjectReader
{
  PlProject  *project;     /* in a read transaction */
  sqlite3    *db;
  gboolean    own_project; /* opened by the reader, on a connection of its own */
  gboolean    own_transaction;
  char       *time;
  GHashTable *idle;        /* SQL → sqlite3_stmt* that no cursor is stepping */
};

struct _PlAnnotationCursor
{
  PlProjectReader   *reader;
  char              *sql;            /* the key of @stmt in the reader's cache */
  sqlite3_stmt      *stmt;
  PlReadFlags        flags;
  gboolean           done;
  GError            *error;          /* why reading stopped early */
  PlAnnotationRow    row;
  char              *text;           /* @row.text */

  /* The document being walked through, in offset order. */
  gint64             document_id;
  PlDocument        *document;
  char              *document_text;
  guint              length;
  const char        *position;       /* where code point @position_offset starts */
  guint              position_offset;
  GPtrArray         *statements;     /* PlStatement, by start */
  guint              statement_pos;
  const PlStatement *text_statement; /* the statement whose text is in @statement_text */
  char              *statement_text;
};

/* Filters
 *
 * Lists of ids are bound as one JSON array each and read with json_each(), so that one
 * prepared statement serves any number of ids. */

void
pl_project_filter_copy (const PlProjectFilter *source,
                        PlProjectFilter       *dest)
{
  g_return_if_fail (source != NULL && dest != NULL);

  *dest = *source;
  if (source->document_ids != NULL)
    dest->document_ids = g_array_copy (source->document_ids);
  if (source->code_ids != NULL)
    dest->code_ids = g_array_copy (source->code_ids);
  if (source->coder_ids != NULL)
    dest->coder_ids = g_array_copy (source->coder_ids);
  if (source->created_since != NULL)
    dest->created_since = g_date_time_ref (source->created_since);
  if (source->created_until != NULL)
    dest->created_until = g_date_time_ref (source->created_until);
}

void
pl_project_filter_clear (PlProjectFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->document_ids, g_array_unref);
  g_clear_pointer (&filter->code_ids, g_array_unref);
  g_clear_pointer (&filter->coder_ids, g_array_unref);
  g_clear_pointer (&filter->created_since, g_date_time_unref);
  g_clear_pointer (&filter->created_until, g_date_time_unref);
}

gboolean
pl_project_filter_keeps_document (const PlProjectFilter *filter,
                                  gint64                 document_id)
{
  if (filter == NULL || filter->document_ids == NULL)
    return TRUE;

  for (guint i = 0; i < filter->document_ids->len; i++)
    if (g_array_index (filter->document_ids, gint64, i) == document_id)
      return TRUE;

  return FALSE;
}

/* " AND …" conditions on the documents (alias "d") that @filter keeps. */
static const char *
filter_document_where (const PlProjectFilter *filter)
{
  if (filter == NULL || filter->document_ids == NULL)
    return "";

  return " AND d.id IN (SELECT value FROM json_each(:documents))";
}

/* " AND …" conditions on the annotations (alias "a") that @filter keeps. */
static void
append_filter_where (GString               *where,
                     const PlProjectFilter *filter)
{
  if (filter == NULL)
    return;

  if (filter->document_ids != NULL)
    g_string_append (where, " AND a.document_id IN (SELECT value FROM json_each(:documents))");

  if (filter->code_ids != NULL && filter->with_descendants)
    g_string_append (where,
                     " AND a.code_id IN (WITH RECURSIVE chosen(id) AS"
                     " (SELECT value FROM json_each(:codes)"
                     "  UNION SELECT k.id FROM codes AS k JOIN chosen ON k.parent_id = chosen.id)"
                     " SELECT id FROM chosen)");
  else if (filter->code_ids != NULL)
    g_string_append (where, " AND a.code_id IN (SELECT value FROM json_each(:codes))");

  if (filter->coder_ids != NULL)
    g_string_append (where, " AND a.coder_id IN (SELECT value FROM json_each(:coders))");

  if (filter->created_since != NULL)
    g_string_append (where, " AND a.created >= :since");

  if (filter->created_until != NULL)
    g_string_append (where, " AND a.created <= :until");
}

/* Creation times are stored as "2026-11-22T10:00:00Z", which sorts as text. */
static char *
format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
bind_filter (sqlite3_stmt          *stmt,
             const PlProjectFilter *filter)
{
  if (filter == NULL)
    return;

  if (filter->document_ids != NULL)
    pl_query_bind_named (stmt, ":documents", pl_query_ids_to_json (filter->document_ids));
  if (filter->code_ids != NULL)
    pl_query_bind_named (stmt, ":codes", pl_query_ids_to_json (filter->code_ids));
  if (filter->coder_ids != NULL)
    pl_query_bind_named (stmt, ":coders", pl_query_ids_to_json (filter->coder_ids));
  if (filter->created_since != NULL)
    pl_query_bind_named (stmt, ":since", format_utc (filter->created_since));
  if (filter->created_until != NULL)
    pl_query_bind_named (stmt, ":until", format_utc (filter->created_until));
}

/* Opening and closing */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Starts the read transaction: its first read fixes the snapshot. */
static gboolean
begin_snapshot (PlProject  *project,
                GError    **error)
{
  if (sqlite3_exec (pl_project_get_db (project), "BEGIN; SELECT count(*) FROM documents;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      pl_project_set_sql_error (project, error, "read the project");
      return FALSE;
    }

  return TRUE;
}

static PlProjectReader *
reader_new (PlProject *project,
            gboolean   own_project,
            gboolean   own_transaction)
{
  PlProjectReader *self = g_new0 (PlProjectReader, 1);

  self->project = g_object_ref (project);
  self->db = pl_project_get_db (project);
  self->own_project = own_project;
  self->own_transaction = own_transaction;
  self->time = pl_now_iso8601 ();
  self->idle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  return self;
}

PlProjectReader *
pl_project_reader_open (const char  *path,
                        GError     **error)
{
  g_autoptr(PlProject) project = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  project = pl_project_open (path, PL_PROJECT_OPEN_DEFAULT, error);
  if (project == NULL)
    return NULL;

  /* The lists of documents, codes and coders are read again inside the transaction, so
   * that they belong to the same state as the rest. */
  if (!begin_snapshot (project, error))
    {
      pl_project_close (project);
      return NULL;
    }
  pl_project_reload (project);

  return reader_new (project, TRUE, TRUE);
}

PlProjectReader *
pl_project_reader_new_for_project (PlProject  *project,
                                   GError    **error)
{
  sqlite3 *db;
  gboolean own_transaction;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = pl_project_get_db (project);
  if (db == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED, _("The project is closed."));
      return NULL;
    }

  /* Inside a transaction of the caller's, that transaction is the snapshot. */
  own_transaction = sqlite3_get_autocommit (db) != 0;
  if (own_transaction && !begin_snapshot (project, error))
    return NULL;

  return reader_new (project, FALSE, own_transaction);
}

void
pl_project_reader_free (PlProjectReader *self)
{
  if (self == NULL)
    return;

  /* Statements first: a connection with statements left open does not close. */
  g_hash_table_unref (self->idle);
  if (self->own_transaction)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (self->own_project)
    pl_project_close (self->project);
  g_object_unref (self->project);
  g_free (self->time);
  g_free (self);
}

/* A statement for @sql that no cursor is using: the idle one, or a new one. */
static sqlite3_stmt *
reader_take_statement (PlProjectReader  *self,
                       const char       *sql,
                       GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  gpointer key;

  if (g_hash_table_steal_extended (self->idle, sql, &key, (gpointer *) &stmt))
    {
      g_free (key);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      pl_project_set_sql_error (self->project, error, "prepare a query");
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

static void
reader_give_back (PlProjectReader *self,
                  const char      *sql,
                  sqlite3_stmt    *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (g_hash_table_contains (self->idle, sql))
    sqlite3_finalize (stmt);
  else
    g_hash_table_insert (self->idle, g_strdup (sql), stmt);
}

/* The project */

PlProject *
pl_project_reader_get_project (PlProjectReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->project;
}

const char *
pl_project_reader_get_guid (PlProjectReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pl_project_get_guid (self->project);
}

char *
pl_project_reader_dup_title (PlProjectReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pl_project_dup_title (self->project);
}

const char *
pl_project_reader_get_time (PlProjectReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->time;
}

static sqlite3_stmt *
prepare_info (PlProjectReader *self,
              const char      *key)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self->project, "SELECT value FROM project_info WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return NULL;
    }

  return stmt;
}

char *
pl_project_reader_dup_description (PlProjectReader *self)
{
  sqlite3_stmt *stmt;
  char *description;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = prepare_info (self, "description");
  if (stmt == NULL)
    return NULL;
  description = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  if (description != NULL && *description == '\0')
    g_clear_pointer (&description, g_free);
  return description;
}

char *
pl_project_reader_dup_created (PlProjectReader *self)
{
  sqlite3_stmt *stmt;
  char *created;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = prepare_info (self, "created");
  if (stmt == NULL)
    return NULL;
  created = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  return created;
}

gint64
pl_project_reader_get_codebook_version (PlProjectReader *self)
{
  sqlite3_stmt *stmt;
  gint64 version;

  g_return_val_if_fail (self != NULL, 1);

  stmt = prepare_info (self, "codebook_version");
  if (stmt == NULL)
    return 1;
  version = MAX (1, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);

  return version;
}

/* Codes, coders, documents, statements */

GListModel *
pl_project_reader_get_codes (PlProjectReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pl_project_get_codes (self->project);
}

PlCode *
pl_project_reader_find_code (PlProjectReader *self,
                             gint64           code_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pl_project_find_code (self->project, code_id);
}

GPtrArray *
pl_project_reader_list_coders (PlProjectReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pl_project_list_coders (self->project);
}

GPtrArray *
pl_project_reader_list_documents (PlProjectReader       *self,
                                  const PlProjectFilter *filter)
{
  GListModel *documents;
  GPtrArray *kept;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  documents = pl_project_get_documents (self->project);
  kept = g_ptr_array_new_with_free_func (g_object_unref);
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      PlDocument *document = g_list_model_get_item (documents, i);

      if (pl_project_filter_keeps_document (filter, pl_document_get_id (document)))
        g_ptr_array_add (kept, document);
      else
        g_object_unref (document);
    }

  return kept;
}

char *
pl_project_reader_dup_document_text (PlProjectReader  *self,
                                     gint64            document_id,
                                     GError          **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pl_project_dup_document_text (self->project, document_id, error);
}

gboolean
pl_project_reader_read_document_memo (PlProjectReader  *self,
                                      gint64            document_id,
                                      char            **out_memo,
                                      GError          **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_memo != NULL, FALSE);

  *out_memo = NULL;
  stmt = pl_project_prepare (self->project, "SELECT memo FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_memo = pl_sql_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    pl_project_set_sql_error (self->project, error, "read the document");
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

GPtrArray *
pl_project_reader_list_statements (PlProjectReader  *self,
                                   gint64            document_id,
                                   GError          **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (document_id != 0, NULL);

  return pl_project_list_statements (self->project, document_id, error);
}

/* Runs a count(*) query with @filter's parameters bound; -1 on error. */
static gint64
count_rows (PlProjectReader        *self,
            const char             *sql,
            const PlProjectFilter  *filter,
            const char             *what,
            GError                **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  stmt = pl_project_prepare (self->project, sql, error);
  if (stmt == NULL)
    return -1;
  bind_filter (stmt, filter);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    pl_project_set_sql_error (self->project, error, what);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return count;
}

gint64
pl_project_reader_count_statements (PlProjectReader        *self,
                                    const PlProjectFilter  *filter,
                                    gboolean                front_matter,
                                    GError                **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (self != NULL, -1);

  sql = g_strconcat ("SELECT count(*) FROM statements AS s JOIN documents AS d"
                     " ON d.id = s.document_id WHERE 1", filter_document_where (filter),
                     front_matter ? "" : " AND s.kind = 'statement'", NULL);

  return count_rows (self, sql, filter, "count the statements", error);
}

gint64
pl_project_reader_count_annotations (PlProjectReader        *self,
                                     const PlProjectFilter  *filter,
                                     GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM annotations AS a WHERE 1");

  g_return_val_if_fail (self != NULL, -1);

  append_filter_where (sql, filter);

  return count_rows (self, sql->str, filter, "count the annotations", error);
}

/* Notes */

gboolean
pl_project_reader_foreach_note (PlProjectReader  *self,
                                PlNoteRowFunc     func,
                                gpointer          user_data,
                                GError          **error)
{
  static const char sql[] =
    "SELECT n.guid, n.target_guid, n.text, c.guid, n.created, n.modified, d.title,"
    " d.start_offset, d.end_offset"
    " FROM notes AS n LEFT JOIN coders AS c ON c.id = n.coder_id"
    " LEFT JOIN note_details AS d ON d.note_id = n.id ORDER BY n.id";
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = reader_take_statement (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlNoteRow row;

      row.guid = (const char *) sqlite3_column_text (stmt, 0);
      row.target_guid = (const char *) sqlite3_column_text (stmt, 1);
      row.text = (const char *) sqlite3_column_text (stmt, 2);
      row.coder_guid = (const char *) sqlite3_column_text (stmt, 3);
      row.created = (const char *) sqlite3_column_text (stmt, 4);
      row.modified = (const char *) sqlite3_column_text (stmt, 5);
      row.title = (const char *) sqlite3_column_text (stmt, 6);
      row.anchored = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      row.start = (guint) sqlite3_column_int64 (stmt, 7);
      row.end = (guint) sqlite3_column_int64 (stmt, 8);
      if (!func (&row, user_data, error))
        {
          ok = FALSE;
          break;
        }
    }

  if (ok && rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self->project, error, "read the notes");
      ok = FALSE;
    }

  reader_give_back (self, sql, stmt);

  return ok;
}

/* Annotations */

gint
pl_project_compare_statement_starts (gconstpointer a,
                                     gconstpointer b)
{
  const PlStatement *sa = *(const PlStatement * const *) a;
  const PlStatement *sb = *(const PlStatement * const *) b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;

  return sa->index < sb->index ? -1 : (sa->index > sb->index ? 1 : 0);
}

PlAnnotationCursor *
pl_project_reader_read_annotations (PlProjectReader        *self,
                                    const PlProjectFilter  *filter,
                                    gint64                  document_id,
                                    PlReadFlags             flags,
                                    GError                **error)
{
  g_autoptr(GString) sql = NULL;
  PlAnnotationCursor *cursor;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!(flags & PL_READ_SPANS) ||
                        !(flags & (PL_READ_TEXT | PL_READ_STATEMENT | PL_READ_STATEMENT_TEXT)),
                        NULL);

  if (flags & PL_READ_SPANS)
    sql = g_string_new ("SELECT a.guid, a.document_id, a.code_id, a.start_offset, a.end_offset,"
                        " a.coder_id FROM annotations AS a WHERE 1");
  else
    sql = g_string_new ("SELECT a.guid, a.document_id, a.code_id, a.start_offset, a.end_offset,"
                        " a.coder_id, c.guid, c.name, a.memo, a.created, a.modified, a.stance,"
                        " a.codebook_version"
                        " FROM annotations AS a LEFT JOIN coders AS c ON c.id = a.coder_id"
                        " WHERE 1");
  if (document_id != 0)
    g_string_append (sql, " AND a.document_id = :document");
  if (flags & PL_READ_ONLY_WITH_MEMO)
    g_string_append (sql, " AND a.memo IS NOT NULL");
  if (flags & PL_READ_ONLY_NOTED)
    g_string_append (sql, " AND a.guid IN (SELECT target_guid FROM notes)");
  append_filter_where (sql, filter);
  if (!(flags & PL_READ_SPANS))
    g_string_append (sql, " ORDER BY a.document_id, a.start_offset, a.end_offset DESC, a.id");
  else if (document_id == 0)
    g_string_append (sql, " ORDER BY a.document_id");

  stmt = reader_take_statement (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, filter);
  if (document_id != 0)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":document"), document_id);

  if (flags & PL_READ_STATEMENT_TEXT)
    flags |= PL_READ_STATEMENT;

  cursor = g_new0 (PlAnnotationCursor, 1);
  cursor->reader = self;
  cursor->sql = g_string_free (g_steal_pointer (&sql), FALSE);
  cursor->stmt = stmt;
  cursor->flags = flags;

  return cursor;
}

static void
cursor_clear_document (PlAnnotationCursor *cursor)
{
  g_clear_pointer (&cursor->document_text, g_free);
  g_clear_pointer (&cursor->statements, g_ptr_array_unref);
  g_clear_pointer (&cursor->statement_text, g_free);
  cursor->text_statement = NULL;
  cursor->document = NULL;
  cursor->document_id = 0;
}

void
pl_annotation_cursor_free (PlAnnotationCursor *cursor)
{
  if (cursor == NULL)
    return;

  reader_give_back (cursor->reader, cursor->sql, cursor->stmt);
  cursor_clear_document (cursor);
  g_clear_error (&cursor->error);
  g_free (cursor->text);
  g_free (cursor->sql);
  g_free (cursor);
}

/* Reads what the rows of a new document need: its text, its statements by start. */
static gboolean
cursor_load_document (PlAnnotationCursor  *cursor,
                      gint64               document_id,
                      GError             **error)
{
  PlProjectReader *reader = cursor->reader;

  cursor_clear_document (cursor);
  cursor->document_id = document_id;
  cursor->document = pl_project_find_document (reader->project, document_id);

  if (cursor->flags & (PL_READ_TEXT | PL_READ_STATEMENT_TEXT))
    {
      cursor->document_text = pl_project_dup_document_text (reader->project, document_id,
                                                            error);
      if (cursor->document_text == NULL)
        return FALSE;
      cursor->length = pl_text_length (cursor->document_text);
      cursor->position = cursor->document_text;
      cursor->position_offset = 0;
    }

  if (cursor->flags & PL_READ_STATEMENT)
    {
      cursor->statements = pl_project_list_statements (reader->project, document_id, error);
      if (cursor->statements == NULL)
        return FALSE;
      g_ptr_array_sort (cursor->statements, pl_project_compare_statement_starts);
      cursor->statement_pos = 0;
    }

  return TRUE;
}

/* The code points [@start, @end) of the document, clamped to its length like
 * pl_text_slice(); cheap for offsets that mostly grow, as in cursor order. */
static char *
cursor_slice (PlAnnotationCursor *cursor,
              guint               start,
              guint               end)
{
  const char *slice_end;

  start = MIN (start, cursor->length);
  end = CLAMP (end, start, cursor->length);

  cursor->position = g_utf8_offset_to_pointer (cursor->position,
                                               (glong) start - (glong) cursor->position_offset);
  cursor->position_offset = start;
  slice_end = g_utf8_offset_to_pointer (cursor->position, (glong) (end - start));

  return g_strndup (cursor->position, slice_end - cursor->position);
}

/* The statement with the greatest start <= @offset; @offset does not decrease between
 * calls for one document. */
static const PlStatement *
cursor_statement_at (PlAnnotationCursor *cursor,
                     guint               offset)
{
  const PlStatement *statement;

  if (cursor->statements->len == 0)
    return NULL;

  while (cursor->statement_pos + 1 < cursor->statements->len)
    {
      const PlStatement *next = g_ptr_array_index (cursor->statements, cursor->statement_pos + 1);

      if (next->start > offset)
        break;

      cursor->statement_pos++;
    }

  statement = g_ptr_array_index (cursor->statements, cursor->statement_pos);

  return statement->start <= offset ? statement : NULL;
}

static const char *
cursor_statement_text (PlAnnotationCursor *cursor,
                       const PlStatement  *statement)
{
  if (statement == NULL)
    return NULL;

  if (cursor->text_statement != statement)
    {
      g_free (cursor->statement_text);
      cursor->statement_text = pl_text_slice (cursor->document_text, statement->start,
                                              statement->end);
      cursor->text_statement = statement;
    }

  return cursor->statement_text;
}

const PlAnnotationRow *
pl_annotation_cursor_next (PlAnnotationCursor *cursor)
{
  sqlite3_stmt *stmt;
  PlAnnotationRow *row;
  int rc;

  g_return_val_if_fail (cursor != NULL, NULL);

  if (cursor->done)
    return NULL;

  stmt = cursor->stmt;
  row = &cursor->row;
  g_clear_pointer (&cursor->text, g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 document_id = sqlite3_column_int64 (stmt, 1);

      if (document_id != cursor->document_id &&
          !cursor_load_document (cursor, document_id, &cursor->error))
        {
          cursor->done = TRUE;
          return NULL;
        }
      if (cursor->document == NULL)
        continue;

      memset (row, 0, sizeof *row);
      row->guid = (const char *) sqlite3_column_text (stmt, 0);
      row->document = cursor->document;
      row->code = pl_project_find_code (cursor->reader->project, sqlite3_column_int64 (stmt, 2));
      row->start = (guint) CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT);
      row->end = (guint) CLAMP (sqlite3_column_int64 (stmt, 4), 0, G_MAXUINT);
      row->coder_id = sqlite3_column_int64 (stmt, 5);
      if (cursor->flags & PL_READ_SPANS)
        return row;

      row->coder_guid = (const char *) sqlite3_column_text (stmt, 6);
      row->coder_name = (const char *) sqlite3_column_text (stmt, 7);
      row->memo = (const char *) sqlite3_column_text (stmt, 8);
      row->created = (const char *) sqlite3_column_text (stmt, 9);
      row->modified = (const char *) sqlite3_column_text (stmt, 10);
      row->stance = (const char *) sqlite3_column_text (stmt, 11);
      row->codebook_version = sqlite3_column_int64 (stmt, 12);

      if (cursor->flags & PL_READ_TEXT)
        row->text = cursor->text = cursor_slice (cursor, row->start, row->end);
      if (cursor->flags & PL_READ_STATEMENT)
        row->statement = cursor_statement_at (cursor, row->start);
      if (cursor->flags & PL_READ_STATEMENT_TEXT)
        row->statement_text = cursor_statement_text (cursor, row->statement);

      return row;
    }

  cursor->done = TRUE;
  if (rc != SQLITE_DONE)
    pl_project_set_sql_error (cursor->reader->project, &cursor->error, "read the annotations");

  return NULL;
}

gboolean
pl_annotation_cursor_finish (PlAnnotationCursor  *cursor,
                             GError             **error)
{
  g_return_val_if_fail (cursor != NULL, FALSE);

  if (cursor->error == NULL)
    return TRUE;

  g_propagate_error (error, g_steal_pointer (&cursor->error));
  return FALSE;
}
