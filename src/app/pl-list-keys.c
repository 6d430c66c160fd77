/* pl-list-keys.c — keys and focus of the lists: the arrow keys of a search entry move
 * through the list below it, and a list that takes the focus gives it to a row
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

/* The row showing the selected item (the first row when none is), if the list made one. */
static GtkWidget *
selected_row (GtkListView        *list,
              GtkSingleSelection *selection)
{
  gboolean none = gtk_single_selection_get_selected (selection) == GTK_INVALID_LIST_POSITION;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM
        && (none || (gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0))
      return row;
  return NULL;
}

static gboolean
focus_row_later (GtkWidget     *list,
                 GdkFrameClock *clock,
                 gpointer       selection)
{
  GtkWidget *row = selected_row (GTK_LIST_VIEW (list), selection);

  if (row != NULL && gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (list)), list))
    gtk_widget_grab_focus (row);
  return G_SOURCE_REMOVE;
}

gboolean
pl_list_keys_focus_item (GtkListView        *list,
                         GtkSingleSelection *selection)
{
  GtkWidget *row;
  guint position;

  g_return_val_if_fail (GTK_IS_LIST_VIEW (list), FALSE);
  g_return_val_if_fail (GTK_IS_SINGLE_SELECTION (selection), FALSE);

  if (g_list_model_get_n_items (G_LIST_MODEL (selection)) == 0)
    return gtk_widget_grab_focus (GTK_WIDGET (list));

  position = gtk_single_selection_get_selected (selection);
  pl_widget_activate_action (GTK_WIDGET (list), "list.scroll-to-item", "u",
                             position != GTK_INVALID_LIST_POSITION ? position : 0);

  /* A row scrolled into view exists after the next layout: the list takes the focus now,
   * and hands it to that row then. */
  row = selected_row (list, selection);
  if (row != NULL)
    gtk_widget_grab_focus (row);
  else
    {
      gtk_widget_grab_focus (GTK_WIDGET (list));
      gtk_widget_add_tick_callback (GTK_WIDGET (list), focus_row_later, selection, NULL);
    }
  return gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (list))), GTK_WIDGET (list));
}

static void
on_list_focus_enter (GtkEventControllerFocus *controller,
                     GtkSingleSelection      *selection)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  /* Only when the list itself has it: a row keeps a focus it was given. */
  if (gtk_root_get_focus (gtk_widget_get_root (list)) == list)
    pl_list_keys_focus_item (GTK_LIST_VIEW (list), selection);
}

void
pl_list_keys_track_focus (GtkListView        *list,
                          GtkSingleSelection *selection)
{
  GtkEventController *focus;

  g_return_if_fail (GTK_IS_LIST_VIEW (list));
  g_return_if_fail (GTK_IS_SINGLE_SELECTION (selection));

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_list_focus_enter), selection, 0);
  gtk_widget_add_controller (GTK_WIDGET (list), focus);
}
