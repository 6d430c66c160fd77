/* pl-fuzz.h — what the fuzz targets share
 *
 * Each target defines LLVMFuzzerTestOneInput().  Built with -Dfuzzing=true (clang) it links
 * libFuzzer; in every other build it links pl-fuzz-replay.c, whose main() runs the target
 * over the seed corpus and the crashers kept in tests/fuzz/regressions, as a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

int  LLVMFuzzerTestOneInput (const uint8_t *data,
                             size_t         size);

/* Makes GLib criticals and warnings fatal (a warning on bad input is a bug), once. */
void pl_fuzz_init           (void);

/* Reads @size bytes as the file @display_name through the importer, and segments the text
 * it yields into statements. */
void pl_fuzz_import         (const uint8_t *data,
                             size_t         size,
                             const char    *display_name);

/* Reads @size bytes as the REFI-QDA file @display_name (.qde, .qdpx) and adds it to a
 * scratch project (made anew now and then, so that it does not grow without end). */
void pl_fuzz_refi           (const uint8_t *data,
                             size_t         size,
                             const char    *display_name);

/* Plans the import of @size bytes as the codebook file @display_name (.json, .csv, .qdc)
 * into a scratch project, and applies the plan. */
void pl_fuzz_codebook       (const uint8_t *data,
                             size_t         size,
                             const char    *display_name);

G_END_DECLS
