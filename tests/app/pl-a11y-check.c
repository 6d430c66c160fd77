/* pl-a11y-check.c — what a screen reader would find unnamed in a window
 *
 * GTK 4.8 has no public getter for an accessible name; the test backend answers whether an
 * attribute is set and, through the check functions, what it holds.  The name is computed
 * as GTK's AT-SPI bridge computes it (gtk_at_context_get_name): the "label" property, then
 * the labels of the "labelled-by" widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pl-a11y-check.h"

void
pl_a11y_check_init (void)
{
  g_setenv ("GTK_A11Y", "test", TRUE);
}

char *
pl_a11y_check_dup_property (GtkWidget            *widget,
                            GtkAccessibleProperty property)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), property))
    return NULL;

  /* The check returns the value it holds when it differs from the one asked for; no label
   * is ever this one. */
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), property, "\x01");
  if (value != NULL && value[0] == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static void
collect (GtkWidget *widget,
         GPtrArray *all)
{
  g_ptr_array_add (all, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, all);
}

/* The widget @widget is labelled by, when it is one; NULL when it is several or none. */
static GtkWidget *
labelled_by (GtkWidget *widget)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  collect (GTK_WIDGET (gtk_widget_get_root (widget)), all);
  for (guint i = 0; i < all->len; i++)
    {
      g_autofree char *differs = gtk_test_accessible_check_relation (GTK_ACCESSIBLE (widget),
                                                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                                                     all->pdata[i], NULL);

      if (differs == NULL)
        return all->pdata[i];
    }
  return NULL;
}

/* The name that the "labelled-by" widgets give @widget, or NULL. */
static char *
dup_labelled_by_name (GtkWidget *widget)
{
  GtkWidget *target;

  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return NULL;

  /* Several labelling widgets: trust them. */
  target = labelled_by (widget);
  return target != NULL ? pl_a11y_check_dup_property (target, GTK_ACCESSIBLE_PROPERTY_LABEL) : g_strdup ("…");
}

char *
pl_a11y_check_dup_name (GtkWidget *widget)
{
  g_autofree char *label = pl_a11y_check_dup_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_autofree char *by = dup_labelled_by_name (widget);

  if (label != NULL && by != NULL)
    return g_strconcat (label, " ", by, NULL);
  return label != NULL ? g_steal_pointer (&label) : g_steal_pointer (&by);
}

static const char *
role_name (GtkAccessibleRole role)
{
  GEnumClass *roles = g_type_class_ref (GTK_TYPE_ACCESSIBLE_ROLE);
  GEnumValue *value = g_enum_get_value (roles, role);
  const char *nick = value != NULL ? value->value_nick : "?";

  g_type_class_unref (roles);
  return nick;
}

/* What a user operates or reads as one thing, and so needs a name. */
static gboolean
is_control (GtkAccessibleRole role)
{
  switch ((int) role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_GRID:
    case GTK_ACCESSIBLE_ROLE_IMG:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_LIST:
    case GTK_ACCESSIBLE_ROLE_LIST_BOX:
    case GTK_ACCESSIBLE_ROLE_LIST_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_PROGRESS_BAR:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
    case GTK_ACCESSIBLE_ROLE_TREE_GRID:
    case GTK_ACCESSIBLE_ROLE_TREE_ITEM:
      return TRUE;
    default:
      return FALSE;
    }
}

static char *
describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (path->len > 0)
        g_string_prepend (path, " < ");
      g_string_prepend (path, G_OBJECT_TYPE_NAME (w));
      if (path->len > 160)
        break;
    }
  if (tooltip != NULL)
    g_string_append_printf (path, " (tooltip “%s”)", tooltip);
  return g_string_free (path, FALSE);
}

/* What AT-SPI calls a "filler": a widget that says nothing about what it is. */
static gboolean
is_filler (GtkAccessibleRole role)
{
  return role == GTK_ACCESSIBLE_ROLE_GENERIC || role == GTK_ACCESSIBLE_ROLE_WIDGET;
}

/* Controls whose children are their content (the label or picture of a button, the
 * chosen item of a combo box), not controls of their own. */
static gboolean
holds_content (GtkAccessibleRole role)
{
  return role == GTK_ACCESSIBLE_ROLE_BUTTON || role == GTK_ACCESSIBLE_ROLE_COMBO_BOX
         || role == GTK_ACCESSIBLE_ROLE_CHECKBOX || role == GTK_ACCESSIBLE_ROLE_RADIO
         || role == GTK_ACCESSIBLE_ROLE_SWITCH || role == GTK_ACCESSIBLE_ROLE_LINK
         || role == GTK_ACCESSIBLE_ROLE_SPIN_BUTTON || role == GTK_ACCESSIBLE_ROLE_SEARCH_BOX;
}

static void
find_problems (GtkWidget *widget,
               GtkWidget *control,
               GPtrArray *problems)
{
  GtkAccessibleRole role;
  g_autofree char *label = NULL;

  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget)
      || !gtk_widget_get_mapped (widget))
    return;

  role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  label = pl_a11y_check_dup_property (widget, GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (control != NULL && (holds_content (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (control)))
                          || role == GTK_ACCESSIBLE_ROLE_IMG))
    {
      /* Part of the named control above it (GtkMenuButton's own toggle among them). */
    }
  else if (is_control (role))
    {
      g_autofree char *by = dup_labelled_by_name (widget);
      g_autofree char *name = pl_a11y_check_dup_name (widget);

      if (name == NULL || g_strstrip (name)[0] == '\0')
        g_ptr_array_add (problems, g_strdup_printf ("unnamed %s: %s", role_name (role), describe (widget)));
      else if (label != NULL && by != NULL)
        g_ptr_array_add (problems, g_strdup_printf ("%s named twice (“%s”): %s", role_name (role), name,
                                                    describe (widget)));
      if (role != GTK_ACCESSIBLE_ROLE_LIST && role != GTK_ACCESSIBLE_ROLE_LIST_BOX
          && role != GTK_ACCESSIBLE_ROLE_GRID && role != GTK_ACCESSIBLE_ROLE_TREE_GRID)
        control = widget;
    }
  else if (is_filler (role) && gtk_widget_get_focusable (widget))
    g_ptr_array_add (problems, g_strdup_printf ("focusable with the role %s (“filler”): %s",
                                                role_name (role), describe (widget)));
  else if (is_filler (role) && label != NULL)
    g_ptr_array_add (problems, g_strdup_printf ("a name (“%s”) on a “filler”, not on its control: %s",
                                                label, describe (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_problems (child, control, problems);
}

GPtrArray *
pl_a11y_check_find_problems (GtkWidget *root)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GTK_IS_WIDGET (root), problems);

  if (GTK_IS_WINDOW (root))
    {
      const char *title = gtk_window_get_title (GTK_WINDOW (root));

      if (title == NULL || title[0] == '\0')
        g_ptr_array_add (problems, g_strdup_printf ("window without a title: %s", G_OBJECT_TYPE_NAME (root)));
    }
  find_problems (root, NULL, problems);
  return problems;
}

void
pl_a11y_check_assert_named (GtkWidget  *root,
                            const char *where)
{
  g_autoptr(GPtrArray) problems = pl_a11y_check_find_problems (root);

  if (problems->len > 0)
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_printf (message, "%u accessibility problems in %s:", problems->len, where);
      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (message, "\n  %s", (char *)problems->pdata[i]);
      g_test_message ("%s", message->str);
      g_test_fail_printf ("%s", message->str);
    }
}
