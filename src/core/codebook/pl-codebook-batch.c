/* pl-codebook-batch.c — many code changes as one action, for importers
 *
 * Importing a codebook adds and changes codes one by one; a batch runs them all in one
 * transaction and records them as one undoable action, logged once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-private.h"
#include "pl-json.h"

struct _PlCodebookBatch
{
  PlCodebookAction action;
  guint            n_added;
  guint            n_changed;
  GHashTable      *next_position;  /* parent id (0: top level) → the next free position */
  GHashTable      *dark_colors;    /* colour → its derived dark variant (codes share colours) */
};

PlCodebookBatch *
pl_codebook_batch_begin (PlCodebook  *codebook,
                         GError     **error)
{
  PlCodebookBatch *batch;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), NULL);

  batch = g_new0 (PlCodebookBatch, 1);
  if (!pl_codebook_action_begin (&batch->action, codebook, error))
    {
      g_free (batch);
      return NULL;
    }
  batch->next_position = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  batch->dark_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return batch;
}

gboolean
pl_codebook_batch_add_code (PlCodebookBatch   *batch,
                            const PlCodeSpec  *spec,
                            const char        *parent_guid,
                            GError           **error)
{
  PlProject *project;
  g_autoptr(PlCodeRecord) parent = NULL;
  g_auto(PlCodebookNewCode) code = { 0 };
  gint64 parent_id, position;
  gint64 *next;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (spec != NULL && spec->guid != NULL, FALSE);

  project = pl_codebook_get_project (batch->action.codebook);
  if (parent_guid != NULL && (parent = pl_project_read_code_by_guid (project, parent_guid, error)) == NULL)
    return FALSE;

  code.name = pl_codebook_dup_trimmed (spec->name);
  if (!pl_codebook_check_name (code.name, error))
    return FALSE;
  code.color = spec->color != NULL ? pl_codebook_check_color (spec->color, code.name, error)
                                   : pl_codebook_default_color (project, parent != NULL ? parent->id : 0);
  if (code.color == NULL)
    return FALSE;
  if (spec->color_dark != NULL)
    code.color_dark = pl_codebook_check_color (spec->color_dark, code.name, error);
  else
    {
      const char *known = g_hash_table_lookup (batch->dark_colors, code.color);

      code.color_dark = known != NULL ? g_strdup (known) : pl_codebook_derive_dark_color (code.color);
      if (known == NULL && code.color_dark != NULL)
        g_hash_table_insert (batch->dark_colors, g_strdup (code.color), g_strdup (code.color_dark));
    }
  if (code.color_dark == NULL)
    return FALSE;

  /* The siblings are read once per parent, not once per code: a flat codebook of 100,000
   * codes would otherwise read them 100,000 times. */
  parent_id = parent != NULL ? parent->id : 0;
  next = g_hash_table_lookup (batch->next_position, &parent_id);
  if (next == NULL)
    {
      g_autoptr(GPtrArray) siblings = pl_project_read_code_children (project, parent_id, error);

      if (siblings == NULL)
        return FALSE;
      next = g_new0 (gint64, 1);
      for (guint i = 0; i < siblings->len; i++)
        *next = MAX (*next, ((PlCodeRecord *) g_ptr_array_index (siblings, i))->position + 1);
      g_hash_table_insert (batch->next_position, g_memdup2 (&parent_id, sizeof parent_id), next);
    }
  position = (*next)++;

  if (!pl_codebook_action_run (&batch->action,
                               pl_codebook_new_code_op (spec, &code, spec->guid, parent_guid, position),
                               pl_codebook_delete_op (spec->guid), error))
    return FALSE;
  batch->n_added++;
  return TRUE;
}

gboolean
pl_codebook_batch_update_code (PlCodebookBatch  *batch,
                               const char       *guid,
                               JsonObject       *changes,
                               GError          **error)
{
  PlProject *project;
  g_autoptr(PlCodeRecord) record = NULL;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  project = pl_codebook_get_project (batch->action.codebook);
  record = pl_project_read_code_by_guid (project, guid, error);
  if (record == NULL)
    {
      json_object_unref (changes);
      return FALSE;
    }

  /* A new parent: the code goes last among its new siblings. */
  if (json_object_has_member (changes, "parent") && !json_object_has_member (changes, "position"))
    {
      const char *parent_guid = pl_json_member_string (changes, "parent");
      g_autoptr(PlCodeRecord) parent = NULL;
      g_autoptr(GPtrArray) siblings = NULL;
      gint64 position = 0;

      if (parent_guid != NULL && (parent = pl_project_read_code_by_guid (project, parent_guid, error)) == NULL)
        {
          json_object_unref (changes);
          return FALSE;
        }
      if (parent != NULL && pl_project_code_is_within (project, parent->id, record->id))
        {
          json_object_unref (changes);
          return pl_codebook_refuse (error, _("“%s” cannot move into itself or one of its own sub-codes (“%s”)."),
                                     record->name, parent->name);
        }
      siblings = pl_project_read_code_children (project, parent != NULL ? parent->id : 0, error);
      if (siblings == NULL)
        {
          json_object_unref (changes);
          return FALSE;
        }
      for (guint i = 0; i < siblings->len; i++)
        position = MAX (position, ((PlCodeRecord *) g_ptr_array_index (siblings, i))->position + 1);
      json_object_set_int_member (changes, "position", position);
    }

  if (!pl_codebook_action_update (&batch->action, record, changes, error))
    return FALSE;
  batch->n_changed++;
  return TRUE;
}

gboolean
pl_codebook_batch_commit (PlCodebookBatch  *batch,
                          const char       *action,
                          const char       *summary,
                          JsonObject       *detail,
                          gboolean          bump,
                          GError          **error)
{
  PlCodebookLogSpec log = { action, NULL, summary, detail, bump };
  gboolean ok;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (action != NULL && summary != NULL, FALSE);

  ok = pl_codebook_action_log (&batch->action, &log, error)
       && pl_codebook_action_commit (&batch->action, summary, error);
  if (!ok && batch->action.history != NULL)
    pl_codebook_action_abort (&batch->action);
  g_hash_table_unref (batch->next_position);
  g_hash_table_unref (batch->dark_colors);
  g_free (batch);
  return ok;
}

void
pl_codebook_batch_abort (PlCodebookBatch *batch)
{
  if (batch == NULL)
    return;
  pl_codebook_action_abort (&batch->action);
  g_hash_table_unref (batch->next_position);
  g_hash_table_unref (batch->dark_colors);
  g_free (batch);
}

