/* pl-codebook-plan.c — planning the import of a codebook into a project, and applying it
 *
 * An imported code is the project's code with the same GUID, else the one at the same
 * path, else a new code (pl-codebook-exchange.h).  The plan records the project's codebook
 * as it was, and applying it is refused once the codebook changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-exchange-private.h"
#include "pl-error.h"
#include "pl-limits.h"

struct _PlCodebookImportPlan
{
  PlCodebook *codebook;
  PlProject  *project;   /* the codebook's */
  char      *display_name;
  char      *fingerprint;
  PlCodebookEntry     *root;
  GPtrArray *items;    /* PlCodebookPlanItem */
  GPtrArray *report;   /* char* */
  gboolean   bump;
  gboolean   applied;
};

static void
plan_item_free (PlCodebookPlanItem *item)
{
  g_free (item->path);
  g_free (item->guid);
  g_free (item->parent_guid);
  g_clear_pointer (&item->changes, g_ptr_array_unref);
  g_clear_pointer ((JsonObject **) &item->update, json_object_unref);
  g_free (item);
}

void
pl_codebook_import_plan_free (PlCodebookImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_clear_object (&plan->codebook);
  g_free (plan->display_name);
  g_free (plan->fingerprint);
  g_clear_pointer (&plan->root, pl_codebook_entry_free);
  g_clear_pointer (&plan->items, g_ptr_array_unref);
  g_clear_pointer (&plan->report, g_ptr_array_unref);
  g_free (plan);
}

static char *
codebook_fingerprint (PlProject *project)
{
  g_autoptr(JsonNode) node = pl_codebook_to_json (project);

  return json_to_string (node, FALSE);
}

typedef struct
{
  PlCodebookImportPlan *plan;
  GHashTable           *by_guid;     /* guid → PlCode */
  GHashTable           *claimed;     /* guid of codes matched already */
  GHashTable           *planned;     /* guids the plan gives */
  GHashTable           *shortcuts;   /* shortcut → guid, as it will be */
  GHashTable           *short_ids;   /* folded short id → guid, as it will be */
  guint                 n_bad_guid;
} Planner;

static const char *
parent_guid_of (PlProject *project,
                PlCode    *code)
{
  PlCode *parent = pl_code_get_parent_id (code) != 0
                   ? pl_project_find_code (project, pl_code_get_parent_id (code)) : NULL;

  return parent != NULL ? pl_code_get_guid (parent) : NULL;
}

/* The project's child of @parent_guid (NULL: top level) named @name, ignoring case. */
static PlCode *
find_by_path (Planner    *planner,
              const char *parent_guid,
              const char *name)
{
  PlProject *project = planner->plan->project;
  GListModel *codes = pl_project_get_codes (project);
  g_autofree char *folded = g_utf8_casefold (name, -1);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      g_autofree char *other = NULL;

      if (g_strcmp0 (parent_guid_of (project, code), parent_guid) != 0
          || g_hash_table_contains (planner->claimed, pl_code_get_guid (code)))
        continue;
      other = g_utf8_casefold (pl_code_get_name (code), -1);
      if (g_str_equal (folded, other))
        return code;
    }
  return NULL;
}

/* Whether @key (a short id or shortcut, @what) can go to the code of @item; reported and
 * dropped when another code will have it.  Updates the map (@previous_key is what the
 * code had). */
static gboolean
claim_unique (Planner                  *planner,
              const PlCodebookPlanItem *item,
              GHashTable               *map,
              const char               *key,
              const char               *previous_key,
              const char               *what)
{
  const char *holder = g_hash_table_lookup (map, key);

  if (holder != NULL && !g_str_equal (holder, item->guid))
    {
      g_ptr_array_add (planner->plan->report,
                       g_strdup_printf (_("“%s” keeps no %s “%s”: another code has it."), item->path, what, key));
      return FALSE;
    }
  if (previous_key != NULL)
    g_hash_table_remove (map, previous_key);
  g_hash_table_insert (map, g_strdup (key), g_strdup (item->guid));
  return TRUE;
}

static char *
fold_id (const char *value)
{
  return value != NULL ? g_utf8_casefold (value, -1) : NULL;
}

static void
note_change (PlCodebookPlanItem *item,
             JsonObject         *update,
             const char         *member,
             const char         *value,
             char               *description)
{
  if (value != NULL)
    json_object_set_string_member (update, member, value);
  else
    json_object_set_null_member (update, member);
  g_ptr_array_add (item->changes, description);
}

static void
plan_matched (Planner            *planner,
              PlCodebookPlanItem *item,
              PlCodebookEntry    *entry,
              PlCode             *code,
              const char         *parent_guid,
              gboolean            by_guid)
{
  PlProject *project = planner->plan->project;
  JsonObject *update = json_object_new ();
  const char *guid = pl_code_get_guid (code);
  const char *current_parent = parent_guid_of (project, code);
  struct
  {
    const char *member;
    const char *label;
    const char *now;
    const char *imported;
  } texts[] = {
    { "definition", _("definition"), pl_code_get_definition (code), entry->definition },
    { "inclusion", _("inclusion cues"), pl_code_get_inclusion (code), entry->inclusion },
    { "exclusion", _("exclusion cues"), pl_code_get_exclusion (code), entry->exclusion },
    { "example", _("anchor example"), pl_code_get_example (code), entry->example },
  };

  item->guid = g_strdup (guid);
  item->changes = g_ptr_array_new_with_free_func (g_free);

  if (g_strcmp0 (entry->name, pl_code_get_name (code)) != 0)
    note_change (item, update, "name", entry->name,
                 g_strdup_printf (_("name: “%s” → “%s”"), pl_code_get_name (code), entry->name));

  if (by_guid && g_strcmp0 (parent_guid, current_parent) != 0)
    {
      const char *parent_path = NULL;

      for (guint i = 0; parent_guid != NULL && i < planner->plan->items->len; i++)
        {
          PlCodebookPlanItem *other = g_ptr_array_index (planner->plan->items, i);

          if (g_str_equal (other->guid, parent_guid))
            parent_path = other->path;
        }
      note_change (item, update, "parent", parent_guid,
                   parent_path != NULL ? g_strdup_printf (_("moves into “%s”"), parent_path)
                                       : g_strdup (_("moves to the top level")));
      planner->plan->bump = TRUE;
    }

  if (entry->color != NULL && g_strcmp0 (entry->color, pl_code_get_color (code)) != 0)
    note_change (item, update, "color", entry->color,
                 g_strdup_printf (_("colour: %s → %s"), pl_code_get_color (code), entry->color));
  if (entry->color_dark != NULL && g_strcmp0 (entry->color_dark, pl_code_get_color_dark (code)) != 0)
    note_change (item, update, "color_dark", entry->color_dark,
                 g_strdup_printf (_("dark colour: %s → %s"), pl_code_get_color_dark (code), entry->color_dark));

  if (entry->short_id != NULL && g_strcmp0 (entry->short_id, pl_code_get_short_id (code)) != 0)
    {
      g_autofree char *key = fold_id (entry->short_id);
      g_autofree char *previous = fold_id (pl_code_get_short_id (code));

      if (claim_unique (planner, item, planner->short_ids, key, previous, _("short id")))
        note_change (item, update, "short_id", entry->short_id,
                     g_strdup_printf (_("short id: %s → %s"),
                                      pl_code_get_short_id (code) != NULL ? pl_code_get_short_id (code) : "—",
                                      entry->short_id));
    }
  if (entry->shortcut != NULL && g_strcmp0 (entry->shortcut, pl_code_get_shortcut (code)) != 0)
    {
      if (claim_unique (planner, item, planner->shortcuts, entry->shortcut, pl_code_get_shortcut (code),
                        _("shortcut")))
        note_change (item, update, "shortcut", entry->shortcut,
                     g_strdup_printf (_("shortcut: %s → %s"),
                                      pl_code_get_shortcut (code) != NULL ? pl_code_get_shortcut (code) : "—",
                                      entry->shortcut));
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].imported != NULL && g_strcmp0 (texts[i].imported, texts[i].now) != 0)
      note_change (item, update, texts[i].member, texts[i].imported,
                   g_strdup_printf (_("%s changes"), texts[i].label));

  if (entry->codable >= 0 && !!entry->codable != !!pl_code_get_codable (code))
    {
      if (!entry->codable && pl_code_get_n_annotations (code) > 0)
        g_ptr_array_add (planner->plan->report,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "“%s” stays a code that can be applied: it has %u annotation.",
                                                       "“%s” stays a code that can be applied: it has %u annotations.",
                                                       pl_code_get_n_annotations (code)),
                                          item->path, pl_code_get_n_annotations (code)));
      else
        {
          json_object_set_boolean_member (update, "codable", entry->codable);
          g_ptr_array_add (item->changes, g_strdup (entry->codable ? _("becomes a code that can be applied")
                                                                   : _("becomes a folder")));
          planner->plan->bump = TRUE;
        }
    }

  if (json_object_get_size (update) > 0)
    {
      item->kind = PL_CODEBOOK_PLAN_CHANGED;
      item->update = update;
    }
  else
    {
      item->kind = PL_CODEBOOK_PLAN_UNCHANGED;
      json_object_unref (update);
    }
}

static void
plan_new (Planner            *planner,
          PlCodebookPlanItem *item,
          PlCodebookEntry    *entry)
{
  if (entry->guid != NULL && !g_hash_table_contains (planner->by_guid, entry->guid)
      && !g_hash_table_contains (planner->planned, entry->guid))
    item->guid = g_strdup (entry->guid);
  else
    {
      if (entry->guid != NULL)
        planner->n_bad_guid++;
      item->guid = g_uuid_string_random ();
    }

  /* What another code will have is dropped from the new one. */
  if (entry->short_id != NULL)
    {
      g_autofree char *key = fold_id (entry->short_id);

      if (!claim_unique (planner, item, planner->short_ids, key, NULL, _("short id")))
        g_clear_pointer (&entry->short_id, g_free);
    }
  if (entry->shortcut != NULL
      && (g_utf8_strlen (entry->shortcut, -1) != 1
          || !claim_unique (planner, item, planner->shortcuts, entry->shortcut, NULL, _("shortcut"))))
    {
      if (g_utf8_strlen (entry->shortcut, -1) != 1)
        g_ptr_array_add (planner->plan->report,
                         g_strdup_printf (_("“%s” keeps no shortcut “%s”: a shortcut is one key."),
                                          item->path, entry->shortcut));
      g_clear_pointer (&entry->shortcut, g_free);
    }
  item->kind = PL_CODEBOOK_PLAN_NEW;
  item->entry = entry;
}

static void
plan_entries (Planner         *planner,
              PlCodebookEntry *parent,
              const char      *parent_guid,
              gboolean         parent_exists,
              const char      *parent_path)
{
  for (guint i = 0; i < parent->children->len; i++)
    {
      PlCodebookEntry *entry = g_ptr_array_index (parent->children, i);
      PlCodebookPlanItem *item = g_new0 (PlCodebookPlanItem, 1);
      PlCode *code = NULL;
      gboolean by_guid = FALSE;

      item->path = parent_path != NULL ? g_strconcat (parent_path, " / ", entry->name, NULL)
                                       : g_strdup (entry->name);
      item->parent_guid = g_strdup (parent_guid);

      if (entry->guid != NULL && !g_hash_table_contains (planner->claimed, entry->guid))
        {
          code = g_hash_table_lookup (planner->by_guid, entry->guid);
          by_guid = code != NULL;
        }
      if (code == NULL && parent_exists)
        code = find_by_path (planner, parent_guid, entry->name);

      if (code != NULL)
        {
          g_hash_table_add (planner->claimed, g_strdup (pl_code_get_guid (code)));
          plan_matched (planner, item, entry, code, parent_guid, by_guid);
        }
      else
        plan_new (planner, item, entry);
      g_hash_table_add (planner->planned, g_strdup (item->guid));
      g_ptr_array_add (planner->plan->items, item);

      plan_entries (planner, entry, item->guid, code != NULL, item->path);
    }
}

static PlCodebookImportPlan *
make_plan (PlCodebook       *codebook,
           PlCodebookReader *reader)
{
  g_autoptr(PlCodebookImportPlan) plan = g_new0 (PlCodebookImportPlan, 1);
  PlProject *project = pl_codebook_get_project (codebook);
  GListModel *codes = pl_project_get_codes (project);
  Planner planner = { 0 };

  plan->codebook = g_object_ref (codebook);
  plan->project = project;
  plan->display_name = g_strdup (reader->display_name);
  plan->fingerprint = codebook_fingerprint (project);
  plan->root = g_steal_pointer (&reader->root);
  plan->items = g_ptr_array_new_with_free_func ((GDestroyNotify) plan_item_free);
  plan->report = g_steal_pointer (&reader->report);

  planner.plan = plan;
  planner.by_guid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  planner.claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  planner.planned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  planner.shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  planner.short_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      PlCode *code = g_list_model_get_item (codes, i);

      if (pl_code_get_shortcut (code) != NULL)
        g_hash_table_insert (planner.shortcuts, g_strdup (pl_code_get_shortcut (code)),
                             g_strdup (pl_code_get_guid (code)));
      if (pl_code_get_short_id (code) != NULL)
        g_hash_table_insert (planner.short_ids, fold_id (pl_code_get_short_id (code)),
                             g_strdup (pl_code_get_guid (code)));
      g_hash_table_insert (planner.by_guid, g_ascii_strdown (pl_code_get_guid (code), -1), code);
    }

  plan_entries (&planner, plan->root, NULL, TRUE, NULL);

  if (planner.n_bad_guid > 0)
    g_ptr_array_add (plan->report,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u GUID was given twice in the file; that code gets a new one.",
                                                   "%u GUIDs were given twice in the file; those codes get new ones.",
                                                   planner.n_bad_guid),
                                      planner.n_bad_guid));
  if (plan->items->len == 0)
    g_ptr_array_add (plan->report, g_strdup_printf (_("“%s” contains no codes."), plan->display_name));

  g_hash_table_unref (planner.by_guid);
  g_hash_table_unref (planner.claimed);
  g_hash_table_unref (planner.planned);
  g_hash_table_unref (planner.shortcuts);
  g_hash_table_unref (planner.short_ids);
  return g_steal_pointer (&plan);
}

PlCodebookImportPlan *
pl_codebook_import_plan_bytes (PlCodebook  *codebook,
                               GBytes      *bytes,
                               const char  *file_name,
                               GError     **error)
{
  g_autofree char *display_name = NULL;
  PlCodebookReader reader = { 0 };
  PlCodebookImportPlan *plan = NULL;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  display_name = g_filename_display_basename (file_name);
  reader.display_name = display_name;
  reader.root = pl_codebook_entry_new ();
  reader.report = g_ptr_array_new_with_free_func (g_free);

  if (pl_codebook_read_any (&reader, bytes, file_name, error))
    {
      pl_codebook_finish_report (&reader);
      plan = make_plan (codebook, &reader);
    }

  g_clear_pointer (&reader.root, pl_codebook_entry_free);
  g_clear_pointer (&reader.report, g_ptr_array_unref);
  return plan;
}

PlCodebookImportPlan *
pl_codebook_import_plan (PlCodebook    *codebook,
                         GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ, _("“%s” is a folder, not a codebook."), name);
      return NULL;
    }
  if (info != NULL && (guint64) g_file_info_get_size (info) > PL_LIMIT_FILE_BYTES)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_TOO_LARGE,
                   _("“%s” is too large to be a codebook."), name);
      return NULL;
    }
  if (info != NULL)
    bytes = g_file_load_bytes (file, cancellable, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_READ, _("Could not read “%s”: %s"), name,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? _("there is no such file.") : local_error->message);
      return NULL;
    }
  return pl_codebook_import_plan_bytes (codebook, bytes, basename, error);
}

GPtrArray *
pl_codebook_import_plan_get_items (PlCodebookImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->items;
}

guint
pl_codebook_import_plan_count (PlCodebookImportPlan *plan,
                               PlCodebookPlanKind    kind)
{
  guint n = 0;

  g_return_val_if_fail (plan != NULL, 0);

  for (guint i = 0; i < plan->items->len; i++)
    if (((PlCodebookPlanItem *) g_ptr_array_index (plan->items, i))->kind == kind)
      n++;
  return n;
}

GPtrArray *
pl_codebook_import_plan_get_report (PlCodebookImportPlan *plan)
{
  g_return_val_if_fail (plan != NULL, NULL);
  return plan->report;
}

char *
pl_codebook_import_plan_describe (PlCodebookImportPlan *plan)
{
  GString *out;
  guint n_new, n_changed, n_unchanged;

  g_return_val_if_fail (plan != NULL, NULL);

  n_new = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW);
  n_changed = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED);
  n_unchanged = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_UNCHANGED);

  out = g_string_new (NULL);
  g_string_append_printf (out, _("Importing “%s”: %u new, %u changed, %u unchanged."),
                          plan->display_name, n_new, n_changed, n_unchanged);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < plan->items->len; i++)
    {
      PlCodebookPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->kind == PL_CODEBOOK_PLAN_NEW)
        g_string_append_printf (out, "+ %s\n", item->path);
      else if (item->kind == PL_CODEBOOK_PLAN_CHANGED)
        {
          g_string_append_printf (out, "~ %s:", item->path);
          for (guint c = 0; c < item->changes->len; c++)
            g_string_append_printf (out, "%s %s", c > 0 ? ";" : "", (char *) g_ptr_array_index (item->changes, c));
          g_string_append_c (out, '\n');
        }
    }
  for (guint i = 0; i < plan->report->len; i++)
    g_string_append_printf (out, "! %s\n", (char *) g_ptr_array_index (plan->report, i));
  return g_string_free (out, FALSE);
}

gboolean
pl_codebook_import_apply (PlCodebookImportPlan  *plan,
                          GError               **error)
{
  g_autofree char *fingerprint = NULL;
  g_autofree char *summary = NULL;
  PlCodebookBatch *batch;
  JsonObject *detail;
  guint n_new, n_changed;

  g_return_val_if_fail (plan != NULL, FALSE);

  n_new = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW);
  n_changed = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED);
  if (n_new + n_changed == 0)
    return TRUE;

  fingerprint = codebook_fingerprint (plan->project);
  if (plan->applied || !g_str_equal (fingerprint, plan->fingerprint))
    {
      g_set_error (error, PL_STORE_ERROR, PL_STORE_ERROR_INVALID,
                   _("The codebook changed after the import of “%s” was planned. Plan it again."),
                   plan->display_name);
      return FALSE;
    }

  batch = pl_codebook_batch_begin (plan->codebook, error);
  if (batch == NULL)
    return FALSE;

  for (guint i = 0; i < plan->items->len; i++)
    {
      PlCodebookPlanItem *item = g_ptr_array_index (plan->items, i);

      if (item->kind == PL_CODEBOOK_PLAN_NEW)
        {
          PlCodebookEntry *entry = item->entry;
          PlCodeSpec spec = {
            .guid = item->guid,
            .short_id = entry->short_id,
            .name = entry->name,
            .color = entry->color,
            .color_dark = entry->color_dark,
            .shortcut = entry->shortcut,
            .definition = entry->definition,
            .inclusion = entry->inclusion,
            .exclusion = entry->exclusion,
            .example = entry->example,
            .codable = entry->codable != FALSE,
          };

          if (!pl_codebook_batch_add_code (batch, &spec, item->parent_guid, error))
            goto failed;
        }
      else if (item->kind == PL_CODEBOOK_PLAN_CHANGED)
        {
          JsonObject *changes = json_object_new ();
          g_autoptr(GList) members = json_object_get_members (item->update);

          for (GList *l = members; l != NULL; l = l->next)
            json_object_set_member (changes, l->data, json_node_copy (json_object_get_member (item->update, l->data)));
          if (!pl_codebook_batch_update_code (batch, item->guid, changes, error))
            goto failed;
        }
    }

  summary = g_strdup_printf (_("Imported “%s”: %u new and %u changed codes"), plan->display_name, n_new, n_changed);
  detail = json_object_new ();
  json_object_set_string_member (detail, "file", plan->display_name);
  json_object_set_int_member (detail, "new", n_new);
  json_object_set_int_member (detail, "changed", n_changed);
  if (!pl_codebook_batch_commit (batch, "import", summary, detail, plan->bump, error))
    return FALSE;
  plan->applied = TRUE;
  return TRUE;

failed:
  g_prefix_error (error, _("“%s”: "), plan->display_name);
  pl_codebook_batch_abort (batch);
  return FALSE;
}

