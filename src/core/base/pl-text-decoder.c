/* pl-text-decoder.c — bytes of a text file to normalised UTF-8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-text-decoder"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-text.h"
#include "pl-text-decoder.h"

/* Known non-text formats, recognised by their first bytes. */
typedef enum
{
  KIND_NONE,
  KIND_PDF,
  KIND_ZIP,
  KIND_DOCX,
  KIND_XLSX,
  KIND_PPTX,
  KIND_ODF_TEXT,
  KIND_ODF,
  KIND_PNG,
  KIND_JPEG,
  KIND_GIF,
  KIND_GZIP,
  KIND_XZ,
  KIND_7Z,
  KIND_RAR,
  KIND_SQLITE,
  KIND_ELF,
  KIND_OLE2,
} BinaryKind;

typedef struct
{
  const char *magic;
  gsize       length;
  BinaryKind  kind;
} Magic;

static const Magic magics[] = {
  { "%PDF", 4, KIND_PDF },
  { "PK\x03\x04", 4, KIND_ZIP },
  { "\x89PNG\r\n\x1a\n", 8, KIND_PNG },
  { "\xff\xd8\xff", 3, KIND_JPEG },
  { "GIF87a", 6, KIND_GIF },
  { "GIF89a", 6, KIND_GIF },
  { "\x1f\x8b", 2, KIND_GZIP },
  { "\xfd" "7zXZ\0", 6, KIND_XZ },
  { "7z\xbc\xaf\x27\x1c", 6, KIND_7Z },
  { "Rar!\x1a\x07", 6, KIND_RAR },
  { "SQLite format 3\0", 16, KIND_SQLITE },
  { "\x7f" "ELF", 4, KIND_ELF },
  { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, KIND_OLE2 },
};

/* Windows-1252 for 0x80–0x9F; 0 marks the five undefined bytes.  0xA0–0xFF are Latin-1. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
  0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* A file with a larger share of control characters than this is binary. */
#define CONTROL_SHARE_LIMIT 0.10
/* UTF-16 without a BOM: the share of high bytes that are NUL in text of ASCII-range
 * characters, and the most the other half may have. */
#define UTF16_NUL_SHARE_MIN 0.40
#define UTF16_OTHER_NUL_SHARE_MAX 0.10

const char *
pl_text_encoding_to_string (PlTextEncoding encoding)
{
  switch (encoding)
    {
    case PL_TEXT_ENCODING_UTF8:
      return "UTF-8";
    case PL_TEXT_ENCODING_UTF8_BOM:
      return "UTF-8 with BOM";
    case PL_TEXT_ENCODING_UTF16_LE:
      return "UTF-16LE";
    case PL_TEXT_ENCODING_UTF16_BE:
      return "UTF-16BE";
    case PL_TEXT_ENCODING_UTF32_LE:
      return "UTF-32LE";
    case PL_TEXT_ENCODING_UTF32_BE:
      return "UTF-32BE";
    case PL_TEXT_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
has_prefix (const guint8 *data,
            gsize         length,
            const char   *prefix,
            gsize         prefix_length)
{
  g_assert (prefix != NULL);

  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

static gboolean
contains_bytes (const guint8 *data,
                gsize         length,
                const char   *needle)
{
  gsize needle_length = strlen (needle);
  const guint8 *p = data;
  const guint8 *last;

  g_assert (needle_length > 0);

  if (length < needle_length)
    return FALSE;

  last = data + length - needle_length;
  while (p <= last)
    {
      p = memchr (p, needle[0], last - p + 1);
      if (p == NULL)
        return FALSE;
      if (memcmp (p, needle, needle_length) == 0)
        return TRUE;
      p++;
    }

  return FALSE;
}

/* Tells the office formats that are ZIP archives from other archives. */
static BinaryKind
classify_zip (const guint8 *data,
              gsize         length)
{
  /* An OpenDocument file starts with an uncompressed "mimetype" entry at offset 30. */
  if (length > 38 && memcmp (data + 30, "mimetype", 8) == 0)
    {
      if (has_prefix (data + 38, length - 38, "application/vnd.oasis.opendocument.text", 39))
        return KIND_ODF_TEXT;
      if (has_prefix (data + 38, length - 38, "application/vnd.oasis.opendocument.", 35))
        return KIND_ODF;
    }

  /* Entry names are stored uncompressed, in local headers and the central directory. */
  if (contains_bytes (data, length, "word/document.xml"))
    return KIND_DOCX;
  if (contains_bytes (data, length, "xl/workbook.xml"))
    return KIND_XLSX;
  if (contains_bytes (data, length, "ppt/presentation.xml"))
    return KIND_PPTX;

  return KIND_ZIP;
}

static BinaryKind
detect_binary_kind (const guint8 *data,
                    gsize         length)
{
  for (guint i = 0; i < G_N_ELEMENTS (magics); i++)
    {
      if (!has_prefix (data, length, magics[i].magic, magics[i].length))
        continue;

      if (magics[i].kind == KIND_ZIP)
        return classify_zip (data, length);

      return magics[i].kind;
    }

  return KIND_NONE;
}

static void
set_binary_kind_error (GError     **error,
                       BinaryKind   kind,
                       const char  *name)
{
  switch (kind)
    {
    case KIND_PDF:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a PDF document, not plain text."), name);
      break;
    case KIND_ZIP:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a ZIP archive, not plain text."), name);
      break;
    case KIND_DOCX:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a Word document (DOCX), not plain text."), name);
      break;
    case KIND_XLSX:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is an Excel workbook, not plain text."), name);
      break;
    case KIND_PPTX:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a PowerPoint presentation, not plain text."), name);
      break;
    case KIND_ODF_TEXT:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is an OpenDocument text (ODT), not plain text."), name);
      break;
    case KIND_ODF:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is an OpenDocument file, not plain text."), name);
      break;
    case KIND_PNG:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a PNG image, not plain text."), name);
      break;
    case KIND_JPEG:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a JPEG image, not plain text."), name);
      break;
    case KIND_GIF:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a GIF image, not plain text."), name);
      break;
    case KIND_GZIP:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a gzip-compressed file, not plain text."), name);
      break;
    case KIND_XZ:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is an xz-compressed file, not plain text."), name);
      break;
    case KIND_7Z:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a 7-Zip archive, not plain text."), name);
      break;
    case KIND_RAR:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a RAR archive, not plain text."), name);
      break;
    case KIND_SQLITE:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is an SQLite database, not plain text."), name);
      break;
    case KIND_ELF:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a program, not plain text."), name);
      break;
    case KIND_OLE2:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                   _("“%s” is a Microsoft Office document in the old binary format "
                     "(such as .doc), not plain text."), name);
      break;
    case KIND_NONE:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_binary_control (guint8 c)
{
  if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1B)
    return FALSE;

  return c < 0x20 || c == 0x7F;
}

/* Whether a byte of @word is below @n (at most 0x80): the bytes at 0x80 and above never
 * borrow, and a byte below @n sets its high bit when @n is taken from it. */
static inline gboolean
has_byte_below (guint64 word,
                guint8  n)
{
  return ((word - G_GUINT64_CONSTANT (0x0101010101010101) * n) & ~word
          & G_GUINT64_CONSTANT (0x8080808080808080)) != 0;
}

/* NUL bytes, or too many control characters. */
static gboolean
looks_binary (const guint8 *data,
              gsize         length)
{
  gsize n_control = 0;

  if (memchr (data, '\0', length) != NULL)
    return TRUE;

  for (gsize i = 0; i < length; i++)
    {
      guint64 word;

      /* Eight bytes at a time while none is below ' ' or DEL (0x7F). */
      if (length - i >= 8)
        {
          memcpy (&word, data + i, sizeof word);
          if (!has_byte_below (word, ' ') && !has_byte_below (word ^ G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f), 1))
            {
              i += 7;
              continue;
            }
        }
      n_control += is_binary_control (data[i]);
    }

  return n_control > length * CONTROL_SHARE_LIMIT;
}

/* Decoded text with too many control characters. */
static gboolean
text_looks_binary (const char *text,
                   gsize       length)
{
  gsize n_chars = 0;
  gsize n_control = 0;

  for (const char *p = text; p < text + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      n_chars++;
      n_control += c < 0x80 && is_binary_control (c);
    }

  return n_control > n_chars * CONTROL_SHARE_LIMIT;
}

/* UTF-16 without a BOM, as Windows' "Unicode" files sometimes are: text of mostly
 * ASCII-range characters has a NUL in nearly every other byte. */
static gboolean
guess_utf16 (const guint8   *data,
             gsize           length,
             PlTextEncoding *encoding)
{
  gsize n_nul[2] = { 0, 0 };
  gsize half;

  g_assert (encoding != NULL);

  if (length < 4 || length % 2 != 0)
    return FALSE;
  /* Without a NUL, neither half has any. */
  if (memchr (data, '\0', length) == NULL)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    n_nul[i % 2] += data[i] == 0;

  half = length / 2;

  /* Little-endian: the high bytes are the odd ones. */
  if (n_nul[1] >= half * UTF16_NUL_SHARE_MIN && n_nul[0] <= half * UTF16_OTHER_NUL_SHARE_MAX)
    {
      *encoding = PL_TEXT_ENCODING_UTF16_LE;
      return TRUE;
    }

  if (n_nul[0] >= half * UTF16_NUL_SHARE_MIN && n_nul[1] <= half * UTF16_OTHER_NUL_SHARE_MAX)
    {
      *encoding = PL_TEXT_ENCODING_UTF16_BE;
      return TRUE;
    }

  return FALSE;
}

/* Text with a NUL passes, to be refused later with a message of its own. */
static gboolean
is_utf8_or_has_nul (const char *text,
                    gsize       length)
{
  return memchr (text, '\0', length) != NULL || g_utf8_validate (text, length, NULL);
}

/* Converts with iconv; NULL (without an error set) when the bytes are not @encoding. */
static char *
convert_to_utf8 (const guint8   *data,
                 gsize           length,
                 PlTextEncoding  encoding,
                 gsize          *out_length)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *utf8 = NULL;
  gsize written = 0;

  g_assert (out_length != NULL);

  utf8 = g_convert ((const char *) data, length, "UTF-8",
                    pl_text_encoding_to_string (encoding), NULL, &written, &local_error);
  if (utf8 == NULL)
    {
      g_debug ("Not %s: %s", pl_text_encoding_to_string (encoding), local_error->message);
      return NULL;
    }

  if (!is_utf8_or_has_nul (utf8, written))
    return NULL;

  *out_length = written;
  return g_steal_pointer (&utf8);
}

/* Counts the valid multi-byte sequences and the invalid sequences of @data as UTF-8. */
static void
count_utf8 (const guint8 *data,
            gsize         length,
            gsize        *out_valid,
            gsize        *out_invalid)
{
  const char *p = (const char *) data;
  const char *end = p + length;
  gsize valid = 0, invalid = 0;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate (p, end - p, &bad))
        bad = end;
      for (const char *q = p; q < bad; q = g_utf8_next_char (q))
        if ((guchar) *q >= 0x80)
          valid++;
      if (bad == end)
        break;
      invalid++;
      p = bad + 1;
    }

  *out_valid = valid;
  *out_invalid = invalid;
}

/* UTF-8 with each invalid byte replaced by U+FFFD (a NUL is kept, to be refused later). */
static char *
repair_utf8 (const guint8 *data,
             gsize         length,
             gsize        *out_length)
{
  GString *out = g_string_sized_new (length + 16);
  const char *p = (const char *) data;
  const char *end = p + length;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate (p, end - p, &bad))
        bad = end;
      g_string_append_len (out, p, bad - p);
      if (bad == end)
        break;
      if (*bad == '\0')
        g_string_append_c (out, '\0');
      else
        g_string_append (out, "\xef\xbf\xbd");
      p = bad + 1;
    }

  *out_length = out->len;
  return g_string_free (out, FALSE);
}

/* Windows-1252 to UTF-8; NULL when a byte is one of the five undefined ones. */
static char *
decode_windows_1252 (const guint8 *data,
                     gsize         length,
                     gsize        *out_length)
{
  GString *out = g_string_sized_new (length + length / 8 + 1);

  g_assert (out_length != NULL);

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      if (c < 0x80)
        g_string_append_c (out, c);
      else if (c >= 0xA0)
        g_string_append_unichar (out, c);
      else if (cp1252_high[c - 0x80] != 0)
        g_string_append_unichar (out, cp1252_high[c - 0x80]);
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  *out_length = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static void
set_bom_error (GError        **error,
               PlTextEncoding  encoding,
               const char     *name)
{
  const char *encoding_name = pl_text_encoding_to_string (encoding);

  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING,
               _("“%s” is marked as %s text but is not valid %s. "
                 "Save it again as UTF-8 and import it again."),
               name, encoding_name, encoding_name);
}

char *
pl_text_decode (const guint8   *data,
                gsize           length,
                const char     *display_name,
                PlTextEncoding *out_encoding,
                guint          *out_replaced,
                GError        **error)
{
  static const struct
  {
    const char     *bom;
    gsize           length;
    PlTextEncoding  encoding;
  } boms[] = {
    /* UTF-32LE before UTF-16LE: FF FE 00 00 starts with the UTF-16LE mark. */
    { "\xff\xfe\0\0", 4, PL_TEXT_ENCODING_UTF32_LE },
    { "\0\0\xfe\xff", 4, PL_TEXT_ENCODING_UTF32_BE },
    { "\xef\xbb\xbf", 3, PL_TEXT_ENCODING_UTF8_BOM },
    { "\xff\xfe", 2, PL_TEXT_ENCODING_UTF16_LE },
    { "\xfe\xff", 2, PL_TEXT_ENCODING_UTF16_BE },
  };
  g_autofree char *converted = NULL;
  const char *decoded = NULL;   /* converted, or the bytes themselves when they are UTF-8 */
  g_autofree char *text = NULL;
  gsize decoded_length = 0;
  PlTextEncoding encoding = PL_TEXT_ENCODING_UTF8;
  gboolean found_bom = FALSE;
  guint replaced = 0;
  BinaryKind kind;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length == 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty."), display_name);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (boms); i++)
    {
      if (!has_prefix (data, length, boms[i].bom, boms[i].length))
        continue;

      encoding = boms[i].encoding;
      found_bom = TRUE;

      if (encoding == PL_TEXT_ENCODING_UTF8_BOM)
        {
          const char *rest = (const char *) data + boms[i].length;
          gsize rest_length = length - boms[i].length;

          if (is_utf8_or_has_nul (rest, rest_length))
            {
              decoded = rest;
              decoded_length = rest_length;
            }
        }
      else
        {
          decoded = converted = convert_to_utf8 (data + boms[i].length, length - boms[i].length,
                                                 encoding, &decoded_length);
        }

      if (decoded == NULL)
        {
          set_bom_error (error, encoding, display_name);
          return NULL;
        }
      break;
    }

  if (!found_bom)
    {
      kind = detect_binary_kind (data, length);
      if (kind != KIND_NONE)
        {
          set_binary_kind_error (error, kind, display_name);
          return NULL;
        }

      if (guess_utf16 (data, length, &encoding))
        {
          decoded = converted = convert_to_utf8 (data, length, encoding, &decoded_length);
          if (decoded != NULL &&
              (memchr (decoded, '\0', decoded_length) != NULL ||
               text_looks_binary (decoded, decoded_length)))
            {
              g_clear_pointer (&converted, g_free);
              decoded = NULL;
            }
        }

      if (decoded == NULL && looks_binary (data, length))
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY,
                       _("“%s” looks like binary data, not text."), display_name);
          return NULL;
        }

      /* Normalised from the bytes themselves, without a copy. */
      if (decoded == NULL && pl_text_validate ((const char *) data, length, NULL))
        {
          encoding = PL_TEXT_ENCODING_UTF8;
          decoded = (const char *) data;
          decoded_length = length;
        }

      if (decoded == NULL)
        {
          gsize valid, invalid;

          count_utf8 (data, length, &valid, &invalid);
          if (valid > 0 && invalid <= valid)
            {
              /* UTF-8 with a few damaged sequences: keep it UTF-8, say how many. */
              encoding = PL_TEXT_ENCODING_UTF8;
              decoded = converted = repair_utf8 (data, length, &decoded_length);
              replaced = (guint) MIN (invalid, G_MAXUINT);
            }
          else if (valid * 10 >= invalid)
            {
              g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING,
                           _("“%s” mixes encodings: %lu of its characters "
                             "are UTF-8 and %lu bytes are not. Save it again "
                             "as UTF-8, then import it."),
                           display_name, (gulong) valid, (gulong) invalid);
              return NULL;
            }
          else
            {
              encoding = PL_TEXT_ENCODING_WINDOWS_1252;
              decoded = converted = decode_windows_1252 (data, length, &decoded_length);
            }
        }

      if (decoded == NULL)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING,
                       _("“%s” is not in a text encoding Plenary recognises "
                         "(tried UTF-8, UTF-16, Windows-1252)."),
                       display_name);
          return NULL;
        }
    }

  if (memchr (decoded, '\0', decoded_length) != NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING,
                   _("“%s” contains NUL characters, which plain text does not have."),
                   display_name);
      return NULL;
    }

  text = pl_text_normalize (decoded, decoded_length);

  if (*text == '\0')
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY,
                   _("“%s” is empty."), display_name);
      return NULL;
    }

  if (is_blank (text))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY,
                   _("“%s” contains only white space."), display_name);
      return NULL;
    }

  if (out_encoding != NULL)
    *out_encoding = encoding;
  if (out_replaced != NULL)
    *out_replaced = replaced;

  return g_steal_pointer (&text);
}
