/* pl-project-queries.c — counts and lookups that span subjects
 *
 * GUIDs map to row ids through the database, so that the mapping holds inside a
 * transaction (history operations name everything by GUID).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-project"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-project-private.h"
#include "pl-statement-coverage.h"

gint64
pl_project_id_for_guid (PlProject   *self,
                        const char  *table,
                        const char  *guid,
                        GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (PL_IS_PROJECT (self), 0);
  g_return_val_if_fail (table != NULL, 0);

  if (guid == NULL)
    return pl_project_set_history_damaged (error);

  sql = g_strdup_printf ("SELECT id FROM %s WHERE guid = ?", table);
  stmt = pl_project_prepare (self, sql, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id == 0)
    g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                 _("The project has nothing with the identifier %s any more."), guid);
  return id;
}

guint
pl_project_count_annotations (PlProject *self)
{
  guint n = 0;
  guint n_documents;

  g_return_val_if_fail (PL_IS_PROJECT (self), 0);

  n_documents = g_list_model_get_n_items (G_LIST_MODEL (self->documents));
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (G_LIST_MODEL (self->documents), i);

      n += pl_document_get_n_annotations (document);
    }
  return n;
}

/* Coding progress: read once per document, then kept up to date by each change. */

static PlStatementCoverage *
read_coverage (PlProject  *self,
               gint64      document_id,
               GError    **error)
{
  g_autoptr(PlStatementCoverage) coverage = pl_statement_coverage_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (self, "SELECT start_offset, end_offset, kind FROM statements"
                                   " WHERE document_id = ? ORDER BY idx", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pl_statement_coverage_add_statement (coverage, sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1),
                                         g_strcmp0 ((const char *)sqlite3_column_text (stmt, 2), "front_matter") == 0
                                           ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the statements");
      return NULL;
    }

  stmt = pl_project_prepare (self, "SELECT start_offset, end_offset FROM annotations WHERE document_id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pl_statement_coverage_count (coverage, sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1), +1);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the annotations");
      return NULL;
    }

  return g_steal_pointer (&coverage);
}

guint
pl_project_count_coded_statements (PlProject  *self,
                                   gint64      document_id,
                                   GError    **error)
{
  PlStatementCoverage *coverage;

  g_return_val_if_fail (PL_IS_PROJECT (self), 0);

  coverage = g_hash_table_lookup (self->coverage, &document_id);
  if (coverage == NULL)
    coverage = g_hash_table_lookup (self->coverage_new, &document_id);
  if (coverage == NULL)
    {
      g_autoptr(PlStatementCoverage) read = read_coverage (self, document_id, error);

      if (read == NULL)
        return 0;
      /* Inside a transaction the database holds what may still be rolled back: count,
       * but keep nothing.  While a commit is announced it holds changes not announced
       * yet: keep the count aside from their announcements until the commit is done. */
      if (self->in_transaction)
        return pl_statement_coverage_get_n_coded (read);
      coverage = g_steal_pointer (&read);
      g_hash_table_insert (self->announcing ? self->coverage_new : self->coverage,
                           g_memdup2 (&document_id, sizeof document_id), coverage);
    }
  return pl_statement_coverage_get_n_coded (coverage);
}

void
pl_project_coverage_count (PlProject          *self,
                           const PlAnnotation *annotation,
                           int                 delta)
{
  PlStatementCoverage *coverage = g_hash_table_lookup (self->coverage, &annotation->document_id);

  if (coverage != NULL)
    pl_statement_coverage_count (coverage, annotation->start, annotation->end, delta);
}

void
pl_project_coverage_forget (PlProject *self,
                            gint64     document_id)
{
  if (document_id == 0)
    {
      g_hash_table_remove_all (self->coverage);
      g_hash_table_remove_all (self->coverage_new);
    }
  else
    {
      g_hash_table_remove (self->coverage, &document_id);
      g_hash_table_remove (self->coverage_new, &document_id);
    }
}

void
pl_project_coverage_settle (PlProject *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->coverage_new);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (self->coverage, key, value);
    }
}
