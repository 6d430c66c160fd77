/* pl-project-coders.c — coders: who made an annotation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-project"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-project-private.h"

static PlCoder *
coder_from_row (sqlite3_stmt *stmt)
{
  PlCoder *coder = pl_coder_new ();

  coder->id = sqlite3_column_int64 (stmt, 0);
  coder->guid = pl_sql_dup_text (stmt, 1);
  coder->name = pl_sql_dup_text (stmt, 2);
  coder->initials = pl_sql_dup_text (stmt, 3);
  coder->color = pl_sql_dup_text (stmt, 4);
  return coder;
}

static void
remember_coder (PlProject *self,
                PlCoder   *coder)
{
  gint64 *key = g_new (gint64, 1);

  *key = coder->id;
  g_hash_table_replace (self->coders_by_id, key, coder);
}

gboolean
pl_project_load_coders (PlProject  *self,
                        GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (self,
                             "SELECT id, guid, name, initials, color FROM coders ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    remember_coder (self, coder_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the coders");
      return FALSE;
    }
  return TRUE;
}

PlCoder *
pl_project_find_coder (PlProject *self,
                       gint64     coder_id)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return g_hash_table_lookup (self->coders_by_id, &coder_id);
}

static gint
compare_coders (gconstpointer a,
                gconstpointer b)
{
  const PlCoder *x = *(PlCoder * const *)a;
  const PlCoder *y = *(PlCoder * const *)b;

  return x->id < y->id ? -1 : x->id > y->id;
}

GPtrArray *
pl_project_list_coders (PlProject *self)
{
  GPtrArray *coders;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);

  coders = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_coder_unref);
  g_hash_table_iter_init (&iter, self->coders_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (coders, pl_coder_ref (value));
  g_ptr_array_sort (coders, compare_coders);
  return coders;
}

PlCoder *
pl_project_ensure_coder (PlProject   *self,
                         const char  *name,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *guid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *initials = NULL;
  GHashTableIter iter;
  gpointer value;
  sqlite3_stmt *stmt;
  PlCoder *coder;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  if (trimmed[0] == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, _("A coder needs a name."));
      return NULL;
    }

  g_hash_table_iter_init (&iter, self->coders_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((PlCoder *)value)->name, trimmed) == 0)
      return value;

  guid = g_uuid_string_random ();
  now = pl_now_iso8601 ();
  initials = pl_coder_initials_for_name (trimmed);

  if (!pl_project_begin (self, error))
    return NULL;

  stmt = pl_project_prepare (self,
                             "INSERT INTO coders (guid, name, initials, created) VALUES (?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 3, initials);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!pl_project_step_done (self, stmt, "add the coder", error))
    goto failed;

  coder = pl_coder_new ();
  coder->id = sqlite3_last_insert_rowid (self->db);
  coder->guid = g_steal_pointer (&guid);
  coder->name = g_steal_pointer (&trimmed);
  coder->initials = g_steal_pointer (&initials);

  if (!pl_project_commit (self, error))
    {
      pl_coder_unref (coder);
      return NULL;
    }

  remember_coder (self, coder);
  return coder;

failed:
  pl_project_rollback (self);
  return NULL;
}

gboolean
pl_project_update_coder (PlProject   *self,
                         gint64       coder_id,
                         const char  *initials,
                         const char  *color,
                         GError     **error)
{
  PlCoder *coder;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PL_IS_PROJECT (self), FALSE);

  coder = pl_project_find_coder (self, coder_id);
  if (coder == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no coder %lld in this project."), (long long)coder_id);
      return FALSE;
    }
  if (color != NULL && color[0] != '\0' && !pl_color_is_hex (color))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a colour of the form #RRGGBB."), color);
      return FALSE;
    }

  if (!pl_project_begin (self, error))
    return FALSE;
  stmt = pl_project_prepare (self, "UPDATE coders SET initials = ?, color = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto failed;
  pl_sql_bind_text_or_null (stmt, 1, initials);
  pl_sql_bind_text_or_null (stmt, 2, color);
  sqlite3_bind_int64 (stmt, 3, coder_id);
  if (!pl_project_step_done (self, stmt, "save the coder", error))
    goto failed;
  if (!pl_project_commit (self, error))
    return FALSE;

  {
    /* The new values may be the old strings themselves: copy before freeing. */
    char *new_initials = initials != NULL && initials[0] != '\0' ? g_strdup (initials) : NULL;
    char *new_color = color != NULL && color[0] != '\0' ? g_strdup (color) : NULL;

    g_free (coder->initials);
    coder->initials = new_initials;
    g_free (coder->color);
    coder->color = new_color;
  }
  return TRUE;

failed:
  pl_project_rollback (self);
  return FALSE;
}
