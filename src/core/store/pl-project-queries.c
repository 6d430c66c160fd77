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

#include "pl-annotation-index.h"
#include "pl-error.h"
#include "pl-project-private.h"

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

guint
pl_project_count_coded_statements (PlProject  *self,
                                   gint64      document_id,
                                   GError    **error)
{
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) annotations = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (self), 0);

  statements = pl_project_list_statements (self, document_id, error);
  if (statements == NULL)
    return 0;
  annotations = pl_project_list_annotations (self, document_id, error);
  if (annotations == NULL)
    return 0;
  return pl_count_coded_statements (statements, annotations);
}
