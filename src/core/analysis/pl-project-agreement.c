/* pl-project-agreement.c — agreement between coders over a project
 *
 * One pass over the annotations of the chosen documents (the spans cursor: no text, no
 * order) keeps the rows of the compared coders and marks which coder coded which document;
 * the units are the documents' statements, sorted by start, so that an annotation finds the
 * units it overlaps by binary search.  Then each code (or the categories) becomes one
 * PlCodingData, or for α_U one array of spans, handed to pl-agreement.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-agreement"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-project-agreement.h"
#include "pl-project-gold.h"

static const char * const unit_names[] = {
  [PL_AGREEMENT_BY_STATEMENT] = "statement",
  [PL_AGREEMENT_BY_CATEGORY] = "category",
  [PL_AGREEMENT_BY_SPAN] = "span",
};

const char *
pl_agreement_unit_to_string (PlAgreementUnit unit)
{
  g_return_val_if_fail (unit < G_N_ELEMENTS (unit_names), NULL);
  return unit_names[unit];
}

gboolean
pl_agreement_unit_from_string (const char      *name,
                               PlAgreementUnit *out_unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    if (g_strcmp0 (name, unit_names[i]) == 0)
      {
        *out_unit = (PlAgreementUnit) i;
        return TRUE;
      }
  return FALSE;
}

/* The report */

static void
row_clear (gpointer data)
{
  PlAgreementRow *row = data;

  g_free (row->short_id);
  g_free (row->name);
}

void
pl_agreement_report_free (PlAgreementReport *report)
{
  if (report == NULL)
    return;
  g_array_unref (report->coder_ids);
  g_ptr_array_unref (report->coder_names);
  row_clear (&report->overall);
  g_array_unref (report->rows);
  g_free (report);
}

static PlCoefficient
undefined (const char *reason)
{
  PlCoefficient coefficient = { NAN, reason };

  return coefficient;
}

static void
row_set (PlAgreementRow    *row,
         const PlAgreement *agreement)
{
  row->n_units = agreement->n_units;
  row->percent = agreement->percent;
  row->cohen_kappa = agreement->cohen_kappa;
  row->scott_pi = agreement->scott_pi;
  row->fleiss_kappa = agreement->fleiss_kappa;
  row->krippendorff_alpha = agreement->krippendorff_alpha;
  row->alpha_u = undefined (_("α_U is measured on spans: compare by span"));
}

static void
row_set_unitized (PlAgreementRow *row,
                  PlCoefficient   alpha_u,
                  guint           n_spans)
{
  const char *reason = _("by span, agreement is measured with α_U only");

  row->n_units = n_spans;
  row->percent = row->cohen_kappa = row->scott_pi = row->fleiss_kappa =
    row->krippendorff_alpha = undefined (reason);
  row->alpha_u = alpha_u;
}

/* Gathering */

/* One annotation of a compared coder. */
typedef struct
{
  guint  document;   /* index in @documents */
  guint  coder;      /* index in @coder_ids */
  gint64 code_id;
  guint  start;
  guint  end;
} Span;

typedef struct
{
  PlProjectReader       *reader;
  const PlAgreementSpec *spec;
  PlAgreementReport     *report;
  GPtrArray             *documents;   /* PlDocument, chosen */
  GHashTable            *document_index;  /* id → index + 1 */
  GHashTable            *coder_index;     /* id → index + 1 */
  guint                  n_coders;
  guint8                *coded;       /* n_documents × n_coders: annotated the document */
  GArray                *spans;       /* Span */
  /* The units: per document, its statements sorted by start. */
  guint                 *first_unit;  /* n_documents + 1 */
  GArray                *unit_starts; /* guint */
  GArray                *unit_ends;
  /* The columns: codes (or categories) and what code stands for which of them. */
  GPtrArray             *columns;     /* PlCode */
  GHashTable            *column_of;   /* code id → GArray of guint column indices */
} Gather;

static void
gather_clear (Gather *gather)
{
  g_clear_pointer (&gather->documents, g_ptr_array_unref);
  g_clear_pointer (&gather->document_index, g_hash_table_unref);
  g_clear_pointer (&gather->coder_index, g_hash_table_unref);
  g_clear_pointer (&gather->coded, g_free);
  g_clear_pointer (&gather->spans, g_array_unref);
  g_clear_pointer (&gather->first_unit, g_free);
  g_clear_pointer (&gather->unit_starts, g_array_unref);
  g_clear_pointer (&gather->unit_ends, g_array_unref);
  g_clear_pointer (&gather->columns, g_ptr_array_unref);
  g_clear_pointer (&gather->column_of, g_hash_table_unref);
}

static guint
lookup_index (GHashTable *table,
              gint64      id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, &id));
}

static void
insert_index (GHashTable *table,
              gint64      id,
              guint       index)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (index + 1));
}

static gboolean
gather_documents (Gather  *gather,
                  GError **error)
{
  const GArray *wanted = gather->spec->document_ids;
  PlProjectFilter filter = { .document_ids = (GArray *) wanted };

  gather->documents = pl_project_reader_list_documents (gather->reader, &filter);
  gather->document_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < gather->documents->len; i++)
    insert_index (gather->document_index,
                  pl_document_get_id (g_ptr_array_index (gather->documents, i)), i);

  for (guint i = 0; wanted != NULL && i < wanted->len; i++)
    if (lookup_index (gather->document_index, g_array_index (wanted, gint64, i)) == 0)
      {
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                     _("There is no document %lld in this project."),
                     (long long) g_array_index (wanted, gint64, i));
        return FALSE;
      }
  return TRUE;
}

/* Reads the annotations of the chosen documents: the compared coders' rows, and who coded
 * which document. */
static gboolean
gather_annotations (Gather  *gather,
                    GError **error)
{
  PlProjectFilter filter = {
    .document_ids = gather->spec->document_ids,
    .coder_ids = gather->spec->coder_ids,
  };
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) coders_seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  PlCoder *gold = pl_project_find_gold_coder (pl_project_reader_get_project (gather->reader));
  const PlAnnotationRow *row;

  cursor = pl_project_reader_read_annotations (gather->reader, &filter, 0, PL_READ_SPANS, error);
  if (cursor == NULL)
    return FALSE;
  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    {
      guint document = lookup_index (gather->document_index, pl_document_get_id (row->document));
      Span span = { document - 1, 0, row->code != NULL ? pl_code_get_id (row->code) : 0,
                    row->start, row->end };

      if (document == 0 || span.code_id == 0)
        continue;
      /* The coder's index for now is its id; made an index below. */
      span.coder = 0;
      g_array_append_val (all, span);
      g_array_append_val (coders_seen, row->coder_id);
    }
  if (!pl_annotation_cursor_finish (cursor, error))
    return FALSE;

  gather->coder_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (gather->spec->coder_ids != NULL)
    for (guint i = 0; i < gather->spec->coder_ids->len; i++)
      {
        gint64 id = g_array_index (gather->spec->coder_ids, gint64, i);

        if (lookup_index (gather->coder_index, id) == 0)
          insert_index (gather->coder_index, id, g_hash_table_size (gather->coder_index));
      }
  else
    {
      g_autoptr(GPtrArray) coders = pl_project_reader_list_coders (gather->reader);

      for (guint i = 0; i < coders->len; i++)
        {
          PlCoder *coder = g_ptr_array_index (coders, i);
          gboolean seen = FALSE;

          for (guint k = 0; k < coders_seen->len && !seen; k++)
            seen = g_array_index (coders_seen, gint64, k) == coder->id;
          if (seen && (gold == NULL || coder->id != gold->id))
            insert_index (gather->coder_index, coder->id, g_hash_table_size (gather->coder_index));
        }
    }
  gather->n_coders = g_hash_table_size (gather->coder_index);

  gather->coded = g_new0 (guint8, (gsize) gather->documents->len * MAX (gather->n_coders, 1));
  gather->spans = g_array_sized_new (FALSE, FALSE, sizeof (Span), all->len);
  for (guint i = 0; i < all->len; i++)
    {
      Span span = g_array_index (all, Span, i);
      guint coder = lookup_index (gather->coder_index, g_array_index (coders_seen, gint64, i));

      if (coder == 0)
        continue;
      span.coder = coder - 1;
      gather->coded[(gsize) span.document * gather->n_coders + span.coder] = 1;
      g_array_append_val (gather->spans, span);
    }
  return TRUE;
}

/* The coders' names and ids, in the order compared; fails for fewer than two. */
static gboolean
gather_coders (Gather  *gather,
               GError **error)
{
  PlAgreementReport *report = gather->report;
  g_autoptr(GPtrArray) coders = pl_project_reader_list_coders (gather->reader);

  g_ptr_array_set_size (report->coder_names, gather->n_coders);
  g_array_set_size (report->coder_ids, gather->n_coders);
  for (guint i = 0; i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);
      guint index = lookup_index (gather->coder_index, coder->id);

      if (index == 0)
        continue;
      g_ptr_array_index (report->coder_names, index - 1) = g_strdup (coder->name);
      g_array_index (report->coder_ids, gint64, index - 1) = coder->id;
    }
  for (guint i = 0; i < gather->n_coders; i++)
    if (g_ptr_array_index (report->coder_names, i) == NULL)
      {
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                     _("A coder to compare is not in this project."));
        return FALSE;
      }
  if (gather->n_coders < 2)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("Agreement needs at least two coders to compare; there are %u."),
                   gather->n_coders);
      return FALSE;
    }
  return TRUE;
}

static gboolean
gather_units (Gather  *gather,
              GError **error)
{
  guint n_documents = gather->documents->len;

  gather->first_unit = g_new0 (guint, n_documents + 1);
  gather->unit_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  gather->unit_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint d = 0; d < n_documents; d++)
    {
      PlDocument *document = g_ptr_array_index (gather->documents, d);
      g_autoptr(GPtrArray) statements = NULL;

      gather->first_unit[d] = gather->unit_starts->len;
      statements = pl_project_reader_list_statements (gather->reader,
                                                      pl_document_get_id (document), error);
      if (statements == NULL)
        return FALSE;
      g_ptr_array_sort (statements, pl_project_compare_statement_starts);
      for (guint s = 0; s < statements->len; s++)
        {
          const PlStatement *statement = g_ptr_array_index (statements, s);

          if (statement->kind != PL_STATEMENT_KIND_STATEMENT)
            continue;
          g_array_append_val (gather->unit_starts, statement->start);
          g_array_append_val (gather->unit_ends, statement->end);
        }
    }
  gather->first_unit[n_documents] = gather->unit_starts->len;
  return TRUE;
}

/* Columns */

static void
add_column_of (Gather *gather,
               gint64  code_id,
               guint   column)
{
  GArray *columns = g_hash_table_lookup (gather->column_of, &code_id);

  if (columns == NULL)
    {
      columns = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (gather->column_of, g_memdup2 (&code_id, sizeof code_id), columns);
    }
  for (guint i = 0; i < columns->len; i++)
    if (g_array_index (columns, guint, i) == column)
      return;
  g_array_append_val (columns, column);
}

/* Whether @code is @ancestor or below it. */
static gboolean
code_is_under (PlProjectReader *reader,
               PlCode          *code,
               gint64           ancestor)
{
  for (; code != NULL; code = pl_code_get_parent_id (code) != 0
                              ? pl_project_reader_find_code (reader, pl_code_get_parent_id (code))
                              : NULL)
    if (pl_code_get_id (code) == ancestor)
      return TRUE;
  return FALSE;
}

/* By statement or span: the chosen codes, or every code a compared coder applied. */
static gboolean
gather_code_columns (Gather  *gather,
                     GError **error)
{
  const PlAgreementSpec *spec = gather->spec;
  GListModel *codes = pl_project_reader_get_codes (gather->reader);
  guint n = g_list_model_get_n_items (codes);
  g_autoptr(GHashTable) used = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < gather->spans->len; i++)
    g_hash_table_add (used, &g_array_index (gather->spans, Span, i).code_id);

  for (guint i = 0; spec->code_ids != NULL && i < spec->code_ids->len; i++)
    if (pl_project_reader_find_code (gather->reader, g_array_index (spec->code_ids, gint64, i)) == NULL)
      {
        g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                     _("There is no code %lld in this project."),
                     (long long) g_array_index (spec->code_ids, gint64, i));
        return FALSE;
      }

  /* In codebook order. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);
      gboolean chosen = spec->code_ids == NULL;

      for (guint k = 0; spec->code_ids != NULL && k < spec->code_ids->len && !chosen; k++)
        chosen = g_array_index (spec->code_ids, gint64, k) == id;
      if (!chosen || (spec->code_ids == NULL && !g_hash_table_contains (used, &id)))
        continue;
      g_ptr_array_add (gather->columns, g_object_ref (code));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      for (guint c = 0; c < gather->columns->len; c++)
        {
          gint64 column_code = pl_code_get_id (g_ptr_array_index (gather->columns, c));

          if (pl_code_get_id (code) == column_code
              || (spec->with_descendants && code_is_under (gather->reader, code, column_code)))
            add_column_of (gather, pl_code_get_id (code), c);
        }
    }
  return TRUE;
}

/* By category: the children of the parent, and every code below each. */
static gboolean
gather_category_columns (Gather  *gather,
                         GError **error)
{
  GListModel *codes = pl_project_reader_get_codes (gather->reader);
  guint n = g_list_model_get_n_items (codes);
  gint64 parent = gather->spec->parent_code_id;

  if (pl_project_reader_find_code (gather->reader, parent) == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no code %lld in this project."), (long long) parent);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (pl_code_get_parent_id (code) == parent)
        g_ptr_array_add (gather->columns, g_object_ref (code));
    }
  if (gather->columns->len < 2)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("“%s” needs at least two codes below it to serve as categories."),
                   pl_code_get_name (pl_project_reader_find_code (gather->reader, parent)));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      for (guint c = 0; c < gather->columns->len; c++)
        if (code_is_under (gather->reader, code,
                           pl_code_get_id (g_ptr_array_index (gather->columns, c))))
          add_column_of (gather, pl_code_get_id (code), c);
    }
  return TRUE;
}

static void
row_name (PlAgreementRow *row,
          PlCode         *code)
{
  const char *short_id = pl_code_get_short_id (code);

  row->code_id = pl_code_get_id (code);
  row->short_id = g_strdup (short_id != NULL && short_id[0] != '\0' ? short_id
                                                                    : pl_code_get_guid (code));
  row->name = g_strdup (pl_code_get_name (code));
}

/* The units of document @document that [@start, @end) overlaps: [*first, *last). */
static void
overlapped_units (Gather *gather,
                  guint   document,
                  guint   start,
                  guint   end,
                  guint  *first,
                  guint  *last)
{
  const guint *starts = (const guint *) gather->unit_starts->data;
  const guint *ends = (const guint *) gather->unit_ends->data;
  guint lo = gather->first_unit[document], hi = gather->first_unit[document + 1];

  /* The first unit that ends after @start: units do not overlap, so ends grow too. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ends[mid] <= start)
        lo = mid + 1;
      else
        hi = mid;
    }
  *first = lo;
  for (hi = lo; hi < gather->first_unit[document + 1] && starts[hi] < end; hi++)
    ;
  *last = hi;
}

/* Which document each unit belongs to. */
static guint *
unit_documents (Gather *gather)
{
  guint *documents = g_new (guint, MAX (gather->unit_starts->len, 1));

  for (guint d = 0; d < gather->documents->len; d++)
    for (guint u = gather->first_unit[d]; u < gather->first_unit[d + 1]; u++)
      documents[u] = d;
  return documents;
}

/* By statement */

static void
compute_by_statement (Gather *gather)
{
  PlAgreementReport *report = gather->report;
  guint n_units = gather->unit_starts->len;
  guint n_coders = gather->n_coders;
  guint n_columns = gather->columns->len;
  gsize per_column = (gsize) n_units * n_coders;
  g_autofree guint8 *present = g_new0 (guint8, MAX (per_column * n_columns, 1));
  g_autofree int *pooled = g_new (int, MAX (per_column * n_columns, 1));
  g_autofree guint *documents = unit_documents (gather);

  for (guint i = 0; i < gather->spans->len; i++)
    {
      const Span *span = &g_array_index (gather->spans, Span, i);
      GArray *columns = g_hash_table_lookup (gather->column_of, &span->code_id);
      guint first, last;

      if (columns == NULL)
        continue;
      overlapped_units (gather, span->document, span->start, span->end, &first, &last);
      for (guint c = 0; c < columns->len; c++)
        for (guint u = first; u < last; u++)
          present[g_array_index (columns, guint, c) * per_column + (gsize) u * n_coders + span->coder] = 1;
    }

  for (guint c = 0; c < n_columns; c++)
    {
      int *values = pooled + c * per_column;
      PlCodingData data = { n_units, n_coders, 2, values };
      PlAgreementRow row = { 0 };
      PlAgreement agreement;

      for (guint u = 0; u < n_units; u++)
        for (guint k = 0; k < n_coders; k++)
          values[(gsize) u * n_coders + k] =
            gather->coded[(gsize) documents[u] * n_coders + k]
            ? present[c * per_column + (gsize) u * n_coders + k] : PL_AGREEMENT_MISSING;
      pl_agreement_compute (&data, &agreement);
      row_name (&row, g_ptr_array_index (gather->columns, c));
      row_set (&row, &agreement);
      pl_agreement_clear (&agreement);
      g_array_append_val (report->rows, row);
    }

  {
    PlCodingData data = { n_units * n_columns, n_coders, 2, pooled };
    PlAgreement agreement;

    pl_agreement_compute (&data, &agreement);
    row_set (&report->overall, &agreement);
    pl_agreement_clear (&agreement);
  }
}

/* By category */

static void
compute_by_category (Gather *gather)
{
  PlAgreementReport *report = gather->report;
  guint n_units = gather->unit_starts->len;
  guint n_coders = gather->n_coders;
  guint n_categories = gather->columns->len;
  gsize n_values = (gsize) n_units * n_coders;
  g_autofree int *values = g_new (int, MAX (n_values, 1));
  g_autofree int *binary = g_new (int, MAX (n_values, 1));
  g_autofree guint8 *several = g_new0 (guint8, MAX (n_values, 1));
  PlCodingData data = { n_units, n_coders, n_categories, values };
  PlAgreement nominal;

  for (gsize i = 0; i < n_values; i++)
    values[i] = PL_AGREEMENT_MISSING;
  for (guint i = 0; i < gather->spans->len; i++)
    {
      const Span *span = &g_array_index (gather->spans, Span, i);
      GArray *columns = g_hash_table_lookup (gather->column_of, &span->code_id);
      int category;
      guint first, last;

      if (columns == NULL)
        continue;
      category = (int) g_array_index (columns, guint, 0);
      overlapped_units (gather, span->document, span->start, span->end, &first, &last);
      for (guint u = first; u < last; u++)
        {
          gsize at = (gsize) u * n_coders + span->coder;

          if (values[at] != PL_AGREEMENT_MISSING && values[at] != category)
            several[at] = 1;
          values[at] = category;
        }
    }
  for (gsize i = 0; i < n_values; i++)
    if (several[i])
      {
        values[i] = PL_AGREEMENT_MISSING;
        report->n_ambiguous++;
      }

  pl_agreement_compute (&data, &nominal);
  row_set (&report->overall, &nominal);

  for (guint c = 0; c < n_categories; c++)
    {
      PlCodingData one = { n_units, n_coders, 2, binary };
      PlAgreementRow row = { 0 };
      PlAgreement agreement;

      for (gsize i = 0; i < n_values; i++)
        binary[i] = values[i] == PL_AGREEMENT_MISSING ? PL_AGREEMENT_MISSING
                                                       : values[i] == (int) c;
      pl_agreement_compute (&one, &agreement);
      row_name (&row, g_ptr_array_index (gather->columns, c));
      row_set (&row, &agreement);
      row.fleiss_kappa = nominal.fleiss_kappa_j != NULL ? nominal.fleiss_kappa_j[c]
                                                        : nominal.fleiss_kappa;
      pl_agreement_clear (&agreement);
      g_array_append_val (report->rows, row);
    }
  pl_agreement_clear (&nominal);
}

/* By span */

static void
compute_by_span (Gather *gather)
{
  PlAgreementReport *report = gather->report;
  guint n_columns = gather->columns->len;
  guint n_coders = gather->n_coders;
  g_autofree gint64 *base = g_new0 (gint64, MAX (gather->unit_starts->len, 1));
  g_autofree gboolean *kept = g_new0 (gboolean, MAX (gather->documents->len, 1));
  g_autofree PlUnitizedAgreement *results = g_new0 (PlUnitizedAgreement, MAX (n_columns, 1));
  g_autoptr(GPtrArray) spans = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gint64 length = 0;

  /* The continuum: the units of the documents every coder coded, end to end. */
  report->n_units = 0;
  for (guint d = 0; d < gather->documents->len; d++)
    {
      kept[d] = TRUE;
      for (guint k = 0; k < n_coders; k++)
        kept[d] &= gather->coded[(gsize) d * n_coders + k] != 0;
      if (!kept[d])
        {
          report->n_left_out++;
          continue;
        }
      for (guint u = gather->first_unit[d]; u < gather->first_unit[d + 1]; u++)
        {
          base[u] = length;
          length += g_array_index (gather->unit_ends, guint, u) - g_array_index (gather->unit_starts, guint, u);
          report->n_units++;
        }
    }

  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (spans, g_array_new (FALSE, FALSE, sizeof (PlSpan)));
  for (guint i = 0; i < gather->spans->len; i++)
    {
      const Span *span = &g_array_index (gather->spans, Span, i);
      GArray *columns = g_hash_table_lookup (gather->column_of, &span->code_id);
      guint first, last;

      if (columns == NULL || !kept[span->document])
        continue;
      overlapped_units (gather, span->document, span->start, span->end, &first, &last);
      for (guint u = first; u < last; u++)
        {
          guint unit_start = g_array_index (gather->unit_starts, guint, u);
          guint unit_end = g_array_index (gather->unit_ends, guint, u);
          PlSpan piece = {
            span->coder,
            base[u] + (MAX (span->start, unit_start) - unit_start),
            base[u] + (MIN (span->end, unit_end) - unit_start),
          };

          for (guint k = 0; k < columns->len; k++)
            g_array_append_val (g_ptr_array_index (spans, g_array_index (columns, guint, k)), piece);
        }
    }

  for (guint c = 0; c < n_columns; c++)
    {
      GArray *pieces = g_ptr_array_index (spans, c);
      PlAgreementRow row = { 0 };
      gsize n = pl_agreement_merge_spans ((PlSpan *) pieces->data, pieces->len);

      pl_agreement_alpha_u ((PlSpan *) pieces->data, n, n_coders, 0, length, &results[c]);
      row_name (&row, g_ptr_array_index (gather->columns, c));
      row_set_unitized (&row, results[c].alpha, results[c].n_spans);
      g_array_append_val (report->rows, row);
    }
  row_set_unitized (&report->overall,
                    n_columns > 0 ? pl_agreement_alpha_u_pooled (results, n_columns)
                                  : undefined (_("there is nothing to compare")),
                    0);
  for (guint c = 0; c < n_columns; c++)
    report->overall.n_units += results[c].n_spans;
}

/* Units with values of at least two coders. */
static guint
count_pairable_units (Gather *gather)
{
  guint n = 0;

  for (guint d = 0; d < gather->documents->len; d++)
    {
      guint coders = 0;

      for (guint k = 0; k < gather->n_coders; k++)
        coders += gather->coded[(gsize) d * gather->n_coders + k];
      if (coders >= 2)
        n += gather->first_unit[d + 1] - gather->first_unit[d];
    }
  return n;
}

PlAgreementReport *
pl_agreement_report_compute (PlProjectReader        *reader,
                             const PlAgreementSpec  *spec,
                             GError                **error)
{
  g_autoptr(PlAgreementReport) report = g_new0 (PlAgreementReport, 1);
  Gather gather = { reader, spec, report };
  gboolean ok;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (spec != NULL && spec->unit <= PL_AGREEMENT_BY_SPAN, NULL);

  report->unit = spec->unit;
  report->coder_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  report->coder_names = g_ptr_array_new_with_free_func (g_free);
  report->rows = g_array_new (FALSE, TRUE, sizeof (PlAgreementRow));
  g_array_set_clear_func (report->rows, row_clear);
  gather.columns = g_ptr_array_new_with_free_func (g_object_unref);
  gather.column_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) g_array_unref);

  ok = gather_documents (&gather, error)
       && gather_annotations (&gather, error)
       && gather_coders (&gather, error)
       && gather_units (&gather, error)
       && (spec->unit == PL_AGREEMENT_BY_CATEGORY ? gather_category_columns (&gather, error)
                                                  : gather_code_columns (&gather, error));
  if (ok)
    {
      report->n_documents = gather.documents->len;
      report->n_units = count_pairable_units (&gather);
      if (spec->unit == PL_AGREEMENT_BY_CATEGORY)
        {
          PlCode *parent = pl_project_reader_find_code (reader, spec->parent_code_id);

          row_name (&report->overall, parent);
          compute_by_category (&gather);
          report->n_units = report->overall.n_units;
        }
      else if (spec->unit == PL_AGREEMENT_BY_SPAN)
        compute_by_span (&gather);
      else
        compute_by_statement (&gather);
    }
  gather_clear (&gather);

  return ok ? g_steal_pointer (&report) : NULL;
}

/* In a worker thread */

static void
spec_free (gpointer data)
{
  PlAgreementSpec *spec = data;

  g_clear_pointer (&spec->coder_ids, g_array_unref);
  g_clear_pointer (&spec->code_ids, g_array_unref);
  g_clear_pointer (&spec->document_ids, g_array_unref);
  g_free (spec);
}

typedef struct
{
  char            *path;
  PlAgreementSpec *spec;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  spec_free (job->spec);
  g_free (job);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(PlProjectReader) reader = NULL;
  PlAgreementReport *report;
  GError *error = NULL;

  reader = pl_project_reader_open (job->path, &error);
  report = reader != NULL ? pl_agreement_report_compute (reader, job->spec, &error) : NULL;
  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) pl_agreement_report_free);
  else
    g_task_return_error (task, error);
}

void
pl_agreement_report_compute_async (PlProject              *project,
                                   const PlAgreementSpec  *spec,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (PL_IS_PROJECT (project));
  g_return_if_fail (spec != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (pl_project_get_path (project));
  job->spec = g_memdup2 (spec, sizeof *spec);
  job->spec->coder_ids = spec->coder_ids != NULL ? g_array_copy (spec->coder_ids) : NULL;
  job->spec->code_ids = spec->code_ids != NULL ? g_array_copy (spec->code_ids) : NULL;
  job->spec->document_ids = spec->document_ids != NULL ? g_array_copy (spec->document_ids) : NULL;

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_agreement_report_compute_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_in_thread);
}

PlAgreementReport *
pl_agreement_report_compute_finish (PlProject     *project,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
