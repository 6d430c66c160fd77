/* pl-demo.h — the demonstration project bundled with Plenary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-project.h"

G_BEGIN_DECLS

/* Creates a new project at @path (which must not exist) with the starter codebook, the
 * bundled synthetic documents and a few sample annotations. */
PlProject *pl_demo_create (const char  *path,
                           GError     **error);

G_END_DECLS
