/* test-speakers.c — splitting the three shapes of UN text into statements by speaker
 *
 * The fixtures are synthetic: real country and organisation names, invented content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pl-document-metadata.h"
#include "pl-segmenter.h"
#include "pl-text.h"

/* What one statement must be.  kind: 'S' statement, 'F' front matter.  Strings compared
 * exactly (NULL means NULL); starts is a prefix of the statement's text. */
typedef struct
{
  char        kind;
  const char *starts;
  const char *speaker;
  const char *entity;
  const char *type;
  const char *iso3;
  const char *group;
  const char *behalf;
  gboolean    review;
  const char *source;
} Expect;

#define FM(starts) { 'F', starts, NULL, NULL, NULL, NULL, NULL, NULL, FALSE, NULL }
#define FM_UNSURE(starts) { 'F', starts, NULL, NULL, NULL, NULL, NULL, NULL, TRUE, NULL }

static const char AFR[] = "African";
static const char APG[] = "Asia-Pacific";
static const char EEG[] = "Eastern European";
static const char GRULAC[] = "Latin American and Caribbean";
static const char WEOG[] = "Western European and Others";

/* Checks that statements cover @text in order, trimmed, without overlap. */
static void
assert_well_formed (const char *text,
                    GPtrArray  *statements)
{
  guint length = pl_text_length (text);
  guint previous_end = 0;

  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);
      g_autofree char *slice = pl_text_slice (text, statement->start, statement->end);

      g_assert_cmpuint (statement->index, ==, i + 1);
      g_assert_cmpuint (statement->start, <, statement->end);
      g_assert_cmpuint (statement->end, <=, length);
      if (i > 0)
        g_assert_cmpuint (statement->start, >=, previous_end);
      previous_end = statement->end;

      g_assert_false (g_unichar_isspace (g_utf8_get_char (slice)));
      g_assert_false (g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (slice + strlen (slice)))));
    }
}

static void
assert_statements (const char   *text,
                   const Expect *expected,
                   guint         n_expected)
{
  g_autoptr(GArray) sources = NULL;
  g_autoptr(GPtrArray) statements = pl_segmenter_segment_full (text, NULL, &sources);

  assert_well_formed (text, statements);

  for (guint i = 0; i < MIN (statements->len, n_expected); i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);
      const Expect *e = &expected[i];
      g_autofree char *slice = pl_text_slice (text, statement->start, statement->end);
      PlSpeakerSource source = g_array_index (sources, PlSpeakerSource, i);

      g_test_message ("statement %u: %s", i + 1, slice);
      g_assert_true (g_str_has_prefix (slice, e->starts));
      g_assert_cmpint (statement->kind, ==,
                       e->kind == 'F' ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT);
      g_assert_cmpstr (statement->speaker, ==, e->speaker);
      g_assert_cmpstr (statement->entity, ==, e->entity);
      g_assert_cmpstr (statement->entity_type, ==, e->type);
      g_assert_cmpstr (statement->iso3, ==, e->iso3);
      g_assert_cmpstr (statement->regional_group, ==, e->group);
      g_assert_cmpstr (statement->on_behalf_of, ==, e->behalf);
      g_assert_cmpint (statement->needs_review, ==, e->review);
      g_assert_cmpstr (pl_speaker_source_to_string (source), ==, e->source);
    }
  g_assert_cmpuint (statements->len, ==, n_expected);
}

/* Prose reports */

static const char prose_report[] =
  "12th Meeting of the second substantive session of the Open-Ended Working Group (OEWG)\n"
  "\n"
  "4 March 2021 10:00h\n"
  "\n"
  "Event report\n"
  "\n"
  "The twelfth meeting turned to regular institutional dialogue. The discussion was lively.\n"
  "\n"
  "The representative of Samoa spoke on behalf of the Pacific Island Forum and asked for a small fund.\n"
  "\n"
  "The representative of Australia aligned its statement with the one of the Pacific Island Forum. "
  "Australia prefers a light structure.\n"
  "\n"
  "The representative of the USA stated that a programme of action is ready.\n"
  "\n"
  "He went on to list three elements of such a programme.\n"
  "\n"
  "The representative of Turkey highlighted regional exercises.\n"
  "\n"
  "The representative of the Czech Republic underlined the role of national CERTs.\n"
  "\n"
  "It also called for a glossary of terms.\n"
  "\n"
  "The representative of Vietnam noted the needs of developing states.\n"
  "\n"
  "The representative of Cote d'Ivoire stressed that banks are targeted.\n"
  "\n"
  "Agenda item 6: capacity building\n"
  "\n"
  "The Japanese delegation stated that training should be sustained.\n"
  "\n"
  "The representative of the Russian Federation proposed a convention.\n"
  "\n"
  "The representative of the UK said that existing law applies.\n"
  "\n"
  "She added that the UK would publish its position.\n"
  "\n"
  "The representative of the United Nations Office on Drugs and Crime (UNODC) described its programme.\n"
  "\n"
  "The representative of Stanford University presented research on attribution.\n"
  "\n"
  "The representative of Microsoft called for a digital Geneva convention.\n"
  "\n"
  "The representative of Access Now asked for civil society access.\n"
  "\n"
  "The representative of Blue Lantern Collective asked to speak again.\n"
  "\n"
  "Korea also reported on its exercises.\n"
  "\n"
  "Closing remarks\n"
  "\n"
  "Finalising the meeting, the Chairperson briefly summarised the discussion.\n";

static void
test_prose_report (void)
{
  const Expect expected[] = {
    FM ("12th Meeting"),
    FM ("4 March 2021"),
    FM ("Event report"),
    FM ("The twelfth meeting"),
    { 'S', "The representative of Samoa", "Samoa", "Samoa", "member_state", "WSM", APG,
      "Pacific Islands Forum", FALSE, "reported" },
    { 'S', "The representative of Australia", "Australia", "Australia", "member_state", "AUS",
      WEOG, NULL, FALSE, "reported" },
    { 'S', "The representative of the USA stated that a programme of action is ready.\n\nHe went on", "USA",
      "United States of America", "member_state", "USA", WEOG, NULL, FALSE, "reported" },
    { 'S', "The representative of Turkey", "Turkey", "Türkiye", "member_state", "TUR", WEOG, NULL, FALSE,
      "reported" },
    { 'S', "The representative of the Czech Republic underlined the role of national CERTs.\n\nIt also",
      "Czech Republic", "Czechia", "member_state", "CZE", EEG, NULL, FALSE, "reported" },
    { 'S', "The representative of Vietnam", "Vietnam", "Viet Nam", "member_state", "VNM", APG, NULL,
      FALSE, "reported" },
    { 'S', "The representative of Cote", "Cote d'Ivoire", "Côte d'Ivoire", "member_state", "CIV", AFR,
      NULL, FALSE, "reported" },
    FM ("Agenda item 6"),
    { 'S', "The Japanese delegation", "Japanese", "Japan", "member_state", "JPN", APG, NULL, FALSE,
      "reported" },
    { 'S', "The representative of the Russian", "Russian Federation", "Russian Federation",
      "member_state", "RUS", EEG, NULL, FALSE, "reported" },
    { 'S', "The representative of the UK said that existing law applies.\n\nShe added", "UK",
      "United Kingdom of Great Britain and Northern Ireland", "member_state", "GBR", WEOG, NULL, FALSE,
      "reported" },
    { 'S', "The representative of the United Nations Office", "United Nations Office on Drugs and Crime",
      "UNODC", "un_entity", NULL, NULL, NULL, FALSE, "reported" },
    { 'S', "The representative of Stanford", "Stanford University", "Stanford University", "academia",
      NULL, NULL, NULL, TRUE, "reported" },
    { 'S', "The representative of Microsoft", "Microsoft", "Microsoft", "private_sector", NULL, NULL, NULL,
      FALSE, "reported" },
    { 'S', "The representative of Access Now", "Access Now", "Access Now", "ngo", NULL, NULL, NULL, FALSE,
      "reported" },
    { 'S', "The representative of Blue Lantern", "Blue Lantern Collective", NULL, "unknown", NULL, NULL,
      NULL, TRUE, "reported" },
    { 'S', "Korea also", "Korea", "Republic of Korea", "member_state", "KOR", APG, NULL, FALSE, "reported" },
    FM ("Closing remarks"),
    { 'S', "Finalising the meeting", "Chairperson", "Chair", "chair", NULL, NULL, NULL, FALSE, "reported" },
  };

  assert_statements (prose_report, expected, G_N_ELEMENTS (expected));
}

/* The previous speaker's own name, or the last word of it, continues the statement: the
 * paragraph joins it. */
static void
test_prose_continuation_by_name (void)
{
  const char *text =
    "Report of the afternoon meeting\n\n"
    "The representative of The Republic of Korea stated that exercises build trust.\n\n"
    "Korea also reported on its exercises.\n\n"
    "The representative of Ghana spoke on behalf of the African Group.\n\n"
    "The Group asked for a template in all official languages.\n\n"
    "The representative of the European Union stated that funding would continue.\n\n"
    "The Union also announced a new programme.\n\n"
    "The delegate further explained how it would work.\n\n"
    "Mexico suggested linking the directory to assistance.\n\n"
    "The head of the delegation of Slovenia recalled the norms.\n\n"
    "The Permanent Representative of Bolivia called for a treaty.\n\n"
    "The representative of Ireland noted progress.\n\n"
    "Ireland's experience was shared in detail.\n";
  const Expect expected[] = {
    FM ("Report of the afternoon"),
    { 'S', "The representative of The Republic of Korea stated that exercises build trust.\n\nKorea also",
      "Republic of Korea", "Republic of Korea", "member_state", "KOR", APG, NULL, FALSE, "reported" },
    { 'S', "The representative of Ghana spoke on behalf of the African Group.\n\nThe Group asked", "Ghana",
      "Ghana", "member_state", "GHA", AFR, "African Group", FALSE, "reported" },
    { 'S', "The representative of the European Union stated that funding would continue.\n\n"
      "The Union also announced a new programme.\n\nThe delegate further", "European Union", "European Union",
      "eu", NULL, NULL, NULL, FALSE, "reported" },
    { 'S', "Mexico suggested", "Mexico", "Mexico", "member_state", "MEX", GRULAC, NULL, FALSE, "reported" },
    { 'S', "The head of the delegation", "Slovenia", "Slovenia", "member_state", "SVN", EEG, NULL, FALSE,
      "reported" },
    { 'S', "The Permanent Representative", "Bolivia", "Bolivia (Plurinational State of)", "member_state", "BOL",
      GRULAC, NULL, FALSE, "reported" },
    { 'S', "The representative of Ireland noted progress.\n\nIreland's experience", "Ireland", "Ireland",
      "member_state", "IRL", WEOG, NULL, FALSE, "reported" },
  };

  assert_statements (text, expected, G_N_ELEMENTS (expected));
}

/* Transcripts */

/* Label and speech in one paragraph, separated by a single newline; inline forms. */
static const char transcript[] =
  "This is an unofficial transcript.\n"
  "\n"
  "Open-ended Working Group, fifth session, 2nd meeting\n"
  "\n"
  "Ambassador Okafor\n"
  "Good morning. We continue with the list of speakers. The first speaker is Japan.\n"
  "\n"
  "Japan\n"
  "Thank you, Chair. Japan supports the programme of action.\n"
  "\n"
  "We also support regular communication checks.\n"
  "\n"
  "CHAIR: Thank you. I give the floor to the distinguished representative of the Netherlands, "
  "speaking on behalf of the Benelux countries.\n"
  "\n"
  "Thank you, Chair. I speak on behalf of Belgium, Luxembourg and my own country.\n"
  "\n"
  ">>CHAIR: Thank you. Brazil, you have the floor.\n"
  "\n"
  "Mr. Pedro Alves (Brazil): Thank you, Mr. Chair. Brazil stresses implementation.\n"
  "\n"
  "Chair\n"
  "Thank you. I give the floor to UNIDIR.\n"
  "\n"
  "UNIDIR Lena Park\n"
  "Thank you, Ambassador. Our survey shows progress.\n"
  "\n"
  "Secretariat\n"
  "The list of speakers remains open until noon.\n"
  "\n"
  "Thank you, Chair. We did not hear our name but wish to speak.\n"
  "\n"
  "Dr. Miriam Holt\n"
  "Thank you. Our network trains responders in small states.\n"
  "\n"
  "University of Cape Town\n"
  "Thank you. Our research covers attribution.\n"
  "\n"
  "Ambassador Okafor\n"
  "The meeting is adjourned.\n";

static void
test_transcript (void)
{
  const Expect expected[] = {
    FM ("This is an unofficial"),
    FM ("Open-ended Working Group"),
    { 'S', "Ambassador Okafor\nGood morning", "Ambassador Okafor", "Chair", "chair", NULL, NULL, NULL,
      FALSE, "label" },
    { 'S', "Japan\nThank you, Chair. Japan supports the programme of action.\n\nWe also support", "Japan", "Japan",
      "member_state", "JPN", APG, NULL, FALSE, "label" },
    { 'S', "CHAIR: Thank you. I give", "CHAIR", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "Thank you, Chair. I speak", "Netherlands", "Netherlands (Kingdom of the)", "member_state", "NLD",
      WEOG, "Benelux", TRUE, "handover" },
    { 'S', ">>CHAIR: Thank you. Brazil", "CHAIR", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "Mr. Pedro Alves (Brazil):", "Mr. Pedro Alves (Brazil)", "Brazil", "member_state", "BRA", GRULAC,
      NULL, FALSE, "label" },
    { 'S', "Chair\nThank you. I give the floor to UNIDIR", "Chair", "Chair", "chair", NULL, NULL, NULL, FALSE,
      "label" },
    { 'S', "UNIDIR Lena Park\n", "UNIDIR Lena Park", "UNIDIR", "un_entity", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "Secretariat\n", "Secretariat", "Secretariat", "secretariat", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "Thank you, Chair. We did not", NULL, NULL, "unknown", NULL, NULL, NULL, TRUE, NULL },
    { 'S', "Dr. Miriam Holt\n", "Dr. Miriam Holt", NULL, "unknown", NULL, NULL, NULL, TRUE, "label" },
    { 'S', "University of Cape Town\n", "University of Cape Town", "University of Cape Town", "academia",
      NULL, NULL, NULL, TRUE, "label" },
    { 'S', "Ambassador Okafor\nThe meeting", "Ambassador Okafor", "Chair", "chair", NULL, NULL, NULL, FALSE,
      "label" },
  };

  assert_statements (transcript, expected, G_N_ELEMENTS (expected));
}

/* Labels followed by a blank line: the statement spans label and speech, and the
 * paragraphs of the turn that follow. */
static void
test_transcript_blank_line_after_label (void)
{
  const char *text =
    "Unofficial transcript, morning session\n\n"
    "Chair\n\n"
    "Good morning. I give the floor to the delegation of Kenya.\n\n"
    "Kenya\n\n"
    "Thank you, Chair. Kenya supports the directory.\n\n"
    "Our CERT is ready to help.\n\n"
    "South Africa\n\n"
    "Thank you. We agree with Kenya.\n";
  g_autoptr(GPtrArray) statements = pl_segmenter_segment (text, NULL);
  const Expect expected[] = {
    FM ("Unofficial transcript"),
    { 'S', "Chair\n\nGood morning", "Chair", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "Kenya\n\nThank you, Chair. Kenya supports the directory.\n\nOur CERT", "Kenya", "Kenya",
      "member_state", "KEN", AFR, NULL, FALSE, "label" },
    { 'S', "South Africa\n\nThank you", "South Africa", "South Africa", "member_state", "ZAF", AFR, NULL,
      FALSE, "label" },
  };

  assert_statements (text, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (statements->len, ==, G_N_ELEMENTS (expected));
}

/* One turn a line, no blank lines at all; "NAME:" forms and a person's label. */
static void
test_transcript_lines (void)
{
  const char *text =
    "CHAIR: Good afternoon. Mexico, you have the floor.\n"
    "MEXICO: Thank you. We support gender mainstreaming.\n"
    "CHAIR: Thank you. Giacomo Rossi, UNIDIR, please.\n"
    "Giacomo Rossi, UNIDIR: Thank you for the invitation.\n"
    "CHAIR: The next speaker is Fiji.\n"
    "I speak on behalf of the Pacific Islands Forum.\n";
  const Expect expected[] = {
    { 'S', "CHAIR: Good afternoon", "CHAIR", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "MEXICO:", "MEXICO", "Mexico", "member_state", "MEX", GRULAC, NULL, FALSE, "label" },
    { 'S', "CHAIR: Thank you. Giacomo", "CHAIR", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "Giacomo Rossi, UNIDIR:", "Giacomo Rossi, UNIDIR", "UNIDIR", "un_entity", NULL, NULL, NULL, FALSE,
      "label" },
    { 'S', "CHAIR: The next speaker", "CHAIR", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "I speak on behalf", "Fiji", "Fiji", "member_state", "FJI", APG, "Pacific Islands Forum", TRUE,
      "handover" },
  };

  assert_statements (text, expected, G_N_ELEMENTS (expected));
}

/* Inline labels inside one block cut it into turns. */
static void
test_transcript_inline_labels_in_one_block (void)
{
  const char *text =
    "Summary record, third meeting\n\n"
    ">>CHAIR: Good morning.\n>>CHILE: Thank you, Chair.\nWe want more checks.\n"
    ">>ARGENTINA: We agree.\n\n"
    ">>CHAIR: Thank you.\n";
  const Expect expected[] = {
    FM ("Summary record"),
    { 'S', ">>CHAIR: Good morning.", "CHAIR", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
    { 'S', ">>CHILE: Thank you, Chair.\nWe want", "CHILE", "Chile", "member_state", "CHL", GRULAC, NULL,
      FALSE, "label" },
    { 'S', ">>ARGENTINA:", "ARGENTINA", "Argentina", "member_state", "ARG", GRULAC, NULL, FALSE, "label" },
    { 'S', ">>CHAIR: Thank you.", "CHAIR", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
  };

  assert_statements (text, expected, G_N_ELEMENTS (expected));
}

/* The document names its Chair: "Ambassador <Name>" is the Chair without a hand-over. */
static void
test_transcript_named_chair (void)
{
  const char *text =
    "The session was chaired by Ambassador Carla Mendes of Portugal.\n\n"
    "Ambassador Mendes\n"
    "Welcome back. Let us resume.\n\n"
    "Canada\n"
    "Thank you. Canada supports the checklist.\n\n"
    "Ambassador Lindqvist\n"
    "Thank you. Sweden agrees with Canada.\n";
  const Expect expected[] = {
    FM ("The session was chaired"),
    { 'S', "Ambassador Mendes", "Ambassador Mendes", "Chair", "chair", NULL, NULL, NULL, FALSE, "label" },
    { 'S', "Canada", "Canada", "Canada", "member_state", "CAN", WEOG, NULL, FALSE, "label" },
    { 'S', "Ambassador Lindqvist", "Ambassador Lindqvist", NULL, "unknown", NULL, NULL, NULL, TRUE, "label" },
  };

  assert_statements (text, expected, G_N_ELEMENTS (expected));
}

/* Press releases and news */

static const char press_release[] =
  "Working Group Weighs Ransomware Threat to Ports\n"
  "\n"
  "GENEVA, 3 June — Delegations debated the protection of ports and shipping today.\n"
  "\n"
  "Opening the meeting, the Chair, Ambassador Tomas Reyes, said the time for declarations had passed.\n"
  "\n"
  "Pakistan's representative, speaking for the Group of 77 and China, said capacity-building must come first.\n"
  "\n"
  "He stressed that funds should be predictable.\n"
  "\n"
  "Kenya's delegate, Amina Wanjiru, described an attack on a container terminal.\n"
  "\n"
  "“We lost four days of cargo,” said Wanjiru.\n"
  "\n"
  "“Nobody was ready,” said Evans.\n"
  "\n"
  "The representative of Norway said that ports were critical infrastructure.\n"
  "\n"
  "The observer for the State of Palestine said that occupation hampered resilience.\n"
  "\n"
  "Speaking for the European Union, Elena Marchetti announced a maritime cyber programme.\n"
  "\n"
  "“The sea does not stop at borders,” she said.\n"
  "\n"
  "The Netherlands' representative, Joost de Vries, said ports shared threat information.\n"
  "\n"
  "Shipping companies have reported a rise in attacks since 2020.\n"
  "\n"
  "Also speaking were the representatives of Greece, Singapore and Panama.\n"
  "\n"
  "The Working Group will meet again tomorrow.\n";

static void
test_press_release (void)
{
  const Expect expected[] = {
    FM ("Working Group Weighs"),
    FM ("GENEVA, 3 June"),
    { 'S', "Opening the meeting", "Ambassador Tomas Reyes", "Chair", "chair", NULL, NULL, NULL, FALSE,
      "reported" },
    { 'S', "Pakistan's representative, speaking for the Group of 77 and China, said capacity-building must "
      "come first.\n\nHe stressed", "Pakistan", "Pakistan", "member_state", "PAK", APG, "Group of 77 and China",
      FALSE, "reported" },
    { 'S', "Kenya's delegate, Amina Wanjiru, described an attack on a container terminal.\n\n“We lost",
      "Amina Wanjiru", "Kenya", "member_state", "KEN", AFR, NULL, FALSE, "reported" },
    { 'S', "“Nobody", "Evans", NULL, "unknown", NULL, NULL, NULL, TRUE, "name" },
    { 'S', "The representative of Norway", "Norway", "Norway", "member_state", "NOR", WEOG, NULL, FALSE,
      "reported" },
    { 'S', "The observer for the State", "State of Palestine", "State of Palestine", "observer_state", "PSE",
      NULL, NULL, FALSE, "reported" },
    { 'S', "Speaking for the European Union, Elena Marchetti announced a maritime cyber programme.\n\n“The sea",
      "Elena Marchetti", "European Union", "eu", NULL, NULL, NULL, FALSE, "reported" },
    { 'S', "The Netherlands' representative", "Joost de Vries", "Netherlands (Kingdom of the)", "member_state",
      "NLD", WEOG, NULL, FALSE, "reported" },
    FM_UNSURE ("Shipping companies"),
    FM ("Also speaking"),
    FM ("The Working Group will"),
  };

  assert_statements (press_release, expected, G_N_ELEMENTS (expected));
}

/* "X aligned with Y" is not on behalf of Y; "aligns itself with the statement to be
 * delivered on behalf of Y" neither. */
static void
test_aligned_is_not_on_behalf (void)
{
  const char *text =
    "Meeting report\n\n"
    "The representative of Portugal aligned its statement with the statement of the European Union.\n\n"
    "The representative of Senegal said that it aligns itself with the statement to be delivered on behalf "
    "of the African Group.\n\n"
    "The representative of Egypt, speaking on behalf of the Arab Group, called for a treaty.\n\n"
    "The representative of Cuba spoke on behalf of the NAM.\n";
  g_autoptr(GPtrArray) statements = pl_segmenter_segment (text, NULL);
  const char *behalf[] = { NULL, NULL, NULL, "Arab Group", "Non-Aligned Movement" };

  g_assert_cmpuint (statements->len, ==, G_N_ELEMENTS (behalf));
  for (guint i = 0; i < statements->len; i++)
    g_assert_cmpstr (((PlStatement *)g_ptr_array_index (statements, i))->on_behalf_of, ==, behalf[i]);
}

static void
test_empty_and_blank (void)
{
  g_autoptr(GPtrArray) empty = pl_segmenter_segment ("", NULL);
  g_autoptr(GPtrArray) blank = pl_segmenter_segment ("\n \n\t\n", NULL);
  g_autoptr(GPtrArray) one = pl_segmenter_segment ("Only a title", NULL);

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (one->len, ==, 1);
  g_assert_cmpint (((PlStatement *)g_ptr_array_index (one, 0))->kind, ==, PL_STATEMENT_KIND_STATEMENT);
}

/* Nobody speaks: every paragraph is a statement without a speaker. */
static void
test_plain_document (void)
{
  const char *text = "Notes\n\n12 May 2024\n\nThe norms were discussed at length.\n\nNext steps follow.\n";
  g_autoptr(GPtrArray) statements = pl_segmenter_segment (text, NULL);

  assert_well_formed (text, statements);
  g_assert_cmpuint (statements->len, ==, 4);
  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);

      g_assert_cmpint (statement->kind, ==, PL_STATEMENT_KIND_STATEMENT);
      g_assert_null (statement->speaker);
      g_assert_null (statement->entity);
      g_assert_null (statement->entity_type);
      g_assert_false (statement->needs_review);
    }
}

/* Offsets are code points, also after astral characters. */
static void
test_code_point_offsets (void)
{
  const char *text = "😀 Title 中文\n\nThe representative of Japan 😀 said 中文.\n\nShe added more. "
                     "Brazil’s representative 😀 agreed.";
  g_autoptr(GPtrArray) statements = pl_segmenter_segment (text, NULL);
  PlStatement *statement;

  g_assert_cmpuint (statements->len, ==, 3);
  statement = g_ptr_array_index (statements, 1);
  g_assert_cmpuint (statement->start, ==, 12);
  g_assert_cmpuint (statement->end, ==, 12 + pl_text_length ("The representative of Japan 😀 said 中文.\n\nShe added more."));
  g_assert_cmpstr (statement->entity, ==, "Japan");
  /* A statement that begins inside a paragraph. */
  statement = g_ptr_array_index (statements, 2);
  g_assert_cmpuint (statement->start, ==, 12 + pl_text_length ("The representative of Japan 😀 said 中文.\n\nShe added more. "));
  g_assert_cmpuint (statement->end, ==, pl_text_length (text));
  g_assert_cmpstr (statement->entity, ==, "Brazil");
}

/* Patterns of real UN material, in fixtures of our own words */

/* What one item must be, in brief: 'S' statement or 'F' front matter, how its text begins,
 * its entity (NULL for none) and whom it speaks for. */
typedef struct
{
  char        kind;
  const char *starts;
  const char *entity;
  const char *behalf;
} Brief;

static GPtrArray *
segment_briefly (const char  *text,
                 const Brief *expected,
                 guint        n_expected)
{
  GPtrArray *statements = pl_segmenter_segment (text, NULL);

  assert_well_formed (text, statements);
  for (guint i = 0; i < MIN (statements->len, n_expected); i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);
      g_autofree char *slice = pl_text_slice (text, statement->start, statement->end);

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

/* The demonstration documents */

static char *
read_demo (const char *name)
{
  const char *source_dir = g_getenv ("PLENARY_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (source_dir);
  path = g_build_filename (source_dir, "data", "demo", name, NULL);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return pl_text_normalize (contents, -1);
}

typedef struct
{
  const char *entity;
  const char *behalf;
  gboolean    review;
} Fact;

/* Asserts the sequence of statements (kind statement) by entity, behalf and review flag. */
static void
assert_facts (const char *text,
              const Fact *facts,
              guint       n_facts)
{
  g_autoptr(GPtrArray) statements = pl_segmenter_segment (text, NULL);
  guint n = 0;

  assert_well_formed (text, statements);
  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->kind != PL_STATEMENT_KIND_STATEMENT)
        continue;
      g_assert_cmpuint (n, <, n_facts);
      g_test_message ("statement %u: %s", statement->index, statement->entity);
      g_assert_cmpstr (statement->entity, ==, facts[n].entity);
      g_assert_cmpstr (statement->on_behalf_of, ==, facts[n].behalf);
      g_assert_cmpint (statement->needs_review, ==, facts[n].review);
      n++;
    }
  g_assert_cmpuint (n, ==, n_facts);
}

static void
test_demo_report (void)
{
  g_autofree char *text = read_demo ("01-oewg-capacity-building-report.txt");
  const Fact facts[] = {
    { "Chair" }, { "Ghana", "African Group" }, { "Portugal" }, { "Republic of Korea" }, { "Chile" },
    { "Türkiye" }, { "Viet Nam" }, { "Côte d'Ivoire" }, { "European Union" }, { "ICRC" }, { "ITU" },
    { "Mexico" }, { "Chair" },
  };
  g_autoptr(GPtrArray) statements = pl_segmenter_segment (text, NULL);

  assert_facts (text, facts, G_N_ELEMENTS (facts));
  /* Title, date, "Event report" and the introduction are front matter. */
  for (guint i = 0; i < 5; i++)
    g_assert_cmpint (((PlStatement *)g_ptr_array_index (statements, i))->kind, ==, PL_STATEMENT_KIND_FRONT_MATTER);
}

static void
test_demo_transcript (void)
{
  g_autofree char *text = read_demo ("02-oewg-norms-transcript.txt");
  const Fact facts[] = {
    { "Chair" }, { "Brazil" }, { "Chair" }, { "Estonia" }, { "Chair" }, { "Kenya", NULL, TRUE },
    { "Chair" }, { "Singapore" }, { "Iran (Islamic Republic of)" }, { "Chair" },
    { "United States of America" }, { "Chair" }, { "China" }, { "Netherlands (Kingdom of the)" },
    { "Chair" }, { "Mexico" }, { "Chair" }, { "UNIDIR" }, { "Chair" }, { "Australia" }, { "Egypt" },
    { "France" }, { "Chair" }, { "Fiji", "Pacific Islands Forum" }, { "Switzerland" }, { "Chair" },
    { "Chair" },
  };

  assert_facts (text, facts, G_N_ELEMENTS (facts));
}

static void
test_demo_press_release (void)
{
  g_autofree char *text = read_demo ("03-oewg-press-release.txt");
  const Fact facts[] = {
    { "Chair" }, { "Nigeria" }, { "Indonesia", "Non-Aligned Movement" }, { "Holy See" }, { "European Union" },
    { "Türkiye" }, { "Côte d'Ivoire" },
  };

  assert_facts (text, facts, G_N_ELEMENTS (facts));
}

/* The real documents in ../shared/corpus: the facts of who spoke, in order. */

static char *
read_corpus (const char *name)
{
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  if (shared == NULL)
    return NULL;
  path = g_build_filename (shared, "corpus", name, NULL);
  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return pl_text_normalize (contents, -1);
}

static void
test_corpus_meeting_report (void)
{
  g_autofree char *text = read_corpus ("oewg1-s1-m9-capacity-building-report.txt");
  const Fact facts[] = {
    { "Tuvalu", "Pacific Islands Forum" }, { "Japan" }, { "Malaysia" }, { "Egypt" }, { "France" },
    { "Republic of Korea" }, { "Algeria" }, { "New Zealand" }, { "Singapore" },
    { "United States of America" }, { "Netherlands (Kingdom of the)" }, { "Costa Rica" }, { "Israel" },
    { "Greece" }, { "United Kingdom of Great Britain and Northern Ireland" }, { "European Union" },
    { "Canada" }, { "India" }, { "Estonia" }, { "Mexico" }, { "Cuba" }, { "Australia" },
    { "Iran (Islamic Republic of)" }, { "Bangladesh" }, { "Chair" },
  };

  if (text == NULL)
    {
      g_test_skip ("../shared/corpus is not available");
      return;
    }
  assert_facts (text, facts, G_N_ELEMENTS (facts));
}

static void
test_corpus_news_article (void)
{
  g_autofree char *text = read_corpus ("oewg1-final-report-news-article.txt");
  g_autoptr(GPtrArray) statements = NULL;

  if (text == NULL)
    {
      g_test_skip ("../shared/corpus is not available");
      return;
    }

  /* A journalist's account in which nobody speaks: its paragraphs are statements without
   * a speaker (16 paragraphs). */
  statements = pl_segmenter_segment (text, NULL);
  assert_well_formed (text, statements);
  g_assert_cmpuint (statements->len, ==, 16);
  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);

      g_assert_cmpint (statement->kind, ==, PL_STATEMENT_KIND_STATEMENT);
      g_assert_null (statement->entity);
      g_assert_false (statement->needs_review);
    }
}

/* Document details read from the text */

static GHashTable *
guess (const char *text)
{
  GHashTable *metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  pl_document_metadata_guess (text, metadata);
  return metadata;
}

static void
test_metadata_guess (void)
{
  g_autoptr(GHashTable) report = guess (prose_report);
  g_autoptr(GHashTable) press = guess (press_release);
  g_autoptr(GHashTable) other = NULL;
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *demo_transcript = read_demo ("02-oewg-norms-transcript.txt");
  g_autofree char *demo_report = read_demo ("01-oewg-capacity-building-report.txt");
  g_autoptr(GHashTable) transcript_metadata = guess (demo_transcript);
  g_autoptr(GHashTable) report_metadata = guess (demo_report);

  g_assert_cmpstr (g_hash_table_lookup (report, "date"), ==, "2021-03-04");
  g_assert_cmpstr (g_hash_table_lookup (report, "meeting"), ==, "12th meeting");
  g_assert_cmpstr (g_hash_table_lookup (report, "session"), ==, "second substantive session");
  g_assert_cmpstr (g_hash_table_lookup (report, "process"), ==, "Open-Ended Working Group (OEWG)");
  g_assert_cmpstr (g_hash_table_lookup (report, "source_type"), ==, "summary");
  g_assert_cmpstr (g_hash_table_lookup (report, "language"), ==, "en");
  g_assert_cmpstr (g_hash_table_lookup (report, "agenda_item"), ==, "6: capacity building");

  /* "3 June" has no year; a dateline makes a press release. */
  g_assert_null (g_hash_table_lookup (press, "date"));
  g_assert_cmpstr (g_hash_table_lookup (press, "source_type"), ==, "press release");

  g_assert_cmpstr (g_hash_table_lookup (transcript_metadata, "date"), ==, "2024-03-07");
  g_assert_cmpstr (g_hash_table_lookup (transcript_metadata, "meeting"), ==, "3rd meeting");
  g_assert_cmpstr (g_hash_table_lookup (transcript_metadata, "agenda_item"), ==,
                   "5: rules, norms and principles of responsible state behaviour; international law");
  g_assert_cmpstr (g_hash_table_lookup (transcript_metadata, "source_type"), ==, "unofficial transcript");
  g_assert_cmpstr (g_hash_table_lookup (report_metadata, "date"), ==, "2023-12-14");
  g_assert_cmpstr (g_hash_table_lookup (report_metadata, "meeting"), ==, "4th meeting");
  g_assert_cmpstr (g_hash_table_lookup (report_metadata, "session"), ==, "sixth substantive session");

  other = guess ("Statement to the First Committee, 2024-10-15\n\nThe Group of Governmental Experts met.\n\n"
                 "This is the sixth session. Press release.\n");
  g_assert_cmpstr (g_hash_table_lookup (other, "date"), ==, "2024-10-15");
  g_assert_cmpstr (g_hash_table_lookup (other, "process"), ==, "First Committee");
  g_assert_cmpstr (g_hash_table_lookup (other, "session"), ==, "sixth session");
  g_assert_cmpstr (g_hash_table_lookup (other, "source_type"), ==, "press release");
  g_clear_pointer (&other, g_hash_table_unref);

  other = guess ("Meeting of July 7, 2024\n\nLa délégation de la France a déclaré que les normes et "
                 "les mesures de confiance sont dans l'intérêt de tous et que la coopération est "
                 "nécessaire pour les pays en développement et pour les États insulaires. Les "
                 "experts et les délégués ont souligné le rôle des équipes et des centres.\n");
  g_assert_cmpstr (g_hash_table_lookup (other, "date"), ==, "2024-07-07");
  g_assert_cmpstr (g_hash_table_lookup (other, "language"), ==, "fr");
  g_clear_pointer (&other, g_hash_table_unref);

  /* Impossible dates are not dates; nothing is guessed from nothing. */
  other = guess ("31 February 2023 and 2023-13-01\n");
  g_assert_null (g_hash_table_lookup (other, "date"));
  g_clear_pointer (&other, g_hash_table_unref);
  other = guess ("");
  g_assert_cmpuint (g_hash_table_size (other), ==, 0);

  /* What is set stays. */
  g_hash_table_insert (kept, g_strdup ("date"), g_strdup ("2020-01-01"));
  g_hash_table_insert (kept, g_strdup ("source_type"), g_strdup (""));
  pl_document_metadata_guess (prose_report, kept);
  g_assert_cmpstr (g_hash_table_lookup (kept, "date"), ==, "2020-01-01");
  g_assert_cmpstr (g_hash_table_lookup (kept, "source_type"), ==, "summary");
}

/* A text of about a megabyte segments in linear time. */
static void
test_large (void)
{
  g_autoptr(GString) text = g_string_new ("Report of a long meeting\n\n");
  g_autoptr(GPtrArray) statements = NULL;
  static const char * const states[] = { "Japan", "Brazil", "Kenya", "the Russian Federation", "Fiji" };
  static const char * const entities[] = { "Japan", "Brazil", "Kenya", "Russian Federation", "Fiji" };
  guint n = 0;
  gint64 started;

  while (text->len < 1024 * 1024)
    {
      g_string_append_printf (text, "The representative of %s stated that the norms matter 😀 中文.\n\n"
                                    "She added that capacity building should continue.\n\n",
                              states[n % G_N_ELEMENTS (states)]);
      n++;
    }

  started = g_get_monotonic_time ();
  statements = pl_segmenter_segment (text->str, NULL);
  g_test_message ("segmented %" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " us",
                  text->len, g_get_monotonic_time () - started);
  /* Each statement holds its speaker's two paragraphs. */
  g_assert_cmpuint (statements->len, ==, 1 + n);
  for (guint i = 0; i < n; i++)
    {
      PlStatement *reported = g_ptr_array_index (statements, 1 + i);

      g_assert_cmpstr (reported->entity, ==, entities[i % G_N_ELEMENTS (entities)]);
      if (i + 1 < n)
        g_assert_cmpuint (((PlStatement *)g_ptr_array_index (statements, 2 + i))->start, >, reported->end);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/speakers/prose-report", test_prose_report);
  g_test_add_func ("/speakers/prose-continuation-by-name", test_prose_continuation_by_name);
  g_test_add_func ("/speakers/transcript", test_transcript);
  g_test_add_func ("/speakers/transcript-blank-line-after-label", test_transcript_blank_line_after_label);
  g_test_add_func ("/speakers/transcript-lines", test_transcript_lines);
  g_test_add_func ("/speakers/transcript-inline-labels-in-one-block", test_transcript_inline_labels_in_one_block);
  g_test_add_func ("/speakers/transcript-named-chair", test_transcript_named_chair);
  g_test_add_func ("/speakers/press-release", test_press_release);
  g_test_add_func ("/speakers/aligned-is-not-on-behalf", test_aligned_is_not_on_behalf);
  g_test_add_func ("/speakers/empty-and-blank", test_empty_and_blank);
  g_test_add_func ("/speakers/plain-document", test_plain_document);
  g_test_add_func ("/speakers/code-point-offsets", test_code_point_offsets);
  g_test_add_func ("/speakers/two-speakers-in-one-paragraph", test_two_speakers_in_one_paragraph);
  g_test_add_func ("/speakers/late-attribution", test_late_attribution);
  g_test_add_func ("/speakers/continuations", test_continuations);
  g_test_add_func ("/speakers/machine-summary", test_machine_summary);
  g_test_add_func ("/speakers/persons", test_persons);
  g_test_add_func ("/speakers/project-persons", test_project_persons);
  g_test_add_func ("/speakers/chair-by-name", test_chair_by_name);
  g_test_add_func ("/speakers/speeches-and-joint-statements", test_speeches_and_joint_statements);
  g_test_add_func ("/speakers/not-statements", test_not_statements);
  g_test_add_func ("/speakers/verbatim-record", test_verbatim_record);
  g_test_add_func ("/speakers/demo-report", test_demo_report);
  g_test_add_func ("/speakers/demo-transcript", test_demo_transcript);
  g_test_add_func ("/speakers/demo-press-release", test_demo_press_release);
  g_test_add_func ("/speakers/corpus-meeting-report", test_corpus_meeting_report);
  g_test_add_func ("/speakers/corpus-news-article", test_corpus_news_article);
  g_test_add_func ("/speakers/metadata-guess", test_metadata_guess);
  g_test_add_func ("/speakers/large", test_large);

  return g_test_run ();
}
