/* fuzz-pdf.c — fuzz target: a .pdf file through the importer and the segmenter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  pl_fuzz_import (data, size, "input.pdf");
  return 0;
}
