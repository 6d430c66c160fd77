/* bench-reuse.c — finding statements' wording in a 60-page outcome document
 *
 * Generates (reuse-corpus.c, fixed seed) 1,000 statements of about 10 kB and an outcome
 * document of about 180,000 characters holding 300 edited passages of 8–60 words taken
 * from the statements and 300 decoys that share only common phrasing.  Each run indexes
 * the statements and finds the candidates for the outcome; five runs are timed.
 *
 * A planted passage is found when a candidate points to its statement, overlaps its
 * source passage, and covers at least half of it in the outcome.  A candidate is right
 * when it points to the statement of a planted passage, overlaps its source passage, and
 * the two outcome spans overlap by at least half of either.  Prints recall, precision,
 * the time (median, min–max) and the peak memory; exits with 1 when a target is missed:
 * recall and precision 95 %, 3 s, 300 MB.  PLENARY_BENCH_VERBOSE=1 lists the misses;
 * PLENARY_BENCH_SEED=n generates another corpus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "pl-reuse.h"
#include "reuse-corpus.h"

#define N_RUNS 5
#define TARGET_RECALL 0.95
#define TARGET_PRECISION 0.95
#define TARGET_SECONDS 3.0
#define TARGET_MEGABYTES 300.0

static double
peak_megabytes (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;   /* kilobytes on Linux */
}

static guint
overlap (guint a_start,
         guint a_end,
         guint b_start,
         guint b_end)
{
  guint start = MAX (a_start, b_start), end = MIN (a_end, b_end);

  return end > start ? end - start : 0;
}

static gboolean
same_source (const PlReuseCandidate *c,
             const ReusePlanted     *p)
{
  return c->source_id == p->statement
         && overlap (c->source_start, c->source_end, p->source_start, p->source_end) > 0;
}

static gboolean
finds (const PlReuseCandidate *c,
       const ReusePlanted     *p)
{
  guint shared = overlap (c->outcome_start, c->outcome_end, p->outcome_start, p->outcome_end);

  return same_source (c, p) && 2 * shared >= p->outcome_end - p->outcome_start;
}

static gboolean
is_right (const PlReuseCandidate *c,
          const ReusePlanted     *p)
{
  guint shared = overlap (c->outcome_start, c->outcome_end, p->outcome_start, p->outcome_end);

  return same_source (c, p)
         && (2 * shared >= p->outcome_end - p->outcome_start
             || 2 * shared >= c->outcome_end - c->outcome_start);
}

static void
print_span (const char *label,
            const char *text,
            guint       start,
            guint       end)
{
  g_autofree char *slice = g_utf8_substring (text, start, end);

  printf ("    %s [%u, %u) %s\n", label, start, end, slice);
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  ReuseCorpusSpec spec = { 20240521, 1000, 10000, 300, 300, 180000 };
  g_autoptr(ReuseCorpus) corpus = NULL;
  g_autoptr(GArray) candidates = NULL;
  gboolean verbose = g_strcmp0 (g_getenv ("PLENARY_BENCH_VERBOSE"), "1") == 0;
  double seconds[N_RUNS];
  guint found = 0, right = 0, on_decoys = 0;
  double recall, precision, peak;
  gboolean met;

  if (g_getenv ("PLENARY_BENCH_SEED"))
    spec.seed = atoi (g_getenv ("PLENARY_BENCH_SEED"));
  corpus = reuse_corpus_new (&spec);
  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(PlReuseIndex) index = pl_reuse_index_new ();
      gint64 started = g_get_monotonic_time ();

      for (guint k = 0; k < corpus->statements->len; k++)
        {
          PlReuseSource source = { k, g_ptr_array_index (corpus->statements, k), 0 };

          pl_reuse_index_add (index, &source);
        }
      g_clear_pointer (&candidates, g_array_unref);
      candidates = pl_reuse_find (index, corpus->outcome, NULL);
      seconds[run] = (g_get_monotonic_time () - started) / 1e6;
    }
  peak = peak_megabytes ();
  qsort (seconds, N_RUNS, sizeof seconds[0], compare_doubles);

  for (guint p = 0; p < corpus->planted->len; p++)
    {
      const ReusePlanted *planted = &g_array_index (corpus->planted, ReusePlanted, p);
      gboolean hit = FALSE;

      for (guint c = 0; c < candidates->len && !hit; c++)
        hit = finds (&g_array_index (candidates, PlReuseCandidate, c), planted);
      found += hit;
      if (!hit && verbose)
        {
          printf ("missed: statement %u, %u words, %u edits\n", planted->statement,
                  planted->words, planted->edits);
          print_span ("source ", g_ptr_array_index (corpus->statements, planted->statement),
                      planted->source_start, planted->source_end);
          print_span ("outcome", corpus->outcome, planted->outcome_start, planted->outcome_end);
        }
    }
  for (guint c = 0; c < candidates->len; c++)
    {
      const PlReuseCandidate *candidate = &g_array_index (candidates, PlReuseCandidate, c);
      gboolean ok = FALSE;

      for (guint p = 0; p < corpus->planted->len && !ok; p++)
        ok = is_right (candidate, &g_array_index (corpus->planted, ReusePlanted, p));
      right += ok;
      for (guint d = 0; d + 1 < corpus->decoys->len; d += 2)
        if (overlap (candidate->outcome_start, candidate->outcome_end,
                     g_array_index (corpus->decoys, guint, d),
                     g_array_index (corpus->decoys, guint, d + 1)) > 0)
          {
            on_decoys++;
            break;
          }
      if (!ok && verbose)
        {
          printf ("wrong: statement %" G_GINT64_FORMAT ", %u words, score %.2f\n",
                  candidate->source_id, candidate->words, candidate->score);
          print_span ("source ", g_ptr_array_index (corpus->statements, candidate->source_id),
                      candidate->source_start, candidate->source_end);
          print_span ("outcome", corpus->outcome, candidate->outcome_start, candidate->outcome_end);
        }
    }

  recall = (double) found / corpus->planted->len;
  precision = candidates->len > 0 ? (double) right / candidates->len : 0.0;
  met = recall >= TARGET_RECALL && precision >= TARGET_PRECISION
        && seconds[N_RUNS / 2] < TARGET_SECONDS && peak < TARGET_MEGABYTES;

  printf ("statements:          %u (%.1f MB)\n", corpus->statements->len,
          corpus->statement_bytes / (1024.0 * 1024.0));
  printf ("outcome:             %ld characters, %u planted passages, %u decoys\n",
          g_utf8_strlen (corpus->outcome, -1), corpus->planted->len, corpus->decoys->len / 2);
  printf ("candidates:          %u (%u overlapping a decoy)\n", candidates->len, on_decoys);
  printf ("recall:              %.1f %% (%u of %u; target ≥ %.0f %%)\n", 100 * recall, found,
          corpus->planted->len, 100 * TARGET_RECALL);
  printf ("precision:           %.1f %% (%u of %u; target ≥ %.0f %%)\n", 100 * precision, right,
          candidates->len, 100 * TARGET_PRECISION);
  printf ("time:                %.2f s median, %.2f–%.2f s over %u runs (target < %.0f s)\n",
          seconds[N_RUNS / 2], seconds[0], seconds[N_RUNS - 1], N_RUNS, TARGET_SECONDS);
  printf ("peak memory:         %.0f MB (target < %.0f MB)\n", peak, TARGET_MEGABYTES);
  printf ("%s\n", met ? "targets met" : "TARGETS MISSED");

  return met ? 0 : 1;
}
