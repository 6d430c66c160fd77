/* pl-scores.c — a class scored against the reference of an exercise
 *
 * One pass over the annotations of the exercise's documents, of the reference and the
 * students, marks for each coder which code (and family) is present in which unit — the
 * units of a document are sorted by start, so that an annotation finds the ones it
 * overlaps by binary search — and keeps each coder's pieces of each code cut to the units,
 * on the units laid end to end, for α_U.  Then every coefficient is one call into
 * pl-agreement.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-scores"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-scores.h"
#include "pl-text.h"

struct _PlClassScores
{
  PlExercise     *exercise;
  char           *reference;
  gint64          reference_id;
  GArray         *units;           /* PlScoreUnit */
  GArray         *codes;           /* PlScoreColumn */
  GArray         *families;        /* PlScoreColumn */
  GArray         *students;        /* PlStudentScore */
  PlClassScore   *class_codes;     /* one per code */
  PlClassScore   *class_families;  /* one per family */
  /* Coder 0 is the reference, coder k + 1 student k: [coder][unit][column] */
  guint8         *present;
  guint8         *family_present;
  GArray         *memos;           /* PlReferenceMemo */
};

/* Freeing */

static void
column_clear (gpointer data)
{
  PlScoreColumn *column = data;

  g_free (column->key);
  g_free (column->name);
  g_free (column->color);
}

static void
unit_clear (gpointer data)
{
  PlScoreUnit *unit = data;

  g_free (unit->document_title);
  g_free (unit->speaker);
  g_free (unit->text);
}

static void
student_clear (gpointer data)
{
  PlStudentScore *student = data;

  g_free (student->name);
  g_free (student->alias);
  g_free (student->handed_in);
  g_free (student->first_annotation);
  g_free (student->last_annotation);
  g_free (student->codes);
  g_free (student->families);
}

static void
memo_clear (gpointer data)
{
  g_free (((PlReferenceMemo *) data)->memo);
}

static void
class_scores_clear (PlClassScore *class,
                    guint         n)
{
  for (guint i = 0; class != NULL && i < n; i++)
    g_clear_pointer (&class[i].disputed, g_array_unref);
  g_free (class);
}

void
pl_class_scores_free (PlClassScores *scores)
{
  if (scores == NULL)
    return;
  pl_exercise_free (scores->exercise);
  g_free (scores->reference);
  class_scores_clear (scores->class_codes, scores->codes->len);
  class_scores_clear (scores->class_families, scores->families->len);
  g_array_unref (scores->units);
  g_array_unref (scores->codes);
  g_array_unref (scores->families);
  g_array_unref (scores->students);
  g_free (scores->present);
  g_free (scores->family_present);
  g_array_unref (scores->memos);
  g_free (scores);
}

static PlClassScores *
scores_new (void)
{
  PlClassScores *scores = g_new0 (PlClassScores, 1);

  scores->units = g_array_new (FALSE, TRUE, sizeof (PlScoreUnit));
  g_array_set_clear_func (scores->units, unit_clear);
  scores->codes = g_array_new (FALSE, TRUE, sizeof (PlScoreColumn));
  g_array_set_clear_func (scores->codes, column_clear);
  scores->families = g_array_new (FALSE, TRUE, sizeof (PlScoreColumn));
  g_array_set_clear_func (scores->families, column_clear);
  scores->students = g_array_new (FALSE, TRUE, sizeof (PlStudentScore));
  g_array_set_clear_func (scores->students, student_clear);
  scores->memos = g_array_new (FALSE, TRUE, sizeof (PlReferenceMemo));
  g_array_set_clear_func (scores->memos, memo_clear);
  return scores;
}

static PlCoefficient
undefined (const char *reason)
{
  PlCoefficient coefficient = { NAN, reason };

  return coefficient;
}

static PlCoefficient
ratio (guint       numerator,
       guint       denominator,
       const char *reason)
{
  PlCoefficient coefficient = { (double) numerator / denominator, NULL };

  return denominator > 0 ? coefficient : undefined (reason);
}

/* Gathering */

typedef struct
{
  PlProjectReader *reader;
  PlClassScores   *scores;
  GHashTable      *coder_index;    /* coder id → index + 1 (0 is the reference) */
  GHashTable      *code_column;    /* code id → column + 1 */
  GHashTable      *code_family;    /* code id → family + 1 */
  GHashTable      *document_index; /* document id → index + 1 in @first_unit */
  GArray          *document_ids;   /* gint64, for the reader's filter */
  GArray          *first_unit;     /* guint: per document, its first unit, and the end */
  gint64          *base;           /* per unit: where it starts on the continuum */
  gint64           length;         /* of the continuum */
  GPtrArray       *pieces;         /* per coder × code: GArray of PlSpan */
} Gather;

static void
gather_clear (Gather *gather)
{
  g_clear_pointer (&gather->coder_index, g_hash_table_unref);
  g_clear_pointer (&gather->code_column, g_hash_table_unref);
  g_clear_pointer (&gather->code_family, g_hash_table_unref);
  g_clear_pointer (&gather->document_index, g_hash_table_unref);
  g_clear_pointer (&gather->document_ids, g_array_unref);
  g_clear_pointer (&gather->first_unit, g_array_unref);
  g_clear_pointer (&gather->base, g_free);
  g_clear_pointer (&gather->pieces, g_ptr_array_unref);
}

static guint
index_of (GHashTable *table,
          gint64      id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, &id));
}

static void
set_index (GHashTable *table,
           gint64      id,
           guint       index)
{
  g_hash_table_insert (table, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (index + 1));
}

static GHashTable *
id_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static guint
n_coders (PlClassScores *scores)
{
  return scores->students->len + 1;
}

/* The exercise and its reference coder. */
static gboolean
gather_exercise (Gather              *gather,
                 const PlScoresSpec  *spec,
                 GError             **error)
{
  PlProject *project = pl_project_reader_get_project (gather->reader);
  PlClassScores *scores = gather->scores;
  g_autoptr(GPtrArray) coders = pl_project_reader_list_coders (gather->reader);

  if (spec->exercise != NULL)
    scores->exercise = pl_project_find_exercise (project, spec->exercise, error);
  else
    {
      g_autoptr(GPtrArray) exercises = pl_project_list_exercises (project, error);

      if (exercises == NULL)
        return FALSE;
      if (exercises->len == 0)
        {
          g_autofree char *name = pl_project_reader_dup_title (gather->reader);

          g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                       _("“%s” has no exercise to score: make one first."), name);
          return FALSE;
        }
      scores->exercise = g_ptr_array_steal_index (exercises, 0);
    }
  if (scores->exercise == NULL)
    return FALSE;

  for (guint i = 0; i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);

      if (spec->reference != NULL ? g_strcmp0 (coder->name, spec->reference) == 0
                                  : g_strcmp0 (coder->guid, scores->exercise->reference_guid) == 0)
        {
          scores->reference = g_strdup (coder->name);
          scores->reference_id = coder->id;
        }
    }
  if (scores->reference == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no reference coder “%s” for the exercise “%s”."),
                   spec->reference != NULL ? spec->reference : PL_REFERENCE_CODER_NAME,
                   scores->exercise->title);
      return FALSE;
    }
  return TRUE;
}

/* The students who handed in, in the order they first did. */
static gboolean
gather_students (Gather  *gather,
                 GError **error)
{
  PlClassScores *scores = gather->scores;
  g_autoptr(GPtrArray) handins = NULL;

  handins = pl_project_list_handins (pl_project_reader_get_project (gather->reader),
                                     scores->exercise->guid, error);
  if (handins == NULL)
    return FALSE;
  gather->coder_index = id_table ();
  set_index (gather->coder_index, scores->reference_id, 0);
  for (guint i = 0; i < handins->len; i++)
    {
      PlHandin *handin = g_ptr_array_index (handins, i);
      PlStudentScore student = { 0 };

      if (handin->coder_id == 0 || handin->coder_id == scores->reference_id
          || index_of (gather->coder_index, handin->coder_id) != 0)
        continue;
      student.name = g_strdup (handin->student);
      student.alias = g_strdup_printf (_("Student %u"), scores->students->len + 1);
      student.coder_id = handin->coder_id;
      student.handed_in = g_strdup (handin->handed_in);
      g_array_append_val (scores->students, student);
      set_index (gather->coder_index, handin->coder_id, scores->students->len);
    }
  return TRUE;
}

/* The units, with their text and speaker, by document and start. */
static gboolean
gather_units (Gather  *gather,
              GError **error)
{
  PlClassScores *scores = gather->scores;
  g_autoptr(GPtrArray) documents = pl_project_reader_list_documents (gather->reader, NULL);

  gather->document_index = id_table ();
  gather->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gather->first_unit = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < scores->exercise->documents->len; i++)
    {
      PlExerciseDocument *wanted = g_ptr_array_index (scores->exercise->documents, i);
      g_autoptr(GPtrArray) statements = NULL;
      g_autofree char *text = NULL;
      PlTextCursor cursor;
      PlDocument *document = NULL;
      gint64 id;

      for (guint k = 0; k < documents->len && document == NULL; k++)
        if (g_strcmp0 (pl_document_get_guid (g_ptr_array_index (documents, k)), wanted->guid) == 0)
          document = g_ptr_array_index (documents, k);
      /* A document deleted since: nothing of it can be scored. */
      if (document == NULL)
        continue;
      id = pl_document_get_id (document);
      text = pl_project_reader_dup_document_text (gather->reader, id, error);
      statements = text != NULL ? pl_project_reader_list_statements (gather->reader, id, error) : NULL;
      if (statements == NULL)
        return FALSE;

      set_index (gather->document_index, id, gather->document_ids->len);
      g_array_append_val (gather->document_ids, id);
      g_array_append_val (gather->first_unit, scores->units->len);
      pl_text_cursor_init (&cursor, text);
      for (guint u = 0; u < wanted->units->len; u++)
        {
          const PlExerciseUnit *spec = &g_array_index (wanted->units, PlExerciseUnit, u);
          PlScoreUnit unit = { id, g_strdup (pl_document_get_title (document)), spec->index,
                               spec->start, spec->end };

          for (guint s = 0; s < statements->len && unit.speaker == NULL; s++)
            {
              PlStatement *statement = g_ptr_array_index (statements, s);

              if (statement->start == spec->start && statement->end == spec->end)
                unit.speaker = g_strdup (statement->speaker);
            }
          unit.text = pl_text_cursor_dup (&cursor, spec->start, spec->end);
          g_array_append_val (scores->units, unit);
        }
    }
  g_array_append_val (gather->first_unit, scores->units->len);

  /* The continuum of α_U: the units end to end. */
  gather->base = g_new0 (gint64, MAX (scores->units->len, 1));
  for (guint u = 0; u < scores->units->len; u++)
    {
      const PlScoreUnit *unit = &g_array_index (scores->units, PlScoreUnit, u);

      gather->base[u] = gather->length;
      gather->length += unit->end - unit->start;
    }
  return TRUE;
}

static void
add_column (GArray *columns,
            PlCode *code)
{
  const char *short_id = pl_code_get_short_id (code);
  PlScoreColumn column = {
    pl_code_get_id (code),
    g_strdup (short_id != NULL && short_id[0] != '\0' ? short_id : pl_code_get_guid (code)),
    g_strdup (pl_code_get_name (code)),
    g_strdup (pl_code_get_color (code)),
  };

  g_array_append_val (columns, column);
}

/* The codes of the exercise's codebook, and its families. */
static void
gather_columns (Gather *gather)
{
  PlClassScores *scores = gather->scores;
  GListModel *codes = pl_project_reader_get_codes (gather->reader);
  g_autoptr(GHashTable) within = id_table ();
  gint64 root = 0;

  for (guint i = 0; i < g_list_model_get_n_items (codes) && scores->exercise->root_code_guid != NULL; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (g_ascii_strcasecmp (pl_code_get_guid (code), scores->exercise->root_code_guid) == 0)
        root = pl_code_get_id (code);
    }

  gather->code_column = id_table ();
  gather->code_family = id_table ();
  /* In codebook order, a parent comes before its children. */
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);
      gint64 parent = pl_code_get_parent_id (code);
      guint family;

      if (root != 0 && id != root && index_of (within, parent) == 0)
        continue;
      set_index (within, id, 0);
      if (parent == root && id != root)
        {
          set_index (gather->code_family, id, scores->families->len);
          add_column (scores->families, code);
        }
      else if ((family = index_of (gather->code_family, parent)) != 0)
        set_index (gather->code_family, id, family - 1);
      if (pl_code_get_codable (code))
        {
          set_index (gather->code_column, id, scores->codes->len);
          add_column (scores->codes, code);
        }
    }
}

/* The units of document @document that [@start, @end) overlaps: [*first, *last). */
static void
units_overlapped (Gather *gather,
                  guint   document,
                  guint   start,
                  guint   end,
                  guint  *first,
                  guint  *last)
{
  const PlScoreUnit *units = (const PlScoreUnit *) gather->scores->units->data;
  guint begin = g_array_index (gather->first_unit, guint, document);
  guint limit = g_array_index (gather->first_unit, guint, document + 1);
  guint low = begin, high = limit;

  /* Units do not overlap: the first that ends after @start. */
  while (high > low)
    {
      guint middle = (low + high) / 2;

      if (units[middle].end > start)
        high = middle;
      else
        low = middle + 1;
    }
  *first = low;
  *last = low;
  while (*last < limit && units[*last].start < end)
    (*last)++;
}

static void
note_time (PlStudentScore        *student,
           const PlAnnotationRow *row)
{
  const char *modified = row->modified != NULL ? row->modified : row->created;

  student->n_annotations++;
  /* Times are ISO 8601 in UTC, so that text order is time order. */
  if (row->created != NULL
      && (student->first_annotation == NULL || strcmp (row->created, student->first_annotation) < 0))
    {
      g_free (student->first_annotation);
      student->first_annotation = g_strdup (row->created);
    }
  if (modified != NULL
      && (student->last_annotation == NULL || strcmp (modified, student->last_annotation) > 0))
    {
      g_free (student->last_annotation);
      student->last_annotation = g_strdup (modified);
    }
}

/* Marks one annotation of coder @coder in the units it overlaps. */
static void
mark (Gather                *gather,
      guint                  coder,
      const PlAnnotationRow *row)
{
  PlClassScores *scores = gather->scores;
  guint n_units = scores->units->len;
  guint document = index_of (gather->document_index, pl_document_get_id (row->document));
  guint column = row->code != NULL ? index_of (gather->code_column, pl_code_get_id (row->code)) : 0;
  guint family = row->code != NULL ? index_of (gather->code_family, pl_code_get_id (row->code)) : 0;
  guint first, last;

  if (document == 0 || (column == 0 && family == 0))
    return;
  units_overlapped (gather, document - 1, row->start, row->end, &first, &last);
  for (guint u = first; u < last; u++)
    {
      const PlScoreUnit *unit = &g_array_index (scores->units, PlScoreUnit, u);

      if (family != 0)
        scores->family_present[((gsize) coder * n_units + u) * scores->families->len + family - 1] = 1;
      if (column == 0)
        continue;
      scores->present[((gsize) coder * n_units + u) * scores->codes->len + column - 1] = 1;
      {
        PlSpan piece = {
          coder == 0 ? 0 : 1,
          gather->base[u] + (MAX (row->start, unit->start) - unit->start),
          gather->base[u] + (MIN (row->end, unit->end) - unit->start),
        };

        g_array_append_val (g_ptr_array_index (gather->pieces,
                                               (gsize) coder * scores->codes->len + column - 1),
                            piece);
      }
      if (coder == 0 && row->memo != NULL && row->memo[0] != '\0')
        {
          PlReferenceMemo memo = { u, column - 1, g_strdup (row->memo) };

          g_array_append_val (scores->memos, memo);
        }
    }
}

static gboolean
gather_annotations (Gather  *gather,
                    GError **error)
{
  PlClassScores *scores = gather->scores;
  g_autoptr(GArray) coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PlAnnotationCursor) cursor = NULL;
  PlProjectFilter filter = { .document_ids = gather->document_ids, .coder_ids = coder_ids };
  gsize n_cells = (gsize) n_coders (scores) * scores->units->len;
  const PlAnnotationRow *row;

  g_array_append_val (coder_ids, scores->reference_id);
  for (guint i = 0; i < scores->students->len; i++)
    g_array_append_val (coder_ids, g_array_index (scores->students, PlStudentScore, i).coder_id);

  scores->present = g_new0 (guint8, MAX (n_cells * scores->codes->len, 1));
  scores->family_present = g_new0 (guint8, MAX (n_cells * scores->families->len, 1));
  gather->pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (gsize i = 0; i < (gsize) n_coders (scores) * scores->codes->len; i++)
    g_ptr_array_add (gather->pieces, g_array_new (FALSE, FALSE, sizeof (PlSpan)));

  cursor = pl_project_reader_read_annotations (gather->reader, &filter, 0, PL_READ_DEFAULT, error);
  if (cursor == NULL)
    return FALSE;
  while ((row = pl_annotation_cursor_next (cursor)) != NULL)
    {
      guint coder = index_of (gather->coder_index, row->coder_id);

      if (coder == 0)
        continue;
      if (coder > 1)
        note_time (&g_array_index (scores->students, PlStudentScore, coder - 2), row);
      mark (gather, coder - 1, row);
    }
  return pl_annotation_cursor_finish (cursor, error);
}

/* Scoring */

static gboolean
present_at (PlClassScores *scores,
            guint          coder,
            guint          unit,
            guint          column,
            gboolean       family)
{
  guint n_columns = family ? scores->families->len : scores->codes->len;
  const guint8 *present = family ? scores->family_present : scores->present;

  return present[((gsize) coder * scores->units->len + unit) * n_columns + column] != 0;
}

static void
score_columns (PlClassScores *scores,
               guint          coder,
               gboolean       family,
               PlCodeScore   *out)
{
  guint n_columns = family ? scores->families->len : scores->codes->len;

  for (guint c = 0; c < n_columns; c++)
    {
      PlCodeScore *score = &out[c];
      guint tp = 0, fp = 0, fn = 0;

      for (guint u = 0; u < scores->units->len; u++)
        {
          gboolean reference = present_at (scores, 0, u, c, family);
          gboolean student = present_at (scores, coder, u, c, family);

          tp += reference && student;
          fp += !reference && student;
          fn += reference && !student;
        }
      score->true_positives = tp;
      score->false_positives = fp;
      score->false_negatives = fn;
      score->precision = ratio (tp, tp + fp, _("the student never marked it"));
      score->recall = ratio (tp, tp + fn, _("the reference never marked it"));
      score->f1 = ratio (2 * tp, 2 * tp + fp + fn, _("neither marked it"));
    }
}

/* Cohen's κ of the reference and student @coder over every unit × code. */
static PlCoefficient
student_kappa (PlClassScores *scores,
               guint          coder)
{
  guint n_codes = scores->codes->len;
  gsize n_units = (gsize) scores->units->len * n_codes;
  g_autofree int *values = g_new (int, MAX (n_units * 2, 1));
  PlCodingData data = { (guint) n_units, 2, 2, values };
  PlAgreement agreement;
  PlCoefficient kappa;

  for (guint u = 0; u < scores->units->len; u++)
    for (guint c = 0; c < n_codes; c++)
      {
        gsize at = ((gsize) u * n_codes + c) * 2;

        values[at] = present_at (scores, 0, u, c, FALSE);
        values[at + 1] = present_at (scores, coder, u, c, FALSE);
      }
  pl_agreement_compute (&data, &agreement);
  kappa = agreement.cohen_kappa;
  pl_agreement_clear (&agreement);
  return kappa;
}

/* α_U of the reference and student @coder, pooled over the codes. */
static PlCoefficient
student_alpha_u (Gather *gather,
                 guint   coder)
{
  PlClassScores *scores = gather->scores;
  guint n_codes = scores->codes->len;
  g_autofree PlUnitizedAgreement *results = g_new0 (PlUnitizedAgreement, MAX (n_codes, 1));
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (PlSpan));

  if (n_codes == 0)
    return undefined (_("the exercise has no code"));
  for (guint c = 0; c < n_codes; c++)
    {
      GArray *reference = g_ptr_array_index (gather->pieces, c);
      GArray *student = g_ptr_array_index (gather->pieces, (gsize) coder * n_codes + c);
      gsize n;

      g_array_set_size (spans, 0);
      g_array_append_vals (spans, reference->data, reference->len);
      g_array_append_vals (spans, student->data, student->len);
      n = pl_agreement_merge_spans ((PlSpan *) spans->data, spans->len);
      pl_agreement_alpha_u ((PlSpan *) spans->data, n, 2, 0, gather->length, &results[c]);
    }
  return pl_agreement_alpha_u_pooled (results, n_codes);
}

static void
score_students (Gather *gather)
{
  PlClassScores *scores = gather->scores;

  for (guint s = 0; s < scores->students->len; s++)
    {
      PlStudentScore *student = &g_array_index (scores->students, PlStudentScore, s);
      guint coder = s + 1;

      for (guint u = 0; u < scores->units->len; u++)
        {
          gboolean coded = FALSE;

          for (guint c = 0; c < scores->codes->len && !coded; c++)
            coded = present_at (scores, coder, u, c, FALSE);
          student->statements_coded += coded;
        }
      student->cohen_kappa = scores->codes->len > 0 ? student_kappa (scores, coder)
                                                   : undefined (_("the exercise has no code"));
      student->alpha_u = student_alpha_u (gather, coder);
      student->codes = g_new0 (PlCodeScore, MAX (scores->codes->len, 1));
      student->families = g_new0 (PlCodeScore, MAX (scores->families->len, 1));
      score_columns (scores, coder, FALSE, student->codes);
      score_columns (scores, coder, TRUE, student->families);
    }
}

typedef struct
{
  guint unit;
  guint disputed;   /* pairs of students who disagree */
  guint differ;     /* students who differ from the reference */
} Dispute;

static int
compare_disputes (gconstpointer a,
                  gconstpointer b)
{
  const Dispute *x = a, *y = b;

  if (x->disputed != y->disputed)
    return x->disputed > y->disputed ? -1 : 1;
  if (x->differ != y->differ)
    return x->differ > y->differ ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* The units of @disputes that are disputed, most first, as unit indexes. */
static GArray *
sorted_units (GArray *disputes)
{
  GArray *units = g_array_new (FALSE, FALSE, sizeof (guint));

  g_array_sort (disputes, compare_disputes);
  for (guint i = 0; i < disputes->len; i++)
    if (g_array_index (disputes, Dispute, i).disputed > 0)
      g_array_append_val (units, g_array_index (disputes, Dispute, i).unit);
  return units;
}

/* The class on one column: among the students, and against the reference. */
static void
score_class (PlClassScores *scores,
             guint          column,
             gboolean       family,
             PlClassScore  *out)
{
  guint n_students = scores->students->len;
  guint n_units = scores->units->len;
  g_autofree int *values = g_new (int, MAX ((gsize) n_units * n_students, 1));
  g_autoptr(GArray) disputes = g_array_sized_new (FALSE, FALSE, sizeof (Dispute), n_units);
  PlCodingData data = { n_units, n_students, 2, values };
  PlAgreement agreement;
  guint agree = 0;

  for (guint u = 0; u < n_units; u++)
    {
      gboolean reference = present_at (scores, 0, u, column, family);
      Dispute dispute = { u, 0, 0 };
      guint yes = 0;

      for (guint s = 0; s < n_students; s++)
        {
          gboolean student = present_at (scores, s + 1, u, column, family);

          values[(gsize) u * n_students + s] = student;
          yes += student;
          dispute.differ += student != reference;
        }
      agree += n_students - dispute.differ;
      dispute.disputed = yes * (n_students - yes);
      g_array_append_val (disputes, dispute);
    }
  pl_agreement_compute (&data, &agreement);
  out->fleiss_kappa = agreement.fleiss_kappa;
  out->krippendorff_alpha = agreement.krippendorff_alpha;
  pl_agreement_clear (&agreement);
  out->reference_agreement = ratio (agree, n_units * n_students, _("there is no student"));
  out->disputed = sorted_units (disputes);
}

static void
score_classes (PlClassScores *scores)
{
  scores->class_codes = g_new0 (PlClassScore, MAX (scores->codes->len, 1));
  scores->class_families = g_new0 (PlClassScore, MAX (scores->families->len, 1));
  for (guint c = 0; c < scores->codes->len; c++)
    score_class (scores, c, FALSE, &scores->class_codes[c]);
  for (guint c = 0; c < scores->families->len; c++)
    score_class (scores, c, TRUE, &scores->class_families[c]);
}

PlClassScores *
pl_class_scores_compute (PlProjectReader     *reader,
                         const PlScoresSpec  *spec,
                         GError             **error)
{
  g_autoptr(PlClassScores) scores = scores_new ();
  Gather gather = { reader, scores };
  gboolean ok;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  ok = gather_exercise (&gather, spec, error)
       && gather_students (&gather, error)
       && gather_units (&gather, error);
  if (ok)
    {
      gather_columns (&gather);
      ok = gather_annotations (&gather, error);
    }
  if (ok)
    {
      score_students (&gather);
      score_classes (scores);
    }
  gather_clear (&gather);
  return ok ? g_steal_pointer (&scores) : NULL;
}

/* In a worker thread */

typedef struct
{
  char *path;
  char *exercise;
  char *reference;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_free (job->exercise);
  g_free (job->reference);
  g_free (job);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      data,
                   GCancellable *cancellable)
{
  Job *job = data;
  PlScoresSpec spec = { job->exercise, job->reference };
  g_autoptr(PlProjectReader) reader = NULL;
  PlClassScores *scores;
  GError *error = NULL;

  reader = pl_project_reader_open (job->path, &error);
  scores = reader != NULL ? pl_class_scores_compute (reader, &spec, &error) : NULL;
  if (scores != NULL)
    g_task_return_pointer (task, scores, (GDestroyNotify) pl_class_scores_free);
  else
    g_task_return_error (task, error);
}

void
pl_class_scores_compute_async (PlProject           *project,
                               const PlScoresSpec  *spec,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (PL_IS_PROJECT (project));
  g_return_if_fail (spec != NULL);

  job = g_new0 (Job, 1);
  job->path = g_strdup (pl_project_get_path (project));
  job->exercise = g_strdup (spec->exercise);
  job->reference = g_strdup (spec->reference);
  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_class_scores_compute_async);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, compute_in_thread);
}

PlClassScores *
pl_class_scores_compute_finish (PlProject     *project,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reading the scores */

const PlExercise *
pl_class_scores_get_exercise (PlClassScores *scores)
{
  g_return_val_if_fail (scores != NULL, NULL);
  return scores->exercise;
}

const char *
pl_class_scores_get_reference (PlClassScores *scores)
{
  g_return_val_if_fail (scores != NULL, NULL);
  return scores->reference;
}

gint64
pl_class_scores_get_reference_id (PlClassScores *scores)
{
  g_return_val_if_fail (scores != NULL, 0);
  return scores->reference_id;
}

guint
pl_class_scores_get_n_units (PlClassScores *scores)
{
  g_return_val_if_fail (scores != NULL, 0);
  return scores->units->len;
}

const PlScoreUnit *
pl_class_scores_get_unit (PlClassScores *scores,
                          guint          unit)
{
  g_return_val_if_fail (scores != NULL && unit < scores->units->len, NULL);
  return &g_array_index (scores->units, PlScoreUnit, unit);
}

guint
pl_class_scores_get_n_codes (PlClassScores *scores)
{
  g_return_val_if_fail (scores != NULL, 0);
  return scores->codes->len;
}

const PlScoreColumn *
pl_class_scores_get_code (PlClassScores *scores,
                          guint          code)
{
  g_return_val_if_fail (scores != NULL && code < scores->codes->len, NULL);
  return &g_array_index (scores->codes, PlScoreColumn, code);
}

guint
pl_class_scores_get_n_families (PlClassScores *scores)
{
  g_return_val_if_fail (scores != NULL, 0);
  return scores->families->len;
}

const PlScoreColumn *
pl_class_scores_get_family (PlClassScores *scores,
                            guint          family)
{
  g_return_val_if_fail (scores != NULL && family < scores->families->len, NULL);
  return &g_array_index (scores->families, PlScoreColumn, family);
}

guint
pl_class_scores_get_n_students (PlClassScores *scores)
{
  g_return_val_if_fail (scores != NULL, 0);
  return scores->students->len;
}

const PlStudentScore *
pl_class_scores_get_student (PlClassScores *scores,
                             guint          student)
{
  g_return_val_if_fail (scores != NULL && student < scores->students->len, NULL);
  return &g_array_index (scores->students, PlStudentScore, student);
}

const PlClassScore *
pl_class_scores_get_class (PlClassScores *scores,
                           guint          code,
                           gboolean       family)
{
  g_return_val_if_fail (scores != NULL, NULL);
  g_return_val_if_fail (code < (family ? scores->families->len : scores->codes->len), NULL);
  return family ? &scores->class_families[code] : &scores->class_codes[code];
}

gboolean
pl_class_scores_has_code (PlClassScores *scores,
                          int            coder,
                          guint          unit,
                          guint          code)
{
  g_return_val_if_fail (scores != NULL, FALSE);
  g_return_val_if_fail (coder >= -1 && coder < (int) scores->students->len, FALSE);
  g_return_val_if_fail (unit < scores->units->len && code < scores->codes->len, FALSE);
  return present_at (scores, (guint) (coder + 1), unit, code, FALSE);
}

guint
pl_class_scores_count_code (PlClassScores *scores,
                            guint          unit,
                            guint          code)
{
  guint n = 0;

  g_return_val_if_fail (scores != NULL, 0);
  g_return_val_if_fail (unit < scores->units->len && code < scores->codes->len, 0);
  for (guint s = 0; s < scores->students->len; s++)
    n += present_at (scores, s + 1, unit, code, FALSE);
  return n;
}

gboolean
pl_class_scores_differs (PlClassScores *scores,
                         guint          student,
                         guint          unit)
{
  g_return_val_if_fail (scores != NULL, FALSE);
  g_return_val_if_fail (student < scores->students->len && unit < scores->units->len, FALSE);
  for (guint c = 0; c < scores->codes->len; c++)
    if (present_at (scores, 0, unit, c, FALSE) != present_at (scores, student + 1, unit, c, FALSE))
      return TRUE;
  return FALSE;
}

GArray *
pl_class_scores_dup_disputed (PlClassScores *scores)
{
  g_autoptr(GArray) disputes = NULL;
  guint n_students;

  g_return_val_if_fail (scores != NULL, NULL);

  n_students = scores->students->len;
  disputes = g_array_sized_new (FALSE, FALSE, sizeof (Dispute), scores->units->len);
  for (guint u = 0; u < scores->units->len; u++)
    {
      Dispute dispute = { u, 0, 0 };

      for (guint c = 0; c < scores->codes->len; c++)
        {
          guint yes = pl_class_scores_count_code (scores, u, c);
          gboolean reference = present_at (scores, 0, u, c, FALSE);

          dispute.disputed += yes * (n_students - yes);
          dispute.differ += reference ? n_students - yes : yes;
        }
      g_array_append_val (disputes, dispute);
    }
  return sorted_units (disputes);
}

GArray *
pl_class_scores_get_memos (PlClassScores *scores)
{
  g_return_val_if_fail (scores != NULL, NULL);
  return scores->memos;
}
