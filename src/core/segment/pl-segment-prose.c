/* pl-segment-prose.c — reports, press releases, summaries and news: a paragraph read
 * sentence by sentence, cut where a new speaker begins, joined to the statement before
 * when it continues it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segment-private.h"

/* A stretch of a paragraph with what it says of its speaker: READ_NONE for words nobody
 * is named for. */
typedef struct
{
  const char *start;
  Reading     r;
} Piece;

static void
move_reading (Reading *to,
              Reading *from)
{
  pl_segment_reading_clear (to);
  *to = *from;
  memset (from, 0, sizeof *from);
}

static gboolean
is_member (const Reading          *r,
           const PlGazetteerEntry *entry)
{
  for (guint i = 0; i < MIN (r->n_members, (guint)MAX_MEMBERS); i++)
    if (r->members[i] == entry)
      return TRUE;
  return FALSE;
}

/* Do two persons' names share their surname? */
static gboolean
same_person (const char *a,
             const char *b)
{
  g_autofree char *sa = pl_segment_surname (a);
  g_autofree char *sb = pl_segment_surname (b);

  return sa != NULL && sb != NULL && g_ascii_strcasecmp (sa, sb) == 0;
}

/* Is @cue the speaker of the statement before?  The same entity, and not two persons of
 * different names; without an entity, the same person or the same name. */
gboolean
pl_segment_same_speaker (Segmenter *seg,
                         const Cue *cue)
{
  const PlStatement *current = seg->current;

  if (current == NULL)
    return FALSE;
  if (cue->entry != NULL)
    {
      if (g_strcmp0 (cue->entry->entity, current->entity) != 0)
        return FALSE;
    }
  else if (cue->person == NULL)
    return current->entity == NULL && g_strcmp0 (cue->speaker, current->speaker) == 0;
  else if (seg->speaking == NULL)
    return FALSE;

  if (cue->person != NULL && seg->speaking != NULL && !same_person (cue->person, seg->speaking))
    return FALSE;
  if (cue->behalf != NULL && g_strcmp0 (cue->behalf->entity, current->on_behalf_of) != 0)
    return FALSE;
  return TRUE;
}

/* Does @r name the same speaker as the piece @piece? */
static gboolean
same_as_piece (Segmenter   *seg,
               const Piece *piece,
               const Reading *r)
{
  const Cue *a = &piece->r.cue;
  const Cue *b = &r->cue;

  if (piece->r.kind == READ_SAME)
    return pl_segment_same_speaker (seg, b);
  if (piece->r.kind != READ_SPEAKER)
    return FALSE;
  if (a->entry != NULL || b->entry != NULL)
    {
      if (a->entry != b->entry)
        return FALSE;
    }
  else if (a->person == NULL || b->person == NULL)
    return g_strcmp0 (a->speaker, b->speaker) == 0;
  return a->person == NULL || b->person == NULL || same_person (a->person, b->person);
}

/* Where the words before @at end, without the spaces between. */
static const char *
trim_back (const char *start,
           const char *at)
{
  while (at > start && is_space (char_at (g_utf8_prev_char (at), at)))
    at = g_utf8_prev_char (at);
  return at;
}

static void
add_joint (Segmenter  *seg,
           guint       i,
           const char *start,
           const char *end,
           Reading    *r)
{
  PlStatement *statement = pl_segment_add_piece (seg, i, start, end, PL_STATEMENT_KIND_STATEMENT,
                                                 PL_SPEAKER_SOURCE_REPORTED);

  if (r->subject != NULL && r->subject_end - r->subject <= 120)
    statement->speaker = pl_segment_dup_trimmed (r->subject, r->subject_end);
  statement->entity_type = g_strdup (pl_entity_type_to_string (PL_ENTITY_TYPE_UNKNOWN));
  statement->needs_review = TRUE;
  pl_segment_set_current (seg, statement, NULL, NULL);
}

/* Words nobody is named for: front matter, flagged when they follow a statement and may
 * go on with it. */
static void
add_unattributed (Segmenter  *seg,
                  guint       i,
                  const char *start,
                  const char *end,
                  gboolean    known)
{
  PlStatement *statement = pl_segment_add_piece (seg, i, start, end, PL_STATEMENT_KIND_FRONT_MATTER,
                                                 PL_SPEAKER_SOURCE_NONE);

  statement->needs_review = !known && seg->current != NULL && !pl_segment_is_reporter_closing (start, end)
                            && !pl_segment_is_heading (start, end);
  pl_segment_learn_persons (seg, start, end);
}

static void
emit_piece (Segmenter  *seg,
            guint       i,
            const char *start,
            const char *end,
            Piece      *piece,
            gboolean    continues_quote)
{
  Reading *r = &piece->r;
  gboolean adjacent = seg->current != NULL
                      && g_ptr_array_index (seg->statements, seg->statements->len - 1) == seg->current;

  switch (r->kind)
    {
    case READ_SPEAKER:
      if (adjacent && pl_segment_same_speaker (seg, &r->cue))
        {
          pl_segment_extend_current (seg, i, end);
          if (seg->speaking == NULL && r->cue.person != NULL)
            seg->speaking = pl_segment_surname (r->cue.person);
          if (r->cue.person != NULL && r->cue.entry != NULL)
            pl_segment_remember_person (seg, r->cue.person, r->cue.title, r->cue.entry);
        }
      else
        pl_segment_add_from_cue (seg, i, start, end, &r->cue,
                                 r->by_name ? PL_SPEAKER_SOURCE_NAME : PL_SPEAKER_SOURCE_REPORTED);
      return;

    case READ_SAME:
      if (seg->current == NULL)
        add_unattributed (seg, i, start, end, FALSE);
      else if (adjacent)
        pl_segment_extend_current (seg, i, end);
      else if (r->pronoun && !r->plain)
        pl_segment_add_carried (seg, i, start, end, PL_SPEAKER_SOURCE_PRONOUN, TRUE);
      else
        pl_segment_add_carried (seg, i, start, end, PL_SPEAKER_SOURCE_CONTINUATION, seg->current->needs_review);
      return;

    case READ_JOINT:
      add_joint (seg, i, start, end, r);
      return;

    case READ_NONE:
    default:
      /* A quotation that goes on from the paragraph before. */
      if (continues_quote && adjacent)
        pl_segment_extend_current (seg, i, end);
      else
        add_unattributed (seg, i, start, end, FALSE);
      return;
    }
}

/* What a later sentence of the paragraph changes: a new speaker begins a new piece; a
 * late attribution names the speaker of words nobody was named for; the sole subject of
 * a sentence after a joint one is the speaker of both. */
static void
follow_sentence (Segmenter  *seg,
                 Piece      *pieces,
                 guint      *n,
                 const char *s,
                 Reading    *r)
{
  Piece *last = &pieces[*n - 1];
  const char *start = s;
  gboolean split = FALSE;

  switch (last->r.kind)
    {
    case READ_NONE:
      if (r->kind == READ_SPEAKER && r->late)
        {
          move_reading (&last->r, r);
          return;
        }
      split = r->kind == READ_SPEAKER || r->kind == READ_JOINT;
      break;

    case READ_JOINT:
      if (r->kind == READ_SPEAKER && r->cue.entry != NULL && is_member (&last->r, r->cue.entry))
        {
          move_reading (&last->r, r);
          return;
        }
      split = r->kind == READ_SPEAKER || r->kind == READ_JOINT;
      break;

    case READ_SPEAKER:
    case READ_SAME:
    default:
      /* In a statement introduced by an office ("The representative of Cuba said …"),
       * "The United States claimed …" is still what that speaker reports; in a summary
       * of names and verbs ("Costa Rica voiced … Ecuador praised …"), a new speaker. */
      if (r->kind == READ_SPEAKER)
        split = !same_as_piece (seg, last, r)
                && !(r->cue.bare && !r->late
                     && !(last->r.kind == READ_SPEAKER ? last->r.cue.bare : seg->speaking_bare));
      else if (r->kind == READ_JOINT)
        split = !(last->r.kind == READ_SPEAKER && last->r.cue.entry != NULL && is_member (r, last->r.cue.entry));
      break;
    }

  if (!split || *n >= MAX_PIECES)
    return;
  if (r->late && r->from != NULL && r->from > last->start && r->from < s)
    start = r->from;
  pieces[*n].start = start;
  memset (&pieces[*n].r, 0, sizeof pieces[*n].r);
  move_reading (&pieces[*n].r, r);
  (*n)++;
}

/* Where the clause at @s ends: at ", while" / ", whereas" (the next clause begins at
 * "while") or at "; ".  Sets @next to where the next clause begins and @words to where
 * its words begin after the conjunction; returns @end when the sentence has no more. */
static const char *
clause_end (const char  *s,
            const char  *end,
            const char **next,
            const char **words)
{
  for (const char *p = s; p < end; p++)
    {
      if (*p == ';' && p + 1 < end && p[1] == ' ')
        {
          *next = *words = skip_spaces (p + 1, end);
          return p + 1;
        }
      if (*p == ',' && (starts_with_ci (p + 1, end, " while ") || starts_with_ci (p + 1, end, " whereas ")))
        {
          *next = p + 2;
          *words = skip_spaces (word_end (*next, end), end);
          return p + 1;
        }
    }
  *next = *words = end;
  return end;
}

/* Does the paragraph open with the name of the speaker before ("Ireland's experience …")? */
static gboolean
opens_with_current (Segmenter  *seg,
                    const char *p,
                    const char *end)
{
  PlGazetteerMatch match;

  return seg->current != NULL && seg->current->entity != NULL && pl_segment_entity_at (seg, p, end, &match)
         && g_strcmp0 (match.entry->entity, seg->current->entity) == 0;
}

void
pl_segment_prose_paragraph (Segmenter *seg,
                            guint      i)
{
  const Para *para = para_at (seg, i);
  const char *p = seg->text + para_start (seg, para);
  const char *end = seg->text + para_end (seg, para);
  const char *body;
  Piece pieces[MAX_PIECES];
  QuoteState quotes = { 0 };
  gboolean opens_quote;
  guint n = 1;

  if (pl_segment_is_front_matter (p, end))
    {
      add_unattributed (seg, i, p, end, TRUE);
      return;
    }
  if (seg->current == NULL && pl_segment_is_title (p, end))
    {
      pl_segment_note_headline (seg, p, end);
      add_unattributed (seg, i, p, end, TRUE);
      return;
    }

  body = pl_segment_skip_dateline (p, end);
  opens_quote = pl_segment_is_opening_quote (char_at (body, end));
  memset (pieces, 0, sizeof pieces);
  pieces[0].start = p;

  /* Sentence by sentence, and clause by clause: "Chile voiced …, while Norway praised …". */
  for (const char *s = body; s < end;)
    {
      const char *s_end = pl_segment_sentence_end (s, end);

      for (const char *clause = s, *words = s; clause < s_end;)
        {
          const char *next, *next_words;
          const char *c_end = clause_end (words, s_end, &next, &next_words);
          Reading r = { 0 };

          if (pl_segment_read_sentence (seg, words, c_end, &quotes, &r) != READ_NONE)
            {
              if (clause == body)
                move_reading (&pieces[0].r, &r);
              else
                follow_sentence (seg, pieces, &n, clause, &r);
            }
          else if (clause == body && opens_with_current (seg, clause, c_end))
            {
              pieces[0].r.kind = READ_SAME;
              pieces[0].r.plain = TRUE;
            }
          pl_segment_reading_clear (&r);
          clause = next;
          words = next_words;
        }
      s = skip_spaces (s_end, end);
    }

  for (guint k = 0; k < n; k++)
    {
      const char *piece_end = k + 1 < n ? trim_back (pieces[k].start, pieces[k + 1].start) : end;

      if (piece_end > pieces[k].start)
        emit_piece (seg, i, pieces[k].start, piece_end, &pieces[k], k == 0 && opens_quote);
      pl_segment_reading_clear (&pieces[k].r);
    }
}
