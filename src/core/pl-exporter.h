/* pl-exporter.h — the coded dataset out of a project
 *
 * Every export writes atomically: to a temporary file in the destination's folder,
 * renamed into place when complete.  A failure leaves the destination as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"

G_BEGIN_DECLS

typedef enum
{
  PL_EXPORT_FORMAT_CSV,
  PL_EXPORT_FORMAT_JSON,
} PlExportFormat;

/* "csv" / "json" → format; FALSE for an unknown name. */
gboolean pl_export_format_from_string (const char     *name,
                                       PlExportFormat *out_format);

/* Long CSV (RFC 4180, UTF-8, CRLF row ends, header row), one row per annotation:
 * annotation_guid, document_id, document_title, statement_index, speaker, code_id,
 * code_guid, code_name, code_path, start, end, text, coder, memo, created, modified. */
gboolean pl_export_csv  (PlProject     *project,
                         GFile         *destination,
                         GCancellable  *cancellable,
                         GError       **error);

/* The whole dataset as JSON: project, codebook (pl_codebook_to_json()), coders, documents
 * with their statements, annotations. */
gboolean pl_export_json (PlProject     *project,
                         GFile         *destination,
                         GCancellable  *cancellable,
                         GError       **error);

gboolean pl_export      (PlProject      *project,
                         PlExportFormat  format,
                         GFile          *destination,
                         GCancellable   *cancellable,
                         GError        **error);

G_END_DECLS
