/* pl-provenance-report.c — an outcome document's links, by paragraph, delegation and group
 *
 * Paragraphs.  The runs of text between blank lines, trimmed; a text without a blank line
 * (one paragraph a line, as many reports are imported) is taken line by line.
 *
 * Sources.  Each link of the document is tied to the statement of its source document in
 * which its passage starts (the last statement starting at or before it and ending after
 * it), and through it to a delegation: the statement's entity, else its speaker as written.
 * A paragraph lists the links whose outcome passage overlaps it, the first link of each
 * delegation, and the earliest statement among them: the one whose document has the
 * earliest date (undated last), then the first document imported, then the first passage.
 *
 * Delegations.  For each delegation that made statements (kind "statement", outside outcome
 * documents): the statements it made up to the outcome's date (its own date, else the
 * document's "date" detail; every statement when either date is unknown), those with a link
 * into the document, the words its links share with the text, and the share of its
 * statements that reached the text (linked / made).
 *
 * Versions.  A paragraph's wording in each other outcome document of the project: that
 * document's paragraphs are the sources of a reuse search (pl-reuse.h, minimum 6 words,
 * score 0.35: redrafting changes more than quoting does) run on this document's text, and
 * the paragraph sharing the most words with this one is its version there.  Versions are
 * ordered as pl_project_list_outcomes() orders the documents; the paragraph itself takes
 * its document's place (the last when the document is not marked).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-provenance"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-provenance.h"
#include "pl-provenance-private.h"
#include "pl-text.h"

#define VERSION_MIN_WORDS 6
#define VERSION_THRESHOLD 0.35

struct _PlProvenance
{
  gint64      document_id;
  char       *text;
  char       *date;          /* the outcome's date, or NULL */
  GPtrArray  *sources;       /* PlProvenanceSource */
  GPtrArray  *paragraphs;    /* PlProvenanceParagraph */
  GPtrArray  *delegations;   /* PlProvenanceDelegation */
};

/* The five UN regional groups (../domain/un_regional_groups.csv), in the chart's order. */
static const struct
{
  const char *name;
  const char *label;
} groups[] = {
  { "African", N_("African") },
  { "Asia-Pacific", N_("Asia-Pacific") },
  { "Eastern European", N_("Eastern European") },
  { "Latin American and Caribbean", N_("GRULAC") },
  { "Western European and Others", N_("WEOG") },
};

static void
source_free (PlProvenanceSource *source)
{
  pl_link_free (source->link);
  g_free (source->delegation);
  g_free (source->regional_group);
  g_free (source->date);
  g_free (source->document_title);
  g_free (source);
}

static void
version_free (PlProvenanceVersion *version)
{
  g_free (version->date);
  g_free (version->document_title);
  g_free (version->text);
  g_free (version);
}

static void
paragraph_free (PlProvenanceParagraph *paragraph)
{
  g_free (paragraph->text);
  g_ptr_array_unref (paragraph->sources);
  g_ptr_array_unref (paragraph->delegations);
  g_ptr_array_unref (paragraph->versions);
  g_free (paragraph);
}

static void
delegation_free (PlProvenanceDelegation *delegation)
{
  g_free (delegation->delegation);
  g_free (delegation->regional_group);
  g_free (delegation);
}

void
pl_provenance_free (PlProvenance *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->date);
  g_clear_pointer (&self->paragraphs, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->delegations, g_ptr_array_unref);
  g_free (self);
}

/* Paragraphs */

typedef struct
{
  guint start;
  guint end;
} Range;

/* The paragraphs of @text as code-point ranges, trimmed of white space. */
static GArray *
split_paragraphs (const char *text)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  gboolean by_blank_lines = FALSE;
  const char *p = text;
  guint offset = 0;
  gboolean open = FALSE;
  Range range = { 0, 0 };

  /* A blank line: a line break, then only spaces up to the next line break. */
  for (const char *q = strchr (text, '\n'); q != NULL && !by_blank_lines; q = strchr (q + 1, '\n'))
    {
      const char *r = q + 1;

      while (*r == ' ' || *r == '\t' || *r == '\r')
        r++;
      by_blank_lines = *r == '\n';
    }

  while (*p != '\0')
    {
      const char *line_end = strchr (p, '\n');
      gsize length = line_end != NULL ? (gsize) (line_end - p) : strlen (p);
      guint line_start = offset, first = 0, last = 0, n = 0;
      gboolean blank = TRUE;

      for (const char *c = p; c < p + length; c = g_utf8_next_char (c), n++)
        if (!g_unichar_isspace (g_utf8_get_char (c)))
          {
            if (blank)
              first = n;
            blank = FALSE;
            last = n + 1;
          }

      if (!blank)
        {
          if (!open)
            range.start = line_start + first;
          range.end = line_start + last;
          open = TRUE;
        }
      if (open && (blank || !by_blank_lines))
        {
          g_array_append_val (ranges, range);
          open = FALSE;
        }

      offset += n + (line_end != NULL ? 1 : 0);
      p += length + (line_end != NULL ? 1 : 0);
    }
  if (open)
    g_array_append_val (ranges, range);

  return ranges;
}

guint
pl_provenance_paragraph_at (const char *text,
                            guint       offset)
{
  g_autoptr(GArray) ranges = NULL;
  guint found = 0;

  g_return_val_if_fail (text != NULL, 0);

  ranges = split_paragraphs (text);
  for (guint i = 0; i < ranges->len; i++)
    if (g_array_index (ranges, Range, i).start <= offset)
      found = i + 1;
  return found;
}

/* Sources */

static const char *
nonempty (const char *value)
{
  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* The statement of @statements (in order of start) in which @offset lies, or NULL. */
static const PlStatement *
statement_at (GPtrArray *statements,
              guint      offset)
{
  const PlStatement *found = NULL;

  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);

      if (statement->start > offset)
        break;
      if (offset < statement->end)
        found = statement;
    }
  return found;
}

/* The statements of @document_id, read once. */
static GPtrArray *
statements_of (PlProject   *project,
               GHashTable  *cache,
               gint64       document_id,
               GError     **error)
{
  GPtrArray *statements = g_hash_table_lookup (cache, &document_id);

  if (statements == NULL)
    {
      statements = pl_project_list_statements (project, document_id, error);
      if (statements == NULL)
        return NULL;
      g_hash_table_insert (cache, g_memdup2 (&document_id, sizeof (gint64)), statements);
    }
  return statements;
}

GPtrArray *
pl_provenance_list_sources (PlProject  *project,
                            gint64      outcome_document_id,
                            GError    **error)
{
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) cache = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  links = pl_project_list_links (project, outcome_document_id, error);
  if (links == NULL)
    return NULL;

  sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < links->len; i++)
    {
      PlLink *link = g_ptr_array_index (links, i);
      PlDocument *document = pl_project_find_document (project, link->source_document_id);
      PlProvenanceSource *source = g_new0 (PlProvenanceSource, 1);
      GPtrArray *statements;
      const PlStatement *statement;

      source->link = pl_link_copy (link);
      g_ptr_array_add (sources, source);
      if (document == NULL)
        continue;
      source->date = g_strdup (nonempty (pl_document_get_metadata (document, "date")));
      source->document_title = g_strdup (pl_document_get_title (document));

      statements = statements_of (project, cache, link->source_document_id, error);
      if (statements == NULL)
        return NULL;
      statement = statement_at (statements, link->source_start);
      if (statement == NULL)
        continue;
      source->statement_index = statement->index;
      source->delegation = g_strdup (nonempty (statement->entity) != NULL ? statement->entity
                                                                         : nonempty (statement->speaker));
      source->regional_group = g_strdup (nonempty (statement->regional_group));
    }

  return g_steal_pointer (&sources);
}

/* Whether @a comes from an earlier statement than @b (undated last). */
static gboolean
is_earlier (const PlProvenanceSource *a,
            const PlProvenanceSource *b)
{
  int order;

  if ((a->date == NULL) != (b->date == NULL))
    return a->date != NULL;
  order = g_strcmp0 (a->date, b->date);
  if (order != 0)
    return order < 0;
  if (a->link->source_document_id != b->link->source_document_id)
    return a->link->source_document_id < b->link->source_document_id;
  return a->link->source_start < b->link->source_start;
}

static gboolean
has_delegation (GPtrArray                *delegations,
                const PlProvenanceSource *source)
{
  for (guint i = 0; i < delegations->len; i++)
    {
      const PlProvenanceSource *other = g_ptr_array_index (delegations, i);

      if (g_strcmp0 (other->delegation, source->delegation) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
make_paragraphs (PlProvenance *self)
{
  g_autoptr(GArray) ranges = split_paragraphs (self->text);

  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *range = &g_array_index (ranges, Range, i);
      PlProvenanceParagraph *paragraph = g_new0 (PlProvenanceParagraph, 1);

      paragraph->start = range->start;
      paragraph->end = range->end;
      paragraph->text = pl_text_slice (self->text, range->start, range->end);
      paragraph->sources = g_ptr_array_new ();
      paragraph->delegations = g_ptr_array_new ();
      paragraph->versions = g_ptr_array_new_with_free_func ((GDestroyNotify) version_free);

      for (guint k = 0; k < self->sources->len; k++)
        {
          const PlProvenanceSource *source = g_ptr_array_index (self->sources, k);

          if (source->link->outcome_start >= range->end || source->link->outcome_end <= range->start)
            continue;
          g_ptr_array_add (paragraph->sources, (gpointer) source);
          if (!has_delegation (paragraph->delegations, source))
            g_ptr_array_add (paragraph->delegations, (gpointer) source);
          if (paragraph->earliest == NULL || is_earlier (source, paragraph->earliest))
            paragraph->earliest = source;
        }

      g_ptr_array_add (self->paragraphs, paragraph);
    }
}

/* Versions */

static PlProvenanceVersion *
version_new (PlProject       *project,
             const PlOutcome *outcome,
             gint64           document_id,
             const char      *text,
             const Range     *range)
{
  PlDocument *document = pl_project_find_document (project, document_id);
  PlProvenanceVersion *version = g_new0 (PlProvenanceVersion, 1);
  const char *date = outcome != NULL ? outcome->date : NULL;

  if (date == NULL && document != NULL)
    date = nonempty (pl_document_get_metadata (document, "date"));

  version->document_id = document_id;
  version->kind = outcome != NULL ? outcome->kind : PL_OUTCOME_NONE;
  version->date = g_strdup (date);
  version->document_title = g_strdup (document != NULL ? pl_document_get_title (document) : "");
  version->start = range->start;
  version->end = range->end;
  version->text = pl_text_slice (text, range->start, range->end);
  return version;
}

/* For each paragraph of @self, the paragraph of @other_text that shares the most words with
 * it (index into @other_ranges), or -1. */
static int *
match_paragraphs (PlProvenance *self,
                  const char   *other_text,
                  GArray       *other_ranges)
{
  g_autoptr(PlReuseIndex) index = pl_reuse_index_new ();
  g_autoptr(GArray) found = NULL;
  g_autofree guint *shared = NULL;
  guint n_self = self->paragraphs->len, n_other = other_ranges->len;
  PlReuseOptions options = { VERSION_MIN_WORDS, VERSION_THRESHOLD };
  int *best = g_new (int, MAX (n_self, 1));

  for (guint p = 0; p < n_self; p++)
    best[p] = -1;
  if (n_self == 0 || n_other == 0)
    return best;

  for (guint q = 0; q < n_other; q++)
    {
      const Range *range = &g_array_index (other_ranges, Range, q);
      g_autofree char *passage = pl_text_slice (other_text, range->start, range->end);
      PlReuseSource source = { q, passage, range->start };

      pl_reuse_index_add (index, &source);
    }
  found = pl_reuse_find (index, self->text, &options);

  shared = g_new0 (guint, (gsize) n_self * n_other);
  for (guint i = 0; i < found->len; i++)
    {
      const PlReuseCandidate *candidate = &g_array_index (found, PlReuseCandidate, i);

      for (guint p = 0; p < n_self; p++)
        {
          const PlProvenanceParagraph *paragraph = g_ptr_array_index (self->paragraphs, p);

          if (candidate->outcome_start < paragraph->end && candidate->outcome_end > paragraph->start)
            shared[(gsize) p * n_other + (gsize) candidate->source_id] += candidate->words;
        }
    }

  for (guint p = 0; p < n_self; p++)
    for (guint q = 0, most = 0; q < n_other; q++)
      if (shared[(gsize) p * n_other + q] > most)
        {
          most = shared[(gsize) p * n_other + q];
          best[p] = (int) q;
        }

  return best;
}

static gboolean
make_versions (PlProvenance  *self,
               PlProject     *project,
               GPtrArray     *outcomes,
               GError       **error)
{
  const PlOutcome *own = NULL;
  gboolean own_placed = FALSE;

  for (guint i = 0; i < outcomes->len; i++)
    if (((const PlOutcome *) g_ptr_array_index (outcomes, i))->document_id == self->document_id)
      own = g_ptr_array_index (outcomes, i);

  for (guint i = 0; i <= outcomes->len; i++)
    {
      const PlOutcome *outcome = i < outcomes->len ? g_ptr_array_index (outcomes, i) : NULL;
      g_autofree char *other_text = NULL;
      g_autofree int *best = NULL;
      g_autoptr(GArray) other_ranges = NULL;

      if (outcome == own || (outcome == NULL && !own_placed))
        {
          /* This document's own place in the order. */
          for (guint p = 0; p < self->paragraphs->len && !own_placed; p++)
            {
              PlProvenanceParagraph *paragraph = g_ptr_array_index (self->paragraphs, p);
              Range range = { paragraph->start, paragraph->end };
              PlProvenanceVersion *version = version_new (project, own, self->document_id, self->text, &range);

              version->current = TRUE;
              g_ptr_array_add (paragraph->versions, version);
            }
          own_placed = TRUE;
          continue;
        }
      if (outcome == NULL)
        break;

      other_text = pl_project_dup_document_text (project, outcome->document_id, error);
      if (other_text == NULL)
        return FALSE;
      other_ranges = split_paragraphs (other_text);
      best = match_paragraphs (self, other_text, other_ranges);

      for (guint p = 0; p < self->paragraphs->len; p++)
        if (best[p] >= 0)
          {
            PlProvenanceParagraph *paragraph = g_ptr_array_index (self->paragraphs, p);

            g_ptr_array_add (paragraph->versions,
                             version_new (project, outcome, outcome->document_id, other_text,
                                          &g_array_index (other_ranges, Range, best[p])));
          }
    }

  return TRUE;
}

/* Delegations */

static PlProvenanceDelegation *
delegation_for (GHashTable  *table,
                GPtrArray   *list,
                const char  *name,
                const char  *group)
{
  PlProvenanceDelegation *delegation = g_hash_table_lookup (table, name != NULL ? name : "");

  if (delegation == NULL)
    {
      delegation = g_new0 (PlProvenanceDelegation, 1);
      delegation->delegation = g_strdup (name);
      g_ptr_array_add (list, delegation);
      g_hash_table_insert (table, delegation->delegation != NULL ? delegation->delegation : "", delegation);
    }
  if (delegation->regional_group == NULL && group != NULL)
    delegation->regional_group = g_strdup (group);
  return delegation;
}

static gint
compare_delegations (gconstpointer a,
                     gconstpointer b)
{
  const PlProvenanceDelegation *x = *(PlProvenanceDelegation * const *) a;
  const PlProvenanceDelegation *y = *(PlProvenanceDelegation * const *) b;

  if (x->words != y->words)
    return x->words > y->words ? -1 : 1;
  if (x->statements_linked != y->statements_linked)
    return x->statements_linked > y->statements_linked ? -1 : 1;
  if ((x->delegation == NULL) != (y->delegation == NULL))
    return x->delegation == NULL ? 1 : -1;
  return g_utf8_collate (x->delegation != NULL ? x->delegation : "",
                         y->delegation != NULL ? y->delegation : "");
}

static gboolean
make_delegations (PlProvenance  *self,
                  PlProject     *project,
                  GPtrArray     *outcomes,
                  GError       **error)
{
  g_autoptr(GPtrArray) statements = pl_project_list_statements (project, 0, error);
  g_autoptr(GHashTable) table = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) excluded = pl_provenance_excluded_documents (self->document_id, outcomes);
  g_autoptr(GHashTable) linked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (statements == NULL)
    return FALSE;

  for (guint i = 0; i < statements->len; i++)
    {
      const PlStatement *statement = g_ptr_array_index (statements, i);
      PlDocument *document = pl_project_find_document (project, statement->document_id);
      const char *name = nonempty (statement->entity) != NULL ? statement->entity : nonempty (statement->speaker);
      const char *date = document != NULL ? nonempty (pl_document_get_metadata (document, "date")) : NULL;

      if (statement->kind != PL_STATEMENT_KIND_STATEMENT || name == NULL
          || g_hash_table_contains (excluded, &statement->document_id))
        continue;
      if (self->date != NULL && date != NULL && g_strcmp0 (date, self->date) > 0)
        continue;
      delegation_for (table, self->delegations, name, nonempty (statement->regional_group))->statements++;
    }

  for (guint i = 0; i < self->sources->len; i++)
    {
      const PlProvenanceSource *source = g_ptr_array_index (self->sources, i);
      PlProvenanceDelegation *delegation =
        delegation_for (table, self->delegations, source->delegation, source->regional_group);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%u", source->link->source_document_id,
                                              source->statement_index);

      delegation->words += source->link->words;
      if (source->statement_index == 0 || !g_hash_table_add (linked, g_steal_pointer (&key)))
        continue;
      delegation->statements_linked++;
      /* A statement after the outcome's date can be linked by hand: count it as made. */
      delegation->statements = MAX (delegation->statements, delegation->statements_linked);
    }

  for (guint i = 0; i < self->delegations->len; i++)
    {
      PlProvenanceDelegation *delegation = g_ptr_array_index (self->delegations, i);

      delegation->share = delegation->statements > 0
        ? (double) delegation->statements_linked / delegation->statements : 0.0;
    }
  g_ptr_array_sort (self->delegations, compare_delegations);
  return TRUE;
}

PlProvenance *
pl_provenance_new (PlProject  *project,
                   gint64      outcome_document_id,
                   GError    **error)
{
  g_autoptr(PlProvenance) self = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(PlOutcome) outcome = NULL;
  g_autoptr(GError) read_error = NULL;
  PlDocument *document;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  document = pl_project_find_document (project, outcome_document_id);
  if (document == NULL)
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_NOT_FOUND,
                   _("There is no document %lld in this project."), (long long) outcome_document_id);
      return NULL;
    }

  self = g_new0 (PlProvenance, 1);
  self->document_id = outcome_document_id;
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  self->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify) paragraph_free);
  self->delegations = g_ptr_array_new_with_free_func ((GDestroyNotify) delegation_free);

  self->text = pl_project_dup_document_text (project, outcome_document_id, error);
  outcomes = self->text != NULL ? pl_project_list_outcomes (project, error) : NULL;
  if (outcomes == NULL)
    return NULL;

  outcome = pl_project_get_outcome (project, outcome_document_id, &read_error);
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
    }
  self->date = g_strdup (outcome != NULL && outcome->date != NULL
                         ? outcome->date : nonempty (pl_document_get_metadata (document, "date")));

  g_clear_pointer (&self->sources, g_ptr_array_unref);
  self->sources = pl_provenance_list_sources (project, outcome_document_id, error);
  if (self->sources == NULL)
    return NULL;
  make_paragraphs (self);
  if (!make_versions (self, project, outcomes, error) || !make_delegations (self, project, outcomes, error))
    return NULL;

  return g_steal_pointer (&self);
}

gint64
pl_provenance_get_document_id (PlProvenance *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->document_id;
}

const char *
pl_provenance_get_text (PlProvenance *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->text;
}

GPtrArray *
pl_provenance_get_paragraphs (PlProvenance *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->paragraphs;
}

GPtrArray *
pl_provenance_get_sources (PlProvenance *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sources;
}

GPtrArray *
pl_provenance_get_delegations (PlProvenance *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->delegations;
}

PlChartData *
pl_provenance_dup_group_chart (PlProvenance *self)
{
  double words[G_N_ELEMENTS (groups) + 1] = { 0 };
  gboolean other = FALSE;
  guint n_rows;
  PlChartData *data;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->delegations->len; i++)
    {
      const PlProvenanceDelegation *delegation = g_ptr_array_index (self->delegations, i);
      guint row = G_N_ELEMENTS (groups);

      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        if (g_strcmp0 (delegation->regional_group, groups[g].name) == 0)
          row = g;
      words[row] += delegation->words;
      if (row == G_N_ELEMENTS (groups) && delegation->words > 0)
        other = TRUE;
    }

  n_rows = G_N_ELEMENTS (groups) + (other ? 1 : 0);
  data = pl_chart_data_new (n_rows, 1);
  for (guint g = 0; g < n_rows; g++)
    {
      PlChartRowSpec row = {
        g < G_N_ELEMENTS (groups) ? _(groups[g].label) : _("Other"),
        g < G_N_ELEMENTS (groups) ? groups[g].name : NULL,
        0,
      };

      pl_chart_data_set_row (data, g, &row);
      pl_chart_data_set_value (data, g, 0, words[g]);
    }
  pl_chart_data_set_series (data, 0, &(PlChartSeriesSpec) { _("Words reused"), NULL, "#3584E4", "#78AEED", 0 });
  pl_chart_data_set_value_kind (data, PL_CHART_VALUE_COUNT);
  pl_chart_data_set_title (data, _("Words reused by regional group"));
  pl_chart_data_set_axis_labels (data, _("Regional group"), NULL, _("Words reused"));
  return data;
}
