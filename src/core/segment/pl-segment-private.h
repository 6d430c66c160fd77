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
/* At most this many statements begin inside one paragraph, and a joint subject names at
 * most this many speakers. */
#define MAX_PIECES 16
#define MAX_MEMBERS 8

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

/* What a passage says of the speaker: "The representative of X", "X said". */
typedef struct
{
  const PlGazetteerEntry *entry;
  char                   *speaker;     /* as written */
  char                   *person;      /* a person's name, when the text gives one */
  char                   *title;       /* the person's office as written: "Foreign Secretary" */
  const PlGazetteerEntry *behalf;
  PlEntityType            guessed;
  gboolean                unsure;      /* inferred: the statement is flagged for review */
  gboolean                direct;      /* a role cue that needs no verb: "X's representative" */
  gboolean                bare;        /* a name and a verb only: "Mexico suggested" */
} Cue;

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
  char                   *title;         /* "Foreign Secretary", or NULL */
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
  GHashTable   *label_entries; /* a whole label as written → the gazetteer's entry, or NULL */
  GPtrArray    *statements;
  GArray       *sources;
  PlStatement  *current;       /* the last statement with a speaker */
  char         *speaking;      /* the person who speaks in it, when named */
  char         *speaking_title;
  gboolean      speaking_bare; /* it was named by a name and a verb only */
  guint         n_strong;
  gboolean      transcript;
  gboolean      seen_label;
  const PlGazetteerEntry *handover;         /* the Chair handed the floor to … */
  char                   *handover_written;
  const PlGazetteerEntry *handover_behalf;
  const PlGazetteerEntry *home;             /* the one state the headlines are about */
  gboolean                home_conflict;
  gboolean                in_speech;        /* one statement under a heading */
  gboolean                speech_started;
  Cue                    *speech;           /* whom the heading names */
} Segmenter;

/* What a passage reads as: nobody named, a speaker, the speaker before ("He stressed",
 * "The delegate added"), or several speakers at once ("Canada and Chile proposed"). */
typedef enum
{
  READ_NONE,
  READ_SPEAKER,
  READ_SAME,
  READ_JOINT,
} ReadKind;

/* What a passage says of its speaker and how the segmenter knows it. */
typedef struct
{
  ReadKind                kind;
  Cue                     cue;
  gboolean                late;       /* the attribution follows the words it attributes */
  gboolean                pronoun;    /* READ_SAME by a pronoun: unsure away from its speaker */
  gboolean                plain;      /* READ_SAME with "went on", "also", … */
  gboolean                by_name;    /* a person found by name alone ("said Okonkwo") */
  const char             *from;       /* where the attributed words begin, when before the sentence */
  const char             *subject;    /* the subject as written (READ_JOINT) */
  const char             *subject_end;
  const PlGazetteerEntry *members[MAX_MEMBERS];
  guint                   n_members;  /* may pass MAX_MEMBERS: the rest are counted, not kept */
} Reading;

/* Text, lines and paragraphs.  Inline: the scans call these for every character. */

/* g_ascii_tolower(), inline: the scans call it for every byte. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* g_unichar_isspace(), quicker for ASCII. */
static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (c);
}

/* A byte that is a character of its own, neither space nor line end: '!' to '~'. */
static inline gboolean
is_visible_ascii (char c)
{
  return (guchar) c > ' ' && (guchar) c < 0x7F;
}

/* The same, or ' '. */
static inline gboolean
is_printable_ascii (char c)
{
  return (guchar) (c - ' ') < 0x7F - ' ';
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
  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '\'' || c == '-';
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
  gsize n;

  if (p >= end || ascii_lower (*p) != ascii_lower (*prefix))
    return FALSE;
  n = strlen (prefix);
  return (gsize)(end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

static inline gboolean
word_equals (const char *p,
             const char *q,
             const char *word)
{
  return (gsize)(q - p) == strlen (word) && starts_with_ci (p, q, word);
}

/* Is [p, q) one of @words (lowercase)?  The first letter is compared first. */
static inline gboolean
word_in (const char         *p,
         const char         *q,
         const char * const *words)
{
  char first;

  if (q <= p)
    return FALSE;
  first = ascii_lower (*p);
  for (guint i = 0; words[i] != NULL; i++)
    if (ascii_lower (words[i][0]) == first && word_equals (p, q, words[i]))
      return TRUE;
  return FALSE;
}

/* The first @needle (ASCII, any case) in [p, end), or NULL.  Its first letter is found by
 * memchr() in either case, which skips the bytes between quicker than a loop. */
static inline const char *
find_ci (const char *p,
         const char *end,
         const char *needle)
{
  gsize n = strlen (needle);
  char lower = ascii_lower (needle[0]);
  char upper = g_ascii_toupper (needle[0]);
  const char *last, *lo, *up;

  if (p >= end || (gsize)(end - p) < n)
    return NULL;

  /* " for ": spaces are many, so the word after it is looked for, then the space. */
  if (needle[0] == ' ' && n > 1)
    {
      for (const char *q = find_ci (p + 1, end, needle + 1); q != NULL; q = find_ci (q + 1, end, needle + 1))
        if (q[-1] == ' ')
          return q - 1;
      return NULL;
    }

  last = end - n + 1;   /* where a match may begin: [p, last) */
  lo = memchr (p, lower, last - p);
  up = lower != upper ? memchr (p, upper, last - p) : NULL;
  while (lo != NULL || up != NULL)
    {
      const char *q = up == NULL || (lo != NULL && lo < up) ? lo : up;

      if (g_ascii_strncasecmp (q + 1, needle + 1, n - 1) == 0)
        return q;
      if (q == lo)
        lo = memchr (lo + 1, lower, last - lo - 1);
      else
        up = memchr (up + 1, upper, last - up - 1);
    }
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

/* Quotation marks followed through a paragraph. */
typedef struct
{
  gboolean    in_quote;
  const char *opened;      /* the last opening mark */
} QuoteState;

/* The rules, by the file that holds them. */

/* pl-segmenter.c: the statements */
PlStatement            *pl_segment_add_piece              (Segmenter               *seg,
                                                           guint                    i,
                                                           const char              *start,
                                                           const char              *end,
                                                           PlStatementKind          kind,
                                                           PlSpeakerSource          source);
PlStatement            *pl_segment_add_carried            (Segmenter               *seg,
                                                           guint                    i,
                                                           const char              *start,
                                                           const char              *end,
                                                           PlSpeakerSource          source,
                                                           gboolean                 unsure);
PlStatement            *pl_segment_add_from_cue           (Segmenter               *seg,
                                                           guint                    i,
                                                           const char              *start,
                                                           const char              *end,
                                                           Cue                     *cue,
                                                           PlSpeakerSource          source);
void                    pl_segment_extend_current         (Segmenter               *seg,
                                                           guint                    i,
                                                           const char              *end);
void                    pl_segment_set_current            (Segmenter               *seg,
                                                           PlStatement             *statement,
                                                           const char              *person,
                                                           const char              *title);

/* pl-segment-text.c */
const char             *pl_segment_sentence_end           (const char              *p,
                                                           const char              *end);
char                   *pl_segment_dup_trimmed            (const char              *p,
                                                           const char              *q);
gboolean                pl_segment_all_capitals           (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_word_in_sorted         (const char              *p,
                                                           const char              *q,
                                                           const char * const      *words,
                                                           gsize                    n);
gboolean                pl_segment_is_verb                (const char              *p,
                                                           const char              *q);
gboolean                pl_segment_is_adverb              (const char              *p,
                                                           const char              *q);
const char             *pl_segment_verb_after             (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_is_pronoun             (const char              *p,
                                                           const char              *q);
gboolean                pl_segment_is_opening_quote       (gunichar                 c);
gboolean                pl_segment_is_closing_quote       (gunichar                 c);
gboolean                pl_segment_is_apostrophe          (gunichar                 c);
gboolean                pl_segment_is_name_particle       (const char              *p,
                                                           const char              *q);
gboolean                pl_segment_is_person_name         (const char              *p,
                                                           const char              *end,
                                                           guint                    max_words,
                                                           char                   **surname);
char                   *pl_segment_surname                (const char              *name);
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

/* pl-segment-persons.c */
gboolean                pl_segment_is_title_word          (const char              *p,
                                                           const char              *q);
const char             *pl_segment_name_end               (const char              *p,
                                                           const char              *end,
                                                           guint                    max_words);
const char             *pl_segment_titled_name_end        (const char              *p,
                                                           const char              *end,
                                                           const char             **name);
gboolean                pl_segment_affiliation            (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end,
                                                           Cue                     *cue);
void                    pl_segment_remember_person        (Segmenter               *seg,
                                                           const char              *name,
                                                           const char              *title,
                                                           const PlGazetteerEntry  *entry);
const PlGazetteerEntry *pl_segment_person_entry           (Segmenter               *seg,
                                                           const char              *name);
gboolean                pl_segment_person_known           (Segmenter               *seg,
                                                           const char              *name);
const Person           *pl_segment_person_by_title        (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *q);
gboolean                pl_segment_title_has_words        (const char              *title,
                                                           const char              *p,
                                                           const char              *q);
void                    pl_segment_learn_persons          (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end);
void                    pl_segment_note_headline          (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end);
const PlGazetteerEntry *pl_segment_home_of_office         (Segmenter               *seg,
                                                           const char              *title);

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

/* pl-segment-cues.c */
void                    pl_segment_cue_clear              (Cue                     *cue);
void                    pl_segment_reading_clear          (Reading                 *r);
ReadKind                pl_segment_read_sentence          (Segmenter               *seg,
                                                           const char              *s,
                                                           const char              *end,
                                                           QuoteState              *quotes,
                                                           Reading                 *r);

/* pl-segment-prose.c */
gboolean                pl_segment_same_speaker           (Segmenter               *seg,
                                                           const Cue               *cue);
void                    pl_segment_prose_paragraph        (Segmenter               *seg,
                                                           guint                    i);

/* pl-segment-frontmatter.c */
gboolean                pl_segment_is_heading             (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_is_title               (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_is_salutation          (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_is_front_matter        (const char              *p,
                                                           const char              *end);
const char             *pl_segment_skip_dateline          (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_is_reporter_closing    (const char              *p,
                                                           const char              *end);
gboolean                pl_segment_statement_heading      (Segmenter               *seg,
                                                           guint                    i,
                                                           Cue                     *cue);
const PlGazetteerEntry *pl_segment_letterhead             (Segmenter               *seg,
                                                           guint                    before);
const PlGazetteerEntry *pl_segment_first_person_behalf    (Segmenter               *seg,
                                                           const char              *p,
                                                           const char              *end);

G_END_DECLS
