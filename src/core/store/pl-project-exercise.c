/* pl-project-exercise.c — exercises as a project records them, a student's work, the
 * hand-ins collected
 *
 * The tables are those of migration 6 (pl-project-schema.c).  An exercise's units are kept
 * as JSON: [{"document": GUID, "units": [[index, start, end], …]}, …].  The hand-ins
 * collected change with the annotations they bring, in the same undoable action: the
 * operation "exercise.handins" sets rows ("set") and removes them ("unset", by exercise
 * and coder), and its undo does the reverse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exercise"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-json.h"
#include "pl-project-exercise.h"
#include "pl-project-private.h"

/* Records */

static void
exercise_document_free (gpointer data)
{
  PlExerciseDocument *document = data;

  g_free (document->guid);
  g_array_unref (document->units);
  g_free (document);
}

PlExercise *
pl_exercise_new (void)
{
  PlExercise *exercise = g_new0 (PlExercise, 1);

  exercise->documents = g_ptr_array_new_with_free_func (exercise_document_free);
  return exercise;
}

void
pl_exercise_free (PlExercise *exercise)
{
  if (exercise == NULL)
    return;
  g_free (exercise->guid);
  g_free (exercise->title);
  g_free (exercise->instructions);
  g_free (exercise->checksum);
  g_free (exercise->root_code_guid);
  g_free (exercise->reference_guid);
  g_free (exercise->student_guid);
  g_free (exercise->created);
  g_ptr_array_unref (exercise->documents);
  g_free (exercise);
}

PlExerciseDocument *
pl_exercise_add_document (PlExercise *exercise,
                          const char *document_guid)
{
  PlExerciseDocument *document;

  g_return_val_if_fail (exercise != NULL && document_guid != NULL, NULL);

  document = g_new0 (PlExerciseDocument, 1);
  document->guid = g_strdup (document_guid);
  document->units = g_array_new (FALSE, FALSE, sizeof (PlExerciseUnit));
  g_ptr_array_add (exercise->documents, document);
  return document;
}

guint
pl_exercise_count_units (const PlExercise *exercise)
{
  guint n = 0;

  g_return_val_if_fail (exercise != NULL, 0);

  for (guint i = 0; i < exercise->documents->len; i++)
    n += ((PlExerciseDocument *) g_ptr_array_index (exercise->documents, i))->units->len;
  return n;
}

void
pl_handin_free (PlHandin *handin)
{
  if (handin == NULL)
    return;
  g_free (handin->exercise_guid);
  g_free (handin->coder_guid);
  g_free (handin->student);
  g_free (handin->handed_in);
  g_free (handin->file);
  g_free (handin->collected);
  g_free (handin);
}

/* Checksums */

char *
pl_exercise_checksum (guint               n_documents,
                      const char * const *guids,
                      const char * const *text_sha256s)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint i = 0; i < n_documents; i++)
    {
      g_autofree char *line = g_strdup_printf ("%s %s\n", guids[i], text_sha256s[i]);

      g_checksum_update (checksum, (const guchar *) line, (gssize) strlen (line));
    }
  return g_strdup (g_checksum_get_string (checksum));
}

char *
pl_project_dup_exercise_checksum (PlProject         *self,
                                  const PlExercise  *exercise,
                                  GError           **error)
{
  g_autoptr(GPtrArray) guids = g_ptr_array_new ();
  g_autoptr(GPtrArray) sums = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (exercise != NULL, NULL);

  for (guint i = 0; i < exercise->documents->len; i++)
    {
      PlExerciseDocument *document = g_ptr_array_index (exercise->documents, i);
      char *sum = NULL;

      stmt = pl_project_prepare (self, "SELECT text FROM documents WHERE guid = ?", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, document->guid, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                             (const char *) sqlite3_column_text (stmt, 0), -1);
      sqlite3_reset (stmt);
      if (sum == NULL)
        {
          g_autofree char *name = g_filename_display_basename (pl_project_get_path (self));

          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                       _("“%s” lacks a document of the exercise “%s” (%s)."), name,
                       exercise->title, document->guid);
          return NULL;
        }
      g_ptr_array_add (guids, document->guid);
      g_ptr_array_add (sums, sum);
    }
  return pl_exercise_checksum (guids->len, (const char * const *) guids->pdata,
                               (const char * const *) sums->pdata);
}

/* Units as JSON */

static char *
units_to_json (const PlExercise *exercise)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < exercise->documents->len; i++)
    {
      PlExerciseDocument *document = g_ptr_array_index (exercise->documents, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "document");
      json_builder_add_string_value (builder, document->guid);
      json_builder_set_member_name (builder, "units");
      json_builder_begin_array (builder);
      for (guint u = 0; u < document->units->len; u++)
        {
          const PlExerciseUnit *unit = &g_array_index (document->units, PlExerciseUnit, u);

          json_builder_begin_array (builder);
          json_builder_add_int_value (builder, unit->index);
          json_builder_add_int_value (builder, unit->start);
          json_builder_add_int_value (builder, unit->end);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Reads the units the project wrote; what does not read as such is left out. */
static void
units_from_json (PlExercise *exercise,
                 const char *json)
{
  g_autoptr(JsonNode) root = pl_json_parse (json, -1, "units", NULL);
  JsonArray *documents;

  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return;
  documents = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (documents); i++)
    {
      JsonNode *node = json_array_get_element (documents, i);
      JsonArray *units;
      PlExerciseDocument *document;

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || pl_json_member_string (json_node_get_object (node), "document") == NULL)
        continue;
      document = pl_exercise_add_document (exercise,
                                           pl_json_member_string (json_node_get_object (node),
                                                                  "document"));
      units = pl_json_member_array (json_node_get_object (node), "units");
      for (guint u = 0; units != NULL && u < json_array_get_length (units); u++)
        {
          JsonNode *item = json_array_get_element (units, u);
          JsonArray *values;
          PlExerciseUnit unit;

          if (!JSON_NODE_HOLDS_ARRAY (item) || json_array_get_length (json_node_get_array (item)) != 3)
            continue;
          values = json_node_get_array (item);
          unit.index = (guint) json_array_get_int_element (values, 0);
          unit.start = (guint) json_array_get_int_element (values, 1);
          unit.end = (guint) json_array_get_int_element (values, 2);
          g_array_append_val (document->units, unit);
        }
    }
}

/* Rows */

#define EXERCISE_COLUMNS \
  "guid, title, instructions, checksum, root_code_guid, units, reference_guid, student_guid," \
  " created"

static PlExercise *
exercise_from_row (sqlite3_stmt *stmt)
{
  PlExercise *exercise = pl_exercise_new ();

  exercise->guid = pl_sql_dup_text (stmt, 0);
  exercise->title = pl_sql_dup_text (stmt, 1);
  exercise->instructions = pl_sql_dup_text (stmt, 2);
  exercise->checksum = pl_sql_dup_text (stmt, 3);
  exercise->root_code_guid = pl_sql_dup_text (stmt, 4);
  units_from_json (exercise, (const char *) sqlite3_column_text (stmt, 5));
  exercise->reference_guid = pl_sql_dup_text (stmt, 6);
  exercise->student_guid = pl_sql_dup_text (stmt, 7);
  exercise->created = pl_sql_dup_text (stmt, 8);
  return exercise;
}

/* Inserts @exercise inside the open transaction. */
static gboolean
insert_exercise (PlProject         *self,
                 const PlExercise  *exercise,
                 GError           **error)
{
  g_autofree char *now = pl_now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self,
                             "INSERT INTO exercises (" EXERCISE_COLUMNS ")"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, exercise->guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, exercise->title, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 3, exercise->instructions);
  sqlite3_bind_text (stmt, 4, exercise->checksum, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 5, exercise->root_code_guid);
  sqlite3_bind_text (stmt, 6, units_to_json (exercise), -1, g_free);
  pl_sql_bind_text_or_null (stmt, 7, exercise->reference_guid);
  pl_sql_bind_text_or_null (stmt, 8, exercise->student_guid);
  sqlite3_bind_text (stmt, 9, exercise->created != NULL ? exercise->created : now, -1,
                     SQLITE_TRANSIENT);
  return pl_project_step_done (self, stmt, "record the exercise", error);
}

static gboolean
check_exercise (const PlExercise  *exercise,
                GError           **error)
{
  if (exercise->guid == NULL || !g_uuid_string_is_valid (exercise->guid)
      || exercise->title == NULL || exercise->title[0] == '\0' || exercise->checksum == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("An exercise needs an id, a title and the checksum of its texts."));
      return FALSE;
    }
  return TRUE;
}

gboolean
pl_project_add_exercise (PlProject         *self,
                         const PlExercise  *exercise,
                         GError           **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (exercise != NULL && exercise->reference_guid != NULL
                        && exercise->student_guid == NULL, FALSE);

  if (!check_exercise (exercise, error) || !pl_project_begin (self, error))
    return FALSE;
  if (!insert_exercise (self, exercise, error))
    {
      pl_project_rollback (self);
      return FALSE;
    }
  return pl_project_commit (self, error);
}

/* The exercises of @sql (which selects EXERCISE_COLUMNS), with text parameter ?1. */
static GPtrArray *
query_exercises (PlProject   *self,
                 const char  *sql,
                 const char  *parameter,
                 GError     **error)
{
  g_autoptr(GPtrArray) exercises = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_exercise_free);
  sqlite3_stmt *stmt = pl_project_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (exercises, exercise_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the exercises");
      return NULL;
    }
  return g_steal_pointer (&exercises);
}

GPtrArray *
pl_project_list_exercises (PlProject  *self,
                           GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  return query_exercises (self, "SELECT " EXERCISE_COLUMNS " FROM exercises"
                                " WHERE reference_guid IS NOT NULL ORDER BY id DESC", NULL, error);
}

PlExercise *
pl_project_find_exercise (PlProject   *self,
                          const char  *key,
                          GError     **error)
{
  g_autoptr(GPtrArray) exercises = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  exercises = query_exercises (self, "SELECT " EXERCISE_COLUMNS " FROM exercises"
                                     " WHERE reference_guid IS NOT NULL"
                                     " AND (guid = lower (?1) OR title = ?1) ORDER BY id DESC",
                               key, error);
  if (exercises == NULL)
    return NULL;
  if (exercises->len > 0)
    return g_ptr_array_steal_index (exercises, 0);

  name = g_filename_display_basename (pl_project_get_path (self));
  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
               _("“%s” made no exercise “%s”."), name, key);
  return NULL;
}

/* A student's work */

gboolean
pl_project_get_codebook_locked (PlProject *self)
{
  sqlite3_stmt *stmt;
  gboolean locked = FALSE;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  stmt = pl_project_prepare (self, "SELECT 1 FROM project_info"
                                   " WHERE key = 'codebook_locked' AND value = '1'", NULL);
  if (stmt == NULL)
    return FALSE;
  locked = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  return locked;
}

PlExercise *
pl_project_dup_work_exercise (PlProject *self)
{
  g_autoptr(GPtrArray) exercises = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  exercises = query_exercises (self, "SELECT " EXERCISE_COLUMNS " FROM exercises"
                                     " WHERE student_guid IS NOT NULL", NULL, NULL);
  if (exercises == NULL || exercises->len == 0)
    return NULL;
  return g_ptr_array_steal_index (exercises, 0);
}

gboolean
pl_project_set_work_exercise (PlProject         *self,
                              const PlExercise  *exercise,
                              GError           **error)
{
  g_autoptr(PlExercise) existing = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (exercise != NULL && exercise->student_guid != NULL
                        && exercise->reference_guid == NULL, FALSE);

  if (!check_exercise (exercise, error))
    return FALSE;
  existing = pl_project_dup_work_exercise (self);
  if (existing != NULL)
    {
      g_autofree char *name = g_filename_display_basename (pl_project_get_path (self));

      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is already the work for the exercise “%s”."), name, existing->title);
      return FALSE;
    }

  if (!pl_project_begin (self, error))
    return FALSE;
  if (!insert_exercise (self, exercise, error)
      || !pl_project_exec (self, "INSERT OR REPLACE INTO project_info (key, value)"
                                 " VALUES ('codebook_locked', '1')", error))
    {
      pl_project_rollback (self);
      return FALSE;
    }
  return pl_project_commit (self, error);
}

/* Hand-ins collected */

static const char * const outcome_names[] = {
  [PL_HANDIN_ADDED] = "added",
  [PL_HANDIN_REPLACED] = "replaced",
  [PL_HANDIN_UNCHANGED] = "unchanged",
  [PL_HANDIN_SUPERSEDED] = "superseded",
  [PL_HANDIN_REFUSED] = "refused",
};

const char *
pl_handin_outcome_to_string (PlHandinOutcome outcome)
{
  g_return_val_if_fail (outcome < G_N_ELEMENTS (outcome_names), NULL);
  return outcome_names[outcome];
}

GPtrArray *
pl_project_list_handins (PlProject   *self,
                         const char  *exercise_guid,
                         GError     **error)
{
  g_autoptr(GPtrArray) handins = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_handin_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (exercise_guid != NULL, NULL);

  stmt = pl_project_prepare (self,
                             "SELECT h.exercise_guid, h.coder_guid, c.id, h.student, h.handed_in,"
                             " h.file, h.ordinal, h.collected FROM exercise_handins AS h"
                             " LEFT JOIN coders AS c ON c.guid = h.coder_guid"
                             " WHERE h.exercise_guid = ? ORDER BY h.ordinal", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, exercise_guid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlHandin *handin = g_new0 (PlHandin, 1);

      handin->exercise_guid = pl_sql_dup_text (stmt, 0);
      handin->coder_guid = pl_sql_dup_text (stmt, 1);
      handin->coder_id = sqlite3_column_int64 (stmt, 2);
      handin->student = pl_sql_dup_text (stmt, 3);
      handin->handed_in = pl_sql_dup_text (stmt, 4);
      handin->file = pl_sql_dup_text (stmt, 5);
      handin->ordinal = (guint) sqlite3_column_int64 (stmt, 6);
      handin->collected = pl_sql_dup_text (stmt, 7);
      g_ptr_array_add (handins, handin);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the hand-ins");
      return NULL;
    }
  return g_steal_pointer (&handins);
}

/* The operation "exercise.handins" */

static gboolean
op_handins (gpointer     owner,
            JsonObject  *op,
            GError     **error)
{
  PlProject *self = owner;
  JsonArray *unset = pl_json_member_array (op, "unset");
  JsonArray *set = pl_json_member_array (op, "set");
  sqlite3_stmt *stmt;

  for (guint i = 0; unset != NULL && i < json_array_get_length (unset); i++)
    {
      JsonObject *key = json_array_get_object_element (unset, i);

      if (key == NULL)
        return pl_project_set_history_damaged (error);
      stmt = pl_project_prepare (self, "DELETE FROM exercise_handins"
                                       " WHERE exercise_guid = ? AND coder_guid = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pl_json_member_string (key, "exercise"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pl_json_member_string (key, "coder"), -1, SQLITE_TRANSIENT);
      if (!pl_project_step_done (self, stmt, "record the hand-ins", error))
        return FALSE;
    }
  for (guint i = 0; set != NULL && i < json_array_get_length (set); i++)
    {
      JsonObject *row = json_array_get_object_element (set, i);
      const char *columns[] = { "exercise", "coder", "source", "student", "handed_in",
                                "sha256", "file" };

      if (row == NULL || !json_object_has_member (row, "ordinal"))
        return pl_project_set_history_damaged (error);
      stmt = pl_project_prepare (self,
                                 "INSERT OR REPLACE INTO exercise_handins (exercise_guid,"
                                 " coder_guid, source_guid, student, handed_in, sha256, file,"
                                 " ordinal, collected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        sqlite3_bind_text (stmt, (int) c + 1, pl_json_member_string (row, columns[c]), -1,
                           SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 8, json_object_get_int_member (row, "ordinal"));
      sqlite3_bind_text (stmt, 9, pl_json_member_string (row, "collected"), -1, SQLITE_TRANSIENT);
      /* A NULL where the table wants a value: the history was damaged. */
      if (!pl_project_step_done (self, stmt, "record the hand-ins", error))
        return FALSE;
    }
  return TRUE;
}

static const PlHistoryOp exercise_ops[] = {
  { "exercise.handins", op_handins },
};

const PlHistoryOp *
pl_project_exercise_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (exercise_ops);
  return exercise_ops;
}
