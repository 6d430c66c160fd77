/* pl-refi-apply.c — a REFI-QDA file read into memory, added to a project
 *
 * Everything is added through one bulk (pl-project-bulk.h): one transaction, GUID-keyed,
 * so that what the project already has is kept and reused, and nothing at all is added
 * when anything fails.  What could not be imported is counted for the report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>

#include "pl-gazetteer.h"
#include "pl-project-bulk.h"
#include "pl-project-gazetteer.h"
#include "pl-project-links.h"
#include "pl-refi-private.h"
#include "pl-segmenter.h"

typedef struct
{
  PlRefiFile    *refi;
  PlProject     *project;
  PlProjectBulk *bulk;
  PlRefiReport  *report;
  GHashTable    *coder_ids;   /* user GUID → gint64* */
  GHashTable    *code_ids;    /* code GUID → gint64* */
  gint64         fallback_coder;
  guint          n_existing_documents;
  guint          n_existing_annotations;
  guint          n_not_codable;
  guint          n_short_ids_dropped;
  GHashTable    *link_ends;   /* GUIDs of the selections links join (borrowed) */
} Apply;

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* Coders */

/* The coder for @guid and @name: the project's coder with that GUID, else with that name,
 * else a new one; -1 on error. */
static gint64
ensure_coder (Apply       *apply,
              const char  *guid,
              const char  *name,
              const char  *initials,
              GError     **error)
{
  PlBulkCoder coder = { guid, name, initials };
  PlBulkResult result;

  if (!pl_project_bulk_add_coder (apply->bulk, &coder, &result, error))
    return -1;

  if (!result.existed)
    apply->report->n_coders++;
  return result.id;
}

static gboolean
apply_users (Apply   *apply,
             GError **error)
{
  for (guint i = 0; i < apply->refi->users->len; i++)
    {
      RefiUser *user = g_ptr_array_index (apply->refi->users, i);
      g_autofree char *fallback = NULL;
      const char *name = user->name != NULL ? user->name : user->id;
      gint64 id;

      if (name == NULL)
        name = fallback = g_strdup_printf (_("User %.8s"), user->guid);

      id = ensure_coder (apply, user->guid, name, user->id, error);
      if (id < 0)
        return FALSE;
      g_hash_table_insert (apply->coder_ids, g_strdup (user->guid), new_id (id));
    }

  return TRUE;
}

/* The coder of a coding: its user, else the selection's, else the project's creator, else
 * a coder named after the tool that made the file. */
static gint64
coder_for (Apply       *apply,
           const char  *user,
           const char  *fallback_user,
           GError     **error)
{
  const char *candidates[] = { user, fallback_user, apply->refi->project_user };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      gint64 *id;
      g_autofree char *name = NULL;
      gint64 new_coder;

      if (candidates[i] == NULL)
        continue;

      id = g_hash_table_lookup (apply->coder_ids, candidates[i]);
      if (id != NULL)
        return *id;

      /* A user the file refers to without listing it. */
      name = g_strdup_printf (_("User %.8s"), candidates[i]);
      new_coder = ensure_coder (apply, candidates[i], name, NULL, error);
      if (new_coder < 0)
        return -1;
      g_hash_table_insert (apply->coder_ids, g_strdup (candidates[i]), new_id (new_coder));
      return new_coder;
    }

  if (apply->fallback_coder == 0)
    {
      const char *name = apply->refi->origin != NULL ? apply->refi->origin : _("Imported");

      apply->fallback_coder = ensure_coder (apply, NULL, name, NULL, error);
    }
  return apply->fallback_coder;
}
/* Codes */

static gboolean
apply_code (Apply     *apply,
            RefiCode  *code,
            gint64     parent_id,
            GError   **error)
{
  PlCodeSpec spec = { 0 };
  PlBulkResult result;

  spec.guid = code->guid;
  spec.parent_id = parent_id;
  spec.short_id = code->short_id;
  spec.name = code->name;
  spec.color = code->color;
  spec.shortcut = code->shortcut;
  spec.definition = code->definition;
  spec.inclusion = code->inclusion;
  spec.exclusion = code->exclusion;
  spec.example = code->example;
  spec.codable = code->codable || code->coded;

  if (!pl_project_bulk_add_code (apply->bulk, &spec, &result, error))
    return FALSE;

  if (!result.existed)
    {
      apply->report->n_codes++;
      if (result.dropped)
        apply->n_short_ids_dropped++;
      if (!code->codable && code->coded)
        apply->n_not_codable++;
    }

  g_hash_table_insert (apply->code_ids, g_strdup (code->guid), new_id (result.id));

  for (guint i = 0; i < code->children->len; i++)
    if (!apply_code (apply, g_ptr_array_index (code->children, i), result.id, error))
      return FALSE;

  return TRUE;
}

/* Annotations, documents, notes */

static void
mark_coded (PlRefiFile *refi)
{
  for (guint s = 0; s < refi->sources->len; s++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, s);

      for (guint i = 0; i < source->selections->len; i++)
        {
          RefiSelection *selection = g_ptr_array_index (source->selections, i);

          for (guint c = 0; c < selection->codings->len; c++)
            {
              RefiCoding *coding = g_ptr_array_index (selection->codings, c);
              RefiCode *code = coding->code_guid != NULL
                ? g_hash_table_lookup (refi->codes_by_guid, coding->code_guid)
                : NULL;

              if (code != NULL)
                code->coded = TRUE;
            }
        }
    }
}

static const char *
marker_string (JsonObject *marker,
               const char *member)
{
  const char *value;

  if (marker == NULL)
    return NULL;
  value = json_object_get_string_member_with_default (marker, member, NULL);
  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
is_marker (JsonObject *marker,
           const char *type)
{
  return g_strcmp0 (marker_string (marker, "type"), type) == 0;
}

/* Appends the texts of the notes of @refs that are memos to @memo, a blank line between
 * two, and marks them used.  Plenary's own notes stay notes: any marked note of a
 * document, the notes about an annotation ("note") of a selection. */
static void
append_memos (PlRefiFile *refi,
              GPtrArray  *refs,
              gboolean    of_document,
              GString    *memo)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (refs, i));

      if (note == NULL || note->text == NULL)
        continue;
      if (of_document ? note->marker != NULL
                      : *note->text == '\0' || is_marker (note->marker, "note"))
        continue;
      if (memo->len > 0)
        g_string_append (memo, "\n\n");
      g_string_append (memo, note->text);
      note->used = TRUE;
    }
}

/* Memos: the selection's own description, then the notes it and its coding refer to. */
static char *
memo_for (PlRefiFile    *refi,
          RefiSelection *selection,
          RefiCoding    *coding)
{
  GString *memo = g_string_new (selection->description);

  append_memos (refi, selection->note_refs, FALSE, memo);
  append_memos (refi, coding->note_refs, FALSE, memo);

  return g_string_free (memo, memo->len == 0);
}

static gint
compare_statements (gconstpointer a,
                    gconstpointer b)
{
  const PlStatement *x = *(PlStatement * const *) a;
  const PlStatement *y = *(PlStatement * const *) b;

  return x->index < y->index ? -1 : x->index > y->index;
}

/* Plenary's statements when the file carries them (every selection marked "statement"
 * mapped), else the segmenter's. */
static GPtrArray *
statements_for (PlProject  *project,
                RefiSource *source)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_statement_unref);

  for (guint i = 0; i < source->selections->len; i++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, i);
      JsonObject *marker = selection->marker;
      PlStatement *statement;

      if (!is_marker (marker, "statement"))
        continue;
      if (!selection->mapped)
        return pl_segmenter_segment (source->text, pl_project_get_gazetteer (project));

      statement = pl_statement_new ();
      statement->index = (guint) json_object_get_int_member_with_default (marker, "index", 0);
      statement->start = selection->norm_start;
      statement->end = selection->norm_end;
      statement->kind = g_strcmp0 (marker_string (marker, "kind"), "front_matter") == 0
        ? PL_STATEMENT_KIND_FRONT_MATTER : PL_STATEMENT_KIND_STATEMENT;
      statement->speaker = g_strdup (marker_string (marker, "speaker"));
      statement->entity = g_strdup (marker_string (marker, "entity"));
      statement->entity_type = g_strdup (marker_string (marker, "entity_type"));
      statement->iso3 = g_strdup (marker_string (marker, "iso3"));
      statement->regional_group = g_strdup (marker_string (marker, "regional_group"));
      statement->on_behalf_of = g_strdup (marker_string (marker, "on_behalf_of"));
      statement->speaker_source = g_strdup (marker_string (marker, "speaker_source"));
      statement->needs_review = json_object_get_boolean_member_with_default (marker,
                                                                             "needs_review",
                                                                             FALSE);
      g_ptr_array_add (statements, statement);
    }

  if (statements->len == 0)
    return pl_segmenter_segment (source->text, pl_project_get_gazetteer (project));

  g_ptr_array_sort (statements, compare_statements);
  return g_steal_pointer (&statements);
}

static const char *
variable_value (PlRefiFile *refi,
                RefiSource *source,
                const char *variable)
{
  for (guint i = 0; source->values != NULL && i + 1 < source->values->len; i += 2)
    {
      const char *name = g_hash_table_lookup (refi->variables, g_ptr_array_index (source->values, i));

      if (name != NULL && g_ascii_strcasecmp (name, variable) == 0)
        return g_ptr_array_index (source->values, i + 1);
    }
  return NULL;
}

static void
note_unmapped_variables (PlRefiFile *refi,
                         RefiSource *source)
{
  for (guint i = 0; source->values != NULL && i + 1 < source->values->len; i += 2)
    {
      const char *name = g_hash_table_lookup (refi->variables, g_ptr_array_index (source->values, i));
      gboolean ours = FALSE;

      for (guint k = 0; name != NULL && pl_refi_document_variables[k] != NULL; k++)
        ours |= g_ascii_strcasecmp (name, pl_refi_document_variables[k]) == 0;
      if (!ours)
        g_hash_table_add (refi->unmapped_variables,
                          g_strdup (name != NULL ? name : g_ptr_array_index (source->values, i)));
    }
}

static char *
document_memo (PlRefiFile *refi,
               RefiSource *source)
{
  GString *memo = g_string_new (NULL);

  append_memos (refi, source->note_refs, TRUE, memo);

  return g_string_free (memo, memo->len == 0);
}

static gboolean
apply_annotation (Apply          *apply,
                  gint64          document_id,
                  RefiSelection  *selection,
                  RefiCoding     *coding,
                  const char     *guid,
                  GError        **error)
{
  PlBulkAnnotation annotation = { 0 };
  PlBulkResult result;
  g_autofree char *memo = NULL;
  gint64 *code_id;
  gint64 existing;

  code_id = coding->code_guid != NULL ? g_hash_table_lookup (apply->code_ids, coding->code_guid)
                                      : NULL;
  if (code_id == NULL || !pl_project_bulk_code_is_codable (apply->bulk, *code_id))
    {
      apply->refi->n_missing_codes++;
      return TRUE;
    }

  existing = pl_project_bulk_lookup (apply->bulk, PL_BULK_ANNOTATIONS, guid, error);
  if (existing < 0)
    return FALSE;
  if (existing != 0)
    {
      apply->n_existing_annotations++;
      return TRUE;
    }

  annotation.coder_id = coder_for (apply, coding->user, selection->user, error);
  if (annotation.coder_id < 0)
    return FALSE;

  annotation.codebook_version = 1;
  if (is_marker (selection->marker, "annotation"))
    {
      const char *stance = marker_string (selection->marker, "stance");

      if (stance != NULL && pl_annotation_stance_is_valid (stance))
        annotation.stance = stance;
      annotation.codebook_version =
        MAX (1, json_object_get_int_member_with_default (selection->marker, "codebook_version", 1));
    }

  memo = memo_for (apply->refi, selection, coding);
  if (memo != NULL)
    apply->report->n_memos++;

  annotation.guid = guid;
  annotation.document_id = document_id;
  annotation.code_id = *code_id;
  annotation.start = selection->norm_start;
  annotation.end = selection->norm_end;
  annotation.memo = memo;
  annotation.created = coding->created != NULL ? coding->created : selection->created;
  annotation.modified = selection->modified;
  if (!pl_project_bulk_add_annotation (apply->bulk, &annotation, &result, error))
    return FALSE;

  apply->report->n_annotations++;
  return TRUE;
}

static void
mark_refs_used (PlRefiFile *refi,
                GPtrArray  *refs)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (refs, i));

      if (note != NULL && !is_marker (note->marker, "note"))
        note->used = TRUE;
    }
}

static void
mark_notes_used (PlRefiFile *refi,
                 RefiSource *source)
{
  mark_refs_used (refi, source->note_refs);
  for (guint i = 0; i < source->selections->len; i++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, i);

      mark_refs_used (refi, selection->note_refs);
      for (guint c = 0; c < selection->codings->len; c++)
        mark_refs_used (refi, ((RefiCoding *) g_ptr_array_index (selection->codings, c))->note_refs);
    }
}
static gboolean
apply_source (Apply       *apply,
              RefiSource  *source,
              GError     **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GPtrArray) statements = NULL;
  g_autoptr(GHashTable) used_guids = NULL;
  g_autofree char *memo = NULL;
  const char *metadata[16] = { NULL };
  PlBulkDocument document = { 0 };
  PlBulkResult result;
  gint64 existing;

  if (source->text == NULL)
    return TRUE;

  existing = pl_project_bulk_lookup (apply->bulk, PL_BULK_DOCUMENTS, source->guid, error);
  if (existing < 0)
    return FALSE;
  if (existing != 0)
    {
      /* Its memos are in the project already, with it. */
      mark_notes_used (refi, source);
      apply->n_existing_documents++;
      return TRUE;
    }

  for (guint k = 0; pl_refi_document_variables[k] != NULL; k++)
    metadata[k] = variable_value (refi, source, pl_refi_document_variables[k]);
  note_unmapped_variables (refi, source);

  memo = document_memo (refi, source);
  statements = statements_for (apply->project, source);

  /* The document variables are the metadata keys in order, then the source address. */
  document.guid = source->guid;
  document.title = source->name;
  document.text = source->text;
  document.source_uri = metadata[8];
  document.metadata = metadata;
  document.memo = memo;
  document.created = source->created;
  document.modified = source->modified;
  document.statements = statements;
  if (!pl_project_bulk_add_document (apply->bulk, &document, &result, error))
    return FALSE;
  apply->report->n_documents++;
  apply->report->n_statements += statements->len;

  used_guids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < source->selections->len; i++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, i);

      if (is_marker (selection->marker, "statement"))
        continue;
      if (selection->codings->len == 0)
        {
          /* The end of a link is imported with the link (apply_links()). */
          if (!g_hash_table_contains (apply->link_ends, selection->guid))
            refi->n_free_selections++;
          continue;
        }
      if (!selection->mapped)
        {
          refi->n_bad_positions += selection->codings->len;
          continue;
        }

      for (guint c = 0; c < selection->codings->len; c++)
        {
          RefiCoding *coding = g_ptr_array_index (selection->codings, c);
          const char *guid = c == 0 && !selection->whole ? selection->guid : coding->guid;

          if (g_hash_table_contains (used_guids, guid))
            guid = coding->guid;
          g_hash_table_add (used_guids, (gpointer) guid);

          if (!apply_annotation (apply, result.id, selection, coding, guid, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Links
 *
 * A Link between two text selections becomes a link between a statement's passage (its
 * origin) and an outcome document's (its target), as pl-refi-links.c writes them; the
 * markers of Plenary's own selections bring back the score, shared words and origin, and
 * the outcome document's kind and date.  Links between other elements (a memo and a code,
 * two codes) are counted as not imported. */

typedef struct
{
  RefiSource    *source;
  RefiSelection *selection;
} LinkEnd;

static GHashTable *
index_selections (PlRefiFile *refi)
{
  GHashTable *ends = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < refi->sources->len; i++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, i);

      for (guint k = 0; source->text != NULL && k < source->selections->len; k++)
        {
          RefiSelection *selection = g_ptr_array_index (source->selections, k);
          LinkEnd *end = g_new (LinkEnd, 1);

          *end = (LinkEnd) { source, selection };
          g_hash_table_insert (ends, selection->guid, end);
        }
    }
  return ends;
}

/* The document an end lies in, and whether the end can be imported; -1 on error. */
static gint64
end_document (Apply          *apply,
              const LinkEnd  *end,
              GError        **error)
{
  if (end == NULL || !end->selection->mapped || end->selection->whole
      || end->selection->norm_start >= end->selection->norm_end)
    return 0;
  return pl_project_bulk_lookup (apply->bulk, PL_BULK_DOCUMENTS, end->source->guid, error);
}

static gboolean
apply_link (Apply           *apply,
            const RefiLink  *refi_link,
            const LinkEnd   *origin,
            const LinkEnd   *target,
            GError         **error)
{
  JsonObject *marker = origin->selection->marker;
  PlBulkLink link = { refi_link->guid, { 0 }, origin->selection->created };
  PlOutcomeKind kind;
  PlBulkResult result;
  gint64 source_id, outcome_id;

  if ((source_id = end_document (apply, origin, error)) < 0
      || (outcome_id = end_document (apply, target, error)) < 0)
    return FALSE;
  if (source_id == 0 || outcome_id == 0 || source_id == outcome_id)
    {
      apply->refi->n_links++;
      return TRUE;
    }

  link.spec = (PlLinkSpec) {
    .source_document_id = source_id,
    .source_start = origin->selection->norm_start,
    .source_end = origin->selection->norm_end,
    .outcome_document_id = outcome_id,
    .outcome_start = target->selection->norm_start,
    .outcome_end = target->selection->norm_end,
    .origin = PL_LINK_ORIGIN_MANUAL,
    .score = -1.0,
  };
  if (is_marker (marker, "link-origin"))
    {
      if (g_strcmp0 (marker_string (marker, "origin"), "candidate") == 0)
        link.spec.origin = PL_LINK_ORIGIN_CANDIDATE;
      if (json_object_has_member (marker, "score"))
        link.spec.score = CLAMP (json_object_get_double_member (marker, "score"), 0.0, 1.0);
      link.spec.words = (guint) CLAMP (json_object_get_int_member_with_default (marker, "words", 0),
                                       0, G_MAXINT);
    }
  if (origin->selection->user != NULL
      && (link.spec.coder_id = coder_for (apply, origin->selection->user, NULL, error)) < 0)
    return FALSE;

  if (!pl_project_bulk_add_link (apply->bulk, &link, &result, error))
    return FALSE;
  if (!result.existed && !result.duplicate)
    apply->report->n_links++;

  marker = target->selection->marker;
  if (is_marker (marker, "link-target")
      && pl_outcome_kind_from_string (marker_string (marker, "outcome_kind"), &kind))
    return pl_project_bulk_set_outcome (apply->bulk, outcome_id, kind,
                                        marker_string (marker, "outcome_date"), error);
  return TRUE;
}

static gboolean
apply_links (Apply   *apply,
             GError **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GHashTable) ends = NULL;

  if (refi->links->len == 0)
    return TRUE;

  ends = index_selections (refi);
  for (guint i = 0; i < refi->links->len; i++)
    {
      const RefiLink *link = g_ptr_array_index (refi->links, i);
      const LinkEnd *origin = link->origin != NULL ? g_hash_table_lookup (ends, link->origin) : NULL;
      const LinkEnd *target = link->target != NULL ? g_hash_table_lookup (ends, link->target) : NULL;

      if (origin == NULL || target == NULL)
        {
          refi->n_links++;
          continue;
        }
      if (!apply_link (apply, link, origin, target, error))
        return FALSE;
    }

  return TRUE;
}

/* Notes that are neither memos of a coding nor of a document: into the notes table, about
 * the element that refers to them (Plenary's own keep their target). */
static gboolean
apply_notes (Apply   *apply,
             GError **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GHashTable) referrer = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; refi->project_note_refs != NULL && i < refi->project_note_refs->len; i++)
    g_hash_table_insert (referrer, g_ptr_array_index (refi->project_note_refs, i), NULL);

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, refi->codes_by_guid);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        RefiCode *code = value;

        for (guint i = 0; code->note_refs != NULL && i < code->note_refs->len; i++)
          g_hash_table_insert (referrer, g_ptr_array_index (code->note_refs, i), code->guid);
      }
  }

  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);
      PlBulkNote row = { 0 };
      PlBulkResult result;
      gint64 existing;

      if (note->used || note->text == NULL || *note->text == '\0')
        continue;

      existing = pl_project_bulk_lookup (apply->bulk, PL_BULK_NOTES, note->guid, error);
      if (existing < 0)
        return FALSE;
      if (existing != 0)
        continue;

      if (note->user != NULL)
        {
          row.coder_id = coder_for (apply, note->user, NULL, error);
          if (row.coder_id < 0)
            return FALSE;
        }

      row.guid = note->guid;
      row.target_guid = is_marker (note->marker, "note")
        ? marker_string (note->marker, "target")
        : g_hash_table_lookup (referrer, note->guid);
      row.text = note->text;
      row.created = note->created;
      row.modified = note->modified;
      if (!pl_project_bulk_add_note (apply->bulk, &row, &result, error))
        return FALSE;
      apply->report->n_notes++;
    }

  return TRUE;
}

static gboolean
apply_codebook_version (Apply   *apply,
                        GError **error)
{
  gint64 version;

  if (!is_marker (apply->refi->project_marker, "project"))
    return TRUE;

  version = json_object_get_int_member_with_default (apply->refi->project_marker,
                                                     "codebook_version", 1);
  if (version <= 1)
    return TRUE;

  return pl_project_bulk_raise_codebook_version (apply->bulk, version, error);
}

static void
report_n (GPtrArray  *lines,
          guint       n,
          const char *format,
          ...) G_GNUC_PRINTF (3, 4);

static void
report_n (GPtrArray  *lines,
          guint       n,
          const char *format,
          ...)
{
  va_list args;

  if (n == 0)
    return;

  va_start (args, format);
  g_ptr_array_add (lines, g_strdup_vprintf (format, args));
  va_end (args);
}

static void
fill_report (Apply *apply)
{
  PlRefiFile *refi = apply->refi;
  PlRefiReport *report = apply->report;
  GPtrArray *lines = report->not_imported;
  guint n_unused_notes = 0;

  report_n (lines, refi->n_pictures,
            g_dngettext (GETTEXT_PACKAGE, "%u picture source (Plenary imports text only).",
                         "%u picture sources (Plenary imports text only).", refi->n_pictures), refi->n_pictures);
  report_n (lines, refi->n_audio,
            g_dngettext (GETTEXT_PACKAGE, "%u audio source and its transcripts.",
                         "%u audio sources and their transcripts.", refi->n_audio), refi->n_audio);
  report_n (lines, refi->n_video,
            g_dngettext (GETTEXT_PACKAGE, "%u video source and its transcripts.",
                         "%u video sources and their transcripts.", refi->n_video), refi->n_video);
  report_n (lines, refi->n_pdf_without_text,
            g_dngettext (GETTEXT_PACKAGE, "%u PDF source without a text version.",
                         "%u PDF sources without a text version.", refi->n_pdf_without_text), refi->n_pdf_without_text);
  report_n (lines, refi->n_media_selections,
            g_dngettext (GETTEXT_PACKAGE, "%u selection in a picture, PDF page, audio or video (and its codings).",
                         "%u selections in pictures, PDF pages, audio or video (and their codings).", refi->n_media_selections), refi->n_media_selections);
  if (refi->missing_texts->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (refi->missing_texts, NULL);
      names = g_strjoinv ("”, “", (char **) refi->missing_texts->pdata);
      g_ptr_array_remove_index (refi->missing_texts, refi->missing_texts->len - 1);
      g_ptr_array_add (lines,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u text source whose text is not in the "
                                                     "file, with its codings: “%s”.",
                                                     "%u text sources whose text is not in the "
                                                     "file, with their codings: “%s”.",
                                                     refi->missing_texts->len),
                                        refi->missing_texts->len, names));
    }
  report_n (lines, refi->n_empty_sources,
            g_dngettext (GETTEXT_PACKAGE, "%u text source without any text.",
                         "%u text sources without any text.", refi->n_empty_sources), refi->n_empty_sources);
  report_n (lines, apply->n_existing_documents,
            g_dngettext (GETTEXT_PACKAGE, "%u document the project already has (same GUID), left as it was with its "
                  "codings.",
                         "%u documents the project already has (same GUID), left as they were with "
                  "their codings.", apply->n_existing_documents), apply->n_existing_documents);
  report_n (lines, apply->n_existing_annotations,
            g_dngettext (GETTEXT_PACKAGE, "%u coding the project already has (same GUID).",
                         "%u codings the project already has (same GUID).", apply->n_existing_annotations), apply->n_existing_annotations);
  report_n (lines, refi->n_bad_positions,
            g_dngettext (GETTEXT_PACKAGE, "%u coding whose positions lie outside its text.",
                         "%u codings whose positions lie outside their text.", refi->n_bad_positions), refi->n_bad_positions);
  report_n (lines, refi->n_missing_codes,
            g_dngettext (GETTEXT_PACKAGE, "%u coding of a code that is not in the codebook or cannot be applied.",
                         "%u codings of codes that are not in the codebook or cannot be applied.", refi->n_missing_codes), refi->n_missing_codes);
  report_n (lines, refi->n_free_selections,
            g_dngettext (GETTEXT_PACKAGE, "%u selection without a code (a free quotation).",
                         "%u selections without a code (free quotations).", refi->n_free_selections), refi->n_free_selections);
  if (!refi->ours)
    report_n (lines, refi->n_cases,
            g_dngettext (GETTEXT_PACKAGE, "%u case (and its variables).",
                         "%u cases (and their variables).", refi->n_cases), refi->n_cases);
  report_n (lines, refi->n_sets,
            g_dngettext (GETTEXT_PACKAGE, "%u set of codes or sources.",
                         "%u sets of codes or sources.", refi->n_sets), refi->n_sets);
  report_n (lines, refi->n_links,
            g_dngettext (GETTEXT_PACKAGE, "%u link between items.",
                         "%u links between items.", refi->n_links), refi->n_links);
  report_n (lines, refi->n_graphs,
            g_dngettext (GETTEXT_PACKAGE, "%u graph (network view).",
                         "%u graphs (network views).", refi->n_graphs), refi->n_graphs);
  if (g_hash_table_size (refi->unmapped_variables) > 0)
    {
      g_autofree char **names = (char **) g_hash_table_get_keys_as_array (refi->unmapped_variables,
                                                                           NULL);
      g_autofree char *joined = g_strjoinv ("”, “", names);

      g_ptr_array_add (lines, g_strdup_printf (_("The values of variables that are not "
                                                 "document details in Plenary: “%s”."), joined));
    }
  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);

      if (!note->used && (note->text == NULL || *note->text == '\0'))
        n_unused_notes++;
    }
  report_n (lines, n_unused_notes,
            g_dngettext (GETTEXT_PACKAGE, "%u note without text.",
                         "%u notes without text.", n_unused_notes), n_unused_notes);

  if (refi->n_bad_guids > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u item had an invalid GUID and was given "
                                  "a new one.", "%u items had invalid GUIDs and were given new "
                                  "ones.", refi->n_bad_guids), refi->n_bad_guids);
  if (refi->n_duplicate_guids > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u item repeated the GUID of another and "
                                  "was given a new one.", "%u items repeated the GUIDs of "
                                  "others and were given new ones.", refi->n_duplicate_guids),
               refi->n_duplicate_guids);
  if (apply->n_not_codable > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u code marked as not codable has codings: "
                                  "it was made codable.", "%u codes marked as not codable have "
                                  "codings: they were made codable.", apply->n_not_codable),
               apply->n_not_codable);
  if (apply->n_short_ids_dropped > 0)
    pl_refi_warn (refi, g_dngettext (GETTEXT_PACKAGE, "%u code kept its name but not its short id "
                                  "or shortcut, which another code of the project has.",
                                  "%u codes kept their names but not their short ids or "
                                  "shortcuts, which other codes of the project have.",
                                  apply->n_short_ids_dropped), apply->n_short_ids_dropped);

  for (guint i = 0; i < refi->warnings->len; i++)
    g_ptr_array_add (report->warnings, g_strdup (g_ptr_array_index (refi->warnings, i)));
}

PlRefiReport *
pl_refi_file_apply (PlRefiFile  *refi,
                    PlProject   *project,
                    GError     **error)
{
  g_autoptr(PlRefiReport) report = NULL;
  Apply apply = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (refi != NULL, NULL);
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  report = g_new0 (PlRefiReport, 1);
  report->origin = g_strdup (refi->origin);
  report->not_imported = g_ptr_array_new_with_free_func (g_free);
  report->warnings = g_ptr_array_new_with_free_func (g_free);

  apply.refi = refi;
  apply.project = project;
  apply.report = report;
  apply.coder_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  apply.code_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  mark_coded (refi);
  apply.link_ends = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < refi->links->len; i++)
    {
      RefiLink *link = g_ptr_array_index (refi->links, i);

      if (link->origin != NULL)
        g_hash_table_add (apply.link_ends, link->origin);
      if (link->target != NULL)
        g_hash_table_add (apply.link_ends, link->target);
    }

  apply.bulk = pl_project_bulk_begin (project, error);
  if (apply.bulk == NULL)
    goto out;

  if (!apply_users (&apply, error))
    goto out;
  for (guint i = 0; i < refi->codes->len; i++)
    if (!apply_code (&apply, g_ptr_array_index (refi->codes, i), 0, error))
      goto out;
  for (guint i = 0; i < refi->sources->len; i++)
    if (!apply_source (&apply, g_ptr_array_index (refi->sources, i), error))
      goto out;
  if (!apply_links (&apply, error) || !apply_notes (&apply, error) ||
      !apply_codebook_version (&apply, error) ||
      !pl_project_bulk_commit (apply.bulk, error))
    goto out;

  fill_report (&apply);
  ok = TRUE;

out:
  /* Rolls back what was not committed. */
  g_clear_pointer (&apply.bulk, pl_project_bulk_free);
  g_hash_table_unref (apply.coder_ids);
  g_hash_table_unref (apply.code_ids);
  g_hash_table_unref (apply.link_ends);

  return ok ? g_steal_pointer (&report) : NULL;
}

PlRefiReport *
pl_refi_import (PlProject     *project,
                GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(PlRefiFile) refi = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  refi = pl_refi_file_read (file, cancellable, error);
  if (refi == NULL)
    return NULL;

  return pl_refi_file_apply (refi, project, error);
}

/* Asynchronous import: read in a worker, apply in the caller's context. */

static void
import_read_run (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  PlRefiFile *refi = pl_refi_file_read (file, cancellable, &error);

  if (refi != NULL)
    g_task_return_pointer (task, refi, (GDestroyNotify) pl_refi_file_free);
  else
    g_task_return_error (task, error);
}

static void
import_read_done (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(PlRefiFile) refi = NULL;
  PlProject *project = PL_PROJECT (source_object);
  GError *error = NULL;
  PlRefiReport *report;

  refi = g_task_propagate_pointer (G_TASK (result), &error);
  if (refi == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  report = pl_refi_file_apply (refi, project, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) pl_refi_report_free);
  else
    g_task_return_error (task, error);
}

void
pl_refi_import_async (PlProject           *project,
                      GFile               *file,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  g_autoptr(GTask) reader = NULL;

  g_return_if_fail (PL_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (file));

  /* libxml2 sets itself up once, here, rather than in a worker thread. */
  xmlInitParser ();

  task = g_task_new (project, cancellable, callback, user_data);
  g_task_set_source_tag (task, pl_refi_import_async);

  reader = g_task_new (project, cancellable, import_read_done, task);
  g_task_set_task_data (reader, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (reader, import_read_run);
}

PlRefiReport *
pl_refi_import_finish (PlProject     *project,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);
  g_return_val_if_fail (g_task_is_valid (result, project), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

