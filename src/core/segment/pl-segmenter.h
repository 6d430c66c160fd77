/* pl-segmenter.h — splitting a document's text into statements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pl-annotation.h"
#include "pl-gazetteer.h"

G_BEGIN_DECLS

/* A half-open range of code points [start, end). */
typedef struct
{
  guint start;
  guint end;
} PlSpan;

/* How the segmenter found a statement's speaker (the statements.speaker_source column). */
typedef enum
{
  PL_SPEAKER_SOURCE_NONE,          /* front matter, or nobody */
  PL_SPEAKER_SOURCE_LABEL,         /* "label": a transcript's speaker label */
  PL_SPEAKER_SOURCE_REPORTED,      /* "reported": "The representative of X stated …" */
  PL_SPEAKER_SOURCE_CONTINUATION,  /* "continuation": "He went on …", the same turn */
  PL_SPEAKER_SOURCE_PRONOUN,       /* "pronoun": "He stressed …" carries the last speaker */
  PL_SPEAKER_SOURCE_HANDOVER,      /* "handover": an unlabelled turn after "I give the floor to X" */
  PL_SPEAKER_SOURCE_NAME,          /* "name": "… said Okonkwo" */
  PL_SPEAKER_SOURCE_USER,          /* "user": set by hand */
  PL_SPEAKER_SOURCE_HEADING,       /* "heading": the text is one statement, "Statement by X" */
} PlSpeakerSource;

/* The column value ("label", "reported", …), or NULL for PL_SPEAKER_SOURCE_NONE. */
const char *pl_speaker_source_to_string (PlSpeakerSource source);

/* Splits normalised @text into paragraphs: blocks separated by blank lines, or, in a text
 * that has no blank line, single lines.  Each span is trimmed of surrounding white space;
 * empty blocks are dropped.  Returns a GArray of PlSpan in text order. */
GArray *pl_segmenter_split_paragraphs (const char *text);

/* Splits normalised @text into statements: PlStatement items in text order with index
 * (from 1), start, end, kind, and what is known of the speaker, recognised with
 * @gazetteer (NULL: the built-in one).  The rules are described at the top of
 * pl-segmenter.c.  The store calls this for every new document. */
GPtrArray *pl_segmenter_segment (const char  *text,
                                 PlGazetteer *gazetteer);

/* The same; @speaker_sources, when not NULL, receives a GArray of PlSpeakerSource, one
 * for each statement. */
GPtrArray *pl_segmenter_segment_full (const char   *text,
                                      PlGazetteer  *gazetteer,
                                      GArray      **speaker_sources);

G_END_DECLS
