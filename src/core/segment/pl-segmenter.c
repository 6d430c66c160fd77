/* pl-segmenter.c — splitting a document's text into statements
 *
 * The unit is the speaker's turn: one statement for each, made of whole paragraphs (a
 * block between blank lines or, in a text without blank lines, a line) or of the part of
 * a paragraph where a speaker begins.  A block is also cut before an inner line that
 * opens with a clear inline label (">>CHAIR:", "Mr. X (Brazil):", "JAPAN:").  Statements
 * never overlap, are trimmed, and come in text order.  Offsets are code points.  What
 * names no speaker is front matter (kind front_matter, no speaker), flagged for review
 * when it follows a statement it may belong to: a paragraph with no identifiable speaker
 * is never given one.
 *
 * Speakers are found by these rules, in this order.
 *
 * Speeches.  Before any statement, a heading "Statement by …", "Remarks by|at …",
 * "Intervention by …", "EU Statement – …" makes the rest of the text one statement
 * (source "heading"): by the state, group or organisation the heading names before its
 * meeting ("… of the Russian Federation Ms. X at the …", "… of the MFA of Ruritania, at
 * …"), else the person it names when the gazetteer knows them, else the letterhead above
 * ("Permanent Mission of X", "Delegation of X", "X Mission to", "U.S. Representative to
 * the United Nations"), else nobody, flagged; "Statement on behalf of the EU …" is the
 * European Union's, and a joint statement's heading names nobody alone.  Lines of title,
 * byline, place and date, "Check against delivery" stay front matter; the salutation
 * ("Mme. President,") opens the statement.  A text whose opening paragraph speaks in the first person for someone
 * ("Mr. Chair, I have the honour to speak on behalf of the European Union") is one such
 * statement too: by the European Union, or for a group, by an unnamed speaker for it.
 *
 * Transcripts and records.  A speaker label is the first line of a paragraph: inline
 * ("NAME: speech", ">>NAME: speech", "Mr. X (Country):", "Ms. X (Country) (spoke in
 * French):", "The Acting President:"), or on its own line with the speech on the next
 * line of the same paragraph or in the next paragraph (then the statement spans both,
 * label included, so coders see who speaks).  A label is strong when it names someone the
 * gazetteer knows ("Brazil", "CHAIR", "The President"), a person with a known
 * affiliation ("Mr. X (Brazil)", "UNIDIR Ayşe Karadağ", "Lee Tan (Chief Executive of the
 * Cyber Security Agency of Ruritania)", "Chair (Ambassador X)"), an organisation by a cue
 * word ("University of Cape Town": capitalised words only), a person with a title
 * ("Ambassador Halvorsen"), someone unnamed ("Speaker 4": unknown, flagged), or is marked
 * ">>".  A label alone on its line needs a spoken sentence after it ("United Nations"
 * over "General Assembly" is a letterhead) and a label followed by dot leaders is a roster
 * ("Chair: Mr. X ..... (Nigeria)").  A weak label (capitalised words only, or
 * capitals before a colon) counts only in a transcript: a document with two strong
 * labels, or with one and a line that calls it a transcript.  A person's label is the
 * Chair when the document names its Chair ("the Chair, Ambassador X", "chaired by X"),
 * when that person hands the floor to someone, or when the gazetteer knows them as a
 * Chair ("Ambassador Gafoor"); otherwise a person introduced earlier with an affiliation,
 * or one the gazetteer knows, keeps it; otherwise the speaker is unknown and flagged.  An
 * unlabelled paragraph continues the turn before it (the statement grows), unless the
 * Chair's turn before it handed the floor ("I give the floor to the distinguished
 * delegation of Kenya", "Estonia, you have the floor", "The next speaker is Mexico",
 * "China has asked for the floor", "Singapore, please.", a sentence that is only a name):
 * then it is that speaker's turn, source "handover", flagged for review.  An unlabelled
 * paragraph that opens by thanking the Chair ("Thank you, Chair", "We thank the Chair")
 * with no hand-over before it is a new speaker nobody named: unknown, flagged.  The
 * record's notes ("The meeting was called to order at …", "The meeting rose at …",
 * "Agenda item 98") are front matter.
 *
 * Prose: reports, press releases, machine-written summaries, news.  Each paragraph is read
 * sentence by sentence, and clause by clause after ", while", ", whereas" and "; ".  A
 * sentence names its speaker:
 *   - by its subject, at its start or after an opening phrase without a verb of its own
 *     ("Introducing the draft, …", "In a similar vein, …"; not after "While …", "As …"):
 *     "The representative / delegate / observer … of|for|from X" (also "The Minister of
 *     Foreign Affairs of X"; "the head of the United Nations" is its Secretary-General),
 *     "X's representative" (with "X's envoy NAME" or ", NAME,"), "X's statement",
 *     "The <adjective> delegation", "X <verb>" with X in the gazetteer and a reporting verb
 *     after adverbs or an apposition ("Ecuador, on the other hand, praised"), "X NAME
 *     <verb>" ("UN Secretary-General António Guterres highlighted", "Chair Gafoor
 *     opened"), "<Adjective> <office> NAME" ("Estonian Ambassador Karl Tamm"), a person
 *     with an office or honorific, or a name of two words or one the document knows,
 *     followed by a reporting verb and possibly an apposition saying whom they speak for
 *     ("Tomasz Lind, Sweden's representative,", "Marta Kovacs, U.S. lead,", "Hana
 *     Petrova, Director of the Digital Resilience Foundation,", "X, who heads the Y
 *     delegation,"); "Speaking for / On behalf of Y, …" sets on behalf of Y, or for a
 *     person alone, Y as the speaker; "According to NAME, …"; "Next to brief the Council
 *     was NAME, …";
 *   - by an attribution after the words: after a quotation or a comma, "said Australia's
 *     representative", "observed UN Secretary-General NAME", "Indonesia cautioned",
 *     "Foreign Minister NAME said", "with the Russian Federation delivering a statement";
 *   - as the speaker before: a pronoun ("He stressed", "…, she said" after a quotation or
 *     an opening phrase), the office alone ("The delegate", "the envoy", "The Foreign
 *     Minister" when it is the office of the person speaking, else the person the document
 *     introduced with that office), the last word of the speaker's name ("The Group"
 *     after the African Group), the speaker's name or surname again;
 *   - as several speakers at once: "Canada and Chile proposed", "Representatives of A, B
 *     and C …": a statement with the subject as written and no entity, flagged; when the
 *     next sentence has one of them alone as its subject ("Brazil and the ICRC suggested …
 *     The ICRC suggested …"), the statement is theirs.
 *   A paragraph's first sentence that names a speaker makes the paragraph theirs; later,
 *   a sentence that names another speaker begins a new statement there (an attribution
 *   after a quotation begins it at the quotation; in a statement introduced by an office
 *   or a person, a later bare "X <verb>" is what that speaker reports and begins
 *   nothing), a sentence that ends "…, he said" stays with the speaker before, and one
 *   that names the speaker of
 *   words nobody was named for yet takes them all ("… a priority of Estonia. “…,” Foreign
 *   Minister NAME said.").  A person's entity is, in this order: what the text says with
 *   the name; the Chair for a person the document or the gazetteer names as Chair; what
 *   the document said of them before ("Tomasz Lind, Sweden's representative" makes "Lind
 *   said" Sweden, learned also from front matter); the gazetteer's persons (public office
 *   holders: "Izumi Nakamitsu" is UNODA); for a national office named without its state
 *   ("Foreign Minister NAME") in a text whose headlines begin with one state, that state,
 *   flagged; else unknown, flagged.
 * A statement continues over the paragraphs that follow it while they name the same
 * speaker (same entity, not two persons of different names) or go on with it (a pronoun,
 * the office, the name, a quotation that goes on from the paragraph before): one statement
 * per turn.  Away from its statement (front matter between), such a paragraph is its own
 * statement with the same speaker, source "continuation", or "pronoun" and flagged when
 * only a pronoun carries it.
 *
 * Front matter wherever it stands: agenda headings ("Agenda item 5: …"), date lines,
 * "Event report", "This is an unofficial transcript", bylines ("Editor: …"), lists of
 * speakers ("Also speaking were …"), closing background ("The Working Group … will
 * continue", "The First Committee will reconvene …"), headings (a short line without a
 * final full stop) and, before the first statement, titles and headlines (lines that do
 * not end a sentence, even "Ghana calls for …").  A dateline ("NEW YORK, 9 July — ",
 * "MOSCOW, 16 December /AGENCY/. ") is read past: the paragraph after it is front matter
 * unless it names a speaker.
 *
 * A document in which nobody speaks (no statement at all: notes, a journalist's article)
 * keeps the plain reading: each paragraph is a statement without a speaker, unflagged.
 *
 * On behalf of.  "spoke on behalf of Y", "speaking for Y", "I speak on behalf of (the
 * members of) Y" in the first sentences of a statement, "on Y's behalf" for a person, and
 * the Chair's "I give the floor to X, speaking on behalf of Y", set on_behalf_of to Y's
 * canonical name; a list of states ("speaking for Australia and New Zealand") names no
 * one.  A sentence that aligns or associates with a statement ("aligned its statement with
 * the statement of the European Union") is not speaking on behalf of anyone.  The European
 * Union speaking "on behalf of the European Union and its member States", or in the first
 * person, speaks for the EU member states.
 *
 * Speaker as written: the label (without ">>", ":" and a language note), the person's name
 * when the text gives one, else the words that name the entity ("Republic of Korea", "Holy
 * See"); a joint statement's subject as written.  Carried statements copy the speaker.
 *
 * Cost: one pass over the text for lines, then for each sentence a bounded number of
 * gazetteer look-ups in windows of a few hundred bytes at its start and after its commas
 * (a first word that begins no name is refused without tokenizing), and for the Chair's
 * turns a window at their end: linear in the text.
 *
 * Where the rules live: pl-segment-labels.c (transcripts: labels, hand-overs, the Chair,
 * on behalf of), pl-segment-cues.c (who a sentence names: subjects, attributions, joint
 * subjects), pl-segment-persons.c (persons: names, offices, affiliations, whom the
 * document introduced, the headlines' state), pl-segment-prose.c (paragraphs read sentence
 * by sentence, cut and joined), pl-segment-frontmatter.c (front matter, headings of
 * speeches) and pl-segment-text.c (sentences, words, names, the gazetteer); this file cuts
 * the text into paragraphs, makes the statements and reads transcripts and speeches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segment-private.h"

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

      /* ASCII words and the spaces between them, most of a text: a run at once, which
       * ends the line's visible part at its last visible character. */
      if (is_visible_ascii (*p))
        {
          const char *run = p;
          const char *last;

          if (!splitter.in_line)
            {
              splitter.line.start = offset;
              splitter.in_line = TRUE;
            }
          do
            p++;
          while (is_printable_ascii (*p));
          for (last = p; last[-1] == ' '; last--)
            ;
          offset += p - run;
          splitter.line.end = offset - (p - last);
          continue;
        }

      if ((guchar) *p < 0x80)
        c = *p++;
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }

      if (c == '\n')
        splitter_end_line (&splitter);
      else if (!is_space (c))
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
    case PL_SPEAKER_SOURCE_HEADING:
      return "heading";
    case PL_SPEAKER_SOURCE_NONE:
    default:
      return NULL;
    }
}

/* Text, lines and paragraphs */

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

      /* ASCII words and the spaces between them, most of a text: a run at once, which
       * ends the line's visible part at its last visible character. */
      if (is_visible_ascii (*p))
        {
          const char *last;

          if (!in_line)
            {
              line.start = here - text;
              line.cstart = offset;
              in_line = TRUE;
            }
          do
            p++;
          while (is_printable_ascii (*p));
          for (last = p; last[-1] == ' '; last--)
            ;
          offset += p - here;
          line.end = last - text;
          line.cend = offset - (p - last);
          continue;
        }

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

/* Statements */

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

/* Sets whom @statement speaks for: @known, else what the opening [p, end) of @speaker's
 * statement says ("I speak on behalf of the African Group"). */
static void
statement_set_behalf (Segmenter              *seg,
                      PlStatement            *statement,
                      const PlGazetteerEntry *known,
                      const PlGazetteerEntry *speaker,
                      const char             *p,
                      const char             *end)
{
  const PlGazetteerEntry *behalf = known;

  if (behalf == NULL)
    behalf = pl_segment_find_on_behalf (seg, p, end, speaker);
  if (behalf != NULL)
    statement->on_behalf_of = g_strdup (behalf->entity);
}

/* The code point at byte @at of paragraph @i (or at its end). */
static guint
code_point_at (Segmenter  *seg,
               guint       i,
               const char *at)
{
  const Para *para = para_at (seg, i);
  gsize byte = at - seg->text;

  for (guint l = para->first; l <= para->last; l++)
    {
      const Line *line = line_at (seg, l);

      if (byte <= line->start)
        return line->cstart;
      if (byte == line->end)
        return line->cend;
      if (byte < line->end)
        return line->cstart + g_utf8_strlen (seg->text + line->start, byte - line->start);
    }
  return line_at (seg, para->last)->cend;
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

/* A statement over [start, end) of paragraph @i, trimmed by the caller. */
PlStatement *
pl_segment_add_piece (Segmenter       *seg,
                      guint            i,
                      const char      *start,
                      const char      *end,
                      PlStatementKind  kind,
                      PlSpeakerSource  source)
{
  PlStatement *statement = add_statement (seg, i, i, kind, source);

  statement->start = code_point_at (seg, i, start);
  statement->end = code_point_at (seg, i, end);
  return statement;
}

/* The statement before goes on to @end of paragraph @i. */
void
pl_segment_extend_current (Segmenter  *seg,
                           guint       i,
                           const char *end)
{
  seg->current->end = code_point_at (seg, i, end);
}

void
pl_segment_set_current (Segmenter   *seg,
                        PlStatement *statement,
                        const char  *person,
                        const char  *title)
{
  seg->current = statement;
  seg->speaking_bare = FALSE;
  g_free (seg->speaking);
  seg->speaking = person != NULL ? pl_segment_surname (person) : NULL;
  g_free (seg->speaking_title);
  seg->speaking_title = g_strdup (title);
}

PlStatement *
pl_segment_add_carried (Segmenter       *seg,
                        guint            i,
                        const char      *start,
                        const char      *end,
                        PlSpeakerSource  source,
                        gboolean         unsure)
{
  PlStatement *statement = pl_segment_add_piece (seg, i, start, end, PL_STATEMENT_KIND_STATEMENT, source);

  statement_copy_speaker (statement, seg->current);
  statement->needs_review = unsure;
  return statement;
}

PlStatement *
pl_segment_add_from_cue (Segmenter       *seg,
                         guint            i,
                         const char      *start,
                         const char      *end,
                         Cue             *cue,
                         PlSpeakerSource  source)
{
  PlStatement *statement = pl_segment_add_piece (seg, i, start, end, PL_STATEMENT_KIND_STATEMENT, source);

  statement->speaker = g_strdup (cue->person != NULL ? cue->person : cue->speaker);
  statement_set_entry (statement, cue->entry);
  if (cue->entry == NULL && cue->guessed != PL_ENTITY_TYPE_UNKNOWN)
    {
      g_free (statement->entity_type);
      statement->entity_type = g_strdup (pl_entity_type_to_string (cue->guessed));
      statement->entity = g_strdup (cue->speaker);
    }
  statement->needs_review = cue->entry == NULL || cue->unsure;

  statement_set_behalf (seg, statement, cue->behalf, cue->entry, start, end);

  if (cue->person != NULL)
    {
      pl_segment_remember_person (seg, cue->person, cue->title, cue->entry);
      if (cue->entry != NULL && cue->entry->type == PL_ENTITY_TYPE_CHAIR)
        pl_segment_add_chair_name (seg, cue->person, cue->person + strlen (cue->person));
    }
  pl_segment_set_current (seg, statement, cue->person, cue->title);
  seg->speaking_bare = cue->bare;
  return statement;
}

/* "Ms. X (Alliance)" names the entity inside the brackets, "Alliance" the
 * whole label.  A label cut short ("Alliance (", "Alliance (CA") leaves
 * nothing, or no closing bracket, after the opening one; then what stands
 * before it is the name. */
static char *
guessed_entity (const char *speaker)
{
  const char *paren = strchr (speaker, '(');
  const char *close;
  char *entity;

  if (paren == NULL)
    return g_strdup (speaker);
  close = strchr (paren + 1, ')');
  entity = g_strstrip (g_strndup (paren + 1, close != NULL ? (gsize) (close - paren - 1) : strlen (paren + 1)));
  if (*entity != '\0')
    return entity;
  g_free (entity);
  return g_strstrip (g_strndup (speaker, paren - speaker));
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
  g_autofree char *written = NULL;

  if (label->speech_start >= para_end (seg, para) && i + 1 < seg->paras->len
      && seg->labels[i + 1].strength == LABEL_NONE)
    last = i + 1;

  speech = seg->text + MIN (label->speech_start, para_end (seg, para_at (seg, last)));
  if (last > i)
    speech = seg->text + para_start (seg, para_at (seg, last));
  end = seg->text + para_end (seg, para_at (seg, last));

  statement = add_statement (seg, i, last, PL_STATEMENT_KIND_STATEMENT, PL_SPEAKER_SOURCE_LABEL);
  written = g_strndup (seg->text + label->name_start, label->name_end - label->name_start);
  statement->speaker = g_strdup (written);

  if (entry == NULL && label->person != NULL)
    {
      gboolean honorific;
      const char *name = pl_segment_skip_honorifics (written, written + strlen (written), &honorific);

      entry = pl_segment_person_entry (seg, name);
    }

  statement_set_entry (statement, entry);
  if (entry == NULL)
    {
      unsure = TRUE;
      if (label->guessed != PL_ENTITY_TYPE_UNKNOWN)
        {
          g_free (statement->entity_type);
          statement->entity_type = g_strdup (pl_entity_type_to_string (label->guessed));
          statement->entity = guessed_entity (statement->speaker);
        }
    }
  else if (label->person != NULL && label->entry != NULL)
    pl_segment_remember_person (seg, written, NULL, label->entry);
  statement->needs_review = unsure;

  behalf = pl_segment_find_on_behalf (seg, speech, end, entry);
  if (behalf == NULL && seg->handover_behalf != NULL && seg->handover == entry && entry != NULL)
    behalf = seg->handover_behalf;
  if (behalf != NULL)
    statement->on_behalf_of = g_strdup (behalf->entity);

  seg->handover = NULL;
  seg->handover_behalf = NULL;
  if (entry != NULL && entry->type == PL_ENTITY_TYPE_CHAIR)
    pl_segment_find_handover (seg, speech, end);

  pl_segment_set_current (seg, statement, label->person, NULL);
  seg->seen_label = TRUE;
  return last;
}

/* An unlabelled turn that thanks the Chair opens a new speaker's turn. */
static gboolean
opens_new_turn (const char *p,
                const char *end)
{
  static const char * const openings[] = { "thank you", "we thank", "i thank", "thanks, ", NULL };
  const char *limit = p + MIN ((gsize)(end - p), (gsize)40);

  for (guint i = 0; openings[i] != NULL; i++)
    if (starts_with_ci (p, end, openings[i]))
      return find_ci (p, limit, "chair") != NULL || find_ci (p, limit, "president") != NULL
             || find_ci (p, limit, "ambassador") != NULL;
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
      statement_set_behalf (seg, statement, seg->handover_behalf, seg->handover, p, end);
      statement->needs_review = TRUE;
      seg->handover = NULL;
      seg->handover_behalf = NULL;
      pl_segment_set_current (seg, statement, NULL, NULL);
      return;
    }

  if (opens_new_turn (p, end))
    {
      statement = add_statement (seg, i, i, PL_STATEMENT_KIND_STATEMENT, PL_SPEAKER_SOURCE_NONE);
      statement_set_entry (statement, NULL);
      statement->needs_review = TRUE;
      pl_segment_set_current (seg, statement, NULL, NULL);
      return;
    }

  if (pl_segment_is_front_matter (p, end) || pl_segment_skip_dateline (p, end) != p)
    {
      add_statement (seg, i, i, PL_STATEMENT_KIND_FRONT_MATTER, PL_SPEAKER_SOURCE_NONE);
      return;
    }

  /* The turn goes on. */
  if (g_ptr_array_index (seg->statements, seg->statements->len - 1) == seg->current)
    pl_segment_extend_current (seg, i, end);
  else
    pl_segment_add_carried (seg, i, p, end, PL_SPEAKER_SOURCE_CONTINUATION, seg->current->needs_review);
  if (seg->current->entity_type != NULL && g_str_equal (seg->current->entity_type, "chair"))
    pl_segment_find_handover (seg, p, end);
}

/* Speeches: one statement under a heading */

static void
start_speech (Segmenter *seg,
              guint      first,
              guint      i)
{
  const Para *para = para_at (seg, i);
  const char *p = seg->text + para_start (seg, para);
  const char *end = seg->text + para_end (seg, para);
  Cue *cue = seg->speech;
  PlStatement *statement = add_statement (seg, first, i, PL_STATEMENT_KIND_STATEMENT, PL_SPEAKER_SOURCE_HEADING);

  /* "Remarks at …" above "U.S. Representative to the United Nations" */
  if (cue->entry == NULL && cue->behalf == NULL && (cue->entry = pl_segment_letterhead (seg, first)) != NULL)
    {
      cue->unsure = FALSE;
      if (cue->speaker == NULL)
        cue->speaker = g_strdup (cue->entry->entity);
    }
  statement->speaker = g_strdup (cue->person != NULL ? cue->person : cue->speaker);
  statement_set_entry (statement, cue->entry);
  statement->needs_review = cue->entry == NULL || cue->unsure;
  statement_set_behalf (seg, statement, cue->behalf, cue->entry, p, end);
  pl_segment_set_current (seg, statement, cue->person, cue->title);
  seg->speech_started = TRUE;
}

static void
segment_speech_paragraph (Segmenter *seg,
                          guint      i)
{
  const Para *para = para_at (seg, i);
  const char *p = seg->text + para_start (seg, para);
  const char *end = seg->text + para_end (seg, para);
  Cue heading = { 0 };

  if (pl_segment_statement_heading (seg, i, &heading))
    {
      pl_segment_cue_clear (seg->speech);
      *seg->speech = heading;
      seg->speech_started = FALSE;
      add_statement (seg, i, i, PL_STATEMENT_KIND_FRONT_MATTER, PL_SPEAKER_SOURCE_NONE);
      return;
    }
  pl_segment_cue_clear (&heading);

  if (!seg->speech_started)
    {
      /* The speaker's name and office, a place and a date; "Mr. President," opens it. */
      if (pl_segment_is_front_matter (p, end)
          || (pl_segment_is_title (p, end) && !pl_segment_is_salutation (p, end)))
        add_statement (seg, i, i, PL_STATEMENT_KIND_FRONT_MATTER, PL_SPEAKER_SOURCE_NONE);
      else
        start_speech (seg, i, i);
      return;
    }

  pl_segment_extend_current (seg, i, end);
  /* "Mr. Chair," first, "I speak on behalf of …" after it. */
  if (seg->current->on_behalf_of == NULL && seg->current->end - seg->current->start < 2000)
    statement_set_behalf (seg, seg->current, NULL, seg->speech->entry, p, end);
}

/* Before any statement: a heading ("Statement by …") or a speech that opens in the first
 * person ("I have the honour to speak on behalf of the European Union") makes the rest
 * of the text one statement.  Returns TRUE when paragraph @i was read so. */
static gboolean
begins_speech (Segmenter *seg,
               guint      i)
{
  const Para *para = para_at (seg, i);
  const char *p = seg->text + para_start (seg, para);
  const char *end = seg->text + para_end (seg, para);
  const PlGazetteerEntry *behalf;
  guint first = i;

  if (seg->current != NULL)
    return FALSE;

  if (pl_segment_statement_heading (seg, i, seg->speech))
    {
      seg->in_speech = TRUE;
      add_statement (seg, i, i, PL_STATEMENT_KIND_FRONT_MATTER, PL_SPEAKER_SOURCE_NONE);
      return TRUE;
    }
  pl_segment_cue_clear (seg->speech);

  behalf = pl_segment_first_person_behalf (seg, p, end);
  if (behalf == NULL)
    return FALSE;

  /* The European Union speaks for itself; a group's speaker is not named. */
  if (behalf->type == PL_ENTITY_TYPE_GROUP_OF_STATES)
    {
      seg->speech->behalf = behalf;
      seg->speech->unsure = TRUE;
    }
  else
    {
      seg->speech->entry = behalf;
      seg->speech->speaker = g_strdup (behalf->entity);
    }

  /* "Mr. Chair," on its own before it belongs to the speech. */
  if (i > 0 && seg->statements->len > 0)
    {
      const Para *before = para_at (seg, i - 1);

      if (pl_segment_is_salutation (seg->text + para_start (seg, before), seg->text + para_end (seg, before)))
        {
          g_ptr_array_remove_index (seg->statements, seg->statements->len - 1);
          g_array_remove_index (seg->sources, seg->sources->len - 1);
          first = i - 1;
        }
    }
  seg->in_speech = TRUE;
  start_speech (seg, first, i);
  return TRUE;
}

static gboolean
has_statement (Segmenter *seg)
{
  for (guint i = 0; i < seg->statements->len; i++)
    if (((PlStatement *)g_ptr_array_index (seg->statements, i))->kind == PL_STATEMENT_KIND_STATEMENT)
      return TRUE;
  return FALSE;
}

static void
person_free (Person *person)
{
  g_free (person->name);
  g_free (person->title);
  g_free (person);
}

/* A transcript: two strong labels, or one in a text that says it is a transcript. */
static gboolean
is_transcript (Segmenter *seg)
{
  guint first = 0;

  if (seg->n_strong >= 2)
    return TRUE;
  if (seg->n_strong == 0)
    return FALSE;
  while (first < seg->paras->len && seg->labels[first].strength != LABEL_STRONG)
    first++;
  for (guint i = 0; i < first; i++)
    {
      const Para *para = para_at (seg, i);

      if (find_ci (seg->text + para_start (seg, para), seg->text + para_end (seg, para), "transcript") != NULL)
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
pl_segmenter_segment_full (const char   *text,
                           PlGazetteer  *gazetteer,
                           GArray      **speaker_sources)
{
  Segmenter seg = { 0 };
  Cue speech = { 0 };

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (gazetteer == NULL || PL_IS_GAZETTEER (gazetteer), NULL);

  seg.text = text;
  seg.gazetteer = gazetteer != NULL ? gazetteer : pl_gazetteer_get_default ();
  seg.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  seg.paras = g_array_new (FALSE, FALSE, sizeof (Para));
  seg.chair_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seg.people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)person_free);
  seg.label_entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seg.statements = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_statement_unref);
  seg.sources = g_array_new (FALSE, FALSE, sizeof (PlSpeakerSource));
  seg.speech = &speech;

  build_lines (&seg);
  pl_segment_split_at_inline_labels (&seg);

  seg.labels = g_new0 (Label, seg.paras->len);
  for (guint i = 0; i < seg.paras->len; i++)
    {
      const Para *para = para_at (&seg, i);

      pl_segment_parse_label (&seg, para->first, para_end (&seg, para), &seg.labels[i]);
      if (seg.labels[i].strength == LABEL_STRONG)
        seg.n_strong++;
    }

  seg.transcript = is_transcript (&seg);
  for (guint i = 0; i < seg.paras->len; i++)
    {
      Label *label = &seg.labels[i];
      gboolean has_speech = label->speech_start < para_end (&seg, para_at (&seg, i));

      /* Weak labels count only in transcripts; a lone label needs a speech after it. */
      if ((label->strength == LABEL_WEAK && !seg.transcript)
          || (label->strength != LABEL_NONE && !has_speech && !label->inline_form
              && (i + 1 == seg.paras->len || seg.labels[i + 1].strength != LABEL_NONE)))
        pl_segment_label_clear (label);
    }

  /* The Chair's name: from the text, and from persons who hand the floor. */
  pl_segment_find_chair_names (&seg);
  for (guint i = 0; i < seg.paras->len; i++)
    {
      Label *label = &seg.labels[i];
      const Para *para = para_at (&seg, i);
      gsize end = para_end (&seg, para);

      if (label->strength == LABEL_NONE || label->entry != NULL || label->person == NULL)
        continue;
      if (label->speech_start >= end && i + 1 < seg.paras->len)
        end = para_end (&seg, para_at (&seg, i + 1));
      if (label->speech_start < end
          && pl_segment_find_handover (&seg, seg.text + label->speech_start, seg.text + end))
        g_hash_table_add (seg.chair_names, g_strdup (label->person));
    }
  seg.handover = NULL;
  seg.handover_behalf = NULL;

  for (guint i = 0; i < seg.paras->len; i++)
    {
      if (seg.in_speech)
        segment_speech_paragraph (&seg, i);
      else if (seg.labels[i].strength != LABEL_NONE)
        i = add_turn (&seg, i);
      else if (seg.transcript && seg.seen_label)
        segment_transcript_paragraph (&seg, i);
      else if (!seg.transcript && begins_speech (&seg, i))
        continue;
      else
        pl_segment_prose_paragraph (&seg, i);
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
    pl_segment_label_clear (&seg.labels[i]);
  g_free (seg.labels);
  g_free (seg.handover_written);
  g_free (seg.speaking);
  g_free (seg.speaking_title);
  pl_segment_cue_clear (&speech);
  g_array_unref (seg.lines);
  g_array_unref (seg.paras);
  g_hash_table_unref (seg.chair_names);
  g_hash_table_unref (seg.people);
  g_hash_table_unref (seg.label_entries);

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
