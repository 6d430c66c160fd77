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

/* Names the list row that shows @child, the widget a list item factory made (GTK 4.12's
 * gtk_list_item_set_accessible_label): a screen reader reads the row, and on GTK 4.8 the
 * row has no name of its own.  Does nothing while @child is not in a list. */
void pl_list_item_set_accessible_label (GtkWidget  *child,
                                        const char *label);

/* What GTK 4.8 and libadwaita 1.2 tell screen readers badly, under @root, put right once:
 * a button with a mnemonic ("_Save") is read by its label and by the label widget that
 * labels it, "_Save Save" (named by its text without the underline); AdwEntryRow's pencil
 * icon is read as a picture called "GtkImage" (hidden: it only decorates). */
void pl_accessible_tidy (GtkWidget *root);

G_END_DECLS
