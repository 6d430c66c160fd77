/* pl-search.c — search hits across a project, and "Code all hits…"
 *
 * The store finds the statements and where in them the query matched
 * (pl-project-search.h); here each match becomes a hit with a snippet, and "Code all
 * hits…" turns hits into spans (the match, its sentence or its statement), each once, and
 * applies them with one history action of many "annotation.insert" operations
 * (pl_project_add_annotations()), which one undo takes back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-search"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-analysis-private.h"
#include "pl-error.h"
#include "pl-project-search.h"
#include "pl-search.h"
#include "pl-text.h"

/* Hits */

G_DEFINE_BOXED_TYPE (PlSearchHit, pl_search_hit, pl_search_hit_ref, pl_search_hit_unref)

PlSearchHit *
pl_search_hit_ref (PlSearchHit *hit)
{
  g_return_val_if_fail (hit != NULL, NULL);

  g_atomic_int_inc (&hit->ref_count);
  return hit;
}

void
pl_search_hit_unref (PlSearchHit *hit)
{
  if (hit == NULL || !g_atomic_int_dec_and_test (&hit->ref_count))
    return;

  g_free (hit->document_title);
  g_free (hit->snippet);
  g_free (hit->speaker);
  g_free (hit->entity);
  g_free (hit->regional_group);
  g_free (hit);
}

/* Snippets
 *
 * Worked out on the UTF-8 text itself: a statement can be long, and only the stretch
 * around the match is looked at.  Line breaks and tabs become spaces: a snippet is one
 * line. */

static gboolean
is_space_before (const char *text,
                 const char *p)
{
  return p > text && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (p)));
}

/* @p moved back by up to @n code points, not before @text. */
static const char *
back (const char *text,
      const char *p,
      guint       n)
{
  for (; n > 0 && p > text; n--)
    p = g_utf8_prev_char (p);
  return p;
}

/* @p moved forward by up to @n code points, not past @limit. */
static const char *
forward (const char *p,
         const char *limit,
         guint       n)
{
  for (; n > 0 && p < limit; n--)
    p = g_utf8_next_char (p);
  return p;
}

/* A snippet of @text (the statement) around code points [@start, @end) of it: about
 * PL_SEARCH_SNIPPET_CONTEXT code points on either side, in whole words (a cut word reads as
 * a typo), line breaks and tabs as spaces, "…" where it is cut. */
static void
make_snippet (PlSearchHit *hit,
              const char  *text,
              guint        start,
              guint        end)
{
  PlTextCursor cursor;
  gsize length;
  const char *match_start, *match_end, *from, *to, *limit;
  g_autoptr(GString) snippet = g_string_new (NULL);
  gsize copied;

  pl_text_cursor_init (&cursor, text);
  match_start = pl_text_cursor_cut (&cursor, start, end, &length);
  match_end = match_start + length;
  limit = cursor.limit;
  from = back (text, match_start, PL_SEARCH_SNIPPET_CONTEXT);
  to = forward (match_end, limit, PL_SEARCH_SNIPPET_CONTEXT);

  while (from > text && !is_space_before (text, from))
    from = g_utf8_prev_char (from);
  while (to < limit && !g_unichar_isspace (g_utf8_get_char (to)))
    to = g_utf8_next_char (to);
  while (from < match_start && g_unichar_isspace (g_utf8_get_char (from)))
    from = g_utf8_next_char (from);
  while (to > match_end && is_space_before (text, to))
    to = g_utf8_prev_char (to);

  if (from > text)
    g_string_append (snippet, "…");
  hit->snippet_start = g_utf8_strlen (snippet->str, -1) + g_utf8_pointer_to_offset (from, match_start);
  hit->snippet_end = hit->snippet_start + g_utf8_pointer_to_offset (match_start, match_end);
  copied = snippet->len;
  g_string_append_len (snippet, from, to - from);
  for (gsize i = copied; i < snippet->len; i++)
    if (snippet->str[i] == '\n' || snippet->str[i] == '\t' || snippet->str[i] == '\r')
      snippet->str[i] = ' ';
  if (to < limit)
    g_string_append (snippet, "…");

  hit->snippet = g_string_free (g_steal_pointer (&snippet), FALSE);
}

/* Searching */

static gboolean
add_hits (const PlSearchRow  *row,
          gpointer            user_data,
          GError            **error)
{
  GPtrArray *hits = user_data;

  for (guint i = 0; i < row->n_matches; i++)
    {
      const PlSearchMatch *match = &row->matches[i];
      PlSearchHit *hit = g_new0 (PlSearchHit, 1);

      hit->ref_count = 1;
      hit->document_id = pl_document_get_id (row->document);
      hit->document_title = g_strdup (pl_document_get_title (row->document));
      hit->statement_index = row->statement->index;
      hit->statement_start = row->statement->start;
      hit->statement_end = row->statement->end;
      hit->start = match->start;
      hit->end = match->end;
      hit->speaker = g_strdup (row->statement->speaker);
      hit->entity = g_strdup (row->statement->entity);
      hit->regional_group = g_strdup (row->statement->regional_group);
      make_snippet (hit, row->text, match->start - row->statement->start,
                    match->end - row->statement->start);
      g_ptr_array_add (hits, hit);
    }

  return TRUE;
}

GPtrArray *
pl_search (PlProject            *project,
           const char           *query,
           const PlQueryFilter  *filter,
           GError              **error)
{
  g_autoptr(GPtrArray) hits = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  hits = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_search_hit_unref);
  if (!pl_project_search (project, query, filter, add_hits, hits, error))
    return NULL;

  return g_steal_pointer (&hits);
}

/* Sentences */

static gboolean
ends_sentence (gunichar c)
{
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 ||
         c == 0xFF1F;
}

static gboolean
closes (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 ||
         c == 0x00BB || c == 0x300D;
}

/* Whether the first character after the white space at @at is a lower-case letter: "e.g.
 * the", "(really!) here" go on. */
static gboolean
next_word_is_lower (const gunichar *chars,
                    glong           n,
                    glong           at)
{
  while (at < n && g_unichar_isspace (chars[at]) && chars[at] != '\n')
    at++;

  return at < n && g_unichar_islower (chars[at]);
}

/* Adds [@from, @to) of @chars without the white space around it, unless nothing is left. */
static void
add_sentence (GArray         *sentences,
              const gunichar *chars,
              glong           from,
              glong           to)
{
  glong bounds[2];

  while (from < to && g_unichar_isspace (chars[from]))
    from++;
  while (to > from && g_unichar_isspace (chars[to - 1]))
    to--;
  if (from == to)
    return;

  bounds[0] = from;
  bounds[1] = to;
  g_array_append_val (sentences, bounds);
}

void
pl_search_sentence_bounds (const char *text,
                           guint       start,
                           guint       end,
                           guint      *out_start,
                           guint      *out_end)
{
  glong n = 0;
  g_autofree gunichar *chars = NULL;
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (glong) * 2);
  glong begin = 0;
  gboolean found = FALSE;

  g_return_if_fail (text != NULL);
  g_return_if_fail (out_start != NULL && out_end != NULL);

  chars = g_utf8_to_ucs4_fast (text, -1, &n);
  start = MIN (start, (guint) n);
  end = CLAMP (end, start, (guint) n);
  *out_start = start;
  *out_end = end;

  for (glong i = 0; i < n; i++)
    {
      glong j;

      if (chars[i] == '\n')
        {
          add_sentence (sentences, chars, begin, i);
          begin = i + 1;
          continue;
        }
      if (!ends_sentence (chars[i]))
        continue;

      for (j = i + 1; j < n && ends_sentence (chars[j]); j++)
        ;
      for (; j < n && closes (chars[j]); j++)
        ;
      if (j == n || (g_unichar_isspace (chars[j]) && !next_word_is_lower (chars, n, j)))
        {
          add_sentence (sentences, chars, begin, j);
          begin = j;
          i = j - 1;
        }
    }
  add_sentence (sentences, chars, begin, n);

  for (guint k = 0; k < sentences->len; k++)
    {
      const glong *bounds = &g_array_index (sentences, glong, 2 * k);
      gboolean touches = end > start ? bounds[0] < (glong) end && bounds[1] > (glong) start
                                     : bounds[0] <= (glong) start && bounds[1] >= (glong) start;

      if (!touches)
        continue;
      if (!found)
        *out_start = (guint) bounds[0];
      *out_end = MAX ((guint) bounds[1], end);
      *out_start = MIN (*out_start, start);
      found = TRUE;
    }
}

gboolean
pl_search_unit_from_string (const char   *name,
                            PlSearchUnit *out_unit)
{
  static const char * const names[] = {
    [PL_SEARCH_UNIT_MATCH] = "match",
    [PL_SEARCH_UNIT_SENTENCE] = "sentence",
    [PL_SEARCH_UNIT_STATEMENT] = "statement",
  };
  guint index;

  g_return_val_if_fail (out_unit != NULL, FALSE);

  if (!pl_analysis_find_name (names, G_N_ELEMENTS (names), name, &index))
    return FALSE;
  *out_unit = index;
  return TRUE;
}

/* Coding all hits */

typedef struct
{
  PlProject            *project;
  const PlCodeHitsSpec *spec;
  gint64                document_id;  /* whose text and annotations are loaded */
  char                 *text;
  PlTextCursor          cursor;
  GHashTable           *coded;        /* "start:end" the code already has by the coder */
  GHashTable           *planned;      /* "document:start:end" already in the plan */
} Planning;

static void
planning_clear (Planning *planning)
{
  g_clear_pointer (&planning->text, g_free);
  g_clear_pointer (&planning->coded, g_hash_table_unref);
  g_clear_pointer (&planning->planned, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Planning, planning_clear)

static gboolean
planning_load (Planning  *planning,
               gint64     document_id,
               GError   **error)
{
  g_autoptr(GPtrArray) annotations = NULL;

  if (planning->text != NULL && planning->document_id == document_id)
    return TRUE;

  g_clear_pointer (&planning->text, g_free);
  planning->text = pl_project_dup_document_text (planning->project, document_id, error);
  if (planning->text == NULL)
    return FALSE;
  pl_text_cursor_init (&planning->cursor, planning->text);
  planning->document_id = document_id;

  annotations = pl_project_list_annotations (planning->project, document_id, error);
  if (annotations == NULL)
    return FALSE;
  g_hash_table_remove_all (planning->coded);
  for (guint i = 0; i < annotations->len; i++)
    {
      const PlAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (annotation->code_id == planning->spec->code_id &&
          annotation->coder_id == planning->spec->coder_id)
        g_hash_table_add (planning->coded,
                          g_strdup_printf ("%u:%u", annotation->start, annotation->end));
    }

  return TRUE;
}

/* The span to code for @hit. */
static void
span_of_hit (Planning          *planning,
             const PlSearchHit *hit,
             guint             *out_start,
             guint             *out_end)
{
  g_autofree char *statement = NULL;
  guint start, end;

  switch (planning->spec->unit)
    {
    case PL_SEARCH_UNIT_MATCH:
      *out_start = hit->start;
      *out_end = hit->end;
      break;

    case PL_SEARCH_UNIT_STATEMENT:
      *out_start = hit->statement_start;
      *out_end = hit->statement_end;
      break;

    case PL_SEARCH_UNIT_SENTENCE:
      statement = pl_text_cursor_dup (&planning->cursor, hit->statement_start, hit->statement_end);
      pl_search_sentence_bounds (statement, hit->start - hit->statement_start,
                                 hit->end - hit->statement_start, &start, &end);
      *out_start = hit->statement_start + start;
      *out_end = hit->statement_start + end;
      break;

    default:
      g_assert_not_reached ();
    }
}

GArray *
pl_search_plan_code_hits (PlProject             *project,
                          GPtrArray             *hits,
                          const PlCodeHitsSpec  *spec,
                          guint                 *out_n_already,
                          GError               **error)
{
  g_auto(Planning) planning = { NULL };
  g_autoptr(GArray) plan = NULL;
  PlCode *code;
  guint n_already = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (hits != NULL, NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  code = pl_project_find_code (project, spec->code_id);
  if (code == NULL || !pl_code_get_codable (code))
    {
      g_set_error (error, PL_STORE_ERROR, code == NULL ? PL_STORE_ERROR_NOT_FOUND : PL_STORE_ERROR_INVALID,
                   code == NULL ? _("There is no code %lld in this project.")
                                : _("This code is a folder of codes and cannot be applied to "
                                    "text (code %lld)."),
                   (long long) spec->code_id);
      return NULL;
    }

  planning.project = project;
  planning.spec = spec;
  planning.coded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  planning.planned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan = g_array_new (FALSE, TRUE, sizeof (PlAnnotationSpec));

  for (guint i = 0; i < hits->len; i++)
    {
      const PlSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *span = NULL;
      g_autofree char *key = NULL;
      guint start, end;

      if (!planning_load (&planning, hit->document_id, error))
        return NULL;

      span_of_hit (&planning, hit, &start, &end);
      if (start >= end)
        continue;
      span = g_strdup_printf ("%u:%u", start, end);
      key = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", hit->document_id, span);
      if (g_hash_table_contains (planning.planned, key))
        continue;
      g_hash_table_add (planning.planned, g_steal_pointer (&key));

      if (g_hash_table_contains (planning.coded, span))
        {
          n_already++;
          continue;
        }

      g_array_append_val (plan, ((PlAnnotationSpec) {
                                   .document_id = hit->document_id,
                                   .code_id = spec->code_id,
                                   .coder_id = spec->coder_id,
                                   .start = start,
                                   .end = end,
                                 }));
    }

  if (out_n_already != NULL)
    *out_n_already = n_already;
  return g_steal_pointer (&plan);
}

gboolean
pl_search_code_hits (PlProject  *project,
                     GArray     *plan,
                     GError    **error)
{
  g_autofree char *label = NULL;
  g_auto(GStrv) guids = NULL;
  PlCode *code;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  if (plan->len == 0)
    return TRUE;

  code = pl_project_find_code (project, g_array_index (plan, PlAnnotationSpec, 0).code_id);
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Apply “%s” to %u search hit",
                                        "Apply “%s” to %u search hits", plan->len),
                           code != NULL ? pl_code_get_name (code) : "", plan->len);

  guids = pl_project_add_annotations (project, (const PlAnnotationSpec *) plan->data, plan->len,
                                      label, error);
  return guids != NULL;
}
