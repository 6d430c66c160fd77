/* pl-importer.h — files into documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-limits.h"
#include "pl-project.h"

G_BEGIN_DECLS

/* Files larger than this are refused (PL_IMPORT_ERROR_TOO_LARGE). */
#define PL_IMPORT_MAX_BYTES ((gint) PL_LIMIT_FILE_BYTES)

/* Zip entries (DOCX, ODT parts) larger than this once uncompressed are refused
 * (PL_IMPORT_ERROR_TOO_LARGE): a guard against zip bombs. */
#define PL_IMPORT_MAX_ENTRY_BYTES ((gint) PL_LIMIT_OFFICE_PART_BYTES)

/* What pl_importer_read() learnt of a file besides its text. */
typedef struct
{
  char *title;    /* the document's own title (HTML <title>, PDF title) or the file name
                   * without its extension */
  char *format;   /* "text", "markdown", "html", "docx", "odt" or "pdf" */
  char *language; /* as the file states it ("en", "fr-FR"), or NULL */
  char *date;     /* the file's own document date as YYYY-MM-DD, or NULL */
  char *warning;  /* what the reader repaired, for the user ("… 3 damaged bytes …"), or NULL */
} PlImportedText;

/* Frees the strings of @self and sets them to NULL. */
void        pl_imported_text_clear  (PlImportedText *self);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlImportedText, pl_imported_text_clear)

/* Reads @file and extracts its text (no database access: safe in a worker thread).
 * The format is found from the content: "%PDF-" is a PDF; a ZIP with word/document.xml
 * is DOCX, one with the OpenDocument text mimetype is ODT (other archives are refused);
 * text that starts with <!DOCTYPE html> or <html> (after a BOM, white space, comments or
 * an XML declaration) is HTML, as is markup in a .html, .htm or .xhtml file; a .md or
 * .markdown file is Markdown; anything else is plain text in any encoding
 * pl_text_decode() reads.
 *
 * Extracted text has one paragraph per block (paragraph, heading, list item, table cell),
 * blocks separated by a blank line; footnotes and endnotes of DOCX and ODT follow as
 * "[n] text" paragraphs, with "[n]" where they were cited.  Markdown loses its markup:
 * heading #s, emphasis * and _, code backticks and fences (the code is kept), link
 * targets ([text](url) keeps text), images, blockquote >s, reference definitions and
 * rules; list items keep "- " (for -, * and +) or their number.
 *
 * Returns the normalised text (pl_text_normalize()).  @out (optional; its fields are
 * overwritten, not freed) receives what else was learnt; clear it with
 * pl_imported_text_clear().  Errors are PL_IMPORT_ERROR, naming the file. */
char       *pl_importer_read        (GFile          *file,
                                     PlImportedText *out,
                                     GCancellable   *cancellable,
                                     GError        **error);

/* The same for @length bytes of @contents, the file named @display_name (its extension
 * tells Markdown and HTML apart from plain text; everything else is told from the
 * content).  Refuses text over PL_LIMIT_TEXT_BYTES and more paragraphs than
 * PL_LIMIT_STATEMENTS (PL_IMPORT_ERROR_TOO_LARGE). */
char       *pl_importer_read_data   (const char     *contents,
                                     gsize           length,
                                     const char     *display_name,
                                     PlImportedText *out,
                                     GCancellable   *cancellable,
                                     GError        **error);

/* pl_importer_read() for callers that only want the title. */
char       *pl_importer_read_text   (GFile         *file,
                                     char         **out_title,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Reads @file (pl_importer_read()) and adds it to @project in one transaction, with
 * the metadata "format" and, when the file states them, "language" and "date".  On
 * error the project is unchanged.  @out_warning (optional) receives what the reader
 * repaired, for the user, or NULL. */
PlDocument *pl_importer_import_file (PlProject     *project,
                                     GFile         *file,
                                     char         **out_warning,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
