/* pl-preferences-window.c — the Preferences window
 *
 * Each control is bound to a property of PlSettings, which is bound to its key: a change
 * applies at once, everywhere, and is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-compat.h"
#include "pl-preferences-window.h"

struct _PlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *style_row;
  GtkAdjustment        *text_size_adjustment;
  GtkSwitch            *blind_mode;
  GtkSwitch            *spreadsheet_safe;

  PlSettings           *settings;
};

G_DEFINE_FINAL_TYPE (PlPreferencesWindow, pl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The style row lists the variants in their enum's order. */
static gboolean
variant_to_position (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
position_to_variant (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  guint position = g_value_get_uint (from);

  if (position > PL_STYLE_VARIANT_DARK)
    return FALSE;
  g_value_set_enum (to, (int) position);
  return TRUE;
}

/* The text size in percent, as people say it. */
static gboolean
scale_to_percent (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_double (to, g_value_get_double (from) * 100.0);
  return TRUE;
}

static gboolean
percent_to_scale (GBinding     *binding,
                  const GValue *from,
                  GValue       *to,
                  gpointer      user_data)
{
  g_value_set_double (to, g_value_get_double (from) / 100.0);
  return TRUE;
}

static void
pl_preferences_window_dispose (GObject *object)
{
  PlPreferencesWindow *self = PL_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pl_preferences_window_parent_class)->dispose (object);
}

static void
pl_preferences_window_class_init (PlPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = pl_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, text_size_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, blind_mode);
  gtk_widget_class_bind_template_child (widget_class, PlPreferencesWindow, spreadsheet_safe);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_preferences_window_init (PlPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));
}

PlPreferencesWindow *
pl_preferences_window_new (GtkWindow  *parent,
                           PlSettings *settings)
{
  PlPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_SETTINGS (settings), NULL);

  self = g_object_new (PL_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  g_object_bind_property_full (settings, "style-variant", self->style_row, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               variant_to_position, position_to_variant, NULL, NULL);
  g_object_bind_property_full (settings, "text-scale", self->text_size_adjustment, "value",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               scale_to_percent, percent_to_scale, NULL, NULL);
  g_object_bind_property (settings, "blind-mode-default", self->blind_mode, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (settings, "spreadsheet-safe-export", self->spreadsheet_safe, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return self;
}
