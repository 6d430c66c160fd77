/* pl-codebook.c — loading codebooks into a project, and writing them out as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook.h"
#include "pl-core-resources.h"
#include "pl-error.h"
#include "pl-project-private.h"

#define STARTER_RESOURCE "/io/github/plenary/Plenary/core/codebooks/starter.json"

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node) || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
guid_known (PlProject  *project,
            const char *guid)
{
  GListModel *codes = pl_project_get_codes (project);
  guint n = g_list_model_get_n_items (codes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (g_ascii_strcasecmp (pl_code_get_guid (code), guid) == 0)
        return TRUE;
    }
  return FALSE;
}

static int
insert_codes (PlProject   *project,
              JsonArray   *codes,
              gint64       parent_id,
              const char  *display_name,
              GError     **error)
{
  int added = 0;
  guint n = json_array_get_length (codes);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (codes, i);
      JsonObject *object;
      JsonNode *children;
      PlCodeSpec spec = { 0 };
      gint64 id;
      int n_children;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”: every code must be a JSON object."), display_name);
          return -1;
        }
      object = json_node_get_object (node);

      spec.guid = member_string (object, "guid");
      spec.name = member_string (object, "name");
      spec.short_id = member_string (object, "id");
      spec.color = member_string (object, "color");
      spec.color_dark = member_string (object, "color_dark");
      spec.shortcut = member_string (object, "shortcut");
      spec.definition = member_string (object, "definition");
      spec.inclusion = member_string (object, "inclusion");
      spec.exclusion = member_string (object, "exclusion");
      spec.example = member_string (object, "example");
      spec.codable = json_object_get_boolean_member_with_default (object, "codable", TRUE);
      spec.parent_id = parent_id;

      if (spec.name == NULL || spec.name[0] == '\0')
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”: a code has no name."), display_name);
          return -1;
        }

      if (spec.guid != NULL && !g_uuid_string_is_valid (spec.guid))
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”: the code “%s” has an invalid GUID “%s”."),
                       display_name, spec.name, spec.guid);
          return -1;
        }

      if (spec.guid != NULL && guid_known (project, spec.guid))
        continue;

      id = pl_project_insert_code (project, &spec, error);
      if (id == 0)
        {
          g_prefix_error (error, "“%s”: ", display_name);
          return -1;
        }
      added++;

      children = json_object_get_member (object, "children");
      if (children == NULL || JSON_NODE_HOLDS_NULL (children))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (children))
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”: the children of “%s” must be a list."), display_name, spec.name);
          return -1;
        }

      n_children = insert_codes (project, json_node_get_array (children), id, display_name, error);
      if (n_children < 0)
        return -1;
      added += n_children;
    }

  return added;
}

int
pl_codebook_load_json (PlProject   *project,
                       const char  *json,
                       gssize       length,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *codes;
  const char *format;
  int added;

  g_return_val_if_fail (PL_IS_PROJECT (project), -1);
  g_return_val_if_fail (json != NULL, -1);
  g_return_val_if_fail (display_name != NULL, -1);

  if (!json_parser_load_from_data (parser, json, length, &parse_error))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not valid JSON: %s"), display_name, parse_error->message);
      return -1;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a Plenary codebook."), display_name);
      return -1;
    }

  object = json_node_get_object (root);
  format = member_string (object, "format");
  codes = json_object_get_member (object, "codes");
  if (g_strcmp0 (format, "plenary-codebook") != 0 || codes == NULL || !JSON_NODE_HOLDS_ARRAY (codes))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a Plenary codebook."), display_name);
      return -1;
    }

  if (json_object_get_int_member_with_default (object, "version", 1) > 1)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” was written by a newer version of Plenary."), display_name);
      return -1;
    }

  if (!pl_project_begin (project, error))
    return -1;

  added = insert_codes (project, json_node_get_array (codes), 0, display_name, error);
  if (added < 0)
    {
      pl_project_rollback (project);
      return -1;
    }

  if (!pl_project_commit (project, error))
    return -1;

  pl_project_reload_codes (project);
  return added;
}

int
pl_codebook_load_starter (PlProject  *project,
                          GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (PL_IS_PROJECT (project), -1);

  bytes = g_resource_lookup_data (pl_core_get_resource (), STARTER_RESOURCE,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return -1;

  data = g_bytes_get_data (bytes, &size);
  return pl_codebook_load_json (project, data, size, _("Starter codebook"), error);
}

static void
add_optional (JsonBuilder *builder,
              const char  *member,
              const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
build_code_children (JsonBuilder *builder,
                     GListModel  *codes,
                     guint       *position,
                     guint        depth)
{
  guint n = g_list_model_get_n_items (codes);

  while (*position < n)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, *position);

      if (pl_code_get_depth (code) < depth)
        return;

      (*position)++;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "guid");
      json_builder_add_string_value (builder, pl_code_get_guid (code));
      add_optional (builder, "id", pl_code_get_short_id (code));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, pl_code_get_name (code));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, pl_code_get_color (code));
      if (g_strcmp0 (pl_code_get_color_dark (code), pl_code_get_color (code)) != 0)
        {
          json_builder_set_member_name (builder, "color_dark");
          json_builder_add_string_value (builder, pl_code_get_color_dark (code));
        }
      json_builder_set_member_name (builder, "codable");
      json_builder_add_boolean_value (builder, pl_code_get_codable (code));
      add_optional (builder, "shortcut", pl_code_get_shortcut (code));
      add_optional (builder, "definition", pl_code_get_definition (code));
      add_optional (builder, "inclusion", pl_code_get_inclusion (code));
      add_optional (builder, "exclusion", pl_code_get_exclusion (code));
      add_optional (builder, "example", pl_code_get_example (code));

      if (*position < n)
        {
          g_autoptr(PlCode) next = g_list_model_get_item (codes, *position);

          if (pl_code_get_depth (next) > depth)
            {
              json_builder_set_member_name (builder, "children");
              json_builder_begin_array (builder);
              build_code_children (builder, codes, position, depth + 1);
              json_builder_end_array (builder);
            }
        }

      json_builder_end_object (builder);
    }
}

JsonNode *
pl_codebook_to_json (PlProject *project)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *title = NULL;
  guint position = 0;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  title = pl_project_dup_title (project);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "plenary-codebook");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "codes");
  json_builder_begin_array (builder);
  build_code_children (builder, pl_project_get_codes (project), &position, 0);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
