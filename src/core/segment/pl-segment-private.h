/* pl-segment-private.h — what the segmenter's files share: its state while it reads one
 * text, the small text helpers its scans call for every character, and the rules each
 * file contributes
 *
 * Only the files of src/core/segment/ include this header.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "pl-segmenter.h"

G_BEGIN_DECLS

/* How far into a paragraph its opening is read, and how much of a Chair's turn is read
 * for a hand-over. */
#define OPENING_WINDOW 400
#define HANDOVER_WINDOW 600
#define NAME_WINDOW 160

/* A non-blank line of the text. */
typedef struct
{
  gsize  start;    /* bytes, trimmed */
  gsize  end;
  guint  cstart;   /* code points */
  guint  cend;
  guint  block;
} Line;

/* A paragraph: a block between blank lines, or a line. */
typedef struct
{
  guint first;     /* lines, inclusive */
  guint last;
} Para;

/* A speaker label at the start of a paragraph (see the rules in pl-segmenter.c). */
typedef enum
{
  LABEL_NONE,
  LABEL_WEAK,
  LABEL_STRONG,
} LabelStrength;

typedef struct
{
  LabelStrength            strength;
  gboolean                 inline_form;
  gsize                    name_start;   /* the label as written, bytes */
  gsize                    name_end;
  gsize                    speech_start; /* bytes; the paragraph's end when it has no speech */
  const PlGazetteerEntry  *entry;
  PlEntityType             guessed;      /* by a cue word, when there is no entry */
  char                    *person;       /* the surname of a person label */
} Label;

/* A person named with an affiliation, remembered for later labels and quotations. */
typedef struct
{
  char                   *name;          /* "Adaeze Okonkwo" */
  const PlGazetteerEntry *entry;
} Person;

/* The segmenter's state while it reads one text. */
typedef struct
{
  const char   *text;
  PlGazetteer  *gazetteer;
  GArray       *lines;
  GArray       *paras;
  Label        *labels;        /* one per paragraph */
  GHashTable   *chair_names;   /* surname → itself */
  GHashTable   *people;        /* surname → Person */
  GPtrArray    *statements;
  GArray       *sources;
  PlStatement  *current;       /* the last statement with a speaker */
  guint         n_strong;
  gboolean      transcript;
  gboolean      seen_label;
  const PlGazetteerEntry *handover;         /* the Chair handed the floor to … */
  char                   *handover_written;
  const PlGazetteerEntry *handover_behalf;
} Segmenter;

/* What a prose cue says of the speaker: "The representative of X", "X said". */
typedef struct
{
  const PlGazetteerEntry *entry;
  char                   *speaker;
  char                   *person;      /* a full name given in apposition */
  const PlGazetteerEntry *behalf;
  PlEntityType            guessed;
} Cue;

typedef enum
{
  CONTINUES_NOT,
  CONTINUES_PLAINLY,   /* "He went on", "The delegate", "Korea also" */
  CONTINUES_PRONOUN,   /* "She stressed" */
} Continues;

/* What a quotation at the start of a paragraph says of its speaker. */
typedef enum
{
  QUOTE_NONE,
  QUOTE_PRONOUN,
  QUOTE_PERSON,
  QUOTE_CUE,
} QuoteKind;

/* Text, lines and paragraphs.  Inline: the scans call these for every character. */

/* g_unichar_isspace(), quicker for ASCII. */
static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (c);
}

static inline const Line *
line_at (Segmenter *seg,
         guint      i)
{
  return &g_array_index (seg->lines, Line, i);
}

static inline const Para *
para_at (Segmenter *seg,
         guint      i)
{
  return &g_array_index (seg->paras, Para, i);
}

static inline gsize
para_start (Segmenter  *seg,
            const Para *para)
{
  return line_at (seg, para->first)->start;
}

static inline gsize
para_end (Segmenter  *seg,
          const Para *para)
{
  return line_at (seg, para->last)->end;
}

static inline gunichar
char_at (const char *p,
         const char *end)
{
  if (p >= end)
    return 0;
  return (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char (p);
}

static inline const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && is_space (char_at (p, end)))
    p = g_utf8_next_char (p);
  return p;
}

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '\'' || c == 0x2019 || c == '-'
         || c == 0x2010 || c == 0x2011;
}

/* The word at @p (letters, digits, inner apostrophes and hyphens); returns its end. */
static inline const char *
word_end (const char *p,
          const char *end)
{
  const char *q = p;

  while (q < end && is_word_char (char_at (q, end)))
    q = g_utf8_next_char (q);
  /* A trailing apostrophe or hyphen is not part of the word. */
  while (q > p)
    {
      const char *prev = g_utf8_prev_char (q);
      gunichar c = char_at (prev, end);

      if (c != '\'' && c != 0x2019 && c != '-' && c != 0x2010 && c != 0x2011)
        break;
      q = prev;
    }
  return q;
}

static inline gboolean
starts_with_ci (const char *p,
                const char *end,
                const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

static inline gboolean
word_equals (const char *p,
             const char *q,
             const char *word)
{
  return (gsize)(q - p) == strlen (word) && starts_with_ci (p, q, word);
}

static inline gboolean
word_in (const char         *p,
         const char         *q,
         const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (word_equals (p, q, words[i]))
      return TRUE;
  return FALSE;
}

/* The first @needle (ASCII, any case) in [p, end), or NULL. */
static inline const char *
find_ci (const char *p,
         const char *end,
         const char *needle)
{
  gsize n = strlen (needle);
  char lower = g_ascii_tolower (needle[0]);
  char upper = g_ascii_toupper (needle[0]);

  for (; p + n <= end; p++)
    if ((*p == lower || *p == upper) && g_ascii_strncasecmp (p + 1, needle + 1, n - 1) == 0)
      return p;
  return NULL;
}

static inline gboolean
is_capitalised (const char *p,
                const char *end)
{
  gunichar c;

  if (p < end && (guchar)*p < 0x80)
    return g_ascii_isupper (*p);
  c = char_at (p, end);
  return g_unichar_isupper (c) || g_unichar_istitle (c);
}

/* The rules, by the file that holds them. */

/* pl-segment-text.c */
const char             *pl_segment_sentence_end           (const char              *p,
                                                           const char              *end);
char                   *pl_segment_dup_trimmed            (const char              *p,
                                                           const char              *q);
gboolean                pl_segment_all_capitals           (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_is_name_particle       (const char              *p,
                                                           const char              *q);
gboolean                pl_segment_is_person_name         (const char              *p,
                                                           const char              *end,
                                                           guint                    max_words,
                                                           char                   **surname);
const char             *pl_segment_skip_honorifics        (const char              *p,
                                                           const char              *end,
                                                           gboolean                *found);
gboolean                pl_segment_search_at              (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end,
                                                           PlGazetteerMatch        *match);
gboolean                pl_segment_entity_at              (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end,
                                                           PlGazetteerMatch        *match);
const PlGazetteerEntry *pl_segment_lookup_range           (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end);

/* pl-segment-labels.c */
void                    pl_segment_label_clear            (Label                   *label);
void                    pl_segment_parse_label            (Segmenter               *seg,
                                                           guint                    line_index,
                                                           gsize                    stop,
                                                           Label                   *label);
void                    pl_segment_split_at_inline_labels (Segmenter               *seg);
gboolean                pl_segment_find_handover          (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end);
void                    pl_segment_add_chair_name         (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end);
void                    pl_segment_find_chair_names       (Segmenter               *seg);
const PlGazetteerEntry *pl_segment_find_on_behalf         (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end,
                                                           const PlGazetteerEntry  *speaker);

/* pl-segment-prose.c */
void                    pl_segment_cue_clear              (Cue                     *cue);
gboolean                pl_segment_find_cue               (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end,
                                                           Cue                     *cue);
Continues               pl_segment_continues_previous     (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end);
QuoteKind               pl_segment_read_quote             (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end,
                                                           char                   **person,
                                                           Cue                     *cue);
const Person           *pl_segment_find_person            (Segmenter               *seg,
                                                           const char              *name);

/* pl-segment-frontmatter.c */
gboolean                pl_segment_is_heading             (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_is_front_matter        (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_is_reporter_closing    (const char              *p,
                                                           const char              *end);

G_END_DECLS
