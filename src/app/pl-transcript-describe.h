/* pl-transcript-describe.h — where the cursor is in a transcript, in words for screen readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-project.h"

G_BEGIN_DECLS

/* "member state", "regional group"… for an entity type as stored, or NULL. */
const char *pl_transcript_describe_entity_type (const char *type);
/* "Statement 3 of 40, Kenya, member state, African Group." for @statement of a document
 * with @n_statements coding units. */
char *pl_transcript_describe_statement   (const PlStatement *statement,
                                          guint              n_statements);
/* "Coded as Norms (NRM.F) by Ana." for @hits (PlAnnotation), or "Not coded here.". */
char *pl_transcript_describe_annotations (PlProject         *project,
                                          GPtrArray         *hits);

G_END_DECLS
