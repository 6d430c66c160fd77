/* pl-import-private.h — what the importer's format readers share
 *
 * Each reader takes the file's bytes and its display name (for error messages) and
 * returns the extracted text as UTF-8, not yet normalised, with blocks separated by a
 * blank line; it fills the fields of @out it knows (never title or format, which the
 * dispatcher sets, except a document title it found) and leaves the others alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-importer.h"

G_BEGIN_DECLS

typedef enum
{
  PL_ZIP_KIND_OTHER,
  PL_ZIP_KIND_DOCX,
  PL_ZIP_KIND_ODT,
} PlZipKind;

/* Appends one extracted block to @out: trimmed of white space at both ends, dropped when
 * nothing is left, separated from the previous block by a blank line. */
void       pl_import_append_block      (GString          *out,
                                        const char       *block);

/* Appends @text to @out with runs of white space (and U+00A0) turned into one space; no
 * space at the start of @out or after a newline. */
void       pl_import_append_collapsed  (GString          *out,
                                        const char       *text);

/* "2021-03-12" from the start of an ISO 8601 date or date-time, or NULL when @text does
 * not start with a valid date. */
char      *pl_import_parse_iso_date    (const char       *text);

/* @candidate trimmed when it is a usable document title (not empty, not a file name
 * or a word processor's placeholder, of reasonable length), else NULL. */
char      *pl_import_sensible_title    (const char       *candidate);

/* Whether @text (decoded) is HTML by its start, or by @display_name's extension and a
 * look of markup. */
gboolean   pl_import_looks_like_html   (const char       *text,
                                        const char       *display_name);

/* The text of HTML @text (UTF-8). */
char      *pl_import_html              (const char       *text,
                                        gsize             length,
                                        const char       *display_name,
                                        PlImportedText   *out,
                                        GError          **error);

/* The charset an HTML file declares in a <meta> within its first bytes, or NULL. */
char      *pl_import_html_declared_charset (const guint8 *data,
                                            gsize         length);

/* Markdown @text without its markup (see pl_importer_read()). */
char      *pl_import_markdown          (const char       *text);

/* Which office format a ZIP archive holds. */
PlZipKind  pl_import_office_sniff      (const guint8     *data,
                                        gsize             length);

char      *pl_import_docx              (const guint8     *data,
                                        gsize             length,
                                        const char       *display_name,
                                        PlImportedText   *out,
                                        GCancellable     *cancellable,
                                        GError          **error);

char      *pl_import_odt               (const guint8     *data,
                                        gsize             length,
                                        const char       *display_name,
                                        PlImportedText   *out,
                                        GCancellable     *cancellable,
                                        GError          **error);

/* Whether @data is an OLE2 container holding an encrypted OOXML package (a DOCX saved
 * with a password). */
gboolean   pl_import_office_is_encrypted_ole (const guint8 *data,
                                              gsize         length);

char      *pl_import_pdf               (const guint8     *data,
                                        gsize             length,
                                        const char       *display_name,
                                        PlImportedText   *out,
                                        GCancellable     *cancellable,
                                        GError          **error);

/* Adds @text read from @file to @project with @info's title and metadata, in one
 * transaction. */
PlDocument *pl_import_add_document     (PlProject            *project,
                                        GFile                *file,
                                        const char           *text,
                                        const PlImportedText *info,
                                        GError              **error);

/* The name to show for @file in messages: its display name, or its parse name. */
char      *pl_import_dup_display_name  (GFile            *file);

G_END_DECLS
