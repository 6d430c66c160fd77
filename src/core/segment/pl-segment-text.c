/* pl-segment-text.c — how the segmenter reads text: sentences, capitals, quotation marks,
 * reporting verbs, persons' names and honorifics, names the gazetteer knows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segment-private.h"

/* Small text helpers on byte ranges of seg->text */

static const char * const abbreviations[] = {
  "Mr", "Mrs", "Ms", "Dr", "St", "Prof", "Amb", "No", "Nos", "Jr", "Sr", "vs", "Mme", "Gen",
  "Rep", "Sen", "H.E", "e.g", "i.e", "U.S", "U.K", "U.N", "Art", "para", "paras", "Corp", "Inc",
  "Ltd", NULL
};

/* The length of the longest abbreviation: a longer word before a full stop is none. */
static gsize
longest_abbreviation (void)
{
  static gsize longest;

  if (g_once_init_enter (&longest))
    {
      gsize n = 1;

      for (guint i = 0; abbreviations[i] != NULL; i++)
        n = MAX (n, strlen (abbreviations[i]));
      g_once_init_leave (&longest, n);
    }
  return longest;
}

/* Where the sentence that begins at @p ends (after its full stop), or @end. */
const char *
pl_segment_sentence_end (const char *p,
                         const char *end)
{
  /* '!', '.' and '?' as bits: letters, above them all, are passed by one comparison. */
  const guint64 stops = (G_GUINT64_CONSTANT (1) << '!') | (G_GUINT64_CONSTANT (1) << '.')
                        | (G_GUINT64_CONSTANT (1) << '?');

  for (const char *q = p; q < end; q++)
    {
      if ((guchar) *q > '?' || ((stops >> (guchar) *q) & 1) == 0)
        continue;
      if (q + 1 < end && !g_ascii_isspace (q[1]) && q[1] != '"' && (guchar)q[1] != 0xE2)
        continue;
      if (*q == '.')
        {
          const char *w = q;

          while (w > p && (g_ascii_isalpha (w[-1]) || w[-1] == '.'))
            w--;
          if (q - w == 1 || ((gsize) (q - w) <= longest_abbreviation () && word_in (w, q, abbreviations)))
            continue;
        }
      return q + 1;
    }
  return end;
}

char *
pl_segment_dup_trimmed (const char *p,
                        const char *q)
{
  g_autofree char *copy = g_strndup (p, q - p);

  return g_strdup (g_strstrip (copy));
}

gboolean
pl_segment_all_capitals (const char *p,
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

/* Words: sorted vocabularies, looked up by binary search */

static int
compare_word (const void *key,
              const void *item)
{
  return strcmp (key, *(const char * const *)item);
}

/* Is the word [p, q) one of the @n sorted lowercase @words? */
gboolean
pl_segment_word_in_sorted (const char         *p,
                           const char         *q,
                           const char * const *words,
                           gsize               n)
{
  char lower[32];
  gsize length = q - p;

  if (length == 0 || length >= sizeof lower)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if ((guchar)p[i] >= 0x80)
        return FALSE;
      lower[i] = ascii_lower (p[i]);
    }
  lower[length] = '\0';
  return bsearch (lower, words, n, sizeof words[0], compare_word) != NULL;
}

/* Verbs that report speech: "Kenya stressed", "said Okonkwo". */
static const char * const verbs[] = {
  "accused", "acknowledged", "acknowledges", "added", "addressed", "adds", "admitted",
  "advocated", "advocates", "affirmed", "agreed", "agrees", "aligned", "aligns", "alleged",
  "announced", "announces", "answered", "appealed", "applauded", "argued", "argues", "asked",
  "asks", "asserted", "associated", "associates", "assured", "believed", "believes", "blamed",
  "briefed", "called", "calls", "cautioned", "cautions", "cited", "cites", "claimed", "claims",
  "clarified", "closed", "commended", "commented", "comments", "complained", "conceded",
  "concluded", "condemned", "condemns", "confirmed", "congratulated", "considered", "considers",
  "contended", "continued", "countered", "criticised", "criticized", "declared", "delivered",
  "demanded", "denied", "deplored", "described", "describes", "detailed", "disagreed",
  "disputed", "drew", "echoed", "elaborated", "emphasised", "emphasises", "emphasized",
  "emphasizes", "encouraged", "encourages", "endorsed", "endorses", "explained", "explains",
  "expressed", "expresses", "favored", "favoured", "feels", "felt", "flagged", "gave", "hailed",
  "highlighted", "highlights", "hoped", "identified", "indicated", "indicates", "informed",
  "insisted", "insists", "introduced", "invited", "joined", "lamented", "lauded", "listed",
  "made", "maintained", "mentioned", "mentions", "noted", "notes", "objected", "observed",
  "observes", "offered", "opened", "opposed", "outlined", "outlines", "pledged", "pledges",
  "pointed", "points", "praised", "praises", "predicted", "preferred", "presented", "presents",
  "proposed", "proposes", "put", "questioned", "raised", "reaffirmed", "reaffirms", "recalled",
  "recalls", "recognised", "recognized", "recommended", "recommends", "recounted", "referenced",
  "referred", "regretted", "reiterated", "reiterates", "rejected", "remarked", "reminded",
  "replied", "reported", "reports", "requested", "requests", "responded", "revealed", "said",
  "saw", "says", "sees", "shared", "shares", "signaled", "signalled", "sought", "speaks",
  "spoke", "spotlighted", "stated", "states", "stressed", "stresses", "suggested", "suggests",
  "summarised", "summarized", "supported", "supports", "tells", "thanked", "thinks", "thought",
  "told", "took", "underlined", "underlines", "underscored", "underscores", "urged", "urges",
  "voiced", "voices", "wanted", "warned", "warns", "welcomed", "welcomes", "went", "wished",
  "wrote",
};

gboolean
pl_segment_is_verb (const char *p,
                    const char *q)
{
  return pl_segment_word_in_sorted (p, q, verbs, G_N_ELEMENTS (verbs));
}

gboolean
pl_segment_is_adverb (const char *p,
                      const char *q)
{
  static const char * const adverbs[] = {
    "also", "further", "then", "again", "finally", "moreover", "meanwhile", "once", "subsequently",
    "too", "later", "first", "therefore", "however", "nonetheless", "instead", NULL
  };

  return word_in (p, q, adverbs) || (q - p > 3 && g_ascii_strncasecmp (q - 2, "ly", 2) == 0);
}

/* After up to three adverbs ("also", "strongly"), a reporting verb at @p: returns its end,
 * or NULL.  "put forward" and "pointed out" read as their first word. */
const char *
pl_segment_verb_after (const char *p,
                       const char *end)
{
  for (guint i = 0; i < 4; i++)
    {
      const char *q;

      p = skip_spaces (p, end);
      q = word_end (p, end);
      if (q == p)
        return NULL;
      if (pl_segment_is_verb (p, q))
        return q;
      if (!pl_segment_is_adverb (p, q))
        return NULL;
      p = q;
    }
  return NULL;
}

gboolean
pl_segment_is_pronoun (const char *p,
                       const char *q)
{
  static const char * const pronouns[] = {
    "he", "she", "it", "they", "his", "her", "its", "their", NULL
  };

  return word_in (p, q, pronouns);
}

/* Quotation marks */

gboolean
pl_segment_is_opening_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x00AB || c == 0x201E;
}

gboolean
pl_segment_is_closing_quote (gunichar c)
{
  return c == '"' || c == 0x201D || c == 0x00BB;
}

/* Apostrophes, with the backtick and acute accent some sites type for one. */
gboolean
pl_segment_is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == '`' || c == 0x00B4 || c == 0x02BC;
}

/* Names */

static const char * const honorifics[] = {
  "mr", "mrs", "ms", "mme", "mx", "dr", "prof", "professor", "h.e", "he", "ambassador", "amb",
  "minister", "sir", "dame", "judge", "madam", "madame", "excellency", "his", "her", "mister",
  "senator", "general", "colonel", "deputy", NULL
};

/* Words of a person's name: capitalised, with particles ("de", "van", "al-"). */
gboolean
pl_segment_is_name_particle (const char *p,
                             const char *q)
{
  static const char * const particles[] = {
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "la",
    "le", "al", "el", "bin", "ibn", "y", "e", NULL
  };

  return word_in (p, q, particles);
}

/* Does [p, end) read as a person's name of one to @max_words words?  Sets @surname. */
gboolean
pl_segment_is_person_name (const char  *p,
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
      else if (!pl_segment_is_name_particle (p, q) || n == 0)
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

/* The surname in @name ("Ambassador Karl Tamm" → "Tamm"), or NULL. */
char *
pl_segment_surname (const char *name)
{
  char *surname = NULL;
  const char *end = name + strlen (name);
  gboolean honorific;
  const char *p = pl_segment_skip_honorifics (name, end, &honorific);

  if (!pl_segment_is_person_name (p, end, 6, &surname))
    return NULL;
  return surname;
}

/* Skips honorifics ("Mr.", "H.E.", "Ambassador") at @p; returns where the name begins. */
const char *
pl_segment_skip_honorifics (const char *p,
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

gboolean
pl_segment_search_at (Segmenter        *seg,
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
gboolean
pl_segment_entity_at (Segmenter        *seg,
                      const char       *p,
                      const char       *end,
                      PlGazetteerMatch *match)
{
  gsize length;

  p = skip_spaces (p, end);
  length = MIN ((gsize)(end - p), (gsize)NAME_WINDOW);
  if (!pl_gazetteer_match_prefix (seg->gazetteer, p, length, match))
    return FALSE;
  match->start += p - seg->text;
  match->end += p - seg->text;
  return TRUE;
}

const PlGazetteerEntry *
pl_segment_lookup_range (Segmenter  *seg,
                         const char *p,
                         const char *end)
{
  g_autofree char *name = g_strndup (p, end - p);

  return pl_gazetteer_lookup (seg->gazetteer, name);
}
