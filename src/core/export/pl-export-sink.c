/* pl-export-sink.c — atomic output of an export, and its progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exporter"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "pl-atomic-file.h"
#include "pl-error.h"
#include "pl-export-private.h"

/* Output is collected in memory and written out in chunks of about this size. */
#define CHUNK_SIZE (64 * 1024)

/* Rows counted between two reports of progress. */
#define PROGRESS_BATCH 1024

/* Where the bytes go: a temporary file beside the destination, renamed into place on a
 * successful close, discarded otherwise. */
struct _PlExportSink
{
  GFile         *destination;
  GCancellable  *cancellable;
  PlAtomicFile  *file;
  GOutputStream *stream;     /* the file's */
  GString       *buffer;
};

/* Progress */

void
pl_export_progress_set_total (PlExportProgress *progress,
                              guint64           total)
{
  if (progress == NULL)
    return;

  progress->total = total;
  progress->done = 0;
  progress->pending = 0;
  if (progress->func != NULL)
    progress->func (0, total, progress->data);
}

void
pl_export_progress_advance (PlExportProgress *progress,
                            guint64           n)
{
  if (progress == NULL)
    return;

  n += progress->pending;
  progress->pending = 0;
  if (n == 0)
    return;

  progress->done = MIN (progress->done + n, progress->total);
  if (progress->func != NULL)
    progress->func (progress->done, progress->total, progress->data);
}

void
pl_export_progress_tick (PlExportProgress *progress)
{
  if (progress != NULL && ++progress->pending == PROGRESS_BATCH)
    pl_export_progress_advance (progress, 0);
}

/* Errors */

/* Turns an I/O error into PL_EXPORT_ERROR_WRITE naming the destination; a cancellation
 * stays G_IO_ERROR_CANCELLED so that callers can tell it from a failure. */
static void
sink_propagate_error (PlExportSink  *sink,
                      GError       **error,
                      GError        *io_error)
{
  g_assert (sink != NULL);
  pl_atomic_file_propagate_error (sink->destination, io_error, error);
}

/* Opening and closing */

static gboolean
sink_open (PlExportSink  *sink,
           GFile         *destination,
           GCancellable  *cancellable,
           GError       **error)
{
  g_assert (sink != NULL);
  g_assert (G_IS_FILE (destination));

  sink->destination = g_object_ref (destination);
  sink->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  sink->file = pl_atomic_file_open (destination, cancellable, error);
  if (sink->file == NULL)
    return FALSE;
  sink->stream = pl_atomic_file_get_stream (sink->file);
  sink->buffer = g_string_sized_new (CHUNK_SIZE + CHUNK_SIZE / 4);
  return TRUE;
}

/* Completes the export: the temporary file is renamed over the destination. */
static gboolean
sink_commit (PlExportSink  *sink,
             GError       **error)
{
  g_assert (sink != NULL);

  if (!pl_export_sink_flush (sink, TRUE, error))
    return FALSE;
  sink->stream = NULL;
  return pl_atomic_file_commit (g_steal_pointer (&sink->file), error);
}

/* Leaves the destination as it was. */
static void
sink_discard (PlExportSink *sink)
{
  g_assert (sink != NULL);

  sink->stream = NULL;
  g_clear_pointer (&sink->file, pl_atomic_file_discard);
}

static void
sink_clear (PlExportSink *sink)
{
  g_assert (sink != NULL);

  g_clear_object (&sink->destination);
  g_clear_object (&sink->cancellable);
  if (sink->buffer != NULL)
    g_string_free (g_steal_pointer (&sink->buffer), TRUE);
}

gboolean
pl_export_write_atomically (GFile             *destination,
                            GCancellable      *cancellable,
                            PlExportSinkFunc   func,
                            gpointer           user_data,
                            GError           **error)
{
  PlExportSink sink = { 0 };
  gboolean ok;

  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  ok = sink_open (&sink, destination, cancellable, error) &&
       func (&sink, user_data, error) &&
       sink_commit (&sink, error);
  if (!ok)
    sink_discard (&sink);

  sink_clear (&sink);

  return ok;
}

/* Writing */

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
