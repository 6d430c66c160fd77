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
/* Takes the values of @spec (not its GUID), @depth and @path, notifying what changed. */
void    pl_code_update            (PlCode           *self,
                                   const PlCodeSpec *spec,
                                   guint             depth,
                                   const char       *path);

G_END_DECLS
