/* pl-tagging-panel.c — the codebook beside the text: click a code to apply it
 *
 * Activating a row activates "win.apply-code" with the code's GUID; the window decides
 * what the selection is.  The panel only shows the codebook and filters it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-tagging-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-tagging-panel.h"
#include "pl-compat.h"

struct _PlTaggingPanel
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkLabel           *definition_title;
  GtkLabel           *definition_text;
  GtkLabel           *definition_cues;

  PlProject          *project;
  GtkSingleSelection *selection;
  GHashTable         *document_counts;  /* code id → count, or NULL */
  GHashTable         *count_labels;     /* code id → GtkLabel of bound rows */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  char               *filter_text;
};

G_DEFINE_FINAL_TYPE (PlTaggingPanel, pl_tagging_panel, GTK_TYPE_WIDGET)

static gboolean
match_code (gpointer item,
            gpointer user_data)
{
  PlTaggingPanel *self = user_data;

  return pl_code_matches (item, self->filter_text);
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

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *row, *swatch, *name, *short_id, *count, *shortcut;

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (row, "code-row");

  swatch = gtk_label_new (NULL);
  gtk_widget_add_css_class (swatch, "code-swatch");
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), swatch);

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
  gtk_label_set_width_chars (GTK_LABEL (count), 5);
  gtk_widget_set_tooltip_text (count, _("Uses in this document / in the whole project"));
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_box_append (GTK_BOX (row), count);

  shortcut = gtk_label_new (NULL);
  gtk_widget_add_css_class (shortcut, "keycap");
  gtk_box_append (GTK_BOX (row), shortcut);

  gtk_list_item_set_child (item, row);
}

static void
update_count_label (PlTaggingPanel *self,
                    PlCode         *code,
                    GtkLabel       *label)
{
  guint in_project = pl_code_get_n_annotations (code);
  guint in_document = pl_tagging_panel_get_document_count (self, code);
  g_autofree char *text = NULL;

  /* No per-change tooltip: on GTK 4.8 setting one costs a round trip to the X server. */
  if (self->document_counts != NULL)
    text = in_project > 0 ? g_strdup_printf ("%u / %u", in_document, in_project) : g_strdup ("");
  else
    text = in_project > 0 ? g_strdup_printf ("%u", in_project) : g_strdup ("");

  if (g_strcmp0 (gtk_label_get_text (label), text) != 0)
    gtk_label_set_text (label, text);
}

static void
update_count (PlCode     *code,
              GParamSpec *pspec,
              GtkLabel   *label)
{
  PlTaggingPanel *self = PL_TAGGING_PANEL (gtk_widget_get_ancestor (GTK_WIDGET (label), PL_TYPE_TAGGING_PANEL));

  if (self != NULL)
    update_count_label (self, code, label);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  PlTaggingPanel *self = user_data;
  PlCode *code = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (row);
  GtkWidget *name = gtk_widget_get_next_sibling (swatch);
  GtkWidget *short_id = gtk_widget_get_next_sibling (name);
  GtkWidget *count = gtk_widget_get_next_sibling (short_id);
  GtkWidget *shortcut = gtk_widget_get_next_sibling (count);
  g_autofree char *css_class = g_strdup_printf ("code-color-%" G_GINT64_FORMAT, pl_code_get_id (code));
  g_autofree char *label = NULL;
  const char *classes[] = { "code-swatch", css_class, NULL };
  gulong handler;

  gtk_widget_set_css_classes (swatch, classes);
  gtk_widget_set_margin_start (row, 16 * pl_code_get_depth (code));
  gtk_label_set_text (GTK_LABEL (name), pl_code_get_name (code));
  if (pl_code_get_depth (code) == 0)
    gtk_widget_add_css_class (name, "heading");
  else
    gtk_widget_remove_css_class (name, "heading");
  gtk_label_set_text (GTK_LABEL (short_id), pl_code_get_short_id (code) != NULL ? pl_code_get_short_id (code) : "");
  gtk_label_set_text (GTK_LABEL (shortcut), pl_code_get_shortcut (code) != NULL ? pl_code_get_shortcut (code) : "");
  gtk_widget_set_visible (shortcut, pl_code_get_shortcut (code) != NULL);
  gtk_widget_set_tooltip_text (row, pl_code_get_definition (code));
  gtk_widget_set_sensitive (row, pl_code_get_codable (code));

  update_count_label (self, code, GTK_LABEL (count));
  handler = g_signal_connect_object (code, "notify::n-annotations", G_CALLBACK (update_count), count, 0);
  g_object_set_data (G_OBJECT (item), "count-handler", GSIZE_TO_POINTER (handler));
  g_hash_table_insert (self->count_labels, g_memdup2 (&(gint64) { pl_code_get_id (code) }, sizeof (gint64)), count);

  if (pl_code_get_shortcut (code) != NULL)
    label = g_strdup_printf (_("Apply code “%s” (key %s)"), pl_code_get_path (code), pl_code_get_shortcut (code));
  else
    label = g_strdup_printf (_("Apply code “%s”"), pl_code_get_path (code));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  PlTaggingPanel *self = user_data;
  PlCode *code = gtk_list_item_get_item (item);
  gulong handler = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (item), "count-handler"));

  if (code != NULL)
    {
      gint64 id = pl_code_get_id (code);

      if (self->count_labels != NULL)
        g_hash_table_remove (self->count_labels, &id);
    }
  if (code != NULL && handler != 0)
    g_signal_handler_disconnect (code, handler);
  g_object_set_data (G_OBJECT (item), "count-handler", NULL);
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
      gtk_label_set_text (self->definition_text, _("Press / to find a code by typing. With nothing selected, a code applies to the whole statement."));
      gtk_widget_set_visible (GTK_WIDGET (self->definition_cues), FALSE);
      return;
    }

  title = pl_code_get_short_id (code) != NULL
    ? g_strdup_printf ("%s  %s", pl_code_get_short_id (code), pl_code_get_name (code))
    : g_strdup (pl_code_get_name (code));
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
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (PL_IS_TAGGING_PANEL (self));

  g_clear_pointer (&self->document_counts, g_hash_table_unref);
  self->document_counts = counts != NULL ? g_hash_table_ref (counts) : NULL;

  g_hash_table_iter_init (&iter, self->count_labels);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PlCode *code = self->project != NULL ? pl_project_find_code (self->project, *(gint64 *)key) : NULL;

      if (code != NULL)
        update_count_label (self, code, value);
    }
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

  gtk_filter_list_model_set_model (self->filtered,
                                   project != NULL ? pl_project_get_codes (project) : NULL);
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
  g_clear_object (&self->project);
  g_clear_pointer (&self->document_counts, g_hash_table_unref);


  G_OBJECT_CLASS (pl_tagging_panel_parent_class)->dispose (object);
}

static void
pl_tagging_panel_finalize (GObject *object)
{
  PlTaggingPanel *self = (PlTaggingPanel *)object;

  g_free (self->filter_text);
  g_clear_pointer (&self->count_labels, g_hash_table_unref);

  G_OBJECT_CLASS (pl_tagging_panel_parent_class)->finalize (object);
}

static void
pl_tagging_panel_class_init (PlTaggingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_tagging_panel_dispose;
  object_class->finalize = pl_tagging_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/plenary/Plenary/pl-tagging-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, definition_title);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, definition_text);
  gtk_widget_class_bind_template_child (widget_class, PlTaggingPanel, definition_cues);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "taggingpanel");
}

static void
pl_tagging_panel_init (PlTaggingPanel *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (match_code, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
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
  self->count_labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (on_search_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "activate",
                           G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
}

GtkWidget *
pl_tagging_panel_new (void)
{
  return g_object_new (PL_TYPE_TAGGING_PANEL, NULL);
}
