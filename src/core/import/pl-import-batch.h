/* pl-import-batch.h — importing many files and folders, off the main thread
 *
 * Folders are expanded to the files they hold, recursively, sorted by name within each
 * folder; hidden files and folders inside them are skipped (a hidden file given by
 * itself is imported).  Each file is read and extracted in a worker thread and added to
 * the project on the main context that started the batch, in its own transaction: a file
 * is either imported whole or not at all.  Cancelling stops after the file being added;
 * the files not reached are reported as cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"

G_BEGIN_DECLS

/* What became of one file. */
typedef struct
{
  GFile    *file;
  char     *display_name;   /* the name in the folder given, such as "2021/report.pdf" */
  gboolean  imported;
  gint64    document_id;    /* when imported */
  guint     n_statements;   /* when imported */
  char     *warning;        /* when imported with a repair the user should know of, or NULL */
  GError   *error;          /* when not: PL_IMPORT_ERROR, PL_STORE_ERROR, or
                             * G_IO_ERROR_CANCELLED for a file the batch did not reach */
} PlImportResult;

#define PL_TYPE_IMPORT_RESULT (pl_import_result_get_type ())

GType           pl_import_result_get_type (void) G_GNUC_CONST;
PlImportResult *pl_import_result_copy     (const PlImportResult *result);
void            pl_import_result_free     (PlImportResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlImportResult, pl_import_result_free)

/* Called on the main context: @done files of @total are finished, and @current (or
 * NULL when all are) is the one being imported.  Called first once the folders are
 * expanded (done 0) and last with @done == @total. */
typedef void (*PlImportProgressFunc) (guint       done,
                                      guint       total,
                                      const char *current,
                                      gpointer    user_data);

/* Who hears of the progress of a batch. */
typedef struct
{
  PlImportProgressFunc func;
  gpointer             data;
} PlImportProgress;

/* Imports @files (GFile: files or folders) into @project.  @progress (optional) and
 * @callback are called on the thread-default main context of the caller, which must
 * run until @callback. */
void       pl_import_batch_run_async  (PlProject               *project,
                                       GPtrArray               *files,
                                       const PlImportProgress  *progress,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data);

/* Returns the PlImportResult of every file, in import order (the array frees them).
 * Failures of single files are in the results; @error is set only when the batch could
 * not run at all. */
GPtrArray *pl_import_batch_run_finish (PlProject            *project,
                                       GAsyncResult         *result,
                                       GError              **error);

/* The same, on the calling thread (for the command line). */
GPtrArray *pl_import_batch_run        (PlProject               *project,
                                       GPtrArray               *files,
                                       const PlImportProgress  *progress,
                                       GCancellable            *cancellable,
                                       GError                 **error);

G_END_DECLS
