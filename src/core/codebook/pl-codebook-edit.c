/* pl-codebook-edit.c — editing codes: adding, changing, moving, deleting
 *
 * Each function is one undoable, logged action (see pl-codebook-edit.h for the rules).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-edit"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-private.h"
#include "pl-json.h"

/* @record (taken) and everything below it, depth first (PlCodeRecord), into @out. */
static gboolean
collect_subtree (PlProject     *project,
                 PlCodeRecord  *record,
                 GPtrArray     *out,
                 GError       **error)
{
  g_autoptr(GPtrArray) children = NULL;

  g_ptr_array_add (out, record);
  children = pl_project_read_code_children (project, record->id, error);
  if (children == NULL)
    return FALSE;
  for (guint i = 0; i < children->len; i++)
    {
      PlCodeRecord *child = g_ptr_array_index (children, i);

      children->pdata[i] = NULL;
      if (!collect_subtree (project, child, out, error))
        return FALSE;
    }
  return TRUE;
}

PlCode *
pl_codebook_add_code (PlCodebook        *codebook,
                      const PlCodeSpec  *spec,
                      int                position,
                      GError           **error)
{
  g_autoptr(PlCodeRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_auto(PlCodebookNewCode) code = { 0 };
  g_autofree char *guid = NULL;
  g_autofree char *summary = NULL;
  JsonObject *detail;
  PlCodebookAction action = { 0 };
  guint index;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  project = pl_codebook_get_project (codebook);

  if (spec->parent_id != 0 && (parent = pl_project_read_code (project, spec->parent_id, error)) == NULL)
    return NULL;
  if (!pl_codebook_check_new_code (project, spec, spec->parent_id, &code, error))
    return NULL;

  if (spec->guid != NULL)
    {
      if (!g_uuid_string_is_valid (spec->guid))
        {
          pl_codebook_refuse (error, _("“%s” is not a valid GUID."), spec->guid);
          return NULL;
        }
      guid = g_ascii_strdown (spec->guid, -1);
      if (pl_project_find_code_by_guid (project, guid) != NULL)
        {
          pl_codebook_refuse (error, _("The codebook already has a code with the GUID %s."), guid);
          return NULL;
        }
    }
  else
    guid = g_uuid_string_random ();

  siblings = pl_project_read_code_children (project, spec->parent_id, error);
  if (siblings == NULL)
    return NULL;
  index = position < 0 || (guint) position > siblings->len ? siblings->len : (guint) position;

  if (parent != NULL)
    summary = g_strdup_printf (_("Added “%s” to “%s”"), code.name, parent->name);
  else
    summary = g_strdup_printf (_("Added “%s”"), code.name);
  detail = json_object_new ();
  pl_json_set_string_or_null (detail, "parent", parent != NULL ? parent->guid : NULL);
  json_object_set_int_member (detail, "position", index);

  if (!pl_codebook_action_begin (&action, codebook, error))
    {
      json_object_unref (detail);
      return NULL;
    }

  /* Make room: the siblings from @index on move one place down. */
  for (guint i = index; i < siblings->len; i++)
    {
      PlCodeRecord *sibling = g_ptr_array_index (siblings, i);
      JsonObject *changes;

      if (sibling->position == i + 1)
        continue;
      changes = json_object_new ();
      json_object_set_int_member (changes, "position", i + 1);
      if (!pl_codebook_action_update (&action, sibling, changes, error))
        goto failed;
    }
  for (guint i = 0; i < index; i++)
    {
      PlCodeRecord *sibling = g_ptr_array_index (siblings, i);
      JsonObject *changes;

      if (sibling->position == i)
        continue;
      changes = json_object_new ();
      json_object_set_int_member (changes, "position", i);
      if (!pl_codebook_action_update (&action, sibling, changes, error))
        goto failed;
    }

  if (!pl_codebook_action_run (&action,
                               pl_codebook_new_code_op (spec, &code, guid, parent != NULL ? parent->guid : NULL, index),
                               pl_codebook_delete_op (guid), error))
    goto failed;

  if (!pl_codebook_action_log (&action,
                               &(PlCodebookLogSpec) { "add", guid, summary, g_steal_pointer (&detail), FALSE },
                               error)
      || !pl_codebook_action_commit (&action, summary, error))
    goto failed;

  return pl_project_find_code_by_guid (project, guid);

failed:
  if (detail != NULL)
    json_object_unref (detail);
  if (action.history != NULL)
    pl_codebook_action_abort (&action);
  return NULL;
}

/* One change of one code: @changes (taken) holds the new values; logs @log with the
 * code's values before and after as its detail. */
static gboolean
change_code (PlCodebook               *codebook,
             PlCodeRecord             *record,
             JsonObject               *changes,
             const PlCodebookLogSpec  *log,
             GError                  **error)
{
  PlCodebookLogSpec with_detail = *log;
  PlCodebookAction action = { 0 };
  JsonObject *detail = json_object_new ();
  JsonObject *after = json_object_new ();
  JsonObject *before = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (changes);

  for (GList *l = members; l != NULL; l = l->next)
    {
      json_object_set_member (after, l->data, json_node_copy (json_object_get_member (changes, l->data)));
      pl_codebook_set_record_member (before, record, l->data);
    }
  json_object_set_object_member (detail, "before", before);
  json_object_set_object_member (detail, "after", after);

  if (!pl_codebook_action_begin (&action, codebook, error))
    {
      json_object_unref (changes);
      json_object_unref (detail);
      return FALSE;
    }

  if (!pl_codebook_action_update (&action, record, changes, error))
    {
      json_object_unref (detail);
      pl_codebook_action_abort (&action);
      return FALSE;
    }

  with_detail.code_guid = record->guid;
  with_detail.detail = detail;
  if (!pl_codebook_action_log (&action, &with_detail, error))
    {
      pl_codebook_action_abort (&action);
      return FALSE;
    }
  return pl_codebook_action_commit (&action, log->summary, error);
}

gboolean
pl_codebook_rename (PlCodebook  *codebook,
                    gint64       code_id,
                    const char  *name,
                    GError     **error)
{
  g_autoptr(PlCodeRecord) record = NULL;
  g_autofree char *trimmed = pl_codebook_dup_trimmed (name);
  g_autofree char *summary = NULL;
  JsonObject *changes;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);

  project = pl_codebook_get_project (codebook);

  record = pl_project_read_code (project, code_id, error);
  if (record == NULL || !pl_codebook_check_name (trimmed, error))
    return FALSE;
  if (g_strcmp0 (record->name, trimmed) == 0)
    return TRUE;
  if (!pl_codebook_check_sibling_name (project, record->parent_id, record->id, trimmed, error))
    return FALSE;

  changes = json_object_new ();
  json_object_set_string_member (changes, "name", trimmed);
  summary = g_strdup_printf (_("Renamed “%s” to “%s”"), record->name, trimmed);
  return change_code (codebook, record, changes,
                      &(PlCodebookLogSpec) { .action = "rename", .summary = summary },
                      error);
}

gboolean
pl_codebook_set_colors (PlCodebook  *codebook,
                        gint64       code_id,
                        const char  *color,
                        const char  *color_dark,
                        GError     **error)
{
  g_autoptr(PlCodeRecord) record = NULL;
  g_autofree char *light = NULL;
  g_autofree char *dark = NULL;
  g_autofree char *summary = NULL;
  JsonObject *changes;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);
  g_return_val_if_fail (color != NULL, FALSE);

  project = pl_codebook_get_project (codebook);

  record = pl_project_read_code (project, code_id, error);
  if (record == NULL || (light = pl_codebook_check_color (color, record->name, error)) == NULL)
    return FALSE;
  dark = color_dark != NULL ? pl_codebook_check_color (color_dark, record->name, error) : pl_codebook_derive_dark_color (light);
  if (dark == NULL)
    return FALSE;
  if (g_strcmp0 (record->color, light) == 0 && g_strcmp0 (record->color_dark, dark) == 0)
    return TRUE;

  changes = json_object_new ();
  json_object_set_string_member (changes, "color", light);
  json_object_set_string_member (changes, "color_dark", dark);
  summary = g_strdup_printf (_("Changed the colour of “%s” to %s (dark style %s)"), record->name, light, dark);
  return change_code (codebook, record, changes,
                      &(PlCodebookLogSpec) { .action = "recolor", .summary = summary },
                      error);
}

gboolean
pl_codebook_set_text (PlCodebook       *codebook,
                      gint64            code_id,
                      PlCodebookField   field,
                      const char       *value,
                      GError          **error)
{
  static const char *members[] = { "definition", "inclusion", "exclusion", "example" };
  g_autoptr(PlCodeRecord) record = NULL;
  g_autofree char *trimmed = pl_codebook_dup_trimmed (value);
  g_autofree char *summary = NULL;
  const char *before;
  JsonObject *changes;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);
  g_return_val_if_fail (field <= PL_CODEBOOK_FIELD_EXAMPLE, FALSE);

  project = pl_codebook_get_project (codebook);

  record = pl_project_read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (trimmed != NULL && !g_utf8_validate (trimmed, -1, NULL))
    return pl_codebook_refuse (error, _("The text must be valid UTF-8."));

  switch (field)
    {
    case PL_CODEBOOK_FIELD_DEFINITION:
      before = record->definition;
      summary = g_strdup_printf (_("Edited the definition of “%s”"), record->name);
      break;
    case PL_CODEBOOK_FIELD_INCLUSION:
      before = record->inclusion;
      summary = g_strdup_printf (_("Edited the inclusion cues of “%s”"), record->name);
      break;
    case PL_CODEBOOK_FIELD_EXCLUSION:
      before = record->exclusion;
      summary = g_strdup_printf (_("Edited the exclusion cues of “%s”"), record->name);
      break;
    case PL_CODEBOOK_FIELD_EXAMPLE:
    default:
      before = record->example;
      summary = g_strdup_printf (_("Edited the anchor example of “%s”"), record->name);
      break;
    }
  if (g_strcmp0 (before, trimmed) == 0)
    return TRUE;

  changes = json_object_new ();
  pl_json_set_string_or_null (changes, members[field], trimmed);
  return change_code (codebook, record, changes,
                      &(PlCodebookLogSpec) { .action = members[field], .summary = summary },
                      error);
}

/* Sets the short id, or with @shortcut the shortcut, of a code: keys no other code may
 * have. */
static gboolean
set_key (PlCodebook  *codebook,
         gint64       code_id,
         const char  *value,
         gboolean     shortcut,
         GError     **error)
{
  g_autoptr(PlCodeRecord) record = NULL;
  g_autofree char *trimmed = pl_codebook_dup_trimmed (value);
  g_autofree char *summary = NULL;
  PlProject *project = pl_codebook_get_project (codebook);
  JsonObject *changes;

  record = pl_project_read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (g_strcmp0 (shortcut ? record->shortcut : record->short_id, trimmed) == 0)
    return TRUE;
  if (shortcut ? !pl_codebook_check_shortcut (project, record->id, trimmed, error)
               : !pl_codebook_check_short_id (project, record->id, trimmed, error))
    return FALSE;

  changes = json_object_new ();
  pl_json_set_string_or_null (changes, shortcut ? "shortcut" : "short_id", trimmed);
  if (trimmed == NULL)
    summary = shortcut ? g_strdup_printf (_("Removed the shortcut of “%s”"), record->name)
                       : g_strdup_printf (_("Removed the short id of “%s”"), record->name);
  else
    summary = shortcut ? g_strdup_printf (_("Gave “%s” the shortcut %s"), record->name, trimmed)
                       : g_strdup_printf (_("Gave “%s” the short id %s"), record->name, trimmed);
  return change_code (codebook, record, changes,
                      &(PlCodebookLogSpec) { .action = shortcut ? "shortcut" : "short-id", .summary = summary },
                      error);
}

gboolean
pl_codebook_set_short_id (PlCodebook  *codebook,
                          gint64       code_id,
                          const char  *short_id,
                          GError     **error)
{
  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);

  return set_key (codebook, code_id, short_id, FALSE, error);
}

gboolean
pl_codebook_set_shortcut (PlCodebook  *codebook,
                          gint64       code_id,
                          const char  *shortcut,
                          GError     **error)
{
  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);

  return set_key (codebook, code_id, shortcut, TRUE, error);
}

gboolean
pl_codebook_set_codable (PlCodebook  *codebook,
                         gint64       code_id,
                         gboolean     codable,
                         GError     **error)
{
  g_autoptr(PlCodeRecord) record = NULL;
  g_autofree char *summary = NULL;
  JsonObject *changes;
  guint n;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);

  project = pl_codebook_get_project (codebook);

  record = pl_project_read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (record->codable == !!codable)
    return TRUE;

  n = pl_project_count_code_annotations (project, record->id, FALSE);
  if (!codable && n > 0)
    return pl_codebook_refuse (error,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” has %u annotation, which would be orphaned: a folder cannot hold annotations. Merge the code into another or delete its annotations first.",
                                "“%s” has %u annotations, which would be orphaned: a folder cannot hold annotations. Merge the code into another or delete its annotations first.",
                                n),
                   record->name, n);

  changes = json_object_new ();
  json_object_set_boolean_member (changes, "codable", codable);
  if (codable)
    summary = g_strdup_printf (_("Made the folder “%s” a code that can be applied"), record->name);
  else
    summary = g_strdup_printf (_("Made “%s” a folder"), record->name);
  return change_code (codebook, record, changes,
                      &(PlCodebookLogSpec) { .action = codable ? "codable" : "folder", .summary = summary, .bump = TRUE },
                      error);
}

gboolean
pl_codebook_move (PlCodebook  *codebook,
                  gint64       code_id,
                  gint64       parent_id,
                  int          position,
                  GError     **error)
{
  g_autoptr(PlCodeRecord) record = NULL;
  g_autoptr(PlCodeRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  g_autofree char *summary = NULL;
  PlCodeRecord *moved;
  JsonObject *detail;
  PlCodebookAction action = { 0 };
  gboolean reparent;
  guint index, old_index = 0;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);

  project = pl_codebook_get_project (codebook);

  record = pl_project_read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  if (parent_id != 0)
    {
      parent = pl_project_read_code (project, parent_id, error);
      if (parent == NULL)
        return FALSE;
      if (pl_project_code_is_within (project, parent_id, record->id))
        return pl_codebook_refuse (error, _("“%s” cannot move into itself or one of its own sub-codes (“%s”)."),
                       record->name, parent->name);
    }

  reparent = record->parent_id != parent_id;
  if (reparent && !pl_codebook_check_sibling_name (project, parent_id, record->id, record->name, error))
    return FALSE;

  siblings = pl_project_read_code_children (project, parent_id, error);
  if (siblings == NULL)
    return FALSE;
  for (guint i = 0; i < siblings->len; i++)
    if (((PlCodeRecord *) g_ptr_array_index (siblings, i))->id == record->id)
      {
        old_index = i;
        g_ptr_array_remove_index (siblings, i);
        break;
      }

  index = position < 0 || (guint) position > siblings->len ? siblings->len : (guint) position;
  if (!reparent && index == old_index)
    return TRUE;

  moved = g_steal_pointer (&record);
  g_ptr_array_insert (siblings, index, moved);

  if (!reparent)
    summary = g_strdup_printf (_("Moved “%s” to place %u"), moved->name, index + 1);
  else if (parent != NULL)
    summary = g_strdup_printf (_("Moved “%s” into “%s”"), moved->name, parent->name);
  else
    summary = g_strdup_printf (_("Moved “%s” to the top level"), moved->name);

  detail = json_object_new ();
  pl_json_set_string_or_null (detail, "from", moved->parent_guid);
  pl_json_set_string_or_null (detail, "to", parent != NULL ? parent->guid : NULL);
  json_object_set_int_member (detail, "position", index);

  if (!pl_codebook_action_begin (&action, codebook, error))
    {
      json_object_unref (detail);
      return FALSE;
    }
  if (!pl_codebook_action_renumber (&action, siblings, moved, parent != NULL ? parent->guid : NULL, error))
    {
      json_object_unref (detail);
      pl_codebook_action_abort (&action);
      return FALSE;
    }
  if (!pl_codebook_action_log (&action,
                               &(PlCodebookLogSpec) { reparent ? "move" : "reorder", moved->guid, summary,
                                                      detail, reparent },
                               error))
    {
      pl_codebook_action_abort (&action);
      return FALSE;
    }
  return pl_codebook_action_commit (&action, summary, error);
}

gboolean
pl_codebook_step (PlCodebook      *codebook,
                  gint64           code_id,
                  PlCodebookStep   step,
                  GError         **error)
{
  g_autoptr(PlCodeRecord) record = NULL;
  g_autoptr(PlCodeRecord) parent = NULL;
  g_autoptr(GPtrArray) siblings = NULL;
  guint index = 0;
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);

  project = pl_codebook_get_project (codebook);

  record = pl_project_read_code (project, code_id, error);
  if (record == NULL)
    return FALSE;
  siblings = pl_project_read_code_children (project, record->parent_id, error);
  if (siblings == NULL)
    return FALSE;
  for (guint i = 0; i < siblings->len; i++)
    if (((PlCodeRecord *) g_ptr_array_index (siblings, i))->id == record->id)
      index = i;

  switch (step)
    {
    case PL_CODEBOOK_STEP_UP:
      if (index == 0)
        return TRUE;
      return pl_codebook_move (codebook, code_id, record->parent_id, index - 1, error);

    case PL_CODEBOOK_STEP_DOWN:
      if (index + 1 >= siblings->len)
        return TRUE;
      return pl_codebook_move (codebook, code_id, record->parent_id, index + 1, error);

    case PL_CODEBOOK_STEP_OUT:
      {
        g_autoptr(GPtrArray) uncles = NULL;
        guint parent_index = 0;

        if (record->parent_id == 0)
          return TRUE;
        parent = pl_project_read_code (project, record->parent_id, error);
        if (parent == NULL || (uncles = pl_project_read_code_children (project, parent->parent_id, error)) == NULL)
          return FALSE;
        for (guint i = 0; i < uncles->len; i++)
          if (((PlCodeRecord *) g_ptr_array_index (uncles, i))->id == parent->id)
            parent_index = i;
        return pl_codebook_move (codebook, code_id, parent->parent_id, parent_index + 1, error);
      }

    case PL_CODEBOOK_STEP_IN:
    default:
      if (index == 0)
        return TRUE;
      return pl_codebook_move (codebook, code_id,
                               ((PlCodeRecord *) g_ptr_array_index (siblings, index - 1))->id, -1, error);
    }
}

guint
pl_codebook_count_annotations (PlCodebook *codebook,
                               gint64      code_id)
{
  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), 0);

  return pl_project_count_code_annotations (pl_codebook_get_project (codebook), code_id, TRUE);
}

guint
pl_codebook_count_codes (PlCodebook *codebook,
                         gint64      code_id)
{
  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), 0);

  return pl_project_count_code_subtree (pl_codebook_get_project (codebook), code_id);
}

gboolean
pl_codebook_delete (PlCodebook  *codebook,
                    gint64       code_id,
                    guint       *out_n_annotations,
                    GError     **error)
{
  g_autoptr(GPtrArray) subtree = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_code_record_free);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_annotation_record_free);
  g_autofree char *summary = NULL;
  g_autofree char *label = NULL;
  PlCodeRecord *root;
  JsonObject *detail;
  PlCodebookAction action = { 0 };
  PlProject *project;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), FALSE);

  project = pl_codebook_get_project (codebook);

  root = pl_project_read_code (project, code_id, error);
  if (root == NULL || !collect_subtree (project, root, subtree, error))
    return FALSE;

  for (guint i = 0; i < subtree->len; i++)
    {
      PlCodeRecord *record = g_ptr_array_index (subtree, i);
      g_autoptr(GPtrArray) own = pl_project_read_code_annotations (project, record->id, error);

      if (own == NULL)
        return FALSE;
      g_ptr_array_extend_and_steal (annotations, g_steal_pointer (&own));
    }

  if (subtree->len > 1)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Deleted “%s” and %u sub-code (%u annotations)",
                                            "Deleted “%s” and %u sub-codes (%u annotations)",
                                            subtree->len - 1),
                               root->name, subtree->len - 1, annotations->len);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Deleted “%s” (%u annotation)",
                                            "Deleted “%s” (%u annotations)",
                                            annotations->len),
                               root->name, annotations->len);
  label = g_strdup_printf (_("Delete “%s”"), root->name);

  detail = json_object_new ();
  json_object_set_int_member (detail, "codes", subtree->len);
  json_object_set_int_member (detail, "annotations", annotations->len);

  if (!pl_codebook_action_begin (&action, codebook, error))
    {
      json_object_unref (detail);
      return FALSE;
    }
  if (!pl_codebook_action_delete_annotations (&action, annotations, error))
    goto failed;
  for (guint i = subtree->len; i > 0; i--)
    {
      PlCodeRecord *record = g_ptr_array_index (subtree, i - 1);

      if (!pl_codebook_action_run (&action, pl_codebook_delete_op (record->guid), pl_codebook_insert_op (record), error))
        goto failed;
    }
  if (!pl_codebook_action_log (&action,
                               &(PlCodebookLogSpec) { "delete", root->guid, summary,
                                                      g_steal_pointer (&detail), TRUE },
                               error)
      || !pl_codebook_action_commit (&action, label, error))
    goto failed;

  if (out_n_annotations != NULL)
    *out_n_annotations = annotations->len;
  return TRUE;

failed:
  if (detail != NULL)
    json_object_unref (detail);
  if (action.history != NULL)
    pl_codebook_action_abort (&action);
  return FALSE;
}

