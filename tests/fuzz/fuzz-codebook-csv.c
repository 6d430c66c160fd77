/* fuzz-codebook-csv.c — fuzz target: a .csv codebook planned and applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  pl_fuzz_codebook (data, size, "input.csv");
  return 0;
}
