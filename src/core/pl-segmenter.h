/* pl-segmenter.h — splitting a document's text into statements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pl-annotation.h"

G_BEGIN_DECLS

/* A half-open range of code points [start, end). */
typedef struct
{
  guint start;
  guint end;
} PlSpan;

/* Splits normalised @text into paragraphs: blocks separated by blank lines, or, in a text
 * that has no blank line, single lines.  Each span is trimmed of surrounding white space;
 * empty blocks are dropped.  Returns a GArray of PlSpan in text order. */
GArray *pl_segmenter_split_paragraphs (const char *text);

/* Splits normalised @text into statements: PlStatement items in text order with index
 * (from 1), start, end, kind, and what is known of the speaker (NULL when unknown).
 * The store calls this for every new document. */
GPtrArray *pl_segmenter_segment (const char *text);

G_END_DECLS
