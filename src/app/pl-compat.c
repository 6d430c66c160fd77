/* pl-compat.c — the one place where newer GTK API meets our GTK 4.8 floor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pl-compat.h"

void
pl_widget_get_color (GtkWidget *widget,
                     GdkRGBA   *color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (color != NULL);

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
#endif
G_GNUC_END_IGNORE_DEPRECATIONS
}

gboolean
pl_widget_activate_action (GtkWidget  *widget,
                           const char *name,
                           const char *format_string,
                           ...)
{
  GVariant *parameter = NULL;
  gboolean activated;
  va_list args;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (format_string != NULL)
    {
      va_start (args, format_string);
      parameter = g_variant_ref_sink (g_variant_new_va (format_string, NULL, &args));
      va_end (args);
    }

  activated = gtk_widget_activate_action_variant (widget, name, parameter);
  g_clear_pointer (&parameter, g_variant_unref);
  return activated;
}

void
pl_list_item_set_accessible_label (GtkWidget  *child,
                                   const char *label)
{
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (child));

  row = gtk_widget_get_parent (child);
  if (row != NULL && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
pl_accessible_tidy (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_IMAGE (root) && gtk_widget_get_ancestor (root, ADW_TYPE_ENTRY_ROW) != NULL
      && gtk_widget_get_ancestor (root, GTK_TYPE_BUTTON) == NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      return;
    }

  if (GTK_IS_BUTTON (root) && gtk_button_get_use_underline (GTK_BUTTON (root))
      && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (root));
      g_autoptr(GString) text = g_string_new (NULL);

      /* "_" marks the mnemonic; "__" is a literal underline. */
      for (const char *p = label; *p != '\0'; p++)
        {
          if (*p == '_' && p[1] == '_')
            p++;
          else if (*p == '_')
            continue;
          g_string_append_c (text, *p);
        }
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pl_accessible_tidy (child);
}
