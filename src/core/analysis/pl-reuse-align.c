/* pl-reuse-align.c — local alignment of a source passage with an outcome passage
 *
 * Smith–Waterman on word tokens ("Alignment" in the rules at the top of pl-reuse.c), with
 * Waterman–Eggert declumping: after the best alignment, its two spans are closed and the
 * next best is looked for in what remains, so clauses that swapped places come out as
 * two blocks that the finder joins again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-reuse"

#include "config.h"

#include <string.h>

#include "pl-reuse.h"
#include "pl-reuse-private.h"

/* Scores in hundredths of an uncommon word; a weight w in 0–1 is taken in tenths. */
#define REWARD_FLOOR 30    /* an aligned common word */
#define REWARD_SPAN  75    /* … up to 105 for an uncommon one, a little more than it costs
                            * to skip one, so that an alignment reaches over an inserted
                            * word to an equal one beyond */
#define GAP_FLOOR    20    /* a word on one side only, if common */
#define GAP_SPAN     80    /* … up to 100 if not */
#define MAX_BLOCKS   32
#define RUN_MIN      3     /* equal words in a row that count as evidence */

typedef struct
{
  const PlReuseRegion *region;
  gint32              *cells;    /* (n_a + 1) × (n_b + 1) */
  guint8              *taken_a;
  guint8              *tenths_a; /* weights in tenths */
  guint8              *tenths_b;
  int                 *gap_a;
  int                 *gap_b;
} Matrix;

static inline int
tenths (float weight)
{
  return (int) (CLAMP (weight, 0.0f, 1.0f) * 10.0f + 0.5f);
}

static inline gboolean
is_taken (const Matrix *m,
          guint         i,
          guint         j)
{
  return m->taken_a[i] || m->region->b_stamp[j] == m->region->stamp;
}

static inline gboolean
is_equal (const Matrix *m,
          guint         i,
          guint         j)
{
  guint32 word = m->region->a[i].word;

  return word != 0 && word == m->region->b[j].word;
}

/* An aligned pair of equal words gains by the lesser of their two weights. */
static inline int
reward (const Matrix *m,
        guint         i,
        guint         j)
{
  return REWARD_FLOOR + REWARD_SPAN * MIN (m->tenths_a[i], m->tenths_b[j]) / 10;
}

static inline gint32 *
cell (const Matrix *m,
      guint         i,
      guint         j)
{
  return m->cells + (gsize) i * (m->region->n_b + 1) + j;
}

/* Fills the matrix; returns the best score and its cell. */
static gint32
fill (Matrix *m,
      guint  *best_i,
      guint  *best_j)
{
  const PlReuseRegion *r = m->region;
  gint32 best = 0;

  for (guint i = 1; i <= r->n_a; i++)
    for (guint j = 1; j <= r->n_b; j++)
      {
        gint32 h, up, left;

        if (is_taken (m, i - 1, j - 1))
          {
            *cell (m, i, j) = 0;
            continue;
          }
        /* a changed word is one dropped and one inserted */
        h = is_equal (m, i - 1, j - 1) ? *cell (m, i - 1, j - 1) + reward (m, i - 1, j - 1) : 0;
        up = *cell (m, i - 1, j) - m->gap_a[i - 1];
        left = *cell (m, i, j - 1) - m->gap_b[j - 1];
        h = MAX (MAX (h, 0), MAX (up, left));
        *cell (m, i, j) = h;
        if (h > best)
          {
            best = h;
            *best_i = i;
            *best_j = j;
          }
      }
  return best;
}

/* Walks back from (@i, @j) to the start of the alignment, appending its aligned equal
 * words to @trace (last first). */
static void
trace_back (const Matrix *m,
            guint         i,
            guint         j,
            GArray       *trace)
{
  while (i > 0 && j > 0 && *cell (m, i, j) > 0)
    {
      gint32 h = *cell (m, i, j);
      gint32 diagonal = *cell (m, i - 1, j - 1);

      if (is_equal (m, i - 1, j - 1) && h == diagonal + reward (m, i - 1, j - 1))
        {
          guint pair[2] = { i - 1, j - 1 };

          g_array_append_vals (trace, pair, 2);
          i--;
          j--;
        }
      else if (h == *cell (m, i - 1, j) - m->gap_a[i - 1])
        i--;
      else
        j--;
    }
}

void
pl_reuse_align (const PlReuseRegion *region,
                int                  min_first,
                int                  min_next,
                GArray              *blocks,
                GArray              *pairs)
{
  g_autofree gint32 *cells = NULL;
  g_autofree guint8 *taken_a = NULL;
  g_autofree guint8 *tenths_a = NULL;
  g_autofree guint8 *tenths_b = NULL;
  g_autofree int *gap_a = NULL;
  g_autofree int *gap_b = NULL;
  g_autoptr(GArray) trace = g_array_new (FALSE, FALSE, sizeof (guint));
  Matrix m;

  g_assert (region != NULL && blocks != NULL);

  if (region->n_a == 0 || region->n_b == 0)
    return;

  cells = g_new0 (gint32, (gsize) (region->n_a + 1) * (region->n_b + 1));
  taken_a = g_new0 (guint8, region->n_a);
  tenths_a = g_new (guint8, region->n_a);
  tenths_b = g_new (guint8, region->n_b);
  gap_a = g_new (int, region->n_a);
  gap_b = g_new (int, region->n_b);
  for (guint i = 0; i < region->n_a; i++)
    {
      tenths_a[i] = tenths (region->a_weight[i]);
      gap_a[i] = GAP_FLOOR + GAP_SPAN * tenths_a[i] / 10;
    }
  for (guint j = 0; j < region->n_b; j++)
    {
      tenths_b[j] = tenths (region->b_weight[j]);
      gap_b[j] = GAP_FLOOR + GAP_SPAN * tenths_b[j] / 10;
    }
  m = (Matrix) { region, cells, taken_a, tenths_a, tenths_b, gap_a, gap_b };

  for (guint n = 0; n < MAX_BLOCKS; n++)
    {
      PlReuseBlock block = { G_MAXUINT, 0, G_MAXUINT, 0, 0, 0.0, 0.0 };
      guint best_i = 0, best_j = 0, run = 0;
      double run_weight = 0.0;

      if (fill (&m, &best_i, &best_j) < (n == 0 ? min_first : min_next))
        break;

      g_array_set_size (trace, 0);
      trace_back (&m, best_i, best_j, trace);
      for (guint k = trace->len; k >= 2; k -= 2)
        {
          guint a = g_array_index (trace, guint, k - 2);
          guint b = g_array_index (trace, guint, k - 1);

          if (run > 0 && (a != block.a_end || b != block.b_end))
            {
              block.informative += run >= RUN_MIN ? run_weight : 0.0;
              run = 0;
              run_weight = 0.0;
            }
          run++;
          run_weight += MIN (region->a_weight[a], region->b_weight[b]);
          block.a_start = MIN (block.a_start, a);
          block.a_end = a + 1;
          block.b_start = MIN (block.b_start, b);
          block.b_end = b + 1;
          block.matched++;
          block.pair_weight += PL_REUSE_COUNTED (region->a_weight[a])
                               + PL_REUSE_COUNTED (region->b_weight[b]);
        }
      block.informative += run >= RUN_MIN ? run_weight : 0.0;
      if (block.matched == 0)
        break;
      /* a lone word is closed but is no block */
      if (block.matched >= 2)
        {
          g_array_append_val (blocks, block);
          for (guint k = trace->len; pairs != NULL && k >= 2; k -= 2)
            g_array_append_vals (pairs, &g_array_index (trace, guint, k - 2), 2);
        }
      memset (taken_a + block.a_start, 1, block.a_end - block.a_start);
      for (guint j = block.b_start; j < block.b_end; j++)
        region->b_stamp[j] = region->stamp;
    }
}

/* Shared words of two passages */

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const PlReuseWordPair *x = a, *y = b;

  if (x->outcome_start != y->outcome_start)
    return x->outcome_start < y->outcome_start ? -1 : 1;
  return (x->source_start > y->source_start) - (x->source_start < y->source_start);
}

GArray *
pl_reuse_shared_words (const char *source,
                       const char *outcome)
{
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (PlReuseToken));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (PlReuseToken));
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (PlReuseBlock));
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree float *a_weight = NULL;
  g_autofree float *b_weight = NULL;
  g_autofree guint32 *b_stamp = NULL;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (PlReuseWordPair));
  PlReuseVocabulary vocabulary;
  PlReuseRegion region;

  g_return_val_if_fail (source != NULL, out);
  g_return_val_if_fail (outcome != NULL, out);

  pl_reuse_vocabulary_init (&vocabulary);
  pl_reuse_vocabulary_read (&vocabulary, source, TRUE, a);
  pl_reuse_vocabulary_read (&vocabulary, outcome, TRUE, b);
  pl_reuse_vocabulary_clear (&vocabulary);

  a_weight = g_new (float, MAX (a->len, 1));
  b_weight = g_new (float, MAX (b->len, 1));
  b_stamp = g_new0 (guint32, MAX (b->len, 1));
  for (guint i = 0; i < a->len; i++)
    a_weight[i] = 1.0f;
  for (guint j = 0; j < b->len; j++)
    b_weight[j] = 1.0f;
  region = (PlReuseRegion) {
    (const PlReuseToken *) a->data, a_weight, a->len,
    (const PlReuseToken *) b->data, b_weight, b->len,
    b_stamp, 1,
  };
  /* two words at least: a lone "the" on both sides is not a shared passage */
  pl_reuse_align (&region, 2 * (REWARD_FLOOR + REWARD_SPAN), 2 * (REWARD_FLOOR + REWARD_SPAN),
                  blocks, pairs);

  for (guint k = 0; k + 1 < pairs->len; k += 2)
    {
      const PlReuseToken *x = &g_array_index (a, PlReuseToken, g_array_index (pairs, guint, k));
      const PlReuseToken *y = &g_array_index (b, PlReuseToken, g_array_index (pairs, guint, k + 1));
      PlReuseWordPair pair = { x->start, x->end, y->start, y->end };

      g_array_append_val (out, pair);
    }
  g_array_sort (out, compare_pairs);
  return out;
}
