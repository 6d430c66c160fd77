/* test-provenance.c — outcome documents, reuse candidates from a project, links, provenance
 *
 * The project of pl-test-provenance.h: two transcripts and three outcome documents.  The
 * cases: an exact copy, a passage with edits, one outcome passage drawing on two statements,
 * front matter and outcome documents never proposed; outcome marks and links added, removed
 * and undone; the provenance of the final report by paragraph, delegation and group, its
 * versions in the drafts and their word diffs; the links in the exports.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "pl-error.h"
#include "pl-exporter.h"
#include "pl-project-links.h"
#include "pl-provenance.h"
#include "pl-refi.h"
#include "pl-test-provenance.h"
#include "pl-test-util.h"
#include "pl-text.h"

typedef struct
{
  char      *dir;
  char      *path;
  PlProject *project;
  gint64     transcript_1;
  gint64     transcript_2;
  gint64     zero_draft;
  gint64     revised_draft;
  gint64     final_report;
  gint64     coder_id;
} Fixture;

static gint64
add_document (PlProject  *project,
              const char *title,
              const char *text,
              const char *date)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  PlDocument *document;

  if (date != NULL)
    g_hash_table_insert (metadata, g_strdup ("date"), g_strdup (date));
  document = pl_project_add_document_full (project, title, text, NULL, metadata, &error);
  g_assert_no_error (error);
  return pl_document_get_id (document);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("plenary-provenance-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "p.plenary", NULL);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->transcript_1 = add_document (f->project, "Session 1", PL_TEST_TRANSCRIPT_1, "2021-01-10");
  f->transcript_2 = add_document (f->project, "Session 2", PL_TEST_TRANSCRIPT_2, "2021-02-20");
  f->zero_draft = add_document (f->project, "Zero draft", PL_TEST_ZERO_DRAFT, NULL);
  f->revised_draft = add_document (f->project, "Revised draft", PL_TEST_REVISED_DRAFT, NULL);
  f->final_report = add_document (f->project, "Final report", PL_TEST_FINAL_REPORT, NULL);
  f->coder_id = pl_project_ensure_coder (f->project, "Ana", &error)->id;
  g_assert_no_error (error);
}

static void
mark_outcomes (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pl_project_set_outcome (f->project, f->final_report, PL_OUTCOME_FINAL, "2021-03-12", &error));
  g_assert_true (pl_project_set_outcome (f->project, f->zero_draft, PL_OUTCOME_DRAFT, "2021-02-01", &error));
  g_assert_true (pl_project_set_outcome (f->project, f->revised_draft, PL_OUTCOME_REVISED_DRAFT, "2021-02-25", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->project);
  pl_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
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

static char *
slice (PlProject *project,
       gint64     document_id,
       guint      start,
       guint      end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = pl_project_dup_document_text (project, document_id, &error);

  g_assert_no_error (error);
  return pl_text_slice (text, start, end);
}

/* The candidates of statement @index of @document_id. */
static GPtrArray *
candidates_of (GArray *candidates,
               gint64  document_id,
               guint   index)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < candidates->len; i++)
    {
      PlProvenanceCandidate *c = &g_array_index (candidates, PlProvenanceCandidate, i);

      if (c->document_id == document_id && c->statement_index == index)
        g_ptr_array_add (found, c);
    }
  return found;
}

static GArray *
find (Fixture *f,
      gint64   outcome)
{
  g_autoptr(GError) error = NULL;
  GArray *candidates = pl_provenance_find_candidates (f->project, outcome, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (candidates);
  return candidates;
}

/* Outcome documents */

static void
test_outcome_marks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlOutcome) outcome = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  PlOutcomeKind kind;

  g_assert_null (pl_project_get_outcome (f->project, f->final_report, &error));
  g_assert_no_error (error);

  mark_outcomes (f);
  outcome = pl_project_get_outcome (f->project, f->final_report, &error);
  g_assert_no_error (error);
  g_assert_cmpint (outcome->kind, ==, PL_OUTCOME_FINAL);
  g_assert_cmpstr (outcome->date, ==, "2021-03-12");

  /* Oldest first, whatever order they were marked in. */
  outcomes = pl_project_list_outcomes (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 3);
  g_assert_cmpint (((PlOutcome *) outcomes->pdata[0])->document_id, ==, f->zero_draft);
  g_assert_cmpint (((PlOutcome *) outcomes->pdata[1])->document_id, ==, f->revised_draft);
  g_assert_cmpint (((PlOutcome *) outcomes->pdata[2])->document_id, ==, f->final_report);

  /* A date that is not one is refused and changes nothing. */
  g_assert_false (pl_project_set_outcome (f->project, f->final_report, PL_OUTCOME_FINAL, "12 March", &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pl_project_set_outcome (f->project, f->final_report, PL_OUTCOME_FINAL, "2021-02-30", &error));
  g_clear_error (&error);

  /* Unmarking, and undoing it. */
  g_assert_true (pl_project_set_outcome (f->project, f->final_report, PL_OUTCOME_NONE, NULL, &error));
  g_clear_pointer (&outcome, pl_outcome_free);
  g_assert_null (pl_project_get_outcome (f->project, f->final_report, &error));
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_no_error (error);
  outcome = pl_project_get_outcome (f->project, f->final_report, &error);
  g_assert_nonnull (outcome);
  g_assert_cmpstr (outcome->date, ==, "2021-03-12");

  /* The next undo takes away the mark made last, the revised draft's. */
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_null (pl_project_get_outcome (f->project, f->revised_draft, &error));
  g_assert_true (pl_project_redo (f->project, &error));
  g_clear_pointer (&outcome, pl_outcome_free);
  outcome = pl_project_get_outcome (f->project, f->revised_draft, &error);
  g_assert_cmpint (outcome->kind, ==, PL_OUTCOME_REVISED_DRAFT);

  g_assert_true (pl_outcome_kind_from_string ("revised-draft", &kind));
  g_assert_cmpint (kind, ==, PL_OUTCOME_REVISED_DRAFT);
  g_assert_false (pl_outcome_kind_from_string ("zero", &kind));
  g_assert_cmpstr (pl_outcome_kind_to_string (PL_OUTCOME_FINAL), ==, "final");
}

/* Candidates */

static void
test_exact_copy (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GPtrArray) brazil = NULL;
  g_autofree char *source = NULL;
  g_autofree char *outcome = NULL;
  const PlProvenanceCandidate *c;
  guint start, end;

  mark_outcomes (f);
  candidates = find (f, f->final_report);
  brazil = candidates_of (candidates, f->transcript_1, 2);
  g_assert_cmpuint (brazil->len, ==, 1);
  c = brazil->pdata[0];

  /* Offsets are those of the statement's document and of the outcome document. */
  locate (PL_TEST_TRANSCRIPT_1, PL_TEST_BRAZIL_PROPOSAL, &start, &end);
  g_assert_cmpuint (c->start, ==, start);
  g_assert_cmpuint (c->end, ==, end);
  locate (PL_TEST_FINAL_REPORT, PL_TEST_BRAZIL_PROPOSAL, &start, &end);
  g_assert_cmpuint (c->outcome_start, ==, start);
  g_assert_cmpuint (c->outcome_end, ==, end);
  g_assert_cmpfloat (c->score, >, 0.999);
  g_assert_cmpuint (c->words, ==, 25);

  source = slice (f->project, c->document_id, c->start, c->end);
  outcome = slice (f->project, f->final_report, c->outcome_start, c->outcome_end);
  g_assert_cmpstr (source, ==, outcome);

  /* Best first. */
  for (guint i = 1; i < candidates->len; i++)
    g_assert_cmpfloat (g_array_index (candidates, PlProvenanceCandidate, i - 1).score, >=,
                       g_array_index (candidates, PlProvenanceCandidate, i).score);
}

static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GPtrArray) kenya = NULL;
  g_autoptr(GPtrArray) brazil = NULL;
  g_autoptr(GPtrArray) japan = NULL;
  g_autofree char *outcome = NULL;
  const PlProvenanceCandidate *c;

  mark_outcomes (f);
  candidates = find (f, f->final_report);

  /* Words inserted ("transparent", "fully") and changed ("each" → "every"). */
  kenya = candidates_of (candidates, f->transcript_1, 3);
  g_assert_cmpuint (kenya->len, ==, 1);
  c = kenya->pdata[0];
  g_assert_cmpfloat (c->score, <, 1.0);
  g_assert_cmpfloat (c->score, >=, PL_REUSE_DEFAULT_THRESHOLD);
  outcome = slice (f->project, f->final_report, c->outcome_start, c->outcome_end);
  g_assert_true (g_str_has_prefix (outcome, "Capacity-building should be demand-driven, transparent"));
  g_assert_true (g_str_has_suffix (outcome, "beneficiary State"));

  /* Brazil's second wording ("As we said before, … should designate …") is proposed too,
   * with a lower score: the same words from two statements. */
  brazil = candidates_of (candidates, f->transcript_2, 2);
  g_assert_cmpuint (brazil->len, ==, 1);
  g_assert_cmpfloat (((PlProvenanceCandidate *) brazil->pdata[0])->score, <, 1.0);

  /* Japan shares nothing with the report. */
  japan = candidates_of (candidates, f->transcript_2, 3);
  g_assert_cmpuint (japan->len, ==, 0);
}

static void
test_two_statements_one_passage (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GPtrArray) kenya = NULL;
  g_autoptr(GPtrArray) netherlands = NULL;
  const PlProvenanceCandidate *k, *n;
  guint start, end;

  mark_outcomes (f);
  candidates = find (f, f->final_report);
  kenya = candidates_of (candidates, f->transcript_1, 3);
  netherlands = candidates_of (candidates, f->transcript_1, 4);
  g_assert_cmpuint (kenya->len, ==, 1);
  g_assert_cmpuint (netherlands->len, ==, 1);
  k = kenya->pdata[0];
  n = netherlands->pdata[0];

  /* Both lie in paragraph 2, one after the other. */
  locate (PL_TEST_FINAL_REPORT, "2. Capacity-building", &start, &end);
  g_assert_cmpuint (k->outcome_start, ==, start + 3);
  g_assert_cmpuint (n->outcome_start, >, k->outcome_end);
  g_assert_cmpfloat (n->score, >, 0.999);
  locate (PL_TEST_TRANSCRIPT_1, PL_TEST_NETHERLANDS_LAW, &start, &end);
  g_assert_cmpuint (n->start, ==, start);
  g_assert_cmpuint (n->end, ==, end);
}

static void
test_never_proposed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) unmarked = NULL;
  g_autoptr(GArray) longer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProvenanceSearch) search = NULL;
  PlReuseOptions options;

  mark_outcomes (f);
  candidates = find (f, f->final_report);
  for (guint i = 0; i < candidates->len; i++)
    {
      const PlProvenanceCandidate *c = &g_array_index (candidates, PlProvenanceCandidate, i);

      /* Neither the transcripts' headings (front matter) nor the drafts. */
      g_assert_cmpuint (c->statement_index, !=, 1);
      g_assert_true (c->document_id == f->transcript_1 || c->document_id == f->transcript_2);
    }
  g_assert_cmpuint (candidates->len, ==, 4);

  /* Unmarked, a draft is a document like any other: its statements are proposed. */
  g_assert_true (pl_project_set_outcome (f->project, f->revised_draft, PL_OUTCOME_NONE, NULL, &error));
  unmarked = find (f, f->final_report);
  g_assert_cmpuint (unmarked->len, >, candidates->len);

  /* A longer minimum drops the short passages: none here is 30 words long. */
  search = pl_provenance_search_new (f->project, f->final_report, &error);
  g_assert_no_error (error);
  pl_reuse_options_init (&options);
  options.min_words = 30;
  longer = pl_provenance_search_run (search, &options);
  g_assert_cmpuint (longer->len, ==, 0);

  g_assert_null (pl_provenance_find_candidates (f->project, 999, NULL, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GArray **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = pl_provenance_search_run_finish (NULL, result, &error);
  g_assert_no_error (error);
}

static void
test_search_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProvenanceSearch) search = NULL;
  g_autoptr(GArray) candidates = NULL;
  const PlProvenanceCandidate *best;
  const PlStatement *statement;

  mark_outcomes (f);
  search = pl_provenance_search_new (f->project, f->final_report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_provenance_search_get_n_sources (search), ==, 5);

  pl_provenance_search_run_async (search, NULL, NULL, on_found, &candidates);
  while (candidates == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (candidates->len, ==, 4);

  best = &g_array_index (candidates, PlProvenanceCandidate, 0);
  statement = pl_provenance_search_get_statement (search, best);
  g_assert_nonnull (statement);
  g_assert_cmpuint (statement->index, ==, best->statement_index);
  g_assert_nonnull (pl_provenance_search_get_document_text (search, best->document_id));
  g_assert_cmpstr (pl_provenance_search_get_outcome_text (search), ==, PL_TEST_FINAL_REPORT);
}

/* Links */

static PlLinkSpec
spec_of (Fixture                     *f,
         const PlProvenanceCandidate *c)
{
  return (PlLinkSpec) {
    .source_document_id = c->document_id,
    .source_start = c->start,
    .source_end = c->end,
    .outcome_document_id = f->final_report,
    .outcome_start = c->outcome_start,
    .outcome_end = c->outcome_end,
    .origin = PL_LINK_ORIGIN_CANDIDATE,
    .score = c->score,
    .words = c->words,
    .coder_id = f->coder_id,
  };
}

/* Accepts every candidate for the final report; returns how many. */
static guint
accept_all (Fixture *f)
{
  g_autoptr(GArray) candidates = find (f, f->final_report);

  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr(GError) error = NULL;
      PlLinkSpec spec = spec_of (f, &g_array_index (candidates, PlProvenanceCandidate, i));
      g_autoptr(PlLink) link = pl_project_add_link (f->project, &spec, &error);

      g_assert_no_error (error);
      g_assert_nonnull (link);
    }
  return candidates->len;
}

static guint
count_links (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = pl_project_list_links (f->project, 0, &error);

  g_assert_no_error (error);
  return links->len;
}

static void
test_links_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(PlLink) link = NULL;
  g_autoptr(PlLink) found = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *label = NULL;
  g_autofree char *guid = NULL;
  PlLinkSpec spec;

  mark_outcomes (f);
  candidates = find (f, f->final_report);
  spec = spec_of (f, &g_array_index (candidates, PlProvenanceCandidate, 0));

  /* Candidates are not links until accepted. */
  g_assert_cmpuint (count_links (f), ==, 0);
  link = pl_project_add_link (f->project, &spec, &error);
  g_assert_no_error (error);
  g_assert_true (g_uuid_string_is_valid (link->guid));
  g_assert_cmpint (link->coder_id, ==, f->coder_id);
  g_assert_nonnull (link->created);
  g_assert_cmpint (link->origin, ==, PL_LINK_ORIGIN_CANDIDATE);
  guid = g_strdup (link->guid);
  label = pl_project_dup_undo_label (f->project);
  g_assert_cmpstr (label, ==, "Accept Reuse");
  links = pl_project_list_links (f->project, f->final_report, &error);
  g_assert_nonnull (pl_provenance_candidate_find_link (&g_array_index (candidates, PlProvenanceCandidate, 0),
                                                       f->final_report, links));

  /* The same two passages again. */
  g_assert_null (pl_project_add_link (f->project, &spec, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* Undo takes it away, redo brings back the same link. */
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_cmpuint (count_links (f), ==, 0);
  g_assert_true (pl_project_redo (f->project, &error));
  found = pl_project_find_link (f->project, guid, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (fabs (found->score - spec.score), <, 1e-9);
  g_assert_cmpuint (found->words, ==, spec.words);

  /* Removing (rejecting after accepting) is undone by putting it back, GUID and all. */
  g_assert_true (pl_project_remove_link (f->project, guid, &error));
  g_assert_cmpuint (count_links (f), ==, 0);
  g_assert_true (pl_project_undo (f->project, &error));
  g_clear_pointer (&found, pl_link_free);
  found = pl_project_find_link (f->project, guid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->created, ==, link->created);
  g_assert_cmpint (found->coder_id, ==, f->coder_id);

  /* The history survives a restart. */
  g_clear_object (&f->project);
  f->project = pl_project_open (f->path, PL_PROJECT_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_links (f), ==, 1);
  g_assert_true (pl_project_undo (f->project, &error));
  g_assert_cmpuint (count_links (f), ==, 0);
}

static void
test_links_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlLink) manual = NULL;
  PlLinkSpec spec = {
    .source_document_id = f->transcript_1, .source_start = 10, .source_end = 20,
    .outcome_document_id = f->transcript_1, .outcome_start = 30, .outcome_end = 40,
    .origin = PL_LINK_ORIGIN_MANUAL, .score = -1,
  };

  g_assert_null (pl_project_add_link (f->project, &spec, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  spec.outcome_document_id = f->final_report;
  spec.outcome_end = 100000;
  g_assert_null (pl_project_add_link (f->project, &spec, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID);
  g_clear_error (&error);

  spec.outcome_end = 40;
  spec.outcome_document_id = 999;
  g_assert_null (pl_project_add_link (f->project, &spec, &error));
  g_assert_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A manual link has no score. */
  spec.outcome_document_id = f->final_report;
  manual = pl_project_add_link (f->project, &spec, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (manual->score, <, 0);
  g_assert_cmpint (manual->coder_id, ==, 0);
  g_assert_cmpint (manual->origin, ==, PL_LINK_ORIGIN_MANUAL);

  /* Removing a document removes its links. */
  g_assert_true (pl_project_remove_document (f->project, f->transcript_1, &error));
  g_assert_cmpuint (count_links (f), ==, 0);
}

/* Provenance */

static const PlProvenanceDelegation *
delegation_named (PlProvenance *provenance,
                  const char   *name)
{
  GPtrArray *delegations = pl_provenance_get_delegations (provenance);

  for (guint i = 0; i < delegations->len; i++)
    {
      const PlProvenanceDelegation *d = g_ptr_array_index (delegations, i);

      if (g_strcmp0 (d->delegation, name) == 0)
        return d;
    }
  g_assert_not_reached ();
}

static void
test_provenance (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProvenance) provenance = NULL;
  g_autoptr(PlChartData) chart = NULL;
  GPtrArray *paragraphs;
  const PlProvenanceParagraph *p;
  const PlProvenanceDelegation *d;

  mark_outcomes (f);
  g_assert_cmpuint (accept_all (f), ==, 4);
  provenance = pl_provenance_new (f->project, f->final_report, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pl_provenance_get_text (provenance), ==, PL_TEST_FINAL_REPORT);
  g_assert_cmpuint (pl_provenance_get_sources (provenance)->len, ==, 4);

  /* The heading and three numbered paragraphs. */
  paragraphs = pl_provenance_get_paragraphs (provenance);
  g_assert_cmpuint (paragraphs->len, ==, 4);

  /* Paragraph 1: Brazil, twice; the earliest statement is the one of 10 January. */
  p = paragraphs->pdata[1];
  g_assert_true (g_str_has_prefix (p->text, "1. States concluded"));
  g_assert_cmpuint (p->sources->len, ==, 2);
  g_assert_cmpuint (p->delegations->len, ==, 1);
  g_assert_cmpstr (((PlProvenanceSource *) p->delegations->pdata[0])->delegation, ==, "Brazil");
  g_assert_cmpstr (((PlProvenanceSource *) p->delegations->pdata[0])->regional_group, ==,
                   "Latin American and Caribbean");
  g_assert_cmpint (p->earliest->link->source_document_id, ==, f->transcript_1);
  g_assert_cmpstr (p->earliest->date, ==, "2021-01-10");

  /* Paragraph 2: Kenya, then the Netherlands. */
  p = paragraphs->pdata[2];
  g_assert_cmpuint (p->delegations->len, ==, 2);
  g_assert_cmpstr (((PlProvenanceSource *) p->delegations->pdata[0])->delegation, ==, "Kenya");
  g_assert_cmpstr (((PlProvenanceSource *) p->delegations->pdata[1])->regional_group, ==,
                   "Western European and Others");

  /* Paragraph 3: nobody. */
  p = paragraphs->pdata[3];
  g_assert_cmpuint (p->sources->len, ==, 0);
  g_assert_null (p->earliest);

  /* Brazil: two statements, both reached the text; Japan: one statement, none. */
  d = delegation_named (provenance, "Brazil");
  g_assert_cmpuint (d->statements, ==, 2);
  g_assert_cmpuint (d->statements_linked, ==, 2);
  g_assert_cmpfloat (d->share, ==, 1.0);
  g_assert_cmpuint (d->words, ==, 25 + 24);
  d = delegation_named (provenance, "Japan");
  g_assert_cmpuint (d->statements, ==, 1);
  g_assert_cmpuint (d->statements_linked, ==, 0);
  g_assert_cmpfloat (d->share, ==, 0.0);
  /* Most words first. */
  g_assert_cmpstr (((PlProvenanceDelegation *) pl_provenance_get_delegations (provenance)->pdata[0])->delegation,
                   ==, "Brazil");

  chart = pl_provenance_dup_group_chart (provenance);
  g_assert_cmpuint (pl_chart_data_get_n_rows (chart), ==, 5);
  g_assert_cmpstr (pl_chart_data_get_row_key (chart, 3), ==, "Latin American and Caribbean");
  g_assert_cmpfloat (pl_chart_data_get_value (chart, 3, 0), ==, 49);
  g_assert_cmpfloat (pl_chart_data_get_value (chart, 1, 0), ==, 0);
  g_assert_cmpfloat (pl_chart_data_get_value (chart, 0, 0), >, 0);
}

static void
test_provenance_statements_by_date (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProvenance) provenance = NULL;

  /* Dated before the second session, the report could not draw on it: Brazil made one
   * statement by then. */
  g_assert_true (pl_project_set_outcome (f->project, f->final_report, PL_OUTCOME_FINAL, "2021-02-01", &error));
  provenance = pl_provenance_new (f->project, f->final_report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (delegation_named (provenance, "Brazil")->statements, ==, 1);
}

static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlProvenance) provenance = NULL;
  const PlProvenanceParagraph *p;
  const PlProvenanceVersion *v;

  mark_outcomes (f);
  provenance = pl_provenance_new (f->project, f->final_report, &error);
  g_assert_no_error (error);

  /* Paragraph 1 has a version in each draft, oldest first, and itself last. */
  p = pl_provenance_get_paragraphs (provenance)->pdata[1];
  g_assert_cmpuint (p->versions->len, ==, 3);
  v = p->versions->pdata[0];
  g_assert_cmpint (v->document_id, ==, f->zero_draft);
  g_assert_cmpint (v->kind, ==, PL_OUTCOME_DRAFT);
  g_assert_cmpstr (v->date, ==, "2021-02-01");
  g_assert_true (g_str_has_prefix (v->text, "1. States proposed"));
  v = p->versions->pdata[1];
  g_assert_cmpint (v->document_id, ==, f->revised_draft);
  g_assert_true (g_str_has_prefix (v->text, "1. States concluded"));
  v = p->versions->pdata[2];
  g_assert_true (v->current);
  g_assert_cmpstr (v->text, ==, p->text);

  /* Seen from the revised draft, the final report comes after it. */
  g_clear_pointer (&provenance, pl_provenance_free);
  provenance = pl_provenance_new (f->project, f->revised_draft, &error);
  p = pl_provenance_get_paragraphs (provenance)->pdata[2];
  g_assert_cmpuint (p->versions->len, ==, 3);
  g_assert_true (((PlProvenanceVersion *) p->versions->pdata[1])->current);
  g_assert_cmpint (((PlProvenanceVersion *) p->versions->pdata[2])->document_id, ==, f->final_report);
}

/* Puts the new text back together from a diff, and the old one's deleted words. */
static void
check_diff (const char *old_text,
            const char *new_text,
            const char *expected)
{
  g_autoptr(GArray) spans = pl_provenance_diff (old_text, new_text);
  g_autoptr(GString) rebuilt = g_string_new (NULL);
  g_autoptr(GString) marked = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      const PlDiffSpan *span = &g_array_index (spans, PlDiffSpan, i);
      g_autofree char *text = pl_text_slice (span->op == PL_DIFF_DELETED ? old_text : new_text,
                                             span->start, span->end);

      if (span->op != PL_DIFF_DELETED)
        g_string_append (rebuilt, text);
      g_string_append_printf (marked, span->op == PL_DIFF_EQUAL ? "%s"
                                      : span->op == PL_DIFF_INSERTED ? "{+%s}" : "{-%s}", text);
    }
  g_assert_cmpstr (rebuilt->str, ==, new_text);
  g_assert_cmpstr (marked->str, ==, expected);
}

static void
test_diff (void)
{
  check_diff ("a b c d", "a x c d", "a {-b }{+x }c d");
  check_diff ("States proposed that every State designate a point.",
              "States concluded that every State should designate a global point.",
              "States {-proposed }{+concluded }that every State {+should }designate a {+global }point.");
  /* Case, punctuation and spelling are not changes of wording. */
  check_diff ("Gender-sensitive programmes.", "gender sensitive programs;", "gender sensitive programs;");
  check_diff ("", "New words.", "{+New words.}");
  check_diff ("Old words.", "", "{-Old words.}");
  check_diff ("Same.", "Same.", "Same.");
  check_diff ("Le centre «sûr».", "Le centre sûr et ouvert.", "Le centre sûr {+et ouvert.}");
}

/* Exports */

static char *
export_to (Fixture               *f,
           PlExportFormat         format,
           const char            *name,
           const PlExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (pl_export_full (f->project, &(PlExportSpec) { format, file, options }, NULL, &error));
  g_assert_no_error (error);
  return path;
}

/* The fields of the CSV rows of @text (RFC 4180, CRLF row ends). */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) value = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (value, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (value, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',' || (*p == '\r' && p[1] == '\n'))
        {
          g_ptr_array_add (row, g_strdup (value->str));
          g_string_truncate (value, 0);
          if (*p == '\r')
            {
              p++;
              g_ptr_array_add (row, NULL);
              g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
            }
        }
      else
        g_string_append_c (value, *p);
    }
  return rows;
}

static const char *
field (GPtrArray  *rows,
       guint       row,
       const char *column)
{
  char **header = rows->pdata[0];

  for (guint k = 0; header[k] != NULL; k++)
    if (g_str_equal (header[k], column))
      return ((char **) rows->pdata[row])[k];
  g_assert_not_reached ();
}

static void
test_export_links_csv (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gboolean brazil = FALSE;

  mark_outcomes (f);
  accept_all (f);
  path = export_to (f, PL_EXPORT_FORMAT_LINKS, "links.csv", NULL);
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  rows = parse_csv (text);
  g_assert_cmpuint (rows->len, ==, 1 + 4);
  g_assert_cmpuint (g_strv_length (rows->pdata[0]), ==, 30);
  g_assert_cmpstr (((char **) rows->pdata[0])[0], ==, "link_guid");

  for (guint r = 1; r < rows->len; r++)
    {
      g_assert_cmpstr (field (rows, r, "outcome_kind"), ==, "final");
      g_assert_cmpstr (field (rows, r, "outcome_date"), ==, "2021-03-12");
      g_assert_cmpstr (field (rows, r, "origin"), ==, "candidate");
      g_assert_cmpstr (field (rows, r, "coder"), ==, "Ana");
      g_assert_true (g_uuid_string_is_valid (field (rows, r, "link_guid")));
      if (g_str_equal (field (rows, r, "entity"), "Brazil") && g_str_equal (field (rows, r, "date"), "2021-01-10"))
        {
          brazil = TRUE;
          g_assert_cmpstr (field (rows, r, "statement_index"), ==, "2");
          g_assert_cmpstr (field (rows, r, "regional_group"), ==, "Latin American and Caribbean");
          g_assert_cmpstr (field (rows, r, "text"), ==, PL_TEST_BRAZIL_PROPOSAL);
          g_assert_cmpstr (field (rows, r, "outcome_text"), ==, PL_TEST_BRAZIL_PROPOSAL);
          g_assert_cmpstr (field (rows, r, "score"), ==, "1.0000");
          g_assert_cmpstr (field (rows, r, "words"), ==, "25");
        }
    }
  g_assert_true (brazil);
}

static void
test_export_json_links (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PlExportOptions) options = pl_export_options_new ();
  g_autofree char *path = NULL;
  g_autofree char *filtered = NULL;
  JsonArray *links;
  JsonObject *link;

  mark_outcomes (f);
  accept_all (f);
  path = export_to (f, PL_EXPORT_FORMAT_JSON, "dataset.json", NULL);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  links = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "links");
  g_assert_cmpuint (json_array_get_length (links), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      link = json_array_get_object_element (links, i);
      g_assert_cmpint (json_object_get_int_member (link, "outcome_document_id"), ==, f->final_report);
      g_assert_cmpstr (json_object_get_string_member (link, "outcome_kind"), ==, "final");
      g_assert_cmpstr (json_object_get_string_member (link, "coder"), ==, "Ana");
      g_assert_true (json_object_get_double_member (link, "score") > 0.6);
      g_assert_cmpstr (json_object_get_string_member (link, "text"), !=, "");
    }

  /* A link is exported when both its documents are. */
  options->filter.document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (options->filter.document_ids, f->transcript_2);
  g_array_append_val (options->filter.document_ids, f->final_report);
  filtered = export_to (f, PL_EXPORT_FORMAT_JSON, "filtered.json", options);
  g_assert_true (json_parser_load_from_file (parser, filtered, &error));
  links = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "links");
  g_assert_cmpuint (json_array_get_length (links), ==, 1);
  link = json_array_get_object_element (links, 0);
  g_assert_cmpint (json_object_get_int_member (link, "document_id"), ==, f->transcript_2);
  g_assert_cmpint (json_object_get_int_member (link, "statement_index"), ==, 2);
}

/* Asserts that @xml is valid against the official project schema, when ../shared is there. */
static void
assert_valid_qde (GBytes *xml)
{
  const char *shared = g_getenv ("PLENARY_SHARED_DIR");
  g_autofree char *xsd = shared != NULL ? g_build_filename (shared, "refi-qda", "schemas",
                                                            "Project-mrt2019.xsd", NULL) : NULL;
  xmlSchemaParserCtxt *parser;
  xmlSchema *schema;
  xmlSchemaValidCtxt *validator;
  xmlDoc *doc;

  if (xsd == NULL || !g_file_test (xsd, G_FILE_TEST_EXISTS))
    {
      g_test_message ("The REFI-QDA schema is not there: not validated.");
      return;
    }

  doc = xmlReadMemory (g_bytes_get_data (xml, NULL), (int) g_bytes_get_size (xml), "project.qde",
                       NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  parser = xmlSchemaNewParserCtxt (xsd);
  schema = xmlSchemaParse (parser);
  g_assert_nonnull (schema);
  validator = xmlSchemaNewValidCtxt (schema);
  g_assert_cmpint (xmlSchemaValidateDoc (validator, doc), ==, 0);
  xmlSchemaFreeValidCtxt (validator);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
  xmlFreeDoc (doc);
}

static void
test_export_qdpx_links (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) qde = NULL;
  g_autoptr(PlProject) copy = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(PlRefiReport) again = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(PlOutcome) outcome = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) copied_outcomes = NULL;
  const char *xml;

  mark_outcomes (f);
  accept_all (f);
  path = export_to (f, PL_EXPORT_FORMAT_QDPX, "project.qdpx", NULL);
  file = g_file_new_for_path (path);
  qde = pl_refi_read_project_qde (file, &error);
  g_assert_no_error (error);
  xml = g_bytes_get_data (qde, NULL);
  g_assert_nonnull (g_strstr_len (xml, g_bytes_get_size (qde), "<Links>"));
  g_assert_nonnull (g_strstr_len (xml, g_bytes_get_size (qde), "direction=\"OneWay\""));
  /* The score, words and origin, and the outcome marks, are in plenary/project.json: no
   * text of Plenary's own in what other tools show. */
  g_assert_null (g_strstr_len (xml, g_bytes_get_size (qde), "[plenary]"));
  g_assert_null (g_strstr_len (xml, g_bytes_get_size (qde), "link-origin"));
  assert_valid_qde (qde);

  /* Read back into an empty project: the same links, GUIDs and all. */
  copy_path = g_build_filename (f->dir, "copy.plenary", NULL);
  copy = pl_project_open (copy_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = pl_refi_import (copy, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_links, ==, 4);
  for (guint i = 0; i < report->not_imported->len; i++)
    g_assert_null (strstr (g_ptr_array_index (report->not_imported, i), "link"));
  for (guint i = 0; i < report->not_imported->len; i++)
    g_assert_null (strstr (g_ptr_array_index (report->not_imported, i), "free quotations"));

  links = pl_project_list_links (f->project, 0, &error);
  copied = pl_project_list_links (copy, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copied->len, ==, links->len);
  for (guint i = 0; i < links->len; i++)
    {
      const PlLink *a = links->pdata[i];
      const PlLink *b = copied->pdata[i];

      g_assert_cmpstr (a->guid, ==, b->guid);
      g_assert_cmpuint (a->source_start, ==, b->source_start);
      g_assert_cmpuint (a->source_end, ==, b->source_end);
      g_assert_cmpuint (a->outcome_start, ==, b->outcome_start);
      g_assert_cmpuint (a->outcome_end, ==, b->outcome_end);
      g_assert_cmpuint (a->words, ==, b->words);
      g_assert_cmpint (a->origin, ==, b->origin);
      g_assert_cmpfloat (fabs (a->score - b->score), <, 1e-9);
      g_assert_cmpstr (a->created, ==, b->created);
      g_assert_cmpstr (pl_project_find_coder (copy, b->coder_id)->name, ==, "Ana");
    }
  outcome = pl_project_get_outcome (copy, links->len > 0 ? ((PlLink *) copied->pdata[0])->outcome_document_id : 0,
                                    &error);
  g_assert_nonnull (outcome);
  g_assert_cmpint (outcome->kind, ==, PL_OUTCOME_FINAL);
  g_assert_cmpstr (outcome->date, ==, "2021-03-12");

  /* The drafts, which no link reaches, are outcome documents in the copy too. */
  outcomes = pl_project_list_outcomes (f->project, &error);
  g_assert_no_error (error);
  copied_outcomes = pl_project_list_outcomes (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outcomes->len, ==, 3);
  g_assert_cmpuint (copied_outcomes->len, ==, outcomes->len);
  for (guint i = 0; i < outcomes->len; i++)
    {
      const PlOutcome *a = outcomes->pdata[i];
      const PlOutcome *b = copied_outcomes->pdata[i];

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->date, ==, b->date);
    }

  /* Imported again, nothing is added twice. */
  again = pl_refi_import (copy, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_links, ==, 0);
  g_clear_pointer (&copied, g_ptr_array_unref);
  copied = pl_project_list_links (copy, 0, &error);
  g_assert_cmpuint (copied->len, ==, links->len);
}

/* A file of an earlier version of Plenary, which carried the link's score, words and
 * origin, and the outcome document's kind and date, in "[plenary]" lines of the two
 * selections' Descriptions: still read as they were meant. */
static const char earlier_links_qde[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"old\" origin=\"Plenary 0.0.9\">\n"
  " <Users><User guid=\"1f8a1907-7e42-4739-8610-a676b4d1c001\" name=\"Ann\" id=\"A\"/></Users>\n"
  " <Sources>\n"
  "  <TextSource guid=\"1f8a1907-7e42-4739-8610-a676b4d1c002\" name=\"Session\">\n"
  "   <PlainTextContent>Kenya:\nWe call for confidence-building measures now.\n</PlainTextContent>\n"
  "   <PlainTextSelection guid=\"1f8a1907-7e42-4739-8610-a676b4d1c003\" name=\"confidence-building measures\""
  " startPosition=\"19\" endPosition=\"47\" creatingUser=\"1f8a1907-7e42-4739-8610-a676b4d1c001\""
  " creationDateTime=\"2021-03-01T10:00:00Z\">\n"
  "    <Description>[plenary] {\"type\":\"link-origin\",\"link\":\"1f8a1907-7e42-4739-8610-a676b4d1c005\","
  "\"origin\":\"candidate\",\"score\":0.75,\"words\":3}</Description>\n"
  "   </PlainTextSelection>\n"
  "  </TextSource>\n"
  "  <TextSource guid=\"1f8a1907-7e42-4739-8610-a676b4d1c006\" name=\"Draft\">\n"
  "   <PlainTextContent>1. States take confidence-building measures.\n</PlainTextContent>\n"
  "   <PlainTextSelection guid=\"1f8a1907-7e42-4739-8610-a676b4d1c004\" name=\"confidence-building measures\""
  " startPosition=\"15\" endPosition=\"43\">\n"
  "    <Description>[plenary] {\"type\":\"link-target\",\"link\":\"1f8a1907-7e42-4739-8610-a676b4d1c005\","
  "\"outcome_kind\":\"revised_draft\",\"outcome_date\":\"2021-03-12\"}</Description>\n"
  "   </PlainTextSelection>\n"
  "  </TextSource>\n"
  " </Sources>\n"
  " <Links><Link guid=\"1f8a1907-7e42-4739-8610-a676b4d1c005\" name=\"Reused in\" direction=\"OneWay\""
  " originGUID=\"1f8a1907-7e42-4739-8610-a676b4d1c003\" targetGUID=\"1f8a1907-7e42-4739-8610-a676b4d1c004\"/>"
  "</Links>\n"
  "</Project>\n";

static void
test_import_earlier_links (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *qde_path = g_build_filename (f->dir, "earlier.qde", NULL);
  g_autofree char *copy_path = g_build_filename (f->dir, "earlier.plenary", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (qde_path);
  g_autoptr(PlProject) copy = NULL;
  g_autoptr(PlRefiReport) report = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(PlOutcome) outcome = NULL;
  const PlLink *link;
  g_autofree char *passage = NULL;

  g_assert_true (g_file_set_contents (qde_path, earlier_links_qde, -1, &error));
  copy = pl_project_open (copy_path, PL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = pl_refi_import (copy, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_links, ==, 1);
  g_assert_cmpuint (report->n_notes, ==, 0);
  g_assert_cmpuint (report->not_imported->len, ==, 0);

  links = pl_project_list_links (copy, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  link = links->pdata[0];
  g_assert_cmpstr (link->guid, ==, "1f8a1907-7e42-4739-8610-a676b4d1c005");
  g_assert_cmpint (link->origin, ==, PL_LINK_ORIGIN_CANDIDATE);
  g_assert_cmpfloat (fabs (link->score - 0.75), <, 1e-9);
  g_assert_cmpuint (link->words, ==, 3);
  g_assert_cmpstr (link->created, ==, "2021-03-01T10:00:00Z");
  g_assert_cmpstr (pl_project_find_coder (copy, link->coder_id)->name, ==, "Ann");
  passage = slice (copy, link->source_document_id, link->source_start, link->source_end);
  g_assert_cmpstr (passage, ==, "confidence-building measures");

  outcome = pl_project_get_outcome (copy, link->outcome_document_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (outcome);
  g_assert_cmpint (outcome->kind, ==, PL_OUTCOME_REVISED_DRAFT);
  g_assert_cmpstr (outcome->date, ==, "2021-03-12");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/provenance/outcome-marks", test_outcome_marks);
  ADD ("/provenance/candidates/exact-copy", test_exact_copy);
  ADD ("/provenance/candidates/edits", test_edits);
  ADD ("/provenance/candidates/two-statements-one-passage", test_two_statements_one_passage);
  ADD ("/provenance/candidates/never-proposed", test_never_proposed);
  ADD ("/provenance/candidates/async", test_search_async);
  ADD ("/provenance/links/undo", test_links_undo);
  ADD ("/provenance/links/refused", test_links_refused);
  ADD ("/provenance/report", test_provenance);
  ADD ("/provenance/report/statements-by-date", test_provenance_statements_by_date);
  ADD ("/provenance/versions", test_versions);
  ADD ("/provenance/export/links-csv", test_export_links_csv);
  ADD ("/provenance/export/json", test_export_json_links);
  ADD ("/provenance/export/qdpx", test_export_qdpx_links);
  ADD ("/provenance/import/earlier-qdpx", test_import_earlier_links);
#undef ADD
  g_test_add_func ("/provenance/diff", test_diff);

  return g_test_run ();
}
