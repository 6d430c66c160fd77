/* pl-gazetteer-private.h — what the gazetteer's files share: how a text is cut into
 * words and a name turned into its key
 *
 * Only pl-gazetteer.c and pl-gazetteer-names.c include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Acronyms of up to this many letters, all capitals, match only in capitals. */
#define ACRONYM_MAX_LETTERS 6
/* Longer keys cannot be names: no alias has this many bytes. */
#define KEY_MAX 512

typedef struct
{
  gsize    start;        /* bytes in the source */
  gsize    end;
  gsize    bare_end;     /* end without a possessive "'s" */
  guint    norm_start;   /* bytes in the normalised buffer */
  guint    norm_len;
  guint    bare_len;
  gboolean upper;        /* has letters, all capitals */
} Token;

void        pl_gazetteer_tokenize       (const char    *text,
                                         gsize          length,
                                         guint          max_tokens,
                                         GArray        *tokens,
                                         GString       *norm);
gboolean    pl_gazetteer_token_is       (const GString *norm,
                                         const Token   *token,
                                         const char    *word);
char       *pl_gazetteer_dup_key        (const char    *name,
                                         guint         *n_words,
                                         gboolean      *upper);
gboolean    pl_gazetteer_is_acronym     (const char    *name);
const char *pl_gazetteer_ascii_word_key (const char    *p,
                                         const char    *end,
                                         char          *key,
                                         gsize          size);

G_END_DECLS
