/* pl-compat.h — the one place where newer GTK API meets our GTK 4.8 floor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The widget's foreground colour (gtk_widget_get_color from GTK 4.10 on). */
void pl_widget_get_color (GtkWidget *widget,
                          GdkRGBA   *color);

/* gtk_widget_activate_action(): GTK 4.8 does not sink the parameter of actions installed
 * with gtk_widget_class_install_action(), so each activation leaked it.  This one sinks
 * and releases it. */
gboolean pl_widget_activate_action (GtkWidget  *widget,
                                    const char *name,
                                    const char *format_string,
                                    ...);

G_END_DECLS
