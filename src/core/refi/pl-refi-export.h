/* pl-refi-export.h — writing a project as a REFI-QDA .qdpx, for the exporter
 *
 * pl-refi.h describes what goes where; pl_export_full() with PL_EXPORT_FORMAT_QDPX is how
 * the application and the command line ask for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-export-sink.h"
#include "pl-exporter.h"
#include "pl-project-read.h"

G_BEGIN_DECLS

/* Writes the .qdpx of what @reader reads and @options keeps to @sink, advancing @progress
 * by one per document and per annotation. */
gboolean pl_refi_write_qdpx (PlProjectReader        *reader,
                             PlExportSink           *sink,
                             const PlExportOptions  *options,
                             PlExportProgress       *progress,
                             GError                **error);

G_END_DECLS
