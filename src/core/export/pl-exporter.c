/* pl-exporter.c — the coded dataset out of a project: formats, options, sync and async
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-exporter"

#include "config.h"

#include <libxml/parser.h>

#include "pl-export-private.h"
#include "pl-refi-export.h"

/* How many times at most an asynchronous export reports its progress. */
#define PROGRESS_STEPS 200

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
    { "links", PL_EXPORT_FORMAT_LINKS },
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

static PlExportWriteFunc
writer_for (PlExportFormat format)
{
  switch (format)
    {
    case PL_EXPORT_FORMAT_CSV:
      return pl_export_write_long_csv;
    case PL_EXPORT_FORMAT_JSON:
      return pl_export_write_json;
    case PL_EXPORT_FORMAT_MATRIX:
      return pl_export_write_matrix;
    case PL_EXPORT_FORMAT_QDPX:
      return pl_refi_write_qdpx;
    case PL_EXPORT_FORMAT_LINKS:
      return pl_export_write_links_csv;
    default:
      return NULL;
    }
}

/* Options */

PlExportOptions *
pl_export_options_new (void)
{
  return g_new0 (PlExportOptions, 1);
}

PlExportOptions *
pl_export_options_copy (const PlExportOptions *options)
{
  PlExportOptions *copy;

  g_return_val_if_fail (options != NULL, NULL);

  copy = g_new0 (PlExportOptions, 1);
  *copy = *options;
  pl_project_filter_copy (&options->filter, &copy->filter);

  return copy;
}

void
pl_export_options_free (PlExportOptions *options)
{
  if (options == NULL)
    return;

  pl_project_filter_clear (&options->filter);
  g_free (options);
}

/* Writing */

typedef struct
{
  PlProjectReader       *reader;
  PlExportWriteFunc      write;
  const PlExportOptions *options;
  PlExportProgress       progress;
} Export;

static gboolean
export_into_sink (PlExportSink  *sink,
                  gpointer       user_data,
                  GError       **error)
{
  Export *export = user_data;

  return export->write (export->reader, sink, export->options, &export->progress, error);
}

/* Writes @spec's destination from @reader with @write (NULL: the writer of its format). */
static gboolean
export_from_reader (PlProjectReader     *reader,
                    const PlExportSpec  *spec,
                    PlExportWriteFunc    write,
                    GCancellable        *cancellable,
                    GError             **error)
{
  PlExportOptions defaults = { 0 };
  Export export = { reader, write, spec->options, { spec->progress, spec->progress_data, 0, 0 } };

  if (export.write == NULL)
    export.write = writer_for (spec->format);
  if (export.options == NULL)
    export.options = &defaults;
  g_return_val_if_fail (export.write != NULL, FALSE);

  return pl_export_write_atomically (spec->destination, cancellable, export_into_sink, &export,
                                     error);
}

static gboolean
export_project (PlProject           *project,
                const PlExportSpec  *spec,
                PlExportWriteFunc    write,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(PlProjectReader) reader = NULL;
  gboolean ok;

  reader = pl_project_reader_new_for_project (project, error);
  ok = reader != NULL && export_from_reader (reader, spec, write, cancellable, error);

  if (spec->progress_notify != NULL)
    spec->progress_notify (spec->progress_data);

  return ok;
}

gboolean
pl_export_csv (PlProject     *project,
               GFile         *destination,
               GCancellable  *cancellable,
               GError       **error)
{
  PlExportSpec spec = { PL_EXPORT_FORMAT_CSV, destination, NULL, NULL, NULL, NULL };

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_project (project, &spec, pl_export_write_compact_csv, cancellable, error);
}

gboolean
pl_export_json (PlProject     *project,
                GFile         *destination,
                GCancellable  *cancellable,
                GError       **error)
{
  return pl_export (project, PL_EXPORT_FORMAT_JSON, destination, cancellable, error);
}

gboolean
pl_export (PlProject      *project,
           PlExportFormat  format,
           GFile          *destination,
           GCancellable   *cancellable,
           GError        **error)
{
  PlExportSpec spec = { format, destination, NULL, NULL, NULL, NULL };

  return pl_export_full (project, &spec, cancellable, error);
}

gboolean
pl_export_full (PlProject           *project,
                const PlExportSpec  *spec,
                GCancellable        *cancellable,
                GError             **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (spec != NULL && G_IS_FILE (spec->destination), FALSE);
  g_return_val_if_fail (writer_for (spec->format) != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return export_project (project, spec, NULL, cancellable, error);
}

/* Asynchronous exports
 *
 * The worker opens its own reader on the project's file: the store's connection and its
 * cached statements belong to the thread that opened it.  Progress is passed to the
 * caller's main context by events that hold a reference on the caller's callback and
 * data, so that the spec's progress_notify runs there, after the last event. */

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
  g_autoptr(PlProjectReader) reader = NULL;
  PlExportSpec spec = { data->format, data->destination, data->options,
                        export_task_progress, data, NULL };
  GError *error = NULL;
  gboolean ok;

  reader = pl_project_reader_open (data->path, &error);
  ok = reader != NULL && export_from_reader (reader, &spec, NULL, cancellable, &error);
  /* The connection is closed before the caller hears of the result. */
  g_clear_pointer (&reader, pl_project_reader_free);
  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }

  export_task_progress (data->total, data->total, data);
  g_task_return_boolean (task, TRUE);
}

void
pl_export_async (PlProject           *project,
                 const PlExportSpec  *spec,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  g_return_if_fail (PL_IS_PROJECT (project));
  g_return_if_fail (spec != NULL && G_IS_FILE (spec->destination));
  g_return_if_fail (writer_for (spec->format) != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* libxml2 sets itself up once, here, rather than in a worker thread. */
  xmlInitParser ();

  data = g_new0 (ExportTask, 1);
  data->path = g_strdup (pl_project_get_path (project));
  data->format = spec->format;
  data->destination = g_object_ref (spec->destination);
  data->options = spec->options != NULL ? pl_export_options_copy (spec->options)
                                        : pl_export_options_new ();
  data->context = g_main_context_ref_thread_default ();
  data->target = g_new0 (ProgressTarget, 1);
  data->target->ref_count = 1;
  data->target->func = spec->progress;
  data->target->data = spec->progress_data;
  data->target->notify = spec->progress_notify;

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
