/* pl-statistics.c — frequencies: codes by entity, group, document, session, year, coder …
 *
 * One walk of the store (pl-project-query.h) over the segments of the columns' codes;
 * counting happens here, in hash tables: a segment adds one to each of its code's columns
 * in its row.  Statements and speakers are counted once per row and column: a statement's
 * segments come together in a walk, so statements are told apart within one statement's
 * run of segments; speakers, which recur across documents, through one set of (row,
 * column, speaker) triples for the whole table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-statistics"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-analysis-private.h"
#include "pl-csv.h"
#include "pl-statistics.h"

struct _PlFrequencyTable
{
  GObject        parent_instance;

  PlProject     *project;
  PlStatsField   by;
  PlStatsCount   count;
  gboolean       with_descendants;
  PlQueryFilter  filter;
  PlCodeColumns  columns;
  GPtrArray     *rows;          /* Row *, in order once made */
};

G_DEFINE_FINAL_TYPE (PlFrequencyTable, pl_frequency_table, G_TYPE_OBJECT)

typedef struct
{
  char    *key;          /* NULL: no value */
  char    *label;
  gint64   id;           /* a document's or coder's id; 0 */
  char    *first_date;   /* the earliest document date seen in the row, for its order */
  gint64   first_document;
  guint64  total;
  guint64 *values;       /* one per column */
} Row;

static void
row_free (Row *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row->first_date);
  g_free (row->values);
  g_free (row);
}

/* Fields */

static const char * const field_names[] = {
  [PL_STATS_BY_ENTITY] = "entity",
  [PL_STATS_BY_REGIONAL_GROUP] = "group",
  [PL_STATS_BY_ENTITY_TYPE] = "entity_type",
  [PL_STATS_BY_ON_BEHALF_OF] = "on_behalf_of",
  [PL_STATS_BY_DOCUMENT] = "document",
  [PL_STATS_BY_PROCESS] = "process",
  [PL_STATS_BY_SESSION] = "session",
  [PL_STATS_BY_YEAR] = "year",
  [PL_STATS_BY_DATE] = "date",
  [PL_STATS_BY_CODER] = "coder",
  [PL_STATS_BY_STANCE] = "stance",
};

static const char * const count_names[] = {
  [PL_STATS_COUNT_SEGMENTS] = "segments",
  [PL_STATS_COUNT_STATEMENTS] = "statements",
  [PL_STATS_COUNT_SPEAKERS] = "speakers",
};

gboolean
pl_stats_field_from_string (const char   *name,
                            PlStatsField *out_field)
{
  guint index;

  g_return_val_if_fail (out_field != NULL, FALSE);

  if (!pl_analysis_find_name (field_names, G_N_ELEMENTS (field_names), name, &index))
    return FALSE;
  *out_field = index;
  return TRUE;
}

const char *
pl_stats_field_to_string (PlStatsField field)
{
  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (field_names), NULL);

  return field_names[field];
}

const char *
pl_stats_field_get_label (PlStatsField field)
{
  const char *labels[] = {
    [PL_STATS_BY_ENTITY] = N_("Entity"),
    [PL_STATS_BY_REGIONAL_GROUP] = N_("Regional group"),
    [PL_STATS_BY_ENTITY_TYPE] = N_("Entity type"),
    [PL_STATS_BY_ON_BEHALF_OF] = N_("On behalf of"),
    [PL_STATS_BY_DOCUMENT] = N_("Document"),
    [PL_STATS_BY_PROCESS] = N_("Process"),
    [PL_STATS_BY_SESSION] = N_("Session"),
    [PL_STATS_BY_YEAR] = N_("Year"),
    [PL_STATS_BY_DATE] = N_("Date"),
    [PL_STATS_BY_CODER] = N_("Coder"),
    [PL_STATS_BY_STANCE] = N_("Stance"),
  };

  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (labels), NULL);

  return _(labels[field]);
}

gboolean
pl_stats_count_from_string (const char   *name,
                            PlStatsCount *out_count)
{
  guint index;

  g_return_val_if_fail (out_count != NULL, FALSE);

  if (!pl_analysis_find_name (count_names, G_N_ELEMENTS (count_names), name, &index))
    return FALSE;
  *out_count = index;
  return TRUE;
}

const char *
pl_stats_count_to_string (PlStatsCount count)
{
  g_return_val_if_fail ((guint) count < G_N_ELEMENTS (count_names), NULL);

  return count_names[count];
}

static gboolean
is_document_field (PlStatsField field)
{
  return field == PL_STATS_BY_DOCUMENT || field == PL_STATS_BY_PROCESS ||
         field == PL_STATS_BY_SESSION || field == PL_STATS_BY_YEAR || field == PL_STATS_BY_DATE;
}

static gboolean
is_dated_field (PlStatsField field)
{
  return field == PL_STATS_BY_SESSION || field == PL_STATS_BY_YEAR || field == PL_STATS_BY_DATE;
}

/* The year of an ISO 8601 date ("2024-03-07" → "2024"), NULL when it has none. */
static char *
year_of (const char *date)
{
  if (date == NULL || strlen (date) < 4 || !g_ascii_isdigit (date[0]) ||
      !g_ascii_isdigit (date[1]) || !g_ascii_isdigit (date[2]) || !g_ascii_isdigit (date[3]))
    return NULL;

  return g_strndup (date, 4);
}

/* The value of a document-level field, as a new string, or NULL. */
static char *
document_key (PlStatsField  field,
              PlDocument   *document)
{
  switch (field)
    {
    case PL_STATS_BY_DOCUMENT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, pl_document_get_id (document));
    case PL_STATS_BY_PROCESS:
      return g_strdup (pl_document_get_metadata (document, "process"));
    case PL_STATS_BY_SESSION:
      return g_strdup (pl_document_get_metadata (document, "session"));
    case PL_STATS_BY_YEAR:
      return year_of (pl_document_get_metadata (document, "date"));
    case PL_STATS_BY_DATE:
      return g_strdup (pl_document_get_metadata (document, "date"));
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

static const char *
statement_key (PlStatsField            field,
               const PlQueryStatement *statement)
{
  switch (field)
    {
    case PL_STATS_BY_ENTITY:
      return statement->entity;
    case PL_STATS_BY_REGIONAL_GROUP:
      return statement->regional_group;
    case PL_STATS_BY_ENTITY_TYPE:
      return statement->entity_type;
    case PL_STATS_BY_ON_BEHALF_OF:
      return statement->on_behalf_of;
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

/* Counting */

typedef struct
{
  PlFrequencyTable *table;
  GHashTable       *rows;          /* key → Row*; the NULL key is @none */
  Row              *none;
  GHashTable       *coder_names;   /* gint64* → name */
  GPtrArray        *coders;
  GHashTable       *speakers;      /* speaker → GUINT_TO_POINTER (id + 1) */
  GHashTable       *seen;          /* gint64* (row, column, speaker) already counted */
  GHashTable       *row_index;     /* Row* → GUINT_TO_POINTER (index + 1) */
  GArray           *run;           /* guint64 (row, column) counted in this statement */
} Counting;

static void
counting_clear (Counting *counting)
{
  g_clear_pointer (&counting->rows, g_hash_table_unref);
  g_clear_pointer (&counting->none, row_free);
  g_clear_pointer (&counting->coder_names, g_hash_table_unref);
  g_clear_pointer (&counting->coders, g_ptr_array_unref);
  g_clear_pointer (&counting->speakers, g_hash_table_unref);
  g_clear_pointer (&counting->seen, g_hash_table_unref);
  g_clear_pointer (&counting->row_index, g_hash_table_unref);
  g_clear_pointer (&counting->run, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Counting, counting_clear)

static Row *
row_new (Counting   *counting,
         const char *key)
{
  Row *row = g_new0 (Row, 1);

  row->key = g_strdup (key);
  row->values = g_new0 (guint64, MAX (counting->table->columns.codes->len, 1));
  g_hash_table_insert (counting->row_index, row,
                       GUINT_TO_POINTER (g_hash_table_size (counting->row_index) + 1));
  return row;
}

static Row *
find_row (Counting   *counting,
          const char *key)
{
  Row *row;

  if (key == NULL)
    {
      if (counting->none == NULL)
        counting->none = row_new (counting, NULL);
      return counting->none;
    }

  row = g_hash_table_lookup (counting->rows, key);
  if (row == NULL)
    {
      row = row_new (counting, key);
      g_hash_table_insert (counting->rows, row->key, row);
    }
  return row;
}

static void
note_document (Row        *row,
               PlDocument *document)
{
  const char *date = pl_document_get_metadata (document, "date");
  gint64 id = pl_document_get_id (document);

  if (date != NULL && (row->first_date == NULL || strcmp (date, row->first_date) < 0))
    {
      g_free (row->first_date);
      row->first_date = g_strdup (date);
    }
  if (row->first_document == 0 || id < row->first_document)
    row->first_document = id;
}

/* The row of a segment. */
static Row *
segment_row (Counting              *counting,
             const PlQueryDocument *document,
             const PlQuerySegment  *segment,
             Row                   *document_row)
{
  PlStatsField by = counting->table->by;
  Row *row;

  if (document_row != NULL)
    return document_row;

  switch (by)
    {
    case PL_STATS_BY_CODER:
      row = find_row (counting, g_hash_table_lookup (counting->coder_names, &segment->coder_id));
      row->id = segment->coder_id;
      break;
    case PL_STATS_BY_STANCE:
      row = find_row (counting, segment->stance);
      break;
    default:
      row = find_row (counting,
                      segment->statement >= 0
                      ? statement_key (by, &document->statements[segment->statement]) : NULL);
      break;
    }

  note_document (row, document->document);
  return row;
}

static guint
speaker_id (Counting   *counting,
            const char *speaker)
{
  gpointer id = g_hash_table_lookup (counting->speakers, speaker);

  if (id == NULL)
    {
      id = GUINT_TO_POINTER (g_hash_table_size (counting->speakers) + 1);
      g_hash_table_insert (counting->speakers, g_strdup (speaker), id);
    }

  return GPOINTER_TO_UINT (id);
}

/* Whether (@row, @column, @unit) is new; @column -1 stands for the row's total. */
static gboolean
first_time (Counting *counting,
            Row      *row,
            int       column,
            guint     unit,
            gboolean  in_run)
{
  guint64 key = ((guint64) GPOINTER_TO_UINT (g_hash_table_lookup (counting->row_index, row)) << 40)
                | ((guint64) (column + 1) << 24) | unit;

  if (in_run)
    {
      for (guint i = 0; i < counting->run->len; i++)
        if (g_array_index (counting->run, guint64, i) == key)
          return FALSE;
      g_array_append_val (counting->run, key);
      return TRUE;
    }

  if (g_hash_table_contains (counting->seen, &key))
    return FALSE;
  g_hash_table_add (counting->seen, g_memdup2 (&key, sizeof key));
  return TRUE;
}

static void
count_segment (Counting              *counting,
               const PlQueryDocument *document,
               const PlQuerySegment  *segment,
               Row                   *row,
               GArray                *columns)
{
  PlStatsCount count = counting->table->count;
  gboolean in_run = count == PL_STATS_COUNT_STATEMENTS;
  guint unit = 0;

  if (count != PL_STATS_COUNT_SEGMENTS)
    {
      const PlQueryStatement *statement;
      const char *speaker;

      if (segment->statement < 0)
        return;
      statement = &document->statements[segment->statement];
      speaker = statement->entity != NULL ? statement->entity : statement->speaker;
      if (count == PL_STATS_COUNT_SPEAKERS)
        {
          if (speaker == NULL)
            return;
          unit = speaker_id (counting, speaker);
        }
    }

  for (guint c = 0; c < columns->len; c++)
    {
      guint column = g_array_index (columns, guint, c);

      if (count == PL_STATS_COUNT_SEGMENTS || first_time (counting, row, column, unit, in_run))
        row->values[column]++;
    }

  if (count == PL_STATS_COUNT_SEGMENTS || first_time (counting, row, -1, unit, in_run))
    row->total++;
}

static gboolean
count_document (const PlQueryDocument  *document,
                gpointer                user_data,
                GError                **error)
{
  Counting *counting = user_data;
  PlStatsField by = counting->table->by;
  Row *document_row = NULL;
  int statement = G_MININT;

  if (is_document_field (by))
    {
      g_autofree char *key = document_key (by, document->document);

      document_row = find_row (counting, key);
      note_document (document_row, document->document);
      if (by == PL_STATS_BY_DOCUMENT)
        {
          document_row->id = pl_document_get_id (document->document);
          if (document_row->label == NULL)
            document_row->label = g_strdup (pl_document_get_title (document->document));
        }
    }

  for (guint i = 0; i < document->n_segments; i++)
    {
      const PlQuerySegment *segment = &document->segments[i];
      GArray *columns = pl_code_columns_lookup (&counting->table->columns, segment->code_id);

      if (segment->statement != statement)
        {
          statement = segment->statement;
          g_array_set_size (counting->run, 0);
        }
      if (columns == NULL)
        continue;

      count_segment (counting, document, segment,
                     segment_row (counting, document, segment, document_row), columns);
    }

  return TRUE;
}

/* Rows in order */

static gint
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const Row *ra = *(const Row * const *) a;
  const Row *rb = *(const Row * const *) b;
  PlStatsField by = GPOINTER_TO_INT (user_data);
  int order;

  if ((ra->key == NULL) != (rb->key == NULL))
    return ra->key == NULL ? 1 : -1;

  if (by == PL_STATS_BY_DOCUMENT)
    return ra->first_document < rb->first_document ? -1 : (ra->first_document > rb->first_document);

  if (is_dated_field (by) && (ra->first_date == NULL) != (rb->first_date == NULL))
    return ra->first_date == NULL ? 1 : -1;
  if (is_dated_field (by) && (order = g_strcmp0 (ra->first_date, rb->first_date)) != 0)
    return order;

  return g_strcmp0 (ra->key, rb->key);
}

static void
finish_rows (PlFrequencyTable *self,
             Counting         *counting)
{
  GHashTableIter iter;
  gpointer value;

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_hash_table_iter_init (&iter, counting->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (self->rows, value);
      g_hash_table_iter_steal (&iter);
    }
  if (counting->none != NULL)
    g_ptr_array_add (self->rows, g_steal_pointer (&counting->none));

  g_ptr_array_sort_with_data (self->rows, compare_rows, GINT_TO_POINTER (self->by));

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      if (row->label == NULL)
        row->label = g_strdup (row->key != NULL ? row->key : _("(none)"));
    }
}

/* The table */

static void
pl_frequency_table_finalize (GObject *object)
{
  PlFrequencyTable *self = PL_FREQUENCY_TABLE (object);

  g_clear_object (&self->project);
  pl_query_filter_clear (&self->filter);
  pl_code_columns_clear (&self->columns);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pl_frequency_table_parent_class)->finalize (object);
}

static void
pl_frequency_table_class_init (PlFrequencyTableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_frequency_table_finalize;
}

static void
pl_frequency_table_init (PlFrequencyTable *self)
{
}

static void
counting_init (Counting         *counting,
               PlFrequencyTable *self)
{
  counting->table = self;
  counting->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) row_free);
  counting->speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  counting->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  counting->row_index = g_hash_table_new (NULL, NULL);
  counting->run = g_array_new (FALSE, FALSE, sizeof (guint64));
  counting->coder_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  counting->coders = pl_project_list_coders (self->project);
  for (guint i = 0; counting->coders != NULL && i < counting->coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (counting->coders, i);

      g_hash_table_insert (counting->coder_names, &coder->id, coder->name);
    }
}

PlFrequencyTable *
pl_frequency_table_new (PlProject              *project,
                        const PlFrequencySpec  *spec,
                        GError                **error)
{
  g_autoptr(PlFrequencyTable) self = NULL;
  g_auto(Counting) counting = { NULL };
  PlQueryFilter walk_filter = { NULL };
  gboolean ok;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PL_TYPE_FREQUENCY_TABLE, NULL);
  self->project = g_object_ref (project);
  self->by = spec->by;
  self->count = spec->count;
  self->with_descendants = spec->with_descendants;
  if (spec->filter != NULL)
    pl_query_filter_copy (spec->filter, &self->filter);
  g_clear_pointer (&self->filter.code_ids, g_array_unref);

  pl_code_columns_init (&self->columns, project, spec->code_ids, spec->with_descendants);
  counting_init (&counting, self);

  /* Only the segments of the columns' codes are walked. */
  pl_query_filter_copy (&self->filter, &walk_filter);
  walk_filter.code_ids = pl_code_columns_dup_code_ids (&self->columns);

  ok = pl_project_query_foreach_document (project, &walk_filter, PL_QUERY_DEFAULT,
                                          count_document, &counting, error);
  pl_query_filter_clear (&walk_filter);
  if (!ok)
    return NULL;

  finish_rows (self, &counting);
  return g_steal_pointer (&self);
}

PlStatsField
pl_frequency_table_get_by (PlFrequencyTable *self)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), PL_STATS_BY_ENTITY);
  return self->by;
}

PlStatsCount
pl_frequency_table_get_count_kind (PlFrequencyTable *self)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), PL_STATS_COUNT_SEGMENTS);
  return self->count;
}

guint
pl_frequency_table_get_n_rows (PlFrequencyTable *self)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), 0);
  return self->rows->len;
}

guint
pl_frequency_table_get_n_columns (PlFrequencyTable *self)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), 0);
  return self->columns.codes->len;
}

static Row *
get_row (PlFrequencyTable *self,
         guint             row)
{
  g_return_val_if_fail (row < self->rows->len, NULL);
  return g_ptr_array_index (self->rows, row);
}

const char *
pl_frequency_table_get_row_key (PlFrequencyTable *self,
                                guint             row)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return get_row (self, row)->key;
}

const char *
pl_frequency_table_get_row_label (PlFrequencyTable *self,
                                  guint             row)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), NULL);
  g_return_val_if_fail (row < self->rows->len, NULL);
  return get_row (self, row)->label;
}

PlCode *
pl_frequency_table_get_column_code (PlFrequencyTable *self,
                                    guint             column)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), NULL);
  g_return_val_if_fail (column < self->columns.codes->len, NULL);
  return g_ptr_array_index (self->columns.codes, column);
}

const char *
pl_frequency_table_get_column_key (PlFrequencyTable *self,
                                   guint             column)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), NULL);
  g_return_val_if_fail (column < self->columns.codes->len, NULL);
  return g_ptr_array_index (self->columns.keys, column);
}

guint64
pl_frequency_table_get_value (PlFrequencyTable *self,
                              guint             row,
                              guint             column)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), 0);
  g_return_val_if_fail (row < self->rows->len && column < self->columns.codes->len, 0);
  return get_row (self, row)->values[column];
}

guint64
pl_frequency_table_get_total (PlFrequencyTable *self,
                              guint             row)
{
  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), 0);
  g_return_val_if_fail (row < self->rows->len, 0);
  return get_row (self, row)->total;
}

double
pl_frequency_table_get_share (PlFrequencyTable *self,
                              guint             row,
                              guint             column)
{
  guint64 total;

  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), 0);
  g_return_val_if_fail (row < self->rows->len && column < self->columns.codes->len, 0);

  total = get_row (self, row)->total;
  return total > 0 ? (double) get_row (self, row)->values[column] / (double) total : 0;
}

/* Drilling down */

static char **
strv_of (const char *value)
{
  char **strv = g_new0 (char *, 2);

  strv[0] = g_strdup (value != NULL ? value : "");
  return strv;
}

/* Replaces *@list by the one value @key ("" for none). */
static void
set_only (char       ***list,
          const char   *key)
{
  g_strfreev (*list);
  *list = strv_of (key);
}

static GArray *
one_id (gint64 id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, id);
  return ids;
}

/* The documents whose value of a document-level field is @key, of those @filter keeps. */
static GArray *
documents_with_key (PlFrequencyTable    *self,
                    const PlQueryFilter *filter,
                    const char          *key)
{
  GListModel *documents = pl_project_get_documents (self->project);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *value = document_key (self->by, document);
      gint64 id = pl_document_get_id (document);
      gboolean kept = filter->document_ids == NULL;

      for (guint k = 0; !kept && k < filter->document_ids->len; k++)
        kept = g_array_index (filter->document_ids, gint64, k) == id;
      if (kept && g_strcmp0 (value, key) == 0)
        g_array_append_val (ids, id);
    }

  return ids;
}

void
pl_frequency_table_get_cell_spec (PlFrequencyTable *self,
                                  guint             row,
                                  int               column,
                                  PlRetrieveSpec   *spec,
                                  PlQueryFilter    *filter)
{
  const Row *r;

  g_return_if_fail (PL_IS_FREQUENCY_TABLE (self));
  g_return_if_fail (row < self->rows->len);
  g_return_if_fail (column < (int) self->columns.codes->len);
  g_return_if_fail (spec != NULL && filter != NULL);

  r = get_row (self, row);
  memset (spec, 0, sizeof *spec);
  pl_query_filter_copy (&self->filter, filter);

  switch (self->by)
    {
    case PL_STATS_BY_ENTITY:
      set_only (&filter->entities, r->key);
      break;
    case PL_STATS_BY_REGIONAL_GROUP:
      set_only (&filter->regional_groups, r->key);
      break;
    case PL_STATS_BY_ENTITY_TYPE:
      set_only (&filter->entity_types, r->key);
      break;
    case PL_STATS_BY_ON_BEHALF_OF:
      set_only (&filter->on_behalf_of, r->key);
      break;
    case PL_STATS_BY_PROCESS:
      set_only (&filter->processes, r->key);
      break;
    case PL_STATS_BY_SESSION:
      set_only (&filter->sessions, r->key);
      break;
    case PL_STATS_BY_STANCE:
      set_only (&filter->stances, r->key);
      break;
    case PL_STATS_BY_CODER:
      g_clear_pointer (&filter->coder_ids, g_array_unref);
      filter->coder_ids = one_id (r->id);
      break;
    case PL_STATS_BY_DOCUMENT:
    case PL_STATS_BY_YEAR:
    case PL_STATS_BY_DATE:
      {
        GArray *ids = documents_with_key (self, &self->filter, r->key);

        g_clear_pointer (&filter->document_ids, g_array_unref);
        filter->document_ids = ids;
      }
      break;
    default:
      g_assert_not_reached ();
    }

  spec->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint c = 0; c < self->columns.codes->len; c++)
    if (column < 0 || (guint) column == c)
      {
        gint64 id = pl_code_get_id (g_ptr_array_index (self->columns.codes, c));

        g_array_append_val (spec->code_ids, id);
      }
  spec->with_descendants = self->with_descendants;
  spec->mode = PL_RETRIEVE_ANY;
  spec->filter = filter;
}

/* CSV and charts */

char *
pl_frequency_table_to_csv (PlFrequencyTable *self,
                           gboolean          shares)
{
  GString *csv = g_string_new (NULL);
  const PlCsvFlags flags = PL_CSV_SPREADSHEET_SAFE | PL_CSV_KEEP_SPACES;

  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), NULL);

  pl_csv_append_field (csv, pl_stats_field_to_string (self->by), PL_CSV_PLAIN);
  for (guint c = 0; c < self->columns.codes->len; c++)
    {
      g_string_append_c (csv, ',');
      pl_csv_append_field (csv, g_ptr_array_index (self->columns.keys, c), flags);
    }
  g_string_append (csv, ",total\r\n");

  for (guint r = 0; r < self->rows->len; r++)
    {
      const Row *row = g_ptr_array_index (self->rows, r);

      pl_csv_append_field (csv, row->key, flags);
      for (guint c = 0; c < self->columns.codes->len; c++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (shares)
            g_ascii_dtostr (number, sizeof number, pl_frequency_table_get_share (self, r, c));
          else
            g_snprintf (number, sizeof number, "%" G_GUINT64_FORMAT, row->values[c]);
          g_string_append_printf (csv, ",%s", number);
        }
      g_string_append_printf (csv, ",%" G_GUINT64_FORMAT "\r\n", row->total);
    }

  return g_string_free (csv, FALSE);
}

PlChartData *
pl_frequency_table_to_chart_data (PlFrequencyTable *self,
                                  gboolean          shares)
{
  const char *values[] = {
    [PL_STATS_COUNT_SEGMENTS] = shares ? _("Share of segments") : _("Segments"),
    [PL_STATS_COUNT_STATEMENTS] = shares ? _("Share of statements") : _("Statements"),
    [PL_STATS_COUNT_SPEAKERS] = shares ? _("Share of speakers") : _("Speakers"),
  };
  g_autofree char *title = NULL;
  PlChartData *data;

  g_return_val_if_fail (PL_IS_FREQUENCY_TABLE (self), NULL);

  data = pl_chart_data_new (self->rows->len, self->columns.codes->len);
  for (guint r = 0; r < self->rows->len; r++)
    {
      const Row *row = g_ptr_array_index (self->rows, r);

      pl_chart_data_set_row (data, r, &(PlChartRowSpec) { row->label, row->key, row->id });
      for (guint c = 0; c < self->columns.codes->len; c++)
        pl_chart_data_set_value (data, r, c,
                                 shares ? pl_frequency_table_get_share (self, r, c)
                                        : (double) row->values[c]);
    }
  pl_code_columns_set_series (&self->columns, data);

  pl_chart_data_set_value_kind (data, shares ? PL_CHART_VALUE_SHARE : PL_CHART_VALUE_COUNT);
  /* TRANSLATORS: a chart's title, "Codes by Regional group". */
  title = g_strdup_printf (_("Codes by %s"), pl_stats_field_get_label (self->by));
  pl_chart_data_set_title (data, title);
  pl_chart_data_set_axis_labels (data, pl_stats_field_get_label (self->by), _("Code"),
                                 values[self->count]);
  return data;
}
