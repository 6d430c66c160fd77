/* pl-row-layout.c — children side by side, their widths independent of the row's height
 *
 * A horizontal GtkBoxLayout asks each child for its width *for the row's height* when it
 * allocates.  A wrapping label answers that by laying its text out again and again in a
 * binary search for the narrowest width that fits the height: a code list of fifty rows
 * spent more on that than on everything else in its first frame.  A row's children are
 * sized by width first (a name wraps to the width it is given, never the other way), so
 * this layout measures their widths for no particular height, shares the row's width out
 * as the box does (minimums, then towards naturals, then the rest to children that
 * expand), and asks for heights only for the widths given.  Left to right, or right to
 * left in a right-to-left locale; children centre themselves with their own valign.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-row-layout"

#include "config.h"

#include "pl-row-layout.h"

struct _PlRowLayout
{
  GtkLayoutManager parent_instance;

  int              spacing;
};

G_DEFINE_FINAL_TYPE (PlRowLayout, pl_row_layout, GTK_TYPE_LAYOUT_MANAGER)

enum {
  PROP_0,
  PROP_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The children laid out, their widths for no height in @sizes, and the room they share. */
static guint
measure_widths (PlRowLayout *self,
                GtkWidget   *widget,
                GArray      *sizes,
                int         *minimum,
                int         *natural)
{
  guint n = 0;

  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkRequestedSize size = { child, 0, 0 };

      if (!gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &size.minimum_size, &size.natural_size, NULL, NULL);
      if (sizes != NULL)
        g_array_append_val (sizes, size);
      *minimum += size.minimum_size;
      *natural += size.natural_size;
      n++;
    }
  if (n > 1)
    {
      *minimum += self->spacing * (int) (n - 1);
      *natural += self->spacing * (int) (n - 1);
    }
  return n;
}

/* Shares @width out as GtkBoxLayout does; the widths are left in @sizes' minimum_size. */
static GArray *
distribute (PlRowLayout *self,
            GtkWidget   *widget,
            int          width)
{
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (GtkRequestedSize));
  GtkRequestedSize *size;
  int minimum, natural, extra;
  guint n, n_expand = 0;

  n = measure_widths (self, widget, sizes, &minimum, &natural);
  if (n == 0)
    return sizes;
  size = (GtkRequestedSize *) (void *) sizes->data;
  extra = gtk_distribute_natural_allocation (MAX (width - minimum, 0), n, size);

  for (guint i = 0; i < n; i++)
    if (gtk_widget_compute_expand (size[i].data, GTK_ORIENTATION_HORIZONTAL))
      n_expand++;
  for (guint i = 0; i < n && n_expand > 0; i++)
    if (gtk_widget_compute_expand (size[i].data, GTK_ORIENTATION_HORIZONTAL))
      {
        int share = extra / (int) n_expand;

        size[i].minimum_size += share;
        extra -= share;
        n_expand--;
      }
  return sizes;
}

static void
pl_row_layout_measure (GtkLayoutManager *manager,
                       GtkWidget        *widget,
                       GtkOrientation    orientation,
                       int               for_size,
                       int              *minimum,
                       int              *natural,
                       int              *minimum_baseline,
                       int              *natural_baseline)
{
  PlRowLayout *self = PL_ROW_LAYOUT (manager);
  g_autoptr(GArray) sizes = NULL;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_widths (self, widget, NULL, minimum, natural);
      return;
    }

  *minimum = *natural = 0;
  if (for_size < 0)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_minimum, child_natural;

          if (!gtk_widget_get_visible (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, -1, &child_minimum, &child_natural, NULL, NULL);
          *minimum = MAX (*minimum, child_minimum);
          *natural = MAX (*natural, child_natural);
        }
      return;
    }

  sizes = distribute (self, widget, for_size);
  for (guint i = 0; i < sizes->len; i++)
    {
      const GtkRequestedSize *size = &g_array_index (sizes, GtkRequestedSize, i);
      int child_minimum, child_natural;

      gtk_widget_measure (size->data, GTK_ORIENTATION_VERTICAL, size->minimum_size, &child_minimum, &child_natural,
                          NULL, NULL);
      *minimum = MAX (*minimum, child_minimum);
      *natural = MAX (*natural, child_natural);
    }
}

static void
pl_row_layout_allocate (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        int               width,
                        int               height,
                        int               baseline)
{
  PlRowLayout *self = PL_ROW_LAYOUT (manager);
  g_autoptr(GArray) sizes = distribute (self, widget, width);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int x = 0;

  for (guint i = 0; i < sizes->len; i++)
    {
      const GtkRequestedSize *size = &g_array_index (sizes, GtkRequestedSize, i);
      GtkAllocation allocation = { rtl ? width - x - size->minimum_size : x, 0, size->minimum_size, height };

      gtk_widget_size_allocate (size->data, &allocation, -1);
      x += size->minimum_size + self->spacing;
    }
}

static GtkSizeRequestMode
pl_row_layout_get_request_mode (GtkLayoutManager *manager,
                                GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pl_row_layout_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PlRowLayout *self = PL_ROW_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_row_layout_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PlRowLayout *self = PL_ROW_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      if (self->spacing != g_value_get_int (value))
        {
          self->spacing = g_value_get_int (value);
          gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pl_row_layout_class_init (PlRowLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->get_property = pl_row_layout_get_property;
  object_class->set_property = pl_row_layout_set_property;
  layout_class->get_request_mode = pl_row_layout_get_request_mode;
  layout_class->measure = pl_row_layout_measure;
  layout_class->allocate = pl_row_layout_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pl_row_layout_init (PlRowLayout *self)
{
}

GtkLayoutManager *
pl_row_layout_new (int spacing)
{
  return g_object_new (PL_TYPE_ROW_LAYOUT, "spacing", spacing, NULL);
}
