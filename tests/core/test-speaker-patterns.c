/* test-speaker-patterns.c — the shapes real UN material takes, in fixtures of our own
 * words: two speakers in a paragraph, attributions after the words, continuations,
 * machine-written summaries, persons, the Chair by name, speeches under a heading, joint
 * statements, what is nobody's statement, verbatim records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pl-segmenter.h"
#include "pl-text.h"

/* What one item must be, in brief: 'S' statement or 'F' front matter, how its text begins,
 * its entity (NULL for none) and whom it speaks for. */
typedef struct
{
  char        kind;
  const char *starts;
  const char *entity;
  const char *behalf;
} Brief;

/* Segments @text and checks each item against @expected: in order, without overlap,
 * trimmed, and as briefly described. */
static GPtrArray *
segment_briefly (const char  *text,
                 const Brief *expected,
                 guint        n_expected)
{
  GPtrArray *statements = pl_segmenter_segment (text, NULL);
  guint previous_end = 0;

  for (guint i = 0; i < MIN (statements->len, n_expected); i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);
      g_autofree char *slice = pl_text_slice (text, statement->start, statement->end);

      g_assert_cmpuint (statement->index, ==, i + 1);
      g_assert_cmpuint (statement->start, >=, previous_end);
      g_assert_cmpuint (statement->start, <, statement->end);
      g_assert_false (g_unichar_isspace (g_utf8_get_char (slice)));
      g_assert_false (g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (slice + strlen (slice)))));
      previous_end = statement->end;

      g_test_message ("statement %u (%s): %s", i + 1, statement->entity, slice);
      g_assert_true (g_str_has_prefix (slice, expected[i].starts));
      g_assert_cmpint (statement->kind, ==,
                       expected[i].kind == 'F' ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT);
      g_assert_cmpstr (statement->entity, ==, expected[i].entity);
      g_assert_cmpstr (statement->on_behalf_of, ==, expected[i].behalf);
    }
  g_assert_cmpuint (statements->len, ==, n_expected);
  return statements;
}

static PlStatement *
nth (GPtrArray *statements,
     guint      i)
{
  return g_ptr_array_index (statements, i);
}

/* A paragraph that names two speakers is two statements, cut where the second begins:
 * at its sentence, after ", while" or after "; "; but in a statement introduced by an
 * office, a name and a verb are what that speaker reports. */
static void
test_two_speakers_in_one_paragraph (void)
{
  const char *text =
    "Working Group hears views on training\n\n"
    "The representative of Ghana described a new national response team. Argentina’s representative "
    "welcomed the progress and urged more training. She also asked for predictable funding.\n\n"
    "Chile voiced support for the draft, while Norway praised its clarity. Brazil expressed doubts; "
    "Peru, for its part, welcomed the text.\n\n"
    "The representative of Cuba rejected the accusations. The United States claimed otherwise, he "
    "recalled, but offered no proof. Canada denied it too.\n";
  const Brief expected[] = {
    { 'F', "Working Group hears" },
    { 'S', "The representative of Ghana described", "Ghana" },
    { 'S', "Argentina’s representative welcomed the progress and urged more training. She also", "Argentina" },
    { 'S', "Chile voiced support for the draft,", "Chile" },
    { 'S', "while Norway praised", "Norway" },
    { 'S', "Brazil expressed doubts;", "Brazil" },
    { 'S', "Peru, for its part,", "Peru" },
    /* What the representative of Cuba reports others said stays Cuba's. */
    { 'S', "The representative of Cuba rejected the accusations. The United States claimed otherwise, he "
      "recalled, but offered no proof. Canada denied", "Cuba" },
  };
  g_autoptr(GPtrArray) statements = segment_briefly (text, expected, G_N_ELEMENTS (expected));

  /* Chile's statement ends at its comma; "while" begins Norway's. */
  {
    g_autofree char *chile = pl_text_slice (text, nth (statements, 3)->start, nth (statements, 3)->end);

    g_assert_cmpstr (chile, ==, "Chile voiced support for the draft,");
  }
}

/* The speaker named after the words: after a quotation, late in the sentence, or as the
 * one who came next to brief. */
static void
test_late_attribution (void)
{
  const char *text =
    "Delegates weigh the protection of ports\n\n"
    "“Our networks are only as strong as the weakest link,” said Australia’s representative, urging "
    "closer cooperation among port authorities.\n\n"
    "The digital divide is widening faster than it is closing, observed UN Secretary-General António "
    "Guterres.\n\n"
    "Attacks on water utilities must never become routine, Indonesia cautioned.\n\n"
    "Next to brief the Council was Hana Petrova, Director of the Digital Resilience Foundation, who "
    "described attacks on small utilities.\n\n"
    "“We lost four days,” she said. “Nobody was ready.”\n";
  const Brief expected[] = {
    { 'F', "Delegates weigh" },
    { 'S', "“Our networks", "Australia" },
    { 'S', "The digital divide", "UN Secretary-General" },
    { 'S', "Attacks on water", "Indonesia" },
    { 'S', "Next to brief the Council was Hana Petrova, Director of the Digital Resilience Foundation, "
      "who described attacks on small utilities.\n\n“We lost", "Digital Resilience Foundation" },
  };
  g_autoptr(GPtrArray) statements = segment_briefly (text, expected, G_N_ELEMENTS (expected));

  g_assert_cmpstr (nth (statements, 2)->speaker, ==, "António Guterres");
  g_assert_cmpstr (nth (statements, 4)->speaker, ==, "Hana Petrova");
  g_assert_cmpstr (nth (statements, 4)->entity_type, ==, "ngo");
  g_assert_true (nth (statements, 4)->needs_review);
}

/* A paragraph that goes on with the speaker before joins their statement: a pronoun after
 * an opening clause, the surname, the office ("The Foreign Minister"), a quotation that
 * continues.  Away from the statement (a heading between), it is its own, flagged when only
 * a pronoun says who speaks. */
static void
test_continuations (void)
{
  const char *text =
    "First Committee continues its debate\n\n"
    "Introducing a draft decision, Mexico’s representative said that the text built on earlier consensus.\n\n"
    "Asking delegates to back the text, he said it would give small delegations a clearer role.\n\n"
    "Senegal’s Foreign Minister, Amara Diallo, said that the region needed reliable partners.\n\n"
    "The Foreign Minister also called for a regional training centre.\n\n"
    "Diallo added that the centre would open next year.\n\n"
    "“Training is the best investment we can make. It pays for itself within a few years.\n\n"
    "“And it keeps our engineers at home,” she said.\n\n"
    "Agenda item 99\n\n"
    "She stressed that the centre would be open to all.\n";
  const Brief expected[] = {
    { 'F', "First Committee continues" },
    { 'S', "Introducing a draft decision, Mexico’s representative said that the text built on earlier "
      "consensus.\n\nAsking delegates", "Mexico" },
    { 'S', "Senegal’s Foreign Minister, Amara Diallo, said that the region needed reliable partners.\n\n"
      "The Foreign Minister also called for a regional training centre.\n\nDiallo added that the centre "
      "would open next year.\n\n“Training is the best investment we can make. It pays for itself within a "
      "few years.\n\n“And it keeps", "Senegal" },
    { 'F', "Agenda item 99" },
    { 'S', "She stressed", "Senegal" },
  };
  g_autoptr(GArray) sources = NULL;
  g_autoptr(GPtrArray) statements = segment_briefly (text, expected, G_N_ELEMENTS (expected));
  g_autoptr(GPtrArray) again = pl_segmenter_segment_full (text, NULL, &sources);

  g_assert_cmpstr (nth (statements, 2)->speaker, ==, "Amara Diallo");
  g_assert_false (nth (statements, 2)->needs_review);
  g_assert_cmpint (g_array_index (sources, PlSpeakerSource, 4), ==, PL_SPEAKER_SOURCE_PRONOUN);
  g_assert_true (nth (statements, 4)->needs_review);
}

/* Machine-written summaries: "X's statement acknowledged", "with X delivering a statement". */
static void
test_machine_summary (void)
{
  const char *text =
    "Session at a glance\n\n"
    "Several delegations took the floor to thank the Chair. Kenya’s statement welcomed the compromise "
    "text and its safeguards. This view was shared by other states, including Ghana and Peru.\n\n"
    "The meeting then turned to the vote, with the Russian Federation delivering a statement that "
    "regretted the absence of consensus. They listed the articles they could not accept.\n\n"
    "The Chair was widely thanked for her patience.\n";
  const Brief expected[] = {
    { 'F', "Session at a glance" },
    { 'F', "Several delegations took the floor to thank the Chair." },
    { 'S', "Kenya’s statement welcomed", "Kenya" },
    { 'S', "The meeting then turned to the vote", "Russian Federation" },
    { 'F', "The Chair was widely thanked" },
  };
  g_autoptr(GPtrArray) statements = segment_briefly (text, expected, G_N_ELEMENTS (expected));

  g_assert_true (nth (statements, 4)->needs_review);
}

/* Persons with an office or an affiliation, learned in the document and found again by
 * surname; public office holders the gazetteer knows. */
static void
test_persons (void)
{
  const char *text =
    "Cyber norms debate continues\n\n"
    "The meeting was opened by Rafael Nunes, Brazil’s Ambassador for Cyber Affairs, and by the Chair.\n\n"
    "The rules already apply to everyone, said Tomasz Lind, Sweden’s representative.\n\n"
    "Marta Kovacs, U.S. lead, said her delegation would table a paper.\n\n"
    "“We are not starting from zero,” Ingrid Saar, Estonia’s Ambassador at Large for Cyber Affairs, said.\n\n"
    "Lind said later that his country would host a workshop.\n\n"
    "Nunes welcomed the offer.\n\n"
    "High Representative for Disarmament Affairs Izumi Nakamitsu said that trust was eroding.\n\n"
    "Estonian Ambassador Karl Tamm underlined the role of regional organisations.\n\n"
    "Nowy, Poland’s Vice-Minister of Digital Affairs, said the same.\n\n"
    "“We are ready,” said Ilse Varn, Latvia’s Ambassador-at-Large for Cyber Diplomacy.\n";
  const Brief expected[] = {
    { 'F', "Cyber norms debate" },
    { 'F', "The meeting was opened by" },
    { 'S', "The rules already apply", "Sweden" },
    { 'S', "Marta Kovacs", "United States of America" },
    { 'S', "“We are not starting", "Estonia" },
    { 'S', "Lind said later", "Sweden" },
    { 'S', "Nunes welcomed", "Brazil" },
    { 'S', "High Representative for Disarmament Affairs", "UNODA" },
    { 'S', "Estonian Ambassador Karl Tamm", "Estonia" },
    { 'S', "Nowy, Poland’s", "Poland" },
    { 'S', "“We are ready,”", "Latvia" },
  };
  g_autoptr(GPtrArray) statements = segment_briefly (text, expected, G_N_ELEMENTS (expected));

  g_assert_cmpstr (nth (statements, 2)->speaker, ==, "Tomasz Lind");
  g_assert_cmpstr (nth (statements, 8)->speaker, ==, "Karl Tamm");
}

/* A project's own persons (the speaker picker's remembered names) reach the segmenter
 * through its gazetteer. */
static void
test_project_persons (void)
{
  g_autoptr(PlGazetteer) gazetteer = pl_gazetteer_new_layered (pl_gazetteer_get_default ());
  const char *text = "Talks on ports\n\n“We lost four days of cargo,” said Okonkwo.\n";
  g_autoptr(GPtrArray) statements = NULL;

  g_assert_true (pl_gazetteer_add_person (gazetteer, "Adaeze Okonkwo", NULL, "Nigeria"));
  statements = pl_segmenter_segment (text, gazetteer);
  g_assert_cmpuint (statements->len, ==, 2);
  g_assert_cmpstr (nth (statements, 1)->entity, ==, "Nigeria");
  g_assert_false (nth (statements, 1)->needs_review);
}

/* The Chair by name, in prose and as a label, without a hand-over; "The Chair thanked
 * Iran": the Chair speaks. */
static void
test_chair_by_name (void)
{
  const char *prose =
    "Chair Gafoor opened the meeting and recalled the programme of work.\n\n"
    "The representative of Ghana asked about the timeline.\n\n"
    "The Chair thanked Iran for its proposal on the directory.\n\n"
    "Ambassador Gafoor said the consultations would resume in July.\n";
  const Brief prose_expected[] = {
    { 'S', "Chair Gafoor opened", "Chair" },
    { 'S', "The representative of Ghana", "Ghana" },
    { 'S', "The Chair thanked Iran for its proposal on the directory.\n\nAmbassador Gafoor", "Chair" },
  };
  const char *labelled =
    "Unofficial transcript, fourth meeting\n\n"
    "Ambassador Gafoor\n\n"
    "Good morning. We resume our work on capacity-building.\n\n"
    "Ghana\n\n"
    "Thank you, Chair. Ghana supports the portal.\n";
  const Brief transcript_expected[] = {
    { 'F', "Unofficial transcript" },
    { 'S', "Ambassador Gafoor\n\nGood morning.", "Chair" },
    { 'S', "Ghana\n\nThank you", "Ghana" },
  };
  g_autoptr(GPtrArray) a = segment_briefly (prose, prose_expected, G_N_ELEMENTS (prose_expected));
  g_autoptr(GPtrArray) b = segment_briefly (labelled, transcript_expected, G_N_ELEMENTS (transcript_expected));
}

/* A text under a heading is one statement: the European Union speaking for its member
 * states, a national statement (the state from the letterhead), a speech that opens in the
 * first person.  Joint subjects name nobody alone. */
static void
test_speeches_and_joint_statements (void)
{
  const char *eu =
    "EU Statement – Open-ended Working Group on ICT security, capacity-building\n\n"
    "Mr. Chair,\n\n"
    "I have the honour to speak on behalf of the European Union and its Member States.\n\n"
    "The EU welcomes the progress made on the directory of points of contact. Japan and Canada have "
    "already tested it.\n\n"
    "Thank you, Mr. Chair.\n";
  const Brief eu_expected[] = {
    { 'F', "EU Statement" },
    { 'S', "Mr. Chair,\n\nI have the honour", "European Union", "EU member states" },
  };
  const char *national =
    "Permanent Mission of Norway to the United Nations\n\n"
    "Statement by Ambassador Kari Lund at the Security Council open debate on cyber threats\n\n"
    "Check against delivery\n\n"
    "Madam President,\n\n"
    "We thank the briefers for their presentations. Russia said earlier that nothing had changed.\n\n"
    "Norway believes that existing international law applies in cyberspace.\n";
  const Brief national_expected[] = {
    { 'F', "Permanent Mission of Norway" },
    { 'F', "Statement by Ambassador Kari Lund" },
    { 'F', "Check against delivery" },
    { 'S', "Madam President,\n\nWe thank the briefers", "Norway" },
  };
  const char *first_person =
    "Mr. Chair,\n\n"
    "I have the honour to speak on behalf of the Group of 77 and China. We welcome the report.\n\n"
    "The Group stands ready to engage.\n";
  const Brief first_person_expected[] = {
    { 'S', "Mr. Chair,\n\nI have the honour", NULL, "Group of 77 and China" },
  };
  const char *joint_heading =
    "Joint statement by Canada, Chile and Kenya on capacity-building\n\n"
    "Mr. Chair,\n\nWe welcome the portal.\n";
  const Brief joint_heading_expected[] = {
    { 'F', "Joint statement by" },
    { 'S', "Mr. Chair,\n\nWe welcome", NULL },
  };
  const char *joint =
    "Open debate summary\n\n"
    "France and the Netherlands said that the programme of action should start soon.\n\n"
    "Japan agreed and offered to fund a pilot.\n";
  const Brief joint_expected[] = {
    { 'F', "Open debate summary" },
    { 'S', "France and the Netherlands", NULL },
    { 'S', "Japan agreed", "Japan" },
  };
  g_autoptr(GPtrArray) a = segment_briefly (eu, eu_expected, G_N_ELEMENTS (eu_expected));
  g_autoptr(GPtrArray) b = segment_briefly (national, national_expected, G_N_ELEMENTS (national_expected));
  g_autoptr(GPtrArray) c = segment_briefly (first_person, first_person_expected, G_N_ELEMENTS (first_person_expected));
  g_autoptr(GPtrArray) d = segment_briefly (joint, joint_expected, G_N_ELEMENTS (joint_expected));
  g_autoptr(GPtrArray) e = segment_briefly (joint_heading, joint_heading_expected, G_N_ELEMENTS (joint_heading_expected));

  g_assert_cmpstr (nth (b, 3)->speaker, ==, "Kari Lund");
  g_assert_cmpstr (nth (b, 3)->speaker_source, ==, "heading");
  g_assert_false (nth (b, 3)->needs_review);
  g_assert_true (nth (c, 0)->needs_review);
  g_assert_cmpstr (nth (d, 1)->speaker, ==, "France and the Netherlands");
  g_assert_true (nth (d, 1)->needs_review);
  g_assert_cmpstr (nth (e, 1)->speaker, ==, "Canada, Chile and Kenya");
  g_assert_true (nth (e, 1)->needs_review);
}

/* Headlines, datelines, bylines and lists of participants are nobody's statement. */
static void
test_not_statements (void)
{
  const char *text =
    "Ghana calls for stronger cooperation against cybercrime\n\n"
    "By Ama Owusu\n\n"
    "ACCRA, 4 May — The Government hosted a regional workshop on cybercrime today.\n\n"
    "Representatives of Peru, Chile, Ghana and Japan took part in the debate.\n\n"
    "The representative of Ghana said the workshop was a first step.\n\n"
    "Also speaking were the representatives of Togo, Benin and Mali.\n\n"
    "The workshop will continue tomorrow.\n";
  const Brief expected[] = {
    { 'F', "Ghana calls for" },
    { 'F', "By Ama Owusu" },
    { 'F', "ACCRA, 4 May" },
    { 'S', "Representatives of Peru", NULL },
    { 'S', "The representative of Ghana", "Ghana" },
    { 'F', "Also speaking" },
    { 'F', "The workshop will continue" },
  };
  g_autoptr(GPtrArray) statements = segment_briefly (text, expected, G_N_ELEMENTS (expected));

  g_assert_true (nth (statements, 3)->needs_review);
}

/* A verbatim record: "Mr. X (Country):", "(spoke in French)", "The Chair:", "The Acting
 * President:"; the roster and the record's notes are front matter; a turn goes on over
 * its paragraphs. */
static void
test_verbatim_record (void)
{
  const char *text =
    "United Nations\nGeneral Assembly\nSeventy-ninth session\nFirst Committee\n14th meeting\n\n"
    "Chair: Mr. Okoro ............................ (Nigeria)\n\n"
    "The meeting was called to order at 10 a.m.\n\n"
    "Agenda items 90 to 106 (continued)\n\n"
    "The Chair: I now give the floor to the representative of Brazil.\n\n"
    "Mr. Silva (Brazil): Thank you, Chair. Brazil supports the draft resolution before us.\n\n"
    "Brazil also recalls that capacity-building must be demand-driven.\n\n"
    "Ms. Dupont (France) (spoke in French): France associates itself with the statement of the "
    "European Union.\n\n"
    "The Acting Chair: I give the floor to the representative of Egypt.\n\n"
    "Mr. Hassan (Egypt) (spoke in Arabic): I speak on behalf of the Group of Arab States. Our group "
    "supports the draft.\n\n"
    "The President: The Assembly will now take a decision.\n\n"
    "The Acting President: I call on the representative of Japan.\n\n"
    "Ms. Tanaka (Japan): Japan will vote in favour.\n\n"
    "Chair (Ambassador Gafoor): Thank you.\n\n"
    "Speaker 4: Thank you. Our network supports the portal.\n\n"
    "The meeting rose at 1 p.m.\n";
  const Brief expected[] = {
    { 'F', "United Nations\nGeneral Assembly" },
    { 'F', "Chair: Mr. Okoro" },
    { 'F', "The meeting was called" },
    { 'F', "Agenda items 90" },
    { 'S', "The Chair:", "Chair" },
    { 'S', "Mr. Silva (Brazil): Thank you, Chair. Brazil supports the draft resolution before us.\n\n"
      "Brazil also recalls", "Brazil" },
    { 'S', "Ms. Dupont (France)", "France" },
    { 'S', "The Acting Chair:", "Chair" },
    { 'S', "Mr. Hassan (Egypt)", "Egypt", "Arab Group" },
    { 'S', "The President:", "Chair" },
    { 'S', "The Acting President:", "Chair" },
    { 'S', "Ms. Tanaka (Japan)", "Japan" },
    { 'S', "Chair (Ambassador Gafoor)", "Chair" },
    { 'S', "Speaker 4:", NULL },
    { 'F', "The meeting rose" },
  };
  g_autoptr(GPtrArray) statements = segment_briefly (text, expected, G_N_ELEMENTS (expected));

  g_assert_cmpstr (nth (statements, 6)->speaker, ==, "Ms. Dupont (France)");
  for (guint i = 4; i < 14; i++)
    g_assert_cmpstr (nth (statements, i)->speaker_source, ==, "label");
  g_assert_true (nth (statements, 13)->needs_review);
}

/* A label whose bracket is never closed, or closed on nothing: "Cyber Alliance (:" is
 * cut short, and the entity is what stands inside the brackets, or the whole label. */
static void
test_unclosed_bracket_label (void)
{
  const char *texts[] = {
    "Cyber Alliance (:\n\nWe support the norms.\n",
    "Cyber Alliance ( :      We support the norms.\n",
    "Cyber Alliance (CA:\n\nWe support the norms.\n",
    "Cyber Alliance (CA) (:\n\nWe support the norms.\n",
  };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr (GPtrArray) statements = pl_segmenter_segment (texts[t], NULL);

      g_test_message ("%s", texts[t]);
      for (guint i = 0; i < statements->len; i++)
        {
          PlStatement *statement = g_ptr_array_index (statements, i);

          g_test_message ("  entity %s, speaker %s", statement->entity, statement->speaker);
          if (statement->entity != NULL)
            {
              g_assert_true (g_utf8_validate (statement->entity, -1, NULL));
              g_assert_cmpstr (statement->entity, !=, "");
              g_assert_null (strchr (statement->entity, ')'));
              g_assert_null (strchr (statement->entity, '('));
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speaker-patterns/two-speakers-in-one-paragraph", test_two_speakers_in_one_paragraph);
  g_test_add_func ("/speaker-patterns/late-attribution", test_late_attribution);
  g_test_add_func ("/speaker-patterns/continuations", test_continuations);
  g_test_add_func ("/speaker-patterns/machine-summary", test_machine_summary);
  g_test_add_func ("/speaker-patterns/persons", test_persons);
  g_test_add_func ("/speaker-patterns/project-persons", test_project_persons);
  g_test_add_func ("/speaker-patterns/chair-by-name", test_chair_by_name);
  g_test_add_func ("/speaker-patterns/speeches-and-joint-statements", test_speeches_and_joint_statements);
  g_test_add_func ("/speaker-patterns/not-statements", test_not_statements);
  g_test_add_func ("/speaker-patterns/verbatim-record", test_verbatim_record);
  g_test_add_func ("/speaker-patterns/unclosed-bracket-label", test_unclosed_bracket_label);

  return g_test_run ();
}
