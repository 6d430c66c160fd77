/* pl-segment-cues.c — who a sentence names as its speaker: the subject at its start or
 * after an opening clause, an attribution after a quotation or late in the sentence,
 * several speakers at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segment-private.h"

/* Vocabularies */

static const char * const role_nouns[] = {
  "representative", "representatives", "delegate", "delegates", "delegation", "observer",
  "observers", "ambassador", "minister", "spokesperson", "spokesman", "spokeswoman", "speaker",
  "envoy", "head", "chief", "leader", "director", "president", "secretary", "official",
  "officials", "expert", "experts", "negotiator", "lead", "diplomat", "diplomats", NULL
};

static const char * const role_modifiers[] = {
  "permanent", "deputy", "alternate", "acting", "senior", "special", "foreign", "vice",
  "assistant", "national", "chief", "high", "lead", "principal", NULL
};

/* "The delegate", "the envoy": the speaker before, named by the office alone. */
static const char * const generic_speakers[] = {
  "delegate", "delegation", "representative", "observer", "speaker", "ambassador", "minister",
  "spokesperson", "spokesman", "spokeswoman", "envoy", "official", "diplomat", "secretary",
  "commissioner", "director", "expert", "negotiator", NULL
};

static const char * const statement_nouns[] = {
  "statement", "statements", "remarks", "intervention", "interventions", "contribution",
  "submission", "speech", "address", NULL
};

/* A sentence opening with these is a subordinate clause first: what follows its comma is
 * still not the subject ("While Cuba and Iran objected, the ICRC …"). */
static const char * const subordinators[] = {
  "while", "whilst", "whereas", "although", "though", "as", "if", "when", "since", "because",
  "unlike", "like", "despite", "after", "before", "once", "until", "where", NULL
};

/* After a pronoun, words that say the speaker plainly goes on: "He went on", "She also". */
static const char * const markers[] = {
  "went", "added", "continued", "also", "further", "then", "finally", "concluded", "moreover",
  "furthermore", "lastly", NULL
};

void
pl_segment_cue_clear (Cue *cue)
{
  g_clear_pointer (&cue->speaker, g_free);
  g_clear_pointer (&cue->person, g_free);
  g_clear_pointer (&cue->title, g_free);
  memset (cue, 0, sizeof *cue);
}

void
pl_segment_reading_clear (Reading *r)
{
  pl_segment_cue_clear (&r->cue);
  memset (r, 0, sizeof *r);
}

static const char *
speaker_found (Segmenter              *seg,
               const PlGazetteerMatch *match,
               Reading                *r)
{
  r->kind = READ_SPEAKER;
  r->cue.entry = match->entry;
  g_free (r->cue.speaker);
  r->cue.speaker = g_strndup (seg->text + match->start, match->end - match->start);
  return seg->text + match->end;
}

/* ", Adaeze Okonkwo," after a name: returns where the text continues after the closing
 * comma and sets @person when the apposition is a person's name; NULL without one. */
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

  name = pl_segment_skip_honorifics (p + 1, close, &honorific);
  if (person != NULL && pl_segment_is_person_name (name, close, 5, NULL))
    *person = pl_segment_dup_trimmed (p + 1, close);
  return close + 1;
}

/* A list of names after the first one ("Brazil and the ICRC", "Canada, Chile and Peru"):
 * collects them as members and returns the end of the last. */
static const char *
read_members (Segmenter              *seg,
              const PlGazetteerMatch *first,
              const char             *end,
              Reading                *r)
{
  const char *p = seg->text + first->end;

  r->n_members = 0;
  r->members[r->n_members++] = first->entry;
  while (p < end)
    {
      const char *q = p;
      PlGazetteerMatch match;
      gboolean separated = FALSE;

      if (*q == ',')
        {
          q++;
          separated = TRUE;
        }
      q = skip_spaces (q, end);
      if (word_equals (q, word_end (q, end), "and"))
        {
          q = skip_spaces (word_end (q, end), end);
          separated = TRUE;
        }
      if (!separated || !pl_segment_entity_at (seg, q, end, &match))
        break;
      if (r->n_members < MAX_MEMBERS)
        r->members[r->n_members] = match.entry;
      r->n_members++;
      p = seg->text + match.end;
    }
  return p;
}

/* A person's own office, named before the comma that leads to them: "Foreign Secretary and
 * Special Envoy for Digital Affairs, Ms. Lena Varga delivered …". */
static void
title_from_clause (Reading    *r,
                   const char *s,
                   const char *comma)
{
  if (r->kind == READ_SPEAKER && r->cue.person != NULL && r->cue.title == NULL
      && pl_segment_is_title_word (s, word_end (s, comma)))
    r->cue.title = pl_segment_dup_trimmed (s, comma);
}

/* The office in [p, name) before a person's name, without honorifics: "Foreign
 * Minister" of "Foreign Minister Amara Diallo"; NULL for "Mr." alone. */
static char *
office_before (const char *p,
               const char *name)
{
  gboolean honorific;

  p = pl_segment_skip_honorifics (p, name, &honorific);
  for (const char *w = p; w < name; w = skip_spaces (word_end (w, name), name))
    {
      const char *q = word_end (w, name);

      if (q == w)
        break;
      if (pl_segment_is_title_word (w, q))
        return pl_segment_dup_trimmed (p, name);
    }
  return NULL;
}

/* The forms of a subject */

/* "The [modifiers] representative of|for|from X", "Representatives of A, B and C". */
static const char *
role_of (Segmenter  *seg,
         const char *p,
         const char *end,
         Reading    *r)
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
          const char *role = p;
          const char *role_end = q;
          const char *of = skip_spaces (q, end);
          const char *of_end = word_end (of, end);
          gboolean affiliation = word_in (of, of_end, (const char * const[]) { "of", "from", NULL });

          if (!affiliation && !word_equals (of, of_end, "for"))
            return NULL;
          of = skip_spaces (of_end, end);

          /* "The head of the delegation of X", "The Minister of Foreign Affairs of X" */
          for (guint k = 0; k < 3 && !pl_segment_entity_at (seg, of, end, &match); k++)
            {
              const char *next = find_ci (of, MIN (end, of + 60), " of ");

              if (next == NULL || !affiliation)
                break;
              of = next + 4;
            }

          if (pl_segment_entity_at (seg, of, end, &match))
            {
              const char *after = read_members (seg, &match, end, r);

              if (r->n_members >= 2)
                {
                  r->kind = READ_JOINT;
                  r->subject = of;
                  r->subject_end = after;
                  return after;
                }
              after = speaker_found (seg, &match, r);
              r->cue.direct = TRUE;
              /* The head of the United Nations is its Secretary-General. */
              if (g_strcmp0 (match.entry->entity, "United Nations") == 0
                  && word_in (role, role_end, (const char * const[]) { "head", "chief", "leader", NULL }))
                r->cue.entry = pl_gazetteer_lookup (seg->gazetteer, "Secretary-General");
              return after;
            }

          /* Not in the gazetteer: the capitalised words that follow. */
          if (affiliation)
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
                  r->kind = READ_SPEAKER;
                  r->cue.direct = TRUE;
                  r->cue.speaker = g_strndup (name, name_end - name);
                  r->cue.guessed = pl_gazetteer_guess_type (seg->gazetteer, r->cue.speaker);
                  return name_end;
                }
            }
          return NULL;
        }
      if (!word_in (p, q, role_modifiers)
          && !(is_capitalised (p, end) && pl_segment_name_end (p, q, 1) != NULL))
        return NULL;
      p = skip_spaces (q, end);
      q = word_end (p, end);
    }
  return NULL;
}

/* A person named after an entity: "UN Secretary-General António Guterres", "UNIDIR Director
 * Robin Geiss", "Chair Gafoor".  Returns the end of the name, or NULL. */
static const char *
entity_person (Segmenter              *seg,
               const PlGazetteerMatch *match,
               const char             *end,
               Reading                *r)
{
  const char *p = skip_spaces (seg->text + match->end, end);
  const char *name = NULL;
  const char *name_end;
  const PlGazetteerEntry *known;

  if (match->entry->type == PL_ENTITY_TYPE_MEMBER_STATE)
    return NULL;
  name_end = pl_segment_titled_name_end (p, end, &name);
  if (name_end == NULL)
    {
      name = p;
      name_end = pl_segment_name_end (p, end, 3);
      if (name_end == NULL)
        return NULL;
      if (memchr (name, ' ', name_end - name) == NULL)
        {
          g_autofree char *one = g_strndup (name, name_end - name);

          if (!pl_segment_person_known (seg, one))
            return NULL;
        }
    }
  r->cue.person = g_strndup (name, name_end - name);
  r->cue.title = office_before (p, name);
  known = pl_segment_person_entry (seg, r->cue.person);
  if (known != NULL && g_strcmp0 (match->entry->entity, "United Nations") == 0)
    r->cue.entry = known;
  return name_end;
}

/* Subjects that begin with a name the gazetteer knows. */
static const char *
entity_subject (Segmenter  *seg,
                const char *p,
                const char *end,
                Reading    *r)
{
  PlGazetteerMatch match;
  const char *after;
  const char *q;

  if (!pl_segment_entity_at (seg, p, end, &match))
    return NULL;
  after = seg->text + match.end;

  /* "X's representative", "X's statement" */
  q = after;
  if (pl_segment_is_apostrophe (char_at (q, end)))
    {
      q = g_utf8_next_char (q);
      if (q < end && *q == 's')
        q++;
      q = skip_spaces (q, end);
      for (guint i = 0; i < 3; i++)
        {
          const char *w_end = word_end (q, end);

          if (w_end == q)
            return NULL;
          /* "chief negotiator": "chief" qualifies the office that follows. */
          if (word_in (q, w_end, role_modifiers)
              && word_in (skip_spaces (w_end, end), word_end (skip_spaces (w_end, end), end), role_nouns))
            {
              q = skip_spaces (w_end, end);
              continue;
            }
          if (word_in (q, w_end, role_nouns))
            {
              const char *name = skip_spaces (w_end, end);
              const char *name_end = pl_segment_name_end (name, end, 4);

              speaker_found (seg, &match, r);
              r->cue.direct = TRUE;
              /* "Chile's envoy Rosa Medina said" */
              if (name_end != NULL && name > w_end && memchr (name, ' ', name_end - name) != NULL)
                {
                  r->cue.person = g_strndup (name, name_end - name);
                  return name_end;
                }
              after = read_apposition (w_end, end, &r->cue.person);
              return after != NULL ? after : w_end;
            }
          if (word_in (q, w_end, statement_nouns))
            {
              speaker_found (seg, &match, r);
              r->cue.direct = TRUE;
              r->cue.bare = TRUE;
              return w_end;
            }
          if (!word_in (q, w_end, role_modifiers))
            return NULL;
          q = skip_spaces (w_end, end);
        }
      return NULL;
    }

  /* "Canada and Chile", "Brazil and the ICRC" */
  q = read_members (seg, &match, end, r);
  if (r->n_members >= 2)
    {
      r->kind = READ_JOINT;
      r->subject = seg->text + match.start;
      r->subject_end = q;
      return q;
    }

  /* "President Putin" is a head of state, not the Chair. */
  if (match.entry->type == PL_ENTITY_TYPE_CHAIR
      && g_ascii_strncasecmp (seg->text + match.start, "chair", 5) != 0
      && is_capitalised (skip_spaces (after, end), end))
    return NULL;

  speaker_found (seg, &match, r);

  /* "(ICRC)" */
  if (starts_with_ci (skip_spaces (after, end), end, "("))
    {
      const char *close = memchr (after, ')', MIN ((gsize)(end - after), (gsize)40));

      if (close != NULL)
        after = close + 1;
    }

  /* "The ICRC representative" */
  q = skip_spaces (after, end);
  if (word_in (q, word_end (q, end), role_nouns) && !is_capitalised (skip_spaces (word_end (q, end), end), end))
    return word_end (q, end);

  q = entity_person (seg, &match, end, r);
  if (q != NULL)
    return q;

  /* "Indonesia, speaking for …", "Ecuador, on the other hand, praised" */
  if (after < end && *after == ',')
    {
      const char *rest = skip_spaces (after + 1, end);

      if (starts_with_ci (rest, end, "speaking ") || starts_with_ci (rest, end, "on behalf "))
        {
          r->cue.direct = TRUE;
          return after;
        }
      q = read_apposition (after, end, &r->cue.person);
      r->cue.bare = r->cue.person == NULL;
      if (q != NULL && pl_segment_verb_after (q, end) != NULL)
        return q;
    }
  r->cue.bare = TRUE;
  return after;
}

/* "The Japanese delegation"; "Kenyan Special Envoy for Cyber Affairs Joseph Mwangi". */
static const char *
adjective_subject (Segmenter  *seg,
                   const char *p,
                   const char *end,
                   Reading    *r)
{
  const char *q = word_end (p, end);
  const char *name;
  const char *name_end;

  if (word_equals (p, q, "the"))
    {
      const char *adjective = skip_spaces (q, end);

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
          entry = pl_segment_lookup_range (seg, adjective, a_end);
          if (entry == NULL)
            {
              g_autofree char *words = g_strndup (adjective, a_end - adjective);

              entry = pl_gazetteer_lookup_adjective (seg->gazetteer, words);
            }
          if (entry != NULL)
            {
              r->kind = READ_SPEAKER;
              r->cue.entry = entry;
              r->cue.direct = TRUE;
              r->cue.speaker = g_strndup (adjective, a_end - adjective);
              return noun_end;
            }
        }
      return NULL;
    }

  if (q == p || !is_capitalised (p, end)
      || !pl_segment_is_title_word (skip_spaces (q, end), word_end (skip_spaces (q, end), end)))
    return NULL;
  name_end = pl_segment_titled_name_end (skip_spaces (q, end), end, &name);
  if (name_end != NULL)
    {
      g_autofree char *adjective = g_strndup (p, q - p);
      const PlGazetteerEntry *entry = pl_gazetteer_lookup_adjective (seg->gazetteer, adjective);

      if (entry == NULL)
        return NULL;
      r->kind = READ_SPEAKER;
      r->cue.entry = entry;
      r->cue.person = g_strndup (name, name_end - name);
      r->cue.speaker = g_strdup (r->cue.person);
      r->cue.title = office_before (skip_spaces (q, end), name);
      return name_end;
    }
  return NULL;
}

/* Where an apposition after a name ends: at its closing comma, or before the verb that
 * follows it ("Ingrid Saar, Estonia's Ambassador at Large said"). */
static const char *
apposition_end (const char *p,
                const char *end)
{
  const char *limit = p + MIN ((gsize)(end - p), (gsize)140);

  for (const char *w = p; w < limit;)
    {
      const char *q = word_end (w, limit);

      /* A full stop ends it, not the one of "U.S." */
      if (*w == ',' || *w == ';' || (*w == '.' && w > p && g_ascii_islower (w[-1]) && (w + 1 == limit || w[1] == ' ')))
        return w;
      if (q == w)
        {
          w = g_utf8_next_char (w);
          continue;
        }
      if (w > p && !is_capitalised (w, limit) && pl_segment_is_verb (w, q))
        return w;
      w = q;
    }
  return NULL;
}

/* A person: "Ambassador Karl Tamm", "Foreign Minister Amara Diallo", "Izumi Nakamitsu",
 * "Hana Petrova, Director of the Digital Resilience Foundation,".  @late allows a lone
 * unknown surname ("said Evans"). */
static const char *
person_subject (Segmenter  *seg,
                const char *p,
                const char *end,
                gboolean    late,
                Reading    *r)
{
  const char *name = NULL;
  const char *name_end = pl_segment_titled_name_end (p, end, &name);
  const char *after;
  Cue affiliation = { 0 };
  gboolean explicit = FALSE;
  gboolean needs_affiliation = FALSE;

  if (name_end == NULL)
    {
      name = p;
      name_end = pl_segment_name_end (p, end, 4);
      if (name_end == NULL)
        return NULL;
      /* One word alone must be known and followed by a verb ("Lind said"), or say whom it
       * speaks for ("Lind, Sweden's representative, said"). */
      if (memchr (name, ' ', name_end - name) == NULL && !late)
        {
          g_autofree char *one = NULL;

          if (*name_end == ',')
            needs_affiliation = TRUE;
          else if (pl_segment_verb_after (name_end, end) == NULL
                   || !pl_segment_person_known (seg, (one = g_strndup (name, name_end - name))))
            return NULL;
        }
    }

  r->kind = READ_SPEAKER;
  r->cue.person = g_strndup (name, name_end - name);
  r->cue.speaker = g_strdup (r->cue.person);
  r->cue.title = office_before (p, name);
  after = name_end;

  /* ", Russia's representative," */
  if (after < end && *after == ',')
    {
      const char *close = apposition_end (skip_spaces (after + 1, end), end);

      if (close != NULL && pl_segment_affiliation (seg, skip_spaces (after + 1, end), close, &affiliation))
        {
          explicit = TRUE;
          r->cue.entry = affiliation.entry;
          r->cue.guessed = affiliation.guessed;
          if (affiliation.speaker != NULL)
            {
              g_free (r->cue.speaker);
              r->cue.speaker = g_strdup (affiliation.speaker);
            }
          if (r->cue.title == NULL)
            r->cue.title = g_strdup (affiliation.title);
          after = *close == ',' ? close + 1 : close;
        }
      else if (close != NULL && *close == ',' && close - after < 80)
        after = close + 1;
      pl_segment_cue_clear (&affiliation);
    }
  if (needs_affiliation && !explicit)
    {
      pl_segment_reading_clear (r);
      return NULL;
    }

  if (!explicit)
    {
      r->cue.entry = pl_segment_person_entry (seg, r->cue.person);
      if (r->cue.entry == NULL && (r->cue.entry = pl_segment_home_of_office (seg, r->cue.title)) != NULL)
        r->cue.unsure = TRUE;
      r->by_name = r->cue.title == NULL;
    }
  if (r->cue.entry == NULL && r->cue.guessed == PL_ENTITY_TYPE_UNKNOWN)
    r->cue.unsure = TRUE;
  return after;
}

/* "The delegate", "the envoy", "The Group" after the African Group, "The Foreign Minister"
 * when the document introduced one. */
static const char *
same_role (Segmenter  *seg,
           const char *p,
           const char *end,
           Reading    *r)
{
  const char *q = word_end (p, end);
  const char *w, *w_end, *title_start;

  if (!word_equals (p, q, "the") || seg->current == NULL)
    return NULL;
  w = title_start = skip_spaces (q, end);
  w_end = word_end (w, end);

  /* The last word of the speaker's name: "The Group", "The Union". */
  {
    const char *names[] = { seg->current->entity, seg->current->on_behalf_of };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        const char *space = names[i] != NULL ? strrchr (names[i], ' ') : NULL;
        const char *last = space != NULL ? space + 1 : names[i];

        if (last != NULL && strlen (last) > 3 && word_equals (w, w_end, last))
          {
            r->kind = READ_SAME;
            r->plain = TRUE;
            return w_end;
          }
      }
  }

  for (guint i = 0; i < 3 && w_end > w; i++)
    {
      if (word_in (w, w_end, generic_speakers))
        {
          const char *next = skip_spaces (w_end, end);
          const Person *person;

          if (word_in (next, word_end (next, end), (const char * const[]) { "of", "for", "from", NULL }))
            return NULL;
          /* The office of the person speaking, or of another one the document introduced. */
          if (seg->speaking_title == NULL || pl_segment_title_has_words (seg->speaking_title, title_start, w_end))
            {
              r->kind = READ_SAME;
              r->plain = TRUE;
              return w_end;
            }
          person = pl_segment_person_by_title (seg, title_start, w_end);
          if (person == NULL)
            return NULL;
          r->kind = READ_SPEAKER;
          r->cue.entry = person->entry;
          r->cue.person = g_strdup (person->name);
          r->cue.speaker = g_strdup (person->name);
          r->cue.title = g_strdup (person->title);
          return w_end;
        }
      if (!word_in (w, w_end, role_modifiers))
        return NULL;
      w = skip_spaces (w_end, end);
      w_end = word_end (w, end);
    }
  return NULL;
}

/* Who the words at @p name: sets @r and returns the end of the subject, or NULL. */
static const char *
subject_at (Segmenter  *seg,
            const char *p,
            const char *end,
            gboolean    late,
            Reading    *r)
{
  const char *q;
  const char *after;

  p = skip_spaces (p, end);
  if (p >= end || !g_unichar_isalnum (char_at (p, end)))
    return NULL;
  q = word_end (p, end);

  if (pl_segment_is_pronoun (p, q) && (late || is_capitalised (p, end)))
    {
      r->kind = READ_SAME;
      r->pronoun = TRUE;
      for (const char *w = skip_spaces (q, end), *w_end; w < end; w = skip_spaces (w_end, end))
        {
          w_end = word_end (w, end);
          if (w_end == w || w - q > 30)
            break;
          if (word_in (w, w_end, markers))
            r->plain = TRUE;
        }
      return q;
    }

  if ((after = role_of (seg, p, end, r)) != NULL)
    return after;
  pl_segment_reading_clear (r);
  if ((after = entity_subject (seg, p, end, r)) != NULL)
    return after;
  pl_segment_reading_clear (r);
  if ((after = same_role (seg, p, end, r)) != NULL)
    return after;
  pl_segment_reading_clear (r);
  if ((after = adjective_subject (seg, p, end, r)) != NULL)
    return after;
  pl_segment_reading_clear (r);
  if ((after = person_subject (seg, p, end, late, r)) != NULL)
    return after;
  pl_segment_reading_clear (r);
  return NULL;
}

/* A subject at the start of a sentence or clause, with the verb it needs: "Mexico
 * suggested", "The representative of X" (no verb needed), "He stressed". */
static gboolean
subject_with_verb (Segmenter  *seg,
                   const char *p,
                   const char *end,
                   Reading    *r)
{
  const char *after = subject_at (seg, p, end, FALSE, r);

  if (after == NULL)
    return FALSE;
  if (r->kind == READ_SAME || r->cue.direct || pl_segment_verb_after (after, end) != NULL)
    return TRUE;
  pl_segment_reading_clear (r);
  return FALSE;
}

/* "Speaking for the European Union, Karl-Heinz Brückner announced …": the speaker, and
 * for a person alone, a speaker for the group itself. */
static gboolean
speaking_for (Segmenter  *seg,
              const char *p,
              const char *end,
              Reading    *r)
{
  static const char * const openings[] = { "speaking for ", "speaking on behalf of ", "on behalf of ", NULL };
  PlGazetteerMatch group;
  const char *from = NULL;
  const char *rest;

  for (guint i = 0; openings[i] != NULL && from == NULL; i++)
    if (starts_with_ci (p, end, openings[i]))
      from = p + strlen (openings[i]);
  if (from == NULL || !pl_segment_entity_at (seg, from, end, &group))
    return FALSE;

  rest = seg->text + group.end;
  if (rest >= end || *rest != ',')
    return FALSE;
  if (!subject_with_verb (seg, skip_spaces (rest + 1, end), end, r) || r->kind != READ_SPEAKER)
    {
      pl_segment_reading_clear (r);
      return FALSE;
    }
  if (r->cue.entry == NULL && r->cue.person != NULL)
    {
      r->cue.entry = group.entry;
      r->cue.unsure = FALSE;
    }
  else if (r->cue.entry != group.entry)
    r->cue.behalf = group.entry;
  r->cue.direct = TRUE;
  r->by_name = FALSE;
  return TRUE;
}

/* Attributions after the words */

/* At @q, after a comma or a closing quotation mark: "said Australia's representative",
 * "Indonesia cautioned", "he added", "the envoy stressed", "with the Russian Federation
 * delivering a statement". */
static gboolean
read_attribution (Segmenter  *seg,
                  const char *q,
                  const char *end,
                  Reading    *r)
{
  const char *w_end;
  const char *after;

  q = skip_spaces (q, end);
  w_end = word_end (q, end);
  if (w_end == q)
    return FALSE;

  if (word_equals (q, w_end, "with"))
    {
      const char *verb, *object;

      after = subject_at (seg, skip_spaces (w_end, end), end, TRUE, r);
      verb = after != NULL ? skip_spaces (after, end) : NULL;
      if (verb != NULL && r->kind == READ_SPEAKER
          && word_in (verb, word_end (verb, end), (const char * const[]) { "delivering", "making", "giving", "presenting", "reading", NULL }))
        {
          object = skip_spaces (word_end (verb, end), end);
          if (word_in (object, word_end (object, end), (const char * const[]) { "a", "an", "the", "its", "their", NULL }))
            object = skip_spaces (word_end (object, end), end);
          if (word_in (object, word_end (object, end), statement_nouns))
            return TRUE;
        }
      pl_segment_reading_clear (r);
      return FALSE;
    }

  /* "said Okonkwo"; not "said her delegation …", where the pronoun is no subject. */
  if (pl_segment_is_verb (q, w_end))
    {
      after = subject_at (seg, skip_spaces (w_end, end), end, TRUE, r);
      if (after != NULL && r->kind == READ_SPEAKER)
        return TRUE;
      pl_segment_reading_clear (r);
      return FALSE;
    }

  after = subject_at (seg, q, end, TRUE, r);
  if (after != NULL && r->kind != READ_JOINT && pl_segment_verb_after (after, end) != NULL)
    return TRUE;
  pl_segment_reading_clear (r);
  return FALSE;
}

/* "Next to brief the Council was Hana Petrova, …", "Also speaking was the
 * representative of X". */
static gboolean
next_was (Segmenter  *seg,
          const char *s,
          const char *end,
          Reading    *r)
{
  static const char * const openers[] = {
    "next", "also", "then", "finally", "lastly", "last", "first", "later", NULL
  };
  const char *q = word_end (s, end);
  const char *limit = s + MIN ((gsize)(end - s), (gsize)80);
  const char *was;

  if (!word_in (s, q, openers))
    return FALSE;
  was = find_ci (q, limit, " was ");
  if (was == NULL)
    was = find_ci (q, limit, " were ");
  if (was == NULL || memchr (q, ',', was - q) != NULL)
    return FALSE;
  was = skip_spaces (word_end (skip_spaces (was, end), end), end);
  if (subject_at (seg, was, end, TRUE, r) != NULL && r->kind == READ_SPEAKER)
    return TRUE;
  pl_segment_reading_clear (r);
  return FALSE;
}

/* "According to Diallo, …" */
static gboolean
according_to (Segmenter  *seg,
              const char *s,
              const char *end,
              Reading    *r)
{
  const char *after;

  if (!starts_with_ci (s, end, "according to "))
    return FALSE;
  after = subject_at (seg, s + strlen ("according to "), end, TRUE, r);
  if (after != NULL && after < end && *after == ',' && r->kind != READ_JOINT)
    return TRUE;
  pl_segment_reading_clear (r);
  return FALSE;
}

/* A person who "delivered a statement on Fiji's behalf" speaks for Fiji. */
static void
behalf_in_sentence (Segmenter  *seg,
                    const char *s,
                    const char *end,
                    Reading    *r)
{
  const char *on;
  PlGazetteerMatch match;

  if (r->kind != READ_SPEAKER || r->cue.entry != NULL || r->cue.person == NULL)
    return;
  for (on = find_ci (s, end, " on "); on != NULL; on = find_ci (on + 1, end, " on "))
    {
      const char *at = skip_spaces (on + 4, end);

      if (starts_with_ci (at, end, "behalf of "))
        at += strlen ("behalf of ");
      if (!pl_segment_entity_at (seg, at, end, &match))
        continue;
      /* "on behalf of X", or "on X's behalf" */
      if (!starts_with_ci (skip_spaces (on + 4, end), end, "behalf of "))
        {
          const char *after = seg->text + match.end;

          if (!pl_segment_is_apostrophe (char_at (after, end)))
            continue;
          after = g_utf8_next_char (after);
          if (after < end && *after == 's')
            after++;
          if (!starts_with_ci (skip_spaces (after, end), end, "behalf"))
            continue;
        }
      if (match.entry->type == PL_ENTITY_TYPE_GROUP_OF_STATES)
        r->cue.behalf = match.entry;
      else
        {
          r->cue.entry = match.entry;
          r->cue.unsure = FALSE;
        }
      return;
    }
}

/* Sentences */

static gboolean
starts_subordinate (const char *s,
                    const char *end)
{
  return word_in (s, word_end (s, end), subordinators);
}

/* An opening phrase before the subject has no verb of its own: "Introducing the draft,",
 * "In a similar vein,"; not "The meeting was opened by X, Brazil's ambassador, …". */
static gboolean
opening_phrase (const char *s,
                const char *comma)
{
  static const char * const finite[] = {
    "is", "are", "was", "were", "has", "have", "had", "will", "would", NULL
  };

  for (const char *w = s; w < comma; w = skip_spaces (word_end (w, comma), comma))
    {
      const char *q = word_end (w, comma);

      if (q == w)
        {
          w = g_utf8_next_char (w);
          continue;
        }
      if (word_in (w, q, finite) || pl_segment_is_verb (w, q))
        return FALSE;
    }
  return TRUE;
}

/* Follows quotation marks through [p, end): updates @in_quote and, for an opening mark,
 * @opened.  Returns the next character. */
static const char *
follow_quotes (const char  *p,
               const char  *end,
               gboolean    *in_quote,
               const char **opened,
               gboolean    *closed)
{
  gunichar c = char_at (p, end);

  *closed = FALSE;
  if (c == '"')
    {
      *in_quote = !*in_quote;
      if (*in_quote)
        *opened = p;
      else
        *closed = TRUE;
    }
  else if (pl_segment_is_opening_quote (c))
    {
      *in_quote = TRUE;
      *opened = p;
    }
  else if (pl_segment_is_closing_quote (c))
    {
      *in_quote = FALSE;
      *closed = TRUE;
    }
  return g_utf8_next_char (p);
}

ReadKind
pl_segment_read_sentence (Segmenter   *seg,
                          const char  *s,
                          const char  *end,
                          QuoteState  *quotes,
                          Reading     *r)
{
  gboolean inside = quotes->in_quote || pl_segment_is_opening_quote (char_at (s, end));
  const char *comma = NULL;
  gboolean found = FALSE;

  pl_segment_reading_clear (r);

  if (!inside)
    {
      found = speaking_for (seg, s, end, r) || according_to (seg, s, end, r) || next_was (seg, s, end, r)
              || subject_with_verb (seg, s, end, r);
      if (!found && !starts_subordinate (s, end))
        {
          const char *limit = s + MIN ((gsize)(end - s), (gsize)250);

          for (const char *c = s; c < limit; c++)
            if (*c == ',' || pl_segment_is_opening_quote (char_at (c, end)))
              {
                comma = *c == ',' ? c : NULL;
                break;
              }
          if (comma != NULL && opening_phrase (s, comma))
            {
              const char *anchor = skip_spaces (comma + 1, end);

              found = speaking_for (seg, anchor, end, r) || subject_with_verb (seg, anchor, end, r);
              if (found)
                title_from_clause (r, s, comma);
            }
        }
    }

  /* After a closing quotation mark or a comma outside quotations.  Only '"', ',' and the
   * lead bytes of typographic quotation marks matter.  A subject found above still yields
   * to "…, he said" at the end: the sentence is the speaker's before. */
  for (const char *p = s; p < end;)
    {
      gboolean was_inside = quotes->in_quote;
      gboolean closed;
      const char *opened = quotes->opened;
      const char *next;

      if (*p != '"' && *p != ',' && (guchar)*p != 0xE2 && (guchar)*p != 0xC2)
        {
          p++;
          continue;
        }
      next = follow_quotes (p, end, &quotes->in_quote, &quotes->opened, &closed);
      if ((closed || (*p == ',' && !was_inside)) && (!found || r->kind == READ_SPEAKER))
        {
          const char *at = next;
          Reading late = { 0 };

          while (at < end && (*at == ',' || is_space (char_at (at, end))))
            at = g_utf8_next_char (at);
          if (at < end && read_attribution (seg, at, end, &late) && (!found || late.kind == READ_SAME))
            {
              pl_segment_reading_clear (r);
              *r = late;
              memset (&late, 0, sizeof late);
              found = TRUE;
              r->late = TRUE;
              if (closed && opened != NULL && opened < s)
                r->from = opened;
            }
          pl_segment_reading_clear (&late);
        }
      p = next;
    }

  if (found)
    behalf_in_sentence (seg, s, end, r);
  return found ? r->kind : READ_NONE;
}
