/* pl-export-csv.c — the long CSV, one row per annotation, and the CSV field rules
 *
 * The column layout, the statement rule and the spreadsheet-safe rule are documented in
 * pl-exporter.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-export-csv"

#include "config.h"

#include <string.h>

#include "pl-csv.h"
#include "pl-export-private.h"
#include "pl-project-gold.h"

/* The sixteen columns of Plenary 0.1's CSV, first in the long CSV too. */
static const char compact_header[] =
  "annotation_guid,document_id,document_title,statement_index,speaker,code_id,code_guid,"
  "code_name,code_path,start,end,text,coder,memo,created,modified";

static const char long_header_rest[] =
  ",document_guid,process,session,meeting,date,agenda_item,source_type,language,format,"
  "source_uri,statement_kind,entity,entity_type,iso3,regional_group,on_behalf_of,coder_guid,"
  "stance,codebook_version";

typedef struct
{
  PlExportSink *sink;
  GString      *out;
  gboolean      compact;
  gboolean      safe;
  gboolean      statement_text;
  guint         n_levels;
  GHashTable   *levels;   /* PlCode* → NULL-terminated names from the top, borrowed */
  PlGoldLayer  *gold;     /* NULL: the project has no gold layer (and no gold columns) */
} LongCsv;

/* Fields */

void
pl_export_csv_append_text (GString    *out,
                           const char *value,
                           gboolean    spreadsheet_safe)
{
  g_string_append_c (out, ',');
  pl_csv_append_field (out, value, spreadsheet_safe ? PL_CSV_SPREADSHEET_SAFE : PL_CSV_PLAIN);
}

void
pl_export_csv_append_uint (GString *out,
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

void
pl_export_csv_append_int (GString *out,
                          gint64   value)
{
  if (value < 0)
    {
      g_string_append_c (out, '-');
      pl_export_csv_append_uint (out, (guint64) 0 - (guint64) value);
    }
  else
    pl_export_csv_append_uint (out, (guint64) value);
}

/* The long CSV */

/* Code → the names of its ancestors and itself, from the top; sets @n_levels to the
 * number of levels of the deepest code. */
static GHashTable *
index_levels (PlProjectReader *reader,
              guint           *n_levels)
{
  GListModel *codes = pl_project_reader_get_codes (reader);
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
            ? pl_project_reader_find_code (reader, pl_code_get_parent_id (ancestor))
            : NULL;
        }

      *n_levels = MAX (*n_levels, depth + 1);
      g_hash_table_insert (levels, code, names);
    }

  return levels;
}

static void
long_csv_write_row (LongCsv               *csv,
                    const PlAnnotationRow *row)
{
  GString *out = csv->out;
  PlDocument *document = row->document;
  const PlStatement *statement = row->statement;
  gboolean safe = csv->safe;

  pl_csv_append_field (out, row->guid, safe ? PL_CSV_SPREADSHEET_SAFE : PL_CSV_PLAIN);
  g_string_append_c (out, ',');
  pl_export_csv_append_int (out, pl_document_get_id (document));
  pl_export_csv_append_text (out, pl_document_get_title (document), safe);
  g_string_append_c (out, ',');
  if (statement != NULL)
    pl_export_csv_append_uint (out, statement->index);
  pl_export_csv_append_text (out, statement != NULL ? statement->speaker : NULL, safe);
  pl_export_csv_append_text (out, row->code != NULL ? pl_code_get_short_id (row->code) : NULL, safe);
  pl_export_csv_append_text (out, row->code != NULL ? pl_code_get_guid (row->code) : NULL, safe);
  pl_export_csv_append_text (out, row->code != NULL ? pl_code_get_name (row->code) : NULL, safe);
  pl_export_csv_append_text (out, row->code != NULL ? pl_code_get_path (row->code) : NULL, safe);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, row->start);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, row->end);
  pl_export_csv_append_text (out, row->text, safe);
  pl_export_csv_append_text (out, row->coder_name, safe);
  pl_export_csv_append_text (out, row->memo, safe);
  pl_export_csv_append_text (out, row->created, safe);
  pl_export_csv_append_text (out, row->modified, safe);

  if (!csv->compact)
    {
      const char * const *levels = row->code != NULL
        ? g_hash_table_lookup (csv->levels, row->code)
        : NULL;
      gboolean past_code = levels == NULL;

      pl_export_csv_append_text (out, pl_document_get_guid (document), safe);
      for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
        pl_export_csv_append_text (out, pl_document_get_metadata (document,
                                                                   pl_document_metadata_keys[k]),
                                   safe);
      pl_export_csv_append_text (out, pl_document_get_source_uri (document), safe);
      pl_export_csv_append_text (out, statement != NULL
                                      ? pl_statement_kind_to_string (statement->kind) : NULL,
                                 safe);
      pl_export_csv_append_text (out, statement != NULL ? statement->entity : NULL, safe);
      pl_export_csv_append_text (out, statement != NULL ? statement->entity_type : NULL, safe);
      pl_export_csv_append_text (out, statement != NULL ? statement->iso3 : NULL, safe);
      pl_export_csv_append_text (out, statement != NULL ? statement->regional_group : NULL, safe);
      pl_export_csv_append_text (out, statement != NULL ? statement->on_behalf_of : NULL, safe);
      pl_export_csv_append_text (out, row->coder_guid, safe);
      pl_export_csv_append_text (out, row->stance, safe);
      g_string_append_c (out, ',');
      pl_export_csv_append_int (out, row->codebook_version);

      for (guint level = 0; level < csv->n_levels; level++)
        {
          if (!past_code && levels[level] == NULL)
            past_code = TRUE;
          pl_export_csv_append_text (out, past_code ? NULL : levels[level], safe);
        }

      if (csv->statement_text)
        pl_export_csv_append_text (out, row->statement_text, safe);

      if (csv->gold != NULL)
        {
          g_string_append (out, row->coder_id == csv->gold->coder_id ? ",1" : ",0");
          pl_export_csv_append_text (out, g_hash_table_lookup (csv->gold->sources, row->guid),
                                     safe);
        }
    }

  g_string_append (out, "\r\n");
}

static gboolean
write_csv (PlProjectReader        *reader,
           PlExportSink           *sink,
           const PlExportOptions  *options,
           gboolean                compact,
           PlExportProgress       *progress,
           GError                **error)
{
  g_autoptr(GHashTable) levels = NULL;
  g_autoptr(PlGoldLayer) gold = NULL;
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  const PlAnnotationRow *row;
  LongCsv csv = { 0 };
  PlReadFlags flags = PL_READ_TEXT | PL_READ_STATEMENT;
  gint64 total;

  total = pl_project_reader_count_annotations (reader, &options->filter, error);
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
      levels = index_levels (reader, &csv.n_levels);
      csv.levels = levels;
      gold = pl_project_reader_read_gold (reader, error);
      if (gold == NULL)
        return FALSE;
      if (gold->coder_id != 0)
        csv.gold = gold;
    }
  if (csv.statement_text)
    flags |= PL_READ_STATEMENT_TEXT;

  g_string_append (csv.out, compact_header);
  if (!compact)
    {
      g_string_append (csv.out, long_header_rest);
      for (guint level = 1; level <= csv.n_levels; level++)
        g_string_append_printf (csv.out, ",code_level_%u", level);
      if (csv.statement_text)
        g_string_append (csv.out, ",statement_text");
      if (csv.gold != NULL)
        g_string_append (csv.out, ",gold,gold_source");
    }
  g_string_append (csv.out, "\r\n");

  cursor = pl_project_reader_read_annotations (reader, &options->filter, 0, flags, error);
  if (cursor == NULL)
    return FALSE;

  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    {
      long_csv_write_row (&csv, row);
      if (!pl_export_sink_flush (sink, FALSE, error))
        return FALSE;
      pl_export_progress_tick (progress);
    }
  if (!pl_annotation_cursor_finish (cursor, error))
    return FALSE;

  pl_export_progress_advance (progress, 0);
  return TRUE;
}

gboolean
pl_export_write_long_csv (PlProjectReader        *reader,
                          PlExportSink           *sink,
                          const PlExportOptions  *options,
                          PlExportProgress       *progress,
                          GError                **error)
{
  return write_csv (reader, sink, options, FALSE, progress, error);
}

gboolean
pl_export_write_compact_csv (PlProjectReader        *reader,
                             PlExportSink           *sink,
                             const PlExportOptions  *options,
                             PlExportProgress       *progress,
                             GError                **error)
{
  return write_csv (reader, sink, options, TRUE, progress, error);
}
