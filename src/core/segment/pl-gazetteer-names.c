/* pl-gazetteer-names.c — how the gazetteer reads names: a text cut into words, and the
 * key a name is kept under (lowered, without accents, full stops or a leading "the")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-gazetteer"

#include "config.h"

#include <string.h>

#include "pl-gazetteer-private.h"

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC || c == 0x2018;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2011;
}

static gboolean
is_word_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum (c);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
append_folded (GString  *out,
               gunichar  c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
  gsize n;

  if (c < 0x80)
    {
      g_string_append_c (out, g_ascii_tolower ((char)c));
      return;
    }

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  for (gsize i = 0; i < n; i++)
    if (!g_unichar_ismark (decomposed[i]))
      g_string_append_unichar (out, g_unichar_tolower (decomposed[i]));
}

/* Ends @token, the last one in @norm: its normalised length and its bare form (without a
 * final "'s"); then appends it to @tokens. */
static void
end_token (Token      *token,
           gboolean    upper,
           const char *text,
           GString    *norm,
           GArray     *tokens)
{
  token->norm_len = norm->len - token->norm_start;
  token->upper = upper;
  token->bare_end = token->end;
  token->bare_len = token->norm_len;
  if (token->norm_len > 2 && memcmp (norm->str + norm->len - 2, "'s", 2) == 0)
    {
      /* The apostrophe may take up to three bytes in the source. */
      const char *apostrophe = g_utf8_prev_char (text + token->end - 1);

      token->bare_len = token->norm_len - 2;
      token->bare_end = apostrophe - text;
    }
  g_array_append_val (tokens, *token);
}

/* Splits @text into tokens (at most @max_tokens of them, 0 for all), appending their
 * normalised forms to @norm, separated by one space.  Inner apostrophes and hyphens
 * belong to a word; full stops are dropped. */
void
pl_gazetteer_tokenize (const char *text,
                       gsize       length,
                       guint       max_tokens,
                       GArray     *tokens,
                       GString    *norm)
{
  const char *p = text;
  const char *end = text + length;
  Token token = { 0 };
  gboolean in_token = FALSE;
  gboolean has_lower = FALSE;
  gboolean has_upper = FALSE;
  gboolean dotted = FALSE;    /* the token has an inner full stop */
  gunichar previous = 0;

  while (p < end)
    {
      const char *next = g_utf8_next_char (p);
      gunichar c = (guchar)*p < 0x80 ? (gunichar)*p : g_utf8_get_char (p);
      gunichar following = 0;
      gboolean word = is_word_char (c);
      gboolean inner = FALSE;

      if (next < end)
        following = (guchar)*next < 0x80 ? (gunichar)*next : g_utf8_get_char (next);

      if (!word && in_token && (is_apostrophe (c) || is_hyphen (c) || c == '.'))
        inner = is_word_char (previous) && following != 0 && is_word_char (following);

      if (word || inner)
        {
          if (!in_token && max_tokens > 0 && tokens->len >= max_tokens)
            return;
          if (!in_token)
            {
              if (norm->len > 0)
                g_string_append_c (norm, ' ');
              token.start = p - text;
              token.norm_start = norm->len;
              in_token = TRUE;
              has_lower = has_upper = dotted = FALSE;
            }
          if (c == '.')
            dotted = TRUE;
          else if (is_apostrophe (c))
            g_string_append_c (norm, '\'');
          else if (is_hyphen (c))
            g_string_append_c (norm, '-');
          else if (c < 0x80)
            {
              has_upper = has_upper || g_ascii_isupper (c);
              has_lower = has_lower || g_ascii_islower (c);
              g_string_append_c (norm, g_ascii_tolower ((char)c));
            }
          else
            {
              if (g_unichar_isupper (c) || g_unichar_istitle (c))
                has_upper = TRUE;
              else if (g_unichar_islower (c))
                has_lower = TRUE;
              append_folded (norm, c);
            }
          token.end = next - text;
        }
      else
        {
          /* The full stop that ends "U.S." belongs to it. */
          if (in_token && c == '.' && dotted)
            token.end = next - text;
          if (in_token)
            {
              end_token (&token, has_upper && !has_lower, text, norm, tokens);
              in_token = FALSE;
            }
          if (c == '&')
            {
              Token amp = { 0 };

              if (norm->len > 0)
                g_string_append_c (norm, ' ');
              amp.start = p - text;
              amp.end = amp.bare_end = next - text;
              amp.norm_start = norm->len;
              g_string_append (norm, "and");
              amp.norm_len = amp.bare_len = 3;
              g_array_append_val (tokens, amp);
            }
        }

      previous = c;
      p = next;
    }

  if (in_token)
    end_token (&token, has_upper && !has_lower, text, norm, tokens);
}

gboolean
pl_gazetteer_token_is (const GString *norm,
                       const Token   *token,
                       const char    *word)
{
  gsize n = strlen (word);

  return token->norm_len == n && memcmp (norm->str + token->norm_start, word, n) == 0;
}

/* The key of a whole name, "" when it has no word. */
char *
pl_gazetteer_dup_key (const char *name,
                      guint      *n_words,
                      gboolean   *upper)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  g_autoptr(GString) norm = g_string_new (NULL);
  guint first = 0;

  pl_gazetteer_tokenize (name, strlen (name), 0, tokens, norm);
  if (tokens->len > 1 && pl_gazetteer_token_is (norm, &g_array_index (tokens, Token, 0), "the"))
    first = 1;

  if (upper != NULL)
    {
      *upper = tokens->len > first;
      for (guint i = first; i < tokens->len; i++)
        *upper = *upper && g_array_index (tokens, Token, i).upper;
    }
  if (n_words != NULL)
    *n_words = tokens->len - first;
  if (tokens->len == first)
    return g_strdup ("");

  return g_strdup (norm->str + g_array_index (tokens, Token, first).norm_start);
}

gboolean
pl_gazetteer_is_acronym (const char *name)
{
  guint letters = 0;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_islower (c))
        return FALSE;
      if (g_unichar_isalpha (c))
        letters++;
    }
  return letters >= 2 && letters <= ACRONYM_MAX_LETTERS;
}

/* The key of the ASCII word at @p in @key ("kenya", "kenya's", "us" for "U.S."); returns
 * where it ends, or NULL when the word is not plain ASCII and needs the tokenizer. */
const char *
pl_gazetteer_ascii_word_key (const char *p,
                             const char *end,
                             char       *key,
                             gsize       size)
{
  gsize n = 0;

  for (; p < end; p++)
    {
      char c = *p;

      if ((guchar)c >= 0x80)
        return NULL;
      if (g_ascii_isalnum (c))
        {
          if (n + 1 >= size)
            return NULL;
          key[n++] = g_ascii_tolower (c);
        }
      else if ((c == '\'' || c == '-' || c == '.') && n > 0 && g_ascii_isalnum (p[-1]) && p + 1 < end
               && ((guchar)p[1] >= 0x80 || g_ascii_isalnum (p[1])))
        {
          if ((guchar)p[1] >= 0x80)
            return NULL;
          if (c != '.')
            key[n++] = c;
        }
      else
        break;
    }
  key[n] = '\0';
  return p;
}
