/* pl-settings.c — Plenary's GSettings as typed properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-settings"

#include "config.h"

#include "pl-settings.h"

struct _PlSettings
{
  GObject    parent_instance;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PlSettings, pl_settings, G_TYPE_OBJECT)

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
  G_OBJECT_CLASS (klass)->finalize = pl_settings_finalize;
}

static void
pl_settings_init (PlSettings *self)
{
  self->settings = g_settings_new (APP_ID);
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

void
pl_settings_bind_paned (PlSettings *self,
                        GtkPaned   *paned,
                        const char *key)
{
  g_return_if_fail (PL_IS_SETTINGS (self));
  g_return_if_fail (GTK_IS_PANED (paned));

  g_settings_bind (self->settings, key, paned, "position", G_SETTINGS_BIND_DEFAULT);
}

void
pl_settings_bind_sidebar (PlSettings *self,
                          GObject    *object,
                          const char *property)
{
  g_return_if_fail (PL_IS_SETTINGS (self));

  g_settings_bind (self->settings, "sidebar-visible", object, property, G_SETTINGS_BIND_DEFAULT);
}
