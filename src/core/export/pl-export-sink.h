/* pl-export-sink.h — where a format writer puts its bytes, and how it reports progress
 *
 * For the writers of export formats (export/, and the .qdpx writer in refi/): an export
 * opens the sink on a temporary file beside the destination and renames it into place
 * only when the writer succeeded, so a failure leaves the destination as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _PlExportSink PlExportSink;
typedef struct _PlExportProgress PlExportProgress;

/* Output goes to the sink's buffer and is written out by pl_export_sink_flush(). */
GString      *pl_export_sink_get_buffer      (PlExportSink      *sink);
/* Writes the buffer out once it holds a chunk (or whatever it holds, with @force); fails
 * with G_IO_ERROR_CANCELLED once the export was cancelled. */
gboolean      pl_export_sink_flush           (PlExportSink      *sink,
                                              gboolean           force,
                                              GError           **error);
/* Appends @length bytes and flushes when a chunk is full. */
gboolean      pl_export_sink_write           (PlExportSink      *sink,
                                              const void        *data,
                                              gsize              length,
                                              GError           **error);

/* Each accepts a NULL @progress. */
void          pl_export_progress_set_total   (PlExportProgress  *progress,
                                              guint64            total);
/* Counts @n more rows (and those counted by ticks) and tells the callback. */
void          pl_export_progress_advance     (PlExportProgress  *progress,
                                              guint64            n);
/* Counts one row; tells the callback only every thousand or so rows, since it may take
 * a lock or post an event.  End with pl_export_progress_advance (progress, 0). */
void          pl_export_progress_tick        (PlExportProgress  *progress);

G_END_DECLS
