/* pl-export-private.h — what the files of export/ share; not for other folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-export-sink.h"
#include "pl-exporter.h"
#include "pl-project-links.h"
#include "pl-project-read.h"

G_BEGIN_DECLS

struct _PlExportProgress
{
  PlExportProgressFunc func;
  gpointer             data;
  guint64              total;
  guint64              done;
  guint64              pending;  /* rows counted by pl_export_progress_tick() not yet told */
};

typedef gboolean (*PlExportSinkFunc) (PlExportSink  *sink,
                                      gpointer       user_data,
                                      GError       **error);

/* Opens a sink on a temporary file beside @destination and calls @func with it; renames
 * the file over @destination when @func succeeds, removes it otherwise.  I/O failures are
 * PL_EXPORT_ERROR_WRITE naming @destination; a cancellation stays G_IO_ERROR_CANCELLED. */
gboolean      pl_export_write_atomically     (GFile              *destination,
                                              GCancellable       *cancellable,
                                              PlExportSinkFunc    func,
                                              gpointer            user_data,
                                              GError            **error);

/* The writers of the formats, each in its own file. */
typedef gboolean (*PlExportWriteFunc) (PlProjectReader        *reader,
                                       PlExportSink           *sink,
                                       const PlExportOptions  *options,
                                       PlExportProgress       *progress,
                                       GError                **error);

gboolean      pl_export_write_long_csv       (PlProjectReader        *reader,
                                              PlExportSink           *sink,
                                              const PlExportOptions  *options,
                                              PlExportProgress       *progress,
                                              GError                **error);
/* The sixteen columns of Plenary 0.1 only (pl_export_csv()). */
gboolean      pl_export_write_compact_csv    (PlProjectReader        *reader,
                                              PlExportSink           *sink,
                                              const PlExportOptions  *options,
                                              PlExportProgress       *progress,
                                              GError                **error);
gboolean      pl_export_write_matrix         (PlProjectReader        *reader,
                                              PlExportSink           *sink,
                                              const PlExportOptions  *options,
                                              PlExportProgress       *progress,
                                              GError                **error);
gboolean      pl_export_write_json           (PlProjectReader        *reader,
                                              PlExportSink           *sink,
                                              const PlExportOptions  *options,
                                              PlExportProgress       *progress,
                                              GError                **error);

/* The links table (pl-export-links.c) */

gboolean      pl_export_write_links_csv      (PlProjectReader        *reader,
                                              PlExportSink           *sink,
                                              const PlExportOptions  *options,
                                              PlExportProgress       *progress,
                                              GError                **error);

/* One exported link; everything is borrowed for the duration of the callback. */
typedef struct
{
  const PlLink      *link;
  PlDocument        *document;      /* the statement's document */
  const PlStatement *statement;     /* in which the passage starts, or NULL */
  const char        *text;          /* the statement's passage */
  PlDocument        *outcome;
  const PlOutcome   *outcome_mark;  /* NULL when the document is not marked */
  const char        *outcome_text;
  const PlCoder     *coder;         /* NULL when nobody is known */
} PlExportLinkRow;

typedef gboolean (*PlExportLinkFunc) (const PlExportLinkRow  *row,
                                      gpointer                user_data,
                                      GError                **error);

/* Calls @func for each link whose two documents the filter keeps, in the order of
 * pl_project_list_links(), until it returns FALSE. */
gboolean      pl_export_foreach_link         (PlProjectReader        *reader,
                                              const PlExportOptions  *options,
                                              PlExportLinkFunc        func,
                                              gpointer                user_data,
                                              GError                **error);

/* CSV fields (pl-export-csv.c), shared with the matrix. */

/* "," and the field. */
void          pl_export_csv_append_text      (GString           *out,
                                              const char        *value,
                                              gboolean           spreadsheet_safe);
void          pl_export_csv_append_uint      (GString           *out,
                                              guint64            value);
void          pl_export_csv_append_int       (GString           *out,
                                              gint64             value);

G_END_DECLS
