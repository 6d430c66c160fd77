/* pl-project-links.h — outcome documents, and the links that trace their wording to statements
 *
 * An outcome document is a document the delegations' statements feed: a Chair's draft, a
 * revised draft, the final report.  It is marked with its kind and its date (the date of
 * that version of the text, which may differ from the meeting's).
 *
 * A link ties a passage of a statement (its document and code points there) to the
 * passage of an outcome document that reuses its wording.  Links are made by a person:
 * accepted from the reuse finder's candidates (origin "candidate", with the finder's score
 * and shared words) or drawn by hand between two selections (origin "manual").  Candidates
 * are never stored: they are links only once accepted.
 *
 * Each change is one undoable action (history operations "outcome.set", "link.insert",
 * "link.delete", naming documents, coders and links by GUID).  Views learn of changes from
 * the project's "history-changed" signal, emitted after every action, undo and redo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-project-bulk.h"
#include "pl-project.h"

G_BEGIN_DECLS

/* Outcome documents */

typedef enum
{
  PL_OUTCOME_NONE,
  PL_OUTCOME_DRAFT,
  PL_OUTCOME_REVISED_DRAFT,
  PL_OUTCOME_FINAL,
} PlOutcomeKind;

/* "draft", "revised_draft", "final"; NULL for PL_OUTCOME_NONE. */
const char   *pl_outcome_kind_to_string (PlOutcomeKind  kind);
/* The names above (and "revised-draft"); FALSE for anything else. */
gboolean      pl_outcome_kind_from_string (const char   *name,
                                           PlOutcomeKind *out_kind);
/* "Draft", "Revised draft", "Final report" (translated); "" for PL_OUTCOME_NONE. */
const char   *pl_outcome_kind_to_label  (PlOutcomeKind  kind);

typedef struct
{
  gint64         document_id;
  PlOutcomeKind  kind;
  char          *date;         /* "YYYY-MM-DD", or NULL when not given */
} PlOutcome;

void          pl_outcome_free           (PlOutcome     *outcome);

/* Marks document @document_id as an outcome document of @kind dated @date ("YYYY-MM-DD";
 * NULL or "": none), or unmarks it with PL_OUTCOME_NONE: one undoable action. */
gboolean      pl_project_set_outcome    (PlProject     *self,
                                         gint64         document_id,
                                         PlOutcomeKind  kind,
                                         const char    *date,
                                         GError       **error);
/* The outcome mark of @document_id; NULL (without @error) when it is not an outcome
 * document, NULL with @error when reading failed. */
PlOutcome    *pl_project_get_outcome    (PlProject     *self,
                                         gint64         document_id,
                                         GError       **error);
/* Every outcome document (PlOutcome), oldest first: by its date (the document's "date"
 * detail when the outcome has none; undated last), then draft before revised draft before
 * final, then import order. */
GPtrArray    *pl_project_list_outcomes  (PlProject     *self,
                                         GError       **error);

/* Links */

typedef enum
{
  PL_LINK_ORIGIN_CANDIDATE,   /* accepted from the reuse finder */
  PL_LINK_ORIGIN_MANUAL,      /* drawn by hand */
} PlLinkOrigin;

/* "candidate", "manual". */
const char   *pl_link_origin_to_string  (PlLinkOrigin   origin);

/* What a new link ties together. */
typedef struct
{
  gint64        source_document_id;   /* the statement's document */
  guint         source_start;         /* code points, end-exclusive */
  guint         source_end;
  gint64        outcome_document_id;
  guint         outcome_start;
  guint         outcome_end;
  PlLinkOrigin  origin;
  double        score;                /* 0–1; negative: none (a manual link) */
  guint         words;                /* words the two passages share */
  gint64        coder_id;             /* who accepted or drew it; 0: nobody known */
} PlLinkSpec;

typedef struct
{
  gint64        id;
  char         *guid;
  gint64        source_document_id;
  guint         source_start;
  guint         source_end;
  gint64        outcome_document_id;
  guint         outcome_start;
  guint         outcome_end;
  PlLinkOrigin  origin;
  double        score;                /* negative: none */
  guint         words;
  gint64        coder_id;             /* 0: nobody known */
  char         *created;              /* when it was accepted or drawn */
} PlLink;

PlLink       *pl_link_copy              (const PlLink  *link);
void          pl_link_free              (PlLink        *link);

/* Adds a link (one undoable action, "Accept Reuse" or "Link Passages").  Both spans must
 * lie within their documents, and the two documents differ; the same two spans linked
 * again fail with PL_STORE_ERROR_DUPLICATE.  Returns the new link. */
PlLink       *pl_project_add_link       (PlProject        *self,
                                         const PlLinkSpec *spec,
                                         GError          **error);
/* Whether pl_project_add_link() would take @spec, but for a link between the same spans
 * (both documents exist and differ, both spans lie within them, the coder exists). */
gboolean      pl_project_check_link     (PlProject        *self,
                                         const PlLinkSpec *spec,
                                         GError          **error);
/* Removes a link (one undoable action). */
gboolean      pl_project_remove_link    (PlProject        *self,
                                         const char       *guid,
                                         GError          **error);
PlLink       *pl_project_find_link      (PlProject        *self,
                                         const char       *guid,
                                         GError          **error);
/* The links into outcome document @outcome_document_id (0: every link), by outcome
 * document, outcome start, source document and source start; NULL with @error on failure. */
GPtrArray    *pl_project_list_links     (PlProject        *self,
                                         gint64            outcome_document_id,
                                         GError          **error);

/* Importing (a REFI-QDA project): a link keyed by GUID, inside a bulk. */
typedef struct
{
  const char   *guid;                 /* required */
  PlLinkSpec    spec;                 /* spans must lie within the documents */
  const char   *created;              /* NULL: now */
} PlBulkLink;

/* Adds @link unless the project has its GUID (@result->existed) or the same two spans
 * (@result->duplicate); a span outside its document is PL_STORE_ERROR_INVALID. */
gboolean      pl_project_bulk_add_link  (PlProjectBulk    *bulk,
                                         const PlBulkLink *link,
                                         PlBulkResult     *result,
                                         GError          **error);
/* Marks a document as an outcome document inside a bulk, unless it is marked already. */
gboolean      pl_project_bulk_set_outcome (PlProjectBulk  *bulk,
                                         gint64            document_id,
                                         PlOutcomeKind     kind,
                                         const char       *date,
                                         GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlOutcome, pl_outcome_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlLink, pl_link_free)

G_END_DECLS
