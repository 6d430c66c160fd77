/* pl-csv.h — the one CSV field writer (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PL_CSV_PLAIN = 0,
  /* A text field that a spreadsheet would read as a formula (it begins with = + - @, a tab
   * or a carriage return, and is not a plain number such as "-3") gets a leading '. */
  PL_CSV_SPREADSHEET_SAFE = 1 << 0,
  /* A field with white space at either end is quoted, so that readers that trim unquoted
   * fields keep it. */
  PL_CSV_KEEP_SPACES = 1 << 1,
} PlCsvFlags;

/* Appends one field: as it is when it can be, else quoted with its quotes doubled.  A NULL
 * or empty value is an empty field. */
void pl_csv_append_field (GString    *out,
                          const char *value,
                          PlCsvFlags  flags);

G_END_DECLS
