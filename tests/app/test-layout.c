/* test-layout.c — the window at the sizes people use, with large text and in dark style
 *
 * The text keeps 60–90 characters a line from 1024×600 to 4K, with the desktop's text at
 * 1.5× and with the transcript's own text size at 1.5×; the panels fold into overlays
 * rather than squeezing it; side-by-side headers are one height.  With
 * PLENARY_SCREENSHOT_DIR set, each case is also saved there as a PNG.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>

#include "pl-settings.h"
#include "pl-window-private.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

static char *tmp_dir;

static PlWindow *
window_of_size (PlProject *project,
                int        width,
                int        height)
{
  PlWindow *window = pl_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  pl_ui_test_wait_for_frames (GTK_WIDGET (window));
  return window;
}

/* Whether the window is @width wide, less the frame of its client-side decorations. */
static gboolean
got_size (PlWindow *window,
          int       width)
{
  return gtk_widget_get_width (GTK_WIDGET (window)) >= width - 32;
}

/* The characters on the fullest display line of the longest statement. */
static guint
chars_per_line (PlTranscriptView *view)
{
  GtkTextView *text_view = pl_transcript_view_get_text_view (view);
  GPtrArray *statements = pl_transcript_view_get_statements (view);
  PlStatement *longest = NULL;
  GtkTextIter iter, end, line_end;
  guint most = 0;

  for (guint i = 0; i < statements->len; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, i);

      if (longest == NULL || statement->end - statement->start > longest->end - longest->start)
        longest = statement;
    }
  g_assert_nonnull (longest);

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, longest->start);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &end, longest->end);
  while (gtk_text_iter_compare (&iter, &end) < 0)
    {
      line_end = iter;
      if (!gtk_text_view_forward_display_line_end (text_view, &line_end))
        break;
      /* The paragraph's last line is as short as the paragraph leaves it. */
      if (gtk_text_iter_compare (&line_end, &end) >= 0)
        break;
      most = MAX (most, (guint) (gtk_text_iter_get_offset (&line_end) - gtk_text_iter_get_offset (&iter)));
      iter = line_end;
      if (!gtk_text_view_forward_display_line (text_view, &iter))
        break;
      gtk_text_view_backward_display_line_start (text_view, &iter);
    }
  return most;
}

static void
assert_readable (PlWindow   *window,
                 const char *what)
{
  guint chars = chars_per_line (pl_window_get_transcript_view (window));

  g_test_message ("%s: %d×%d, %u characters a line", what,
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window)), chars);
  g_assert_cmpuint (chars, >=, 60);
  g_assert_cmpuint (chars, <=, 90);
}

static void
test_line_length (void)
{
  static const struct { int width, height; const char *name; } sizes[] = {
    { 1024, 600, "1024x600" },
    { 1280, 800, "1280x800" },
    { 1920, 1080, "1920x1080" },
    { 3840, 2160, "3840x2160" },
  };
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      PlWindow *window = window_of_size (project, sizes[i].width, sizes[i].height);

      if (!got_size (window, sizes[i].width))
        {
          g_test_message ("the display gives no window of %d pixels", sizes[i].width);
          gtk_window_destroy (GTK_WINDOW (window));
          continue;
        }
      assert_readable (window, sizes[i].name);
      pl_ui_test_save_screenshot (GTK_WIDGET (window), sizes[i].name);
      gtk_window_destroy (GTK_WINDOW (window));
      pl_ui_test_spin ();
    }
}

/* The window's minimum: both panels fold away, the text keeps its lines. */
static void
test_narrow (void)
{
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, NULL);
  PlWindow *window = window_of_size (project, 720, 480);

  assert_readable (window, "the window's minimum");
  g_assert_false (pl_window_layout_get_sidebar_visible (window));
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "720x480");

  /* F9 brings the documents back, over the text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-sidebar", NULL));
  pl_ui_test_wait_for_frames (GTK_WIDGET (window));
  g_assert_true (pl_window_layout_get_sidebar_visible (window));
  pl_ui_test_settle ();
  assert_readable (window, "the window's minimum, documents shown");
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "720x480-documents");
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

static gboolean
is_cut (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "code-name") && gtk_widget_get_mapped (widget)
      && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget)))
      && g_utf8_strlen (gtk_label_get_text (GTK_LABEL (widget)), -1) <= 60)
    {
      g_test_message ("cut: “%s”", gtk_label_get_text (GTK_LABEL (widget)));
      return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (is_cut (child))
      return TRUE;
  return FALSE;
}

/* The desktop's large text (1.5×), then the transcript's own text size. */
static void
test_large_text (void)
{
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, NULL);
  g_autoptr(PlSettings) settings = pl_settings_new ();
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  int dpi, normal_space;
  PlWindow *window;

  g_object_get (gtk_settings, "gtk-xft-dpi", &dpi, NULL);
  g_object_set (gtk_settings, "gtk-xft-dpi", 96 * 1024 * 3 / 2, NULL);

  window = window_of_size (project, 1024, 600);
  assert_readable (window, "large text");
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "1024x600-large-text");

  /* Code names wrap to two lines instead of being cut. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1920, 1080);
  pl_ui_test_wait_for_frames (GTK_WIDGET (window));
  if (got_size (window, 1920))
    {
      assert_readable (window, "large text");
      g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (pl_window_get_tagging_panel (window)), ADW_TYPE_FLAP))));
      pl_ui_test_save_screenshot (GTK_WIDGET (window), "1920x1080-large-text");
      g_assert_false (is_cut (GTK_WIDGET (pl_window_get_tagging_panel (window))));
    }
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
  g_object_set (gtk_settings, "gtk-xft-dpi", dpi, NULL);

  /* Preferences → Text Size 150 %. */
  window = window_of_size (project, 1280, 800);
  normal_space = pl_text_view_get_header_space (pl_transcript_view_get_pl_text_view (pl_window_get_transcript_view (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  pl_settings_set_text_scale (settings, 1.5);
  window = window_of_size (project, 1280, 800);
  g_assert_cmpfloat (pl_transcript_view_get_text_scale (pl_window_get_transcript_view (window)), ==, 1.5);
  assert_readable (window, "text size 150 %");
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "1280x800-text-150");

  /* The speaker headers grow with the text. */
  {
    PlTextView *text_view = pl_transcript_view_get_pl_text_view (pl_window_get_transcript_view (window));

    g_assert_cmpint (pl_text_view_get_header_space (text_view), >=, normal_space + 5);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
  pl_settings_set_text_scale (settings, 1.0);
}

static GtkWidget *
find_by_class (GtkWidget  *widget,
               const char *css_class,
               guint       nth)
{
  guint seen = 0;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();

  g_ptr_array_add (stack, widget);
  while (stack->len > 0)
    {
      GtkWidget *node = g_ptr_array_steal_index (stack, 0);

      if (gtk_widget_has_css_class (node, css_class) && seen++ == nth)
        return node;
      for (GtkWidget *child = gtk_widget_get_first_child (node); child != NULL; child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }
  return NULL;
}

static void
test_side_by_side (void)
{
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, NULL);
  PlWindow *window = window_of_size (project, 1920, 1080);
  GtkWidget *first, *second;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.split-view", NULL));
  pl_ui_test_wait_for_frames (GTK_WIDGET (window));

  first = find_by_class (GTK_WIDGET (window), "pane-header", 0);
  second = find_by_class (GTK_WIDGET (window), "pane-header", 1);
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_cmpint (gtk_widget_get_height (first), ==, gtk_widget_get_height (second));
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "1920x1080-side-by-side");
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();
}

static void
test_dark (void)
{
  g_autoptr(PlProject) project = pl_ui_test_demo_project (tmp_dir, NULL);
  g_autoptr(PlSettings) settings = pl_settings_new ();
  AdwStyleManager *manager = adw_style_manager_get_default ();
  PlWindow *window;

  pl_settings_bind_style (settings, manager);
  pl_settings_set_style_variant (settings, PL_STYLE_VARIANT_DARK);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (manager));

  window = window_of_size (project, 1280, 800);
  pl_ui_test_save_screenshot (GTK_WIDGET (window), "1280x800-dark");
  gtk_window_destroy (GTK_WINDOW (window));
  pl_ui_test_spin ();

  pl_settings_set_style_variant (settings, PL_STYLE_VARIANT_LIGHT);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  pl_settings_set_style_variant (settings, PL_STYLE_VARIANT_DEFAULT);
  g_assert_cmpint (adw_style_manager_get_color_scheme (manager), ==, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = pl_ui_test_init (&argc, &argv, "plenary-layout");
  if (tmp_dir == NULL)
    return 77;

  g_test_add_func ("/layout/line-length", test_line_length);
  g_test_add_func ("/layout/narrow", test_narrow);
  g_test_add_func ("/layout/large-text", test_large_text);
  g_test_add_func ("/layout/side-by-side", test_side_by_side);
  g_test_add_func ("/layout/dark", test_dark);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
