/* pl-reuse-words.c — words of a text as the reuse finder compares them
 *
 * The rules are written at the top of pl-reuse.c ("Words" and "Spelling").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-reuse"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pl-reuse.h"
#include "pl-reuse-private.h"

/* Whole British words the suffix rules below do not reach, sorted for bsearch. */
static const char * const irregular[][2] = {
  { "acknowledgement", "acknowledgment" },
  { "acknowledgements", "acknowledgments" },
  { "ageing", "aging" },
  { "aluminium", "aluminum" },
  { "enrol", "enroll" },
  { "enrolment", "enrollment" },
  { "enrolments", "enrollments" },
  { "enrols", "enrolls" },
  { "fulfil", "fulfill" },
  { "fulfilment", "fulfillment" },
  { "fulfils", "fulfills" },
  { "grey", "gray" },
  { "instalment", "installment" },
  { "instalments", "installments" },
  { "judgement", "judgment" },
  { "judgements", "judgments" },
  { "manoeuvre", "maneuver" },
  { "manoeuvres", "maneuvers" },
  { "practise", "practice" },
  { "practised", "practiced" },
  { "practises", "practices" },
  { "practising", "practicing" },
  { "sceptical", "skeptical" },
  { "skilful", "skillful" },
  { "wilful", "willful" },
};

static int
compare_irregular (const void *key,
                   const void *item)
{
  return strcmp (key, ((const char * const *) item)[0]);
}

static gboolean
ends_with (const GString *word,
           const char    *suffix,
           gsize          min_stem)
{
  gsize length = strlen (suffix);

  return word->len >= length + min_stem
         && memcmp (word->str + word->len - length, suffix, length) == 0;
}

/* When @word ends with @stem_end followed by one of @tails, after at least @min_stem
 * bytes, returns the position of @stem_end in it, else -1. */
static gssize
find_ending (const GString      *word,
             const char         *stem_end,
             const char * const *tails,
             gsize               min_stem)
{
  gsize stem_length = strlen (stem_end);

  for (gsize i = 0; tails[i] != NULL; i++)
    {
      gsize tail = strlen (tails[i]);

      if (word->len >= min_stem + stem_length + tail
          && memcmp (word->str + word->len - tail, tails[i], tail) == 0
          && memcmp (word->str + word->len - tail - stem_length, stem_end, stem_length) == 0)
        return word->len - tail - stem_length;
    }
  return -1;
}

/* Folds the British spelling of an ASCII, lower-case word into the American one.  Both
 * texts go through the same rules, so a rule only has to send both spellings to one form;
 * it may also change a word that has no variant, as long as no two different words meet. */
static void
fold_spelling (GString *word)
{
  static const char * const ise_tails[] = {
    "e", "ed", "es", "ing", "er", "ers", "ation", "ations", "able", NULL
  };
  static const char * const yse_tails[] = { "e", "ed", "es", "ing", "er", "ers", NULL };
  static const char * const our_tails[] = {
    "", "s", "ed", "ing", "er", "ers", "able", "ably", "al", "ful", "ite", "ites",
    "less", "hood", "hoods", "ly", NULL
  };
  static const char * const ll_tails[] = {
    "ed", "ing", "er", "ers", "or", "ors", "ation", "ations", NULL
  };
  static const char * const ence_tails[] = { "e", "es", "ed", "ing", NULL };
  static const char * const ogue_tails[] = { "", "s", "d", NULL };
  static const char * const amme_tails[] = { "", "s", NULL };
  const char * const *hit;
  gssize at;

  hit = bsearch (word->str, irregular, G_N_ELEMENTS (irregular), sizeof irregular[0],
                 compare_irregular);
  if (hit != NULL)
    {
      g_string_assign (word, hit[1]);
      return;
    }

  /* organise, organisation, analyse → organize, organization, analyze */
  if ((at = find_ending (word, "is", ise_tails, 2)) >= 0
      || (at = find_ending (word, "ys", yse_tails, 2)) >= 0)
    word->str[at + 1] = 'z';

  /* behaviour, behavioural, favourite → behavior, behavioral, favorite; "four", "your",
   * "hour", "flour" keep theirs (a stem of three letters at least) */
  if ((at = find_ending (word, "our", our_tails, 3)) >= 0)
    g_string_erase (word, at + 1, 1);

  /* labelled, counselling, counsellor, signalled → labeled, counseling, counselor,
   * signaled; "called", "filled", "pulled" keep theirs (a stem of two letters before
   * e or a; never i or u) */
  if ((at = find_ending (word, "ell", ll_tails, 2)) >= 0
      || (at = find_ending (word, "all", ll_tails, 2)) >= 0)
    g_string_erase (word, at + 2, 1);

  /* defence, offences, licenced → defense, offenses, licensed */
  if ((at = find_ending (word, "enc", ence_tails, 2)) >= 0)
    word->str[at + 2] = 's';

  /* dialogue, catalogues → dialog, catalogs; "rogue", "vogue" keep theirs */
  if ((at = find_ending (word, "ogue", ogue_tails, 2)) >= 0)
    g_string_erase (word, at + 2, 2);

  /* programme → program */
  if ((at = find_ending (word, "amme", amme_tails, 2)) >= 0)
    g_string_erase (word, at + 2, 2);

  /* centre, metres, fibre → center, meters, fiber */
  if (word->len >= 5 && (ends_with (word, "tre", 2) || ends_with (word, "bre", 2)))
    {
      word->str[word->len - 2] = 'e';
      word->str[word->len - 1] = 'r';
    }
  else if (word->len >= 6 && (ends_with (word, "tres", 2) || ends_with (word, "bres", 2)))
    {
      word->str[word->len - 3] = 'e';
      word->str[word->len - 2] = 'r';
    }
}

static gboolean
is_ascii (const GString *word)
{
  for (gsize i = 0; i < word->len; i++)
    if ((guchar) word->str[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* Marks, the Arabic tatweel and the invisible joiners continue a word and are dropped. */
static gboolean
is_silent (gunichar c)
{
  return c == 0x0640 || c == 0x00AD || c == 0x200C || c == 0x200D || g_unichar_ismark (c);
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || is_silent (c);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* Scripts written without spaces between words: each character is a word. */
static gboolean
is_ideograph (gunichar c)
{
  GUnicodeScript script;

  if (c < 0x2E80)
    return FALSE;
  script = g_unichar_get_script (c);
  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA
         || script == G_UNICODE_SCRIPT_KATAKANA;
}

static void
append_folded (GString  *word,
               gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    {
      g_string_append_c (word, g_ascii_tolower (c));
      return;
    }
  if (is_silent (c))
    return;
  if (g_unichar_isdigit (c) && g_unichar_digit_value (c) >= 0)
    {
      g_string_append_c (word, '0' + g_unichar_digit_value (c));
      return;
    }
  if (c == 0x00DF)
    {
      g_string_append (word, "ss");
      return;
    }
  n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    if (!g_unichar_ismark (decomposed[i]))
      g_string_append_unichar (word, g_unichar_tolower (decomposed[i]));
}

static void
fold_spelling_if_ascii (GString *word)
{
  if (is_ascii (word))
    fold_spelling (word);
}

/* Called for each word of a text with its form, case and marks folded but not yet its
 * spelling (NUL-terminated, @length bytes). */
typedef void (*WordFunc) (const char *form,
                          gsize       length,
                          guint       start,
                          guint       end,
                          gpointer    user_data);

/* Splits @text into words as the rules say; @scratch holds a word between calls. */
static void
scan_words (const char      *text,
            GString         *scratch,
            WordFunc         func,
            gpointer         user_data)
{
  const char *p = text;
  guint offset = 0, start = 0;
  gboolean in_word = FALSE;

  g_assert (text != NULL && scratch != NULL && func != NULL);

  while (*p != '\0')
    {
      const char *next;
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          c = (guchar) *p;
          next = p + 1;
        }
      else
        {
          c = g_utf8_get_char (p);
          next = g_utf8_next_char (p);
        }

      if (is_word_char (c) && !is_ideograph (c))
        {
          if (!in_word)
            {
              g_string_truncate (scratch, 0);
              start = offset;
              in_word = TRUE;
            }
          append_folded (scratch, c);
        }
      else if (in_word && is_apostrophe (c) && *next != '\0'
               && g_unichar_isalpha (g_utf8_get_char (next)))
        {
          /* "State's", "don't": one word */
        }
      else
        {
          if (in_word && scratch->len > 0)
            func (scratch->str, scratch->len, start, offset, user_data);
          in_word = FALSE;
          if (is_ideograph (c))
            {
              g_string_truncate (scratch, 0);
              append_folded (scratch, c);
              func (scratch->str, scratch->len, offset, offset + 1, user_data);
            }
        }
      p = next;
      offset++;
    }
  if (in_word && scratch->len > 0)
    func (scratch->str, scratch->len, start, offset, user_data);
}

void
pl_reuse_vocabulary_init (PlReuseVocabulary *vocabulary)
{
  vocabulary->forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  vocabulary->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  vocabulary->scratch = g_string_new (NULL);
  vocabulary->spelled = g_string_new (NULL);
}

void
pl_reuse_vocabulary_clear (PlReuseVocabulary *vocabulary)
{
  g_clear_pointer (&vocabulary->forms, g_hash_table_unref);
  g_clear_pointer (&vocabulary->words, g_hash_table_unref);
  if (vocabulary->scratch != NULL)
    g_string_free (g_steal_pointer (&vocabulary->scratch), TRUE);
  if (vocabulary->spelled != NULL)
    g_string_free (g_steal_pointer (&vocabulary->spelled), TRUE);
}

guint32
pl_reuse_vocabulary_id (PlReuseVocabulary *vocabulary,
                        const char        *form,
                        gsize              length,
                        gboolean           add)
{
  gpointer id = g_hash_table_lookup (vocabulary->forms, form);

  if (id != NULL)
    return GPOINTER_TO_UINT (id);

  g_string_assign (vocabulary->spelled, form);
  fold_spelling_if_ascii (vocabulary->spelled);
  id = g_hash_table_lookup (vocabulary->words, vocabulary->spelled->str);
  if (id == NULL)
    {
      if (!add)
        return 0;
      id = GUINT_TO_POINTER (g_hash_table_size (vocabulary->words) + 1);
      g_hash_table_insert (vocabulary->words, g_strdup (vocabulary->spelled->str), id);
    }
  /* a form unknown to the sources is not remembered: the sources never change it */
  if (add)
    g_hash_table_insert (vocabulary->forms, g_strndup (form, length), id);
  return GPOINTER_TO_UINT (id);
}

typedef struct
{
  PlReuseVocabulary *vocabulary;
  GArray            *tokens;
  gboolean           add;
} Reading;

static void
read_word (const char *form,
           gsize       length,
           guint       start,
           guint       end,
           gpointer    user_data)
{
  Reading *reading = user_data;
  PlReuseToken token = {
    pl_reuse_vocabulary_id (reading->vocabulary, form, length, reading->add), start, end
  };

  g_array_append_val (reading->tokens, token);
}

void
pl_reuse_vocabulary_read (PlReuseVocabulary *vocabulary,
                          const char        *text,
                          gboolean           add,
                          GArray            *tokens)
{
  Reading reading = { vocabulary, tokens, add };

  scan_words (text, vocabulary->scratch, read_word, &reading);
}

static void
keep_first (const char *form,
            gsize       length,
            guint       start,
            guint       end,
            gpointer    user_data)
{
  GString *out = user_data;

  if (out->len == 0)
    {
      g_string_append_len (out, form, length);
      fold_spelling_if_ascii (out);
    }
}

char *
pl_reuse_fold_word (const char *word)
{
  g_autoptr(GString) scratch = NULL;
  GString *out;

  g_return_val_if_fail (word != NULL, NULL);

  scratch = g_string_new (NULL);
  out = g_string_new (NULL);
  scan_words (word, scratch, keep_first, out);
  return g_string_free (out, FALSE);
}
