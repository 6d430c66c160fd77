/* pl-refi-positions.c — the texts of REFI-QDA sources, and their selections' positions
 *
 * Tools count positions differently: NVivo in UTF-16 units with a CRLF as two and no byte
 * order mark, ATLAS.ti in code points with a line break as one.  For each source the
 * importer resolves every selection under each counting the text makes distinguishable
 * (code points, UTF-16 units, UTF-8 bytes; a CRLF as one or two; a byte order mark counted
 * or not) and scores it: a position that falls inside a character or past the end costs
 * much, a selection whose quoted name (ATLAS.ti writes the quotation's text) matches earns
 * much, each end on a word boundary earns a little.  The best counting wins; on a tie, the
 * one the origin tool is known to use.  A selection whose quoted name still does not match
 * is moved to the nearest place where that text is, when there is one close by.  Positions
 * are then mapped to the normalised text (CRLF → LF, NFC).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pl-refi-private.h"
#include "pl-text-decoder.h"
#include "pl-text.h"

/* How far (in characters) a selection is moved at most to its quoted text. */
#define QUOTE_WINDOW 200

typedef enum
{
  UNIT_CODE_POINTS,
  UNIT_UTF16,
  UNIT_BYTES,
} Unit;

typedef struct
{
  Unit     unit;
  gboolean crlf_as_one;
  gboolean bom_counted;
} Counting;


/* Texts */

static const char *
path_basename (const char *path)
{
  const char *slash = strrchr (path, '/');
  const char *backslash = strrchr (path, '\\');

  if (backslash != NULL && (slash == NULL || backslash > slash))
    slash = backslash;
  return slash != NULL ? slash + 1 : path;
}

/* The bytes of a source's plainTextPath: internal://X is sources/X; other forms are
 * looked for by their file name. */
static GBytes *
load_path (PlRefiFile  *refi,
           const char  *path)
{
  const char *name = path;
  g_autofree char *in_sources = NULL;

  if (g_str_has_prefix (path, "internal://"))
    name = path + strlen ("internal://");
  name = path_basename (name);
  if (*name == '\0')
    return NULL;

  in_sources = g_strconcat ("sources/", name, NULL);

  if (refi->entries != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;
      GBytes *bytes = pl_refi_zip_lookup (refi->entries, in_sources);

      if (bytes == NULL)
        bytes = pl_refi_zip_lookup (refi->entries, name);
      if (bytes != NULL)
        return pl_refi_entry_bytes (refi, bytes);

      g_hash_table_iter_init (&iter, refi->entries);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_ascii_strcasecmp (path_basename (key), name) == 0)
          return pl_refi_entry_bytes (refi, value);
      return NULL;
    }

  if (refi->folder != NULL)
    {
      const char *candidates[] = { "sources", "Sources", "." };

      for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
        {
          g_autoptr(GFile) dir = g_file_get_child (refi->folder, candidates[i]);
          g_autoptr(GFile) file = g_file_get_child (dir, name);
          GBytes *bytes = g_file_load_bytes (file, NULL, NULL, NULL);

          if (bytes != NULL)
            return bytes;
        }
    }

  return NULL;
}

/* Raw text: the bytes as UTF-8 (a byte order mark removed and remembered); text in
 * another encoding is decoded and normalised, and its positions taken as they are. */
static char *
decode_text (GBytes     *bytes,
             const char *name,
             gboolean   *out_bom)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  *out_bom = FALSE;
  if (size == 0)
    return g_strdup ("");
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
      *out_bom = TRUE;
    }

  if (g_utf8_validate (data, size, NULL) && memchr (data, '\0', size) == NULL)
    return g_strndup (data, size);

  return pl_text_decode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), name, NULL,
                         NULL, NULL);
}


/* Position mapping */

typedef struct
{
  gunichar *chars;     /* the raw text */
  glong     n;
  guint    *norm_of;   /* raw index → offset in the normalised text, n + 1 entries */
  guint8   *changed;   /* raw index → whether NFC changes the piece it lies in */
  GHashTable *pieces;  /* pieces of text seen (UTF-8) → whether NFC changes them + 1 */
  gboolean  has_crlf;
  gboolean  has_non_bmp;
  gboolean  has_non_ascii;
  gboolean  had_bom;
} RawText;

static guint
unit_length (const RawText  *raw,
             const Counting *counting,
             glong           i)
{
  gunichar c = raw->chars[i];

  if (counting->crlf_as_one && c == '\r' && i + 1 < raw->n && raw->chars[i + 1] == '\n')
    return 0;

  switch (counting->unit)
    {
    case UNIT_UTF16:
      return c > 0xFFFF ? 2 : 1;
    case UNIT_BYTES:
      return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    case UNIT_CODE_POINTS:
    default:
      return 1;
    }
}

static gint
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Raw indexes of @positions (sorted, unique) under @counting; -1 where a position falls
 * inside a character or outside the text. */
static void
resolve_positions (const RawText  *raw,
                   const Counting *counting,
                   const GArray   *positions,
                   glong          *indexes)
{
  gint64 position = 0;
  glong i = 0;

  /* Where every character counts one, a position is its index. */
  if (counting->unit == UNIT_CODE_POINTS && !(counting->crlf_as_one && raw->has_crlf) &&
      !(counting->bom_counted && raw->had_bom))
    {
      for (guint p = 0; p < positions->len; p++)
        {
          gint64 wanted = g_array_index (positions, gint64, p);

          indexes[p] = wanted <= raw->n ? (glong) wanted : -1;
        }
      return;
    }

  if (counting->bom_counted && raw->had_bom)
    position = counting->unit == UNIT_BYTES ? 3 : 1;

  for (guint p = 0; p < positions->len; p++)
    {
      gint64 wanted = g_array_index (positions, gint64, p);

      while (position < wanted && i < raw->n)
        position += unit_length (raw, counting, i++);

      indexes[p] = position == wanted ? i : -1;
    }
}

static gboolean
is_word (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_boundary (const RawText *raw,
             glong          i)
{
  return i <= 0 || i >= raw->n || !(is_word (raw->chars[i - 1]) && is_word (raw->chars[i]));
}

static gboolean
is_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  return g_unichar_isspace (c);
}

/* Whether NFC changes the piece of text @piece (@length bytes: a character and the
 * non-ASCII ones after it, see compute_norm_of()), each piece normalised once per text:
 * texts repeat their accented words and their punctuation. */
static gboolean
piece_changes (RawText    *raw,
               const char *piece,
               gsize       length)
{
  g_autofree char *key = g_strndup (piece, length);
  gpointer known = g_hash_table_lookup (raw->pieces, key);
  g_autofree char *nfc = NULL;
  gboolean changes;

  if (known != NULL)
    return GPOINTER_TO_INT (known) - 1;

  nfc = g_utf8_normalize (key, -1, G_NORMALIZE_NFC);
  changes = nfc == NULL || strcmp (nfc, key) != 0;
  g_hash_table_insert (raw->pieces, g_steal_pointer (&key), GINT_TO_POINTER (changes + 1));
  return changes;
}

/* Whether pl_text_normalize() would change @text beyond its line ends: a byte order mark
 * at its start, or a piece that NFC changes (across an ASCII character, NFC neither
 * composes nor reorders). */
static gboolean
normalizing_changes (RawText    *raw,
                     const char *text)
{
  const char *p = text;

  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    return TRUE;
  while (*p != '\0')
    {
      const char *start = p;

      p = g_utf8_next_char (p);
      while ((guchar) *p >= 0x80)
        p = g_utf8_next_char (p);
      if ((p - start > 1 || (guchar) *start >= 0x80) && piece_changes (raw, start, p - start))
        return TRUE;
    }
  return FALSE;
}

/* Text compared as people read it: line ends as LF, NFC, runs of white space as one
 * space, trimmed.  (Line ends are white space either way.) */
static char *
comparable (RawText    *raw,
            const char *text)
{
  g_autofree char *normal = normalizing_changes (raw, text) ? pl_text_normalize (text, -1)
                                                            : NULL;
  const char *from = normal != NULL ? normal : text;
  char *out = g_malloc (strlen (from) + 1);
  gsize length = 0;
  gboolean space = FALSE;

  for (const char *p = from; *p != '\0'; )
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);

      if (is_space (c))
        space = length > 0;
      else
        {
          if (space)
            out[length++] = ' ';
          space = FALSE;
          memcpy (out + length, p, next - p);
          length += next - p;
        }
      p = next;
    }
  out[length] = '\0';

  return out;
}

/* The selection's name as a quote: its comparable text and whether it was cut ("…"), or
 * NULL when the name cannot be a quote (empty, or shorter than three characters). */
static char *
quote_of (RawText    *raw,
          const char *name,
          gboolean   *out_cut)
{
  g_autofree char *text = NULL;
  char *quote;

  *out_cut = FALSE;
  if (name == NULL)
    return NULL;

  text = g_strdup (name);
  if (g_str_has_suffix (text, "…"))
    {
      text[strlen (text) - strlen ("…")] = '\0';
      *out_cut = TRUE;
    }
  else if (g_str_has_suffix (text, "..."))
    {
      text[strlen (text) - 3] = '\0';
      *out_cut = TRUE;
    }

  quote = comparable (raw, text);
  if (g_utf8_strlen (quote, -1) < 3)
    {
      g_free (quote);
      return NULL;
    }
  return quote;
}

static char *
raw_slice (const RawText *raw,
           glong          start,
           glong          end)
{
  return g_ucs4_to_utf8 (raw->chars + start, end - start, NULL, NULL, NULL);
}

static gboolean
quote_matches (RawText    *raw,
               const char *quote,
               gboolean    cut,
               const char *text)
{
  g_autofree char *seen = comparable (raw, text);

  return cut ? g_str_has_prefix (seen, quote) : strcmp (seen, quote) == 0;
}

/* Raw index → normalised offset: CRLF → LF (a CR before an LF disappears, mapped where
 * its LF is), then NFC.  Text is cut before every ASCII character, across which NFC never
 * composes or reorders; a piece that NFC changes maps its inside by the length of its
 * normalised beginning, and its characters are marked as changed. */
static void
compute_norm_of (RawText *raw)
{
  g_autoptr(GArray) piece = g_array_new (FALSE, FALSE, sizeof (gunichar));
  glong i = 0;
  guint out = 0;

  raw->norm_of = g_new0 (guint, raw->n + 1);
  raw->changed = g_new0 (guint8, raw->n + 1);

  while (i < raw->n)
    {
      glong dropped = -1;
      glong start;
      glong length;
      gunichar first;

      if (raw->chars[i] == '\r' && i + 1 < raw->n && raw->chars[i + 1] == '\n')
        dropped = i++;
      start = i;
      first = raw->chars[i] == '\r' ? '\n' : raw->chars[i];
      i++;

      if (first < 0x80 && (i == raw->n || raw->chars[i] < 0x80))
        /* An ASCII character alone: NFC leaves it. */
        raw->norm_of[start] = out++;
      else
        {
          g_autofree char *utf8 = NULL;
          g_autofree char *nfc = NULL;
          const gunichar *chars;
          gboolean changes;

          g_array_set_size (piece, 0);
          g_array_append_val (piece, first);
          while (i < raw->n && raw->chars[i] >= 0x80)
            g_array_append_val (piece, raw->chars[i++]);
          chars = (const gunichar *) piece->data;
          length = (glong) piece->len;

          utf8 = g_ucs4_to_utf8 (chars, length, NULL, NULL, NULL);
          changes = utf8 == NULL || piece_changes (raw, utf8, strlen (utf8));
          if (changes && utf8 != NULL)
            nfc = g_utf8_normalize (utf8, -1, G_NORMALIZE_NFC);
          if (changes && nfc == NULL)
            memset (raw->changed + start, 1, length);

          if (!changes || nfc == NULL)
            {
              for (glong k = 0; k < length; k++)
                raw->norm_of[start + k] = out + (guint) k;
              out += (guint) length;
            }
          else
            {
              guint nfc_length = (guint) g_utf8_strlen (nfc, -1);

              memset (raw->changed + start, 1, length);
              raw->norm_of[start] = out;
              for (glong k = 1; k < length; k++)
                {
                  g_autofree char *head = g_ucs4_to_utf8 (chars, k, NULL, NULL, NULL);
                  g_autofree char *head_nfc = g_utf8_normalize (head, -1, G_NORMALIZE_NFC);

                  raw->norm_of[start + k] = out + MIN ((guint) g_utf8_strlen (head_nfc, -1),
                                                       nfc_length);
                }
              out += nfc_length;
            }
        }

      if (dropped >= 0)
        {
          raw->norm_of[dropped] = raw->norm_of[start];
          raw->changed[dropped] = raw->changed[start];
        }
    }
  raw->norm_of[raw->n] = out;
}

static void
raw_text_clear (RawText *raw)
{
  g_clear_pointer (&raw->chars, g_free);
  g_clear_pointer (&raw->norm_of, g_free);
  g_clear_pointer (&raw->changed, g_free);
  g_clear_pointer (&raw->pieces, g_hash_table_unref);
}

/* Only ASCII white space, as g_strstrip() strips it. */
static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static const char *
counting_description (const Counting *counting)
{
  switch (counting->unit)
    {
    case UNIT_UTF16:
      return counting->crlf_as_one ? _("UTF-16 units, a line break as one")
                                   : _("UTF-16 units, a CRLF line break as two");
    case UNIT_BYTES:
      return counting->crlf_as_one ? _("bytes, a line break as one")
                                   : _("bytes, a CRLF line break as two");
    case UNIT_CODE_POINTS:
    default:
      return counting->crlf_as_one ? _("characters, a line break as one")
                                   : _("characters, a CRLF line break as two");
    }
}

static gboolean
same_counting (const RawText  *raw,
               const Counting *a,
               const Counting *b)
{
  return a->unit == b->unit &&
         (!raw->has_crlf || a->crlf_as_one == b->crlf_as_one) &&
         (!raw->had_bom || a->bom_counted == b->bom_counted);
}

/* The countings worth trying for @raw (those the text can tell apart), the origin tool's
 * first. */
static GArray *
candidate_countings (const RawText *raw,
                     const char    *origin)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Counting));
  Counting preferred = { UNIT_CODE_POINTS, FALSE, FALSE };

  if (origin != NULL && g_str_has_prefix (origin, "NVivo"))
    preferred.unit = UNIT_UTF16;
  else if (origin != NULL && (g_str_has_prefix (origin, "ATLAS.ti") ||
                              g_str_has_prefix (origin, "Plenary")))
    preferred.crlf_as_one = TRUE;
  g_array_append_val (candidates, preferred);

  for (guint unit = UNIT_CODE_POINTS; unit <= UNIT_BYTES; unit++)
    for (guint crlf = 0; crlf < 2; crlf++)
      for (guint bom = 0; bom < 2; bom++)
        {
          Counting counting = { unit, crlf, bom };

          if ((unit == UNIT_UTF16 && !raw->has_non_bmp) ||
              (unit == UNIT_BYTES && !raw->has_non_ascii) ||
              (crlf && !raw->has_crlf) || (bom && !raw->had_bom) ||
              same_counting (raw, &counting, &preferred))
            continue;
          g_array_append_val (candidates, counting);
        }

  return candidates;
}

/* Byte offsets of every CHECKPOINT-th code point of a text, so that an offset becomes a
 * pointer without walking the text from its start. */
#define CHECKPOINT 256

typedef struct
{
  const char *text;
  const char *end;
  GArray     *marks;   /* gsize */
} TextIndex;

static void
text_index_clear (TextIndex *index)
{
  g_clear_pointer (&index->marks, g_array_unref);
}

/* The pointer to code point @offset of the text (its end when @offset lies beyond). */
static const char *
text_index_pointer (TextIndex *index,
                    guint      offset)
{
  const char *p;
  guint k;

  if (index->marks == NULL)
    {
      guint n = 0;

      index->end = index->text + strlen (index->text);
      index->marks = g_array_new (FALSE, FALSE, sizeof (gsize));
      for (p = index->text; p < index->end; p = g_utf8_next_char (p), n++)
        if (n % CHECKPOINT == 0)
          {
            gsize mark = (gsize) (p - index->text);

            g_array_append_val (index->marks, mark);
          }
      if (index->marks->len == 0)
        {
          gsize mark = 0;

          g_array_append_val (index->marks, mark);
        }
    }

  k = MIN (offset / CHECKPOINT, index->marks->len - 1);
  p = index->text + g_array_index (index->marks, gsize, k);
  for (guint i = k * CHECKPOINT; i < offset && p < index->end; i++)
    p = g_utf8_next_char (p);
  return p;
}

/* Finds @original (a selection's name) in the normalised text nearest to @near, at most
 * QUOTE_WINDOW characters away; its offsets in @out_start and @out_end. */
static gboolean
find_quote_near (TextIndex  *index,
                 const char *original,
                 guint       near,
                 guint      *out_start,
                 guint      *out_end)
{
  g_autofree char *needle = pl_text_normalize (original, -1);
  glong needle_length = g_utf8_strlen (needle, -1);
  guint from_offset = near > QUOTE_WINDOW ? near - QUOTE_WINDOW : 0;
  const char *from;
  const char *limit;
  gboolean found = FALSE;
  guint best = 0;

  if (needle_length < 3)
    return FALSE;

  /* A hit that starts within the window ends before @limit. */
  from = text_index_pointer (index, from_offset);
  limit = text_index_pointer (index, near + QUOTE_WINDOW + (guint) needle_length);
  for (const char *hit = g_strstr_len (from, limit - from, needle); hit != NULL;
       hit = g_strstr_len (hit + 1, limit - hit - 1, needle))
    {
      guint offset = from_offset + (guint) g_utf8_pointer_to_offset (from, hit);

      if (offset > near + QUOTE_WINDOW)
        break;
      if (!found || ABS ((gint64) offset - (gint64) near) < ABS ((gint64) best - (gint64) near))
        best = offset;
      found = TRUE;
    }

  if (found)
    {
      *out_start = best;
      *out_end = best + (guint) needle_length;
    }
  return found;
}

/* Whether @selection has positions of its own to map. */
static gboolean
is_positional (const RefiSelection *selection)
{
  return !selection->whole && selection->start >= 0 && selection->end > selection->start;
}

/* The raw indexes of @selection's ends, looked up in @indexes by their place in the sorted
 * @positions; FALSE when they make no range. */
static gboolean
selection_range (const RefiSelection *selection,
                 const GArray        *positions,
                 const glong         *indexes,
                 glong               *out_start,
                 glong               *out_end)
{
  const gint64 *first = (const gint64 *) positions->data;
  const gint64 *found;

  found = bsearch (&selection->start, first, positions->len, sizeof (gint64), compare_gint64);
  *out_start = indexes[found - first];
  found = bsearch (&selection->end, first, positions->len, sizeof (gint64), compare_gint64);
  *out_end = indexes[found - first];

  return *out_start >= 0 && *out_end >= 0 && *out_end > *out_start;
}

/* The quote in the name of a selection that codes something, or NULL. */
static char *
selection_quote (RawText             *raw,
                 const RefiSelection *selection,
                 gboolean            *out_cut)
{
  *out_cut = FALSE;
  return selection->codings->len > 0 ? quote_of (raw, selection->name, out_cut) : NULL;
}

/* quote_matches() of the raw text from @start to @end, read in place: 1 or 0, or -1 when
 * that cannot be told without normalising a copy.  It can when both ends lie before an
 * ASCII character or at an end of the text (NFC neither composes nor reorders across such
 * a place) and no character between lies in a piece that NFC changes: the slice is then
 * its own normal form, but for line ends, which count as white space either way. */
static int
quote_matches_in_place (const RawText *raw,
                        const char    *quote,
                        gboolean       cut,
                        glong          start,
                        glong          end)
{
  const char *q = quote;
  gboolean space = FALSE;
  gboolean seen = FALSE;

  /* The normalisation would also drop a byte order mark at the start, and the copy would
   * end at a NUL. */
  if (!(start == 0 ? raw->chars[0] != 0xFEFF : raw->chars[start] < 0x80) ||
      !(end == raw->n || raw->chars[end] < 0x80))
    return -1;

  for (glong i = start; i < end; i++)
    {
      gunichar c = raw->chars[i];

      if (raw->changed[i] || c == 0)
        return -1;
      if (is_space (c))
        {
          space = seen;
          continue;
        }

      if (space)
        {
          if (*q == '\0')
            return cut;
          if (*q != ' ')
            return 0;
          q++;
          space = FALSE;
        }
      if (*q == '\0')
        return cut;
      if ((guchar) *q < 0x80 ? (gunichar) *q != c : g_utf8_get_char (q) != c)
        return 0;
      q = g_utf8_next_char (q);
      seen = TRUE;
    }

  return *q == '\0';
}

static gboolean
quote_matches_raw (RawText       *raw,
                   const char    *quote,
                   gboolean       cut,
                   glong          start,
                   glong          end)
{
  g_autofree char *text = NULL;
  int in_place = quote_matches_in_place (raw, quote, cut, start, end);

  if (in_place >= 0)
    return in_place;

  text = raw_slice (raw, start, end);
  return quote_matches (raw, quote, cut, text);
}

/* What map_positions() knows of each selection of a source, by its index. */
typedef struct
{
  char     **quotes;     /* selection_quote() */
  gboolean  *cuts;
  guint8    *matches;    /* under the counting being scored: the quote matches */
} Quotes;

static void
quotes_init (Quotes     *quotes,
             RawText    *raw,
             RefiSource *source)
{
  guint n = source->selections->len;

  quotes->quotes = g_new0 (char *, n);
  quotes->cuts = g_new0 (gboolean, n);
  quotes->matches = g_new0 (guint8, n);
  for (guint s = 0; s < n; s++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, s);

      if (is_positional (selection))
        quotes->quotes[s] = selection_quote (raw, selection, &quotes->cuts[s]);
    }
}

static void
quotes_clear (Quotes *quotes,
              guint   n)
{
  for (guint s = 0; s < n; s++)
    g_free (quotes->quotes[s]);
  g_clear_pointer (&quotes->quotes, g_free);
  g_clear_pointer (&quotes->cuts, g_free);
  g_clear_pointer (&quotes->matches, g_free);
}

/* How well the raw indexes of @positions under one counting fit the selections of
 * @source: a position inside a character or past the end costs much, a quoted name that
 * matches earns much, an end on a word boundary earns a little.  Which quotes match goes
 * into @quotes->matches. */
static gint64
score_counting (RawText       *raw,
                RefiSource    *source,
                Quotes        *quotes,
                const GArray  *positions,
                const glong   *indexes)
{
  gint64 score = 0;

  for (guint s = 0; s < source->selections->len; s++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, s);
      glong start, end;

      quotes->matches[s] = FALSE;
      if (!is_positional (selection))
        continue;

      if (!selection_range (selection, positions, indexes, &start, &end))
        {
          score -= 20;
          continue;
        }

      score += is_boundary (raw, start) + is_boundary (raw, end);

      if (quotes->quotes[s] != NULL &&
          quote_matches_raw (raw, quotes->quotes[s], quotes->cuts[s], start, end))
        {
          quotes->matches[s] = TRUE;
          score += 10;
        }
    }

  return score;
}

/* @raw_utf8 (without its byte order mark, @had_bom) as a RawText, its mapping to the
 * normalised text computed. */
static void
raw_text_init (RawText    *raw,
               const char *raw_utf8,
               gboolean    had_bom)
{
  raw->chars = g_utf8_to_ucs4_fast (raw_utf8, -1, &raw->n);
  raw->had_bom = had_bom;
  raw->pieces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (glong i = 0; i < raw->n; i++)
    {
      gunichar c = raw->chars[i];

      raw->has_non_ascii |= c >= 0x80;
      raw->has_non_bmp |= c > 0xFFFF;
      raw->has_crlf |= c == '\r' && i + 1 < raw->n && raw->chars[i + 1] == '\n';
    }
  compute_norm_of (raw);
}

/* pl_text_normalize() of @raw_utf8; its line ends made LF alone when the mapping found
 * that NFC changes nothing. */
static char *
normalize_text (const RawText *raw,
                const char    *raw_utf8)
{
  char *text;
  char *out;

  if (raw->n > 0 && raw->chars[0] == 0xFEFF)
    return pl_text_normalize (raw_utf8, -1);
  for (glong i = 0; i < raw->n; i++)
    if (raw->changed[i])
      return pl_text_normalize (raw_utf8, -1);

  out = text = g_malloc (strlen (raw_utf8) + 1);
  for (const char *p = raw_utf8; *p != '\0'; p++)
    {
      if (*p != '\r')
        *out++ = *p;
      else
        {
          *out++ = '\n';
          if (p[1] == '\n')
            p++;
        }
    }
  *out = '\0';
  return text;
}

static void
map_positions (PlRefiFile *refi,
               RefiSource *source,
               RawText    *raw)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) candidates = NULL;
  g_autofree glong *indexes = NULL;
  g_autofree glong *best_indexes = NULL;
  g_autofree guint8 *best_matches = NULL;
  Quotes quotes = { 0 };
  TextIndex index = { source->text };
  gint64 best_score = G_MININT64;
  gint64 highest = 0;
  guint best = 0;
  guint n_positional = 0;
  guint n_quote_ok = 0;
  guint n_moved = 0;
  guint n_boundaries = 0;
  guint n_selections = source->selections->len;
  guint length;

  length = raw->norm_of[raw->n];

  for (guint s = 0; s < n_selections; s++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, s);

      if (selection->whole)
        {
          selection->norm_start = 0;
          selection->norm_end = length;
          selection->mapped = length > 0;
          continue;
        }
      if (!is_positional (selection))
        continue;
      g_array_append_val (positions, selection->start);
      g_array_append_val (positions, selection->end);
      n_positional++;
    }

  if (n_positional == 0)
    return;

  g_array_sort (positions, compare_gint64);
  {
    guint kept = 1;

    for (guint i = 1; i < positions->len; i++)
      if (g_array_index (positions, gint64, i) != g_array_index (positions, gint64, kept - 1))
        g_array_index (positions, gint64, kept++) = g_array_index (positions, gint64, i);
    g_array_set_size (positions, kept);
  }

  quotes_init (&quotes, raw, source);
  candidates = candidate_countings (raw, refi->origin);
  indexes = g_new (glong, positions->len);
  best_indexes = g_new (glong, positions->len);
  best_matches = g_new0 (guint8, n_selections);

  /* The most a counting can score: both ends on word boundaries and the quote matching,
   * for every selection.  Once one scores that, none after it can score more. */
  for (guint s = 0; s < n_selections; s++)
    if (is_positional (g_ptr_array_index (source->selections, s)))
      highest += 2 + (quotes.quotes[s] != NULL ? 10 : 0);

  for (guint c = 0; c < candidates->len && best_score < highest; c++)
    {
      const Counting *counting = &g_array_index (candidates, Counting, c);
      gint64 score;

      resolve_positions (raw, counting, positions, indexes);
      score = score_counting (raw, source, &quotes, positions, indexes);

      if (score > best_score)
        {
          best_score = score;
          best = c;
          memcpy (best_indexes, indexes, positions->len * sizeof (glong));
          memcpy (best_matches, quotes.matches, n_selections);
        }
    }

  /* Map with the best counting, checking each selection against its quote. */
  for (guint s = 0; s < n_selections; s++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, s);
      const char *quote = quotes.quotes[s];
      gboolean cut = quotes.cuts[s];
      glong start, end;

      if (!is_positional (selection))
        continue;

      /* Positions that make no sense here: the quoted text, if it is close by. */
      if (!selection_range (selection, positions, best_indexes, &start, &end))
        {
          if (quote != NULL && !cut &&
              find_quote_near (&index, selection->name,
                               (guint) MIN (selection->start, (gint64) length),
                               &selection->norm_start, &selection->norm_end))
            {
              selection->mapped = TRUE;
              n_moved++;
            }
          continue;
        }

      selection->norm_start = raw->norm_of[start];
      selection->norm_end = raw->norm_of[end];
      selection->mapped = selection->norm_start < selection->norm_end;
      n_boundaries += is_boundary (raw, start) + is_boundary (raw, end);

      /* A name that matches neither here nor close by is a label ("Quotation 3:1",
       * "line:6"), not a quote. */
      if (quote == NULL)
        continue;
      if (best_matches[s])
        n_quote_ok++;
      else if (!cut && find_quote_near (&index, selection->name, selection->norm_start,
                                        &selection->norm_start, &selection->norm_end))
        n_moved++;
    }

  if (n_quote_ok + n_moved > 0)
    {
      if (n_moved > 0 || !refi->ours)
        pl_refi_warn (refi, _("“%s”: positions read as %s; %u codings matched the text quoted in "
                           "the file, %u more were moved to their quoted text nearby."),
                   source->name, counting_description (&g_array_index (candidates, Counting, best)),
                   n_quote_ok, n_moved);
    }
  else if (!refi->ours)
    pl_refi_warn (refi, _("“%s”: positions read as %s; %u of %u selection ends lie on word "
                       "boundaries."),
               source->name, counting_description (&g_array_index (candidates, Counting, best)),
               n_boundaries, 2 * n_positional);

  quotes_clear (&quotes, n_selections);
  text_index_clear (&index);
}

void
pl_refi_load_source_text (PlRefiFile *refi,
                          RefiSource *source)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *raw = NULL;
  RawText raw_text = { 0 };
  gboolean had_bom = FALSE;

  if (source->inline_text != NULL)
    raw = g_strdup (source->inline_text);
  else if (source->path != NULL && (bytes = load_path (refi, source->path)) != NULL)
    raw = decode_text (bytes, source->name != NULL ? source->name : source->path, &had_bom);

  if (source->name == NULL)
    {
      const char *base = source->path != NULL ? path_basename (source->path) : NULL;
      const char *dot = base != NULL ? strrchr (base, '.') : NULL;

      source->name = base != NULL && *base != '\0'
        ? g_strndup (base, dot != NULL && dot > base ? (gsize) (dot - base) : strlen (base))
        : g_strdup (_("Untitled"));
    }

  if (raw == NULL)
    {
      g_ptr_array_add (refi->missing_texts, g_strdup (source->name));
      return;
    }

  raw_text_init (&raw_text, raw, had_bom);
  source->text = normalize_text (&raw_text, raw);
  if (is_blank (source->text))
    {
      g_clear_pointer (&source->text, g_free);
      refi->n_empty_sources++;
    }
  else
    map_positions (refi, source, &raw_text);
  raw_text_clear (&raw_text);
}

void
pl_refi_load_note_text (PlRefiFile *refi,
                        RefiNote   *note)
{
  g_autoptr(GBytes) bytes = NULL;
  gboolean had_bom;

  if (note->text != NULL || note->path == NULL)
    return;

  bytes = load_path (refi, note->path);
  if (bytes != NULL)
    {
      g_autofree char *raw = decode_text (bytes, note->path, &had_bom);

      if (raw != NULL)
        note->text = pl_text_normalize (raw, -1);
    }
}

