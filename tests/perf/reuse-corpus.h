/* reuse-corpus.h — a synthetic corpus for the reuse benchmark
 *
 * Statements of delegations and one outcome document, generated deterministically from a
 * vocabulary of diplomatic phrases, with passages of the statements planted in the
 * outcome (edited) and decoys that share only common phrasing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint32 seed;
  guint   n_statements;
  guint   statement_chars;   /* about this long each */
  guint   n_planted;
  guint   n_decoys;
  guint   outcome_chars;     /* about this long */
} ReuseCorpusSpec;

/* A passage of a statement planted in the outcome; offsets in code points. */
typedef struct
{
  guint statement;
  guint source_start;
  guint source_end;
  guint outcome_start;
  guint outcome_end;
  guint words;               /* taken from the statement */
  guint edits;
} ReusePlanted;

typedef struct
{
  GPtrArray *statements;     /* char * */
  char      *outcome;
  GArray    *planted;        /* ReusePlanted, in outcome order */
  GArray    *decoys;         /* guint pairs: outcome start, end */
  gsize      statement_bytes;
} ReuseCorpus;

ReuseCorpus *reuse_corpus_new  (const ReuseCorpusSpec *spec);
void         reuse_corpus_free (ReuseCorpus           *corpus);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReuseCorpus, reuse_corpus_free)

G_END_DECLS
