/* pl-segment-frontmatter.c — what is nobody's statement: agenda items, dates, datelines,
 * titles and headings, bylines, lists of speakers, a reporter's closing background, the
 * record's notes; and the headings that make a text one statement ("Statement by …")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segment-private.h"

/* Front matter */

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
  "sept", "oct", "nov", "dec", NULL
};

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

/* A dateline that opens a paragraph ("NEW YORK, 9 July — ", "MOSCOW, December 16.
 * /TASS/. "): where the text after it begins, or @p when there is none. */
const char *
pl_segment_skip_dateline (const char *p,
                          const char *end)
{
  static const char * const dashes[] = { "\xe2\x80\x94", "\xe2\x80\x93", " - ", NULL };
  const char *comma = memchr (p, ',', MIN ((gsize)(end - p), (gsize)40));
  const char *limit;
  const char *best = NULL;
  gsize best_length = 0;

  if (comma == NULL || !pl_segment_all_capitals (p, comma))
    return p;
  limit = MIN (end, comma + 40);
  for (guint i = 0; dashes[i] != NULL; i++)
    {
      const char *dash = find_ci (comma, limit, dashes[i]);

      if (dash != NULL && (best == NULL || dash < best))
        {
          best = dash;
          best_length = strlen (dashes[i]);
        }
    }

  /* A news agency between slashes: "/TASS/." */
  if (best == NULL)
    {
      const char *slash = memchr (comma, '/', limit - comma);
      const char *close = slash != NULL ? memchr (slash + 1, '/', limit - slash - 1) : NULL;

      if (close != NULL && pl_segment_all_capitals (slash + 1, close))
        {
          best = close;
          best_length = close + 1 < end && close[1] == '.' ? 2 : 1;
        }
    }
  return best != NULL ? skip_spaces (best + best_length, end) : p;
}

gboolean
pl_segment_is_heading (const char *p,
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
gboolean
pl_segment_is_front_matter (const char *p,
                            const char *end)
{
  static const char * const openings[] = {
    "agenda item", "item ", "event report", "unofficial transcript", "this is an unofficial",
    "official records", "press release", "meetings coverage", "also speaking", "also taking the floor",
    "other speakers", "speakers included", "for information media", "source:", "photo:",
    "(meeting ", "(the meeting ", "[", "(applause", "(suspended", "(resumed", "editor:", "author:",
    "reporting by ", "written by ", "the meeting was called to order", "the meeting rose",
    "the meeting was suspended", "the meeting was resumed", "the meeting resumed",
    "in the absence of the ", "a recorded vote was taken", "in favour:", "against:",
    "abstaining:", "check against delivery", "unofficial translation", "as delivered", NULL
  };
  const char *line_end = memchr (p, '\n', end - p);

  for (guint i = 0; openings[i] != NULL; i++)
    if (starts_with_ci (p, end, openings[i]))
      return TRUE;

  if (find_ci (p, MIN (line_end != NULL ? line_end : end, p + 200), "unofficial transcript") != NULL)
    return TRUE;

  return is_date_line (p, line_end != NULL ? line_end : end);
}

/* A title or headline: short lines that do not end a sentence ("Ghana calls for stronger
 * accountability …", "Skip to main content").  Read only before the first statement. */
gboolean
pl_segment_is_title (const char *p,
                     const char *end)
{
  gunichar last;

  if (end - p > 400)
    return FALSE;
  last = char_at (g_utf8_prev_char (end), end);
  if (last == '.' || last == '?' || last == '!' || last == ':' || last == 0x2026
      || pl_segment_is_closing_quote (last) || last == 0x2019)
    return FALSE;
  /* Not a paragraph cut short after whole sentences: "… said X. He added that the" */
  return pl_segment_sentence_end (p, end) == end;
}

/* "Mr. President,", "Dear colleagues," */
gboolean
pl_segment_is_salutation (const char *p,
                          const char *end)
{
  return end - p <= 60 && end > p && (end[-1] == ',' || end[-1] == '!') && memchr (p, '\n', end - p) == NULL;
}

/* Headings that make a text one statement */

static const char * const heading_openings[] = {
  "statement by ", "statement of ", "statement delivered by ", "statement made by ",
  "statement on behalf of ", "remarks by ", "speech by ", "address by ", "intervention by ",
  "explanation of vote by ", "explanation of position by ", "joint statement ", "remarks at ",
  "statement at ", "remarks delivered at ", "statement delivered at ", NULL
};

/* Where the part of a heading that names its speaker ends: before the meeting ("at the
 * Fifth Session", "– United Nations Open-Ended Working Group", "to the First Committee"). */
static const char *
heading_names_end (const char *p,
                   const char *end)
{
  static const char * const stops[] = {
    " at ", " during ", " before ", " to the ", " in the ", " on the ", " \xe2\x80\x93 ",
    " \xe2\x80\x94 ", " - ", ": ", "\"", "\xe2\x80\x9c", "\n", NULL
  };
  const char *best = end;

  for (guint i = 0; stops[i] != NULL; i++)
    {
      const char *stop = find_ci (p, best, stops[i]);

      if (stop != NULL)
        best = stop;
    }
  return best;
}

/* What a letterhead above the speech says: "Permanent Mission of the Russian Federation
 * to the United Nations", "Delegation of Japan", "United States Mission to the United
 * Nations", "U.S. Representative to the United Nations". */
const PlGazetteerEntry *
pl_segment_letterhead (Segmenter *seg,
                       guint      before)
{
  static const char * const phrases[] = {
    "mission of ", "delegation of ", "ministry of foreign affairs of ", "government of ",
    "embassy of ", NULL
  };
  static const char * const offices[] = { "mission", "permanent", "representative", "delegation", NULL };

  for (guint i = 0; i < before; i++)
    {
      const Para *para = para_at (seg, i);

      for (guint l = para->first; l <= para->last; l++)
        {
          const char *p = seg->text + line_at (seg, l)->start;
          const char *end = seg->text + line_at (seg, l)->end;
          PlGazetteerMatch match;

          if (end - p > 200)
            continue;
          for (guint k = 0; phrases[k] != NULL; k++)
            {
              const char *at = find_ci (p, end, phrases[k]);

              if (at != NULL && pl_segment_entity_at (seg, at + strlen (phrases[k]), end, &match))
                return match.entry;
            }
          if (pl_segment_entity_at (seg, p, end, &match))
            {
              const char *w = skip_spaces (seg->text + match.end, end);

              if (word_in (w, word_end (w, end), offices))
                return match.entry;
            }
        }
    }
  return NULL;
}

gboolean
pl_segment_statement_heading (Segmenter *seg,
                              guint      i,
                              Cue       *cue)
{
  const Para *para = para_at (seg, i);
  const char *p = seg->text + para_start (seg, para);
  const char *end = seg->text + para_end (seg, para);
  const char *names = NULL;
  const char *names_end;
  const char *behalf;
  PlGazetteerMatch match;

  if (end - p > 500)
    return FALSE;
  for (guint k = 0; heading_openings[k] != NULL && names == NULL; k++)
    if (starts_with_ci (p, end, heading_openings[k]))
      names = p;
  /* "EU Statement – …" */
  if (names == NULL && pl_segment_entity_at (seg, p, end, &match))
    {
      const char *w = skip_spaces (seg->text + match.end, end);

      if (pl_segment_is_apostrophe (char_at (w, end)))
        w = skip_spaces (word_end (g_utf8_next_char (w), end), end);
      if (word_in (w, word_end (w, end), (const char * const[]) { "statement", "remarks", NULL }))
        names = p;
    }
  if (names == NULL)
    return FALSE;

  names_end = heading_names_end (names, end);
  cue->entry = NULL;

  /* "on behalf of the Group of 77 and China" */
  behalf = find_ci (p, names_end, "on behalf of ");
  if (behalf != NULL && pl_segment_entity_at (seg, behalf + strlen ("on behalf of "), end, &match))
    cue->behalf = match.entry;

  /* The speaker: the first other name in the heading (of a joint statement, the only
   * one), a person, or the letterhead. */
  {
    gboolean joint = starts_with_ci (p, end, "joint ");
    guint n_named = 0;

    for (const char *at = names; at < names_end && pl_segment_search_at (seg, at, names_end, &match);
         at = seg->text + match.end)
      if (match.entry != cue->behalf && match.entry != cue->entry && n_named++ == 0)
        {
          cue->entry = match.entry;
          cue->speaker = g_strndup (seg->text + match.start, match.end - match.start);
          if (!joint)
            break;
        }
    if (joint && n_named != 1)
      {
        cue->entry = NULL;
        g_clear_pointer (&cue->speaker, g_free);
        {
          const char *by = find_ci (p, names_end, " by ");
          const char *on = find_ci (p, names_end, " on ");

          if (on != NULL && starts_with_ci (on, names_end, " on behalf"))
            on = NULL;
          cue->speaker = pl_segment_dup_trimmed (by != NULL ? by + 4 : p, on != NULL ? on : names_end);
        }
        cue->unsure = TRUE;
        return TRUE;
      }
  }

  {
    const char *by = find_ci (p, names_end, " by ");
    const char *name = NULL;
    const char *name_end = by != NULL ? pl_segment_titled_name_end (skip_spaces (by + 4, end), names_end, &name) : NULL;

    if (name_end == NULL && by != NULL)
      {
        name = skip_spaces (by + 4, end);
        name_end = pl_segment_name_end (name, names_end, 4);
      }
    if (name_end != NULL && name_end > name && memchr (name, ' ', name_end - name) != NULL)
      cue->person = g_strndup (name, name_end - name);
  }

  if (cue->entry == NULL && cue->person != NULL)
    cue->entry = pl_segment_person_entry (seg, cue->person);
  if (cue->entry == NULL)
    cue->entry = pl_segment_letterhead (seg, i);
  /* "Statement on behalf of the EU and its Member States": the European Union speaks. */
  if (cue->entry == NULL && cue->behalf != NULL && cue->behalf->type == PL_ENTITY_TYPE_EU)
    {
      cue->entry = cue->behalf;
      cue->behalf = pl_gazetteer_lookup (seg->gazetteer, "EU member states");
    }
  if (cue->entry == NULL)
    cue->unsure = TRUE;
  if (cue->speaker == NULL && cue->entry != NULL)
    cue->speaker = g_strdup (cue->entry->entity);
  return TRUE;
}

/* "I have the honour to speak on behalf of the European Union": whom a speech that opens
 * so speaks for, or NULL.  The paragraph must open the speech: with "I" or a salutation. */
const PlGazetteerEntry *
pl_segment_first_person_behalf (Segmenter  *seg,
                                const char *p,
                                const char *end)
{
  static const char * const openings[] = {
    "i ", "mr", "madam", "mme", "thank", "excellenc", "distinguished", "dear", "chair", "president",
    "your excellenc", NULL
  };
  static const char * const phrases[] = {
    "i have the honour to", "i have the honor to", "i speak on behalf of", "i am speaking on behalf of",
    "i am honoured to speak on behalf of", "i am pleased to speak on behalf of", NULL
  };
  const char *limit = p + MIN ((gsize)(end - p), (gsize)300);
  gboolean opens = FALSE;

  for (guint k = 0; openings[k] != NULL && !opens; k++)
    opens = starts_with_ci (p, end, openings[k]);
  if (!opens)
    return NULL;

  for (guint k = 0; phrases[k] != NULL; k++)
    {
      const char *phrase = find_ci (p, limit, phrases[k]);
      const char *behalf = phrase != NULL ? find_ci (phrase, MIN (end, phrase + 80), "on behalf of ") : NULL;
      PlGazetteerMatch match;

      if (behalf == NULL)
        continue;
      behalf += strlen ("on behalf of ");
      if (starts_with_ci (behalf, end, "the members of "))
        behalf += strlen ("the members of ");
      if (pl_segment_entity_at (seg, behalf, end, &match))
        return match.entry;
    }
  return NULL;
}

/* Reporter's closing background: "The Working Group … will continue its work". */
gboolean
pl_segment_is_reporter_closing (const char *p,
                                const char *end)
{
  static const char * const subjects[] = {
    "the working group", "the open-ended working group", "the oewg", "the committee will",
    "the meeting", "the session", "the conference", "the general assembly", "the next meeting",
    "the group will", "the group's next", "the group of governmental experts", NULL
  };

  static const char * const plans[] = {
    " will meet", " will reconvene", " will resume", " will continue", " will hold", " will take up", NULL
  };
  const char *limit = p + MIN ((gsize)(end - p), (gsize)80);

  for (guint i = 0; subjects[i] != NULL; i++)
    if (starts_with_ci (p, end, subjects[i]))
      return TRUE;
  /* "The First Committee will reconvene at 10 a.m. on Monday." */
  if (starts_with_ci (p, end, "the "))
    for (guint i = 0; plans[i] != NULL; i++)
      if (find_ci (p, limit, plans[i]) != NULL)
        return TRUE;
  return FALSE;
}
