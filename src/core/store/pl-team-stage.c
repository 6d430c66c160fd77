/* pl-team-stage.c — staging change records, and writing them into the project
 *
 * Each record of a file is checked against the project and becomes, at most, one row of
 * this connection's TEMP staging tables, with the project's ids: the file's coder is found
 * by GUID (or name) or staged as new, its documents are found by the SHA-256 of their
 * text, each annotation is compared with the project's (or with what an earlier file of the
 * same merge staged for it) and staged as added, changed or removed.  Staging reads the
 * project and writes nothing of it; pl_team_stage_apply() then writes it in a few SQL
 * statements, and records it as a merge when asked.
 *
 * An annotation line in the writer's usual form is read here rather than when the file was
 * read (read_raw()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-team"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-project-query-private.h"
#include "pl-team-private.h"

/* An annotation as it is staged, with the project's ids (team_stage, team_input and
 * team_plan hold it). */
#define STAGED_COLUMNS \
  "  document_id      INTEGER," \
  "  code_id          INTEGER," \
  "  start_offset     INTEGER," \
  "  end_offset       INTEGER," \
  "  memo             TEXT," \
  "  stance           TEXT," \
  "  codebook_version INTEGER," \
  "  created          TEXT," \
  "  modified         TEXT"

gboolean
pl_team_stage_begin (PlProject  *project,
                     GError    **error)
{
  return pl_project_exec (project,
                          "CREATE TEMP TABLE IF NOT EXISTS team_stage ("
                          "  guid             TEXT PRIMARY KEY,"
                          "  existed          INTEGER NOT NULL,"
                          "  coder_guid       TEXT,"
                          STAGED_COLUMNS
                          ");"
                          "CREATE TEMP TABLE IF NOT EXISTS team_stage_coders ("
                          "  guid     TEXT PRIMARY KEY,"
                          "  name     TEXT NOT NULL,"
                          "  initials TEXT,"
                          "  color    TEXT,"
                          "  created  TEXT NOT NULL"
                          ");"
                          /* One file's records, checked and with the project's ids,
                           * and what to do with each. */
                          "CREATE TEMP TABLE IF NOT EXISTS team_input ("
                          "  pos              INTEGER PRIMARY KEY,"
                          "  remove           INTEGER NOT NULL,"
                          "  guid             TEXT NOT NULL,"
                          STAGED_COLUMNS
                          ");"
                          "CREATE TEMP TABLE IF NOT EXISTS team_plan ("
                          "  guid             TEXT NOT NULL,"
                          "  class            TEXT NOT NULL,"
                          "  existed          INTEGER NOT NULL,"
                          STAGED_COLUMNS
                          ");"
                          "DELETE FROM temp.team_stage; DELETE FROM temp.team_stage_coders;",
                          error);
}

guint
pl_team_stage_count (PlProject *project)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  stmt = pl_project_prepare (project,
                             "SELECT (SELECT count(*) FROM temp.team_stage)"
                             " + (SELECT count(*) FROM temp.team_stage_coders)", NULL);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

gboolean
pl_team_stage_remove_unnamed (PlProject   *project,
                              const char  *coder_guid,
                              GArray      *document_ids,
                              guint       *n_removed,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (coder_guid != NULL && document_ids != NULL, FALSE);

  /* A staged row without a document is a removal; team_input still holds the last file. */
  stmt = pl_project_prepare (project,
                             "INSERT INTO temp.team_stage (guid, existed, coder_guid)"
                             " SELECT a.guid, 1, ?1 FROM annotations AS a"
                             " JOIN coders AS c ON c.id = a.coder_id"
                             " WHERE c.guid = ?1 AND a.document_id IN (SELECT value FROM json_each (?2))"
                             " AND a.guid NOT IN (SELECT guid FROM temp.team_input)"
                             " ON CONFLICT (guid) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, coder_guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pl_query_ids_to_json (document_ids), -1, g_free);
  if (!pl_project_step_done (project, stmt, "stage the annotations", error))
    return FALSE;
  *n_removed = (guint) sqlite3_changes (pl_project_get_db (project));
  return TRUE;
}

/* Writing what is staged */

gint64
pl_team_run (PlProject   *project,
             const char  *sql,
             gint64       merge_id,
             GError     **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, merge_id);
  if (!pl_project_step_done (project, stmt, "merge the coding", error))
    return -1;
  return sqlite3_changes (pl_project_get_db (project));
}

static void
reload_all (PlProject *project,
            gpointer   data)
{
  pl_project_reload (project);
}

void
pl_team_defer_reload (PlProject *project)
{
  pl_project_defer (project, reload_all, NULL, NULL);
}

gboolean
pl_team_stage_apply (PlProject  *project,
                     gint64      merge_id,
                     GError    **error)
{
  static const char * const record[] = {
    "INSERT INTO team_merge_rows (merge_id, kind, guid, row_after)"
    " SELECT ?1, 'coder', guid, json_object ('name', name, 'initials', initials,"
    "  'color', color, 'created', created) FROM temp.team_stage_coders",
    /* What the merge replaces or removes, as it is now. */
    "INSERT INTO team_merge_rows (merge_id, kind, guid, row_before)"
    " SELECT ?1, 'annotation', s.guid, CASE WHEN s.existed THEN (SELECT "
    PL_TEAM_ANNOTATION_ROW_JSON " FROM annotations AS a" PL_TEAM_ANNOTATION_ROW_JOINS
    "  WHERE a.guid = s.guid) END"
    " FROM temp.team_stage AS s",
    "UPDATE team_merges SET applied = 1 WHERE id = ?1",
  };
  static const char * const write[] = {
    "INSERT INTO coders (guid, name, initials, color, created)"
    " SELECT guid, name, initials, color, created FROM temp.team_stage_coders",
    "DELETE FROM annotations WHERE guid IN (SELECT guid FROM temp.team_stage"
    " WHERE existed AND document_id IS NULL)",
    "UPDATE annotations SET document_id = s.document_id, code_id = s.code_id, coder_id = c.id,"
    " start_offset = s.start_offset, end_offset = s.end_offset, memo = s.memo,"
    " stance = s.stance, codebook_version = s.codebook_version, created = s.created,"
    " modified = s.modified FROM temp.team_stage AS s JOIN coders AS c ON c.guid = s.coder_guid"
    " WHERE annotations.guid = s.guid AND s.existed AND s.document_id IS NOT NULL",
    "INSERT INTO annotations (guid, document_id, code_id, coder_id, start_offset, end_offset,"
    " memo, stance, codebook_version, created, modified)"
    " SELECT s.guid, s.document_id, s.code_id, c.id, s.start_offset, s.end_offset, s.memo,"
    " s.stance, s.codebook_version, s.created, s.modified"
    " FROM temp.team_stage AS s JOIN coders AS c ON c.guid = s.coder_guid WHERE NOT s.existed",
    "DELETE FROM temp.team_stage",
    "DELETE FROM temp.team_stage_coders",
  };

  /* A project holds one coding per span, code and coder: a new coding that repeats one the
   * project has, or one staged before it, under another GUID is folded into it. */
  static const char * const fold[] = {
    "DELETE FROM temp.team_stage WHERE NOT existed AND document_id IS NOT NULL AND EXISTS ("
    " SELECT 1 FROM annotations AS a JOIN coders AS c ON c.id = a.coder_id"
    " WHERE a.document_id = team_stage.document_id AND a.code_id = team_stage.code_id"
    " AND c.guid = team_stage.coder_guid AND a.start_offset = team_stage.start_offset"
    " AND a.end_offset = team_stage.end_offset)",
    "DELETE FROM temp.team_stage WHERE NOT existed AND document_id IS NOT NULL"
    " AND rowid NOT IN (SELECT min (rowid) FROM temp.team_stage"
    " WHERE NOT existed AND document_id IS NOT NULL"
    " GROUP BY document_id, code_id, coder_guid, start_offset, end_offset)",
  };

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fold); i++)
    if (pl_project_exec (project, fold[i], error) == FALSE)
      return FALSE;
  for (guint i = 0; merge_id != 0 && i < G_N_ELEMENTS (record); i++)
    if (pl_team_run (project, record[i], merge_id, error) < 0)
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (write); i++)
    if (pl_team_run (project, write[i], merge_id, error) < 0)
      return FALSE;

  pl_team_defer_reload (project);
  return TRUE;
}

/* Staging one file: the project's side */

/* One of the file's documents, found in the project. */
typedef struct
{
  gint64  id;
  guint   length;
} Found;

typedef struct
{
  PlProject      *project;
  PlTeamChanges  *changes;
  gboolean        tolerant;
  PlMergeFile    *summary;
  char           *coder_guid;  /* the coder the file's annotations go to, in the project */
  GHashTable     *documents;   /* the file's document GUID → Found, or NULL when left out */
  GHashTable     *by_sha256;   /* the project's documents, filled when first needed */
  GHashTable     *codes;       /* code GUID → GSIZE_TO_POINTER (id), 0: none to apply */
  GHashTable     *guids;       /* the annotations the file names so far */
  gboolean        repeats;     /* it names one twice (a change file does) */
} Stage;

static void
stage_clear (Stage *stage)
{
  g_clear_pointer (&stage->coder_guid, g_free);
  g_clear_pointer (&stage->documents, g_hash_table_unref);
  g_clear_pointer (&stage->by_sha256, g_hash_table_unref);
  g_clear_pointer (&stage->codes, g_hash_table_unref);
  g_clear_pointer (&stage->guids, g_hash_table_unref);
}

/* Runs @sql with text parameters ?1 and ?2 (@second may be NULL); the first column of its
 * first row, or NULL. */
static char *
query_text (PlProject   *project,
            const char  *sql,
            const char  *first,
            const char  *second,
            GError     **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, error);
  char *value = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_TRANSIENT);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = pl_sql_dup_text (stmt, 0);
  else if (rc != SQLITE_DONE)
    pl_project_set_sql_error (project, error, "read the project");
  sqlite3_reset (stmt);
  return value;
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

  stage->coder_guid = query_text (stage->project, "SELECT guid FROM coders WHERE guid = ?1",
                                  changes->coder_guid, NULL, &local_error);
  if (stage->coder_guid == NULL && local_error == NULL)
    {
      stage->coder_guid = query_text (stage->project, "SELECT guid FROM coders WHERE name = ?1",
                                      changes->coder_name, NULL, &local_error);
      stage->summary->coder_by_name = stage->coder_guid != NULL;
    }
  /* Another file of this merge may have brought the coder in. */
  if (stage->coder_guid == NULL && local_error == NULL)
    stage->coder_guid = query_text (stage->project,
                                    "SELECT guid FROM temp.team_stage_coders"
                                    " WHERE guid = ?1 OR name = ?2",
                                    changes->coder_guid, changes->coder_name, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (stage->coder_guid != NULL)
    return TRUE;

  stage->summary->coder_new = TRUE;
  stage->coder_guid = g_strdup (changes->coder_guid);
  initials = changes->coder_initials != NULL ? g_strdup (changes->coder_initials)
                                             : pl_coder_initials_for_name (changes->coder_name);
  now = pl_now_iso8601 ();
  if (color != NULL && !pl_color_is_hex (color))
    color = NULL;

  stmt = pl_project_prepare (stage->project,
                             "INSERT INTO temp.team_stage_coders (guid, name, initials, color,"
                             " created) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, changes->coder_guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, changes->coder_name, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 3, initials);
  pl_sql_bind_text_or_null (stmt, 4, color);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
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

  stage->by_sha256 = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  stmt = pl_project_prepare (stage->project, "SELECT id, text, length FROM documents", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Found *found = g_new0 (Found, 1);

      found->id = sqlite3_column_int64 (stmt, 0);
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
  const char *title = document->title != NULL ? document->title : document->guid;

  /* Copies of one project share their documents' GUIDs: check that one alone first. */
  stmt = pl_project_prepare (stage->project,
                             "SELECT id, text, length FROM documents WHERE guid = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, document->guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *sha256 = pl_team_text_sha256 ((const char *) sqlite3_column_text (stmt, 1));

      same_guid = TRUE;
      if (strcmp (sha256, document->sha256) == 0)
        {
          found = g_new0 (Found, 1);
          found->id = sqlite3_column_int64 (stmt, 0);
          found->length = (guint) sqlite3_column_int64 (stmt, 2);
        }
    }
  sqlite3_reset (stmt);
  if (found != NULL)
    return found;

  if (!index_documents (stage, error))
    return NULL;
  if (g_hash_table_contains (stage->by_sha256, document->sha256))
    return g_memdup2 (g_hash_table_lookup (stage->by_sha256, document->sha256), sizeof (Found));

  g_ptr_array_add (stage->summary->skipped,
                   same_guid
                   ? g_strdup_printf (_("“%s”: its text differs from the project’s; its "
                                        "annotations are left out."), title)
                   : g_strdup_printf (_("“%s”: the project has no document with this text; its "
                                        "annotations are left out."), title));
  return NULL;
}

static gboolean
stage_documents (Stage   *stage,
                 GError **error)
{
  GHashTableIter iter;
  gpointer value;

  stage->documents = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
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

/* The id of code @guid when the project has it and it can be applied, else 0; cached. */
static gint64
codable_code (Stage       *stage,
              const char  *guid)
{
  gpointer cached;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  if (g_hash_table_lookup_extended (stage->codes, guid, NULL, &cached))
    return (gint64) GPOINTER_TO_SIZE (cached);

  stmt = pl_project_prepare (stage->project, "SELECT id FROM codes WHERE guid = ? AND codable",
                             NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  g_hash_table_insert (stage->codes, g_strdup (guid), GSIZE_TO_POINTER ((gsize) id));
  return id;
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

/* Staging the annotations: each record read, checked and resolved to the project's ids
 * into team_input, then compared with what the project (or the merge) has in a few
 * statements. */

/* Reads a line in the writer's usual form with SQLite's JSON functions (its nesting depth
 * was checked when the file was read): a hundred thousand in a fraction of the time
 * json-glib takes.  JSON's true reads as 1 and an object as its text here: either is as
 * harmless as it is unlikely.  FALSE when the line is damaged. */
static gboolean
read_raw (Stage             *stage,
          PlTeamAnnotation  *record)
{
  char **texts[] = {
    &record->guid, &record->document, &record->code, NULL, NULL, &record->memo,
    &record->stance, NULL, &record->created, &record->modified,
  };
  gint64 numbers[G_N_ELEMENTS (texts)] = { 0 };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = pl_project_prepare (stage->project,
                             "SELECT json_extract (?1, ?2),"
                             " json_extract (?1, '$.annotation.document'),"
                             " json_extract (?1, '$.annotation.code'),"
                             " json_extract (?1, '$.annotation.start'),"
                             " json_extract (?1, '$.annotation.end'),"
                             " json_extract (?1, '$.annotation.memo'),"
                             " json_extract (?1, '$.annotation.stance'),"
                             " json_extract (?1, '$.annotation.codebook_version'),"
                             " json_extract (?1, '$.annotation.created'),"
                             " json_extract (?1, '$.annotation.modified')", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, record->raw, (int) record->raw_length, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record->remove ? "$.remove.guid" : "$.annotation.guid", -1,
                     SQLITE_STATIC);

  /* A line that is not JSON ends with an error, not a row. */
  if (sqlite3_step (stmt) != SQLITE_ROW)
    ok = FALSE;
  for (guint i = 0; ok && i < G_N_ELEMENTS (texts); i++)
    {
      int type = sqlite3_column_type (stmt, (int) i);

      if (texts[i] != NULL)
        {
          ok = type == SQLITE_NULL || type == SQLITE_TEXT;
          *texts[i] = pl_sql_dup_text (stmt, (int) i);
        }
      else
        {
          ok = type == SQLITE_NULL || type == SQLITE_INTEGER;
          numbers[i] = type == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, (int) i);
        }
    }
  sqlite3_reset (stmt);
  record->raw = NULL;

  if (!ok || record->guid == NULL || record->guid[0] == '\0' || strlen (record->guid) > 100)
    return FALSE;
  if (record->remove)
    return TRUE;
  if (record->document == NULL || record->code == NULL || record->created == NULL
      || numbers[3] < 0 || numbers[4] <= numbers[3] || numbers[4] > G_MAXUINT
      || (numbers[7] != -1 && (numbers[7] < 1 || numbers[7] > G_MAXINT)))
    return FALSE;
  record->start = (guint) numbers[3];
  record->end = (guint) numbers[4];
  record->codebook_version = MAX (numbers[7], 0);
  return TRUE;
}

/* Reads, checks and resolves record @index, and puts it into team_input unless its
 * document is left out; at a record that cannot be merged, sets *@stop. */
static gboolean
input_record (Stage     *stage,
              guint      index,
              gboolean  *stop,
              GError   **error)
{
  PlTeamAnnotation *record = &g_array_index (stage->changes->annotations, PlTeamAnnotation, index);
  const char *name = stage->changes->display_name;
  gint64 code_id = 0;
  Found *found = NULL;
  sqlite3_stmt *stmt;

  *stop = TRUE;
  if (record->raw != NULL && !read_raw (stage, record))
    return refuse (stage, index,
                   g_strdup_printf (_("Line %u of “%s” is damaged: a value is missing or out "
                                      "of range."), record->line, name), error);
  if (!record->remove)
    {
      if (!g_hash_table_lookup_extended (stage->documents, record->document, NULL,
                                         (gpointer *) &found))
        return refuse (stage, index,
                       g_strdup_printf (_("Line %u of “%s” refers to a document the file does "
                                          "not describe."), record->line, name), error);
      if (found == NULL)
        {
          *stop = FALSE;
          return TRUE;
        }
      code_id = codable_code (stage, record->code);
      if (code_id == 0)
        {
          g_autofree char *code = describe_code (stage, record->code);

          return refuse (stage, index,
                         g_strdup_printf (_("“%s” applies the code %s, which this project does "
                                            "not have (or is a folder). Bring the codebooks "
                                            "together first."), name, code), error);
        }
      if (record->end > found->length || !pl_annotation_stance_is_valid (record->stance))
        return refuse (stage, index,
                       g_strdup_printf (_("Line %u of “%s” is damaged: its span or stance is "
                                          "out of range."), record->line, name), error);
    }
  *stop = FALSE;

  if (!g_hash_table_add (stage->guids, record->guid))
    stage->repeats = TRUE;
  stmt = pl_project_prepare (stage->project,
                             "INSERT INTO temp.team_input (pos, remove, guid, document_id, code_id,"
                             " start_offset, end_offset, memo, stance, codebook_version, created,"
                             " modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, index);
  sqlite3_bind_int (stmt, 2, record->remove);
  sqlite3_bind_text (stmt, 3, record->guid, -1, SQLITE_STATIC);
  if (!record->remove)
    {
      sqlite3_bind_int64 (stmt, 4, found->id);
      sqlite3_bind_int64 (stmt, 5, code_id);
      sqlite3_bind_int64 (stmt, 6, record->start);
      sqlite3_bind_int64 (stmt, 7, record->end);
      pl_sql_bind_text_or_null (stmt, 8, record->memo);
      pl_sql_bind_text_or_null (stmt, 9, record->stance);
      if (record->codebook_version > 0)
        sqlite3_bind_int64 (stmt, 10, record->codebook_version);
      sqlite3_bind_text (stmt, 11, record->created, -1, SQLITE_STATIC);
      pl_sql_bind_text_or_null (stmt, 12, record->modified);
    }
  return pl_project_step_done (stage->project, stmt, "stage the annotations", error);
}

static gboolean
input_records (Stage    *stage,
               GError  **error)
{
  gboolean stop = FALSE;

  if (!pl_project_exec (stage->project, "DELETE FROM temp.team_input", error))
    return FALSE;
  for (guint i = 0; i < stage->changes->annotations->len && !stop; i++)
    if (!input_record (stage, i, &stop, error))
      return FALSE;
  return TRUE;
}

/* Classes each annotation by comparing the file's last record of it with what the merge
 * (when an earlier file staged it) or the project has: another coder's (skip), absent
 * (none), added, changed, removed, dropped (added earlier in this merge and now removed),
 * unchanged (the same, or the project's is as new). */
#define CLASSIFY_SQL(LAST) \
  "INSERT INTO temp.team_plan (guid, class, existed, document_id, code_id, start_offset," \
  " end_offset, memo, stance, codebook_version, created, modified)" \
  " WITH record AS (" \
  "  SELECT i.guid, i.remove, i.document_id, i.code_id, i.start_offset, i.end_offset," \
  "   i.memo, i.stance, coalesce (i.codebook_version, ?2) AS codebook_version, i.created," \
  "   coalesce (i.modified, i.created) AS modified FROM temp.team_input AS i" LAST \
  " ), now AS (" \
  "  SELECT r.*, s.guid IS NOT NULL AS staged," \
  "   CASE WHEN s.guid IS NOT NULL THEN s.existed ELSE a.id IS NOT NULL END AS existed," \
  "   CASE WHEN s.guid IS NOT NULL THEN s.document_id IS NOT NULL ELSE a.id IS NOT NULL END" \
  "    AS present," \
  "   coalesce (s.coder_guid, c.guid) AS n_coder," \
  "   coalesce (s.document_id, a.document_id) AS n_document," \
  "   coalesce (s.code_id, a.code_id) AS n_code," \
  "   coalesce (s.start_offset, a.start_offset) AS n_start," \
  "   coalesce (s.end_offset, a.end_offset) AS n_end," \
  "   CASE WHEN s.guid IS NOT NULL THEN s.memo ELSE a.memo END AS n_memo," \
  "   CASE WHEN s.guid IS NOT NULL THEN s.stance ELSE a.stance END AS n_stance," \
  "   coalesce (s.codebook_version, a.codebook_version) AS n_version," \
  "   coalesce (s.created, a.created) AS n_created," \
  "   coalesce (s.modified, a.modified) AS n_modified" \
  "  FROM record AS r LEFT JOIN temp.team_stage AS s ON s.guid = r.guid" \
  "  LEFT JOIN annotations AS a ON a.guid = r.guid AND s.guid IS NULL" \
  "  LEFT JOIN coders AS c ON c.id = a.coder_id" \
  " )" \
  " SELECT guid, CASE" \
  "   WHEN present AND n_coder IS NOT ?1 THEN 'skip'" \
  "   WHEN remove THEN CASE WHEN NOT present THEN 'none'" \
  "    WHEN staged AND NOT existed THEN 'dropped' ELSE 'removed' END" \
  "   WHEN present AND ((document_id IS n_document AND code_id IS n_code" \
  "    AND start_offset IS n_start AND end_offset IS n_end AND memo IS n_memo" \
  "    AND stance IS n_stance" \
  "    AND codebook_version IS n_version AND created IS n_created AND modified IS n_modified)" \
  "    OR modified <= n_modified) THEN 'unchanged'" \
  "   WHEN existed OR staged THEN 'changed' ELSE 'added' END," \
  "  existed, CASE WHEN remove THEN NULL ELSE document_id END, code_id, start_offset," \
  "  end_offset, memo, stance, codebook_version, created, modified" \
  " FROM now"

/* Each annotation once, or (when the file names some twice) its last record only. */
static const char * const classify_sql[] = {
  CLASSIFY_SQL (""),
  CLASSIFY_SQL (" WHERE i.pos IN (SELECT max (pos) FROM temp.team_input GROUP BY guid)"),
};

static gboolean
classify (Stage   *stage,
          GError **error)
{
  sqlite3_stmt *stmt;

  if (!pl_project_exec (stage->project, "DELETE FROM temp.team_plan", error))
    return FALSE;
  stmt = pl_project_prepare (stage->project, classify_sql[stage->repeats], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stage->coder_guid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, pl_project_get_codebook_version (stage->project));
  return pl_project_step_done (stage->project, stmt, "stage the annotations", error);
}

/* Stages what team_plan says, and counts it. */
static gboolean
stage_plan_rows (Stage   *stage,
                 GError **error)
{
  PlMergeFile *summary = stage->summary;
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (stage->project,
                             "SELECT class, count(*), min (guid) FROM temp.team_plan GROUP BY class",
                             error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *class = (const char *) sqlite3_column_text (stmt, 0);
      guint n = (guint) sqlite3_column_int64 (stmt, 1);

      if (g_strcmp0 (class, "added") == 0)
        summary->n_added = n;
      else if (g_strcmp0 (class, "changed") == 0)
        summary->n_changed = n;
      else if (g_strcmp0 (class, "removed") == 0 || g_strcmp0 (class, "dropped") == 0)
        summary->n_removed += n;
      else if (g_strcmp0 (class, "unchanged") == 0)
        summary->n_unchanged = n;
      else if (g_strcmp0 (class, "skip") == 0)
        g_ptr_array_add (summary->skipped,
                           g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "Annotation %s is another coder’s in "
                                                         "the project; it is left as it is.",
                                                         "Annotation %s and %u others are other "
                                                         "coders’ in the project; they are left "
                                                         "as they are.", n),
                                            (const char *) sqlite3_column_text (stmt, 2), n - 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (stage->project, error, "stage the annotations");
      return FALSE;
    }

  stmt = pl_project_prepare (stage->project,
                             "INSERT INTO temp.team_stage (guid, existed, document_id, code_id,"
                             " coder_guid, start_offset, end_offset, memo, stance,"
                             " codebook_version, created, modified)"
                             " SELECT p.guid, p.existed, p.document_id, p.code_id, ?1,"
                             "  p.start_offset, p.end_offset, p.memo, p.stance,"
                             "  p.codebook_version, p.created, p.modified FROM temp.team_plan AS p"
                             " WHERE p.class IN ('added', 'changed', 'removed')"
                             " ON CONFLICT (guid) DO UPDATE SET document_id = excluded.document_id,"
                             " code_id = excluded.code_id, coder_guid = excluded.coder_guid,"
                             " start_offset = excluded.start_offset,"
                             " end_offset = excluded.end_offset, memo = excluded.memo,"
                             " stance = excluded.stance,"
                             " codebook_version = excluded.codebook_version,"
                             " created = excluded.created, modified = excluded.modified", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stage->coder_guid, -1, SQLITE_STATIC);
  if (!pl_project_step_done (stage->project, stmt, "stage the annotations", error))
    return FALSE;
  return pl_project_exec (stage->project,
                          "DELETE FROM temp.team_stage WHERE guid IN"
                          " (SELECT guid FROM temp.team_plan WHERE class = 'dropped')", error);
}

gboolean
pl_team_merge_stage (PlProject      *project,
                     PlTeamChanges  *changes,
                     gboolean        tolerant,
                     PlMergeFile    *summary,
                     GError        **error)
{
  Stage stage = { project, changes, tolerant, summary };
  gboolean ok = FALSE;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (changes != NULL && summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  summary->name = g_strdup (changes->display_name);
  summary->coder_name = g_strdup (changes->coder_name);
  summary->coder_guid = g_strdup (changes->coder_guid);
  summary->skipped = g_ptr_array_new_with_free_func (g_free);
  stage.codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stage.guids = g_hash_table_new (g_str_hash, g_str_equal);

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

  ok = input_records (&stage, error) && classify (&stage, error)
       && stage_plan_rows (&stage, error);

out:
  stage_clear (&stage);
  return ok;
}
