/* pl-document.c — a document of a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-document.h"

struct _PlDocument
{
  GObject  parent_instance;

  gint64   id;
  char    *guid;
  char    *title;
  char    *source_uri;
  char    *created;
  guint    length;
  guint    n_statements;
  guint    n_annotations;
  char    *metadata[8];   /* in pl_document_metadata_keys order */
};

const char * const pl_document_metadata_keys[] = {
  "process", "session", "meeting", "date", "agenda_item", "source_type", "language", "format", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (pl_document_metadata_keys) == 9);

G_DEFINE_FINAL_TYPE (PlDocument, pl_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_LENGTH,
  PROP_N_STATEMENTS,
  PROP_N_ANNOTATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  METADATA_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
metadata_index (const char *key)
{
  for (int i = 0; pl_document_metadata_keys[i] != NULL; i++)
    if (g_strcmp0 (pl_document_metadata_keys[i], key) == 0)
      return i;
  return -1;
}

gboolean
pl_document_is_metadata_key (const char *key)
{
  return key != NULL && metadata_index (key) >= 0;
}

static void
pl_document_finalize (GObject *object)
{
  PlDocument *self = (PlDocument *)object;

  g_free (self->guid);
  g_free (self->title);
  g_free (self->source_uri);
  g_free (self->created);
  for (guint i = 0; i < G_N_ELEMENTS (self->metadata); i++)
    g_free (self->metadata[i]);

  G_OBJECT_CLASS (pl_document_parent_class)->finalize (object);
}

static void
pl_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlDocument *self = PL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_LENGTH:
      g_value_set_uint (value, self->length);
      break;

    case PROP_N_STATEMENTS:
      g_value_set_uint (value, self->n_statements);
      break;

    case PROP_N_ANNOTATIONS:
      g_value_set_uint (value, self->n_annotations);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_document_class_init (PlDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_document_finalize;
  object_class->get_property = pl_document_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LENGTH] =
    g_param_spec_uint ("length", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_STATEMENTS] =
    g_param_spec_uint ("n-statements", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ANNOTATIONS] =
    g_param_spec_uint ("n-annotations", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlDocument::metadata-changed:
   * @key: the metadata key that changed
   */
  signals[METADATA_CHANGED] =
    g_signal_new ("metadata-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
pl_document_init (PlDocument *self)
{
}

PlDocument *
pl_document_new (const PlDocumentSpec *spec)
{
  PlDocument *self;

  g_return_val_if_fail (spec != NULL, NULL);

  self = g_object_new (PL_TYPE_DOCUMENT, NULL);
  self->id = spec->id;
  self->guid = g_strdup (spec->guid);
  self->title = g_strdup (spec->title);
  self->source_uri = g_strdup (spec->source_uri);
  self->created = g_strdup (spec->created);
  self->length = spec->length;
  self->n_statements = spec->n_statements;
  self->n_annotations = spec->n_annotations;

  return self;
}

void
pl_document_set_n_annotations (PlDocument *self,
                               guint       n_annotations)
{
  g_return_if_fail (PL_IS_DOCUMENT (self));

  if (self->n_annotations == n_annotations)
    return;

  self->n_annotations = n_annotations;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ANNOTATIONS]);
}

void
pl_document_update (PlDocument *self,
                    const char *title,
                    guint       n_statements,
                    guint       n_annotations)
{
  g_return_if_fail (PL_IS_DOCUMENT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (g_strcmp0 (self->title, title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
  if (self->n_statements != n_statements)
    {
      self->n_statements = n_statements;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STATEMENTS]);
    }
  pl_document_set_n_annotations (self, n_annotations);
  g_object_thaw_notify (G_OBJECT (self));
}

void
pl_document_set_metadata (PlDocument *self,
                          const char *key,
                          const char *value)
{
  int i;

  g_return_if_fail (PL_IS_DOCUMENT (self));

  i = metadata_index (key);
  g_return_if_fail (i >= 0);

  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (self->metadata[i], value) == 0)
    return;

  g_free (self->metadata[i]);
  self->metadata[i] = g_strdup (value);
  g_signal_emit (self, signals[METADATA_CHANGED], g_quark_from_static_string (pl_document_metadata_keys[i]),
                 pl_document_metadata_keys[i]);
}

const char *
pl_document_get_metadata (PlDocument *self,
                          const char *key)
{
  int i;

  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);

  i = metadata_index (key);
  g_return_val_if_fail (i >= 0, NULL);
  return self->metadata[i];
}

gint64
pl_document_get_id (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), 0);
  return self->id;
}

const char *
pl_document_get_guid (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);
  return self->guid;
}

const char *
pl_document_get_title (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);
  return self->title;
}

const char *
pl_document_get_source_uri (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);
  return self->source_uri;
}

const char *
pl_document_get_created (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), NULL);
  return self->created;
}

guint
pl_document_get_length (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), 0);
  return self->length;
}

guint
pl_document_get_n_statements (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), 0);
  return self->n_statements;
}

guint
pl_document_get_n_annotations (PlDocument *self)
{
  g_return_val_if_fail (PL_IS_DOCUMENT (self), 0);
  return self->n_annotations;
}
