/* pl-segment-prose.c — reports and press releases: the cues that name a speaker, the
 * paragraphs that continue one, quotations
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

/* Prose cues */

void
pl_segment_cue_clear (Cue *cue)
{
  g_clear_pointer (&cue->speaker, g_free);
  g_clear_pointer (&cue->person, g_free);
  memset (cue, 0, sizeof *cue);
}

/* An apposition after a name: ", Adaeze Okonkwo," or ", Ambassador Ingrid Halvorsen,"
 * followed by a verb.  Returns where the verb search continues, or NULL. */
/* The cue names @match's entry as written. */
static gboolean
cue_name_match (Segmenter              *seg,
                const PlGazetteerMatch *match,
                Cue                    *cue)
{
  cue->entry = match->entry;
  cue->speaker = g_strndup (seg->text + match->start, match->end - match->start);
  return TRUE;
}

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
  if (pl_segment_is_person_name (name, close, 5, NULL) && person != NULL)
    *person = pl_segment_dup_trimmed (p + 1, close);
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

          if (pl_segment_entity_at (seg, of, end, &match))
            return cue_name_match (seg, &match, cue);

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

  if (!pl_segment_entity_at (seg, p, end, &match))
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
          read_apposition (q, end, &cue->person);
          return cue_name_match (seg, &match, cue);
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
      entry = pl_segment_lookup_range (seg, adjective, a_end);
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

  if (!pl_segment_entity_at (seg, p, end, &match))
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
    return cue_name_match (seg, &match, cue);

  if (after < end && *after == ',')
    {
      g_autofree char *person = NULL;
      const char *rest = skip_spaces (after + 1, end);
      const char *next;

      if (starts_with_ci (rest, end, "speaking ") || starts_with_ci (rest, end, "on behalf "))
        return cue_name_match (seg, &match, cue);

      next = read_apposition (after, end, &person);
      if (next != NULL && verb_follows (next, end))
        {
          cue->person = g_steal_pointer (&person);
          return cue_name_match (seg, &match, cue);
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
  const char *s_end = pl_segment_sentence_end (p, end);
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

  if (!pl_segment_entity_at (seg, from, end, &group))
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
  pl_segment_cue_clear (cue);

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
    comma = pl_segment_skip_honorifics (rest, name_end, &honorific);
    if (name_end > rest && pl_segment_is_person_name (comma, name_end, 5, NULL)
        && verb_follows (name_end, end))
      {
        cue->entry = group.entry;
        cue->person = g_strndup (rest, name_end - rest);
        cue->speaker = g_strdup (cue->person);
        return TRUE;
      }
  }
  return FALSE;
}

gboolean
pl_segment_find_cue (Segmenter  *seg,
                     const char *p,
                     const char *end,
                     Cue        *cue)
{
  const char *anchor;

  if (cue_speaking_for (seg, p, end, cue))
    return TRUE;
  pl_segment_cue_clear (cue);
  if (cue_at (seg, p, end, cue))
    return TRUE;
  pl_segment_cue_clear (cue);

  anchor = second_anchor (p, end);
  if (anchor != NULL)
    {
      if (cue_speaking_for (seg, anchor, end, cue))
        return TRUE;
      pl_segment_cue_clear (cue);
      if (cue_at (seg, anchor, end, cue))
        return TRUE;
      pl_segment_cue_clear (cue);
    }
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

Continues
pl_segment_continues_previous (Segmenter  *seg,
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

  if (pl_segment_entity_at (seg, p, end, &match) && seg->current->entity != NULL
      && g_strcmp0 (match.entry->entity, seg->current->entity) == 0)
    return CONTINUES_PLAINLY;

  return CONTINUES_NOT;
}

/* Quotations: "“…,” said Okonkwo." */

QuoteKind
pl_segment_read_quote (Segmenter  *seg,
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
      pl_segment_cue_clear (cue);
      /* The name runs to the next comma or full stop. */
      {
        const char *stop = subject;

        while (stop < end && *stop != ',' && *stop != '.' && *stop != ';')
          stop++;
        if (pl_segment_is_person_name (subject, stop, 4, NULL))
          {
            *person = pl_segment_dup_trimmed (subject, stop);
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
              if (pl_segment_is_person_name (w, v, 3, NULL))
                {
                  *person = pl_segment_dup_trimmed (w, v);
                  return QUOTE_PERSON;
                }
              break;
            }
          v = next_end;
        }
    }
  return QUOTE_NONE;
}

const Person *
pl_segment_find_person (Segmenter  *seg,
                        const char *name)
{
  g_autofree char *surname = NULL;

  if (!pl_segment_is_person_name (name, name + strlen (name), 5, &surname))
    return NULL;
  return g_hash_table_lookup (seg->people, surname);
}
