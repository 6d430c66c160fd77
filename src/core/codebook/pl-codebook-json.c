/* pl-codebook-json.c — the codebook as Plenary JSON ("plenary-codebook", version 1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-exchange"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-exchange-private.h"
#include "pl-error.h"
#include "pl-json.h"

GBytes *
pl_codebook_write_json (PlProject *project)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = pl_codebook_to_json (project);
  g_autofree char *data = NULL;
  GString *out;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, NULL);
  out = g_string_new (data);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

static void
read_json_codes (PlCodebookReader *reader,
                 JsonArray        *codes,
                 PlCodebookEntry  *parent)
{
  for (guint i = 0; i < json_array_get_length (codes); i++)
    {
      JsonNode *node = json_array_get_element (codes, i);
      JsonObject *object;
      JsonNode *children;
      JsonNode *codable;
      PlCodebookEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          reader->n_unnamed++;
          continue;
        }
      object = json_node_get_object (node);

      entry = pl_codebook_entry_new ();
      entry->name = pl_codebook_clean_text (pl_json_member_string (object, "name"));
      if (entry->name == NULL)
        {
          reader->n_unnamed++;
          pl_codebook_entry_free (entry);
          continue;
        }
      if (pl_json_member_string (object, "guid") != NULL)
        {
          entry->guid = pl_codebook_read_guid (pl_json_member_string (object, "guid"));
          if (entry->guid == NULL)
            pl_codebook_report (reader, _("The code “%s” had an invalid GUID; it gets a new one."), entry->name);
        }
      entry->short_id = pl_codebook_clean_text (pl_json_member_string (object, "id"));
      entry->color = pl_codebook_read_color (reader, pl_json_member_string (object, "color"));
      entry->color_dark = pl_codebook_read_color (reader, pl_json_member_string (object, "color_dark"));
      entry->shortcut = pl_codebook_clean_text (pl_json_member_string (object, "shortcut"));
      entry->definition = pl_codebook_clean_text (pl_json_member_string (object, "definition"));
      entry->inclusion = pl_codebook_clean_text (pl_json_member_string (object, "inclusion"));
      entry->exclusion = pl_codebook_clean_text (pl_json_member_string (object, "exclusion"));
      entry->example = pl_codebook_clean_text (pl_json_member_string (object, "example"));
      codable = json_object_get_member (object, "codable");
      if (codable != NULL && JSON_NODE_HOLDS_VALUE (codable)
          && json_node_get_value_type (codable) == G_TYPE_BOOLEAN)
        entry->codable = json_node_get_boolean (codable);
      g_ptr_array_add (parent->children, entry);

      children = json_object_get_member (object, "children");
      if (children != NULL && JSON_NODE_HOLDS_ARRAY (children))
        read_json_codes (reader, json_node_get_array (children), entry);
    }
}

gboolean
pl_codebook_read_json (PlCodebookReader  *reader,
                       const char        *data,
                       gsize              length,
                       GError           **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *codes;

  root = pl_json_parse (data, length, reader->display_name, error);
  if (root == NULL)
    return FALSE;

  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  codes = object != NULL ? json_object_get_member (object, "codes") : NULL;
  if (object == NULL || g_strcmp0 (pl_json_member_string (object, "format"), "plenary-codebook") != 0
      || codes == NULL || !JSON_NODE_HOLDS_ARRAY (codes))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a Plenary codebook: its JSON has no \"format\": \"plenary-codebook\" with a list of codes."),
                   reader->display_name);
      return FALSE;
    }
  if (json_object_get_int_member_with_default (object, "version", 1) > 1)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_UNSUPPORTED,
                   _("“%s” was written by a newer version of Plenary."), reader->display_name);
      return FALSE;
    }

  reader->plenary_origin = TRUE;
  read_json_codes (reader, json_node_get_array (codes), reader->root);
  return TRUE;
}
