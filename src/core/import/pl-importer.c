/* pl-importer.c — files into documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-importer"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-limits.h"
#include "pl-import-private.h"
#include "pl-document-metadata.h"
#include "pl-importer.h"
#include "pl-segmenter.h"
#include "pl-text.h"
#include "pl-text-decoder.h"

#define MEBIBYTE (1024 * 1024)
/* Markdown emphasis, code spans and links are looked for within this many bytes of their
 * start, so that unmatched markers cost linear time. */
#define MAX_INLINE_SPAN 4096

/* The name to show for @file when its info cannot be queried. */
static char *
dup_fallback_display_name (GFile *file)
{
  g_autofree char *basename = NULL;

  g_assert (G_IS_FILE (file));

  basename = g_file_get_basename (file);
  if (basename == NULL)
    return g_file_get_parse_name (file);

  return g_filename_display_name (basename);
}

char *
pl_import_dup_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    return g_strdup (g_file_info_get_display_name (info));

  return dup_fallback_display_name (file);
}

/* The file name without its last extension, or the whole name when that leaves nothing. */
static char *
dup_title (const char *display_name)
{
  const char *dot;

  g_assert (display_name != NULL);

  dot = strrchr (display_name, '.');
  if (dot == NULL || dot == display_name)
    return g_strdup (display_name);

  return g_strndup (display_name, dot - display_name);
}

static void
set_read_error (GError     **error,
                GError      *cause,
                const char  *name)
{
  g_assert (cause != NULL);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_error_copy (cause));
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                 _("“%s” does not exist."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                 _("“%s” is a folder, not a file."), name);
  else
    g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                 _("“%s” cannot be read: %s"), name, cause->message);
}

static gboolean
check_size (guint64      size,
            const char  *name,
            GError     **error)
{
  g_assert (name != NULL);

  if (size <= PL_IMPORT_MAX_BYTES)
    return TRUE;

  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
               _("“%s” is too large to import (%lu MB; the limit is %d MB)."),
               name, (gulong) ((size + MEBIBYTE - 1) / MEBIBYTE), PL_IMPORT_MAX_BYTES / MEBIBYTE);
  return FALSE;
}


void
pl_imported_text_clear (PlImportedText *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->date, g_free);
  g_clear_pointer (&self->warning, g_free);
}

/* Shared helpers of the format readers */

void
pl_import_append_block (GString    *out,
                        const char *block)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (out != NULL);
  g_return_if_fail (block != NULL);

  trimmed = g_strstrip (g_strdup (block));
  if (*trimmed == '\0')
    return;

  if (out->len > 0)
    g_string_append (out, "\n\n");
  g_string_append (out, trimmed);
}

static gboolean
is_collapsible_space (gunichar c)
{
  return c == 0xA0 || g_unichar_isspace (c);
}

void
pl_import_append_collapsed (GString    *out,
                            const char *text)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_collapsible_space (c))
        {
          g_string_append_unichar (out, c);
          continue;
        }

      if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
        g_string_append_c (out, ' ');
    }
}

char *
pl_import_parse_iso_date (const char *text)
{
  guint year, month, day;

  if (text == NULL)
    return NULL;

  while (g_ascii_isspace (*text))
    text++;

  for (guint i = 0; i < 10; i++)
    {
      gboolean separator = i == 4 || i == 7;

      if (separator ? (text[i] != '-' && text[i] != '/') : !g_ascii_isdigit (text[i]))
        return NULL;
    }
  if (g_ascii_isdigit (text[10]))
    return NULL;

  year = g_ascii_strtoull (text, NULL, 10);
  month = g_ascii_strtoull (text + 5, NULL, 10);
  day = g_ascii_strtoull (text + 8, NULL, 10);
  if (year < 1000 || !g_date_valid_dmy (day, month, year))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

/* Titles that word processors and PDF printers fill in by themselves. */
static gboolean
is_placeholder_title (const char *title)
{
  static const char * const placeholders[] = {
    "untitled", "title", "document", "microsoft word", "slide 1", "powerpoint presentation",
    "no title", "(anonymous)",
  };
  static const char * const file_suffixes[] = {
    ".doc", ".docx", ".odt", ".rtf", ".pdf", ".txt", ".indd", ".dot", ".dotx", ".qxd",
  };
  g_autofree char *folded = g_utf8_casefold (title, -1);

  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (strcmp (folded, placeholders[i]) == 0)
      return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (file_suffixes); i++)
    if (g_str_has_suffix (folded, file_suffixes[i]))
      return TRUE;

  return g_str_has_prefix (folded, "microsoft word - ") || strchr (title, '\\') != NULL ||
         g_str_has_prefix (title, "/");
}

char *
pl_import_sensible_title (const char *candidate)
{
  g_autofree char *title = NULL;
  g_autoptr(GString) collapsed = NULL;
  gboolean has_letter = FALSE;

  if (candidate == NULL || !g_utf8_validate (candidate, -1, NULL))
    return NULL;

  collapsed = g_string_new (NULL);
  pl_import_append_collapsed (collapsed, candidate);
  title = g_strstrip (g_string_free (g_steal_pointer (&collapsed), FALSE));

  for (const char *p = title; *p != '\0' && !has_letter; p = g_utf8_next_char (p))
    has_letter = g_unichar_isalpha (g_utf8_get_char (p));

  if (!has_letter || g_utf8_strlen (title, -1) > 200 || is_placeholder_title (title))
    return NULL;

  return g_steal_pointer (&title);
}

/* Markdown */

/* The marker of a fenced code block that @line opens or closes ('`' or '~' and its
 * length), or 0. */
static guint
fence_length (const char *line,
              char       *fence_char)
{
  guint n = 0;

  for (guint i = 0; i < 3 && *line == ' '; i++)
    line++;

  if (*line != '`' && *line != '~')
    return 0;

  while (line[n] == line[0])
    n++;
  if (n < 3)
    return 0;

  *fence_char = line[0];
  return n;
}

static gboolean
is_blank_line (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;

  return TRUE;
}

/* A line of three or more of one of "-*_" (spaces between allowed), or of "=". */
static gboolean
is_rule_line (const char *line,
              gboolean    allow_equals)
{
  char mark = 0;
  guint n = 0;

  for (guint i = 0; i < 3 && *line == ' '; i++)
    line++;

  for (; *line != '\0'; line++)
    {
      if (*line == ' ' || *line == '\t')
        continue;
      if (mark == 0 && (*line == '-' || *line == '*' || *line == '_' ||
                        (allow_equals && *line == '=')))
        mark = *line;
      if (*line != mark)
        return FALSE;
      n++;
    }

  return n >= 3 || (mark == '=' && n >= 1);
}

/* "[label]: destination" */
static gboolean
is_reference_definition (const char *line)
{
  const char *close;

  for (guint i = 0; i < 3 && *line == ' '; i++)
    line++;

  if (*line != '[' || line[1] == '^')
    return FALSE;

  close = strstr (line, "]:");
  if (close == NULL || close == line + 1 || memchr (line, '\n', close - line) != NULL)
    return FALSE;

  close += 2;
  while (*close == ' ' || *close == '\t')
    close++;

  return *close != '\0' && !g_ascii_isspace (*close);
}

/* The text of an ATX heading line ("## Title ##"), or NULL. */
static char *
dup_atx_heading (const char *line)
{
  guint level = 0;
  char *text;
  gsize length;

  for (guint i = 0; i < 3 && *line == ' '; i++)
    line++;

  while (line[level] == '#')
    level++;
  if (level == 0 || level > 6 || (line[level] != ' ' && line[level] != '\t' && line[level] != '\0'))
    return NULL;

  text = g_strstrip (g_strdup (line + level));
  length = strlen (text);
  /* A closing sequence of #s after a space. */
  while (length > 0 && text[length - 1] == '#')
    length--;
  if (length == 0 || text[length - 1] == ' ' || text[length - 1] == '\t')
    {
      text[length] = '\0';
      g_strchomp (text);
    }

  return text;
}

/* @line without its list marker's variations: "* " and "+ " become "- "; the
 * indentation and ordered markers stay. */
static void
append_list_line (GString    *out,
                  const char *line)
{
  const char *p = line;

  while (*p == ' ' || *p == '\t')
    p++;

  if ((*p == '*' || *p == '+' || *p == '-') && (p[1] == ' ' || p[1] == '\t'))
    {
      g_string_append_len (out, line, p - line);
      g_string_append (out, "- ");
      p += 2;
      while (*p == ' ' || *p == '\t')
        p++;
      g_string_append (out, p);
      return;
    }

  g_string_append (out, line);
}

/* Where a search for the end of a span opened at @open stops. */
static const char *
span_limit (const char *open,
            const char *end)
{
  return (gsize) (end - open) > MAX_INLINE_SPAN ? open + MAX_INLINE_SPAN : end;
}

static gboolean
within_paragraph (const char *text,
                  const char *from,
                  const char *to)
{
  for (const char *p = from; p + 1 < to; p++)
    if (p[0] == '\n' && p[1] == '\n')
      return FALSE;

  return TRUE;
}

/* The end of a bracketed span starting at @open (one of "[(" matched by "])"), within
 * @end and one paragraph, or NULL. */
static const char *
find_closing (const char *open,
              const char *end,
              char        opening,
              char        closing)
{
  int depth = 0;

  end = span_limit (open, end);
  for (const char *p = open; p < end; p++)
    {
      if (*p == '\\' && p + 1 < end)
        {
          p++;
          continue;
        }
      if (*p == '\n' && p + 1 < end && p[1] == '\n')
        return NULL;
      if (*p == opening)
        depth++;
      else if (*p == closing && --depth == 0)
        return p;
    }

  return NULL;
}

/* A link or image at @p ("[text](url)", "[text][ref]", "[text][]"): its label and where
 * it ends, or FALSE. */
static gboolean
parse_link (const char  *p,
            const char  *end,
            const char **label_start,
            const char **label_end,
            const char **after)
{
  const char *close = find_closing (p, end, '[', ']');
  const char *target_end;

  if (close == NULL || close + 1 >= end)
    return FALSE;

  if (close[1] == '(')
    target_end = find_closing (close + 1, end, '(', ')');
  else if (close[1] == '[')
    target_end = find_closing (close + 1, end, '[', ']');
  else
    return FALSE;

  if (target_end == NULL)
    return FALSE;

  *label_start = p + 1;
  *label_end = close;
  *after = target_end + 1;
  return TRUE;
}

static gboolean
is_alnum_at (const char *text,
             const char *p,
             const char *end)
{
  if (p == NULL || p < text || p >= end)
    return FALSE;

  return g_unichar_isalnum (g_utf8_get_char_validated (p, end - p));
}

static gboolean
is_space_at (const char *text,
             const char *p,
             const char *end)
{
  return p < text || p >= end || g_ascii_isspace (*p);
}

/* The closing delimiter run of @n @mark characters for the one at @open, or NULL. */
static const char *
find_emphasis_close (const char *text,
                     const char *open,
                     const char *end,
                     char        mark,
                     guint       n)
{
  end = span_limit (open, end);
  for (const char *p = open + n; p < end; p++)
    {
      guint run = 0;

      if (*p == '\n' && p + 1 < end && p[1] == '\n')
        return NULL;
      if (*p == '\\' && p + 1 < end)
        {
          p++;
          continue;
        }
      if (*p != mark)
        continue;

      while (p + run < end && p[run] == mark)
        run++;

      if (run == n && p > open + n && !is_space_at (text, p - 1, end) &&
          (mark != '_' || !is_alnum_at (text, p + run, end)))
        return p;

      p += run - 1;
    }

  return NULL;
}

static const char *
previous_char (const char *text,
               const char *p)
{
  return p > text ? g_utf8_find_prev_char (text, p) : NULL;
}

/* The code span whose backticks start at @p: appends its code to @out (or the backticks,
 * when they are not closed) and returns where it ends. */
static const char *
append_code_span (GString    *out,
                  const char *text,
                  const char *p,
                  const char *end)
{
  const char *limit;
  const char *close;
  const char *code;
  guint n = 0;

  while (p + n < end && p[n] == '`')
    n++;

  limit = span_limit (p, end);
  for (close = p + n; close < limit; close++)
    {
      guint run = 0;

      if (*close != '`')
        continue;
      while (close + run < end && close[run] == '`')
        run++;
      if (run == n)
        break;
      close += run - 1;
    }

  if (close >= limit || !within_paragraph (text, p, close))
    {
      g_string_append_len (out, p, n);
      return p + n;
    }

  /* One space inside each end is padding. */
  code = p + n;
  if (close - code >= 2 && *code == ' ' && close[-1] == ' ')
    g_string_append_len (out, code + 1, close - code - 2);
  else
    g_string_append_len (out, code, close - code);

  return close + n;
}

static void
append_inline (GString    *out,
               const char *text,
               gsize       length)
{
  const char *end = text + length;
  const char *p = text;

  while (p < end)
    {
      const char *label_start, *label_end, *after;

      if (*p == '\\' && p + 1 < end && g_ascii_ispunct (p[1]))
        {
          g_string_append_c (out, p[1]);
          p += 2;
        }
      else if (*p == '\\' && p + 1 < end && p[1] == '\n')
        {
          p++;
        }
      else if (*p == '`')
        {
          p = append_code_span (out, text, p, end);
        }
      else if (*p == '!' && p + 1 < end && p[1] == '[' &&
               parse_link (p + 1, end, &label_start, &label_end, &after))
        {
          /* Images are dropped. */
          p = after;
        }
      else if (*p == '[' && parse_link (p, end, &label_start, &label_end, &after))
        {
          append_inline (out, label_start, label_end - label_start);
          p = after;
        }
      else if (*p == '<' && p + 1 < end && g_ascii_isalpha (p[1]))
        {
          const char *close = p + 1;

          while (close < end && *close != '>' && *close != '<' && !g_ascii_isspace (*close))
            close++;

          if (close < end && *close == '>' &&
              (memchr (p, ':', close - p) != NULL || memchr (p, '@', close - p) != NULL))
            {
              g_string_append_len (out, p + 1, close - p - 1);
              p = close + 1;
            }
          else
            {
              g_string_append_c (out, *p);
              p++;
            }
        }
      else if (*p == '*' || *p == '_')
        {
          char mark = *p;
          guint n = 0;
          const char *close = NULL;

          while (p + n < end && p[n] == mark)
            n++;

          if (n <= 3 && !is_space_at (text, p + n, end) &&
              (mark != '_' || !is_alnum_at (text, previous_char (text, p), end)))
            close = find_emphasis_close (text, p, end, mark, n);

          if (close != NULL)
            {
              append_inline (out, p + n, close - p - n);
              p = close + n;
            }
          else
            {
              g_string_append_len (out, p, n);
              p += n;
            }
        }
      else
        {
          g_string_append_c (out, *p);
          p++;
        }
    }
}

/* Appends the prose lines collected in @prose to @out, with inline markup removed. */
static void
flush_prose (GString *out,
             GString *prose)
{
  if (prose->len == 0)
    return;

  append_inline (out, prose->str, prose->len);
  g_string_truncate (prose, 0);
}

/* Adds @line to the lines collected in @prose; a blank line before and after when
 * @standalone (a heading) and its neighbours are not blank already. */
static void
add_prose_line (GString    *prose,
                const char *line,
                gboolean    standalone)
{
  if (standalone && prose->len > 0 &&
      !(prose->len >= 2 && prose->str[prose->len - 1] == '\n' && prose->str[prose->len - 2] == '\n'))
    g_string_append_c (prose, '\n');

  g_string_append (prose, line);
  g_string_append_c (prose, '\n');

  if (standalone)
    g_string_append_c (prose, '\n');
}

/* @text with no blank lines at the start, at most one blank line in a row, and one
 * newline at the end. */
static char *
tidy_blank_lines (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 1);
  guint newlines = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          newlines++;
          continue;
        }

      if (out->len > 0 && newlines > 0)
        g_string_append_len (out, "\n\n", MIN (newlines, 2));
      newlines = 0;
      g_string_append_c (out, *p);
    }

  if (out->len > 0)
    g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

char *
pl_import_markdown (const char *text)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) prose = g_string_new (NULL);
  g_autoptr(GString) line_buffer = g_string_new (NULL);
  char fence_char = 0;
  guint fence = 0;
  gboolean previous_blank = TRUE;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *heading = NULL;
      char this_fence_char = 0;
      guint this_fence;

      /* A final newline makes an empty last piece that is no line. */
      if (lines[i + 1] == NULL && *line == '\0')
        break;

      this_fence = fence_length (line, &this_fence_char);

      if (fence > 0)
        {
          if (this_fence >= fence && this_fence_char == fence_char)
            {
              char mark[2] = { fence_char, '\0' };
              const char *rest = strstr (line, mark);

              while (*rest == fence_char)
                rest++;
              if (is_blank_line (rest))
                {
                  g_string_append_c (out, '\n');
                  fence = 0;
                  previous_blank = TRUE;
                  continue;
                }
            }
          g_string_append (out, line);
          g_string_append_c (out, '\n');
          continue;
        }

      /* A code block is a block of its own, its lines kept as they are. */
      if (this_fence > 0)
        {
          flush_prose (out, prose);
          g_string_append (out, "\n\n");
          fence = this_fence;
          fence_char = this_fence_char;
          continue;
        }

      /* Block quote markers, nested or not. */
      for (;;)
        {
          const char *p = line;

          for (guint k = 0; k < 3 && *p == ' '; k++)
            p++;
          if (*p != '>')
            break;
          p++;
          if (*p == ' ')
            p++;
          line = p;
        }

      if (is_blank_line (line))
        {
          g_string_append_c (prose, '\n');
          previous_blank = TRUE;
          continue;
        }

      if (is_reference_definition (line))
        continue;

      /* Setext underlines and rules end a block. */
      if ((!previous_blank && is_rule_line (line, TRUE)) || is_rule_line (line, FALSE))
        {
          g_string_append_c (prose, '\n');
          previous_blank = TRUE;
          continue;
        }

      previous_blank = FALSE;
      heading = dup_atx_heading (line);
      if (heading != NULL)
        {
          add_prose_line (prose, heading, TRUE);
          previous_blank = TRUE;
          continue;
        }

      g_string_truncate (line_buffer, 0);
      append_list_line (line_buffer, line);
      /* Hard line breaks ("  " at the end) are line breaks anyway. */
      while (line_buffer->len > 0 && line_buffer->str[line_buffer->len - 1] == ' ')
        g_string_truncate (line_buffer, line_buffer->len - 1);
      add_prose_line (prose, line_buffer->str, FALSE);
    }

  flush_prose (out, prose);

  return tidy_blank_lines (out->str);
}

/* The reader for what is in @contents */

static gboolean
has_prefix (const char *data,
            gsize       length,
            const char *prefix,
            gsize       prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

static gboolean
has_extension (const char *name,
               const char *extension)
{
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name && g_ascii_strcasecmp (dot + 1, extension) == 0;
}

/* HTML in a legacy encoding that its <meta> names: @decoded came out as Windows-1252
 * because the bytes are not UTF-8; decode them as the file says instead. */
static char *
redecode_declared_html (const char *contents,
                        gsize       length,
                        char       *decoded)
{
  static const char * const default_charsets[] = {
    "windows-1252", "cp1252", "iso-8859-1", "latin1", "us-ascii", "ascii", "utf-8", "utf8",
  };
  g_autofree char *charset = NULL;
  g_autofree char *converted = NULL;
  gsize written = 0;

  g_assert (decoded != NULL);

  charset = pl_import_html_declared_charset ((const guint8 *) contents, length);
  if (charset == NULL)
    return decoded;

  for (guint i = 0; i < G_N_ELEMENTS (default_charsets); i++)
    if (g_ascii_strcasecmp (charset, default_charsets[i]) == 0)
      return decoded;

  converted = g_convert (contents, length, "UTF-8", charset, NULL, &written, NULL);
  if (converted == NULL || memchr (converted, '\0', written) != NULL ||
      !g_utf8_validate (converted, written, NULL))
    return decoded;

  g_free (decoded);
  return pl_text_normalize (converted, written);
}

static char *
extract (const char      *contents,
         gsize            length,
         const char      *name,
         PlImportedText  *info,
         GCancellable    *cancellable,
         GError         **error)
{
  g_autofree char *decoded = NULL;
  PlTextEncoding encoding = PL_TEXT_ENCODING_UTF8;
  guint replaced = 0;

  g_assert (info != NULL);

  if (has_prefix (contents, length, "%PDF-", 5))
    {
      info->format = g_strdup ("pdf");
#if HAVE_POPPLER
      return pl_import_pdf ((const guint8 *) contents, length, name, info, cancellable, error);
#else
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” is a PDF document, and this build of Plenary cannot read PDF "
                     "documents. Save it as text, then import the text."), name);
      return NULL;
#endif
    }

  if (has_prefix (contents, length, "PK\x03\x04", 4))
    {
      switch (pl_import_office_sniff ((const guint8 *) contents, length))
        {
        case PL_ZIP_KIND_DOCX:
          info->format = g_strdup ("docx");
          return pl_import_docx ((const guint8 *) contents, length, name, info, cancellable, error);
        case PL_ZIP_KIND_ODT:
          info->format = g_strdup ("odt");
          return pl_import_odt ((const guint8 *) contents, length, name, info, cancellable, error);
        case PL_ZIP_KIND_OTHER:
        default:
          /* Refused below, with a message that says what it is. */
          break;
        }
    }

  if (pl_import_office_is_encrypted_ole ((const guint8 *) contents, length))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is protected with a password. Open it in your word processor, "
                     "save a copy without a password, then import the copy."), name);
      return NULL;
    }

  decoded = pl_text_decode ((const guint8 *) contents, length, name, &encoding, &replaced, error);
  if (decoded == NULL)
    return NULL;
  if (replaced > 0)
    info->warning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "“%s” is UTF-8 with %u damaged byte; it was replaced by “�”.",
                                                  "“%s” is UTF-8 with %u damaged bytes; they were replaced by “�”.",
                                                  replaced),
                                     name, replaced);

  if (pl_import_looks_like_html (decoded, name))
    {
      info->format = g_strdup ("html");
      if (encoding == PL_TEXT_ENCODING_WINDOWS_1252)
        decoded = redecode_declared_html (contents, length, g_steal_pointer (&decoded));
      return pl_import_html (decoded, strlen (decoded), name, info, error);
    }

  if (has_extension (name, "md") || has_extension (name, "markdown"))
    {
      info->format = g_strdup ("markdown");
      return pl_import_markdown (decoded);
    }

  info->format = g_strdup ("text");
  return g_steal_pointer (&decoded);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

char *
pl_importer_read_data (const char      *contents,
                       gsize            length,
                       const char      *name,
                       PlImportedText  *out,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_auto(PlImportedText) result = { NULL, };
  g_autofree char *extracted = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GArray) paragraphs = NULL;

  g_return_val_if_fail (contents != NULL || length == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_size (length, name, error))
    return NULL;

  extracted = extract (contents, length, name, &result, cancellable, error);
  if (extracted == NULL)
    return NULL;

  /* Plain text comes normalised from the decoder; extracted text is normalised here. */
  if (g_strcmp0 (result.format, "text") == 0)
    text = g_steal_pointer (&extracted);
  else
    text = pl_text_normalize (extracted, -1);

  if (is_blank (text))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_EMPTY,
                   _("“%s” has no text to import."), name);
      return NULL;
    }

  /* Archives inflate: what a small file holds may still be too much text. */
  if (strlen (text) > PL_LIMIT_TEXT_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” holds more than %u MB of text, more than Plenary imports as one "
                     "document. Split it into several files."),
                   name, (guint) (PL_LIMIT_TEXT_BYTES / (1024 * 1024)));
      return NULL;
    }
  paragraphs = pl_segmenter_split_paragraphs (text);
  if (paragraphs->len > PL_LIMIT_STATEMENTS)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” has %u paragraphs, more than the %u statements Plenary keeps in "
                     "one document. Split it into several files."),
                   name, paragraphs->len, (guint) PL_LIMIT_STATEMENTS);
      return NULL;
    }

  if (result.title == NULL)
    result.title = dup_title (name);

  if (out != NULL)
    {
      *out = result;
      memset (&result, 0, sizeof result);
    }

  return g_steal_pointer (&text);
}


char *
pl_importer_read (GFile           *file,
                  PlImportedText  *out,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      name = dup_fallback_display_name (file);
      set_read_error (error, local_error, name);
      return NULL;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME))
    name = g_strdup (g_file_info_get_display_name (info));
  else
    name = dup_fallback_display_name (file);

  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("“%s” is a folder, not a file."), name);
      return NULL;
    case G_FILE_TYPE_SPECIAL:
    case G_FILE_TYPE_MOUNTABLE:
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ,
                   _("“%s” is not a regular file."), name);
      return NULL;
    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    default:
      break;
    }

  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      !check_size (g_file_info_get_size (info), name, error))
    return NULL;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      set_read_error (error, local_error, name);
      return NULL;
    }

  /* The file may have grown since it was measured: pl_importer_read_data() checks again. */
  return pl_importer_read_data (contents, length, name, out, cancellable, error);
}

char *
pl_importer_read_text (GFile         *file,
                       char         **out_title,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_auto(PlImportedText) info = { NULL, };
  char *text;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = pl_importer_read (file, &info, cancellable, error);
  if (text != NULL && out_title != NULL)
    *out_title = g_steal_pointer (&info.title);

  return text;
}

PlDocument *
pl_import_add_document (PlProject             *project,
                        GFile                 *file,
                        const char            *text,
                        const PlImportedText  *info,
                        GError               **error)
{
  g_autoptr(GHashTable) metadata = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (info != NULL && info->title != NULL, NULL);

  metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (info->format != NULL)
    g_hash_table_insert (metadata, g_strdup ("format"), g_strdup (info->format));
  if (info->language != NULL)
    g_hash_table_insert (metadata, g_strdup ("language"), g_strdup (info->language));
  if (info->date != NULL)
    g_hash_table_insert (metadata, g_strdup ("date"), g_strdup (info->date));
  /* What the text itself says: meeting, session, process, agenda item, date, kind of source. */
  pl_document_metadata_guess (text, metadata);

  uri = g_file_get_uri (file);

  return pl_project_add_document_full (project, info->title, text, uri, metadata, error);
}

PlDocument *
pl_importer_import_file (PlProject     *project,
                         GFile         *file,
                         char         **out_warning,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_auto(PlImportedText) info = { NULL, };
  g_autofree char *text = NULL;
  PlDocument *document;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = pl_importer_read (file, &info, cancellable, error);
  if (text == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  document = pl_import_add_document (project, file, text, &info, error);
  if (document != NULL && out_warning != NULL)
    *out_warning = g_steal_pointer (&info.warning);
  return document;
}
