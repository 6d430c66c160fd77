/* pl-project-merge.c — merging coders' work as one undoable action, and Export My Coding
 *
 * A merge is a row of team_merges and its rows in team_merge_rows: each coder it adds, and
 * each annotation it adds, changes or removes, with the row it replaced (JSON objects that
 * name documents, codes and coders by GUID).  Its first run writes what was staged
 * (pl-team-stage.c) straight into the project; undo first keeps, as JSON, the rows the merge
 * wrote (for redo), then writes back the rows they replaced.  Each of these is a few SQL
 * statements over all the rows at once, so that merging 100,000 annotations, undoing and
 * redoing it cost about the same, and the history entry holds only the merge's GUID
 * ("merge.apply", "merge.revert").
 *
 * A plan stages the files and counts what would change.  Staging writes nothing to the
 * project, so that a plan can stay staged: merging it runs it as it is when nothing was
 * written to the project meanwhile, else stages the files again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-team"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-archive.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-project-read.h"
#include "pl-team-private.h"

struct _PlMergePlan
{
  GPtrArray *changes;        /* PlTeamChanges, one per file */
  GArray    *files;          /* PlMergeFile */
  guint      n_rows;         /* coders and annotations the merge would write */
  gint64     total_changes;  /* the connection's count of changed rows once staged */
  gint64     data_version;   /* the file's version as others wrote it, once staged */
};

void
pl_merge_file_clear (PlMergeFile *file)
{
  g_clear_pointer (&file->name, g_free);
  g_clear_pointer (&file->coder_name, g_free);
  g_clear_pointer (&file->coder_guid, g_free);
  g_clear_pointer (&file->skipped, g_ptr_array_unref);
}

/* Applying and reverting
 *
 * The SQL is written once for each direction: TO names the column being written back into
 * the project, FROM the other one.  A row whose TO is NULL is removed; one whose FROM is
 * NULL is added; one with both is changed. */

#define MERGE_ROWS(TO) \
  "SELECT r.guid AS g, d.id AS d, k.id AS k, c.id AS c," \
  " json_extract (r." TO ", '$.start') AS s, json_extract (r." TO ", '$.end') AS e," \
  " json_extract (r." TO ", '$.memo') AS m, json_extract (r." TO ", '$.stance') AS st," \
  " json_extract (r." TO ", '$.codebook_version') AS v," \
  " json_extract (r." TO ", '$.created') AS cr, json_extract (r." TO ", '$.modified') AS mo" \
  " FROM team_merge_rows AS r" \
  " JOIN documents AS d ON d.guid = json_extract (r." TO ", '$.document')" \
  " JOIN codes AS k ON k.guid = json_extract (r." TO ", '$.code')" \
  " JOIN coders AS c ON c.guid = json_extract (r." TO ", '$.coder')" \
  " WHERE r.merge_id = ?1 AND r.kind = 'annotation' AND r." TO " IS NOT NULL"

#define MERGE_SQL(TO, FROM) \
  { \
    "DELETE FROM annotations WHERE guid IN (SELECT guid FROM team_merge_rows" \
    " WHERE merge_id = ?1 AND kind = 'annotation' AND " TO " IS NULL)", \
    "UPDATE annotations SET document_id = x.d, code_id = x.k, coder_id = x.c," \
    " start_offset = x.s, end_offset = x.e, memo = x.m, stance = x.st, codebook_version = x.v," \
    " created = x.cr, modified = x.mo FROM (" MERGE_ROWS (TO) " AND r." FROM " IS NOT NULL) AS x" \
    " WHERE annotations.guid = x.g", \
    "INSERT INTO annotations (guid, document_id, code_id, coder_id, start_offset, end_offset," \
    " memo, stance, codebook_version, created, modified) " MERGE_ROWS (TO) \
    " AND r." FROM " IS NULL", \
    "SELECT count(*) FILTER (WHERE " TO " IS NOT NULL AND " FROM " IS NOT NULL)," \
    " count(*) FILTER (WHERE " TO " IS NOT NULL AND " FROM " IS NULL) FROM team_merge_rows" \
    " WHERE merge_id = ?1 AND kind = 'annotation'", \
  }

typedef struct
{
  const char *remove;
  const char *change;
  const char *add;
  const char *expected;
} MergeSql;

static const MergeSql forward_sql = MERGE_SQL ("row_after", "row_before");
static const MergeSql backward_sql = MERGE_SQL ("row_before", "row_after");

static gboolean
apply_annotations (PlProject       *project,
                   const MergeSql  *sql,
                   gint64           merge_id,
                   GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 n_changed, n_added, expected_changed = 0, expected_added = 0;

  stmt = pl_project_prepare (project, sql->expected, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      expected_changed = sqlite3_column_int64 (stmt, 0);
      expected_added = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (pl_team_run (project, sql->remove, merge_id, error) < 0
      || (n_changed = pl_team_run (project, sql->change, merge_id, error)) < 0
      || (n_added = pl_team_run (project, sql->add, merge_id, error)) < 0)
    return FALSE;

  /* A row that joined with nothing: its document, code or coder has gone since. */
  if (n_changed != expected_changed || n_added != expected_added)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The merged coding refers to a document, code or coder that is no longer "
                     "in the project."));
      return FALSE;
    }

  return TRUE;
}

gboolean
pl_team_merge_apply (PlProject  *project,
                     gint64      merge_id,
                     gboolean    forward,
                     GError    **error)
{
  static const char applied[] = "SELECT applied FROM team_merges WHERE id = ?1";
  static const char add_coders[] =
    "INSERT INTO coders (guid, name, initials, color, created)"
    " SELECT guid, json_extract (row_after, '$.name'), json_extract (row_after, '$.initials'),"
    " json_extract (row_after, '$.color'), json_extract (row_after, '$.created')"
    " FROM team_merge_rows WHERE merge_id = ?1 AND kind = 'coder' AND row_before IS NULL";
  static const char remove_coders[] =
    "DELETE FROM coders WHERE guid IN (SELECT guid FROM team_merge_rows"
    " WHERE merge_id = ?1 AND kind = 'coder' AND row_before IS NULL)";
  /* What the merge wrote, kept once for redo; a removed annotation has no row. */
  static const char keep_written[] =
    "UPDATE team_merge_rows SET row_after = (SELECT " PL_TEAM_ANNOTATION_ROW_JSON
    " FROM annotations AS a" PL_TEAM_ANNOTATION_ROW_JOINS " WHERE a.guid = team_merge_rows.guid)"
    " WHERE merge_id = ?1 AND kind = 'annotation' AND row_after IS NULL";
  sqlite3_stmt *stmt;
  gboolean is_applied = FALSE;

  stmt = pl_project_prepare (project, applied, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, merge_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    is_applied = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  /* The first run wrote the merge as it recorded it. */
  if (is_applied == forward)
    return TRUE;

  if (forward)
    {
      if (pl_team_run (project, add_coders, merge_id, error) < 0
          || !apply_annotations (project, &forward_sql, merge_id, error))
        return FALSE;
    }
  else if (pl_team_run (project, keep_written, merge_id, error) < 0
           || !apply_annotations (project, &backward_sql, merge_id, error)
           || pl_team_run (project, remove_coders, merge_id, error) < 0)
    return FALSE;

  pl_team_defer_reload (project);
  return pl_team_run (project, forward ? "UPDATE team_merges SET applied = 1 WHERE id = ?1"
                                       : "UPDATE team_merges SET applied = 0 WHERE id = ?1",
                      merge_id, error) >= 0;
}

gint64
pl_team_merge_open (PlProject   *project,
                    const char  *guid,
                    const char  *label,
                    GError     **error)
{
  g_autofree char *now = pl_now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (project,
                             "INSERT INTO team_merges (guid, label, created) VALUES (?, ?, ?)",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!pl_project_step_done (project, stmt, "record the merge", error))
    return 0;
  return sqlite3_last_insert_rowid (pl_project_get_db (project));
}

/* Operations */

static gboolean
op_merge (gpointer     owner,
          JsonObject  *op,
          gboolean     forward,
          GError     **error)
{
  PlProject *project = owner;
  gint64 merge_id;

  merge_id = pl_project_id_for_guid (project, "team_merges", pl_json_member_string (op, "merge"),
                                     error);
  if (merge_id == 0)
    return FALSE;
  return pl_team_merge_apply (project, merge_id, forward, error);
}

static gboolean
op_merge_apply (gpointer     owner,
                JsonObject  *op,
                GError     **error)
{
  return op_merge (owner, op, TRUE, error);
}

static gboolean
op_merge_revert (gpointer     owner,
                 JsonObject  *op,
                 GError     **error)
{
  return op_merge (owner, op, FALSE, error);
}

static const PlHistoryOp team_ops[] = {
  { "merge.apply", op_merge_apply },
  { "merge.revert", op_merge_revert },
};

const PlHistoryOp *
pl_project_team_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (team_ops);
  return team_ops;
}

/* Plans */

/* The file's version as other connections wrote it. */
static gint64
data_version (PlProject *project)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

/* Stages every file of @plan (in the open transaction) and counts what it would change. */
static gboolean
stage_plan (PlProject    *project,
            PlMergePlan  *plan,
            GError      **error)
{
  if (!pl_team_stage_begin (project, error))
    return FALSE;

  g_array_set_size (plan->files, 0);
  for (guint i = 0; i < plan->changes->len; i++)
    {
      PlMergeFile file;
      gboolean ok = pl_team_merge_stage (project, g_ptr_array_index (plan->changes, i), FALSE,
                                         &file, error);

      g_array_append_val (plan->files, file);
      if (!ok)
        return FALSE;
    }
  plan->n_rows = pl_team_stage_count (project);
  return TRUE;
}

/* Whether @plan is what is staged, and the project has not changed since. */
static gboolean
plan_is_staged (PlProject   *project,
                PlMergePlan *plan)
{
  return plan->total_changes == sqlite3_total_changes64 (pl_project_get_db (project))
         && plan->data_version == data_version (project);
}

static PlMergePlan *
plan_new (void)
{
  PlMergePlan *plan = g_new0 (PlMergePlan, 1);

  plan->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_team_changes_free);
  plan->files = g_array_new (FALSE, TRUE, sizeof (PlMergeFile));
  g_array_set_clear_func (plan->files, (GDestroyNotify) pl_merge_file_clear);
  plan->total_changes = -1;
  return plan;
}

void
pl_merge_plan_free (PlMergePlan *plan)
{
  if (plan == NULL)
    return;
  g_ptr_array_unref (plan->changes);
  g_array_unref (plan->files);
  g_free (plan);
}

static gboolean
read_files (PlMergePlan         *plan,
            const char * const  *paths,
            GCancellable        *cancellable,
            GError             **error)
{
  for (guint i = 0; paths[i] != NULL; i++)
    {
      PlTeamChanges *changes;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      changes = pl_team_changes_read_file (paths[i], 0, FALSE, error);
      if (changes == NULL)
        return FALSE;
      g_ptr_array_add (plan->changes, changes);
    }
  return TRUE;
}

/* Works out what @plan's files would change.  Staging writes only to this connection's
 * TEMP tables: the transaction is a plain one, with no effect on the project (so no
 * "committed" either), and what it staged stays for pl_project_merge(). */
static gboolean
plan_work_out (PlProject    *project,
               PlMergePlan  *plan,
               GError      **error)
{
  if (!pl_project_exec (project, "BEGIN", error))
    return FALSE;
  if (!stage_plan (project, plan, error))
    {
      pl_project_exec (project, "ROLLBACK", NULL);
      return FALSE;
    }
  if (!pl_project_exec (project, "COMMIT", error))
    {
      pl_project_exec (project, "ROLLBACK", NULL);
      return FALSE;
    }
  plan->total_changes = sqlite3_total_changes64 (pl_project_get_db (project));
  plan->data_version = data_version (project);
  return TRUE;
}

PlMergePlan *
pl_project_plan_merge (PlProject           *self,
                       const char * const  *paths,
                       GError             **error)
{
  g_autoptr(PlMergePlan) plan = plan_new ();

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (paths != NULL, NULL);

  if (!read_files (plan, paths, NULL, error) || !plan_work_out (self, plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

static void
read_files_in_thread (GTask        *task,
                      gpointer      source,
                      gpointer      data,
                      GCancellable *cancellable)
{
  PlMergePlan *plan = plan_new ();
  GError *error = NULL;

  if (read_files (plan, data, cancellable, &error))
    g_task_return_pointer (task, plan, (GDestroyNotify) pl_merge_plan_free);
  else
    {
      pl_merge_plan_free (plan);
      g_task_return_error (task, error);
    }
}

void
pl_project_plan_merge_async (PlProject           *self,
                             const char * const  *paths,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PL_IS_PROJECT (self));
  g_return_if_fail (paths != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_project_plan_merge_async);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, read_files_in_thread);
}

PlMergePlan *
pl_project_plan_merge_finish (PlProject     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_autoptr(PlMergePlan) plan = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  plan = g_task_propagate_pointer (G_TASK (result), error);
  if (plan == NULL || !plan_work_out (self, plan, error))
    return NULL;
  return g_steal_pointer (&plan);
}

guint
pl_merge_plan_get_n_files (PlMergePlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);
  return plan->files->len;
}

const PlMergeFile *
pl_merge_plan_get_file (PlMergePlan *plan,
                        guint        index)
{
  g_return_val_if_fail (plan != NULL && index < plan->files->len, NULL);
  return &g_array_index (plan->files, PlMergeFile, index);
}

gboolean
pl_merge_plan_is_empty (PlMergePlan *plan)
{
  g_return_val_if_fail (plan != NULL, TRUE);
  return plan->n_rows == 0;
}

/* "Merge Coding of Ana", or of several coders. */
static char *
merge_label (PlMergePlan *plan)
{
  g_autoptr(GHashTable) coders = g_hash_table_new (g_str_hash, g_str_equal);
  const char *name = NULL;

  for (guint i = 0; i < plan->changes->len; i++)
    {
      PlTeamChanges *changes = g_ptr_array_index (plan->changes, i);

      g_hash_table_add (coders, changes->coder_guid);
      name = changes->coder_name;
    }
  if (g_hash_table_size (coders) == 1)
    return g_strdup_printf (_("Merge Coding of %s"), name);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merge Coding of %u Coder",
                                       "Merge Coding of %u Coders", g_hash_table_size (coders)),
                          g_hash_table_size (coders));
}

gboolean
pl_team_merge_begin (PlProject  *project,
                     GError    **error)
{
  /* A merge that is undone can only be redone until a new action is recorded, as this one
   * is about to be: its rows go. */
  return pl_project_exec (project, "DELETE FROM team_merges WHERE applied = 0", error);
}

gboolean
pl_team_merge_write (PlProject        *project,
                     PlHistoryAction  *action,
                     const char       *label,
                     GError          **error)
{
  g_autofree char *guid = g_uuid_string_random ();
  JsonObject *redo, *undo;
  gint64 merge_id;

  merge_id = pl_team_merge_open (project, guid, label, error);
  if (merge_id == 0 || !pl_team_stage_apply (project, merge_id, error))
    return FALSE;
  /* The merge is written: its "merge.apply" finds it applied and does nothing now. */
  redo = pl_history_op_new ("merge.apply");
  json_object_set_string_member (redo, "merge", guid);
  undo = pl_history_op_new ("merge.revert");
  json_object_set_string_member (undo, "merge", guid);
  return pl_history_action_run (action, redo, undo, error);
}

gboolean
pl_project_merge (PlProject    *self,
                  PlMergePlan  *plan,
                  GError      **error)
{
  g_autofree char *label = NULL;
  PlHistoryAction *action;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  label = merge_label (plan);
  action = pl_history_begin (pl_project_get_history (self), error);
  if (action == NULL)
    return FALSE;

  if (!pl_team_merge_begin (self, error))
    {
      pl_history_action_abort (action);
      return FALSE;
    }

  if (!plan_is_staged (self, plan) && !stage_plan (self, plan, error))
    {
      pl_history_action_abort (action);
      return FALSE;
    }
  plan->total_changes = -1;
  /* Nothing new: no action, no history entry. */
  if (plan->n_rows == 0)
    {
      pl_history_action_abort (action);
      return TRUE;
    }

  if (!pl_team_merge_write (self, action, label, error))
    {
      pl_history_action_abort (action);
      return FALSE;
    }
  return pl_history_action_commit (action, label, error);
}

/* Export My Coding */

gboolean
pl_team_coding_records (PlProject      *project,
                        const PlCoder  *coder,
                        GArray         *coder_ids,
                        GString        *out,
                        GError        **error)
{
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) annotations = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint64 seq = 0;
  int rc = SQLITE_DONE;

  pl_team_append_header (out, project, coder);
  stmt = pl_project_prepare (project, pl_team_annotation_objects_sql, error);
  if (stmt == NULL)
    return FALSE;

  /* Documents and codes come first, annotations after them: the annotations are numbered
   * once the others are known. */
  for (guint i = 0; i < (coder_ids != NULL ? coder_ids->len : 1) && rc == SQLITE_DONE; i++)
    {
      sqlite3_bind_int64 (stmt, 1, coder_ids != NULL ? g_array_index (coder_ids, gint64, i)
                                                     : coder->id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 document_id = sqlite3_column_int64 (stmt, 1);
          gint64 code_id = sqlite3_column_int64 (stmt, 2);

          if (!g_hash_table_contains (documents, &document_id))
            {
              g_autofree char *json = pl_team_document_json (project, document_id, error);

              if (json == NULL)
                {
                  sqlite3_reset (stmt);
                  return FALSE;
                }
              g_hash_table_add (documents, g_memdup2 (&document_id, sizeof document_id));
              pl_team_append_record (out, ++seq, "document", json);
            }
          if (!g_hash_table_contains (codes, &code_id) && pl_project_find_code (project, code_id) != NULL)
            {
              g_autofree char *json = pl_team_code_json (pl_project_find_code (project, code_id));

              g_hash_table_add (codes, g_memdup2 (&code_id, sizeof code_id));
              pl_team_append_record (out, ++seq, "code", json);
            }
          g_string_append_len (annotations, (const char *) sqlite3_column_text (stmt, 3),
                               sqlite3_column_bytes (stmt, 3));
          g_string_append_c (annotations, '\n');
        }
      sqlite3_reset (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the annotations");
      return FALSE;
    }

  for (const char *line = annotations->str; *line != '\0';)
    {
      const char *newline = strchr (line, '\n');
      g_autofree char *object = g_strndup (line, (gsize) (newline - line));

      pl_team_append_record (out, ++seq, "annotation", object);
      line = newline + 1;
    }
  return TRUE;
}

gboolean
pl_project_export_coding (PlProject  *self,
                          gint64      coder_id,
                          GFile      *destination,
                          GError    **error)
{
  g_autoptr(PlProjectReader) snapshot = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) records = NULL;
  g_autoptr(GBytes) zip = NULL;
  g_autoptr(GError) write_error = NULL;
  g_autofree char *name = NULL;
  PlArchiveEntry entry = { PL_CODING_FILE_ENTRY, NULL, FALSE };
  PlCoder *coder;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  coder = pl_project_find_coder (self, coder_id);
  if (coder == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no coder %lld in this project."), (long long) coder_id);
      return FALSE;
    }

  /* One read transaction: the records are one committed state of the project. */
  snapshot = pl_project_reader_new_for_project (self, error);
  if (snapshot == NULL || !pl_team_coding_records (self, coder, NULL, out, error))
    return FALSE;
  g_clear_pointer (&snapshot, pl_project_reader_free);

  records = g_bytes_new_static (out->str, out->len);
  entry.data = records;
  zip = pl_archive_write_zip (&entry, 1, error);
  if (zip == NULL)
    return FALSE;
  if (!g_file_replace_contents (destination, g_bytes_get_data (zip, NULL), g_bytes_get_size (zip),
                                NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &write_error))
    {
      name = g_file_get_parse_name (destination);
      g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), name, write_error->message);
      return FALSE;
    }
  return TRUE;
}
