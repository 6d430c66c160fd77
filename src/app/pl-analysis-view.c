/* pl-analysis-view.c — frequencies, co-occurrence and charts of the project
 *
 * Each page counts when it is shown and something it depends on changed: the options of
 * its own row, the filters, the choice of columns, or a commit of the project (a moment
 * after it, so a burst of coding counts once).  The tables are GtkColumnViews over the
 * rows' positions (as strings: a GListModel needs objects), rebuilt with their columns
 * whenever the counts change; each count is a flat button that retrieves what lies behind
 * it, and activating a row retrieves the whole row.
 *
 * Exported charts are drawn in the light style, whatever the window shows: a file goes
 * into a report or onto paper.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-analysis-view"

#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pl-analysis-view.h"
#include "pl-error.h"
#include "pl-save-file.h"
#include "pl-starter-names.h"

/* How long after a commit the page shown counts again. */
#define REFRESH_DELAY_MS 400

/* The size of an exported chart when the widget has none yet. */
#define EXPORT_WIDTH 960
#define EXPORT_HEIGHT 600

typedef enum
{
  TABLE_FREQUENCIES,
  TABLE_COOCCURRENCE,
} TableKind;

/* The column of a table a factory or sorter serves. */
#define COLUMN_LABEL -1
#define COLUMN_TOTAL -2

typedef struct
{
  PlAnalysisView *self;   /* unowned: the columns die with the view */
  TableKind       table;
  int             column;
} ColumnData;

typedef struct
{
  ColumnData  *column;    /* unowned: cells die before their factory */
  GtkListItem *item;
} CellData;

struct _PlAnalysisView
{
  GtkWidget         parent_instance;

  AdwViewStack     *pages;
  GtkCheckButton   *families_check;
  GtkMenuButton    *filters_button;
  PlFilterPopover  *filter_popover;
  GtkDropDown      *by_dropdown;
  GtkDropDown      *count_dropdown;
  GtkCheckButton   *shares_check;
  GtkStack         *freq_stack;
  GtkColumnView    *freq_view;
  GtkDropDown      *unit_dropdown;
  GtkCheckButton   *jaccard_check;
  GtkStack         *cooc_stack;
  GtkColumnView    *cooc_view;
  GtkDropDown      *chart_dropdown;
  GtkWidget        *chart_by_label;
  GtkDropDown      *chart_by_dropdown;
  PlChartWidget    *chart_widget;

  PlProject        *project;
  PlFrequencyTable *freq;
  PlCooccurrence   *cooc;
  PlFrequencyTable *chart_freq;   /* the chart's rows, but for the co-occurrence heatmap */
  PlChart          *chart;
  GtkStringList    *freq_rows;
  GtkStringList    *cooc_rows;
  gboolean          freq_dirty;
  gboolean          cooc_dirty;
  gboolean          chart_dirty;
  gboolean          setting;      /* changing the dropdowns from code */
  guint             refresh_source;
};

G_DEFINE_FINAL_TYPE (PlAnalysisView, pl_analysis_view, GTK_TYPE_WIDGET)

enum
{
  RETRIEVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_visible_page (PlAnalysisView *self);

/* What is counted */

/* The columns: the top-level codes with their families, or NULL for every code. */
static GArray *
dup_columns (PlAnalysisView *self,
             gboolean       *with_descendants)
{
  GListModel *codes = pl_project_get_codes (self->project);
  GArray *ids;

  *with_descendants = gtk_check_button_get_active (self->families_check);
  if (!*with_descendants)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);

      if (pl_code_get_depth (code) == 0)
        g_array_append_val (ids, id);
    }
  return ids;
}

static PlFrequencyTable *
count_frequencies (PlAnalysisView *self,
                   PlStatsField    by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) code_ids = NULL;
  PlQueryFilter filter = { 0 };
  PlFrequencySpec spec = { 0 };
  PlFrequencyTable *table;

  code_ids = dup_columns (self, &spec.with_descendants);
  spec.code_ids = code_ids;
  spec.by = by;
  spec.count = (PlStatsCount) gtk_drop_down_get_selected (self->count_dropdown);
  pl_filter_popover_get_filter (self->filter_popover, &filter);
  spec.filter = &filter;
  table = pl_frequency_table_new (self->project, &spec, &error);
  pl_query_filter_clear (&filter);
  if (table == NULL)
    g_debug ("Counting failed: %s", error->message);
  return table;
}

static PlCooccurrence *
count_cooccurrence (PlAnalysisView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) code_ids = NULL;
  PlQueryFilter filter = { 0 };
  PlCooccurrenceSpec spec = { 0 };
  PlCooccurrence *cooc;

  code_ids = dup_columns (self, &spec.with_descendants);
  spec.code_ids = code_ids;
  spec.unit = gtk_drop_down_get_selected (self->unit_dropdown) == 1 ? PL_COOCCURRENCE_SPAN
                                                                    : PL_COOCCURRENCE_STATEMENT;
  pl_filter_popover_get_filter (self->filter_popover, &filter);
  spec.filter = &filter;
  cooc = pl_cooccurrence_new (self->project, &spec, &error);
  pl_query_filter_clear (&filter);
  if (cooc == NULL)
    g_debug ("Counting failed: %s", error->message);
  return cooc;
}

/* Tables */

static guint
row_of_item (gpointer item)
{
  return (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);
}

static double
cell_value (PlAnalysisView *self,
            TableKind       table,
            guint           row,
            int             column)
{
  if (table == TABLE_FREQUENCIES)
    {
      if (column == COLUMN_TOTAL)
        return (double) pl_frequency_table_get_total (self->freq, row);
      if (gtk_check_button_get_active (self->shares_check))
        return pl_frequency_table_get_share (self->freq, row, column);
      return (double) pl_frequency_table_get_value (self->freq, row, column);
    }
  if (gtk_check_button_get_active (self->jaccard_check))
    return pl_cooccurrence_get_jaccard (self->cooc, row, column);
  return (double) pl_cooccurrence_get_count (self->cooc, row, column);
}

static char *
dup_cell_text (PlAnalysisView *self,
               TableKind       table,
               guint           row,
               int             column)
{
  double value = cell_value (self, table, row, column);

  if (table == TABLE_FREQUENCIES && column != COLUMN_TOTAL
      && gtk_check_button_get_active (self->shares_check))
    return g_strdup_printf ("%.0f%%", value * 100);
  if (table == TABLE_COOCCURRENCE && gtk_check_button_get_active (self->jaccard_check))
    return g_strdup_printf ("%.2f", value);
  return g_strdup_printf ("%.0f", value);
}

static const char *
row_label (PlAnalysisView *self,
           TableKind       table,
           guint           row)
{
  if (table == TABLE_FREQUENCIES)
    return pl_frequency_table_get_row_label (self->freq, row);
  return pl_cooccurrence_get_code_key (self->cooc, row);
}

static const char *
column_key (PlAnalysisView *self,
            TableKind       table,
            int             column)
{
  if (column == COLUMN_TOTAL)
    return _("Total");
  if (table == TABLE_FREQUENCIES)
    return pl_frequency_table_get_column_key (self->freq, column);
  return pl_cooccurrence_get_code_key (self->cooc, column);
}

static void
on_cell_clicked (GtkButton *button,
                 CellData  *cell)
{
  gpointer item = gtk_list_item_get_item (cell->item);
  PlAnalysisView *self = cell->column->self;
  guint row;

  if (item == NULL)
    return;
  row = row_of_item (item);
  if (cell->column->table == TABLE_FREQUENCIES)
    pl_analysis_view_retrieve_frequency (self, row, cell->column->column == COLUMN_TOTAL ? -1 : cell->column->column);
  else
    pl_analysis_view_retrieve_cooccurrence (self, row, cell->column->column);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            ColumnData               *column)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (column->column == COLUMN_LABEL)
    {
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
      gtk_list_item_set_child (item, label);
    }
  else
    {
      GtkWidget *button = gtk_button_new ();
      CellData *cell = g_new0 (CellData, 1);

      cell->column = column;
      cell->item = item;
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "analysis-cell");
      g_signal_connect_data (button, "clicked", G_CALLBACK (on_cell_clicked), cell,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      gtk_list_item_set_child (item, button);
    }
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ColumnData               *column)
{
  PlAnalysisView *self = column->self;
  GtkWidget *child = gtk_list_item_get_child (item);
  guint row = row_of_item (gtk_list_item_get_item (item));
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  GtkWidget *label;

  if (column->column == COLUMN_LABEL)
    {
      gtk_label_set_text (GTK_LABEL (child), row_label (self, column->table, row));
      if (column->table == TABLE_COOCCURRENCE)
        gtk_widget_set_tooltip_text (child, pl_code_get_display_name (pl_cooccurrence_get_code (self->cooc, row)));
      else
        gtk_widget_set_tooltip_text (child, row_label (self, column->table, row));
      return;
    }

  text = dup_cell_text (self, column->table, row, column->column);
  label = gtk_button_get_child (GTK_BUTTON (child));
  gtk_label_set_text (GTK_LABEL (label), text);
  /* Translators: a table cell as a screen reader says it, "Asia-Pacific, NRM.F: 12". */
  name = g_strdup_printf (_("%s, %s: %s"), row_label (self, column->table, row),
                          column_key (self, column->table, column->column), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_tooltip_text (child, _("Show the segments behind this number"));
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ColumnData *column = user_data;
  guint row_a = row_of_item ((gpointer) a), row_b = row_of_item ((gpointer) b);
  double value_a, value_b;

  if (column->column == COLUMN_LABEL)
    return g_utf8_collate (row_label (column->self, column->table, row_a),
                           row_label (column->self, column->table, row_b));
  value_a = cell_value (column->self, column->table, row_a, column->column);
  value_b = cell_value (column->self, column->table, row_b, column->column);
  return value_a < value_b ? -1 : value_a > value_b ? 1 : 0;
}

static void
add_column (PlAnalysisView *self,
            GtkColumnView  *view,
            TableKind       table,
            int             index,
            const char     *title)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) column = NULL;
  g_autoptr(GtkSorter) sorter = NULL;
  ColumnData *data = g_new0 (ColumnData, 1);

  data->self = self;
  data->table = table;
  data->column = index;
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_cell), data,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), data);
  column = gtk_column_view_column_new (title, g_object_ref (factory));
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, data, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (index == COLUMN_LABEL)
    gtk_column_view_column_set_expand (column, TRUE);
  gtk_column_view_append_column (view, column);
}

static void
clear_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
}

static void
set_rows (GtkStringList *rows,
          guint          n_rows)
{
  g_autoptr(GPtrArray) positions = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_rows; i++)
    g_ptr_array_add (positions, g_strdup_printf ("%u", i));
  g_ptr_array_add (positions, NULL);
  gtk_string_list_splice (rows, 0, g_list_model_get_n_items (G_LIST_MODEL (rows)),
                          (const char * const *) positions->pdata);
}

/* GTK 4.8 reads a column view's rows as a list of their own, without the view's name. */
static void
init_table (GtkColumnView *view,
            GtkStringList *rows,
            const char    *name)
{
  GtkSortListModel *sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (rows)),
                                                      g_object_ref (gtk_column_view_get_sorter (view)));
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (sorted));

  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

/* Frequencies */

static void
on_frequency_row_activated (PlAnalysisView *self,
                            guint           position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->freq_view));
  g_autoptr(GObject) item = g_list_model_get_item (model, position);

  if (item != NULL && self->freq != NULL)
    pl_analysis_view_retrieve_frequency (self, row_of_item (item), -1);
}

static void
update_frequencies (PlAnalysisView *self)
{
  PlStatsField by = (PlStatsField) gtk_drop_down_get_selected (self->by_dropdown);
  guint n_columns;

  self->freq_dirty = FALSE;
  clear_columns (self->freq_view);
  set_rows (self->freq_rows, 0);
  g_clear_object (&self->freq);
  if (self->project != NULL)
    self->freq = count_frequencies (self, by);

  n_columns = self->freq != NULL ? pl_frequency_table_get_n_columns (self->freq) : 0;
  if (self->freq == NULL || pl_frequency_table_get_n_rows (self->freq) == 0 || n_columns == 0)
    {
      gtk_stack_set_visible_child_name (self->freq_stack, "none");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-frequencies", FALSE);
      return;
    }

  add_column (self, self->freq_view, TABLE_FREQUENCIES, COLUMN_LABEL, pl_stats_field_get_label (by));
  for (guint i = 0; i < n_columns; i++)
    add_column (self, self->freq_view, TABLE_FREQUENCIES, (int) i,
                pl_frequency_table_get_column_key (self->freq, i));
  add_column (self, self->freq_view, TABLE_FREQUENCIES, COLUMN_TOTAL, _("Total"));
  set_rows (self->freq_rows, pl_frequency_table_get_n_rows (self->freq));
  gtk_stack_set_visible_child_name (self->freq_stack, "table");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-frequencies", TRUE);
}

/* Co-occurrence */

static void
update_cooccurrence (PlAnalysisView *self)
{
  guint n_codes;
  gboolean any = FALSE;

  self->cooc_dirty = FALSE;
  clear_columns (self->cooc_view);
  set_rows (self->cooc_rows, 0);
  g_clear_object (&self->cooc);
  if (self->project != NULL)
    self->cooc = count_cooccurrence (self);

  n_codes = self->cooc != NULL ? pl_cooccurrence_get_n_codes (self->cooc) : 0;
  for (guint i = 0; i < n_codes && !any; i++)
    any = pl_cooccurrence_get_count (self->cooc, i, i) > 0;
  if (!any)
    {
      gtk_stack_set_visible_child_name (self->cooc_stack, "none");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-cooccurrence", FALSE);
      return;
    }

  add_column (self, self->cooc_view, TABLE_COOCCURRENCE, COLUMN_LABEL, _("Code"));
  for (guint i = 0; i < n_codes; i++)
    add_column (self, self->cooc_view, TABLE_COOCCURRENCE, (int) i, pl_cooccurrence_get_code_key (self->cooc, i));
  set_rows (self->cooc_rows, n_codes);
  gtk_stack_set_visible_child_name (self->cooc_stack, "table");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export-cooccurrence", TRUE);
}

/* Charts */

static PlChartKind
chart_kind (PlAnalysisChart chart)
{
  switch (chart)
    {
    case PL_ANALYSIS_CHART_BAR:
      return PL_CHART_KIND_BAR;
    case PL_ANALYSIS_CHART_TIMELINE:
      return PL_CHART_KIND_TIMELINE;
    case PL_ANALYSIS_CHART_HEATMAP:
    case PL_ANALYSIS_CHART_COOCCURRENCE:
    default:
      return PL_CHART_KIND_HEATMAP;
    }
}

static void
update_chart (PlAnalysisView *self)
{
  PlAnalysisChart chart = (PlAnalysisChart) gtk_drop_down_get_selected (self->chart_dropdown);
  g_autoptr(PlChartData) data = NULL;
  g_autoptr(PlCooccurrence) cooc = NULL;
  gboolean by_codes = chart == PL_ANALYSIS_CHART_COOCCURRENCE;

  self->chart_dirty = FALSE;
  g_clear_object (&self->chart_freq);
  gtk_widget_set_sensitive (self->chart_by_label, !by_codes);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chart_by_dropdown), !by_codes);

  if (self->project != NULL && by_codes)
    {
      cooc = count_cooccurrence (self);
      if (cooc != NULL)
        {
          data = pl_cooccurrence_to_chart_data (cooc, gtk_check_button_get_active (self->jaccard_check));
          pl_chart_data_set_title (data, _("Codes that come up together"));
        }
    }
  else if (self->project != NULL)
    {
      PlStatsField by = (PlStatsField) gtk_drop_down_get_selected (self->chart_by_dropdown);

      self->chart_freq = count_frequencies (self, by);
      if (self->chart_freq != NULL)
        {
          g_autofree char *title = NULL;

          data = pl_frequency_table_to_chart_data (self->chart_freq, FALSE);
          /* Translators: a chart's title, "Codes by Regional group". */
          title = g_strdup_printf (_("Codes by %s"), pl_stats_field_get_label (by));
          pl_chart_data_set_title (data, title);
        }
    }
  if (data == NULL)
    data = pl_chart_data_new (0, 0);

  if (self->chart == NULL)
    {
      self->chart = pl_chart_new (chart_kind (chart), data);
      pl_chart_widget_set_chart (self->chart_widget, self->chart);
    }
  else
    {
      pl_chart_set_kind (self->chart, chart_kind (chart));
      pl_chart_set_data (self->chart, data);
      gtk_widget_queue_draw (GTK_WIDGET (self->chart_widget));
    }
}

static void
on_chart_activated (PlAnalysisView *self,
                    int             row,
                    int             series)
{
  pl_analysis_view_retrieve_chart (self, row, series);
}

/* Keeping up */

static gboolean
is_visible_page (PlAnalysisView *self,
                 const char     *name)
{
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->pages), name) == 0;
}

static void
update_visible_page (PlAnalysisView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (self->freq_dirty && is_visible_page (self, "frequencies"))
    update_frequencies (self);
  else if (self->cooc_dirty && is_visible_page (self, "cooccurrence"))
    update_cooccurrence (self);
  else if (self->chart_dirty && is_visible_page (self, "chart"))
    update_chart (self);
}

void
pl_analysis_view_refresh (PlAnalysisView *self)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->freq_dirty = self->cooc_dirty = self->chart_dirty = TRUE;
  update_visible_page (self);
}

static gboolean
refresh_later (gpointer user_data)
{
  PlAnalysisView *self = user_data;

  self->refresh_source = 0;
  pl_analysis_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_committed (PlAnalysisView *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_later, self);
}

static void
update_filters_button (PlAnalysisView *self)
{
  g_autofree char *summary = pl_filter_popover_dup_summary (self->filter_popover);
  guint n_filters = pl_filter_popover_get_n_active (self->filter_popover);
  g_autofree char *label = n_filters > 0 ? g_strdup_printf (_("Filters (%u)"), n_filters)
                                         : g_strdup (_("Filters"));

  gtk_menu_button_set_label (self->filters_button, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filters_button),
                               summary != NULL ? summary : _("Narrow by Speaker, Document, Date, Coder or Stance"));
}

static void
on_filters_changed (PlAnalysisView *self)
{
  update_filters_button (self);
  pl_analysis_view_refresh (self);
}

static void
on_frequency_option (PlAnalysisView *self)
{
  self->freq_dirty = TRUE;
  /* What a chart counts follows the Count choice. */
  self->chart_dirty = TRUE;
  update_visible_page (self);
}

static void
on_shares_toggled (PlAnalysisView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->freq_view);

  /* Same counts, other numbers: the cells are bound again by putting the rows back. */
  if (self->freq != NULL && g_list_model_get_n_items (columns) > 0)
    {
      set_rows (self->freq_rows, 0);
      set_rows (self->freq_rows, pl_frequency_table_get_n_rows (self->freq));
    }
}

static void
on_cooccurrence_option (PlAnalysisView *self)
{
  self->cooc_dirty = TRUE;
  self->chart_dirty = TRUE;
  update_visible_page (self);
}

static PlStatsField
default_rows (PlAnalysisChart chart)
{
  switch (chart)
    {
    case PL_ANALYSIS_CHART_HEATMAP:
      return PL_STATS_BY_ENTITY;
    case PL_ANALYSIS_CHART_TIMELINE:
      return PL_STATS_BY_SESSION;
    case PL_ANALYSIS_CHART_BAR:
    case PL_ANALYSIS_CHART_COOCCURRENCE:
    default:
      return PL_STATS_BY_REGIONAL_GROUP;
    }
}

static void
on_chart_kind_changed (PlAnalysisView *self)
{
  if (self->setting)
    return;
  self->setting = TRUE;
  gtk_drop_down_set_selected (self->chart_by_dropdown,
                              default_rows ((PlAnalysisChart) gtk_drop_down_get_selected (self->chart_dropdown)));
  self->setting = FALSE;
  self->chart_dirty = TRUE;
  update_visible_page (self);
}

static void
on_chart_option (PlAnalysisView *self)
{
  if (self->setting)
    return;
  self->chart_dirty = TRUE;
  update_visible_page (self);
}

/* Retrieval */

static void
emit_retrieved (PlAnalysisView *self,
                GPtrArray      *hits,
                GError         *error,
                const char     *title)
{
  if (hits == NULL)
    {
      pl_save_file_show_error (GTK_WIDGET (self), _("The Segments Could Not Be Retrieved"), error);
      return;
    }
  g_signal_emit (self, signals[RETRIEVED], 0, hits, title);
}

static void
retrieve_frequency_cell (PlAnalysisView   *self,
                         PlFrequencyTable *table,
                         guint             row,
                         int               column)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *title = NULL;
  PlRetrieveSpec spec = { 0 };
  PlQueryFilter filter = { 0 };

  g_return_if_fail (row < pl_frequency_table_get_n_rows (table));
  g_return_if_fail (column < (int) pl_frequency_table_get_n_columns (table));

  pl_frequency_table_get_cell_spec (table, row, column, &spec, &filter);
  hits = pl_retrieve (self->project, &spec, &error);
  g_clear_pointer (&spec.code_ids, g_array_unref);
  g_clear_pointer (&spec.not_code_ids, g_array_unref);
  pl_query_filter_clear (&filter);

  if (column < 0)
    title = g_strdup (pl_frequency_table_get_row_label (table, row));
  else
    /* Translators: which cell's segments are shown, "NRM.F · Asia-Pacific". */
    title = g_strdup_printf (_("%s · %s"), pl_frequency_table_get_column_key (table, column),
                             pl_frequency_table_get_row_label (table, row));
  emit_retrieved (self, hits, error, title);
}

void
pl_analysis_view_retrieve_frequency (PlAnalysisView *self,
                                     guint           row,
                                     int             column)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));
  g_return_if_fail (self->freq != NULL);

  retrieve_frequency_cell (self, self->freq, row, column);
}

static void
retrieve_cooccurrence_cell (PlAnalysisView *self,
                            PlCooccurrence *cooc,
                            guint           a,
                            guint           b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *title = NULL;

  g_return_if_fail (a < pl_cooccurrence_get_n_codes (cooc) && b < pl_cooccurrence_get_n_codes (cooc));

  hits = pl_cooccurrence_retrieve_cell (cooc, a, b, &error);
  if (a == b)
    title = g_strdup (pl_cooccurrence_get_code_key (cooc, a));
  else
    /* Translators: which cell's segments are shown, "NRM.F with THR.CI". */
    title = g_strdup_printf (_("%s with %s"), pl_cooccurrence_get_code_key (cooc, a),
                             pl_cooccurrence_get_code_key (cooc, b));
  emit_retrieved (self, hits, error, title);
}

void
pl_analysis_view_retrieve_cooccurrence (PlAnalysisView *self,
                                        guint           a,
                                        guint           b)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));
  g_return_if_fail (self->cooc != NULL);

  retrieve_cooccurrence_cell (self, self->cooc, a, b);
}

void
pl_analysis_view_retrieve_chart (PlAnalysisView *self,
                                 int             row,
                                 int             series)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));

  if (self->chart_dirty)
    update_chart (self);
  if (self->chart_freq != NULL)
    {
      /* A legend entry (no row) has no single cell behind it. */
      if (row >= 0)
        retrieve_frequency_cell (self, self->chart_freq, (guint) row, series);
      return;
    }
  if (self->project != NULL && row >= 0 && series >= 0)
    {
      g_autoptr(PlCooccurrence) cooc = count_cooccurrence (self);

      if (cooc != NULL)
        retrieve_cooccurrence_cell (self, cooc, (guint) row, (guint) series);
    }
}

/* Exports */

static gboolean
write_text (const char  *path,
            gpointer     user_data,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_set_contents (path, user_data, -1, &local_error))
    return TRUE;
  g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE,
               _("“%s” could not be written: %s"), path, local_error->message);
  return FALSE;
}

static void
export_frequencies_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PlAnalysisView *self = PL_ANALYSIS_VIEW (widget);

  if (self->freq == NULL)
    return;
  pl_save_file_ask (widget, _("Export the Frequencies"), _("frequencies.csv"), _("CSV files"), "*.csv",
                    write_text,
                    pl_frequency_table_to_csv (self->freq, gtk_check_button_get_active (self->shares_check)),
                    g_free);
}

static void
export_cooccurrence_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PlAnalysisView *self = PL_ANALYSIS_VIEW (widget);

  if (self->cooc == NULL)
    return;
  pl_save_file_ask (widget, _("Export the Co-occurrence"), _("cooccurrence.csv"), _("CSV files"), "*.csv",
                    write_text,
                    pl_cooccurrence_to_csv (self->cooc, gtk_check_button_get_active (self->jaccard_check)),
                    g_free);
}

static gboolean
export_pdf (PlChart     *chart,
            const char  *path,
            double       width,
            double       height,
            GError     **error)
{
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (partial, width, height);
  cairo_status_t status;
  cairo_t *cr = cairo_create (surface);

  pl_chart_draw (chart, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status == CAIRO_STATUS_SUCCESS && g_rename (partial, path) == 0)
    return TRUE;
  g_unlink (partial);
  g_set_error (error, PL_EXPORT_ERROR, PL_EXPORT_ERROR_WRITE, _("“%s” could not be written: %s"), path,
               status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (errno));
  return FALSE;
}

gboolean
pl_analysis_view_export_chart (PlAnalysisView  *self,
                               const char      *path,
                               int              width,
                               int              height,
                               GError         **error)
{
  gboolean dark, high_contrast, written;

  g_return_val_if_fail (PL_IS_ANALYSIS_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->chart == NULL || self->chart_dirty)
    update_chart (self);
  dark = pl_chart_get_dark (self->chart);
  high_contrast = pl_chart_get_high_contrast (self->chart);
  pl_chart_set_dark (self->chart, FALSE);
  pl_chart_set_high_contrast (self->chart, FALSE);
  if (g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG"))
    written = pl_chart_export_png (self->chart, path, width, height, 2, error);
  else if (g_str_has_suffix (path, ".pdf") || g_str_has_suffix (path, ".PDF"))
    written = export_pdf (self->chart, path, width, height, error);
  else
    written = pl_chart_export_svg (self->chart, path, width, height, error);
  pl_chart_set_dark (self->chart, dark);
  pl_chart_set_high_contrast (self->chart, high_contrast);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_widget));
  return written;
}

static gboolean
write_chart (const char  *path,
             gpointer     user_data,
             GError     **error)
{
  PlAnalysisView *self = user_data;
  int width = gtk_widget_get_width (GTK_WIDGET (self->chart_widget));
  int height = gtk_widget_get_height (GTK_WIDGET (self->chart_widget));

  if (width < 200 || height < 150)
    {
      width = EXPORT_WIDTH;
      height = EXPORT_HEIGHT;
    }
  return pl_analysis_view_export_chart (self, path, width, height, error);
}

static gboolean
write_chart_data (const char  *path,
                  gpointer     user_data,
                  GError     **error)
{
  return pl_chart_data_write_csv (user_data, path, error);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PlAnalysisView *self = PL_ANALYSIS_VIEW (widget);

  if (self->chart == NULL)
    return;
  if (g_str_equal (action_name, "analysis.export-png"))
    pl_save_file_ask (widget, _("Export the Chart as PNG"), _("chart.png"), _("PNG images"), "*.png",
                      write_chart, g_object_ref (self), g_object_unref);
  else if (g_str_equal (action_name, "analysis.export-svg"))
    pl_save_file_ask (widget, _("Export the Chart as SVG"), _("chart.svg"), _("SVG images"), "*.svg",
                      write_chart, g_object_ref (self), g_object_unref);
  else if (g_str_equal (action_name, "analysis.export-pdf"))
    pl_save_file_ask (widget, _("Export the Chart as PDF"), _("chart.pdf"), _("PDF documents"), "*.pdf",
                      write_chart, g_object_ref (self), g_object_unref);
  else
    pl_save_file_ask (widget, _("Export the Chart’s Numbers"), _("chart.csv"), _("CSV files"), "*.csv",
                      write_chart_data, g_object_ref (pl_chart_get_data (self->chart)), g_object_unref);
}

/* Public */

void
pl_analysis_view_set_project (PlAnalysisView *self,
                              PlProject      *project)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));

  if (self->project == project)
    return;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "committed", G_CALLBACK (on_committed), self, G_CONNECT_SWAPPED);
  pl_filter_popover_set_project (self->filter_popover, project);
  update_filters_button (self);
  pl_analysis_view_refresh (self);
}

void
pl_analysis_view_set_page (PlAnalysisView *self,
                           const char     *name)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));

  adw_view_stack_set_visible_child_name (self->pages, name);
}

void
pl_analysis_view_set_by (PlAnalysisView *self,
                         PlStatsField    by)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));

  gtk_drop_down_set_selected (self->by_dropdown, by);
}

void
pl_analysis_view_set_count (PlAnalysisView *self,
                            PlStatsCount    count)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));

  gtk_drop_down_set_selected (self->count_dropdown, count);
}

void
pl_analysis_view_set_chart (PlAnalysisView  *self,
                            PlAnalysisChart  chart,
                            PlStatsField     by)
{
  g_return_if_fail (PL_IS_ANALYSIS_VIEW (self));

  self->setting = TRUE;
  gtk_drop_down_set_selected (self->chart_dropdown, chart);
  gtk_drop_down_set_selected (self->chart_by_dropdown, by);
  self->setting = FALSE;
  self->chart_dirty = TRUE;
  update_visible_page (self);
}

PlFrequencyTable *
pl_analysis_view_get_frequencies (PlAnalysisView *self)
{
  g_return_val_if_fail (PL_IS_ANALYSIS_VIEW (self), NULL);

  if (self->freq_dirty)
    update_frequencies (self);
  return self->freq;
}

PlCooccurrence *
pl_analysis_view_get_cooccurrence (PlAnalysisView *self)
{
  g_return_val_if_fail (PL_IS_ANALYSIS_VIEW (self), NULL);

  if (self->cooc_dirty)
    update_cooccurrence (self);
  return self->cooc;
}

PlChartWidget *
pl_analysis_view_get_chart_widget (PlAnalysisView *self)
{
  g_return_val_if_fail (PL_IS_ANALYSIS_VIEW (self), NULL);

  if (self->chart_dirty)
    update_chart (self);
  return self->chart_widget;
}

PlFilterPopover *
pl_analysis_view_get_filter_popover (PlAnalysisView *self)
{
  g_return_val_if_fail (PL_IS_ANALYSIS_VIEW (self), NULL);
  return self->filter_popover;
}

/* GObject */

static void
pl_analysis_view_dispose (GObject *object)
{
  PlAnalysisView *self = PL_ANALYSIS_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_ANALYSIS_VIEW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->freq);
  g_clear_object (&self->cooc);
  g_clear_object (&self->chart_freq);
  g_clear_object (&self->chart);
  g_clear_object (&self->freq_rows);
  g_clear_object (&self->cooc_rows);
  G_OBJECT_CLASS (pl_analysis_view_parent_class)->dispose (object);
}

static void
pl_analysis_view_class_init (PlAnalysisViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_analysis_view_dispose;

  /**
   * PlAnalysisView::retrieved:
   * @hits: (element-type PlRetrieveHit): the segments behind what was clicked
   * @title: what they are, for the Segments view's heading
   */
  signals[RETRIEVED] =
    g_signal_new ("retrieved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_STRING);

  g_type_ensure (PL_TYPE_FILTER_POPOVER);
  g_type_ensure (PL_TYPE_CHART_WIDGET);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-analysis-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, pages);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, families_check);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, filters_button);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, count_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, shares_check);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, freq_stack);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, freq_view);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, jaccard_check);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, cooc_stack);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, cooc_view);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, chart_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, chart_by_label);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, chart_by_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PlAnalysisView, chart_widget);

  gtk_widget_class_install_action (widget_class, "analysis.export-frequencies", NULL, export_frequencies_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-cooccurrence", NULL, export_cooccurrence_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-png", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-svg", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-pdf", NULL, export_chart_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-chart-data", NULL, export_chart_action);
  gtk_widget_class_set_css_name (widget_class, "analysisview");
}

static GtkStringList *
field_labels (void)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (PlStatsField field = PL_STATS_BY_ENTITY; field <= PL_STATS_BY_STANCE; field++)
    gtk_string_list_append (labels, pl_stats_field_get_label (field));
  return labels;
}

static void
pl_analysis_view_init (PlAnalysisView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->by_dropdown, G_LIST_MODEL (field_labels ()));
  g_object_unref (gtk_drop_down_get_model (self->by_dropdown));
  gtk_drop_down_set_model (self->chart_by_dropdown, G_LIST_MODEL (field_labels ()));
  g_object_unref (gtk_drop_down_get_model (self->chart_by_dropdown));
  gtk_drop_down_set_selected (self->by_dropdown, PL_STATS_BY_REGIONAL_GROUP);
  gtk_drop_down_set_selected (self->chart_by_dropdown, PL_STATS_BY_REGIONAL_GROUP);

  self->freq_rows = gtk_string_list_new (NULL);
  self->cooc_rows = gtk_string_list_new (NULL);
  init_table (self->freq_view, self->freq_rows, _("Code frequencies"));
  init_table (self->cooc_view, self->cooc_rows, _("Code co-occurrence"));
  self->freq_dirty = self->cooc_dirty = self->chart_dirty = TRUE;

  g_signal_connect_object (self, "map", G_CALLBACK (update_visible_page), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pages, "notify::visible-child", G_CALLBACK (update_visible_page), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_popover, "changed", G_CALLBACK (on_filters_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->families_check, "toggled", G_CALLBACK (pl_analysis_view_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->by_dropdown, "notify::selected", G_CALLBACK (on_frequency_option), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->count_dropdown, "notify::selected", G_CALLBACK (on_frequency_option), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shares_check, "toggled", G_CALLBACK (on_shares_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->unit_dropdown, "notify::selected", G_CALLBACK (on_cooccurrence_option), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->jaccard_check, "toggled", G_CALLBACK (on_cooccurrence_option), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_dropdown, "notify::selected", G_CALLBACK (on_chart_kind_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_by_dropdown, "notify::selected", G_CALLBACK (on_chart_option), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->freq_view, "activate", G_CALLBACK (on_frequency_row_activated), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->chart_widget, "activated", G_CALLBACK (on_chart_activated), self,
                           G_CONNECT_SWAPPED);
  update_filters_button (self);
}

GtkWidget *
pl_analysis_view_new (void)
{
  return g_object_new (PL_TYPE_ANALYSIS_VIEW, NULL);
}
