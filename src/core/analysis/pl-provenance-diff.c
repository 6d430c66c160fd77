/* pl-provenance-diff.c — how one version of a paragraph rewords the one before
 *
 * Words are read and folded as the reuse finder reads them (pl-reuse.c, "Words" and
 * "Spelling"), so a change of case, punctuation or spelling is not a change of wording.
 * The diff is the longest common subsequence of the two word lists (after the common
 * opening and ending are set aside), found by dynamic programming; past a million cells
 * the middle is shown as replaced, which a paragraph never reaches.  Each word carries the
 * spaces and punctuation that follow it (the first word also what precedes it), so the
 * equal and inserted spans put the new text back together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-provenance"

#include "config.h"

#include "pl-provenance.h"
#include "pl-reuse-private.h"
#include "pl-text.h"

#define MAX_CELLS (1024 * 1024)

typedef struct
{
  const PlReuseToken *tokens;
  guint               n;
  guint               length;   /* code points of the text */
} Words;

/* The code points word @k stands for: from its start (0 for the first word) to the next
 * word's start (the end of the text for the last). */
static void
word_range (const Words *words,
            guint        k,
            guint       *start,
            guint       *end)
{
  *start = k == 0 ? 0 : words->tokens[k].start;
  *end = k + 1 < words->n ? words->tokens[k + 1].start : words->length;
}

/* Appends a span, merged into the previous one when it continues it. */
static void
emit (GArray   *spans,
      PlDiffOp  op,
      guint     start,
      guint     end)
{
  PlDiffSpan span = { op, start, end };

  if (start >= end)
    return;
  if (spans->len > 0)
    {
      PlDiffSpan *last = &g_array_index (spans, PlDiffSpan, spans->len - 1);

      if (last->op == op && last->end == start)
        {
          last->end = end;
          return;
        }
    }
  g_array_append_val (spans, span);
}

static void
emit_word (GArray      *spans,
           PlDiffOp     op,
           const Words *words,
           guint        k)
{
  guint start, end;

  word_range (words, k, &start, &end);
  emit (spans, op, start, end);
}

/* The middle, [a0, a1) of the old words against [b0, b1) of the new. */
static void
diff_middle (GArray      *spans,
             const Words *a,
             guint        a0,
             guint        a1,
             const Words *b,
             guint        b0,
             guint        b1)
{
  guint n = a1 - a0, m = b1 - b0;
  g_autofree guint32 *table = NULL;
  guint i = 0, j = 0;

  if ((guint64) (n + 1) * (m + 1) > MAX_CELLS)
    {
      for (guint k = a0; k < a1; k++)
        emit_word (spans, PL_DIFF_DELETED, a, k);
      for (guint k = b0; k < b1; k++)
        emit_word (spans, PL_DIFF_INSERTED, b, k);
      return;
    }

  /* table[i][j]: the longest common subsequence of old words i… and new words j…. */
  table = g_new0 (guint32, (gsize) (n + 1) * (m + 1));
#define CELL(x, y) table[(gsize) (x) * (m + 1) + (y)]
  for (guint x = n; x-- > 0;)
    for (guint y = m; y-- > 0;)
      CELL (x, y) = a->tokens[a0 + x].word == b->tokens[b0 + y].word
                    ? CELL (x + 1, y + 1) + 1
                    : MAX (CELL (x + 1, y), CELL (x, y + 1));

  while (i < n || j < m)
    {
      if (i < n && j < m && a->tokens[a0 + i].word == b->tokens[b0 + j].word)
        {
          emit_word (spans, PL_DIFF_EQUAL, b, b0 + j);
          i++;
          j++;
        }
      else if (i < n && (j == m || CELL (i + 1, j) >= CELL (i, j + 1)))
        emit_word (spans, PL_DIFF_DELETED, a, a0 + i++);
      else
        emit_word (spans, PL_DIFF_INSERTED, b, b0 + j++);
    }
#undef CELL
}

GArray *
pl_provenance_diff (const char *old_text,
                    const char *new_text)
{
  g_autoptr(GArray) old_tokens = g_array_new (FALSE, FALSE, sizeof (PlReuseToken));
  g_autoptr(GArray) new_tokens = g_array_new (FALSE, FALSE, sizeof (PlReuseToken));
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (PlDiffSpan));
  PlReuseVocabulary vocabulary;
  Words a, b;
  guint prefix = 0, suffix = 0;

  g_return_val_if_fail (old_text != NULL, spans);
  g_return_val_if_fail (new_text != NULL, spans);

  pl_reuse_vocabulary_init (&vocabulary);
  pl_reuse_vocabulary_read (&vocabulary, old_text, TRUE, old_tokens);
  pl_reuse_vocabulary_read (&vocabulary, new_text, TRUE, new_tokens);
  pl_reuse_vocabulary_clear (&vocabulary);

  a = (Words) { (const PlReuseToken *) old_tokens->data, old_tokens->len, pl_text_length (old_text) };
  b = (Words) { (const PlReuseToken *) new_tokens->data, new_tokens->len, pl_text_length (new_text) };

  if (b.n == 0)
    {
      /* No words: what is left of the new text reads as it is. */
      for (guint k = 0; k < a.n; k++)
        emit_word (spans, PL_DIFF_DELETED, &a, k);
      emit (spans, PL_DIFF_EQUAL, 0, b.length);
      return spans;
    }

  while (prefix < a.n && prefix < b.n && a.tokens[prefix].word == b.tokens[prefix].word)
    prefix++;
  while (suffix < a.n - prefix && suffix < b.n - prefix
         && a.tokens[a.n - 1 - suffix].word == b.tokens[b.n - 1 - suffix].word)
    suffix++;

  for (guint k = 0; k < prefix; k++)
    emit_word (spans, PL_DIFF_EQUAL, &b, k);
  diff_middle (spans, &a, prefix, a.n - suffix, &b, prefix, b.n - suffix);
  for (guint k = b.n - suffix; k < b.n; k++)
    emit_word (spans, PL_DIFF_EQUAL, &b, k);

  return spans;
}
