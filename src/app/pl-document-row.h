/* pl-document-row.h — one document in the sidebar: title, date and session, progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-document.h"

G_BEGIN_DECLS

#define PL_TYPE_DOCUMENT_ROW (pl_document_row_get_type ())
G_DECLARE_FINAL_TYPE (PlDocumentRow, pl_document_row, PL, DOCUMENT_ROW, GtkWidget)

/* How many statements of @document are coded, and how many annotations it has, as the
 * window shows them (it knows: from an open view's index, else from the store; in blind
 * mode, the coder's own). */
typedef guint (*PlDocumentRowCountFunc) (PlDocument *document,
                                         guint      *n_annotations,
                                         gpointer    user_data);

GtkWidget  *pl_document_row_new               (PlDocumentRowCountFunc  count_coded,
                                               gpointer                user_data);
PlDocument *pl_document_row_get_document      (PlDocumentRow          *self);
/* The row follows the document's counts until another (or NULL) is set. */
void        pl_document_row_set_document      (PlDocumentRow          *self,
                                               PlDocument             *document);
/* Counts the coded statements again (the annotations of an open document changed). */
void        pl_document_row_refresh           (PlDocumentRow          *self);
/* "12 of 20 statements coded · 31 annotations" */
const char *pl_document_row_get_progress_text (PlDocumentRow          *self);
/* A document's date (metadata "date", YYYY-MM-DD) as the sidebar shows it: the locale's
 * medium form; other text as it is; NULL for NULL. */
char       *pl_document_row_format_date       (const char             *date);

G_END_DECLS
