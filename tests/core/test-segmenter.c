/* test-segmenter.c — splitting text into statements by paragraph or line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-segmenter.h"
#include "pl-text.h"

/* Asserts that @text splits into exactly the strings of @expected (NULL-terminated). */
static void
assert_split (const char         *text,
              const char * const *expected)
{
  g_autoptr(GArray) spans = pl_segmenter_split_paragraphs (text);
  guint n_expected = g_strv_length ((char **) expected);
  guint length = pl_text_length (text);

  g_assert_nonnull (spans);
  g_assert_cmpuint (spans->len, ==, n_expected);

  for (guint i = 0; i < spans->len; i++)
    {
      PlSpan *span = &g_array_index (spans, PlSpan, i);
      g_autofree char *slice = pl_text_slice (text, span->start, span->end);

      g_assert_cmpuint (span->start, <, span->end);
      g_assert_cmpuint (span->end, <=, length);
      if (i > 0)
        g_assert_cmpuint (g_array_index (spans, PlSpan, i - 1).end, <, span->start);
      g_assert_cmpstr (slice, ==, expected[i]);
    }
}

static void
assert_spans (const char   *text,
              const PlSpan *expected,
              guint         n_expected)
{
  g_autoptr(GArray) spans = pl_segmenter_split_paragraphs (text);

  g_assert_cmpuint (spans->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpuint (g_array_index (spans, PlSpan, i).start, ==, expected[i].start);
      g_assert_cmpuint (g_array_index (spans, PlSpan, i).end, ==, expected[i].end);
    }
}

static void
test_blank_line_paragraphs (void)
{
  const char *text = "The representative of Japan said\nthat norms matter.\n\n"
                     "The representative of Brazil agreed.\n\n"
                     "He went on.";
  const char *expected[] = {
    "The representative of Japan said\nthat norms matter.",
    "The representative of Brazil agreed.",
    "He went on.",
    NULL,
  };
  const PlSpan spans[] = { { 0, 51 }, { 53, 89 }, { 91, 102 } };

  assert_split (text, expected);
  assert_spans (text, spans, G_N_ELEMENTS (spans));
}

static void
test_single_lines (void)
{
  const char *text = "Chair: Good morning.\nJapan: Thank you.\n  Brazil: We agree.  \nChair: Next.\n";
  const char *expected[] = {
    "Chair: Good morning.",
    "Japan: Thank you.",
    "Brazil: We agree.",
    "Chair: Next.",
    NULL,
  };

  assert_split (text, expected);
}

static void
test_single_line_text (void)
{
  const char *one[] = { "Only one line.", NULL };

  assert_split ("  Only one line.\t", one);
}

static void
test_blank_lines_only_at_ends (void)
{
  /* Blank lines before the first or after the last line separate nothing: single lines. */
  const char *expected[] = { "First line.", "Second line.", NULL };

  assert_split ("\n\n\nFirst line.\nSecond line.\n\n\n", expected);
}

static void
test_trimmed (void)
{
  const char *text = "\n \t\n   Para one,\n  continued.  \n\n\tPara two.\t \n\n  ";
  const char *expected[] = { "Para one,\n  continued.", "Para two.", NULL };

  assert_split (text, expected);
}

static void
test_several_blank_lines (void)
{
  const char *text = "A\n\n\n\n\nB\n\n\nC";
  const char *expected[] = { "A", "B", "C", NULL };
  const PlSpan spans[] = { { 0, 1 }, { 6, 7 }, { 10, 11 } };

  assert_split (text, expected);
  assert_spans (text, spans, G_N_ELEMENTS (spans));
}

static void
test_white_space_lines_are_blank (void)
{
  const char *text = "A one\nA two\n \t \nB\n\xc2\xa0\xe3\x80\x80\nC";
  const char *expected[] = { "A one\nA two", "B", "C", NULL };

  assert_split (text, expected);
}

static void
test_carriage_returns_are_space (void)
{
  /* Not normalised: CR is white space, so CRLF blank lines still separate paragraphs. */
  const char *text = "A\r\nA2\r\n\r\nB\r\n";
  const char *expected[] = { "A\r\nA2", "B", NULL };

  assert_split (text, expected);
}

static void
test_offsets_are_code_points (void)
{
  const char *text = "😀😀\n\n中文 para 👩‍💻\n\nx";
  const char *expected[] = { "😀😀", "中文 para 👩‍💻", "x", NULL };
  const PlSpan spans[] = { { 0, 2 }, { 4, 15 }, { 17, 18 } };

  assert_split (text, expected);
  assert_spans (text, spans, G_N_ELEMENTS (spans));
}

static void
test_offsets_in_lines (void)
{
  const char *text = "  𝔸é\n中\n😀 b ";
  const PlSpan spans[] = { { 2, 4 }, { 5, 6 }, { 7, 10 } };

  assert_spans (text, spans, G_N_ELEMENTS (spans));
}

static void
test_empty (void)
{
  g_autoptr(GArray) empty = pl_segmenter_split_paragraphs ("");
  g_autoptr(GArray) blank = pl_segmenter_split_paragraphs (" \n\n\t\n ");

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) spans = NULL;
  const char *paragraph = "The representative of Côte d'Ivoire 😀 said\nthat 中文 matters.";
  guint paragraph_length = pl_text_length (paragraph);
  guint n = 0;
  gint64 started;

  while (text->len < 1024 * 1024)
    {
      g_string_append (text, paragraph);
      g_string_append (text, "\n\n");
      n++;
    }

  started = g_get_monotonic_time ();
  spans = pl_segmenter_split_paragraphs (text->str);
  g_test_message ("split %" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " us",
                  text->len, g_get_monotonic_time () - started);

  g_assert_cmpuint (spans->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (g_array_index (spans, PlSpan, i).start, ==, i * (paragraph_length + 2));
      g_assert_cmpuint (g_array_index (spans, PlSpan, i).end, ==,
                        i * (paragraph_length + 2) + paragraph_length);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/segmenter/blank-line-paragraphs", test_blank_line_paragraphs);
  g_test_add_func ("/segmenter/single-lines", test_single_lines);
  g_test_add_func ("/segmenter/single-line-text", test_single_line_text);
  g_test_add_func ("/segmenter/blank-lines-only-at-ends", test_blank_lines_only_at_ends);
  g_test_add_func ("/segmenter/trimmed", test_trimmed);
  g_test_add_func ("/segmenter/several-blank-lines", test_several_blank_lines);
  g_test_add_func ("/segmenter/white-space-lines-are-blank", test_white_space_lines_are_blank);
  g_test_add_func ("/segmenter/carriage-returns-are-space", test_carriage_returns_are_space);
  g_test_add_func ("/segmenter/offsets-are-code-points", test_offsets_are_code_points);
  g_test_add_func ("/segmenter/offsets-in-lines", test_offsets_in_lines);
  g_test_add_func ("/segmenter/empty", test_empty);
  g_test_add_func ("/segmenter/large", test_large);

  return g_test_run ();
}
