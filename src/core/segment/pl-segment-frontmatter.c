/* pl-segment-frontmatter.c — what is nobody's statement: agenda items, dates, datelines,
 * headings, lists of speakers, a reporter's closing background
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include <string.h>

#include "pl-segment-private.h"

/* Front matter */

static const char * const month_names[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
  "sept", "oct", "nov", "dec", NULL
};

static gboolean
is_date_line (const char *p,
              const char *end)
{
  guint words = 0;
  gboolean month = FALSE, digits = FALSE;

  if (end - p > 70)
    return FALSE;

  while (p < end)
    {
      const char *q = word_end (p, end);

      if (q == p)
        {
          p++;
          continue;
        }
      words++;
      if (word_in (p, q, month_names))
        month = TRUE;
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      p = q;
    }
  return digits && (month || words <= 4) && words <= 8;
}

static gboolean
is_dateline (const char *p,
             const char *end)
{
  /* "NEW YORK, 9 July — " or "GENEVA (UN News) - " */
  const char *comma = memchr (p, ',', MIN ((gsize)(end - p), (gsize)40));
  const char *dash;

  if (comma == NULL || !pl_segment_all_capitals (p, comma))
    return FALSE;
  dash = find_ci (comma, MIN (end, comma + 40), "\xe2\x80\x94");
  if (dash == NULL)
    dash = find_ci (comma, MIN (end, comma + 40), " - ");
  if (dash == NULL)
    dash = find_ci (comma, MIN (end, comma + 40), "\xe2\x80\x93");
  return dash != NULL;
}

gboolean
pl_segment_is_heading (const char *p,
                       const char *end)
{
  gunichar last;
  guint words = 0;

  if (end - p > 120 || memchr (p, '\n', end - p) != NULL)
    return FALSE;
  last = char_at (g_utf8_prev_char (end), end);
  if (last == '.' || last == ',' || last == ';' || last == ':' || last == 0x201D || last == '"')
    return FALSE;
  for (const char *q = p; q < end; q++)
    if (*q == ' ')
      words++;
  return words < 12;
}

/* Front matter wherever it stands: agenda, dates, datelines, markers. */
gboolean
pl_segment_is_front_matter (const char *p,
                            const char *end)
{
  static const char * const openings[] = {
    "agenda item", "item ", "event report", "unofficial transcript", "this is an unofficial",
    "official records", "press release", "meetings coverage", "also speaking", "also taking the floor",
    "other speakers", "speakers included", "for information media", "source:", "photo:",
    "(meeting ", "(the meeting ", "[", "(applause", "(suspended", "(resumed", NULL
  };
  const char *line_end = memchr (p, '\n', end - p);

  for (guint i = 0; openings[i] != NULL; i++)
    if (starts_with_ci (p, end, openings[i]))
      return TRUE;

  if (find_ci (p, MIN (line_end != NULL ? line_end : end, p + 200), "unofficial transcript") != NULL)
    return TRUE;

  return is_date_line (p, line_end != NULL ? line_end : end) || is_dateline (p, end);
}

/* Reporter's closing background: "The Working Group … will continue its work". */
gboolean
pl_segment_is_reporter_closing (const char *p,
                                const char *end)
{
  static const char * const subjects[] = {
    "the working group", "the open-ended working group", "the oewg", "the committee will",
    "the meeting", "the session", "the conference", "the general assembly", "the next meeting",
    "the group will", "the group's next", "the group of governmental experts", NULL
  };

  for (guint i = 0; subjects[i] != NULL; i++)
    if (starts_with_ci (p, end, subjects[i]))
      return TRUE;
  return FALSE;
}
