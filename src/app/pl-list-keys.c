/* pl-list-keys.c — the arrow keys of a search entry move through the list below it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-compat.h"
#include "pl-list-keys.h"

gboolean
pl_list_keys_step (GtkListView        *list,
                   GtkSingleSelection *selection,
                   guint               keyval)
{
  guint n, selected;

  g_return_val_if_fail (GTK_IS_LIST_VIEW (list), FALSE);
  g_return_val_if_fail (GTK_IS_SINGLE_SELECTION (selection), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  selected = gtk_single_selection_get_selected (selection);
  if (n == 0)
    return FALSE;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    selected = selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 1, n - 1);
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    selected = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? 0 : selected - 1;
  else
    return FALSE;

  gtk_single_selection_set_selected (selection, selected);
  pl_widget_activate_action (GTK_WIDGET (list), "list.scroll-to-item", "u", selected);
  return TRUE;
}
