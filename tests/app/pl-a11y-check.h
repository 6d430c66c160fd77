/* pl-a11y-check.h — what a screen reader would find unnamed in a window
 *
 * The checks read the accessible attributes GTK keeps for each widget, so the program must
 * run with GTK_A11Y=test (call pl_a11y_check_init() before gtk_init_check()).  A control is
 * named as GTK 4.8 names it for AT-SPI: by its "label" property, or by the labels of the
 * widgets in its "labelled-by" relation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Selects GTK's test accessibility backend; call before gtk_init_check(). */
void       pl_a11y_check_init         (void);

/* The shown controls under @root that have no accessible name, or that are named twice
 * (a label and a labelled-by, read one after the other), and widgets with the role
 * "generic" or "widget" (a meaningless "filler" to AT-SPI) that take the focus or carry the
 * name that belongs to their control; one line each saying which and where.  Empty when all is
 * well. */
GPtrArray *pl_a11y_check_find_problems (GtkWidget *root);

/* Fails the test, listing each problem, unless pl_a11y_check_find_problems() finds none. */
void       pl_a11y_check_assert_named  (GtkWidget  *root,
                                        const char *where);

/* The accessible label or description GTK holds for @widget, or NULL when it has none. */
char      *pl_a11y_check_dup_property  (GtkWidget            *widget,
                                        GtkAccessibleProperty property);

/* The accessible name of @widget as an assistive technology reads it, or NULL. */
char      *pl_a11y_check_dup_name      (GtkWidget  *widget);

G_END_DECLS
