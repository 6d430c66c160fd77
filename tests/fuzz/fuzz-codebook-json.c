/* fuzz-codebook-json.c — fuzz target: a .json codebook planned and applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  pl_fuzz_codebook (data, size, "input.json");
  return 0;
}
