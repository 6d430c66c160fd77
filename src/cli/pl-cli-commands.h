/* pl-cli-commands.h — the command groups of plenary-cli, one file each
 *
 * Each table lists its commands in the order "plenary-cli --help" shows them and ends with
 * an entry whose name is NULL.  A new group is a new file, a line here and a line in the
 * table of plenary-cli.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pl-cli-common.h"

G_BEGIN_DECLS

/* new, import, documents, statements */
extern const PlCliCommand pl_cli_project_commands[];
/* codes, code, annotations */
extern const PlCliCommand pl_cli_coding_commands[];
/* export, import-refi */
extern const PlCliCommand pl_cli_export_commands[];
/* codebook */
extern const PlCliCommand pl_cli_codebook_commands[];
/* retrieve, search, stats, cooccurrence, chart */
extern const PlCliCommand pl_cli_analysis_commands[];
/* agreement, export-coder, merge, team */
extern const PlCliCommand pl_cli_team_commands[];
/* outcome, reuse, links, link */
extern const PlCliCommand pl_cli_reuse_commands[];
/* exercise */
extern const PlCliCommand pl_cli_exercise_commands[];

G_END_DECLS
