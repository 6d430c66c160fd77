/* reuse-corpus.c — a synthetic corpus for the reuse benchmark
 *
 * Statements: a heading, "Thank you, Chair." and paragraphs of sentences.  A sentence is a
 * template whose slots are drawn from lists of subjects, verbs, adjectives, nouns, fields
 * and qualifiers (British spelling, as delegations write), most with the specifics real
 * statements give (numbers, years, regions, partners); one in ten is a stock sentence and
 * about two in five hold common phrasing ("the Charter of the United Nations",
 * "international peace and security") that most statements share.
 *
 * Outcome: numbered paragraphs in the Chair's voice.  Planted passages are runs of 8–60
 * words of a random statement from the start of one of its own sentences (not a stock
 * sentence, which hundreds of statements hold word for word, so that no finder could tell
 * whose it is), with 1 + n/15 edits (n: its words) drawn among: words inserted ("as
 * appropriate", "inter alia"), words dropped, two clauses swapped, British spelling made
 * American; the first word capitalised.  Decoys string two or three common phrases
 * together with the Chair's connectives.  The rest is the Chair's procedural prose,
 * drawing on the same topics.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "reuse-corpus.h"

#define LIST(name, ...) static const char * const name[] = { __VA_ARGS__ }
#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

LIST (countries,
      "Japan", "Brazil", "Kenya", "the Netherlands", "Türkiye", "Viet Nam", "Côte d'Ivoire",
      "the Republic of Korea", "Mexico", "Egypt", "Australia", "Canada", "India", "Estonia",
      "Cuba", "the United Kingdom", "the United States", "the Russian Federation", "China",
      "Fiji", "Ghana", "Singapore", "Switzerland", "Chile", "the Islamic Republic of Iran",
      "Indonesia", "Nigeria", "Pakistan", "Norway", "Portugal", "São Tomé and Príncipe",
      "Colombia", "Morocco", "Senegal", "Malaysia", "New Zealand", "Argentina", "Jordan");

LIST (ordinals, "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth");

LIST (subjects,
      "States", "Member States", "all States", "developing countries", "regional organisations",
      "the private sector", "national CERTs", "small island developing States",
      "the international community", "civil society organisations", "the Secretariat",
      "competent national authorities", "technical experts", "the Working Group",
      "our delegation", "the African Union", "ASEAN Member States", "academia",
      "industry partners", "donor countries", "the technical community",
      "law enforcement agencies", "parliamentarians", "national cybersecurity agencies",
      "the Office for Disarmament Affairs", "computer emergency response teams",
      "Pacific island countries", "least developed countries", "designated points of contact",
      "sectoral regulators", "ministries of foreign affairs", "defence ministries",
      "interested delegations", "the Chair", "landlocked developing countries",
      "national statistical offices", "research institutions", "women-led organisations");

LIST (modals,
      "should", "must", "could", "are encouraged to", "are invited to", "may wish to",
      "need to", "will continue to", "are urged to", "stand ready to", "intend to",
      "have agreed to", "are expected to", "remain committed to", "seek to", "ought to",
      "are requested to", "have begun to", "would be well placed to", "plan to");

/* verb, its participle */
static const char * const verbs[][2] = {
  { "strengthen", "strengthened" }, { "develop", "developed" }, { "promote", "promoted" },
  { "support", "supported" }, { "establish", "established" }, { "enhance", "enhanced" },
  { "implement", "implemented" }, { "consider", "considered" },
  { "operationalise", "operationalised" }, { "prioritise", "prioritised" },
  { "recognise", "recognised" }, { "share", "shared" }, { "exchange", "exchanged" },
  { "coordinate", "coordinated" }, { "facilitate", "facilitated" }, { "finalise", "finalised" },
  { "standardise", "standardised" }, { "harmonise", "harmonised" }, { "review", "reviewed" },
  { "assess", "assessed" }, { "protect", "protected" }, { "safeguard", "safeguarded" },
  { "mobilise", "mobilised" }, { "institutionalise", "institutionalised" },
  { "publicise", "publicised" }, { "utilise", "utilised" }, { "maximise", "maximised" },
  { "organise", "organised" }, { "analyse", "analysed" }, { "map", "mapped" },
  { "pilot", "piloted" }, { "fund", "funded" }, { "test", "tested" }, { "update", "updated" },
  { "expand", "expanded" }, { "deepen", "deepened" }, { "integrate", "integrated" },
  { "document", "documented" }, { "catalogue", "catalogued" }, { "streamline", "streamlined" },
  { "scale up", "scaled up" }, { "translate", "translated" }, { "disseminate", "disseminated" },
  { "monitor", "monitored" }, { "evaluate", "evaluated" }, { "designate", "designated" },
  { "convene", "convened" }, { "host", "hosted" }, { "sustain", "sustained" },
  { "clarify", "clarified" }, { "label", "labelled" }, { "model", "modelled" },
  { "signal", "signalled" }, { "channel", "channelled" }, { "fuel", "fuelled" },
  { "revise", "revised" }, { "endorse", "endorsed" }, { "reinforce", "reinforced" },
  { "localise", "localised" }, { "digitise", "digitised" },
};

LIST (adjectives,
      "voluntary", "non-binding", "practical", "concrete", "sustainable", "inclusive",
      "transparent", "regional", "national", "global", "technical", "legal", "effective",
      "targeted", "demand-driven", "gender-sensitive", "trusted", "secure", "resilient",
      "accessible", "predictable", "comprehensive", "timely", "coordinated", "specialised",
      "multilateral", "bilateral", "neutral", "common", "shared", "joint", "periodic", "annual",
      "structured", "flexible", "tailored", "cross-regional", "interoperable", "open",
      "peaceful", "stable", "standardised", "modular", "scalable", "evidence-based",
      "cost-effective", "confidential", "public", "dedicated", "complementary", "iterative",
      "favourable", "neighbouring", "operational", "preliminary", "detailed", "robust",
      "minimum", "baseline", "tiered", "decentralised", "harmonised", "prioritised",
      "well-resourced", "long-term", "short-term", "multi-year", "sector-specific",
      "risk-based", "rights-based", "needs-based", "community-led", "state-of-the-art",
      "low-cost", "mutually reinforcing", "forward-looking", "action-oriented",
      "politically binding", "legally binding", "peer-reviewed", "open-source", "recognised");

LIST (nouns,
      "norms", "measures", "capacities", "frameworks", "mechanisms", "guidelines", "exercises",
      "templates", "assessments", "commitments", "principles", "partnerships", "programmes",
      "initiatives", "dialogues", "consultations", "procedures", "channels", "platforms",
      "repositories", "workshops", "curricula", "standards", "protocols", "networks",
      "institutions", "policies", "strategies", "agreements", "arrangements", "checklists",
      "indicators", "scenarios", "simulations", "toolkits", "fellowships", "secondments",
      "roadmaps", "benchmarks", "registries", "surveys", "pilots", "manuals", "briefings",
      "timelines", "catalogues", "centres", "hotlines", "modules", "portals", "datasets",
      "taxonomies", "study visits", "peer reviews", "reports", "inventories", "matrices",
      "baselines", "clinics", "laboratories", "academies", "hubs", "missions", "studies",
      "seminars", "courses", "training sessions", "handbooks", "forums", "licences",
      "defence strategies", "labelling schemes", "counselling services", "modelling tools",
      "organisations", "behaviours", "endeavours", "tabletop exercises", "threat briefings");

LIST (field_modifiers,
      "national", "regional", "municipal", "cross-border", "public", "private", "rural",
      "coastal", "military", "civilian", "legacy", "emerging", "shared", "critical", "digital",
      "smart", "offshore", "remote", "federal", "local", "small-scale", "large-scale",
      "island", "urban", "commercial", "humanitarian", "medical", "educational", "industrial",
      "agricultural", "space-based", "subsea", "mobile", "financial", "electoral");

LIST (field_nouns,
      "infrastructure", "information infrastructure", "supply chains", "incident response",
      "vulnerability disclosure", "health services", "banking systems", "undersea cables",
      "satellite systems", "data protection", "energy grids", "water systems", "data flows",
      "identity systems", "industrial control systems", "transport networks",
      "telecommunications networks", "cloud services", "software supply", "domain name systems",
      "payment systems", "hospitals", "railway signalling", "border management",
      "customs systems", "election management", "broadcasting", "research networks",
      "courts", "central banks", "nuclear facilities", "food systems", "fibre networks",
      "emergency services", "ports", "aviation systems", "postal services", "schools",
      "laboratories", "pipelines", "weather services", "archives", "libraries",
      "labour markets", "defence networks", "data centres", "trade platforms");

LIST (prepositions,
      "in the area of", "with regard to", "in relation to", "for the protection of",
      "to address threats to", "to reduce risks to", "to build the resilience of",
      "in support of", "for", "on", "concerning", "to secure", "relevant to", "across",
      "affecting", "serving", "linked to", "in the field of", "to strengthen the security of",
      "that underpin");

LIST (qualifiers,
      "on a voluntary basis", "in a timely manner", "at the national level",
      "at the regional and subregional levels", "through existing mechanisms",
      "taking into account national circumstances", "with full respect for human rights",
      "building on previous reports", "without prejudice to future discussions",
      "as appropriate", "in close cooperation with the private sector",
      "within available resources", "by the end of the next cycle",
      "before the next substantive session", "under the auspices of the Working Group",
      "with the support of donors", "in all official languages", "on a pilot basis",
      "in consultation with regional bodies", "in a gender-responsive manner",
      "through South-South cooperation", "with a view to consensus", "step by step",
      "upon request", "in an open and transparent way", "through a dedicated trust fund",
      "using agreed templates", "with clear timelines", "in a manner consistent with national law",
      "subject to national legislation", "with measurable outcomes", "every two years",
      "in the coming months", "with the participation of all regions", "at minimal cost");

LIST (units,
      "officials", "experts", "trainers", "analysts", "institutions", "countries", "agencies",
      "operators", "incident handlers", "diplomats", "judges", "prosecutors", "students",
      "engineers", "women experts", "young professionals", "regulators", "auditors");

LIST (regions,
      "the Pacific", "the Caribbean", "West Africa", "East Africa", "Central Asia",
      "Southeast Asia", "the Western Balkans", "Latin America", "the Sahel", "the Gulf region",
      "the Mekong subregion", "the Horn of Africa", "South Asia", "the Andean region",
      "the Baltic Sea region", "North Africa", "the Indian Ocean", "Central America",
      "the South Caucasus", "Southern Africa", "the Great Lakes region", "the Arctic");

LIST (partners,
      "INTERPOL", "the ITU", "the OSCE", "the OAS", "ASEAN", "the African Union Commission",
      "the Global Forum on Cyber Expertise", "FIRST", "UNIDIR", "UNODC", "the World Bank",
      "the Council of Europe", "the Commonwealth", "the Pacific Islands Forum", "ECOWAS",
      "the League of Arab States", "the Red Cross movement", "regional development banks");

/* Phrasing that most statements share. */
LIST (common,
      "international peace and security", "the use of ICTs", "the Charter of the United Nations",
      "responsible State behaviour", "in accordance with international law",
      "confidence-building measures", "capacity-building", "the United Nations",
      "the framework for responsible State behaviour in the use of ICTs",
      "an open, secure, stable, accessible and peaceful ICT environment",
      "the 2015 and 2021 consensus reports", "the Open-ended Working Group",
      "information and communications technologies",
      "the maintenance of international peace and security",
      "the context of international security");

LIST (openings,
      "Recalling the Charter of the United Nations",
      "In the interest of international peace and security",
      "Building on the framework for responsible State behaviour in the use of ICTs",
      "Guided by the 2015 and 2021 consensus reports",
      "In accordance with international law",
      "As a contribution to confidence-building measures",
      "In the context of international security",
      "With a view to an open, secure, stable, accessible and peaceful ICT environment");

LIST (stock_sentences,
      "We reaffirm that international law, and in particular the Charter of the United Nations, "
      "is applicable and essential to maintaining peace and stability.",
      "Our delegation aligns itself with the statement delivered on behalf of the group.",
      "We thank the Chair for the revised draft and for the open and inclusive process.",
      "Capacity-building is essential to the implementation of the framework for responsible "
      "State behaviour in the use of ICTs.",
      "Confidence-building measures contribute to international peace and security and to "
      "the prevention of conflict.",
      "We support the establishment of a regular institutional dialogue under the auspices "
      "of the United Nations.",
      "The use of ICTs in a manner inconsistent with international law threatens "
      "international peace and security.",
      "We remain committed to an open, secure, stable, accessible and peaceful ICT environment.");

LIST (insertions,
      "also", "further", "as appropriate,", "inter alia", "in particular", "all relevant",
      "where possible", "voluntary", "including", "among others,", "where relevant",
      "in this regard,", "and other stakeholders", "as a matter of priority");

LIST (chair_subjects,
      "The Working Group", "Delegations", "Several delegations", "Many States",
      "Some delegations", "The Chair", "A number of States", "Participants");

LIST (chair_verbs,
      "discussed", "exchanged views on", "took note of", "considered", "welcomed",
      "reviewed", "held an interactive discussion on", "heard briefings on",
      "recalled the discussions on", "noted the proposals on");

LIST (chair_tails,
      "during its third substantive session", "at its informal meetings",
      "in the intersessional period", "on the basis of the Chair's non-paper",
      "in the thematic discussions", "at the request of several delegations",
      "and agreed to continue the discussion", "as reflected in the annex");

LIST (decoy_links,
      "and", "as well as", "together with", "in relation to", "in the light of",
      "with due regard to", "in connection with", "and reaffirmed");

LIST (headings,
      "A. Introduction", "B. Existing and potential threats", "C. Rules, norms and principles",
      "D. International law", "E. Confidence-building measures", "F. Capacity-building",
      "G. Regular institutional dialogue", "H. Conclusions and recommendations");

/* British spellings of the lists above and their American forms. */
static const char * const american[][2] = {
  { "analyse", "analyze" }, { "analysed", "analyzed" }, { "behaviour", "behavior" },
  { "behaviours", "behaviors" }, { "catalogue", "catalog" }, { "catalogued", "cataloged" },
  { "catalogues", "catalogs" }, { "centres", "centers" }, { "channelled", "channeled" },
  { "counselling", "counseling" }, { "decentralised", "decentralized" },
  { "defence", "defense" }, { "digitise", "digitize" }, { "digitised", "digitized" },
  { "endeavours", "endeavors" }, { "favourable", "favorable" }, { "fibre", "fiber" },
  { "finalise", "finalize" }, { "finalised", "finalized" }, { "fuelled", "fueled" },
  { "harmonise", "harmonize" }, { "harmonised", "harmonized" },
  { "institutionalise", "institutionalize" }, { "institutionalised", "institutionalized" },
  { "labelled", "labeled" }, { "labelling", "labeling" }, { "labour", "labor" },
  { "licences", "licenses" }, { "localise", "localize" }, { "localised", "localized" },
  { "maximise", "maximize" }, { "maximised", "maximized" }, { "mobilise", "mobilize" },
  { "mobilised", "mobilized" }, { "modelled", "modeled" }, { "modelling", "modeling" },
  { "neighbouring", "neighboring" }, { "operationalise", "operationalize" },
  { "operationalised", "operationalized" }, { "organisations", "organizations" },
  { "organise", "organize" }, { "organised", "organized" }, { "prioritise", "prioritize" },
  { "prioritised", "prioritized" }, { "programmes", "programs" }, { "publicise", "publicize" },
  { "publicised", "publicized" }, { "recognise", "recognize" }, { "recognised", "recognized" },
  { "signalled", "signaled" }, { "signalling", "signaling" }, { "specialised", "specialized" },
  { "standardise", "standardize" }, { "standardised", "standardized" },
  { "utilise", "utilize" }, { "utilised", "utilized" },
};

/* A text being written, with the range of each word in code points and in bytes. */
typedef struct
{
  GString *text;
  guint    length;        /* code points */
  GArray  *words;         /* guint quadruples: start, end, byte start, byte end */
  GArray  *starts;        /* guint: the first word of each sentence that is not a stock one */
} Writer;

static void
writer_init (Writer *w)
{
  w->text = g_string_new (NULL);
  w->length = 0;
  w->words = g_array_new (FALSE, FALSE, sizeof (guint));
  w->starts = g_array_new (FALSE, FALSE, sizeof (guint));
}

/* Frees @w, returning its text. */
static char *
writer_finish (Writer *w)
{
  g_array_unref (w->words);
  g_array_unref (w->starts);
  return g_string_free (w->text, FALSE);
}

static void
writer_raw (Writer     *w,
            const char *text)
{
  g_string_append (w->text, text);
  w->length += g_utf8_strlen (text, -1);
}

#define WORD_FIELD(w, k, field) g_array_index ((w)->words, guint, 4 * (k) + (field))

/* Appends @sentence (words separated by single spaces), recording its words, and its start
 * unless it is @stock. */
static void
writer_sentence (Writer     *w,
                 const char *sentence,
                 gboolean    stock)
{
  g_auto(GStrv) words = g_strsplit (sentence, " ", -1);
  guint n = w->words->len / 4;

  if (!stock)
    g_array_append_val (w->starts, n);
  for (guint k = 0; words[k] != NULL; k++)
    {
      guint range[4];

      if (k > 0)
        writer_raw (w, " ");
      range[0] = w->length;
      range[2] = w->text->len;
      writer_raw (w, words[k]);
      range[1] = w->length;
      range[3] = w->text->len;
      g_array_append_vals (w->words, range, 4);
    }
}

static void
capitalise (GString *s)
{
  if (s->len > 0 && g_ascii_islower (s->str[0]))
    s->str[0] = g_ascii_toupper (s->str[0]);
}

/* Specifics a delegation gives: numbers, years, regions, partners. */
static void
append_detail (GString *s,
               GRand   *rand)
{
  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
      g_string_append_printf (s, " for %d %s", g_rand_int_range (rand, 2, 251), PICK (rand, units));
      break;
    case 1:
      g_string_append_printf (s, " by %d", g_rand_int_range (rand, 2025, 2036));
      break;
    case 2:
      g_string_append_printf (s, " within %d months", g_rand_int_range (rand, 3, 37));
      break;
    case 3:
      g_string_append_printf (s, " in %s", PICK (rand, regions));
      break;
    case 4:
      g_string_append_printf (s, " with %s", PICK (rand, partners));
      break;
    case 5:
      g_string_append_printf (s, " in %d countries of %s", g_rand_int_range (rand, 2, 41),
                              PICK (rand, regions));
      break;
    default:
      g_string_append_printf (s, " together with %s and %s", PICK (rand, partners),
                              PICK (rand, partners));
      break;
    }
}

/* "tailored [robust] toolkits" */
static void
append_object (GString *s,
               GRand   *rand)
{
  g_string_append (s, PICK (rand, adjectives));
  if (g_rand_int_range (rand, 0, 10) < 4)
    g_string_append_printf (s, " %s", PICK (rand, adjectives));
  g_string_append_printf (s, " %s", PICK (rand, nouns));
}

/* "coastal energy grids [in the Sahel]" */
static void
append_field (GString *s,
              GRand   *rand)
{
  g_string_append_printf (s, "%s %s", PICK (rand, field_modifiers), PICK (rand, field_nouns));
  if (g_rand_int_range (rand, 0, 10) < 3)
    g_string_append_printf (s, " in %s", PICK (rand, regions));
}

static char *
statement_sentence (GRand    *rand,
                    gboolean *stock)
{
  GString *s = g_string_new (NULL);
  guint shape = g_rand_int_range (rand, 0, 10);
  guint verb = g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs));
  guint other = g_rand_int_range (rand, 0, G_N_ELEMENTS (verbs));

  *stock = shape == 0;
  switch (shape)
    {
    case 0:
      g_string_append (s, PICK (rand, stock_sentences));
      return g_string_free (s, FALSE);
    case 1:
      g_string_append_printf (s, "%s, %s %s %s ", PICK (rand, openings), PICK (rand, subjects),
                              PICK (rand, modals), verbs[verb][0]);
      append_object (s, rand);
      g_string_append_printf (s, " %s ", PICK (rand, prepositions));
      append_field (s, rand);
      g_string_append_printf (s, " %s", PICK (rand, qualifiers));
      break;
    case 2:
      g_string_append_printf (s, "To %s ", verbs[verb][0]);
      append_field (s, rand);
      g_string_append_printf (s, ", %s %s %s ", PICK (rand, subjects), PICK (rand, modals),
                              verbs[other][0]);
      append_object (s, rand);
      g_string_append (s, " and ");
      append_object (s, rand);
      break;
    case 3:
      g_string_append_printf (s, "We propose that %s %s ", PICK (rand, subjects), verbs[verb][0]);
      append_object (s, rand);
      g_string_append_printf (s, " %s ", PICK (rand, prepositions));
      append_field (s, rand);
      g_string_append (s, ", and that ");
      append_object (s, rand);
      g_string_append_printf (s, " be %s %s", verbs[other][1], PICK (rand, qualifiers));
      break;
    case 4:
      append_object (s, rand);
      g_string_append_printf (s, " %s ", PICK (rand, prepositions));
      append_field (s, rand);
      g_string_append_printf (s, " would contribute to %s, %s", PICK (rand, common),
                              PICK (rand, qualifiers));
      break;
    case 5:
      g_string_append_printf (s, "%s %s %s the ", PICK (rand, subjects), PICK (rand, modals),
                              verbs[verb][0]);
      append_object (s, rand);
      g_string_append (s, " of ");
      append_field (s, rand);
      g_string_append (s, ", in particular ");
      append_object (s, rand);
      g_string_append_printf (s, ", %s", PICK (rand, qualifiers));
      break;
    case 6:
      g_string_append (s, "Our delegation supports ");
      append_object (s, rand);
      g_string_append_printf (s, " %s ", PICK (rand, prepositions));
      append_field (s, rand);
      g_string_append_printf (s, " and calls on %s to %s ", PICK (rand, subjects), verbs[verb][0]);
      append_object (s, rand);
      g_string_append_printf (s, " %s", PICK (rand, qualifiers));
      break;
    case 7:
      g_string_append_printf (s, "%s %s %s ", PICK (rand, subjects), PICK (rand, modals),
                              verbs[verb][0]);
      append_object (s, rand);
      g_string_append_printf (s, " for %s, %s %s %s", PICK (rand, common), PICK (rand, qualifiers),
                              PICK (rand, prepositions), PICK (rand, common));
      break;
    default:
      g_string_append_printf (s, "%s %s %s ", PICK (rand, subjects), PICK (rand, modals),
                              verbs[verb][0]);
      append_object (s, rand);
      g_string_append_printf (s, " %s ", PICK (rand, prepositions));
      append_field (s, rand);
      g_string_append_printf (s, " %s", PICK (rand, qualifiers));
      break;
    }
  if (g_rand_int_range (rand, 0, 10) < 7)
    append_detail (s, rand);
  g_string_append_c (s, '.');
  capitalise (s);
  return g_string_free (s, FALSE);
}

static Writer
write_statement (GRand *rand,
                 guint  number,
                 guint  chars)
{
  Writer w;

  writer_init (&w);
  writer_raw (&w, "Statement by ");
  writer_raw (&w, PICK (rand, countries));
  writer_raw (&w, " at the ");
  writer_raw (&w, ordinals[number % G_N_ELEMENTS (ordinals)]);
  writer_raw (&w, " substantive session of the Open-ended Working Group on security of and in "
                  "the use of information and communications technologies\n\nThank you, Chair.");
  while (w.text->len < chars)
    {
      guint n = g_rand_int_range (rand, 3, 7);

      writer_raw (&w, "\n\n");
      for (guint k = 0; k < n; k++)
        {
          gboolean stock;
          g_autofree char *sentence = statement_sentence (rand, &stock);

          if (k > 0)
            writer_raw (&w, " ");
          writer_sentence (&w, sentence, stock);
        }
    }
  return w;
}

/* Edits */

static const char *
american_of (const char *word)
{
  for (guint k = 0; k < G_N_ELEMENTS (american); k++)
    if (g_ascii_strcasecmp (word, american[k][0]) == 0)
      return american[k][1];
  return NULL;
}

static gboolean
americanise (GPtrArray *words)
{
  gboolean changed = FALSE;

  for (guint k = 0; k < words->len; k++)
    {
      char *word = g_ptr_array_index (words, k);
      gsize core = strcspn (word, ",.;");
      g_autofree char *bare = g_strndup (word, core);
      const char *replacement = american_of (bare);

      if (replacement != NULL)
        {
          g_ptr_array_index (words, k) = g_strconcat (replacement, word + core, NULL);
          g_free (word);
          changed = TRUE;
        }
    }
  return changed;
}

static void
insert_words (GRand     *rand,
              GPtrArray *words)
{
  g_auto(GStrv) inserted = g_strsplit (PICK (rand, insertions), " ", -1);
  guint at = g_rand_int_range (rand, 1, words->len);

  for (guint k = 0; inserted[k] != NULL; k++)
    g_ptr_array_insert (words, at + k, g_strdup (inserted[k]));
}

static void
drop_words (GRand     *rand,
            GPtrArray *words)
{
  guint n = words->len < 7 ? 1 : g_rand_int_range (rand, 1, 3);
  guint at;

  if (words->len < 4)
    return;
  at = g_rand_int_range (rand, 1, words->len - n);
  g_ptr_array_remove_range (words, at, n);
}

/* Swaps the passage's two clauses around a comma (or, without one, around its middle). */
static void
swap_clauses (GRand     *rand,
              GPtrArray *words)
{
  g_autoptr(GPtrArray) swapped = g_ptr_array_new ();
  guint cut = 0;

  for (guint k = words->len / 4; k < words->len - words->len / 4 && cut == 0; k++)
    if (k > 0 && g_str_has_suffix (g_ptr_array_index (words, k - 1), ","))
      cut = k;
  if (cut == 0)
    cut = words->len / 2 + g_rand_int_range (rand, -1, 2);
  for (guint k = cut; k < words->len; k++)
    g_ptr_array_add (swapped, g_ptr_array_index (words, k));
  for (guint k = 0; k < cut; k++)
    g_ptr_array_add (swapped, g_ptr_array_index (words, k));
  for (guint k = 0; k < words->len; k++)
    g_ptr_array_index (words, k) = g_ptr_array_index (swapped, k);
}

static guint
edit_passage (GRand     *rand,
              GPtrArray *words)
{
  guint n_edits = 1 + g_rand_int_range (rand, 0, words->len / 15 + 1);

  for (guint e = 0; e < n_edits; e++)
    {
      guint kind = g_rand_int_range (rand, 0, 20);

      if (kind < 6)
        insert_words (rand, words);
      else if (kind < 12)
        drop_words (rand, words);
      else if (kind < 15)
        swap_clauses (rand, words);
      else if (!americanise (words))
        insert_words (rand, words);
    }
  return n_edits;
}

/* The outcome */

typedef enum { ITEM_FILLER, ITEM_PLANTED, ITEM_DECOY } ItemKind;

typedef struct
{
  ItemKind kind;
  char    *text;
  guint    statement;
  guint    source_start;
  guint    source_end;
  guint    words;
  guint    edits;
} Item;

static void
item_clear (gpointer data)
{
  g_free (((Item *) data)->text);
}

static Item
plant (GRand  *rand,
       GArray *statements)
{
  guint s = g_rand_int_range (rand, 0, statements->len);
  const Writer *w = &g_array_index (statements, Writer, s);
  guint n_words = w->words->len / 4;
  guint length = g_rand_int_range (rand, 8, 61);
  guint first;
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  Item item = { ITEM_PLANTED };

  do
    first = g_array_index (w->starts, guint, g_rand_int_range (rand, 0, w->starts->len));
  while (first + length > n_words);

  for (guint k = first; k < first + length; k++)
    g_ptr_array_add (words, g_strndup (w->text->str + WORD_FIELD (w, k, 2),
                                       WORD_FIELD (w, k, 3) - WORD_FIELD (w, k, 2)));
  item.statement = s;
  item.source_start = WORD_FIELD (w, first, 0);
  item.source_end = WORD_FIELD (w, first + length - 1, 1);
  item.words = length;
  item.edits = edit_passage (rand, words);

  for (guint k = 0; k < words->len; k++)
    {
      if (k > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, g_ptr_array_index (words, k));
    }
  capitalise (text);
  if (!g_str_has_suffix (text->str, "."))
    {
      while (text->len > 0 && strchr (",;", text->str[text->len - 1]) != NULL)
        g_string_truncate (text, text->len - 1);
      g_string_append_c (text, '.');
    }
  item.text = g_string_free (g_steal_pointer (&text), FALSE);
  return item;
}

static char *
decoy (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return g_strdup_printf ("%s, the Working Group reaffirmed that %s %s %s are essential to %s.",
                              PICK (rand, openings), PICK (rand, common), PICK (rand, decoy_links),
                              PICK (rand, common), PICK (rand, common));
    case 1:
      return g_strdup_printf ("Delegations underlined the importance of %s, %s %s.",
                              PICK (rand, common), PICK (rand, common), PICK (rand, common));
    case 2:
      return g_strdup_printf ("Many States referred to %s %s %s in %s.",
                              PICK (rand, common), PICK (rand, decoy_links), PICK (rand, common),
                              PICK (rand, common));
    default:
      return g_strdup_printf ("%s was recalled %s %s and %s.", PICK (rand, common),
                              PICK (rand, decoy_links), PICK (rand, common), PICK (rand, common));
    }
}

static char *
filler (GRand *rand)
{
  GString *s = g_string_new (NULL);

  if (g_rand_boolean (rand))
    g_string_append_printf (s, "%s %s %s %s %s, %s.", PICK (rand, chair_subjects),
                            PICK (rand, chair_verbs), PICK (rand, nouns), PICK (rand, prepositions),
                            PICK (rand, field_nouns), PICK (rand, chair_tails));
  else
    g_string_append_printf (s, "%s %s the %s %s of %s %s %s.", PICK (rand, chair_subjects),
                            PICK (rand, chair_verbs), PICK (rand, adjectives), PICK (rand, nouns),
                            PICK (rand, field_modifiers), PICK (rand, field_nouns),
                            PICK (rand, chair_tails));
  return g_string_free (s, FALSE);
}

static void
shuffle (GRand  *rand,
         GArray *items)
{
  for (guint k = items->len; k > 1; k--)
    {
      guint other = g_rand_int_range (rand, 0, k);
      Item swap = g_array_index (items, Item, k - 1);

      g_array_index (items, Item, k - 1) = g_array_index (items, Item, other);
      g_array_index (items, Item, other) = swap;
    }
}

static void
write_outcome (GRand        *rand,
               ReuseCorpus  *corpus,
               GArray       *items)
{
  Writer w;
  guint paragraph = 0, in_paragraph = 0, heading = 0;

  writer_init (&w);
  writer_raw (&w, "Final report of the Open-ended Working Group on security of and in the use "
                  "of information and communications technologies");
  for (guint k = 0; k < items->len; k++)
    {
      Item *item = &g_array_index (items, Item, k);
      guint start;

      if (in_paragraph == 0)
        {
          g_autofree char *number = g_strdup_printf ("\n\n%u. ", ++paragraph);

          if (paragraph % 12 == 1 && heading < G_N_ELEMENTS (headings))
            {
              writer_raw (&w, "\n\n");
              writer_raw (&w, headings[heading++]);
            }
          writer_raw (&w, number);
          in_paragraph = g_rand_int_range (rand, 2, 6);
        }
      else
        writer_raw (&w, " ");
      start = w.length;
      writer_raw (&w, item->text);
      in_paragraph--;

      if (item->kind == ITEM_PLANTED)
        {
          ReusePlanted planted = {
            item->statement, item->source_start, item->source_end, start, w.length,
            item->words, item->edits,
          };

          g_array_append_val (corpus->planted, planted);
        }
      else if (item->kind == ITEM_DECOY)
        {
          guint span[2] = { start, w.length };

          g_array_append_vals (corpus->decoys, span, 2);
        }
    }
  writer_raw (&w, "\n");
  corpus->outcome = writer_finish (&w);
}

ReuseCorpus *
reuse_corpus_new (const ReuseCorpusSpec *spec)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (spec->seed);
  g_autoptr(GArray) statements = g_array_new (FALSE, FALSE, sizeof (Writer));
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  ReuseCorpus *corpus = g_new0 (ReuseCorpus, 1);
  gsize used = 0;

  corpus->statements = g_ptr_array_new_with_free_func (g_free);
  corpus->planted = g_array_new (FALSE, FALSE, sizeof (ReusePlanted));
  corpus->decoys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_set_clear_func (items, item_clear);

  for (guint k = 0; k < spec->n_statements; k++)
    {
      Writer w = write_statement (rand, k, spec->statement_chars);

      corpus->statement_bytes += w.text->len;
      g_array_append_val (statements, w);
    }

  for (guint k = 0; k < spec->n_planted; k++)
    {
      Item item = plant (rand, statements);

      used += strlen (item.text) + 1;
      g_array_append_val (items, item);
    }
  for (guint k = 0; k < spec->n_decoys; k++)
    {
      Item item = { ITEM_DECOY, decoy (rand) };

      used += strlen (item.text) + 1;
      g_array_append_val (items, item);
    }
  while (used < spec->outcome_chars)
    {
      Item item = { ITEM_FILLER, filler (rand) };

      used += strlen (item.text) + 1;
      g_array_append_val (items, item);
    }
  shuffle (rand, items);
  write_outcome (rand, corpus, items);

  for (guint k = 0; k < statements->len; k++)
    g_ptr_array_add (corpus->statements, writer_finish (&g_array_index (statements, Writer, k)));
  return corpus;
}

void
reuse_corpus_free (ReuseCorpus *corpus)
{
  if (corpus == NULL)
    return;
  g_ptr_array_unref (corpus->statements);
  g_free (corpus->outcome);
  g_array_unref (corpus->planted);
  g_array_unref (corpus->decoys);
  g_free (corpus);
}
