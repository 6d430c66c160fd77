/* pl-project-queries.c — counts and lookups that span subjects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-project"

#include "config.h"

#include "pl-annotation-index.h"
#include "pl-project-private.h"

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
