/* pl-project-links.c — outcome documents, and the links that trace their wording to statements
 *
 * Tables outcome_documents (one row per marked document) and links (schema 4).  Every
 * change is a history operation run inside one transaction:
 *   "outcome.set"  { document (GUID), kind (string or null: unmarked), date (string or null) }
 *   "link.insert"  { guid, source, source_start, source_end, outcome, outcome_start,
 *                    outcome_end, origin, score (number or absent), words, coder (GUID or
 *                    absent), created }
 *   "link.delete"  { guid }
 * Documents and coders are named by GUID, so the operations replay after a restart.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-links"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-history.h"
#include "pl-json.h"
#include "pl-project-links.h"
#include "pl-project-private.h"

static const char *outcome_kinds[] = { NULL, "draft", "revised_draft", "final" };
static const char *link_origins[] = { "candidate", "manual" };

static const char link_columns[] =
  "SELECT l.id, l.guid, l.source_document_id, l.source_start, l.source_end,"
  " l.outcome_document_id, l.outcome_start, l.outcome_end, l.origin, l.score, l.words,"
  " l.coder_id, l.created FROM links l";

/* Kinds and values */

const char *
pl_outcome_kind_to_string (PlOutcomeKind kind)
{
  g_return_val_if_fail (kind <= PL_OUTCOME_FINAL, NULL);

  return outcome_kinds[kind];
}

gboolean
pl_outcome_kind_from_string (const char    *name,
                             PlOutcomeKind *out_kind)
{
  g_return_val_if_fail (out_kind != NULL, FALSE);

  if (g_strcmp0 (name, "revised-draft") == 0)
    name = "revised_draft";
  for (guint k = PL_OUTCOME_DRAFT; k < G_N_ELEMENTS (outcome_kinds); k++)
    if (g_strcmp0 (name, outcome_kinds[k]) == 0)
      {
        *out_kind = (PlOutcomeKind) k;
        return TRUE;
      }

  return FALSE;
}

const char *
pl_outcome_kind_to_label (PlOutcomeKind kind)
{
  switch (kind)
    {
    case PL_OUTCOME_DRAFT:
      return _("Draft");
    case PL_OUTCOME_REVISED_DRAFT:
      return _("Revised draft");
    case PL_OUTCOME_FINAL:
      return _("Final report");
    case PL_OUTCOME_NONE:
    default:
      return "";
    }
}

const char *
pl_link_origin_to_string (PlLinkOrigin origin)
{
  g_return_val_if_fail (origin <= PL_LINK_ORIGIN_MANUAL, NULL);

  return link_origins[origin];
}

void
pl_outcome_free (PlOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_free (outcome->date);
  g_free (outcome);
}

PlLink *
pl_link_copy (const PlLink *link)
{
  PlLink *copy;

  g_return_val_if_fail (link != NULL, NULL);

  copy = g_memdup2 (link, sizeof *link);
  copy->guid = g_strdup (link->guid);
  copy->created = g_strdup (link->created);
  return copy;
}

void
pl_link_free (PlLink *link)
{
  if (link == NULL)
    return;

  g_free (link->guid);
  g_free (link->created);
  g_free (link);
}

/* "YYYY-MM-DD" of a real day. */
static gboolean
is_iso_date (const char *date)
{
  guint year, month, day;
  char end;

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  if (sscanf (date, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;

  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* NULL for NULL or "", else @value. */
static const char *
nonempty (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : NULL;
}

static PlDocument *
find_document (PlProject   *self,
               gint64       document_id,
               GError     **error)
{
  PlDocument *document = pl_project_find_document (self, document_id);

  if (document == NULL)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("There is no document %lld in this project."), (long long) document_id);
  return document;
}

/* Outcome documents */

static PlOutcome *
read_outcome (PlProject   *self,
              gint64       document_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  PlOutcome *outcome = NULL;
  PlOutcomeKind kind;
  int rc;

  stmt = pl_project_prepare (self, "SELECT kind, date FROM outcome_documents WHERE document_id = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && pl_outcome_kind_from_string ((const char *) sqlite3_column_text (stmt, 0), &kind))
    {
      outcome = g_new0 (PlOutcome, 1);
      outcome->document_id = document_id;
      outcome->kind = kind;
      outcome->date = pl_sql_dup_text (stmt, 1);
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    pl_project_set_sql_error (self, error, "read the outcome documents");
  sqlite3_reset (stmt);

  return outcome;
}

/* Writes the mark of @document_id: deleted for PL_OUTCOME_NONE. */
static gboolean
write_outcome (PlProject     *self,
               gint64         document_id,
               PlOutcomeKind  kind,
               const char    *date,
               GError       **error)
{
  sqlite3_stmt *stmt;

  if (kind == PL_OUTCOME_NONE)
    {
      stmt = pl_project_prepare (self, "DELETE FROM outcome_documents WHERE document_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, document_id);
      return pl_project_step_done (self, stmt, "unmark the outcome document", error);
    }

  stmt = pl_project_prepare (self,
                             "INSERT INTO outcome_documents (document_id, kind, date) VALUES (?, ?, ?)"
                             " ON CONFLICT (document_id) DO UPDATE SET kind = excluded.kind,"
                             " date = excluded.date",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_text (stmt, 2, outcome_kinds[kind], -1, SQLITE_STATIC);
  pl_sql_bind_text_or_null (stmt, 3, date);
  return pl_project_step_done (self, stmt, "mark the outcome document", error);
}

/* A member that is a string, or NULL when it is null or absent. */
static const char *
member_string_or_null (JsonObject *op,
                       const char *member)
{
  JsonNode *node = json_object_get_member (op, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static gboolean
op_outcome_set (gpointer     owner,
                JsonObject  *op,
                GError     **error)
{
  PlProject *self = owner;
  const char *kind_name = member_string_or_null (op, "kind");
  PlOutcomeKind kind = PL_OUTCOME_NONE;
  gint64 document_id;

  document_id = pl_project_id_for_guid (self, "documents", pl_json_member_string (op, "document"), error);
  if (document_id == 0)
    return FALSE;
  if (kind_name != NULL && !pl_outcome_kind_from_string (kind_name, &kind))
    return pl_project_set_history_damaged (error);

  return write_outcome (self, document_id, kind, member_string_or_null (op, "date"), error);
}

static JsonObject *
outcome_op (PlDocument    *document,
            PlOutcomeKind  kind,
            const char    *date)
{
  JsonObject *op = pl_history_op_new ("outcome.set");

  json_object_set_string_member (op, "document", pl_document_get_guid (document));
  if (kind != PL_OUTCOME_NONE)
    json_object_set_string_member (op, "kind", outcome_kinds[kind]);
  else
    json_object_set_null_member (op, "kind");
  if (date != NULL)
    json_object_set_string_member (op, "date", date);
  else
    json_object_set_null_member (op, "date");
  return op;
}

gboolean
pl_project_set_outcome (PlProject     *self,
                        gint64         document_id,
                        PlOutcomeKind  kind,
                        const char    *date,
                        GError       **error)
{
  g_autoptr(PlOutcome) before = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *label = NULL;
  PlOutcomeKind before_kind;
  PlDocument *document;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (kind <= PL_OUTCOME_FINAL, FALSE);

  document = find_document (self, document_id, error);
  if (document == NULL)
    return FALSE;

  date = nonempty (date);
  if (date != NULL && !is_iso_date (date))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, for example 2021-03-12."), date);
      return FALSE;
    }
  if (kind == PL_OUTCOME_NONE)
    date = NULL;

  before = read_outcome (self, document_id, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  before_kind = before != NULL ? before->kind : PL_OUTCOME_NONE;
  if (before_kind == kind && g_strcmp0 (before != NULL ? before->date : NULL, date) == 0)
    return TRUE;

  label = kind != PL_OUTCOME_NONE
    ? g_strdup_printf (_("Mark “%s” as %s"), pl_document_get_title (document),
                       pl_outcome_kind_to_label (kind))
    : g_strdup_printf (_("Unmark “%s” as an Outcome Document"), pl_document_get_title (document));
  return pl_history_run (pl_project_get_history (self), label,
                         outcome_op (document, kind, date),
                         outcome_op (document, before_kind, before != NULL ? before->date : NULL),
                         error);
}

PlOutcome *
pl_project_get_outcome (PlProject  *self,
                        gint64      document_id,
                        GError    **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  return read_outcome (self, document_id, error);
}

GPtrArray *
pl_project_list_outcomes (PlProject  *self,
                          GError    **error)
{
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_outcome_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  stmt = pl_project_prepare (self,
                             "SELECT o.document_id, o.kind, o.date FROM outcome_documents o"
                             " JOIN documents d ON d.id = o.document_id"
                             " ORDER BY coalesce (o.date, d.date) IS NULL, coalesce (o.date, d.date),"
                             " CASE o.kind WHEN 'draft' THEN 1 WHEN 'revised_draft' THEN 2 ELSE 3 END,"
                             " o.document_id",
                             error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PlOutcome *outcome = g_new0 (PlOutcome, 1);

      outcome->document_id = sqlite3_column_int64 (stmt, 0);
      if (!pl_outcome_kind_from_string ((const char *) sqlite3_column_text (stmt, 1), &outcome->kind))
        outcome->kind = PL_OUTCOME_FINAL;
      outcome->date = pl_sql_dup_text (stmt, 2);
      g_ptr_array_add (outcomes, outcome);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the outcome documents");
      return NULL;
    }

  return g_steal_pointer (&outcomes);
}

/* Links */

static PlLink *
link_from_row (sqlite3_stmt *stmt)
{
  PlLink *link = g_new0 (PlLink, 1);
  const char *origin = (const char *) sqlite3_column_text (stmt, 8);

  link->id = sqlite3_column_int64 (stmt, 0);
  link->guid = pl_sql_dup_text (stmt, 1);
  link->source_document_id = sqlite3_column_int64 (stmt, 2);
  link->source_start = sqlite3_column_int (stmt, 3);
  link->source_end = sqlite3_column_int (stmt, 4);
  link->outcome_document_id = sqlite3_column_int64 (stmt, 5);
  link->outcome_start = sqlite3_column_int (stmt, 6);
  link->outcome_end = sqlite3_column_int (stmt, 7);
  link->origin = g_strcmp0 (origin, "manual") == 0 ? PL_LINK_ORIGIN_MANUAL : PL_LINK_ORIGIN_CANDIDATE;
  link->score = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? -1.0 : sqlite3_column_double (stmt, 9);
  link->words = sqlite3_column_int (stmt, 10);
  link->coder_id = sqlite3_column_int64 (stmt, 11);
  link->created = pl_sql_dup_text (stmt, 12);
  return link;
}

static PlLink *
read_link (PlProject   *self,
           const char  *guid,
           GError     **error)
{
  g_autofree char *sql = g_strconcat (link_columns, " WHERE l.guid = ?", NULL);
  sqlite3_stmt *stmt;
  PlLink *link = NULL;
  int rc;

  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    link = link_from_row (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("There is no link %s in this project."), guid);
  else
    pl_project_set_sql_error (self, error, "read the link");
  sqlite3_reset (stmt);

  return link;
}

/* The id of the link between exactly these spans: 0 when there is none, -1 on error. */
static gint64
find_link_by_spans (PlProject         *self,
                    const PlLinkSpec  *spec,
                    GError           **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  stmt = pl_project_prepare (self,
                             "SELECT id FROM links WHERE outcome_document_id = ? AND outcome_start = ?"
                             " AND outcome_end = ? AND source_document_id = ? AND source_start = ?"
                             " AND source_end = ?",
                             error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, spec->outcome_document_id);
  sqlite3_bind_int64 (stmt, 2, spec->outcome_start);
  sqlite3_bind_int64 (stmt, 3, spec->outcome_end);
  sqlite3_bind_int64 (stmt, 4, spec->source_document_id);
  sqlite3_bind_int64 (stmt, 5, spec->source_start);
  sqlite3_bind_int64 (stmt, 6, spec->source_end);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the links");
      id = -1;
    }
  sqlite3_reset (stmt);

  return id;
}

/* Inserts a row; @coder_id 0 and a negative score are NULL. */
static gboolean
insert_link (PlProject         *self,
             const char        *guid,
             const PlLinkSpec  *spec,
             const char        *created,
             GError           **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (self,
                             "INSERT INTO links (guid, source_document_id, source_start, source_end,"
                             " outcome_document_id, outcome_start, outcome_end, origin, score, words,"
                             " coder_id, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, spec->source_document_id);
  sqlite3_bind_int64 (stmt, 3, spec->source_start);
  sqlite3_bind_int64 (stmt, 4, spec->source_end);
  sqlite3_bind_int64 (stmt, 5, spec->outcome_document_id);
  sqlite3_bind_int64 (stmt, 6, spec->outcome_start);
  sqlite3_bind_int64 (stmt, 7, spec->outcome_end);
  sqlite3_bind_text (stmt, 8, link_origins[spec->origin], -1, SQLITE_STATIC);
  if (spec->score >= 0)
    sqlite3_bind_double (stmt, 9, CLAMP (spec->score, 0.0, 1.0));
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_int64 (stmt, 10, spec->words);
  if (spec->coder_id != 0)
    sqlite3_bind_int64 (stmt, 11, spec->coder_id);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_text (stmt, 12, created, -1, SQLITE_TRANSIENT);
  return pl_project_step_done (self, stmt, "save the link", error);
}

static gboolean
op_link_insert (gpointer     owner,
                JsonObject  *op,
                GError     **error)
{
  PlProject *self = owner;
  const char *guid = pl_json_member_string (op, "guid");
  const char *created = pl_json_member_string (op, "created");
  const char *coder = pl_json_member_string (op, "coder");
  PlLinkSpec spec = { 0 };

  if (guid == NULL || created == NULL)
    return pl_project_set_history_damaged (error);

  if ((spec.source_document_id = pl_project_id_for_guid (self, "documents", pl_json_member_string (op, "source"), error)) == 0
      || (spec.outcome_document_id = pl_project_id_for_guid (self, "documents", pl_json_member_string (op, "outcome"), error)) == 0
      || (coder != NULL && (spec.coder_id = pl_project_id_for_guid (self, "coders", coder, error)) == 0))
    return FALSE;

  spec.source_start = json_object_get_int_member_with_default (op, "source_start", 0);
  spec.source_end = json_object_get_int_member_with_default (op, "source_end", 0);
  spec.outcome_start = json_object_get_int_member_with_default (op, "outcome_start", 0);
  spec.outcome_end = json_object_get_int_member_with_default (op, "outcome_end", 0);
  spec.origin = g_strcmp0 (pl_json_member_string (op, "origin"), "manual") == 0
    ? PL_LINK_ORIGIN_MANUAL : PL_LINK_ORIGIN_CANDIDATE;
  spec.score = json_object_has_member (op, "score") ? json_object_get_double_member (op, "score") : -1.0;
  spec.words = json_object_get_int_member_with_default (op, "words", 0);

  return insert_link (self, guid, &spec, created, error);
}

static gboolean
op_link_delete (gpointer     owner,
                JsonObject  *op,
                GError     **error)
{
  PlProject *self = owner;
  g_autoptr(PlLink) link = read_link (self, pl_json_member_string (op, "guid"), error);
  sqlite3_stmt *stmt;

  if (link == NULL)
    return FALSE;

  stmt = pl_project_prepare (self, "DELETE FROM links WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, link->id);
  return pl_project_step_done (self, stmt, "remove the link", error);
}

static const PlHistoryOp link_ops[] = {
  { "outcome.set", op_outcome_set },
  { "link.insert", op_link_insert },
  { "link.delete", op_link_delete },
};

const PlHistoryOp *
pl_project_link_ops (gsize *n_ops)
{
  *n_ops = G_N_ELEMENTS (link_ops);
  return link_ops;
}

static JsonObject *
insert_op_for (PlProject     *self,
               const PlLink  *link)
{
  JsonObject *op = pl_history_op_new ("link.insert");
  PlCoder *coder = link->coder_id != 0 ? pl_project_find_coder (self, link->coder_id) : NULL;

  json_object_set_string_member (op, "guid", link->guid);
  json_object_set_string_member (op, "source", pl_document_get_guid (pl_project_find_document (self, link->source_document_id)));
  json_object_set_int_member (op, "source_start", link->source_start);
  json_object_set_int_member (op, "source_end", link->source_end);
  json_object_set_string_member (op, "outcome", pl_document_get_guid (pl_project_find_document (self, link->outcome_document_id)));
  json_object_set_int_member (op, "outcome_start", link->outcome_start);
  json_object_set_int_member (op, "outcome_end", link->outcome_end);
  json_object_set_string_member (op, "origin", link_origins[link->origin]);
  if (link->score >= 0)
    json_object_set_double_member (op, "score", link->score);
  json_object_set_int_member (op, "words", link->words);
  if (coder != NULL)
    json_object_set_string_member (op, "coder", coder->guid);
  json_object_set_string_member (op, "created", link->created);
  return op;
}

static JsonObject *
delete_op_for (const char *guid)
{
  JsonObject *op = pl_history_op_new ("link.delete");

  json_object_set_string_member (op, "guid", guid);
  return op;
}

static gboolean
check_span (PlDocument  *document,
            guint        start,
            guint        end,
            GError     **error)
{
  if (start < end && end <= pl_document_get_length (document))
    return TRUE;

  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
               _("The range %u–%u does not lie within “%s” (%u characters)."),
               start, end, pl_document_get_title (document), pl_document_get_length (document));
  return FALSE;
}

gboolean
pl_project_check_link (PlProject         *self,
                       const PlLinkSpec  *spec,
                       GError           **error)
{
  PlDocument *source, *outcome;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  if ((source = find_document (self, spec->source_document_id, error)) == NULL
      || (outcome = find_document (self, spec->outcome_document_id, error)) == NULL)
    return FALSE;

  if (source == outcome)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("A link joins passages of two different documents; both are in “%s”."),
                   pl_document_get_title (source));
      return FALSE;
    }

  if (!check_span (source, spec->source_start, spec->source_end, error)
      || !check_span (outcome, spec->outcome_start, spec->outcome_end, error))
    return FALSE;

  if (spec->coder_id != 0 && pl_project_find_coder (self, spec->coder_id) == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no coder %lld in this project."), (long long) spec->coder_id);
      return FALSE;
    }

  return TRUE;
}

PlLink *
pl_project_add_link (PlProject         *self,
                     const PlLinkSpec  *spec,
                     GError           **error)
{
  g_autoptr(PlLink) link = NULL;
  gint64 existing;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (spec->origin <= PL_LINK_ORIGIN_MANUAL, NULL);

  if (!pl_project_check_link (self, spec, error))
    return NULL;

  existing = find_link_by_spans (self, spec, error);
  if (existing < 0)
    return NULL;
  if (existing > 0)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_DUPLICATE,
                   _("These two passages are linked already."));
      return NULL;
    }

  link = g_new0 (PlLink, 1);
  link->guid = g_uuid_string_random ();
  link->source_document_id = spec->source_document_id;
  link->source_start = spec->source_start;
  link->source_end = spec->source_end;
  link->outcome_document_id = spec->outcome_document_id;
  link->outcome_start = spec->outcome_start;
  link->outcome_end = spec->outcome_end;
  link->origin = spec->origin;
  link->score = spec->score >= 0 ? CLAMP (spec->score, 0.0, 1.0) : -1.0;
  link->words = spec->words;
  link->coder_id = spec->coder_id;
  link->created = pl_now_iso8601 ();

  if (!pl_history_run (pl_project_get_history (self),
                       spec->origin == PL_LINK_ORIGIN_MANUAL ? _("Link Passages") : _("Accept Reuse"),
                       insert_op_for (self, link), delete_op_for (link->guid), error))
    return NULL;

  return read_link (self, link->guid, error);
}

gboolean
pl_project_remove_link (PlProject   *self,
                        const char  *guid,
                        GError     **error)
{
  g_autoptr(PlLink) link = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);

  link = read_link (self, guid, error);
  if (link == NULL)
    return FALSE;

  return pl_history_run (pl_project_get_history (self), _("Remove Link"),
                         delete_op_for (guid), insert_op_for (self, link), error);
}

PlLink *
pl_project_find_link (PlProject   *self,
                      const char  *guid,
                      GError     **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (guid != NULL, NULL);

  return read_link (self, guid, error);
}

GPtrArray *
pl_project_list_links (PlProject  *self,
                       gint64      outcome_document_id,
                       GError    **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_link_free);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  sql = g_strconcat (link_columns,
                     outcome_document_id != 0 ? " WHERE l.outcome_document_id = ?" : "",
                     " ORDER BY l.outcome_document_id, l.outcome_start, l.outcome_end,"
                     " l.source_document_id, l.source_start, l.id",
                     NULL);
  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (outcome_document_id != 0)
    sqlite3_bind_int64 (stmt, 1, outcome_document_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (links, link_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the links");
      return NULL;
    }

  return g_steal_pointer (&links);
}

/* Importing */

/* The length of a document as the bulk sees it: 0 when there is none, -1 on error. */
static gint64
bulk_document_length (PlProject   *self,
                      gint64       document_id,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 length = 0;
  int rc;

  stmt = pl_project_prepare (self, "SELECT length FROM documents WHERE id = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    length = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the documents");
      length = -1;
    }
  sqlite3_reset (stmt);

  return length;
}

static gboolean
bulk_check_span (PlProject   *self,
                 gint64       document_id,
                 guint        start,
                 guint        end,
                 GError     **error)
{
  gint64 length = bulk_document_length (self, document_id, error);

  if (length < 0)
    return FALSE;
  if (start < end && end <= length)
    return TRUE;

  g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
               _("A link's range %u–%u does not lie within its document (%lld characters)."),
               start, end, (long long) length);
  return FALSE;
}

gboolean
pl_project_bulk_add_link (PlProjectBulk     *bulk,
                          const PlBulkLink  *link,
                          PlBulkResult      *result,
                          GError           **error)
{
  PlProject *self = pl_project_bulk_get_project (bulk);
  const PlLinkSpec *spec;
  gint64 id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (link != NULL && link->guid != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  spec = &link->spec;
  *result = (PlBulkResult) { 0 };

  {
    sqlite3_stmt *stmt = pl_project_prepare (self, "SELECT id FROM links WHERE guid = ?", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, link->guid, -1, SQLITE_TRANSIENT);
    id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
    sqlite3_reset (stmt);
  }
  if (id > 0)
    {
      result->id = id;
      result->existed = TRUE;
      return TRUE;
    }

  if (spec->source_document_id == spec->outcome_document_id)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("Link %s joins two passages of one document."), link->guid);
      return FALSE;
    }
  if (!bulk_check_span (self, spec->source_document_id, spec->source_start, spec->source_end, error)
      || !bulk_check_span (self, spec->outcome_document_id, spec->outcome_start, spec->outcome_end, error))
    return FALSE;

  id = find_link_by_spans (self, spec, error);
  if (id < 0)
    return FALSE;
  if (id > 0)
    {
      result->id = id;
      result->duplicate = TRUE;
      return TRUE;
    }

  if (link->created != NULL)
    {
      if (!insert_link (self, link->guid, spec, link->created, error))
        return FALSE;
    }
  else
    {
      g_autofree char *now = pl_now_iso8601 ();

      if (!insert_link (self, link->guid, spec, now, error))
        return FALSE;
    }

  result->id = sqlite3_last_insert_rowid (pl_project_get_db (self));
  return TRUE;
}

gboolean
pl_project_bulk_set_outcome (PlProjectBulk  *bulk,
                             gint64          document_id,
                             PlOutcomeKind   kind,
                             const char     *date,
                             GError        **error)
{
  PlProject *self = pl_project_bulk_get_project (bulk);
  g_autoptr(PlOutcome) existing = NULL;
  g_autoptr(GError) read_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (kind <= PL_OUTCOME_FINAL, FALSE);

  if (kind == PL_OUTCOME_NONE)
    return TRUE;

  existing = read_outcome (self, document_id, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  if (existing != NULL)
    return TRUE;

  date = nonempty (date);
  return write_outcome (self, document_id, kind, date != NULL && is_iso_date (date) ? date : NULL,
                        error);
}
