/* pl-json.c — the one JSON helper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-json"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-error.h"
#include "pl-json.h"
#include "pl-limits.h"

guint
pl_json_nesting_depth (const char *data,
                       gsize       length,
                       guint       stop_at)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  guint deepest = 0;

  g_return_val_if_fail (data != NULL || length == 0, 0);

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          depth++;
          if (depth > deepest)
            {
              deepest = depth;
              if (deepest > stop_at)
                return deepest;
            }
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return deepest;
}

JsonNode *
pl_json_parse (const char  *data,
               gssize       length,
               const char  *display_name,
               GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  gsize size;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;
  if (pl_json_nesting_depth (data, size, PL_LIMIT_JSON_DEPTH) > PL_LIMIT_JSON_DEPTH)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” nests JSON arrays and objects more than %u levels deep; Plenary "
                     "reads no deeper."),
                   display_name, (guint) PL_LIMIT_JSON_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) size, &parse_error))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not valid JSON: %s"), display_name, parse_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” holds no JSON value."), display_name);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

const char *
pl_json_member_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (name != NULL, NULL);

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonArray *
pl_json_member_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node;

  g_return_val_if_fail (name != NULL, NULL);

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

void
pl_json_set_string_or_null (JsonObject *object,
                            const char *name,
                            const char *value)
{
  g_return_if_fail (object != NULL);
  g_return_if_fail (name != NULL);

  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}
