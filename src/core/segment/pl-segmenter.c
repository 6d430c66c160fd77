/* pl-segmenter.c — splitting a document's text into statements
 *
 * The unit is the paragraph: a block between blank lines or, in a text without blank
 * lines, a line.  A block is also cut before an inner line that opens with a clear inline
 * label (">>CHAIR:", "Mr. X (Brazil):", "JAPAN:").  Each paragraph becomes one statement
 * or one piece of front matter; statements never overlap, are trimmed, and come in text
 * order.  Offsets are code points.
 *
 * Speakers are found by these rules, in this order.
 *
 * Transcripts.  A speaker label is the first line of a paragraph: inline ("NAME: speech",
 * ">>NAME: speech", "Mr. X (Country): speech"), or on its own line with the speech on the
 * next line of the same paragraph or in the next paragraph (then the statement spans both,
 * label included, so coders see who speaks).  A label is strong when it names someone the
 * gazetteer knows ("Brazil", "CHAIR", "Islamic Republic of Iran"), a person with a known
 * affiliation ("Mr. X (Brazil)", "UNIDIR Ayşe Karadağ"), an organisation by a cue word
 * ("… University"), a person with a title ("Ambassador Halvorsen"), or is marked ">>".
 * A weak label (capitalised words only, or capitals before a colon) counts only in a
 * document with at least two strong labels: that makes it a transcript.  A person's label
 * is the Chair when the document names its Chair ("the Chair, Ambassador X", "chaired by
 * X", "Ambassador X, chair of …") or when that person hands the floor to someone in one of
 * their turns; otherwise a person named earlier in the document with an affiliation keeps
 * it; otherwise the speaker is unknown and flagged.  In a transcript, a paragraph without
 * a label continues the turn before it (its own statement, same speaker, source
 * "continuation"), unless the Chair's turn before it handed the floor ("I give the floor
 * to the distinguished delegation of Kenya", "Estonia, you have the floor", "The next
 * speaker is Mexico", "China has asked for the floor", "Singapore, please.", a sentence
 * that is only a name): then it is that speaker's turn, source "handover", flagged for
 * review.  An unlabelled paragraph opening with "Thank you, Chair" and no hand-over before
 * it is a new speaker nobody named: unknown, flagged.
 *
 * Prose reports and press releases.  At the start of the paragraph, or after an opening
 * clause ending in a comma ("Opening the meeting, …", "Finalising …, the Chairman
 * summarised"):
 *   - "The representative / delegate / delegation / observer / ambassador … of|for|from X";
 *   - "X's representative / delegate …" ("Indonesia's representative, speaking for …");
 *   - "The <adjective> delegation / representative …" ("The Japanese delegation");
 *   - "X <verb>" with X in the gazetteer and a reporting verb, possibly after adverbs or
 *     an apposition ("The Chair opened", "the Chair, Ambassador Ingrid Halvorsen, said",
 *     "Nigeria's representative, Adaeze Okonkwo, described");
 *   - "Speaking for / On behalf of Y, <one of the above or a person> …": the speaker with
 *     on_behalf_of Y, or, for a person alone, a speaker for Y itself;
 * all with source "reported".  A paragraph opening with a quotation attributed after it
 * ("“…,” said Okonkwo") names a person: known from an earlier apposition (source "name"),
 * else an unknown person, flagged.  A paragraph opening with a pronoun ("He", "She", "It",
 * "They", "His", …) carries the previous speaker: with "went on", "added", "continued",
 * "also", "further", "then", "finally", "concluded" it is a continuation (not flagged),
 * otherwise a pronoun carry-over (source "pronoun", flagged).  A paragraph opening with
 * the previous speaker's own name ("Korea also reported"), with "The delegate", "The
 * delegation", "The representative" (no "of"), or with "The <word>" where the word ends
 * the previous speaker's name ("The Group" after the African Group, "The Union" after the
 * European Union) continues it, not flagged.
 *
 * Front matter (kind front_matter, no speaker): paragraphs before the first statement (the
 * title, the date, "Event report", "This is an unofficial transcript", the reporter's
 * introduction); anywhere, agenda headings ("Agenda item 5: …"), date lines, datelines
 * ("NEW YORK, 9 July — …"), headings (a short line without a final full stop), lists of
 * speakers ("Also speaking were …") and closing background ("The Working Group … will
 * continue"); and a paragraph after the first statement that none of the rules explain,
 * which is also flagged (it may be a continuation).
 *
 * A document in which nobody speaks (no statement at all: notes, a journalist's article)
 * keeps the plain reading: each paragraph is a statement without a speaker, unflagged.
 *
 * On behalf of.  "spoke on behalf of Y", "speaking for Y", "I speak on behalf of (the
 * members of) Y" in the first sentences of a statement, and the Chair's "I give the floor
 * to X, speaking on behalf of Y", set on_behalf_of to Y's canonical name.  A sentence that
 * aligns or associates with a statement ("aligned its statement with the statement of the
 * European Union", "aligns itself with the statement to be delivered on behalf of the
 * African Group") is not speaking on behalf of anyone: on_behalf_of stays NULL.
 *
 * Speaker as written: the label (without ">>" and ":"), the person's name when the text
 * gives one, else the words that name the entity ("Republic of Korea", "Holy See").
 * Continuations and carry-overs copy the previous statement's speaker and entity.
 *
 * Cost: one pass over the text for lines, then for each paragraph a bounded number of
 * gazetteer searches in windows of a few hundred bytes at its start (and, for the Chair's
 * turns, at its end): linear in the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segmenter.h"

/* One pass over the text collects both readings: its non-blank lines and its blocks
 * between blank lines.  A text whose blank lines separate fewer than two blocks has no
 * paragraph structure, so it is split by line instead. */
typedef struct
{
  GArray   *lines;
  GArray   *blocks;
  gboolean  in_line;   /* the current line has a non-space character */
  PlSpan    line;
  gboolean  in_block;  /* a block of non-blank lines is open */
  PlSpan    block;
} Splitter;

static void
splitter_end_line (Splitter *splitter)
{
  g_assert (splitter != NULL);

  if (splitter->in_line)
    {
      g_array_append_val (splitter->lines, splitter->line);
      if (!splitter->in_block)
        {
          splitter->block.start = splitter->line.start;
          splitter->in_block = TRUE;
        }
      splitter->block.end = splitter->line.end;
      splitter->in_line = FALSE;
    }
  else if (splitter->in_block)
    {
      g_array_append_val (splitter->blocks, splitter->block);
      splitter->in_block = FALSE;
    }
}

GArray *
pl_segmenter_split_paragraphs (const char *text)
{
  Splitter splitter = { 0 };
  const char *p = text;
  guint offset = 0;

  g_return_val_if_fail (text != NULL, NULL);

  splitter.lines = g_array_new (FALSE, FALSE, sizeof (PlSpan));
  splitter.blocks = g_array_new (FALSE, FALSE, sizeof (PlSpan));

  while (*p != '\0')
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        c = *p++;
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }

      if (c == '\n')
        splitter_end_line (&splitter);
      else if (!g_unichar_isspace (c))
        {
          if (!splitter.in_line)
            {
              splitter.line.start = offset;
              splitter.in_line = TRUE;
            }
          splitter.line.end = offset + 1;
        }

      offset++;
    }

  /* The last line, then the last block. */
  splitter_end_line (&splitter);
  splitter_end_line (&splitter);

  if (splitter.blocks->len >= 2)
    {
      g_array_unref (splitter.lines);
      return splitter.blocks;
    }

  g_array_unref (splitter.blocks);
  return splitter.lines;
}

const char *
pl_speaker_source_to_string (PlSpeakerSource source)
{
  switch (source)
    {
    case PL_SPEAKER_SOURCE_LABEL:
      return "label";
    case PL_SPEAKER_SOURCE_REPORTED:
      return "reported";
    case PL_SPEAKER_SOURCE_CONTINUATION:
      return "continuation";
    case PL_SPEAKER_SOURCE_PRONOUN:
      return "pronoun";
    case PL_SPEAKER_SOURCE_HANDOVER:
      return "handover";
    case PL_SPEAKER_SOURCE_NAME:
      return "name";
    case PL_SPEAKER_SOURCE_USER:
      return "user";
    case PL_SPEAKER_SOURCE_NONE:
    default:
      return NULL;
    }
}

/* Text, lines and paragraphs */

/* How far into a paragraph its opening is read, and how much of a Chair's turn is read
 * for a hand-over. */
#define OPENING_WINDOW 400
#define HANDOVER_WINDOW 600
#define NAME_WINDOW 160

typedef struct
{
  gsize  start;    /* bytes, trimmed */
  gsize  end;
  guint  cstart;   /* code points */
  guint  cend;
  guint  block;
} Line;

typedef struct
{
  guint first;     /* lines, inclusive */
  guint last;
} Para;

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

typedef struct
{
  char                   *name;          /* "Adaeze Okonkwo" */
  const PlGazetteerEntry *entry;
} Person;

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

static void
person_free (Person *person)
{
  g_free (person->name);
  g_free (person);
}

/* g_unichar_isspace(), quicker for ASCII. */
static inline gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (c);
}

static void
build_lines (Segmenter *seg)
{
  const char *text = seg->text;
  const char *p = text;
  guint offset = 0;
  guint block = 0;
  gboolean in_line = FALSE;
  gboolean blank_seen = FALSE;
  Line line = { 0 };
  guint n_blocks = 0;

  for (;;)
    {
      gunichar c;
      const char *here = p;

      if (*p == '\0')
        c = '\n';
      else if ((guchar)*p < 0x80)
        c = *p++;
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }

      if (c == '\n')
        {
          if (in_line)
            {
              if (blank_seen && seg->lines->len > 0)
                block++;
              blank_seen = FALSE;
              line.block = block;
              g_array_append_val (seg->lines, line);
              in_line = FALSE;
            }
          else
            blank_seen = TRUE;

          if (*here == '\0')
            break;
        }
      else if (!is_space (c))
        {
          if (!in_line)
            {
              line.start = here - text;
              line.cstart = offset;
              in_line = TRUE;
            }
          line.end = p - text;
          line.cend = offset + 1;
        }

      offset++;
    }

  n_blocks = seg->lines->len > 0 ? block + 1 : 0;

  /* The paragraphs: blocks, or lines when blank lines do not make two blocks. */
  for (guint i = 0; i < seg->lines->len; i++)
    {
      const Line *l = &g_array_index (seg->lines, Line, i);

      if (n_blocks >= 2 && i > 0 && g_array_index (seg->lines, Line, i - 1).block == l->block)
        g_array_index (seg->paras, Para, seg->paras->len - 1).last = i;
      else
        {
          Para para = { i, i };

          g_array_append_val (seg->paras, para);
        }
    }
}

static const Line *
line_at (Segmenter *seg,
         guint      i)
{
  return &g_array_index (seg->lines, Line, i);
}

static const Para *
para_at (Segmenter *seg,
         guint      i)
{
  return &g_array_index (seg->paras, Para, i);
}

static gsize
para_start (Segmenter  *seg,
            const Para *para)
{
  return line_at (seg, para->first)->start;
}

static gsize
para_end (Segmenter  *seg,
          const Para *para)
{
  return line_at (seg, para->last)->end;
}

/* Small text helpers on byte ranges of seg->text */

static gunichar
char_at (const char *p,
         const char *end)
{
  if (p >= end)
    return 0;
  return (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char (p);
}

static const char *
skip_spaces (const char *p,
             const char *end)
{
  while (p < end && is_space (char_at (p, end)))
    p = g_utf8_next_char (p);
  return p;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '\'' || c == 0x2019 || c == '-'
         || c == 0x2010 || c == 0x2011;
}

/* The word at @p (letters, digits, inner apostrophes and hyphens); returns its end. */
static const char *
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

static gboolean
word_equals (const char *p,
             const char *q,
             const char *word)
{
  gsize n = strlen (word);

  return (gsize)(q - p) == n && g_ascii_strncasecmp (p, word, n) == 0;
}

static gboolean
word_in (const char         *p,
         const char         *q,
         const char * const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (word_equals (p, q, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
starts_with_ci (const char *p,
                const char *end,
                const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize)(end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* The first @needle (ASCII, any case) in [p, end), or NULL. */
static const char *
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

static gboolean
is_capitalised (const char *p,
                const char *end)
{
  gunichar c;

  if (p < end && (guchar)*p < 0x80)
    return g_ascii_isupper (*p);
  c = char_at (p, end);
  return g_unichar_isupper (c) || g_unichar_istitle (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static gboolean
is_opening_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x00AB || c == 0x2018;
}

static const char * const abbreviations[] = {
  "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Amb", "No", "Nos", "Jr", "Sr", "vs", "Mme", "Gen",
  "Rep", "Sen", "H.E", "e.g", "i.e", "U.S", "U.K", "U.N", "Art", "para", "paras", "Corp", "Inc",
  "Ltd", NULL
};

/* Where the sentence that begins at @p ends (after its full stop), or @end. */
static const char *
sentence_end (const char *p,
              const char *end)
{
  for (const char *q = p; q < end; q++)
    {
      if (*q != '.' && *q != '?' && *q != '!')
        continue;
      if (q + 1 < end && !g_ascii_isspace (q[1]) && q[1] != '"' && (guchar)q[1] != 0xE2)
        continue;
      if (*q == '.')
        {
          const char *w = q;

          while (w > p && (g_ascii_isalpha (w[-1]) || w[-1] == '.'))
            w--;
          if (q - w == 1 || word_in (w, q, abbreviations))
            continue;
        }
      return q + 1;
    }
  return end;
}

static char *
dup_trimmed (const char *p,
             const char *q)
{
  g_autofree char *copy = g_strndup (p, q - p);

  return g_strdup (g_strstrip (copy));
}

/* Vocabularies */

static const char * const role_nouns[] = {
  "representative", "representatives", "delegate", "delegates", "delegation", "observer",
  "observers", "ambassador", "minister", "spokesperson", "spokesman", "spokeswoman", "speaker",
  "envoy", "head", "chief", "director", "president", "secretary", "official", "officials",
  "expert", "experts", NULL
};

static const char * const role_modifiers[] = {
  "permanent", "deputy", "alternate", "acting", "senior", "special", "foreign", "vice",
  "assistant", "national", NULL
};

static const char * const continuation_nouns[] = {
  "delegate", "delegation", "representative", "observer", "speaker", "ambassador", "minister",
  "spokesperson", NULL
};

static const char * const pronouns[] = {
  "he", "she", "it", "they", "his", "her", "its", "their", NULL
};

static const char * const continuation_markers[] = {
  "went", "added", "continued", "also", "further", "then", "finally", "concluded", "moreover",
  "furthermore", "lastly", NULL
};

static const char * const honorifics[] = {
  "mr", "mrs", "ms", "mme", "mx", "dr", "prof", "professor", "h.e", "he", "ambassador", "amb",
  "minister", "sir", "dame", "judge", "madam", "madame", "excellency", "his", "her", "mister",
  "senator", "general", "colonel", "deputy", NULL
};

static const char * const label_stop_words[] = {
  "note", "notes", "source", "sources", "date", "time", "title", "subject", "summary", "agenda",
  "location", "venue", "place", "theme", "topic", "keywords", "tags", "photo", "image",
  "caption", "update", "disclaimer", "background", "outcome", "outcomes", "question", "answer",
  "link", "website", "email", "tel", "phone", "related", "highlights", "article", "section",
  "item", "annex", "paragraph", "document", "documents", "participants", "speakers", "key points",
  "next steps", "read more", "editor's note", "recommendation", "recommendations", "conclusion",
  "conclusions", "session", "meeting", "event", "report", NULL
};

static const char * const verbs[] = {
  "said", "says", "stated", "states", "noted", "notes", "highlighted", "highlights",
  "underlined", "underlines", "stressed", "stresses", "emphasised", "emphasized", "emphasises",
  "emphasizes", "added", "adds", "recalled", "recalls", "reminded", "welcomed", "welcomes",
  "suggested", "suggests", "proposed", "proposes", "called", "calls", "urged", "urges",
  "expressed", "expresses", "opened", "closed", "summarised", "summarized", "announced",
  "announces", "explained", "explains", "observed", "observes", "pointed", "points",
  "remarked", "believed", "believes", "shared", "shares", "spoke", "speaks", "referenced",
  "referred", "described", "describes", "recommended", "recommends", "encouraged",
  "encourages", "reported", "reports", "mentioned", "mentions", "asked", "asks", "invited",
  "thanked", "concluded", "considered", "considers", "agreed", "agrees", "supported",
  "supports", "argued", "argues", "indicated", "indicates", "informed", "outlined", "outlines",
  "presented", "presents", "reiterated", "reiterates", "underscored", "underscores",
  "affirmed", "reaffirmed", "reaffirms", "acknowledged", "aligned", "aligns", "associated",
  "associates", "went", "warned", "warns", "cautioned", "cautions", "insisted", "insists",
  "maintained", "declared", "requested", "requests", "questioned", "regretted", "deplored",
  "condemned", "condemns", "commended", "congratulated", "introduced", "continued", "echoed",
  "disagreed", "opposed", "objected", "rejected", "favoured", "favored", "preferred",
  "sought", "hoped", "wished", "drew", "raised", "voiced", "offered", "proposed", "briefed",
  "told", "recognised", "recognized", "clarified", "contended", "asserted", "confirmed",
  "elaborated", "detailed", "listed", "identified", "put", "gave", "took", "made", "joined",
  "delivered", "spoke", "wanted", "feels", "felt", "thinks", "thought", "sees", "saw", NULL
};

static const char * const quote_verbs[] = {
  "said", "says", "added", "stressed", "noted", "explained", "asked", "warned", "told",
  "continued", "insisted", "declared", "urged", "remarked", "concluded", NULL
};

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
  "sept", "oct", "nov", "dec", NULL
};

static gboolean
is_adverb (const char *p,
           const char *q)
{
  static const char * const adverbs[] = {
    "also", "further", "then", "again", "finally", "moreover", "meanwhile", "once", "subsequently",
    "too", "later", "first", NULL
  };

  return word_in (p, q, adverbs) || (q - p > 3 && g_ascii_strncasecmp (q - 2, "ly", 2) == 0);
}

/* After optional adverbs, is there a reporting verb at @p? */
static gboolean
verb_follows (const char *p,
              const char *end)
{
  for (guint i = 0; i < 4; i++)
    {
      const char *q;

      p = skip_spaces (p, end);
      q = word_end (p, end);
      if (q == p)
        return FALSE;
      if (word_in (p, q, verbs))
        return TRUE;
      if (!is_adverb (p, q))
        return FALSE;
      p = q;
    }
  return FALSE;
}

/* Words of a person's name: capitalised, with particles ("de", "van", "al-"). */
static gboolean
is_name_particle (const char *p,
                  const char *q)
{
  static const char * const particles[] = {
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "la",
    "le", "al", "el", "bin", "ibn", "y", "e", NULL
  };

  return word_in (p, q, particles);
}

/* Does [p, end) read as a person's name of one to @max_words words?  Sets @surname. */
static gboolean
is_person_name (const char  *p,
                const char  *end,
                guint        max_words,
                char       **surname)
{
  guint n = 0;
  const char *last = NULL, *last_end = NULL;

  p = skip_spaces (p, end);
  while (p < end)
    {
      const char *q = word_end (p, end);

      if (q == p)
        {
          /* Initials: "J." */
          if (*p == '.' && n > 0)
            {
              p = skip_spaces (p + 1, end);
              continue;
            }
          return FALSE;
        }
      if (is_capitalised (p, end))
        {
          last = p;
          last_end = q;
        }
      else if (!is_name_particle (p, q) || n == 0)
        return FALSE;
      n++;
      if (n > max_words)
        return FALSE;
      p = q;
      if (p < end && *p == '.')
        p++;
      p = skip_spaces (p, end);
    }

  if (last == NULL)
    return FALSE;
  if (surname != NULL)
    *surname = g_strndup (last, last_end - last);
  return TRUE;
}

/* Skips honorifics ("Mr.", "H.E.", "Ambassador") at @p; returns where the name begins. */
static const char *
skip_honorifics (const char *p,
                 const char *end,
                 gboolean   *found)
{
  *found = FALSE;
  for (;;)
    {
      const char *q;
      const char *next;

      p = skip_spaces (p, end);
      q = word_end (p, end);
      next = q;
      /* "H.E." reads as "H", ".", "E", "." */
      if (q - p == 1 && q + 2 <= end && q[0] == '.' && g_ascii_isalpha (q[1]) && q + 2 < end && q[2] == '.')
        {
          *found = TRUE;
          p = q + 3;
          continue;
        }
      if (q == p || !word_in (p, q, honorifics))
        return p;
      /* "His" and "Her" only before "Excellency". */
      if (word_equals (p, q, "his") || word_equals (p, q, "her"))
        {
          const char *r = skip_spaces (q, end);

          if (!starts_with_ci (r, end, "excellency"))
            return p;
        }
      if (next < end && *next == '.')
        next++;
      *found = TRUE;
      p = next;
    }
}

/* Gazetteer helpers */

static gboolean
search_at (Segmenter        *seg,
           const char       *p,
           const char       *end,
           PlGazetteerMatch *match)
{
  gsize length = MIN ((gsize)(end - p), (gsize)NAME_WINDOW);

  if (!pl_gazetteer_search (seg->gazetteer, p, length, match))
    return FALSE;
  match->start += p - seg->text;
  match->end += p - seg->text;
  return TRUE;
}

/* A name right at @p (after "the "): sets @match in seg->text bytes. */
static gboolean
entity_at (Segmenter        *seg,
           const char       *p,
           const char       *end,
           PlGazetteerMatch *match)
{
  const char *q;

  p = skip_spaces (p, end);
  q = word_end (p, end);
  if (word_equals (p, q, "the"))
    p = skip_spaces (q, end);

  return search_at (seg, p, end, match) && seg->text + match->start == p;
}

static void
statement_set_entry (PlStatement            *statement,
                     const PlGazetteerEntry *entry)
{
  g_clear_pointer (&statement->entity, g_free);
  g_clear_pointer (&statement->entity_type, g_free);
  g_clear_pointer (&statement->iso3, g_free);
  g_clear_pointer (&statement->regional_group, g_free);

  if (entry == NULL)
    {
      statement->entity_type = g_strdup (pl_entity_type_to_string (PL_ENTITY_TYPE_UNKNOWN));
      return;
    }
  statement->entity = g_strdup (entry->entity);
  statement->entity_type = g_strdup (pl_entity_type_to_string (entry->type));
  statement->iso3 = g_strdup (entry->iso3);
  statement->regional_group = g_strdup (entry->group);
}

static void
statement_copy_speaker (PlStatement       *statement,
                        const PlStatement *from)
{
  statement->speaker = g_strdup (from->speaker);
  statement->entity = g_strdup (from->entity);
  statement->entity_type = g_strdup (from->entity_type);
  statement->iso3 = g_strdup (from->iso3);
  statement->regional_group = g_strdup (from->regional_group);
  statement->on_behalf_of = g_strdup (from->on_behalf_of);
}

static PlStatement *
add_statement (Segmenter       *seg,
               guint            first_para,
               guint            last_para,
               PlStatementKind  kind,
               PlSpeakerSource  source)
{
  PlStatement *statement = pl_statement_new ();

  statement->index = seg->statements->len + 1;
  statement->start = line_at (seg, para_at (seg, first_para)->first)->cstart;
  statement->end = line_at (seg, para_at (seg, last_para)->last)->cend;
  statement->kind = kind;
  g_ptr_array_add (seg->statements, statement);
  g_array_append_val (seg->sources, source);
  return statement;
}

static void
remember_person (Segmenter              *seg,
                 const char             *name,
                 const PlGazetteerEntry *entry)
{
  g_autofree char *surname = NULL;
  Person *person;

  if (name == NULL || entry == NULL || !is_person_name (name, name + strlen (name), 5, &surname))
    return;

  person = g_new0 (Person, 1);
  person->name = g_strdup (name);
  person->entry = entry;
  g_hash_table_replace (seg->people, g_steal_pointer (&surname), person);
}

/* Labels */

static gboolean
label_shape_ok (const char *p,
                const char *end,
                gboolean    standalone)
{
  guint words = 0;
  gboolean in_word = FALSE;

  if (p >= end || end - p > 90)
    return FALSE;

  for (const char *q = p; q < end; q = g_utf8_next_char (q))
    {
      gunichar c = char_at (q, end);

      if (c == ';' || c == '!' || c == '?' || c == ':' || c == '"' || c == 0x201C || c == 0x201D
          || c == '[' || c == '*' || c == 0x2022 || c == '/' || c == '@')
        return FALSE;
      if (c == '.')
        {
          /* Only after a short word ("Mr.", "H.E.", "J."). */
          const char *w = q;

          while (w > p && g_ascii_isalpha (w[-1]))
            w--;
          if (q - w > 4 || q - w == 0)
            return FALSE;
        }
      if (g_unichar_isspace (c))
        in_word = FALSE;
      else if (!in_word)
        {
          in_word = TRUE;
          words++;
        }
    }

  if (words > (standalone ? 8u : 10u))
    return FALSE;

  if (standalone)
    {
      gunichar last = char_at (g_utf8_prev_char (end), end);

      if (last == '.' || last == ',' || last == 0x2014 || last == '-')
        {
          /* "Mr. Smith" ends with a letter; a line ending in a full stop is a sentence. */
          if (!(last == '.' && end - p <= 6))
            return FALSE;
        }
    }

  return !is_capitalised (p, end) ? FALSE : TRUE;
}

static gboolean
has_digit (const char *p,
           const char *end)
{
  for (; p < end; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;
  return FALSE;
}

static gboolean
all_capitals (const char *p,
              const char *end)
{
  guint letters = 0;

  for (const char *q = p; q < end; q = g_utf8_next_char (q))
    {
      gunichar c = char_at (q, end);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isalpha (c))
        letters++;
    }
  return letters >= 2;
}

static const PlGazetteerEntry *
lookup_range (Segmenter  *seg,
              const char *p,
              const char *end)
{
  g_autofree char *name = g_strndup (p, end - p);

  return pl_gazetteer_lookup (seg->gazetteer, name);
}

/* Reads [p, end) as a label; fills @label's strength, entry, guessed type and person. */
static void
resolve_label (Segmenter  *seg,
               const char *p,
               const char *end,
               gboolean    standalone,
               Label      *label)
{
  g_autofree char *written = g_strndup (p, end - p);
  const char *name;
  const char *paren;
  gboolean honorific;
  PlGazetteerMatch match;

  label->strength = LABEL_NONE;
  label->entry = NULL;
  label->guessed = PL_ENTITY_TYPE_UNKNOWN;

  if (word_in (p, end, label_stop_words))
    return;

  /* The whole label: "Brazil", "CHAIR", "Islamic Republic of Iran". */
  if ((label->entry = pl_gazetteer_lookup (seg->gazetteer, written)) != NULL)
    {
      label->strength = LABEL_STRONG;
      return;
    }

  if (has_digit (p, end))
    return;

  name = skip_honorifics (p, end, &honorific);
  if (honorific && name < end && (label->entry = lookup_range (seg, name, end)) != NULL)
    {
      label->strength = LABEL_STRONG;
      return;
    }

  /* "Mr. Rafael Monteiro (Brazil)" */
  paren = memchr (p, '(', end - p);
  if (paren != NULL && end[-1] == ')' && paren > p)
    {
      g_autofree char *inner = g_strndup (paren + 1, end - 1 - (paren + 1));

      label->entry = pl_gazetteer_lookup (seg->gazetteer, inner);
      if (label->entry == NULL)
        label->guessed = pl_gazetteer_guess_type (seg->gazetteer, inner);
      if (label->entry != NULL || label->guessed != PL_ENTITY_TYPE_UNKNOWN)
        {
          const char *person_start = skip_honorifics (p, paren, &honorific);

          is_person_name (person_start, paren, 6, &label->person);
          label->strength = LABEL_STRONG;
          return;
        }
    }

  /* "UNIDIR Ayşe Karadağ", "Ayşe Karadağ, UNIDIR" */
  if (search_at (seg, p, end, &match))
    {
      const char *m_start = seg->text + match.start;
      const char *m_end = seg->text + match.end;
      const char *before = skip_spaces (p, end);
      const char *q = word_end (before, end);

      if (word_equals (before, q, "the"))
        before = skip_spaces (q, end);

      if (m_start == before && is_person_name (m_end, end, 4, &label->person))
        {
          label->entry = match.entry;
          label->strength = LABEL_STRONG;
          return;
        }
      if (m_end == end)
        {
          const char *comma = m_start;

          while (comma > p && g_ascii_isspace (comma[-1]))
            comma--;
          if (comma > p && (comma[-1] == ',' || comma[-1] == '-')
              && is_person_name (skip_honorifics (p, comma - 1, &honorific), comma - 1, 5, &label->person))
            {
              label->entry = match.entry;
              label->strength = LABEL_STRONG;
              return;
            }
        }
    }

  /* "Stanford University", "Access Initiative" */
  if ((label->guessed = pl_gazetteer_guess_type (seg->gazetteer, written)) != PL_ENTITY_TYPE_UNKNOWN)
    {
      label->strength = LABEL_STRONG;
      return;
    }

  name = skip_honorifics (p, end, &honorific);
  if (honorific && is_person_name (name, end, 5, &label->person))
    {
      label->strength = LABEL_STRONG;
      return;
    }

  if (!standalone && all_capitals (p, end))
    {
      label->strength = LABEL_WEAK;
      return;
    }

  if (is_person_name (p, end, 4, &label->person))
    {
      /* One capitalised word alone is not enough: "Background", "Summary". */
      if (memchr (p, ' ', end - p) != NULL)
        label->strength = LABEL_WEAK;
      else
        g_clear_pointer (&label->person, g_free);
    }
}

static void
label_clear (Label *label)
{
  g_clear_pointer (&label->person, g_free);
  label->strength = LABEL_NONE;
}

/* Looks for a label on the first line of @para (or on line @line_index). */
static void
parse_label (Segmenter *seg,
             guint      line_index,
             gsize      stop,
             Label     *label)
{
  const Line *line = line_at (seg, line_index);
  const char *p = seg->text + line->start;
  const char *end = seg->text + line->end;
  const char *colon;
  gboolean forced = FALSE;

  memset (label, 0, sizeof *label);

  if (starts_with_ci (p, end, ">>"))
    {
      forced = TRUE;
      p = skip_spaces (p + 2, end);
    }

  /* Inline: "NAME: speech" */
  colon = memchr (p, ':', MIN ((gsize)(end - p), (gsize)100));
  if (colon != NULL && (colon + 1 == end || g_ascii_isspace (colon[1])))
    {
      const char *name_end = colon;

      while (name_end > p && g_ascii_isspace (name_end[-1]))
        name_end--;

      if (name_end > p && label_shape_ok (p, name_end, FALSE))
        {
          resolve_label (seg, p, name_end, FALSE, label);
          if (forced && label->strength == LABEL_NONE && is_capitalised (p, name_end))
            label->strength = LABEL_STRONG;
          else if (forced && label->strength == LABEL_WEAK)
            label->strength = LABEL_STRONG;

          if (label->strength != LABEL_NONE)
            {
              const char *speech = skip_spaces (colon + 1, end);

              label->inline_form = TRUE;
              label->name_start = p - seg->text;
              label->name_end = name_end - seg->text;
              if (speech < end)
                label->speech_start = speech - seg->text;
              else if (line_index + 1 < seg->lines->len
                       && line_at (seg, line_index + 1)->start < stop)
                label->speech_start = line_at (seg, line_index + 1)->start;
              else
                label->speech_start = stop;
              return;
            }
          label_clear (label);
        }
    }

  if (forced)
    return;

  /* Standalone: the whole line. */
  if (label_shape_ok (p, end, TRUE))
    {
      resolve_label (seg, p, end, TRUE, label);
      if (label->strength != LABEL_NONE)
        {
          label->name_start = p - seg->text;
          label->name_end = end - seg->text;
          if (line_index + 1 < seg->lines->len && line_at (seg, line_index + 1)->start < stop)
            label->speech_start = line_at (seg, line_index + 1)->start;
          else
            label->speech_start = stop;
          return;
        }
      label_clear (label);
    }
}

/* Cuts blocks before inner lines that open with a clear inline label. */
static void
split_at_inline_labels (Segmenter *seg)
{
  g_autoptr(GArray) paras = g_array_sized_new (FALSE, FALSE, sizeof (Para), seg->paras->len);

  for (guint i = 0; i < seg->paras->len; i++)
    {
      Para para = *para_at (seg, i);

      for (guint l = para.first + 1; l <= para.last; l++)
        {
          const Line *line = line_at (seg, l);
          const char *p = seg->text + line->start;
          Label label;

          /* Cheap test first: a colon near the start. */
          if (memchr (p, ':', MIN (line->end - line->start, (gsize)100)) == NULL)
            continue;
          parse_label (seg, l, line->end, &label);
          if (label.strength == LABEL_STRONG && label.inline_form)
            {
              Para head = { para.first, l - 1 };

              g_array_append_val (paras, head);
              para.first = l;
            }
          label_clear (&label);
        }
      g_array_append_val (paras, para);
    }

  g_array_set_size (seg->paras, 0);
  g_array_append_vals (seg->paras, paras->data, paras->len);
}

/* Hand-overs */

/* The last name that ends right before @at (within a short window), or NULL. */
static gboolean
entity_before (Segmenter        *seg,
               const char       *floor,
               const char       *at,
               PlGazetteerMatch *out)
{
  const char *start = at - MIN ((gsize)(at - floor), (gsize)80);
  gboolean found = FALSE;
  PlGazetteerMatch match;

  while (start < at && search_at (seg, start, at, &match))
    {
      const char *m_end = seg->text + match.end;
      const char *rest = m_end;

      while (rest < at && (*rest == ',' || g_ascii_isspace (*rest)))
        rest++;
      if (rest == at)
        {
          *out = match;
          found = TRUE;
        }
      start = m_end;
    }
  return found;
}

static gboolean
entity_after (Segmenter        *seg,
              const char       *p,
              const char       *end,
              guint             slack,
              PlGazetteerMatch *out)
{
  return search_at (seg, p, end, out) && seg->text + out->start <= p + slack;
}

static void
set_handover (Segmenter              *seg,
              const PlGazetteerMatch *match,
              const char             *end)
{
  const char *after = seg->text + match->end;
  const char *limit = sentence_end (after, end);
  const char *behalf;

  if (match->entry->type == PL_ENTITY_TYPE_CHAIR || match->entry->type == PL_ENTITY_TYPE_SECRETARIAT)
    return;

  seg->handover = match->entry;
  g_free (seg->handover_written);
  seg->handover_written = g_strndup (seg->text + match->start, match->end - match->start);
  seg->handover_behalf = NULL;

  /* "on behalf of " and "speaking for " have the same length. */
  behalf = find_ci (after, limit, "on behalf of ");
  if (behalf == NULL)
    behalf = find_ci (after, limit, "speaking for ");
  if (behalf != NULL)
    {
      PlGazetteerMatch group;

      if (entity_after (seg, behalf + strlen ("on behalf of "), limit, 30, &group)
          && group.entry != match->entry)
        seg->handover_behalf = group.entry;
    }
}

/* Finds the last hand-over in [p, end): sets seg->handover.  Returns TRUE if any. */
static gboolean
find_handover (Segmenter  *seg,
               const char *p,
               const char *end)
{
  static const char * const after_phrases[] = {
    "floor to ", "speaker is ", "speaker on my list is ", "speakers is ", "next is ",
    "call upon ", "call on ", "invite ", NULL
  };
  static const char * const before_phrases[] = {
    "you have the floor", "has asked for the floor", "has requested the floor",
    "wishes to take the floor", "has the floor", ", please", NULL
  };
  gboolean found = FALSE;
  const char *window = end - MIN ((gsize)(end - p), (gsize)HANDOVER_WINDOW);

  while (window > p && ((guchar)*window & 0xC0) == 0x80)
    window--;

  for (const char *s = window; s < end;)
    {
      const char *s_end = sentence_end (s, end);
      const char *best = NULL;
      PlGazetteerMatch best_match = { 0 };
      PlGazetteerMatch match;
      const char *body = skip_spaces (s, s_end);
      const char *body_end = s_end;

      for (guint i = 0; after_phrases[i] != NULL; i++)
        {
          const char *phrase = find_ci (body, s_end, after_phrases[i]);

          if (phrase != NULL && entity_after (seg, phrase + strlen (after_phrases[i]), s_end, 60, &match)
              && (best == NULL || phrase > best))
            {
              best = phrase;
              best_match = match;
            }
        }
      for (guint i = 0; before_phrases[i] != NULL; i++)
        {
          const char *phrase = find_ci (body, s_end, before_phrases[i]);

          if (phrase != NULL && entity_before (seg, body, phrase, &match) && (best == NULL || phrase > best))
            {
              best = phrase;
              best_match = match;
            }
        }

      /* A sentence that is only a name: "Australia." */
      while (body_end > body && (body_end[-1] == '.' || g_ascii_isspace (body_end[-1])))
        body_end--;
      if (best == NULL && body_end > body)
        {
          const PlGazetteerEntry *entry = lookup_range (seg, body, body_end);

          if (entry != NULL)
            {
              best = body;
              best_match.entry = entry;
              best_match.start = body - seg->text;
              best_match.end = body_end - seg->text;
            }
        }

      if (best != NULL)
        {
          set_handover (seg, &best_match, end);
          found = TRUE;
        }
      s = s_end;
    }

  return found;
}

/* Chair names */

/* Adds the surname of the name at the start of [p, end): "Ambassador Carla Mendes of
 * Portugal" gives "Mendes". */
static void
add_chair_name (Segmenter  *seg,
                const char *p,
                const char *end)
{
  g_autofree char *surname = NULL;
  const char *name_end;
  gboolean honorific;

  p = skip_honorifics (p, end, &honorific);
  name_end = p;
  for (const char *w = p; w < end;)
    {
      const char *w_end = word_end (w, end);

      if (w_end == w || !(is_capitalised (w, end) || (w > p && is_name_particle (w, w_end)
                                                      && is_capitalised (skip_spaces (w_end, end), end))))
        break;
      if (is_capitalised (w, end))
        name_end = w_end;
      w = skip_spaces (w_end, end);
    }
  if (name_end > p && is_person_name (p, name_end, 5, &surname))
    g_hash_table_add (seg->chair_names, g_steal_pointer (&surname));
}

/* The words of a name from @p up to the next comma, full stop or the window's end. */
static const char *
name_end_at (const char *p,
             const char *end)
{
  const char *q = p;

  end = MIN (end, p + 80);
  while (q < end && *q != ',' && *q != ';' && *q != ':' && *q != '(' && *q != '\n'
         && !(*q == '.' && (q + 1 == end || q[1] == ' ') && q - p > 4 && g_ascii_islower (q[-1])))
    q++;
  return q;
}

/* "the Chair, Ambassador X,", "chaired by ambassador X,", "Ambassador X, chair of". */
static void
find_chair_names (Segmenter *seg)
{
  for (guint i = 0; i < seg->paras->len; i++)
    {
      const Para *para = para_at (seg, i);
      const char *start = seg->text + para_start (seg, para);
      const char *end = seg->text + para_end (seg, para);
      const char *p = start;

      while ((p = find_ci (p, end, "chair")) != NULL)
        {
          const char *q = word_end (p, end);
          const char *after = q;

          if (word_in (p, q, (const char * const[]) { "chair", "chairman", "chairperson", "chairwoman", NULL }))
            {
              /* "the Chair, Ambassador Ingrid Halvorsen," */
              if (after < end && *after == ',')
                {
                  const char *name = skip_spaces (after + 1, end);
                  gboolean honorific;

                  skip_honorifics (name, end, &honorific);
                  if (honorific)
                    add_chair_name (seg, name, name_end_at (name, end));
                }
              /* "Ambassador Jürg Lauber, chair of the OEWG" */
              if (p - start >= 2 && p[-2] == ',')
                {
                  const char *comma = p - 2;
                  const char *from = comma - MIN ((gsize)(comma - start), (gsize)60);
                  const char *amb = NULL;

                  for (const char *s = find_ci (from, comma, "ambassador "); s != NULL;
                       s = find_ci (s + 1, comma, "ambassador "))
                    amb = s;
                  if (amb != NULL)
                    add_chair_name (seg, amb, comma);
                }
            }
          else if (word_equals (p, q, "chaired") && starts_with_ci (skip_spaces (q, end), end, "by "))
            {
              const char *name = skip_spaces (q, end) + 3;

              add_chair_name (seg, name, name_end_at (name, end));
            }
          p = q > p ? q : p + 1;
        }
    }
}

/* On behalf of */

static const PlGazetteerEntry *
find_on_behalf (Segmenter              *seg,
                const char             *p,
                const char             *end,
                const PlGazetteerEntry *speaker)
{
  static const char * const phrases[] = {
    "on behalf of ", "speaking for ", "spoke for ", "speaks for ", "speak for ", NULL
  };
  const char *limit = p + MIN ((gsize)(end - p), (gsize)OPENING_WINDOW);

  /* The Chair giving the floor "to Fiji, speaking on behalf of …" speaks for nobody. */
  if (speaker != NULL && (speaker->type == PL_ENTITY_TYPE_CHAIR || speaker->type == PL_ENTITY_TYPE_SECRETARIAT))
    return NULL;

  while (limit < end && ((guchar)*limit & 0xC0) == 0x80)
    limit++;

  for (const char *s = p; s < limit;)
    {
      const char *s_end = sentence_end (s, limit);
      const char *phrase = NULL;
      gsize phrase_length = 0;

      for (guint i = 0; phrases[i] != NULL; i++)
        {
          const char *found = find_ci (s, s_end, phrases[i]);

          if (found != NULL && (phrase == NULL || found < phrase))
            {
              phrase = found;
              phrase_length = strlen (phrases[i]);
            }
        }

      if (phrase != NULL && find_ci (s, phrase, "align") == NULL && find_ci (s, phrase, "associat") == NULL)
        {
          PlGazetteerMatch match;
          const char *from = phrase + phrase_length;

          /* "on behalf of the members of the Pacific Islands Forum" */
          if (starts_with_ci (from, s_end, "the members of "))
            from += strlen ("the members of ");
          else if (starts_with_ci (from, s_end, "members of "))
            from += strlen ("members of ");

          if (entity_after (seg, from, s_end, 8, &match) && match.entry != speaker
              && match.entry->type != PL_ENTITY_TYPE_CHAIR && match.entry->type != PL_ENTITY_TYPE_SECRETARIAT)
            return match.entry;
        }
      s = s_end;
    }
  return NULL;
}

/* Prose cues */

typedef struct
{
  const PlGazetteerEntry *entry;
  char                   *speaker;
  char                   *person;      /* a full name given in apposition */
  const PlGazetteerEntry *behalf;
  PlEntityType            guessed;
} Cue;

static void
cue_clear (Cue *cue)
{
  g_clear_pointer (&cue->speaker, g_free);
  g_clear_pointer (&cue->person, g_free);
  memset (cue, 0, sizeof *cue);
}

/* An apposition after a name: ", Adaeze Okonkwo," or ", Ambassador Ingrid Halvorsen,"
 * followed by a verb.  Returns where the verb search continues, or NULL. */
static const char *
read_apposition (const char  *p,
                 const char  *end,
                 char       **person)
{
  const char *close;
  const char *name;
  gboolean honorific;

  if (p >= end || *p != ',')
    return NULL;
  close = memchr (p + 1, ',', MIN ((gsize)(end - p - 1), (gsize)80));
  if (close == NULL)
    return NULL;

  name = skip_honorifics (p + 1, close, &honorific);
  if (is_person_name (name, close, 5, NULL) && person != NULL)
    *person = dup_trimmed (p + 1, close);
  return close + 1;
}

/* "The [modifiers] representative of|for|from X": X's match. */
static gboolean
cue_role_of (Segmenter  *seg,
             const char *p,
             const char *end,
             Cue        *cue)
{
  const char *q = word_end (p, end);
  PlGazetteerMatch match;

  if (word_equals (p, q, "the"))
    {
      p = skip_spaces (q, end);
      q = word_end (p, end);
    }

  for (guint i = 0; i < 4 && q > p; i++)
    {
      if (word_in (p, q, role_nouns))
        {
          const char *of = skip_spaces (q, end);
          const char *of_end = word_end (of, end);

          if (!word_in (of, of_end, (const char * const[]) { "of", "for", "from", NULL }))
            return FALSE;
          of = skip_spaces (of_end, end);

          /* "The head of the delegation of X", "… of the Permanent Mission of X" */
          {
            const char *w = of;
            const char *w_end = word_end (w, end);

            if (word_equals (w, w_end, "the"))
              w_end = word_end (w = skip_spaces (w_end, end), end);
            if (word_in (w, w_end, (const char * const[]) { "delegation", "government", "mission", NULL })
                || (word_equals (w, w_end, "permanent")
                    && starts_with_ci (skip_spaces (w_end, end), end, "mission ")))
              {
                const char *next = find_ci (w_end, MIN (end, w_end + 30), " of ");

                if (next != NULL)
                  of = next + 4;
              }
          }

          if (entity_at (seg, of, end, &match))
            {
              cue->entry = match.entry;
              cue->speaker = g_strndup (seg->text + match.start, match.end - match.start);
              return TRUE;
            }

          /* Not in the gazetteer: the capitalised words that follow. */
          {
            const char *name = of;
            const char *name_end = of;
            const char *w = of;

            if (word_equals (w, word_end (w, end), "the"))
              name = w = skip_spaces (word_end (w, end), end);
            while (w < end)
              {
                const char *w_end = word_end (w, end);

                if (w_end == w)
                  break;
                if (is_capitalised (w, end))
                  name_end = w_end;
                else if (!word_in (w, w_end, (const char * const[]) { "of", "for", "and", "the", "on", NULL }))
                  break;
                w = skip_spaces (w_end, end);
              }
            if (name_end > name)
              {
                cue->speaker = g_strndup (name, name_end - name);
                cue->guessed = pl_gazetteer_guess_type (seg->gazetteer, cue->speaker);
                return TRUE;
              }
          }
          return FALSE;
        }
      if (!word_in (p, q, role_modifiers) && !is_capitalised (p, end))
        return FALSE;
      p = skip_spaces (q, end);
      q = word_end (p, end);
    }
  return FALSE;
}

/* "X's representative", "The Netherlands' delegate" */
static gboolean
cue_possessive (Segmenter  *seg,
                const char *p,
                const char *end,
                Cue        *cue)
{
  PlGazetteerMatch match;
  const char *after;
  const char *q;

  if (!entity_at (seg, p, end, &match))
    return FALSE;

  after = seg->text + match.end;
  if (!is_apostrophe (char_at (after, end)))
    return FALSE;
  after = g_utf8_next_char (after);
  if (after < end && *after == 's')
    after++;
  after = skip_spaces (after, end);

  for (guint i = 0; i < 3; i++)
    {
      q = word_end (after, end);
      if (q == after)
        return FALSE;
      if (word_in (after, q, role_nouns))
        {
          cue->entry = match.entry;
          cue->speaker = g_strndup (seg->text + match.start, match.end - match.start);
          read_apposition (q, end, &cue->person);
          return TRUE;
        }
      if (!word_in (after, q, role_modifiers))
        return FALSE;
      after = skip_spaces (q, end);
    }
  return FALSE;
}

/* "The Japanese delegation" */
static gboolean
cue_adjective (Segmenter  *seg,
               const char *p,
               const char *end,
               Cue        *cue)
{
  const char *q = word_end (p, end);
  const char *adjective;

  if (!word_equals (p, q, "the"))
    return FALSE;
  adjective = skip_spaces (q, end);

  for (guint n = 1; n <= 2; n++)
    {
      const char *a_end = adjective;
      const char *noun, *noun_end;
      const PlGazetteerEntry *entry;

      for (guint i = 0; i < n; i++)
        a_end = word_end (skip_spaces (a_end, end), end);
      noun = skip_spaces (a_end, end);
      noun_end = word_end (noun, end);
      if (!word_in (noun, noun_end, role_nouns))
        continue;
      entry = lookup_range (seg, adjective, a_end);
      if (entry == NULL)
        {
          g_autofree char *words = g_strndup (adjective, a_end - adjective);

          entry = pl_gazetteer_lookup_adjective (seg->gazetteer, words);
        }
      if (entry != NULL)
        {
          cue->entry = entry;
          cue->speaker = g_strndup (adjective, a_end - adjective);
          return TRUE;
        }
    }
  return FALSE;
}

/* "Mexico suggested", "The Chair opened", "the Chair, Ambassador X, said",
 * "Indonesia, speaking for the Non-Aligned Movement, said" */
static gboolean
cue_entity_verb (Segmenter  *seg,
                 const char *p,
                 const char *end,
                 Cue        *cue)
{
  PlGazetteerMatch match;
  const char *after;

  if (!entity_at (seg, p, end, &match))
    return FALSE;

  after = seg->text + match.end;
  /* "(ICRC)" */
  if (starts_with_ci (skip_spaces (after, end), end, "("))
    {
      const char *close = memchr (after, ')', MIN ((gsize)(end - after), (gsize)40));

      if (close != NULL)
        after = close + 1;
    }

  if (verb_follows (after, end))
    {
      cue->entry = match.entry;
      cue->speaker = g_strndup (seg->text + match.start, match.end - match.start);
      return TRUE;
    }

  if (after < end && *after == ',')
    {
      g_autofree char *person = NULL;
      const char *rest = skip_spaces (after + 1, end);
      const char *next;

      if (starts_with_ci (rest, end, "speaking ") || starts_with_ci (rest, end, "on behalf "))
        {
          cue->entry = match.entry;
          cue->speaker = g_strndup (seg->text + match.start, match.end - match.start);
          return TRUE;
        }

      next = read_apposition (after, end, &person);
      if (next != NULL && verb_follows (next, end))
        {
          cue->entry = match.entry;
          cue->speaker = g_strndup (seg->text + match.start, match.end - match.start);
          cue->person = g_steal_pointer (&person);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
cue_at (Segmenter  *seg,
        const char *p,
        const char *end,
        Cue        *cue)
{
  return cue_role_of (seg, p, end, cue)
         || cue_possessive (seg, p, end, cue)
         || cue_adjective (seg, p, end, cue)
         || cue_entity_verb (seg, p, end, cue);
}

/* The anchors of a paragraph's opening: its start, and after an opening clause. */
static const char *
second_anchor (const char *p,
               const char *end)
{
  const char *s_end = sentence_end (p, end);
  const char *comma = memchr (p, ',', MIN ((gsize)(s_end - p), (gsize)250));

  return comma != NULL ? skip_spaces (comma + 1, end) : NULL;
}

/* "Speaking for the European Union, Karl-Heinz Brückner announced …" */
static gboolean
cue_speaking_for (Segmenter  *seg,
                  const char *p,
                  const char *end,
                  Cue        *cue)
{
  PlGazetteerMatch group;
  const char *from;
  const char *rest;

  if (starts_with_ci (p, end, "speaking for "))
    from = p + strlen ("speaking for ");
  else if (starts_with_ci (p, end, "speaking on behalf of "))
    from = p + strlen ("speaking on behalf of ");
  else if (starts_with_ci (p, end, "on behalf of "))
    from = p + strlen ("on behalf of ");
  else
    return FALSE;

  if (!entity_at (seg, from, end, &group))
    return FALSE;

  rest = seg->text + group.end;
  if (rest >= end || *rest != ',')
    return FALSE;
  rest = skip_spaces (rest + 1, end);

  if (cue_at (seg, rest, end, cue))
    {
      if (cue->entry != group.entry)
        cue->behalf = group.entry;
      return TRUE;
    }
  cue_clear (cue);

  {
    const char *comma = rest;
    const char *name_end;
    gboolean honorific;

    /* "<Name> announced" or "<Name>, the Minister for …, announced" */
    name_end = rest;
    while (name_end < end && (is_word_char (char_at (name_end, end)) || *name_end == ' ' || *name_end == '.'))
      {
        const char *w = word_end (name_end, end);

        if (w == name_end)
          name_end++;
        else if (word_in (name_end, w, verbs))
          break;
        else
          name_end = w;
      }
    while (name_end > rest && name_end[-1] == ' ')
      name_end--;
    comma = skip_honorifics (rest, name_end, &honorific);
    if (name_end > rest && is_person_name (comma, name_end, 5, NULL) && verb_follows (name_end, end))
      {
        cue->entry = group.entry;
        cue->person = g_strndup (rest, name_end - rest);
        cue->speaker = g_strdup (cue->person);
        return TRUE;
      }
  }
  return FALSE;
}

static gboolean
find_cue (Segmenter  *seg,
          const char *p,
          const char *end,
          Cue        *cue)
{
  const char *anchor;

  if (cue_speaking_for (seg, p, end, cue))
    return TRUE;
  cue_clear (cue);
  if (cue_at (seg, p, end, cue))
    return TRUE;
  cue_clear (cue);

  anchor = second_anchor (p, end);
  if (anchor != NULL)
    {
      if (cue_speaking_for (seg, anchor, end, cue))
        return TRUE;
      cue_clear (cue);
      if (cue_at (seg, anchor, end, cue))
        return TRUE;
      cue_clear (cue);
    }
  return FALSE;
}

/* Front matter */

static gboolean
is_date_line (const char *p,
              const char *end)
{
  guint words = 0;
  gboolean month = FALSE, digits = FALSE;

  if (end - p > 70)
    return FALSE;

  while (p < end)
    {
      const char *q = word_end (p, end);

      if (q == p)
        {
          p++;
          continue;
        }
      words++;
      if (word_in (p, q, month_names))
        month = TRUE;
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      p = q;
    }
  return digits && (month || words <= 4) && words <= 8;
}

static gboolean
is_dateline (const char *p,
             const char *end)
{
  /* "NEW YORK, 9 July — " or "GENEVA (UN News) - " */
  const char *comma = memchr (p, ',', MIN ((gsize)(end - p), (gsize)40));
  const char *dash;

  if (comma == NULL || !all_capitals (p, comma))
    return FALSE;
  dash = find_ci (comma, MIN (end, comma + 40), "\xe2\x80\x94");
  if (dash == NULL)
    dash = find_ci (comma, MIN (end, comma + 40), " - ");
  if (dash == NULL)
    dash = find_ci (comma, MIN (end, comma + 40), "\xe2\x80\x93");
  return dash != NULL;
}

static gboolean
is_heading (const char *p,
            const char *end)
{
  gunichar last;
  guint words = 0;

  if (end - p > 120 || memchr (p, '\n', end - p) != NULL)
    return FALSE;
  last = char_at (g_utf8_prev_char (end), end);
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == 0x201D || last == '"')
    return FALSE;
  for (const char *q = p; q < end; q++)
    if (*q == ' ')
      words++;
  return words < 12;
}

/* Front matter wherever it stands: agenda, dates, datelines, markers. */
static gboolean
is_front_matter (const char *p,
                 const char *end)
{
  static const char * const openings[] = {
    "agenda item", "item ", "event report", "unofficial transcript", "this is an unofficial",
    "official records", "press release", "meetings coverage", "also speaking", "also taking the floor",
    "other speakers", "speakers included", "for information media", "source:", "photo:",
    "(meeting ", "(the meeting ", "[", "(applause", "(suspended", "(resumed", NULL
  };
  const char *line_end = memchr (p, '\n', end - p);

  for (guint i = 0; openings[i] != NULL; i++)
    if (starts_with_ci (p, end, openings[i]))
      return TRUE;

  if (find_ci (p, MIN (line_end != NULL ? line_end : end, p + 200), "unofficial transcript") != NULL)
    return TRUE;

  return is_date_line (p, line_end != NULL ? line_end : end) || is_dateline (p, end);
}

/* Reporter's closing background: "The Working Group … will continue its work". */
static gboolean
is_reporter_closing (const char *p,
                     const char *end)
{
  static const char * const subjects[] = {
    "the working group", "the open-ended working group", "the oewg", "the committee will",
    "the meeting", "the session", "the conference", "the general assembly", "the next meeting",
    "the group will", "the group's next", "the group of governmental experts", NULL
  };

  for (guint i = 0; subjects[i] != NULL; i++)
    if (starts_with_ci (p, end, subjects[i]))
      return TRUE;
  return FALSE;
}

/* Continuations */

/* The last word of the previous speaker's name: "Group", "Union", "Forum". */
static gboolean
names_previous (Segmenter  *seg,
                const char *p,
                const char *q)
{
  const char *names[] = {
    seg->current != NULL ? seg->current->entity : NULL,
    seg->current != NULL ? seg->current->on_behalf_of : NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *space;
      const char *last;

      if (names[i] == NULL)
        continue;
      space = strrchr (names[i], ' ');
      last = space != NULL ? space + 1 : names[i];
      if (strlen (last) > 3 && word_equals (p, q, last))
        return TRUE;
    }
  return FALSE;
}

typedef enum
{
  CONTINUES_NOT,
  CONTINUES_PLAINLY,   /* "He went on", "The delegate", "Korea also" */
  CONTINUES_PRONOUN,   /* "She stressed" */
} Continues;

static Continues
continues_previous (Segmenter  *seg,
                    const char *p,
                    const char *end)
{
  const char *q = word_end (p, end);
  PlGazetteerMatch match;

  if (seg->current == NULL || q == p)
    return CONTINUES_NOT;

  if (word_in (p, q, pronouns) && is_capitalised (p, end))
    {
      const char *w = skip_spaces (q, end);

      for (guint i = 0; i < 2; i++)
        {
          const char *w_end = word_end (w, end);

          if (w_end == w)
            break;
          if (word_in (w, w_end, continuation_markers))
            return CONTINUES_PLAINLY;
          w = skip_spaces (w_end, end);
        }
      return CONTINUES_PRONOUN;
    }

  if (word_equals (p, q, "the"))
    {
      const char *w = skip_spaces (q, end);
      const char *w_end = word_end (w, end);
      const char *next = skip_spaces (w_end, end);
      const char *next_end = word_end (next, end);

      if (word_in (w, w_end, continuation_nouns)
          && !word_in (next, next_end, (const char * const[]) { "of", "for", "from", NULL }))
        return CONTINUES_PLAINLY;
      if (names_previous (seg, w, w_end))
        return CONTINUES_PLAINLY;
    }

  if (entity_at (seg, p, end, &match) && seg->current->entity != NULL
      && g_strcmp0 (match.entry->entity, seg->current->entity) == 0)
    return CONTINUES_PLAINLY;

  return CONTINUES_NOT;
}

/* Quotations: "“…,” said Okonkwo." */

typedef enum
{
  QUOTE_NONE,
  QUOTE_PRONOUN,
  QUOTE_PERSON,
  QUOTE_CUE,
} QuoteKind;

static QuoteKind
read_quote (Segmenter  *seg,
            const char *p,
            const char *end,
            char      **person,
            Cue        *cue)
{
  gunichar open = char_at (p, end);
  const char *close;
  const char *w, *w_end;

  if (!is_opening_quote (open))
    return QUOTE_NONE;

  close = open == 0x201C ? find_ci (p, end, "\xe2\x80\x9d")
        : open == 0x00AB ? find_ci (p, end, "\xc2\xbb")
        : open == 0x2018 ? find_ci (p, end, "\xe2\x80\x99 ")
        : memchr (p + 1, '"', end - p - 1);
  if (close == NULL)
    return QUOTE_NONE;
  close = g_utf8_next_char (close);
  while (close < end && (*close == ',' || *close == ' '))
    close++;

  w = close;
  w_end = word_end (w, end);
  if (word_in (w, w_end, quote_verbs))
    {
      const char *subject = skip_spaces (w_end, end);
      const char *s_end = word_end (subject, end);

      if (word_in (subject, s_end, pronouns))
        return QUOTE_PRONOUN;
      if (cue_at (seg, subject, end, cue))
        return QUOTE_CUE;
      cue_clear (cue);
      /* The name runs to the next comma or full stop. */
      {
        const char *stop = subject;

        while (stop < end && *stop != ',' && *stop != '.' && *stop != ';')
          stop++;
        if (is_person_name (subject, stop, 4, NULL))
          {
            *person = dup_trimmed (subject, stop);
            return QUOTE_PERSON;
          }
      }
      return QUOTE_NONE;
    }

  if (word_in (w, w_end, pronouns))
    {
      const char *v = skip_spaces (w_end, end);

      if (word_in (v, word_end (v, end), quote_verbs))
        return QUOTE_PRONOUN;
    }
  else
    {
      const char *v = w_end;

      /* "Okonkwo said", "Adaeze Okonkwo said" */
      for (guint i = 0; i < 3 && v > w; i++)
        {
          const char *next = skip_spaces (v, end);
          const char *next_end = word_end (next, end);

          if (word_in (next, next_end, quote_verbs))
            {
              if (is_person_name (w, v, 3, NULL))
                {
                  *person = dup_trimmed (w, v);
                  return QUOTE_PERSON;
                }
              break;
            }
          v = next_end;
        }
    }
  return QUOTE_NONE;
}

static const Person *
find_person (Segmenter  *seg,
             const char *name)
{
  g_autofree char *surname = NULL;

  if (!is_person_name (name, name + strlen (name), 5, &surname))
    return NULL;
  return g_hash_table_lookup (seg->people, surname);
}

/* Statements */

static PlStatement *
add_front_matter (Segmenter *seg,
                  guint      i,
                  gboolean   unsure)
{
  PlStatement *statement = add_statement (seg, i, i, PL_STATEMENT_KIND_FRONT_MATTER, PL_SPEAKER_SOURCE_NONE);

  statement->needs_review = unsure;
  return statement;
}

static PlStatement *
add_carried (Segmenter       *seg,
             guint            i,
             PlSpeakerSource  source,
             gboolean         unsure)
{
  PlStatement *statement = add_statement (seg, i, i, PL_STATEMENT_KIND_STATEMENT, source);

  statement_copy_speaker (statement, seg->current);
  statement->needs_review = unsure;
  return statement;
}

static void
add_from_cue (Segmenter       *seg,
              guint            i,
              Cue             *cue,
              PlSpeakerSource  source,
              const char      *opening,
              const char      *end)
{
  PlStatement *statement = add_statement (seg, i, i, PL_STATEMENT_KIND_STATEMENT, source);

  statement->speaker = g_strdup (cue->person != NULL ? cue->person : cue->speaker);
  statement_set_entry (statement, cue->entry);
  if (cue->entry == NULL && cue->guessed != PL_ENTITY_TYPE_UNKNOWN)
    {
      g_free (statement->entity_type);
      statement->entity_type = g_strdup (pl_entity_type_to_string (cue->guessed));
      statement->entity = g_strdup (cue->speaker);
    }
  statement->needs_review = cue->entry == NULL;

  if (cue->behalf != NULL)
    statement->on_behalf_of = g_strdup (cue->behalf->entity);
  else
    {
      const PlGazetteerEntry *behalf = find_on_behalf (seg, opening, end, cue->entry);

      if (behalf != NULL)
        statement->on_behalf_of = g_strdup (behalf->entity);
    }

  if (cue->person != NULL)
    {
      remember_person (seg, cue->person, cue->entry);
      if (cue->entry != NULL && cue->entry->type == PL_ENTITY_TYPE_CHAIR)
        add_chair_name (seg, cue->person, cue->person + strlen (cue->person));
    }
  seg->current = statement;
}

static void
add_person (Segmenter  *seg,
            guint       i,
            const char *name)
{
  const Person *person = find_person (seg, name);
  PlStatement *statement = add_statement (seg, i, i, PL_STATEMENT_KIND_STATEMENT, PL_SPEAKER_SOURCE_NAME);

  statement->speaker = g_strdup (name);
  statement_set_entry (statement, person != NULL ? person->entry : NULL);
  statement->needs_review = person == NULL;
  seg->current = statement;
}

/* A labelled turn: paragraph @i, and @i + 1 when the label stands alone. */
static guint
add_turn (Segmenter *seg,
          guint      i)
{
  Label *label = &seg->labels[i];
  const Para *para = para_at (seg, i);
  guint last = i;
  const char *speech;
  const char *end;
  const PlGazetteerEntry *entry = label->entry;
  const PlGazetteerEntry *behalf;
  PlStatement *statement;
  gboolean unsure = FALSE;

  if (label->speech_start >= para_end (seg, para) && i + 1 < seg->paras->len
      && seg->labels[i + 1].strength == LABEL_NONE)
    last = i + 1;

  speech = seg->text + MIN (label->speech_start, para_end (seg, para_at (seg, last)));
  if (last > i)
    speech = seg->text + para_start (seg, para_at (seg, last));
  end = seg->text + para_end (seg, para_at (seg, last));

  statement = add_statement (seg, i, last, PL_STATEMENT_KIND_STATEMENT, PL_SPEAKER_SOURCE_LABEL);
  statement->speaker = g_strndup (seg->text + label->name_start, label->name_end - label->name_start);

  if (entry == NULL && label->person != NULL)
    {
      const Person *person = g_hash_table_lookup (seg->people, label->person);

      if (g_hash_table_contains (seg->chair_names, label->person))
        entry = pl_gazetteer_lookup (seg->gazetteer, "Chair");
      else if (person != NULL)
        entry = person->entry;
    }

  statement_set_entry (statement, entry);
  if (entry == NULL)
    {
      unsure = TRUE;
      if (label->guessed != PL_ENTITY_TYPE_UNKNOWN)
        {
          const char *paren = memchr (statement->speaker, '(', strlen (statement->speaker));

          g_free (statement->entity_type);
          statement->entity_type = g_strdup (pl_entity_type_to_string (label->guessed));
          statement->entity = paren != NULL ? g_strndup (paren + 1, strlen (paren + 1) - 1)
                                            : g_strdup (statement->speaker);
        }
    }
  else if (label->person != NULL && label->entry != NULL)
    {
      g_autofree char *name = g_strndup (seg->text + label->name_start, label->name_end - label->name_start);

      remember_person (seg, name, label->entry);
    }
  statement->needs_review = unsure;

  behalf = find_on_behalf (seg, speech, end, entry);
  if (behalf == NULL && seg->handover_behalf != NULL && seg->handover == entry && entry != NULL)
    behalf = seg->handover_behalf;
  if (behalf != NULL)
    statement->on_behalf_of = g_strdup (behalf->entity);

  seg->handover = NULL;
  seg->handover_behalf = NULL;
  if (entry != NULL && entry->type == PL_ENTITY_TYPE_CHAIR)
    find_handover (seg, speech, end);

  seg->current = statement;
  seg->seen_label = TRUE;
  return last;
}

static gboolean
opens_new_turn (const char *p,
                const char *end)
{
  static const char * const openings[] = {
    "thank you, chair", "thank you, mr. chair", "thank you, madam chair", "thank you, mr chair",
    "thank you, mr. president", "thank you, madam president", "thank you very much, chair",
    "thank you very much, mr. chair", "thank you, mr. chairman", "thank you, chairperson",
    "thank you, ambassador", NULL
  };

  for (guint i = 0; openings[i] != NULL; i++)
    if (starts_with_ci (p, end, openings[i]))
      return TRUE;
  return FALSE;
}

static void
segment_transcript_paragraph (Segmenter *seg,
                              guint      i)
{
  const Para *para = para_at (seg, i);
  const char *p = seg->text + para_start (seg, para);
  const char *end = seg->text + para_end (seg, para);
  PlStatement *statement;

  if (seg->handover != NULL)
    {
      statement = add_statement (seg, i, i, PL_STATEMENT_KIND_STATEMENT, PL_SPEAKER_SOURCE_HANDOVER);
      statement->speaker = g_strdup (seg->handover_written);
      statement_set_entry (statement, seg->handover);
      if (seg->handover_behalf != NULL)
        statement->on_behalf_of = g_strdup (seg->handover_behalf->entity);
      else
        {
          const PlGazetteerEntry *behalf = find_on_behalf (seg, p, end, seg->handover);

          if (behalf != NULL)
            statement->on_behalf_of = g_strdup (behalf->entity);
        }
      statement->needs_review = TRUE;
      seg->handover = NULL;
      seg->handover_behalf = NULL;
      seg->current = statement;
      return;
    }

  if (opens_new_turn (p, end))
    {
      statement = add_statement (seg, i, i, PL_STATEMENT_KIND_STATEMENT, PL_SPEAKER_SOURCE_NONE);
      statement_set_entry (statement, NULL);
      statement->needs_review = TRUE;
      seg->current = statement;
      return;
    }

  if (is_front_matter (p, end))
    {
      add_front_matter (seg, i, FALSE);
      return;
    }

  statement = add_carried (seg, i, PL_SPEAKER_SOURCE_CONTINUATION, seg->current->needs_review);
  if (statement->entity_type != NULL && g_str_equal (statement->entity_type, "chair"))
    find_handover (seg, p, end);
}

static void
segment_prose_paragraph (Segmenter *seg,
                         guint      i)
{
  const Para *para = para_at (seg, i);
  const char *p = seg->text + para_start (seg, para);
  const char *end = seg->text + para_end (seg, para);
  const char *window = p + MIN ((gsize)(end - p), (gsize)OPENING_WINDOW);
  g_autofree char *person = NULL;
  Cue cue = { 0 };
  Continues continues;

  while (window < end && ((guchar)*window & 0xC0) == 0x80)
    window++;

  if (is_front_matter (p, end))
    {
      add_front_matter (seg, i, FALSE);
      return;
    }

  if (find_cue (seg, p, window, &cue))
    {
      /* The same entity again at the start: "Korea also reported …" */
      if (seg->current != NULL && cue.entry != NULL && cue.person == NULL && cue.behalf == NULL
          && g_strcmp0 (cue.entry->entity, seg->current->entity) == 0
          && continues_previous (seg, p, window) == CONTINUES_PLAINLY)
        add_carried (seg, i, PL_SPEAKER_SOURCE_CONTINUATION, seg->current->needs_review);
      else
        add_from_cue (seg, i, &cue, PL_SPEAKER_SOURCE_REPORTED, p, end);
      cue_clear (&cue);
      return;
    }
  cue_clear (&cue);

  switch (read_quote (seg, p, window, &person, &cue))
    {
    case QUOTE_CUE:
      add_from_cue (seg, i, &cue, PL_SPEAKER_SOURCE_REPORTED, p, end);
      cue_clear (&cue);
      return;
    case QUOTE_PERSON:
      add_person (seg, i, person);
      return;
    case QUOTE_PRONOUN:
      if (seg->current != NULL)
        {
          add_carried (seg, i, PL_SPEAKER_SOURCE_PRONOUN, TRUE);
          return;
        }
      break;
    case QUOTE_NONE:
    default:
      break;
    }
  cue_clear (&cue);

  continues = continues_previous (seg, p, window);
  if (continues == CONTINUES_PLAINLY)
    {
      add_carried (seg, i, PL_SPEAKER_SOURCE_CONTINUATION, seg->current->needs_review);
      return;
    }
  if (continues == CONTINUES_PRONOUN)
    {
      add_carried (seg, i, PL_SPEAKER_SOURCE_PRONOUN, TRUE);
      return;
    }

  if (seg->current == NULL || is_reporter_closing (p, end) || is_heading (p, end))
    add_front_matter (seg, i, FALSE);
  else
    add_front_matter (seg, i, TRUE);
}

static gboolean
has_statement (Segmenter *seg)
{
  for (guint i = 0; i < seg->statements->len; i++)
    if (((PlStatement *)g_ptr_array_index (seg->statements, i))->kind == PL_STATEMENT_KIND_STATEMENT)
      return TRUE;
  return FALSE;
}

GPtrArray *
pl_segmenter_segment_full (const char   *text,
                           PlGazetteer  *gazetteer,
                           GArray      **speaker_sources)
{
  Segmenter seg = { 0 };

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (gazetteer == NULL || PL_IS_GAZETTEER (gazetteer), NULL);

  seg.text = text;
  seg.gazetteer = gazetteer != NULL ? gazetteer : pl_gazetteer_get_default ();
  seg.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  seg.paras = g_array_new (FALSE, FALSE, sizeof (Para));
  seg.chair_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seg.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)person_free);
  seg.statements = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_statement_unref);
  seg.sources = g_array_new (FALSE, FALSE, sizeof (PlSpeakerSource));

  build_lines (&seg);
  split_at_inline_labels (&seg);

  seg.labels = g_new0 (Label, seg.paras->len);
  for (guint i = 0; i < seg.paras->len; i++)
    {
      const Para *para = para_at (&seg, i);

      parse_label (&seg, para->first, para_end (&seg, para), &seg.labels[i]);
      if (seg.labels[i].strength == LABEL_STRONG)
        seg.n_strong++;
    }

  seg.transcript = seg.n_strong >= 2;
  for (guint i = 0; i < seg.paras->len; i++)
    {
      Label *label = &seg.labels[i];
      gboolean has_speech = label->speech_start < para_end (&seg, para_at (&seg, i));

      /* Weak labels count only in transcripts; a lone label needs a speech after it. */
      if ((label->strength == LABEL_WEAK && !seg.transcript)
          || (label->strength != LABEL_NONE && !has_speech && !label->inline_form
              && (i + 1 == seg.paras->len || seg.labels[i + 1].strength != LABEL_NONE)))
        label_clear (label);
    }

  /* The Chair's name: from the text, and from persons who hand the floor. */
  find_chair_names (&seg);
  for (guint i = 0; i < seg.paras->len; i++)
    {
      Label *label = &seg.labels[i];
      const Para *para = para_at (&seg, i);
      gsize end = para_end (&seg, para);

      if (label->strength == LABEL_NONE || label->entry != NULL || label->person == NULL)
        continue;
      if (label->speech_start >= end && i + 1 < seg.paras->len)
        end = para_end (&seg, para_at (&seg, i + 1));
      if (label->speech_start < end && find_handover (&seg, seg.text + label->speech_start, seg.text + end))
        g_hash_table_add (seg.chair_names, g_strdup (label->person));
    }
  seg.handover = NULL;
  seg.handover_behalf = NULL;

  for (guint i = 0; i < seg.paras->len; i++)
    {
      if (seg.labels[i].strength != LABEL_NONE)
        i = add_turn (&seg, i);
      else if (seg.transcript && seg.seen_label)
        segment_transcript_paragraph (&seg, i);
      else
        segment_prose_paragraph (&seg, i);
    }

  /* Nobody speaks: a plain document, whose paragraphs are its statements. */
  if (!has_statement (&seg))
    {
      for (guint i = 0; i < seg.statements->len; i++)
        {
          PlStatement *statement = g_ptr_array_index (seg.statements, i);

          statement->kind = PL_STATEMENT_KIND_STATEMENT;
          statement->needs_review = FALSE;
        }
    }

  for (guint i = 0; i < seg.paras->len; i++)
    label_clear (&seg.labels[i]);
  g_free (seg.labels);
  g_free (seg.handover_written);
  g_array_unref (seg.lines);
  g_array_unref (seg.paras);
  g_hash_table_unref (seg.chair_names);
  g_hash_table_unref (seg.people);

  /* Each statement says how its speaker was found (the statements.speaker_source column). */
  for (guint i = 0; i < seg.statements->len && i < seg.sources->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (seg.statements, i);

      g_free (statement->speaker_source);
      statement->speaker_source = g_strdup (pl_speaker_source_to_string (g_array_index (seg.sources, PlSpeakerSource, i)));
    }

  if (speaker_sources != NULL)
    *speaker_sources = seg.sources;
  else
    g_array_unref (seg.sources);

  return seg.statements;
}

GPtrArray *
pl_segmenter_segment (const char  *text,
                      PlGazetteer *gazetteer)
{
  return pl_segmenter_segment_full (text, gazetteer, NULL);
}
