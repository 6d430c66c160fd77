/* pl-codebook-split-dialog.c — splitting a code: new codes, rules, one by one
 *
 * The window describes a PlCodebookSplit: the new codes, where they go, whether the code
 * retires, and which new code each annotation moves to (by rule, or one by one).  Nothing
 * changes before "Split", which applies it all as one undoable action.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-codebook-split"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-codebook-edit.h"
#include "pl-codebook-split-dialog.h"
#include "pl-compat.h"
#include "pl-starter-names.h"

struct _PlCodebookSplitDialog
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toasts;
  AdwPreferencesGroup *codes_group;
  GtkListBox          *codes_list;
  AdwEntryRow         *regex_row;
  AdwEntryRow         *speaker_row;
  GtkDropDown         *regex_target;
  GtkDropDown         *speaker_target;
  AdwPreferencesGroup *annotations_group;
  GtkStringList       *new_codes;     /* the new codes, for the rules */

  PlProject           *project;
  PlCodebookSplit     *split;
  gint64               source_id;
  char                *source_name;
  GtkStringList       *targets;       /* "Stays", then the new codes */
  GPtrArray           *dropdowns;     /* GtkDropDown per annotation, in annotation order */
  gboolean             children;
  gboolean             retire;
  gboolean             updating;
};

G_DEFINE_FINAL_TYPE (PlCodebookSplitDialog, pl_codebook_split_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CHILDREN,
  PROP_RETIRE,
  N_PROPS
};

enum {
  APPLIED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_toast (PlCodebookSplitDialog *self,
            const char            *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (escaped));
}

/* The dropdowns show what the split now assigns. */
static void
sync_dropdowns (PlCodebookSplitDialog *self)
{
  GPtrArray *annotations = pl_codebook_split_get_annotations (self->split);

  self->updating = TRUE;
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);

      gtk_drop_down_set_selected (g_ptr_array_index (self->dropdowns, i),
                                  pl_codebook_split_get_target (self->split, annotation->guid) + 1);
    }
  self->updating = FALSE;
}

static void
add_code_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PlCodebookSplitDialog *self = PL_CODEBOOK_SPLIT_DIALOG (widget);
  g_autofree char *name = g_strstrip (g_strdup (g_variant_get_string (parameter, NULL)));
  PlCodeSpec spec = { .name = name, .codable = TRUE };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->new_codes));
  GtkWidget *row;

  if (name[0] == '\0')
    return;
  for (guint i = 0; i < n; i++)
    if (g_utf8_collate (gtk_string_list_get_string (self->new_codes, i), name) == 0)
      {
        show_toast (self, _("There is a new code of that name already."));
        return;
      }

  pl_codebook_split_add_code (self->split, &spec);
  gtk_string_list_append (self->targets, name);
  gtk_string_list_append (self->new_codes, name);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_list_box_append (self->codes_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->codes_list), TRUE);
  if (gtk_drop_down_get_selected (self->regex_target) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->regex_target, 0);
  if (gtk_drop_down_get_selected (self->speaker_target) == GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->speaker_target, 0);
}

static void
assign_rule_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PlCodebookSplitDialog *self = PL_CODEBOOK_SPLIT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *text;
  guint target;
  int matched;

  g_variant_get (parameter, "(&su)", &text, &target);
  if (g_str_equal (action_name, "split.assign-regex"))
    matched = pl_codebook_split_assign_by_regex (self->split, text, target, &error);
  else
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        g_strstrip (parts[i]);
      matched = pl_codebook_split_assign_by_speaker (self->split, (const char * const *) parts, target, &error);
    }

  if (matched < 0)
    show_toast (self, error->message);
  else
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d annotation assigned",
                                                               "%d annotations assigned", matched), matched);

      show_toast (self, message);
    }
  sync_dropdowns (self);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PlCodebookSplitDialog *self = PL_CODEBOOK_SPLIT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *guid;
  int target;

  g_variant_get (parameter, "(&si)", &guid, &target);
  if (!pl_codebook_split_assign (self->split, guid, target, &error))
    show_toast (self, error->message);
  sync_dropdowns (self);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PlCodebookSplitDialog *self = PL_CODEBOOK_SPLIT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  pl_codebook_split_set_placement (self->split, self->children ? PL_CODEBOOK_SPLIT_CHILDREN
                                                               : PL_CODEBOOK_SPLIT_SIBLINGS);
  pl_codebook_split_set_retire_source (self->split, self->retire);
  if (!pl_codebook_split_apply (self->split, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }
  g_signal_emit (self, signals[APPLIED], 0, self->source_id, self->source_name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_dropdown_selected (PlCodebookSplitDialog *self,
                      GParamSpec            *pspec,
                      GtkDropDown           *dropdown)
{
  g_autoptr(GError) error = NULL;
  PlAnnotation *annotation;
  guint index;

  if (self->updating || !g_ptr_array_find (self->dropdowns, dropdown, &index))
    return;
  annotation = g_ptr_array_index (pl_codebook_split_get_annotations (self->split), index);
  if (!pl_codebook_split_assign (self->split, annotation->guid, (int) gtk_drop_down_get_selected (dropdown) - 1, &error))
    show_toast (self, error->message);
}

static void
on_name_apply (AdwEntryRow           *row,
               PlCodebookSplitDialog *self)
{
  pl_widget_activate_action (GTK_WIDGET (self), "split.add-code", "s", gtk_editable_get_text (GTK_EDITABLE (row)));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
on_rule_apply (AdwEntryRow           *row,
               PlCodebookSplitDialog *self)
{
  GtkDropDown *target = row == self->regex_row ? self->regex_target : self->speaker_target;

  if (gtk_drop_down_get_selected (target) == GTK_INVALID_LIST_POSITION
      || g_list_model_get_n_items (G_LIST_MODEL (self->new_codes)) == 0)
    {
      show_toast (self, _("Add a new code first."));
      return;
    }
  pl_widget_activate_action (GTK_WIDGET (self), row == self->regex_row ? "split.assign-regex" : "split.assign-speaker",
                             "(su)", gtk_editable_get_text (GTK_EDITABLE (row)), gtk_drop_down_get_selected (target));
}

/* One row per annotation: its text, where it is, and a drop-down of where it goes. */
static void
add_annotation_rows (PlCodebookSplitDialog *self)
{
  GPtrArray *annotations = pl_codebook_split_get_annotations (self->split);
  g_autofree char *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation", "%u annotations",
                                                               annotations->len), annotations->len);

  adw_preferences_group_set_description (self->annotations_group, description);
  for (guint i = 0; i < annotations->len; i++)
    {
      PlAnnotation *annotation = g_ptr_array_index (annotations, i);
      PlDocument *document = pl_project_find_document (self->project, annotation->document_id);
      PlCoder *coder = pl_project_find_coder (self->project, annotation->coder_id);
      g_autofree char *text = pl_project_dup_annotation_text (self->project, annotation, NULL);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", document != NULL ? pl_document_get_title (document) : "",
                                                   coder != NULL ? coder->name : "");
      g_autofree char *accessible = NULL;
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->targets)), NULL);
      GtkWidget *row;

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
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_dropdown_selected), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      g_ptr_array_add (self->dropdowns, dropdown);
      adw_preferences_group_add (self->annotations_group, row);
    }
}

static void
pl_codebook_split_dialog_dispose (GObject *object)
{
  PlCodebookSplitDialog *self = PL_CODEBOOK_SPLIT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CODEBOOK_SPLIT_DIALOG);
  g_clear_pointer (&self->split, pl_codebook_split_free);
  g_clear_object (&self->targets);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (pl_codebook_split_dialog_parent_class)->dispose (object);
}

static void
pl_codebook_split_dialog_finalize (GObject *object)
{
  PlCodebookSplitDialog *self = PL_CODEBOOK_SPLIT_DIALOG (object);

  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_free (self->source_name);

  G_OBJECT_CLASS (pl_codebook_split_dialog_parent_class)->finalize (object);
}

static void
pl_codebook_split_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PlCodebookSplitDialog *self = PL_CODEBOOK_SPLIT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CHILDREN:
      g_value_set_boolean (value, self->children);
      break;

    case PROP_RETIRE:
      g_value_set_boolean (value, self->retire);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_codebook_split_dialog_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  PlCodebookSplitDialog *self = PL_CODEBOOK_SPLIT_DIALOG (object);
  gboolean *field;

  switch (prop_id)
    {
    case PROP_CHILDREN:
      field = &self->children;
      break;

    case PROP_RETIRE:
      field = &self->retire;
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  if (*field != g_value_get_boolean (value))
    {
      *field = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
pl_codebook_split_dialog_class_init (PlCodebookSplitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pl_codebook_split_dialog_dispose;
  object_class->finalize = pl_codebook_split_dialog_finalize;
  object_class->get_property = pl_codebook_split_dialog_get_property;
  object_class->set_property = pl_codebook_split_dialog_set_property;

  /* Whether the new codes become sub-codes of the code (else its siblings), and whether
   * the code retires (becomes a folder, or goes). */
  properties[PROP_CHILDREN] =
    g_param_spec_boolean ("children", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETIRE] =
    g_param_spec_boolean ("retire", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PlCodebookSplitDialog::applied:
   * @code_id: the code that was split
   * @name: its name before the split
   */
  signals[APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-codebook-split-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, codes_group);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, codes_list);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, regex_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, speaker_row);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, regex_target);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, speaker_target);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, annotations_group);
  gtk_widget_class_bind_template_child (widget_class, PlCodebookSplitDialog, new_codes);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_apply);

  gtk_widget_class_install_action (widget_class, "split.add-code", "s", add_code_action);
  gtk_widget_class_install_action (widget_class, "split.assign-regex", "(su)", assign_rule_action);
  gtk_widget_class_install_action (widget_class, "split.assign-speaker", "(su)", assign_rule_action);
  gtk_widget_class_install_action (widget_class, "split.assign", "(si)", assign_action);
  gtk_widget_class_install_property_action (widget_class, "split.children", "children");
  gtk_widget_class_install_property_action (widget_class, "split.retire", "retire");
  gtk_widget_class_install_action (widget_class, "split.apply", NULL, apply_action);
}

static void
pl_codebook_split_dialog_init (PlCodebookSplitDialog *self)
{
  self->children = TRUE;
  self->dropdowns = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));
}

PlCodebookSplitDialog *
pl_codebook_split_dialog_new (GtkWindow  *parent,
                              PlCodebook *codebook,
                              PlCode     *code,
                              GError    **error)
{
  g_autoptr(PlCodebookSplit) split = NULL;
  g_autofree char *title = NULL;
  g_autofree char *stay = NULL;
  g_autofree char *description = NULL;
  PlCodebookSplitDialog *self;

  g_return_val_if_fail (PL_IS_CODEBOOK (codebook), NULL);
  g_return_val_if_fail (PL_IS_CODE (code), NULL);

  split = pl_codebook_split_new (codebook, pl_code_get_id (code), error);
  if (split == NULL)
    return NULL;

  title = g_strdup_printf (_("Split “%s”"), pl_code_get_display_name (code));
  self = g_object_new (PL_TYPE_CODEBOOK_SPLIT_DIALOG, "transient-for", parent, "title", title, NULL);
  self->project = g_object_ref (pl_codebook_get_project (codebook));
  self->split = g_steal_pointer (&split);
  self->source_id = pl_code_get_id (code);
  self->source_name = g_strdup (pl_code_get_display_name (code));

  stay = g_strdup_printf (_("Stays with “%s”"), pl_code_get_display_name (code));
  self->targets = gtk_string_list_new ((const char *[]) { stay, NULL });
  description = g_strdup_printf (_("Annotations you do not assign stay with “%s”."), pl_code_get_display_name (code));
  adw_preferences_group_set_description (self->codes_group, description);
  add_annotation_rows (self);
  return self;
}
