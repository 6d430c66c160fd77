/* pl-codebook-split.c — splitting a code: new codes, and the annotations they take over
 *
 * The new codes become children of the code or its siblings; each annotation goes to the
 * new code it is assigned to, by hand or by rules, and unassigned ones stay (see
 * pl-codebook-edit.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-private.h"
#include "pl-text.h"

struct _PlCodebookSplit
{
  PlCodebook               *codebook;
  PlProject                *project;      /* the codebook's */
  PlCodeRecord             *source;
  GPtrArray                *codes;        /* PlCodeRecord: the new codes, no id or GUID yet */
  GPtrArray                *annotations;  /* PlAnnotationRecord */
  GPtrArray                *plain;        /* PlAnnotation, for callers */
  GHashTable               *targets;      /* annotation GUID → target index + 1 */
  GHashTable               *texts;        /* document id → text */
  GHashTable               *statements;   /* document id → GPtrArray of PlStatement */
  PlCodebookSplitPlacement  placement;
  gboolean                  retire;
};

PlCodebookSplit *
pl_codebook_split_new (PlCodebook  *codebook,
                       gint64       code_id,
                       GError     **error)
{
  g_autoptr(PlCodebookSplit) split = NULL;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), NULL);

  project = pl_codebook_get_project (codebook);

  split = g_new0 (PlCodebookSplit, 1);
  split->codebook = g_object_ref (codebook);
  split->project = project;
  split->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_code_record_free);
  split->plain = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_unref);
  split->targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  split->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  split->statements = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) g_ptr_array_unref);

  split->source = pl_project_read_code (project, code_id, error);
  if (split->source == NULL)
    return NULL;
  split->annotations = pl_project_read_code_annotations (project, code_id, error);
  if (split->annotations == NULL)
    return NULL;
  for (guint i = 0; i < split->annotations->len; i++)
    {
      PlAnnotationRecord *record = g_ptr_array_index (split->annotations, i);

      g_ptr_array_add (split->plain, pl_annotation_ref (record->annotation));
    }
  return g_steal_pointer (&split);
}

void
pl_codebook_split_free (PlCodebookSplit *split)
{
  if (split == NULL)
    return;
  g_clear_object (&split->codebook);
  g_clear_pointer (&split->source, pl_code_record_free);
  g_clear_pointer (&split->codes, g_ptr_array_unref);
  g_clear_pointer (&split->annotations, g_ptr_array_unref);
  g_clear_pointer (&split->plain, g_ptr_array_unref);
  g_clear_pointer (&split->targets, g_hash_table_unref);
  g_clear_pointer (&split->texts, g_hash_table_unref);
  g_clear_pointer (&split->statements, g_hash_table_unref);
  g_free (split);
}

guint
pl_codebook_split_add_code (PlCodebookSplit  *split,
                            const PlCodeSpec *spec)
{
  PlCodeRecord *code;

  g_return_val_if_fail (split != NULL, 0);
  g_return_val_if_fail (spec != NULL, 0);

  code = g_new0 (PlCodeRecord, 1);
  code->name = pl_codebook_dup_trimmed (spec->name);
  code->short_id = pl_codebook_dup_trimmed (spec->short_id);
  code->color = g_strdup (spec->color);
  code->color_dark = g_strdup (spec->color_dark);
  code->shortcut = pl_codebook_dup_trimmed (spec->shortcut);
  code->definition = pl_codebook_dup_trimmed (spec->definition);
  code->inclusion = pl_codebook_dup_trimmed (spec->inclusion);
  code->exclusion = pl_codebook_dup_trimmed (spec->exclusion);
  code->example = pl_codebook_dup_trimmed (spec->example);
  code->codable = TRUE;
  g_ptr_array_add (split->codes, code);
  return split->codes->len - 1;
}

void
pl_codebook_split_set_placement (PlCodebookSplit          *split,
                                 PlCodebookSplitPlacement  placement)
{
  g_return_if_fail (split != NULL);
  split->placement = placement;
}

void
pl_codebook_split_set_retire_source (PlCodebookSplit *split,
                                     gboolean         retire)
{
  g_return_if_fail (split != NULL);
  split->retire = retire;
}

GPtrArray *
pl_codebook_split_get_annotations (PlCodebookSplit *split)
{
  g_return_val_if_fail (split != NULL, NULL);
  return split->plain;
}

int
pl_codebook_split_get_target (PlCodebookSplit *split,
                              const char      *annotation_guid)
{
  g_return_val_if_fail (split != NULL, -1);
  g_return_val_if_fail (annotation_guid != NULL, -1);

  return GPOINTER_TO_INT (g_hash_table_lookup (split->targets, annotation_guid)) - 1;
}

static gboolean
check_target (PlCodebookSplit  *split,
              int               target,
              GError          **error)
{
  if (target >= 0 && (guint) target < split->codes->len)
    return TRUE;
  return pl_codebook_refuse (error, _("There is no new code number %d in this split."), target + 1);
}

static void
set_target (PlCodebookSplit    *split,
            const PlAnnotation *annotation,
            int                 target)
{
  if (target < 0)
    g_hash_table_remove (split->targets, annotation->guid);
  else
    g_hash_table_replace (split->targets, g_strdup (annotation->guid), GINT_TO_POINTER (target + 1));
}

gboolean
pl_codebook_split_assign (PlCodebookSplit  *split,
                          const char       *annotation_guid,
                          int               target,
                          GError          **error)
{
  g_return_val_if_fail (split != NULL, FALSE);
  g_return_val_if_fail (annotation_guid != NULL, FALSE);

  if (target >= 0 && !check_target (split, target, error))
    return FALSE;

  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);

      if (g_str_equal (annotation->guid, annotation_guid))
        {
          set_target (split, annotation, target);
          return TRUE;
        }
    }
  return pl_codebook_refuse (error, _("The annotation %s is not one of “%s”."), annotation_guid, split->source->name);
}

static const char *
split_text (PlCodebookSplit  *split,
            gint64            document_id,
            GError          **error)
{
  char *text = g_hash_table_lookup (split->texts, &document_id);
  gint64 *key;

  if (text != NULL)
    return text;
  text = pl_project_dup_document_text (split->project, document_id, error);
  if (text == NULL)
    return NULL;
  key = g_new (gint64, 1);
  *key = document_id;
  g_hash_table_insert (split->texts, key, text);
  return text;
}

int
pl_codebook_split_assign_by_regex (PlCodebookSplit  *split,
                                   const char       *pattern,
                                   guint             target,
                                   GError          **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) regex_error = NULL;
  int matched = 0;

  g_return_val_if_fail (split != NULL, -1);
  g_return_val_if_fail (pattern != NULL, -1);

  if (!check_target (split, target, error))
    return -1;

  regex = g_regex_new (pattern, G_REGEX_CASELESS, 0, &regex_error);
  if (regex == NULL)
    {
      pl_codebook_refuse (error, _("“%s” is not a valid pattern: %s"), pattern, regex_error->message);
      return -1;
    }

  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);
      const char *text = split_text (split, annotation->document_id, error);
      g_autofree char *coded = NULL;

      if (text == NULL)
        return -1;
      coded = pl_text_slice (text, annotation->start, annotation->end);
      if (g_regex_match (regex, coded, 0, NULL))
        {
          set_target (split, annotation, target);
          matched++;
        }
    }
  return matched;
}

static gboolean
entity_matches (const char         *value,
                const char * const *entities)
{
  g_autofree char *folded = NULL;

  if (value == NULL)
    return FALSE;
  folded = g_utf8_casefold (value, -1);
  for (guint i = 0; entities[i] != NULL; i++)
    {
      g_autofree char *entity = g_utf8_casefold (entities[i], -1);

      if (g_str_equal (folded, entity))
        return TRUE;
    }
  return FALSE;
}

int
pl_codebook_split_assign_by_speaker (PlCodebookSplit     *split,
                                     const char * const  *entities,
                                     guint                target,
                                     GError             **error)
{
  int matched = 0;

  g_return_val_if_fail (split != NULL, -1);
  g_return_val_if_fail (entities != NULL, -1);

  if (!check_target (split, target, error))
    return -1;

  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);
      GPtrArray *statements = g_hash_table_lookup (split->statements, &annotation->document_id);

      if (statements == NULL)
        {
          gint64 *key;

          statements = pl_project_list_statements (split->project, annotation->document_id, error);
          if (statements == NULL)
            return -1;
          key = g_new (gint64, 1);
          *key = annotation->document_id;
          g_hash_table_insert (split->statements, key, statements);
        }

      for (guint j = 0; j < statements->len; j++)
        {
          PlStatement *statement = g_ptr_array_index (statements, j);

          if (annotation->start < statement->start || annotation->start >= statement->end)
            continue;
          if (entity_matches (statement->entity, entities) || entity_matches (statement->speaker, entities))
            {
              set_target (split, annotation, target);
              matched++;
            }
          break;
        }
    }
  return matched;
}

int
pl_codebook_split_assign_by_document (PlCodebookSplit  *split,
                                      const gint64     *document_ids,
                                      guint             n_ids,
                                      guint             target,
                                      GError          **error)
{
  int matched = 0;

  g_return_val_if_fail (split != NULL, -1);
  g_return_val_if_fail (document_ids != NULL || n_ids == 0, -1);

  if (!check_target (split, target, error))
    return -1;

  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);

      for (guint j = 0; j < n_ids; j++)
        if (document_ids[j] == annotation->document_id)
          {
            set_target (split, annotation, target);
            matched++;
            break;
          }
    }
  return matched;
}

static gboolean
check_split_codes (PlCodebookSplit  *split,
                   gint64            parent_id,
                   GError          **error)
{
  if (split->codes->len == 0)
    return pl_codebook_refuse (error, _("Add at least one new code to split “%s” into."), split->source->name);

  for (guint i = 0; i < split->codes->len; i++)
    {
      PlCodeRecord *code = g_ptr_array_index (split->codes, i);

      if (!pl_codebook_check_name (code->name, error)
          || !pl_codebook_check_sibling_name (split->project, parent_id, 0, code->name, error)
          || !pl_codebook_check_short_id (split->project, 0, code->short_id, error)
          || !pl_codebook_check_shortcut (split->project, 0, code->shortcut, error))
        return FALSE;

      for (guint j = 0; j < i; j++)
        {
          PlCodeRecord *other = g_ptr_array_index (split->codes, j);

          if (pl_codebook_same_name (other->name, code->name))
            return pl_codebook_refuse (error, _("Two of the new codes are called “%s”."), code->name);
          if (code->short_id != NULL && other->short_id != NULL
              && g_ascii_strcasecmp (code->short_id, other->short_id) == 0)
            return pl_codebook_refuse (error, _("Two of the new codes have the short id “%s”."), code->short_id);
          if (code->shortcut != NULL && g_strcmp0 (code->shortcut, other->shortcut) == 0)
            return pl_codebook_refuse (error, _("Two of the new codes have the shortcut %s."), code->shortcut);
        }
    }
  return TRUE;
}

gboolean
pl_codebook_split_apply (PlCodebookSplit  *split,
                         GArray          **out_codes,
                         GError          **error)
{
  PlCodeRecord *source;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autoptr(GPtrArray) guids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  JsonObject *recode, *recode_undo, *detail;
  JsonArray *items, *undo_items;
  PlCodebookAction action = { 0 };
  gint64 parent_id;
  const char *parent_guid;
  guint first, n_assigned;

  g_return_val_if_fail (split != NULL, FALSE);

  source = split->source;
  if (split->placement == PL_CODEBOOK_SPLIT_CHILDREN)
    {
      parent_id = source->id;
      parent_guid = source->guid;
    }
  else
    {
      parent_id = source->parent_id;
      parent_guid = source->parent_guid;
    }

  if (!check_split_codes (split, parent_id, error))
    return FALSE;

  n_assigned = g_hash_table_size (split->targets);
  if (split->retire && n_assigned < split->annotations->len)
    return pl_codebook_refuse (error,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u annotation of “%s” is not assigned to a new code.",
                                "%u annotations of “%s” are not assigned to a new code.",
                                split->annotations->len - n_assigned),
                   split->annotations->len - n_assigned, source->name);
  siblings = pl_project_read_code_children (split->project, parent_id, error);
  if (siblings == NULL)
    return FALSE;
  if (split->retire && split->placement == PL_CODEBOOK_SPLIT_SIBLINGS && pl_codebook_count_codes (split->codebook, source->id) > 1)
    return pl_codebook_refuse (error, _("“%s” has sub-codes: move them first, or split it into sub-codes."), source->name);

  /* Children go after the code's own; siblings right after the code. */
  first = siblings->len;
  if (split->placement == PL_CODEBOOK_SPLIT_SIBLINGS)
    for (guint i = 0; i < siblings->len; i++)
      if (((PlCodeRecord *) g_ptr_array_index (siblings, i))->id == source->id)
        first = i + 1;

  if (!pl_codebook_action_begin (&action, split->codebook, error))
    return FALSE;

  for (guint i = first; i < siblings->len; i++)
    {
      PlCodeRecord *sibling = g_ptr_array_index (siblings, i);
      JsonObject *changes = json_object_new ();

      json_object_set_int_member (changes, "position", i + split->codes->len);
      if (!pl_codebook_action_update (&action, sibling, changes, error))
        goto failed;
    }

  for (guint i = 0; i < split->codes->len; i++)
    {
      PlCodeRecord *code = g_ptr_array_index (split->codes, i);
      PlCodeSpec spec = {
        .short_id = code->short_id,
        .name = code->name,
        .shortcut = code->shortcut,
        .definition = code->definition,
        .inclusion = code->inclusion,
        .exclusion = code->exclusion,
        .example = code->example,
        .codable = TRUE,
      };
      g_auto(PlCodebookNewCode) made = { g_strdup (code->name), NULL, NULL };
      char *guid = g_uuid_string_random ();

      g_ptr_array_add (guids, guid);
      made.color = code->color != NULL ? pl_codebook_check_color (code->color, code->name, error)
                                       : g_strdup (source->color);
      if (made.color == NULL)
        goto failed;
      made.color_dark = code->color_dark != NULL ? pl_codebook_check_color (code->color_dark, code->name, error)
                                                 : code->color == NULL && source->color_dark != NULL
                                                   ? g_strdup (source->color_dark)
                                                   : pl_codebook_derive_dark_color (made.color);
      if (made.color_dark == NULL)
        goto failed;

      if (!pl_codebook_action_run (&action, pl_codebook_new_code_op (&spec, &made, guid, parent_guid, first + i),
                                   pl_codebook_delete_op (guid), error))
        goto failed;
      g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", code->name);
    }

  recode = pl_history_op_new ("annotations.recode");
  recode_undo = pl_history_op_new ("annotations.recode");
  items = json_array_new ();
  undo_items = json_array_new ();
  json_object_set_array_member (recode, "items", items);
  json_object_set_array_member (recode_undo, "items", undo_items);
  for (guint i = 0; i < split->plain->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (split->plain, i);
      int target = pl_codebook_split_get_target (split, annotation->guid);
      JsonObject *item;

      if (target < 0)
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "guid", annotation->guid);
      json_object_set_string_member (item, "code", g_ptr_array_index (guids, target));
      json_array_add_object_element (items, item);
      item = json_object_new ();
      json_object_set_string_member (item, "guid", annotation->guid);
      json_object_set_string_member (item, "code", source->guid);
      json_array_add_object_element (undo_items, item);
    }
  if (json_array_get_length (items) > 0)
    {
      if (!pl_codebook_action_run (&action, recode, recode_undo, error))
        goto failed;
    }
  else
    {
      json_object_unref (recode);
      json_object_unref (recode_undo);
    }

  if (split->retire && split->placement == PL_CODEBOOK_SPLIT_CHILDREN && source->codable)
    {
      JsonObject *changes = json_object_new ();

      json_object_set_boolean_member (changes, "codable", FALSE);
      if (!pl_codebook_action_update (&action, source, changes, error))
        goto failed;
    }
  else if (split->retire && split->placement == PL_CODEBOOK_SPLIT_SIBLINGS)
    {
      if (!pl_codebook_action_run (&action, pl_codebook_delete_op (source->guid), pl_codebook_insert_op (source), error))
        goto failed;
    }

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Split “%s” into %s (%u annotation reassigned)",
                                          "Split “%s” into %s (%u annotations reassigned)",
                                          n_assigned),
                             source->name, names->str, n_assigned);
  label = g_strdup_printf (_("Split “%s”"), source->name);
  detail = json_object_new ();
  json_object_set_string_member (detail, "source", source->guid);
  json_object_set_int_member (detail, "annotations", n_assigned);
  json_object_set_int_member (detail, "unassigned", split->annotations->len - n_assigned);
  json_object_set_boolean_member (detail, "retired", split->retire);
  {
    JsonArray *codes = json_array_new ();

    for (guint i = 0; i < guids->len; i++)
      json_array_add_string_element (codes, g_ptr_array_index (guids, i));
    json_object_set_array_member (detail, "codes", codes);
  }

  if (!pl_codebook_action_log (&action,
                               &(PlCodebookLogSpec) { "split", source->guid, summary, detail, TRUE },
                               error)
      || !pl_codebook_action_commit (&action, label, error))
    goto failed;

  if (out_codes != NULL)
    {
      *out_codes = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < guids->len; i++)
        {
          PlCode *code = pl_project_find_code_by_guid (split->project, g_ptr_array_index (guids, i));
          gint64 id = code != NULL ? pl_code_get_id (code) : 0;

          g_array_append_val (*out_codes, id);
        }
    }
  return TRUE;

failed:
  if (action.history != NULL)
    pl_codebook_action_abort (&action);
  return FALSE;
}
