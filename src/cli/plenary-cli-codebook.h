/* plenary-cli-codebook.h — "plenary-cli codebook": export, import and the change log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs "plenary-cli codebook …"; @argv[0] is "codebook", then the project and options.
 * Returns the exit status: 0 success, 1 failure, 2 a wrong command line. */
int pl_cli_codebook (int    argc,
                     char **argv);

G_END_DECLS
