/* test-large-document.c — a 10 MB document in the window: switching while it loads, what
 * the highlights paint, and what the window defers to keep actions cheap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "plenary-test"

#include "config.h"

#include <adwaita.h>

#include "pl-codebook.h"
#include "pl-compat.h"
#include "pl-transcript-view.h"
#include "pl-window-private.h"
#include "pl-test-util.h"
#include "pl-ui-test.h"

#define LARGE_SIZE (10 * 1000 * 1000)
#define LARGE_ANNOTATIONS 100000

static char *tmp_dir;

static const char *words[] = {
  "states", "should", "cooperate", "on", "critical", "infrastructure", "and", "capacity",
  "building", "under", "international", "law", "with", "confidence", "measures", "today",
};

static void
spin_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *)user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
wait_for_frames (GtkWidget *widget)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

  gtk_widget_queue_draw (widget);
  while (frames < 3)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
}

/* A project with a 10 MB transcript (statements of about 200 characters, some with a
 * speaker) carrying 100,000 annotations, and two small documents. */
static PlProject *
large_project (PlDocument **large,
               PlDocument **small)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "large.plenary", NULL);
  g_autoptr(GString) text = g_string_sized_new (LARGE_SIZE + 1000);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GArray) specs = g_array_new (FALSE, FALSE, sizeof (PlAnnotationSpec));
  g_autoptr(GPtrArray) statements = NULL;
  PlProject *project;
  PlCoder *coder;
  GListModel *codes;
  guint n_codes;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 40);

  for (guint i = 0; text->len < LARGE_SIZE; i++)
    {
      gsize start = text->len;

      if (i % 4 == 0)
        g_string_append (text, "The representative of Kenya: ");
      g_string_append_printf (text, "Statement %u.", i + 1);
      while (text->len - start < 200)
        {
          g_string_append_c (text, ' ');
          g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
        }
      g_string_append (text, ".\n\n");
    }
  *large = pl_project_add_document (project, "Large transcript", text->str, NULL, &error);
  g_assert_no_error (error);
  *small = pl_project_add_document (project, "Small", "A short statement.\n\nAnother one, coded.", NULL, &error);
  g_assert_no_error (error);
  pl_project_add_document (project, "Smaller", "Just one.", NULL, &error);
  g_assert_no_error (error);
  coder = pl_project_ensure_coder (project, "Tester", &error);
  g_assert_no_error (error);

  codes = pl_project_get_codes (project);
  n_codes = g_list_model_get_n_items (codes);
  statements = pl_project_list_statements (project, pl_document_get_id (*large), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < LARGE_ANNOTATIONS; i++)
    {
      PlStatement *statement = g_ptr_array_index (statements, (i / 2) % statements->len);
      g_autoptr(PlCode) code = g_list_model_get_item (codes, g_rand_int_range (rand, 0, n_codes));
      guint start = statement->start + g_rand_int_range (rand, 0, 100);
      PlAnnotationSpec spec = { pl_document_get_id (*large), pl_code_get_id (code), coder->id, start,
                                MIN (statement->end, start + 5 + g_rand_int_range (rand, 0, 90)), NULL };

      if (pl_code_get_codable (code))
        g_array_append_val (specs, spec);
    }
  g_strfreev (pl_project_add_annotations (project, (PlAnnotationSpec *)specs->data, specs->len, NULL, &error));
  g_assert_no_error (error);
  return project;
}

/* Clicking documents in the sidebar every few milliseconds while the large one loads (its
 * highlights and header space in batches, its layout in GTK's own background validation),
 * opening none, and closing the window in the middle: nothing of the replaced document is
 * touched again (under AddressSanitizer too), and a document left open loads fully. */
static void
test_switch_while_loading (void)
{
  g_autoptr(PlProject) project = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (23);
  PlDocument *large, *small;
  PlTranscriptView *view;
  PlWindow *window;
  guint n_annotations;

  project = large_project (&large, &small);
  n_annotations = pl_document_get_n_annotations (large);
  g_assert_cmpuint (n_annotations, >, LARGE_ANNOTATIONS / 2);

  window = pl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  view = pl_window_get_transcript_view (window);
  spin_for (50);

  for (guint round = 0; round < 24; round++)
    {
      pl_window_open_document (window, large);
      g_assert_true (pl_transcript_view_get_document (view) == large);
      spin_for (g_rand_int_range (rand, 1, round % 3 == 0 ? 400 : 40));

      /* Scrolled somewhere while it loads, as a user would: to a statement far below,
       * which GTK has not laid out yet, or to the cursor. */
      if (round % 2 == 1)
        {
          GPtrArray *statements = pl_transcript_view_get_statements (view);

          if (round % 4 == 1)
            pl_transcript_view_scroll_to_statement (view, g_rand_int_range (rand, 1, statements->len + 1));
          else
            pl_transcript_view_place_cursor (view, g_rand_int_range (rand, 0, pl_document_get_length (large)), TRUE);
          spin_for (g_rand_int_range (rand, 1, 30));
        }

      pl_window_open_document (window, round % 5 == 4 ? NULL : small);
      /* Another document's batches never touch this one. */
      g_assert_false (pl_transcript_view_is_loading (view));
      spin_for (g_rand_int_range (rand, 1, 20));
    }

  /* Left open, the large document loads every annotation, in its index and its lanes. */
  pl_window_open_document (window, large);
  spin_for (5);
  pl_transcript_view_finish_loading (view);
  g_assert_false (pl_transcript_view_is_loading (view));
  g_assert_cmpuint (pl_annotation_index_get_n (pl_transcript_view_get_index (view)), ==, n_annotations);
  wait_for_frames (GTK_WIDGET (window));

  /* Closing the window while it loads. */
  pl_window_open_document (window, small);
  pl_window_open_document (window, large);
  spin_for (10);
  g_assert_true (pl_transcript_view_is_loading (view));
  gtk_window_destroy (GTK_WINDOW (window));
  spin_for (100);

  pl_project_close (project);
}

/* The text view as painted, in its own coordinates (B, G, R, A bytes). */
static guchar *
paint_text_view (GtkTextView *text_view,
                 int         *width,
                 int         *height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (text_view));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guchar *pixels;

  *width = gtk_widget_get_width (GTK_WIDGET (text_view));
  *height = gtk_widget_get_height (GTK_WIDGET (text_view));
  gdk_paintable_snapshot (paintable, snapshot, *width, *height);
  node = gtk_snapshot_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (text_view))),
                                         node, &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  pixels = g_malloc (4 * (gsize)*width * *height);
  gdk_texture_download (texture, pixels, 4 * (gsize)*width);
  return pixels;
}

/* Whether any pixel in rows [@top, @bottom) of the text, over the 200 pixels from its left
 * edge, differs from the background at the right end of its row. */
static gboolean
rows_are_painted (GtkTextView *text_view,
                  int          top,
                  int          bottom)
{
  int width, height, left;
  g_autofree guchar *pixels = paint_text_view (text_view, &width, &height);
  gsize stride = 4 * (gsize)width;

  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, 0, 0, &left, NULL);
  left += gtk_text_view_get_left_margin (text_view);
  g_assert_cmpint (bottom, <=, height);
  for (int y = top; y < bottom; y++)
    {
      const guchar *row = pixels + (gsize)y * stride;
      const guchar *background = row + 4 * (gsize)(width - 8);

      for (int x = left; x < left + 200 && x < width - 8; x++)
        {
          const guchar *p = row + 4 * (gsize)x;

          if (ABS (p[0] - background[0]) > 2 || ABS (p[1] - background[1]) > 2 || ABS (p[2] - background[2]) > 2)
            return TRUE;
        }
    }
  return FALSE;
}

/* The line box of the character at @offset, in the text view's coordinates. */
static void
line_rows (GtkTextView *text_view,
           guint        offset,
           int         *top,
           int         *bottom)
{
  GtkTextIter iter;
  GdkRectangle location;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (text_view, GTK_TEXT_WINDOW_WIDGET, 0, location.y, NULL, top);
  *bottom = *top + location.height;
}

/* An annotation over two statements underlines both, and paints nothing on the blank line
 * between them, neither a tint nor a stripe. */
static void
test_no_bars_between_statements (void)
{
  static const char text[] = "States should protect it.\n\nThey agreed on that.";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "blank.plenary", NULL);
  g_autoptr(PlProject) project = NULL;
  g_autoptr(PlAnnotation) annotation = NULL;
  PlDocument *document;
  GtkTextView *text_view;
  PlWindow *window;
  PlCoder *coder;
  int first_top, first_bottom, blank_top, blank_bottom, last_top, last_bottom;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 40);
  document = pl_project_add_document (project, "Two", text, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pl_document_get_n_statements (document), ==, 2);
  coder = pl_project_ensure_coder (project, "Tester", &error);
  annotation = pl_project_add_annotation (project,
                                          &(PlAnnotationSpec) { pl_document_get_id (document),
                                                                pl_code_get_id (pl_project_lookup_code (project, "THR.CI")),
                                                                coder->id, 7, 33, NULL },
                                          &error);
  g_assert_no_error (error);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  window = pl_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  pl_window_open_document (window, document);
  text_view = pl_transcript_view_get_text_view (pl_window_get_transcript_view (window));
  wait_for_frames (GTK_WIDGET (window));

  /* "should protect it." [7, 25), the blank line at 26, "They a" [27, 33); stripes are
   * drawn in the space under each line box. */
  line_rows (text_view, 7, &first_top, &first_bottom);
  line_rows (text_view, 26, &blank_top, &blank_bottom);
  line_rows (text_view, 27, &last_top, &last_bottom);
  g_assert_cmpint (first_bottom, <, blank_top);
  g_assert_cmpint (blank_bottom, <, last_top);

  g_assert_true (rows_are_painted (text_view, first_bottom, first_bottom + 4));
  g_assert_false (rows_are_painted (text_view, first_bottom + 4, last_top));
  g_assert_true (rows_are_painted (text_view, last_bottom, last_bottom + 4));

  gtk_window_destroy (GTK_WINDOW (window));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  pl_project_close (project);
}

static char *
menu_label (GMenuModel *menu,
            guint       i)
{
  char *label = NULL;

  g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  return label;
}

/* The main menu names what undo and redo will do, though it is only filled in when it
 * opens (not on every action). */
static void
test_undo_menu (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "menu.plenary", NULL);
  g_autoptr(PlProject) project = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *undo = NULL;
  g_autofree char *redo = NULL;
  PlWindow *window;
  PlCode *code;

  project = pl_project_open (path, PL_PROJECT_OPEN_CREATE | PL_PROJECT_OPEN_EXCLUSIVE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pl_codebook_load_starter (project, &error), >, 40);
  pl_project_add_document (project, "One", "States should protect critical infrastructure.", NULL, &error);
  g_assert_no_error (error);
  window = pl_window_new (NULL);
  pl_window_set_project (window, project);
  gtk_window_present (GTK_WINDOW (window));
  spin_for (20);

  code = pl_project_lookup_code (project, "THR.CI");
  pl_transcript_view_select_range (pl_window_get_transcript_view (window), 22, 45);
  g_assert_true (pl_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", pl_code_get_guid (code)));

  gtk_menu_button_popup (window->primary_menu_button);
  spin_for (20);
  expected = g_strdup_printf ("_Undo Apply “%s”", pl_code_get_name (code));
  undo = menu_label (G_MENU_MODEL (window->history_section), 0);
  redo = menu_label (G_MENU_MODEL (window->history_section), 1);
  g_assert_cmpstr (undo, ==, expected);
  g_assert_cmpstr (redo, ==, "_Redo");

  /* While it is open, it follows. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  g_clear_pointer (&redo, g_free);
  redo = menu_label (G_MENU_MODEL (window->history_section), 1);
  g_assert_true (g_str_has_prefix (redo, "_Redo Apply"));
  gtk_menu_button_popdown (window->primary_menu_button);

  gtk_window_destroy (GTK_WINDOW (window));
  pl_project_close (project);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  tmp_dir = g_dir_make_tmp ("plenary-large-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  {
    g_autofree char *data = g_build_filename (tmp_dir, "data", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
  }

  pl_ui_test_set_log_writer ();
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    return 77;
  adw_init ();

  g_test_add_func ("/large-document/no-bars-between-statements", test_no_bars_between_statements);
  g_test_add_func ("/large-document/switch-while-loading", test_switch_while_loading);
  g_test_add_func ("/window/undo-menu", test_undo_menu);

  status = g_test_run ();
  pl_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
