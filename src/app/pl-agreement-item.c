/* pl-agreement-item.c — one row of an agreement table, as a list item
 *
 * The report is plain data freed as a whole; each row the table shows is copied into an
 * item (the reasons are static strings, so only the names are duplicated).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-agreement-item"

#include "config.h"

#include "pl-agreement-item.h"

struct _PlAgreementItem
{
  GObject        parent_instance;

  char          *name;
  char          *short_id;
  gint64         code_id;
  gboolean       overall;
  guint          n_units;
  PlCoefficient  coefficients[PL_AGREEMENT_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (PlAgreementItem, pl_agreement_item, G_TYPE_OBJECT)

static void
pl_agreement_item_finalize (GObject *object)
{
  PlAgreementItem *self = PL_AGREEMENT_ITEM (object);

  g_free (self->name);
  g_free (self->short_id);

  G_OBJECT_CLASS (pl_agreement_item_parent_class)->finalize (object);
}

static void
pl_agreement_item_class_init (PlAgreementItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pl_agreement_item_finalize;
}

static void
pl_agreement_item_init (PlAgreementItem *self)
{
}

PlAgreementItem *
pl_agreement_item_new (const PlAgreementRow *row,
                       const char           *name)
{
  PlAgreementItem *self;

  g_return_val_if_fail (row != NULL, NULL);

  self = g_object_new (PL_TYPE_AGREEMENT_ITEM, NULL);
  self->name = g_strdup (name != NULL ? name : row->name);
  self->code_id = row->code_id;
  self->overall = row->code_id == 0;
  self->short_id = self->overall ? NULL : g_strdup (row->short_id);
  self->n_units = row->n_units;
  self->coefficients[PL_AGREEMENT_COLUMN_PERCENT] = row->percent;
  self->coefficients[PL_AGREEMENT_COLUMN_COHEN_KAPPA] = row->cohen_kappa;
  self->coefficients[PL_AGREEMENT_COLUMN_SCOTT_PI] = row->scott_pi;
  self->coefficients[PL_AGREEMENT_COLUMN_FLEISS_KAPPA] = row->fleiss_kappa;
  self->coefficients[PL_AGREEMENT_COLUMN_KRIPPENDORFF_ALPHA] = row->krippendorff_alpha;
  self->coefficients[PL_AGREEMENT_COLUMN_ALPHA_U] = row->alpha_u;
  return self;
}

gboolean
pl_agreement_item_is_overall (PlAgreementItem *self)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_ITEM (self), FALSE);
  return self->overall;
}

const char *
pl_agreement_item_get_name (PlAgreementItem *self)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_ITEM (self), NULL);
  return self->name;
}

const char *
pl_agreement_item_get_short_id (PlAgreementItem *self)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_ITEM (self), NULL);
  return self->short_id;
}

guint
pl_agreement_item_get_n_units (PlAgreementItem *self)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_ITEM (self), 0);
  return self->n_units;
}

const PlCoefficient *
pl_agreement_item_get_coefficient (PlAgreementItem   *self,
                                   PlAgreementColumn  column)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_ITEM (self), NULL);
  g_return_val_if_fail (column < PL_AGREEMENT_N_COLUMNS, NULL);
  return &self->coefficients[column];
}

gint64
pl_agreement_item_get_code_id (PlAgreementItem *self)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_ITEM (self), 0);
  return self->code_id;
}
