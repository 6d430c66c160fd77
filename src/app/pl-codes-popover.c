/* pl-codes-popover.c — which codes to retrieve: with or without sub-codes, any or all of
 * them, and codes whose statements are left out
 *
 * One row per code in codebook order, indented by depth, with the code's swatch: a check
 * to retrieve it and a minus to leave out the statements that have it (the two exclude
 * each other).  Folders can be chosen too: with sub-codes they stand for their family.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codes-popover"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pl-codes-popover.h"
#include "pl-starter-names.h"

typedef struct
{
  gint64           id;
  char            *short_id;
  char            *haystack;  /* short id and name, folded, for the search */
  GtkWidget       *row;
  GtkCheckButton  *check;
  GtkToggleButton *exclude;
} CodeRow;

struct _PlCodesPopover
{
  GtkPopover      parent_instance;

  GtkSearchEntry *search_entry;
  GtkListBox     *codes_list;
  GtkCheckButton *descendants_check;
  GtkDropDown    *mode_dropdown;

  PlProject      *project;
  GArray         *rows;     /* CodeRow, codebook order */
  gboolean        built;    /* rows made for the project's codes (when first needed) */
  gboolean        filling;
};

G_DEFINE_FINAL_TYPE (PlCodesPopover, pl_codes_popover, GTK_TYPE_POPOVER)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
code_row_clear (gpointer data)
{
  CodeRow *row = data;

  g_free (row->short_id);
  g_free (row->haystack);
}

static void
emit_changed (PlCodesPopover *self)
{
  if (!self->filling)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_check_toggled (PlCodesPopover *self,
                  GtkWidget      *button)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      CodeRow *row = &g_array_index (self->rows, CodeRow, i);

      /* Retrieving a code and leaving out its statements exclude each other. */
      if (button == GTK_WIDGET (row->check) && gtk_check_button_get_active (row->check))
        gtk_toggle_button_set_active (row->exclude, FALSE);
      else if (button == GTK_WIDGET (row->exclude) && gtk_toggle_button_get_active (row->exclude))
        gtk_check_button_set_active (row->check, FALSE);
    }
  emit_changed (self);
}

static gboolean
match_row (GtkListBoxRow *list_row,
           gpointer       user_data)
{
  PlCodesPopover *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = NULL;

  if (*text == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  for (guint i = 0; i < self->rows->len; i++)
    {
      CodeRow *row = &g_array_index (self->rows, CodeRow, i);

      if (row->row == GTK_WIDGET (list_row))
        return strstr (row->haystack, needle) != NULL;
    }
  return TRUE;
}

static void
add_row (PlCodesPopover *self,
         PlCode         *code)
{
  CodeRow row = { 0 };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  g_autofree char *swatch_class = g_strdup_printf ("code-color-%" G_GINT64_FORMAT, pl_code_get_id (code));
  const char *short_id = pl_code_get_short_id (code);
  g_autofree char *label = short_id != NULL ? g_strdup_printf ("%s  %s", short_id, pl_code_get_display_name (code))
                                            : g_strdup (pl_code_get_display_name (code));
  g_autofree char *exclude_label = g_strdup_printf (_("Leave out statements with “%s”"), pl_code_get_display_name (code));

  row.id = pl_code_get_id (code);
  row.short_id = g_strdup (short_id != NULL ? short_id : pl_code_get_display_name (code));
  row.haystack = g_utf8_casefold (label, -1);
  row.check = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (label));
  gtk_widget_set_hexpand (GTK_WIDGET (row.check), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row.check), pl_code_get_path (code));
  row.exclude = GTK_TOGGLE_BUTTON (gtk_toggle_button_new ());
  gtk_button_set_icon_name (GTK_BUTTON (row.exclude), "list-remove-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (row.exclude), exclude_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row.exclude), GTK_ACCESSIBLE_PROPERTY_LABEL, exclude_label, -1);
  gtk_widget_add_css_class (GTK_WIDGET (row.exclude), "flat");
  gtk_widget_add_css_class (GTK_WIDGET (row.exclude), "circular");

  gtk_widget_add_css_class (swatch, "code-swatch");
  gtk_widget_add_css_class (swatch, swatch_class);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 6 + 14 * (int) pl_code_get_depth (code));
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row.check));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row.exclude));

  row.row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row.row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row.row), FALSE);
  gtk_widget_set_focusable (row.row, FALSE);
  gtk_list_box_append (self->codes_list, row.row);

  g_signal_connect_object (row.check, "toggled", G_CALLBACK (on_check_toggled), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row.exclude, "toggled", G_CALLBACK (on_check_toggled), self, G_CONNECT_SWAPPED);
  g_array_append_val (self->rows, row);
}

static void
rebuild (PlCodesPopover *self)
{
  GtkWidget *child;
  GListModel *codes;

  g_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->codes_list))) != NULL)
    gtk_list_box_remove (self->codes_list, child);
  if (self->project == NULL || !self->built)
    return;

  codes = pl_project_get_codes (self->project);
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    {
      g_autoptr(PlCode) code = g_list_model_get_item (codes, i);

      add_row (self, code);
    }
}

/* The rows are made when the popover is first shown or set: opening a project makes none. */
static void
ensure_rows (PlCodesPopover *self)
{
  if (self->built)
    return;
  self->filling = TRUE;
  self->built = TRUE;
  rebuild (self);
  self->filling = FALSE;
}

/* Keeps what is chosen across a change of the codebook. */
static void
on_codes_changed (PlCodesPopover *self)
{
  PlRetrieveSpec spec = { 0 };

  if (!self->built)
    return;

  pl_codes_popover_get_spec (self, &spec);
  self->filling = TRUE;
  rebuild (self);
  self->filling = FALSE;
  pl_codes_popover_set_codes (self, spec.code_ids, spec.not_code_ids, spec.with_descendants, spec.mode);
  g_clear_pointer (&spec.code_ids, g_array_unref);
  g_clear_pointer (&spec.not_code_ids, g_array_unref);
}

void
pl_codes_popover_set_project (PlCodesPopover *self,
                              PlProject      *project)
{
  g_return_if_fail (PL_IS_CODES_POPOVER (self));

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_set_object (&self->project, project);
  if (project != NULL)
    g_signal_connect_object (project, "codes-changed", G_CALLBACK (on_codes_changed), self, G_CONNECT_SWAPPED);
  self->built = FALSE;
  self->filling = TRUE;
  rebuild (self);
  self->filling = FALSE;
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    ensure_rows (self);
}

void
pl_codes_popover_get_spec (PlCodesPopover *self,
                           PlRetrieveSpec *spec)
{
  g_return_if_fail (PL_IS_CODES_POPOVER (self));

  spec->code_ids = NULL;
  spec->not_code_ids = NULL;
  for (guint i = 0; i < self->rows->len; i++)
    {
      CodeRow *row = &g_array_index (self->rows, CodeRow, i);
      GArray **ids = gtk_check_button_get_active (row->check) ? &spec->code_ids
                     : gtk_toggle_button_get_active (row->exclude) ? &spec->not_code_ids : NULL;

      if (ids == NULL)
        continue;
      if (*ids == NULL)
        *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (*ids, row->id);
    }
  spec->with_descendants = gtk_check_button_get_active (self->descendants_check);
  spec->mode = gtk_drop_down_get_selected (self->mode_dropdown) == 1 ? PL_RETRIEVE_ALL : PL_RETRIEVE_ANY;
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

void
pl_codes_popover_set_codes (PlCodesPopover *self,
                            GArray         *code_ids,
                            GArray         *not_code_ids,
                            gboolean        with_descendants,
                            PlRetrieveMode  mode)
{
  g_return_if_fail (PL_IS_CODES_POPOVER (self));

  ensure_rows (self);
  self->filling = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      CodeRow *row = &g_array_index (self->rows, CodeRow, i);

      gtk_check_button_set_active (row->check, contains (code_ids, row->id));
      gtk_toggle_button_set_active (row->exclude, contains (not_code_ids, row->id));
    }
  gtk_check_button_set_active (self->descendants_check, with_descendants);
  gtk_drop_down_set_selected (self->mode_dropdown, mode == PL_RETRIEVE_ALL ? 1 : 0);
  self->filling = FALSE;
  emit_changed (self);
}

char *
pl_codes_popover_dup_summary (PlCodesPopover *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_not = 0;

  g_return_val_if_fail (PL_IS_CODES_POPOVER (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CodeRow *row = &g_array_index (self->rows, CodeRow, i);

      if (gtk_check_button_get_active (row->check))
        g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "", row->short_id);
      n_not += gtk_toggle_button_get_active (row->exclude);
    }
  if (text->len == 0)
    return NULL;
  if (n_not > 0)
    /* Translators: after the codes retrieved, how many codes leave statements out */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " (not %u code)", " (not %u codes)", n_not), n_not);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* GObject */

static void
pl_codes_popover_dispose (GObject *object)
{
  PlCodesPopover *self = PL_CODES_POPOVER (object);

  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CODES_POPOVER);
  G_OBJECT_CLASS (pl_codes_popover_parent_class)->dispose (object);
}

static void
pl_codes_popover_finalize (GObject *object)
{
  PlCodesPopover *self = PL_CODES_POPOVER (object);

  g_array_unref (self->rows);
  G_OBJECT_CLASS (pl_codes_popover_parent_class)->finalize (object);
}

static void
pl_codes_popover_class_init (PlCodesPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_codes_popover_dispose;
  object_class->finalize = pl_codes_popover_finalize;

  /**
   * PlCodesPopover::changed:
   *
   * A code, the sub-codes or the mode was chosen.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-codes-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCodesPopover, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PlCodesPopover, codes_list);
  gtk_widget_class_bind_template_child (widget_class, PlCodesPopover, descendants_check);
  gtk_widget_class_bind_template_child (widget_class, PlCodesPopover, mode_dropdown);
}

static void
pl_codes_popover_init (PlCodesPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_array_new (FALSE, TRUE, sizeof (CodeRow));
  g_array_set_clear_func (self->rows, code_row_clear);
  gtk_list_box_set_filter_func (self->codes_list, match_row, self, NULL);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (gtk_list_box_invalidate_filter),
                           self->codes_list, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->descendants_check, "toggled", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mode_dropdown, "notify::selected", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "show", G_CALLBACK (ensure_rows), NULL);
}

GtkWidget *
pl_codes_popover_new (void)
{
  return g_object_new (PL_TYPE_CODES_POPOVER, NULL);
}
