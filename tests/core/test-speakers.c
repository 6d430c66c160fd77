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
  g_test_add_func ("/speakers/demo-report", test_demo_report);
  g_test_add_func ("/speakers/demo-transcript", test_demo_transcript);
  g_test_add_func ("/speakers/demo-press-release", test_demo_press_release);
  g_test_add_func ("/speakers/corpus-meeting-report", test_corpus_meeting_report);
  g_test_add_func ("/speakers/corpus-news-article", test_corpus_news_article);
  g_test_add_func ("/speakers/metadata-guess", test_metadata_guess);
  g_test_add_func ("/speakers/large", test_large);

  return g_test_run ();
}
