/* pl-document-private.h — how the store makes and updates documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-document.h"

G_BEGIN_DECLS

PlDocument *pl_document_new               (gint64      id,
                                           const char *guid,
                                           const char *title,
                                           const char *source_uri,
                                           const char *created,
                                           guint       length,
                                           guint       n_statements,
                                           guint       n_annotations);
void        pl_document_set_n_annotations (PlDocument *self,
                                           guint       n_annotations);
/* Sets one metadata value (NULL or "" clears it) and emits "metadata-changed". */
void        pl_document_set_metadata      (PlDocument *self,
                                           const char *key,
                                           const char *value);
/* Takes new values after a reload, notifying what changed. */
void        pl_document_update            (PlDocument *self,
                                           const char *title,
                                           guint       n_statements,
                                           guint       n_annotations);

G_END_DECLS
