/* pl-import-pdf.c — the text layer of a PDF as paragraphs, without running headers, footers
 * and page numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-importer"

#include "config.h"

#if HAVE_POPPLER

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <poppler.h>

#include "pl-error.h"
#include "pl-import-private.h"

/* A line that repeats at the top or bottom of at least this share of pages, and of at
 * least MIN_RUNNING_PAGES pages, is a running header or footer. */
#define RUNNING_SHARE 0.6
#define MIN_RUNNING_PAGES 3
/* How many lines at the top and at the bottom of a page may be headers or footers. */
#define EDGE_LINES 2
/* A gap between lines this many times the usual line pitch starts a new block. */
#define GAP_FACTOR 1.45
/* A line ending a sentence that is shorter than this share of the text width ends its
 * paragraph. */
#define SHORT_LINE_SHARE 0.7
/* Lines whose font sizes differ by more than this share are in different blocks. */
#define SIZE_CHANGE 0.15

typedef struct
{
  char     *text;        /* white space collapsed, trimmed */
  gboolean  blank_before; /* an empty line came before it */
  gboolean  has_box;
  double    x1, y1, x2, y2;
  double    size;        /* the median height of its characters: the font size */
  gboolean  removed;
} PdfLine;

typedef struct
{
  GPtrArray *lines;      /* PdfLine */
  double     left;       /* the text's left and right edges on the page */
  double     right;
} PdfPage;

static void
pdf_line_free (PdfLine *line)
{
  g_free (line->text);
  g_free (line);
}

static void
pdf_page_free (PdfPage *page)
{
  g_ptr_array_unref (page->lines);
  g_free (page);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Splits the page's text into lines with their boxes, from the layout rectangles that
 * poppler gives for each character of the text when it can. */
static PdfPage *
read_page (PopplerPage *poppler_page)
{
  g_autofree char *text = poppler_page_get_text (poppler_page);
  g_autofree PopplerRectangle *rects = NULL;
  guint n_rects = 0;
  gboolean have_rects;
  PdfPage *page = g_new0 (PdfPage, 1);
  g_autoptr(GString) current = g_string_new (NULL);
  g_autoptr(GArray) heights = g_array_new (FALSE, FALSE, sizeof (double));
  PdfLine box = { NULL, };
  gboolean blank_before = FALSE;
  guint index = 0;
  const char *p;

  page->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_line_free);
  page->left = G_MAXDOUBLE;
  page->right = -G_MAXDOUBLE;

  if (text == NULL)
    return page;

  have_rects = poppler_page_get_text_layout (poppler_page, &rects, &n_rects) &&
               n_rects == (guint) g_utf8_strlen (text, -1);

  for (p = text;; p = g_utf8_next_char (p), index++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\0')
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (current->str));

          if (*trimmed == '\0')
            blank_before = page->lines->len > 0;
          else
            {
              PdfLine *line = g_new0 (PdfLine, 1);

              *line = box;
              line->text = g_steal_pointer (&trimmed);
              if (heights->len > 0)
                {
                  g_array_sort (heights, compare_doubles);
                  line->size = g_array_index (heights, double, heights->len / 2);
                }
              line->blank_before = blank_before;
              g_ptr_array_add (page->lines, line);
              blank_before = FALSE;
              if (line->has_box)
                {
                  page->left = MIN (page->left, line->x1);
                  page->right = MAX (page->right, line->x2);
                }
            }

          g_string_truncate (current, 0);
          g_array_set_size (heights, 0);
          memset (&box, 0, sizeof box);
          if (c == '\0')
            break;
          continue;
        }

      g_string_append_unichar (current, c);

      if (have_rects && !g_unichar_isspace (c))
        {
          PopplerRectangle *r = &rects[index];
          double height = r->y2 - r->y1;

          g_array_append_val (heights, height);
          if (!box.has_box)
            {
              box.x1 = r->x1;
              box.y1 = r->y1;
              box.x2 = r->x2;
              box.y2 = r->y2;
              box.has_box = TRUE;
            }
          else
            {
              box.x1 = MIN (box.x1, r->x1);
              box.y1 = MIN (box.y1, r->y1);
              box.x2 = MAX (box.x2, r->x2);
              box.y2 = MAX (box.y2, r->y2);
            }
        }
    }

  /* Runs of spaces inside a line are one space. */
  for (guint i = 0; i < page->lines->len; i++)
    {
      PdfLine *line = g_ptr_array_index (page->lines, i);
      g_autoptr(GString) collapsed = g_string_new (NULL);

      pl_import_append_collapsed (collapsed, line->text);
      g_free (line->text);
      line->text = g_strstrip (g_string_free (g_steal_pointer (&collapsed), FALSE));
    }

  return page;
}

/* The line with digits as '#' and case folded, to recognise running headers. */
static char *
running_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isdigit (c))
        {
          /* "12" and "3" are both one number. */
          if (key->len == 0 || key->str[key->len - 1] != '#')
            g_string_append_c (key, '#');
        }
      else
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

static gboolean
is_roman_numeral (const char *text)
{
  if (*text == '\0' || strlen (text) > 6)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (strchr ("ivxlcIVXLC", *p) == NULL)
      return FALSE;

  return TRUE;
}

/* "12", "- 4 -", "Page 3", "Page 3 of 9", "3/9", "iv" (not "2021.": a sentence's end). */
static gboolean
is_page_number (const char *text)
{
  static GRegex *regex = NULL;

  if (is_roman_numeral (text))
    return TRUE;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled = g_regex_new ("^[\\s\\-–—]*(page|p\\.|pg\\.?)?\\s*\\d{1,5}"
                                      "(\\s*(of|/)\\s*\\d{1,5})?[\\s\\-–—]*$",
                                      G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }

  return g_regex_match (regex, text, 0, NULL);
}

/* The non-removed lines at the top and bottom of @page that may be headers or footers. */
static GPtrArray *
edge_lines (PdfPage *page)
{
  GPtrArray *edges = g_ptr_array_new ();
  guint n = page->lines->len;

  for (guint i = 0; i < n; i++)
    if (i < EDGE_LINES || i + EDGE_LINES >= n)
      g_ptr_array_add (edges, g_ptr_array_index (page->lines, i));

  return edges;
}

static void
remove_headers_and_footers (GPtrArray *pages)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint threshold = MAX (MIN_RUNNING_PAGES, (guint) ceil (RUNNING_SHARE * pages->len));

  /* On how many pages each key appears at an edge. */
  for (guint i = 0; i < pages->len; i++)
    {
      g_autoptr(GPtrArray) edges = edge_lines (g_ptr_array_index (pages, i));
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint k = 0; k < edges->len; k++)
        {
          PdfLine *line = g_ptr_array_index (edges, k);
          char *key = running_key (line->text);

          if (!g_hash_table_add (seen, key))
            continue;
          g_hash_table_insert (counts, g_strdup (key),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1));
        }
    }

  /* Lines that repeat are headers only when something else is left: a document whose
   * pages all say the same few lines (a form, a slide repeated) keeps them. */
  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean body_left = FALSE;

      for (guint i = 0; i < pages->len; i++)
        {
          PdfPage *page = g_ptr_array_index (pages, i);
          g_autoptr(GPtrArray) edges = edge_lines (page);

          for (guint k = 0; k < edges->len; k++)
            {
              PdfLine *line = g_ptr_array_index (edges, k);
              g_autofree char *key = running_key (line->text);
              guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

              if (is_page_number (line->text))
                line->removed = TRUE;
              else if (pass == 0 && pages->len >= MIN_RUNNING_PAGES && count >= threshold)
                line->removed = TRUE;
            }
          for (guint k = 0; k < page->lines->len && !body_left; k++)
            body_left = !((PdfLine *) g_ptr_array_index (page->lines, k))->removed;
        }

      if (body_left)
        break;
      for (guint i = 0; i < pages->len; i++)
        {
          PdfPage *page = g_ptr_array_index (pages, i);

          for (guint k = 0; k < page->lines->len; k++)
            ((PdfLine *) g_ptr_array_index (page->lines, k))->removed = FALSE;
        }
    }

  for (guint i = 0; i < pages->len; i++)
    {
      PdfPage *page = g_ptr_array_index (pages, i);

      for (guint k = page->lines->len; k > 0; k--)
        if (((PdfLine *) g_ptr_array_index (page->lines, k - 1))->removed)
          g_ptr_array_remove_index (page->lines, k - 1);
    }
}

static gboolean
is_closing_mark (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0xBB;
}

/* The last character of @text, skipping closing quotes and brackets, or 0. */
static gunichar
last_significant_char (const char *text)
{
  const char *end = text + strlen (text);

  while (end > text)
    {
      const char *prev = g_utf8_find_prev_char (text, end);
      gunichar c = g_utf8_get_char (prev);

      if (!is_closing_mark (c))
        return c;
      end = prev;
    }

  return 0;
}

static gboolean
ends_sentence (const char *text)
{
  gunichar c = last_significant_char (text);

  return c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2026;
}

static gboolean
starts_block (const char *text)
{
  gunichar c = g_utf8_get_char (text);

  return !g_unichar_islower (c);
}

/* Whether @text ends with a word broken by a hyphen: a letter, then a hyphen. */
static gboolean
ends_with_hyphenated_word (const char *text)
{
  gsize length = strlen (text);
  const char *last;
  const char *before;
  gunichar c;

  if (length < 2)
    return FALSE;

  last = g_utf8_find_prev_char (text, text + length);
  c = g_utf8_get_char (last);
  if (c != '-' && c != 0x2010 && c != 0xAD)
    return FALSE;

  before = g_utf8_find_prev_char (text, last);
  return before != NULL && g_unichar_isalpha (g_utf8_get_char (before));
}

/* Appends @line to the paragraph in @paragraph: a word hyphenated across the line end is
 * rejoined when the next line goes on in lower case; otherwise a space separates them. */
static void
join_line (GString    *paragraph,
           const char *line)
{
  if (paragraph->len == 0)
    {
      g_string_append (paragraph, line);
      return;
    }

  if (ends_with_hyphenated_word (paragraph->str) && g_unichar_islower (g_utf8_get_char (line)))
    {
      const char *last = g_utf8_find_prev_char (paragraph->str, paragraph->str + paragraph->len);

      g_string_truncate (paragraph, last - paragraph->str);
      g_string_append (paragraph, line);
      return;
    }

  g_string_append_c (paragraph, ' ');
  g_string_append (paragraph, line);
}

/* The usual distance from one line's top to the next one's on a page, over the document;
 * 0 when there are no boxes. */
static double
typical_pitch (GPtrArray *pages)
{
  g_autoptr(GArray) pitches = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < pages->len; i++)
    {
      PdfPage *page = g_ptr_array_index (pages, i);

      for (guint k = 1; k < page->lines->len; k++)
        {
          PdfLine *a = g_ptr_array_index (page->lines, k - 1);
          PdfLine *b = g_ptr_array_index (page->lines, k);
          double pitch = b->y1 - a->y1;

          if (a->has_box && b->has_box && pitch > 0)
            g_array_append_val (pitches, pitch);
        }
    }

  if (pitches->len == 0)
    return 0;

  g_array_sort (pitches, compare_doubles);
  return g_array_index (pitches, double, pitches->len / 2);
}

static gboolean
is_bullet (gunichar c)
{
  return c == 0x2022 || c == 0x25E6 || c == 0x25AA || c == 0x25CF || c == 0x2023 ||
         c == 0x2043 || c == 0xB7 || c == 0xF0B7;
}

/* A list item: a bullet, then white space or nothing. */
static gboolean
starts_list_item (const char *text)
{
  const char *next = g_utf8_next_char (text);

  return is_bullet (g_utf8_get_char (text)) && (*next == '\0' || *next == ' ');
}

/* Bullets alone ("•", "• • •"): poppler gives them apart from their items' text when
 * they stand in a column of their own. */
static gboolean
is_bullets_only (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (*p != ' ' && !is_bullet (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Drops lines of bullets alone; the line after one starts a block. */
static void
drop_bullet_lines (GPtrArray *pages)
{
  for (guint i = 0; i < pages->len; i++)
    {
      PdfPage *page = g_ptr_array_index (pages, i);

      for (guint k = page->lines->len; k > 0; k--)
        {
          PdfLine *line = g_ptr_array_index (page->lines, k - 1);

          if (!is_bullets_only (line->text))
            continue;
          if (k < page->lines->len)
            ((PdfLine *) g_ptr_array_index (page->lines, k))->blank_before = TRUE;
          g_ptr_array_remove_index (page->lines, k - 1);
        }
    }
}

/* Whether @a and @b are in different font sizes, as a heading and body text are. */
static gboolean
changes_size (PdfLine *a,
              PdfLine *b)
{
  return a->size > 0 && b->size > 0 &&
         fabs (a->size - b->size) > MAX (a->size, b->size) * SIZE_CHANGE;
}

/* Whether @b starts a new paragraph after @a on the same page. */
static gboolean
breaks_between (PdfPage *page,
                PdfLine *a,
                PdfLine *b,
                double   pitch)
{
  gboolean sentence_end = ends_sentence (a->text);
  double height;

  if (b->blank_before)
    return TRUE;

  if (!a->has_box || !b->has_box)
    return FALSE;

  height = MAX (a->y2 - a->y1, 1.0);

  if (changes_size (a, b))
    return TRUE;

  /* Back up the page: another column or flow. */
  if (b->y1 < a->y1 - height / 2)
    return sentence_end && starts_block (b->text);

  /* A larger gap than between the lines of a paragraph. */
  if (pitch > 0 && b->y1 - a->y1 > pitch * GAP_FACTOR)
    return TRUE;

  if (!sentence_end || !starts_block (b->text))
    return FALSE;

  /* A first-line indent. */
  if (b->x1 > a->x1 + height)
    return TRUE;

  /* A short last line. */
  return page->right > page->left &&
         a->x2 < page->left + (page->right - page->left) * SHORT_LINE_SHARE;
}

static char *
join_paragraphs (GPtrArray *pages)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  double pitch = typical_pitch (pages);
  PdfLine *previous = NULL;

  for (guint i = 0; i < pages->len; i++)
    {
      PdfPage *page = g_ptr_array_index (pages, i);

      for (guint k = 0; k < page->lines->len; k++)
        {
          PdfLine *line = g_ptr_array_index (page->lines, k);
          gboolean new_paragraph;

          if (previous == NULL)
            new_paragraph = FALSE;
          else if (starts_list_item (line->text))
            new_paragraph = TRUE;
          else if (k == 0)
            /* Across a page break a paragraph goes on unless its sentence ended (or the
             * font changed: a heading). */
            new_paragraph = (ends_sentence (previous->text) && starts_block (line->text)) ||
                            changes_size (previous, line);
          else
            new_paragraph = breaks_between (page, previous, line, pitch);

          if (new_paragraph)
            {
              pl_import_append_block (out, paragraph->str);
              g_string_truncate (paragraph, 0);
            }

          join_line (paragraph, line->text);
          previous = line;
        }
    }

  pl_import_append_block (out, paragraph->str);
  if (out->len > 0)
    g_string_append_c (out, '\n');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
has_text (GPtrArray *pages)
{
  for (guint i = 0; i < pages->len; i++)
    if (((PdfPage *) g_ptr_array_index (pages, i))->lines->len > 0)
      return TRUE;

  return FALSE;
}

static void
set_scan_error (GError     **error,
                const char  *display_name)
{
  g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
               _("“%s” has no text layer (it looks like a scan). Run it through OCR first, "
                 "then import the result."), display_name);
}

/* The lines of every page of @document, or NULL. */
static GPtrArray *
read_pages (PopplerDocument  *document,
            const char       *display_name,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autoptr(GPtrArray) pages = NULL;
  int n_pages = poppler_document_get_n_pages (document);

  if (n_pages <= 0)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is damaged: the PDF has no pages."), display_name);
      return NULL;
    }

  pages = g_ptr_array_new_with_free_func ((GDestroyNotify) pdf_page_free);
  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      page = poppler_document_get_page (document, i);
      if (page == NULL)
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s” is damaged: page %d of the PDF cannot be read."),
                       display_name, i + 1);
          return NULL;
        }

      g_ptr_array_add (pages, read_page (page));
      g_object_unref (page);
    }

  return g_steal_pointer (&pages);
}

char *
pl_import_pdf (const guint8     *data,
               gsize             length,
               const char       *display_name,
               PlImportedText   *out,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autofree char *title = NULL;
  PopplerDocument *document;
  GDateTime *created;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (out != NULL, NULL);

  bytes = g_bytes_new_static (data, length);
  document = poppler_document_new_from_bytes (bytes, NULL, &local_error);
  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                     _("“%s” is protected with a password. Open it in a PDF viewer, save "
                       "a copy without the password, then import the copy."), display_name);
      else
        g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                     _("“%s” is damaged: the PDF cannot be read (%s)."),
                     display_name, local_error->message);
      return NULL;
    }

  pages = read_pages (document, display_name, cancellable, error);
  if (pages == NULL)
    {
      g_object_unref (document);
      return NULL;
    }

  title = poppler_document_get_title (document);
  created = poppler_document_get_creation_date_time (document);
  g_object_unref (document);

  if (!has_text (pages))
    {
      g_clear_pointer (&created, g_date_time_unref);
      set_scan_error (error, display_name);
      return NULL;
    }

  remove_headers_and_footers (pages);
  drop_bullet_lines (pages);
  if (!has_text (pages))
    {
      g_clear_pointer (&created, g_date_time_unref);
      set_scan_error (error, display_name);
      return NULL;
    }

  out->title = pl_import_sensible_title (title);
  if (created != NULL)
    {
      out->date = g_date_time_format (created, "%Y-%m-%d");
      g_date_time_unref (created);
    }

  return join_paragraphs (pages);
}

#endif /* HAVE_POPPLER */
