/* pl-document-metadata.c — document details read from a document's own text
 *
 * Only the opening of the text is read (its first 3,000 bytes; 6,000 for the language),
 * and a key already set is never changed.  The first match wins.
 *
 *   date         "13 Sep 2019", "7 March 2024", "March 7, 2024", "2024-03-07" → "2024-03-07";
 *                a day and month without a year ("9 July") are not enough.
 *   meeting      "9th Meeting", "3rd meeting", "ninth meeting" → "9th meeting".
 *   session      an ordinal, an optional "substantive" / "organizational" / "resumed" /
 *                "special" / "informal", then "session": "first substantive session",
 *                "sixth session", "2nd session" (as written, in lower case).
 *   process      "Open-ended Working Group" or "OEWG" → "Open-Ended Working Group (OEWG)";
 *                "Group of Governmental Experts" or "GGE" → "Group of Governmental Experts
 *                (GGE)"; "First Committee"; "Ad Hoc Committee" with "cybercrime" → "Ad Hoc
 *                Committee on Cybercrime".
 *   agenda_item  a line opening with "Agenda item": the rest of that line ("5: rules, …").
 *   source_type  "unofficial transcript" anywhere in the opening → "unofficial transcript";
 *                "Official Records", "verbatim record", "summary record" → "official
 *                record"; a line "Event report" → "summary"; "press release", or a
 *                dateline ("NEW YORK, 9 July — ") opening one of the first paragraphs →
 *                "press release".
 *   language     Arabic, Cyrillic or Han script → "ar", "ru", "zh"; otherwise the most
 *                frequent of English, French and Spanish function words, when it is at
 *                least twice as frequent as the next and seen ten times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-metadata"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pl-document-metadata.h"

#define HEAD_BYTES 3000
#define LANGUAGE_BYTES 6000

static const char * const months[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december", NULL
};

static const char * const ordinal_words[] = {
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
  "eighteenth", "nineteenth", "twentieth", NULL
};

static gboolean
is_missing (GHashTable *metadata,
            const char *key)
{
  const char *value = g_hash_table_lookup (metadata, key);

  return value == NULL || value[0] == '\0';
}

static void
set (GHashTable *metadata,
     const char *key,
     char       *value)
{
  if (value == NULL)
    return;
  if (is_missing (metadata, key))
    g_hash_table_replace (metadata, g_strdup (key), value);
  else
    g_free (value);
}

/* Words: ASCII letters and digits, lowered, with their byte offsets. */
typedef struct
{
  gsize start;
  gsize end;
  char  text[32];
} Word;

static GArray *
split_words (const char *head,
             gsize       length)
{
  GArray *words = g_array_new (FALSE, TRUE, sizeof (Word));
  gsize i = 0;

  while (i < length)
    {
      Word word = { 0 };

      while (i < length && !g_ascii_isalnum (head[i]))
        i++;
      if (i >= length)
        break;
      word.start = i;
      while (i < length && (g_ascii_isalnum (head[i]) || ((guchar)head[i] >= 0x80 && !g_ascii_isspace (head[i]))))
        i++;
      word.end = i;
      for (gsize k = 0; k < MIN (word.end - word.start, sizeof word.text - 1); k++)
        word.text[k] = g_ascii_tolower (head[word.start + k]);
      g_array_append_val (words, word);
    }
  return words;
}

static int
month_of (const char *word)
{
  for (int m = 0; months[m] != NULL; m++)
    if (g_str_equal (word, months[m])
        || (strlen (word) >= 3 && strlen (word) <= 4 && g_str_has_prefix (months[m], word)
            && (strlen (word) == 3 || g_str_equal (word, "sept"))))
      return m + 1;
  return 0;
}

static gboolean
number_of (const char *word,
           guint       min_digits,
           guint       max_digits,
           int        *number)
{
  gsize n = strlen (word);

  if (n < min_digits || n > max_digits)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (word[i]))
      return FALSE;
  *number = atoi (word);
  return TRUE;
}

static char *
format_date (int year,
             int month,
             int day)
{
  if (year < 1900 || year > 2200 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

static char *
guess_date (const char *head,
            gsize       length,
            GArray     *words)
{
  for (gsize i = 0; i + 10 <= length; i++)
    {
      /* 2024-03-07 */
      if (g_ascii_isdigit (head[i]) && (i == 0 || !g_ascii_isalnum (head[i - 1]))
          && g_ascii_isdigit (head[i + 1]) && g_ascii_isdigit (head[i + 2]) && g_ascii_isdigit (head[i + 3])
          && head[i + 4] == '-' && g_ascii_isdigit (head[i + 5]) && g_ascii_isdigit (head[i + 6])
          && head[i + 7] == '-' && g_ascii_isdigit (head[i + 8]) && g_ascii_isdigit (head[i + 9])
          && (i + 10 == length || !g_ascii_isdigit (head[i + 10])))
        {
          char *date = format_date (atoi (head + i), atoi (head + i + 5), atoi (head + i + 8));

          if (date != NULL)
            return date;
        }
    }

  for (guint i = 0; i + 2 < words->len; i++)
    {
      const char *a = g_array_index (words, Word, i).text;
      const char *b = g_array_index (words, Word, i + 1).text;
      const char *c = g_array_index (words, Word, i + 2).text;
      int day, month, year;
      char *date = NULL;

      /* 13 Sep 2019 */
      if (number_of (a, 1, 2, &day) && (month = month_of (b)) != 0 && number_of (c, 4, 4, &year))
        date = format_date (year, month, day);
      /* March 7, 2024 */
      else if ((month = month_of (a)) != 0 && number_of (b, 1, 2, &day) && number_of (c, 4, 4, &year))
        date = format_date (year, month, day);

      if (date != NULL)
        return date;
    }
  return NULL;
}

static int
ordinal_of (const char *word)
{
  gsize n = strlen (word);
  int number;

  for (int i = 0; ordinal_words[i] != NULL; i++)
    if (g_str_equal (word, ordinal_words[i]))
      return i + 1;

  if (n >= 3 && (g_str_has_suffix (word, "st") || g_str_has_suffix (word, "nd")
                 || g_str_has_suffix (word, "rd") || g_str_has_suffix (word, "th")))
    {
      g_autofree char *digits = g_strndup (word, n - 2);

      if (number_of (digits, 1, 3, &number) && number > 0)
        return number;
    }
  return 0;
}

static const char *
ordinal_suffix (int n)
{
  if (n % 100 >= 11 && n % 100 <= 13)
    return "th";
  switch (n % 10)
    {
    case 1:
      return "st";
    case 2:
      return "nd";
    case 3:
      return "rd";
    default:
      return "th";
    }
}

static char *
guess_meeting (GArray *words)
{
  for (guint i = 0; i + 1 < words->len; i++)
    {
      int n = ordinal_of (g_array_index (words, Word, i).text);

      if (n > 0 && g_str_equal (g_array_index (words, Word, i + 1).text, "meeting"))
        return g_strdup_printf ("%d%s meeting", n, ordinal_suffix (n));
    }
  return NULL;
}

static char *
guess_session (GArray *words)
{
  static const char * const kinds[] = {
    "substantive", "organizational", "organisational", "resumed", "special", "informal", NULL
  };

  for (guint i = 0; i + 1 < words->len; i++)
    {
      const Word *first = &g_array_index (words, Word, i);
      guint next = i + 1;

      if (ordinal_of (first->text) == 0)
        continue;
      if (g_strv_contains (kinds, g_array_index (words, Word, next).text) && next + 1 < words->len)
        next++;
      if (g_str_equal (g_array_index (words, Word, next).text, "session"))
        {
          GString *session = g_string_new (NULL);

          for (guint k = i; k <= next; k++)
            {
              if (k > i)
                g_string_append_c (session, ' ');
              g_string_append (session, g_array_index (words, Word, k).text);
            }
          return g_string_free (session, FALSE);
        }
    }
  return NULL;
}

/* The first of @needles (any case) in @head, as a byte offset, or -1. */
static gssize
find_any (const char         *head,
          gsize               length,
          const char * const *needles,
          gboolean            whole_word)
{
  gssize best = -1;

  for (guint i = 0; needles[i] != NULL; i++)
    {
      gsize n = strlen (needles[i]);

      for (gsize k = 0; k + n <= length && (best < 0 || (gssize)k < best); k++)
        if (g_ascii_strncasecmp (head + k, needles[i], n) == 0
            && (!whole_word || ((k == 0 || !g_ascii_isalnum (head[k - 1]))
                                && (k + n == length || !g_ascii_isalnum (head[k + n])))))
          {
            best = k;
            break;
          }
    }
  return best;
}

static char *
guess_process (const char *head,
               gsize       length)
{
  static const struct
  {
    const char *value;
    const char *needles[4];
  } processes[] = {
    { "Open-Ended Working Group (OEWG)", { "open-ended working group", "open ended working group", "OEWG", NULL } },
    { "Group of Governmental Experts (GGE)", { "group of governmental experts", "GGE", NULL } },
    { "First Committee", { "first committee", NULL } },
    { "Ad Hoc Committee on Cybercrime", { "ad hoc committee", NULL } },
  };
  gssize best = -1;
  guint which = 0;

  for (guint i = 0; i < G_N_ELEMENTS (processes); i++)
    {
      gssize at = find_any (head, length, processes[i].needles, TRUE);

      if (at >= 0 && (best < 0 || at < best))
        {
          best = at;
          which = i;
        }
    }

  if (best < 0)
    return NULL;
  if (which == 3 && find_any (head, length, (const char * const[]) { "cybercrime", NULL }, FALSE) < 0)
    return NULL;
  return g_strdup (processes[which].value);
}

static char *
guess_agenda_item (const char *head,
                   gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      const char *line = head + i;
      const char *line_end = memchr (line, '\n', length - i);
      gsize n = line_end != NULL ? (gsize)(line_end - line) : length - i;

      if (n > 12 && g_ascii_strncasecmp (line, "agenda item ", 12) == 0)
        {
          g_autofree char *rest = g_strndup (line + 12, n - 12);

          g_strstrip (rest);
          if (rest[0] != '\0' && g_utf8_validate (rest, -1, NULL))
            return g_steal_pointer (&rest);
        }
      if (line_end == NULL)
        break;
      i = line_end - head;
    }
  return NULL;
}

/* "NEW YORK, 9 July — …" opening one of the first lines. */
static gboolean
has_dateline (const char *head,
              gsize       length)
{
  const char *p = head;
  const char *end = head + length;

  for (guint lines = 0; p < end && lines < 8; lines++)
    {
      const char *line_end = memchr (p, '\n', end - p);
      const char *comma;
      guint capitals = 0;
      gboolean lower = FALSE;

      if (line_end == NULL)
        line_end = end;
      comma = memchr (p, ',', MIN ((gsize)(line_end - p), (gsize)40));
      for (const char *q = p; comma != NULL && q < comma; q++)
        {
          capitals += g_ascii_isupper (*q) ? 1 : 0;
          lower = lower || g_ascii_islower (*q);
        }
      if (comma != NULL && capitals >= 2 && !lower)
        {
          g_autofree char *window = g_strndup (comma, MIN ((gsize)(line_end - comma), (gsize)40));

          if (strstr (window, "\xe2\x80\x94") != NULL || strstr (window, "\xe2\x80\x93") != NULL
              || strstr (window, " - ") != NULL)
            return TRUE;
        }
      p = line_end + 1;
    }
  return FALSE;
}

static char *
guess_source_type (const char *head,
                   gsize       length)
{
  const char * const transcript[] = { "unofficial transcript", NULL };
  const char * const record[] = { "official records", "verbatim record", "summary record", NULL };
  const char * const press[] = { "press release", NULL };

  if (find_any (head, length, transcript, TRUE) >= 0)
    return g_strdup ("unofficial transcript");
  if (find_any (head, length, record, TRUE) >= 0)
    return g_strdup ("official record");

  for (gsize i = 0; i < length;)
    {
      const char *line_end = memchr (head + i, '\n', length - i);
      gsize n = line_end != NULL ? (gsize)(line_end - head) - i : length - i;
      g_autofree char *line = g_strstrip (g_strndup (head + i, n));

      if (g_ascii_strcasecmp (line, "event report") == 0)
        return g_strdup ("summary");
      if (line_end == NULL)
        break;
      i += n + 1;
    }

  if (find_any (head, length, press, TRUE) >= 0 || has_dateline (head, length))
    return g_strdup ("press release");
  return NULL;
}

static char *
guess_language (const char *text,
                gsize       length)
{
  static const char * const english[] = { "the", "and", "of", "that", "with", "is", "for", NULL };
  static const char * const french[] = { "les", "des", "et", "est", "une", "pour", "dans", "du", NULL };
  static const char * const spanish[] = { "los", "las", "el", "y", "una", "para", "con", "por", "del", NULL };
  const char * const *languages[] = { english, french, spanish };
  const char *codes[] = { "en", "fr", "es" };
  guint counts[3] = { 0 };
  guint arabic = 0, cyrillic = 0, han = 0, letters = 0;
  g_autoptr(GArray) words = NULL;
  guint best = 0, second = 0;

  for (const char *p = text; p < text + length && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalpha (c))
        continue;
      letters++;
      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
          arabic++;
          break;
        case G_UNICODE_SCRIPT_CYRILLIC:
          cyrillic++;
          break;
        case G_UNICODE_SCRIPT_HAN:
          han++;
          break;
        default:
          break;
        }
    }

  if (letters > 0 && arabic * 2 > letters)
    return g_strdup ("ar");
  if (letters > 0 && cyrillic * 2 > letters)
    return g_strdup ("ru");
  if (letters > 0 && han * 3 > letters)
    return g_strdup ("zh");

  words = split_words (text, length);
  for (guint i = 0; i < words->len; i++)
    for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
      if (g_strv_contains (languages[l], g_array_index (words, Word, i).text))
        counts[l]++;

  for (guint l = 1; l < G_N_ELEMENTS (counts); l++)
    if (counts[l] > counts[best])
      best = l;
  for (guint l = 0; l < G_N_ELEMENTS (counts); l++)
    if (l != best && counts[l] > second)
      second = counts[l];

  if (counts[best] >= 10 && counts[best] >= 2 * second)
    return g_strdup (codes[best]);
  return NULL;
}

/* The length of @text's first @limit bytes, cut at a character boundary. */
static gsize
head_length (const char *text,
             gsize       limit)
{
  gsize length = strnlen (text, limit);

  /* text[length] is the terminating NUL or a byte of the text. */
  while (length > 0 && ((guchar)text[length] & 0xC0) == 0x80)
    length--;
  return length;
}

void
pl_document_metadata_guess (const char *text,
                            GHashTable *metadata)
{
  g_autoptr(GArray) words = NULL;
  gsize length;

  g_return_if_fail (text != NULL);
  g_return_if_fail (metadata != NULL);

  length = head_length (text, HEAD_BYTES);
  words = split_words (text, length);

  if (is_missing (metadata, "date"))
    set (metadata, "date", guess_date (text, length, words));
  if (is_missing (metadata, "meeting"))
    set (metadata, "meeting", guess_meeting (words));
  if (is_missing (metadata, "session"))
    set (metadata, "session", guess_session (words));
  if (is_missing (metadata, "process"))
    set (metadata, "process", guess_process (text, length));
  if (is_missing (metadata, "agenda_item"))
    set (metadata, "agenda_item", guess_agenda_item (text, length));
  if (is_missing (metadata, "source_type"))
    set (metadata, "source_type", guess_source_type (text, length));
  if (is_missing (metadata, "language"))
    set (metadata, "language", guess_language (text, head_length (text, LANGUAGE_BYTES)));
}
