/* pl-text.h — text as Plenary stores it: UTF-8, LF line endings, NFC; offsets are code points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns a newly allocated copy of @utf8 (valid UTF-8, @length bytes or -1 for
 * NUL-terminated) with CRLF and lone CR turned into LF and the result in Unicode NFC.
 * A leading U+FEFF is dropped. */
char     *pl_text_normalize (const char *utf8,
                             gssize      length);

/* Number of Unicode code points in @utf8. */
guint     pl_text_length    (const char *utf8);

/* Whether @utf8 (@length bytes, or -1 for NUL-terminated) is valid UTF-8, as
 * g_utf8_validate() says; when it is, @out_length (may be NULL) is its number of code
 * points.  One pass, quick on ASCII. */
gboolean  pl_text_validate  (const char *utf8,
                             gssize      length,
                             guint      *out_length);

/* The code points [@start, @end) of @utf8 as a new string; offsets past the end are
 * clamped. */
char     *pl_text_slice     (const char *utf8,
                             guint       start,
                             guint       end);

/* Cutting one text by code points again and again, as analyses and search do: quick when
 * the start of a cut does not go back from one to the next (it may: that only costs a walk
 * from the beginning).  Set it up on a text, which must outlive it; nothing to free. */
typedef struct
{
  const char *text;
  const char *limit;     /* the terminating NUL */
  const char *position;  /* where code point @offset starts */
  guint       offset;
} PlTextCursor;

void        pl_text_cursor_init (PlTextCursor *cursor,
                                 const char   *utf8);
/* The code points [@start, @end) of the text, clamped like pl_text_slice(), as a pointer
 * into the text and a length in bytes. */
const char *pl_text_cursor_cut  (PlTextCursor *cursor,
                                 guint         start,
                                 guint         end,
                                 gsize        *out_length);
/* The same as a new string. */
char       *pl_text_cursor_dup  (PlTextCursor *cursor,
                                 guint         start,
                                 guint         end);

G_END_DECLS
