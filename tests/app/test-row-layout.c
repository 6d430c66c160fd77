/* test-row-layout.c — the code row's layout: a box's widths, never a width for a height
 *
 * PlRowLayout replaces GtkBoxLayout in the code row because the box asks a wrapping label
 * for its width for the row's height, which the label answers with a binary search of
 * layouts.  Here: children get the widths a horizontal GtkBox gives them, the row the
 * same height, at every width from cramped to wide; right to left mirrors them; and no
 * child is ever asked for a width for a height (a probe child records what it is asked).
 * And the code row's tooltips: only a branch's expander has one (a tooltip set on a widget
 * on screen costs GTK 4.8 a round trip to the X server), following its state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>

#include "pl-code-row.h"
#include "pl-row-layout.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

#define SPACING 8

/* A child that is 40×20 and remembers whether it was asked its width for a height. */
#define PROBE_TYPE (probe_get_type ())
G_DECLARE_FINAL_TYPE (Probe, probe, PROBE, WIDGET, GtkWidget)

struct _Probe
{
  GtkWidget parent_instance;
  gboolean  asked_width_for_height;
};

G_DEFINE_FINAL_TYPE (Probe, probe, GTK_TYPE_WIDGET)

static void
probe_measure (GtkWidget      *widget,
               GtkOrientation  orientation,
               int             for_size,
               int            *minimum,
               int            *natural,
               int            *minimum_baseline,
               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL && for_size >= 0)
    PROBE_WIDGET (widget)->asked_width_for_height = TRUE;
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 40 : 20;
}

/* As a wrapping label: GTK passes a size to measure only to widgets that trade one for the other. */
static GtkSizeRequestMode
probe_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
probe_class_init (ProbeClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = probe_measure;
  GTK_WIDGET_CLASS (klass)->get_request_mode = probe_get_request_mode;
}

static void
probe_init (Probe *self)
{
}

static char *tmp_dir;

/* Swatch, a name that wraps to two lines at most, a short id, a count, a probe. */
static GtkWidget *
new_row (gboolean row_layout)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, SPACING);
  GtkWidget *swatch = gtk_image_new_from_icon_name ("folder-symbolic");
  GtkWidget *name = gtk_label_new ("Confidence-building measures on the protection of critical infrastructure");
  GtkWidget *short_id = gtk_label_new ("CBM.CI");
  GtkWidget *count = gtk_label_new ("12 / 1,234");

  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (name), 2);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (name), 8);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_label_set_width_chars (GTK_LABEL (count), 5);

  gtk_box_append (GTK_BOX (row), swatch);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), short_id);
  gtk_box_append (GTK_BOX (row), count);
  gtk_box_append (GTK_BOX (row), g_object_new (PROBE_TYPE, NULL));
  if (row_layout)
    gtk_widget_set_layout_manager (row, pl_row_layout_new (SPACING));
  return row;
}

/* Lays @row out @width wide at the height it asks for that width; that height. */
static int
lay_out (GtkWidget *row,
         int        width)
{
  int minimum, natural, height;

  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  width = MAX (width, minimum);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  height = minimum;
  gtk_widget_size_allocate (row, &(GtkAllocation) { 0, 0, width, height }, -1);
  return height;
}

static GtkWidget *
new_window (GtkWidget *content)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), content);
  gtk_window_present (GTK_WINDOW (window));
  pl_ui_test_wait_for_frames (window);
  return window;
}

static void
test_same_as_box (void)
{
  GtkWidget *box = new_row (FALSE), *row = new_row (TRUE);
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window;
  int box_minimum, row_minimum, box_natural, row_natural;

  gtk_box_append (GTK_BOX (rows), box);
  gtk_box_append (GTK_BOX (rows), row);
  window = new_window (rows);

  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &box_minimum, &box_natural, NULL, NULL);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, &row_minimum, &row_natural, NULL, NULL);
  g_assert_cmpint (row_minimum, ==, box_minimum);
  g_assert_cmpint (row_natural, ==, box_natural);

  for (int width = box_minimum; width <= box_natural + 200; width += 7)
    {
      GtkWidget *a, *b;

      int row_natural_height, box_natural_height;

      g_assert_cmpint (lay_out (row, width), ==, lay_out (box, width));
      gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, width, NULL, &row_natural_height, NULL, NULL);
      gtk_widget_measure (box, GTK_ORIENTATION_VERTICAL, width, NULL, &box_natural_height, NULL, NULL);
      g_assert_cmpint (row_natural_height, ==, box_natural_height);
      for (a = gtk_widget_get_first_child (box), b = gtk_widget_get_first_child (row); a != NULL;
           a = gtk_widget_get_next_sibling (a), b = gtk_widget_get_next_sibling (b))
        {
          graphene_rect_t in_box, in_row;

          g_assert_true (gtk_widget_compute_bounds (a, box, &in_box));
          g_assert_true (gtk_widget_compute_bounds (b, row, &in_row));
          g_assert_cmpfloat (in_row.origin.x, ==, in_box.origin.x);
          g_assert_cmpfloat (in_row.size.width, ==, in_box.size.width);
          g_assert_cmpfloat (in_row.origin.y, ==, in_box.origin.y);
          g_assert_cmpfloat (in_row.size.height, ==, in_box.size.height);
        }
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_right_to_left (void)
{
  GtkWidget *row = new_row (TRUE);
  GtkWidget *window;
  graphene_rect_t first, last;
  int width;

  gtk_widget_set_direction (row, GTK_TEXT_DIR_RTL);
  window = new_window (row);
  width = 400;
  lay_out (row, width);

  g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_first_child (row), row, &first));
  g_assert_true (gtk_widget_compute_bounds (gtk_widget_get_last_child (row), row, &last));
  g_assert_cmpfloat (first.origin.x + first.size.width, ==, width);
  g_assert_cmpfloat (last.origin.x, ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_no_width_for_height (void)
{
  GtkWidget *box = new_row (FALSE), *row = new_row (TRUE);
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *window;

  gtk_box_append (GTK_BOX (rows), box);
  gtk_box_append (GTK_BOX (rows), row);
  window = new_window (rows);
  for (int width = 200; width <= 600; width += 50)
    {
      lay_out (box, width);
      lay_out (row, width);
    }

  /* The box does ask (which is why the row does not use it)… */
  g_assert_true (PROBE_WIDGET (gtk_widget_get_last_child (box))->asked_width_for_height);
  /* …the row's layout never does. */
  g_assert_false (PROBE_WIDGET (gtk_widget_get_last_child (row))->asked_width_for_height);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_expander_tooltip (void)
{
  g_autoptr(PlCode) code = pl_code_new (1, &(PlCodeSpec) { .name = "Norms", .short_id = "NRM", .codable = TRUE },
                                        0, "Norms", 3);
  GtkWidget *row = pl_code_row_new (PL_CODE_ROW_APPLY);
  GtkWidget *expander = gtk_widget_get_first_child (row);
  GtkWidget *window;

  g_assert_true (GTK_IS_BUTTON (expander));
  pl_code_row_set_code (PL_CODE_ROW (row), code);
  window = new_window (row);

  /* A leaf: its expander only keeps the room, with no tooltip. */
  g_assert_null (gtk_widget_get_tooltip_text (expander));
  g_assert_false (gtk_widget_get_has_tooltip (expander));

  pl_code_row_set_expandable (PL_CODE_ROW (row), TRUE);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (expander), ==, "Collapse");
  pl_code_row_set_expanded (PL_CODE_ROW (row), FALSE);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (expander), ==, "Expand");
  pl_code_row_set_expandable (PL_CODE_ROW (row), FALSE);
  g_assert_null (gtk_widget_get_tooltip_text (expander));

  /* The row explains its name and its uses itself, when asked. */
  g_assert_true (gtk_widget_get_has_tooltip (row));
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL; child = gtk_widget_get_next_sibling (child))
    g_assert_false (gtk_widget_get_has_tooltip (child));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-row-layout");
  if (tmp_dir == NULL)
    return 77;

  g_test_add_func ("/row-layout/same-as-box", test_same_as_box);
  g_test_add_func ("/row-layout/right-to-left", test_right_to_left);
  g_test_add_func ("/row-layout/no-width-for-height", test_no_width_for_height);
  g_test_add_func ("/code-row/expander-tooltip", test_expander_tooltip);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
