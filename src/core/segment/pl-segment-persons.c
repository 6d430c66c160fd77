/* pl-segment-persons.c — persons: their names and offices, what the text says they speak
 * for, whom the document has introduced, and the state its headlines are about
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segment-private.h"

/* Vocabularies, sorted */

/* Words of an office: "Foreign Minister", "Special Presidential Envoy", "CEO". */
static const char * const title_words[] = {
  "acting", "adviser", "advisor", "ambassador", "assistant", "attorney", "ceo", "chair", "chairman",
  "chairperson", "chairwoman", "chancellor", "chief", "co-chair", "commissioner", "coordinator",
  "counsellor", "counselor", "delegate", "deputy", "diplomat", "director", "director-general",
  "envoy", "executive", "expert", "foreign", "head", "high", "lead", "leader", "minister",
  "negotiator", "officer", "official", "permanent", "president", "presidential", "prime",
  "principal", "representative", "secretary", "secretary-general", "senior", "special",
  "spokesman", "spokesperson", "spokeswoman", "under-secretary-general", "vice-chair",
  "vice-president",
};

/* Capitalised words that begin sentences but never names. */
static const char * const not_names[] = {
  "a", "about", "according", "after", "against", "all", "also", "although", "among", "an", "and",
  "another", "any", "as", "at", "because", "before", "both", "but", "by", "countries",
  "delegates", "delegations", "during", "each", "either", "even", "every", "experts", "few",
  "following", "for", "from", "further", "furthermore", "given", "governments", "he", "her",
  "here", "his", "however", "i", "if", "in", "indeed", "instead", "it", "its", "last", "many",
  "meanwhile", "member", "members", "more", "moreover", "most", "much", "my", "nations",
  "neither", "nevertheless", "next", "no", "none", "nonetheless", "not", "now", "of",
  "officials", "on", "one", "only", "other", "others", "our", "over", "overall", "participants",
  "representatives", "several", "she", "since", "so", "some", "speakers", "speaking", "states",
  "such", "that", "the", "their", "then", "there", "these", "they", "this", "those", "though",
  "through", "thus", "to", "today", "under", "unlike", "upon", "we", "what", "when", "where",
  "whereas", "whether", "which", "while", "who", "with", "within", "yesterday", "yet", "you",
};

/* Offices a state gives: an unqualified one belongs to the state the article is about. */
static const char * const national_offices[] = {
  "ambassador", "envoy", "foreign", "minister", "permanent", "secretary", NULL
};

gboolean
pl_segment_is_title_word (const char *p,
                          const char *q)
{
  const char *hyphen;

  if (pl_segment_word_in_sorted (p, q, title_words, G_N_ELEMENTS (title_words)))
    return TRUE;
  /* "Ambassador-at-Large", "Vice-Minister" */
  hyphen = memchr (p, '-', q - p);
  return hyphen != NULL && (pl_segment_word_in_sorted (p, hyphen, title_words, G_N_ELEMENTS (title_words))
                            || pl_segment_word_in_sorted (hyphen + 1, word_end (hyphen + 1, q), title_words,
                                                          G_N_ELEMENTS (title_words)));
}

static gboolean
is_name_word (const char *p,
              const char *q,
              const char *end)
{
  guint upper = 0;

  if (q == p || !is_capitalised (p, end))
    return FALSE;
  if (pl_segment_word_in_sorted (p, q, not_names, G_N_ELEMENTS (not_names)))
    return FALSE;
  /* An acronym ("UN", "OEWG") is not a name. */
  for (const char *r = p; r < q; r++)
    if (g_ascii_isupper (*r))
      upper++;
  return !(upper >= 2 && upper == (guint)(q - p));
}

/* Past an initial's full stop: "J. Smith", "R.Geiss". */
static const char *
after_word (const char *q,
            const char *p,
            const char *end)
{
  if (q < end && *q == '.' && q - p == 1)
    return q + 1;
  return q;
}

/* The end of a person's name at @p: one to @max_words capitalised words, with particles
 * ("de", "van") between them and initials; NULL when there is none. */
const char *
pl_segment_name_end (const char *p,
                     const char *end,
                     guint       max_words)
{
  const char *name_end = NULL;
  guint n = 0;

  for (const char *w = p; w < end && n < max_words;)
    {
      const char *q = word_end (w, end);

      if (is_name_word (w, q, end))
        {
          n++;
          name_end = q;
        }
      else if (!(n > 0 && pl_segment_is_name_particle (w, q)))
        break;
      w = after_word (q, w, end);
      if (w < end && *w != ' ' && !is_capitalised (w, end))
        break;
      w = skip_spaces (w, end);
    }
  return name_end;
}

typedef enum
{
  WORD_TITLE,
  WORD_CONNECTOR,
  WORD_NAME,
  WORD_PARTICLE,
} WordKind;

/* A person with an office or honorific: "Foreign Minister Amara Diallo", "Ambassador
 * Gafoor", "Special Envoy for Digital Affairs and Cyber Diplomacy Joseph Mwangi".
 * Returns the end of the name and sets @name to its start; NULL when [p, end)
 * does not begin so. */
const char *
pl_segment_titled_name_end (const char  *p,
                            const char  *end,
                            const char **name)
{
  struct
  {
    const char *start;
    const char *end;
    WordKind    kind;
  } words[16];
  guint n = 0;
  guint first_name;
  guint n_names = 0;
  gboolean titled = FALSE;
  const char *w = p;
  gboolean honorific;

  w = pl_segment_skip_honorifics (w, end, &honorific);
  titled = honorific;
  if (!titled && !pl_segment_is_title_word (w, word_end (w, end)))
    return NULL;

  while (w < end && n < G_N_ELEMENTS (words))
    {
      const char *q = word_end (w, end);
      const char *next = skip_spaces (q, end);
      WordKind kind;

      if (q == w)
        break;
      if (pl_segment_is_title_word (w, q))
        kind = WORD_TITLE;
      else if (titled && word_in (w, q, (const char * const[]) { "of", "for", "to", "at", "on", "the", NULL })
               && (is_capitalised (next, end)
                   || (word_equals (next, word_end (next, end), "the")
                       && is_capitalised (skip_spaces (word_end (next, end), end), end))))
        kind = WORD_CONNECTOR;
      else if (n > 0 && words[n - 1].kind == WORD_NAME && pl_segment_is_name_particle (w, q)
               && is_capitalised (next, end))
        kind = WORD_PARTICLE;
      else if (is_capitalised (w, end) && !pl_segment_word_in_sorted (w, q, not_names, G_N_ELEMENTS (not_names)))
        kind = WORD_NAME;
      else
        break;

      titled = titled || kind == WORD_TITLE;
      words[n].start = w;
      words[n].end = q;
      words[n].kind = kind;
      n++;
      w = after_word (q, w, end);
      if (w < end && *w != ' ')
        break;
      w = skip_spaces (w, end);
    }

  /* The name: the last two capitalised words that are not an office, with a particle and
   * the word before it ("Guilherme de Aguiar Patriota"). */
  first_name = n;
  while (first_name > 0 && n_names < 2)
    {
      const char *s = words[first_name - 1].start;
      const char *e = words[first_name - 1].end;

      if (words[first_name - 1].kind != WORD_NAME || !is_name_word (s, e, end))
        break;
      first_name--;
      n_names++;
    }
  if (first_name >= 2 && first_name < n && words[first_name - 1].kind == WORD_PARTICLE
      && words[first_name - 2].kind == WORD_NAME)
    first_name -= 2;
  if (n_names == 0 || !titled)
    return NULL;
  /* An office must come before the name, not only after it. */
  if (first_name == 0 && !honorific)
    return NULL;

  *name = words[first_name].start;
  return words[n - 1].end;
}

/* Whom the text says a person speaks for */

static gboolean
possessive_at (const char **p,
               const char  *end)
{
  const char *q = *p;

  if (!pl_segment_is_apostrophe (char_at (q, end)))
    return FALSE;
  q = g_utf8_next_char (q);
  if (q < end && *q == 's')
    q++;
  *p = skip_spaces (q, end);
  return TRUE;
}

/* The first name the gazetteer knows after " of " or " from " in [p, end), or an
 * organisation whose cue words give its kind ("of the Digital Rights Foundation"). */
static gboolean
affiliation_after_of (Segmenter  *seg,
                      const char *p,
                      const char *end,
                      Cue        *cue)
{
  for (guint i = 0; i < 4; i++)
    {
      const char *of = find_ci (p, end, " of ");
      const char *from = find_ci (p, end, " from ");
      const char *at;
      PlGazetteerMatch match;

      if (of == NULL || (from != NULL && from < of))
        of = from;
      if (of == NULL)
        return FALSE;
      at = skip_spaces (of + (*(of + 1) == 'o' ? 4 : 6), end);
      if (pl_segment_entity_at (seg, at, end, &match))
        {
          cue->entry = match.entry;
          return TRUE;
        }
      {
        const char *name = at;
        const char *name_end;

        if (word_equals (name, word_end (name, end), "the"))
          name = skip_spaces (word_end (name, end), end);
        name_end = name;
        for (const char *w = name; w < end && is_capitalised (w, end);)
          {
            name_end = word_end (w, end);
            w = skip_spaces (name_end, end);
            if (word_in (w, word_end (w, end), (const char * const[]) { "for", "and", "on", NULL })
                && is_capitalised (skip_spaces (word_end (w, end), end), end))
              w = skip_spaces (word_end (w, end), end);
          }
        if (name_end > name)
          {
            g_autofree char *org = g_strndup (name, name_end - name);
            PlEntityType guessed = pl_gazetteer_guess_type (seg->gazetteer, org);

            if (guessed != PL_ENTITY_TYPE_UNKNOWN)
              {
                cue->guessed = guessed;
                g_free (cue->speaker);
                cue->speaker = g_steal_pointer (&org);
                return TRUE;
              }
          }
      }
      p = of + 1;
    }
  return FALSE;
}

gboolean
pl_segment_affiliation (Segmenter  *seg,
                        const char *p,
                        const char *end,
                        Cue        *cue)
{
  PlGazetteerMatch match;
  const char *after;
  const char *q;

  p = skip_spaces (p, end);
  if (word_equals (p, word_end (p, end), "a") || word_equals (p, word_end (p, end), "an"))
    p = skip_spaces (word_end (p, end), end);

  /* "Russia's representative", "Estonia`s Ambassador at Large", "U.S. lead" */
  if (pl_segment_entity_at (seg, p, end, &match))
    {
      after = seg->text + match.end;
      if (!possessive_at (&after, end))
        after = skip_spaces (after, end);
      for (guint i = 0; i < 3; i++)
        {
          q = word_end (after, end);
          if (q == after)
            break;
          if (pl_segment_is_title_word (after, q))
            {
              cue->entry = match.entry;
              g_free (cue->title);
              cue->title = pl_segment_dup_trimmed (after, end);
              return TRUE;
            }
          after = skip_spaces (q, end);
        }
      return FALSE;
    }

  /* "Russian envoy", "Estonian Ambassador to the UN" */
  q = word_end (p, end);
  if (q > p && is_capitalised (p, end) && pl_segment_is_title_word (skip_spaces (q, end), word_end (skip_spaces (q, end), end)))
    {
      g_autofree char *adjective = g_strndup (p, q - p);
      const PlGazetteerEntry *entry = pl_gazetteer_lookup_adjective (seg->gazetteer, adjective);

      if (entry != NULL)
        {
          cue->entry = entry;
          g_free (cue->title);
          cue->title = pl_segment_dup_trimmed (skip_spaces (q, end), end);
          return TRUE;
        }
    }

  /* "who heads the Russian delegation", "who represents Kenya" */
  if (word_equals (p, q, "who"))
    {
      for (const char *w = skip_spaces (q, end); w < end; w = skip_spaces (word_end (w, end), end))
        {
          const char *w_end = word_end (w, end);
          const char *next = skip_spaces (w_end, end);

          if (w_end == w)
            break;
          if (!word_in (w, w_end, (const char * const[]) { "heads", "headed", "leads", "led", "represents",
                                                          "represented", "the", "is", "was", "also", NULL }))
            {
              g_autofree char *adjective = g_strndup (w, w_end - w);

              if (pl_segment_entity_at (seg, w, end, &match))
                cue->entry = match.entry;
              else if (is_capitalised (w, end) && word_in (next, word_end (next, end), (const char * const[]) { "delegation", "government", "mission", NULL }))
                cue->entry = pl_gazetteer_lookup_adjective (seg->gazetteer, adjective);
              return cue->entry != NULL;
            }
        }
      return FALSE;
    }

  /* "CEO of the Digital Resilience Foundation", "Permanent Representative of Peru" */
  if (!pl_segment_is_title_word (p, q))
    return FALSE;
  if (!affiliation_after_of (seg, p, end, cue))
    return FALSE;
  g_free (cue->title);
  cue->title = pl_segment_dup_trimmed (p, end);
  return TRUE;
}

/* Persons the document introduces */

void
pl_segment_remember_person (Segmenter              *seg,
                            const char             *name,
                            const char             *title,
                            const PlGazetteerEntry *entry)
{
  g_autofree char *surname = NULL;
  const PlGazetteerPerson *known;
  Person *person;

  if (name == NULL || entry == NULL || (surname = pl_segment_surname (name)) == NULL)
    return;

  /* "Izumi Nakamitsu, UN Under-Secretary-General": the office she holds says more than "UN". */
  known = pl_gazetteer_lookup_person (seg->gazetteer, name);
  if (known != NULL && g_strcmp0 (entry->entity, "United Nations") == 0)
    entry = known->entry;

  person = g_new0 (Person, 1);
  person->name = g_strdup (name);
  person->title = g_strdup (title);
  person->entry = entry;
  g_hash_table_replace (seg->people, g_steal_pointer (&surname), person);
}

/* Who @name speaks for: the Chair when the document or the gazetteer names them so, else
 * what the document said of them, else the gazetteer's persons.  NULL when unknown. */
const PlGazetteerEntry *
pl_segment_person_entry (Segmenter  *seg,
                         const char *name)
{
  g_autofree char *surname = pl_segment_surname (name);
  const PlGazetteerPerson *known;
  const Person *person;

  if (surname == NULL)
    return NULL;
  known = pl_gazetteer_lookup_person (seg->gazetteer, name);
  if (known == NULL)
    known = pl_gazetteer_lookup_person (seg->gazetteer, surname);

  if (g_hash_table_contains (seg->chair_names, surname)
      || (known != NULL && known->entry->type == PL_ENTITY_TYPE_CHAIR))
    return pl_gazetteer_lookup (seg->gazetteer, "Chair");
  person = g_hash_table_lookup (seg->people, surname);
  if (person != NULL)
    return person->entry;
  return known != NULL ? known->entry : NULL;
}

/* Is @name (or its surname) someone the document or the gazetteer knows? */
gboolean
pl_segment_person_known (Segmenter  *seg,
                         const char *name)
{
  g_autofree char *surname = pl_segment_surname (name);

  return surname != NULL
         && (g_hash_table_contains (seg->people, surname) || g_hash_table_contains (seg->chair_names, surname)
             || pl_gazetteer_lookup_person (seg->gazetteer, name) != NULL
             || (seg->speaking != NULL && g_strcmp0 (seg->speaking, surname) == 0));
}

/* The person whose office, as the document gave it, has every word of [p, q): "The
 * Foreign Minister" finds the Foreign Minister introduced before.  NULL when not exactly
 * one has. */
const Person *
pl_segment_person_by_title (Segmenter  *seg,
                            const char *p,
                            const char *q)
{
  GHashTableIter iter;
  gpointer value;
  const Person *found = NULL;

  g_hash_table_iter_init (&iter, seg->people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const Person *person = value;

      if (person->title != NULL && pl_segment_title_has_words (person->title, p, q))
        {
          if (found != NULL && found->entry != person->entry)
            return NULL;
          found = person;
        }
    }
  return found;
}

/* Does @title hold every word of [p, q), in any case? */
gboolean
pl_segment_title_has_words (const char *title,
                            const char *p,
                            const char *q)
{
  const char *title_end = title + strlen (title);

  for (const char *w = skip_spaces (p, q); w < q; w = skip_spaces (word_end (w, q), q))
    {
      const char *w_end = word_end (w, q);
      gboolean found = FALSE;

      if (w_end == w)
        return FALSE;
      for (const char *t = title; t < title_end && !found;)
        {
          const char *t_end = word_end (t, title_end);

          if (t_end == t)
            {
              t = g_utf8_next_char (t);
              continue;
            }
          found = t_end - t == w_end - w && g_ascii_strncasecmp (t, w, w_end - w) == 0;
          t = t_end;
        }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Learns the persons a paragraph introduces with an affiliation: "Tomasz Lind, Sweden's
 * representative", "Estonian Ambassador to the UN Karl Tamm", "Ambassador X, Permanent
 * Representative of Y". */
void
pl_segment_learn_persons (Segmenter  *seg,
                          const char *p,
                          const char *end)
{
  for (const char *w = p; w < end;)
    {
      const char *q = word_end (w, end);
      const char *name;
      const char *name_end;
      gboolean honorific;

      if (q == w)
        {
          w = g_utf8_next_char (w);
          continue;
        }
      if (!is_capitalised (w, end) || (w > p && !is_space (char_at (g_utf8_prev_char (w), end))
                                       && char_at (g_utf8_prev_char (w), end) != '('))
        {
          w = q;
          continue;
        }

      /* "Estonian Ambassador to the UN Karl Tamm" */
      name_end = pl_segment_titled_name_end (skip_spaces (q, end), end, &name);
      if (name_end != NULL)
        {
          g_autofree char *adjective = g_strndup (w, q - w);
          const PlGazetteerEntry *entry = pl_gazetteer_lookup_adjective (seg->gazetteer, adjective);

          if (entry != NULL)
            {
              g_autofree char *who = g_strndup (name, name_end - name);
              g_autofree char *title = pl_segment_dup_trimmed (skip_spaces (q, end), name);

              pl_segment_remember_person (seg, who, title, entry);
              w = name_end;
              continue;
            }
        }

      /* "Tomasz Lind, Sweden's representative," */
      name = pl_segment_skip_honorifics (w, end, &honorific);
      name_end = pl_segment_name_end (name, end, 4);
      if (name_end != NULL && name_end + 1 < end && *name_end == ',')
        {
          const char *apposition = skip_spaces (name_end + 1, end);
          const char *close = apposition;
          Cue cue = { 0 };

          while (close < end && *close != ',' && *close != ';' && *close != '(' && close - apposition < 120
                 && !(*close == '.' && (close + 1 == end || close[1] == ' ')))
            close++;
          if ((name_end - name > 0 && memchr (name, ' ', name_end - name) != NULL)
              && pl_segment_affiliation (seg, apposition, close, &cue) && cue.entry != NULL)
            {
              g_autofree char *who = g_strndup (name, name_end - name);

              pl_segment_remember_person (seg, who, cue.title, cue.entry);
            }
          pl_segment_cue_clear (&cue);
        }
      w = name_end != NULL ? name_end : q;
    }
}

/* The state the headlines are about */

/* A headline that begins with a state ("Estonia leads …", "Watch live: Estonia leads …")
 * makes it the document's home state, unless another headline names another. */
void
pl_segment_note_headline (Segmenter  *seg,
                          const char *p,
                          const char *end)
{
  const char *colon = memchr (p, ':', end - p);
  const char *starts[] = { p, colon != NULL ? skip_spaces (colon + 1, end) : NULL };

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      PlGazetteerMatch match;

      if (starts[i] == NULL || !pl_segment_entity_at (seg, starts[i], end, &match)
          || (match.entry->type != PL_ENTITY_TYPE_MEMBER_STATE && match.entry->type != PL_ENTITY_TYPE_OBSERVER_STATE))
        continue;
      if (seg->home != NULL && seg->home != match.entry)
        seg->home_conflict = TRUE;
      seg->home = match.entry;
    }
}

/* An office a state gives, named without the state ("Foreign Minister"), in a document
 * about one state: that state, as an inference to review. */
const PlGazetteerEntry *
pl_segment_home_of_office (Segmenter  *seg,
                           const char *title)
{
  const char *end;

  if (seg->home == NULL || seg->home_conflict || title == NULL)
    return NULL;
  end = title + strlen (title);
  for (const char *w = title; w < end; w = skip_spaces (word_end (w, end), end))
    {
      const char *q = word_end (w, end);

      if (q == w)
        return NULL;
      if (word_in (w, q, national_offices))
        return seg->home;
    }
  return NULL;
}
