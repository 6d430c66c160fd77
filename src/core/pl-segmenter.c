/* pl-segmenter.c — splitting a document's text into statements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segmenter"

#include "config.h"

#include "pl-segmenter.h"

/* One pass over the text collects both readings: its non-blank lines and its blocks
 * between blank lines.  A text whose blank lines separate fewer than two blocks has no
 * paragraph structure, so it is split by line instead. */
typedef struct
{
  GArray   *lines;
  GArray   *blocks;
  gboolean  in_line;   /* the current line has a non-space character */
  PlSpan    line;
  gboolean  in_block;  /* a block of non-blank lines is open */
  PlSpan    block;
} Splitter;

static void
splitter_end_line (Splitter *splitter)
{
  g_assert (splitter != NULL);

  if (splitter->in_line)
    {
      g_array_append_val (splitter->lines, splitter->line);
      if (!splitter->in_block)
        {
          splitter->block.start = splitter->line.start;
          splitter->in_block = TRUE;
        }
      splitter->block.end = splitter->line.end;
      splitter->in_line = FALSE;
    }
  else if (splitter->in_block)
    {
      g_array_append_val (splitter->blocks, splitter->block);
      splitter->in_block = FALSE;
    }
}

GArray *
pl_segmenter_split_paragraphs (const char *text)
{
  Splitter splitter = { 0 };
  const char *p = text;
  guint offset = 0;

  g_return_val_if_fail (text != NULL, NULL);

  splitter.lines = g_array_new (FALSE, FALSE, sizeof (PlSpan));
  splitter.blocks = g_array_new (FALSE, FALSE, sizeof (PlSpan));

  while (*p != '\0')
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        c = *p++;
      else
        {
          c = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }

      if (c == '\n')
        splitter_end_line (&splitter);
      else if (!g_unichar_isspace (c))
        {
          if (!splitter.in_line)
            {
              splitter.line.start = offset;
              splitter.in_line = TRUE;
            }
          splitter.line.end = offset + 1;
        }

      offset++;
    }

  /* The last line, then the last block. */
  splitter_end_line (&splitter);
  splitter_end_line (&splitter);

  if (splitter.blocks->len >= 2)
    {
      g_array_unref (splitter.lines);
      return splitter.blocks;
    }

  g_array_unref (splitter.blocks);
  return splitter.lines;
}

GPtrArray *
pl_segmenter_segment (const char *text)
{
  g_autoptr(GArray) spans = NULL;
  GPtrArray *statements;

  g_return_val_if_fail (text != NULL, NULL);

  spans = pl_segmenter_split_paragraphs (text);
  statements = g_ptr_array_new_full (spans->len, (GDestroyNotify)pl_statement_unref);
  for (guint i = 0; i < spans->len; i++)
    {
      const PlSpan *span = &g_array_index (spans, PlSpan, i);
      PlStatement *statement = pl_statement_new ();

      statement->index = i + 1;
      statement->start = span->start;
      statement->end = span->end;
      statement->kind = PL_STATEMENT_KIND_STATEMENT;
      g_ptr_array_add (statements, statement);
    }
  return statements;
}
