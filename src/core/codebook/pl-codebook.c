/* pl-codebook.c — loading codebooks into a project, and writing them out as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-codebook.h"
#include "pl-core-resources.h"
#include "pl-error.h"
#include "pl-json.h"
#include "pl-project-private.h"

#define STARTER_RESOURCE "/io/github/plenary/Plenary/core/codebooks/starter.json"

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
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *codes;
  const char *format;
  int added;

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

/* Colours */

static gboolean
parse_hex_digits (const char *digits,
                  guint       n,
                  guint      *out)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    {
      int digit = g_ascii_xdigit_value (digits[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (guint) digit;
    }
  *out = value;
  return TRUE;
}

/* One component of rgb()/rgba(): 0–255, or a percentage; @is_alpha reads 0–1 instead. */
static gboolean
parse_component (const char *text,
                 gboolean    is_alpha,
                 double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gboolean percent = FALSE;
  char *end = NULL;
  gsize len = strlen (copy);
  double value;

  if (len > 0 && copy[len - 1] == '%')
    {
      percent = TRUE;
      copy[len - 1] = '\0';
    }
  if (copy[0] == '\0')
    return FALSE;

  value = g_ascii_strtod (copy, &end);
  if (end == NULL || *end != '\0' || value != value)
    return FALSE;

  if (percent)
    value = is_alpha ? value / 100.0 : value * 255.0 / 100.0;
  *out = CLAMP (value, 0.0, is_alpha ? 1.0 : 255.0);
  return TRUE;
}

char *
pl_codebook_normalize_color (const char *color,
                             gboolean   *out_dropped_alpha)
{
  g_autofree char *text = NULL;
  guint r = 0, g = 0, b = 0, a = 255;
  gsize len;

  if (out_dropped_alpha != NULL)
    *out_dropped_alpha = FALSE;
  if (color == NULL)
    return NULL;

  text = g_strstrip (g_ascii_strdown (color, -1));
  len = strlen (text);

  if (text[0] == '#')
    {
      const char *digits = text + 1;

      switch (len - 1)
        {
        case 3:
        case 4:
          if (!parse_hex_digits (digits, 1, &r) || !parse_hex_digits (digits + 1, 1, &g)
              || !parse_hex_digits (digits + 2, 1, &b)
              || (len == 5 && !parse_hex_digits (digits + 3, 1, &a)))
            return NULL;
          r *= 17, g *= 17, b *= 17;
          if (len == 5)
            a *= 17;
          break;
        case 6:
        case 8:
          if (!parse_hex_digits (digits, 2, &r) || !parse_hex_digits (digits + 2, 2, &g)
              || !parse_hex_digits (digits + 4, 2, &b)
              || (len == 9 && !parse_hex_digits (digits + 6, 2, &a)))
            return NULL;
          break;
        default:
          return NULL;
        }
    }
  else if (g_str_has_prefix (text, "rgb(") || g_str_has_prefix (text, "rgba("))
    {
      const char *open = strchr (text, '(');
      g_autofree char *inside = NULL;
      g_auto(GStrv) parts = NULL;
      double values[4] = { 0, 0, 0, 1 };
      guint n;

      if (text[len - 1] != ')')
        return NULL;
      inside = g_strndup (open + 1, text + len - 1 - (open + 1));
      parts = g_strsplit (inside, ",", -1);
      n = g_strv_length (parts);
      if (n != 3 && n != 4)
        return NULL;
      for (guint i = 0; i < n; i++)
        if (!parse_component (parts[i], i == 3, &values[i]))
          return NULL;
      r = (guint) (values[0] + 0.5);
      g = (guint) (values[1] + 0.5);
      b = (guint) (values[2] + 0.5);
      a = (guint) (values[3] * 255.0 + 0.5);
    }
  else
    return NULL;

  if (out_dropped_alpha != NULL)
    *out_dropped_alpha = a != 255;
  return g_strdup_printf ("#%02X%02X%02X", r, g, b);
}

/* x^0.4 for 0 < x <= 1, by Newton's method on r^5 = x^2 (no libm in the core). */
static double
pow_two_fifths (double x)
{
  double target = x * x;
  double r = 1.0;

  for (guint i = 0; i < 60; i++)
    {
      double r4 = r * r * r * r;
      double next = r - (r4 * r - target) / (5.0 * r4);

      if (next == r)
        break;
      r = next;
    }
  return r;
}

static double
linear_channel (double c)
{
  double base;

  if (c <= 0.04045)
    return c / 12.92;
  base = (c + 0.055) / 1.055;
  return base * base * pow_two_fifths (base);
}

static double
relative_luminance (const double rgb[3])
{
  return 0.2126 * linear_channel (rgb[0]) + 0.7152 * linear_channel (rgb[1])
         + 0.0722 * linear_channel (rgb[2]);
}

static double
wrap_unit (double value)
{
  while (value < 0.0)
    value += 1.0;
  while (value >= 1.0)
    value -= 1.0;
  return value;
}

static double
hue_channel (double m1,
             double m2,
             double hue)
{
  hue = wrap_unit (hue);
  if (hue < 1.0 / 6.0)
    return m1 + (m2 - m1) * hue * 6.0;
  if (hue < 0.5)
    return m2;
  if (hue < 2.0 / 3.0)
    return m1 + (m2 - m1) * (2.0 / 3.0 - hue) * 6.0;
  return m1;
}

static void
hls_to_rgb (double h,
            double l,
            double s,
            double rgb[3])
{
  double m2 = l <= 0.5 ? l * (1.0 + s) : l + s - l * s;
  double m1 = 2.0 * l - m2;

  if (s == 0.0)
    {
      rgb[0] = rgb[1] = rgb[2] = l;
      return;
    }
  rgb[0] = hue_channel (m1, m2, h + 1.0 / 3.0);
  rgb[1] = hue_channel (m1, m2, h);
  rgb[2] = hue_channel (m1, m2, h - 1.0 / 3.0);
}

static void
rgb_to_hls (const double rgb[3],
            double      *h,
            double      *l,
            double      *s)
{
  double max = MAX (rgb[0], MAX (rgb[1], rgb[2]));
  double min = MIN (rgb[0], MIN (rgb[1], rgb[2]));
  double delta = max - min;

  *l = (max + min) / 2.0;
  if (delta == 0.0)
    {
      *h = *s = 0.0;
      return;
    }
  *s = *l <= 0.5 ? delta / (max + min) : delta / (2.0 - max - min);
  if (max == rgb[0])
    *h = (rgb[1] - rgb[2]) / delta;
  else if (max == rgb[1])
    *h = 2.0 + (rgb[2] - rgb[0]) / delta;
  else
    *h = 4.0 + (rgb[0] - rgb[1]) / delta;
  *h = wrap_unit (*h / 6.0);
}

/* libadwaita's dark view and window backgrounds. */
#define DARK_VIEW_BG (0x1e / 255.0)
#define DARK_WINDOW_BG (0x24 / 255.0)
#define DARK_TINT_ALPHA 0.42

typedef enum
{
  LEGIBLE,
  TOO_DARK,
  TOO_LIGHT,
} Legibility;

static Legibility
legibility_on_dark (const double rgb[3])
{
  double window_bg[3] = { DARK_WINDOW_BG, DARK_WINDOW_BG, DARK_WINDOW_BG };
  double tint[3];

  for (guint i = 0; i < 3; i++)
    tint[i] = DARK_TINT_ALPHA * rgb[i] + (1.0 - DARK_TINT_ALPHA) * DARK_VIEW_BG;

  /* A margin above 3:1 and 4.5:1 so that rounding to 8 bits keeps the promise. */
  if ((relative_luminance (rgb) + 0.05) / (relative_luminance (window_bg) + 0.05) < 3.2)
    return TOO_DARK;
  if (1.05 / (relative_luminance (tint) + 0.05) < 4.6)
    return TOO_LIGHT;
  return LEGIBLE;
}

char *
pl_codebook_derive_dark_color (const char *color)
{
  g_autofree char *normal = NULL;
  double rgb[3], h, l, s, lo, hi;
  Legibility start;
  guint value = 0;

  g_return_val_if_fail (color != NULL, NULL);

  normal = pl_codebook_normalize_color (color, NULL);
  if (normal == NULL)
    return NULL;

  parse_hex_digits (normal + 1, 6, &value);
  rgb[0] = ((value >> 16) & 0xff) / 255.0;
  rgb[1] = ((value >> 8) & 0xff) / 255.0;
  rgb[2] = (value & 0xff) / 255.0;
  start = legibility_on_dark (rgb);
  if (start == LEGIBLE)
    return g_steal_pointer (&normal);

  /* Luminance grows with lightness at a fixed hue and saturation: search the lightness
   * that is just legible, upwards from a colour too dark, downwards from one too light. */
  rgb_to_hls (rgb, &h, &l, &s);
  lo = start == TOO_DARK ? l : 0.0;
  hi = start == TOO_DARK ? 1.0 : l;
  for (guint i = 0; i < 40; i++)
    {
      double mid = (lo + hi) / 2.0;
      Legibility now;

      hls_to_rgb (h, mid, s, rgb);
      now = legibility_on_dark (rgb);
      if (start == TOO_DARK)
        {
          if (now == TOO_DARK)
            lo = mid;
          else
            hi = mid;
        }
      else if (now == TOO_LIGHT)
        hi = mid;
      else
        lo = mid;
    }

  hls_to_rgb (h, start == TOO_DARK ? hi : lo, s, rgb);
  return g_strdup_printf ("#%02X%02X%02X", (guint) (rgb[0] * 255.0 + 0.5),
                          (guint) (rgb[1] * 255.0 + 0.5), (guint) (rgb[2] * 255.0 + 0.5));
}
