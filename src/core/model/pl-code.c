/* pl-code.c — a code of the codebook
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pl-code.h"

struct _PlCode
{
  GObject   parent_instance;

  gint64    id;
  gint64    parent_id;
  char     *guid;
  char     *short_id;
  char     *name;
  char     *color;
  char     *color_dark;
  char     *shortcut;
  char     *definition;
  char     *inclusion;
  char     *exclusion;
  char     *example;
  char     *path;
  guint     depth;
  guint     n_annotations;
  gboolean  codable;
};

G_DEFINE_FINAL_TYPE (PlCode, pl_code, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SHORT_ID,
  PROP_COLOR,
  PROP_SHORTCUT,
  PROP_DEPTH,
  PROP_PATH,
  PROP_N_ANNOTATIONS,
  PROP_CODABLE,
  PROP_DEFINITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pl_code_finalize (GObject *object)
{
  PlCode *self = (PlCode *)object;

  g_free (self->guid);
  g_free (self->short_id);
  g_free (self->name);
  g_free (self->color);
  g_free (self->color_dark);
  g_free (self->shortcut);
  g_free (self->definition);
  g_free (self->inclusion);
  g_free (self->exclusion);
  g_free (self->example);
  g_free (self->path);

  G_OBJECT_CLASS (pl_code_parent_class)->finalize (object);
}

static void
pl_code_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  PlCode *self = PL_CODE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SHORT_ID:
      g_value_set_string (value, self->short_id);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_SHORTCUT:
      g_value_set_string (value, self->shortcut);
      break;

    case PROP_DEPTH:
      g_value_set_uint (value, self->depth);
      break;

    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_N_ANNOTATIONS:
      g_value_set_uint (value, self->n_annotations);
      break;

    case PROP_CODABLE:
      g_value_set_boolean (value, self->codable);
      break;

    case PROP_DEFINITION:
      g_value_set_string (value, self->definition);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_code_class_init (PlCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_code_finalize;
  object_class->get_property = pl_code_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_ID] =
    g_param_spec_string ("short-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORTCUT] =
    g_param_spec_string ("shortcut", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEPTH] =
    g_param_spec_uint ("depth", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ANNOTATIONS] =
    g_param_spec_uint ("n-annotations", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* FALSE for a folder of codes, which is not applied to text. */
  properties[PROP_CODABLE] =
    g_param_spec_boolean ("codable", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFINITION] =
    g_param_spec_string ("definition", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_code_init (PlCode *self)
{
}

PlCode *
pl_code_new (gint64            id,
             const PlCodeSpec *spec,
             guint             depth,
             const char       *path,
             guint             n_annotations)
{
  PlCode *self;

  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (PL_TYPE_CODE, NULL);
  self->id = id;
  self->parent_id = spec->parent_id;
  self->guid = g_strdup (spec->guid);
  self->short_id = g_strdup (spec->short_id);
  self->name = g_strdup (spec->name);
  self->color = g_strdup (spec->color);
  self->color_dark = g_strdup (spec->color_dark);
  self->shortcut = g_strdup (spec->shortcut);
  self->definition = g_strdup (spec->definition);
  self->inclusion = g_strdup (spec->inclusion);
  self->exclusion = g_strdup (spec->exclusion);
  self->example = g_strdup (spec->example);
  self->codable = spec->codable;
  self->depth = depth;
  self->path = g_strdup (path);
  self->n_annotations = n_annotations;

  return self;
}

void
pl_code_set_n_annotations (PlCode *self,
                           guint   n_annotations)
{
  g_return_if_fail (PL_IS_CODE (self));

  if (self->n_annotations == n_annotations)
    return;

  self->n_annotations = n_annotations;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);
}

static void
replace_string (PlCode      *self,
                char       **field,
                const char  *value,
                GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

void
pl_code_update (PlCode           *self,
                const PlCodeSpec *spec,
                guint             depth,
                const char       *path)
{
  g_return_if_fail (PL_IS_CODE (self));
  g_return_if_fail (spec != NULL);

  g_object_freeze_notify (G_OBJECT (self));

  self->parent_id = spec->parent_id;
  if (self->codable != spec->codable)
    {
      self->codable = spec->codable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODABLE]);
    }
  replace_string (self, &self->name, spec->name, properties[PROP_NAME]);
  replace_string (self, &self->short_id, spec->short_id, properties[PROP_SHORT_ID]);
  replace_string (self, &self->color, spec->color, properties[PROP_COLOR]);
  replace_string (self, &self->color_dark, spec->color_dark, properties[PROP_COLOR]);
  replace_string (self, &self->shortcut, spec->shortcut, properties[PROP_SHORTCUT]);
  replace_string (self, &self->path, path, properties[PROP_PATH]);
  replace_string (self, &self->definition, spec->definition, properties[PROP_DEFINITION]);
  replace_string (self, &self->inclusion, spec->inclusion, NULL);
  replace_string (self, &self->exclusion, spec->exclusion, NULL);
  replace_string (self, &self->example, spec->example, NULL);

  if (self->depth != depth)
    {
      self->depth = depth;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPTH]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
pl_code_matches (PlCode     *self,
                 const char *folded_query)
{
  g_autofree char *path = NULL;
  g_autofree char *short_id = NULL;

  g_return_val_if_fail (PL_IS_CODE (self), FALSE);

  if (folded_query == NULL || folded_query[0] == '\0')
    return TRUE;

  path = g_utf8_casefold (self->path, -1);
  if (strstr (path, folded_query) != NULL)
    return TRUE;
  if (self->short_id == NULL)
    return FALSE;
  short_id = g_utf8_casefold (self->short_id, -1);
  return strstr (short_id, folded_query) != NULL;
}

#define GETTER(type, field, fallback) \
  type \
  pl_code_get_##field (PlCode *self) \
  { \
    g_return_val_if_fail (PL_IS_CODE (self), fallback); \
    return self->field; \
  }

GETTER (gint64, id, 0)
GETTER (gint64, parent_id, 0)
GETTER (const char *, guid, NULL)
GETTER (const char *, short_id, NULL)
GETTER (const char *, name, NULL)
GETTER (const char *, color, NULL)
GETTER (const char *, shortcut, NULL)

const char *
pl_code_get_color_dark (PlCode *self)
{
  g_return_val_if_fail (PL_IS_CODE (self), NULL);
  return self->color_dark != NULL ? self->color_dark : self->color;
}
GETTER (const char *, definition, NULL)
GETTER (const char *, inclusion, NULL)
GETTER (const char *, exclusion, NULL)
GETTER (const char *, example, NULL)
GETTER (gboolean, codable, FALSE)
GETTER (guint, depth, 0)
GETTER (const char *, path, NULL)
GETTER (guint, n_annotations, 0)

#undef GETTER
