/* pl-comparison.c — two coders on one document: disagreements and settling them
 *
 * For each unit and each code either coder applied in it, the characters of the unit each
 * coder covered with that code (the union of their annotations, clipped to the unit) are
 * compared.  A document holds tens of units and annotations, so the comparison is simply
 * worked out again after every commit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-comparison"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-comparison.h"
#include "pl-error.h"

struct _PlComparison
{
  GObject     parent_instance;

  PlProject  *project;
  gint64      document_id;
  gint64      coder_a_id;
  gint64      coder_b_id;
  GArray     *disagreements;  /* PlDisagreement */
  guint       n_settled;
};

G_DEFINE_FINAL_TYPE (PlComparison, pl_comparison, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_DISAGREEMENTS,
  PROP_N_SETTLED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
disagreement_clear (gpointer data)
{
  PlDisagreement *disagreement = data;

  g_clear_pointer (&disagreement->a, g_ptr_array_unref);
  g_clear_pointer (&disagreement->b, g_ptr_array_unref);
}

static void
pl_comparison_dispose (GObject *object)
{
  PlComparison *self = PL_COMPARISON (object);

  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_comparison_parent_class)->dispose (object);
}

static void
pl_comparison_finalize (GObject *object)
{
  PlComparison *self = PL_COMPARISON (object);

  g_array_unref (self->disagreements);

  G_OBJECT_CLASS (pl_comparison_parent_class)->finalize (object);
}

static void
pl_comparison_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlComparison *self = PL_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_N_DISAGREEMENTS:
      g_value_set_uint (value, self->disagreements->len);
      break;
    case PROP_N_SETTLED:
      g_value_set_uint (value, self->n_settled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_comparison_class_init (PlComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_comparison_dispose;
  object_class->finalize = pl_comparison_finalize;
  object_class->get_property = pl_comparison_get_property;

  properties[PROP_N_DISAGREEMENTS] =
    g_param_spec_uint ("n-disagreements", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SETTLED] =
    g_param_spec_uint ("n-settled", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted after the disagreements were read again. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pl_comparison_init (PlComparison *self)
{
  self->disagreements = g_array_new (FALSE, TRUE, sizeof (PlDisagreement));
  g_array_set_clear_func (self->disagreements, disagreement_clear);
}

/* Working it out */

typedef struct
{
  guint start;
  guint end;
} Range;

/* The characters of [@start, @end) that @annotations cover, as sorted disjoint ranges. */
static GArray *
covered (GPtrArray *annotations,
         guint      start,
         guint      end)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (Range));

  /* @annotations are sorted by start (pl_annotation_compare()). */
  for (guint i = 0; i < annotations->len; i++)
    {
      const PlAnnotation *annotation = g_ptr_array_index (annotations, i);
      Range range = { MAX (annotation->start, start), MIN (annotation->end, end) };
      Range *last = ranges->len > 0 ? &g_array_index (ranges, Range, ranges->len - 1) : NULL;

      if (range.start >= range.end)
        continue;
      if (last != NULL && range.start <= last->end)
        last->end = MAX (last->end, range.end);
      else
        g_array_append_val (ranges, range);
    }
  return ranges;
}

static gboolean
same_ranges (GArray *a,
             GArray *b)
{
  return a->len == b->len && memcmp (a->data, b->data, a->len * sizeof (Range)) == 0;
}

static GPtrArray *
overlapping (GPtrArray         *annotations,
             gint64             coder_id,
             gint64             code_id,
             const PlStatement *unit)
{
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_unref);

  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (annotation->coder_id == coder_id && annotation->code_id == code_id
          && annotation->start < unit->end && annotation->end > unit->start)
        g_ptr_array_add (found, pl_annotation_ref (annotation));
    }
  return found;
}

static PlSettlement
settlement_of (GArray                *settlements,
               const PlDisagreement  *disagreement)
{
  for (guint i = 0; i < settlements->len; i++)
    {
      const PlSettlementRecord *record = &g_array_index (settlements, PlSettlementRecord, i);

      if (record->code_id == disagreement->key.code_id && record->start == disagreement->key.start
          && record->end == disagreement->key.end)
        return record->decision;
    }
  return PL_SETTLEMENT_NONE;
}

/* The codes A or B applied in @unit, in codebook order. */
static GArray *
codes_in_unit (PlComparison      *self,
               GPtrArray         *annotations,
               const PlStatement *unit)
{
  GListModel *codes = pl_project_get_codes (self->project);
  guint n = g_list_model_get_n_items (codes);
  g_autoptr(GHashTable) used = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);

      if ((annotation->coder_id == self->coder_a_id || annotation->coder_id == self->coder_b_id)
          && annotation->start < unit->end && annotation->end > unit->start)
        g_hash_table_add (used, &annotation->code_id);
    }
  for (guint i = 0; i < n && g_hash_table_size (used) > ids->len; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);

      if (g_hash_table_contains (used, &id))
        g_array_append_val (ids, id);
    }
  return ids;
}

static void
compare_unit (PlComparison      *self,
              GPtrArray         *annotations,
              GArray            *settlements,
              const PlStatement *unit)
{
  g_autoptr(GArray) codes = codes_in_unit (self, annotations, unit);

  for (guint c = 0; c < codes->len; c++)
    {
      gint64 code_id = g_array_index (codes, gint64, c);
      PlDisagreement disagreement = { { self->document_id, self->coder_a_id, self->coder_b_id,
                                        code_id, unit->start, unit->end }, unit->index };
      g_autoptr(GArray) a = NULL;
      g_autoptr(GArray) b = NULL;

      disagreement.a = overlapping (annotations, self->coder_a_id, code_id, unit);
      disagreement.b = overlapping (annotations, self->coder_b_id, code_id, unit);
      a = covered (disagreement.a, unit->start, unit->end);
      b = covered (disagreement.b, unit->start, unit->end);
      if (same_ranges (a, b))
        {
          disagreement_clear (&disagreement);
          continue;
        }
      disagreement.kind = b->len == 0 ? PL_DISAGREEMENT_ONLY_A
                          : a->len == 0 ? PL_DISAGREEMENT_ONLY_B : PL_DISAGREEMENT_SPANS;
      disagreement.settlement = settlement_of (settlements, &disagreement);
      if (disagreement.settlement != PL_SETTLEMENT_NONE)
        self->n_settled++;
      g_array_append_val (self->disagreements, disagreement);
    }
}

gboolean
pl_comparison_refresh (PlComparison  *self,
                       GError       **error)
{
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GArray) settlements = NULL;
  guint n_before, settled_before;

  g_return_val_if_fail (PL_IS_COMPARISON (self), FALSE);

  statements = pl_project_list_statements (self->project, self->document_id, error);
  if (statements == NULL)
    return FALSE;
  annotations = pl_project_list_annotations (self->project, self->document_id, error);
  if (annotations == NULL)
    return FALSE;
  settlements = pl_project_list_settlements (self->project, self->document_id, self->coder_a_id,
                                             self->coder_b_id, error);
  if (settlements == NULL)
    return FALSE;
  g_ptr_array_sort (statements, pl_project_compare_statement_starts);

  n_before = self->disagreements->len;
  settled_before = self->n_settled;
  g_array_set_size (self->disagreements, 0);
  self->n_settled = 0;
  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->kind == PL_STATEMENT_KIND_STATEMENT)
        compare_unit (self, annotations, settlements, statement);
    }

  if (n_before != self->disagreements->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DISAGREEMENTS]);
  if (settled_before != self->n_settled)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SETTLED]);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static void
on_committed (PlComparison *self)
{
  g_autoptr(GError) error = NULL;

  if (pl_project_find_document (self->project, self->document_id) == NULL)
    return;
  if (!pl_comparison_refresh (self, &error))
    g_debug ("The comparison could not be read again: %s", error->message);
}

PlComparison *
pl_comparison_new (PlProject  *project,
                   gint64      document_id,
                   gint64      coder_a_id,
                   gint64      coder_b_id,
                   GError    **error)
{
  g_autoptr(PlComparison) self = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  if (pl_project_find_document (project, document_id) == NULL
      || pl_project_find_coder (project, coder_a_id) == NULL
      || pl_project_find_coder (project, coder_b_id) == NULL || coder_a_id == coder_b_id)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("Choose a document of this project and two different coders to compare."));
      return NULL;
    }

  self = g_object_new (PL_TYPE_COMPARISON, NULL);
  self->project = g_object_ref (project);
  self->document_id = document_id;
  self->coder_a_id = coder_a_id;
  self->coder_b_id = coder_b_id;
  if (!pl_comparison_refresh (self, error))
    return NULL;
  g_signal_connect_object (project, "committed", G_CALLBACK (on_committed), self,
                           G_CONNECT_SWAPPED);
  return g_steal_pointer (&self);
}

/* Reading it */

guint
pl_comparison_get_n_disagreements (PlComparison *self)
{
  g_return_val_if_fail (PL_IS_COMPARISON (self), 0);
  return self->disagreements->len;
}

const PlDisagreement *
pl_comparison_get_disagreement (PlComparison *self,
                                guint         index)
{
  g_return_val_if_fail (PL_IS_COMPARISON (self), NULL);
  g_return_val_if_fail (index < self->disagreements->len, NULL);
  return &g_array_index (self->disagreements, PlDisagreement, index);
}

guint
pl_comparison_get_n_settled (PlComparison *self)
{
  g_return_val_if_fail (PL_IS_COMPARISON (self), 0);
  return self->n_settled;
}

char *
pl_comparison_dup_progress (PlComparison *self)
{
  guint n;

  g_return_val_if_fail (PL_IS_COMPARISON (self), NULL);

  n = self->disagreements->len;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u disagreement settled",
                                       "%u of %u disagreements settled", n),
                          self->n_settled, n);
}

static gboolean
eligible (PlComparison *self,
          gint          index,
          gboolean      unsettled)
{
  return !unsettled
         || g_array_index (self->disagreements, PlDisagreement, index).settlement == PL_SETTLEMENT_NONE;
}

gint
pl_comparison_find_next (PlComparison *self,
                         gint          index,
                         gboolean      unsettled)
{
  g_return_val_if_fail (PL_IS_COMPARISON (self), -1);

  for (gint i = MAX (index + 1, 0); i < (gint) self->disagreements->len; i++)
    if (eligible (self, i, unsettled))
      return i;
  return -1;
}

gint
pl_comparison_find_previous (PlComparison *self,
                             gint          index,
                             gboolean      unsettled)
{
  g_return_val_if_fail (PL_IS_COMPARISON (self), -1);

  if (index < 0 || index > (gint) self->disagreements->len)
    index = (gint) self->disagreements->len;
  for (gint i = index - 1; i >= 0; i--)
    if (eligible (self, i, unsettled))
      return i;
  return -1;
}

gint
pl_comparison_find_at (PlComparison *self,
                       guint         offset)
{
  g_return_val_if_fail (PL_IS_COMPARISON (self), -1);

  for (guint i = 0; i < self->disagreements->len; i++)
    if (g_array_index (self->disagreements, PlDisagreement, i).key.end > offset)
      return (gint) i;
  return -1;
}

gboolean
pl_comparison_settle (PlComparison  *self,
                      guint          index,
                      PlSettlement   decision,
                      GError       **error)
{
  PlDisagreementKey key;

  g_return_val_if_fail (PL_IS_COMPARISON (self), FALSE);
  g_return_val_if_fail (index < self->disagreements->len, FALSE);

  /* The settlement's commit reads the comparison again: copy the key first. */
  key = g_array_index (self->disagreements, PlDisagreement, index).key;
  return pl_project_settle (self->project, &key, decision, error);
}
