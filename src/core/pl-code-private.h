/* pl-code-private.h — how the store makes and updates codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-code.h"

G_BEGIN_DECLS

PlCode *pl_code_new               (gint64            id,
                                   const PlCodeSpec *spec,
                                   guint             depth,
                                   const char       *path,
                                   guint             n_annotations);
void    pl_code_set_n_annotations (PlCode           *self,
                                   guint             n_annotations);

G_END_DECLS
