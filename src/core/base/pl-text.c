/* pl-text.c — text as Plenary stores it: UTF-8, LF line endings, NFC; offsets are code points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-text"

#include "config.h"

#include <string.h>

#include "pl-text.h"

/* g_utf8_normalize() moves the rest of its buffer on every composition, which is
 * quadratic on long text; so the text is normalised in short chunks. */
#define NFC_CHUNK_BYTES 256
/* A chunk is cut here even without a boundary, to keep the time linear.  Only a run of
 * thousands of combining marks has none (the Stream-Safe Text Format allows 30). */
#define NFC_CHUNK_MAX_BYTES 4096

/* How many bytes from @p on, up to @end, are ASCII (NUL included): eight at a time, as most
 * of a transcript is. */
static gsize
ascii_run (const char *p,
           const char *end)
{
  const char *q = p;
  guint64 word;

  while (end - q >= 8)
    {
      memcpy (&word, q, sizeof word);
      if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        break;
      q += 8;
    }
  while (q < end && (guchar) *q < 0x80)
    q++;
  return q - p;
}

/* Whether NFC never changes across a boundary before @c: @c and the first character of
 * its decomposition are starters that no earlier character composes with.  Those that do
 * are combining marks, and the Hangul vowel and final consonant jamo. */
static gboolean
is_nfc_boundary (gunichar c)
{
  if (c < 0x80)
    return TRUE;
  if ((c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2))
    return FALSE;

  return g_unichar_combining_class (c) == 0 && !g_unichar_ismark (c);
}

static void
append_nfc (GString    *out,
            const char *chunk,
            gsize       length,
            gboolean    ascii)
{
  g_autofree char *nfc = NULL;

  g_assert (out != NULL);

  if (ascii)
    {
      g_string_append_len (out, chunk, length);
      return;
    }

  nfc = g_utf8_normalize (chunk, length, G_NORMALIZE_NFC);
  g_assert (nfc != NULL);
  g_string_append (out, nfc);
}

static char *
utf8_to_nfc (const char *text,
             gsize       length)
{
  GString *out = g_string_sized_new (length + length / 16 + 1);
  const char *end = text + length;
  const char *chunk = text;
  const char *p = text;
  gboolean chunk_ascii = TRUE;

  g_assert (text != NULL);

  while (p < end)
    {
      gunichar c;
      const char *next;

      /* No chunk ends before NFC_CHUNK_BYTES, and ASCII leaves chunk_ascii as it is: an
       * ASCII stretch up to there is passed at once. */
      if (p - chunk < NFC_CHUNK_BYTES)
        {
          p += ascii_run (p, MIN (end, chunk + NFC_CHUNK_BYTES));
          if (p == end)
            break;
        }

      c = (guchar) *p;
      next = p + 1;
      if (c >= 0x80)
        {
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);
        }

      if ((p - chunk >= NFC_CHUNK_BYTES && is_nfc_boundary (c)) ||
          p - chunk >= NFC_CHUNK_MAX_BYTES)
        {
          append_nfc (out, chunk, p - chunk, chunk_ascii);
          chunk = p;
          chunk_ascii = TRUE;
        }

      chunk_ascii &= c < 0x80;
      p = next;
    }

  append_nfc (out, chunk, end - chunk, chunk_ascii);

  return g_string_free (out, FALSE);
}

char *
pl_text_normalize (const char *utf8,
                   gssize      length)
{
  const char *p;
  const char *end;
  char *lf;
  char *out;
  char *nfc;
  gboolean ascii;

  g_return_val_if_fail (utf8 != NULL, NULL);

  if (length < 0)
    length = strlen (utf8);

  p = utf8;
  end = p + length;

  /* U+FEFF as UTF-8 */
  if (length >= 3 && (guchar) p[0] == 0xEF && (guchar) p[1] == 0xBB && (guchar) p[2] == 0xBF)
    p += 3;

  /* ASCII is always in NFC, and valid UTF-8 when it has no NUL (after a U+FEFF too). */
  ascii = ascii_run (p, end) == (gsize) (end - p);
  g_return_val_if_fail ((ascii && memchr (p, '\0', end - p) == NULL)
                        || g_utf8_validate (utf8, length, NULL), NULL);

  /* Line endings to LF: the text between carriage returns is copied as it is. */
  lf = out = g_malloc (end - p + 1);
  while (p < end)
    {
      const char *cr = memchr (p, '\r', end - p);
      const char *stop = cr != NULL ? cr : end;

      memcpy (out, p, stop - p);
      out += stop - p;
      p = stop;
      if (cr != NULL)
        {
          *out++ = '\n';
          p++;
          if (p < end && *p == '\n')
            p++;
        }
    }
  *out = '\0';

  if (ascii)
    return lf;

  nfc = utf8_to_nfc (lf, out - lf);
  g_free (lf);

  return nfc;
}

/* Code points in [p, end) of valid UTF-8; ASCII stretches at once, the rest by their lead
 * bytes as g_utf8_strlen() counts them. */
static gsize
count_code_points (const char *p,
                   const char *end)
{
  gsize n = 0;

  while (p < end)
    {
      gsize run = ascii_run (p, end);

      p += run;
      n += run;
      while (p < end && (guchar) *p >= 0x80)
        {
          p = g_utf8_next_char (p);
          n++;
        }
    }
  return n;
}

guint
pl_text_length (const char *utf8)
{
  g_return_val_if_fail (utf8 != NULL, 0);

  return (guint) count_code_points (utf8, utf8 + strlen (utf8));
}

gboolean
pl_text_validate (const char *utf8,
                  gssize      length,
                  guint      *out_length)
{
  const char *p = utf8;
  const char *end;
  gsize n = 0;

  g_return_val_if_fail (utf8 != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (utf8);
  else if (length > 0 && memchr (utf8, '\0', length) != NULL)
    return FALSE;

  /* ASCII bytes are whole characters: the text is valid when each stretch between them is. */
  end = utf8 + length;
  while (p < end)
    {
      gsize run = ascii_run (p, end);
      const char *stretch;

      p += run;
      n += run;
      for (stretch = p; p < end && (guchar) *p >= 0x80; p++)
        n += ((guchar) *p & 0xC0) != 0x80;
      if (p > stretch && !g_utf8_validate (stretch, p - stretch, NULL))
        return FALSE;
    }

  if (out_length != NULL)
    *out_length = (guint) n;
  return TRUE;
}

/* Like g_utf8_offset_to_pointer(), but stops at the end of the string. */
static const char *
offset_to_pointer_clamped (const char *utf8,
                           guint       offset)
{
  const char *p = utf8;

  g_assert (utf8 != NULL);

  while (offset > 0 && *p != '\0')
    {
      p = g_utf8_next_char (p);
      offset--;
    }

  return p;
}

char *
pl_text_slice (const char *utf8,
               guint       start,
               guint       end)
{
  const char *from;
  const char *to;

  g_return_val_if_fail (utf8 != NULL, NULL);

  if (end < start)
    end = start;

  from = offset_to_pointer_clamped (utf8, start);
  to = offset_to_pointer_clamped (from, end - start);

  return g_strndup (from, to - from);
}

/* Cursors */

void
pl_text_cursor_init (PlTextCursor *cursor,
                     const char   *utf8)
{
  g_return_if_fail (cursor != NULL);
  g_return_if_fail (utf8 != NULL);

  cursor->text = utf8;
  cursor->limit = utf8 + strlen (utf8);
  cursor->position = utf8;
  cursor->offset = 0;
}

/* The byte @n code points after @p, or @limit; ASCII eight bytes at a time, as most of a
 * transcript is. */
static const char *
skip_code_points (const char *p,
                  const char *limit,
                  guint       n)
{
  while (n > 0 && p < limit)
    {
      guint64 word;

      if (n >= 8 && limit - p >= 8)
        {
          memcpy (&word, p, sizeof word);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              p += 8;
              n -= 8;
              continue;
            }
        }
      p = g_utf8_next_char (p);
      n--;
    }

  return MIN (p, limit);
}

const char *
pl_text_cursor_cut (PlTextCursor *cursor,
                    guint         start,
                    guint         end,
                    gsize        *out_length)
{
  const char *from;
  const char *to;

  g_return_val_if_fail (cursor != NULL && cursor->text != NULL, NULL);
  g_return_val_if_fail (out_length != NULL, NULL);

  if (start < cursor->offset)
    {
      cursor->position = cursor->text;
      cursor->offset = 0;
    }

  from = skip_code_points (cursor->position, cursor->limit, start - cursor->offset);
  /* Past the end, the cursor stays where the text ends. */
  if (from == cursor->limit)
    start = cursor->offset + g_utf8_strlen (cursor->position, from - cursor->position);
  cursor->position = from;
  cursor->offset = start;

  to = end > start ? skip_code_points (from, cursor->limit, end - start) : from;
  *out_length = to - from;
  return from;
}

char *
pl_text_cursor_dup (PlTextCursor *cursor,
                    guint         start,
                    guint         end)
{
  gsize length;
  const char *from = pl_text_cursor_cut (cursor, start, end, &length);

  return from != NULL ? g_strndup (from, length) : NULL;
}
