/* pl-error.h — error domains of the Plenary core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PL_STORE_ERROR (pl_store_error_quark ())
#define PL_IMPORT_ERROR (pl_import_error_quark ())
#define PL_EXPORT_ERROR (pl_export_error_quark ())

/* Errors of the project store.  Messages name the file and say what to do. */
typedef enum
{
  PL_STORE_ERROR_OPEN,        /* the file cannot be opened or created */
  PL_STORE_ERROR_NOT_PROJECT, /* the file is not a Plenary project (or is damaged) */
  PL_STORE_ERROR_NEWER,       /* made by a newer Plenary: schema version above ours */
  PL_STORE_ERROR_READ_ONLY,   /* the file or its folder cannot be written */
  PL_STORE_ERROR_FULL,        /* the disk is full */
  PL_STORE_ERROR_EXISTS,      /* asked to create a project where a file exists */
  PL_STORE_ERROR_NOT_FOUND,   /* a document, code, coder or annotation does not exist */
  PL_STORE_ERROR_INVALID,     /* a value is out of range (an offset past the text, …) */
  PL_STORE_ERROR_FAILED,      /* any other SQLite failure */
  PL_STORE_ERROR_DUPLICATE,   /* the same coding (span, code, coder) is there already */
} PlStoreError;

/* Errors of importers: every message names the file. */
typedef enum
{
  PL_IMPORT_ERROR_READ,        /* missing, unreadable, a folder, … */
  PL_IMPORT_ERROR_EMPTY,       /* no bytes, or only white space */
  PL_IMPORT_ERROR_BINARY,      /* binary data, or a known non-text format */
  PL_IMPORT_ERROR_ENCODING,    /* bytes that no supported encoding explains */
  PL_IMPORT_ERROR_TOO_LARGE,   /* above PL_IMPORT_MAX_BYTES */
  PL_IMPORT_ERROR_UNSUPPORTED, /* a format we do not read (yet) */
  PL_IMPORT_ERROR_MALFORMED,   /* a structured file that does not parse */
} PlImportError;

typedef enum
{
  PL_EXPORT_ERROR_WRITE,       /* the destination cannot be written */
  PL_EXPORT_ERROR_FAILED,
} PlExportError;

GQuark pl_store_error_quark  (void);
GQuark pl_import_error_quark (void);
GQuark pl_export_error_quark (void);

G_END_DECLS
