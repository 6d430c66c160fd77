/* pl-codes-popover.h — which codes to retrieve: with or without sub-codes, any or all of
 * them, and codes whose statements are left out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pl-retrieve.h"

G_BEGIN_DECLS

#define PL_TYPE_CODES_POPOVER (pl_codes_popover_get_type ())
G_DECLARE_FINAL_TYPE (PlCodesPopover, pl_codes_popover, PL, CODES_POPOVER, GtkPopover)

GtkWidget *pl_codes_popover_new          (void);
/* Lists the codes of @project (NULL: none) and clears every choice. */
void       pl_codes_popover_set_project  (PlCodesPopover *self,
                                          PlProject      *project);
/* Fills the codes, NOT codes, sub-codes and mode of @spec (new arrays, NULL when none is
 * chosen; free them with g_array_unref()); leaves its filter alone. */
void       pl_codes_popover_get_spec     (PlCodesPopover *self,
                                          PlRetrieveSpec *spec);
/* Chooses codes as ticking them would (@code_ids, @not_code_ids: gint64, NULL: none);
 * emits "changed". */
void       pl_codes_popover_set_codes    (PlCodesPopover *self,
                                          GArray         *code_ids,
                                          GArray         *not_code_ids,
                                          gboolean        with_descendants,
                                          PlRetrieveMode  mode);
/* The chosen codes' short ids ("NRM.F, THR.CI"), or NULL when none is chosen. */
char      *pl_codes_popover_dup_summary  (PlCodesPopover *self);

G_END_DECLS
