/* pl-exporter.h — the coded dataset out of a project
 *
 * Every export writes atomically: to a temporary file in the destination's folder,
 * renamed into place when complete.  A failure leaves the destination as it was.
 *
 * Formats (pl_export_full(), pl_export_async()):
 *
 * - PL_EXPORT_FORMAT_CSV, the long CSV: RFC 4180, UTF-8 without a byte order mark, CRLF row
 *   ends, a header row, one row per annotation.  Its first sixteen columns are exactly those
 *   of pl_export_csv() (Plenary 0.1), in the same order; the others follow them, so scripts
 *   that read the first columns or read by name keep working:
 *     annotation_guid, document_id, document_title, statement_index, speaker, code_id,
 *     code_guid, code_name, code_path, start, end, text, coder, memo, created, modified,
 *     document_guid, process, session, meeting, date, agenda_item, source_type, language,
 *     format, source_uri, statement_kind, entity, entity_type, iso3, regional_group,
 *     on_behalf_of, coder_guid, stance, codebook_version,
 *     code_level_1 … code_level_N   (N: the depth of the deepest code of the codebook; the
 *                                    names of the code's ancestors from the top, the code
 *                                    itself last, empty below the code's own level)
 *     statement_text                (only with PlExportOptions.statement_text)
 *     gold, gold_source             (only in a project with a gold layer: 1 for its
 *                                    annotations, else 0; the coder a gold annotation was
 *                                    kept from)
 *   The statement of an annotation is the one in which its start lies (the last statement
 *   that starts at or before it); empty before the first statement.  start and end are code
 *   points, end-exclusive.  An unknown value is an empty field.
 *
 * - PL_EXPORT_FORMAT_MATRIX, the wide matrix: the same CSV conventions, one row per
 *   statement (kind "statement"; with PlExportOptions.all_kinds, front matter too and a
 *   statement_kind column), columns
 *     document_id, document_guid, document_title, process, session, meeting, date,
 *     agenda_item, source_type, language, format, statement_index, [statement_kind,]
 *     start, end, speaker, entity, entity_type, iso3, regional_group, on_behalf_of,
 *     [statement_text,] then one column per codable code in codebook order
 *   headed by the code's short id, or its GUID when it has none.  A cell is 1 when at
 *   least one annotation of that code overlaps the statement (shares at least one
 *   character with it), else 0; with PlExportOptions.counts it is the number of such
 *   annotations.  A code's column counts that code only, not its descendants.
 *
 * - PL_EXPORT_FORMAT_JSON: "plenary-dataset" version 1, described by
 *   data/schemas/plenary-dataset.schema.json (with "gold" and "gold_source" on each
 *   annotation in a project with a gold layer); its "links" are the rows of the links
 *   table.
 *
 * - PL_EXPORT_FORMAT_LINKS, the links table: the same CSV conventions, one row per accepted
 *   link between a statement's passage and an outcome document's (pl-project-links.h), for
 *   the links whose two documents the filter keeps, columns
 *     link_guid, document_id, document_guid, document_title, date, session,
 *     statement_index, speaker, entity, entity_type, iso3, regional_group, on_behalf_of,
 *     start, end, text,                  (the statement's passage: the statement in which it
 *                                         starts, and its code points in its document)
 *     outcome_document_id, outcome_document_guid, outcome_title, outcome_kind
 *     (draft, revised_draft, final; empty when not marked), outcome_date, outcome_start,
 *     outcome_end, outcome_text, words (shared), score (0–1, four decimals; empty for a
 *     link drawn by hand), origin (candidate, manual), coder, coder_guid, created
 *   It is a file of its own beside the long CSV, whose columns stay as they are: a link
 *   joins two spans, an annotation one.
 *
 * - PL_EXPORT_FORMAT_QDPX: a REFI-QDA project (pl-refi.h describes what goes where).
 *
 * Spreadsheet formula injection.  A spreadsheet treats a cell that begins with = + - or @
 * as a formula; CSV readers of statistics tools (R, pandas, Stata) do not.  By default the
 * CSV files hold the data exactly as it is, so that what R reads is what was coded.  With
 * PlExportOptions.spreadsheet_safe (plenary-cli --spreadsheet-safe), for files meant to be
 * opened in a spreadsheet, a text cell that begins with = + - @, a tab or a carriage return
 * gets a leading apostrophe (') inside the field, which spreadsheets show as text.  Numeric
 * columns (document_id, statement_index, start, end, codebook_version, the matrix's code
 * columns) are never altered, and neither is a text cell that is a plain decimal number
 * ("-3", "+1.5"), which a spreadsheet reads as a number, not a formula.
 *
 * Filters (PlExportFilter) apply to every format: the documents exported, and the
 * annotations within them (by code, coder and creation time).  The codebook, coders and
 * statements of the exported documents are always complete.
 *
 * Every export reads the project through a PlProjectReader (pl-project-read.h), in one
 * read transaction: it sees the project as it was committed when the export began.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project-read.h"
#include "pl-project.h"

G_BEGIN_DECLS

typedef enum
{
  PL_EXPORT_FORMAT_CSV,
  PL_EXPORT_FORMAT_JSON,
  PL_EXPORT_FORMAT_MATRIX,
  PL_EXPORT_FORMAT_QDPX,
  PL_EXPORT_FORMAT_LINKS,
} PlExportFormat;

/* "csv" / "json" / "matrix" / "qdpx" / "links" → format; FALSE for an unknown name. */
gboolean pl_export_format_from_string (const char     *name,
                                       PlExportFormat *out_format);

/* Which annotations (and documents) an export holds: document_ids, code_ids (with
 * with_descendants), coder_ids, created_since, created_until.  NULL arrays and dates filter
 * nothing; an empty array keeps nothing. */
typedef PlProjectFilter PlExportFilter;

typedef struct
{
  PlExportFilter filter;
  gboolean       statement_text;   /* CSV and matrix: the statement's full text */
  gboolean       counts;           /* matrix: numbers of annotations instead of 0/1 */
  gboolean       all_kinds;        /* matrix: front matter rows too, with their kind */
  gboolean       spreadsheet_safe; /* CSV and matrix: see above */
} PlExportOptions;

PlExportOptions *pl_export_options_new   (void);
PlExportOptions *pl_export_options_copy  (const PlExportOptions *options);
/* Frees the arrays and dates of the filter too. */
void             pl_export_options_free  (PlExportOptions       *options);

/* Called with the rows written so far and the rows to write in all: annotations for the
 * CSV, statements for the matrix, documents and annotations for JSON and .qdpx, one step
 * for the links table. */
typedef void (*PlExportProgressFunc) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

/* What pl_export_full() and pl_export_async() write, where, and whom they tell. */
typedef struct
{
  PlExportFormat          format;
  GFile                  *destination;
  const PlExportOptions  *options;         /* NULL: the defaults */
  PlExportProgressFunc    progress;        /* NULL: none */
  gpointer                progress_data;
  GDestroyNotify          progress_notify; /* frees @progress_data after the last call */
} PlExportSpec;

/* Long CSV with the sixteen columns of Plenary 0.1 only (RFC 4180, UTF-8, CRLF row ends,
 * header row), one row per annotation:
 * annotation_guid, document_id, document_title, statement_index, speaker, code_id,
 * code_guid, code_name, code_path, start, end, text, coder, memo, created, modified. */
gboolean pl_export_csv  (PlProject     *project,
                         GFile         *destination,
                         GCancellable  *cancellable,
                         GError       **error);

/* The whole dataset as JSON: project, codebook (pl_codebook_to_json()), coders, documents
 * with their metadata and statements, annotations. */
gboolean pl_export_json (PlProject     *project,
                         GFile         *destination,
                         GCancellable  *cancellable,
                         GError       **error);

/* pl_export_full() of @format with the default options. */
gboolean pl_export      (PlProject      *project,
                         PlExportFormat  format,
                         GFile          *destination,
                         GCancellable   *cancellable,
                         GError        **error);

/* Writes what @spec says, calling its progress function in the calling thread as rows are
 * written.  A cancellation fails with G_IO_ERROR_CANCELLED and leaves the destination as
 * it was. */
gboolean pl_export_full (PlProject              *project,
                         const PlExportSpec     *spec,
                         GCancellable           *cancellable,
                         GError                **error);

/* The same in a worker thread, on a connection of its own to the project's file (so the
 * project can be used and changed meanwhile).  The progress function is called in the thread-default main context of the caller, at most
 * about two hundred times, the last time with done equal to total. */
void     pl_export_async  (PlProject              *project,
                           const PlExportSpec     *spec,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data);
gboolean pl_export_finish (PlProject              *project,
                           GAsyncResult           *result,
                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlExportOptions, pl_export_options_free)

G_END_DECLS
