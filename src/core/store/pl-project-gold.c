/* pl-project-gold.c — the gold layer: settling disagreements, and reading it for exports
 *
 * A settlement is one action of up to three operations: the codebook's "annotations.delete"
 * for the copies an earlier settlement made, "annotations.insert" for the new copies (both
 * announce each annotation to views), and "gold.decide", which records the decision in
 * adjudications and where each copy came from in gold_sources.  gold_sources rows are kept
 * when their annotation goes (it may come back by undo) and are read only through a join.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-gold"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-json.h"
#include "pl-project-gold.h"
#include "pl-project-private.h"

static const char * const decisions[] = {
  [PL_SETTLEMENT_NONE] = NULL,
  [PL_SETTLEMENT_KEEP_A] = "a",
  [PL_SETTLEMENT_KEEP_B] = "b",
  [PL_SETTLEMENT_BOTH] = "both",
  [PL_SETTLEMENT_NEITHER] = "neither",
};

const char *
pl_settlement_to_string (PlSettlement decision)
{
  g_return_val_if_fail (decision <= PL_SETTLEMENT_NEITHER, NULL);
  return decisions[decision];
}

static PlSettlement
settlement_from_string (const char *text)
{
  for (guint i = PL_SETTLEMENT_KEEP_A; i < G_N_ELEMENTS (decisions); i++)
    if (g_strcmp0 (decisions[i], text) == 0)
      return (PlSettlement) i;
  return PL_SETTLEMENT_NONE;
}

PlCoder *
pl_project_find_gold_coder (PlProject *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  g_hash_table_iter_init (&iter, self->coders_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((PlCoder *) value)->name, PL_GOLD_CODER_NAME) == 0)
      return value;
  return NULL;
}

/* The operation */

static gboolean
op_gold_decide (gpointer     owner,
                JsonObject  *op,
                GError     **error)
{
  PlProject *project = owner;
  const char *decision = pl_json_member_string (op, "decision");
  JsonArray *made = pl_json_member_array (op, "made");
  JsonArray *sources = pl_json_member_array (op, "sources");
  g_autofree char *made_json = NULL;
  g_autofree char *now = pl_now_iso8601 ();
  sqlite3_stmt *stmt;

  if (made == NULL || sources == NULL || pl_json_member_string (op, "document") == NULL
      || pl_json_member_string (op, "coder_a") == NULL || pl_json_member_string (op, "coder_b") == NULL
      || pl_json_member_string (op, "code") == NULL)
    return pl_project_set_history_damaged (error);

  stmt = pl_project_prepare (project, decision != NULL
                             ? "INSERT OR REPLACE INTO adjudications (document_guid, coder_a_guid,"
                               " coder_b_guid, code_guid, start_offset, end_offset, decision,"
                               " made, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                             : "DELETE FROM adjudications WHERE document_guid = ?1"
                               " AND coder_a_guid = ?2 AND coder_b_guid = ?3 AND code_guid = ?4"
                               " AND start_offset = ?5 AND end_offset = ?6", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pl_json_member_string (op, "document"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pl_json_member_string (op, "coder_a"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pl_json_member_string (op, "coder_b"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, pl_json_member_string (op, "code"), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, json_object_get_int_member_with_default (op, "start", 0));
  sqlite3_bind_int64 (stmt, 6, json_object_get_int_member_with_default (op, "end", 0));
  if (decision != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, made);
      made_json = json_to_string (node, FALSE);
      sqlite3_bind_text (stmt, 7, decision, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, made_json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
    }
  if (!pl_project_step_done (project, stmt, "record the settlement", error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonObject *source = json_array_get_object_element (sources, i);

      if (source == NULL || pl_json_member_string (source, "annotation") == NULL
          || pl_json_member_string (source, "coder") == NULL
          || pl_json_member_string (source, "source") == NULL)
        return pl_project_set_history_damaged (error);
      stmt = pl_project_prepare (project,
                                 "INSERT OR REPLACE INTO gold_sources (annotation_guid,"
                                 " coder_guid, source_guid) VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, pl_json_member_string (source, "annotation"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, pl_json_member_string (source, "coder"), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, pl_json_member_string (source, "source"), -1, SQLITE_TRANSIENT);
      if (!pl_project_step_done (project, stmt, "record where the annotation came from", error))
        return FALSE;
    }
  return TRUE;
}

static const PlHistoryOp gold_ops[] = {
  { "gold.decide", op_gold_decide },
};

const PlHistoryOp *
pl_project_gold_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (gold_ops);
  return gold_ops;
}

/* Settling */

/* What the unit holds now: its decision and the gold copies it made. */
typedef struct
{
  PlSettlement  decision;
  char         *made;     /* JSON array of GUIDs, or NULL */
} Settled;

static gboolean
read_settled (PlProject          *self,
              const char * const *guids,
              const PlDisagreementKey *key,
              Settled            *out,
              GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (out, 0, sizeof *out);
  stmt = pl_project_prepare (self,
                             "SELECT decision, made FROM adjudications WHERE document_guid = ?"
                             " AND coder_a_guid = ? AND coder_b_guid = ? AND code_guid = ?"
                             " AND start_offset = ? AND end_offset = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    sqlite3_bind_text (stmt, (int) i + 1, guids[i], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, key->start);
  sqlite3_bind_int64 (stmt, 6, key->end);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      out->decision = settlement_from_string ((const char *) sqlite3_column_text (stmt, 0));
      out->made = pl_sql_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the settlement");
      return FALSE;
    }
  return TRUE;
}

/* An annotation as the codebook's "annotations.insert" takes it. */
static JsonObject *
annotation_item (PlProject          *self,
                 const PlAnnotation *annotation)
{
  JsonObject *item = json_object_new ();
  PlCoder *coder = pl_project_find_coder (self, annotation->coder_id);

  json_object_set_string_member (item, "guid", annotation->guid);
  json_object_set_string_member (item, "document",
                                 pl_document_get_guid (pl_project_find_document (self, annotation->document_id)));
  json_object_set_string_member (item, "code",
                                 pl_code_get_guid (pl_project_find_code (self, annotation->code_id)));
  json_object_set_string_member (item, "coder", coder->guid);
  json_object_set_int_member (item, "start", annotation->start);
  json_object_set_int_member (item, "end", annotation->end);
  if (annotation->memo != NULL)
    json_object_set_string_member (item, "memo", annotation->memo);
  if (annotation->stance != NULL)
    json_object_set_string_member (item, "stance", annotation->stance);
  json_object_set_string_member (item, "created", annotation->created);
  json_object_set_string_member (item, "modified", annotation->modified);
  json_object_set_int_member (item, "codebook_version", annotation->codebook_version);
  return item;
}

/* The copies an earlier settlement made that are still there, as items to restore. */
static JsonArray *
earlier_copies (PlProject   *self,
                const char  *made,
                GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *items = json_array_new ();
  JsonArray *guids;

  if (made == NULL)
    return items;
  node = json_from_string (made, NULL);
  guids = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  for (guint i = 0; guids != NULL && i < json_array_get_length (guids); i++)
    {
      const char *guid = json_array_get_string_element (guids, i);
      g_autoptr(GError) missing = NULL;
      g_autoptr(PlAnnotation) annotation = NULL;

      if (guid == NULL)
        continue;
      annotation = pl_project_find_annotation (self, guid, &missing);
      if (annotation != NULL)
        json_array_add_object_element (items, annotation_item (self, annotation));
      else if (!g_error_matches (missing, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&missing));
          json_array_unref (items);
          return NULL;
        }
    }
  return items;
}

/* Copies into @items (and @sources) the annotations of @coder in the unit, clipped to it. */
static gboolean
copy_annotations (PlProject                *self,
                  const PlDisagreementKey  *key,
                  gint64                    coder_id,
                  const PlCoder            *gold,
                  JsonArray                *items,
                  JsonArray                *sources,
                  GError                  **error)
{
  g_autoptr(GPtrArray) annotations = pl_project_list_annotations (self, key->document_id, error);
  g_autofree char *now = pl_now_iso8601 ();
  PlCoder *coder = pl_project_find_coder (self, coder_id);

  if (annotations == NULL)
    return FALSE;
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);
      g_autoptr(PlAnnotation) copy = NULL;
      JsonObject *source;

      if (annotation->coder_id != coder_id || annotation->code_id != key->code_id
          || annotation->end <= key->start || annotation->start >= key->end)
        continue;

      copy = pl_annotation_new ();
      copy->guid = g_uuid_string_random ();
      copy->document_id = key->document_id;
      copy->code_id = key->code_id;
      copy->coder_id = gold->id;
      copy->start = MAX (annotation->start, key->start);
      copy->end = MIN (annotation->end, key->end);
      copy->memo = g_strdup (annotation->memo);
      copy->stance = g_strdup (annotation->stance);
      copy->created = g_strdup (now);
      copy->modified = g_strdup (now);
      copy->codebook_version = annotation->codebook_version;
      json_array_add_object_element (items, annotation_item (self, copy));

      source = json_object_new ();
      json_object_set_string_member (source, "annotation", copy->guid);
      json_object_set_string_member (source, "coder", coder->guid);
      json_object_set_string_member (source, "source", annotation->guid);
      json_array_add_object_element (sources, source);
    }
  return TRUE;
}

static JsonObject *
decide_op (const char * const      *guids,
           const PlDisagreementKey *key,
           PlSettlement             decision,
           JsonArray               *items,
           JsonArray               *sources)
{
  JsonObject *op = pl_history_op_new ("gold.decide");
  JsonArray *made = json_array_new ();

  json_object_set_string_member (op, "document", guids[0]);
  json_object_set_string_member (op, "coder_a", guids[1]);
  json_object_set_string_member (op, "coder_b", guids[2]);
  json_object_set_string_member (op, "code", guids[3]);
  json_object_set_int_member (op, "start", key->start);
  json_object_set_int_member (op, "end", key->end);
  pl_json_set_string_or_null (op, "decision", pl_settlement_to_string (decision));
  for (guint i = 0; i < json_array_get_length (items); i++)
    json_array_add_string_element (made, pl_json_member_string (json_array_get_object_element (items, i), "guid"));
  json_object_set_array_member (op, "made", made);
  json_object_set_array_member (op, "sources", sources != NULL ? json_array_ref (sources) : json_array_new ());
  return op;
}

static JsonObject *
items_op (const char *name,
          JsonArray  *items)
{
  JsonObject *op = pl_history_op_new (name);

  if (g_str_equal (name, "annotations.insert"))
    json_object_set_array_member (op, "items", json_array_ref (items));
  else
    {
      JsonArray *guids = json_array_new ();

      for (guint i = 0; i < json_array_get_length (items); i++)
        json_array_add_string_element (guids, pl_json_member_string (json_array_get_object_element (items, i), "guid"));
      json_object_set_array_member (op, "guids", guids);
    }
  return op;
}

static gboolean
check_key (PlProject                *self,
           const PlDisagreementKey  *key,
           GError                  **error)
{
  PlDocument *document = pl_project_find_document (self, key->document_id);
  PlCode *code = pl_project_find_code (self, key->code_id);

  if (document == NULL || code == NULL || pl_project_find_coder (self, key->coder_a_id) == NULL
      || pl_project_find_coder (self, key->coder_b_id) == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("The document, code or coders of this disagreement are not in the project."));
      return FALSE;
    }
  if (key->coder_a_id == key->coder_b_id || key->start >= key->end
      || key->end > pl_document_get_length (document) || !pl_code_get_codable (code))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("This is not a disagreement between two coders on a part of “%s”."),
                   pl_document_get_title (document));
      return FALSE;
    }
  return TRUE;
}

static char *
settle_label (PlProject               *self,
              const PlDisagreementKey *key,
              PlSettlement             decision)
{
  const char *code = pl_code_get_name (pl_project_find_code (self, key->code_id));
  const char *a = pl_project_find_coder (self, key->coder_a_id)->name;
  const char *b = pl_project_find_coder (self, key->coder_b_id)->name;

  switch (decision)
    {
    case PL_SETTLEMENT_KEEP_A:
      return g_strdup_printf (_("Keep %s’s “%s”"), a, code);
    case PL_SETTLEMENT_KEEP_B:
      return g_strdup_printf (_("Keep %s’s “%s”"), b, code);
    case PL_SETTLEMENT_BOTH:
      return g_strdup_printf (_("Keep Both “%s”"), code);
    case PL_SETTLEMENT_NEITHER:
      return g_strdup_printf (_("Keep Neither “%s”"), code);
    case PL_SETTLEMENT_NONE:
    default:
      return g_strdup_printf (_("Unsettle “%s”"), code);
    }
}

gboolean
pl_project_settle (PlProject                *self,
                   const PlDisagreementKey  *key,
                   PlSettlement              decision,
                   GError                  **error)
{
  g_autoptr(JsonArray) earlier = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(JsonArray) sources = json_array_new ();
  g_autofree char *label = NULL;
  const char *guids[4];
  PlHistoryAction *action;
  Settled settled;
  PlCoder *gold;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL && decision <= PL_SETTLEMENT_NEITHER, FALSE);

  if (!check_key (self, key, error))
    return FALSE;
  gold = pl_project_find_gold_coder (self);
  if (gold == NULL && (gold = pl_project_ensure_coder (self, PL_GOLD_CODER_NAME, error)) == NULL)
    return FALSE;
  if (gold->id == key->coder_a_id || gold->id == key->coder_b_id)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The gold layer cannot be one of the two coders it settles."));
      return FALSE;
    }

  guids[0] = pl_document_get_guid (pl_project_find_document (self, key->document_id));
  guids[1] = pl_project_find_coder (self, key->coder_a_id)->guid;
  guids[2] = pl_project_find_coder (self, key->coder_b_id)->guid;
  guids[3] = pl_code_get_guid (pl_project_find_code (self, key->code_id));
  if (!read_settled (self, guids, key, &settled, error))
    return FALSE;
  if (settled.decision == decision)
    {
      g_free (settled.made);
      return TRUE;
    }
  earlier = earlier_copies (self, settled.made, error);
  g_free (settled.made);
  if (earlier == NULL)
    return FALSE;

  if (((decision == PL_SETTLEMENT_KEEP_A || decision == PL_SETTLEMENT_BOTH)
       && !copy_annotations (self, key, key->coder_a_id, gold, items, sources, error))
      || ((decision == PL_SETTLEMENT_KEEP_B || decision == PL_SETTLEMENT_BOTH)
          && !copy_annotations (self, key, key->coder_b_id, gold, items, sources, error)))
    return FALSE;

  label = settle_label (self, key, decision);
  action = pl_history_begin (pl_project_get_history (self), error);
  if (action == NULL)
    return FALSE;
  if ((json_array_get_length (earlier) > 0
       && !pl_history_action_run (action, items_op ("annotations.delete", earlier),
                                  items_op ("annotations.insert", earlier), error))
      || (json_array_get_length (items) > 0
          && !pl_history_action_run (action, items_op ("annotations.insert", items),
                                     items_op ("annotations.delete", items), error))
      || !pl_history_action_run (action, decide_op (guids, key, decision, items, sources),
                                 decide_op (guids, key, settled.decision, earlier, NULL), error))
    {
      pl_history_action_abort (action);
      return FALSE;
    }
  return pl_history_action_commit (action, label, error);
}

GArray *
pl_project_list_settlements (PlProject  *self,
                             gint64      document_id,
                             gint64      coder_a_id,
                             gint64      coder_b_id,
                             GError    **error)
{
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (PlSettlementRecord));
  PlDocument *document;
  PlCoder *a, *b;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  document = pl_project_find_document (self, document_id);
  a = pl_project_find_coder (self, coder_a_id);
  b = pl_project_find_coder (self, coder_b_id);
  if (document == NULL || a == NULL || b == NULL)
    return g_steal_pointer (&records);

  stmt = pl_project_prepare (self,
                             "SELECT k.id, j.start_offset, j.end_offset, j.decision"
                             " FROM adjudications AS j JOIN codes AS k ON k.guid = j.code_guid"
                             " WHERE j.document_guid = ? AND j.coder_a_guid = ?"
                             " AND j.coder_b_guid = ? ORDER BY k.id, j.start_offset", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pl_document_get_guid (document), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, a->guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, b->guid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlSettlementRecord record = {
        sqlite3_column_int64 (stmt, 0),
        (guint) sqlite3_column_int64 (stmt, 1),
        (guint) sqlite3_column_int64 (stmt, 2),
        settlement_from_string ((const char *) sqlite3_column_text (stmt, 3)),
      };

      g_array_append_val (records, record);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the settlements");
      return NULL;
    }
  return g_steal_pointer (&records);
}

/* For exports */

void
pl_gold_layer_free (PlGoldLayer *layer)
{
  if (layer == NULL)
    return;
  g_hash_table_unref (layer->sources);
  g_free (layer);
}

PlGoldLayer *
pl_project_reader_read_gold (PlProjectReader  *reader,
                             GError          **error)
{
  PlProject *project = pl_project_reader_get_project (reader);
  g_autoptr(PlGoldLayer) layer = g_new0 (PlGoldLayer, 1);
  PlCoder *gold;
  sqlite3_stmt *stmt;
  int rc;

  layer->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gold = pl_project_find_gold_coder (project);
  if (gold == NULL)
    return g_steal_pointer (&layer);
  layer->coder_id = gold->id;

  stmt = pl_project_prepare (project,
                             "SELECT g.annotation_guid, c.name FROM gold_sources AS g"
                             " JOIN coders AS c ON c.guid = g.coder_guid", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_replace (layer->sources, pl_sql_dup_text (stmt, 0), pl_sql_dup_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the gold layer");
      return NULL;
    }
  return g_steal_pointer (&layer);
}
