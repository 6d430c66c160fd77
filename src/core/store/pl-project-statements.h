/* pl-project-statements.h — correcting the segmentation
 *
 * Each function is one undoable action: one transaction that also records one history
 * entry.  Statements are named by document and 1-based index; indices are renumbered
 * after a split or a merge.  Annotations are never touched: their offsets are offsets in
 * the document's text, which none of these actions changes.  After each action (and its
 * undo or redo) the project emits "statements-changed" with the document's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-project-gazetteer.h"
#include "pl-project.h"
#include "pl-segmenter.h"

G_BEGIN_DECLS

/* Splits the statement that contains code point @offset in two: [start, offset) and
 * [offset, end), each trimmed of white space; both keep the speaker. */
gboolean pl_project_split_statement              (PlProject        *self,
                                                  gint64            document_id,
                                                  guint             offset,
                                                  GError          **error);
/* Joins statement @index to the one before it, which keeps its speaker. */
gboolean pl_project_merge_statement_with_previous (PlProject       *self,
                                                  gint64            document_id,
                                                  guint             index,
                                                  GError          **error);
/* Sets the speaker as written (NULL or "": nobody) and resolves entity, type, ISO code and
 * group through the project's gazetteer; the speaker source becomes "user" and the
 * statement no longer needs review. */
gboolean pl_project_set_speaker                  (PlProject        *self,
                                                  gint64            document_id,
                                                  guint             index,
                                                  const char       *speaker_as_written,
                                                  GError          **error);
/* Sets "on behalf of" (NULL or "": nobody), resolved to a canonical name when the
 * gazetteer knows it. */
gboolean pl_project_set_on_behalf_of             (PlProject        *self,
                                                  gint64            document_id,
                                                  guint             index,
                                                  const char       *group,
                                                  GError          **error);
gboolean pl_project_set_statement_kind           (PlProject        *self,
                                                  gint64            document_id,
                                                  guint             index,
                                                  PlStatementKind   kind,
                                                  GError          **error);
/* Clears (@reviewed TRUE) or sets the statement's needs-review flag. */
gboolean pl_project_set_statement_reviewed       (PlProject        *self,
                                                  gint64            document_id,
                                                  guint             index,
                                                  gboolean          reviewed,
                                                  GError          **error);
/* The statements.speaker_source of a statement ("label", "user", …; NULL when none). */
char    *pl_project_dup_speaker_source           (PlProject        *self,
                                                  gint64            document_id,
                                                  guint             index,
                                                  GError          **error);

G_END_DECLS
