/* pl-annotation-index.c — one document's annotations, sorted by offset, for hit-testing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-annotation-index.h"

struct _PlAnnotationIndex
{
  GPtrArray  *sorted;       /* PlAnnotation*, pl_annotation_compare order */
  GHashTable *by_guid;      /* guid → PlAnnotation* (borrowed from sorted) */
  guint       max_length;   /* an upper bound of end - start, for the backward scan */
};

PlAnnotationIndex *
pl_annotation_index_new (void)
{
  PlAnnotationIndex *self = g_new0 (PlAnnotationIndex, 1);

  self->sorted = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_annotation_unref);
  self->by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  return self;
}

void
pl_annotation_index_free (PlAnnotationIndex *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->by_guid);
  g_ptr_array_unref (self->sorted);
  g_free (self);
}

static gint
compare_pointers (gconstpointer a,
                  gconstpointer b)
{
  return pl_annotation_compare (*(PlAnnotation * const *)a, *(PlAnnotation * const *)b);
}

/* Index of the first annotation that sorts after @annotation. */
static guint
upper_bound (PlAnnotationIndex  *self,
             const PlAnnotation *annotation)
{
  guint lo = 0, hi = self->sorted->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (pl_annotation_compare (g_ptr_array_index (self->sorted, mid), annotation) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Index of the first annotation whose start is greater than @offset. */
static guint
first_starting_after (PlAnnotationIndex *self,
                      guint              offset)
{
  guint lo = 0, hi = self->sorted->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      PlAnnotation *annotation = g_ptr_array_index (self->sorted, mid);

      if (annotation->start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
pl_annotation_index_set (PlAnnotationIndex *self,
                         GPtrArray         *annotations)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (annotations != NULL);

  g_hash_table_remove_all (self->by_guid);
  g_ptr_array_set_size (self->sorted, 0);
  self->max_length = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);

      g_ptr_array_add (self->sorted, pl_annotation_ref (annotation));
      g_hash_table_insert (self->by_guid, annotation->guid, annotation);
      self->max_length = MAX (self->max_length, annotation->end - annotation->start);
    }
  g_ptr_array_sort (self->sorted, compare_pointers);
}

void
pl_annotation_index_add (PlAnnotationIndex *self,
                         PlAnnotation      *annotation)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (annotation != NULL);

  if (g_hash_table_contains (self->by_guid, annotation->guid))
    {
      pl_annotation_index_update (self, annotation);
      return;
    }

  g_ptr_array_insert (self->sorted, upper_bound (self, annotation), pl_annotation_ref (annotation));
  g_hash_table_insert (self->by_guid, annotation->guid, annotation);
  self->max_length = MAX (self->max_length, annotation->end - annotation->start);
}

gboolean
pl_annotation_index_remove (PlAnnotationIndex *self,
                            const char        *guid)
{
  PlAnnotation *annotation;
  guint position;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);

  annotation = g_hash_table_lookup (self->by_guid, guid);
  if (annotation == NULL)
    return FALSE;

  /* Equal keys sort together: the annotation sits just before its upper bound. */
  position = upper_bound (self, annotation);
  while (position > 0 && g_ptr_array_index (self->sorted, position - 1) != annotation)
    position--;
  g_assert (position > 0);

  g_hash_table_remove (self->by_guid, guid);
  g_ptr_array_remove_index (self->sorted, position - 1);
  return TRUE;
}

void
pl_annotation_index_update (PlAnnotationIndex *self,
                            PlAnnotation      *annotation)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (annotation != NULL);

  pl_annotation_index_remove (self, annotation->guid);
  pl_annotation_index_add (self, annotation);
}

PlAnnotation *
pl_annotation_index_lookup (PlAnnotationIndex *self,
                            const char        *guid)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (guid != NULL, NULL);

  return g_hash_table_lookup (self->by_guid, guid);
}

guint
pl_annotation_index_get_n (PlAnnotationIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->sorted->len;
}

PlAnnotation *
pl_annotation_index_get (PlAnnotationIndex *self,
                         guint              i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->sorted->len, NULL);
  return g_ptr_array_index (self->sorted, i);
}

GPtrArray *
pl_annotation_index_overlapping (PlAnnotationIndex *self,
                                 guint              start,
                                 guint              end)
{
  GPtrArray *hits;
  guint first, last;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start < end, NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify)pl_annotation_unref);

  /* Candidates start before @end; one starting max_length or more before @start ends
   * at or before it. */
  last = first_starting_after (self, end - 1);
  first = start > self->max_length ? first_starting_after (self, start - self->max_length) : 0;

  for (guint i = first; i < last; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (self->sorted, i);

      if (annotation->end > start)
        g_ptr_array_add (hits, pl_annotation_ref (annotation));
    }

  return hits;
}

GPtrArray *
pl_annotation_index_at (PlAnnotationIndex *self,
                        guint              offset)
{
  g_return_val_if_fail (self != NULL, NULL);

  return pl_annotation_index_overlapping (self, offset, offset + 1);
}

guint
pl_count_coded_statements (GPtrArray *statements,
                           GPtrArray *annotations)
{
  guint coded = 0;
  guint next = 0;
  guint max_end = 0;
  gboolean any = FALSE;

  g_return_val_if_fail (statements != NULL, 0);
  g_return_val_if_fail (annotations != NULL, 0);

  /* Statements are in order and do not overlap, so the annotations starting before a
   * statement's end only grow: one pass, keeping the furthest end seen. */
  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);

      while (next < annotations->len
             && ((PlAnnotation *)g_ptr_array_index (annotations, next))->start < statement->end)
        {
          max_end = MAX (max_end, ((PlAnnotation *)g_ptr_array_index (annotations, next))->end);
          any = TRUE;
          next++;
        }

      if (statement->kind == PL_STATEMENT_KIND_STATEMENT && any && max_end > statement->start)
        coded++;
    }

  return coded;
}

guint
pl_annotation_index_count_coded (PlAnnotationIndex *self,
                                 GPtrArray         *statements)
{
  g_return_val_if_fail (self != NULL, 0);

  return pl_count_coded_statements (statements, self->sorted);
}
