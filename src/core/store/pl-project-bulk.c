/* pl-project-bulk.c — adding many things to a project at once, keyed by GUID
 *
 * Rows go straight into the tables inside one transaction, through the project's cache of
 * prepared statements; the in-memory lists are not touched until the commit, after which
 * they are read again once.  So an add can only consult the database, never the lists: the
 * lists do not know what the bulk has added so far.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bulk"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-gazetteer.h"
#include "pl-project-bulk.h"
#include "pl-project-gazetteer.h"
#include "pl-project-private.h"
#include "pl-segmenter.h"
#include "pl-text.h"

struct _PlProjectBulk
{
  PlProject  *project;
  gboolean    open;       /* in the transaction, not yet committed */
  GHashTable *codable;    /* code id → GINT_TO_POINTER (codable + 1) */
  char       *now;
  char       *cache_size; /* the connection's page cache before the bulk, or NULL */
};

/* The page cache of a bulk, in KiB.  A large bulk (a REFI-QDA project of a hundred
 * thousand codings) touches the pages of several indexes over and over; in SQLite's
 * default two megabytes they are written out and read back many times before the
 * commit. */
#define BULK_CACHE_KIB 8192

/* Raises the connection's page cache for the bulk when it is smaller (set in KiB, as
 * SQLite's default is), remembering what it was. */
static void
raise_cache (PlProjectBulk *self)
{
  sqlite3_stmt *stmt = pl_project_prepare (self->project, "PRAGMA cache_size", NULL);
  g_autofree char *raised = g_strdup_printf ("PRAGMA cache_size = -%d", BULK_CACHE_KIB);
  gint64 size = 0;

  if (stmt == NULL)
    return;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (size >= 0 || -size >= BULK_CACHE_KIB)
    return;

  self->cache_size = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, size);
  if (!pl_project_exec (self->project, raised, NULL))
    g_clear_pointer (&self->cache_size, g_free);
}

static void
restore_cache (PlProjectBulk *self)
{
  if (self->cache_size != NULL)
    pl_project_exec (self->project, self->cache_size, NULL);
  g_clear_pointer (&self->cache_size, g_free);
}

static const char * const lookup_sql[] = {
  [PL_BULK_CODERS] = "SELECT id FROM coders WHERE guid = ?",
  [PL_BULK_CODES] = "SELECT id FROM codes WHERE guid = ?",
  [PL_BULK_DOCUMENTS] = "SELECT id FROM documents WHERE guid = ?",
  [PL_BULK_ANNOTATIONS] = "SELECT id FROM annotations WHERE guid = ?",
  [PL_BULK_NOTES] = "SELECT id FROM notes WHERE guid = ?",
};

PlProjectBulk *
pl_project_bulk_begin (PlProject  *project,
                       GError    **error)
{
  PlProjectBulk *self;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!pl_project_begin (project, error))
    return NULL;

  self = g_new0 (PlProjectBulk, 1);
  self->project = g_object_ref (project);
  self->open = TRUE;
  self->codable = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->now = pl_now_iso8601 ();
  raise_cache (self);

  return self;
}

gboolean
pl_project_bulk_commit (PlProjectBulk  *self,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->open, FALSE);

  self->open = FALSE;
  if (!pl_project_commit (self->project, error))
    {
      restore_cache (self);
      return FALSE;
    }

  restore_cache (self);
  pl_project_reload (self->project);
  return TRUE;
}

void
pl_project_bulk_free (PlProjectBulk *self)
{
  if (self == NULL)
    return;

  if (self->open)
    pl_project_rollback (self->project);
  restore_cache (self);

  g_object_unref (self->project);
  g_hash_table_unref (self->codable);
  g_free (self->now);
  g_free (self);
}

PlProject *
pl_project_bulk_get_project (PlProjectBulk *self)
{
  g_return_val_if_fail (self != NULL && self->open, NULL);

  return self->project;
}

/* Steps an INSERT or UPDATE, resets it; sets @error naming @what on failure. */
static gboolean
run (PlProjectBulk  *self,
     sqlite3_stmt   *stmt,
     const char     *what,
     GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self->project, error, what);
      return FALSE;
    }

  return TRUE;
}

static gint64
last_id (PlProjectBulk *self)
{
  return sqlite3_last_insert_rowid (pl_project_get_db (self->project));
}

/* The id of the row that @sql (one text parameter) finds: 0 when none, -1 on error. */
static gint64
find_id (PlProjectBulk  *self,
         const char     *sql,
         const char     *value,
         GError        **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (self->project, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self->project, error, "read the project");
      id = -1;
    }
  sqlite3_reset (stmt);

  return id;
}

gint64
pl_project_bulk_lookup (PlProjectBulk  *self,
                        PlBulkKind      kind,
                        const char     *guid,
                        GError        **error)
{
  g_return_val_if_fail (self != NULL && self->open, -1);
  g_return_val_if_fail (kind < G_N_ELEMENTS (lookup_sql), -1);
  g_return_val_if_fail (guid != NULL, -1);

  return find_id (self, lookup_sql[kind], guid, error);
}

gint64
pl_project_bulk_count (PlProjectBulk  *self,
                       PlBulkKind      kind,
                       GError        **error)
{
  static const char * const count_sql[] = {
    [PL_BULK_CODERS] = "SELECT count(*) FROM coders",
    [PL_BULK_CODES] = "SELECT count(*) FROM codes",
    [PL_BULK_DOCUMENTS] = "SELECT count(*) FROM documents",
    [PL_BULK_ANNOTATIONS] = "SELECT count(*) FROM annotations",
    [PL_BULK_NOTES] = "SELECT count(*) FROM notes",
  };
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (self != NULL && self->open, -1);
  g_return_val_if_fail (kind < G_N_ELEMENTS (count_sql), -1);

  stmt = pl_project_prepare (self->project, count_sql[kind], error);
  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    pl_project_set_sql_error (self->project, error, "read the project");
  sqlite3_reset (stmt);

  return count;
}

/* Fills @result for an item the project has (@id > 0); FALSE when the lookup failed. */
static gboolean
found (gint64        id,
       PlBulkResult *result)
{
  if (id < 0)
    return FALSE;

  result->id = id;
  result->existed = id > 0;
  return TRUE;
}

/* Coders */

gboolean
pl_project_bulk_add_coder (PlProjectBulk      *self,
                           const PlBulkCoder  *coder,
                           PlBulkResult       *result,
                           GError            **error)
{
  g_autofree char *new_guid = NULL;
  g_autofree char *new_initials = NULL;
  const char *guid = coder->guid;
  const char *initials = coder->initials;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && self->open, FALSE);
  g_return_val_if_fail (coder != NULL && coder->name != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (PlBulkResult) { 0 };

  if (guid != NULL)
    {
      if (!found (find_id (self, lookup_sql[PL_BULK_CODERS], guid, error), result))
        return FALSE;
      if (result->existed)
        return TRUE;
    }

  /* Names are unique: a coder of the same name is the same person. */
  if (!found (find_id (self, "SELECT id FROM coders WHERE name = ?", coder->name, error),
              result))
    return FALSE;
  if (result->existed)
    return TRUE;

  if (guid == NULL)
    guid = new_guid = g_uuid_string_random ();
  if (initials == NULL)
    initials = new_initials = pl_coder_initials_for_name (coder->name);

  stmt = pl_project_prepare (self->project,
                             "INSERT INTO coders (guid, name, initials, created) VALUES (?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, coder->name, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 3, initials);
  sqlite3_bind_text (stmt, 4, self->now, -1, SQLITE_STATIC);
  if (!run (self, stmt, "add a coder", error))
    return FALSE;

  result->id = last_id (self);
  return TRUE;
}

/* Codes */

/* The id of the code that @sql finds for @value (a short id, a shortcut): 0 when none or
 * @value is NULL, -1 on error. */
static gint64
code_with (PlProjectBulk  *self,
           const char     *sql,
           const char     *value,
           GError        **error)
{
  return value != NULL ? find_id (self, sql, value, error) : 0;
}

gboolean
pl_project_bulk_add_code (PlProjectBulk     *self,
                          const PlCodeSpec  *spec,
                          PlBulkResult      *result,
                          GError           **error)
{
  PlCodeSpec kept;
  gint64 short_holder, shortcut_holder;

  g_return_val_if_fail (self != NULL && self->open, FALSE);
  g_return_val_if_fail (spec != NULL && spec->guid != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (PlBulkResult) { 0 };
  if (!found (find_id (self, lookup_sql[PL_BULK_CODES], spec->guid, error), result))
    return FALSE;
  if (result->existed)
    return TRUE;

  short_holder = code_with (self, "SELECT id FROM codes WHERE short_id = ?", spec->short_id,
                            error);
  if (short_holder < 0)
    return FALSE;
  shortcut_holder = code_with (self, "SELECT id FROM codes WHERE shortcut = ?", spec->shortcut,
                               error);
  if (shortcut_holder < 0)
    return FALSE;

  kept = *spec;
  if (short_holder != 0)
    kept.short_id = NULL;
  if (shortcut_holder != 0)
    kept.shortcut = NULL;
  result->dropped = short_holder != 0 || shortcut_holder != 0;

  result->id = pl_project_insert_code (self->project, &kept, error);
  if (result->id == 0)
    return FALSE;

  g_hash_table_insert (self->codable, g_memdup2 (&result->id, sizeof (gint64)),
                       GINT_TO_POINTER (kept.codable ? 2 : 1));
  return TRUE;
}

gboolean
pl_project_bulk_code_is_codable (PlProjectBulk *self,
                                 gint64         code_id)
{
  gpointer cached;
  sqlite3_stmt *stmt;
  gboolean codable;

  g_return_val_if_fail (self != NULL && self->open, FALSE);

  cached = g_hash_table_lookup (self->codable, &code_id);
  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == 2;

  stmt = pl_project_prepare (self->project, "SELECT codable FROM codes WHERE id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code_id);
  codable = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  g_hash_table_insert (self->codable, g_memdup2 (&code_id, sizeof code_id),
                       GINT_TO_POINTER (codable ? 2 : 1));
  return codable;
}

/* Documents */

gboolean
pl_project_bulk_add_document (PlProjectBulk         *self,
                              const PlBulkDocument  *document,
                              PlBulkResult          *result,
                              GError               **error)
{
  g_autoptr(GPtrArray) segmented = NULL;
  GPtrArray *statements = document->statements;
  const char *created = document->created != NULL ? document->created : self->now;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && self->open, FALSE);
  g_return_val_if_fail (document->guid != NULL && document->title != NULL, FALSE);
  g_return_val_if_fail (document->text != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (PlBulkResult) { 0 };
  if (!found (find_id (self, lookup_sql[PL_BULK_DOCUMENTS], document->guid, error), result))
    return FALSE;
  if (result->existed)
    return TRUE;

  stmt = pl_project_prepare (self->project,
                             "INSERT INTO documents (guid, title, text, length, source_uri,"
                             " created, modified, process, session, meeting, date, agenda_item,"
                             " source_type, language, format, memo)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, document->guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, document->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, document->text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, pl_text_length (document->text));
  pl_sql_bind_text_or_null (stmt, 5, document->source_uri);
  sqlite3_bind_text (stmt, 6, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, document->modified != NULL ? document->modified : created, -1,
                     SQLITE_TRANSIENT);
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    pl_sql_bind_text_or_null (stmt, 8 + (int) k,
                              document->metadata != NULL ? document->metadata[k] : NULL);
  pl_sql_bind_text_or_null (stmt, 16, document->memo);
  if (!run (self, stmt, "add a document", error))
    return FALSE;
  result->id = last_id (self);

  if (statements == NULL)
    statements = segmented = pl_segmenter_segment (document->text,
                                                   pl_project_get_gazetteer (self->project));

  return pl_project_insert_statements (self->project, result->id, document->text, statements, error);
}

/* Annotations */

static gint64
current_codebook_version (PlProjectBulk *self)
{
  sqlite3_stmt *stmt;
  gint64 version = 1;

  stmt = pl_project_prepare (self->project,
                             "SELECT value FROM project_info WHERE key = 'codebook_version'", NULL);
  if (stmt == NULL)
    return version;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = MAX (1, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);

  return version;
}

/* The annotation the project has under @annotation's GUID, or the same coding (span, code,
 * coder) under another GUID, in @result; FALSE when the lookup failed. */
static gboolean
find_annotation (PlProjectBulk           *self,
                 const PlBulkAnnotation  *annotation,
                 PlBulkResult            *result,
                 GError                 **error)
{
  sqlite3_stmt *stmt;

  if (!found (find_id (self, lookup_sql[PL_BULK_ANNOTATIONS], annotation->guid, error), result))
    return FALSE;
  if (result->existed)
    return TRUE;

  /* The same coding under another GUID (a second export of the same work, say) is folded
   * into the one the project has. */
  stmt = pl_project_prepare (self->project,
                             "SELECT id FROM annotations WHERE document_id = ? AND start_offset = ?"
                             " AND end_offset = ? AND code_id = ? AND coder_id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation->document_id);
  sqlite3_bind_int64 (stmt, 2, annotation->start);
  sqlite3_bind_int64 (stmt, 3, annotation->end);
  sqlite3_bind_int64 (stmt, 4, annotation->code_id);
  sqlite3_bind_int64 (stmt, 5, annotation->coder_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      result->id = sqlite3_column_int64 (stmt, 0);
      result->existed = TRUE;
      result->duplicate = TRUE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
pl_project_bulk_add_annotation (PlProjectBulk           *self,
                                const PlBulkAnnotation  *annotation,
                                PlBulkResult            *result,
                                GError                 **error)
{
  g_autoptr(GError) refused = NULL;
  const char *created;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (self != NULL && self->open, FALSE);
  g_return_val_if_fail (annotation != NULL && annotation->guid != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (PlBulkResult) { 0 };

  if (!pl_project_bulk_code_is_codable (self, annotation->code_id) ||
      !pl_annotation_stance_is_valid (annotation->stance))
    {
      /* One the project has is found before it is checked. */
      if (!found (find_id (self, lookup_sql[PL_BULK_ANNOTATIONS], annotation->guid, error),
                  result))
        return FALSE;
      if (result->existed)
        return TRUE;
      if (!pl_project_bulk_code_is_codable (self, annotation->code_id))
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                     _("Annotation %s applies a folder of codes or a code that does not exist."),
                     annotation->guid);
      else
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                     _("“%s” is not a stance (annotation %s)."), annotation->stance,
                     annotation->guid);
      return FALSE;
    }

  /* Inserted straight away: the GUID and the coding are unique in the table, so only an
   * annotation the project refuses is looked for (one it has already), and a new one
   * costs one statement rather than three. */
  created = annotation->created != NULL ? annotation->created : self->now;
  stmt = pl_project_prepare (self->project,
                             "INSERT INTO annotations (guid, document_id, code_id, coder_id,"
                             " start_offset, end_offset, memo, created, modified, stance,"
                             " codebook_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  /* Bound without a copy: the strings outlive the step, and the next use of the statement
   * clears its bindings (pl_project_prepare()). */
  sqlite3_bind_text (stmt, 1, annotation->guid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, annotation->document_id);
  sqlite3_bind_int64 (stmt, 3, annotation->code_id);
  sqlite3_bind_int64 (stmt, 4, annotation->coder_id);
  sqlite3_bind_int64 (stmt, 5, annotation->start);
  sqlite3_bind_int64 (stmt, 6, annotation->end);
  pl_sql_bind_text_or_null (stmt, 7, annotation->memo);
  sqlite3_bind_text (stmt, 8, created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, annotation->modified != NULL ? annotation->modified : created, -1,
                     SQLITE_STATIC);
  pl_sql_bind_text_or_null (stmt, 10, annotation->stance);
  sqlite3_bind_int64 (stmt, 11, annotation->codebook_version > 0 ? annotation->codebook_version
                                                                 : current_codebook_version (self));
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      result->id = last_id (self);
      return TRUE;
    }

  pl_project_set_sql_error (self->project, &refused, "add an annotation");
  if ((rc & 0xFF) == SQLITE_CONSTRAINT)
    {
      if (!find_annotation (self, annotation, result, error))
        return FALSE;
      if (result->existed)
        return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (&refused));
  return FALSE;
}

/* Notes and the project */

gboolean
pl_project_bulk_add_note (PlProjectBulk     *self,
                          const PlBulkNote  *note,
                          PlBulkResult      *result,
                          GError           **error)
{
  const char *created;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && self->open, FALSE);
  g_return_val_if_fail (note != NULL && note->guid != NULL && note->text != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (PlBulkResult) { 0 };
  if (!found (find_id (self, lookup_sql[PL_BULK_NOTES], note->guid, error), result))
    return FALSE;
  if (result->existed)
    return TRUE;

  created = note->created != NULL ? note->created : self->now;
  stmt = pl_project_prepare (self->project,
                             "INSERT INTO notes (guid, target_guid, text, coder_id, created,"
                             " modified) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, note->guid, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 2, note->target_guid);
  sqlite3_bind_text (stmt, 3, note->text, -1, SQLITE_TRANSIENT);
  if (note->coder_id != 0)
    sqlite3_bind_int64 (stmt, 4, note->coder_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, note->modified != NULL ? note->modified : created, -1,
                     SQLITE_TRANSIENT);
  if (!run (self, stmt, "add a note", error))
    return FALSE;
  result->id = last_id (self);

  if (note->title == NULL && !note->anchored)
    return TRUE;
  if (note->anchored && (note->start >= note->end || note->target_guid == NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("Note %s is about an empty passage or about no document."), note->guid);
      return FALSE;
    }

  stmt = pl_project_prepare (self->project,
                             "INSERT INTO note_details (note_id, title, start_offset, end_offset)"
                             " VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, result->id);
  pl_sql_bind_text_or_null (stmt, 2, note->title);
  if (note->anchored)
    {
      sqlite3_bind_int64 (stmt, 3, note->start);
      sqlite3_bind_int64 (stmt, 4, note->end);
    }
  else
    {
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_null (stmt, 4);
    }

  return run (self, stmt, "add a note", error);
}

gboolean
pl_project_bulk_set_description (PlProjectBulk  *self,
                                 const char     *text,
                                 PlBulkResult   *result,
                                 GError        **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *own = NULL;

  g_return_val_if_fail (self != NULL && self->open, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = (PlBulkResult) { 0 };
  stmt = pl_project_prepare (self->project,
                             "SELECT value FROM project_info WHERE key = 'description'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    own = pl_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);

  if (own != NULL && *own != '\0')
    {
      result->existed = TRUE;
      result->dropped = strcmp (own, text) != 0;
      return TRUE;
    }

  stmt = pl_project_prepare (self->project,
                             "INSERT OR REPLACE INTO project_info (key, value)"
                             " VALUES ('description', ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);

  return run (self, stmt, "record the project's description", error);
}

gboolean
pl_project_bulk_raise_codebook_version (PlProjectBulk  *self,
                                        gint64          version,
                                        GError        **error)
{
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (self != NULL && self->open, FALSE);

  value = g_strdup_printf ("%" G_GINT64_FORMAT, version);
  stmt = pl_project_prepare (self->project,
                             "UPDATE project_info SET value = ? WHERE key = 'codebook_version'"
                             " AND CAST(value AS INTEGER) < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, version);

  return run (self, stmt, "record the codebook version", error);
}
