/* pl-compat.c — the one place where newer GTK API meets our GTK 4.8 floor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-compat.h"

void
pl_widget_get_color (GtkWidget *widget,
                     GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
G_GNUC_END_IGNORE_DEPRECATIONS
}

gboolean
pl_widget_activate_action (GtkWidget  *widget,
                           const char *name,
                           const char *format_string,
                           ...)
{
  GVariant *parameter = NULL;
  gboolean activated;
  va_list args;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (format_string != NULL)
    {
      va_start (args, format_string);
      parameter = g_variant_ref_sink (g_variant_new_va (format_string, NULL, &args));
      va_end (args);
    }

  activated = gtk_widget_activate_action_variant (widget, name, parameter);
  g_clear_pointer (&parameter, g_variant_unref);
  return activated;
}
