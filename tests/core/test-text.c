/* test-text.c — normalisation, code point offsets and decoding of text files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pl-error.h"
#include "pl-text.h"
#include "pl-text-decoder.h"

/* Helpers: bytes of a file, written in C. */

static GByteArray *
bytes_new (const char *data,
           gsize       length)
{
  GByteArray *bytes = g_byte_array_new ();

  g_byte_array_append (bytes, (const guint8 *) data, length);
  return bytes;
}

static GByteArray *
encode_utf16 (const char *utf8,
              gboolean    big_endian,
              gboolean    with_bom)
{
  g_autofree gunichar2 *units = NULL;
  glong n_units = 0;
  GByteArray *bytes = g_byte_array_new ();

  units = g_utf8_to_utf16 (utf8, -1, NULL, &n_units, NULL);
  g_assert_nonnull (units);

  if (with_bom)
    g_byte_array_append (bytes, (const guint8 *) (big_endian ? "\xfe\xff" : "\xff\xfe"), 2);

  for (glong i = 0; i < n_units; i++)
    {
      guint8 pair[2];

      pair[big_endian ? 0 : 1] = units[i] >> 8;
      pair[big_endian ? 1 : 0] = units[i] & 0xff;
      g_byte_array_append (bytes, pair, 2);
    }

  return bytes;
}

static GByteArray *
encode_utf32 (const char *utf8,
              gboolean    big_endian)
{
  g_autofree gunichar *chars = NULL;
  glong n_chars = 0;
  GByteArray *bytes = g_byte_array_new ();

  chars = g_utf8_to_ucs4 (utf8, -1, NULL, &n_chars, NULL);
  g_assert_nonnull (chars);

  g_byte_array_append (bytes,
                       (const guint8 *) (big_endian ? "\0\0\xfe\xff" : "\xff\xfe\0\0"), 4);

  for (glong i = 0; i < n_chars; i++)
    {
      guint8 quad[4];

      for (guint b = 0; b < 4; b++)
        {
          guint8 value = (chars[i] >> (8 * b)) & 0xff;

          quad[big_endian ? 3 - b : b] = value;
        }
      g_byte_array_append (bytes, quad, 4);
    }

  return bytes;
}

static void
assert_decodes (GByteArray     *bytes,
                const char     *expected,
                PlTextEncoding  expected_encoding)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PlTextEncoding encoding = (PlTextEncoding) -1;

  text = pl_text_decode (bytes->data, bytes->len, "sample.txt", &encoding, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, expected);
  g_assert_cmpint (encoding, ==, expected_encoding);
  g_assert_true (g_utf8_validate (text, -1, NULL));
}

static void
assert_refused (GByteArray   *bytes,
                const char   *display_name,
                PlImportError code,
                const char   *also_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *quoted = g_strdup_printf ("“%s”", display_name);

  text = pl_text_decode (bytes->data, bytes->len, display_name, NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, PL_IMPORT_ERROR, (gint) code);
  g_assert_nonnull (strstr (error->message, quoted));
  if (also_in_message != NULL)
    g_assert_nonnull (strstr (error->message, also_in_message));
}

/* pl_text_normalize */

static void
test_normalize_line_endings (void)
{
  struct
  {
    const char *input;
    const char *expected;
  } cases[] = {
    { "one\r\ntwo\r\n", "one\ntwo\n" },
    { "one\rtwo\r", "one\ntwo\n" },
    { "a\r\n\rb\n\r\nc\r", "a\n\nb\n\nc\n" },
    { "a\r\r\nb", "a\n\nb" },
    { "\r\n\r\n", "\n\n" },
    { "no line end", "no line end" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pl_text_normalize (cases[i].input, -1);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_normalize_length_argument (void)
{
  g_autofree char *text = pl_text_normalize ("abc\r\ndef", 5);
  g_autofree char *split_crlf = pl_text_normalize ("abc\r\ndef", 4);

  g_assert_cmpstr (text, ==, "abc\n");
  g_assert_cmpstr (split_crlf, ==, "abc\n");
}

static void
test_normalize_bom (void)
{
  g_autofree char *leading = pl_text_normalize ("\xef\xbb\xbfText", -1);
  g_autofree char *inner = pl_text_normalize ("Te\xef\xbb\xbfxt", -1);

  g_assert_cmpstr (leading, ==, "Text");
  /* Only a leading U+FEFF is a byte-order mark. */
  g_assert_cmpstr (inner, ==, "Te\xef\xbb\xbfxt");
}

static void
test_normalize_nfc (void)
{
  g_autofree char *composed = pl_text_normalize ("Se\xcc\x81" "ance\r\n", -1);
  /* q + U+0307 COMBINING DOT ABOVE has no precomposed form. */
  g_autofree char *kept = pl_text_normalize ("q\xcc\x87", -1);
  /* Already NFC, non-ASCII: unchanged. */
  g_autofree char *same = pl_text_normalize ("Déjà vu — 中文 😀", -1);

  g_assert_cmpstr (composed, ==, "S\xc3\xa9" "ance\n");
  g_assert_cmpuint (pl_text_length (composed), ==, 7);
  g_assert_cmpstr (kept, ==, "q\xcc\x87");
  g_assert_cmpuint (pl_text_length (kept), ==, 2);
  g_assert_cmpstr (same, ==, "Déjà vu — 中文 😀");
}

static void
test_normalize_large (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = NULL;
  gint64 started;

  while (input->len < 1024 * 1024)
    {
      g_string_append (input, "The representative of Côte d'Ivoire said\r\n"
                              "Se\xcc\x81" "ance 😀\r");
      g_string_append (expected, "The representative of Côte d'Ivoire said\n"
                                 "S\xc3\xa9" "ance 😀\n");
    }

  started = g_get_monotonic_time ();
  text = pl_text_normalize (input->str, input->len);
  g_test_message ("normalised %" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " us",
                  input->len, g_get_monotonic_time () - started);

  g_assert_cmpstr (text, ==, expected->str);
}

static void
test_normalize_matches_glib (void)
{
  /* Sequences that compose, reorder or decompose, at every alignment: e + U+0323 + U+0301,
   * Hangul L V T jamo, a Hangul LV syllable + T, U+212B ANGSTROM SIGN, U+0958, Bengali
   * U+09C7 + U+09BE, a lone mark, CJK, an emoji. */
  const char *pieces[] = {
    "e\xcc\x81\xcc\xa3", "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", "\xea\xb0\x80\xe1\x86\xa8",
    "\xe2\x84\xab", "\xe0\xa5\x98", "\xe0\xa7\x87\xe0\xa6\xbe", "\xcc\x87", "中文", "😀",
    "A", " ", "\n", "é", "\xe3\x81\x8b\xe3\x82\x99",
  };
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  guint32 state = 1;

  while (input->len < 64 * 1024)
    {
      state = state * 1103515245 + 12345;
      g_string_append (input, pieces[(state >> 16) % G_N_ELEMENTS (pieces)]);
    }

  expected = g_utf8_normalize (input->str, input->len, G_NORMALIZE_NFC);
  text = pl_text_normalize (input->str, input->len);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_normalize_long_mark_run (void)
{
  /* A megabyte of alternating combining marks: nothing composes, and it must not take
   * quadratic time to find that out. */
  g_autoptr(GString) input = g_string_new ("q");
  g_autofree char *text = NULL;
  guint n_marks = 0;

  while (input->len < 1024 * 1024)
    {
      g_string_append (input, "\xcc\x81\xcc\xa3");
      n_marks += 2;
    }

  text = pl_text_normalize (input->str, input->len);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (pl_text_length (text), ==, 1 + n_marks);
}

/* pl_text_length, pl_text_slice */

static void
test_length (void)
{
  g_assert_cmpuint (pl_text_length (""), ==, 0);
  g_assert_cmpuint (pl_text_length ("abc"), ==, 3);
  g_assert_cmpuint (pl_text_length ("é"), ==, 1);
  g_assert_cmpuint (pl_text_length ("😀"), ==, 1);
  g_assert_cmpuint (pl_text_length ("中文"), ==, 2);
  /* WOMAN, ZERO WIDTH JOINER, PERSONAL COMPUTER: one glyph, three code points. */
  g_assert_cmpuint (pl_text_length ("👩‍💻"), ==, 3);
  g_assert_cmpuint (pl_text_length ("a😀b中文c"), ==, 6);
}

/* Against GLib, on ASCII stretches of every length around the eight bytes read at once,
 * with characters of each width and broken sequences between them. */
static void
test_validate (void)
{
  const char *pieces[] = {
    "é", "中", "😀", "\xcc\x81", "\xe2\x80\x8d",
    "\xc3", "\xe4\xb8", "\x80", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff",
  };
  guint length = 0;

  g_assert_true (pl_text_validate ("", -1, &length));
  g_assert_cmpuint (length, ==, 0);
  g_assert_true (pl_text_validate ("a😀b中文c👩‍💻", -1, NULL));
  g_assert_true (pl_text_validate ("abc\0def", 3, &length));
  g_assert_cmpuint (length, ==, 3);
  /* With a length, a NUL inside is refused, as g_utf8_validate() refuses it. */
  g_assert_false (pl_text_validate ("abc\0def", 7, NULL));
  g_assert_false (pl_text_validate ("é\0", 3, NULL));

  for (guint before = 0; before < 20; before++)
    for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
      for (guint after = 0; after < 20; after += 3)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          gboolean valid;

          for (guint k = 0; k < before; k++)
            g_string_append_c (text, 'a' + k % 26);
          g_string_append (text, pieces[i]);
          g_string_append (text, pieces[(i + before) % 5]);
          for (guint k = 0; k < after; k++)
            g_string_append_c (text, k % 7 == 0 ? '\n' : 'z');

          valid = g_utf8_validate (text->str, -1, NULL);
          length = G_MAXUINT;
          g_assert_cmpint (pl_text_validate (text->str, -1, &length), ==, valid);
          g_assert_cmpint (pl_text_validate (text->str, text->len, NULL), ==, valid);
          if (valid)
            {
              g_assert_cmpuint (length, ==, g_utf8_strlen (text->str, -1));
              g_assert_cmpuint (pl_text_length (text->str), ==, length);
            }
        }
}

static void
test_slice (void)
{
  const char *text = "a😀b中文c👩‍💻";
  struct
  {
    guint start;
    guint end;
    const char *expected;
  } cases[] = {
    { 0, 1, "a" },
    { 1, 2, "😀" },
    { 2, 5, "b中文" },
    { 4, 6, "文c" },
    { 6, 7, "👩" },
    { 7, 8, "\xe2\x80\x8d" },
    { 6, 9, "👩‍💻" },
    { 0, 9, "a😀b中文c👩‍💻" },
    { 5, 100, "c👩‍💻" },
    { 9, 12, "" },
    { 100, 200, "" },
    { 3, 3, "" },
    { 3, 1, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *slice = pl_text_slice (text, cases[i].start, cases[i].end);

      g_assert_cmpstr (slice, ==, cases[i].expected);
    }
}

/* pl_text_decode: what it accepts */

static void
test_decode_utf8 (void)
{
  const char *text = "Déclaration 😀 中文\r\nzweite Zeile";
  g_autoptr(GByteArray) bytes = bytes_new (text, strlen (text));

  assert_decodes (bytes, "Déclaration 😀 中文\nzweite Zeile", PL_TEXT_ENCODING_UTF8);
}

static void
test_decode_utf8_nfc (void)
{
  const char *text = "Se\xcc\x81" "ance";
  g_autoptr(GByteArray) bytes = bytes_new (text, strlen (text));

  assert_decodes (bytes, "S\xc3\xa9" "ance", PL_TEXT_ENCODING_UTF8);
}

static void
test_decode_utf8_bom (void)
{
  const char *text = "\xef\xbb\xbf" "Caf\xc3\xa9 😀\r\n";
  g_autoptr(GByteArray) bytes = bytes_new (text, strlen (text));

  assert_decodes (bytes, "Café 😀\n", PL_TEXT_ENCODING_UTF8_BOM);
}

static void
test_decode_utf16_le_bom (void)
{
  g_autoptr(GByteArray) bytes = encode_utf16 ("Café 😀 中文\r\nline", FALSE, TRUE);

  assert_decodes (bytes, "Café 😀 中文\nline", PL_TEXT_ENCODING_UTF16_LE);
}

static void
test_decode_utf16_be_bom (void)
{
  g_autoptr(GByteArray) bytes = encode_utf16 ("Café 😀 中文\r\nline", TRUE, TRUE);

  assert_decodes (bytes, "Café 😀 中文\nline", PL_TEXT_ENCODING_UTF16_BE);
}

static void
test_decode_utf32_le_bom (void)
{
  g_autoptr(GByteArray) bytes = encode_utf32 ("Café 😀 中文\r\nline", FALSE);

  assert_decodes (bytes, "Café 😀 中文\nline", PL_TEXT_ENCODING_UTF32_LE);
}

static void
test_decode_utf32_be_bom (void)
{
  g_autoptr(GByteArray) bytes = encode_utf32 ("Café 😀 中文\r\nline", TRUE);

  assert_decodes (bytes, "Café 😀 中文\nline", PL_TEXT_ENCODING_UTF32_BE);
}

static void
test_decode_utf16_without_bom (void)
{
  const char *text = "The representative of Japan said:\r\n"
                     "Cyberspace is not lawless. Ça va, 中文.";
  const char *expected = "The representative of Japan said:\n"
                         "Cyberspace is not lawless. Ça va, 中文.";
  g_autoptr(GByteArray) le = encode_utf16 (text, FALSE, FALSE);
  g_autoptr(GByteArray) be = encode_utf16 (text, TRUE, FALSE);

  assert_decodes (le, expected, PL_TEXT_ENCODING_UTF16_LE);
  assert_decodes (be, expected, PL_TEXT_ENCODING_UTF16_BE);
}

static void
test_decode_windows_1252 (void)
{
  /* “smart quotes” € – café Œuvre ÿ */
  const char *cp1252 = "\x93smart quotes\x94 \x80 \x96 caf\xe9 \x8cuvre \xff\r\n";
  g_autoptr(GByteArray) bytes = bytes_new (cp1252, strlen (cp1252));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree gunichar *chars = NULL;
  PlTextEncoding encoding = PL_TEXT_ENCODING_UTF8;
  glong n_chars = 0;

  assert_decodes (bytes, "“smart quotes” € – café Œuvre ÿ\n", PL_TEXT_ENCODING_WINDOWS_1252);

  text = pl_text_decode (bytes->data, bytes->len, "legacy.txt", &encoding, NULL, &error);
  g_assert_no_error (error);
  chars = g_utf8_to_ucs4 (text, -1, NULL, &n_chars, NULL);
  g_assert_cmpint (n_chars, ==, 32);
  g_assert_cmphex (chars[0], ==, 0x201C);
  g_assert_cmphex (chars[13], ==, 0x201D);
  g_assert_cmphex (chars[15], ==, 0x20AC);
  g_assert_cmphex (chars[17], ==, 0x2013);
  g_assert_cmphex (chars[22], ==, 0x00E9);
  g_assert_cmphex (chars[24], ==, 0x0152);
  g_assert_cmphex (chars[30], ==, 0x00FF);
}

/* UTF-8 with one damaged byte stays UTF-8: the dash stays a dash, the bad byte becomes
 * U+FFFD, and the count says so; a file that is half UTF-8, half Windows-1252 is
 * refused rather than turned into mojibake. */
static void
test_decode_damaged_utf8 (void)
{
  const char *damaged = "The Chair \xe2\x80\x94 Ambassador \xe2\x80\x94 spoke\xff on norms.\n";
  const char *mixed = "caf\xc3\xa9 caf\xe9 d\xe9j\xe0 \xe0 na\xefve r\xe9sum\xe9\n";
  g_autoptr(GByteArray) bytes = bytes_new (damaged, strlen (damaged));
  g_autoptr(GByteArray) mixed_bytes = bytes_new (mixed, strlen (mixed));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PlTextEncoding encoding = PL_TEXT_ENCODING_WINDOWS_1252;
  guint replaced = 0;

  text = pl_text_decode (bytes->data, bytes->len, "damaged.txt", &encoding, &replaced, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "The Chair — Ambassador — spoke\xef\xbf\xbd on norms.\n");
  g_assert_cmpint (encoding, ==, PL_TEXT_ENCODING_UTF8);
  g_assert_cmpuint (replaced, ==, 1);
  g_clear_pointer (&text, g_free);

  text = pl_text_decode (mixed_bytes->data, mixed_bytes->len, "mixed.txt", NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "“mixed.txt” mixes encodings"));
}

static void
test_decode_encoding_names (void)
{
  g_assert_cmpstr (pl_text_encoding_to_string (PL_TEXT_ENCODING_UTF8), ==, "UTF-8");
  g_assert_cmpstr (pl_text_encoding_to_string (PL_TEXT_ENCODING_UTF16_LE), ==, "UTF-16LE");
  g_assert_cmpstr (pl_text_encoding_to_string (PL_TEXT_ENCODING_UTF16_BE), ==, "UTF-16BE");
  g_assert_cmpstr (pl_text_encoding_to_string (PL_TEXT_ENCODING_UTF32_LE), ==, "UTF-32LE");
  g_assert_cmpstr (pl_text_encoding_to_string (PL_TEXT_ENCODING_UTF32_BE), ==, "UTF-32BE");
  g_assert_cmpstr (pl_text_encoding_to_string (PL_TEXT_ENCODING_WINDOWS_1252), ==,
                   "Windows-1252");
  g_assert_nonnull (pl_text_encoding_to_string (PL_TEXT_ENCODING_UTF8_BOM));
}

/* pl_text_decode: what it refuses */

static void
test_refuse_undefined_1252 (void)
{
  const guint8 undefined[] = { 0x81, 0x8D, 0x8F, 0x90, 0x9D };

  for (guint i = 0; i < G_N_ELEMENTS (undefined); i++)
    {
      g_autoptr(GByteArray) bytes = bytes_new ("caf\xe9 ", 5);

      g_byte_array_append (bytes, &undefined[i], 1);
      g_byte_array_append (bytes, (const guint8 *) " end", 4);
      assert_refused (bytes, "legacy.txt", PL_IMPORT_ERROR_ENCODING, "Windows-1252");
    }
}

static void
test_refuse_empty (void)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GByteArray) only_bom = bytes_new ("\xef\xbb\xbf", 3);
  g_autoptr(GError) error = NULL;
  char *text;

  assert_refused (bytes, "report.txt", PL_IMPORT_ERROR_EMPTY, "empty");
  assert_refused (only_bom, "bom.txt", PL_IMPORT_ERROR_EMPTY, NULL);

  text = pl_text_decode (NULL, 0, "report.txt", NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "“report.txt” is empty.");
}

static void
test_refuse_white_space (void)
{
  const char *blank = " \r\n\t  \n\r\n\xc2\xa0\xe3\x80\x80\n";
  g_autoptr(GByteArray) bytes = bytes_new (blank, strlen (blank));
  g_autoptr(GByteArray) utf16 = encode_utf16 ("  \r\n \t", FALSE, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  assert_refused (bytes, "blank.txt", PL_IMPORT_ERROR_EMPTY, "white space");
  assert_refused (utf16, "blank16.txt", PL_IMPORT_ERROR_EMPTY, "white space");

  text = pl_text_decode (bytes->data, bytes->len, "blank.txt", NULL, NULL, &error);
  g_assert_cmpstr (error->message, ==, "“blank.txt” contains only white space.");
}

static void
test_refuse_binary (void)
{
  const guint8 with_nuls[] = { 'a', 'b', 'c', 0, 0, 0, 0x12, 0x34, 0, 'd', 0, 0, 0, 0xff };
  g_autoptr(GByteArray) nuls = g_byte_array_new ();
  g_autoptr(GByteArray) controls = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_byte_array_append (nuls, with_nuls, sizeof with_nuls);
  assert_refused (nuls, "data.bin", PL_IMPORT_ERROR_BINARY, "binary");

  text = pl_text_decode (nuls->data, nuls->len, "data.bin", NULL, NULL, &error);
  g_assert_cmpstr (error->message, ==, "“data.bin” looks like binary data, not text.");

  /* No NUL, but mostly control characters. */
  for (guint i = 0; i < 64; i++)
    {
      guint8 c = 1 + i % 8;

      g_byte_array_append (controls, &c, 1);
      g_byte_array_append (controls, (const guint8 *) "x", 1);
    }
  assert_refused (controls, "controls.dat", PL_IMPORT_ERROR_BINARY, "binary");
}

static void
test_allow_some_controls (void)
{
  /* Tabs, form feeds, vertical tabs and escapes are text. */
  const char *text = "a\tb\fc\vd\x1b[0m e\r\n";
  g_autoptr(GByteArray) bytes = bytes_new (text, strlen (text));

  assert_decodes (bytes, "a\tb\fc\vd\x1b[0m e\n", PL_TEXT_ENCODING_UTF8);
}

static void
test_refuse_known_formats (void)
{
  struct
  {
    const char *magic;
    gsize length;
    const char *name;
    const char *kind;
  } cases[] = {
    { "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", 15, "scan.pdf", "PDF document" },
    { "PK\x03\x04\x14\0\0\0\x08\0", 10, "archive.zip", "ZIP archive" },
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "figure.png", "PNG image" },
    { "\xff\xd8\xff\xe0\0\x10JFIF", 10, "photo.jpg", "JPEG image" },
    { "GIF89a\x01\0\x01\0", 10, "anim.gif", "GIF image" },
    { "\x1f\x8b\x08\0\0\0\0\0", 8, "notes.txt.gz", "gzip" },
    { "SQLite format 3\0\x10\0", 18, "other.plenary", "SQLite database" },
    { "\x7f" "ELF\x02\x01\x01", 7, "a.out", "program" },
    { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0", 10, "old.doc", ".doc" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GByteArray) bytes = bytes_new (cases[i].magic, cases[i].length);

      /* Text after the magic number must not matter. */
      g_byte_array_append (bytes, (const guint8 *) "plain words follow here", 23);
      assert_refused (bytes, cases[i].name, PL_IMPORT_ERROR_BINARY, cases[i].kind);
    }
}

static void
test_refuse_pdf_message (void)
{
  const char *pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
  g_autoptr(GByteArray) bytes = bytes_new (pdf, strlen (pdf));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = pl_text_decode (bytes->data, bytes->len, "scan.pdf", NULL, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_BINARY);
  g_assert_cmpstr (error->message, ==, "“scan.pdf” is a PDF document, not plain text.");
}

static GByteArray *
make_zip (const char *first_entry,
          const char *first_content,
          const char *later_entry)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 header[30] = { 'P', 'K', 3, 4, 20, 0 };
  guint16 name_length = strlen (first_entry);

  header[26] = name_length & 0xff;
  header[27] = name_length >> 8;
  g_byte_array_append (bytes, header, sizeof header);
  g_byte_array_append (bytes, (const guint8 *) first_entry, name_length);
  g_byte_array_append (bytes, (const guint8 *) first_content, strlen (first_content));
  g_byte_array_append (bytes, (const guint8 *) "\x12\x9a\0\0compressed", 14);
  if (later_entry != NULL)
    g_byte_array_append (bytes, (const guint8 *) later_entry, strlen (later_entry));

  return bytes;
}

static void
test_refuse_office_formats (void)
{
  g_autoptr(GByteArray) odt = make_zip ("mimetype", "application/vnd.oasis.opendocument.text",
                                        "content.xml");
  g_autoptr(GByteArray) ods = make_zip ("mimetype",
                                        "application/vnd.oasis.opendocument.spreadsheet",
                                        "content.xml");
  g_autoptr(GByteArray) docx = make_zip ("[Content_Types].xml", "<Types/>",
                                         "word/document.xml");
  g_autoptr(GByteArray) zip = make_zip ("notes.txt", "hello", NULL);

  assert_refused (odt, "minutes.odt", PL_IMPORT_ERROR_BINARY, "OpenDocument text");
  assert_refused (ods, "table.ods", PL_IMPORT_ERROR_BINARY, "OpenDocument");
  assert_refused (docx, "minutes.docx", PL_IMPORT_ERROR_BINARY, "Word document");
  assert_refused (zip, "notes.zip", PL_IMPORT_ERROR_BINARY, "ZIP archive");
}

static void
test_refuse_truncated_utf16 (void)
{
  g_autoptr(GByteArray) le = encode_utf16 ("Statement text", FALSE, TRUE);
  g_autoptr(GByteArray) be = encode_utf16 ("Statement text", TRUE, TRUE);

  g_byte_array_set_size (le, le->len - 1);
  g_byte_array_set_size (be, be->len - 1);

  assert_refused (le, "cut.txt", PL_IMPORT_ERROR_ENCODING, "UTF-16LE");
  assert_refused (be, "cut-be.txt", PL_IMPORT_ERROR_ENCODING, "UTF-16BE");
}

static void
test_refuse_bad_unicode_after_bom (void)
{
  /* A lone high surrogate, then 'a'. */
  const char utf16[] = "\xff\xfe" "A\0" "\x00\xd8" "a\0";
  const char utf32[] = "\xff\xfe\0\0" "A\0\0\0" "\0\0\x11\0";
  const char utf8[] = "\xef\xbb\xbf" "caf\xe9";
  g_autoptr(GByteArray) bad16 = bytes_new (utf16, sizeof utf16 - 1);
  g_autoptr(GByteArray) bad32 = bytes_new (utf32, sizeof utf32 - 1);
  g_autoptr(GByteArray) bad8 = bytes_new (utf8, sizeof utf8 - 1);

  assert_refused (bad16, "bad16.txt", PL_IMPORT_ERROR_ENCODING, "UTF-16LE");
  assert_refused (bad32, "bad32.txt", PL_IMPORT_ERROR_ENCODING, "UTF-32LE");
  assert_refused (bad8, "bad8.txt", PL_IMPORT_ERROR_ENCODING, "UTF-8");
}

static void
test_refuse_decoded_nul (void)
{
  /* UTF-16LE BOM, "a", U+0000, "b" */
  const char utf16[] = "\xff\xfe" "a\0" "\0\0" "b\0";
  g_autoptr(GByteArray) bytes = bytes_new (utf16, sizeof utf16 - 1);

  assert_refused (bytes, "nul16.txt", PL_IMPORT_ERROR_ENCODING, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/normalize/line-endings", test_normalize_line_endings);
  g_test_add_func ("/text/normalize/length-argument", test_normalize_length_argument);
  g_test_add_func ("/text/normalize/bom", test_normalize_bom);
  g_test_add_func ("/text/normalize/nfc", test_normalize_nfc);
  g_test_add_func ("/text/normalize/large", test_normalize_large);
  g_test_add_func ("/text/normalize/matches-glib", test_normalize_matches_glib);
  g_test_add_func ("/text/normalize/long-mark-run", test_normalize_long_mark_run);
  g_test_add_func ("/text/length", test_length);
  g_test_add_func ("/text/validate", test_validate);
  g_test_add_func ("/text/slice", test_slice);
  g_test_add_func ("/text/decode/utf8", test_decode_utf8);
  g_test_add_func ("/text/decode/utf8-nfc", test_decode_utf8_nfc);
  g_test_add_func ("/text/decode/utf8-bom", test_decode_utf8_bom);
  g_test_add_func ("/text/decode/utf16-le-bom", test_decode_utf16_le_bom);
  g_test_add_func ("/text/decode/utf16-be-bom", test_decode_utf16_be_bom);
  g_test_add_func ("/text/decode/utf32-le-bom", test_decode_utf32_le_bom);
  g_test_add_func ("/text/decode/utf32-be-bom", test_decode_utf32_be_bom);
  g_test_add_func ("/text/decode/utf16-without-bom", test_decode_utf16_without_bom);
  g_test_add_func ("/text/decode/windows-1252", test_decode_windows_1252);
  g_test_add_func ("/text/decode/damaged-utf8", test_decode_damaged_utf8);
  g_test_add_func ("/text/decode/encoding-names", test_decode_encoding_names);
  g_test_add_func ("/text/decode/allow-some-controls", test_allow_some_controls);
  g_test_add_func ("/text/refuse/undefined-1252", test_refuse_undefined_1252);
  g_test_add_func ("/text/refuse/empty", test_refuse_empty);
  g_test_add_func ("/text/refuse/white-space", test_refuse_white_space);
  g_test_add_func ("/text/refuse/binary", test_refuse_binary);
  g_test_add_func ("/text/refuse/known-formats", test_refuse_known_formats);
  g_test_add_func ("/text/refuse/pdf-message", test_refuse_pdf_message);
  g_test_add_func ("/text/refuse/office-formats", test_refuse_office_formats);
  g_test_add_func ("/text/refuse/truncated-utf16", test_refuse_truncated_utf16);
  g_test_add_func ("/text/refuse/bad-unicode-after-bom", test_refuse_bad_unicode_after_bom);
  g_test_add_func ("/text/refuse/decoded-nul", test_refuse_decoded_nul);

  return g_test_run ();
}
