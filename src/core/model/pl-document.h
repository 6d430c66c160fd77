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

/* Document metadata keys, in display order (NULL-terminated): "process", "session",
 * "meeting", "date", "agenda_item", "source_type", "language", "format". */
extern const char * const pl_document_metadata_keys[];
gboolean    pl_document_is_metadata_key     (const char *key);
/* The value of a metadata key, or NULL when unknown.  "metadata-changed" (key) is emitted
 * on the document when one changes. */
const char *pl_document_get_metadata        (PlDocument *self,
                                             const char *key);

/* What a document is made of, as the store reads it. */
typedef struct
{
  gint64      id;
  const char *guid;
  const char *title;
  const char *source_uri;
  const char *created;
  guint       length;        /* code points */
  guint       n_statements;
  guint       n_annotations;
} PlDocumentSpec;

/* For the store, which makes documents and keeps them up to date; views only read them. */
PlDocument *pl_document_new                 (const PlDocumentSpec *spec);
void        pl_document_set_n_annotations   (PlDocument *self,
                                             guint       n_annotations);
/* Sets one metadata value (NULL or "" clears it) and emits "metadata-changed". */
void        pl_document_set_metadata        (PlDocument *self,
                                             const char *key,
                                             const char *value);
/* Takes new values after a reload, notifying what changed. */
void        pl_document_update              (PlDocument *self,
                                             const char *title,
                                             guint       n_statements,
                                             guint       n_annotations);

G_END_DECLS
