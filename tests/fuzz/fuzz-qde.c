/* fuzz-qde.c — fuzz target: a REFI-QDA .qde file read and added to a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  pl_fuzz_refi (data, size, "input.qde");
  return 0;
}
