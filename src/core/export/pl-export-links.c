/* pl-export-links.c — the accepted links between statements and outcome documents
 *
 * The rows of the links table (PL_EXPORT_FORMAT_LINKS, and the "links" of the JSON
 * dataset): each link with both its passages' texts, the statement in which its source
 * passage starts (as the long CSV ties an annotation to one), the outcome document's kind
 * and date, and who accepted or drew it.  A link is exported when the filter keeps both its
 * documents; the code, coder and date filters concern annotations and leave links alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-export-links"

#include "config.h"

#include "pl-csv.h"
#include "pl-export-private.h"
#include "pl-project-links.h"
#include "pl-text.h"

static const char links_header[] =
  "link_guid,document_id,document_guid,document_title,date,session,statement_index,speaker,"
  "entity,entity_type,iso3,regional_group,on_behalf_of,start,end,text,outcome_document_id,"
  "outcome_document_guid,outcome_title,outcome_kind,outcome_date,outcome_start,outcome_end,"
  "outcome_text,words,score,origin,coder,coder_guid,created";

/* What the rows need, read once: documents, their texts and statements, outcome marks,
 * coders. */
typedef struct
{
  PlProjectReader *reader;
  GHashTable      *documents;   /* id → PlDocument (the filter's) */
  GHashTable      *texts;       /* id → char * */
  GHashTable      *statements;  /* id → GPtrArray of PlStatement */
  GHashTable      *outcomes;    /* id → PlOutcome (borrowed from @outcome_list) */
  GPtrArray       *outcome_list;
  GHashTable      *coders;      /* id → PlCoder (borrowed from @coder_list) */
  GPtrArray       *coder_list;
  GPtrArray       *document_list;
} LinkTables;

static void
link_tables_clear (LinkTables *tables)
{
  g_clear_pointer (&tables->documents, g_hash_table_unref);
  g_clear_pointer (&tables->texts, g_hash_table_unref);
  g_clear_pointer (&tables->statements, g_hash_table_unref);
  g_clear_pointer (&tables->outcomes, g_hash_table_unref);
  g_clear_pointer (&tables->outcome_list, g_ptr_array_unref);
  g_clear_pointer (&tables->coders, g_hash_table_unref);
  g_clear_pointer (&tables->coder_list, g_ptr_array_unref);
  g_clear_pointer (&tables->document_list, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LinkTables, link_tables_clear)

static gboolean
link_tables_init (LinkTables             *tables,
                  PlProjectReader        *reader,
                  const PlExportOptions  *options,
                  GError                **error)
{
  PlProject *project = pl_project_reader_get_project (reader);

  tables->reader = reader;
  tables->documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  tables->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  tables->statements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  tables->outcomes = g_hash_table_new (g_int64_hash, g_int64_equal);
  tables->coders = g_hash_table_new (g_int64_hash, g_int64_equal);

  tables->document_list = pl_project_reader_list_documents (reader, &options->filter);
  for (guint i = 0; i < tables->document_list->len; i++)
    {
      PlDocument *document = g_ptr_array_index (tables->document_list, i);
      gint64 id = pl_document_get_id (document);

      g_hash_table_insert (tables->documents, g_memdup2 (&id, sizeof id), document);
    }

  tables->outcome_list = pl_project_list_outcomes (project, error);
  if (tables->outcome_list == NULL)
    return FALSE;
  for (guint i = 0; i < tables->outcome_list->len; i++)
    {
      PlOutcome *outcome = g_ptr_array_index (tables->outcome_list, i);

      g_hash_table_insert (tables->outcomes, &outcome->document_id, outcome);
    }

  tables->coder_list = pl_project_reader_list_coders (reader);
  for (guint i = 0; tables->coder_list != NULL && i < tables->coder_list->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (tables->coder_list, i);

      g_hash_table_insert (tables->coders, &coder->id, coder);
    }

  return TRUE;
}

static const char *
text_of (LinkTables  *tables,
         gint64       document_id,
         GError     **error)
{
  char *text = g_hash_table_lookup (tables->texts, &document_id);

  if (text == NULL)
    {
      text = pl_project_reader_dup_document_text (tables->reader, document_id, error);
      if (text == NULL)
        return NULL;
      g_hash_table_insert (tables->texts, g_memdup2 (&document_id, sizeof document_id), text);
    }
  return text;
}

/* The statement in which @offset lies (the last one starting at or before it), or NULL. */
static const PlStatement *
statement_at (LinkTables  *tables,
              gint64       document_id,
              guint        offset,
              GError     **error)
{
  GPtrArray *statements = g_hash_table_lookup (tables->statements, &document_id);
  const PlStatement *found = NULL;

  if (statements == NULL)
    {
      statements = pl_project_reader_list_statements (tables->reader, document_id, error);
      if (statements == NULL)
        return NULL;
      g_ptr_array_sort (statements, pl_project_compare_statement_starts);
      g_hash_table_insert (tables->statements, g_memdup2 (&document_id, sizeof document_id), statements);
    }

  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->start > offset)
        break;
      found = statement;
    }
  return found;
}

gboolean
pl_export_foreach_link (PlProjectReader        *reader,
                        const PlExportOptions  *options,
                        PlExportLinkFunc        func,
                        gpointer                user_data,
                        GError                **error)
{
  g_auto(LinkTables) tables = { NULL };
  g_autoptr(GPtrArray) links = NULL;

  if (!link_tables_init (&tables, reader, options, error))
    return FALSE;
  links = pl_project_list_links (pl_project_reader_get_project (reader), 0, error);
  if (links == NULL)
    return FALSE;

  for (guint i = 0; i < links->len; i++)
    {
      const PlLink *link = g_ptr_array_index (links, i);
      g_autofree char *text = NULL;
      g_autofree char *outcome_text = NULL;
      g_autoptr(GError) statement_error = NULL;
      const char *source_all, *outcome_all;
      PlExportLinkRow row = { link };

      row.document = g_hash_table_lookup (tables.documents, &link->source_document_id);
      row.outcome = g_hash_table_lookup (tables.documents, &link->outcome_document_id);
      if (row.document == NULL || row.outcome == NULL)
        continue;

      if ((source_all = text_of (&tables, link->source_document_id, error)) == NULL
          || (outcome_all = text_of (&tables, link->outcome_document_id, error)) == NULL)
        return FALSE;
      row.text = text = pl_text_slice (source_all, link->source_start, link->source_end);
      row.outcome_text = outcome_text = pl_text_slice (outcome_all, link->outcome_start, link->outcome_end);

      row.statement = statement_at (&tables, link->source_document_id, link->source_start, &statement_error);
      if (statement_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&statement_error));
          return FALSE;
        }
      row.outcome_mark = g_hash_table_lookup (tables.outcomes, &link->outcome_document_id);
      row.coder = link->coder_id != 0 ? g_hash_table_lookup (tables.coders, &link->coder_id) : NULL;

      if (!func (&row, user_data, error))
        return FALSE;
    }

  return TRUE;
}

/* The CSV */

typedef struct
{
  PlExportSink *sink;
  GString      *out;
  gboolean      safe;
} LinksCsv;

static gboolean
write_row (const PlExportLinkRow  *row,
           gpointer                user_data,
           GError                **error)
{
  LinksCsv *csv = user_data;
  GString *out = csv->out;
  const PlLink *link = row->link;
  const PlStatement *statement = row->statement;
  gboolean safe = csv->safe;

  pl_csv_append_field (out, link->guid, safe ? PL_CSV_SPREADSHEET_SAFE : PL_CSV_PLAIN);
  g_string_append_c (out, ',');
  pl_export_csv_append_int (out, link->source_document_id);
  pl_export_csv_append_text (out, pl_document_get_guid (row->document), safe);
  pl_export_csv_append_text (out, pl_document_get_title (row->document), safe);
  pl_export_csv_append_text (out, pl_document_get_metadata (row->document, "date"), safe);
  pl_export_csv_append_text (out, pl_document_get_metadata (row->document, "session"), safe);
  g_string_append_c (out, ',');
  if (statement != NULL)
    pl_export_csv_append_uint (out, statement->index);
  pl_export_csv_append_text (out, statement != NULL ? statement->speaker : NULL, safe);
  pl_export_csv_append_text (out, statement != NULL ? statement->entity : NULL, safe);
  pl_export_csv_append_text (out, statement != NULL ? statement->entity_type : NULL, safe);
  pl_export_csv_append_text (out, statement != NULL ? statement->iso3 : NULL, safe);
  pl_export_csv_append_text (out, statement != NULL ? statement->regional_group : NULL, safe);
  pl_export_csv_append_text (out, statement != NULL ? statement->on_behalf_of : NULL, safe);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, link->source_start);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, link->source_end);
  pl_export_csv_append_text (out, row->text, safe);
  g_string_append_c (out, ',');
  pl_export_csv_append_int (out, link->outcome_document_id);
  pl_export_csv_append_text (out, pl_document_get_guid (row->outcome), safe);
  pl_export_csv_append_text (out, pl_document_get_title (row->outcome), safe);
  pl_export_csv_append_text (out, row->outcome_mark != NULL
                                  ? pl_outcome_kind_to_string (row->outcome_mark->kind) : NULL, safe);
  pl_export_csv_append_text (out, row->outcome_mark != NULL ? row->outcome_mark->date : NULL, safe);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, link->outcome_start);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, link->outcome_end);
  pl_export_csv_append_text (out, row->outcome_text, safe);
  g_string_append_c (out, ',');
  pl_export_csv_append_uint (out, link->words);
  g_string_append_c (out, ',');
  if (link->score >= 0)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.4f", link->score));
    }
  pl_export_csv_append_text (out, pl_link_origin_to_string (link->origin), safe);
  pl_export_csv_append_text (out, row->coder != NULL ? row->coder->name : NULL, safe);
  pl_export_csv_append_text (out, row->coder != NULL ? row->coder->guid : NULL, safe);
  pl_export_csv_append_text (out, link->created, safe);
  g_string_append (out, "\r\n");

  return pl_export_sink_flush (csv->sink, FALSE, error);
}

gboolean
pl_export_write_links_csv (PlProjectReader        *reader,
                           PlExportSink           *sink,
                           const PlExportOptions  *options,
                           PlExportProgress       *progress,
                           GError                **error)
{
  LinksCsv csv = { sink, pl_export_sink_get_buffer (sink), options->spreadsheet_safe };

  /* One step: the table is small beside the rest of a project. */
  pl_export_progress_set_total (progress, 1);
  g_string_append (csv.out, links_header);
  g_string_append (csv.out, "\r\n");
  if (!pl_export_foreach_link (reader, options, write_row, &csv, error))
    return FALSE;

  pl_export_progress_advance (progress, 1);
  return TRUE;
}
