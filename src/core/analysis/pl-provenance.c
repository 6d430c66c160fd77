/* pl-provenance.c — candidates: which statements' wording an outcome document reuses
 *
 * The sources of a search are the statements of the project (kind "statement": front
 * matter is the document's own heading, not a delegation's words), each as its span of its
 * document, so the finder's offsets come back as offsets of that document.  The outcome
 * document itself and every document marked as an outcome document are left out: a draft
 * reusing the previous draft is a version of it (pl-provenance-report.c), not a proposal.
 *
 * A search keeps the texts and the index, so the review can run it again with another
 * minimum length without reading the project again; runs happen in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-provenance"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-provenance.h"
#include "pl-provenance-private.h"
#include "pl-text.h"

struct _PlProvenanceSearch
{
  gint64        outcome_document_id;
  char         *outcome_text;
  PlReuseIndex *index;
  GHashTable   *statements;  /* statement row id (gint64*) → PlStatement */
  GHashTable   *positions;   /* "document id:index" → PlStatement (borrowed) */
  GHashTable   *texts;       /* document id (gint64*) → its text */
};

void
pl_provenance_search_free (PlProvenanceSearch *self)
{
  if (self == NULL)
    return;

  g_free (self->outcome_text);
  g_clear_pointer (&self->index, pl_reuse_index_free);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_free (self);
}

GHashTable *
pl_provenance_excluded_documents (gint64     outcome_document_id,
                                  GPtrArray *outcomes)
{
  GHashTable *excluded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_hash_table_add (excluded, g_memdup2 (&outcome_document_id, sizeof (gint64)));
  for (guint i = 0; i < outcomes->len; i++)
    {
      const PlOutcome *outcome = g_ptr_array_index (outcomes, i);

      g_hash_table_add (excluded, g_memdup2 (&outcome->document_id, sizeof (gint64)));
    }
  return excluded;
}

static char *
position_key (gint64 document_id,
              guint  index)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%u", document_id, index);
}

/* Adds the statements of @document to the index, as spans of its text. */
static gboolean
add_document (PlProvenanceSearch  *self,
              PlProject           *project,
              PlDocument          *document,
              GError             **error)
{
  gint64 id = pl_document_get_id (document);
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *text = NULL;
  const char *cursor;
  guint cursor_offset = 0;

  statements = pl_project_list_statements (project, id, error);
  if (statements == NULL)
    return FALSE;
  text = pl_project_dup_document_text (project, id, error);
  if (text == NULL)
    return FALSE;

  /* Statements come in order of their index, which is the order of their starts. */
  cursor = text;
  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);
      g_autofree char *passage = NULL;
      PlReuseSource source;

      if (statement->kind != PL_STATEMENT_KIND_STATEMENT || statement->end <= statement->start)
        continue;

      if (statement->start < cursor_offset)
        {
          cursor = text;
          cursor_offset = 0;
        }
      cursor = g_utf8_offset_to_pointer (cursor, statement->start - cursor_offset);
      cursor_offset = statement->start;
      passage = g_strndup (cursor, g_utf8_offset_to_pointer (cursor, statement->end - statement->start) - cursor);

      source = (PlReuseSource) { statement->id, passage, statement->start };
      pl_reuse_index_add (self->index, &source);
      g_hash_table_insert (self->statements, g_memdup2 (&statement->id, sizeof (gint64)),
                           pl_statement_ref (statement));
      g_hash_table_insert (self->positions, position_key (id, statement->index), statement);
    }

  g_hash_table_insert (self->texts, g_memdup2 (&id, sizeof (gint64)), g_steal_pointer (&text));
  return TRUE;
}

PlProvenanceSearch *
pl_provenance_search_new (PlProject  *project,
                          gint64      outcome_document_id,
                          GError    **error)
{
  g_autoptr(PlProvenanceSearch) self = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GHashTable) excluded = NULL;
  GListModel *documents;
  guint n;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  if (pl_project_find_document (project, outcome_document_id) == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %lld in this project."), (long long) outcome_document_id);
      return NULL;
    }

  self = g_new0 (PlProvenanceSearch, 1);
  self->outcome_document_id = outcome_document_id;
  self->index = pl_reuse_index_new ();
  self->statements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) pl_statement_unref);
  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  self->outcome_text = pl_project_dup_document_text (project, outcome_document_id, error);
  if (self->outcome_text == NULL)
    return NULL;

  outcomes = pl_project_list_outcomes (project, error);
  if (outcomes == NULL)
    return NULL;
  excluded = pl_provenance_excluded_documents (outcome_document_id, outcomes);

  documents = pl_project_get_documents (project);
  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);
      gint64 id = pl_document_get_id (document);

      if (!g_hash_table_contains (excluded, &id) && !add_document (self, project, document, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

GArray *
pl_provenance_search_run (PlProvenanceSearch   *self,
                          const PlReuseOptions *options)
{
  g_autoptr(GArray) found = NULL;
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (PlProvenanceCandidate));

  g_return_val_if_fail (self != NULL, candidates);

  found = pl_reuse_find (self->index, self->outcome_text, options);
  for (guint i = 0; i < found->len; i++)
    {
      const PlReuseCandidate *match = &g_array_index (found, PlReuseCandidate, i);
      const PlStatement *statement = g_hash_table_lookup (self->statements, &match->source_id);
      PlProvenanceCandidate candidate;

      g_assert (statement != NULL);
      candidate = (PlProvenanceCandidate) {
        .document_id = statement->document_id,
        .statement_index = statement->index,
        .start = match->document_start,
        .end = match->document_end,
        .outcome_start = match->outcome_start,
        .outcome_end = match->outcome_end,
        .words = match->words,
        .score = match->score,
      };
      g_array_append_val (candidates, candidate);
    }

  return candidates;
}

guint
pl_provenance_search_get_n_sources (PlProvenanceSearch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return pl_reuse_index_get_n_sources (self->index);
}

const char *
pl_provenance_search_get_outcome_text (PlProvenanceSearch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->outcome_text;
}

const PlStatement *
pl_provenance_search_get_statement (PlProvenanceSearch          *self,
                                    const PlProvenanceCandidate *candidate)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (candidate != NULL, NULL);

  key = position_key (candidate->document_id, candidate->statement_index);
  return g_hash_table_lookup (self->positions, key);
}

const char *
pl_provenance_search_get_document_text (PlProvenanceSearch *self,
                                        gint64              document_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (document_id == self->outcome_document_id)
    return self->outcome_text;
  return g_hash_table_lookup (self->texts, &document_id);
}

typedef struct
{
  PlProvenanceSearch *search;
  PlReuseOptions      options;
  gboolean            default_options;
} RunData;

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RunData *data = task_data;
  GArray *candidates;

  candidates = pl_provenance_search_run (data->search, data->default_options ? NULL : &data->options);
  if (g_task_return_error_if_cancelled (task))
    {
      g_array_unref (candidates);
      return;
    }

  g_task_return_pointer (task, candidates, (GDestroyNotify) g_array_unref);
}

void
pl_provenance_search_run_async (PlProvenanceSearch   *self,
                                const PlReuseOptions *options,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (self != NULL);

  data = g_new0 (RunData, 1);
  data->search = self;
  data->default_options = options == NULL;
  if (options != NULL)
    data->options = *options;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_provenance_search_run_async);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, run_in_thread);
}

GArray *
pl_provenance_search_run_finish (PlProvenanceSearch  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GArray *
pl_provenance_find_candidates (PlProject            *project,
                               gint64                outcome_document_id,
                               const PlReuseOptions *options,
                               GError              **error)
{
  g_autoptr(PlProvenanceSearch) search = NULL;

  search = pl_provenance_search_new (project, outcome_document_id, error);
  if (search == NULL)
    return NULL;

  return pl_provenance_search_run (search, options);
}

const PlLink *
pl_provenance_candidate_find_link (const PlProvenanceCandidate *candidate,
                                   gint64                       outcome_document_id,
                                   GPtrArray                   *links)
{
  g_return_val_if_fail (candidate != NULL, NULL);

  for (guint i = 0; links != NULL && i < links->len; i++)
    {
      const PlLink *link = g_ptr_array_index (links, i);

      if (link->outcome_document_id == outcome_document_id
          && link->source_document_id == candidate->document_id
          && link->source_start == candidate->start && link->source_end == candidate->end
          && link->outcome_start == candidate->outcome_start
          && link->outcome_end == candidate->outcome_end)
        return link;
    }

  return NULL;
}
