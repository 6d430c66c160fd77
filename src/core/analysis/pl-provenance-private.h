/* pl-provenance-private.h — what the files of the provenance share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The documents whose statements are not proposals (gint64* set): @outcome_document_id and
 * those of @outcomes (PlOutcome). */
GHashTable *pl_provenance_excluded_documents (gint64     outcome_document_id,
                                              GPtrArray *outcomes);

G_END_DECLS
