/* pl-document-properties.h — a document's details: process, session, meeting, date, …
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pl-project-links.h"
#include "pl-project.h"

G_BEGIN_DECLS

#define PL_TYPE_DOCUMENT_PROPERTIES (pl_document_properties_get_type ())
G_DECLARE_FINAL_TYPE (PlDocumentProperties, pl_document_properties, PL, DOCUMENT_PROPERTIES, AdwWindow)

PlDocumentProperties *pl_document_properties_new (GtkWindow  *parent,
                                                  PlProject  *project,
                                                  PlDocument *document);
/* Commits a value as the window does when the user applies a field (for tests). */
gboolean              pl_document_properties_apply (PlDocumentProperties *self,
                                                    const char           *key,
                                                    const char           *value);

/* Marks the document as the outcome kind row and the date row do (for tests). */
gboolean              pl_document_properties_apply_outcome (PlDocumentProperties *self,
                                                            PlOutcomeKind         kind,
                                                            const char           *date);

G_END_DECLS
