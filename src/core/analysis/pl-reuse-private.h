/* pl-reuse-private.h — what the files of the reuse finder share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A word of a text: its vocabulary id (0: a word no source has, which matches nothing)
 * and its code points. */
typedef struct
{
  guint32 word;
  guint32 start;
  guint32 end;
} PlReuseToken;

/* Word ids.  The words of a text are read as the rules at the top of pl-reuse.c say; each
 * form a text shows (case and marks folded) is looked up once and its spelling folded
 * once; ids count from 1. */
typedef struct
{
  GHashTable *forms;         /* form as written → id */
  GHashTable *words;         /* form with its spelling folded → id */
  GString    *scratch;
  GString    *spelled;
} PlReuseVocabulary;

void    pl_reuse_vocabulary_init  (PlReuseVocabulary *vocabulary);
void    pl_reuse_vocabulary_clear (PlReuseVocabulary *vocabulary);
/* The id of @form, given a new one when @add, else 0 when unknown. */
guint32 pl_reuse_vocabulary_id    (PlReuseVocabulary *vocabulary,
                                   const char        *form,
                                   gsize              length,
                                   gboolean           add);
/* Appends the words of @text to @tokens (PlReuseToken), with their ids as
 * pl_reuse_vocabulary_id() gives them. */
void    pl_reuse_vocabulary_read  (PlReuseVocabulary *vocabulary,
                                   const char        *text,
                                   gboolean           add,
                                   GArray            *tokens);

/* A rectangle of the alignment: source tokens @a against outcome tokens @b, each with a
 * weight in 0–1 (0: common phrasing).  An outcome token whose @b_stamp equals @stamp is
 * already aligned with this source and takes no part; the blocks found are stamped. */
typedef struct
{
  const PlReuseToken *a;
  const float        *a_weight;
  guint               n_a;
  const PlReuseToken *b;
  const float        *b_weight;
  guint               n_b;
  guint32            *b_stamp;
  guint32             stamp;
} PlReuseRegion;

/* A local alignment: token ranges of the region (end-exclusive), the aligned equal words,
 * Σ (w′ of both words) over them with w′ = 0.1 + 0.9 w, and Σ min (w of both words). */
typedef struct
{
  guint  a_start;
  guint  a_end;
  guint  b_start;
  guint  b_end;
  guint  matched;
  double pair_weight;
  double informative;
} PlReuseBlock;

/* The weight of a word in a score's sums: common words count a tenth. */
#define PL_REUSE_COUNTED(w) (0.1 + 0.9 * (w))

/* Appends to @blocks the local alignments of @region, best first, disjoint on both sides:
 * the first if it scores at least @min_first (hundredths of an uncommon word), the next
 * ones while they score at least @min_next, each of two aligned words at least; and, when
 * @pairs is not NULL, each pair of aligned equal words as two guints (a index, b index). */
void pl_reuse_align (const PlReuseRegion *region,
                     int                  min_first,
                     int                  min_next,
                     GArray              *blocks,
                     GArray              *pairs);

/* The index (pl-reuse-index.c) */

#define PL_REUSE_GRAM 3      /* words in a fingerprint */

/* A source in the index: its words are tokens [first, first + n_tokens). */
typedef struct
{
  gint64 id;
  guint  offset;
  guint  first;
  guint  n_tokens;
} PlReuseEntry;

/* The document frequency of an n-gram. */
typedef struct
{
  guint64 hash;              /* 0: an empty slot */
  guint32 df;
  guint32 last;              /* 1 + the source counted last */
} PlReuseTally;

/* n-grams by hash: open addressing, linear probing, a power of two slots. */
typedef struct
{
  PlReuseTally *slots;
  gsize         mask;
  gsize         n;
} PlReuseGrams;

typedef struct
{
  guint32 source;
  guint32 position;          /* of the 3-gram's first word in the source */
} PlReusePosting;

struct _PlReuseIndex
{
  PlReuseVocabulary vocabulary;
  GArray           *sources;      /* PlReuseEntry */
  GArray           *tokens;       /* PlReuseToken of all sources, one after another */

  /* built by pl_reuse_index_build() */
  gboolean          built;
  PlReuseGrams      grams;        /* the 3-grams of all sources */
  guint32          *first;        /* for each slot of grams: its first posting … */
  guint32          *n_postings;   /* … and how many */
  PlReusePosting   *postings;     /* the winnowed fingerprints */
  guint             common;       /* the document frequency from which a 3-gram is common */
};

static inline guint64
pl_reuse_mix (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

/* The hash of the @length words at @tokens, or 0 when one of them is unknown. */
static inline guint64
pl_reuse_gram_hash (const PlReuseToken *tokens,
                    guint               length)
{
  guint64 hash = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) + length;

  for (guint k = 0; k < length; k++)
    {
      if (tokens[k].word == 0)
        return 0;
      hash = pl_reuse_mix (hash + tokens[k].word);
    }
  return hash != 0 ? hash : 1;
}


static inline const PlReuseToken *
pl_reuse_index_tokens (const PlReuseIndex *index,
                       guint               source)
{
  const PlReuseEntry *entry = &g_array_index (index->sources, PlReuseEntry, source);

  return &g_array_index (index->tokens, PlReuseToken, entry->first);
}

/* The slot of @hash in @grams, or -1. */
gssize pl_reuse_grams_find   (const PlReuseGrams *grams,
                              guint64             hash);

/* Builds the tables of @index unless they are up to date. */
void   pl_reuse_index_build  (PlReuseIndex       *index);

/* The weights of tokens [@from, @to) of a text of @n tokens into @weights (0–1). */
void   pl_reuse_index_weigh  (const PlReuseIndex *index,
                              const PlReuseToken *tokens,
                              guint               n,
                              guint               from,
                              guint               to,
                              float              *weights);

G_END_DECLS
