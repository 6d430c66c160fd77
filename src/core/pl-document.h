/* pl-document.h — a document of a project (its metadata; the text is loaded on demand)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PL_TYPE_DOCUMENT (pl_document_get_type ())
G_DECLARE_FINAL_TYPE (PlDocument, pl_document, PL, DOCUMENT, GObject)

gint64      pl_document_get_id              (PlDocument *self);
const char *pl_document_get_guid            (PlDocument *self);
const char *pl_document_get_title           (PlDocument *self);
const char *pl_document_get_source_uri      (PlDocument *self);
const char *pl_document_get_created         (PlDocument *self);
guint       pl_document_get_length          (PlDocument *self); /* code points */
guint       pl_document_get_n_statements    (PlDocument *self);
guint       pl_document_get_n_annotations   (PlDocument *self);

G_END_DECLS
