/* pl-reuse.h — where an outcome document reuses the wording of statements
 *
 * An index holds many sources (statement passages); pl_reuse_find() takes one outcome
 * text (a Chair's draft, a revised draft, a report) and proposes the passages of the
 * outcome whose wording comes from a source: exact and near-exact copies, with words
 * inserted, dropped or reordered within a clause, and case, punctuation, diacritics and
 * British / American spelling ignored.  Phrasing that many sources share ("international
 * peace and security") is down-weighted and never proposed on its own.  The rules are
 * written at the top of pl-reuse.c.
 *
 * Offsets are Unicode code points, end-exclusive.  The module is pure: no store, no I/O.
 * An index is used from one thread at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PL_REUSE_DEFAULT_MIN_WORDS 8
#define PL_REUSE_DEFAULT_THRESHOLD 0.6

typedef struct _PlReuseIndex PlReuseIndex;

/* One source: a statement, or a passage of one. */
typedef struct
{
  gint64      id;        /* the caller's key, e.g. the statement's row id */
  const char *text;      /* UTF-8; not kept, only its words */
  guint       offset;    /* where @text starts in its document */
} PlReuseSource;

typedef struct
{
  guint  min_words;      /* the least length of a pair, in words of its longer passage
                          * (3 at least); it also sets how much uncommon wording the
                          * pair must share (0.3 word per word) */
  double threshold;      /* the least score proposed, 0–1 */
} PlReuseOptions;

/* A proposed pair: a passage of a source whose wording reappears in the outcome. */
typedef struct
{
  gint64 source_id;
  guint  source_start;   /* in the source's text */
  guint  source_end;
  guint  document_start; /* the same in its document: source_start + the source's offset */
  guint  document_end;
  guint  outcome_start;  /* in the outcome text */
  guint  outcome_end;
  guint  words;          /* words the two passages share */
  double score;          /* 0–1: how much of both passages is shared, weighted against
                          * common phrasing; 1 for a copy */
} PlReuseCandidate;

/* A word of a source and the word of the outcome it was aligned with. */
typedef struct
{
  guint source_start;
  guint source_end;
  guint outcome_start;
  guint outcome_end;
} PlReuseWordPair;

PlReuseIndex *pl_reuse_index_new            (void);
void          pl_reuse_index_free           (PlReuseIndex        *index);

/* Reads the words of @source into @index.  Sources may be added at any time; the tables
 * that pl_reuse_find() needs are built again on its next call. */
void          pl_reuse_index_add            (PlReuseIndex        *index,
                                             const PlReuseSource *source);
guint         pl_reuse_index_get_n_sources  (PlReuseIndex        *index);

/* Fills @options with the defaults: PL_REUSE_DEFAULT_MIN_WORDS and
 * PL_REUSE_DEFAULT_THRESHOLD. */
void          pl_reuse_options_init         (PlReuseOptions      *options);

/* The candidates for @outcome (UTF-8) against every source of @index: a GArray of
 * PlReuseCandidate, best first (score, then shared words).  @options NULL: the defaults. */
GArray       *pl_reuse_find                 (PlReuseIndex         *index,
                                             const char           *outcome,
                                             const PlReuseOptions *options);

/* The words two passages share, for showing a candidate side by side: a GArray of
 * PlReuseWordPair in outcome order, offsets relative to @source and @outcome.  Words are
 * compared as pl_reuse_fold_word() folds them; isolated single words are left out. */
GArray       *pl_reuse_shared_words         (const char          *source,
                                             const char          *outcome);

/* The form in which a word is compared: case folded, diacritics and punctuation dropped,
 * British spelling turned American ("Behaviour" → "behavior", "défence" → "defense").
 * @word is one word of UTF-8. */
char         *pl_reuse_fold_word            (const char          *word);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlReuseIndex, pl_reuse_index_free)

G_END_DECLS
