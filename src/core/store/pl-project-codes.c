/* pl-project-codes.c — codes: the in-memory codebook and adding codes
 *
 * The codes list model mirrors the codes table in depth-first order; it is rebuilt after
 * every change, updating the PlCode objects views hold in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-project"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-error.h"
#include "pl-project-private.h"

/* The palette for codes created without a colour (Okabe–Ito, colour-blind safe). */
static const char *palette[] = {
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#999999",
};

GListModel *
pl_project_get_codes (PlProject *self)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return G_LIST_MODEL (self->codes);
}

PlCode *
pl_project_find_code (PlProject *self,
                      gint64     code_id)
{
  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  return g_hash_table_lookup (self->codes_by_id, &code_id);
}

PlCode *
pl_project_find_code_by_guid (PlProject  *self,
                              const char *guid)
{
  GListModel *codes;
  guint n;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (guid != NULL, NULL);

  codes = G_LIST_MODEL (self->codes);
  n = g_list_model_get_n_items (codes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (g_ascii_strcasecmp (pl_code_get_guid (code), guid) == 0)
        return code;
    }
  return NULL;
}

PlCode *
pl_project_lookup_code (PlProject  *self,
                        const char *key)
{
  GListModel *codes;
  PlCode *by_guid;
  guint n;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  codes = G_LIST_MODEL (self->codes);
  n = g_list_model_get_n_items (codes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (g_strcmp0 (pl_code_get_short_id (code), key) == 0)
        return code;
    }

  by_guid = pl_project_find_code_by_guid (self, key);
  if (by_guid != NULL)
    return by_guid;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (g_strcmp0 (pl_code_get_name (code), key) == 0)
        return code;
    }

  return NULL;
}

PlCode *
pl_project_find_code_by_shortcut (PlProject  *self,
                                  const char *shortcut)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (shortcut != NULL, NULL);

  g_hash_table_iter_init (&iter, self->codes_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (pl_code_get_shortcut (value), shortcut) == 0)
      return value;

  return NULL;
}

gboolean
pl_color_is_hex (const char *color)
{
  if (color == NULL || color[0] != '#' || strlen (color) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

gint64
pl_project_insert_code (PlProject         *self,
                        const PlCodeSpec  *spec,
                        GError           **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *guid = NULL;
  g_autofree char *now = NULL;
  g_autofree char *color = NULL;
  gint64 position = 0;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (self), 0);
  g_return_val_if_fail (spec != NULL, 0);
  g_return_val_if_fail (self->in_transaction, 0);

  if (spec->name == NULL || spec->name[0] == '\0')
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID, _("A code needs a name."));
      return 0;
    }

  if (spec->color_dark != NULL && !pl_color_is_hex (spec->color_dark))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a colour of the form #RRGGBB (code “%s”)."),
                   spec->color_dark, spec->name);
      return 0;
    }

  if (spec->color != NULL && !pl_color_is_hex (spec->color))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” is not a colour of the form #RRGGBB (code “%s”)."),
                   spec->color, spec->name);
      return 0;
    }

  stmt = pl_project_prepare (self, "SELECT coalesce(max(position), -1) + 1, count(*) FROM codes",
                             error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      position = sqlite3_column_int64 (stmt, 0);
      if (spec->color == NULL)
        color = g_ascii_strup (palette[sqlite3_column_int64 (stmt, 1) % G_N_ELEMENTS (palette)], -1);
    }
  sqlite3_reset (stmt);
  if (spec->color != NULL)
    color = g_ascii_strup (spec->color, -1);

  guid = spec->guid != NULL ? g_ascii_strdown (spec->guid, -1) : g_uuid_string_random ();
  now = pl_now_iso8601 ();

  stmt = pl_project_prepare (self,
                             "INSERT INTO codes (guid, parent_id, position, short_id, name, color,"
                             " shortcut, codable, definition, inclusion, exclusion, example,"
                             " created, color_dark) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, guid, -1, SQLITE_TRANSIENT);
  if (spec->parent_id != 0)
    sqlite3_bind_int64 (stmt, 2, spec->parent_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, position);
  pl_sql_bind_text_or_null (stmt, 4, spec->short_id);
  sqlite3_bind_text (stmt, 5, spec->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, color, -1, SQLITE_TRANSIENT);
  pl_sql_bind_text_or_null (stmt, 7, spec->shortcut);
  sqlite3_bind_int (stmt, 8, spec->codable ? 1 : 0);
  pl_sql_bind_text_or_null (stmt, 9, spec->definition);
  pl_sql_bind_text_or_null (stmt, 10, spec->inclusion);
  pl_sql_bind_text_or_null (stmt, 11, spec->exclusion);
  pl_sql_bind_text_or_null (stmt, 12, spec->example);
  sqlite3_bind_text (stmt, 13, now, -1, SQLITE_TRANSIENT);
  if (spec->color_dark != NULL)
    sqlite3_bind_text (stmt, 14, spec->color_dark, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 14);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      int code = sqlite3_extended_errcode (self->db);

      if (code == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                     _("Another code already has the id, GUID or shortcut of “%s”."), spec->name);
      else if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                     _("The parent of code “%s” does not exist."), spec->name);
      else
        pl_project_set_sql_error (self, error, "add the code");
      return 0;
    }

  return sqlite3_last_insert_rowid (self->db);
}

void
pl_project_reload_codes (PlProject *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PL_IS_PROJECT (self));

  if (!pl_project_load_codes (self, &error))
    g_debug ("Reloading the codebook failed: %s", error->message);
  pl_project_emit (self, PL_PROJECT_SIGNAL_CODES_CHANGED, NULL);
}

PlCode *
pl_project_add_code (PlProject         *self,
                     const PlCodeSpec  *spec,
                     GError           **error)
{
  gint64 id;

  g_return_val_if_fail (PL_IS_PROJECT (self), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (!pl_project_begin (self, error))
    return NULL;

  id = pl_project_insert_code (self, spec, error);
  if (id == 0)
    {
      pl_project_rollback (self);
      return NULL;
    }

  if (!pl_project_commit (self, error))
    return NULL;

  pl_project_reload_codes (self);
  return pl_project_find_code (self, id);
}

void
pl_project_recount_codes (PlProject *self)
{
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->codes_by_id);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    pl_code_set_n_annotations (value, 0);

  stmt = pl_project_prepare (self, "SELECT code_id, count(*) FROM annotations GROUP BY code_id",
                             NULL);
  if (stmt == NULL)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PlCode *code = pl_project_find_code (self, sqlite3_column_int64 (stmt, 0));

      if (code != NULL)
        pl_code_set_n_annotations (code, sqlite3_column_int (stmt, 1));
    }
  sqlite3_reset (stmt);
}

typedef struct
{
  gint64      id;
  gint64      parent_id;
  PlCodeSpec  spec;
  char       *strings[10];
  guint       n_annotations;
  GPtrArray  *children;
} CodeRow;

static void
code_row_free (CodeRow *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (row->strings); i++)
    g_free (row->strings[i]);
  g_clear_pointer (&row->children, g_ptr_array_unref);
  g_free (row);
}

static void
append_code_tree (PlProject  *self,
                  GPtrArray  *rows,
                  GPtrArray  *out,
                  guint       depth,
                  const char *parent_path)
{
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (rows, i);
      g_autofree char *path = parent_path != NULL
        ? g_strconcat (parent_path, " / ", row->spec.name, NULL)
        : g_strdup (row->spec.name);

      PlCode *code = g_hash_table_lookup (self->codes_by_id, &row->id);

      /* Views hold on to codes: an existing code is updated in place, never replaced. */
      if (code != NULL)
        {
          pl_code_update (code, &row->spec, depth, path);
          pl_code_set_n_annotations (code, row->n_annotations);
          g_ptr_array_add (out, g_object_ref (code));
        }
      else
        g_ptr_array_add (out, pl_code_new (row->id, &row->spec, depth, path, row->n_annotations));
      if (row->children != NULL)
        append_code_tree (self, row->children, out, depth + 1, path);
    }
}

gboolean
pl_project_load_codes (PlProject  *self,
                       GError    **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GHashTable) rows_by_id = NULL;
  g_autoptr(GPtrArray) all_rows = g_ptr_array_new_with_free_func ((GDestroyNotify)code_row_free);
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = pl_project_prepare (self,
                             "SELECT c.id, c.parent_id, c.guid, c.short_id, c.name, c.color,"
                             " c.shortcut, c.definition, c.inclusion, c.exclusion, c.example,"
                             " c.codable,"
                             " (SELECT count(*) FROM annotations a WHERE a.code_id = c.id),"
                             " c.color_dark"
                             " FROM codes c ORDER BY c.position, c.id",
                             error);
  if (stmt == NULL)
    return FALSE;

  rows_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CodeRow *row = g_new0 (CodeRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->parent_id = sqlite3_column_int64 (stmt, 1);
      for (guint i = 0; i < 9; i++)
        row->strings[i] = pl_sql_dup_text (stmt, 2 + i);
      row->spec.parent_id = row->parent_id;
      row->spec.guid = row->strings[0];
      row->spec.short_id = row->strings[1];
      row->spec.name = row->strings[2];
      row->spec.color = row->strings[3];
      row->spec.shortcut = row->strings[4];
      row->spec.definition = row->strings[5];
      row->spec.inclusion = row->strings[6];
      row->spec.exclusion = row->strings[7];
      row->spec.example = row->strings[8];
      row->spec.codable = sqlite3_column_int (stmt, 11) != 0;
      row->n_annotations = sqlite3_column_int (stmt, 12);
      row->strings[9] = pl_sql_dup_text (stmt, 13);
      row->spec.color_dark = row->strings[9];
      g_ptr_array_add (all_rows, row);
      g_hash_table_insert (rows_by_id, &row->id, row);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (self, error, "read the codebook");
      return FALSE;
    }

  for (guint i = 0; i < all_rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (all_rows, i);
      CodeRow *parent = row->parent_id != 0
        ? g_hash_table_lookup (rows_by_id, &row->parent_id)
        : NULL;

      if (parent == NULL)
        g_ptr_array_add (roots, row);
      else
        {
          if (parent->children == NULL)
            parent->children = g_ptr_array_new ();
          g_ptr_array_add (parent->children, row);
        }
    }

  append_code_tree (self, roots, items, 0, NULL);

  g_hash_table_remove_all (self->codes_by_id);
  for (guint i = 0; i < items->len; i++)
    {
      PlCode *code = g_ptr_array_index (items, i);
      gint64 *key = g_new (gint64, 1);

      *key = pl_code_get_id (code);
      g_hash_table_insert (self->codes_by_id, key, code);
    }
  g_list_store_splice (self->codes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->codes)),
                       items->pdata, items->len);
  return TRUE;
}
