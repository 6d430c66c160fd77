/* pl-starter-names.h — the starter codebook's names in the coder's language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pl-code.h"

G_BEGIN_DECLS

/* One starter code: its GUID and its English name as in starter.json (untranslated). */
typedef struct
{
  const char *guid;
  const char *name;
} PlStarterName;

/* Every code of the starter codebook, families first in the JSON's order. */
const PlStarterName *pl_starter_names          (gsize      *n_names);

/* The name to show for a code with @guid and stored @name: the translation when it is a
 * starter code still named as the starter names it, else @name.  For the window only: data
 * (the project file, exports, plenary-cli) keeps the stored name. */
const char          *pl_starter_display_name   (const char *guid,
                                                const char *name);
const char          *pl_code_get_display_name  (PlCode     *code);

G_END_DECLS
