/* pl-list-keys.h — the arrow keys of a search entry move through the list below it
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

G_END_DECLS
