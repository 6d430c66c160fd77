/* pl-reuse.c — where an outcome document reuses the wording of statements
 *
 * Words (pl-reuse-words.c).  A word is a run of letters, digits and combining marks; an
 * apostrophe between two letters joins ("State's" is one word), anything else separates
 * ("confidence-building" is two words, and so is "confidence building").  A Han, Hiragana
 * or Katakana character is a word by itself.  Offsets are code points of the texts as
 * given.  Words are compared in a folded form: lower case; compatibility decomposition
 * with the marks dropped ("é" → "e", "ﬁ" → "fi"; Arabic harakat, the tatweel and the
 * invisible joiners go); ß → ss; decimal digits of any script → ASCII.  So case,
 * punctuation and diacritics never count.
 *
 * Spelling.  An ASCII word then has its British spelling folded into the American one.  A
 * fold only has to send both spellings to one form, since both texts go through it:
 *   - a short list of whole words: acknowledgement, ageing, aluminium, enrol(s, ment),
 *     fulfil(s, ment), grey, instalment, judgement, manoeuvre, practise (the verb),
 *     sceptical, skilful, wilful;
 *   - -ise, -ised, -ises, -ising, -iser(s), -isation(s), -isable → -iz…, and -yse, -ysed,
 *     -yses, -ysing, -yser(s) → -yz…, after two letters (organise, prioritisation,
 *     analyse);
 *   - -our, -ours, -oured, -ouring, -ourer(s), -ourable, -ourably, -oural, -ourful,
 *     -ourite(s), -ourless, -ourhood(s), -ourly → -or…, after three letters (behaviour,
 *     behavioural, favourite, neighbourhood; not four, your, hour, flour);
 *   - -elled, -elling, -eller(s), -ellor(s), -ellation(s) and the same with a → one l,
 *     after two letters (labelled, counselling, counsellor, signalled; not called; never
 *     after i or u, so filled and pulled stay);
 *   - -ence, -ences, -enced, -encing → -ens…, after two letters (defence, licence);
 *   - -ogue, -ogues, -ogued → -og…, after two letters (dialogue, catalogue; not rogue);
 *   - -amme, -ammes → -am… (programme);
 *   - -tre, -tres, -bre, -bres → -ter, -ters, -ber, -bers in words of five letters or more
 *     (centre, metres, fibre).
 *
 * Fingerprints (pl-reuse-index.c).  Every run of three words of a source (a 3-gram) is
 * hashed in 64 bits.  Its document frequency df is the number of sources holding it; a
 * 3-gram that at least max (4, 5 % of the sources) hold is common: the boilerplate every
 * delegation says ("peace and security", "the use of").  Each source keeps the 3-grams
 * that winnowing selects (Schleimer, Wilkerson and Aiken 2003): in every window of 2
 * consecutive 3-grams the one with the least hash, the rightmost on a tie, common ones
 * left out; so any run of 4 equal words outside common phrasing shares a fingerprint.
 * The outcome is not winnowed: every one of its 3-grams is looked up.
 *
 * Weights (pl-reuse-index.c).  A 3-gram weighs (ln (N / df) / ln N)², N the number of
 * sources: 1 for wording one source has (or none), less the more sources share it, 0
 * when it is common.  A word weighs the mean of the 3-grams around it in its own text.
 * This is the down-weighting by inverse document frequency: below, "uncommon words" are
 * counted by weight.
 *
 * Seeds and hits.  A fingerprint of a source equal to a 3-gram of the outcome is a seed;
 * it is extended without gaps along its diagonal both ways (+1 an equal word, −1 another,
 * stopping 3 below the best) into a hit; seeds inside a hit of their diagonal are skipped.
 * A source's hits gather into clusters when they lie within 16 outcome words of the
 * cluster and 64 source words of its span, a cluster spanning 1,024 words at most on
 * either side.  A cluster whose hits hold less than a quarter of the minimum length in
 * uncommon words is left as chance.
 *
 * Alignment (pl-reuse-align.c).  Each remaining cluster, widened by 10 words on both
 * sides, is aligned word by word (Smith–Waterman, local): two equal words gain 0.3 +
 * 0.75 of the lesser weight, a word on one side only costs 0.2 + 0.8 of its weight, a
 * changed word as much as one dropped and one inserted.  So an inserted "as appropriate"
 * costs little, and an inserted uncommon word a little less than the next shared one
 * gains.  The best alignment is kept if it is worth about two uncommon words; its spans
 * are closed and the next best is looked for, kept while it is worth three common words
 * and holds two words at least (declumping): clauses in another order come out as
 * several blocks.  An outcome word is aligned with each source once at most.
 *
 * Candidates.  The blocks of one source whose outcome spans and source spans both overlap
 * or lie within 8 words of each other merge into one candidate spanning them, so clauses
 * in another order or a clause inserted between two make one candidate.  Its shared words
 * are its aligned equal words.  Its score is the weighted Dice coefficient 2·Σ / (Σ source
 * passage + Σ outcome passage), each word counting 0.1 + 0.9 of its weight: 1 for a copy,
 * and common words weigh little either way.  A candidate is proposed when
 *   - the longer of its two passages has at least the minimum number of words (default
 *     8, at least 3),
 *   - its evidence — the weight of its shared words that stand in runs of three equal
 *     words or more, each pair counting the lesser of its two weights — reaches 0.3 times
 *     the minimum: a shared boilerplate phrase, or a few words shared across a change,
 *     is never proposed on its own,
 *   - its score reaches the threshold (default 0.6), and
 *   - no candidate of another source with twice its evidence covers two thirds of its
 *     outcome passage: those words are better explained by that statement, and the
 *     weaker match is a turn of phrase the two statements happen to share.
 * Otherwise candidates of different sources are independent: an outcome passage drawing
 * on two statements gives one candidate for each, and so does wording two statements
 * share.  Order: score, then shared words, then outcome position.
 *
 * Cost: reading the sources is linear in their length; a search is linear in the outcome
 * and the seeds (each fingerprint has fewer postings than the common threshold, times its
 * repetitions), plus an alignment per cluster of at most 1,044² cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-reuse"

#include "config.h"

#include "pl-reuse.h"
#include "pl-reuse-private.h"

#define GRAM             PL_REUSE_GRAM
#define X_DROP           3
#define CLUSTER_GAP      16    /* words */
#define CLUSTER_REACH    64
#define CLUSTER_MAX      1024
#define OPEN_CLUSTERS    8
#define PREFILTER        0.25  /* weight of a cluster's hits, per word of the minimum length */
#define MARGIN           10
#define MERGE_GAP        8
#define FIRST_BLOCK      200   /* hundredths of an uncommon word */
#define NEXT_BLOCK       90
#define EXPLAINED        2.0   /* times the uncommon words that explain a match away */
#define EVIDENCE         0.3   /* uncommon shared words, per word of the minimum length */

void
pl_reuse_options_init (PlReuseOptions *options)
{
  g_return_if_fail (options != NULL);

  options->min_words = PL_REUSE_DEFAULT_MIN_WORDS;
  options->threshold = PL_REUSE_DEFAULT_THRESHOLD;
}

typedef struct
{
  guint32 source;
  guint32 i;          /* source word */
  guint32 j;          /* outcome word */
} Seed;

/* A hit, a cluster or a block: source words [i0, i1) against outcome words [j0, j1). */
typedef struct
{
  guint32 source;
  guint32 i0, i1;
  guint32 j0, j1;
  guint   matched;
  double  pair_weight;
  double  informative;   /* for a cluster: the weight of its hits' equal words */
} Span;

typedef struct
{
  PlReuseIndex *index;
  guint         min_words;
  double        threshold;
  GArray       *outcome;   /* PlReuseToken */
  float        *weight;    /* of each outcome token */
  guint32      *stamp;     /* of each outcome token: 1 + the source it is aligned with */
} Finder;

static inline gboolean
same_word (const PlReuseToken *a,
           const PlReuseToken *b)
{
  return a->word != 0 && a->word == b->word;
}

static GArray *
collect_seeds (Finder *finder)
{
  const PlReuseIndex *index = finder->index;
  const PlReuseToken *out = (const PlReuseToken *) finder->outcome->data;
  guint n_out = finder->outcome->len;
  GArray *seeds = g_array_new (FALSE, FALSE, sizeof (Seed));

  for (guint j = 0; j + GRAM <= n_out; j++)
    {
      gssize slot = pl_reuse_grams_find (&index->grams, pl_reuse_gram_hash (out + j, GRAM));

      if (slot < 0 || index->grams.slots[slot].df >= index->common)
        continue;
      for (guint p = 0; p < index->n_postings[slot]; p++)
        {
          const PlReusePosting *posting = &index->postings[index->first[slot] + p];
          const PlReuseToken *src = pl_reuse_index_tokens (index, posting->source)
                                    + posting->position;
          gboolean equal = TRUE;
          Seed seed = { posting->source, posting->position, j };

          for (guint k = 0; k < GRAM && equal; k++)
            equal = same_word (src + k, out + j + k);
          if (equal)
            g_array_append_val (seeds, seed);
        }
    }
  return seeds;
}

static int
compare_seeds (gconstpointer a,
               gconstpointer b)
{
  const Seed *x = a, *y = b;
  gint64 dx = (gint64) x->i - x->j, dy = (gint64) y->i - y->j;

  if (x->source != y->source)
    return x->source < y->source ? -1 : 1;
  if (dx != dy)
    return dx < dy ? -1 : 1;
  return (x->j > y->j) - (x->j < y->j);
}

/* Extends @seed along its diagonal, no further left than outcome word @floor. */
static Span
extend (const Finder *finder,
        const Seed   *seed,
        guint         floor)
{
  const PlReuseEntry *s = &g_array_index (finder->index->sources, PlReuseEntry, seed->source);
  const PlReuseToken *src = pl_reuse_index_tokens (finder->index, seed->source);
  const PlReuseToken *out = (const PlReuseToken *) finder->outcome->data;
  guint n_out = finder->outcome->len;
  guint right = GRAM, left = 0;
  int score = 0, best = 0;
  Span hit = { seed->source };

  for (guint k = GRAM; seed->i + k < s->n_tokens && seed->j + k < n_out; k++)
    {
      score += same_word (src + seed->i + k, out + seed->j + k) ? 1 : -1;
      if (score > best)
        {
          best = score;
          right = k + 1;
        }
      else if (score <= best - X_DROP)
        break;
    }
  score = best = 0;
  for (guint k = 1; k <= seed->i && k <= seed->j && seed->j - k >= floor; k++)
    {
      score += same_word (src + seed->i - k, out + seed->j - k) ? 1 : -1;
      if (score > best)
        {
          best = score;
          left = k;
        }
      else if (score <= best - X_DROP)
        break;
    }

  hit.i0 = seed->i - left;
  hit.i1 = seed->i + right;
  hit.j0 = seed->j - left;
  hit.j1 = seed->j + right;
  for (guint k = 0; k < left + right; k++)
    if (same_word (src + hit.i0 + k, out + hit.j0 + k))
      {
        hit.matched++;
        hit.informative += finder->weight[hit.j0 + k];
      }
  return hit;
}

static GArray *
collect_hits (Finder *finder,
              GArray *seeds)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (Span));
  const Seed *previous = NULL;
  guint covered = 0;   /* outcome words of the last hit on the same diagonal end here */

  g_array_sort (seeds, compare_seeds);
  for (guint k = 0; k < seeds->len; k++)
    {
      const Seed *seed = &g_array_index (seeds, Seed, k);
      Span hit;

      if (previous == NULL || previous->source != seed->source
          || (gint64) previous->i - previous->j != (gint64) seed->i - seed->j)
        covered = 0;
      previous = seed;
      if (seed->j < covered)
        continue;
      hit = extend (finder, seed, covered);
      covered = hit.j1;
      g_array_append_val (hits, hit);
    }
  return hits;
}

static int
compare_by_outcome (gconstpointer a,
                    gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->source != y->source)
    return x->source < y->source ? -1 : 1;
  if (x->j0 != y->j0)
    return x->j0 < y->j0 ? -1 : 1;
  return (x->i0 > y->i0) - (x->i0 < y->i0);
}

static gboolean
fits_cluster (const Span *cluster,
              const Span *hit)
{
  return hit->j0 <= cluster->j1 + CLUSTER_GAP
         && hit->i0 <= cluster->i1 + CLUSTER_REACH
         && hit->i1 + CLUSTER_REACH >= cluster->i0
         && MAX (cluster->j1, hit->j1) - cluster->j0 <= CLUSTER_MAX
         && MAX (cluster->i1, hit->i1) - MIN (cluster->i0, hit->i0) <= CLUSTER_MAX;
}

/* Gathers hits (sorted by source and outcome position) into clusters. */
static GArray *
collect_clusters (GArray *hits)
{
  GArray *clusters = g_array_new (FALSE, FALSE, sizeof (Span));
  Span open[OPEN_CLUSTERS];
  guint n_open = 0;

  g_array_sort (hits, compare_by_outcome);
  for (guint k = 0; k <= hits->len; k++)
    {
      const Span *hit = k < hits->len ? &g_array_index (hits, Span, k) : NULL;
      gboolean placed = FALSE;

      /* close the clusters this hit can no longer reach */
      for (guint c = 0; c < n_open;)
        if (hit == NULL || hit->source != open[c].source
            || open[c].j1 + CLUSTER_GAP < hit->j0)
          {
            g_array_append_val (clusters, open[c]);
            open[c] = open[--n_open];
          }
        else
          c++;
      if (hit == NULL)
        break;

      for (guint c = 0; c < n_open && !placed; c++)
        if (fits_cluster (&open[c], hit))
          {
            open[c].i0 = MIN (open[c].i0, hit->i0);
            open[c].i1 = MAX (open[c].i1, hit->i1);
            open[c].j1 = MAX (open[c].j1, hit->j1);
            open[c].informative += hit->informative;
            placed = TRUE;
          }
      if (placed)
        continue;
      if (n_open == OPEN_CLUSTERS)
        {
          guint oldest = 0;

          for (guint c = 1; c < n_open; c++)
            if (open[c].j1 < open[oldest].j1)
              oldest = c;
          g_array_append_val (clusters, open[oldest]);
          open[oldest] = open[--n_open];
        }
      open[n_open++] = *hit;
    }
  return clusters;
}

static int
compare_clusters (gconstpointer a,
                  gconstpointer b)
{
  const Span *x = a, *y = b;

  if (x->source != y->source)
    return x->source < y->source ? -1 : 1;
  return (x->informative < y->informative) - (x->informative > y->informative);
}

/* Aligns @cluster, appending its blocks, in source and outcome words, to @blocks. */
static void
align_cluster (Finder     *finder,
               const Span *cluster,
               GArray     *blocks)
{
  const PlReuseEntry *s = &g_array_index (finder->index->sources, PlReuseEntry, cluster->source);
  const PlReuseToken *src = pl_reuse_index_tokens (finder->index, cluster->source);
  guint a0 = cluster->i0 >= MARGIN ? cluster->i0 - MARGIN : 0;
  guint a1 = MIN (cluster->i1 + MARGIN, s->n_tokens);
  guint b0 = cluster->j0 >= MARGIN ? cluster->j0 - MARGIN : 0;
  guint b1 = MIN (cluster->j1 + MARGIN, finder->outcome->len);
  g_autofree float *a_weight = g_new (float, a1 - a0);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (PlReuseBlock));
  PlReuseRegion region = {
    src + a0, a_weight, a1 - a0,
    &g_array_index (finder->outcome, PlReuseToken, b0), finder->weight + b0, b1 - b0,
    finder->stamp + b0, cluster->source + 1,
  };

  pl_reuse_index_weigh (finder->index, src, s->n_tokens, a0, a1, a_weight);
  pl_reuse_align (&region, FIRST_BLOCK, NEXT_BLOCK, found, NULL);
  for (guint k = 0; k < found->len; k++)
    {
      const PlReuseBlock *b = &g_array_index (found, PlReuseBlock, k);
      Span block = {
        cluster->source, a0 + b->a_start, a0 + b->a_end, b0 + b->b_start, b0 + b->b_end,
        b->matched, b->pair_weight, b->informative,
      };

      g_array_append_val (blocks, block);
    }
}

static gboolean
near (guint32 start,
      guint32 end,
      guint32 other_start,
      guint32 other_end)
{
  return start <= other_end + MERGE_GAP && other_start <= end + MERGE_GAP;
}

/* Merges the blocks of one source that lie near each other on both sides. */
static void
merge_blocks (GArray *blocks)
{
  gboolean merged = TRUE;

  while (merged)
    {
      merged = FALSE;
      for (guint x = 0; x < blocks->len; x++)
        for (guint y = x + 1; y < blocks->len; y++)
          {
            Span *a = &g_array_index (blocks, Span, x);
            const Span *b = &g_array_index (blocks, Span, y);

            if (!near (a->j0, a->j1, b->j0, b->j1) || !near (a->i0, a->i1, b->i0, b->i1))
              continue;
            a->i0 = MIN (a->i0, b->i0);
            a->i1 = MAX (a->i1, b->i1);
            a->j0 = MIN (a->j0, b->j0);
            a->j1 = MAX (a->j1, b->j1);
            a->matched += b->matched;
            a->pair_weight += b->pair_weight;
            a->informative += b->informative;
            g_array_remove_index_fast (blocks, y);
            merged = TRUE;
            y--;
          }
    }
}

/* A candidate and the weight of its uncommon shared words. */
typedef struct
{
  PlReuseCandidate candidate;
  double           informative;
} Proposal;

/* Scores a merged block and appends it to @proposals when it passes. */
static void
propose (Finder     *finder,
         const Span *block,
         GArray     *proposals)
{
  const PlReuseEntry *s = &g_array_index (finder->index->sources, PlReuseEntry, block->source);
  const PlReuseToken *src = pl_reuse_index_tokens (finder->index, block->source);
  const PlReuseToken *out = (const PlReuseToken *) finder->outcome->data;
  guint n_src = block->i1 - block->i0, n_out = block->j1 - block->j0;
  g_autofree float *a_weight = g_new (float, n_src);
  double total = 0;
  Proposal proposal;
  PlReuseCandidate *c = &proposal.candidate;

  if (MAX (n_src, n_out) < finder->min_words || block->informative < EVIDENCE * finder->min_words)
    return;

  pl_reuse_index_weigh (finder->index, src, s->n_tokens, block->i0, block->i1, a_weight);
  for (guint k = 0; k < n_src; k++)
    total += PL_REUSE_COUNTED (a_weight[k]);
  for (guint k = block->j0; k < block->j1; k++)
    total += PL_REUSE_COUNTED (finder->weight[k]);

  c->source_id = s->id;
  c->source_start = src[block->i0].start;
  c->source_end = src[block->i1 - 1].end;
  c->document_start = c->source_start + s->offset;
  c->document_end = c->source_end + s->offset;
  c->outcome_start = out[block->j0].start;
  c->outcome_end = out[block->j1 - 1].end;
  c->words = MIN (block->matched, MIN (n_src, n_out));
  c->score = MIN (1.0, block->pair_weight / total);
  proposal.informative = block->informative;
  if (c->score >= finder->threshold)
    g_array_append_val (proposals, proposal);
}

static int
compare_informative (gconstpointer a,
                     gconstpointer b)
{
  const Proposal *x = a, *y = b;

  return (x->informative < y->informative) - (x->informative > y->informative);
}

/* Drops the proposals whose outcome passage lies mostly inside that of another source's
 * proposal with at least twice its uncommon shared words: those words are better
 * explained by the other statement, and the match is a shared turn of phrase. */
static void
explain_away (GArray *proposals)
{
  guint kept = 0;

  g_array_sort (proposals, compare_informative);
  for (guint k = 0; k < proposals->len; k++)
    {
      const Proposal *p = &g_array_index (proposals, Proposal, k);
      guint length = p->candidate.outcome_end - p->candidate.outcome_start;
      gboolean explained = FALSE;

      for (guint d = 0; d < kept && !explained; d++)
        {
          const Proposal *q = &g_array_index (proposals, Proposal, d);
          guint start = MAX (p->candidate.outcome_start, q->candidate.outcome_start);
          guint end = MIN (p->candidate.outcome_end, q->candidate.outcome_end);

          explained = q->candidate.source_id != p->candidate.source_id
                      && q->informative >= EXPLAINED * p->informative
                      && end > start && 3 * (end - start) >= 2 * length;
        }
      if (!explained)
        g_array_index (proposals, Proposal, kept++) = *p;
    }
  g_array_set_size (proposals, kept);
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const PlReuseCandidate *x = a, *y = b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  if (x->words != y->words)
    return x->words < y->words ? 1 : -1;
  if (x->outcome_start != y->outcome_start)
    return x->outcome_start < y->outcome_start ? -1 : 1;
  return (x->source_id > y->source_id) - (x->source_id < y->source_id);
}

GArray *
pl_reuse_find (PlReuseIndex         *index,
               const char           *outcome,
               const PlReuseOptions *options)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (PlReuseCandidate));
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (PlReuseToken));
  g_autoptr(GArray) seeds = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GArray) clusters = NULL;
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) proposals = g_array_new (FALSE, FALSE, sizeof (Proposal));
  g_autofree float *weight = NULL;
  g_autofree guint32 *stamp = NULL;
  PlReuseOptions defaults;
  Finder finder;

  g_return_val_if_fail (index != NULL, candidates);
  g_return_val_if_fail (outcome != NULL, candidates);

  if (options == NULL)
    {
      pl_reuse_options_init (&defaults);
      options = &defaults;
    }
  pl_reuse_index_build (index);

  finder = (Finder) { index, MAX (options->min_words, GRAM), options->threshold, tokens };
  pl_reuse_vocabulary_read (&index->vocabulary, outcome, FALSE, tokens);
  if (tokens->len < GRAM)
    return candidates;
  weight = g_new (float, tokens->len);
  stamp = g_new0 (guint32, tokens->len);
  finder.weight = weight;
  finder.stamp = stamp;
  pl_reuse_index_weigh (index, (const PlReuseToken *) tokens->data, tokens->len, 0, tokens->len,
                        weight);

  seeds = collect_seeds (&finder);
  hits = collect_hits (&finder, seeds);
  clusters = collect_clusters (hits);
  g_array_sort (clusters, compare_clusters);

  for (guint k = 0; k < clusters->len; k++)
    {
      const Span *cluster = &g_array_index (clusters, Span, k);

      if (cluster->informative >= PREFILTER * finder.min_words)
        align_cluster (&finder, cluster, blocks);
      if (k + 1 == clusters->len
          || g_array_index (clusters, Span, k + 1).source != cluster->source)
        {
          merge_blocks (blocks);
          for (guint b = 0; b < blocks->len; b++)
            propose (&finder, &g_array_index (blocks, Span, b), proposals);
          g_array_set_size (blocks, 0);
        }
    }
  explain_away (proposals);
  for (guint k = 0; k < proposals->len; k++)
    g_array_append_val (candidates, g_array_index (proposals, Proposal, k).candidate);
  g_debug ("reuse find: %u outcome words, %u seeds, %u hits, %u clusters, %u candidates",
           tokens->len, seeds->len, hits->len, clusters->len, candidates->len);

  g_array_sort (candidates, compare_candidates);
  return candidates;
}
