/* pl-export-tables.c — the coded dataset as tables for statistics: long CSV and wide matrix
 *
 * The column layouts, the statement rule and the spreadsheet-safe rule are documented in
 * pl-exporter.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-export-tables"

#include "config.h"

#include <string.h>

#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-text.h"

/* The sixteen columns of Plenary 0.1's CSV, first in the long CSV too. */
static const char compact_header[] =
  "annotation_guid,document_id,document_title,statement_index,speaker,code_id,code_guid,"
  "code_name,code_path,start,end,text,coder,memo,created,modified";

static const char long_header_rest[] =
  ",document_guid,process,session,meeting,date,agenda_item,source_type,language,format,"
  "source_uri,statement_kind,entity,entity_type,iso3,regional_group,on_behalf_of,coder_guid,"
  "stance,codebook_version";

static const char matrix_header_documents[] =
  "document_id,document_guid,document_title,process,session,meeting,date,agenda_item,"
  "source_type,language,format,statement_index";

static const char matrix_header_statements[] =
  ",start,end,speaker,entity,entity_type,iso3,regional_group,on_behalf_of";

typedef struct
{
  PlExportSink *sink;
  GString      *out;
  gboolean      compact;
  gboolean      safe;
  gboolean      statement_text;
  guint         n_levels;
  GHashTable   *levels;   /* PlCode* → NULL-terminated names from the top, borrowed */
} LongCsv;

static void
append_uint (GString *out,
             guint64  value)
{
  char digits[24];
  guint n = 0;

  do
    {
      digits[n++] = (char) ('0' + value % 10);
      value /= 10;
    }
  while (value > 0);

  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

static void
append_int (GString *out,
            gint64   value)
{
  if (value < 0)
    {
      g_string_append_c (out, '-');
      append_uint (out, (guint64) 0 - (guint64) value);
    }
  else
    append_uint (out, (guint64) value);
}

static void
append_text (GString    *out,
             const char *value,
             gboolean    safe)
{
  g_string_append_c (out, ',');
  pl_export_csv_append_field (out, value, safe);
}

/* Code → the names of its ancestors and itself, from the top; sets @n_levels to the
 * number of levels of the deepest code. */
static GHashTable *
index_levels (PlProject *project,
              guint     *n_levels)
{
  GListModel *codes = pl_project_get_codes (project);
  GHashTable *levels = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  guint n = g_list_model_get_n_items (codes);

  *n_levels = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      guint depth = pl_code_get_depth (code);
      const char **names = g_new0 (const char *, depth + 2);
      PlCode *ancestor = code;

      for (guint level = depth + 1; level > 0 && ancestor != NULL; level--)
        {
          names[level - 1] = pl_code_get_name (ancestor);
          ancestor = pl_code_get_parent_id (ancestor) != 0
            ? pl_project_find_code (project, pl_code_get_parent_id (ancestor))
            : NULL;
        }

      *n_levels = MAX (*n_levels, depth + 1);
      g_hash_table_insert (levels, code, names);
    }

  return levels;
}

static gboolean
long_csv_write_row (const PlExportRow  *row,
                    gpointer            user_data,
                    GError            **error)
{
  LongCsv *csv = user_data;
  GString *out = csv->out;
  PlDocument *document = row->document;
  const PlStatement *statement = row->statement;
  gboolean safe = csv->safe;

  pl_export_csv_append_field (out, row->guid, safe);
  g_string_append_c (out, ',');
  append_int (out, pl_document_get_id (document));
  append_text (out, pl_document_get_title (document), safe);
  g_string_append_c (out, ',');
  if (statement != NULL)
    append_uint (out, statement->index);
  append_text (out, statement != NULL ? statement->speaker : NULL, safe);
  append_text (out, row->code != NULL ? pl_code_get_short_id (row->code) : NULL, safe);
  append_text (out, row->code != NULL ? pl_code_get_guid (row->code) : NULL, safe);
  append_text (out, row->code != NULL ? pl_code_get_name (row->code) : NULL, safe);
  append_text (out, row->code != NULL ? pl_code_get_path (row->code) : NULL, safe);
  g_string_append_c (out, ',');
  append_uint (out, row->start);
  g_string_append_c (out, ',');
  append_uint (out, row->end);
  append_text (out, row->text, safe);
  append_text (out, row->coder_name, safe);
  append_text (out, row->memo, safe);
  append_text (out, row->created, safe);
  append_text (out, row->modified, safe);

  if (!csv->compact)
    {
      const char * const *levels = row->code != NULL
        ? g_hash_table_lookup (csv->levels, row->code)
        : NULL;
      gboolean past_code = levels == NULL;

      append_text (out, pl_document_get_guid (document), safe);
      for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
        append_text (out, pl_document_get_metadata (document, pl_document_metadata_keys[k]), safe);
      append_text (out, pl_document_get_source_uri (document), safe);
      append_text (out, statement != NULL ? pl_statement_kind_to_string (statement->kind) : NULL,
                   safe);
      append_text (out, statement != NULL ? statement->entity : NULL, safe);
      append_text (out, statement != NULL ? statement->entity_type : NULL, safe);
      append_text (out, statement != NULL ? statement->iso3 : NULL, safe);
      append_text (out, statement != NULL ? statement->regional_group : NULL, safe);
      append_text (out, statement != NULL ? statement->on_behalf_of : NULL, safe);
      append_text (out, row->coder_guid, safe);
      append_text (out, row->stance, safe);
      g_string_append_c (out, ',');
      append_int (out, row->codebook_version);

      for (guint level = 0; level < csv->n_levels; level++)
        {
          if (!past_code && levels[level] == NULL)
            past_code = TRUE;
          append_text (out, past_code ? NULL : levels[level], safe);
        }

      if (csv->statement_text)
        append_text (out, row->statement_text, safe);
    }

  g_string_append (out, "\r\n");

  return pl_export_sink_flush (csv->sink, FALSE, error);
}

gboolean
pl_export_write_long_csv (PlProject              *project,
                          PlExportSink           *sink,
                          const PlExportOptions  *options,
                          gboolean                compact,
                          PlExportProgress       *progress,
                          GError                **error)
{
  g_autoptr(GHashTable) levels = NULL;
  LongCsv csv = { 0 };
  gint64 total;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  total = pl_export_count_annotations (project, &options->filter, error);
  if (total < 0)
    return FALSE;
  pl_export_progress_set_total (progress, (guint64) total);

  csv.sink = sink;
  csv.out = pl_export_sink_get_buffer (sink);
  csv.compact = compact;
  csv.safe = options->spreadsheet_safe;
  csv.statement_text = options->statement_text && !compact;
  if (!compact)
    {
      levels = index_levels (project, &csv.n_levels);
      csv.levels = levels;
    }

  g_string_append (csv.out, compact_header);
  if (!compact)
    {
      g_string_append (csv.out, long_header_rest);
      for (guint level = 1; level <= csv.n_levels; level++)
        g_string_append_printf (csv.out, ",code_level_%u", level);
      if (csv.statement_text)
        g_string_append (csv.out, ",statement_text");
    }
  g_string_append (csv.out, "\r\n");

  return pl_export_foreach_annotation (project, &options->filter, csv.statement_text, progress,
                                       long_csv_write_row, &csv, error);
}

/* Matrix */

typedef struct
{
  gint64      id;
  const char *key;     /* column header */
} MatrixColumn;

/* The codable codes the filter keeps, in codebook order. */
static GArray *
matrix_columns (PlProject            *project,
                const PlExportFilter *filter)
{
  GListModel *codes = pl_project_get_codes (project);
  guint n = g_list_model_get_n_items (codes);
  g_autoptr(GHashTable) chosen = NULL;
  GArray *columns = g_array_new (FALSE, FALSE, sizeof (MatrixColumn));

  if (filter->code_ids != NULL)
    {
      chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < filter->code_ids->len; i++)
        g_hash_table_add (chosen, g_memdup2 (&g_array_index (filter->code_ids, gint64, i),
                                             sizeof (gint64)));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);
      MatrixColumn column;
      const char *short_id;

      if (chosen != NULL && !g_hash_table_contains (chosen, &id))
        {
          gboolean below = FALSE;

          /* Codes come in codebook order, parents before children: a chosen parent is
           * in the set by the time its children are looked at. */
          if (filter->with_descendants && pl_code_get_parent_id (code) != 0)
            {
              gint64 parent = pl_code_get_parent_id (code);

              below = g_hash_table_contains (chosen, &parent);
            }
          if (!below)
            continue;
          g_hash_table_add (chosen, g_memdup2 (&id, sizeof id));
        }

      if (!pl_code_get_codable (code))
        continue;

      short_id = pl_code_get_short_id (code);
      column.id = id;
      column.key = short_id != NULL && *short_id != '\0' ? short_id : pl_code_get_guid (code);
      g_array_append_val (columns, column);
    }

  return columns;
}

static gint
compare_statement_starts (gconstpointer a,
                          gconstpointer b)
{
  const PlStatement *sa = *(const PlStatement * const *) a;
  const PlStatement *sb = *(const PlStatement * const *) b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  return sa->index < sb->index ? -1 : (sa->index > sb->index ? 1 : 0);
}

/* Counts, for each statement of @statements (sorted by start) and each column, the
 * annotations of the column's code that overlap the statement. */
static gboolean
matrix_count_document (PlProject            *project,
                       const PlExportFilter *filter,
                       const char           *sql,
                       gint64                document_id,
                       GPtrArray            *statements,
                       GHashTable           *column_of,
                       guint                 n_columns,
                       guint                *counts,
                       GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (project, sql, error);
  if (stmt == NULL)
    return FALSE;
  pl_export_filter_bind (filter, stmt);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":document"), document_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 code_id = sqlite3_column_int64 (stmt, 0);
      gint64 start = sqlite3_column_int64 (stmt, 1);
      gint64 end = sqlite3_column_int64 (stmt, 2);
      gpointer column = g_hash_table_lookup (column_of, &code_id);
      guint low = 0;
      guint high = statements->len;

      if (column == NULL)
        continue;

      /* The first statement that ends after the annotation's start. */
      while (low < high)
        {
          guint mid = low + (high - low) / 2;
          const PlStatement *statement = g_ptr_array_index (statements, mid);

          if ((gint64) statement->end <= start)
            low = mid + 1;
          else
            high = mid;
        }

      for (guint i = low; i < statements->len; i++)
        {
          const PlStatement *statement = g_ptr_array_index (statements, i);

          if ((gint64) statement->start >= end)
            break;
          if ((gint64) statement->end > start)
            counts[i * n_columns + GPOINTER_TO_UINT (column) - 1]++;
        }
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the annotations");
      return FALSE;
    }

  return TRUE;
}

static gint64
matrix_count_rows (PlProject              *project,
                   const PlExportOptions  *options,
                   GError                **error)
{
  g_autofree char *where = pl_export_filter_document_where (&options->filter);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  sql = g_strconcat ("SELECT count(*) FROM statements AS s JOIN documents AS d"
                     " ON d.id = s.document_id WHERE 1", where,
                     options->all_kinds ? "" : " AND s.kind = 'statement'", NULL);
  stmt = pl_project_prepare (project, sql, error);
  if (stmt == NULL)
    return -1;
  pl_export_filter_bind (&options->filter, stmt);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    pl_project_set_sql_error (project, error, "count the statements");
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return count;
}

gboolean
pl_export_write_matrix (PlProject              *project,
                        PlExportSink           *sink,
                        const PlExportOptions  *options,
                        PlExportProgress       *progress,
                        GError                **error)
{
  g_autoptr(GArray) columns = NULL;
  g_autoptr(GHashTable) column_of = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  GString *out = pl_export_sink_get_buffer (sink);
  gboolean safe = options->spreadsheet_safe;
  gint64 total;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  total = matrix_count_rows (project, options, error);
  if (total < 0)
    return FALSE;
  pl_export_progress_set_total (progress, (guint64) total);

  columns = matrix_columns (project, &options->filter);
  column_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < columns->len; i++)
    g_hash_table_insert (column_of,
                         g_memdup2 (&g_array_index (columns, MatrixColumn, i).id, sizeof (gint64)),
                         GUINT_TO_POINTER (i + 1));

  where = pl_export_filter_where (&options->filter);
  sql = g_strconcat ("SELECT a.code_id, a.start_offset, a.end_offset FROM annotations AS a"
                     " WHERE a.document_id = :document", where, NULL);

  g_string_append (out, matrix_header_documents);
  if (options->all_kinds)
    g_string_append (out, ",statement_kind");
  g_string_append (out, matrix_header_statements);
  if (options->statement_text)
    g_string_append (out, ",statement_text");
  for (guint i = 0; i < columns->len; i++)
    append_text (out, g_array_index (columns, MatrixColumn, i).key, safe);
  g_string_append (out, "\r\n");

  documents = pl_export_filter_list_documents (&options->filter, project);
  for (guint d = 0; d < documents->len; d++)
    {
      PlDocument *document = g_ptr_array_index (documents, d);
      gint64 document_id = pl_document_get_id (document);
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(GPtrArray) by_start = NULL;
      g_autofree guint *counts = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GHashTable) position = NULL;
      const char *cursor = NULL;
      guint cursor_offset = 0;

      statements = pl_project_list_statements (project, document_id, error);
      if (statements == NULL)
        return FALSE;
      if (options->statement_text)
        {
          text = pl_project_dup_document_text (project, document_id, error);
          if (text == NULL)
            return FALSE;
          cursor = text;
        }

      /* A view of the same statements: @statements owns them. */
      by_start = g_ptr_array_copy (statements, NULL, NULL);
      g_ptr_array_set_free_func (by_start, NULL);
      g_ptr_array_sort (by_start, compare_statement_starts);
      position = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < by_start->len; i++)
        g_hash_table_insert (position, by_start->pdata[i], GUINT_TO_POINTER (i));

      counts = g_new0 (guint, MAX (1, by_start->len * columns->len));
      if (columns->len > 0 &&
          !matrix_count_document (project, &options->filter, sql, document_id, by_start,
                                  column_of, columns->len, counts, error))
        return FALSE;

      for (guint i = 0; i < statements->len; i++)
        {
          const PlStatement *statement = g_ptr_array_index (statements, i);
          guint row = GPOINTER_TO_UINT (g_hash_table_lookup (position, statement));

          if (!options->all_kinds && statement->kind != PL_STATEMENT_KIND_STATEMENT)
            continue;

          append_int (out, document_id);
          append_text (out, pl_document_get_guid (document), safe);
          append_text (out, pl_document_get_title (document), safe);
          for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
            append_text (out, pl_document_get_metadata (document, pl_document_metadata_keys[k]),
                         safe);
          g_string_append_c (out, ',');
          append_uint (out, statement->index);
          if (options->all_kinds)
            append_text (out, pl_statement_kind_to_string (statement->kind), safe);
          g_string_append_c (out, ',');
          append_uint (out, statement->start);
          g_string_append_c (out, ',');
          append_uint (out, statement->end);
          append_text (out, statement->speaker, safe);
          append_text (out, statement->entity, safe);
          append_text (out, statement->entity_type, safe);
          append_text (out, statement->iso3, safe);
          append_text (out, statement->regional_group, safe);
          append_text (out, statement->on_behalf_of, safe);

          if (options->statement_text)
            {
              g_autofree char *slice = NULL;
              const char *slice_end;

              /* Statements come in index order, which is text order: the cursor only
               * moves forward, except where statements were reordered. */
              if (statement->start < cursor_offset)
                {
                  cursor = text;
                  cursor_offset = 0;
                }
              cursor = g_utf8_offset_to_pointer (cursor, statement->start - cursor_offset);
              cursor_offset = statement->start;
              slice_end = g_utf8_offset_to_pointer (cursor, statement->end - statement->start);
              slice = g_strndup (cursor, slice_end - cursor);
              append_text (out, slice, safe);
            }

          for (guint c = 0; c < columns->len; c++)
            {
              guint count = counts[row * columns->len + c];

              g_string_append_c (out, ',');
              append_uint (out, options->counts ? count : (count > 0 ? 1 : 0));
            }
          g_string_append (out, "\r\n");

          pl_export_progress_advance (progress, 1);
          if (!pl_export_sink_flush (sink, FALSE, error))
            return FALSE;
        }
    }

  return TRUE;
}
