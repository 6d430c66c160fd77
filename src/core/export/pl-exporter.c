/* pl-exporter.c — the coded dataset out of a project: atomic output, filters, JSON, async
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exporter"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>

#include "pl-codebook.h"
#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-project-private.h"
#include "pl-text.h"

/* Output is collected in memory and written out in chunks of about this size. */
#define CHUNK_SIZE (64 * 1024)

/* How many times at most an asynchronous export reports its progress. */
#define PROGRESS_STEPS 200

/* Where the bytes go: a temporary file beside the destination, renamed into place on a
 * successful close, discarded otherwise. */
struct _PlExportSink
{
  GFile         *destination;
  GCancellable  *cancellable;
  GOutputStream *stream;
  GString       *buffer;
  gboolean       created_destination;
};

struct _PlExportProgress
{
  PlExportProgressFunc func;
  gpointer             data;
  guint64              total;
  guint64              done;
};

/* A document being walked through in offset order. */
typedef struct
{
  gint64       id;
  PlDocument  *document;
  char        *text;
  guint        length;
  const char  *cursor;          /* the position of code point @cursor_offset */
  guint        cursor_offset;
  GPtrArray   *statements;      /* PlStatement, by start */
  guint        statement_pos;
  const PlStatement *text_statement; /* the statement whose text is in @statement_text */
  char        *statement_text;
} PlExportDocument;

typedef gboolean (*PlExportWriteFunc) (PlProject              *project,
                                       PlExportSink           *sink,
                                       const PlExportOptions  *options,
                                       PlExportProgress       *progress,
                                       GError                **error);

gboolean
pl_export_format_from_string (const char     *name,
                              PlExportFormat *out_format)
{
  static const struct
  {
    const char     *name;
    PlExportFormat  format;
  } formats[] = {
    { "csv", PL_EXPORT_FORMAT_CSV },
    { "json", PL_EXPORT_FORMAT_JSON },
    { "matrix", PL_EXPORT_FORMAT_MATRIX },
    { "qdpx", PL_EXPORT_FORMAT_QDPX },
  };

  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (name, formats[i].name) == 0)
      {
        if (out_format != NULL)
          *out_format = formats[i].format;
        return TRUE;
      }

  return FALSE;
}

/* Options */

PlExportOptions *
pl_export_options_new (void)
{
  return g_new0 (PlExportOptions, 1);
}

static GArray *
copy_ids (const GArray *ids)
{
  GArray *copy;

  if (ids == NULL)
    return NULL;

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

PlExportOptions *
pl_export_options_copy (const PlExportOptions *options)
{
  PlExportOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_new0 (PlExportOptions, 1);
  *copy = *options;
  copy->filter.document_ids = copy_ids (options->filter.document_ids);
  copy->filter.code_ids = copy_ids (options->filter.code_ids);
  copy->filter.coder_ids = copy_ids (options->filter.coder_ids);
  if (options->filter.created_since != NULL)
    copy->filter.created_since = g_date_time_ref (options->filter.created_since);
  if (options->filter.created_until != NULL)
    copy->filter.created_until = g_date_time_ref (options->filter.created_until);

  return copy;
}

void
pl_export_options_free (PlExportOptions *options)
{
  if (options == NULL)
    return;

  g_clear_pointer (&options->filter.document_ids, g_array_unref);
  g_clear_pointer (&options->filter.code_ids, g_array_unref);
  g_clear_pointer (&options->filter.coder_ids, g_array_unref);
  g_clear_pointer (&options->filter.created_since, g_date_time_unref);
  g_clear_pointer (&options->filter.created_until, g_date_time_unref);
  g_free (options);
}

/* Progress */

void
pl_export_progress_set_total (PlExportProgress *progress,
                              guint64           total)
{
  if (progress == NULL)
    return;

  progress->total = total;
  progress->done = 0;
  if (progress->func != NULL)
    progress->func (0, total, progress->data);
}

void
pl_export_progress_advance (PlExportProgress *progress,
                            guint64           n)
{
  if (progress == NULL || n == 0)
    return;

  progress->done = MIN (progress->done + n, progress->total);
  if (progress->func != NULL)
    progress->func (progress->done, progress->total, progress->data);
}

/* Filters
 *
 * Lists of ids are bound as one JSON array each and read with json_each(), so that one
 * prepared statement serves any number of ids. */

static char *
ids_to_json (const GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');

  return g_string_free (json, FALSE);
}

char *
pl_export_filter_document_where (const PlExportFilter *filter)
{
  if (filter == NULL || filter->document_ids == NULL)
    return g_strdup ("");

  return g_strdup (" AND d.id IN (SELECT value FROM json_each(:documents))");
}

char *
pl_export_filter_where (const PlExportFilter *filter)
{
  GString *where = g_string_new (NULL);

  if (filter == NULL)
    return g_string_free (where, FALSE);

  if (filter->document_ids != NULL)
    g_string_append (where, " AND a.document_id IN (SELECT value FROM json_each(:documents))");

  if (filter->code_ids != NULL && filter->with_descendants)
    g_string_append (where,
                     " AND a.code_id IN (WITH RECURSIVE chosen(id) AS"
                     " (SELECT value FROM json_each(:codes)"
                     "  UNION SELECT k.id FROM codes AS k JOIN chosen ON k.parent_id = chosen.id)"
                     " SELECT id FROM chosen)");
  else if (filter->code_ids != NULL)
    g_string_append (where, " AND a.code_id IN (SELECT value FROM json_each(:codes))");

  if (filter->coder_ids != NULL)
    g_string_append (where, " AND a.coder_id IN (SELECT value FROM json_each(:coders))");

  if (filter->created_since != NULL)
    g_string_append (where, " AND a.created >= :since");

  if (filter->created_until != NULL)
    g_string_append (where, " AND a.created <= :until");

  return g_string_free (where, FALSE);
}

static void
bind_named_text (sqlite3_stmt *stmt,
                 const char   *name,
                 char         *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, g_free);
  else
    g_free (value);
}

void
pl_export_filter_bind (const PlExportFilter *filter,
                       sqlite3_stmt         *stmt)
{
  g_return_if_fail (stmt != NULL);

  if (filter == NULL)
    return;

  if (filter->document_ids != NULL)
    bind_named_text (stmt, ":documents", ids_to_json (filter->document_ids));
  if (filter->code_ids != NULL)
    bind_named_text (stmt, ":codes", ids_to_json (filter->code_ids));
  if (filter->coder_ids != NULL)
    bind_named_text (stmt, ":coders", ids_to_json (filter->coder_ids));
  /* Creation times are stored as "2026-11-22T10:00:00Z", which sorts as text. */
  if (filter->created_since != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (filter->created_since);

      bind_named_text (stmt, ":since", g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ"));
    }
  if (filter->created_until != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (filter->created_until);

      bind_named_text (stmt, ":until", g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ"));
    }
}

gboolean
pl_export_filter_keeps_document (const PlExportFilter *filter,
                                 gint64                document_id)
{
  if (filter == NULL || filter->document_ids == NULL)
    return TRUE;

  for (guint i = 0; i < filter->document_ids->len; i++)
    if (g_array_index (filter->document_ids, gint64, i) == document_id)
      return TRUE;

  return FALSE;
}

GPtrArray *
pl_export_filter_list_documents (const PlExportFilter *filter,
                                 PlProject            *project)
{
  GListModel *documents = pl_project_get_documents (project);
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      PlDocument *document = g_list_model_get_item (documents, i);

      if (pl_export_filter_keeps_document (filter, pl_document_get_id (document)))
        g_ptr_array_add (kept, document);
      else
        g_object_unref (document);
    }

  return kept;
}

gint64
pl_export_get_codebook_version (PlProject *project)
{
  sqlite3_stmt *stmt;
  gint64 version = 1;

  stmt = pl_project_prepare (project,
                             "SELECT value FROM project_info WHERE key = 'codebook_version'",
                             NULL);
  if (stmt == NULL)
    return version;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = MAX (1, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);

  return version;
}

/* CSV fields */

/* "-3", "+1.5", "42": a spreadsheet reads these as numbers, not formulas. */
static gboolean
is_plain_number (const char *value)
{
  const char *p = value;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }

  return digits && *p == '\0';
}

void
pl_export_csv_append_field (GString    *out,
                            const char *value,
                            gboolean    spreadsheet_safe)
{
  gboolean guard;
  const char *p;

  if (value == NULL || *value == '\0')
    return;

  guard = spreadsheet_safe && strchr ("=+-@\t\r", value[0]) != NULL && !is_plain_number (value);

  if (value[strcspn (value, ",\"\r\n")] == '\0')
    {
      if (guard)
        g_string_append_c (out, '\'');
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (p = value; *p != '\0'; p++)
    {
      const char *quote = strchr (p, '"');

      if (quote == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, quote + 1 - p);
      g_string_append_c (out, '"');
      p = quote;
    }
  g_string_append_c (out, '"');
}

/* Output */

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

GString *
pl_export_sink_get_buffer (PlExportSink *sink)
{
  g_return_val_if_fail (sink != NULL, NULL);

  return sink->buffer;
}

gboolean
pl_export_sink_flush (PlExportSink  *sink,
                      gboolean       force,
                      GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (sink != NULL, FALSE);
  g_return_val_if_fail (sink->stream != NULL, FALSE);

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

gboolean
pl_export_sink_write (PlExportSink  *sink,
                      const void    *data,
                      gsize          length,
                      GError       **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (sink != NULL, FALSE);

  if (length < CHUNK_SIZE)
    {
      g_string_append_len (sink->buffer, data, length);
      return pl_export_sink_flush (sink, FALSE, error);
    }

  /* A large block goes out directly, after what is buffered. */
  if (!pl_export_sink_flush (sink, TRUE, error))
    return FALSE;

  if (!g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable,
                                  &local_error))
    {
      sink_propagate_error (sink, error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* Completes the export: the temporary file is renamed over the destination. */
static gboolean
sink_commit (PlExportSink  *sink,
             GError       **error)
{
  GError *local_error = NULL;

  g_assert (sink != NULL);

  if (!pl_export_sink_flush (sink, TRUE, error))
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
export_atomically (PlProject              *project,
                   GFile                  *destination,
                   const PlExportOptions  *options,
                   PlExportProgress       *progress,
                   GCancellable           *cancellable,
                   PlExportWriteFunc       write_func,
                   GError                **error)
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

  ok = write_func (project, &sink, options, progress, error) && sink_commit (&sink, error);
  if (!ok)
    sink_discard (&sink);

  sink_clear (&sink);

  return ok;
}

/* Walking through the annotations */

static void
export_document_clear (PlExportDocument *doc)
{
  g_assert (doc != NULL);

  g_clear_pointer (&doc->text, g_free);
  g_clear_pointer (&doc->statements, g_ptr_array_unref);
  g_clear_pointer (&doc->statement_text, g_free);
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
  doc->document = pl_project_find_document (project, document_id);
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

static const char *
export_document_statement_text (PlExportDocument  *doc,
                                const PlStatement *statement)
{
  if (statement == NULL)
    return NULL;

  if (doc->text_statement != statement)
    {
      g_free (doc->statement_text);
      doc->statement_text = pl_text_slice (doc->text, statement->start, statement->end);
      doc->text_statement = statement;
    }

  return doc->statement_text;
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

gint64
pl_export_count_annotations (PlProject            *project,
                             const PlExportFilter *filter,
                             GError              **error)
{
  g_autofree char *where = pl_export_filter_where (filter);
  g_autofree char *sql = g_strconcat ("SELECT count(*) FROM annotations AS a WHERE 1", where,
                                      NULL);
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (PL_IS_PROJECT (project), -1);

  stmt = pl_project_prepare (project, sql, error);
  if (stmt == NULL)
    return -1;
  pl_export_filter_bind (filter, stmt);

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    pl_project_set_sql_error (project, error, "count the annotations");
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return count;
}

gboolean
pl_export_foreach_annotation (PlProject            *project,
                              const PlExportFilter *filter,
                              gboolean              statement_text,
                              PlExportProgress     *progress,
                              PlExportRowFunc       func,
                              gpointer              user_data,
                              GError              **error)
{
  g_autoptr(GHashTable) codes = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  PlExportDocument doc = { 0 };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  guint pending = 0;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  where = pl_export_filter_where (filter);
  sql = g_strconcat ("SELECT a.guid, a.document_id, a.code_id, a.start_offset, a.end_offset,"
                     " c.guid, c.name, a.memo, a.created, a.modified, a.stance,"
                     " a.codebook_version"
                     " FROM annotations AS a LEFT JOIN coders AS c ON c.id = a.coder_id"
                     " WHERE 1", where,
                     " ORDER BY a.document_id, a.start_offset, a.end_offset DESC, a.id",
                     NULL);
  stmt = pl_project_prepare (project, sql, error);
  if (stmt == NULL)
    return FALSE;
  pl_export_filter_bind (filter, stmt);

  codes = index_codes (project);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *text = NULL;
      PlExportRow row = { 0 };
      gint64 document_id = sqlite3_column_int64 (stmt, 1);
      gint64 code_id = sqlite3_column_int64 (stmt, 2);

      if (doc.text == NULL || doc.id != document_id)
        {
          if (!export_document_load (&doc, project, document_id, error))
            {
              ok = FALSE;
              break;
            }
        }
      if (doc.document == NULL)
        continue;

      row.guid = (const char *) sqlite3_column_text (stmt, 0);
      row.document = doc.document;
      row.code = g_hash_table_lookup (codes, &code_id);
      row.start = (guint) CLAMP (sqlite3_column_int64 (stmt, 3), 0, G_MAXUINT);
      row.end = (guint) CLAMP (sqlite3_column_int64 (stmt, 4), 0, G_MAXUINT);
      row.coder_guid = (const char *) sqlite3_column_text (stmt, 5);
      row.coder_name = (const char *) sqlite3_column_text (stmt, 6);
      row.memo = (const char *) sqlite3_column_text (stmt, 7);
      row.created = (const char *) sqlite3_column_text (stmt, 8);
      row.modified = (const char *) sqlite3_column_text (stmt, 9);
      row.stance = (const char *) sqlite3_column_text (stmt, 10);
      row.codebook_version = sqlite3_column_int64 (stmt, 11);

      text = export_document_slice (&doc, row.start, row.end);
      row.text = text;
      row.statement = export_document_statement_at (&doc, row.start);
      if (statement_text)
        row.statement_text = export_document_statement_text (&doc, row.statement);

      if (!func (&row, user_data, error))
        {
          ok = FALSE;
          break;
        }

      /* Progress in steps, not per row: the callback may take a lock or post an event. */
      if (++pending == 1024)
        {
          pl_export_progress_advance (progress, pending);
          pending = 0;
        }
    }

  if (ok && rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the annotations");
      ok = FALSE;
    }

  if (ok)
    pl_export_progress_advance (progress, pending);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  export_document_clear (&doc);

  return ok;
}

/* CSV: the long table and the matrix are written by pl-export-tables.c. */

static gboolean
write_long_csv (PlProject              *project,
                PlExportSink           *sink,
                const PlExportOptions  *options,
                PlExportProgress       *progress,
                GError                **error)
{
  return pl_export_write_long_csv (project, sink, options, FALSE, progress, error);
}

static gboolean
write_compact_csv (PlProject              *project,
                   PlExportSink           *sink,
                   const PlExportOptions  *options,
                   PlExportProgress       *progress,
                   GError                **error)
{
  return pl_export_write_long_csv (project, sink, options, TRUE, progress, error);
}

gboolean
pl_export_csv (PlProject     *project,
               GFile         *destination,
               GCancellable  *cancellable,
               GError       **error)
{
  PlExportOptions options = { 0 };

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_atomically (project, destination, &options, NULL, cancellable,
                            write_compact_csv, error);
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

  return pl_export_sink_flush (writer->sink, FALSE, error);
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
  g_string_append (writer->sink->buffer, writer->first ? "]" : "\n  ]");
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
  json_add_int (builder, "codebook_version", pl_export_get_codebook_version (project));
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
  for (guint k = 0; pl_document_metadata_keys[k] != NULL; k++)
    json_add_string (builder, pl_document_metadata_keys[k],
                     pl_document_get_metadata (document, pl_document_metadata_keys[k]));
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
json_write_documents (PlProject              *project,
                      PlJsonWriter           *writer,
                      const PlExportOptions  *options,
                      PlExportProgress       *progress,
                      GError                **error)
{
  g_autoptr(GPtrArray) documents = pl_export_filter_list_documents (&options->filter, project);

  json_begin_array (writer, "documents");

  for (guint i = 0; i < documents->len; i++)
    {
      PlDocument *document = g_ptr_array_index (documents, i);
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

      pl_export_progress_advance (progress, 1);
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
  json_add_string (builder, "document_guid", pl_document_get_guid (row->document));
  json_add_int (builder, "document_id", pl_document_get_id (row->document));
  json_add_string (builder, "code_guid", row->code != NULL ? pl_code_get_guid (row->code) : NULL);
  json_add_string (builder, "code_id", short_id != NULL && *short_id != '\0' ? short_id : NULL);
  json_add_string (builder, "coder_guid", row->coder_guid);
  json_add_string (builder, "coder", row->coder_name);
  json_add_int (builder, "start", row->start);
  json_add_int (builder, "end", row->end);
  json_add_string (builder, "text", row->text);
  json_add_string (builder, "memo", row->memo);
  json_add_string (builder, "stance", row->stance);
  json_add_int (builder, "codebook_version", row->codebook_version);
  json_add_string (builder, "created", row->created);
  json_add_string (builder, "modified", row->modified);
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);

  return json_append_element (writer, node, error);
}

static gboolean
json_write (PlProject              *project,
            PlExportSink           *sink,
            const PlExportOptions  *options,
            PlExportProgress       *progress,
            GError                **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) head = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  PlJsonWriter writer = { sink, generator, TRUE };
  gint64 n_annotations;
  gsize len;

  n_annotations = pl_export_count_annotations (project, &options->filter, error);
  if (n_annotations < 0)
    return FALSE;
  documents = pl_export_filter_list_documents (&options->filter, project);
  pl_export_progress_set_total (progress, documents->len + (guint64) n_annotations);

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

  if (!json_write_documents (project, &writer, options, progress, error))
    return FALSE;

  json_begin_array (&writer, "annotations");
  if (!pl_export_foreach_annotation (project, &options->filter, FALSE, progress,
                                     json_write_annotation, &writer, error))
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
  PlExportOptions options = { 0 };

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_atomically (project, destination, &options, NULL, cancellable, json_write,
                            error);
}

/* Any format */

gboolean
pl_export_full (PlProject              *project,
                PlExportFormat          format,
                GFile                  *destination,
                const PlExportOptions  *options,
                PlExportProgressFunc    progress_func,
                gpointer                progress_data,
                GCancellable           *cancellable,
                GError                **error)
{
  PlExportOptions defaults = { 0 };
  PlExportProgress progress = { progress_func, progress_data, 0, 0 };
  PlExportWriteFunc write_func;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (format)
    {
    case PL_EXPORT_FORMAT_CSV:
      write_func = write_long_csv;
      break;
    case PL_EXPORT_FORMAT_JSON:
      write_func = json_write;
      break;
    case PL_EXPORT_FORMAT_MATRIX:
      write_func = pl_export_write_matrix;
      break;
    case PL_EXPORT_FORMAT_QDPX:
      write_func = pl_export_write_qdpx;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  return export_atomically (project, destination, options != NULL ? options : &defaults,
                            &progress, cancellable, write_func, error);
}

gboolean
pl_export (PlProject      *project,
           PlExportFormat  format,
           GFile          *destination,
           GCancellable   *cancellable,
           GError        **error)
{
  return pl_export_full (project, format, destination, NULL, NULL, NULL, cancellable, error);
}

/* Asynchronous exports
 *
 * The worker opens the project's file on a connection of its own: the store's connection
 * and its cached statements belong to the thread that opened it.  Progress is passed to
 * the caller's main context by events that hold a reference on the caller's callback and
 * data, so that @progress_notify runs there, after the last event. */

typedef struct
{
  gint                  ref_count;
  PlExportProgressFunc  func;
  gpointer              data;
  GDestroyNotify        notify;
} ProgressTarget;

typedef struct
{
  ProgressTarget *target;
  guint64         done;
  guint64         total;
} ProgressEvent;

typedef struct
{
  char            *path;
  PlExportFormat   format;
  GFile           *destination;
  PlExportOptions *options;
  ProgressTarget  *target;
  GMainContext    *context;
  guint64          total;
  guint64          last_step;
  gboolean         has_step;
  gboolean         final_sent;
} ExportTask;

static ProgressTarget *
progress_target_ref (ProgressTarget *target)
{
  g_atomic_int_inc (&target->ref_count);
  return target;
}

static void
progress_target_unref (ProgressTarget *target)
{
  if (!g_atomic_int_dec_and_test (&target->ref_count))
    return;

  if (target->notify != NULL)
    target->notify (target->data);
  g_free (target);
}

static gboolean
progress_event_dispatch (gpointer user_data)
{
  ProgressEvent *event = user_data;

  if (event->target->func != NULL)
    event->target->func (event->done, event->total, event->target->data);

  return G_SOURCE_REMOVE;
}

static void
progress_event_free (gpointer user_data)
{
  ProgressEvent *event = user_data;

  progress_target_unref (event->target);
  g_free (event);
}

static gboolean
progress_release_dispatch (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* Runs @func in @context's thread: g_main_context_invoke() would run it in the worker when
 * no thread owns the context at that moment. */
static void
run_in_context (GMainContext   *context,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[plenary] export progress");
  g_source_attach (source, context);
}

static void
export_task_post (ExportTask *data,
                  guint64     done,
                  guint64     total)
{
  ProgressEvent *event = g_new0 (ProgressEvent, 1);

  event->target = progress_target_ref (data->target);
  event->done = done;
  event->total = total;
  run_in_context (data->context, progress_event_dispatch, event, progress_event_free);
}

/* In the worker: passes on the progress when it reaches a new step, and the last one. */
static void
export_task_progress (guint64  done,
                      guint64  total,
                      gpointer user_data)
{
  ExportTask *data = user_data;
  guint64 step;

  data->total = total;
  if (data->target->func == NULL || data->final_sent)
    return;

  if (done >= total)
    {
      data->final_sent = TRUE;
      export_task_post (data, total, total);
      return;
    }

  step = done * PROGRESS_STEPS / total;
  if (data->has_step && step == data->last_step)
    return;

  data->has_step = TRUE;
  data->last_step = step;
  export_task_post (data, done, total);
}

static void
export_task_free (gpointer user_data)
{
  ExportTask *data = user_data;

  g_free (data->path);
  g_clear_object (&data->destination);
  g_clear_pointer (&data->options, pl_export_options_free);
  if (data->target != NULL)
    {
      /* The last reference is dropped in the caller's context, after the events. */
      run_in_context (data->context, progress_release_dispatch, data->target,
                      (GDestroyNotify) progress_target_unref);
    }
  g_main_context_unref (data->context);
  g_free (data);
}

static void
export_task_run (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ExportTask *data = task_data;
  g_autoptr(PlProject) project = NULL;
  GError *error = NULL;
  sqlite3 *db;
  gboolean ok;

  project = pl_project_open (data->path, PL_PROJECT_OPEN_DEFAULT, &error);
  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* One read transaction: the export sees one consistent state of the project, and the
   * lists of documents, codes and coders are read again inside it. */
  db = pl_project_get_db (project);
  if (sqlite3_exec (db, "BEGIN; SELECT count(*) FROM documents;", NULL, NULL, NULL) != SQLITE_OK)
    {
      pl_project_set_sql_error (project, &error, "read the project");
      g_task_return_error (task, error);
      return;
    }
  pl_project_reload (project);

  ok = pl_export_full (project, data->format, data->destination, data->options,
                       export_task_progress, data, cancellable, &error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  pl_project_close (project);

  if (ok)
    {
      export_task_progress (data->total, data->total, data);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

void
pl_export_async (PlProject              *project,
                 PlExportFormat          format,
                 GFile                  *destination,
                 const PlExportOptions  *options,
                 PlExportProgressFunc    progress,
                 gpointer                progress_data,
                 GDestroyNotify          progress_notify,
                 GCancellable           *cancellable,
                 GAsyncReadyCallback     callback,
                 gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  g_return_if_fail (PL_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* libxml2 sets itself up once, here, rather than in a worker thread. */
  xmlInitParser ();

  data = g_new0 (ExportTask, 1);
  data->path = g_strdup (pl_project_get_path (project));
  data->format = format;
  data->destination = g_object_ref (destination);
  data->options = options != NULL ? pl_export_options_copy (options) : pl_export_options_new ();
  data->context = g_main_context_ref_thread_default ();
  data->target = g_new0 (ProgressTarget, 1);
  data->target->ref_count = 1;
  data->target->func = progress;
  data->target->data = progress_data;
  data->target->notify = progress_notify;

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_export_async);
  g_task_set_task_data (task, data, export_task_free);
  g_task_run_in_thread (task, export_task_run);
}

gboolean
pl_export_finish (PlProject     *project,
                  GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, project), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
