/* pl-exporter.c — the coded dataset out of a project, as long CSV or as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exporter"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "pl-codebook.h"
#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-text.h"

/* Output is collected in memory and written out in chunks of about this size. */
#define CHUNK_SIZE (64 * 1024)

#define CSV_HEADER \
  "annotation_guid,document_id,document_title,statement_index,speaker,code_id,code_guid," \
  "code_name,code_path,start,end,text,coder,memo,created,modified\r\n"

/* Annotations in export order, with their document and coder. */
#define ANNOTATIONS_SQL \
  "SELECT a.guid, a.document_id, d.guid, d.title, a.code_id, a.start_offset, " \
  "       a.end_offset, c.guid, c.name, a.memo, a.created, a.modified " \
  "FROM annotations AS a " \
  "JOIN documents AS d ON d.id = a.document_id " \
  "LEFT JOIN coders AS c ON c.id = a.coder_id " \
  "ORDER BY a.document_id, a.start_offset, a.end_offset DESC, a.id"

/* Where the bytes go: a temporary file beside the destination, renamed into place on a
 * successful close, discarded otherwise. */
typedef struct
{
  GFile         *destination;
  GCancellable  *cancellable;
  GOutputStream *stream;
  GString       *buffer;
  gboolean       created_destination;
} PlExportSink;

/* One annotation as it is exported; strings are borrowed for the duration of a callback. */
typedef struct
{
  const char        *guid;
  gint64             document_id;
  const char        *document_guid;
  const char        *document_title;
  gint64             code_id;
  PlCode            *code;        /* NULL if the code no longer exists */
  const char        *coder_guid;
  const char        *coder_name;
  guint              start;
  guint              end;
  const char        *text;
  const char        *memo;
  const char        *created;
  const char        *modified;
  const PlStatement *statement;   /* the statement containing @start, or NULL */
} PlExportRow;

typedef gboolean (*PlExportRowFunc) (const PlExportRow  *row,
                                     gpointer            user_data,
                                     GError            **error);

/* A document being walked through in offset order. */
typedef struct
{
  gint64      id;
  char       *text;
  guint       length;
  const char *cursor;          /* the position of code point @cursor_offset */
  guint       cursor_offset;
  GPtrArray  *statements;      /* PlStatement, by start */
  guint       statement_pos;
} PlExportDocument;

typedef gboolean (*PlExportWriteFunc) (PlProject     *project,
                                       PlExportSink  *sink,
                                       GError       **error);

gboolean
pl_export_format_from_string (const char     *name,
                              PlExportFormat *out_format)
{
  PlExportFormat format;

  g_return_val_if_fail (name != NULL, FALSE);

  if (g_ascii_strcasecmp (name, "csv") == 0)
    format = PL_EXPORT_FORMAT_CSV;
  else if (g_ascii_strcasecmp (name, "json") == 0)
    format = PL_EXPORT_FORMAT_JSON;
  else
    return FALSE;

  if (out_format != NULL)
    *out_format = format;

  return TRUE;
}

/* The system's wording of common I/O failures ("Permission denied"); GIO's own messages
 * repeat the (temporary) file name. */
static const char *
describe_io_error (const GError *error)
{
  g_assert (error != NULL);

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          return g_strerror (ENOENT);
        case G_IO_ERROR_PERMISSION_DENIED:
          return g_strerror (EACCES);
        case G_IO_ERROR_NO_SPACE:
          return g_strerror (ENOSPC);
        case G_IO_ERROR_READ_ONLY:
          return g_strerror (EROFS);
        case G_IO_ERROR_IS_DIRECTORY:
          return g_strerror (EISDIR);
        case G_IO_ERROR_NOT_DIRECTORY:
          return g_strerror (ENOTDIR);
        case G_IO_ERROR_FILENAME_TOO_LONG:
          return g_strerror (ENAMETOOLONG);
        default:
          break;
        }
    }

  return error->message;
}

/* Turns an I/O error into PL_EXPORT_ERROR_WRITE naming the destination; a cancellation
 * stays G_IO_ERROR_CANCELLED so that callers can tell it from a failure. */
static void
sink_propagate_error (PlExportSink  *sink,
                      GError       **error,
                      GError        *io_error)
{
  g_autofree char *name = NULL;

  g_assert (sink != NULL);
  g_assert (io_error != NULL);

  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, io_error);
      return;
    }

  name = g_file_get_parse_name (sink->destination);
  g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), name, describe_io_error (io_error));
  g_error_free (io_error);
}

static gboolean
sink_open (PlExportSink  *sink,
           GFile         *destination,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileOutputStream) placeholder = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  GError *local_error = NULL;

  g_assert (sink != NULL);
  g_assert (G_IS_FILE (destination));

  sink->destination = g_object_ref (destination);
  sink->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  /* g_file_replace() writes a file that does not exist yet in place rather than through a
   * temporary file.  Creating the destination empty first makes it go through one; the
   * empty file is removed again if the export fails. */
  placeholder = g_file_create (destination, G_FILE_CREATE_NONE, cancellable, &local_error);
  if (placeholder != NULL)
    {
      sink->created_destination = TRUE;
      if (!g_output_stream_close (G_OUTPUT_STREAM (placeholder), cancellable, &local_error))
        {
          sink_propagate_error (sink, error, local_error);
          return FALSE;
        }
    }
  else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_clear_error (&local_error);
    }
  else
    {
      sink_propagate_error (sink, error, local_error);
      return FALSE;
    }

  stream = g_file_replace (destination, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, &local_error);
  if (stream == NULL)
    {
      sink_propagate_error (sink, error, local_error);
      return FALSE;
    }

  sink->stream = G_OUTPUT_STREAM (g_steal_pointer (&stream));
  sink->buffer = g_string_sized_new (CHUNK_SIZE + CHUNK_SIZE / 4);

  return TRUE;
}

/* Writes out the buffer once it holds a chunk (or whatever it holds, with @force). */
static gboolean
sink_flush (PlExportSink  *sink,
            gboolean       force,
            GError       **error)
{
  GError *local_error = NULL;

  g_assert (sink != NULL);
  g_assert (sink->stream != NULL);

  if (g_cancellable_set_error_if_cancelled (sink->cancellable, error))
    return FALSE;

  if (sink->buffer->len == 0 || (!force && sink->buffer->len < CHUNK_SIZE))
    return TRUE;

  if (!g_output_stream_write_all (sink->stream, sink->buffer->str, sink->buffer->len,
                                  NULL, sink->cancellable, &local_error))
    {
      sink_propagate_error (sink, error, local_error);
      return FALSE;
    }

  g_string_truncate (sink->buffer, 0);

  return TRUE;
}

/* Completes the export: the temporary file is renamed over the destination. */
static gboolean
sink_commit (PlExportSink  *sink,
             GError       **error)
{
  GError *local_error = NULL;

  g_assert (sink != NULL);

  if (!sink_flush (sink, TRUE, error))
    return FALSE;

  if (!g_output_stream_close (sink->stream, sink->cancellable, &local_error))
    {
      sink_propagate_error (sink, error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Leaves the destination as it was: closing with a cancelled cancellable makes GIO delete
 * the temporary file instead of renaming it. */
static void
sink_discard (PlExportSink *sink)
{
  g_assert (sink != NULL);

  if (sink->stream != NULL && !g_output_stream_is_closed (sink->stream))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (sink->stream, cancelled, NULL);
    }

  if (sink->created_destination)
    g_file_delete (sink->destination, NULL, NULL);
}

static void
sink_clear (PlExportSink *sink)
{
  g_assert (sink != NULL);

  g_clear_object (&sink->stream);
  g_clear_object (&sink->destination);
  g_clear_object (&sink->cancellable);
  if (sink->buffer != NULL)
    g_string_free (g_steal_pointer (&sink->buffer), TRUE);
}

static gboolean
export_atomically (PlProject          *project,
                   GFile              *destination,
                   GCancellable       *cancellable,
                   PlExportWriteFunc   write_func,
                   GError            **error)
{
  PlExportSink sink = { 0 };
  gboolean ok;

  g_assert (PL_IS_PROJECT (project));
  g_assert (write_func != NULL);

  if (!sink_open (&sink, destination, cancellable, error))
    {
      sink_discard (&sink);
      sink_clear (&sink);
      return FALSE;
    }

  ok = write_func (project, &sink, error) && sink_commit (&sink, error);
  if (!ok)
    sink_discard (&sink);

  sink_clear (&sink);

  return ok;
}

static void
export_document_clear (PlExportDocument *doc)
{
  g_assert (doc != NULL);

  g_clear_pointer (&doc->text, g_free);
  g_clear_pointer (&doc->statements, g_ptr_array_unref);
  memset (doc, 0, sizeof *doc);
}

static gint
compare_statements_by_start (gconstpointer a,
                             gconstpointer b)
{
  const PlStatement *sa = *(const PlStatement * const *) a;
  const PlStatement *sb = *(const PlStatement * const *) b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;

  return sa->index < sb->index ? -1 : (sa->index > sb->index ? 1 : 0);
}

static gboolean
export_document_load (PlExportDocument  *doc,
                      PlProject         *project,
                      gint64             document_id,
                      GError           **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) statements = NULL;

  g_assert (doc != NULL);

  text = pl_project_dup_document_text (project, document_id, error);
  if (text == NULL)
    return FALSE;

  statements = pl_project_list_statements (project, document_id, error);
  if (statements == NULL)
    return FALSE;

  g_ptr_array_sort (statements, compare_statements_by_start);

  export_document_clear (doc);
  doc->id = document_id;
  doc->text = g_steal_pointer (&text);
  doc->length = pl_text_length (doc->text);
  doc->cursor = doc->text;
  doc->cursor_offset = 0;
  doc->statements = g_steal_pointer (&statements);
  doc->statement_pos = 0;

  return TRUE;
}

/* The code points [@start, @end) of the document, clamped to its length like
 * pl_text_slice(); cheap for offsets that mostly grow, as in export order. */
static char *
export_document_slice (PlExportDocument *doc,
                       guint             start,
                       guint             end)
{
  const char *slice_end;

  g_assert (doc != NULL);
  g_assert (doc->text != NULL);

  start = MIN (start, doc->length);
  end = CLAMP (end, start, doc->length);

  doc->cursor = g_utf8_offset_to_pointer (doc->cursor,
                                          (glong) start - (glong) doc->cursor_offset);
  doc->cursor_offset = start;
  slice_end = g_utf8_offset_to_pointer (doc->cursor, (glong) (end - start));

  return g_strndup (doc->cursor, slice_end - doc->cursor);
}

/* The statement with the greatest start <= @offset; @offset must not decrease between
 * calls for one document. */
static const PlStatement *
export_document_statement_at (PlExportDocument *doc,
                              guint             offset)
{
  const PlStatement *statement;

  g_assert (doc != NULL);

  if (doc->statements->len == 0)
    return NULL;

  while (doc->statement_pos + 1 < doc->statements->len)
    {
      const PlStatement *next = g_ptr_array_index (doc->statements, doc->statement_pos + 1);

      if (next->start > offset)
        break;

      doc->statement_pos++;
    }

  statement = g_ptr_array_index (doc->statements, doc->statement_pos);

  return statement->start <= offset ? statement : NULL;
}

/* Code id → PlCode, from the project's in-memory codebook. */
static GHashTable *
index_codes (PlProject *project)
{
  GListModel *codes = pl_project_get_codes (project);
  GHashTable *index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             g_object_unref);
  guint n = g_list_model_get_n_items (codes);

  for (guint i = 0; i < n; i++)
    {
      PlCode *code = g_list_model_get_item (codes, i);
      gint64 *id = g_new (gint64, 1);

      *id = pl_code_get_id (code);
      g_hash_table_insert (index, id, code);
    }

  return index;
}

/* Calls @func for every annotation of @project, by document, start, longer first, id. */
static gboolean
foreach_annotation (PlProject        *project,
                    PlExportRowFunc   func,
                    gpointer          user_data,
                    GError          **error)
{
  g_autoptr(GHashTable) codes = NULL;
  PlExportDocument doc = { 0 };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_assert (PL_IS_PROJECT (project));
  g_assert (func != NULL);

  stmt = pl_project_prepare (project, ANNOTATIONS_SQL, error);
  if (stmt == NULL)
    return FALSE;

  codes = index_codes (project);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *text = NULL;
      PlExportRow row = { 0 };

      row.guid = (const char *) sqlite3_column_text (stmt, 0);
      row.document_id = sqlite3_column_int64 (stmt, 1);
      row.document_guid = (const char *) sqlite3_column_text (stmt, 2);
      row.document_title = (const char *) sqlite3_column_text (stmt, 3);
      row.code_id = sqlite3_column_int64 (stmt, 4);
      row.start = (guint) CLAMP (sqlite3_column_int64 (stmt, 5), 0, G_MAXUINT);
      row.end = (guint) CLAMP (sqlite3_column_int64 (stmt, 6), 0, G_MAXUINT);
      row.coder_guid = (const char *) sqlite3_column_text (stmt, 7);
      row.coder_name = (const char *) sqlite3_column_text (stmt, 8);
      row.memo = (const char *) sqlite3_column_text (stmt, 9);
      row.created = (const char *) sqlite3_column_text (stmt, 10);
      row.modified = (const char *) sqlite3_column_text (stmt, 11);
      row.code = g_hash_table_lookup (codes, &row.code_id);

      if (doc.text == NULL || doc.id != row.document_id)
        {
          if (!export_document_load (&doc, project, row.document_id, error))
            {
              ok = FALSE;
              break;
            }
        }

      text = export_document_slice (&doc, row.start, row.end);
      row.text = text;
      row.statement = export_document_statement_at (&doc, row.start);

      if (!func (&row, user_data, error))
        {
          ok = FALSE;
          break;
        }
    }

  if (ok && rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the annotations");
      ok = FALSE;
    }

  sqlite3_reset (stmt);
  export_document_clear (&doc);

  return ok;
}

/* CSV */

static void
csv_append_field (GString    *out,
                  const char *value)
{
  const char *p;

  if (value == NULL || *value == '\0')
    return;

  if (value[strcspn (value, ",\"\r\n")] == '\0')
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
csv_write_row (const PlExportRow  *row,
               gpointer            user_data,
               GError            **error)
{
  PlExportSink *sink = user_data;
  GString *out = sink->buffer;

  g_assert (row != NULL);

  csv_append_field (out, row->guid);
  g_string_append_printf (out, ",%" G_GINT64_FORMAT ",", row->document_id);
  csv_append_field (out, row->document_title);
  g_string_append_c (out, ',');
  if (row->statement != NULL)
    g_string_append_printf (out, "%u", row->statement->index);
  g_string_append_c (out, ',');
  if (row->statement != NULL)
    csv_append_field (out, row->statement->speaker);
  g_string_append_c (out, ',');
  if (row->code != NULL)
    csv_append_field (out, pl_code_get_short_id (row->code));
  g_string_append_c (out, ',');
  if (row->code != NULL)
    csv_append_field (out, pl_code_get_guid (row->code));
  g_string_append_c (out, ',');
  if (row->code != NULL)
    csv_append_field (out, pl_code_get_name (row->code));
  g_string_append_c (out, ',');
  if (row->code != NULL)
    csv_append_field (out, pl_code_get_path (row->code));
  g_string_append_printf (out, ",%u,%u,", row->start, row->end);
  csv_append_field (out, row->text);
  g_string_append_c (out, ',');
  csv_append_field (out, row->coder_name);
  g_string_append_c (out, ',');
  csv_append_field (out, row->memo);
  g_string_append_c (out, ',');
  csv_append_field (out, row->created);
  g_string_append_c (out, ',');
  csv_append_field (out, row->modified);
  g_string_append (out, "\r\n");

  return sink_flush (sink, FALSE, error);
}

static gboolean
csv_write (PlProject     *project,
           PlExportSink  *sink,
           GError       **error)
{
  g_string_append (sink->buffer, CSV_HEADER);

  return foreach_annotation (project, csv_write_row, sink, error);
}

gboolean
pl_export_csv (PlProject     *project,
               GFile         *destination,
               GCancellable  *cancellable,
               GError       **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_atomically (project, destination, cancellable, csv_write, error);
}

/* JSON
 *
 * The dataset is written piece by piece (one document or annotation at a time) so that
 * memory stays flat however large the project is; the pieces are indented to read as one
 * pretty-printed document. */

typedef struct
{
  PlExportSink  *sink;
  JsonGenerator *generator;
  gboolean       first;
} PlJsonWriter;

static void
json_add_string (JsonBuilder *builder,
                 const char  *member,
                 const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
json_add_int (JsonBuilder *builder,
              const char  *member,
              gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/* Appends @node pretty-printed, every line after the first indented by @indent spaces. */
static void
json_append_node (PlJsonWriter *writer,
                  JsonNode     *node,
                  guint         indent)
{
  g_autofree char *json = NULL;
  GString *out = writer->sink->buffer;
  const char *p;
  const char *newline;

  json_generator_set_root (writer->generator, node);
  json = json_generator_to_data (writer->generator, NULL);

  for (p = json; (newline = strchr (p, '\n')) != NULL; p = newline + 1)
    {
      g_string_append_len (out, p, newline + 1 - p);
      for (guint i = 0; i < indent; i++)
        g_string_append_c (out, ' ');
    }
  g_string_append (out, p);
}

/* Appends @node as the next element of an array whose elements sit at 4 spaces. */
static gboolean
json_append_element (PlJsonWriter  *writer,
                     JsonNode      *node,
                     GError       **error)
{
  g_string_append (writer->sink->buffer, writer->first ? "\n    " : ",\n    ");
  writer->first = FALSE;
  json_append_node (writer, node, 4);

  return sink_flush (writer->sink, FALSE, error);
}

static void
json_begin_array (PlJsonWriter *writer,
                  const char   *member)
{
  g_string_append_printf (writer->sink->buffer, ",\n  \"%s\" : [", member);
  writer->first = TRUE;
}

static void
json_end_array (PlJsonWriter *writer)
{
  g_string_append (writer->sink->buffer, "\n  ]");
}

/* format, version, project, codebook, coders */
static JsonNode *
json_build_head (PlProject *project)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) coders = pl_project_list_coders (project);
  g_autofree char *title = pl_project_dup_title (project);
  g_autofree char *exported = pl_now_iso8601 ();

  json_builder_begin_object (builder);
  json_add_string (builder, "format", "plenary-dataset");
  json_add_int (builder, "version", 1);

  json_builder_set_member_name (builder, "project");
  json_builder_begin_object (builder);
  json_add_string (builder, "guid", pl_project_get_guid (project));
  json_add_string (builder, "title", title);
  json_add_string (builder, "exported", exported);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "codebook");
  json_builder_add_value (builder, pl_codebook_to_json (project));

  json_builder_set_member_name (builder, "coders");
  json_builder_begin_array (builder);
  for (guint i = 0; coders != NULL && i < coders->len; i++)
    {
      const PlCoder *coder = g_ptr_array_index (coders, i);

      json_builder_begin_object (builder);
      json_add_string (builder, "guid", coder->guid);
      json_add_string (builder, "name", coder->name);
      json_add_string (builder, "initials", coder->initials);
      json_add_string (builder, "color", coder->color);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
json_build_document (PlDocument *document,
                     const char *text,
                     GPtrArray  *statements)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_add_int (builder, "id", pl_document_get_id (document));
  json_add_string (builder, "guid", pl_document_get_guid (document));
  json_add_string (builder, "title", pl_document_get_title (document));
  json_add_string (builder, "source_uri", pl_document_get_source_uri (document));
  json_add_string (builder, "created", pl_document_get_created (document));
  json_add_int (builder, "length", pl_document_get_length (document));
  json_add_string (builder, "text", text);

  json_builder_set_member_name (builder, "statements");
  json_builder_begin_array (builder);
  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);

      json_builder_begin_object (builder);
      json_add_int (builder, "index", statement->index);
      json_add_string (builder, "kind", pl_statement_kind_to_string (statement->kind));
      json_add_int (builder, "start", statement->start);
      json_add_int (builder, "end", statement->end);
      json_add_string (builder, "speaker", statement->speaker);
      json_add_string (builder, "entity", statement->entity);
      json_add_string (builder, "entity_type", statement->entity_type);
      json_add_string (builder, "iso3", statement->iso3);
      json_add_string (builder, "regional_group", statement->regional_group);
      json_add_string (builder, "on_behalf_of", statement->on_behalf_of);
      json_builder_set_member_name (builder, "needs_review");
      json_builder_add_boolean_value (builder, statement->needs_review);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static gboolean
json_write_documents (PlProject     *project,
                      PlJsonWriter  *writer,
                      GError       **error)
{
  GListModel *documents = pl_project_get_documents (project);
  guint n = g_list_model_get_n_items (documents);

  json_begin_array (writer, "documents");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) statements = NULL;
      g_autoptr(JsonNode) node = NULL;
      gint64 id = pl_document_get_id (document);

      text = pl_project_dup_document_text (project, id, error);
      if (text == NULL)
        return FALSE;

      statements = pl_project_list_statements (project, id, error);
      if (statements == NULL)
        return FALSE;

      node = json_build_document (document, text, statements);
      if (!json_append_element (writer, node, error))
        return FALSE;
    }

  json_end_array (writer);

  return TRUE;
}

static gboolean
json_write_annotation (const PlExportRow  *row,
                       gpointer            user_data,
                       GError            **error)
{
  PlJsonWriter *writer = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  const char *short_id = row->code != NULL ? pl_code_get_short_id (row->code) : NULL;

  json_builder_begin_object (builder);
  json_add_string (builder, "guid", row->guid);
  json_add_string (builder, "document_guid", row->document_guid);
  json_add_int (builder, "document_id", row->document_id);
  json_add_string (builder, "code_guid", row->code != NULL ? pl_code_get_guid (row->code) : NULL);
  json_add_string (builder, "code_id", short_id != NULL && *short_id != '\0' ? short_id : NULL);
  json_add_string (builder, "coder_guid", row->coder_guid);
  json_add_string (builder, "coder", row->coder_name);
  json_add_int (builder, "start", row->start);
  json_add_int (builder, "end", row->end);
  json_add_string (builder, "text", row->text);
  json_add_string (builder, "memo", row->memo);
  json_add_string (builder, "created", row->created);
  json_add_string (builder, "modified", row->modified);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);

  return json_append_element (writer, node, error);
}

static gboolean
json_write (PlProject     *project,
            PlExportSink  *sink,
            GError       **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) head = NULL;
  PlJsonWriter writer = { sink, generator, TRUE };
  gsize len;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);

  /* The head object, left open after its last member for the arrays that follow. */
  head = json_build_head (project);
  json_append_node (&writer, head, 0);
  len = sink->buffer->len;
  g_assert (len >= 2 && sink->buffer->str[len - 1] == '}');
  g_string_truncate (sink->buffer, len - 1);
  while (sink->buffer->len > 0 && g_ascii_isspace (sink->buffer->str[sink->buffer->len - 1]))
    g_string_truncate (sink->buffer, sink->buffer->len - 1);

  if (!json_write_documents (project, &writer, error))
    return FALSE;

  json_begin_array (&writer, "annotations");
  if (!foreach_annotation (project, json_write_annotation, &writer, error))
    return FALSE;
  json_end_array (&writer);

  g_string_append (sink->buffer, "\n}\n");

  return TRUE;
}

gboolean
pl_export_json (PlProject     *project,
                GFile         *destination,
                GCancellable  *cancellable,
                GError       **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_atomically (project, destination, cancellable, json_write, error);
}

gboolean
pl_export (PlProject      *project,
           PlExportFormat  format,
           GFile          *destination,
           GCancellable   *cancellable,
           GError        **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  switch (format)
    {
    case PL_EXPORT_FORMAT_CSV:
      return pl_export_csv (project, destination, cancellable, error);
    case PL_EXPORT_FORMAT_JSON:
      return pl_export_json (project, destination, cancellable, error);
    default:
      break;
    }

  g_return_val_if_reached (FALSE);
}
