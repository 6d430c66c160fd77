/* pl-annotation-index.h — one document's annotations, sorted by offset, for hit-testing
 *
 * Views keep annotation identity here, not in text tags: "which annotations cover this
 * character?" is a binary search, whatever the number of annotations.  The index also keeps
 * what views draw and count from it up to date with each change, in place: the stripe lane of
 * every annotation (overlapping annotations never share one) and the number of annotations
 * of each code.  A change costs a search, a move of the entries after it, and the lanes of
 * the annotations it overlaps: never a pass over the whole document.
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
/* Adds @annotations (PlAnnotation, in any order; references are taken) in one step: quick
 * when they all sort after the annotations already there, as batches of a load do.  One
 * already in the index (by GUID) replaces the one there. */
void               pl_annotation_index_add_all (PlAnnotationIndex *self,
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
/* The position of the first annotation that starts at or after @offset (the number of
 * annotations when none does). */
guint              pl_annotation_index_lower_bound (PlAnnotationIndex *self,
                                                    guint              offset);
/* The annotations that cover the code point @offset, in offset order (new array). */
GPtrArray         *pl_annotation_index_at     (PlAnnotationIndex *self,
                                               guint              offset);

/* The annotations that overlap [@start, @end), in offset order (new array). */
GPtrArray         *pl_annotation_index_overlapping (PlAnnotationIndex *self,
                                                    guint              start,
                                                    guint              end);

/* Lanes: each annotation takes the lowest lane free at its start, in offset order, so
 * overlapping annotations never share a lane.  The lane of @annotation (an annotation of
 * the index), 0 when it is not in the index; and how many lanes the deepest overlap uses. */
guint              pl_annotation_index_get_lane   (PlAnnotationIndex  *self,
                                                   const PlAnnotation *annotation);
guint              pl_annotation_index_get_n_lanes (PlAnnotationIndex *self);

/* How many annotations of the index have the code @code_id. */
guint              pl_annotation_index_count_code (PlAnnotationIndex *self,
                                                   gint64             code_id);
/* The same for every code, as a table (code id, gint64* → count, GUINT_TO_POINTER) that
 * the index keeps up to date; codes without annotations are absent.  Do not change it. */
GHashTable        *pl_annotation_index_get_code_counts (PlAnnotationIndex *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PlAnnotationIndex, pl_annotation_index_free)

G_END_DECLS
