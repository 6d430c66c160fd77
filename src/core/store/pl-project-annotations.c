/* pl-project-annotations.c — annotations: adding, changing, removing, reading
 *
 * Every change is an undoable action: it runs as a history operation ("annotation.insert",
 * "annotation.delete", "annotation.update") inside one transaction, and records the
 * operation that undoes it.  Operations name documents, codes and coders by GUID, so they
 * replay correctly after a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-annotations"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-json.h"
#include "pl-history.h"
#include "pl-project-private.h"
#include "pl-text.h"

static const char annotation_columns[] =
  "SELECT a.id, a.guid, a.document_id, a.code_id, a.coder_id, a.start_offset, a.end_offset,"
  " a.memo, a.created, a.modified, a.stance, a.codebook_version FROM annotations a";

static const char *stances[] = {
  "supports", "opposes", "calls_for_new", "reports_practice", "neutral", NULL
};

gboolean
pl_annotation_stance_is_valid (const char *stance)
{
  return stance == NULL || g_strv_contains (stances, stance);
}

PlAnnotation *
pl_project_annotation_from_row (sqlite3_stmt *stmt)
{
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
  return annotation;
}

static PlAnnotation *
read_annotation (PlProject   *self,
                 const char  *guid,
                 GError     **error)
{
  g_autofree char *sql = g_strconcat (annotation_columns, " WHERE a.guid = ?", NULL);
  sqlite3_stmt *stmt;
  PlAnnotation *annotation = NULL;
  int rc;

  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    annotation = pl_project_annotation_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("There is no annotation %s in this project."), guid);
  else
    pl_project_set_sql_error (self, error, "read the annotation");
  sqlite3_reset (stmt);

  return annotation;
}

static void
adjust_counts (PlProject          *self,
               const PlAnnotation *annotation,
               int                 delta)
{
  PlDocument *document = pl_project_find_document (self, annotation->document_id);
  PlCode *code = pl_project_find_code (self, annotation->code_id);

  /* Progress first: the document's watchers recount it when its number changes. */
  pl_project_coverage_count (self, annotation, delta);
  if (document != NULL)
    pl_document_set_n_annotations (document, pl_document_get_n_annotations (document) + delta);
  if (code != NULL)
    pl_code_set_n_annotations (code, pl_code_get_n_annotations (code) + delta);
}

static void
announce_added (PlProject *self,
                gpointer   data)
{
  adjust_counts (self, data, +1);
  pl_project_emit (self, PL_PROJECT_SIGNAL_ANNOTATION_ADDED, data);
}

static void
announce_removed (PlProject *self,
                  gpointer   data)
{
  adjust_counts (self, data, -1);
  pl_project_emit (self, PL_PROJECT_SIGNAL_ANNOTATION_REMOVED, data);
}

static void
announce_changed (PlProject *self,
                  gpointer   data)
{
  pl_project_emit (self, PL_PROJECT_SIGNAL_ANNOTATION_CHANGED, data);
}

/* Operations */

gboolean
pl_project_insert_annotation_json (PlProject   *self,
                                   JsonObject  *item,
                                   const char  *what,
                                   GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 document_id, code_id, coder_id;

  if ((document_id = pl_project_id_for_guid (self, "documents", pl_json_member_string (item, "document"), error)) == 0
      || (code_id = pl_project_id_for_guid (self, "codes", pl_json_member_string (item, "code"), error)) == 0
      || (coder_id = pl_project_id_for_guid (self, "coders", pl_json_member_string (item, "coder"), error)) == 0)
    return FALSE;

  stmt = pl_project_prepare (self,
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
  return pl_project_step_done (self, stmt, what, error);
}

gboolean
pl_project_delete_annotation_row (PlProject  *self,
                                  gint64      annotation_id,
                                  GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self, "DELETE FROM annotations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, annotation_id);
  return pl_project_step_done (self, stmt, "remove the annotation", error);
}

static gboolean
op_insert (gpointer     owner,
           JsonObject  *op,
           GError     **error)
{
  PlProject *self = owner;
  g_autoptr(PlAnnotation) annotation = NULL;
  const char *guid = pl_json_member_string (op, "guid");

  if (guid == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, _("The history is damaged."));
      return FALSE;
    }

  if (!pl_project_insert_annotation_json (self, op, "save the annotation", error))
    return FALSE;

  annotation = read_annotation (self, guid, error);
  if (annotation == NULL)
    return FALSE;

  pl_project_defer (self, announce_added, g_steal_pointer (&annotation),
                    (GDestroyNotify)pl_annotation_unref);
  return TRUE;
}

static gboolean
op_delete (gpointer     owner,
           JsonObject  *op,
           GError     **error)
{
  PlProject *self = owner;
  g_autoptr(PlAnnotation) annotation = NULL;

  annotation = read_annotation (self, pl_json_member_string (op, "guid"), error);
  if (annotation == NULL || !pl_project_delete_annotation_row (self, annotation->id, error))
    return FALSE;

  pl_project_defer (self, announce_removed, g_steal_pointer (&annotation),
                    (GDestroyNotify)pl_annotation_unref);
  return TRUE;
}

static gboolean
op_update (gpointer     owner,
           JsonObject  *op,
           GError     **error)
{
  PlProject *self = owner;
  g_autoptr(PlAnnotation) before = NULL;
  g_autoptr(PlAnnotation) after = NULL;
  const char *guid = pl_json_member_string (op, "guid");
  sqlite3_stmt *stmt;
  gint64 code_id;
  gint64 start, end;

  before = read_annotation (self, guid, error);
  if (before == NULL)
    return FALSE;

  code_id = before->code_id;
  if (json_object_has_member (op, "code")
      && (code_id = pl_project_id_for_guid (self, "codes", pl_json_member_string (op, "code"), error)) == 0)
    return FALSE;

  start = json_object_get_int_member_with_default (op, "start", before->start);
  end = json_object_get_int_member_with_default (op, "end", before->end);

  stmt = pl_project_prepare (self,
                             "UPDATE annotations SET code_id = ?, start_offset = ?, end_offset = ?,"
                             " memo = ?, stance = ?, modified = ? WHERE id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  pl_sql_bind_text_or_null (stmt, 4, json_object_has_member (op, "memo") ? pl_json_member_string (op, "memo") : before->memo);
  pl_sql_bind_text_or_null (stmt, 5, json_object_has_member (op, "stance") ? pl_json_member_string (op, "stance") : before->stance);
  sqlite3_bind_text (stmt, 6, pl_json_member_string (op, "modified") != NULL ? pl_json_member_string (op, "modified") : before->modified,
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, before->id);
  if (!pl_project_step_done (self, stmt, "change the annotation", error))
    return FALSE;

  after = read_annotation (self, guid, error);
  if (after == NULL)
    return FALSE;

  /* Where the span or the code changed, views re-highlight both: announce it as a removal
   * and an addition.  A memo or stance is a change in place. */
  if (after->code_id != before->code_id || after->start != before->start || after->end != before->end)
    {
      pl_project_defer (self, announce_removed, g_steal_pointer (&before), (GDestroyNotify)pl_annotation_unref);
      pl_project_defer (self, announce_added, g_steal_pointer (&after), (GDestroyNotify)pl_annotation_unref);
    }
  else
    pl_project_defer (self, announce_changed, g_steal_pointer (&after), (GDestroyNotify)pl_annotation_unref);

  return TRUE;
}

static const PlHistoryOp annotation_ops[] = {
  { "annotation.insert", op_insert },
  { "annotation.delete", op_delete },
  { "annotation.update", op_update },
};

const PlHistoryOp *
pl_project_annotation_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (annotation_ops);
  return annotation_ops;
}

static JsonObject *
insert_op_for (PlProject          *self,
               const PlAnnotation *annotation)
{
  JsonObject *op = pl_history_op_new ("annotation.insert");

  json_object_set_string_member (op, "guid", annotation->guid);
  json_object_set_string_member (op, "document", pl_document_get_guid (pl_project_find_document (self, annotation->document_id)));
  json_object_set_string_member (op, "code", pl_code_get_guid (pl_project_find_code (self, annotation->code_id)));
  json_object_set_string_member (op, "coder", pl_project_find_coder (self, annotation->coder_id)->guid);
  json_object_set_int_member (op, "start", annotation->start);
  json_object_set_int_member (op, "end", annotation->end);
  if (annotation->memo != NULL)
    json_object_set_string_member (op, "memo", annotation->memo);
  if (annotation->stance != NULL)
    json_object_set_string_member (op, "stance", annotation->stance);
  json_object_set_string_member (op, "created", annotation->created);
  json_object_set_string_member (op, "modified", annotation->modified);
  json_object_set_int_member (op, "codebook_version", annotation->codebook_version);
  return op;
}

static JsonObject *
delete_op_for (const char *guid)
{
  JsonObject *op = pl_history_op_new ("annotation.delete");

  json_object_set_string_member (op, "guid", guid);
  return op;
}

/* The error for a second coding of the same span, code and coder. */
static void
set_duplicate_error (PlProject               *self,
                     const PlAnnotationSpec  *coding,
                     GError                 **error)
{
  PlCode *code = pl_project_find_code (self, coding->code_id);
  PlCoder *coder = pl_project_find_coder (self, coding->coder_id);

  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_DUPLICATE,
               _("These words are already coded “%s” by %s."),
               code != NULL ? pl_code_get_name (code) : "?",
               coder != NULL ? coder->name : "?");
}

/* Refuses a coding that would repeat one of the same span, code and coder (its memo is not
 * looked at). */
static gboolean
check_not_duplicate (PlProject               *self,
                     const PlAnnotationSpec  *coding,
                     GError                 **error)
{
  sqlite3_stmt *stmt;
  gboolean exists;

  stmt = pl_project_prepare (self,
                             "SELECT 1 FROM annotations WHERE document_id = ? AND start_offset = ?"
                             " AND end_offset = ? AND code_id = ? AND coder_id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, coding->document_id);
  sqlite3_bind_int64 (stmt, 2, coding->start);
  sqlite3_bind_int64 (stmt, 3, coding->end);
  sqlite3_bind_int64 (stmt, 4, coding->code_id);
  sqlite3_bind_int64 (stmt, 5, coding->coder_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (!exists)
    return TRUE;

  set_duplicate_error (self, coding, error);
  return FALSE;
}

/* Refuses what the store would refuse, before anything is written; sets @out_code. */
static gboolean
check_annotation_spec (PlProject               *self,
                       const PlAnnotationSpec  *spec,
                       PlCode                 **out_code,
                       GError                 **error)
{
  PlDocument *document;
  PlCode *code;

  document = pl_project_find_document (self, spec->document_id);
  if (document == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %lld in this project."), (long long)spec->document_id);
      return FALSE;
    }

  code = pl_project_find_code (self, spec->code_id);
  if (code == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no code %lld in this project."), (long long)spec->code_id);
      return FALSE;
    }

  if (!pl_code_get_codable (code))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is a folder of codes and cannot be applied to text."),
                   pl_code_get_name (code));
      return FALSE;
    }

  if (pl_project_find_coder (self, spec->coder_id) == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no coder %lld in this project."), (long long)spec->coder_id);
      return FALSE;
    }

  if (spec->start >= spec->end || spec->end > pl_document_get_length (document))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The range %u–%u does not lie within “%s” (%u characters)."),
                   spec->start, spec->end, pl_document_get_title (document),
                   pl_document_get_length (document));
      return FALSE;
    }

  if (!check_not_duplicate (self, spec, error))
    return FALSE;

  *out_code = code;
  return TRUE;
}

/* A new annotation as @spec describes it (checked), made @created under @codebook_version. */
static PlAnnotation *
annotation_for_spec (const PlAnnotationSpec *spec,
                     const char             *created,
                     guint                   codebook_version)
{
  PlAnnotation *annotation = pl_annotation_new ();

  annotation->guid = g_uuid_string_random ();
  annotation->document_id = spec->document_id;
  annotation->code_id = spec->code_id;
  annotation->coder_id = spec->coder_id;
  annotation->start = spec->start;
  annotation->end = spec->end;
  annotation->memo = spec->memo != NULL && spec->memo[0] != '\0' ? g_strdup (spec->memo) : NULL;
  annotation->created = g_strdup (created);
  annotation->modified = g_strdup (created);
  annotation->codebook_version = codebook_version;
  return annotation;
}

PlAnnotation *
pl_project_add_annotation (PlProject               *self,
                           const PlAnnotationSpec  *spec,
                           GError                 **error)
{
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autofree char *label = NULL;
  g_autofree char *now = pl_now_iso8601 ();
  PlCode *code;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (!check_annotation_spec (self, spec, &code, error))
    return NULL;

  annotation = annotation_for_spec (spec, now, pl_project_get_codebook_version (self));
  label = g_strdup_printf (_("Apply “%s”"), pl_code_get_name (code));
  if (!pl_history_run (pl_project_get_history (self), label, insert_op_for (self, annotation), delete_op_for (annotation->guid), error))
    return NULL;

  return pl_project_find_annotation (self, annotation->guid, error);
}

char **
pl_project_add_annotations (PlProject               *self,
                            const PlAnnotationSpec  *specs,
                            guint                    n_specs,
                            const char              *label,
                            GError                 **error)
{
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_annotation_unref);
  g_autoptr(GStrvBuilder) guids = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *default_label = NULL;
  g_autofree char *now = pl_now_iso8601 ();
  guint codebook_version;
  PlHistoryAction *action;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (specs != NULL || n_specs == 0, NULL);

  /* Every one is checked before anything is written, against the project and the others. */
  codebook_version = pl_project_get_codebook_version (self);
  for (guint i = 0; i < n_specs; i++)
    {
      PlAnnotation *annotation;
      PlCode *code;

      if (!check_annotation_spec (self, &specs[i], &code, error))
        return NULL;
      if (!g_hash_table_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT " %u %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                                    specs[i].document_id, specs[i].start, specs[i].end,
                                                    specs[i].code_id, specs[i].coder_id)))
        {
          set_duplicate_error (self, &specs[i], error);
          return NULL;
        }
      annotation = annotation_for_spec (&specs[i], now, codebook_version);
      g_ptr_array_add (annotations, annotation);
      g_strv_builder_add (guids, annotation->guid);
    }
  if (n_specs == 0)
    return g_strv_builder_end (guids);

  action = pl_history_begin (pl_project_get_history (self), error);
  if (action == NULL)
    return NULL;
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (!pl_history_action_run (action, insert_op_for (self, annotation), delete_op_for (annotation->guid), error))
        {
          pl_history_action_abort (action);
          return NULL;
        }
    }

  if (label == NULL)
    label = default_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Apply %u Code", "Apply %u Codes", n_specs), n_specs);
  if (!pl_history_action_commit (action, label, error))
    return NULL;
  return g_strv_builder_end (guids);
}

gboolean
pl_project_remove_annotation (PlProject   *self,
                              const char  *guid,
                              GError     **error)
{
  g_autoptr(PlAnnotation) annotation = NULL;
  g_autofree char *label = NULL;
  PlCode *code;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);

  annotation = pl_project_find_annotation (self, guid, error);
  if (annotation == NULL)
    return FALSE;

  code = pl_project_find_code (self, annotation->code_id);
  label = g_strdup_printf (_("Remove “%s”"), code != NULL ? pl_code_get_name (code) : "");
  return pl_history_run (pl_project_get_history (self), label, delete_op_for (guid), insert_op_for (self, annotation), error);
}

/* One change of some fields; @fields is the redo operation without "op" and "guid". */
static gboolean
update_annotation (PlProject    *self,
                   PlAnnotation *before,
                   const char   *label,
                   JsonObject   *redo,
                   GError      **error)
{
  JsonObject *undo = pl_history_op_new ("annotation.update");
  g_autoptr(GList) members = json_object_get_members (redo);
  g_autofree char *now = pl_now_iso8601 ();

  json_object_set_string_member (redo, "op", "annotation.update");
  json_object_set_string_member (redo, "guid", before->guid);
  json_object_set_string_member (redo, "modified", now);
  json_object_set_string_member (undo, "guid", before->guid);
  json_object_set_string_member (undo, "modified", before->modified);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, "code"))
        json_object_set_string_member (undo, "code", pl_code_get_guid (pl_project_find_code (self, before->code_id)));
      else if (g_str_equal (name, "start"))
        json_object_set_int_member (undo, "start", before->start);
      else if (g_str_equal (name, "end"))
        json_object_set_int_member (undo, "end", before->end);
      else if (g_str_equal (name, "memo"))
        {
          if (before->memo != NULL)
            json_object_set_string_member (undo, "memo", before->memo);
          else
            json_object_set_null_member (undo, "memo");
        }
      else if (g_str_equal (name, "stance"))
        {
          if (before->stance != NULL)
            json_object_set_string_member (undo, "stance", before->stance);
          else
            json_object_set_null_member (undo, "stance");
        }
    }

  return pl_history_run (pl_project_get_history (self), label, redo, undo, error);
}

gboolean
pl_project_set_annotation_memo (PlProject   *self,
                                const char  *guid,
                                const char  *memo,
                                GError     **error)
{
  g_autoptr(PlAnnotation) before = NULL;
  JsonObject *redo;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);

  before = pl_project_find_annotation (self, guid, error);
  if (before == NULL)
    return FALSE;

  if (memo != NULL && memo[0] == '\0')
    memo = NULL;
  if (g_strcmp0 (before->memo, memo) == 0)
    return TRUE;

  redo = json_object_new ();
  if (memo != NULL)
    json_object_set_string_member (redo, "memo", memo);
  else
    json_object_set_null_member (redo, "memo");
  return update_annotation (self, before, _("Edit Memo"), redo, error);
}

gboolean
pl_project_set_annotation_stance (PlProject   *self,
                                  const char  *guid,
                                  const char  *stance,
                                  GError     **error)
{
  g_autoptr(PlAnnotation) before = NULL;
  JsonObject *redo;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);

  if (!pl_annotation_stance_is_valid (stance))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a stance (supports, opposes, calls_for_new, reports_practice, neutral)."),
                   stance);
      return FALSE;
    }

  before = pl_project_find_annotation (self, guid, error);
  if (before == NULL)
    return FALSE;
  if (g_strcmp0 (before->stance, stance) == 0)
    return TRUE;

  redo = json_object_new ();
  if (stance != NULL)
    json_object_set_string_member (redo, "stance", stance);
  else
    json_object_set_null_member (redo, "stance");
  return update_annotation (self, before, _("Set Stance"), redo, error);
}

gboolean
pl_project_set_annotation_code (PlProject   *self,
                                const char  *guid,
                                gint64       code_id,
                                GError     **error)
{
  g_autoptr(PlAnnotation) before = NULL;
  g_autofree char *label = NULL;
  JsonObject *redo;
  PlCode *code;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);

  code = pl_project_find_code (self, code_id);
  if (code == NULL || !pl_code_get_codable (code))
    {
      g_set_error (error, PL_STORE_ERROR, code == NULL ? PL_STORE_ERROR_NOT_FOUND : PL_STORE_ERROR_INVALID,
                   code == NULL ? _("There is no such code in this project.")
                                : _("A folder of codes cannot be applied to text."));
      return FALSE;
    }

  before = pl_project_find_annotation (self, guid, error);
  if (before == NULL)
    return FALSE;
  if (before->code_id == code_id)
    return TRUE;
  if (!check_not_duplicate (self,
                            &(PlAnnotationSpec) { before->document_id, code_id, before->coder_id,
                                                  before->start, before->end, NULL },
                            error))
    return FALSE;

  redo = json_object_new ();
  json_object_set_string_member (redo, "code", pl_code_get_guid (code));
  label = g_strdup_printf (_("Change Code to “%s”"), pl_code_get_name (code));
  return update_annotation (self, before, label, redo, error);
}

gboolean
pl_project_set_annotation_range (PlProject   *self,
                                 const char  *guid,
                                 guint        start,
                                 guint        end,
                                 GError     **error)
{
  g_autoptr(PlAnnotation) before = NULL;
  PlDocument *document;
  JsonObject *redo;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);

  before = pl_project_find_annotation (self, guid, error);
  if (before == NULL)
    return FALSE;

  document = pl_project_find_document (self, before->document_id);
  if (start >= end || end > pl_document_get_length (document))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The range %u–%u does not lie within “%s” (%u characters)."),
                   start, end, pl_document_get_title (document), pl_document_get_length (document));
      return FALSE;
    }
  if (before->start == start && before->end == end)
    return TRUE;
  if (!check_not_duplicate (self,
                            &(PlAnnotationSpec) { before->document_id, before->code_id,
                                                  before->coder_id, start, end, NULL },
                            error))
    return FALSE;

  redo = json_object_new ();
  json_object_set_int_member (redo, "start", start);
  json_object_set_int_member (redo, "end", end);
  return update_annotation (self, before, _("Adjust Span"), redo, error);
}

PlAnnotation *
pl_project_find_annotation (PlProject   *self,
                            const char  *guid,
                            GError     **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (guid != NULL, NULL);

  return read_annotation (self, guid, error);
}

static GPtrArray *
list_annotations (PlProject   *self,
                  const char  *where,
                  gint64       document_id,
                  guint        from,
                  guint        to,
                  GError     **error)
{
  g_autoptr(GPtrArray) annotations =
    g_ptr_array_new_with_free_func ((GDestroyNotify)pl_annotation_unref);
  g_autofree char *sql = g_strconcat (annotation_columns, where, " ORDER BY a.document_id, a.start_offset,"
                                      " a.end_offset DESC, a.id", NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (document_id != 0)
    sqlite3_bind_int64 (stmt, 1, document_id);
  if (to > from)
    {
      sqlite3_bind_int64 (stmt, 2, from);
      sqlite3_bind_int64 (stmt, 3, to);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (annotations, pl_project_annotation_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the annotations");
      return NULL;
    }

  return g_steal_pointer (&annotations);
}

GPtrArray *
pl_project_list_annotations (PlProject  *self,
                             gint64      document_id,
                             GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  return list_annotations (self, document_id != 0 ? " WHERE a.document_id = ?" : "", document_id, 0, 0, error);
}

GPtrArray *
pl_project_list_annotations_in (PlProject  *self,
                                gint64      document_id,
                                guint       from,
                                guint       to,
                                GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (document_id != 0, NULL);
  g_return_val_if_fail (from < to, NULL);

  return list_annotations (self, " WHERE a.document_id = ? AND a.start_offset >= ? AND a.start_offset < ?",
                           document_id, from, to, error);
}

char *
pl_project_dup_annotation_text (PlProject          *self,
                                const PlAnnotation *annotation,
                                GError            **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (annotation != NULL, NULL);

  text = pl_project_dup_document_text (self, annotation->document_id, error);
  if (text == NULL)
    return NULL;
  return pl_text_slice (text, annotation->start, annotation->end);
}
