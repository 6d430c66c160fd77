/* pl-codebook-editor.c — the codebook editor: the code tree, a code's form, merge, split,
 * delete, import, export and the change log
 *
 * The tree is the project's depth-first list of codes, indented by depth.  Every edit is
 * one call of pl-codebook-edit.h (one undoable, logged action); the project reloads its
 * codes after each, and the editor keeps the selected code by its id.  Fields commit when
 * activated or when the focus leaves them, to the code the form was filled for.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-codebook-edit.h"
#include "pl-codebook-editor.h"
#include "pl-codebook.h"
#include "pl-window.h"
#include "pl-compat.h"

#define N_TEXTS 4

static const char *palette_names[] = {
  N_("blue"), N_("orange"), N_("bluish green"), N_("reddish purple"), N_("vermilion"),
  N_("sky blue"), N_("yellow"), N_("grey"), N_("dark blue"), N_("dark orange"),
  N_("dark green"), N_("dark purple"), N_("dark vermilion"), N_("dark sky blue"),
  N_("olive"), N_("dark grey"),
};

struct _PlCodebookEditor
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkMenuButton      *merge_button;
  GtkPopover         *merge_popover;
  GtkSearchEntry     *merge_search;
  GtkListView        *merge_list;
  GtkToggleButton    *log_button;
  GtkButton          *undo_button;
  GtkButton          *redo_button;
  GtkListView        *tree_view;
  GtkStack           *stack;
  AdwEntryRow        *name_row;
  AdwEntryRow        *short_id_row;
  AdwEntryRow        *shortcut_row;
  AdwEntryRow        *color_row;
  GtkSwitch          *folder_switch;
  GtkLabel           *uses_label;
  GtkFlowBox         *palette_box;
  GtkBox             *text_box;
  GtkLabel           *log_summary;
  GtkListBox         *log_list;

  GtkTextView        *texts[N_TEXTS];
  GPtrArray          *swatches;       /* GtkToggleButton, one per palette colour */

  PlProject          *project;
  PlCodebook         *codebook;       /* of the project: every edit goes through it */
  GtkSingleSelection *selection;
  GtkCustomFilter    *merge_filter;
  GtkCssProvider     *css;
  GtkNativeDialog    *chooser;
  AdwMessageDialog   *dialog;         /* weak */
  GtkWindow          *split_window;   /* weak */
  gint64              current_id;     /* the selected code, kept across reloads */
  gint64              form_id;        /* the code the form shows */
  gboolean            updating;
  gboolean            show_log;
};

G_DEFINE_FINAL_TYPE (PlCodebookEditor, pl_codebook_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_LOG,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char      *title;
  const char      *accessible;
  PlCodebookField  field;
} text_fields[N_TEXTS] = {
  { N_("Definition"), N_("Definition: what the code means, in one sentence"), PL_CODEBOOK_FIELD_DEFINITION },
  { N_("Include When"), N_("Inclusion cues: when to apply the code"), PL_CODEBOOK_FIELD_INCLUSION },
  { N_("Exclude When"), N_("Exclusion cues: when not to apply it, and what to use instead"), PL_CODEBOOK_FIELD_EXCLUSION },
  { N_("Anchor Example"), N_("Anchor example: a sentence that clearly belongs to the code"), PL_CODEBOOK_FIELD_EXAMPLE },
};

static void update_form    (PlCodebookEditor *self);
static void update_actions (PlCodebookEditor *self);
static void update_css     (PlCodebookEditor *self);
static void fill_log       (PlCodebookEditor *self);

/* Messages */

static void
show_toast (PlCodebookEditor *self,
            const char       *message,
            gboolean          with_undo)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  if (self->toast_overlay == NULL)
    return;
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "editor.undo");
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
report (PlCodebookEditor *self,
        gboolean          ok,
        GError           *error)
{
  if (!ok && error != NULL)
    show_toast (self, error->message, FALSE);
  return ok;
}

/* Codes */

static PlCode *
find_code (PlCodebookEditor *self,
           gint64            id)
{
  return self->project != NULL && id != 0 ? pl_project_find_code (self->project, id) : NULL;
}

static PlCode *
selected_code (PlCodebookEditor *self)
{
  return find_code (self, self->current_id);
}

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

static PlCode *
find_by_guid (PlCodebookEditor *self,
              const char       *guid)
{
  GListModel *codes = pl_project_get_codes (self->project);

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      if (g_strcmp0 (pl_code_get_guid (code), guid) == 0)
        return code;
    }
  return NULL;
}

/* Whether @code is @ancestor or lies below it. */
static gboolean
is_within (PlCodebookEditor *self,
           PlCode           *code,
           PlCode           *ancestor)
{
  while (code != NULL)
    {
      if (code == ancestor)
        return TRUE;
      code = find_code (self, pl_code_get_parent_id (code));
    }
  return FALSE;
}

/* The children of @parent_id (0: the top level), in order, without @except_id. */
static GPtrArray *
children_of (PlCodebookEditor *self,
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

static void
select_id (PlCodebookEditor *self,
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
  update_form (self);
}

/* Colours */

static void
update_css (PlCodebookEditor *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char * const *palette = pl_codebook_get_palette ();
  g_autoptr(GString) css = g_string_new (NULL);
  PlCode *code = find_code (self, self->form_id);

  g_string_append (css,
                   ".cbe-swatch { min-width: 14px; min-height: 14px; border-radius: 4px;"
                   " box-shadow: inset 0 0 0 1px alpha(currentColor, 0.18); }\n"
                   ".cbe-preview { min-width: 22px; min-height: 22px; border-radius: 6px;"
                   " box-shadow: inset 0 0 0 1px alpha(currentColor, 0.2); }\n"
                   ".cbe-half { min-width: 16px; min-height: 26px; }\n"
                   ".cbe-half.light { border-radius: 5px 0 0 5px; }\n"
                   ".cbe-half.dark { border-radius: 0 5px 5px 0; }\n"
                   ".cbe-palette-button { padding: 3px; }\n"
                   ".cbe-palette-button:checked { box-shadow: inset 0 0 0 2px @accent_color; }\n"
                   ".cbe-row { padding: 3px 0; }\n"
                   ".cbe-drop-before { box-shadow: inset 0 2px 0 0 @accent_color; }\n"
                   ".cbe-drop-after { box-shadow: inset 0 -2px 0 0 @accent_color; }\n"
                   ".cbe-drop-into { background-color: alpha(@accent_color, 0.2); border-radius: 6px; }\n"
                   ".cbe-text { padding: 6px; }\n"
                   ".cbe-text textview, .cbe-text textview text { background-color: transparent; }\n");

  for (guint i = 0; palette[i] != NULL; i++)
    {
      g_autofree char *derived = pl_codebook_derive_dark_color (palette[i]);

      g_string_append_printf (css, ".cbe-pal-%u.light { background-color: %s; }\n", i, palette[i]);
      g_string_append_printf (css, ".cbe-pal-%u.dark { background-color: %s; }\n", i, derived);
    }

  if (self->project != NULL)
    {
      GListModel *codes = pl_project_get_codes (self->project);

      for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
        {
          g_autoptr(PlCode) item = g_list_model_get_item (codes, i);

          g_string_append_printf (css, ".cbe-code-%" G_GINT64_FORMAT " { background-color: %s; }\n",
                                  pl_code_get_id (item),
                                  dark ? pl_code_get_color_dark (item) : pl_code_get_color (item));
        }
    }

  if (code != NULL)
    {
      g_string_append_printf (css, ".cbe-preview-light { background-color: %s; }\n", pl_code_get_color (code));
      g_string_append_printf (css, ".cbe-preview-dark { background-color: %s; }\n", pl_code_get_color_dark (code));
    }

  gtk_css_provider_load_from_data (self->css, css->str, css->len);
}

/* The code tree */

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

static PlCode *
row_code (GtkWidget *row)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (row), "list-item");

  return item != NULL ? gtk_list_item_get_item (item) : NULL;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkWidget     *row)
{
  PlCode *code = row_code (row);

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
  PlCode *onto = row_code (row);
  PlCode *moved;
  gint64 parent_id;
  int position = -1;

  clear_drop_classes (row);
  if (onto == NULL || !G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  moved = find_code (self, g_value_get_int64 (value));
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
        siblings = children_of (self, parent_id, pl_code_get_id (moved));
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

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           PlCodebookEditor         *self)
{
  GtkWidget *row, *swatch, *name, *folder, *short_id, *count, *shortcut;
  GtkDragSource *drag;
  GtkDropTarget *drop;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (row, "cbe-row");
  g_object_set_data (G_OBJECT (row), "list-item", item);

  swatch = gtk_label_new (NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), swatch);

  folder = gtk_image_new_from_icon_name ("folder-symbolic");
  gtk_widget_add_css_class (folder, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (folder), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Folder"), -1);
  gtk_box_append (GTK_BOX (row), folder);

  name = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (row), name);

  short_id = gtk_label_new (NULL);
  gtk_widget_add_css_class (short_id, "dim-label");
  gtk_widget_add_css_class (short_id, "caption");
  gtk_box_append (GTK_BOX (row), short_id);

  count = gtk_label_new (NULL);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "caption");
  gtk_label_set_width_chars (GTK_LABEL (count), 4);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_box_append (GTK_BOX (row), count);

  shortcut = gtk_label_new (NULL);
  gtk_widget_add_css_class (shortcut, "keycap");
  gtk_box_append (GTK_BOX (row), shortcut);

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
  PlCode *code = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (row);
  GtkWidget *folder = gtk_widget_get_next_sibling (swatch);
  GtkWidget *name = gtk_widget_get_next_sibling (folder);
  GtkWidget *short_id = gtk_widget_get_next_sibling (name);
  GtkWidget *count = gtk_widget_get_next_sibling (short_id);
  GtkWidget *shortcut = gtk_widget_get_next_sibling (count);
  g_autofree char *css_class = g_strdup_printf ("cbe-code-%" G_GINT64_FORMAT, pl_code_get_id (code));
  g_autofree char *count_text = NULL;
  g_autofree char *label = NULL;
  const char *classes[] = { "cbe-swatch", css_class, NULL };
  guint uses = pl_code_get_n_annotations (code);

  gtk_widget_set_css_classes (swatch, classes);
  gtk_widget_set_margin_start (row, 18 * pl_code_get_depth (code));
  gtk_widget_set_visible (folder, !pl_code_get_codable (code));
  gtk_label_set_text (GTK_LABEL (name), pl_code_get_name (code));
  if (pl_code_get_depth (code) == 0)
    gtk_widget_add_css_class (name, "heading");
  else
    gtk_widget_remove_css_class (name, "heading");
  gtk_label_set_text (GTK_LABEL (short_id), pl_code_get_short_id (code) != NULL ? pl_code_get_short_id (code) : "");
  count_text = uses > 0 ? g_strdup_printf ("%u", uses) : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (count), count_text);
  gtk_label_set_text (GTK_LABEL (shortcut), pl_code_get_shortcut (code) != NULL ? pl_code_get_shortcut (code) : "");
  gtk_widget_set_visible (shortcut, pl_code_get_shortcut (code) != NULL);

  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, level %u, %u annotation%s",
                                        "%s, level %u, %u annotations%s", uses),
                           pl_code_get_path (code), pl_code_get_depth (code) + 1, uses,
                           pl_code_get_codable (code) ? "" : _(", folder"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
on_selection_changed (PlCodebookEditor *self)
{
  PlCode *code = gtk_single_selection_get_selected_item (self->selection);

  /* A reload of the codes drops the selection for a moment: keep the code then. */
  if (code == NULL)
    return;
  self->current_id = pl_code_get_id (code);
  update_form (self);
}

static void
on_codes_changed (PlCodebookEditor *self)
{
  update_css (self);
  if (self->merge_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->merge_filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_id (self, find_code (self, self->current_id) != NULL ? self->current_id : 0);
  if (self->show_log)
    fill_log (self);
}

static void
on_history_changed (PlCodebookEditor *self)
{
  update_actions (self);
  if (self->show_log)
    fill_log (self);
}

/* The form */

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  if (gtk_widget_has_focus (GTK_WIDGET (row)) || gtk_widget_get_focus_child (GTK_WIDGET (row)) != NULL)
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

static char *
text_view_dup (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  g_autofree char *now = text_view_dup (view);

  if (gtk_widget_has_focus (GTK_WIDGET (view)))
    return;
  if (g_strcmp0 (now, text != NULL ? text : "") != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

static const char *
code_text (PlCode          *code,
           PlCodebookField  field)
{
  switch (field)
    {
    case PL_CODEBOOK_FIELD_DEFINITION:
      return pl_code_get_definition (code);
    case PL_CODEBOOK_FIELD_INCLUSION:
      return pl_code_get_inclusion (code);
    case PL_CODEBOOK_FIELD_EXCLUSION:
      return pl_code_get_exclusion (code);
    case PL_CODEBOOK_FIELD_EXAMPLE:
    default:
      return pl_code_get_example (code);
    }
}

static guint
total_uses (PlCodebookEditor *self,
            PlCode           *code)
{
  GListModel *codes = pl_project_get_codes (self->project);
  guint total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) item = g_list_model_get_item (codes, i);

      if (is_within (self, item, code))
        total += pl_code_get_n_annotations (item);
    }
  return total;
}

static void
update_title (PlCodebookEditor *self)
{
  g_autofree char *subtitle = NULL;
  guint n = self->project != NULL ? g_list_model_get_n_items (pl_project_get_codes (self->project)) : 0;

  if (self->project != NULL)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Version %u · %u code", "Version %u · %u codes", n),
                                pl_codebook_get_version (self->codebook), n);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
}

static void
update_form (PlCodebookEditor *self)
{
  PlCode *code = selected_code (self);
  const char * const *palette = pl_codebook_get_palette ();
  g_autofree char *uses = NULL;
  guint own, total;

  update_title (self);
  update_actions (self);

  if (self->show_log)
    gtk_stack_set_visible_child_name (self->stack, "log");
  else
    gtk_stack_set_visible_child_name (self->stack, code != NULL ? "form" : "empty");

  self->form_id = code != NULL ? pl_code_get_id (code) : 0;
  update_css (self);
  if (code == NULL)
    return;

  self->updating = TRUE;
  set_entry (self->name_row, pl_code_get_name (code));
  set_entry (self->short_id_row, pl_code_get_short_id (code));
  set_entry (self->shortcut_row, pl_code_get_shortcut (code));
  set_entry (self->color_row, pl_code_get_color (code));
  gtk_switch_set_active (self->folder_switch, !pl_code_get_codable (code));

  own = pl_code_get_n_annotations (code);
  total = total_uses (self, code);
  if (total != own)
    uses = g_strdup_printf (_("%u annotations, %u with sub-codes"), own, total);
  else
    uses = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations", own), own);
  gtk_label_set_text (self->uses_label, uses);

  for (guint i = 0; i < self->swatches->len; i++)
    gtk_toggle_button_set_active (g_ptr_array_index (self->swatches, i),
                                  g_ascii_strcasecmp (palette[i], pl_code_get_color (code)) == 0);

  for (guint i = 0; i < N_TEXTS; i++)
    set_text_view (self->texts[i], code_text (code, text_fields[i].field));
  self->updating = FALSE;
}

static void
update_actions (PlCodebookEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_code = selected_code (self) != NULL;
  gboolean has_project = self->project != NULL;
  guint n = has_project ? g_list_model_get_n_items (pl_project_get_codes (self->project)) : 0;

  gtk_widget_action_set_enabled (widget, "editor.add-code", has_project);
  gtk_widget_action_set_enabled (widget, "editor.add-child", has_code);
  gtk_widget_action_set_enabled (widget, "editor.split", has_code);
  gtk_widget_action_set_enabled (widget, "editor.delete", has_code);
  gtk_widget_action_set_enabled (widget, "editor.merge", has_code && n > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), has_code && n > 1);
  gtk_widget_action_set_enabled (widget, "editor.undo", has_project && pl_project_can_undo (self->project));
  gtk_widget_action_set_enabled (widget, "editor.redo", has_project && pl_project_can_redo (self->project));
  for (guint i = 0; i < 4; i++)
    {
      static const char *moves[] = { "editor.move-up", "editor.move-down", "editor.move-in", "editor.move-out" };

      gtk_widget_action_set_enabled (widget, moves[i], has_code);
    }
  gtk_widget_action_set_enabled (widget, "editor.export", has_project);
  gtk_widget_action_set_enabled (widget, "editor.import", has_project);

  if (has_project)
    {
      g_autofree char *undo = pl_project_dup_undo_label (self->project);
      g_autofree char *redo = pl_project_dup_redo_label (self->project);
      g_autofree char *undo_tip = undo != NULL ? g_strdup_printf (_("Undo “%s” (Ctrl+Z)"), undo) : g_strdup (_("Undo (Ctrl+Z)"));
      g_autofree char *redo_tip = redo != NULL ? g_strdup_printf (_("Redo “%s” (Ctrl+Shift+Z)"), redo) : g_strdup (_("Redo (Ctrl+Shift+Z)"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tip);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tip);
    }
}

/* Changes, to the code the form shows (fields) or to the selected code (actions). */

typedef enum
{
  CHANGE_NAME,
  CHANGE_SHORT_ID,
  CHANGE_SHORTCUT,
  CHANGE_COLOR,
  CHANGE_TEXT,
} ChangeKind;

static gboolean
apply_change (PlCodebookEditor *self,
              gint64            code_id,
              ChangeKind        kind,
              PlCodebookField   field,
              const char       *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (find_code (self, code_id) == NULL)
    return FALSE;

  switch (kind)
    {
    case CHANGE_NAME:
      ok = pl_codebook_rename (self->codebook, code_id, value, &error);
      break;
    case CHANGE_SHORT_ID:
      ok = pl_codebook_set_short_id (self->codebook, code_id, value, &error);
      break;
    case CHANGE_SHORTCUT:
      ok = pl_codebook_set_shortcut (self->codebook, code_id, value, &error);
      break;
    case CHANGE_COLOR:
      ok = pl_codebook_set_colors (self->codebook, code_id, value, NULL, &error);
      break;
    case CHANGE_TEXT:
    default:
      ok = pl_codebook_set_text (self->codebook, code_id, field, value, &error);
      break;
    }

  if (!report (self, ok, error))
    {
      /* Show the stored value again. */
      gint64 keep = self->current_id;

      self->current_id = self->form_id;
      update_form (self);
      self->current_id = keep;
    }
  return ok;
}

static void
commit_entry (PlCodebookEditor *self,
              AdwEntryRow      *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  ChangeKind kind;

  if (self->updating || self->form_id == 0)
    return;
  if (row == self->name_row)
    kind = CHANGE_NAME;
  else if (row == self->short_id_row)
    kind = CHANGE_SHORT_ID;
  else if (row == self->shortcut_row)
    kind = CHANGE_SHORTCUT;
  else
    kind = CHANGE_COLOR;
  apply_change (self, self->form_id, kind, 0, text);
}

static void
on_entry_leave (GtkEventControllerFocus *controller,
                PlCodebookEditor        *self)
{
  commit_entry (self, ADW_ENTRY_ROW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller))));
}

static void
on_text_leave (GtkEventControllerFocus *controller,
               PlCodebookEditor        *self)
{
  GtkWidget *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  g_autofree char *text = NULL;

  if (self->updating || self->form_id == 0)
    return;
  text = text_view_dup (GTK_TEXT_VIEW (view));
  for (guint i = 0; i < N_TEXTS; i++)
    if (GTK_WIDGET (self->texts[i]) == view)
      apply_change (self, self->form_id, CHANGE_TEXT, text_fields[i].field, text);
}

static void
on_folder_toggled (PlCodebookEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->form_id == 0)
    return;
  if (!report (self, pl_codebook_set_codable (self->codebook, self->form_id,
                                              !gtk_switch_get_active (self->folder_switch), &error), error))
    update_form (self);
}

static void
on_swatch_toggled (GtkToggleButton  *button,
                   PlCodebookEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "palette-index"));
  gint64 keep = self->current_id;

  if (self->updating || self->form_id == 0)
    return;
  if (gtk_toggle_button_get_active (button))
    {
      apply_change (self, self->form_id, CHANGE_COLOR, 0, pl_codebook_get_palette ()[index]);
      return;
    }

  /* The swatch of the code's own colour stays pressed. */
  self->current_id = self->form_id;
  update_form (self);
  self->current_id = keep;
}

/* Actions */

static PlCode *
require_code (PlCodebookEditor *self)
{
  PlCode *code = selected_code (self);

  if (code == NULL)
    show_toast (self, _("Select a code first."), FALSE);
  return code;
}

/* "New code", "New code 2", … : a name no sibling has. */
static char *
unique_name (PlCodebookEditor *self,
             gint64            parent_id)
{
  g_autoptr(GPtrArray) siblings = children_of (self, parent_id, 0);

  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (_("New code")) : g_strdup_printf (_("New code %u"), n);
      gboolean taken = FALSE;

      for (guint i = 0; i < siblings->len && !taken; i++)
        taken = g_utf8_collate (pl_code_get_name (g_ptr_array_index (siblings, i)), name) == 0;
      if (!taken)
        return g_steal_pointer (&name);
    }
}

static void
add_code (PlCodebookEditor *self,
          gboolean          child)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PlCode *selected = selected_code (self);
  PlCodeSpec spec = { .codable = TRUE };
  int position = -1;
  PlCode *code;

  if (child)
    spec.parent_id = pl_code_get_id (selected);
  else if (selected != NULL)
    {
      g_autoptr(GPtrArray) siblings = children_of (self, pl_code_get_parent_id (selected), 0);

      spec.parent_id = pl_code_get_parent_id (selected);
      for (guint i = 0; i < siblings->len; i++)
        if (g_ptr_array_index (siblings, i) == selected)
          position = i + 1;
    }

  name = unique_name (self, spec.parent_id);
  spec.name = name;
  code = pl_codebook_add_code (self->codebook, &spec, position, &error);
  if (!report (self, code != NULL, error))
    return;

  select_id (self, pl_code_get_id (code));
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
add_code_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  add_code (PL_CODEBOOK_EDITOR (widget), FALSE);
}

static void
add_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);

  if (require_code (self) != NULL)
    add_code (self, TRUE);
}

static void
select_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  PlCode *code = find_by_guid (self, g_variant_get_string (parameter, NULL));

  select_id (self, code != NULL ? pl_code_get_id (code) : 0);
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const struct
  {
    const char      *action;
    ChangeKind       kind;
    PlCodebookField  field;
  } changes[] = {
    { "editor.rename", CHANGE_NAME, 0 },
    { "editor.set-short-id", CHANGE_SHORT_ID, 0 },
    { "editor.set-shortcut", CHANGE_SHORTCUT, 0 },
    { "editor.set-color", CHANGE_COLOR, 0 },
    { "editor.set-definition", CHANGE_TEXT, PL_CODEBOOK_FIELD_DEFINITION },
    { "editor.set-inclusion", CHANGE_TEXT, PL_CODEBOOK_FIELD_INCLUSION },
    { "editor.set-exclusion", CHANGE_TEXT, PL_CODEBOOK_FIELD_EXCLUSION },
    { "editor.set-example", CHANGE_TEXT, PL_CODEBOOK_FIELD_EXAMPLE },
  };
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  PlCode *code = require_code (self);

  if (code == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    if (g_str_equal (changes[i].action, action_name))
      apply_change (self, pl_code_get_id (code), changes[i].kind, changes[i].field,
                    g_variant_get_string (parameter, NULL));
}

static void
set_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  PlCode *code = require_code (self);

  if (code != NULL)
    report (self, pl_codebook_set_codable (self->codebook, pl_code_get_id (code),
                                           !g_variant_get_boolean (parameter), &error), error);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  PlCode *code = require_code (self);
  PlCodebookStep step;

  if (code == NULL)
    return;
  if (g_str_equal (action_name, "editor.move-up"))
    step = PL_CODEBOOK_STEP_UP;
  else if (g_str_equal (action_name, "editor.move-down"))
    step = PL_CODEBOOK_STEP_DOWN;
  else if (g_str_equal (action_name, "editor.move-in"))
    step = PL_CODEBOOK_STEP_IN;
  else
    step = PL_CODEBOOK_STEP_OUT;
  report (self, pl_codebook_step (self->codebook, pl_code_get_id (code), step, &error), error);
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static void
move_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 code_id, parent_id;
  int position;

  g_variant_get (parameter, "(xxi)", &code_id, &parent_id, &position);
  if (report (self, pl_codebook_move (self->codebook, code_id, parent_id, position, &error), error))
    select_id (self, code_id);
}

static void
merge_into (PlCodebookEditor *self,
            PlCode           *target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *source_name = NULL;
  PlCode *source = require_code (self);
  gint64 target_id;
  guint moved = 0, collapsed = 0;

  if (source == NULL || target == NULL)
    return;
  source_name = g_strdup (pl_code_get_name (source));
  target_id = pl_code_get_id (target);
  if (!report (self, pl_codebook_merge (self->codebook, pl_code_get_id (source), target_id,
                                        &moved, &collapsed, &error), error))
    return;

  if (collapsed > 0)
    message = g_strdup_printf (_("Merged “%s” into “%s”: %u annotations moved, %u duplicates kept as one"),
                               source_name, pl_code_get_name (find_code (self, target_id)), moved, collapsed);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Merged “%s” into “%s”: %u annotation moved",
                                            "Merged “%s” into “%s”: %u annotations moved", moved),
                               source_name, pl_code_get_name (find_code (self, target_id)), moved);
  show_toast (self, message, TRUE);
  select_id (self, target_id);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  PlCode *target = find_by_guid (self, g_variant_get_string (parameter, NULL));

  gtk_popover_popdown (self->merge_popover);
  if (target == NULL)
    {
      show_toast (self, _("There is no such code to merge into."), FALSE);
      return;
    }
  merge_into (self, target);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gboolean undo = g_str_equal (action_name, "editor.undo");
  g_autofree char *label = undo ? pl_project_dup_undo_label (self->project) : pl_project_dup_redo_label (self->project);
  gboolean ok = undo ? pl_project_undo (self->project, &error) : pl_project_redo (self->project, &error);

  if (report (self, ok || error == NULL, error) && ok && label != NULL)
    {
      g_autofree char *message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), label);

      show_toast (self, message, FALSE);
    }
}

/* Delete */

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PlCodebookEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 *stored = g_object_get_data (G_OBJECT (dialog), "code-id");
  gint64 code_id = stored != NULL ? *stored : 0;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  PlCode *code = find_code (self, code_id);
  gint64 next = 0;
  guint n = 0;

  if (!g_str_equal (response, "delete") || code == NULL)
    return;

  /* Afterwards the selection goes to the code after it, else the one before. */
  {
    g_autoptr(GPtrArray) siblings = children_of (self, pl_code_get_parent_id (code), 0);

    for (guint i = 0; i < siblings->len; i++)
      if (g_ptr_array_index (siblings, i) == code)
        {
          PlCode *neighbour = i + 1 < siblings->len ? g_ptr_array_index (siblings, i + 1)
                            : i > 0 ? g_ptr_array_index (siblings, i - 1) : NULL;

          next = neighbour != NULL ? pl_code_get_id (neighbour) : pl_code_get_parent_id (code);
        }
  }

  name = g_strdup (pl_code_get_name (code));
  if (!report (self, pl_codebook_delete (self->codebook, code_id, &n, &error), error))
    return;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted “%s” and %u annotation",
                                          "Deleted “%s” and %u annotations", n), name, n);
  show_toast (self, message, TRUE);
  select_id (self, next);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  PlCode *code = require_code (self);
  g_autofree char *heading = NULL;
  g_autofree char *annotations = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n_codes, n_annotations;

  if (code == NULL)
    return;

  n_codes = pl_codebook_count_codes (self->codebook, pl_code_get_id (code));
  n_annotations = pl_codebook_count_annotations (self->codebook, pl_code_get_id (code));
  heading = g_strdup_printf (_("Delete “%s”?"), pl_code_get_name (code));
  annotations = n_annotations > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation will be deleted with it.",
                                    "%u annotations will be deleted with it.", n_annotations), n_annotations)
    : g_strdup (_("No annotation uses it."));
  if (n_codes > 1)
    body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Its %u sub-code goes too. %s You can undo this.",
                                         "Its %u sub-codes go too. %s You can undo this.", n_codes - 1),
                            n_codes - 1, annotations);
  else
    body = g_strdup_printf (_("%s You can undo this."), annotations);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "code-id",
                          g_memdup2 (&(gint64) { pl_code_get_id (code) }, sizeof (gint64)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Split */

typedef struct
{
  PlCodebookEditor *editor;
  PlCodebookSplit  *split;
  gint64            source_id;
  GtkStringList    *targets;       /* "Stays", then the new codes */
  GtkStringList    *new_codes;     /* the new codes, for rules */
  GPtrArray        *names;         /* char*: the new codes' names */
  GPtrArray        *dropdowns;     /* GtkDropDown per annotation, in annotation order */
  GtkListBox       *codes_list;
  GtkDropDown      *regex_target;
  GtkDropDown      *speaker_target;
  AdwEntryRow      *regex_row;
  AdwEntryRow      *speaker_row;
  AdwToastOverlay  *toasts;
  gboolean          updating;
} SplitState;

static void
split_state_free (SplitState *state)
{
  g_clear_pointer (&state->split, pl_codebook_split_free);
  g_clear_object (&state->targets);
  g_clear_object (&state->new_codes);
  g_clear_pointer (&state->names, g_ptr_array_unref);
  g_clear_pointer (&state->dropdowns, g_ptr_array_unref);
  g_free (state);
}

static SplitState *
split_state (GtkWidget *window)
{
  return g_object_get_data (G_OBJECT (window), "split-state");
}

static void
split_toast (SplitState *state,
             const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (state->toasts, adw_toast_new (escaped));
}

/* The dropdowns show what the split now assigns. */
static void
split_sync (SplitState *state)
{
  GPtrArray *annotations = pl_codebook_split_get_annotations (state->split);

  state->updating = TRUE;
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);

      gtk_drop_down_set_selected (g_ptr_array_index (state->dropdowns, i),
                                  pl_codebook_split_get_target (state->split, annotation->guid) + 1);
    }
  state->updating = FALSE;
}

static void
split_add_code (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SplitState *state = user_data;
  g_autofree char *name = g_strstrip (g_strdup (g_variant_get_string (parameter, NULL)));
  PlCodeSpec spec = { .name = name, .codable = TRUE };
  GtkWidget *row;

  if (name[0] == '\0')
    return;
  for (guint i = 0; i < state->names->len; i++)
    if (g_utf8_collate (g_ptr_array_index (state->names, i), name) == 0)
      {
        split_toast (state, _("There is a new code of that name already."));
        return;
      }

  pl_codebook_split_add_code (state->split, &spec);
  g_ptr_array_add (state->names, g_strdup (name));
  gtk_string_list_append (state->targets, name);
  gtk_string_list_append (state->new_codes, name);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_list_box_append (state->codes_list, row);
  gtk_widget_set_visible (GTK_WIDGET (state->codes_list), TRUE);
  if (gtk_drop_down_get_selected (state->regex_target) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (state->regex_target, 0);
  if (gtk_drop_down_get_selected (state->speaker_target) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (state->speaker_target, 0);
}

static void
split_assign_rule (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  SplitState *state = user_data;
  g_autoptr(GError) error = NULL;
  const char *text;
  guint target;
  int matched;

  g_variant_get (parameter, "(&su)", &text, &target);
  if (g_str_equal (g_action_get_name (G_ACTION (action)), "assign-regex"))
    matched = pl_codebook_split_assign_by_regex (state->split, text, target, &error);
  else
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        g_strstrip (parts[i]);
      matched = pl_codebook_split_assign_by_speaker (state->split, (const char * const *) parts, target, &error);
    }

  if (matched < 0)
    split_toast (state, error->message);
  else
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d annotation assigned",
                                                               "%d annotations assigned", matched), matched);

      split_toast (state, message);
    }
  split_sync (state);
}

static void
split_assign (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SplitState *state = user_data;
  g_autoptr(GError) error = NULL;
  const char *guid;
  int target;

  g_variant_get (parameter, "(&si)", &guid, &target);
  if (!pl_codebook_split_assign (state->split, guid, target, &error))
    split_toast (state, error->message);
  split_sync (state);
}

static void
split_apply (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  SplitState *state = user_data;
  PlCodebookEditor *self = state->editor;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = self->split_window;
  GVariant *children, *retire;
  g_autofree char *message = NULL;
  PlCode *source = find_code (self, state->source_id);

  children = g_action_group_get_action_state (G_ACTION_GROUP (g_object_get_data (G_OBJECT (window), "split-group")), "children");
  retire = g_action_group_get_action_state (G_ACTION_GROUP (g_object_get_data (G_OBJECT (window), "split-group")), "retire");
  pl_codebook_split_set_placement (state->split, g_variant_get_boolean (children)
                                   ? PL_CODEBOOK_SPLIT_CHILDREN : PL_CODEBOOK_SPLIT_SIBLINGS);
  pl_codebook_split_set_retire_source (state->split, g_variant_get_boolean (retire));
  g_variant_unref (children);
  g_variant_unref (retire);

  message = g_strdup_printf (_("Split “%s”"), source != NULL ? pl_code_get_name (source) : "");
  if (!pl_codebook_split_apply (state->split, NULL, &error))
    {
      split_toast (state, error->message);
      return;
    }
  show_toast (self, message, TRUE);
  select_id (self, state->source_id);
  gtk_window_destroy (window);
}

static void
on_split_dropdown (GtkDropDown *dropdown,
                   GParamSpec  *pspec,
                   SplitState  *state)
{
  const char *guid = g_object_get_data (G_OBJECT (dropdown), "annotation-guid");
  g_autoptr(GError) error = NULL;

  if (state->updating)
    return;
  if (!pl_codebook_split_assign (state->split, guid, (int) gtk_drop_down_get_selected (dropdown) - 1, &error))
    split_toast (state, error->message);
}

static void
on_split_name (AdwEntryRow *row,
               GtkWidget   *window)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (row));

  pl_widget_activate_action (window, "split.add-code", "s", name);
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
on_split_rule (AdwEntryRow *row,
               GtkWidget   *window)
{
  SplitState *state = split_state (window);
  GtkDropDown *target = row == state->regex_row ? state->regex_target : state->speaker_target;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  if (gtk_drop_down_get_selected (target) == GTK_INVALID_LIST_POSITION || state->names->len == 0)
    {
      split_toast (state, _("Add a new code first."));
      return;
    }
  pl_widget_activate_action (window, row == state->regex_row ? "split.assign-regex" : "split.assign-speaker",
                             "(su)", text, gtk_drop_down_get_selected (target));
}

static GtkWidget *
rule_row (SplitState   *state,
          GtkWidget    *window,
          const char   *title,
          const char   *accessible,
          GtkDropDown **out_target)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (state->new_codes)), NULL);
  g_autofree char *target_label = g_strdup_printf (_("New code for: %s"), accessible);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, target_label, -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), dropdown);
  g_signal_connect (row, "apply", G_CALLBACK (on_split_rule), window);
  *out_target = GTK_DROP_DOWN (dropdown);
  return row;
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) group = NULL;
  g_autofree char *title = NULL;
  g_autofree char *stay = NULL;
  g_autofree char *codes_description = NULL;
  g_autofree char *annotations_description = NULL;
  PlCode *code = require_code (self);
  const GActionEntry entries[] = {
    { "add-code", split_add_code, "s" },
    { "assign-regex", split_assign_rule, "(su)" },
    { "assign-speaker", split_assign_rule, "(su)" },
    { "assign", split_assign, "(si)" },
    { "children", NULL, NULL, "true" },
    { "retire", NULL, NULL, "false" },
    { "apply", split_apply },
  };
  SplitState *state;
  GtkWidget *window, *box, *header, *cancel, *apply, *page, *group_widget, *row, *toggle, *list;
  GPtrArray *annotations;

  if (code == NULL)
    return;
  if (self->split_window != NULL)
    {
      gtk_window_present (self->split_window);
      return;
    }

  state = g_new0 (SplitState, 1);
  state->editor = self;
  state->source_id = pl_code_get_id (code);
  state->split = pl_codebook_split_new (self->codebook, pl_code_get_id (code), &error);
  if (state->split == NULL)
    {
      report (self, FALSE, error);
      split_state_free (state);
      return;
    }
  stay = g_strdup_printf (_("Stays with “%s”"), pl_code_get_name (code));
  state->targets = gtk_string_list_new ((const char *[]) { stay, NULL });
  state->new_codes = gtk_string_list_new (NULL);
  state->names = g_ptr_array_new_with_free_func (g_free);
  state->dropdowns = g_ptr_array_new ();

  title = g_strdup_printf (_("Split “%s”"), pl_code_get_name (code));
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 680);
  g_object_set_data_full (G_OBJECT (window), "split-state", state, (GDestroyNotify) split_state_free);

  group = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), state);
  gtk_widget_insert_action_group (window, "split", G_ACTION_GROUP (group));
  g_object_set_data_full (G_OBJECT (window), "split-group", g_object_ref (group), g_object_unref);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  apply = gtk_button_new_with_mnemonic (_("_Split"));
  gtk_widget_add_css_class (apply, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (apply), "split.apply");
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), apply);
  gtk_box_append (GTK_BOX (box), header);

  state->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (state->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (state->toasts));
  page = adw_preferences_page_new ();
  adw_toast_overlay_set_child (state->toasts, page);

  /* The new codes */
  group_widget = adw_preferences_group_new ();
  codes_description = g_strdup_printf (_("Annotations you do not assign stay with “%s”."), pl_code_get_name (code));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group_widget), _("New Codes"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group_widget), codes_description);
  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Name of a New Code"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (on_split_name), window);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), row);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 12);
  gtk_widget_set_visible (list, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New codes"), -1);
  state->codes_list = GTK_LIST_BOX (list);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), list);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group_widget));

  /* Placement */
  group_widget = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group_widget), _("Placement"));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("As Sub-Codes"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Off: the new codes become its siblings"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "split.children");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Make the new codes sub-codes"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), row);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Retire the Code"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("Make it a folder (sub-codes) or delete it (siblings); every annotation must be assigned"));
  toggle = gtk_switch_new ();
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (toggle), "split.retire");
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Retire the code"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group_widget));

  /* Rules */
  group_widget = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group_widget), _("Assign by Rule"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group_widget),
                                         _("Each rule assigns every annotation it matches to the new code beside it; a later rule wins."));
  row = rule_row (state, window, _("Coded Text Matches (Regular Expression)"),
                  _("Assign annotations whose coded text matches a regular expression"), &state->regex_target);
  state->regex_row = ADW_ENTRY_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), row);
  row = rule_row (state, window, _("Speaker Is (Names, Comma-Separated)"),
                  _("Assign annotations made in statements of these speakers"), &state->speaker_target);
  state->speaker_row = ADW_ENTRY_ROW (row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group_widget));

  /* One by one */
  annotations = pl_codebook_split_get_annotations (state->split);
  annotations_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                                          annotations->len), annotations->len);
  group_widget = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group_widget), _("Annotations"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group_widget), annotations_description);
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);
      PlDocument *document = pl_project_find_document (self->project, annotation->document_id);
      PlCoder *coder = pl_project_find_coder (self->project, annotation->coder_id);
      g_autofree char *text = pl_project_dup_annotation_text (self->project, annotation, NULL);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", document != NULL ? pl_document_get_title (document) : "",
                                                   coder != NULL ? coder->name : "");
      g_autofree char *accessible = NULL;
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (state->targets)), NULL);

      if (text != NULL && g_utf8_strlen (text, -1) > 160)
        {
          char *cut = g_utf8_substring (text, 0, 160);

          g_free (text);
          text = g_strconcat (cut, "…", NULL);
          g_free (cut);
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text != NULL ? text : "");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      accessible = g_strdup_printf (_("New code for the annotation “%s”"), text != NULL ? text : "");
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data_full (G_OBJECT (dropdown), "annotation-guid", g_strdup (annotation->guid), g_free);
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_split_dropdown), state);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      g_ptr_array_add (state->dropdowns, dropdown);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group_widget), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group_widget));

  adw_window_set_content (ADW_WINDOW (window), box);
  g_set_weak_pointer (&self->split_window, GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

/* Merge popover */

static gboolean
merge_filter_func (gpointer item,
                   gpointer user_data)
{
  PlCodebookEditor *self = user_data;
  PlCode *code = item;
  PlCode *selected = selected_code (self);
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->merge_search));
  g_autofree char *needle = NULL;
  g_autofree char *path = NULL;

  if (selected == NULL || is_within (self, code, selected))
    return FALSE;
  if (search == NULL || search[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (search, -1);
  path = g_utf8_casefold (pl_code_get_path (code), -1);
  return strstr (path, needle) != NULL
         || (pl_code_get_short_id (code) != NULL && g_ascii_strncasecmp (pl_code_get_short_id (code), search, strlen (search)) == 0);
}

static void
setup_merge_row (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_list_item_set_child (item, label);
}

static void
bind_merge_row (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  PlCode *code = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = pl_code_get_short_id (code) != NULL
    ? g_strdup_printf ("%s  %s", pl_code_get_short_id (code), pl_code_get_path (code))
    : g_strdup (pl_code_get_path (code));

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
on_merge_activate (GtkListView      *list,
                   guint             position,
                   PlCodebookEditor *self)
{
  g_autoptr(PlCode) target = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)), position);

  if (target != NULL)
    pl_widget_activate_action (GTK_WIDGET (self), "editor.merge", "s", pl_code_get_guid (target));
}

static void
on_merge_search (PlCodebookEditor *self)
{
  gtk_filter_changed (GTK_FILTER (self->merge_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_merge_shown (PlCodebookEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->merge_search), "");
  gtk_filter_changed (GTK_FILTER (self->merge_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* The change log */

static void
fill_log (PlCodebookEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *summary = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->log_list))) != NULL)
    gtk_list_box_remove (self->log_list, child);
  if (self->project == NULL)
    return;

  log = pl_codebook_list_log (self->codebook, &error);
  if (log == NULL)
    {
      show_toast (self, error->message, FALSE);
      return;
    }

  summary = g_strdup_printf (_("The codebook is at version %u. A merge, split, deletion, move to another "
                               "parent or change to a folder starts a new version; every annotation "
                               "records the version it was made under."),
                             pl_codebook_get_version (self->codebook));
  gtk_label_set_text (self->log_summary, summary);

  for (guint i = log->len; i > 0; i--)
    {
      PlCodebookLogEntry *entry = g_ptr_array_index (log, i - 1);
      g_autofree char *subtitle = NULL;
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (entry->created, NULL);
      g_autoptr(GDateTime) local = when != NULL ? g_date_time_to_local (when) : NULL;
      g_autofree char *date = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (entry->created);
      GtkWidget *row = adw_action_row_new ();

      if (entry->coder != NULL)
        subtitle = g_strdup_printf (_("Version %u · %s · %s"), entry->version, date, entry->coder);
      else
        subtitle = g_strdup_printf (_("Version %u · %s"), entry->version, date);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->summary);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_append (self->log_list, row);
    }

  if (log->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes yet"));
      gtk_list_box_append (self->log_list, row);
    }
}

static void
set_show_log (PlCodebookEditor *self,
              gboolean          show)
{
  if (self->show_log == !!show)
    return;
  self->show_log = !!show;
  if (show)
    fill_log (self);
  update_form (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LOG]);
}

/* Import and export */

static void
on_import_response (AdwMessageDialog     *dialog,
                    const char           *response,
                    PlCodebookEditor     *self)
{
  PlCodebookImportPlan *plan = g_object_get_data (G_OBJECT (dialog), "plan");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "apply") || plan == NULL)
    return;
  if (report (self, pl_codebook_import_apply (plan, &error), error))
    show_toast (self, _("Codebook imported"), TRUE);
}

void
pl_codebook_editor_import_file (PlCodebookEditor *self,
                                GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PlCodebookImportPlan) plan = NULL;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *details = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scrolled, *label;
  guint n_new, n_changed;

  g_return_if_fail (PL_IS_CODEBOOK_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  plan = pl_codebook_import_plan (self->codebook, file, NULL, &error);
  if (!report (self, plan != NULL, error))
    return;

  name = g_file_get_basename (file);
  n_new = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_NEW);
  n_changed = pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_CHANGED);
  if (n_new + n_changed == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Nothing to import: the codebook already has every code of “%s”."), name);

      show_toast (self, message, FALSE);
      return;
    }

  heading = g_strdup_printf (_("Import “%s”?"), name);
  body = g_strdup_printf (_("%u new codes, %u changed, %u unchanged. Codes are matched by GUID, then by "
                            "their path. You can undo the import."),
                          n_new, n_changed, pl_codebook_import_plan_count (plan, PL_CODEBOOK_PLAN_UNCHANGED));
  details = pl_codebook_import_plan_describe (plan);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  label = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "caption");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL, _("What the import changes"), -1);
  adw_message_dialog_set_extra_child (dialog, scrolled);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "apply", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "plan", g_steal_pointer (&plan),
                          (GDestroyNotify) pl_codebook_import_plan_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response), self, 0);
  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
pl_codebook_editor_export_file (PlCodebookEditor *self,
                                PlCodebookFormat  format,
                                GFile            *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!report (self, pl_codebook_export (self->project, format, file, NULL, &error), error))
    return FALSE;
  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Codebook exported to “%s”"), name);
  show_toast (self, message, FALSE);
  return TRUE;
}

static void
on_chooser_response (GtkNativeDialog  *chooser,
                     int               response,
                     PlCodebookEditor *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      const char *format = g_object_get_data (G_OBJECT (chooser), "format");
      PlCodebookFormat value;

      if (format != NULL && pl_codebook_format_from_string (format, &value))
        pl_codebook_editor_export_file (self, value, file);
      else if (format == NULL)
        pl_codebook_editor_import_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Codebooks (JSON, CSV, REFI-QDA)"));
  for (guint i = 0; i < 5; i++)
    {
      static const char *patterns[] = { "*.json", "*.csv", "*.qdc", "*.qde", "*.qdpx" };

      gtk_file_filter_add_pattern (filter, patterns[i]);
    }
  chooser = gtk_file_chooser_native_new (_("Import Codebook"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *title = pl_project_dup_title (self->project);
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  PlCodebookFormat value;

  if (!pl_codebook_format_from_string (format, &value))
    return;
  name = g_strdup_printf ("%s-codebook.%s", title, pl_codebook_format_get_extension (value));
  chooser = gtk_file_chooser_native_new (_("Export Codebook"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "format", g_strdup (format), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  g_clear_object (&self->chooser);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

/* The object */

static void
pl_codebook_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_LOG:
      g_value_set_boolean (value, self->show_log);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_codebook_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_LOG:
      set_show_log (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_codebook_editor_dispose (GObject *object)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (object);

  /* Fields losing the focus as the window goes have nothing to commit any more. */
  self->form_id = 0;
  self->updating = TRUE;

  if (self->css != NULL)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->css));
      g_clear_object (&self->css);
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->split_window != NULL)
    gtk_window_destroy (self->split_window);
  g_clear_weak_pointer (&self->split_window);
  g_clear_weak_pointer (&self->dialog);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  if (self->tree_view != NULL)
    gtk_list_view_set_model (self->tree_view, NULL);
  if (self->merge_list != NULL)
    gtk_list_view_set_model (self->merge_list, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->merge_filter);
  g_clear_pointer (&self->swatches, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CODEBOOK_EDITOR);

  G_OBJECT_CLASS (pl_codebook_editor_parent_class)->dispose (object);
}

static void
pl_codebook_editor_finalize (GObject *object)
{
  PlCodebookEditor *self = PL_CODEBOOK_EDITOR (object);

  g_clear_object (&self->codebook);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_codebook_editor_parent_class)->finalize (object);
}

static void
pl_codebook_editor_class_init (PlCodebookEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *changes[] = {
    "editor.rename", "editor.set-short-id", "editor.set-shortcut", "editor.set-color",
    "editor.set-definition", "editor.set-inclusion", "editor.set-exclusion", "editor.set-example",
  };
  static const char *moves[] = { "editor.move-up", "editor.move-down", "editor.move-in", "editor.move-out" };
  static const guint move_keys[] = { GDK_KEY_Up, GDK_KEY_Down, GDK_KEY_Right, GDK_KEY_Left };

  object_class->get_property = pl_codebook_editor_get_property;
  object_class->set_property = pl_codebook_editor_set_property;
  object_class->dispose = pl_codebook_editor_dispose;
  object_class->finalize = pl_codebook_editor_finalize;

  /* Whether the change log is shown instead of the selected code. */
  properties[PROP_SHOW_LOG] =
    g_param_spec_boolean ("show-log", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-codebook-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, merge_button);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, merge_popover);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, merge_search);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, merge_list);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, log_button);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, undo_button);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, redo_button);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, tree_view);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, short_id_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, shortcut_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, color_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, folder_switch);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, uses_label);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, palette_box);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, text_box);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, log_summary);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookEditor, log_list);

  gtk_widget_class_install_action (widget_class, "editor.add-code", NULL, add_code_action);
  gtk_widget_class_install_action (widget_class, "editor.add-child", NULL, add_child_action);
  gtk_widget_class_install_action (widget_class, "editor.select", "s", select_action);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    gtk_widget_class_install_action (widget_class, changes[i], "s", change_action);
  gtk_widget_class_install_action (widget_class, "editor.set-folder", "b", set_folder_action);
  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      gtk_widget_class_install_action (widget_class, moves[i], NULL, move_action);
      gtk_widget_class_add_binding_action (widget_class, move_keys[i], GDK_ALT_MASK, moves[i], NULL);
    }
  gtk_widget_class_install_action (widget_class, "editor.move-code", "(xxi)", move_code_action);
  gtk_widget_class_install_action (widget_class, "editor.merge", "s", merge_action);
  gtk_widget_class_install_action (widget_class, "editor.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "editor.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.redo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "editor.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "editor.export", "s", export_action);
  gtk_widget_class_install_property_action (widget_class, "editor.show-log", "show-log");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "editor.add-code", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.add-child", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "editor.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "editor.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "editor.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
add_focus_commit (GtkWidget  *widget,
                  GCallback   callback,
                  gpointer    data)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", callback, data);
  gtk_widget_add_controller (widget, focus);
}

static void
pl_codebook_editor_init (PlCodebookEditor *self)
{
  const char * const *palette = pl_codebook_get_palette ();
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkListItemFactory) merge_factory = NULL;
  AdwEntryRow *entries[4];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_css),
                           self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->tree_view, factory);

  merge_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (merge_factory, "setup", G_CALLBACK (setup_merge_row), NULL);
  g_signal_connect (merge_factory, "bind", G_CALLBACK (bind_merge_row), NULL);
  gtk_list_view_set_factory (self->merge_list, merge_factory);
  g_signal_connect_object (self->merge_list, "activate", G_CALLBACK (on_merge_activate), self, 0);
  g_signal_connect_object (self->merge_search, "search-changed", G_CALLBACK (on_merge_search), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->merge_popover, "show", G_CALLBACK (on_merge_shown), self, G_CONNECT_SWAPPED);

  entries[0] = self->name_row;
  entries[1] = self->short_id_row;
  entries[2] = self->shortcut_row;
  entries[3] = self->color_row;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_signal_connect_object (entries[i], "apply", G_CALLBACK (commit_entry), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (entries[i], "entry-activated", G_CALLBACK (commit_entry), self, G_CONNECT_SWAPPED);
      add_focus_commit (GTK_WIDGET (entries[i]), G_CALLBACK (on_entry_leave), self);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the code"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->short_id_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Short id of the code"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->shortcut_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shortcut key that applies the code"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color_row), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour as #RRGGBB"), -1);
  g_signal_connect_object (self->folder_switch, "notify::active", G_CALLBACK (on_folder_toggled), self, G_CONNECT_SWAPPED);

  self->swatches = g_ptr_array_new ();
  for (guint i = 0; palette[i] != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *light = gtk_label_new (NULL);
      GtkWidget *dark = gtk_label_new (NULL);
      g_autofree char *css_class = g_strdup_printf ("cbe-pal-%u", i);
      g_autofree char *label = NULL;

      gtk_widget_add_css_class (light, "cbe-half");
      gtk_widget_add_css_class (light, "light");
      gtk_widget_add_css_class (light, css_class);
      gtk_widget_add_css_class (dark, "cbe-half");
      gtk_widget_add_css_class (dark, "dark");
      gtk_widget_add_css_class (dark, css_class);
      gtk_box_append (GTK_BOX (box), light);
      gtk_box_append (GTK_BOX (box), dark);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "cbe-palette-button");
      gtk_widget_add_css_class (button, "flat");
      label = g_strdup_printf (_("Colour %u: %s (%s)"), i + 1, _(palette_names[i]), palette[i]);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (button), "palette-index", GUINT_TO_POINTER (i));
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_swatch_toggled), self, 0);
      gtk_flow_box_append (self->palette_box, button);
      g_ptr_array_add (self->swatches, button);
    }

  for (guint i = 0; i < N_TEXTS; i++)
    {
      GtkWidget *label = gtk_label_new (_(text_fields[i].title));
      GtkWidget *frame = gtk_frame_new (NULL);
      GtkWidget *view = gtk_text_view_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
      gtk_widget_set_size_request (view, -1, 56);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _(text_fields[i].accessible), -1);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
      gtk_frame_set_child (GTK_FRAME (frame), view);
      gtk_widget_add_css_class (frame, "cbe-text");
      gtk_widget_add_css_class (frame, "view");
      add_focus_commit (view, G_CALLBACK (on_text_leave), self);
      gtk_box_append (self->text_box, label);
      gtk_box_append (self->text_box, frame);
      self->texts[i] = GTK_TEXT_VIEW (view);
    }

  update_css (self);
}

static void
set_project (PlCodebookEditor *self,
             PlProject        *project)
{
  GListModel *codes = pl_project_get_codes (project);
  GtkFilterListModel *filtered;
  GtkNoSelection *merge_selection;

  self->project = g_object_ref (project);
  self->codebook = pl_codebook_new (project);

  self->selection = gtk_single_selection_new (g_object_ref (codes));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->tree_view, GTK_SELECTION_MODEL (self->selection));

  self->merge_filter = gtk_custom_filter_new (merge_filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (codes), GTK_FILTER (g_object_ref (self->merge_filter)));
  merge_selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  gtk_list_view_set_model (self->merge_list, GTK_SELECTION_MODEL (merge_selection));
  g_object_unref (merge_selection);

  g_signal_connect_object (project, "codes-changed", G_CALLBACK (on_codes_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (project, "history-changed", G_CALLBACK (on_history_changed), self, G_CONNECT_SWAPPED);

  if (g_list_model_get_n_items (codes) > 0)
    {
      g_autoptr(PlCode) first = g_list_model_get_item (codes, 0);

      select_id (self, pl_code_get_id (first));
    }
  else
    select_id (self, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

PlCodebookEditor *
pl_codebook_editor_new (GtkWindow *parent,
                        PlProject *project)
{
  PlCodebookEditor *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  self = g_object_new (PL_TYPE_CODEBOOK_EDITOR, "transient-for", parent, NULL);
  set_project (self, project);
  if (parent != NULL && PL_IS_WINDOW (parent) && pl_window_get_coder (PL_WINDOW (parent)) != NULL)
    pl_codebook_set_coder (self->codebook, pl_window_get_coder (PL_WINDOW (parent)));
  return self;
}

PlProject *
pl_codebook_editor_get_project (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return self->project;
}

PlCode *
pl_codebook_editor_get_selected (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return selected_code (self);
}

void
pl_codebook_editor_select (PlCodebookEditor *self,
                           PlCode           *code)
{
  g_return_if_fail (PL_IS_CODEBOOK_EDITOR (self));
  g_return_if_fail (code == NULL || PL_IS_CODE (code));

  select_id (self, code != NULL ? pl_code_get_id (code) : 0);
}

GtkListView *
pl_codebook_editor_get_list_view (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return self->tree_view;
}

AdwMessageDialog *
pl_codebook_editor_get_dialog (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return self->dialog;
}

GtkWindow *
pl_codebook_editor_get_split_window (PlCodebookEditor *self)
{
  g_return_val_if_fail (PL_IS_CODEBOOK_EDITOR (self), NULL);
  return self->split_window;
}
