/* fuzz-qdc.c — fuzz target: a .qdc codebook planned and applied
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  pl_fuzz_codebook (data, size, "input.qdc");
  return 0;
}
