/* pl-agreement-window.c — agreement between coders, per code and overall
 *
 * The choices are on the left: the unit (statement, category of a parent code, span), the
 * coders, the codes and the documents; the table on the right is computed in a worker
 * thread on a connection of its own (pl_agreement_report_compute_async()) shortly after
 * each change, the computation before it cancelled.  A coefficient the data cannot define
 * shows "—", with the reason as its tooltip and accessible description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-agreement-window"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "pl-agreement-window.h"
#include "pl-compat.h"
#include "pl-file-chooser.h"
#include "pl-project-gold.h"
#include "pl-project-team.h"

/* How long the choices rest before the table is computed again. */
#define COMPUTE_DELAY_MS 150

struct _PlAgreementWindow
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toasts;
  AdwWindowTitle       *window_title;
  GtkWidget            *export_button;
  GtkSpinner           *spinner;
  AdwComboRow          *unit_row;
  AdwComboRow          *parent_row;
  GtkStringList        *parent_labels;
  GtkWidget            *descendants_row;
  GtkSwitch            *descendants;
  AdwPreferencesGroup  *coders_group;
  GtkWidget            *codes_group;
  AdwExpanderRow       *codes_row;
  GtkSwitch            *all_codes;
  AdwExpanderRow       *documents_row;
  GtkSwitch            *all_documents;
  GtkLabel             *summary_label;
  GtkStack             *result_stack;
  GtkColumnView        *table;
  AdwStatusPage        *status_page;

  PlProject            *project;
  GArray               *coder_ids;      /* gint64, beside coder_checks */
  GPtrArray            *coder_checks;   /* GtkCheckButton */
  GArray               *code_ids;
  GPtrArray            *code_checks;
  GArray               *document_ids;
  GPtrArray            *document_checks;
  GArray               *parent_ids;     /* beside parent_labels */
  GListStore           *rows;           /* PlAgreementItem */
  GtkColumnViewColumn  *units_column;
  GtkColumnViewColumn  *columns[PL_AGREEMENT_N_COLUMNS];
  PlAgreementReport    *report;
  GCancellable         *cancellable;
  guint                 compute_source;
  gboolean              busy;
  GtkFileChooserNative *chooser;
  PlAgreementFormat     export_format;
};

G_DEFINE_FINAL_TYPE (PlAgreementWindow, pl_agreement_window, ADW_TYPE_WINDOW)

/* Cells */

static char *
format_coefficient (const PlCoefficient *coefficient,
                    PlAgreementColumn    column)
{
  if (isnan (coefficient->value))
    return g_strdup ("—");
  if (column == PL_AGREEMENT_COLUMN_PERCENT)
    return g_strdup_printf ("%.1f %%", coefficient->value * 100.0);
  return g_strdup_printf ("%.3f", coefficient->value);
}

static void
setup_number (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_coefficient (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  PlAgreementColumn column = GPOINTER_TO_UINT (user_data);
  PlAgreementItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const PlCoefficient *coefficient = pl_agreement_item_get_coefficient (row, column);
  g_autofree char *text = format_coefficient (coefficient, column);
  const char *reason = isnan (coefficient->value) ? coefficient->reason : NULL;

  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, reason);
  if (reason != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

static void
bind_units (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  PlAgreementItem *row = gtk_list_item_get_item (item);
  g_autofree char *text = g_strdup_printf ("%'u", pl_agreement_item_get_n_units (row));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
setup_code (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *short_id = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (short_id, "dim-label");
  gtk_widget_add_css_class (short_id, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), short_id);
  gtk_list_item_set_child (item, box);
}

static void
bind_code (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  PlAgreementItem *row = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *short_id = gtk_widget_get_next_sibling (name);

  gtk_label_set_text (GTK_LABEL (name), pl_agreement_item_get_name (row));
  gtk_widget_set_tooltip_text (name, pl_agreement_item_get_name (row));
  gtk_label_set_text (GTK_LABEL (short_id), pl_agreement_item_get_short_id (row) != NULL
                                            ? pl_agreement_item_get_short_id (row) : "");
  if (pl_agreement_item_is_overall (row))
    gtk_widget_add_css_class (name, "heading");
  else
    gtk_widget_remove_css_class (name, "heading");
}

static GtkColumnViewColumn *
add_column (PlAgreementWindow *self,
            const char        *title,
            GCallback          setup,
            GCallback          bind,
            gpointer           data)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", setup, data);
  g_signal_connect (factory, "bind", bind, data);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_append_column (self->table, column);
  g_object_unref (column);
  return column;
}

static void
build_table (PlAgreementWindow *self)
{
  static const char *titles[PL_AGREEMENT_N_COLUMNS] = {
    N_("Percent"), N_("Cohen’s κ"), N_("Scott’s π"), N_("Fleiss’ κ"), N_("Krippendorff’s α"), N_("α_U"),
  };
  GtkColumnViewColumn *code;

  code = add_column (self, _("Code"), G_CALLBACK (setup_code), G_CALLBACK (bind_code), NULL);
  /* GTK 4.8 sizes a column by its first rows' cells: a width of its own keeps the names
   * readable, and the expansion gives it what is left over. */
  gtk_column_view_column_set_fixed_width (code, 260);
  gtk_column_view_column_set_expand (code, TRUE);
  self->units_column = add_column (self, _("Units"), G_CALLBACK (setup_number), G_CALLBACK (bind_units), NULL);
  gtk_column_view_column_set_fixed_width (self->units_column, 72);
  for (guint i = 0; i < PL_AGREEMENT_N_COLUMNS; i++)
    {
      self->columns[i] = add_column (self, _(titles[i]), G_CALLBACK (setup_number), G_CALLBACK (bind_coefficient),
                                     GUINT_TO_POINTER (i));
      gtk_column_view_column_set_fixed_width (self->columns[i], i == PL_AGREEMENT_COLUMN_KRIPPENDORFF_ALPHA ? 136 : 96);
    }
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)))));
}

/* The choices */

static PlAgreementUnit
chosen_unit (PlAgreementWindow *self)
{
  return MIN (adw_combo_row_get_selected (self->unit_row), PL_AGREEMENT_BY_SPAN);
}

/* The ids whose check is active; NULL when every one is (@all on). */
static GArray *
chosen_ids (GArray    *ids,
            GPtrArray *checks,
            gboolean   all)
{
  GArray *chosen;

  if (all)
    return NULL;
  chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      g_array_append_val (chosen, g_array_index (ids, gint64, i));
  return chosen;
}

static void schedule_compute (PlAgreementWindow *self);

static GtkWidget *
check_row (PlAgreementWindow *self,
           const char        *title,
           gboolean           active,
           GPtrArray         *checks)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), active);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_signal_connect_object (check, "toggled", G_CALLBACK (schedule_compute), self, G_CONNECT_SWAPPED);
  g_ptr_array_add (checks, check);
  return row;
}

/* Names the lists a screen reader meets under @widget (an expander's row and its list of
 * choices, the table's list) by @label, which libadwaita 1.2 and GTK 4.8 leave unnamed. */
static void
name_lists (GtkWidget  *widget,
            const char *label)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));

  /* The choices in the list have names of their own. */
  if (role == GTK_ACCESSIBLE_ROLE_LIST_ITEM && !ADW_IS_EXPANDER_ROW (widget))
    return;
  if (role == GTK_ACCESSIBLE_ROLE_LIST || role == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    name_lists (child, label);
}

/* Coders who annotated, but the gold layer, are compared to start with. */
static void
fill_coders (PlAgreementWindow *self)
{
  g_autoptr(GPtrArray) coders = pl_project_list_coders (self->project);
  PlCoder *gold = pl_project_find_gold_coder (self->project);
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (gboolean));
  guint n_active = 0;

  for (guint i = 0; i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);
      g_autoptr(GHashTable) counts = pl_project_count_coder_annotations (self->project, coder->id,
                                                                         PL_COUNT_BY_DOCUMENT, NULL);
      gboolean annotated = coder != gold && counts != NULL && g_hash_table_size (counts) > 0;

      g_array_append_val (active, annotated);
      n_active += annotated;
    }
  for (guint i = 0; i < coders->len; i++)
    {
      PlCoder *coder = g_ptr_array_index (coders, i);
      gboolean on = n_active >= 2 ? g_array_index (active, gboolean, i) : coder != gold;

      g_array_append_val (self->coder_ids, coder->id);
      adw_preferences_group_add (self->coders_group, check_row (self, coder->name, on, self->coder_checks));
    }
}

static void
fill_codes (PlAgreementWindow *self)
{
  GListModel *codes = pl_project_get_codes (self->project);
  g_autoptr(GHashTable) parents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n = g_list_model_get_n_items (codes);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      PlCode *code = g_list_model_get_item (codes, i);
      gint64 id = pl_code_get_id (code);

      g_ptr_array_add (all, code);
      g_array_append_val (self->code_ids, id);
      adw_expander_row_add_row (self->codes_row, check_row (self, pl_code_get_path (code), TRUE, self->code_checks));
      if (pl_code_get_parent_id (code) != 0)
        g_hash_table_add (parents, g_memdup2 (&(gint64) { pl_code_get_parent_id (code) }, sizeof (gint64)));
    }
  /* The codes with children, in codebook order, are what "by category" can take. */
  for (guint i = 0; i < all->len; i++)
    {
      PlCode *code = g_ptr_array_index (all, i);
      gint64 id = pl_code_get_id (code);

      if (!g_hash_table_contains (parents, &id))
        continue;
      g_array_append_val (self->parent_ids, id);
      gtk_string_list_append (self->parent_labels, pl_code_get_path (code));
    }
}

static void
fill_documents (PlAgreementWindow *self)
{
  GListModel *documents = pl_project_get_documents (self->project);
  guint n = g_list_model_get_n_items (documents);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PlDocument) document = g_list_model_get_item (documents, i);
      gint64 id = pl_document_get_id (document);

      g_array_append_val (self->document_ids, id);
      adw_expander_row_add_row (self->documents_row,
                                check_row (self, pl_document_get_title (document), TRUE, self->document_checks));
    }
}

/* "Every code" or "3 of 12 codes" under an expander's title. */
static guint
count_active (GPtrArray *checks,
              gboolean   all)
{
  guint n = 0;

  for (guint i = 0; i < checks->len; i++)
    {
      gtk_widget_set_sensitive (g_ptr_array_index (checks, i), !all);
      n += gtk_check_button_get_active (g_ptr_array_index (checks, i));
    }
  return n;
}

static void
update_choices (PlAgreementWindow *self)
{
  PlAgreementUnit unit = chosen_unit (self);
  gboolean all_codes = gtk_switch_get_active (self->all_codes);
  gboolean all_documents = gtk_switch_get_active (self->all_documents);
  guint n_codes = count_active (self->code_checks, all_codes);
  guint n_documents = count_active (self->document_checks, all_documents);
  g_autofree char *codes = NULL;
  g_autofree char *documents = NULL;

  codes = all_codes ? g_strdup (_("Every code"))
                    : g_strdup_printf (_("%u of %u codes"), n_codes, self->code_checks->len);
  documents = all_documents ? g_strdup (_("Every document"))
                            : g_strdup_printf (_("%u of %u documents"), n_documents, self->document_checks->len);
  adw_expander_row_set_subtitle (self->codes_row, codes);
  adw_expander_row_set_subtitle (self->documents_row, documents);
  gtk_widget_set_visible (GTK_WIDGET (self->parent_row), unit == PL_AGREEMENT_BY_CATEGORY);
  gtk_widget_set_visible (self->descendants_row, unit != PL_AGREEMENT_BY_CATEGORY);
  gtk_widget_set_visible (self->codes_group, unit != PL_AGREEMENT_BY_CATEGORY);
}

/* The table */

static void
show_message (PlAgreementWindow *self,
              const char        *title,
              const char        *description)
{
  self->busy = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->report, pl_agreement_report_free);
  g_list_store_remove_all (self->rows);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_label_set_text (self->summary_label, title);
  gtk_stack_set_visible_child_name (self->result_stack, "message");
  gtk_widget_set_sensitive (self->export_button, FALSE);
}

static char *
describe_report (const PlAgreementReport *report)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < report->coder_names->len; i++)
    g_string_append_printf (text, "%s%s", i == 0 ? "" : i + 1 < report->coder_names->len ? ", " : _(" and "),
                            (const char *) g_ptr_array_index (report->coder_names, i));
  g_string_append (text, " · ");
  if (report->unit == PL_AGREEMENT_BY_SPAN)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%'u statement laid end to end",
                                               "%'u statements laid end to end", report->n_units),
                            report->n_units);
  else
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%'u statement coded by two or more",
                                               "%'u statements coded by two or more", report->n_units),
                            report->n_units);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " in %'u document", " in %'u documents",
                                             report->n_documents), report->n_documents);
  if (report->n_left_out > 0)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (%'u left out: not every coder coded it)",
                                               " (%'u left out: not every coder coded them)", report->n_left_out),
                            report->n_left_out);
  if (report->n_ambiguous > 0)
    g_string_append_printf (text, _("; %'u times a coder gave a statement several categories (missing)"),
                            report->n_ambiguous);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_report (PlAgreementWindow *self,
             PlAgreementReport *report)
{
  gboolean by_span = report->unit == PL_AGREEMENT_BY_SPAN;
  g_autofree char *summary = describe_report (report);
  const char *overall = report->unit == PL_AGREEMENT_BY_CATEGORY && report->overall.name != NULL
                        ? report->overall.name : _("All codes");

  self->busy = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->report, pl_agreement_report_free);
  self->report = report;

  g_list_store_remove_all (self->rows);
  {
    g_autoptr(PlAgreementItem) item = pl_agreement_item_new (&report->overall, overall);

    g_list_store_append (self->rows, item);
  }
  for (guint i = 0; i < report->rows->len; i++)
    {
      g_autoptr(PlAgreementItem) item = pl_agreement_item_new (&g_array_index (report->rows, PlAgreementRow, i),
                                                               NULL);

      g_list_store_append (self->rows, item);
    }

  for (guint i = 0; i < PL_AGREEMENT_N_COLUMNS; i++)
    gtk_column_view_column_set_visible (self->columns[i], by_span == (i == PL_AGREEMENT_COLUMN_ALPHA_U));
  gtk_column_view_column_set_title (self->columns[PL_AGREEMENT_COLUMN_FLEISS_KAPPA],
                                    report->unit == PL_AGREEMENT_BY_CATEGORY ? _("Fleiss’ κ / κⱼ") : _("Fleiss’ κ"));
  gtk_column_view_column_set_title (self->units_column, by_span ? _("Spans") : _("Units"));
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->result_stack, "table");
  gtk_widget_set_sensitive (self->export_button, TRUE);
}

static void
on_computed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PlAgreementWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  PlAgreementReport *report = pl_agreement_report_compute_finish (PL_PROJECT (source), result, &error);

  /* A newer computation runs: this one's answer is old. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&report, pl_agreement_report_free);
      return;
    }
  if (report == NULL)
    show_message (self, _("Could Not Compute the Agreement"), error->message);
  else
    show_report (self, report);
}

static gboolean
compute (gpointer user_data)
{
  PlAgreementWindow *self = user_data;
  g_autoptr(GArray) coders = chosen_ids (self->coder_ids, self->coder_checks, FALSE);
  g_autoptr(GArray) codes = NULL;
  g_autoptr(GArray) documents = chosen_ids (self->document_ids, self->document_checks,
                                            gtk_switch_get_active (self->all_documents));
  PlAgreementSpec spec = { chosen_unit (self) };
  guint parent = adw_combo_row_get_selected (self->parent_row);

  self->compute_source = 0;
  if (spec.unit != PL_AGREEMENT_BY_CATEGORY)
    codes = chosen_ids (self->code_ids, self->code_checks, gtk_switch_get_active (self->all_codes));

  if (coders->len < 2)
    {
      show_message (self, _("Choose Two or More Coders"), _("Agreement compares how coders coded the same statements."));
      return G_SOURCE_REMOVE;
    }
  if (codes != NULL && codes->len == 0)
    {
      show_message (self, _("Choose a Code"), _("Or switch on “Every code”."));
      return G_SOURCE_REMOVE;
    }
  if (documents != NULL && documents->len == 0)
    {
      show_message (self, _("Choose a Document"), _("Or switch on “Every document”."));
      return G_SOURCE_REMOVE;
    }
  if (spec.unit == PL_AGREEMENT_BY_CATEGORY)
    {
      if (parent == GTK_INVALID_LIST_POSITION || parent >= self->parent_ids->len)
        {
          show_message (self, _("No Code Has Sub-codes"),
                        _("By category, the sub-codes of one code are the values of one variable."));
          return G_SOURCE_REMOVE;
        }
      spec.parent_code_id = g_array_index (self->parent_ids, gint64, parent);
    }

  spec.coder_ids = coders;
  spec.code_ids = codes;
  spec.document_ids = documents;
  spec.with_descendants = gtk_switch_get_active (self->descendants);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  pl_agreement_report_compute_async (self->project, &spec, self->cancellable, on_computed, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_compute (PlAgreementWindow *self)
{
  update_choices (self);
  self->busy = TRUE;
  g_clear_handle_id (&self->compute_source, g_source_remove);
  self->compute_source = g_timeout_add (COMPUTE_DELAY_MS, compute, self);
}

static void
on_unit_changed (PlAgreementWindow *self)
{
  schedule_compute (self);
}

/* Export */

gboolean
pl_agreement_window_export (PlAgreementWindow  *self,
                            PlAgreementFormat   format,
                            GFile              *destination,
                            GError            **error)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  if (self->report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("There is no table to export yet."));
      return FALSE;
    }
  return pl_agreement_report_write (self->report, format, destination, error);
}

static void
on_export_response (PlAgreementWindow    *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  if (!pl_agreement_window_export (self, self->export_format, file, &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (_("Exported to “%s”"), name);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlAgreementWindow *self = PL_AGREEMENT_WINDOW (widget);
  gboolean html = g_str_equal (g_variant_get_string (parameter, NULL), "html");
  static const char *csv_patterns[] = { "*.csv", NULL };
  static const char *html_patterns[] = { "*.html", "*.htm", NULL };

  if (self->report == NULL)
    return;

  self->export_format = html ? PL_AGREEMENT_FORMAT_HTML : PL_AGREEMENT_FORMAT_CSV;
  g_clear_object (&self->chooser);
  self->chooser = pl_file_chooser_new (GTK_WINDOW (self), _("Export the Agreement"), GTK_FILE_CHOOSER_ACTION_SAVE,
                                       _("_Export"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), html ? _("Agreement.html") : _("Agreement.csv"));
  if (html)
    pl_file_chooser_add_filter (self->chooser, _("Web pages"), html_patterns, "text/html");
  else
    pl_file_chooser_add_filter (self->chooser, _("CSV tables"), csv_patterns, "text/csv");
  pl_file_chooser_show (self->chooser, G_CALLBACK (on_export_response), self);
}

/* Disagreements */

/* The first disagreement of @code_id (0: any) between @a and @b in @document_id, or -1. */
static gint
find_disagreement (PlAgreementWindow *self,
                   gint64             document_id,
                   gint64             a,
                   gint64             b,
                   gint64             code_id)
{
  g_autoptr(PlComparison) comparison = pl_comparison_new (self->project, document_id, a, b, NULL);
  guint n = comparison != NULL ? pl_comparison_get_n_disagreements (comparison) : 0;

  for (guint i = 0; i < n; i++)
    if (code_id == 0 || pl_comparison_get_disagreement (comparison, i)->key.code_id == code_id)
      return i;
  return -1;
}

PlComparisonWindow *
pl_agreement_window_show_disagreements (PlAgreementWindow *self,
                                        guint              row)
{
  g_autoptr(PlAgreementItem) item = NULL;
  g_autoptr(GArray) coders = NULL;
  g_autoptr(GArray) documents = NULL;
  g_autofree char *message = NULL;
  PlComparisonWindow *window;
  gint64 a, b, code_id;

  g_return_val_if_fail (PL_IS_AGREEMENT_WINDOW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  coders = chosen_ids (self->coder_ids, self->coder_checks, FALSE);
  documents = chosen_ids (self->document_ids, self->document_checks, gtk_switch_get_active (self->all_documents));
  if (documents == NULL)
    documents = g_array_ref (self->document_ids);
  if (item == NULL || coders->len < 2)
    return NULL;

  a = g_array_index (coders, gint64, 0);
  b = g_array_index (coders, gint64, 1);
  code_id = pl_agreement_item_get_code_id (item);
  for (guint i = 0; i < documents->len; i++)
    {
      gint64 document_id = g_array_index (documents, gint64, i);
      gint index = find_disagreement (self, document_id, a, b, code_id);

      if (index < 0)
        continue;
      window = pl_comparison_window_new (GTK_WINDOW (self), self->project,
                                         pl_project_find_document (self->project, document_id), a);
      pl_comparison_window_set_coders (window, a, b);
      pl_comparison_window_show_disagreement (window, index);
      gtk_window_present (GTK_WINDOW (window));
      return window;
    }

  /* TRANSLATORS: %s is a code's name, or "All codes". */
  message = g_strdup_printf (_("No disagreement on “%s” between the first two coders"),
                             pl_agreement_item_get_name (item));
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
  return NULL;
}

static void
on_row_activated (PlAgreementWindow *self,
                  guint              position)
{
  pl_agreement_window_show_disagreements (self, position);
}

/* Public */

gboolean
pl_agreement_window_is_busy (PlAgreementWindow *self)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_WINDOW (self), FALSE);
  return self->busy;
}

void
pl_agreement_window_set_unit (PlAgreementWindow *self,
                              PlAgreementUnit    unit)
{
  g_return_if_fail (PL_IS_AGREEMENT_WINDOW (self));
  adw_combo_row_set_selected (self->unit_row, unit);
}

GListModel *
pl_agreement_window_get_rows (PlAgreementWindow *self)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_WINDOW (self), NULL);
  return G_LIST_MODEL (self->rows);
}

char *
pl_agreement_window_dup_cell_text (PlAgreementWindow *self,
                                   guint              row,
                                   PlAgreementColumn  column)
{
  g_autoptr(PlAgreementItem) item = NULL;

  g_return_val_if_fail (PL_IS_AGREEMENT_WINDOW (self), NULL);
  g_return_val_if_fail (column < PL_AGREEMENT_N_COLUMNS, NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->rows), row);
  return item != NULL ? format_coefficient (pl_agreement_item_get_coefficient (item, column), column) : NULL;
}

const char *
pl_agreement_window_get_summary (PlAgreementWindow *self)
{
  g_return_val_if_fail (PL_IS_AGREEMENT_WINDOW (self), NULL);
  return gtk_label_get_text (self->summary_label);
}

/* GObject */

static void
pl_agreement_window_dispose (GObject *object)
{
  PlAgreementWindow *self = PL_AGREEMENT_WINDOW (object);

  g_clear_handle_id (&self->compute_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_AGREEMENT_WINDOW);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_agreement_window_parent_class)->dispose (object);
}

static void
pl_agreement_window_finalize (GObject *object)
{
  PlAgreementWindow *self = PL_AGREEMENT_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->report, pl_agreement_report_free);
  g_clear_pointer (&self->coder_ids, g_array_unref);
  g_clear_pointer (&self->coder_checks, g_ptr_array_unref);
  g_clear_pointer (&self->code_ids, g_array_unref);
  g_clear_pointer (&self->code_checks, g_ptr_array_unref);
  g_clear_pointer (&self->document_ids, g_array_unref);
  g_clear_pointer (&self->document_checks, g_ptr_array_unref);
  g_clear_pointer (&self->parent_ids, g_array_unref);

  G_OBJECT_CLASS (pl_agreement_window_parent_class)->finalize (object);
}

static void
pl_agreement_window_class_init (PlAgreementWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_agreement_window_dispose;
  object_class->finalize = pl_agreement_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-agreement-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, parent_row);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, parent_labels);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, descendants_row);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, descendants);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, coders_group);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, codes_group);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, codes_row);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, all_codes);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, documents_row);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, all_documents);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, result_stack);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, table);
  gtk_widget_class_bind_template_child (widget_class, PlAgreementWindow, status_page);
  gtk_widget_class_bind_template_callback (widget_class, schedule_compute);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_install_action (widget_class, "agreement.export", "s", export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_agreement_window_init (PlAgreementWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->coder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->coder_checks = g_ptr_array_new ();
  self->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->code_checks = g_ptr_array_new ();
  self->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->document_checks = g_ptr_array_new ();
  self->parent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rows = g_list_store_new (PL_TYPE_AGREEMENT_ITEM);
  self->cancellable = g_cancellable_new ();
  build_table (self);
}

PlAgreementWindow *
pl_agreement_window_new (GtkWindow *parent,
                         PlProject *project)
{
  PlAgreementWindow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (PL_IS_PROJECT (project), NULL);

  self = g_object_new (PL_TYPE_AGREEMENT_WINDOW, "transient-for", parent, "destroy-with-parent", TRUE, NULL);
  self->project = g_object_ref (project);
  title = pl_project_dup_title (project);
  adw_window_title_set_subtitle (self->window_title, title);
  fill_coders (self);
  fill_codes (self);
  fill_documents (self);
  name_lists (GTK_WIDGET (self->codes_row), _("Codes compared"));
  name_lists (GTK_WIDGET (self->documents_row), _("Documents compared"));
  name_lists (GTK_WIDGET (self->table), _("Agreement per code"));
  pl_accessible_tidy (GTK_WIDGET (self));
  schedule_compute (self);
  return self;
}
