/* pl-code-row.c — one code in a list: swatch, name, short id, uses, key, expander
 *
 * The row follows its code's properties (name, short id, key, depth, uses, …) for as long
 * as it shows that code; what only the list knows (uses in the open document, folded
 * branches) is set on the row by the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-code-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-code-row.h"
#include "pl-compat.h"
#include "pl-row-layout.h"
#include "pl-starter-names.h"

struct _PlCodeRow
{
  GtkWidget      parent_instance;

  GtkWidget     *expander;
  GtkWidget     *swatch;
  GtkWidget     *folder_icon;
  GtkLabel      *name_label;
  GtkLabel      *short_id_label;
  GtkLabel      *count_label;
  GtkLabel      *shortcut_label;

  PlCodeRowMode  mode;
  PlCode        *code;
  GBindingGroup *bindings;
  GSignalGroup  *signals;
  int            document_count;
  int            project_count;  /* -1: the code's own count */
  gboolean       expandable;
  gboolean       expanded;
};

G_DEFINE_FINAL_TYPE (PlCodeRow, pl_code_row, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (PlCodeRowMode, pl_code_row_mode,
                    G_DEFINE_ENUM_VALUE (PL_CODE_ROW_APPLY, "apply"),
                    G_DEFINE_ENUM_VALUE (PL_CODE_ROW_EDIT, "edit"))

enum {
  PROP_0,
  PROP_MODE,
  PROP_CODE,
  PROP_DOCUMENT_COUNT,
  PROP_EXPANDABLE,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How far each level is indented, in pixels. */
static const int indent[] = { [PL_CODE_ROW_APPLY] = 16, [PL_CODE_ROW_EDIT] = 18 };

/* "12" uses, or "3 / 12" with a document open; nothing for an unused code. */
static void
update_count (PlCodeRow *self)
{
  guint in_project = self->project_count >= 0 ? (guint) self->project_count
                     : self->code != NULL ? pl_code_get_n_annotations (self->code) : 0;
  g_autofree char *text = NULL;

  if (in_project == 0)
    text = g_strdup ("");
  else if (self->document_count >= 0)
    text = g_strdup_printf ("%'d / %'u", self->document_count, in_project);
  else
    text = g_strdup_printf ("%'u", in_project);

  /* Counts change with every annotation: leave an unchanged label alone. */
  if (g_strcmp0 (gtk_label_get_text (self->count_label), text) != 0)
    gtk_label_set_text (self->count_label, text);
}

static void update_expander (PlCodeRow *self);

static void
update_accessible_label (PlCodeRow *self)
{
  g_autofree char *label = NULL;

  if (self->code == NULL)
    return;

  if (self->mode == PL_CODE_ROW_EDIT)
    {
      guint uses = pl_code_get_n_annotations (self->code);

      label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, level %u, %u annotation%s",
                                            "%s, level %u, %u annotations%s", uses),
                               pl_code_get_path (self->code), pl_code_get_depth (self->code) + 1, uses,
                               pl_code_get_codable (self->code) ? "" : _(", folder"));
    }
  else if (pl_code_get_shortcut (self->code) != NULL)
    label = g_strdup_printf (_("Apply code “%s” (key %s)"), pl_code_get_path (self->code),
                             pl_code_get_shortcut (self->code));
  else
    label = g_strdup_printf (_("Apply code “%s”"), pl_code_get_path (self->code));

  /* On the list's row, which is what a screen reader reads. */
  pl_list_item_set_accessible_label (GTK_WIDGET (self), label);
  update_expander (self);
}

static void
update_depth (PlCodeRow *self)
{
  guint depth = self->code != NULL ? pl_code_get_depth (self->code) : 0;

  gtk_widget_set_margin_start (GTK_WIDGET (self), indent[self->mode] * depth);
  if (depth == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_label), "heading");
  update_accessible_label (self);
}

static void
on_uses_changed (PlCodeRow *self)
{
  update_count (self);
  if (self->mode == PL_CODE_ROW_EDIT)
    update_accessible_label (self);
}

static void
update_expander (PlCodeRow *self)
{
  g_autofree char *label = NULL;
  const char *tooltip;

  if (self->mode != PL_CODE_ROW_APPLY)
    return;

  /* Leaves keep the expander's room so that names line up. */
  gtk_widget_set_child_visible (self->expander, self->expandable);
  gtk_button_set_icon_name (GTK_BUTTON (self->expander), self->expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  /* Setting a tooltip on a widget on screen makes GTK 4.8 ask the X server where the
   * pointer is (a round trip): a list of fifty rows spent 70 ms of its first frame on it.
   * So only a branch's expander has one, set when it changes. */
  tooltip = !self->expandable ? NULL : self->expanded ? _("Collapse") : _("Expand");
  if (g_strcmp0 (gtk_widget_get_tooltip_text (self->expander), tooltip) != 0)
    gtk_widget_set_tooltip_text (self->expander, tooltip);
  if (self->code != NULL)
    label = g_strdup_printf (self->expanded ? _("Collapse “%s”") : _("Expand “%s”"), pl_code_get_display_name (self->code));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label != NULL ? label : _("Expand"), -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->expander), GTK_ACCESSIBLE_STATE_EXPANDED, self->expanded, -1);
}

/* The name in full (the row may cut it after two lines), then the definition. */
static gboolean
on_query_tooltip (PlCodeRow  *self,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  g_autofree char *markup = NULL;
  const char *definition;
  graphene_point_t point;

  if (self->code == NULL)
    return FALSE;

  /* The uses have their own explanation (set here rather than on the label: see
   * update_expander() for what a tooltip set on a label costs). */
  if (gtk_widget_compute_point (GTK_WIDGET (self), GTK_WIDGET (self->count_label), &GRAPHENE_POINT_INIT (x, y), &point)
      && gtk_widget_contains (GTK_WIDGET (self->count_label), point.x, point.y))
    {
      gtk_tooltip_set_text (tooltip, _("Uses in this document / in the whole project"));
      return TRUE;
    }

  definition = pl_code_get_definition (self->code);
  markup = definition != NULL
    ? g_markup_printf_escaped ("<b>%s</b>\n%s", pl_code_get_path (self->code), definition)
    : g_markup_printf_escaped ("<b>%s</b>", pl_code_get_path (self->code));
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

PlCode *
pl_code_row_get_code (PlCodeRow *self)
{
  g_return_val_if_fail (PL_IS_CODE_ROW (self), NULL);
  return self->code;
}

void
pl_code_row_set_code (PlCodeRow *self,
                      PlCode    *code)
{
  g_return_if_fail (PL_IS_CODE_ROW (self));
  g_return_if_fail (code == NULL || PL_IS_CODE (code));

  if (!g_set_object (&self->code, code))
    return;

  g_binding_group_set_source (self->bindings, code);
  g_signal_group_set_target (self->signals, code);

  if (code != NULL)
    {
      g_autofree char *color_class = g_strdup_printf (self->mode == PL_CODE_ROW_EDIT ? "cbe-code-%" G_GINT64_FORMAT
                                                                                   : "code-color-%" G_GINT64_FORMAT,
                                                      pl_code_get_id (code));
      const char *classes[] = { self->mode == PL_CODE_ROW_EDIT ? "cbe-swatch" : "code-swatch", color_class, NULL };

      gtk_widget_set_css_classes (self->swatch, classes);
      if (self->mode == PL_CODE_ROW_APPLY)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->expander),
                                                g_variant_new_int64 (pl_code_get_id (code)));
    }
  update_depth (self);
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

void
pl_code_row_set_document_count (PlCodeRow *self,
                                int        count)
{
  g_return_if_fail (PL_IS_CODE_ROW (self));

  count = MAX (count, -1);
  if (self->document_count == count)
    return;
  self->document_count = count;
  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_COUNT]);
}

void
pl_code_row_set_project_count (PlCodeRow *self,
                               int        count)
{
  g_return_if_fail (PL_IS_CODE_ROW (self));

  count = MAX (count, -1);
  if (self->project_count == count)
    return;
  self->project_count = count;
  update_count (self);
}

void
pl_code_row_set_expandable (PlCodeRow *self,
                            gboolean   expandable)
{
  g_return_if_fail (PL_IS_CODE_ROW (self));

  expandable = !!expandable;
  if (self->expandable == expandable)
    return;
  self->expandable = expandable;
  update_expander (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDABLE]);
}

void
pl_code_row_set_expanded (PlCodeRow *self,
                          gboolean   expanded)
{
  g_return_if_fail (PL_IS_CODE_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;
  self->expanded = expanded;
  update_expander (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

static gboolean
is_set (GBinding     *binding,
        const GValue *from,
        GValue       *to,
        gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

/* A starter code shows its name in the coder's language until it is renamed. */
static gboolean
display_name (GBinding     *binding,
              const GValue *from,
              GValue       *to,
              gpointer      user_data)
{
  g_autoptr(GObject) code = g_binding_dup_source (binding);

  g_value_set_string (to, code != NULL ? pl_code_get_display_name (PL_CODE (code)) : g_value_get_string (from));
  return TRUE;
}

static void
pl_code_row_constructed (GObject *object)
{
  PlCodeRow *self = PL_CODE_ROW (object);
  gboolean apply = self->mode == PL_CODE_ROW_APPLY;

  G_OBJECT_CLASS (pl_code_row_parent_class)->constructed (object);

  gtk_widget_add_css_class (GTK_WIDGET (self), apply ? "code-row" : "cbe-row");
  gtk_widget_set_visible (self->expander, apply);
  gtk_widget_set_visible (self->folder_icon, FALSE);
  gtk_label_set_width_chars (self->count_label, apply ? 5 : 4);

  g_binding_group_bind_full (self->bindings, "name", self->name_label, "label", G_BINDING_SYNC_CREATE,
                             display_name, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "short-id", self->short_id_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->bindings, "shortcut", self->shortcut_label, "label", G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->bindings, "shortcut", self->shortcut_label, "visible", G_BINDING_SYNC_CREATE,
                             is_set, NULL, NULL, NULL);
  g_signal_group_connect_object (self->signals, "notify::n-annotations", G_CALLBACK (on_uses_changed),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->signals, "notify::depth", G_CALLBACK (update_depth),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->signals, "notify::path", G_CALLBACK (update_accessible_label),
                                 self, G_CONNECT_SWAPPED);

  if (apply)
    {
      /* Folders cannot be applied: their names are dimmed, but they stay reachable by the
       * keys and clicks that show a definition.  The full name and the definition show on
       * hover. */
      g_binding_group_bind (self->bindings, "codable", self->name_label, "sensitive", G_BINDING_SYNC_CREATE);
      gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
      g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);
      g_signal_group_connect_object (self->signals, "notify::shortcut", G_CALLBACK (update_accessible_label),
                                     self, G_CONNECT_SWAPPED);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->expander), g_variant_new_int64 (0));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->expander), "panel.toggle-branch");
      update_expander (self);
    }
  else
    {
      g_binding_group_bind (self->bindings, "codable", self->folder_icon, "visible",
                            G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
      g_signal_group_connect_object (self->signals, "notify::codable", G_CALLBACK (update_accessible_label),
                                     self, G_CONNECT_SWAPPED);
    }
}

static void
pl_code_row_dispose (GObject *object)
{
  PlCodeRow *self = PL_CODE_ROW (object);

  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->signals != NULL)
    g_signal_group_set_target (self->signals, NULL);
  g_clear_object (&self->code);
  gtk_widget_dispose_template (GTK_WIDGET (self), PL_TYPE_CODE_ROW);

  G_OBJECT_CLASS (pl_code_row_parent_class)->dispose (object);
}

static void
pl_code_row_finalize (GObject *object)
{
  PlCodeRow *self = PL_CODE_ROW (object);

  g_clear_object (&self->bindings);
  g_clear_object (&self->signals);

  G_OBJECT_CLASS (pl_code_row_parent_class)->finalize (object);
}

static void
pl_code_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PlCodeRow *self = PL_CODE_ROW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;

    case PROP_CODE:
      g_value_set_object (value, self->code);
      break;

    case PROP_DOCUMENT_COUNT:
      g_value_set_int (value, self->document_count);
      break;

    case PROP_EXPANDABLE:
      g_value_set_boolean (value, self->expandable);
      break;

    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_code_row_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PlCodeRow *self = PL_CODE_ROW (object);

  switch (prop_id)
    {
    case PROP_MODE:
      self->mode = g_value_get_enum (value);
      break;

    case PROP_CODE:
      pl_code_row_set_code (self, g_value_get_object (value));
      break;

    case PROP_DOCUMENT_COUNT:
      pl_code_row_set_document_count (self, g_value_get_int (value));
      break;

    case PROP_EXPANDABLE:
      pl_code_row_set_expandable (self, g_value_get_boolean (value));
      break;

    case PROP_EXPANDED:
      pl_code_row_set_expanded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_code_row_class_init (PlCodeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pl_code_row_constructed;
  object_class->dispose = pl_code_row_dispose;
  object_class->finalize = pl_code_row_finalize;
  object_class->get_property = pl_code_row_get_property;
  object_class->set_property = pl_code_row_set_property;

  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, PL_TYPE_CODE_ROW_MODE, PL_CODE_ROW_APPLY,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_object ("code", NULL, NULL, PL_TYPE_CODE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_COUNT] =
    g_param_spec_int ("document-count", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPANDABLE] =
    g_param_spec_boolean ("expandable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PL_TYPE_ROW_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-code-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCodeRow, expander);
  gtk_widget_class_bind_template_child (widget_class, PlCodeRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, PlCodeRow, folder_icon);
  gtk_widget_class_bind_template_child (widget_class, PlCodeRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, PlCodeRow, short_id_label);
  gtk_widget_class_bind_template_child (widget_class, PlCodeRow, count_label);
  gtk_widget_class_bind_template_child (widget_class, PlCodeRow, shortcut_label);
  gtk_widget_class_set_css_name (widget_class, "coderow");
}

static void
pl_code_row_init (PlCodeRow *self)
{
  self->document_count = -1;
  self->project_count = -1;
  self->expanded = TRUE;
  self->bindings = g_binding_group_new ();
  self->signals = g_signal_group_new (PL_TYPE_CODE);

  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pl_code_row_new (PlCodeRowMode mode)
{
  return g_object_new (PL_TYPE_CODE_ROW, "mode", mode, NULL);
}
