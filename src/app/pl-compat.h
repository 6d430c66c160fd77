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

G_END_DECLS
