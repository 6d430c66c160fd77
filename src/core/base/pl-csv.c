/* pl-csv.c — the one CSV field writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pl-csv.h"

/* "-3", "+1.5", "42": a spreadsheet reads these as numbers, not formulas. */
static gboolean
is_plain_number (const char *value)
{
  const char *p = value;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    {
      p++;
      digits = TRUE;
    }
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p))
        {
          p++;
          digits = TRUE;
        }
    }

  return digits && *p == '\0';
}

void
pl_csv_append_field (GString    *out,
                     const char *value,
                     PlCsvFlags  flags)
{
  gboolean guard;
  gboolean quote;
  const char *p;

  g_return_if_fail (out != NULL);

  if (value == NULL || *value == '\0')
    return;

  guard = (flags & PL_CSV_SPREADSHEET_SAFE) != 0 && strchr ("=+-@\t\r", value[0]) != NULL
          && !is_plain_number (value);
  quote = value[strcspn (value, ",\"\r\n")] != '\0'
          || ((flags & PL_CSV_KEEP_SPACES) != 0
              && (g_ascii_isspace (value[0]) || g_ascii_isspace (value[strlen (value) - 1])));

  if (!quote)
    {
      if (guard)
        g_string_append_c (out, '\'');
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (p = value; *p != '\0'; p++)
    {
      const char *mark = strchr (p, '"');

      if (mark == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, mark + 1 - p);
      g_string_append_c (out, '"');
      p = mark;
    }
  g_string_append_c (out, '"');
}
