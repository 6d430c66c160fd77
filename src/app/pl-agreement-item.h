/* pl-agreement-item.h — one row of an agreement table, as a list item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pl-project-agreement.h"

G_BEGIN_DECLS

/* The coefficients, in the order of the table's columns. */
typedef enum
{
  PL_AGREEMENT_COLUMN_PERCENT,
  PL_AGREEMENT_COLUMN_COHEN_KAPPA,
  PL_AGREEMENT_COLUMN_SCOTT_PI,
  PL_AGREEMENT_COLUMN_FLEISS_KAPPA,
  PL_AGREEMENT_COLUMN_KRIPPENDORFF_ALPHA,
  PL_AGREEMENT_COLUMN_ALPHA_U,
  PL_AGREEMENT_N_COLUMNS,
} PlAgreementColumn;

#define PL_TYPE_AGREEMENT_ITEM (pl_agreement_item_get_type ())
G_DECLARE_FINAL_TYPE (PlAgreementItem, pl_agreement_item, PL, AGREEMENT_ITEM, GObject)

/* A copy of @row, named @name (the overall row's name, else the code's). */
PlAgreementItem     *pl_agreement_item_new             (const PlAgreementRow *row,
                                                        const char           *name);
/* The row of every code together (or, by category, of the variable). */
gboolean             pl_agreement_item_is_overall      (PlAgreementItem      *self);
const char          *pl_agreement_item_get_name        (PlAgreementItem      *self);
/* The code's short id, or NULL for the overall row. */
const char          *pl_agreement_item_get_short_id    (PlAgreementItem      *self);
/* The code (or category) of the row, 0 for the overall row. */
gint64               pl_agreement_item_get_code_id     (PlAgreementItem      *self);
guint                pl_agreement_item_get_n_units     (PlAgreementItem      *self);
const PlCoefficient *pl_agreement_item_get_coefficient (PlAgreementItem      *self,
                                                        PlAgreementColumn     column);

G_END_DECLS
