/* pl-cooccurrence.c — which codes come up together: codes × codes, counts and Jaccard
 *
 * One walk of the store (pl-project-query.h) over the segments of the codes asked for.  By
 * statement, each statement's set of codes adds one to every pair in it.  By span, a sweep
 * over each document's segments in start order pairs each segment with those still open
 * when it starts (they overlap it); a second sweep over the boundaries of the segments
 * measures, for every stretch of text between two boundaries, which codes cover it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-cooccurrence"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-analysis-private.h"
#include "pl-cooccurrence.h"
#include "pl-csv.h"

struct _PlCooccurrence
{
  GObject             parent_instance;

  PlProject          *project;
  PlCooccurrenceUnit  unit;
  gboolean            with_descendants;
  PlQueryFilter       filter;
  PlCodeColumns       columns;
  guint               n;
  guint64            *counts;    /* n × n */
  guint64            *covered;   /* by span: characters coded with each code */
  guint64            *shared;    /* by span: n × n characters coded with both */
};

G_DEFINE_FINAL_TYPE (PlCooccurrence, pl_cooccurrence, G_TYPE_OBJECT)

static const char * const unit_names[] = {
  [PL_COOCCURRENCE_STATEMENT] = "statement",
  [PL_COOCCURRENCE_SPAN] = "span",
};

gboolean
pl_cooccurrence_unit_from_string (const char         *name,
                                  PlCooccurrenceUnit *out_unit)
{
  guint index;

  g_return_val_if_fail (out_unit != NULL, FALSE);

  if (!pl_analysis_find_name (unit_names, G_N_ELEMENTS (unit_names), name, &index))
    return FALSE;
  *out_unit = index;
  return TRUE;
}

const char *
pl_cooccurrence_unit_to_string (PlCooccurrenceUnit unit)
{
  g_return_val_if_fail ((guint) unit < G_N_ELEMENTS (unit_names), NULL);

  return unit_names[unit];
}

/* Counting */

typedef struct
{
  guint position;
  int   delta;        /* +1 where a segment starts, -1 where it ends */
  guint code;
} Boundary;

typedef struct
{
  PlCooccurrence *self;
  gboolean       *present;    /* by statement: the codes of the statement at hand */
  GArray         *in_statement;
  GArray         *open;       /* by span: indices of the segments not ended yet */
  GArray         *boundaries;
  guint          *depth;      /* by span: how many open segments of each code */
  GArray         *covering;   /* by span: the codes whose depth is above 0 */
  GArray         *cells;      /* by span: the cells one pair of segments adds to */
} Counting;

static void
counting_clear (Counting *counting)
{
  g_clear_pointer (&counting->present, g_free);
  g_clear_pointer (&counting->in_statement, g_array_unref);
  g_clear_pointer (&counting->open, g_array_unref);
  g_clear_pointer (&counting->boundaries, g_array_unref);
  g_clear_pointer (&counting->depth, g_free);
  g_clear_pointer (&counting->covering, g_array_unref);
  g_clear_pointer (&counting->cells, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Counting, counting_clear)

static void
add_pair (PlCooccurrence *self,
          guint64        *matrix,
          guint           a,
          guint           b,
          guint64         amount)
{
  matrix[a * self->n + b] += amount;
  if (a != b)
    matrix[b * self->n + a] += amount;
}

static void
count_statement (Counting *counting)
{
  PlCooccurrence *self = counting->self;
  GArray *codes = counting->in_statement;

  for (guint i = 0; i < codes->len; i++)
    {
      guint a = g_array_index (codes, guint, i);

      counting->present[a] = FALSE;
      for (guint j = i; j < codes->len; j++)
        add_pair (self, self->counts, a, g_array_index (codes, guint, j), 1);
    }
  g_array_set_size (codes, 0);
}

static void
count_by_statement (Counting              *counting,
                    const PlQueryDocument *document)
{
  int statement = -1;

  for (guint i = 0; i < document->n_segments; i++)
    {
      const PlQuerySegment *segment = &document->segments[i];
      GArray *codes = pl_code_columns_lookup (&counting->self->columns, segment->code_id);

      if (segment->statement != statement)
        {
          count_statement (counting);
          statement = segment->statement;
        }
      if (statement < 0 || codes == NULL)
        continue;

      for (guint c = 0; c < codes->len; c++)
        {
          guint code = g_array_index (codes, guint, c);

          if (!counting->present[code])
            {
              counting->present[code] = TRUE;
              g_array_append_val (counting->in_statement, code);
            }
        }
    }

  count_statement (counting);
}

/* Adds one to each cell that a pair of overlapping segments of @x_codes and @y_codes
 * stands for, once each. */
static void
count_overlap (Counting *counting,
               GArray   *x_codes,
               GArray   *y_codes)
{
  PlCooccurrence *self = counting->self;
  GArray *cells = counting->cells;

  g_array_set_size (cells, 0);
  for (guint i = 0; i < x_codes->len; i++)
    for (guint j = 0; j < y_codes->len; j++)
      {
        guint a = g_array_index (x_codes, guint, i);
        guint b = g_array_index (y_codes, guint, j);
        guint cell;
        gboolean seen = FALSE;

        if (a == b)
          continue;
        cell = MIN (a, b) * self->n + MAX (a, b);
        for (guint k = 0; k < cells->len && !seen; k++)
          seen = g_array_index (cells, guint, k) == cell;
        if (seen)
          continue;
        g_array_append_val (cells, cell);
        add_pair (self, self->counts, a, b, 1);
      }
}

static gint
compare_boundaries (gconstpointer a,
                    gconstpointer b)
{
  const Boundary *ba = a;
  const Boundary *bb = b;

  return ba->position < bb->position ? -1 : (ba->position > bb->position);
}

/* The characters each code, and each pair, covers. */
static void
measure_text (Counting *counting)
{
  PlCooccurrence *self = counting->self;
  GArray *boundaries = counting->boundaries;
  GArray *covering = counting->covering;
  guint i = 0;

  g_array_sort (boundaries, compare_boundaries);
  while (i < boundaries->len)
    {
      guint position = g_array_index (boundaries, Boundary, i).position;
      guint next;

      for (; i < boundaries->len && g_array_index (boundaries, Boundary, i).position == position; i++)
        {
          const Boundary *boundary = &g_array_index (boundaries, Boundary, i);
          guint before = counting->depth[boundary->code];

          counting->depth[boundary->code] += boundary->delta;
          if (before == 0 && counting->depth[boundary->code] > 0)
            g_array_append_val (covering, boundary->code);
          else if (before > 0 && counting->depth[boundary->code] == 0)
            for (guint k = 0; k < covering->len; k++)
              if (g_array_index (covering, guint, k) == boundary->code)
                {
                  g_array_remove_index_fast (covering, k);
                  break;
                }
        }
      if (i == boundaries->len)
        break;

      next = g_array_index (boundaries, Boundary, i).position;
      for (guint a = 0; a < covering->len; a++)
        {
          guint code = g_array_index (covering, guint, a);

          self->covered[code] += next - position;
          for (guint b = a + 1; b < covering->len; b++)
            add_pair (self, self->shared, code, g_array_index (covering, guint, b), next - position);
        }
    }
}

static void
count_by_span (Counting              *counting,
               const PlQueryDocument *document)
{
  PlCooccurrence *self = counting->self;
  GArray *open = counting->open;

  g_array_set_size (open, 0);
  g_array_set_size (counting->boundaries, 0);

  for (guint i = 0; i < document->n_segments; i++)
    {
      const PlQuerySegment *segment = &document->segments[i];
      GArray *codes = pl_code_columns_lookup (&counting->self->columns, segment->code_id);
      guint kept = 0;

      if (codes == NULL)
        continue;

      /* Segments come by start: those still open overlap this one. */
      for (guint k = 0; k < open->len; k++)
        {
          guint other = g_array_index (open, guint, k);
          const PlQuerySegment *previous = &document->segments[other];

          if (previous->end <= segment->start)
            continue;
          g_array_index (open, guint, kept++) = other;
          count_overlap (counting, codes,
                         pl_code_columns_lookup (&self->columns, previous->code_id));
        }
      g_array_set_size (open, kept);
      g_array_append_val (open, i);

      for (guint c = 0; c < codes->len; c++)
        {
          guint code = g_array_index (codes, guint, c);
          Boundary from = { segment->start, +1, code };
          Boundary to = { segment->end, -1, code };

          self->counts[code * self->n + code]++;
          g_array_append_val (counting->boundaries, from);
          g_array_append_val (counting->boundaries, to);
        }
    }

  measure_text (counting);
}

static gboolean
count_document (const PlQueryDocument  *document,
                gpointer                user_data,
                GError                **error)
{
  Counting *counting = user_data;

  if (counting->self->unit == PL_COOCCURRENCE_STATEMENT)
    count_by_statement (counting, document);
  else
    count_by_span (counting, document);

  return TRUE;
}

/* Making one */

static void
pl_cooccurrence_finalize (GObject *object)
{
  PlCooccurrence *self = PL_COOCCURRENCE (object);

  g_clear_object (&self->project);
  pl_query_filter_clear (&self->filter);
  pl_code_columns_clear (&self->columns);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->covered, g_free);
  g_clear_pointer (&self->shared, g_free);

  G_OBJECT_CLASS (pl_cooccurrence_parent_class)->finalize (object);
}

static void
pl_cooccurrence_class_init (PlCooccurrenceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_cooccurrence_finalize;
}

static void
pl_cooccurrence_init (PlCooccurrence *self)
{
}

PlCooccurrence *
pl_cooccurrence_new (PlProject                 *project,
                     const PlCooccurrenceSpec  *spec,
                     GError                   **error)
{
  g_autoptr(PlCooccurrence) self = NULL;
  g_auto(Counting) counting = { NULL };
  PlQueryFilter walk_filter = { NULL };
  gboolean ok;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PL_TYPE_COOCCURRENCE, NULL);
  self->project = g_object_ref (project);
  self->unit = spec->unit;
  self->with_descendants = spec->with_descendants;
  if (spec->filter != NULL)
    pl_query_filter_copy (spec->filter, &self->filter);
  g_clear_pointer (&self->filter.code_ids, g_array_unref);

  counting.self = self;
  pl_code_columns_init (&self->columns, project, spec->code_ids, spec->with_descendants);
  self->n = self->columns.codes->len;
  self->counts = g_new0 (guint64, MAX (self->n * self->n, 1));
  self->covered = g_new0 (guint64, MAX (self->n, 1));
  self->shared = g_new0 (guint64, MAX (self->n * self->n, 1));
  counting.present = g_new0 (gboolean, MAX (self->n, 1));
  counting.depth = g_new0 (guint, MAX (self->n, 1));
  counting.in_statement = g_array_new (FALSE, FALSE, sizeof (guint));
  counting.open = g_array_new (FALSE, FALSE, sizeof (guint));
  counting.boundaries = g_array_new (FALSE, FALSE, sizeof (Boundary));
  counting.covering = g_array_new (FALSE, FALSE, sizeof (guint));
  counting.cells = g_array_new (FALSE, FALSE, sizeof (guint));

  pl_query_filter_copy (&self->filter, &walk_filter);
  walk_filter.code_ids = pl_code_columns_dup_code_ids (&self->columns);

  ok = pl_project_query_foreach_document (project, &walk_filter, PL_QUERY_DEFAULT,
                                          count_document, &counting, error);
  pl_query_filter_clear (&walk_filter);
  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}

/* Reading it */

PlCooccurrenceUnit
pl_cooccurrence_get_unit (PlCooccurrence *self)
{
  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), PL_COOCCURRENCE_STATEMENT);
  return self->unit;
}

guint
pl_cooccurrence_get_n_codes (PlCooccurrence *self)
{
  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), 0);
  return self->n;
}

PlCode *
pl_cooccurrence_get_code (PlCooccurrence *self,
                          guint           index)
{
  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), NULL);
  g_return_val_if_fail (index < self->n, NULL);
  return g_ptr_array_index (self->columns.codes, index);
}

const char *
pl_cooccurrence_get_code_key (PlCooccurrence *self,
                              guint           index)
{
  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), NULL);
  g_return_val_if_fail (index < self->n, NULL);
  return g_ptr_array_index (self->columns.keys, index);
}

guint64
pl_cooccurrence_get_count (PlCooccurrence *self,
                           guint           a,
                           guint           b)
{
  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), 0);
  g_return_val_if_fail (a < self->n && b < self->n, 0);
  return self->counts[a * self->n + b];
}

double
pl_cooccurrence_get_jaccard (PlCooccurrence *self,
                             guint           a,
                             guint           b)
{
  double both, either;

  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), 0);
  g_return_val_if_fail (a < self->n && b < self->n, 0);

  if (self->unit == PL_COOCCURRENCE_STATEMENT)
    {
      both = self->counts[a * self->n + b];
      either = (double) self->counts[a * self->n + a] + (double) self->counts[b * self->n + b] - both;
    }
  else
    {
      both = a == b ? self->covered[a] : self->shared[a * self->n + b];
      either = (double) self->covered[a] + (double) self->covered[b] - both;
    }

  return either > 0 ? both / either : 0;
}

/* Drilling down */

static gboolean
overlaps_other (const PlRetrieveHit *hit,
                GPtrArray           *hits,
                guint                from,
                guint                to,
                GHashTable          *others)
{
  for (guint i = from; i < to; i++)
    {
      const PlRetrieveHit *other = g_ptr_array_index (hits, i);

      if (other != hit && g_hash_table_contains (others, &other->code_id) &&
          other->start < hit->end && hit->start < other->end)
        return TRUE;
    }

  return FALSE;
}

/* The codes column @index counts. */
static GHashTable *
family_set (PlCooccurrence *self,
            guint           index)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->columns.columns_of);
  while (g_hash_table_iter_next (&iter, &key, &value))
    for (guint i = 0; i < ((GArray *) value)->len; i++)
      if (g_array_index ((GArray *) value, guint, i) == index)
        g_hash_table_add (set, g_memdup2 (key, sizeof (gint64)));

  return set;
}

/* Keeps the hits of one code that overlap a hit of the other, in one document at a time. */
static GPtrArray *
keep_overlapping (PlCooccurrence *self,
                  GPtrArray      *hits,
                  guint           a,
                  guint           b)
{
  g_autoptr(GHashTable) family_a = family_set (self, a);
  g_autoptr(GHashTable) family_b = family_set (self, b);
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_retrieve_hit_unref);
  guint from = 0;

  while (from < hits->len)
    {
      gint64 document_id = ((PlRetrieveHit *) g_ptr_array_index (hits, from))->document_id;
      guint to = from;

      while (to < hits->len && ((PlRetrieveHit *) g_ptr_array_index (hits, to))->document_id == document_id)
        to++;

      for (guint i = from; i < to; i++)
        {
          PlRetrieveHit *hit = g_ptr_array_index (hits, i);

          if ((g_hash_table_contains (family_a, &hit->code_id) &&
               overlaps_other (hit, hits, from, to, family_b)) ||
              (g_hash_table_contains (family_b, &hit->code_id) &&
               overlaps_other (hit, hits, from, to, family_a)))
            g_ptr_array_add (kept, pl_retrieve_hit_ref (hit));
        }
      from = to;
    }

  return kept;
}

GPtrArray *
pl_cooccurrence_retrieve_cell (PlCooccurrence  *self,
                               guint            a,
                               guint            b,
                               GError         **error)
{
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) hits = NULL;
  gint64 id;

  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), NULL);
  g_return_val_if_fail (a < self->n && b < self->n, NULL);

  id = pl_code_get_id (g_ptr_array_index (self->columns.codes, a));
  g_array_append_val (codes, id);
  if (b != a)
    {
      id = pl_code_get_id (g_ptr_array_index (self->columns.codes, b));
      g_array_append_val (codes, id);
    }

  hits = pl_retrieve (self->project,
                      &(PlRetrieveSpec) {
                        .code_ids = codes,
                        .with_descendants = self->with_descendants,
                        .mode = self->unit == PL_COOCCURRENCE_STATEMENT ? PL_RETRIEVE_ALL
                                                                        : PL_RETRIEVE_ANY,
                        .filter = &self->filter,
                      },
                      error);
  if (hits == NULL || self->unit == PL_COOCCURRENCE_STATEMENT || a == b)
    return g_steal_pointer (&hits);

  return keep_overlapping (self, hits, a, b);
}

GPtrArray *
pl_cooccurrence_list_cell_statements (PlCooccurrence  *self,
                                      guint            a,
                                      guint            b,
                                      GError         **error)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GPtrArray) document_statements = NULL;
  g_autoptr(GPtrArray) statements = NULL;
  gint64 loaded = 0;
  guint last_index = 0;

  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), NULL);

  hits = pl_cooccurrence_retrieve_cell (self, a, b, error);
  if (hits == NULL)
    return NULL;

  statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);
  for (guint i = 0; i < hits->len; i++)
    {
      const PlRetrieveHit *hit = g_ptr_array_index (hits, i);

      if (hit->statement_index == 0 ||
          (hit->document_id == loaded && hit->statement_index == last_index))
        continue;

      if (hit->document_id != loaded)
        {
          g_clear_pointer (&document_statements, g_ptr_array_unref);
          document_statements = pl_project_list_statements (self->project, hit->document_id, error);
          if (document_statements == NULL)
            return NULL;
          loaded = hit->document_id;
        }

      last_index = hit->statement_index;
      for (guint k = 0; k < document_statements->len; k++)
        {
          PlStatement *statement = g_ptr_array_index (document_statements, k);

          if (statement->index == hit->statement_index)
            g_ptr_array_add (statements, pl_statement_ref (statement));
        }
    }

  return g_steal_pointer (&statements);
}

/* CSV and charts */

char *
pl_cooccurrence_to_csv (PlCooccurrence *self,
                        gboolean        jaccard)
{
  const PlCsvFlags flags = PL_CSV_SPREADSHEET_SAFE | PL_CSV_KEEP_SPACES;
  GString *csv = g_string_new ("code");

  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), NULL);

  for (guint b = 0; b < self->n; b++)
    {
      g_string_append_c (csv, ',');
      pl_csv_append_field (csv, g_ptr_array_index (self->columns.keys, b), flags);
    }
  g_string_append (csv, "\r\n");

  for (guint a = 0; a < self->n; a++)
    {
      pl_csv_append_field (csv, g_ptr_array_index (self->columns.keys, a), flags);
      for (guint b = 0; b < self->n; b++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (jaccard)
            g_ascii_dtostr (number, sizeof number, pl_cooccurrence_get_jaccard (self, a, b));
          else
            g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, self->counts[a * self->n + b]);
          g_string_append_printf (csv, ",%s", number);
        }
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

PlChartData *
pl_cooccurrence_to_chart_data (PlCooccurrence *self,
                               gboolean        jaccard)
{
  PlChartData *data;

  g_return_val_if_fail (PL_IS_COOCCURRENCE (self), NULL);

  data = pl_chart_data_new (self->n, self->n);
  pl_code_columns_set_series (&self->columns, data);
  for (guint a = 0; a < self->n; a++)
    {
      const char *key = g_ptr_array_index (self->columns.keys, a);
      gint64 id = pl_code_get_id (g_ptr_array_index (self->columns.codes, a));

      pl_chart_data_set_row (data, a, &(PlChartRowSpec) { key, key, id });
      for (guint b = 0; b < self->n; b++)
        pl_chart_data_set_value (data, a, b,
                                 jaccard ? pl_cooccurrence_get_jaccard (self, a, b)
                                         : (double) self->counts[a * self->n + b]);
    }

  pl_chart_data_set_value_kind (data, jaccard ? PL_CHART_VALUE_NUMBER : PL_CHART_VALUE_COUNT);
  pl_chart_data_set_title (data, self->unit == PL_COOCCURRENCE_STATEMENT
                                 ? _("Codes in the same statement")
                                 : _("Codes on overlapping text"));
  pl_chart_data_set_axis_labels (data, _("Code"), _("Code"),
                                 jaccard ? _("Jaccard")
                                 : self->unit == PL_COOCCURRENCE_STATEMENT ? _("Statements")
                                 : _("Overlapping segments"));
  return data;
}
