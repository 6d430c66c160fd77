/* pl-segment-labels.c — transcripts: speaker labels, the Chair handing the floor, the
 * Chair's names, "on behalf of"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segment-private.h"

/* Labels */

static const char * const label_stop_words[] = {
  "note", "notes", "source", "sources", "date", "time", "title", "subject", "summary", "agenda",
  "location", "venue", "place", "theme", "topic", "keywords", "tags", "photo", "image",
  "caption", "update", "disclaimer", "background", "outcome", "outcomes", "question", "answer",
  "link", "website", "email", "tel", "phone", "related", "highlights", "article", "section",
  "item", "annex", "paragraph", "document", "documents", "participants", "speakers", "key points",
  "next steps", "read more", "editor's note", "recommendation", "recommendations", "conclusion",
  "conclusions", "session", "meeting", "event", "report", "editor", "author", "in favour",
  "against", "abstaining", "keypoints", NULL
};

/* The end of a label without a record's note on the language: "Ms. Dupont (France)
 * (spoke in French)" is "Ms. Dupont (France)". */
static const char *
label_end_without_note (const char *p,
                        const char *end)
{
  static const char * const notes[] = { "(spoke in ", "(interpretation from ", "(in ", NULL };

  while (end > p && g_ascii_isspace (end[-1]))
    end--;
  if (end > p && end[-1] == ')')
    for (guint i = 0; notes[i] != NULL; i++)
      {
        const char *note = NULL;

        for (const char *q = find_ci (p, end, notes[i]); q != NULL; q = find_ci (q + 1, end, notes[i]))
          note = q;
        if (note != NULL && note > p)
          {
            while (note > p && g_ascii_isspace (note[-1]))
              note--;
            return note;
          }
      }
  return end;
}

static gboolean
label_shape_ok (const char *p,
                const char *end,
                gboolean    standalone)
{
  guint words = 0;
  gboolean in_word = FALSE;
  const char *paren = memchr (p, '(', end - p);

  /* "Lee Tan (Chief Executive of the Cyber Security Agency of Ruritania)": the affiliation
   * may be long. */
  if (paren != NULL && paren > p && end[-1] == ')' && end - paren < 200 && memchr (paren, ')', end - paren) == end - 1)
    end = paren;

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

/* Capitalised words and the small words between them: "University of Cape Town". */
static gboolean
names_an_organisation (const char *p,
                       const char *end)
{
  static const char * const small[] = { "of", "for", "the", "and", "on", "in", "de", "du", "la", "des", "&", NULL };

  for (const char *w = skip_spaces (p, end); w < end; w = skip_spaces (word_end (w, end), end))
    {
      const char *q = word_end (w, end);

      if (q == w)
        {
          w = g_utf8_next_char (w);
          continue;
        }
      if (!is_capitalised (w, end) && !g_ascii_isdigit (*w) && !word_in (w, q, small))
        return FALSE;
    }
  return TRUE;
}

/* Does the speech after a label read as speech?  Not dot leaders ("Chair: Mr. X ........
 * (Nigeria)", a roster), and after a label on its own line, a sentence or a good many
 * words: "United Nations" above "General Assembly" is a letterhead. */
static gboolean
speech_is_spoken (Segmenter  *seg,
                  guint       line_index,
                  const char *speech,
                  const char *stop,
                  gboolean    inline_form)
{
  const char *end = stop;
  guint words = 0;

  if (speech >= stop)
    {
      if (line_index + 1 >= seg->lines->len)
        return TRUE;
      speech = seg->text + line_at (seg, line_index + 1)->start;
      end = seg->text + line_at (seg, line_index + 1)->end;
    }
  if (find_ci (speech, end, "....") != NULL)
    return FALSE;
  if (inline_form)
    return TRUE;
  for (const char *q = speech; q < end; q++)
    {
      /* A sentence's full stop, not the one of "U.S." */
      if ((*q == '.' && q > speech && !g_ascii_isupper (q[-1])) || *q == '?' || *q == '!')
        return TRUE;
      if (*q == ' ' || *q == '\n')
        words++;
    }
  return words >= 15;
}

/* pl_gazetteer_lookup() of a whole label, remembered: a transcript names the same few
 * speakers again and again, and a look-up reads the label into a key each time. */
static const PlGazetteerEntry *
lookup_label (Segmenter  *seg,
              const char *written)
{
  gpointer entry;

  if (!g_hash_table_lookup_extended (seg->label_entries, written, NULL, &entry))
    {
      entry = (gpointer) pl_gazetteer_lookup (seg->gazetteer, written);
      g_hash_table_insert (seg->label_entries, g_strdup (written), entry);
    }
  return entry;
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
  if ((label->entry = lookup_label (seg, written)) != NULL)
    {
      label->strength = LABEL_STRONG;
      return;
    }

  /* "Speaker 4", "Unidentified speaker": someone speaks, nobody says who. */
  {
    const char *w = p;
    const char *q = word_end (w, end);

    if (word_equals (w, q, "unidentified") || word_equals (w, q, "unknown"))
      {
        w = skip_spaces (q, end);
        q = word_end (w, end);
      }
    if ((word_equals (w, q, "speaker") || word_equals (w, q, "participant")) && end - p < 30)
      {
        const char *rest = skip_spaces (q, end);

        while (rest < end && g_ascii_isdigit (*rest))
          rest++;
        if (rest == end)
          {
            label->strength = LABEL_STRONG;
            return;
          }
      }
  }

  if (has_digit (p, end))
    return;

  name = pl_segment_skip_honorifics (p, end, &honorific);
  if (honorific && name < end && (label->entry = pl_segment_lookup_range (seg, name, end)) != NULL)
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
      /* "(Chief Executive of the Cybersecurity Agency of Singapore)" */
      if (label->entry == NULL)
        {
          Cue cue = { 0 };

          if (pl_segment_affiliation (seg, paren + 1, end - 1, &cue))
            label->entry = cue.entry;
          pl_segment_cue_clear (&cue);
        }
      if (label->entry == NULL)
        label->guessed = pl_gazetteer_guess_type (seg->gazetteer, inner);
      if (label->entry != NULL || label->guessed != PL_ENTITY_TYPE_UNKNOWN)
        {
          const char *person_start = pl_segment_skip_honorifics (p, paren, &honorific);

          pl_segment_is_person_name (person_start, paren, 6, &label->person);
          label->strength = LABEL_STRONG;
          return;
        }

      /* "Chair (Ambassador Gafoor)": the office outside, the person inside. */
      {
        const char *outer_end = paren;

        while (outer_end > p && g_ascii_isspace (outer_end[-1]))
          outer_end--;
        if ((label->entry = pl_segment_lookup_range (seg, p, outer_end)) != NULL)
          {
            const char *person_start = pl_segment_skip_honorifics (paren + 1, end - 1, &honorific);

            pl_segment_is_person_name (person_start, end - 1, 6, &label->person);
            label->strength = LABEL_STRONG;
            return;
          }
      }
    }

  /* "UNIDIR Ayşe Karadağ", "Ayşe Karadağ, UNIDIR" */
  if (pl_segment_search_at (seg, p, end, &match))
    {
      const char *m_start = seg->text + match.start;
      const char *m_end = seg->text + match.end;
      const char *before = skip_spaces (p, end);
      const char *q = word_end (before, end);

      if (word_equals (before, q, "the"))
        before = skip_spaces (q, end);

      if (m_start == before && pl_segment_is_person_name (m_end, end, 4, &label->person))
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
              && pl_segment_is_person_name (pl_segment_skip_honorifics (p, comma - 1, &honorific),
                                            comma - 1, 5, &label->person))
            {
              label->entry = match.entry;
              label->strength = LABEL_STRONG;
              return;
            }
        }
    }

  /* "Stanford University", "Access Initiative"; not "First Committee continues its debate" */
  if (names_an_organisation (p, end)
      && (label->guessed = pl_gazetteer_guess_type (seg->gazetteer, written)) != PL_ENTITY_TYPE_UNKNOWN)
    {
      label->strength = LABEL_STRONG;
      return;
    }

  name = pl_segment_skip_honorifics (p, end, &honorific);
  if (honorific && pl_segment_is_person_name (name, end, 5, &label->person))
    {
      label->strength = LABEL_STRONG;
      return;
    }

  if (!standalone && pl_segment_all_capitals (p, end))
    {
      label->strength = LABEL_WEAK;
      return;
    }

  if (pl_segment_is_person_name (p, end, 4, &label->person))
    {
      /* One capitalised word alone is not enough: "Background", "Summary". */
      if (memchr (p, ' ', end - p) != NULL)
        label->strength = LABEL_WEAK;
      else
        g_clear_pointer (&label->person, g_free);
    }
}

void
pl_segment_label_clear (Label *label)
{
  g_clear_pointer (&label->person, g_free);
  label->strength = LABEL_NONE;
}

/* Looks for a label on the first line of @para (or on line @line_index). */
void
pl_segment_parse_label (Segmenter *seg,
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
      name_end = label_end_without_note (p, name_end);

      if (name_end > p && label_shape_ok (p, name_end, FALSE))
        {
          resolve_label (seg, p, name_end, FALSE, label);
          if (forced && label->strength == LABEL_NONE && is_capitalised (p, name_end))
            label->strength = LABEL_STRONG;
          else if (forced && label->strength == LABEL_WEAK)
            label->strength = LABEL_STRONG;

          if (label->strength != LABEL_NONE
              && speech_is_spoken (seg, line_index, skip_spaces (colon + 1, end), end, TRUE))
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
          pl_segment_label_clear (label);
        }
    }

  if (forced)
    return;

  /* Standalone: the whole line. */
  if (label_shape_ok (p, label_end_without_note (p, end), TRUE))
    {
      const char *name_end = label_end_without_note (p, end);

      resolve_label (seg, p, name_end, TRUE, label);
      if (label->strength != LABEL_NONE
          && speech_is_spoken (seg, line_index, line_index + 1 < seg->lines->len
                               && line_at (seg, line_index + 1)->start < stop
                               ? seg->text + line_at (seg, line_index + 1)->start : seg->text + stop,
                               seg->text + stop, FALSE))
        {
          label->name_start = p - seg->text;
          label->name_end = name_end - seg->text;
          if (line_index + 1 < seg->lines->len && line_at (seg, line_index + 1)->start < stop)
            label->speech_start = line_at (seg, line_index + 1)->start;
          else
            label->speech_start = stop;
          return;
        }
      pl_segment_label_clear (label);
    }
}

/* Cuts blocks before inner lines that open with a clear inline label. */
void
pl_segment_split_at_inline_labels (Segmenter *seg)
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
          pl_segment_parse_label (seg, l, line->end, &label);
          if (label.strength == LABEL_STRONG && label.inline_form)
            {
              Para head = { para.first, l - 1 };

              g_array_append_val (paras, head);
              para.first = l;
            }
          pl_segment_label_clear (&label);
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

  while (start < at && pl_segment_search_at (seg, start, at, &match))
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
  return pl_segment_search_at (seg, p, end, out) && seg->text + out->start <= p + slack;
}

static void
set_handover (Segmenter              *seg,
              const PlGazetteerMatch *match,
              const char             *end)
{
  const char *after = seg->text + match->end;
  const char *limit = pl_segment_sentence_end (after, end);
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
gboolean
pl_segment_find_handover (Segmenter  *seg,
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
      const char *s_end = pl_segment_sentence_end (s, end);
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
          const PlGazetteerEntry *entry = pl_segment_lookup_range (seg, body, body_end);

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
void
pl_segment_add_chair_name (Segmenter  *seg,
                           const char *p,
                           const char *end)
{
  g_autofree char *surname = NULL;
  const char *name_end;
  gboolean honorific;

  p = pl_segment_skip_honorifics (p, end, &honorific);
  name_end = p;
  for (const char *w = p; w < end;)
    {
      const char *w_end = word_end (w, end);

      if (w_end == w || !(is_capitalised (w, end) || (w > p && pl_segment_is_name_particle (w, w_end)
                                                      && is_capitalised (skip_spaces (w_end, end), end))))
        break;
      if (is_capitalised (w, end))
        name_end = w_end;
      w = skip_spaces (w_end, end);
    }
  if (name_end > p && pl_segment_is_person_name (p, name_end, 5, &surname))
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
void
pl_segment_find_chair_names (Segmenter *seg)
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

                  pl_segment_skip_honorifics (name, end, &honorific);
                  if (honorific)
                    pl_segment_add_chair_name (seg, name, name_end_at (name, end));
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
                    pl_segment_add_chair_name (seg, amb, comma);
                }
            }
          else if (word_equals (p, q, "chaired") && starts_with_ci (skip_spaces (q, end), end, "by "))
            {
              const char *name = skip_spaces (q, end) + 3;

              pl_segment_add_chair_name (seg, name, name_end_at (name, end));
            }
          p = q > p ? q : p + 1;
        }
    }
}

/* On behalf of */

/* The first "on behalf of " or "speaking / spoke / speaks / speak for " in [s, end): sets
 * @phrase to where it begins and returns where its object begins, or NULL. */
static const char *
behalf_phrase (const char  *s,
               const char  *end,
               const char **phrase)
{
  const char *on = find_ci (s, end, "behalf of ");
  const char *limit = end;

  *phrase = NULL;
  if (on != NULL && on - s >= 3 && g_ascii_strncasecmp (on - 3, "on ", 3) == 0)
    {
      *phrase = on - 3;
      limit = *phrase;
    }
  for (const char *f = find_ci (s, limit, " for "); f != NULL; f = find_ci (f + 1, limit, " for "))
    {
      const char *w = f;

      while (w > s && g_ascii_isalpha (w[-1]))
        w--;
      if (word_in (w, f, (const char * const[]) { "speaking", "spoke", "speaks", "speak", NULL }))
        {
          *phrase = w;
          return f + strlen (" for ");
        }
    }
  return *phrase != NULL ? on + strlen ("behalf of ") : NULL;
}

/* "on behalf of Australia and New Zealand": several states, which no name holds. */
static gboolean
begins_list (Segmenter              *seg,
             const PlGazetteerMatch *match,
             const char             *end)
{
  const char *p = seg->text + match->end;
  PlGazetteerMatch next;

  if (match->entry->type != PL_ENTITY_TYPE_MEMBER_STATE && match->entry->type != PL_ENTITY_TYPE_OBSERVER_STATE)
    return FALSE;
  if (p < end && *p == ',')
    p++;
  p = skip_spaces (p, end);
  if (word_equals (p, word_end (p, end), "and"))
    p = skip_spaces (word_end (p, end), end);
  return p > seg->text + match->end && pl_segment_entity_at (seg, p, end, &next);
}

/* The European Union speaking "on behalf of the European Union and its member States",
 * or in the first person ("I have the honour to speak on behalf of the European Union"),
 * speaks for its member states. */
static gboolean
eu_for_its_members (Segmenter              *seg,
                    const char             *s,
                    const char             *phrase,
                    const PlGazetteerMatch *match,
                    const char             *end)
{
  const char *after = seg->text + match->end;

  if (find_ci (seg->text + match->start, after, "member") != NULL || starts_with_ci (after, end, " and its "))
    return TRUE;
  for (const char *w = s; w < phrase; w = skip_spaces (word_end (w, phrase), phrase))
    {
      const char *q = word_end (w, phrase);

      if (q == w)
        {
          w = g_utf8_next_char (w);
          continue;
        }
      if ((q - w == 1 && *w == 'I') || word_equals (w, q, "we"))
        return TRUE;
    }
  return FALSE;
}

const PlGazetteerEntry *
pl_segment_find_on_behalf (Segmenter              *seg,
                           const char             *p,
                           const char             *end,
                           const PlGazetteerEntry *speaker)
{
  const char *limit = p + MIN ((gsize)(end - p), (gsize)OPENING_WINDOW);

  /* The Chair giving the floor "to Fiji, speaking on behalf of …" speaks for nobody. */
  if (speaker != NULL && (speaker->type == PL_ENTITY_TYPE_CHAIR || speaker->type == PL_ENTITY_TYPE_SECRETARIAT))
    return NULL;

  while (limit < end && ((guchar)*limit & 0xC0) == 0x80)
    limit++;

  for (const char *s = p; s < limit;)
    {
      const char *s_end = pl_segment_sentence_end (s, limit);
      const char *phrase;
      const char *from = behalf_phrase (s, s_end, &phrase);

      if (from != NULL && find_ci (s, phrase, "align") == NULL && find_ci (s, phrase, "associat") == NULL)
        {
          PlGazetteerMatch match;

          /* "on behalf of the members of the Pacific Islands Forum" */
          if (starts_with_ci (from, s_end, "the members of "))
            from += strlen ("the members of ");
          else if (starts_with_ci (from, s_end, "members of "))
            from += strlen ("members of ");

          if (entity_after (seg, from, s_end, 8, &match)
              && match.entry->type != PL_ENTITY_TYPE_CHAIR && match.entry->type != PL_ENTITY_TYPE_SECRETARIAT
              && !begins_list (seg, &match, s_end))
            {
              if (match.entry != speaker)
                return match.entry;
              if (speaker->type == PL_ENTITY_TYPE_EU && eu_for_its_members (seg, s, phrase, &match, s_end))
                return pl_gazetteer_lookup (seg->gazetteer, "EU member states");
            }
        }
      s = s_end;
    }
  return NULL;
}
