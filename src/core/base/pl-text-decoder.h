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
 * UTF-16 LE/BE, UTF-32 LE/BE) wins; then valid UTF-8; then Windows-1252 for legacy
 * single-byte text.  @out_encoding (optional) receives what was detected. */
char *pl_text_decode (const guint8   *data,
                      gsize           length,
                      const char     *display_name,
                      PlTextEncoding *out_encoding,
                      GError        **error);

G_END_DECLS
