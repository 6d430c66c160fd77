/* pl-importer.h — files into documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-project.h"

G_BEGIN_DECLS

/* Files larger than this are refused (PL_IMPORT_ERROR_TOO_LARGE). */
#define PL_IMPORT_MAX_BYTES (64 * 1024 * 1024)

/* Reads and decodes @file (no database access: safe in a worker thread).  Returns the
 * normalised text; @out_title receives the title (the file name without extension). */
char       *pl_importer_read_text   (GFile         *file,
                                     char         **out_title,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Reads @file and adds it to @project in one transaction.  On error the project is
 * unchanged. */
PlDocument *pl_importer_import_file (PlProject     *project,
                                     GFile         *file,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
