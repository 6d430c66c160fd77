/* pl-segments-view.c — code-and-retrieve in the sidebar: the segments of some codes
 *
 * Retrieval runs in the window's thread whenever the codes or filters change (it takes
 * well under a tenth of a second on a large project) and again a moment after the project
 * commits a change, so the list follows the coding.  The list's items are the hits'
 * positions as strings (a GListModel needs objects; a hit is a boxed record).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-segments-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pl-place-row.h"
#include "pl-save-file.h"
#include "pl-segments-view.h"
#include "pl-starter-names.h"

/* How long after a commit the list is retrieved again (one coding burst, one retrieval). */
#define REFRESH_DELAY_MS 400

struct _PlSegmentsView
{
  GtkWidget        parent_instance;

  GtkMenuButton   *codes_button;
  GtkLabel        *codes_label;
  PlCodesPopover  *codes_popover;
  GtkMenuButton   *filters_button;
  PlFilterPopover *filter_popover;
  GtkWidget       *cell_banner;
  GtkLabel        *cell_title;
  GtkButton       *cell_close;
  GtkLabel        *status_label;
  GtkStack        *stack;
  GtkListView     *list_view;

  PlProject       *project;
  GPtrArray       *hits;       /* PlRetrieveHit */
  GtkStringList   *items;      /* positions in hits */
  gboolean         showing_cell;
  guint            refresh_source;
};

G_DEFINE_FINAL_TYPE (PlSegmentsView, pl_segments_view, GTK_TYPE_WIDGET)

enum
{
  OPEN_PLACE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Showing hits */

static guint
count_statements (GPtrArray *hits)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      PlRetrieveHit *hit = g_ptr_array_index (hits, i);

      if (hit->statement_index > 0)
        g_hash_table_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT ":%u", hit->document_id, hit->statement_index));
    }
  return g_hash_table_size (seen);
}

static void
set_hits (PlSegmentsView *self,
          GPtrArray      *hits)
{
  g_autoptr(GPtrArray) positions = g_ptr_array_new_with_free_func (g_free);
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  gboolean has_hits = hits != NULL && hits->len > 0;

  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->hits = hits != NULL ? g_ptr_array_ref (hits) : g_ptr_array_new_with_free_func ((GDestroyNotify) pl_retrieve_hit_unref);

  for (guint i = 0; i < self->hits->len; i++)
    g_ptr_array_add (positions, g_strdup_printf ("%u", i));
  g_ptr_array_add (positions, NULL);
  gtk_string_list_splice (self->items, 0, n_old, (const char * const *) positions->pdata);

  if (has_hits)
    {
      guint n_statements = count_statements (self->hits);
      g_autofree char *segments = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", self->hits->len),
                                                   self->hits->len);
      /* Translators: "12 segments in 9 statements" */
      g_autofree char *status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %u statement", "%s in %u statements",
                                                              n_statements),
                                                 segments, n_statements);

      gtk_label_set_text (self->status_label, status);
    }
  else
    gtk_label_set_text (self->status_label, "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.export-csv", has_hits);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "segments.copy-citations", has_hits);
}

static void
update_buttons (PlSegmentsView *self)
{
  g_autofree char *codes = pl_codes_popover_dup_summary (self->codes_popover);
  g_autofree char *filters = pl_filter_popover_dup_summary (self->filter_popover);
  guint n_filters = pl_filter_popover_get_n_active (self->filter_popover);
  g_autofree char *filters_label = n_filters > 0 ? g_strdup_printf (_("Filters (%u)"), n_filters)
                                                 : g_strdup (_("Filters"));

  gtk_label_set_text (self->codes_label, codes != NULL ? codes : _("Choose Codes…"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->codes_button), codes != NULL ? codes : _("Codes to Retrieve"));
  gtk_menu_button_set_label (self->filters_button, filters_label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filters_button),
                               filters != NULL ? filters : _("Narrow by Speaker, Document, Date, Coder or Stance"));
}

void
pl_segments_view_refresh (PlSegmentsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  PlRetrieveSpec spec = { 0 };
  PlQueryFilter filter = { 0 };

  g_return_if_fail (PL_IS_SEGMENTS_VIEW (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  update_buttons (self);
  if (self->showing_cell)
    return;

  pl_codes_popover_get_spec (self->codes_popover, &spec);
  if (self->project == NULL || spec.code_ids == NULL)
    {
      set_hits (self, NULL);
      gtk_stack_set_visible_child_name (self->stack, "start");
      g_clear_pointer (&spec.not_code_ids, g_array_unref);
      return;
    }

  pl_filter_popover_get_filter (self->filter_popover, &filter);
  spec.filter = &filter;
  hits = pl_retrieve (self->project, &spec, &error);
  g_clear_pointer (&spec.code_ids, g_array_unref);
  g_clear_pointer (&spec.not_code_ids, g_array_unref);
  pl_query_filter_clear (&filter);

  if (hits == NULL)
    {
      set_hits (self, NULL);
      adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->stack, "none")),
                                       error->message);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  adw_status_page_set_description (ADW_STATUS_PAGE (gtk_stack_get_child_by_name (self->stack, "none")),
                                   _("Nothing is coded with these codes in the statements the filters keep."));
  set_hits (self, hits);
  gtk_stack_set_visible_child_name (self->stack, hits->len > 0 ? "hits" : "none");
}

void
pl_segments_view_show_hits (PlSegmentsView *self,
                            GPtrArray      *hits,
                            const char     *title)
{
  g_return_if_fail (PL_IS_SEGMENTS_VIEW (self));
  g_return_if_fail (hits != NULL);

  self->showing_cell = TRUE;
  gtk_label_set_text (self->cell_title, title);
  gtk_widget_set_visible (self->cell_banner, TRUE);
  set_hits (self, hits);
  gtk_stack_set_visible_child_name (self->stack, hits->len > 0 ? "hits" : "none");
}

static void
end_cell (PlSegmentsView *self)
{
  self->showing_cell = FALSE;
  gtk_widget_set_visible (self->cell_banner, FALSE);
  pl_segments_view_refresh (self);
}

static void
on_choice_changed (PlSegmentsView *self)
{
  if (self->showing_cell)
    end_cell (self);
  else
    pl_segments_view_refresh (self);
}

static gboolean
refresh_later (gpointer user_data)
{
  PlSegmentsView *self = user_data;

  self->refresh_source = 0;
  pl_segments_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_committed (PlSegmentsView *self)
{
  if (self->refresh_source == 0 && !self->showing_cell)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_later, self);
}

/* Rows */

static PlRetrieveHit *
hit_of_item (PlSegmentsView *self,
             GtkStringObject *item)
{
  guint index = (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);

  return index < self->hits->len ? g_ptr_array_index (self->hits, index) : NULL;
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  gtk_list_item_set_child (item, pl_place_row_new ());
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          PlSegmentsView           *self)
{
  PlRetrieveHit *hit = hit_of_item (self, gtk_list_item_get_item (item));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GString) caption = g_string_new (NULL);
  const char *speaker, *name;
  PlCode *code;

  if (hit == NULL)
    return;

  code = pl_project_find_code (self->project, hit->code_id);
  name = code != NULL ? pl_code_get_display_name (code) : hit->code_name;
  heading = hit->code != NULL ? g_strdup_printf ("%s  %s", hit->code, name) : g_strdup (name);
  if (hit->context != NULL && hit->start >= hit->statement_start)
    body = pl_place_row_markup (hit->context, hit->start - hit->statement_start,
                                hit->end - hit->statement_start, 160);
  else
    body = pl_place_row_markup (hit->text, 0, g_utf8_strlen (hit->text, -1), 0);

  speaker = hit->entity != NULL ? hit->entity : hit->speaker;
  if (speaker != NULL)
    g_string_append_printf (caption, "%s · ", speaker);
  g_string_append (caption, hit->document_title);
  if (hit->date != NULL)
    g_string_append_printf (caption, " · %s", hit->date);

  pl_place_row_set (PL_PLACE_ROW (gtk_list_item_get_child (item)), hit->code_id, heading, body, caption->str);
}

static void
on_activate (PlSegmentsView *self,
             guint           position)
{
  pl_segments_view_activate_hit (self, position);
}

void
pl_segments_view_activate_hit (PlSegmentsView *self,
                               guint           index)
{
  PlRetrieveHit *hit;

  g_return_if_fail (PL_IS_SEGMENTS_VIEW (self));
  g_return_if_fail (index < self->hits->len);

  hit = g_ptr_array_index (self->hits, index);
  g_signal_emit (self, signals[OPEN_PLACE], 0, hit->document_id, hit->start, hit->end);
}

/* Actions */

static gboolean
write_csv (const char  *path,
           gpointer     user_data,
           GError     **error)
{
  return pl_retrieve_write_csv (user_data, path, error);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PlSegmentsView *self = PL_SEGMENTS_VIEW (widget);

  pl_save_file_ask (widget, _("Export the Segments"), _("segments.csv"), _("CSV files"), "*.csv",
                    write_csv, g_ptr_array_ref (self->hits), (GDestroyNotify) g_ptr_array_unref);
}

static void
copy_citations_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PlSegmentsView *self = PL_SEGMENTS_VIEW (widget);
  g_autofree char *text = pl_retrieve_format_citations (self->hits);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* Public */

void
pl_segments_view_set_project (PlSegmentsView *self,
                              PlProject      *project)
{
  g_return_if_fail (PL_IS_SEGMENTS_VIEW (self));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "committed", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);

  self->showing_cell = FALSE;
  gtk_widget_set_visible (self->cell_banner, FALSE);
  pl_codes_popover_set_project (self->codes_popover, project);
  pl_filter_popover_set_project (self->filter_popover, project);
  pl_segments_view_refresh (self);
}

GPtrArray *
pl_segments_view_get_hits (PlSegmentsView *self)
{
  g_return_val_if_fail (PL_IS_SEGMENTS_VIEW (self), NULL);
  return self->hits;
}

PlCodesPopover *
pl_segments_view_get_codes_popover (PlSegmentsView *self)
{
  g_return_val_if_fail (PL_IS_SEGMENTS_VIEW (self), NULL);
  return self->codes_popover;
}

PlFilterPopover *
pl_segments_view_get_filter_popover (PlSegmentsView *self)
{
  g_return_val_if_fail (PL_IS_SEGMENTS_VIEW (self), NULL);
  return self->filter_popover;
}

const char *
pl_segments_view_get_status (PlSegmentsView *self)
{
  g_return_val_if_fail (PL_IS_SEGMENTS_VIEW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

/* GObject */

static void
pl_segments_view_dispose (GObject *object)
{
  PlSegmentsView *self = PL_SEGMENTS_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_SEGMENTS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->items);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  G_OBJECT_CLASS (pl_segments_view_parent_class)->dispose (object);
}

static void
pl_segments_view_class_init (PlSegmentsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_segments_view_dispose;

  /**
   * PlSegmentsView::open-place:
   * @document_id: the hit's document
   * @start: the segment, code points of the document
   * @end: its end, exclusive
   */
  signals[OPEN_PLACE] =
    g_signal_new ("open-place", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_UINT);

  g_type_ensure (PL_TYPE_CODES_POPOVER);
  g_type_ensure (PL_TYPE_FILTER_POPOVER);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-segments-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, codes_button);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, codes_label);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, codes_popover);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, filters_button);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, cell_banner);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, cell_title);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, cell_close);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, stack);
  gtk_widget_class_bind_template_child (widget_class, PlSegmentsView, list_view);

  gtk_widget_class_install_action (widget_class, "segments.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "segments.copy-citations", NULL, copy_citations_action);
  gtk_widget_class_set_css_name (widget_class, "segmentsview");
}

static void
pl_segments_view_init (PlSegmentsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = gtk_string_list_new (NULL);
  self->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) pl_retrieve_hit_unref);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->codes_popover, "changed", G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_popover, "changed", G_CALLBACK (on_choice_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cell_close, "clicked", G_CALLBACK (end_cell), self, G_CONNECT_SWAPPED);
  set_hits (self, NULL);
  update_buttons (self);
}

GtkWidget *
pl_segments_view_new (void)
{
  return g_object_new (PL_TYPE_SEGMENTS_VIEW, NULL);
}
