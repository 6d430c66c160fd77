/* pl-segment-text.c — how the segmenter reads text: sentences, capitals, persons' names
 * and honorifics, names the gazetteer knows
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

/* Where the sentence that begins at @p ends (after its full stop), or @end. */
const char *
pl_segment_sentence_end (const char *p,
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
  const char *q;

  p = skip_spaces (p, end);
  q = word_end (p, end);
  if (word_equals (p, q, "the"))
    p = skip_spaces (q, end);

  return pl_segment_search_at (seg, p, end, match) && seg->text + match->start == p;
}

const PlGazetteerEntry *
pl_segment_lookup_range (Segmenter  *seg,
                         const char *p,
                         const char *end)
{
  g_autofree char *name = g_strndup (p, end - p);

  return pl_gazetteer_lookup (seg->gazetteer, name);
}
