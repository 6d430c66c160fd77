/* pl-analysis-columns.c — what the analyses share: columns of codes, sets of ids, names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-analysis"

#include "config.h"

#include "pl-analysis-private.h"
#include "pl-retrieve.h"

static void
add_column (PlCodeColumns *columns,
            PlCode        *code,
            GArray        *family)
{
  const char *short_id = pl_code_get_short_id (code);
  guint column = columns->codes->len;

  g_ptr_array_add (columns->codes, g_object_ref (code));
  g_ptr_array_add (columns->keys, g_strdup (short_id != NULL && *short_id != '\0'
                                            ? short_id : pl_code_get_guid (code)));

  for (guint i = 0; i < family->len; i++)
    {
      gint64 id = g_array_index (family, gint64, i);
      GArray *counted_in = g_hash_table_lookup (columns->columns_of, &id);

      if (counted_in == NULL)
        {
          counted_in = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (columns->columns_of, g_memdup2 (&id, sizeof id), counted_in);
        }
      g_array_append_val (counted_in, column);
    }
}

void
pl_code_columns_init (PlCodeColumns *columns,
                      PlProject     *project,
                      GArray        *code_ids,
                      gboolean       with_descendants)
{
  GListModel *codes = pl_project_get_codes (project);

  columns->codes = g_ptr_array_new_with_free_func (g_object_unref);
  columns->keys = g_ptr_array_new_with_free_func (g_free);
  columns->columns_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               (GDestroyNotify) g_array_unref);

  if (code_ids == NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
        {
          g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
          g_autoptr(GArray) itself = g_array_new (FALSE, FALSE, sizeof (gint64));
          gint64 id = pl_code_get_id (code);

          if (!pl_code_get_codable (code))
            continue;
          g_array_append_val (itself, id);
          add_column (columns, code, itself);
        }
      return;
    }

  for (guint i = 0; i < code_ids->len; i++)
    {
      PlCode *code = pl_project_find_code (project, g_array_index (code_ids, gint64, i));
      g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GArray) family = NULL;

      if (code == NULL)
        continue;
      g_array_append_val (one, g_array_index (code_ids, gint64, i));
      family = pl_retrieve_expand_codes (project, one, with_descendants);
      add_column (columns, code, family);
    }
}

void
pl_code_columns_clear (PlCodeColumns *columns)
{
  g_clear_pointer (&columns->codes, g_ptr_array_unref);
  g_clear_pointer (&columns->keys, g_ptr_array_unref);
  g_clear_pointer (&columns->columns_of, g_hash_table_unref);
}

GArray *
pl_code_columns_lookup (const PlCodeColumns *columns,
                        gint64               code_id)
{
  return g_hash_table_lookup (columns->columns_of, &code_id);
}

GArray *
pl_code_columns_dup_code_ids (const PlCodeColumns *columns)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, columns->columns_of);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  return ids;
}

void
pl_code_columns_set_series (const PlCodeColumns *columns,
                            PlChartData         *data)
{
  for (guint c = 0; c < columns->codes->len; c++)
    {
      PlCode *code = g_ptr_array_index (columns->codes, c);
      const char *short_id = pl_code_get_short_id (code);

      pl_chart_data_set_series (data, c,
                                &(PlChartSeriesSpec) {
                                  .name = pl_code_get_name (code),
                                  .short_id = short_id != NULL && *short_id != '\0' ? short_id : NULL,
                                  .color = pl_code_get_color (code),
                                  .color_dark = pl_code_get_color_dark (code),
                                  .id = pl_code_get_id (code),
                                });
    }
}

GHashTable *
pl_id_set_new (GArray *ids)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_hash_table_add (set, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));

  return set;
}

gboolean
pl_analysis_find_name (const char * const *names,
                       guint               n_names,
                       const char         *name,
                       guint              *out_index)
{
  for (guint i = 0; name != NULL && i < n_names; i++)
    if (names[i] != NULL && g_str_equal (name, names[i]))
      {
        *out_index = i;
        return TRUE;
      }

  return FALSE;
}
