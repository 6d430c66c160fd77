/* pl-export-matrix.c — the wide matrix: one row per statement, one column per code
 *
 * The column layout and the overlap rule are documented in pl-exporter.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-export-matrix"

#include "config.h"

#include "pl-export-private.h"

static const char matrix_header_documents[] =
  "document_id,document_guid,document_title,process,session,meeting,date,agenda_item,"
  "source_type,language,format,statement_index";

static const char matrix_header_statements[] =
  ",start,end,speaker,entity,entity_type,iso3,regional_group,on_behalf_of";

typedef struct
{
  PlCode     *code;    /* owned by the reader's codebook */
  const char *key;     /* column header */
} MatrixColumn;

typedef struct
{
  PlProjectReader       *reader;
  const PlExportOptions *options;
  GArray                *columns;    /* MatrixColumn */
  GHashTable            *column_of;  /* PlCode* → column + 1 */
} Matrix;

/* One document's statements and their counts. */
typedef struct
{
  gint64     id;
  GPtrArray *by_start;   /* PlStatement, by start (borrowed) */
  guint     *counts;     /* statement (by start) × column */
} MatrixDocument;

/* The codable codes the filter keeps, in codebook order. */
static GArray *
matrix_columns (PlProjectReader      *reader,
                const PlExportFilter *filter)
{
  GListModel *codes = pl_project_reader_get_codes (reader);
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
      column.code = code;
      column.key = short_id != NULL && *short_id != '\0' ? short_id : pl_code_get_guid (code);
      g_array_append_val (columns, column);
    }

  return columns;
}

/* Counts, for each statement of @doc and each column, the annotations of the column's code
 * that overlap the statement. */
static gboolean
matrix_count_document (Matrix          *matrix,
                       MatrixDocument  *doc,
                       GError         **error)
{
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  const PlAnnotationRow *row;
  GPtrArray *statements = doc->by_start;
  guint n_columns = matrix->columns->len;

  cursor = pl_project_reader_read_annotations (matrix->reader, &matrix->options->filter,
                                               doc->id, PL_READ_SPANS, error);
  if (cursor == NULL)
    return FALSE;

  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    {
      gpointer column = row->code != NULL ? g_hash_table_lookup (matrix->column_of, row->code)
                                          : NULL;
      guint low = 0;
      guint high = statements->len;

      if (column == NULL)
        continue;

      /* The first statement that ends after the annotation's start. */
      while (low < high)
        {
          guint mid = low + (high - low) / 2;
          const PlStatement *statement = g_ptr_array_index (statements, mid);

          if (statement->end <= row->start)
            low = mid + 1;
          else
            high = mid;
        }

      for (guint i = low; i < statements->len; i++)
        {
          const PlStatement *statement = g_ptr_array_index (statements, i);

          if (statement->start >= row->end)
            break;
          if (statement->end > row->start)
            doc->counts[i * n_columns + GPOINTER_TO_UINT (column) - 1]++;
        }
    }

  if (!pl_annotation_cursor_finish (cursor, error))
    return FALSE;

  return TRUE;
}

static void
matrix_write_header (Matrix  *matrix,
                     GString *out)
{
  const PlExportOptions *options = matrix->options;

  g_string_append (out, matrix_header_documents);
  if (options->all_kinds)
    g_string_append (out, ",statement_kind");
  g_string_append (out, matrix_header_statements);
  if (options->statement_text)
    g_string_append (out, ",statement_text");
  for (guint i = 0; i < matrix->columns->len; i++)
    pl_export_csv_append_text (out, g_array_index (matrix->columns, MatrixColumn, i).key,
                               options->spreadsheet_safe);
  g_string_append (out, "\r\n");
}

static void
matrix_write_row (Matrix            *matrix,
                  GString           *out,
                  PlDocument        *document,
                  const PlStatement *statement)
{
  const PlExportOptions *options = matrix->options;
  gboolean safe = options->spreadsheet_safe;

  pl_export_csv_append_int (out, pl_document_get_id (document));
  pl_export_csv_append_text (out, pl_document_get_guid (document), safe);
  pl_export_csv_append_text (out, pl_document_get_title (document), safe);
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    pl_export_csv_append_text (out, pl_document_get_metadata (document,
                                                               pl_document_metadata_keys[k]),
                               safe);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, statement->index);
  if (options->all_kinds)
    pl_export_csv_append_text (out, pl_statement_kind_to_string (statement->kind), safe);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, statement->start);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, statement->end);
  pl_export_csv_append_text (out, statement->speaker, safe);
  pl_export_csv_append_text (out, statement->entity, safe);
  pl_export_csv_append_text (out, statement->entity_type, safe);
  pl_export_csv_append_text (out, statement->iso3, safe);
  pl_export_csv_append_text (out, statement->regional_group, safe);
  pl_export_csv_append_text (out, statement->on_behalf_of, safe);
}

/* The statements' texts, for statements in index order, which is text order: the cursor
 * only moves forward, except where statements were reordered. */
typedef struct
{
  const char *text;
  const char *cursor;
  guint       cursor_offset;
} TextWalk;

static char *
text_walk_slice (TextWalk          *walk,
                 const PlStatement *statement)
{
  const char *slice_end;

  if (statement->start < walk->cursor_offset)
    {
      walk->cursor = walk->text;
      walk->cursor_offset = 0;
    }
  walk->cursor = g_utf8_offset_to_pointer (walk->cursor, statement->start - walk->cursor_offset);
  walk->cursor_offset = statement->start;
  slice_end = g_utf8_offset_to_pointer (walk->cursor, statement->end - statement->start);

  return g_strndup (walk->cursor, slice_end - walk->cursor);
}

static gboolean
matrix_write_document (Matrix        *matrix,
                       PlExportSink  *sink,
                       PlDocument    *document,
                       PlExportProgress *progress,
                       GError       **error)
{
  const PlExportOptions *options = matrix->options;
  GString *out = pl_export_sink_get_buffer (sink);
  MatrixDocument doc = { pl_document_get_id (document), NULL, NULL };
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) by_start = NULL;
  g_autofree guint *counts = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) position = NULL;
  TextWalk walk = { 0 };
  guint n_columns = matrix->columns->len;

  statements = pl_project_reader_list_statements (matrix->reader, doc.id, error);
  if (statements == NULL)
    return FALSE;
  if (options->statement_text)
    {
      text = pl_project_reader_dup_document_text (matrix->reader, doc.id, error);
      if (text == NULL)
        return FALSE;
      walk.text = walk.cursor = text;
    }

  /* A view of the same statements: @statements owns them. */
  by_start = g_ptr_array_copy (statements, NULL, NULL);
  g_ptr_array_set_free_func (by_start, NULL);
  g_ptr_array_sort (by_start, pl_project_compare_statement_starts);
  position = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < by_start->len; i++)
    g_hash_table_insert (position, by_start->pdata[i], GUINT_TO_POINTER (i));

  counts = g_new0 (guint, MAX (1, by_start->len * n_columns));
  doc.by_start = by_start;
  doc.counts = counts;
  if (n_columns > 0 && !matrix_count_document (matrix, &doc, error))
    return FALSE;

  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (position, statement));

      if (!options->all_kinds && statement->kind != PL_STATEMENT_KIND_STATEMENT)
        continue;

      matrix_write_row (matrix, out, document, statement);
      if (options->statement_text)
        {
          g_autofree char *slice = text_walk_slice (&walk, statement);

          pl_export_csv_append_text (out, slice, options->spreadsheet_safe);
        }

      for (guint c = 0; c < n_columns; c++)
        {
          guint count = counts[row * n_columns + c];

          g_string_append_c (out, ',');
          pl_export_csv_append_uint (out, options->counts ? count : (count > 0 ? 1 : 0));
        }
      g_string_append (out, "\r\n");

      pl_export_progress_advance (progress, 1);
      if (!pl_export_sink_flush (sink, FALSE, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
pl_export_write_matrix (PlProjectReader        *reader,
                        PlExportSink           *sink,
                        const PlExportOptions  *options,
                        PlExportProgress       *progress,
                        GError                **error)
{
  g_autoptr(GArray) columns = NULL;
  g_autoptr(GHashTable) column_of = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  Matrix matrix = { reader, options, NULL, NULL };
  gint64 total;

  total = pl_project_reader_count_statements (reader, &options->filter, options->all_kinds,
                                              error);
  if (total < 0)
    return FALSE;
  pl_export_progress_set_total (progress, (guint64) total);

  columns = matrix_columns (reader, &options->filter);
  column_of = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < columns->len; i++)
    g_hash_table_insert (column_of, g_array_index (columns, MatrixColumn, i).code,
                         GUINT_TO_POINTER (i + 1));
  matrix.columns = columns;
  matrix.column_of = column_of;

  matrix_write_header (&matrix, pl_export_sink_get_buffer (sink));

  documents = pl_project_reader_list_documents (reader, &options->filter);
  for (guint d = 0; d < documents->len; d++)
    if (!matrix_write_document (&matrix, sink, g_ptr_array_index (documents, d), progress,
                                error))
      return FALSE;

  return TRUE;
}
