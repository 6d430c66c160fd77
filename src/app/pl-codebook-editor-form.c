/* pl-codebook-editor-form.c — the codebook editor's form: the selected code's name, ids,
 * key, colour, folder switch, uses, definition and cues
 *
 * Fields commit when activated or when the focus leaves them, to the code the form was
 * filled for; a refused value is replaced by the stored one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook.h"
#include "pl-codebook-editor-private.h"

static const char *palette_names[] = {
  N_("blue"), N_("orange"), N_("bluish green"), N_("reddish purple"), N_("vermilion"),
  N_("sky blue"), N_("yellow"), N_("grey"), N_("dark blue"), N_("dark orange"),
  N_("dark green"), N_("dark purple"), N_("dark vermilion"), N_("dark sky blue"),
  N_("olive"), N_("dark grey"),
};

static const struct
{
  const char      *title;
  const char      *accessible;
  PlCodebookField  field;
} text_fields[PL_CODEBOOK_EDITOR_N_TEXTS] = {
  { N_("Definition"), N_("Definition: what the code means, in one sentence"), PL_CODEBOOK_FIELD_DEFINITION },
  { N_("Include When"), N_("Inclusion cues: when to apply the code"), PL_CODEBOOK_FIELD_INCLUSION },
  { N_("Exclude When"), N_("Exclusion cues: when not to apply it, and what to use instead"), PL_CODEBOOK_FIELD_EXCLUSION },
  { N_("Anchor Example"), N_("Anchor example: a sentence that clearly belongs to the code"), PL_CODEBOOK_FIELD_EXAMPLE },
};

/* Colours */

void
pl_codebook_editor_update_css (PlCodebookEditor *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char * const *palette = pl_codebook_get_palette ();
  g_autoptr(GString) css = g_string_new (NULL);
  PlCode *code = pl_codebook_editor_find_code (self, self->form_id);

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

/* Filling the form */

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

      if (pl_codebook_editor_is_within (self, item, code))
        total += pl_code_get_n_annotations (item);
    }
  return total;
}

void
pl_codebook_editor_update_form (PlCodebookEditor *self)
{
  PlCode *code = pl_codebook_editor_get_selected (self);
  const char * const *palette = pl_codebook_get_palette ();
  g_autofree char *uses = NULL;
  guint own, total;

  pl_codebook_editor_update_title (self);
  pl_codebook_editor_update_actions (self);
  pl_codebook_merge_popover_set_source (self->merge_popover, code);

  if (self->show_log)
    gtk_stack_set_visible_child_name (self->stack, "log");
  else
    gtk_stack_set_visible_child_name (self->stack, code != NULL ? "form" : "empty");

  self->form_id = code != NULL ? pl_code_get_id (code) : 0;
  pl_codebook_editor_update_css (self);
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

  for (guint i = 0; i < PL_CODEBOOK_EDITOR_N_TEXTS; i++)
    set_text_view (self->texts[i], code_text (code, text_fields[i].field));
  self->updating = FALSE;
}

/* Shows the stored values of the code the form was filled for (not the selected one). */
static void
refill_form (PlCodebookEditor *self)
{
  gint64 keep = self->current_id;

  self->current_id = self->form_id;
  pl_codebook_editor_update_form (self);
  self->current_id = keep;
}

/* Changes */

gboolean
pl_codebook_editor_apply_change (PlCodebookEditor *self,
                                 gint64            code_id,
                                 PlCodebookChange  change,
                                 PlCodebookField   field,
                                 const char       *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (pl_codebook_editor_find_code (self, code_id) == NULL)
    return FALSE;

  switch (change)
    {
    case PL_CODEBOOK_CHANGE_NAME:
      ok = pl_codebook_rename (self->codebook, code_id, value, &error);
      break;
    case PL_CODEBOOK_CHANGE_SHORT_ID:
      ok = pl_codebook_set_short_id (self->codebook, code_id, value, &error);
      break;
    case PL_CODEBOOK_CHANGE_SHORTCUT:
      ok = pl_codebook_set_shortcut (self->codebook, code_id, value, &error);
      break;
    case PL_CODEBOOK_CHANGE_COLOR:
      ok = pl_codebook_set_colors (self->codebook, code_id, value, NULL, &error);
      break;
    case PL_CODEBOOK_CHANGE_TEXT:
    default:
      ok = pl_codebook_set_text (self->codebook, code_id, field, value, &error);
      break;
    }

  if (!pl_codebook_editor_report (self, ok, error))
    refill_form (self);
  return ok;
}

static void
commit_entry (PlCodebookEditor *self,
              AdwEntryRow      *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  PlCodebookChange change;

  if (self->updating || self->form_id == 0)
    return;
  if (row == self->name_row)
    change = PL_CODEBOOK_CHANGE_NAME;
  else if (row == self->short_id_row)
    change = PL_CODEBOOK_CHANGE_SHORT_ID;
  else if (row == self->shortcut_row)
    change = PL_CODEBOOK_CHANGE_SHORTCUT;
  else
    change = PL_CODEBOOK_CHANGE_COLOR;
  pl_codebook_editor_apply_change (self, self->form_id, change, 0, text);
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
  for (guint i = 0; i < PL_CODEBOOK_EDITOR_N_TEXTS; i++)
    if (GTK_WIDGET (self->texts[i]) == view)
      pl_codebook_editor_apply_change (self, self->form_id, PL_CODEBOOK_CHANGE_TEXT, text_fields[i].field, text);
}

static void
on_folder_toggled (PlCodebookEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->updating || self->form_id == 0)
    return;
  if (!pl_codebook_editor_report (self, pl_codebook_set_codable (self->codebook, self->form_id,
                                                                 !gtk_switch_get_active (self->folder_switch), &error),
                                  error))
    pl_codebook_editor_update_form (self);
}

static void
on_swatch_toggled (GtkToggleButton  *button,
                   PlCodebookEditor *self)
{
  guint index;

  if (self->updating || self->form_id == 0 || !g_ptr_array_find (self->swatches, button, &index))
    return;
  if (gtk_toggle_button_get_active (button))
    pl_codebook_editor_apply_change (self, self->form_id, PL_CODEBOOK_CHANGE_COLOR, 0, pl_codebook_get_palette ()[index]);
  else
    refill_form (self);   /* the swatch of the code's own colour stays pressed */
}

/* Building */

static void
add_focus_commit (GtkWidget  *widget,
                  GCallback   callback,
                  gpointer    data)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (focus, "leave", callback, data);
  gtk_widget_add_controller (widget, focus);
}

/* One toggle per palette colour, showing it in the light style (left) and the dark. */
static void
add_swatches (PlCodebookEditor *self)
{
  const char * const *palette = pl_codebook_get_palette ();

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
      g_signal_connect_object (button, "toggled", G_CALLBACK (on_swatch_toggled), self, 0);
      gtk_flow_box_append (self->palette_box, button);
      g_ptr_array_add (self->swatches, button);
    }
}

/* A heading and a framed text view per definition field. */
static void
add_texts (PlCodebookEditor *self)
{
  for (guint i = 0; i < PL_CODEBOOK_EDITOR_N_TEXTS; i++)
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
}

void
pl_codebook_editor_form_init (PlCodebookEditor *self)
{
  AdwEntryRow *entries[] = { self->name_row, self->short_id_row, self->shortcut_row, self->color_row };

  self->css = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (pl_codebook_editor_update_css), self, G_CONNECT_SWAPPED);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      g_signal_connect_object (entries[i], "apply", G_CALLBACK (commit_entry), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (entries[i], "entry-activated", G_CALLBACK (commit_entry), self, G_CONNECT_SWAPPED);
      add_focus_commit (GTK_WIDGET (entries[i]), G_CALLBACK (on_entry_leave), self);
    }
  /* The rows are named by their titles; these say more. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Name of the code"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->short_id_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Short id of the code"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->shortcut_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Shortcut key that applies the code"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Colour as #RRGGBB"), -1);
  g_signal_connect_object (self->folder_switch, "notify::active", G_CALLBACK (on_folder_toggled), self, G_CONNECT_SWAPPED);

  add_swatches (self);
  add_texts (self);
  pl_codebook_editor_update_css (self);
}

void
pl_codebook_editor_form_dispose (PlCodebookEditor *self)
{
  /* Fields losing the focus as the window goes have nothing to commit any more. */
  self->form_id = 0;
  self->updating = TRUE;

  if (self->css != NULL)
    {
      gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                     GTK_STYLE_PROVIDER (self->css));
      g_clear_object (&self->css);
    }
  g_clear_pointer (&self->swatches, g_ptr_array_unref);
}
