/* pl-tagging-panel.c — the codebook beside the text: click a code to apply it
 *
 * Activating a row activates "win.apply-code" with the code's GUID; the window decides
 * what the selection is.  The panel only shows the codebook and filters it.
 *
 * The selected code (its definition below the list, F3, the export's "this code only")
 * changes only by a click or the keys, never by hovering: a click on a row selects and
 * applies it through the row's own gesture, so the list needs no single-click activation
 * (which in GTK selects whatever the pointer passes over).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-tagging-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-annotations-list.h"
#include "pl-code-row.h"
#include "pl-compat.h"
#include "pl-list-keys.h"
#include "pl-starter-names.h"
#include "pl-tagging-panel.h"

struct _PlTaggingPanel
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkStack           *codes_stack;
  GtkListView        *list_view;
  PlAnnotationsList  *annotations_list;
  GtkWidget          *definition_separator;
  GtkWidget          *definition_box;
  GtkLabel           *definition_title;
  GtkLabel           *definition_text;
  GtkLabel           *definition_cues;

  PlProject          *project;
  GtkSingleSelection *selection;
  GHashTable         *document_counts;  /* code id → count, or NULL */
  GHashTable         *project_counts;   /* code id → count, or NULL: the codes' own */
  GHashTable         *rows;             /* the bound PlCodeRows */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *filter_text;
  GHashTable         *collapsed;        /* ids (gint64*) of folded branches */
  GHashTable         *parents;          /* ids (gint64*) of codes with children */
  GListModel         *codes;            /* the project's codes, watched for changes */
};

G_DEFINE_FINAL_TYPE (PlTaggingPanel, pl_tagging_panel, GTK_TYPE_WIDGET)

/* Whether a folded branch hides @code: any of its ancestors is collapsed. */
static gboolean
is_folded_away (PlTaggingPanel *self,
                PlCode         *code)
{
  gint64 parent_id = pl_code_get_parent_id (code);

  if (g_hash_table_size (self->collapsed) == 0)
    return FALSE;

  while (parent_id != 0)
    {
      PlCode *parent;

      if (g_hash_table_contains (self->collapsed, &parent_id))
        return TRUE;
      parent = pl_project_find_code (self->project, parent_id);
      parent_id = parent != NULL ? pl_code_get_parent_id (parent) : 0;
    }
  return FALSE;
}

static gboolean
match_code (gpointer item,
            gpointer user_data)
{
  PlTaggingPanel *self = user_data;

  /* Typing a filter searches the whole codebook, folded branches too. */
  if (self->filter_text != NULL && self->filter_text[0] != '\0')
    return pl_code_matches (item, self->filter_text);
  return self->project == NULL || !is_folded_away (self, item);
}

static gboolean
has_children (PlTaggingPanel *self,
              PlCode         *code)
{
  gint64 id = pl_code_get_id (code);

  return g_hash_table_contains (self->parents, &id);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* What only the panel knows about a row's code: its folds and its uses in the document. */
static void
update_row (PlTaggingPanel *self,
            PlCodeRow      *row)
{
  PlCode *code = pl_code_row_get_code (row);

  if (code == NULL)
    return;
  pl_code_row_set_expandable (row, has_children (self, code));
  pl_code_row_set_expanded (row, pl_tagging_panel_get_expanded (self, code));
  pl_code_row_set_document_count (row, self->document_counts != NULL
                                         ? (int) pl_tagging_panel_get_document_count (self, code) : -1);
  pl_code_row_set_project_count (row, self->project_counts != NULL
                                        ? (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->project_counts,
                                                                                        &(gint64) { pl_code_get_id (code) }))
                                        : -1);
}

static void
update_rows (PlTaggingPanel *self)
{
  GHashTableIter iter;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    update_row (self, row);
}

/* Recounts which codes have children when the codebook changes, and forgets folds of
 * codes that are gone or no longer have children. */
static void
on_codes_changed (PlTaggingPanel *self)
{
  GHashTableIter iter;
  gpointer key;
  guint n = self->codes != NULL ? g_list_model_get_n_items (self->codes) : 0;

  /* An empty codebook says where codes come from (and has no definitions to show). */
  gtk_stack_set_visible_child_name (self->codes_stack, self->codes != NULL && n == 0 ? "empty" : "codes");
  gtk_widget_set_visible (self->definition_separator, n > 0);
  gtk_widget_set_visible (self->definition_box, n > 0);

  g_hash_table_remove_all (self->parents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (self->codes, i);

      if (pl_code_get_parent_id (code) != 0)
        g_hash_table_add (self->parents, id_key (pl_code_get_parent_id (code)));
    }

  g_hash_table_iter_init (&iter, self->collapsed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->parents, key))
      g_hash_table_iter_remove (&iter);
}

gboolean
pl_tagging_panel_get_expanded (PlTaggingPanel *self,
                               PlCode         *code)
{
  gint64 id;

  g_return_val_if_fail (PL_IS_TAGGING_PANEL (self), FALSE);
  g_return_val_if_fail (PL_IS_CODE (code), FALSE);

  id = pl_code_get_id (code);
  return !g_hash_table_contains (self->collapsed, &id);
}

void
pl_tagging_panel_set_expanded (PlTaggingPanel *self,
                               PlCode         *code,
                               gboolean        expanded)
{
  gint64 id;
  gboolean changed;

  g_return_if_fail (PL_IS_TAGGING_PANEL (self));
  g_return_if_fail (PL_IS_CODE (code));

  id = pl_code_get_id (code);
  if (expanded)
    changed = g_hash_table_remove (self->collapsed, &id);
  else if (has_children (self, code))
    changed = g_hash_table_add (self->collapsed, id_key (id));
  else
    changed = FALSE;

  if (!changed)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter),
                      expanded ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
  update_rows (self);
}

static void
toggle_branch_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PlTaggingPanel *self = PL_TAGGING_PANEL (widget);
  PlCode *code = self->project != NULL ? pl_project_find_code (self->project, g_variant_get_int64 (parameter)) : NULL;

  if (code != NULL)
    pl_tagging_panel_set_expanded (self, code, !pl_tagging_panel_get_expanded (self, code));
}

static void
set_all_expanded (PlTaggingPanel *self,
                  gboolean        expanded)
{
  GHashTableIter iter;
  gpointer key;

  if (expanded)
    g_hash_table_remove_all (self->collapsed);
  else
    {
      g_hash_table_iter_init (&iter, self->parents);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (self->collapsed, id_key (*(gint64 *)key));
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_rows (self);
}

static void
expand_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_all_expanded (PL_TAGGING_PANEL (widget), g_str_equal (action_name, "panel.expand-all"));
}

void
pl_tagging_panel_set_filter (PlTaggingPanel *self,
                             const char     *text)
{
  g_return_if_fail (PL_IS_TAGGING_PANEL (self));

  g_free (self->filter_text);
  self->filter_text = text != NULL ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_search_changed (PlTaggingPanel *self,
                   GtkSearchEntry *entry)
{
  pl_tagging_panel_set_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Rows */

/* The click is the row's alone, so that the list's own gesture does not activate it a
 * second time on a double click. */
static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                gpointer         user_data)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void on_activate (PlTaggingPanel *self,
                         guint           position,
                         GtkListView    *list_view);

/* A click selects the code (its definition shows) and applies it, as Enter does. */
static void
on_row_released (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 PlTaggingPanel  *self)
{
  PlCode *code = pl_code_row_get_code (PL_CODE_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture))));

  if (n_press != 1 || code == NULL)
    return;
  pl_tagging_panel_select_code (self, code);
  if (gtk_single_selection_get_selected_item (self->selection) == code)
    on_activate (self, gtk_single_selection_get_selected (self->selection), self->list_view);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PlTaggingPanel           *self)
{
  GtkWidget *row = pl_code_row_new (PL_CODE_ROW_APPLY);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_row_pressed), NULL);
  g_signal_connect_object (click, "released", G_CALLBACK (on_row_released), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  PlTaggingPanel *self = user_data;
  PlCodeRow *row = PL_CODE_ROW (gtk_list_item_get_child (item));

  pl_code_row_set_code (row, gtk_list_item_get_item (item));
  update_row (self, row);
  g_hash_table_add (self->rows, row);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  PlTaggingPanel *self = user_data;
  PlCodeRow *row = PL_CODE_ROW (gtk_list_item_get_child (item));

  if (self->rows != NULL)
    g_hash_table_remove (self->rows, row);
  pl_code_row_set_code (row, NULL);
}

static void
show_definition (PlTaggingPanel *self)
{
  PlCode *code = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GString) cues = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (code == NULL)
    {
      gtk_label_set_text (self->definition_title, _("Select text, then click a code or press its number key."));
      gtk_label_set_text (self->definition_text, _("Press / to find a code by typing. With nothing selected, a code’s key codes the whole statement."));
      gtk_widget_set_visible (GTK_WIDGET (self->definition_cues), FALSE);
      return;
    }

  title = pl_code_get_short_id (code) != NULL
    ? g_strdup_printf ("%s  %s", pl_code_get_short_id (code), pl_code_get_display_name (code))
    : g_strdup (pl_code_get_display_name (code));
  gtk_label_set_text (self->definition_title, title);
  gtk_label_set_text (self->definition_text, pl_code_get_definition (code) != NULL
                      ? pl_code_get_definition (code) : _("No definition yet."));

  if (pl_code_get_inclusion (code) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (pl_code_get_inclusion (code), -1);

      g_string_append_printf (cues, "<b>%s</b> %s", _("Include:"), escaped);
    }
  if (pl_code_get_exclusion (code) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (pl_code_get_exclusion (code), -1);

      g_string_append_printf (cues, "%s<b>%s</b> %s", cues->len > 0 ? "\n" : "", _("Exclude:"), escaped);
    }
  if (pl_code_get_example (code) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (pl_code_get_example (code), -1);

      g_string_append_printf (cues, "%s<b>%s</b> <i>%s</i>", cues->len > 0 ? "\n" : "", _("Example:"), escaped);
    }
  gtk_label_set_markup (self->definition_cues, cues->str);
  gtk_widget_set_visible (GTK_WIDGET (self->definition_cues), cues->len > 0);
}

PlCode *
pl_tagging_panel_get_selected_code (PlTaggingPanel *self)
{
  g_return_val_if_fail (PL_IS_TAGGING_PANEL (self), NULL);
  return gtk_single_selection_get_selected_item (self->selection);
}

void
pl_tagging_panel_select_code (PlTaggingPanel *self,
                              PlCode         *code)
{
  GListModel *model;
  guint n;

  g_return_if_fail (PL_IS_TAGGING_PANEL (self));

  /* Unfold the branches that hide it. */
  if (code != NULL && self->project != NULL && is_folded_away (self, code))
    {
      for (gint64 parent_id = pl_code_get_parent_id (code); parent_id != 0;)
        {
          PlCode *parent = pl_project_find_code (self->project, parent_id);

          if (parent == NULL)
            break;
          g_hash_table_remove (self->collapsed, &parent_id);
          parent_id = pl_code_get_parent_id (parent);
        }
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      update_rows (self);
    }

  model = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlCode) item = g_list_model_get_item (model, i);

      if (item == code)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

void
pl_tagging_panel_set_document_counts (PlTaggingPanel *self,
                                      GHashTable     *counts)
{
  g_return_if_fail (PL_IS_TAGGING_PANEL (self));

  g_clear_pointer (&self->document_counts, g_hash_table_unref);
  self->document_counts = counts != NULL ? g_hash_table_ref (counts) : NULL;
  update_rows (self);
}

void
pl_tagging_panel_set_project_counts (PlTaggingPanel *self,
                                     GHashTable     *counts)
{
  g_return_if_fail (PL_IS_TAGGING_PANEL (self));

  g_clear_pointer (&self->project_counts, g_hash_table_unref);
  self->project_counts = counts != NULL ? g_hash_table_ref (counts) : NULL;
  update_rows (self);
}

guint
pl_tagging_panel_get_document_count (PlTaggingPanel *self,
                                     PlCode         *code)
{
  gint64 id;

  g_return_val_if_fail (PL_IS_TAGGING_PANEL (self), 0);

  if (self->document_counts == NULL)
    return 0;
  id = pl_code_get_id (code);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->document_counts, &id));
}

/* Left folds the selected branch, Right unfolds it, as in a tree. */
static gboolean
on_key_pressed (PlTaggingPanel        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  PlCode *code = gtk_single_selection_get_selected_item (self->selection);
  gboolean expand;

  if (code == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    expand = FALSE;
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    expand = TRUE;
  else
    return GDK_EVENT_PROPAGATE;

  if (!has_children (self, code))
    return GDK_EVENT_PROPAGATE;
  pl_tagging_panel_set_expanded (self, code, expand);
  return GDK_EVENT_STOP;
}

static void
on_activate (PlTaggingPanel *self,
             guint           position,
             GtkListView    *list_view)
{
  g_autoptr(PlCode) code = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (code == NULL || !pl_code_get_codable (code))
    return;

  pl_widget_activate_action (GTK_WIDGET (self), "win.apply-code", "s", pl_code_get_guid (code));
}

void
pl_tagging_panel_set_project (PlTaggingPanel *self,
                              PlProject      *project)
{
  g_return_if_fail (PL_IS_TAGGING_PANEL (self));
  g_return_if_fail (project == NULL || PL_IS_PROJECT (project));

  if (!g_set_object (&self->project, project))
    return;

  if (self->codes != NULL)
    g_signal_handlers_disconnect_by_func (self->codes, on_codes_changed, self);
  g_clear_object (&self->codes);
  g_hash_table_remove_all (self->collapsed);
  if (project != NULL)
    {
      /* Before the filter model's own handler, so that it filters with fresh branches. */
      self->codes = g_object_ref (pl_project_get_codes (project));
      g_signal_connect_object (self->codes, "items-changed",
                               G_CALLBACK (on_codes_changed), self, G_CONNECT_SWAPPED);
    }
  on_codes_changed (self);

  gtk_filter_list_model_set_model (self->filtered,
                                   project != NULL ? pl_project_get_codes (project) : NULL);
}

gboolean
pl_tagging_panel_focus_list (PlTaggingPanel *self)
{
  g_return_val_if_fail (PL_IS_TAGGING_PANEL (self), FALSE);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->codes_stack), "empty") == 0)
    return gtk_widget_child_focus (gtk_stack_get_visible_child (self->codes_stack), GTK_DIR_TAB_FORWARD);
  return pl_list_keys_focus_item (self->list_view, self->selection);
}

gboolean
pl_tagging_panel_is_empty (PlTaggingPanel *self)
{
  g_return_val_if_fail (PL_IS_TAGGING_PANEL (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->codes_stack), "empty") == 0;
}

PlAnnotationsList *
pl_tagging_panel_get_annotations_list (PlTaggingPanel *self)
{
  g_return_val_if_fail (PL_IS_TAGGING_PANEL (self), NULL);
  return self->annotations_list;
}

GListModel *
pl_tagging_panel_get_model (PlTaggingPanel *self)
{
  g_return_val_if_fail (PL_IS_TAGGING_PANEL (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

static void
pl_tagging_panel_dispose (GObject *object)
{
  PlTaggingPanel *self = (PlTaggingPanel *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_TAGGING_PANEL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  if (self->codes != NULL)
    g_signal_handlers_disconnect_by_func (self->codes, on_codes_changed, self);
  g_clear_object (&self->codes);
  g_clear_object (&self->project);
  g_clear_pointer (&self->document_counts, g_hash_table_unref);
  g_clear_pointer (&self->project_counts, g_hash_table_unref);


  G_OBJECT_CLASS (pl_tagging_panel_parent_class)->dispose (object);
}

static void
pl_tagging_panel_finalize (GObject *object)
{
  PlTaggingPanel *self = (PlTaggingPanel *)object;

  g_free (self->filter_text);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->parents, g_hash_table_unref);

  G_OBJECT_CLASS (pl_tagging_panel_parent_class)->finalize (object);
}

static void
pl_tagging_panel_class_init (PlTaggingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_tagging_panel_dispose;
  object_class->finalize = pl_tagging_panel_finalize;

  g_type_ensure (PL_TYPE_ANNOTATIONS_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/plenary/Plenary/pl-tagging-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, codes_stack);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, definition_separator);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, definition_box);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, annotations_list);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, definition_title);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, definition_text);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, definition_cues);
  gtk_widget_class_install_action (widget_class, "panel.toggle-branch", "x", toggle_branch_action);
  gtk_widget_class_install_action (widget_class, "panel.expand-all", NULL, expand_all_action);
  gtk_widget_class_install_action (widget_class, "panel.collapse-all", NULL, expand_all_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "taggingpanel");
}

static void
pl_tagging_panel_init (PlTaggingPanel *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->collapsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rows = g_hash_table_new (NULL, NULL);

  self->filter = gtk_custom_filter_new (match_code, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (show_definition), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
  pl_list_keys_track_focus (self->list_view, self->selection);
}

GtkWidget *
pl_tagging_panel_new (void)
{
  return g_object_new (PL_TYPE_TAGGING_PANEL, NULL);
}
