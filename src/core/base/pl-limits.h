/* pl-limits.h — every resource limit applied to input, in one place
 *
 * A file over a limit is refused with a message that names the file and the limit; the
 * project is left unchanged.  README.md ("Limits") lists the same figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A file read for import (text, HTML, Markdown, DOCX, ODT, PDF, REFI-QDA, codebooks). */
#define PL_LIMIT_FILE_BYTES           (G_GUINT64_CONSTANT (64) * 1024 * 1024)
/* The text of one document, once extracted from its file. */
#define PL_LIMIT_TEXT_BYTES           (G_GUINT64_CONSTANT (64) * 1024 * 1024)
/* One entry of an archive (DOCX, ODT, .qdpx), inflated. */
#define PL_LIMIT_ARCHIVE_ENTRY_BYTES  (G_GUINT64_CONSTANT (256) * 1024 * 1024)
/* One XML part of a DOCX or ODT file, inflated (a thousand pages take a few megabytes; the
 * parsed tree takes several times this in memory). */
#define PL_LIMIT_OFFICE_PART_BYTES    (G_GUINT64_CONSTANT (32) * 1024 * 1024)
/* All entries of one archive together, inflated. */
#define PL_LIMIT_ARCHIVE_TOTAL_BYTES  (G_GUINT64_CONSTANT (256) * 1024 * 1024)
/* Inflated size over compressed size of an archive past its first megabyte: real office
 * files and projects stay far below this; zip bombs reach thousands. */
#define PL_LIMIT_ARCHIVE_RATIO        200
/* Entries in one archive. */
#define PL_LIMIT_ARCHIVE_ENTRIES      100000
/* Nesting of JSON arrays and objects, checked before json-glib parses (it recurses). */
#define PL_LIMIT_JSON_DEPTH           128
/* Nesting of XML elements (libxml2's own default without XML_PARSE_HUGE is 256). */
#define PL_LIMIT_XML_DEPTH            256
/* Statements in one document. */
#define PL_LIMIT_STATEMENTS           200000

G_END_DECLS
