/* pl-reuse-index.c — the sources of the reuse finder: words, fingerprints, frequencies
 *
 * "Fingerprints" and "Weights" in the rules at the top of pl-reuse.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-reuse"

#include "config.h"

#include <math.h>

#include "pl-reuse.h"
#include "pl-reuse-private.h"

#define GRAM             PL_REUSE_GRAM
#define WINDOW           2     /* winnowing window, in fingerprints */
#define COMMON_MIN       4     /* sources that make a 3-gram common, at least */
#define COMMON_SHARE     0.05  /* … or this share of the sources */

/* The slot of @hash in @table, or -1. */
gssize
pl_reuse_grams_find (const PlReuseGrams *table,
                     guint64             hash)
{
  if (table->slots == NULL || hash == 0)
    return -1;
  for (gsize slot = hash & table->mask; table->slots[slot].hash != 0;
       slot = (slot + 1) & table->mask)
    if (table->slots[slot].hash == hash)
      return slot;
  return -1;
}

static guint32
table_df (const PlReuseGrams *table,
          guint64             hash)
{
  gssize slot = pl_reuse_grams_find (table, hash);

  return slot >= 0 ? table->slots[slot].df : 0;
}

static void
table_resize (PlReuseGrams *table,
              gsize         capacity)
{
  PlReuseTally *old = table->slots;
  gsize old_capacity = old != NULL ? table->mask + 1 : 0;

  table->slots = g_new0 (PlReuseTally, capacity);
  table->mask = capacity - 1;
  for (gsize k = 0; k < old_capacity; k++)
    if (old[k].hash != 0)
      {
        gsize slot = old[k].hash & table->mask;

        while (table->slots[slot].hash != 0)
          slot = (slot + 1) & table->mask;
        table->slots[slot] = old[k];
      }
  g_free (old);
}

/* Counts the n-gram @hash of @source (each source once). */
static void
table_count (PlReuseGrams *table,
             guint64       hash,
             guint         source)
{
  gsize slot;

  /* at most 3/4 full */
  if (table->slots == NULL || (table->n + 1) * 4 > (table->mask + 1) * 3)
    table_resize (table, table->slots == NULL ? 1024 : (table->mask + 1) * 2);
  for (slot = hash & table->mask; table->slots[slot].hash != 0; slot = (slot + 1) & table->mask)
    if (table->slots[slot].hash == hash)
      break;
  if (table->slots[slot].hash == 0)
    {
      table->slots[slot].hash = hash;
      table->n++;
    }
  if (table->slots[slot].last != source + 1)
    {
      table->slots[slot].df++;
      table->slots[slot].last = source + 1;
    }
}

static void
table_clear (PlReuseGrams *table)
{
  g_clear_pointer (&table->slots, g_free);
  table->mask = 0;
  table->n = 0;
}

/* The weight of a 3-gram of document frequency @df: its inverse document frequency
 * ln (N / df) / ln N, squared so that only wording few sources share counts much; 1 for
 * wording one source has (or none), 0 for common wording. */
static float
gram_weight (const PlReuseIndex *index,
             guint32             df)
{
  guint n = index->sources->len;
  double idf;

  if (df <= 1 || n <= 1)
    return 1.0f;
  if (df >= index->common)
    return 0.0f;
  idf = log ((double) n / df) / log (n);
  return (float) (idf * idf);
}

/* The weight of a word is the mean weight of the 3-grams around it (1 when there is none). */
void
pl_reuse_index_weigh (const PlReuseIndex *index,
                      const PlReuseToken *tokens,
                      guint               n,
                      guint               from,
                      guint               to,
                      float              *weights)
{
  g_autofree guint8 *counts = g_new0 (guint8, to - from);

  for (guint p = from; p < to; p++)
    weights[p - from] = 0.0f;
  for (guint k = from >= GRAM - 1 ? from - (GRAM - 1) : 0; k < to && k + GRAM <= n; k++)
    {
      guint32 df = table_df (&index->grams, pl_reuse_gram_hash (tokens + k, GRAM));
      float weight = gram_weight (index, df);

      for (guint p = MAX (k, from); p < MIN (k + GRAM, to); p++)
        {
          weights[p - from] += weight;
          counts[p - from]++;
        }
    }
  for (guint p = from; p < to; p++)
    weights[p - from] = counts[p - from] > 0 ? weights[p - from] / counts[p - from] : 1.0f;
}

/* Winnows the fingerprints of @source, appending (slot, source, position) to @selected;
 * @hashes and @slots are scratch space. */
static void
winnow (PlReuseIndex *index,
        guint         source,
        GArray       *hashes,
        GArray       *slots,
        GArray       *selected)
{
  const PlReuseEntry *s = &g_array_index (index->sources, PlReuseEntry, source);
  const PlReuseToken *tokens = pl_reuse_index_tokens (index, source);
  guint n_grams, window;
  gint last = -1;

  if (s->n_tokens < GRAM)
    return;
  n_grams = s->n_tokens - GRAM + 1;
  g_array_set_size (hashes, n_grams);
  g_array_set_size (slots, n_grams);
  for (guint k = 0; k < n_grams; k++)
    {
      gssize slot = pl_reuse_grams_find (&index->grams, pl_reuse_gram_hash (tokens + k, GRAM));
      const PlReuseTally *tally;

      g_assert (slot >= 0);
      tally = &index->grams.slots[slot];

      /* common 3-grams take no part (0) */
      g_array_index (hashes, guint64, k) = tally->df >= index->common ? 0 : tally->hash;
      g_array_index (slots, guint32, k) = slot;
    }

  window = MIN (WINDOW, n_grams);
  for (guint start = 0; start + window <= n_grams; start++)
    {
      gint best = -1;

      for (guint k = start; k < start + window; k++)
        {
          guint64 hash = g_array_index (hashes, guint64, k);

          if (hash != 0 && (best < 0 || hash <= g_array_index (hashes, guint64, best)))
            best = k;
        }
      if (best >= 0 && best != last)
        {
          guint32 entry[3] = { g_array_index (slots, guint32, best), source, best };

          index->n_postings[entry[0]]++;
          g_array_append_vals (selected, entry, 3);
          last = best;
        }
    }
}

static void
index_clear_tables (PlReuseIndex *index)
{
  table_clear (&index->grams);
  g_clear_pointer (&index->first, g_free);
  g_clear_pointer (&index->n_postings, g_free);
  g_clear_pointer (&index->postings, g_free);
  index->built = FALSE;
}

static void
index_build (PlReuseIndex *index)
{
  g_autoptr(GArray) hashes = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) slots = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) selected = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 n_postings = 0;

  index_clear_tables (index);
  for (guint s = 0; s < index->sources->len; s++)
    {
      const PlReuseEntry *source = &g_array_index (index->sources, PlReuseEntry, s);
      const PlReuseToken *tokens = pl_reuse_index_tokens (index, s);

      for (guint k = 0; k + GRAM <= source->n_tokens; k++)
        table_count (&index->grams, pl_reuse_gram_hash (tokens + k, GRAM), s);
    }
  index->common = MAX (COMMON_MIN, (guint) ceil (index->sources->len * COMMON_SHARE));

  index->first = g_new0 (guint32, index->grams.mask + 1);
  index->n_postings = g_new0 (guint32, index->grams.mask + 1);
  for (guint s = 0; s < index->sources->len; s++)
    winnow (index, s, hashes, slots, selected);

  for (gsize k = 0; k <= index->grams.mask; k++)
    {
      index->first[k] = n_postings;
      n_postings += index->n_postings[k];
      index->n_postings[k] = 0;
    }
  index->postings = g_new (PlReusePosting, MAX (n_postings, 1));
  for (guint k = 0; k + 2 < selected->len; k += 3)
    {
      guint32 slot = g_array_index (selected, guint32, k);
      PlReusePosting *posting = &index->postings[index->first[slot] + index->n_postings[slot]++];

      posting->source = g_array_index (selected, guint32, k + 1);
      posting->position = g_array_index (selected, guint32, k + 2);
    }
  index->built = TRUE;
  g_debug ("reuse index: %u sources, %u words, %" G_GSIZE_FORMAT " 3-grams, %u fingerprints, "
           "common from %u sources", index->sources->len, index->tokens->len, index->grams.n,
           n_postings, index->common);
}

void
pl_reuse_index_build (PlReuseIndex *index)
{
  g_assert (index != NULL);

  if (!index->built)
    index_build (index);
}

PlReuseIndex *
pl_reuse_index_new (void)
{
  PlReuseIndex *index = g_new0 (PlReuseIndex, 1);

  pl_reuse_vocabulary_init (&index->vocabulary);
  index->sources = g_array_new (FALSE, FALSE, sizeof (PlReuseEntry));
  index->tokens = g_array_new (FALSE, FALSE, sizeof (PlReuseToken));
  return index;
}

void
pl_reuse_index_free (PlReuseIndex *index)
{
  if (index == NULL)
    return;
  index_clear_tables (index);
  pl_reuse_vocabulary_clear (&index->vocabulary);
  g_array_unref (index->sources);
  g_array_unref (index->tokens);
  g_free (index);
}

void
pl_reuse_index_add (PlReuseIndex        *index,
                    const PlReuseSource *source)
{
  PlReuseEntry entry;

  g_return_if_fail (index != NULL);
  g_return_if_fail (source != NULL && source->text != NULL);

  entry.id = source->id;
  entry.offset = source->offset;
  entry.first = index->tokens->len;
  pl_reuse_vocabulary_read (&index->vocabulary, source->text, TRUE, index->tokens);
  entry.n_tokens = index->tokens->len - entry.first;
  g_array_append_val (index->sources, entry);
  index->built = FALSE;
}

guint
pl_reuse_index_get_n_sources (PlReuseIndex *index)
{
  g_return_val_if_fail (index != NULL, 0);

  return index->sources->len;
}
