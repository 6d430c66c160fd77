/* test-reuse.c — finding statements' wording in an outcome document
 *
 * Small hand-made cases, one for each kind of edit the finder must see through (a copy,
 * words inserted, words dropped, clauses in another order, British spelling, case and
 * punctuation), a decoy that shares only common phrasing, an outcome passage drawing on
 * two statements, code-point offsets in French and Arabic, and the minimum length.  The
 * texts are written for these tests in the manner of the open-ended working group's
 * statements; none is quoted from a real document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pl-reuse.h"

/* Every statement holds one of these phrases at least once, so that they are common. */
static const struct
{
  gint64      id;
  const char *text;
} statements[] = {
  { 101, "Thank you, Chair. In the interest of international peace and security, our "
         "delegation reaffirms that international law applies to the use of ICTs. We propose "
         "that regional points of contact hold quarterly tabletop exercises on ransomware "
         "attacks against hospitals and water utilities." },
  { 102, "Thank you, Chair. Capacity-building in the use of ICTs must remain demand-driven "
         "and respect national ownership. Small island developing States need predictable "
         "funding to staff their national computer emergency response teams, through a "
         "voluntary fund administered by the United Nations." },
  { 103, "We support a global repository of confidence-building measures that lets every "
         "State publish its national cybersecurity strategy and the list of its critical "
         "infrastructure sectors, in the interest of international peace and security." },
  { 104, "The Charter applies in its entirety. In the interest of international peace and "
         "security, our delegation recalls that responsible State behaviour in the use of "
         "ICTs rests on international law." },
  { 105, "The use of ICTs by every delegation bears on international peace and security; in "
         "the interest of international peace and security, the use of ICTs must stay "
         "peaceful." },
  { 106, "Norms of responsible State behaviour should be complemented by a checklist that "
         "helps national agencies protect medical supply chains and electoral commissions "
         "from disruptive operations." },
  { 107, "The centre will run a programme of counselling for defence organisations whose "
         "systems were labelled critical, and will catalogue their behaviour under stress "
         "during the annual exercise." },
};

static PlReuseIndex *
new_index (void)
{
  PlReuseIndex *index = pl_reuse_index_new ();

  for (guint k = 0; k < G_N_ELEMENTS (statements); k++)
    {
      PlReuseSource source = { statements[k].id, statements[k].text, 0 };

      pl_reuse_index_add (index, &source);
    }
  g_assert_cmpuint (pl_reuse_index_get_n_sources (index), ==, G_N_ELEMENTS (statements));
  return index;
}

static const char *
statement_text (gint64 id)
{
  for (guint k = 0; k < G_N_ELEMENTS (statements); k++)
    if (statements[k].id == id)
      return statements[k].text;
  g_assert_not_reached ();
}

/* The code points [start, end) of @needle's first occurrence in @haystack. */
static void
locate (const char *haystack,
        const char *needle,
        guint      *start,
        guint      *end)
{
  const char *at = strstr (haystack, needle);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (haystack, at);
  *end = *start + g_utf8_strlen (needle, -1);
}

/* The candidate of @source_id, asserting there is exactly one. */
static const PlReuseCandidate *
only_candidate_of (GArray *candidates,
                   gint64  source_id)
{
  const PlReuseCandidate *found = NULL;

  for (guint k = 0; k < candidates->len; k++)
    {
      const PlReuseCandidate *c = &g_array_index (candidates, PlReuseCandidate, k);

      if (c->source_id == source_id)
        {
          g_assert_null (found);
          found = c;
        }
    }
  g_assert_nonnull (found);
  return found;
}

static gboolean
has_candidate_of (GArray *candidates,
                  gint64  source_id)
{
  for (guint k = 0; k < candidates->len; k++)
    if (g_array_index (candidates, PlReuseCandidate, k).source_id == source_id)
      return TRUE;
  return FALSE;
}

/* Asserts that @c spans @source_passage of its statement and @outcome_passage of @outcome
 * exactly. */
static void
assert_spans (const PlReuseCandidate *c,
              const char             *source_passage,
              const char             *outcome,
              const char             *outcome_passage)
{
  guint start, end;

  locate (statement_text (c->source_id), source_passage, &start, &end);
  g_assert_cmpuint (c->source_start, ==, start);
  g_assert_cmpuint (c->source_end, ==, end);
  g_assert_cmpuint (c->document_start, ==, start);
  g_assert_cmpuint (c->document_end, ==, end);
  locate (outcome, outcome_passage, &start, &end);
  g_assert_cmpuint (c->outcome_start, ==, start);
  g_assert_cmpuint (c->outcome_end, ==, end);
}

static void
test_fold_word (void)
{
  static const char * const same[][2] = {
    { "behaviour", "behavior" }, { "Behavioural", "behavioral" }, { "favourite", "favorite" },
    { "neighbouring", "neighboring" }, { "organisation", "organization" },
    { "prioritise", "prioritize" }, { "operationalised", "operationalized" },
    { "analyse", "analyze" }, { "labelled", "labeled" }, { "counselling", "counseling" },
    { "counsellor", "counselor" }, { "signalled", "signaled" }, { "defence", "defense" },
    { "licences", "licenses" }, { "dialogue", "dialog" }, { "catalogues", "catalogs" },
    { "programme", "program" }, { "centre", "center" }, { "metres", "meters" },
    { "fibre", "fiber" }, { "judgement", "judgment" }, { "fulfil", "fulfill" },
    { "enrolment", "enrollment" }, { "practise", "practice" },
    { "STATE", "state" }, { "State's", "states" }, { "Défense", "defense" },
    { "CÔTE", "cote" }, { "Türkiye", "turkiye" }, { "ﬁnal", "final" },
    { "الأَمْنُ", "الأمن" }, { "٢٠٢٥", "2025" }, { "Straße", "strasse" },
  };
  static const char * const different[][2] = {
    { "four", "for" }, { "hour", "hor" }, { "filled", "filed" }, { "pulled", "puled" },
    { "called", "caled" }, { "rogue", "rog" }, { "genre", "gener" },
  };

  for (guint k = 0; k < G_N_ELEMENTS (same); k++)
    {
      g_autofree char *a = pl_reuse_fold_word (same[k][0]);
      g_autofree char *b = pl_reuse_fold_word (same[k][1]);

      g_assert_cmpstr (a, ==, b);
    }
  for (guint k = 0; k < G_N_ELEMENTS (different); k++)
    {
      g_autofree char *a = pl_reuse_fold_word (different[k][0]);
      g_autofree char *b = pl_reuse_fold_word (different[k][1]);

      g_assert_cmpstr (a, !=, b);
    }
}

static void
test_exact_copy (void)
{
  g_autoptr(PlReuseIndex) index = new_index ();
  const char *outcome = "12. The Working Group considered several proposals. We propose that "
                        "regional points of contact hold quarterly tabletop exercises on "
                        "ransomware attacks against hospitals and water utilities. Other "
                        "views were expressed.";
  g_autoptr(GArray) candidates = pl_reuse_find (index, outcome, NULL);
  const PlReuseCandidate *c;

  g_assert_cmpuint (candidates->len, ==, 1);
  c = only_candidate_of (candidates, 101);
  assert_spans (c, "We propose that regional points of contact hold quarterly tabletop exercises "
                   "on ransomware attacks against hospitals and water utilities",
                outcome, "We propose that regional points of contact hold quarterly tabletop "
                         "exercises on ransomware attacks against hospitals and water utilities");
  g_assert_cmpuint (c->words, ==, 19);
  g_assert_cmpfloat_with_epsilon (c->score, 1.0, 1e-6);
}

static void
test_words_inserted (void)
{
  g_autoptr(PlReuseIndex) index = new_index ();
  const char *outcome = "Norms of responsible State behaviour should, as appropriate, be "
                        "complemented by a voluntary checklist that helps national agencies "
                        "protect medical supply chains and electoral commissions from disruptive "
                        "operations.";
  g_autoptr(GArray) candidates = pl_reuse_find (index, outcome, NULL);
  const PlReuseCandidate *c;

  g_assert_cmpuint (candidates->len, ==, 1);
  c = only_candidate_of (candidates, 106);
  assert_spans (c, "Norms of responsible State behaviour should be complemented by a checklist "
                   "that helps national agencies protect medical supply chains and electoral "
                   "commissions from disruptive operations",
                outcome, "Norms of responsible State behaviour should, as appropriate, be "
                         "complemented by a voluntary checklist that helps national agencies "
                         "protect medical supply chains and electoral commissions from "
                         "disruptive operations");
  g_assert_cmpuint (c->words, ==, 25);
  g_assert_cmpfloat (c->score, <, 1.0);
  g_assert_cmpfloat (c->score, >, 0.85);
}

static void
test_words_dropped (void)
{
  g_autoptr(PlReuseIndex) index = new_index ();
  const char *outcome = "The Chair suggests that regional points of contact hold tabletop "
                        "exercises on ransomware attacks against hospitals.";
  g_autoptr(GArray) candidates = pl_reuse_find (index, outcome, NULL);
  const PlReuseCandidate *c;

  g_assert_cmpuint (candidates->len, ==, 1);
  c = only_candidate_of (candidates, 101);
  assert_spans (c, "that regional points of contact hold quarterly tabletop exercises on "
                   "ransomware attacks against hospitals",
                outcome, "that regional points of contact hold tabletop exercises on ransomware "
                         "attacks against hospitals");
  g_assert_cmpuint (c->words, ==, 13);
  g_assert_cmpfloat (c->score, >, 0.9);
}

/* The two clauses of a sentence swapped: one candidate spanning both. */
static void
test_clauses_reordered (void)
{
  g_autoptr(PlReuseIndex) index = new_index ();
  const char *outcome = "Through a voluntary fund administered by the United Nations, small "
                        "island developing States need predictable funding to staff their "
                        "national computer emergency response teams.";
  g_autoptr(GArray) candidates = pl_reuse_find (index, outcome, NULL);
  const PlReuseCandidate *c;

  g_assert_cmpuint (candidates->len, ==, 1);
  c = only_candidate_of (candidates, 102);
  assert_spans (c, "Small island developing States need predictable funding to staff their "
                   "national computer emergency response teams, through a voluntary fund "
                   "administered by the United Nations",
                outcome, "Through a voluntary fund administered by the United Nations, small "
                         "island developing States need predictable funding to staff their "
                         "national computer emergency response teams");
  g_assert_cmpuint (c->words, ==, 24);
}

/* American spelling, capitals and no punctuation: still a copy. */
static void
test_spelling_case_punctuation (void)
{
  g_autoptr(PlReuseIndex) index = new_index ();
  const char *outcome = "ANNEX II: the center will run a program of counseling for defense "
                        "organizations whose systems were labeled critical and will catalog "
                        "their behavior under stress";
  g_autoptr(GArray) candidates = pl_reuse_find (index, outcome, NULL);
  const PlReuseCandidate *c;

  g_assert_cmpuint (candidates->len, ==, 1);
  c = only_candidate_of (candidates, 107);
  assert_spans (c, "The centre will run a programme of counselling for defence organisations "
                   "whose systems were labelled critical, and will catalogue their behaviour "
                   "under stress",
                outcome, "the center will run a program of counseling for defense "
                         "organizations whose systems were labeled critical and will catalog "
                         "their behavior under stress");
  g_assert_cmpuint (c->words, ==, 23);
  g_assert_cmpfloat_with_epsilon (c->score, 1.0, 1e-6);
}

/* A sentence made only of phrasing every statement uses is not anyone's proposal. */
static void
test_boilerplate_decoy (void)
{
  g_autoptr(PlReuseIndex) index = new_index ();
  const char *decoy = "Delegations agreed, in the interest of international peace and "
                      "security, that the use of ICTs matters for international peace and "
                      "security.";
  g_autoptr(GArray) candidates = pl_reuse_find (index, decoy, NULL);
  PlReuseOptions options;

  g_assert_cmpuint (candidates->len, ==, 0);

  /* not even when a short passage is allowed */
  pl_reuse_options_init (&options);
  options.min_words = 4;
  options.threshold = 0.1;
  g_clear_pointer (&candidates, g_array_unref);
  candidates = pl_reuse_find (index, decoy, &options);
  g_assert_cmpuint (candidates->len, ==, 0);
}

/* One outcome sentence drawing on two statements: both are proposed. */
static void
test_two_statements (void)
{
  g_autoptr(PlReuseIndex) index = new_index ();
  const char *outcome = "14. Small island developing States need predictable funding to staff "
                        "their national computer emergency response teams, and a global "
                        "repository of confidence-building measures would let every State "
                        "publish its national cybersecurity strategy.";
  g_autoptr(GArray) candidates = pl_reuse_find (index, outcome, NULL);
  const PlReuseCandidate *first, *second;

  g_assert_cmpuint (candidates->len, ==, 2);
  first = only_candidate_of (candidates, 102);
  second = only_candidate_of (candidates, 103);
  assert_spans (first, "Small island developing States need predictable funding to staff "
                       "their national computer emergency response teams",
                outcome, "Small island developing States need predictable funding to staff "
                         "their national computer emergency response teams");
  g_assert_cmpfloat_with_epsilon (first->score, 1.0, 1e-6);
  g_assert_cmpuint (second->outcome_start, >, first->outcome_end);
  g_assert_cmpuint (second->words, >=, 12);
}

/* Offsets are code points: French with accents and dashes, Arabic with its vowel marks
 * written in the outcome only, and a source that starts inside its document. */
static void
test_offsets_non_ascii (void)
{
  g_autoptr(PlReuseIndex) index = pl_reuse_index_new ();
  const char *french = "Merci, Madame la Présidente. La délégation propose — avec l'appui du "
                       "Groupe — un mécanisme régional d'échange d'informations sur les "
                       "incidents touchant les hôpitaux et les réseaux d'énergie.";
  const char *arabic = "شكرا سيدتي الرئيسة. يدعو وفدنا إلى إنشاء شبكة إقليمية لنقاط الاتصال "
                       "من أجل تبادل المعلومات عن الحوادث السيبرانية التي تمس المستشفيات.";
  const char *outcome = "Préambule — « la délégation propose — avec l’appui du Groupe — un "
                        "mécanisme régional d’échange d’informations sur les incidents "
                        "touchant les hôpitaux et les réseaux d’énergie » ; the Group also noted: "
                        "يدعو وفدُنا إلى إنشاءِ شبكةٍ إقليمية لنقاط الاتصال من أجل تبادل "
                        "المعلومات عن الحوادث السيبرانية التي تمس المستشفيات — end.";
  PlReuseSource sources[] = { { 7, french, 1000 }, { 8, arabic, 52 } };
  g_autoptr(GArray) candidates = NULL;
  const PlReuseCandidate *c;
  guint start, end;

  for (guint k = 0; k < G_N_ELEMENTS (sources); k++)
    pl_reuse_index_add (index, &sources[k]);
  candidates = pl_reuse_find (index, outcome, NULL);
  g_assert_cmpuint (candidates->len, ==, 2);

  c = only_candidate_of (candidates, 7);
  locate (french, "La délégation", &start, &end);
  g_assert_cmpuint (c->source_start, ==, start);
  g_assert_cmpuint (c->document_start, ==, start + 1000);
  locate (french, "d'énergie", &start, &end);
  g_assert_cmpuint (c->source_end, ==, end);
  g_assert_cmpuint (c->document_end, ==, end + 1000);
  locate (outcome, "la délégation", &start, &end);
  g_assert_cmpuint (c->outcome_start, ==, start);
  locate (outcome, "d’énergie", &start, &end);
  g_assert_cmpuint (c->outcome_end, ==, end);
  g_assert_cmpfloat_with_epsilon (c->score, 1.0, 1e-6);

  c = only_candidate_of (candidates, 8);
  locate (arabic, "يدعو", &start, &end);
  g_assert_cmpuint (c->source_start, ==, start);
  g_assert_cmpuint (c->document_start, ==, start + 52);
  locate (arabic, "المستشفيات", &start, &end);
  g_assert_cmpuint (c->source_end, ==, end);
  locate (outcome, "يدعو", &start, &end);
  g_assert_cmpuint (c->outcome_start, ==, start);
  locate (outcome, "المستشفيات", &start, &end);
  g_assert_cmpuint (c->outcome_end, ==, end);
  g_assert_cmpuint (c->words, ==, 18);
}

/* A six-word copy is a candidate only when the minimum allows six words. */
static void
test_min_words (void)
{
  g_autoptr(PlReuseIndex) index = new_index ();
  const char *outcome = "The annex lists medical supply chains and electoral commissions among "
                        "the sectors concerned.";
  g_autoptr(GArray) candidates = pl_reuse_find (index, outcome, NULL);
  PlReuseOptions options;

  g_assert_cmpuint (candidates->len, ==, 0);

  pl_reuse_options_init (&options);
  g_assert_cmpuint (options.min_words, ==, PL_REUSE_DEFAULT_MIN_WORDS);
  g_assert_cmpfloat (options.threshold, ==, PL_REUSE_DEFAULT_THRESHOLD);
  options.min_words = 7;
  g_clear_pointer (&candidates, g_array_unref);
  candidates = pl_reuse_find (index, outcome, &options);
  g_assert_cmpuint (candidates->len, ==, 0);

  options.min_words = 6;
  g_clear_pointer (&candidates, g_array_unref);
  candidates = pl_reuse_find (index, outcome, &options);
  g_assert_cmpuint (candidates->len, ==, 1);
  assert_spans (only_candidate_of (candidates, 106),
                "medical supply chains and electoral commissions", outcome,
                "medical supply chains and electoral commissions");
}

/* Sources added after a search take part in the next one; nothing comes of nothing. */
static void
test_index_grows (void)
{
  g_autoptr(PlReuseIndex) index = pl_reuse_index_new ();
  const char *outcome = "States should notify each other of large-scale incidents affecting "
                        "undersea cables within seventy-two hours.";
  PlReuseSource late = { 42, "We suggest that States notify each other of large-scale "
                             "incidents affecting undersea cables within seventy-two hours "
                             "of detection.", 0 };
  g_autoptr(GArray) candidates = pl_reuse_find (index, outcome, NULL);

  g_assert_cmpuint (candidates->len, ==, 0);
  g_clear_pointer (&candidates, g_array_unref);
  candidates = pl_reuse_find (index, "", NULL);
  g_assert_cmpuint (candidates->len, ==, 0);

  pl_reuse_index_add (index, &late);
  g_clear_pointer (&candidates, g_array_unref);
  candidates = pl_reuse_find (index, outcome, NULL);
  g_assert_cmpuint (candidates->len, ==, 1);
  g_assert_cmpuint (only_candidate_of (candidates, 42)->words, ==, 15);
  g_assert_false (has_candidate_of (candidates, 101));
}

/* The shared words of a pair, for showing it side by side. */
static void
test_shared_words (void)
{
  const char *source = "Norms of responsible State behaviour should be complemented by a checklist.";
  const char *outcome = "Norms of responsible state behavior should, as appropriate, be "
                        "complemented by a voluntary checklist.";
  g_autoptr(GArray) pairs = pl_reuse_shared_words (source, outcome);
  const PlReuseWordPair *pair;
  guint start, end;

  g_assert_cmpuint (pairs->len, ==, 11);
  for (guint k = 1; k < pairs->len; k++)
    g_assert_cmpuint (g_array_index (pairs, PlReuseWordPair, k - 1).outcome_start, <,
                      g_array_index (pairs, PlReuseWordPair, k).outcome_start);

  pair = &g_array_index (pairs, PlReuseWordPair, 4);
  locate (source, "behaviour", &start, &end);
  g_assert_cmpuint (pair->source_start, ==, start);
  g_assert_cmpuint (pair->source_end, ==, end);
  locate (outcome, "behavior", &start, &end);
  g_assert_cmpuint (pair->outcome_start, ==, start);
  g_assert_cmpuint (pair->outcome_end, ==, end);

  pair = &g_array_index (pairs, PlReuseWordPair, 10);
  locate (outcome, "checklist", &start, &end);
  g_assert_cmpuint (pair->outcome_start, ==, start);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reuse/fold-word", test_fold_word);
  g_test_add_func ("/reuse/exact-copy", test_exact_copy);
  g_test_add_func ("/reuse/words-inserted", test_words_inserted);
  g_test_add_func ("/reuse/words-dropped", test_words_dropped);
  g_test_add_func ("/reuse/clauses-reordered", test_clauses_reordered);
  g_test_add_func ("/reuse/spelling-case-punctuation", test_spelling_case_punctuation);
  g_test_add_func ("/reuse/boilerplate-decoy", test_boilerplate_decoy);
  g_test_add_func ("/reuse/two-statements", test_two_statements);
  g_test_add_func ("/reuse/offsets-non-ascii", test_offsets_non_ascii);
  g_test_add_func ("/reuse/min-words", test_min_words);
  g_test_add_func ("/reuse/index-grows", test_index_grows);
  g_test_add_func ("/reuse/shared-words", test_shared_words);

  return g_test_run ();
}
