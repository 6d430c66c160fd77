/* pl-codebook-action.c — codebook actions, and the operations they are made of
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-private.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-project-exercise.h"

/* Actions */

gboolean
pl_codebook_action_begin (PlCodebookAction  *action,
                          PlCodebook        *codebook,
                          GError           **error)
{
  /* A student's work for an exercise: the codebook is the teacher's (the schema refuses
   * any change too; this says so in words). */
  if (pl_project_get_codebook_locked (pl_codebook_get_project (codebook)))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The codebook of this exercise is read-only: ask your teacher to change "
                     "it."));
      return FALSE;
    }
  action->history = pl_history_begin (pl_project_get_history (pl_codebook_get_project (codebook)), error);
  if (action->history == NULL)
    return FALSE;
  action->codebook = codebook;
  return TRUE;
}

void
pl_codebook_action_abort (PlCodebookAction *action)
{
  if (action->history != NULL)
    pl_history_action_abort (g_steal_pointer (&action->history));
}

gboolean
pl_codebook_action_run (PlCodebookAction  *action,
                        JsonObject        *redo,
                        JsonObject        *undo,
                        GError           **error)
{
  return pl_history_action_run (action->history, redo, undo, error);
}

gboolean
pl_codebook_action_commit (PlCodebookAction  *action,
                           const char        *label,
                           GError           **error)
{
  return pl_history_action_commit (g_steal_pointer (&action->history), label, error);
}

/* Builders of operations */

JsonObject *
pl_codebook_insert_op (const PlCodeRecord *record)
{
  JsonObject *op = pl_history_op_new ("code.insert");

  if (record->id != 0)
    json_object_set_int_member (op, "id", record->id);
  json_object_set_string_member (op, "guid", record->guid);
  pl_json_set_string_or_null (op, "parent", record->parent_guid);
  json_object_set_int_member (op, "position", record->position);
  pl_json_set_string_or_null (op, "short_id", record->short_id);
  json_object_set_string_member (op, "name", record->name);
  json_object_set_string_member (op, "color", record->color);
  pl_json_set_string_or_null (op, "color_dark", record->color_dark);
  pl_json_set_string_or_null (op, "shortcut", record->shortcut);
  json_object_set_boolean_member (op, "codable", record->codable);
  pl_json_set_string_or_null (op, "definition", record->definition);
  pl_json_set_string_or_null (op, "inclusion", record->inclusion);
  pl_json_set_string_or_null (op, "exclusion", record->exclusion);
  pl_json_set_string_or_null (op, "example", record->example);
  pl_json_set_string_or_null (op, "created", record->created);
  pl_json_set_string_or_null (op, "modified", record->modified);
  return op;
}

JsonObject *
pl_codebook_delete_op (const char *guid)
{
  JsonObject *op = pl_history_op_new ("code.delete");

  json_object_set_string_member (op, "guid", guid);
  return op;
}

static JsonObject *
update_op_for (const char *guid)
{
  JsonObject *op = pl_history_op_new ("code.update");

  json_object_set_string_member (op, "guid", guid);
  return op;
}

void
pl_codebook_set_record_member (JsonObject         *op,
                               const PlCodeRecord *record,
                               const char         *member)
{
  if (g_str_equal (member, "name"))
    json_object_set_string_member (op, member, record->name);
  else if (g_str_equal (member, "short_id"))
    pl_json_set_string_or_null (op, member, record->short_id);
  else if (g_str_equal (member, "color"))
    json_object_set_string_member (op, member, record->color);
  else if (g_str_equal (member, "color_dark"))
    pl_json_set_string_or_null (op, member, record->color_dark);
  else if (g_str_equal (member, "shortcut"))
    pl_json_set_string_or_null (op, member, record->shortcut);
  else if (g_str_equal (member, "definition"))
    pl_json_set_string_or_null (op, member, record->definition);
  else if (g_str_equal (member, "inclusion"))
    pl_json_set_string_or_null (op, member, record->inclusion);
  else if (g_str_equal (member, "exclusion"))
    pl_json_set_string_or_null (op, member, record->exclusion);
  else if (g_str_equal (member, "example"))
    pl_json_set_string_or_null (op, member, record->example);
  else if (g_str_equal (member, "modified"))
    pl_json_set_string_or_null (op, member, record->modified);
  else if (g_str_equal (member, "codable"))
    json_object_set_boolean_member (op, member, record->codable);
  else if (g_str_equal (member, "position"))
    json_object_set_int_member (op, member, record->position);
  else if (g_str_equal (member, "parent"))
    pl_json_set_string_or_null (op, member, record->parent_guid);
  else
    g_assert_not_reached ();
}

gboolean
pl_codebook_action_update (PlCodebookAction  *action,
                           PlCodeRecord      *record,
                           JsonObject        *changes,
                           GError           **error)
{
  JsonObject *redo = update_op_for (record->guid);
  JsonObject *undo = update_op_for (record->guid);
  g_autoptr(GList) members = json_object_get_members (changes);
  g_autofree char *now = pl_now_iso8601 ();

  for (GList *l = members; l != NULL; l = l->next)
    {
      json_object_set_member (redo, l->data, json_node_copy (json_object_get_member (changes, l->data)));
      pl_codebook_set_record_member (undo, record, l->data);
    }
  if (!json_object_has_member (changes, "position") || json_object_get_size (changes) > 1)
    {
      json_object_set_string_member (redo, "modified", now);
      pl_codebook_set_record_member (undo, record, "modified");
    }
  json_object_unref (changes);

  return pl_codebook_action_run (action, redo, undo, error);
}

gboolean
pl_codebook_action_renumber (PlCodebookAction  *action,
                             GPtrArray         *siblings,
                             PlCodeRecord      *moved,
                             const char        *parent_guid,
                             GError           **error)
{
  for (guint i = 0; i < siblings->len; i++)
    {
      PlCodeRecord *record = g_ptr_array_index (siblings, i);
      gboolean reparent = record == moved && g_strcmp0 (record->parent_guid, parent_guid) != 0;
      JsonObject *changes;

      if (record->position == i && !reparent)
        continue;

      changes = json_object_new ();
      json_object_set_int_member (changes, "position", i);
      if (reparent)
        pl_json_set_string_or_null (changes, "parent", parent_guid);
      if (!pl_codebook_action_update (action, record, changes, error))
        return FALSE;
    }
  return TRUE;
}

JsonObject *
pl_codebook_annotation_item (const PlAnnotationRecord *record)
{
  const PlAnnotation *annotation = record->annotation;
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "guid", annotation->guid);
  json_object_set_string_member (item, "document", record->document_guid);
  json_object_set_string_member (item, "code", record->code_guid);
  json_object_set_string_member (item, "coder", record->coder_guid);
  json_object_set_int_member (item, "start", annotation->start);
  json_object_set_int_member (item, "end", annotation->end);
  pl_json_set_string_or_null (item, "memo", annotation->memo);
  pl_json_set_string_or_null (item, "stance", annotation->stance);
  json_object_set_string_member (item, "created", annotation->created);
  json_object_set_string_member (item, "modified", annotation->modified);
  json_object_set_int_member (item, "codebook_version", annotation->codebook_version);
  return item;
}

void
pl_codebook_new_code_clear (PlCodebookNewCode *code)
{
  g_clear_pointer (&code->name, g_free);
  g_clear_pointer (&code->color, g_free);
  g_clear_pointer (&code->color_dark, g_free);
}

JsonObject *
pl_codebook_new_code_op (const PlCodeSpec        *spec,
                         const PlCodebookNewCode *code,
                         const char              *guid,
                         const char              *parent_guid,
                         gint64                   position)
{
  g_autofree char *now = pl_now_iso8601 ();
  g_autofree char *short_id = pl_codebook_dup_trimmed (spec->short_id);
  g_autofree char *shortcut = pl_codebook_dup_trimmed (spec->shortcut);
  g_autofree char *definition = pl_codebook_dup_trimmed (spec->definition);
  g_autofree char *inclusion = pl_codebook_dup_trimmed (spec->inclusion);
  g_autofree char *exclusion = pl_codebook_dup_trimmed (spec->exclusion);
  g_autofree char *example = pl_codebook_dup_trimmed (spec->example);
  PlCodeRecord record = {
    .position = position,
    .guid = (char *) guid,
    .parent_guid = (char *) parent_guid,
    .short_id = short_id,
    .name = code->name,
    .color = code->color,
    .color_dark = code->color_dark,
    .shortcut = shortcut,
    .definition = definition,
    .inclusion = inclusion,
    .exclusion = exclusion,
    .example = example,
    .created = now,
    .modified = now,
    .codable = spec->codable,
  };

  return pl_codebook_insert_op (&record);
}

gboolean
pl_codebook_action_delete_annotations (PlCodebookAction  *action,
                                       GPtrArray         *records,
                                       GError           **error)
{
  JsonObject *redo, *undo;
  JsonArray *guids, *items;

  if (records->len == 0)
    return TRUE;

  redo = pl_history_op_new ("annotations.delete");
  undo = pl_history_op_new ("annotations.insert");
  guids = json_array_new ();
  items = json_array_new ();
  for (guint i = 0; i < records->len; i++)
    {
      PlAnnotationRecord *record = g_ptr_array_index (records, i);

      json_array_add_string_element (guids, record->annotation->guid);
      json_array_add_object_element (items, pl_codebook_annotation_item (record));
    }
  json_object_set_array_member (redo, "guids", guids);
  json_object_set_array_member (undo, "items", items);
  return pl_codebook_action_run (action, redo, undo, error);
}
