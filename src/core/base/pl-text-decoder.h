/* pl-text-decoder.h — bytes of a text file to normalised UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PL_TEXT_ENCODING_UTF8,
  PL_TEXT_ENCODING_UTF8_BOM,
  PL_TEXT_ENCODING_UTF16_LE,
  PL_TEXT_ENCODING_UTF16_BE,
  PL_TEXT_ENCODING_UTF32_LE,
  PL_TEXT_ENCODING_UTF32_BE,
  PL_TEXT_ENCODING_WINDOWS_1252,
} PlTextEncoding;

const char *pl_text_encoding_to_string (PlTextEncoding encoding);

/* Decodes @data (@length bytes) into normalised text (pl_text_normalize()).
 * @display_name names the file in error messages (PL_IMPORT_ERROR: EMPTY for no bytes or
 * only white space, BINARY for binary data or a known non-text format such as PDF, ZIP,
 * PNG…, ENCODING for bytes no supported encoding explains).  Detection: a BOM (UTF-8,
 * UTF-16 LE/BE, UTF-32 LE/BE) wins; then valid UTF-8; then UTF-8 with a few invalid
 * sequences (at most as many as its valid multi-byte ones), each replaced by U+FFFD and
 * counted in @out_replaced; then Windows-1252 for legacy single-byte text (a file whose
 * valid UTF-8 sequences are few beside the invalid ones).  A file that mixes the two in
 * between is refused (ENCODING), never decoded into mojibake.  @out_encoding and
 * @out_replaced (optional) receive what was detected and how many sequences were
 * replaced. */
char *pl_text_decode (const guint8   *data,
                      gsize           length,
                      const char     *display_name,
                      PlTextEncoding *out_encoding,
                      guint          *out_replaced,
                      GError        **error);

G_END_DECLS
