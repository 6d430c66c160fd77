/* pl-test-util.h — helpers shared by the test programs and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deletes @path and everything under it, making read-only folders writable first; symbolic
 * links are removed, never followed.  A missing @path is not an error. */
void pl_test_remove_tree (const char *path);

G_END_DECLS
