/* pl-error.c — error domains of the Plenary core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-error.h"

G_DEFINE_QUARK (plenary-store-error-quark, pl_store_error)
G_DEFINE_QUARK (plenary-import-error-quark, pl_import_error)
G_DEFINE_QUARK (plenary-export-error-quark, pl_export_error)
