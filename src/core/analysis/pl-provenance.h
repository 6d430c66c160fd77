/* pl-provenance.h — whose words reached an outcome document, and how they changed
 *
 * Three questions about an outcome document (a Chair's draft, a revised draft, a report),
 * answered from the project:
 *
 * - Candidates (pl-provenance.c): which statements' wording reappears in it.  Every
 *   statement of the project is a source (its span of its document; front matter and the
 *   statements of outcome documents left out) for the reuse finder (pl-reuse.h); each
 *   candidate names the statement and both passages.  A search reads the project once and
 *   can be run again with other options, in a worker thread.
 *
 * - Provenance (pl-provenance-report.c): the accepted links of the document, paragraph by
 *   paragraph (the delegations each paragraph reuses, the earliest statement of each), per
 *   delegation (statements linked, words reused, share of its statements that reached the
 *   text) and per regional group (a chart).
 *
 * - Versions (pl-provenance-report.c, pl-provenance-diff.c): each paragraph's wording in the
 *   project's other outcome documents, oldest first (draft → revised draft → final), with a
 *   word diff from one version to the next.
 *
 * Offsets are code points, end-exclusive.  Nothing here changes the project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pl-chart-data.h"
#include "pl-project-links.h"
#include "pl-project.h"
#include "pl-reuse.h"

G_BEGIN_DECLS

/* Candidates */

/* A passage of a statement whose wording reappears in the outcome document. */
typedef struct
{
  gint64  document_id;      /* the statement's document */
  guint   statement_index;  /* 1-based in that document */
  guint   start;            /* the statement's passage, in its document */
  guint   end;
  guint   outcome_start;    /* the outcome's passage, in the outcome document */
  guint   outcome_end;
  guint   words;            /* words the two passages share */
  double  score;            /* 0–1 */
} PlProvenanceCandidate;

typedef struct _PlProvenanceSearch PlProvenanceSearch;

/* Reads the outcome document @outcome_document_id and every statement that may have fed
 * it (in the project's thread).  PL_STORE_ERROR_NOT_FOUND when there is no such document. */
PlProvenanceSearch *pl_provenance_search_new        (PlProject            *project,
                                                     gint64                outcome_document_id,
                                                     GError              **error);
void                pl_provenance_search_free       (PlProvenanceSearch   *self);
/* The candidates (PlProvenanceCandidate), best first.  Touches no project: may run in
 * any thread, one at a time.  @options NULL: the finder's defaults. */
GArray             *pl_provenance_search_run        (PlProvenanceSearch   *self,
                                                     const PlReuseOptions *options);
guint               pl_provenance_search_get_n_sources (PlProvenanceSearch *self);
const char         *pl_provenance_search_get_outcome_text (PlProvenanceSearch *self);
/* The statement a candidate comes from (borrowed), and the text of its document. */
const PlStatement  *pl_provenance_search_get_statement (PlProvenanceSearch *self,
                                                     const PlProvenanceCandidate *candidate);
const char         *pl_provenance_search_get_document_text (PlProvenanceSearch *self,
                                                     gint64                document_id);

/* Runs @search with @options in a worker thread; @search must stay alive and unused
 * until the callback. */
void                pl_provenance_search_run_async  (PlProvenanceSearch   *self,
                                                     const PlReuseOptions *options,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GArray             *pl_provenance_search_run_finish (PlProvenanceSearch   *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

/* A search and a run in one: the candidates for @outcome_document_id. */
GArray             *pl_provenance_find_candidates   (PlProject            *project,
                                                     gint64                outcome_document_id,
                                                     const PlReuseOptions *options,
                                                     GError              **error);

/* The accepted link between exactly the candidate's two passages, or NULL (borrowed from
 * @links, PlLink items). */
const PlLink       *pl_provenance_candidate_find_link (const PlProvenanceCandidate *candidate,
                                                     gint64                outcome_document_id,
                                                     GPtrArray            *links);

/* Provenance */

/* A link and the statement it reuses. */
typedef struct
{
  PlLink     *link;
  guint       statement_index;  /* 0: the passage lies in no statement */
  char       *delegation;       /* the statement's entity, else its speaker; NULL: unknown */
  char       *regional_group;   /* NULL: none (not a state, or not known) */
  char       *date;             /* the statement's document's date, or NULL */
  char       *document_title;
} PlProvenanceSource;

/* The links into @outcome_document_id (0: every link) with their statements
 * (PlProvenanceSource), in the order of pl_project_list_links(). */
GPtrArray          *pl_provenance_list_sources      (PlProject            *project,
                                                     gint64                outcome_document_id,
                                                     GError              **error);

/* One version of a paragraph: its place and text in an outcome document. */
typedef struct
{
  gint64         document_id;
  PlOutcomeKind  kind;          /* PL_OUTCOME_NONE: the document is not marked */
  char          *date;          /* the outcome's date (or the document's), or NULL */
  char          *document_title;
  guint          start;
  guint          end;
  char          *text;
  gboolean       current;       /* the paragraph itself, in the document asked about */
} PlProvenanceVersion;

typedef struct
{
  guint        start;           /* in the outcome document */
  guint        end;
  char        *text;
  GPtrArray   *sources;         /* PlProvenanceSource (borrowed) whose outcome passage
                                 * overlaps the paragraph, in outcome order */
  GPtrArray   *delegations;     /* PlProvenanceSource (borrowed): the first of each
                                 * delegation, in outcome order */
  const PlProvenanceSource *earliest; /* the source of the earliest statement, or NULL */
  GPtrArray   *versions;        /* PlProvenanceVersion, oldest first, this one included;
                                 * just this one when no other outcome document has it */
} PlProvenanceParagraph;

typedef struct
{
  char   *delegation;           /* NULL: statements without a speaker */
  char   *regional_group;
  guint   statements_linked;    /* its statements with a link into the document */
  guint   statements;           /* its statements up to the document's date */
  guint   words;                /* shared words of its links */
  double  share;                /* statements_linked / statements (0 without statements) */
} PlProvenanceDelegation;

typedef struct _PlProvenance PlProvenance;

/* The provenance of outcome document @outcome_document_id from its links. */
PlProvenance       *pl_provenance_new               (PlProject            *project,
                                                     gint64                outcome_document_id,
                                                     GError              **error);
void                pl_provenance_free              (PlProvenance         *self);

gint64              pl_provenance_get_document_id   (PlProvenance         *self);
const char         *pl_provenance_get_text          (PlProvenance         *self);
/* The paragraphs (PlProvenanceParagraph): the runs of text between blank lines, or the
 * lines when the text has no blank line. */
GPtrArray          *pl_provenance_get_paragraphs    (PlProvenance         *self);
/* The number (from 1) of the paragraph of @text in which code point @offset lies, or the
 * last one before it; 0 before the first. */
guint               pl_provenance_paragraph_at      (const char           *text,
                                                     guint                 offset);
/* Every link of the document (PlProvenanceSource), in outcome order. */
GPtrArray          *pl_provenance_get_sources       (PlProvenance         *self);
/* PlProvenanceDelegation, most words reused first. */
GPtrArray          *pl_provenance_get_delegations   (PlProvenance         *self);
/* Words reused by regional group: one row per group (the five UN groups, then "Other"
 * for delegations without one, when there are any), one series. */
PlChartData        *pl_provenance_dup_group_chart   (PlProvenance         *self);

/* Word diff */

typedef enum
{
  PL_DIFF_EQUAL,                /* in both: the range is in the new text */
  PL_DIFF_INSERTED,             /* only in the new text */
  PL_DIFF_DELETED,              /* only in the old text: the range is in the old text */
} PlDiffOp;

typedef struct
{
  PlDiffOp op;
  guint    start;               /* code points */
  guint    end;
} PlDiffSpan;

/* How @new_text rewords @old_text, word by word (words compared as the reuse finder folds
 * them): a GArray of PlDiffSpan in reading order; together the equal and inserted spans
 * cover @new_text, the deleted ones the words of @old_text that went, each span with the
 * spaces and punctuation after its words. */
GArray             *pl_provenance_diff              (const char           *old_text,
                                                     const char           *new_text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlProvenanceSearch, pl_provenance_search_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlProvenance, pl_provenance_free)

G_END_DECLS
