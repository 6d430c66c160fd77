/* pl-codebook-editor-tree.c — the codebook editor's code tree: selection, rows, drag and
 * drop
 *
 * The tree is the project's depth-first list of codes, indented by depth.  A row dropped
 * on the upper or lower edge of another goes before or after it; on its middle, under it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-editor"

#include "config.h"

#include "pl-code-row.h"
#include "pl-codebook-editor-private.h"
#include "pl-compat.h"

/* Codes */

static gboolean
find_position (PlCodebookEditor *self,
               gint64            id,
               guint            *position)
{
  GListModel *codes = pl_project_get_codes (self->project);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (pl_code_get_id (code) == id)
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
pl_codebook_editor_is_within (PlCodebookEditor *self,
                              PlCode           *code,
                              PlCode           *ancestor)
{
  while (code != NULL)
    {
      if (code == ancestor)
        return TRUE;
      code = pl_codebook_editor_find_code (self, pl_code_get_parent_id (code));
    }
  return FALSE;
}

GPtrArray *
pl_codebook_editor_children_of (PlCodebookEditor *self,
                                gint64            parent_id,
                                gint64            except_id)
{
  GListModel *codes = pl_project_get_codes (self->project);
  GPtrArray *children = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (pl_code_get_parent_id (code) == parent_id && pl_code_get_id (code) != except_id)
        g_ptr_array_add (children, code);
    }
  return children;
}

void
pl_codebook_editor_select_id (PlCodebookEditor *self,
                              gint64            id)
{
  guint position;

  self->current_id = id;
  if (id != 0 && find_position (self, id, &position))
    {
      if (gtk_single_selection_get_selected (self->selection) != position)
        gtk_single_selection_set_selected (self->selection, position);
      pl_widget_activate_action (GTK_WIDGET (self->tree_view), "list.scroll-to-item", "u", position);
    }
  else
    {
      self->current_id = 0;
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  pl_codebook_editor_update_form (self);
}

static void
on_selection_changed (PlCodebookEditor *self)
{
  PlCode *code = gtk_single_selection_get_selected_item (self->selection);

  /* A reload of the codes drops the selection for a moment: keep the code then. */
  if (code == NULL)
    return;
  self->current_id = pl_code_get_id (code);
  pl_codebook_editor_update_form (self);
}

/* Drag and drop */

typedef enum
{
  DROP_BEFORE,
  DROP_INTO,
  DROP_AFTER,
} DropZone;

static DropZone
drop_zone (GtkWidget *row,
           double     y)
{
  int height = gtk_widget_get_height (row);

  if (y < height * 0.28)
    return DROP_BEFORE;
  if (y > height * 0.72)
    return DROP_AFTER;
  return DROP_INTO;
}

static void
clear_drop_classes (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "cbe-drop-before");
  gtk_widget_remove_css_class (row, "cbe-drop-into");
  gtk_widget_remove_css_class (row, "cbe-drop-after");
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 PlCodeRow     *row)
{
  PlCode *code = pl_code_row_get_code (row);

  if (code == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, pl_code_get_id (code));
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double         x,
                double         y,
                GtkWidget     *row)
{
  static const char *classes[] = { "cbe-drop-before", "cbe-drop-into", "cbe-drop-after" };

  clear_drop_classes (row);
  gtk_widget_add_css_class (row, classes[drop_zone (row, y)]);
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave (GtkDropTarget *target,
               GtkWidget     *row)
{
  clear_drop_classes (row);
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkWidget     *row)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (gtk_widget_get_root (row));
  PlCode *onto = pl_code_row_get_code (PL_CODE_ROW (row));
  PlCode *moved;
  gint64 parent_id;
  int position = -1;

  clear_drop_classes (row);
  if (onto == NULL || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  moved = pl_codebook_editor_find_code (self, g_value_get_int64 (value));
  if (moved == NULL || moved == onto)
    return FALSE;

  switch (drop_zone (row, y))
    {
    case DROP_INTO:
      parent_id = pl_code_get_id (onto);
      break;
    case DROP_BEFORE:
    case DROP_AFTER:
    default:
      {
        g_autoptr(GPtrArray) siblings = NULL;

        parent_id = pl_code_get_parent_id (onto);
        siblings = pl_codebook_editor_children_of (self, parent_id, pl_code_get_id (moved));
        for (guint i = 0; i < siblings->len; i++)
          if (g_ptr_array_index (siblings, i) == onto)
            position = drop_zone (row, y) == DROP_BEFORE ? (int) i : (int) i + 1;
      }
      break;
    }

  pl_widget_activate_action (GTK_WIDGET (self), "editor.move-code", "(xxi)",
                             pl_code_get_id (moved), parent_id, position);
  return TRUE;
}

/* Rows */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PlCodebookEditor         *self)
{
  GtkWidget *row = pl_code_row_new (PL_CODE_ROW_EDIT);
  GtkDragSource *drag;
  GtkDropTarget *drop;

  drag = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));

  drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), row);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), row);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drop));

  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PlCodebookEditor         *self)
{
  pl_code_row_set_code (PL_CODE_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            PlCodebookEditor         *self)
{
  pl_code_row_set_code (PL_CODE_ROW (gtk_list_item_get_child (item)), NULL);
}

void
pl_codebook_editor_tree_init (PlCodebookEditor *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->tree_view, factory);
}

void
pl_codebook_editor_tree_set_project (PlCodebookEditor *self)
{
  self->selection = gtk_single_selection_new (g_object_ref (pl_project_get_codes (self->project)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));
}

GtkListView *
pl_codebook_editor_get_list_view (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return self->tree_view;
}
