/* pl-codebook-merge.c — merging one code into another
 *
 * Every annotation of the source moves to the target, its sub-codes follow, and the
 * source is deleted; an annotation exactly like one of the target (same document, span
 * and coder) is kept as one (see pl-codebook-edit.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-private.h"
#include "pl-json.h"

/* The same document, span and coder. */
static gboolean
same_span (const PlAnnotationRecord *a,
           const PlAnnotationRecord *b)
{
  return a->annotation->document_id == b->annotation->document_id
         && a->annotation->start == b->annotation->start
         && a->annotation->end == b->annotation->end
         && a->annotation->coder_id == b->annotation->coder_id;
}

gboolean
pl_codebook_merge (PlCodebook  *codebook,
                   gint64       source_id,
                   gint64       target_id,
                   guint       *out_n_moved,
                   guint       *out_n_collapsed,
                   GError     **error)
{
  g_autoptr(PlCodeRecord) source = NULL;
  g_autoptr(PlCodeRecord) target = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GPtrArray) target_children = NULL;
  g_autoptr(GPtrArray) duplicates = g_ptr_array_new ();
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  JsonObject *recode = NULL, *recode_undo = NULL, *detail = NULL;
  JsonObject *memo_redo = NULL, *memo_undo = NULL;
  JsonArray *items, *undo_items, *memo_items, *memo_undo_items;
  PlCodebookAction action = { 0 };
  guint n_moved = 0;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);

  project = pl_codebook_get_project (codebook);

  if ((source = pl_project_read_code (project, source_id, error)) == NULL
      || (target = pl_project_read_code (project, target_id, error)) == NULL)
    return FALSE;
  if (source->id == target->id)
    return pl_codebook_refuse (error, _("A code cannot be merged into itself."));
  if (pl_project_code_is_within (project, target->id, source->id))
    return pl_codebook_refuse (error, _("“%s” cannot be merged into its own sub-code “%s”."), source->name, target->name);

  if ((moved = pl_project_read_code_annotations (project, source->id, error)) == NULL
      || (kept = pl_project_read_code_annotations (project, target->id, error)) == NULL
      || (children = pl_project_read_code_children (project, source->id, error)) == NULL
      || (target_children = pl_project_read_code_children (project, target->id, error)) == NULL)
    return FALSE;
  if (moved->len > 0 && !target->codable)
    return pl_codebook_refuse (error, _("“%s” is a folder and cannot take the annotations of “%s”. Make it a code that can be applied first."),
                   target->name, source->name);

  recode = pl_history_op_new ("annotations.recode");
  recode_undo = pl_history_op_new ("annotations.recode");
  memo_redo = pl_history_op_new ("annotations.recode");
  memo_undo = pl_history_op_new ("annotations.recode");
  items = json_array_new ();
  undo_items = json_array_new ();
  memo_items = json_array_new ();
  memo_undo_items = json_array_new ();
  json_object_set_array_member (recode, "items", items);
  json_object_set_array_member (recode_undo, "items", undo_items);
  json_object_set_array_member (memo_redo, "items", memo_items);
  json_object_set_array_member (memo_undo, "items", memo_undo_items);

  for (guint i = 0; i < moved->len; i++)
    {
      PlAnnotationRecord *record = g_ptr_array_index (moved, i);
      PlAnnotationRecord *twin = NULL;
      JsonObject *item;

      for (guint j = 0; j < kept->len && twin == NULL; j++)
        if (same_span (record, g_ptr_array_index (kept, j)))
          twin = g_ptr_array_index (kept, j);

      if (twin != NULL)
        {
          const PlAnnotation *a = record->annotation;
          const PlAnnotation *b = twin->annotation;
          g_autofree char *memo = NULL;
          const char *stance = b->stance != NULL ? b->stance : a->stance;

          if (a->memo != NULL && b->memo != NULL && g_strcmp0 (a->memo, b->memo) != 0)
            memo = g_strconcat (b->memo, "\n\n", a->memo, NULL);
          else
            memo = g_strdup (b->memo != NULL ? b->memo : a->memo);

          g_ptr_array_add (duplicates, record);
          if (g_strcmp0 (memo, b->memo) == 0 && g_strcmp0 (stance, b->stance) == 0)
            continue;

          item = json_object_new ();
          json_object_set_string_member (item, "guid", b->guid);
          pl_json_set_string_or_null (item, "memo", memo);
          pl_json_set_string_or_null (item, "stance", stance);
          json_array_add_object_element (memo_items, item);
          item = json_object_new ();
          json_object_set_string_member (item, "guid", b->guid);
          pl_json_set_string_or_null (item, "memo", b->memo);
          pl_json_set_string_or_null (item, "stance", b->stance);
          json_array_add_object_element (memo_undo_items, item);
          continue;
        }

      item = json_object_new ();
      json_object_set_string_member (item, "guid", record->annotation->guid);
      json_object_set_string_member (item, "code", target->guid);
      json_array_add_object_element (items, item);
      item = json_object_new ();
      json_object_set_string_member (item, "guid", record->annotation->guid);
      json_object_set_string_member (item, "code", source->guid);
      json_array_add_object_element (undo_items, item);
      n_moved++;
    }

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Merged “%s” into “%s” (%u annotation)",
                                          "Merged “%s” into “%s” (%u annotations)",
                                          moved->len),
                             source->name, target->name, moved->len);
  label = g_strdup_printf (_("Merge “%s” into “%s”"), source->name, target->name);
  detail = json_object_new ();
  json_object_set_string_member (detail, "source", source->guid);
  json_object_set_string_member (detail, "source_name", source->name);
  json_object_set_string_member (detail, "target", target->guid);
  json_object_set_int_member (detail, "annotations", n_moved);
  json_object_set_int_member (detail, "duplicates", duplicates->len);

  if (!pl_codebook_action_begin (&action, codebook, error))
    goto failed;

  if (json_array_get_length (items) > 0)
    {
      if (!pl_codebook_action_run (&action, g_steal_pointer (&recode), g_steal_pointer (&recode_undo), error))
        goto failed;
    }
  if (duplicates->len > 0 && !pl_codebook_action_delete_annotations (&action, duplicates, error))
    goto failed;
  if (json_array_get_length (memo_items) > 0)
    {
      if (!pl_codebook_action_run (&action, g_steal_pointer (&memo_redo), g_steal_pointer (&memo_undo), error))
        goto failed;
    }

  /* The source's sub-codes follow the target's own. */
  for (guint i = 0; i < children->len; i++)
    {
      PlCodeRecord *child = g_ptr_array_index (children, i);
      JsonObject *changes = json_object_new ();

      json_object_set_string_member (changes, "parent", target->guid);
      json_object_set_int_member (changes, "position", target_children->len + i);
      if (!pl_codebook_action_update (&action, child, changes, error))
        goto failed;
    }

  if (!pl_codebook_action_run (&action, pl_codebook_delete_op (source->guid), pl_codebook_insert_op (source), error))
    goto failed;
  if (!pl_codebook_action_log (&action,
                               &(PlCodebookLogSpec) { "merge", target->guid, summary,
                                                      g_steal_pointer (&detail), TRUE },
                               error)
      || !pl_codebook_action_commit (&action, label, error))
    goto failed;

  g_clear_pointer (&recode, json_object_unref);
  g_clear_pointer (&recode_undo, json_object_unref);
  g_clear_pointer (&memo_redo, json_object_unref);
  g_clear_pointer (&memo_undo, json_object_unref);
  if (out_n_moved != NULL)
    *out_n_moved = n_moved;
  if (out_n_collapsed != NULL)
    *out_n_collapsed = duplicates->len;
  return TRUE;

failed:
  g_clear_pointer (&recode, json_object_unref);
  g_clear_pointer (&recode_undo, json_object_unref);
  g_clear_pointer (&memo_redo, json_object_unref);
  g_clear_pointer (&memo_undo, json_object_unref);
  g_clear_pointer (&detail, json_object_unref);
  if (action.history != NULL)
    pl_codebook_action_abort (&action);
  return FALSE;
}
