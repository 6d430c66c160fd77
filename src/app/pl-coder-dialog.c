/* pl-coder-dialog.c — who is coding: name, initials and colour
 *
 * The dialog opens with the name selected in its entry, so typing replaces it and Enter
 * saves.  Initials the user did not type follow the name: a renamed coder does not keep
 * the old name's initials (left empty, the project derives them from the name).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-coder-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pl-coder-dialog.h"
#include "pl-compat.h"

struct _PlCoderDialog
{
  AdwWindow    parent_instance;

  AdwEntryRow *name_row;
  AdwEntryRow *initials_row;
  GtkFlowBox  *colors;
  gboolean     initials_typed;   /* by the user, not prefilled */
};

G_DEFINE_FINAL_TYPE (PlCoderDialog, pl_coder_dialog, ADW_TYPE_WINDOW)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Colours that tell coders apart in light and dark styles (Okabe–Ito and GNOME's). */
static const char *palette[] = {
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#813D9C", "#5E5C64",
};

static const char *
selected_color (PlCoderDialog *self)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (self->colors);

  if (selected == NULL)
    return NULL;
  return palette[gtk_flow_box_child_get_index (selected->data)];
}

gboolean
pl_coder_dialog_save (PlCoderDialog *self)
{
  g_autofree char *name = NULL;
  g_autofree char *initials = NULL;

  g_return_val_if_fail (PL_IS_CODER_DIALOG (self), FALSE);

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  initials = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->initials_row))));
  if (name[0] == '\0')
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }

  g_signal_emit (self, signals[DONE], 0, name, initials[0] != '\0' ? initials : NULL, selected_color (self));
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  pl_coder_dialog_save (PL_CODER_DIALOG (widget));
}

void
pl_coder_dialog_set_name (PlCoderDialog *self,
                          const char    *name)
{
  g_return_if_fail (PL_IS_CODER_DIALOG (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

static void
on_name_changed (PlCoderDialog *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  if (self->initials_typed)
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->initials_row), "");
}

static void
on_initials_changed (PlCoderDialog *self)
{
  self->initials_typed = gtk_editable_get_text (GTK_EDITABLE (self->initials_row))[0] != '\0';
}

/* The name takes the focus, all of it selected: typing replaces the guess. */
static void
on_map (PlCoderDialog *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
}

static void
pl_coder_dialog_class_init (PlCoderDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * PlCoderDialog::done:
   * @name: the coder's name
   * @initials: (nullable): initials
   * @color: (nullable): "#RRGGBB"
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/plenary/Plenary/pl-coder-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PlCoderDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PlCoderDialog, initials_row);
  gtk_widget_class_bind_template_child (widget_class, PlCoderDialog, colors);
  gtk_widget_class_install_action (widget_class, "coder.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pl_coder_dialog_init (PlCoderDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pl_accessible_tidy (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *swatch = gtk_label_new (NULL);
      g_autofree char *css = g_strdup_printf ("coder-swatch-%u", i);
      g_autofree char *label = g_strdup_printf (_("Colour %u"), i + 1);

      gtk_widget_add_css_class (swatch, "coder-swatch");
      gtk_widget_add_css_class (swatch, css);
      gtk_widget_set_size_request (swatch, 28, 28);
      gtk_accessible_update_property (GTK_ACCESSIBLE (swatch), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_flow_box_append (self->colors, swatch);
    }
  gtk_flow_box_select_child (self->colors, gtk_flow_box_get_child_at_index (self->colors, 0));
  g_signal_connect_object (self->name_row, "entry-activated", G_CALLBACK (pl_coder_dialog_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->initials_row, "entry-activated", G_CALLBACK (pl_coder_dialog_save), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "map", G_CALLBACK (on_map), self, G_CONNECT_SWAPPED);
}

PlCoderDialog *
pl_coder_dialog_new (GtkWindow  *parent,
                     const char *name,
                     const char *initials,
                     const char *color)
{
  PlCoderDialog *self = g_object_new (PL_TYPE_CODER_DIALOG, "transient-for", parent, NULL);

  pl_coder_dialog_set_name (self, name);
  gtk_editable_set_text (GTK_EDITABLE (self->initials_row), initials != NULL ? initials : "");
  /* Prefilled initials are the name's: they go when the name changes. */
  self->initials_typed = FALSE;
  g_signal_connect_object (self->name_row, "changed", G_CALLBACK (on_name_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->initials_row, "changed", G_CALLBACK (on_initials_changed), self, G_CONNECT_SWAPPED);
  for (guint i = 0; color != NULL && i < G_N_ELEMENTS (palette); i++)
    if (g_ascii_strcasecmp (palette[i], color) == 0)
      gtk_flow_box_select_child (self->colors, gtk_flow_box_get_child_at_index (self->colors, i));
  return self;
}
