/* pl-settings.c — Plenary's GSettings as typed properties
 *
 * Each property is bound to its key both ways (g_settings_bind), so a change made in the
 * Preferences window, by another window or with gsettings reaches every view bound to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-settings"

#include "config.h"

#include "pl-settings.h"

#define MAX_RECENT 10

struct _PlSettings
{
  GObject         parent_instance;
  GSettings      *settings;

  PlStyleVariant  style_variant;
  double          text_scale;
  gboolean        blind_mode_default;
  gboolean        spreadsheet_safe_export;
};

G_DEFINE_FINAL_TYPE (PlSettings, pl_settings, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PlStyleVariant, pl_style_variant,
                    G_DEFINE_ENUM_VALUE (PL_STYLE_VARIANT_DEFAULT, "default"),
                    G_DEFINE_ENUM_VALUE (PL_STYLE_VARIANT_LIGHT, "light"),
                    G_DEFINE_ENUM_VALUE (PL_STYLE_VARIANT_DARK, "dark"))

enum {
  PROP_0,
  PROP_STYLE_VARIANT,
  PROP_TEXT_SCALE,
  PROP_BLIND_MODE_DEFAULT,
  PROP_SPREADSHEET_SAFE_EXPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RECENT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_recent_changed (PlSettings *self)
{
  g_signal_emit (self, signals[RECENT_CHANGED], 0);
}

static void
pl_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlSettings *self = PL_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_STYLE_VARIANT:
      g_value_set_enum (value, self->style_variant);
      break;

    case PROP_TEXT_SCALE:
      g_value_set_double (value, self->text_scale);
      break;

    case PROP_BLIND_MODE_DEFAULT:
      g_value_set_boolean (value, self->blind_mode_default);
      break;

    case PROP_SPREADSHEET_SAFE_EXPORT:
      g_value_set_boolean (value, self->spreadsheet_safe_export);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_boolean (PlSettings *self,
             gboolean   *field,
             gboolean    value,
             guint       prop_id)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pl_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlSettings *self = PL_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_STYLE_VARIANT:
      pl_settings_set_style_variant (self, g_value_get_enum (value));
      break;

    case PROP_TEXT_SCALE:
      pl_settings_set_text_scale (self, g_value_get_double (value));
      break;

    case PROP_BLIND_MODE_DEFAULT:
      set_boolean (self, &self->blind_mode_default, g_value_get_boolean (value), prop_id);
      break;

    case PROP_SPREADSHEET_SAFE_EXPORT:
      set_boolean (self, &self->spreadsheet_safe_export, g_value_get_boolean (value), prop_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_settings_finalize (GObject *object)
{
  PlSettings *self = (PlSettings *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pl_settings_parent_class)->finalize (object);
}

static void
pl_settings_class_init (PlSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pl_settings_finalize;
  object_class->get_property = pl_settings_get_property;
  object_class->set_property = pl_settings_set_property;

  properties[PROP_STYLE_VARIANT] =
    g_param_spec_enum ("style-variant", NULL, NULL, PL_TYPE_STYLE_VARIANT, PL_STYLE_VARIANT_DEFAULT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT_SCALE] =
    g_param_spec_double ("text-scale", NULL, NULL, 0.8, 2.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Read by the team features: whether new team projects start blind. */
  properties[PROP_BLIND_MODE_DEFAULT] =
    g_param_spec_boolean ("blind-mode-default", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Where the export dialog's "Safe for spreadsheets" switch starts. */
  properties[PROP_SPREADSHEET_SAFE_EXPORT] =
    g_param_spec_boolean ("spreadsheet-safe-export", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlSettings::recent-changed:
   *
   * The list of recent projects changed (here, in another window, or elsewhere).
   */
  signals[RECENT_CHANGED] =
    g_signal_new ("recent-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pl_settings_init (PlSettings *self)
{
  self->text_scale = 1.0;
  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "style-variant", self, "style-variant", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "text-scale", self, "text-scale", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "blind-mode-default", self, "blind-mode-default", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "spreadsheet-safe-export", self, "spreadsheet-safe-export",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::recent-projects", G_CALLBACK (on_recent_changed),
                           self, G_CONNECT_SWAPPED);
}

PlSettings *
pl_settings_new (void)
{
  return g_object_new (PL_TYPE_SETTINGS, NULL);
}

char *
pl_settings_dup_last_project (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "last-project");
}

void
pl_settings_set_last_project (PlSettings *self,
                              const char *path)
{
  g_return_if_fail (PL_IS_SETTINGS (self));
  g_settings_set_string (self->settings, "last-project", path != NULL ? path : "");
}

GStrv
pl_settings_dup_recent_projects (PlSettings *self)
{
  g_auto(GStrv) saved = NULL;
  g_autoptr(GStrvBuilder) recent = g_strv_builder_new ();

  g_return_val_if_fail (PL_IS_SETTINGS (self), NULL);

  saved = g_settings_get_strv (self->settings, "recent-projects");
  for (guint i = 0; saved[i] != NULL; i++)
    if (g_file_test (saved[i], G_FILE_TEST_IS_REGULAR))
      g_strv_builder_add (recent, saved[i]);
  return g_strv_builder_end (recent);
}

void
pl_settings_add_recent_project (PlSettings *self,
                                const char *path)
{
  g_auto(GStrv) saved = NULL;
  g_autoptr(GStrvBuilder) recent = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_return_if_fail (PL_IS_SETTINGS (self));
  g_return_if_fail (path != NULL);

  saved = g_settings_get_strv (self->settings, "recent-projects");
  g_strv_builder_add (recent, path);
  for (guint i = 0; saved[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (saved[i], path) != 0)
      {
        g_strv_builder_add (recent, saved[i]);
        n++;
      }
  updated = g_strv_builder_end (recent);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *)updated);
}

char *
pl_settings_dup_coder_name (PlSettings *self)
{
  g_autofree char *name = NULL;
  const char *real_name;

  g_return_val_if_fail (PL_IS_SETTINGS (self), NULL);

  name = g_settings_get_string (self->settings, "coder-name");
  if (name[0] != '\0')
    return g_steal_pointer (&name);

  real_name = g_get_real_name ();
  if (real_name == NULL || real_name[0] == '\0' || g_strcmp0 (real_name, "Unknown") == 0)
    real_name = g_get_user_name ();
  return g_strdup (real_name);
}

char *
pl_settings_dup_saved_coder_name (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), NULL);
  return g_settings_get_string (self->settings, "coder-name");
}

void
pl_settings_set_coder_name (PlSettings *self,
                            const char *name)
{
  g_return_if_fail (PL_IS_SETTINGS (self));
  g_settings_set_string (self->settings, "coder-name", name != NULL ? name : "");
}

PlStyleVariant
pl_settings_get_style_variant (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), PL_STYLE_VARIANT_DEFAULT);
  return self->style_variant;
}

void
pl_settings_set_style_variant (PlSettings     *self,
                               PlStyleVariant  variant)
{
  g_return_if_fail (PL_IS_SETTINGS (self));

  if (self->style_variant == variant)
    return;
  self->style_variant = variant;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE_VARIANT]);
}

double
pl_settings_get_text_scale (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), 1.0);
  return self->text_scale;
}

void
pl_settings_set_text_scale (PlSettings *self,
                            double      scale)
{
  g_return_if_fail (PL_IS_SETTINGS (self));

  scale = CLAMP (scale, 0.8, 2.0);
  if (G_APPROX_VALUE (self->text_scale, scale, 0.001))
    return;
  self->text_scale = scale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SCALE]);
}

gboolean
pl_settings_get_blind_mode_default (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), FALSE);
  return self->blind_mode_default;
}

gboolean
pl_settings_get_spreadsheet_safe_export (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), FALSE);
  return self->spreadsheet_safe_export;
}

static gboolean
variant_to_scheme (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  switch ((PlStyleVariant) g_value_get_enum (from))
    {
    case PL_STYLE_VARIANT_LIGHT:
      g_value_set_enum (to, ADW_COLOR_SCHEME_FORCE_LIGHT);
      break;
    case PL_STYLE_VARIANT_DARK:
      g_value_set_enum (to, ADW_COLOR_SCHEME_FORCE_DARK);
      break;
    case PL_STYLE_VARIANT_DEFAULT:
    default:
      g_value_set_enum (to, ADW_COLOR_SCHEME_DEFAULT);
      break;
    }
  return TRUE;
}

void
pl_settings_bind_style (PlSettings      *self,
                        AdwStyleManager *manager)
{
  g_return_if_fail (PL_IS_SETTINGS (self));
  g_return_if_fail (ADW_IS_STYLE_MANAGER (manager));

  g_object_bind_property_full (self, "style-variant", manager, "color-scheme", G_BINDING_SYNC_CREATE,
                               variant_to_scheme, NULL, NULL, NULL);
}

void
pl_settings_bind_window (PlSettings *self,
                         GtkWindow  *window)
{
  g_return_if_fail (PL_IS_SETTINGS (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_settings_bind (self->settings, "window-width", window, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", window, "default-height", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", window, "maximized", G_SETTINGS_BIND_DEFAULT);
}

gboolean
pl_settings_get_sidebar_visible (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), TRUE);
  return g_settings_get_boolean (self->settings, "sidebar-visible");
}

void
pl_settings_set_sidebar_visible (PlSettings *self,
                                 gboolean    visible)
{
  g_return_if_fail (PL_IS_SETTINGS (self));
  g_settings_set_boolean (self->settings, "sidebar-visible", visible);
}

int
pl_settings_get_sidebar_width (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), 0);
  return g_settings_get_int (self->settings, "sidebar-width");
}

int
pl_settings_get_panel_width (PlSettings *self)
{
  g_return_val_if_fail (PL_IS_SETTINGS (self), 0);
  return g_settings_get_int (self->settings, "panel-width");
}
