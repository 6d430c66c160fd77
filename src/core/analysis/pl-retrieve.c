/* pl-retrieve.c — code-and-retrieve: the coded segments of some codes, with their statements
 *
 * The store walks the documents the filter keeps and hands over each one's text,
 * statements and the segments of the chosen codes and of the NOT codes
 * (pl-project-query.h); here each statement's segments are checked against ALL and NOT,
 * and the hits are cut out of the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-retrieve"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-analysis-private.h"
#include "pl-chart-private.h"
#include "pl-csv.h"
#include "pl-error.h"
#include "pl-retrieve.h"
#include "pl-text.h"

/* Hits */

G_DEFINE_BOXED_TYPE (PlRetrieveHit, pl_retrieve_hit, pl_retrieve_hit_ref, pl_retrieve_hit_unref)

PlRetrieveHit *
pl_retrieve_hit_ref (PlRetrieveHit *hit)
{
  g_return_val_if_fail (hit != NULL, NULL);

  g_atomic_int_inc (&hit->ref_count);
  return hit;
}

void
pl_retrieve_hit_unref (PlRetrieveHit *hit)
{
  if (hit == NULL || !g_atomic_int_dec_and_test (&hit->ref_count))
    return;

  g_free (hit->annotation_guid);
  g_free (hit->document_title);
  g_free (hit->process);
  g_free (hit->session);
  g_free (hit->date);
  g_free (hit->code);
  g_free (hit->code_name);
  g_free (hit->text);
  g_free (hit->context);
  g_free (hit->speaker);
  g_free (hit->entity);
  g_free (hit->entity_type);
  g_free (hit->iso3);
  g_free (hit->regional_group);
  g_free (hit->on_behalf_of);
  g_free (hit->coder);
  g_free (hit->stance);
  g_free (hit);
}

/* Codes */

static gboolean
array_contains (GArray *ids,
                gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

/* Whether @code is one of @ids or, with @with_descendants, below one. */
static gboolean
code_is_chosen (PlProject *project,
                PlCode    *code,
                GArray    *ids,
                gboolean   with_descendants)
{
  while (code != NULL)
    {
      if (array_contains (ids, pl_code_get_id (code)))
        return TRUE;
      if (!with_descendants || pl_code_get_parent_id (code) == 0)
        return FALSE;
      code = pl_project_find_code (project, pl_code_get_parent_id (code));
    }

  return FALSE;
}

GArray *
pl_retrieve_expand_codes (PlProject *project,
                          GArray    *code_ids,
                          gboolean   with_descendants)
{
  GListModel *codes;
  GArray *expanded;
  guint n;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (code_ids != NULL, NULL);

  codes = pl_project_get_codes (project);
  n = g_list_model_get_n_items (codes);
  expanded = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);

      if (code_is_chosen (project, code, code_ids, with_descendants))
        g_array_append_val (expanded, id);
    }

  return expanded;
}

static void
append_ids (GArray     *into,
            GHashTable *set)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (into, *(gint64 *) key);
}

/* Values */

gboolean
pl_retrieve_resolve_values (PlProject     *project,
                            PlQueryField   field,
                            char         **values,
                            GError       **error)
{
  g_auto(GStrv) known = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  known = pl_project_query_list_values (project, field, error);
  if (known == NULL)
    return FALSE;

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (values[i], -1);
      const char *match = NULL;

      for (guint k = 0; known[k] != NULL && match == NULL; k++)
        {
          g_autofree char *candidate = g_utf8_casefold (known[k], -1);

          if (g_strcmp0 (candidate, folded) == 0)
            match = known[k];
        }

      if (match == NULL)
        {
          g_autofree char *list = known[0] != NULL ? g_strjoinv (", ", known) : NULL;

          if (list != NULL)
            g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                         _("No statement or document of this project has “%s”. It has: %s."),
                         values[i], list);
          else
            g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                         _("No statement or document of this project has “%s”, nor any "
                           "value of that kind."), values[i]);
          return FALSE;
        }

      g_free (values[i]);
      values[i] = g_strdup (match);
    }

  return TRUE;
}

/* Retrieving */

typedef struct
{
  PlProject            *project;
  const PlRetrieveSpec *spec;
  GHashTable           *chosen;      /* code ids of the hits; NULL: every code */
  GPtrArray            *families;    /* ALL mode: a set of code ids per chosen code */
  gboolean             *present;     /* ALL mode: which family a statement has */
  GHashTable           *excluded;    /* NOT codes; NULL: none */
  GHashTable           *coder_names; /* gint64* → name */
  GPtrArray            *coders;
  GPtrArray            *hits;
} Retrieval;

static void
retrieval_clear (Retrieval *retrieval)
{
  g_clear_pointer (&retrieval->chosen, g_hash_table_unref);
  g_clear_pointer (&retrieval->families, g_ptr_array_unref);
  g_clear_pointer (&retrieval->present, g_free);
  g_clear_pointer (&retrieval->excluded, g_hash_table_unref);
  g_clear_pointer (&retrieval->coder_names, g_hash_table_unref);
  g_clear_pointer (&retrieval->coders, g_ptr_array_unref);
  g_clear_pointer (&retrieval->hits, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Retrieval, retrieval_clear)

/* Whether the statement whose segments are @segments[0 … @n) passes ALL and NOT. */
static gboolean
statement_qualifies (Retrieval            *retrieval,
                     const PlQuerySegment *segments,
                     guint                 n,
                     gboolean              in_statement)
{
  if (retrieval->families != NULL)
    {
      if (!in_statement)
        return FALSE;

      memset (retrieval->present, 0, retrieval->families->len * sizeof (gboolean));
      for (guint i = 0; i < n; i++)
        for (guint f = 0; f < retrieval->families->len; f++)
          if (g_hash_table_contains (g_ptr_array_index (retrieval->families, f),
                                     &segments[i].code_id))
            retrieval->present[f] = TRUE;

      for (guint f = 0; f < retrieval->families->len; f++)
        if (!retrieval->present[f])
          return FALSE;
    }

  if (retrieval->excluded != NULL && in_statement)
    for (guint i = 0; i < n; i++)
      if (g_hash_table_contains (retrieval->excluded, &segments[i].code_id))
        return FALSE;

  return TRUE;
}

static PlRetrieveHit *
make_hit (Retrieval               *retrieval,
          const PlQueryDocument   *document,
          const PlQuerySegment    *segment,
          PlTextCursor            *cursor,
          const char              *context)
{
  PlRetrieveHit *hit = g_new0 (PlRetrieveHit, 1);
  PlDocument *doc = document->document;
  PlCode *code = pl_project_find_code (retrieval->project, segment->code_id);

  hit->ref_count = 1;
  hit->annotation_guid = g_strdup (segment->guid);
  hit->document_id = pl_document_get_id (doc);
  hit->document_title = g_strdup (pl_document_get_title (doc));
  hit->process = g_strdup (pl_document_get_metadata (doc, "process"));
  hit->session = g_strdup (pl_document_get_metadata (doc, "session"));
  hit->date = g_strdup (pl_document_get_metadata (doc, "date"));
  hit->start = segment->start;
  hit->end = segment->end;
  hit->code_id = segment->code_id;
  if (code != NULL)
    {
      const char *short_id = pl_code_get_short_id (code);

      hit->code = short_id != NULL && *short_id != '\0' ? g_strdup (short_id) : NULL;
      hit->code_name = g_strdup (pl_code_get_name (code));
    }
  hit->text = pl_text_cursor_dup (cursor, segment->start, segment->end);
  hit->coder_id = segment->coder_id;
  hit->coder = g_strdup (g_hash_table_lookup (retrieval->coder_names, &segment->coder_id));
  hit->stance = g_strdup (segment->stance);

  if (segment->statement >= 0)
    {
      const PlQueryStatement *statement = &document->statements[segment->statement];

      hit->statement_index = statement->index;
      hit->statement_start = statement->start;
      hit->statement_end = statement->end;
      hit->context = g_strdup (context);
      hit->speaker = g_strdup (statement->speaker);
      hit->entity = g_strdup (statement->entity);
      hit->entity_type = g_strdup (statement->entity_type);
      hit->iso3 = g_strdup (statement->iso3);
      hit->regional_group = g_strdup (statement->regional_group);
      hit->on_behalf_of = g_strdup (statement->on_behalf_of);
    }

  return hit;
}

static gboolean
is_hit (Retrieval            *retrieval,
        const PlQuerySegment *segment)
{
  return retrieval->chosen == NULL || g_hash_table_contains (retrieval->chosen, &segment->code_id);
}

static gboolean
retrieve_document (const PlQueryDocument  *document,
                   gpointer                user_data,
                   GError                **error)
{
  Retrieval *retrieval = user_data;
  PlTextCursor cursor;
  guint i = 0;

  pl_text_cursor_init (&cursor, document->text);

  while (i < document->n_segments)
    {
      int statement = document->segments[i].statement;
      g_autofree char *context = NULL;
      guint j = i;

      while (j < document->n_segments && document->segments[j].statement == statement)
        j++;

      if (statement_qualifies (retrieval, &document->segments[i], j - i, statement >= 0))
        for (guint k = i; k < j; k++)
          {
            if (!is_hit (retrieval, &document->segments[k]))
              continue;

            /* Statement first: the cursor moves forwards, to the statement, then its
             * segments. */
            if (context == NULL && statement >= 0)
              context = pl_text_cursor_dup (&cursor, document->statements[statement].start,
                                            document->statements[statement].end);

            g_ptr_array_add (retrieval->hits,
                             make_hit (retrieval, document, &document->segments[k], &cursor,
                                       context));
          }

      i = j;
    }

  return TRUE;
}

/* The families of ALL mode, and the filter the store walks with. */
static void
retrieval_init (Retrieval            *retrieval,
                PlProject            *project,
                const PlRetrieveSpec *spec,
                PlQueryFilter        *walk_filter)
{
  g_autoptr(GArray) chosen = NULL;
  g_autoptr(GArray) excluded = NULL;

  retrieval->project = project;
  retrieval->spec = spec;
  retrieval->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_retrieve_hit_unref);
  retrieval->coder_names = g_hash_table_new (g_int64_hash, g_int64_equal);
  retrieval->coders = pl_project_list_coders (project);
  for (guint i = 0; retrieval->coders != NULL && i < retrieval->coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (retrieval->coders, i);

      g_hash_table_insert (retrieval->coder_names, &coder->id, coder->name);
    }

  if (spec->filter != NULL)
    pl_query_filter_copy (spec->filter, walk_filter);
  g_clear_pointer (&walk_filter->code_ids, g_array_unref);

  if (spec->not_code_ids != NULL && spec->not_code_ids->len > 0)
    {
      excluded = pl_retrieve_expand_codes (project, spec->not_code_ids, spec->with_descendants);
      retrieval->excluded = pl_id_set_new (excluded);
    }

  if (spec->code_ids == NULL)
    return;

  chosen = pl_retrieve_expand_codes (project, spec->code_ids, spec->with_descendants);
  retrieval->chosen = pl_id_set_new (chosen);

  if (spec->mode == PL_RETRIEVE_ALL)
    {
      retrieval->families = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
      for (guint i = 0; i < spec->code_ids->len; i++)
        {
          g_autoptr(GArray) one = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_autoptr(GArray) family = NULL;

          g_array_append_val (one, g_array_index (spec->code_ids, gint64, i));
          family = pl_retrieve_expand_codes (project, one, spec->with_descendants);
          g_ptr_array_add (retrieval->families, pl_id_set_new (family));
        }
      retrieval->present = g_new0 (gboolean, MAX (spec->code_ids->len, 1));
    }

  /* The store hands over the segments of the chosen codes, and of the NOT codes, which
   * decide whether a statement counts. */
  walk_filter->code_ids = g_array_copy (chosen);
  if (retrieval->excluded != NULL)
    append_ids (walk_filter->code_ids, retrieval->excluded);
}

GPtrArray *
pl_retrieve (PlProject             *project,
             const PlRetrieveSpec  *spec,
             GError               **error)
{
  g_auto(Retrieval) retrieval = { NULL };
  PlQueryFilter walk_filter = { NULL };
  gboolean ok;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  retrieval_init (&retrieval, project, spec, &walk_filter);
  ok = pl_project_query_foreach_document (project, &walk_filter,
                                          PL_QUERY_SEGMENT_GUIDS | PL_QUERY_DOCUMENT_TEXT,
                                          retrieve_document, &retrieval, error);
  pl_query_filter_clear (&walk_filter);
  if (!ok)
    return NULL;

  return g_steal_pointer (&retrieval.hits);
}

/* CSV and citations */

static void
append_number (GString *line,
               gint64   value)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, value);
  pl_csv_append_field (line, number, PL_CSV_PLAIN);
}

char *
pl_retrieve_hits_to_csv (GPtrArray *hits)
{
  static const char * const header[] = {
    "annotation_guid", "document_id", "document_title", "process", "session", "date",
    "statement_index", "start", "end", "code", "code_name", "text", "context", "speaker",
    "entity", "entity_type", "iso3", "regional_group", "on_behalf_of", "coder", "stance",
  };
  const PlCsvFlags flags = PL_CSV_SPREADSHEET_SAFE | PL_CSV_KEEP_SPACES;
  GString *csv = g_string_new (NULL);

  g_return_val_if_fail (hits != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      pl_csv_append_field (csv, header[i], PL_CSV_PLAIN);
    }
  g_string_append (csv, "\r\n");

  for (guint i = 0; i < hits->len; i++)
    {
      const PlRetrieveHit *hit = g_ptr_array_index (hits, i);
      const char *texts[] = {
        hit->code, hit->code_name, hit->text, hit->context, hit->speaker, hit->entity,
        hit->entity_type, hit->iso3, hit->regional_group, hit->on_behalf_of, hit->coder,
        hit->stance,
      };

      pl_csv_append_field (csv, hit->annotation_guid, PL_CSV_PLAIN);
      g_string_append_c (csv, ',');
      append_number (csv, hit->document_id);
      g_string_append_c (csv, ',');
      pl_csv_append_field (csv, hit->document_title, flags);
      g_string_append_c (csv, ',');
      pl_csv_append_field (csv, hit->process, flags);
      g_string_append_c (csv, ',');
      pl_csv_append_field (csv, hit->session, flags);
      g_string_append_c (csv, ',');
      pl_csv_append_field (csv, hit->date, flags);
      g_string_append_c (csv, ',');
      if (hit->statement_index > 0)
        append_number (csv, hit->statement_index);
      g_string_append_c (csv, ',');
      append_number (csv, hit->start);
      g_string_append_c (csv, ',');
      append_number (csv, hit->end);
      for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
        {
          g_string_append_c (csv, ',');
          pl_csv_append_field (csv, texts[k], flags);
        }
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

gboolean
pl_retrieve_write_csv (GPtrArray   *hits,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (hits != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = pl_retrieve_hits_to_csv (hits);
  return pl_chart_write_file (path, csv, strlen (csv), error);
}

char *
pl_retrieve_format_citations (GPtrArray *hits)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (hits != NULL, NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      const PlRetrieveHit *hit = g_ptr_array_index (hits, i);
      const char *parts[] = {
        hit->speaker != NULL ? hit->speaker : hit->entity, hit->document_title, hit->session,
        hit->date,
      };
      g_autoptr(GPtrArray) cited = g_ptr_array_new ();
      g_autofree char *citation = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
        if (parts[k] != NULL && *parts[k] != '\0')
          g_ptr_array_add (cited, (gpointer) parts[k]);
      g_ptr_array_add (cited, NULL);
      citation = g_strjoinv (", ", (char **) cited->pdata);

      if (i > 0)
        g_string_append (text, "\n\n");
      /* TRANSLATORS: a quotation; use your language's quotation marks. */
      g_string_append_printf (text, _("“%s”"), hit->text != NULL ? hit->text : "");
      g_string_append_printf (text, "\n— %s", citation);
    }

  return g_string_free (text, FALSE);
}
