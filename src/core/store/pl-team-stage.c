/* pl-team-stage.c — staging change records into a merge
 *
 * Each record of a file is checked against the project and becomes, at most, one row of
 * team_merge_rows: the file's coder is found by GUID (or name) or staged as new, its
 * documents are found by the SHA-256 of their text, each annotation is compared with the
 * project's (or with what the merge already staged for it, when several files or records
 * name it) and staged as added, changed or removed.  Nothing of the project itself changes
 * here: pl_team_merge_apply() writes the rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-team"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-team-private.h"

/* Staging: the project's side
 *
 * What one file is checked against while it is staged: its documents found in the project
 * (by the SHA-256 of their text), and the codes it applies. */

typedef struct
{
  PlProject      *project;
  gint64          merge_id;
  PlTeamChanges  *changes;
  gboolean        tolerant;
  PlMergeFile    *summary;
  char           *coder_guid;  /* the coder the file's annotations go to, in the project */
  GHashTable     *documents;   /* the file's document GUID → Found, or NULL when left out */
  GHashTable     *by_sha256;   /* the project's documents, filled when first needed */
  GHashTable     *codes;       /* code GUID → GINT_TO_POINTER (codable + 1) */
} Stage;

typedef struct
{
  char  *guid;
  guint  length;
} Found;

static void
found_free (gpointer data)
{
  Found *found = data;

  if (found == NULL)
    return;
  g_free (found->guid);
  g_free (found);
}

static void
stage_clear (Stage *stage)
{
  g_clear_pointer (&stage->coder_guid, g_free);
  g_clear_pointer (&stage->documents, g_hash_table_unref);
  g_clear_pointer (&stage->by_sha256, g_hash_table_unref);
  g_clear_pointer (&stage->codes, g_hash_table_unref);
}

/* Runs @sql with one text parameter; the first column of its first row, or NULL. */
static char *
query_text (PlProject   *project,
            const char  *sql,
            const char  *key,
            GError     **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, error);
  char *value = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = pl_sql_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    pl_project_set_sql_error (project, error, "read the project");
  sqlite3_reset (stmt);
  return value;
}

/* The coder another file of this merge brought in, by GUID or name; NULL when none. */
static char *
staged_coder (Stage   *stage,
              GError **error)
{
  sqlite3_stmt *stmt;
  char *guid = NULL;
  int rc;

  stmt = pl_project_prepare (stage->project,
                             "SELECT guid FROM team_merge_rows WHERE merge_id = ?1"
                             " AND kind = 'coder' AND (guid = ?2"
                             "  OR json_extract (row_after, '$.name') = ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, stage->merge_id);
  sqlite3_bind_text (stmt, 2, stage->changes->coder_guid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stage->changes->coder_name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    guid = pl_sql_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    pl_project_set_sql_error (stage->project, error, "read the merge");
  sqlite3_reset (stmt);
  return guid;
}

static gboolean
stage_coder (Stage   *stage,
             GError **error)
{
  PlTeamChanges *changes = stage->changes;
  g_autofree char *initials = NULL;
  g_autofree char *now = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  const char *color = changes->coder_color;

  stage->coder_guid = query_text (stage->project, "SELECT guid FROM coders WHERE guid = ?",
                                  changes->coder_guid, &local_error);
  if (stage->coder_guid == NULL && local_error == NULL)
    {
      stage->coder_guid = query_text (stage->project, "SELECT guid FROM coders WHERE name = ?",
                                      changes->coder_name, &local_error);
      stage->summary->coder_by_name = stage->coder_guid != NULL;
    }
  if (stage->coder_guid == NULL && local_error == NULL)
    stage->coder_guid = staged_coder (stage, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (stage->coder_guid != NULL)
    return TRUE;

  /* A coder the project does not have. */
  stage->summary->coder_new = TRUE;
  stage->coder_guid = g_strdup (changes->coder_guid);
  initials = changes->coder_initials != NULL ? g_strdup (changes->coder_initials)
                                             : pl_coder_initials_for_name (changes->coder_name);
  now = pl_now_iso8601 ();
  if (color != NULL && !pl_color_is_hex (color))
    color = NULL;

  stmt = pl_project_prepare (stage->project,
                             "INSERT INTO team_merge_rows (merge_id, kind, guid, row_after)"
                             " VALUES (?, 'coder', ?, json_object ('name', ?, 'initials', ?,"
                             " 'color', ?, 'created', ?))", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage->merge_id);
  sqlite3_bind_text (stmt, 2, changes->coder_guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, changes->coder_name, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 4, initials);
  pl_sql_bind_text_or_null (stmt, 5, color);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  return pl_project_step_done (stage->project, stmt, "stage the coder", error);
}

/* The project's documents by the SHA-256 of their text. */
static gboolean
index_documents (Stage   *stage,
                 GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (stage->by_sha256 != NULL)
    return TRUE;

  stage->by_sha256 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, found_free);
  stmt = pl_project_prepare (stage->project, "SELECT guid, text, length FROM documents", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Found *found = g_new0 (Found, 1);

      found->guid = pl_sql_dup_text (stmt, 0);
      found->length = (guint) sqlite3_column_int64 (stmt, 2);
      g_hash_table_replace (stage->by_sha256,
                            pl_team_text_sha256 ((const char *) sqlite3_column_text (stmt, 1)),
                            found);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (stage->project, error, "read the documents");
      return FALSE;
    }
  return TRUE;
}

/* The project's document for one of the file's, or NULL (reported in the summary). */
static Found *
find_document (Stage           *stage,
               PlTeamDocument  *document,
               GError         **error)
{
  sqlite3_stmt *stmt;
  Found *found = NULL;
  gboolean same_guid = FALSE;

  /* Copies of one project share their documents' GUIDs: check that one alone first. */
  stmt = pl_project_prepare (stage->project, "SELECT text, length FROM documents WHERE guid = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, document->guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sha256 = pl_team_text_sha256 ((const char *) sqlite3_column_text (stmt, 0));

      same_guid = TRUE;
      if (strcmp (sha256, document->sha256) == 0)
        {
          found = g_new0 (Found, 1);
          found->guid = g_strdup (document->guid);
          found->length = (guint) sqlite3_column_int64 (stmt, 1);
        }
    }
  sqlite3_reset (stmt);
  if (found != NULL)
    return found;

  if (!index_documents (stage, error))
    return NULL;
  if (g_hash_table_contains (stage->by_sha256, document->sha256))
    {
      Found *by_text = g_hash_table_lookup (stage->by_sha256, document->sha256);

      found = g_new0 (Found, 1);
      found->guid = g_strdup (by_text->guid);
      found->length = by_text->length;
      return found;
    }

  g_ptr_array_add (stage->summary->skipped,
                   same_guid
                   ? g_strdup_printf (_("“%s”: its text differs from the project’s; its "
                                        "annotations are left out."),
                                      document->title != NULL ? document->title : document->guid)
                   : g_strdup_printf (_("“%s”: the project has no document with this text; its "
                                        "annotations are left out."),
                                      document->title != NULL ? document->title : document->guid));
  return NULL;
}

static gboolean
stage_documents (Stage   *stage,
                 GError **error)
{
  GHashTableIter iter;
  gpointer value;

  stage->documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, found_free);
  g_hash_table_iter_init (&iter, stage->changes->documents);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PlTeamDocument *document = value;
      GError *local_error = NULL;
      Found *found = find_document (stage, document, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (found != NULL)
        stage->summary->n_documents++;
      g_hash_table_insert (stage->documents, document->guid, found);
    }
  return TRUE;
}

/* Whether the project has code @guid and it can be applied; cached. */
static gboolean
code_is_codable (Stage       *stage,
                 const char  *guid)
{
  gpointer cached = g_hash_table_lookup (stage->codes, guid);
  sqlite3_stmt *stmt;
  gboolean codable;

  if (cached != NULL)
    return GPOINTER_TO_INT (cached) == 2;

  stmt = pl_project_prepare (stage->project, "SELECT codable FROM codes WHERE guid = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  codable = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  g_hash_table_insert (stage->codes, g_strdup (guid), GINT_TO_POINTER (codable ? 2 : 1));
  return codable;
}

/* Staging: one annotation */

/* An annotation as the merge or the project has it now. */
typedef struct
{
  char     *row;        /* JSON; NULL when absent (or removed by this merge) */
  char     *coder;
  char     *modified;
  gboolean  staged;     /* this merge already has a row for it */
  gboolean  had_before; /* …that replaces or removes one of the project's */
} Current;

static void
current_clear (Current *current)
{
  g_free (current->row);
  g_free (current->coder);
  g_free (current->modified);
}

static gboolean
read_current (Stage        *stage,
              const char   *guid,
              Current      *current,
              GError      **error)
{
  static const char staged_sql[] =
    "SELECT row_after, row_before IS NOT NULL, json_extract (row_after, '$.coder'),"
    " json_extract (row_after, '$.modified') FROM team_merge_rows"
    " WHERE merge_id = ? AND kind = 'annotation' AND guid = ?";
  static const char project_sql[] =
    "SELECT json_object ('document', d.guid, 'code', k.guid, 'coder', c.guid,"
    " 'start', a.start_offset, 'end', a.end_offset, 'memo', a.memo, 'stance', a.stance,"
    " 'codebook_version', a.codebook_version, 'created', a.created, 'modified', a.modified),"
    " 0, c.guid, a.modified"
    " FROM annotations AS a JOIN documents AS d ON d.id = a.document_id"
    " JOIN codes AS k ON k.id = a.code_id JOIN coders AS c ON c.id = a.coder_id"
    " WHERE a.guid = ?";
  sqlite3_stmt *stmt;
  int rc;

  memset (current, 0, sizeof *current);
  for (guint pass = 0; pass < 2; pass++)
    {
      stmt = pl_project_prepare (stage->project, pass == 0 ? staged_sql : project_sql, error);
      if (stmt == NULL)
        return FALSE;
      if (pass == 0)
        {
          sqlite3_bind_int64 (stmt, 1, stage->merge_id);
          sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
        }
      else
        sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          current->row = pl_sql_dup_text (stmt, 0);
          current->staged = pass == 0;
          current->had_before = pass == 0 && sqlite3_column_int (stmt, 1) != 0;
          current->coder = pl_sql_dup_text (stmt, 2);
          current->modified = pl_sql_dup_text (stmt, 3);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          pl_project_set_sql_error (stage->project, error, "read the annotations");
          return FALSE;
        }
      if (rc == SQLITE_ROW)
        return TRUE;
    }
  return TRUE;
}

static char *
new_row (Stage                  *stage,
         const PlTeamAnnotation *annotation,
         const char             *document_guid,
         GError                **error)
{
  sqlite3_stmt *stmt;
  char *row = NULL;

  stmt = pl_project_prepare (stage->project,
                             "SELECT json_object ('document', ?1, 'code', ?2, 'coder', ?3,"
                             " 'start', ?4, 'end', ?5, 'memo', ?6, 'stance', ?7,"
                             " 'codebook_version', ?8, 'created', ?9, 'modified', ?10)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, document_guid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, annotation->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, stage->coder_guid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, annotation->start);
  sqlite3_bind_int64 (stmt, 5, annotation->end);
  pl_sql_bind_text_or_null (stmt, 6, annotation->memo);
  pl_sql_bind_text_or_null (stmt, 7, annotation->stance);
  sqlite3_bind_int64 (stmt, 8, annotation->codebook_version > 0
                               ? annotation->codebook_version
                               : pl_project_get_codebook_version (stage->project));
  sqlite3_bind_text (stmt, 9, annotation->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, annotation->modified != NULL ? annotation->modified
                                                            : annotation->created, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = pl_sql_dup_text (stmt, 0);
  else
    pl_project_set_sql_error (stage->project, error, "stage the annotation");
  sqlite3_reset (stmt);
  return row;
}

typedef enum
{
  ROW_ADD,        /* a new row: @after and @before */
  ROW_SET_AFTER,  /* the merge's row exists: it now writes @after */
  ROW_DROP,       /* the merge's row exists and comes to nothing */
} RowWrite;

static gboolean
write_row (Stage       *stage,
           RowWrite     what,
           const char  *guid,
           const char  *after,
           const char  *before,
           GError     **error)
{
  static const char * const sql[] = {
    [ROW_ADD] = "INSERT INTO team_merge_rows (merge_id, kind, guid, row_after, row_before)"
                " VALUES (?1, 'annotation', ?2, ?3, ?4)",
    [ROW_SET_AFTER] = "UPDATE team_merge_rows SET row_after = ?3 WHERE merge_id = ?1"
                      " AND kind = 'annotation' AND guid = ?2",
    [ROW_DROP] = "DELETE FROM team_merge_rows WHERE merge_id = ?1 AND kind = 'annotation'"
                 " AND guid = ?2",
  };
  sqlite3_stmt *stmt = pl_project_prepare (stage->project, sql[what], error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage->merge_id);
  sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_STATIC);
  if (what != ROW_DROP)
    pl_sql_bind_text_or_null (stmt, 3, after);
  if (what == ROW_ADD)
    pl_sql_bind_text_or_null (stmt, 4, before);
  return pl_project_step_done (stage->project, stmt, "stage the annotation", error);
}

/* What to do with an annotation the project (or the merge) has as @current, given the
 * file's @row (NULL: a removal). */
static gboolean
stage_change (Stage        *stage,
              const char   *guid,
              const char   *row,
              const char   *modified,
              Current      *current,
              GError      **error)
{
  PlMergeFile *summary = stage->summary;

  if (current->row != NULL && g_strcmp0 (current->coder, stage->coder_guid) != 0)
    {
      g_ptr_array_add (summary->skipped,
                       g_strdup_printf (_("Annotation %s is another coder’s in the project; it "
                                          "is left as it is."), guid));
      return TRUE;
    }

  if (row == NULL)
    {
      if (current->row == NULL)
        return TRUE;
      summary->n_removed++;
      if (current->staged)
        return write_row (stage, current->had_before ? ROW_SET_AFTER : ROW_DROP, guid, NULL,
                          NULL, error);
      return write_row (stage, ROW_ADD, guid, NULL, current->row, error);
    }

  if (current->row == NULL)
    {
      /* Removed earlier in this merge: it comes back. */
      if (current->staged)
        {
          summary->n_changed++;
          return write_row (stage, ROW_SET_AFTER, guid, row, NULL, error);
        }
      summary->n_added++;
      return write_row (stage, ROW_ADD, guid, row, NULL, error);
    }

  /* The same annotation, or the project's is as new: nothing to do. */
  if (strcmp (row, current->row) == 0 || g_strcmp0 (modified, current->modified) <= 0)
    {
      summary->n_unchanged++;
      return TRUE;
    }

  summary->n_changed++;
  if (current->staged)
    return write_row (stage, ROW_SET_AFTER, guid, row, NULL, error);
  return write_row (stage, ROW_ADD, guid, row, current->row, error);
}

/* Stops at annotation @index: an error naming the file, or with a tolerant stage the end
 * of what is merged from this file now. */
static gboolean
refuse (Stage    *stage,
        guint     index,
        char     *message,
        GError  **error)
{
  if (!stage->tolerant)
    {
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, message);
      g_free (message);
      return FALSE;
    }

  pl_team_changes_cut (stage->changes, index, message);
  g_free (message);
  return TRUE;
}

static char *
describe_code (Stage       *stage,
               const char  *guid)
{
  PlTeamCode *code = g_hash_table_lookup (stage->changes->codes, guid);

  if (code != NULL && code->path != NULL)
    return g_strdup_printf ("“%s” (%s)", code->path, guid);
  return g_strdup (guid);
}

static gboolean
stage_annotation (Stage    *stage,
                  guint     index,
                  GError  **error)
{
  PlTeamAnnotation *annotation = &g_array_index (stage->changes->annotations, PlTeamAnnotation, index);
  const char *name = stage->changes->display_name;
  g_autofree char *row = NULL;
  Current current;
  Found *found = NULL;
  gboolean ok;

  if (!annotation->remove)
    {
      if (!g_hash_table_lookup_extended (stage->documents, annotation->document, NULL,
                                         (gpointer *) &found))
        return refuse (stage, index,
                       g_strdup_printf (_("Line %u of “%s” refers to a document the file does "
                                          "not describe."), annotation->line, name), error);
      if (found == NULL)
        return TRUE;
      if (!code_is_codable (stage, annotation->code))
        {
          g_autofree char *code = describe_code (stage, annotation->code);

          return refuse (stage, index,
                         g_strdup_printf (_("“%s” applies the code %s, which this project does "
                                            "not have (or is a folder). Bring the codebooks "
                                            "together first."), name, code), error);
        }
      if (annotation->end > found->length || !pl_annotation_stance_is_valid (annotation->stance))
        return refuse (stage, index,
                       g_strdup_printf (_("Line %u of “%s” is damaged: its span or stance is "
                                          "out of range."), annotation->line, name), error);
      row = new_row (stage, annotation, found->guid, error);
      if (row == NULL)
        return FALSE;
    }

  if (!read_current (stage, annotation->guid, &current, error))
    return FALSE;
  ok = stage_change (stage, annotation->guid, row,
                     annotation->modified != NULL ? annotation->modified : annotation->created,
                     &current, error);
  current_clear (&current);
  return ok;
}

gboolean
pl_team_merge_stage (PlProject      *project,
                     gint64          merge_id,
                     PlTeamChanges  *changes,
                     gboolean        tolerant,
                     PlMergeFile    *summary,
                     GError        **error)
{
  Stage stage = { project, merge_id, changes, tolerant, summary };
  gboolean ok = FALSE;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (changes != NULL && summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  summary->name = g_strdup (changes->display_name);
  summary->coder_name = g_strdup (changes->coder_name);
  summary->coder_guid = g_strdup (changes->coder_guid);
  summary->skipped = g_ptr_array_new_with_free_func (g_free);
  stage.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!stage_coder (&stage, error) || !stage_documents (&stage, error))
    goto out;

  if (!tolerant && changes->annotations->len > 0 && summary->n_documents == 0)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” codes none of this project’s documents: it comes from another "
                     "project, or the texts were changed. Nothing was merged."),
                   changes->display_name);
      goto out;
    }

  for (guint i = 0; i < changes->annotations->len; i++)
    {
      guint before = changes->annotations->len;

      if (!stage_annotation (&stage, i, error))
        goto out;
      if (changes->annotations->len != before)
        break;
    }
  ok = TRUE;

out:
  stage_clear (&stage);
  return ok;
}

