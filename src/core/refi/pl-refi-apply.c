/* pl-refi-apply.c — a REFI-QDA file read into memory, added to a project
 *
 * Everything is added through one bulk (pl-project-bulk.h): one transaction, GUID-keyed,
 * so that what the project already has is kept and reused, and nothing at all is added
 * when anything fails.  What could not be imported is counted for the report
 * (pl-refi-report.c).
 *
 * Where things go: a source's Description is the document's memo, a coded selection's
 * Description (and the notes it refers to) the annotation's memo; a selection without a
 * code that has a Description or notes, and a note whose own selection marks a passage of
 * the source that refers to it (QualCoder's annotations), become notes about that passage;
 * other notes are kept about what refers to them (a document, a code, the project).
 * Plenary's own part of the file (plenary/project.json) gives back what project.qde has
 * no place for; files of earlier versions of Plenary carried it in "[plenary]" lines,
 * which are still read.  Plenary's speaker cases fill in the speakers of statements found
 * again by the segmenter; other cases are reported.  Links between two text selections
 * become links between statements and outcome documents (pl-refi-links.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-refi-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pl-gazetteer.h"
#include "pl-json.h"
#include "pl-project-bulk.h"
#include "pl-project-gazetteer.h"
#include "pl-refi-private.h"
#include "pl-segmenter.h"

/* QualCoder's name for the coder of work done before a coder name was set. */
#define PLACEHOLDER_USER "default"

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
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

/* A note of Plenary's notes table (not a memo), as Plenary's own part of the file or, in
 * files of earlier versions, a "[plenary]" line says. */
static JsonObject *
table_note (PlRefiFile *refi,
            RefiNote   *note)
{
  JsonObject *entry = pl_refi_plenary_lookup (refi->plenary, REFI_PLENARY_NOTES, note->guid);

  if (entry != NULL)
    return entry;
  return is_marker (note->marker, "note") ? note->marker : NULL;
}

/* Coders */

/* The coder for @guid and @name: the project's coder with that GUID, else with that name,
 * else a new one; -1 on error. */
static gint64
ensure_coder (RefiApply   *apply,
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

static void
add_in_use (GHashTable *in_use,
            const char *user)
{
  if (user != NULL)
    g_hash_table_add (in_use, (gpointer) user);
}

/* The users who made something in the file: codings, selections, notes. */
static GHashTable *
users_in_use (PlRefiFile *refi)
{
  GHashTable *in_use = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint s = 0; s < refi->sources->len; s++)
    {
      RefiSource *source = g_ptr_array_index (refi->sources, s);

      for (guint i = 0; i < source->selections->len; i++)
        {
          RefiSelection *selection = g_ptr_array_index (source->selections, i);

          add_in_use (in_use, selection->user);
          for (guint c = 0; c < selection->codings->len; c++)
            add_in_use (in_use, ((RefiCoding *) g_ptr_array_index (selection->codings, c))->user);
        }
    }
  for (guint i = 0; i < refi->notes->len; i++)
    add_in_use (in_use, ((RefiNote *) g_ptr_array_index (refi->notes, i))->user);

  return in_use;
}

static gboolean
is_placeholder (PlRefiFile     *refi,
                const RefiUser *user)
{
  return !refi->ours && g_strcmp0 (user->name, PLACEHOLDER_USER) == 0;
}

/* Whom QualCoder's "default" stands for: the project's creator, else the one other user
 * of the file; NULL when neither says. */
static const char *
placeholder_target (RefiApply *apply)
{
  PlRefiFile *refi = apply->refi;
  const char *other = NULL;
  guint n_others = 0;

  for (guint i = 0; i < refi->users->len; i++)
    {
      RefiUser *user = g_ptr_array_index (refi->users, i);

      if (is_placeholder (refi, user))
        continue;
      if (g_strcmp0 (user->guid, refi->project_user) == 0)
        return user->guid;
      other = user->guid;
      n_others++;
    }

  return n_others == 1 ? other : NULL;
}

static gboolean
apply_users (RefiApply  *apply,
             GError    **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GHashTable) in_use = users_in_use (refi);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < refi->users->len; i++)
      {
        RefiUser *user = g_ptr_array_index (refi->users, i);
        g_autofree char *fallback = NULL;
        const char *name = user->name != NULL ? user->name : user->id;
        const char *target;
        gint64 id;

        /* The placeholder last, once the users it may stand for are known. */
        if (is_placeholder (refi, user) != (pass == 1))
          continue;

        if (pass == 1)
          {
            if (!g_hash_table_contains (in_use, user->guid))
              {
                apply->applied.n_idle_placeholders++;
                continue;
              }
            target = placeholder_target (apply);
            if (target != NULL)
              {
                gint64 *target_id = g_hash_table_lookup (apply->coder_ids, target);

                g_hash_table_insert (apply->coder_ids, g_strdup (user->guid), new_id (*target_id));
                apply->applied.n_mapped_placeholders++;
                continue;
              }
          }

        if (name == NULL)
          name = fallback = g_strdup_printf (_("User %.8s"), user->guid);

        id = ensure_coder (apply, user->guid, name, user->id, error);
        if (id < 0)
          return FALSE;
        g_hash_table_insert (apply->coder_ids, g_strdup (user->guid), new_id (id));
      }

  return TRUE;
}

static gboolean
is_listed_user (PlRefiFile *refi,
                const char *guid)
{
  for (guint i = 0; guid != NULL && i < refi->users->len; i++)
    if (strcmp (((RefiUser *) g_ptr_array_index (refi->users, i))->guid, guid) == 0)
      return TRUE;
  return FALSE;
}

/* The coder of a coding or note: its user, else the selection's, else the project's
 * creator when the file lists it, else the file's only user, else a coder named after the
 * tool that made the file. */
gint64
pl_refi_coder_for (RefiApply   *apply,
                   const char  *user,
                   const char  *fallback_user,
                   GError     **error)
{
  PlRefiFile *refi = apply->refi;
  const char *project_user = is_listed_user (refi, refi->project_user) ? refi->project_user
                                                                       : NULL;
  const char *only_user = refi->users->len == 1
    ? ((RefiUser *) g_ptr_array_index (refi->users, 0))->guid : NULL;
  const char *candidates[] = { user, fallback_user, project_user, only_user };

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
      /* The file's only user stands for a user it does not list only when it made
       * something. */
      if (i == 3)
        continue;

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
      const char *name = refi->origin != NULL ? refi->origin : _("Imported");

      apply->fallback_coder = ensure_coder (apply, NULL, name, NULL, error);
    }
  return apply->fallback_coder;
}

/* Codes */

static gboolean
apply_code (RefiApply  *apply,
            RefiCode   *code,
            gint64      parent_id,
            GError    **error)
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
        apply->applied.n_short_ids_dropped++;
      if (!code->codable && code->coded)
        apply->applied.n_not_codable++;
    }

  g_hash_table_insert (apply->code_ids, g_strdup (code->guid), new_id (result.id));

  for (guint i = 0; i < code->children->len; i++)
    if (!apply_code (apply, g_ptr_array_index (code->children, i), result.id, error))
      return FALSE;

  return TRUE;
}

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

/* Memos */

/* Appends to @memo the texts of the notes of @refs that are memos, a blank line between
 * two, and marks them used.  Plenary's own notes stay notes. */
static void
append_memos (PlRefiFile *refi,
              GPtrArray  *refs,
              GString    *memo)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (refs, i));

      if (note == NULL || note->used || note->text == NULL || *note->text == '\0' ||
          table_note (refi, note) != NULL)
        continue;
      if (memo->len > 0)
        g_string_append (memo, "\n\n");
      g_string_append (memo, note->text);
      note->used = TRUE;
    }
}

/* An annotation's memo: its selection's Description, then the notes the selection and
 * its coding refer to. */
static char *
memo_for (PlRefiFile    *refi,
          RefiSelection *selection,
          RefiCoding    *coding)
{
  GString *memo = g_string_new (selection->description);

  append_memos (refi, selection->note_refs, memo);
  append_memos (refi, coding->note_refs, memo);

  return g_string_free (memo, memo->len == 0);
}

/* A document's memo: its source's Description; files of earlier versions of Plenary wrote
 * it as a note the source refers to. */
static char *
document_memo (PlRefiFile *refi,
               RefiSource *source)
{
  GString *memo = g_string_new (source->description);

  if (refi->ours && refi->plenary == NULL)
    for (guint i = 0; source->note_refs != NULL && i < source->note_refs->len; i++)
      {
        RefiNote *note = g_hash_table_lookup (refi->notes_by_guid,
                                              g_ptr_array_index (source->note_refs, i));

        if (note == NULL || note->marker != NULL || note->text == NULL)
          continue;
        if (memo->len > 0)
          g_string_append (memo, "\n\n");
        g_string_append (memo, note->text);
        note->used = TRUE;
      }

  return g_string_free (memo, memo->len == 0);
}

/* Statements */

/* The statements of a file of an earlier version of Plenary: a selection marked
 * "statement" each; NULL when there are none, or one could not be mapped. */
static GPtrArray *
marked_statements (RefiSource *source)
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
        return NULL;

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
    return NULL;

  pl_refi_sort_statements (statements);
  return g_steal_pointer (&statements);
}

static const char *
case_value (PlRefiFile     *refi,
            const RefiCase *refi_case,
            const char     *variable)
{
  for (guint i = 0; refi_case->values != NULL && i + 1 < refi_case->values->len; i += 2)
    {
      const char *name = g_hash_table_lookup (refi->variables,
                                              g_ptr_array_index (refi_case->values, i));
      const char *value = g_ptr_array_index (refi_case->values, i + 1);

      if (g_strcmp0 (name, variable) == 0 && *value != '\0')
        return value;
    }
  return NULL;
}

/* What Plenary's speaker cases say of the speakers of statements the segmenter found: the
 * entity type, ISO3 code and regional group a coder may have corrected or cleared (a case
 * holds the values its entity has, and only those). */
static void
apply_speaker_cases (RefiApply *apply,
                     GPtrArray *statements,
                     gboolean   found_again)
{
  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);
      RefiCase *refi_case = statement->entity != NULL
        ? g_hash_table_lookup (apply->speaker_cases, statement->entity) : NULL;
      char **fields[] = { &statement->entity_type, &statement->iso3, &statement->regional_group };

      if (refi_case == NULL)
        continue;
      refi_case->matched = TRUE;
      if (!found_again)
        continue;

      for (guint k = 0; pl_refi_case_variables[k] != NULL; k++)
        {
          g_free (*fields[k]);
          *fields[k] = g_strdup (case_value (apply->refi, refi_case, pl_refi_case_variables[k]));
        }
    }
}

/* The statements of @source: Plenary's own when the file carries them for this text,
 * else the segmenter's (@out_found_again), their speakers completed by the speaker
 * cases. */
static GPtrArray *
statements_for (RefiApply  *apply,
                RefiSource *source,
                gboolean   *out_found_again)
{
  GPtrArray *statements = pl_refi_plenary_statements (apply->refi->plenary, source);

  *out_found_again = FALSE;
  if (statements == NULL)
    statements = marked_statements (source);
  if (statements == NULL)
    {
      statements = pl_segmenter_segment (source->text, pl_project_get_gazetteer (apply->project));
      *out_found_again = TRUE;
    }

  apply_speaker_cases (apply, statements, *out_found_again);
  return statements;
}

/* Documents */

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

static gboolean
apply_annotation (RefiApply      *apply,
                  gint64          document_id,
                  RefiSelection  *selection,
                  RefiCoding     *coding,
                  const char     *guid,
                  GError        **error)
{
  PlBulkAnnotation annotation = { 0 };
  PlBulkResult result;
  g_autofree char *memo = NULL;
  gboolean exact = FALSE;
  const char *stance = NULL;
  gint64 codebook_version = 1;
  gint64 *code_id;
  gint64 existing;

  code_id = coding->code_guid != NULL ? g_hash_table_lookup (apply->code_ids, coding->code_guid)
                                      : NULL;
  if (code_id == NULL || !pl_project_bulk_code_is_codable (apply->bulk, *code_id))
    {
      apply->refi->n_missing_codes++;
      return TRUE;
    }

  if (apply->added != NULL)
    existing = g_hash_table_contains (apply->added, guid);
  else
    existing = pl_project_bulk_lookup (apply->bulk, PL_BULK_ANNOTATIONS, guid, error);
  if (existing < 0)
    return FALSE;
  if (existing != 0)
    {
      apply->applied.n_existing_annotations++;
      return TRUE;
    }

  annotation.coder_id = pl_refi_coder_for (apply, coding->user, selection->user, error);
  if (annotation.coder_id < 0)
    return FALSE;

  /* Stance and codebook version: Plenary's own part, or a "[plenary]" line of earlier
   * versions. */
  annotation.codebook_version = 1;
  if (pl_refi_plenary_annotation (apply->refi->plenary, guid, &stance, &codebook_version))
    exact = TRUE;
  else if (is_marker (selection->marker, "annotation"))
    {
      exact = TRUE;
      stance = marker_string (selection->marker, "stance");
      codebook_version = json_object_get_int_member_with_default (selection->marker,
                                                                  "codebook_version", 1);
    }
  if (exact)
    {
      if (stance != NULL && pl_annotation_stance_is_valid (stance))
        annotation.stance = stance;
      annotation.codebook_version = MAX (1, codebook_version);
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
  if (apply->added != NULL && !result.existed)
    g_hash_table_add (apply->added, (gpointer) guid);

  apply->report->n_annotations++;
  return TRUE;
}

/* A note, and the coder who wrote it. */
static gboolean
add_note (RefiApply   *apply,
          PlBulkNote  *row,
          const char  *user,
          GError     **error)
{
  PlBulkResult result;

  if (user != NULL)
    {
      row->coder_id = pl_refi_coder_for (apply, user, NULL, error);
      if (row->coder_id < 0)
        return FALSE;
    }
  if (!pl_project_bulk_add_note (apply->bulk, row, &result, error))
    return FALSE;

  if (!result.existed)
    apply->report->n_notes++;
  return TRUE;
}

/* A selection without a code that says something (ATLAS.ti's commented quotation,
 * MAXQDA's memo on a passage, Plenary's own note on a passage): a note about its passage,
 * or about its document when the passage could not be mapped. */
static gboolean
apply_passage_note (RefiApply      *apply,
                    RefiSource     *source,
                    RefiSelection  *selection,
                    GError        **error)
{
  JsonObject *exact = pl_refi_plenary_lookup (apply->refi->plenary, REFI_PLENARY_NOTES,
                                              selection->guid);
  PlBulkNote row = { 0 };

  row.guid = selection->guid;
  row.target_guid = source->guid;
  row.text = selection->description;
  row.title = exact != NULL ? pl_json_member_string (exact, "title") : NULL;
  row.anchored = selection->mapped;
  row.start = selection->norm_start;
  row.end = selection->norm_end;
  row.created = selection->created;
  row.modified = selection->modified;

  return add_note (apply, &row, selection->user, error);
}

static void
mark_refs_used (PlRefiFile *refi,
                GPtrArray  *refs)
{
  for (guint i = 0; refs != NULL && i < refs->len; i++)
    {
      RefiNote *note = g_hash_table_lookup (refi->notes_by_guid, g_ptr_array_index (refs, i));

      if (note != NULL && table_note (refi, note) == NULL)
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

/* The selections of a new document: annotations, notes about passages. */
static gboolean
apply_selections (RefiApply   *apply,
                  RefiSource  *source,
                  gint64       document_id,
                  GError     **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GHashTable) used_guids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < source->selections->len; i++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, i);

      /* Statements of earlier versions, and the passages of notes (apply_notes()). */
      if (is_marker (selection->marker, "statement") || selection->passage_of != NULL)
        continue;
      if (selection->codings->len == 0)
        {
          if (selection->description == NULL)
            {
              /* The end of a link is imported with the link (pl_refi_apply_links()). */
              if (selection->note_refs == NULL
                  && !g_hash_table_contains (apply->link_ends, selection->guid))
                refi->n_free_selections++;
              continue;
            }
          if (!selection->mapped)
            apply->applied.n_lost_passages++;
          if (!apply_passage_note (apply, source, selection, error))
            return FALSE;
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

          if (!apply_annotation (apply, document_id, selection, coding, guid, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
apply_source (RefiApply   *apply,
              RefiSource  *source,
              GError     **error)
{
  PlRefiFile *refi = apply->refi;
  g_autoptr(GPtrArray) statements = NULL;
  g_autofree char *memo = NULL;
  const char *metadata[16] = { NULL };
  PlBulkDocument document = { 0 };
  PlBulkResult result;
  gboolean found_again;
  gint64 existing;

  if (source->text == NULL)
    return TRUE;

  existing = pl_project_bulk_lookup (apply->bulk, PL_BULK_DOCUMENTS, source->guid, error);
  if (existing < 0)
    return FALSE;
  if (existing != 0)
    {
      /* Its memos are in the project already, with it, and so are the speakers its
       * cases name. */
      mark_notes_used (refi, source);
      apply->applied.n_existing_documents++;
      if (g_hash_table_size (apply->speaker_cases) > 0)
        g_ptr_array_unref (statements_for (apply, source, &found_again));
      return TRUE;
    }

  for (guint k = 0; pl_refi_document_variables[k] != NULL; k++)
    metadata[k] = variable_value (refi, source, pl_refi_document_variables[k]);
  note_unmapped_variables (refi, source);

  memo = document_memo (refi, source);
  statements = statements_for (apply, source, &found_again);
  if (found_again && refi->ours)
    apply->applied.n_resegmented++;

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

  return apply_selections (apply, source, result.id, error);
}

/* Notes */

/* The first passage of the document @source that @note marks, mapped; NULL when none.
 * @out_lost: whether it marks passages that will not be kept (unmapped, or beyond the
 * first). */
static RefiSelection *
note_passage (RefiNote   *note,
              RefiSource *source,
              gboolean   *out_lost)
{
  RefiSelection *first = NULL;
  guint n = 0;

  for (guint i = 0; source != NULL && i < source->selections->len; i++)
    {
      RefiSelection *selection = g_ptr_array_index (source->selections, i);

      if (selection->passage_of != note)
        continue;
      n++;
      if (first == NULL && selection->mapped)
        first = selection;
    }

  *out_lost = n > (first != NULL ? 1 : 0);
  return first;
}

/* Where a note that is not a memo belongs: filled into @row. */
static void
place_note (RefiApply  *apply,
            RefiNote   *note,
            PlBulkNote *row)
{
  PlRefiFile *refi = apply->refi;
  JsonObject *exact = table_note (refi, note);
  RefiSelection *passage;
  gboolean lost = FALSE;

  if (exact != NULL)
    {
      /* Plenary's own: what it was about, even if that was not exported with it. */
      row->target_guid = marker_string (exact, "target");
      row->title = marker_string (exact, "title");
      row->start = (guint) CLAMP (json_object_get_int_member_with_default (exact, "start", 0),
                                  0, G_MAXUINT);
      row->end = (guint) CLAMP (json_object_get_int_member_with_default (exact, "end", 0),
                                0, G_MAXUINT);
      row->anchored = row->target_guid != NULL && row->start < row->end;
      return;
    }

  row->title = note->title;
  switch (note->referrer)
    {
    case REFI_REFERRER_SELECTION:
      passage = note->referred_by;
      if (passage->codings->len > 0)
        row->target_guid = passage->guid;
      else if (passage->mapped)
        {
          row->target_guid = note->source->guid;
          row->anchored = TRUE;
          row->start = passage->norm_start;
          row->end = passage->norm_end;
        }
      else
        {
          row->target_guid = note->source->guid;
          apply->applied.n_lost_passages++;
        }
      break;

    case REFI_REFERRER_SOURCE:
      row->target_guid = note->source->guid;
      passage = note_passage (note, note->source, &lost);
      if (passage != NULL)
        {
          row->anchored = TRUE;
          row->start = passage->norm_start;
          row->end = passage->norm_end;
        }
      break;

    case REFI_REFERRER_CODE:
      row->target_guid = ((RefiCode *) note->referred_by)->guid;
      break;

    case REFI_REFERRER_PROJECT:
    case REFI_REFERRER_NONE:
    default:
      break;
    }

  /* Passages the note marks in a source the file does not name, or that could not be
   * kept. */
  if (lost || note->passages->len > 0)
    apply->applied.n_lost_passages++;
}

/* Notes that are not memos: into the notes table, about what they belong to. */
static gboolean
apply_notes (RefiApply  *apply,
             GError    **error)
{
  PlRefiFile *refi = apply->refi;

  for (guint i = 0; i < refi->notes->len; i++)
    {
      RefiNote *note = g_ptr_array_index (refi->notes, i);
      g_autofree char *text = NULL;
      PlBulkNote row = { 0 };

      if (note->used || note->text == NULL || *note->text == '\0')
        continue;

      text = g_strdup (note->text);
      if (note->description != NULL && table_note (refi, note) == NULL)
        {
          /* ATLAS.ti gives a memo a comment beside its text. */
          g_autofree char *both = g_strconcat (text, "\n\n", note->description, NULL);

          g_free (text);
          text = g_steal_pointer (&both);
          apply->applied.n_note_descriptions++;
        }

      place_note (apply, note, &row);
      row.guid = note->guid;
      row.text = text;
      row.created = note->created;
      row.modified = note->modified;
      if (!add_note (apply, &row, note->user, error))
        return FALSE;
    }

  return TRUE;
}

/* The project */

static gboolean
apply_project (RefiApply  *apply,
               GError    **error)
{
  PlRefiFile *refi = apply->refi;
  gint64 version = pl_refi_plenary_codebook_version (refi->plenary);
  PlBulkResult result;

  /* Earlier versions of Plenary wrote a Description of their own, not the project's. */
  if (is_marker (refi->project_marker, "project"))
    version = json_object_get_int_member_with_default (refi->project_marker,
                                                       "codebook_version", 1);
  else if (refi->project_description != NULL)
    {
      if (!pl_project_bulk_set_description (apply->bulk, refi->project_description, &result,
                                            error))
        return FALSE;
      apply->applied.description_differs = result.dropped;
    }

  if (version <= 1)
    return TRUE;

  return pl_project_bulk_raise_codebook_version (apply->bulk, version, error);
}

/* Plenary's speaker cases, by entity. */
static void
collect_speaker_cases (RefiApply *apply)
{
  for (guint i = 0; i < apply->refi->cases->len; i++)
    {
      RefiCase *refi_case = g_ptr_array_index (apply->refi->cases, i);

      if (pl_refi_is_speaker_case (apply->refi, refi_case) &&
          !g_hash_table_contains (apply->speaker_cases, refi_case->name))
        g_hash_table_insert (apply->speaker_cases, refi_case->name, refi_case);
    }
}

PlRefiReport *
pl_refi_file_apply (PlRefiFile  *refi,
                    PlProject   *project,
                    GError     **error)
{
  g_autoptr(PlRefiReport) report = NULL;
  RefiApply apply = { 0 };
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
  apply.speaker_cases = g_hash_table_new (g_str_hash, g_str_equal);

  mark_coded (refi);
  collect_speaker_cases (&apply);
  apply.link_ends = pl_refi_link_ends (refi);

  apply.bulk = pl_project_bulk_begin (project, error);
  if (apply.bulk == NULL)
    goto out;
  switch (pl_project_bulk_count (apply.bulk, PL_BULK_ANNOTATIONS, error))
    {
    case -1:
      goto out;
    case 0:
      apply.added = g_hash_table_new (g_str_hash, g_str_equal);
      break;
    default:
      break;
    }

  if (!apply_users (&apply, error))
    goto out;
  for (guint i = 0; i < refi->codes->len; i++)
    if (!apply_code (&apply, g_ptr_array_index (refi->codes, i), 0, error))
      goto out;
  for (guint i = 0; i < refi->sources->len; i++)
    if (!apply_source (&apply, g_ptr_array_index (refi->sources, i), error))
      goto out;
  if (!pl_refi_apply_links (&apply, error) || !apply_notes (&apply, error) ||
      !apply_project (&apply, error) ||
      !pl_project_bulk_commit (apply.bulk, error))
    goto out;

  pl_refi_fill_report (refi, &apply.applied, report);
  ok = TRUE;

out:
  /* Rolls back what was not committed. */
  g_clear_pointer (&apply.bulk, pl_project_bulk_free);
  g_hash_table_unref (apply.coder_ids);
  g_hash_table_unref (apply.code_ids);
  g_hash_table_unref (apply.speaker_cases);
  g_hash_table_unref (apply.link_ends);
  g_clear_pointer (&apply.added, g_hash_table_unref);

  return ok ? g_steal_pointer (&report) : NULL;
}
