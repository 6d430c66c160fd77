/* pl-annotation-index.h — one document's annotations, sorted by offset, for hit-testing
 *
 * Views keep annotation identity here, not in text tags: "which annotations cover this
 * character?" is a binary search, whatever the number of annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-annotation.h"

G_BEGIN_DECLS

typedef struct _PlAnnotationIndex PlAnnotationIndex;

PlAnnotationIndex *pl_annotation_index_new    (void);
void               pl_annotation_index_free   (PlAnnotationIndex *self);
/* Replaces the contents with @annotations (references are taken). */
void               pl_annotation_index_set    (PlAnnotationIndex *self,
                                               GPtrArray         *annotations);
void               pl_annotation_index_add    (PlAnnotationIndex *self,
                                               PlAnnotation      *annotation);
gboolean           pl_annotation_index_remove (PlAnnotationIndex *self,
                                               const char        *guid);
/* Replaces the annotation with the same GUID (after a memo change, say). */
void               pl_annotation_index_update (PlAnnotationIndex *self,
                                               PlAnnotation      *annotation);
PlAnnotation      *pl_annotation_index_lookup (PlAnnotationIndex *self,
                                               const char        *guid);
guint              pl_annotation_index_get_n  (PlAnnotationIndex *self);
/* The @i-th annotation in offset order. */
PlAnnotation      *pl_annotation_index_get    (PlAnnotationIndex *self,
                                               guint              i);
/* The annotations that cover the code point @offset, in offset order (new array). */
GPtrArray         *pl_annotation_index_at     (PlAnnotationIndex *self,
                                               guint              offset);

/* The annotations that overlap [@start, @end), in offset order (new array). */
GPtrArray         *pl_annotation_index_overlapping (PlAnnotationIndex *self,
                                                    guint              start,
                                                    guint              end);

/* How many statements of kind "statement" in @statements (PlStatement, in order, not
 * overlapping) at least one annotation overlaps; @annotations (PlAnnotation) sorted by
 * start.  Linear in both. */
guint              pl_count_coded_statements (GPtrArray *statements,
                                              GPtrArray *annotations);
/* The same over the index's annotations. */
guint              pl_annotation_index_count_coded (PlAnnotationIndex *self,
                                                    GPtrArray         *statements);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAnnotationIndex, pl_annotation_index_free)

G_END_DECLS
