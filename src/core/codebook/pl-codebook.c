/* pl-codebook.c — the codebook of a project; loading codebooks, and writing them as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-private.h"
#include "pl-core-resources.h"
#include "pl-error.h"
#include "pl-json.h"

#define STARTER_RESOURCE "/io/github/plenary/Plenary/core/codebooks/starter.json"

struct _PlCodebook
{
  GObject    parent_instance;

  PlProject *project;
  PlCoder   *coder;
};

G_DEFINE_FINAL_TYPE (PlCodebook, pl_codebook, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_CODER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_codebook_dispose (GObject *object)
{
  PlCodebook *self = PL_CODEBOOK (object);

  g_clear_object (&self->project);
  g_clear_pointer (&self->coder, pl_coder_unref);

  G_OBJECT_CLASS (pl_codebook_parent_class)->dispose (object);
}

static void
pl_codebook_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlCodebook *self = PL_CODEBOOK (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;
    case PROP_CODER:
      g_value_set_boxed (value, self->coder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_codebook_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlCodebook *self = PL_CODEBOOK (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      self->project = g_value_dup_object (value);
      break;
    case PROP_CODER:
      pl_codebook_set_coder (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_codebook_class_init (PlCodebookClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pl_codebook_dispose;
  object_class->get_property = pl_codebook_get_property;
  object_class->set_property = pl_codebook_set_property;

  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, PL_TYPE_PROJECT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODER] =
    g_param_spec_boxed ("coder", NULL, NULL, PL_TYPE_CODER,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_codebook_init (PlCodebook *self)
{
}

PlCodebook *
pl_codebook_new (PlProject *project)
{
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  return g_object_new (PL_TYPE_CODEBOOK, "project", project, NULL);
}

PlProject *
pl_codebook_get_project (PlCodebook *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK (self), NULL);
  return self->project;
}

PlCoder *
pl_codebook_get_coder (PlCodebook *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK (self), NULL);
  return self->coder;
}

void
pl_codebook_set_coder (PlCodebook *self,
                       PlCoder    *coder)
{
  g_return_if_fail (PL_IS_CODEBOOK (self));

  /* Undo and redo run through the project's history, not through this object: the
   * project logs them under this coder too. */
  pl_project_set_codebook_coder (self->project, coder != NULL ? coder->guid : NULL);

  if (self->coder == coder)
    return;
  g_clear_pointer (&self->coder, pl_coder_unref);
  self->coder = coder != NULL ? pl_coder_ref (coder) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODER]);
}

guint
pl_codebook_get_version (PlCodebook *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK (self), 1);

  return pl_project_get_codebook_version (self->project);
}

/* Loading */

typedef struct
{
  PlProject  *project;
  const char *display_name;
  GArray     *specs;    /* PlCodeSpec, borrowing the strings of the JSON document */
  GArray     *parents;  /* int: the index of each one's parent in @specs, or -1 */
} Loader;

/* Collects the codes of @codes, with their children, under the code at @parent (-1:
 * the top level); codes whose GUID the project has are skipped with their children. */
static gboolean
collect_codes (Loader     *loader,
               JsonArray  *codes,
               int         parent,
               GError    **error)
{
  guint n = json_array_get_length (codes);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (codes, i);
      JsonObject *object;
      JsonNode *children;
      PlCodeSpec spec = { 0 };
      int index;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”: every code must be a JSON object."), loader->display_name);
          return FALSE;
        }
      object = json_node_get_object (node);

      spec.guid = pl_json_member_string (object, "guid");
      spec.name = pl_json_member_string (object, "name");
      spec.short_id = pl_json_member_string (object, "id");
      spec.color = pl_json_member_string (object, "color");
      spec.color_dark = pl_json_member_string (object, "color_dark");
      spec.shortcut = pl_json_member_string (object, "shortcut");
      spec.definition = pl_json_member_string (object, "definition");
      spec.inclusion = pl_json_member_string (object, "inclusion");
      spec.exclusion = pl_json_member_string (object, "exclusion");
      spec.example = pl_json_member_string (object, "example");
      spec.codable = json_object_get_boolean_member_with_default (object, "codable", TRUE);

      if (spec.name == NULL || spec.name[0] == '\0')
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”: a code has no name."), loader->display_name);
          return FALSE;
        }

      if (spec.guid != NULL && !g_uuid_string_is_valid (spec.guid))
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”: the code “%s” has an invalid GUID “%s”."),
                       loader->display_name, spec.name, spec.guid);
          return FALSE;
        }

      if (spec.guid != NULL && pl_project_find_code_by_guid (loader->project, spec.guid) != NULL)
        continue;

      index = loader->specs->len;
      g_array_append_val (loader->specs, spec);
      g_array_append_val (loader->parents, parent);

      children = json_object_get_member (object, "children");
      if (children == NULL || JSON_NODE_HOLDS_NULL (children))
        continue;
      if (!JSON_NODE_HOLDS_ARRAY (children))
        {
          g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                       _("“%s”: the children of “%s” must be a list."), loader->display_name, spec.name);
          return FALSE;
        }

      if (!collect_codes (loader, json_node_get_array (children), index, error))
        return FALSE;
    }

  return TRUE;
}

int
pl_codebook_load_json (PlProject   *project,
                       const char  *json,
                       gssize       length,
                       const char  *display_name,
                       GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (PlCodeSpec));
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (int));
  Loader loader = { project, display_name, specs, parents };
  JsonObject *object;
  JsonNode *codes;
  const char *format;

  g_return_val_if_fail (PL_IS_PROJECT (project), -1);
  g_return_val_if_fail (json != NULL, -1);
  g_return_val_if_fail (display_name != NULL, -1);

  root = pl_json_parse (json, length, display_name, error);
  if (root == NULL)
    return -1;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PL_IMPORT_ERROR, PL_IMPORT_ERROR_MALFORMED,
                   _("“%s” is not a Plenary codebook."), display_name);
      return -1;
    }

  object = json_node_get_object (root);
  format = pl_json_member_string (object, "format");
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

  if (!collect_codes (&loader, json_node_get_array (codes), -1, error))
    return -1;

  if (!pl_project_add_codes (project, (const PlCodeSpec *) specs->data, (const int *) parents->data,
                             specs->len, error))
    {
      g_prefix_error (error, "“%s”: ", display_name);
      return -1;
    }

  return specs->len;
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

/* Writing */

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
