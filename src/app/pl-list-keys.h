/* pl-list-keys.h — keys and focus of the lists: the arrow keys of a search entry move
 * through the list below it, and a list that takes the focus gives it to a row
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* For @keyval Up or Down (keypad too): selects the previous or next item of @selection
 * (the first when none is) and scrolls @list to it.  FALSE for other keys, or when the
 * list is empty. */
gboolean pl_list_keys_step (GtkListView        *list,
                            GtkSingleSelection *selection,
                            guint               keyval);

/* Gives the focus to the selected row of @list (the first when none is), scrolled into
 * view, so that the focus ring shows where the keys act.  FALSE when nothing took it. */
gboolean pl_list_keys_focus_item  (GtkListView        *list,
                                   GtkSingleSelection *selection);
/* Does that each time @list itself takes the focus (by Tab, F6 or a click beside rows). */
void     pl_list_keys_track_focus (GtkListView        *list,
                                   GtkSingleSelection *selection);

G_END_DECLS
