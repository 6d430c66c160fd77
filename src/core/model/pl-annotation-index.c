/* pl-annotation-index.c — one document's annotations, sorted by offset, for hit-testing
 *
 * Lanes are those of a greedy pass in offset order: each annotation takes the lowest lane
 * free at its start.  Where every earlier annotation ends at or before an annotation's start
 * all lanes are free, and the pass starts afresh: lanes depend only on the run of
 * overlapping annotations (a component) an annotation belongs to.  A change re-runs the pass
 * from the start of its component until the next point where all lanes are free both before
 * and after the change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-annotation-index.h"

#define NO_LANE G_MAXUINT

typedef struct
{
  PlAnnotation *annotation;
  guint         lane;
} Entry;

struct _PlAnnotationIndex
{
  GArray     *entries;      /* Entry, pl_annotation_compare order; references held */
  GHashTable *by_guid;      /* guid → PlAnnotation* (borrowed from entries) */
  GHashTable *code_counts;  /* gint64* code id → count */
  GArray     *lane_sizes;   /* guint: how many annotations are in each lane */
  GArray     *lane_ends;    /* guint: scratch for the greedy pass */
  guint       max_length;   /* an upper bound of end - start, for the backward scans */
};

#define ENTRY(self, i) (&g_array_index ((self)->entries, Entry, (i)))
#define ANNOTATION(self, i) (ENTRY (self, i)->annotation)

PlAnnotationIndex *
pl_annotation_index_new (void)
{
  PlAnnotationIndex *self = g_new0 (PlAnnotationIndex, 1);

  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  self->code_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->lane_sizes = g_array_new (FALSE, TRUE, sizeof (guint));
  self->lane_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

static void
clear (PlAnnotationIndex *self)
{
  for (guint i = 0; i < self->entries->len; i++)
    pl_annotation_unref (ANNOTATION (self, i));
  g_array_set_size (self->entries, 0);
  g_hash_table_remove_all (self->by_guid);
  g_hash_table_remove_all (self->code_counts);
  g_array_set_size (self->lane_sizes, 0);
  self->max_length = 0;
}

void
pl_annotation_index_free (PlAnnotationIndex *self)
{
  if (self == NULL)
    return;

  clear (self);
  g_hash_table_unref (self->by_guid);
  g_hash_table_unref (self->code_counts);
  g_array_unref (self->entries);
  g_array_unref (self->lane_sizes);
  g_array_unref (self->lane_ends);
  g_free (self);
}

static void
count_code (PlAnnotationIndex *self,
            gint64             code_id,
            int                delta)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->code_counts, &code_id));

  g_assert (delta > 0 || count > 0);
  count += delta;
  if (count == 0)
    g_hash_table_remove (self->code_counts, &code_id);
  else
    g_hash_table_replace (self->code_counts, g_memdup2 (&code_id, sizeof code_id), GUINT_TO_POINTER (count));
}

static void
move_lane (PlAnnotationIndex *self,
           Entry             *entry,
           guint              lane)
{
  if (entry->lane == lane)
    return;
  if (entry->lane != NO_LANE)
    g_array_index (self->lane_sizes, guint, entry->lane)--;
  if (lane != NO_LANE)
    {
      if (lane >= self->lane_sizes->len)
        g_array_set_size (self->lane_sizes, lane + 1);
      g_array_index (self->lane_sizes, guint, lane)++;
    }
  entry->lane = lane;

  while (self->lane_sizes->len > 0
         && g_array_index (self->lane_sizes, guint, self->lane_sizes->len - 1) == 0)
    g_array_set_size (self->lane_sizes, self->lane_sizes->len - 1);
}

/* The position where the component of the annotation at @position starts: every
 * annotation before it ends at or before its start.  Walks back over the component, and
 * over at most max_length characters before it. */
static guint
component_start (PlAnnotationIndex *self,
                 guint              position)
{
  guint c = position;

  for (guint j = position; j-- > 0;)
    {
      const PlAnnotation *annotation = ANNOTATION (self, j);
      guint start = ANNOTATION (self, c)->start;

      /* Sorted by start: neither this one nor any before it reaches @start. */
      if (start >= self->max_length && annotation->start <= start - self->max_length)
        break;
      if (annotation->end > start)
        c = j;
    }
  return c;
}

/* Re-runs the lane pass over the entries [@first, @last] that changed, and after them
 * until all lanes are free again, before the change as after it: @reach is the furthest
 * end of what was removed (0 when nothing was). */
static void
relane (PlAnnotationIndex *self,
        guint              first,
        guint              last,
        guint              reach)
{
  guint max_end = 0;

  if (first >= self->entries->len)
    return;

  g_array_set_size (self->lane_ends, 0);
  for (guint j = component_start (self, first); j < self->entries->len; j++)
    {
      Entry *entry = ENTRY (self, j);
      const PlAnnotation *annotation = entry->annotation;
      guint lane;

      if (j > last && annotation->start >= max_end && annotation->start >= reach)
        break;

      for (lane = 0; lane < self->lane_ends->len; lane++)
        if (g_array_index (self->lane_ends, guint, lane) <= annotation->start)
          break;
      if (lane == self->lane_ends->len)
        g_array_set_size (self->lane_ends, lane + 1);
      g_array_index (self->lane_ends, guint, lane) = annotation->end;
      max_end = MAX (max_end, annotation->end);
      move_lane (self, entry, lane);
    }
}

/* Index of the first entry that sorts after @annotation. */
static guint
upper_bound (PlAnnotationIndex  *self,
             const PlAnnotation *annotation)
{
  guint lo = 0, hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (pl_annotation_compare (ANNOTATION (self, mid), annotation) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Index of the first entry whose start is greater than @offset. */
static guint
first_starting_after (PlAnnotationIndex *self,
                      guint              offset)
{
  guint lo = 0, hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ANNOTATION (self, mid)->start <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The position of @annotation (the index's own pointer), or G_MAXUINT. */
static guint
find (PlAnnotationIndex  *self,
      const PlAnnotation *annotation)
{
  /* Equal keys sort together: the annotation sits just before its upper bound. */
  for (guint position = upper_bound (self, annotation); position > 0; position--)
    {
      const PlAnnotation *there = ANNOTATION (self, position - 1);

      if (there == annotation)
        return position - 1;
      if (pl_annotation_compare (there, annotation) != 0)
        break;
    }
  return G_MAXUINT;
}

static void
take (PlAnnotationIndex *self,
      PlAnnotation      *annotation)
{
  g_hash_table_insert (self->by_guid, annotation->guid, annotation);
  count_code (self, annotation->code_id, +1);
  self->max_length = MAX (self->max_length, annotation->end - annotation->start);
}

static void
remove_at (PlAnnotationIndex *self,
           guint              position)
{
  Entry *entry = ENTRY (self, position);
  PlAnnotation *annotation = entry->annotation;
  guint reach = annotation->end;

  move_lane (self, entry, NO_LANE);
  g_hash_table_remove (self->by_guid, annotation->guid);
  count_code (self, annotation->code_id, -1);
  g_array_remove_index (self->entries, position);
  pl_annotation_unref (annotation);
  relane (self, position, position, reach);
}

void
pl_annotation_index_set (PlAnnotationIndex *self,
                         GPtrArray         *annotations)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (annotations != NULL);

  clear (self);
  pl_annotation_index_add_all (self, annotations);
}

static gint
compare_pointers (gconstpointer a,
                  gconstpointer b)
{
  return pl_annotation_compare (*(PlAnnotation * const *)a, *(PlAnnotation * const *)b);
}

void
pl_annotation_index_add_all (PlAnnotationIndex *self,
                             GPtrArray         *annotations)
{
  g_autoptr(GPtrArray) sorted = NULL;
  guint old_len, first, last;

  g_return_if_fail (self != NULL);
  g_return_if_fail (annotations != NULL);

  if (annotations->len == 0)
    return;

  sorted = g_ptr_array_new_full (annotations->len, (GDestroyNotify)pl_annotation_unref);
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);
      PlAnnotation *there = g_hash_table_lookup (self->by_guid, annotation->guid);

      if (there != NULL)
        remove_at (self, find (self, there));
      g_ptr_array_add (sorted, pl_annotation_ref (annotation));
    }
  g_ptr_array_sort (sorted, compare_pointers);

  old_len = self->entries->len;
  if (old_len == 0 || pl_annotation_compare (ANNOTATION (self, old_len - 1), g_ptr_array_index (sorted, 0)) <= 0)
    {
      /* After everything there: appended, as a load's batches are. */
      for (guint i = 0; i < sorted->len; i++)
        g_array_append_val (self->entries, ((Entry) { g_ptr_array_index (sorted, i), NO_LANE }));
      first = old_len;
      last = self->entries->len - 1;
    }
  else
    {
      /* Merged in one pass, however many there are. */
      g_autoptr(GArray) merged = g_array_sized_new (FALSE, FALSE, sizeof (Entry), old_len + sorted->len);
      guint i = 0, k = 0;

      first = G_MAXUINT;
      last = 0;
      while (i < old_len || k < sorted->len)
        {
          if (k < sorted->len
              && (i == old_len || pl_annotation_compare (g_ptr_array_index (sorted, k), ANNOTATION (self, i)) < 0))
            {
              first = MIN (first, merged->len);
              last = merged->len;
              g_array_append_val (merged, ((Entry) { g_ptr_array_index (sorted, k), NO_LANE }));
              k++;
            }
          else
            g_array_append_val (merged, *ENTRY (self, i++));
        }
      g_array_unref (self->entries);
      self->entries = g_steal_pointer (&merged);
    }

  /* The entries hold the references now. */
  while (sorted->len > 0)
    take (self, g_ptr_array_steal_index_fast (sorted, sorted->len - 1));
  relane (self, first, last, 0);
}

void
pl_annotation_index_add (PlAnnotationIndex *self,
                         PlAnnotation      *annotation)
{
  guint position;

  g_return_if_fail (self != NULL);
  g_return_if_fail (annotation != NULL);

  if (g_hash_table_contains (self->by_guid, annotation->guid))
    {
      pl_annotation_index_update (self, annotation);
      return;
    }

  position = upper_bound (self, annotation);
  g_array_insert_val (self->entries, position, ((Entry) { pl_annotation_ref (annotation), NO_LANE }));
  take (self, annotation);
  relane (self, position, position, 0);
}

gboolean
pl_annotation_index_remove (PlAnnotationIndex *self,
                            const char        *guid)
{
  PlAnnotation *annotation;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (guid != NULL, FALSE);

  annotation = g_hash_table_lookup (self->by_guid, guid);
  if (annotation == NULL)
    return FALSE;

  remove_at (self, find (self, annotation));
  return TRUE;
}

void
pl_annotation_index_update (PlAnnotationIndex *self,
                            PlAnnotation      *annotation)
{
  PlAnnotation *there;

  g_return_if_fail (self != NULL);
  g_return_if_fail (annotation != NULL);

  there = g_hash_table_lookup (self->by_guid, annotation->guid);
  if (there != NULL && there != annotation && pl_annotation_compare (there, annotation) == 0)
    {
      /* The same span (a memo, a stance, a code): it keeps its place and its lane. */
      Entry *entry = ENTRY (self, find (self, there));

      count_code (self, there->code_id, -1);
      count_code (self, annotation->code_id, +1);
      g_hash_table_replace (self->by_guid, annotation->guid, annotation);
      entry->annotation = pl_annotation_ref (annotation);
      pl_annotation_unref (there);
      return;
    }

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
  return self->entries->len;
}

PlAnnotation *
pl_annotation_index_get (PlAnnotationIndex *self,
                         guint              i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->entries->len, NULL);
  return ANNOTATION (self, i);
}

guint
pl_annotation_index_lower_bound (PlAnnotationIndex *self,
                                 guint              offset)
{
  g_return_val_if_fail (self != NULL, 0);

  return offset == 0 ? 0 : first_starting_after (self, offset - 1);
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
      PlAnnotation *annotation = ANNOTATION (self, i);

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
pl_annotation_index_get_lane (PlAnnotationIndex  *self,
                              const PlAnnotation *annotation)
{
  PlAnnotation *there;
  guint position;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (annotation != NULL, 0);

  there = g_hash_table_lookup (self->by_guid, annotation->guid);
  position = there != NULL ? find (self, there) : G_MAXUINT;
  return position != G_MAXUINT ? ENTRY (self, position)->lane : 0;
}

guint
pl_annotation_index_get_n_lanes (PlAnnotationIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lane_sizes->len;
}

guint
pl_annotation_index_count_code (PlAnnotationIndex *self,
                                gint64             code_id)
{
  g_return_val_if_fail (self != NULL, 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->code_counts, &code_id));
}

GHashTable *
pl_annotation_index_get_code_counts (PlAnnotationIndex *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->code_counts;
}
