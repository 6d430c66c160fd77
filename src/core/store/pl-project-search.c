/* pl-project-search.c — full-text search over statements (SQLite FTS5)
 *
 * The index is statements_fts (schema version 3), an FTS5 table whose content is the view
 * statement_texts.  Reading the text of a matched statement through FTS5 (highlight(),
 * snippet()) would cut it out of its document once per statement; instead an auxiliary
 * function of ours, pl_search_instances(), answers from the index alone where the matches
 * lie, as word positions (the first word of each phrase match and how many words it has).
 * Each document with matches is read once, its matched statements are cut out in order
 * and tokenized with the index's own tokenizer (fts5_api's xFindTokenizer; statements in
 * plain ASCII by a scan that splits them the same way), which turns word positions into
 * code points.
 *
 * The function is registered on a connection when a search first finds it missing there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-search"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-project-private.h"
#include "pl-project-query-private.h"
#include "pl-project-search.h"
#include "pl-text.h"

G_DEFINE_QUARK (pl-search-error-quark, pl_search_error)

/* The tokenizer of statements_fts, with the arguments the schema gives it. */
#define TOKENIZER "unicode61"
static const char *tokenizer_args[] = { "remove_diacritics", "2" };

/* Statements per step of building the index: about fifty progress reports. */
#define BUILD_STEPS 50

/* The index */

gboolean
pl_project_search_index_is_ready (PlProject *project)
{
  sqlite3_stmt *stmt;
  gboolean ready = FALSE;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);

  stmt = pl_project_prepare (project,
                             "SELECT value FROM project_info WHERE key = 'search_index'", NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ready = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ready") == 0;
  sqlite3_reset (stmt);

  return ready;
}

/* How many statements each document has, by document. */
static GArray *
count_statements (PlProject  *project,
                  guint64    *out_total,
                  GError    **error)
{
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  sqlite3_stmt *stmt;
  int rc;

  stmt = pl_project_prepare (project,
                             "SELECT document_id, count(*) FROM statements"
                             " GROUP BY document_id ORDER BY document_id", error);
  if (stmt == NULL)
    return NULL;

  *out_total = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (counts, pair);
      *out_total += pair[1];
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      pl_project_set_sql_error (project, error, "read the statements");
      return NULL;
    }

  return g_steal_pointer (&counts);
}

static gboolean
index_documents (PlProject  *project,
                 gint64      first,
                 gint64      last,
                 GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = pl_project_prepare (project,
                             "INSERT INTO statements_fts (rowid, text)"
                             " SELECT s.id, substr(d.text, s.start_offset + 1,"
                             "                     s.end_offset - s.start_offset)"
                             " FROM statements AS s JOIN documents AS d ON d.id = s.document_id"
                             " WHERE s.document_id BETWEEN ? AND ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, last);

  return pl_project_step_done (project, stmt, "build the search index", error);
}

gboolean
pl_project_build_search_index (PlProject                  *project,
                               PlSearchIndexProgressFunc   progress,
                               gpointer                    user_data,
                               GError                    **error)
{
  g_autoptr(GArray) counts = NULL;
  guint64 total = 0, done = 0, step;
  guint i = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pl_project_begin (project, error))
    return FALSE;

  counts = count_statements (project, &total, error);
  if (counts == NULL ||
      !pl_project_exec (project, "INSERT INTO statements_fts (statements_fts) VALUES ('delete-all')",
                        error))
    goto failed;

  step = MAX (1, total / BUILD_STEPS);
  while (i < counts->len)
    {
      const gint64 *pair = &g_array_index (counts, gint64, 2 * i);
      gint64 first = pair[0];
      gint64 last = first;
      guint64 batch = 0;

      for (; i < counts->len && batch < step; i++)
        {
          pair = &g_array_index (counts, gint64, 2 * i);
          last = pair[0];
          batch += pair[1];
        }

      if (!index_documents (project, first, last, error))
        goto failed;
      done += batch;
      if (progress != NULL)
        progress ((double) done / (double) MAX (total, 1), user_data);
    }

  if (!pl_project_exec (project,
                        "INSERT OR REPLACE INTO project_info (key, value)"
                        " VALUES ('search_index', 'ready')", error))
    goto failed;

  if (!pl_project_commit (project, error))
    return FALSE;
  if (progress != NULL)
    progress (1.0, user_data);
  return TRUE;

failed:
  pl_project_rollback (project);
  return FALSE;
}

/* Queries
 *
 * A word joined to another by punctuation ("capacity-building", "d'Ivoire") is an error
 * to FTS5, which allows only letters, digits and "_" in a bare word: such a run is put in
 * double quotes, which makes it the phrase it reads as.  Each code point of the query FTS5
 * gets remembers where it came from, so that errors point into what the user wrote. */

static gboolean
is_bareword (gunichar c)
{
  return c >= 0x80 || g_ascii_isalnum ((char) c) || c == '_' || c == 0x1a;
}

static gboolean
is_joiner (gunichar c)
{
  return c == '-' || c == '\'' || c == '.' || c == '/' || c == '&';
}

typedef struct
{
  char   *text;       /* what FTS5 reads */
  GArray *sources;    /* guint: for each code point of @text, its code point in the query */
  guint   length;     /* code points of the query */
} FtsQuery;

static void
fts_query_clear (FtsQuery *query)
{
  g_clear_pointer (&query->text, g_free);
  g_clear_pointer (&query->sources, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FtsQuery, fts_query_clear)

static void
emit (GString  *out,
      GArray   *sources,
      gunichar  c,
      guint     source)
{
  g_string_append_unichar (out, c);
  g_array_append_val (sources, source);
}

static void
fts_query_init (FtsQuery   *query,
                const char *text)
{
  glong n = 0;
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, &n);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean quoted = FALSE;
  glong i = 0;

  query->sources = g_array_new (FALSE, FALSE, sizeof (guint));
  query->length = (guint) n;

  while (i < n)
    {
      gboolean joined = FALSE;
      glong j = i;

      if (chars[i] == '"')
        quoted = !quoted;
      if (quoted || chars[i] == '"' || !is_bareword (chars[i]))
        {
          emit (out, query->sources, chars[i], (guint) i);
          i++;
          continue;
        }

      while (j < n)
        {
          if (is_bareword (chars[j]))
            j++;
          else if (is_joiner (chars[j]) && j + 1 < n && is_bareword (chars[j + 1]))
            {
              joined = TRUE;
              j++;
            }
          else
            break;
        }

      if (joined)
        emit (out, query->sources, '"', (guint) i);
      for (glong k = i; k < j; k++)
        emit (out, query->sources, chars[k], (guint) k);
      if (joined)
        emit (out, query->sources, '"', (guint) (j - 1));
      i = j;
    }

  query->text = g_string_free (g_steal_pointer (&out), FALSE);
}

/* The message FTS5 gives for @text, or NULL when it reads it. */
static char *
parse_error (PlProject  *project,
             const char *text)
{
  sqlite3_stmt *stmt;
  char *message = NULL;
  int rc;

  stmt = pl_project_prepare (project,
                             "SELECT rowid FROM statements_fts"
                             " WHERE statements_fts MATCH ? AND rowid = 0", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    message = g_strdup (sqlite3_errmsg (pl_project_get_db (project)));
  sqlite3_reset (stmt);

  return message;
}

static gboolean
is_query_error (const char *message)
{
  return g_str_has_prefix (message, "fts5:") || g_str_has_prefix (message, "unterminated string")
         || g_str_has_prefix (message, "no such column:")
         || g_str_has_prefix (message, "unknown special query");
}

/* The code point of @text at which FTS5 stopped reading it with "syntax error near
 * @token": the first place of @token where reading up to it fails the same way (a lemon
 * parser stops at the first word that cannot follow what came before). */
static guint
find_syntax_error (PlProject  *project,
                   const char *text,
                   const char *token,
                   const char *message)
{
  const char *first = NULL;

  if (*token == '\0')
    return g_utf8_strlen (text, -1);

  for (const char *p = strstr (text, token); p != NULL; p = strstr (p + 1, token))
    {
      g_autofree char *prefix = g_strndup (text, p - text + strlen (token));
      g_autofree char *error = parse_error (project, prefix);

      if (first == NULL)
        first = p;
      if (g_strcmp0 (error, message) == 0)
        return g_utf8_pointer_to_offset (text, p);
    }

  return first != NULL ? g_utf8_pointer_to_offset (text, first) : 0;
}

/* Where a quoted string that is never closed opens. */
static guint
find_open_quote (const char *text)
{
  const char *open = text;
  gboolean quoted = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '"')
      {
        if (!quoted)
          open = p;
        quoted = !quoted;
      }

  return g_utf8_pointer_to_offset (text, open);
}

/* @line with its line breaks and tabs as spaces, and a caret under code point @position. */
static void
append_caret (GString    *message,
              const char *line,
              guint       position)
{
  guint column = 0, i = 0;

  g_string_append (message, "\n  ");
  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t' || c == '\r')
        c = ' ';
      g_string_append_unichar (message, c);
      if (i < position)
        column += g_unichar_iswide (c) ? 2 : 1;
    }

  g_string_append (message, "\n  ");
  for (guint k = 0; k < column; k++)
    g_string_append_c (message, ' ');
  g_string_append_c (message, '^');
}

/* Turns what FTS5 said of @query into PL_SEARCH_ERROR_SYNTAX with a caret. */
static gboolean
query_error (PlProject       *project,
             const char      *text,
             const FtsQuery  *query,
             const char      *fts_message,
             guint           *out_position,
             GError         **error)
{
  g_autoptr(GString) message = g_string_new (NULL);
  g_autofree char *headline = NULL;
  guint position;

  if (g_str_has_prefix (fts_message, "fts5: syntax error near \""))
    {
      g_autofree char *token = g_strdup (fts_message + strlen ("fts5: syntax error near \""));

      if (*token != '\0')
        token[strlen (token) - 1] = '\0';
      position = find_syntax_error (project, query->text, token, fts_message);
      if (*token == '\0')
        headline = g_strdup (_("the search ends where something more is needed."));
      else
        headline = g_strdup_printf (_("“%s” cannot stand here."), token);
    }
  else if (g_str_has_prefix (fts_message, "unterminated string"))
    {
      position = find_open_quote (query->text);
      headline = g_strdup (_("a quotation mark is not closed."));
    }
  else if (g_str_has_prefix (fts_message, "no such column: "))
    {
      const char *column = fts_message + strlen ("no such column: ");
      const char *p = strstr (query->text, column);

      position = p != NULL ? g_utf8_pointer_to_offset (query->text, p) : 0;
      headline = g_strdup_printf (_("a word followed by “:” names a column to search, and there "
                                    "is no column “%s”."), column);
    }
  else
    {
      position = 0;
      headline = g_strdup (_("a search cannot begin with “*”."));
    }

  /* From the text FTS5 read back to what the user wrote. */
  if (position < query->sources->len)
    position = g_array_index (query->sources, guint, position);
  else
    position = query->length;

  g_string_append_printf (message, _("Cannot read the search: %s"), headline);
  append_caret (message, text, position);
  g_string_append_c (message, '\n');
  g_string_append (message, _("Put words with punctuation in double quotes (\"state-led\"); "
                              "AND, OR, NOT and NEAR in capitals are operators."));

  if (out_position != NULL)
    *out_position = position;
  g_set_error_literal (error, PL_SEARCH_ERROR, PL_SEARCH_ERROR_SYNTAX, message->str);
  return FALSE;
}

static gboolean
check_not_empty (const char  *text,
                 guint       *out_position,
                 GError     **error)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;

  if (out_position != NULL)
    *out_position = 0;
  g_set_error_literal (error, PL_SEARCH_ERROR, PL_SEARCH_ERROR_EMPTY,
                       _("Type a word or phrase to search for."));
  return FALSE;
}

gboolean
pl_project_check_search_query (PlProject   *project,
                               const char  *query,
                               guint       *out_position,
                               GError     **error)
{
  g_auto(FtsQuery) fts = { NULL };
  g_autofree char *message = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  if (!check_not_empty (query, out_position, error))
    return FALSE;

  fts_query_init (&fts, query);
  message = parse_error (project, fts.text);
  if (message == NULL)
    return TRUE;
  if (!is_query_error (message))
    {
      pl_project_set_sql_error (project, error, "search");
      return FALSE;
    }

  return query_error (project, query, &fts, message, out_position, error);
}

/* Matches: word positions from the index, code points from the tokenizer */

/* pl_search_instances(statements_fts): a blob of int32 pairs, the first word of each match
 * of a phrase and the phrase's length in words. */
static void
instances_function (const Fts5ExtensionApi  *api,
                    Fts5Context             *fts,
                    sqlite3_context         *context,
                    int                      n_values,
                    sqlite3_value          **values)
{
  gint32 *pairs;
  int n = 0;
  int rc;

  rc = api->xInstCount (fts, &n);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  pairs = g_new (gint32, 2 * MAX (n, 1));
  for (int i = 0; i < n; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc != SQLITE_OK)
        {
          g_free (pairs);
          sqlite3_result_error_code (context, rc);
          return;
        }
      pairs[2 * i] = offset;
      pairs[2 * i + 1] = api->xPhraseSize (fts, phrase);
    }

  sqlite3_result_blob (context, pairs, (int) (2 * n * sizeof (gint32)), g_free);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);

  return api;
}

static gboolean
no_fts5 (GError **error)
{
  g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                       _("This SQLite library cannot search text (it lacks FTS5)."));
  return FALSE;
}

static sqlite3_stmt *
prepare_with_instances (PlProject   *project,
                        const char  *sql,
                        GError     **error)
{
  sqlite3_stmt *stmt = pl_project_prepare (project, sql, NULL);
  fts5_api *api;

  if (stmt != NULL)
    return stmt;

  /* Missing on this connection so far. */
  api = get_fts5_api (pl_project_get_db (project));
  if (api == NULL || api->iVersion < 2 ||
      api->xCreateFunction (api, "pl_search_instances", NULL, instances_function, NULL) != SQLITE_OK)
    {
      no_fts5 (error);
      return NULL;
    }

  return pl_project_prepare (project, sql, error);
}

typedef struct
{
  fts5_tokenizer  methods;
  Fts5Tokenizer  *tokenizer;
  GArray         *words;       /* guint pairs: code points of each word in the text */
  guint           n_wanted;    /* words past these are not needed */
  const char     *text;
  const char     *position;    /* where the code point @offset starts */
  guint           offset;
} Tokens;

static void
tokens_clear (Tokens *tokens)
{
  if (tokens->tokenizer != NULL)
    tokens->methods.xDelete (tokens->tokenizer);
  tokens->tokenizer = NULL;
  g_clear_pointer (&tokens->words, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Tokens, tokens_clear)

static gboolean
tokens_init (Tokens     *tokens,
             PlProject  *project,
             GError    **error)
{
  fts5_api *api = get_fts5_api (pl_project_get_db (project));
  void *user_data = NULL;

  if (api == NULL || api->xFindTokenizer (api, TOKENIZER, &user_data, &tokens->methods) != SQLITE_OK
      || tokens->methods.xCreate (user_data, tokenizer_args, G_N_ELEMENTS (tokenizer_args),
                                  &tokens->tokenizer) != SQLITE_OK)
    return no_fts5 (error);

  tokens->words = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  return TRUE;
}

/* Token byte offsets come in order: code points are counted from the last one, as the
 * bytes that do not continue a sequence. */
static guint
code_point_at (Tokens *tokens,
               int     byte)
{
  const char *p = tokens->text + byte;

  for (const char *q = tokens->position; q < p; q++)
    tokens->offset += ((guchar) *q & 0xC0) != 0x80;
  tokens->position = p;
  return tokens->offset;
}

static int
add_word (void       *data,
          int         flags,
          const char *token,
          int         n_token,
          int         start,
          int         end)
{
  Tokens *tokens = data;
  guint word[2];

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;

  word[0] = code_point_at (tokens, start);
  word[1] = code_point_at (tokens, end);
  g_array_append_val (tokens->words, word);

  /* Any code but SQLITE_OK ends the tokenizing: enough was read. */
  return tokens->words->len < tokens->n_wanted ? SQLITE_OK : SQLITE_DONE;
}

static gboolean
is_ascii (const char *text,
          gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;

  return TRUE;
}

/* unicode61 on ASCII: a word is a run of letters and digits (its token characters are the
 * Unicode letters, numbers and private-use characters; "_" and all punctuation separate),
 * and code points are bytes.  Most statements are ASCII: this spares calling the
 * tokenizer on them. */
static void
tokenize_ascii (Tokens     *tokens,
                const char *text,
                gsize       length,
                guint       n_wanted)
{
  gsize i = 0;

  while (i < length && tokens->words->len < n_wanted)
    {
      guint word[2];

      while (i < length && !g_ascii_isalnum (text[i]))
        i++;
      if (i == length)
        break;
      word[0] = (guint) i;
      while (i < length && g_ascii_isalnum (text[i]))
        i++;
      word[1] = (guint) i;
      g_array_append_val (tokens->words, word);
    }
}

/* Reads the first @n_wanted words of @text. */
static gboolean
tokenize (Tokens      *tokens,
          const char  *text,
          gsize        length,
          guint        n_wanted,
          GError     **error)
{
  int rc;

  g_array_set_size (tokens->words, 0);
  if (is_ascii (text, length))
    {
      tokenize_ascii (tokens, text, length, n_wanted);
      return TRUE;
    }

  tokens->n_wanted = n_wanted;
  tokens->text = tokens->position = text;
  tokens->offset = 0;

  rc = tokens->methods.xTokenize (tokens->tokenizer, tokens, FTS5_TOKENIZE_DOCUMENT, text,
                                  (int) length, add_word);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      g_set_error_literal (error, PL_STORE_ERROR, PL_STORE_ERROR_FAILED,
                           _("Could not read the words of a statement."));
      return FALSE;
    }

  return TRUE;
}

static gint
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const PlSearchMatch *ma = a;
  const PlSearchMatch *mb = b;

  if (ma->start != mb->start)
    return ma->start < mb->start ? -1 : 1;
  return ma->end < mb->end ? -1 : (ma->end > mb->end ? 1 : 0);
}

/* How many words of a statement the matches in @blob reach into. */
static guint
words_wanted (const void *blob,
              int         n_bytes)
{
  const gint32 *pairs = blob;
  guint n = n_bytes / (2 * sizeof (gint32));
  guint wanted = 0;

  for (guint i = 0; i < n; i++)
    if (pairs[2 * i] >= 0)
      wanted = MAX (wanted, (guint) pairs[2 * i] + (guint) MAX (pairs[2 * i + 1], 1));

  return wanted;
}

/* The matches of a statement starting at @base from the word positions in @blob, by
 * start, each once. */
static void
collect_matches (const Tokens *tokens,
                 const void   *blob,
                 int           n_bytes,
                 guint         base,
                 GArray       *matches)
{
  const gint32 *pairs = blob;
  guint n = n_bytes / (2 * sizeof (gint32));
  guint kept = 0;

  g_array_set_size (matches, 0);
  for (guint i = 0; i < n; i++)
    {
      guint first = (guint) pairs[2 * i];
      guint last = first + (guint) MAX (pairs[2 * i + 1], 1) - 1;
      PlSearchMatch match;

      if (pairs[2 * i] < 0 || last >= tokens->words->len)
        continue;
      match.start = base + g_array_index (tokens->words, guint, 2 * first);
      match.end = base + g_array_index (tokens->words, guint, 2 * last + 1);
      g_array_append_val (matches, match);
    }

  g_array_sort (matches, compare_matches);
  for (guint i = 0; i < matches->len; i++)
    {
      PlSearchMatch *match = &g_array_index (matches, PlSearchMatch, i);

      if (kept == 0 || compare_matches (match, &g_array_index (matches, PlSearchMatch, kept - 1)) != 0)
        g_array_index (matches, PlSearchMatch, kept++) = *match;
    }
  g_array_set_size (matches, kept);
}

/* Searching */

static char *
search_sql (const PlQueryFilter *filter)
{
  GString *sql = g_string_new ("SELECT s.id, s.document_id, s.idx, s.start_offset, s.end_offset,"
                               " s.kind, s.speaker, s.entity, s.entity_type, s.iso3,"
                               " s.regional_group, s.on_behalf_of,"
                               " pl_search_instances(statements_fts)"
                               " FROM statements_fts JOIN statements AS s"
                               " ON s.id = statements_fts.rowid"
                               " WHERE statements_fts MATCH :query AND ");

  pl_query_append_statement_test (sql, filter);
  if (pl_query_filter_has_document_values (filter))
    {
      g_string_append (sql, " AND s.document_id IN (SELECT d.id FROM documents AS d WHERE 1");
      pl_query_append_document_where (sql, filter);
      g_string_append (sql, ")");
    }
  /* A segment of the statement: one that starts in it, before the next one starts. */
  if (pl_query_filter_has_annotation_values (filter))
    {
      g_string_append (sql, " AND EXISTS (SELECT 1 FROM annotations AS a"
                            " WHERE a.document_id = s.document_id"
                            " AND a.start_offset >= s.start_offset"
                            " AND a.start_offset < coalesce((SELECT min(n.start_offset)"
                            "  FROM statements AS n WHERE n.document_id = s.document_id"
                            "  AND n.start_offset > s.start_offset), 9223372036854775807)");
      pl_query_append_annotation_where (sql, filter, PL_QUERY_CODES_TESTED);
      g_string_append (sql, ")");
    }
  g_string_append (sql, " ORDER BY s.document_id, s.start_offset");

  return g_string_free (sql, FALSE);
}

/* The text of the document being walked, read once per document and cut where SQLite
 * holds it: a statement of the search's own (not from the cache, where a call from the
 * callback could reset it), stepped to the document's row. */
typedef struct
{
  gint64        document_id;
  sqlite3_stmt *stmt;
  PlTextCursor  cursor;
} DocumentText;

static void
document_text_clear (DocumentText *text)
{
  g_clear_pointer (&text->stmt, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DocumentText, document_text_clear)

/* Code points [@start, @end) of document @document_id; statements come by document and
 * start, so the text is read once per document and walked forwards. */
static const char *
cut_statement (PlProject     *project,
               DocumentText  *text,
               gint64         document_id,
               guint          start,
               guint          end,
               gsize         *out_length,
               GError       **error)
{
  const char *utf8;

  if (text->stmt != NULL && text->document_id == document_id)
    return pl_text_cursor_cut (&text->cursor, start, end, out_length);

  if (text->stmt == NULL &&
      sqlite3_prepare_v2 (pl_project_get_db (project), "SELECT text FROM documents WHERE id = ?",
                          -1, &text->stmt, NULL) != SQLITE_OK)
    {
      pl_project_set_sql_error (project, error, "read the document");
      return NULL;
    }

  sqlite3_reset (text->stmt);
  sqlite3_bind_int64 (text->stmt, 1, document_id);
  if (sqlite3_step (text->stmt) != SQLITE_ROW ||
      (utf8 = (const char *) sqlite3_column_text (text->stmt, 0)) == NULL)
    {
      pl_project_set_sql_error (project, error, "read the document");
      return NULL;
    }
  text->document_id = document_id;
  pl_text_cursor_init (&text->cursor, utf8);

  return pl_text_cursor_cut (&text->cursor, start, end, out_length);
}

static void
read_statement (sqlite3_stmt     *stmt,
                PlQueryStatement *statement)
{
  const char *kind = (const char *) sqlite3_column_text (stmt, 5);

  statement->id = sqlite3_column_int64 (stmt, 0);
  statement->index = (guint) sqlite3_column_int64 (stmt, 2);
  statement->start = (guint) sqlite3_column_int64 (stmt, 3);
  statement->end = (guint) sqlite3_column_int64 (stmt, 4);
  statement->kind = g_strcmp0 (kind, "front_matter") == 0 ? PL_STATEMENT_KIND_FRONT_MATTER
                                                          : PL_STATEMENT_KIND_STATEMENT;
  statement->kept = TRUE;
  statement->speaker = (const char *) sqlite3_column_text (stmt, 6);
  statement->entity = (const char *) sqlite3_column_text (stmt, 7);
  statement->entity_type = (const char *) sqlite3_column_text (stmt, 8);
  statement->iso3 = (const char *) sqlite3_column_text (stmt, 9);
  statement->regional_group = (const char *) sqlite3_column_text (stmt, 10);
  statement->on_behalf_of = (const char *) sqlite3_column_text (stmt, 11);
}

gboolean
pl_project_search (PlProject            *project,
                   const char           *query,
                   const PlQueryFilter  *filter,
                   PlSearchRowFunc       func,
                   gpointer              user_data,
                   GError              **error)
{
  g_auto(FtsQuery) fts = { NULL };
  g_auto(Tokens) tokens = { { NULL } };
  g_auto(DocumentText) text = { 0 };
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (PlSearchMatch));
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_empty (query, NULL, error))
    return FALSE;
  if (!pl_project_search_index_is_ready (project) &&
      !pl_project_build_search_index (project, NULL, NULL, error))
    return FALSE;
  if (!tokens_init (&tokens, project, error))
    return FALSE;

  fts_query_init (&fts, query);
  sql = search_sql (filter);
  stmt = prepare_with_instances (project, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":query"), fts.text, -1,
                     SQLITE_TRANSIENT);
  if (filter != NULL)
    pl_query_filter_bind (stmt, filter);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 document_id = sqlite3_column_int64 (stmt, 1);
      PlDocument *document = pl_project_find_document (project, document_id);
      PlQueryStatement statement;
      g_autofree char *statement_text = NULL;
      const char *cut;
      gsize length;

      if (document == NULL)
        continue;

      read_statement (stmt, &statement);
      cut = cut_statement (project, &text, document_id, statement.start, statement.end, &length,
                           error);
      if (cut == NULL)
        {
          ok = FALSE;
          break;
        }
      statement_text = g_strndup (cut, length);
      if (!tokenize (&tokens, statement_text, length,
                     words_wanted (sqlite3_column_blob (stmt, 12), sqlite3_column_bytes (stmt, 12)),
                     error))
        {
          ok = FALSE;
          break;
        }
      collect_matches (&tokens, sqlite3_column_blob (stmt, 12), sqlite3_column_bytes (stmt, 12),
                       statement.start, matches);

      if (!func (&(PlSearchRow) {
                   .document = document,
                   .statement = &statement,
                   .text = statement_text,
                   .matches = (const PlSearchMatch *) matches->data,
                   .n_matches = matches->len,
                 },
                 user_data, error))
        {
          ok = FALSE;
          break;
        }
    }

  if (ok && rc != SQLITE_DONE)
    {
      g_autofree char *message = g_strdup (sqlite3_errmsg (pl_project_get_db (project)));

      if (!is_query_error (message))
        {
          pl_project_set_sql_error (project, error, "search");
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
      return query_error (project, query, &fts, message, NULL, error);
    }

  sqlite3_reset (stmt);
  return ok;
}
