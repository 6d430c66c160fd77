/* pl-code-picker.c — type part of a code's name or id, press Enter: the code is chosen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-code-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-code-picker.h"
#include "pl-list-keys.h"
#include "pl-starter-names.h"

struct _PlCodePicker
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *entry;
  GtkListView        *list_view;

  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkCustomFilter    *filter;
  char               *query;
};

G_DEFINE_FINAL_TYPE (PlCodePicker, pl_code_picker, GTK_TYPE_POPOVER)

enum {
  CODE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
match (gpointer item,
       gpointer user_data)
{
  PlCodePicker *self = user_data;

  return pl_code_get_codable (item) && pl_code_matches (item, self->query);
}

void
pl_code_picker_set_query (PlCodePicker *self,
                          const char   *query)
{
  g_return_if_fail (PL_IS_CODE_PICKER (self));

  g_free (self->query);
  self->query = query != NULL ? g_utf8_casefold (query, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_single_selection_set_selected (self->selection, 0);
}

static void
on_search_changed (PlCodePicker *self)
{
  pl_code_picker_set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
choose (PlCodePicker *self,
        PlCode       *code)
{
  g_object_ref (code);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CODE_CHOSEN], 0, code);
  g_object_unref (code);
}

gboolean
pl_code_picker_choose (PlCodePicker *self)
{
  PlCode *code;

  g_return_val_if_fail (PL_IS_CODE_PICKER (self), FALSE);

  code = gtk_single_selection_get_selected_item (self->selection);
  if (code == NULL)
    return FALSE;
  choose (self, code);
  return TRUE;
}

static void
on_activate_entry (PlCodePicker *self)
{
  pl_code_picker_choose (self);
}

static void
on_activate_row (PlCodePicker *self,
                 guint         position)
{
  g_autoptr(PlCode) code = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (code != NULL)
    choose (self, code);
}

/* Up and Down move through the matches while the entry keeps the focus. */
static gboolean
on_entry_key (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              PlCodePicker          *self)
{
  return pl_list_keys_step (self->list_view, self->selection, keyval);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *path = gtk_label_new (NULL);
  GtkWidget *short_id = gtk_label_new (NULL);

  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (path), 0);
  gtk_label_set_ellipsize (GTK_LABEL (path), PANGO_ELLIPSIZE_START);
  gtk_widget_add_css_class (path, "dim-label");
  gtk_widget_add_css_class (path, "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_add_css_class (short_id, "dim-label");
  gtk_widget_add_css_class (short_id, "caption");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), path);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), short_id);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  PlCode *code = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_next_sibling (swatch);
  GtkWidget *short_id = gtk_widget_get_next_sibling (labels);
  GtkWidget *name = gtk_widget_get_first_child (labels);
  GtkWidget *path = gtk_widget_get_next_sibling (name);
  g_autofree char *css_class = g_strdup_printf ("code-color-%" G_GINT64_FORMAT, pl_code_get_id (code));
  const char *classes[] = { "code-swatch", css_class, NULL };

  gtk_widget_set_css_classes (swatch, classes);
  gtk_label_set_text (GTK_LABEL (name), pl_code_get_display_name (code));
  gtk_label_set_text (GTK_LABEL (path), pl_code_get_path (code));
  gtk_label_set_text (GTK_LABEL (short_id), pl_code_get_short_id (code) != NULL ? pl_code_get_short_id (code) : "");
}

void
pl_code_picker_set_project (PlCodePicker *self,
                            PlProject    *project)
{
  g_return_if_fail (PL_IS_CODE_PICKER (self));

  gtk_filter_list_model_set_model (self->filtered, project != NULL ? pl_project_get_codes (project) : NULL);
}

void
pl_code_picker_start (PlCodePicker *self)
{
  g_return_if_fail (PL_IS_CODE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  pl_code_picker_set_query (self, NULL);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

GListModel *
pl_code_picker_get_model (PlCodePicker *self)
{
  g_return_val_if_fail (PL_IS_CODE_PICKER (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

static void
pl_code_picker_dispose (GObject *object)
{
  PlCodePicker *self = (PlCodePicker *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CODE_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);

  G_OBJECT_CLASS (pl_code_picker_parent_class)->dispose (object);
}

static void
pl_code_picker_finalize (GObject *object)
{
  g_free (PL_CODE_PICKER (object)->query);

  G_OBJECT_CLASS (pl_code_picker_parent_class)->finalize (object);
}

static void
pl_code_picker_class_init (PlCodePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_code_picker_dispose;
  object_class->finalize = pl_code_picker_finalize;

  /**
   * PlCodePicker::code-chosen:
   * @code: the PlCode chosen
   */
  signals[CODE_CHOSEN] =
    g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PL_TYPE_CODE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-code-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCodePicker, entry);
  gtk_widget_class_bind_template_child (widget_class, PlCodePicker, list_view);
}

static void
pl_code_picker_init (PlCodePicker *self)
{
  GtkListItemFactory *factory;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (match, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);

  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (on_activate_entry), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_activate_row), self, G_CONNECT_SWAPPED);
}

GtkWidget *
pl_code_picker_new (void)
{
  return g_object_new (PL_TYPE_CODE_PICKER, NULL);
}
